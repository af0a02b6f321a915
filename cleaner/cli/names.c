/*
 * names.c - the names a folder run (-o FOLDER) will write, checked before
 * anything is cleaned: no two documents (or their reports) to one name, no
 * output where another needs a folder, no output or report over an input or
 * another output, no report inside an input folder (the next run would
 * clean it). Every clash is named; the run is refused as a whole, so the
 * result never depends on which thread wrote last.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

char *cli_concat(const char *a, const char *b, const char *c, const char *d)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(d) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s%s%s", a, b, c, d);
	return s;
}

typedef struct names {
	const batch_options *o;
	batch_doc *docs;
	size_t n;
} names;

/* A name the run writes: a document's output or the report beside it. */
typedef struct target {
	const char *path;
	size_t doc;
	bool beside;
} target;

typedef struct input_id {
	dev_t dev;
	ino_t ino;
	size_t doc;
} input_id;

static int by_path(const void *x, const void *y)
{
	const target *a = x, *b = y;
	int c = strcmp(a->path, b->path);
	return c ? c : a->doc < b->doc ? -1 : a->doc > b->doc;
}

static int by_id(const void *x, const void *y)
{
	const input_id *a = x, *b = y;
	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	return a->ino < b->ino ? -1 : a->ino > b->ino;
}

