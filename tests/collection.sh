#!/bin/sh
# tests/collection.sh - what a shop prints on a grid's cards beside the
# product's name and price (rules/collection.rules): a card's variant
# picker, what the page hides with the `d-none` class, a card's offer lines,
# a shop's financing pitch;
# and the fallback text inside <video> (media-fallback, rules/media.rules).
# On real collection pages, on a hand-made trap, and on an article, where
# only media-fallback runs. Through the CLI.
# TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# hits RULE N: the report in file report has N removals by RULE
hits() {
	[ "$(report_rules report | grep -cx "$1")" = "$2" ] || die "$1 should take $2 blocks"
}

# trap: pickers, hidden lines and offer lines go; the fieldset around the
# whole grid, a d-none d-md-block paragraph and a longer sentence stay
t_trap() {
	d=$F/trap-collection-card-furniture
	run --url="$(cat "$d/url")" --report=report "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_none out 'Option: ' 'No notebooks match' 'Only 2 left' 'does not support the video' \
		'Skip to search results' '+3 more' 'Ways to save' 'when approved for' 'As low as' 'Price \$ 12.00'
	expect_no_grep out '^Free shipping$'
	for kept in '^Hardback lab book, squared$' '^\$26.00$' '^Free engraving on every notebook' \
		'^Free shipping on orders over \$50' '^Compare this notebook with the others' '^Back in stock Apr 21' \
		'^\$12.00$' '^\$14.00Price \$16.00$' '^\$16.00$' '^\$18.00 \$22.00$'; do
		expect_grep out "$kept"
	done
	hits card-variant-picker 4
	hits display-none-class 2
	hits card-offers 10
	hits media-fallback 1
	hits financing-offer 2
	hits price-read-twice 2
	expect_none out '$16.00 $16.00'
}

# real pages: IKEA's variant pickers and linked prices, a Bootstrap shop's hidden tile
# descriptions, a lender's terms; the cards' names stay
t_real() {
	d=$F/real-html-collection-variant-picker
	run "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_none out 'Option: BILLY' 'More optionsBILLY'
	expect_grep out '^BILLY Bookcase, blue, 15 3/4x11x79 1/2 "$'
	# each card's price, a link of 19 characters, stays, read once
	expect_grep out '^\$79.00$'
	expect_grep out '^\$160.00$'
	expect_no_grep out '^\$160.00Price'
	d=$F/real-html-collection-hidden-descriptions
	run "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_none out 'is available in 6 different options' 'dwvar_'
	expect_grep out '^FastForward Carry-On$'
	d=$F/real-html-collection-grid-beside-blurb
	run "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_no_grep out '^Ways to Save$'
	d=$F/real-html-collection-financing-terms
	run "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_none out 'Subject to credit approval' 'Payment options through Affirm'
}

# scope: on an article the offer lines, a d-none element and a fieldset of
# radio buttons stay; the <video> fallback goes there too
t_scope() {
	{
		echo '<html><head><title>What shops write on their cards</title></head><body><article>'
		echo '<h1>What shops write on their cards</h1>'
		echo '<p>We read the product cards of forty shops and wrote down every line each card shows beside the name and the price, so that a designer can see which promises the shops agree on.</p>'
		echo '<p>Free shipping</p><p>Ways to save</p><p class="d-none">Printed only for the editors.</p>'
		echo '<p>Subject to credit approval.</p>'
		echo '<fieldset><legend>Which line do you read first?</legend><label><input type="radio" name="q"> The price, then the name of the product on the card</label></fieldset>'
		echo '<video src="/clip.mp4">Your browser does not support the video tag.</video>'
		echo '<p>Most shops print the shipping line first, and only a few repeat it on every card of the grid, as the two lines above show.</p>'
		echo '</article></body></html>'
	} >art.html
	run --report=report art.html
	for kept in '^Free shipping$' '^Ways to save$' '^Subject to credit approval.$' '^Printed only for the editors.$' '^Which line do you read first?$'; do
		expect_grep out "$kept"
	done
	expect_no_grep out 'does not support the video'
	! report_rules report | grep -qx 'card-offers\|display-none-class\|card-variant-picker\|financing-offer' ||
		die "a collection rule ran on an article"
}

# a short product name leads its priced card: it stays; the card's other
# short links (swatches before it, a button after the price, a badge before
# a long name) go
t_short_names() {
	d=$F/html-collection-short-names
	run --report=report "$d/input.html"
	expect_same out "$d/expected.txt"
	for kept in '^Rejoy$' '^Airconic$' '^Sonic$' '^Hypersonic$' '^Bon Air$' '^Curio$' \
		'^Roamwell Classic Hardside Carry-On$' '^\$79.99$' '^\$109.99$'; do
		expect_grep out "$kept"
	done
	expect_none out 'More' 'Shop now'
	expect_no_grep out '^New$'
	[ "$(report_rules report | grep -cx main-content)" -ge 12 ] || die "main-content should take the swatches, buttons and badges"
}

t "trap: card pickers, hidden lines and offer lines go; the grid and sentences stay" t_trap
t "collection: variant pickers and hidden descriptions go, names stay (real pages)" t_real
t "collection rules stay off articles; a video's fallback goes there too" t_scope
t "collection: a short product name leading its priced card stays; its swatch, button and badge links go" t_short_names

echo "1..$n"
