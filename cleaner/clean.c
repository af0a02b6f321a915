/*
 * clean.c - the pipeline for one document: blocks -> keep rules -> the other
 * rules in order -> clean text -> result (removals, statistics, totals).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cln_result {
	char *out;         /* for HTML the title and a blank line, then the text */
	size_t out_len;
	const char *titled; /* CLN_OUTPUT_TEXT: out, or text if no title goes first */
	size_t titled_len;
	const char *text;  /* the clean text: the end of out */
	size_t text_len;
	char *md;          /* HTML, when cln_clean_options.markdown asked: the Markdown */
	size_t md_len;
	cln_format format;
	char charset[64];
	char *meta[META_COUNT];
	cln_removal *rem;
	size_t nrem;
	cln_rule_stat *stats;
	size_t nstats;
	char **warnings;
	size_t nwarnings;
	arena strings; /* the removals' texts, replacements, details and paths */
	cln_totals totals;
	explain *ex;   /* cln_clean_options.explain's trace, or NULL */
	int page_type; /* PAGE_* */
	cln_page_signal signals[PAGE_MAX_SIGNALS];
	size_t nsignals;
	char host[256];    /* the host site-scoped rules went by, or "" */
	cln_block *blocks; /* cln_clean_options.blocks: every block, else NULL */
	size_t nblocks;
	struct part {      /* what rules with part=NAME dropped, a part a name */
		const char *name;
		const char *text; /* in strings */
		size_t len;
		size_t first;     /* its first removal's index */
	} *parts;
	size_t nparts;
};

void cln_doc_free(doc *d)
{
	free(d->b);
	free(d->edits);
	free(d->block_edit);
	for (size_t i = 0; i < d->ndetails; i++)
		free(d->details[i].text);
	free(d->details);
	for (size_t i = 0; i < d->nwarnings; i++)
		free(d->warnings[i]);
	free(d->warnings);
	free(d->spend);
	free(d->ran);
	free(d->pfcol);
	free(d->el);
	free(d->group_elem);
	free(d->part_groups);
	free(d->inl);
	free(d->slots);
	cln_selindex_free(d->sx);
	arena_free(&d->ar);
	cln_explain_free(d->ex);
	pcre2_match_data_free(d->md);
	pcre2_match_context_free(d->mctx);
}

/* Is part `name` one the caller keeps (cln_clean_options.keep_parts, a
   list of names separated by spaces or commas)? */
static bool keeps(const doc *d, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	for (const char *p = d->keep_parts; n && p && *p;) {
		p += strspn(p, " ,");
		size_t w = strcspn(p, " ,");
		if (w == n && memcmp(p, name, n) == 0)
			return true;
		p += w;
	}
	return false;
}

bool cln_part_kept(const doc *d, const rule *r)
{
	return keeps(d, r->part);
}

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

const char *cln_block_part(const doc *d, const block *b)
{
	const rule *r = &d->rules->v[b->removed_by];
	if (r->act != ACT_MAIN || !r->part)
		return r->part;
	/* groups are numbered as made, so the marked ones are ascending */
	return d->npart_groups && bsearch(&b->group, d->part_groups, d->npart_groups,
	                                  sizeof *d->part_groups, by_int) ? r->part : NULL;
}

/* Does rule r apply to a document from `site` of page type `type`: its
   page types hold it, its @site section and its site= both match, and no
   scoped disable turned it off there? */
static bool applies(const doc *d, const rule *r, const doc_site *site)
{
	const cln_rules *rs = d->rules;
	if (!(r->page_types & (1u << d->page.type)) ||
	    (r->scope >= 0 && !cln_scope_match(&rs->scopes[r->scope], site)) ||
	    (r->site >= 0 && !cln_scope_match(&rs->scopes[r->site], site)))
		return false;
	for (size_t i = 0; i < r->noff; i++)
		if (cln_scope_match(&rs->scopes[r->off[i]], site))
			return false;
	return true;
}