/* Say one collision: the first ten are named, the rest counted. */
static void clash(size_t *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void clash(size_t *n, const char *fmt, ...)
{
	if ((*n)++ >= 10)
		return;
	char msg[4200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	progress_say(NULL, 1, "%s", msg);
}

/* The input with the file's identity, or NULL. */
static const batch_doc *input_of(const names *b, const input_id *ids, size_t nids, const struct stat *st)
{
	input_id key = { .dev = st->st_dev, .ino = st->st_ino };
	const input_id *hit = bsearch(&key, ids, nids, sizeof *ids, by_id);
	return hit ? &b->docs[hit->doc] : NULL;
}

/* The first of the sorted targets whose path is the n bytes at path. */
static const target *find_target(const target *t, size_t nt, const char *path, size_t n)
{
	const target *hit = NULL;
	for (size_t lo = 0, hi = nt; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(t[mid].path, path, n);
		c = c ? c : t[mid].path[n] != '\0';
		hit = c == 0 ? &t[mid] : hit;
		if (c >= 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return hit;
}

/* Would a folder on the way to target i be another document's output
   (x.html gives x.txt; x.txt/y.html needs the folder x.txt)? */
static void check_folders(const names *b, const target *t, size_t nt, size_t i, size_t *clashes)
{
	const char *p = t[i].path;
	for (const char *sl = strchr(p + strlen(b->o->outdir), '/'); sl; sl = strchr(sl + 1, '/')) {
		const target *f = find_target(t, nt, p, (size_t)(sl - p));
		if (f)
			clash(clashes, "%s%s would need the folder %.*s, the %s of %s", b->docs[t[i].doc].in,
			      t[i].beside ? " (its report)" : "", (int)(sl - p), p,
			      f->beside ? "report" : "output", b->docs[f->doc].in);
	}
}

/* Is the resolved path full below the folder dir? */
static bool below(const char *full, const char *dir)
{
	char *rd = realpath(dir, NULL);
	size_t n = rd ? strlen(rd) : 0;
	bool in = rd && strncmp(full, rd, n) == 0 && (full[n] == '/' || (n == 1 && rd[0] == '/'));
	free(rd);
	return in;
}

/* The output (or report beside it) the path as resolved would replace. */
static const target *output_at(const names *b, const char *full, const target *t, size_t nt)
{
	char *rout = realpath(b->o->outdir, NULL);
	size_t ol = rout ? strlen(rout) : 0, dl = strlen(b->o->outdir);
	char *as_out = rout && strncmp(full, rout, ol) == 0 && full[ol] == '/'
	               ? cli_concat(b->o->outdir, dl && b->o->outdir[dl - 1] == '/' ? "" : "/",
	                        full + ol + 1, "")
	               : NULL;
	const target *hit = as_out ? find_target(t, nt, as_out, strlen(as_out)) : NULL;
	free(as_out);
	free(rout);
	return hit;
}

/* The report file may not replace an input or an output, nor lie in an
   input folder (outside the output folder): the next run would clean it. */
static void check_report(const names *b, const input_id *ids, size_t nids, const target *t,
                         size_t nt, size_t *clashes)
{
	const char *rf = b->o->report_file;
	struct stat st;
	if (!rf || strcmp(rf, "-") == 0)
		return;
	const batch_doc *in = stat(rf, &st) == 0 ? input_of(b, ids, nids, &st) : NULL;
	if (in) {
		clash(clashes, "the report %s would be written over the input %s", rf, in->in);
		return;
	}
	const char *slash = strrchr(rf, '/');
	char *dir = slash ? strndup(rf, (size_t)(slash - rf) + 1) : strdup(".");
	char *rdir = dir ? realpath(dir, NULL) : NULL;
	char *full = rdir ? cli_concat(rdir, "/", slash ? slash + 1 : rf, "") : NULL;
	const target *hit = full ? output_at(b, full, t, nt) : NULL;
	if (hit)
		clash(clashes, "the report %s would be written over the %s of %s", rf,
		      hit->beside ? "report" : "output", b->docs[hit->doc].in);
	for (size_t i = 0; full && !hit && b->o->recursive && i < b->o->ninputs; i++)
		if (stat(b->o->inputs[i], &st) == 0 && S_ISDIR(st.st_mode) &&
		    below(full, b->o->inputs[i]) && !below(full, b->o->outdir)) {
			clash(clashes, "the report %s is inside the input folder %s: the next run "
			      "would clean it", rf, b->o->inputs[i]);
			break;
		}
	free(full);
	free(rdir);
	free(dir);
}

/* 0, 2 (named) if two documents would write one name or an output would
   replace an input, -1 out of memory. Marks what --skip-existing skips. */
int names_check(const batch_options *o, batch_doc *docs, size_t n)
{
	names ctx = { o, docs, n }, *b = &ctx;
	size_t nt = 0, nids = 0, clashes = 0;
	bool pairs = false; /* two documents to one name: --exclude helps */
	target *t = malloc((2 * b->n + 1) * sizeof *t);
	input_id *ids = malloc((b->n + 1) * sizeof *ids);
	if (!t || !ids) {
		free(t);
		free(ids);
		return -1;
	}
	for (size_t i = 0; i < b->n; i++) {
		t[nt++] = (target){ b->docs[i].out, i, false };
		if (b->docs[i].beside)
			t[nt++] = (target){ b->docs[i].beside, i, true };
		if (b->docs[i].in_known)
			ids[nids++] = (input_id){ b->docs[i].dev, b->docs[i].ino, i };
	}
	qsort(t, nt, sizeof *t, by_path);
	qsort(ids, nids, sizeof *ids, by_id);
	for (size_t i = 0; i < nt; i++) {
		const batch_doc *d = &b->docs[t[i].doc];
		if (i > 0 && strcmp(t[i - 1].path, t[i].path) == 0) {
			const batch_doc *e = &b->docs[t[i - 1].doc];
			pairs = true;
			clash(&clashes, "%s%s and %s%s would both be written to %s", e->in,
			      t[i - 1].beside ? " (its report)" : "", d->in,
			      t[i].beside ? " (its report)" : "", t[i].path);
			continue;
		}
		check_folders(b, t, nt, i, &clashes);
		struct stat st;
		if (stat(t[i].path, &st) != 0)
			continue;
		const batch_doc *in = input_of(b, ids, nids, &st);
		if (in)
			clash(&clashes, "%s%s would be written over the input %s", d->in,
			      t[i].beside ? " (its report)" : "", in->in);
		else if (!t[i].beside && b->o->skip_existing)
			b->docs[t[i].doc].skip = true;
	}
	check_report(b, ids, nids, t, nt, &clashes);
	free(t);
	free(ids);
	if (!clashes)
		return 0;
	if (clashes > 10)
		progress_say(NULL, 1, "%zu more like these", clashes - 10);
	progress_say(NULL, 1, "%zu name collision%s; nothing was cleaned%s", clashes,
	             clashes == 1 ? "" : "s", pairs ? " (--exclude one of each pair, or clean "
	             "them into separate folders)" : "");
	return 2;
}

