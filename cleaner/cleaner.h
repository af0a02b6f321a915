/*
 * cleaner.h - the public API of libcleaner.
 *
 * libcleaner strips boilerplate (navigation, carousels, credits, footers...)
 * from scraped pages with rules read from rule files, and reports every
 * removal: which rule, where, and the bytes it removed.
 *
 * Use:
 *   1. Compile rules once:   cln_rules_new(&rules, &opts, &err)
 *   2. Clean many documents: cln_clean(&res, rules, buf, len, NULL, &err)
 *      (any number of threads may share one cln_rules)
 *   3. Read the result:      cln_result_text(), cln_result_removal(), ...
 *   4. Free:                 cln_result_free(res); cln_rules_free(rules)
 *
 * Conventions (after libgit2 and PCRE2):
 *   - functions return 0 on success and a negative CLN_E* code on error;
 *     details go into a caller-owned cln_error when one is passed;
 *   - out-parameters come first and are named `out`;
 *   - every _new has a _free, and _free(NULL) does nothing;
 *   - there is no global or thread-local state;
 *   - inputs are (pointer, length): the library reads no byte past the
 *     length and needs no NUL terminator; a NULL pointer with length 0 is
 *     empty; a NULL `out` is CLN_EINVAL;
 *   - the cln_result_* accessors take a NULL result as an empty one.
 *
 * Units: byte offsets and lengths count bytes of the input; line and column
 * numbers are 1-based and columns count bytes; rule parameters that limit a
 * length (maxlen, minlen...) count characters (UTF-8 code points).
 */
#ifndef CLEANER_H
#define CLEANER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version ---------------------------------------------------------- */

/* The library version, "MAJOR.MINOR.PATCH"; a static string. */
const char *cln_version(void);

/* ---- errors ----------------------------------------------------------- */

enum {
	CLN_OK = 0,
	CLN_ENOMEM = -1,   /* out of memory */
	CLN_EIO = -2,      /* a file could not be read or written */
	CLN_ESYNTAX = -3,  /* malformed rule file */
	CLN_EREGEX = -4,   /* a pattern does not compile */
	CLN_EDUPID = -5,   /* two rules share an id */
	CLN_EINCLUDE = -6, /* include loop, too deep, or missing file */
	CLN_EINVAL = -7,   /* bad argument to an API function */
	CLN_ELIMIT = -8,   /* a pattern hit the PCRE2 match limit */
	CLN_ETOOBIG = -9   /* a document over CLN_MAX_DOCUMENT bytes */
};

/*
 * What went wrong and where. Owned by the caller, filled by the library.
 * `file`, `line`, `column` and `offset` locate the error in a rule file
 * (empty / 0 when the error has no position). `source_line` holds the text
 * of that line (cut at 255 bytes) so a caret can be drawn under `column`.
 */
typedef struct cln_error {
	int code;              /* CLN_E* */
	char message[256];     /* one line, no trailing newline */
	char file[1024];       /* rule file name as given, or "" */
	unsigned line;         /* 1-based, 0 if unknown */
	unsigned column;       /* 1-based byte column, 0 if unknown */
	size_t offset;         /* byte offset in the file */
	char source_line[256]; /* the offending line, or "" */
} cln_error;

/* A static English description of a CLN_E* code. */
const char *cln_strerror(int code);

/*
 * Write "file:line:col: error: message" (the parts that are known) into
 * buf, NUL-terminated and cut to bufsize. Returns the length it needed.
 */
size_t cln_error_format(const cln_error *err, char *buf, size_t bufsize);

/* Called once per error while rule files load; see cln_rules_options. */
typedef void (*cln_error_cb)(const cln_error *err, void *userdata);

/* ---- rules ------------------------------------------------------------ */

/* A compiled, immutable rule set. Safe to share between threads. */
typedef struct cln_rules cln_rules;

#define CLN_RULES_OPTIONS_VERSION 1

/*
 * How to build a rule set. Start from CLN_RULES_OPTIONS_INIT and set what
 * you need. Rules apply in load order: the built-in defaults first (unless
 * no_defaults), then `files` in order, then `text`.
 */
