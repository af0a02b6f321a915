/*
 * ruleset.c - building a cln_rules: built-in defaults, rule files, includes,
 * duplicate ids, and the error list. The parser (rulefile.c) does the syntax.
 *
 * Loading costs time linear in the rules read: ids are found through a hash
 * table, a file is loaded at most once (a second include of it does
 * nothing, so fan-out and diamonds cost one load per file), and the number
 * of includes, their depth and the size of a file are capped (limits in
 * rules/README.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* The built-in rule files, generated from the files in rules/ (default_rules.c). */
typedef struct builtin_file {
	const char *name;
	const char *text;
} builtin_file;
extern const builtin_file cln_builtin_rules[];
extern const size_t cln_builtin_count;

#define BUILTIN_PREFIX "builtin:"
#define MAX_INCLUDE_DEPTH 16
#define MAX_INCLUDES 1000               /* include lines read per rule set */
#define MAX_RULE_FILE_BYTES (64L << 20) /* a rule file's size */

/* A string-keyed hash table (open addressing, linear probing), for rule
   ids and for the files already loaded. Keys are borrowed, never copied. */
typedef struct strmap {
	const char **key; /* NULL: empty; TOMBSTONE: deleted */
	size_t *val;
	size_t n, cap;    /* n counts tombstones too: they lengthen probes */
} strmap;

static const char TOMBSTONE[1];

static size_t hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return (size_t)h;
}

/* The slot of key, or the empty slot where it would go. */
static size_t slot(const strmap *m, const char *key, size_t len)
{
	size_t i = hash(key, len) & (m->cap - 1);
	for (;; i = (i + 1) & (m->cap - 1)) {
		const char *k = m->key[i];
		if (!k || (k != TOMBSTONE && strlen(k) == len && memcmp(k, key, len) == 0))
			return i;
	}
}

static bool map_find(const strmap *m, const char *key, size_t len, size_t *val)
{
	if (!m->cap)
		return false;
	size_t i = slot(m, key, len);
	if (!m->key[i])
		return false;
	*val = m->val[i];
	return true;
}

static int map_put(strmap *m, const char *key, size_t val)
{
	if ((m->n + 1) * 2 > m->cap) {
		strmap g = { NULL, NULL, 0, m->cap ? m->cap * 2 : 64 };
		g.key = calloc(g.cap, sizeof *g.key);
		g.val = malloc(g.cap * sizeof *g.val);
		if (!g.key || !g.val) {
			free(g.key);
			free(g.val);
			return CLN_ENOMEM;
		}
		for (size_t i = 0; i < m->cap; i++)
			if (m->key[i] && m->key[i] != TOMBSTONE) {
				size_t j = slot(&g, m->key[i], strlen(m->key[i]));
				g.key[j] = m->key[i];
				g.val[j] = m->val[i];
				g.n++;
			}
		free(m->key);
		free(m->val);
		*m = g;
	}
	size_t i = slot(m, key, strlen(key));
	m->n += !m->key[i];
	m->key[i] = key;
	m->val[i] = val;
	return 0;
}

static void map_del(strmap *m, const char *key, size_t len)
{
	size_t i = m->cap ? slot(m, key, len) : 0;
	if (m->cap && m->key[i])
		m->key[i] = TOMBSTONE;
}

static void map_free(strmap *m)
{
	free(m->key);
	free(m->val);
}

struct rule_loader {
	cln_rules *set;
	size_t cap;
	const cln_rules_options *opts;
	cln_error *first;   /* caller's error struct, filled by the first error */
	size_t errors;
	int first_code;
	const char *stack[MAX_INCLUDE_DEPTH]; /* files being read, outermost first */
	size_t depth;
	strmap ids;         /* rule id -> index in set (disabled rules leave holes) */
	int scope;          /* the @site section in force, or -1 */
	unsigned page_types; /* the @page-type section in force, or PAGE_ALL */
	size_t capscopes;
	size_t disabled;    /* holes in set->v, closed when loading ends */
	strmap loaded;      /* files loaded so far, by real path or built-in name */
	char **names;       /* the keys of loaded */
	size_t nnames, capnames;
	size_t includes;    /* include lines followed */
	size_t capdefs;     /* of set->defs */
};

