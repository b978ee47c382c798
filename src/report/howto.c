/* SPDX-License-Identifier: ISC */
/*
 * "How to check this report": shell commands an auditor runs, exactly as
 * printed, with stock tools only (openssl, sha256sum, awk, sed, base64,
 * a POSIX shell), in a folder laid out as the repository's top folder
 * (keys/, journal/, snapshots/) holding the report, its .sig and
 * signing.pub: a copy of the repository, or the folder report --bundle
 * writes (bundle.c), which holds everything but the parts, so the step
 * that checks them says it needs the repository.  Each step is a
 * sentence in the report's language and a block of commands that prints
 * OK or ends non-zero naming what failed.  The
 * rules checked are FORMATS.md's: the signature covers the line up to
 * ,"sig":" followed by }; prev is the SHA-256 of the previous line
 * without its newline, for seq 0 of keys/NAME.pub as it is; seq counts
 * from 0; the head names the count and the last line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restorable/snapshot.h"

#include "bundle.h"
#include "report.h"

/* s as one shell word: as is when plain, else 'it'\''s' */
static void
sq(struct rst_buf *b, const char *s, int *bad)
{
	if (*s != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
	    "opqrstuvwxyz0123456789._-") == strlen(s)) {
		*bad |= rst_buf_append(b, s, strlen(s));
		return;
	}
	*bad |= rst_buf_append(b, "'", 1);
	for (; *s != '\0'; s++)
		*bad |= *s == '\'' ? rst_buf_append(b, "'\\''", 4) :
		    rst_buf_append(b, s, 1);
	*bad |= rst_buf_append(b, "'", 1);
}

/* Append fmt, where each "@" is the next word of words, shell-quoted. */
static void
cmd(struct rst_buf *b, int *bad, const char *fmt, const char *const *words)
{
	for (; *fmt != '\0'; fmt++)
		if (*fmt == '@')
			sq(b, *words++, bad);
		else
			*bad |= rst_buf_append(b, fmt, 1);
}

static int
step(json_t *steps, char *text, struct rst_buf *b, int bad, bool repo)
{
	json_t *o = NULL;

	if (!bad && text != NULL && b->data != NULL)
		o = json_pack("{s:s, s:s%, s:b}", "text", text, "commands",
		    (const char *)b->data, b->len, "needs_repository", repo);
	free(text);
	rst_buf_release(b);
	return o == NULL || json_array_append_new(steps, o) != 0 ? -1 : 0;
}

/* The report's file name as the blocks name it. */
static const char *
report_file(const struct rst_report_meta *m)
{
	if (m->file != NULL)
		return m->file;
	return m->format != NULL ? m->format->file : "report.html";
}

static int
report_sig(json_t *steps, enum rst_lang l, const struct rst_report_meta *m)
{
	struct rst_buf b = RST_BUF_INIT;
	const char *f = report_file(m);
	char *sig = rst_strdupf("%s.sig", f), *hex;
	const char *w[2] = { f, sig };
	int bad = sig == NULL;

	if (!bad)
		cmd(&b, &bad, "openssl pkeyutl -verify -pubin -inkey "
		    "signing.pub -rawin -in @ -sigfile @\n", w);
	hex = strchr(m->key_fpr, ':');
	if (!bad && hex != NULL)
		bad |= rst_buf_printf(&b, "openssl pkey -pubin -in signing.pub "
		    "-outform DER | sha256sum | grep -qx '%s  -' && echo "
		    "'signing.pub: OK'\n", hex + 1);
	free(sig);
	return step(steps, rst_msgf(l, RST_MSG_VERIFY_SIG, 0), &b, bad,
	    false);
}

/* Every line: seq, prev and signature; keys/NAME.pub's fingerprint first. */
static const char journal_cmds[] =
    "( set -e; t=$(mktemp -d); trap 'rm -r \"$t\"' EXIT\n"
    "  prev=$(sha256sum < keys/@.pub | cut -d' ' -f1); n=0\n"
    "  while IFS= read -r line; do\n"
    "    case $line in\n"
    "    \"{\\\"v\\\":1,\\\"seq\\\":$n,\\\"ts\\\":\"*\"\\\",\\\"prev\\\":"
    "\\\"$prev\\\",\"*) ;;\n"
    "    *) echo \"line $((n + 1)): seq or prev broken\"; exit 1 ;;\n"
    "    esac\n"
    "    printf '%s}' \"${line%,\\\"sig\\\":\\\"*}\" > \"$t/body\"\n"
    "    s=${line##*,\\\"sig\\\":\\\"}; printf '%s' \"${s%\\\"\\}}\" | "
    "base64 -d > \"$t/sig\"\n"
    "    openssl pkeyutl -verify -pubin -inkey keys/@.pub -rawin "
    "-in \"$t/body\" -sigfile \"$t/sig\" > /dev/null ||\n"
    "      { echo \"line $((n + 1)): signature does not verify\"; "
    "exit 1; }\n"
    "    prev=$(printf '%s' \"$line\" | sha256sum | cut -d' ' -f1); "
    "n=$((n + 1))\n"
    "  done < journal/@.jsonl\n"
    "  echo \"journal: $n lines OK\" )\n";

