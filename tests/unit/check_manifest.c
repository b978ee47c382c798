/* SPDX-License-Identifier: ISC */
/* Unit tests: manifest and index lines, formatting and strict parsing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restorable/snapshot.h"
#include "../../src/snapshot/baseindex.h"
#include "suites.h"

#define H64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void
sample(struct rst_manifest *m, struct rst_part *parts)
{
	static char *src[] = { "/srv/a", NULL };

	memset(m, 0, sizeof(*m));
	m->profile = "civil-registry";
	m->snapshot = "20261124T185000Z-3f9a1c";
	m->host = "h";
	m->started = "2026-11-24T18:50:00Z";
	m->finished = "2026-11-24T18:51:00Z";
	m->tool = "restorable 0.1.0";
	m->compression = "zstd";
	m->encryption = "none";
	m->sources.v = src;
	m->sources.n = 1;
	m->stream_size = 3;
	memcpy(m->stream_sha256, H64, 65);
	parts[0].name = "stream.pax.zst.000000";
	parts[0].size = 3;
	memcpy(parts[0].sha256, H64, 65);
	m->parts = parts;
	m->nparts = 1;
	m->index.name = "index.jsonl.zst";
	m->index.size = 9;
	memcpy(m->index.sha256, H64, 65);
	m->files = 2;
	memcpy(m->signing_key, "SHA256:" H64, RST_FPR_LEN);
}

/* sample(), made incremental 1 of a chain: its parent and base, the
 * recipients' hash and the list of deleted files. */
static void
sample_incremental(struct rst_manifest *m, struct rst_part *parts)
{
	sample(m, parts);
	m->incremental = true;
	memcpy(m->parent_id, "20261124T175000Z-000001", RST_SNAP_ID_LEN + 1);
	memcpy(m->parent_sha256, H64, 65);
	memcpy(m->base_id, "20261124T165000Z-000002", RST_SNAP_ID_LEN + 1);
	memcpy(m->base_sha256, H64, 65);
	memcpy(m->recipients_sha256, H64, 65);
	m->deleted.name = RST_DELETED_NAME;
	memcpy(m->deleted.sha256, H64, 65);
}

START_TEST(manifest_round_trip)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_manifest m, *back = NULL;
	struct rst_part parts[1];
	char *text;
	size_t len;

	sample(&m, parts);
	ck_assert_int_eq(rst_manifest_format(&m, &text, &len, &err), 0);
	ck_assert_ptr_nonnull(strstr(text, "\"format\": \"restorable-manifest\""));
	ck_assert_int_eq(text[len - 1], '\n');
	ck_assert_int_eq(rst_manifest_parse(text, len, &back, &err), 0);
	ck_assert_str_eq(back->profile, "civil-registry");
	ck_assert_uint_eq(back->nparts, 1);
	ck_assert_str_eq(back->parts[0].name, "stream.pax.zst.000000");
	ck_assert_uint_eq(back->files, 2);
	ck_assert_uint_eq(back->sources.n, 1);
	ck_assert_str_eq(back->signing_key, "SHA256:" H64);
	rst_manifest_free(back);
	free(text);
}
END_TEST

START_TEST(manifest_incremental_round_trip)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_manifest m, *back = NULL;
	struct rst_part parts[1];
	char *text;
	size_t len;

	sample_incremental(&m, parts);
	m.stream_files = 1;
	m.stream_bytes = 7;
	m.deleted.size = 9;
	m.deleted_count = 2;
	m.index_patch_from = true;
	m.index_patch_in = true;
	ck_assert_int_eq(rst_manifest_format(&m, &text, &len, &err), 0);
	ck_assert_ptr_nonnull(strstr(text, "\"patch_from\": \"base-in\""));
	ck_assert_ptr_nonnull(strstr(text, "\"version\": 2"));
	ck_assert_ptr_nonnull(strstr(text, "\"kind\": \"incremental\""));
	ck_assert_int_eq(rst_manifest_parse(text, len, &back, &err), 0);
	ck_assert(back->incremental);
	ck_assert_int_eq(back->version, 2);
	ck_assert_str_eq(back->parent_id, "20261124T175000Z-000001");
	ck_assert_str_eq(back->base_id, "20261124T165000Z-000002");
	ck_assert_str_eq(back->deleted.name, RST_DELETED_NAME);
	ck_assert_uint_eq(back->deleted_count, 2);
	ck_assert(back->index_patch_from);
	ck_assert(back->index_patch_in);
	ck_assert_uint_eq(back->stream_files, 1);
	ck_assert_uint_eq(back->stream_bytes, 7);
	ck_assert_uint_eq(back->files, 2);
	ck_assert_str_eq(back->recipients_sha256, H64);
	rst_manifest_free(back);
	free(text);
}
END_TEST

