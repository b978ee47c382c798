/* SPDX-License-Identifier: ISC */
/*
 * The drill's proof step: every entry of the signed index is looked up in
 * the sandbox and every file re-hashed from disk; files the index does not
 * list are extras.  Missing, changed and extra entries are counted and the
 * first few paths kept for the record.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "restorable/drill.h"
#include "restorable/snapshot.h"
#include "rehash.h"

/* A string set (open addressing) for the index's paths and their parents. */
struct strset {
	char	**slot;
	size_t	  cap, n;
};

static uint64_t
fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static bool
set_has(const struct strset *s, const char *k)
{
	size_t i;

	if (s->cap == 0)
		return false;
	for (i = fnv(k) & (s->cap - 1); s->slot[i] != NULL;
	    i = (i + 1) & (s->cap - 1))
		if (strcmp(s->slot[i], k) == 0)
			return true;
	return false;
}

static int
set_add(struct strset *s, const char *k)
{
	char **old = s->slot;
	size_t oldcap = s->cap, i;

	if (set_has(s, k))
		return 0;
	if ((s->n + 1) * 2 > s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		if ((s->slot = calloc(s->cap, sizeof(char *))) == NULL)
			return -1;
		s->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != NULL && set_add(s, old[i]) == 0)
				free(old[i]);
		free(old);
	}
	for (i = fnv(k) & (s->cap - 1); s->slot[i] != NULL;
	    i = (i + 1) & (s->cap - 1))
		;
	if ((s->slot[i] = strdup(k)) == NULL)
		return -1;
	s->n++;
	return 0;
}

static void
set_free(struct strset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
}

/* The path and every parent folder of it. */
static int
set_add_with_parents(struct strset *s, const char *path)
{
	char *p = strdup(path), *slash;
	int r = 0;

	if (p == NULL)
		return -1;
	while (r == 0) {
		r = set_add(s, p);
		if ((slash = strrchr(p, '/')) == NULL)
			break;
		*slash = '\0';
	}
	free(p);
	return r;
}

/* A path in LIST: counted, the first few kept, all in the details. */
static void
note(struct rst_drill_result *res, const char *list, const char *path)
{
	json_t *paths;
	uint64_t *count;

	if (strcmp(list, "missing") == 0) {
		paths = res->missing_paths;
		count = &res->missing;
	} else if (strcmp(list, "extra") == 0) {
		paths = res->extra_paths;
		count = &res->extra;
	} else {
		paths = res->changed_paths;
		count = &res->changed;
	}
	(*count)++;
	if (json_array_size(paths) < RST_DRILL_MAX_PATHS)
		json_array_append_new(paths, rst_utf8_valid(path, strlen(path)) ?
		    json_string(path) : json_string("(name not UTF-8)"));
	rst_drill_details_path(res, list, path);
}

static int
hash_file(const char *path, char hex[RST_SHA256_HEX], uint64_t *size,
    struct rst_err *err)
{
	struct stat sb;

	if (lstat(path, &sb) == -1)
		return errno == ENOENT ? 1 : rst_errno(err, RST_EIO, "%s", path);
	if (!S_ISREG(sb.st_mode))
		return 2;
	return rst_sha256_file(path, hex, size, err);
}

static int
check_one(const char *root, const struct rst_index_entry *e,
    struct rst_drill_result *res, struct rst_err *err)
{
	char *full = rst_path_join(root, e->path), hex[RST_SHA256_HEX];
	char link[4096];
	struct stat sb, tb;
	uint64_t size = 0;
	ssize_t n;
	int r = 0;

	if (full == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (e->type == RST_ENTRY_FILE) {
		if ((r = hash_file(full, hex, &size, err)) == 1)
			note(res, "missing", e->path);
		else if (r == 2 || (r == 0 && (size != e->size ||
		    strcmp(hex, e->sha256) != 0)))
			note(res, "changed", e->path);
		else if (r == 0)
			res->files_verified++;
		r = r < 0 ? r : 0;
	} else if (lstat(full, &sb) == -1) {
		note(res, "missing", e->path);
	} else if (e->type == RST_ENTRY_DIR) {
		if (!S_ISDIR(sb.st_mode))
			note(res, "changed", e->path);
	} else if (e->type == RST_ENTRY_SYMLINK) {
		n = readlink(full, link, sizeof(link) - 1);
		if (n < 0 || (link[n] = '\0', strcmp(link, e->target) != 0))
			note(res, "changed", e->path);
	} else {
		char *t = rst_path_join(root, e->target);

		if (t == NULL || lstat(t, &tb) == -1 || tb.st_ino != sb.st_ino ||
		    tb.st_dev != sb.st_dev)
			note(res, "changed", e->path);
		free(t);
	}
	free(full);
	return r;
}

/* nftw has no user pointer: the walk state lives here for its duration. */
static struct {
	const struct strset	*known;
	size_t			 rootlen;
	struct rst_drill_result	*res;
} walk;

static int
walk_cb(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	if (ftw->level == 0)
		return 0;
	if (!set_has(walk.known, path + walk.rootlen + 1))
		note(walk.res, "extra", path + walk.rootlen + 1);
	return 0;
}

int
rst_rehash(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    const char *root, struct rst_drill_result *res, struct rst_err *err)
{
	struct rst_indexreader *ir = NULL;
	struct rst_index_entry e;
	struct strset known = { NULL, 0, 0 };
	int more, r;

	memset(&e, 0, sizeof(e));
	if ((r = rst_indexreader_open(st, dir, m, ids, &ir, err)) != 0)
		return r;
	while ((more = rst_indexreader_next(ir, &e, err)) == 1) {
		if (set_add_with_parents(&known, e.path) != 0)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		else
			r = check_one(root, &e, res, err);
		rst_index_entry_release(&e);
		if (r != 0 || (r = rst_interrupt_check(err)) != 0)
			break;
	}
	rst_indexreader_close(ir);
	if (r == 0 && more < 0)
		r = more;
	if (r == 0) {
		walk.known = &known;
		walk.rootlen = strlen(root);
		walk.res = res;
		if (nftw(root, walk_cb, 32, FTW_PHYS) != 0)
			r = rst_errno(err, RST_EIO, "walk %s", root);
	}
	set_free(&known);
	return r;
}

/* Restored folders may be read-only: open them up first (pre-order). */
static int
open_cb(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_D && (sb->st_mode & 0700) != 0700)
		(void)chmod(path, 0700);
	return 0;
}

static int
rm_cb(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path) == -1 && errno != ENOENT ? -1 : 0;
	return unlink(path) == -1 && errno != ENOENT ? -1 : 0;
}

int
rst_remove_tree(const char *root, struct rst_err *err)
{
	(void)nftw(root, open_cb, 32, FTW_PHYS);
	if (nftw(root, rm_cb, 32, FTW_DEPTH | FTW_PHYS) != 0)
		return rst_errno(err, RST_EIO, "remove %s", root);
	return 0;
}
