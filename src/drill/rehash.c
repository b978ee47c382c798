/* SPDX-License-Identifier: ISC */
/*
 * The drill's sandbox and its proof step.  The sandbox is made below a
 * scratch folder that must be ours with mode 0700 (its ancestors root's or
 * ours, not writable by others unless sticky), opened once with
 * O_DIRECTORY|O_NOFOLLOW, and everything (extraction, the walk for missing
 * and extra entries, removal) works relative to that descriptor.  Files
 * are hashed as they are written (restore.c); afterwards the sandbox is
 * walked: entries the signed index does not list are extras, index entries
 * not found are missing.  Removal is in remove.c.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "restorable/drill.h"
#include "restorable/snapshot.h"
#include "rehash.h"

#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#define K_INDEXED	0x1u	/* an index entry */
#define K_PARENT	0x2u	/* a parent folder of one */
#define K_SEEN		0x4u	/* found in the sandbox */

void
rst_drill_note(struct rst_drill_result *res, const char *list,
    const char *path)
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

int
rst_sandbox_open(const char *base, const char *profile,
    struct rst_sandbox *sb, struct rst_err *err)
{
	unsigned char rnd[3];
	char hex[7];
	int r, tries;

	memset(sb, 0, sizeof(*sb));
	sb->basefd = sb->fd = -1;
	if ((r = rst_dir_open_secure(base, RST_DIR_CREATE | RST_DIR_TRUSTED |
	    RST_DIR_PRIVATE, 0700, &sb->basefd, err)) != 0) {
		rst_err_prefix(err, "drill.scratch_dir");
		return r;
	}
	for (tries = 0;; tries++) {
		if (RAND_bytes(rnd, sizeof(rnd)) != 1)
			return rst_err_ssl(err, RST_EINTERNAL, "random");
		rst_hex(rnd, sizeof(rnd), hex);
		free(sb->name);
		if ((sb->name = rst_strdupf("drill-%s-%s", profile, hex)) ==
		    NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		if (mkdirat(sb->basefd, sb->name, 0700) == 0)
			break;
		if (errno != EEXIST || tries == 16)
			return rst_errno(err, RST_ECHECK, "not restored: %s/%s",
			    base, sb->name);
	}
	sb->made = true;
	if ((sb->path = rst_path_join(base, sb->name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((sb->fd = openat(sb->basefd, sb->name, DIR_FLAGS)) == -1 ||
	    fchmod(sb->fd, 0700) == -1)
		return rst_errno(err, RST_EIO, "%s", sb->path);
	return 0;
}

int
rst_sandbox_indexed(void *arg, const struct rst_index_entry *e,
    struct rst_err *err)
{
	struct rst_sandbox *sb = arg;
	char *p = strdup(e->path), *slash;
	int r;

	if (p == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_strset_add(&sb->known, p, K_INDEXED);
	while (r == 0 && (slash = strrchr(p, '/')) != NULL) {
		*slash = '\0';
		r = rst_strset_add(&sb->known, p, K_PARENT);
	}
	free(p);
	return r != 0 ? rst_errf(err, RST_ENOMEM, "out of memory") : 0;
}

/* Every entry below fd (path rel, len bytes of it used) against the set. */
static int
walk(struct rst_sandbox *sb, int fd, struct rst_buf *rel,
    struct rst_drill_result *res, struct rst_err *err)
{
	struct dirent *de;
	struct stat st;
	size_t len = rel->len;
	int dfd, sub, r = 0;
	DIR *d;

	if ((dfd = dup(fd)) == -1 || (d = fdopendir(dfd)) == NULL) {
		if (dfd >= 0)
			close(dfd);
		return rst_errno(err, RST_EIO, "walk %s/%s", sb->path,
		    rel->data ? (char *)rel->data : "");
	}
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		rel->len = len;
		if ((len > 0 && rst_buf_append(rel, "/", 1) != 0) ||
		    rst_buf_append(rel, de->d_name, strlen(de->d_name)) != 0) {
			r = rst_errf(err, RST_ENOMEM, "out of memory");
			break;
		}
		if (rst_strset_get(&sb->known, (char *)rel->data) == 0)
			rst_drill_note(res, "extra", (char *)rel->data);
		else if (rst_strset_add(&sb->known, (char *)rel->data,
		    K_SEEN) != 0)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		/* d_type spares a stat per file where the file system has it. */
		if (r != 0 || (de->d_type != DT_UNKNOWN && de->d_type !=
		    DT_DIR) || (de->d_type == DT_UNKNOWN && (fstatat(fd,
		    de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISDIR(st.st_mode))))
			continue;
		if ((sub = openat(fd, de->d_name, DIR_FLAGS)) == -1) {
			r = rst_errno(err, RST_EIO, "walk %s/%s", sb->path,
			    (char *)rel->data);
			break;
		}
		r = walk(sb, sub, rel, res, err);
		close(sub);
	}
	closedir(d);
	rel->len = len;
	if (rel->data != NULL)
		rel->data[len] = '\0';
	return r;
}

int
rst_sandbox_check(struct rst_sandbox *sb, struct rst_drill_result *res,
    struct rst_err *err)
{
	struct rst_buf rel = RST_BUF_INIT;
	size_t i;
	int r;

	r = walk(sb, sb->fd, &rel, res, err);
	rst_buf_release(&rel);
	for (i = 0; r == 0 && i < sb->known.cap; i++)
		if (sb->known.slot[i] != NULL &&
		    (sb->known.flags[i] & (K_INDEXED | K_SEEN)) == K_INDEXED)
			rst_drill_note(res, "missing", sb->known.slot[i]);
	return r;
}

int
rst_sandbox_close(struct rst_sandbox *sb, bool keep, struct rst_err *err)
{
	int r = 0;

	if (sb->fd >= 0)
		close(sb->fd);
	if (sb->made && !keep && (r = rst_sandbox_remove(sb->basefd,
	    sb->name, err)) != 0)
		rst_err_prefix(err, "%s", sb->path);
	if (sb->basefd >= 0)
		close(sb->basefd);
	rst_strset_release(&sb->known);
	free(sb->name);
	free(sb->path);
	memset(sb, 0, sizeof(*sb));
	sb->fd = sb->basefd = -1;
	return r;
}
