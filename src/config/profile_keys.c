/* SPDX-License-Identifier: ISC */
/*
 * The profile schema: one key table per group of restorable.conf(5) (keep
 * them in step with DESIGN.md's key table and the man page) and the checks
 * that belong to single keys or groups: URL schemes, enumerations, age
 * recipients, mutually exclusive keys.  The engine that walks these tables
 * is profile.c.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libconfig.h>

#include "restorable/age.h"
#include "restorable/config.h"
#include "restorable/lang.h"
#include "restorable/storage.h"
#include "restorable/util.h"

#include "profile_keys.h"

static void	check_name(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_source_path(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_on_unreadable(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_lang(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_url(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_http_url(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_tsa_url(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_smtp_url(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_mail(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_fingerprint(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_lock_mode(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_recipient(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_notify_on(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_encryption(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_drill(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_notify(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_incremental(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_full_every(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	check_inc_ignore(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	load_repository(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);
static void	load_checks(struct rst_cfg_loader *,
		    config_setting_t *, void *, const char *);

#define P(f)	offsetof(struct rst_profile, f)
#define R(f)	offsetof(struct rst_repo_cfg, f)
#define C(f)	offsetof(struct rst_check_cfg, f)

/* The key tables: DESIGN.md "Profile", one per group. */
static const struct rst_cfg_key repo_keys[] = {
	{ .name = "url", .kind = K_STR, .flags = F_REQ, .off = R(url),
	  .fn = check_url },
	{ .name = "endpoint", .kind = K_STR, .off = R(endpoint),
	  .fn = check_http_url },
	{ .name = "region", .kind = K_STR, .off = R(region) },
	{ .name = "credentials_file", .kind = K_STR, .flags = F_PATH | F_SECRET,
	  .off = R(credentials_file) },
	{ .name = "credentials_env", .kind = K_STR, .flags = F_ENVNAME,
	  .off = R(credentials_env) },
	{ .name = "ca_file", .kind = K_STR, .flags = F_PATH | F_FILE,
	  .off = R(ca_file) },
	{ .name = "ssh_key", .kind = K_STR, .flags = F_PATH | F_SECRET,
	  .off = R(ssh_key) },
	{ .name = "host_key_sha256", .kind = K_STR, .off = R(host_key_sha256),
	  .fn = check_fingerprint },
	{ .name = "known_hosts", .kind = K_STR, .flags = F_PATH | F_FILE,
	  .off = R(known_hosts) },
	{ .name = "path_style", .kind = K_BOOL, .off = R(path_style) },
	{ .name = "object_lock_days", .kind = K_INT, .off = R(object_lock_days),
	  .min = 0, .max = 36500 },
	{ .name = "object_lock_mode", .kind = K_STR, .off = R(object_lock_mode),
	  .fn = check_lock_mode },
	{ .name = "timeout", .kind = K_DUR, .off = R(timeout_ms) },
	{ .name = "retries", .kind = K_INT, .off = R(retries),
	  .min = 0, .max = 100 },
	{ .name = "retry_max_wait", .kind = K_DUR,
	  .off = R(retry_max_wait_ms) },
	{ .name = "command_timeout", .kind = K_DUR,
	  .off = R(command_timeout_ms) },
	{ .name = "bandwidth_limit", .kind = K_SIZE, .off = R(bandwidth_limit),
	  .min = 1024 },
	{ .name = "allow_insecure_http", .kind = K_BOOL,
	  .off = R(allow_insecure_http) },
	{ .name = NULL }
};

/* repository = "URL"; is the url key of the group form. */
static const struct rst_cfg_key repo_url_key = {
	.name = "url", .kind = K_STR, .off = R(url), .fn = check_url
};

static const struct rst_cfg_key compression_keys[] = {
	{ .name = "level", .kind = K_INT, .off = P(zstd_level),
	  .min = -7, .max = 22 },
	{ .name = "threads", .kind = K_INT, .off = P(zstd_threads),
	  .min = 0, .max = INT_MAX },
	{ .name = NULL }
};

