/*
 * literals.c - the literals a pattern needs: up to LIT_CONJ sets of
 * strings, each of which has a string in every text the pattern matches (a
 * line missing one set cannot match: prefilter.c need not run the pattern
 * on it).
 *
 * A small reader of PCRE2's syntax: it takes literal characters, groups,
 * alternations, quantifiers, classes and escapes, a (?(DEFINE)...) group
 * and the calls (?&name) of the groups it names (each call read as its
 * group), and gives up on anything it does not know (callouts,
 * recursion, other conditionals, \Q...\E, back references, inline x), so
 * a pattern it cannot read is simply run on every line. Strings are ASCII folded to lower case whatever the
 * pattern's flags (a superset of its matches); a non-ASCII character is
 * part of one only if it is in a block without case (punctuation, symbols,
 * CJK: checked against PCRE2's caseless matching of every code point),
 * since another case would be other bytes. Only U+212A (K) and U+017F (s)
 * fold to ASCII letters under PCRE2_UCP; prefilter.c sends a line holding
 * either to every pattern.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { DEPTH_MAX = 64 }; /* groups nested deeper: no literals */

typedef struct level level;

typedef struct reader {
	const unsigned char *p, *end;
	const unsigned char *start; /* the pattern: where (?&name) finds its group */
	int calls;                  /* (?&name) calls read so far */
	bool x;    /* PCRE2_EXTENDED: white space and # comments ignored */
	bool bail; /* something not understood: no literals for this pattern */
	int depth;
	/* the working space of each nesting depth, made at its first use and
	   reused by every branch at that depth (7 KB: one malloc per branch was
	   most of a start under ASan) */
	level *lv[DEPTH_MAX + 1];
} reader;

/* What an atom is, for the sequence around it: A_HIGH is a character
   with case whose every form is non-ASCII (it needs some byte >= 0x80);
   A_CLASS a class of at most CLASS_MAX ASCII characters once folded. */
enum atom { A_CHAR, A_OTHER, A_ZERO, A_GROUP, A_LOOK, A_HIGH, A_CLASS };

enum { CLASS_MAX = 16 };

/* A literal character of the pattern, as UTF-8. */
typedef struct lit {
	unsigned char b[4];
	size_t n;
} lit;

/* Has code point u no other case under PCRE2_CASELESS | PCRE2_UCP? Only
   blocks that hold no cased letter are listed (each code point in them was
   checked with PCRE2 10.42: it matches itself alone). */
static bool caseless_stable(unsigned long u)
{
	static const unsigned long ranges[][2] = {
		{ 0xA0, 0xB4 }, { 0xB6, 0xBF }, { 0xD7, 0xD7 }, { 0xF7, 0xF7 },
		{ 0x2000, 0x206F }, { 0x20A0, 0x20CF }, { 0x2190, 0x23FF },
		{ 0x2500, 0x25FF }, { 0x3000, 0x30FF }, { 0x4E00, 0x9FFF },
	};
	for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
		if (u >= ranges[i][0] && u <= ranges[i][1])
			return true;
	return false;
}

/* Code point u as a literal (A_CHAR), if it can be one. */
static enum atom make_lit(unsigned long u, lit *l)
{
	if (u < 0x80) {
		l->b[0] = (unsigned char)u;
		l->n = 1;
	} else if (caseless_stable(u) && u < 0x10000) {
		unsigned char *b = l->b;
		l->n = u < 0x800 ? 2 : 3;
		if (l->n == 2) {
			b[0] = (unsigned char)(0xC0 | u >> 6);
			b[1] = (unsigned char)(0x80 | (u & 0x3F));
		} else {
			b[0] = (unsigned char)(0xE0 | u >> 12);
			b[1] = (unsigned char)(0x80 | (u >> 6 & 0x3F));
			b[2] = (unsigned char)(0x80 | (u & 0x3F));
		}
	} else {
		/* K (U+212A) and long s (U+017F) match ASCII k and s */
		return u == 0x212A || u == 0x17F ? A_OTHER : A_HIGH;
	}
	return A_CHAR;
}

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* ---- sets of strings ---------------------------------------------------- */

