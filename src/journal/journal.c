/* SPDX-License-Identifier: ISC */
/*
 * The hash-chained, signed journal.  Lines are written with a fixed key
 * order and no spaces, so the verifier works on bytes: the signature
 * covers the line up to ,"sig":" followed by "}", and each line's prev is
 * the SHA-256 of the previous full line (for seq 0: of the public key PEM).
 * The head file records the count and the last line's hash, so truncation
 * of the tail is caught too.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "restorable/crypto.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/repo.h"
#include "restorable/snapshot.h"
#include "restorable/text.h"
#include "restorable/util.h"

#define SIG_B64		88
#define SIG_TAIL	(sizeof(",\"sig\":\"") - 1 + SIG_B64 + 2)

struct chain {
	EVP_PKEY	*key;
	const char	*name;		/* for messages */
	uint64_t	 seq;		/* next expected */
	char		 prev[RST_SHA256_HEX];
	char		 before[RST_SHA256_HEX];	/* prev one line earlier */
};

/* Verify the signature of one signed line (journal or head). */
static int
check_sig(struct chain *c, const char *line, size_t len, uint64_t lineno,
    struct rst_buf *body, struct rst_err *err)
{
	unsigned char *sig;
	size_t siglen = 0;
	char b64[SIG_B64 + 1];
	int r;

	if (len < SIG_TAIL + 2 || memcmp(line + len - SIG_TAIL, ",\"sig\":\"",
	    8) != 0 || memcmp(line + len - 2, "\"}", 2) != 0)
		return rst_errf(err, RST_EINTEGRITY, "%s: line %llu: no "
		    "signature field", c->name, (unsigned long long)lineno);
	memcpy(b64, line + len - SIG_B64 - 2, SIG_B64);
	b64[SIG_B64] = '\0';
	body->len = 0;
	if (rst_buf_append(body, line, len - SIG_TAIL) != 0 ||
	    rst_buf_append(body, "}", 1) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((sig = rst_unbase64(b64, &siglen)) == NULL)
		return rst_errf(err, RST_EINTEGRITY, "%s: line %llu: bad "
		    "signature encoding", c->name, (unsigned long long)lineno);
	r = rst_verify(c->key, body->data, body->len, sig, siglen, err);
	free(sig);
	if (r != 0) {
		rst_err_clear(err);
		return rst_errf(err, RST_EINTEGRITY, "%s: line %llu: signature "
		    "does not verify (line edited or signed by another key)",
		    c->name, (unsigned long long)lineno);
	}
	return 0;
}

static int
check_line(struct chain *c, const char *line, size_t len, struct rst_buf *body,
    struct rst_err *err)
{
	uint64_t lineno = c->seq + 1;
	json_error_t je;
	json_t *o;
	json_int_t seq = -1, v = 0;
	const char *prev = NULL;
	int r, ok;

	if ((r = check_sig(c, line, len, lineno, body, err)) != 0)
		return r;
	if ((o = json_loadb((char *)body->data, body->len, 0, &je)) == NULL)
		return rst_errf(err, RST_EINTEGRITY, "%s: line %llu: not JSON: "
		    "%s", c->name, (unsigned long long)lineno, je.text);
	ok = json_unpack(o, "{s:I, s:I, s:s}", "v", &v, "seq", &seq, "prev",
	    &prev) == 0 && v == 1;
	if (!ok)
		r = rst_errf(err, RST_EINTEGRITY, "%s: line %llu: malformed "
		    "record", c->name, (unsigned long long)lineno);
	else if ((uint64_t)seq != c->seq)
		r = rst_errf(err, RST_EINTEGRITY, "%s: line %llu: seq %lld, "
		    "expected %llu (line deleted or reordered)", c->name,
		    (unsigned long long)lineno, (long long)seq,
		    (unsigned long long)c->seq);
	else if (strcmp(prev, c->prev) != 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: line %llu: prev does not "
		    "match the previous line (chain broken)", c->name,
		    (unsigned long long)lineno);
	json_decref(o);
	if (r != 0)
		return r;
	c->seq++;
	memcpy(c->before, c->prev, sizeof(c->before));
	return rst_sha256_hex(line, len, c->prev, err);
}

static int
chain_start(struct chain *c, EVP_PKEY *key, const char *name,
    struct rst_err *err)
{
	char *pem = NULL;
	int r;

