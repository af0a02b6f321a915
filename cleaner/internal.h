/* internal.h - types shared by the pipeline stages; not installed. */
#ifndef CLN_INTERNAL_H
#define CLN_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cleaner.h"

/* ---- the table of rule kinds (rulekinds.c) ---------------------------- */

typedef enum action {
	ACT_KEEP,
	ACT_DROP,
	ACT_DROP_NEXT,
	ACT_DROP_AFTER,
	ACT_DROP_BEFORE,
	ACT_REPLACE,
	ACT_RUN,
	ACT_DUPLICATE,
	ACT_READ_TWICE,
	ACT_MAIN,
	ACT_SITE_REPEAT,
	ACT_COUNT
} action;

typedef enum param_id {
	P_MAXLEN,
	P_MINLEN,
	P_NEXT,
	P_NEXT_MAXLEN,
	P_WITHIN,
	P_WITH,
	P_MARKER,
	P_GAP,
	P_GAP_MAXLEN,
	P_TAIL,
	P_HEAD,
	P_MIN,
	P_WINDOW,
	P_MAX_BLANK,
	P_SHARE,
	P_SIBLINGS,
	P_LINK_DENSITY,
	P_MIN_CHARS,
	P_MAX_SHARE,
	P_KEPT_WINDOW,
	P_LANDMARK,
	P_PART,
	P_LAST,
	P_COUNT
} param_id;

typedef enum param_type { PT_INT, PT_STRING, PT_PATTERN, PT_NAME } param_type;

typedef struct param_def {
	const char *name;
	param_type type;
	long min, max; /* PT_INT only */
	const char *doc;
} param_def;

typedef struct action_def {
	const char *name;
	bool pattern;          /* takes the /pattern/ after the action */
	bool selector;         /* or a {selector} instead */
	unsigned params;       /* bit (1u << param_id) per allowed parameter */
	long defaults[P_COUNT];
	const char *doc;
} action_def;

extern const param_def cln_param_defs[P_COUNT];
extern const action_def cln_action_defs[ACT_COUNT];

/* Look a name up in the tables; -1 when unknown. */
int cln_action_lookup(const char *name, size_t len);
int cln_param_lookup(const char *name, size_t len);

/* ---- site scopes (sites.c) --------------------------------------------- */

/* "~host/path": a host and the hosts under it, a path prefix or glob. */
typedef struct site_item {
	char *host;        /* lower case */
	char *path;        /* or NULL */
	bool exclude;      /* written with ~ */
} site_item;

typedef struct site_scope {
	site_item *v;
	size_t n, cap;
} site_scope;

/* Where a document comes from: its URL's host (lower case, no port; empty
   when unknown) and path (query and fragment cut; "/" when none). */
typedef struct doc_site {
	char host[256];
	char path[1024];
} doc_site;

/* Items of s[0, len), separated by spaces or commas. On error CLN_ESYNTAX
   or CLN_ENOMEM, with the reason in *why and its offset in *err_pos. */
int cln_scope_parse(site_scope *out, const char *s, size_t len, size_t *err_pos, const char **why);
void cln_scope_free(site_scope *s);
bool cln_scope_match(const site_scope *s, const doc_site *site);
/* The host and path of an absolute URL (NULL or relative: none). */
void cln_url_site(const char *url, doc_site *out);

/* ---- page types (pagetype.c) ------------------------------------------- */

/* The kinds of page the classifier tells apart; PAGE_UNKNOWN: no signal (a
   text input without a URL that says more). */
enum {
	PAGE_UNKNOWN,
	PAGE_ARTICLE,
	PAGE_FORUM,
	PAGE_PRODUCT,
	PAGE_COLLECTION,
	PAGE_LISTING,
	PAGE_DOCUMENTATION,
	PAGE_SERVICE,
	PAGE_COUNT
};
extern const char *const cln_page_type_names[PAGE_COUNT];
/* The PAGE_* named s[0, len) (not "unknown"), or -1. */
int cln_page_type_lookup(const char *s, size_t len);
/* Every type's bit, unknown too: a rule's page_types when it is not
   scoped to page types. */
#define PAGE_ALL ((1u << PAGE_COUNT) - 1)

/* The schema.org types a page declares, in kinds the classifier weighs. */
enum {
	SK_ARTICLE,    /* Article, NewsArticle, BlogPosting, Report... */
	SK_POSTING,    /* DiscussionForumPosting, Comment */
	SK_QA,         /* QAPage, Question, Answer (FAQPage is not one) */
	SK_PRODUCT,    /* Product, ProductGroup, IndividualProduct */
	SK_OFFER,      /* Offer, AggregateOffer */
	SK_COLLECTION, /* CollectionPage, OfferCatalog, SearchResultsPage */
	SK_ITEMLIST,   /* ItemList */
	SK_TECH,       /* TechArticle, APIReference, SoftwareSourceCode */
	SK_SERVICE,    /* Service, LocalBusiness and its kinds, ProfessionalService */
	SK_EVENT,      /* Event, JobPosting, Course, Recipe lists' items */
	SK_COUNT
};

/* What metadata.c saw of the page's kind while it walked the tree. */
typedef struct page_evidence {
	uint16_t ld[SK_COUNT]; /* JSON-LD nodes of each kind */
	uint16_t md[SK_COUNT]; /* microdata itemtypes of each kind */
	uint8_t og;            /* the PAGE_* og:type names, or PAGE_UNKNOWN */
	uint8_t generator;     /* the PAGE_* a known <meta name=generator> implies */
} page_evidence;

/* Count a schema.org type name (or its URL) into ev. */
void cln_page_schema(page_evidence *ev, const char *type, bool microdata);
/* og:type and generator values into ev. */
void cln_page_og(page_evidence *ev, const char *v);
void cln_page_generator(page_evidence *ev, const char *v);

/* One signal that voted: its name (static), the type it votes for and how
   much. */
typedef struct page_signal {
	const char *name;
	uint8_t type;
	int8_t weight;
} page_signal;
#define PAGE_MAX_SIGNALS 32
typedef struct page_class {
	uint8_t type; /* PAGE_* */
	uint8_t nsig;
	int grid; /* the parent of the page's biggest run of priced cards, or -1 */
	page_signal sig[PAGE_MAX_SIGNALS];
} page_class;

/* ---- compiled rules (rulefile.c, ruleset.c) ---------------------------- */

/* When a rule runs: keep rules first whatever their phase, then the other
   rules phase by phase, in the order they were read within each. */
enum { PHASE_BEFORE_MAIN, PHASE_MAIN, PHASE_AFTER_MAIN, PHASE_COUNT };
extern const char *const cln_phase_names[PHASE_COUNT];

/* The literals a pattern needs (literals.c): every text it matches holds
   a string of each of set[0..n): ASCII folded to lower case, at most
   LIT_MAX bytes each (a prefix of a longer one); the string LIT_HIGH
   stands for any non-ASCII byte. */
#define LIT_MAX 16
#define LIT_HIGH "\x80" /* as a whole string: any byte >= 0x80 */
#define LIT_ALTS 64
#define LIT_CONJ 3
typedef struct litset {
	size_t n;
	unsigned char len[LIT_ALTS];
	char s[LIT_ALTS][LIT_MAX];
} litset;
typedef struct litneed {
	size_t n;
	litset set[LIT_CONJ]; /* the most telling first */
} litneed;

/* The literals of pattern re[0, len) (extended: flag x), or NULL when it
   has none this reader can vouch for (or out of memory): the pattern
   then runs on every block. The caller frees them. */
litneed *cln_literals(const char *re, size_t len, bool extended);
/* The same packed as a pattern keeps them until the prefilter is built
   (a litneed is 3 KB; a rule set may hold 100,000 patterns): a byte with
   the number of sets, then per set a byte with its number of strings, then
   per string a length byte and the bytes. NULL: none (or no memory). */
unsigned char *cln_literals_packed(const char *re, size_t len, bool extended);

