/* SPDX-License-Identifier: ISC */
/*
 * RFC 3161 time-stamp requests and tokens with OpenSSL's TS_* API, and the
 * one HTTP exchange with a TSA through libcurl.  A token is only ever
 * trusted after its signature verified against timestamp.tsa_ca_file at
 * the token's own genTime, as `openssl ts -verify -attime` does, so a TSA
 * certificate that expired later does not void older anchors.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "restorable/log.h"
#include "restorable/tsa.h"

#define TSA_TIMEOUT	30L

/* err with the first queued OpenSSL error appended (queue emptied). */
static int
ossl_fail(struct rst_err *err, int code, const char *what)
{
	unsigned long e = ERR_peek_last_error();
	char buf[256] = "";

	if (e != 0)
		ERR_error_string_n(e, buf, sizeof(buf));
	ERR_clear_error();
	return rst_errf(err, code, "%s%s%s", what, buf[0] ? ": " : "", buf);
}

static int64_t
asn1_time(const ASN1_GENERALIZEDTIME *t)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return (int64_t)timegm(&tm);
}

/* Imprint, genTime and serial of a granted reply. */
static int
read_info(TS_RESP *resp, struct rst_tsa_token *tok, struct rst_err *err)
{
	TS_TST_INFO *info = TS_RESP_get_tst_info(resp);
	TS_STATUS_INFO *si = TS_RESP_get_status_info(resp);
	const ASN1_INTEGER *status;
	TS_MSG_IMPRINT *mi;
	ASN1_OCTET_STRING *msg;
	const ASN1_OBJECT *alg;
	BIGNUM *bn;
	char *hex;

	memset(tok, 0, sizeof(*tok));
	status = si ? TS_STATUS_INFO_get0_status(si) : NULL;
	if (status == NULL || ASN1_INTEGER_get(status) > 1 || info == NULL)
		return rst_errf(err, RST_EINTEGRITY, "not a granted time-stamp "
		    "(status %ld)", status ? ASN1_INTEGER_get(status) : -1L);
	mi = TS_TST_INFO_get_msg_imprint(info);
	msg = TS_MSG_IMPRINT_get_msg(mi);
	X509_ALGOR_get0(&alg, NULL, NULL, TS_MSG_IMPRINT_get_algo(mi));
	if (OBJ_obj2nid(alg) != NID_sha256 || msg == NULL ||
	    ASN1_STRING_length(msg) != RST_SHA256_LEN)
		return rst_errf(err, RST_EINTEGRITY, "the time-stamp does not "
		    "carry a SHA-256 imprint");
	rst_hex(ASN1_STRING_get0_data(msg), RST_SHA256_LEN, tok->imprint);
	tok->gen_time = asn1_time(TS_TST_INFO_get_time(info));
	if ((bn = ASN1_INTEGER_to_BN(TS_TST_INFO_get_serial(info), NULL)) !=
	    NULL && (hex = BN_bn2hex(bn)) != NULL) {
		snprintf(tok->serial, sizeof(tok->serial), "%s", hex);
		OPENSSL_free(hex);
	}
	BN_free(bn);
	if (tok->gen_time == 0)
		return rst_errf(err, RST_EINTEGRITY, "the time-stamp has no "
		    "readable genTime");
	return 0;
}

/* The TSA's CA, the certificate chain checked at the token's genTime. */
static X509_STORE *
ca_store(const char *ca_file, int64_t at, struct rst_err *err)
{
	X509_STORE *st = X509_STORE_new();

	if (st == NULL) {
		rst_errf(err, RST_ENOMEM, "out of memory");
		return NULL;
	}
	if (X509_STORE_load_file(st, ca_file) != 1) {
		X509_STORE_free(st);
		ossl_fail(err, RST_ECONFIG, "no PEM certificate could be read");
		return NULL;
	}
	if (at != 0)
		X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(st),
		    (time_t)at);
	return st;
}

/* Verify resp with ctx (consumed), the CA store set here. */
static int
verify_with(TS_VERIFY_CTX *ctx, TS_RESP *resp, const char *ca_file,
    int64_t at, struct rst_err *err)
{
	X509_STORE *st;
	int r = 0;

	if ((st = ca_store(ca_file, at, err)) == NULL) {
		TS_VERIFY_CTX_free(ctx);
		return err->code;
	}
	TS_VERIFY_CTX_set_store(ctx, st);	/* owned by ctx from here */
	if (TS_RESP_verify_response(ctx, resp) != 1)
		r = ossl_fail(err, RST_EINTEGRITY, "the time-stamp does not "
		    "verify");
	TS_VERIFY_CTX_free(ctx);
	return r;
}

