/* SPDX-License-Identifier: ISC */
/*
 * report: the evidence report for auditors over the local profiles (named,
 * or all of CONFDIR/profiles) or, with --repository, over every journal
 * of one repository.  Every journal is verified first; a broken one is
 * shown at the top of the report and makes the exit status 4, but the
 * report is still written.  With --out the file is signed (FILE.sig, raw
 * Ed25519 over its bytes) and, in every case, its SHA-256 is appended as
 * a "report" record to the journal of each covered local profile.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "restorable/cmd.h"
#include "restorable/crypto.h"
#include "restorable/log.h"
#include "restorable/tsa.h"

#include "report/anchor.h"
#include "report/bundle.h"
#include "report/report.h"

#define DEFAULT_DAYS	90

extern const struct rst_cmd rst_cmd_report;

struct report_opts {
	const char	*repository;	/* PROFILE or URL, or NULL */
	const char	*since, *until;	/* as given */
	const char	*key;
	const char	*out;
	const char	*bundle;	/* --bundle DIR */
	const char	*previous;	/* --previous OLD.json */
	const char	*tsa_ca;	/* --tsa-ca FILE: the TSA's CA */
	bool		 no_verify_parts;
	bool		 allow_future;	/* --until may be later than now */
	json_t		*pins;		/* NAME -> "SHA256:..." */
	const struct rst_report_format *format;
	enum rst_lang	 lang;
	struct rst_report_period per;
};

/* "+01:00" / "-05:30" after a time: the offset in seconds. */
static int
parse_offset(const char *p, int64_t *off)
{
	int h, m;

	if (strcmp(p, "Z") == 0 || strcmp(p, "z") == 0) {
		*off = 0;
		return 0;
	}
	if ((p[0] != '+' && p[0] != '-') || strlen(p) != 6 || p[3] != ':' ||
	    sscanf(p + 1, "%2d:%2d", &h, &m) != 2 || h > 23 || m > 59)
		return -1;
	*off = (p[0] == '-' ? -1 : 1) * (int64_t)(h * 3600 + m * 60);
	return 0;
}

/* D: a date YYYY-MM-DD (its start, or its end when end) or RFC 3339. */
static int
parse_when(const char *s, bool end, int64_t *out)
{
	struct tm tm;
	const char *p;
	int64_t off;

	memset(&tm, 0, sizeof(tm));
	if ((p = strptime(s, "%Y-%m-%d", &tm)) != NULL && *p == '\0' &&
	    strlen(s) == 10) {
		*out = (int64_t)timegm(&tm) + (end ? 86399 : 0);
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	if ((p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)) == NULL)
		return -1;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (parse_offset(p, &off) != 0)
		return -1;
	*out = (int64_t)timegm(&tm) - off;
	return 0;
}

/* NAME=SHA256:<64 hex> (--pin), or "NAME SHA256:..." (--pins lines). */
static int
add_pin(struct report_opts *o, const char *s, char sep, const char *where,
    struct rst_err *err)
{
	const char *eq = strchr(s, sep), *f;
	char name[128];
	size_t i;

