/* SPDX-License-Identifier: ISC */
/*
 * The command table.  Each src/cmd_<name>.c exports one struct rst_cmd; the
 * dispatcher in main.c parses global options, checks argument counts, loads
 * the profile the command names and maps the result to an exit code.
 */
#ifndef RESTORABLE_CMD_H
#define RESTORABLE_CMD_H

#include <stdbool.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/util.h"

enum {
	CMD_NEEDS_PROFILE = 1 << 0,	/* first operand is a PROFILE */
	CMD_TAKES_LOCK = 1 << 1,
	CMD_WRITES_JOURNAL = 1 << 2,
};

struct rst_ctx {
	const char	*confdir;	/* -c, or NULL */
	const char	*command;	/* the command's name (lock files) */
	bool		 json;		/* --json: one JSON document on stdout */
	bool		 progress;	/* progress bar allowed (TTY, no --no-progress) */
	/*
	 * The command's clock: real, or set once from --now (run, prune)
	 * and handed down to what dates things by it (snapshot ids, drills,
	 * prune, journal timestamps); run's tasks inherit it.
	 */
	struct rst_clock now;
	json_t		*result;	/* what --json prints; commands fill it */
	/*
	 * The profile named by the first operand, loaded by the command
	 * itself with rst_ctx_load_profile() (it knows what it needs).
	 */
	struct rst_profile *profile;
	bool		 lock_held;	/* run holds the profile's lock */
	/*
	 * Problems of the profile already printed as FILE:LINE lines: main
	 * then prints no error line repeating the first of them.
	 */
	size_t		 problems_shown;
};

struct rst_cmd {
	const char	*name;
	const char	*usage;		/* after "restorable NAME " */
	const char	*summary;	/* one line for --help */
	int		 min_args, max_args;	/* operands; -1 = unbounded */
	unsigned	 flags;
	/* argv[0] is the command name; getopt_long-ready. */
	int		(*run)(struct rst_ctx *, int argc, char **argv,
			    struct rst_err *);
	/*
	 * Optional: lines after the usage listing choices that come from a
	 * registry (report's formats and languages), written into buf.
	 */
	void		(*usage_lists)(char *buf, size_t len);
};

extern const struct rst_cmd *const rst_commands[];

/*
 * Load the profile named by arg with the needs of the command, printing
 * each problem as FILE:LINE on stderr.  Sets ctx->profile.
 */
int	rst_ctx_load_profile(struct rst_ctx *, const char *arg, unsigned need,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * Set the command's clock from a --now argument (RFC 3339 UTC);
 * RST_EUSAGE naming the command and the argument otherwise.
 */
int	rst_ctx_set_now(struct rst_ctx *, const char *arg, struct rst_err *)
	    RST_MUST_CHECK;

/* Print "usage: restorable NAME USAGE" (and the summary on stdout). */
void	rst_cmd_usage(const struct rst_cmd *, bool to_stdout);
/* True when --help or -h stands among the command's arguments. */
int	rst_cmd_help_requested(int argc, char **argv);
/* Prepare getopt_long for a command's argv (resets its state). */
void	rst_cmd_getopt_reset(void);
/* RST_EUSAGE for an unknown option c (as getopt_long returned it). */
/* Print one FILE:LINE problem of a profile (arg: internal, or NULL). */
void	rst_ctx_print_diag(void *arg, const char *line);
int	rst_cmd_bad_option(const struct rst_cmd *, int argc, char **argv,
	    struct rst_err *) RST_MUST_CHECK;
/* Check the number of operands left after the options. */
int	rst_cmd_check_operands(const struct rst_cmd *, int nops,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * A folder the user named for output (restore --target, keygen --out): it
 * is a folder, or can be created under the nearest existing folder, and
 * that folder is writable.  Otherwise RST_ECONFIG (exit 2) naming path.
 */
int	rst_cmd_check_out_dir(const char *path, struct rst_err *)
	    __attribute__((warn_unused_result));

/*
 * A failure to write where the user asked (--out, --target) is exit 2:
 * RST_EIO becomes RST_ECONFIG in err and in the returned code.
 */
int	rst_cmd_out_error(int code, struct rst_err *);

/* Take the profile's lock unless run already holds it (*fd -1 then). */
int	rst_ctx_lock(struct rst_ctx *, int *fd, struct rst_err *)
	    RST_MUST_CHECK;
void	rst_ctx_unlock(struct rst_ctx *, int fd);

/*
 * What reading a profile's snapshots needs: the verification key, the
 * open repository and, when wanted and the profile is encrypted, the age
 * identities.  close releases what open got (also after a failed open).
 */
struct rst_age_identities;
struct rst_access {
	EVP_PKEY			*key;
	struct rst_storage		*st;
	struct rst_age_identities	*ids;
};
int	rst_ctx_access_open(struct rst_ctx *, bool want_identities,
	    struct rst_access *, struct rst_err *) RST_MUST_CHECK;
void	rst_ctx_access_close(struct rst_access *);

/* The key that verifies this profile's snapshots (verify_key or derived). */
int	rst_ctx_verify_key(struct rst_ctx *, EVP_PKEY **, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_ctx_signing_key(struct rst_ctx *, EVP_PKEY **, struct rst_err *)
	    RST_MUST_CHECK;

/*
 * Append a record of what the command did to the profile's journal (when
 * the profile has a signing key).  code/operr: the operation's result;
 * data is borrowed.  Returns the append's own error, if any.
 */
struct rst_storage;
int	rst_ctx_journal(struct rst_ctx *, struct rst_storage *,
	    const char *kind, int code, const struct rst_err *operr,
	    json_t *data, struct rst_err *) RST_MUST_CHECK;

/*
 * The same for a command about to return *r: a journal failure is logged
 * and, when the operation itself succeeded, becomes its result.  data is
 * consumed (its reference is dropped).
 */
void	rst_ctx_journal_result(struct rst_ctx *, struct rst_storage *,
	    const char *kind, json_t *data, int *r, struct rst_err *);

#endif