int
rst_tsa_token_verify(const void *der, size_t len, const char *ca_file,
    struct rst_tsa_token *tok, struct rst_err *err)
{
	const unsigned char *p = der;
	unsigned char *imp = NULL;
	TS_VERIFY_CTX *ctx = NULL;
	TS_RESP *resp;
	int r;

	memset(tok, 0, sizeof(*tok));
	if (len > RST_TSA_MAX || (resp = d2i_TS_RESP(NULL, &p,
	    (long)len)) == NULL || p != (const unsigned char *)der + len) {
		ERR_clear_error();
		return rst_errf(err, RST_EINTEGRITY, "not a DER time-stamp "
		    "reply");
	}
	if ((r = read_info(resp, tok, err)) != 0)
		goto out;
	if ((ctx = TS_VERIFY_CTX_new()) == NULL ||
	    (imp = OPENSSL_malloc(RST_SHA256_LEN)) == NULL) {
		TS_VERIFY_CTX_free(ctx);
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	memcpy(imp, ASN1_STRING_get0_data(TS_MSG_IMPRINT_get_msg(
	    TS_TST_INFO_get_msg_imprint(TS_RESP_get_tst_info(resp)))),
	    RST_SHA256_LEN);
	TS_VERIFY_CTX_add_flags(ctx, TS_VFY_SIGNATURE | TS_VFY_VERSION |
	    TS_VFY_IMPRINT);
	TS_VERIFY_CTX_set_imprint(ctx, imp, RST_SHA256_LEN);	/* owned */
	r = verify_with(ctx, resp, ca_file, tok->gen_time, err);
 out:
	TS_RESP_free(resp);
	return r;
}

/* A TimeStampReq for sha: SHA-256 imprint, a random 64-bit nonce, certReq. */
static TS_REQ *
make_request(const unsigned char *sha, struct rst_err *err)
{
	TS_REQ *req = TS_REQ_new();
	TS_MSG_IMPRINT *mi = TS_MSG_IMPRINT_new();
	X509_ALGOR *alg = X509_ALGOR_new();
	ASN1_INTEGER *nonce = NULL;
	unsigned char rnd[8];
	BIGNUM *bn = NULL;
	bool ok;

	ok = req != NULL && mi != NULL && alg != NULL &&
	    RAND_bytes(rnd, sizeof(rnd)) == 1 &&
	    (bn = BN_bin2bn(rnd, sizeof(rnd), NULL)) != NULL &&
	    (nonce = BN_to_ASN1_INTEGER(bn, NULL)) != NULL &&
	    X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL,
	    NULL) == 1 &&
	    TS_MSG_IMPRINT_set_algo(mi, alg) == 1 &&
	    TS_MSG_IMPRINT_set_msg(mi, (unsigned char *)sha,
	    RST_SHA256_LEN) == 1 &&
	    TS_REQ_set_version(req, 1) == 1 &&
	    TS_REQ_set_msg_imprint(req, mi) == 1 &&
	    TS_REQ_set_nonce(req, nonce) == 1 &&
	    TS_REQ_set_cert_req(req, 1) == 1;
	BN_free(bn);
	ASN1_INTEGER_free(nonce);
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(mi);
	if (!ok) {
		TS_REQ_free(req);
		ossl_fail(err, RST_EINTERNAL, "time-stamp request");
		return NULL;
	}
	return req;
}

struct reply {
	struct rst_buf	*b;
	bool		 too_big;
};

static size_t
on_reply(char *p, size_t sz, size_t n, void *arg)
{
	struct reply *rp = arg;

	if (rp->b->len + sz * n > RST_TSA_MAX) {
		rp->too_big = true;
		return 0;
	}
	return rst_buf_append(rp->b, p, sz * n) == 0 ? sz * n : 0;
}

