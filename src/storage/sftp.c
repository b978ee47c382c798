/* SPDX-License-Identifier: ISC */
/*
 * The SFTP backend (sftp://user@host:port/path) through libcurl's libssh2.
 * The server's host key is always checked: against host_key_sha256 (as
 * "ssh-keygen -lf" prints it) or a known_hosts file in which it must be
 * present and unchanged; with neither the repository is refused.  An
 * object is uploaded to NAME.tmp-XXXXXX and renamed; OpenSSH refuses a
 * rename onto an existing name, so the old NAME is removed first (only
 * objects rewritten in place, the journal and its head, have one).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "curl_common.h"

struct sftp {
	struct rst_curl_repo repo;	/* first: the shared ops use it */
	char		*root;		/* server path of the root for quote
					   commands: absolute, or
					   relative to the home folder
					   ("" for the home itself) */
	char		*host_sha256;	/* base64 part of "SHA256:..." */
	char		*known_hosts;
	char		*key, *pubkey;
};

static int
on_hostkey(CURL *c, const struct curl_khkey *known,
    const struct curl_khkey *found, enum curl_khmatch match, void *arg)
{
	(void)c;
	(void)known;
	(void)found;
	(void)arg;
	return match == CURLKHMATCH_OK ? CURLKHSTAT_FINE : CURLKHSTAT_REJECT;
}

static int
sftp_prepare(struct rst_curl_repo *repo, struct rst_curl_xfer *x,
    struct rst_err *err)
{
	struct sftp *s = repo->backend;
	const char *w = repo->server;
	long types = 0;
	CURLcode cc;

	/* The host key pin or known_hosts: a libcurl that cannot apply
	 * them (libssh builds lack the SHA-256 pin) must not connect. */
	if (s->host_sha256 != NULL && (cc = curl_easy_setopt(x->c,
	    CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256, s->host_sha256)) != CURLE_OK)
		return rst_errf(err, RST_ECONFIG, "%s: this libcurl cannot "
		    "enforce host_key_sha256 "
		    "(CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256: %s), so no "
		    "connection is made; use known_hosts instead", w,
		    curl_easy_strerror(cc));
	if (s->known_hosts != NULL &&
	    (RST_SETOPT_MUST(x->c, CURLOPT_SSH_KNOWNHOSTS, s->known_hosts, w,
	    err) != 0 ||
	    RST_SETOPT_MUST(x->c, CURLOPT_SSH_KEYFUNCTION, on_hostkey, w,
	    err) != 0))
		return err->code;
	if (s->key != NULL) {
		types |= CURLSSH_AUTH_PUBLICKEY;
		curl_easy_setopt(x->c, CURLOPT_SSH_PRIVATE_KEYFILE, s->key);
		if (s->pubkey != NULL)
			curl_easy_setopt(x->c, CURLOPT_SSH_PUBLIC_KEYFILE,
			    s->pubkey);
	}
	if (repo->cred.pass != NULL)
		types |= CURLSSH_AUTH_PASSWORD;
	curl_easy_setopt(x->c, CURLOPT_SSH_AUTH_TYPES, types);
	return 0;
}

static int
sftp_keys(struct sftp *s, const struct rst_repo_cfg *cfg, const char *url,
    struct rst_err *err)
{
	const char *fp = cfg->host_key_sha256;

