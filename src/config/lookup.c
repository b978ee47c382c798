/* SPDX-License-Identifier: ISC */
/*
 * Where profiles are: the configuration directory (CONFDIR), the profiles
 * in it, a profile argument that is a name or a path, and the optional
 * site file CONFDIR/restorable.conf.  Every command asks here.
 */
#include "config.h"

#include <errno.h>
#include <glob.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "restorable/config.h"
#include "restorable/lang.h"
#include "restorable/util.h"
#include "profile_keys.h"

bool
rst_profile_arg_is_path(const char *arg)
{
	size_t n = strlen(arg);

	return strchr(arg, '/') != NULL ||
	    (n >= 5 && strcmp(arg + n - 5, ".conf") == 0);
}

/*
 * 0, or RST_ECONFIG: "PATH: no such profile file", or for a profile looked
 * up by name "NAME: no such profile (PATH does not exist)".
 */
int
rst_cfg_stat_profile(const char *path, const char *name, struct rst_err *err)
{
	struct stat sb;

	if (stat(path, &sb) == -1) {
		if (errno == ENOENT && name != NULL)
			return rst_errf(err, RST_ECONFIG, "%s: no such profile "
			    "(%s does not exist)", name, path);
		if (errno == ENOENT)
			return rst_errf(err, RST_ECONFIG, "%s: no such profile "
			    "file", path);
		return rst_errno(err, RST_ECONFIG, "%s", path);
	}
	if (!S_ISREG(sb.st_mode))
		return rst_errf(err, RST_ECONFIG, "%s: not a regular file",
		    path);
	return 0;
}

const char *
rst_confdir(const char *confdir)
{
	const char *env = getenv("RESTORABLE_CONFIG");

	if (confdir != NULL && *confdir != '\0')
		return confdir;
	if (env != NULL && *env != '\0')
		return env;
	return RST_DEFAULT_CONFDIR;
}

/* Every CONFDIR/profiles/NAME.conf, sorted; RST_ECONFIG when none. */
static int
profile_glob(const char *confdir, glob_t *g, struct rst_err *err)
{
	const char *dir = rst_confdir(confdir);
	char *pat = rst_strdupf("%s/profiles/*.conf", dir);
	int r;

	memset(g, 0, sizeof(*g));
	if (pat == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = glob(pat, 0, NULL, g);
	free(pat);
	if (r == GLOB_NOMATCH)
		return rst_errf(err, RST_ECONFIG, "%s/profiles: no profile "
		    "(*.conf) found", dir);
	return r == 0 ? 0 : rst_errf(err, RST_EIO, "%s/profiles: cannot "
	    "read", dir);
}

int
rst_profile_list(const char *confdir, char *const *args, size_t n,
    struct rst_strlist *out, struct rst_err *err)
{
	glob_t g;
	size_t i;
	int r = 0;

	memset(out, 0, sizeof(*out));
	if (n == 0 && (r = profile_glob(confdir, &g, err)) != 0)
		return r;
	for (i = 0; r == 0 && i < (n > 0 ? n : g.gl_pathc); i++)
		if (rst_strlist_add(out, n > 0 ? args[i] : g.gl_pathv[i]) != 0)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
	if (n == 0)
		globfree(&g);
	if (r != 0)
		rst_strlist_release(out);
	return r;
}

int
rst_profile_resolve(const char *confdir, const char *arg, char **path,
    struct rst_err *err)
{
	const char *name = NULL;
	char *p;
	int r;

	*path = NULL;
	if (rst_profile_arg_is_path(arg)) {
		p = strdup(arg);
	} else if (!rst_profile_name_valid(arg)) {
		return rst_errf(err, RST_ECONFIG, "%s: not a profile name or "
		    "a path to a .conf file", arg);
	} else {
		name = arg;
		p = rst_strdupf("%s/profiles/%s.conf", rst_confdir(confdir),
		    name);
	}
	if (p == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_cfg_stat_profile(p, name, err)) != 0) {
		free(p);
		return r;
	}
	*path = p;
	return 0;
}

int
rst_profile_open(const char *confdir, const char *arg, unsigned need,
    rst_diag_cb diag, void *diag_arg, struct rst_profile **out,
    struct rst_err *err)
{
	char *path = NULL;
	int r;

	*out = NULL;
	if ((r = rst_profile_resolve(confdir, arg, &path, err)) != 0)
		return r;
	r = rst_profile_load(path, need, !rst_profile_arg_is_path(arg), diag,
	    diag_arg, out, err);
	free(path);
	return r;
}

char *
rst_profile_arg_name(const char *arg)
{
	const char *b = strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg;
	size_t n = strlen(b);

	if (n > 5 && strcmp(b + n - 5, ".conf") == 0)
		n -= 5;
	return strndup(b, n);
}

int
rst_site_load(const char *confdir, rst_diag_cb diag, void *diag_arg,
    struct rst_profile **out, struct rst_err *err)
{
	char *path = rst_strdupf("%s/restorable.conf", rst_confdir(confdir));
	int r = 0;

	*out = NULL;
	if (path == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (access(path, F_OK) == 0 || errno != ENOENT)
		r = rst_cfg_load(path, rst_cfg_site_keys, 0, false, diag,
		    diag_arg, out, err);
	free(path);
	return r;
}

static int
dup_into(char **dst, const char *src)
{
	if (src == NULL || *dst != NULL)
		return 0;
	return (*dst = strdup(src)) == NULL ? -1 : 0;
}

int
rst_profile_apply_site(struct rst_profile *p,
    const struct rst_profile *site, struct rst_err *err)
{
	size_t i;

	if (p->lock_stale_ms == 0)
		p->lock_stale_ms = site != NULL && site->lock_stale_ms != 0 ?
		    site->lock_stale_ms : RST_DEFAULT_LOCK_STALE_MS;
	if (p->lang < 0)
		p->lang = site != NULL && site->lang >= 0 ? site->lang :
		    RST_LANG_EN;
	if (site == NULL || p->webhook != NULL || p->smtp_url != NULL ||
	    p->heartbeat != NULL)
		return 0;
	p->notify_failure = site->notify_failure;
	p->notify_success = site->notify_success;
	if (dup_into(&p->webhook, site->webhook) != 0 ||
	    dup_into(&p->smtp_url, site->smtp_url) != 0 ||
	    dup_into(&p->smtp_from, site->smtp_from) != 0 ||
	    dup_into(&p->smtp_credentials_file,
	    site->smtp_credentials_file) != 0 ||
	    dup_into(&p->smtp_ca_file, site->smtp_ca_file) != 0 ||
	    dup_into(&p->heartbeat, site->heartbeat) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	for (i = 0; i < site->smtp_to.n; i++)
		if (rst_strlist_add(&p->smtp_to, site->smtp_to.v[i]) != 0)
			return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}
