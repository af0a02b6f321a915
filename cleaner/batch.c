/*
 * batch.c - many files into an output folder: `cleaner -o OUTDIR FILE|DIR...`.
 * Each input becomes OUTDIR/<its path, extension per output format>; each
 * output is written to a temporary file and renamed, so an interrupted run
 * leaves no half-written file, and --skip-existing carries on from there.
 * Worker threads clean and write; reports come out in input order.
 */
#include <errno.h>
#include <ftw.h>
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
	char **in, **out; /* the documents, found before the run starts */
	size_t n, cap, next;
	size_t done, failed, skipped;
	FILE *report;
	progress *prog;
	atomic_int write_failed; /* an output could not be written: stop */
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

static int add(batch *b, const char *in, const char *rel)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		char **i = realloc(b->in, cap * sizeof *i);
		if (!i)
			return -1;
		b->in = i;
		char **o = realloc(b->out, cap * sizeof *o);
		if (!o)
			return -1;
		b->out = o;
		b->cap = cap;
	}
	b->in[b->n] = strdup(in);
	b->out[b->n] = out_path(b->o, rel);
	if (!b->in[b->n] || !b->out[b->n])
		return -1;
	b->n++;
	return 0;
}

static batch *walking; /* nftw has no user data pointer */
static size_t walk_root;

static int found(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_F)
		return add(walking, path, path + walk_root);
	if (type == FTW_DNR)
		fprintf(stderr, "cleaner: %s: cannot read this folder\n", path);
	return 0;
}

/* Every input file, directories walked (with -R) in sorted order. */
static int collect(batch *b)
{
	for (size_t i = 0; i < b->o->ninputs; i++) {
		const char *p = b->o->inputs[i];
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (!b->o->recursive) {
				fprintf(stderr, "cleaner: %s: is a folder (use -R to clean all in it)\n", p);
				b->failed++;
				continue;
			}
			size_t start = b->n;
			walking = b;
			walk_root = strlen(p);
			while (walk_root > 1 && p[walk_root - 1] == '/')
				walk_root--;
			walk_root += 1;
			if (nftw(p, found, 32, FTW_PHYS) != 0)
				return -1;
			/* nftw's order is the file system's: sort for a stable run */
			for (size_t x = start + 1; x < b->n; x++)
				for (size_t y = x; y > start && strcmp(b->in[y - 1], b->in[y]) > 0; y--) {
					char *t = b->in[y];
					b->in[y] = b->in[y - 1];
					b->in[y - 1] = t;
					t = b->out[y];
					b->out[y] = b->out[y - 1];
					b->out[y - 1] = t;
				}
		} else {
			const char *base = strrchr(p, '/');
			if (add(b, p, base ? base + 1 : p) < 0)
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
		size_t i = b->next++;
		if (b->o->skip_existing && access(b->out[i], F_OK) == 0) {
			b->skipped++;
			continue;
		}
		size_t li = strlen(b->in[i]), lo = strlen(b->out[i]);
		job *j = malloc(sizeof *j + li + lo + 2);
		if (!j)
			return -1;
		j->in = j->data;
		j->out = j->data + li + 1;
		memcpy(j->in, b->in[i], li + 1);
		memcpy(j->out, b->out[i], lo + 1);
		*item = (char *)j;
		*len = sizeof *j + li + lo + 2;
		return 1;
	}
	return 0;
}

static char *concat(const char *a, const char *b, const char *c, const char *d)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(d) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s%s%s", a, b, c, d);
	return s;
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

