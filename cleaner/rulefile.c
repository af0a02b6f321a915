/*
 * rulefile.c - the rule-file parser: text in, compiled rules out.
 *
 * Syntax (rules/README.md has the full reference):
 *   # comment
 *   include "other.rules"
 *   disable ID
 *   ID: ACTION [/pattern/flags | {selector}] [name=value ...]
 * A line that starts with white space continues the rule above it, so long
 * rules can be written as short stanzas. Every error is reported with its
 * file:line:col; the parser then skips to the next rule so one mistake does
 * not hide the others.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* One physical line of a rule (the first line plus continuation lines). */
typedef struct seg {
	const char *s;
	size_t len;
	unsigned line;
	size_t off; /* byte offset of s in the file */
} seg;

typedef struct scan {
	rule_loader *ld;
	const char *name;
	bool embedded;
	seg *segs;
	size_t nseg;
	size_t si;  /* current segment */
	size_t pos; /* byte position in it */
	size_t errors;
	bool oom;   /* an allocation failed while reading the current rule */
	size_t with_si, with_pos; /* where with="..." opens, for its errors */
} scan;

#define MAX_SEGS 64

static void err_at(scan *sc, size_t si, size_t pos, int code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void err_at(scan *sc, size_t si, size_t pos, int code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	const seg *g = &sc->segs[si];
	cln_loader_error(sc->ld, code, sc->name, g->line, (unsigned)pos + 1,
	                 g->off + pos, g->s, g->len, "%s", msg);
	sc->errors++;
}

static const seg *cur(const scan *sc)
{
	return &sc->segs[sc->si];
}

static int peek(const scan *sc)
{
	const seg *g = cur(sc);
	return sc->pos < g->len ? (unsigned char)g->s[sc->pos] : -1;
}

/* Append to a buffer; a failure is remembered and fails the rule. */
static void put(scan *sc, buf *b, char c)
{
	if (buf_addc(b, c) < 0)
		sc->oom = true;
}

/* Skip blanks and comments, moving to continuation lines. False at the end
   of the rule. */
static bool skip_space(scan *sc)
{
	for (;;) {
		const seg *g = cur(sc);
		while (sc->pos < g->len && (g->s[sc->pos] == ' ' || g->s[sc->pos] == '\t'))
			sc->pos++;
		if (sc->pos < g->len && g->s[sc->pos] != '#')
			return true;
		if (sc->si + 1 >= sc->nseg) {
			sc->pos = g->len;
			return false;
		}
		sc->si++;
		sc->pos = 0;
	}
}

static bool is_word_char(int c)
{
	return c >= 0 && (isalnum(c) || c == '_' || c == '-' || c == '.');
}

/* A word: [A-Za-z0-9_.-]*; returns its length (0 if none). */
static size_t read_word(scan *sc, const char **w)
{
	const seg *g = cur(sc);
	*w = g->s + sc->pos;
	size_t start = sc->pos;
	while (is_word_char(peek(sc)))
		sc->pos++;
	return sc->pos - start;
}

/* The rest of the token at the cursor, for "found 'xyz'" messages. */
static int token_len(const scan *sc)
{
	const seg *g = cur(sc);
	size_t e = sc->pos;
	while (e < g->len && g->s[e] != ' ' && g->s[e] != '\t' && e - sc->pos < 40)
		e++;
	return (int)(e - sc->pos);
}

/* "quoted string" with \" \\ \n \t escapes, into out. */
static bool read_string(scan *sc, buf *out)
{
	const seg *g = cur(sc);
	size_t start = sc->pos++;
	while (sc->pos < g->len && g->s[sc->pos] != '"') {
		char c = g->s[sc->pos];
		if (c == '\\') {
			char e = sc->pos + 1 < g->len ? g->s[sc->pos + 1] : '\0';
			char v = e == 'n' ? '\n' : e == 't' ? '\t' : e == '"' || e == '\\' ? e : 0;
			if (!v) {
				err_at(sc, sc->si, sc->pos, CLN_ESYNTAX,
				       "unknown escape '\\%c' in string (use \\\" \\\\ \\n \\t)", e ? e : ' ');
				return false;
			}
			put(sc, out, v);
			sc->pos += 2;
			continue;
		}
		put(sc, out, c);
		sc->pos++;
	}
	if (sc->pos >= g->len) {
		err_at(sc, sc->si, start, CLN_ESYNTAX, "unterminated string (no closing '\"')");
		return false;
	}
	sc->pos++;
	if (!out->data && buf_reserve(out, 0) < 0)
		sc->oom = true;
	return !sc->oom;
}

/* Where a piece of a pattern starts: patterns with flag x may go on over
   continuation lines, so an error offset maps back through these. */
typedef struct piece {
	size_t idx; /* offset in the pattern */
	size_t si;  /* segment */
	size_t pos; /* byte position in it */
} piece;

/* The file position of pattern byte `idx`, undoing the \/ escape. */
static void pattern_src_pos(const scan *sc, const piece *pc, size_t np, size_t idx,
                            size_t *si, size_t *pos)
{
	size_t k = 0;
	while (k + 1 < np && pc[k + 1].idx <= idx)
		k++;
	const seg *g = &sc->segs[pc[k].si];
	size_t p = pc[k].pos, i = pc[k].idx;
	while (i < idx && p < g->len) {
		if (g->s[p] == '\\' && p + 1 < g->len) {
			i += g->s[p + 1] == '/' ? 1 : 2;
			p += 2;
		} else {
			i++;
			p++;
		}
	}
	*si = pc[k].si;
	*pos = p;
}

/* A pattern's text up to its closing '/' (or the end of its last line),
   unescaping "\/"; it may go on over continuation lines, each a piece. */
static void read_to_slash(scan *sc, buf *re, piece *pc, size_t *np)
{
	for (;;) {
		const seg *g = cur(sc);
		while (sc->pos < g->len && g->s[sc->pos] != '/') {
			if (g->s[sc->pos] == '\\' && sc->pos + 1 < g->len) {
				if (g->s[sc->pos + 1] != '/')
					put(sc, re, '\\');
				put(sc, re, g->s[sc->pos + 1]);
				sc->pos += 2;
			} else {
				put(sc, re, g->s[sc->pos++]);
			}
		}
		if (sc->pos < g->len || sc->si + 1 >= sc->nseg)
			return;
		/* go on over the next line; it is white space to flag x */
		put(sc, re, '\n');
		sc->si++;
		sc->pos = 0;
		pc[(*np)++] = (piece){ re->len, sc->si, 0 };
	}
}

/* The flags after the closing '/': i, x, and g where a replace allows it. */
static bool read_flags(scan *sc, pattern *out, bool replace_ok, uint32_t *opts)
{
	while (peek(sc) >= 0 && isalpha(peek(sc))) {
		int f = peek(sc);
		if (f == 'i')
			*opts |= PCRE2_CASELESS;
		else if (f == 'x')
			*opts |= PCRE2_EXTENDED;
		else if (f == 'g' && replace_ok)
			out->global = true;
		else {
			err_at(sc, sc->si, sc->pos, CLN_ESYNTAX, f == 'g'
			       ? "flag 'g' applies only to replace"
			       : "unknown pattern flag '%c' (flags: i, x, g)", f);
			return false;
		}
		sc->pos++;
	}
	return true;
}

/* /pattern/flags, compiled. replace_ok: flag g allowed. keep: where its
   text goes (the caller frees it), or NULL. */
static bool read_pattern(scan *sc, pattern *out, bool replace_ok, buf *keep)
{
	size_t osi = sc->si, open = sc->pos++;
	buf re = BUF_INIT;
	piece pc[MAX_SEGS];
	size_t np = 0;
	pc[np++] = (piece){ 0, sc->si, sc->pos };
	read_to_slash(sc, &re, pc, &np);
	if (sc->pos >= cur(sc)->len) {
		err_at(sc, osi, open, CLN_ESYNTAX, "unterminated pattern (no closing '/')");
		buf_free(&re);
		return false;
	}
	sc->pos++;
	if (sc->oom) {
		buf_free(&re);
		return false;
	}
	if (re.len == 0) {
		err_at(sc, osi, open, CLN_ESYNTAX, "empty pattern");
		return false;
	}
	uint32_t opts = 0;
	out->global = false;
	out->line = sc->segs[osi].line;
	out->col = (unsigned)open + 1;
	if (!read_flags(sc, out, replace_ok, &opts)) {
		buf_free(&re);
		return false;
	}
	if (np > 1 && !(opts & PCRE2_EXTENDED)) {
		err_at(sc, osi, open, CLN_ESYNTAX,
		       "a pattern may go on over several lines only with flag x");
		buf_free(&re);
		return false;
	}
	char msg[200];
	size_t eo;
	out->re = (regex){ cln_regex_compile(re.data, re.len, opts, msg, sizeof msg, &eo), NULL, 0 };
	/* no literals (or no memory for them) only means no prefilter */
	out->need = out->re.code ? cln_literals_packed(re.data, re.len, opts & PCRE2_EXTENDED) : NULL;
	memset(out->slot, 0, sizeof out->slot);
	if (keep && out->re.code)
		*keep = re;
	else
		buf_free(&re);
	if (!out->re.code && strcmp(msg, CLN_OOM_MESSAGE) == 0) {
		sc->oom = true;
		return false;
	}
	if (!out->re.code) {
		size_t esi, epos;
		pattern_src_pos(sc, pc, np, eo, &esi, &epos);
		err_at(sc, esi, epos, CLN_EREGEX, "bad pattern: %s", msg);
		return false;
	}
	return true;
}

/* {selector}: to the matching '}' outside strings and patterns; it may go
   on over continuation lines (joined by a newline, which is white space). */
static bool read_selector(scan *sc, selector **out)
{
	size_t osi = sc->si, open = sc->pos;
	buf text = BUF_INIT;
	piece pc[MAX_SEGS];
	size_t np = 0;
	pc[np++] = (piece){ 0, sc->si, open + 1 };
	char quote = 0, prev = '{';
	bool in_re = false, closed = false;
	size_t i = open + 1;
	for (;;) {
		const seg *g = cur(sc);
		for (; i < g->len && !closed; i++) {
			char c = g->s[i];
			if (quote)
				quote = c == quote ? 0 : quote;
			else if (in_re) {
				if (c == '\\' && i + 1 < g->len) {
					put(sc, &text, c);
					c = g->s[++i]; /* an escaped character ends nothing */
				} else if (c == '/')
					in_re = false;
			} else if (c == '"' || c == '\'')
				quote = c;
			else if (c == '/' && strchr("(= ", prev))
				in_re = true;
			else if (c == '}') {
				closed = true;
				break;
			}
			put(sc, &text, c);
			prev = c;
		}
		if (closed || sc->si + 1 >= sc->nseg)
			break;
		put(sc, &text, '\n');
		prev = ' ';
		sc->si++;
		i = 0;
		pc[np++] = (piece){ text.len, sc->si, 0 };
	}
	if (!closed || sc->oom) {
		if (!sc->oom)
			err_at(sc, osi, open, CLN_ESYNTAX, "unterminated selector (no closing '}')");
		buf_free(&text);
		return false;
	}
	char msg[200];
	size_t at;
	*out = cln_selector_compile(text.data ? text.data : "", text.len, cln_loader_set(sc->ld), &at, msg,
	                            sizeof msg);
	buf_free(&text);
	if (!*out) {
		size_t k = 0;
		while (k + 1 < np && pc[k + 1].idx <= at)
			k++;
		/* the selector parser's only message without a position */
		if (strcmp(msg, CLN_OOM_MESSAGE) == 0)
			sc->oom = true;
		else
			err_at(sc, pc[k].si, pc[k].pos + (at - pc[k].idx), CLN_ESYNTAX, "%s", msg);
		return false;
	}
	sc->pos = i + 1;
	return true;
}

/* Whole number into *v, range-checked against the parameter's table entry. */
static bool read_int(scan *sc, const param_def *d, long *v)
{
	const seg *g = cur(sc);
	size_t start = sc->pos;
	long n = 0;
	while (sc->pos < g->len && isdigit((unsigned char)g->s[sc->pos])) {
		if (n <= d->max)
			n = n * 10 + (g->s[sc->pos] - '0');
		sc->pos++;
	}
	if (sc->pos == start || is_word_char(peek(sc))) {
		err_at(sc, sc->si, start, CLN_ESYNTAX, "%s needs a whole number, found '%.*s'",
		       d->name, token_len(sc) + (int)(sc->pos - start), g->s + start);
		return false;
	}
	if (n < d->min || n > d->max) {
		err_at(sc, sc->si, start, CLN_ESYNTAX, "%s must be from %ld to %ld",
		       d->name, d->min, d->max);
		return false;
	}
	*v = n;
	return true;
}

static void list_names(buf *b, unsigned params)
{
	for (int p = 0; p < P_COUNT; p++)
		if (params & (1u << p))
			buf_printf(b, "%s%s", b->len ? ", " : "", cln_param_defs[p].name);
	if (!b->len)
		buf_adds(b, "none");
}

const char *const cln_phase_names[PHASE_COUNT] = { "before-main", "main", "after-main" };

/* phase=before-main|main|after-main */
static bool parse_phase(scan *sc, rule *r)
{
	size_t si = sc->si, at = sc->pos;
	const char *w;
	size_t wl = read_word(sc, &w);
	for (int p = 0; p < PHASE_COUNT; p++)
		if (wl == strlen(cln_phase_names[p]) && memcmp(w, cln_phase_names[p], wl) == 0) {
			r->phase = (unsigned char)p;
			return true;
		}
	err_at(sc, si, at, CLN_ESYNTAX, "phase is before-main, main or after-main, not '%.*s'",
	       (int)wl, w);
	return false;
}

/* Sites "example.com ~m.example.com example.org/news/" at the scanner
   (a "quoted string" for site=, the rest of the line for @site): their
   scope's index in the rule set, or -1 after an error. */
static int parse_scope(scan *sc, bool quoted)
{
	size_t si = sc->si, at = sc->pos + quoted;
	buf s = BUF_INIT;
	const seg *g = cur(sc);
	/* the line up to a comment; the text ends at g->len, no NUL after it */
	size_t end = at;
	if (!quoted && at < g->len) {
		const char *hash = memchr(g->s + at, '#', g->len - at);
		end = hash ? (size_t)(hash - g->s) : g->len;
	}
	if (quoted ? !read_string(sc, &s) : buf_add(&s, g->s + at, end - at) < 0) {
		sc->oom |= !quoted;
		buf_free(&s);
		return -1;
	}
	sc->pos = quoted ? sc->pos : cur(sc)->len;
	site_scope scope;
	size_t pos;
	const char *why;
	int rc = cln_scope_parse(&scope, s.data ? s.data : "", s.len, &pos, &why);
	buf_free(&s);
	if (rc == 0 && (rc = cln_loader_add_scope(sc->ld, &scope)) >= 0)
		return rc;
	if (rc == CLN_ENOMEM)
		sc->oom = true;
	else
		err_at(sc, si, at + pos, CLN_ESYNTAX, "%s", why);
	return -1;
}

/* Page types "forum listing" or "~forum" at the scanner: a "quoted
   string" (quoted), else a word or (for @page-type) the rest of the line.
   Their bits (1u << PAGE_*), or -1 after an error. */
static long parse_page_types(scan *sc, bool quoted, bool line)
{
	size_t si = sc->si, at = sc->pos, from = at + quoted;
	const seg *g = cur(sc);
	buf s = BUF_INIT;
	if (quoted && !read_string(sc, &s)) {
		buf_free(&s);
		return -1;
	}
	if (!quoted) {
		size_t e = at;
		while (e < g->len && g->s[e] != '#' && (line || (g->s[e] != ' ' && g->s[e] != '\t')))
			e++;
		sc->oom |= buf_add(&s, g->s + at, e - at) < 0 || buf_reserve(&s, 0) < 0;
		sc->pos = e;
	}
	size_t pos = 0;
	long t = sc->oom ? -1 : cln_page_types_parse(s.data, s.len, &pos);
	if (t < 0 && !sc->oom) {
		buf names = BUF_INIT;
		for (int k = PAGE_ARTICLE; k < PAGE_COUNT; k++)
			buf_printf(&names, "%s%s", k > PAGE_ARTICLE ? ", " : "", cln_page_type_names[k]);
		size_t n = strcspn(s.data + pos, " \t,");
		if (n)
			err_at(sc, si, from + pos, CLN_ESYNTAX, "unknown page type '%.*s' (page types: %s)",
			       (int)n, s.data + pos, names.data ? names.data : "?");
		else
			err_at(sc, si, from, CLN_ESYNTAX, "page-type needs page types (%s), ~ before one "
			       "to leave it out", names.data ? names.data : "?");
		buf_free(&names);
	}
	buf_free(&s);
	return t;
}

/* The options every action takes, site="...", page-type=... and
   phase=..., have these bits in parse_param's `seen` (the table's
   parameters use the low ones). */
enum { SEEN_TYPES = 1u << 29, SEEN_SITE = 1u << 30, SEEN_PHASE = 1u << 31 };
_Static_assert(P_COUNT < 29, "the table's parameters leave bits 29 to 31 free");

/* 1: read a common option, -1: an error in it, 0: not one. */
static int common_param(scan *sc, rule *r, const char *w, size_t wl, unsigned *seen)
{
	bool site = wl == 4 && memcmp(w, "site", 4) == 0;
	bool types = wl == 9 && memcmp(w, "page-type", 9) == 0;
	if (!site && !types && !(wl == 5 && memcmp(w, "phase", 5) == 0))
		return 0;
	unsigned bit = site ? SEEN_SITE : types ? SEEN_TYPES : SEEN_PHASE;
	if (*seen & bit) {
		err_at(sc, sc->si, sc->pos - wl, CLN_ESYNTAX, "parameter '%.*s' given twice", (int)wl, w);
		return -1;
	}
	*seen |= bit;
	sc->pos++; /* '=' */
	if (site && peek(sc) != '"') {
		err_at(sc, sc->si, sc->pos, CLN_ESYNTAX, "site needs a \"quoted list of sites\"");
		return -1;
	}
	if (site)
		return (r->site = parse_scope(sc, true)) >= 0 ? 1 : -1;
	if (types) {
		long t = parse_page_types(sc, peek(sc) == '"', false);
		r->page_types &= t >= 0 ? (unsigned)t : PAGE_ALL;
		return t >= 0 ? 1 : -1;
	}
	return parse_phase(sc, r) ? 1 : -1;
}

/* A part's name: letters, digits, '-' and '_' (it names a JSON member
   and a --keep-part argument). */
static bool read_name(scan *sc, const param_def *d, char **out)
{
	size_t at = sc->pos;
	const char *w = cur(sc)->s + at;
	size_t n = 0;
	while (isalnum((unsigned char)peek(sc)) || peek(sc) == '-' || peek(sc) == '_') {
		sc->pos++;
		n++;
	}
	if (n == 0 || (peek(sc) >= 0 && peek(sc) != ' ' && peek(sc) != '\t')) {
		err_at(sc, sc->si, at, CLN_ESYNTAX, "%s needs a name (letters, digits, - and _)", d->name);
		return false;
	}
	if (!(*out = strndup(w, n)))
		sc->oom = true;
	return *out != NULL;
}

static bool parse_param(scan *sc, rule *r, unsigned *seen)
{
	const action_def *a = &cln_action_defs[r->act];
	size_t si = sc->si, at = sc->pos;
	const char *w;
	size_t wl = read_word(sc, &w);
	if (wl == 0 || peek(sc) != '=') {
		sc->pos = at;
		err_at(sc, si, at, CLN_ESYNTAX, peek(sc) == '/'
		       ? "only one /pattern/ per rule; found another at '%.*s'"
		       : "expected name=value, found '%.*s'", token_len(sc), cur(sc)->s + at);
		return false;
	}
	int common = common_param(sc, r, w, wl, seen);
	if (common)
		return common > 0;
	int p = cln_param_lookup(w, wl);
	if (p < 0 || !(a->params & (1u << p))) {
		buf names = BUF_INIT;
		list_names(&names, a->params);
		err_at(sc, si, at, CLN_ESYNTAX, "%s parameter '%.*s' for %s (it takes: %s)",
		       p < 0 ? "unknown" : "no", (int)wl, w, a->name, names.data ? names.data : "?");
		buf_free(&names);
		return false;
	}
	if ((*seen & (1u << p)) && p != P_MARKER) {
		err_at(sc, si, at, CLN_ESYNTAX, "parameter '%s' given twice", cln_param_defs[p].name);
		return false;
	}
	*seen |= 1u << p;
	sc->pos++; /* '=' */
	const param_def *d = &cln_param_defs[p];
	if (d->type == PT_INT)
		return read_int(sc, d, &r->p[p]);
	if (d->type == PT_NAME)
		return read_name(sc, d, &r->part);
	if (d->type == PT_STRING) {
		if (peek(sc) != '"') {
			err_at(sc, sc->si, sc->pos, CLN_ESYNTAX, "%s needs a \"quoted string\"", d->name);
			return false;
		}
		buf s = BUF_INIT;
		sc->with_si = sc->si;
		sc->with_pos = sc->pos;
		if (!read_string(sc, &s)) {
			buf_free(&s);
			return false;
		}
		r->with = buf_detach(&s, &r->with_len);
		return true;
	}
	if (peek(sc) != '/') {
		err_at(sc, sc->si, sc->pos, CLN_ESYNTAX, "%s needs a /pattern/", d->name);
		return false;
	}
	pattern *m = realloc(r->markers, (r->nmarkers + 1) * sizeof *m);
	if (!m) {
		sc->oom = true;
		return false;
	}
	r->markers = m;
	if (!read_pattern(sc, &m[r->nmarkers], false, NULL))
		return false;
	r->nmarkers++;
	return true;
}

/* The column of byte `idx` of the with="..." string, undoing escapes. */
static size_t with_src_pos(const scan *sc, size_t idx)
{
	const seg *g = &sc->segs[sc->with_si];
	size_t p = sc->with_pos + 1;
	for (size_t i = 0; i < idx && p < g->len; i++)
		p += g->s[p] == '\\' ? 2 : 1;
	return p;
}

/* A group number or name after '$' in a replacement, as PCRE2 reads it:
   digits, or [A-Za-z0-9_]* not starting with a digit. */
static size_t group_ref_len(const char *s, size_t n)
{
	bool number = n && isdigit((unsigned char)s[0]);
	size_t i = 0;
	while (i < n && (isdigit((unsigned char)s[i]) ||
	                 (!number && (isalpha((unsigned char)s[i]) || s[i] == '_'))))
		i++;
	return i;
}

/* Is the group reference ref (a number or a name) in the pattern? Else
   the message, in msg. */
static bool group_exists(const pcre2_code *code, const char *ref, size_t len,
                         char *msg, size_t msgsize)
{
	uint32_t groups = 0;
	pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (isdigit((unsigned char)ref[0])) {
		unsigned long g = 0;
		for (size_t k = 0; k < len && g <= groups; k++)
			g = g * 10 + (unsigned long)(ref[k] - '0');
		if (g <= groups)
			return true;
	} else {
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)len, ref);
		if (len < sizeof name &&
		    pcre2_substring_number_from_name(code, (PCRE2_SPTR)name) != PCRE2_ERROR_NOSUBSTRING)
			return true;
	}
	snprintf(msg, msgsize, "with=\"...\" refers to group '%.*s'; the pattern has %u group%s%s",
	         (int)len, ref, groups, groups == 1 ? "" : "s",
	         isdigit((unsigned char)ref[0]) ? "" : " and none of that name");
	return false;
}

