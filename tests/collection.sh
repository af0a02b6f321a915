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

# block-twice: a price written as a regular and a sale price goes, a removed
# label between them aside; the same name and price on another card, and a
# table's "Yes" in cell after cell, stay. A long paragraph written twice in a
# row (a phone's and a desktop's copy) comes out once.
t_said_twice() {
	d=$F/trap-collection-said-twice
	run --report=report "$d/input.html"
	expect_same out "$d/expected.txt"
	hits block-twice 1
	[ "$(grep -cx 'Yes' out)" = 5 ] || die "the table's Yes cells should stay"
	[ "$(grep -cx 'Midnight Roast' out)" = 3 ] || die "a name on another card should stay"
	p='<p>Every bag is roasted on a Tuesday or a Thursday in our drum roaster, rested for a day so the gases settle, and packed with a one-way valve that lets the coffee breathe without letting the air in. Grind it just before you brew, keep it in a cool cupboard, and drink it within a month of the roast date printed on the bag.</p>'
	{
		echo '<!doctype html><html lang="en"><head><title>Coffee | Night Owl Roasters</title></head><body><main><h1>Coffee</h1><ul class="product-grid">'
		for i in 0 1 2 3 4 5 6 7 8 9 10 11; do
			echo "<li class=\"card\"><h3><a href=\"/p/$i\">Roast number $i</a></h3><p>\$1$i.00</p></li>"
		done
		echo "</ul><div class=\"seo-copy seo-copy--mobile\">$p</div><div class=\"seo-copy seo-copy--desktop\">$p</div></main></body></html>"
	} >long.html
	run --format=html --report=report long.html
	[ "$(grep -c '^Every bag is roasted' out)" = 1 ] || die "the paragraph written twice should come out once"
	hits block-twice 1
	expect_grep out '^Roast number 11$'
}

# a card's price with its screen-reader label, read twice: "Sale Price USD
# 55.25 USD 55.25" (Etsy), "Price: €19,90 €19,90"; the amount stays,
# once; two amounts (a sale price and the regular one) stay as they are
t_price_labels() {
	eur=$(printf '\342\202\254')
	printf '%s\n\n' 'Wallets' 'Personalised leather wallet' 'Sale Price USD 55.25 USD 55.25' \
		'Slim card holder' "Price: ${eur}19,90 ${eur}19,90" 'Bifold wallet' \
		'Sale Price USD 39.90 USD 45.00' >p.txt
	run --page-type=collection --report=report p.txt
	expect_rc 0
	expect_grep out '^USD 55.25$'
	expect_grep out "^${eur}19,90$"
	expect_grep out '^Sale Price USD 39.90 USD 45.00$'
	hits price-read-twice 2
}

# a box of suggested searches under a grid goes; one holding prose (an
# article's section on them) and a shop's "Trending searches" stay
t_search_suggestions() {
	{
		echo '<html><body><main><h1>Climbing shoes</h1><ul>'
		for i in 1 2 3 4 5 6; do
			echo "<li class=\"card\"><h3><a href=\"/p/$i\">Crag shoe $i</a></h3><p>\$1${i}9.00</p></li>"
		done
		echo '</ul><div><h2>Related searches</h2><ul><li><a href="/s/1">Men'"'"'s Footwear: Deals</a></li>'
		echo '<li><a href="/s/2">Approach shoes</a></li></ul></div>'
		echo '<div><h2>Trending searches</h2><ul><li><a href="/s/3">Chalk bags</a></li></ul></div>'
		echo '<section><div><h3>People also search for</h3><p>Shoppers who look at climbing shoes also look for chalk, for ropes and for the harnesses that go with them, as our data shows.</p></div></section>'
		echo '</main></body></html>'
	} >shoes.html
	run --report=report shoes.html
	expect_rc 0
	expect_grep out '^Crag shoe 6$'
	expect_no_grep out 'Approach shoes'
	expect_no_grep out 'Related searches'
	expect_grep out '^Trending searches$'
	expect_grep out 'Shoppers who look at climbing shoes'
	hits search-suggestions 1
	d=$F/real-html-collection-related-searches
	run "$d/input.html"
	expect_same out "$d/expected.txt"
	expect_no_grep out '^Waterproof Trail-Running Shoes$'
}

t "trap: card pickers, hidden lines and offer lines go; the grid and sentences stay" t_trap
t "collection: variant pickers and hidden descriptions go, names stay (real pages)" t_real
t "collection rules stay off articles; a video's fallback goes there too" t_scope
t "collection: a short product name leading its priced card stays; its swatch, button and badge links go" t_short_names
t "block-twice: a block repeating the kept one before it goes; another card's and a table's repeats stay" t_said_twice
t "a price read twice after its label (Sale Price USD 55.25 USD 55.25) is read once" t_price_labels
t "search-suggestions: a box of links under \"Related searches\" goes; one with prose and \"Trending searches\" stay" t_search_suggestions

echo "1..$n"
