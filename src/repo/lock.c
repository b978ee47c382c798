/* SPDX-License-Identifier: ISC */
/*
 * Per-profile locks: state_dir/locks/NAME.lock held with flock(2) for the
 * life of the process, so a crashed run never leaves a stale lock.  The
 * holder writes one JSON line into the file, {pid, host, started,
 * command}, so whoever finds the lock taken can say who holds it and since
 * when (the real clock: --now never applies to it).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "restorable/repo.h"
#include "restorable/log.h"
#include "restorable/util.h"

/* Replace the file's content with the holder line; best effort. */
static void
write_holder(int fd, const char *command)
{
	char host[256] = "", started[64];
	struct timespec ts;
	json_t *o;
	char *line;

	clock_gettime(CLOCK_REALTIME, &ts);
	rst_format_rfc3339(ts.tv_sec, 0, started, sizeof(started));
	if (gethostname(host, sizeof(host) - 1) != 0)
		host[0] = '\0';
	o = json_pack("{s:I, s:s, s:s, s:s}", "pid", (json_int_t)getpid(),
	    "host", host, "started", started, "command",
	    command != NULL ? command : "");
	line = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_ENSURE_ASCII) : NULL;
	if (line != NULL && ftruncate(fd, 0) == 0) {
		size_t n = strlen(line);

		line[n] = '\n';	/* json_dumps leaves room for the NUL */
		/* Half a line would name nobody: then leave none at all. */
		if (pwrite(fd, line, n + 1, 0) != (ssize_t)(n + 1) &&
		    ftruncate(fd, 0) == -1)
			rst_log_debug("lock file: %s", strerror(errno));
	}
	free(line);
	json_decref(o);
}

/* What the holder wrote; fields stay empty/0 when it cannot be read. */
static void
read_holder(int fd, struct rst_lock_holder *h)
{
	char buf[1024];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	const char *host = NULL, *started = NULL, *command = NULL;
	json_int_t pid = 0;
	json_t *o;

	struct stat sb;

	memset(h, 0, sizeof(*h));
	/* The line is written when the lock is taken: its time is the start. */
	if (fstat(fd, &sb) == 0)
		h->started = (int64_t)sb.st_mtime;
	if (n <= 0)
		return;
	buf[n] = '\0';
	if ((o = json_loads(buf, JSON_DISABLE_EOF_CHECK, NULL)) == NULL)
		return;
	if (json_unpack(o, "{s:I, s:s, s:s, s:s}", "pid", &pid, "host", &host,
	    "started", &started, "command", &command) == 0 &&
	    rst_parse_rfc3339(started, &h->started) == 0) {
		h->pid = (long)pid;
		snprintf(h->host, sizeof(h->host), "%s", host);
		snprintf(h->command, sizeof(h->command), "%s", command);
	}
	json_decref(o);
}

static int
locked(const struct rst_profile *p, const char *path,
    const struct rst_lock_holder *h, struct rst_err *err)
{
	struct rst_reason why;
	char since[64];

	rst_reason_init(&why, RST_REASON_LOCK_BUSY);
	if (h->pid != 0) {
		rst_reason_text(&why, 0, h->command);
		rst_reason_num(&why, 1, (double)h->pid);
		rst_reason_text(&why, 2, h->host);
	}
	rst_err_set_reason(err, &why);
	rst_format_rfc3339(h->started, 0, since, sizeof(since));
	if (h->pid == 0)
		return rst_errf(err, RST_ELOCKED, "%s: another process holds "
		    "this profile's lock since %s (%s)", p->name, since, path);
	return rst_errf(err, RST_ELOCKED, "%s: locked by `%s` (pid %ld on "
	    "%s) since %s (%s)", p->name, h->command, h->pid, h->host, since,
	    path);
}

int
rst_lock_take(const struct rst_profile *p, const char *command, int *fdp,
    struct rst_lock_holder *holder, struct rst_err *err)
{
	struct rst_lock_holder h;
	char *dir, *path;
	int fd, r = 0;

	*fdp = -1;
	if (holder != NULL)
		memset(holder, 0, sizeof(*holder));
	dir = rst_path_join(p->state_dir, "locks");
	path = rst_strdupf("%s/locks/%s.lock", p->state_dir, p->name);
	if (dir == NULL || path == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = rst_mkdir_p(dir, 0700, err)) != 0)
		goto out;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0600)) == -1) {
		r = rst_errno(err, RST_EIO, "%s", path);
		goto out;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK) {
			read_holder(fd, &h);
			if (holder != NULL)
				*holder = h;
			r = locked(p, path, &h, err);
		} else
			r = rst_errno(err, RST_EIO, "lock %s", path);
		close(fd);
		goto out;
	}
	write_holder(fd, command);
	*fdp = fd;
 out:
	free(dir);
	free(path);
	return r;
}

void
rst_lock_release(int fd)
{
	if (fd >= 0) {
		/* Nobody holds it any more: say so before letting go. */
		if (ftruncate(fd, 0) == -1)
			rst_log_debug("lock file: %s", strerror(errno));
		close(fd);
	}
}