void cln_rule_clear(rule *r)
{
	free(r->off);
	free(r->id);
	free(r->file);
	free(r->with);
	free(r->part);
	free(r->src);
	cln_regex_free(&r->pat.re);
	free(r->pat.need);
	cln_selector_free(r->sel);
	for (size_t i = 0; i < r->nmarkers; i++) {
		cln_regex_free(&r->markers[i].re);
		free(r->markers[i].need);
	}
	free(r->markers);
	memset(r, 0, sizeof *r);
}

int cln_loader_add_rule(rule_loader *ld, rule *r)
{
	cln_rules *s = ld->set;
	if (grow_array(&s->v, s->n, &ld->cap, sizeof *s->v) < 0 ||
	    map_put(&ld->ids, r->id, s->n) < 0)
		return CLN_ENOMEM;
	s->v[s->n++] = *r;
	memset(r, 0, sizeof *r);
	return 0;
}

const rule *cln_loader_find(const rule_loader *ld, const char *id, size_t len)
{
	size_t i;
	return map_find(&ld->ids, id, len, &i) ? &ld->set->v[i] : NULL;
}

/* A disabled rule leaves a hole (id NULL) until loading ends, so that the
   indices in ld->ids stay right. */
bool cln_loader_disable(rule_loader *ld, const char *id, size_t len)
{
	size_t i;
	if (!map_find(&ld->ids, id, len, &i))
		return false;
	rule *r = &ld->set->v[i];
	if (ld->page_types != PAGE_ALL) { /* off for this section's page types */
		r->page_types &= ~ld->page_types;
		return true;
	}
	if (ld->scope >= 0) { /* off for this section's sites only */
		int *off = realloc(r->off, (r->noff + 1) * sizeof *off);
		if (!off) {
			cln_loader_error(ld, CLN_ENOMEM, r->file, r->line, 0, 0, NULL, 0, "out of memory");
			return true;
		}
		r->off = off;
		r->off[r->noff++] = ld->scope;
		return true;
	}
	map_del(&ld->ids, id, len);
	cln_rule_clear(&ld->set->v[i]);
	ld->disabled++;
	return true;
}

int cln_loader_add_scope(rule_loader *ld, site_scope *s)
{
	cln_rules *set = ld->set;
	if (set->nscopes >= INT_MAX ||
	    grow_array(&set->scopes, set->nscopes, &ld->capscopes, sizeof *set->scopes) < 0) {
		cln_scope_free(s);
		return CLN_ENOMEM;
	}
	set->scopes[set->nscopes] = *s;
	return (int)set->nscopes++;
}

int cln_loader_scope(const rule_loader *ld)
{
	return ld->scope;
}

void cln_loader_set_scope(rule_loader *ld, int scope)
{
	ld->scope = scope;
}

unsigned cln_loader_page_types(const rule_loader *ld)
{
	return ld->page_types;
}

void cln_loader_set_page_types(rule_loader *ld, unsigned types)
{
	ld->page_types = types;
}

static void close_holes(cln_rules *s)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].id)
			s->v[k++] = s->v[i];
	s->n = k;
}

void cln_loader_error(rule_loader *ld, int code, const char *file,
                      unsigned line, unsigned col, size_t offset,
                      const char *srcline, size_t srclen, const char *fmt, ...)
{
	cln_error e;
	memset(&e, 0, sizeof e);
	e.code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e.message, sizeof e.message, fmt, ap);
	va_end(ap);
	snprintf(e.file, sizeof e.file, "%s", file ? file : "");
	e.line = line;
	e.column = col;
	e.offset = offset;
	if (srcline) {
		size_t n = srclen < sizeof e.source_line - 1 ? srclen : sizeof e.source_line - 1;
		memcpy(e.source_line, srcline, n);
		e.source_line[n] = '\0';
	}
	if (ld->errors++ == 0) {
		ld->first_code = code;
		if (ld->first)
			*ld->first = e;
	}
	if (ld->opts->on_error)
		ld->opts->on_error(&e, ld->opts->userdata);
}