	c->key = key;
	c->name = name;
	c->seq = 0;
	if ((r = rst_key_public_pem(key, &pem, err)) != 0)
		return r;
	r = rst_sha256_hex(pem, strlen(pem), c->prev, err);
	free(pem);
	return r;
}

/*
 * The head must name the last line.  One line ahead of it is an append
 * that was interrupted between the line (written first) and the head:
 * that line is signed with the key like every other, so it is kept and
 * *lag is set for the writer to bring the head up to date.
 */
static int
check_head(struct chain *c, const void *head, size_t hlen, bool *lag,
    struct rst_err *err)
{
	struct rst_buf body = RST_BUF_INIT;
	const char *h = head, *last = NULL;
	json_int_t count = -1;
	json_t *o = NULL;
	int r;

	while (hlen > 0 && h[hlen - 1] == '\n')
		hlen--;
	if ((r = check_sig(c, h, hlen, 0, &body, err)) != 0) {
		rst_err_clear(err);
		r = rst_errf(err, RST_EINTEGRITY, "%s: head signature does not "
		    "verify", c->name);
		goto out;
	}
	if ((o = json_loadb((char *)body.data, body.len, 0, NULL)) == NULL ||
	    json_unpack(o, "{s:I, s:s}", "count", &count, "last", &last) != 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: malformed head",
		    c->name);
	else if (count > 0 && (uint64_t)count + 1 == c->seq &&
	    strcmp(last, c->before) == 0)
		*lag = true;
	else if ((uint64_t)count != c->seq || (count > 0 &&
	    strcmp(last, c->prev) != 0))
		r = rst_errf(err, RST_EINTEGRITY, "%s: head says %lld lines, "
		    "journal has %llu valid lines (truncated or appended "
		    "without the key)", c->name, (long long)count,
		    (unsigned long long)c->seq);
 out:
	json_decref(o);
	rst_buf_release(&body);
	return r;
}

int
rst_journal_verify_bytes(const char *name, const void *data, size_t len,
    const void *head, size_t hlen, EVP_PKEY *key,
    struct rst_journal_check *chk, struct rst_err *err)
{
	struct rst_buf body = RST_BUF_INIT;
	const char *p = data, *end = p, *nl;
	struct chain c;
	int r;

	/* An empty journal is read into an empty buffer: data may be NULL. */
	end = len > 0 ? p + len : p;
	memset(chk, 0, sizeof(*chk));
	if (len > 0)	/* an empty journal may have no buffer at all */
		end = p + len;
	if ((r = chain_start(&c, key, name, err)) != 0)
		return r;
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			r = rst_errf(err, RST_EINTEGRITY, "%s: line %llu: "
			    "truncated write (no end of line)", name,
			    (unsigned long long)c.seq + 1);
			break;
		}
		if ((r = check_line(&c, p, (size_t)(nl - p), &body, err)) != 0)
			break;
		p = nl + 1;
	}
	chk->lines = c.seq;
	if (r != 0)
		chk->bad_line = c.seq + 1;
	else if (head != NULL &&
	    (r = check_head(&c, head, hlen, &chk->head_lag, err)) != 0)
		chk->bad_line = c.seq;
	else if (head == NULL && c.seq == 1)
		chk->head_lag = true;	/* the first append, interrupted */
	else if (head == NULL && len > 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: head file missing", name);
	rst_buf_release(&body);
	return r;
}

struct jfiles {
	char	*dir;		/* state_dir/journal */
	char	*jsonl;
	char	*head;
	char	*rjsonl;	/* names in the repository */
	char	*rhead;
};

static void
jfiles_release(struct jfiles *f)
{
	free(f->dir);
	free(f->jsonl);
	free(f->head);
	free(f->rjsonl);
	free(f->rhead);
}