/* Every $ of the replacement must be $$, $N, ${N}, $name, ${name},
   $*MARK or ${*MARK}, naming a group the pattern has (PCRE2's syntax).
   Checked here so that a bad one is an error at its place in the file,
   not a failure on every block the pattern matches. */
static bool check_with(scan *sc, const rule *r)
{
	const char *w = r->with;
	size_t n = r->with_len;
	char msg[200];
	for (size_t i = 0; i < n; i++) {
		if (w[i] != '$')
			continue;
		size_t at = i++;
		if (i < n && w[i] == '$')
			continue;
		bool brace = i < n && w[i] == '{';
		i += brace;
		bool mark = i < n && w[i] == '*';
		i += mark;
		const char *ref = w + i;
		size_t len = group_ref_len(ref, n - i);
		i += len - !brace; /* on the closing brace, or the reference's last byte */
		bool ok = len > 0 && (!brace || (i < n && w[i] == '}'));
		if (!ok)
			snprintf(msg, sizeof msg, "'$' in with=\"...\" must be followed by a group "
			         "number or name, {number or name} or $ (write $$ for a dollar sign)");
		if (!ok || (!mark && !group_exists(r->pat.re.code, ref, len, msg, sizeof msg))) {
			err_at(sc, sc->with_si, with_src_pos(sc, at), CLN_ESYNTAX, "%s", msg);
			return false;
		}
	}
	return true;
}

