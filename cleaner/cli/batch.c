/*
 * batch.c - many files into an output folder: `cleaner -o OUTDIR FILE|DIR...`.
 * Each input becomes OUTDIR/<its path, extension per output format>; each
 * output is written to a temporary file and renamed, so an interrupted run
 * leaves no half-written file, and --skip-existing carries on from there.
 * Worker threads clean and write; reports come out in input order.
 */
#include <errno.h>
#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* One document: where it comes from and where it goes (both in one
   allocation, handed through the ordered runner). */
typedef struct job {
	char *in;   /* points into data */
	char *out;
	char data[];
} job;

typedef struct batch {
	const batch_options *o;
	const cln_rules *rules;
	batch_doc *docs;
	size_t n, cap, next;
	size_t done, failed, skipped;
	size_t unusable;  /* inputs named that are folders (without -R) or devices */
	walk_counts walked;
	FILE *report;
	progress *prog;
	atomic_int write_failed; /* an output could not be written: stop */
	bool sink_pass;          /* o->sink's pass */
} batch;

static const char *extension(cln_output_format f)
{
	return f == CLN_OUTPUT_MARKDOWN ? ".md" : f == CLN_OUTPUT_JSON ? ".json" : ".txt";
}


/* OUTDIR/rel with the extension replaced; a compressed input (.gz, .zst)
   gives an output compressed the same way. */
static char *out_path(const batch_options *o, const char *rel)
{
	size_t rl = strlen(rel);
	const char *zip = cli_compression(rel);
	rl -= strlen(zip);
	const char *slash = NULL, *dot = NULL;
	for (const char *c = rel; c < rel + rl; c++) {
		slash = *c == '/' ? c : slash;
		dot = *c == '.' ? c : dot;
	}
	size_t stem = dot && (!slash || dot > slash) && dot != rel ? (size_t)(dot - rel) : rl;
	while (*rel == '/' && stem > 0) { /* an absolute input keeps its tree below OUTDIR */
		rel++;
		stem--;
	}
	const char *ext = extension(o->output_format);
	size_t dl = strlen(o->outdir);
	const char *sep = dl && o->outdir[dl - 1] == '/' ? "" : "/";
	size_t n = dl + 1 + stem + strlen(ext) + strlen(zip) + 1;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s%.*s%s%s", o->outdir, sep, (int)stem, rel, ext, zip);
	return p;
}

/* OUT.report.json (or .txt, .html): a document's report beside its output. */
static char *beside_path(const batch_options *o, const char *out)
{
	static const char *const ext[] = { [CLN_REPORT_TEXT] = ".txt", [CLN_REPORT_JSON] = ".json",
		                           [CLN_REPORT_HTML] = ".html" };
	return cli_concat(out, ".report", ext[o->report_format], "");
}

static int add(batch *b, const char *in, const char *rel, const struct stat *st)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		batch_doc *d = realloc(b->docs, cap * sizeof *d);
		if (!d)
			return -1;
		b->docs = d;
		b->cap = cap;
	}
	batch_doc *d = &b->docs[b->n];
	*d = (batch_doc){ .in = strdup(in), .out = out_path(b->o, rel), .in_known = st != NULL };
	if (st) {
		d->dev = st->st_dev;
		d->ino = st->st_ino;
	}
	if (d->out && b->o->report && !b->o->report_file)
		d->beside = beside_path(b->o, d->out);
	b->n++;
	if (!d->in || !d->out || (b->o->report && !b->o->report_file && !d->beside))
		return -1;
	return 0;
}

static int found(void *ud, const char *path, const char *rel, const struct stat *st)
{
	return add(ud, path, rel, st);
}

static int by_input(const void *x, const void *y)
{
	return strcmp(((const batch_doc *)x)->in, ((const batch_doc *)y)->in);
}

/* Every input file, folders walked (with -R) in sorted order. 0, 2 to
   refuse the run, -1 out of memory. */
