/*
 * progress.c - what a long run shows: a progress line on a terminal
 * (documents done / total where known, MB/s, ETA), redrawn in place at most
 * four times a second, and a closing summary (documents, bytes in and out,
 * share removed, the rules that removed most, failures). Workers add their
 * results from any thread; the line is drawn by the thread that emits.
 * With --stats the same totals go to a file as JSON, for programs.
 */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

struct progress {
	pthread_mutex_t mu;
	int draw;          /* stderr is a terminal and not --quiet */
	int quiet;
	atomic_int mute;   /* a first pass over the inputs: nothing said or counted */
	size_t total;      /* documents to do, 0 if unknown */
	size_t docs, failed;
	size_t bytes_in, bytes_out, bytes_removed;
	size_t *hits;      /* per rule, in rule-set order */
	const char **ids;
	size_t nrules;
	double start, last;
	char *failures[10]; /* the first ones, for the summary */
	struct shape {     /* messages alike but for their numbers: how many */
		unsigned long hash;
		size_t seen;
	} shapes[64];
	size_t hidden;     /* messages not shown for being like many before */
	const char *stats; /* --stats=FILE */
};

/* Messages of one shape shown before the rest are only counted. */
#define SHOWN_ALIKE 10

void cli_escape(const char *s, char *out, size_t size)
{
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 5 < size; p++) {
		/* C0, DEL and (as UTF-8) C1 controls could steer the terminal */
		bool c1 = p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
		if (*p < 0x20 || *p == 0x7F || c1) {
			unsigned v = c1 ? *++p : *p;
			o += (size_t)snprintf(out + o, size - o, *p == '\n' ? "\\n" : *p == '\t' ? "\\t"
			                      : "\\x%02X", v);
		} else {
			out[o++] = (char)*p;
		}
	}
	out[o] = '\0';
}

void cli_say(const char *msg)
{
	char safe[4800];
	cli_escape(msg, safe, sizeof safe);
	fprintf(stderr, "cleaner: %s\n", safe);
}

/* Has this message's shape been shown often? Its shape is its text without
   the numbers that start after ':', ' ' or '(' (line numbers and counts; a
   digit inside a name stays). Many lines failing alike ("x:12: not JSON")
   would bury the rest. */