/* How often a byte comes in text, roughly (letters as in English). */
static double byte_odds(unsigned char c)
{
	static const double letter[26] = {
		.082, .015, .028, .043, .127, .022, .020, .061, .070, .0015, .0077, .040, .024,
		.067, .075, .019, .001, .060, .063, .091, .028, .0098, .024, .0015, .020, .0007,
	};
	if (c >= 'a' && c <= 'z')
		return letter[c - 'a'] * 0.8;
	if (c == ' ')
		return 0.15;
	if (c >= '0' && c <= '9')
		return 0.005;
	if (c == '.' || c == ',')
		return 0.01;
	return c >= 0x80 ? 0.02 : 0.003;
}

/* Roughly how likely a place in a text starts a string of the set. */
static double odds(const litset *s)
{
	double sum = 0;
	for (size_t i = 0; i < s->n; i++) {
		double p = 1;
		for (size_t k = 0; k < s->len[i]; k++)
			p *= byte_odds((unsigned char)s->s[i][k]);
		sum += p;
	}
	return sum;
}

/* Is a better than b as a condition to test: the less likely text holds
   a string of it, the more lines it rules out. */
static bool better(const litset *a, const litset *b)
{
	return odds(a) < odds(b);
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

/* *to = *from, copying only the strings it holds (a litset is 1 KB, most
   hold one short string: copied at every character a pattern reads). */
static void copy_set(litset *to, const litset *from)
{
	to->n = from->n;
	for (size_t i = 0; i < from->n; i++) {
		to->len[i] = from->len[i];
		memcpy(to->s[i], from->s[i], from->len[i]);
	}
}

static bool add_all(litset *to, const litset *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (!add_string(to, (const unsigned char *)from->s[i], from->len[i]))
			return false;
	return true;
}

/* Does set s hold the empty string (then it requires nothing)? */
static bool has_empty(const litset *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (!s->len[i])
			return true;
	return false;
}

/* *to = every string of a followed by one of b; false when that makes more
   than LIT_ALTS strings or one longer than LIT_MAX (nothing then cut). */
static bool product(litset *to, const litset *a, const litset *b)
{
	to->n = 0;
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++) {
			size_t la = a->len[i], lb = b->len[j];
			unsigned char t[2 * LIT_MAX];
			if (la + lb > LIT_MAX)
				return false;
			memcpy(t, a->s[i], la);
			memcpy(t + la, b->s[j], lb);
			if (!add_string(to, t, la + lb))
				return false;
		}
	return true;
}

/* Does a[0, la) hold b[0, lb)? */
static bool holds(const char *a, size_t la, const char *b, size_t lb)
{
	for (size_t i = 0; i + lb <= la; i++)
		if (memcmp(a + i, b, lb) == 0)
			return true;
	return false;
}

static bool same_set(const litset *a, const litset *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->len[i] != b->len[i] || memcmp(a->s[i], b->s[i], a->len[i]) != 0)
			return false;
	return true;
}

/* Drop the strings that hold another of the set: a text holding the
   longer one holds the shorter ("ab|b" needs only "b"). */
static void reduce(litset *s)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		bool covered = false;
		for (size_t j = 0; j < s->n && !covered; j++)
			covered = j != i && s->len[j] <= s->len[i] &&
			          (s->len[j] < s->len[i] || j < i) &&
			          holds(s->s[i], s->len[i], s->s[j], s->len[j]);
		if (!covered) {
			memmove(s->s[k], s->s[i], s->len[i]);
			s->len[k++] = s->len[i];
		}
	}
	s->n = k;
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
		if (c < 0xC2)
			return; /* the wide spaces start with 0xC2 or 0xE2 */
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



/* \ and what follows. */
static enum atom read_escape(reader *r, lit *l)
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
		return make_lit((unsigned long)c, l);
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
		return make_lit(v, l);
	}
	r->bail = true; /* \Q, \E, \K, \g, \k, \c, \o, \N{...}, digits: not read */
	return A_OTHER;
}

