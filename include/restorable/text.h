/* SPDX-License-Identifier: ISC */
/*
 * Text from untrusted sources (file names, check output, repository object
 * names, profile strings): made valid UTF-8 before it reaches JSON, and
 * escaped before it reaches a terminal.
 */
#ifndef RESTORABLE_TEXT_H
#define RESTORABLE_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/*
 * Length of the valid UTF-8 character at p (at most n bytes available):
 * 1-4, or 0 when the bytes there are not a valid, shortest-form character
 * (surrogates and code points above U+10FFFF are invalid).
 */
size_t	rst_utf8_char_len(const unsigned char *p, size_t n);

/*
 * A new NUL-terminated copy of len bytes of s that is valid UTF-8: every
 * invalid byte and every NUL becomes U+FFFD, and when max > 0 the result
 * holds at most max bytes, cut only between characters.  NULL when out of
 * memory.  The caller frees it.
 */
char	*rst_utf8_fix(const void *s, size_t len, size_t max);

/*
 * JSON strings of untrusted text, made valid UTF-8 as rst_utf8_fix does
 * (max 0 = no limit).  NULL only when out of memory; s NULL gives "".
 */
json_t	*rst_json_text(const char *s);
json_t	*rst_json_textn(const void *s, size_t len, size_t max);

/*
 * The one JSON writer for what the program writes out (--json, journal
 * records, notify payloads, the report's JSON): key order kept, and every
 * real rounded to the millisecond and written in its shortest form
 * (0.004, never 0.0040000000000000001).  flags: JSON_COMPACT or
 * JSON_INDENT(n) and other jansson flags; JSON_PRESERVE_ORDER is implied.
 * dumps returns a malloc'd string, NULL when out of memory; dumpf returns
 * 0 or -1 (out of memory, write error).
 */
char	*rst_json_dumps(const json_t *, size_t flags);
int	rst_json_dumpf(const json_t *, FILE *, size_t flags);

/*
 * s made safe for a terminal into out (always NUL-terminated, cut to fit
 * outlen): C0 controls, DEL, C1 controls (U+0080-U+009F) and bytes that
 * are not valid UTF-8 are written as \xNN, one per byte.
 */
void	rst_escape_terminal(const char *s, char *out, size_t outlen);

#endif
