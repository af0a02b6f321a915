/*
 * main.c - the cleaner command: parses options and calls the library.
 * One table of options drives getopt_long, --help and the man page test.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <iconv.h>
#include <stdbool.h>
#include <jansson.h>
#if defined HAVE_MALLOC_H && defined HAVE_MALLOPT
#include <malloc.h>
#endif
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

enum {
	OPT_NO_DEFAULTS = 256,
	OPT_REPORT,
	OPT_REPORT_FORMAT,
	OPT_MATCH_LIMIT,
	OPT_CHECK,
	OPT_LIST_RULES,
	OPT_SHOW_DEFAULTS,
	OPT_FORMAT,
	OPT_CHARSET,
	OPT_URL,
	OPT_OUTPUT_FORMAT,
	OPT_JSONL,
	OPT_HTML_FIELD,
	OPT_TEXT_FIELD,
	OPT_OUTPUT_FIELD,
	OPT_SUMMARY_FIELD,
	OPT_FULL_REPORT,
	OPT_SKIP_EXISTING,
	OPT_MAX_BYTES,
	OPT_HTML_PIECE,
	OPT_WARC,
	OPT_INCLUDE,
	OPT_EXCLUDE,
	OPT_PAGES,
	OPT_JSON,
	OPT_EXPLAIN,
	OPT_EXPLAIN_LINE,
	OPT_EXPLAIN_PATH,
	OPT_LINKS,
	OPT_IMAGES,
	OPT_SITE_REPEATS,
	OPT_REPEATS_SHARE,
	OPT_REPEATS_MEMORY,
	OPT_STATS,
	OPT_PAGE_TYPE,
	OPT_WRAP,
	OPT_KEEP_PART,
};

static const struct cli_option {
	const char *name;
	int val;
	int has_arg;
	const char *arg;
	const char *help;
} cli_options[] = {
	{ "output", 'o', required_argument, "FILE",
	  "write the clean text to FILE (default: standard output); never an input file" },
	{ "format", OPT_FORMAT, required_argument, "auto|html|text",
	  "what the input is (default auto: HTML if it starts like a page)" },
	{ "charset", OPT_CHARSET, required_argument, "NAME",
	  "HTML: decode with charset NAME whatever the page declares" },
	{ "page-type", OPT_PAGE_TYPE, required_argument, "TYPE",
	  "read every document as a page of TYPE (article, forum, product, collection, listing, documentation or service) whatever its signals say (default: the signals decide)" },
	{ "wrap", OPT_WRAP, required_argument, "auto|off|N",
	  "text: whether lines are hard-wrapped at a fixed width, a paragraph's lines then one block (default auto: the text says; off: a block a line; N: wrapped, lines filled up to N columns, 10 to 1000)" },
	{ "keep-part", OPT_KEEP_PART, required_argument, "NAME",
	  "keep the part NAME of a page (reviews, comments) in the clean text, where the page has it: by default the rules that find it drop it, and the JSON output and a --jsonl summary carry it under parts; repeatable" },
	{ "url", OPT_URL, required_argument, "URL",
	  "the documents' URL: rules scoped to sites apply by its host and path (default: the JSONL url field, the WARC target URI, the page's canonical link)" },
	{ "output-format", OPT_OUTPUT_FORMAT, required_argument, "text|markdown|json",
	  "text (default), markdown, or json: title, author, date, url, language, page type, text, parts, report" },
	{ "links", OPT_LINKS, no_argument, NULL,
	  "--output-format=markdown: keep links as [text](URL), the URL made absolute against the document's URL" },
	{ "images", OPT_IMAGES, no_argument, NULL,
	  "--output-format=markdown: keep images as ![alt](URL) (not those with alt=\"\", which are decoration)" },
	{ "recursive", 'R', no_argument, NULL,
	  "with -o FOLDER: clean every file in the folders given, keeping their paths" },
	{ "skip-existing", OPT_SKIP_EXISTING, no_argument, NULL,
	  "with -o FOLDER: leave documents whose output exists (resume a stopped run)" },
	{ "include", OPT_INCLUDE, required_argument, "GLOB",
	  "with -R: clean only files matching GLOB (a name, or a path below the folder if it has a /); repeatable" },
	{ "exclude", OPT_EXCLUDE, required_argument, "GLOB",
	  "with -R: leave files and folders matching GLOB; repeatable; wins over --include" },
	{ "max-bytes", OPT_MAX_BYTES, required_argument, "N[K|M|G]",
	  "fail a document larger than N bytes, decompressed (K, M, G: times 1024, 1024^2, 1024^3; default 128M); the run goes on" },
	{ "html-piece", OPT_HTML_PIECE, required_argument, "N[K|M|G]",
	  "parse an HTML page of more than N bytes in pieces of about N bytes (or N/64 start tags), so memory grows with N, not the page (default 256K; 'whole': never)" },
	{ "rules", 'r', required_argument, "FILE",
	  "load rules from FILE after the built-in defaults; repeatable, in order" },
	{ "no-default-rules", OPT_NO_DEFAULTS, no_argument, NULL,
	  "do not load the built-in default rules" },
	{ "report", OPT_REPORT, optional_argument, "FILE",
	  "report every removal, to FILE or '-' for standard output (default: standard error)" },
	{ "report-format", OPT_REPORT_FORMAT, required_argument, "text|json|html",
	  "text: one line per removal and totals (default); json: one object per input, one per "
	  "line; html: one page for a browser (one input and --report=FILE, or -o FOLDER)" },
	{ "explain", OPT_EXPLAIN, optional_argument, "text|json",
	  "instead of the clean text, say for every block why it was kept or removed: the rule, other rules that matched, keep rules, path, main-content's choice" },
	{ "explain-line", OPT_EXPLAIN_LINE, required_argument, "N",
	  "--explain only the block at line N of the input (or holding it)" },
	{ "explain-path", OPT_EXPLAIN_PATH, required_argument, "SELECTOR",
	  "--explain only the blocks inside HTML elements SELECTOR matches (as in drop {...})" },
	{ "match-limit", OPT_MATCH_LIMIT, required_argument, "N",
	  "PCRE2 match limit for one pattern on one block (default 10000000)" },
	{ "check", OPT_CHECK, no_argument, NULL,
	  "load and lint the rules, then exit (0: clean, 1: warnings, 2: errors)" },
	{ "pages", OPT_PAGES, required_argument, "DIR",
	  "--check: clean the pages in DIR and warn about rules that remove over half of one's text" },
	{ "json", OPT_JSON, no_argument, NULL,
	  "--check: print errors and warnings as one JSON object" },
	{ "list-rules", OPT_LIST_RULES, optional_argument, "text|markdown",
	  "print the rule actions and their parameters" },
	{ "show-default-rules", OPT_SHOW_DEFAULTS, no_argument, NULL,
	  "print the built-in default rule files" },
	{ "jsonl", OPT_JSONL, no_argument, NULL,
	  "read one JSON object per line, write each back with the clean text and a summary" },
	{ "warc", OPT_WARC, no_argument, NULL,
	  "read WARC files (plain, gzip or zstd; - for standard input); write each HTML response, cleaned, as a JSON line" },
	{ "html-field", OPT_HTML_FIELD, required_argument, "NAME",
	  "--jsonl: the field holding a page's HTML (default html)" },
	{ "text-field", OPT_TEXT_FIELD, required_argument, "NAME",
	  "--jsonl: the field holding flattened text, used when there is no HTML (default text)" },
	{ "output-field", OPT_OUTPUT_FIELD, required_argument, "NAME",
	  "--jsonl: the field the clean text goes to (default text)" },
	{ "summary-field", OPT_SUMMARY_FIELD, required_argument, "NAME",
	  "--jsonl: the field the summary goes to (default cleaner)" },
	{ "full-report", OPT_FULL_REPORT, no_argument, NULL,
	  "--jsonl: put the whole JSON report in the summary" },
	{ "site-repeats", OPT_SITE_REPEATS, optional_argument, "N",
	  "--jsonl, --warc, -o FOLDER: read the inputs twice; the first pass counts each block's text per host, the second drops (rule site-repeat) blocks seen on at least N pages of their host (default 5)" },
	{ "site-repeats-share", OPT_REPEATS_SHARE, required_argument, "PERCENT",
	  "--site-repeats: and on at least PERCENT of their host's pages (default 10)" },
	{ "site-repeats-memory", OPT_REPEATS_MEMORY, required_argument, "N[K|M|G]",
	  "--site-repeats: the counts take at most N bytes (default 64M); when full, the texts seen least are let go, said in the summary" },
	{ "stats", OPT_STATS, required_argument, "FILE",
	  "--jsonl, --warc and -o FOLDER: write the run's totals (documents, bytes, hits per rule, failures) to FILE as one JSON object" },
	{ "jobs", 'j', required_argument, "N",
	  "--jsonl and -o FOLDER: clean with N threads (default: the number of cores); order is kept" },
	{ "quiet", 'q', no_argument, NULL, "no warnings, progress line or summary (errors are still printed)" },
	{ "help", 'h', no_argument, NULL, "print this help and exit" },
	{ "version", 'V', no_argument, NULL, "print the version and exit" },
};
#define NOPTS (sizeof cli_options / sizeof cli_options[0])

typedef struct config {
	const char **rules;
	size_t nrules;
	int no_defaults;
	const char *output;
	int report;
	const char *report_file;
	cln_report_format report_format;
	cln_format format;
	const char *charset;
	const char *page_type;
	const char **keep_parts; /* --keep-part */
	size_t nkeep_parts;
	char *keep_list;         /* them, for cln_clean_options.keep_parts */
	int wrap_width;       /* --wrap: cln_clean_options.wrap_width */
	const char *url;
	cln_output_format output_format;
	int links, images;       /* --links, --images */
	unsigned long match_limit;
	int check, quiet, json;
	const char *pages;
	const char **inputs;
	size_t ninputs;
	int jsonl, warc;
	jsonl_options jo;
	const char *stats;       /* --stats=FILE */
	unsigned jobs;
	int recursive, skip_existing;
	const char **include, **exclude;
	size_t ninclude, nexclude;
	size_t max_bytes;
	size_t html_piece;
	size_t repeats_pages;    /* --site-repeats=N, 0: off */
	unsigned repeats_share;
	size_t repeats_memory;
	repeats *repeats;        /* --site-repeats' counts */
	int explain;             /* 0 no, 1 text, 2 JSON */
	cln_explain_options eo;  /* which blocks it explains */
} config;

