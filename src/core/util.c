/* SPDX-License-Identifier: ISC */
/*
 * Shared helpers: growable buffers, size/duration/time parsing and
 * formatting, hex and base64, UTF-8 validation, and the file-system
 * primitives every local write goes through (mkdir -p, atomic replace).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "restorable/util.h"

static int
buf_reserve(struct rst_buf *b, size_t extra)
{
	size_t want, cap;
	unsigned char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return RST_ENOMEM;
	want = b->len + extra + 1;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	if ((p = realloc(b->data, cap)) == NULL)
		return RST_ENOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

int
rst_buf_append(struct rst_buf *b, const void *p, size_t len)
{
	if (buf_reserve(b, len) != 0)
		return RST_ENOMEM;
	if (len > 0)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int
rst_buf_printf(struct rst_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_reserve(b, (size_t)n) != 0)
		return RST_ENOMEM;
	va_start(ap, fmt);
	n = vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return RST_ENOMEM;
	b->len += (size_t)n;
	return 0;
}

void
rst_buf_release(struct rst_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int
rst_buf_load_file(struct rst_buf *b, const char *path, size_t max,
    struct rst_err *err)
{
	unsigned char tmp[65536];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return rst_errno(err, errno == ENOENT ? RST_ENOTFOUND : RST_EIO,
		    "%s", path);
	for (;;) {
		n = read(fd, tmp, sizeof(tmp));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			rst_errno(err, RST_EIO, "read %s", path);
			break;
		}
		if (n == 0) {
			close(fd);
			return 0;
		}
		if (b->len + (size_t)n > max) {
			rst_errf(err, RST_EIO, "%s: larger than %zu bytes",
			    path, max);
			break;
		}
		if (rst_buf_append(b, tmp, (size_t)n) != 0) {
			rst_errf(err, RST_ENOMEM, "%s: out of memory", path);
			break;
		}
	}
	close(fd);
	return err->code;
}

void
rst_strlist_release(struct rst_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int
rst_strlist_add(struct rst_strlist *l, const char *s)
{
	char **v, *d;

	if ((d = strdup(s)) == NULL)
		return -1;
	if ((v = realloc(l->v, (l->n + 1) * sizeof(*v))) == NULL) {
		free(d);
		return -1;
	}
	l->v = v;
	l->v[l->n++] = d;
	return 0;
}

static int
parse_uint(const char **sp, uint64_t *out)
{
	const char *s = *sp;
	uint64_t v = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*sp = s;
	*out = v;
	return 0;
}

int
rst_parse_size(const char *s, uint64_t *out)
{
	uint64_t v, mul = 1;

	if (parse_uint(&s, &v) != 0)
		return -1;
	switch (*s) {
	case '\0':
		break;
	case 'K': mul = 1ULL << 10; s++; break;
	case 'M': mul = 1ULL << 20; s++; break;
	case 'G': mul = 1ULL << 30; s++; break;
	case 'T': mul = 1ULL << 40; s++; break;
	default:
		return -1;
	}
	if (*s != '\0' || (v != 0 && mul > UINT64_MAX / v))
		return -1;
	*out = v * mul;
	return 0;
}

int
rst_parse_duration(const char *s, uint64_t *out)
{
	static const struct { const char *u; uint64_t ms; } units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "m", 60000 }, { "h", 3600000 },
		{ "d", 86400000 },
	};
	uint64_t v;
	size_t i;

	if (parse_uint(&s, &v) != 0)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(s, units[i].u) != 0)
			continue;
		if (v != 0 && units[i].ms > UINT64_MAX / v)
			return -1;
		*out = v * units[i].ms;
		return 0;
	}
	return -1;
}

void
rst_format_size(uint64_t v, char *buf, size_t len)
{
	static const char *u[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double d = (double)v;
	size_t i = 0;

	while (d >= 1024 && i < 4) {
		d /= 1024;
		i++;
	}
	if (i == 0)
		snprintf(buf, len, "%llu B", (unsigned long long)v);
	else
		snprintf(buf, len, "%.1f %s", d, u[i]);
}

int64_t
rst_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t
rst_clock_now(const struct rst_clock *c)
{
	if (c != NULL && c->set)
		return c->at;
	return rst_now_ns() / 1000000000;
}

bool
rst_clock_is_set(const struct rst_clock *c)
{
	return c != NULL && c->set;
}

double
rst_mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
rst_ms(double s)
{
	return (double)(long long)(s * 1000 + (s < 0 ? -0.5 : 0.5)) / 1000;
}

void
rst_format_rfc3339(int64_t sec, long nsec, char *buf, size_t len)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char frac[24];
	int i;

	gmtime_r(&t, &tm);
	frac[0] = '\0';
	if (nsec > 0) {
		snprintf(frac, sizeof(frac), ".%09ld", nsec);
		for (i = (int)strlen(frac) - 1; i > 0 && frac[i] == '0'; i--)
			frac[i] = '\0';
	}
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%sZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, frac);
}

int
rst_parse_rfc3339(const char *s, int64_t *out)
{
	struct tm tm;
	const char *p;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || (p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)) == NULL)
		return -1;
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++)
			;
	}
	if (strcmp(p, "Z") != 0)
		return -1;
	*out = (int64_t)timegm(&tm);
	return 0;
}

void
rst_hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

char *
rst_base64(const unsigned char *p, size_t n)
{
	char *out;

	if (n > INT_MAX / 2 || (out = malloc(4 * ((n + 2) / 3) + 1)) == NULL)
		return NULL;
	EVP_EncodeBlock((unsigned char *)out, p, (int)n);
	return out;
}

unsigned char *
rst_unbase64(const char *s, size_t *outlen)
{
	size_t n = strlen(s), pad = 0;
	unsigned char *out;
	int r;

	if (n % 4 != 0 || n > INT_MAX / 2 || (out = malloc(n / 4 * 3 + 1)) == NULL)
		return NULL;
	if ((r = EVP_DecodeBlock(out, (const unsigned char *)s, (int)n)) < 0) {
		free(out);
		return NULL;
	}
	if (n >= 1 && s[n - 1] == '=')
		pad++;
	if (n >= 2 && s[n - 2] == '=')
		pad++;
	*outlen = (size_t)r - pad;
	return out;
}

bool
rst_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, len;
	uint32_t cp;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0) {
			len = 2; cp = p[i] & 0x1f;
		} else if ((p[i] & 0xf0) == 0xe0) {
			len = 3; cp = p[i] & 0x0f;
		} else if ((p[i] & 0xf8) == 0xf0) {
			len = 4; cp = p[i] & 0x07;
		} else
			return false;
		if (i + len > n)
			return false;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

int
rst_mkdir_p(const char *path, mode_t mode, struct rst_err *err)
{
	char *p, *s;
	struct stat sb;

	if (stat(path, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode))
			return rst_errf(err, RST_EIO, "%s: not a directory",
			    path);
		return 0;
	}
	if ((p = strdup(path)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) == 0) {
			/* The mode is part of the contract, whatever the umask. */
			if (chmod(p, mode) == -1) {
				rst_errno(err, RST_EIO, "chmod %s", p);
				free(p);
				return err->code;
			}
		} else if (errno != EEXIST) {
			rst_errno(err, RST_EIO, "mkdir %s", p);
			free(p);
			return err->code;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return 0;
}

