/*
 * reporthtml.c - the report as one self-contained HTML page: the document
 * in order, kept text plain and removed blocks struck through in their
 * rule's colour (the rule, action, detail, part, lines and DOM path on hover), a
 * legend of the rules that hid or filters them, and the totals.
 *
 * The page fetches nothing and runs no script: the legend filters with
 * hidden checkboxes that come before it and the document in the page, so
 * that `#xN:checked ~ main .rN` hides rule N's blocks. Every piece of the
 * document is escaped (a page's own <script> shows as text). A rule's
 * colour comes from a hash of its id, so it is the same on every page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* What HTML text and attribute values must not hold as they are; other
   control characters (invalid in HTML) show as U+FFFD. */
static const char *const html_esc[128] = {
	[0] = "\xEF\xBF\xBD", [1] = "\xEF\xBF\xBD", [2] = "\xEF\xBF\xBD", [3] = "\xEF\xBF\xBD",
	[4] = "\xEF\xBF\xBD", [5] = "\xEF\xBF\xBD", [6] = "\xEF\xBF\xBD", [7] = "\xEF\xBF\xBD",
	[8] = "\xEF\xBF\xBD", [11] = "\xEF\xBF\xBD", [12] = "\xEF\xBF\xBD", [14] = "\xEF\xBF\xBD",
	[15] = "\xEF\xBF\xBD", [16] = "\xEF\xBF\xBD", [17] = "\xEF\xBF\xBD", [18] = "\xEF\xBF\xBD",
	[19] = "\xEF\xBF\xBD", [20] = "\xEF\xBF\xBD", [21] = "\xEF\xBF\xBD", [22] = "\xEF\xBF\xBD",
	[23] = "\xEF\xBF\xBD", [24] = "\xEF\xBF\xBD", [25] = "\xEF\xBF\xBD", [26] = "\xEF\xBF\xBD",
	[27] = "\xEF\xBF\xBD", [28] = "\xEF\xBF\xBD", [29] = "\xEF\xBF\xBD", [30] = "\xEF\xBF\xBD",
	[31] = "\xEF\xBF\xBD", [127] = "\xEF\xBF\xBD",
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

static int esc(buf *b, const char *s, size_t len)
{
	return cln_utf8_add(b, s, len, html_esc);
}

static int escs(buf *b, const char *s)
{
	return esc(b, s, strlen(s));
}

/* A rule's colour from its id (FNV-1a), so that it keeps it: a hue, and
   one of three shades for rules whose hues are close. */
static uint32_t colour(const char *id)
{
	uint32_t h = 2166136261u;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h;
}

static const char style[] =
	"body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}"
	"header,nav,main,footer{max-width:70em;margin:0 auto;padding:.5em 1.5em}"
	"h1{font-size:1.3em;margin:.6em 0 .2em}h2{font-size:1em;margin:.4em 0}"
	".totals{display:flex;flex-wrap:wrap;gap:.3em 1.6em;margin:.3em 0}"
	".totals b{font-variant-numeric:tabular-nums}"
	"input.t{display:none}"
	".legend label{display:inline-block;margin:.15em .3em .15em 0;padding:.1em .5em;"
	"border-radius:.3em;cursor:pointer;user-select:none;border:1px solid var(--c,#888);"
	"background:var(--b,#eee);color:var(--c,#222)}"
	".legend .n{font-weight:bold;margin-left:.3em}.legend .a{opacity:.7;font-size:.85em}"
	".legend .keep{display:inline-block;margin:.15em .3em;color:#555}"
	"main{background:#fff;border:1px solid #ddd;border-radius:.4em;white-space:pre-wrap;"
	"overflow-wrap:anywhere;font-family:ui-monospace,monospace;font-size:13px}"
	".rm{color:var(--c);background:var(--b);border-left:3px solid var(--c);"
	"border-radius:.2em;padding:0 .2em}"
	"main.html .rm{display:block;margin:.2em 0}"
	".rm del,.ed del{text-decoration-color:var(--c)}"
	".id{font:bold 11px system-ui,sans-serif;padding:0 .3em;margin-right:.4em;"
	"border-radius:.2em;color:#fff;background:var(--c);text-decoration:none}"
	".ed{color:var(--c);background:var(--b);border-radius:.2em}"
	".ed ins{text-decoration:none;color:#222}"
	".rm:hover,.ed:hover{outline:2px solid var(--c)}"
	"#xk:checked~main .k{display:none}"
	"#xk:checked~nav label[for=xk]{opacity:.45;text-decoration:line-through}"
	"details{color:#555;margin:.3em 0}footer{color:#555;font-size:.9em}";

/* Per rule that removed something: its colours, and the checkbox rules
   that hide its blocks and grey its legend entry. */
static int rule_styles(buf *out, const cln_result *res)
{
	int rc = buf_adds(out, "<style>");
	for (size_t i = 0; i < cln_result_rule_count(res); i++) {
		const cln_rule_stat *s = cln_result_rule_stat(res, i);
		if (!s->hits || !strcmp(s->action, "keep"))
			continue;
		uint32_t c = colour(s->rule_id);
		unsigned h = (unsigned)(c % 360), l = 26 + (unsigned)(c / 360 % 3) * 8;
		rc |= buf_printf(out, ".r%zu{--c:hsl(%u,70%%,%u%%);--b:hsl(%u,85%%,93%%)}"
		                 "#x%zu:checked~main .r%zu{display:none}"
		                 "#x%zu:checked~nav label[for=x%zu]{opacity:.45;"
		                 "text-decoration:line-through}",
		                 i, h, l, h, i, i, i, i);
	}
	return rc | buf_adds(out, "</style>");
}

static int totals(buf *out, const cln_result *res)
{
	cln_totals t;
	cln_result_totals(res, &t);
	const char *meta = cln_result_meta(res, CLN_META_TITLE);
	int rc = buf_adds(out, "<header><h1>cleaner report</h1>");
	if (meta)
		rc |= buf_adds(out, "<p class=title>") | escs(out, meta) | buf_adds(out, "</p>");
	rc |= buf_printf(out, "<p class=totals><span>bytes in <b>%zu</b></span>"
	                 "<span>bytes out <b>%zu</b></span>"
	                 "<span>bytes removed <b>%zu</b> (%.1f%%)</span>"
	                 "<span>blocks removed <b>%zu</b> of <b>%zu</b></span>"
	                 "<span>removals <b>%zu</b></span><span>lines <b>%zu</b></span>"
	                 "<span>input <b>%s</b>",
	                 t.bytes_in, t.bytes_out, t.bytes_removed,
	                 cln_percent(t.bytes_removed, t.bytes_in), t.blocks_removed, t.blocks,
	                 cln_result_removal_count(res), t.lines,
	                 cln_result_format(res) == CLN_FORMAT_HTML ? "HTML" : "text");
	if (*cln_result_charset(res))
		rc |= buf_adds(out, " (") | escs(out, cln_result_charset(res)) | buf_adds(out, ")");
	return rc | buf_adds(out, "</span></p></header>");
}

/* The checkboxes the legend's labels toggle: before <nav> and <main>, as
   the ~ in the rules above needs. */
static int checkboxes(buf *out, const cln_result *res)
{
	int rc = buf_adds(out, "<input type=checkbox class=t id=xk>");
	for (size_t i = 0; i < cln_result_rule_count(res); i++) {
		const cln_rule_stat *s = cln_result_rule_stat(res, i);
		if (s->hits && strcmp(s->action, "keep"))
			rc |= buf_printf(out, "<input type=checkbox class=t id=x%zu>", i);
	}
	return rc;
}

static int legend(buf *out, const cln_result *res)
{
	int rc = buf_adds(out, "<nav class=legend><h2>Rules</h2>");
	size_t idle = 0, keep = 0;
	for (size_t i = 0; i < cln_result_rule_count(res); i++) {
		const cln_rule_stat *s = cln_result_rule_stat(res, i);
		if (!s->hits || !strcmp(s->action, "keep")) {
			idle += !s->hits;
			continue;
		}
		rc |= buf_printf(out, "<label for=x%zu class=r%zu title=\"hide or show its removals: "
		                 "%zu, %zu blocks, %zu bytes\"><code>", i, i, s->hits, s->blocks,
		                 s->bytes) |
		      escs(out, s->rule_id) | buf_printf(out, "</code><span class=n>%zu</span> "
		                                          "<span class=a>", s->hits) |
		      escs(out, s->action) | buf_adds(out, "</span></label>");
	}
	rc |= buf_adds(out, "<label for=xk title=\"hide or show the kept text\">kept text</label>");
	for (size_t i = 0; i < cln_result_rule_count(res); i++) {
		const cln_rule_stat *s = cln_result_rule_stat(res, i);
		if (s->hits && !strcmp(s->action, "keep"))
			rc |= buf_adds(out, keep++ ? ", " : "<p class=keep>protected by ") |
			      buf_adds(out, "<code>") | escs(out, s->rule_id) |
			      buf_printf(out, "</code> (%zu block%s)", s->blocks, s->blocks == 1 ? "" : "s");
	}
	rc |= keep ? buf_adds(out, "</p>") : 0;
	if (idle) {
		rc |= buf_printf(out, "<details><summary>%zu rules with no hits</summary>", idle);
		for (size_t i = 0, k = 0; i < cln_result_rule_count(res); i++) {
			const cln_rule_stat *s = cln_result_rule_stat(res, i);
			if (!s->hits)
				rc |= buf_adds(out, k++ ? ", <code>" : "<code>") | escs(out, s->rule_id) |
				      buf_adds(out, "</code>");
		}
		rc |= buf_adds(out, "</details>");
	}
	return rc | buf_adds(out, "</nav>");
}

/* A removal's rule: its index among the rules, by id. */
typedef struct rule_ix {
	const char *id;
	size_t i;
} rule_ix;

static int by_id(const void *a, const void *b)
{
	return strcmp(((const rule_ix *)a)->id, ((const rule_ix *)b)->id);
}

/* What shows on hover: rule, action, where, why. */
static int hover(buf *out, const cln_removal *m)
{
	char where[64];
	cln_removal_lines(where, sizeof where, m);
	int rc = buf_adds(out, " title=\"") | escs(out, m->rule_id) | buf_adds(out, " (") |
	         escs(out, m->action) | buf_printf(out, ")\n%s, bytes [%zu,%zu)", where,
	                                           m->byte_start, m->byte_end);
	if (m->blocks)
		rc |= buf_printf(out, ", %zu block%s", m->blocks, m->blocks == 1 ? "" : "s");
	if (m->detail)
		rc |= buf_addc(out, '\n') | escs(out, m->detail);
	if (m->part)
		rc |= buf_adds(out, "\npart ") | escs(out, m->part);
	if (m->path)
		rc |= buf_adds(out, "\nat ") | escs(out, m->path);
	return rc | buf_addc(out, '"');
}

static int removal(buf *out, const cln_removal *m, size_t ri)
{
	bool is_edit = m->blocks == 0;
	int rc = buf_printf(out, "<span class=\"%s r%zu\"", is_edit ? "ed" : "rm", ri) |
	         hover(out, m) | buf_addc(out, '>');
	if (!is_edit)
		rc |= buf_adds(out, "<b class=id>") | escs(out, m->rule_id) | buf_adds(out, "</b>");
	rc |= buf_adds(out, "<del>") | esc(out, m->text, m->text_len) | buf_adds(out, "</del>");
	if (is_edit)
		rc |= buf_adds(out, "<ins>") | esc(out, m->replacement, m->replacement_len) |
		      buf_adds(out, "</ins>");
	return rc | buf_adds(out, "</span>");
}

static int kept(buf *out, const char *s, size_t len)
{
	return len ? buf_adds(out, "<span class=k>") | esc(out, s, len) | buf_adds(out, "</span>")
	           : 0;
}

/* Where each removal stands: by its place in the clean text, then in the
   input (HTML blocks may come in another order than their bytes). */
typedef struct place {
	size_t at, start, i;
} place;

static int by_place(const void *a, const void *b)
{
	const place *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The document: the clean text with every removal where it stood. */
static int document(buf *out, const cln_result *res, const rule_ix *ix, size_t nix)
{
	size_t n = cln_result_removal_count(res), tl, pos = 0;
	const char *text = cln_result_text(res, &tl);
	place *pl = malloc((n ? n : 1) * sizeof *pl);
	if (!pl)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const cln_removal *m = cln_result_removal(res, i);
		pl[i] = (place){ m->text_at, m->byte_start, i };
	}
	qsort(pl, n, sizeof *pl, by_place);
	int rc = buf_printf(out, "<main class=%s>",
	                    cln_result_format(res) == CLN_FORMAT_HTML ? "html" : "text");
	for (size_t k = 0; k < n && rc == 0; k++) {
		const cln_removal *m = cln_result_removal(res, pl[k].i);
		size_t at = m->text_at < pos ? pos : m->text_at > tl ? tl : m->text_at;
		rule_ix key = { m->rule_id, 0 };
		const rule_ix *r = bsearch(&key, ix, nix, sizeof *ix, by_id);
		/* a block removed at the end of a kept one stands after the line
		   break, on lines of its own, as it stood in the page */
		size_t nl = 0;
		while (m->blocks && at + nl < tl && text[at + nl] == '\n')
			nl++;
		bool eol = m->text_len && m->text[m->text_len - 1] == '\n';
		rc |= kept(out, text + pos, at + nl - pos) | removal(out, m, r ? r->i : nix);
		if (nl)
			rc |= buf_adds(out, nl > 1 ? (eol ? "\n" : "\n\n") : eol ? "" : "\n");
		pos = at = at + nl;
		/* an edit's replacement is in the text: shown with it, not twice */
		if (m->blocks == 0 && m->text_at == at && m->replacement_len <= tl - at)
			pos += m->replacement_len;
	}
	free(pl);
	return rc | kept(out, text + pos, tl - pos) | buf_adds(out, "</main>");
}

static int warnings(buf *out, const cln_result *res)
{
	cln_totals t;
	cln_result_totals(res, &t);
	size_t n = cln_result_warning_count(res);
	if (!n && !t.replaced_bytes)
		return 0;
	int rc = buf_adds(out, "<footer><h2>Warnings</h2><ul>");
	if (t.replaced_bytes)
		rc |= buf_printf(out, "<li>%zu bytes not valid in ", t.replaced_bytes) |
		      escs(out, cln_result_charset(res)) | buf_adds(out, " were read as U+FFFD");
	for (size_t i = 0; i < n; i++)
		rc |= buf_adds(out, "<li>") | escs(out, cln_result_warning(res, i));
	return rc | buf_adds(out, "</ul></footer>");
}

int cln_report_html(buf *out, const cln_result *res)
{
	size_t nix = cln_result_rule_count(res);
	rule_ix *ix = malloc((nix ? nix : 1) * sizeof *ix);
	if (!ix)
		return CLN_ENOMEM;
	for (size_t i = 0; i < nix; i++)
		ix[i] = (rule_ix){ cln_result_rule_stat(res, i)->rule_id, i };
	qsort(ix, nix, sizeof *ix, by_id);
	const char *title = cln_result_meta(res, CLN_META_TITLE);
	int rc = buf_adds(out, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
	                       "<meta name=viewport content=\"width=device-width\">"
	                       "<title>cleaner report") |
	         (title ? buf_adds(out, ": ") | escs(out, title) : 0) |
	         buf_adds(out, "</title><style>") | buf_adds(out, style) | buf_adds(out, "</style>") |
	         rule_styles(out, res) | buf_adds(out, "</head><body>") | checkboxes(out, res) |
	         totals(out, res) | legend(out, res) | document(out, res, ix, nix) |
	         warnings(out, res) | buf_adds(out, "</body></html>\n");
	free(ix);
	return rc ? CLN_ENOMEM : 0;
}
