#!/bin/sh
# tests/listingsignals.sh - what says a page is a listing, and what its
# cards label: a category path ("/category/recipes/") votes for a shop's
# collection only on a page that shows a price (a blog's or a directory's
# category archive is a listing), a job board's path ("/remote-jobs/")
# votes listing, and a card's "More in this category" label goes
# (more-label, rules/listing.rules), and a carousel of <article> cards is
# the listing's own (carousel-articles, rules/html.rules); siblings whose
# first class differs by its number only are one run of cards; a site's
# footer written as a <div> named so goes before main-content chooses
# (site-footer-name, rules/html.rules); the page's <main> beside the list
# main-content picked joins it when it holds linked headlines; a link
# button each card repeats ("Listen now") is no headline. Through the CLI.
# TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# the page type of the page on stdin, and the names of its signals
ptype() {
	"$B" --format=html --output-format=json "$@" - |
		sed -n 's/.*"page_type":{"type":"\([a-z]*\)".*/\1/p'
}

signals() {
	"$B" --format=html --explain "$@" - 2>&1 | sed -n 's/^page type: [a-z]*; signals: //p'
}

card='<div class="card"><h3><a href="/a">A story from the harbour</a></h3><p>A short teaser about the harbour.</p></div>'
cards="<html><body><main>$card$card$card$card$card</main></body></html>"
item='<li class="item"><a href="/p">Blue mug</a><span>$12.99</span></li>'
shop="<html><body><ul>$item$item$item$item$item$item$item$item</ul></body></html>"

