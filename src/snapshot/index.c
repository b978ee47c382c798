/* SPDX-License-Identifier: ISC */
/*
 * The file index: one compact JSON object per archive entry, in stream
 * order, so verify --deep and restore can walk it beside the archive with
 * constant memory.  Names that are not valid UTF-8 travel base64-encoded
 * as path_b64 / target_b64.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "restorable/snapshot.h"

static const char *const type_names[] = {
	[RST_ENTRY_FILE] = "file",
	[RST_ENTRY_DIR] = "dir",
	[RST_ENTRY_SYMLINK] = "symlink",
	[RST_ENTRY_HARDLINK] = "hardlink",
};

const char *
rst_entry_type_name(enum rst_entry_type t)
{
	return type_names[t];
}

int
rst_entry_type_parse(const char *t)
{
	size_t i;

	if (t == NULL)
		return -1;
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(t, type_names[i]) == 0)
			return (int)i;
	return -1;
}

int
rst_index_set_name(json_t *o, const char *key, const char *value)
{
	char *b64, k64[32];
	int r;

	if (rst_utf8_valid(value, strlen(value)))
		return json_object_set_new(o, key, json_string(value));
	if ((b64 = rst_base64((const unsigned char *)value,
	    strlen(value))) == NULL)
		return -1;
	snprintf(k64, sizeof(k64), "%s_b64", key);
	r = json_object_set_new(o, k64, json_string(b64));
	free(b64);
	return r;
}

int
rst_index_set_head(json_t *o, const struct rst_index_entry *e)
{
	char mode[8];
	int bad;

	snprintf(mode, sizeof(mode), "%04o", e->mode & 07777);
	bad = rst_index_set_name(o, "path", e->path);
	bad |= json_object_set_new(o, "type",
	    json_string(rst_entry_type_name(e->type)));
	if (e->type == RST_ENTRY_FILE || e->type == RST_ENTRY_DIR)
		bad |= json_object_set_new(o, "mode", json_string(mode));
	if (e->type == RST_ENTRY_FILE)
		bad |= json_object_set_new(o, "size",
		    json_integer((json_int_t)e->size));
	return bad ? -1 : 0;
}

int
rst_index_format(const struct rst_index_entry *e, struct rst_buf *b,
    struct rst_err *err)
{
	char mtime[40];
	json_t *o;
	char *s;
	int bad;

	if ((o = json_object()) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	rst_format_rfc3339(e->mtime_sec, e->mtime_nsec, mtime, sizeof(mtime));
	bad = rst_index_set_head(o, e);
	if (e->type == RST_ENTRY_SYMLINK || e->type == RST_ENTRY_HARDLINK)
		bad |= rst_index_set_name(o, "target", e->target);
	if (e->type != RST_ENTRY_HARDLINK)
		bad |= json_object_set_new(o, "mtime", json_string(mtime));
	if (e->type == RST_ENTRY_FILE)
		bad |= json_object_set_new(o, "sha256",
		    json_string(e->sha256));
	if (e->has_owner && e->type != RST_ENTRY_HARDLINK) {
		bad |= json_object_set_new(o, "uid", json_integer(e->uid));
		bad |= json_object_set_new(o, "gid", json_integer(e->gid));
	}
	if (e->changed)
		bad |= json_object_set_new(o, "changed", json_true());
	if ((e->type == RST_ENTRY_FILE || e->type == RST_ENTRY_HARDLINK) &&
	    e->in[0] != '\0')
		bad |= json_object_set_new(o, "in", json_string(e->in));
	if (e->type == RST_ENTRY_FILE && e->in[0] != '\0' && e->stale)
		bad |= json_object_set_new(o, "stale", json_true());
	if (e->has_zpos && e->in[0] == '\0') {
		bad |= json_object_set_new(o, "zframe",
		    json_integer((json_int_t)e->zframe));
		bad |= json_object_set_new(o, "zoff",
		    json_integer((json_int_t)e->zoff));
	}
	s = bad ? NULL : json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL)
		return rst_errf(err, RST_ENOMEM, "index: out of memory");
	bad = rst_buf_append(b, s, strlen(s)) || rst_buf_append(b, "\n", 1);
	free(s);
	return bad ? rst_errf(err, RST_ENOMEM, "index: out of memory") : 0;
}

int
rst_index_get_name(json_t *o, const char *key, char **out)
{
	char k64[32];
	json_t *v;
	unsigned char *raw;
	size_t len;

	if ((v = json_object_get(o, key)) != NULL) {
		if (!json_is_string(v) ||
		    strlen(json_string_value(v)) != json_string_length(v))
			return -1;
		return (*out = strdup(json_string_value(v))) ? 0 : -1;
	}
	snprintf(k64, sizeof(k64), "%s_b64", key);
	if (!json_is_string(v = json_object_get(o, k64)) ||
	    (raw = rst_unbase64(json_string_value(v), &len)) == NULL)
		return -1;
	if (memchr(raw, '\0', len) != NULL) {
		free(raw);
		return -1;
	}
	raw[len] = '\0';
	*out = (char *)raw;
	return 0;
}

/* Exactly 64 lowercase hex digits, as written by backup. */
static bool
sha256_hex_ok(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return false;
	return s[64] == '\0';
}

