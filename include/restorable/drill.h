/* SPDX-License-Identifier: ISC */
/*
 * Drills: a test restore of a snapshot into a fresh 0700 sandbox, every
 * file hashed as written against the signed index, the data set's
 * own checks, and the measured RTO and RPO against the profile's targets.
 */
#ifndef RESTORABLE_DRILL_H
#define RESTORABLE_DRILL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/progress.h"
#include "restorable/reason.h"
#include "restorable/storage.h"

#define RST_DRILL_MAX_PATHS	20	/* per list in the journal */
#define RST_DRILL_OUTPUT_MAX	2048	/* check output kept per check */
#define RST_DRILL_REASON_MAX	512	/* bytes per reason */
#define RST_DRILL_DETAILS_OUTPUT_MAX (1u << 20)	/* ... in the details file */

struct rst_age_identities;
struct rst_drill_opts {
	bool		 keep;		/* leave the sandbox in place */
	struct rst_clock clock;		/* the command's: RPO, details name */
	const struct rst_age_identities *ids;	/* encrypted profiles */
	bool		 force;		/* skip the free-space check */
};

struct rst_drill_result {
	char		 snapshot[32];
	char		 manifest_sha256[65];
	uint64_t	 files_verified, missing, extra, changed;
	json_t		*missing_paths, *extra_paths, *changed_paths;
	double		 fetch, verify, extract, rehash, checks_s;
	double		 rto, rpo, snapshot_age;
	json_t		*checks;	/* [{name, result, exit, seconds, output}] */
	json_t		*reasons;	/* [string], for people */
	bool		 failed;	/* the verdict, apart from reasons */
	struct rst_reason why;		/* the first failure, as a code */
	char		*sandbox;	/* kept sandbox path, or NULL */
	char		 cause[160];	/* a write failure's cause, or "" */
	/*
	 * The newest committed folder that does not verify, met while
	 * measuring the RPO (an integrity finding for the command's exit
	 * status, not a failure of the snapshot drilled); code 0 if none.
	 */
	struct rst_err	 unverified;
	/* The full details file (details.c). */
	FILE		*details;	/* open while the drill runs */
	char		*details_tmp;
	bool		 details_failed;
	char		*details_file;	/* relative to state_dir, when done */
	char		 details_sha256[65];
	char		*details_age;	/* base64 age file, or NULL */
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

/*
 * The full details file: opened by rst_drill_run, one line per listed
 * path and per check output; finish renames it into place, hashes it and
 * (profile with recipients) seals the truncated details with age.
 */
int	rst_drill_details_open(struct rst_drill_result *,
	    const struct rst_profile *, const char *snapshot,
	    struct rst_err *) __attribute__((warn_unused_result));
void	rst_drill_details_path(struct rst_drill_result *, const char *list,
	    const char *path);
void	rst_drill_details_check(struct rst_drill_result *, const char *name,
	    int status, const void *out, size_t len);
int	rst_drill_details_finish(struct rst_drill_result *,
	    const struct rst_profile *, const struct rst_clock *,
	    struct rst_err *)
	    __attribute__((warn_unused_result));
void	rst_drill_details_release(struct rst_drill_result *);

/* The drill's journal data (FORMATS.md "drill"); new reference. */
json_t	*rst_drill_journal_data(const struct rst_drill_result *,
	    const struct rst_profile *);

#endif
