/* buf.c - growable byte buffer. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int buf_reserve(buf *b, size_t extra)
{
	/* +1 keeps room for the terminating NUL */
	if (extra > (size_t)-1 - b->len - 1)
		return -1;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > (size_t)-1 / 2 ? need : cap * 2;
	char *p = realloc(b->data, cap);
	if (!p)
		return -1;
	p[b->len] = '\0'; /* a buffer reserved and not yet written is "", not garbage */
	b->data = p;
	b->cap = cap;
	return 0;
}

int buf_add(buf *b, const void *data, size_t len)
{
	if (buf_reserve(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int buf_addc(buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_adds(buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_reserve(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int grow_array(void *v, size_t n, size_t *cap, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 16;
	if (c > (size_t)-1 / elem)
		return -1;
	void *p = realloc(*(void **)v, c * elem);
	if (!p)
		return -1;
	*(void **)v = p;
	*cap = c;
	return 0;
}

char *buf_detach(buf *b, size_t *len)
{
	if (!b->data && buf_reserve(b, 0) < 0)
		return NULL;
	b->data[b->len] = '\0';
	char *p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void buf_free(buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *arena_add(arena *a, const char *s, size_t len)
{
	if (len + 1 > a->size - a->used || !a->n) {
		size_t size = len + 1 > 65536 ? len + 1 : 65536;
		/* zeroed: PCRE2's JIT reads past a subject's NUL (whole words at a
		 * time); memcheck would call the unwritten rest uninitialised */
		char *chunk = calloc(1, size);
		if (!chunk || grow_array(&a->chunks, a->n, &a->cap, sizeof *a->chunks) < 0) {
			free(chunk);
			return NULL;
		}
		a->chunks[a->n++] = chunk;
		a->used = 0;
		a->size = size;
	}
	char *p = a->chunks[a->n - 1] + a->used;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	a->used += len + 1;
	return p;
}

void arena_free(arena *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->chunks[i]);
	free(a->chunks);
	memset(a, 0, sizeof *a);
}
