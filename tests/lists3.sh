#!/bin/sh
# tests/lists3.sh - collection pages and their grid of priced cards
# (cleaner/mainlisting.c): a pick beside the grid widens to hold it, the
# grid's link names stay while a category menu's go, the facet option
# lists of facet-counts and the picker menus of menu-choices
# (rules/listing.rules) go, and a card's copy of its own line goes on
# listings (cln_listing_copy), through the CLI.
# TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# a shop's category page: a category menu of long links, a grid of eight
# priced cards (a name link, a price), and a blurb of prose after it; the
# blurb's element is named as content, so main-content picks it
shop_page() {
	{
		echo '<html><head><title>Tents | Fieldcraft Supply</title></head><body><div class="page">'
		echo '<ul class="menu"><li><a href="/c/1">Backpacking tents and shelters</a></li>'
		echo '<li><a href="/c/2">Family camping tents for the car</a></li>'
		echo '<li><a href="/c/3">Tent footprints and groundsheets</a></li></ul>'
		echo '<div class="grid">'
		for i in 1 2 3 4 5 6 7 8; do
			echo "<div class=\"tile\"><a href=\"/p/$i\">Ridgeway $i-person dome tent</a><p>\$$i""9.00</p></div>"
		done
		echo '</div><div class="entry-content"><h2>Choosing a tent</h2>'
		echo '<p>A tent for the trail weighs little and packs small; a tent for the car can be tall enough to stand in. Count the sleepers, add one for the gear, and check the rating for wind before you buy.</p>'
		echo '<p>Every tent on this page was pitched in our yard and in the rain before it went on sale, and the weights we give are the ones we measured, not the makers'"'"' figures.</p>'
		echo '</div></div></body></html>'
	} >shop.html
}

t_grid_beside_blurb() {
	shop_page
	run --output-format=json shop.html
	expect_grep out '"page_type":{"type":"collection"'
	run --explain shop.html
	expect_grep out 'listing page: the list around the pick'
	run shop.html
	expect_rc 0
	[ "$(grep -c '^Ridgeway [1-8]-person dome tent$' out)" = 8 ] || die "a card's name went"
	expect_grep out '^\$89.00$'
	expect_grep out '^Every tent on this page was pitched'
	expect_none out 'Backpacking tents and shelters' 'Family camping tents'
}

# the category's subcategory tiles, each a linked heading, beside the grid:
# they stay on a collection page (a heading is a card's title anywhere),
# the menu's long links still go
t_heading_tiles() {
	shop_page
	sed 's|<div class="grid">|<div class="tiles"><div class="tile"><h3><a href="/c/4">Tarps</a></h3></div><div class="tile"><h3><a href="/c/5">Bivvy bags</a></h3></div></div>&|' shop.html >tiles.html
	run tiles.html
	expect_rc 0
	expect_grep out '^Tarps$'
	expect_grep out '^Bivvy bags$'
	[ "$(grep -c '^Ridgeway [1-8]-person dome tent$' out)" = 8 ] || die "a card's name went"
	expect_none out 'Backpacking tents and shelters' 'Family camping tents'
}

# an article whose related products are a few priced cards: no collection,
# the article alone
t_article_beside_cards() {
	{
		echo '<html><head><title>How we test tents</title></head><body><article>'
		for i in 1 2 3 4 5; do
			echo "<p>Paragraph $i of the test: we pitched every tent in the yard, timed it, soaked it with a hose for an hour and weighed what water got in, then packed it again and did it twice more.</p>"
		done
		echo '</article><div class="grid">'
		for i in 1 2 3; do
			echo "<div class=\"tile\"><a href=\"/p/$i\">Ridgeway $i-person dome tent</a><p>\$$i""9.00</p></div>"
		done
		echo '</div></body></html>'
	} >article.html
	run --output-format=json article.html
	expect_grep out '"page_type":{"type":"article"'
	run article.html
	expect_grep out '^Paragraph 5 of the test'
	expect_none out 'Ridgeway' '$19.00'
}

# real page: the buying guide was the pick, the grid went; now both stay
t_real_grid_beside_blurb() {
	d=$F/real-html-collection-grid-beside-blurb
	run --report=report "$d/input.html"
	expect_rc 0
	expect_same out "$d/expected.txt"
	expect_grep out '^Nikon Z5II Mirrorless Camera with NIKKOR Z 24-105mm f/4-7.1 Lens$'
	expect_grep out '^Choose from the Highest-Quality Cameras$'
	report_rules report | grep -qx facet-counts || die "facet-counts did not run"
	expect_none out 'Aries (38)Cambo (38)' '$0 to $25 (39)' '& up(1186)'
}

# real page: the featured products' names (links) stay
t_real_product_names() {
	d=$F/real-html-collection-product-names
	run "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_grep out '^4WD Gear Bag-Large$'
	expect_grep out '^Canopy Shelf Utility Bag – Smart Storage$'
}

# trap: numbers in brackets that are no facet counts stay
t_facet_counts_trap() {
	d=$F/trap-facet-counts
	run --report=report "$d/input.html"
	expect_same out "$d/expected.txt"
	for kept in '^Kettlework pot set (2) and lid (1)$' '^Reviews (12)$' '^Burns twigs, see fire(5) rules$' \
		'^Two sizes (1 L) and (2 L) of pot'; do
		expect_grep out "$kept"
	done
	! report_rules report | grep -qx facet-counts || die "facet-counts took a line"
}