static const builtin_file *find_builtin(const char *name)
{
	for (size_t i = 0; i < cln_builtin_count; i++)
		if (strcmp(cln_builtin_rules[i].name, name) == 0)
			return &cln_builtin_rules[i];
	return NULL;
}

/* A rule file into out: a regular file of at most MAX_RULE_FILE_BYTES
   (a folder, a device such as /dev/zero or a FIFO is refused). On error
   CLN_ENOMEM or CLN_EIO, with the reason in why. */
static int read_file(const char *path, buf *out, char *why, size_t whysize)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	const char *bad = NULL;
	bool oom = false;
	char big[96];
	snprintf(big, sizeof big, "larger than the limit of %ld bytes for a rule file",
	         (long)MAX_RULE_FILE_BYTES);
	if (fd < 0 || fstat(fd, &st) < 0) {
		oom = errno == ENOMEM;
		bad = strerror(errno);
	}
	else if (S_ISDIR(st.st_mode))
		bad = strerror(EISDIR);
	else if (!S_ISREG(st.st_mode))
		bad = "not a regular file (rule files must be regular files)";
	else if (st.st_size > MAX_RULE_FILE_BYTES)
		bad = big;
	else if ((oom = buf_reserve(out, (size_t)st.st_size + 1) < 0))
		bad = strerror(ENOMEM);
	/* the size may change under us: read to the limit, no further */
	while (!bad) {
		ssize_t n;
		if (out->len > (size_t)MAX_RULE_FILE_BYTES)
			bad = big;
		else if ((oom = buf_reserve(out, 65536) < 0))
			bad = strerror(ENOMEM);
		else if ((n = read(fd, out->data + out->len, 65536)) > 0)
			out->len += (size_t)n;
		else if (n == 0)
			break;
		else if (errno != EINTR)
			bad = strerror(errno);
	}
	if (out->data)
		out->data[out->len] = '\0';
	if (fd >= 0)
		close(fd);
	if (bad)
		snprintf(why, whysize, "%s", bad);
	return !bad ? 0 : oom ? CLN_ENOMEM : CLN_EIO;
}

/* Note that the file with this key is being loaded; false if it was
   before (or on failure, counted as an error by the caller). */
static int first_load(rule_loader *ld, const char *key)
{
	size_t unused;
	if (map_find(&ld->loaded, key, strlen(key), &unused))
		return 0;
	char *k = strdup(key);
	if (!k || grow_array(&ld->names, ld->nnames, &ld->capnames, sizeof *ld->names) < 0 ||
	    map_put(&ld->loaded, k, 0) < 0) {
		free(k);
		return CLN_ENOMEM;
	}
	ld->names[ld->nnames++] = k;
	return 1;
}

/* Parse one file with `name` on the include stack (loop detection). */
/* An @site or @page-type line holds for the rest of its file and what that
   includes. */
static size_t load_named(rule_loader *ld, const char *name, bool builtin,
                         const char *text, size_t len)
{
	int scope = ld->scope;
	unsigned types = ld->page_types;
	ld->stack[ld->depth++] = name;
	size_t n = cln_parse_rules(ld, name, builtin, text, len);
	ld->depth--;
	ld->scope = scope;
	ld->page_types = types;
	return n;
}

