/* SPDX-License-Identifier: ISC */
/*
 * restore: verified parts -> zstd -> pax -> archive_write_disk inside the
 * target directory.  Nothing is written outside it, even from a malicious
 * but validly signed snapshot: besides libarchive's secure flags, every
 * path and hardlink target is checked here (relative, no "..", no
 * component that is a symlink on disk).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "restorable/browse.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"

/* A directory's times, re-applied after its contents were written. */
struct dirtime {
	char		*path;
	struct timespec	 ts[2];
};

struct restore {
	struct rst_stream		*stream;
	struct archive			*in;
	struct archive			*out;
	const struct rst_restore_opts	*opts;
	bool				*matched;
	struct dirtime			*dirs;	/* --overwrite: set at the end */
	size_t				 ndirs;
	struct rst_progress		*prog;
	struct rst_restore_result	*res;
	struct rst_err			*err;
	char				 real_dir[4096]; /* see check_entry() */
};

/* A relative path without "." or ".." components and without NUL tricks. */
static bool
path_safe(const char *p)
{
	const char *c = p;
	size_t n;

	if (p == NULL || p[0] == '\0' || p[0] == '/')
		return false;
	while (*c != '\0') {
		n = strcspn(c, "/");
		if ((n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' &&
		    c[1] == '.'))
			return false;
		c += n;
		while (*c == '/')
			c++;
	}
	return true;
}

/* No existing parent component of p (relative to cwd) may be a symlink. */
static bool
parents_are_real(const char *p, bool include_last)
{
	char buf[4096];
	struct stat sb;
	char *s;

	if (strlen(p) >= sizeof(buf))
		return false;
	memcpy(buf, p, strlen(p) + 1);
	for (s = buf; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (lstat(buf, &sb) == 0 && !S_ISDIR(sb.st_mode))
			return false;
		*s = '/';
	}
	if (include_last && lstat(buf, &sb) == 0 && S_ISLNK(sb.st_mode))
		return false;
	return true;
}

static bool
selected(struct restore *rs, const char *path)
{
	char buf[4096];
	size_t len = path != NULL ? strlen(path) : 0;

	/* Directories carry a trailing "/" in the stream, not in the index. */
	if (len > 1 && path[len - 1] == '/' && len < sizeof(buf)) {
		while (len > 1 && path[len - 1] == '/')
			len--;
		memcpy(buf, path, len);
		buf[len] = '\0';
		path = buf;
	}
	return path != NULL && rst_pattern_match(rs->opts->patterns,
	    rs->opts->npatterns, path, rs->matched);
}

/*
 * --strip N: the entry's path (and a hard link's target) without their
 * first N components; 1 when nothing is left (the entry is skipped).
 */
static int
strip_entry(struct restore *rs, struct archive_entry *e)
{
	const char *link = archive_entry_hardlink(e), *p;
	char *copy;

	if (rs->opts->strip == 0)
		return 0;
	if ((p = rst_path_strip(archive_entry_pathname(e),
	    rs->opts->strip)) == NULL)
		return 1;
	if ((copy = strdup(p)) == NULL)
		return rst_errf(rs->err, RST_ENOMEM, "out of memory");
	archive_entry_copy_pathname(e, copy);
	free(copy);
	if (link == NULL)
		return 0;
	if ((p = rst_path_strip(link, rs->opts->strip)) == NULL) {
		rst_log_warn("%s: hard link target %s is stripped away; "
		    "skipped", archive_entry_pathname(e), link);
		return 1;
	}
	if ((copy = strdup(p)) == NULL)
		return rst_errf(rs->err, RST_ENOMEM, "out of memory");
	archive_entry_copy_hardlink(e, copy);
	free(copy);
	return 0;
}

