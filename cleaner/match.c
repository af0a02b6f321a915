/*
 * match.c - the pattern actions: keep, drop, drop-next, drop-after,
 * drop-before and replace, plus the helpers every rule stage shares.
 * Rules run in order; a block already removed is not matched again, and a
 * block a keep rule protects is never removed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int push_string(doc *d, char ***v, size_t *n, size_t *cap, char *s)
{
	if (!s || grow_array(v, *n, cap, sizeof **v) < 0) {
		d->nomem = true;
		free(s);
		return CLN_ENOMEM;
	}
	(*v)[(*n)++] = s;
	return 0;
}

/* The whole message, however long (a deep page's DOM path): a cut one
   loses its end and may end inside a UTF-8 character. */
static char *vformat(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *s = n < 0 ? NULL : malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, again);
	va_end(again);
	return s;
}

int cln_detail(doc *d, size_t i, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	if (!s || grow_array(&d->details, d->ndetails, &d->capdetails, sizeof *d->details) < 0) {
		d->nomem = true;
		free(s);
		return CLN_ENOMEM;
	}
	d->details[d->ndetails++] = (detail){ i, s };
	return 0;
}

int cln_warn(doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	return push_string(d, &d->warnings, &d->nwarnings, &d->capwarnings, s);
}

/*
 * The match budget. PCRE2's match limit bounds one call, so a catastrophic
 * pattern still costs the whole limit on every block (2,000 lines: two
 * minutes). So each rule also gets a budget per document, in the same
 * steps: CLN_BUDGET_LIMITS match limits plus CLN_BUDGET_PER_BYTE per byte
 * of the document. PCRE2 does not say what a call cost, so a call first
 * runs under a small limit (PROBE_STEPS, enough for ordinary patterns, and
 * free); only if that is exceeded is it run again under limits four times
 * larger, up to the match limit and what is left of the budget, and the
 * limit it needed is charged (at most 4x its real cost; the retries add at
 * most a third). A rule whose budget is spent stops for the rest of the
 * document, with one warning. So a rule costs at most PROBE_STEPS per
 * block plus its budget (plus a third), whatever the pattern, and the
 * answer does not depend on the machine or its load.
 */
#define PROBE_STEPS 10000UL

void cln_match_setup(doc *d, unsigned long match_limit)
{
	d->match_limit = match_limit ? match_limit : CLN_DEFAULT_MATCH_LIMIT;
	if (d->match_limit > UINT32_MAX)
		d->match_limit = UINT32_MAX;
	d->match_budget = CLN_BUDGET_LIMITS * d->match_limit + CLN_BUDGET_PER_BYTE * d->len;
}

void cln_pattern_warning(doc *d, size_t ri, int rc, unsigned line)
{
	rule_spend *sp = &d->spend[ri];
	if (sp->limit_warned)
		return;
	PCRE2_UCHAR msg[160];
	pcre2_get_error_message(rc, msg, sizeof msg);
	cln_warn(d, "rule %s: %s at line %u; counted as no match (later hits of this rule not listed)",
	         d->rules->v[ri].id, (const char *)msg, line);
	sp->limit_warned = true;
}

int cln_match_text(doc *d, size_t ri, const regex *re, const char *s, size_t len,
                   size_t from, unsigned line)
{
	rule_spend *sp = &d->spend[ri];
	if (sp->out)
		return 0;
	const pcre2_code *code = cln_regex_ready(re, len - from);
	unsigned long long left = d->match_budget - sp->spent;
	unsigned long top = left < d->match_limit ? (unsigned long)left : d->match_limit;
	unsigned long lim = top < PROBE_STEPS ? top : PROBE_STEPS;
	int rc;
	for (;;) {
		pcre2_set_match_limit(d->mctx, (uint32_t)lim);
		rc = pcre2_match(code, (PCRE2_SPTR)s, len, from, 0, d->md, d->mctx);
		if (rc != PCRE2_ERROR_MATCHLIMIT || lim == top)
			break;
		lim = lim > top / 4 ? top : lim * 4;
	}
	bool over = rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	            rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
	if (over || lim > PROBE_STEPS)
		sp->spent += over ? top : lim;
	if (sp->spent >= d->match_budget && !sp->out) {
		sp->out = true;
		sp->out_line = line;
	}
	if (rc >= 0)
		return 1; /* 0 only means the ovector was too small */
	if (rc == PCRE2_ERROR_NOMATCH || (over && top < d->match_limit))
		return 0; /* cut short by the budget: its own warning says so */
	cln_pattern_warning(d, ri, rc, line);
	return over ? CLN_ELIMIT : CLN_EINVAL;
}

