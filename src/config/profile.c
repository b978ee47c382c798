/* SPDX-License-Identifier: ISC */
/*
 * Profiles: read one libconfig file into a struct rst_profile and validate
 * it (restorable.conf(5)).  This file is the engine: it reports problems,
 * loads values by kind (string, size, duration, integer, list, group) and
 * walks a group against a key table; the tables and the checks specific to
 * single keys are in profile_keys.c.  Validation does not stop at the first
 * problem: each one goes to the caller's diagnostic callback as
 * "FILE:LINE: key: message", so that check-config shows them all and every
 * other command refuses a profile for the same reasons.  Relative paths are
 * resolved against the profile file's directory.  Only paths are stored
 * here; no secret is ever read.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libconfig.h>

#include "restorable/config.h"
#include "restorable/crypto.h"
#include "restorable/util.h"

#include "profile_keys.h"

#define DEFAULT_PART_SIZE	(64ULL << 20)
#define DEFAULT_HOOK_TIMEOUT	(3600ULL * 1000)
#define NAME_MAX_LEN		64

/* Diagnostics */

static void
report(struct rst_cfg_loader *ld, const char *file, unsigned line,
    const char *msg)
{
	char buf[1024];

	if (snprintf(buf, sizeof(buf), "%s:%u: %s", file, line, msg) < 0)
		buf[0] = '\0';
	if (ld->nproblems++ == 0 &&
	    snprintf(ld->first, sizeof(ld->first), "%s", buf) < 0)
		ld->first[0] = '\0';
	if (ld->diag != NULL)
		ld->diag(ld->diag_arg, buf);
}

/* "repository.url", "drill.checks[1].name", "" for the root. */
static void
keypath(const config_setting_t *s, char *buf, size_t len)
{
	const config_setting_t *parent = config_setting_parent(s);
	const char *name = config_setting_name(s);
	size_t n;

	buf[0] = '\0';
	if (parent == NULL)
		return;
	keypath(parent, buf, len);
	n = strlen(buf);
	if (name != NULL) {
		if (snprintf(buf + n, len - n, "%s%s", n ? "." : "", name) < 0)
			buf[n] = '\0';
	} else if (snprintf(buf + n, len - n, "[%d]",
	    config_setting_index(s)) < 0)
		buf[n] = '\0';
}

/*
 * The file a setting (or a syntax error) came from: the profile path as
 * given, or an @include file as libconfig names it (relative to the profile
 * directory, which is the include directory), made absolute.
 */
static const char *
source_file(const struct rst_cfg_loader *ld, const char *f, char *buf,
    size_t len)
{
	int n;

	if (f == NULL)
		return ld->file;
	if (f[0] == '/' || ld->p == NULL || ld->p->dir == NULL)
		return f;
	n = snprintf(buf, len, "%s/%s", ld->p->dir, f);
	return n > 0 && (size_t)n < len ? buf : f;
}

static unsigned
setting_line(const config_setting_t *s)
{
	unsigned line = config_setting_source_line(s);

	return line != 0 ? line : 1;	/* the root group has none */
}