static const struct rst_cfg_key encryption_keys[] = {
	{ .name = "recipients", .kind = K_LIST, .flags = F_NONEMPTY,
	  .off = P(recipients), .fn = check_recipient },
	{ .name = "passphrase_file", .kind = K_STR, .flags = F_PATH | F_SECRET,
	  .off = P(passphrase_file) },
	{ .name = "passphrase_env", .kind = K_STR, .flags = F_ENVNAME,
	  .off = P(passphrase_env) },
	{ .name = "identity_file", .kind = K_STR,
	  .flags = F_PATH | F_SECRET | F_IDENTITY, .off = P(identity_file) },
	{ .name = NULL }
};

static const struct rst_cfg_key hooks_keys[] = {
	{ .name = "pre_backup", .kind = K_STR, .off = P(pre_backup) },
	{ .name = "post_backup", .kind = K_STR, .off = P(post_backup) },
	{ .name = "timeout", .kind = K_DUR, .off = P(hook_timeout_ms) },
	{ .name = NULL }
};

static const struct rst_cfg_key schedule_keys[] = {
	{ .name = "backup", .kind = K_DUR, .off = P(schedule_backup_ms) },
	{ .name = "drill", .kind = K_DUR, .off = P(schedule_drill_ms) },
	{ .name = "prune", .kind = K_DUR, .off = P(schedule_prune_ms) },
	{ .name = NULL }
};

static const struct rst_cfg_key retention_keys[] = {
	{ .name = "keep_last", .kind = K_INT, .off = P(keep_last),
	  .min = 0, .max = INT_MAX },
	{ .name = "keep_daily", .kind = K_INT, .off = P(keep_daily),
	  .min = 0, .max = INT_MAX },
	{ .name = "keep_weekly", .kind = K_INT, .off = P(keep_weekly),
	  .min = 0, .max = INT_MAX },
	{ .name = "keep_monthly", .kind = K_INT, .off = P(keep_monthly),
	  .min = 0, .max = INT_MAX },
	{ .name = NULL }
};

static const struct rst_cfg_key check_keys[] = {
	{ .name = "name", .kind = K_STR, .flags = F_REQ, .off = C(name) },
	{ .name = "command", .kind = K_STR, .flags = F_REQ, .off = C(command) },
	{ .name = "timeout", .kind = K_DUR, .off = C(timeout_ms) },
	{ .name = NULL }
};

static const struct rst_cfg_key drill_keys[] = {
	{ .name = "scratch_dir", .kind = K_STR, .flags = F_PATH,
	  .off = P(scratch_dir) },
	{ .name = "rto_target", .kind = K_DUR, .off = P(rto_target_ms) },
	{ .name = "rpo_target", .kind = K_DUR, .off = P(rpo_target_ms) },
	{ .name = "checks", .kind = K_CUSTOM, .fn = load_checks },
	{ .name = NULL }
};

static const struct rst_cfg_key smtp_keys[] = {
	{ .name = "url", .kind = K_STR, .flags = F_REQ, .off = P(smtp_url),
	  .fn = check_smtp_url },
	{ .name = "from", .kind = K_STR, .flags = F_REQ, .off = P(smtp_from),
	  .fn = check_mail },
	{ .name = "to", .kind = K_LIST, .flags = F_REQ | F_NONEMPTY,
	  .off = P(smtp_to), .fn = check_mail },
	{ .name = "credentials_file", .kind = K_STR, .flags = F_PATH | F_SECRET,
	  .off = P(smtp_credentials_file) },
	{ .name = "ca_file", .kind = K_STR, .flags = F_PATH | F_FILE,
	  .off = P(smtp_ca_file) },
	{ .name = NULL }
};

static const struct rst_cfg_key notify_keys[] = {
	{ .name = "on", .kind = K_LIST, .flags = F_NONEMPTY | F_NOSTORE,
	  .fn = check_notify_on },
	{ .name = "webhook", .kind = K_STR, .off = P(webhook),
	  .fn = check_http_url },
	{ .name = "smtp", .kind = K_GROUP, .sub = smtp_keys },
	{ .name = "heartbeat", .kind = K_STR, .off = P(heartbeat),
	  .fn = check_http_url },
	{ .name = "allow_insecure_http", .kind = K_BOOL,
	  .off = P(notify_allow_insecure_http) },
	{ .name = NULL }
};

