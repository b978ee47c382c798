/* SPDX-License-Identifier: ISC */
/*
 * manifest.json: what a snapshot holds (parts with their hashes, the index,
 * counts) in the layout DESIGN.md fixes.  The manifest is the document the
 * Ed25519 signature covers, so parsing is strict: a missing or mistyped
 * field is an integrity failure, not a default.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "restorable/snapshot.h"

static json_t *
part_json(const struct rst_part *p)
{
	return json_pack("{s:s, s:I, s:s}", "name", p->name, "size",
	    (json_int_t)p->size, "sha256", p->sha256);
}

static json_t *
stream_json(const struct rst_manifest *m)
{
	json_t *s = json_pack("{s:s, s:s, s:I, s:s, s:I, s:I}",
	    "compression", m->compression, "encryption", m->encryption,
	    "size", (json_int_t)m->stream_size, "sha256", m->stream_sha256,
	    "files", (json_int_t)m->stream_files,
	    "bytes", (json_int_t)m->stream_bytes);

	if (s != NULL && m->recipients_sha256[0] != '\0')
		json_object_set_new(s, "recipients_sha256",
		    json_string(m->recipients_sha256));
	return s;
}

/* "parent" and "base" of an incremental, after "kind". */
static int
chain_json(json_t *o, const struct rst_manifest *m)
{
	return json_object_set_new(o, "parent", json_pack("{s:s, s:s}",
	    "id", m->parent_id, "manifest_sha256", m->parent_sha256)) |
	    json_object_set_new(o, "base", json_pack("{s:s, s:s}",
	    "id", m->base_id, "manifest_sha256", m->base_sha256));
}

static json_t *
manifest_json(const struct rst_manifest *m)
{
	json_t *o, *parts, *src, *index, *warn;
	size_t i;

	parts = json_array();
	for (i = 0; parts != NULL && i < m->nparts; i++)
		json_array_append_new(parts, part_json(&m->parts[i]));
	index = json_pack("{s:s, s:I, s:s, s:I, s:I, s:I}",
	    "name", m->index.name, "size", (json_int_t)m->index.size,
	    "sha256", m->index.sha256, "files", (json_int_t)m->files,
	    "dirs", (json_int_t)m->dirs, "bytes", (json_int_t)m->bytes);
	warn = json_pack("{s:I, s:I, s:I}",
	    "unreadable", (json_int_t)m->unreadable,
	    "changed", (json_int_t)m->changed,
	    "vanished", (json_int_t)m->vanished);
	o = json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s}",
	    "format", "restorable-manifest", "version",
	    m->incremental ? 2 : 1,
	    "profile", m->profile, "snapshot", m->snapshot, "host", m->host,
	    "started", m->started, "finished", m->finished, "tool", m->tool,
	    "incomplete", m->incomplete,
	    "kind", m->incremental ? "incremental" : "full");
	if (o == NULL || parts == NULL || index == NULL || warn == NULL) {
		json_decref(o);
		json_decref(parts);
		json_decref(index);
		json_decref(warn);
		return NULL;
	}
	if (m->incremental && chain_json(o, m) != 0) {
		json_decref(o);
		json_decref(parts);
		json_decref(index);
		json_decref(warn);
		return NULL;
	}
	if (strcmp(m->encryption, "none") == 0) {
		src = json_array();
		for (i = 0; src != NULL && i < m->sources.n; i++)
			json_array_append_new(src,
			    json_string(m->sources.v[i]));
		json_object_set_new(o, "sources", src);
	}
	json_object_set_new(o, "stream", stream_json(m));
	json_object_set_new(o, "parts", parts);
	if (m->index_patch_from)
		json_object_set_new(index, "patch_from",
		    json_string(m->index_patch_in ? "base-in" : "base"));
	json_object_set_new(o, "index", index);
	if (m->deleted.name != NULL)
		json_object_set_new(o, "deleted", json_pack("{s:s, s:I, s:s,"
		    " s:I}", "name", m->deleted.name,
		    "size", (json_int_t)m->deleted.size,
		    "sha256", m->deleted.sha256,
		    "count", (json_int_t)m->deleted_count));
	json_object_set_new(o, "warnings", warn);
	json_object_set_new(o, "signing_key", json_string(m->signing_key));
	return o;
}

int
rst_manifest_format(const struct rst_manifest *m, char **out, size_t *len,
    struct rst_err *err)
{
	json_t *o;
	char *s, *nl;

	*out = NULL;
	if ((o = manifest_json(m)) == NULL)
		return rst_errf(err, RST_ENOMEM, "manifest: out of memory");
	s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL || (nl = rst_strdupf("%s\n", s)) == NULL) {
		free(s);
		return rst_errf(err, RST_ENOMEM, "manifest: out of memory");
	}
	free(s);
	*out = nl;
	*len = strlen(nl);
	return 0;
}

static bool
hex64(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 64)
		return false;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool
