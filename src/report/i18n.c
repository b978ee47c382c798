/* SPDX-License-Identifier: ISC */
/*
 * Message catalog lookup (the language list itself is
 * restorable/lang.h), the catalog completeness check, and the few number formats that differ by
 * language (decimal separator, the unit for days).  The messages
 * themselves live in one file per language.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "restorable/util.h"

#include "i18n.h"

static const char *const *const catalogs[RST_LANG_COUNT] = {
#define CATALOG(id, code, en, own, iso)	[RST_LANG_##id] = rst_i18n_##code,
	RST_LANG_LIST(CATALOG)
#undef CATALOG
};

static const char *const keys[RST_MSG_COUNT] = {
#define RST_MSG_NAME(k)	#k,
	RST_MSG_LIST(RST_MSG_NAME)
#undef RST_MSG_NAME
};

int
rst_i18n_check(struct rst_err *err)
{
	int l, k;

	for (l = 0; l < RST_LANG_COUNT; l++)
		for (k = 0; k < RST_MSG_COUNT; k++)
			if (catalogs[l][k] == NULL || catalogs[l][k][0] == '\0')
				return rst_errf(err, RST_EINTERNAL, "report "
				    "message catalog: %s has no text for %s",
				    rst_lang_code((enum rst_lang)l), keys[k]);
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

enum rst_msg
rst_msg_result(const char *r)
{
	if (r != NULL && strcmp(r, "pass") == 0)
		return RST_MSG_PASS;
	if (r != NULL && strcmp(r, "fail") == 0)
		return RST_MSG_FAIL;
	return RST_MSG_ERROR;
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