/* The built-in site files, sites/HOST.rules: each for its host only. */
static void load_sites(rule_loader *ld)
{
	static const char dir[] = "sites/", ext[] = ".rules";
	for (size_t i = 0; i < cln_builtin_count; i++) {
		const builtin_file *bf = &cln_builtin_rules[i];
		size_t n = strlen(bf->name);
		if (strncmp(bf->name, dir, sizeof dir - 1) != 0 || n < sizeof dir + sizeof ext ||
		    strcmp(bf->name + n - (sizeof ext - 1), ext) != 0)
			continue;
		char name[300];
		snprintf(name, sizeof name, BUILTIN_PREFIX "%s", bf->name);
		site_scope s;
		size_t pos;
		const char *why;
		int sc = cln_scope_parse(&s, bf->name + sizeof dir - 1,
		                         n - (sizeof dir - 1) - (sizeof ext - 1), &pos, &why);
		if (sc == 0)
			sc = cln_loader_add_scope(ld, &s);
		if (sc < 0 || first_load(ld, name) < 0) {
			cln_loader_error(ld, sc == CLN_ESYNTAX ? CLN_ESYNTAX : CLN_ENOMEM, name, 0, 0, 0,
			                 NULL, 0, "%s", sc == CLN_ESYNTAX ? why : "out of memory");
			continue;
		}
		ld->scope = sc;
		load_named(ld, name, true, bf->text, strlen(bf->text));
		ld->scope = -1;
	}
}

/* The key a file is known by: its real path, or its built-in name. */
static const char *file_key(const char *name, char real[PATH_MAX])
{
	if (strncmp(name, BUILTIN_PREFIX, strlen(BUILTIN_PREFIX)) == 0 || !realpath(name, real))
		return name;
	return real;
}

size_t cln_loader_include(rule_loader *ld, const char *from, bool builtin,
                          const char *path, size_t pathlen, unsigned line,
                          unsigned col, size_t offset, const char *srcline,
                          size_t srclen)
{
#define INCLUDE_ERROR(code, ...) \
	(cln_loader_error(ld, code, from, line, col, offset, srcline, srclen, __VA_ARGS__), 1)
	if (pathlen == 0 || memchr(path, '\0', pathlen))
		return INCLUDE_ERROR(CLN_EINCLUDE, "include needs a file name");
	if (ld->depth >= MAX_INCLUDE_DEPTH)
		return INCLUDE_ERROR(CLN_EINCLUDE, "includes nested deeper than %d files (the limit)",
		                     MAX_INCLUDE_DEPTH);
	if (++ld->includes > MAX_INCLUDES)
		return ld->includes > MAX_INCLUDES + 1 ? 0 : INCLUDE_ERROR(CLN_EINCLUDE,
		       "more than %d includes in one rule set (the limit); later ones not followed",
		       MAX_INCLUDES);

	/* resolve: built-in files include each other by name; files on disk
	   include relative to their own folder */
	buf name = BUF_INIT;
	buf text = BUF_INIT;
	size_t errs = 0;
	int nomem = 0, rc;
	if (builtin) {
		const builtin_file *bf = find_builtin(path);
		if (!bf) {
			errs = INCLUDE_ERROR(CLN_EINCLUDE, "no built-in rule file '%s'", path);
			goto out;
		}
		nomem |= buf_printf(&name, BUILTIN_PREFIX "%s", bf->name);
	} else {
		const char *slash = strrchr(from, '/');
		if (path[0] != '/' && slash)
			nomem |= buf_add(&name, from, (size_t)(slash - from) + 1);
		nomem |= buf_adds(&name, path);
	}
	if (nomem) {
		errs = INCLUDE_ERROR(CLN_ENOMEM, "out of memory");
		goto out;
	}
	char real[PATH_MAX], ri[PATH_MAX];
	const char *key = file_key(name.data, real);
	for (size_t i = 0; i < ld->depth; i++) {
		if (strcmp(file_key(ld->stack[i], ri), key) == 0) {
			buf chain = BUF_INIT;
			for (size_t j = i; j < ld->depth; j++)
				buf_printf(&chain, "%s -> ", ld->stack[j]);
			buf_adds(&chain, name.data);
			errs = INCLUDE_ERROR(CLN_EINCLUDE, "include loop: %s",
			                     chain.data ? chain.data : name.data);
			buf_free(&chain);
			goto out;
		}
	}
	int first = first_load(ld, key);
	if (first <= 0) {
		/* loaded before: its rules are in already */
		errs = first < 0 ? INCLUDE_ERROR(CLN_ENOMEM, "out of memory") : 0;
		goto out;
	}
	char why[160];
	if (builtin) {
		const char *t = find_builtin(path)->text;
		errs = load_named(ld, name.data, true, t, strlen(t));
	} else if ((rc = read_file(name.data, &text, why, sizeof why)) < 0)
		errs = INCLUDE_ERROR(rc == CLN_ENOMEM ? CLN_ENOMEM : CLN_EINCLUDE,
		                     "cannot read '%s': %s", name.data, why);
	else
		errs = load_named(ld, name.data, false, text.data ? text.data : "", text.len);
out:
	buf_free(&name);
	buf_free(&text);
	return errs;
#undef INCLUDE_ERROR
}