static const char *prog = "cleaner";

static void help(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "   or: %s test [--update] [-q] DIR...   (run folders of test cases)\n"
	       "   or: %s learn [OPTION]... INPUT...    (propose site rules from many pages;\n"
	       "                                             cleaner learn --help)\n"
	       "Remove boilerplate (skip links, carousels, credits, footers...) from scraped\n"
	       "pages and report what was removed. With no FILE, or FILE '-', read standard input.\n\n",
	       prog, prog, prog);
	for (size_t i = 0; i < NOPTS; i++) {
		const struct cli_option *o = &cli_options[i];
		char left[64];
		int n = o->val < 256 ? snprintf(left, sizeof left, "  -%c, --%s", o->val, o->name)
		                     : snprintf(left, sizeof left, "      --%s", o->name);
		if (o->arg)
			snprintf(left + n, sizeof left - (size_t)n, o->has_arg == optional_argument
			         ? "[=%s]" : "=%s", o->arg);
		printf("%-34s %s\n", left, o->help);
	}
	printf("\nExit status: 0 ok, 1 some input failed, 2 usage or rule error or outputs that\n"
	       "would collide or replace an input (nothing cleaned), 130/143/129 interrupted\n"
	       "by SIGINT/SIGTERM/SIGHUP.\n"
	       "Rule syntax: %s --list-rules, and rules/README.md.\n", prog);
}

