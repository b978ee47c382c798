/* SPDX-License-Identifier: ISC */
/*
 * list: the profile's committed snapshots, oldest first, with time, size
 * and file count, each read from its signature-checked manifest.  A
 * snapshot whose manifest fails the check is listed as such (exit 4).
 * From the journal: each snapshot's last drill, and whether a verify or a
 * drill found it missing or bad (until a verify --deep or a drill passes).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"

struct facts {
	json_t	*drills;	/* snapshot -> its last drill {result, ts} */
	json_t	*bad;		/* snapshot -> the finding {kind, ts, exit} */
	json_t	*positions;	/* snapshot -> its chain position */
};

/* Journal callback: last drills, and what verify and drill found bad. */
static int
facts_cb(void *arg, json_t *rec)
{
	struct facts *f = arg;
	const char *kind = NULL, *result = NULL, *snap = NULL, *ts = NULL;

	if (json_unpack(rec, "{s:s, s:s, s:s, s:{s:s}}", "kind", &kind,
	    "result", &result, "ts", &ts, "data", "snapshot", &snap) != 0)
		return 0;
	if (strcmp(kind, "drill") == 0)
		json_object_set_new(f->drills, snap, json_pack("{s:s, s:s}",
		    "result", result, "ts", ts));
	switch (rst_record_finding(rec, &snap)) {
	case 1:
		json_object_set_new(f->bad, snap, json_pack("{s:s, s:s, s:O}",
		    "kind", kind, "ts", ts, "exit", json_object_get(rec,
		    "exit")));
		break;
	case -1:
		json_object_del(f->bad, snap);
		break;
	}
	return 0;
}

static const char *
str_of(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? v : "?";
}

static const char *
last_drill(json_t *drills, const char *id)
{
	json_t *d = json_object_get(drills, id);

	return d ? json_string_value(json_object_get(d, "result")) : "none";
}

/* What the snapshot's own objects take in the repository. */
static uint64_t
stored_bytes(const struct rst_manifest *m)
{
	uint64_t stored = m->index.size + m->deleted.size;
	size_t i;

	for (i = 0; i < m->nparts; i++)
		stored += m->parts[i].size;
	return stored;
}

/*
 * A snapshot's place in its chain: 0 for a full, its parent's + 1 for an
 * incremental, -1 when the parent is not among the snapshots listed.
 */
static json_int_t
chain_position(json_t *pos, const struct rst_manifest *m)
{
	json_t *par;
	json_int_t n = 0;

	if (m->incremental) {
		par = json_object_get(pos, m->parent_id);
		n = par != NULL && json_integer_value(par) >= 0 ?
		    json_integer_value(par) + 1 : -1;
	}
	json_object_set_new(pos, m->snapshot, json_integer(n));
	return n;
}

static json_t *
row(const struct rst_manifest *m, const struct facts *f, bool future,
    json_int_t pos)
{
	json_t *bad = json_object_get(f->bad, m->snapshot), *o;

	o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:b, s:s, s:O, "
	    "s:b, s:s, s:I, s:I, s:I}", "snapshot", m->snapshot,
	    "started", m->started,
	    "finished", m->finished, "files", (json_int_t)m->files,
	    "bytes", (json_int_t)m->bytes,
	    "stored_bytes", (json_int_t)stored_bytes(m),
	    "parts", (json_int_t)m->nparts, "incomplete", m->incomplete,
	    "last_drill", last_drill(f->drills, m->snapshot),
	    "found_bad", bad ? bad : json_null(), "future", future,
	    "kind", m->incremental ? "incremental" : "full",
	    "chain_position", pos,
	    "stored_files", (json_int_t)m->stream_files,
	    "stored_file_bytes", (json_int_t)m->stream_bytes);
	if (o != NULL && m->incremental) {
		json_object_set_new(o, "parent", json_string(m->parent_id));
		json_object_set_new(o, "base", json_string(m->base_id));
	}
	return o;
}

