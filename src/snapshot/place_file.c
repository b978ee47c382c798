/* SPDX-License-Identifier: ISC */
/*
 * The restore writer's file side: a regular file's data written to an open
 * descriptor and hashed on the way (holes stay holes and hash as zeros),
 * and the metadata every entry gets on its descriptor once its content is
 * proven: owner (as root), mode (set-id bits stripped unless asked),
 * extended attributes (user.* only: security.* and trusted.* never) and
 * POSIX ACLs (restore, not drills), times.  File flags are never set.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "restorable/log.h"
#include "place.h"

int
rst_place_write_fail(struct rst_place *pl, const char *path, const char *what,
    int errnum, struct rst_err *err)
{
	int r;

	snprintf(pl->cause, sizeof(pl->cause), "%s: %s", what,
	    strerror(errnum));
	r = rst_errf(err, RST_ECHECK, "not restored: %s; first file that "
	    "could not be written: %s", pl->cause, path);
	err->sys_errno = errnum;
	if (errnum == ENOSPC || errnum == EDQUOT)
		rst_err_reason(err, RST_REASON_NO_SPACE);
	return r;
}

static int
hash_zeros(struct rst_sha256 *h, uint64_t n, struct rst_err *err)
{
	static const unsigned char zero[65536];
	size_t k;
	int r;

	while (n > 0) {
		k = n < sizeof(zero) ? (size_t)n : sizeof(zero);
		if ((r = rst_sha256_update(h, zero, k, err)) != 0)
			return r;
		n -= k;
	}
	return 0;
}

static int
data_loop(struct rst_place *pl, struct archive *a, int fd, const char *path,
    struct rst_sha256 *h, uint64_t *pos, uint64_t *bytes, struct rst_err *err)
{
	const void *buf;
	size_t len;
	la_int64_t off;
	int ar, r;

	while ((ar = archive_read_data_block(a, &buf, &len, &off)) ==
	    ARCHIVE_OK) {
		if (off < 0 || (uint64_t)off < *pos)
			return rst_errf(err, RST_EINTEGRITY, "%s: overlapping "
			    "blocks in the stream", path);
		if ((uint64_t)off > *pos) {
			/* A hole: skipped on disk, zeros in the hash. */
			if ((r = hash_zeros(h, (uint64_t)off - *pos, err)) != 0)
				return r;
			if (lseek(fd, (off_t)off, SEEK_SET) == (off_t)-1)
				return rst_place_write_fail(pl, path, "seek",
				    errno, err);
		}
		if (rst_write_all(fd, buf, len) != 0)
			return rst_place_write_fail(pl, path, "write", errno,
			    err);
		if ((r = rst_sha256_update(h, buf, len, err)) != 0)
			return r;
		*pos = (uint64_t)off + len;
		*bytes += len;
		rst_progress_update(pl->o.prog, len, 0);
	}
	if (ar != ARCHIVE_EOF) {
		if (pl->o.stream != NULL)
			r = rst_stream_error(pl->o.stream, err);
		else
			r = rst_errf(err, RST_EINTEGRITY, "%s",
			    archive_error_string(a));
		rst_err_prefix(err, "%s", path);
		return r;
	}
	return 0;
}

int
rst_place_data(struct rst_place *pl, struct archive *a,
    struct archive_entry *ae, int fd, const char *path, uint64_t *size,
    char hex[RST_SHA256_HEX], uint64_t *bytes, struct rst_err *err)
{
	struct rst_sha256 h = { NULL };
	uint64_t pos = 0, esize;
	int r;

	esize = archive_entry_size(ae) > 0 ? (uint64_t)archive_entry_size(ae) :
	    0;
	if ((r = rst_sha256_init(&h, err)) != 0)
		return r;
	r = data_loop(pl, a, fd, path, &h, &pos, bytes, err);
	/* A trailing hole: the file gets its full size without blocks. */
	if (r == 0 && pos < esize) {
		if ((r = hash_zeros(&h, esize - pos, err)) == 0 &&
		    ftruncate(fd, (off_t)esize) == -1)
			r = rst_place_write_fail(pl, path, "truncate", errno,
			    err);
		pos = esize;
	}
	if (r == 0)
		r = rst_sha256_final(&h, NULL, hex, err);
	rst_sha256_release(&h);
	*size = pos;
	return r;
}

