/* SPDX-License-Identifier: ISC */
/*
 * Test driver for streamed uploads: copies standard input into one object
 * of a profile's repository the way the part splitter does
 * (rst_storage_create_async, writes, rst_storage_commit_async, drain), so
 * that a test decides how fast the object is produced and can cut the
 * connection while it still is.
 *
 *   stream-put PROFILE NAME [--abort]
 *
 * Says "streamed" on stdout when the upload ran while the object was being
 * written.  With --abort the writer is given up at the end of the input
 * instead of committed.  Exit status as restorable's (3: storage).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/log.h"
#include "restorable/storage.h"

static int
copy_in(struct rst_objwriter *w, struct rst_err *err)
{
	unsigned char buf[65536];
	ssize_t n;
	int r;

	for (;;) {
		n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return rst_errno(err, RST_EIO, "standard input");
		if (n == 0)
			return 0;
		if ((r = rst_storage_write(w, buf, (size_t)n, err)) != 0)
			return r;
	}
}

int
main(int argc, char **argv)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	struct rst_storage *st = NULL;
	struct rst_objwriter *w = NULL;
	int r;

	if (argc < 3 || argc > 4 || (argc == 4 &&
	    strcmp(argv[3], "--abort") != 0)) {
		fprintf(stderr, "usage: stream-put PROFILE NAME [--abort]\n");
		return 2;
	}
	if ((r = rst_profile_load(argv[1], 0, false, NULL, NULL, &p,
	    &err)) != 0 ||
	    (r = rst_storage_open(&p->repo, &st, &err)) != 0 ||
	    (r = rst_storage_create_async(st, argv[2], &w, &err)) != 0)
		goto out;
	if (w->feed != NULL)
		printf("streamed\n");
	if ((r = copy_in(w, &err)) != 0)
		goto out;
	if (argc == 4) {
		rst_storage_abort(w);
		w = NULL;
		r = rst_storage_drain(st, &err);
		goto out;
	}
	r = rst_storage_commit_async(w, &err);
	w = NULL;
	if (r == 0)
		r = rst_storage_drain(st, &err);
 out:
	rst_storage_abort(w);
	rst_storage_close(st);
	rst_profile_free(p);
	if (r != 0)
		rst_log_error("%s", err.msg);
	return rst_exit_code(r);
}
