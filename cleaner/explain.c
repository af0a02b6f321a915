/*
 * explain.c - why each block was kept or removed (cln_clean_options.explain).
 *
 * While the rules run, the stages note every rule that matched a block it
 * could not take (cln_explain_note: the block was removed already, or a
 * keep rule protects it) and main-content's decision. Then, while the page
 * is still there, the blocks asked for are copied out with their line, byte
 * range, DOM path and notes, and rendered on demand as text or JSON.
 * Nothing here runs unless explain was asked for: d->ex is NULL otherwise.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A rule that touched a block without deciding it. */
enum { H_MATCH, H_EDIT, H_SPARED };
typedef struct hitref {
	size_t block;
	int rule;
	int kind; /* H_* */
} hitref;

/* One block as explained: copies, since the page goes after the clean. */
typedef struct entry {
	size_t block;
	unsigned line, line_end;
	size_t start, end;     /* input bytes (HTML: as decoded to UTF-8) */
	const char *path;      /* HTML: in ar; else NULL */
	const char *text;      /* in ar */
	size_t len;
	int removed_by, kept_by;
	const char *detail;    /* the note of its removal, or NULL */
	unsigned chars, link_chars;
	size_t hit0, nhit;     /* its other rules: hits[hit0, hit0 + nhit) */
} entry;

struct explain {
	selector *sel;         /* cln_explain_options.selector, compiled */
	unsigned line;
	hitref *hits;
	size_t nhits, caphits;
	main_trace main;
	bool has_main;
	/* filled by cln_explain_finish */
	const cln_rules *rules; /* outlives the result: rule ids point into it */
	bool html;
	unsigned wrap_width;   /* text: doc.wrap_width */
	size_t nblocks;
	entry *v;
	size_t n, cap;
	const char *main_path, *runner_path; /* HTML, in ar */
	const char *host;      /* the site the rules were chosen for, in ar */
	int *other_sites;      /* the rules scoped to other sites */
	size_t nother;
	int *other_types;      /* the rules scoped to other page types */
	size_t nother_types;
	int *kept_parts;       /* the rules of parts the caller keeps */
	size_t nkept_parts;
	arena ar;
};

int cln_explain_new(explain **out, const cln_explain_options *opts, const cln_rules *rules,
                    cln_error *err)
{
	explain *ex = calloc(1, sizeof *ex);
	*out = NULL;
	if (!ex)
		return cln_seterr(err, CLN_ENOMEM, "explain: out of memory");
	ex->line = opts->line;
	if (opts->selector) {
		char msg[200];
		size_t at = 0;
		ex->sel = cln_selector_compile(opts->selector, strlen(opts->selector), rules, &at, msg,
		                               sizeof msg);
		if (!ex->sel) {
			int code = strcmp(msg, CLN_OOM_MESSAGE) == 0 ? CLN_ENOMEM : CLN_ESYNTAX;
			cln_seterr(err, code, "explain selector: %s at byte %zu", msg, at + 1);
			if (err)
				err->column = (unsigned)at + 1;
			free(ex);
			return code;
		}
	}
	*out = ex;
	return 0;
}

void cln_explain_free(explain *ex)
{
	if (!ex)
		return;
	cln_selector_free(ex->sel);
	free(ex->hits);
	free(ex->v);
	free(ex->other_sites);
	free(ex->other_types);
	free(ex->kept_parts);
	arena_free(&ex->ar);
	free(ex);
}

static void add_hit(doc *d, size_t i, int r, int kind)
{
	explain *ex = d->ex;
	if (grow_array(&ex->hits, ex->nhits, &ex->caphits, sizeof *ex->hits) < 0) {
		d->nomem = true;
		return;
	}
	ex->hits[ex->nhits++] = (hitref){ i, r, kind };
}

