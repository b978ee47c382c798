/* SPDX-License-Identifier: ISC */
/*
 * The profile loader (libconfig text, every key's validation) over a temp
 * file holding the input, with every need flag set so that all checks run.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "restorable/config.h"
#include "restorable/log.h"

#include "fuzz.h"

static char path[4096];

static void
diag(void *arg, const char *line)
{
	(void)arg;
	if (line == NULL || line[0] == '\0')
		abort();
}

static void
cleanup(void)
{
	char dir[sizeof(path)];

	unlink(path);
	memcpy(dir, path, sizeof(dir));
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char dir[sizeof(path) - 16];

	(void)argc;
	(void)argv;
	rst_log_set_level(RST_LOG_QUIET);
	snprintf(dir, sizeof(dir), "%s/rst-fuzz-XXXXXX", tmp && *tmp ? tmp :
	    "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof(path), "%s/fuzz.conf", dir);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	FILE *fp;
	int r;

	if ((fp = fopen(path, "w")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	r = rst_profile_load(path, RST_NEED_PATHS | RST_NEED_SIGNING |
	    RST_NEED_VERIFY | RST_NEED_IDENTITY, false, diag, NULL, &p, &err);
	if ((r == 0) != (p != NULL) || (r != 0 && err.msg[0] == '\0'))
		abort();
	rst_profile_free(p);
	return 0;
}
