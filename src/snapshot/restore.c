/* SPDX-License-Identifier: ISC */
/*
 * restore: verified parts -> zstd -> pax, read in step with the signed
 * index; every stream entry must be the index's entry of that place (same
 * path, same type, same link target) and only files, folders, symlinks and
 * hard links pass.  The writer (place.c) puts them below the target's
 * descriptor, never outside it, with each file hashed as written and
 * compared with the index before it gets its final name.  A write that
 * fails (a full disk) is "not restored", exit 1, never a success.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "restorable/browse.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"
#include "entrymap.h"
#include "place.h"

struct restore {
	const struct rst_profile	*p;	/* index cache; NULL: none */
	const struct rst_chain		*chain;
	struct rst_entrymap		*later;	/* files older links hold */
	const char			*link;	/* the older link being read */
	struct rst_buf			 base;	/* the chain's base index */
	bool				 have_base;
	const struct rst_index_list	*top;	/* the plan's index, or NULL */
	struct rst_stream		*stream;
	struct archive			*in;
	struct rst_indexreader		*ir;
	struct rst_place		*pl;
	const struct rst_restore_opts	*opts;
	bool				*matched;
	struct rst_progress		*prog;
	struct rst_restore_result	*res;
	struct rst_err			*err;
};

static bool
selected(struct restore *rs, const char *path)
{
	char buf[4096];
	size_t len = path != NULL ? strlen(path) : 0;

	/* Directories carry a trailing "/" in the stream, not in the index. */
	if (len > 1 && path[len - 1] == '/' && len < sizeof(buf)) {
		while (len > 1 && path[len - 1] == '/')
			len--;
		memcpy(buf, path, len);
		buf[len] = '\0';
		path = buf;
	}
	return path != NULL && rst_pattern_match(rs->opts->patterns,
	    rs->opts->npatterns, path, rs->matched);
}

/*
 * --strip N: the entry's path (and a hard link's target) without their
 * first N components; 1 when nothing is left (the entry is skipped).
 */
/*
 * Walk the verified index first only when it decides something before a
 * part is fetched: what a dry run shows, whether a pattern matches
 * anything (no target is made otherwise), --strip, and which parts a
 * partial restore needs.
 */
static bool
needs_plan(const struct rst_restore_opts *o)
{
	return o->dry_run || o->npatterns > 0 || o->strip > 0;
}

static int
strip_entry(struct restore *rs, const struct rst_index_entry *ie,
    struct rst_index_entry *out)
{
	const char *p;

	*out = *ie;
	if (rs->opts->strip == 0)
		return 0;
	if ((p = rst_path_strip(ie->path, rs->opts->strip)) == NULL)
		return 1;
	out->path = (char *)p;
	if (ie->type != RST_ENTRY_HARDLINK || ie->target == NULL)
		return 0;
	if ((p = rst_path_strip(ie->target, rs->opts->strip)) == NULL) {
		rst_log_warn("%s: hard link target %s is stripped away; "
		    "skipped", out->path, ie->target);
		return 1;
	}
	out->target = (char *)p;
	return 0;
}

static const char *
type_word(mode_t ft, bool hardlink)
{
	if (hardlink)
		return "hard link";
	switch (ft) {
	case AE_IFREG:	return "file";
	case AE_IFDIR:	return "folder";
	case AE_IFLNK:	return "symlink";
	case AE_IFCHR:	return "character device";
	case AE_IFBLK:	return "block device";
	case AE_IFIFO:	return "FIFO";
	case AE_IFSOCK:	return "socket";
	default:	return "special file";
	}
}

static const char *const index_words[] = {
	[RST_ENTRY_FILE] = "file", [RST_ENTRY_DIR] = "folder",
	[RST_ENTRY_SYMLINK] = "symlink", [RST_ENTRY_HARDLINK] = "hard link",
};

/* The stream entry is exactly the index entry of its place, or refused. */
static int
match_entry(struct archive_entry *ae, const struct rst_index_entry *ie,
    struct rst_err *err)
{
	const char *path = archive_entry_pathname(ae);
	const char *link = archive_entry_hardlink(ae), *want;
	mode_t ft = archive_entry_filetype(ae);
	enum rst_entry_type t;
	size_t len = path != NULL ? strlen(path) : 0;

