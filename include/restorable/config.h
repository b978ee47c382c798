/* SPDX-License-Identifier: ISC */
/*
 * Profiles: one libconfig file per vital data set (restorable.conf(5)).
 * rst_profile_load() validates every key and reports each problem as
 * "FILE:LINE: message" through the diagnostic callback, so that
 * check-config and every other command validate the same way.
 */
#ifndef RESTORABLE_CONFIG_H
#define RESTORABLE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "restorable/err.h"
#include "restorable/util.h"

/* Set at build time from --sysconfdir and --localstatedir (configure.ac). */
#ifndef SYSCONFDIR
#define SYSCONFDIR		"/etc"
#endif
#ifndef LOCALSTATEDIR
#define LOCALSTATEDIR		"/var"
#endif
#define RST_DEFAULT_CONFDIR	SYSCONFDIR "/restorable"
#define RST_DEFAULT_STATEDIR	LOCALSTATEDIR "/lib/restorable"
#define RST_DEFAULT_LOCK_STALE_MS	(24ULL * 3600 * 1000)

struct rst_repo_cfg {
	char		*url;
	char		*endpoint;
	char		*region;
	char		*credentials_file;
	char		*credentials_env;
	char		*ca_file;
	char		*ssh_key;
	char		*host_key_sha256;
	char		*known_hosts;
	int		 path_style;		/* -1 unset, 0, 1 */
	int		 object_lock_days;	/* 0 = none */
	char		*object_lock_mode;
	uint64_t	 timeout_ms;		/* default 60 s */
	int		 retries;		/* default 10 */
	uint64_t	 retry_max_wait_ms;	/* default 5 min */
	uint64_t	 command_timeout_ms;	/* default 7 days; 0 = none */
	uint64_t	 bandwidth_limit;	/* bytes/s per transfer; 0 = none */
	int		 allow_insecure_http;	/* plain HTTP off loopback */
	char		*spool_dir;		/* state_dir/spool, set by the loader */
	bool		 spool_owned;		/* a private folder, removed by
						 * rst_repo_cfg_release() */
};

/*
 * The defaults of every repository setting (restorable.conf(5)); the two
 * the storage layer also applies to a setting of 0 are named.
 */
#define RST_REPO_TIMEOUT_MS		(60ULL * 1000)
#define RST_REPO_RETRY_MAX_WAIT_MS	(5ULL * 60 * 1000)
void	rst_repo_cfg_init(struct rst_repo_cfg *);
/* Free the strings (and remove a private spool folder). */
void	rst_repo_cfg_release(struct rst_repo_cfg *);
/*
 * A repository named by URL alone (no profile, so no state_dir): the
 * defaults, no credentials but those a backend reads from the environment,
 * the S3 endpoint and region of $AWS_ENDPOINT_URL_S3 (else
 * $AWS_ENDPOINT_URL) and $AWS_REGION (else $AWS_DEFAULT_REGION), and a
 * private spool folder under $TMPDIR (else /tmp), removed by
 * rst_repo_cfg_release() once the storage is closed.
 */
int	rst_repo_cfg_for_url(const char *url, struct rst_repo_cfg *,
	    struct rst_err *) RST_MUST_CHECK;

struct rst_check_cfg {
	char		*name;
	char		*command;
	uint64_t	 timeout_ms;		/* default 10 min */
};

struct rst_profile {
	char		*file;		/* the .conf path as given */
	char		*dir;		/* its directory: base of relative paths */
	char		*name;
	struct rst_strlist paths;	/* absolute */
	struct rst_strlist exclude;
	bool		 unreadable_warn;	/* on_unreadable = "warn" */
	struct rst_repo_cfg repo;
	char		*signing_key;	/* resolved path or NULL */
	char		*verify_key;	/* resolved path or NULL */
	uint64_t	 part_size;	/* default 64 MiB */
	int		 zstd_level;	/* default 3 */
	int		 zstd_threads;	/* 0 = all cores */

	bool		 encrypted;
	struct rst_strlist recipients;
	char		*passphrase_file;
	char		*passphrase_env;
	char		*identity_file;

	char		*pre_backup;
	char		*post_backup;
	uint64_t	 hook_timeout_ms;	/* default 1 h */
	uint64_t	 lock_stale_ms;		/* run: older locks fail; 0 = site's */

	uint64_t	 schedule_backup_ms;	/* 0 = unset */
	uint64_t	 schedule_drill_ms;
	uint64_t	 schedule_prune_ms;

	int		 keep_last;	/* -1 = unset */
	int		 keep_daily;
	int		 keep_weekly;
	int		 keep_monthly;

	bool		 has_drill;
	char		*scratch_dir;
	uint64_t	 rto_target_ms;	/* 0 = none */
	uint64_t	 rpo_target_ms;
	struct rst_check_cfg *checks;
	size_t		 nchecks;

