/* SPDX-License-Identifier: ISC */
/*
 * Shared by the libFuzzer harnesses of tests/fuzz: the entry points
 * libFuzzer calls, and a NUL-terminated copy of an input.  A harness
 * with nothing to set up but a quiet log is linked with quiet.c, which
 * defines LLVMFuzzerInitialize.
 */
#ifndef RESTORABLE_FUZZ_H
#define RESTORABLE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

/* A malloc'd, NUL-terminated copy of data (aborts when out of memory). */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