/* A compiled pattern. Its JIT code is made once it has been matched a few
   times (match.c), not when the rules load: JIT-compiling every pattern
   was half of a start, and a document tries few of them (the prefilter
   skips the rest), many only once or twice. */
typedef struct regex {
	pcre2_code *code;  /* never written after the rules load */
	pcre2_code *jit;   /* a JIT-compiled copy of it, or NULL (atomic) */
	unsigned uses;     /* lines' worth matched before it (atomic) */
} regex;

typedef struct pattern {
	regex re;
	bool global; /* flag g: replace every match, not the first */
	unsigned line, col; /* where its opening '/' is in the rule file */
	unsigned char *need; /* while loading: its literals packed, or NULL */
	unsigned slot[LIT_CONJ]; /* its bits in the prefilter (prefilter.c): a
	                            block must have each; 0 for none */
} pattern;

typedef struct prefilter prefilter;
typedef struct line_tables line_tables;

typedef struct selector selector;

typedef struct rule {
	char *id;
	action act;
	pattern pat;          /* code is NULL for actions without a pattern */
	selector *sel;        /* drop/keep {selector}: HTML elements instead */
	pattern *markers;     /* run: marker=/.../ patterns */
	size_t nmarkers;
	char *with;           /* replace: the replacement ($1 etc. allowed) */
	size_t with_len;
	char *part;           /* part=NAME: what it drops is that part of the
	                         page (reviews, comments), or NULL */
	long p[P_COUNT];      /* integer parameters, defaults filled in */
	char *file;           /* where it was defined, for messages */
	unsigned line;
	char *src;            /* its /pattern/flags or {selector} as written
	                         (continuation lines joined by '\n'), or NULL;
	                         the linter compares rules by it */
	unsigned src_line, src_col; /* where src starts */
	int scope;            /* the @site section it was read in (index in
	                         cln_rules.scopes), or -1: every document */
	int site;             /* its own site="..." scope, or -1 */
	unsigned page_types;  /* bit (1u << PAGE_*) per page type it applies to:
	                         its @page-type section and page-type= (PAGE_ALL:
	                         not scoped), less those a disable in a
	                         @page-type section turned it off for */
	int *off;             /* scopes where a scoped `disable` turned it off */
	size_t noff;
	unsigned char phase;  /* PHASE_* */
} rule;

/* A named pattern: define NAME /.../flags, used in selectors as @NAME. */
typedef struct named_re {
	char *name, *re;
	size_t len;
	uint32_t opts;
} named_re;

struct cln_rules {
	rule *v;
	size_t n;
	named_re *defs;       /* in load order */
	size_t ndefs;
	prefilter *pf;        /* the patterns' literals in one automaton, or NULL */
	size_t pf_left_out;   /* patterns with literals it had no room for: they run on every block */
	size_t pf_first_out;  /* the rule of the first of them */
	site_scope *scopes;   /* what rules' scope, site and off refer to */
	size_t nscopes;
	struct cln_attrset *attrs; /* the attributes Gumbo reads (htmlskip.c) */
	line_tables *lines;   /* text main-content's byte classes and function words */
};

/* The message of the compilers (patterns, selectors) when an allocation
   failed, and only then: their callers report it as CLN_ENOMEM. */
#define CLN_OOM_MESSAGE "out of memory"

/* Compile a rule pattern: UTF-8 (invalid bytes allowed in subjects),
   Unicode properties, JIT when it can. flags adds PCRE2_CASELESS etc. On
   error NULL, PCRE2's message in msg (CLN_OOM_MESSAGE when PCRE2 ran out
   of memory) and its offset in *err_offset. */
pcre2_code *cln_regex_compile(const char *re, size_t len, uint32_t flags, char *msg,
                              size_t msgsize, size_t *err_offset);
/* re's code to match with, on a subject of len bytes: its JIT-compiled
   copy once there is one; the thread that asks when a few lines' worth
   were matched makes it (the others go on with the interpreter
   meanwhile). */
const pcre2_code *cln_regex_ready(const regex *re, size_t len);
/* Free re's code and its JIT copy. */
void cln_regex_free(regex *re);

/* Text main-content's tables (maincontent.c), read-only once built: built
   with the rule set, not per document (15,000 instructions, as much as
   cleaning a short text). NULL without memory. */
line_tables *cln_line_tables_new(void);

/* The prefilter (prefilter.c). _build gives every pattern of the set that
   has literals a slot and frees the literals; CLN_ENOMEM. */
int cln_prefilter_build(cln_rules *rs);
void cln_prefilter_free(prefilter *pf);
size_t cln_prefilter_words(const prefilter *pf);
/* How many sets of literals the prefilter has room for. */
unsigned cln_prefilter_room(void);

/* Fill err (if not NULL) with code and a printf-style message. */
int cln_seterr(cln_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The rule-file parser's view of a rule set under construction: it appends
 * rules to `set`, reports each error through `report`, and asks `load` for
 * the text of included files.
 */
typedef struct rule_loader rule_loader;

/* Parse one rule file's text (already read) into the loader's set. Returns
   the number of errors found. `name` is used in messages and to resolve
   includes relative to it; `embedded` says it came from the built-in set. */
size_t cln_parse_rules(rule_loader *ld, const char *name, bool embedded,
                       const char *text, size_t len);

/* Ruleset helpers the parser calls (ruleset.c). */
int cln_loader_add_rule(rule_loader *ld, rule *r);
const rule *cln_loader_find(const rule_loader *ld, const char *id, size_t len);
/* Take a rule out of the set being built (inside an @site section: only
   for that section's sites); false if there is none. */
bool cln_loader_disable(rule_loader *ld, const char *id, size_t len);
/* Add a scope to the set (taken over; freed on error): its index, or
   CLN_ENOMEM. */
int cln_loader_add_scope(rule_loader *ld, site_scope *s);
/* The @site section in force (-1: none); set by an @site line, for the
   rest of the file being read and the files it includes. */
int cln_loader_scope(const rule_loader *ld);
void cln_loader_set_scope(rule_loader *ld, int scope);
/* The @page-type section in force (PAGE_ALL: none), the same way. */
unsigned cln_loader_page_types(const rule_loader *ld);
void cln_loader_set_page_types(rule_loader *ld, unsigned types);
/* Page types "forum listing", "~forum" (comma or space separated) of
   s[0, len) as bits (1u << PAGE_*): an unknown name is -1, its offset in
   *err_pos. */
long cln_page_types_parse(const char *s, size_t len, size_t *err_pos);
void cln_loader_error(rule_loader *ld, int code, const char *file,
                      unsigned line, unsigned col, size_t offset,
                      const char *srcline, size_t srclen,
                      const char *fmt, ...)
	__attribute__((format(printf, 9, 10)));
size_t cln_loader_include(rule_loader *ld, const char *from, bool embedded,
                          const char *path, size_t pathlen, unsigned line,
                          unsigned col, size_t offset, const char *srcline,
                          size_t srclen);

/* define NAME /re/flags: 1 if NAME is defined already, CLN_ENOMEM, else 0.
   cln_rules_pattern: what @NAME stands for in a selector (its text, *len
   bytes, and PCRE2 flags), or NULL when no define of rs names it (or rs is
   NULL). _set: the rule set being loaded. */
int cln_loader_define(rule_loader *ld, const char *name, size_t nl, const char *re, size_t len,
                      uint32_t opts);
const char *cln_rules_pattern(const cln_rules *rs, const char *name, size_t nl, size_t *len,
                              uint32_t *opts);
const cln_rules *cln_loader_set(const rule_loader *ld);

void cln_rule_clear(rule *r);

/* ---- documents and blocks (textblocks.c, htmlblocks.c) ----------------- */

/* Where a block sits in an HTML page (and BF_FOLDED, BF_WRAPPED). */
enum {
	BF_HEADING = 1 << 0, /* inside h1-h6 */
	BF_LIST = 1 << 1,    /* inside li, dt or dd */
	BF_TABLE = 1 << 2,   /* inside td, th or caption */
	BF_FIGURE = 1 << 3,  /* inside figure or figcaption */
	BF_LINK = 1 << 4,    /* all of its text is inside links */
	BF_PRE = 1 << 5,     /* inside pre: white space kept */
	BF_QUOTE = 1 << 6,   /* inside blockquote */
	BF_BR = 1 << 7,      /* follows a <br> in the same paragraph */
	BF_FOLDED = 1 << 8,  /* HTML and text: lines of a page of tiny lines
	                        held together (htmlblocks.c, textblocks.c) */
	BF_WRAPPED = 1 << 9, /* text: a paragraph's lines wrapped at a fixed
	                        width (textwrap.c) */
};

/* An element of an HTML page, kept after the Gumbo tree is gone. A page
   may hold one every few bytes (nested <div>s), so it is kept small: 40
   bytes on 64-bit machines; offsets have 32 bits as in a block. */
typedef struct elem {
	const char *attrs;   /* "name\0value\0" pairs, ended by "\0"; an element
	                        Gumbo does not know has its name first: "name\0" */
	int parent;          /* index, -1 for the root */
	uint32_t offset;     /* source byte offset of its start tag */
	uint32_t line;
	uint32_t first, end; /* the blocks inside it: [first, end) */
	uint32_t id, cls;    /* where from attrs the id and class values are; 0: none */
	uint16_t tag;        /* its GumboTag: cln_elem_tag() gives the name */
	uint16_t depth;      /* the guard keeps it under 2048 or so */
} elem;
#ifndef __cplusplus
_Static_assert(sizeof(void *) != 8 || sizeof(elem) == 40, "an element stays small");
#endif

/* Its lower-case tag name. */
const char *cln_elem_tag(const elem *e);
/* Is it <body> or <html>: the whole page, never a part of it? */
bool cln_elem_whole_page(const elem *e);

/* Its id and class attributes, or NULL (also when empty). */
/* Length of the white space at s (ASCII white space, line ends too, and
   U+00A0, which &nbsp; gives), or 0. */
static inline size_t cln_space_at(const char *s, size_t len)
{
	if ((unsigned char)s[0] > ' ' && (unsigned char)s[0] != 0xC2)
		return 0; /* most bytes: told at once */
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n' || s[0] == '\f' ||
	                 s[0] == '\v'))
		return 1;
	if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