int
rst_fsync_dir(const char *dir, struct rst_err *err)
{
	int fd, r = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return rst_errno(err, RST_EIO, "open %s", dir);
	if (fsync(fd) == -1 && errno != EINVAL)
		r = rst_errno(err, RST_EIO, "fsync %s", dir);
	if (close(fd) == -1 && r == 0)
		r = rst_errno(err, RST_EIO, "close %s", dir);
	return r;
}

int
rst_write_all(int fd, const void *p, size_t n)
{
	const unsigned char *c = p;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, c, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int
rst_write_file_atomic(const char *path, const void *p, size_t n, mode_t mode,
    struct rst_err *err)
{
	char *tmp = NULL, *dir = NULL;
	int fd = -1, r = 0;

	if ((dir = rst_dirname(path)) == NULL ||
	    (tmp = rst_strdupf("%s.tmp-XXXXXX", path)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		r = rst_errno(err, RST_EIO, "create %s", tmp);
		goto out;
	}
	if (fchmod(fd, mode) == -1 || rst_write_all(fd, p, n) != 0 ||
	    fsync(fd) == -1) {
		r = rst_errno(err, RST_EIO, "write %s", tmp);
		goto out;
	}
	if (close(fd) == -1) {
		fd = -1;
		r = rst_errno(err, RST_EIO, "close %s", tmp);
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) == -1) {
		r = rst_errno(err, RST_EIO, "rename %s", path);
		goto out;
	}
	r = rst_fsync_dir(dir, err);
 out:
	if (fd != -1)
		close(fd);
	if (r != 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(dir);
	return r;
}

char *
rst_strdupf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : s;
}

char *
rst_path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (la > 0 && a[la - 1] == '/')
		return rst_strdupf("%s%s", a, b);
	return rst_strdupf("%s/%s", a, b);
}

void
rst_path_trim_slashes(char *s, size_t keep)
{
	size_t n = strlen(s);

	while (n > keep && s[n - 1] == '/')
		s[--n] = '\0';
}

char *
rst_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

char *
rst_path_resolve(const char *base, const char *p)
{
	if (p[0] == '/' || base == NULL)
		return strdup(p);
	return rst_path_join(base, p);
}

int
rst_ncpu(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (int)n;
}

volatile sig_atomic_t rst_interrupted;

