/* SPDX-License-Identifier: ISC */
/* Unit tests: SHA-256, Ed25519 keys and signatures, secret file modes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "restorable/crypto.h"
#include "restorable/util.h"
#include "suites.h"

START_TEST(sha256_known_answer)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_sha256 h;
	char hex[RST_SHA256_HEX];

	ck_assert_int_eq(rst_sha256_hex("abc", 3, hex, &err), 0);
	ck_assert_str_eq(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* Streaming in pieces gives the same digest; final re-arms. */
	ck_assert_int_eq(rst_sha256_init(&h, &err), 0);
	ck_assert_int_eq(rst_sha256_update(&h, "a", 1, &err), 0);
	ck_assert_int_eq(rst_sha256_update(&h, "bc", 2, &err), 0);
	ck_assert_int_eq(rst_sha256_final(&h, NULL, hex, &err), 0);
	ck_assert_str_eq(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_int_eq(rst_sha256_final(&h, NULL, hex, &err), 0);
	ck_assert_str_eq(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	rst_sha256_release(&h);
}
END_TEST

START_TEST(sign_verify_and_tamper)
{
	struct rst_err err = RST_ERR_INIT;
	unsigned char sig[RST_ED25519_SIGLEN];
	char msg[] = "manifest bytes";
	EVP_PKEY *k = NULL, *other = NULL;

	ck_assert_int_eq(rst_key_generate(&k, &err), 0);
	ck_assert_int_eq(rst_key_generate(&other, &err), 0);
	ck_assert_int_eq(rst_sign(k, msg, strlen(msg), sig, &err), 0);
	ck_assert_int_eq(rst_verify(k, msg, strlen(msg), sig, sizeof(sig),
	    &err), 0);
	msg[0] ^= 1;
	ck_assert_int_eq(rst_verify(k, msg, strlen(msg), sig, sizeof(sig),
	    &err), RST_EINTEGRITY);
	msg[0] ^= 1;
	rst_err_clear(&err);
	ck_assert_int_eq(rst_verify(other, msg, strlen(msg), sig, sizeof(sig),
	    &err), RST_EINTEGRITY);
	rst_err_clear(&err);
	ck_assert_int_eq(rst_verify(k, msg, strlen(msg), sig, 63, &err),
	    RST_EINTEGRITY);
	EVP_PKEY_free(k);
	EVP_PKEY_free(other);
}
END_TEST

START_TEST(keys_save_load_and_fingerprint)
{
	struct rst_err err = RST_ERR_INIT;
	char *dir = tmpdir_new(), *priv, *pem = NULL;
	char f1[RST_FPR_LEN], f2[RST_FPR_LEN];
	EVP_PKEY *k = NULL, *back = NULL, *pub = NULL;
	struct stat sb;

	priv = rst_path_join(dir, "signing.pem");
	ck_assert_int_eq(rst_key_generate(&k, &err), 0);
	ck_assert_int_eq(rst_key_save_private(k, priv, &err), 0);
	ck_assert_int_eq(stat(priv, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	/* Never overwritten. */
	ck_assert_int_ne(rst_key_save_private(k, priv, &err), 0);
	rst_err_clear(&err);
	ck_assert_int_eq(rst_key_load_private(priv, &back, &err), 0);
	ck_assert_int_eq(rst_key_public_pem(k, &pem, &err), 0);
	ck_assert_int_eq(rst_key_parse_public(pem, strlen(pem), &pub, &err),
	    0);
	ck_assert_int_eq(rst_key_fingerprint(back, f1, &err), 0);
	ck_assert_int_eq(rst_key_fingerprint(pub, f2, &err), 0);
	ck_assert_str_eq(f1, f2);
	ck_assert_int_eq(strncmp(f1, "SHA256:", 7), 0);
	ck_assert_uint_eq(strlen(f1), 71);
	/* Group-readable private keys are refused. */
	ck_assert_int_eq(chmod(priv, 0640), 0);
	EVP_PKEY_free(back);
	back = NULL;
	ck_assert_int_eq(rst_key_load_private(priv, &back, &err), RST_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "signing.pem"));
	ck_assert_ptr_null(back);
	EVP_PKEY_free(k);
	EVP_PKEY_free(pub);
	free(pem);
	free(priv);
	tmpdir_remove(dir);
}
END_TEST

START_TEST(secret_file_modes)
{
	struct rst_err err = RST_ERR_INIT;
	char *dir = tmpdir_new(), *f;

	f = rst_path_join(dir, "secret");
	ck_assert_int_eq(rst_write_file_atomic(f, "x", 1, 0600, &err), 0);
	ck_assert_int_eq(rst_check_secret_file(f, &err), 0);
	ck_assert_int_eq(chmod(f, 0604), 0);
	ck_assert_int_eq(rst_check_secret_file(f, &err), RST_ECONFIG);
	rst_err_clear(&err);
	ck_assert_int_eq(chmod(f, 0644), 0);
	ck_assert_int_eq(rst_check_secret_file(f, &err), RST_ECONFIG);
	rst_err_clear(&err);
	ck_assert_int_eq(rst_check_secret_file(dir, &err), RST_ECONFIG);
	free(f);
	tmpdir_remove(dir);
}
END_TEST

Suite *
rst_crypto_suite(void)
{
	Suite *s = suite_create("crypto");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, sha256_known_answer);
	tcase_add_test(tc, sign_verify_and_tamper);
	tcase_add_test(tc, keys_save_load_and_fingerprint);
	tcase_add_test(tc, secret_file_modes);
	suite_add_tcase(s, tc);
	return s;
}