static int
check_entry(struct restore *rs, struct archive_entry *e)
{
	const char *path = archive_entry_pathname(e);
	const char *link = archive_entry_hardlink(e);
	const char *slash;
	size_t dirlen;

	if (!path_safe(path))
		return rst_errf(rs->err, RST_EINTEGRITY, "refusing unsafe path "
		    "in snapshot: %s", path ? path : "(none)");
	/*
	 * Files of one folder come one after the other: the folder checked
	 * for the previous entry needs no new look while only regular files
	 * were written since (any other entry forgets it, below).
	 */
	slash = path != NULL ? strrchr(path, '/') : NULL;
	dirlen = slash != NULL ? (size_t)(slash - path) : 0;
	if (dirlen == 0 || dirlen >= sizeof(rs->real_dir) ||
	    strncmp(rs->real_dir, path, dirlen) != 0 ||
	    rs->real_dir[dirlen] != '\0') {
		if (!parents_are_real(path, false))
			return rst_errf(rs->err, RST_EINTEGRITY, "refusing %s: a "
			    "parent folder in the target is a symlink", path);
		if (dirlen > 0 && dirlen < sizeof(rs->real_dir)) {
			memcpy(rs->real_dir, path, dirlen);
			rs->real_dir[dirlen] = '\0';
		}
	}
	if (archive_entry_filetype(e) != AE_IFREG || link != NULL)
		rs->real_dir[0] = '\0';
	if (link != NULL && (!path_safe(link) || !parents_are_real(link, true)))
		return rst_errf(rs->err, RST_EINTEGRITY, "refusing hardlink %s "
		    "-> %s: target outside the restore folder", path, link);
	return 0;
}

static int
copy_entry_data(struct restore *rs, struct archive_entry *e)
{
	const void *buf;
	size_t len;
	la_int64_t off;
	int ar;

	while ((ar = archive_read_data_block(rs->in, &buf, &len, &off)) ==
	    ARCHIVE_OK) {
		if (archive_write_data_block(rs->out, buf, len, off) <
		    ARCHIVE_WARN)
			return rst_errf(rs->err, RST_EIO, "%s: %s",
			    archive_entry_pathname(e),
			    archive_error_string(rs->out));
		rs->res->bytes += len;
		rst_progress_update(rs->prog, len, 0);
	}
	if (ar != ARCHIVE_EOF) {
		int r = rst_stream_error(rs->stream, rs->err);

		rst_err_prefix(rs->err, "%s", archive_entry_pathname(e));
		return r;
	}
	return 0;
}

/*
 * libarchive defers the times of directories it creates, but sets those of
 * directories that already exist at once; writing their contents then
 * moves them.  With --overwrite, remember them and set them at the end.
 */
static int
remember_dir(struct restore *rs, struct archive_entry *e)
{
	struct dirtime *d;

	if (!rs->opts->overwrite || archive_entry_filetype(e) != AE_IFDIR)
		return 0;
	if ((d = reallocarray(rs->dirs, rs->ndirs + 1, sizeof(*d))) == NULL)
		return rst_errf(rs->err, RST_ENOMEM, "out of memory");
	rs->dirs = d;
	d += rs->ndirs;
	if ((d->path = strdup(archive_entry_pathname(e))) == NULL)
		return rst_errf(rs->err, RST_ENOMEM, "out of memory");
	d->ts[0].tv_sec = archive_entry_atime(e);
	d->ts[0].tv_nsec = archive_entry_atime_nsec(e);
	if (!archive_entry_atime_is_set(e))
		d->ts[0].tv_nsec = UTIME_OMIT;
	d->ts[1].tv_sec = archive_entry_mtime(e);
	d->ts[1].tv_nsec = archive_entry_mtime_nsec(e);
	rs->ndirs++;
	return 0;
}

