/* SPDX-License-Identifier: ISC */
/*
 * Drills: a test restore of a snapshot into a fresh 0700 sandbox, a
 * re-hash of every restored file against the signed index, the data set's
 * own checks, and the measured RTO and RPO against the profile's targets.
 */
#ifndef RESTORABLE_DRILL_H
#define RESTORABLE_DRILL_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "restorable/config.h"
#include "restorable/progress.h"
#include "restorable/storage.h"

#define RST_DRILL_MAX_PATHS	20	/* per list in the journal */
#define RST_DRILL_OUTPUT_MAX	2048	/* check output kept per check */

struct rst_age_identities;
struct rst_drill_opts {
	bool		 keep;		/* leave the sandbox in place */
	int64_t		 now;		/* clock for RPO (0 = real time) */
	const struct rst_age_identities *ids;	/* encrypted profiles */
};

struct rst_drill_result {
	char		 snapshot[32];
	char		 manifest_sha256[65];
	uint64_t	 files_verified, missing, extra, changed;
	json_t		*missing_paths, *extra_paths, *changed_paths;
	double		 fetch, verify, extract, rehash, checks_s;
	double		 rto, rpo, snapshot_age;
	json_t		*checks;	/* [{name, result, exit, seconds, output}] */
	json_t		*reasons;	/* [string] */
	char		*sandbox;	/* kept sandbox path, or NULL */
};

void	rst_drill_result_init(struct rst_drill_result *);
void	rst_drill_result_release(struct rst_drill_result *);

/*
 * Drill snapshot id (already resolved).  Returns 0 when proven restorable,
 * RST_ECHECK with res->reasons filled when not, RST_EINTEGRITY when a
 * repository object fails its hash or signature, or another error.
 */
int	rst_drill_run(struct rst_storage *, const struct rst_profile *,
	    const char *id, EVP_PKEY *, const struct rst_drill_opts *,
	    struct rst_progress *, struct rst_drill_result *,
	    struct rst_err *) __attribute__((warn_unused_result));

/* The drill's journal data (FORMATS.md "drill"); new reference. */
json_t	*rst_drill_journal_data(const struct rst_drill_result *,
	    const struct rst_profile *);

#endif
