#!/bin/sh
# tests/pagetype.sh - the page-type classifier through the CLI: one small
# synthetic page per signal family (schema.org JSON-LD and microdata,
# og:type, generator, repeated posts, priced cards, code, URL path), traps
# (an article with a sidebar of prices stays an article), the JSON output
# field, --explain and --explain=json, rules scoped by page-type= and
# @page-type, and the file:line:col errors of unknown page types. TAP
# output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# the page type the JSON output names for a page (stdin); args go to cleaner
ptype() {
	"$B" --format=html --output-format=json "$@" - |
		sed -n 's/.*"page_type":{"type":"\([a-z]*\)".*/\1/p'
}

# is: want PAGE-HTML [args]: the page type of the page is want
is() {
	want=$1
	shift
	got=$(printf '%s' "$1" | { shift; ptype "$@"; })
	[ "$got" = "$want" ] || die "want $want, got '$got' for: $1"
}

prose='<p>The committee met on Tuesday to discuss the budget for the coming year, and the members agreed that the library would stay open longer on weekends.</p>'
prose4="$prose$prose$prose$prose$prose$prose"

t_jsonld() {
	is product '<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Hat"}</script></head><body><h1>Hat</h1><p>A hat.</p></body></html>'
	is forum '<html><head><script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Help"}</script></head><body><p>My question.</p></body></html>'
	is forum '<html><head><script type="application/ld+json">[{"@type":"WebSite"},{"@type":"QAPage"}]</script></head><body><p>Q</p></body></html>'
	is documentation '<html><head><script type="application/ld+json">{"@graph":[{"@type":"Organization"},{"@type":["TechArticle"]}]}</script></head><body><p>Install it.</p></body></html>'
	is service '<html><head><script type="application/ld+json">{"@type":"LocalBusiness","name":"Plumbers"}</script></head><body><p>We fix pipes.</p></body></html>'
	is article '<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Vote"}</script></head><body>'"$prose"'</body></html>'
}

t_microdata_og() {
	is product '<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Hat</h1></div></body></html>'
	card='<div itemscope itemtype="http://schema.org/Product"><a href="/h">Hat</a></div>'
	is collection "<html><body>$card$card$card$card</body></html>"
	is forum '<html><body><div itemscope itemtype="https://schema.org/QAPage"><p>Why?</p></div></body></html>'
	is product '<html><head><meta property="og:type" content="product"></head><body><p>Hat</p></body></html>'
	is collection '<html><head><meta property="og:type" content="product.group"></head><body><p>Hats</p></body></html>'
}

t_generator() {
	is forum '<html><head><meta name="generator" content="Discourse 3.2"></head><body><p>Post</p></body></html>'
	is documentation '<html><head><meta name="generator" content="Docusaurus v3.1"></head><body><p>Install</p></body></html>'
}

t_structure() {
	post='<div class="post"><span class="author">ann</span><time datetime="2024-01-02">Jan 2</time><p>I tried the second setting and the fan stopped making the noise, thanks for the tip everyone here.</p></div>'
	is forum "<html><body>$post$post$post$post</body></html>"
	item='<li class="item"><a href="/p">Blue mug</a><span>$12.99</span></li>'
	is collection "<html><body><ul>$item$item$item$item$item$item$item$item</ul></body></html>"
	is documentation "<html><body><p>Run it:</p><pre>make install</pre><p>Then:</p><pre>make check</pre><code>a</code></body></html>"
	card='<div class="card"><h3><a href="/a">A story</a></h3><time>May 1</time><p>Short teaser text.</p></div>'
	is listing "<html><body>$card$card$card$card$card</body></html>"
}

t_trap_article_with_prices() {
	side='<li class="deal"><a href="/d">Deal</a> <span>$9.99</span></li>'
	is article "<html><head><script type=\"application/ld+json\">{\"@type\":\"BlogPosting\"}</script></head><body><article>$prose4</article><aside><ul>$side$side$side$side</ul></aside></body></html>"
	# a page that only tells its story is an article too
	is article "<html><body>$prose4</body></html>"
}

# twenty priced cards outweighing the prose vote once more (priced-grid): a
# category page whose banners and blurbs read as a service's; nineteen do
# not, nor twenty beside longer prose (a salon's page and its price list)
t_priced_grid() {
	item='<li class="item"><a href="/p">Silver hoop earrings</a><span>$129.00</span></li>'
	five="$item$item$item$item$item"
	h='<h2>Gifts</h2><p>For her.</p>'
	shop='<div class="hero">Spring</div><div class="cta">Shop now</div><div class="testimonial">Lovely</div><p>Our team of experts will help you. We offer free engraving. Contact us today.</p>'"$h$h$h$h$h$h$h$h"
	is collection "<html><body>$shop<ul>$five$five$five$five</ul></body></html>"
	is service "<html><body>$shop<ul>$five$five$five$item$item$item$item</ul></body></html>"
	is service "<html><body>$shop$prose4<ul>$five$five$five$five</ul></body></html>"
	printf '%s' "<html><body>$shop<ul>$five$five$five$five</ul></body></html>" |
		"$B" --format=html --explain - >out 2>&1
	expect_grep out '^page type: collection; signals: priced-cards +7 collection, priced-grid +1 collection'
}

