/*
 * ordered.c - many documents through worker threads, results in input
 * order: the calling thread reads items into a ring of `window` slots and
 * writes results as the slot at the head is done; workers take slots in
 * order. Output is byte-identical whatever the number of threads, and
 * memory is bounded by the window, not by the input.
 */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { EMPTY, READY, BUSY, DONE };

#define ORDERED_BYTES_PER_THREAD ((size_t)32 << 20)

static volatile sig_atomic_t stop_signal;

/* From a stop on, SIGPIPE is ignored: the one who read our standard error
   may be what stopped (a Dask worker killed, its command sent SIGTERM),
   and saying "interrupted" to a pipe with no reader must fail, not kill
   the process before it takes its temporary files away. */
static void on_signal(int sig)
{
	static const struct sigaction ign = { .sa_handler = SIG_IGN };
	stop_signal = sig;
	sigaction(SIGPIPE, &ign, NULL);
}

void cli_catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL); /* a closed terminal: stop as cleanly */
}

int cli_stopped(void)
{
	return stop_signal;
}

typedef struct slot {
	int state;
	char *in;
	size_t len, seq;
	char *out;
	char err[512];
} slot;

typedef struct ring {
	slot *v;
	size_t window;
	size_t next_take;   /* next slot a worker takes (a sequence number) */
	size_t next_read;   /* sequence numbers below it have been read */
	size_t want;        /* the item the calling thread waits for, or SIZE_MAX */
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	ordered_work work;
	void *ud;
} ring;

static void *worker(void *arg)
{
	ring *r = arg;
	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (!r->stop && r->next_take == r->next_read)
			pthread_cond_wait(&r->work_cv, &r->mu);
		if (r->next_take == r->next_read)
			break; /* stopping and nothing left */
		slot *s = &r->v[r->next_take++ % r->window];
		s->state = BUSY;
		pthread_mutex_unlock(&r->mu);
		s->err[0] = '\0';
		s->out = r->work(r->ud, s->in, s->len, s->seq, s->err, sizeof s->err);
		pthread_mutex_lock(&r->mu);
		s->state = DONE;
		if (s->seq == r->want)
			pthread_cond_signal(&r->done_cv);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Workers block SIGINT, SIGTERM and SIGHUP, so they reach the calling
   thread: a read waiting on a pipe is interrupted and the run stops at once.
   How many started. */
static unsigned start_workers(ring *r, pthread_t *tid, unsigned threads)
{
	sigset_t stops, old;
	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stops, &old);
	unsigned started = 0;
	while (started < threads && pthread_create(&tid[started], NULL, worker, r) == 0)
		started++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

static void stop_workers(ring *r, pthread_t *tid, unsigned started)
{
	pthread_mutex_lock(&r->mu);
	r->stop = true;
	pthread_cond_broadcast(&r->work_cv);
	pthread_mutex_unlock(&r->mu);
	for (unsigned i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
}

/* The calling thread's side: what it read and has yet to write. Besides the
   window's count, the bytes read and not yet written are bounded (one item
   per thread may always be in flight): a stream of huge documents does not
   fill the window with them. */
typedef struct feed {
	ring *r;
	ordered_next next;
	void *ud;
	unsigned threads;
	size_t next_emit, inflight, budget;
	bool eof;
	int rc;
} feed;

static void fill(feed *f)
{
	ring *r = f->r;
	while (!f->eof && r->next_read - f->next_emit < r->window &&
	       (r->next_read - f->next_emit < f->threads || f->inflight < f->budget)) {
		char *in = NULL;
		size_t len = 0;
		int got = f->next(f->ud, &in, &len);
		if (got <= 0) {
			f->eof = true;
			if (got < 0)
				f->rc = -1;
			return;
		}
		pthread_mutex_lock(&r->mu);
		slot *s = &r->v[r->next_read % r->window];
		s->in = in;
		s->len = len;
		f->inflight += len;
		s->seq = r->next_read;
		s->out = NULL;
		s->state = READY;
		r->next_read++;
		pthread_cond_signal(&r->work_cv);
		pthread_mutex_unlock(&r->mu);
	}
}

/* Until the head is done. Not done, wait for the item halfway to the last
   read, so that short documents wake this thread once for many of them, not
   once each (a futex call a document was a quarter of the time of a JSONL
   of short texts). */
static void wait_head(ring *r, size_t head)
{
	slot *s = &r->v[head % r->window];
	pthread_mutex_lock(&r->mu);
	if (s->state != DONE) {
		r->want = head + (r->next_read - head - 1) / 2;
		slot *w = &r->v[r->want % r->window];
		while (w->state != DONE)
			pthread_cond_wait(&r->done_cv, &r->mu);
		while (s->state != DONE) { /* done out of order: the head still runs */
			r->want = head;
			pthread_cond_wait(&r->done_cv, &r->mu);
		}
		r->want = SIZE_MAX;
	}
	pthread_mutex_unlock(&r->mu);
}

/* Write the head, then free its slot. */
static void emit_head(feed *f, ordered_emit emit)
{
	slot *s = &f->r->v[f->next_emit % f->r->window];
	if (f->rc == 0 && emit(f->ud, s->seq, s->out, s->out ? NULL : s->err) != 0) {
		f->rc = -1;
		f->eof = true; /* read no more; finish what is in flight */
	}
	f->inflight -= s->len;
	free(s->in);
	free(s->out);
	s->in = s->out = NULL;
	s->state = EMPTY;
	f->next_emit++;
}

int ordered_run(unsigned threads, size_t window, ordered_next next, ordered_work work,
                ordered_emit emit, void *ud)
{
	if (threads < 1)
		threads = 1;
	if (window < threads)
		window = threads;
	ring r = { .window = window, .want = SIZE_MAX, .work = work, .ud = ud };
	r.v = calloc(window, sizeof *r.v);
	pthread_t *tid = calloc(threads, sizeof *tid);
	if (!r.v || !tid) {
		free(r.v);
		free(tid);
		return -1;
	}
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.work_cv, NULL);
	pthread_cond_init(&r.done_cv, NULL);
	unsigned started = start_workers(&r, tid, threads);
	feed f = { .r = &r, .next = next, .ud = ud, .threads = threads,
	           .budget = (size_t)threads * ORDERED_BYTES_PER_THREAD,
	           .eof = started == 0, .rc = started ? 0 : -1 };
	for (;;) {
		fill(&f);
		if (f.next_emit == r.next_read)
			break;
		wait_head(&r, f.next_emit);
		emit_head(&f, emit);
	}
	stop_workers(&r, tid, started);
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.work_cv);
	pthread_cond_destroy(&r.done_cv);
	free(r.v);
	free(tid);
	return f.rc;
}
