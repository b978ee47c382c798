/* SPDX-License-Identifier: ISC */
/*
 * The anchors of the journals a report covers (RFC 3161 tokens, see
 * restorable/tsa.h): anchor.c finds and verifies them, anchor_out.c shows
 * them in HTML and Markdown.
 */
#ifndef RESTORABLE_REPORT_ANCHOR_H
#define RESTORABLE_REPORT_ANCHOR_H

#include <jansson.h>

#include "report.h"
#include "out.h"

/*
 * For every readable journal of set: read its tokens (state dir and
 * repository for a local journal, the repository for the others), verify
 * each with ca_file (when NULL: the journal's profile's
 * timestamp.tsa_ca_file, else fallback), match them to the journal's lines by imprint, and set
 * the journal's "anchor" object (docs/report-schema.json).  The records a
 * token covers get their effective time, min(ts, genTime of the first
 * token covering them).  Fails only on resource errors.
 */
int	rst_report_anchors(struct rst_report_set *, const char *ca_file,
	    const char *fallback, struct rst_err *) RST_MUST_CHECK;

/*
 * Turn each journal's anchor problems into findings of doc (integrity
 * ones to the banner and *worst): anchor_mismatch, anchor_invalid,
 * anchor_unchecked.
 */
void	rst_report_anchor_findings(const struct rst_report_set *, json_t *doc,
	    enum rst_lang, int *worst);

/* The journal's anchor, as one fact of a profile (p: its document). */
void	rst_sect_anchor(struct rst_out *, const json_t *p);

#endif
