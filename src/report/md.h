/* SPDX-License-Identifier: ISC */
/*
 * Sections of the Markdown report kept out of md.c: the status line, the
 * glossary, and per profile the RPO over the
 * period and the exceptions with their follow-up.
 */
#ifndef RESTORABLE_REPORT_MD_H
#define RESTORABLE_REPORT_MD_H

#include <jansson.h>

#include "out.h"


/* A table's header row and its separator, the labels in the report's language. */
void	rst_md_table_head(struct rst_out *, const enum rst_msg *cols, size_t n);
void	rst_md_status(struct rst_out *, const json_t *doc);
void	rst_md_glossary(struct rst_out *, const json_t *doc);
void	rst_md_rpo(struct rst_out *, const json_t *profile);
void	rst_md_exceptions(struct rst_out *, const json_t *profile);

#endif