static const struct rst_cfg_key incremental_keys[] = {
	{ .name = "full_every", .kind = K_STR, .flags = F_NOSTORE,
	  .fn = check_full_every },
	{ .name = "max_chain", .kind = K_INT, .off = P(max_chain),
	  .min = 1, .max = 1000 },
	{ .name = "rehash", .kind = K_BOOL, .off = P(inc_rehash) },
	{ .name = "ignore", .kind = K_LIST, .flags = F_NOSTORE,
	  .fn = check_inc_ignore },
	{ .name = NULL }
};

/* timestamp: tokens are signed, so plain HTTP is fine without credentials */
static const struct rst_cfg_key timestamp_keys[] = {
	{ .name = "url", .kind = K_STR, .flags = F_REQ, .off = P(tsa_url),
	  .fn = check_tsa_url },
	{ .name = "tsa_ca_file", .kind = K_STR, .flags = F_REQ | F_PATH |
	  F_FILE, .off = P(tsa_ca_file) },
	{ .name = "ca_file", .kind = K_STR, .flags = F_PATH | F_FILE,
	  .off = P(tsa_tls_ca_file) },
	{ .name = NULL }
};

const struct rst_cfg_key rst_cfg_top_keys[] = {
	{ .name = "name", .kind = K_STR, .flags = F_REQ, .off = P(name),
	  .fn = check_name },
	{ .name = "paths", .kind = K_LIST, .flags = F_REQ | F_NONEMPTY | F_PATH,
	  .off = P(paths), .fn = check_source_path },
	{ .name = "exclude", .kind = K_LIST, .flags = F_BYTES,
	  .off = P(exclude) },
	{ .name = "on_unreadable", .kind = K_STR, .flags = F_NOSTORE,
	  .fn = check_on_unreadable },
	{ .name = "repository", .kind = K_CUSTOM, .flags = F_REQ,
	  .fn = load_repository },
	{ .name = "signing_key", .kind = K_STR, .flags = F_PATH | F_SECRET,
	  .off = P(signing_key) },
	{ .name = "verify_key", .kind = K_STR, .flags = F_PATH | F_PUBLIC,
	  .off = P(verify_key) },
	{ .name = "part_size", .kind = K_SIZE, .off = P(part_size),
	  .min = RST_CFG_MIN_PART_SIZE },
	{ .name = "compression", .kind = K_GROUP, .sub = compression_keys },
	{ .name = "encryption", .kind = K_GROUP, .sub = encryption_keys,
	  .fn = check_encryption },
	{ .name = "hooks", .kind = K_GROUP, .sub = hooks_keys },
	{ .name = "schedule", .kind = K_GROUP, .sub = schedule_keys },
	{ .name = "retention", .kind = K_GROUP, .sub = retention_keys },
	{ .name = "drill", .kind = K_GROUP, .sub = drill_keys,
	  .fn = check_drill },
	{ .name = "notify", .kind = K_GROUP, .sub = notify_keys,
	  .fn = check_notify },
	{ .name = "incremental", .kind = K_GROUP, .sub = incremental_keys,
	  .fn = check_incremental },
	{ .name = "state_dir", .kind = K_STR, .flags = F_PATH,
	  .off = P(state_dir) },
	{ .name = "metrics_dir", .kind = K_STR, .flags = F_PATH,
	  .off = P(metrics_dir) },
	{ .name = "lock_stale", .kind = K_DUR, .off = P(lock_stale_ms) },
	{ .name = "lang", .kind = K_STR, .flags = F_NOSTORE, .fn = check_lang },
	{ .name = "timestamp", .kind = K_GROUP, .sub = timestamp_keys },
	{ .name = NULL }
};

