/* cli.h - the command line's own modules (not part of libcleaner). */
#ifndef CLEANER_CLI_H
#define CLEANER_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

#include "cleaner.h"

/* ---- a first pass over the documents of a run -------------------------- */

/* What --site-repeats and cleaner learn gather from each document before
   (or instead of) cleaning it: the readers of folders, JSONL and WARC hand
   each document to page() in a worker thread, and what it returns to add()
   in input order, so what is gathered is the same for any -j. */
typedef struct page_sink {
	/* Clean data (co: as the run would, with its URL) and return what add
	   gets (malloc'd; freed after add), or NULL with a message in err. */
	char *(*page)(void *ud, const cln_rules *rules, const char *data, size_t len,
	              const cln_clean_options *co, const char *name, char *err, size_t errsize);
	/* page's result (NULL: the document failed, err says why). */
	void (*add)(void *ud, const char *page, const char *err);
	/* For the run's summary, or NULL. */
	void (*note)(void *ud, char *out, size_t size);
	void *ud;
} page_sink;

/* ---- learn.c, learnrules.c ---------------------------------------------- */

/* A block of a page cleaner learn read: its text, path and fate. */
typedef struct learn_block {
	unsigned long long fp; /* cln_fingerprint of the text; 0: blank */
	const char *text;
	size_t text_len;
	const char *path;      /* cln_block.path, NULL for text input */
	size_t chars;          /* characters of text */
	bool kept;             /* the loaded rules kept it */
	bool data;             /* fewer than two words of three letters: a price,
	                          a code, "Varies"; no text rule is made of it */
} learn_block;

typedef struct learn_page {
	size_t n;
	learn_block *b;
	char *strings;         /* the texts and paths */
} learn_page;

typedef struct learn_host {
	char *host;
	learn_page **pages;    /* in input order */
	size_t npages, cap;
} learn_host;

typedef struct learn_options {
	size_t min_pages;      /* a finding needs this many pages (default 5) */
	size_t min_share;      /* and this percent of the host's (default 50) */
	size_t article_pages;  /* kept text seen on fewer pages is article text (3) */
} learn_options;

/* `cleaner learn [OPTION]... INPUT...` (argv[0] is "learn"); the exit
   status: 0, 1 an input failed, 2 usage or refused. */
int cli_learn_main(int argc, char **argv);
/* The proposed rule file of one host to f; *nrules: how many. 0 or -1
   (out of memory). */
int learn_write_host(FILE *f, const learn_host *h, const learn_options *o, size_t *nrules);

/* ---- repeats.c ---------------------------------------------------------- */

/* --site-repeats: block fingerprints counted per host in a first pass. */
typedef struct repeats repeats;
/* Drop what is seen on at least min_pages pages and share % of its host's;
   the table takes at most `memory` bytes (at least 768). NULL: no memory. */
repeats *repeats_new(size_t min_pages, unsigned share, size_t memory);
void repeats_free(repeats *r);
/* The first pass that counts into r. */
void repeats_sink(repeats *r, page_sink *out);
/* Second pass: let co's site-repeat rule ask r. */
void repeats_use(repeats *r, cln_clean_options *co);
/* The rule --site-repeats adds to the rule set. */
#define REPEATS_RULE "site-repeat: site-repeat\n"

/* ---- jsonl.c ------------------------------------------------------------ */

typedef struct jsonl_options {
	const char *html_field;    /* input field holding HTML ("html") */
	const char *text_field;    /* input field holding text ("text") */
	const char *out_field;     /* where the clean text goes ("text") */
	const char *summary_field; /* where the summary goes ("cleaner") */
	int full_report;           /* add the whole JSON report to the summary */
	cln_clean_options clean;   /* as the user set them; its format says how
	                              to read the text field (auto) */
	cln_output_format output_format; /* text or markdown */
	struct progress *prog;     /* counts each result, says warnings */
	const struct page_sink *sink; /* NULL, or a first pass hands it each
	                              document (--site-repeats, cleaner learn) */
} jsonl_options;

/* ---- explain.c ---------------------------------------------------------- */

/* Check the --explain-path selector: 0, or <0 once the error, the
   selector and a caret under the spot are on standard error. */
int cli_explain_check(const cln_rules *rules, const cln_explain_options *eo);
/* Write the explanation of res to out: JSON (and a newline), or text,
   coloured when out is a terminal and NO_COLOR is not set, after a line
   "== name ==" when name is not NULL. 0 or <0. */
int cli_explain_write(FILE *out, const cln_result *res, int json, const char *name);

/* ---- summary.c ---------------------------------------------------------- */

