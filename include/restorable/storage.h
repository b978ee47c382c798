/* SPDX-License-Identifier: ISC */
/*
 * Repository storage: one interface for every backend, selected by the URL
 * scheme.  Names are relative to the repository root ("snapshots/P/S/x").
 * Objects are written through an rst_objwriter that makes them appear
 * atomically on commit (temp name, then rename); an aborted writer leaves
 * nothing under the final name.
 */
#ifndef RESTORABLE_STORAGE_H
#define RESTORABLE_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/util.h"

struct rst_storage;
struct rst_objfeed;

struct rst_objinfo {
	uint64_t	size;
	int64_t		mtime;		/* seconds since the epoch */
};

/* Called per listed object; a non-zero return stops the listing. */
typedef int (*rst_list_cb)(void *arg, const char *name,
    const struct rst_objinfo *info);
/* One version of an object: a delete marker, and whether it is current. */
typedef int (*rst_version_cb)(void *arg, const char *name,
    bool delete_marker, bool latest);

/* A streaming writer for one object. */
struct rst_objwriter {
	struct rst_storage *st;
	char		*name;		/* final name */
	uint64_t	 size;		/* bytes written so far */
	void		*priv;
	/* Set when the upload runs while the object is still being written
	 * (rst_storage_create_async on a backend with stream_commit). */
	struct rst_objfeed *feed;
};

/* A streaming reader for one object. */
struct rst_objreader {
	struct rst_storage *st;
	char		*name;
	uint64_t	 size;		/* total size */
	void		*priv;
	/* The most bytes the object may have (0: no bound); a server that
	 * sends more is cut off there (RST_EINTEGRITY). */
	uint64_t	 max;
};

struct rst_storage_ops {
	const char *scheme;		/* "file", "s3", ... */
	/*
	 * What the scheme puts before the URL its requests go to: "webdav+"
	 * of webdav+https://HOST/PATH (a prefix of .scheme); NULL when they
	 * go to the URL as it is.
	 */
	const char *url_prefix;
	/*
	 * The size of the backend's state: st->priv is that many zeroed
	 * bytes before open, and is freed after close.
	 */
	size_t	priv_size;
	/*
	 * Parse cfg->url; prepare the connection (no I/O needed yet).  On
	 * failure close is called on what it filled in.
	 */
	int	(*open)(struct rst_storage *, const struct rst_repo_cfg *,
		    struct rst_err *);
	/* Start writing NAME; data becomes visible only at commit. */
	int	(*create)(struct rst_storage *, struct rst_objwriter *,
		    struct rst_err *);
	int	(*write)(struct rst_objwriter *, const void *, size_t,
		    struct rst_err *);
	/*
	 * Make the object durable and visible under its final name.  With
	 * w->feed set it runs beside the writes, in another thread, and
	 * must learn how far the object goes from rst_objfeed_wait() only.
	 */
	int	(*commit)(struct rst_objwriter *, struct rst_err *);
	/* Drop a writer that will not be committed (never fails). */
	void	(*abort)(struct rst_objwriter *);
	/* Open NAME for sequential reading; RST_ENOTFOUND if missing. */
	int	(*open_read)(struct rst_storage *, struct rst_objreader *,
		    struct rst_err *);
	/* Read up to len bytes; 0 at the end; negative RST_E* on failure. */
	ssize_t	(*read)(struct rst_objreader *, void *, size_t,
		    struct rst_err *);
	/*
	 * Go back to the object's first byte: the bytes read so far are read
	 * again from the same descriptor (the spool file of a remote object,
	 * the open file of a local one), never fetched or opened again.
	 */
	int	(*rewind)(struct rst_objreader *, struct rst_err *);
	void	(*close_read)(struct rst_objreader *);
	/*
	 * Every object under the folder prefix (no final '/'; "" for the
	 * root), recursively, names relative to root.
	 */
	int	(*list)(struct rst_storage *, const char *prefix,
		    bool include_tmp, rst_list_cb, void *, struct rst_err *);
	int	(*del)(struct rst_storage *, const char *name,
		    struct rst_err *);
	/* RST_ENOTFOUND if missing. */
	int	(*stat)(struct rst_storage *, const char *name,
		    struct rst_objinfo *, struct rst_err *);
	/*
	 * Remove the folder NAME if it is empty, for backends whose folders
	 * outlive their objects (NULL elsewhere: file:// removes emptied
	 * folders with their last object, S3 has none).
	 */
	int	(*rmdir)(struct rst_storage *, const char *name,
		    struct rst_err *);
	/*
	 * Extend the Object Lock retention of NAME to the repository's
	 * object_lock_days from now (NULL, or nothing without Object Lock:
	 * backends and repositories that do not lock objects).
	 */
	int	(*retain)(struct rst_storage *, const char *name,
		    struct rst_err *);
	/* Release what st->priv holds (also after a failed open). */
	void	(*close)(struct rst_storage *);
	/*
	 * Every version and delete marker under prefix (ListObjectVersions),
	 * names relative to root; NULL for backends without versions.
	 */
	int	(*list_versions)(struct rst_storage *, const char *prefix,
		    rst_version_cb, void *, struct rst_err *);
	/* commit can upload an object of unknown length (w->feed). */
	bool	stream_commit;
	/*
	 * A folder on this host: the URL is file:PATH (no host), objects
	 * are committed at once, parts are written in line (no spool, no
	 * background upload), and reports show no host.
	 */
	bool	local;
	/* The server's key must be pinned (host_key_sha256, known_hosts). */
	bool	host_key;
	/* Plain HTTP: refused to a host that is not loopback unless the
	 * repository sets allow_insecure_http. */
	bool	cleartext;
};

