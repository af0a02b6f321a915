/*
 * pagetype.c - what kind of page a document is: article, forum, product,
 * collection, listing, documentation or service. Each type sums the weights
 * of named signals (the table below); the highest sum wins, an article on
 * a tie or when nothing votes (a text with no paragraph: unknown). The
 * signals come from what metadata.c saw (schema.org types in JSON-LD and
 * microdata, og:type, the generator), one pass over the elements and
 * blocks already built (repeated siblings with authors, dates or prices,
 * code, sections, prose), or over flattened text's lines (textsignals.c
 * counts them into the same page_stats), and the URL's path. It runs once
 * per document, before the rules, in time linear in the page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "memci.h"
#include "pagestats.h"

const char *const cln_page_type_names[PAGE_COUNT] = {
	"unknown", "article", "forum", "product", "collection", "listing", "documentation", "service",
};

int cln_page_type_lookup(const char *s, size_t len)
{
	for (int t = PAGE_ARTICLE; t < PAGE_COUNT; t++)
		if (strlen(cln_page_type_names[t]) == len && memcmp(s, cln_page_type_names[t], len) == 0)
			return t;
	return -1;
}

long cln_page_types_parse(const char *s, size_t len, size_t *err_pos)
{
	unsigned in = 0, out = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
			i++;
		size_t j = i + (i < len && s[i] == '~');
		size_t k = j;
		while (k < len && s[k] != ' ' && s[k] != '\t' && s[k] != ',')
			k++;
		if (k == i)
			break;
		int t = cln_page_type_lookup(s + j, k - j);
		if (t < 0) {
			*err_pos = i;
			return -1;
		}
		*(j > i ? &out : &in) |= 1u << t;
		i = k;
	}
	if (!in && !out) {
		*err_pos = 0;
		return -1;
	}
	/* only exclusions: every other type, unknown too */
	return (long)((in ? in : PAGE_ALL) & ~out);
}

/* ---- what the page declares (called by metadata.c) ---------------------- */

static bool any_of(const char *s, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(s, *names) == 0)
			return true;
	return false;
}

void cln_page_schema(page_evidence *ev, const char *type, bool microdata)
{
	static const char *const kinds[SK_COUNT][16] = {
		[SK_ARTICLE] = { "Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle",
		                 "OpinionNewsArticle", "AnalysisNewsArticle", "ReportageNewsArticle",
		                 "Recipe", "LiveBlogPosting", "SocialMediaPosting", NULL },
		[SK_POSTING] = { "DiscussionForumPosting", "Comment", "UserComments", NULL },
		[SK_QA] = { "QAPage", "Question", "Answer", NULL },
		[SK_PRODUCT] = { "Product", "ProductGroup", "IndividualProduct", "ProductModel",
		                 "SomeProducts", "Vehicle", "Car", "Book", NULL },
		[SK_OFFER] = { "Offer", "AggregateOffer", NULL },
		[SK_COLLECTION] = { "CollectionPage", "OfferCatalog", "SearchResultsPage", NULL },
		[SK_ITEMLIST] = { "ItemList", NULL },
		[SK_TECH] = { "TechArticle", "APIReference", "SoftwareSourceCode", NULL },
		[SK_SERVICE] = { "Service", "LocalBusiness", "ProfessionalService", "FinancialService",
		                 "LegalService", "HomeAndConstructionBusiness", "MedicalBusiness",
		                 "HealthAndBeautyBusiness", "AutomotiveBusiness", "Dentist",
		                 "InsuranceAgency", "AccountingService", "EmploymentAgency",
		                 "TravelAgency", NULL },
		[SK_EVENT] = { "Event", "JobPosting", "Course", NULL },
	};
	/* microdata names a URL ("https://schema.org/Product"), maybe more
	   than one: the first counts */
	char first[64];
	snprintf(first, sizeof first, "%.*s", (int)strcspn(type, " \t\n"), type);
	const char *slash = strrchr(first, '/');
	const char *name = slash ? slash + 1 : first;
	if (strncmp(name, "schema:", 7) == 0)
		name += 7;
	for (int k = 0; k < SK_COUNT; k++)
		if (any_of(name, kinds[k])) {
			uint16_t *c = microdata ? &ev->md[k] : &ev->ld[k];
			*c += *c < UINT16_MAX;
			return;
		}
}

void cln_page_og(page_evidence *ev, const char *v)
{
	if (ev->og)
		return;
	if (strncasecmp(v, "article", 7) == 0 || strcasecmp(v, "blog") == 0)
		ev->og = PAGE_ARTICLE;
	else if (strcasecmp(v, "product.group") == 0)
		ev->og = PAGE_COLLECTION;
	else if (memci(v, strlen(v), "product") || memci(v, strlen(v), ":item"))
		ev->og = PAGE_PRODUCT;
}

