/* fuzz.h - what the libFuzzer harnesses share (see README.md here). Each
   harness defines LLVMFuzzerTestOneInput; built with -fsanitize=fuzzer it is
   a fuzzer, linked with replay.c it replays files (make check). */
#ifndef CLEANER_FUZZ_H
#define CLEANER_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cleaner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Patterns give up early: a slow pattern is a finding of its own (the rule
   harness), not a reason for every input to crawl. */
#define FUZZ_MATCH_LIMIT 100000

/* A broken promise of the code under test: abort, so the fuzzer keeps the
   input. */
#define FUZZ_CHECK(cond)                                                                   \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                           \
		}                                                                          \
	} while (0)

/* Rules from text (no_defaults: without the built-in ones; text NULL: the
   built-in ones alone); NULL if they do not load. */
static inline cln_rules *fuzz_rules(const char *text, size_t len, int no_defaults)
{
	cln_rules_options ro = CLN_RULES_OPTIONS_INIT;
	ro.no_defaults = no_defaults;
	ro.text = text;
	ro.text_len = len;
	cln_rules *r = NULL;
	cln_error e;
	return cln_rules_new(&r, &ro, &e) == 0 ? r : NULL;
}

/* The default rule set, built once and kept for the process's life. */
static inline const cln_rules *fuzz_default_rules(void)
{
	static cln_rules *rules;
	if (!rules && !(rules = fuzz_rules(NULL, 0, 0)))
		abort();
	return rules;
}

/* Clean and render everything a result offers (text, Markdown, JSON, both
   reports); 0, or -1 if cleaning failed. Every removal must be a span,
   [start, end) with start <= end, lines likewise. */
static inline int fuzz_clean_all(const cln_rules *rules, const char *in, size_t len,
                                 cln_format format, size_t html_piece)
{
	cln_clean_options co = CLN_CLEAN_OPTIONS_INIT;
	co.format = format;
	co.html_piece = html_piece;
	co.match_limit = FUZZ_MATCH_LIMIT;
	co.markdown = CLN_MARKDOWN | CLN_MARKDOWN_LINKS | CLN_MARKDOWN_IMAGES;
	cln_result *res;
	cln_error e;
	if (cln_clean(&res, rules, in, len, &co, &e) < 0)
		return -1;
	for (size_t i = 0; i < cln_result_removal_count(res); i++) {
		const cln_removal *r = cln_result_removal(res, i);
		FUZZ_CHECK(r->byte_start <= r->byte_end && r->line_start <= r->line_end);
	}
	for (int f = CLN_OUTPUT_TEXT; f <= CLN_OUTPUT_JSON; f++) {
		char *out;
		if (cln_result_render(&out, NULL, res, (cln_output_format)f, &e) == 0)
			cln_free(out);
	}
	for (int f = CLN_REPORT_TEXT; f <= CLN_REPORT_JSON; f++) {
		char *out;
		if (cln_result_report(&out, NULL, res, (cln_report_format)f, &e) == 0)
			cln_free(out);
	}
	cln_result_free(res);
	return 0;
}

#endif
