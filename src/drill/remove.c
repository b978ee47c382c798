/* SPDX-License-Identifier: ISC */
/*
 * Removing a drill's sandbox: rm -rf of a name below a folder descriptor,
 * never following a symlink.  The files go first, unlinked by a few
 * threads at once: the sandbox was synced, so each unlink frees written
 * blocks, and where the file system discards them (mount option discard)
 * or sits on a network each unlink waits on the device; several in flight
 * overlap those waits.  Then one walk removes what is left (folders,
 * deepest first, and anything the first pass did not take), and only its
 * errors count.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rehash.h"

#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#define WORKERS		16
#define QUEUE_LEN	32
#define BATCH_BYTES	8192
#define BATCH_NAMES	128

/* An open folder shared by the batches of its names. */
struct rmdir_ref {
	int	fd;
	int	refs;
};

/* Names (NUL-terminated, packed) of files of one folder. */
struct rm_batch {
	struct rmdir_ref	*dir;
	size_t			 n, used;
	char			 names[BATCH_BYTES];
};

struct rm_queue {
	pthread_mutex_t		 mu;
	pthread_cond_t		 more, room;
	struct rm_batch		*ring[QUEUE_LEN];
	size_t			 head, n;
	bool			 done;
};

static void
dir_unref(struct rm_queue *q, struct rmdir_ref *d)
{
	bool last;

	pthread_mutex_lock(&q->mu);
	last = --d->refs == 0;
	pthread_mutex_unlock(&q->mu);
	if (last) {
		close(d->fd);
		free(d);
	}
}

/* Unlink a batch's names; a failure is left to the walk that follows. */
static void
batch_run(struct rm_queue *q, struct rm_batch *b)
{
	const char *p = b->names;
	size_t i;

	for (i = 0; i < b->n; i++, p += strlen(p) + 1)
		(void)unlinkat(b->dir->fd, p, 0);
	dir_unref(q, b->dir);
	free(b);
}

static void *
worker(void *arg)
{
	struct rm_queue *q = arg;
	struct rm_batch *b;

	for (;;) {
		pthread_mutex_lock(&q->mu);
		while (q->n == 0 && !q->done)
			pthread_cond_wait(&q->more, &q->mu);
		if (q->n == 0) {
			pthread_mutex_unlock(&q->mu);
			return NULL;
		}
		b = q->ring[q->head];
		q->head = (q->head + 1) % QUEUE_LEN;
		q->n--;
		pthread_cond_signal(&q->room);
		pthread_mutex_unlock(&q->mu);
		batch_run(q, b);
	}
}

/* Hand a batch to the workers (run here when there are none). */
static void
push(struct rm_queue *q, struct rm_batch *b, size_t nworkers)
{
	if (nworkers == 0) {
		batch_run(q, b);
		return;
	}
	pthread_mutex_lock(&q->mu);
	while (q->n == QUEUE_LEN)
		pthread_cond_wait(&q->room, &q->mu);
	q->ring[(q->head + q->n) % QUEUE_LEN] = b;
	q->n++;
	pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->mu);
}

/* A new batch of folder d's names (d gains a reference); NULL when out. */
static struct rm_batch *
batch_new(struct rm_queue *q, struct rmdir_ref *d)
{
	struct rm_batch *b;

	if ((b = malloc(sizeof(*b))) == NULL)
		return NULL;
	b->dir = d;
	b->n = b->used = 0;
	pthread_mutex_lock(&q->mu);
	d->refs++;
	pthread_mutex_unlock(&q->mu);
	return b;
}

static void unlink_files(struct rm_queue *, int, size_t);

/* The files of the folder d (read here), its subfolders recursively. */
static void
unlink_dir(struct rm_queue *q, struct rmdir_ref *d, size_t nworkers)
{
	struct rm_batch *b = NULL;
	struct dirent *de;
	size_t len;
	int dfd, sub;
	DIR *dir;

	if ((dfd = dup(d->fd)) == -1 || (dir = fdopendir(dfd)) == NULL) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_type == DT_DIR) {
			if ((sub = openat(d->fd, de->d_name, DIR_FLAGS)) >= 0)
				unlink_files(q, sub, nworkers);
			continue;
		}
		/* Unknown types are left to the walk, which looks first. */
		if (de->d_type == DT_UNKNOWN)
			continue;
		len = strlen(de->d_name) + 1;
		if (b != NULL && (b->n == BATCH_NAMES ||
		    b->used + len > BATCH_BYTES)) {
			push(q, b, nworkers);
			b = NULL;
		}
		if (b == NULL && (b = batch_new(q, d)) == NULL)
			break;
		memcpy(b->names + b->used, de->d_name, len);
		b->used += len;
		b->n++;
	}
	if (b != NULL)
		push(q, b, nworkers);
	closedir(dir);
}

/* The files below the open folder fd (taken). */
static void
unlink_files(struct rm_queue *q, int fd, size_t nworkers)
{
	struct rmdir_ref *d;

	/* Restored folders may be read-only: open them up first. */
	(void)fchmod(fd, 0700);
	if ((d = malloc(sizeof(*d))) == NULL) {
		close(fd);
		return;
	}
	d->fd = fd;
	d->refs = 1;
	unlink_dir(q, d, nworkers);
	dir_unref(q, d);
}

/*
 * rm -rf of name below fd, never following a symlink; isdir when readdir
 * said it is a folder (its unlink is not tried first).
 */
static int
remove_at(int fd, const char *name, bool isdir, struct rst_err *err)
{
	struct dirent *de;
	int sub, dfd, r = 0;
	DIR *d;

	if (!isdir && (unlinkat(fd, name, 0) == 0 || errno == ENOENT))
		return 0;
	if (!isdir && errno != EISDIR && errno != EPERM)
		return rst_errno(err, RST_EIO, "remove %s", name);
	if ((sub = openat(fd, name, DIR_FLAGS)) == -1)
		return rst_errno(err, RST_EIO, "remove %s", name);
	/* Restored folders may be read-only: open them up first. */
	(void)fchmod(sub, 0700);
	if ((dfd = dup(sub)) == -1 || (d = fdopendir(dfd)) == NULL) {
		if (dfd >= 0)
			close(dfd);
		close(sub);
		return rst_errno(err, RST_EIO, "remove %s", name);
	}
	while (r == 0 && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, ".."))
			r = remove_at(sub, de->d_name, de->d_type == DT_DIR,
			    err);
	closedir(d);
	close(sub);
	if (r == 0 && unlinkat(fd, name, AT_REMOVEDIR) == -1)
		r = rst_errno(err, RST_EIO, "remove %s", name);
	return r;
}

int
rst_sandbox_remove(int fd, const char *name, struct rst_err *err)
{
	struct rm_queue q;
	pthread_t th[WORKERS];
	size_t n = 0, i;
	int sub;

	memset(&q, 0, sizeof(q));
	if (pthread_mutex_init(&q.mu, NULL) != 0)
		return remove_at(fd, name, true, err);
	pthread_cond_init(&q.more, NULL);
	pthread_cond_init(&q.room, NULL);
	while (n < WORKERS && pthread_create(&th[n], NULL, worker, &q) == 0)
		n++;
	if ((sub = openat(fd, name, DIR_FLAGS)) >= 0)
		unlink_files(&q, sub, n);
	pthread_mutex_lock(&q.mu);
	q.done = true;
	pthread_cond_broadcast(&q.more);
	pthread_mutex_unlock(&q.mu);
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	pthread_cond_destroy(&q.more);
	pthread_cond_destroy(&q.room);
	pthread_mutex_destroy(&q.mu);
	return remove_at(fd, name, true, err);
}
