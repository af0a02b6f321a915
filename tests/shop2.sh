#!/bin/sh
# tests/shop2.sh - card grids, shop widgets and the buy button (issue 11,
# second round) through the CLI: card headers kept in grids and dropped on
# forums, links hidden from screen readers only, shop widgets' repeated
# lines, screen-reader price labels and sidebars, the buy-button page-type
# signal, closed tab, accordion and FAQ panels kept by `hidden`, a product's
# specifications table beside the box main content picks, priced cards
# after a buy button or under a recommendation heading read as related
# products, not a collection; product comparison boxes, placeholder copy.
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

t_reader_labels() {
	run "$F/html-shop-reader-labels/input.html"
	expect_rc 0
	expect_none out 'Regular price' 'Sale price' 'Unit price' 'Best seller' 'New arrival' 'Top rated' 'reviews'
	expect_grep out '^\$24.00 \$19.00$'
	expect_grep out '^\$18.50$'
	expect_grep out '^Campfire Red Mug$'
	# what tells about the product stays
	expect_grep out '^Sold out$'
	expect_grep out '^3 colors$'
	# a sidebar by name goes, a layout switch named after one stays
	expect_none out 'Popular right now' 'most-loved camp gear'
	expect_grep out '^Free engraving on every mug.$'
}

t_reader_labels_switch() {
	printf 'disable shop-reader-labels\ndisable shop-repeats\ndisable shop-sidebar\n' >keep.rules
	run --rules keep.rules "$F/html-shop-reader-labels/input.html"
	expect_rc 0
	expect_grep out '^Regular price \$24.00 Sale price \$19.00$'
	expect_grep out '^Unit price / per$'
	expect_grep out '^(18) 18 reviews$'
	expect_grep out '^Popular right now$'
}

t_reader_labels_trap() {
	run "$F/trap-reader-labels-table/input.html"
	expect_rc 0
	expect_grep out '^Regular price$'
	expect_grep out '^Sale price$'
	expect_grep out '^Sale price: \$39.00$'
	expect_grep out '^The regular price \$45 is back in April.$'
	expect_grep out '^Best seller of the season among our lights'
	run --report=- -o /dev/null "$F/trap-reader-labels-table/input.html"
	report_rules out >rules
	if grep -q '^shop-' rules; then die "a shop rule fired: $(grep '^shop-' rules)"; fi
}

t_shop_rules_not_on_articles() {
	# the same badge lines on an article page are not a shop's
	cat >a.html <<'HTML'
<html><head><title>Our readers' picks</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Our readers' picks"}</script></head><body><article><h1>Our readers' picks</h1>
<p>Every year we ask readers which books they gave most often. The answers surprised us again.</p>
<h2>Best seller</h2><p>The novel that topped the list is a quiet story about a lighthouse keeper.</p>
<p>Regular price $20 at most shops.</p></article></body></html>
HTML
	run --format=html --explain a.html
	expect_grep out '^page type: article'
	run --format=html a.html
	expect_rc 0
	expect_grep out '^Best seller$'
	expect_grep out '^Regular price \$20 at most shops.$'
}

t_buy_button_real() {
	run --explain "$F/real-html-product-buy-button/input.html"
	expect_rc 0
	expect_grep out '^page type: product; signals: .*buy-button +5 product'
}

t_buy_button_grid() {
	run --explain "$F/trap-buy-buttons-grid/input.html"
	expect_rc 0
	expect_grep out '^page type: collection;'
	if grep -q '^page type:.*buy-button' out; then die "buy-button fired on a grid"; fi
}

# a page with N buy buttons of one kind and nothing else a shop has
buttons_page() {
	printf '<html><body><h1>Walnut desk</h1><p>A desk of solid walnut, oiled by hand.</p>\n'
	_i=0
	while [ "$_i" -lt "$1" ]; do
		printf '%s\n' "$2"
		_i=$((_i + 1))
	done
	printf '</body></html>\n'
}

