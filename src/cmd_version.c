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
#include "restorable/lang.h"
#include "restorable/storage.h"

#include "report/report.h"

/*
 * What this build knows, from the registries themselves: storage schemes,
 * report formats, languages (as curl --version lists its protocols).
 */
static json_t *
registries(void)
{
	json_t *schemes = json_array(), *formats = json_array();
	json_t *langs = json_array();
	const struct rst_storage_ops *ops;
	const struct rst_report_format *f;
	size_t i;

	for (i = 0; (ops = rst_storage_backend_at(i)) != NULL; i++)
		json_array_append_new(schemes, json_string(ops->scheme));
	for (i = 0; (f = rst_report_format_at(i)) != NULL; i++)
		json_array_append_new(formats, json_string(f->name));
	for (i = 0; i < RST_LANG_COUNT; i++)
		json_array_append_new(langs,
		    json_string(rst_lang_code((enum rst_lang)i)));
	return json_pack("{s:o, s:o, s:o}", "storage", schemes,
	    "report_formats", formats, "languages", langs);
}

static void
print_registries(void)
{
	char list[256];

	rst_storage_schemes(list, sizeof(list));
	printf("storage: %s\n", list);
	rst_report_format_list(list, sizeof(list));
	printf("report formats: %s\n", list);
	rst_lang_list(list, sizeof(list));
	printf("languages: %s\n", list);
}

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
	json_object_update_new(ctx->result, registries());
	if (!ctx->json) {
		printf("restorable %s\n", PACKAGE_VERSION);
		printf("  %s\n  %s\n  libcurl %s\n  libconfig %s\n"
		    "  jansson %s\n  zstd %s\n", archive_version_string(),
		    OpenSSL_version(OPENSSL_VERSION),
		    curl_version_info(CURLVERSION_NOW)->version, cfg,
		    JANSSON_VERSION, ZSTD_versionString());
		print_registries();
	}
	return 0;
}

const struct rst_cmd rst_cmd_version = {
	.name = "version",
	.usage = "",
	.summary = "print the versions, storage schemes, report formats and "
	    "languages",
	.min_args = 0, .max_args = 0,
	.run = cmd_version_run,
};