int
rst_interrupt_check(struct rst_err *err)
{
	if (rst_interrupted == 0)
		return 0;
	rst_err_reason_nn(err, RST_REASON_INTERRUPTED, (double)rst_interrupted,
	    NAN);
	return rst_errf(err, RST_EINTERNAL, "interrupted by signal %d",
	    (int)rst_interrupted);
}

uint64_t
rst_str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

size_t *
rst_stridx_slot(const struct rst_stridx *x, const char *s)
{
	size_t i;

	for (i = rst_str_hash(s) & (x->nslot - 1); x->slot[i] != 0;
	    i = (i + 1) & (x->nslot - 1))
		if (strcmp(x->key(x->arg, x->slot[i] - 1), s) == 0)
			break;
	return &x->slot[i];
}

size_t
rst_stridx_find(const struct rst_stridx *x, const char *s)
{
	return x->nslot == 0 ? 0 : *rst_stridx_slot(x, s);
}

int
rst_stridx_build(struct rst_stridx *x, size_t n, size_t min)
{
	size_t nslot, i, *s;

	for (nslot = 64; nslot < min || nslot < 2 * n + 2; nslot *= 2)
		;
	free(x->slot);
	if ((x->slot = calloc(nslot, sizeof(*x->slot))) == NULL) {
		x->nslot = 0;
		return -1;
	}
	x->nslot = nslot;
	for (i = 0; i < n; i++) {
		if (*(s = rst_stridx_slot(x, x->key(x->arg, i))) != 0)
			return -1;
		*s = i + 1;
	}
	return 0;
}

void
rst_stridx_release(struct rst_stridx *x)
{
	free(x->slot);
	x->slot = NULL;
	x->nslot = 0;
}

static size_t
strset_find(const struct rst_strset *s, const char *k)
{
	size_t i;

	for (i = rst_str_hash(k) & (s->cap - 1); s->slot[i] != NULL;
	    i = (i + 1) & (s->cap - 1))
		if (strcmp(s->slot[i], k) == 0)
			break;
	return i;
}

unsigned
rst_strset_get(const struct rst_strset *s, const char *k)
{
	size_t i;

	if (s->cap == 0)
		return 0;
	i = strset_find(s, k);
	return s->slot[i] == NULL ? 0 : (s->flags[i] | 0x80u);
}

static int
strset_grow(struct rst_strset *s)
{
	struct rst_strset n = RST_STRSET_INIT;
	size_t i, j;

	n.cap = s->cap ? s->cap * 2 : 1024;
	if ((n.slot = calloc(n.cap, sizeof(char *))) == NULL ||
	    (n.flags = calloc(n.cap, 1)) == NULL) {
		free(n.slot);
		return RST_ENOMEM;
	}
	for (i = 0; i < s->cap; i++) {
		if (s->slot[i] == NULL)
			continue;
		j = strset_find(&n, s->slot[i]);
		n.slot[j] = s->slot[i];
		n.flags[j] = s->flags[i];
	}
	n.n = s->n;
	n.blocks = s->blocks;
	free(s->slot);
	free(s->flags);
	*s = n;
	return 0;
}

#define STRSET_BLOCK	(64u * 1024)

struct rst_strset_block {
	struct rst_strset_block	*next;
	size_t			 used, size;
	char			 data[];
};

/* A copy of k in the set's current block (a new block when it is full). */
static char *
strset_copy(struct rst_strset *s, const char *k)
{
	struct rst_strset_block *b = s->blocks;
	size_t len = strlen(k) + 1, size;
	char *p;

	if (b == NULL || b->size - b->used < len) {
		size = len > STRSET_BLOCK ? len : STRSET_BLOCK;
		if ((b = malloc(sizeof(*b) + size)) == NULL)
			return NULL;
		b->used = 0;
		b->size = size;
		b->next = s->blocks;
		s->blocks = b;
	}
	p = memcpy(b->data + b->used, k, len);
	b->used += len;
	return p;
}

static int
strset_put(struct rst_strset *s, const char *k, unsigned flags, bool replace)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap && strset_grow(s) != 0)
		return RST_ENOMEM;
	i = strset_find(s, k);
	if (s->slot[i] == NULL) {
		if ((s->slot[i] = strset_copy(s, k)) == NULL)
			return RST_ENOMEM;
		s->n++;
	}
	if (replace)
		s->flags[i] = 0;
	s->flags[i] |= (unsigned char)(flags & 0x7f);
	return 0;
}

int
rst_strset_add(struct rst_strset *s, const char *k, unsigned flags)
{
	return strset_put(s, k, flags, false);
}

int
rst_strset_set(struct rst_strset *s, const char *k, unsigned flags)
{
	return strset_put(s, k, flags, true);
}

void
rst_strset_release(struct rst_strset *s)
{
	struct rst_strset_block *b;

	while ((b = s->blocks) != NULL) {
		s->blocks = b->next;
		free(b);
	}
	free(s->slot);
	free(s->flags);
	memset(s, 0, sizeof(*s));
}
