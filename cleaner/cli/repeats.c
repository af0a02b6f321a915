/*
 * repeats.c - --site-repeats: a first pass over a batch counts, per host,
 * on how many pages each block fingerprint (cln_fingerprint) is seen; the
 * second pass's site-repeat rule drops the blocks seen on at least N pages
 * and on a share of the host's pages.
 *
 * Pages are counted in input order (the ordered runner's emit), so the
 * counts, and what the second pass drops, are the same for any -j. The
 * counts live in one open-addressing table of 12 bytes a slot, sized once
 * from --site-repeats-memory: when it is three quarters full, the
 * fingerprints seen least are let go (lossy counting) until it is half
 * full, so memory never grows past the bound; what was let go is said.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A host's page count sits in the table too, under a key with the top bit
   set; a fingerprint's key has it clear. Hosts are never let go. */
#define HOST_BIT (1ULL << 63)

struct repeats {
	size_t min_pages;
	unsigned share;        /* percent of the host's pages */
	uint64_t *key;         /* 0: empty slot */
	uint32_t *n;
	size_t cap, used;      /* cap: a power of two */
	size_t pruned;         /* fingerprints let go */
	uint32_t floor;        /* counts at or under it were let go at least once */
	size_t pages;
};

/* One page's fingerprints, as a worker hands them to repeats_add. */
typedef struct page_prints {
	uint64_t host;
	size_t n;
	uint64_t key[];
} page_prints;

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t host_key(const char *host)
{
	return mix64(cln_fingerprint(host, strlen(host)) ^ 0x9e3779b97f4a7c15ULL) | HOST_BIT;
}

static uint64_t print_key(uint64_t host, unsigned long long fp)
{
	uint64_t k = mix64(host ^ mix64(fp)) & ~HOST_BIT;
	return k ? k : 1;
}

repeats *repeats_new(size_t min_pages, unsigned share, size_t memory)
{
	repeats *r = calloc(1, sizeof *r);
	size_t cap = 64;
	while (cap * 2 * (sizeof *r->key + sizeof *r->n) <= memory)
		cap *= 2;
	if (r) {
		r->key = calloc(cap, sizeof *r->key);
		r->n = calloc(cap, sizeof *r->n);
	}
	if (!r || !r->key || !r->n) {
		repeats_free(r);
		return NULL;
	}
	*r = (repeats){ .min_pages = min_pages, .share = share, .key = r->key, .n = r->n,
	                .cap = cap };
	return r;
}

void repeats_free(repeats *r)
{
	if (!r)
		return;
	free(r->key);
	free(r->n);
	free(r);
}

static size_t slot(const repeats *r, uint64_t k)
{
	size_t i = (size_t)(k & (r->cap - 1));
	while (r->key[i] && r->key[i] != k)
		i = (i + 1) & (r->cap - 1);
	return i;
}

static uint32_t count_of(const repeats *r, uint64_t k)
{
	size_t i = slot(r, k);
	return r->key[i] ? r->n[i] : 0;
}

/* Let go of the fingerprints seen least until the table is half full:
   rebuilt in place by reinserting what stays. */
static void prune(repeats *r)
{
	while (r->used > r->cap / 2 && r->floor < UINT32_MAX) {
		r->floor++;
		size_t kept = 0, hosts = 0;
		for (size_t i = 0; i < r->cap; i++) {
			hosts += r->key[i] && (r->key[i] & HOST_BIT);
			kept += r->key[i] && ((r->key[i] & HOST_BIT) || r->n[i] > r->floor);
		}
		if (kept > r->cap / 2 && kept > hosts)
			continue; /* hosts alone over half: every fingerprint goes */
		for (size_t i = 0; i < r->cap; i++)
			if (r->key[i] && !(r->key[i] & HOST_BIT) && r->n[i] <= r->floor) {
				r->key[i] = 0;
				r->pruned++;
			}
		/* reinsert every entry so that no probe chain has a hole */
		for (size_t i = 0; i < r->cap; i++) {
			uint64_t k = r->key[i];
			if (!k)
				continue;
			uint32_t n = r->n[i];
			r->key[i] = 0;
			size_t j = slot(r, k);
			r->key[j] = k;
			r->n[j] = n;
		}
		r->used = kept;
	}
}

