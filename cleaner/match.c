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

static int push_string(char ***v, size_t *n, size_t *cap, char *s)
{
	if (!s || grow_array(v, *n, cap, sizeof **v) < 0) {
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
	int rc = push_string(&d->details, &d->ndetails, &d->capdetails, s);
	if (rc == 0)
		d->b[i].detail = (int)d->ndetails - 1;
	return rc;
}

int cln_warn(doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	return push_string(&d->warnings, &d->nwarnings, &d->capwarnings, s);
}

int cln_match_at(doc *d, size_t ri, const pattern *p, size_t bi, size_t from)
{
	const block *b = &d->b[bi];
	int rc = pcre2_match(p->code, (PCRE2_SPTR)b->text, b->len, from, 0, d->md, d->mctx);
	if (rc >= 0)
		return 1; /* 0 only means the ovector was too small */
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (!d->limit_warned[ri]) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(rc, msg, sizeof msg);
		cln_warn(d, "rule %s: %s at line %u; counted as no match (later hits of this rule not listed)",
		         d->rules->v[ri].id, (const char *)msg, b->line);
		d->limit_warned[ri] = true;
	}
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	       rc == PCRE2_ERROR_JIT_STACKLIMIT ? CLN_ELIMIT : CLN_EINVAL;
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
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, len,
	                                 PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | flags,
	                                 &ec, &eo, NULL);
	if (!code) {
		pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, msgsize);
		*err_offset = eo;
		return NULL;
	}
	/* JIT is an optimisation: without it (unsupported CPU) matching still works */
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

int cln_new_group(doc *d, int el)
{
	int g = ++d->groups;
	while ((size_t)g >= d->capgroups)
		if (grow_array(&d->group_elem, d->capgroups, &d->capgroups, sizeof *d->group_elem) < 0)
			return g; /* out of memory: only the report's path is less exact */
	d->group_elem[g] = el;
	d->ngroups = (size_t)g + 1;
	return g;
}

bool cln_remove(doc *d, size_t i, int r, int g)
{
	block *b = &d->b[i];
	if (b->removed_by >= 0 || b->kept_by >= 0)
		return false;
	b->removed_by = r;
	b->group = g;
	return true;
}

/* Is the block open to rule r: not removed, not protected, length in range? */
static bool candidate(const doc *d, const rule *r, size_t i)
{
	const block *b = &d->b[i];
	if (b->removed_by >= 0 || (b->kept_by >= 0 && r->act != ACT_KEEP))
		return false;
	long maxlen = r->p[P_MAXLEN], minlen = r->p[P_MINLEN];
	if (!maxlen && !minlen)
		return true;
	if (maxlen && b->len > (size_t)maxlen * 4) /* a UTF-8 char is at most 4 bytes */
		return false;
	size_t c = cln_utf8_chars(b->text, b->len);
	return (!maxlen || c <= (size_t)maxlen) && c >= (size_t)minlen;
}

static bool hit(doc *d, size_t ri, size_t i)
{
	return candidate(d, &d->rules->v[ri], i) && cln_match(d, ri, &d->rules->v[ri].pat, i) > 0;
}

int cln_apply_keep(doc *d, size_t ri)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->b[i].kept_by < 0 && hit(d, ri, i))
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
	while (e >= 0 && strcmp(d->el[e].tag, d->b[i].tag) != 0)
		e = d->el[e].parent;
	if (e >= 0 && d->el[e].parent >= 0) {
		*from = d->el[d->el[e].parent].first;
		*to = d->el[d->el[e].parent].end;
	}
}

