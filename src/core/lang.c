/* SPDX-License-Identifier: ISC */
/*
 * The language list (codes and the names people write instead of them),
 * the language taken from the environment, and the {N} argument
 * substitution that every catalogue's messages use.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "restorable/lang.h"
#include "restorable/util.h"

static const struct {
	const char	*code;
	const char	*names[3];	/* English, own name, ISO 639-2 */
} langs[RST_LANG_COUNT] = {
#define LANG_ROW(id, code, en, own, iso) \
	[RST_LANG_##id] = { #code, { en, own, iso } },
	RST_LANG_LIST(LANG_ROW)
#undef LANG_ROW
};

int
rst_lang_parse(const char *s, enum rst_lang *out)
{
	int i;

	for (i = 0; i < RST_LANG_COUNT; i++)
		if (strcasecmp(s, langs[i].code) == 0) {
			*out = (enum rst_lang)i;
			return 0;
		}
	return -1;
}

enum rst_lang
rst_lang_default(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	enum rst_lang l;
	const char *v;
	char two[3];
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		if ((v = getenv(vars[i])) == NULL || *v == '\0')
			continue;
		/* "fr_BE.UTF-8", "de", "sv_SE@euro"; "C" and "POSIX" are en. */
		memcpy(two, v, 2);
		two[2] = '\0';
		if (strlen(v) >= 2 && (v[2] == '\0' || v[2] == '_' ||
		    v[2] == '.' || v[2] == '@') && rst_lang_parse(two, &l) == 0)
			return l;
		return RST_LANG_EN;
	}
	return RST_LANG_EN;
}

const char *
rst_lang_code(enum rst_lang l)
{
	return langs[l].code;
}

void
rst_lang_list(char *buf, size_t len)
{
	size_t off = 0;
	int i, n;

	for (i = 0; i < RST_LANG_COUNT && off < len; i++) {
		n = snprintf(buf + off, len - off, "%s%s", i ? ", " : "",
		    langs[i].code);
		if (n < 0)
			break;
		off += (size_t)n;
	}
	if (len > 0 && off == 0)
		buf[0] = '\0';
}

const char *
rst_lang_suggest(const char *s)
{
	size_t n = strlen(s), j;
	int i;

	for (i = 0; i < RST_LANG_COUNT; i++) {
		/* A locale name: "fr_BE.UTF-8", "de-CH". */
		if (n > 2 && strncasecmp(s, langs[i].code, 2) == 0 &&
		    strchr("_-.@", s[2]) != NULL)
			return langs[i].code;
		for (j = 0; j < 3; j++)
			if (strcasecmp(s, langs[i].names[j]) == 0)
				return langs[i].code;
	}
	return NULL;
}

/* French counts 0 and 1 as singular; the other languages only 1. */
static bool
singular(enum rst_lang l, const char *num)
{
	double v = strtod(num, NULL);

	return l == RST_LANG_FR ? v >= 0 && v < 2 : v == 1;
}

/*
 * At s, "{N|one|other}": append the form for argument N and return the
 * length of the whole token; 0 when s holds no such token.
 */
static size_t
plural(enum rst_lang l, const char *s, const char *const *args, int nargs,
    struct rst_buf *b, int *bad)
{
	const char *bar, *end;

	if (s[0] != '{' || s[1] < '1' || s[1] > '9' || s[2] != '|' ||
	    s[1] - '1' >= nargs || (end = strchr(s, '}')) == NULL ||
	    (bar = memchr(s + 3, '|', (size_t)(end - s - 3))) == NULL)
		return 0;
	if (singular(l, args[s[1] - '1']))
		*bad = rst_buf_append(b, s + 3, (size_t)(bar - s - 3));
	else
		*bad = rst_buf_append(b, bar + 1, (size_t)(end - bar - 1));
	return (size_t)(end - s) + 1;
}

char *
rst_lang_subst_in(enum rst_lang l, const char *s, int nargs,
    const char *const *args)
{
	struct rst_buf b = RST_BUF_INIT;
	size_t n;
	int bad = 0;

	for (; *s != '\0' && !bad; s++) {
		if ((n = plural(l, s, args, nargs, &b, &bad)) > 0)
			s += n - 1;
		else if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' &&
		    s[2] == '}' && s[1] - '1' < nargs) {
			bad = rst_buf_append(&b, args[s[1] - '1'],
			    strlen(args[s[1] - '1']));
			s += 2;
		} else
			bad = rst_buf_append(&b, s, 1);
	}
	if (!bad && b.data == NULL)
		bad = rst_buf_append(&b, "", 0);
	if (bad) {
		rst_buf_release(&b);
		return NULL;
	}
	return (char *)b.data;
}

char *
rst_lang_subst(const char *s, int nargs, const char *const *args)
{
	return rst_lang_subst_in(RST_LANG_EN, s, nargs, args);
}

char *
rst_lang_format(enum rst_lang l, const char *s, int nargs, ...)
{
	const char *args[9];
	va_list ap;
	int i;

	va_start(ap, nargs);
	for (i = 0; i < nargs && i < 9; i++)
		args[i] = va_arg(ap, const char *);
	va_end(ap);
	return rst_lang_subst_in(l, s, i, args);
}
