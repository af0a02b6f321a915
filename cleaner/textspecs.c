/*
 * textspecs.c - a product's specifications in flattened text: lines of a
 * label and its value ("Weight: 15.92 kg", "* OS: Windows 10", a table's
 * row "Capacity    40 L"), which main-content's text path takes with the
 * description they follow on a product page (a dump sets them apart from
 * its prose, and they hold too few stop words to be prose).
 */
#include <ctype.h>
#include <string.h>

#include "internal.h"

/* A label is a name: up to SPEC_LABEL bytes and SPEC_WORDS words; a run
   of specs goes on over SPEC_BETWEEN other lines in a row of SPEC_OTHER
   chars or fewer (a group's heading: "RECOMMENDED", a model's name), and
   is one when its specs are SPEC_SHARE times the other lines or more. */
enum { SPEC_LABEL = 40, SPEC_WORDS = 5, SPEC_BETWEEN = 2, SPEC_OTHER = 60,
       SPEC_SHARE = 2, SPEC_AGAIN = 3 };

/* The label's end in s[0, n): the ':' after a name that starts with a
   letter and holds no sentence's end ("Note. See: ..."), a URL's
   "http://" no value; 0 if none. */
static size_t label_end(const char *s, size_t n)
{
	if (n == 0 || !isalpha((unsigned char)s[0]))
		return 0;
	size_t words = 1;
	for (size_t i = 1; i < n && i <= SPEC_LABEL; i++) {
		char c = s[i];
		if (c == ':')
			return i + 1 < n && s[i + 1] != '/' ? i : 0;
		if (c == '.' || c == '!' || c == '?' || c == ',' || c == ';')
			return 0;
		if (c == ' ' && s[i - 1] != ' ' && ++words > SPEC_WORDS)
			return 0;
	}
	return 0;
}

/* A table's row of two cells, a label and its value ("Core Clock   732
   MHz"); a cart's or a comparison's rows have more. */
static bool pair_row(const char *s, size_t n)
{
	size_t cells = 0, words = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\n')
			continue;
		bool cell = i == 0 || (i >= 2 && s[i - 1] == ' ' && s[i - 2] == ' ') || s[i - 1] == '\n';
		cells += cell;
		words += cells == 1 && (cell || s[i - 1] == ' ');
	}
	return cells == 2 && words <= SPEC_WORDS && isalpha((unsigned char)s[0]);
}

/* The line's text, its blanks around and its item's marker aside. */
static const char *item_text(const block *b, size_t *n)
{
	const char *s = cln_line_trim(b, n);
	size_t m = cln_item_marker(s, *n);
	*n -= m;
	return s + m;
}

/* A line of a label and its value, or a table's row of two cells. */
bool cln_spec_line(const block *b)
{
	size_t n;
	const char *s = item_text(b, &n);
	size_t k = label_end(s, n);
	if (k == 0)
		return pair_row(s, n);
	for (size_t i = k + 1; i < n; i++) /* a value after the label */
		if (!isspace((unsigned char)s[i]))
			return true;
	return false;
}

/* Is line i's text one of the SPEC_AGAIN lines' before it, from on? A
   card prints its title twice ("Mini Bands vs Booty Bands: What's the
   Difference?" over its picture and under it); a spec comes once. */
static bool printed_again(const doc *d, size_t i, size_t from)
{
	size_t n, m;
	const char *s = item_text(&d->b[i], &n);
	for (size_t k = i > from + SPEC_AGAIN ? i - SPEC_AGAIN : from; k < i; k++) {
		const char *t = item_text(&d->b[k], &m);
		if (m == n && memcmp(s, t, n) == 0)
			return true;
	}
	return false;
}

size_t cln_spec_run(const doc *d, size_t i, size_t n, size_t *count)
{
	size_t start = i, end = i, other = 0, others = 0;
	*count = 0;
	for (; i < n && other <= SPEC_BETWEEN; i++) {
		bool again = printed_again(d, i, start);
		if (!again && cln_spec_line(&d->b[i])) {
			++*count;
			end = i + 1;
			others += other;
			other = 0;
		} else if (*count == 0 || (d->b[i].chars > SPEC_OTHER && !again)) {
			break;
		} else {
			other++;
		}
	}
	/* cards whose title holds a colon ("Zelda: Tears of the Kingdom")
	   print a price and a date between: as many other lines */
	if (*count < SPEC_SHARE * others) {
		*count = 0;
		return start;
	}
	return end;
}
