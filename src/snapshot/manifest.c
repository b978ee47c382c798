/* SPDX-License-Identifier: ISC */
/*
 * manifest.json: what a snapshot holds (parts with their hashes, the index,
 * counts) in the layout DESIGN.md fixes.  The manifest is the document the
 * Ed25519 signature covers, so parsing is strict: a missing or mistyped
 * field is an integrity failure, not a default.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "restorable/snapshot.h"

static json_t *
part_json(const struct rst_part *p)
{
	return json_pack("{s:s, s:I, s:s}", "name", p->name, "size",
	    (json_int_t)p->size, "sha256", p->sha256);
}

static json_t *
manifest_json(const struct rst_manifest *m)
{
	json_t *o, *parts, *src, *index, *warn;
	size_t i;

	parts = json_array();
	for (i = 0; parts != NULL && i < m->nparts; i++)
		json_array_append_new(parts, part_json(&m->parts[i]));
	index = json_pack("{s:s, s:I, s:s, s:I, s:I, s:I}",
	    "name", m->index.name, "size", (json_int_t)m->index.size,
	    "sha256", m->index.sha256, "files", (json_int_t)m->files,
	    "dirs", (json_int_t)m->dirs, "bytes", (json_int_t)m->bytes);
	warn = json_pack("{s:I, s:I, s:I}",
	    "unreadable", (json_int_t)m->unreadable,
	    "changed", (json_int_t)m->changed,
	    "vanished", (json_int_t)m->vanished);
	o = json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:b}",
	    "format", "restorable-manifest", "version", 1,
	    "profile", m->profile, "snapshot", m->snapshot, "host", m->host,
	    "started", m->started, "finished", m->finished, "tool", m->tool,
	    "incomplete", m->incomplete);
	if (o == NULL || parts == NULL || index == NULL || warn == NULL) {
		json_decref(o);
		json_decref(parts);
		json_decref(index);
		json_decref(warn);
		return NULL;
	}
	if (strcmp(m->encryption, "none") == 0) {
		src = json_array();
		for (i = 0; src != NULL && i < m->sources.n; i++)
			json_array_append_new(src,
			    json_string(m->sources.v[i]));
		json_object_set_new(o, "sources", src);
	}
	json_object_set_new(o, "stream", json_pack("{s:s, s:s, s:I, s:s}",
	    "compression", m->compression, "encryption", m->encryption,
	    "size", (json_int_t)m->stream_size, "sha256", m->stream_sha256));
	json_object_set_new(o, "parts", parts);
	json_object_set_new(o, "index", index);
	json_object_set_new(o, "warnings", warn);
	json_object_set_new(o, "signing_key", json_string(m->signing_key));
	return o;
}

int
rst_manifest_format(const struct rst_manifest *m, char **out, size_t *len,
    struct rst_err *err)
{
	json_t *o;
	char *s, *nl;

	*out = NULL;
	if ((o = manifest_json(m)) == NULL)
		return rst_errf(err, RST_ENOMEM, "manifest: out of memory");
	s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL || (nl = rst_strdupf("%s\n", s)) == NULL) {
		free(s);
		return rst_errf(err, RST_ENOMEM, "manifest: out of memory");
	}
	free(s);
	*out = nl;
	*len = strlen(nl);
	return 0;
}

static bool
hex64(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 64)
		return false;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool
safe_part_name(const char *s)
{
	return s != NULL && s[0] != '\0' && strchr(s, '/') == NULL &&
	    strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

static int
parse_part(json_t *j, struct rst_part *p, struct rst_err *err)
{
	const char *name = NULL, *sha = NULL;
	json_int_t size = -1;

	if (json_unpack(j, "{s:s, s:I, s:s}", "name", &name, "size", &size,
	    "sha256", &sha) != 0 || size < 0 || !hex64(sha) ||
	    !safe_part_name(name))
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: malformed part entry");
	if ((p->name = strdup(name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	p->size = (uint64_t)size;
	memcpy(p->sha256, sha, RST_SHA256_HEX);
	return 0;
}

#define DUP(field, src)	\
	if ((m->field = strdup(src)) == NULL) \
		goto nomem

static int
parse_top(json_t *o, struct rst_manifest *m, struct rst_err *err)
{
	const char *fmt, *prof, *snap, *host, *st, *fin, *tool, *comp, *enc;
	const char *ssha, *key;
	json_int_t ver, ssize;
	int inc;

	if (json_unpack(o, "{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b,"
	    " s:{s:s, s:s, s:I, s:s}, s:s}",
	    "format", &fmt, "version", &ver, "profile", &prof,
	    "snapshot", &snap, "host", &host, "started", &st,
	    "finished", &fin, "tool", &tool, "incomplete", &inc,
	    "stream", "compression", &comp, "encryption", &enc,
	    "size", &ssize, "sha256", &ssha, "signing_key", &key) != 0 ||
	    strcmp(fmt, "restorable-manifest") != 0 || ver != 1 ||
	    ssize < 0 || !hex64(ssha) || strlen(key) != RST_FPR_LEN - 1)
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: missing or malformed fields");
	DUP(profile, prof); DUP(snapshot, snap); DUP(host, host);
	DUP(started, st); DUP(finished, fin); DUP(tool, tool);
	DUP(compression, comp); DUP(encryption, enc);
	m->incomplete = inc;
	m->stream_size = (uint64_t)ssize;
	memcpy(m->stream_sha256, ssha, RST_SHA256_HEX);
	memcpy(m->signing_key, key, RST_FPR_LEN);
	return 0;
 nomem:
	return rst_errf(err, RST_ENOMEM, "out of memory");
}

static int
parse_lists(json_t *o, struct rst_manifest *m, struct rst_err *err)
{
	json_t *parts, *idx, *w, *v;
	json_int_t files, dirs, bytes;
	size_t i;
	int r;

	parts = json_object_get(o, "parts");
	idx = json_object_get(o, "index");
	if (!json_is_array(parts) || json_array_size(parts) == 0 ||
	    (r = parse_part(idx, &m->index, err)) != 0 ||
	    json_unpack(idx, "{s:I, s:I, s:I}", "files", &files, "dirs",
	    &dirs, "bytes", &bytes) != 0)
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: malformed parts or index");
	m->files = (uint64_t)files;
	m->dirs = (uint64_t)dirs;
	m->bytes = (uint64_t)bytes;
	if ((m->parts = calloc(json_array_size(parts), sizeof(*m->parts)))
	    == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	json_array_foreach(parts, i, v) {
		if ((r = parse_part(v, &m->parts[i], err)) != 0)
			return r;
		m->nparts++;
	}
	if ((w = json_object_get(o, "warnings")) != NULL) {
		json_int_t a = 0, b = 0, c = 0;

		if (json_unpack(w, "{s:I, s:I, s:I}", "unreadable", &a,
		    "changed", &b, "vanished", &c) != 0)
			return rst_errf(err, RST_EINTEGRITY,
			    "manifest.json: malformed warnings");
		m->unreadable = (uint64_t)a;
		m->changed = (uint64_t)b;
		m->vanished = (uint64_t)c;
	}
	if ((v = json_object_get(o, "sources")) != NULL && json_is_array(v)) {
		if ((m->sources.v = calloc(json_array_size(v) + 1,
		    sizeof(char *))) == NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		json_array_foreach(v, i, w) {
			if (!json_is_string(w) || (m->sources.v[i] =
			    strdup(json_string_value(w))) == NULL)
				return rst_errf(err, RST_EINTEGRITY,
				    "manifest.json: malformed sources");
			m->sources.n++;
		}
	}
	return 0;
}

int
rst_manifest_parse(const void *p, size_t n, struct rst_manifest **out,
    struct rst_err *err)
{
	struct rst_manifest *m;
	json_error_t je;
	json_t *o;
	int r;

	*out = NULL;
	if ((o = json_loadb(p, n, JSON_REJECT_DUPLICATES, &je)) == NULL)
		return rst_errf(err, RST_EINTEGRITY,
		    "manifest.json: line %d: %s", je.line, je.text);
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		json_decref(o);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	if ((r = parse_top(o, m, err)) == 0)
		r = parse_lists(o, m, err);
	json_decref(o);
	if (r != 0) {
		rst_manifest_free(m);
		return r;
	}
	*out = m;
	return 0;
}

void
rst_manifest_free(struct rst_manifest *m)
{
	size_t i;

	if (m == NULL)
		return;
	free(m->profile);
	free(m->snapshot);
	free(m->host);
	free(m->started);
	free(m->finished);
	free(m->tool);
	free(m->compression);
	free(m->encryption);
	for (i = 0; i < m->nparts; i++)
		free(m->parts[i].name);
	free(m->parts);
	free(m->index.name);
	rst_strlist_release(&m->sources);
	free(m);
}
