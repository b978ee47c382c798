/* SPDX-License-Identifier: ISC */
/*
 * Snapshots: ids, the signed manifest, the file index, and the three
 * operations over them (backup, verify, restore).  A snapshot exists for
 * readers only once manifest.json.sig is present and verifies.
 */
#ifndef RESTORABLE_SNAPSHOT_H
#define RESTORABLE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "restorable/config.h"
#include "restorable/crypto.h"
#include "restorable/pipeline.h"
#include "restorable/progress.h"
#include "restorable/repo.h"
#include "restorable/storage.h"

#define RST_SNAP_ID_LEN		23	/* 20261124T185000Z-3f9a1c */
#define RST_MANIFEST_MAX	(64u << 20)

struct rst_manifest {
	char		*profile;
	char		*snapshot;
	char		*host;
	char		*started;
	char		*finished;
	char		*tool;
	bool		 incomplete;
	struct rst_strlist sources;
	char		*compression;	/* "zstd" */
	char		*encryption;	/* "none" */
	uint64_t	 stream_size;
	char		 stream_sha256[RST_SHA256_HEX];
	struct rst_part	*parts;
	size_t		 nparts;
	struct rst_part	 index;
	uint64_t	 files, dirs, bytes;
	uint64_t	 unreadable, changed, vanished;
	char		 signing_key[RST_FPR_LEN];
	/*
	 * Incremental snapshots (docs/FORMATS.md): version 2, the parent
	 * and the base (the full the chain starts with) by id and manifest
	 * SHA-256, the deletions object.  stream_files and stream_bytes
	 * count what this snapshot's stream holds (files, bytes above are
	 * the whole tree); recipients_sha256 is "" in older manifests.
	 */
	int		 version;
	bool		 incremental;
	char		 parent_id[RST_SNAP_ID_LEN + 1];
	char		 parent_sha256[RST_SHA256_HEX];
	char		 base_id[RST_SNAP_ID_LEN + 1];
	char		 base_sha256[RST_SHA256_HEX];
	uint64_t	 stream_files, stream_bytes;
	char		 recipients_sha256[RST_SHA256_HEX];
	struct rst_part	 deleted;	/* name NULL when none */
	uint64_t	 deleted_count;
	/*
	 * The index is compressed against the base's plain index
	 * (patch_from "base"), or, with index_patch_in too, against that
	 * index with "in" for files (patch_from "base-in").
	 */
	bool		 index_patch_from;
	bool		 index_patch_in;
};


/* Serialise to JSON text (malloc'd, ends with a newline). */
int	rst_manifest_format(const struct rst_manifest *, char **out,
	    size_t *len, struct rst_err *) RST_MUST_CHECK;