/* The compact summary of a result for JSONL output, as JSON text (malloc'd;
   NULL if out of memory): removed_bytes, removed_blocks, rules {id: hits},
   and with full_report the report. */
char *cli_summary(const cln_result *res, int full_report);
/* The text for the output line: the clean text, or with f markdown the
   Markdown rendering, in *owned (free it with cln_free); NULL if out of
   memory. */
const char *cli_line_text(const cln_result *res, cln_output_format f, char **owned, size_t *len);

/* Clean one JSONL line; returns the output object as a malloc'd string
   (no newline), or NULL with a message in err; with o->sink, what the sink
   makes of its document instead. Thread-safe. */
char *jsonl_clean_line(const jsonl_options *o, const cln_rules *rules, const char *line,
                       size_t len, const char *file, size_t lineno, char *err, size_t errsize);
/* Every line of the inputs ("-": standard input) with `threads` workers:
   with o->sink, first each to the sink (failures said unless out follows);
   with out, then cleaned to out in input order. *failed: documents that
   failed (in the last pass). 0, or -1 on a write error. */
int jsonl_run_all(const jsonl_options *o, const char *const *inputs, size_t ninputs,
                  size_t max_bytes, unsigned threads, const cln_rules *rules, FILE *out,
                  size_t *failed);

/* ---- ordered.c ---------------------------------------------------------- */

/* Work on one item (in a worker thread): return the output (malloc'd) or
   NULL with a message in err. */
typedef char *(*ordered_work)(void *ud, const char *in, size_t len, size_t seq, char *err,
                              size_t errsize);
/* Fetch the next item (in the calling thread): 1 got one (*in malloc'd,
   handed over), 0 no more, -1 stop now. */
typedef int (*ordered_next)(void *ud, char **in, size_t *len);
/* Take a result in input order (in the calling thread); 0 to go on. */
typedef int (*ordered_emit)(void *ud, size_t seq, const char *out, const char *err);

/* Run work over every item with `threads` workers, at most `window` items
   and (past one item per thread) 32 MB of input per thread in flight, so
   memory stays bounded; results emitted in input order.
   Returns 0, or -1 if next or emit asked to stop or threads failed. */
int ordered_run(unsigned threads, size_t window, ordered_next next, ordered_work work,
                ordered_emit emit, void *ud);

/* Catch SIGINT, SIGTERM and SIGHUP: runs stop reading and finish what is in
   flight; the exit status is then 128 + the signal. */
void cli_catch_signals(void);
/* The signal that asked to stop, or 0. */
int cli_stopped(void);

/* ---- progress.c --------------------------------------------------------- */

/* A progress line on a terminal and a closing summary on standard error. */
typedef struct progress progress;
progress *progress_new(int quiet, size_t total);
/* Count a result (any thread). */
void progress_add(progress *p, const cln_result *res);
/* A document is finished; redraws at most 4 times a second. failure: NULL,
   or why it failed, printed at once above the progress line ("cleaner: "
   before it) and listed again in the summary (the first ten). */
void progress_done(progress *p, const char *failure);
/* A message from a printf format, printed above the progress line: with
   failure, progress_done(p, message); else a warning (none with --quiet). */