static inline const char *elem_id(const elem *e)
{
	return e->id ? e->attrs + e->id : NULL;
}
static inline const char *elem_class(const elem *e)
{
	return e->cls ? e->attrs + e->cls : NULL;
}

/* What a page says about itself (metadata.c fills it from the tree). */
enum { META_TITLE, META_AUTHOR, META_DATE, META_URL, META_LANGUAGE, META_COUNT };

/*
 * A block is the unit rules look at: for text input, one non-blank line.
 * Its text points into the input (or into doc.ar after a replace).
 * A text input holds a block per line, so a block is kept small (56 bytes
 * on 64-bit machines): offsets and counts have 32 bits, which is why a
 * document may not exceed CLN_MAX_DOCUMENT bytes; details and the blank
 * run before a block live elsewhere (doc.details, the input).
 */
typedef struct block {
	const char *text;
	uint32_t len;
	uint32_t start, end;   /* source bytes [start, end), end after the EOL */
	uint32_t line;         /* 1-based line number */
	uint32_t blanks;       /* blank lines between the previous block and it */
	int removed_by;        /* rule index, or -1 while kept */
	int group;             /* removal group: blocks removed together */
	int kept_by;           /* keep rule index, or -1 */
	int elem;              /* HTML: innermost element holding it; -1 for text */
	uint32_t chars;        /* characters of text */
	uint32_t link_chars;   /* of which inside links */
	uint16_t flags;        /* HTML: BF_* */
	uint8_t eol_len;       /* bytes of its line end (LF, CR LF, none) before end */
	uint8_t tag;           /* HTML: its block element's GumboTag (cln_block_tag) */
} block;
#ifndef __cplusplus /* tests include this header from C++ */
_Static_assert(BF_WRAPPED < 0x10000, "block.flags holds every BF_ bit");
_Static_assert(sizeof(void *) != 8 || sizeof(block) == 56, "a block stays small");
#endif

/* HTML: the name of block b's block element ("p", "h1", ...). */
const char *cln_block_tag(const block *b);

/* What replace rules changed in a block, reported as one removal each
   (edits.c): input bytes [start, end) now read `repl`. */
typedef struct edit {
	size_t block;          /* (size_t)-1 once merged into a later edit */
	int rule;
	size_t start, end;     /* input bytes; HTML: the block's span */
	char *repl;            /* in doc.ar */
	size_t repl_len;
	size_t next;           /* the block's next edit, or (size_t)-1 */
} edit;

/* What one rule's patterns have cost in this document (match.c). */
typedef struct rule_spend {
	unsigned long long spent; /* match-limit steps charged */
	size_t skipped;           /* blocks (elements for a selector) not tested */
	unsigned out_line;        /* where the budget ran out */
	bool out;                 /* budget spent: the rule no longer runs */
	bool limit_warned;        /* match-limit warning already given */
} rule_spend;

/* A replace rule's match in a block's text: bytes [ms, me) of its text
   became [rs, re) of its new text. */
typedef struct subst {
	size_t ms, me, rs, re;
} subst;

/* A note on the removal that begins at a block ("repeats line 4"). */
typedef struct detail {
	size_t block;
	char *text;
} detail;

typedef struct doc {
	const char *in;
	size_t len;
	block *b;
	size_t n, cap;
	unsigned lines;
	unsigned wrap_width;   /* text: the width its paragraphs are wrapped at (a
	                          block a paragraph), or 0: a block a line */
	size_t lead_end;       /* blank lines before the first block: [0, lead_end) */
	size_t trail_start;    /* blank lines after the last block: [trail_start, len) */
	int groups;            /* last group number handed out */
	edit *edits;
	size_t nedits, capedits;
	size_t *block_edit;    /* per block: its first edit, or (size_t)-1; NULL
	                          until a replace rule hits */
	detail *details;       /* what a removal adds to its report row */
	size_t ndetails, capdetails;
	char **warnings;
	size_t nwarnings, capwarnings;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	const cln_rules *rules;
	rule_spend *spend;     /* per rule: its share of the match budget */
	bool *ran;             /* per rule: its sites take this document in */
	uint64_t *pfcol;       /* per slot: a bit per block, the prefilter's
	                          columns (prefilter.c), made when first asked */
	unsigned long match_limit;       /* per pattern call */
	unsigned long long match_budget; /* per rule and document, in match-limit steps */
	bool html;             /* blocks come from an HTML page */
	elem *el;              /* HTML: elements in document order */
	size_t nel, capel;
	struct arena ar;       /* block texts replace rules made; HTML: block texts,
	                          element names and attributes */
	const char *meta[META_COUNT];
	int meta_rank[META_COUNT]; /* where meta[i] came from: lower wins */
	const char *ld_body;   /* JSON-LD articleBody, if the page has one */
	const char *ld_desc;   /* JSON-LD Product description, if any */
	const char *added_text; /* text the page does not show that the output
	                          adds after its blocks (mainproduct.c), or NULL */
	bool product;          /* the page says it offers a product: JSON-LD or
	                          og:type (microdata is seen in mainproduct.c) */
	page_evidence ev;      /* HTML: what the page says of its kind */
	page_class page;       /* its type and the signals that voted, set
	                          before the rules run (pagetype.c) */
	bool ld_thread;        /* JSON-LD says the page is a forum thread or a Q&A
	                          page (DiscussionForumPosting, QAPage) */
	const char *charset;
	size_t replaced;       /* bytes read as U+FFFD while decoding */
	int *group_elem;       /* per removal group: the element it dropped, or -1 */
	bool *given_back;      /* while the safeguard runs the rules again: per
	                          element, it or an element inside it was given
	                          back (selector rules spare it), else NULL */
	bool nomem;            /* an allocation failed where no error could be
	                          returned (a group, a warning): the clean fails */
	size_t ngroups, capgroups;
	int *part_groups;      /* the groups main-content dropped as its rule's
	                          part (a text's readers' comments), ascending */
	size_t npart_groups, cappart_groups;
	struct explain *ex;    /* the trace cln_clean_options.explain asked for,
	                          else NULL: rules then record nothing */
	unsigned markdown;     /* cln_clean_options.markdown */
	cln_repeats_fn repeats; /* cln_clean_options.repeats, for site-repeat */
	void *repeats_ud;
	const char *keep_parts; /* cln_clean_options.keep_parts: these parts are given back */
	const char *host;      /* the document's host ("" if none) */
	struct selindex *sx;   /* selector rules' candidate elements (selindex.c),
	                          made when the first selector rule runs */
	struct md_inline *inl; /* HTML with markdown: inline marks, by block */
	size_t ninl, capinl;
	struct stream_slot *slots; /* HTML: React's streaming placeholders */
	size_t nslots, capslots;
} doc;