static char *work(void *ud, const char *item, size_t len, size_t seq, char *err, size_t errsize)
{
	batch *b = ud;
	const job *j = (const job *)item;
	(void)len;
	(void)seq;
	char *data = NULL;
	size_t n = 0;
	if (cli_read_file(j->in, b->o->max_bytes, &data, &n, err, errsize) < 0)
		return NULL;
	struct stat si, so;
	if (stat(j->out, &so) == 0 && stat(j->in, &si) == 0 && si.st_ino == so.st_ino &&
	    si.st_dev == so.st_dev) {
		snprintf(err, errsize, "%s: refusing to write over the input", j->in);
		free(data);
		return NULL;
	}
	char *text = NULL, *rep = NULL;
	size_t tl = 0;
	cln_clean_options co = CLN_CLEAN_OPTIONS_INIT;
	co.format = b->o->format;
	co.charset = b->o->charset;
	co.match_limit = b->o->match_limit;
	cln_result *res;
	cln_error ce;
	if (cln_clean(&res, b->rules, data, n, &co, &ce) < 0) {
		snprintf(err, errsize, "%s: %s", j->in, ce.message);
		free(data);
		return NULL;
	}
	free(data);
	progress_add(b->prog, res);
	for (size_t i = 0; i < cln_result_warning_count(res); i++)
		progress_say(b->prog, 0, "%s: warning: %s", j->in, cln_result_warning(res, i));
	char *outp = strdup(j->out);
	int rc = outp && make_parents(outp) == 0 &&
	         cln_result_render(&text, &tl, res, b->o->output_format, NULL) == 0 ? 0 : -1;
	if (rc == 0) {
		if (b->o->output_format == CLN_OUTPUT_JSON)
			text[tl++] = '\n'; /* the NUL's place: one object, one line */
		rc = cli_write_atomic(j->out, text, tl, err, errsize);
	} else
		snprintf(err, errsize, "%s: %s", j->out, strerror(errno ? errno : ENOMEM));
	free(outp);
	cln_free(text);
	if (rc < 0) /* a full disk fails every later document too */
		atomic_store(&b->write_failed, 1);
	if (rc == 0 && b->o->report)
		rc = cln_result_report(&rep, NULL, res, b->o->report_format, NULL);
	cln_result_free(res);
	if (rc < 0)
		return NULL;
	if (!rep)
		return strdup("");
	if (b->o->report_beside) {
		/* OUT.report.json (or .txt) next to the output */
		bool json = b->o->report_format == CLN_REPORT_JSON;
		char *rp = concat(j->out, ".report", json ? ".json" : ".txt", "");
		size_t rl = strlen(rep);
		if (json)
			rep[rl++] = '\n'; /* over the NUL: one object, one line */
		rc = rp ? cli_write_atomic(rp, rep, rl, err, errsize) : -1;
		if (rc < 0)
			atomic_store(&b->write_failed, 1);
		free(rp);
		cln_free(rep);
		return rc == 0 ? strdup("") : NULL;
	}
	/* name the document in its report line(s) */
	char *line = NULL;
	if (b->o->report_format == CLN_REPORT_JSON) {
		json_t *name = json_string(j->in);
		char *q = name ? json_dumps(name, JSON_ENCODE_ANY) : NULL;
		line = q ? concat("{\"input\":", q, ",", rep + 1) : NULL;
		free(q);
		json_decref(name);
	} else {
		line = concat("== ", j->in, " ==\n", rep);
	}
	cln_free(rep);
	if (!line)
		snprintf(err, errsize, "%s: out of memory", j->in);
	return line;
}

static int emit(void *ud, size_t seq, const char *out, const char *err)
{
	batch *b = ud;
	(void)seq;
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

int batch_run(const batch_options *o, const cln_rules *rules, FILE *report)
{
	batch b = { .o = o, .rules = rules, .report = report };
	cli_catch_signals();
	int status = 0;
	if (mkdir(o->outdir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "cleaner: %s: %s\n", o->outdir, strerror(errno));
		return 1;
	}
	if (collect(&b) < 0) {
		fprintf(stderr, "cleaner: cannot list the inputs: %s\n", strerror(errno));
		status = 1;
	} else if (!(b.prog = progress_new(o->quiet, b.n)) || ordered_run(o->jobs, (size_t)o->jobs * 16, next, work, emit, &b) < 0) {
		fprintf(stderr, "cleaner: write error: %s\n", strerror(errno));
		status = 1;
	}
	if (cli_stopped()) {
		fprintf(stderr, "cleaner: stopped by signal %d after %zu documents; "
		        "--skip-existing carries on from there\n", cli_stopped(), b.done);
		status = 1;
	} else if (atomic_load(&b.write_failed)) {
		fprintf(stderr, "cleaner: stopped after %zu documents: an output could not be "
		        "written; --skip-existing carries on from there\n", b.done);
		status = 1;
	}
	char extra[64];
	snprintf(extra, sizeof extra, "%zu skipped as done", b.skipped);
	progress_finish(b.prog, extra);
	for (size_t i = 0; i < b.n; i++) {
		free(b.in[i]);
		free(b.out[i]);
	}
	free(b.in);
	free(b.out);
	return status || b.failed ? 1 : 0;
}