bool cln_rule_spent(doc *d, size_t ri, size_t untested)
{
	if (d->spend[ri].out)
		d->spend[ri].skipped += untested;
	return d->spend[ri].out;
}

bool cln_rule_sees_all(const doc *d, size_t ri)
{
	return d->ex || d->spend[ri].out;
}

int cln_budget_warnings(doc *d)
{
	for (size_t ri = 0; ri < d->rules->n; ri++) {
		const rule_spend *sp = &d->spend[ri];
		if (sp->out && cln_warn(d, "rule %s: spent its match budget for this document "
		                        "(%llu steps) at line %u; skipped for the rest of it "
		                        "(%zu %s not tested)", d->rules->v[ri].id,
		                        d->match_budget, sp->out_line, sp->skipped,
		                        d->rules->v[ri].sel ? "elements" : "blocks") < 0)
			return CLN_ENOMEM;
	}
	return 0;
}

int cln_match_at(doc *d, size_t ri, const pattern *p, size_t bi, size_t from)
{
	const block *b = &d->b[bi];
	if (cln_rule_spent(d, ri, from == 0))
		return 0;
	if (from == 0 && !cln_prefilter_may(d, bi, p))
		return 0; /* none of its literals: it cannot match */
	return cln_match_text(d, ri, &p->re, b->text, b->len, from, b->line);
}

int cln_match(doc *d, size_t ri, const pattern *p, size_t bi)
{
	return cln_match_at(d, ri, p, bi, 0);
}

pcre2_code *cln_regex_compile(const char *re, size_t len, uint32_t flags, char *msg,
                              size_t msgsize, size_t *err_offset)
{
	int ec;
	PCRE2_SIZE eo = 0;
	/* DOTALL: a block may hold line ends (a wrapped paragraph's, a <pre>'s),
	   and `.` runs over them as over the blanks they show */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_DOTALL | flags;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, len, opts, &ec, &eo, NULL);
	if (!code) {
		if (ec == PCRE2_ERROR_HEAP_FAILED)
			snprintf(msg, msgsize, CLN_OOM_MESSAGE);
		else
			pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, msgsize);
		*err_offset = eo;
		return NULL;
	}
	return code;
}

/* JIT-compiling a pattern costs 100,000 to a million instructions, more
   than its first few matches on lines save, and a one-page run matches
   many patterns only once or twice; past a few matches, or on a long
   subject, the JIT code pays (60 dumps: 1% fewer instructions at four
   lines, 7% more at 64; a 10 MB line, one match a pattern: 1.6x the time
   interpreted). A match weighs a line, and one more for every REGEX_LINE
   bytes of its subject. */
enum { REGEX_JIT_AFTER = 4, REGEX_LINE = 256 };