void cln_page_generator(page_evidence *ev, const char *v)
{
	static const struct {
		const char *prefix;
		uint8_t type;
	} gens[] = {
		{ "discourse", PAGE_FORUM }, { "vbulletin", PAGE_FORUM }, { "phpbb", PAGE_FORUM },
		{ "xenforo", PAGE_FORUM }, { "invision", PAGE_FORUM }, { "flarum", PAGE_FORUM },
		{ "mybb", PAGE_FORUM }, { "discuz", PAGE_FORUM }, { "nodebb", PAGE_FORUM },
		{ "simple machines", PAGE_FORUM }, { "smf", PAGE_FORUM },
		{ "docusaurus", PAGE_DOCUMENTATION }, { "mkdocs", PAGE_DOCUMENTATION },
		{ "sphinx", PAGE_DOCUMENTATION }, { "docutils", PAGE_DOCUMENTATION },
		{ "rustdoc", PAGE_DOCUMENTATION }, { "gitbook", PAGE_DOCUMENTATION },
		{ "vuepress", PAGE_DOCUMENTATION }, { "vitepress", PAGE_DOCUMENTATION },
		{ "bookdown", PAGE_DOCUMENTATION }, { "mdbook", PAGE_DOCUMENTATION },
		{ "doxygen", PAGE_DOCUMENTATION }, { "javadoc", PAGE_DOCUMENTATION },
		{ "starlight", PAGE_DOCUMENTATION }, { "nextra", PAGE_DOCUMENTATION },
		{ "dokuwiki", PAGE_DOCUMENTATION }, { "antora", PAGE_DOCUMENTATION },
	};
	for (size_t i = 0; i < sizeof gens / sizeof *gens && !ev->generator; i++)
		if (strncasecmp(v, gens[i].prefix, strlen(gens[i].prefix)) == 0)
			ev->generator = gens[i].type;
}

/* ---- the signals ------------------------------------------------------- */

enum {
	S_LD_ARTICLE, S_MD_ARTICLE, S_OG_ARTICLE, S_PUBLISHED, S_BYLINE, S_PROSE, S_LONG_PROSE,
	S_URL_ARTICLE, S_URL_SLUG, S_BODY_CLASS,
	S_LD_FORUM, S_MD_FORUM, S_GEN_FORUM, S_POSTS, S_MEMBER_STATS, S_URL_FORUM,
	S_LD_PRODUCT, S_MD_PRODUCT, S_OG_PRODUCT, S_OFFER, S_CART, S_BUY_BUTTON, S_PRICE, S_URL_PRODUCT,
	S_PRODUCT_SECTIONS,
	S_RELATED, S_LD_COLLECTION, S_OG_COLLECTION, S_MANY_PRODUCTS, S_PRICED_CARDS, S_PRICED_GRID, S_URL_COLLECTION,
	S_ITEMLIST, S_DATED_CARDS, S_CARDS, S_MANY_ARTICLES, S_MANY_DATES, S_HEADLINES, S_LINK_DENSE, S_URL_LISTING,
	S_LD_TECH, S_GEN_DOCS, S_CODE, S_MUCH_CODE, S_UNDATED_CODE, S_TOC, S_DOC_LABELS, S_URL_DOCS,
	S_LD_SERVICE, S_SECTIONS, S_MANY_SECTIONS, S_SHORT_SECTIONS, S_SALES, S_BLURBS, S_LANDING, S_URL_SERVICE,
	S_COUNT
};

/* The signals, their names (as the JSON output and --explain show them),
   the type each votes for and its weight. Schema.org types and platforms
   weigh most: a page that declares itself is rarely wrong. */
static const struct {
	const char *name;
	uint8_t type;
	int8_t weight;
} signals[S_COUNT] = {
	[S_LD_ARTICLE] = { "json-ld-article", PAGE_ARTICLE, 5 },
	[S_MD_ARTICLE] = { "microdata-article", PAGE_ARTICLE, 2 },
	[S_OG_ARTICLE] = { "og-type-article", PAGE_ARTICLE, 2 }, /* CMSs set it on any page */
	[S_PUBLISHED] = { "published-date", PAGE_ARTICLE, 1 },
	[S_BYLINE] = { "byline", PAGE_ARTICLE, 1 },
	[S_PROSE] = { "paragraph-run", PAGE_ARTICLE, 2 },
	[S_LONG_PROSE] = { "long-prose", PAGE_ARTICLE, 3 },
	[S_BODY_CLASS] = { "post-body-class", PAGE_ARTICLE, 1 },
	[S_URL_SLUG] = { "url-slug", PAGE_ARTICLE, 3 },
	[S_URL_ARTICLE] = { "url-article", PAGE_ARTICLE, 5 },
	[S_LD_FORUM] = { "json-ld-forum", PAGE_FORUM, 9 },
	[S_MD_FORUM] = { "microdata-forum", PAGE_FORUM, 5 },
	[S_GEN_FORUM] = { "forum-software", PAGE_FORUM, 8 },
	[S_POSTS] = { "repeated-posts", PAGE_FORUM, 6 },
	[S_MEMBER_STATS] = { "member-stats", PAGE_FORUM, 6 },
	[S_URL_FORUM] = { "url-forum", PAGE_FORUM, 8 },
	[S_LD_PRODUCT] = { "json-ld-product", PAGE_PRODUCT, 6 },
	[S_MD_PRODUCT] = { "microdata-product", PAGE_PRODUCT, 6 },
	[S_OG_PRODUCT] = { "og-type-product", PAGE_PRODUCT, 9 },
	[S_OFFER] = { "offer", PAGE_PRODUCT, 2 },
	[S_CART] = { "add-to-cart", PAGE_PRODUCT, 5 },
	[S_BUY_BUTTON] = { "buy-button", PAGE_PRODUCT, 5 },
	[S_PRICE] = { "price", PAGE_PRODUCT, 1 },
	[S_URL_PRODUCT] = { "url-product", PAGE_PRODUCT, 2 },
	/* flattened text's "Description" and "Specifications": they outvote
	   the priced cards of the products related to it */
	[S_PRODUCT_SECTIONS] = { "product-sections", PAGE_PRODUCT, 8 },
	[S_RELATED] = { "related-products", PAGE_PRODUCT, 5 },
	[S_LD_COLLECTION] = { "json-ld-collection", PAGE_COLLECTION, 4 },
	[S_OG_COLLECTION] = { "og-type-product-group", PAGE_COLLECTION, 6 },
	[S_MANY_PRODUCTS] = { "many-products", PAGE_COLLECTION, 2 },
	[S_PRICED_CARDS] = { "priced-cards", PAGE_COLLECTION, 7 },
	[S_PRICED_GRID] = { "priced-grid", PAGE_COLLECTION, 1 },
	[S_URL_COLLECTION] = { "url-collection", PAGE_COLLECTION, 6 },
	[S_ITEMLIST] = { "item-list", PAGE_LISTING, 6 },
	[S_DATED_CARDS] = { "dated-cards", PAGE_LISTING, 5 },
	[S_CARDS] = { "cards", PAGE_LISTING, 1 },
	[S_MANY_ARTICLES] = { "many-articles", PAGE_LISTING, 3 },
	[S_MANY_DATES] = { "many-dates", PAGE_LISTING, 4 },
	[S_HEADLINES] = { "linked-headings", PAGE_LISTING, 4 },
	[S_LINK_DENSE] = { "link-dense", PAGE_LISTING, 1 },
	[S_URL_LISTING] = { "url-listing", PAGE_LISTING, 3 },
	[S_LD_TECH] = { "json-ld-tech", PAGE_DOCUMENTATION, 5 },
	[S_GEN_DOCS] = { "docs-software", PAGE_DOCUMENTATION, 7 },
	[S_CODE] = { "code", PAGE_DOCUMENTATION, 3 },
	[S_MUCH_CODE] = { "much-code", PAGE_DOCUMENTATION, 2 },
	[S_UNDATED_CODE] = { "undated-code", PAGE_DOCUMENTATION, 1 },
	[S_TOC] = { "toc", PAGE_DOCUMENTATION, 2 },
	[S_DOC_LABELS] = { "doc-labels", PAGE_DOCUMENTATION, 2 },
	[S_URL_DOCS] = { "url-docs", PAGE_DOCUMENTATION, 4 },
	[S_LD_SERVICE] = { "json-ld-service", PAGE_SERVICE, 4 },
	[S_SECTIONS] = { "sections", PAGE_SERVICE, 1 },
	[S_MANY_SECTIONS] = { "many-sections", PAGE_SERVICE, 1 },
	[S_SHORT_SECTIONS] = { "short-sections", PAGE_SERVICE, 2 },
	[S_SALES] = { "sales-copy", PAGE_SERVICE, 3 },
	[S_BLURBS] = { "blurbs", PAGE_SERVICE, 1 },
	[S_LANDING] = { "landing-classes", PAGE_SERVICE, 3 },
	[S_URL_SERVICE] = { "url-service", PAGE_SERVICE, 5 },
};