static int apply_rule(doc *d, size_t r)
{
	const rule *ru = &d->rules->v[r];
	if (ru->sel)
		return cln_apply_selector(d, r);
	switch (ru->act) {
	case ACT_KEEP: return cln_apply_keep(d, r);
	case ACT_REPLACE: return cln_apply_replace(d, r);
	case ACT_RUN: return cln_apply_run(d, r);
	case ACT_DUPLICATE: return cln_apply_duplicate(d, r);
	case ACT_READ_TWICE: return cln_apply_read_twice(d, r);
	case ACT_MAIN: return cln_apply_main(d, r);
	case ACT_SITE_REPEAT: return cln_apply_site_repeat(d, r);
	default: return cln_apply_pattern(d, r);
	}
}

/* The parts the caller keeps go back into the text, whole and where they
   stood. Their rules ran like the others, so that main-content chose the
   body without them (a page's reviews or comments outscore a short
   description) and no later rule took pieces of them. */
static void give_back_parts(doc *d)
{
	if (!d->keep_parts)
		return;
	for (size_t i = 0; i < d->n; i++) {
		block *b = &d->b[i];
		if (b->removed_by >= 0 && keeps(d, cln_block_part(d, b))) {
			b->removed_by = -1;
			b->group = -1;
		}
	}
}

/* Keep rules first, wherever they stand (exceptions always win), then the
   others phase by phase, each phase's in the order they were read. */
static int run_rules(doc *d, const doc_site *site)
{
	const cln_rules *rs = d->rules;
	int rc = 0;
	for (size_t r = 0; r < rs->n; r++)
		d->ran[r] = applies(d, &rs->v[r], site);
	for (size_t r = 0; r < rs->n && rc == 0; r++)
		if (rs->v[r].act == ACT_KEEP && d->ran[r])
			rc = apply_rule(d, r);
	for (int phase = 0; phase < PHASE_COUNT; phase++)
		for (size_t r = 0; r < rs->n && rc == 0; r++) {
			const rule *ru = &rs->v[r];
			if (ru->act == ACT_KEEP || ru->phase != phase || !d->ran[r])
				continue;
			rc = apply_rule(d, r);
			if (rc == 0 && d->nomem)
				rc = CLN_ENOMEM;
		}
	give_back_parts(d);
	return rc;
}

/* The clean text, in one buffer with the title before it (HTML): the
   other text forms are made from it, so a big page's text is held once;
   Markdown, made from the page's elements, only when asked for. */
static int emit_all(cln_result *res, const doc *d, spots *at, const char *url)
{
	buf out = BUF_INIT, md = BUF_INIT;
	const char *t = d->html ? d->meta[META_TITLE] : NULL;
	size_t tl = t ? strlen(t) : 0;
	int rc = t && (buf_add(&out, t, tl) < 0 || buf_adds(&out, "\n\n") < 0) ? CLN_ENOMEM : 0;
	size_t head = out.len;
	if (rc == 0)
		rc = d->html ? cln_emit_html(d, &out, at) : cln_emit_text(d, &out, at);
	if (rc == 0 && d->html && d->markdown)
		rc = cln_emit_markdown(d, url ? url : d->meta[META_URL], d->markdown, &md);
	if (md.data)
		res->md = buf_detach(&md, &res->md_len);
	if (rc < 0 || !(res->out = buf_detach(&out, &res->out_len))) {
		buf_free(&out);
		return CLN_ENOMEM;
	}
	res->text = res->out + head;
	res->text_len = res->out_len - head;
	/* the title first, unless the kept text starts with it; one line end
	   after it when there is no text */
	bool first = t && !(res->text_len >= tl && memcmp(res->text, t, tl) == 0);
	res->titled = first ? res->out : res->text;
	res->titled_len = !first ? res->text_len : res->text_len ? res->out_len : tl + 1;
	return 0;
}

/* A copy of s among the result's strings; NULL (and *oom set) when out of
   memory. */
static const char *hold(cln_result *res, const char *s, size_t len, bool *oom)
{
	const char *p = arena_add(&res->strings, s, len);
	*oom |= !p;
	return p;
}

