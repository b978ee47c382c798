/* SPDX-License-Identifier: ISC */
/*
 * What the libcurl backends (webdav, s3, sftp, ftps) share: one way to set
 * up an easy handle (TLS verification always on, CA file, timeouts, the
 * backend's protocols only), one perform wrapper that turns a failure into
 * an RST_ESTORAGE message naming the server and marks the transient ones
 * for storage.c's retry loop, credential loading, URL escaping, the spool
 * files that writers and readers go through, and minimal XML and "ls -l"
 * parsing.  Private to src/storage.
 */
#ifndef RST_STORAGE_CURL_COMMON_H
#define RST_STORAGE_CURL_COMMON_H

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <curl/curl.h>

#include "restorable/secret.h"
#include "restorable/storage.h"

/*
 * A failure worth retrying (connection refused or reset, timeout, HTTP 5xx
 * or 429) is RST_ESTORAGE with err->sys_errno set to this value; storage.c
 * retries exactly those.
 */
#define RST_STORAGE_TRANSIENT	EAGAIN

struct rst_curl_xfer;

#define RST_CURL_IDLE	4	/* idle easy handles kept per repository */
#define RST_CURL_SPARE	3	/* spool files kept for the next writers */

/* Per repository: what every transfer of a backend needs. */
struct rst_curl_repo {
	char		*base;		/* curl URL of the root, no final '/' */
	const char	*server;	/* for messages: st->url (no secrets) */
	const char	*protocols;	/* CURLOPT_PROTOCOLS_STR */
	bool		 http;		/* status codes are HTTP codes */
	char		*ca_file;
	char		*spool_dir;
	uint64_t	 timeout_ms;
	uint64_t	 bandwidth_limit;	/* bytes/s each way; 0 = none */
	double		 deadline;	/* command_timeout, rst_mono_seconds() */
	uint64_t	 command_timeout_ms;
	struct rst_secret cred;		/* wiped on release */
	/* Called just before each perform (S3 signs here); may be NULL. */
	int		(*prepare)(struct rst_curl_repo *, struct rst_curl_xfer *,
			    struct rst_err *);
	void		*backend;	/* for prepare */
	const struct rst_curl_cmds *cmds;	/* quote-command backends */
	/* Easy handles of finished transfers, kept for their connections. */
	pthread_mutex_t	 lock;
	bool		 lock_ok;
	CURL		*idle[RST_CURL_IDLE];
	size_t		 nidle;
	/* Spool files of finished writers, overwritten by the next ones. */
	int		 spare[RST_CURL_SPARE];
	size_t		 nspare;
};

/*
 * The quote commands of a backend that changes objects by them (SFTP,
 * FTPS), malloc'd into the char ** (0, or -1 when out of memory): remove
 * NAME (the folder NAME with dir), and the two that replace NAME by the
 * uploaded tmp.  in_dir: they run in the object's folder (FTP, base
 * names), else from the login folder (SFTP, paths from the root).
 */
struct rst_curl_cmds {
	bool	 in_dir;
	int	(*remove)(struct rst_storage *, const char *name, bool dir,
		    char **cmd);
	int	(*rename)(struct rst_storage *, const char *tmp,
		    const char *name, char **cmd1, char **cmd2);
};

/* One transfer: the handle's error buffer, headers and a small body. */
struct rst_curl_xfer {
	CURL		*c;
	struct rst_curl_repo *repo;	/* takes c back when done */
	char		 ebuf[CURL_ERROR_SIZE];
	struct curl_slist *hdrs;
	struct curl_slist *quote;
	struct rst_buf	 body;		/* response body unless sent to fd */
	int		 fd;		/* download target, -1 for body */
	int		 src_fd;	/* upload source, -1 for none */
	off_t		 src_off, src_len, src_pos;
	off_t		 src_hi;	/* furthest byte read so far */
	struct rst_objfeed *feed;	/* source still growing, or NULL */
	long		 status;	/* HTTP status or FTP/SSH reply code */
	char		 etag[128];	/* ETag reply header, quotes kept */
	char		 payload_sha[65];	/* S3: hex SHA-256 of the body */
	bool		 quote_post;	/* quote runs after, not before */
	bool		 interruptible;	/* started before any SIGINT/SIGTERM */
	uint64_t	 rx_bytes;	/* received, for bandwidth_limit */
	uint64_t	 got;		/* body bytes written to fd */
	uint64_t	 max;		/* most body bytes for fd; 0: any */
	bool		 too_big;	/* the server sent more than max */
	uint64_t	 rx_t0;		/* CLOCK_MONOTONIC ns of the first */
};