typedef struct cln_rules_options {
	unsigned version;          /* CLN_RULES_OPTIONS_VERSION */
	int no_defaults;           /* 0: load the built-in default rules first */
	const char *const *files;  /* rule files to load, in order; NULL when
	                              nfiles is 0 (a NULL entry: CLN_EINVAL) */
	size_t nfiles;
	const char *text;          /* rule text to load after the files, or NULL */
	size_t text_len;           /* its length in bytes; 0: text is a NUL-
	                              terminated string */
	const char *text_name;     /* name used in errors for `text`; "<rules>" */
	cln_error_cb on_error;     /* called for every error; may be NULL */
	void *userdata;            /* passed to on_error */
} cln_rules_options;

#define CLN_RULES_OPTIONS_INIT { CLN_RULES_OPTIONS_VERSION, 0, NULL, 0, NULL, 0, NULL, NULL, NULL }

/*
 * Load and compile rules. Every error of every file is passed to
 * opts->on_error; the first one is also copied into err. On error *out is
 * NULL and the return value is the first error's code. On success the caller
 * owns *out and frees it with cln_rules_free().
 */
int cln_rules_new(cln_rules **out, const cln_rules_options *opts, cln_error *err);

/* Free a rule set. Every result made with it must be freed first. */
void cln_rules_free(cln_rules *rules);

/* Number of rules in the set (keep rules included). */
size_t cln_rules_count(const cln_rules *rules);

/* 1 if a rule of the set drops the part `name` (part=NAME), else 0. */
int cln_rules_has_part(const cln_rules *rules, const char *name);

/*
 * The names of the built-in rule files (as installed under
 * $(datadir)/cleaner/rules) and their text, for --list-rules and for tools
 * that want to show or copy them. Returns NULL past the last index.
 */
const char *cln_default_rules_name(size_t i);
const char *cln_default_rules_text(size_t i);

/*
 * Write the reference of rule actions and their parameters, generated from
 * the same table the parser uses. markdown: 0 for plain text, 1 for the
 * Markdown table in rules/README.md. Returns a string the caller frees with
 * cln_free(), or NULL when out of memory.
 */
char *cln_rules_reference(int markdown);

/* ---- cleaning --------------------------------------------------------- */

/* The result of cleaning one document. Owns all of its strings. */
typedef struct cln_result cln_result;

/* What the input is. */
typedef enum cln_format {
	CLN_FORMAT_AUTO = 0, /* HTML if it starts like a page, else text */
	CLN_FORMAT_TEXT = 1, /* a page a scraper already flattened to text */
	CLN_FORMAT_HTML = 2  /* raw HTML, in any charset iconv knows */
} cln_format;

/* The largest document cln_clean takes, in bytes: 4 GiB - 1 (a block
   keeps its offsets in 32 bits, so that a line costs little memory). */
#define CLN_MAX_DOCUMENT 4294967295UL

#define CLN_CLEAN_OPTIONS_VERSION 7 /* version 1 ended before html_piece and url,
                                       version 2 before markdown, version 3
                                       before blocks and repeats, version 4
                                       before page_type, version 5 before
                                       wrap_width, version 6 before
                                       keep_parts */
#define CLN_HTML_PIECE ((size_t)256 << 10)

/*
 * How often a block recurs across the pages of a site, for the site-repeat
 * rule: called (from the thread of cln_clean) with the host of the
 * document's URL ("" if it has none) and the block's cln_fingerprint.
 * Return the number of pages of that host seen holding such a block when
 * the block should go (the report says "seen on N pages of HOST"), or 0 to
 * leave it.
 */
typedef size_t (*cln_repeats_fn)(void *userdata, const char *host,
                                 unsigned long long fingerprint);