static void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", prog);
	exit(EXIT_USAGE);
}

/* The summary may not take the place of a field the output line carries
   (it would silently replace it): the clean text in --jsonl, and id, url,
   date, title or text in --warc. */
static void check_fields(const config *c)
{
	static const char *const warc_fields[] = { "id", "url", "date", "title", "text" };
	const char *sum = c->jo.summary_field ? c->jo.summary_field : "cleaner";
	const char *text = c->jo.out_field ? c->jo.out_field
	                   : c->jo.text_field ? c->jo.text_field : "text";
	if (c->jsonl && strcmp(text, sum) == 0)
		usage_error("--summary-field and --output-field are both '%s': the summary would "
		            "replace the clean text", sum);
	for (size_t i = 0; c->warc && i < sizeof warc_fields / sizeof *warc_fields; i++)
		if (strcmp(sum, warc_fields[i]) == 0)
			usage_error("--summary-field=%s: --warc writes that field already", sum);
}

/* The library reads a label iconv does not know as UTF-8 (a page's own
   label may be anything); one the user typed is refused instead. */
static void check_charset(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		usage_error("--charset=%s: not a charset iconv knows (iconv -l lists them)", name);
	iconv_close(cd);
}

/* Append a repeatable option's value. */
static void push(const char ***list, size_t *n, const char *value)
{
	const char **l = realloc(*list, (*n + 1) * sizeof *l);
	if (!l)
		abort();
	l[(*n)++] = value;
	*list = l;
}

/* A byte count: digits and an optional K, M or G (powers of 1024). */
static int parse_size(const char *s, size_t *out)
{
	if (*s < '0' || *s > '9') /* no sign, no space: strtoull would take "-1" */
		return -1;
	char *end;
	errno = 0;
	unsigned long long n = strtoull(s, &end, 10);
	int shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20
	          : *end == 'G' || *end == 'g' ? 30 : 0;
	if (shift)
		end++;
	if (errno || *end || n == 0 || n > (SIZE_MAX >> shift))
		return -1;
	*out = (size_t)n << shift;
	return 0;
}

/* The index of arg among names (NULL-ended), or a usage error naming them. */
static int pick(const char *opt, const char *arg, const char *const *names)
{
	char list[128] = "";
	for (int i = 0; names[i]; i++) {
		if (strcmp(arg, names[i]) == 0)
			return i;
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
		         i == 0 ? "" : names[i + 1] ? ", " : " or ", names[i]);
	}
	char msg[256];
	snprintf(msg, sizeof msg, "%s must be %s, not '%%s'", opt, list);
	usage_error(msg, arg);
	return 0;
}

/* How each document is cleaned, as the options say. */
static cln_clean_options clean_options(const config *c)
{
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.match_limit = c->match_limit;
	o.format = c->format;
	o.charset = c->charset;
	o.html_piece = c->html_piece;
	o.url = c->url;
	o.page_type = c->page_type;
	o.wrap_width = c->wrap_width;
	o.keep_parts = c->keep_list;
	o.explain = c->explain ? &c->eo : NULL;
	/* Markdown costs time and memory: made only when it is written */
	o.markdown = c->output_format != CLN_OUTPUT_MARKDOWN ? 0
	             : CLN_MARKDOWN | (c->links ? CLN_MARKDOWN_LINKS : 0) |
	               (c->images ? CLN_MARKDOWN_IMAGES : 0);
	return o;
}

/* A whole number from lo to hi, or a usage error (fmt takes the argument). */
static unsigned long number(const char *arg, unsigned long lo, unsigned long hi, const char *fmt)
{
	char *end = NULL;
	errno = 0;
	unsigned long n = arg[0] >= '0' && arg[0] <= '9' ? strtoul(arg, &end, 10) : 0;
	if (!end || *end || errno || n < lo || n > hi)
		usage_error(fmt, arg);
	return n;
}

/* getopt_long's tables from cli_options: sopts starts with ':' so that a
   missing argument is told from a bad option. */
static void getopt_tables(struct option *lopts, char *sopts)
{
	size_t ns = 0;
	sopts[ns++] = ':';
	for (size_t i = 0; i < NOPTS; i++) {
		lopts[i] = (struct option){ cli_options[i].name, cli_options[i].has_arg, NULL,
		                            cli_options[i].val };
		if (cli_options[i].val < 256) {
			sopts[ns++] = (char)cli_options[i].val;
			if (cli_options[i].has_arg == required_argument)
				sopts[ns++] = ':';
		}
	}
	lopts[NOPTS] = (struct option){ 0, 0, 0, 0 };
	sopts[ns] = '\0';
}