void cln_explain_note(doc *d, size_t i, int r)
{
	const block *b = &d->b[i];
	if (d->ex && b->removed_by != r && b->kept_by != r)
		add_hit(d, i, r, H_MATCH);
}

void cln_explain_spared(doc *d, size_t i, int r)
{
	if (d->ex && d->b[i].removed_by < 0)
		add_hit(d, i, r, H_SPARED);
}

bool cln_explain_matches(doc *d, size_t r, const pattern *p, size_t i)
{
	rule_spend saved = d->spend[r];
	const block *b = &d->b[i];
	/* what explain costs must not change the clean: no budget spent, and
	   no warning of its own (a pattern error is taken as no match) */
	d->spend[r].limit_warned = true;
	bool m = !saved.out && cln_match_text(d, r, &p->re, b->text, b->len, 0, b->line) > 0;
	d->spend[r] = saved;
	return m;
}

void cln_explain_probe(doc *d, size_t r, const pattern *p, size_t i)
{
	if (cln_explain_matches(d, r, p, i))
		cln_explain_note(d, i, (int)r);
}

void cln_explain_main(doc *d, const main_trace *m)
{
	d->ex->main = *m;
	d->ex->has_main = true;
}

/* ---- the blocks asked for ----------------------------------------------- */

bool cln_explain_selects(const explain *ex)
{
	return ex && ex->sel;
}

/* Which blocks to explain: those on the line asked for, inside elements
   the selector matches, or all. NULL when out of memory. */
static bool *chosen(doc *d, const explain *ex)
{
	bool *on = malloc(d->n + 1);
	if (!on)
		return NULL;
	for (size_t i = 0; i < d->n; i++)
		on[i] = !ex->line || (d->b[i].line <= ex->line && cln_block_last_line(d, &d->b[i]) >= ex->line);
	if (!ex->sel)
		return on;
	bool *in = calloc(d->n + 1, 1);
	/* the spare budget slot, after the rules': its warnings would name no
	   rule, so a :has-text pattern error is taken as no match, unsaid */
	sel_ctx cx = { .d = d, .ri = d->rules->n };
	d->spend[d->rules->n].limit_warned = true;
	for (size_t e = 0; in && d->html && e < d->nel && !cx.failed; e++)
		if (d->el[e].first < d->el[e].end && cln_selector_match(&cx, ex->sel, (int)e))
			memset(in + d->el[e].first, 1, d->el[e].end - d->el[e].first);
	for (size_t i = 0; in && i < d->n; i++)
		on[i] = on[i] && in[i];
	bool failed = cx.failed || !in;
	cln_sel_ctx_free(&cx);
	free(in);
	if (failed) {
		free(on);
		return NULL;
	}
	return on;
}

static int by_block(const void *a, const void *b)
{
	const hitref *x = a, *y = b;
	if (x->block != y->block)
		return x->block < y->block ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	return x->rule - y->rule;
}

/* The note of the removal block i belongs to: it sits on the first block
   of its group (d->details is in block order). */
static const char *removal_detail(const doc *d, size_t i)
{
	while (i > 0 && d->b[i - 1].group == d->b[i].group && d->b[i - 1].removed_by >= 0)
		i--;
	size_t lo = 0, hi = d->ndetails;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->details[mid].block < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->ndetails && d->details[lo].block == i ? d->details[lo].text : NULL;
}

/* A copy in the trace's arena; NULL (and *oom) when out of memory. */
static const char *keep_str(explain *ex, const char *s, size_t len, bool *oom)
{
	const char *p = arena_add(&ex->ar, s, len);
	*oom |= !p;
	return p;
}

static const char *path_of(explain *ex, const doc *d, int e, bool *oom)
{
	buf p = BUF_INIT;
	cln_elem_path(d, e, &p);
	const char *s = keep_str(ex, p.data ? p.data : "", p.len, oom);
	buf_free(&p);
	return s;
}

