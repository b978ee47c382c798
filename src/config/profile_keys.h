/* SPDX-License-Identifier: ISC */
/*
 * Private to src/config: the table-driven profile validator.  profile.c is
 * the engine (diagnostics, value kinds, the walk over a group, the public
 * rst_profile_* functions); profile_keys.c is the schema (one key table per
 * group of restorable.conf(5) and the checks specific to single keys).
 */
#ifndef RESTORABLE_PROFILE_KEYS_H
#define RESTORABLE_PROFILE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include <libconfig.h>

#include "restorable/config.h"

#define RST_CFG_MIN_PART_SIZE		(1LL << 20)
#define RST_CFG_DEFAULT_CHECK_TIMEOUT	(600ULL * 1000)

/* The state of one rst_profile_load() call. */
struct rst_cfg_loader {
	const char		*file;		/* the profile path as given */
	struct rst_profile	*p;
	unsigned		 need;		/* RST_NEED_* */
	bool			 found_by_name;
	rst_diag_cb		 diag;
	void			*diag_arg;
	char			 first[440];	/* the first problem, for err */
	size_t			 nproblems;
	bool			 nomem;
};

enum rst_cfg_kind {
	K_STR,		/* string, stored as char * */
	K_SIZE,		/* "64M", stored as uint64_t bytes, >= min */
	K_DUR,		/* "90s", stored as uint64_t ms, never 0 */
	K_INT,		/* integer in [min, max], stored as int */
	K_BOOL,		/* true/false, stored as int 0/1 (path_style) */
	K_LIST,		/* list of non-empty strings, as struct rst_strlist */
	K_GROUP,	/* nested group with its own table (sub) */
	K_CUSTOM,	/* fn loads the key itself */
};

enum {
	F_REQ = 1 << 0,			/* must be present */
	F_PATH = 1 << 1,		/* resolve against the profile dir */
	F_FILE = 1 << 2,		/* must name an existing regular file */
	F_SECRET = (1 << 3) | F_FILE,	/* ... not group/world-readable */
					/* (both: owned by us or root) */
	F_IDENTITY = 1 << 4,		/* file checked for RST_NEED_IDENTITY */
	F_NONEMPTY = 1 << 5,		/* list needs at least one entry */
	F_ENVNAME = 1 << 6,		/* name of an environment variable */
	F_NOSTORE = 1 << 7,		/* only fn looks at the value */
	F_BYTES = 1 << 8,		/* any bytes, not only UTF-8 (globs) */
	F_PUBLIC = (1 << 9) | F_FILE,	/* ... not group/world-writable */
};

/*
 * Runs after a value was stored: val is the stored string (the element for
 * K_LIST; NULL for K_GROUP and K_CUSTOM) and obj the struct that the
 * table's offsets point into.  For K_CUSTOM it loads the key.
 */
typedef void (*rst_cfg_key_fn)(struct rst_cfg_loader *, config_setting_t *,
    void *obj, const char *val);

struct rst_cfg_key {
	const char		*name;		/* NULL ends a table */
	enum rst_cfg_kind	 kind;
	unsigned		 flags;		/* F_* */
	size_t			 off;		/* field, or group object */
	long long		 min, max;	/* K_INT, K_SIZE bounds */
	const struct rst_cfg_key *sub;		/* K_GROUP */
	rst_cfg_key_fn		 fn;
};

/*
 * 0, or RST_ECONFIG: "PATH: no such profile file", or for a profile looked
 * up by name "NAME: no such profile (PATH does not exist)" (lookup.c).
 */
int	rst_cfg_stat_profile(const char *path, const char *name,
	    struct rst_err *) RST_MUST_CHECK;

/* The top-level tables of a profile and of the site file (profile_keys.c). */
extern const struct rst_cfg_key rst_cfg_top_keys[];
extern const struct rst_cfg_key rst_cfg_site_keys[];

/*
 * Load the libconfig file at path by the table keys (a profile's or the
 * site file's) into a new rst_profile (profile.c).
 */
int	rst_cfg_load(const char *path, const struct rst_cfg_key *keys,
	    unsigned need, bool found_by_name, rst_diag_cb, void *diag_arg,
	    struct rst_profile **out, struct rst_err *) RST_MUST_CHECK;

/* Engine (profile.c). */
/* Report "FILE:LINE: key.path: message" for setting s. */
void	rst_cfg_problem(struct rst_cfg_loader *, const config_setting_t *,
	    const char *fmt, ...) RST_PRINTF(3, 4);
/* Report key (with an optional reason) missing from group g. */
void	rst_cfg_missing(struct rst_cfg_loader *, const config_setting_t *g,
	    const char *key, const char *why);
/* Note an allocation failure when s is NULL; returns s. */
char	*rst_cfg_keep(struct rst_cfg_loader *, char *s);
/* v resolved against the profile directory and cleaned; malloc'd. */
char	*rst_cfg_resolve(struct rst_cfg_loader *, const char *v);
/* Load every member of g by table into obj; unknown/missing keys. */
void	rst_cfg_walk(struct rst_cfg_loader *, config_setting_t *g,
	    const struct rst_cfg_key *, void *obj);
/* Load one setting s by its table entry k into obj. */
void	rst_cfg_load_key(struct rst_cfg_loader *, config_setting_t *s,
	    const struct rst_cfg_key *k, void *obj);

#endif