const pcre2_code *cln_regex_ready(const regex *re, size_t len)
{
	regex *shared = (regex *)re; /* its jit and uses only, atomically */
	pcre2_code *jit = __atomic_load_n(&shared->jit, __ATOMIC_ACQUIRE);
	if (jit)
		return jit;
	size_t w = 1 + len / REGEX_LINE;
	unsigned add = w < REGEX_JIT_AFTER ? (unsigned)w : REGEX_JIT_AFTER;
	unsigned was = __atomic_fetch_add(&shared->uses, add, __ATOMIC_RELAXED);
	if (was >= REGEX_JIT_AFTER || was + add < REGEX_JIT_AFTER)
		return re->code; /* another thread makes it, or not yet */
	/* a copy, so that no thread reads the code while it is changed; JIT
	   is an optimisation: without it (unsupported CPU, no memory)
	   matching still works */
	jit = pcre2_code_copy(re->code);
	if (jit && pcre2_jit_compile(jit, PCRE2_JIT_COMPLETE) == 0) {
		__atomic_store_n(&shared->jit, jit, __ATOMIC_RELEASE);
		return jit;
	}
	pcre2_code_free(jit);
	return re->code;
}

void cln_regex_free(regex *re)
{
	pcre2_code_free(re->code);
	pcre2_code_free(re->jit);
	*re = (regex){ 0 };
}

int cln_new_group(doc *d, int el)
{
	int g = ++d->groups;
	while ((size_t)g >= d->capgroups)
		if (grow_array(&d->group_elem, d->capgroups, &d->capgroups, sizeof *d->group_elem) < 0) {
			d->nomem = true; /* the clean fails once the rule is done */
			return g;
		}
	while (d->ngroups < (size_t)g)
		d->group_elem[d->ngroups++] = -1;
	d->group_elem[g] = el;
	d->ngroups = (size_t)g + 1;
	return g;
}

void cln_part_group(doc *d, int g)
{
	if (d->npart_groups == d->cappart_groups &&
	    grow_array(&d->part_groups, d->cappart_groups, &d->cappart_groups,
	               sizeof *d->part_groups) < 0) {
		d->nomem = true;
		return;
	}
	d->part_groups[d->npart_groups++] = g;
}

bool cln_remove(doc *d, size_t i, int r, int g)
{
	block *b = &d->b[i];
	if (b->removed_by >= 0 || b->kept_by >= 0) {
		if (d->ex)
			cln_explain_note(d, i, r);
		return false;
	}
	b->removed_by = r;
	b->group = g;
	return true;
}

size_t cln_block_chars(const doc *d, size_t i)
{
	const block *b = &d->b[i];
	bool edited = d->block_edit && d->block_edit[i] != (size_t)-1;
	if (!edited)
		return b->chars;
	size_t hidden = b->flags & BF_WRAPPED ? cln_wrap_breaks(b->text, b->len) : 0;
	return cln_utf8_chars(b->text, b->len) - hidden;
}

/* Is block i's length in rule r's range? */
static bool fits(const doc *d, const rule *r, size_t i)
{
	const block *b = &d->b[i];
	long maxlen = r->p[P_MAXLEN], minlen = r->p[P_MINLEN];
	if (!maxlen && !minlen)
		return true;
	if (maxlen && b->len > (size_t)maxlen * 4) /* a UTF-8 char is at most 4 bytes */
		return false;
	size_t c = cln_block_chars(d, i);
	return (!maxlen || c <= (size_t)maxlen) && c >= (size_t)minlen;
}

/* A keep rule: not kept yet. */
bool cln_rule_candidate(const doc *d, const rule *r, size_t i)
{
	const block *b = &d->b[i];
	if (b->removed_by >= 0 || b->kept_by >= 0)
		return false;
	return fits(d, r, i);
}

/* Explaining, a block the rule may not take is tested all the same. */
static bool hit(doc *d, size_t ri, size_t i)
{
	const rule *r = &d->rules->v[ri];
	if (cln_rule_candidate(d, r, i))
		return cln_match(d, ri, &r->pat, i) > 0;
	if (d->ex && fits(d, r, i))
		cln_explain_probe(d, ri, &r->pat, i);
	return false;
}

size_t cln_tail_rules(const doc *d, size_t *out, size_t max)
{
	size_t n = 0;
	for (size_t ri = 0; ri < d->rules->n && n < max; ri++) {
		const rule *r = &d->rules->v[ri];
		/* a last=1 rule took its region before, or none */
		if (r->act == ACT_DROP_AFTER && d->ran[ri] && !r->sel && !r->p[P_LAST])
			out[n++] = ri;
	}
	return n;
}