static int add_entry(explain *ex, const doc *d, size_t i, bool *oom)
{
	if (grow_array(&ex->v, ex->n, &ex->cap, sizeof *ex->v) < 0)
		return CLN_ENOMEM;
	const block *b = &d->b[i];
	const char *dt = b->removed_by >= 0 ? removal_detail(d, i) : NULL;
	ex->v[ex->n++] = (entry){
		.block = i, .line = b->line, .line_end = cln_block_last_line(d, b), .start = b->start,
		.end = b->end, .path = d->html ? path_of(ex, d, b->elem, oom) : NULL,
		.text = keep_str(ex, b->text, b->len, oom), .len = b->len,
		.removed_by = b->removed_by, .kept_by = b->kept_by,
		.detail = dt ? keep_str(ex, dt, strlen(dt), oom) : NULL,
		.chars = b->chars, .link_chars = b->link_chars,
	};
	return 0;
}

/* The replace rules that edited block i, as hits. */
static void add_edits(doc *d, size_t i)
{
	if (!d->block_edit)
		return;
	for (size_t k = d->block_edit[i]; k != (size_t)-1; k = d->edits[k].next)
		add_hit(d, i, d->edits[k].rule, H_EDIT);
}

/* The site and the rules that sat this document out for it: those scoped
   to other page types and the others (scoped to other sites); and the
   rules of parts the caller keeps, whose removals were given back. */
static int site_rules(explain *ex, const doc *d, const char *host, bool *oom)
{
	ex->host = keep_str(ex, host, strlen(host), oom);
	for (size_t r = 0; d->ran && r < d->rules->n; r++) {
		bool kept = d->ran[r] && cln_part_kept(d, &d->rules->v[r]);
		if (d->ran[r] && !kept)
			continue;
		int **lists[] = { &ex->other_sites, &ex->other_types, &ex->kept_parts };
		for (size_t k = 0; k < sizeof lists / sizeof *lists; k++)
			if (!*lists[k] && !(*lists[k] = malloc(d->rules->n * sizeof(int))))
				return CLN_ENOMEM;
		if (kept)
			ex->kept_parts[ex->nkept_parts++] = (int)r;
		else if (!(d->rules->v[r].page_types & (1u << d->page.type)))
			ex->other_types[ex->nother_types++] = (int)r;
		else
			ex->other_sites[ex->nother++] = (int)r;
	}
	return 0;
}

int cln_explain_finish(doc *d, const char *host)
{
	explain *ex = d->ex;
	bool *on = chosen(d, ex);
	if (!on)
		return CLN_ENOMEM;
	ex->rules = d->rules;
	ex->html = d->html;
	ex->wrap_width = d->wrap_width;
	ex->nblocks = d->n;
	for (size_t i = 0; i < d->n; i++)
		if (on[i])
			add_edits(d, i);
	if (ex->nhits)
		qsort(ex->hits, ex->nhits, sizeof *ex->hits, by_block);
	size_t h = 0, kept = 0; /* the chosen blocks' hits, once each, to the front */
	bool oom = d->nomem;
	int rc = 0;
	for (size_t i = 0; i < d->n && rc == 0; i++) {
		if (!on[i])
			continue;
		rc = add_entry(ex, d, i, &oom);
		if (rc < 0)
			break;
		while (h < ex->nhits && ex->hits[h].block < i)
			h++;
		ex->v[ex->n - 1].hit0 = kept;
		for (; h < ex->nhits && ex->hits[h].block == i; h++)
			if (kept == ex->v[ex->n - 1].hit0 || by_block(&ex->hits[kept - 1], &ex->hits[h]) != 0)
				ex->hits[kept++] = ex->hits[h];
		ex->v[ex->n - 1].nhit = kept - ex->v[ex->n - 1].hit0;
	}
	ex->nhits = kept;
	free(on);
	if (rc == 0)
		rc = site_rules(ex, d, host, &oom);
	if (ex->has_main && d->html) {
		if (ex->main.elem >= 0)
			ex->main_path = path_of(ex, d, ex->main.elem, &oom);
		if (ex->main.runner >= 0)
			ex->runner_path = path_of(ex, d, ex->main.runner, &oom);
	}
	return rc < 0 || oom ? CLN_ENOMEM : 0;
}

