#!/bin/sh
# tests/lists4.sh - the buttons of a grid's cards (card-buttons,
# rules/listing.rules): a line of nothing but card buttons, one or several
# strung together, goes on listing and collection pages; product names
# holding a button's word, a card's status and sentences stay; the same
# line on an article stays; the rating widget of a listing's cards goes
# (card-actions), and so do a card's field labels (card-labels). Through
# the CLI.
# TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# trap: button lines go, names, statuses and sentences with the words stay
t_card_buttons_trap() {
	d=$F/trap-card-buttons
	run --report=report "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_none out 'Quick viewCompare' 'Add to Cart+ wishlist' 'Select size' 'Choose set Notify me See details' \
		'Comparer Ne plus comparer'
	for kept in '^Wishlist Notebook, A5 dotted$' '^Compare & Contrast workbook$' '^Coming soon$' '^Sold out$' \
		'^Compare with the A4 lab book' '^Add to cart before Friday'; do
		expect_grep out "$kept"
	done
	[ "$(report_rules report | grep -cx card-buttons)" = 5 ] || die "card-buttons should take the 5 button lines"
}

# real pages: every card's button line goes, the cards' names stay
t_real_card_buttons() {
	d=$F/real-html-collection-product-names
	run "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_none out 'Quick viewCompare'
	expect_grep out '^4WD Gear Bag-Large$'
	d=$F/real-html-collection-hidden-grid
	run "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_none out 'Quick Shop'
}

# scope: the same button lines stay on an article (no grid of cards)
t_card_buttons_scope() {
	{
		echo '<html><head><title>How shop themes label their buttons</title></head><body><article>'
		echo '<h1>How shop themes label their buttons</h1>'
		echo '<p>We read the product cards of forty shop themes and wrote down the label of every button each card shows, so that a designer can see at a glance which words the themes agree on.</p>'
		echo '<p>Quick viewCompare</p><p>Add to Cart+ wishlist</p>'
		echo '<p>Most themes put the quick view first, and only a few print the two buttons without a space between their labels, as the first line above shows.</p>'
		echo '</article></body></html>'
	} >art.html
	run --report=report art.html
	expect_grep out '^Quick viewCompare$'
	expect_grep out '^Add to Cart+ wishlist$'
	! report_rules report | grep -qx card-buttons || die "card-buttons ran on an article"
}

# card-actions: a book list's rating widget (its stars' labels run
# together, its error message) goes on a listing; a sentence that rates
# stays
t_rating_widget() {
	{
		echo '<html><head><title>Best books of the year</title></head><body><main><h1>Best books of the year</h1>'
		echo '<p>Rated 4 of 5 stars by most of our readers, and 5 of 5 stars by the rest: this year'"'"'s list, as you voted.</p>'
		for i in 1 2 3 4 5; do
			echo "<div class=\"card\"><h2><a href=\"/b/$i\">The book at number $i of this year</a></h2><time>Mar $i, 2026</time>"
			echo '<p>Rate this book</p><p>Error rating book. Refresh and try again.</p>'
			echo '<p>1 of 5 stars2 of 5 stars3 of 5 stars4 of 5 stars5 of 5 stars</p></div>'
		done
		echo '</main></body></html>'
	} >list.html
	url=--url=https://example.com/list/best-books
	run "$url" --explain list.html
	expect_grep out '^page type: listing;'
	run "$url" --report=report list.html
	expect_none out '1 of 5 stars2 of 5 stars' 'Error rating book' 'Rate this book'
	expect_grep out '^The book at number 5 of this year$'
	expect_grep out '^Rated 4 of 5 stars by most of our readers'
	[ "$(report_rules report | grep -cx card-actions)" = 15 ] || die "card-actions should take the widget's 15 lines"
}

# trap: a card's field labels go, their values and longer lines stay
t_card_labels_trap() {
	d=$F/trap-card-labels
	run --report=report "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_none out 'Brand Name' 'Product Name'
	expect_no_grep out '^Gender$'
	for kept in '^Harbour Road 3 running shoe$' '^Gender Neutral Racer$' '^Unisex$' \
		'^Price: \$89.00 with the club card$' 'Brand new stock arrives in May.$'; do
		expect_grep out "$kept"
	done
	[ "$(report_rules report | grep -cx card-labels)" = 12 ] || die "card-labels should take the 12 labels"
}

t "trap: card buttons go; names, statuses and sentences with the words stay" t_card_buttons_trap
t "collection: the cards' button lines go, their names stay (real pages)" t_real_card_buttons
t "card-buttons: button lines stay on an article" t_card_buttons_scope

t "card-actions: a listing's rating widget goes, a sentence rating stays" t_rating_widget
t "trap: a card's field labels go, their values stay" t_card_labels_trap

echo "1..$n"
