/*
 * metadata.c - what an HTML page says about itself: title, author, date,
 * canonical URL and language from <meta>, <link>, <title>, <html lang>,
 * <time> and schema.org JSON-LD (whose articleBody also guides the
 * main-content rule). The first source in each list below wins. The
 * schema.org types, og:type and generator it meets go to pagetype.c.
 */
#include <gumbo.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* Offer a candidate value of d->meta[what]: the lower rank wins. */
static void offer(doc *d, int what, int rank, const char *v, size_t len)
{
	while (len && (*v == ' ' || *v == '\n' || *v == '\t' || *v == '\r')) {
		v++;
		len--;
	}
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\n' || v[len - 1] == '\t' || v[len - 1] == '\r'))
		len--;
	if (!len || (d->meta[what] && d->meta_rank[what] <= rank))
		return;
	const char *s = arena_add(&d->ar, v, len);
	if (!s) { /* a lost title would change what main-content drops */
		d->nomem = true;
		return;
	}
	d->meta[what] = s;
	d->meta_rank[what] = rank;
}

static const char *attr(const GumboElement *e, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
	return a ? a->value : NULL;
}

/* An element's own text; out of memory marks the document (a title or
   JSON-LD lost that way would change what main-content keeps). */
static void text_of(doc *d, const GumboNode *n, buf *out)
{
	const GumboVector *k = &n->v.element.children;
	for (unsigned i = 0; i < k->length; i++) {
		const GumboNode *c = k->data[i];
		if ((c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
		     c->type == GUMBO_NODE_CDATA) && buf_adds(out, c->v.text.text) < 0)
			d->nomem = true;
	}
}

static void offer_json_string(doc *d, int what, int rank, json_t *v)
{
	if (json_is_string(v))
		offer(d, what, rank, json_string_value(v), json_string_length(v));
	else if (json_is_object(v))
		offer_json_string(d, what, rank, json_object_get(v, "name"));
	else if (json_is_array(v) && json_array_size(v) > 0)
		offer_json_string(d, what, rank, json_array_get(v, 0));
}

static bool article_name(const char *s)
{
	return strstr(s, "Article") || strstr(s, "BlogPosting") || strstr(s, "Report") ||
	       strcmp(s, "WebPage") == 0;
}

static bool product_name(const char *s)
{
	return strcmp(s, "Product") == 0 || strcmp(s, "ProductGroup") == 0 ||
	       strcmp(s, "IndividualProduct") == 0 || strcmp(s, "ProductModel") == 0;
}

/* Is @type t, or one type of a list of them, a name `is` takes? */
static bool has_type(json_t *t, bool (*is)(const char *))
{
	if (json_is_array(t)) {
		for (size_t i = 0; i < json_array_size(t); i++)
			if (has_type(json_array_get(t, i), is))
				return true;
		return false;
	}
	const char *s = json_string_value(t);
	return s && is(s);
}

/* Does test hold for an item of the array j? */
static bool some_item(json_t *j, int depth, bool (*test)(json_t *, int))
{
	for (size_t i = 0; i < json_array_size(j); i++)
		if (test(json_array_get(j, i), depth + 1))
			return true;
	return false;
}

/* Does a forum posting or a Q&A page stand anywhere in j (a WebPage's
   mainEntity, say)? */
static bool names_thread(json_t *j, int depth)
{
	if (depth > 8)
		return false;
	if (json_is_array(j))
		return some_item(j, depth, names_thread);
	if (!json_is_object(j))
		return false;
	const char *type = json_string_value(json_object_get(j, "@type")), *key;
	if (type && (strcmp(type, "DiscussionForumPosting") == 0 || strcmp(type, "QAPage") == 0))
		return true;
	json_t *v;
	json_object_foreach(j, key, v)
		if (names_thread(v, depth + 1))
			return true;
	return false;
}

/* Is j a product, or an offer of one, or a page element whose offer is
   of one? A page's mainEntity may say so only that deep (eBay: WebPage >
   mainEntity > WebPageElement > offers > itemOffered > Product). */
static bool offers_product(json_t *j, int depth)
{
	if (depth > 4)
		return false;
	if (json_is_array(j))
		return some_item(j, depth, offers_product);
	return json_is_object(j) && (has_type(json_object_get(j, "@type"), product_name) ||
	                             offers_product(json_object_get(j, "offers"), depth + 1) ||
	                             offers_product(json_object_get(j, "itemOffered"), depth + 1));
}

/* schema.org objects, possibly under @graph or in an array. */
static void json_ld(doc *d, json_t *j, int depth)
{
	if (depth > 8)
		return;
	if (json_is_array(j)) {
		for (size_t i = 0; i < json_array_size(j); i++)
			json_ld(d, json_array_get(j, i), depth + 1);
		return;
	}
	if (!json_is_object(j))
		return;
	json_ld(d, json_object_get(j, "@graph"), depth + 1);
	json_t *type = json_object_get(j, "@type");
	for (size_t i = 0; json_is_array(type) && i < json_array_size(type); i++)
		if (json_is_string(json_array_get(type, i)))
			cln_page_schema(&d->ev, json_string_value(json_array_get(type, i)), false);
	if (json_is_string(type))
		cln_page_schema(&d->ev, json_string_value(type), false);
	d->product |= offers_product(json_object_get(j, "mainEntity"), 0);
	if (has_type(type, product_name)) {
		d->product = true;
		json_t *desc = json_object_get(j, "description");
		if (json_is_string(desc) && json_string_length(desc) > 0 && !d->ld_desc &&
		    !(d->ld_desc = arena_add(&d->ar, json_string_value(desc), json_string_length(desc))))
			d->nomem = true;
	}
	if (!has_type(type, article_name))
		return;
	offer_json_string(d, META_TITLE, 2, json_object_get(j, "headline"));
	offer_json_string(d, META_AUTHOR, 2, json_object_get(j, "author"));
	offer_json_string(d, META_DATE, 1, json_object_get(j, "datePublished"));
	json_t *body = json_object_get(j, "articleBody");
	if (json_is_string(body) && json_string_length(body) > 200 && !d->ld_body &&
	    !(d->ld_body = arena_add(&d->ar, json_string_value(body), json_string_length(body))))
		d->nomem = true;
}

