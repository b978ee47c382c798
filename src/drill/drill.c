/* SPDX-License-Identifier: ISC */
/*
 * drill: fetch and verify a snapshot, extract it into a fresh 0700 sandbox
 * under drill.scratch_dir (every file hashed as written against the signed
 * index, every write checked, the sandbox synced before the checks),
 * run the data set's checks, and measure each phase, the RTO (total wall
 * time) and the RPO (age of the newest good snapshot at the drill's start).
 * The sandbox is removed afterwards, on failure and on SIGINT/SIGTERM too,
 * unless the caller asked to keep it.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "restorable/drill.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"
#include "restorable/text.h"
#include "rehash.h"

#define DEFAULT_SCRATCH	"/var/tmp/restorable"

void
rst_drill_result_init(struct rst_drill_result *r)
{
	memset(r, 0, sizeof(*r));
	r->missing_paths = json_array();
	r->extra_paths = json_array();
	r->changed_paths = json_array();
	r->checks = json_array();
	r->reasons = json_array();
}

void
rst_drill_result_release(struct rst_drill_result *r)
{
	json_decref(r->missing_paths);
	json_decref(r->extra_paths);
	json_decref(r->changed_paths);
	json_decref(r->checks);
	json_decref(r->reasons);
	free(r->sandbox);
	rst_drill_details_release(r);
	memset(r, 0, sizeof(*r));
}

static void
reason(struct rst_drill_result *res, const char *fmt, ...)
    RST_PRINTF(2, 3);

static void
reason(struct rst_drill_result *res, const char *fmt, ...)
{
	char buf[2048];
	json_t *v;
	va_list ap;

	/* The verdict first: a reason that cannot be recorded still fails. */
	res->failed = true;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if ((v = rst_json_textn(buf, strlen(buf), RST_DRILL_REASON_MAX)) ==
	    NULL || json_array_append_new(res->reasons, v) != 0)
		rst_log_warn("drill: a failure reason could not be recorded");
}

/* The first failure's code, with up to three numbers or a name and one. */
static void
why(struct rst_drill_result *res, int code, const char *name, double a,
    double b, double c)
{
	double n[3] = { a, b, c };
	enum rst_reason_arg t;
	char arg[RST_REASON_ARGNAME];
	int i, k = 0;

	if (res->why.code != RST_REASON_NONE)
		return;
	rst_reason_init(&res->why, code);
	for (i = 0; rst_reason_arg(code, i, &t, arg, sizeof(arg)); i++)
		if (t == RST_RARG_TEXT)
			rst_reason_text(&res->why, i, name);
		else
			rst_reason_num(&res->why, i, n[k++]);
}

/*
 * RPO: age of the newest committed snapshot whose backup passed.  A newer
 * committed folder whose manifest does not verify (planted, damaged, or
 * served with other bytes than a moment ago) never counts; the first one
 * met is kept in *unverified.
 */
static int
measure_rpo(struct rst_storage *st, const struct rst_profile *p, EVP_PKEY *key,
    int64_t now, double *rpo, struct rst_err *unverified, struct rst_err *err)
{
	struct rst_manifest *m = NULL;
	struct rst_strlist ids;
	struct rst_err tmp;
	size_t i;
	int r;

	*rpo = -1;
	if ((r = rst_snapshot_list(st, p->name, &ids, err)) != 0)
		return r;
	for (i = ids.n; i-- > 0;) {
		rst_err_clear(&tmp);
		if ((r = rst_snapshot_load(st, p->name, ids.v[i], key, &m,
		    NULL, &tmp)) == RST_EINTEGRITY) {
			if (unverified->code == 0)
				*unverified = tmp;
			r = 0;
			continue;
		}
		if (r != 0) {
			*err = tmp;
			break;
		}
		if (!m->incomplete) {
			/* A snapshot "from the future" (clock skew) is fresh. */
			*rpo = now > rst_snapshot_id_time(ids.v[i]) ?
			    (double)(now - rst_snapshot_id_time(ids.v[i])) : 0;
			rst_manifest_free(m);
			break;
		}
		rst_manifest_free(m);
	}
	rst_strlist_release(&ids);
	return r;
}