/* Deepest first, so setting a parent's times comes after its children. */
static void
apply_dir_times(struct restore *rs)
{
	size_t i;

	for (i = rs->ndirs; i-- > 0;) {
		if (utimensat(AT_FDCWD, rs->dirs[i].path, rs->dirs[i].ts,
		    AT_SYMLINK_NOFOLLOW) == -1)
			rst_log_warn("%s: cannot set times: %s",
			    rs->dirs[i].path, strerror(errno));
		free(rs->dirs[i].path);
	}
	free(rs->dirs);
	rs->dirs = NULL;
	rs->ndirs = 0;
}

static int
restore_entry(struct restore *rs, struct archive_entry *e)
{
	int ar, r;

	if ((r = check_entry(rs, e)) != 0 || (r = remember_dir(rs, e)) != 0)
		return r;
	ar = archive_write_header(rs->out, e);
	if (ar < ARCHIVE_WARN)
		return rst_errf(rs->err, RST_EINTEGRITY, "%s: %s",
		    archive_entry_pathname(e), archive_error_string(rs->out));
	if (ar == ARCHIVE_WARN)
		rst_log_warn("%s: %s", archive_entry_pathname(e),
		    archive_error_string(rs->out));
	if (archive_entry_size(e) > 0 && (r = copy_entry_data(rs, e)) != 0)
		return r;
	if (archive_write_finish_entry(rs->out) < ARCHIVE_WARN)
		return rst_errf(rs->err, RST_EIO, "%s: %s",
		    archive_entry_pathname(e), archive_error_string(rs->out));
	if (archive_entry_filetype(e) == AE_IFREG)
		rs->res->files++;
	rst_progress_update(rs->prog, 0, 1);
	return 0;
}

static int
restore_loop(struct restore *rs)
{
	struct archive_entry *e;
	int ar, r;

	for (;;) {
		if ((r = rst_interrupt_check(rs->err)) != 0)
			return r;
		ar = archive_read_next_header(rs->in, &e);
		if (ar == ARCHIVE_EOF)
			return 0;
		if (ar < ARCHIVE_WARN)
			return rst_stream_error(rs->stream, rs->err);
		if (!selected(rs, archive_entry_pathname(e)))
			continue;
		if ((r = strip_entry(rs, e)) < 0)
			return r;
		if (r == 0 && (r = restore_entry(rs, e)) != 0)
			return r;
	}
}

static int
target_prepare(const struct rst_restore_opts *o, struct rst_err *err)
{
	struct dirent *de;
	DIR *d;
	int r = 0;

	if (rst_mkdir_p(o->target, 0700, err) != 0)
		return err->code;
	if (o->overwrite)
		return 0;
	if ((d = opendir(o->target)) == NULL)
		return rst_errno(err, RST_EIO, "%s", o->target);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..")) {
			r = rst_errf(err, RST_EUSAGE, "%s: target folder is not "
			    "empty (use --overwrite)", o->target);
			break;
		}
	}
	closedir(d);
	return r;
}

static int
disk_writer(struct restore *rs)
{
	int flags = ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM |
	    ARCHIVE_EXTRACT_ACL | ARCHIVE_EXTRACT_XATTR |
	    ARCHIVE_EXTRACT_FFLAGS | ARCHIVE_EXTRACT_SPARSE |
	    ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
	    ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS;

	if (!rs->opts->overwrite)
		flags |= ARCHIVE_EXTRACT_NO_OVERWRITE;
	if (geteuid() == 0)
		flags |= ARCHIVE_EXTRACT_OWNER;
	if ((rs->out = archive_write_disk_new()) == NULL ||
	    archive_write_disk_set_options(rs->out, flags) != ARCHIVE_OK ||
	    archive_write_disk_set_standard_lookup(rs->out) != ARCHIVE_OK)
		return rst_errf(rs->err, RST_ENOMEM, "archive_write_disk");
	return 0;
}

static int
unmatched(struct restore *rs)
{
	size_t i;

	for (i = 0; i < rs->opts->npatterns; i++)
		if (!rs->matched[i])
			return rst_errf(rs->err, RST_EUSAGE, "%s: not found in "
			    "snapshot", rs->opts->patterns[i]);
	return 0;
}

