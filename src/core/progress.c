/* SPDX-License-Identifier: ISC */
/*
 * Progress line on stderr when it is a terminal: bytes, files, rate and,
 * when the total is known, the estimated time left.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "restorable/progress.h"
#include "restorable/util.h"

void
rst_progress_init(struct rst_progress *p, bool wanted, const char *label,
    uint64_t total_bytes)
{
	p->enabled = wanted && isatty(STDERR_FILENO);
	p->label = label;
	p->total_bytes = total_bytes;
	p->bytes = p->files = 0;
	p->start = rst_mono_seconds();
	p->last_draw = 0;
}

static void
draw(struct rst_progress *p, double now)
{
	char done[32], rate[32], eta[32] = "";
	double secs = now - p->start, bps;

	bps = secs > 0 ? (double)p->bytes / secs : 0;
	rst_format_size(p->bytes, done, sizeof(done));
	rst_format_size((uint64_t)bps, rate, sizeof(rate));
	if (p->total_bytes > p->bytes && bps > 0)
		snprintf(eta, sizeof(eta), "  ETA %.0fs",
		    (double)(p->total_bytes - p->bytes) / bps);
	fprintf(stderr, "\r\033[K%s: %s, %llu files, %s/s%s", p->label, done,
	    (unsigned long long)p->files, rate, eta);
	fflush(stderr);
	p->last_draw = now;
}

void
rst_progress_update(struct rst_progress *p, uint64_t add_bytes,
    uint64_t add_files)
{
	double now;

	if (!p->enabled)
		return;
	p->bytes += add_bytes;
	p->files += add_files;
	now = rst_mono_seconds();
	if (now - p->last_draw >= 0.2)
		draw(p, now);
}

void
rst_progress_done(struct rst_progress *p)
{
	if (!p->enabled)
		return;
	fprintf(stderr, "\r\033[K");
	fflush(stderr);
}