	bool		 notify_failure;
	bool		 notify_success;
	char		*webhook;
	char		*smtp_url;
	char		*smtp_from;
	struct rst_strlist smtp_to;
	char		*smtp_credentials_file;
	char		*smtp_ca_file;
	char		*heartbeat;	/* notify.heartbeat URL */
	int		 notify_allow_insecure_http;	/* webhook over http:// */
	int		 lang;		/* enum rst_lang of alerts; -1 = site's */

	/* The incremental group (off when absent). */
	bool		 incremental;
	uint64_t	 full_every_ms;	/* default 7 d; 0 = always full */
	int		 max_chain;	/* incrementals after a full; 13 */
	int		 inc_rehash;	/* read and hash unchanged files too */
	bool		 inc_ignore_inode, inc_ignore_ctime;

	char		*state_dir;	/* resolved; RESTORABLE_STATE wins */
	char		*metrics_dir;

	/* timestamp group: an RFC 3161 TSA anchoring the journal's head */
	char		*tsa_url;	/* NULL: not anchored */
	char		*tsa_ca_file;	/* verifies the TSA's tokens */
	char		*tsa_tls_ca_file;	/* timestamp.ca_file: HTTPS */
};

/* What the command about to run needs to exist (checked with FILE:LINE). */
enum {
	RST_NEED_PATHS = 1 << 0,	/* backup, check-config */
	RST_NEED_SIGNING = 1 << 1,	/* backup, drill, prune, journal */
	RST_NEED_VERIFY = 1 << 2,	/* signing_key or verify_key */
	RST_NEED_IDENTITY = 1 << 3,	/* restore, drill, verify --deep when encrypted */
	RST_NEED_STRICT = 1 << 4,	/* check-config: text keys are UTF-8 */
};

/* Called once per problem with "FILE:LINE: message" (no newline). */
typedef void (*rst_diag_cb)(void *arg, const char *line);

/*
 * The configuration directory: confdir (-c) when set, else
 * $RESTORABLE_CONFIG, else RST_DEFAULT_CONFDIR; an empty value counts as
 * unset.  The one place every command asks.
 */
const char	*rst_confdir(const char *confdir);
/*
 * The optional site file CONFDIR/restorable.conf (notify, lock_stale, lang):
 * *out is NULL when there is none.  Problems as for a profile.
 */
int	rst_site_load(const char *confdir, rst_diag_cb, void *diag_arg,
	    struct rst_profile **out, struct rst_err *) RST_MUST_CHECK;
/*
 * What a profile takes from the site file (site may be NULL): its notify
 * group when the profile has none of webhook, smtp and heartbeat, and
 * lock_stale and lang when the profile does not set them (else 24 h and
 * English).
 */
int	rst_profile_apply_site(struct rst_profile *,
	    const struct rst_profile *site, struct rst_err *) RST_MUST_CHECK;
/* True when a profile argument is a path (has a '/' or ends in .conf). */
bool		 rst_profile_arg_is_path(const char *arg);

/*
 * The profiles a command over several (check-config, run, report) covers:
 * the n PROFILE arguments as given (names or paths), or, when n is 0,
 * every profile file of CONFDIR (CONFDIR/profiles/NAME.conf, sorted by
 * path), each usable with rst_profile_open().  *out is the caller's to
 * release; RST_ECONFIG naming the folder when CONFDIR has no profile.
 */
int	rst_profile_list(const char *confdir, char *const *args, size_t n,
	    struct rst_strlist *out, struct rst_err *) RST_MUST_CHECK;

/*
 * Find a profile: arg is a path to a .conf file (contains '/' or ends in
 * ".conf") or a NAME looked up as CONFDIR/profiles/NAME.conf.  confdir may be
 * NULL (then RESTORABLE_CONFIG, then /etc/restorable).  *path is malloc'd.
 */
int	rst_profile_resolve(const char *confdir, const char *arg, char **path,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * rst_profile_resolve, then rst_profile_load of what it found (a profile
 * found by name must be in NAME.conf): the one way a command line's
 * profile argument becomes a profile.
 */
int	rst_profile_open(const char *confdir, const char *arg, unsigned need,
	    rst_diag_cb diag, void *diag_arg, struct rst_profile **out,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * The profile name a profile argument stands for, before it is loaded:
 * NAME itself, or a path's base name without ".conf" (malloc'd).
 */
char	*rst_profile_arg_name(const char *arg);

/*
 * Load and validate a profile.  Every problem goes to diag (may be NULL);
 * returns RST_ECONFIG with err set to the first problem (and the count) if
 * any was found.  found_by_name: the file must be named NAME.conf.
 */
int	rst_profile_load(const char *path, unsigned need, bool found_by_name,
	    rst_diag_cb diag, void *diag_arg, struct rst_profile **out,
	    struct rst_err *) RST_MUST_CHECK;
void	rst_profile_free(struct rst_profile *);

/* True when name is a valid profile name. */
bool	rst_profile_name_valid(const char *name);

#endif