static void load_file(rule_loader *ld, const char *path)
{
	buf text = BUF_INIT;
	char why[160], real[PATH_MAX];
	int first = 0, rc;
	if ((rc = read_file(path, &text, why, sizeof why)) < 0)
		cln_loader_error(ld, rc, path, 0, 0, 0, NULL, 0, "cannot read rule file: %s", why);
	else if ((first = first_load(ld, file_key(path, real))) < 0)
		cln_loader_error(ld, CLN_ENOMEM, path, 0, 0, 0, NULL, 0, "out of memory");
	else if (first > 0)
		load_named(ld, path, false, text.data ? text.data : "", text.len);
	buf_free(&text);
}

int cln_loader_define(rule_loader *ld, const char *name, size_t nl, const char *re, size_t len,
                      uint32_t opts)
{
	cln_rules *set = ld->set;
	size_t l;
	uint32_t o;
	if (cln_rules_pattern(set, name, nl, &l, &o))
		return 1;
	named_re d = { strndup(name, nl), malloc(len ? len : 1), len, opts };
	if (!d.name || !d.re || grow_array(&set->defs, set->ndefs, &ld->capdefs, sizeof *set->defs) < 0) {
		free(d.name);
		free(d.re);
		return CLN_ENOMEM;
	}
	memcpy(d.re, re, len);
	set->defs[set->ndefs++] = d;
	return 0;
}

const cln_rules *cln_loader_set(const rule_loader *ld)
{
	return ld->set;
}

/* A few defines per rule set: a search is shorter than a table. */
const char *cln_rules_pattern(const cln_rules *rs, const char *name, size_t nl, size_t *len,
                              uint32_t *opts)
{
	for (size_t i = 0; rs && i < rs->ndefs; i++)
		if (strlen(rs->defs[i].name) == nl && memcmp(rs->defs[i].name, name, nl) == 0) {
			*len = rs->defs[i].len;
			*opts = rs->defs[i].opts;
			return rs->defs[i].re;
		}
	return NULL;
}

static void loader_free(rule_loader *ld)
{
	map_free(&ld->ids);
	map_free(&ld->loaded);

	for (size_t i = 0; i < ld->nnames; i++)
		free(ld->names[i]);
	free(ld->names);
}

static int add_attr(void *set, const char *name)
{
	return cln_attrset_add(set, name);
}

/* The attributes Gumbo must read for this set: cleaner's own and those
   its selectors test; the others are left out of the parse (htmlskip.c). */
static int attrs_build(cln_rules *set)
{
	if (!(set->attrs = malloc(sizeof *set->attrs)) || cln_attrset_init(set->attrs) < 0)
		return CLN_ENOMEM;
	for (size_t i = 0; i < set->n; i++)
		if (set->v[i].sel && cln_selector_attrs(set->v[i].sel, add_attr, set->attrs) < 0)
			return CLN_ENOMEM;
	return 0;
}