typedef struct cln_clean_options {
	unsigned version;           /* CLN_CLEAN_OPTIONS_VERSION */
	unsigned long match_limit;  /* PCRE2 match limit per pattern call;
	                               0 means the default, 10,000,000; above
	                               2^32-1 (PCRE2's most) it is 2^32-1. Each
	                               rule's budget per document is 10 of
	                               these plus 16 per input byte: a rule
	                               that spends it stops (with a warning) */
	cln_format format;          /* default CLN_FORMAT_AUTO; another value
	                               is CLN_EINVAL */
	const char *charset;        /* HTML: decode with this charset whatever the
	                               page says; NULL (default): BOM, <meta>,
	                               valid UTF-8, else detection */
	size_t html_piece;          /* HTML: a page of more bytes than this
	                               (decoded) is parsed in pieces of about
	                               this size, each inside the elements open
	                               where it starts, so that the parser's
	                               memory grows with a piece, not the page.
	                               0: CLN_HTML_PIECE; SIZE_MAX: never */
	const char *url;            /* where the document comes from: rules
	                               scoped to sites (@site, site=, the
	                               built-in sites/HOST.rules) apply by its
	                               host and path; NULL: an HTML page's own
	                               canonical link or og:url, else none (only
	                               unscoped rules apply) */
	const struct cln_explain_options *explain; /* non-NULL: record why each
	                               block was kept or removed, for
	                               cln_result_explain; NULL (default):
	                               nothing is recorded, at no cost */
	unsigned markdown;          /* HTML: CLN_MARKDOWN, with CLN_MARKDOWN_LINKS
	                               and CLN_MARKDOWN_IMAGES or not, makes the
	                               Markdown CLN_OUTPUT_MARKDOWN renders (it
	                               needs the page's elements, gone after the
	                               clean). CLN_CLEAN_OPTIONS_INIT, NULL
	                               options and versions 1-2: CLN_MARKDOWN.
	                               0: none is made (a little faster), and
	                               rendering an HTML page's Markdown fails */
	int blocks;                 /* 1: keep each block's text, element path
	                               and fate for cln_result_block (memory:
	                               the page's text and paths again); 0
	                               (default): none are kept */
	cln_repeats_fn repeats;     /* a rule of action site-repeat drops each
	                               block this says was seen on many pages
	                               of the document's site; NULL (default):
	                               site-repeat drops nothing */
	void *repeats_userdata;     /* passed to repeats */
	const char *page_type;      /* "article", "forum", "product",
	                               "collection", "listing", "documentation"
	                               or "service": the document is read as that
	                               type whatever its signals say (a crawl of
	                               one site's product pages), the signal
	                               "forced" first among those found; NULL
	                               (default): the signals decide. Another
	                               name is CLN_EINVAL */
	int wrap_width;             /* flattened text hard-wrapped at a fixed
	                               width (lynx's and w3m's 80 columns), whose
	                               paragraphs' lines are then one block each:
	                               0 (default): the text says whether it is
	                               and at which width; -1: it is not (a
	                               block a line); 10 to 1000: it is, its
	                               lines filled up to that many columns.
	                               Another value is CLN_EINVAL */
	const char *keep_parts;     /* names of parts, separated by spaces or
	                               commas ("reviews comments"): what the
	                               rules that drop those parts (part=NAME)
	                               dropped is given back, where it stood,
	                               once every rule has run (the rules chose
	                               the rest without it); NULL (default):
	                               every part is dropped and kept apart
	                               (cln_removal.part) */
} cln_clean_options;

enum {
	CLN_MARKDOWN = 1,        /* headings, lists, tables, code, quotes, emphasis */
	CLN_MARKDOWN_LINKS = 2,  /* and links: [text](href), href made absolute
	                            against the document's URL (url, else the
	                            page's canonical URL) */
	CLN_MARKDOWN_IMAGES = 4  /* and images: ![alt](src) (not alt="") */
};

#define CLN_CLEAN_OPTIONS_INIT { CLN_CLEAN_OPTIONS_VERSION, 0, CLN_FORMAT_AUTO, NULL, 0, NULL, NULL, \
                                 CLN_MARKDOWN, 0, NULL, NULL, NULL, 0, NULL }
#define CLN_WRAP_MIN 10
#define CLN_WRAP_MAX 1000

