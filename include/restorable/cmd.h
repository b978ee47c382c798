/* SPDX-License-Identifier: ISC */
/*
 * The command table.  Each src/cmd_<name>.c exports one struct rst_cmd;
 * the dispatcher (src/cmd_dispatch.c, called by main.c) does every
 * command's prologue from it: options parsed from the entry's template,
 * the operand count, the profile loaded with the needs the entry declares,
 * the lock, the key and the repository, and, after run, the journal record
 * of the command's result.  A command file keeps only its own logic.
 */
#ifndef RESTORABLE_CMD_H
#define RESTORABLE_CMD_H

#include <stdbool.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/util.h"

/*
 * What a command does, and so what the dispatcher does for it.  The
 * flags are true for every entry (tests/unit/check_cmd.c runs each
 * command and checks them): a command over several profiles (run,
 * report) has no CMD_NEEDS_PROFILE and takes each profile's lock and
 * writes each journal through the dispatcher, per profile: run with
 * rst_cmd_call() for each task, report with rst_cmd_record().
 */
enum {
	/* Operand profile_arg is a PROFILE: main loads it with need. */
	CMD_NEEDS_PROFILE = 1 << 0,
	/* Takes the profile's lock (main, for CMD_NEEDS_PROFILE). */
	CMD_TAKES_LOCK = 1 << 1,
	/* Appends to the profile's journal: main writes ctx->record. */
	CMD_WRITES_JOURNAL = 1 << 2,
	/* After the lock, main opens ctx->access: key and repository. */
	CMD_OPENS_REPO = 1 << 3,
	/* ... where the key is the signing key, not the verify key. */
	CMD_SIGNS = 1 << 4,
};

/*
 * What reading a profile's snapshots needs: the key (verify or signing),
 * the open repository and, when the profile was loaded with
 * RST_NEED_IDENTITY and is encrypted, the age identities.
 */
struct rst_age_identities;
struct rst_storage;
struct rst_access {
	EVP_PKEY			*key;
	struct rst_storage		*st;
	struct rst_age_identities	*ids;
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
	 * The profile named by the entry's profile_arg operand, loaded by
	 * the dispatcher with the entry's needs (run and report load theirs
	 * with rst_ctx_load_profile()).  main frees it; run lends its own
	 * to its tasks.
	 */
	struct rst_profile *profile;
	bool		 lock_held;	/* run holds the profile's lock */
	struct rst_access access;	/* CMD_OPENS_REPO: open during run */
	/*
	 * CMD_WRITES_JOURNAL: the record the dispatcher appends after run,
	 * set with rst_ctx_record(); none when the command set none.
	 */
	json_t		*record;	/* its data, owned */
	int		 record_code;	/* the operation's result */
	struct rst_err	 record_err;
	bool		 record_commits; /* it names a committed snapshot */
	/*
	 * Problems of the profile already printed as FILE:LINE lines: main
	 * then prints no error line repeating the first of them.
	 */
	size_t		 problems_shown;
};

/*
 * An option of a command, as its entry declares it.  The dispatcher
 * parses argv with getopt_long from these (options and operands may mix;
 * "--" ends the options) into a struct rst_args.  The list ends with a
 * zero id.
 */
struct rst_opt {
	int		 id;		/* what rst_args_has() asks; > 0 */
	const char	*name;		/* long name, without "--" */
	char		 letter;	/* short option, or 0 */
	bool		 has_arg;	/* takes a value */
	unsigned	 need;		/* RST_NEED_* it adds to the load */
};

/* The parsed command line: options in the order given, then operands. */
struct rst_arg {
	int		 id;
	const char	*value;		/* borrowed from argv; NULL: none */
};
struct rst_args {
	struct rst_arg	*opts;
	size_t		 nopts;
	char		**ops;		/* borrowed from argv */
	int		 nops;
};

/* Whether option id was given. */
bool	rst_args_has(const struct rst_args *, int id);
/* The value of option id given last, or NULL. */
const char *rst_args_value(const struct rst_args *, int id);
/* Operand i, or dflt when there are fewer. */
const char *rst_args_operand(const struct rst_args *, int i,
	    const char *dflt);

