/* SPDX-License-Identifier: ISC */
/*
 * Per-profile locks: state_dir/locks/NAME.lock held with flock(2) for the
 * life of the process, so a crashed run never leaves a stale lock.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include "restorable/journal.h"
#include "restorable/util.h"

int
rst_lock_take(const struct rst_profile *p, int *fdp, struct rst_err *err)
{
	char *dir, *path;
	int fd, r = 0;

	*fdp = -1;
	dir = rst_path_join(p->state_dir, "locks");
	path = rst_strdupf("%s/locks/%s.lock", p->state_dir, p->name);
	if (dir == NULL || path == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = rst_mkdir_p(dir, 0700, err)) != 0)
		goto out;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		r = rst_errno(err, RST_EIO, "%s", path);
		goto out;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		r = errno == EWOULDBLOCK ? rst_errf(err, RST_ELOCKED,
		    "%s: another run holds this profile's lock (%s)", p->name,
		    path) : rst_errno(err, RST_EIO, "lock %s", path);
		close(fd);
		goto out;
	}
	*fdp = fd;
 out:
	free(dir);
	free(path);
	return r;
}

void
rst_lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
