/* SPDX-License-Identifier: ISC */
/*
 * A one-line progress display on a TTY (bytes, files, rate, ETA), redrawn
 * at most a few times per second.  Disabled (all calls no-ops) otherwise.
 */
#ifndef RESTORABLE_PROGRESS_H
#define RESTORABLE_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

struct rst_progress {
	bool		 enabled;
	const char	*label;
	uint64_t	 total_bytes;	/* 0 when unknown: no ETA */
	uint64_t	 bytes;
	uint64_t	 files;
	double		 start;
	double		 last_draw;
};

/* enabled only when wanted and stderr is a terminal. */
void	rst_progress_init(struct rst_progress *, bool wanted,
	    const char *label, uint64_t total_bytes);
void	rst_progress_update(struct rst_progress *, uint64_t add_bytes,
	    uint64_t add_files);
/* Clear the line. */
void	rst_progress_done(struct rst_progress *);

#endif