t_url() {
	is forum "<html><body>$prose</body></html>" --url=https://example.com/forum/threads/42
	is documentation "<html><body><p>x</p></body></html>" --url=https://example.com/docs/install
	is documentation '<html><head><link rel="canonical" href="https://example.com/docs/a"></head><body><p>x</p></body></html>'
	# "pdp": a shop's product detail page (Wayfair's /lighting/pdp/<name>.html)
	is product "<html><body><p>x</p></body></html>" --url=https://example.com/lighting/pdp/oak-lamp-1026.html
	# a shop's path ("/browse/", "/c/") says collection only on a page that
	# shows a price: a library's list of books under /browse/ is none
	books='<li><a href="/b/1">A catalogue of radio valves, 1931</a></li>'
	printf '%s' "<html><body><ul>$books$books$books</ul></body></html>" |
		"$B" --format=html --explain --url=https://books.example.org/browse/hardware - >out 2>&1
	expect_no_grep out '^page type: .*url-collection'
	printf '%s' "<html><body><ul>$books$books$books</ul><p>\$12.00</p></body></html>" |
		"$B" --format=html --explain --url=https://books.example.org/browse/hardware - >out 2>&1
	expect_grep out '^page type: .*url-collection +6 collection'
}

t_text_input() {
	got=$(printf 'a line\nanother\n' | "$B" --format=text --output-format=json - |
		sed -n 's/.*"page_type":{"type":"\([a-z]*\)".*/\1/p')
	[ "$got" = unknown ] || die "text without signals: '$got'"
	got=$(printf 'a line\n' | "$B" --format=text --output-format=json --url=https://x.org/forum/t/1 - |
		sed -n 's/.*"page_type":{"type":"\([a-z]*\)".*/\1/p')
	[ "$got" = forum ] || die "text with a forum URL: '$got'"
}

t_json_field() {
	need_py
	printf '%s' '<html><head><meta property="og:type" content="product"></head><body><p>Hat</p></body></html>' |
		"$B" --format=html --output-format=json - >o.json
	python3 - <<'EOF' || die "page_type: $(cat o.json)"
import json
o = json.load(open('o.json'))
p = o['page_type']
assert p['type'] == 'product', p
s = [x for x in p['signals'] if x['name'] == 'og-type-product']
assert len(s) == 1 and s[0]['type'] == 'product' and isinstance(s[0]['weight'], int) and s[0]['weight'] > 0, p
assert list(o)[:8] == ['title', 'author', 'date', 'url', 'language', 'format', 'charset', 'page_type'], list(o)
EOF
}

t_text_unchanged() {
	# six different paragraphs: a copy of one is what repeated-block takes
	# from a product page
	body=
	for i in 1 2 3 4 5 6; do body="$body<p>Item $i: ${prose#<p>}"; done
	page="<html><head><script type=\"application/ld+json\">{\"@type\":\"Product\"}</script></head><body>$body</body></html>"
	printf '%s' "$page" | "$B" --format=html - >a.txt
	printf '%s' "$page" | "$B" --format=html --url=https://x.org/forum/t/1 - >b.txt
	cmp -s a.txt b.txt || die "the page type changed the text"
}

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

t_explain() {
	printf '%s' '<html><head><meta name="generator" content="phpBB"></head><body><p>Post</p></body></html>' >p.html
	"$B" --explain p.html >e.txt
	grep -q '^page type: forum; signals: forum-software +8 forum' e.txt || die "$(cat e.txt)"
	need_py
	"$B" --explain=json p.html >e.json
	python3 -c 'import json; o = json.load(open("e.json")); assert o["page_type"]["type"] == "forum", o["page_type"]; assert "product-review-names" in o["rules_for_other_page_types"]' ||
		die "$(cat e.json)"
}

t_scoped_rules() {
	cat >s.rules <<'EOF'
on-forum: drop /^Reply$/ page-type=forum
not-forum: drop /^Share$/ page-type=~forum
lists: drop /^Filter$/ page-type="collection, listing"
@page-type product
on-product: drop /^Buy$/
@page-type *
everywhere: drop /^Footer$/
EOF
	body='<p>Reply</p><p>Share</p><p>Filter</p><p>Buy</p><p>Footer</p><p>Body text stays.</p>'
	forum="<html><head><meta name=\"generator\" content=\"Discourse\"></head><body>$body</body></html>"
	product="<html><head><meta property=\"og:type\" content=\"product\"></head><body>$body</body></html>"
	printf '%s' "$forum" | "$B" --no-default-rules -r s.rules --format=html - >f.txt
	[ "$(grep . f.txt | tr '\n' ' ')" = "Share Filter Buy Body text stays. " ] || die "forum: $(cat f.txt)"
	printf '%s' "$product" | "$B" --no-default-rules -r s.rules --format=html - >p.txt
	[ "$(grep . p.txt | tr '\n' ' ')" = "Reply Filter Body text stays. " ] || die "product: $(cat p.txt)"
	printf '%s' "$product" | "$B" --no-default-rules -r s.rules --format=html --explain - >e.txt
	grep -q 'rules for other page types, not run: on-forum, lists' e.txt || die "$(cat e.txt)"
}

