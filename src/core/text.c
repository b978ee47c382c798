/* SPDX-License-Identifier: ISC */
/*
 * Untrusted text made safe: valid UTF-8 for JSON (invalid bytes become
 * U+FFFD, cuts fall between characters) and escaped for terminals (no
 * control sequence from a file name or a server reaches the screen).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/text.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

size_t
rst_utf8_char_len(const unsigned char *p, size_t n)
{
	size_t len, k;
	uint32_t cp;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0) {
		len = 2;
		cp = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		len = 3;
		cp = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		len = 4;
		cp = p[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

char *
rst_utf8_fix(const void *s, size_t len, size_t max)
{
	const unsigned char *p = s;
	size_t i = 0, o = 0, k, cap;
	char *out;

	/* Each input byte gives at most 3 output bytes (U+FFFD). */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	cap = len * 3 + 1;
	if (max > 0 && cap > max + 1)
		cap = max + 1;
	if ((out = malloc(cap)) == NULL)
		return NULL;
	while (i < len) {
		k = p[i] == '\0' ? 0 : rst_utf8_char_len(p + i, len - i);
		if (o + (k > 0 ? k : 3) > cap - 1)
			break;
		if (k > 0) {
			memcpy(out + o, p + i, k);
			i += k;
			o += k;
		} else {
			memcpy(out + o, REPLACEMENT, 3);
			i++;
			o += 3;
		}
	}
	out[o] = '\0';
	return out;
}

json_t *
rst_json_textn(const void *s, size_t len, size_t max)
{
	char *fixed;
	json_t *v;

	if (s == NULL)
		return json_string("");
	if ((fixed = rst_utf8_fix(s, len, max)) == NULL)
		return NULL;
	v = json_string(fixed);
	free(fixed);
	return v;
}

json_t *
rst_json_text(const char *s)
{
	return rst_json_textn(s, s != NULL ? strlen(s) : 0, 0);
}

void
rst_escape_terminal(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, o = 0, k, j;
	bool bad;

	if (outlen == 0)
		return;
	while (i < n) {
		k = rst_utf8_char_len(p + i, n - i);
		/* C1 controls are U+0080-U+009F: 0xc2 0x80-0x9f. */
		bad = k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7f)) ||
		    (k == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0);
		if (k == 0)
			k = 1;
		if (o + (bad ? 4 * k : k) >= outlen)
			break;
		for (j = 0; j < k; j++, i++) {
			if (bad)
				o += (size_t)snprintf(out + o, outlen - o,
				    "\\x%02x", p[i]);
			else
				out[o++] = (char)p[i];
		}
	}
	out[o] = '\0';
}