/* Does block j match one of rule ri's markers (true when it has none)?
   drop-next with marker=: each block after the match must, to go with it
   (a breadcrumb's "2. Drugs", "3. Drug Safety" after its "1. Home"). */
static bool marked(doc *d, size_t ri, size_t j)
{
	const rule *r = &d->rules->v[ri];
	for (size_t m = 0; m < r->nmarkers; m++)
		if (cln_match(d, ri, &r->markers[m], j) > 0)
			return true;
	return r->nmarkers == 0;
}

/* drop-after with marker=: does one of the `next` blocks still there
   after block i match a marker (a reviews heading the reviews' "found this
   helpful" follows), and no other match of the rule come first (a tab's
   "Reviews (3)" over the description is not the section's heading)?
   Without markers, every match counts. */
static bool marker_follows(doc *d, size_t ri, size_t i)
{
	const rule *r = &d->rules->v[ri];
	long left = r->p[P_NEXT];
	for (size_t j = i + 1; r->nmarkers && j < d->n && left > 0; j++) {
		if (d->b[j].removed_by >= 0)
			continue;
		left--;
		if (marked(d, ri, j))
			return true;
		if (fits(d, r, j) && cln_match(d, ri, &r->pat, j) > 0)
			return false;
	}
	return r->nmarkers == 0;
}

bool cln_rule_hits(doc *d, size_t ri, size_t i)
{
	const rule *r = &d->rules->v[ri];
	return fits(d, r, i) && cln_match(d, ri, &r->pat, i) > 0 && marker_follows(d, ri, i);
}

/* The next block from i on that rule ri may take: the prefilter skips the
   blocks without its literals. */
static size_t next_block(doc *d, size_t ri, size_t i)
{
	if (cln_rule_sees_all(d, ri))
		return i;
	return cln_prefilter_next(d, &d->rules->v[ri].pat, i);
}

#define EACH_BLOCK(i, from, to) \
	for (size_t i = next_block(d, ri, from); i < (to); i = next_block(d, ri, i + 1))

/* Where a drop-after rule starts looking: `within` blocks before the end;
   after main-content, the last `within` blocks the body kept (a box of
   related stories closes the body, wherever the footer's menus end). */
static size_t after_window(const doc *d, const rule *r)
{
	size_t within = (size_t)r->p[P_WITHIN];
	if (r->phase != PHASE_AFTER_MAIN)
		return d->n > within ? d->n - within : 0;
	size_t from = d->n, kept = 0;
	while (from > 0 && kept < within)
		kept += d->b[--from].removed_by < 0;
	return from;
}

/* Sentences the body kept in blocks [from, to), counted up to PROSE_AFTER. */
enum { PROSE_AFTER = 600 };
static size_t kept_prose(const doc *d, size_t from, size_t to)
{
	size_t sum = 0;
	for (size_t j = from; j < to && sum < PROSE_AFTER; j++)
		if (d->b[j].removed_by < 0 && cln_ends_sentence(&d->b[j]))
			sum += cln_block_chars(d, j);
	return sum;
}

/* Do the blocks the body kept after block i hold PROSE_AFTER chars of
   sentences? Then the box of related stories at block i stands inside an
   article, which goes on after it. On HTML, a box that starts with its
   heading (no sentence before it in the element [lo, hi) around it) is a
   box of its own: its teasers' summaries are not the article going on, so
   only what follows the box counts. */
static bool prose_after(const doc *d, size_t i, size_t lo, size_t hi)
{
	if (d->html && kept_prose(d, lo, i) == 0)
		return kept_prose(d, hi, d->n) >= PROSE_AFTER;
	return kept_prose(d, i + 1, d->n) >= PROSE_AFTER;
}