static void parse_include(scan *sc)
{
	if (!skip_space(sc) || peek(sc) != '"') {
		err_at(sc, sc->si, sc->pos, CLN_ESYNTAX, "include needs a \"quoted file name\"");
		return;
	}
	size_t ssi = sc->si, spos = sc->pos;
	buf path = BUF_INIT;
	if (read_string(sc, &path)) {
		if (skip_space(sc))
			err_at(sc, sc->si, sc->pos, CLN_ESYNTAX, "unexpected '%.*s' after include",
			       token_len(sc), cur(sc)->s + sc->pos);
		else {
			const seg *g = &sc->segs[ssi];
			sc->errors += cln_loader_include(sc->ld, sc->name, sc->embedded,
			                                 path.data, path.len, g->line,
			                                 (unsigned)spos + 1, g->off + spos,
			                                 g->s, g->len);
		}
	}
	buf_free(&path);
}

/* "@site SITES": the rules that follow in this file (and the files it
   includes) apply to those sites only; "@site *" ends that. "@page-type
   TYPES" and "@page-type *" do the same for page types. */
static void parse_directive(scan *sc)
{
	size_t si = sc->si, at = sc->pos;
	sc->pos++; /* '@' */
	const char *w;
	size_t wl = read_word(sc, &w);
	bool types = wl == 9 && memcmp(w, "page-type", 9) == 0;
	if (!types && (wl != 4 || memcmp(w, "site", 4) != 0)) {
		err_at(sc, si, at, CLN_ESYNTAX,
		       "unknown directive '@%.*s' (there are @site and @page-type)", (int)wl, w);
		return;
	}
	if (sc->nseg > 1) {
		err_at(sc, 1, 0, CLN_ESYNTAX, "@%.*s takes one line", (int)wl, w);
		return;
	}
	if (!skip_space(sc)) {
		err_at(sc, si, sc->pos, CLN_ESYNTAX, types
		       ? "@page-type needs page types (forum, product...), or * for all"
		       : "@site needs sites (example.com), or * for all");
		return;
	}
	const seg *g = cur(sc);
	const char *hash = memchr(g->s + sc->pos, '#', g->len - sc->pos);
	size_t end = hash ? (size_t)(hash - g->s) : g->len;
	while (end > sc->pos && (g->s[end - 1] == ' ' || g->s[end - 1] == '\t'))
		end--;
	bool all = end - sc->pos == 1 && g->s[sc->pos] == '*';
	if (types) {
		long t = all ? (long)PAGE_ALL : parse_page_types(sc, false, true);
		if (t >= 0)
			cln_loader_set_page_types(sc->ld, (unsigned)t);
		sc->pos = g->len;
		return;
	}
	if (all) {
		cln_loader_set_scope(sc->ld, -1);
		return;
	}
	int scope = parse_scope(sc, false);
	if (scope >= 0)
		cln_loader_set_scope(sc->ld, scope);
}

