/* SPDX-License-Identifier: ISC */
/*
 * The anchors of the covered journals (DESIGN.md decision 23).  Every
 * token found beside a journal (state dir and repository for a local one,
 * the repository for the others) is verified with the TSA's CA at its own
 * genTime and matched to the journal's lines by imprint.  A token that
 * verifies but matches no line shows a journal rewritten after it was
 * anchored (anchor_mismatch, integrity); one that does not verify was
 * damaged or forged (anchor_invalid, integrity); tokens that could not be
 * checked for want of a CA are a warning (anchor_unchecked).  The records
 * a verified token covers (its line and every earlier one) get their
 * effective time: min(ts, genTime of the first token covering them).
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/journal.h"
#include "restorable/repo.h"
#include "restorable/tsa.h"

#include "anchor.h"

struct tokens {
	struct rst_report_journal *j;
	const char	*ca;
	json_t		*seen;		/* SHA-256 of a token's bytes -> true */
	json_t		*local;		/* file -> true: read from state_dir */
	json_t		*lines;		/* line SHA-256 -> seq */
	json_t		*a;		/* the journal's anchor object */
	int64_t		*first;		/* per seq: earliest genTime stamping it */
	json_int_t	 newest_seq;
};

static void
problem(struct tokens *t, const char *code, const char *file,
    const char *detail)
{
	json_t *pb = json_pack("{s:s, s:s}", "code", code, "file", file);

	if (detail != NULL)
		json_object_set_new(pb, "detail", json_string(detail));
	json_array_append_new(json_object_get(t->a, "problems"), pb);
}

/* The stock command that checks this token, the digest being its line's. */
static char *
command(const char *file, const char *sha, const char *ca, int64_t at)
{
	bool plain = ca[strspn(ca, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
	    "OPQRSTUVWXYZ0123456789/._-")] == '\0';
	const char *c;

	for (c = ca; !plain && *c != '\0'; c++)
		if (*c == '\'' || *c == '`' || (unsigned char)*c < 0x20) {
			ca = "TSA-CA.pem";	/* not quotable: named generically */
			plain = true;
			break;
		}
	return rst_strdupf("openssl ts -verify -digest %s -in %s -CAfile "
	    "%s%s%s -attime %lld", sha, file, plain ? "" : "'", ca,
	    plain ? "" : "'", (long long)at);
}

static void
newest(struct tokens *t, const char *file, json_int_t seq,
    const struct rst_tsa_token *tok)
{
	char when[40], *cmd;

	if (seq < t->newest_seq)
		return;
	t->newest_seq = seq;
	rst_format_rfc3339(tok->gen_time, 0, when, sizeof(when));
	cmd = command(file, tok->imprint, t->ca, tok->gen_time);
	json_object_set_new(t->a, "newest", json_pack("{s:I, s:I, s:s, s:s, "
	    "s:s, s:s, s:s?}", "seq", seq, "line", seq + 1, "sha256",
	    tok->imprint, "gen_time", when, "file", file, "serial",
	    tok->serial, "command", cmd));
	free(cmd);
}

/* One token's bytes, found as file (its name in the repository). */
static void
one(struct tokens *t, const char *file, const struct rst_buf *b)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_tsa_token tok;
	char sha[RST_SHA256_HEX];
	json_t *seq;
	json_int_t s;

	if (rst_sha256_hex(b->data, b->len, sha, &e) != 0 ||
	    json_object_get(t->seen, sha) != NULL)
		return;
	json_object_set_new(t->seen, sha, json_true());
	json_object_set_new(t->a, "tokens", json_integer(
	    json_integer_value(json_object_get(t->a, "tokens")) + 1));
	if (t->ca == NULL) {
		problem(t, "anchor_unchecked", file, NULL);
		return;
	}
	if (rst_tsa_token_verify(b->data, b->len, t->ca, &tok, &e) != 0) {
		problem(t, "anchor_invalid", file, e.msg);
		return;
	}
	if ((seq = json_object_get(t->lines, tok.imprint)) == NULL) {
		problem(t, "anchor_mismatch", file, tok.imprint);
		return;
	}
	s = json_integer_value(seq);
	json_object_set_new(t->a, "verified", json_integer(
	    json_integer_value(json_object_get(t->a, "verified")) + 1));
	if (tok.gen_time < t->first[s])
		t->first[s] = tok.gen_time;
	newest(t, file, s, &tok);
}

