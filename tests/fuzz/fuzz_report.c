/* SPDX-License-Identifier: ISC */
/*
 * The report: a fuzzed journal (its verified records) through the model
 * and the HTML and Markdown renderers.  The input is JSON: an array of
 * records, or an object {"name", "problem", "bad_text", "bad_line",
 * "verified", "repository", "lang", "records"}.  Whatever the strings
 * hold, the HTML must contain no markup but the renderer's own (every '<'
 * opens a known element, every '&' an entity, no '<' inside an attribute)
 * and the Markdown no unescaped '<' and no table row whose unescaped '|'
 * count differs from its header's.  FUZZ_REPORT_DUMP=1 prints both.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>

#include "report.h"

#include "fuzz.h"

static void
fail(const char *what, const char *doc, const char *at)
{
	fprintf(stderr, "fuzz_report: %s at offset %zu: %.80s\n", what,
	    (size_t)(at - doc), at);
	abort();
}

static bool
known_tag(const char *p, size_t n)
{
	static const char *const tags[] = { "a", "body", "br", "circle",
	    "code", "div", "figcaption", "figure", "footer", "h1", "h2", "h3",
	    "head", "header", "html", "li", "line", "meta", "p", "polyline",
	    "pre", "rect", "section", "span", "strong", "style", "svg",
	    "table", "td", "text", "th", "title", "tr", "ul", "thead", "tbody",
	    "ol", "em", "small", "g", "tspan", "details", "summary", "main",
	    "nav", "dl", "dt", "dd", "b", "i", "path", "caption", NULL };
	size_t i;

	for (i = 0; tags[i] != NULL; i++)
		if (strlen(tags[i]) == n && memcmp(tags[i], p, n) == 0)
			return true;
	return false;
}

static void
check_entity(const char *doc, const char *p)
{
	const char *q = p + 1;

	if (*q == '#') {
		q++;
		if (*q == 'x')
			q++;
		if (!isxdigit((unsigned char)*q))
			fail("bare '&'", doc, p);
		while (isxdigit((unsigned char)*q))
			q++;
	} else {
		if (!isalpha((unsigned char)*q))
			fail("bare '&'", doc, p);
		while (isalnum((unsigned char)*q))
			q++;
	}
	if (*q != ';')
		fail("bare '&'", doc, p);
}

static void
check_html(const char *doc)
{
	const char *p = doc, *n;
	char quote;

	if (strncmp(p, "<!DOCTYPE html>", 15) == 0)
		p += 15;
	for (; *p != '\0'; p++) {
		if (*p == '&')
			check_entity(doc, p);
		if (*p == '>')
			continue;
		if (*p != '<')
			continue;
		n = p + 1 + (p[1] == '/');
		while (isalnum((unsigned char)*n))
			n++;
		if (!known_tag(p + 1 + (p[1] == '/'),
		    (size_t)(n - p - 1 - (p[1] == '/'))))
			fail("unknown or unescaped markup", doc, p);
		/* Inside the tag: quoted attribute values hold no markup. */
		for (quote = 0; *n != '\0' && (quote || *n != '>'); n++) {
			if (quote && *n == quote)
				quote = 0;
			else if (!quote && (*n == '"' || *n == '\''))
				quote = *n;
			else if (*n == '<')
				fail("'<' inside a tag", doc, n);
			else if (quote && *n == '&')
				check_entity(doc, n);
		}
		if (*n == '\0')
			fail("unterminated tag", doc, p);
		p = n;
	}
}

static size_t
md_pipes(const char *l, const char *e)
{
	size_t n = 0, bs = 0;

	for (; l < e; l++) {
		if (*l == '|' && bs % 2 == 0)
			n++;
		bs = *l == '\\' ? bs + 1 : 0;
	}
	return n;
}

static void
check_md(const char *doc)
{
	const char *l = doc, *e;
	size_t cols = 0, bs, n;
	bool fence = false;

	for (; *l != '\0'; l = *e ? e + 1 : e) {
		e = strchrnul(l, '\n');
		if (strncmp(l, "```", 3) == 0) {
			fence = !fence;
			continue;
		}
		if (fence)
			continue;
		for (bs = 0, n = 0; l + n < e; n++) {
			if (l[n] == '<' && bs % 2 == 0)
				fail("unescaped '<' in Markdown", doc, l + n);
			bs = l[n] == '\\' ? bs + 1 : 0;
		}
		if (*l != '|') {
			cols = 0;
			continue;
		}
		n = md_pipes(l, e);
		if (cols == 0)
			cols = n;
		else if (n != cols)
			fail("table row with a stray '|'", doc, l);
	}
	if (fence)
		fail("unclosed code fence", doc, doc);
}

static const char *
str(const json_t *o, const char *k, const char *dflt)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : dflt;
}

static void
render(const json_t *model, const struct rst_report_meta *meta, bool html)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	int r;

	r = html ? rst_report_html(model, meta, &b, &err) :
	    rst_report_md(model, meta, &b, &err);
	if (r == 0) {
		if (rst_buf_append(&b, "", 1) != 0)
			abort();
		/* FUZZ_REPORT_DUMP=1: show what an input renders to. */
		if (getenv("FUZZ_REPORT_DUMP") != NULL)
			fprintf(stderr, "%s\n", (const char *)b.data);
		if (html)
			check_html((const char *)b.data);
		else
			check_md((const char *)b.data);
	} else if (err.code == 0)
		abort();
	rst_buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rst_report_journal j;
	struct rst_report_set set = { .v = &j, .n = 1 };
	struct rst_report_period per = { 1793491200, 1798761599, 1798761600 };
	struct rst_report_meta meta = { .lang = RST_LANG_EN,
	    .file = "report.html" };
	json_t *in, *model, *recs;
	json_int_t bad;

	if ((in = json_loadb((const char *)data, size, 0, NULL)) == NULL)
		return 0;
	memset(&j, 0, sizeof(j));
	recs = json_is_array(in) ? in : json_object_get(in, "records");
	j.records = json_is_array(recs) ? json_incref(recs) : json_array();
	j.name = (char *)str(in, "name", "fuzz");
	j.problem = (char *)str(in, "problem", NULL);
	j.bad_text = (char *)str(in, "bad_text", NULL);
	bad = json_integer_value(json_object_get(in, "bad_line"));
	j.bad_line = bad > 0 ? (uint64_t)bad : 0;
	j.verified = !json_is_false(json_object_get(in, "verified"));
	j.local = true;
	j.lines = json_array_size(j.records);
	j.repo_copy = "equal";
	set.repository = (char *)str(in, "repository", NULL);
	if (rst_lang_parse(str(in, "lang", "en"), &meta.lang) != 0)
		meta.lang = RST_LANG_EN;
	if (json_is_string(json_object_get(in, "signing_key")))
		meta.key_fpr = str(in, "signing_key", NULL);
	if ((model = rst_report_model(&set, &per, &meta)) != NULL) {
		rst_report_status(model, meta.lang);
		meta.report_id = "0123456789abcdef";
		render(model, &meta, true);
		render(model, &meta, false);
		json_decref(model);
	}
	json_decref(j.records);
	json_decref(in);
	return 0;
}
