/* SPDX-License-Identifier: ISC */
/*
 * Logging to stderr.  One line per event, prefixed with the program name
 * and the severity for warnings and errors.  Every message is escaped
 * here (control characters, C1 controls and invalid UTF-8 as \xNN), so
 * a file or object name cannot move the cursor, forge a line or change
 * the terminal's state.  With --progress=json stderr carries only JSON
 * lines: each message is {"level", "msg"} (progress.c writes the
 * progress lines through rst_log_json_line).  A progress line drawn on a
 * terminal is cleared before a message, so the two never share a line.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "restorable/log.h"
#include "restorable/text.h"

static int log_level = RST_LOG_NORMAL;
static bool log_json;		/* --progress=json */
static bool status_shown;	/* a progress line is on the terminal */

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

void
rst_log_set_json(bool on)
{
	log_json = on;
}

bool
rst_log_json(void)
{
	return log_json;
}

void
rst_log_json_line(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_ENSURE_ASCII);

	if (s == NULL)
		return;
	fprintf(stderr, "%s\n", s);
	fflush(stderr);
	free(s);
}

void
rst_log_status(const char *line)
{
	char safe[1024];

	rst_escape_terminal(line, safe, sizeof(safe));
	fprintf(stderr, "\r\033[K%s", safe);
	fflush(stderr);
	status_shown = true;
}

void
rst_log_status_clear(void)
{
	if (!status_shown)
		return;
	fprintf(stderr, "\r\033[K");
	fflush(stderr);
	status_shown = false;
}

/* One message as {"level", "msg"}; msg made valid UTF-8. */
static void
emit_json(const char *level, const char *func, const char *raw)
{
	json_t *o = json_object();
	char msg[2200];

	if (func != NULL)
		snprintf(msg, sizeof(msg), "%s: %s", func, raw);
	json_object_set_new(o, "level", json_string(level));
	json_object_set_new(o, "msg", rst_json_text(func ? msg : raw));
	rst_log_json_line(o);
	json_decref(o);
}

static void RST_PRINTF(4, 0)
emit(const char *level, const char *prefix, const char *func,
    const char *fmt, va_list ap)
{
	char raw[2048], line[4 * sizeof(raw)];

	if (vsnprintf(raw, sizeof(raw), fmt, ap) < 0)
		return;
	if (log_json) {
		emit_json(level, func, raw);
		return;
	}
	rst_log_status_clear();
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
	emit("error", "error: ", NULL, fmt, ap);
	va_end(ap);
}

void
rst_log_warn(const char *fmt, ...)
{
	va_list ap;

	if (log_level < RST_LOG_NORMAL)
		return;
	va_start(ap, fmt);
	emit("warning", "warning: ", NULL, fmt, ap);
	va_end(ap);
}

void
rst_log_info(const char *fmt, ...)
{
	va_list ap;

	if (log_level < RST_LOG_NORMAL)
		return;
	va_start(ap, fmt);
	emit("info", "", NULL, fmt, ap);
	va_end(ap);
}

void
rst_log_debug_(const char *func, const char *fmt, ...)
{
	va_list ap;

	if (log_level < RST_LOG_VERBOSE)
		return;
	va_start(ap, fmt);
	emit("debug", "debug: ", func, fmt, ap);
	va_end(ap);
}

void
rst_log_diag(const char *fmt, ...)
{
	char raw[2048], safe[4 * sizeof(raw)];
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(raw, sizeof(raw), fmt, ap) < 0)
		raw[0] = '\0';
	va_end(ap);
	if (log_json) {
		emit_json("error", NULL, raw);
		return;
	}
	rst_log_status_clear();
	rst_escape_terminal(raw, safe, sizeof(safe));
	fprintf(stderr, "%s\n", safe);
}