/* Parse and check every required field; RST_EINTEGRITY when malformed. */
int	rst_manifest_parse(const void *, size_t, struct rst_manifest **,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Every pointer of a manifest is its own (malloc'd): rst_manifest_free
 * releases a parsed one and the struct; rst_manifest_release the fields
 * of one built in place (backup's), which is then empty.
 */
void	rst_manifest_free(struct rst_manifest *);
void	rst_manifest_release(struct rst_manifest *);
/* dst = src with its own copy of the name; -1 when out of memory. */
int	rst_part_copy(struct rst_part *dst, const struct rst_part *src)
	    RST_MUST_CHECK;

/*
 * The profile's age recipients (to encrypt) and identities (to decrypt;
 * *out stays NULL for a profile without encryption).  RST_ECONFIG when
 * keys or passphrases are missing or malformed.
 */
struct rst_age_recipients;
struct rst_age_identities;
int	rst_profile_recipients(const struct rst_profile *,
	    struct rst_age_recipients **, struct rst_err *) RST_MUST_CHECK;
int	rst_profile_identities(const struct rst_profile *,
	    struct rst_age_identities **, struct rst_err *) RST_MUST_CHECK;

/* Snapshot ids. */
bool	rst_snapshot_id_valid(const char *);
/*
 * A new id for profile, on clock (NULL: the real one), that sorts after
 * the newest snapshot (below).  A clock set with --now earlier than that
 * snapshot's time: RST_EUSAGE; one equal to it names the new snapshot a
 * second later.
 */
int	rst_snapshot_new_id(struct rst_storage *, const char *profile,
	    EVP_PKEY *key, const struct rst_clock *clock,
	    char id[RST_SNAP_ID_LEN + 1], struct rst_err *) RST_MUST_CHECK;
/* "snapshots/PROFILE/ID" (malloc'd). */
char	*rst_snapshot_dir(const char *profile, const char *id);

/* Committed snapshot ids of a profile, sorted ascending. */
int	rst_snapshot_list(struct rst_storage *, const char *profile,
	    struct rst_strlist *ids, struct rst_err *) RST_MUST_CHECK;
/*
 * The newest committed snapshot whose manifest verifies with key; *id NULL
 * when there is none.  Newer folders that do not verify are logged and
 * passed over; the newest one's error goes to skipped (when not NULL and
 * still clear).
 */
int	rst_snapshot_newest(struct rst_storage *, const char *profile,
	    EVP_PKEY *key, char **id, struct rst_err *skipped,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Committed ids (ascending) split into those whose manifest verifies with
 * key and those that do not (each logged as an error; the newest one's
 * error goes to newest_bad, when not NULL).
 */
int	rst_snapshot_list_verified(struct rst_storage *, const char *profile,
	    EVP_PKEY *key, struct rst_strlist *good, struct rst_strlist *bad,
	    struct rst_err *newest_bad, struct rst_err *) RST_MUST_CHECK;
/*
 * SNAP or "latest" (the newest snapshot, above) to an id (malloc'd); no
 * committed snapshot -> ECHECK; committed ones, none verifying -> the
 * newest one's RST_EINTEGRITY.  For "latest", a newer committed folder
 * that does not verify goes to skipped (when not NULL): the command does
 * its work on the snapshot that verifies, then reports the folder with
 * rst_snapshot_newer_finding().
 */
int	rst_snapshot_resolve(struct rst_storage *, const char *profile,
	    const char *snap, EVP_PKEY *key, char **id, struct rst_err *skipped,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * A command on id that succeeded (r 0) but passed over a newer committed
 * folder that does not verify (skipped) ends in that integrity finding,
 * exit 4 naming the folder (decision 1); otherwise r.
 */
int	rst_snapshot_newer_finding(const struct rst_err *skipped,
	    const char *id, int r, struct rst_err *err);
/*
 * The integrity finding found (a committed folder whose manifest does not
 * verify) as the command's error: its code and reason (which names the
 * folder's object) kept, the context fmt adds after its message in
 * parentheses.  Returns its code.
 */
int	rst_snapshot_finding(const struct rst_err *found, struct rst_err *err,
	    const char *fmt, ...) RST_PRINTF(3, 4);
/*
 * What a journal record says of a snapshot's bytes: 1 when a verify
 * (exit 4) or a drill (exit 4, or files that differ from the index) found
 * it missing or bad; -1 when a verify --deep or a drill passed (an older
 * finding is closed); 0 otherwise.  *snap names the snapshot.
 */
int	rst_record_finding(const json_t *record, const char **snap);
/*
 * The snapshots a journal expects in the repository, one record at a time
 * (oldest first): a backup that committed (exit 0 or 1) adds its snapshot
 * to expected (an object id -> true); a prune removes the ids it removed,
 * meant to remove (intent) or acknowledged as missing (forgotten).
 * Returns the snapshot a backup record names, else NULL.
 */
const char *rst_record_expect(json_t *expected, const json_t *record);
/* True when an id's time is more than a day after now (an exception). */
bool	rst_snapshot_id_future(const char *id, int64_t now);
/*
 * Fetch manifest and signature, verify the signature with key, parse, and
 * check that it names this profile, id and key.  Integrity failures and
 * missing objects are RST_EINTEGRITY naming the object.
 */
int	rst_snapshot_load(struct rst_storage *, const char *profile,
	    const char *id, EVP_PKEY *key, struct rst_manifest **,
	    char manifest_sha256[RST_SHA256_HEX], struct rst_err *)
	    RST_MUST_CHECK;

/*
 * A snapshot's chain: the snapshot and every snapshot it depends on, base
 * (a full) first, each manifest verified and each link checked against
 * the parent.manifest_sha256 and base its child names.  A full is a chain
 * of one.  A missing or broken link is RST_EINTEGRITY naming it.
 */
struct rst_chain {
	size_t		 n;
	struct rst_manifest **m;
	char		(*sha)[RST_SHA256_HEX];	/* manifest SHA-256s */
	char		**dir;			/* snapshots/P/ID */
};
int	rst_chain_load(struct rst_storage *, const char *profile,
	    const char *id, EVP_PKEY *key, struct rst_chain **,
	    struct rst_err *) RST_MUST_CHECK;
/* Every object of every link listed, at the size its manifest gives. */
int	rst_chain_check_listing(struct rst_storage *,
	    const struct rst_chain *, struct rst_err *) RST_MUST_CHECK;
void	rst_chain_free(struct rst_chain *);
/*
 * SHA-256 of what a stream's encryption is for (manifest
 * stream.recipients_sha256): "none\n", "age scrypt\n", or "age\n" and
 * the recipients sorted bytewise, one a line.
 */
int	rst_chain_recipients_sha256(const struct rst_profile *,
	    char hex[RST_SHA256_HEX], struct rst_err *) RST_MUST_CHECK;

/* Index entries (one JSON line each). */
enum rst_entry_type {
	RST_ENTRY_FILE, RST_ENTRY_DIR, RST_ENTRY_SYMLINK, RST_ENTRY_HARDLINK,
};

struct rst_index_entry {
	enum rst_entry_type type;
	char		*path;		/* raw bytes, NUL-terminated */
	char		*target;	/* symlink / hardlink target or NULL */
	unsigned	 mode;		/* permission bits */
	uint64_t	 size;
	int64_t		 mtime_sec;
	long		 mtime_nsec;
	char		 sha256[RST_SHA256_HEX];
	bool		 changed;	/* changed while it was read */
	bool		 has_owner;	/* uid and gid are set */
	uint32_t	 uid, gid;	/* numeric owner (file, dir, symlink) */
	/*
	 * Incremental snapshots: a regular file stored in an earlier
	 * snapshot of the chain names it ("" when stored in this one);
	 * stale when it could not be read and its earlier version stands.
	 */
	char		 in[RST_SNAP_ID_LEN + 1];
	bool		 stale;
	/*
	 * Where the entry starts in the stream (older snapshots lack it):
	 * zframe is the offset in the zstd stream (before age) of the frame
	 * holding its first header block, zoff that block's uncompressed
	 * offset inside the frame.
	 */
	bool		 has_zpos;
	uint64_t	 zframe, zoff;
};

/* Input bytes after which the archive's zstd stage starts a new frame. */
#define RST_ZSTD_FRAME_SIZE	(16u << 20)

/* Append the entry's JSON line (with LF) to buf. */
/*
 * Set o[key] to a name from the index: as a string when it is UTF-8, else
 * as o[key + "_b64"] in base64 (names are bytes).  0, or -1.
 */
int	rst_index_set_name(json_t *o, const char *key, const char *value);
/*
 * The name rst_index_set_name() stored under key, malloc'd into *out; a
 * name holding a NUL byte is refused.  0, or -1.
 */
int	rst_index_get_name(json_t *o, const char *key, char **out);
/* An entry type's name in the index ("file", "dir", ...), and back (-1). */
const char *rst_entry_type_name(enum rst_entry_type);
int	rst_entry_type_parse(const char *);
/*
 * The fields an entry's JSON starts with, in the index and in ls --json:
 * path, type, mode (files and folders), size (files).  0, or -1.
 */
int	rst_index_set_head(json_t *o, const struct rst_index_entry *);
int	rst_index_format(const struct rst_index_entry *, struct rst_buf *,
	    struct rst_err *) RST_MUST_CHECK;
/* Parse one line (without LF); entry strings are malloc'd. */
int	rst_index_parse(const char *, size_t, struct rst_index_entry *,
	    struct rst_err *) RST_MUST_CHECK;
void	rst_index_entry_release(struct rst_index_entry *);

/*
 * Sequential reader over a snapshot's parts (and the index object): each
 * object is fetched once (remote: into an unlinked 0600 spool file), hashed
 * to its end and checked against the manifest (size, SHA-256), and only
 * then are the same bytes, from the same descriptor, handed out; the next
 * part downloads meanwhile.  Nothing unverified reaches a decoder and
 * nothing is fetched twice.  stream_sha256 (or NULL) is checked after the
 * last part.
 */
struct archive;
struct rst_partreader;
struct rst_progress;
int	rst_partreader_open(struct rst_storage *, const char *snapdir,
	    const struct rst_part *, size_t nparts, const char *stream_sha256,
	    struct rst_partreader **, struct rst_err *) RST_MUST_CHECK;
/* Next verified chunk; *len 0 at the end. */
int	rst_partreader_next(struct rst_partreader *, const void **buf,
	    size_t *len, struct rst_err *) RST_MUST_CHECK;
/*
 * Prefetch only the first n parts (those the caller is sure to read); the
 * others are fetched when they are read.
 */
void	rst_partreader_limit_ahead(struct rst_partreader *, size_t n);
/*
 * Grow the parts read to the first nparts of the array given to open (a
 * longer run of the same stream), prefetching up to part ahead.
 */
void	rst_partreader_extend(struct rst_partreader *, size_t nparts,
	    size_t ahead);
/* How many parts were fetched or are being fetched, from the first. */
size_t	rst_partreader_reached(const struct rst_partreader *);
/* Fetch and verify the next part now, if none is open yet. */
int	rst_partreader_fetch(struct rst_partreader *, struct rst_err *)
	    RST_MUST_CHECK;
/*
 * Verify every remaining part and the whole stream without handing out
 * any byte (verify without --deep); prog counts the bytes hashed.
 */
int	rst_partreader_check(struct rst_partreader *, struct rst_progress *,
	    struct rst_err *) RST_MUST_CHECK;
void	rst_partreader_close(struct rst_partreader *);
/* Bytes handed out so far; parts read to their end. */
uint64_t rst_partreader_total(const struct rst_partreader *);
size_t	rst_partreader_parts_done(const struct rst_partreader *);

/*
 * The plain index of m's base, for an index with patch_from "base": the
 * base's manifest must hash to m's base.manifest_sha256 and be a full;
 * its index object is verified, decrypted with ids and decompressed.
 */
struct rst_age_identities;
int	rst_index_base_plain(struct rst_storage *, const struct rst_manifest *m,
	    const struct rst_age_identities *, struct rst_buf *out,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * Index reader: the index object, fetched once and verified like a part
 * when the reader opens, then decrypted with ids when the snapshot is
 * encrypted, decompressed and parsed line by line from that one copy.
 * next() returns 1 with an entry, 0 at the end.
 */
struct rst_age_identities;
struct rst_indexreader;
int	rst_indexreader_open(struct rst_storage *, const char *snapdir,
	    const struct rst_manifest *, const struct rst_age_identities *ids,
	    struct rst_indexreader **, struct rst_err *) RST_MUST_CHECK;
/*
 * The same with base, for an index with patch_from, the plain index of
 * m's base the caller fetched once (borrowed until close; NULL: fetch).
 */
int	rst_indexreader_open_base(struct rst_storage *, const char *snapdir,
	    const struct rst_manifest *, const struct rst_age_identities *ids,
	    const struct rst_buf *base, struct rst_indexreader **,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * A reader of an index's plain text the caller already fetched and
 * verified (rst_index_get_plain; borrowed until close).
 */
int	rst_indexreader_open_plain(const struct rst_buf *plain,
	    const char *snapdir, const struct rst_manifest *,
	    struct rst_indexreader **, struct rst_err *) RST_MUST_CHECK;
int	rst_indexreader_next(struct rst_indexreader *,
	    struct rst_index_entry *, struct rst_err *) RST_MUST_CHECK;
void	rst_indexreader_close(struct rst_indexreader *);

/* Hash an archive entry's logical content (holes as zeros) up to esize. */
int	rst_hash_entry_data(struct archive *, const char *path, uint64_t esize,
	    uint64_t *size, char hex[RST_SHA256_HEX], struct rst_err *)
	    RST_MUST_CHECK;

/*
 * The archive stream of a snapshot, for reading with libarchive: verified
 * parts (each part fetched once and hashed before any of its bytes is
 * used), decrypted with ids when encrypted.  After the last entry,
 * rst_stream_finish() reads to the end, which proves the whole-stream hash
 * (and age's final chunk).  When a libarchive call fails,
 * rst_stream_error() gives the underlying cause.
 */
struct rst_stream;
int	rst_stream_open(struct rst_storage *, const char *snapdir,
	    const struct rst_manifest *, const struct rst_age_identities *ids,
	    struct rst_stream **, struct rst_err *) RST_MUST_CHECK;
/*
 * Part of a snapshot's stream, from an entry's index position: the zstd
 * stream (age's plaintext when encrypted) from start (the entry's zframe)
 * to end, the first zoff plaintext bytes dropped, so the archive starts at
 * that entry.  Only the parts holding it are fetched (and, encrypted, the
 * first part, for age's header), each verified whole as above; those up
 * to sure are prefetched, the others fetched when read.  The whole-stream
 * hash is not checked (not every part is read), and rst_stream_finish()
 * does not apply.
 */
struct rst_stream_range {
	uint64_t	 start, end, sure, zoff;
};
int	rst_stream_open_range(struct rst_storage *, const char *snapdir,
	    const struct rst_manifest *, const struct rst_age_identities *,
	    const struct rst_stream_range *, struct rst_stream **,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Whether a range stream already fetched (or is fetching) the part where
 * next starts (plain snapshots only), and its extension to read on, without
 * a gap, to the end of next.
 */
bool	rst_stream_range_reaches(const struct rst_stream *,
	    const struct rst_manifest *, const struct rst_stream_range *next);
void	rst_stream_range_extend(struct rst_stream *,
	    const struct rst_manifest *, const struct rst_stream_range *next);
/* Parts read to their end, and stream bytes handed out, so far. */
size_t	rst_stream_parts_done(const struct rst_stream *);
uint64_t rst_stream_bytes(const struct rst_stream *);
struct archive *rst_stream_archive(struct rst_stream *);
int	rst_stream_error(struct rst_stream *, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_stream_finish(struct rst_stream *, struct rst_err *)
	    RST_MUST_CHECK;
void	rst_stream_close(struct rst_stream *);

/*
 * A file whose mtime or ctime was this close to the moment a backup read
 * it is read again by the next incremental, whatever its stat says then.
 */
#define RST_BACKUP_RACY_S	60

struct rst_backup_result {
	char		 id[RST_SNAP_ID_LEN + 1];
	char		 manifest_sha256[RST_SHA256_HEX];
	uint64_t	 files, dirs, bytes, stored;
	uint64_t	 unreadable, changed, vanished;
	/* Unchanged files read again as the parent asked (a racy read). */
	uint64_t	 reread;
	size_t		 nparts;
	bool		 incomplete;
	double		 seconds;
	/* What the stream holds (all of it for a full), and the chain. */
	uint64_t	 stream_files, stream_bytes;
	bool		 incremental;
	char		 parent[RST_SNAP_ID_LEN + 1];
	size_t		 depth;		/* chain position, 0 for a full */
	uint64_t	 deleted;	/* paths in the deletions object */
	/* Why a profile with an incremental group made a full (or NULL). */
	const char	*full_reason;
	char		 full_detail[600];
};

struct rst_backup_opts {
	bool		 full;		/* backup --full */
	struct rst_clock clock;		/* the command's: the id, "finished" */
};

/*
 * Run hooks, stream the profile's paths into a new committed snapshot: an
 * incremental when the profile asks for them and the newest snapshot and
 * the stat cache allow it, unless o->full.
 */
int	rst_backup_run(const struct rst_profile *, struct rst_storage *,
	    EVP_PKEY *, const struct rst_backup_opts *, struct rst_progress *,
	    struct rst_backup_result *, struct rst_err *) RST_MUST_CHECK;

/*
 * Run a hook command with a timeout; non-zero status is RST_ECHECK.  The
 * command's environment lacks the profile's secret variables
 * (passphrase_env, credentials_env) and AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN; p may be NULL (then only the AWS ones go).
 */
int	rst_hook_run(const struct rst_profile *p, const char *what,
	    const char *command, uint64_t timeout_ms, struct rst_err *)
	    RST_MUST_CHECK;

/*
 * Run a check command with env (NULL-terminated name, value pairs) added
 * to an environment without secrets (as for hooks) and a timeout; its
 * stdout and stderr are kept up to max bytes in output.  *status is the
 * exit status (128 + signal when killed).
 */
int	rst_check_run(const struct rst_profile *p, const char *command,
	    char *const *env, uint64_t timeout_ms, struct rst_buf *output,
	    size_t max, int *status, bool *timed_out, struct rst_err *)
	    RST_MUST_CHECK;

struct rst_verify_result {
	size_t		 parts_checked;
	uint64_t	 bytes_checked;
	uint64_t	 files_checked;
	double		 seconds;
};

int	rst_verify_run(struct rst_storage *, const struct rst_profile *,
	    const char *id, EVP_PKEY *, const struct rst_age_identities *ids,
	    bool deep, struct rst_progress *,
	    struct rst_verify_result *, struct rst_err *) RST_MUST_CHECK;

/* Every object in the snapshot folder is one the manifest names. */
int	rst_verify_listing(struct rst_storage *, const char *snapdir,
	    const struct rst_manifest *, struct rst_err *) RST_MUST_CHECK;
/* The index object's size and hash against an already loaded manifest. */
int	rst_verify_index(struct rst_storage *, const char *snapdir,
	    const struct rst_manifest *, struct rst_err *) RST_MUST_CHECK;
/* Every part's and the index's hash against an already loaded manifest. */
int	rst_verify_parts(struct rst_storage *, const char *snapdir,
	    const struct rst_manifest *, struct rst_progress *,
	    struct rst_verify_result *, struct rst_err *) RST_MUST_CHECK;

struct rst_index_entry;
struct rst_restore_opts {
	const char	*target;
	const struct rst_age_identities *ids;	/* for encrypted snapshots */
	bool		 overwrite;
	bool		 keep_setid;	/* keep set-user/group-id bits */
	bool		 force;		/* skip the free-space check */
	char		**patterns;
	size_t		 npatterns;
	/*
	 * A drill's sandbox: already open (sandbox_fd, named target), final
	 * names written directly, no ACLs, set-id bits stripped.  A file
	 * whose content differs from the index goes to changed() instead of
	 * failing the extraction; indexed() sees every index entry.
	 */
	bool		 sandbox;
	int		 sandbox_fd;
	void		(*changed)(void *arg, const char *path);
	int		(*indexed)(void *arg, const struct rst_index_entry *,
			    struct rst_err *);
	void		*arg;
	bool		 dry_run;	/* walk the verified index only */
	unsigned	 strip;		/* leading path components dropped */
	/* Each selected entry and its path under the target (see plan). */
	void		(*plan_cb)(void *, const struct rst_index_entry *,
			    const char *to);
	void		*plan_arg;
};

struct rst_restore_result {
	uint64_t	 files;
	uint64_t	 bytes;
	double		 seconds;
	uint64_t	 stripped;	/* set-id bits stripped */
	char		 cause[160];	/* why not restored (a write failure) */
};

int	rst_restore_run(struct rst_storage *, const struct rst_profile *,
	    const char *id, EVP_PKEY *, const struct rst_restore_opts *,
	    struct rst_progress *, struct rst_restore_result *,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * Walk the snapshot's verified index as a restore with opts would: call
 * opts->plan_cb for each entry it writes; a pattern that matches nothing
 * is RST_EUSAGE.  Fetches the index only (restore --dry-run); base (or
 * NULL) is the plain index of an incremental's base, fetched by the
 * caller (rst_index_get_plain).  keep (or NULL) receives the index
 * entries, in stream order, on success.
 */
struct rst_index_list;
int	rst_restore_plan(const struct rst_profile *, struct rst_storage *,
	    const char *dir, const struct rst_manifest *,
	    const char *manifest_sha256, const struct rst_buf *base,
	    const struct rst_restore_opts *, struct rst_index_list *keep,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * Extract an already verified snapshot, the last link of chain c (parts
 * are still hashed while streaming), into the sandbox opts->sandbox_fd;
 * the drill's restore.  Of an incremental, the files its index says an
 * older link holds are taken from that link, each read once.
 * Both this and rst_restore_run read the stream in step with the signed
 * index and write through the descriptor-relative writer: RST_EINTEGRITY
 * for an entry the index does not admit, RST_ECHECK ("not restored", with
 * res->cause) when a write fails or the free-space check refuses.
 */
int	rst_restore_extract(struct rst_storage *, const struct rst_chain *,
	    const struct rst_restore_opts *,
	    struct rst_progress *, struct rst_restore_result *,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * Retention plan over committed ids (sorted ascending): keep[i] is set for
 * each snapshot the profile's retention keeps; protect (or NULL) is always
 * kept.  No retention key set: everything is kept.
 */
void	rst_retention_plan(const struct rst_profile *, char *const *ids,
	    size_t n, const char *protect, bool *keep);

/* Delete every object of a snapshot, its signature first. */
int	rst_snapshot_delete(struct rst_storage *, const char *profile,
	    const char *id, struct rst_err *) RST_MUST_CHECK;
/* Ids of snapshot folders without a signature (uncommitted leftovers). */
int	rst_snapshot_list_uncommitted(struct rst_storage *, const char *profile,
	    struct rst_strlist *, struct rst_err *) RST_MUST_CHECK;
/* Seconds since the epoch of an id's time (0 if malformed). */
int64_t	rst_snapshot_id_time(const char *id);

#endif