t_scoped_disable() {
	cat >d.rules <<'EOF'
comments: drop /^Comments$/
@page-type forum
disable comments
EOF
	body='<p>Comments</p><p>Body text stays.</p>'
	printf '%s' "<html><head><meta name=\"generator\" content=\"vBulletin\"></head><body>$body</body></html>" |
		"$B" --no-default-rules -r d.rules --format=html - >f.txt
	grep -q '^Comments$' f.txt || die "forum: the disabled rule ran: $(cat f.txt)"
	printf '%s' "<html><body>$body</body></html>" | "$B" --no-default-rules -r d.rules --format=html - >a.txt
	grep -q '^Comments$' a.txt && die "article: the rule did not run: $(cat a.txt)"
	return 0
}

t_errors() {
	printf 'ok: drop /x/\nbad: drop /y/ page-type=frum\n@page-type shop ~forum\nempty: drop /z/ page-type=""\ntwice: drop /w/ page-type=forum page-type=product\n' >bad.rules
	"$B" --check -r bad.rules >out.txt 2>&1 && die "--check passed: $(cat out.txt)"
	grep -q "^bad.rules:2:25: error: unknown page type 'frum' (page types: article, forum, product, collection, listing, documentation, service)" out.txt ||
		die "$(cat out.txt)"
	grep -q "^bad.rules:3:12: error: unknown page type 'shop'" out.txt || die "$(cat out.txt)"
	grep -q "^bad.rules:4:.*: error: page-type needs page types" out.txt || die "$(cat out.txt)"
	grep -q "^bad.rules:5:.*: error: parameter 'page-type' given twice" out.txt || die "$(cat out.txt)"
	grep -q "4 errors" out.txt || die "$(cat out.txt)"
	printf 'a: drop /x/ page-type="forum ~listing"\n@page-type ~article\nb: drop /y/\n' >good.rules
	"$B" --check -r good.rules >out.txt 2>&1 || die "$(cat out.txt)"
}

t_jsonl_summary() {
	printf '%s\n' '{"id":"a","html":"<html><head><meta property=\"og:type\" content=\"product\"></head><body><p>Hat</p></body></html>"}' \
		'{"id":"b","text":"Just a line of text."}' >in.jsonl
	run --jsonl in.jsonl
	expect_rc 0
	expect_grep out '"id":"a".*"cleaner":{.*"page_type":"product"}}$'
	expect_grep out '"id":"b".*"cleaner":{.*"page_type":"unknown"}}$'
}

t_forced() {
	# a buyer's guide: its product-review boxes are its verdicts on an
	# article page, a product page's reviews when the page is said to be one
	f=$F/trap-article-product-reviews/input.html
	"$B" --report=rep.txt -o art.txt "$f" || die "cleaner failed"
	"$B" --page-type=product --report=rep2.txt -o prod.txt "$f" || die "cleaner failed"
	grep -q 'product-reviews' rep.txt && die "product-reviews ran on the article: $(cat rep.txt)"
	grep -q 'product-reviews' rep2.txt || die "product-reviews did not run: $(cat rep2.txt)"
	grep -q '^Tallyline sends a' art.txt || die "the verdict went from the article"
	grep -q 'Tallyline sends a' prod.txt && die "the review stayed on the product page"
	[ "$(ptype --page-type=product <"$f")" = product ] || die "not typed product"
	"$B" --page-type=product --explain "$f" >e.txt
	grep -q '^page type: product; signals: forced +100 product, ' e.txt || die "$(head -3 e.txt)"
	# flattened text too, and --jsonl's summary
	printf '%s\n' '{"text":"A line of text."}' | "$B" --jsonl --page-type=forum >o.jsonl
	expect_grep o.jsonl '"page_type":"forum"'
	run --page-type=shop "$f"
	expect_rc 2
	expect_grep err "page-type must be article, forum, product, collection, listing, documentation or service, not 'shop'"
	expect_empty out
}

t "JSON-LD @type (object, array, @graph) names the page type" t_jsonld
t "microdata itemtype and og:type name the page type" t_microdata_og
t "a forum or documentation generator names the page type" t_generator
t "repeated posts, priced items, code blocks and dated cards" t_structure
t "trap: an article with a sidebar of prices stays an article" t_trap_article_with_prices
t "a grid of twenty priced cards outweighing the prose: priced-grid" t_priced_grid
t "URL path hints (--url, canonical link)" t_url
t "a text input without signals is unknown" t_text_input
t "JSON output: page_type with its signals" t_json_field
t "--jsonl: the summary names the page type" t_jsonl_summary
t "the page type never changes the clean text" t_text_unchanged
t "--explain and --explain=json show the page type" t_explain
t "page-type=, ~type, a list and @page-type scope rules" t_scoped_rules
t "disable in a @page-type section" t_scoped_disable
t "--check: unknown page types are errors at file:line:col" t_errors
t "--page-type=TYPE: the page read as that type, its rules run, \"forced\" said; a bad name refused" t_forced
echo "1..$n"