	if (path == NULL)
		return rst_errf(err, RST_EINTEGRITY, "refusing a stream entry "
		    "without a name");
	if (link == NULL && ft != AE_IFREG && ft != AE_IFDIR && ft != AE_IFLNK)
		return rst_errf(err, RST_EINTEGRITY, "refusing %s: a %s (only "
		    "files, folders and links are restored)", path,
		    type_word(ft, false));
	/* Folders carry a trailing "/" in the stream, not in the index. */
	while (len > 1 && path[len - 1] == '/')
		len--;
	if (len != strlen(ie->path) || memcmp(path, ie->path, len) != 0)
		return rst_errf(err, RST_EINTEGRITY, "refusing %s: not in the "
		    "signed index (its entry there is %s)", path, ie->path);
	t = link != NULL ? RST_ENTRY_HARDLINK : ft == AE_IFREG ?
	    RST_ENTRY_FILE : ft == AE_IFDIR ? RST_ENTRY_DIR : RST_ENTRY_SYMLINK;
	if (t != ie->type)
		return rst_errf(err, RST_EINTEGRITY, "refusing %s: a %s in the "
		    "stream, a %s in the signed index", ie->path,
		    type_word(ft, link != NULL), index_words[ie->type]);
	want = t == RST_ENTRY_HARDLINK ? link : t == RST_ENTRY_SYMLINK ?
	    archive_entry_symlink(ae) : NULL;
	if ((t == RST_ENTRY_HARDLINK || t == RST_ENTRY_SYMLINK) &&
	    (want == NULL || ie->target == NULL || strcmp(want, ie->target)))
		return rst_errf(err, RST_EINTEGRITY, "refusing %s: its link "
		    "target differs from the signed index", ie->path);
	return 0;
}

static int
place_selected(struct restore *rs, struct archive_entry *ae,
    const struct rst_index_entry *ie)
{
	struct rst_index_entry placed;
	int r;

	if (!selected(rs, ie->path))
		return rst_place_skip(rs->pl, ie, rs->err);
	/* Patterns match the stored path; --strip changes where it lands. */
	if ((r = strip_entry(rs, ie, &placed)) != 0)
		return r > 0 ? 0 : r;
	if ((r = rst_place_entry(rs->pl, rs->in, ae, &placed,
	    &rs->res->bytes, rs->err)) != 0)
		return r;
	/* Without a plan walked first, say where each entry landed now. */
	if (!needs_plan(rs->opts) && rs->opts->plan_cb != NULL)
		rs->opts->plan_cb(rs->opts->plan_arg, ie, placed.path);
	if (ie->type == RST_ENTRY_FILE) {
		rs->res->files++;
		rst_progress_update(rs->prog, 0, 1);
	}
	return 0;
}

static int
restore_entry(struct restore *rs, struct archive_entry *ae,
    const struct rst_index_entry *ie)
{
	struct rst_entrymap_ent *fe;
	int r;

	if ((r = match_entry(ae, ie, rs->err)) != 0)
		return r;
	if (rs->link == NULL) {
		if (rs->opts->indexed != NULL &&
		    (r = rs->opts->indexed(rs->opts->arg, ie, rs->err)) != 0)
			return r;
		return place_selected(rs, ae, ie);
	}
	/* An older link: only what the restored snapshot takes from it. */
	if ((fe = rst_entrymap_find(rs->later, ie->path)) == NULL ||
	    fe->done || strcmp(fe->e.in, rs->link) != 0)
		return 0;
	if (!rst_index_same_held(ie, &fe->e))
		return rst_errf(rs->err, RST_EINTEGRITY, "%s: snapshot %s holds "
		    "another version than the index of %s names", ie->path,
		    rs->link, rs->chain->m[rs->chain->n - 1]->snapshot);
	fe->done = true;
	return place_selected(rs, ae, &fe->e);
}

/*
 * An index entry the stream of its own snapshot does not hold ("in"): in
 * the restored snapshot's index, noted for the pass over its holder, which
 * must be an older link of the chain; in an older link's, nothing.
 */
static int
defer_entry(struct restore *rs, const struct rst_index_entry *ie)
{
	const struct rst_chain *c = rs->chain;
	size_t k;
	int r;

	if (rs->link != NULL)
		return 0;
	for (k = 0; k + 1 < c->n; k++)
		if (strcmp(c->m[k]->snapshot, ie->in) == 0)
			break;
	if (k + 1 >= c->n)
		return rst_errf(rs->err, RST_EINTEGRITY, "%s: held by snapshot "
		    "%s, which is not an older link of the chain of %s",
		    ie->path, ie->in, c->m[c->n - 1]->snapshot);
	if (rs->opts->indexed != NULL &&
	    (r = rs->opts->indexed(rs->opts->arg, ie, rs->err)) != 0)
		return r;
	/* Only what the patterns select: other links are not fetched. */
	if (!rst_pattern_match(rs->opts->patterns, rs->opts->npatterns,
	    ie->path, NULL))
		return rst_place_skip(rs->pl, ie, rs->err);
	return rst_entrymap_add(rs->later, ie, rs->err);
}

