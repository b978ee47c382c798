/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the tail stages: the part splitter and the object sink,
 * against a real file:// repository in a temporary folder, with the
 * sizes around part boundaries (0, 1, size-1, size, size+1).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "restorable/pipeline.h"
#include "restorable/storage.h"
#include "restorable/util.h"
#include "suites.h"

#define PART	4096

struct fixture {
	char			*dir;
	struct rst_storage	*st;
};

static void
fixture_open(struct fixture *f)
{
	struct rst_repo_cfg cfg;
	struct rst_err err = RST_ERR_INIT;

	memset(&cfg, 0, sizeof(cfg));
	ck_assert_ptr_nonnull(f->dir = tmpdir_new());
	cfg.url = rst_strdupf("file://%s/repo", f->dir);
	ck_assert_int_eq(rst_storage_open(&cfg, &f->st, &err), 0);
	free(cfg.url);
}

static void
fixture_close(struct fixture *f)
{
	rst_storage_close(f->st);
	tmpdir_remove(f->dir);
}

static unsigned char *
pattern(size_t n)
{
	unsigned char *p = malloc(n + 1);
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 31 + 7);
	return p;
}

/* Feed n bytes in odd-sized writes, finish, and check every part. */
static void
split_and_check(size_t n)
{
	struct rst_err err = RST_ERR_INIT;
	struct fixture f;
	struct rst_stage *s;
	const struct rst_part *parts;
	struct rst_buf back = RST_BUF_INIT;
	unsigned char *data = pattern(n);
	char hex[RST_SHA256_HEX], *name;
	const char *sha;
	size_t nparts, i, off, k;
	uint64_t total;

	fixture_open(&f);
	ck_assert_ptr_nonnull(s = rst_stage_split_new(f.st, "snap", "stream",
	    PART));
	for (off = 0; off < n; off += k) {
		k = n - off < 1000 ? n - off : 1000;
		ck_assert_int_eq(rst_stage_write(s, data + off, k, &err), 0);
	}
	ck_assert_int_eq(rst_stage_finish(s, &err), 0);
	parts = rst_stage_split_parts(s, &nparts, &total, &sha);
	ck_assert_uint_eq(total, n);
	ck_assert_uint_eq(nparts, n == 0 ? 1 : (n + PART - 1) / PART);
	ck_assert_int_eq(rst_sha256_hex(data, n, hex, &err), 0);
	ck_assert_str_eq(sha, hex);
	for (i = 0, off = 0; i < nparts; i++) {
		ck_assert_uint_eq(parts[i].size, i + 1 < nparts ? PART :
		    n - off);
		name = rst_strdupf("snap/%s", parts[i].name);
		back.len = 0;
		ck_assert_int_eq(rst_storage_get_buf(f.st, name, 1 << 20, &back,
		    &err), 0);
		ck_assert_uint_eq(back.len, parts[i].size);
		if (back.len > 0)
			ck_assert_int_eq(memcmp(back.data, data + off, back.len),
			    0);
		ck_assert_int_eq(rst_sha256_hex(back.data, back.len, hex, &err),
		    0);
		ck_assert_str_eq(parts[i].sha256, hex);
		off += parts[i].size;
		free(name);
	}
	ck_assert_str_eq(parts[0].name, "stream.000000");
	rst_buf_release(&back);
	rst_stage_free(s);
	free(data);
	fixture_close(&f);
}

START_TEST(split_boundaries)
{
	static const size_t sizes[] = { 0, 1, PART - 1, PART, PART + 1,
	    2 * PART, 10000 };
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		split_and_check(sizes[i]);
}
END_TEST

START_TEST(split_last_part_is_shorter)
{
	split_and_check(10000);
}
END_TEST

static int
count_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	(void)name;
	(void)info;
	(*(int *)arg)++;
	return 0;
}

START_TEST(freed_unfinished_split_leaves_no_visible_object)
{
	struct rst_err err = RST_ERR_INIT;
	struct fixture f;
	struct rst_stage *s;
	unsigned char *data = pattern(PART + 10);
	int visible = 0, all = 0;

	fixture_open(&f);
	s = rst_stage_split_new(f.st, "snap", "stream", PART);
	ck_assert_int_eq(rst_stage_write(s, data, PART + 10, &err), 0);
	rst_stage_free(s);	/* the second part was never finished */
	ck_assert_int_eq(rst_storage_list(f.st, "snap", false, count_cb,
	    &visible, &err), 0);
	ck_assert_int_eq(rst_storage_list(f.st, "snap", true, count_cb, &all,
	    &err), 0);
	ck_assert_int_eq(visible, 1);
	ck_assert_int_eq(all, 1);	/* the aborted temp file is gone */
	free(data);
	fixture_close(&f);
}
END_TEST

