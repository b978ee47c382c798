/* SPDX-License-Identifier: ISC */
/*
 * What the storage front end (storage.c, list.c) and its background
 * uploads (upload.c) share; nothing else sees it.
 */
#ifndef RESTORABLE_STORAGE_INT_H
#define RESTORABLE_STORAGE_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "restorable/storage.h"

#define RST_UPLOAD_QUEUE	2	/* committed objects waiting to upload */

/* The uploader thread of one storage handle (upload.c). */
struct uploader {
	pthread_t		 thread;
	bool			 running;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct rst_objwriter	*queue[RST_UPLOAD_QUEUE];
	size_t			 head, len;
	bool			 busy;		/* one upload in flight */
	bool			 stop;
	int			 code;		/* first failure */
	struct rst_err		 err;
};

/*
 * Read-ahead (remote backends): one object downloaded by a background
 * thread, handed over by the rst_storage_open_read() that asks for it.
 */
struct prefetch {
	pthread_t		 thread;
	bool			 running;	/* started, not joined */
	char			*name;		/* NULL: none */
	uint64_t		 max;		/* see rst_objreader.max */
	struct rst_objreader	*rd;
	int			 code;
	struct rst_err		 err;
};

/* The storage handle behind struct rst_storage. */
struct storage_impl {
	struct rst_storage pub;		/* first: cast both ways */
	int		 attempts;	/* 1 + cfg->retries */
	uint64_t	 max_wait_ms;	/* cfg->retry_max_wait_ms */
	double		 deadline;	/* rst_mono_seconds(); 0: none */
	uint64_t	 timeout_ms;	/* cfg->command_timeout_ms */
	struct uploader	 up;
	struct prefetch	 pf;
};

typedef int (*rst_attempt_fn)(struct rst_storage *, void *, struct rst_err *);

/*
 * command_timeout: the storage error once the command's time with the
 * repository (from its opening) has run out; what names the operation.
 */
int	rst_storage_deadline_err(const char *url, uint64_t timeout_ms,
	    struct rst_err *);

/* storage.c: -v's line for a request (its URL has no secret). */
void	rst_storage_debug_request(const struct rst_storage *,
	    const char *op, const char *name);
/* storage.c: run fn with the repository's retries and backoff. */
int	rst_storage_retry(struct rst_storage *, rst_attempt_fn, void *,
	    struct rst_err *);
/* storage.c: one ops->commit of the writer passed as arg. */
int	rst_storage_commit_attempt(struct rst_storage *, void *,
	    struct rst_err *);
void	rst_storage_writer_free(struct rst_objwriter *);

/* upload.c: stop and join the uploader (at close). */
void	rst_upload_stop(struct uploader *);
/* upload.c: a fed writer grew to w->size; the upload's failure, if any. */
int	rst_upload_written(struct rst_objwriter *, struct rst_err *);
/* upload.c: the producer gives a fed writer up. */
void	rst_upload_abort(struct rst_objwriter *);

#endif