/* ---- rendering ----------------------------------------------------------- */

typedef struct paint {
	bool on;
} paint;

static const char *ansi(const paint *p, const char *code)
{
	return p->on ? code : "";
}
#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define DIM "\033[2m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *rule_id(const explain *ex, int r)
{
	return ex->rules->v[r].id;
}

static const char *rule_action(const explain *ex, int r)
{
	return cln_action_defs[ex->rules->v[r].act].name;
}

static int main_text(buf *o, const explain *ex, const paint *p)
{
	const main_trace *m = &ex->main;
	int bad = buf_printf(o, "main content: rule %s%s%s chose ", ansi(p, YELLOW),
	                     rule_id(ex, m->rule), ansi(p, RESET));
	if (ex->html) {
		bad |= buf_printf(o, "%s (by %s), score %.1f", ex->main_path ? ex->main_path : "nothing",
		                  m->how, m->score);
		if (ex->runner_path)
			bad |= buf_printf(o, "; runner-up %s, score %.1f", ex->runner_path,
			                  m->runner_score);
	} else {
		bad |= buf_printf(o, "lines %u-%u (by %s), score %.0f", m->first, m->last, m->how,
		                  m->score);
		if (m->runner_first)
			bad |= buf_printf(o, "; runner-up lines %u-%u, score %.0f", m->runner_first,
			                  m->runner_last, m->runner_score);
	}
	return bad | buf_adds(o, "\n\n");
}

/* The rules of e's hits that pass `want`, as "id (action), ..." after a
   label; nothing when there are none. */
static int hit_list(buf *o, const explain *ex, const entry *e, const paint *p,
                    const char *label, bool (*want)(const explain *, const entry *, const hitref *))
{
	int bad = 0;
	size_t n = 0;
	for (size_t k = e->hit0; k < e->hit0 + e->nhit; k++) {
		const hitref *h = &ex->hits[k];
		if (!want(ex, e, h))
			continue;
		bad |= buf_printf(o, "%s%s%s%s (%s)", n++ ? ", " : label, ansi(p, YELLOW),
		                  rule_id(ex, h->rule), ansi(p, RESET), rule_action(ex, h->rule));
	}
	return bad | (n ? buf_addc(o, '\n') : 0);
}

static bool is_keep(const explain *ex, int r)
{
	return ex->rules->v[r].act == ACT_KEEP;
}

/* Matched as well as the rule that removed it (or, kept, nothing stopped). */
static bool also_matched(const explain *ex, const entry *e, const hitref *h)
{
	return h->kind == H_MATCH && !is_keep(ex, h->rule) && e->kept_by < 0;
}

/* A rule that matched but a keep rule stopped. */
static bool stopped(const explain *ex, const entry *e, const hitref *h)
{
	return h->kind == H_MATCH && !is_keep(ex, h->rule) && e->kept_by >= 0;
}

/* A selector rule that matched an element holding over its max-share of
   the text left, and spared it. */
static bool spared(const explain *ex, const entry *e, const hitref *h)
{
	(void)ex;
	return h->kind == H_SPARED && e->removed_by != h->rule;
}

static bool also_kept(const explain *ex, const entry *e, const hitref *h)
{
	(void)e;
	return h->kind == H_MATCH && is_keep(ex, h->rule);
}

static bool edited(const explain *ex, const entry *e, const hitref *h)
{
	(void)ex;
	(void)e;
	return h->kind == H_EDIT;
}