static int by_start(const void *a, const void *b)
{
	const cln_removal *x = a, *y = b;
	if (x->byte_start != y->byte_start)
		return x->byte_start < y->byte_start ? -1 : 1;
	return x->byte_end < y->byte_end ? -1 : x->byte_end > y->byte_end;
}

/* The element a removal of blocks [i, j] stands for: the one a selector
   rule dropped, else the closest element holding all of the blocks. */
static int removal_elem(const doc *d, size_t i, size_t j)
{
	int g = d->b[i].group;
	if (g >= 0 && (size_t)g < d->ngroups && d->group_elem[g] >= 0)
		return d->group_elem[g];
	int e = d->b[i].elem;
	while (e >= 0 && d->el[e].end <= j)
		e = d->el[e].parent;
	return e;
}

static void count_hit(cln_rule_stat *st, const cln_removal *m)
{
	st->hits++;
	st->blocks += m->blocks;
	st->bytes += m->byte_end - m->byte_start; /* input bytes, HTML or text */
}

/* The bytes and lines blocks i..j cover. In source order for text; for
   HTML the tree may hold them otherwise (Gumbo moves text a table cannot
   hold to before the table), so the span runs from the least start to the
   greatest end. HTML lines are where blocks start; a text block of
   several lines (BF_FOLDED, BF_WRAPPED) ends on its last. */
static void span_of(const doc *d, size_t i, size_t j, cln_removal *m)
{
	m->byte_start = d->b[i].start;
	m->byte_end = d->b[i].end;
	m->line_start = m->line_end = d->b[i].line;
	for (size_t k = i; k <= j; k++) {
		const block *b = &d->b[k];
		unsigned last = !d->html && (b->flags & (BF_FOLDED | BF_WRAPPED))
		                ? cln_block_last_line(d, b) : b->line;
		m->byte_start = b->start < m->byte_start ? b->start : m->byte_start;
		m->byte_end = b->end > m->byte_end ? b->end : m->byte_end;
		m->line_start = b->line < m->line_start ? b->line : m->line_start;
		m->line_end = last > m->line_end ? last : m->line_end;
	}
}

static int by_block(const void *a, const void *b)
{
	const detail *x = a, *y = b;
	return x->block < y->block ? -1 : x->block > y->block;
}

/* The removal of blocks i..j (one run of a group), with the detail its
   rule gave, if any: *nd is the next detail, in block order. */
static void add_run(cln_result *res, const doc *d, size_t i, size_t j, size_t *nd, bool *oom)
{
	const rule *r = &d->rules->v[d->b[i].removed_by];
	cln_removal *m = &res->rem[res->nrem++];
	m->rule_id = r->id;
	m->action = cln_action_defs[r->act].name;
	m->part = cln_block_part(d, &d->b[i]);
	span_of(d, i, j, m);
	m->blocks = j - i + 1;
	m->text_len = m->byte_end - m->byte_start;
	if (d->html) {
		/* what was removed is the rendered text of its blocks */
		buf t = BUF_INIT, path = BUF_INIT;
		for (size_t k = i; k <= j; k++) {
			buf_add(&t, d->b[k].text, d->b[k].len);
			buf_addc(&t, '\n');
		}
		m->text_len = t.len;
		m->text = hold(res, t.data, t.len, oom);
		cln_elem_path(d, removal_elem(d, i, j), &path);
		m->path = hold(res, path.data, path.len, oom);
		buf_free(&t);
		buf_free(&path);
	} /* text input: its bytes, later (hold_removed_text) */
	while (*nd < d->ndetails && d->details[*nd].block < i)
		(*nd)++;
	const char *dt = *nd < d->ndetails && d->details[*nd].block == i ? d->details[*nd].text : NULL;
	m->detail = dt ? hold(res, dt, strlen(dt), oom) : NULL;
	count_hit(&res->stats[d->b[i].removed_by], m);
}