/* TLS verified (timestamp.ca_file when given); http and https only. */
static int
http_opts(CURL *c, const struct rst_profile *p, const char *url,
    struct curl_slist *h, const unsigned char *der, long len,
    struct reply *rp, char *ebuf, struct rst_err *err)
{
	if (RST_SETOPT_MUST(c, CURLOPT_URL, p->tsa_url, url, err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_PROTOCOLS_STR, "http,https", url,
	    err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_FOLLOWLOCATION, 0L, url, err) != 0 ||
	    rst_setopt_tls(c, p->tsa_tls_ca_file, url, err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_HTTPHEADER, h, url, err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_POSTFIELDSIZE, len, url, err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_POSTFIELDS, der, url, err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_WRITEFUNCTION, on_reply, url,
	    err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_WRITEDATA, rp, url, err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_ERRORBUFFER, ebuf, url, err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_NOSIGNAL, 1L, url, err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_TIMEOUT, TSA_TIMEOUT, url, err) != 0)
		return err->code;
	return 0;
}

/* POST der to the TSA; the reply's body in b (HTTP 200 and its type). */
static int
post(const struct rst_profile *p, const unsigned char *der, long len,
    struct rst_buf *b, struct rst_err *err)
{
	char ebuf[CURL_ERROR_SIZE] = "", *url = rst_url_safe(p->tsa_url);
	struct reply rp = { b, false };
	struct curl_slist *h;
	char *ctype = NULL;
	long code = 0;
	CURLcode cc;
	CURL *c = NULL;
	int r;

	h = curl_slist_append(NULL, "Content-Type: application/"
	    "timestamp-query");
	if (url == NULL || h == NULL || (c = curl_easy_init()) == NULL) {
		curl_slist_free_all(h);
		free(url);
		return rst_errf(err, RST_ENOMEM, "timestamp: out of memory");
	}
	if ((r = http_opts(c, p, url, h, der, len, &rp, ebuf, err)) != 0)
		goto out;
	if ((cc = curl_easy_perform(c)) != CURLE_OK) {
		r = rst_errf(err, RST_ESTORAGE, "timestamp %s: %s", url,
		    rp.too_big ? "reply larger than 64 KiB" : ebuf[0] ? ebuf :
		    curl_easy_strerror(cc));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
	if (code != 200)
		r = rst_errf(err, RST_ESTORAGE, "timestamp %s: HTTP %ld", url,
		    code);
	else if (ctype == NULL || strncmp(ctype, "application/timestamp-"
	    "reply", 29) != 0)
		r = rst_errf(err, RST_ESTORAGE, "timestamp %s: the reply is %s, "
		    "not application/timestamp-reply", url, ctype ? ctype :
		    "untyped");
 out:
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	free(url);
	return r;
}

/* The reply must answer req: granted, same imprint and nonce, signed. */
static int
check_reply(TS_REQ *req, const struct rst_buf *b, const char *ca_file,
    struct rst_tsa_token *tok, struct rst_err *err)
{
	const unsigned char *p = b->data;
	TS_VERIFY_CTX *ctx;
	TS_RESP *resp;
	int r;

	if ((resp = d2i_TS_RESP(NULL, &p, (long)b->len)) == NULL ||
	    p != b->data + b->len) {
		TS_RESP_free(resp);
		ERR_clear_error();
		return rst_errf(err, RST_EINTEGRITY, "not a DER time-stamp "
		    "reply");
	}
	if ((r = read_info(resp, tok, err)) == 0) {
		if ((ctx = TS_REQ_to_TS_VERIFY_CTX(req, NULL)) == NULL)
			r = ossl_fail(err, RST_ENOMEM, "time-stamp check");
		else
			r = verify_with(ctx, resp, ca_file, tok->gen_time, err);
	}
	TS_RESP_free(resp);
	return r;
}

int
rst_tsa_stamp(const struct rst_profile *p, const unsigned char *sha,
    struct rst_buf *reply, struct rst_tsa_token *tok, struct rst_err *err)
{
	unsigned char *der = NULL;
	TS_REQ *req;
	int len, r;

	reply->len = 0;
	if ((req = make_request(sha, err)) == NULL)
		return err->code;
	if ((len = i2d_TS_REQ(req, &der)) <= 0) {
		TS_REQ_free(req);
		return ossl_fail(err, RST_EINTERNAL, "time-stamp request");
	}
	if ((r = post(p, der, len, reply, err)) == 0 &&
	    (r = check_reply(req, reply, p->tsa_ca_file, tok, err)) != 0)
		rst_err_prefix(err, "timestamp reply");
	OPENSSL_free(der);
	TS_REQ_free(req);
	return r;
}

int
rst_tsa_check_ca(const char *path, struct rst_err *err)
{
	X509_STORE *st = ca_store(path, 0, err);

	if (st == NULL)
		return err->code;
	X509_STORE_free(st);
	return 0;
}