/*
 * Clean `len` bytes of a page: flattened text or HTML (opts->format).
 * Text: any bytes are accepted (NUL, invalid UTF-8, CR LF) and kept lines
 * are copied to the output unchanged. HTML: the page is decoded to UTF-8
 * (bytes invalid in its charset become U+FFFD and are counted), parsed, and
 * its rendered text cut into blocks: paragraphs, headings, list items,
 * table cells, captions, preformatted sections.
 * `opts` may be NULL for defaults. The rule set must outlive the result;
 * the input need not (the result holds copies of what it reports).
 * On success the caller owns *out and frees it with cln_result_free().
 * A pattern that hits the match limit does not fail the call: it counts as
 * no match and is listed in the result's warnings.
 * A document over CLN_MAX_DOCUMENT bytes (an HTML page: also once decoded
 * to UTF-8) fails with CLN_ETOOBIG before anything is read or allocated;
 * so does a text of 2^31 non-blank lines (only 4 GiB - 1 bytes of "x"
 * lines hold that many).
 */
int cln_clean(cln_result **out, const cln_rules *rules, const char *input,
              size_t len, const cln_clean_options *opts, cln_error *err);

void cln_result_free(cln_result *res);

/* The clean text; valid until cln_result_free; *len (if len is not NULL)
   its length. It is NUL-terminated, but a text input may hold NUL bytes of
   its own: use *len. For HTML it is the body only, without the page's
   title (cln_result_meta(res, CLN_META_TITLE)); CLN_OUTPUT_TEXT of
   cln_result_render puts the title first. */
const char *cln_result_text(const cln_result *res, size_t *len);

/* One removed span of the input. */
typedef struct cln_removal {
	const char *rule_id;    /* id of the rule that removed it */
	const char *action;     /* the rule's action, e.g. "drop-after" */
	size_t byte_start;      /* [byte_start, byte_end) in the input */
	size_t byte_end;
	unsigned line_start;    /* 1-based, inclusive */
	unsigned line_end;
	size_t blocks;          /* number of blocks removed (text: lines, or
	                           a hard-wrapped text's paragraphs) */
	const char *text;       /* text: the removed bytes, exactly as in the
	                           input; HTML: the rendered text of the removed
	                           blocks (a replace: the input's bytes) */
	size_t text_len;
	const char *replacement; /* what replaced them, else NULL: see below */
	size_t replacement_len;
	const char *detail;     /* why, when the rule says more, e.g.
	                           "repeats line 4"; else NULL */
	const char *path;       /* HTML: DOM path of what was removed, e.g.
	                           "body>div#main>div.video-carousel"; else NULL */
	size_t text_at;         /* where it stood in the clean text (a byte of
	                           cln_result_text): a removal of blocks, the
	                           text's length after the kept text before it;
	                           an edit, where its replacement starts there */
	const char *part;       /* the part of the page it is, when its rule
	                           says so (part=NAME: "reviews", "comments"),
	                           not boilerplate; else NULL */
} cln_removal;

/*
 * Removals come in input order and never overlap: each ends at or before
 * the next one's byte_start, and bytes_removed in the totals is the sum of
 * their spans. A removal of whole blocks (blocks > 0) has no replacement.
 * One of 0 blocks is a replace rule's edit inside a kept block: the input's
 * [byte_start, byte_end) now reads `replacement`; for text input, the input
 * with every removal swapped for its replacement (or nothing) is the clean
 * text, except for which blank lines separate kept blocks. When a replace
 * rule rewrites text an earlier one wrote, the two are one removal, of the
 * later rule, whose replacement is the final text. HTML blocks hold
 * rendered text, not input bytes: there an edit spans its whole block and
 * the replacement is the block's text after every replace rule.
 */

/* Hits of one rule on this document (every rule is listed, hit or not). */
typedef struct cln_rule_stat {
	const char *rule_id;
	const char *action;
	size_t hits;    /* removals it made (keep: blocks it protected) */
	size_t blocks;  /* blocks it removed or protected */
	size_t bytes;   /* input bytes it removed */
} cln_rule_stat;

