/*
 * rulekinds.c - the one table of rule actions and their parameters.
 *
 * The parser checks rules against it, and cln_rules_reference() renders it
 * for `cleaner --list-rules` and rules/README.md, so the three never drift.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define BIT(p) (1u << (p))
#define UNLIMITED 0

const param_def cln_param_defs[P_COUNT] = {
	[P_MAXLEN] = { "maxlen", PT_INT, 0, 1000000,
	               "match only blocks of at most N characters (0: any length)" },
	[P_MINLEN] = { "minlen", PT_INT, 0, 1000000,
	               "match only blocks of at least N characters" },
	[P_NEXT] = { "next", PT_INT, 1, 1000,
	             "drop-next: how many blocks after the matching one to drop too; drop-after with marker=: among how many blocks after it a marker must stand (default 40)" },
	[P_NEXT_MAXLEN] = { "next-maxlen", PT_INT, 0, 1000000,
	                    "stop before a following block longer than N characters (0: any)" },
	[P_WITHIN] = { "within", PT_INT, 1, 1000000,
	               "the matching block must be among the first (drop-before) or last (drop-after) N blocks; "
	               "after main-content (phase=after-main), among the last N the body kept" },
	[P_WITH] = { "with", PT_STRING, 0, 0,
	             "replacement text; $1 or ${name} insert groups (default: empty)" },
	[P_MARKER] = { "marker", PT_PATTERN, 0, 0,
	               "run: a pattern that marks a block as a carousel item; drop-after: a block after the match (among the next N, before another match of its pattern) must match one, or the match does not count (a reviews heading followed by \"found this helpful\", not a tab's \"Reviews\" over the section's heading); drop-next: the next blocks go only while each matches one (a breadcrumb's items after its \"1. Home\"); repeat for more" },
	[P_GAP] = { "gap", PT_INT, 0, 100,
	            "at most N other blocks between two markers of one run" },
	[P_GAP_MAXLEN] = { "gap-maxlen", PT_INT, 1, 1000000,
	                   "blocks between markers (and the tail) are at most N characters" },
	[P_TAIL] = { "tail", PT_INT, 0, 100,
	             "also drop up to N short blocks after the last marker (a clip title)" },
	[P_HEAD] = { "head", PT_INT, 0, 100,
	             "also drop up to N short blocks before the first marker (a comment's text over its author's line)" },
	[P_MIN] = { "min", PT_INT, 1, 1000,
	            "run: a run needs at least N markers; duplicate: a copy goes only in a row of N blocks repeating a row before it" },
	[P_WINDOW] = { "window", PT_INT, 1, 1000,
	               "compare a block with the N blocks before it" },
	[P_MAX_BLANK] = { "max-blank", PT_INT, 0, 1000,
	                  "at most N blank lines between a block and its copy" },
	[P_SHARE] = { "share", PT_INT, 1, 100,
	              "HTML: a container that only hints it is the body (a content class, <article>, <main>) must hold N% of the prose" },
	[P_SIBLINGS] = { "siblings", PT_INT, 1, 1000,
	                 "HTML: a sibling of the body container joins it with N% of the container's prose" },
	[P_LINK_DENSITY] = { "link-density", PT_INT, 1, 100,
	                     "HTML: a block in the body whose text is more than N% links goes" },
	[P_MIN_CHARS] = { "min-chars", PT_INT, 1, 10000,
	                  "text: lines shorter than N characters are judged by their neighbours" },
	[P_MAX_SHARE] = { "max-share", PT_INT, 1, 100,
	                  "{selector}: spare an element holding more than N% of the text not yet removed (0: no limit)" },
	[P_KEPT_WINDOW] = { "kept-window", PT_INT, 0, 1000,
	                    "duplicate: compare a block with the N blocks before it that are still kept, the removed ones between skipped, and never a table cell (0: use window)" },
	[P_LANDMARK] = { "landmark", PT_INT, 0, 1,
	                 "{selector}: 1: what it takes is the page's banner or footer, like <header> and <footer>: the safeguard that gives back removals when a page would be left without prose never gives it back" },
	[P_PART] = { "part", PT_NAME, 0, 0,
	             "what it drops is a part of the page of its own, not boilerplate (customers' reviews, readers' comments): it leaves the clean text, the JSON output carries it under parts.NAME, and --keep-part=NAME (cln_clean_options.keep_parts) gives it back to the text, where it stood; NAME: letters, digits, - and _" },
	[P_LAST] = { "last", PT_INT, 0, 1,
	             "drop-after: 1: only the last matching block counts, and with marker= it must be confirmed (a page's last copyright line, not one in a menu drawer at the top); it marks no end of the body for main-content" },
};

const action_def cln_action_defs[ACT_COUNT] = {
	[ACT_KEEP] = { "keep", true, true, BIT(P_MAXLEN) | BIT(P_MINLEN), { 0 },
	               "protect matching blocks, or every block of elements matching a {selector}, from every drop (applied first, always wins)" },
	[ACT_DROP] = { "drop", true, true, BIT(P_MAXLEN) | BIT(P_MINLEN) | BIT(P_MAX_SHARE) | BIT(P_LANDMARK) | BIT(P_PART), { 0 },
	               "drop each matching block, or every element matching a {selector} with all inside it" },
	[ACT_DROP_NEXT] = { "drop-next", true, false,
	                    BIT(P_MAXLEN) | BIT(P_MINLEN) | BIT(P_NEXT) | BIT(P_NEXT_MAXLEN) | BIT(P_MARKER) | BIT(P_PART),
	                    { [P_NEXT] = 1 },
	                    "drop each matching block and the next N blocks (a clip title after a video stamp)" },
	[ACT_DROP_AFTER] = { "drop-after", true, false,
	                     BIT(P_MAXLEN) | BIT(P_MINLEN) | BIT(P_WITHIN) | BIT(P_MARKER) | BIT(P_NEXT) | BIT(P_LAST) | BIT(P_PART),
	                     { [P_WITHIN] = 20, [P_NEXT] = 40 },
	                     "drop the first matching block near the end and everything after it (a footer); on HTML, to the end of the element around it; "
	                     "after main-content, not a block followed by 600 chars of kept sentences (a box inside an article; "
	                     "on HTML, when the block starts the element around it, only the sentences after that element count)" },
	[ACT_DROP_BEFORE] = { "drop-before", true, false,
	                      BIT(P_MAXLEN) | BIT(P_MINLEN) | BIT(P_WITHIN) | BIT(P_PART),
	                      { [P_WITHIN] = 10 },
	                      "drop everything before the first matching block near the start, and that block (a skip link); on HTML, from the start of the element around it" },
	[ACT_REPLACE] = { "replace", true, false, BIT(P_MAXLEN) | BIT(P_MINLEN) | BIT(P_WITH), { 0 },
	                  "replace the matched part of each block (flag g: every match); a block left blank is dropped" },
	[ACT_RUN] = { "run", false, false,
	              BIT(P_MARKER) | BIT(P_GAP) | BIT(P_GAP_MAXLEN) | BIT(P_TAIL) | BIT(P_HEAD) | BIT(P_MIN) | BIT(P_PART),
	              { [P_GAP] = 2, [P_GAP_MAXLEN] = 100, [P_TAIL] = 1, [P_MIN] = 3 },
	              "drop a region where marker blocks recur with only a few short blocks between them (a carousel)" },
	[ACT_DUPLICATE] = { "duplicate", false, false,
	                    BIT(P_MAXLEN) | BIT(P_MINLEN) | BIT(P_WINDOW) | BIT(P_MAX_BLANK) | BIT(P_MIN) | BIT(P_KEPT_WINDOW),
	                    { [P_MINLEN] = 10, [P_MAXLEN] = 300, [P_WINDOW] = 2, [P_MIN] = 1 },
	                    "drop a block that repeats a block shortly before it that is still kept (white space trimmed and folded; a copy another rule removed does not count; a short value, 60 characters at most, right after a label of its own that ends in `:` is no copy: \"Outer fabric:\", \"100% polyester\", \"Lining:\", \"100% polyester\" keeps both, \"Color:\", \"Black\" written twice does not; on HTML pages a heading is no copy of a link in a list just before it, a table of contents' entry naming the section it heads)" },
	[ACT_READ_TWICE] = { "read-twice", false, false, BIT(P_MAXLEN) | BIT(P_MINLEN), { 0 },
	                     "keep the first of a block that is one text twice, white space folded (a copy wrapped at other places is the same): glued copies of 5 characters or more, copies after a space of 3 words or more, starting with a letter, a digit or a currency sign; not in preformatted text (a program's output printed twice is the program's)" },
	[ACT_MAIN] = { "main-content", false, false,
	               BIT(P_SHARE) | BIT(P_SIBLINGS) | BIT(P_LINK_DENSITY) | BIT(P_MIN_CHARS) | BIT(P_PART),
	               { [P_SHARE] = 50, [P_SIBLINGS] = 30, [P_LINK_DENSITY] = 50, [P_MIN_CHARS] = 70 },
	               "find the article body (page signals, else text scores) and drop what lies outside it; part=NAME: the readers' comments it finds after a text's body are that part" },
	[ACT_SITE_REPEAT] = { "site-repeat", false, false, 0, { 0 },
	                      "drop a block seen on many pages of the document's site (cln_clean_options.repeats; cleaner --site-repeats adds this rule)" },
};

static int lookup(const char *name, size_t len, size_t count, size_t stride,
                  const void *table)
{
	for (size_t i = 0; i < count; i++) {
		const char *n = *(const char *const *)((const char *)table + i * stride);
		if (strlen(n) == len && memcmp(n, name, len) == 0)
			return (int)i;
	}
	return -1;
}

int cln_action_lookup(const char *name, size_t len)
{
	return lookup(name, len, ACT_COUNT, sizeof cln_action_defs[0], cln_action_defs);
}

int cln_param_lookup(const char *name, size_t len)
{
	return lookup(name, len, P_COUNT, sizeof cln_param_defs[0], cln_param_defs);
}

static void add_param_list(buf *b, const action_def *a, bool markdown)
{
	bool first = true;
	if (a->pattern)
		buf_adds(b, markdown ? "`/pattern/flags`" : "/pattern/flags");
	if (a->selector)
		buf_adds(b, markdown ? " or `{selector}`" : " or {selector}");
	for (int p = 0; p < P_COUNT; p++) {
		if (!(a->params & BIT(p)))
			continue;
		const param_def *d = &cln_param_defs[p];
		if (!first || a->pattern)
			buf_adds(b, markdown ? ", " : " ");
		first = false;
		const char *q = markdown ? "`" : "";
		if (d->type == PT_INT)
			buf_printf(b, "%s%s=%ld%s", q, d->name, a->defaults[p], q);
		else if (d->type == PT_STRING)
			buf_printf(b, "%s%s=\"...\"%s", q, d->name, q);
		else if (d->type == PT_NAME)
			buf_printf(b, "%s%s=NAME%s", q, d->name, q);
		else
			buf_printf(b, "%s%s=/.../%s", q, d->name, q);
	}
}

char *cln_rules_reference(int markdown)
{
	buf b = BUF_INIT;
	if (markdown) {
		buf_adds(&b, "| action | takes (defaults) | what it does |\n|---|---|---|\n");
		for (int a = 0; a < ACT_COUNT; a++) {
			buf_printf(&b, "| `%s` | ", cln_action_defs[a].name);
			add_param_list(&b, &cln_action_defs[a], true);
			buf_printf(&b, " | %s |\n", cln_action_defs[a].doc);
		}
		buf_adds(&b, "\n| parameter | what it means |\n|---|---|\n");
		for (int p = 0; p < P_COUNT; p++)
			buf_printf(&b, "| `%s` | %s |\n", cln_param_defs[p].name,
			           cln_param_defs[p].doc);
	} else {
		buf_adds(&b, "Actions (rule syntax: ID: ACTION [/pattern/flags] [name=value...]):\n");
		for (int a = 0; a < ACT_COUNT; a++) {
			buf_printf(&b, "  %-12s ", cln_action_defs[a].name);
			add_param_list(&b, &cln_action_defs[a], false);
			buf_printf(&b, "\n               %s\n", cln_action_defs[a].doc);
		}
		buf_adds(&b, "\nParameters:\n");
		for (int p = 0; p < P_COUNT; p++)
			buf_printf(&b, "  %-12s %s\n", cln_param_defs[p].name,
			           cln_param_defs[p].doc);
		buf_adds(&b, "\nPattern flags: i caseless, x extended (white space and # comments ignored; lets a pattern go on over lines), g every match (replace only)\n");
	}
	if (markdown)
		buf_adds(&b, "\nPattern flags: `i` caseless, `x` extended (white space and `#` comments ignored; lets a pattern go on over continuation lines), `g` every match (replace only).\n");
	return buf_detach(&b, NULL);
}