/* Stream and index side by side: one entry each, to the end of both. */
static int
restore_loop(struct restore *rs)
{
	struct rst_index_entry ie;
	struct archive_entry *ae;
	int ar, more, r;

	memset(&ie, 0, sizeof(ie));
	for (;;) {
		if ((r = rst_interrupt_check(rs->err)) != 0)
			break;
		if ((r = more = rst_indexreader_next(rs->ir, &ie,
		    rs->err)) < 0)
			break;
		if (more && ie.in[0] != '\0') {
			r = defer_entry(rs, &ie);
			rst_index_entry_release(&ie);
			if (r != 0)
				break;
			continue;
		}
		ar = archive_read_next_header(rs->in, &ae);
		r = 0;
		if (ar == ARCHIVE_EOF && more == 0)
			break;
		if (ar != ARCHIVE_OK && ar != ARCHIVE_WARN) {
			r = ar == ARCHIVE_EOF ? rst_errf(rs->err,
			    RST_EINTEGRITY, "the index lists %s, missing from "
			    "the stream", ie.path) :
			    rst_stream_error(rs->stream, rs->err);
			break;
		}
		if (more == 0) {
			r = rst_errf(rs->err, RST_EINTEGRITY, "refusing %s: not "
			    "in the signed index", archive_entry_pathname(ae));
			break;
		}
		r = restore_entry(rs, ae, &ie);
		rst_index_entry_release(&ie);
		if (r != 0)
			break;
	}
	rst_index_entry_release(&ie);
	return r;
}

/* Open (or create, 0700) the target without following symlinks. */
static int
target_prepare(const struct rst_restore_opts *o, int *fd, struct rst_err *err)
{
	struct dirent *de;
	DIR *d;
	int r = 0, dfd;

	if ((r = rst_dir_open_secure(o->target, RST_DIR_CREATE, 0700, fd,
	    err)) != 0) {
		rst_err_prefix(err, "restore target");
		return r;
	}
	if (o->overwrite)
		return 0;
	if ((dfd = dup(*fd)) == -1 || (d = fdopendir(dfd)) == NULL) {
		r = rst_errno(err, RST_EIO, "%s", o->target);
		if (dfd >= 0)
			close(dfd);
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..")) {
			r = rst_errf(err, RST_EUSAGE, "%s: target folder is not "
			    "empty (use --overwrite)", o->target);
			break;
		}
	}
	closedir(d);
 out:
	if (r != 0) {
		close(*fd);
		*fd = -1;
	}
	return r;
}

static int
unmatched(struct restore *rs)
{
	size_t i;

	for (i = 0; i < rs->opts->npatterns; i++)
		if (!rs->matched[i])
			return rst_errf(rs->err, RST_EUSAGE, "%s: not found in "
			    "snapshot", rs->opts->patterns[i]);
	return 0;
}

static void
place_opts(struct restore *rs, struct rst_place_opts *po)
{
	const struct rst_restore_opts *o = rs->opts;

	memset(po, 0, sizeof(*po));
	po->overwrite = o->overwrite;
	po->keep_setid = o->keep_setid && !o->sandbox;
	po->acls = !o->sandbox;
	po->direct = o->sandbox;
	po->changed = o->changed;
	po->arg = o->arg;
	po->prog = rs->prog;
}

static int	link_ranged(struct restore *, struct rst_storage *, size_t);

/*
 * The plain index of the chain's base, fetched and verified once per
 * command: the base link's own index and the prefix of the others'.
 */
static int
chain_base(struct restore *rs, struct rst_storage *st,
    const struct rst_chain *c)
{
	int r;

	if (rs->have_base || c->n < 2)
		return 0;
	if ((r = rst_index_get_plain(rs->p, st, c->dir[0], c->m[0], c->sha[0],
	    rs->opts->ids, &rs->base, rs->err)) != 0)
		return r;
	rs->have_base = true;
	return 0;
}