static void
run_one_check(const struct rst_profile *p, const struct rst_check_cfg *c,
    char *const *env, struct rst_drill_result *res, struct rst_err *err)
{
	struct rst_buf out = RST_BUF_INIT;
	double t0 = rst_mono_seconds(), secs;
	bool timed_out = false;
	int status = -1, r;
	json_t *o;

	r = rst_check_run(p, c->command, env, c->timeout_ms, &out,
	    RST_DRILL_DETAILS_OUTPUT_MAX, &status, &timed_out, err);
	secs = rst_mono_seconds() - t0;
	o = json_pack("{s:o, s:s, s:i, s:f}", "name", rst_json_text(c->name),
	    "result", r == 0 && status == 0 && !timed_out ? "pass" : "fail",
	    "exit", status, "seconds", rst_ms(secs));
	rst_drill_details_check(res, c->name, status, out.data, out.len);
	if (o != NULL && out.len > 0 && json_object_set_new(o, "output",
	    rst_json_textn(out.data, out.len, RST_DRILL_OUTPUT_MAX)) != 0)
		rst_log_warn("check '%s': output not recorded", c->name);
	if (o == NULL || json_array_append_new(res->checks, o) != 0)
		reason(res, "check '%s': result could not be recorded",
		    c->name);
	if (r != 0) {
		why(res, RST_REASON_CHECK_FAILED, c->name, NAN, NAN, NAN);
		reason(res, "check '%s' could not run: %s", c->name, err->msg);
		rst_err_clear(err);
	} else if (timed_out) {
		why(res, RST_REASON_CHECK_TIMEOUT, c->name,
		    (double)c->timeout_ms / 1000, NAN, NAN);
		reason(res, "check '%s' timed out after %.0fs", c->name,
		    (double)c->timeout_ms / 1000);
	} else if (status != 0) {
		why(res, RST_REASON_CHECK_FAILED, c->name, status, NAN, NAN);
		reason(res, "check '%s' exited %d", c->name, status);
	}
	if (rst_log_get_level() > 0)
		rst_log_info("check '%s': %s (%.1fs)", c->name,
		    status == 0 && !timed_out ? "pass" : "FAIL", secs);
	rst_buf_release(&out);
}

static void
run_checks(const struct rst_profile *p, const char *sandbox, const char *id,
    struct rst_drill_result *res, struct rst_err *err)
{
	char *env[] = { "RESTORABLE_RESTORED", (char *)sandbox,
	    "RESTORABLE_SNAPSHOT", (char *)id, "RESTORABLE_PROFILE", p->name,
	    NULL, NULL };
	size_t i;

	for (i = 0; i < p->nchecks && rst_interrupted == 0; i++)
		run_one_check(p, &p->checks[i], env, res, err);
}

static void
judge(const struct rst_profile *p, struct rst_drill_result *res)
{
	if (res->missing > 0 || res->changed > 0 || res->extra > 0)
		why(res, RST_REASON_FILES_DIFFER, NULL, (double)res->missing,
		    (double)res->changed, (double)res->extra);
	if (p->rto_target_ms > 0 && res->rto * 1000 > (double)p->rto_target_ms)
		why(res, RST_REASON_RTO_MISSED, NULL, res->rto,
		    (double)p->rto_target_ms / 1000, NAN);
	if (p->rpo_target_ms > 0 && (res->rpo < 0 ||
	    res->rpo * 1000 > (double)p->rpo_target_ms))
		why(res, RST_REASON_RPO_MISSED, NULL, res->rpo < 0 ? NAN :
		    res->rpo, (double)p->rpo_target_ms / 1000, NAN);
	if (res->missing > 0)
		reason(res, "%llu files missing after restore",
		    (unsigned long long)res->missing);
	if (res->changed > 0)
		reason(res, "%llu files changed (do not match the signed index)",
		    (unsigned long long)res->changed);
	if (res->extra > 0)
		reason(res, "%llu extra files not in the index",
		    (unsigned long long)res->extra);
	if (p->rto_target_ms > 0 && res->rto * 1000 > (double)p->rto_target_ms)
		reason(res, "RTO %.3fs exceeds the target %.3fs", res->rto,
		    (double)p->rto_target_ms / 1000);
	if (p->rpo_target_ms > 0 && (res->rpo < 0 ||
	    res->rpo * 1000 > (double)p->rpo_target_ms))
		reason(res, "RPO %.0fs exceeds the target %.0fs", res->rpo,
		    (double)p->rpo_target_ms / 1000);
}

