/* SPDX-License-Identifier: ISC */
/*
 * A drill's full details (FORMATS.md, journal): every missing, extra and
 * changed path and every check's whole output go to a local file,
 * STATE/details/PROFILE/SNAPSHOT-TIME.drill.jsonl (0600, one JSON object
 * per line), whose SHA-256 the journal record carries as details_sha256.
 * The record itself keeps 20 paths per list and 2 KiB per output, and
 * only for a profile without encryption; a profile with recipients gets
 * those truncated details as details_age instead, an age file to its
 * recipients, so the uploaded journal names no file in the clear.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "restorable/age.h"
#include "restorable/drill.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"
#include "restorable/text.h"
#include "restorable/util.h"

/* One line; a write error is remembered and reported by finish. */
static void
put(struct rst_drill_result *res, json_t *o)
{
	char *s;

	if (res->details == NULL || o == NULL) {
		json_decref(o);
		return;
	}
	s = rst_json_dumps(o, JSON_COMPACT);
	if (s == NULL || fputs(s, res->details) == EOF ||
	    fputc('\n', res->details) == EOF)
		res->details_failed = true;
	free(s);
	json_decref(o);
}

/* Bytes as a JSON string, or base64 under KEY_b64 when not UTF-8. */
static void
set_bytes(json_t *o, const char *key, const void *p, size_t len)
{
	char k[64], *b;

	if (rst_utf8_valid(p, len)) {
		json_object_set_new(o, key, json_stringn(p, len));
		return;
	}
	snprintf(k, sizeof(k), "%s_b64", key);
	if ((b = rst_base64(p, len)) != NULL)
		json_object_set_new(o, k, json_string(b));
	free(b);
}

int
rst_drill_details_open(struct rst_drill_result *res,
    const struct rst_profile *p, const char *snapshot, struct rst_err *err)
{
	char *dir;
	int fd, r;

	if ((dir = rst_strdupf("%s/details/%s", p->state_dir, p->name)) ==
	    NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_mkdir_p(dir, 0700, err)) != 0) {
		free(dir);
		return r;
	}
	res->details_tmp = rst_strdupf("%s/.drill.XXXXXX", dir);
	free(dir);
	if (res->details_tmp == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((fd = mkstemp(res->details_tmp)) == -1 ||
	    (res->details = fdopen(fd, "w")) == NULL) {
		r = rst_errno(err, RST_EIO, "%s", res->details_tmp);
		if (fd != -1) {
			close(fd);
			unlink(res->details_tmp);
		}
		free(res->details_tmp);
		res->details_tmp = NULL;
		return r;
	}
	put(res, json_pack("{s:s, s:s, s:s}", "kind", "drill", "profile",
	    p->name, "snapshot", snapshot));
	return 0;
}

void
rst_drill_details_path(struct rst_drill_result *res, const char *list,
    const char *path)
{
	json_t *o;

	if (res->details == NULL || (o = json_pack("{s:s}", "list", list)) ==
	    NULL)
		return;
	set_bytes(o, "path", path, strlen(path));
	put(res, o);
}

void
rst_drill_details_check(struct rst_drill_result *res, const char *name,
    int status, const void *out, size_t len)
{
	json_t *o;

	if (res->details == NULL || (o = json_pack("{s:o, s:i}", "check",
	    rst_json_text(name), "exit", status)) == NULL)
		return;
	set_bytes(o, "output", out, len);
	put(res, o);
}

/* The truncated details, age-encrypted to the profile's recipients. */
static int
seal_age(struct rst_drill_result *res, const struct rst_profile *p,
    struct rst_err *err)
{
	struct rst_age_recipients *rs = NULL;
	struct rst_stage *sink = NULL, *age = NULL;
	struct rst_buf out = RST_BUF_INIT;
	json_t *d;
	char *text = NULL;
	int r;

	d = json_pack("{s:O, s:O, s:O, s:O}", "missing_paths",
	    res->missing_paths, "extra_paths", res->extra_paths,
	    "changed_paths", res->changed_paths, "checks", res->checks);
	if (d == NULL || (text = rst_json_dumps(d, JSON_COMPACT)) ==
	    NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = rst_profile_recipients(p, &rs, err)) != 0)
		goto out;
	if ((sink = rst_stage_buf_new(&out)) == NULL ||
	    (age = rst_stage_age_new(rs, sink, err)) == NULL) {
		r = err->code ? err->code : rst_errf(err, RST_ENOMEM,
		    "out of memory");
		goto out;
	}
	if ((r = rst_stage_write(age, text, strlen(text), err)) != 0 ||
	    (r = rst_stage_finish(age, err)) != 0)
		goto out;
	if ((res->details_age = rst_base64(out.data, out.len)) == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
 out:
	rst_stage_free(age);
	rst_stage_free(sink);
	rst_age_recipients_free(rs);
	rst_buf_release(&out);
	free(text);
	json_decref(d);
	return r;
}

int
rst_drill_details_finish(struct rst_drill_result *res,
    const struct rst_profile *p, const struct rst_clock *clock,
    struct rst_err *err)
{
	char stamp[32], *name = NULL, *final = NULL;
	struct tm tm;
	time_t now;
	int r = 0, bad;

	if (res->details == NULL)
		return 0;
	bad = res->details_failed || fflush(res->details) != 0 ||
	    fsync(fileno(res->details)) != 0;
	if (fclose(res->details) != 0)
		bad = 1;
	res->details = NULL;
	if (bad) {
		r = rst_errno(err, RST_EIO, "%s", res->details_tmp);
		goto out;
	}
	now = (time_t)rst_clock_now(clock);
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm) == 0)
		snprintf(stamp, sizeof(stamp), "%lld", (long long)now);
	if ((name = rst_strdupf("details/%s/%s-%s.drill.jsonl", p->name,
	    res->snapshot, stamp)) == NULL ||
	    (final = rst_path_join(p->state_dir, name)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = rst_sha256_file(res->details_tmp, res->details_sha256, NULL,
	    err)) != 0)
		goto out;
	if (rename(res->details_tmp, final) == -1) {
		r = rst_errno(err, RST_EIO, "rename %s", final);
		goto out;
	}
	res->details_file = name;
	name = NULL;
	if (p->encrypted && p->recipients.n > 0)
		r = seal_age(res, p, err);
 out:
	if (res->details_file == NULL)
		unlink(res->details_tmp);
	free(res->details_tmp);
	res->details_tmp = NULL;
	free(name);
	free(final);
	return r;
}

void
rst_drill_details_release(struct rst_drill_result *res)
{
	if (res->details != NULL) {
		fclose(res->details);
		res->details = NULL;
	}
	if (res->details_tmp != NULL) {
		unlink(res->details_tmp);
		free(res->details_tmp);
		res->details_tmp = NULL;
	}
	free(res->details_file);
	free(res->details_age);
	res->details_file = res->details_age = NULL;
}