/* A problem with setting s: "FILE:LINE: key: message". */
void
rst_cfg_problem(struct rst_cfg_loader *ld, const config_setting_t *s,
    const char *fmt, ...)
{
	char key[256], msg[512], line[800], file[PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	keypath(s, key, sizeof(key));
	if (snprintf(line, sizeof(line), "%s: %s", key, msg) < 0)
		line[0] = '\0';
	report(ld, source_file(ld, config_setting_source_file(s), file,
	    sizeof(file)), setting_line(s), line);
}

/* Required key missing from group g (reported at the group's line). */
void
rst_cfg_missing(struct rst_cfg_loader *ld, const config_setting_t *g,
    const char *key, const char *why)
{
	char path[256], line[600], file[PATH_MAX];

	keypath(g, path, sizeof(path));
	if (snprintf(line, sizeof(line), "%s%s%s: required key is missing"
	    "%s%s%s", path, *path ? "." : "", key, why ? " (" : "",
	    why ? why : "", why ? ")" : "") < 0)
		line[0] = '\0';
	report(ld, source_file(ld, config_setting_source_file(g), file,
	    sizeof(file)), setting_line(g), line);
}

/* Values */

char *
rst_cfg_keep(struct rst_cfg_loader *ld, char *s)
{
	if (s == NULL)
		ld->nomem = true;
	return s;
}

/* Lexically clean an absolute path: no "//", ".", ".." or trailing '/'. */
static char *
path_clean(const char *in)
{
	char *out = malloc(strlen(in) + 2);
	const char *q = in, *e;
	size_t o = 0, n;

	if (out == NULL)
		return NULL;
	while (*q != '\0') {
		while (*q == '/')
			q++;
		e = strchrnul(q, '/');
		n = (size_t)(e - q);
		if (n == 2 && q[0] == '.' && q[1] == '.') {
			while (o > 0 && out[--o] != '/')
				;
		} else if (n > 0 && !(n == 1 && q[0] == '.')) {
			out[o++] = '/';
			memcpy(out + o, q, n);
			o += n;
		}
		q = e;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

/* Resolve v against the profile directory (absolute) and clean it. */
char *
rst_cfg_resolve(struct rst_cfg_loader *ld, const char *v)
{
	char *raw, *clean;

	if ((raw = rst_path_resolve(ld->p->dir, v)) == NULL)
		return rst_cfg_keep(ld, NULL);
	clean = path_clean(raw);
	free(raw);
	return rst_cfg_keep(ld, clean);
}

static bool
env_name_valid(const char *s)
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz_";
	static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz_0123456789";

	return *s != '\0' && strchr(alpha, *s) != NULL &&
	    s[strspn(s, alnum)] == '\0';
}

static bool
strlist_push(struct rst_cfg_loader *ld, struct rst_strlist *l, char *s)
{
	char **v;

	if (s == NULL)
		return false;
	if ((v = realloc(l->v, (l->n + 1) * sizeof(*v))) == NULL) {
		free(s);
		ld->nomem = true;
		return false;
	}
	l->v = v;
	l->v[l->n++] = s;
	return true;
}

/* A key file: exists, is a regular file and, if secret, is private. */
static void
check_file(struct rst_cfg_loader *ld, config_setting_t *s, unsigned flags,
    const char *path)
{
	struct rst_err e = RST_ERR_INIT;
	struct stat sb;

	if ((flags & F_IDENTITY) && !(ld->need & RST_NEED_IDENTITY))
		return;
	if (stat(path, &sb) == -1) {
		if (errno == ENOENT)
			rst_cfg_problem(ld, s, "no such file: %s", path);
		else
			rst_cfg_problem(ld, s, "%s: %s", path, strerror(errno));
		return;
	}
	if (!S_ISREG(sb.st_mode))
		rst_cfg_problem(ld, s, "not a regular file: %s", path);
	else if (((flags & F_SECRET) == F_SECRET &&
	    rst_check_secret_file(path, &e) != 0) ||
	    ((flags & F_PUBLIC) == F_PUBLIC &&
	    rst_check_public_file(path, &e) != 0))
		rst_cfg_problem(ld, s, "%s", e.msg);
}

/* Loading one key by kind */

/*
 * A string value (v, of setting s) that is there and not empty; check-config
 * wants names, labels, commands and URLs in UTF-8 too (they reach the
 * journal, reports and mail), while paths and exclude globs are bytes.
 */
static bool
str_ok(struct rst_cfg_loader *ld, config_setting_t *s,
    const struct rst_cfg_key *k, const char *v)
{
	if (v == NULL)
		rst_cfg_problem(ld, s, "expected a string");
	else if (*v == '\0')
		rst_cfg_problem(ld, s, "must not be empty");
	else if (!(ld->need & RST_NEED_STRICT) ||
	    (k->flags & (F_PATH | F_BYTES)) || rst_utf8_valid(v, strlen(v)))
		return true;
	else
		rst_cfg_problem(ld, s, "%s is not valid UTF-8", k->name);
	return false;
}

static void
load_str(struct rst_cfg_loader *ld, config_setting_t *s,
    const struct rst_cfg_key *k, void *obj, char **dst)
{
	const char *v = config_setting_get_string(s);
	char *val;

	if (!str_ok(ld, s, k, v))
		return;
	if ((k->flags & F_ENVNAME) && !env_name_valid(v)) {
		rst_cfg_problem(ld, s, "not an environment variable name: "
		    "\"%s\"", v);
		return;
	}
	if (k->flags & F_PATH)
		val = rst_cfg_resolve(ld, v);
	else
		val = rst_cfg_keep(ld, strdup(v));
	if (val == NULL)
		return;
	if (k->flags & F_FILE)
		check_file(ld, s, k->flags, val);
	if (k->flags & F_NOSTORE) {
		free(val);
		val = NULL;
	} else {
		free(*dst);
		*dst = val;
	}
	if (k->fn != NULL)
		k->fn(ld, s, obj, val != NULL ? val : v);
}

static void
load_list(struct rst_cfg_loader *ld, config_setting_t *s,
    const struct rst_cfg_key *k, void *obj, struct rst_strlist *dst)
{
	int t = config_setting_type(s), i, n = config_setting_length(s);
	config_setting_t *e;
	const char *v;
	char *val;

	if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
		rst_cfg_problem(ld, s, "expected a list of strings like [ "
		    "\"a\", \"b\" ]");
		return;
	}
	if (n == 0 && (k->flags & F_NONEMPTY))
		rst_cfg_problem(ld, s, "must list at least one entry");
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if (!str_ok(ld, e, k, v = config_setting_get_string(e)))
			continue;
		if (k->flags & F_NOSTORE) {
			val = (char *)v;
		} else {
			val = (k->flags & F_PATH) ? rst_cfg_resolve(ld, v) :
			    rst_cfg_keep(ld, strdup(v));
			if (!strlist_push(ld, dst, val))
				continue;
		}
		if (k->fn != NULL)
			k->fn(ld, e, obj, val);
	}
}