/* Edit a formatted manifest: replace the first from with to. */
static int
parse_edited(const char *text, const char *from, const char *to)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_manifest *back = NULL;
	const char *at = strstr(text, from);
	char buf[8192];
	int r;

	ck_assert_ptr_nonnull(at);
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - text), text, to,
	    at + strlen(from));
	r = rst_manifest_parse(buf, strlen(buf), &back, &err);
	rst_manifest_free(back);
	return r;
}

START_TEST(manifest_rejects_bad_chain_fields)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_manifest m;
	struct rst_part parts[1];
	char *text;
	size_t len;

	sample_incremental(&m, parts);
	ck_assert_int_eq(rst_manifest_format(&m, &text, &len, &err), 0);
	ck_assert_int_eq(parse_edited(text, "\"version\": 2",
	    "\"version\": 1"), RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "\"kind\": \"incremental\"",
	    "\"kind\": \"full\""), RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "\"kind\": \"incremental\"",
	    "\"kind\": \"diff\""), RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "20261124T175000Z-000001",
	    "../../x"), RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "\"deleted.nul.zst\"",
	    "\"index.jsonl.zst\""), RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "\"parent\"", "\"parnet\""),
	    RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "\"recipients_sha256\": \"0",
	    "\"recipients_sha256\": \"X"), RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "\"deleted.nul.zst\"",
	    "\"deleted.nul.zst.age\""), 0);
	/* index.patch_from: "base" or "base-in", and never in a full. */
	ck_assert_int_eq(parse_edited(text, "\"files\": 2,",
	    "\"files\": 2, \"patch_from\": \"base\","), 0);
	ck_assert_int_eq(parse_edited(text, "\"files\": 2,",
	    "\"files\": 2, \"patch_from\": \"base-in\","), 0);
	ck_assert_int_eq(parse_edited(text, "\"files\": 2,",
	    "\"files\": 2, \"patch_from\": \"base-in \","), RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "\"files\": 2,",
	    "\"files\": 2, \"patch_from\": \"parent\","), RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "\"files\": 2,",
	    "\"files\": 2, \"patch_from\": 1,"), RST_EINTEGRITY);
	free(text);
	sample(&m, parts);
	ck_assert_int_eq(rst_manifest_format(&m, &text, &len, &err), 0);
	ck_assert_int_eq(parse_edited(text, "\"files\": 2,",
	    "\"files\": 2, \"patch_from\": \"base\","), RST_EINTEGRITY);
	ck_assert_int_eq(parse_edited(text, "\"files\": 2,",
	    "\"files\": 2, \"patch_from\": \"base-in\","), RST_EINTEGRITY);
	free(text);
}

/*
 * The prefix of a "base-in" index: file and hard link lines ending with
 * their stream position end with "in" instead; nothing else changes.
 */
