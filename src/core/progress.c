/* SPDX-License-Identifier: ISC */
/*
 * Progress on stderr: on a terminal one line redrawn in place (phase,
 * bytes and files against the totals, percentage, rate, time left), with
 * --progress=json one line per second {phase, bytes_done, bytes_total,
 * files_done, files_total, seconds_remaining, estimate}.  The time left
 * is the bytes still to do at the rate of this command so far; an
 * estimated total (a backup, from the previous one) is marked "~".
 * RESTORABLE_PROGRESS_INTERVAL (seconds) changes the interval between
 * lines (0.2 s on a terminal, 1 s for JSON), for tests.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <jansson.h>

#include "restorable/log.h"
#include "restorable/progress.h"
#include "restorable/util.h"

#define TTY_INTERVAL	0.2
#define JSON_INTERVAL	1.0

/* RESTORABLE_PROGRESS_INTERVAL (seconds, for tests), else dflt. */
static double
interval(double dflt)
{
	const char *v = getenv("RESTORABLE_PROGRESS_INTERVAL");
	char *end;
	double d;

	if (v == NULL || *v == '\0')
		return dflt;
	d = strtod(v, &end);
	return *end == '\0' && d >= 0.001 && d <= 3600 ? d : dflt;
}

void
rst_progress_init(struct rst_progress *p, bool wanted, const char *label,
    uint64_t total_bytes)
{
	p->mode = RST_PROGRESS_OFF;
	if (wanted && rst_log_json())
		p->mode = RST_PROGRESS_JSON;
	else if (wanted && isatty(STDERR_FILENO))
		p->mode = RST_PROGRESS_TTY;
	p->interval = interval(p->mode == RST_PROGRESS_JSON ? JSON_INTERVAL :
	    TTY_INTERVAL);
	p->label = label;
	p->total_bytes = total_bytes;
	p->total_files = 0;
	p->estimate = false;
	p->bytes = p->files = p->start_bytes = 0;
	p->start = rst_mono_seconds();
	p->last_draw = 0;
}

void
rst_progress_totals(struct rst_progress *p, uint64_t bytes, uint64_t files,
    bool estimate)
{
	p->total_bytes = bytes;
	p->total_files = files;
	p->estimate = estimate;
}

/*
 * Seconds left at this phase's rate so far; -1 when unknown (no total, or
 * less than one interval measured).
 */
static double
remaining(const struct rst_progress *p, double now)
{
	double secs = now - p->start, bps;

	if (p->total_bytes == 0)
		return -1;
	if (p->bytes >= p->total_bytes)
		return 0;
	if (secs < p->interval || p->bytes <= p->start_bytes)
		return -1;
	bps = (double)(p->bytes - p->start_bytes) / secs;
	return (double)(p->total_bytes - p->bytes) / bps;
}

static json_t *
total(uint64_t v)
{
	return v > 0 ? json_integer((json_int_t)v) : json_null();
}

static void
draw_json(struct rst_progress *p, const char *phase, double now)
{
	double left = remaining(p, now);
	json_t *o = json_object();

	json_object_set_new(o, "phase", json_string(phase));
	json_object_set_new(o, "bytes_done", json_integer((json_int_t)p->bytes));
	json_object_set_new(o, "bytes_total", total(p->total_bytes));
	json_object_set_new(o, "files_done", json_integer((json_int_t)p->files));
	json_object_set_new(o, "files_total", total(p->total_files));
	json_object_set_new(o, "seconds_remaining", left < 0 ? json_null() :
	    json_integer((json_int_t)(left + 0.5)));
	json_object_set_new(o, "estimate", json_boolean(p->estimate));
	rst_log_json_line(o);
	json_decref(o);
}

/* "  12.5 MiB of 100.0 MiB (12%)", "~" before an estimated total. */
static void
bytes_text(const struct rst_progress *p, char *buf, size_t len)
{
	char done[32], tot[32];
	uint64_t pct;

	rst_format_size(p->bytes, done, sizeof(done));
	if (p->total_bytes == 0) {
		snprintf(buf, len, "%s", done);
		return;
	}
	rst_format_size(p->total_bytes, tot, sizeof(tot));
	pct = p->bytes >= p->total_bytes ? 100 :
	    p->bytes * 100 / p->total_bytes;
	snprintf(buf, len, "%s of %s%s (%llu%%%s)", done,
	    p->estimate ? "~" : "", tot, (unsigned long long)pct,
	    p->estimate ? ", estimate" : "");
}

static void
draw_tty(struct rst_progress *p, double now)
{
	char bytes[96], files[64], rate[48] = "", eta[48] = "", line[320];
	double secs = now - p->start, left = remaining(p, now);
	char size[32];

	bytes_text(p, bytes, sizeof(bytes));
	if (p->total_files > 0)
		snprintf(files, sizeof(files), "%llu of %s%llu files",
		    (unsigned long long)p->files, p->estimate ? "~" : "",
		    (unsigned long long)p->total_files);
	else
		snprintf(files, sizeof(files), "%llu files",
		    (unsigned long long)p->files);
	/* A phase that moves no bytes (rehash, checks) has no rate. */
	if (secs > 0 && p->bytes > p->start_bytes) {
		rst_format_size((uint64_t)((double)(p->bytes -
		    p->start_bytes) / secs), size, sizeof(size));
		snprintf(rate, sizeof(rate), ", %s/s", size);
	}
	if (left >= 1)
		snprintf(eta, sizeof(eta), ", ETA %s%.0fs",
		    p->estimate ? "~" : "", left);
	else if (left > 0)
		snprintf(eta, sizeof(eta), ", ETA <1s");
	snprintf(line, sizeof(line), "%s: %s, %s%s%s", p->label, bytes,
	    files, rate, eta);
	rst_log_status(line);
}

static void
draw(struct rst_progress *p, double now)
{
	p->last_draw = now;
	if (p->mode == RST_PROGRESS_JSON)
		draw_json(p, p->label, now);
	else
		draw_tty(p, now);
}

void
rst_progress_phase(struct rst_progress *p, const char *phase)
{
	if (p->mode == RST_PROGRESS_OFF)
		return;
	p->label = phase;
	/* The rate counts from here: a phase's pace is its own. */
	p->start = rst_mono_seconds();
	p->start_bytes = p->bytes;
	draw(p, p->start);
}

void
rst_progress_update(struct rst_progress *p, uint64_t add_bytes,
    uint64_t add_files)
{
	double now;

	if (p->mode == RST_PROGRESS_OFF)
		return;
	p->bytes += add_bytes;
	p->files += add_files;
	now = rst_mono_seconds();
	if (now - p->last_draw >= p->interval)
		draw(p, now);
}

void
rst_progress_done(struct rst_progress *p)
{
	/* At the end an estimate or an unknown total gives way to what
	 * was done. */
	if (p->estimate || p->total_bytes == 0)
		rst_progress_totals(p, p->bytes, p->files, false);
	if (p->mode == RST_PROGRESS_JSON)
		draw_json(p, "done", rst_mono_seconds());
	else if (p->mode == RST_PROGRESS_TTY)
		rst_log_status_clear();
	p->mode = RST_PROGRESS_OFF;
}