static int collect(batch *b, const walk_options *wo, const struct stat *outdir)
{
	for (size_t i = 0; i < b->o->ninputs; i++) {
		const char *p = b->o->inputs[i];
		struct stat st;
		bool there = stat(p, &st) == 0;
		if (there && S_ISDIR(st.st_mode)) {
			if (!b->o->recursive) {
				progress_say(NULL, 1, "%s: is a folder (use -R to clean all in it)", p);
				b->unusable++;
				continue;
			}
			if (st.st_dev == outdir->st_dev && st.st_ino == outdir->st_ino) {
				progress_say(NULL, 1, "the output folder %s is the input folder %s: its "
				             "outputs would be cleaned again and could replace inputs; "
				             "nothing was cleaned", b->o->outdir, p);
				return 2;
			}
			size_t start = b->n;
			if (walk_folder(p, wo, &b->walked, found, b) < 0)
				return -1;
			/* one order for the whole run, whatever the file system's */
			if (b->n > start) /* b->docs may be NULL yet */
				qsort(b->docs + start, b->n - start, sizeof *b->docs, by_input);
		} else if (there && !S_ISREG(st.st_mode)) {
			progress_say(NULL, 1, "%s: not a regular file (a pipe or device goes to -o FILE "
			             "or standard output)", p);
			b->unusable++;
		} else {
			const char *base = strrchr(p, '/');
			if (add(b, p, base ? base + 1 : p, there ? &st : NULL) < 0)
				return -1;
		}
	}
	return 0;
}

static int next(void *ud, char **item, size_t *len)
{
	batch *b = ud;
	while (b->next < b->n) {
		if (cli_stopped() || atomic_load(&b->write_failed))
			return 0;
		const batch_doc *d = &b->docs[b->next++];
		if (d->skip)
			continue;
		size_t li = strlen(d->in), lo = strlen(d->out);
		job *j = malloc(sizeof *j + li + lo + 2);
		if (!j)
			return -1;
		j->in = j->data;
		j->out = j->data + li + 1;
		memcpy(j->in, d->in, li + 1);
		memcpy(j->out, d->out, lo + 1);
		*item = (char *)j;
		*len = sizeof *j + li + lo + 2;
		return 1;
	}
	return 0;
}

/* Does a failed write mean every later one fails too (stop the run), or
   only this document's (a name too long, a folder in the way)? */
static bool ends_run(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EFBIG || e == EIO || e == EROFS || e == ENOMEM;
}

/* mkdir -p for the folder of path. */
static int make_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0777);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

/* Write a document's clean output to its path (folders made as needed). */
static int write_output(batch *b, const job *j, const cln_result *res, char *err, size_t errsize)
{
	char *text = NULL;
	size_t tl = 0;
	char *outp = strdup(j->out);
	int rc = outp && make_parents(outp) == 0 &&
	         cln_result_render(&text, &tl, res, b->o->output_format, NULL) == 0 ? 0 : -1;
	if (rc == 0) {
		if (b->o->output_format == CLN_OUTPUT_JSON)
			text[tl++] = '\n'; /* the NUL's place: one object, one line */
		rc = cli_write_atomic(j->out, text, tl, err, errsize);
	} else
		snprintf(err, errsize, "%s: %s", j->out, strerror(errno ? errno : ENOMEM));
	if (rc < 0 && ends_run(errno))
		atomic_store(&b->write_failed, 1);
	free(outp);
	cln_free(text);
	return rc;
}

/* A document's report (taken over): written beside its output ("" is
   returned then), or as the report file's lines naming the document. */