/* The edits of kept block i, one removal each; its text starts at byte
   `at` of the clean text, and each edit's text where its bytes were. */
static void add_edits(cln_result *res, const doc *d, size_t i, size_t at, bool *oom)
{
	const block *b = &d->b[i];
	size_t cur = 0, src = b->start; /* as old_pieces() in edits.c walks them */
	for (size_t k = d->block_edit[i]; k != (size_t)-1; k = d->edits[k].next) {
		const edit *e = &d->edits[k];
		const rule *r = &d->rules->v[e->rule];
		cln_removal *m = &res->rem[res->nrem++];
		m->rule_id = r->id;
		m->action = cln_action_defs[r->act].name;
		m->byte_start = e->start;
		m->byte_end = e->end;
		m->line_start = m->line_end = b->line;
		m->blocks = 0;
		m->text_len = e->end - e->start;
		m->replacement_len = e->repl_len;
		m->text = hold(res, d->in + e->start, m->text_len, oom);
		m->replacement = hold(res, e->repl, e->repl_len, oom);
		cur += e->start - src;
		m->text_at = at + cur;
		cur += e->repl_len;
		src = e->end;
		if (d->html) {
			buf path = BUF_INIT;
			cln_elem_path(d, b->elem, &path);
			m->path = hold(res, path.data, path.len, oom);
			buf_free(&path);
		}
		count_hit(&res->stats[e->rule], m);
	}
}

/* Every block with its path and fate, for cln_result_block. */
static int list_blocks(cln_result *res, const doc *d)
{
	if (!(res->blocks = calloc(d->n ? d->n : 1, sizeof *res->blocks)))
		return CLN_ENOMEM;
	bool oom = false;
	buf path = BUF_INIT;
	for (size_t i = 0; i < d->n && !oom; i++) {
		const block *b = &d->b[i];
		cln_block *o = &res->blocks[i];
		o->text = hold(res, b->text, b->len, &oom);
		o->text_len = b->len;
		o->line = b->line;
		o->rule_id = b->removed_by >= 0 ? d->rules->v[b->removed_by].id : NULL;
		path.len = 0;
		if (d->html && (cln_stable_path(d, i, &path) < 0 ||
		                !(o->path = hold(res, path.data ? path.data : "", path.len, &oom))))
			oom = true;
	}
	buf_free(&path);
	res->nblocks = d->n;
	return oom ? CLN_ENOMEM : 0;
}

/* Call with d->details in block order (a block has at most one: the
   rule that removed it gave it) and the spots the emitter noted. */
static int build_result(cln_result *res, const doc *d, const spots *at)
{
	const cln_rules *rs = d->rules;
	size_t cap = d->nedits + 1;
	for (size_t i = 0; i < d->n; i++)
		cap += d->b[i].removed_by >= 0;
	res->rem = calloc(cap, sizeof *res->rem);
	res->stats = calloc(rs->n ? rs->n : 1, sizeof *res->stats);
	if (!res->rem || !res->stats)
		return CLN_ENOMEM;
	bool oom = false;
	size_t nd = 0, ns = 0; /* the next detail and spot, in block order */
	for (size_t i = 0; i < d->n;) {
		const block *b = &d->b[i];
		while (ns < at->n && at->v[ns].block < i)
			ns++;
		size_t where = ns < at->n && at->v[ns].block == i ? at->v[ns].at : res->text_len;
		if (b->removed_by < 0) {
			if (d->block_edit && d->block_edit[i] != (size_t)-1)
				add_edits(res, d, i, where, &oom);
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < d->n && d->b[j + 1].group == b->group)
			j++;
		add_run(res, d, i, j, &nd, &oom);
		res->rem[res->nrem - 1].text_at = where;
		i = j + 1;
	}
	size_t n = res->nrem;
	if (oom)
		return CLN_ENOMEM;
	qsort(res->rem, n, sizeof *res->rem, by_start);

	/* every rule is listed, so a rule that never fires shows */
	res->nstats = rs->n;
	for (size_t r = 0; r < rs->n; r++) {
		res->stats[r].rule_id = rs->v[r].id;
		res->stats[r].action = cln_action_defs[rs->v[r].act].name;
	}
	cln_totals *t = &res->totals;
	for (size_t k = 0; k < n; k++) {
		t->bytes_removed += res->rem[k].byte_end - res->rem[k].byte_start;
		t->blocks_removed += res->rem[k].blocks;
	}
	for (size_t i = 0; i < d->n; i++)
		if (d->b[i].kept_by >= 0) {
			res->stats[d->b[i].kept_by].hits++;
			res->stats[d->b[i].kept_by].blocks++;
		}
	/* rules scoped to other sites are not this document's */
	size_t k = 0;
	for (size_t r = 0; r < rs->n; r++)
		if (d->ran[r])
			res->stats[k++] = res->stats[r];
	res->nstats = k;
	t->bytes_in = d->len;
	t->replaced_bytes = d->replaced;
	t->bytes_out = res->text_len;
	t->lines = d->lines;
	t->blocks = d->n;
	return 0;
}