	if (fp == NULL && cfg->known_hosts == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: an sftp repository "
		    "needs host_key_sha256 or known_hosts (the server's key "
		    "is never trusted unchecked)", url);
	if (fp != NULL) {
		if (strncmp(fp, "SHA256:", 7) == 0)
			fp += 7;
		if ((s->host_sha256 = strdup(fp)) == NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	if (cfg->known_hosts != NULL &&
	    (s->known_hosts = strdup(cfg->known_hosts)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (cfg->ssh_key != NULL) {
		if ((s->key = strdup(cfg->ssh_key)) == NULL ||
		    (s->pubkey = rst_strdupf("%s.pub", cfg->ssh_key)) == NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		if (access(s->pubkey, R_OK) != 0) {
			free(s->pubkey);
			s->pubkey = NULL;
		}
	}
	if (s->key == NULL && s->repo.cred.pass == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: an sftp repository "
		    "needs ssh_key or credentials", url);
	return 0;
}

/* The quoted server path of name, for quote commands. */
static char *
qpath(struct sftp *s, const char *name)
{
	char *full, *q;

	if ((full = s->root[0] == '\0' ? strdup(name) :
	    rst_strdupf("%s/%s", s->root, name)) == NULL)
		return NULL;
	q = rst_curl_quote_path(full);
	free(full);
	return q;
}

/* "rm" or "rmdir" of NAME by its full server path. */
static int
sftp_remove(struct rst_storage *st, const char *name, bool dir, char **cmd)
{
	char *q = qpath(st->priv, name);

	*cmd = q ? rst_strdupf("%s %s", dir ? "rmdir" : "rm", q) : NULL;
	free(q);
	return *cmd != NULL ? 0 : -1;
}

/* After the upload: drop NAME (if any), rename the temporary to it. */
static int
sftp_rename(struct rst_storage *st, const char *tmp, const char *name,
    char **cmd1, char **cmd2)
{
	char *qt = qpath(st->priv, tmp), *qf = qpath(st->priv, name);
	int r = -1;

	if (qt != NULL && qf != NULL &&
	    (*cmd1 = rst_strdupf("*rm %s", qf)) != NULL &&
	    (*cmd2 = rst_strdupf("rename %s %s", qt, qf)) != NULL)
		r = 0;
	free(qt);
	free(qf);
	return r;
}

/* Paths from the login folder; "rm", "rmdir", and "*rm" + "rename". */
static const struct rst_curl_cmds sftp_cmds = {
	.in_dir = false, .remove = sftp_remove, .rename = sftp_rename,
};

static int
sftp_open(struct rst_storage *st, const struct rst_repo_cfg *cfg,
    struct rst_err *err)
{
	struct sftp *s = st->priv;
	const char *host, *path;
	int r;

	if ((r = rst_curl_repo_init_user(&s->repo, st, cfg, "sftp",
	    err)) != 0 || (r = sftp_keys(s, cfg, st->url, err)) != 0)
		return r;
	s->repo.prepare = sftp_prepare;
	s->repo.backend = s;
	s->repo.cmds = &sftp_cmds;
	/* The user name in the URL is no secret; the query is dropped. */
	if ((s->repo.base = strndup(cfg->url, strcspn(cfg->url, "?#"))) ==
	    NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	rst_path_trim_slashes(s->repo.base, 0);
	host = s->repo.base + strlen("sftp://");
	if (*host == '\0' || *host == '/' || strchr(host, '@') == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: expected "
		    "sftp://USER@HOST[:PORT]/PATH", st->url);
	path = strchrnul(host, '/');
	if ((s->root = curl_easy_unescape(NULL, path, 0, NULL)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	/*
	 * "/~/PATH" is PATH in the user's home folder (as curl takes it);
	 * for quote commands that is the relative PATH, since an SFTP
	 * session starts in the home folder.
	 */
	if (strcmp(s->root, "/~") == 0)
		s->root[0] = '\0';
	else if (strncmp(s->root, "/~/", 3) == 0)
		memmove(s->root, s->root + 3, strlen(s->root + 3) + 1);
	return 0;
}

static void
sftp_close(struct rst_storage *st)
{
	struct sftp *s = st->priv;

	rst_curl_repo_release(&s->repo);
	curl_free(s->root);
	free(s->host_sha256);
	free(s->known_hosts);
	free(s->key);
	free(s->pubkey);
}

const struct rst_storage_ops rst_storage_sftp = {
	.scheme = "sftp",
	.priv_size = sizeof(struct sftp),
	.open = sftp_open,
	.close = sftp_close,
	.host_key = true,
	RST_CURL_CMD_OPS,
};