/* The head: count and last line, its signature; the report's last line. */
static const char head_cmds[] =
    "( set -e; t=$(mktemp -d); trap 'rm -r \"$t\"' EXIT\n"
    "  h=$(cat journal/@.head); n=$(wc -l < journal/@.jsonl)\n"
    "  last=$(tail -n 1 journal/@.jsonl | tr -d '\\n' | sha256sum | "
    "cut -d' ' -f1)\n"
    "  case $h in\n"
    "  \"{\\\"v\\\":1,\\\"count\\\":$n,\\\"last\\\":\\\"$last\\\","
    "\\\"sig\\\":\\\"\"*) ;;\n"
    "  *) echo \"the head does not name the last line\"; exit 1 ;;\n"
    "  esac\n"
    "  printf '%s}' \"${h%,\\\"sig\\\":\\\"*}\" > \"$t/body\"\n"
    "  s=${h##*,\\\"sig\\\":\\\"}; printf '%s' \"${s%\\\"\\}}\" | base64 -d "
    "> \"$t/sig\"\n"
    "  openssl pkeyutl -verify -pubin -inkey keys/@.pub -rawin "
    "-in \"$t/body\" -sigfile \"$t/sig\" > /dev/null\n"
    "  echo \"head: $n lines OK\" )\n";

static int
journal_steps(json_t *steps, enum rst_lang l, const json_t *p)
{
	const char *name = rst_jstr(p, "name"), *fpr = rst_jstr(p,
	    "key_fingerprint"), *w[8];
	const json_t *h = json_object_get(json_object_get(p, "journal"),
	    "head");
	struct rst_buf b = RST_BUF_INIT;
	char num[32];
	int bad = 0, i;

	for (i = 0; i < 8; i++)
		w[i] = name;
	if (fpr != NULL && strchr(fpr, ':') != NULL) {
		cmd(&b, &bad, "openssl pkey -pubin -in keys/@.pub -outform DER "
		    "| sha256sum | ", w);
		bad |= rst_buf_printf(&b, "grep -qx '%s  -' && "
		    "echo 'key: OK'\n", strchr(fpr, ':') + 1) != 0;
	}
	cmd(&b, &bad, journal_cmds, w);
	if (step(steps, rst_msgf(l, RST_MSG_VERIFY_JOURNAL, 1, name), &b,
	    bad, false) != 0)
		return -1;
	bad = 0;
	cmd(&b, &bad, head_cmds, w);
	if (json_is_object(h) && rst_jstr(h, "sha256") != NULL) {
		cmd(&b, &bad, "sed -n '", w);
		bad |= rst_buf_printf(&b, "%lldp' journal/", rst_jint(h,
		    "records"));
		cmd(&b, &bad, "@.jsonl | tr -d '\\n' | sha256sum | ", w);
		bad |= rst_buf_printf(&b, "grep -qx '%s  -' && echo 'line "
		    "%lld: OK'\n", rst_jstr(h, "sha256"), rst_jint(h,
		    "records"));
	}
	snprintf(num, sizeof(num), "%lld", json_is_object(h) ?
	    rst_jint(h, "records") : 0LL);
	return step(steps, rst_msgf(l, RST_MSG_HOWTO_HEAD, 2, name, num), &b,
	    bad, false);
}

/* The manifest: its signature, and its SHA-256 as its backup journaled it. */
static const char manifest_cmds[] =
    "( cd snapshots/@/@ &&\n"
    "  openssl pkeyutl -verify -pubin -inkey ../../../keys/@.pub -rawin "
    "-in manifest.json -sigfile manifest.json.sig &&\n"
    "  grep -qF \"\\\"manifest_sha256\\\":\\\"$(sha256sum < manifest.json "
    "| cut -d' ' -f1)\\\"\" ../../../journal/@.jsonl &&\n"
    "  echo 'manifest.json: OK' )\n";

/* Every part and the index against the manifest's list (in a repository). */
static const char parts_cmds[] =
    "  awk -F'\"' '/^ *\"name\": /{n=$4} /^ *\"sha256\": /{if (n != \"\") "
    "print $4 \"  \" n; n=\"\"}' manifest.json | sha256sum -c )\n";

/*
 * Two steps: the manifest, which a bundle holds, and its parts, which need
 * the repository; the parts step first ties the repository's manifest to
 * the one the report names, by its SHA-256 when the document has it.
 */
