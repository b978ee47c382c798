/* SPDX-License-Identifier: ISC */
/*
 * Message catalog lookup, the language chosen from the environment, the
 * catalog completeness check, and the few number formats that differ by
 * language (decimal separator, the unit for days).  The messages
 * themselves live in one file per language.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "restorable/util.h"

#include "i18n.h"

static const char *const codes[RST_LANG_COUNT] = {
	"en", "fr", "nl", "sv", "de",
};

static const char *const *const catalogs[RST_LANG_COUNT] = {
	rst_i18n_en, rst_i18n_fr, rst_i18n_nl, rst_i18n_sv, rst_i18n_de,
};

static const char *const keys[RST_MSG_COUNT] = {
#define RST_MSG_NAME(k)	#k,
	RST_MSG_LIST(RST_MSG_NAME)
#undef RST_MSG_NAME
};

int
rst_lang_parse(const char *s, enum rst_lang *out)
{
	int i;

	for (i = 0; i < RST_LANG_COUNT; i++)
		if (strcasecmp(s, codes[i]) == 0) {
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
	return codes[l];
}

int
rst_i18n_check(struct rst_err *err)
{
	int l, k;

	for (l = 0; l < RST_LANG_COUNT; l++)
		for (k = 0; k < RST_MSG_COUNT; k++)
			if (catalogs[l][k] == NULL || catalogs[l][k][0] == '\0')
				return rst_errf(err, RST_EINTERNAL, "report "
				    "message catalog: %s has no text for %s",
				    codes[l], keys[k]);
	return 0;
}

const char *
rst_msg(enum rst_lang l, enum rst_msg m)
{
	const char *s = catalogs[l][m];

	return s != NULL ? s : catalogs[RST_LANG_EN][m];
}

int
rst_msg_kind(const char *kind, enum rst_msg *out)
{
	static const struct {
		const char	*kind;
		enum rst_msg	 msg;
	} kinds[] = {
		{ "backup", RST_MSG_KIND_BACKUP },
		{ "drill", RST_MSG_KIND_DRILL },
		{ "verify", RST_MSG_KIND_VERIFY },
		{ "prune", RST_MSG_KIND_PRUNE },
		{ "restore", RST_MSG_KIND_RESTORE },
		{ "report", RST_MSG_KIND_REPORT },
		{ "notify", RST_MSG_KIND_NOTIFY },
		{ "abort", RST_MSG_KIND_ABORT },
	};
	size_t i;

	for (i = 0; kind != NULL && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i].kind) == 0) {
			*out = kinds[i].msg;
			return 0;
		}
	return -1;
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

enum rst_msg
rst_msg_result(const char *r)
{
	if (r != NULL && strcmp(r, "pass") == 0)
		return RST_MSG_PASS;
	if (r != NULL && strcmp(r, "fail") == 0)
		return RST_MSG_FAIL;
	return RST_MSG_ERROR;
}

char *
rst_msgf(enum rst_lang l, enum rst_msg m, int nargs, ...)
{
	struct rst_buf b = RST_BUF_INIT;
	const char *args[9], *s = rst_msg(l, m);
	va_list ap;
	size_t n;
	int i, bad = 0;

	va_start(ap, nargs);
	for (i = 0; i < nargs && i < 9; i++)
		args[i] = va_arg(ap, const char *);
	va_end(ap);
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

void
rst_fmt_number(enum rst_lang l, double v, int decimals, char *buf,
    size_t len)
{
	const char *sep = rst_msg(l, RST_MSG_DECIMAL);
	char *dot;

	snprintf(buf, len, "%.*f", decimals, v);
	if ((dot = strchr(buf, '.')) != NULL)
		*dot = sep[0];
}

/* "3 h 5 min", or "3 h" when the smaller unit is zero. */
static void
two_units(char *buf, size_t len, long long a, const char *ua, long long b,
    const char *ub)
{
	if (b == 0)
		snprintf(buf, len, "%lld %s", a, ua);
	else
		snprintf(buf, len, "%lld %s %lld %s", a, ua, b, ub);
}

void
rst_fmt_duration(enum rst_lang l, double s, char *buf, size_t len)
{
	const char *day = rst_msg(l, RST_MSG_UNIT_DAY);
	char num[32];
	long long t;

	if (!(s >= 0 && s < 1e15)) {	/* also NaN */
		snprintf(buf, len, "-");
		return;
	}
	if (s < 1) {
		snprintf(buf, len, "%.0f ms", s * 1000);
		return;
	}
	if (s < 60) {
		rst_fmt_number(l, s, 1, num, sizeof(num));
		snprintf(buf, len, "%s s", num);
		return;
	}
	t = (long long)(s + 0.5);
	if (t < 3600)
		two_units(buf, len, t / 60, "min", t % 60, "s");
	else if (t < 72 * 3600)	/* "26 h", not "1 d 2 h": targets read so */
		two_units(buf, len, t / 3600, "h", t % 3600 / 60, "min");
	else
		two_units(buf, len, t / 86400, day, t % 86400 / 3600, "h");
}

void
rst_fmt_size(enum rst_lang l, double v, char *buf, size_t len)
{
	static const char *const u[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	char num[32];
	size_t i = 0;

	while (v >= 1024 && i < 4) {
		v /= 1024;
		i++;
	}
	if (i == 0) {
		snprintf(buf, len, "%.0f B", v);
		return;
	}
	rst_fmt_number(l, v, 1, num, sizeof(num));
	snprintf(buf, len, "%s %s", num, u[i]);
}
