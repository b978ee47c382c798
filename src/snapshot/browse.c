/* SPDX-License-Identifier: ISC */
/*
 * Presenting index entries: as JSON (names that are not UTF-8 as
 * base64, as the index itself stores them) and as terminal text with
 * every byte of a name that could steer a terminal escaped.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/browse.h"

/* Length of the valid UTF-8 sequence at s (0 when invalid). */
static size_t
utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return rst_utf8_valid((const char *)s, n) ? n : 0;
}

char *
rst_text_escape(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	struct rst_buf b = RST_BUF_INIT;
	size_t n;
	int bad = 0;

	while (*s != '\0' && !bad) {
		n = utf8_len(s);
		/* C1 controls (U+0080..U+009F) steer terminals too. */
		if (n == 1 && *s >= 0x20 && *s != 0x7f && *s != '\\')
			bad = rst_buf_append(&b, s, 1);
		else if (n > 1 && !(n == 2 && s[0] == 0xc2 && s[1] < 0xa0))
			bad = rst_buf_append(&b, s, n);
		else {
			n = 1;
			bad = rst_buf_printf(&b, "\\x%02x", *s);
		}
		s += n;
	}
	if (bad || rst_buf_append(&b, "", 1) != 0) {
		rst_buf_release(&b);
		return NULL;
	}
	return (char *)b.data;
}

json_t *
rst_entry_json(const struct rst_index_entry *e)
{
	char mtime[40];
	json_t *o;
	int bad;

	if ((o = json_object()) == NULL)
		return NULL;
	rst_format_rfc3339(e->mtime_sec, e->mtime_nsec, mtime, sizeof(mtime));
	bad = rst_index_set_head(o, e);
	if (e->type != RST_ENTRY_HARDLINK)
		bad |= json_object_set_new(o, "mtime", json_string(mtime));
	if (e->type == RST_ENTRY_FILE)
		bad |= json_object_set_new(o, "sha256", json_string(e->sha256));
	if (e->target != NULL)
		bad |= rst_index_set_name(o, "target", e->target);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The sha256 column of an entry without content. */
#define SHA_NONE	"-" "                                " \
			"                               "

char *
rst_entry_text(const struct rst_index_entry *e, bool sha)
{
	char mode[8] = "-", size[24] = "-", mtime[40] = "-";
	char *path, *target = NULL, *s = NULL;

	if (e->type == RST_ENTRY_FILE || e->type == RST_ENTRY_DIR)
		snprintf(mode, sizeof(mode), "%04o", e->mode & 07777);
	if (e->type == RST_ENTRY_FILE)
		snprintf(size, sizeof(size), "%" PRIu64, e->size);
	if (e->type != RST_ENTRY_HARDLINK)
		rst_format_rfc3339(e->mtime_sec, e->mtime_nsec, mtime,
		    sizeof(mtime));
	if ((path = rst_text_escape(e->path)) == NULL ||
	    (e->target != NULL && (target = rst_text_escape(e->target)) ==
	    NULL))
		goto out;
	s = rst_strdupf("%-8s %-4s %12s %-20s %s%s%s%s%s",
	    rst_entry_type_name(e->type), mode, size, mtime,
	    sha ? (e->type == RST_ENTRY_FILE ? e->sha256 : SHA_NONE) : "",
	    sha ? " " : "", path, target == NULL ? "" :
	    e->type == RST_ENTRY_SYMLINK ? " -> " : " => ",
	    target != NULL ? target : "");
 out:
	free(path);
	free(target);
	return s;
}
