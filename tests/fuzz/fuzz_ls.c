/* SPDX-License-Identifier: ISC */
/*
 * The "ls -l" line parser of the SFTP and FTPS listings (rst_ls_parse),
 * one input line at a time as ls_entries() calls it.
 */
#include "config.h"

#include "curl_common.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rst_objinfo info;
	char *text = fuzz_str(data, size), *line, *save = NULL, *name, type;

	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		memset(&info, 0, sizeof(info));
		if (!rst_ls_parse(line, &type, &info, &name))
			continue;
		if (name == NULL || strlen(name) > strlen(line))
			abort();
		free(name);
	}
	free(text);
	return 0;
}
