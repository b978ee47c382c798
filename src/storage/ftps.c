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

static int
ftps_init(struct rst_storage *st, struct ftps *f,
    const struct rst_repo_cfg *cfg, struct rst_err *err)
{
	const char *rest = st->url + strlen("ftps://");
	char *p;
	int r;

	if ((r = rst_curl_repo_init(&f->repo, st, cfg, "ftp", err)) != 0 ||
	    (r = rst_curl_load_userpass(&f->repo, cfg, err)) != 0)
		return r;
	if (f->repo.cred.user == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: an ftps repository "
		    "needs credentials_file or credentials_env", st->url);
	f->repo.prepare = ftps_prepare;
	f->repo.backend = f;
	if (*rest == '\0' || *rest == '/')
		return rst_errf(err, RST_ECONFIG, "%s: expected "
		    "ftps://HOST[:PORT]/PATH", st->url);
	if ((f->repo.base = rst_strdupf("ftp://%s", rest)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	for (p = f->repo.base + strlen(f->repo.base) - 1; *p == '/' &&
	    p > f->repo.base + 6; p--)
		*p = '\0';
	return 0;
}

static void
ftps_close(struct rst_storage *st)
{
	struct ftps *f = st->priv;

	if (f == NULL)
		return;
	rst_curl_repo_release(&f->repo);
	free(f);
	st->priv = NULL;
}

static int
ftps_open(struct rst_storage *st, const struct rst_repo_cfg *cfg,
    struct rst_err *err)
{
	struct ftps *f;
	int r;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	st->priv = f;
	if ((r = ftps_init(st, f, cfg, err)) != 0)
		ftps_close(st);
	return r;
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
ftps_quote(struct rst_storage *st, const char *name, bool rmdir,
    struct rst_err *err)
{
	char *cmd;
	int r;

	if ((cmd = rst_strdupf("%s %s", rmdir ? "RMD" : "DELE",
	    base_name(name))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rmdir ? rst_curl_quote_rmdir(st, name, true, cmd, err) :
	    rst_curl_quote_del(st, name, true, cmd, err);
	free(cmd);
	return r;
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

static int
ftps_commit(struct rst_objwriter *w, struct rst_err *err)
{
	struct ftps *f = w->st->priv;

	return rst_curl_commit_rename(&f->repo, w, ftps_rename, err);
}

static int
ftps_open_read(struct rst_storage *st, struct rst_objreader *rd,
    struct rst_err *err)
{
	return rst_curl_open_read(st, rd, rst_curl_fetch, err);
}

static int
ftps_del(struct rst_storage *st, const char *name, struct rst_err *err)
{
	return ftps_quote(st, name, false, err);
}

static int
ftps_rmdir(struct rst_storage *st, const char *name, struct rst_err *err)
{
	return ftps_quote(st, name, true, err);
}

const struct rst_storage_ops rst_storage_ftps = {
	.scheme = "ftps",
	.open = ftps_open,
	.create = rst_curl_create,
	.write = rst_curl_write,
	.commit = ftps_commit,
	.abort = rst_curl_abort,
	.open_read = ftps_open_read,
	.read = rst_curl_read,
	.rewind = rst_curl_rewind,
	.close_read = rst_curl_close_read,
	.list = rst_curl_ls_list,
	.del = ftps_del,
	.stat = rst_curl_stat,
	.rmdir = ftps_rmdir,
	.close = ftps_close,
	.stream_commit = true,
};