/* The site file, CONFDIR/restorable.conf (restorable.conf(5), SITE FILE). */
const struct rst_cfg_key rst_cfg_site_keys[] = {
	{ .name = "notify", .kind = K_GROUP, .sub = notify_keys,
	  .fn = check_notify },
	{ .name = "lock_stale", .kind = K_DUR, .off = P(lock_stale_ms) },
	{ .name = "lang", .kind = K_STR, .flags = F_NOSTORE, .fn = check_lang },
	{ .name = NULL }
};

/* Key-specific checks */

static void
check_name(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	const char *base = strrchr(ld->file, '/');
	size_t n = strlen(val);

	(void)obj;
	base = base != NULL ? base + 1 : ld->file;
	if (!rst_profile_name_valid(val))
		rst_cfg_problem(ld, s, "invalid profile name \"%s\" (1-64 "
		    "characters of A-Z a-z 0-9 . _ -, not starting with \".\" "
		    "and not containing \".tmp-\")", val);
	else if (ld->found_by_name && (strncmp(base, val, n) != 0 ||
	    strcmp(base + n, ".conf") != 0))
		rst_cfg_problem(ld, s, "profile \"%s\" must be in a file named "
		    "%s.conf, not %s", val, val, base);
}

/* True when inner is below outer ("/" contains everything). */
static bool
path_within(const char *outer, const char *inner)
{
	size_t n = strlen(outer);

	if (strcmp(outer, "/") == 0)
		return true;
	return strncmp(outer, inner, n) == 0 && inner[n] == '/';
}

static void
check_source_path(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;
	struct stat sb;
	size_t i;

	for (i = 0; i + 1 < p->paths.n; i++) {
		if (strcmp(p->paths.v[i], val) == 0) {
			rst_cfg_problem(ld, s, "duplicate path %s", val);
			return;
		}
		if (path_within(p->paths.v[i], val) ||
		    path_within(val, p->paths.v[i])) {
			rst_cfg_problem(ld, s, "path %s overlaps %s (list "
			    "only the outer one)", val, p->paths.v[i]);
			return;
		}
	}
	if (!(ld->need & RST_NEED_PATHS) || stat(val, &sb) == 0)
		return;
	if (errno == ENOENT)
		rst_cfg_problem(ld, s, "no such file or directory: %s", val);
	else
		rst_cfg_problem(ld, s, "%s: %s", val, strerror(errno));
}

static void
check_on_unreadable(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;

	if (strcmp(val, "warn") == 0)
		p->unreadable_warn = true;
	else if (strcmp(val, "error") == 0)
		p->unreadable_warn = false;
	else
		rst_cfg_problem(ld, s, "expected \"error\" or \"warn\", not "
		    "\"%s\"", val);
}

/* The language of alerts: a code of restorable/lang.h. */
static void
check_lang(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;
	const char *near = rst_lang_suggest(val);
	enum rst_lang l;
	char list[64];

	if (rst_lang_parse(val, &l) == 0) {
		p->lang = (int)l;
		return;
	}
	rst_lang_list(list, sizeof(list));
	if (near != NULL)
		rst_cfg_problem(ld, s, "unknown language \"%s\" (did you mean "
		    "%s?)", val, near);
	else
		rst_cfg_problem(ld, s, "unknown language \"%s\" (one of %s)",
		    val, list);
}

/* The part after "scheme:" of a network URL: "//[user@]host[:port]/..." */
static void
check_authority(struct rst_cfg_loader *ld, config_setting_t *s,
    const char *rest)
{
	const char *end, *at;

	if (strncmp(rest, "//", 2) != 0) {
		rst_cfg_problem(ld, s, "expected SCHEME://HOST/PATH");
		return;
	}
	rest += 2;
	end = strchrnul(rest, '/');
	at = memrchr(rest, '@', (size_t)(end - rest));
	if (end == rest || (at != NULL && at + 1 == end))
		rst_cfg_problem(ld, s, "missing host in URL");
	else if (at != NULL && memchr(rest, ':', (size_t)(at - rest)) != NULL)
		rst_cfg_problem(ld, s, "password in URL; use credentials_file "
		    "or credentials_env");
}

/* file:///abs stays; file:rel and file:/abs become file:// + abs path. */
static void
check_file_url(struct rst_cfg_loader *ld, config_setting_t *s,
    struct rst_repo_cfg *repo, const char *rest)
{
	char *abs, *url;