/* At most 160 bytes of the text on one line, cut at a character. */
static int excerpt(buf *o, const char *s, size_t len)
{
	size_t n = len > 160 ? 160 : len;
	while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	int bad = buf_adds(o, "  | ");
	for (size_t i = 0; i < n; i++)
		bad |= buf_addc(o, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i]);
	return bad | buf_adds(o, n < len ? "...\n" : "\n");
}

static int entry_text(buf *o, const explain *ex, const entry *e, const paint *p)
{
	int bad = buf_printf(o, "%sline%s %u", ansi(p, BOLD), e->line_end > e->line ? "s" : "",
	                     e->line);
	if (e->line_end > e->line)
		bad |= buf_printf(o, "-%u", e->line_end);
	bad |= buf_printf(o, "%s: ", ansi(p, RESET));
	if (e->removed_by >= 0)
		bad |= buf_printf(o, "%sremoved%s by %s%s%s (%s)%s%s\n", ansi(p, RED), ansi(p, RESET),
		                  ansi(p, YELLOW), rule_id(ex, e->removed_by), ansi(p, RESET),
		                  rule_action(ex, e->removed_by), e->detail ? ": " : "",
		                  e->detail ? e->detail : "");
	else if (e->kept_by >= 0)
		bad |= buf_printf(o, "%skept%s, protected by %s%s%s (keep)\n", ansi(p, GREEN),
		                  ansi(p, RESET), ansi(p, YELLOW), rule_id(ex, e->kept_by),
		                  ansi(p, RESET));
	else
		bad |= buf_printf(o, "%skept%s\n", ansi(p, GREEN), ansi(p, RESET));
	bad |= buf_printf(o, "  %sbytes %zu-%zu", ansi(p, DIM), e->start, e->end);
	if (e->path)
		bad |= buf_printf(o, ", path %s", e->path);
	if (ex->html && e->link_chars)
		bad |= buf_printf(o, ", links %u%% of its text", e->chars ?
		                  (unsigned)((200ULL * e->link_chars / e->chars + 1) / 2) : 0);
	bad |= buf_printf(o, "%s\n", ansi(p, RESET));
	bad |= excerpt(o, e->text, e->len);
	bad |= hit_list(o, ex, e, p, "  also matched: ", also_matched);
	bad |= hit_list(o, ex, e, p, "  also protected by: ", also_kept);
	bad |= hit_list(o, ex, e, p, "  matched, but the keep rule stopped: ", stopped);
	bad |= hit_list(o, ex, e, p, "  matched, but spared (over its max-share of the text left): ",
	                spared);
	bad |= hit_list(o, ex, e, p, "  edited by: ", edited);
	return bad;
}

/* "site: HOST; rules for other sites: a, b" when either is there. */
static int site_text(buf *o, const explain *ex)
{
	if (!*ex->host && !ex->nother)
		return 0;
	int bad = buf_printf(o, "site: %s", *ex->host ? ex->host : "none (no URL)");
	for (size_t k = 0; k < ex->nother; k++)
		bad |= buf_printf(o, "%s%s", k ? ", " : "; rules for other sites, not run: ",
		                  rule_id(ex, ex->other_sites[k]));
	return bad | buf_addc(o, '\n');
}

/* "page type: forum; signals: json-ld-forum +7 forum, ..."; the rules
   scoped to other page types. */
static int page_type_text(buf *o, const explain *ex, const cln_result *res)
{
	int bad = buf_printf(o, "page type: %s", cln_result_page_type(res));
	for (size_t i = 0; i < cln_result_page_signal_count(res); i++) {
		const cln_page_signal *s = cln_result_page_signal(res, i);
		bad |= buf_printf(o, "%s%s %+d %s", i ? ", " : "; signals: ", s->name, s->weight,
		                  s->type);
	}
	for (size_t k = 0; k < ex->nother_types; k++)
		bad |= buf_printf(o, "%s%s", k ? ", " : "; rules for other page types, not run: ",
		                  rule_id(ex, ex->other_types[k]));
	bad |= buf_addc(o, '\n');
	for (size_t k = 0; k < ex->nkept_parts; k++) {
		const rule *r = &ex->rules->v[ex->kept_parts[k]];
		bad |= buf_printf(o, "%s%s (%s)",
		                  k ? ", " : "parts kept in the text, their removals given back: ",
		                  r->id, r->part);
	}
	return bad | (ex->nkept_parts ? buf_addc(o, '\n') : 0);
}