t_buy_button_kinds() {
	for b in '<button class="single_add_to_cart_button">Add</button>' \
		'<input type="submit" name="submit.buy-now" value="Go">' \
		'<button id="AddToBag">Bag it</button>'; do
		buttons_page 1 "$b" >p.html
		run --format=html --explain p.html
		expect_grep out '^page type: product; signals: buy-button +5 product'
	done
	# a hidden input, a link and a plain button with other words say nothing
	for b in '<input type="hidden" name="addToCartPostYn" value="Y">' \
		'<a class="add-to-cart" href="/cart">Cart</a>' '<button class="menu-toggle">Menu</button>'; do
		buttons_page 1 "$b" >p.html
		run --format=html --explain p.html
		if grep -q 'buy-button' out; then die "buy-button fired on: $b"; fi
	done
	# five are a grid's, not one product's
	buttons_page 5 '<button class="add-to-cart">Add</button>' >p.html
	run --format=html --explain p.html
	if grep -q 'buy-button' out; then die "buy-button fired on five buttons"; fi
}

t_hidden_panels_kept() {
	run "$F/html-hidden-panels/input.html"
	expect_rc 0
	expect_same out "$F/html-hidden-panels/expected.txt"
	# closed panels: a tab pane, a tabpanel, a FAQ answer, a collapse
	expect_grep out '^51 cm$'
	expect_grep out '^Wash by hand with hot water'
	expect_grep out '^Yes: the flat side sits evenly on induction'
	expect_grep out '^Yes, up to 260'
	# hidden boxes that are no panels still go
	expect_none out 'Welcome back' 'Choose the store nearest' 'Opens in a new window'
}

t_hidden_panels_real() {
	run "$F/real-html-product-collapsed-panels/input.html"
	expect_rc 0
	expect_same out "$F/real-html-product-collapsed-panels/expected.txt"
	expect_grep out '^All orders are inspected by hand in our New Jersey warehouse'
	run "$F/real-html-product-faq-answers/input.html"
	expect_rc 0
	expect_same out "$F/real-html-product-faq-answers/expected.txt"
	expect_grep out '^A: Yes, you have 30 days to change your mind.$'
}

t_specs_beside_pick() {
	run "$F/real-html-product-specs-tab/input.html"
	expect_rc 0
	expect_same out "$F/real-html-product-specs-tab/expected.txt"
	expect_grep out '^Chipset Manufacturer$'
	expect_grep out '^2550 MHz$'
	expect_grep out '^90YV0KB3-M0AA00$'
	run --explain "$F/real-html-product-specs-tab/input.html"
	expect_grep out "product page: the pick, the product's name and specifications"
}

t_main_narrow() {
	run "$F/html-product-main-narrow/input.html"
	expect_rc 0
	expect_grep out '^Every tote is numbered inside the pocket'
	expect_grep out '^Made in Portland, Oregon$'
	if grep -q 'What our customers say\|Why Northwind' out; then die "the boxes beside the product stayed"; fi
	run --explain "$F/html-product-main-narrow/input.html"
	expect_grep out "product page: the box in <main> around the product's name"
	# an article's <main> is its body: no narrowing off a product page
	grep -v 'og:type\|application/ld+json\|schema.org\|"offers"\|^</script>' \
		"$F/html-product-main-narrow/input.html" >a.html
	run --format=html --explain a.html
	expect_grep out '^page type: article'
	run --format=html a.html
	expect_grep out '^What our customers say$'
}

t_main_narrow_trap() {
	run "$F/trap-product-main-description-apart/input.html"
	expect_rc 0
	expect_grep out '^The Alder pairs a rock plate'
	expect_grep out '^Stack height$'
	run --explain "$F/trap-product-main-description-apart/input.html"
	expect_grep out '^main content: rule main-content chose body>main (by <main>)'
}

t_specs_not_whole_page() {
	run "$F/trap-product-specs-elsewhere/input.html"
	expect_rc 0
	expect_same out "$F/trap-product-specs-elsewhere/expected.txt"
	expect_none out 'Monday' '10 to 5'
	expect_grep out '^A full-length apron cut from stonewashed'
}

