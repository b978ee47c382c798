/* SPDX-License-Identifier: ISC */
/*
 * Logging to stderr.  One line per event, prefixed with the program name
 * and the severity for warnings and errors.  Every message is escaped
 * here (control characters, C1 controls and invalid UTF-8 as \xNN), so
 * a file or object name cannot move the cursor, forge a line or change
 * the terminal's state.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "restorable/log.h"
#include "restorable/text.h"

static int log_level = RST_LOG_NORMAL;

void
rst_log_set_level(int level)
{
	log_level = level;
}

int
rst_log_get_level(void)
{
	return log_level;
}

static void
emit(const char *prefix, const char *func, const char *fmt, va_list ap)
{
	char raw[2048], line[4 * sizeof(raw)];

	if (vsnprintf(raw, sizeof(raw), fmt, ap) < 0)
		return;
	rst_escape_terminal(raw, line, sizeof(line));
	if (func != NULL)
		fprintf(stderr, "restorable: %s%s: %s\n", prefix, func, line);
	else
		fprintf(stderr, "restorable: %s%s\n", prefix, line);
}

void
rst_log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("error: ", NULL, fmt, ap);
	va_end(ap);
}

void
rst_log_warn(const char *fmt, ...)
{
	va_list ap;

	if (log_level < RST_LOG_NORMAL)
		return;
	va_start(ap, fmt);
	emit("warning: ", NULL, fmt, ap);
	va_end(ap);
}

void
rst_log_info(const char *fmt, ...)
{
	va_list ap;

	if (log_level < RST_LOG_NORMAL)
		return;
	va_start(ap, fmt);
	emit("", NULL, fmt, ap);
	va_end(ap);
}

void
rst_log_debug_(const char *func, const char *fmt, ...)
{
	va_list ap;

	if (log_level < RST_LOG_VERBOSE)
		return;
	va_start(ap, fmt);
	emit("debug: ", func, fmt, ap);
	va_end(ap);
}