/* The options that print something and exit. */
static void list_and_exit(int ch, const char *arg)
{
	if (ch == OPT_LIST_RULES) {
		if (arg && strcmp(arg, "text") && strcmp(arg, "markdown"))
			usage_error("--list-rules takes text or markdown, not '%s'", arg);
		char *s = cln_rules_reference(arg && strcmp(arg, "markdown") == 0);
		fputs(s, stdout);
		cln_free(s);
	} else if (ch == OPT_SHOW_DEFAULTS) {
		for (size_t i = 0; cln_default_rules_name(i); i++)
			printf("%s==> %s <==\n%s", i ? "\n" : "", cln_default_rules_name(i),
			       cln_default_rules_text(i));
	} else if (ch == 'h') {
		help();
	} else {
		printf("cleaner %s\n", cln_version());
	}
	exit(EXIT_OK);
}

/* How the inputs are read: their format, URL, charset, containers and
   fields, which files, how big. False: not one of these options. */
static bool input_option(config *c, int ch, const char *arg)
{
	switch (ch) {
	case OPT_FORMAT: {
		static const char *const f[] = { "auto", "html", "text", NULL };
		static const cln_format v[] = { CLN_FORMAT_AUTO, CLN_FORMAT_HTML, CLN_FORMAT_TEXT };
		c->format = v[pick("--format", arg, f)];
		return true;
	}
	case OPT_URL: c->url = arg; return true;
	case OPT_WRAP:
		c->wrap_width = strcmp(arg, "auto") == 0 ? 0 : strcmp(arg, "off") == 0 ? -1
		                : (int)number(arg, CLN_WRAP_MIN, CLN_WRAP_MAX,
		                              "--wrap must be auto, off or a width from 10 to 1000, not '%s'");
		return true;
	case OPT_PAGE_TYPE: {
		static const char *const t[] = { "article", "forum", "product", "collection", "listing",
			                         "documentation", "service", NULL };
		c->page_type = t[pick("--page-type", arg, t)];
		return true;
	}
	case OPT_CHARSET:
		check_charset(arg);
		c->charset = arg;
		return true;
	case OPT_JSONL: c->jsonl = 1; return true;
	case OPT_WARC: c->warc = 1; return true;
	case OPT_HTML_FIELD: c->jo.html_field = arg; return true;
	case OPT_TEXT_FIELD: c->jo.text_field = arg; return true;
	case OPT_OUTPUT_FIELD: c->jo.out_field = arg; return true;
	case OPT_SUMMARY_FIELD: c->jo.summary_field = arg; return true;
	case OPT_FULL_REPORT: c->jo.full_report = 1; return true;
	case 'R': c->recursive = 1; return true;
	case OPT_SKIP_EXISTING: c->skip_existing = 1; return true;
	case OPT_MAX_BYTES:
		if (parse_size(arg, &c->max_bytes) < 0)
			usage_error("--max-bytes needs a positive number of bytes, with K, M or G "
			            "after it for KiB, MiB, GiB (as 512K, 1M, 2G), not '%s'", arg);
		return true;
	case OPT_HTML_PIECE:
		if (strcmp(arg, "whole") == 0)
			c->html_piece = SIZE_MAX;
		else if (parse_size(arg, &c->html_piece) < 0)
			usage_error("--html-piece needs a positive number of bytes, with K, M or G "
			            "after it, or 'whole', not '%s'", arg);
		return true;
	case OPT_MATCH_LIMIT:
		c->match_limit = number(arg, 1, 4294967295UL,
		                        "--match-limit needs a number from 1 to 4294967295, not '%s'");
		return true;
	case OPT_SITE_REPEATS:
		c->repeats_pages = arg ? number(arg, 2, 1000000, "--site-repeats needs a number of "
		                                "pages from 2 to 1000000, not '%s'") : 5;
		return true;
	case OPT_REPEATS_SHARE:
		c->repeats_share = (unsigned)number(arg, 0, 100, "--site-repeats-share needs a "
		                                    "percentage from 0 to 100, not '%s'");
		return true;
	case OPT_REPEATS_MEMORY:
		if (parse_size(arg, &c->repeats_memory) < 0 || c->repeats_memory < 1024)
			usage_error("--site-repeats-memory needs a number of bytes from 1K, with K, M "
			            "or G after it, not '%s'", arg);
		return true;
	default:
		return false;
	}
}

