/*
 * learn.c - `cleaner learn [OPTION]... INPUT...`: read many pages (files and
 * folders, JSONL or WARC, compressed or not), clean each with the loaded
 * rules keeping its blocks, group them by host (the JSONL url, the WARC
 * target URI, --host, else the page's canonical link), and write for each
 * host a proposed site rule file (learnrules.c) to standard output or to
 * FOLDER/HOST.rules. Pages are gathered in input order whatever -j, so the
 * files depend on the inputs only.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum { OPT_MIN_PAGES = 256, OPT_MIN_SHARE, OPT_ARTICLE_PAGES, OPT_HOST, OPT_JSONL, OPT_WARC,
       OPT_NO_DEFAULTS, OPT_FORCE };

static const struct option opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "min-pages", required_argument, NULL, OPT_MIN_PAGES },
	{ "min-share", required_argument, NULL, OPT_MIN_SHARE },
	{ "article-pages", required_argument, NULL, OPT_ARTICLE_PAGES },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "jsonl", no_argument, NULL, OPT_JSONL },
	{ "warc", no_argument, NULL, OPT_WARC },
	{ "rules", required_argument, NULL, 'r' },
	{ "no-default-rules", no_argument, NULL, OPT_NO_DEFAULTS },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

typedef struct learn_run {
	learn_options lo;
	const char *outdir, *host;
	char *url;              /* https://HOST/ for --host */
	const char **rules;
	size_t nrules;
	int no_defaults, jsonl, warc, force, quiet;
	unsigned jobs;
	const char **inputs;
	size_t ninputs;
	learn_host **hosts;     /* in order of first page; sorted at the end */
	size_t nhosts, caphosts, last; /* last: the host of the page before */
	size_t hostless, failed, pages;
	char **files;           /* plain inputs, folders walked */
	size_t nfiles, capfiles, next;
	const cln_rules *rs;
	cln_clean_options co;
} learn_run;

static void usage(const char *msg, const char *arg)
{
	fprintf(stderr, "cleaner learn: ");
	fprintf(stderr, msg, arg);
	fprintf(stderr, "\nTry 'cleaner learn --help' for more information.\n");
	exit(2);
}

static void help(void)
{
	puts("Usage: cleaner learn [OPTION]... INPUT...\n"
	     "Propose a site rule file per host from many pages of it: the blocks and elements\n"
	     "that recur on a large share of a host's pages (its template), never article text.\n"
	     "INPUTs are pages (files, folders walked), or with --jsonl / --warc those files;\n"
	     "gzip and zstd are read as they are.\n\n"
	     "  -o, --output=FOLDER      write FOLDER/HOST.rules per host (default: all to standard output)\n"
	     "      --force              with -o: replace rule files that are there (default: refuse)\n"
	     "      --min-pages=N        propose what is seen on at least N pages of a host (default 5)\n"
	     "      --min-share=PERCENT  and on at least PERCENT of its pages (default 50)\n"
	     "      --article-pages=N    kept text seen on fewer than N pages is article text: a rule\n"
	     "                           that would remove it is never proposed (default 3)\n"
	     "      --host=HOST          the pages are HOST's (default: the JSONL url field, the WARC\n"
	     "                           target URI, the page's canonical link)\n"
	     "      --jsonl              read JSON lines (fields url and html, or text)\n"
	     "      --warc               read WARC files\n"
	     "  -r, --rules=FILE         load rules from FILE after the defaults; repeatable\n"
	     "      --no-default-rules   do not load the built-in default rules\n"
	     "  -j, --jobs=N             clean with N threads (default: the number of cores)\n"
	     "  -q, --quiet              no summary on standard error\n"
	     "  -h, --help               print this help and exit\n\n"
	     "Exit status: 0 ok, 1 some input failed, 2 usage error or rule files that exist.");
}

static size_t number(const char *opt, const char *arg, size_t lo, size_t hi)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(arg, &end, 10);
	if (errno || *end || *arg < '0' || *arg > '9' || n < lo || n > hi) {
		char msg[128];
		snprintf(msg, sizeof msg, "%s needs a number from %zu to %zu, not '%%s'", opt, lo, hi);
		usage(msg, arg);
	}
	return (size_t)n;
}

static void push(const char ***list, size_t *n, const char *v)
{
	const char **l = realloc(*list, (*n + 1) * sizeof *l);
	if (!l)
		abort();
	l[(*n)++] = v;
	*list = l;
}