static void
from_state(struct tokens *t, const char *rdir)
{
	const struct rst_profile *p = t->j->profile;
	struct rst_err e = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	struct dirent *de;
	char *dir, *path, *file;
	DIR *d;

	if ((dir = rst_repo_local(p, rdir)) == NULL ||
	    (d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!rst_repo_seq_name(de->d_name, ".tsr"))
			continue;
		path = rst_strdupf("%s/%s", dir, de->d_name);
		file = rst_strdupf("%s/%s", rdir, de->d_name);
		b.len = 0;
		rst_err_clear(&e);
		if (file != NULL)
			json_object_set_new(t->local, file, json_true());
		if (path != NULL && file != NULL &&
		    rst_buf_load_file(&b, path, RST_TSA_MAX, &e) == 0)
			one(t, file, &b);
		else if (file != NULL)
			problem(t, "anchor_invalid", file, e.msg);
		free(path);
		free(file);
	}
	closedir(d);
	rst_buf_release(&b);
	free(dir);
}

static int
list_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	const char *base = strrchr(name, '/');

	(void)info;
	if (base != NULL && rst_repo_seq_name(base + 1, ".tsr"))
		json_array_append_new(arg, json_string(name));
	return 0;
}

static void
from_repo(struct tokens *t, struct rst_storage *st, const char *rdir)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	json_t *names = json_array(), *n;
	char *prefix = rst_strdupf("%s/", rdir);
	size_t i;

	if (prefix != NULL && names != NULL &&
	    rst_storage_list(st, prefix, false, list_cb, names, &e) == 0)
		json_array_foreach(names, i, n) {
			/* the state dir's copy is authoritative: not again */
			if (json_object_get(t->local, json_string_value(n)))
				continue;
			b.len = 0;
			rst_err_clear(&e);
			if (rst_storage_get_buf(st, json_string_value(n),
			    RST_TSA_MAX, &b, &e) == 0)
				one(t, json_string_value(n), &b);
			else
				problem(t, "anchor_invalid",
				    json_string_value(n), e.msg);
		}
	rst_buf_release(&b);
	json_decref(names);
	free(prefix);
}

static int
head_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	const char *base = strrchr(name, '/');

	(void)info;
	if (base != NULL && rst_repo_seq_name(base + 1, ".head"))
		json_array_append_new(arg, json_string(name));
	return 0;
}

/* A locked head copy: signed by the journal's key, and one of its heads. */
static void
locked_head(struct tokens *t, const char *file, const struct rst_buf *b)
{
	struct rst_err e = RST_ERR_INIT;
	char last[RST_SHA256_HEX];
	uint64_t count = 0;

	if (t->j->key == NULL)
		return;
	if (rst_journal_head_read(file, b->data, b->len, t->j->key, &count,
	    last, &e) != 0)
		problem(t, "anchor_invalid", file, e.msg);
	else if (count > json_array_size(t->j->records) ||
	    strcmp(t->j->line_sha[count - 1], last) != 0)
		problem(t, "anchor_mismatch", file, last);
	else
		json_object_set_new(t->a, "locked", json_integer(
		    json_integer_value(json_object_get(t->a, "locked")) + 1));
}

static int
version_cb(void *arg, const char *name, bool marker, bool latest)
{
	if (latest && marker)
		json_object_set_new(arg, name, json_true());
	return 0;
}

/*
 * journal/NAME.lock/: the tokens, the heads, and (where the repository
 * keeps versions) no delete marker hiding any of them.
 */
static void
from_lock(struct tokens *t, struct rst_storage *st)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	json_t *names = json_array(), *hidden = json_object(), *n, *v;
	char *ldir = rst_repo_lock_dir(t->j->name);
	char *dir = ldir != NULL ? rst_strdupf("%s/", ldir) : NULL;
	const char *k;
	bool versions = false;
	size_t i;

	if (dir == NULL || names == NULL || hidden == NULL)
		goto out;
	from_repo(t, st, ldir);
	if (rst_storage_list_versions(st, dir, &versions, version_cb, hidden,
	    &e) == 0 && versions)
		json_object_set_new(t->a, "versions_checked", json_true());
	json_object_foreach(hidden, k, v)
		problem(t, "anchor_deleted", k, NULL);
	rst_err_clear(&e);
	if (rst_storage_list(st, dir, false, head_cb, names, &e) == 0)
		json_array_foreach(names, i, n) {
			b.len = 0;
			if (rst_storage_get_buf(st, json_string_value(n),
			    RST_HEAD_MAX, &b, &e) == 0)
				locked_head(t, json_string_value(n), &b);
		}
 out:
	rst_buf_release(&b);
	json_decref(names);
	json_decref(hidden);
	free(dir);
	free(ldir);
}