static void
print_row(const struct rst_manifest *m, const struct facts *f, bool future,
    json_int_t pos)
{
	json_t *bad = json_object_get(f->bad, m->snapshot);
	char size[32], stored[32], kind[32];

	rst_format_size(m->bytes, size, sizeof(size));
	rst_format_size(stored_bytes(m), stored, sizeof(stored));
	if (!m->incremental)
		snprintf(kind, sizeof(kind), "full");
	else if (pos < 0)
		snprintf(kind, sizeof(kind), "incr ?");
	else
		snprintf(kind, sizeof(kind), "incr %lld", (long long)pos);
	printf("%-24s %-20s %10s %8llu  %-7s %10s  %s%s", m->snapshot,
	    m->started, size, (unsigned long long)m->files, kind, stored,
	    last_drill(f->drills, m->snapshot),
	    m->incomplete ? "  (incomplete)" : "");
	if (bad != NULL)
		printf("  FOUND BAD by %s at %s (exit %lld)",
		    str_of(bad, "kind"), str_of(bad, "ts"),
		    (long long)json_integer_value(json_object_get(bad,
		    "exit")));
	if (future)
		printf("  DATED IN THE FUTURE");
	printf("\n");
}

/* A snapshot dated more than a day after now: shown, and warned about. */
static bool
future(const char *id, int64_t now)
{
	if (!rst_snapshot_id_future(id, now))
		return false;
	rst_log_warn("snapshot %s is dated more than a day in the future "
	    "(a clock ahead, or an id set on purpose)", id);
	return true;
}

static int
list_all(struct rst_ctx *ctx, struct rst_storage *st, EVP_PKEY *key,
    struct rst_err *err)
{
	struct facts f = { json_object(), json_object(), json_object() };
	struct rst_strlist ids;
	struct rst_manifest *m;
	struct rst_err one;
	json_t *arr;
	int64_t now = rst_now_ns() / 1000000000;
	size_t i;
	json_int_t pos;
	int r, worst = 0;
	bool fut;

	/* Drill results come from the local journal, when there is one. */
	rst_err_clear(&one);
	if (rst_journal_foreach(ctx->profile, key, facts_cb, &f, &one) != 0)
		rst_log_warn("%s", one.msg);
	if ((r = rst_snapshot_list(st, ctx->profile->name, &ids, err)) != 0)
		goto out;
	arr = json_array();
	if (!ctx->json)
		printf("%-24s %-20s %10s %8s  %-7s %10s  %s\n", "SNAPSHOT",
		    "TIME", "SIZE", "FILES", "KIND", "STORED", "LAST DRILL");
	for (i = 0; i < ids.n; i++) {
		rst_err_clear(&one);
		if ((r = rst_snapshot_load(st, ctx->profile->name, ids.v[i],
		    key, &m, NULL, &one)) != 0) {
			rst_log_error("%s", one.msg);
			json_array_append_new(arr, json_pack("{s:s, s:s}",
			    "snapshot", ids.v[i], "error", one.msg));
			if (worst == 0) {
				worst = r;
				*err = one;
			}
			continue;
		}
		fut = future(m->snapshot, now);
		pos = chain_position(f.positions, m);
		json_array_append_new(arr, row(m, &f, fut, pos));
		if (!ctx->json)
			print_row(m, &f, fut, pos);
		rst_manifest_free(m);
	}
	json_object_set_new(ctx->result, "profile",
	    json_string(ctx->profile->name));
	json_object_set_new(ctx->result, "snapshots", arr);
	rst_strlist_release(&ids);
	r = worst;
 out:
	json_decref(f.drills);
	json_decref(f.bad);
	json_decref(f.positions);
	return r;
}

static int
cmd_list_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	(void)args;
	return list_all(ctx, ctx->access.st, ctx->access.key, err);
}

const struct rst_cmd rst_cmd_list = {
	.name = "list",
	.usage = "PROFILE",
	.summary = "list committed snapshots with time, size and files",
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_PROFILE | CMD_OPENS_REPO,
	.need = RST_NEED_VERIFY,
	.run = cmd_list_run,
};
