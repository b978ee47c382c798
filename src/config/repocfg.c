/* SPDX-License-Identifier: ISC */
/*
 * A repository's settings (the repository group of restorable.conf(5)):
 * their defaults, for a profile's repository and for one named by URL
 * alone (report --repository URL), which has no state_dir and so spools
 * into a private folder of its own, and takes an S3 endpoint and region
 * from the variables the AWS tools read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "restorable/config.h"
#include "restorable/util.h"

void
rst_repo_cfg_init(struct rst_repo_cfg *r)
{
	memset(r, 0, sizeof(*r));
	r->timeout_ms = RST_REPO_TIMEOUT_MS;
	r->retries = 10;
	r->retry_max_wait_ms = RST_REPO_RETRY_MAX_WAIT_MS;
	r->command_timeout_ms = 7ULL * 24 * 3600 * 1000;
	r->path_style = -1;
}

void
rst_repo_cfg_release(struct rst_repo_cfg *r)
{
	if (r->spool_owned && r->spool_dir != NULL)
		(void)rmdir(r->spool_dir);
	free(r->url);
	free(r->endpoint);
	free(r->region);
	free(r->credentials_file);
	free(r->credentials_env);
	free(r->ca_file);
	free(r->ssh_key);
	free(r->host_key_sha256);
	free(r->known_hosts);
	free(r->object_lock_mode);
	free(r->spool_dir);
	memset(r, 0, sizeof(*r));
}

/* The first of two environment variables that is set and not empty. */
static const char *
env2(const char *a, const char *b)
{
	const char *v = getenv(a);

	if (v == NULL || *v == '\0')
		v = getenv(b);
	return v != NULL && *v != '\0' ? v : NULL;
}

int
rst_repo_cfg_for_url(const char *url, struct rst_repo_cfg *r,
    struct rst_err *err)
{
	const char *tmp = getenv("TMPDIR");
	const char *ep = env2("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
	const char *region = env2("AWS_REGION", "AWS_DEFAULT_REGION");

	rst_repo_cfg_init(r);
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if ((r->url = strdup(url)) == NULL ||
	    (ep != NULL && (r->endpoint = strdup(ep)) == NULL) ||
	    (region != NULL && (r->region = strdup(region)) == NULL) ||
	    (r->spool_dir = rst_strdupf("%s/restorable-spool-XXXXXX",
	    tmp)) == NULL) {
		rst_repo_cfg_release(r);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	/* Private (0700, a fresh name): spool files hold repository bytes. */
	if (mkdtemp(r->spool_dir) == NULL) {
		rst_errno(err, RST_ECONFIG, "spool folder in %s", tmp);
		rst_repo_cfg_release(r);
		return err->code;
	}
	r->spool_owned = true;
	return 0;
}