/* Extract inside the target folder (cwd there while writing). */
static int
extract(struct restore *rs, struct rst_storage *st, const char *dir,
    const struct rst_manifest *m)
{
	int cwd, r;

	if ((cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return rst_errno(rs->err, RST_EIO, "open .");
	/* Parts were verified already; they are hashed again as they stream. */
	if ((r = rst_stream_open(st, dir, m, rs->opts->ids, false,
	    &rs->stream, rs->err)) != 0 || (r = disk_writer(rs)) != 0)
		goto out;
	rs->in = rst_stream_archive(rs->stream);
	if (chdir(rs->opts->target) == -1) {
		r = rst_errno(rs->err, RST_EIO, "%s", rs->opts->target);
		goto out;
	}
	if ((r = restore_loop(rs)) == 0)
		r = rst_stream_finish(rs->stream, rs->err);
	if (archive_write_close(rs->out) != ARCHIVE_OK && r == 0)
		r = rst_errf(rs->err, RST_EIO, "%s: %s", rs->opts->target,
		    archive_error_string(rs->out));
	apply_dir_times(rs);
	if (fchdir(cwd) == -1 && r == 0)
		r = rst_errno(rs->err, RST_EIO, "return to working folder");
	if (r == 0)
		r = unmatched(rs);
 out:
	close(cwd);
	if (rs->out != NULL)
		archive_write_free(rs->out);
	rst_stream_close(rs->stream);
	return r;
}

static int
restore_init(struct restore *rs, const struct rst_restore_opts *opts,
    struct rst_progress *prog, struct rst_restore_result *res,
    struct rst_err *err)
{
	memset(res, 0, sizeof(*res));
	memset(rs, 0, sizeof(*rs));
	rs->opts = opts;
	rs->prog = prog;
	rs->res = res;
	rs->err = err;
	if ((rs->matched = calloc(opts->npatterns + 1, sizeof(bool))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

int
rst_restore_extract(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_restore_opts *opts,
    struct rst_progress *prog, struct rst_restore_result *res,
    struct rst_err *err)
{
	struct restore rs;
	double t0 = rst_mono_seconds();
	int r;

	if ((r = restore_init(&rs, opts, prog, res, err)) != 0)
		return r;
	r = extract(&rs, st, dir, m);
	res->seconds = rst_mono_seconds() - t0;
	free(rs.matched);
	return r;
}

int
rst_restore_run(struct rst_storage *st, const struct rst_profile *p,
    const char *id, EVP_PKEY *key, const struct rst_restore_opts *opts,
    struct rst_progress *prog, struct rst_restore_result *res,
    struct rst_err *err)
{
	struct rst_manifest *m = NULL;
	struct rst_verify_result vr;
	struct restore rs;
	double t0 = rst_mono_seconds();
	char *dir, msha[RST_SHA256_HEX];
	int r;

	if ((r = restore_init(&rs, opts, prog, res, err)) != 0)
		return r;
	if ((dir = rst_snapshot_dir(p->name, id)) == NULL) {
		free(rs.matched);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	/*
	 * Every part and the index are proven before anything is extracted,
	 * so a damaged snapshot leaves nothing half-written in the target.
	 */
	if ((r = rst_snapshot_load(st, p->name, id, key, &m, msha, err)) == 0 &&
	    (r = rst_restore_plan(p, st, dir, m, msha, opts, err)) == 0 &&
	    !opts->dry_run &&
	    (r = rst_verify_parts(st, dir, m, prog, &vr, err)) == 0 &&
	    (r = target_prepare(opts, err)) == 0) {
		prog->total_bytes = m->bytes;
		prog->bytes = 0;
		r = extract(&rs, st, dir, m);
	}
	rst_progress_done(prog);
	res->seconds = rst_mono_seconds() - t0;
	rst_manifest_free(m);
	free(rs.matched);
	free(dir);
	return r;
}