START_TEST(base_index_with_in)
{
	static const char plain[] =
	    "{\"path\":\"d\",\"type\":\"dir\",\"zframe\":0,\"zoff\":0}\n"
	    "{\"path\":\"d/f\",\"type\":\"file\",\"size\":1,"
	    "\"zframe\":0,\"zoff\":1024}\n"
	    "{\"path\":\"d/h\",\"type\":\"hardlink\",\"target\":\"d/f\","
	    "\"zframe\":16777300,\"zoff\":0}\n"
	    "{\"path\":\"d/old\",\"type\":\"file\",\"size\":1}\n"
	    "{\"path\":\"d/x\\\",\\\"type\\\":\\\"file\\\",\",\"type\":\"symlink\","
	    "\"target\":\"f\",\"zframe\":0,\"zoff\":9}\n"
	    "{\"path\":\"d/y\",\"type\":\"file\",\"zframe\":,\"zoff\":1}\n"
	    "{\"path\":\"d/z\",\"type\":\"file\",\"zframe\":1,\"zoff\":2}";
	static const char want[] =
	    "{\"path\":\"d\",\"type\":\"dir\",\"zframe\":0,\"zoff\":0}\n"
	    "{\"path\":\"d/f\",\"type\":\"file\",\"size\":1,"
	    "\"in\":\"20261124T165000Z-000002\"}\n"
	    "{\"path\":\"d/h\",\"type\":\"hardlink\",\"target\":\"d/f\","
	    "\"in\":\"20261124T165000Z-000002\"}\n"
	    "{\"path\":\"d/old\",\"type\":\"file\",\"size\":1}\n"
	    "{\"path\":\"d/x\\\",\\\"type\\\":\\\"file\\\",\",\"type\":\"symlink\","
	    "\"target\":\"f\",\"zframe\":0,\"zoff\":9}\n"
	    "{\"path\":\"d/y\",\"type\":\"file\",\"zframe\":,\"zoff\":1}\n"
	    "{\"path\":\"d/z\",\"type\":\"file\","
	    "\"in\":\"20261124T165000Z-000002\"}";
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf in = RST_BUF_INIT, out = RST_BUF_INIT;

	ck_assert_int_eq(rst_buf_append(&in, plain, strlen(plain)), 0);
	ck_assert_int_eq(rst_baseindex_with_in(&in, "20261124T165000Z-000002",
	    &out, &err), 0);
	ck_assert_uint_eq(out.len, strlen(want));
	ck_assert(memcmp(out.data, want, out.len) == 0);
	rst_buf_release(&in);
	rst_buf_release(&out);
}
END_TEST
END_TEST

START_TEST(manifest_rejects_unsafe_part_names)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_manifest m, *back = NULL;
	struct rst_part parts[1];
	char *text;
	size_t len;

	sample(&m, parts);
	parts[0].name = "../../keys/x";
	ck_assert_int_eq(rst_manifest_format(&m, &text, &len, &err), 0);
	ck_assert_int_eq(rst_manifest_parse(text, len, &back, &err),
	    RST_EINTEGRITY);
	ck_assert_ptr_null(back);
	free(text);
}
END_TEST

START_TEST(manifest_rejects_malformed)
{
	static const char *bad[] = {
		"", "{", "[]", "{\"format\":\"restorable-manifest\"}",
		"{\"format\":\"other\",\"version\":1}",
	};
	struct rst_err err = RST_ERR_INIT;
	struct rst_manifest *m = NULL;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rst_err_clear(&err);
		ck_assert_int_eq(rst_manifest_parse(bad[i], strlen(bad[i]), &m,
		    &err), RST_EINTEGRITY);
		ck_assert_ptr_null(m);
	}
}
END_TEST

START_TEST(index_line_fields_and_order)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	struct rst_index_entry e;

	memset(&e, 0, sizeof(e));
	e.type = RST_ENTRY_FILE;
	e.path = "srv/registry/docs/a.pdf";
	e.mode = 0644;
	e.size = 1234;
	e.mtime_sec = 1795514400;
	memcpy(e.sha256, H64, 65);
	ck_assert_int_eq(rst_index_format(&e, &b, &err), 0);
	ck_assert_str_eq((char *)b.data, "{\"path\":\"srv/registry/docs/a.pdf\","
	    "\"type\":\"file\",\"mode\":\"0644\",\"size\":1234,"
	    "\"mtime\":\"2026-11-24T10:00:00Z\",\"sha256\":\"" H64 "\"}\n");
	rst_buf_release(&b);
}
END_TEST

START_TEST(index_in_round_trip)
{
	static const char *bad[] = {
		"{\"path\":\"a\",\"type\":\"dir\",\"in\":"
		    "\"20261124T185000Z-3f9a1c\"}",
		"{\"path\":\"a\",\"type\":\"file\",\"mode\":\"0644\","
		    "\"sha256\":\"" H64 "\",\"in\":\"../x\"}",
		"{\"path\":\"a\",\"type\":\"file\",\"mode\":\"0644\","
		    "\"sha256\":\"" H64 "\",\"stale\":true}",
		"{\"path\":\"a\",\"type\":\"hardlink\",\"target\":\"b\","
		    "\"in\":\"20261124T185000Z-3f9a1c\",\"stale\":true}",
	};
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	struct rst_index_entry e, back;
	size_t i;

	memset(&e, 0, sizeof(e));
	e.type = RST_ENTRY_FILE;
	e.path = "srv/a";
	e.mode = 0644;
	memcpy(e.sha256, H64, 65);
	memcpy(e.in, "20261124T185000Z-3f9a1c", RST_SNAP_ID_LEN + 1);
	e.stale = true;
	ck_assert_int_eq(rst_index_format(&e, &b, &err), 0);
	ck_assert_ptr_nonnull(strstr((char *)b.data,
	    ",\"in\":\"20261124T185000Z-3f9a1c\",\"stale\":true}"));
	ck_assert_int_eq(rst_index_parse((char *)b.data, b.len - 1, &back,
	    &err), 0);
	ck_assert_str_eq(back.in, "20261124T185000Z-3f9a1c");
	ck_assert(back.stale);
	rst_index_entry_release(&back);
	rst_buf_release(&b);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rst_err_clear(&err);
		ck_assert_int_eq(rst_index_parse(bad[i], strlen(bad[i]), &back,
		    &err), RST_EINTEGRITY);
	}
}
END_TEST