/* Keep the rule's /pattern/flags or {selector}, from (si, pos) where it
   opens to the scanner's position, as the file writes it. */
static bool keep_src(scan *sc, rule *r, size_t si, size_t pos)
{
	buf b = BUF_INIT;
	bool ok = true;
	r->src_line = sc->segs[si].line;
	r->src_col = (unsigned)pos + 1;
	for (; si <= sc->si; si++, pos = 0) {
		size_t end = si == sc->si ? sc->pos : sc->segs[si].len;
		if (pos < end)
			ok = ok && buf_add(&b, sc->segs[si].s + pos, end - pos) == 0;
		if (si < sc->si)
			ok = ok && buf_adds(&b, "\n") == 0;
	}
	r->src = ok ? buf_detach(&b, NULL) : NULL;
	buf_free(&b);
	if (!r->src)
		sc->oom = true;
	return r->src != NULL;
}

/* The word after a statement's keyword (0: none), and where it is (or
   where it should have been). */
static size_t next_word(scan *sc, const char **w, size_t *si, size_t *at)
{
	*si = sc->si;
	*at = sc->pos;
	if (!skip_space(sc))
		return 0;
	*si = sc->si;
	*at = sc->pos;
	return read_word(sc, w);
}

/* disable ID: take back a rule loaded before (a default one). */
static void parse_disable(scan *sc)
{
	const char *id;
	size_t isi, iat, il = next_word(sc, &id, &isi, &iat);
	if (il == 0)
		err_at(sc, isi, iat, CLN_ESYNTAX, "disable needs the id of a rule loaded before");
	else if (skip_space(sc))
		err_at(sc, sc->si, sc->pos, CLN_ESYNTAX, "unexpected '%.*s' after disable",
		       token_len(sc), cur(sc)->s + sc->pos);
	else if (!cln_loader_disable(sc->ld, id, il))
		err_at(sc, isi, iat, CLN_ESYNTAX, "no rule '%.*s' loaded before to disable",
		       (int)il, id);
}