# a blog's category archive: no price, so the path does not vote collection
t_category_unpriced() {
	got=$(printf '%s' "$cards" | ptype --url=https://blog.example/category/recipes/air-fryer/)
	[ "$got" = listing ] || die "a blog's category of story cards: want listing, got '$got'"
	printf '%s' "$cards" | signals --url=https://blog.example/categories/ml/ >sig
	expect_no_grep sig url-collection
	# a shop's category shows its prices: the path votes collection
	printf '%s' "$shop" | signals --url=https://shop.example/category/mugs/ >sig
	expect_grep sig 'url-collection +6 collection'
	got=$(printf '%s' "$shop" | ptype --url=https://shop.example/category/mugs/)
	[ "$got" = collection ] || die "a shop's category: want collection, got '$got'"
	# the shops' other words still vote collection without a price shown
	printf '%s' "$cards" | signals --url=https://shop.example/collections/mugs >sig
	expect_grep sig 'url-collection'
	# a real magazine's category page (WCXB 4508): a listing
	"$B" --explain "$F/real-html-listing-magazine-category/input.html" >out
	expect_grep out '^page type: listing;'
}

# a product named in the metadata counts as a price shown
t_category_declared_product() {
	page='<html><head><script type="application/ld+json">{"@type":"Product","name":"Mug"}</script></head><body><p>A mug.</p></body></html>'
	printf '%s' "$page" | signals --url=https://shop.example/category/mugs/ >sig
	expect_grep sig 'url-collection'
}

# a job board's path names its jobs; a story's slug ending in "jobs" does not
t_jobs_path() {
	for u in https://jobs.example/remote-jobs/software-engineer https://jobs.example/part-time-jobs; do
		printf '%s' "$cards" | signals --url=$u >sig
		expect_grep sig 'url-listing +3 listing'
	done
	printf '%s' "$cards" | signals --url=https://blog.example/resources/how-to-price-plumbing-jobs/ >sig
	expect_no_grep sig url-listing
}

# trap: the labels go; a sentence and a headline that start with their
# words stay, and so does the topic link under them
t_more_label_trap() {
	run --report=report "$F/trap-listing-more-label/input.html"
	expect_same out "$F/trap-listing-more-label/expected.txt"
	expect_no_grep out '^More in this category$'
	expect_no_grep out '^More like this$'
	expect_grep out '^More in this category will follow next week'
	expect_grep out '^More like this harbour: a village'
	expect_grep out '^Ferries$'
	[ "$(report_rules report | grep -cx more-label)" = 5 ] || die "more-label should take the 5 labels"
}

# scope: on an article the rule stays off
t_more_label_article() {
	page="<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head><body><article><h1>Harbour</h1><p>The committee met on Tuesday to discuss the budget for the coming year, and the members agreed that the library would stay open longer.</p><p>More like this</p><p>The ferry will run four times a day from November, with an extra crossing on Saturdays for the market.</p></article></body></html>"
	printf '%s' "$page" | "$B" --format=html - >out
	expect_grep out '^More like this$'
}

# a real listing: Hospitalitynet's 22 card labels go, its stories stay
t_more_label_real() {
	run --report=report "$F/real-html-listing-more-labels/input.html"
	expect_same out "$F/real-html-listing-more-labels/expected.txt"
	expect_none out 'More in this category' 'More like this' 'More from this brand' 'More in this region'
	expect_grep out '^Elevating the All-Inclusive Model$'
	[ "$(report_rules report | grep -cx more-label)" = 22 ] || die "more-label should take the 22 labels"
}

# trap: a carousel of <article> cards on a listing stays, a carousel of
# plain slides goes
t_article_carousel_trap() {
	run --report=report "$F/trap-listing-article-carousel/input.html"
	expect_same out "$F/trap-listing-article-carousel/expected.txt"
	expect_grep out '^Roasted tomato soup with basil oil$'
	expect_grep out '^18 reviews / 5 average$'
	expect_none out 'Shop our soup pots' 'Join the supper club'
	report_rules report | grep -qx boilerplate-name || die "boilerplate-name should take the slides"
	! report_rules report | grep -qx carousel-articles || die "carousel-articles ran on a listing"
}

# scope: on an article, a carousel of <article>s (other stories) goes,
# prose or not
t_article_carousel_article() {
	cell='<article class="carousel-cell"><h3><a href="/s">Another story from the harbour today</a></h3><p>The committee met again on Wednesday and the members agreed that the ferry would run later in summer.</p></article>'
	page="<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head><body><article><h1>Harbour</h1><p>The committee met on Tuesday to discuss the budget for the coming year, and the members agreed that the library would stay open longer.</p></article><div class=\"story-carousel\">$cell$cell$cell</div></body></html>"
	printf '%s' "$page" | "$B" --format=html --report=report - >out
	expect_none out 'Another story from the harbour'
	report_rules report | grep -qx carousel-articles || die "carousel-articles should take the strip"
}

# a real listing: Pinch of Yum's "Top Rated" carousel of recipe cards
t_article_carousel_real() {
	run "$F/real-html-listing-article-carousel/input.html"
	expect_same out "$F/real-html-listing-article-carousel/expected.txt"
	expect_grep out '^Ridiculously Good Air Fryer Salmon$'
	expect_grep out '^84 reviews / 5 average$'
}

# like siblings: posts whose first class differs by its number only
# ("post-101", "post-87") are one run of cards
t_numbered_posts_trap() {
	run --explain "$F/trap-listing-numbered-posts/input.html"
	expect_grep out '^page type: listing; signals: .*cards +1 listing'
	run "$F/trap-listing-numbered-posts/input.html"
	expect_same out "$F/trap-listing-numbered-posts/expected.txt"
	expect_grep out '^Slow-cooked beef ragu for a Sunday$'
	expect_grep out '^Spinach and ricotta stuffed shells$'
	expect_grep out "^Dinners for every night of the week"
}

# an article with numbered comments ("comment-12", "comment-9") stays an
# article: its prose comes before them
t_numbered_comments_article() {
	c='<li class="comment-NUM comment"><span class="author">ann</span><time datetime="2024-01-02">Jan 2</time><p>I tried the second setting and the fan stopped making the noise, thanks for the tip everyone here.</p></li>'
	p='<p>The committee met on Tuesday to discuss the budget for the coming year, and the members agreed that the library would stay open longer on weekends.</p>'
	page="<html><body><article><h1>Fans</h1>$p$p$p$p$p$p</article><ol>$(printf '%s' "$c" | sed s/NUM/12/)$(printf '%s' "$c" | sed s/NUM/9/)$(printf '%s' "$c" | sed s/NUM/31/)</ol></body></html>"
	got=$(printf '%s' "$page" | ptype)
	[ "$got" = article ] || die "an article with numbered comments: want article, got '$got'"
}

# a real WordPress category archive: its posts stay
t_numbered_posts_real() {
	run "$F/real-html-listing-numbered-posts/input.html"
	expect_same out "$F/real-html-listing-numbered-posts/expected.txt"
	expect_grep out '^Fish Tacos with Mango Salsa$'
}

# a real listing: AP News's science hub, whose video playlist is 37 more
# stories
t_playlist_real() {
	run --report=report "$F/real-html-listing-playlist/input.html"
	expect_same out "$F/real-html-listing-playlist/expected.txt"
	expect_grep out '^Prague Zoo joins effort to ensure the survival of a rare insect considered extinct for 80 years$'
	expect_grep out '^Scientists genetically engineer wolves to resemble extinct dire wolf$'
	! report_rules report | grep -qx playlist || die "playlist ran on a listing"
}

# trap: a listing's playlist of video stories stays beside its cards
t_playlist_listing() {
	card='<article class="card"><h2><a href="/s/NUM">Harbour story number NUM from the coast desk</a></h2><p>The committee met on Tuesday and agreed the ferry would run later.</p></article>'
	item='<div class="playlist-item"><h3><a href="/v/NUM">Watch: the seal count NUM from the pier</a></h3><p>Volunteers count the colony at dawn.</p></div>'
	cards=$(numbered "$card" 6)
	items=$(numbered "$item" 6)
	page="<html><head><link rel=\"canonical\" href=\"https://courier.example/tag/coast\"></head><body><main><h1>Coast news</h1>$cards<section class=\"video-playlist\"><h2>Videos</h2>$items</section></main></body></html>"
	got=$(printf '%s' "$page" | ptype)
	[ "$got" = listing ] || die "want listing, got '$got'"
	printf '%s' "$page" | "$B" --format=html - >out
	expect_grep out '^Watch: the seal count 4 from the pier$'
	expect_grep out '^Harbour story number 6 from the coast desk$'
}

# trap: after an article a playlist is the player's queue, and goes
t_playlist_article() {
	run --report=report "$F/trap-article-playlist/input.html"
	expect_same out "$F/trap-article-playlist/expected.txt"
	expect_grep out '^For the first time in a decade'
	expect_none out 'Watch: the seal count' 'Up next'
	report_rules report | grep -qx playlist || die "playlist should take the queue"
}

# a real listing: MTB Project's footer, <div id="footer-container">, goes
# before main-content weighs its prose, and the routes' cards come whole
t_site_footer_real() {
	run --report=report "$F/real-html-listing-site-footer/input.html"
	expect_same out "$F/real-html-listing-site-footer/expected.txt"
	expect_none out 'onX products are built by adventurers' 'Join the Community' 'Explore in 3D'
	expect_grep out '^Spring, TX$'
	expect_grep out '^Cypress Creek Trail$'
	report_rules report | grep -qx site-footer-name || die "site-footer-name should take the footer"
}

# trap: only the site's footer goes; footer-named parts of cards, of a
# section, the wrappers around <main> and <body> stay
t_site_footer_trap() {
	run --report=report "$F/trap-footer-names/input.html"
	expect_same out "$F/trap-footer-names/expected.txt"
	expect_grep out '^Easy walk, 2 miles$'
	expect_grep out '^The Net Loft serves breakfast'
	expect_none out 'Privacy policy' 'printed every week since 1952' 'All rights reserved'
	[ "$(report_rules report | grep -cx site-footer-name)" = 1 ] || die "site-footer-name should take the one site footer"
	grep site-footer-name report | grep -q 'div.site-footer$' || die "site-footer-name took something else: $(cat report)"
}

# a real listing: Al Jazeera's economy section, whose <main> holds its
# featured stories beside the feed the scores picked
t_featured_main_real() {
	run "$F/real-html-listing-featured-main/input.html"
	expect_same out "$F/real-html-listing-featured-main/expected.txt"
	expect_grep out '^US issues limited licence for Venezuelan gold following high-level visit$'
	expect_grep out '^Tens of thousands in scramble for flights out of Middle East amid Iran war$'
}

# trap: the page's <main> beside the feed joins it when it holds linked
# headlines (featured stories), not when it holds none
t_featured_main_trap() {
	card='<article class="gc"><h3><a href="/news/NUM">Harbour story number NUM from the coast desk today</a></h3><p>The committee met on Tuesday and agreed the ferry would run later in the winter months, NUM times.</p></article>'
	feat='<li class="fp"><h3><a href="/featured/NUM">Featured story NUM: the lighthouse keepers come home</a></h3></li>'
	cards=$(numbered "$card" 12)
	feats=$(numbered "$feat" 3)
	head='<html><head><title>Coast | The Courier</title><link rel="canonical" href="https://courier.example/coast/"></head><body><div class="topics">'
	feed="<div class=\"container\"><div class=\"col\"><section id=\"feed\"><h2>Latest</h2>$cards</section></div></div></div></body></html>"
	printf '%s' "$head<main id=\"featured\"><h2>Featured</h2><ul>$feats</ul></main>$feed" | "$B" --format=html - >out
	expect_grep out '^Featured story 2: the lighthouse keepers come home$'
	expect_grep out '^Harbour story number 12 from the coast desk today$'
	printf '%s' "$head<main id=\"promo\"><p>Our winter subscription brings the paper to your door every Friday morning.</p></main>$feed" | "$B" --format=html - >out
	expect_no_grep out 'winter subscription'
	expect_grep out '^Harbour story number 12 from the coast desk today$'
}

# trap: a link line each card repeats that starts with an imperative
# ("Listen now") is a button and goes; a headline that starts with one,
# each card's own, stays, and so does such a line two cards share
t_card_button_trap() {
	card='<article class="ep"><h3><a href="/e/NUM">Seal count NUM from the pier</a></h3><a href="/e/NUM/w">Watch the seals come home to pier NUM</a><p>Volunteers counted the colony at dawn, and the count rose again this year.</p><a href="/e/NUM/listen">Listen now</a></article>'
	cards=$(numbered "$card" 8)
	two='<article class="ep"><h3><a href="/x">Harbour news in brief</a></h3><p>The ferry runs late on Fridays from next month, the council said.</p><a href="/x/l">Listen to the mayor</a></article>'
	page="<html><head><title>Coast podcast</title><link rel=\"canonical\" href=\"https://courier.example/podcasts/\"></head><body><main><h1>Episodes</h1>$cards$two$two</main></body></html>"
	got=$(printf '%s' "$page" | ptype)
	[ "$got" = listing ] || die "want listing, got '$got'"
	printf '%s' "$page" | "$B" --format=html - >out
	expect_no_grep out '^Listen now$'
	expect_grep out '^Watch the seals come home to pier 8$'
	expect_grep out '^Listen to the mayor$'
}

# real listing: Etsy's promoted cards keep their titles, an <h2> the page
# names "ad-listing-title-<number>": a heading is no ad slot
t_promoted_cards_real() {
	"$B" --report=- -o out "$F/real-html-listing-promoted-cards/input.html" >rep
	expect_grep out "^Personalised Men's Wallet, Genuine Soft Black Leather Wallet"
	expect_grep out '^Leather AirTag Wallet: Slim & Minimalist Card Holder'
	expect_no_grep rep 'boilerplate-name.*Personalised'
}

# trap: the boxes named ad still go whole, the headings inside them too;
# a card's title named ad stays, and so does one a heading's words name
t_ad_boxes_trap() {
	"$B" "$F/trap-listing-ad-boxes/input.html" >out
	expect_grep out '^Brass desk lamp with a linen shade$'
	expect_no_grep out 'Sponsored'
	expect_no_grep out 'marine enamel'
	expect_no_grep out 'Advertisement'
	expect_no_grep out 'Ferry tickets'
	page='<html><head><title>Reviews in ads</title></head><body><main><article><h1>Reviews in shopping ads</h1><p>Product reviews show up under a shopping ad as stars and a count, once a shop has enough of them, and they lift the share of people who click.</p><h2 id="how-to-add-reviews-to-shopping-ads">How to add reviews to shopping ads</h2><p>Send the reviews in a feed of their own, one entry for each product, and the stars show within a few days of the first upload.</p></article></main></body></html>'
	printf '%s' "$page" | "$B" --format=html - >out
	expect_grep out '^How to add reviews to shopping ads$'
}

# trap: an article's tags list by its name still goes (tags-name); on a
# listing page each card's tags stay
t_tags_name() {
	"$B" --report=- -o out "$F/trap-article-tags-list/input.html" >rep
	expect_grep rep 'tags-name .*lanterns / steel / workshop'
	expect_no_grep out '^lanterns'
	expect_grep out '^Now every lantern is blackened after welding'
	card='<article class="story"><h2><a href="/s/NUM">How we moved story NUM to a queue of our own</a></h2><p>Moving the jobs out of the web process cut the tail latency of story NUM in half.</p><div class="story__tags"><a href="/t/queues">#queues</a> <a href="/t/latency">#latency</a></div></article>'
	page="<html><head><title>Dev stories</title></head><body><main><h1>Stories from the team</h1>$(numbered "$card" 8)</main></body></html>"
	got=$(printf '%s' "$page" | ptype)
	[ "$got" = listing ] || die "want listing, got '$got'"
	printf '%s' "$page" | "$B" --format=html - >out
	[ "$(grep -c '^#queues #latency$' out)" = 8 ] || die "want each card's tags: $(cat out)"
}

# touching spans of one class that join two numbers, or a unit and a
# capital, are two items; other touching spans stay as they were
t_touching_spans() {
	"$B" "$F/real-html-listing-title-metadata/input.html" >out
	expect_grep out '^2026 1h 54m R$'
	expect_no_grep out '20261h'
	"$B" "$F/trap-html-touching-spans/input.html" >out
	expect_grep out 'Lanterns made: 1248$'
	expect_grep out 'costs 62.50 dollars'
	expect_grep out 'gyokuro tea'
	expect_grep out 'the iPhone made by McDonald'
	expect_grep out 'opens at 8:30 on weekdays, and the shop sells 35 kinds'
	# one class: items; two classes: the parts of one price
	printf '%s' '<p><span class="i">2026</span><span class="i">2h 5m</span><span class="i">PG</span></p><p>Now <span class="was">MSRP: $120</span><span class="off">10% OFF</span></p>' |
		"$B" --format=html - >out
	expect_grep out '^2026 2h 5m PG$'
	expect_grep out 'MSRP: \$12010% OFF'
}

t "a category path without a price shown is no shop's" t_category_unpriced
t "a category path with a product in the metadata is a shop's" t_category_declared_product
t "a job board's path votes listing, a story's slug does not" t_jobs_path
t "trap: a card's 'More in this category' goes, sentences stay" t_more_label_trap
t "more-label: off on an article" t_more_label_article
t "real listing: the cards' link labels go (Hospitalitynet)" t_more_label_real
t "trap: a listing's carousel of <article> cards stays" t_article_carousel_trap
t "carousel-articles: a carousel of <article>s goes on an article" t_article_carousel_article
t "real listing: the recipes' top-rated carousel stays (Pinch of Yum)" t_article_carousel_real
t "trap: numbered posts are one run of cards, the list stays" t_numbered_posts_trap
t "trap: an article with numbered comments stays an article" t_numbered_comments_article
t "real listing: a WordPress category's numbered posts stay" t_numbered_posts_real
t "real listing: a hub's video playlist stays (AP News)" t_playlist_real
t "trap: a listing's playlist of video stories stays" t_playlist_listing
t "playlist: a video queue after an article goes" t_playlist_article
t "real listing: a footer <div> goes before main-content chooses (MTB Project)" t_site_footer_real
t "trap: only the site's footer goes, not footer-named parts of the page" t_site_footer_trap
t "real listing: the featured stories in <main> beside the feed join it (Al Jazeera)" t_featured_main_real
t "trap: a <main> beside the feed joins it with linked headlines only" t_featured_main_trap
t "trap: a card's repeated link button goes, a headline starting with a verb stays" t_card_button_trap

t "real listing: Etsy's promoted cards keep their titles (an ad name on a heading)" t_promoted_cards_real
t "trap: boxes named ad go whole, a heading named ad stays" t_ad_boxes_trap
t "tags-name: an article's tags list goes, a listing's card tags stay" t_tags_name
t "touching spans of one class: two numbers or a unit and a capital are two items" t_touching_spans

echo "1..$n"