size_t cln_result_removal_count(const cln_result *res);
/* The i-th removal in input order; NULL if i is out of range. */
const cln_removal *cln_result_removal(const cln_result *res, size_t i);

size_t cln_result_rule_count(const cln_result *res);
/* The statistics of the i-th rule, in rule-set order; NULL if out of range. */
const cln_rule_stat *cln_result_rule_stat(const cln_result *res, size_t i);

/* The parts of the page rules dropped as parts of their own (part=NAME:
   customers' reviews, readers' comments), in the order each first stands:
   the i-th one's text (its removals' texts, a blank line between them;
   valid until cln_result_free), its name in *name and length in *len (if
   not NULL); NULL past the last. cln_clean_options.keep_parts keeps a
   part in the clean text instead. */
size_t cln_result_part_count(const cln_result *res);
const char *cln_result_part(const cln_result *res, size_t i, const char **name, size_t *len);

size_t cln_result_warning_count(const cln_result *res);
/* The i-th warning ("rule X: match limit hit at line N"), or NULL. */
const char *cln_result_warning(const cln_result *res, size_t i);

/* Totals of the document. */
typedef struct cln_totals {
	size_t bytes_in, bytes_out, bytes_removed;
	size_t lines, blocks, blocks_removed;
	size_t replaced_bytes; /* HTML: input bytes read as U+FFFD */
} cln_totals;

void cln_result_totals(const cln_result *res, cln_totals *out);

/* The host of the document's URL (cln_clean_options.url, else the page's
   canonical link or og:url) in lower case, without port or a final '.':
   the one site-scoped rules went by; "" when there is none. */
const char *cln_result_host(const cln_result *res);

/* One block of the document as the rules saw it (cln_clean_options.blocks). */
typedef struct cln_block {
	const char *text;     /* its text (HTML: rendered), NUL-terminated */
	size_t text_len;
	const char *path;     /* HTML: the elements from <body> down to the one
	                         holding it, as a selector of child steps, each
	                         its tag, id and class names, volatile parts
	                         left out (an id or class with a digit, a
	                         hash-like mixed-case name, the body's own):
	                         "body > div#page > aside.sidebar.widget > p".
	                         Text input: NULL */
	const char *rule_id;  /* the rule that removed it, NULL if it was kept */
	unsigned line;        /* 1-based line where it starts */
} cln_block;

size_t cln_result_block_count(const cln_result *res);
/* The i-th block in document order, NULL if out of range or the result was
   made without cln_clean_options.blocks. Valid until cln_result_free. */
const cln_block *cln_result_block(const cln_result *res, size_t i);

/*
 * A 64-bit fingerprint of a block's text that is the same for blocks that
 * differ only in letter case (ASCII), white space, numbers (every run of
 * digits is one number) and the names of months and weekdays (English,
 * whole or cut to three letters): "Updated 2 Dec 2026" and "updated 14
 * jan 2027" share one. Numbers are folded only in a text of words (two of
 * three letters or more, or a month or day name): a price, a part number
 * or "6.0" keeps its digits, they are what it says. Blank text gives 0.
 */
unsigned long long cln_fingerprint(const char *text, size_t len);

/* What the input was read as: CLN_FORMAT_TEXT or CLN_FORMAT_HTML. */
cln_format cln_result_format(const cln_result *res);

/* HTML: the charset the page was decoded from ("UTF-8", "WINDOWS-1252"...);
   "" for text. For HTML, byte offsets in removals count bytes of the page
   as decoded to UTF-8, which are the input's bytes when it was UTF-8. */
const char *cln_result_charset(const cln_result *res);

/* What an HTML page says about itself. */
typedef enum cln_meta {
	CLN_META_TITLE,    /* og:title, JSON-LD headline, <title> */
	CLN_META_AUTHOR,   /* meta author, article:author, JSON-LD author */
	CLN_META_DATE,     /* article:published_time, JSON-LD datePublished, <time> */
	CLN_META_URL,      /* <link rel=canonical>, og:url */
	CLN_META_LANGUAGE  /* <html lang>, content-language */
} cln_meta;