	if (strncmp(rest, "//", 2) == 0) {
		if (rest[2] != '/')
			rst_cfg_problem(ld, s, "expected file:///ABSOLUTE/PATH "
			    "or file:RELATIVE/PATH");
		return;
	}
	if (*rest == '\0') {
		rst_cfg_problem(ld, s, "file URL without a path");
		return;
	}
	if ((abs = rst_cfg_resolve(ld, rest)) == NULL)
		return;
	url = rst_cfg_keep(ld, rst_strdupf("file://%s", abs));
	free(abs);
	if (url != NULL) {
		free(repo->url);
		repo->url = url;
	}
}

static void
check_url(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	size_t n = strspn(val, "abcdefghijklmnopqrstuvwxyz0123456789+-.");
	const struct rst_storage_ops *ops;
	char known[128];

	if (n == 0 || val[n] != ':') {
		rst_cfg_problem(ld, s, "not a URL (expected e.g. "
		    "file:///srv/backup or s3://bucket/prefix)");
		return;
	}
	/* The storage registry says which schemes exist. */
	if ((ops = rst_storage_backend(val, n)) == NULL) {
		rst_storage_schemes(known, sizeof(known));
		rst_cfg_problem(ld, s, "unknown URL scheme \"%.*s\" (known: "
		    "%s)", (int)n, val, known);
	} else if (ops->local)
		check_file_url(ld, s, obj, val + n + 1);
	else
		check_authority(ld, s, val + n + 1);
}

static void
check_http_url(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	(void)obj;
	if (strncmp(val, "https://", 8) != 0 && strncmp(val, "http://", 7) != 0)
		rst_cfg_problem(ld, s, "expected an https:// or http:// URL");
	else
		check_authority(ld, s, strchr(val, ':') + 1);
}

/* A TSA: http(s), and no credentials in a URL sent in the clear. */
static void
check_tsa_url(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	const char *auth = val + 7;

	check_http_url(ld, s, obj, val);
	if (strncmp(val, "http://", 7) == 0 &&
	    memchr(auth, '@', strcspn(auth, "/?#")) != NULL)
		rst_cfg_problem(ld, s, "a plain-HTTP TSA URL must not carry "
		    "credentials (they would travel in the clear): use https");
}

static void
check_smtp_url(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	(void)obj;
	if (strncmp(val, "smtps://", 8) != 0 && strncmp(val, "smtp://", 7) != 0)
		rst_cfg_problem(ld, s, "expected an smtps:// or smtp:// URL");
	else
		check_authority(ld, s, strchr(val, ':') + 1);
}

static void
check_mail(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	const char *at = strchr(val, '@');

	(void)obj;
	if (at == NULL || at == val || at[1] == '\0' || strchr(val, ' '))
		rst_cfg_problem(ld, s, "not an e-mail address: \"%s\"", val);
}

static void
check_fingerprint(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/=";

	(void)obj;
	if (strncmp(val, "SHA256:", 7) != 0 || val[7] == '\0' ||
	    val[7 + strspn(val + 7, b64)] != '\0')
		rst_cfg_problem(ld, s, "expected \"SHA256:...\" as ssh-keygen "
		    "-lf prints it");
}

static void
check_lock_mode(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	(void)obj;
	if (strcmp(val, "governance") != 0 && strcmp(val, "compliance") != 0)
		rst_cfg_problem(ld, s, "expected \"governance\" or "
		    "\"compliance\", not \"%s\"", val);
}

static void
check_recipient(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	struct rst_age_recipients *rs = NULL;
	struct rst_err e = RST_ERR_INIT;

	(void)obj;
	if (strncmp(val, "age1", 4) != 0) {
		rst_cfg_problem(ld, s, "not an age recipient (expected "
		    "\"age1...\")");
		return;
	}
	/* The same decoding as backup's, so check-config passes only what
	 * backup accepts. */
	if (rst_age_recipients_new(&rs, &e) != 0 ||
	    rst_age_recipients_add(rs, val, &e) != 0)
		rst_cfg_problem(ld, s, "%s", e.msg);
	rst_age_recipients_free(rs);
}

