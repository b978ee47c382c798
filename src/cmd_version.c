/* SPDX-License-Identifier: ISC */
/* version: the program's and its libraries' versions. */
#include "config.h"

#include <stdio.h>

#include <archive.h>
#include <curl/curl.h>
#include <libconfig.h>
#include <openssl/crypto.h>
#include <zstd.h>

#include "restorable/cmd.h"

static int
cmd_version_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	char cfg[32];

	(void)args;
	(void)err;
	snprintf(cfg, sizeof(cfg), "%d.%d.%d", LIBCONFIG_VER_MAJOR,
	    LIBCONFIG_VER_MINOR, LIBCONFIG_VER_REVISION);
	json_object_set_new(ctx->result, "version",
	    json_string(PACKAGE_VERSION));
	json_object_set_new(ctx->result, "libraries", json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:s}",
	    "libarchive", archive_version_string(),
	    "openssl", OpenSSL_version(OPENSSL_VERSION),
	    "libcurl", curl_version_info(CURLVERSION_NOW)->version,
	    "libconfig", cfg, "jansson", JANSSON_VERSION,
	    "zstd", ZSTD_versionString()));
	if (!ctx->json) {
		printf("restorable %s\n", PACKAGE_VERSION);
		printf("  %s\n  %s\n  libcurl %s\n  libconfig %s\n"
		    "  jansson %s\n  zstd %s\n", archive_version_string(),
		    OpenSSL_version(OPENSSL_VERSION),
		    curl_version_info(CURLVERSION_NOW)->version, cfg,
		    JANSSON_VERSION, ZSTD_versionString());
	}
	return 0;
}

const struct rst_cmd rst_cmd_version = {
	.name = "version",
	.usage = "",
	.summary = "print the version and the library versions",
	.min_args = 0, .max_args = 0,
	.run = cmd_version_run,
};