static int
jfiles_init(const struct rst_profile *p, struct jfiles *f, struct rst_err *err)
{
	memset(f, 0, sizeof(*f));
	f->dir = rst_path_join(p->state_dir, "journal");
	f->rjsonl = rst_repo_journal(p->name);
	f->rhead = rst_repo_head(p->name);
	if (f->rjsonl != NULL && f->rhead != NULL) {
		f->jsonl = rst_repo_local(p, f->rjsonl);
		f->head = rst_repo_local(p, f->rhead);
	}
	if (!f->dir || !f->jsonl || !f->head || !f->rjsonl || !f->rhead) {
		jfiles_release(f);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	return 0;
}

static char *
who(void)
{
	struct passwd *pw = getpwuid(geteuid());

	return pw != NULL ? strdup(pw->pw_name) :
	    rst_strdupf("%lu", (unsigned long)geteuid());
}

static const char *
result_word(int code)
{
	int x = rst_exit_code(code);

	return x == 0 ? "pass" : (x == 1 || x == 4) ? "fail" : "error";
}

/*
 * data with, for a record that did not pass and has none, "reasons": the
 * error's message, or for an encrypted profile (whose journal names no
 * file) or a missing message a sentence naming the kind and exit status.
 */
static json_t *
record_data(const struct rst_profile *p, const struct rst_journal_rec *rec)
{
	json_t *d = rec->data != NULL ? json_copy(rec->data) : json_object();
	const char *msg = rec->operr != NULL ? rec->operr->msg : "";
	char why[128];

	if (d == NULL || rec->code == 0)
		return d;
	snprintf(why, sizeof(why), "%s failed with exit status %d", rec->kind,
	    rst_exit_code(rec->code));
	if (json_object_set_new(d, "reasons", json_pack("[o]",
	    rst_json_text(p->encrypted || msg[0] == '\0' ? why : msg))) != 0) {
		json_decref(d);
		return NULL;
	}
	return d;
}

/* After "exit", before "data": the reason, and a clock set with --now. */
static int
add_reason_clock(json_t *head, const struct rst_profile *p,
    const struct rst_journal_rec *rec)
{
	struct rst_reason why;
	json_t *r;

	if (rec->code != 0) {
		rst_err_get_reason(rec->operr, rec->code, &why);
		if ((r = rst_reason_json(&why, p->encrypted)) == NULL ||
		    json_object_set_new(head, "reason", r) != 0)
			return -1;
	}
	if (rst_clock_is_set(rec->clock) &&
	    json_object_set_new(head, "clock", json_string("set")) != 0)
		return -1;
	return 0;
}

static int
format_body(struct rst_buf *b, const struct rst_profile *p, uint64_t seq,
    const char *prev, const struct rst_journal_rec *rec, struct rst_err *err)
{
	char ts[40], host[256], *user = who(), *text = NULL;
	json_t *head, *data = record_data(p, rec);
	int bad;

	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "unknown");
	host[sizeof(host) - 1] = '\0';
	rst_format_rfc3339(rst_clock_now(rec->clock), 0, ts, sizeof(ts));
	/* The fixed key order of FORMATS.md, compact: the verifier reads bytes. */
	head = json_pack("{s:i, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:i}",
	    "v", 1, "seq", (json_int_t)seq, "ts", ts, "prev", prev,
	    "kind", rec->kind, "host", host, "user", user ? user : "?",
	    "result", result_word(rec->code), "exit", rst_exit_code(rec->code));
	if (head != NULL && data != NULL &&
	    add_reason_clock(head, p, rec) == 0 &&
	    json_object_set(head, "data", data) == 0)
		text = rst_json_dumps(head, JSON_COMPACT);
	/* Without its closing brace: seal() appends the signature field. */
	bad = text == NULL || rst_buf_append(b, text, strlen(text) - 1) != 0;
	free(text);
	json_decref(head);
	json_decref(data);
	free(user);
	return bad ? rst_errf(err, RST_ENOMEM, "journal: out of memory") : 0;
}

/* Sign body (which lacks its closing brace) and append the sig field. */
static int
seal(struct rst_buf *b, EVP_PKEY *key, struct rst_err *err)
{
	unsigned char sig[RST_ED25519_SIGLEN];
	char *b64;
	int r;

	if (rst_buf_append(b, "}", 1) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_sign(key, b->data, b->len, sig, err)) != 0)
		return r;
	b->len--;
	if ((b64 = rst_base64(sig, sizeof(sig))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_buf_printf(b, ",\"sig\":\"%s\"}", b64);
	free(b64);
	return r ? rst_errf(err, RST_ENOMEM, "out of memory") : 0;
}

/*
 * A write into state_dir that failed because its file system is full is a
 * storage error (exit 3, as for a backup), not an internal one: the file
 * written is untouched (heads are replaced atomically, and a failed append
 * is caught by the chain).
 */
static int
state_full(int r, struct rst_err *err)
{
	if (r != 0 && (err->sys_errno == ENOSPC || err->sys_errno == EDQUOT)) {
		err->code = RST_ESTORAGE;
		rst_err_prefix(err, "state_dir is full");
		return RST_ESTORAGE;
	}
	return r;
}

static int
write_head(const char *path, uint64_t count, const char *last, EVP_PKEY *key,
    struct rst_buf *out, struct rst_err *err)
{
	int r;

	out->len = 0;
	if (rst_buf_printf(out, "{\"v\":1,\"count\":%llu,\"last\":\"%s\"",
	    (unsigned long long)count, last) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = seal(out, key, err)) != 0 ||
	    (r = rst_buf_append(out, "\n", 1)) != 0)
		return r ? r : rst_errf(err, RST_ENOMEM, "out of memory");
	return state_full(rst_write_file_atomic(path, out->data, out->len,
	    0600, err), err);
}