/* One link's stream beside its index: the top first, then older ones. */
static int
extract_link(struct restore *rs, struct rst_storage *st, size_t k)
{
	const struct rst_chain *c = rs->chain;
	const struct rst_restore_opts *o = rs->opts;
	int r;

	rs->link = k + 1 == c->n ? NULL : c->m[k]->snapshot;
	if ((k == 0 || c->m[k]->index_patch_from) &&
	    (r = chain_base(rs, st, c)) != 0)
		return r;
	if ((r = link_ranged(rs, st, k)) <= 0)
		return r;
	if ((r = rst_indexreader_open_base(st, c->dir[k], c->m[k], o->ids,
	    rs->have_base ? &rs->base : NULL, &rs->ir, rs->err)) == 0 &&
	    (r = rst_stream_open(st, c->dir[k], c->m[k], o->ids, &rs->stream,
	    rs->err)) == 0) {
		rs->pl->o.stream = rs->stream;
		rs->in = rst_stream_archive(rs->stream);
		if ((r = restore_loop(rs)) == 0)
			r = rst_stream_finish(rs->stream, rs->err);
		rs->pl->o.stream = NULL;
	}
	rst_stream_close(rs->stream);
	rst_indexreader_close(rs->ir);
	rs->stream = NULL;
	rs->ir = NULL;
	return r;
}

/*
 * Extract below the target's descriptor fd: the restored snapshot's
 * stream, then, newest first, each older link that holds a file its index
 * names, taking from it only those files; nothing is written twice.
 */
static int
extract(struct restore *rs, struct rst_storage *st, const struct rst_chain *c,
    int fd)
{
	const struct rst_restore_opts *o = rs->opts;
	const struct rst_manifest *m = c->m[c->n - 1];
	struct rst_place_opts po;
	size_t k;
	int r;

	/* The snapshot's totals; a partial restore writes less, unchecked. */
	if (!o->force && o->npatterns == 0 && (r = rst_space_check(fd,
	    o->target, m->bytes, m->files + m->dirs, rs->err)) != 0) {
		snprintf(rs->res->cause, sizeof(rs->res->cause), "not enough "
		    "free space or inodes");
		return r;
	}
	place_opts(rs, &po);
	rs->chain = c;
	if ((rs->later = rst_entrymap_new()) == NULL)
		return rst_errf(rs->err, RST_ENOMEM, "out of memory");
	if ((r = rst_place_new(fd, o->target, &po, &rs->pl, rs->err)) != 0)
		goto out;
	for (k = c->n; r == 0 && k-- > 0;)
		if (k + 1 == c->n || rst_entrymap_count(rs->later,
		    c->m[k]->snapshot) > 0)
			r = extract_link(rs, st, k);
	if (r == 0 && (r = rst_entrymap_check_done(rs->later, m->snapshot,
	    rs->err)) == 0 && (r = rst_place_finish(rs->pl, rs->err)) == 0)
		r = unmatched(rs);
 out:
	snprintf(rs->res->cause, sizeof(rs->res->cause), "%s",
	    rst_place_cause(rs->pl));
	rs->res->stripped = rst_place_stripped(rs->pl);
	rst_place_free(rs->pl);
	rst_entrymap_free(rs->later);
	rs->later = NULL;
	return r;
}

/* Index entries before `to` that no run reads: known to the writer. */
static int
skip_to(struct restore *rs, const struct rst_index_list *l, size_t *j,
    size_t to)
{
	int r;

	/* An older link's entries are not the restored snapshot's. */
	for (; *j < to; (*j)++)
		if (rs->link == NULL &&
		    (r = rst_place_skip(rs->pl, &l->v[*j], rs->err)) != 0)
			return r;
	return 0;
}

/*
 * One run: its parts, then entries first..last in step with the index.
 * The stream stays open for the next run (closed by the caller).
 */