/* The value, or NULL when the page does not say (always NULL for text). */
const char *cln_result_meta(const cln_result *res, cln_meta what);

/*
 * What kind of page the document is, decided before the rules run (rules
 * may be scoped to page types): "article", "forum", "product",
 * "collection", "listing", "documentation" or "service"; "unknown" for a
 * text input with no signal and no paragraph (an HTML page without any
 * signal, or a text with a paragraph, reads as an article). A static string. Each type sums the weights of the signals
 * that vote for it: schema.org types in JSON-LD and microdata, og:type,
 * the generator, repeated posts, priced cards or dated cards, code,
 * sections, prose (on flattened text, the same counted on its lines:
 * prices, buy buttons, post heads, cards, code), the URL's path. The
 * highest sum wins, article on a tie.
 */
const char *cln_result_page_type(const cln_result *res);

/* One signal that voted for a page type. */
typedef struct cln_page_signal {
	const char *name;  /* e.g. "json-ld-product"; static */
	const char *type;  /* the page type it votes for; static */
	int weight;        /* what it adds to that type's sum */
} cln_page_signal;

size_t cln_result_page_signal_count(const cln_result *res);
/* The i-th signal that voted, in the order they were found; NULL if out of
   range. Valid until cln_result_free. */
const cln_page_signal *cln_result_page_signal(const cln_result *res, size_t i);

/* How to write the clean text. */
typedef enum cln_output_format {
	CLN_OUTPUT_TEXT = 0,     /* plain text: for HTML the title first, then
	                            paragraphs separated by blank lines and list
	                            items on their own lines; for text input the
	                            kept lines as they were */
	CLN_OUTPUT_MARKDOWN = 1, /* CommonMark with GFM pipe tables: headings,
	                            nested lists, tables, fenced code with its
	                            language, quotes, emphasis, inline code,
	                            optionally links and images, other text
	                            escaped; an HTML page cleaned with
	                            cln_clean_options.markdown 0 has none
	                            (CLN_EINVAL);
	                            a text input comes out as its clean text */
	CLN_OUTPUT_JSON = 2      /* {"title","author","date","url","language",
	                            "format","charset","page_type","text",
	                            "report"}: text is the body only;
	                            page_type is {"type","signals":[{"name",
	                            "type","weight"}]} */
} cln_output_format;

/*
 * Render the result. On success *out is a NUL-terminated string the caller
 * frees with cln_free(), and *len (if not NULL) its length.
 */
int cln_result_render(char **out, size_t *len, const cln_result *res,
                      cln_output_format format, cln_error *err);

/* ---- reports ---------------------------------------------------------- */

typedef enum cln_report_format {
	CLN_REPORT_TEXT = 0, /* for people: one line per removal, then totals */
	CLN_REPORT_JSON = 1, /* for programs: one JSON object, no final newline */
	CLN_REPORT_HTML = 2  /* for people, in a browser: one self-contained
	                        page (inline CSS, no script, nothing fetched)
	                        showing the document in order, the removed
	                        blocks struck through and coloured by rule, a
	                        legend of rules that filters the view, and the
	                        totals */
} cln_report_format;

/*
 * Render the report of a result. On success *out is a NUL-terminated string
 * the caller frees with cln_free(), and *len (if not NULL) its length.
 */
int cln_result_report(char **out, size_t *len, const cln_result *res,
                      cln_report_format format, cln_error *err);

/* ---- lint ------------------------------------------------------------- */

/*
 * Warnings about a valid rule set (errors stop cln_rules_new already:
 * syntax, duplicate ids, replacement groups the pattern lacks).
 */
typedef struct cln_lint cln_lint;

typedef struct cln_lint_warning {
	const char *kind;    /* "empty-match": a pattern matches ""; "never-fires":
	                        a keep or an earlier rule always takes its blocks
	                        first; "over-broad": it removed more than half of
	                        a page's text (cln_lint_page); "unseen-site": it
	                        is scoped to sites none of the pages came from
	                        (cln_lint_sites) */
	const char *rule_id;
	const char *file;    /* where the rule is defined, as loaded */
	unsigned line;       /* 1-based */
	unsigned column;     /* 1-based byte column of its pattern or selector,
	                        or of the rule's line */
	const char *message; /* one line, no trailing newline */
} cln_lint_warning;