static bool too_alike(progress *p, const char *msg)
{
	unsigned long h = 5381;
	bool number = false;
	for (const char *c = msg; *c; c++) {
		bool digit = *c >= '0' && *c <= '9';
		number = digit && (number || c == msg || strchr(": (", c[-1]));
		if (!number)
			h = h * 33 + (unsigned char)*c;
	}
	struct shape *s = &p->shapes[h % (sizeof p->shapes / sizeof *p->shapes)];
	if (s->hash != h)
		*s = (struct shape){ h, 0 };
	if (++s->seen <= SHOWN_ALIKE)
		return false;
	if (s->seen == SHOWN_ALIKE + 1)
		fputs("cleaner: more messages like the one above are counted, not shown\n", stderr);
	p->hidden++;
	return true;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

progress *progress_new(int quiet, size_t total)
{
	progress *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	pthread_mutex_init(&p->mu, NULL);
	p->quiet = quiet;
	p->draw = !quiet && isatty(STDERR_FILENO);
	p->total = total;
	p->start = now();
	p->last = 0; /* the first document draws at once */
	return p;
}

void progress_mute(progress *p, int mute)
{
	if (p)
		atomic_store(&p->mute, mute);
}

void progress_add(progress *p, const cln_result *res)
{
	if (!p || atomic_load(&p->mute))
		return;
	cln_totals t;
	cln_result_totals(res, &t);
	pthread_mutex_lock(&p->mu);
	size_t n = cln_result_rule_count(res);
	if (!p->hits && (p->hits = calloc(n + 1, sizeof *p->hits)) &&
	    (p->ids = calloc(n + 1, sizeof *p->ids))) {
		p->nrules = n;
		for (size_t i = 0; i < n; i++)
			p->ids[i] = cln_result_rule_stat(res, i)->rule_id; /* the shared rule set's */
	}
	for (size_t i = 0; p->ids && i < n && i < p->nrules; i++)
		if (strcmp(cln_result_rule_stat(res, i)->action, "keep") != 0)
			p->hits[i] += cln_result_rule_stat(res, i)->hits;
	p->bytes_in += t.bytes_in;
	p->bytes_out += t.bytes_out;
	p->bytes_removed += t.bytes_removed;
	pthread_mutex_unlock(&p->mu);
}

static void line(progress *p, int final)
{
	double el = now() - p->start;
	double mbs = el > 0 ? (double)p->bytes_in / 1e6 / el : 0;
	char eta[32] = "";
	if (p->total && p->docs && !final) {
		double left = el / (double)p->docs * (double)(p->total - p->docs);
		snprintf(eta, sizeof eta, ", ETA %dm%02ds", (int)left / 60, (int)left % 60);
	}
	if (p->total)
		fprintf(stderr, "\r\033[Kcleaner: %zu/%zu documents, %.1f MB/s%s", p->docs, p->total,
		        mbs, eta);
	else
		fprintf(stderr, "\r\033[Kcleaner: %zu documents, %.1f MB/s", p->docs, mbs);
	fflush(stderr);
}

/* A message on a line of its own, above the progress line (with p->mu). */
static void say(progress *p, const char *msg)
{
	if (p->draw)
		fputs("\r\033[K", stderr);
	if (!too_alike(p, msg))
		cli_say(msg);
	p->last = 0; /* the line was cleared: draw it again */
}

void progress_done(progress *p, const char *failure)
{
	if (!p) {
		if (failure)
			cli_say(failure);
		return;
	}
	if (atomic_load(&p->mute))
		return;
	pthread_mutex_lock(&p->mu);
	p->docs++;
	if (failure) {
		say(p, failure);
		if (p->failed < sizeof p->failures / sizeof *p->failures)
			p->failures[p->failed] = strdup(failure);
		p->failed++;
	}
	double t = now();
	if (p->draw && t - p->last >= 0.25) {
		p->last = t;
		line(p, 0);
	}
	pthread_mutex_unlock(&p->mu);
}

void progress_say(progress *p, int failure, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;
	if (p && atomic_load(&p->mute))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (failure) {
		progress_done(p, msg);
	} else if (!p) {
		cli_say(msg);
	} else {
		pthread_mutex_lock(&p->mu);
		if (!p->quiet)
			say(p, msg);
		pthread_mutex_unlock(&p->mu);
	}
}

/* "1 document", "3 of 10 documents" */
static void count_docs(const progress *p, char *out, size_t size)
{
	if (p->total)
		snprintf(out, size, "%zu of %zu document%s", p->docs, p->total, p->total == 1 ? "" : "s");
	else
		snprintf(out, size, "%zu document%s", p->docs, p->docs == 1 ? "" : "s");
}

/* The five rules that removed most. */
static void top_rules(progress *p)
{
	int shown = 0;
	for (; shown < 5 && p->hits; shown++) {
		size_t best = p->nrules;
		for (size_t i = 0; i < p->nrules; i++)
			if (p->hits[i] && (best == p->nrules || p->hits[i] > p->hits[best]))
				best = i;
		if (best == p->nrules)
			break;
		fprintf(stderr, "%s%s %zu", shown ? ", " : "cleaner: most removals: ", p->ids[best],
		        p->hits[best]);
		p->hits[best] = 0;
	}
	if (shown)
		fputc('\n', stderr);
}

static void summary(progress *p, const char *extra)
{
	char docs[96], msg[1400];
	count_docs(p, docs, sizeof docs);
	double el = now() - p->start;
	fprintf(stderr, "cleaner: %s (%zu failed) in %.1f s; %.1f MB in, %.1f MB out, "
	        "%.1f%% removed%s%s\n", docs, p->failed, el, (double)p->bytes_in / 1e6,
	        (double)p->bytes_out / 1e6,
	        p->bytes_in ? 100.0 * (double)p->bytes_removed / (double)p->bytes_in : 0.0,
	        extra && *extra ? "; " : "", extra ? extra : "");
	top_rules(p);
	/* what failed, again: on a long run it has scrolled away */
	size_t kept = sizeof p->failures / sizeof *p->failures;
	for (size_t i = 0; i < p->failed && i < kept; i++)
		if (p->failures[i]) {
			snprintf(msg, sizeof msg, "failed: %s", p->failures[i]);
			cli_say(msg);
		}
	if (p->failed > kept)
		fprintf(stderr, "cleaner: failed: %zu more%s\n", p->failed - kept,
		        p->hidden ? "" : ", named above");
	if (p->hidden)
		fprintf(stderr, "cleaner: %zu message%s not shown for being like earlier ones\n",
		        p->hidden, p->hidden == 1 ? "" : "s");
}

void progress_stats_to(progress *p, const char *path)
{
	if (p)
		p->stats = path;
}

/* The totals as JSON: every number exact (the summary rounds), the hits of
   every rule that removed something in rule-set order, the first failures. */
static json_t *stats_json(const progress *p)
{
	json_t *rules = json_object(), *failures = json_array();
	for (size_t i = 0; rules && p->hits && i < p->nrules; i++)
		if (p->hits[i])
			json_object_set_new(rules, p->ids[i], json_integer((json_int_t)p->hits[i]));
	for (size_t i = 0; failures && i < sizeof p->failures / sizeof *p->failures; i++)
		if (p->failures[i])
			json_array_append_new(failures, json_string(p->failures[i]));
	int sig = cli_stopped();
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:b}",
	                 "documents", (json_int_t)p->docs, "failed", (json_int_t)p->failed,
	                 "bytes_in", (json_int_t)p->bytes_in, "bytes_out", (json_int_t)p->bytes_out,
	                 "bytes_removed", (json_int_t)p->bytes_removed, "rules", rules,
	                 "failures", failures, "interrupted", sig != 0);
}