static void parse(learn_run *r, int argc, char **argv)
{
	optind = 1;
	opterr = 0;
	for (int ch; (ch = getopt_long(argc, argv, ":o:r:j:qh", opts, NULL)) != -1;) {
		switch (ch) {
		case 'o': r->outdir = optarg; break;
		case OPT_MIN_PAGES: r->lo.min_pages = number("--min-pages", optarg, 2, 1000000000); break;
		case OPT_MIN_SHARE: r->lo.min_share = number("--min-share", optarg, 1, 100); break;
		case OPT_ARTICLE_PAGES:
			r->lo.article_pages = number("--article-pages", optarg, 1, 1000000000);
			break;
		case OPT_HOST: r->host = optarg; break;
		case OPT_JSONL: r->jsonl = 1; break;
		case OPT_WARC: r->warc = 1; break;
		case 'r': push(&r->rules, &r->nrules, optarg); break;
		case OPT_NO_DEFAULTS: r->no_defaults = 1; break;
		case OPT_FORCE: r->force = 1; break;
		case 'j': r->jobs = (unsigned)number("--jobs", optarg, 1, 256); break;
		case 'q': r->quiet = 1; break;
		case 'h': help(); exit(0);
		case ':': usage("option '%s' needs an argument", argv[optind - 1]); break;
		default: usage("unknown option '%s'", argv[optind - 1]); break;
		}
	}
	r->inputs = (const char **)argv + optind;
	r->ninputs = (size_t)(argc - optind);
	if (!r->ninputs)
		usage("%s", "needs pages to learn from (files, folders, or --jsonl / --warc files)");
	if (r->jsonl && r->warc)
		usage("%s", "--jsonl or --warc, not both");
	if (r->lo.article_pages > r->lo.min_pages)
		usage("%s", "--article-pages may not be over --min-pages: a finding would be article "
		            "text");
	if (r->host && (!*r->host || strpbrk(r->host, "/: ")))
		usage("--host needs a host name (example.com), not '%s'", r->host);
	if (r->force && !r->outdir)
		usage("%s", "--force goes with -o FOLDER");
}

/* ---- gathering pages ---------------------------------------------------- */

static size_t utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static void page_free(learn_page *p)
{
	if (p) {
		free(p->b);
		free(p->strings);
		free(p);
	}
}

/* Fewer than two words of three letters or more: a price, a part number,
   a count, "Varies" (the same shape on every page, but the page's own). */
static bool data_like(const char *s, size_t n)
{
	size_t words = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && (((unsigned char)s[j] | 32) >= 'a' && ((unsigned char)s[j] | 32) <= 'z'))
			j++;
		words += j - i >= 3;
		i = j > i ? j : i + 1;
	}
	return words < 2;
}

/* page_sink.page: the page's blocks, host first, behind one pointer. */
static char *learn_page_of(void *ud, const cln_rules *rules, const char *data, size_t len,
                           const cln_clean_options *co, const char *name, char *err,
                           size_t errsize)
{
	(void)ud;
	cln_clean_options o = *co;
	o.version = CLN_CLEAN_OPTIONS_VERSION;
	o.blocks = 1;
	o.markdown = 0;
	cln_result *res;
	cln_error ce;
	if (cln_clean(&res, rules, data, len, &o, &ce) < 0) {
		snprintf(err, errsize, "%s: %s", name, ce.message);
		return NULL;
	}
	size_t n = cln_result_block_count(res), size = strlen(cln_result_host(res)) + 1;
	for (size_t i = 0; i < n; i++) {
		const cln_block *b = cln_result_block(res, i);
		size += b->text_len + 1 + (b->path ? strlen(b->path) + 1 : 0);
	}
	learn_page *p = calloc(1, sizeof *p);
	learn_page **box = malloc(sizeof *box);
	if (p) {
		p->b = calloc(n ? n : 1, sizeof *p->b);
		p->strings = malloc(size);
	}
	if (!box || !p || !p->b || !p->strings) {
		page_free(p);
		free(box);
		cln_result_free(res);
		snprintf(err, errsize, "%s: out of memory", name);
		return NULL;
	}
	char *s = stpcpy(p->strings, cln_result_host(res)) + 1;
	for (size_t i = 0; i < n; i++) {
		const cln_block *b = cln_result_block(res, i);
		learn_block *o2 = &p->b[p->n++];
		o2->fp = cln_fingerprint(b->text, b->text_len);
		o2->text = memcpy(s, b->text, b->text_len);
		s[b->text_len] = '\0';
		s += b->text_len + 1;
		o2->text_len = b->text_len;
		o2->chars = utf8_chars(b->text, b->text_len);
		o2->kept = b->rule_id == NULL;
		o2->data = data_like(b->text, b->text_len);
		if (b->path) {
			o2->path = s;
			s = stpcpy(s, b->path) + 1;
		}
	}
	cln_result_free(res);
	*box = p;
	return (char *)box;
}

static int by_host(const void *a, const void *b)
{
	return strcmp((*(const learn_host *const *)a)->host, (*(const learn_host *const *)b)->host);
}