/* "text: wrapped at 74 columns": its paragraphs are the blocks. */
static int wrap_text(buf *o, const explain *ex)
{
	if (ex->html || !ex->wrap_width)
		return 0;
	return buf_printf(o, "text: wrapped at %u columns, a paragraph's lines one block "
	                  "(--wrap)\n", ex->wrap_width);
}

static int render_text(buf *o, const explain *ex, const cln_result *res, bool color)
{
	paint p = { color };
	int bad = site_text(o, ex) | page_type_text(o, ex, res) | wrap_text(o, ex) |
	          (ex->has_main ? main_text(o, ex, &p) : 0);
	if (ex->n == 0)
		bad |= buf_printf(o, "no block %s\n", ex->sel && !ex->html
		                  ? "is selected: a selector picks HTML elements and this document is "
		                    "text (select by line)"
		                  : ex->line || ex->sel ? "is selected" : "in the document");
	for (size_t i = 0; i < ex->n; i++)
		bad |= entry_text(o, ex, &ex->v[i], &p) | buf_addc(o, '\n');
	return bad ? CLN_ENOMEM : 0;
}

static json_t *hits_json(const explain *ex, const entry *e,
                         bool (*want)(const explain *, const entry *, const hitref *))
{
	json_t *a = json_array();
	for (size_t k = e->hit0; a && k < e->hit0 + e->nhit; k++)
		if (want(ex, e, &ex->hits[k]))
			json_array_append_new(a, json_pack("{s:s, s:s}", "rule",
			                                   rule_id(ex, ex->hits[k].rule), "action",
			                                   rule_action(ex, ex->hits[k].rule)));
	return a;
}

static json_t *rule_or_null(const explain *ex, int r)
{
	return r >= 0 ? json_string(rule_id(ex, r)) : json_null();
}

static json_t *entry_json(const explain *ex, const entry *e)
{
	json_t *o = json_pack("{s:I, s:[II], s:[II], s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	                      "block", (json_int_t)e->block, "lines", (json_int_t)e->line,
	                      (json_int_t)e->line_end, "bytes", (json_int_t)e->start,
	                      (json_int_t)e->end, "text", cln_json_text(e->text, e->len),
	                      "removed", e->removed_by >= 0, "rule", rule_or_null(ex, e->removed_by),
	                      "detail", e->detail ? cln_json_text(e->detail, strlen(e->detail))
	                                          : json_null(),
	                      "kept_by", rule_or_null(ex, e->kept_by),
	                      "also_matched", hits_json(ex, e, also_matched),
	                      "also_kept_by", hits_json(ex, e, also_kept),
	                      "stopped", hits_json(ex, e, stopped),
	                      "spared", hits_json(ex, e, spared),
	                      "edited_by", hits_json(ex, e, edited));
	if (o && e->removed_by >= 0)
		json_object_set_new(o, "action", json_string(rule_action(ex, e->removed_by)));
	if (o && e->path) {
		json_object_set_new(o, "path", cln_json_text(e->path, strlen(e->path)));
		json_object_set_new(o, "link_density", json_real(e->chars ? (double)e->link_chars /
		                                                 (double)e->chars : 0.0));
	}
	return o;
}