static void fire(page_class *pc, int s)
{
	if (pc->nsig < PAGE_MAX_SIGNALS)
		pc->sig[pc->nsig++] = (page_signal){ signals[s].name, signals[s].type, signals[s].weight };
}

/* ---- the URL's path ---------------------------------------------------- */

/* Does a segment of path (between '/', lower case) equal one of names? */
static bool path_has(const char *path, const char *const *names)
{
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		for (const char *const *s = names; *s; s++)
			if (strlen(*s) == n && strncasecmp(p, *s, n) == 0)
				return true;
		p += n;
	}
	return false;
}

static bool dated_path(const char *path)
{
	for (const char *p = path; (p = strchr(p, '/')); p++)
		if ((p[1] == '1' || p[1] == '2') && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' &&
		    p[3] <= '9' && p[4] >= '0' && p[4] <= '9' && p[5] == '/')
			return true;
	return false;
}

/* A job board's segment that names its kind of jobs: "remote-jobs",
   "software-jobs", "part-time-jobs" (three words at most: a story's slug
   "how-to-price-plumbing-jobs" is longer). */
static bool jobs_path(const char *path)
{
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/"), dashes = 0;
		for (size_t i = 0; i < n; i++)
			dashes += p[i] == '-';
		if (n > 5 && dashes <= 2 && strncasecmp(p + n - 5, "-jobs", 5) == 0)
			return true;
		p += n;
	}
	return false;
}

/* Words of the path's last segment ("how-to-fix-a-fan.html": 5): an
   article's URL says its headline. */
static size_t slug_words(const char *path)
{
	size_t len = strlen(path);
	while (len && path[len - 1] == '/')
		len--;
	size_t start = len, words = 0;
	while (start && path[start - 1] != '/')
		start--;
	bool in = false;
	for (size_t i = start; i < len && path[i] != '.'; i++) {
		bool letter = (path[i] >= 'a' && path[i] <= 'z') || (path[i] >= 'A' && path[i] <= 'Z');
		words += letter && !in;
		in = letter || (in && path[i] >= '0' && path[i] <= '9');
	}
	return words;
}

/* A category's path ("/category/recipes/", "/categories/ml/", "/browse/",
   "/catalog/", "/cat/") is a shop's only where the page shows a price: a
   blog's, a news site's, a library's or a dictionary's category archive or
   browse list is a list of stories or entries. unpriced: an HTML page with
   no price, offer or product in it. ("/collections/", "/c/", "/shop/" are
   a shop's whatever the page shows: its script may fill in the prices.) */
static const char *const category_names[] = { "category", "categories", "browse", "catalog",
	                                          "cat", NULL };

