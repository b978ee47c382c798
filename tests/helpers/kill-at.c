/* SPDX-License-Identifier: ISC */
/*
 * LD_PRELOAD shim for the kill -9 fault matrix: the process sends itself
 * SIGKILL at one chosen point of its file system work, so that a test
 * stops a backup exactly there (the spool file made, a part's temporary
 * object created or renamed into place, the manifest renamed, the journal
 * opened for its append...), not after a guessed delay.
 *
 *   KILL_AT_CALL  open (open, open64, openat, openat64 and their
 *                 fortified forms), rename (rename, renameat, renameat2)
 *                 or mkstemp (mkstemp, mkostemp)
 *   KILL_AT_NAME  fnmatch(3) pattern over the last component of the path
 *                 (rename: the new name; mkstemp: the template), or over
 *                 the whole path as given when the pattern holds a '/'
 *   KILL_AT_WHEN  "before" the call or "after" it (default)
 *   KILL_AT_NTH   the Nth matching call fires (default 1)
 *   KILL_AT_LOG   a file that gets the line "CALL NAME" when it fires
 *
 * Build: cc -shared -fPIC -o kill-at.so kill-at.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_int seen;

/* Whether call (open, rename or mkstemp) on path is the chosen point. */
static int
chosen(const char *call, const char *path)
{
	const char *want = getenv("KILL_AT_CALL"), *pat = getenv("KILL_AT_NAME");
	const char *nth = getenv("KILL_AT_NTH"), *base;

	if (want == NULL || pat == NULL || path == NULL ||
	    strcmp(want, call) != 0)
		return 0;
	base = strrchr(path, '/');
	base = base == NULL || strchr(pat, '/') != NULL ? path : base + 1;
	if (fnmatch(pat, base, 0) != 0)
		return 0;
	return atomic_fetch_add(&seen, 1) + 1 == (nth ? atoi(nth) : 1);
}

static int
before(void)
{
	const char *w = getenv("KILL_AT_WHEN");

	return w != NULL && strcmp(w, "before") == 0;
}

static void
die(const char *call, const char *path)
{
	const char *log = getenv("KILL_AT_LOG");
	FILE *f;

	if (log != NULL && (f = fopen(log, "a")) != NULL) {
		fprintf(f, "%s %s\n", call, path);
		fclose(f);
	}
	kill(getpid(), SIGKILL);
	pause();
}

/* The mode argument of an open call, present with O_CREAT or O_TMPFILE. */
#define OPEN_MODE(flags, mode) do {					\
	va_list ap;							\
	(mode) = 0;							\
	if ((flags) & (O_CREAT | O_TMPFILE)) {				\
		va_start(ap, flags);					\
		(mode) = (mode_t)va_arg(ap, int);			\
		va_end(ap);						\
	}								\
} while (0)

#define REAL(name) \
	static __typeof__(name) *real_##name; \
	if (real_##name == NULL) \
		real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static int
hook_open(int dfd, const char *path, int flags, mode_t mode, int at,
    int (*o)(const char *, int, ...), int (*oat)(int, const char *, int, ...))
{
	int hit = chosen("open", path), fd;

	if (hit && before())
		die("open", path);
	fd = at ? oat(dfd, path, flags, mode) : o(path, flags, mode);
	if (hit)
		die("open", path);
	return fd;
}

int
open(const char *path, int flags, ...)
{
	mode_t mode;
	REAL(open);

	OPEN_MODE(flags, mode);
	return hook_open(0, path, flags, mode, 0, real_open, NULL);
}

int
open64(const char *path, int flags, ...)
{
	mode_t mode;
	REAL(open64);

	OPEN_MODE(flags, mode);
	return hook_open(0, path, flags, mode, 0, real_open64, NULL);
}

int
__open_2(const char *path, int flags)
{
	REAL(open);
	return hook_open(0, path, flags, 0, 0, real_open, NULL);
}

int
__open64_2(const char *path, int flags)
{
	REAL(open64);
	return hook_open(0, path, flags, 0, 0, real_open64, NULL);
}

int
openat(int dfd, const char *path, int flags, ...)
{
	mode_t mode;
	REAL(openat);

	OPEN_MODE(flags, mode);
	return hook_open(dfd, path, flags, mode, 1, NULL, real_openat);
}

int
openat64(int dfd, const char *path, int flags, ...)
{
	mode_t mode;
	REAL(openat64);

	OPEN_MODE(flags, mode);
	return hook_open(dfd, path, flags, mode, 1, NULL, real_openat64);
}

int
__openat_2(int dfd, const char *path, int flags)
{
	REAL(openat);
	return hook_open(dfd, path, flags, 0, 1, NULL, real_openat);
}

int
__openat64_2(int dfd, const char *path, int flags)
{
	REAL(openat64);
	return hook_open(dfd, path, flags, 0, 1, NULL, real_openat64);
}

int
rename(const char *from, const char *to)
{
	int hit = chosen("rename", to), r;
	REAL(rename);

	if (hit && before())
		die("rename", to);
	r = real_rename(from, to);
	if (hit)
		die("rename", to);
	return r;
}

int
renameat(int fdir, const char *from, int tdir, const char *to)
{
	int hit = chosen("rename", to), r;
	REAL(renameat);

	if (hit && before())
		die("rename", to);
	r = real_renameat(fdir, from, tdir, to);
	if (hit)
		die("rename", to);
	return r;
}

int
renameat2(int fdir, const char *from, int tdir, const char *to,
    unsigned int flags)
{
	int hit = chosen("rename", to), r;
	REAL(renameat2);

	if (hit && before())
		die("rename", to);
	r = real_renameat2(fdir, from, tdir, to, flags);
	if (hit)
		die("rename", to);
	return r;
}

int
mkstemp(char *tmpl)
{
	int hit = chosen("mkstemp", tmpl), fd;
	REAL(mkstemp);

	if (hit && before())
		die("mkstemp", tmpl);
	fd = real_mkstemp(tmpl);
	if (hit)
		die("mkstemp", tmpl);
	return fd;
}

int
mkostemp(char *tmpl, int flags)
{
	int hit = chosen("mkstemp", tmpl), fd;
	REAL(mkostemp);

	if (hit && before())
		die("mkstemp", tmpl);
	fd = real_mkostemp(tmpl, flags);
	if (hit)
		die("mkstemp", tmpl);
	return fd;
}
