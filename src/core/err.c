/* SPDX-License-Identifier: ISC */
/*
 * struct rst_err helpers and the one mapping from error codes to the exit
 * statuses documented in restorable(1).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>

#include "restorable/err.h"

/* Fill an unset err from fmt; false (and err untouched) when already set. */
static bool RST_PRINTF(3, 0)
vset(struct rst_err *err, int code, const char *fmt, va_list ap)
{
	if (err == NULL || err->code != 0)
		return false;
	err->code = code;
	err->sys_errno = 0;
	if (vsnprintf(err->msg, sizeof(err->msg), fmt, ap) < 0)
		err->msg[0] = '\0';
	return true;
}

static void
append(struct rst_err *err, const char *s)
{
	size_t len = strlen(err->msg);

	if (len < sizeof(err->msg) - 1)
		snprintf(err->msg + len, sizeof(err->msg) - len, ": %s", s);
}

int
rst_errf(struct rst_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

/* The system error's text, and its cause where one is known. */
static void
set_errno(struct rst_err *err, int code, int saved)
{
	err->sys_errno = saved;
	append(err, strerror(saved));
	if (saved == ENOSPC || saved == EDQUOT)
		rst_err_reason(err, RST_REASON_NO_SPACE);
	else if (code == RST_EIO && strerrorname_np(saved) != NULL)
		rst_err_reason_s(err, RST_REASON_IO_ERROR,
		    strerrorname_np(saved));
}

int
rst_errno(struct rst_err *err, int code, const char *fmt, ...)
{
	int saved = errno;
	bool set;
	va_list ap;

	va_start(ap, fmt);
	set = vset(err, code, fmt, ap);
	va_end(ap);
	if (set)
		set_errno(err, code, saved);
	return code;
}

int
rst_err_ssl(struct rst_err *err, int code, const char *fmt, ...)
{
	unsigned long e, last = 0;
	char buf[256];
	bool set;
	va_list ap;

	while ((e = ERR_get_error()) != 0)
		last = e;
	va_start(ap, fmt);
	set = vset(err, code, fmt, ap);
	va_end(ap);
	if (set && last != 0) {
		ERR_error_string_n(last, buf, sizeof(buf));
		append(err, buf);
	}
	return code;
}

void
rst_err_prefix(struct rst_err *err, const char *fmt, ...)
{
	char pre[256], tmp[sizeof(err->msg)];
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	if (vsnprintf(pre, sizeof(pre), fmt, ap) < 0)
		pre[0] = '\0';
	va_end(ap);
	if (snprintf(tmp, sizeof(tmp), "%s: %s", pre, err->msg) < 0)
		return;
	memcpy(err->msg, tmp, sizeof(tmp));
}

void
rst_err_clear(struct rst_err *err)
{
	err->code = 0;
	err->sys_errno = 0;
	err->msg[0] = '\0';
	rst_reason_init(&err->reason, RST_REASON_NONE);
}

int
rst_err_accept(struct rst_err *err, int r, int code)
{
	if (r != code)
		return r;
	rst_err_clear(err);
	return 0;
}

void
rst_err_set_reason(struct rst_err *err, const struct rst_reason *r)
{
	if (err != NULL && err->reason.code == RST_REASON_NONE)
		err->reason = *r;
}

/* Position of the nth argument of a kind (texts or numbers); -1 if none. */
static int
nth_arg(int code, bool text, int nth)
{
	enum rst_reason_arg t;
	char name[RST_REASON_ARGNAME];
	int i;

	for (i = 0; rst_reason_arg(code, i, &t, name, sizeof(name)); i++)
		if ((t == RST_RARG_TEXT || t == RST_RARG_PATH) == text &&
		    nth-- == 0)
			return i;
	return -1;
}

static void
reason_args(struct rst_err *err, int code, const char *text, double a,
    double b)
{
	struct rst_reason r;

	rst_reason_init(&r, code);
	if (text != NULL)
		rst_reason_text(&r, nth_arg(code, true, 0), text);
	rst_reason_num(&r, nth_arg(code, false, 0), a);
	rst_reason_num(&r, nth_arg(code, false, 1), b);
	rst_err_set_reason(err, &r);
}

void
rst_err_reason(struct rst_err *err, int code)
{
	reason_args(err, code, NULL, NAN, NAN);
}

void
rst_err_reason_s(struct rst_err *err, int code, const char *text)
{
	reason_args(err, code, text, NAN, NAN);
}

void
rst_err_reason_sn(struct rst_err *err, int code, const char *text,
    double num)
{
	reason_args(err, code, text, num, NAN);
}

void
rst_err_reason_nn(struct rst_err *err, int code, double a, double b)
{
	reason_args(err, code, NULL, a, b);
}

void
rst_err_get_reason(const struct rst_err *err, int code, struct rst_reason *r)
{
	if (err != NULL && err->reason.code != RST_REASON_NONE)
		*r = err->reason;
	else
		rst_reason_init(r, rst_reason_for_error(code));
}

int
rst_exit_code(int code)
{
	switch (code) {
	case RST_OK:
		return RST_EXIT_OK;
	case RST_EUSAGE:
	case RST_ECONFIG:
		return RST_EXIT_USAGE;
	case RST_ESTORAGE:
		return RST_EXIT_STORAGE;
	case RST_EINTEGRITY:
	case RST_ENOTFOUND:
		return RST_EXIT_INTEGRITY;
	case RST_ELOCKED:
		return RST_EXIT_LOCKED;
	case RST_ECHECK:
		return RST_EXIT_FAIL;
	default:
		return RST_EXIT_INTERNAL;
	}
}

static int
severity(int code)
{
	static const int order[] = { 0, 5, 2, 3, 1, 4, 70 };
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (order[i] == code)
			return (int)i;
	return (int)(sizeof(order) / sizeof(order[0]));
}

int
rst_exit_worst(int a, int b)
{
	return severity(a) >= severity(b) ? a : b;
}

int
rst_code_for_exit(int status)
{
	switch (status) {
	case RST_EXIT_OK:
		return RST_OK;
	case RST_EXIT_FAIL:
		return RST_ECHECK;
	case RST_EXIT_USAGE:
		return RST_ECONFIG;
	case RST_EXIT_STORAGE:
		return RST_ESTORAGE;
	case RST_EXIT_INTEGRITY:
		return RST_EINTEGRITY;
	case RST_EXIT_LOCKED:
		return RST_ELOCKED;
	default:
		return RST_EINTERNAL;
	}
}