int cln_apply_keep(doc *d, size_t ri)
{
	EACH_BLOCK(i, 0, d->n)
		if (hit(d, ri, i))
			d->b[i].kept_by = (int)ri;
	return 0;
}

/* How far drop-after and drop-before reach from block i: on a flattened
   page the whole document; on an HTML page the element around the block's
   own element (the section a "Related stories" heading heads), since there
   "the end of the page" says little about what belongs together. */
static void reach(const doc *d, size_t i, size_t *from, size_t *to)
{
	*from = 0;
	*to = d->n;
	if (!d->html || d->b[i].elem < 0)
		return;
	int e = d->b[i].elem;
	while (e >= 0 && strcmp(cln_elem_tag(&d->el[e]), cln_block_tag(&d->b[i])) != 0)
		e = d->el[e].parent;
	if (e >= 0 && d->el[e].parent >= 0) {
		*from = d->el[d->el[e].parent].first;
		*to = d->el[d->el[e].parent].end;
	}
}

/* drop-after at its match i: i and all after it (on HTML, to the end of
   the element around i), unless no marker follows i, or after
   main-content prose follows the element. True when it dropped. */
static bool drop_after(doc *d, size_t ri, size_t i)
{
	const rule *r = &d->rules->v[ri];
	size_t lo, hi;
	if (!marker_follows(d, ri, i))
		return false;
	reach(d, i, &lo, &hi);
	if (r->phase == PHASE_AFTER_MAIN && prose_after(d, i, lo, hi))
		return false;
	int g = cln_new_group(d, -1);
	for (size_t j = i; j < hi; j++)
		cln_remove(d, j, (int)ri, g);
	return true;
}

int cln_apply_pattern(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	int id = (int)ri;
	switch (r->act) {
	case ACT_DROP:
		EACH_BLOCK(i, 0, d->n)
			if (hit(d, ri, i))
				cln_remove(d, i, id, cln_new_group(d, -1));
		break;
	case ACT_DROP_NEXT:
		EACH_BLOCK(i, 0, d->n) {
			if (!hit(d, ri, i))
				continue;
			int g = cln_new_group(d, -1);
			cln_remove(d, i, id, g);
			size_t j = i + 1;
			for (long k = 0; k < r->p[P_NEXT] && j < d->n; k++, j++) {
				const block *b = &d->b[j];
				if (b->kept_by >= 0 || (r->p[P_NEXT_MAXLEN] &&
				    cln_block_chars(d, j) > (size_t)r->p[P_NEXT_MAXLEN]) ||
				    !marked(d, ri, j))
					break;
				cln_remove(d, j, id, g);
			}
			i = j - 1;
		}
		break;
	case ACT_DROP_AFTER: {
		size_t from = after_window(d, r), last = d->n;
		EACH_BLOCK(i, from, d->n) {
			if (!hit(d, ri, i))
				continue;
			if (r->p[P_LAST]) { /* the last match is the one tested */
				last = i;
				continue;
			}
			if (drop_after(d, ri, i))
				break;
		}
		if (last < d->n)
			drop_after(d, ri, last);
		break;
	}
	case ACT_DROP_BEFORE: {
		size_t to = d->n < (size_t)r->p[P_WITHIN] ? d->n : (size_t)r->p[P_WITHIN];
		EACH_BLOCK(i, 0, to)
			if (hit(d, ri, i)) {
				size_t lo, hi;
				reach(d, i, &lo, &hi);
				int g = cln_new_group(d, -1);
				for (size_t j = lo; j <= i; j++)
					cln_remove(d, j, id, g);
				break;
			}
		break;
	}
	default:
		return CLN_EINVAL;
	}
	return 0;
}

/* The replacement text for the match now in d->md, via pcre2_substitute so
   that $1, ${name} and $$ behave as PCRE2 documents them (the parser
   checked the references; a group that took no part inserts nothing).
   CLN_ENOMEM, or the PCRE2 error code. */