static const char *
size_hint(long long v, char *buf, size_t len)
{
	static const char units[] = "KMGT";
	int u = -1;

	while (v >= 1024 && v % 1024 == 0 && u < 3) {
		v /= 1024;
		u++;
	}
	if (snprintf(buf, len, "%lld%.*s", v, u >= 0 ? 1 : 0,
	    u >= 0 ? units + u : "") < 0)
		buf[0] = '\0';
	return buf;
}

static void
load_size(struct rst_cfg_loader *ld, config_setting_t *s,
    const struct rst_cfg_key *k, uint64_t *dst)
{
	const char *v = config_setting_get_string(s);
	char hint[32];
	uint64_t n;

	if (v == NULL)
		rst_cfg_problem(ld, s, "expected a size string like \"64M\"");
	else if (rst_parse_size(v, &n) != 0)
		rst_cfg_problem(ld, s, "invalid size \"%s\" (expected an "
		    "integer and K, M, G or T, like \"64M\")", v);
	else if (n == 0 || n < (uint64_t)k->min)
		rst_cfg_problem(ld, s, "must be at least %s",
		    size_hint(k->min > 0 ? k->min : 1, hint, sizeof(hint)));
	else
		*dst = n;
}

static void
load_dur(struct rst_cfg_loader *ld, config_setting_t *s, uint64_t *dst)
{
	const char *v = config_setting_get_string(s);
	uint64_t ms;

	if (v == NULL)
		rst_cfg_problem(ld, s, "expected a duration string like "
		    "\"90s\"");
	else if (rst_parse_duration(v, &ms) != 0)
		rst_cfg_problem(ld, s, "invalid duration \"%s\" (expected an "
		    "integer and one unit of ms, s, m, h, d, like \"4h\")", v);
	else if (ms == 0)
		rst_cfg_problem(ld, s, "must be greater than zero");
	else
		*dst = ms;
}

static void
load_int(struct rst_cfg_loader *ld, config_setting_t *s,
    const struct rst_cfg_key *k, int *dst)
{
	int t = config_setting_type(s);
	long long v;

	if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
		rst_cfg_problem(ld, s, "expected an integer");
		return;
	}
	v = config_setting_get_int64(s);
	if (v >= k->min && v <= k->max)
		*dst = (int)v;
	else if (k->max == INT_MAX)
		rst_cfg_problem(ld, s, "must be at least %lld", k->min);
	else
		rst_cfg_problem(ld, s, "must be between %lld and %lld", k->min,
		    k->max);
}

void
rst_cfg_load_key(struct rst_cfg_loader *ld, config_setting_t *s,
    const struct rst_cfg_key *k, void *obj)
{
	void *field = (char *)obj + k->off;

	switch (k->kind) {
	case K_STR:
		load_str(ld, s, k, obj, field);
		break;
	case K_SIZE:
		load_size(ld, s, k, field);
		break;
	case K_DUR:
		load_dur(ld, s, field);
		break;
	case K_INT:
		load_int(ld, s, k, field);
		break;
	case K_BOOL:
		if (config_setting_type(s) != CONFIG_TYPE_BOOL)
			rst_cfg_problem(ld, s, "expected true or false");
		else
			*(int *)field = config_setting_get_bool(s) ? 1 : 0;
		break;
	case K_LIST:
		load_list(ld, s, k, obj, field);
		break;
	case K_GROUP:
		if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
			rst_cfg_problem(ld, s, "expected a group { ... }");
			break;
		}
		rst_cfg_walk(ld, s, k->sub, field);
		if (k->fn != NULL)
			k->fn(ld, s, field, NULL);
		break;
	case K_CUSTOM:
		k->fn(ld, s, obj, NULL);
		break;
	}
}