/* What is written and where: outputs, reports, explanations, checks. */
static void output_option(config *c, int ch, const char *arg, const char *name)
{
	switch (ch) {
	case 'o':
		if (!*arg)
			usage_error("%s", "-o needs a file or folder name, not ''");
		c->output = arg;
		break;
	case 'r': push(&c->rules, &c->nrules, arg); break;
	case OPT_INCLUDE: push(&c->include, &c->ninclude, arg); break;
	case OPT_KEEP_PART: push(&c->keep_parts, &c->nkeep_parts, arg); break;
	case OPT_EXCLUDE: push(&c->exclude, &c->nexclude, arg); break;
	case OPT_NO_DEFAULTS: c->no_defaults = 1; break;
	case OPT_REPORT:
		if (arg && !*arg)
			usage_error("%s", "--report=FILE needs a file name ('-' for standard output)");
		/* a format's name is a format meant, not a file to write (or write over) */
		if (arg && (!strcmp(arg, "text") || !strcmp(arg, "json") || !strcmp(arg, "html"))) {
			char why[160];
			snprintf(why, sizeof why, "--report=%s would write the report to a file named %s: "
			         "for the format say --report-format=%s, for that file --report=./%s",
			         arg, arg, arg, arg);
			usage_error("%s", why);
		}
		c->report = 1;
		c->report_file = arg;
		break;
	case OPT_REPORT_FORMAT: {
		static const char *const f[] = { "text", "json", "html", NULL };
		static const cln_report_format v[] = { CLN_REPORT_TEXT, CLN_REPORT_JSON, CLN_REPORT_HTML };
		c->report_format = v[pick("--report-format", arg, f)];
		break;
	}
	case OPT_CHECK: c->check = 1; break;
	case OPT_PAGES: c->pages = arg; break;
	case OPT_JSON: c->json = 1; break;
	case OPT_EXPLAIN: {
		static const char *const f[] = { "text", "json", NULL };
		c->explain = arg ? 1 + pick("--explain", arg, f) : 1;
		break;
	}
	case OPT_EXPLAIN_LINE:
		c->eo.line = (unsigned)number(arg, 1, UINT32_MAX,
		                              "--explain-line needs a line number from 1, not '%s'");
		break;
	case OPT_EXPLAIN_PATH: c->eo.selector = arg; break;
	case OPT_LINKS: c->links = 1; break;
	case OPT_IMAGES: c->images = 1; break;
	case OPT_STATS: c->stats = arg; break;
	case 'j':
		c->jobs = (unsigned)number(arg, 1, 256, "--jobs needs a number from 1 to 256, not '%s'");
		break;
	case OPT_OUTPUT_FORMAT: {
		static const char *const f[] = { "text", "markdown", "json", NULL };
		static const cln_output_format v[] = { CLN_OUTPUT_TEXT, CLN_OUTPUT_MARKDOWN,
		                                       CLN_OUTPUT_JSON };
		c->output_format = v[pick("--output-format", arg, f)];
		break;
	}
	case 'q': c->quiet = 1; break;
	case ':': usage_error("option '%s' needs an argument", name); break;
	default: usage_error("unknown option '%s'", name); break;
	}
}

/* Options that only go with others. */
static void check_combinations(config *c)
{
	if ((c->jsonl || c->warc) && c->output_format == CLN_OUTPUT_JSON)
		usage_error("--output-format=%s does not apply to --jsonl or --warc: each output "
		            "line is a JSON object already", "json");
	if ((c->links || c->images) && c->output_format != CLN_OUTPUT_MARKDOWN)
		usage_error("%s goes with --output-format=markdown", c->links ? "--links" : "--images");
	if ((c->eo.line || c->eo.selector) && !c->explain)
		c->explain = 1; /* choosing blocks to explain asks for explain */
	if (c->explain && (c->jsonl || c->warc))
		usage_error("--explain explains single documents, not %s", c->jsonl ? "--jsonl" : "--warc");
	check_fields(c);
	if ((c->repeats_share != 10 || c->repeats_memory != (size_t)64 << 20) && !c->repeats_pages)
		usage_error("%s", "--site-repeats-share and --site-repeats-memory go with --site-repeats");
	if ((c->pages || c->json) && !c->check)
		usage_error("%s", "--pages and --json go with --check");
}

static int parse_args(config *c, int argc, char **argv)
{
	struct option lopts[NOPTS + 1];
	char sopts[2 * NOPTS + 3];
	getopt_tables(lopts, sopts);
	opterr = 0;
	int ch;
	while ((ch = getopt_long(argc, argv, sopts, lopts, NULL)) != -1) {
		if (ch == OPT_LIST_RULES || ch == OPT_SHOW_DEFAULTS || ch == 'h' || ch == 'V')
			list_and_exit(ch, optarg);
		else if (!input_option(c, ch, optarg))
			output_option(c, ch, optarg, argv[optind - 1]);
	}
	check_combinations(c);
	c->inputs = (const char **)argv + optind;
	c->ninputs = (size_t)(argc - optind);
	return 0;
}

/* Do two paths name one regular file (or one that does not exist yet)?
   Devices such as /dev/null may take any number of writers. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
		return 0;
	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return strcmp(a, b) == 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && S_ISREG(sa.st_mode);
}

/* Refuse an output path that names one of the inputs (the same file). */
static void check_not_input(const config *c, const char *path, const char *what)
{
	if (!path || strcmp(path, "-") == 0)
		return;
	struct stat si, so;
	for (size_t i = 0; i < c->ninputs; i++) {
		/* standard input redirected from the file: cleaner -o a.txt < a.txt */
		bool std_in = strcmp(c->inputs[i], "-") == 0 && fstat(STDIN_FILENO, &si) == 0 &&
		              S_ISREG(si.st_mode) && stat(path, &so) == 0 &&
		              si.st_dev == so.st_dev && si.st_ino == so.st_ino;
		if (std_in || (strcmp(c->inputs[i], "-") && same_file(c->inputs[i], path))) {
			progress_say(NULL, 0, "refusing to write the %s to input file %s%s", what, path,
			             std_in ? " (standard input)" : "");
			exit(EXIT_USAGE);
		}
	}
}

