/* SPDX-License-Identifier: ISC */
/*
 * Progress of a long command (backup, restore, drill, verify): the phase,
 * bytes and files done against the totals (from the manifest, or for a
 * backup estimated from the previous one), a percentage and the time left.
 * Shown as one line redrawn on a terminal (stderr), or with
 * --progress=json as one JSON line per second (restorable(1)); otherwise
 * every call is a no-op.  A zeroed struct is disabled.
 */
#ifndef RESTORABLE_PROGRESS_H
#define RESTORABLE_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

enum rst_progress_mode {
	RST_PROGRESS_OFF = 0,
	RST_PROGRESS_TTY,	/* a line redrawn on the terminal */
	RST_PROGRESS_JSON,	/* --progress=json */
};

struct rst_progress {
	int		 mode;		/* enum rst_progress_mode */
	const char	*label;		/* the phase; not owned */
	uint64_t	 total_bytes;	/* 0 when unknown: no percentage */
	uint64_t	 total_files;	/* 0 when unknown */
	bool		 estimate;	/* totals from the previous backup */
	uint64_t	 bytes;		/* done, across every phase */
	uint64_t	 files;
	double		 start;		/* of the counting: the rate's base */
	uint64_t	 start_bytes;
	double		 last_draw;
	double		 interval;	/* seconds between lines */
};

/*
 * On when wanted: JSON lines with --progress=json, else a line on stderr
 * when it is a terminal.  label is the first phase; total_bytes may be 0.
 */
void	rst_progress_init(struct rst_progress *, bool wanted,
	    const char *label, uint64_t total_bytes);
/* The totals to count against; estimate: a guess (backup). */
void	rst_progress_totals(struct rst_progress *, uint64_t bytes,
	    uint64_t files, bool estimate);
/* A new phase (a static string); JSON: a line at once. */
void	rst_progress_phase(struct rst_progress *, const char *phase);
void	rst_progress_update(struct rst_progress *, uint64_t add_bytes,
	    uint64_t add_files);
/* The end: JSON, a last line (phase "done"); a terminal, the line cleared. */
void	rst_progress_done(struct rst_progress *);

#endif