/* wrap: cln_clean_options.wrap_width (0: found by cln_wrap_width). */
int cln_text_blocks(doc *d, int wrap);
/* The line of s[0, len) at pos: its text ends at *eol (before LF or CR
   LF); returns where the next line begins. */
size_t cln_line_at(const char *s, size_t len, size_t pos, size_t *eol);

/* Flattened text wrapped at a fixed width (textwrap.c): the width, or 0
   when s is not so wrapped; and how many of the lines after the line
   s[start, *eol) run on from it as one paragraph, *eol and *next moved
   to the last of them. */
unsigned cln_wrap_width(const char *s, size_t len);
unsigned cln_wrap_lines(const char *s, size_t len, unsigned width, size_t start, size_t *eol,
                        size_t *next);
/* copy[i]: is kept block i of flattened text other blocks' sentences
   strung together, a page's hidden copy of its article (textcopies.c)? */
int cln_text_copies(const doc *d, bool *copy);
/* A hash of s[0, len) with white space trimmed and each run of it (line
   ends too) as one blank (duplicates.c). */
uint64_t cln_folded_hash(const char *s, size_t len);

/* The bytes of a wrapped paragraph s[0, len) that show no character: each
   line end with the next line's indent reads as one blank. */
size_t cln_wrap_breaks(const char *s, size_t len);
/* The last line of the input block b spans (its first is b->line). */
unsigned cln_block_last_line(const doc *d, const block *b);
/* htmlattr.c: does a token of the white-space separated list (a class
   attribute; NULL: none) satisfy is(token, its length, arg)? */
bool cln_any_token(const char *list, bool (*is)(const char *t, size_t n, const void *arg),
                   const void *arg);
/* htmlcode.c: does class attribute c name GitHub's table of code lines
   ("js-file-line-container": a gist's, a file's), which reads as a <pre>
   (htmlblocks.c, markdown.c)? */
bool cln_code_table_class(const char *c);

/* htmlemail.c: an address Cloudflare's email protection hid, hex h[0,
   len) (each byte XOR the first, as in data-cfemail or the fragment of a
   link to /cdn-cgi/l/email-protection), into out (cap bytes,
   NUL-terminated): its length, or 0 when it decodes to no address. */
#define CLN_CF_LINK "/cdn-cgi/l/email-protection#"
size_t cln_cf_decode(const char *h, size_t len, char *out, size_t cap);
/* Parse d->in (UTF-8) with Gumbo into blocks, elements and metadata; a
   page of more than `piece` bytes in pieces of about that size. */
int cln_html_blocks(doc *d, size_t piece);
/* Where a big page is cut into pieces that Gumbo parses one at a time:
   the piece before ends at `at`, with `open` elements open, whose tags
   (GumboTag) are tags[tag0, tag0 + open); the next piece starts at
   `resume` as a fragment inside the first `keep` of them, and with the
   formatting elements that wait to be opened again there (whose start
   tags are fmts[2 * fmt0, 2 * (fmt0 + nfmt)), [start, end) pairs). */
typedef struct cln_cut {
	size_t at, resume;
	size_t open, keep;
	size_t tag0;
	size_t fmt0, nfmt;
} cln_cut;

/* Text Gumbo need not read (htmlskip.c): the page's bytes [from, to),
   the content of a <script> or <style> or the inside of a comment. Once
   the copy without them is made, `at` is where the skip was in it, `gone`
   and `lines` the bytes and line ends left out up to its end. */
typedef struct cln_skip {
	size_t from, to;
	size_t at, gone;
	unsigned lines;
} cln_skip;

typedef struct cln_skips {
	cln_skip *v;       /* in page order */
	size_t n, cap;
} cln_skips;

int cln_skips_add(cln_skips *sk, size_t from, size_t to);
/* Copy in[0, len) without the skips into *out (malloc'ed, NUL-terminated,
   the caller frees it), and fill in each skip's at, gone and lines. */
int cln_skips_compact(cln_skips *sk, const char *in, size_t len, char **out, size_t *out_len);
/* Position `at` of the copy as a byte of the page; the line ends the copy
   lacks before it; a position of the page (outside every skip) in the copy. */
size_t cln_skips_orig(const cln_skips *sk, size_t at);
unsigned cln_skips_lines(const cln_skips *sk, size_t at);
size_t cln_skips_to_copy(const cln_skips *sk, size_t pos);
void cln_skips_free(cln_skips *sk);
/* Whether the script text s[from, to) opens "<!--" and later names a
   <script: the tokenizer's escaped states may then end it elsewhere than
   at the first </script>. */
bool cln_script_escapes(const char *s, size_t from, size_t to);
/* Whether a <script>'s attributes s[from, to) (to at its '>') may say
   type="application/ld+json": its text is then read. */
bool cln_script_is_data(const char *s, size_t from, size_t to);

/* Attribute names Gumbo must read (htmlskip.c): an open-addressing set of
   lower-case names. _init fills in those cleaner and Gumbo read; a rule
   set adds what its selectors test (cln_selector_attrs). */
typedef struct cln_attrname {
	char *name; /* not NUL-terminated */
	uint32_t len, hash;
} cln_attrname;

typedef struct cln_attrset {
	cln_attrname *v;
	size_t n, cap;
} cln_attrset;

int cln_attrset_init(cln_attrset *set);
int cln_attrset_add(cln_attrset *set, const char *name);
/* Whether the attribute named p[0, n) may be left out of what Gumbo reads. */
bool cln_attr_cut(const cln_attrset *set, const char *p, size_t n);
void cln_attrset_free(cln_attrset *set);

typedef struct cln_guarded {
	char *copy;        /* the page with tags blanked, or NULL: none were */
	size_t flattened;  /* how many tags were blanked */
	size_t brs;        /* <br> tags (an end tag </br> is read as one too) */
	cln_cut *cuts;     /* in page order */
	size_t ncuts, capcuts;
	uint16_t *tags;
	size_t ntags, captags;
	size_t *fmts;      /* the cuts' waiting formatting elements (cln_cut) */
	size_t nfmts, capfmts;
	size_t *late;      /* <html> and <body> tags after the first cut: [start,
	                      end) pairs; their attributes join the page's own */
	size_t nlate, caplate;
	cln_skips skips;   /* what Gumbo need not read, if skip was asked */
} cln_guarded;

/* Bound Gumbo's work on in[0, len) (htmlguard.c): start tags that would
   nest deeper than limit, and end tags that close nothing in a deep stack,
   are blanked out as comments of the same length in a copy of the page.
   With piece > 0, also say where the page can be cut into pieces of about
   that many bytes. With skip, also list in out->skips the text Gumbo need
   not read (htmlskip.c), and the attributes not in attrs (NULL: none).
   Free *out with cln_guarded_free (also after an error). */
