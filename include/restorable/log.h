/* SPDX-License-Identifier: ISC */
/*
 * Logging to stderr, one line per event.  The level and the format (text,
 * or JSON lines with --progress=json) are the only process-wide mutable
 * settings; main() sets them once.  Messages never carry secrets.
 */
#ifndef RESTORABLE_LOG_H
#define RESTORABLE_LOG_H

#include <stdbool.h>

#include <jansson.h>

#include "restorable/err.h"

enum rst_log_level {
	RST_LOG_QUIET = 0,	/* errors only */
	RST_LOG_NORMAL = 1,	/* + warnings and info */
	RST_LOG_VERBOSE = 2,	/* + debug */
};

void	rst_log_set_level(int level);
int	rst_log_get_level(void);
void	rst_log_error(const char *fmt, ...) RST_PRINTF(1, 2);
void	rst_log_warn(const char *fmt, ...) RST_PRINTF(1, 2);
void	rst_log_info(const char *fmt, ...) RST_PRINTF(1, 2);
void	rst_log_debug_(const char *func, const char *fmt, ...) RST_PRINTF(2, 3);
#define rst_log_debug(...)	rst_log_debug_(__func__, __VA_ARGS__)

/*
 * A diagnostic already in its final form ("FILE:LINE: key: message"),
 * printed without the program's prefix (escaped; JSON: level "error").
 */
void	rst_log_diag(const char *fmt, ...) RST_PRINTF(1, 2);

/*
 * --progress=json: every message becomes one JSON line {"level": "error" |
 * "warning" | "info" | "debug", "msg"} on stderr, and nothing else is
 * written there but progress lines.
 */
void	rst_log_set_json(bool);
bool	rst_log_json(void);
/* Write o as one compact JSON line on stderr (the JSON format's writer). */
void	rst_log_json_line(json_t *o);
/*
 * The progress line on a terminal: drawn in place ("\r", cleared to the
 * end of the line), cleared by the next message or rst_log_status_clear.
 */
void	rst_log_status(const char *line);
void	rst_log_status_clear(void);

#endif