static void
check_notify_on(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;

	if (strcmp(val, "failure") == 0)
		p->notify_failure = true;
	else if (strcmp(val, "success") == 0)
		p->notify_success = true;
	else
		rst_cfg_problem(ld, s, "expected \"failure\" or \"success\", "
		    "not \"%s\"", val);
}

/* Group checks: run after a group's keys were loaded */

static void
check_encryption(struct rst_cfg_loader *ld, config_setting_t *g, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;
	config_setting_t *rec, *pf, *pe;

	(void)val;
	p->encrypted = true;
	rec = config_setting_get_member(g, "recipients");
	pf = config_setting_get_member(g, "passphrase_file");
	pe = config_setting_get_member(g, "passphrase_env");
	if (rec != NULL && (pf != NULL || pe != NULL))
		rst_cfg_problem(ld, pf != NULL ? pf : pe, "cannot be combined "
		    "with recipients (age allows a passphrase only alone)");
	if (pf != NULL && pe != NULL)
		rst_cfg_problem(ld, pe, "cannot be combined with "
		    "passphrase_file");
	if (rec == NULL && pf == NULL && pe == NULL)
		rst_cfg_problem(ld, g, "needs recipients, passphrase_file or "
		    "passphrase_env");
	if (rec != NULL && (ld->need & RST_NEED_IDENTITY) &&
	    config_setting_get_member(g, "identity_file") == NULL)
		rst_cfg_missing(ld, g, "identity_file", "needed to decrypt");
}

/* Plain HTTP only to loopback, unless allow_insecure_http (s: the URL). */
static void
check_cleartext(struct rst_cfg_loader *ld, config_setting_t *s,
    const char *url, int allowed)
{
	if (url != NULL && s != NULL && !allowed &&
	    rst_url_cleartext_remote(url))
		rst_cfg_problem(ld, s, "plain HTTP to a host that is not "
		    "loopback sends credentials and data in the clear: use "
		    "https, or set allow_insecure_http = true");
}

/*
 * A repository URL of a plain-HTTP scheme (the registry says which) goes
 * to loopback only: the host its requests go to is checked.
 */
static void
check_repo_cleartext(struct rst_cfg_loader *ld, config_setting_t *s,
    const char *url, int allowed)
{
	const struct rst_storage_ops *ops = rst_storage_backend_of(url);

	if (ops != NULL && ops->cleartext)
		check_cleartext(ld, s, rst_storage_wire_url(url), allowed);
}

static void
check_repo_group(struct rst_cfg_loader *ld, config_setting_t *g,
    struct rst_repo_cfg *repo)
{
	config_setting_t *cf, *ce, *days, *mode;

	check_repo_cleartext(ld, config_setting_get_member(g, "url"),
	    repo->url, repo->allow_insecure_http);
	check_cleartext(ld, config_setting_get_member(g, "endpoint"),
	    repo->endpoint, repo->allow_insecure_http);

	cf = config_setting_get_member(g, "credentials_file");
	ce = config_setting_get_member(g, "credentials_env");
	if (cf != NULL && ce != NULL)
		rst_cfg_problem(ld, ce, "cannot be combined with "
		    "credentials_file");
	days = config_setting_get_member(g, "object_lock_days");
	mode = config_setting_get_member(g, "object_lock_mode");
	if (repo->object_lock_days > 0 && mode == NULL)
		rst_cfg_missing(ld, g, "object_lock_mode",
		    "needed with object_lock_days");
	if (mode != NULL && days == NULL)
		rst_cfg_missing(ld, g, "object_lock_days",
		    "needed with object_lock_mode");
}