int cln_html_guard(const char *in, size_t len, size_t limit, size_t piece, bool skip,
                   const cln_attrset *attrs, cln_guarded *out);
void cln_guarded_free(cln_guarded *g);
/* Parse src[0, len) with Gumbo (htmlparse.c), its memory in an arena:
   *tree lives until cln_html_parse_free(*out). CLN_ENOMEM when memory ran
   out during the parse (Gumbo itself would crash), with nothing left held.
   context: a GumboTag to parse src as a fragment inside such an element
   (the tree's root is then a stand-in <html> holding it), or
   GUMBO_TAG_LAST for a whole page. */
typedef struct cln_parse cln_parse;
struct GumboInternalOutput;
int cln_html_parse(cln_parse **out, struct GumboInternalOutput **tree, const char *src, size_t len,
                   int context);
void cln_html_parse_free(cln_parse *p);
typedef struct cln_span {
	const char *p;
	size_t n;
} cln_span;
/* One attribute of a tag at s[*i], as the HTML tokenizer reads it (also
   for the charset prescan): 1 with its name and value (in s), 0 at the
   tag's '>' (*i on it), -1 when the input ends first. *slash: a '/' came
   right before the '>' (self-closing). */
int cln_html_attr(const char *s, size_t len, size_t *i, cln_span *name, cln_span *value,
                  bool *slash);
/* Fill d->meta and d->ld_body from a Gumbo tree (metadata.c): called for
   each piece of a page in turn, what an earlier piece gave wins a tie. */
struct GumboInternalNode;
int cln_html_metadata(doc *d, struct GumboInternalNode *document);
/* The value of an element's attribute, or NULL. */
const char *cln_elem_attr(const elem *e, const char *name);
/* Its attributes, "name\0value\0" pairs ended by "\0" (NULL: none). */
const char *cln_elem_attrs(const elem *e);
/* The DOM path of element e, e.g. "body>div#main>p", into out. */
void cln_elem_path(const doc *d, int e, buf *out);
/* Classify the document (pagetype.c) into d->page, from d->ev, its
   elements and blocks, and the path of its URL (site); a PAGE_* forced
   (>= 0: cln_clean_options.page_type) wins whatever the others say. */
void cln_page_classify(doc *d, const doc_site *site, int forced);
/* The weight of the signals that voted for the page's type. */
int cln_page_score(const page_class *pc);

/* ---- decoding (decode.c) ------------------------------------------------ */

typedef struct cln_decoded {
	buf text;           /* UTF-8, when the page needed decoding */
	char charset[64];   /* what it was read as */
	size_t bad_bytes;   /* bytes that became U+FFFD */
	const char *utf8;   /* the page as UTF-8: text's bytes, or the input's
	                       own (after a BOM) when they were valid UTF-8 */
	size_t utf8_len;
} cln_decoded;

cln_format cln_sniff_format(const char *in, size_t len);
/* Decode an HTML page to UTF-8; hint (may be NULL) overrides the page. */
int cln_decode(cln_decoded *out, const char *in, size_t len, const char *hint);
/* The length of the character at s if it shows nothing: a space, a line
   end, U+00A0, U+2000 to U+200D (spaces, zero-width ones, joiners),
   U+2028/9, U+202F, U+205F, U+2060, U+3000, U+FEFF; else 0. */
size_t cln_shows_nothing(const unsigned char *s, size_t n);
/* Whether s[0, len) shows nothing: white space (tab, CR, FF, VT too) and
   the characters above (a text line of them is a blank line). An empty s
   does. */
bool cln_blank(const char *s, size_t len);
void cln_doc_free(doc *d);

/* ---- rule stages ------------------------------------------------------- */

/* Characters (UTF-8 code points) in s. */
size_t cln_utf8_chars(const char *s, size_t len);
/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one. */
size_t cln_utf8_seq(const unsigned char *s, size_t len);
/* Append s[0, len) to b as valid UTF-8, each bad byte as U+FFFD; an ASCII
   byte c for which esc (NULL: none) has esc[c] is written as that string
   instead. 0, or -1 when out of memory. */
int cln_utf8_add(buf *b, const char *s, size_t len, const char *const *esc);

/* The match limit's default, and the budget per rule and document: see
   cln_match_text in match.c. */
#define CLN_DEFAULT_MATCH_LIMIT 10000000UL
#define CLN_BUDGET_LIMITS 10ULL /* the budget is this many match limits */
#define CLN_BUDGET_PER_BYTE 16ULL /* plus this much per byte of the document */
/* Set the limits of d from the caller's match limit (0: the default). */
void cln_match_setup(doc *d, unsigned long match_limit);
/* Match re on s[from, len) for rule rule_index, within the rule's budget:
   1 match, 0 no match (or the budget is spent), <0 error (warned once per
   rule, naming `line`). */
int cln_match_text(doc *d, size_t rule_index, const regex *re, const char *s,
                   size_t len, size_t from, unsigned line);
/* Warn (once per rule) that PCRE2 failed with rc at `line`: counted as no
   match. */
void cln_pattern_warning(doc *d, size_t rule_index, int rc, unsigned line);
/* Has the rule spent its budget? If so, count `untested` more skipped. */
bool cln_rule_spent(doc *d, size_t rule_index, size_t untested);
/* Must the rule's scan look at every block rather than step between the
   prefilter's candidates? When explaining (every block is probed) or once
   it spent its budget (the blocks it leaves untested are counted). */
bool cln_rule_sees_all(const doc *d, size_t rule_index);
/* One warning per rule that spent its budget (call after the rules ran). */
int cln_budget_warnings(doc *d);
/* The characters of block i's text now (a replace rule may have changed
   it since block.chars was counted). */
size_t cln_block_chars(const doc *d, size_t i);
/* May pattern p match block blk: false only when the block lacks one of
   the sets of literals it needs. Every block is scanned once, the first
   time any is asked about; _update after a block's text changed. */
bool cln_prefilter_may(doc *d, size_t blk, const pattern *p);
/* The first block from `from` on that p may match (d->n if none). */
size_t cln_prefilter_next(doc *d, const pattern *p, size_t from);
void cln_prefilter_update(doc *d, size_t blk);
/* Match a pattern on a block: 1 match, 0 no match, <0 error (warned). */
int cln_match(doc *d, size_t rule_index, const pattern *p, size_t blk);
/* The same, starting at byte `from` of the block's text. */
int cln_match_at(doc *d, size_t rule_index, const pattern *p, size_t blk, size_t from);

/* Mark block i removed by rule r in group g; protected blocks are skipped.
   Returns true if the block was removed. */
bool cln_remove(doc *d, size_t i, int r, int g);

/* Attach a detail string ("repeats line 4") to block i, which the calling
   rule has just removed (the first block of its removal). */