/*
 * Lint a rule set: patterns (markers too) that match the empty string, and
 * drop rules that can never fire: a keep rule with the same pattern or
 * selector (and length limits that cover the drop's) protects every block
 * the drop would take, or a drop or drop-next with the same pattern, or a
 * drop with the same selector, that runs before it (phase by phase, in
 * load order) removes them first. The other rule must apply wherever the
 * drop does: to every site, or in the same @site section and site="...".
 * A rule pairs with a drop only when no replace rule runs between them
 * (it could change what the patterns see; keep rules run before all). On success the caller owns *out and
 * frees it with cln_lint_free().
 */
int cln_rules_lint(cln_lint **out, const cln_rules *rules, cln_error *err);

/*
 * Add an "over-broad" warning for each drop, drop-next, drop-after,
 * drop-before or replace rule (a pattern or selector rule) that removed
 * more than half of the text of `res`, a page cleaned with `rules` (its
 * text: the clean text plus the text of every removed block). `page`
 * names it in the message. 0, or CLN_ENOMEM, or CLN_EINVAL (also when
 * res was cleaned with another rule set).
 */
int cln_lint_page(cln_lint *lint, const cln_rules *rules, const cln_result *res,
                  const char *page);

/*
 * After cln_lint_page on each page: an "unseen-site" warning for each rule
 * of a rule file (not the built-in ones) scoped to sites (@site, site=)
 * that applied to none of the pages. 0, or CLN_ENOMEM or CLN_EINVAL.
 */
int cln_lint_sites(cln_lint *lint, const cln_rules *rules);

size_t cln_lint_count(const cln_lint *lint);
/* The i-th warning in rule-set order (page warnings after, in the order
   the pages came); NULL if out of range. Valid until cln_lint_free; its
   rule_id and file point into the rule set, which must outlive it. */
const cln_lint_warning *cln_lint_warning_at(const cln_lint *lint, size_t i);
void cln_lint_free(cln_lint *lint);

/* ---- explain ---------------------------------------------------------- */

/*
 * Which blocks cln_clean_options.explain records. Both zero / NULL: every
 * block; both set: the blocks both select.
 */
typedef struct cln_explain_options {
	unsigned line;        /* 1-based input line: the blocks on it or holding
	                         it (an HTML block may span lines); 0: any */
	const char *selector; /* HTML: the blocks inside elements this selector
	                         (as in drop {...}) matches; a text input has
	                         none. NULL: any. A bad one fails cln_clean with
	                         CLN_ESYNTAX, the byte offset in err->column */
} cln_explain_options;

enum {
	CLN_EXPLAIN_TEXT = 0,  /* for people: a paragraph per block */
	CLN_EXPLAIN_JSON = 1,  /* for programs: one JSON object, no final newline */
	CLN_EXPLAIN_COLOR = 2  /* with TEXT: ANSI colours (removed red, kept green) */
};

/*
 * Why each recorded block was kept or removed: the rule that removed it and
 * its note, every other rule that matched it (also those that came after it
 * was removed, or that a keep rule stopped), the keep rules that protect
 * it, the replace rules that edited it, its line, byte range and (HTML) DOM
 * path and link density; and main-content's decision (the container or
 * lines it chose, how, its score, the runner-up and its score). `flags`:
 * CLN_EXPLAIN_*. The result must come from cln_clean with
 * cln_clean_options.explain set, else CLN_EINVAL. On success *out is a
 * NUL-terminated string the caller frees with cln_free(), *len (if not
 * NULL) its length.
 */
int cln_result_explain(char **out, size_t *len, const cln_result *res, int flags,
                       cln_error *err);

/* Free memory the library returned as a plain pointer. */
void cln_free(void *p);

#ifdef __cplusplus
}
#endif

#endif /* CLEANER_H */
