/*
 * literals.c - the literals a pattern needs: a set of strings at least one
 * of which is in every text the pattern matches (a line without any of
 * them cannot match, and prefilter.c need not run the pattern on it).
 *
 * A small reader of PCRE2's syntax: it takes literal characters, groups,
 * alternations, quantifiers, classes and escapes, and gives up on
 * anything it does not know (callouts, recursion, conditionals, \Q...\E,
 * back references, inline x), so a pattern it cannot read is simply run
 * on every line. Strings are ASCII folded to lower case whatever the
 * pattern's flags (a superset of its matches); a non-ASCII character is
 * never part of one (its other cases are other bytes). Only U+212A (K)
 * and U+017F (s) fold to ASCII letters under PCRE2_UCP; prefilter.c sends
 * a line holding either to every pattern.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct reader {
	const unsigned char *p, *end;
	bool x;    /* PCRE2_EXTENDED: white space and # comments ignored */
	bool bail; /* something not understood: no literals for this pattern */
	int depth;
} reader;

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* ---- sets of strings ---------------------------------------------------- */

static size_t shortest(const litset *s)
{
	size_t m = LIT_MAX;
	for (size_t i = 0; i < s->n; i++)
		m = s->len[i] < m ? s->len[i] : m;
	return m;
}

/* Is a better than b as the one condition to test: longer strings first
   (fewer lines hold them), then fewer strings. */
static bool better(const litset *a, const litset *b)
{
	size_t la = shortest(a), lb = shortest(b);
	return la != lb ? la > lb : a->n < b->n;
}

static bool add_string(litset *s, const unsigned char *t, size_t len)
{
	len = len > LIT_MAX ? LIT_MAX : len; /* a prefix of a needed string is needed */
	for (size_t i = 0; i < s->n; i++)
		if (s->len[i] == len && memcmp(s->s[i], t, len) == 0)
			return true;
	if (s->n == LIT_ALTS)
		return false;
	memcpy(s->s[s->n], t, len);
	s->len[s->n++] = (unsigned char)len;
	return true;
}

static bool add_all(litset *to, const litset *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (!add_string(to, (const unsigned char *)from->s[i], from->len[i]))
			return false;
	return true;
}

/* ---- the reader --------------------------------------------------------- */

static int peek(const reader *r)
{
	return r->p < r->end ? *r->p : -1;
}

/* One UTF-8 character from r->p (a lone byte if not valid). */
static void skip_char(reader *r)
{
	size_t n = cln_utf8_seq(r->p, (size_t)(r->end - r->p));
	r->p += n ? n : 1;
}

/* Extended mode: PCRE2 skips white space (also NEL, LRM, RLM, LS and PS
   in UTF mode) and # comments to the end of the line. */
static void skip_space(reader *r)
{
	static const char *const wide[] = { "\xC2\x85", "\xE2\x80\x8E", "\xE2\x80\x8F",
	                                    "\xE2\x80\xA8", "\xE2\x80\xA9" };
	while (r->x && r->p < r->end) {
		int c = *r->p;
		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			r->p++;
			continue;
		}
		if (c == '#') {
			while (r->p < r->end && *r->p != '\n')
				r->p++;
			continue;
		}
		size_t k = 0;
		for (; k < sizeof wide / sizeof *wide; k++) {
			size_t n = strlen(wide[k]);
			if ((size_t)(r->end - r->p) >= n && memcmp(r->p, wide[k], n) == 0) {
				r->p += n;
				break;
			}
		}
		if (k == sizeof wide / sizeof *wide)
			return;
	}
}

static bool read_number(reader *r, long *v)
{
	if (peek(r) < '0' || peek(r) > '9')
		return false;
	*v = 0;
	while (peek(r) >= '0' && peek(r) <= '9') {
		if (*v < 100000)
			*v = *v * 10 + (*r->p - '0');
		r->p++;
	}
	return true;
}

/* A quantifier after an atom, if any: *min and *max (-1: no limit);
   min 1 and max 1 when there is none. */