struct drill_ctx {
	struct rst_drill_result	*res;
	struct rst_sandbox	*sb;
};

static void
changed_cb(void *arg, const char *path)
{
	struct drill_ctx *c = arg;

	rst_drill_note(c->res, "changed", path);
}

static int
indexed_cb(void *arg, const struct rst_index_entry *e, struct rst_err *err)
{
	struct drill_ctx *c = arg;

	return rst_sandbox_indexed(c->sb, e, err);
}

/*
 * Into the sandbox: every file hashed as written and compared with the
 * signed index, every write checked, the sandbox synced; then the walk for
 * missing and extra entries.
 */
static int
extract_and_prove(struct rst_storage *st, const struct rst_chain *chain,
    const struct rst_drill_opts *o,
    struct rst_progress *prog, struct rst_drill_result *res,
    struct rst_sandbox *sb, struct rst_err *err)
{
	struct drill_ctx c = { res, sb };
	struct rst_restore_result rr;
	struct rst_restore_opts ro;
	double t = rst_mono_seconds();
	int r;

	memset(&ro, 0, sizeof(ro));
	ro.target = sb->path;
	ro.ids = o->ids;
	ro.force = o->force;
	ro.sandbox = true;
	ro.sandbox_fd = sb->fd;
	ro.changed = changed_cb;
	ro.indexed = indexed_cb;
	ro.arg = &c;
	r = rst_restore_extract(st, chain, &ro, prog, &rr, err);
	snprintf(res->cause, sizeof(res->cause), "%s", rr.cause);
	if (r != 0)
		return r;
	res->files_verified = rr.files - res->changed;
	res->extract = rst_mono_seconds() - t;
	t = rst_mono_seconds();
	rst_progress_phase(prog, "rehash");
	if ((r = rst_sandbox_check(sb, res, err)) != 0)
		return r;
	res->rehash = rst_mono_seconds() - t;
	return 0;
}

/* fetch + verify, then extract, prove and check inside the sandbox. */
static int
drill_phases(struct rst_storage *st, const struct rst_profile *p,
    const char *id, EVP_PKEY *key, const struct rst_drill_opts *o,
    struct rst_progress *prog, struct rst_drill_result *res,
    struct rst_sandbox *sb, struct rst_err *err)
{
	struct rst_chain *c = NULL;
	double t = rst_mono_seconds();
	size_t k;
	int r;