/* 0, or -1 when the report could not be made (out of memory). */
static int write_report(FILE *f, const config *c, const char *name, const cln_result *res)
{
	char *rep;
	size_t len;
	if (cln_result_report(&rep, &len, res, c->report_format, NULL) < 0)
		return -1;
	if (c->report_format == CLN_REPORT_JSON) {
		json_t *js = json_string(name);
		if (!js) { /* not UTF-8: show the odd bytes as '?' */
			char *safe = strdup(name);
			for (char *p = safe; p && *p; p++)
				if ((unsigned char)*p >= 0x80)
					*p = '?';
			js = safe ? json_string(safe) : NULL;
			free(safe);
		}
		char *q = js ? json_dumps(js, JSON_ENCODE_ANY) : NULL;
		fprintf(f, "{\"input\":%s,%s\n", q ? q : "\"\"", rep + 1);
		free(q);
		json_decref(js);
	} else {
		if (c->ninputs > 1 && c->report_format == CLN_REPORT_TEXT)
			fprintf(f, "== %s ==\n", name);
		fwrite(rep, 1, len, f);
	}
	cln_free(rep);
	return 0;
}

/* Say why a document failed (not if a signal stopped its reading). */
static int failed(progress *p, const char *name, const char *why)
{
	char msg[1600];
	snprintf(msg, sizeof msg, "%s%s%s", name ? name : "", name ? ": " : "", why);
	progress_done(p, cli_stopped() ? NULL : msg);
	return EXIT_INPUT;
}

static int clean_one(const config *c, const cln_rules *rules, const char *path,
                     FILE *out, FILE *rep, progress *p)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	char *data = NULL, msg[1200];
	size_t len = 0;
	if (cli_read_file(path, c->max_bytes, &data, &len, msg, sizeof msg) < 0)
		return failed(p, NULL, msg);
	cln_clean_options opts = clean_options(c);
	cln_result *res;
	cln_error err;
	int rc = cln_clean(&res, rules, data, len, &opts, &err);
	free(data); /* the result holds copies of what it needs */
	if (rc < 0)
		return failed(p, name, err.message);
	/* --explain says why, in the clean text's place */
	char *text = NULL;
	size_t tl;
	rc = c->explain ? cli_explain_write(out, res, c->explain == 2, c->ninputs > 1 ? name : NULL)
	                : cln_result_render(&text, &tl, res, c->output_format, &err);
	if (rc < 0) {
		cln_result_free(res);
		return failed(p, name, c->explain ? "out of memory writing the explanation" : err.message);
	}
	if (text) {
		fwrite(text, 1, tl, out);
		if (c->output_format == CLN_OUTPUT_JSON)
			fputc('\n', out);
		cln_free(text);
	}
	if (!c->quiet)
		for (size_t i = 0; i < cln_result_warning_count(res); i++) {
			snprintf(msg, sizeof msg, "%s: warning: %s", name, cln_result_warning(res, i));
			cli_say(msg);
		}
	if (rep && write_report(rep, c, name, res) < 0) {
		cln_result_free(res);
		return failed(p, name, "out of memory writing the report");
	}
	cln_result_free(res);
	progress_done(p, NULL);
	return EXIT_OK;
}

/* -j N, or as many threads as cores. */
static unsigned jobs_or_cores(unsigned jobs)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return jobs ? jobs : cores > 0 ? (unsigned)cores : 1;
}

/* The end of a run with -o FILE or --report=FILE: a file is written only if
   the run was whole (keep), else the one it would replace stays as it was.
   Interrupted: 128 + the signal. */
static int run_end(int status, bool keep, cli_stream *out, cli_stream *rep)
{
	int sig = cli_stopped();
	keep = keep && !sig;
	if (!keep && out->file)
		progress_say(NULL, 0, "%s was not written (%s)", out->name,
		             sig ? "interrupted" : "no input could be cleaned");
	if (cli_stream_close(out, keep) < 0)
		status = EXIT_INPUT;
	if (rep && cli_stream_close(rep, keep) < 0)
		status = EXIT_INPUT;
	return sig ? 128 + sig : status;
}

static int run_jsonl(config *c, const cln_rules *rules, FILE *out)
{
	jsonl_options *o = &c->jo;
	if (!o->html_field)
		o->html_field = "html";
	if (!o->text_field)
		o->text_field = "text";
	if (!o->out_field)
		o->out_field = o->text_field;
	if (!o->summary_field)
		o->summary_field = "cleaner";
	o->output_format = c->output_format;
	o->clean = clean_options(c);
	page_sink sink;
	if (c->repeats) {
		repeats_sink(c->repeats, &sink);
		o->sink = &sink;
		repeats_use(c->repeats, &o->clean);
	}
	o->prog = progress_new(c->quiet, 0);
	progress_stats_to(o->prog, c->stats);
	size_t failed = 0;
	int rc = jsonl_run_all(o, c->inputs, c->ninputs, c->max_bytes, jobs_or_cores(c->jobs), rules,
	                       out, &failed);
	char note[400] = "";
	if (o->sink)
		o->sink->note(o->sink->ud, note, sizeof note);
	progress_finish(o->prog, note);
	if (rc < 0) {
		fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
		return EXIT_INPUT;
	}
	return failed ? EXIT_INPUT : EXIT_OK;
}

/* Inputs named that cannot be cleaned as they are (missing, a folder) are
   said now and dropped from the list: how many. */