safe_part_name(const char *s)
{
	return s != NULL && s[0] != '\0' && strchr(s, '/') == NULL &&
	    strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

static int
parse_part(json_t *j, struct rst_part *p, struct rst_err *err)
{
	const char *name = NULL, *sha = NULL;
	json_int_t size = -1;

	if (json_unpack(j, "{s:s, s:I, s:s}", "name", &name, "size", &size,
	    "sha256", &sha) != 0 || size < 0 || !hex64(sha) ||
	    !safe_part_name(name))
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: malformed part entry");
	if ((p->name = strdup(name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	p->size = (uint64_t)size;
	memcpy(p->sha256, sha, RST_SHA256_HEX);
	return 0;
}

#define DUP(field, src)	\
	if ((m->field = strdup(src)) == NULL) \
		goto nomem

static int
parse_top(json_t *o, struct rst_manifest *m, struct rst_err *err)
{
	const char *fmt, *prof, *snap, *host, *st, *fin, *tool, *comp, *enc;
	const char *ssha, *key;
	json_int_t ver, ssize;
	int inc;

	if (json_unpack(o, "{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b,"
	    " s:{s:s, s:s, s:I, s:s}, s:s}",
	    "format", &fmt, "version", &ver, "profile", &prof,
	    "snapshot", &snap, "host", &host, "started", &st,
	    "finished", &fin, "tool", &tool, "incomplete", &inc,
	    "stream", "compression", &comp, "encryption", &enc,
	    "size", &ssize, "sha256", &ssha, "signing_key", &key) != 0 ||
	    strcmp(fmt, "restorable-manifest") != 0 || (ver != 1 &&
	    ver != 2) ||
	    ssize < 0 || !hex64(ssha) || strlen(key) != RST_FPR_LEN - 1)
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: missing or malformed fields");
	DUP(profile, prof); DUP(snapshot, snap); DUP(host, host);
	DUP(started, st); DUP(finished, fin); DUP(tool, tool);
	DUP(compression, comp); DUP(encryption, enc);
	m->incomplete = inc;
	m->version = (int)ver;
	m->stream_size = (uint64_t)ssize;
	memcpy(m->stream_sha256, ssha, RST_SHA256_HEX);
	memcpy(m->signing_key, key, RST_FPR_LEN);
	return 0;
 nomem:
	return rst_errf(err, RST_ENOMEM, "out of memory");
}

static int
parse_lists(json_t *o, struct rst_manifest *m, struct rst_err *err)
{
	json_t *parts, *idx, *w, *v;
	json_int_t files, dirs, bytes;
	size_t i;
	int r;

	parts = json_object_get(o, "parts");
	idx = json_object_get(o, "index");
	if (!json_is_array(parts) || json_array_size(parts) == 0 ||
	    (r = parse_part(idx, &m->index, err)) != 0 ||
	    json_unpack(idx, "{s:I, s:I, s:I}", "files", &files, "dirs",
	    &dirs, "bytes", &bytes) != 0 || files < 0 || dirs < 0 ||
	    bytes < 0)
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: malformed parts or index");
	m->files = (uint64_t)files;
	m->dirs = (uint64_t)dirs;
	m->bytes = (uint64_t)bytes;
	if ((m->parts = calloc(json_array_size(parts), sizeof(*m->parts)))
	    == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	json_array_foreach(parts, i, v) {
		if ((r = parse_part(v, &m->parts[i], err)) != 0)
			return r;
		m->nparts++;
	}
	if ((w = json_object_get(o, "warnings")) != NULL) {
		json_int_t a = 0, b = 0, c = 0;

		if (json_unpack(w, "{s:I, s:I, s:I}", "unreadable", &a,
		    "changed", &b, "vanished", &c) != 0)
			return rst_errf(err, RST_EINTEGRITY,
			    "manifest.json: malformed warnings");
		m->unreadable = (uint64_t)a;
		m->changed = (uint64_t)b;
		m->vanished = (uint64_t)c;
	}
	if ((v = json_object_get(o, "sources")) != NULL && json_is_array(v)) {
		if ((m->sources.v = calloc(json_array_size(v) + 1,
		    sizeof(char *))) == NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		json_array_foreach(v, i, w) {
			if (!json_is_string(w) || (m->sources.v[i] =
			    strdup(json_string_value(w))) == NULL)
				return rst_errf(err, RST_EINTEGRITY,
				    "manifest.json: malformed sources");
			m->sources.n++;
		}
	}
	return 0;
}

static int
link_field(json_t *o, const char *key, char id[RST_SNAP_ID_LEN + 1],
    char sha[RST_SHA256_HEX])
{
	const char *i = NULL, *h = NULL;

	if (json_unpack(json_object_get(o, key), "{s:s, s:s}", "id", &i,
	    "manifest_sha256", &h) != 0 || !rst_snapshot_id_valid(i) ||
	    !hex64(h))
		return -1;
	memcpy(id, i, RST_SNAP_ID_LEN + 1);
	memcpy(sha, h, RST_SHA256_HEX);
	return 0;
}

/* index.patch_from: "base" or "base-in" in an incremental, or absent. */
static int
parse_patch_from(json_t *o, struct rst_manifest *m, struct rst_err *err)
{
	json_t *pf = json_object_get(json_object_get(o, "index"),
	    "patch_from");
	const char *v = json_is_string(pf) ? json_string_value(pf) : "";

	if (pf == NULL)
		return 0;
	if (strcmp(v, "base") != 0 && strcmp(v, "base-in") != 0)
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: malformed index.patch_from");
	m->index_patch_from = true;
	m->index_patch_in = strcmp(v, "base-in") == 0;
	return 0;
}

/*
 * "kind", and for an incremental (version 2, and only then) its parent,
 * base and deletions object.
 */
static int
parse_chain(json_t *o, struct rst_manifest *m, struct rst_err *err)
{
	json_t *k = json_object_get(o, "kind"), *d;
	json_int_t count = -1;
	const char *kind = json_is_string(k) ? json_string_value(k) : NULL;

	if (k != NULL && (kind == NULL || (strcmp(kind, "full") != 0 &&
	    strcmp(kind, "incremental") != 0)))
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: malformed kind");
	m->incremental = kind != NULL && strcmp(kind, "incremental") == 0;
	if (m->incremental != (m->version == 2))
		return rst_errf(err, RST_EINTEGRITY, "manifest.json: an "
		    "incremental must be version 2, a full version 1");
	if (!m->incremental)
		return json_object_get(json_object_get(o, "index"),
		    "patch_from") == NULL ? 0 : rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: a full's index has no patch_from");
	d = json_object_get(o, "deleted");
	if (link_field(o, "parent", m->parent_id, m->parent_sha256) != 0 ||
	    link_field(o, "base", m->base_id, m->base_sha256) != 0 ||
	    parse_part(d, &m->deleted, err) != 0 ||
	    json_unpack(d, "{s:I}", "count", &count) != 0 || count < 0 ||
	    (strcmp(m->deleted.name, RST_DELETED_NAME) != 0 &&
	    strcmp(m->deleted.name, RST_DELETED_NAME ".age") != 0)) {
		rst_err_clear(err);
		return rst_errf(err, RST_EINTEGRITY, "manifest.json: malformed "
		    "parent, base or deleted");
	}
	m->deleted_count = (uint64_t)count;
	return parse_patch_from(o, m, err);
}

/* stream.files, .bytes, .recipients_sha256 (absent in older manifests). */
static int
parse_stream_extra(json_t *o, struct rst_manifest *m, struct rst_err *err)
{
	json_t *s = json_object_get(o, "stream"), *f, *b, *rs;

	f = json_object_get(s, "files");
	b = json_object_get(s, "bytes");
	rs = json_object_get(s, "recipients_sha256");
	if ((f == NULL) != (b == NULL) || (f != NULL && (!json_is_integer(f)
	    || !json_is_integer(b) || json_integer_value(f) < 0 ||
	    json_integer_value(b) < 0)) || (rs != NULL &&
	    (!json_is_string(rs) || !hex64(json_string_value(rs)))) ||
	    (m->incremental && (f == NULL || rs == NULL)))
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: malformed stream counts");
	m->stream_files = f != NULL ? (uint64_t)json_integer_value(f) :
	    m->files;
	m->stream_bytes = b != NULL ? (uint64_t)json_integer_value(b) :
	    m->bytes;
	if (rs != NULL)
		memcpy(m->recipients_sha256, json_string_value(rs),
		    RST_SHA256_HEX);
	return 0;
}

int
rst_manifest_parse(const void *p, size_t n, struct rst_manifest **out,
    struct rst_err *err)
{
	struct rst_manifest *m;
	json_error_t je;
	json_t *o;
	int r;

	*out = NULL;
	if ((o = json_loadb(p, n, JSON_REJECT_DUPLICATES, &je)) == NULL)
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: line %d: %s", je.line, je.text);
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		json_decref(o);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	if ((r = parse_top(o, m, err)) == 0 &&
	    (r = parse_lists(o, m, err)) == 0 &&
	    (r = parse_chain(o, m, err)) == 0)
		r = parse_stream_extra(o, m, err);
	json_decref(o);
	if (r != 0) {
		rst_manifest_free(m);
		return r;
	}
	*out = m;
	return 0;
}

void
rst_manifest_free(struct rst_manifest *m)
{
	if (m == NULL)
		return;
	rst_manifest_release(m);
	free(m);
}

int
rst_part_copy(struct rst_part *dst, const struct rst_part *src)
{
	*dst = *src;
	if (src->name != NULL && (dst->name = strdup(src->name)) == NULL)
		return -1;
	return 0;
}

void
rst_manifest_release(struct rst_manifest *m)
{
	size_t i;

	free(m->profile);
	free(m->snapshot);
	free(m->host);
	free(m->started);
	free(m->finished);
	free(m->tool);
	free(m->compression);
	free(m->encryption);
	for (i = 0; i < m->nparts; i++)
		free(m->parts[i].name);
	free(m->parts);
	free(m->index.name);
	free(m->deleted.name);
	rst_strlist_release(&m->sources);
	memset(m, 0, sizeof(*m));
}