static void url_signals(page_class *pc, const char *path, bool unpriced)
{
	/* path segments that say the kind of page, one list per signal */
	static const struct {
		int signal;
		const char *names[16];
	} hints[] = {
		{ S_URL_FORUM, { "forum", "forums", "thread", "threads", "topic", "t", "questions",
		                 "viewtopic.php", "showthread.php", "community", "discussion",
		                 "discussions", "comments", NULL } },
		{ S_URL_PRODUCT, { "product", "products", "p", "dp", "pdp", "item", "itm", "produkt",
		                   "produit", NULL } },
		{ S_URL_COLLECTION, { "collections", "collection", "c", "shop", "product-category",
		                      NULL } },
		{ S_URL_LISTING, { "jobs", "events", "tag", "tags", "list", "archive", "search", NULL } },
		{ S_URL_DOCS, { "docs", "doc", "documentation", "api", "reference", "manual",
		                "tutorial", "latest", "stable", "guide", "handbook", "learn", NULL } },
		{ S_URL_SERVICE, { "services", "service", "solutions", "pricing", "features",
		                   "consulting", NULL } },
		{ S_URL_ARTICLE, { "blog", "news", "article", "articles", "post", "posts", "story",
		                   NULL } },
	};
	if (!path[0] || strcmp(path, "/") == 0)
		return;
	if (slug_words(path) >= 5)
		fire(pc, S_URL_SLUG);
	for (size_t i = 0; i < sizeof hints / sizeof *hints; i++)
		if (path_has(path, hints[i].names) ||
		    (hints[i].signal == S_URL_COLLECTION && !unpriced && path_has(path, category_names)) ||
		    (hints[i].signal == S_URL_LISTING && jobs_path(path)) ||
		    (hints[i].signal == S_URL_ARTICLE && dated_path(path)))
			fire(pc, hints[i].signal);
}

/* ---- what the page shows ----------------------------------------------- */

enum { F_TIME = 1, F_AUTHOR = 2, F_PRICE = 4, F_HEADING = 8, F_LINK = 16, F_IMG = 32 };

/* After a currency sign, what may stand before the amount: a space, a
   no-break space, a dot ("$ 5", "$.99"); not a brace (a shell's "${0}"). */
static size_t amount_gap(const char *s, size_t len)
{
	size_t i = 0;
	for (int k = 0; k < 2 && i < len; k++) {
		if (s[i] == ' ' || s[i] == '.')
			i++;
		else if (len - i >= 2 && memcmp(s + i, "\xC2\xA0", 2) == 0)
			i += 2;
		else
			break;
	}
	return i;
}

/* A block that is a price: a currency sign next to a digit, in a short
   text ("$24.99", "19,90 €", "£5"). A dollar sign glued to a quote, an
   equals sign, a slash or a backslash is a program's variable (a shell's
   "$1", a regex's $1). */
bool cln_price_text(const char *s, size_t len)
{
	static const char *const signs[] = { "$", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5",
	                                     "\xe2\x82\xb9", "USD", "EUR", "GBP", NULL };
	if (len > 48)
		return false;
	size_t d = 0; /* a price has a digit: most short texts have none */
	while (d < len && (s[d] < '0' || s[d] > '9'))
		d++;
	if (d == len)
		return false;
	for (const char *const *c = signs; *c; c++) {
		const char *p = memci(s, len, *c);
		if (!p)
			continue;
		size_t at = (size_t)(p - s), n = strlen(*c);
		if (*c[0] == '$' && at && strchr("\"'=/\\", s[at - 1]))
			continue;
		size_t amount = at + n + amount_gap(s + at + n, len - at - n);
		if (amount < len && s[amount] >= '0' && s[amount] <= '9')
			return true;
		for (size_t i = at; i-- > 0 && i + 3 >= at;)
			if (s[i] >= '0' && s[i] <= '9')
				return true;
	}
	return false;
}

/* Any case, anywhere. One pass over s: a phrase is compared only where
   its first two letters stand. */
size_t cln_sales_copy(const char *s, size_t len)
{
	static const char *const phrases[] = {
		"our team", "our services", "our clients", "our experts", "we offer", "we provide",
		"we help", "we specialize", "contact us", "get a quote", "free quote",
		"free consultation", "request a demo", "book a demo", "schedule a", "get started",
		"call us", "our solutions", "trusted by", "contact sales", "talk to sales", "we work with",
		"customer stories", "our customers", "no credit card", "our process", "why choose"
	};
	enum { N = sizeof phrases / sizeof *phrases, SHORTEST = 7 };
	_Static_assert(N <= 32, "a phrase is a bit of a uint32_t");
	if (len < SHORTEST)
		return 0;
	uint32_t first[26] = { 0 }, found = 0; /* by first letter: the phrases */
	for (unsigned p = 0; p < N; p++)
		first[phrases[p][0] - 'a'] |= 1u << p;
	for (size_t i = 0; i + SHORTEST <= len; i++) {
		unsigned c = memci_lower((unsigned char)s[i]) - 'a';
		uint32_t m = c < 26 ? first[c] & ~found : 0;
		for (; m; m &= m - 1) {
			const char *ph = phrases[__builtin_ctz(m)];
			if (memci_lower((unsigned char)s[i + 1]) != (unsigned char)ph[1])
				continue;
			size_t k = strlen(ph);
			if (i + k <= len && strncasecmp(s + i + 2, ph + 2, k - 2) == 0)
				found |= m & -m;
		}
	}
	return (size_t)__builtin_popcount(found);
}

bool cln_member_stat(const char *s, size_t len)
{
	static const char *const labels[] = { "joined", "posts:", "registered:", "messages:",
	                                      "reaction score", "member since", "reputation:",
	                                      NULL };
	return len <= 40 && cln_starts_any(s, len, labels); /* s may end there */
}

bool cln_cart_text(const char *s, size_t len, size_t chars)
{
	return chars < 40 && ((memci(s, len, "add to ") && /* rare: the rest seldom asked */
	                       (memci(s, len, "add to cart") || memci(s, len, "add to basket") ||
	                        memci(s, len, "add to bag"))) ||
	                      memci(s, len, "buy now"));
}