static void read_quantifier(reader *r, long *min, long *max)
{
	*min = *max = 1;
	skip_space(r);
	int c = peek(r);
	if (c == '*' || c == '+' || c == '?') {
		*min = c == '+';
		*max = c == '?' ? 1 : -1;
		r->p++;
	} else if (c == '{') {
		const unsigned char *save = r->p++;
		long lo = 0, hi = -1;
		bool has_lo = read_number(r, &lo);
		if (peek(r) == ',') {
			r->p++;
			read_number(r, &hi);
		} else {
			hi = lo;
		}
		if (peek(r) != '}' || (!has_lo && hi < 0)) {
			r->p = save; /* not a quantifier: a literal '{', read next */
			return;
		}
		r->p++;
		*min = lo;
		*max = hi;
	} else {
		return;
	}
	if (peek(r) == '?' || peek(r) == '+')
		r->p++;
}

/* What an atom is, for the sequence around it. */
enum atom { A_CHAR, A_OTHER, A_ZERO, A_GROUP, A_LOOK };

/* \ and what follows. */
static enum atom read_escape(reader *r, unsigned char *ch)
{
	r->p++;
	int c = peek(r);
	if (c < 0) {
		r->bail = true;
		return A_OTHER;
	}
	if (c >= 0x80) {
		skip_char(r);
		return A_OTHER;
	}
	r->p++;
	if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
		*ch = (unsigned char)c;
		return A_CHAR;
	}
	if (strchr("bBAzZG", c))
		return A_ZERO;
	if (strchr("dDsSwWhHvVRXCntrfea", c))
		return A_OTHER;
	if (c == 'N' && peek(r) != '{')
		return A_OTHER;
	if (c == 'p' || c == 'P') {
		if (peek(r) == '{') {
			while (r->p < r->end && *r->p != '}')
				r->p++;
			if (r->p == r->end)
				r->bail = true;
			else
				r->p++;
		} else if (r->p < r->end) {
			r->p++;
		}
		return A_OTHER;
	}
	if (c == 'x') {
		unsigned long v = 0;
		bool braced = peek(r) == '{';
		r->p += braced;
		int k = 0;
		for (; r->p < r->end && (braced || k < 2) && strchr("0123456789abcdefABCDEF", *r->p) &&
		       *r->p; k++, r->p++)
			v = v * 16 + (unsigned long)(*r->p <= '9' ? *r->p - '0' : (*r->p | 0x20) - 'a' + 10);
		if (braced && peek(r) != '}') {
			r->bail = true;
			return A_OTHER;
		}
		r->p += braced;
		if (v < 0x80) {
			*ch = (unsigned char)v;
			return A_CHAR;
		}
		return A_OTHER;
	}
	r->bail = true; /* \Q, \E, \K, \g, \k, \c, \o, \N{...}, digits: not read */
	return A_OTHER;
}

/* [...]: to its closing ']'. */
static void skip_class(reader *r)
{
	r->p++;
	if (peek(r) == '^')
		r->p++;
	if (peek(r) == ']')
		r->p++;
	while (r->p < r->end && *r->p != ']') {
		if (*r->p == '\\') {
			if (r->p + 1 < r->end && (r->p[1] == 'Q' || r->p[1] == 'E')) {
				r->bail = true;
				return;
			}
			r->p += 2;
		} else if (*r->p == '[' && r->p + 1 < r->end && r->p[1] == ':') {
			const unsigned char *e = r->p + 2;
			while (e + 1 < r->end && !(e[0] == ':' && e[1] == ']'))
				e++;
			r->p = e + 1 < r->end ? e + 2 : e + 1;
		} else {
			r->p++;
		}
	}
	if (r->p >= r->end)
		r->bail = true;
	else
		r->p++;
}

static bool read_alternation(reader *r, litset *out);

/* (...): a group (its set in *set when it has one), a lookaround, an
   option setting, or something not read (r->bail). */