void progress_say(progress *p, int failure, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* While mute (a first pass over the inputs), nothing is said or counted. */
void progress_mute(progress *p, int mute);
/* Clear the line, print the summary (extra: more to say) and, even with
   --quiet, whether a signal interrupted the run and after how many
   documents; free. */
void progress_finish(progress *p, const char *extra);
/* --stats=FILE: progress_finish also writes the run's totals to path (NULL:
   not) as one JSON object, for programs that add up many runs. */
void progress_stats_to(progress *p, const char *path);

/* s with control characters (C0, DEL, C1) written as \xHH (\n, \t), so a
   name or id cannot steer the terminal; cut to fit size. */
void cli_escape(const char *s, char *out, size_t size);
/* "cleaner: " and msg, escaped, on a line of standard error. */
void cli_say(const char *msg);

/* ---- warc.c ------------------------------------------------------------- */

typedef struct warc_options {
	const char *const *inputs;
	size_t ninputs;
	unsigned jobs;
	cln_clean_options clean;   /* its charset overrides the HTTP header and the page */
	cln_output_format output_format; /* text or markdown */
	size_t max_bytes;
	const char *summary_field;
	int full_report;
	int quiet;
	const page_sink *sink;     /* NULL, or each record to it in a first pass */
	bool sink_only;            /* no clean pass after it (cleaner learn) */
	const char *stats;      /* --stats=FILE, or NULL */
} warc_options;

/* Clean every HTML response record of the WARC files into JSONL on out.
   Returns the exit status. */
int warc_run_all(const warc_options *o, const cln_rules *rules, FILE *out);

/* ---- batch.c ------------------------------------------------------------ */

typedef struct batch_options {
	const char *outdir;
	const char *const *inputs;
	size_t ninputs;
	int recursive;          /* -R: walk folders */
	const char *const *include, *const *exclude; /* -R: --include, --exclude */
	size_t ninclude, nexclude;
	int skip_existing;
	unsigned jobs;
	cln_clean_options clean;
	cln_output_format output_format;
	int report;             /* write a report per document */
	const char *report_file; /* all reports to it ("-": standard output); NULL:
	                            beside each output as OUT.report.txt/.json */
	cln_report_format report_format;
	size_t max_bytes;       /* 0: no limit */
	int quiet;
	const page_sink *sink;  /* NULL, or each document to it in a first pass */
	const char *stats;      /* --stats=FILE, or NULL */
} batch_options;

/* A document of a folder run, found before it starts. */
typedef struct batch_doc {
	char *in, *out;
	char *beside;     /* its report beside the output, or NULL */
	bool in_known;    /* dev, ino: the input's, if it exists */
	bool skip;        /* --skip-existing: its output is there */
	dev_t dev;
	ino_t ino;
} batch_doc;

/* ---- names.c ------------------------------------------------------------ */

/* Check the names the documents will be written to (see names.c): 0, 2
   with every clash said on standard error, -1 out of memory. With
   o->skip_existing, marks the documents whose output exists. */
int names_check(const batch_options *o, batch_doc *docs, size_t n);
/* a b c d, malloc'd (NULL if out of memory) */
char *cli_concat(const char *a, const char *b, const char *c, const char *d);

/* Clean every input into o->outdir. Before anything is cleaned, a run in
   which two documents (or their reports) would be written to one name, or
   an output or the report would replace an input or another output, is
   refused with the names. SIGINT and SIGTERM stop it cleanly. Returns the
   exit status: 0, 1 if a document failed, 2 if refused, 128 + the signal if
   stopped. */
int batch_run(const batch_options *o, const cln_rules *rules);

/* ---- walk.c ------------------------------------------------------------- */

typedef struct walk_avoid {
	dev_t dev;
	ino_t ino;
	const char *why; /* the note: "the output folder" */
} walk_avoid;

typedef struct walk_options {
	const char *const *include; /* --include globs (none: every file) */
	size_t ninclude;
	const char *const *exclude; /* --exclude globs, for files and folders */
	size_t nexclude;
	const walk_avoid *avoid;    /* not entered, with a note */
	size_t navoid;
	int quiet;                  /* no notes */
} walk_options;

/* What a walk left out, by kind. */
typedef struct walk_counts {
	size_t special;    /* FIFOs, devices, sockets */
	size_t links;      /* symbolic links (not followed) */
	size_t hidden;     /* names starting with '.' */
	size_t binary;     /* not text by their first bytes */
	size_t excluded;   /* by --include / --exclude */
	size_t unreadable; /* folders or entries that could not be read (named at once) */
} walk_counts;

/* A file found: path, the part of it below the root, its lstat; 0 to go on. */
typedef int (*walk_found)(void *ud, const char *path, const char *rel, const struct stat *st);

/* Every regular text file below root that is not hidden or excluded, in
   sorted order; the rest counted in c. 0, or -1 out of memory or if found
   said so. */
int walk_folder(const char *root, const walk_options *o, walk_counts *c, walk_found found,
                void *ud);
/* Do the first bytes of a file look like text (no NUL, few control bytes,
   no image or archive signature)? UTF-16 with a BOM counts as text. */
bool cli_looks_text(const unsigned char *p, size_t n);

/* ---- input.c ------------------------------------------------------------ */

/* An input file ("-": standard input) read as bytes, decompressed if its
   first bytes are gzip or zstd magic (any name; every member or frame in
   turn). Damage is skipped to the next member or frame header and said. */
typedef struct cli_input cli_input;
/* NULL with "name: reason" in err. */
cli_input *cli_input_open(const char *path, char *err, size_t errsize);
/* Up to room bytes into dst, as soon as some are there (a pipe's lines are
   not held back): how many; 0 at the end; -1 an error or a stop asked by
   a signal (err; the input is done, never cut short silently); -2 damage, reported in err with its byte
   offset in the compressed input and what was skipped (reading goes on). */
long cli_input_read(cli_input *s, char *dst, size_t room, char *err, size_t errsize);
/* The input's name for messages ("<stdin>" for "-"). */
const char *cli_input_name(const cli_input *s);
void cli_input_close(cli_input *s);

/* ---- files.c ------------------------------------------------------------ */

/* What one document may hold, decompressed, unless --max-bytes says
   otherwise: a bound on the memory any input can ask for. */
#define CLI_DEFAULT_MAX_BYTES ((size_t)128 << 20)

/* Read a whole file ("-": standard input), decompressed as cli_input does;
   over max_bytes (if not 0) is an error, and so is damage. 0, or -1 with a
   message naming the file in err. */
int cli_read_file(const char *path, size_t max_bytes, char **out, size_t *len, char *err,
                  size_t errsize);

/* The compression a name asks for: ".gz", ".zst", or "" for none. */
const char *cli_compression(const char *path);

/* A file read line by line through cli_input, in chunks: memory is bounded
   by the longest line. */
typedef struct cli_lines cli_lines;
cli_lines *cli_lines_open(const char *path, char *err, size_t errsize);
/* The next line without its '\n' (valid until the next call): its length,
   -1 at the end, -2 on an error (err), -3 for a line longer than max (if
   not 0), which is let go as it is read (err says how long it was), -4 for
   damage in compressed input (err says where; a line cut by it is dropped,
   and reading goes on after it). */
long cli_lines_next(cli_lines *l, size_t max, char **line, char *err, size_t errsize);
/* The last line is copied or done with: let a buffer grown for it shrink. */
void cli_lines_release(cli_lines *l);
/* Up to n bytes after the last line handed out (what is buffered first):
   how many (0 at the end), or -2 (error) / -4 (damage) with err. */
long cli_lines_read(cli_lines *l, char *dst, size_t n, char *err, size_t errsize);
/* Bytes of the input (decompressed) handed out so far. */
unsigned long long cli_lines_offset(const cli_lines *l);
const char *cli_lines_name(const cli_lines *l);
void cli_lines_close(cli_lines *l);

/* ---- output.c ----------------------------------------------------------- */

/* An output file that is whole or absent: written through a temporary file
   in the same folder, compressed on the way if the name ends in .gz or .zst,
   renamed over path by cli_out_close(commit) once everything is written,
   removed otherwise. The new file gets the mode a plain create would give.
   A device (/dev/null, /dev/full, a pipe) is written in place. */
typedef struct cli_out cli_out;
cli_out *cli_out_open(const char *path, char *err, size_t errsize);
FILE *cli_out_file(cli_out *o);
/* Commit only where no file is at path; one there makes the close fail
   with EEXIST. */
void cli_out_keep_old(cli_out *o);
/* 0, or -1 with "path: reason" in err (err may be NULL) if a write failed. */
int cli_out_close(cli_out *o, bool commit, char *err, size_t errsize);
/* All of data to path the same way. 0, or -1 and err. */
int cli_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsize);