/* define NAME /pattern/flags: a pattern the selectors of later rules name
   as @NAME (checked here; compiled again where it is used). */
static void parse_define(scan *sc)
{
	const char *name;
	size_t nsi, nat, nl = next_word(sc, &name, &nsi, &nat);
	if (nl == 0 || !skip_space(sc) || peek(sc) != '/') {
		err_at(sc, nl ? sc->si : nsi, nl ? sc->pos : nat, CLN_ESYNTAX,
		       "define needs a name and a /pattern/");
		return;
	}
	pattern p = { 0 };
	buf re = BUF_INIT;
	if (!read_pattern(sc, &p, false, &re))
		return;
	uint32_t opts = 0;
	pcre2_pattern_info(p.re.code, PCRE2_INFO_ARGOPTIONS, &opts);
	cln_regex_free(&p.re);
	free(p.need);
	if (skip_space(sc))
		err_at(sc, sc->si, sc->pos, CLN_ESYNTAX, "unexpected '%.*s' after define",
		       token_len(sc), cur(sc)->s + sc->pos);
	else {
		int rc = cln_loader_define(sc->ld, name, nl, re.data ? re.data : "", re.len,
		                           opts & (PCRE2_CASELESS | PCRE2_EXTENDED));
		if (rc > 0)
			err_at(sc, nsi, nat, CLN_ESYNTAX, "pattern @%.*s is defined already", (int)nl, name);
		else if (rc < 0)
			sc->oom = true;
	}
	buf_free(&re);
}

