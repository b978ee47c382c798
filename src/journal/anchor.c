/* SPDX-License-Identifier: ISC */
/*
 * Anchoring a profile's journal: the last line of the local journal is
 * stamped by the profile's TSA and the token is kept beside the journal,
 * in state_dir and in the repository (journal/NAME.tsr/SEQ.tsr).  run
 * calls this once per profile after its appends, report after its own.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/crypto.h"
#include "restorable/log.h"
#include "restorable/repo.h"
#include "restorable/tsa.h"

/* The last line of j (without its LF), its seq and its SHA-256. */
static int
last_line(const struct rst_buf *j, uint64_t *seq, unsigned char *sha,
    struct rst_err *err)
{
	const char *s = (const char *)j->data, *end = s + j->len - 1, *start;
	struct rst_sha256 h;
	uint64_t n = 0;
	const char *p;
	int r;

	for (p = s; p <= end; p++)
		n += *p == '\n';
	if (n == 0 || *end != '\n')
		return rst_errf(err, RST_EINTEGRITY, "the journal does not end "
		    "with a whole line");
	for (start = end; start > s && start[-1] != '\n'; start--)
		;
	*seq = n - 1;
	if ((r = rst_sha256_init(&h, err)) != 0)
		return r;
	if ((r = rst_sha256_update(&h, start, (size_t)(end - start),
	    err)) == 0)
		r = rst_sha256_final(&h, sha, NULL, err);
	rst_sha256_release(&h);
	return r;
}

/*
 * With Object Lock, a copy of the signed head and the token under names
 * written once (journal/NAME.lock/SEQ.head, .tsr): the repository keeps
 * them for object_lock_days whatever becomes of the journal.
 */
static int
lock_copies(const struct rst_profile *p, struct rst_storage *st,
    uint64_t seq, const struct rst_buf *tok, struct rst_err *err)
{
	struct rst_buf head = RST_BUF_INIT;
	char *rhead, *hpath = NULL, *hname, *tname;
	int r;

	if ((rhead = rst_repo_head(p->name)) != NULL)
		hpath = rst_repo_local(p, rhead);
	hname = rst_repo_lock_head(p->name, seq);
	tname = rst_repo_lock_tsr(p->name, seq);
	if (hpath == NULL || hname == NULL || tname == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else if ((r = rst_buf_load_file(&head, hpath, RST_HEAD_MAX,
	    err)) == 0 &&
	    (r = rst_storage_put_buf(st, hname, head.data, head.len,
	    err)) == 0)
		r = rst_storage_put_buf(st, tname, tok->data, tok->len, err);
	rst_buf_release(&head);
	free(rhead);
	free(hpath);
	free(hname);
	free(tname);
	return r;
}

/* Keep the token in state_dir, then in the repository. */
static int
store(const struct rst_profile *p, struct rst_storage *st, uint64_t seq,
    const struct rst_buf *tok, struct rst_err *err)
{
	char *rdir = rst_repo_tsr_dir(p->name), *dir = NULL, *path = NULL;
	char *name = rst_repo_tsr(p->name, seq);
	int r;

	if (rdir != NULL && name != NULL) {
		dir = rst_repo_local(p, rdir);
		path = rst_repo_local(p, name);
	}
	if (dir == NULL || name == NULL || path == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else if ((r = rst_mkdir_p(dir, 0700, err)) == 0 &&
	    (r = rst_write_file_atomic(path, tok->data, tok->len, 0600,
	    err)) == 0 && st != NULL &&
	    (r = rst_storage_put_buf(st, name, tok->data, tok->len, err)) != 0)
		rst_err_prefix(err, "%s in the repository", name);
	else if (r == 0 && st != NULL && p->repo.object_lock_days > 0)
		r = lock_copies(p, st, seq, tok, err);
	free(rdir);
	free(dir);
	free(name);
	free(path);
	return r;
}

int
rst_journal_anchor(const struct rst_profile *p, struct rst_storage *st,
    struct rst_tsa_token *tok, uint64_t *seqp, struct rst_err *err)
{
	struct rst_buf j = RST_BUF_INIT, reply = RST_BUF_INIT;
	unsigned char sha[RST_SHA256_LEN];
	uint64_t seq = 0;
	char *rname, *path = NULL;
	int r;

	if (p->tsa_url == NULL)
		return 0;
	if ((rname = rst_repo_journal(p->name)) != NULL)
		path = rst_repo_local(p, rname);
	free(rname);
	if (path == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_buf_load_file(&j, path, RST_JOURNAL_MAX, err)) == 0 &&
	    j.len == 0)
		r = rst_errf(err, RST_ENOTFOUND, "%s: empty", path);
	if (r == 0 && (r = last_line(&j, &seq, sha, err)) != 0)
		rst_err_prefix(err, "%s", path);
	if (r == 0 && (r = rst_tsa_stamp(p, sha, &reply, tok, err)) == 0 &&
	    (r = store(p, st, seq, &reply, err)) == 0 && seqp != NULL)
		*seqp = seq;
	rst_buf_release(&reply);
	rst_buf_release(&j);
	free(path);
	return r;
}

bool
rst_journal_anchor_or_warn(const struct rst_profile *p,
    struct rst_storage *st)
{
	struct rst_err err = RST_ERR_INIT, serr = RST_ERR_INIT;
	struct rst_storage *own = NULL;
	struct rst_tsa_token tok;
	char when[40];
	uint64_t seq = 0;
	int r;

	if (p->tsa_url == NULL)
		return true;
	if (st == NULL && rst_storage_open(&p->repo, &own, &serr) == 0)
		st = own;
	else if (st == NULL)
		rst_log_warn("%s: %s (token kept in the state dir only)",
		    p->name, serr.msg);
	r = rst_journal_anchor(p, st, &tok, &seq, &err);
	rst_storage_close(own);
	if (r != 0) {
		rst_log_warn("%s: journal not anchored: %s", p->name, err.msg);
		return false;
	}
	rst_format_rfc3339(tok.gen_time, 0, when, sizeof(when));
	rst_log_info("%s: journal line %llu anchored (TSA time %s)", p->name,
	    (unsigned long long)seq + 1, when);
	return true;
}