/* The fraction of an RFC 3339 time, in nanoseconds (0 when none). */
static long
fraction_ns(const char *t)
{
	const char *p = strchr(t, '.');
	long ns = 0;
	int i;

	if (p == NULL)
		return 0;
	for (i = 0, p++; i < 9; i++) {
		ns *= 10;
		if (*p >= '0' && *p <= '9')
			ns += *p++ - '0';
	}
	return ns;
}

/*
 * "in" (a snapshot id; files and hard links) and "stale" (files, only
 * with "in").
 */
static int
parse_in(json_t *o, struct rst_index_entry *e)
{
	json_t *in = json_object_get(o, "in"), *st = json_object_get(o,
	    "stale");

	if (in == NULL)
		return st == NULL ? 0 : -1;
	if ((e->type != RST_ENTRY_FILE && e->type != RST_ENTRY_HARDLINK) ||
	    !json_is_string(in) ||
	    !rst_snapshot_id_valid(json_string_value(in)) ||
	    (st != NULL && (!json_is_true(st) || e->type != RST_ENTRY_FILE)))
		return -1;
	memcpy(e->in, json_string_value(in), RST_SNAP_ID_LEN + 1);
	e->stale = st != NULL;
	return 0;
}

/* zframe and zoff: both or neither, each a non-negative integer. */
static int
parse_zpos(json_t *o, struct rst_index_entry *e)
{
	json_t *f = json_object_get(o, "zframe");
	json_t *z = json_object_get(o, "zoff");

	if (f == NULL && z == NULL)
		return 0;
	if (!json_is_integer(f) || !json_is_integer(z) ||
	    json_integer_value(f) < 0 || json_integer_value(z) < 0)
		return -1;
	e->has_zpos = true;
	e->zframe = (uint64_t)json_integer_value(f);
	e->zoff = (uint64_t)json_integer_value(z);
	return 0;
}

static int
parse_fields(json_t *o, struct rst_index_entry *e)
{
	const char *t, *mode = NULL, *mtime = NULL, *sha = NULL;
	json_int_t size = 0, uid = -1, gid = -1;
	json_t *v;
	int type;

	if (json_unpack(o, "{s:s, s?s, s?I, s?s, s?s, s?I, s?I}", "type", &t,
	    "mode", &mode, "size", &size, "mtime", &mtime, "sha256", &sha,
	    "uid", &uid, "gid", &gid) != 0 ||
	    (type = rst_entry_type_parse(t)) < 0 || size < 0)
		return -1;
	/* Both or neither, each a 32-bit id. */
	if ((uid < 0) != (gid < 0) || uid > UINT32_MAX || gid > UINT32_MAX ||
	    (uid < -1 || gid < -1))
		return -1;
	if (uid >= 0) {
		e->has_owner = true;
		e->uid = (uint32_t)uid;
		e->gid = (uint32_t)gid;
	}
	e->type = (enum rst_entry_type)type;
	if (rst_index_get_name(o, "path", &e->path) != 0)
		return -1;
	if ((type == RST_ENTRY_SYMLINK || type == RST_ENTRY_HARDLINK) &&
	    rst_index_get_name(o, "target", &e->target) != 0)
		return -1;
	if ((type == RST_ENTRY_FILE && (sha == NULL || mode == NULL)) ||
	    (sha != NULL && !sha256_hex_ok(sha)))
		return -1;
	if (sha != NULL)
		memcpy(e->sha256, sha, RST_SHA256_HEX);
	if (mode != NULL)
		e->mode = (unsigned)strtoul(mode, NULL, 8);
	if (mtime != NULL && rst_parse_rfc3339(mtime, &e->mtime_sec) != 0)
		return -1;
	if (mtime != NULL)
		e->mtime_nsec = fraction_ns(mtime);
	e->size = (uint64_t)size;
	e->changed = json_is_true(v = json_object_get(o, "changed"));
	return parse_in(o, e) != 0 || parse_zpos(o, e) != 0 ? -1 : 0;
}

int
rst_index_parse(const char *line, size_t len, struct rst_index_entry *e,
    struct rst_err *err)
{
	json_error_t je;
	json_t *o;
	int r;

	memset(e, 0, sizeof(*e));
	if ((o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je)) == NULL)
		return rst_errf(err, RST_EINTEGRITY, "index: %s", je.text);
	r = json_is_object(o) ? parse_fields(o, e) : -1;
	json_decref(o);
	if (r != 0) {
		rst_index_entry_release(e);
		return rst_errf(err, RST_EINTEGRITY, "index: malformed entry");
	}
	return 0;
}

void
rst_index_entry_release(struct rst_index_entry *e)
{
	free(e->path);
	free(e->target);
	e->path = e->target = NULL;
}