static size_t drop_unreadable(config *c)
{
	size_t kept = 0, bad = 0;
	for (size_t i = 0; i < c->ninputs; i++) {
		const char *p = c->inputs[i];
		struct stat st;
		if (strcmp(p, "-") != 0 && stat(p, &st) != 0) {
			progress_say(NULL, 0, "%s: %s", p, strerror(errno));
			bad++;
		} else if (strcmp(p, "-") != 0 && S_ISDIR(st.st_mode)) {
			progress_say(NULL, 0, "%s: is a folder (-R -o FOLDER cleans the files in it)", p);
			bad++;
		} else {
			c->inputs[kept++] = p;
		}
	}
	c->ninputs = kept;
	return bad;
}

static int run_warc(const config *c, const cln_rules *rules, FILE *out)
{
	warc_options wo = {
		.inputs = c->inputs, .ninputs = c->ninputs, .jobs = jobs_or_cores(c->jobs),
		.clean = clean_options(c), .max_bytes = c->max_bytes,
		.summary_field = c->jo.summary_field ? c->jo.summary_field : "cleaner",
		.full_report = c->jo.full_report, .quiet = c->quiet,
		.output_format = c->output_format, .stats = c->stats,
	};
	page_sink sink;
	if (c->repeats) {
		repeats_sink(c->repeats, &sink);
		wo.sink = &sink;
		repeats_use(c->repeats, &wo.clean);
	}
	return warc_run_all(&wo, rules, out);
}

/* Each document in turn to one output (standard output or -o FILE); *ok:
   how many were cleaned. */
static int run_plain(const config *c, const cln_rules *rules, FILE *out, FILE *rep, size_t *ok)
{
	int status = EXIT_OK;
	progress *p = progress_new(1, c->ninputs); /* counts, and says an interruption */
	for (size_t i = 0; i < c->ninputs && !cli_stopped(); i++) {
		if (clean_one(c, rules, c->inputs[i], out, rep, p) != EXIT_OK)
			status = EXIT_INPUT;
		else
			(*ok)++;
	}
	progress_finish(p, NULL);
	return status;
}

/* Everything to one output: plain documents, --jsonl or --warc. An output
   file replaces the one there only if something was cleaned (a stream:
   an input could be read) and the run was not interrupted. */
static int run_single(config *c, const cln_rules *rules)
{
	size_t bad = drop_unreadable(c), ok = 0;
	cli_stream out, rep = { 0 };
	/* caught before the first temporary file is made, so that a stop at any
	   moment takes it away (a report's FIFO may block the open in between) */
	cli_catch_signals();
	if (cli_stream_open(&out, c->output, stdout) < 0)
		return run_end(EXIT_INPUT, false, &out, NULL);
	if (c->report && cli_stream_open(&rep, c->report_file, stderr) < 0)
		return run_end(EXIT_INPUT, false, &out, NULL);
	int status = EXIT_OK;
	if (c->warc)
		status = run_warc(c, rules, out.f);
	else if (c->jsonl)
		status = run_jsonl(c, rules, out.f);
	else
		status = run_plain(c, rules, out.f, c->report ? rep.f : NULL, &ok);
	bool keep = c->ninputs > 0 && (ok > 0 || c->warc || c->jsonl);
	return run_end(bad ? EXIT_INPUT : status, keep, &out, c->report ? &rep : NULL);
}

static int run_batch(const config *c, const cln_rules *rules)
{
	batch_options bo = {
		.outdir = c->output, .inputs = c->inputs, .ninputs = c->ninputs,
		.recursive = c->recursive, .skip_existing = c->skip_existing,
		.jobs = jobs_or_cores(c->jobs), .clean = clean_options(c),
		.output_format = c->output_format,
		.include = c->include, .ninclude = c->ninclude,
		.exclude = c->exclude, .nexclude = c->nexclude,
		.report = c->report, .report_file = c->report_file,
		.report_format = c->report_format, .max_bytes = c->max_bytes, .quiet = c->quiet,
		.stats = c->stats,
	};
	page_sink sink;
	if (c->repeats) {
		repeats_sink(c->repeats, &sink);
		bo.sink = &sink;
		repeats_use(c->repeats, &bo.clean);
	}
	return batch_run(&bo, rules);
}

/* --keep-part's names, each a part some loaded rule drops (a misspelt
   name would keep nothing, silently), joined for cln_clean_options. */
static int keep_parts(config *c, const cln_rules *rules)
{
	size_t n = 1;
	for (size_t i = 0; i < c->nkeep_parts; i++) {
		if (!cln_rules_has_part(rules, c->keep_parts[i])) {
			fprintf(stderr, "%s: --keep-part=%s: no rule drops a part of that name (rules "
			        "name the parts they drop with part=NAME)\n", prog, c->keep_parts[i]);
			return -1;
		}
		n += strlen(c->keep_parts[i]) + 1;
	}
	if (c->nkeep_parts && !(c->keep_list = calloc(1, n)))
		abort();
	for (size_t i = 0; i < c->nkeep_parts; i++)
		strcat(strcat(c->keep_list, i ? " " : ""), c->keep_parts[i]);
	return 0;
}

