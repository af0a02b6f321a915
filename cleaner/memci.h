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
	if (k > n)
		return NULL;
	/* the places where the first byte stands, in either case, found by
	   memchr (which reads many bytes at a time): strncasecmp only there */
	unsigned char lo = memci_lower((unsigned char)needle[0]);
	unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 32) : lo;
	const char *end = hay + n - k + 1; /* where a match may start: before end */
	const char *a = memchr(hay, lo, (size_t)(end - hay));
	const char *b = up != lo ? memchr(hay, up, (size_t)(end - hay)) : NULL;
	while (a || b) {
		const char *p = !b || (a && a < b) ? a : b;
		if (strncasecmp(p + 1, needle + 1, k - 1) == 0)
			return p;
		if (p == a)
			a = memchr(a + 1, lo, (size_t)(end - a - 1));
		else
			b = memchr(b + 1, up, (size_t)(end - b - 1));
	}
	return NULL;
}

#endif
