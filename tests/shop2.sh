#!/bin/sh
# tests/shop2.sh - card grids, shop widgets and the buy button (issue 11,
# second round) through the CLI: card headers kept in grids and dropped on
# forums, links hidden from screen readers only, shop widgets' repeated
# lines and screen-reader price labels, the buy-button page-type signal.
# TAP output; see tests/tap-lib.sh. Pages are in fixtures/ (their READMEs
# say what they show).
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

t_card_headers_kept() {
	run "$F/real-html-collection-card-headers/input.html"
	expect_rc 0
	expect_grep out '^Beats Solo 4 and Solo Buds both gain Walmart-exclusive color options$'
	expect_grep out '^Hands on with the new Sonos Ace headphones$'
	# the teaser is a link aria-hidden, tabindex=-1: shown, kept
	expect_grep out '^Walmart now has the Beats Solo 4 and Beats Solo Buds available'
}

t_card_headers_forum() {
	run "$F/trap-card-headers-forum/input.html"
	expect_rc 0
	expect_none out 'grandma_june' 'ironchef88' '#2'
	expect_grep out '^Scrub the rust off with steel wool first'
	expect_grep out '^Did three rounds with flaxseed oil last night'
	run --explain "$F/trap-card-headers-forum/input.html"
	expect_grep out 'removed by card-header (drop)'
}

t_header_single_article() {
	# one <article>: its <header> is the page's furniture, as before
	cat >a.html <<'HTML'
<html><body><article><header>Posted by Jo in News</header><h1>Harbour road closes</h1>
<p>The storm closed the harbour road for the whole of Tuesday, the council said.</p></article></body></html>
HTML
	run --format=html a.html
	expect_rc 0
	expect_none out 'Posted by Jo'
	expect_grep out '^The storm closed the harbour road'
}

t "collection: headers of sibling <article> cards stay, teasers in aria-hidden links too" t_card_headers_kept
t "forum: card-header drops the poster cards in the posts' headers" t_card_headers_forum
t "a lone <article>'s <header> is still furniture" t_header_single_article
echo "1..$n"