static enum atom read_group(reader *r, litset *set, bool *known)
{
	r->p++;
	enum atom kind = A_GROUP;
	bool keep = true; /* a negative lookaround's literals mean nothing */
	if (peek(r) == '*') {
		r->bail = true;
		return A_OTHER;
	}
	if (peek(r) == '?') {
		r->p++;
		int c = peek(r);
		const unsigned char *q = r->p;
		if (c == '#') {
			while (r->p < r->end && *r->p != ')')
				r->p++;
			r->bail |= r->p == r->end;
			r->p += r->p < r->end;
			return A_ZERO;
		}
		if (c == ':' || c == '|' || c == '>') {
			r->p++;
		} else if (c == '=' || c == '!') {
			r->p++;
			kind = A_LOOK;
			keep = c == '=';
		} else if (c == '<' && q + 1 < r->end && (q[1] == '=' || q[1] == '!')) {
			r->p += 2;
			kind = A_LOOK;
			keep = q[1] == '=';
		} else if (c == '<' || c == '\'' || (c == 'P' && q + 1 < r->end && q[1] == '<')) {
			unsigned char close = c == '\'' ? '\'' : '>';
			while (r->p < r->end && *r->p != close)
				r->p++;
			r->bail |= r->p == r->end;
			r->p += r->p < r->end;
		} else {
			/* option letters: (?i) (?-i) (?i:...); x changes how the rest reads */
			while (r->p < r->end && strchr("imnsJU-", *r->p) && *r->p)
				r->p++;
			if (peek(r) == ')') {
				r->p++;
				return A_ZERO;
			}
			if (peek(r) != ':') {
				r->bail = true;
				return A_OTHER;
			}
			r->p++;
		}
	}
	if (++r->depth > 64) {
		r->bail = true;
		return A_OTHER;
	}
	*known = read_alternation(r, set) && keep;
	r->depth--;
	if (peek(r) != ')')
		r->bail = true;
	else
		r->p++;
	return kind;
}

/* One branch of an alternation: its best condition in *best, false when
   it has none. */
static bool read_sequence(reader *r, litset *best)
{
	bool have = false;
	unsigned char run[LIT_MAX];
	size_t runlen = 0;
	litset *tmp = malloc(sizeof *tmp);
	if (!tmp) {
		r->bail = true;
		return false;
	}
#define OFFER(set) do { if (!have || better((set), best)) { *best = *(set); have = true; } } while (0)
#define FLUSH() do { if (runlen) { tmp->n = 0; add_string(tmp, run, runlen); OFFER(tmp); } \
                     runlen = 0; } while (0)
	for (;;) {
		skip_space(r);
		int c = peek(r);
		if (c < 0 || c == '|' || c == ')' || r->bail)
			break;
		unsigned char ch = 0;
		bool known = false;
		enum atom a;
		tmp->n = 0;
		if (c == '\\') {
			a = read_escape(r, &ch);
		} else if (c == '[') {
			skip_class(r);
			a = A_OTHER;
		} else if (c == '(') {
			a = read_group(r, tmp, &known);
		} else if (c == '^' || c == '$') {
			r->p++;
			a = A_ZERO;
		} else if (c == '.' || c == '{' || c == '*' || c == '+' || c == '?' || c >= 0x80) {
			skip_char(r);
			a = A_OTHER;
		} else {
			r->p++;
			ch = (unsigned char)c;
			a = A_CHAR;
		}
		long min, max;
		read_quantifier(r, &min, &max);
		if (a == A_ZERO)
			continue;
		if (a == A_LOOK) {
			if (known && tmp->n)
				OFFER(tmp); /* zero-width: the run goes on across it */
			continue;
		}
		if (a == A_CHAR && min >= 1 && runlen < LIT_MAX)
			run[runlen++] = fold(ch);
		if (a == A_CHAR && min >= 1 && max == 1)
			continue;
		litset group = *tmp;
		FLUSH();
		if (a == A_GROUP && min >= 1 && known && group.n)
			OFFER(&group);
	}
	FLUSH();
#undef FLUSH
#undef OFFER
	free(tmp);
	return have;
}

static bool read_alternation(reader *r, litset *out)
{
	bool all = true;
	litset *branch = malloc(sizeof *branch);
	if (!branch) {
		r->bail = true;
		return false;
	}
	out->n = 0;
	for (;;) {
		if (!read_sequence(r, branch) || !add_all(out, branch))
			all = false;
		if (r->bail || peek(r) != '|')
			break;
		r->p++;
	}
	free(branch);
	return all && !r->bail && out->n > 0;
}

litset *cln_literals(const char *re, size_t len, bool extended)
{
	reader r = { (const unsigned char *)re, (const unsigned char *)re + len, extended, false, 0 };
	litset *s = malloc(sizeof *s);
	if (!s)
		return NULL;
	if (!read_alternation(&r, s) || r.p != r.end) {
		free(s);
		return NULL;
	}
	return s;
}