/* page_sink.add: the page joins its host's (in input order). */
static void learn_add(void *ud, const char *page, const char *err)
{
	learn_run *r = ud;
	if (!page) {
		r->failed++;
		if (err && *err && !cli_stopped())
			cli_say(err);
		return;
	}
	learn_page *p = *(learn_page *const *)page;
	if (!*p->strings) {
		r->hostless++;
		page_free(p);
		return;
	}
	learn_host *g = NULL;
	/* pages of one host mostly come together: the last one first */
	for (size_t k = 0; k < r->nhosts && !g; k++) {
		size_t i = (r->last + k) % r->nhosts;
		if (strcmp(r->hosts[i]->host, p->strings) == 0) {
			g = r->hosts[i];
			r->last = i;
		}
	}
	if (!g && r->nhosts == r->caphosts) {
		size_t cap = r->caphosts ? 2 * r->caphosts : 16;
		learn_host **v = realloc(r->hosts, cap * sizeof *v);
		r->hosts = v ? v : r->hosts;
		r->caphosts = v ? cap : r->caphosts;
	}
	if (!g && r->nhosts < r->caphosts && (g = calloc(1, sizeof *g)) &&
	    !(g->host = strdup(p->strings))) {
		free(g);
		g = NULL;
	} else if (g && !g->npages) {
		r->last = r->nhosts;
		r->hosts[r->nhosts++] = g;
	}
	if (g && g->npages == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 16;
		learn_page **v = realloc(g->pages, cap * sizeof *v);
		g->pages = v ? v : g->pages;
		g->cap = v ? cap : g->cap;
	}
	if (!g || g->npages == g->cap) {
		cli_say("out of memory: a page was left out");
		r->failed++;
		page_free(p);
		return;
	}
	g->pages[g->npages++] = p;
	r->pages++;
}

/* ---- files and folders -------------------------------------------------- */

static int add_file(learn_run *r, const char *path)
{
	if (r->nfiles == r->capfiles) {
		size_t cap = r->capfiles ? 2 * r->capfiles : 64;
		char **v = realloc(r->files, cap * sizeof *v);
		if (!v)
			return -1;
		r->files = v;
		r->capfiles = cap;
	}
	return (r->files[r->nfiles++] = strdup(path)) ? 0 : -1;
}

