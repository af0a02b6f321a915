/*
 * check.c - `cleaner --check`: load the rules, print their errors, then
 * the linter's warnings (cln_rules_lint, and with --pages DIR
 * cln_lint_page on each page of DIR), as lines for people or, with
 * --json, as one JSON object. Exit 0 clean, 1 warnings, 2 errors.
 * Pages are cleaned without a URL (a page's canonical link gives one), so
 * rules scoped to sites are judged on the pages of their sites only.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The errors of the rule files, kept for --json. */
typedef struct check_errors {
	json_t *list; /* NULL: print them at once */
	size_t n;
} check_errors;

void cli_print_rule_error(const cln_error *e, void *userdata)
{
	size_t *count = userdata;
	char msg[1600];
	cln_error_format(e, msg, sizeof msg);
	fprintf(stderr, "%s\n", msg);
	if (e->source_line[0] && e->column) {
		fprintf(stderr, "    %s\n    ", e->source_line);
		for (unsigned i = 1; i < e->column && e->source_line[i - 1]; i++)
			fputc(e->source_line[i - 1] == '\t' ? '\t' : ' ', stderr);
		fputs("^\n", stderr);
	}
	(*count)++;
}

cln_rules_options cli_rules_options(const char *const *files, size_t n, bool no_defaults,
                                    size_t *nerr)
{
	cln_rules_options ro = CLN_RULES_OPTIONS_INIT;
	ro.no_defaults = no_defaults;
	ro.files = files;
	ro.nfiles = n;
	ro.on_error = cli_print_rule_error;
	ro.userdata = nerr;
	return ro;
}

static const char *error_kind(int code)
{
	switch (code) {
	case CLN_EREGEX: return "regex";
	case CLN_EDUPID: return "duplicate-id";
	case CLN_EINCLUDE: return "include";
	case CLN_EIO: return "io";
	case CLN_ENOMEM: return "out-of-memory";
	default: return "syntax";
	}
}

/* {"file","line","col","rule","kind","message"}; NULL fields are null.
   Strings that are not UTF-8 (a file name) become null too. */
static json_t *entry(const char *file, unsigned line, unsigned col, const char *rule,
                     const char *kind, const char *message)
{
	return json_pack("{s:o?,s:I,s:I,s:o?,s:s,s:o?}", "file", json_string(file), "line",
	                 (json_int_t)line, "col", (json_int_t)col, "rule",
	                 rule ? json_string(rule) : NULL, "kind", kind, "message",
	                 json_string(message));
}

static void collect_error(const cln_error *e, void *userdata)
{
	check_errors *ce = userdata;
	if (!ce->list) {
		cli_print_rule_error(e, &ce->n);
		return;
	}
	json_array_append_new(ce->list, entry(e->file[0] ? e->file : NULL, e->line, e->column,
	                                      NULL, error_kind(e->code), e->message));
	ce->n++;
}

typedef struct page_walk {
	cln_lint *lint;
	const cln_rules *rules;
	size_t pages, failed;
} page_walk;

static int lint_page(void *ud, const char *path, const char *rel, const struct stat *st)
{
	page_walk *w = ud;
	char *data, err[1200];
	size_t len;
	cln_result *res = NULL;
	cln_error ce;
	(void)rel;
	(void)st;
	if (cli_read_file(path, CLI_DEFAULT_MAX_BYTES, &data, &len, err, sizeof err) < 0) {
		cli_say(err);
		w->failed++;
		return 0;
	}
	int rc = cln_clean(&res, w->rules, data, len, NULL, &ce);
	free(data);
	if (rc < 0) {
		snprintf(err, sizeof err, "%s: %s", path, ce.message);
		cli_say(err);
		w->failed++;
		return 0;
	}
	w->pages++;
	rc = cln_lint_page(w->lint, w->rules, res, path);
	cln_result_free(res);
	return rc < 0 ? -1 : 0;
}

/* Clean every page below dir into the lint: 0, or -1 said. */
static int lint_pages(cln_lint *lint, const cln_rules *rules, const char *dir)
{
	page_walk w = { lint, rules, 0, 0 };
	walk_options wo = { .quiet = 1 };
	walk_counts wc = { 0 };
	if (walk_folder(dir, &wo, &wc, lint_page, &w) < 0) {
		cli_say("out of memory reading --pages");
		return -1;
	}
	if (w.pages == 0) {
		char msg[1200];
		snprintf(msg, sizeof msg, "--pages %s: no page could be read there", dir);
		cli_say(msg);
		return -1;
	}
	return 0;
}

static void print_warnings(const cln_lint *lint, size_t nrules)
{
	size_t n = cln_lint_count(lint);
	for (size_t i = 0; i < n; i++) {
		const cln_lint_warning *w = cln_lint_warning_at(lint, i);
		printf("%s:%u:%u: warning: rule '%s': %s [%s]\n", w->file, w->line, w->column,
		       w->rule_id, w->message, w->kind);
	}
	if (n)
		printf("%zu warning%s in %zu rules\n", n, n == 1 ? "" : "s", nrules);
	else
		printf("rules OK: %zu rules\n", nrules);
}

static void print_json(json_t *errors, const cln_lint *lint, size_t nrules)
{
	json_t *warnings = json_array();
	for (size_t i = 0; i < cln_lint_count(lint); i++) {
		const cln_lint_warning *w = cln_lint_warning_at(lint, i);
		json_array_append_new(warnings, entry(w->file, w->line, w->column, w->rule_id,
		                                      w->kind, w->message));
	}
	json_t *o = json_pack("{s:I,s:O,s:o}", "rules", (json_int_t)nrules, "errors", errors,
	                      "warnings", warnings);
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	if (s)
		puts(s);
	free(s);
	json_decref(o);
}

int cli_check(const check_options *o)
{
	check_errors ce = { o->json ? json_array() : NULL, 0 };
	cln_rules_options ro = CLN_RULES_OPTIONS_INIT;
	ro.no_defaults = o->no_defaults;
	ro.files = o->files;
	ro.nfiles = o->nfiles;
	ro.on_error = collect_error;
	ro.userdata = &ce;
	cln_rules *rules = NULL;
	cln_lint *lint = NULL;
	int status = 0;
	if (cln_rules_new(&rules, &ro, NULL) < 0) {
		status = 2;
		if (!o->json)
			fprintf(stderr, "cleaner: %zu error%s in rule files; nothing was cleaned\n", ce.n,
			        ce.n == 1 ? "" : "s");
	} else if (cln_rules_lint(&lint, rules, NULL) < 0 ||
	           (o->pages && (lint_pages(lint, rules, o->pages) < 0 ||
	                         cln_lint_sites(lint, rules) < 0))) {
		status = 2;
	}
	if (status == 0 && cln_lint_count(lint))
		status = 1;
	if (o->json && (status < 2 || rules == NULL))
		print_json(ce.list, lint, cln_rules_count(rules));
	else if (!o->json && status < 2)
		print_warnings(lint, cln_rules_count(rules));
	json_decref(ce.list);
	cln_lint_free(lint);
	cln_rules_free(rules);
	return status;
}