START_TEST(index_owner_round_trip)
{
	static const char *bad[] = {
		"{\"path\":\"a\",\"type\":\"dir\",\"uid\":1}",
		"{\"path\":\"a\",\"type\":\"dir\",\"uid\":-2,\"gid\":0}",
		"{\"path\":\"a\",\"type\":\"dir\",\"uid\":4294967296,"
		    "\"gid\":0}",
		"{\"path\":\"a\",\"type\":\"dir\",\"uid\":\"0\",\"gid\":0}",
	};
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	static const char old[] = "{\"path\":\"a\",\"type\":\"dir\"}";
	struct rst_index_entry e, back;
	size_t i;

	memset(&e, 0, sizeof(e));
	e.type = RST_ENTRY_DIR;
	e.path = "srv/x";
	e.mode = 0750;
	e.has_owner = true;
	e.uid = 4294967295u;
	e.gid = 33;
	ck_assert_int_eq(rst_index_format(&e, &b, &err), 0);
	ck_assert_ptr_nonnull(strstr((char *)b.data,
	    "\"uid\":4294967295,\"gid\":33}"));
	ck_assert_int_eq(rst_index_parse((char *)b.data, b.len - 1, &back,
	    &err), 0);
	ck_assert(back.has_owner);
	ck_assert_uint_eq(back.uid, 4294967295u);
	ck_assert_uint_eq(back.gid, 33);
	rst_index_entry_release(&back);
	/* Older indexes without owners still parse, without one. */
	ck_assert_int_eq(rst_index_parse(old, strlen(old), &back, &err), 0);
	ck_assert(!back.has_owner);
	rst_index_entry_release(&back);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rst_err_clear(&err);
		ck_assert_int_eq(rst_index_parse(bad[i], strlen(bad[i]), &back,
		    &err), RST_EINTEGRITY);
	}
	rst_buf_release(&b);
}
END_TEST

START_TEST(index_odd_names_round_trip)
{
	static const char *names[] = { "a b/c\nd", "proc\xc3\xa8s",
	    "bad\xff\xfename", "quote\"back\\slash" };
	struct rst_err err = RST_ERR_INIT;
	struct rst_index_entry e, back;
	struct rst_buf b = RST_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		memset(&e, 0, sizeof(e));
		e.type = RST_ENTRY_SYMLINK;
		e.path = (char *)names[i];
		e.target = (char *)names[(i + 2) % 4];
		b.len = 0;
		ck_assert_int_eq(rst_index_format(&e, &b, &err), 0);
		ck_assert_ptr_null(memchr(b.data, '\n', b.len - 1));
		ck_assert_int_eq(rst_index_parse((char *)b.data, b.len - 1,
		    &back, &err), 0);
		ck_assert_str_eq(back.path, names[i]);
		ck_assert_str_eq(back.target, names[(i + 2) % 4]);
		ck_assert_int_eq(back.type, RST_ENTRY_SYMLINK);
		rst_index_entry_release(&back);
	}
	/* Not UTF-8: carried base64-encoded, under its own key. */
	e.path = (char *)names[2];
	e.target = (char *)names[0];
	b.len = 0;
	ck_assert_int_eq(rst_index_format(&e, &b, &err), 0);
	ck_assert_ptr_nonnull(strstr((char *)b.data, "\"path_b64\":"));
	ck_assert_ptr_null(strstr((char *)b.data, "\"path\":"));
	rst_buf_release(&b);
}
END_TEST