static int
read_run(struct restore *rs, struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_index_list *l,
    const struct rst_restore_run *run, size_t *j)
{
	struct archive_entry *ae;
	int ar, r;

	/* The run before fetched this run's first part: read on. */
	if (rs->stream != NULL &&
	    rst_stream_range_reaches(rs->stream, m, &run->rg))
		rst_stream_range_extend(rs->stream, m, &run->rg);
	else {
		rst_stream_close(rs->stream);
		rs->stream = NULL;
		if ((r = skip_to(rs, l, j, run->first)) != 0 ||
		    (r = rst_stream_open_range(st, dir, m, rs->opts->ids,
		    &run->rg, &rs->stream, rs->err)) != 0)
			return r;
	}
	rs->pl->o.stream = rs->stream;
	rs->in = rst_stream_archive(rs->stream);
	for (; *j <= run->last; (*j)++) {
		if ((r = rst_interrupt_check(rs->err)) != 0)
			break;
		ar = archive_read_next_header(rs->in, &ae);
		if (ar != ARCHIVE_OK && ar != ARCHIVE_WARN) {
			r = ar == ARCHIVE_EOF ? rst_errf(rs->err,
			    RST_EINTEGRITY, "the index lists %s, missing from "
			    "the stream", l->v[*j].path) :
			    rst_stream_error(rs->stream, rs->err);
			break;
		}
		if ((r = restore_entry(rs, ae, &l->v[*j])) != 0)
			break;
	}
	rs->pl->o.stream = NULL;
	return r;
}

/* Link k's index: the base's from its plain copy, the others' over it. */
static int
link_index(struct restore *rs, struct rst_storage *st, size_t k,
    struct rst_index_list *l)
{
	const struct rst_chain *c = rs->chain;
	char *name;
	int r;

	if (k > 0 || !rs->have_base)
		return rst_index_get_pre(rs->p, st, c->dir[k], c->m[k],
		    c->sha[k], rs->opts->ids, rs->have_base ? &rs->base : NULL,
		    l, rs->err);
	if ((name = rst_path_join(c->dir[0], c->m[0]->index.name)) == NULL)
		return rst_errf(rs->err, RST_ENOMEM, "out of memory");
	r = rst_index_list_plain(&rs->base, name, l, rs->err);
	free(name);
	return r;
}

/*
 * Which stream entries link k's runs must read: in the restored snapshot,
 * those the patterns select (its entries with "in" are noted for their
 * holders first); in an older link, the files the restored snapshot takes
 * from it.
 */
static int
select_entries(struct restore *rs, const struct rst_index_list *l,
    const struct rst_index_list *s, bool *sel)
{
	const struct rst_restore_opts *o = rs->opts;
	struct rst_entrymap_ent *fe;
	size_t i;
	int r;

	for (i = 0; rs->link == NULL && i < l->n; i++)
		if (l->v[i].in[0] != '\0' &&
		    (r = defer_entry(rs, &l->v[i])) != 0)
			return r;
	for (i = 0; i < s->n; i++) {
		if (rs->link == NULL)
			sel[i] = rst_pattern_match(o->patterns, o->npatterns,
			    s->v[i].path, NULL);
		else
			sel[i] = (fe = rst_entrymap_find(rs->later,
			    s->v[i].path)) != NULL && !fe->done &&
			    strcmp(fe->e.in, rs->link) == 0;
	}
	return 0;
}

/*
 * Link k read in runs from its index's stream positions, fetching only
 * the parts that hold what select_entries() picks; each part verified
 * whole before use.  1 when the link is read whole instead: the restored
 * snapshot without patterns, or an index without positions.
 */
static int
link_ranged(struct restore *rs, struct rst_storage *st, size_t k)
{
	const struct rst_manifest *m = rs->chain->m[k];
	struct rst_index_list own = { NULL, 0, NULL, NULL };
	struct rst_index_list s = { NULL, 0, NULL, NULL };
	const struct rst_index_list *l = rs->top;
	struct rst_restore_run *runs = NULL;
	size_t i, j = 0, nruns = 0;
	bool *sel = NULL;
	int r;

	if (rs->link == NULL && (rs->opts->npatterns == 0 || l == NULL))
		return 1;
	if (rs->link != NULL && (r = link_index(rs, st, k, &own)) != 0)
		return r;
	if (rs->link != NULL)
		l = &own;
	if ((r = rst_restore_stream_entries(l, &s, rs->err)) != 0)
		goto out;
	if (!rst_restore_ranged(m, &s)) {
		r = 1;
		goto out;
	}
	if ((sel = calloc(s.n, sizeof(*sel))) == NULL) {
		r = rst_errf(rs->err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = select_entries(rs, l, &s, sel)) != 0 ||
	    (r = rst_restore_runs(m, &s, sel, &runs, &nruns, rs->err)) != 0)
		goto out;
	for (i = 0; r == 0 && i < nruns; i++)
		r = read_run(rs, st, rs->chain->dir[k], m, &s, &runs[i], &j);
	rst_stream_close(rs->stream);
	rs->stream = NULL;
	if (r == 0)
		r = skip_to(rs, &s, &j, s.n);
 out:
	free(runs);
	free(sel);
	free(s.v);
	rst_index_list_release(&own);
	return r;
}