# a page with a priced grid of six cards and one buy button, before or after it
grid_and_button() {
	printf '<html><body><h1>Walnut desk</h1><p>A desk of solid walnut, oiled by hand.</p>\n'
	[ "$1" = before ] && printf '<button class="single_add_to_cart_button">Add to cart</button>\n'
	printf '<div class="grid">\n'
	for _i in 1 2 3 4 5 6; do
		printf '<div class="card"><a href="/p/%s"><h3>Oak stool %s</h3></a><span class="price">$%s0.00</span></div>\n' \
			"$_i" "$_i" "$_i"
	done
	printf '</div>\n'
	[ "$1" = after ] && printf '<button class="single_add_to_cart_button">Add to cart</button>\n'
	printf '</body></html>\n'
}

t_related_cards_product() {
	run --explain "$F/real-html-product-related-cards/input.html"
	expect_rc 0
	expect_grep out '^page type: product;'
	if grep -q '^page type:.*priced-cards' out; then die "priced-cards fired on a carousel"; fi
	run "$F/real-html-product-related-cards/input.html"
	expect_same out "$F/real-html-product-related-cards/expected.txt"
	grid_and_button before >p.html
	run --format=html --explain p.html
	expect_grep out '^page type: product; signals: add-to-cart +5 product, buy-button +5 product;'
}

t_grid_before_button() {
	# the grid comes first: it is the page's, a lone button after it is not
	grid_and_button after >p.html
	run --format=html --explain p.html
	expect_grep out '^page type: collection; signals: priced-cards +7 collection'
}

# a product's name, its description, then a heading ($1, or none) over a
# row of eight priced cards; no buy button (a script draws it)
related_grid() {
	printf '<html><body>'
	[ "$2" = noh1 ] || printf '<h1>Walnut desk</h1>'
	printf '<p>A desk of solid walnut, oiled by hand, with two drawers that run on oak.</p>\n'
	[ -n "$1" ] && printf '<h2>%s</h2>\n' "$1"
	printf '<div class="carousel">\n'
	numbered '<div class="card"><a href="/p/NUM"><h3>Oak stool NUM</h3></a><span class="price">$NUM0.00</span></div>
' 8
	printf '</div></body></html>\n'
}

t_related_carousel_real() {
	run --explain "$F/real-html-product-related-carousel/input.html"
	expect_rc 0
	expect_grep out '^page type: product; signals: related-products +5 product,'
	if grep -q '^page type:.*priced-cards' out; then die "priced-cards fired on a related carousel"; fi
	run "$F/real-html-product-related-carousel/input.html"
	expect_same out "$F/real-html-product-related-carousel/expected.txt"
	expect_none out 'amiibo' 'Regular Price' 'More like this'
	expect_grep out '^Only from Nintendo, this Nintendo Switch - OLED Model'
}

t_related_heading_kinds() {
	for h in 'More like this' 'Related items to explore' 'You may also like' 'Customers also bought'; do
		related_grid "$h" >p.html
		run --format=html --explain p.html
		expect_grep out '^page type: product; signals: related-products +5 product'
	done
	# a category's own heading, no heading, or no <h1> before: a grid
	for h in 'Desks and stools' ''; do
		related_grid "$h" >p.html
		run --format=html --explain p.html
		expect_grep out '^page type: collection; signals: priced-cards +7 collection'
	done
	related_grid 'More like this' noh1 >p.html
	run --format=html --explain p.html
	expect_grep out '^page type: collection; signals: priced-cards +7 collection'
	# a heading that goes on is no carousel's
	related_grid 'Related products for the workshop: our oak range, made since 1978' >p.html
	run --format=html --explain p.html
	expect_grep out '^page type: collection; signals: priced-cards +7 collection'
}

t_product_comparison_real() {
	run "$F/real-html-product-comparison/input.html"
	expect_rc 0
	expect_same out "$F/real-html-product-comparison/expected.txt"
	expect_none out 'Mako Driver Kit' 'Bit Size & Material' 'Form Factor'
	expect_grep out '^Meet the Moray'
	expect_grep out '^Versatile Bit Assortment$'
	run --explain-path 'section[id^=ComponentSectionProductComparison]' "$F/real-html-product-comparison/input.html"
	expect_grep out 'removed by product-comparison (drop)'
}