/* The checks that need no rules: exit 2 if the options contradict. */
static void check_config(config *c, bool batch_mode)
{
	static const char *stdin_only[] = { "-" };
	if (c->recursive && !batch_mode)
		usage_error("%s", "-R needs -o FOLDER to write to");
	if ((c->ninclude || c->nexclude) && !c->recursive)
		usage_error("%s", "--include and --exclude choose files in folders: they need -R");
	if (batch_mode && c->ninputs == 0)
		usage_error("%s", "-o FOLDER needs files or folders to clean");
	if (batch_mode && c->explain)
		usage_error("%s", "--explain writes one explanation, not a folder: drop -o FOLDER");
	if (c->stats && !batch_mode && !c->jsonl && !c->warc)
		usage_error("%s", "--stats sums a stream or a folder run: it needs --jsonl, --warc or -o FOLDER");
	if (c->repeats_pages && !batch_mode && !c->jsonl && !c->warc)
		usage_error("%s", "--site-repeats learns from many pages: use it with --jsonl, --warc "
		                  "or -o FOLDER");
	for (size_t i = 0; c->repeats_pages && i < c->ninputs; i++)
		if (strcmp(c->inputs[i], "-") == 0)
			usage_error("%s", "--site-repeats reads its inputs twice: name files, not "
			                  "standard input");
	if (c->repeats_pages && c->ninputs == 0)
		usage_error("%s", "--site-repeats reads its inputs twice: name files, not standard "
		                  "input");
	if (c->ninputs == 0) {
		c->inputs = stdin_only;
		c->ninputs = 1;
	}
	/* an HTML report is a page per document, written to a file */
	if (c->report && c->report_format == CLN_REPORT_HTML && !c->jsonl && !c->warc &&
	    (batch_mode ? c->report_file != NULL : !c->report_file || c->ninputs > 1))
		usage_error("%s", batch_mode ? "--report-format=html writes a page beside each output: "
		                               "--report takes no FILE with -o FOLDER"
		                             : "--report-format=html needs one input and --report=FILE "
		                               "(or -o FOLDER: a page beside each output)");
	if (!batch_mode)
		check_not_input(c, c->output, "clean text");
	check_not_input(c, c->report_file, "report");
	check_not_input(c, c->stats, "--stats file");
	if (c->output && c->report_file && same_file(c->output, c->report_file)) {
		progress_say(NULL, 0, "the clean text and the report cannot both go to %s", c->output);
		exit(EXIT_USAGE);
	}
}

int main(int argc, char **argv)
{
	/* past `ulimit -f` a write fails with EFBIG, said like a full disk,
	   instead of killing the process with its temporary files left */
	signal(SIGXFSZ, SIG_IGN);
#if defined HAVE_MALLOC_H && defined HAVE_MALLOPT
	/* glibc raises its mmap threshold to the size of each big block freed,
	   up to 32 MiB: a document's big buffers then stay in the heap for the
	   next one, and a 10 MB JSONL line peaked at 6.8x its size (5.8x with
	   the threshold fixed). Big buffers are few: their mmap costs little. */
	mallopt(M_MMAP_THRESHOLD, 256 << 10);
	/* Fixing it also fixes the trim threshold at 128 KiB: the heap then
	   shrinks after every small document and grows again for the next one,
	   each new page a fault (13 a document, a fifth of text mode's time on
	   the dumps). Free heap up to 32 MiB stays for the next document. */
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
	if (argc > 1 && strcmp(argv[1], "test") == 0)
		return cli_test_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "learn") == 0)
		return cli_learn_main(argc - 1, argv + 1);
	/* `cleaner explain [OPTION]... FILE` is `cleaner --explain ...` */
	static char explain_opt[] = "--explain";
	if (argc > 1 && strcmp(argv[1], "explain") == 0)
		argv[1] = explain_opt;
	config c = { .report_format = CLN_REPORT_TEXT, .max_bytes = CLI_DEFAULT_MAX_BYTES,
	             .repeats_share = 10, .repeats_memory = (size_t)64 << 20 };
	parse_args(&c, argc, argv);
	struct stat ost;
	bool batch_mode = c.output && !c.jsonl && !c.warc &&
	                  (c.recursive || c.skip_existing || c.output[strlen(c.output) - 1] == '/' ||
	                   (stat(c.output, &ost) == 0 && S_ISDIR(ost.st_mode)));
	if (c.check) {
		check_options co = { c.rules, c.nrules, c.no_defaults, c.pages, c.json };
		int st = cli_check(&co);
		free(c.rules);
		free(c.include);
		free(c.exclude);
		return st;
	}
	check_config(&c, batch_mode);

	size_t nerr = 0;
	cln_rules_options ro = cli_rules_options(c.rules, c.nrules, c.no_defaults, &nerr);
	if (c.repeats_pages) {
		ro.text = REPEATS_RULE;
		ro.text_name = "--site-repeats";
		if (!(c.repeats = repeats_new(c.repeats_pages, c.repeats_share, c.repeats_memory))) {
			fprintf(stderr, "%s: --site-repeats: %s\n", prog, strerror(ENOMEM));
			return EXIT_INPUT;
		}
	}
	cln_rules *rules = NULL;
	int status = EXIT_OK;
	if (cln_rules_new(&rules, &ro, NULL) < 0) {
		fprintf(stderr, "%s: %zu error%s in rule files; nothing was cleaned\n", prog, nerr,
		        nerr == 1 ? "" : "s");
		status = EXIT_USAGE;
	} else if ((c.eo.selector && cli_explain_check(rules, &c.eo) < 0) ||
	           keep_parts(&c, rules) < 0) {
		status = EXIT_USAGE;
	} else {
		status = batch_mode ? run_batch(&c, rules) : run_single(&c, rules);
	}
	cln_rules_free(rules);
	repeats_free(c.repeats);
	free(c.rules);
	free(c.include);
	free(c.exclude);
	free(c.keep_parts);
	free(c.keep_list);
	return status;
}
