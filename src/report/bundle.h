/* SPDX-License-Identifier: ISC */
/*
 * report --bundle DIR (bundle.c): the folder an auditor receives, laid out
 * as the repository's top folder, in which the report's "How to check this
 * report" blocks run as printed.
 */
#ifndef RESTORABLE_REPORT_BUNDLE_H
#define RESTORABLE_REPORT_BUNDLE_H

#include <jansson.h>
#include <openssl/evp.h>

#include "report.h"

struct rst_report_bundle;

/*
 * Refuse dir when it exists and is not an empty folder (RST_EUSAGE naming
 * it), and make the folder DIR.tmp-XXXXXX beside it, where everything is
 * written until rst_report_bundle_finish renames it to dir.
 */
int	rst_report_bundle_open(const char *dir, struct rst_report_bundle **,
	    struct rst_err *) RST_MUST_CHECK;

/* The report's file name in a bundle: report.html, report.json, report.md. */
const char *rst_report_bundle_file(const struct rst_report_format *);

/*
 * The report (rendered bytes) as file, its raw Ed25519 signature by key
 * as file.sig, and key's public half as signing.pub.
 */
int	rst_report_bundle_report(struct rst_report_bundle *,
	    const char *file, const struct rst_buf *, EVP_PKEY *key,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * For every readable journal of set (doc: the report's document, its
 * profiles in the same order): keys/NAME.pub, journal/NAME.jsonl and
 * .head (from state_dir for a profile configured here, taken under its
 * lock, else from the repository), journal/NAME.tsr/SEQ.tsr (and the
 * newest token's locked copy, when that is the one the report names) with
 * the TSA's certificate the report used (rst_report_bundle_tsa_ca), and the
 * manifest of the snapshot the verdict rests on with its .sig, checked
 * against the SHA-256 and key the report used (RST_EINTEGRITY otherwise);
 * then the temporary folder becomes dir.  Nothing is left under dir on
 * failure.
 */
int	rst_report_bundle_finish(struct rst_report_bundle *,
	    const struct rst_report_set *, const json_t *doc,
	    struct rst_err *) RST_MUST_CHECK;

/* keys/PROFILE.tsa-ca.pem: the bundle's copy of the TSA's certificate. */
char	*rst_report_bundle_tsa_ca(const char *profile);

/* Free b; unless finished, remove everything it wrote.  NULL-safe. */
void	rst_report_bundle_free(struct rst_report_bundle *);

#endif
