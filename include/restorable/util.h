/* SPDX-License-Identifier: ISC */
/*
 * Small shared helpers: a growable byte buffer, time and size/duration
 * parsing and formatting, hex/base64, UTF-8 checks and file-system helpers
 * (recursive mkdir, atomic whole-file writes).
 */
#ifndef RESTORABLE_UTIL_H
#define RESTORABLE_UTIL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "restorable/err.h"

/* Growable buffer; data is always NUL-terminated when non-NULL. */
struct rst_buf {
	unsigned char	*data;
	size_t		 len;
	size_t		 cap;
};
#define RST_BUF_INIT	{ NULL, 0, 0 }

int	rst_buf_append(struct rst_buf *, const void *, size_t) RST_MUST_CHECK;
int	rst_buf_printf(struct rst_buf *, const char *fmt, ...)
	    RST_PRINTF(2, 3) RST_MUST_CHECK;
void	rst_buf_release(struct rst_buf *);
/* Read a whole file (up to max bytes) into buf. */
int	rst_buf_load_file(struct rst_buf *, const char *path, size_t max,
	    struct rst_err *) RST_MUST_CHECK;

/* A list of malloc'd strings (v[n] is NULL when n > 0). */
struct rst_strlist {
	char	**v;
	size_t	  n;
};

/* Free every string and the array; the list is empty afterwards. */
void	rst_strlist_release(struct rst_strlist *);
/* Append a copy of s; -1 when out of memory (l unchanged). */
int	rst_strlist_add(struct rst_strlist *, const char *s);

/* Sizes: "64M", "1G", "512K", "4096" (binary units).  0 on success. */
int	rst_parse_size(const char *, uint64_t *out) RST_MUST_CHECK;
/* Durations: integer + one of ms s m h d.  Result in milliseconds. */
int	rst_parse_duration(const char *, uint64_t *out_ms) RST_MUST_CHECK;
/* Human size like "1.5 MiB" into buf. */
void	rst_format_size(uint64_t, char *buf, size_t len);

/* The real wall clock in nanoseconds since the epoch. */
int64_t	rst_now_ns(void);
/* FNV-1a of a NUL-terminated string (the string sets and path maps). */
uint64_t	rst_str_hash(const char *);

/*
 * A command's clock: the real one, or the time given with --now.  It is
 * set once, in the command's context (struct rst_ctx), and handed to what
 * dates things by it: snapshot ids, drill RPO, prune and journal
 * timestamps (records made under a set clock say "clock":"set").  Storage
 * signatures, Object Lock retention, TLS and time-stamp tokens always read
 * the real clock, rst_now_ns().
 */
struct rst_clock {
	bool	 set;	/* given with --now */
	int64_t	 at;	/* then: seconds since the epoch */
};
/* Seconds since the epoch on c (NULL or not set: the real clock). */
int64_t	rst_clock_now(const struct rst_clock *c);
bool	rst_clock_is_set(const struct rst_clock *c);

/* A monotonic clock for durations, in seconds. */
double	rst_mono_seconds(void);
/* Seconds rounded to milliseconds, as journal records carry them. */
double	rst_ms(double seconds);
/* RFC 3339 UTC "2026-11-24T10:00:00Z" (fraction only when nsec != 0). */
void	rst_format_rfc3339(int64_t sec, long nsec, char *buf, size_t len);
/* Parse "2026-11-24T10:00:00Z" (fraction allowed) into seconds; -1 for
 * NULL or a string that is not one. */
int	rst_parse_rfc3339(const char *, int64_t *sec) RST_MUST_CHECK;

void	rst_hex(const unsigned char *, size_t, char *out);	/* 2n+1 */
char	*rst_base64(const unsigned char *, size_t);		/* malloc'd */
unsigned char *rst_unbase64(const char *, size_t *outlen);	/* malloc'd */
bool	rst_utf8_valid(const char *, size_t);