/* The rule's "ID:" (word w, read at segment si, position at); true when it
   is a new rule's id and the ':' follows. */
static bool rule_id_ok(scan *sc, const char *w, size_t wl, size_t si, size_t at)
{
	if (peek(sc) != ':' || wl == 0) {
		sc->pos = at;
		if (wl && cln_action_lookup(w, wl) >= 0)
			err_at(sc, si, at, CLN_ESYNTAX,
			       "missing rule id: write 'ID: %.*s ...'", (int)wl, w);
		else
			err_at(sc, si, at, CLN_ESYNTAX,
			       "expected 'ID: action ...' or 'include \"file\"', found '%.*s'",
			       token_len(sc), cur(sc)->s + at);
		return false;
	}
	if (!isalnum((unsigned char)w[0])) {
		err_at(sc, si, at, CLN_ESYNTAX,
		       "rule id '%.*s' must start with a letter or digit", (int)wl, w);
		return false;
	}
	const rule *prev = cln_loader_find(sc->ld, w, wl);
	if (prev) {
		err_at(sc, si, at, CLN_EDUPID, "duplicate rule id '%.*s' (first defined at %s:%u)",
		       (int)wl, w, prev->file, prev->line);
		return false;
	}
	return true;
}

/* The action after "ID:", read at (*asi, *aat); its index, or -1 after
   an error. */