/* Levenshtein distance of a and b, or 3 once it is known to be over 2. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, row[64], prev, tmp;

	if (la >= sizeof(row) / sizeof(row[0]) || lb >= sizeof(row) /
	    sizeof(row[0]) || (la > lb ? la - lb : lb - la) > 2)
		return 3;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

/* "unknown key", with the nearest key of the group within two edits. */
static void
unknown_key(struct rst_cfg_loader *ld, const config_setting_t *s,
    const struct rst_cfg_key *keys)
{
	const struct rst_cfg_key *k, *best = NULL;
	const char *name = config_setting_name(s);
	size_t d, bestd = 3;

	for (k = keys; name != NULL && k->name != NULL; k++)
		if ((d = edit_distance(name, k->name)) < bestd) {
			bestd = d;
			best = k;
		}
	if (best == NULL)
		rst_cfg_problem(ld, s, "unknown key");
	else
		rst_cfg_problem(ld, s, "unknown key (did you mean %s?)",
		    best->name);
}

/* Load every member of g by table; unknown and missing keys are problems. */
void
rst_cfg_walk(struct rst_cfg_loader *ld, config_setting_t *g,
    const struct rst_cfg_key *keys, void *obj)
{
	const struct rst_cfg_key *k;
	config_setting_t *s;
	const char *name;
	int i, n = config_setting_length(g);

	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(g, (unsigned)i);
		name = config_setting_name(s);
		for (k = keys; k->name != NULL; k++)
			if (name != NULL && strcmp(k->name, name) == 0)
				break;
		if (k->name == NULL)
			unknown_key(ld, s, keys);
		else
			rst_cfg_load_key(ld, s, k, obj);
	}
	for (k = keys; k->name != NULL; k++)
		if ((k->flags & F_REQ) &&
		    config_setting_get_member(g, k->name) == NULL)
			rst_cfg_missing(ld, g, k->name, NULL);
}

/* What the command needs beyond the table; defaults that depend on env. */
static void
check_needs(struct rst_cfg_loader *ld, config_setting_t *root)
{
	bool has_sign = config_setting_get_member(root, "signing_key") != NULL;
	bool has_verify = config_setting_get_member(root, "verify_key") != NULL;

	if ((ld->need & RST_NEED_SIGNING) && !has_sign)
		rst_cfg_missing(ld, root, "signing_key",
		    "needed to back up, drill, prune or journal");
	else if ((ld->need & RST_NEED_VERIFY) && !has_sign && !has_verify)
		rst_cfg_missing(ld, root, "verify_key",
		    "signing_key or verify_key is needed to verify snapshots");
}

static void
set_state_dir(struct rst_cfg_loader *ld)
{
	const char *env = getenv("RESTORABLE_STATE");
	char cwd[PATH_MAX], *raw, *v;

	if (env == NULL || *env == '\0') {
		if (ld->p->state_dir == NULL)
			ld->p->state_dir = rst_cfg_keep(ld,
			    strdup(RST_DEFAULT_STATEDIR));
		return;
	}
	if (*env == '/')
		v = rst_cfg_keep(ld, path_clean(env));
	else if (getcwd(cwd, sizeof(cwd)) == NULL)
		v = rst_cfg_keep(ld, strdup(env));
	else if ((raw = rst_cfg_keep(ld, rst_path_resolve(cwd, env))) == NULL)
		v = NULL;
	else {
		v = rst_cfg_keep(ld, path_clean(raw));
		free(raw);
	}
	free(ld->p->state_dir);
	ld->p->state_dir = v;
}

/* Public interface */

bool
rst_profile_name_valid(const char *name)
{
	size_t n;

	if (name == NULL || name[0] == '.' || strstr(name, ".tmp-") != NULL)
		return false;
	n = strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-");
	return n >= 1 && n <= NAME_MAX_LEN && name[n] == '\0';
}