static int expand(doc *d, const rule *r, const block *b, buf *out)
{
	PCRE2_SIZE n = 256;
	for (;;) {
		if (buf_reserve(out, n) < 0)
			return CLN_ENOMEM;
		PCRE2_SIZE got = n;
		int rc = pcre2_substitute(cln_regex_ready(&r->pat.re, b->len), (PCRE2_SPTR)b->text, b->len, 0,
		                          PCRE2_SUBSTITUTE_MATCHED | PCRE2_SUBSTITUTE_REPLACEMENT_ONLY |
		                          PCRE2_SUBSTITUTE_OVERFLOW_LENGTH | PCRE2_SUBSTITUTE_UNSET_EMPTY,
		                          d->md, d->mctx, (PCRE2_SPTR)(r->with ? r->with : ""),
		                          r->with_len, (PCRE2_UCHAR *)out->data + out->len, &got);
		if (rc >= 0) {
			out->len += got;
			return 0;
		}
		if (rc != PCRE2_ERROR_NOMEMORY)
			return rc;
		n = got;
	}
}

int cln_rewrite_block(doc *d, size_t i, int ri, const subst *s, size_t ns, const char *now,
                      size_t len)
{
	int rc = cln_edit_block(d, i, ri, s, ns, now);
	const char *t = rc == 0 ? arena_add(&d->ar, now, len) : NULL;
	if (!t)
		return rc < 0 ? rc : CLN_ENOMEM;
	d->b[i].text = t;
	d->b[i].len = (uint32_t)len;
	cln_prefilter_update(d, i);
	return 0;
}

int cln_apply_replace(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	subst *hits = NULL;
	size_t cap = 0;
	int rc = 0;
	buf out = BUF_INIT; /* every block's new text in turn; kept ones go to d->ar */
	EACH_BLOCK(i, 0, d->n) {
		if (rc)
			break;
		block *b = &d->b[i];
		if (!cln_rule_candidate(d, r, i)) {
			if (d->ex && fits(d, r, i))
				cln_explain_probe(d, ri, &r->pat, i);
			continue;
		}
		size_t nhits = 0, from = 0, copied = 0;
		out.len = 0;
		while (from <= b->len && cln_match_at(d, ri, &r->pat, i, from) > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->md);
			size_t ms = ov[0], me = ov[1];
			size_t rs = out.len + (ms - copied);
			int e = buf_add(&out, b->text + copied, ms - copied) < 0 ? CLN_ENOMEM
			        : expand(d, r, b, &out);
			if (e == 0 && nhits == cap && grow_array(&hits, nhits, &cap, sizeof *hits) < 0)
				e = CLN_ENOMEM;
			if (e == CLN_ENOMEM) {
				rc = CLN_ENOMEM;
				break;
			}
			if (e < 0) {
				/* not memory: say what PCRE2 said, leave the block as it is */
				cln_pattern_warning(d, ri, e, b->line);
				nhits = 0;
				break;
			}
			if (me > ms || out.len > rs)
				hits[nhits++] = (subst){ ms, me, rs, out.len };
			copied = me;
			if (!r->pat.global)
				break;
			/* an empty match: step over one character so the loop ends */
			from = me > ms ? me : me + 1;
			while (me == ms && from < b->len && ((unsigned char)b->text[from] & 0xC0) == 0x80)
				from++;
		}
		if (rc == 0 && nhits && buf_add(&out, b->text + copied, b->len - copied) < 0)
			rc = CLN_ENOMEM;
		if (rc == 0 && out.len > CLN_MAX_DOCUMENT)
			rc = CLN_ETOOBIG; /* a block's length has 32 bits */
		if (rc < 0 || nhits == 0)
			continue;
		if (cln_blank(out.data, out.len)) {
			/* nothing left: the block goes, reported as one removal */
			cln_remove(d, i, (int)ri, cln_new_group(d, -1));
			continue;
		}
		rc = cln_rewrite_block(d, i, (int)ri, hits, nhits, out.data, out.len);
	}
	buf_free(&out);
	free(hits);
	return rc;
}