static json_t *main_json(const explain *ex)
{
	const main_trace *m = &ex->main;
	if (!ex->has_main)
		return json_null();
	json_t *o = json_pack("{s:s, s:s, s:f}", "rule", rule_id(ex, m->rule), "how", m->how,
	                      "score", m->score);
	if (o && ex->html) {
		json_object_set_new(o, "container", ex->main_path ? cln_json_text(ex->main_path,
		                    strlen(ex->main_path)) : json_null());
		json_object_set_new(o, "runner_up", ex->runner_path ? cln_json_text(ex->runner_path,
		                    strlen(ex->runner_path)) : json_null());
	} else if (o) {
		json_object_set_new(o, "lines", json_pack("[ii]", m->first, m->last));
		json_object_set_new(o, "runner_up", m->runner_first ? json_pack("[ii]",
		                    m->runner_first, m->runner_last) : json_null());
	}
	if (o)
		json_object_set_new(o, "runner_up_score", m->runner_first || ex->runner_path ?
		                    json_real(m->runner_score) : json_null());
	return o;
}

/* Written a block at a time, as the report is: a page has many. */
static int render_json(buf *o, const explain *ex, const cln_result *res)
{
	int bad = buf_printf(o, "{\"format\":\"%s\",\"blocks_in_document\":%zu,",
	                     ex->html ? "html" : "text", ex->nblocks);
	if (!ex->html)
		bad |= buf_printf(o, "\"wrap_width\":%u,", ex->wrap_width);
	bad |= buf_adds(o, "\"main\":");
	bad |= cln_json_put(o, main_json(ex)) | buf_adds(o, ",\"site\":");
	bad |= cln_json_put(o, *ex->host ? cln_json_text(ex->host, strlen(ex->host)) : json_null());
	json_t *other = json_array();
	for (size_t k = 0; other && k < ex->nother; k++)
		json_array_append_new(other, json_string(rule_id(ex, ex->other_sites[k])));
	bad |= buf_adds(o, ",\"rules_for_other_sites\":") | cln_json_put(o, other);
	json_t *types = json_array();
	for (size_t k = 0; types && k < ex->nother_types; k++)
		json_array_append_new(types, json_string(rule_id(ex, ex->other_types[k])));
	bad |= buf_adds(o, ",\"page_type\":") | cln_json_put(o, cln_json_page_type(res));
	bad |= buf_adds(o, ",\"rules_for_other_page_types\":") | cln_json_put(o, types);
	json_t *kept = json_array();
	for (size_t k = 0; kept && k < ex->nkept_parts; k++)
		json_array_append_new(kept, json_string(rule_id(ex, ex->kept_parts[k])));
	bad |= buf_adds(o, ",\"rules_of_kept_parts\":") | cln_json_put(o, kept);
	bad |= buf_adds(o, ",\"blocks\":[");
	for (size_t i = 0; i < ex->n && !bad; i++)
		bad |= (i ? buf_addc(o, ',') : 0) | cln_json_put(o, entry_json(ex, &ex->v[i]));
	bad |= buf_adds(o, "]}");
	return bad ? CLN_ENOMEM : 0;
}

int cln_result_explain(char **out, size_t *len, const cln_result *res, int flags,
                       cln_error *err)
{
	if (!out)
		return cln_seterr(err, CLN_EINVAL, "cln_result_explain: out is NULL");
	*out = NULL;
	const explain *ex = cln_result_trace(res);
	if (!ex)
		return cln_seterr(err, CLN_EINVAL, "cln_result_explain: the result holds no trace "
		                  "(clean with cln_clean_options.explain set)");
	buf b = BUF_INIT;
	int rc = buf_reserve(&b, 0) < 0 ? CLN_ENOMEM
	         : flags & CLN_EXPLAIN_JSON ? render_json(&b, ex, res)
	         : render_text(&b, ex, res, flags & CLN_EXPLAIN_COLOR);
	if (rc < 0) {
		buf_free(&b);
		return cln_seterr(err, rc, "cannot write the explanation: %s", cln_strerror(rc));
	}
	*out = buf_detach(&b, len);
	return 0;
}
