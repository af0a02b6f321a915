/* memci.h - case-insensitive search in a byte range that need not end in a
   NUL. A header of its own because both the library (decode.c) and the CLI
   (cli/warc.c) use it, and the library exports nothing but cleaner.h's API. */
#ifndef CLEANER_MEMCI_H
#define CLEANER_MEMCI_H

#include <stddef.h>
#include <string.h>
#include <strings.h>

/* The first place needle (NUL-terminated, ASCII) stands in [hay, hay + n)
   whatever the case, or NULL. */
static inline const char *memci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

#endif