/* An interrupted run's totals go only where no stats file is: the one there
   may be a whole run's (a retry's, when this was a killed worker's command). */
static void close_interrupted(cli_stream *s, bool ok)
{
	char err[1200];
	cli_out_keep_old(s->file);
	if (cli_out_close(s->file, ok, err, sizeof err) == 0)
		return;
	if (errno == EEXIST)
		progress_say(NULL, 0, "%s was not replaced: the run was interrupted and the file was there",
		             s->name);
	else
		progress_say(NULL, 0, "cannot write %s", err);
}

/* Written through a temporary file, as outputs are: there whole or not at all. */
static void write_stats(const progress *p)
{
	cli_stream s;
	json_t *o = stats_json(p);
	if (!o) {
		progress_say(NULL, 0, "%s was not written: out of memory", p->stats);
		return;
	}
	if (cli_stream_open(&s, p->stats, NULL) == 0) {
		bool ok = json_dumpf(o, s.f, JSON_COMPACT) == 0 && fputc('\n', s.f) != EOF;
		if (s.file && cli_stopped())
			close_interrupted(&s, ok);
		else
			cli_stream_close(&s, ok);
	}
	json_decref(o);
}

void progress_finish(progress *p, const char *extra)
{
	if (!p)
		return;
	if (p->stats)
		write_stats(p); /* before the summary, which spends the hits */
	if (p->draw)
		fputs("\r\033[K", stderr);
	if (!p->quiet)
		summary(p, extra);
	int sig = cli_stopped();
	if (sig) { /* said even with --quiet: the output is not all there */
		char docs[96];
		count_docs(p, docs, sizeof docs);
		fprintf(stderr, "cleaner: interrupted by %s after %s\n",
		        sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP"
		        : "a signal", docs);
	}
	for (size_t i = 0; i < sizeof p->failures / sizeof *p->failures; i++)
		free(p->failures[i]);
	pthread_mutex_destroy(&p->mu);
	free(p->hits);
	free(p->ids);
	free(p);
}