int cln_detail(doc *d, size_t i, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int cln_warn(doc *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* repeats.c: drop the blocks d->repeats says recur across the site. */
int cln_apply_site_repeat(doc *d, size_t r);
/* Block i's element path as cln_block.path gives it, into out (HTML). */
int cln_stable_path(const doc *d, size_t i, buf *out);

int cln_apply_keep(doc *d, size_t r);
int cln_apply_pattern(doc *d, size_t r);  /* drop, drop-next/after/before */
int cln_apply_replace(doc *d, size_t r);
/* Record rule r's matches s[0..ns) in block i, whose new text is `now`,
   as the block's edits in input bytes (edits.c). Call before the block's
   text is replaced by `now`. */
int cln_edit_block(doc *d, size_t i, int r, const subst *s, size_t ns, const char *now);
/* Block i's text becomes now[0, len), rule r's edits s[0..ns) (match.c). */
int cln_rewrite_block(doc *d, size_t i, int r, const subst *s, size_t ns, const char *now,
                      size_t len);
/* Is block i open to rule r: not removed, not protected, its length in
   the rule's range? */
bool cln_rule_candidate(const doc *d, const rule *r, size_t i);
int cln_apply_run(doc *d, size_t r);
int cln_apply_duplicate(doc *d, size_t r);
int cln_apply_read_twice(doc *d, size_t r); /* duplicates.c */
int cln_apply_main(doc *d, size_t r);     /* maincontent.c */
int cln_text_main(doc *d, size_t r);      /* maintext.c: flattened text */
/* Drop blocks [i, j) for rule ri in one group with one reason (fmt, arg). */
int cln_drop_run(doc *d, size_t ri, size_t i, size_t j, const char *fmt, const char *arg);
/* Text equal when white space is folded and case ignored. */
bool cln_same_text(const char *a, size_t al, const char *b, size_t bl);
/* mainproduct.c: does the page offer a product (schema.org, og:type);
   the main-content element grown from best to hold the product's name
   heading and its specifications tables too (best itself when it does or
   none is found; never grown to <body>). */
bool cln_product_page(const doc *d);
int cln_product_container(const doc *d, int best);
/* The product page's pick `best` is its <main>: the box around the
   product's name holding two thirds of its text (chars: main_page's
   prefix sums of kept text), or best. */
int cln_product_narrow(const doc *d, const uint32_t *chars, int best);
/* On a product page, the <main> landmark around the product's name,
   whatever its prose, when it holds enough text that is not links
   (chars, links: main_page's prefix sums), or -1. */
int cln_product_main(const doc *d, const uint32_t *chars, const uint32_t *links);
/* Is the text scores' pick a box of a product page's buy box, holding no
   prose (good: main_page's prefix sums of prose), to grow to the product
   rather than to where the page's prose is? */
bool cln_product_part(const doc *d, const uint32_t *good, int pick);
/* The max-share (percent) a drop rule has on element e: its own `share`,
   stretched to 75 on a product page for a box beside the product (not
   holding its name heading, nor half of the prose still kept when the
   rule started: ps, made by cln_product_share_new, freed with free(ps->prose)). */
typedef struct product_share {
	long name;     /* the name heading's block, -1: no stretching */
	size_t *prose; /* prose characters kept before each block */
} product_share;
int cln_product_share_new(const doc *d, product_share *ps);
unsigned cln_product_share(const doc *d, const product_share *ps, const elem *e, unsigned share);
/* On a product page whose kept text holds less prose (shown_prose
   characters) than its JSON-LD Product.description, set d->added_text to
   that description as plain text and say so in a warning. */
int cln_product_description(doc *d, size_t shown_prose);
/* Prose: a block long enough, with few links, that reads like sentences. */
bool cln_prose_block(const block *b);
/* The words of block b: runs of ASCII letters. */
size_t cln_block_words(const block *b);
/* Does list (class or id names) hold one of words (lower case), case aside? */
bool cln_has_word(const char *list, const char *const *words);
/* The innermost element holding elements a and b, or -1. */
int cln_elem_lca(const doc *d, int a, int b);
/* Is element a an ancestor of element b, or b itself? */
bool cln_elem_holds(const doc *d, int a, int b);
/* A thread of posts (mainposts.c): *thread is the element holding a forum's
   or a Q&A page's posts, or -1 on other pages; whole-element removals that
   took its posts are undone first (with a warning). 0 or CLN_ENOMEM. */
int cln_main_posts(doc *d, int *thread);
/* The safeguard (backoff.c): when the rules so far have left a small share
   of an HTML page's prose, undo element removals, the largest first, until
   it is back (a warning names each). 0 or CLN_ENOMEM. */
int cln_back_off(doc *d);
/* When kept_len, the length of the text kept, is 0 and the page had
   blocks: a warning naming the rule that removed the most. 0 or
   CLN_ENOMEM. */
int cln_warn_emptied(doc *d, size_t kept_len);
/* Run the before-main drop rules that judge a block by its text again, on
   blocks given back: what a broad removal took first, they never saw. With
   d->given_back set, the selector drop rules too, sparing the elements
   given back and those around them. */
int cln_rerun_drops(doc *d);
/* Is element e one of the page's landmarks, furniture by its own word: nav,
   aside, a header or footer outside sectioning content, or their ARIA
   roles? (backoff.c) */
bool cln_elem_landmark(const doc *d, int e);
/* maincontent.c: a page as main-content weighs it. */
typedef struct main_page {
	doc *d;
	uint32_t *chars, *links, *good; /* prefix sums over blocks still kept:
	                                   text, link and prose chars (a page's
	                                   offsets have 32 bits: so do these) */
	size_t good_total;
} main_page;
/* textshapes.c: lines text-mode main content tells apart from prose: a
   copyright notice (the footer begins), a line that is one long ASCII
   token (a URL, base64), and the end of a teaser list (related stories'
   headlines with one-line blurbs) that starts at block i, or i. */
bool cln_copyright_line(const block *b);
/* textsignals.c: a line of code as a dump prints a <pre> (";", "{", "}",
   "=>" at its end; a prompt or a keyword at its start). */
bool cln_code_line(const block *b);
/* The line without its indentation and trailing blanks: its first byte,
   and *n its length. */
const char *cln_line_trim(const block *b, size_t *n);
/* Does s[0, n) hold a digit? */
bool cln_has_digit(const char *s, size_t n);
/* Does s[0, n) start with one of prefixes (NULL-ended, lower case), ASCII
   case aside? */
bool cln_starts_any(const char *s, size_t n, const char *const *prefixes);
/* The index in words (NULL-ended, lower case) of the one that s[0, n) is,
   ASCII case aside; -1 if none. */
int cln_word_index(const char *s, size_t n, const char *const *words);
/* Does s[0, n) hold a year, 19xx or 20xx, no digit beside it? */
bool cln_has_year(const char *s, size_t n);
/* Is the line Chinese or Japanese (*prose: does it read as running text)? */
bool cln_cjk_line(const block *b, bool *prose);
enum { CJK_WEIGHT = 3 };
/* Does the line end "All rights reserved" (a notice, no photo credit)? */
bool cln_rights_line(const block *b);
bool cln_token_line(const block *b);
/* Does block b end as a sentence does (".", "!" or "?", white space after)? */
bool cln_ends_sentence(const block *b);
size_t cln_teaser_list(const doc *d, size_t i);
/* The end of the carousel's pictures that start at line i, "Name 0",
   "Name 1", ... (textshapes.c); i if none do. */
size_t cln_slide_run(const doc *d, size_t i);
/* The end of lynx's list of the page's <link>s ("#alternate RSS Feed")
   at the top of the text, 0 if none (textshapes.c). */
size_t cln_head_links(const doc *d);
/* Is the teaser at line i a listicle's item: named, its paragraph of two
   sentences right under its name (textshapes.c)? */
bool cln_teaser_bare(const doc *d, size_t i);
/* textlines.c: a flattened line's class, jusText's (bad, short, near-good,
   good) and more: C_GONE another rule removed it; C_COMMENT a reader's
   comment's head; C_CAPTION/C_COPY a caption and its second print no
   duplicate rule took; C_REPEAT other blocks' sentences strung together
   (cln_text_copies); maintext.c's thread adds C_HEAD (a post's author and
   time) and C_TOOL (its furniture, the poster's stats), and C_PRE, a
   <pre>'s line in a dump that indents its prose; C_SLIDE a carousel's
   picture (cln_slide_run); C_LINKS lynx's list of the page's <link>s
   (cln_head_links). */
enum { C_BAD, C_SHORT, C_NEAR, C_GOOD, C_GONE, C_COMMENT, C_CAPTION, C_COPY, C_REPEAT, C_HEAD,
       C_TOOL, C_PRE, C_SLIDE, C_LINKS };

/* What a cln_comment_head() line is: none, a comment section's heading
   ("Comments", "34 responses"), a head ("name says:"), or a time stamp ("November 19, 2019 at 6:34 am"), which
   heads a comment only among others: alone, it is the article's dateline;
   a date and a time with no "at" ("December 18, 2025, 9:46 pm") is one
   only under an article (textlines.c), a forum's post's head else. */
enum { HEAD_NONE, HEAD_SECTION, HEAD_NAME, HEAD_STAMP, HEAD_DATED };
/* cls[i], the class of each line of flattened text (C_*);
   copy[i]: cln_text_copies; min_chars: a line of prose's least. */
void cln_text_classify(const doc *d, signed char *cls, const bool *copy, long min_chars);
/* The blanks a line starts with. */
size_t cln_line_indent(const block *b);
/* A list's item, bulleted or numbered (a dump's marker). */
bool cln_item_line(const block *b);
/* A table's row: cells two blanks apart or more. */
bool cln_row_line(const block *b);
/* What a line is to a comment section: HEAD_*. */
int cln_comment_head(const block *b);
/* textposts.c: what a forum's thread prints above or beside a post
   alone on a line: its number ("#3": a ranked list's look too), its head
   (author and time) or the poster's stats. */
enum { POST_NONE, POST_NUMBER, POST_HEAD, POST_STATS };
int cln_post_head(const block *b);
/* A line's hash and index; cln_line_key_cmp sorts them by hash, then
   index, so the lines of one text (or shape) come together in order. */
typedef struct line_key {
	uint64_t h;
	size_t i;
} line_key;
int cln_line_key_cmp(const void *a, const void *b);
/* mark[i] for each block i from `from` on, bits: POST_TOOL, a short line
   that comes three times or more (furniture a thread prints under every
   post: Like, Reply); POST_QUOTE, a line of 30 chars or more printed
   before (a reply's quote of another post); 0 or CLN_ENOMEM. */
enum { POST_TOOL = 1, POST_QUOTE = 2 };
int cln_post_repeats(const doc *d, size_t from, unsigned char *mark);
/* textunits.c: a listing's cards in flattened text: the first and last
   line of the short line's shape (digits aside) that comes eight times or
   more (with `prices`, a price alone on its line five times or more) over
   the widest span, a card's lines on average, and whether a shape of the
   cards holds a number (a price, a count, a date); 1, 0 if none, or
   CLN_ENOMEM. */
typedef struct text_units {
	size_t first, last, card;
	bool numbered;
} text_units;
int cln_text_units(const doc *d, text_units *u, bool prices);
/* textspecs.c: a product's specifications, lines of a label and its
   value ("Weight: 15.92 kg", "* OS: Windows 10") or a table's rows of two
   cells: the end of the run of them that starts at line i, over a group's
   heading between them, before line n (*count: its spec lines; 0, and i
   returned, if it is no run). */
size_t cln_spec_run(const doc *d, size_t i, size_t n, size_t *count);
/* A line of a label and its value ("Weight: 15.92 kg"), or a table's row
   of two cells (textspecs.c). */
bool cln_spec_line(const block *b);
/* The drop-after rules that run on d, pattern rules (a footer's heading,
   a cookie notice): at most max of their indices in out; their count. */
size_t cln_tail_rules(const doc *d, size_t *out, size_t max);
/* Does pattern rule ri match block i, its length in range, wherever the
   block stands? */
bool cln_rule_hits(doc *d, size_t ri, size_t i);
/* The bullet or number a dump puts before a list item ("* ", "+ ", "o ",
   "# ", "@ ", "- ", w3m's "\u2022 ", "\u25CB ", "\u25A1 ", "\u25A0 ", "12. ", "3) "),
   with the blank after it: its bytes, or 0 (textwrap.c). */
size_t cln_item_marker(const char *s, size_t len);
/* The column the text of the line s[0, n) starts at: after its indent and
   an item's marker, a bullet of UTF-8 one column (textwrap.c). */
size_t cln_text_column(const char *s, size_t n);
/* mainsections.c: the nearest ancestor of element e (below <html>, or e)
   holding pct percent of the page total of prefix[] (main_page sums). */
int cln_main_gather(const doc *d, const uint32_t *prefix, int e, size_t pct);
/* Elements of one shape: the same tag and class (siblings of a grid). */
bool cln_same_shape(const elem *a, const elem *b);
/* mainsections.c: the text scores chose `best`; if it holds little of the
   page's prose, the ancestor that gathers most of it, else best. */
int cln_main_widen(const main_page *pg, int best);
/* mainsections.c: on an article or service page, the parent of `best` when
   best is one of a grid of sections that together hold the prose. */
int cln_main_sections(const main_page *pg, int best);
/* mainsections.c: mark in card[] (d->n, false on entry) the titles of the
   cards of a grid that is what element top holds: content however much of
   them is links. 1 if so, 0 if top is no such grid, or CLN_ENOMEM. */
int cln_main_cards(const main_page *pg, int top, bool *card);
/* mainsections.c: is element e a grid of cards? 1, 0 or CLN_ENOMEM. */
int cln_main_grid(const main_page *pg, int e);
/* mainlisting.c: on a listing page, the element holding the list when
   `best` holds too little of the page's text to be more than one card;
   else best. */
int cln_listing_widen(const main_page *pg, int best);
/* mainlisting.c: on a listing page, mark in body[] the other parts of the
   list: grids of cards beside the pick's ancestors. 0 or CLN_ENOMEM. */
int cln_listing_parts(const main_page *pg, int best, bool *body);
/* mainlisting.c: is link block b a card's headline on a listing page (it
   stays in the body however much of it is links)? rows: link rows are
   the list (cln_listing_rows). */
bool cln_listing_title(const doc *d, const block *b, bool rows);
/* mainlisting.c: is link block b a card's row of tags on a listing page,
   in a card holding `plain` characters of text outside links? */
bool cln_listing_button(const doc *d, const block *b);
bool cln_listing_tags(const doc *d, const block *b, size_t plain);
/* mainlisting.c: do rows of links hold most of the kept text of the
   blocks in[] (a directory), on a listing page? */
bool cln_listing_rows(const doc *d, const bool *in);
/* On a listing or collection page: does block i repeat a line kept just
   before it in the same card (a card's name under its image and in its
   heading)? */
bool cln_listing_copy(const doc *d, size_t i);
/* mainlisting.c: how many blocks from i repeat a card the body kept before
   it in another part of the page (0: none) */
size_t cln_listing_twice(const doc *d, const bool *in, size_t i);
/* mainlisting.c: is HTML block b a row of short links (a menu, tags)? */
bool cln_link_row(const doc *d, const block *b);
/* pagetype.c: is the text a short price ("$24.99", "19,90 €", "£5")? */
bool cln_price_text(const char *s, size_t len);

/* ---- selectors (selector.c) -------------------------------------------- */

/* Compile a selector (its @NAME patterns: the defines loaded so far in
   names, which may be NULL); on error NULL, with the message
   (CLN_OOM_MESSAGE when out of memory) and the byte offset in s where it
   went wrong. */
selector *cln_selector_compile(const char *s, size_t len, const cln_rules *names,
                               size_t *err_pos, char *err, size_t errsize);
void cln_selector_free(selector *sel);

/* What an element must have to match a complex selector: its tag, id,
   a class, an attribute, or (SK_NAMED, for :classid) an id or a class. */
enum { SK_TAG, SK_ID, SK_CLASS, SK_ATTR, SK_NAMED };
typedef struct sel_key {
	int kind;
	unsigned tag;     /* SK_TAG: its GumboTag (GUMBO_TAG_UNKNOWN: by name) */
	const char *name; /* SK_TAG of an unknown tag, SK_ID, SK_CLASS, SK_ATTR */
} sel_key;
/* The key of each of sel's complex selectors into out[0, *n) (at most
   max); false when one has none: any element may match. An element
   without any of the keys is no match, and testing it would count nothing
   against the rule's budget (selindex.c relies on both). */
bool cln_selector_keys(const selector *sel, sel_key *out, size_t max, size_t *n);

/* Call each with every attribute name sel tests (lower case), :not,
   :has and :upward included; CLN_ENOMEM when each fails. */
int cln_selector_attrs(const selector *sel, int (*each)(void *ud, const char *name), void *ud);

/* :has-text: which blocks a pattern matches, as prefix counts over blocks. */
typedef struct sel_text {
	const regex *re;
	size_t *hits;
} sel_text;

/* Per-page matching state of one selector rule (zero it, set d and ri). */
typedef struct sel_ctx {
	doc *d;
	size_t ri;                /* the rule: its match budget pays for patterns */
	sel_text *text;
	size_t ntext, captext;
	const selector *memo_sel; /* the selector memo is for */
	unsigned char *memo;      /* per element and column: what is known */
	size_t ncols;
	unsigned char *has_done;  /* per :has() list of memo_sel: worked out */
	int *prev;                /* per element: previous element sibling, -1; */
	uint32_t *nth;            /* its position among them (made when needed) */
	unsigned char *answers;   /* :classid's, per :classid of memo_sel and word
	                             of the page (made when first asked) */
	size_t nwords;
	bool failed;              /* out of memory: the answers are not to be used */
} sel_ctx;

bool cln_selector_match(sel_ctx *cx, const selector *sel, int elem);
void cln_sel_ctx_free(sel_ctx *cx);
/* drop {...} / keep {...} on an HTML page (no-op on text). */
int cln_apply_selector(doc *d, size_t r);

/* ---- the selector index (selindex.c) ------------------------------------ */

/* The elements selector rule r is to be tested on, in document order
   (*v, *n), found for every rule in one walk over the page the first time
   one asks; *all: every element instead. CLN_ENOMEM, else 0. */
int cln_selindex_get(doc *d, size_t r, const uint32_t **v, size_t *n, bool *all);
/* Element ei's id and class names as the page's word numbers, id first
   (*v, *n); CLN_ENOMEM, else 0. A word's bytes, and how many there are
   (once the index is made). */
int cln_selindex_words(doc *d, size_t ei, const uint32_t **v, size_t *n);
const char *cln_selindex_word(const doc *d, uint32_t w, size_t *n);
size_t cln_selindex_nwords(const doc *d);
void cln_selindex_free(struct selindex *sx);

/* ---- explain (explain.c) ----------------------------------------------- */

typedef struct explain explain;

/* A trace for cln_clean_options.explain; a bad selector is CLN_ESYNTAX in
   err. Free with cln_explain_free. */
int cln_explain_new(explain **out, const cln_explain_options *opts, const cln_rules *rules,
                    cln_error *err);
void cln_explain_free(explain *ex);
/* Whether --explain-path's selector is asked for: it may test any
   attribute, so the parse then keeps them all (htmlskip.c). */
bool cln_explain_selects(const explain *ex);
/* Rule r matched block i but did not take it: another rule removed it, a
   keep rule protects it, or (r a keep rule) another keep rule has it. */
void cln_explain_note(doc *d, size_t i, int r);
/* Selector rule r matched an element holding block i and spared it, the
   element being over the rule's max-share of the text left. */
void cln_explain_spared(doc *d, size_t i, int r);
/* Does rule r's pattern match block i, which it may no longer take? Tested
   anyway, the budget it spends given back. */
bool cln_explain_matches(doc *d, size_t r, const pattern *p, size_t i);
/* The same, noting a match. */
void cln_explain_probe(doc *d, size_t r, const pattern *p, size_t i);
/* What main-content decided. HTML: the container elem, how it was chosen,
   the elements' scores (or NULL); text: the body lines and the best other
   stretch (first == 0: none). */
typedef struct main_trace {
	int rule;
	const char *how;        /* static */
	int elem, runner;       /* HTML: elements, -1 if none */
	double score, runner_score;
	unsigned first, last, runner_first, runner_last; /* text: lines */
} main_trace;
void cln_explain_main(doc *d, const main_trace *m);
/* After the rules ran (details in block order): keep what the selected
   blocks need once the page is gone, the document's host ("" if none) and
   the rules scoped to other sites (d->ran). */
int cln_explain_finish(doc *d, const char *host);
/* Is rule r's part one cln_clean_options.keep_parts keeps (its removals
   given back once the rules ran)? */
bool cln_part_kept(const doc *d, const rule *r);
/* The part removed block b belongs to: its rule's part=NAME; for
   main-content only in the groups it marked so (cln_part_group); or NULL. */
const char *cln_block_part(const doc *d, const block *b);
/* report.c's JSON helpers: a string with bad UTF-8 bytes as U+FFFD, and
   compact JSON appended to out (j released; NULL j is -1). */
struct json_t;
struct json_t *cln_json_text(const char *s, size_t len);
int cln_json_put(buf *out, struct json_t *j);
/* {"type":..., "signals":[{"name","type","weight"}...]}: the result's page
   type for the JSON output and explain (report.c). */
struct json_t *cln_json_page_type(const cln_result *res);
/* The trace a result holds (clean.c), or NULL. */
const explain *cln_result_trace(const cln_result *res);

/* ---- output ------------------------------------------------------------ */

/* Where removals and edits meet the clean text (cln_removal.text_at): the
   text's length when the emitter passes the first block of a removed run,
   and where a kept block with edits starts. In block order, one per such
   block, so a page's spots cost 16 bytes per removal, not per block. */
typedef struct spot {
	size_t block, at;
} spot;
typedef struct spots {
	spot *v;
	size_t n, cap;
} spots;

int cln_emit_text(const doc *d, buf *out, spots *at);
/* HTML: kept blocks as paragraphs, list items and lines, appended to out
   (which may hold a title already). */
int cln_emit_html(const doc *d, buf *out, spots *at);

/* React's server rendering streams a late part of the page as a hidden
   <div id="S:x"> at the end of <body>, and a script moves it to where
   <template id="B:x"> or <template id="P:x"> stands (recorded by the
   blocks stage; maincontent.c takes the part into the body there). */
typedef struct stream_slot {
	char id[16];     /* x */
	int parent;      /* the element the template stands in */
} stream_slot;

/* What Markdown writes inside a block's text (recorded by the blocks
   stage when cln_clean_options.markdown asks): an emphasis, code, link or
   image element and where its text is in the block's. */
typedef struct md_inline {
	uint32_t block;
	uint32_t from, to;  /* an image: from == to; INL_ALONE: an image in no
	                       text, standing before the block */
	int elem;
} md_inline;
#define INL_ALONE UINT32_MAX
/* Does the blocks stage record elements named tag (CLN_MARKDOWN_* flags)? */
bool cln_md_inline(const char *tag, unsigned flags);
/* The Markdown of d's kept blocks, appended to out; links and images
   resolve against base (NULL: left as they are). */
int cln_emit_markdown(const doc *d, const char *base, unsigned flags, buf *out);
/* ref[0, n) resolved against the absolute URL base (NULL: none), appended
   to out: 0, or -1 when out of memory (url.c). */
int cln_url_resolve(buf *out, const char *base, const char *ref, size_t n);

/* A new removal group; elem: the element a selector dropped, or -1. Out of
   memory sets d->nomem (the clean then fails). */
int cln_new_group(doc *d, int elem);
/* Mark group g, the last one made, as main-content's part (its rule's
   part=NAME). Out of memory sets d->nomem. */
void cln_part_group(doc *d, int g);

/* ---- reports (report.c, reporthtml.c) ---------------------------------- */

/* part of whole in percent, rounded to one decimal; 0 when whole is 0. */
double cln_percent(size_t part, size_t whole);
/* "line 4" or "lines 4-9": where a removal is, into out. */
void cln_removal_lines(char *out, size_t size, const cln_removal *m);
/* The HTML report of a result, appended to out: CLN_ENOMEM or 0. */
int cln_report_html(buf *out, const cln_result *res);

/* Append the text the result renders as f to out (the text forms; JSON is
   report.c's). */
int cln_result_output(const cln_result *res, cln_output_format f, buf *out);

#endif
