/* buf.h - a growable byte buffer, the one allocation idiom of the library. */
#ifndef CLN_BUF_H
#define CLN_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *data; /* NUL-terminated whenever it is not NULL */
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT { NULL, 0, 0 }

/* All return 0, or -1 when out of memory (the buffer is then unchanged). */
int buf_reserve(buf *b, size_t extra);
int buf_add(buf *b, const void *data, size_t len);
int buf_addc(buf *b, char c);
int buf_adds(buf *b, const char *s);
int buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Make room for one more element in a growable array (*v holding n of
   cap elements of elem bytes each). Returns 0, or -1 when out of memory. */
int grow_array(void *v, size_t n, size_t *cap, size_t elem);

/* Hand the contents to the caller (who frees them) and reset the buffer. */
char *buf_detach(buf *b, size_t *len);
void buf_free(buf *b);

/* An arena: strings that never move once added, freed all at once. */
typedef struct arena {
	char **chunks;
	size_t n, cap;
	size_t used, size; /* in the last chunk */
} arena;

#define ARENA_INIT { NULL, 0, 0, 0, 0 }

/* Copy len bytes (plus a NUL) into the arena; NULL when out of memory. */
char *arena_add(arena *a, const char *s, size_t len);
void arena_free(arena *a);

#endif