static char *report_out(batch *b, const job *j, char *rep, char *err, size_t errsize)
{
	if (!b->o->report_file) {
		bool json = b->o->report_format == CLN_REPORT_JSON;
		char *rp = beside_path(b->o, j->out);
		size_t rl = strlen(rep);
		if (json)
			rep[rl++] = '\n'; /* over the NUL: one object, one line */
		if (!rp)
			snprintf(err, errsize, "%s: out of memory", j->in);
		int rc = rp ? cli_write_atomic(rp, rep, rl, err, errsize) : -1;
		if (rc < 0 && (!rp || ends_run(errno)))
			atomic_store(&b->write_failed, 1);
		free(rp);
		cln_free(rep);
		return rc == 0 ? strdup("") : NULL;
	}
	char *line = NULL;
	if (b->o->report_format == CLN_REPORT_JSON) {
		json_t *name = json_string(j->in);
		char *q = name ? json_dumps(name, JSON_ENCODE_ANY) : NULL;
		line = q ? cli_concat("{\"input\":", q, ",", rep + 1) : NULL;
		free(q);
		json_decref(name);
	} else {
		line = cli_concat("== ", j->in, " ==\n", rep);
	}
	cln_free(rep);
	if (!line)
		snprintf(err, errsize, "%s: out of memory", j->in);
	return line;
}

static char *work(void *ud, const char *item, size_t len, size_t seq, char *err, size_t errsize)
{
	batch *b = ud;
	const job *j = (const job *)item;
	(void)len;
	(void)seq;
	char *data = NULL;
	size_t n = 0;
	if (cli_read_file(j->in, b->o->max_bytes, &data, &n, err, errsize) < 0) {
		if (cli_stopped())
			err[0] = '\0'; /* not a failure: left for --skip-existing */
		return NULL;
	}
	if (b->sink_pass) {
		char *page = b->o->sink->page(b->o->sink->ud, b->rules, data, n, &b->o->clean, j->in,
		                              err, errsize);
		free(data);
		return page;
	}
	cln_result *res;
	cln_error ce;
	if (cln_clean(&res, b->rules, data, n, &b->o->clean, &ce) < 0) {
		snprintf(err, errsize, "%s: %s", j->in, ce.message);
		free(data);
		return NULL;
	}
	free(data);
	progress_add(b->prog, res);
	for (size_t i = 0; i < cln_result_warning_count(res); i++)
		progress_say(b->prog, 0, "%s: warning: %s", j->in, cln_result_warning(res, i));
	char *rep = NULL;
	int rc = write_output(b, j, res, err, errsize);
	if (rc == 0 && b->o->report &&
	    (rc = cln_result_report(&rep, NULL, res, b->o->report_format, NULL)) < 0)
		snprintf(err, errsize, "%s: out of memory writing its report", j->in);
	cln_result_free(res);
	if (rc < 0)
		return NULL;
	return rep ? report_out(b, j, rep, err, errsize) : strdup("");
}

static int emit(void *ud, size_t seq, const char *out, const char *err)
{
	batch *b = ud;
	(void)seq;
	if (b->sink_pass) {
		b->o->sink->add(b->o->sink->ud, out, err);
		return 0;
	}
	if (!out && !*err)
		return 0; /* stopped while reading */
	progress_done(b->prog, out ? NULL : err);
	if (!out) {
		b->failed++;
		return 0;
	}
	b->done++;
	if (!b->report || !*out)
		return 0;
	fputs(out, b->report);
	if (b->o->report_format == CLN_REPORT_JSON)
		fputc('\n', b->report);
	return ferror(b->report) ? -1 : 0;
}

/* What the run left out, for the summary ("" if nothing). */
static void skipped_note(const batch *b, char *out, size_t size)
{
	const struct { size_t n; const char *one, *many; } kinds[] = {
		{ b->skipped, "done before (--skip-existing)", NULL },
		{ b->walked.special, "not a regular file (FIFO, device, socket)",
		  "not regular files (FIFOs, devices, sockets)" },
		{ b->walked.links, "symbolic link", "symbolic links" },
		{ b->walked.hidden, "hidden", NULL },
		{ b->walked.binary, "not text", NULL },
		{ b->walked.excluded, "excluded by --include/--exclude", NULL },
	};
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && used < size; i++)
		if (kinds[i].n)
			used += (size_t)snprintf(out + used, size - used, "%s%zu %s",
			                         used ? ", " : "skipped: ", kinds[i].n,
			                         kinds[i].n > 1 && kinds[i].many ? kinds[i].many
			                                                         : kinds[i].one);
}