static int found(void *ud, const char *path, const char *rel, const struct stat *st)
{
	(void)rel;
	(void)st;
	return add_file(ud, path);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every page file: folders walked, each in sorted order. 0 or -1. */
static int collect(learn_run *r)
{
	walk_options wo = { .quiet = r->quiet };
	walk_counts wc = { 0 };
	for (size_t i = 0; i < r->ninputs; i++) {
		struct stat st;
		size_t start = r->nfiles;
		if (stat(r->inputs[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (walk_folder(r->inputs[i], &wo, &wc, found, r) < 0)
				return -1;
			qsort(r->files + start, r->nfiles - start, sizeof *r->files, by_name);
		} else if (add_file(r, r->inputs[i]) < 0) {
			return -1;
		}
	}
	r->failed += wc.unreadable;
	return 0;
}

static int file_next(void *ud, char **item, size_t *len)
{
	learn_run *r = ud;
	if (r->next >= r->nfiles || cli_stopped())
		return 0;
	*item = strdup(r->files[r->next++]);
	*len = *item ? strlen(*item) : 0;
	return *item ? 1 : -1;
}

static char *file_work(void *ud, const char *item, size_t len, size_t seq, char *err,
                       size_t errsize)
{
	const learn_run *r = ud;
	(void)len;
	(void)seq;
	char *data;
	size_t n;
	if (cli_read_file(item, CLI_DEFAULT_MAX_BYTES, &data, &n, err, errsize) < 0)
		return NULL;
	char *page = learn_page_of(NULL, r->rs, data, n, &r->co, item, err, errsize);
	free(data);
	return page;
}

static int file_emit(void *ud, size_t seq, const char *out, const char *err)
{
	(void)seq;
	learn_add(ud, out, err);
	return 0;
}

/* ---- the run ------------------------------------------------------------ */

static unsigned threads(unsigned jobs)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	return jobs ? jobs : cores > 0 ? (unsigned)cores : 1;
}

/* Read every input into r's hosts. */
static int gather(learn_run *r)
{
	page_sink sink = { learn_page_of, learn_add, NULL, r };
	unsigned t = threads(r->jobs);
	if (r->jsonl) {
		jsonl_options jo = { .html_field = "html", .text_field = "text", .out_field = "text",
		                     .summary_field = "cleaner", .clean = r->co, .sink = &sink };
		size_t failed = 0;
		int rc = jsonl_run_all(&jo, r->inputs, r->ninputs, CLI_DEFAULT_MAX_BYTES, t, r->rs, NULL,
		                       &failed);
		return rc;
	}
	if (r->warc) {
		warc_options wo = { .inputs = r->inputs, .ninputs = r->ninputs, .jobs = t,
		                    .clean = r->co, .max_bytes = CLI_DEFAULT_MAX_BYTES,
		                    .summary_field = "cleaner", .quiet = 1, .sink = &sink,
		                    .sink_only = true };
		return warc_run_all(&wo, r->rs, NULL) ? (r->failed++, 0) : 0;
	}
	if (collect(r) < 0)
		return -1;
	return ordered_run(t, (size_t)t * 16, file_next, file_work, file_emit, r);
}

/* The hosts in name order, each with its proposed rule file. */
static int write_all(learn_run *r)
{
	int status = 0;
	char path[4096];
	for (size_t i = 0; r->outdir && !r->force && i < r->nhosts; i++) {
		snprintf(path, sizeof path, "%s/%s.rules", r->outdir, r->hosts[i]->host);
		if (r->hosts[i]->npages >= r->lo.min_pages && access(path, F_OK) == 0) {
			fprintf(stderr, "cleaner learn: %s is there (--force replaces it)\n", path);
			status = 2;
		}
	}
	if (status)
		return status;
	if (r->outdir && mkdir(r->outdir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "cleaner learn: %s: %s\n", r->outdir, strerror(errno));
		return 1;
	}
	for (size_t i = 0; i < r->nhosts; i++) {
		const learn_host *h = r->hosts[i];
		if (h->npages < r->lo.min_pages) {
			if (!r->quiet)
				fprintf(stderr, "cleaner learn: %s: %zu page%s, fewer than --min-pages=%zu: "
				        "nothing learned\n", h->host, h->npages, h->npages == 1 ? "" : "s",
				        r->lo.min_pages);
			continue;
		}
		char *text = NULL;
		size_t len = 0, nrules = 0;
		FILE *f = r->outdir ? open_memstream(&text, &len) : stdout;
		int rc = f ? learn_write_host(f, h, &r->lo, &nrules) : -1;
		if (r->outdir && f && fclose(f) != 0)
			rc = -1;
		char err[1200] = "out of memory";
		if (rc == 0 && r->outdir) {
			snprintf(path, sizeof path, "%s/%s.rules", r->outdir, h->host);
			rc = cli_write_atomic(path, text, len, err, sizeof err);
		}
		free(text);
		if (rc < 0) {
			fprintf(stderr, "cleaner learn: %s: %s\n", h->host, err);
			status = 1;
		} else if (!r->quiet) {
			fprintf(stderr, "cleaner learn: %s: %zu rule%s proposed from %zu pages%s%s\n",
			        h->host, nrules, nrules == 1 ? "" : "s", h->npages,
			        r->outdir ? " in " : "", r->outdir ? path : "");
		}
	}
	return status;
}

static void host_free(learn_host *h)
{
	for (size_t i = 0; i < h->npages; i++)
		page_free(h->pages[i]);
	free(h->pages);
	free(h->host);
	free(h);
}

int cli_learn_main(int argc, char **argv)
{
	learn_run r = { .lo = { 5, 50, 3 } };
	parse(&r, argc, argv);
	size_t nerr = 0;
	cln_rules_options ro = cli_rules_options(r.rules, r.nrules, r.no_defaults, &nerr);
	cln_rules *rs;
	if (cln_rules_new(&rs, &ro, NULL) < 0) {
		fprintf(stderr, "cleaner learn: %zu error%s in rule files\n", nerr, nerr == 1 ? "" : "s");
		free(r.rules);
		return 2;
	}
	r.rs = rs;
	r.co = (cln_clean_options)CLN_CLEAN_OPTIONS_INIT;
	if (r.host && (r.url = cli_concat("https://", r.host, "/", "")))
		r.co.url = r.url;
	cli_catch_signals();
	int status = gather(&r) < 0 ? 1 : 0;
	if (r.nhosts)
		qsort(r.hosts, r.nhosts, sizeof *r.hosts, by_host);
	if (cli_stopped()) {
		status = 128 + cli_stopped();
	} else {
		if (r.hostless && !r.quiet)
			fprintf(stderr, "cleaner learn: %zu page%s without a URL or canonical link left out "
			        "(--host names their host)\n", r.hostless, r.hostless == 1 ? "" : "s");
		int ws = write_all(&r);
		status = ws ? ws : status || r.failed ? 1 : 0;
	}
	for (size_t i = 0; i < r.nhosts; i++)
		host_free(r.hosts[i]);
	free(r.hosts);
	for (size_t i = 0; i < r.nfiles; i++)
		free(r.files[i]);
	free(r.files);
	free(r.url);
	free(r.rules);
	cln_rules_free(rs);
	return status;
}