static int
append_line(const char *path, const struct rst_buf *line, struct rst_err *err)
{
	int fd, r = 0;

	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600)) == -1)
		return rst_errno(err, RST_EIO, "%s", path);
	if (rst_write_all(fd, line->data, line->len) != 0 || fsync(fd) == -1)
		r = rst_errno(err, RST_EIO, "append %s", path);
	if (close(fd) == -1 && r == 0)
		r = rst_errno(err, RST_EIO, "close %s", path);
	return state_full(r, err);
}

/* The repository copy must be a prefix of (or equal to) the local one. */
static int
mirror(struct rst_storage *st, const struct jfiles *f, const struct rst_buf *j,
    const struct rst_buf *h, bool *reuploaded, struct rst_err *err)
{
	struct rst_buf remote = RST_BUF_INIT;
	int r;

	*reuploaded = false;
	r = rst_err_accept(err, rst_storage_get_buf(st, f->rjsonl,
	    RST_JOURNAL_MAX, &remote, err), RST_ENOTFOUND);
	if (r == 0 && rst_repo_compare(j, &remote, NULL) == RST_COPY_DIFFERS)
		r = rst_errf(err, RST_EINTEGRITY, "%s in the repository differs "
		    "from the local journal (not a prefix of it)", f->rjsonl);
	if (r == 0 && remote.len != j->len) {
		*reuploaded = true;
		if ((r = rst_storage_put_buf(st, f->rjsonl, j->data, j->len,
		    err)) == 0)
			r = rst_storage_put_buf(st, f->rhead, h->data, h->len,
			    err);
	}
	rst_buf_release(&remote);
	return r;
}

static int
last_hash(const struct rst_buf *j, uint64_t lines, char out[RST_SHA256_HEX],
    EVP_PKEY *key, struct rst_err *err)
{
	const char *end, *start;
	char *pem = NULL;
	int r;

	if (lines == 0) {
		if ((r = rst_key_public_pem(key, &pem, err)) != 0)
			return r;
		r = rst_sha256_hex(pem, strlen(pem), out, err);
		free(pem);
		return r;
	}
	end = (const char *)j->data + j->len - 1;	/* the final LF */
	for (start = end; start > (const char *)j->data && start[-1] != '\n';
	    start--)
		;
	return rst_sha256_hex(start, (size_t)(end - start), out, err);
}

/* Load and verify the local journal; *c continues its chain. */
static int
load_local(const struct jfiles *f, EVP_PKEY *key, struct rst_buf *j,
    struct rst_buf *h, struct rst_journal_check *chk, struct rst_err *err)
{
	char last[RST_SHA256_HEX];
	bool jexists, hexists;
	int r;

	if ((r = rst_repo_load_local(f->jsonl, j, &jexists, err)) != 0 ||
	    (r = rst_repo_load_local(f->head, h, &hexists, err)) != 0)
		return r;
	if (!jexists && hexists)
		return rst_errf(err, RST_EINTEGRITY, "%s: missing, but its head "
		    "%s exists (journal deleted)", f->jsonl, f->head);
	if ((r = rst_journal_verify_bytes(f->jsonl, j->data, j->len,
	    hexists ? h->data : NULL, h->len, key, chk, err)) != 0 ||
	    !chk->head_lag)
		return r;
	if ((r = last_hash(j, chk->lines, last, key, err)) != 0)
		return r;
	if ((r = write_head(f->head, chk->lines, last, key, h, err)) != 0) {
		rst_err_prefix(err, "%s: head of an interrupted append not "
		    "brought up to date (nothing changed)", f->jsonl);
		return r;
	}
	rst_log_warn("%s: the last append was interrupted before its head "
	    "was written; head brought up to date", f->jsonl);
	chk->head_lag = false;
	return 0;
}

