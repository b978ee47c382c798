/* SPDX-License-Identifier: ISC */
/*
 * The FTPS backend (ftps://host[:port]/path, explicit TLS): to libcurl an
 * ftp:// URL with CURLOPT_USE_SSL = CURLUSESSL_ALL, so the login and every
 * data connection are encrypted and the server's certificate verified; a
 * server without TLS is refused.  An object is stored as NAME.tmp-XXXXXX
 * and renamed with RNFR/RNTO (which replaces an existing NAME).  The path
 * is relative to the login folder, as in curl (ftps://h//abs for an
 * absolute one).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "curl_common.h"

struct ftps {
	struct rst_curl_repo repo;	/* first: the shared ops use it */
};

static int
ftps_prepare(struct rst_curl_repo *repo, struct rst_curl_xfer *x,
    struct rst_err *err)
{
	if (RST_SETOPT_MUST(x->c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL,
	    repo->server, err) != 0)
		return err->code;
	/*
	 * Common FTPS servers (vsftpd 3.0) abort uploads over TLS 1.3 data
	 * connections ("426 Failure reading network stream"); TLS 1.2 works.
	 */
	curl_easy_setopt(x->c, CURLOPT_SSLVERSION,
	    (long)(CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2));
	return 0;
}

static const char *
base_name(const char *name)
{
	const char *s = strrchr(name, '/');

	return s ? s + 1 : name;
}

/*
 * DELE or RMD of NAME, sent in NAME's folder by its base name: an FTP
 * connection kept for reuse stays where its last transfer went.
 */
static int
ftps_remove(struct rst_storage *st, const char *name, bool dir, char **cmd)
{
	(void)st;
	*cmd = rst_strdupf("%s %s", dir ? "RMD" : "DELE", base_name(name));
	return *cmd != NULL ? 0 : -1;
}

/*
 * After the transfer the server's folder is the object's folder: rename
 * the temporary there by base names.
 */
static int
ftps_rename(struct rst_storage *st, const char *tmp, const char *name,
    char **cmd1, char **cmd2)
{
	(void)st;
	if ((*cmd1 = rst_strdupf("RNFR %s", base_name(tmp))) == NULL ||
	    (*cmd2 = rst_strdupf("RNTO %s", base_name(name))) == NULL)
		return -1;
	return 0;
}

/* Base names in the object's folder; "DELE", "RMD", "RNFR" + "RNTO". */
static const struct rst_curl_cmds ftps_cmds = {
	.in_dir = true, .remove = ftps_remove, .rename = ftps_rename,
};

static int
ftps_open(struct rst_storage *st, const struct rst_repo_cfg *cfg,
    struct rst_err *err)
{
	struct ftps *f = st->priv;
	const char *rest = st->url + strlen("ftps://");
	int r;

	if ((r = rst_curl_repo_init_user(&f->repo, st, cfg, "ftp", err)) != 0)
		return r;
	if (f->repo.cred.user == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: an ftps repository "
		    "needs credentials_file or credentials_env", st->url);
	f->repo.prepare = ftps_prepare;
	f->repo.backend = f;
	f->repo.cmds = &ftps_cmds;
	if (*rest == '\0' || *rest == '/')
		return rst_errf(err, RST_ECONFIG, "%s: expected "
		    "ftps://HOST[:PORT]/PATH", st->url);
	if ((f->repo.base = rst_strdupf("ftp://%s", rest)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	rst_path_trim_slashes(f->repo.base, strlen("ftp://") + 1);
	return 0;
}

static void
ftps_close(struct rst_storage *st)
{
	rst_curl_repo_release(&((struct ftps *)st->priv)->repo);
}

const struct rst_storage_ops rst_storage_ftps = {
	.scheme = "ftps",
	.priv_size = sizeof(struct ftps),
	.open = ftps_open,
	.close = ftps_close,
	RST_CURL_CMD_OPS,
};