# facet-counts on a listing; the same line stays on an article
t_facet_counts_scope() {
	line='<p>Canon (261)Fujifilm (203)Nikon (522)</p>'
	{
		echo '<html><head><title>Camera news</title></head><body><main><h1>Camera news</h1>'
		for i in 1 2 3 4 5; do
			echo "<div class=\"card\"><h2><a href=\"/n/$i\">Camera story number $i of this week</a></h2><time>Mar $i, 2026</time><p>What happened to cameras on day $i, in brief.</p></div>"
		done
		echo "$line</main></body></html>"
	} >list.html
	url=--url=https://example.com/tag/cameras
	run "$url" --explain list.html
	expect_grep out '^page type: listing;'
	expect_grep out 'removed by facet-counts'
	run "$url" list.html
	expect_none out 'Canon (261)'
	expect_grep out '^Camera story number 5 of this week$'
	{
		echo '<html><head><title>Which brand sells most</title></head><body><article>'
		echo '<p>We counted the listings of each brand on the big shop sites this spring, and the order surprised us: the brand that sells most is not the one that advertises most.</p>'
		echo "$line</article></body></html>"
	} >art.html
	run art.html
	expect_grep out '^Canon (261)Fujifilm (203)Nikon (522)$'
}

# real page: each story's title once, not again as its card's heading
t_real_card_copies() {
	d=$F/real-html-listing-card-copies
	run --report=report "$d/input.html"
	expect_same out "$d/expected.txt"
	[ "$(grep -c '^The Women Who Helped Me Grow as a Developer$' out)" = 1 ] || die "a title is not there once"
	expect_grep report 'a copy of a line of its card'
}

# trap: the same lines in sibling cards of one shape are each card's own
t_card_copies_trap() {
	d=$F/trap-listing-card-copies
	run --url="$(cat "$d/url")" "$d/input.html"
	expect_same out "$d/expected.txt"
	[ "$(grep -c '^Six evenings$' out)" = 5 ] || die "a card's label went"
	[ "$(grep -c '^Free delivery of your starter kit$' out)" = 5 ] || die "a card's perk went"
}

# real page: the options of two picker menus go, the cards stay
t_real_menu_choices() {
	d=$F/real-html-listing-menu-choices
	run --report=report "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_none out 'Abkhazian Afar' '1C Enterprise'
	expect_grep out '^openai / skills$'
	report_rules report | grep -qx menu-choices || die "menu-choices did not run"
}

# a menu of choices goes on a listing; a menu of links is left to the other
# rules, and so is the same menu on an article
t_menu_choices_scope() {
	choices='<div role="menu"><a role="menuitemradio" href="?s=new">Newest first</a> <a role="menuitemradio" href="?s=old">Oldest first</a> <a role="menuitemcheckbox" href="?f=free">Free courses only</a></div>'
	links='<div role="menu"><a role="menuitem" href="/all">Every course we teach, by season</a></div>'
	{
		echo '<html><head><title>Courses</title></head><body><main><h1>Courses</h1>'
		echo "$choices$links"
		for i in 1 2 3 4 5; do
			echo "<div class="card"><h2><a href="/c/$i">Bread course number $i, in the spring</a></h2><p>Five evenings of bread, course $i, with everything provided.</p></div>"
		done
		echo '</main></body></html>'
	} >list.html
	run --url=https://example.com/list/courses --report=report list.html
	expect_none out 'Newest first' 'Free courses only'
	expect_grep report 'menu-choices.*Newest first'
	! grep -q 'menu-choices.*Every course' report || die "menu-choices took a menu of links"
	expect_grep out '^Bread course number 5, in the spring$'
	{
		echo '<html><head><title>How we sort</title></head><body><article>'
		echo '<p>Our course list can be sorted two ways, and a filter shows only the free ones; this note explains what each choice in the menu below does to the list.</p>'
		echo "$choices</article></body></html>"
	} >art.html
	run --report=report art.html
	expect_grep out '^Our course list can be sorted two ways'
	! report_rules report | grep -qx menu-choices || die "menu-choices ran on an article"
}

t "collection: a blurb picked beside the grid widens to hold it; a menu's links go" t_grid_beside_blurb
t "collection: linked headings beside the grid (subcategory tiles) stay" t_heading_tiles
t "an article beside three priced cards is no collection and keeps only itself" t_article_beside_cards
t "collection: the grid beside the buying guide stays (real page)" t_real_grid_beside_blurb
t "collection: the grid's product names stay (real page)" t_real_product_names
t "trap: numbers in brackets that are no facet counts stay" t_facet_counts_trap
t "facet-counts: a facet's options go on a listing, stay on an article" t_facet_counts_scope
t "listing: a card's heading that repeats its card's link goes (real page)" t_real_card_copies
t "trap: the same line in sibling cards of one shape stays" t_card_copies_trap
t "listing: a picker menu's options go (real page)" t_real_menu_choices
t "menu-choices: choices go on a listing; not links, nor choices on an article" t_menu_choices_scope

echo "1..$n"