/* min(ts, genTime of the first token covering the record). */
static void
effective_times(struct tokens *t)
{
	int64_t run = INT64_MAX, ts;
	size_t i = json_array_size(t->j->records);
	json_t *rec;
	char when[40];

	while (i-- > 0) {
		if (t->first[i] < run)
			run = t->first[i];
		rec = json_array_get(t->j->records, i);
		if (run == INT64_MAX || rst_parse_rfc3339(rst_jstr(rec, "ts"),
		    &ts) != 0 || run >= ts)
			continue;
		rst_format_rfc3339(run, 0, when, sizeof(when));
		json_object_set(rec, "ts_recorded", json_object_get(rec, "ts"));
		json_object_set_new(rec, "ts", json_string(when));
	}
}

static int
journal_anchors(struct tokens *t, struct rst_storage *st)
{
	struct rst_storage *own = NULL;
	struct rst_err e = RST_ERR_INIT;
	size_t i, n = json_array_size(t->j->records);
	char *rdir = rst_repo_tsr_dir(t->j->name);

	if (rdir == NULL || (t->first = malloc((n + 1) *
	    sizeof(*t->first))) == NULL) {
		free(rdir);
		return -1;
	}
	for (i = 0; i < n; i++) {
		t->first[i] = INT64_MAX;
		json_object_set_new(t->lines, t->j->line_sha[i],
		    json_integer((json_int_t)i));
	}
	if (t->j->local && t->j->profile != NULL)
		from_state(t, rdir);
	if (st == NULL && t->j->profile != NULL &&
	    rst_storage_open(&t->j->profile->repo, &own, &e) == 0)
		st = own;
	if (st != NULL) {
		from_repo(t, st, rdir);
		from_lock(t, st);
	}
	rst_storage_close(own);
	effective_times(t);
	json_object_set_new(t->a, "anchored", json_boolean(
	    json_integer_value(json_object_get(t->a, "verified")) > 0));
	free(rdir);
	free(t->first);
	t->first = NULL;
	return 0;
}

int
rst_report_anchors(struct rst_report_set *set, const char *ca_file,
    const char *fallback, struct rst_err *err)
{
	struct rst_err e = RST_ERR_INIT;
	struct tokens t;
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < set->n; i++) {
		memset(&t, 0, sizeof(t));
		t.j = &set->v[i];
		if (t.j->unreadable || t.j->missing || t.j->line_sha == NULL)
			continue;
		t.ca = ca_file;
		if (t.ca == NULL && t.j->profile != NULL)
			t.ca = t.j->profile->tsa_ca_file;
		if (t.ca == NULL)
			t.ca = fallback;
		/* a CA that cannot be read checks nothing: anchor_unchecked */
		if (t.ca != NULL && rst_tsa_check_ca(t.ca, &e) != 0) {
			t.ca = NULL;
			rst_err_clear(&e);
		}
		t.newest_seq = -1;
		t.seen = json_object();
		t.local = json_object();
		t.lines = json_object();
		t.a = json_pack("{s:b, s:i, s:i, s:i, s:b, s:n, s:s?, s:[]}",
		    "anchored", 0, "tokens", 0, "verified", 0, "locked", 0,
		    "versions_checked", 0, "newest", "tsa_ca_file", t.ca,
		    "problems");
		if (t.seen == NULL || t.local == NULL || t.lines == NULL ||
		    t.a == NULL ||
		    journal_anchors(&t, set->st) != 0)
			r = rst_errf(err, RST_ENOMEM, "report: out of memory");
		json_decref(t.j->anchor);
		t.j->anchor = r == 0 ? json_incref(t.a) : NULL;
		json_decref(t.a);
		json_decref(t.seen);
		json_decref(t.local);
		json_decref(t.lines);
	}
	return r;
}
