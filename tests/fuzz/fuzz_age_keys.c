/* SPDX-License-Identifier: ISC */
/*
 * age keys as a profile gives them: the input as an identity file
 * (rst_age_identities_parse), and each of its lines as an "age1..."
 * recipient (rst_age_recipients_add).
 */
#include "config.h"

#include "restorable/age.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_age_identities *ids = NULL;
	struct rst_age_recipients *rec;
	char *text = fuzz_str(data, size), *line, *save = NULL;
	size_t n = 0;

	if (rst_age_identities_parse(text, size, &ids, &err) == 0) {
		if (ids == NULL || rst_age_identities_count(ids) == 0)
			abort();
	} else if (ids != NULL || err.code == 0)
		abort();
	rst_age_identities_free(ids);
	rst_err_clear(&err);
	if (rst_age_recipients_new(&rec, &err) != 0)
		abort();
	for (line = strtok_r(text, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save)) {
		if (rst_age_recipients_add(rec, line, &err) == 0)
			n++;
		else if (err.code == 0)
			abort();
		rst_err_clear(&err);
	}
	if (rst_age_recipients_count(rec) != n)
		abort();
	rst_age_recipients_free(rec);
	free(text);
	return 0;
}
