/* SPDX-License-Identifier: ISC */
/*
 * The S3 backend (s3://bucket/prefix, with endpoint and region for
 * S3-compatible servers; path-style URLs by default when an endpoint is
 * given).  A PUT is atomic, so an object goes straight to its name, with
 * its SHA-256 and MD5 and, when configured, object lock headers; objects
 * above MULTIPART_MIN go up as a multipart upload in MULTIPART_PART pieces,
 * aborted on failure.  Listing is ListObjectsV2, page after page.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "s3_sigv4.h"

/*
 * Objects above 64 MiB (parts of a profile with a larger part_size) go up
 * as a multipart upload: 16 MiB pieces, each retried on its own, each
 * with its Content-MD5.  (S3 takes a single PUT up to 5 GiB; pieces but
 * the last must be at least 5 MiB.)
 */
#define MULTIPART_MIN	((off_t)64 << 20)
#define MULTIPART_PART	((off_t)16 << 20)

struct s3 {
	struct rst_curl_repo repo;	/* first: the shared ops use it */
	char		*bucket_url;	/* endpoint + bucket, no final '/' */
	char		*key_prefix;	/* "" or "prefix/" */
	char		*region;
	char		*token;		/* session token or NULL (secret) */
	bool		 raw_slash;	/* see list_url() */
	char		*lock_mode;	/* "GOVERNANCE", "COMPLIANCE" or NULL */
	int		 lock_days;
};

static int
s3_prepare(struct rst_curl_repo *repo, struct rst_curl_xfer *x,
    struct rst_err *err)
{
	struct s3 *s = repo->backend;

	return rst_s3_sign(x, s->region, s->token, err);
}