/* -o FILE and --report=FILE: a cli_out by name, "-" standard output, no
   name the stream std. */
typedef struct cli_stream {
	FILE *f;
	cli_out *file; /* NULL: a standard stream */
	const char *name;
} cli_stream;
/* 0, or -1 said on standard error. */
int cli_stream_open(cli_stream *s, const char *path, FILE *std);
/* Finish: keep the file written, or drop it (leaving what was there); a
   stream is flushed. 0, or -1 said on standard error. */
int cli_stream_close(cli_stream *s, bool keep);

/* ---- check.c ------------------------------------------------------------ */

/* A rule-file error as jq shows one: "file:line:col: error: message", the
   line, a caret under the column; on standard error. userdata: a size_t
   counting them. */
void cli_print_rule_error(const cln_error *e, void *userdata);
/* Options that load files[0..n) (and the default rules unless no_defaults)
   and print each error with cli_print_rule_error, counting them in *nerr. */
cln_rules_options cli_rules_options(const char *const *files, size_t n, bool no_defaults,
                                    size_t *nerr);

typedef struct check_options {
	const char *const *files; /* --rules, in order */
	size_t nfiles;
	int no_defaults;
	const char *pages;        /* --pages DIR, or NULL */
	int json;                 /* --json: one JSON object on standard output */
} check_options;

/* --check: load and lint the rules. Returns the exit status: 0 clean, 1
   warnings, 2 errors (in the rules, or --pages unreadable). */
int cli_check(const check_options *o);

/* ---- test.c ------------------------------------------------------------- */

/* `cleaner test [--update] [-q] DIR...` (argv[0] is "test"); the exit
   status: 0 every case passed, 1 some failed, 2 usage error. */
int cli_test_main(int argc, char **argv);

/* ---- diff.c ------------------------------------------------------------- */

/* A unified diff of text a (named aname) to b on out: 0 if they are the
   same, else 1. Texts too long for a line diff in bounded memory get
   "differ at line N" instead. */
int cli_diff(FILE *out, const char *a, size_t alen, const char *b, size_t blen,
             const char *aname, const char *bname);

#endif
