/* SPDX-License-Identifier: ISC */
/*
 * Listings from servers, for the libcurl backends: the minimal XML reader
 * for WebDAV PROPFIND and S3 ListObjectsV2 replies, the "ls -l" line parser
 * for SFTP and FTPS, and the recursive directory walk built on it.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "curl_common.h"

static const char *
elem_name(const char *n, const char *end, const char **local)
{
	const char *ne = n, *colon = NULL;

	while (ne < end && !isspace((unsigned char)*ne) && *ne != '>' &&
	    *ne != '/') {
		if (*ne == ':')
			colon = ne;
		ne++;
	}
	*local = colon ? colon + 1 : n;
	return ne;
}

bool
rst_xml_find(const char *p, const char *end, const char *tag,
    const char **cs, const char **ce, const char **next)
{
	size_t tl = strlen(tag);
	const char *ne, *local, *gt, *q;

	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		p++;
		if (p >= end || *p == '/' || *p == '?' || *p == '!')
			continue;
		ne = elem_name(p, end, &local);
		if ((size_t)(ne - local) != tl || memcmp(local, tag, tl) != 0)
			continue;
		if ((gt = memchr(ne, '>', (size_t)(end - ne))) == NULL)
			return false;
		if (gt[-1] == '/') {
			*cs = *ce = *next = gt + 1;
			return true;
		}
		for (q = gt + 1; q + 2 < end &&
		    (q = memmem(q, (size_t)(end - q), "</", 2)) != NULL; q += 2) {
			ne = elem_name(q + 2, end, &local);
			if ((size_t)(ne - local) != tl ||
			    memcmp(local, tag, tl) != 0)
				continue;
			*cs = gt + 1;
			*ce = q;
			gt = memchr(ne, '>', (size_t)(end - ne));
			*next = gt ? gt + 1 : end;
			return true;
		}
		return false;
	}
	return false;
}

static size_t
xml_entity(const char *p, const char *e, char *out)
{
	static const char *const ent[][2] = { { "amp;", "&" },
	    { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
	    { "apos;", "'" } };
	unsigned long v;
	size_t i;
	char *end;

	for (i = 0; i < sizeof(ent) / sizeof(ent[0]); i++)
		if ((size_t)(e - p) >= strlen(ent[i][0]) &&
		    strncmp(p, ent[i][0], strlen(ent[i][0])) == 0) {
			*out = ent[i][1][0];
			return strlen(ent[i][0]);
		}
	if (p < e && *p == '#') {
		v = p[1] == 'x' ? strtoul(p + 2, &end, 16) :
		    strtoul(p + 1, &end, 10);
		if (end < e && *end == ';' && v > 0 && v < 128) {
			*out = (char)v;
			return (size_t)(end + 1 - p);
		}
	}
	*out = '&';
	return 0;
}

char *
rst_xml_text(const char *p, const char *end, const char *tag)
{
	const char *cs, *ce, *next;
	char *out, *q;

	if (!rst_xml_find(p, end, tag, &cs, &ce, &next))
		return NULL;
	while (cs < ce && isspace((unsigned char)*cs))
		cs++;
	while (ce > cs && isspace((unsigned char)ce[-1]))
		ce--;
	if ((out = malloc((size_t)(ce - cs) + 1)) == NULL)
		return NULL;
	for (q = out; cs < ce; cs++) {
		if (*cs == '&')
			cs += xml_entity(cs + 1, ce, q++);
		else
			*q++ = *cs;
	}
	*q = '\0';
	return out;
}

static int64_t
ls_time(const char *mon, const char *day, const char *yt)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *m = strstr(months, mon);
	time_t now = time(NULL);
	struct tm tm, cur;
	int64_t t;

	if (m == NULL || strlen(mon) != 3 || (m - months) % 3 != 0)
		return 0;
	gmtime_r(&now, &cur);
	memset(&tm, 0, sizeof(tm));
	tm.tm_mon = (int)((m - months) / 3);
	tm.tm_mday = atoi(day);
	if (strchr(yt, ':') != NULL) {
		tm.tm_year = cur.tm_year;
		sscanf(yt, "%d:%d", &tm.tm_hour, &tm.tm_min);
		t = (int64_t)timegm(&tm);
		if (t > (int64_t)now + 86400) {
			tm.tm_year--;
			t = (int64_t)timegm(&tm);
		}
		return t;
	}
	tm.tm_year = atoi(yt) - 1900;
	return (int64_t)timegm(&tm);
}

bool
rst_ls_parse(const char *line, char *type, struct rst_objinfo *info,
    char **name)
{
	char f[8][64];
	const char *p = line;
	int i, n;

	for (i = 0; i < 8; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (sscanf(p, "%63s%n", f[i], &n) != 1)
			return false;
		p += n;
	}
	if (*p != ' ' && *p != '\t')
		return false;
	p++;
	while (*p == ' ' && i++ < 16)	/* names rarely start with blanks */
		p++;
	if (*p == '\0' || strlen(f[0]) < 10)
		return false;
	*type = f[0][0];
	info->size = strtoull(f[4], NULL, 10);
	info->mtime = ls_time(f[5], f[6], f[7]);
	*name = strdup(p);
	return *name != NULL;
}