START_TEST(zstd_then_object_round_trip)
{
	struct rst_err err = RST_ERR_INIT;
	struct fixture f;
	struct rst_stage *obj, *z;
	const struct rst_part *res;
	struct rst_objinfo info;

	fixture_open(&f);
	obj = rst_stage_object_new(f.st, "snap", "index.zst");
	z = rst_stage_zstd_new(3, 0, obj);
	ck_assert_int_eq(rst_stage_write(z, "hello\n", 6, &err), 0);
	ck_assert_int_eq(rst_stage_finish(z, &err), 0);
	ck_assert_int_eq(rst_stage_finish(obj, &err), 0);
	res = rst_stage_object_result(obj);
	ck_assert_int_eq(rst_storage_stat(f.st, "snap/index.zst", &info, &err),
	    0);
	ck_assert_uint_eq(info.size, res->size);
	ck_assert_uint_gt(res->size, 4);
	rst_stage_free(z);
	rst_stage_free(obj);
	fixture_close(&f);
}
END_TEST

/* Decompress exactly one frame at p (n bytes) into out; its size. */
static size_t
one_frame(const unsigned char *p, size_t n, unsigned char *out, size_t cap)
{
	ZSTD_DCtx *d = ZSTD_createDCtx();
	ZSTD_inBuffer in = { p, n, 0 };
	ZSTD_outBuffer o = { out, cap, 0 };
	size_t rem;

	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(ZSTD_findFrameCompressedSize(p, n), n);
	rem = ZSTD_decompressStream(d, &o, &in);
	ck_assert(!ZSTD_isError(rem));
	ck_assert_uint_eq(rem, 0);		/* the frame ended */
	ZSTD_freeDCtx(d);
	return o.pos;
}

/*
 * rst_stage_zstd_mark: positions inside the current frame until it holds
 * frame_size bytes, then a new frame starting at the next byte; each frame
 * decompresses on its own, with and without workers.
 */
static void
zstd_marks(int threads)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf out = RST_BUF_INIT;
	struct rst_stage *sink, *z;
	unsigned char *data = pattern(90), plain[128];
	uint64_t frame, off;

	sink = rst_stage_buf_new(&out);
	z = rst_stage_zstd_new(3, threads, sink);
	ck_assert_ptr_nonnull(z);
	ck_assert_int_eq(rst_stage_zstd_mark(z, 64, &frame, &off, &err), 0);
	ck_assert_uint_eq(frame, 0);
	ck_assert_uint_eq(off, 0);
	ck_assert_int_eq(rst_stage_write(z, data, 50, &err), 0);
	ck_assert_int_eq(rst_stage_zstd_mark(z, 64, &frame, &off, &err), 0);
	ck_assert_uint_eq(frame, 0);
	ck_assert_uint_eq(off, 50);
	ck_assert_int_eq(rst_stage_write(z, data + 50, 30, &err), 0);
	ck_assert_int_eq(rst_stage_zstd_mark(z, 64, &frame, &off, &err), 0);
	ck_assert_uint_gt(frame, 0);
	ck_assert_uint_eq(frame, out.len);	/* the first frame is out whole */
	ck_assert_uint_eq(off, 0);
	ck_assert_int_eq(rst_stage_write(z, data + 80, 10, &err), 0);
	ck_assert_int_eq(rst_stage_finish(z, &err), 0);
	ck_assert_uint_eq(one_frame(out.data, (size_t)frame, plain,
	    sizeof(plain)), 80);
	ck_assert_mem_eq(plain, data, 80);
	ck_assert_uint_eq(one_frame(out.data + frame, out.len - (size_t)frame,
	    plain, sizeof(plain)), 10);
	ck_assert_mem_eq(plain, data + 80, 10);
	rst_stage_free(z);
	rst_stage_free(sink);
	rst_buf_release(&out);
	free(data);
}

START_TEST(zstd_mark_frames)
{
	zstd_marks(0);
	zstd_marks(2);
}
END_TEST

Suite *
rst_split_suite(void)
{
	Suite *s = suite_create("split");
	TCase *tc = tcase_create("core");

	/* Real files and hashing: Check's 4 s default is too short under ASan. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, split_boundaries);
	tcase_add_test(tc, split_last_part_is_shorter);
	tcase_add_test(tc, freed_unfinished_split_leaves_no_visible_object);
	tcase_add_test(tc, zstd_then_object_round_trip);
	tcase_add_test(tc, zstd_mark_frames);
	suite_add_tcase(s, tc);
	return s;
}