static void
load_repository(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;
	const struct rst_storage_ops *ops;

	(void)val;
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_STRING:
		rst_cfg_load_key(ld, s, &repo_url_key, &p->repo);
		check_repo_cleartext(ld, s, p->repo.url, 0);
		break;
	case CONFIG_TYPE_GROUP:
		rst_cfg_walk(ld, s, repo_keys, &p->repo);
		check_repo_group(ld, s, &p->repo);
		break;
	default:
		rst_cfg_problem(ld, s, "expected a URL string or a group { url "
		    "= ...; }");
		break;
	}
	/* Found here, not by the first backup a night later. */
	if ((ops = rst_storage_backend_of(p->repo.url)) != NULL &&
	    ops->host_key && p->repo.host_key_sha256 == NULL &&
	    p->repo.known_hosts == NULL)
		rst_cfg_problem(ld, s, "an %s:// repository needs "
		    "host_key_sha256 or known_hosts (a server's key is never "
		    "trusted blindly)", ops->scheme);
}

static void
load_checks(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;
	int t = config_setting_type(s), i, j, n = config_setting_length(s);
	config_setting_t *e;

	(void)val;
	if (t != CONFIG_TYPE_LIST && !(t == CONFIG_TYPE_ARRAY && n == 0)) {
		rst_cfg_problem(ld, s, "expected a list of groups like "
		    "( { name = \"...\"; command = \"...\"; } )");
		return;
	}
	if (n == 0)
		return;
	if ((p->checks = calloc((size_t)n, sizeof(*p->checks))) == NULL) {
		ld->nomem = true;
		return;
	}
	p->nchecks = (size_t)n;
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		p->checks[i].timeout_ms = RST_CFG_DEFAULT_CHECK_TIMEOUT;
		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			rst_cfg_problem(ld, e, "expected a group { name = "
			    "\"...\"; command = \"...\"; }");
			continue;
		}
		rst_cfg_walk(ld, e, check_keys, &p->checks[i]);
		for (j = 0; j < i && p->checks[i].name != NULL; j++)
			if (p->checks[j].name != NULL &&
			    strcmp(p->checks[j].name, p->checks[i].name) == 0) {
				rst_cfg_problem(ld, config_setting_get_member(e,
				    "name"), "duplicate check name \"%s\"",
				    p->checks[i].name);
				break;
			}
	}
}

static void
check_drill(struct rst_cfg_loader *ld, config_setting_t *g, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;

	(void)ld;
	(void)g;
	(void)val;
	p->has_drill = true;
}

static void
check_incremental(struct rst_cfg_loader *ld, config_setting_t *g, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;

	(void)ld;
	(void)g;
	(void)val;
	p->incremental = true;
}

/* A duration, where "0" or "0s" means every backup is a full. */
static void
check_full_every(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;
	uint64_t ms;

	if (strcmp(val, "0") == 0)
		p->full_every_ms = 0;
	else if (rst_parse_duration(val, &ms) == 0)
		p->full_every_ms = ms;
	else
		rst_cfg_problem(ld, s, "invalid duration \"%s\" (expected an "
		    "integer and one unit of ms, s, m, h, d, like \"7d\", or "
		    "\"0\" for always full)", val);
}

static void
check_inc_ignore(struct rst_cfg_loader *ld, config_setting_t *s, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;

	if (strcmp(val, "inode") == 0)
		p->inc_ignore_inode = true;
	else if (strcmp(val, "ctime") == 0)
		p->inc_ignore_ctime = true;
	else
		rst_cfg_problem(ld, s, "expected \"inode\" or \"ctime\", not "
		    "\"%s\"", val);
}

static void
check_notify(struct rst_cfg_loader *ld, config_setting_t *g, void *obj,
    const char *val)
{
	struct rst_profile *p = obj;

	(void)val;
	if (config_setting_get_member(g, "on") == NULL)
		p->notify_failure = true;
	if (config_setting_get_member(g, "webhook") == NULL &&
	    config_setting_get_member(g, "smtp") == NULL &&
	    config_setting_get_member(g, "heartbeat") == NULL)
		rst_cfg_problem(ld, g, "needs webhook, smtp or heartbeat");
	check_cleartext(ld, config_setting_get_member(g, "webhook"),
	    p->webhook, p->notify_allow_insecure_http);
	check_cleartext(ld, config_setting_get_member(g, "heartbeat"),
	    p->heartbeat, p->notify_allow_insecure_http);
}