/* bucket_url and base from the endpoint, path-style or virtual-host. */
static int
s3_urls(struct s3 *s, const struct rst_repo_cfg *cfg, const char *bucket,
    const char *prefix, struct rst_err *err)
{
	const char *ep = cfg->endpoint, *host;
	char *def = NULL, *esc;
	bool path_style = cfg->path_style == -1 ? ep != NULL :
	    cfg->path_style == 1;

	if (ep == NULL && (ep = def = rst_strdupf("https://s3.%s.amazonaws.com",
	    s->region)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	host = strstr(ep, "://");
	if (host == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: endpoint is not a URL",
		    ep);
	host += 3;
	if (path_style)
		s->bucket_url = rst_strdupf("%s%s%s", ep,
		    ep[strlen(ep) - 1] == '/' ? "" : "/", bucket);
	else
		s->bucket_url = rst_strdupf("%.*s%s.%s", (int)(host - ep), ep,
		    bucket, host);
	free(def);
	if (s->bucket_url == NULL || (esc = rst_curl_escape(prefix, true)) ==
	    NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	rst_path_trim_slashes(s->bucket_url, 0);
	s->repo.base = esc[0] ? rst_strdupf("%s/%s", s->bucket_url, esc) :
	    strdup(s->bucket_url);
	s->key_prefix = prefix[0] ? rst_strdupf("%s/", prefix) : strdup("");
	free(esc);
	if (s->repo.base == NULL || s->key_prefix == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

static int
s3_open(struct rst_storage *st, const struct rst_repo_cfg *cfg,
    struct rst_err *err)
{
	struct s3 *s = st->priv;
	const char *rest = st->url + strlen("s3://");
	char *bucket, *prefix, *p;
	bool http = cfg->endpoint && strncmp(cfg->endpoint, "http:", 5) == 0;
	int r;

	if ((r = rst_curl_repo_init(&s->repo, st, cfg, http ? "http" : "https",
	    err)) != 0 ||
	    (r = rst_s3_load_creds(&s->repo, cfg, &s->token, err)) != 0)
		return r;
	s->repo.prepare = s3_prepare;
	s->repo.backend = s;
	s->lock_days = cfg->object_lock_days;
	if (cfg->object_lock_mode != NULL && cfg->object_lock_days > 0 &&
	    (s->lock_mode = strdup(cfg->object_lock_mode)) != NULL)
		for (p = s->lock_mode; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	s->region = strdup(cfg->region ? cfg->region : "us-east-1");
	bucket = strndup(rest, strcspn(rest, "/"));
	if (s->region == NULL || bucket == NULL) {
		free(bucket);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	for (prefix = (char *)rest + strlen(bucket); *prefix == '/'; prefix++)
		;
	if ((prefix = strdup(prefix)) != NULL)
		rst_path_trim_slashes(prefix, 0);
	if (bucket[0] == '\0' || prefix == NULL)
		r = rst_errf(err, RST_ECONFIG, "%s: expected s3://BUCKET/PREFIX",
		    st->url);
	else
		r = s3_urls(s, cfg, bucket, prefix, err);
	free(bucket);
	free(prefix);
	return r;
}

static void
s3_close(struct rst_storage *st)
{
	struct s3 *s = st->priv;

	rst_curl_repo_release(&s->repo);
	free(s->bucket_url);
	free(s->key_prefix);
	free(s->region);
	free(s->lock_mode);
	rst_secret_free_str(s->token);
}

/* One request: method, url (+query), optional body from fd or memory. */
struct req {
	const char	*method;
	const char	*url;
	const char	*what;
	int		 fd;		/* upload source or -1 */
	off_t		 off, len;
	const char	*mem;		/* POST body or NULL */
	int		 dl_fd;		/* download target or -1 */
	bool		 lock;		/* add object lock headers */
};

static int
lock_headers(struct s3 *s, struct rst_curl_xfer *x, struct rst_err *err)
{
	char until[64];

	if (s->lock_mode == NULL)
		return 0;
	rst_format_rfc3339(rst_now_ns() / 1000000000 +
	    (int64_t)s->lock_days * 86400, 0, until, sizeof(until));
	if (rst_curl_xfer_header(x, "x-amz-object-lock-mode: %s",
	    s->lock_mode) != 0 || rst_curl_xfer_header(x,
	    "x-amz-object-lock-retain-until-date: %s", until) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

/* Content-MD5 of a request body (PutObjectRetention requires it). */
static int
mem_md5(struct rst_curl_xfer *x, const char *mem, struct rst_err *err)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char b64[64];

	if (EVP_Digest(mem, strlen(mem), md, &n, EVP_md5(), NULL) != 1)
		return rst_errf(err, RST_EINTERNAL, "md5 failed");
	EVP_EncodeBlock((unsigned char *)b64, md, (int)n);
	if (rst_curl_xfer_header(x, "Content-MD5: %s", b64) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

static int
s3_request(struct s3 *s, const struct req *q, struct rst_curl_xfer *x,
    struct rst_err *err)
{
	char md5[32];
	int r;

	if ((r = rst_curl_xfer_init(x, &s->repo, q->url, err)) != 0)
		return r;
	if (strcmp(q->method, "HEAD") != 0)
		curl_easy_setopt(x->c, CURLOPT_CUSTOMREQUEST, q->method);
	x->fd = q->dl_fd;
	if (q->fd >= 0) {
		if ((r = rst_s3_hash_range(q->fd, q->off, q->len,
		    x->payload_sha, md5, err)) != 0)
			return r;
		if (rst_curl_xfer_header(x, "Content-MD5: %s", md5) != 0)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		rst_curl_xfer_upload(x, q->fd, q->off, q->len);
	} else if (q->mem != NULL) {
		rst_s3_sha256_hex(q->mem, strlen(q->mem), x->payload_sha);
		/* Not libcurl's form type: servers would parse the XML away. */
		if (rst_curl_xfer_header(x, "Content-Type: application/xml")
		    != 0)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		curl_easy_setopt(x->c, CURLOPT_POSTFIELDS, q->mem);
		/* A PUT of an XML body (PutObjectRetention) needs its MD5. */
		if (strcmp(q->method, "PUT") == 0 &&
		    (r = mem_md5(x, q->mem, err)) != 0)
			return r;
	}
	if (q->lock && (r = lock_headers(s, x, err)) != 0)
		return r;
	return rst_curl_perform(x, &s->repo, q->what, err);
}

static int
simple(struct s3 *s, const struct req *q, struct rst_err *err)
{
	struct rst_curl_xfer x;
	int r;

	r = s3_request(s, q, &x, err);
	rst_curl_xfer_release(&x);
	return r;
}

static int
upload_parts(struct s3 *s, const char *url, const char *id, int fd,
    off_t size, struct rst_buf *done, struct rst_err *err)
{
	struct req q = { "PUT", NULL, NULL, fd, 0, 0, NULL, -1, false };
	struct rst_curl_xfer x;
	char *purl;
	int n, r = 0;

	for (n = 1; r == 0 && q.off < size; n++, q.off += MULTIPART_PART) {
		q.len = size - q.off < MULTIPART_PART ? size - q.off :
		    MULTIPART_PART;
		if ((purl = rst_strdupf("%s?partNumber=%d&uploadId=%s", url, n,
		    id)) == NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		q.url = purl;
		if ((r = s3_request(s, &q, &x, err)) == 0 &&
		    rst_buf_printf(done, "<Part><PartNumber>%d</PartNumber>"
		    "<ETag>%s</ETag></Part>", n, x.etag) != 0)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		rst_curl_xfer_release(&x);
		free(purl);
	}
	return r;
}

static int
multipart(struct s3 *s, const char *url, int fd, off_t size,
    struct rst_err *err)
{
	struct req q = { "POST", NULL, NULL, -1, 0, 0, "", -1, true };
	struct rst_buf done = RST_BUF_INIT;
	struct rst_curl_xfer x;
	char *id = NULL, *eid = NULL, *u = NULL, *bad;
	int r;

	if ((u = rst_strdupf("%s?uploads=", url)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	q.url = u;
	if ((r = s3_request(s, &q, &x, err)) == 0 && ((id = rst_xml_text(
	    (char *)x.body.data, (char *)x.body.data + x.body.len,
	    "UploadId")) == NULL || (eid = rst_curl_escape(id, false)) == NULL))
		r = rst_curl_status_err(&x, &s->repo, "initiate multipart",
		    err);
	rst_curl_xfer_release(&x);
	if (r == 0 && (r = rst_buf_printf(&done, "<CompleteMultipartUpload>"))
	    == 0)
		r = upload_parts(s, url, eid, fd, size, &done, err);
	free(u);
	u = eid ? rst_strdupf("%s?uploadId=%s", url, eid) : NULL;
	if (r == 0 && (r = rst_buf_printf(&done,
	    "</CompleteMultipartUpload>")) == 0) {
		q.url = u;
		q.lock = false;
		q.mem = (char *)done.data;
		if ((r = s3_request(s, &q, &x, err)) == 0 && x.body.len > 0 &&
		    (bad = rst_xml_text((char *)x.body.data,
		    (char *)x.body.data + x.body.len, "Code")) != NULL) {
			r = rst_errf(err, RST_ESTORAGE, "%s: complete "
			    "multipart: %s", s->repo.server, bad);
			free(bad);
		}
		rst_curl_xfer_release(&x);
	}
	if (r != 0 && u != NULL) {
		struct req a = { "DELETE", u, NULL, -1, 0, 0, NULL, -1, false };
		struct rst_err ignored = RST_ERR_INIT;

		(void)simple(s, &a, &ignored);
	}
	free(u);
	free(id);
	free(eid);
	rst_buf_release(&done);
	return r;
}

static int
s3_commit(struct rst_objwriter *w, struct rst_err *err)
{
	struct rst_curl_writer *cw = w->priv;
	struct s3 *s = w->st->priv;
	struct req q = { "PUT", NULL, NULL, cw->fd, 0, (off_t)cw->size, NULL,
	    -1, true };
	char *url;
	int r;

	if ((url = rst_curl_url(&s->repo, w->name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	q.url = url;
	/* A temp object (check-config's probe) must stay deletable. */
	q.lock = !rst_storage_is_tmp(w->name);
	if ((off_t)cw->size > MULTIPART_MIN)
		r = multipart(s, url, cw->fd, (off_t)cw->size, err);
	else
		r = simple(s, &q, err);
	free(url);
	if (r == 0)
		rst_curl_abort(w);
	return r;
}

/* Report every <Contents> of one ListObjectsV2 page. */
static int
list_page(struct s3 *s, const char *p, const char *end, bool include_tmp,
    rst_list_cb cb, void *arg)
{
	struct rst_objinfo info;
	const char *cs, *ce;
	char *key, *size, *mod;
	size_t kp = strlen(s->key_prefix);
	int r = 0;

	while (r == 0 && rst_xml_find(p, end, "Contents", &cs, &ce, &p)) {
		key = rst_xml_text(cs, ce, "Key");
		size = rst_xml_text(cs, ce, "Size");
		mod = rst_xml_text(cs, ce, "LastModified");
		info.size = size ? strtoull(size, NULL, 10) : 0;
		if (mod == NULL || rst_parse_rfc3339(mod, &info.mtime) != 0)
			info.mtime = 0;
		if (key != NULL && strncmp(key, s->key_prefix, kp) == 0 &&
		    key[kp] != '\0' && key[strlen(key) - 1] != '/' &&
		    (include_tmp || !rst_storage_is_tmp(key + kp)))
			r = cb(arg, key + kp, &info);
		free(key);
		free(size);
		free(mod);
	}
	return r;
}

/*
 * The ListObjectsV2 URL of one page.  The prefix is encoded as SigV4's
 * canonical form has it ('/' as %2F), which is what AWS, MinIO and Ceph
 * check the signature against; s->raw_slash (set after such a request
 * was refused as mis-signed) sends '/' as it is, for servers (moto) that
 * canonicalise the query from its decoded form.
 */
static char *
list_url(struct s3 *s, const char *prefix, const char *token)
{
	char *pfx, *ep, *et = NULL, *url;

	pfx = rst_strdupf("%s%s%s", s->key_prefix, prefix,
	    prefix[0] && prefix[strlen(prefix) - 1] != '/' ? "/" : "");
	if (pfx == NULL || (ep = rst_curl_escape(pfx, s->raw_slash)) == NULL) {
		free(pfx);
		return NULL;
	}
	if (token != NULL && (et = rst_curl_escape(token, false)) == NULL)
		url = NULL;
	else	/* parameters in canonical (sorted) order */
		url = rst_strdupf("%s?%s%s%slist-type=2&prefix=%s",
		    s->bucket_url, et ? "continuation-token=" : "",
		    et ? et : "", et ? "&" : "", ep);
	free(pfx);
	free(ep);
	free(et);
	return url;
}

/* Refused as mis-signed, and would be signed differently with raw '/'. */
static bool
slash_refused(struct s3 *s, const struct rst_curl_xfer *x)
{
	return !s->raw_slash && x->status == 403 && x->body.len > 0 &&
	    memmem(x->body.data, x->body.len, "SignatureDoesNotMatch",
	    21) != NULL;
}

static int
s3_list(struct rst_storage *st, const char *prefix, bool include_tmp,
    rst_list_cb cb, void *arg, struct rst_err *err)
{
	struct s3 *s = st->priv;
	struct req q = { "GET", NULL, NULL, -1, 0, 0, NULL, -1, false };
	struct rst_curl_xfer x;
	char *token = NULL, *next, *trunc, *url, *what;
	const char *b, *e;
	size_t nreq = 0;
	bool again;
	int r = 0;

	while (*prefix == '/')
		prefix++;
	if ((what = rst_strdupf("list %s", prefix[0] ? prefix : "/")) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	q.what = what;
	for (;;) {
		if ((r = rst_storage_list_enter(st, prefix, &nreq, err)) != 0)
			break;
		if ((url = list_url(s, prefix, token)) == NULL) {
			r = rst_errf(err, RST_ENOMEM, "out of memory");
			break;
		}
		q.url = url;
		next = NULL;
		again = false;
		if ((r = s3_request(s, &q, &x, err)) == 0) {
			b = (const char *)x.body.data;
			e = b + x.body.len;
			r = list_page(s, b, e, include_tmp, cb, arg);
			trunc = rst_xml_text(b, e, "IsTruncated");
			if (trunc != NULL && strcmp(trunc, "true") == 0)
				next = rst_xml_text(b, e,
				    "NextContinuationToken");
			free(trunc);
		} else if (slash_refused(s, &x) && strstr(url, "%2F") != NULL) {
			s->raw_slash = true;	/* the same page once more */
			rst_err_clear(err);
			r = 0;
			again = true;
			next = token;
			token = NULL;
		}
		rst_curl_xfer_release(&x);
		free(url);
		free(token);
		token = next;
		if (r != 0 || (token == NULL && !again))
			break;
	}
	free(token);
	free(what);
	return r;
}

/* The ListObjectVersions URL of one page (parameters in sorted order). */
static char *
versions_url(struct s3 *s, const char *prefix, const char *key,
    const char *vid)
{
	char *pfx, *ep, *ek = NULL, *ev = NULL, *url = NULL;

	pfx = rst_strdupf("%s%s", s->key_prefix, prefix);
	ep = pfx ? rst_curl_escape(pfx, s->raw_slash) : NULL;
	if (key != NULL)
		ek = rst_curl_escape(key, false);
	if (vid != NULL)
		ev = rst_curl_escape(vid, false);
	if (ep != NULL && (key == NULL || ek != NULL) &&
	    (vid == NULL || ev != NULL))
		url = rst_strdupf("%s?%s%s%sprefix=%s%s%s%sversions=",
		    s->bucket_url, ek ? "key-marker=" : "", ek ? ek : "",
		    ek ? "&" : "", ep, ev ? "&version-id-marker=" : "",
		    ev ? ev : "", "&");
	free(pfx);
	free(ep);
	free(ek);
	free(ev);
	return url;
}

static int
versions_page(struct s3 *s, const char *b, const char *e, const char *tag,
    rst_version_cb cb, void *arg)
{
	size_t kp = strlen(s->key_prefix);
	const char *cs, *ce, *p = b;
	char *key, *latest;
	int r = 0;

	while (r == 0 && rst_xml_find(p, e, tag, &cs, &ce, &p)) {
		key = rst_xml_text(cs, ce, "Key");
		latest = rst_xml_text(cs, ce, "IsLatest");
		if (key != NULL && strncmp(key, s->key_prefix, kp) == 0 &&
		    key[kp] != '\0')
			r = cb(arg, key + kp, strcmp(tag, "DeleteMarker") == 0,
			    latest != NULL && strcmp(latest, "true") == 0);
		free(key);
		free(latest);
	}
	return r;
}

static int
s3_list_versions(struct rst_storage *st, const char *prefix,
    rst_version_cb cb, void *arg, struct rst_err *err)
{
	struct s3 *s = st->priv;
	struct req q = { "GET", NULL, "list versions", -1, 0, 0, NULL, -1,
	    false };
	struct rst_curl_xfer x;
	char *key = NULL, *vid = NULL, *trunc, *url;
	const char *b, *e;
	size_t nreq = 0;
	int r = 0;

	for (;;) {
		if ((r = rst_storage_list_enter(st, prefix, &nreq, err)) != 0)
			break;
		if ((url = versions_url(s, prefix, key, vid)) == NULL) {
			r = rst_errf(err, RST_ENOMEM, "out of memory");
			break;
		}
		q.url = url;
		if ((r = s3_request(s, &q, &x, err)) != 0 &&
		    slash_refused(s, &x) && strstr(url, "%2F") != NULL) {
			s->raw_slash = true;	/* the same page once more */
			rst_err_clear(err);
			rst_curl_xfer_release(&x);
			free(url);
			continue;
		}
		free(key);
		free(vid);
		key = vid = NULL;
		if (r == 0) {
			b = (const char *)x.body.data;
			e = b + x.body.len;
			if ((r = versions_page(s, b, e, "Version", cb,
			    arg)) == 0)
				r = versions_page(s, b, e, "DeleteMarker", cb,
				    arg);
			trunc = rst_xml_text(b, e, "IsTruncated");
			if (trunc != NULL && strcmp(trunc, "true") == 0) {
				key = rst_xml_text(b, e, "NextKeyMarker");
				vid = rst_xml_text(b, e,
				    "NextVersionIdMarker");
			}
			free(trunc);
		}
		rst_curl_xfer_release(&x);
		free(url);
		if (r != 0 || key == NULL)
			break;
	}
	free(key);
	free(vid);
	return r;
}

static int
s3_del(struct rst_storage *st, const char *name, struct rst_err *err)
{
	struct s3 *s = st->priv;
	struct req q = { "DELETE", NULL, NULL, -1, 0, 0, NULL, -1, false };
	char *url, *what;
	int r;

	url = rst_curl_url(&s->repo, name);
	what = rst_strdupf("delete %s", name);
	q.url = url;
	q.what = what;
	r = url && what ? simple(s, &q, err) :
	    rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_err_accept(err, r, RST_ENOTFOUND);
	free(url);
	free(what);
	return r;
}

/*
 * PutObjectRetention: NAME locked until object_lock_days from now, in the
 * profile's mode.  Only ever later than the date an object was written
 * with, which both modes allow.
 */
static int
s3_retain(struct rst_storage *st, const char *name, struct rst_err *err)
{
	struct s3 *s = st->priv;
	struct req q = { "PUT", NULL, NULL, -1, 0, 0, NULL, -1, false };
	char until[64], mode[16], *url = NULL, *what = NULL, *body = NULL;
	size_t i;
	int r;

	if (s->lock_mode == NULL)
		return 0;
	for (i = 0; s->lock_mode[i] != '\0' && i + 1 < sizeof(mode); i++)
		mode[i] = (char)toupper((unsigned char)s->lock_mode[i]);
	mode[i] = '\0';
	rst_format_rfc3339(time(NULL) + (int64_t)s->lock_days * 86400, 0,
	    until, sizeof(until));
	body = rst_strdupf("<Retention xmlns=\"http://s3.amazonaws.com/doc/"
	    "2006-03-01/\"><Mode>%s</Mode><RetainUntilDate>%s</RetainUntil"
	    "Date></Retention>", mode, until);
	if ((url = rst_curl_url(&s->repo, name)) != NULL)
		q.url = rst_strdupf("%s?retention=", url);
	what = rst_strdupf("extend the retention of %s", name);
	q.mem = body;
	q.what = what;
	r = q.url && what && body ? simple(s, &q, err) :
	    rst_errf(err, RST_ENOMEM, "out of memory");
	free((char *)q.url);
	free(url);
	free(what);
	free(body);
	return r;
}

const struct rst_storage_ops rst_storage_s3 = {
	.scheme = "s3",
	.priv_size = sizeof(struct s3),
	.open = s3_open,
	.create = rst_curl_create,
	.write = rst_curl_write,
	.commit = s3_commit,
	.abort = rst_curl_abort,
	.open_read = rst_curl_open_read,
	.read = rst_curl_read,
	.rewind = rst_curl_rewind,
	.close_read = rst_curl_close_read,
	.list = s3_list,
	.del = s3_del,
	.retain = s3_retain,
	.stat = rst_curl_stat,
	.close = s3_close,
	.list_versions = s3_list_versions,
};