/* A character of the pattern written as it is, not ASCII. */
static enum atom read_utf8(reader *r, lit *l)
{
	const unsigned char *p = r->p;
	size_t n = cln_utf8_seq(p, (size_t)(r->end - p));
	r->p += n ? n : 1;
	if (n < 2)
		return A_OTHER;
	unsigned long u = p[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++)
		u = u << 6 | (p[i] & 0x3F);
	return make_lit(u, l);
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

/* One member of a class body at *p (before end): a plain ASCII character
   or an escaped punctuation mark; -1 for anything else (an escape such as
   \d, which under PCRE2_UCP takes non-ASCII digits too, a POSIX class, a
   non-ASCII character). */
static int class_char(const unsigned char **p, const unsigned char *end)
{
	int c = **p;
	if (c >= 0x80 || (c == '[' && *p + 1 < end && (*p)[1] == ':'))
		return -1;
	if (c != '\\') {
		(*p)++;
		return c;
	}
	if (*p + 1 >= end || (*p)[1] >= 0x80 || ((*p)[1] < 0x80 && isalnum((*p)[1])))
		return -1;
	*p += 2;
	return (*p)[-1];
}

/* A class: A_CLASS with its characters folded in *set when it has at most
   CLASS_MAX of them, all ASCII, and is not negated; else A_OTHER. */
static enum atom read_class(reader *r, litset *set)
{
	const unsigned char *p = r->p + 1;
	skip_class(r);
	if (r->bail || *p == '^')
		return A_OTHER;
	const unsigned char *end = r->p - 1; /* the closing ']' */
	bool in[128] = { false };
	for (bool first = true; p < end; first = false) {
		int lo = first && *p == ']' ? *p++ : class_char(&p, end), hi = lo;
		if (lo >= 0 && p + 1 < end && *p == '-') {
			p++;
			hi = class_char(&p, end);
		}
		if (lo < 0 || hi < lo)
			return A_OTHER;
		for (int c = lo; c <= hi; c++)
			in[fold((unsigned char)c)] = true;
	}
	set->n = 0;
	for (int c = 0; c < 128; c++) {
		unsigned char b = (unsigned char)c;
		if (in[c] && (set->n == CLASS_MAX || !add_string(set, &b, 1)))
			return A_OTHER;
	}
	return set->n ? A_CLASS : A_OTHER;
}

static void read_alternation(reader *r, litneed *out, litset *exact);
static enum atom read_group(reader *r, litneed *need, litset *exact);

/* Calls a pattern may make before the reader gives up on it: a group that
   calls another twice, nested, would double its reading at each level. */
enum { CALLS_MAX = 64 };

/* (?(DEFINE)...), r->p at its "(DEFINE)": it matches nothing where it
   stands; its groups are read where they are called. */
static enum atom read_define(reader *r, litneed *need, litset *exact)
{
	r->p += strlen("(DEFINE)");
	if (++r->depth > DEPTH_MAX) {
		r->bail = true;
		return A_OTHER;
	}
	read_alternation(r, need, exact); /* read for its syntax only */
	r->depth--;
	need->n = 0;
	exact->n = 0;
	if (peek(r) != ')')
		r->bail = true;
	else
		r->p++;
	return A_ZERO;
}

/* (?&name), r->p at its "&": what the group (?<name>...) or
   (?P<name>...) needs, read where it stands. */
static enum atom read_call(reader *r, litneed *need, litset *exact)
{
	const unsigned char *name = ++r->p;
	while (r->p < r->end && *r->p != ')')
		r->p++;
	size_t n = (size_t)(r->p - name);
	if (r->p == r->end || n == 0 || ++r->calls > CALLS_MAX) {
		r->bail = true;
		return A_OTHER;
	}
	const unsigned char *after = r->p + 1, *def = NULL;
	for (const unsigned char *q = r->start; !def && q + n + 3 < r->end; q++)
		if (q[0] == '(' && q[1] == '?') {
			const unsigned char *at = q + 2 + (q[2] == 'P');
			if (*at == '<' && at + n + 1 < r->end && memcmp(at + 1, name, n) == 0 && at[n + 1] == '>')
				def = q;
		}
	if (!def) {
		r->bail = true;
		return A_OTHER;
	}
	r->p = def;
	enum atom a = read_group(r, need, exact);
	r->p = after;
	return a;
}

/* (...): a group (what it needs in *need, every string it matches in
   *exact when the reader knows them all), a lookaround, an option
   setting, or something not read (r->bail). */
static enum atom read_group(reader *r, litneed *need, litset *exact)
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
		if (c == '(' && (size_t)(r->end - q) >= 8 && memcmp(q, "(DEFINE)", 8) == 0)
			return read_define(r, need, exact);
		if (c == '&')
			return read_call(r, need, exact);
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
	if (++r->depth > DEPTH_MAX) {
		r->bail = true;
		return A_OTHER;
	}
	read_alternation(r, need, exact);
	if (!keep)
		need->n = 0;
	r->depth--;
	if (peek(r) != ')')
		r->bail = true;
	else
		r->p++;
	return kind;
}