static bool class_has(const elem *e, const char *word)
{
	if (!e->cls)
		return false;
	const char *c = e->attrs + e->cls;
	return memci(c, strlen(c), word) != NULL;
}

/* An add-to-cart or buy-now control: a <button>, or an <input> that
   submits, whose id, name, class or value says so, separators aside
   ("add-to-cart-button", "single_add_to_cart_button", "submit.buy-now",
   "AddToBag"). Hidden inputs carry such names on any page of a shop. */
static bool buy_button(const elem *e)
{
	static const char *const attrs[] = { "id", "name", "class", "value", NULL };
	static const char *const words[] = { "addtocart", "addtobag", "addtobasket", "buynow", NULL };
	const char *t = cln_elem_tag(e);
	const char *type = strcmp(t, "input") == 0 ? cln_elem_attr(e, "type") : NULL;
	if (strcmp(t, "button") != 0 && (!type || (strcasecmp(type, "submit") && strcasecmp(type, "image"))))
		return false;
	for (size_t i = 0; attrs[i]; i++) {
		const char *v = cln_elem_attr(e, attrs[i]);
		char sq[128]; /* the value without separators, cut short */
		size_t n = 0;
		for (; v && *v && n < sizeof sq - 1; v++)
			if (*v != '-' && *v != '_' && *v != ' ' && *v != '.')
				sq[n++] = *v;
		for (size_t w = 0; n && words[w]; w++)
			if (memci(sq, n, words[w]))
				return true;
	}
	return false;
}

/* What an element itself says (its tag, class, itemprop, rel). */
static unsigned own_flags(const elem *e)
{
	const char *t = cln_elem_tag(e), *ip = cln_elem_attr(e, "itemprop"), *rel = cln_elem_attr(e, "rel");
	unsigned f = 0;
	if (strcmp(t, "time") == 0 || (ip && memci(ip, strlen(ip), "date")) ||
	    class_has(e, "date") || class_has(e, "timestamp"))
		f |= F_TIME;
	if ((ip && memci(ip, strlen(ip), "author")) || (rel && strcmp(rel, "author") == 0) ||
	    class_has(e, "author") || class_has(e, "username") || class_has(e, "user-name") ||
	    class_has(e, "poster") || class_has(e, "byline"))
		f |= F_AUTHOR;
	if ((ip && strcmp(ip, "price") == 0) || class_has(e, "price"))
		f |= F_PRICE;
	if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2])
		f |= F_HEADING;
	const char *href = strcmp(t, "a") == 0 ? cln_elem_attr(e, "href") : NULL;
	if (href) {
		f |= F_LINK;
		/* a link to a member's profile names a post's author */
		size_t hl = strlen(href);
		if (memci(href, hl, "profile") || memci(href, hl, "/user") || memci(href, hl, "/u/") ||
		    memci(href, hl, "member"))
			f |= F_AUTHOR;
	}
	if (strcmp(t, "img") == 0 || strcmp(t, "picture") == 0)
		f |= F_IMG;
	return f;
}

/* The length of a class name without the number it ends in: WordPress
   names each post's <article> by its id ("post-30119", "post-331"). */
static size_t unnumbered(const char *c, size_t n)
{
	while (n && c[n - 1] >= '0' && c[n - 1] <= '9')
		n--;
	return n;
}

/* Siblings alike: the same tag and first class ("post odd", "post even";
   "post-12 type-post", "post-7 type-post") */
static bool alike(const doc *d, int a, int b)
{
	const elem *x = &d->el[a], *y = &d->el[b];
	const char *cx = x->cls ? x->attrs + x->cls : "", *cy = y->cls ? y->attrs + y->cls : "";
	size_t nx = unnumbered(cx, strcspn(cx, " \t\n")), ny = unnumbered(cy, strcspn(cy, " \t\n"));
	return strcmp(cln_elem_tag(x), cln_elem_tag(y)) == 0 && nx == ny && memcmp(cx, cy, nx) == 0;
}

/* Keep r in *best when it is bigger (by text). */
static void better(run *best, const run *r)
{
	if (r->chars > best->chars)
		*best = *r;
}

/* Sort a finished run: posts (authors and dates, prose that is not
   links), priced cards, or cards (headings or dates over short texts). */
static void judge(page_stats *st, const run *r)
{
	if (r->n < 3)
		return;
	uint64_t own = r->chars - r->link_chars;
	if (2 * r->author >= r->n && 2 * r->time >= r->n && own >= 80 * (uint64_t)r->n &&
	    2 * r->heading < r->n)
		better(&st->posts, r);
	if (r->n >= 4 && 2 * r->price >= r->n && 3 * r->link >= r->n)
		better(&st->priced, r);
	if (r->n >= 4 && 3 * r->link >= 2 * r->n &&
	    (2 * r->heading >= r->n || 2 * r->time >= r->n || 2 * r->img >= r->n) &&
	    r->chars >= 20 * (uint64_t)r->n && r->chars <= 800 * (uint64_t)r->n)
		better(&st->cards, r);
}

/* A landing page's parts, and the body of a post, as CMSs and themes name
   them in classes. */
static const char *const landing_words[] = { "hero", "testimonial", "pricing", "cta",
                                             "feature", "benefit", "call-to-action", "faq",
                                             "client", "partner", NULL };
static const char *const body_words[] = { "entry-content", "post-content", "article-body",
                                          "article-content", "post-body", "story-body",
                                          "article__body", NULL };

/* Which of words (bit i: words[i]) e's class holds. */
static unsigned class_words(const elem *e, const char *const *words)
{
	unsigned bits = 0;
	for (unsigned i = 0; e->cls && words[i]; i++)
		bits |= class_has(e, words[i]) ? 1u << i : 0;
	return bits;
}