static void bump(repeats *r, uint64_t k)
{
	size_t i = slot(r, k);
	if (!r->key[i] && r->used + 1 >= r->cap - r->cap / 8) {
		r->pruned += !(k & HOST_BIT); /* full of hosts: not counted */
		return;
	}
	if (!r->key[i]) {
		r->key[i] = k;
		r->n[i] = 0;
		r->used++;
	}
	if (r->n[i] < UINT32_MAX)
		r->n[i]++;
	if (r->used * 4 >= r->cap * 3)
		prune(r);
}

static int by_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static char *prints_of(const cln_result *res)
{
	size_t n = cln_result_block_count(res);
	page_prints *p = malloc(sizeof *p + (n ? n : 1) * sizeof *p->key);
	if (!p)
		return NULL;
	p->host = host_key(cln_result_host(res));
	p->n = 0;
	for (size_t i = 0; i < n; i++) {
		const cln_block *b = cln_result_block(res, i);
		unsigned long long fp = cln_fingerprint(b->text, b->text_len);
		if (fp)
			p->key[p->n++] = print_key(p->host, fp);
	}
	/* a block seen twice on a page counts once for it */
	qsort(p->key, p->n, sizeof *p->key, by_key);
	size_t u = 0;
	for (size_t i = 0; i < p->n; i++)
		if (u == 0 || p->key[u - 1] != p->key[i])
			p->key[u++] = p->key[i];
	p->n = u;
	return (char *)p;
}

static char *count_page(void *ud, const cln_rules *rules, const char *data, size_t len,
                        const cln_clean_options *co, const char *name, char *err, size_t errsize)
{
	(void)ud;
	cln_clean_options o = *co;
	o.version = CLN_CLEAN_OPTIONS_VERSION;
	o.blocks = 1;
	o.markdown = 0;
	o.repeats = NULL;
	cln_result *res;
	cln_error ce;
	if (cln_clean(&res, rules, data, len, &o, &ce) < 0) {
		snprintf(err, errsize, "%s: %s", name, ce.message);
		return NULL;
	}
	char *p = prints_of(res);
	cln_result_free(res);
	if (!p)
		snprintf(err, errsize, "%s: out of memory", name);
	return p;
}

static void count_add(void *ud, const char *page, const char *err)
{
	repeats *r = ud;
	(void)err;
	if (!page)
		return; /* failed in the first pass: it fails, said, in the second */
	const page_prints *p = (const page_prints *)page;
	bump(r, p->host);
	for (size_t i = 0; i < p->n; i++)
		bump(r, p->key[i]);
	r->pages++;
}

/* cln_repeats_fn: read-only, so any number of workers may ask at once. */
static size_t seen_on(void *ud, const char *host, unsigned long long fp)
{
	const repeats *r = ud;
	uint64_t h = host_key(host);
	size_t pages = count_of(r, h), n = count_of(r, print_key(h, fp));
	return n >= r->min_pages && n * 100 >= (size_t)r->share * pages ? n : 0;
}

void repeats_use(repeats *r, cln_clean_options *co)
{
	co->version = CLN_CLEAN_OPTIONS_VERSION;
	co->repeats = seen_on;
	co->repeats_userdata = r;
}

/* "site repeats: N pages of H hosts counted in K KiB", and what was let go. */
static void count_note(void *ud, char *out, size_t size)
{
	const repeats *r = ud;
	size_t hosts = 0;
	for (size_t i = 0; i < r->cap; i++)
		hosts += r->key[i] && (r->key[i] & HOST_BIT);
	int n = snprintf(out, size, "site repeats: %zu pages of %zu host%s counted in %zu KiB",
	                 r->pages, hosts, hosts == 1 ? "" : "s",
	                 r->cap * (sizeof *r->key + sizeof *r->n) >> 10);
	if (r->pruned && n > 0 && (size_t)n < size)
		snprintf(out + n, size - (size_t)n, "; the table filled up: %zu fingerprints seen on "
		         "at most %u pages were let go (counts may run short; raise "
		         "--site-repeats-memory)", r->pruned, r->floor);
}

void repeats_sink(repeats *r, page_sink *out)
{
	*out = (page_sink){ count_page, count_add, count_note, r };
}
