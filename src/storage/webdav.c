/* SPDX-License-Identifier: ISC */
/*
 * The WebDAV backend (webdav+https://host/path, webdav+http:// for
 * loopback tests).  An object is PUT to NAME.tmp-XXXXXX from its spool
 * file and then MOVEd onto NAME with "Overwrite: T", so readers see the
 * whole object or the previous one.  When a PUT or MOVE answers 409
 * (RFC 4918's "parent missing") or 404 (what many servers say instead),
 * the collections are made with MKCOL from the base collection down (an
 * existing one answers 405 or 301) and the request is tried once more;
 * the same after a 500 to a PUT when the parent collection turns out to
 * be missing (nginx without create_full_put_path).
 * Listing walks the collections with PROPFIND Depth: 1; a collection that
 * does not exist yet lists as empty.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "curl_common.h"

struct webdav {
	struct rst_curl_repo repo;	/* first: the shared ops use it */
	char		*base_path;	/* decoded path of the root, no '/' */
	size_t		 origin_len;	/* of "scheme://host:port" in base */
};

static const char propfind_body[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/>"
    "<D:getcontentlength/><D:getlastmodified/></D:prop></D:propfind>";

static int
webdav_open(struct rst_storage *st, const struct rst_repo_cfg *cfg,
    struct rst_err *err)
{
	const char *rest = st->url + strlen(st->ops->url_prefix), *host, *path;
	struct webdav *wd = st->priv;
	char *p, *esc;
	int r;

	if ((r = rst_curl_repo_init_user(&wd->repo, st, cfg,
	    st->ops->cleartext ? "http" : "https", err)) != 0)
		return r;
	if ((wd->repo.base = strdup(rest)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	rst_path_trim_slashes(wd->repo.base, 0);
	host = strstr(wd->repo.base, "://");
	if (host == NULL || host[3] == '\0' || host[3] == '/')
		return rst_errf(err, RST_ECONFIG, "%s: expected "
		    "webdav+https://HOST/PATH", st->url);
	path = strchrnul(host + 3, '/');
	if ((wd->base_path = curl_easy_unescape(NULL, path, 0, NULL)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	/* The base URL as sent: its path percent-encoded once (spaces...). */
	if ((esc = rst_curl_escape(wd->base_path, true)) == NULL ||
	    (p = rst_strdupf("%.*s%s", (int)(path - wd->repo.base),
	    wd->repo.base, esc)) == NULL) {
		free(esc);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	free(esc);
	wd->origin_len = (size_t)(path - wd->repo.base);
	free(wd->repo.base);
	wd->repo.base = p;
	return 0;
}

static void
webdav_close(struct rst_storage *st)
{
	struct webdav *wd = st->priv;

	rst_curl_repo_release(&wd->repo);
	curl_free(wd->base_path);
}

/* One request without an upload; the reply body lands in x->body. */
static int
request(struct rst_curl_repo *repo, const char *method, const char *url,
    const char *what, const char *h1, const char *h2, long *status,
    struct rst_err *err)
{
	struct rst_curl_xfer x;
	int r;

	if ((r = rst_curl_xfer_init(&x, repo, url, err)) == 0) {
		curl_easy_setopt(x.c, CURLOPT_CUSTOMREQUEST, method);
		if ((h1 != NULL && rst_curl_xfer_header(&x, "%s", h1) != 0) ||
		    (h2 != NULL && rst_curl_xfer_header(&x, "%s", h2) != 0))
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		else
			r = rst_curl_perform(&x, repo, what, err);
		if (status != NULL)
			*status = x.status;
	}
	rst_curl_xfer_release(&x);
	return r;
}

/* A PUT or MOVE answer that means "a parent collection is missing". */
static bool
parent_missing(long status)
{
	return status == 404 || status == 409;
}

/*
 * After a 500 to a PUT: whether the parent collection of name is missing
 * (PROPFIND Depth: 0 answers 404 or 409), i.e. the 500 meant just that.
 */
static bool
parent_gone(struct webdav *wd, const char *name)
{
	struct rst_err ignored = RST_ERR_INIT;
	const char *slash = strrchr(name, '/');
	char *dir, *url = NULL;
	long status = 0;

	if ((dir = strndup(name, slash == NULL ? 0 :
	    (size_t)(slash - name))) == NULL ||
	    (url = rst_curl_dir_url(&wd->repo, dir)) == NULL ||
	    request(&wd->repo, "PROPFIND", url, NULL, "Depth: 0", NULL,
	    &status, &ignored) == 0)
		status = 0;
	free(dir);
	free(url);
	return parent_missing(status);
}

/*
 * MKCOL the collection at url (with its final '/'), named dir in messages;
 * one that exists already answers 405 (or 301 towards the name with '/').
 */
static int
mkcol(struct rst_curl_repo *repo, const char *url, const char *dir,
    long *status, struct rst_err *err)
{
	char *what;
	int r;

	*status = 0;
	if ((what = rst_strdupf("create folder %s", dir)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = request(repo, "MKCOL", url, what, NULL, NULL, status, err);
	if (r != 0 && (*status == 405 || *status == 301)) {
		rst_err_clear(err);
		r = 0;
	}
	free(what);
	return r;
}

/*
 * The base collection; when even its parent is missing (409), the
 * collections of its path from the top down first.  Those may answer
 * anything (a server's own prefix such as /remote.php/ may refuse MKCOL):
 * only the base's own answer counts.
 */
static int
make_base(struct webdav *wd, struct rst_err *err)
{
	struct rst_curl_repo *repo = &wd->repo;
	struct rst_err ignored = RST_ERR_INIT;
	const char *name = wd->base_path[0] ? wd->base_path : "/";
	char *path, *slash, *esc, *url;
	long status;
	int r;

	if ((url = rst_curl_dir_url(repo, "")) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = mkcol(repo, url, name, &status, err);
	if (r != 0 && status == 409 && wd->base_path[0] != '\0' &&
	    (path = strdup(wd->base_path)) != NULL) {
		for (slash = strchr(path + 1, '/'); slash != NULL;
		    slash = strchr(slash + 1, '/')) {
			*slash = '\0';
			esc = rst_curl_escape(path, true);
			free(url);
			url = esc == NULL ? NULL : rst_strdupf("%.*s%s/",
			    (int)wd->origin_len, repo->base, esc);
			free(esc);
			*slash = '/';
			if (url == NULL)
				break;
			(void)mkcol(repo, url, path, &status, &ignored);
			rst_err_clear(&ignored);
		}
		free(path);
		free(url);
		rst_err_clear(err);
		if ((url = rst_curl_dir_url(repo, "")) == NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		r = mkcol(repo, url, name, &status, err);
	}
	free(url);
	return r;
}

/* The base collection and every parent collection of name, top down. */
static int
make_parents(struct webdav *wd, const char *name, struct rst_err *err)
{
	char *dir, *slash, *url;
	long status;
	int r;

	if ((r = make_base(wd, err)) != 0)
		return r;
	if ((dir = strdup(name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	for (slash = strchr(dir, '/'); r == 0 && slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if ((url = rst_curl_dir_url(&wd->repo, dir)) == NULL)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		else
			r = mkcol(&wd->repo, url, dir, &status, err);
		free(url);
		*slash = '/';
	}
	free(dir);
	return r;
}

/* MOVE turl onto name (dest: its Destination header), parents made once. */
static int
move(struct webdav *wd, const char *turl, const char *name,
    const char *dest, struct rst_err *err)
{
	long status = 0;
	int r;

	r = request(&wd->repo, "MOVE", turl, "move", dest, "Overwrite: T",
	    &status, err);
	if (r != 0 && parent_missing(status)) {
		rst_err_clear(err);
		if ((r = make_parents(wd, name, err)) == 0)
			r = request(&wd->repo, "MOVE", turl, "move", dest,
			    "Overwrite: T", NULL, err);
	}
	return r;
}

static int
webdav_commit(struct rst_objwriter *w, struct rst_err *err)
{
	struct webdav *wd = w->st->priv;
	struct rst_curl_repo *repo = &wd->repo;
	char *tmp, *turl = NULL, *url = NULL, *dest = NULL;
	long status = 0;
	int r;

	if ((tmp = rst_curl_tmpname(w->name)) == NULL ||
	    (turl = rst_curl_url(repo, tmp)) == NULL ||
	    (url = rst_curl_url(repo, w->name)) == NULL ||
	    (dest = rst_strdupf("Destination: %s", url)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	r = rst_curl_upload(repo, turl, w, NULL, &status, err);
	if (r != 0 && (parent_missing(status) ||
	    (status == 500 && parent_gone(wd, w->name)))) {
		rst_err_clear(err);
		if ((r = make_parents(wd, w->name, err)) == 0)
			r = rst_curl_upload(repo, turl, w, NULL,
			    &status, err);
	}
	if (r == 0 && (r = move(wd, turl, w->name, dest, err)) != 0) {
		struct rst_err ignored = RST_ERR_INIT;

		(void)request(repo, "DELETE", turl, NULL, NULL, NULL, NULL,
		    &ignored);
	}
	if (r == 0)
		rst_curl_abort(w);
 out:
	free(tmp);
	free(turl);
	free(url);
	free(dest);
	return r;
}

static int	walk_dir(struct rst_listwalk *, const char *rel);

/* The name relative to the root of one href, or NULL if outside it. */
static char *
href_name(struct webdav *wd, const char *href)
{
	const char *p = href;
	size_t bl = strlen(wd->base_path);
	char *dec, *out = NULL;

	if (strstr(p, "://") != NULL)
		p = strchrnul(strstr(p, "://") + 3, '/');
	if ((dec = curl_easy_unescape(NULL, p, 0, NULL)) == NULL)
		return NULL;
	if (strncmp(dec, wd->base_path, bl) == 0 &&
	    (dec[bl] == '/' || dec[bl] == '\0')) {
		p = dec + bl;
		while (*p == '/')
			p++;
		if ((out = strdup(p)) != NULL)
			rst_path_trim_slashes(out, 0);
	}
	curl_free(dec);
	return out;
}

/* One <response>: a file to report or a collection to descend into. */
static int
one_response(struct rst_listwalk *wk, const char *rel, const char *p,
    const char *e)
{
	struct rst_objinfo info = { 0, 0 };
	char *href, *name = NULL, *len, *mod;
	const char *cs, *ce, *next;
	int r = 0;

	if ((href = rst_xml_text(p, e, "href")) == NULL ||
	    (name = href_name(wk->st->priv, href)) == NULL ||
	    strcmp(name, rel) == 0 || name[0] == '\0')
		goto out;
	if (rst_xml_find(p, e, "collection", &cs, &ce, &next)) {
		r = walk_dir(wk, name);
		goto out;
	}
	if ((len = rst_xml_text(p, e, "getcontentlength")) != NULL)
		info.size = strtoull(len, NULL, 10);
	if ((mod = rst_xml_text(p, e, "getlastmodified")) != NULL)
		info.mtime = (int64_t)curl_getdate(mod, NULL);
	free(len);
	free(mod);
	r = rst_listwalk_object(wk, name, name, &info);
 out:
	free(href);
	free(name);
	return r;
}

static int
walk_dir(struct rst_listwalk *wk, const char *rel)
{
	struct rst_curl_repo *repo = wk->st->priv;
	struct rst_curl_xfer x;
	const char *p, *end, *cs, *ce;
	char *url, *what;
	int r;

	if ((r = rst_curl_list_dir(wk, rel, &url, &what)) != 0)
		return r;
	if ((r = rst_curl_xfer_init(&x, repo, url, wk->err)) == 0) {
		curl_easy_setopt(x.c, CURLOPT_CUSTOMREQUEST, "PROPFIND");
		curl_easy_setopt(x.c, CURLOPT_POSTFIELDS, propfind_body);
		if (rst_curl_xfer_header(&x, "Depth: 1") != 0 ||
		    rst_curl_xfer_header(&x, "Content-Type: application/xml")
		    != 0)
			r = rst_errf(wk->err, RST_ENOMEM, "out of memory");
		else	/* a folder that does not exist lists as empty */
			r = rst_err_accept(wk->err, rst_curl_perform(&x, repo,
			    what, wk->err), RST_ENOTFOUND);
	}
	p = (const char *)x.body.data;
	end = p + x.body.len;
	while (r == 0 && p != NULL && rst_xml_find(p, end, "response", &cs,
	    &ce, &p))
		r = one_response(wk, rel, cs, ce);
	rst_curl_xfer_release(&x);
	free(url);
	free(what);
	return r;
}

static int
webdav_list(struct rst_storage *st, const char *rel, bool include_tmp,
    rst_list_cb cb, void *arg, struct rst_err *err)
{
	struct rst_listwalk wk = { st, include_tmp, cb, arg, err, 0 };

	return walk_dir(&wk, rel);
}

static int
webdav_del(struct rst_storage *st, const char *name, struct rst_err *err)
{
	struct rst_curl_repo *repo = st->priv;
	char *url, *what;
	int r;

	url = rst_curl_url(repo, name);
	what = rst_strdupf("delete %s", name);
	if (url == NULL || what == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else
		r = rst_err_accept(err, request(repo, "DELETE", url, what,
		    NULL, NULL, NULL, err), RST_ENOTFOUND);
	free(url);
	free(what);
	return r;
}

struct count {
	const char	*prefix;
	size_t		 n;
};

static int
count_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct count *c = arg;

	(void)info;
	c->n += rst_storage_name_under(name, c->prefix);
	return 0;
}

/* DELETE takes a collection with all it holds: only once it is empty. */
static int
webdav_rmdir(struct rst_storage *st, const char *name, struct rst_err *err)
{
	struct rst_curl_repo *repo = st->priv;
	char *url = NULL, *what = NULL;
	struct count c = { name, 0 };
	int r;

	if ((r = webdav_list(st, name, true, count_cb, &c, err)) != 0)
		goto out;
	if (c.n > 0) {
		r = rst_errf(err, RST_ESTORAGE, "remove folder %s: %s: not "
		    "empty (%zu objects)", name, st->url, c.n);
		goto out;
	}
	url = rst_curl_dir_url(repo, name);
	what = rst_strdupf("remove folder %s", name);
	if (url == NULL || what == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else
		r = request(repo, "DELETE", url, what, NULL, NULL, NULL, err);
 out:
	r = rst_err_accept(err, r, RST_ENOTFOUND);
	free(url);
	free(what);
	return r;
}

/*
 * No stream_commit: a PUT of unknown length goes chunked, which not every
 * WebDAV server takes (some answer 411); a part uploads once complete.
 */
#define WEBDAV_OPS(s, clear) {			\
	.scheme = (s),				\
	.url_prefix = "webdav+",		\
	.priv_size = sizeof(struct webdav),	\
	.cleartext = (clear),			\
	.open = webdav_open,			\
	.create = rst_curl_create,		\
	.write = rst_curl_write,		\
	.commit = webdav_commit,		\
	.abort = rst_curl_abort,		\
	.open_read = rst_curl_open_read,	\
	.read = rst_curl_read,			\
	.rewind = rst_curl_rewind,		\
	.close_read = rst_curl_close_read,	\
	.list = webdav_list,			\
	.del = webdav_del,			\
	.stat = rst_curl_stat,			\
	.rmdir = webdav_rmdir,			\
	.close = webdav_close,			\
}

const struct rst_storage_ops rst_storage_webdav_https =
    WEBDAV_OPS("webdav+https", false);
const struct rst_storage_ops rst_storage_webdav_http =
    WEBDAV_OPS("webdav+http", true);
