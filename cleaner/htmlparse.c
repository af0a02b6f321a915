/*
 * htmlparse.c - Gumbo's parse, with its memory in an arena.
 *
 * Gumbo 0.10 does not check its allocations: when malloc fails it writes
 * through NULL and the process dies. Its allocations come here instead,
 * cut from large chunks; when a chunk cannot be had, the parse is left by
 * longjmp (Gumbo holds nothing but memory, all of it in the chunks) and
 * fails with CLN_ENOMEM. The arena also saves malloc's per-allocation
 * overhead, which on markup made of tiny elements (`x<br>` repeated) is a
 * fifth of the tree; Gumbo's frees during the parse are not reused, which
 * costs about as much again on ordinary pages, a few MB at most.
 */
#include <gumbo.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"

enum { CHUNK = 1 << 20, FIRST_MIN = 32 << 10, TREE_PER_BYTE = 16 };

typedef struct chunk {
	struct chunk *next;
	size_t used, size;
	_Alignas(max_align_t) unsigned char data[];
} chunk;

struct cln_parse {
	chunk *chunks;
	size_t total;   /* bytes in the chunks */
	size_t first;   /* the first chunk's size */
	jmp_buf fail;
	GumboOptions opts;
	GumboOutput *out;
};

static void *arena_alloc(void *userdata, size_t size)
{
	cln_parse *p = userdata;
	if (size > SIZE_MAX / 2)
		longjmp(p->fail, 1);
	size = (size + 15) & ~(size_t)15; /* what malloc would align to */
	chunk *c = p->chunks;
	if (!c || c->size - c->used < size) {
		/* chunks grow with the tree (an eighth of it), so a big tree is
		   not a long list and the last chunk's unused end is small */
		size_t want = !p->total ? p->first : p->total / 8 > CHUNK ? p->total / 8 : CHUNK;
		if (want < size)
			want = size;
		/* zeroed: Gumbo leaves a fragment's document quirks mode unset
		   and reads it at a <table> in a <p> (a later piece of a page):
		   garbage would make the tree vary from run to run */
		c = want <= SIZE_MAX - sizeof *c ? calloc(1, sizeof *c + want) : NULL;
		if (!c)
			longjmp(p->fail, 1);
		*c = (chunk){ .next = p->chunks, .size = want };
		p->chunks = c;
		p->total += want;
	}
	void *r = c->data + c->used;
	c->used += size;
	return r;
}

static void arena_dealloc(void *userdata, void *ptr)
{
	(void)userdata; /* the chunks go all at once */
	(void)ptr;
}

static void free_chunks(cln_parse *p)
{
	for (chunk *c = p->chunks, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	p->chunks = NULL;
}

/* Split from cln_html_parse so that nothing setjmp's caller changes lives
   in a register across the longjmp. */
static int parse(cln_parse *p, const char *src, size_t len)
{
	if (setjmp(p->fail)) {
		free_chunks(p);
		return CLN_ENOMEM;
	}
	p->out = gumbo_parse_with_options(&p->opts, src, len);
	return 0;
}

int cln_html_parse(cln_parse **out, GumboOutput **tree, const char *src, size_t len, int context)
{
	cln_parse *p = calloc(1, sizeof *p);
	if (!p)
		return CLN_ENOMEM;
	p->opts = kGumboDefaultOptions;
	p->opts.max_errors = 0; /* the parse errors are of no use here */
	p->opts.allocator = arena_alloc;
	p->opts.deallocator = arena_dealloc;
	p->opts.userdata = p;
	p->opts.fragment_context = (GumboTag)context;
	/* a small piece of a page (a page is parsed in pieces of any size)
	   gets a small first chunk: one of CHUNK bytes per piece was mapped
	   and unmapped each time */
	p->first = len < CHUNK / TREE_PER_BYTE ? TREE_PER_BYTE * len : CHUNK;
	if (p->first < FIRST_MIN)
		p->first = FIRST_MIN;
	if (parse(p, src, len) < 0 || !p->out) {
		cln_html_parse_free(p);
		return CLN_ENOMEM;
	}
	*out = p;
	*tree = p->out;
	return 0;
}

void cln_html_parse_free(cln_parse *p)
{
	if (!p)
		return;
	free_chunks(p);
	free(p);
}
