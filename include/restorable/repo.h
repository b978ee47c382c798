/* SPDX-License-Identifier: ISC */
/*
 * The repository's layout and the profile's local state: where each
 * object lives, the bootstrap of a repository and the rule that a profile
 * name belongs to one key, and the per-profile lock in state_dir.  Every
 * other module asks here rather than spell a name itself.
 */
#ifndef RESTORABLE_REPO_H
#define RESTORABLE_REPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/storage.h"
#include "restorable/util.h"

/*
 * Object names (docs/FORMATS.md).  A snapshot is the folder
 * snapshots/PROFILE/ID holding these objects; it is committed once its
 * signature is there.
 */
#define RST_REPO_MARKER		"restorable.json"
#define RST_MANIFEST_NAME	"manifest.json"
#define RST_MANIFEST_SIG	"manifest.json.sig"
#define RST_PART_BASE		"stream.pax.zst"	/* .000001, ... */
#define RST_INDEX_NAME		"index.jsonl.zst"
#define RST_DELETED_NAME	"deleted.nul.zst"

/* Size limits of what is read back: a journal, its head, a public key. */
#define RST_JOURNAL_MAX		(256u << 20)
#define RST_HEAD_MAX		(1u << 20)
#define RST_KEY_MAX		(64u << 10)

/*
 * Names in the repository, malloc'd (NULL when out of memory):
 * "snapshots/P/" (the folder of a profile's snapshots, as a listing
 * prefix), "snapshots/P/ID", "snapshots/P/ID/OBJ", "journal/P.jsonl",
 * "journal/P.head", "keys/P.pub", the folder of time-stamp tokens
 * "journal/P.tsr" and a token "journal/P.tsr/SEQ.tsr", the folder of
 * copies written once under Object Lock "journal/P.lock" and its
 * "journal/P.lock/SEQ.head" and "journal/P.lock/SEQ.tsr".
 */
char	*rst_repo_snapshots(const char *profile);
char	*rst_repo_snapshot_dir(const char *profile, const char *id);
char	*rst_repo_snapshot_obj(const char *profile, const char *id,
	    const char *obj);
char	*rst_repo_journal(const char *profile);
char	*rst_repo_head(const char *profile);
char	*rst_repo_key(const char *profile);
char	*rst_repo_tsr_dir(const char *profile);
char	*rst_repo_tsr(const char *profile, uint64_t seq);
char	*rst_repo_lock_dir(const char *profile);
char	*rst_repo_lock_head(const char *profile, uint64_t seq);
char	*rst_repo_lock_tsr(const char *profile, uint64_t seq);
/*
 * The state_dir copy of a repository object: the same relative name under
 * the profile's state_dir (malloc'd).  The local journal is authoritative.
 */
char	*rst_repo_local(const struct rst_profile *, const char *name);

/* Is a base name SEQ followed by suffix (".tsr", ".head")? */
bool	rst_repo_seq_name(const char *base, const char *suffix);
/*
 * The profile a listed name belongs to (malloc'd; "" when the name is not
 * of that kind or names no valid profile; NULL when out of memory):
 * journal/P.jsonl or one of its temporary copies journal/P.jsonl.tmp-*;
 * a signature under snapshots/P/.
 */
char	*rst_repo_journal_owner(const char *name);
char	*rst_repo_snapshot_owner(const char *name);

/* A local file that may not exist yet: empty, *exists false. */
int	rst_repo_load_local(const char *path, struct rst_buf *,
	    bool *exists, struct rst_err *) RST_MUST_CHECK;

/* Every object under a folder, temporary copies included, with mtimes. */
struct rst_repo_listing {
	char		**names;
	int64_t		*mtimes;
	size_t		 n;
};
int	rst_repo_list(struct rst_storage *, const char *prefix,
	    struct rst_repo_listing *, struct rst_err *) RST_MUST_CHECK;
void	rst_repo_listing_release(struct rst_repo_listing *);

/*
 * The reader rule for objects rewritten in place (the journal, its head):
 * object name, or, when it is missing, the newest name.tmp-* (a rewrite
 * may be caught between the delete of the old object and the rename of
 * the new one).  l is a listing of the object's folder, or NULL to list it
 * here.  RST_ENOTFOUND when neither exists.
 */
int	rst_repo_get(struct rst_storage *, const struct rst_repo_listing *l,
	    const char *name, size_t max, struct rst_buf *,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * The repository's copy of a journal against the local, authoritative
 * one: equal, behind (a prefix of it), or differs (not a prefix; the
 * first differing byte at *differs_at when not NULL).
 */
enum rst_repo_copy {
	RST_COPY_EQUAL, RST_COPY_BEHIND, RST_COPY_DIFFERS,
};
enum rst_repo_copy rst_repo_compare(const struct rst_buf *local,
	    const struct rst_buf *remote, size_t *differs_at);

/*
 * Make sure the repository has restorable.json and keys/PROFILE.pub, and
 * that the latter is key's: a profile name belongs to one key
 * (RST_EINTEGRITY "profile name already used by another key").
 */
int	rst_repo_prepare(struct rst_storage *, const char *profile, EVP_PKEY *,
	    struct rst_err *) RST_MUST_CHECK;

/* Who holds a profile's lock, as its holder wrote it into the lock file. */
struct rst_lock_holder {
	long		 pid;
	char		 host[256];
	char		 command[32];
	int64_t		 started;	/* real time, seconds; 0 = unknown */
};

/*
 * Per-profile lock in state_dir, taken for `command`; RST_ELOCKED when
 * another process holds it, and then *holder (if not NULL) says who.
 */
int	rst_lock_take(const struct rst_profile *, const char *command, int *fd,
	    struct rst_lock_holder *holder, struct rst_err *) RST_MUST_CHECK;
void	rst_lock_release(int fd);

#endif