int cln_rules_new(cln_rules **out, const cln_rules_options *opts, cln_error *err)
{
	static const cln_rules_options defaults = CLN_RULES_OPTIONS_INIT;
	if (!out)
		return cln_seterr(err, CLN_EINVAL, "cln_rules_new: out is NULL");
	*out = NULL;
	if (!opts)
		opts = &defaults;
	for (size_t i = 0; i < opts->nfiles; i++)
		if (!opts->files || !opts->files[i])
			return cln_seterr(err, CLN_EINVAL, "cln_rules_options: files[%zu] of %zu is NULL",
			                  i, opts->nfiles);
	if (opts->version != CLN_RULES_OPTIONS_VERSION)
		return cln_seterr(err, CLN_EINVAL, "cln_rules_options version %u, expected %u",
		                  opts->version, CLN_RULES_OPTIONS_VERSION);
	cln_rules *set = calloc(1, sizeof *set);
	if (!set)
		return cln_seterr(err, CLN_ENOMEM, "out of memory");
	rule_loader ld = { .set = set, .opts = opts, .first = err, .scope = -1,
	                   .page_types = PAGE_ALL };
	if (!opts->no_defaults) {
		const builtin_file *bf = find_builtin("default.rules");
		if (first_load(&ld, BUILTIN_PREFIX "default.rules") < 0)
			cln_loader_error(&ld, CLN_ENOMEM, BUILTIN_PREFIX "default.rules", 0, 0, 0,
			                 NULL, 0, "out of memory");
		else
			load_named(&ld, BUILTIN_PREFIX "default.rules", true, bf->text, strlen(bf->text));
		load_sites(&ld);
	}
	for (size_t i = 0; i < opts->nfiles; i++)
		load_file(&ld, opts->files[i]);
	if (opts->text)
		load_named(&ld, opts->text_name ? opts->text_name : "<rules>", false,
		           opts->text, opts->text_len ? opts->text_len : strlen(opts->text));
	loader_free(&ld);
	close_holes(set);
	if (!ld.errors && (cln_prefilter_build(set) < 0 || attrs_build(set) < 0 ||
	                   !(set->lines = cln_line_tables_new())))
		cln_loader_error(&ld, CLN_ENOMEM, "<rules>", 0, 0, 0, NULL, 0, "out of memory");
	if (ld.errors) {
		cln_rules_free(set);
		return ld.first_code;
	}
	*out = set;
	return 0;
}

void cln_rules_free(cln_rules *rules)
{
	if (!rules)
		return;
	for (size_t i = 0; i < rules->n; i++)
		cln_rule_clear(&rules->v[i]);
	for (size_t i = 0; i < rules->nscopes; i++)
		cln_scope_free(&rules->scopes[i]);
	free(rules->scopes);
	free(rules->v);
	for (size_t i = 0; i < rules->ndefs; i++) {
		free(rules->defs[i].name);
		free(rules->defs[i].re);
	}
	free(rules->defs);
	cln_prefilter_free(rules->pf);
	free(rules->lines);
	if (rules->attrs)
		cln_attrset_free(rules->attrs);
	free(rules->attrs);
	free(rules);
}

size_t cln_rules_count(const cln_rules *rules)
{
	return rules ? rules->n : 0;
}

int cln_rules_has_part(const cln_rules *rules, const char *name)
{
	for (size_t i = 0; rules && name && i < rules->n; i++)
		if (rules->v[i].part && strcmp(rules->v[i].part, name) == 0)
			return 1;
	return 0;
}

const char *cln_default_rules_name(size_t i)
{
	return i < cln_builtin_count ? cln_builtin_rules[i].name : NULL;
}

const char *cln_default_rules_text(size_t i)
{
	return i < cln_builtin_count ? cln_builtin_rules[i].text : NULL;
}