t_product_comparison_trap() {
	run "$F/trap-product-comparison/input.html"
	expect_rc 0
	expect_same out "$F/trap-product-comparison/expected.txt"
	expect_grep out '^\$48.00 \$36.00$'
	expect_grep out '^Compare to last year'
	# a box headed "Compare all models" goes on a product page...
	sed 's#</main>#<section class="lineup"><h2>Compare all models</h2><p>Harbor Tote: waxed canvas, $36.00. Harbor Duffel: waxed canvas, $88.00. Harbor Pack: nylon, $64.00.</p></section></main>#' \
		"$F/trap-product-comparison/input.html" >p.html
	run --format=html p.html
	expect_none out 'Compare all models' 'Harbor Duffel'
	expect_grep out '^A roomy tote sewn'
	# ...but an article's product comparison table is what it says
	cat >a.html <<'HTML'
<html><head><title>The best totes of 2026</title></head><body><article><h1>The best totes of 2026</h1>
<p>We carried nine totes for a month of commutes, markets and rainy weekends, and weighed what each held against what it cost.</p>
<table class="product-comparison-table"><tr><th>Tote</th><th>Verdict</th></tr>
<tr><td>Harbor Canvas Tote</td><td>Our pick: the waxed canvas shrugged off every storm.</td></tr>
<tr><td>Field Nylon Tote</td><td>Lightest, but its straps dug in under a full load.</td></tr></table>
<p>Our pick held the most and still looked good after a month of rain.</p></article></body></html>
HTML
	run --format=html a.html
	expect_grep out '^Our pick: the waxed canvas shrugged off every storm.$'
}

t_placeholder_text() {
	run "$F/real-html-product-placeholder-text/input.html"
	expect_rc 0
	expect_same out "$F/real-html-product-placeholder-text/expected.txt"
	expect_none out 'Lorem ipsum' 'LOREM ISPUM'
	expect_grep out '^The Ridge is a minimalist, front pocket wallet'
	run "$F/trap-placeholder-text/input.html"
	expect_same out "$F/trap-placeholder-text/expected.txt"
	expect_grep out '^Lorem ipsum is the scrambled Latin of Cicero'
	expect_grep out 'begins "Lorem ipsum dolor sit amet"'
	# not on documentation: a manual may show the filler as an example
	printf '<html><body><main><h1>Text overflow</h1><p>The property clips a paragraph that runs over its box.</p><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p></main></body></html>\n' >d.html
	run --format=html --page-type=documentation d.html
	expect_grep out '^Lorem ipsum dolor sit amet, consectetur adipiscing elit.$'
	run --format=html --page-type=product d.html
	expect_none out 'Lorem ipsum'
	expect_grep out '^The property clips a paragraph'
}

t_delivery_amount() {
	# the point of an amount ends no sentence: the line is still one of delivery
	printf '<html><body><main><h1>Stoneware mug</h1><p>A mug thrown by hand and glazed in a deep blue, for coffee or tea.</p><p>Cost to ship: USD 14.40</p><p>Ships from: Ukraine. Allow two weeks for the kiln.</p></main></body></html>\n' >m.html
	run --format=html --page-type=product m.html
	expect_none out 'Cost to ship'
	expect_grep out '^Ships from: Ukraine. Allow two weeks for the kiln.$'
	expect_grep out '^A mug thrown by hand'
}