	/* The whole chain's manifests, each link checked. */
	if ((r = rst_chain_load(st, p->name, id, key, &c, err)) != 0)
		return r;
	memcpy(res->manifest_sha256, c->sha[c->n - 1], RST_SHA256_HEX);
	res->fetch = rst_mono_seconds() - t;
	/* Parts are verified as they are fetched, within the extraction. */
	for (k = 0; r == 0 && k < c->n; k++)
		r = rst_verify_listing(st, c->dir[k], c->m[k], err);
	if (r != 0 || (r = rst_sandbox_open(p->scratch_dir ? p->scratch_dir :
	    DEFAULT_SCRATCH, p->name, sb, err)) != 0)
		goto out;
	if ((res->sandbox = strdup(sb->path)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	rst_progress_totals(prog, c->m[c->n - 1]->bytes,
	    c->m[c->n - 1]->files, false);
	rst_progress_phase(prog, "extract");
	if ((r = extract_and_prove(st, c, o, prog, res, sb, err)) != 0)
		goto out;
	rst_progress_phase(prog, "checks");
	t = rst_mono_seconds();
	run_checks(p, res->sandbox, id, res, err);
	res->checks_s = rst_mono_seconds() - t;
	r = rst_interrupt_check(err);
 out:
	rst_chain_free(c);
	return r;
}

/* The reason a failed drill gives; an encrypted profile's names no file. */
static void
failure_reason(const struct rst_profile *p, int r, struct rst_drill_result *res,
    const struct rst_err *err)
{
	if (!p->encrypted)
		reason(res, "%s", err->msg);
	else if (r == RST_ECHECK && res->cause[0] != '\0')
		reason(res, "not restored: %s", res->cause);
	else
		reason(res, "%s", "the snapshot failed its integrity check or "
		    "could not be extracted");
}

int
rst_drill_run(struct rst_storage *st, const struct rst_profile *p,
    const char *id, EVP_PKEY *key, const struct rst_drill_opts *o,
    struct rst_progress *prog, struct rst_drill_result *res,
    struct rst_err *err)
{
	struct rst_err rmerr = RST_ERR_INIT;
	struct rst_sandbox sb;
	double t0 = rst_mono_seconds();
	int64_t now = rst_clock_now(&o->clock);
	int r;

	memset(&sb, 0, sizeof(sb));
	sb.fd = sb.basefd = -1;
	snprintf(res->snapshot, sizeof(res->snapshot), "%s", id);
	res->snapshot_age = (double)(now - rst_snapshot_id_time(id));
	if ((r = measure_rpo(st, p, key, now, &res->rpo, &res->unverified,
	    err)) != 0 ||
	    (r = rst_drill_details_open(res, p, id, err)) != 0)
		return r;
	r = drill_phases(st, p, id, key, o, prog, res, &sb, err);
	if (rst_drill_details_finish(res, p, &o->clock, &rmerr) != 0) {
		rst_log_warn("drill details not saved: %s", rmerr.msg);
		rst_err_clear(&rmerr);
	}
	rst_progress_done(prog);
	res->rto = rst_mono_seconds() - t0;
	if (rst_sandbox_close(&sb, o->keep, &rmerr) != 0)
		rst_log_warn("%s", rmerr.msg);
	if (!o->keep) {
		free(res->sandbox);
		res->sandbox = NULL;
	}
	if (r != 0) {
		failure_reason(p, r, res, err);
		return r;
	}
	judge(p, res);
	if (res->failed) {
		const char *why = json_string_value(json_array_get(
		    res->reasons, 0));

		rst_err_set_reason(err, &res->why);
		return rst_errf(err, RST_ECHECK, "drill of %s failed: %s", id,
		    why != NULL ? why : "see the log");
	}
	return 0;
}

json_t *
rst_drill_journal_data(const struct rst_drill_result *res,
    const struct rst_profile *p)
{
	json_t *d, *checks, *c;
	size_t i;

	d = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}",
	    "snapshot", res->snapshot, "manifest_sha256", res->manifest_sha256,
	    "files_verified", (json_int_t)res->files_verified,
	    "missing", (json_int_t)res->missing,
	    "extra", (json_int_t)res->extra,
	    "changed", (json_int_t)res->changed);
	if (!p->encrypted) {
		json_object_set(d, "missing_paths", res->missing_paths);
		json_object_set(d, "extra_paths", res->extra_paths);
		json_object_set(d, "changed_paths", res->changed_paths);
	}
	json_object_set_new(d, "phases", json_pack(
	    "{s:f, s:f, s:f, s:f, s:f}", "fetch", rst_ms(res->fetch),
	    "verify", rst_ms(res->verify), "extract", rst_ms(res->extract),
	    "rehash", rst_ms(res->rehash), "checks", rst_ms(res->checks_s)));
	json_object_set_new(d, "rto_seconds", json_real(rst_ms(res->rto)));
	if (res->rpo >= 0)
		json_object_set_new(d, "rpo_seconds", json_real(rst_ms(res->rpo)));
	json_object_set_new(d, "snapshot_age_seconds",
	    json_real(rst_ms(res->snapshot_age)));
	if (p->rto_target_ms > 0)
		json_object_set_new(d, "rto_target_seconds",
		    json_real(rst_ms((double)p->rto_target_ms / 1000)));
	if (p->rpo_target_ms > 0)
		json_object_set_new(d, "rpo_target_seconds",
		    json_real(rst_ms((double)p->rpo_target_ms / 1000)));
	checks = json_deep_copy(res->checks);
	json_array_foreach(checks, i, c)
		if (p->encrypted)
			json_object_del(c, "output");
	json_object_set_new(d, "checks", checks);
	if (json_array_size(res->reasons) > 0)
		json_object_set(d, "reasons", res->reasons);
	if (res->cause[0] != '\0')
		json_object_set_new(d, "cause", json_string(res->cause));
	if (res->details_file != NULL) {
		json_object_set_new(d, "details_sha256",
		    json_string(res->details_sha256));
		json_object_set_new(d, "details_file",
		    json_string(res->details_file));
	}
	if (res->details_age != NULL)
		json_object_set_new(d, "details_age",
		    json_string(res->details_age));
	return d;
}