void
rst_profile_free(struct rst_profile *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->file);
	free(p->dir);
	free(p->name);
	rst_strlist_release(&p->paths);
	rst_strlist_release(&p->exclude);
	rst_repo_cfg_release(&p->repo);
	free(p->signing_key);
	free(p->verify_key);
	rst_strlist_release(&p->recipients);
	free(p->passphrase_file);
	free(p->passphrase_env);
	free(p->identity_file);
	free(p->pre_backup);
	free(p->post_backup);
	free(p->scratch_dir);
	for (i = 0; i < p->nchecks; i++) {
		free(p->checks[i].name);
		free(p->checks[i].command);
	}
	free(p->checks);
	free(p->webhook);
	free(p->smtp_url);
	free(p->smtp_from);
	rst_strlist_release(&p->smtp_to);
	free(p->smtp_credentials_file);
	free(p->smtp_ca_file);
	free(p->heartbeat);
	free(p->state_dir);
	free(p->metrics_dir);
	free(p->tsa_url);
	free(p->tsa_ca_file);
	free(p->tsa_tls_ca_file);
	free(p);
}

/* A profile with its defaults and its absolute directory. */
static int
profile_new(const char *path, struct rst_profile **out, struct rst_err *err)
{
	struct rst_profile *p;
	char *dir;

	*out = NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->file = strdup(path)) == NULL ||
	    (dir = rst_dirname(path)) == NULL) {
		rst_profile_free(p);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	p->dir = realpath(dir, NULL);
	free(dir);
	if (p->dir == NULL) {
		rst_profile_free(p);
		return rst_errno(err, RST_ECONFIG, "%s: directory", path);
	}
	p->part_size = DEFAULT_PART_SIZE;
	p->zstd_level = 3;
	rst_repo_cfg_init(&p->repo);
	p->hook_timeout_ms = DEFAULT_HOOK_TIMEOUT;
	p->keep_last = p->keep_daily = p->keep_weekly = p->keep_monthly = -1;
	p->full_every_ms = 7ULL * 24 * 3600 * 1000;
	p->max_chain = 13;
	p->lang = -1;
	*out = p;
	return 0;
}

static int
conclude(struct rst_cfg_loader *ld, struct rst_err *err)
{
	size_t more = ld->nproblems - 1;

	if (ld->nomem)
		return rst_errf(err, RST_ENOMEM, "%s: out of memory", ld->file);
	if (ld->nproblems == 0)
		return 0;
	if (more == 0)
		return rst_errf(err, RST_ECONFIG, "%s", ld->first);
	return rst_errf(err, RST_ECONFIG, "%s (and %zu more problem%s)",
	    ld->first, more, more == 1 ? "" : "s");
}

int
rst_profile_load(const char *path, unsigned need, bool found_by_name,
    rst_diag_cb diag, void *diag_arg, struct rst_profile **out,
    struct rst_err *err)
{
	return rst_cfg_load(path, rst_cfg_top_keys, need, found_by_name, diag,
	    diag_arg, out, err);
}

int
rst_cfg_load(const char *path, const struct rst_cfg_key *keys,
    unsigned need, bool found_by_name, rst_diag_cb diag, void *diag_arg,
    struct rst_profile **out, struct rst_err *err)
{
	struct rst_cfg_loader ld = {
		.file = path, .need = need, .found_by_name = found_by_name,
		.diag = diag, .diag_arg = diag_arg,
	};
	char file[PATH_MAX];
	config_t cf;
	FILE *fp;
	int r;

	*out = NULL;
	if ((r = rst_cfg_stat_profile(path, NULL, err)) != 0 ||
	    (r = profile_new(path, &ld.p, err)) != 0)
		return r;
	if ((fp = fopen(path, "r")) == NULL) {
		rst_profile_free(ld.p);
		return rst_errno(err, RST_ECONFIG, "%s", path);
	}
	config_init(&cf);
	config_set_include_dir(&cf, ld.p->dir);
	if (config_read(&cf, fp) != CONFIG_TRUE) {
		report(&ld, source_file(&ld, config_error_file(&cf), file,
		    sizeof(file)), (unsigned)config_error_line(&cf),
		    config_error_text(&cf));
	} else if (keys != rst_cfg_top_keys) {
		rst_cfg_walk(&ld, config_root_setting(&cf), keys, ld.p);
	} else {
		rst_cfg_walk(&ld, config_root_setting(&cf), keys, ld.p);
		check_needs(&ld, config_root_setting(&cf));
		set_state_dir(&ld);
		if (ld.p->state_dir != NULL)
			ld.p->repo.spool_dir = rst_cfg_keep(&ld,
			    rst_path_join(ld.p->state_dir, "spool"));
	}
	config_destroy(&cf);
	fclose(fp);
	if ((r = conclude(&ld, err)) != 0) {
		rst_profile_free(ld.p);
		return r;
	}
	*out = ld.p;
	return 0;
}