/*
 * A host that lost its state_dir (rebuilt after a disaster) takes the
 * repository's journal back when the local one is empty and the remote one
 * verifies with this key, so the chain goes on instead of forking.  The
 * repository's copies are read with the reader rule of src/repo/ (a copy
 * caught in a rewrite is found under its temporary name).
 */
static int
adopt_remote(struct rst_storage *st, const struct jfiles *f, EVP_PKEY *key,
    struct rst_buf *j, struct rst_buf *h, struct rst_journal_check *chk,
    struct rst_err *err)
{
	struct rst_buf rj = RST_BUF_INIT, rh = RST_BUF_INIT;
	struct rst_journal_check rchk;
	int r;

	r = rst_repo_get(st, NULL, f->rjsonl, RST_JOURNAL_MAX, &rj, err);
	if (r == 0)
		r = rst_repo_get(st, NULL, f->rhead, RST_HEAD_MAX, &rh, err);
	if (r == RST_ENOTFOUND || (r == 0 && rj.len == 0)) {
		rst_err_clear(err);
		r = 0;
		goto out;
	}
	if (r == 0 && (r = rst_journal_verify_bytes(f->rjsonl, rj.data, rj.len,
	    rh.data, rh.len, key, &rchk, err)) == 0 &&
	    (r = rst_write_file_atomic(f->jsonl, rj.data, rj.len, 0600,
	    err)) == 0 &&
	    (r = rst_write_file_atomic(f->head, rh.data, rh.len, 0600,
	    err)) == 0) {
		rst_buf_release(j);
		rst_buf_release(h);
		*j = rj;
		*h = rh;
		rj.data = rh.data = NULL;
		*chk = rchk;
	}
 out:
	rst_buf_release(&rj);
	rst_buf_release(&rh);
	return r;
}

int
rst_journal_append(const struct rst_profile *p, EVP_PKEY *key,
    struct rst_storage *st, const struct rst_journal_rec *rec,
    struct rst_err *err)
{
	struct rst_buf j = RST_BUF_INIT, h = RST_BUF_INIT, line = RST_BUF_INIT;
	struct rst_journal_check chk;
	struct jfiles f;
	char prev[RST_SHA256_HEX];
	bool up;
	int r;

	if ((r = jfiles_init(p, &f, err)) != 0)
		return r;
	if ((r = rst_mkdir_p(f.dir, 0700, err)) != 0 ||
	    (r = load_local(&f, key, &j, &h, &chk, err)) != 0)
		goto out;
	if (st != NULL && chk.lines == 0 &&
	    (r = rst_repo_prepare(st, p->name, key, err)) == 0 &&
	    (r = adopt_remote(st, &f, key, &j, &h, &chk, err)) != 0)
		rst_err_prefix(err, "cannot take the repository's journal back");
	if (r != 0 ||
	    (r = last_hash(&j, chk.lines, prev, key, err)) != 0 ||
	    (r = format_body(&line, p, chk.lines, prev, rec, err)) != 0 ||
	    (r = seal(&line, key, err)) != 0)
		goto out;
	if ((r = rst_sha256_hex(line.data, line.len, prev, err)) != 0)
		goto out;
	if (rst_buf_append(&line, "\n", 1) != 0 ||
	    rst_buf_append(&j, line.data, line.len) != 0) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = append_line(f.jsonl, &line, err)) != 0 ||
	    (r = write_head(f.head, chk.lines + 1, prev, key, &h, err)) != 0)
		goto out;
	if (st != NULL && (r = rst_repo_prepare(st, p->name, key, err)) == 0 &&
	    (r = mirror(st, &f, &j, &h, &up, err)) == RST_EINTEGRITY)
		rst_err_prefix(err, "recorded in the local journal only");
 out:
	rst_buf_release(&j);
	rst_buf_release(&h);
	rst_buf_release(&line);
	jfiles_release(&f);
	return r;
}

/*
 * With equal journals, the repository's head must be the local head byte
 * for byte (Ed25519 signatures are deterministic, so the same count and
 * last hash always give the same bytes).
 */