static bool is_prose(const block *b)
{
	return b->chars >= 120 && b->link_chars * 5 < b->chars &&
	       !(b->flags & (BF_LINK | BF_LIST | BF_TABLE | BF_PRE | BF_HEADING));
}

/* One block's share of the page's counts; its element gets F_PRICE. */
static void block_stats(const doc *d, size_t i, page_stats *st, unsigned *fl)
{
	const block *b = &d->b[i];
	st->chars += b->chars;
	if (b->elem >= 0 && cln_price_text(b->text, b->len)) {
		fl[b->elem] |= F_PRICE;
		st->prices++;
	}
	if ((b->flags & BF_PRE) && (i == 0 || !(d->b[i - 1].flags & BF_PRE)))
		st->pre++;
	st->headings += (b->flags & BF_HEADING) && !(b->flags & BF_LINK);
	if (!st->first_h1 && (b->flags & BF_HEADING) && strcmp(cln_block_tag(b), "h1") == 0)
		st->first_h1 = i + 1;
	st->linked_headings += (b->flags & BF_HEADING) && (b->flags & BF_LINK);
	st->link_chars += b->link_chars;
	st->sales += cln_sales_copy(b->text, b->len);
	st->member_stats += cln_member_stat(b->text, b->len);
	if (is_prose(b)) {
		st->prose++;
		st->prose_chars += b->chars;
	}
	if (b->chars >= 100 && b->link_chars * 4 < b->chars &&
	    !(b->flags & (BF_LINK | BF_TABLE | BF_PRE | BF_HEADING))) {
		if (++st->para_run > st->best_run)
			st->best_run = st->para_run;
	} else {
		st->para_run = 0;
	}
	st->cart += cln_cart_text(b->text, b->len, b->chars);
}

/* Element e joins the run of its like siblings (head[e] its first). */
static void add_to_run(run *r, const elem *x, unsigned f, const uint64_t *pc, const uint64_t *pl)
{
	if (!r->n++) {
		r->first = x->first;
		r->parent = x->parent;
	}
	r->time += !!(f & F_TIME);
	r->author += !!(f & F_AUTHOR);
	r->price += !!(f & F_PRICE);
	r->heading += !!(f & F_HEADING);
	r->link += !!(f & F_LINK);
	r->img += !!(f & F_IMG);
	r->chars += pc[x->end] - pc[x->first];
	r->link_chars += pl[x->end] - pl[x->first];
}

/* The open run of alike siblings at one depth: a parent's children come
   between its descendants, so only the runs along the path from the root
   are open at once, and memory goes with the depth, not the elements. */
typedef struct level {
	int last; /* its last element so far, or -1 */
	run r;
} level;

/* Runs of alike siblings, each judged as it ends. */
static int sibling_runs(const doc *d, page_stats *st, const unsigned *fl, const uint64_t *pc,
                        const uint64_t *pl)
{
	size_t maxd = 0, top = 0; /* levels open: [0, top) */
	for (size_t e = 0; e < d->nel; e++)
		maxd = d->el[e].depth > maxd ? d->el[e].depth : maxd;
	level *lv = malloc((maxd + 1) * sizeof *lv);
	if (!lv)
		return CLN_ENOMEM;
	for (size_t e = 0; e < d->nel; e++) {
		const elem *x = &d->el[e];
		size_t k = x->depth;
		for (; top > k + 1; top--) /* deeper runs ended with their parents */
			judge(st, &lv[top - 1].r);
		for (; top < k + 1; top++)
			lv[top] = (level){ .last = -1 };
		level *l = &lv[k];
		if (l->last >= 0 && !alike(d, (int)e, l->last)) {
			judge(st, &l->r);
			l->r = (run){ 0 };
		}
		l->last = (int)e;
		add_to_run(&l->r, x, fl[e], pc, pl);
	}
	for (; top > 0; top--)
		judge(st, &lv[top - 1].r);
	free(lv);
	return 0;
}

static int gather(const doc *d, page_stats *st)
{
	size_t ne = d->nel;
	unsigned *fl = calloc(ne + 1, sizeof *fl);
	uint64_t *pc = malloc((d->n + 1) * sizeof *pc), *pl = malloc((d->n + 1) * sizeof *pl);
	if (!fl || !pc || !pl) {
		free(fl), free(pc), free(pl);
		return CLN_ENOMEM;
	}
	pc[0] = pl[0] = 0;
	for (size_t i = 0; i < d->n; i++) {
		pc[i + 1] = pc[i] + d->b[i].chars;
		pl[i + 1] = pl[i] + d->b[i].link_chars;
		block_stats(d, i, st, fl);
	}
	/* children come after their parent: their flags go up in one pass */
	for (size_t e = ne; e-- > 0;) {
		const elem *x = &d->el[e];
		fl[e] |= own_flags(x);
		if (x->parent >= 0)
			fl[x->parent] |= fl[e];
		st->code += strcmp(cln_elem_tag(x), "code") == 0;
		st->times += strcmp(cln_elem_tag(x), "time") == 0;
		st->sections += strcmp(cln_elem_tag(x), "section") == 0;
		if (buy_button(x)) {
			st->buy_buttons++;
			st->first_buy = x->first; /* the pass goes backwards: the first is last */
		}
		st->toc += class_has(x, "toc") || class_has(x, "table-of-contents");
		st->landing |= class_words(x, landing_words);
		st->body_class |= class_words(x, body_words);
	}
	int rc = sibling_runs(d, st, fl, pc, pl);
	for (size_t i = 0; rc == 0 && st->posts.n && i < st->posts.first; i++)
		st->before_posts += is_prose(&d->b[i]) ? d->b[i].chars : 0;
	free(fl), free(pc), free(pl);
	return rc;
}