/*
 * The restored snapshot to the prepared target: a partial restore of a
 * full whose index has stream positions fetches only the parts it needs;
 * anything else reads the whole chain.
 */
static int
extract_top(struct restore *rs, struct rst_storage *st,
    const struct rst_chain *c, int fd, const struct rst_index_list *l)
{
	const struct rst_manifest *m = c->m[c->n - 1];

	/* A partial restore's totals are its plan's (the caller's). */
	if (rs->opts->npatterns == 0)
		rst_progress_totals(rs->prog, m->bytes, m->files, false);
	rst_progress_phase(rs->prog, "restore");
	rs->top = l->n > 0 ? l : NULL;
	return extract(rs, st, c, fd);
}

static int
restore_init(struct restore *rs, const struct rst_restore_opts *opts,
    struct rst_progress *prog, struct rst_restore_result *res,
    struct rst_err *err)
{
	memset(res, 0, sizeof(*res));
	memset(rs, 0, sizeof(*rs));
	rs->opts = opts;
	rs->prog = prog;
	rs->res = res;
	rs->err = err;
	if ((rs->matched = calloc(opts->npatterns + 1, sizeof(bool))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

int
rst_restore_extract(struct rst_storage *st, const struct rst_chain *c,
    const struct rst_restore_opts *opts,
    struct rst_progress *prog, struct rst_restore_result *res,
    struct rst_err *err)
{
	struct restore rs;
	double t0 = rst_mono_seconds();
	int r;

	if ((r = restore_init(&rs, opts, prog, res, err)) != 0)
		return r;
	if (!opts->sandbox)
		r = rst_errf(err, RST_EINTERNAL, "extract: not a sandbox");
	else
		r = extract(&rs, st, c, opts->sandbox_fd);
	res->seconds = rst_mono_seconds() - t0;
	rst_buf_release(&rs.base);
	free(rs.matched);
	return r;
}

/* What the restore writes, from the index of the restored snapshot. */
static int
plan(struct restore *rs, struct rst_storage *st, const struct rst_chain *c,
    struct rst_index_list *l)
{
	size_t k = c->n - 1;
	int r;

	if (!needs_plan(rs->opts))
		return 0;
	if (c->m[k]->index_patch_from && (r = chain_base(rs, st, c)) != 0)
		return r;
	return rst_restore_plan(rs->p, st, c->dir[k], c->m[k], c->sha[k],
	    rs->have_base ? &rs->base : NULL, rs->opts, l, rs->err);
}

/* Every link's manifest verified and its folder holding only its objects. */
static int
load_chain(struct rst_storage *st, const struct rst_profile *p,
    const char *id, EVP_PKEY *key, struct rst_chain **c, struct rst_err *err)
{
	size_t k;
	int r;

	if ((r = rst_chain_load(st, p->name, id, key, c, err)) != 0)
		return r;
	for (k = 0; r == 0 && k < (*c)->n; k++)
		r = rst_verify_listing(st, (*c)->dir[k], (*c)->m[k], err);
	return r;
}

int
rst_restore_run(struct rst_storage *st, const struct rst_profile *p,
    const char *id, EVP_PKEY *key, const struct rst_restore_opts *opts,
    struct rst_progress *prog, struct rst_restore_result *res,
    struct rst_err *err)
{
	struct rst_index_list l = { NULL, 0, NULL, NULL };
	struct rst_chain *c = NULL;
	struct restore rs;
	double t0 = rst_mono_seconds();
	int r, fd = -1;

	if ((r = restore_init(&rs, opts, prog, res, err)) != 0)
		return r;
	rs.p = p;
	/*
	 * The signed manifests of the chain and the index first; then one
	 * read of each part, every part proven before any of its bytes is
	 * extracted.
	 */
	if ((r = load_chain(st, p, id, key, &c, err)) == 0 &&
	    (r = plan(&rs, st, c, &l)) == 0 && !opts->dry_run &&
	    (r = target_prepare(opts, &fd, err)) == 0)
		r = extract_top(&rs, st, c, fd, &l);
	rst_index_list_release(&l);
	if (fd >= 0)
		close(fd);
	rst_progress_done(prog);
	res->seconds = rst_mono_seconds() - t0;
	rst_chain_free(c);
	rst_buf_release(&rs.base);
	free(rs.matched);
	return r;
}