int
rst_curl_list_dir(struct rst_listwalk *wk, const char *rel, char **url,
    char **what)
{
	int r;

	*url = *what = NULL;
	if ((r = rst_listwalk_enter(wk, rel)) != 0)
		return r;
	if ((*url = rst_curl_dir_url(wk->st->priv, rel)) == NULL ||
	    (*what = rst_strdupf("list %s", rel[0] ? rel : "/")) == NULL) {
		free(*url);
		*url = NULL;
		return rst_errf(wk->err, RST_ENOMEM, "out of memory");
	}
	return 0;
}

static int	ls_dir(struct rst_listwalk *, const char *rel);

static int
ls_entries(struct rst_listwalk *wk, const char *rel, char *text)
{
	struct rst_objinfo info;
	char *line, *save = NULL, *name, *child, type;
	size_t l;
	int r = 0;

	for (line = strtok_r(text, "\n", &save); r == 0 && line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((l = strlen(line)) > 0 && line[l - 1] == '\r')
			line[l - 1] = '\0';
		if (!rst_ls_parse(line, &type, &info, &name))
			continue;
		child = strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
		    strchr(name, '/') != NULL ? NULL :
		    rst_listwalk_child(rel, name);
		if (child != NULL && type == 'd')
			r = ls_dir(wk, child);
		else if (child != NULL && type == '-')
			r = rst_listwalk_object(wk, child, name, &info);
		free(child);
		free(name);
	}
	return r;
}

static int
ls_dir(struct rst_listwalk *wk, const char *rel)
{
	struct rst_curl_repo *repo = wk->st->priv;
	struct rst_curl_xfer x;
	char *url, *what, *text = NULL;
	int r;

	if ((r = rst_curl_list_dir(wk, rel, &url, &what)) != 0)
		return r;
	if ((r = rst_curl_xfer_init(&x, repo, url, wk->err)) == 0) {
		r = rst_curl_perform(&x, repo, what, wk->err);
		/* A folder that does not exist lists as empty. */
		if (r == RST_ENOTFOUND || (r == RST_ESTORAGE &&
		    x.status == 550)) {
			rst_err_clear(wk->err);
			r = 0;
		} else if (r == 0 && (text = strndup(x.body.data ?
		    (char *)x.body.data : "", x.body.len)) == NULL)
			r = rst_errf(wk->err, RST_ENOMEM, "out of memory");
		rst_curl_xfer_release(&x);
	}
	if (r == 0 && text != NULL)
		r = ls_entries(wk, rel, text);
	free(text);
	free(url);
	free(what);
	return r;
}

int
rst_curl_ls_list(struct rst_storage *st, const char *rel, bool include_tmp,
    rst_list_cb cb, void *arg, struct rst_err *err)
{
	struct rst_listwalk wk = { st, include_tmp, cb, arg, err, 0 };

	while (*rel == '/')
		rel++;
	return ls_dir(&wk, rel);
}
