/* SPDX-License-Identifier: ISC */
/*
 * Time order of a journal's records.  Clocks step back (NTP, a --now in
 * the past, a host restored from an image), so a record dated before the
 * one above it, or a drill dated before the start of the snapshot it
 * tested, is an exception to look at, never an integrity failure.  The
 * one rule for `journal verify` and the report.
 */
#ifndef RESTORABLE_TIMEORDER_H
#define RESTORABLE_TIMEORDER_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

struct rst_time_order {
	uint64_t	 line;		/* lines seen so far */
	int64_t		 last;		/* the time of the previous record */
	char		 last_ts[40];
};

struct rst_time_exc {
	const char	*code;		/* clock_stepped_back, drill_before_snapshot */
	uint64_t	 line;		/* 1-based line of the record */
	char		 ts[40];	/* its time */
	char		 before[40];	/* the previous record's, or the snapshot's start */
	const char	*snapshot;	/* drill_before_snapshot: borrowed from rec */
};

/* Start with every field 0. */
#define RST_TIME_ORDER_INIT	{ 0, INT64_MIN, "" }

/*
 * Check the next record (as written: its "ts_recorded" when the report
 * set an effective time).  Up to two exceptions are written to x; returns
 * how many.
 */
int	rst_time_order_next(struct rst_time_order *, const json_t *rec,
	    struct rst_time_exc x[2]);

#endif