static void schema_signals(page_class *pc, const page_evidence *ev)
{
	const uint16_t *ld = ev->ld, *md = ev->md;
	if (ld[SK_POSTING] || ld[SK_QA])
		fire(pc, S_LD_FORUM);
	if (md[SK_POSTING] >= 2 || md[SK_QA])
		fire(pc, S_MD_FORUM);
	if (ld[SK_PRODUCT] >= 3 || md[SK_PRODUCT] >= 3)
		fire(pc, S_MANY_PRODUCTS);
	else if (ld[SK_PRODUCT])
		fire(pc, S_LD_PRODUCT);
	else if (md[SK_PRODUCT])
		fire(pc, S_MD_PRODUCT);
	if (ld[SK_OFFER] + md[SK_OFFER] > 0 && ld[SK_PRODUCT] + md[SK_PRODUCT] < 3)
		fire(pc, S_OFFER);
	if (ld[SK_TECH] || md[SK_TECH])
		fire(pc, S_LD_TECH);
	else if (ld[SK_ARTICLE] == 1 || (ld[SK_ARTICLE] && !ld[SK_ITEMLIST]))
		fire(pc, S_LD_ARTICLE);
	if (md[SK_ARTICLE] >= 3 || ld[SK_ARTICLE] >= 3)
		fire(pc, S_MANY_ARTICLES);
	else if (md[SK_ARTICLE])
		fire(pc, S_MD_ARTICLE);
	if (ld[SK_COLLECTION] || md[SK_COLLECTION])
		fire(pc, S_LD_COLLECTION);
	if (ld[SK_ITEMLIST] || md[SK_ITEMLIST] || ld[SK_EVENT] + md[SK_EVENT] >= 3)
		fire(pc, S_ITEMLIST);
	if (ld[SK_SERVICE] || md[SK_SERVICE])
		fire(pc, S_LD_SERVICE);
	if (ev->og == PAGE_ARTICLE)
		fire(pc, S_OG_ARTICLE);
	else if (ev->og == PAGE_PRODUCT)
		fire(pc, S_OG_PRODUCT);
	else if (ev->og == PAGE_COLLECTION)
		fire(pc, S_OG_COLLECTION);
	if (ev->generator == PAGE_FORUM)
		fire(pc, S_GEN_FORUM);
	else if (ev->generator == PAGE_DOCUMENTATION)
		fire(pc, S_GEN_DOCS);
}

/* The page's metadata names no product, offer or product group (a blog's
   category archive may call itself a CollectionPage). */
static bool sells_nothing(const page_evidence *ev)
{
	return !ev->ld[SK_PRODUCT] && !ev->md[SK_PRODUCT] && !ev->ld[SK_OFFER] && !ev->md[SK_OFFER] &&
	       ev->og != PAGE_PRODUCT && ev->og != PAGE_COLLECTION;
}

/* The page says when it was published (in its metadata, not a mere
   <time>): one piece of writing, not an index of them. */
static bool published(const doc *d)
{
	return d->meta[META_DATE] && d->meta_rank[META_DATE] < 3;
}

/* A heading that names other products than the page's own, as shops head
   their carousels under a product: "More like this", "Related items to
   explore", "You may also like", "Customers also bought", "Recently
   viewed". Only a short heading that starts so ("Related products for
   you"); a category's own heading ("Headphones", "Best sellers") names
   what the grid is. */
static bool related_heading(const block *b)
{
	static const char *const starts[] = { "related ", "more like this", "you may also ",
	                                      "you might also ", "customers also ",
	                                      "customers who ", "people also ", "frequently bought",
	                                      "recently viewed", "similar items", "similar products",
	                                      "complete the look", "pairs well with", NULL };
	size_t n = b->len;
	const char *t = b->text;
	while (n && (*t == ' ' || *t == '\n'))
		t++, n--;
	return (b->flags & BF_HEADING) && n <= 40 && cln_starts_any(t, n, starts);
}

/* The priced run is a carousel of other products under the page's own:
   the page's <h1> (the product's name) comes before it, and one of the
   few blocks just before its first card is a heading that names them as
   related (related_heading). A category's grid follows its <h1> too, but
   under its filters, not under such a heading. */
static bool related_run(const doc *d, const page_stats *st)
{
	size_t first = st->priced.first;
	if (!st->priced.n || !st->first_h1 || st->first_h1 > first)
		return false;
	for (size_t i = first, k = 0; i-- > st->first_h1 && k < 4; k++)
		if (related_heading(&d->b[i]))
			return true;
	return false;
}

/* Cards of a priced run that make it a grid (priced-grid). */
enum { PRICED_GRID = 20 };

/* An article's paragraphs follow each other, four in a row at least. */
static bool paragraph_run(const page_stats *st)
{
	return st->best_run >= 4;
}

/* 3,000 chars of prose beside what the cards hold. */
static bool long_prose(const page_stats *st)
{
	return st->prose_chars >= 3000 + st->cards.chars;
}