/* <meta>: the title, author, date, URL and language it may give, and the
   page-type evidence of og:type and generator. */
static void meta(doc *d, const GumboElement *e)
{
	const char *key = attr(e, "property");
	if (!key)
		key = attr(e, "name");
	if (!key)
		key = attr(e, "itemprop");
	const char *heq = attr(e, "http-equiv");
	const char *c = attr(e, "content");
	if (!c)
		return;
	size_t cl = strlen(c);
	if (heq && strcasecmp(heq, "content-language") == 0)
		offer(d, META_LANGUAGE, 1, c, cl);
	if (!key)
		return;
	if (strcasecmp(key, "og:title") == 0)
		offer(d, META_TITLE, 0, c, cl);
	else if (strcasecmp(key, "twitter:title") == 0 || strcasecmp(key, "title") == 0 ||
	         strcasecmp(key, "citation_title") == 0)
		offer(d, META_TITLE, 1, c, cl);
	else if (strcasecmp(key, "author") == 0 || strcasecmp(key, "byl") == 0 ||
	         strcasecmp(key, "dc.creator") == 0)
		offer(d, META_AUTHOR, 0, c, cl);
	/* Google Scholar's tags (arXiv, journals): one per author, the first wins */
	else if ((strcasecmp(key, "article:author") == 0 && strncmp(c, "http", 4) != 0) ||
	         strcasecmp(key, "citation_author") == 0)
		offer(d, META_AUTHOR, 1, c, cl);
	else if (strcasecmp(key, "article:published_time") == 0 ||
	         strcasecmp(key, "datePublished") == 0)
		offer(d, META_DATE, 0, c, cl);
	else if (strcasecmp(key, "citation_publication_date") == 0 ||
	         strcasecmp(key, "citation_date") == 0)
		offer(d, META_DATE, 1, c, cl);
	else if (strcasecmp(key, "date") == 0 || strcasecmp(key, "pubdate") == 0 ||
	         strcasecmp(key, "dc.date.issued") == 0 || strcasecmp(key, "dc.date") == 0)
		offer(d, META_DATE, 2, c, cl);
	else if (strcasecmp(key, "og:url") == 0)
		offer(d, META_URL, 1, c, cl);
	else if (strcasecmp(key, "og:locale") == 0)
		offer(d, META_LANGUAGE, 2, c, cl);
	else if (strcasecmp(key, "og:type") == 0) {
		cln_page_og(&d->ev, c);
		if (strncasecmp(c, "product", 7) == 0)
			d->product = true; /* "product", "product.item", "product.group" */
	} else if (strcasecmp(key, "generator") == 0)
		cln_page_generator(&d->ev, c);
}

static void element(doc *d, const GumboNode *n)
{
	const GumboElement *e = &n->v.element;
	const char *v;
	if ((v = attr(e, "itemtype")))
		cln_page_schema(&d->ev, v, true);
	switch (e->tag) {
	case GUMBO_TAG_HTML:
		if ((v = attr(e, "lang")))
			offer(d, META_LANGUAGE, 0, v, strlen(v));
		break;
	case GUMBO_TAG_TITLE: {
		buf t = BUF_INIT;
		text_of(d, n, &t);
		if (t.data)
			offer(d, META_TITLE, 3, t.data, t.len);
		buf_free(&t);
		break;
	}
	case GUMBO_TAG_META:
		meta(d, e);
		break;
	case GUMBO_TAG_LINK:
		if ((v = attr(e, "rel")) && strcasecmp(v, "canonical") == 0 && (v = attr(e, "href")))
			offer(d, META_URL, 0, v, strlen(v));
		break;
	case GUMBO_TAG_TIME:
		if ((v = attr(e, "datetime")))
			offer(d, META_DATE, 3, v, strlen(v));
		break;
	case GUMBO_TAG_SCRIPT:
		if ((v = attr(e, "type")) && strcasecmp(v, "application/ld+json") == 0) {
			buf t = BUF_INIT;
			text_of(d, n, &t);
			json_error_t je;
			json_t *j = t.data ? json_loadb(t.data, t.len, 0, &je) : NULL;
			if (t.data && !j && json_error_code(&je) == json_error_out_of_memory)
				d->nomem = true;
			json_ld(d, j, 0);
			d->ld_thread |= names_thread(j, 0);
			json_decref(j);
			buf_free(&t);
		}
		break;
	default:
		break;
	}
}

int cln_html_metadata(doc *d, GumboNode *document)
{
	GumboNode **stack = NULL;
	size_t n = 0, cap = 0;
	if (grow_array(&stack, n, &cap, sizeof *stack) < 0)
		return CLN_ENOMEM;
	stack[n++] = document;
	while (n > 0) {
		GumboNode *node = stack[--n];
		const GumboVector *kids;
		if (node->type == GUMBO_NODE_DOCUMENT)
			kids = &node->v.document.children;
		else if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
			element(d, node);
			kids = &node->v.element.children;
		} else
			continue;
		/* push in reverse so the first element in the page is seen first */
		for (unsigned i = kids->length; i-- > 0;) {
			if (grow_array(&stack, n, &cap, sizeof *stack) < 0) {
				free(stack);
				return CLN_ENOMEM;
			}
			stack[n++] = kids->data[i];
		}
	}
	free(stack);
	return 0;
}