static int read_action(scan *sc, const rule *r, size_t *asi, size_t *aat)
{
	const char *an = "";
	size_t al = 0;
	bool more = skip_space(sc);
	*asi = sc->si;
	*aat = sc->pos;
	if (more)
		al = read_word(sc, &an);
	if (al == 0) {
		err_at(sc, *asi, *aat, CLN_ESYNTAX, "missing action after '%s:'", r->id);
		return -1;
	}
	int act = cln_action_lookup(an, al);
	if (act < 0) {
		buf names = BUF_INIT;
		for (int a = 0; a < ACT_COUNT; a++)
			buf_printf(&names, "%s%s", a ? ", " : "", cln_action_defs[a].name);
		err_at(sc, *asi, *aat, CLN_ESYNTAX, "unknown action '%.*s' (actions: %s)",
		       (int)al, an, names.data ? names.data : "?");
		buf_free(&names);
	}
	return act;
}

/* The {selector} or /pattern/ after the action, if any, and its source. */
static bool read_target(scan *sc, rule *r, const action_def *a)
{
	bool more = skip_space(sc);
	size_t ssi = sc->si, spos = sc->pos;
	if (more && peek(sc) == '{') {
		if (r->act != ACT_DROP && r->act != ACT_KEEP) {
			err_at(sc, sc->si, sc->pos, CLN_ESYNTAX,
			       "a {selector} goes with drop or keep, not %s", a->name);
			return false;
		}
		if (!read_selector(sc, &r->sel))
			return false;
	} else if (skip_space(sc) && peek(sc) == '/') {
		if (!a->pattern) {
			err_at(sc, sc->si, sc->pos, CLN_ESYNTAX, r->act == ACT_RUN
			       ? "action 'run' takes no /pattern/ (use marker=/.../)"
			       : "action '%s' takes no /pattern/", a->name);
			return false;
		}
		if (!read_pattern(sc, &r->pat, r->act == ACT_REPLACE, NULL))
			return false;
	}
	return !(r->pat.re.code || r->sel) || keep_src(sc, r, ssi, spos);
}

/* What the action needs and the rule lacks, said at the action (asi, aat). */
static bool rule_complete(scan *sc, rule *r, const action_def *a, size_t asi, size_t aat)
{
	if (a->pattern && !r->pat.re.code && !r->sel) {
		err_at(sc, asi, aat, CLN_ESYNTAX, r->act == ACT_DROP || r->act == ACT_KEEP
		       ? "action '%s' needs a /pattern/ or a {selector} after it"
		       : "action '%s' needs a /pattern/ after it", a->name);
		return false;
	}
	if (r->act == ACT_RUN && r->nmarkers == 0) {
		err_at(sc, asi, aat, CLN_ESYNTAX, "action 'run' needs at least one marker=/pattern/");
		return false;
	}
	return r->act != ACT_REPLACE || !r->with || check_with(sc, r);
}

