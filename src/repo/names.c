/* SPDX-License-Identifier: ISC */
/*
 * The names of a repository's objects (docs/FORMATS.md), and of their
 * copies in a profile's state_dir, which mirror the same relative names.
 * Building a name and recognising one in a listing both happen here, so
 * the writer and every reader agree on the layout.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/repo.h"
#include "restorable/util.h"

char *
rst_repo_snapshots(const char *profile)
{
	return rst_strdupf("snapshots/%s/", profile);
}

char *
rst_repo_snapshot_dir(const char *profile, const char *id)
{
	return rst_strdupf("snapshots/%s/%s", profile, id);
}

char *
rst_repo_snapshot_obj(const char *profile, const char *id, const char *obj)
{
	return rst_strdupf("snapshots/%s/%s/%s", profile, id, obj);
}

char *
rst_repo_journal(const char *profile)
{
	return rst_strdupf("journal/%s.jsonl", profile);
}

char *
rst_repo_head(const char *profile)
{
	return rst_strdupf("journal/%s.head", profile);
}

char *
rst_repo_key(const char *profile)
{
	return rst_strdupf("keys/%s.pub", profile);
}

char *
rst_repo_tsr_dir(const char *profile)
{
	return rst_strdupf("journal/%s.tsr", profile);
}

char *
rst_repo_tsr(const char *profile, uint64_t seq)
{
	return rst_strdupf("journal/%s.tsr/%llu.tsr", profile,
	    (unsigned long long)seq);
}

char *
rst_repo_lock_dir(const char *profile)
{
	return rst_strdupf("journal/%s.lock", profile);
}

char *
rst_repo_lock_head(const char *profile, uint64_t seq)
{
	return rst_strdupf("journal/%s.lock/%llu.head", profile,
	    (unsigned long long)seq);
}

char *
rst_repo_lock_tsr(const char *profile, uint64_t seq)
{
	return rst_strdupf("journal/%s.lock/%llu.tsr", profile,
	    (unsigned long long)seq);
}

char *
rst_repo_local(const struct rst_profile *p, const char *name)
{
	return rst_path_join(p->state_dir, name);
}

bool
rst_repo_seq_name(const char *base, const char *suffix)
{
	size_t n = strspn(base, "0123456789");

	return n > 0 && n < 20 && strcmp(base + n, suffix) == 0;
}

/* The profile name of s[0..len) when it is a valid one, else NULL. */
static char *
valid_name(const char *s, size_t len)
{
	char *name = strndup(s, len);

	if (name != NULL && !rst_profile_name_valid(name)) {
		free(name);
		return strdup("");
	}
	return name;
}

char *
rst_repo_journal_owner(const char *name)
{
	const char *b = name + strlen("journal/"), *dot;

	if (strncmp(name, "journal/", 8) != 0 || strchr(b, '/') != NULL ||
	    (dot = strstr(b, ".jsonl")) == NULL || (dot[6] != '\0' &&
	    strncmp(dot + 6, ".tmp-", 5) != 0))
		return strdup("");
	return valid_name(b, (size_t)(dot - b));
}

char *
rst_repo_snapshot_owner(const char *name)
{
	const char *b = name + strlen("snapshots/"), *sl;

	if (strncmp(name, "snapshots/", 10) != 0 ||
	    (sl = strchr(b, '/')) == NULL || strstr(sl, ".sig") == NULL)
		return strdup("");
	return valid_name(b, (size_t)(sl - b));
}