# a model's summary of the reviews (Amazon's, Wayfair's) goes as the part
# reviews, in text and HTML; an article quoting the phrase keeps it
t_review_summary() {
	{
		printf 'Walnut Desk Lamp\n\n   $49.95\n   (BUTTON) Add to cart\n\n'
		printf 'Customers say\n\n'
		printf '   Customers praise this lamp for its warm light, its sturdy base and its\n'
		printf '   easy assembly, though some found the switch stiff and the cord short for\n'
		printf '   a desk far from the wall, and a few reported a flicker at low settings.\n'
		printf '   AI-generated from customer reviews\n\n'
		printf 'Description\n\n   A walnut lamp.\n\nSpecifications\n\n   Height: 40 cm\n   Weight: 1.2 kg\n'
	} >lamp.txt
	run --report=report lamp.txt
	expect_rc 0
	expect_no_grep out 'Customers praise'
	expect_grep out 'A walnut lamp'
	run --keep-part=reviews lamp.txt
	expect_grep out 'Customers praise'
	run "$F/real-text-product-review-summary-lynx-80/input.txt"
	expect_same out "$F/real-text-product-review-summary-lynx-80/expected.txt"
	expect_no_grep out 'Customers praise this product'
	printf '<html><body><main><h1>Lamp</h1><p>$49.95</p><button>Add to cart</button><h2>Customers say</h2><p>Customers praise this lamp for its warm light and its sturdy base.</p><p>AI-generated from customer reviews</p><p>A walnut lamp with a brass switch, a linen shade and a cord of two metres.</p></main></body></html>\n' >lamp.html
	run lamp.html
	expect_no_grep out 'Customers praise'
	expect_grep out 'brass switch'
	# one marker alone is no summary: an article's "Customers say"
	printf 'Shop talk\n\n   Customers say the strangest things at the till, and we wrote down the best\n   of them for a year, from the man who wanted a lamp for his cat onwards.\n\nCustomers say\n\n   A woman asked whether the lamps came in quiet.\n' >talk.txt
	run talk.txt
	expect_grep out 'came in quiet'
}

t "collection: headers of sibling <article> cards stay, teasers in aria-hidden links too" t_card_headers_kept
t "forum: card-header drops the poster cards in the posts' headers" t_card_headers_forum
t "a lone <article>'s <header> is still furniture" t_header_single_article
t "shop: screen-reader price labels, badge lines and a sidebar go, prices and names stay" t_reader_labels
t "shop: disable shop-reader-labels, shop-repeats and shop-sidebar keeps them" t_reader_labels_switch
t "trap: price table headings, a label with a colon and sentences stay" t_reader_labels_trap
t "the shop rules do not run on an article page" t_shop_rules_not_on_articles
t "product: one add-to-cart control makes a real shop page a product (buy-button)" t_buy_button_real
t "trap: a grid's add-to-cart buttons, one per card, are no product's" t_buy_button_grid
t "buy-button: buttons and submit inputs by id, name, class; not hidden inputs, links, five" t_buy_button_kinds
t "hidden: closed tab, accordion and FAQ panels stay, other hidden boxes go" t_hidden_panels_kept
t "real product pages: collapsed details and FAQ answers the gold keeps stay" t_hidden_panels_real
t "real product page: main content grows to the specifications table beside its pick" t_specs_beside_pick
t "trap: a table whose box shares only <body> with the pick is not taken" t_specs_not_whole_page
t "product: a <main> pick shrinks to the box around the name holding two thirds of its text" t_main_narrow
t "trap: a description beside the name's box keeps the product's <main> whole" t_main_narrow_trap
t "product: priced cards after the buy button are related products, no collection" t_related_cards_product
t "trap: a priced grid before a lone buy button is still a collection" t_grid_before_button
t "product: priced cards under a heading More like this after the <h1> are related products (related-products)" t_related_carousel_real
t "related-products: recommendation headings vote product; a category's heading, none, or no <h1> leave a collection" t_related_heading_kinds
t "product: a product comparison box goes (product-comparison)" t_product_comparison_real
t "trap: compare-at prices, a heading that goes on, an article's comparison table stay" t_product_comparison_trap
t "placeholder-text: unfilled Lorem ipsum goes; sentences quoting it and documentation keep it" t_placeholder_text
t "shop-delivery: an amount's decimal point ends no sentence" t_delivery_amount
t "review-summary: a model's summary of the reviews goes as the part reviews; one marker alone stays" t_review_summary
echo "1..$n"