struct rst_storage {
	const struct rst_storage_ops *ops;
	char		*url;		/* for messages: no userinfo, no query */
	void		*priv;
};

/*
 * The backend of this build for scheme (len bytes, no ':'), or for the
 * scheme of url; NULL when there is none.  The registry is the one list of
 * schemes: the profile loader, messages and `version` ask it.
 */
const struct rst_storage_ops *rst_storage_backend(const char *scheme,
	    size_t len);
const struct rst_storage_ops *rst_storage_backend_of(const char *url);
/*
 * The URL a repository URL's requests go to: url past its backend's
 * url_prefix (https://HOST/PATH for webdav+https://HOST/PATH), else url.
 */
const char *rst_storage_wire_url(const char *url);
/* The i-th backend of the registry, NULL past the last. */
const struct rst_storage_ops *rst_storage_backend_at(size_t i);
/* The schemes of this build, ", "-separated, for messages. */
void	rst_storage_schemes(char *buf, size_t len);

/* Open the repository named by cfg->url (see the scheme table). */
int	rst_storage_open(const struct rst_repo_cfg *, struct rst_storage **,
	    struct rst_err *) RST_MUST_CHECK;
void	rst_storage_close(struct rst_storage *);

int	rst_storage_create(struct rst_storage *, const char *name,
	    struct rst_objwriter **, struct rst_err *) RST_MUST_CHECK;
