/* utf8.c - the few UTF-8 facts the stages need (counting, validating,
   and writing valid UTF-8 for the reports). */
#include <string.h>

#include "internal.h"

/* Every byte but the continuation bytes (10xxxxxx) starts a character;
   they are counted eight at a time (every block's length is counted). */
size_t cln_utf8_chars(const char *s, size_t len)
{
	const uint64_t high = 0x8080808080808080ULL;
	size_t cont = 0, i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		/* a bit at the top of each continuation byte; the multiply sums
		   the eight bytes (each 0 or 1) into the top one */
		uint64_t top = (w & ~(w << 1) & high) >> 7;
		cont += (size_t)((top * 0x0101010101010101ULL) >> 56);
	}
	for (; i < len; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return len - cont;
}

size_t cln_utf8_seq(const unsigned char *s, size_t len)
{
	if (s[0] < 0x80)
		return 1;
	size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (n == 0 || s[0] > 0xF4 || n > len)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	/* RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF */
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
		return 0;
	return n;
}

int cln_utf8_add(buf *b, const char *s, size_t len, const char *const *esc)
{
	int rc = buf_reserve(b, len);
	for (size_t i = 0; i < len && rc == 0;) {
		unsigned char c = (unsigned char)s[i];
		size_t n = cln_utf8_seq((const unsigned char *)s + i, len - i);
		if (esc && c < 0x80 && esc[c])
			rc = buf_adds(b, esc[c]);
		else
			rc = n ? buf_add(b, s + i, n) : buf_adds(b, "\xEF\xBF\xBD");
		i += n ? n : 1;
	}
	return rc;
}