int cln_apply_pattern(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	int id = (int)ri;
	switch (r->act) {
	case ACT_DROP:
		for (size_t i = 0; i < d->n; i++)
			if (hit(d, ri, i))
				cln_remove(d, i, id, cln_new_group(d, -1));
		break;
	case ACT_DROP_NEXT:
		for (size_t i = 0; i < d->n; i++) {
			if (!hit(d, ri, i))
				continue;
			int g = cln_new_group(d, -1);
			cln_remove(d, i, id, g);
			size_t j = i + 1;
			for (long k = 0; k < r->p[P_NEXT] && j < d->n; k++, j++) {
				const block *b = &d->b[j];
				if (b->kept_by >= 0 || (r->p[P_NEXT_MAXLEN] &&
				    cln_utf8_chars(b->text, b->len) > (size_t)r->p[P_NEXT_MAXLEN]))
					break;
				cln_remove(d, j, id, g);
			}
			i = j - 1;
		}
		break;
	case ACT_DROP_AFTER: {
		size_t from = d->n > (size_t)r->p[P_WITHIN] ? d->n - (size_t)r->p[P_WITHIN] : 0;
		for (size_t i = from; i < d->n; i++)
			if (hit(d, ri, i)) {
				size_t lo, hi;
				reach(d, i, &lo, &hi);
				int g = cln_new_group(d, -1);
				for (size_t j = i; j < hi; j++)
					cln_remove(d, j, id, g);
				break;
			}
		break;
	}
	case ACT_DROP_BEFORE: {
		size_t to = d->n < (size_t)r->p[P_WITHIN] ? d->n : (size_t)r->p[P_WITHIN];
		for (size_t i = 0; i < to; i++)
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
   that $1, ${name} and $$ behave as PCRE2 documents them. */
static int expand(doc *d, const rule *r, const block *b, buf *out)
{
	PCRE2_SIZE n = 256;
	for (;;) {
		if (buf_reserve(out, n) < 0)
			return CLN_ENOMEM;
		PCRE2_SIZE got = n;
		int rc = pcre2_substitute(r->pat.code, (PCRE2_SPTR)b->text, b->len, 0,
		                          PCRE2_SUBSTITUTE_MATCHED | PCRE2_SUBSTITUTE_REPLACEMENT_ONLY |
		                          PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
		                          d->md, d->mctx, (PCRE2_SPTR)(r->with ? r->with : ""),
		                          r->with_len, (PCRE2_UCHAR *)out->data + out->len, &got);
		if (rc >= 0) {
			out->len += got;
			return 0;
		}
		if (rc != PCRE2_ERROR_NOMEMORY)
			return CLN_EINVAL;
		n = got;
	}
}

int cln_apply_replace(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	subst *hits = NULL;
	size_t cap = 0;
	int rc = 0;
	for (size_t i = 0; i < d->n && rc == 0; i++) {
		block *b = &d->b[i];
		if (!candidate(d, r, i))
			continue;
		size_t nhits = 0, from = 0, copied = 0;
		buf out = BUF_INIT;
		while (from <= b->len && cln_match_at(d, ri, &r->pat, i, from) > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->md);
			size_t ms = ov[0], me = ov[1];
			buf_add(&out, b->text + copied, ms - copied);
			size_t rs = out.len;
			if (expand(d, r, b, &out) < 0 ||
			    (nhits == cap && grow_array(&hits, nhits, &cap, sizeof *hits) < 0)) {
				rc = CLN_ENOMEM;
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
		if (rc < 0 || nhits == 0) {
			buf_free(&out);
			continue;
		}
		if (cln_blank(out.data, out.len)) {
			/* nothing left: the block goes, reported as one removal */
			buf_free(&out);
			cln_remove(d, i, (int)ri, cln_new_group(d, -1));
			continue;
		}
		rc = cln_edit_block(d, i, (int)ri, hits, nhits, out.data);
		char *t = buf_detach(&out, &b->len);
		if (rc == 0 && push_string(&d->arena, &d->narena, &d->caparena, t) < 0)
			rc = CLN_ENOMEM;
		else if (rc == 0)
			b->text = t;
		else
			free(t);
	}
	free(hits);
	return rc;
}