int	rst_curl_repo_init(struct rst_curl_repo *, struct rst_storage *,
	    const struct rst_repo_cfg *, const char *protocols,
	    struct rst_err *) RST_MUST_CHECK;
void	rst_curl_repo_release(struct rst_curl_repo *);
/* rst_curl_repo_init, then rst_curl_load_userpass (WebDAV, SFTP, FTPS). */
int	rst_curl_repo_init_user(struct rst_curl_repo *, struct rst_storage *,
	    const struct rst_repo_cfg *, const char *protocols,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * "user:password" from cfg->credentials_file or the variable named by
 * cfg->credentials_env into repo->cred; nothing when neither is set.
 */
int	rst_curl_load_userpass(struct rst_curl_repo *,
	    const struct rst_repo_cfg *, struct rst_err *) RST_MUST_CHECK;
/* Whole secret text (file checked with rst_check_secret_file, or env). */
int	rst_curl_load_secret_text(const struct rst_repo_cfg *,
	    struct rst_buf *, struct rst_err *) RST_MUST_CHECK;

/* Start a transfer to url with the common options; RST_ENOMEM on failure. */
int	rst_curl_xfer_init(struct rst_curl_xfer *, struct rst_curl_repo *,
	    const char *url, struct rst_err *) RST_MUST_CHECK;
void	rst_curl_xfer_release(struct rst_curl_xfer *);
/* Send src_len bytes of fd from offset off as the request body. */
void	rst_curl_xfer_upload(struct rst_curl_xfer *, int fd, off_t off,
	    off_t len);
int	rst_curl_xfer_header(struct rst_curl_xfer *, const char *fmt, ...)
	    RST_PRINTF(2, 3) RST_MUST_CHECK;
int	rst_curl_xfer_quote(struct rst_curl_xfer *, const char *fmt, ...)
	    RST_PRINTF(2, 3) RST_MUST_CHECK;

/*
 * Perform; 0 on success (HTTP 2xx), RST_ENOTFOUND for a missing object
 * (HTTP 404, FTP/SFTP "no such file"), else RST_ESTORAGE with
 * "WHAT: SERVER: cause" (WHAT may be NULL), transient ones marked.
 */
int	rst_curl_perform(struct rst_curl_xfer *, struct rst_curl_repo *,
	    const char *what, struct rst_err *) RST_MUST_CHECK;
/* The error for an unexpected status after a "successful" perform. */
int	rst_curl_status_err(struct rst_curl_xfer *, struct rst_curl_repo *,
	    const char *what, struct rst_err *);

/* Percent-encode name (unreserved kept; '/' kept when keep_slash). */
char	*rst_curl_escape(const char *name, bool keep_slash);
/* repo->base + "/" + escaped name (name "" gives base + "/"). */
char	*rst_curl_url(const struct rst_curl_repo *, const char *name);
/* The folder rel as a URL with a final '/'. */
char	*rst_curl_dir_url(const struct rst_curl_repo *, const char *rel);
/* NAME.tmp-XXXXXX with 6 random hex digits. */
char	*rst_curl_tmpname(const char *name);
/* A quoted path for an SFTP/FTP quote command. */
char	*rst_curl_quote_path(const char *path);

/* An anonymous spool file under repo->spool_dir (made 0700). */
int	rst_curl_spool(struct rst_curl_repo *, int *fd, struct rst_err *)
	    RST_MUST_CHECK;

/*
 * Writers spool to a file; the backend's commit uploads it.  These three
 * are the create/write/abort ops of every curl backend; the writer's
 * priv is a struct rst_curl_writer.
 */
struct rst_curl_writer {
	int		 fd;
	uint64_t	 size;
};
int	rst_curl_create(struct rst_storage *, struct rst_objwriter *,
	    struct rst_err *);
int	rst_curl_write(struct rst_objwriter *, const void *, size_t,
	    struct rst_err *);
void	rst_curl_abort(struct rst_objwriter *);

/*
 * The reader ops of every curl backend: open_read downloads NAME into a
 * spool file (rst_curl_fetch), the others read that file.
 */
int	rst_curl_open_read(struct rst_storage *, struct rst_objreader *,
	    struct rst_err *);
ssize_t	rst_curl_read(struct rst_objreader *, void *, size_t,
	    struct rst_err *);
int	rst_curl_rewind(struct rst_objreader *, struct rst_err *);
void	rst_curl_close_read(struct rst_objreader *);

/*
 * GET NAME into fd (for rst_curl_open_read), at most max bytes
 * (0: any): more is cut off, RST_EINTEGRITY "NAME: larger than MAX bytes".
 */
int	rst_curl_fetch(struct rst_storage *, const char *name, uint64_t max,
	    int fd, struct rst_err *) RST_MUST_CHECK;
/*
 * PUT/STOR the writer's spool file to url (while it grows when w->feed is
 * set), creating missing folders (FTP, SFTP), then run post (quote
 * commands; may be NULL; taken over).  *status gets the reply code.
 */
int	rst_curl_upload(struct rst_curl_repo *, const char *url,
	    struct rst_objwriter *, struct curl_slist *post, long *status,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * The ops of the backends that change objects by quote commands (SFTP,
 * FTPS), from the commands repo->cmds makes.  commit: upload the writer's
 * spool file to NAME.tmp-XXXXXX beside NAME, then let the server run the
 * two rename commands (drop NAME and rename, or RNFR and RNTO) after the
 * transfer, so NAME appears whole or not at all; a failed commit removes
 * the temporary object (best effort).  del: a failure on an object that
 * stat finds missing is success.  rmdir: an empty folder.
 */
int	rst_curl_cmd_commit(struct rst_objwriter *, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_curl_cmd_del(struct rst_storage *, const char *name,
	    struct rst_err *) RST_MUST_CHECK;
int	rst_curl_cmd_rmdir(struct rst_storage *, const char *name,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * The ops such a backend shares, in its rst_storage_ops after its own
 * .scheme, .priv_size, .open, .close and flags; it lists with "ls -l".
 */
#define RST_CURL_CMD_OPS						\
	.create = rst_curl_create, .write = rst_curl_write,		\
	.commit = rst_curl_cmd_commit, .abort = rst_curl_abort,		\
	.open_read = rst_curl_open_read, .read = rst_curl_read,		\
	.rewind = rst_curl_rewind, .close_read = rst_curl_close_read,	\
	.list = rst_curl_ls_list, .del = rst_curl_cmd_del,		\
	.stat = rst_curl_stat, .rmdir = rst_curl_cmd_rmdir,		\
	.stream_commit = true
/*
 * Before listing the folder rel of a walk (listing.c): the walk's bounds,
 * then the folder's URL and the "list REL" its messages start with
 * (malloc'd; both NULL on failure).
 */
int	rst_curl_list_dir(struct rst_listwalk *, const char *rel, char **url,
	    char **what) RST_MUST_CHECK;
/* List an SFTP/FTP tree from its "ls -l" directory listings. */
int	rst_curl_ls_list(struct rst_storage *, const char *prefix,
	    bool include_tmp, rst_list_cb, void *, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_curl_stat(struct rst_storage *, const char *name,
	    struct rst_objinfo *, struct rst_err *) RST_MUST_CHECK;

/* HEAD-like stat of url (HTTP HEAD, FTP SIZE+MDTM, SFTP stat). */
int	rst_curl_stat_url(struct rst_curl_repo *, const char *url,
	    const char *name, struct rst_objinfo *, struct rst_err *)
	    RST_MUST_CHECK;

/*
 * Minimal XML: find the next element whose local name (prefix ignored) is
 * tag in [p, end); its content is [*cs, *ce) and *next points after it.
 */
bool	rst_xml_find(const char *p, const char *end, const char *tag,
	    const char **cs, const char **ce, const char **next);
/* Content of the first tag element in [p, end), entities decoded. */
char	*rst_xml_text(const char *p, const char *end, const char *tag);

/* Parse one "ls -l" line: type ('d', '-', ...), size, mtime, name. */
bool	rst_ls_parse(const char *line, char *type, struct rst_objinfo *,
	    char **name);

#endif
