/*
 * walk.c - the files -R cleans in a folder: regular files that look like
 * text, not hidden, not excluded, in path order. Everything else is counted
 * by kind, never skipped silently: a FIFO or device would block a worker
 * in open(), a symbolic link may loop or lead out of the tree, an image
 * cleaned as text is garbage. Folders to avoid (the output folder inside
 * the input folder) are left with a note.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

bool cli_looks_text(const unsigned char *p, size_t n)
{
	static const struct { const char *magic; size_t len; } binary[] = {
		{ "\x89PNG", 4 }, { "\xFF\xD8\xFF", 3 }, { "GIF8", 4 }, { "%PDF-", 5 },
		{ "PK\x03\x04", 4 }, { "\x7F" "ELF", 4 }, { "RIFF", 4 }, { "wOFF", 4 },
		{ "wOF2", 4 }, { "OggS", 4 },
	}; /* most binary formats also have a NUL early, which tells them anyway */
	if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return true; /* UTF-16 with a byte order mark: a page */
	for (size_t i = 0; i < sizeof binary / sizeof binary[0]; i++)
		if (n >= binary[i].len && memcmp(p, binary[i].magic, binary[i].len) == 0)
			return false;
	size_t control = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == 0)
			return false;
		control += p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t' &&
		           p[i] != '\f' && p[i] != 0x1B;
	}
	return control * 10 <= n;
}

/* Compressed data is judged by what -R would clean: taken as text. */
static bool compressed(const unsigned char *p, size_t n)
{
	return (n >= 2 && p[0] == 0x1F && p[1] == 0x8B) ||
	       (n >= 4 && memcmp(p, "\x28\xB5\x2F\xFD", 4) == 0);
}

static bool sniff_text(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return true; /* cleaning it will say why it cannot be read */
	unsigned char head[1024];
	ssize_t got;
	while ((got = read(fd, head, sizeof head)) < 0 && errno == EINTR)
		;
	close(fd);
	return got <= 0 || compressed(head, (size_t)got) || cli_looks_text(head, (size_t)got);
}

static bool matches(const char *const *pats, size_t n, const char *rel)
{
	const char *name = strrchr(rel, '/');
	name = name ? name + 1 : rel;
	for (size_t i = 0; i < n; i++)
		if (fnmatch(pats[i], strchr(pats[i], '/') ? rel : name, 0) == 0)
			return true;
	return false;
}

typedef struct walker {
	const walk_options *o;
	walk_counts *c;
	walk_found found;
	void *ud;
	size_t root;     /* length of the root's path and its '/' */
	char *path;      /* the path being looked at */
	size_t cap;
} walker;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *avoided(const walker *w, const struct stat *st)
{
	for (size_t i = 0; i < w->o->navoid; i++)
		if (w->o->avoid[i].dev == st->st_dev && w->o->avoid[i].ino == st->st_ino)
			return w->o->avoid[i].why;
	return NULL;
}

static int visit(walker *w, size_t len);

/* The entries of the folder at w->path (length len), sorted, visited. */
static int folder(walker *w, size_t len)
{
	DIR *d = opendir(w->path);
	if (!d) {
		progress_say(NULL, 1, "%s: cannot read this folder: %s", w->path, strerror(errno));
		w->c->unreadable++;
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **nn = realloc(names, cap * sizeof *nn);
			rc = nn ? 0 : -1;
			names = nn ? nn : names;
		}
		if (rc == 0 && !(names[n++] = strdup(e->d_name)))
			rc = -1;
	}
	closedir(d);
	if (rc == 0 && n) /* names is NULL in an empty folder */
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(names[i]);
		if (rc == 0 && len + nl + 2 > w->cap) {
			size_t cap2 = (len + nl + 2) * 2;
			char *p = realloc(w->path, cap2);
			rc = p ? 0 : -1;
			w->path = p ? p : w->path;
			w->cap = p ? cap2 : w->cap;
		}
		if (rc == 0) {
			w->path[len] = '/';
			memcpy(w->path + len + 1, names[i], nl + 1);
			rc = visit(w, len + 1 + nl);
			w->path[len] = '\0';
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/* One entry below the root, at w->path. */
static int visit(walker *w, size_t len)
{
	const char *rel = w->path + w->root;
	const char *name = w->path + len;
	while (name > w->path && name[-1] != '/')
		name--;
	struct stat st;
	if (lstat(w->path, &st) != 0) {
		progress_say(NULL, 1, "%s: %s", w->path, strerror(errno));
		w->c->unreadable++;
		return 0;
	}
	const char *why = avoided(w, &st);
	if (why) {
		if (!w->o->quiet)
			progress_say(NULL, 0, "%s: %s, not cleaned", w->path, why);
		return 0;
	}
	if (name[0] == '.') {
		w->c->hidden++;
		return 0;
	}
	if (S_ISLNK(st.st_mode)) {
		w->c->links++;
		return 0;
	}
	if (matches(w->o->exclude, w->o->nexclude, rel)) {
		w->c->excluded++;
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return folder(w, len);
	if (!S_ISREG(st.st_mode)) {
		w->c->special++;
		return 0;
	}
	if (w->o->ninclude && !matches(w->o->include, w->o->ninclude, rel)) {
		w->c->excluded++;
		return 0;
	}
	if (!sniff_text(w->path)) {
		w->c->binary++;
		return 0;
	}
	return w->found(w->ud, w->path, rel, &st);
}

int walk_folder(const char *root, const walk_options *o, walk_counts *c, walk_found found,
                void *ud)
{
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	walker w = { .o = o, .c = c, .found = found, .ud = ud, .cap = rl + 256 };
	if (!(w.path = malloc(w.cap)))
		return -1;
	memcpy(w.path, root, rl);
	w.path[rl] = '\0';
	w.root = rl == 1 && root[0] == '/' ? 1 : rl + 1;
	int rc = folder(&w, rl == 1 && root[0] == '/' ? 0 : rl);
	free(w.path);
	return rc;
}