/* mkdir -p; directories it creates get exactly mode (umask aside). */
int	rst_mkdir_p(const char *path, mode_t mode, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_fsync_dir(const char *dir, struct rst_err *) RST_MUST_CHECK;
/* Write path atomically: temp file in the same dir, fsync, rename, fsync. */
int	rst_write_file_atomic(const char *path, const void *, size_t,
	    mode_t mode, struct rst_err *) RST_MUST_CHECK;
/* Full write(2) loop. */
int	rst_write_all(int fd, const void *, size_t) RST_MUST_CHECK;
/*
 * Open the folder path without following any symlink on the way (each
 * component opened with O_NOFOLLOW): a symlink is RST_EUSAGE naming it.
 * RST_DIR_CREATE makes missing components with mode; RST_DIR_TRUSTED
 * refuses (RST_ECONFIG) an ancestor owned by another user than root or us,
 * or writable by others unless root's and sticky (/var/tmp);
 * RST_DIR_PRIVATE requires the folder to be ours with mode 0700.
 */
#define RST_DIR_CREATE	0x1u
#define RST_DIR_TRUSTED	0x2u
#define RST_DIR_PRIVATE	0x4u
int	rst_dir_open_secure(const char *path, unsigned flags, mode_t mode,
	    int *fd, struct rst_err *) RST_MUST_CHECK;
/*
 * Room for bytes of data in inodes files and folders on fd's file system
 * (statvfs f_bavail, f_favail; a block per inode on top, so sparse files
 * and small files are counted high); RST_ECHECK naming the numbers when
 * there is not.  path is for the message.
 */
int	rst_space_check(int fd, const char *path, uint64_t bytes,
	    uint64_t inodes, struct rst_err *) RST_MUST_CHECK;

/*
 * A set of strings (open addressing) with a few flag bits per member;
 * memory grows with the members, nothing else (the strings are packed in
 * blocks, without an allocation each).
 */
struct rst_strset_block;
struct rst_strset {
	char			**slot;
	unsigned char		 *flags;
	size_t			  cap, n;
	struct rst_strset_block	 *blocks;
};
#define RST_STRSET_INIT	{ NULL, NULL, 0, 0, NULL }
/* Add s (if absent) and OR flags into its bits. */
int	rst_strset_add(struct rst_strset *, const char *s, unsigned flags)
	    RST_MUST_CHECK;
/* Add s (if absent) and replace its bits with flags. */
int	rst_strset_set(struct rst_strset *, const char *s, unsigned flags)
	    RST_MUST_CHECK;
/* The member's flags | 0x80, or 0 when s is not a member. */
unsigned rst_strset_get(const struct rst_strset *, const char *s);
void	rst_strset_release(struct rst_strset *);

/*
 * An open-addressing index of strings kept in the caller's own array
 * (the entry map's and the stat cache's paths): a slot holds an element's
 * index + 1, 0 when empty; key(arg, i) is element i's string.
 */
typedef const char *(*rst_stridx_key)(const void *arg, size_t i);
struct rst_stridx {
	size_t		*slot;
	size_t		 nslot;		/* a power of two; 0 before a build */
	rst_stridx_key	 key;
	const void	*arg;
};
/* The slot of s: its index + 1, or 0 where s would go (nslot > 0). */
size_t	*rst_stridx_slot(const struct rst_stridx *, const char *s);
/* The index + 1 of s, 0 when it is not there (or nothing is built). */
size_t	rst_stridx_find(const struct rst_stridx *, const char *s);
/*
 * Index elements 0..n-1 afresh in at least min slots (and more than 2n);
 * -1 when out of memory or when a string is there twice.
 */
int	rst_stridx_build(struct rst_stridx *, size_t n, size_t min)
	    RST_MUST_CHECK;
void	rst_stridx_release(struct rst_stridx *);
/* Join a and b with one '/' into a malloc'd string. */
char	*rst_path_join(const char *a, const char *b);
/* Drop the '/' that end s, but never any of its first keep bytes. */
void	rst_path_trim_slashes(char *s, size_t keep);
/* asprintf that returns NULL on failure. */
char	*rst_strdupf(const char *fmt, ...) RST_PRINTF(1, 2);
/* Parent directory of path, malloc'd. */
char	*rst_dirname(const char *path);
/* Resolve p relative to base directory unless absolute; malloc'd. */
char	*rst_path_resolve(const char *base, const char *p);
/*
 * Set (to the signal number) by main's SIGINT/SIGTERM handler; long loops
 * poll it and stop cleanly with rst_interrupt_check().
 */
extern volatile sig_atomic_t rst_interrupted;
int	rst_interrupt_check(struct rst_err *) RST_MUST_CHECK;

/*
 * True when url's host (parsed as libcurl parses it) is loopback:
 * 127.0.0.0/8, ::1 or localhost.  A repository URL is asked about as
 * rst_storage_wire_url() has it.
 */
bool	rst_url_loopback(const char *url);
/* True for an http:// URL whose host is not loopback. */
bool	rst_url_cleartext_remote(const char *url);
/* url for messages: scheme, host and path, no userinfo or query (malloc'd). */
char	*rst_url_safe(const char *url);
/*
 * The same by text, for any scheme (webdav+https://, sftp://): userinfo
 * and query dropped (malloc'd).
 */
char	*rst_url_redact(const char *url);

/*
 * The result cc (a CURLcode) of a curl_easy_setopt() that carries security
 * (protocols, certificate and host checks, CA, host key, TLS required):
 * anything but CURLE_OK fails closed with RST_ECONFIG naming opt and what.
 * Use through RST_SETOPT_MUST.
 */
int	rst_setopt_check(int cc, const char *opt, const char *what,
	    struct rst_err *) RST_MUST_CHECK;
#define RST_SETOPT_MUST(c, opt, val, what, err) \
	rst_setopt_check((int)curl_easy_setopt((c), (opt), (val)), #opt, \
	    (what), (err))

/*
 * The TLS options every transfer sets (storage, notify, the TSA) on the
 * curl handle c: peer certificate and host name always checked, ca_file
 * as the trust anchors when not NULL.  Fails closed as RST_SETOPT_MUST.
 */
int	rst_setopt_tls(void *c, const char *ca_file, const char *what,
	    struct rst_err *) RST_MUST_CHECK;

/* Number of online CPUs, at least 1. */
int	rst_ncpu(void);

#endif