int	rst_storage_write(struct rst_objwriter *, const void *, size_t,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Create a writer whose commit will be rst_storage_commit_async().  On a
 * backend with stream_commit the upload starts at once in the uploader
 * thread and follows the writes (the part travels while it is produced);
 * elsewhere this is rst_storage_create().  Waits while the bounded queue
 * is full; an earlier background failure is returned here.
 */
int	rst_storage_create_async(struct rst_storage *, const char *name,
	    struct rst_objwriter **, struct rst_err *) RST_MUST_CHECK;
/* Commit and free the writer (also on failure). */
int	rst_storage_commit(struct rst_objwriter *, struct rst_err *)
	    RST_MUST_CHECK;
/*
 * Commit in the background (remote backends; local ones commit at once):
 * the writer is queued for an uploader thread and owned by it.  Waits
 * while the bounded queue is full.  An earlier background failure is
 * returned here (and the writer aborted).
 */
int	rst_storage_commit_async(struct rst_objwriter *, struct rst_err *)
	    RST_MUST_CHECK;
/* Wait until every background commit is done; its first failure, if any. */
int	rst_storage_drain(struct rst_storage *, struct rst_err *)
	    RST_MUST_CHECK;
/* Abort and free the writer; NULL-safe. */
void	rst_storage_abort(struct rst_objwriter *);
/* Whole small object in one call. */
int	rst_storage_put_buf(struct rst_storage *, const char *name,
	    const void *, size_t, struct rst_err *) RST_MUST_CHECK;

int	rst_storage_open_read(struct rst_storage *, const char *name,
	    struct rst_objreader **, struct rst_err *) RST_MUST_CHECK;
/*
 * The same for an object of at most max bytes (a part: its manifest
 * size; 0: no bound): a download stops at max bytes, and a larger object
 * fails with RST_EINTEGRITY "NAME: larger than MAX bytes".
 */
int	rst_storage_open_read_max(struct rst_storage *, const char *name,
	    uint64_t max, struct rst_objreader **, struct rst_err *)
	    RST_MUST_CHECK;
/*
 * Start downloading NAME in the background (remote backends; a no-op for
 * file://), for the next rst_storage_open_read() of that name, which then
 * waits for it and returns its result.  Only one read-ahead at a time: a
 * new one drops the last if it was not taken.
 */
void	rst_storage_prefetch(struct rst_storage *, const char *name);
/* The read-ahead of rst_storage_open_read_max(st, name, max, ...). */
void	rst_storage_prefetch_max(struct rst_storage *, const char *name,
	    uint64_t max);
ssize_t	rst_storage_read(struct rst_objreader *, void *, size_t,
	    struct rst_err *) RST_MUST_CHECK;
/* See rst_storage_ops.rewind: the same bytes again, no new transfer. */
int	rst_storage_rewind(struct rst_objreader *, struct rst_err *)
	    RST_MUST_CHECK;
void	rst_storage_close_read(struct rst_objreader *);
/* Whole object into buf (refused above max bytes). */
int	rst_storage_get_buf(struct rst_storage *, const char *name,
	    size_t max, struct rst_buf *, struct rst_err *) RST_MUST_CHECK;

/*
 * Every object under the folder prefix, recursively.  Names a server lists
 * outside that folder, or with an empty, "." or ".." component, are left
 * out (with a warning); more than RST_LIST_MAX_ENTRIES objects fail.
 */
int	rst_storage_list(struct rst_storage *, const char *prefix,
	    bool include_tmp, rst_list_cb, void *, struct rst_err *)
	    RST_MUST_CHECK;

/*
 * Every version of the objects under prefix, when the backend keeps
 * versions (S3); *supported false (and nothing visited) otherwise.
 */
int	rst_storage_list_versions(struct rst_storage *, const char *prefix,
	    bool *supported, rst_version_cb, void *, struct rst_err *)
	    RST_MUST_CHECK;

/* The test rst_storage_list applies to each name, for a backend's own use. */
bool	rst_storage_name_under(const char *name, const char *prefix);

/* Bounds of one listing, against endless or huge trees from a server. */
#define RST_LIST_MAX_ENTRIES	2000000	/* objects */
#define RST_LIST_MAX_DEPTH	16	/* folder levels below the root */
#define RST_LIST_MAX_REQUESTS	100000	/* folder listings or pages */
/*
 * For a backend's list op: call before listing the folder rel (or before
 * each page of a paged listing), with a counter that starts at 0 for the
 * listing; RST_ESTORAGE past the depth or request bound.
 */
int	rst_storage_list_enter(struct rst_storage *, const char *rel,
	    size_t *nreq, struct rst_err *) RST_MUST_CHECK;

/*
 * A list op that walks folder by folder (file, WebDAV, SFTP, FTPS): what
 * it was asked, and how many folders it listed so far.
 */
struct rst_listwalk {
	struct rst_storage *st;
	bool		 include_tmp;
	rst_list_cb	 cb;
	void		*arg;
	struct rst_err	*err;
	size_t		 nreq;
};
/* Before listing the folder rel: rst_storage_list_enter's bounds. */
int	rst_listwalk_enter(struct rst_listwalk *, const char *rel)
	    RST_MUST_CHECK;
/* The name of leaf in the folder rel ("" for the root), malloc'd. */
char	*rst_listwalk_child(const char *rel, const char *leaf);
/*
 * An object found: to the caller's callback, unless checked (its name or
 * leaf, as the backend tells temp objects) is a temp object and those
 * were not asked for.
 */
int	rst_listwalk_object(struct rst_listwalk *, const char *name,
	    const char *checked, const struct rst_objinfo *);
int	rst_storage_del(struct rst_storage *, const char *name,
	    struct rst_err *) RST_MUST_CHECK;
/* Remove the folder NAME once it holds no object (see ops->rmdir). */
int	rst_storage_rmdir(struct rst_storage *, const char *name,
	    struct rst_err *) RST_MUST_CHECK;
/* ops->retain with retries; 0 for backends without it. */
int	rst_storage_retain(struct rst_storage *, const char *name,
	    struct rst_err *) RST_MUST_CHECK;
int	rst_storage_stat(struct rst_storage *, const char *name,
	    struct rst_objinfo *, struct rst_err *) RST_MUST_CHECK;

/*
 * For a stream_commit backend's commit: wait until the object has bytes
 * beyond off.  Returns how many (> 0), 0 at the end of the object, or -1
 * when the writer gave the object up.
 */
int64_t	rst_objfeed_wait(struct rst_objfeed *, uint64_t off);

/* True for a local backend (no transfer to overlap with other work). */
bool	rst_storage_is_local(const struct rst_storage *);

/* True when a name component marks an uncommitted temp object. */
bool	rst_storage_is_tmp(const char *name);

#endif