START_TEST(index_rejects_malformed_lines)
{
	static const char *bad[] = {
		"{}", "{\"path\":\"a\",\"type\":\"bogus\"}",
		"{\"path\":\"a\",\"type\":\"file\",\"mode\":\"0644\"}",
		"{\"path_b64\":\"!!\",\"type\":\"dir\"}", "not json",
	};
	struct rst_err err = RST_ERR_INIT;
	struct rst_index_entry e;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rst_err_clear(&err);
		ck_assert_int_eq(rst_index_parse(bad[i], strlen(bad[i]), &e,
		    &err), RST_EINTEGRITY);
	}
}
END_TEST

START_TEST(snapshot_ids)
{
	ck_assert(rst_snapshot_id_valid("20261124T185000Z-3f9a1c"));
	ck_assert(!rst_snapshot_id_valid("20261124T185000Z-3F9A1C"));
	ck_assert(!rst_snapshot_id_valid("20261124T185000Z-3f9a1"));
	ck_assert(!rst_snapshot_id_valid("2026112xT185000Z-3f9a1c"));
	ck_assert(!rst_snapshot_id_valid("../../../../etc/passw"));
}
END_TEST

/* finding(JSON): rst_record_finding of a record, with its snapshot. */
static int
finding(const char *text)
{
	json_t *rec = json_loads(text, 0, NULL);
	const char *snap = NULL;
	int r;

	ck_assert_ptr_nonnull(rec);
	r = rst_record_finding(rec, &snap);
	if (r != 0)
		ck_assert_str_eq(snap, "20261124T185000Z-3f9a1c");
	json_decref(rec);
	return r;
}

#define REC(kind, result, code, data) "{\"kind\":\"" kind "\",\"result\":\"" \
	result "\",\"exit\":" #code ",\"data\":{\"snapshot\":" \
	"\"20261124T185000Z-3f9a1c\"" data "}}"

START_TEST(record_findings)
{
	/* Found bad: verify exit 4; drill exit 4 or files that differ. */
	ck_assert_int_eq(finding(REC("verify", "fail", 4, "")), 1);
	ck_assert_int_eq(finding(REC("drill", "fail", 4, "")), 1);
	ck_assert_int_eq(finding(REC("drill", "fail", 1, ",\"changed\":1")), 1);
	ck_assert_int_eq(finding(REC("drill", "fail", 1, ",\"missing\":2")), 1);
	/* A failing check, a storage error, an unfinished drill: no finding. */
	ck_assert_int_eq(finding(REC("drill", "fail", 1, ",\"changed\":0")), 0);
	ck_assert_int_eq(finding(REC("verify", "error", 3, "")), 0);
	ck_assert_int_eq(finding(REC("drill", "error", 70, "")), 0);
	/* Found intact: verify --deep or a drill that passed. */
	ck_assert_int_eq(finding(REC("verify", "pass", 0, ",\"deep\":true")), -1);
	ck_assert_int_eq(finding(REC("verify", "pass", 0, ",\"deep\":false")), 0);
	ck_assert_int_eq(finding(REC("drill", "pass", 0, "")), -1);
	ck_assert_int_eq(finding(REC("backup", "pass", 0, "")), 0);
	ck_assert_int_eq(finding("{\"kind\":\"verify\",\"exit\":4,"
	    "\"data\":{\"snapshot\":\"../x\"}}"), 0);
	/* Dated more than a day after now. */
	ck_assert(!rst_snapshot_id_future("20261124T185000Z-3f9a1c",
	    rst_snapshot_id_time("20261124T185000Z-3f9a1c") - 86400));
	ck_assert(rst_snapshot_id_future("20261124T185000Z-3f9a1c",
	    rst_snapshot_id_time("20261124T185000Z-3f9a1c") - 86401));
}
END_TEST

Suite *
rst_manifest_suite(void)
{
	Suite *s = suite_create("manifest");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, manifest_round_trip);
	tcase_add_test(tc, manifest_incremental_round_trip);
	tcase_add_test(tc, manifest_rejects_bad_chain_fields);
	tcase_add_test(tc, base_index_with_in);
	tcase_add_test(tc, manifest_rejects_unsafe_part_names);
	tcase_add_test(tc, manifest_rejects_malformed);
	tcase_add_test(tc, index_line_fields_and_order);
	tcase_add_test(tc, index_odd_names_round_trip);
	tcase_add_test(tc, index_owner_round_trip);
	tcase_add_test(tc, index_in_round_trip);
	tcase_add_test(tc, index_rejects_malformed_lines);
	tcase_add_test(tc, snapshot_ids);
	tcase_add_test(tc, record_findings);
	suite_add_tcase(s, tc);
	return s;
}
