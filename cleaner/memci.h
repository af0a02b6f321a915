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
static inline unsigned char memci_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static inline const char *memci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	if (k == 0)
		return hay;
	/* the first byte decides most places at once: strncasecmp only there */
	unsigned char first = memci_lower((unsigned char)needle[0]);
	for (size_t i = 0; i + k <= n; i++)
		if (memci_lower((unsigned char)hay[i]) == first &&
		    strncasecmp(hay + i + 1, needle + 1, k - 1) == 0)
			return hay + i;
	return NULL;
}

#endif