/* Text input: the removed bytes, copied once the blocks are gone, so that
   a big text's blocks and the copies are not held at once. */
static int hold_removed_text(cln_result *res, doc *d)
{
	if (d->html)
		return 0;
	free(d->b);
	d->b = NULL;
	d->cap = 0;
	bool oom = false;
	for (size_t k = 0; k < res->nrem; k++) {
		cln_removal *m = &res->rem[k];
		if (m->blocks)
			m->text = hold(res, d->in + m->byte_start, m->text_len, &oom);
	}
	return oom ? CLN_ENOMEM : 0;
}

/* Removals of parts: by part name, then in input order. */
static int by_part(const void *a, const void *b)
{
	const cln_removal *x = *(const cln_removal *const *)a, *y = *(const cln_removal *const *)b;
	int c = strcmp(x->part, y->part);
	return c ? c : (x < y ? -1 : x > y);
}

static int by_first(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The parts (part=NAME), in the order their first removal stands, each
   its removals' texts with a blank line between them. Sorted, not
   searched: a page of a million removals and rules of many parts stays
   n log n. */
static int collect_parts(cln_result *res)
{
	size_t n = 0;
	for (size_t i = 0; i < res->nrem; i++)
		n += res->rem[i].part != NULL;
	if (n == 0)
		return 0;
	const cln_removal **v = malloc(n * sizeof *v);
	res->parts = calloc(n, sizeof *res->parts); /* a part a removal at most */
	if (!v || !res->parts) {
		free(v);
		return CLN_ENOMEM;
	}
	n = 0;
	for (size_t i = 0; i < res->nrem; i++)
		if (res->rem[i].part)
			v[n++] = &res->rem[i];
	qsort(v, n, sizeof *v, by_part);
	buf t = BUF_INIT;
	bool oom = false;
	for (size_t i = 0, j; i < n && !oom; i = j) {
		t.len = 0;
		for (j = i; j < n && strcmp(v[j]->part, v[i]->part) == 0; j++) {
			size_t len = v[j]->text_len;
			while (len && (v[j]->text[len - 1] == '\n' || v[j]->text[len - 1] == '\r'))
				len--;
			if (len)
				oom |= (t.len ? buf_adds(&t, "\n\n") : 0) | buf_add(&t, v[j]->text, len);
		}
		res->parts[res->nparts++] = (struct part){ v[i]->part, hold(res, t.data ? t.data : "", t.len, &oom),
		                                           t.len, (size_t)(v[i] - res->rem) };
	}
	buf_free(&t);
	free(v);
	/* room was made for a part a removal; a page has a few */
	struct part *fit = res->nparts ? realloc(res->parts, res->nparts * sizeof *fit) : NULL;
	res->parts = fit ? fit : res->parts;
	qsort(res->parts, res->nparts, sizeof *res->parts, by_first);
	return oom ? CLN_ENOMEM : 0;
}

/* The caller's arguments, checked before any work. */
static int check_args(const cln_rules *rules, const char *input, size_t len,
                      const cln_clean_options *opts, cln_error *err)
{
	if (!rules || (!input && len))
		return cln_seterr(err, CLN_EINVAL, "cln_clean: rules and input are required");
	if (opts && (opts->version < 1 || opts->version > CLN_CLEAN_OPTIONS_VERSION))
		return cln_seterr(err, CLN_EINVAL, "cln_clean_options version %u, expected 1 to %u",
		                  opts->version, CLN_CLEAN_OPTIONS_VERSION);
	if (opts && opts->version >= 5 && opts->page_type &&
	    cln_page_type_lookup(opts->page_type, strlen(opts->page_type)) < 0)
		return cln_seterr(err, CLN_EINVAL, "cln_clean_options: unknown page type '%s' (article, "
		                  "forum, product, collection, listing, documentation, service)",
		                  opts->page_type);
	if (opts && opts->version >= 6 && opts->wrap_width != 0 && opts->wrap_width != -1 &&
	    (opts->wrap_width < CLN_WRAP_MIN || opts->wrap_width > CLN_WRAP_MAX))
		return cln_seterr(err, CLN_EINVAL, "cln_clean_options: wrap_width %d: 0 (found from "
		                  "the text), -1 (not wrapped) or %d to %d", opts->wrap_width,
		                  CLN_WRAP_MIN, CLN_WRAP_MAX);
	if (opts && (opts->format < CLN_FORMAT_AUTO || opts->format > CLN_FORMAT_HTML))
		return cln_seterr(err, CLN_EINVAL, "cln_clean_options: unknown format %d",
		                  (int)opts->format);
	if (len > CLN_MAX_DOCUMENT)
		return cln_seterr(err, CLN_ETOOBIG, "cln_clean: %zu bytes; the most is %lu",
		                  len, CLN_MAX_DOCUMENT);
	return 0;
}

/* The document's blocks: an HTML page decoded to UTF-8 (dec holds it),
   parsed and walked, or text split into lines. */
static int read_blocks(doc *d, cln_result *res, const cln_clean_options *opts, cln_decoded *dec)
{
	cln_format fmt = opts ? opts->format : CLN_FORMAT_AUTO;
	if (fmt == CLN_FORMAT_AUTO)
		fmt = cln_sniff_format(d->in, d->len);
	res->format = fmt;
	if (fmt != CLN_FORMAT_HTML)
		return cln_text_blocks(d, opts && opts->version >= 6 ? opts->wrap_width : 0);
	int rc = cln_decode(dec, d->in, d->len, opts ? opts->charset : NULL);
	if (rc < 0)
		return rc;
	d->html = true;
	d->in = dec->utf8;
	d->len = dec->utf8_len;
	d->replaced = dec->bad_bytes;
	snprintf(res->charset, sizeof res->charset, "%s", dec->charset);
	/* decoding can make a page longer (Latin-1 to UTF-8) */
	size_t piece = opts && opts->version >= 2 ? opts->html_piece : 0;
	rc = d->len > CLN_MAX_DOCUMENT ? CLN_ETOOBIG : cln_html_blocks(d, piece ? piece : CLN_HTML_PIECE);
	/* a script's shell (a forum, a shop served as JavaScript): the user
	   learns why nothing came out, and that a browser would show more */
	if (rc == 0 && d->n == 0 && d->len > 0)
		rc = cln_warn(d, "the page shows no text: its body is empty, or a script fills it in "
		                 "(a browser would run it; cleaner does not)");
	return rc;
}

/* The output, the report and what the result holds besides: metadata, the
   page type and its signals, warnings, the explanation. */
static int finish_result(cln_result *res, doc *d, const cln_clean_options *opts)
{
	spots at = { 0 };
	int rc;
	if ((rc = cln_budget_warnings(d)) < 0 ||
	    (rc = emit_all(res, d, &at, opts && opts->version >= 2 ? opts->url : NULL)) < 0 ||
	    (rc = build_result(res, d, &at)) < 0 || (rc = cln_warn_emptied(d, res->text_len)) < 0 ||
	    (opts && opts->version >= 4 && opts->blocks && (rc = list_blocks(res, d)) < 0) ||
	    (rc = hold_removed_text(res, d)) < 0 || (rc = collect_parts(res)) < 0) {
		free(at.v);
		return rc;
	}
	free(at.v);
	for (int m = 0; m < META_COUNT; m++)
		if (d->meta[m] && !(res->meta[m] = strdup(d->meta[m])))
			return CLN_ENOMEM;
	res->page_type = d->page.type;
	for (size_t i = 0; i < d->page.nsig; i++)
		res->signals[res->nsignals++] = (cln_page_signal){
			d->page.sig[i].name, cln_page_type_names[d->page.sig[i].type], d->page.sig[i].weight
		};
	res->warnings = d->warnings;
	res->nwarnings = d->nwarnings;
	d->warnings = NULL;
	d->nwarnings = 0;
	res->ex = d->ex;
	d->ex = NULL;
	return 0;
}

int cln_clean(cln_result **out, const cln_rules *rules, const char *input,
              size_t len, const cln_clean_options *opts, cln_error *err)
{
	if (!out)
		return cln_seterr(err, CLN_EINVAL, "cln_clean: out is NULL");
	*out = NULL;
	int rc = check_args(rules, input, len, opts, err);
	explain *ex = NULL;
	if (rc < 0 || (opts && opts->version >= 2 && opts->explain &&
	               (rc = cln_explain_new(&ex, opts->explain, rules, err)) < 0))
		return rc;
	doc d = { .in = input ? input : "", .len = len, .rules = rules, .ex = ex,
	          .markdown = opts && opts->version >= 3 ? opts->markdown : CLN_MARKDOWN };
	if (opts && opts->version >= 4) {
		d.repeats = opts->repeats;
		d.repeats_ud = opts->repeats_userdata;
	}
	if (opts && opts->version >= 7)
		d.keep_parts = opts->keep_parts;
	cln_result *res = calloc(1, sizeof *res);
	d.md = pcre2_match_data_create(64, NULL);
	d.mctx = pcre2_match_context_create(NULL);
	d.spend = calloc(rules->n + 1, sizeof *d.spend);
	d.ran = calloc(rules->n + 1, sizeof *d.ran);
	cln_decoded dec = { .text = BUF_INIT };
	rc = !res || !d.md || !d.mctx || !d.spend || !d.ran ? CLN_ENOMEM : read_blocks(&d, res, opts, &dec);
	if (rc >= 0)
		cln_match_setup(&d, opts ? opts->match_limit : 0);
	doc_site site;
	cln_url_site(opts && opts->version >= 2 && opts->url ? opts->url : d.meta[META_URL], &site);
	d.host = site.host;
	if (res)
		snprintf(res->host, sizeof res->host, "%s", site.host);
	if (rc >= 0)
		cln_page_classify(&d, &site, opts && opts->version >= 5 && opts->page_type
		                                 ? cln_page_type_lookup(opts->page_type,
		                                                        strlen(opts->page_type))
		                                 : -1);
	if (rc >= 0 && (rc = run_rules(&d, &site)) >= 0 && d.ndetails)
		qsort(d.details, d.ndetails, sizeof *d.details, by_block);
	/* the prefilter's bits are done with: not held beside the output */
	free(d.pfcol);
	d.pfcol = NULL;
	if (rc >= 0 && d.ex)
		rc = cln_explain_finish(&d, site.host);
	if (rc >= 0)
		rc = finish_result(res, &d, opts);
	buf_free(&dec.text);
	if (rc < 0) {
		cln_doc_free(&d);
		cln_result_free(res);
		return cln_seterr(err, rc, "cleaning failed: %s", cln_strerror(rc));
	}
	cln_doc_free(&d);
	*out = res;
	return 0;
}

void cln_result_free(cln_result *res)
{
	if (!res)
		return;
	free(res->out);
	free(res->md);
	for (int m = 0; m < META_COUNT; m++)
		free(res->meta[m]);
	free(res->rem);
	free(res->stats);
	free(res->blocks);
	free(res->parts);
	for (size_t i = 0; i < res->nwarnings; i++)
		free(res->warnings[i]);
	free(res->warnings);
	arena_free(&res->strings);
	cln_explain_free(res->ex);
	free(res);
}

const explain *cln_result_trace(const cln_result *res)
{
	return res ? res->ex : NULL;
}

/* The accessors take a NULL result as one with nothing in it. */
const char *cln_result_text(const cln_result *res, size_t *len)
{
	if (len)
		*len = res ? res->text_len : 0;
	return res ? res->text : "";
}

size_t cln_result_removal_count(const cln_result *res)
{
	return res ? res->nrem : 0;
}

const cln_removal *cln_result_removal(const cln_result *res, size_t i)
{
	return res && i < res->nrem ? &res->rem[i] : NULL;
}

size_t cln_result_rule_count(const cln_result *res)
{
	return res ? res->nstats : 0;
}

const cln_rule_stat *cln_result_rule_stat(const cln_result *res, size_t i)
{
	return res && i < res->nstats ? &res->stats[i] : NULL;
}

size_t cln_result_part_count(const cln_result *res)
{
	return res ? res->nparts : 0;
}

const char *cln_result_part(const cln_result *res, size_t i, const char **name, size_t *len)
{
	const struct part *p = res && i < res->nparts ? &res->parts[i] : NULL;
	if (name)
		*name = p ? p->name : NULL;
	if (len)
		*len = p ? p->len : 0;
	return p ? p->text : NULL;
}

size_t cln_result_warning_count(const cln_result *res)
{
	return res ? res->nwarnings : 0;
}

const char *cln_result_warning(const cln_result *res, size_t i)
{
	return res && i < res->nwarnings ? res->warnings[i] : NULL;
}

void cln_result_totals(const cln_result *res, cln_totals *out)
{
	static const cln_totals none;
	if (out)
		*out = res ? res->totals : none;
}

cln_format cln_result_format(const cln_result *res)
{
	return res ? res->format : CLN_FORMAT_TEXT;
}

const char *cln_result_charset(const cln_result *res)
{
	return res ? res->charset : "";
}

const char *cln_result_meta(const cln_result *res, cln_meta what)
{
	return res && (int)what >= 0 && (int)what < META_COUNT ? res->meta[what] : NULL;
}

const char *cln_result_page_type(const cln_result *res)
{
	return cln_page_type_names[res ? res->page_type : PAGE_UNKNOWN];
}

size_t cln_result_page_signal_count(const cln_result *res)
{
	return res ? res->nsignals : 0;
}

const cln_page_signal *cln_result_page_signal(const cln_result *res, size_t i)
{
	return res && i < res->nsignals ? &res->signals[i] : NULL;
}

const char *cln_result_host(const cln_result *res)
{
	return res ? res->host : "";
}

size_t cln_result_block_count(const cln_result *res)
{
	return res && res->blocks ? res->nblocks : 0;
}

const cln_block *cln_result_block(const cln_result *res, size_t i)
{
	return res && res->blocks && i < res->nblocks ? &res->blocks[i] : NULL;
}

int cln_result_output(const cln_result *res, cln_output_format f, buf *out)
{
	if (f == CLN_OUTPUT_MARKDOWN && res->format == CLN_FORMAT_HTML)
		return !res->md ? CLN_EINVAL : buf_add(out, res->md, res->md_len) < 0 ? CLN_ENOMEM : 0;
	if (f == CLN_OUTPUT_MARKDOWN) /* a text input's Markdown is its text */
		return buf_add(out, res->text, res->text_len) < 0 || buf_reserve(out, 0) < 0
		       ? CLN_ENOMEM : 0;
	return buf_add(out, res->titled, res->titled_len) < 0 || buf_reserve(out, 0) < 0
	       ? CLN_ENOMEM : 0;
}