static int
manifest_steps(json_t *steps, enum rst_lang l, const json_t *p)
{
	const json_t *g = json_object_get(p, "newest_good_backup");
	const char *name = rst_jstr(p, "name"), *id = rst_jstr(g, "snapshot");
	const char *sha = rst_jstr(g, "manifest_sha256");
	const char *w[4] = { name, id, name, name };
	struct rst_buf b = RST_BUF_INIT;
	int bad = 0;

	if (id == NULL || !rst_snapshot_id_valid(id))
		return 0;
	cmd(&b, &bad, manifest_cmds, w);
	if (step(steps, rst_msgf(l, RST_MSG_VERIFY_MANIFEST, 2, name, id),
	    &b, bad, false) != 0)
		return -1;
	bad = 0;
	cmd(&b, &bad, "( cd snapshots/@/@ &&\n", w);
	if (sha != NULL && strlen(sha) == RST_SHA256_HEX - 1 &&
	    strspn(sha, "0123456789abcdef") == RST_SHA256_HEX - 1)
		bad |= rst_buf_printf(&b, "  sha256sum < manifest.json | "
		    "grep -qx '%s  -' &&\n", sha) != 0;
	else
		cmd(&b, &bad, "  grep -qF \"\\\"manifest_sha256\\\":\\\"$("
		    "sha256sum < manifest.json | cut -d' ' -f1)\\\"\" "
		    "../../../journal/@.jsonl &&\n", w + 2);
	cmd(&b, &bad, parts_cmds, w);
	return step(steps, rst_msgf(l, RST_MSG_VERIFY_PARTS, 2, name, id),
	    &b, bad, true);
}

/*
 * The newest RFC 3161 token: line N's SHA-256 is its imprint, and it
 * verifies with the TSA's certificate at its own time (the certificate
 * as configured here, or the bundle's copy of it).
 */
static int
token_step(json_t *steps, const struct rst_report_meta *m, const json_t *p)
{
	const json_t *a = json_object_get(json_object_get(p, "journal"),
	    "anchor"), *n = json_object_get(a, "newest");
	const char *name = rst_jstr(p, "name"), *sha = rst_jstr(n, "sha256");
	const char *w[3] = { name, rst_jstr(n, "file"), NULL };
	struct rst_buf b = RST_BUF_INIT;
	char line[32], *ca;
	int64_t at;
	int bad;

	if (w[1] == NULL || sha == NULL || strlen(sha) != RST_SHA256_HEX - 1 ||
	    strspn(sha, "0123456789abcdef") != RST_SHA256_HEX - 1 ||
	    rst_jstr(a, "tsa_ca_file") == NULL ||
	    rst_parse_rfc3339(rst_jstr(n, "gen_time"), &at) != 0)
		return 0;
	ca = m->bundle ? rst_report_bundle_tsa_ca(name) :
	    strdup(rst_jstr(a, "tsa_ca_file"));
	w[2] = ca;
	bad = ca == NULL;
	if (!bad)
		bad |= rst_buf_printf(&b, "sed -n '%lldp' journal/",
		    rst_jint(n, "line")) != 0;
	if (!bad)
		cmd(&b, &bad, "@.jsonl | tr -d '\\n' | sha256sum | ", w);
	if (!bad)
		bad |= rst_buf_printf(&b, "grep -qx '%s  -' &&\nopenssl ts "
		    "-verify -digest %s -in ", sha, sha) != 0;
	if (!bad)
		cmd(&b, &bad, "@ -CAfile @", w + 1);
	if (!bad)
		bad |= rst_buf_printf(&b, " -attime %lld\n", (long long)at) != 0;
	free(ca);
	snprintf(line, sizeof(line), "%lld", rst_jint(n, "line"));
	return step(steps, rst_msgf(m->lang, RST_MSG_HOWTO_TOKEN, 2, name,
	    line), &b, bad, false);
}

/* The sentence that says where the blocks run. */
static char *
layout(const struct rst_report_meta *m)
{
	return rst_msgf(m->lang, m->bundle ? RST_MSG_HOWTO_BUNDLE :
	    RST_MSG_HOWTO_LAYOUT, 1, report_file(m));
}

json_t *
rst_report_howto(const json_t *doc, const struct rst_report_meta *m)
{
	json_t *steps = json_array(), *o = NULL;
	const json_t *p;
	char *text = layout(m);
	size_t i;
	int r = steps == NULL || text == NULL ? -1 : 0;

	if (r == 0 && m->key_fpr != NULL)
		r = report_sig(steps, m->lang, m);
	json_array_foreach(json_object_get(doc, "profiles"), i, p) {
		if (r != 0 || rst_jstr(p, "name") == NULL ||
		    rst_jstr(p, "key_fingerprint") == NULL)
			continue;
		if ((r = journal_steps(steps, m->lang, p)) == 0 &&
		    (r = token_step(steps, m, p)) == 0)
			r = manifest_steps(steps, m->lang, p);
	}
	if (r == 0)
		o = json_pack("{s:s, s:b, s:O}", "layout", text, "bundle",
		    m->bundle, "steps", steps);
	free(text);
	json_decref(steps);
	return o;
}