/* Add set to the conditions c keeps (the LIT_CONJ best; each is needed). */
static void offer(litneed *c, const litset *set)
{
	size_t k;
	if (!set->n || has_empty(set))
		return;
	for (k = 0; k < c->n; k++)
		if (same_set(&c->set[k], set))
			return; /* already there */
	if (c->n < LIT_CONJ)
		k = c->n++;
	else if (better(set, &c->set[LIT_CONJ - 1]))
		k = LIT_CONJ - 1;
	else
		return;
	c->set[k] = *set;
	for (; k > 0 && better(&c->set[k], &c->set[k - 1]); k--) {
		litset t = c->set[k];
		c->set[k] = c->set[k - 1];
		c->set[k - 1] = t;
	}
}

/* A branch being read: cur holds the strings the text read since the last
   flush can be (each ends where the branch is now); exact while that text
   is all of the branch. */
typedef struct seq {
	litneed *c;
	litset cur, tmp, atom;
	litneed group;
	bool exact;
} seq;

static void start(litset *s)
{
	s->n = 1;
	s->len[0] = 0;
}

/* The strings read so far are needed: offer them, start again. */
static void flush(seq *q)
{
	reduce(&q->cur);
	offer(q->c, &q->cur);
	start(&q->cur);
}

/* cur followed by one of set; when that is too many strings, cur is
   offered and set starts the next strings. */
static void append(seq *q, const litset *set)
{
	if (product(&q->tmp, &q->cur, set)) {
		copy_set(&q->cur, &q->tmp);
		return;
	}
	flush(q);
	q->exact = false;
	copy_set(&q->cur, set);
}

/* The next atom (its strings in q->atom when it has a known few). */
static enum atom read_atom(reader *r, seq *q)
{
	int ch0 = peek(r);
	lit l = { { 0 }, 0 };
	enum atom a;
	q->group.n = 0;
	q->atom.n = 0;
	if (ch0 == '\\') {
		a = read_escape(r, &l);
	} else if (ch0 == '[') {
		return read_class(r, &q->atom);
	} else if (ch0 == '(') {
		a = read_group(r, &q->group, &q->atom);
		return a == A_GROUP && q->atom.n ? A_CLASS : a;
	} else if (ch0 == '^' || ch0 == '$') {
		r->p++;
		return A_ZERO;
	} else if (ch0 >= 0x80) {
		a = read_utf8(r, &l);
	} else if (ch0 == '.' || ch0 == '{' || ch0 == '*' || ch0 == '+' || ch0 == '?') {
		r->p++;
		return A_OTHER;
	} else {
		r->p++;
		make_lit((unsigned long)ch0, &l);
		a = A_CHAR;
	}
	if (a == A_CHAR) {
		for (size_t k = 0; k < l.n; k++)
			l.b[k] = fold(l.b[k]);
		q->atom.n = 0;
		add_string(&q->atom, l.b, l.n);
	}
	return a;
}

/* An atom with its quantifier: what it adds to the strings read. */
static void take_atom(seq *q, enum atom a, long min, long max)
{
	litset *set = &q->atom;
	if (a == A_LOOK) {
		/* zero-width: what it needs is needed, and the strings go on */
		for (size_t k = 0; k < q->group.n; k++)
			offer(q->c, &q->group.set[k]);
		return;
	}
	if (a == A_CHAR || a == A_CLASS) {
		if (min == 0 && max == 1 && add_string(set, (const unsigned char *)"", 0)) {
			append(q, set); /* "jpe?g": jpg or jpeg */
			return;
		}
		if (min >= 1) {
			append(q, set);
			if (max == 1)
				return;
			/* "ab+c": the last b is right before c */
			flush(q);
			q->exact = false;
			copy_set(&q->cur, set);
			return;
		}
	}
	flush(q);
	q->exact = false;
	if (a == A_HIGH && min >= 1) {
		q->tmp.n = 0;
		add_string(&q->tmp, (const unsigned char *)LIT_HIGH, 1);
		offer(q->c, &q->tmp);
	}
	if (a == A_GROUP && min >= 1)
		for (size_t k = 0; k < q->group.n; k++)
			offer(q->c, &q->group.set[k]);
}

