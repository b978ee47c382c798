/* SPDX-License-Identifier: ISC */
/*
 * Background uploads for the storage front end: a remote object committed
 * with rst_storage_commit_async() goes to a bounded queue that one uploader
 * thread empties, so the next part is produced (into its spool file) while
 * the previous one travels.  On a backend that can upload an object of
 * unknown length (stream_commit), rst_storage_create_async() queues the
 * writer as soon as it exists and its upload reads the spool file as it
 * grows (struct rst_objfeed), so the first part travels while it is
 * produced.  Only that thread talks to the server until
 * rst_storage_drain() returns; the first failure is kept and reported by
 * every later call.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "storage_int.h"

/*
 * A writer shared by its producer and the uploader while both use it: the
 * spool file and the writer are freed by whichever lets go last.
 */
struct rst_objfeed {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	uint64_t	 written;	/* bytes in the spool file */
	bool		 closed;	/* the producer is done writing */
	bool		 aborted;	/* ... and gave the object up */
	bool		 failed;	/* the upload failed or will not run */
	int		 refs;		/* producer, uploader */
};

static struct uploader *
uploader_of(struct rst_storage *st)
{
	return &((struct storage_impl *)st)->up;
}

/* The uploader's first failure into err (a generic one if none is kept). */
static int
upload_failure(struct rst_storage *st, const char *name, struct rst_err *err)
{
	struct uploader *up = uploader_of(st);
	int r;

	pthread_mutex_lock(&up->mu);
	if ((r = up->code) != 0 && err->code == 0)
		*err = up->err;
	pthread_mutex_unlock(&up->mu);
	if (r == 0)
		r = rst_errf(err, RST_ESTORAGE, "put %s: upload failed", name);
	return r;
}

static struct rst_objfeed *
feed_new(void)
{
	struct rst_objfeed *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	if (pthread_mutex_init(&f->mu, NULL) != 0) {
		free(f);
		return NULL;
	}
	if (pthread_cond_init(&f->cv, NULL) != 0) {
		pthread_mutex_destroy(&f->mu);
		free(f);
		return NULL;
	}
	f->refs = 2;
	return f;
}

static void
feed_free(struct rst_objfeed *f)
{
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	free(f);
}

/* Let go of a fed writer; the last holder closes its spool and frees it. */
static void
feed_release(struct rst_objwriter *w)
{
	struct rst_objfeed *f = w->feed;
	bool last;

	pthread_mutex_lock(&f->mu);
	last = --f->refs == 0;
	pthread_mutex_unlock(&f->mu);
	if (!last)
		return;
	feed_free(f);
	w->feed = NULL;
	w->st->ops->abort(w);	/* a no-op after a successful commit */
	rst_storage_writer_free(w);
}

/* The producer's side is done: closed, and given up when aborted. */
static bool
feed_close(struct rst_objfeed *f, bool aborted)
{
	bool failed;

	pthread_mutex_lock(&f->mu);
	f->closed = true;
	f->aborted = aborted;
	failed = f->failed;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	return failed;
}

int64_t
rst_objfeed_wait(struct rst_objfeed *f, uint64_t off)
{
	int64_t n;

	pthread_mutex_lock(&f->mu);
	while (f->written <= off && !f->closed)
		pthread_cond_wait(&f->cv, &f->mu);
	if (f->aborted)
		n = -1;
	else
		n = f->written > off ? (int64_t)(f->written - off) : 0;
	pthread_mutex_unlock(&f->mu);
	return n;
}

int
rst_upload_written(struct rst_objwriter *w, struct rst_err *err)
{
	struct rst_objfeed *f = w->feed;
	bool failed;

	pthread_mutex_lock(&f->mu);
	f->written = w->size;
	failed = f->failed;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	/* The upload behind this writer failed: stop producing it. */
	return failed ? upload_failure(w->st, w->name, err) : 0;
}

void
rst_upload_abort(struct rst_objwriter *w)
{
	(void)feed_close(w->feed, true);
	feed_release(w);
}

static void
upload_record(struct uploader *up, int r, const struct rst_err *err)
{
	pthread_mutex_lock(&up->mu);
	if (r != 0 && up->code == 0) {
		up->code = r;
		up->err = *err;
	}
	pthread_mutex_unlock(&up->mu);
}

/*
 * A fed writer: upload it while its producer writes (retries start over
 * from the spool file's first byte), unless an earlier upload failed or
 * the producer gave it up.
 */
static void
upload_fed(struct uploader *up, struct rst_objwriter *w, bool skip)
{
	struct rst_objfeed *f = w->feed;
	struct rst_err err = RST_ERR_INIT;
	int r = 0;

	pthread_mutex_lock(&f->mu);
	skip = skip || f->aborted;
	pthread_mutex_unlock(&f->mu);
	if (!skip && (r = rst_storage_retry(w->st, rst_storage_commit_attempt,
	    w, &err)) != 0)
		rst_err_prefix(&err, "put %s", w->name);
	/*
	 * A writer its producer gave up is not the upload's failure.  The
	 * cause is kept before failed is set (f->mu, then up->mu: the only
	 * nesting), so a producer that sees failed finds it.
	 */
	pthread_mutex_lock(&f->mu);
	if (!f->aborted)
		upload_record(up, r, &err);
	f->failed = skip || r != 0;
	pthread_mutex_unlock(&f->mu);
	feed_release(w);
}