/* Find the documents and check their names: 0 to go on, or the status. */
static int plan(batch *b)
{
	const batch_options *o = b->o;
	struct stat od;
	if ((mkdir(o->outdir, 0777) != 0 && errno != EEXIST) || stat(o->outdir, &od) != 0) {
		progress_say(NULL, 1, "%s: %s", o->outdir, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(od.st_mode)) { /* --skip-existing -o FILE: every write would fail */
		progress_say(NULL, 1, "%s: not a folder (-R and --skip-existing write to -o FOLDER)",
		             o->outdir);
		return 2;
	}
	walk_avoid avoid = { od.st_dev, od.st_ino, "the output folder" };
	walk_options wo = { .include = o->include, .ninclude = o->ninclude,
	                    .exclude = o->exclude, .nexclude = o->nexclude,
	                    .avoid = &avoid, .navoid = 1, .quiet = o->quiet };
	int rc = collect(b, &wo, &od);
	if (rc == 0)
		rc = names_check(o, b->docs, b->n);
	if (rc < 0)
		progress_say(NULL, 1, "cannot list the inputs: %s", strerror(ENOMEM));
	return rc < 0 ? 1 : rc;
}

int batch_run(const batch_options *o, const cln_rules *rules)
{
	batch b = { .o = o, .rules = rules };
	cli_catch_signals();
	cli_stream rf = { 0 };
	int status = plan(&b);
	size_t todo = 0;
	for (size_t i = 0; i < b.n; i++)
		todo += !b.docs[i].skip;
	b.skipped = b.n - todo;
	if (status == 0 && o->report_file && cli_stream_open(&rf, o->report_file, NULL) < 0)
		status = 1;
	b.report = rf.f;
	if (status == 0 && o->sink) { /* first, in input order; failures are said after */
		b.sink_pass = true;
		if (ordered_run(o->jobs, (size_t)o->jobs * 16, next, work, emit, &b) < 0)
			status = 1;
		b.sink_pass = false;
		b.next = 0;
	}
	if (status == 0 && (!(b.prog = progress_new(o->quiet, todo)) ||
	                    ordered_run(o->jobs, (size_t)o->jobs * 16, next, work, emit, &b) < 0)) {
		progress_say(b.prog, 1, "write error: %s", strerror(errno));
		status = 1;
	}
	if (cli_stream_close(&rf, true) < 0)
		status = 1;
	progress_stats_to(b.prog, o->stats);
	char extra[1000];
	skipped_note(&b, extra, sizeof extra);
	if (o->sink && o->sink->note && status == 0) {
		size_t l = strlen(extra);
		l += (size_t)snprintf(extra + l, sizeof extra - l, "%s", l ? "; " : "");
		o->sink->note(o->sink->ud, extra + l, sizeof extra - l);
	}
	progress_finish(b.prog, extra);
	if (cli_stopped()) /* progress_finish said after how many */
		fputs("cleaner: --skip-existing carries on from there\n", stderr);
	else if (atomic_load(&b.write_failed))
		fprintf(stderr, "cleaner: stopped after %zu of %zu documents: an output could not be "
		        "written; --skip-existing carries on from there\n", b.done + b.failed, todo);
	for (size_t i = 0; i < b.n; i++) {
		free(b.docs[i].in);
		free(b.docs[i].out);
		free(b.docs[i].beside);
	}
	free(b.docs);
	if (cli_stopped())
		return 128 + cli_stopped();
	return status ? status
	              : b.failed || b.unusable || b.walked.unreadable || atomic_load(&b.write_failed);
}