/* What the branches of an alternation and its sequences work in. */
struct level {
	seq q;
	litneed branch, u;
	litset strings;
};

/* The working space of depth r->depth; NULL (and bail) without memory. */
static level *at_level(reader *r)
{
	level **lv = &r->lv[r->depth];
	if (!*lv && !(*lv = malloc(sizeof **lv)))
		r->bail = true;
	return *lv;
}

/* One branch of an alternation: every condition it needs (the best
   LIT_CONJ of them) in *c, none when c->n is 0; every string it matches
   in *exact when they are known (else exact->n is 0). */
static void read_sequence(reader *r, litneed *c, litset *exact)
{
	level *lv = at_level(r);
	c->n = 0;
	exact->n = 0;
	if (!lv)
		return;
	seq *q = &lv->q;
	q->c = c;
	q->exact = true;
	start(&q->cur);
	for (;;) {
		skip_space(r);
		int ch0 = peek(r);
		if (ch0 < 0 || ch0 == '|' || ch0 == ')' || r->bail)
			break;
		enum atom a = read_atom(r, q);
		long min, max;
		read_quantifier(r, &min, &max);
		if (a != A_ZERO)
			take_atom(q, a, min, max);
	}
	if (q->exact)
		copy_set(exact, &q->cur);
	flush(q);
}

/* branch | branch ...: one branch's conditions; of several, unions of
   one condition of each branch (every match holds a string of each:
   union k takes each branch's k-th best, or its last), none when a
   branch has none; and the union of the branches' strings when each
   knows all of its own. */
static void read_alternation(reader *r, litneed *out, litset *exact)
{
	level *lv = at_level(r);
	out->n = 0;
	exact->n = 0;
	if (!lv)
		return;
	litneed *branch = &lv->branch, *u = &lv->u;
	litset *strings = &lv->strings;
	bool ok[LIT_CONJ], known = true;
	for (size_t k = 0; k < LIT_CONJ; k++) {
		ok[k] = true;
		u->set[k].n = 0;
	}
	size_t nbranches = 0;
	for (;;) {
		read_sequence(r, branch, strings);
		if (r->bail)
			break;
		known = known && strings->n && add_all(exact, strings);
		if (nbranches++ == 0)
			*out = *branch;
		for (size_t k = 0; k < LIT_CONJ; k++)
			ok[k] = ok[k] && branch->n &&
			        add_all(&u->set[k], &branch->set[k < branch->n ? k : branch->n - 1]);
		if (peek(r) != '|')
			break;
		r->p++;
	}
	if (nbranches > 1) {
		out->n = 0;
		for (size_t k = 0; k < LIT_CONJ; k++)
			if (ok[k]) {
				reduce(&u->set[k]);
				offer(out, &u->set[k]);
			}
	}
	if (r->bail)
		out->n = 0;
	if (!known || r->bail)
		exact->n = 0;
}

litneed *cln_literals(const char *re, size_t len, bool extended)
{
	reader r = { .p = (const unsigned char *)re, .end = (const unsigned char *)re + len,
	             .start = (const unsigned char *)re, .x = extended };
	litneed *c = malloc(sizeof *c);
	litset *all = malloc(sizeof *all);
	if (c && all)
		read_alternation(&r, c, all);
	bool found = c && all && !r.bail && r.p == r.end && c->n;
	free(all);
	for (size_t d = 0; d <= DEPTH_MAX; d++)
		free(r.lv[d]);
	if (!found) {
		free(c);
		return NULL;
	}
	return c;
}

unsigned char *cln_literals_packed(const char *re, size_t len, bool extended)
{
	litneed *n = cln_literals(re, len, extended);
	if (!n)
		return NULL;
	size_t size = 1;
	for (size_t c = 0; c < n->n; c++) {
		size++;
		for (size_t k = 0; k < n->set[c].n; k++)
			size += 1 + n->set[c].len[k];
	}
	unsigned char *p = malloc(size), *q = p;
	if (p) {
		*q++ = (unsigned char)n->n;
		for (size_t c = 0; c < n->n; c++) {
			*q++ = (unsigned char)n->set[c].n;
			for (size_t k = 0; k < n->set[c].n; k++) {
				*q++ = n->set[c].len[k];
				memcpy(q, n->set[c].s[k], n->set[c].len[k]);
				q += n->set[c].len[k];
			}
		}
	}
	free(n);
	return p;
}