static int
check_repo_head(struct rst_storage *st, const struct jfiles *f,
    const struct rst_buf *h, struct rst_err *err)
{
	struct rst_buf rh = RST_BUF_INIT;
	bool missing = false;
	int r;

	r = rst_storage_get_buf(st, f->rhead, RST_HEAD_MAX, &rh, err);
	if (r == RST_ENOTFOUND) {
		rst_err_clear(err);
		missing = true;
		r = 0;
	}
	if (r == 0 && (missing || rh.len != h->len ||
	    memcmp(rh.data, h->data, h->len) != 0))
		r = rst_errf(err, RST_EINTEGRITY, "%s in the repository %s the "
		    "signed head of the journal (%s): edited, replaced or "
		    "stale; the local copy is authoritative, and the next "
		    "backup, drill, verify or prune of this profile uploads it "
		    "again", f->rhead, missing ? "is missing, unlike" :
		    "does not match", f->head);
	rst_buf_release(&rh);
	return r;
}

int
rst_journal_verify(const struct rst_profile *p, EVP_PKEY *key,
    struct rst_storage *st, struct rst_journal_check *chk, struct rst_err *err)
{
	struct rst_buf j = RST_BUF_INIT, h = RST_BUF_INIT;
	struct jfiles f;
	int r;

	if ((r = jfiles_init(p, &f, err)) != 0)
		return r;
	if ((r = load_local(&f, key, &j, &h, chk, err)) == 0 && j.len == 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: no journal yet",
		    f.jsonl);
	if (r == 0 && st != NULL) {
		chk->repo_checked = true;
		r = mirror(st, &f, &j, &h, &chk->repo_reuploaded, err);
		if (r == 0 && !chk->repo_reuploaded)
			r = check_repo_head(st, &f, &h, err);
	}
	rst_buf_release(&j);
	rst_buf_release(&h);
	jfiles_release(&f);
	return r;
}

int
rst_journal_foreach(const struct rst_profile *p, EVP_PKEY *key,
    rst_journal_cb cb, void *arg, struct rst_err *err)
{
	struct rst_buf j = RST_BUF_INIT, h = RST_BUF_INIT;
	struct rst_journal_check chk;
	const char *s, *end, *nl;
	struct jfiles f;
	json_t *o;
	int r;

	if ((r = jfiles_init(p, &f, err)) != 0)
		return r;
	if ((r = load_local(&f, key, &j, &h, &chk, err)) != 0)
		goto out;
	s = end = (const char *)j.data;
	if (j.len > 0)
		end = s + j.len;
	for (; r == 0 && s < end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if ((o = json_loadb(s, (size_t)(nl - s), 0, NULL)) == NULL) {
			r = rst_errf(err, RST_EINTEGRITY, "%s: unreadable line",
			    f.jsonl);
			break;
		}
		r = cb(arg, o);
		json_decref(o);
	}
 out:
	rst_buf_release(&j);
	rst_buf_release(&h);
	jfiles_release(&f);
	return r;
}

int
rst_journal_head_read(const char *name, const void *head, size_t hlen,
    EVP_PKEY *key, uint64_t *count, char last[RST_SHA256_HEX],
    struct rst_err *err)
{
	struct rst_buf body = RST_BUF_INIT;
	struct chain c;
	const char *h = head, *l = NULL;
	json_int_t n = -1;
	json_t *o = NULL;
	int r;

	memset(&c, 0, sizeof(c));
	c.key = key;
	c.name = name;
	while (hlen > 0 && h[hlen - 1] == '\n')
		hlen--;
	if ((r = check_sig(&c, h, hlen, 0, &body, err)) != 0) {
		rst_err_clear(err);
		r = rst_errf(err, RST_EINTEGRITY, "%s: head signature does not "
		    "verify", name);
	} else if ((o = json_loadb((char *)body.data, body.len, 0,
	    NULL)) == NULL || json_unpack(o, "{s:I, s:s}", "count", &n,
	    "last", &l) != 0 || n < 1 || strlen(l) != RST_SHA256_HEX - 1)
		r = rst_errf(err, RST_EINTEGRITY, "%s: malformed head", name);
	else {
		*count = (uint64_t)n;
		memcpy(last, l, RST_SHA256_HEX);
	}
	json_decref(o);
	rst_buf_release(&body);
	return r;
}