/* ID: action [{selector} | /pattern/] [param=value]... */
static void parse_new_rule(scan *sc, const char *w, size_t wl, size_t si)
{
	rule r = { 0 };
	r.id = strndup(w, wl);
	r.file = strdup(sc->name);
	r.line = sc->segs[si].line;
	sc->pos++; /* ':' */
	if (!r.id || !r.file) {
		sc->oom = true;
		goto fail;
	}
	size_t asi, aat;
	int act = read_action(sc, &r, &asi, &aat);
	if (act < 0)
		goto fail;
	r.act = (action)act;
	const action_def *a = &cln_action_defs[act];
	memcpy(r.p, a->defaults, sizeof r.p);
	r.scope = cln_loader_scope(sc->ld);
	r.site = -1;
	r.page_types = cln_loader_page_types(sc->ld);
	r.phase = act == ACT_MAIN ? PHASE_MAIN : PHASE_BEFORE_MAIN;
	if (!read_target(sc, &r, a))
		goto fail;
	unsigned seen = 0;
	while (skip_space(sc))
		if (!parse_param(sc, &r, &seen))
			goto fail;
	if (!rule_complete(sc, &r, a, asi, aat))
		goto fail;
	if (!sc->oom && cln_loader_add_rule(sc->ld, &r) == 0)
		return;
	sc->oom = true;
fail:
	cln_rule_clear(&r);
}

static void parse_rule(scan *sc)
{
	skip_space(sc);
	size_t si = sc->si, at = sc->pos;
	const char *w;
	size_t wl = read_word(sc, &w);
	if (wl == 7 && memcmp(w, "include", 7) == 0 && peek(sc) != ':')
		parse_include(sc);
	else if (wl == 0 && peek(sc) == '@')
		parse_directive(sc);
	else if (wl == 7 && memcmp(w, "disable", 7) == 0 && peek(sc) != ':')
		parse_disable(sc);
	else if (wl == 6 && memcmp(w, "define", 6) == 0 && peek(sc) != ':')
		parse_define(sc);
	else if (rule_id_ok(sc, w, wl, si, at))
		parse_new_rule(sc, w, wl, si);
}

static bool blank_or_comment(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '#')
			return true;
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	}
	return true;
}

static bool is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* Next physical line from *pos; strips the EOL (LF or CR LF). */
static bool next_line(const char *text, size_t len, size_t *pos, seg *out)
{
	if (*pos >= len)
		return false;
	const char *s = text + *pos;
	const char *nl = memchr(s, '\n', len - *pos);
	size_t l = nl ? (size_t)(nl - s) : len - *pos;
	out->s = s;
	out->off = *pos;
	*pos += l + (nl ? 1 : 0);
	if (l && s[l - 1] == '\r')
		l--;
	out->len = l;
	return true;
}

size_t cln_parse_rules(rule_loader *ld, const char *name, bool embedded,
                       const char *text, size_t len)
{
	seg segs[MAX_SEGS];
	scan sc = { .ld = ld, .name = name, .embedded = embedded, .segs = segs };
	size_t pos = 0;
	unsigned lineno = 0;
	seg g;
	bool have = next_line(text, len, &pos, &g);
	if (have)
		g.line = ++lineno;
	while (have) {
		if (blank_or_comment(g.s, g.len)) {
			if ((have = next_line(text, len, &pos, &g)))
				g.line = ++lineno;
			continue;
		}
		segs[0] = g;
		sc.nseg = 1;
		sc.si = 0;
		sc.pos = 0;
		if (g.s[0] == ' ' || g.s[0] == '\t') {
			while (g.s[sc.pos] == ' ' || g.s[sc.pos] == '\t')
				sc.pos++;
			err_at(&sc, 0, sc.pos, CLN_ESYNTAX,
			       "indented line continues no rule (rules start in column 1)");
			if ((have = next_line(text, len, &pos, &g)))
				g.line = ++lineno;
			continue;
		}
		/* gather continuation lines: indented, up to a blank line */
		bool too_long = false;
		while ((have = next_line(text, len, &pos, &g))) {
			g.line = ++lineno;
			if (is_blank(g.s, g.len) || (g.s[0] != ' ' && g.s[0] != '\t'))
				break;
			if (sc.nseg < MAX_SEGS)
				segs[sc.nseg++] = g;
			else if (!too_long) {
				too_long = true;
				err_at(&sc, sc.nseg - 1, 0, CLN_ESYNTAX,
				       "rule longer than %d lines", MAX_SEGS);
			}
		}
		sc.si = 0;
		sc.pos = 0;
		sc.oom = false;
		if (!too_long)
			parse_rule(&sc);
		/* never drop a rule silently, even for want of memory */
		if (sc.oom)
			err_at(&sc, 0, 0, CLN_ENOMEM, "out of memory while reading this rule");
	}
	return sc.errors;
}
