/* SPDX-License-Identifier: ISC */
/*
 * Folders opened without following symlinks: a restore target or a drill's
 * scratch folder is walked component by component with O_NOFOLLOW, so a
 * symlink planted on the way is found and refused instead of followed, and
 * everything afterwards works relative to the descriptor.  Also the one
 * free-space check that restore and drill run before writing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "restorable/util.h"

#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/*
 * A folder others could change under us: group or world writable (unless
 * root's and sticky, as /tmp and /var/tmp), or owned by someone else.
 */
static int
ancestor_trusted(const struct stat *sb, const char *path, size_t len,
    struct rst_err *err)
{
	uid_t me = geteuid();

	if (sb->st_uid != 0 && sb->st_uid != me)
		return rst_errf(err, RST_ECONFIG, "%.*s: owned by uid %lu, not "
		    "by root or this user: refusing to work below it",
		    (int)len, path, (unsigned long)sb->st_uid);
	if ((sb->st_mode & 022) != 0 &&
	    !(sb->st_uid == 0 && (sb->st_mode & S_ISVTX) != 0))
		return rst_errf(err, RST_ECONFIG, "%.*s: writable by other "
		    "users (mode %04o): refusing to work below it", (int)len,
		    path, (unsigned)(sb->st_mode & 07777));
	return 0;
}

/* The folder itself: ours, mode 0700, nobody else can look or write. */
static int
own_private(int fd, const char *path, struct rst_err *err)
{
	struct stat sb;

	if (fstat(fd, &sb) == -1)
		return rst_errno(err, RST_EIO, "%s", path);
	if (sb.st_uid != geteuid())
		return rst_errf(err, RST_ECONFIG, "%s: owned by uid %lu, not by "
		    "this user (uid %lu): refusing it", path,
		    (unsigned long)sb.st_uid, (unsigned long)geteuid());
	if ((sb.st_mode & 07777) != 0700)
		return rst_errf(err, RST_ECONFIG, "%s: mode %04o, must be 0700: "
		    "refusing it", path, (unsigned)(sb.st_mode & 07777));
	return 0;
}

/* Open (creating when allowed) one component below fd. */
static int
step(int fd, const char *name, const char *path, size_t len, unsigned flags,
    mode_t mode, int *out, struct rst_err *err)
{
	struct stat sb;
	int nfd;

	if ((nfd = openat(fd, name, DIR_FLAGS)) >= 0) {
		*out = nfd;
		return 0;
	}
	if (errno == ENOENT && (flags & RST_DIR_CREATE) != 0) {
		if (mkdirat(fd, name, mode) == -1 && errno != EEXIST)
			return rst_errno(err, RST_EUSAGE, "mkdir %.*s",
			    (int)len, path);
		if ((nfd = openat(fd, name, DIR_FLAGS)) >= 0) {
			/* The mode is part of the contract, whatever the umask. */
			if (fchmod(nfd, mode) == -1) {
				close(nfd);
				return rst_errno(err, RST_EIO, "chmod %.*s",
				    (int)len, path);
			}
			*out = nfd;
			return 0;
		}
	}
	if ((errno == ELOOP || errno == ENOTDIR) &&
	    fstatat(fd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(sb.st_mode))
		return rst_errf(err, RST_EUSAGE, "%.*s is a symlink: refusing "
		    "to follow it (give the real path)", (int)len, path);
	/* A folder given by the user that cannot be used: exit 2. */
	return rst_errno(err, RST_EUSAGE, "%.*s", (int)len, path);
}

int
rst_dir_open_secure(const char *path, unsigned flags, mode_t mode, int *out,
    struct rst_err *err)
{
	const char *c = path, *end;
	char name[256];
	struct stat sb;
	size_t n;
	int fd, nfd = -1, r = 0;

	*out = -1;
	if (path == NULL || path[0] == '\0')
		return rst_errf(err, RST_EUSAGE, "empty folder name");
	fd = open(path[0] == '/' ? "/" : ".", DIR_FLAGS);
	if (fd == -1)
		return rst_errno(err, RST_EIO, "%s", path[0] == '/' ? "/" : ".");
	for (;;) {
		while (*c == '/')
			c++;
		if (*c == '\0')
			break;
		n = strcspn(c, "/");
		end = c + n;
		if (n >= sizeof(name)) {
			r = rst_errf(err, RST_EUSAGE, "%s: name too long", path);
			break;
		}
		if ((flags & RST_DIR_TRUSTED) != 0) {
			if (fstat(fd, &sb) == -1) {
				r = rst_errno(err, RST_EIO, "%.*s",
				    (int)(c - path), path);
				break;
			}
			if ((r = ancestor_trusted(&sb, c == path + 1 ? "/" :
			    path, c == path + 1 ? 1 : (size_t)(c - path - 1),
			    err)) != 0)
				break;
		}
		memcpy(name, c, n);
		name[n] = '\0';
		if ((r = step(fd, name, path, (size_t)(end - path), flags, mode,
		    &nfd, err)) != 0)
			break;
		close(fd);
		fd = nfd;
		c = end;
	}
	if (r == 0 && (flags & RST_DIR_PRIVATE) != 0)
		r = own_private(fd, path, err);
	if (r != 0) {
		close(fd);
		return r;
	}
	*out = fd;
	return 0;
}

int
rst_space_check(int fd, const char *path, uint64_t bytes, uint64_t inodes,
    struct rst_err *err)
{
	struct statvfs v;
	uint64_t bfree, need, ifree;

	if (fstatvfs(fd, &v) == -1)
		return rst_errno(err, RST_EIO, "statvfs %s", path);
	/* Every file and folder may start a block of its own. */
	need = bytes + inodes * (uint64_t)v.f_frsize;
	bfree = (uint64_t)v.f_bavail * v.f_frsize;
	ifree = (uint64_t)v.f_favail;
	if (bfree < need || (v.f_files != 0 && ifree < inodes))
		rst_err_reason(err, RST_REASON_NO_SPACE);
	if (bfree < need)
		return rst_errf(err, RST_ECHECK, "not restored: %s has %llu "
		    "bytes free, %llu needed (%llu of data, %llu files and "
		    "folders); --force to try anyway", path,
		    (unsigned long long)bfree, (unsigned long long)need,
		    (unsigned long long)bytes, (unsigned long long)inodes);
	/* File systems without an inode limit report none at all. */
	if (v.f_files != 0 && ifree < inodes)
		return rst_errf(err, RST_ECHECK, "not restored: %s has %llu "
		    "inodes free, %llu needed; --force to try anyway", path,
		    (unsigned long long)ifree, (unsigned long long)inodes);
	return 0;
}