static void shape_signals(page_class *pc, const doc *d, const page_stats *st)
{
	if (st->posts.n && st->before_posts * 2 < st->posts.chars - st->posts.link_chars)
		fire(pc, S_POSTS);
	if (st->member_stats >= 2)
		fire(pc, S_MEMBER_STATS);
	/* a few priced items beside long prose are a sidebar; priced cards
	   after one product's buy button are its related products */
	bool related = st->buy_buttons && st->buy_buttons <= 4 && st->priced.first > st->first_buy;
	/* priced cards under a heading that calls them related are the
	   product's carousel: no grid, and a vote for the product, whose buy
	   button a script may draw (the cards' linked titles vote listing) */
	if (related_run(d, st)) {
		related = true;
		fire(pc, S_RELATED);
	}
	if (!related && (st->priced.n >= 8 || (st->priced.n && st->priced.chars * 4 >= st->prose_chars))) {
		fire(pc, S_PRICED_CARDS);
		/* a whole grid of them, outweighing the prose: a shop's category
		   page, whose banners and blurbs also read as a service's (a
		   product page's add-ons come beside more prose) */
		if (st->priced.n >= PRICED_GRID && st->priced.chars >= st->prose_chars)
			fire(pc, S_PRICED_GRID);
	} else if (st->cart && st->prices)
		fire(pc, S_CART);
	if (st->prices && st->prices <= 6 && !st->priced.n)
		fire(pc, S_PRICE);
	/* one product's buttons (add to cart, buy now, a sticky bar's copy, a
	   bundle's); a grid has one per card */
	if (st->buy_buttons && st->buy_buttons <= 4)
		fire(pc, S_BUY_BUTTON);
	if (st->cards.n && st->cards.chars * 2 >= st->prose_chars) {
		bool dated = 2 * st->cards.time >= st->cards.n;
		fire(pc, dated ? S_DATED_CARDS : S_CARDS);
	}
	bool dated = d->meta[META_DATE] || st->times;
	bool code = st->pre >= 2 || st->code >= 8;
	if (code)
		fire(pc, S_CODE);
	if (code && !dated) /* blogs date their posts; manuals rarely do */
		fire(pc, S_UNDATED_CODE);
	if (st->pre >= 5 || st->code >= 30)
		fire(pc, S_MUCH_CODE);
	if (st->toc)
		fire(pc, S_TOC);
	if (st->doc_labels)
		fire(pc, S_DOC_LABELS);
	if (__builtin_popcount(st->product_heads) >= 2)
		fire(pc, S_PRODUCT_SECTIONS);
	if (st->sections >= 5)
		fire(pc, S_SECTIONS);
	if (st->sections >= 10)
		fire(pc, S_MANY_SECTIONS);
	if (paragraph_run(st))
		fire(pc, S_PROSE);
	if (long_prose(st))
		fire(pc, S_LONG_PROSE);
	if (st->headings >= 8 && st->prose_chars < 200 * st->headings)
		fire(pc, S_SHORT_SECTIONS);
	if (published(d))
		fire(pc, S_PUBLISHED);
	if (st->times >= 6 && !st->posts.n)
		fire(pc, S_MANY_DATES);
	if (d->meta[META_AUTHOR])
		fire(pc, S_BYLINE);
	if (st->linked_headings >= 8 && st->linked_headings >= st->headings)
		fire(pc, S_HEADLINES);
	if (st->chars >= 500 && st->link_chars * 2 >= st->chars && st->best_run < 4)
		fire(pc, S_LINK_DENSE);
	if (st->sales >= 3)
		fire(pc, S_SALES);
	if (__builtin_popcount(st->landing) >= 3)
		fire(pc, S_LANDING);
	if (st->body_class)
		fire(pc, S_BODY_CLASS);
}

void cln_page_classify(doc *d, const doc_site *site, int forced)
{
	page_class *pc = &d->page;
	*pc = (page_class){ .type = PAGE_UNKNOWN, .grid = -1 };
	/* first, so that it outweighs any sum and is never left out */
	if (forced >= 0)
		pc->sig[pc->nsig++] = (page_signal){ "forced", (uint8_t)forced, 100 };
	int cards = -1;
	bool unpriced = false, prose = false;
	if (d->html) {
		page_stats st = { 0 };
		schema_signals(pc, &d->ev);
		if (gather(d, &st) < 0) {
			d->nomem = true;
		} else {
			shape_signals(pc, d, &st);
			pc->grid = st.priced.n ? st.priced.parent : -1;
			cards = st.cards.n ? st.cards.parent : -1;
			unpriced = !st.prices && !st.cart && !st.buy_buttons && sells_nothing(&d->ev);
		}
	} else {
		/* flattened text: its lines counted as a page's blocks are, the
		   same signals weighing them (no element: no grid) */
		page_stats st = { 0 };
		if (cln_text_stats(d, &st) < 0) {
			d->nomem = true;
		} else {
			shape_signals(pc, d, &st);
			/* a service page's heading over each blurb */
			if (long_prose(&st) && !paragraph_run(&st))
				fire(pc, S_BLURBS);
		}
		unpriced = !st.prices && !st.cart;
		prose = st.prose > 0;
	}
	url_signals(pc, site->path, unpriced);
	int score[PAGE_COUNT] = { 0 };
	for (size_t i = 0; i < pc->nsig; i++)
		score[pc->sig[i].type] += pc->sig[i].weight;
	/* an HTML page with no signal reads as an article, the common case; so
	   does a text with a paragraph */
	int best = d->html || pc->nsig || prose ? PAGE_ARTICLE : PAGE_UNKNOWN;
	for (int t = PAGE_ARTICLE; t < PAGE_COUNT; t++)
		if (score[t] > score[best])
			best = t;
	pc->type = (uint8_t)best;
	/* a listing's grid is its run of cards when none is priced; not on a
	   page with a publication date, an article read as a listing for its
	   related stories' grid (which must not join its body) */
	if (best == PAGE_LISTING && pc->grid < 0 && !published(d))
		pc->grid = cards;
}

int cln_page_score(const page_class *pc)
{
	int score = 0;
	for (size_t i = 0; i < pc->nsig; i++)
		score += pc->sig[i].type == pc->type ? pc->sig[i].weight : 0;
	return score;
}
