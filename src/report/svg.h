/* SPDX-License-Identifier: ISC */
/*
 * Inline SVG charts for the HTML report (no script, no external
 * resource): the RTO of each drill against the target, the backup size
 * over the period, and a pass/fail timeline.  Each reads one profile
 * object of the facts document.
 */
#ifndef RESTORABLE_REPORT_SVG_H
#define RESTORABLE_REPORT_SVG_H

#include <stdint.h>

#include <jansson.h>

#include "out.h"

void	rst_svg_rto(struct rst_out *, const json_t *profile);
void	rst_svg_size(struct rst_out *, const json_t *profile, int64_t since,
	    int64_t until);
void	rst_svg_timeline(struct rst_out *, const json_t *profile,
	    int64_t since, int64_t until);

#endif