static void *
uploader_main(void *arg)
{
	struct uploader *up = arg;
	struct rst_objwriter *w;
	struct rst_err err;
	bool skip;
	int r;

	pthread_mutex_lock(&up->mu);
	for (;;) {
		while (up->len == 0 && !up->stop)
			pthread_cond_wait(&up->cv, &up->mu);
		if (up->len == 0)
			break;
		w = up->queue[up->head];
		up->head = (up->head + 1) % RST_UPLOAD_QUEUE;
		up->len--;
		up->busy = true;
		skip = up->code != 0;
		pthread_cond_broadcast(&up->cv);
		pthread_mutex_unlock(&up->mu);
		if (w->feed != NULL)
			upload_fed(up, w, skip);
		else if (skip)
			rst_storage_abort(w);
		else {
			rst_err_clear(&err);
			r = rst_storage_commit(w, &err);
			upload_record(up, r, &err);
		}
		pthread_mutex_lock(&up->mu);
		up->busy = false;
		pthread_cond_broadcast(&up->cv);
	}
	pthread_mutex_unlock(&up->mu);
	return NULL;
}

static int
uploader_start(struct uploader *up, struct rst_err *err)
{
	if (up->running)
		return 0;
	if (pthread_mutex_init(&up->mu, NULL) != 0 ||
	    pthread_cond_init(&up->cv, NULL) != 0)
		return rst_errf(err, RST_EINTERNAL, "uploader: cannot set up");
	if (pthread_create(&up->thread, NULL, uploader_main, up) != 0) {
		pthread_mutex_destroy(&up->mu);
		pthread_cond_destroy(&up->cv);
		return rst_errf(err, RST_EINTERNAL, "uploader: cannot start");
	}
	up->running = true;
	return 0;
}

void
rst_upload_stop(struct uploader *up)
{
	if (!up->running)
		return;
	pthread_mutex_lock(&up->mu);
	up->stop = true;
	pthread_cond_broadcast(&up->cv);
	pthread_mutex_unlock(&up->mu);
	pthread_join(up->thread, NULL);
	pthread_mutex_destroy(&up->mu);
	pthread_cond_destroy(&up->cv);
	up->running = false;
}

/* Queue w for the uploader, waiting for room; an earlier failure instead. */
static int
enqueue(struct uploader *up, struct rst_objwriter *w, struct rst_err *err)
{
	int r;

	pthread_mutex_lock(&up->mu);
	while (up->len == RST_UPLOAD_QUEUE && up->code == 0)
		pthread_cond_wait(&up->cv, &up->mu);
	if ((r = up->code) == 0) {
		up->queue[(up->head + up->len) % RST_UPLOAD_QUEUE] = w;
		up->len++;
		pthread_cond_broadcast(&up->cv);
	} else if (err->code == 0)
		*err = up->err;
	pthread_mutex_unlock(&up->mu);
	return r;
}

int
rst_storage_create_async(struct rst_storage *st, const char *name,
    struct rst_objwriter **out, struct rst_err *err)
{
	struct rst_objwriter *w;
	int r;

	if (!st->ops->stream_commit)
		return rst_storage_create(st, name, out, err);
	*out = NULL;
	if ((r = uploader_start(uploader_of(st), err)) != 0 ||
	    (r = rst_storage_create(st, name, &w, err)) != 0)
		return r;
	if ((w->feed = feed_new()) == NULL) {
		rst_storage_abort(w);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	if ((r = enqueue(uploader_of(st), w, err)) != 0) {
		feed_free(w->feed);	/* never shared */
		w->feed = NULL;
		rst_storage_abort(w);
		return r;
	}
	*out = w;
	return 0;
}

int
rst_storage_commit_async(struct rst_objwriter *w, struct rst_err *err)
{
	struct rst_storage *st = w->st;
	struct uploader *up = uploader_of(st);
	int r = 0;

	if (w->feed != NULL) {
		/* Already queued: the upload only waits for the end now. */
		if (feed_close(w->feed, false))
			r = upload_failure(st, w->name, err);
		feed_release(w);
		return r;
	}
	/* A local commit is an fsync and a rename: nothing to overlap. */
	if (rst_storage_is_local(st))
		return rst_storage_commit(w, err);
	if ((r = uploader_start(up, err)) != 0 ||
	    (r = enqueue(up, w, err)) != 0)
		rst_storage_abort(w);
	return r;
}

int
rst_storage_drain(struct rst_storage *st, struct rst_err *err)
{
	struct uploader *up = uploader_of(st);
	int r;

	if (!up->running)
		return 0;
	pthread_mutex_lock(&up->mu);
	while (up->len > 0 || up->busy)
		pthread_cond_wait(&up->cv, &up->mu);
	if ((r = up->code) != 0 && err->code == 0)
		*err = up->err;
	pthread_mutex_unlock(&up->mu);
	return r;
}