/* An attribute that may be set: user.*, and ACLs where they are wanted. */
static bool
xattr_allowed(const struct rst_place *pl, const char *name)
{
	if (strncmp(name, "user.", 5) == 0)
		return true;
	return pl->o.acls && (strcmp(name, "system.posix_acl_access") == 0 ||
	    strcmp(name, "system.posix_acl_default") == 0);
}

static int
set_xattr(struct rst_place *pl, int fd, const char *path, const char *name,
    const void *value, size_t size, struct rst_err *err)
{
	if (fsetxattr(fd, name, value, size, 0) == 0)
		return 0;
	/* A file system without them: as tar does, warn and go on. */
	if (errno == ENOTSUP || errno == EOPNOTSUPP) {
		if (!pl->warned_xattr)
			rst_log_warn("%s: %s: extended attributes or ACLs not "
			    "supported by the target file system", path, name);
		pl->warned_xattr = true;
		return 0;
	}
	return rst_place_write_fail(pl, path, "set extended attribute", errno,
	    err);
}

struct acl_ent {
	uint16_t tag, perm;
	uint32_t id;
};

static int
acl_cmp(const void *a, const void *b)
{
	const struct acl_ent *x = a, *y = b;

	if (x->tag != y->tag)
		return x->tag < y->tag ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Linux's tag for a libarchive ACL tag; 0 for tags it has not. */
static uint16_t
acl_tag(int tag)
{
	switch (tag) {
	case ARCHIVE_ENTRY_ACL_USER_OBJ:	return 0x01;
	case ARCHIVE_ENTRY_ACL_USER:		return 0x02;
	case ARCHIVE_ENTRY_ACL_GROUP_OBJ:	return 0x04;
	case ARCHIVE_ENTRY_ACL_GROUP:		return 0x08;
	case ARCHIVE_ENTRY_ACL_MASK:		return 0x10;
	case ARCHIVE_ENTRY_ACL_OTHER:		return 0x20;
	default:				return 0;
	}
}

/* One POSIX ACL (access or default) as the kernel's xattr value. */
static int
set_acl(struct rst_place *pl, int fd, const char *path,
    struct archive_entry *ae, int type, const char *name, struct rst_err *err)
{
	struct acl_ent *ents;
	unsigned char *buf, *p;
	int n = 0, max, t, perm, tag, qual, r;
	const char *who;
	bool extended = false;
	size_t i;

	if ((max = archive_entry_acl_reset(ae, type)) <= 0)
		return 0;
	ents = calloc((size_t)max, sizeof(*ents));
	p = buf = malloc(4 + (size_t)max * 8);
	if (ents == NULL || buf == NULL) {
		free(ents);
		free(buf);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	while (archive_entry_acl_next(ae, type, &t, &perm, &tag, &qual,
	    &who) == ARCHIVE_OK) {
		if (n == max || acl_tag(tag) == 0) {
			free(ents);
			free(buf);
			return rst_errf(err, RST_EINTEGRITY, "%s: unsupported "
			    "ACL in the stream", path);
		}
		ents[n].tag = acl_tag(tag);
		ents[n].perm = (uint16_t)(perm & 07);
		ents[n].id = tag == ARCHIVE_ENTRY_ACL_USER ||
		    tag == ARCHIVE_ENTRY_ACL_GROUP ? (uint32_t)qual :
		    UINT32_MAX;
		extended |= ents[n].tag & (0x02 | 0x08 | 0x10);
		n++;
	}
	if (type == ARCHIVE_ENTRY_ACL_TYPE_ACCESS && !extended) {
		free(ents);
		free(buf);
		return 0;	/* the mode says it all */
	}
	qsort(ents, (size_t)n, sizeof(ents[0]), acl_cmp);
	p[0] = 2;	/* version, little-endian 32 bits */
	p[1] = p[2] = p[3] = 0;
	for (i = 0, p += 4; i < (size_t)n; i++, p += 8) {
		p[0] = ents[i].tag & 0xff;
		p[1] = ents[i].tag >> 8;
		p[2] = ents[i].perm & 0xff;
		p[3] = 0;
		p[4] = ents[i].id & 0xff;
		p[5] = (ents[i].id >> 8) & 0xff;
		p[6] = (ents[i].id >> 16) & 0xff;
		p[7] = ents[i].id >> 24;
	}
	r = set_xattr(pl, fd, path, name, buf, (size_t)(p - buf), err);
	free(ents);
	free(buf);
	return r;
}

static int
set_xattrs(struct rst_place *pl, int fd, const char *path,
    struct archive_entry *ae, bool dir, struct rst_err *err)
{
	const char *name;
	const void *value;
	size_t size;
	int r;

	archive_entry_xattr_reset(ae);
	while (archive_entry_xattr_next(ae, &name, &value, &size) ==
	    ARCHIVE_OK)
		if (name != NULL && xattr_allowed(pl, name) &&
		    (r = set_xattr(pl, fd, path, name, value, size, err)) != 0)
			return r;
	if (!pl->o.acls)
		return 0;
	if ((r = set_acl(pl, fd, path, ae, ARCHIVE_ENTRY_ACL_TYPE_ACCESS,
	    "system.posix_acl_access", err)) != 0)
		return r;
	return dir ? set_acl(pl, fd, path, ae, ARCHIVE_ENTRY_ACL_TYPE_DEFAULT,
	    "system.posix_acl_default", err) : 0;
}

/* Times from the (verified) stream entry; atime kept only when carried. */
void
rst_place_times(struct archive_entry *ae, struct timespec ts[2])
{
	ts[0].tv_sec = archive_entry_atime(ae);
	ts[0].tv_nsec = archive_entry_atime_is_set(ae) ?
	    archive_entry_atime_nsec(ae) : UTIME_OMIT;
	ts[1].tv_sec = archive_entry_mtime(ae);
	ts[1].tv_nsec = archive_entry_mtime_nsec(ae);
}

bool
rst_place_chown_needed(const struct rst_place *pl, uid_t uid, gid_t gid)
{
	if (!pl->root_user)
		return false;
	/* Made by this process in a sandbox of our group: already so. */
	return !pl->own_fresh || uid != pl->euid || gid != pl->egid;
}

unsigned
rst_place_mode(struct rst_place *pl, const struct rst_index_entry *ie)
{
	unsigned mode = ie->mode & 07777;

	if ((mode & (S_ISUID | S_ISGID)) != 0 && !pl->o.keep_setid) {
		mode &= ~(unsigned)(S_ISUID | S_ISGID);
		pl->stripped++;
	}
	return mode;
}

int
rst_place_meta(struct rst_place *pl, int fd, const char *path,
    struct archive_entry *ae, const struct rst_index_entry *ie,
    bool final, struct rst_err *err)
{
	struct timespec ts[2];
	uid_t uid;
	gid_t gid;
	int r;

	uid = ie->has_owner ? (uid_t)ie->uid : (uid_t)archive_entry_uid(ae);
	gid = ie->has_owner ? (gid_t)ie->gid : (gid_t)archive_entry_gid(ae);
	if (rst_place_chown_needed(pl, uid, gid) && fchown(fd, uid, gid) == -1)
		return rst_place_write_fail(pl, path, "set owner", errno, err);
	/* The mode first: an ACL's mask then sets the group bits. */
	if (final && fchmod(fd, rst_place_mode(pl, ie)) == -1)
		return rst_place_write_fail(pl, path, "set mode", errno, err);
	if ((r = set_xattrs(pl, fd, path, ae, ie->type == RST_ENTRY_DIR,
	    err)) != 0)
		return r;
	if (!final)
		return 0;
	rst_place_times(ae, ts);
	if (futimens(fd, ts) == -1)
		return rst_place_write_fail(pl, path, "set times", errno, err);
	return 0;
}
