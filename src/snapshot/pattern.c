/* SPDX-License-Identifier: ISC */
/*
 * Naming what to look at: restore's pattern rule (shared by ls, find,
 * diff and restore), --strip, and the SNAP operand (latest, random, id).
 */
#include "config.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "restorable/browse.h"
#include "restorable/crypto.h"
#include "restorable/log.h"

bool
rst_pattern_match(char *const *pats, size_t n, const char *path,
    bool *matched)
{
	const char *pat;
	size_t i, len;
	bool any = false;

	if (n == 0)
		return true;
	for (i = 0; i < n; i++) {
		pat = pats[i];
		while (*pat == '/')
			pat++;
		len = strlen(pat);
		while (len > 0 && pat[len - 1] == '/')
			len--;
		if (fnmatch(pat, path, 0) == 0 || (strncmp(path, pat, len) == 0
		    && (path[len] == '/' || path[len] == '\0'))) {
			if (matched != NULL)
				matched[i] = true;
			any = true;
		}
	}
	return any;
}

int
rst_pattern_unmatched(char *const *pats, size_t n, const bool *matched,
    int code, const char *where, struct rst_err *err)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (matched[i])
			continue;
		if (k++ > 0)
			rst_log_warn("%s", err->msg);
		rst_errf(err, code, "%s: not found in %s", pats[i], where);
	}
	return k > 0 ? code : 0;
}

const char *
rst_path_strip(const char *path, unsigned n)
{
	const char *p = path;

	while (*p == '/')
		p++;
	for (; n > 0; n--) {
		p += strcspn(p, "/");
		while (*p == '/')
			p++;
	}
	return *p == '\0' ? NULL : p;
}

bool
rst_snap_operand(const char *s)
{
	return strcmp(s, "latest") == 0 || strcmp(s, "random") == 0 ||
	    rst_snapshot_id_valid(s);
}

/*
 * random: any snapshot whose manifest verifies.  Folders that do not were
 * passed over: the newest one's error, worded, goes to skipped.
 */
static int
pick_random(struct rst_storage *st, const char *profile, EVP_PKEY *key,
    char **id, struct rst_err *skipped, struct rst_err *err)
{
	struct rst_strlist good = { NULL, 0 }, bad = { NULL, 0 };
	struct rst_err newest_bad = RST_ERR_INIT;
	unsigned int rnd;
	int r;

	if ((r = rst_snapshot_list_verified(st, profile, key, &good, &bad,
	    &newest_bad, err)) != 0)
		return r;
	if (good.n == 0 && bad.n > 0)
		r = rst_snapshot_finding(&newest_bad, err, "no committed "
		    "snapshot of %s whose manifest verifies", profile);
	else if (good.n == 0) {
		rst_err_reason(err, RST_REASON_NO_SNAPSHOT);
		r = rst_errf(err, RST_ECHECK, "%s: no committed snapshot",
		    profile);
	} else if (RAND_bytes((unsigned char *)&rnd, sizeof(rnd)) != 1)
		r = rst_err_ssl(err, RST_EINTERNAL, "random");
	else if ((*id = strdup(good.v[rnd % good.n])) == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else if (bad.n == 1 && skipped != NULL && skipped->code == 0)
		(void)rst_snapshot_finding(&newest_bad, skipped, "passed over "
		    "by random, which picked %s among the snapshots that "
		    "verify", *id);
	else if (bad.n > 1 && skipped != NULL && skipped->code == 0)
		(void)rst_snapshot_finding(&newest_bad, skipped, "the newest "
		    "of %zu such folders, passed over by random, which picked "
		    "%s among the snapshots that verify", bad.n, *id);
	rst_strlist_release(&good);
	rst_strlist_release(&bad);
	return r;
}

int
rst_snapshot_pick(struct rst_storage *st, const char *profile,
    const char *snap, EVP_PKEY *key, char **id, struct rst_err *skipped,
    struct rst_err *err)
{
	struct rst_err newer = RST_ERR_INIT;
	int r;

	*id = NULL;
	if (strcmp(snap, "random") == 0)
		return pick_random(st, profile, key, id, skipped, err);
	if ((r = rst_snapshot_resolve(st, profile, snap, key, id, &newer,
	    err)) == 0 && newer.code != 0 && skipped != NULL &&
	    skipped->code == 0)
		(void)rst_snapshot_newer_finding(&newer, *id, 0, skipped);
	return r;
}

int
rst_snapshot_pick_end(const struct rst_err *skipped, int r,
    struct rst_err *err)
{
	if (r != 0 || skipped->code == 0)
		return r;
	*err = *skipped;
	return err->code;
}