	f = eq ? eq + 1 + strspn(eq + 1, " \t") : NULL;
	if (eq == NULL || (size_t)(eq - s) >= sizeof(name) || f == NULL ||
	    strncmp(f, "SHA256:", 7) != 0 || strlen(f) != RST_FPR_LEN - 1)
		goto bad;
	for (i = 7; f[i] != '\0'; i++)
		if (strchr("0123456789abcdef", f[i]) == NULL)
			goto bad;
	memcpy(name, s, (size_t)(eq - s));
	name[eq - s] = '\0';
	if (!rst_profile_name_valid(name))
		goto bad;
	if (o->pins == NULL && (o->pins = json_object()) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	json_object_set_new(o->pins, name, json_string(f));
	return 0;
 bad:
	return rst_errf(err, RST_EUSAGE, "report: %s: not NAME%cSHA256:<64 "
	    "lowercase hex digits>", where, sep);
}

static int
load_pins(struct report_opts *o, const char *path, struct rst_err *err)
{
	struct rst_buf b = RST_BUF_INIT;
	char *line, *save, where[600];
	size_t n = 0;
	int r;

	if ((r = rst_buf_load_file(&b, path, 1u << 20, err)) != 0)
		return r == RST_ENOTFOUND ? rst_errf(err, RST_EUSAGE,
		    "report: --pins %s: no such file", path) : r;
	if (rst_buf_append(&b, "", 1) != 0) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	for (line = strtok_r((char *)b.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		n++;
		line[strcspn(line, "\r")] = '\0';
		if (line[strspn(line, " \t")] == '\0' ||
		    line[strspn(line, " \t")] == '#')
			continue;
		snprintf(where, sizeof(where), "--pins %s line %zu", path, n);
		if ((r = add_pin(o, line + strspn(line, " \t"), ' ', where,
		    err)) != 0)
			break;
	}
 out:
	rst_buf_release(&b);
	return r;
}

/* An unknown --format or --lang: the message lists its registry. */
static int
bad_choice(const char *opt, const char *arg,
    void (*registry)(char *, size_t), struct rst_err *err)
{
	char list[128];

	registry(list, sizeof(list));
	return rst_errf(err, RST_EUSAGE, "report: %s %s: not one of %s", opt,
	    arg, list);
}

/* report --help: the formats and languages, from their registries. */
static void
usage_lists(char *buf, size_t len)
{
	const struct rst_report_format *f;
	char langs[128];
	size_t i, off;
	int n;

	n = snprintf(buf, len, "  FORMAT: ");
	for (i = 0, off = n > 0 ? (size_t)n : 0;
	    off < len && (f = rst_report_format_at(i)) != NULL; i++) {
		n = snprintf(buf + off, len - off, "%s%s (%s%s)", i ? ", " : "",
		    f->name, f->title, i == 0 ? ", the default" : "");
		off += n > 0 ? (size_t)n : 0;
	}
	rst_lang_list(langs, sizeof(langs));
	if (off < len)
		snprintf(buf + off, len - off, "\n  LANG: %s", langs);
}

static int
opt_value(int c, const char *arg, struct report_opts *o, struct rst_err *err)
{
	if (c == 'P')
		return add_pin(o, arg, '=', "--pin", err);
	if (c == 'F')
		return load_pins(o, arg, err);
	if (c == 'A')
		o->allow_future = true;
	else if (c == 'V' || c == 'N')
		o->no_verify_parts = c == 'N';
	else if (c == 'p')
		o->previous = arg;
	else if (c == 'T' && access(arg, R_OK) != 0)
		return rst_errno(err, RST_EUSAGE, "report: --tsa-ca %s", arg);
	else if (c == 'T' && rst_tsa_check_ca(arg, err) != 0) {
		rst_err_prefix(err, "report: --tsa-ca %s", arg);
		return err->code = RST_EUSAGE;
	} else if (c == 'T')
		o->tsa_ca = arg;
	else if (c == 'r')
		o->repository = arg;
	else if (c == 's')
		o->since = arg;
	else if (c == 'u')
		o->until = arg;
	else if (c == 'k')
		o->key = arg;
	else if (c == 'o')
		o->out = arg;
	else if (c == 'B')
		o->bundle = arg;
	else if (c == 'f' && (o->format = rst_report_format_find(arg)) ==
	    NULL)
		return bad_choice("--format", arg, rst_report_format_list,
		    err);
	else if (c == 'l' && rst_lang_parse(arg, &o->lang) != 0)
		return bad_choice("--lang", arg, rst_lang_list, err);
	return 0;
}

/* The options, each id the letter opt_value() knows it by. */
static const struct rst_opt report_opts[] = {
	{ 'r', "repository", 0, true, 0 },
	{ 's', "since", 0, true, 0 },
	{ 'u', "until", 0, true, 0 },
	{ 'f', "format", 0, true, 0 },
	{ 'l', "lang", 0, true, 0 },
	{ 'k', "key", 0, true, 0 },
	{ 'o', "out", 0, true, 0 },
	{ 'V', "verify-parts", 0, false, 0 },
	{ 'N', "no-verify-parts", 0, false, 0 },
	{ 'P', "pin", 0, true, 0 },
	{ 'F', "pins", 0, true, 0 },
	{ 'p', "previous", 0, true, 0 },
	{ 'A', "allow-future", 0, false, 0 },
	{ 'T', "tsa-ca", 0, true, 0 },
	{ 'B', "bundle", 0, true, 0 },
	{ 0, NULL, 0, false, 0 },
};

/* The options in the order given (--pin and --pins add up). */
static int
parse_opts(const struct rst_args *args, struct report_opts *o,
    struct rst_err *err)
{
	size_t i;
	int r;

	for (i = 0; i < args->nopts; i++)
		if ((r = opt_value(args->opts[i].id, args->opts[i].value, o,
		    err)) != 0)
			return r;
	return 0;
}

/*
 * --until later than now is refused unless --allow-future (the RPO is then
 * measured now); a date (YYYY-MM-DD) that is today means "until now".
 */
static int
not_future(struct report_opts *o, struct rst_report_period *per,
    struct rst_err *err)
{
	if (per->until <= per->generated)
		return 0;
	if (strlen(o->until) == 10 && per->until - 86399 <= per->generated) {
		per->until = per->generated;
		return 0;
	}
	if (o->allow_future)
		return 0;
	return rst_errf(err, RST_EUSAGE, "report: --until %s is later than "
	    "now: the RPO cannot be measured in the future (--allow-future "
	    "extends the period; the RPO is then measured now)", o->until);
}

/* The period: --until (default now), --since (default 90 days before). */
static int
period(struct report_opts *o, struct rst_err *err)
{
	struct rst_report_period *per = &o->per;
	int r;

	per->generated = rst_now_ns() / 1000000000;
	per->until = per->generated;
	if (o->until != NULL && parse_when(o->until, true, &per->until) != 0)
		return rst_errf(err, RST_EUSAGE, "report: --until %s: not a "
		    "date (2026-11-24) or an RFC 3339 time "
		    "(2026-11-24T18:50:00Z)", o->until);
	if (o->until != NULL && (r = not_future(o, per, err)) != 0)
		return r;
	per->since = per->until - DEFAULT_DAYS * 86400;
	if (o->since != NULL && parse_when(o->since, false, &per->since) != 0)
		return rst_errf(err, RST_EUSAGE, "report: --since %s: not a "
		    "date (2026-11-24) or an RFC 3339 time "
		    "(2026-11-24T18:50:00Z)", o->since);
	if (per->since > per->until)
		return rst_errf(err, RST_EUSAGE, "report: --since is after "
		    "--until");
	return 0;
}

/* PROFILE or URL: a URL has a scheme (":" before any "/"). */
static bool
is_url(const char *s)
{
	return s[strcspn(s, ":/")] == ':';
}

static int
gather(struct rst_ctx *ctx, const struct report_opts *o, char **names,
    size_t n, struct rst_report_set *set, struct rst_err *err)
{
	const struct rst_repo_cfg *cfg = &set->url_repo;
	struct rst_storage *st = NULL;
	int r;

	if (o->repository == NULL)
		return rst_report_local(ctx->confdir, names, n, set, err);
	if (is_url(o->repository)) {
		/* No profile, so no state_dir: a private spool folder. */
		if ((r = rst_repo_cfg_for_url(o->repository, &set->url_repo,
		    err)) != 0)
			return r;
	} else {
		if ((r = rst_ctx_load_profile(ctx, o->repository, 0,
		    err)) != 0)
			return r;
		cfg = &ctx->profile->repo;
	}
	if ((r = rst_storage_open(cfg, &st, err)) != 0)
		return r;
	set->st = st;
	return rst_report_fleet(st, cfg->url, ctx->profile, ctx->confdir,
	    o->pins, names, n, set, err);
}

/* The signing key: --key, else the first covered local profile's. */
static int
report_key(const struct report_opts *o, const struct rst_report_set *set,
    EVP_PKEY **key, struct rst_err *err)
{
	size_t i;

	*key = NULL;
	if (o->key != NULL)
		return rst_key_load_private(o->key, key, err);
	for (i = 0; i < set->n; i++)
		if (set->v[i].local && set->v[i].profile != NULL &&
		    set->v[i].profile->signing_key != NULL)
			return rst_key_load_private(
			    set->v[i].profile->signing_key, key, err);
	return rst_errf(err, RST_EUSAGE, "report: no covered profile is "
	    "configured here with a signing key: sign with --key FILE");
}

static int
render(const struct report_opts *o, const json_t *doc,
    const struct rst_report_meta *meta, struct rst_buf *out,
    struct rst_err *err)
{
	return o->format->render(doc, meta, out, err);
}

/* Write FILE and FILE.sig (raw Ed25519 over FILE's bytes). */
static int
write_signed(const char *path, const struct rst_buf *b, EVP_PKEY *key,
    struct rst_err *err)
{
	unsigned char sig[RST_ED25519_SIGLEN];
	char *sigpath;
	int r;

	if ((r = rst_sign(key, b->data, b->len, sig, err)) != 0)
		return r;
	if ((sigpath = rst_strdupf("%s.sig", path)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_write_file_atomic(path, b->data, b->len, 0644,
	    err)) == 0)
		r = rst_write_file_atomic(sigpath, sig, sizeof(sig), 0644, err);
	free(sigpath);
	return r;
}

static int
write_stdout(const struct rst_buf *b, struct rst_err *err)
{
	if (fwrite(b->data, 1, b->len, stdout) != b->len || fflush(stdout))
		return rst_errno(err, RST_EIO, "report: standard output");
	rst_log_warn("report: written to standard output and not signed "
	    "(--out FILE writes FILE and its signature FILE.sig)");
	return 0;
}

/*
 * The report record, appended to the journal of each covered local
 * profile by the dispatcher, under the profile's lock.
 */
static int
journal_all(const struct rst_ctx *ctx, const struct rst_report_set *set,
    const char *sha, const struct report_opts *o, json_t *done)
{
	struct rst_ctx sub;
	struct rst_err e;
	char since[40], until[40];
	json_t *data;
	size_t i;
	int worst = 0, r;

	rst_format_rfc3339(o->per.since, 0, since, sizeof(since));
	rst_format_rfc3339(o->per.until, 0, until, sizeof(until));
	data = json_pack("{s:s, s:s, s:{s:s, s:s}}", "sha256", sha, "format",
	    o->format->name, "period", "since", since, "until", until);
	for (i = 0; data != NULL && i < set->n; i++) {
		if (!set->v[i].local || set->v[i].profile == NULL ||
		    set->v[i].profile->signing_key == NULL)
			continue;
		memset(&sub, 0, sizeof(sub));
		sub.confdir = ctx->confdir;
		sub.command = ctx->command;
		sub.now = ctx->now;
		sub.profile = set->v[i].profile;
		rst_err_clear(&e);
		if ((r = rst_cmd_record(&sub, &rst_cmd_report, json_incref(data),
		    &e)) != 0) {
			rst_log_error("%s: report not journaled: %s",
			    set->v[i].name, e.msg);
			worst = rst_exit_worst(worst, rst_exit_code(r));
		} else
			json_array_append_new(done,
			    json_string(set->v[i].name));
	}
	json_decref(data);
	return worst;
}

/* The exit status the covered journals and verdicts call for. */
static int
outcome(const struct rst_report_set *set, const json_t *doc, int inv,
    char *why, size_t len)
{
	const json_t *p;
	size_t i, broken = 0, no = 0;
	size_t nf = (size_t)rst_jnum(json_object_get(doc, "integrity"),
	    "findings");
	int worst = inv;

	for (i = 0; i < set->n; i++) {
		if (!set->v[i].verified && rst_exit_code(set->v[i].code) ==
		    RST_EXIT_INTEGRITY)
			broken++;
		if (set->v[i].code != 0)
			worst = rst_exit_worst(worst,
			    rst_exit_code(set->v[i].code));
	}
	json_array_foreach(json_object_get(doc, "profiles"), i, p)
		if (!rst_jbool(json_object_get(p, "verdict"), "restorable"))
			no++;
	if (no > 0)
		worst = rst_exit_worst(worst, RST_EXIT_FAIL);
	if (broken > 0)
		worst = rst_exit_worst(worst, RST_EXIT_INTEGRITY);
	if (nf > 0)
		worst = rst_exit_worst(worst, RST_EXIT_INTEGRITY);
	snprintf(why, len, "report written; %zu of %zu profile(s) not proven "
	    "restorable within target%s%s", no, set->n, broken > 0 ?
	    ", journal integrity failure (see the report's banner)" : "",
	    nf > 0 ? ", integrity findings in the repository or keys (see "
	    "the report's banner)" : "");
	return worst;
}

static void
fill_result(struct rst_ctx *ctx, const struct report_opts *o,
    const json_t *doc, const char *sha, json_t *journaled)
{
	json_t *ps = json_array(), *p;
	size_t i;

	json_array_foreach(json_object_get(doc, "profiles"), i, p)
		json_array_append_new(ps, json_pack("{s:O, s:O, s:O}", "name",
		    json_object_get(p, "name"), "restorable",
		    json_object_get(json_object_get(p, "verdict"),
		    "restorable"), "journal_verified",
		    json_object_get(json_object_get(p, "journal"),
		    "verified")));
	json_object_set_new(ctx->result, "output", o->out ?
	    json_string(o->out) : json_null());
	json_object_set_new(ctx->result, "signature", o->out ?
	    json_sprintf("%s.sig", o->out) : json_null());
	json_object_set_new(ctx->result, "format",
	    json_string(o->format->name));
	json_object_set_new(ctx->result, "sha256", json_string(sha));
	json_object_set(ctx->result, "period", json_object_get(doc, "period"));
	json_object_set(ctx->result, "integrity",
	    json_object_get(doc, "integrity"));
	json_object_set_new(ctx->result, "profiles", ps);
	json_object_set(ctx->result, "journaled", journaled);
}

/* The file name the report shows in its verification hint. */
static const char *
shown_name(const char *out)
{
	const char *b;

	if (out == NULL)
		return NULL;
	b = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
	return strpbrk(b, "\n\r`'\"\\ ") == NULL && *b != '\0' ? b : NULL;
}

/* --previous OLD.json: an earlier report in the JSON format. */
static int
load_previous(const char *path, json_t **old, struct rst_err *err)
{
	json_error_t je;

	*old = json_load_file(path, 0, &je);
	if (*old == NULL)
		return rst_errf(err, RST_EUSAGE, "report: --previous %s: %s "
		    "(line %d)", path, je.text, je.line);
	if (!json_is_object(*old) || rst_jstr(*old, "format") == NULL ||
	    strcmp(rst_jstr(*old, "format"), "restorable-report") != 0) {
		json_decref(*old);
		*old = NULL;
		return rst_errf(err, RST_EUSAGE, "report: --previous %s: not "
		    "a report in the JSON format (--format json)", path);
	}
	return 0;
}

/* The report id: SHA-256 of the document in the JSON format. */
static int
report_id(const json_t *doc, char *id, struct rst_err *err)
{
	struct rst_buf b = RST_BUF_INIT;
	int r;

	if ((r = rst_report_json(doc, &b, err)) == 0)
		r = rst_sha256_hex(b.data, b.len, id, err);
	rst_buf_release(&b);
	return r;
}

static int
make_report(struct rst_ctx *ctx, const struct report_opts *o,
    const struct rst_report_set *set, struct rst_report_bundle *bundle,
    struct rst_err *err)
{
	struct rst_report_meta meta = { o->lang, NULL, shown_name(o->out),
	    NULL, o->format, o->bundle != NULL };
	struct rst_buf b = RST_BUF_INIT;
	char fpr[RST_FPR_LEN], sha[RST_SHA256_HEX], id[RST_SHA256_HEX];
	char why[300];
	json_t *doc = NULL, *journaled = json_array(), *old = NULL;
	EVP_PKEY *key = NULL;
	int r, worst, inv = 0;

	if ((o->out != NULL || o->bundle != NULL) &&
	    ((r = report_key(o, set, &key, err)) != 0 ||
	    (r = rst_key_fingerprint(key, fpr, err)) != 0))
		goto out;
	meta.key_fpr = key ? fpr : NULL;
	if (o->previous != NULL && (r = load_previous(o->previous, &old,
	    err)) != 0)
		goto out;
	if ((doc = rst_report_model(set, &o->per, &meta)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "report: out of memory");
		goto out;
	}
	if ((r = rst_report_inventory(set, doc, !o->no_verify_parts, old,
	    o->per.generated, o->lang, &inv, err)) != 0)
		goto out;
	rst_report_stale(set, doc, o->per.generated, o->lang);
	rst_report_config_fleet(set, doc);
	rst_report_anchor_findings(set, doc, o->lang, &inv);
	rst_report_time_order(set, doc, o->lang);
	rst_report_status(doc, o->lang);
	if (o->bundle != NULL)
		meta.file = rst_report_bundle_file(o->format);
	if (json_object_set_new(doc, "how_to_check", rst_report_howto(doc,
	    &meta)) != 0) {
		r = rst_errf(err, RST_ENOMEM, "report: out of memory");
		goto out;
	}
	if ((r = report_id(doc, id, err)) != 0)
		goto out;
	meta.report_id = id;
	if ((r = render(o, doc, &meta, &b, err)) != 0 ||
	    (r = rst_sha256_hex(b.data, b.len, sha, err)) != 0)
		goto out;
	if (bundle != NULL)
		r = rst_report_bundle_report(bundle, meta.file, &b, key, err);
	else
		r = o->out ? rst_cmd_out_error(write_signed(o->out, &b, key,
		    err), err) : write_stdout(&b, err);
	if (r != 0)
		goto out;
	worst = rst_exit_worst(outcome(set, doc, inv, why, sizeof(why)),
	    journal_all(ctx, set, sha, o, journaled));
	if (bundle != NULL && (r = rst_report_bundle_finish(bundle, set, doc,
	    err)) != 0)
		goto out;
	fill_result(ctx, o, doc, sha, journaled);
	json_object_set_new(ctx->result, "report_id", json_string(id));
	json_object_set(ctx->result, "status", json_object_get(doc,
	    "status"));
	if (o->out != NULL)
		rst_log_info("report written to %s, signature %s.sig (key %s), "
		    "sha256 %s", o->out, o->out, fpr, sha);
	if (bundle != NULL) {
		json_object_set_new(ctx->result, "bundle",
		    json_string(o->bundle));
		rst_log_info("report bundle written to %s (key %s), sha256 of "
		    "%s %s", o->bundle, fpr, meta.file, sha);
	}
	if (worst != 0)
		r = rst_errf(err, rst_code_for_exit(worst), "%s", why);
 out:
	json_decref(journaled);
	json_decref(old);
	json_decref(doc);
	rst_buf_release(&b);
	EVP_PKEY_free(key);
	return r;
}

/*
 * A command over several profiles: each covered local profile's lock is
 * taken, and its journal written, by the dispatcher (journal_all()).
 */
static int
cmd_report_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct report_opts o;
	struct rst_report_set set;
	struct rst_report_bundle *bundle = NULL;
	int r;

	memset(&o, 0, sizeof(o));
	memset(&set, 0, sizeof(set));
	o.format = rst_report_format_at(0);
	o.lang = rst_lang_default();
	if ((r = parse_opts(args, &o, err)) != 0 ||
	    (r = rst_i18n_check(err)) != 0 || (r = period(&o, err)) != 0) {
		json_decref(o.pins);
		return r;
	}
	if (ctx->json && o.out == NULL && o.bundle == NULL)
		r = rst_errf(err, RST_EUSAGE, "report: --json prints a "
		    "summary on standard output: the report needs --out FILE");
	else if (o.out != NULL && o.bundle != NULL)
		r = rst_errf(err, RST_EUSAGE, "report: --out and --bundle: "
		    "give one (the bundle holds the report)");
	else if (o.bundle != NULL)
		r = rst_report_bundle_open(o.bundle, &bundle, err);
	if (r == 0 && (r = gather(ctx, &o, args->ops, (size_t)args->nops,
	    &set, err)) == 0 && (r = rst_report_anchors(&set, o.tsa_ca,
	    ctx->profile ? ctx->profile->tsa_ca_file : NULL, err)) == 0)
		r = make_report(ctx, &o, &set, bundle, err);
	rst_report_bundle_free(bundle);
	rst_report_set_release(&set);
	json_decref(o.pins);
	return r;
}

const struct rst_cmd rst_cmd_report = {
	.name = "report",
	.usage = "[--repository PROFILE|URL] [--since D] [--until D] "
	    "[--format FORMAT] [--lang LANG] [--key FILE] "
	    "[--out FILE | --bundle DIR] [--no-verify-parts] "
	    "[--pin NAME=SHA256:...] [--pins FILE]\n  [--previous OLD.json] "
	    "[--allow-future] [--tsa-ca FILE] [PROFILE...]\n"
	    "  D: YYYY-MM-DD or an RFC 3339 time; default: the 90 days up to "
	    "now.\n"
	    "  --out FILE writes FILE and its signature FILE.sig; --bundle DIR "
	    "writes a new\n"
	    "  folder with the report, its signature and the files its checks "
	    "read;\n"
	    "  without either, the report goes to standard output, unsigned.\n"
	    "  Exit 4: a journal does not verify, or the repository or a key "
	    "does not\n"
	    "  match it; 1: a profile is not proven restorable within target",
	.summary = "evidence report for auditors, signed and journaled",
	.min_args = 0, .max_args = -1,
	.flags = CMD_TAKES_LOCK | CMD_WRITES_JOURNAL,
	.options = report_opts,
	.run = cmd_report_run,
	.usage_lists = usage_lists,
};