struct rst_cmd {
	const char	*name;
	const char	*usage;		/* after "restorable NAME " */
	const char	*summary;	/* one line for --help */
	int		 min_args, max_args;	/* operands; -1 = unbounded */
	unsigned	 flags;		/* CMD_* */
	const struct rst_opt *options;	/* NULL: none */
	const char	*action;	/* operand 0 must be this word */
	int		 profile_arg;	/* CMD_NEEDS_PROFILE: its operand */
	unsigned	 need;		/* RST_NEED_* to load it with */
	/*
	 * Optional: the options' values and the operands, checked before
	 * anything is loaded (RST_EUSAGE prints the usage line).
	 */
	int		(*check)(struct rst_ctx *, const struct rst_args *,
			    struct rst_err *);
	/* Optional: after the profile is loaded, before the lock. */
	int		(*prepare)(struct rst_ctx *, const struct rst_args *,
			    struct rst_err *);
	/* The command's own work. */
	int		(*run)(struct rst_ctx *, const struct rst_args *,
			    struct rst_err *);
	/*
	 * Optional: lines after the usage listing choices that come from a
	 * registry (report's formats and languages), written into buf.
	 */
	void		(*usage_lists)(char *buf, size_t len);
};

extern const struct rst_cmd *const rst_commands[];

/*
 * Everything a command line runs: parse argv (argv[0] is the command's
 * name) from the entry's options, check the operand count and the
 * entry's check, load the profile (CMD_NEEDS_PROFILE), then
 * rst_cmd_call().  ctx->profile stays set for main's exit line.
 */
int	rst_cmd_dispatch(struct rst_ctx *, const struct rst_cmd *, int argc,
	    char **argv, struct rst_err *) RST_MUST_CHECK;
/*
 * Run a command on the profile already in ctx: prepare, the lock
 * (CMD_TAKES_LOCK, unless ctx->lock_held), the key and repository
 * (CMD_OPENS_REPO), run, then the journal record (CMD_WRITES_JOURNAL);
 * what it opened is closed again.  run calls its tasks through this.
 */
int	rst_cmd_call(struct rst_ctx *, const struct rst_cmd *,
	    const struct rst_args *, struct rst_err *) RST_MUST_CHECK;

/*
 * For a command over several profiles (report): append data (consumed) to
 * the journal of the profile in ctx as rst_cmd_call() appends a command's
 * record (CMD_WRITES_JOURNAL, under the profile's lock for
 * CMD_TAKES_LOCK), with the repository opened to mirror it (a warning and
 * the state_dir journal only when it does not open), then stamped when
 * the profile has a time-stamp authority.  Returns the lock's or the
 * append's error.
 */
int	rst_cmd_record(struct rst_ctx *, const struct rst_cmd *, json_t *data,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * The record the dispatcher journals for the command: data (consumed)
 * with the operation's result code and error (copied).  commits: the
 * data's "snapshot" was committed, so a failed append is RST_ESTORAGE
 * naming it.
 */
void	rst_ctx_record(struct rst_ctx *, json_t *data, int code,
	    const struct rst_err *operr, bool commits);

/*
 * Load the profile named by arg with the needs of the command, printing
 * each problem as FILE:LINE on stderr.  Sets ctx->profile.
 */
int	rst_ctx_load_profile(struct rst_ctx *, const char *arg, unsigned need,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * Set the command's clock from a --now argument (RFC 3339 UTC; NULL:
 * nothing to do); RST_EUSAGE naming the command and the argument
 * otherwise.
 */
int	rst_ctx_set_now(struct rst_ctx *, const char *arg, struct rst_err *)
	    RST_MUST_CHECK;

/* Print "usage: restorable NAME USAGE" (and the summary on stdout). */
void	rst_cmd_usage(const struct rst_cmd *, bool to_stdout);
/* True when --help or -h stands among the command's arguments. */
int	rst_cmd_help_requested(int argc, char **argv);
/* Print one FILE:LINE problem of a profile (arg: internal, or NULL). */
void	rst_ctx_print_diag(void *arg, const char *line);

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

/* The key that verifies this profile's snapshots (verify_key or derived). */
int	rst_ctx_verify_key(struct rst_ctx *, EVP_PKEY **, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_ctx_signing_key(struct rst_ctx *, EVP_PKEY **, struct rst_err *)
	    RST_MUST_CHECK;

/*
 * Append a record of what the command did to the profile's journal (when
 * the profile has a signing key).  code/operr: the operation's result;
 * data (may be NULL) is consumed, its reference dropped, as by every
 * journal helper.  Returns the append's own error, if any.
 */
int	rst_ctx_journal(struct rst_ctx *, struct rst_storage *,
	    const char *kind, int code, const struct rst_err *operr,
	    json_t *data, struct rst_err *) RST_MUST_CHECK;

#endif
