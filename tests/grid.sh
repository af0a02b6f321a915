#!/bin/sh
# tests/grid.sh - main content where it is spread or hemmed in: in text,
# the footer after a copyright notice, one-token lines, datelines and
# teaser lists (cleaner/textshapes.c); in HTML, a grid of sections, a
# service page's parts, and a <header> that holds the article. TAP output;
# see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# text ARGS: clean page.txt as flattened text
text() {
	run --format=text page.txt "$@"
	expect_rc 0
}

# paras N WORD: N paragraphs of article prose, lynx-indented, blank-separated
paras() {
	i=1
	while [ "$i" -le "$1" ]; do
		printf '   %s paragraph %s of the story tells what happened, and it has the commas and the small words that prose has in it.\n\n' "$2" "$i"
		i=$((i + 1))
	done
}

# ---- a shop's grid with no prose --------------------------------------------

# shop_grid PRICES: a flattened category page, its menu and footer around
# five cards (a name twice, then a price when PRICES is 1), no prose
shop_grid() {
	printf '   Skip to main content\n     * Helmets\n     * Shoes\n     * Apparel\n\n'
	printf '   Sign In. Ship Free. Log In Now\n\nLights\n\n   5 Results\n   (BUTTON) Sort\n'
	for n in "Roc Loc 5 LED Light" "Caden Helmet Vent Light" "Scamp II Helmet Vent Light" \
		"Sport Helmet Vent Light" "Register II Helmet Light"; do
		printf '   %s\n   %s\n' "$n" "$n"
		if [ "$1" = 1 ]; then printf '   $%s.95\n' $((20 + ${#n})); fi
	done
	printf '\n   Newsletter\n   Sign up and get 15%% off.\n   About\n     * Careers\n'
	printf '     * Help Center\n     * Returns\n   Privacy Policy Legal Terms\n'
}

t_grid_no_prose() {
	shop_grid 1 >page.txt
	text
	expect_grep out '^   Caden Helmet Vent Light$'
	expect_grep out '^   \$44\.95$'
	expect_no_grep out 'Helmets'
	expect_no_grep out 'Sign In'
	expect_no_grep out 'Help Center'
	text --explain
	expect_grep out 'no prose, a grid of cards'
	# the real page: Giro's six lights, the menus and filters around them
	run "$F/real-text-collection-no-prose-lynx-80/input.txt"
	expect_grep out 'Scamp II Helmet Vent Light'
	expect_no_grep out 'Refine by Price'
	expect_no_grep out 'Freeride All Mountain'
	# trap: no price under the names: nothing says they are the content
	shop_grid 0 >page.txt
	text
	expect_grep out 'Helmets'
	expect_grep out 'Help Center'
}
t "a shop's grid of five priced cards and no prose is the body; names without prices are not" t_grid_no_prose

# ---- a script printed as text ----------------------------------------------

# A product's page whose dump prints an inline script as a paragraph; its
# keywords (if, for, in, this) read as function words
t_script_text() {
	{
		printf 'Trail Lantern 300 - Example Outdoor\n\n   Home > Camping > Lights\n\n'
		i=0
		while [ $i -lt 24 ]; do
			printf '   if (a.is && b.to) { return this.of(a); } else { for (var i in a) { if\n'
			printf '   (a[i] === b) return i; a.the = b.and; } }; var c = a.it || {};\n'
			i=$((i + 1))
		done
		printf '\nAbout this item\n\n'
		printf '   The Trail Lantern 300 gives three hundred lumens of warm light for up to\n'
		printf '   forty hours on one charge, and it folds flat so that it fits into the\n'
		printf '   side pocket of any pack.\n\n   Add to cart\n   $49.95\n'
	} >page.txt
	text
	expect_grep out 'forty hours on one charge'
	expect_no_grep out 'return this'
	# a manual's line of code is no script: it stays with the manual
	{
		printf 'Installation\n\n'
		printf '   Install the package with your package manager, then add the plugin to the\n'
		printf '   configuration file that the build tool reads when it starts up.\n\n'
		printf '   <link href="/src/style.css" rel="stylesheet"><meta charset="UTF-8">\n\n'
		printf '   Start the build tool, and it will rebuild your styles whenever one of the\n'
		printf '   templates that use them changes on the disk, which takes a moment.\n'
	} >page.txt
	text
	expect_grep out 'rel="stylesheet"'
}
t "a script a dump prints as a paragraph is no prose; a manual's line of code stays" t_script_text

# ---- copyright notices -----------------------------------------------------

t_copyright_real() {
	run "$F/real-text-albawaba-copyright/input.txt"
	expect_rc 0
	expect_grep out 'Eva-Marie Persson'
	expect_no_grep out 'All rights reserved'
	expect_no_grep out 'You may also like'
	expect_no_grep out 'exclusive celeb scoops'
}
t "a copyright notice after the article closes it: what follows is footer" t_copyright_real

t_photo_credit() {
	{
		echo 'Harbour ferry fares rise'
		echo
		paras 3 Early
		echo '   © Reuters'
		echo
		paras 3 Later
		echo '   © 2024 Harbour Times Ltd'
		echo
		echo '   Fares, parking and the cost of living in the harbour district, from readers who wrote to the editor, in a box of letters.'
	} >page.txt
	text
	expect_grep out 'Later paragraph 3 of the story'
	expect_no_grep out 'Harbour Times Ltd'
	expect_no_grep out 'box of letters'
}
t "trap: an undated photo credit (© Reuters) does not end the article; the dated notice does" t_photo_credit

t_menu_copyright() {
	{
		for m in Home World Business Science Culture Sport Contact; do
			echo "     * $m"
		done
		echo '   © 2024 Example Media. All rights reserved.'
		echo
		echo 'Europa has water plumes'
		echo
		paras 3 Short
	} >page.txt
	text
	expect_grep out 'Short paragraph 1 of the story'
	expect_grep out 'Short paragraph 3 of the story'
}
t "trap: a copyright line in a menu before a short article closes nothing" t_menu_copyright

t_copyright_prose() {
	{
		echo 'Court rules on song lyrics'
		echo
		paras 3 Early
		echo '   Copyright in the lyrics, the court said in its 2019 ruling, belongs to the writers and not to the label, which had argued for years that it held every right to them.'
		echo
		paras 2 Later
	} >page.txt
	text
	expect_grep out 'Copyright in the lyrics'
	expect_grep out 'Later paragraph 2 of the story'
}
t "trap: a sentence about copyright is prose, not a notice" t_copyright_prose

# ---- one-token lines --------------------------------------------------------

t_url_line_real() {
	run "$F/real-text-paradigm-iframe-url/input.txt"
	expect_rc 0
	expect_grep out 'Ahmad Lawan'
	expect_no_grep out 'IFRAME: http'
}
t "a line that is one long URL is not prose" t_url_line_real

t_cjk_line() {
	{
		echo '港の渡し船の運賃'
		echo
		echo '   港の渡し船の運賃は四月から平均八パーセント上がると交通局は火曜日に発表した。燃料と保険の費用が上がったためで、四年ぶりの値上げとなる。通勤者の団体は、西の航路が十一月から時刻表の半分しか運航していないのに値上げするのは時期が悪いと話した。'
		echo
		echo '   交通局によると、修理中の船は三月に戻り、その後は西の航路も元の時刻表どおりに運航する。学生と年金生活者の割引は続き、公開の説明会が来月開かれる。'
	} >page.txt
	text
	expect_grep out '燃料と保険の費用'
	expect_grep out '公開の説明会'
}
t "trap: prose without blanks (Japanese) is no one-token line" t_cjk_line

t_url_in_sentence() {
	{
		echo 'A report on ferries'
		echo
		paras 2 Early
		echo '   The full report, with the tables, is at https://example.org/reports/2024/harbour-ferries-fares-and-timetables.pdf for anyone to read.'
		echo
		paras 2 Later
	} >page.txt
	text
	expect_grep out 'The full report, with the tables'
}
t "trap: a sentence holding a URL is prose" t_url_in_sentence

# ---- datelines and comment stamps -------------------------------------------

t_dateline() {
	{
		for m in Home World Business; do
			echo "     * $m"
		done
		echo
		echo 'Senate adjourns over deaths of two members'
		echo
		echo '   October 9, 2018 at 4:35 pm'
		echo
		paras 4 Body
	} >page.txt
	text
	expect_grep out 'October 9, 2018 at 4:35 pm'
	expect_grep out 'Body paragraph 1 of the story'
	expect_grep out 'Body paragraph 4 of the story'
}
t "a lone time stamp is the article's dateline, kept with it" t_dateline

t_comment_stamps() {
	{
		echo 'Senate adjourns over deaths of two members'
		echo
		paras 5 Body
		for who in Ann Bob Cid; do
			echo "   $who"
			echo "   October 10, 2018 at 9:1$((${#who})) am"
			echo "   I read this and I think $who has a view on it, which is that the senate was right to adjourn for the day."
			echo
		done
	} >page.txt
	text
	expect_grep out 'Body paragraph 5 of the story'
	expect_no_grep out 'October 10, 2018'
	expect_no_grep out 'has a view on it'
}
t "trap: time stamps close together still head readers' comments" t_comment_stamps

# ---- teaser lists -------------------------------------------------------------

t_teasers_real() {
	run "$F/real-text-cbssports-teasers/input.txt"
	expect_rc 0
	expect_grep out 'Myles Garrett'
	expect_no_grep out 'Pick Six Newsletter'
	expect_no_grep out 'processing your subscription'
}
t "a teaser list (headlines with one-line blurbs) after the article goes" t_teasers_real

t_teasers_made() {
	{
		echo 'Harbour ferry fares rise'
		echo
		paras 6 Body
		echo 'More from the harbour'
		echo
		for s in 'New bridge opens to traffic' 'Fish market moves to the quay' 'Lighthouse gets a new keeper'; do
			echo "$s"
			echo "   What happened at the harbour this week, in one line that reads like a sentence."
			echo
		done
	} >page.txt
	text
	expect_grep out 'Body paragraph 6 of the story'
	expect_no_grep out 'Fish market moves'
	expect_no_grep out 'in one line that reads'
}
t "three headline-and-blurb pairs in a row are a teaser list, not prose" t_teasers_made

t_sections_not_teasers() {
	{
		echo 'Five mistakes with a new espresso machine'
		echo
		for s in 'The grind is too coarse' 'The beans are too old' 'The machine is still cold'; do
			echo "$s"
			echo
			echo "   Most first shots taste sour when this happens, and it is rarely the fault of the machine itself."
			echo "   The fix takes a minute, and the next shot is better, as anyone who tried it will tell you."
			echo
		done
	} >page.txt
	text
	expect_grep out 'The beans are too old'
	expect_grep out 'The machine is still cold'
	expect_grep out 'The fix takes a minute'
}
t "trap: subheadings each with a paragraph of two lines are the article" t_sections_not_teasers

t_ad_labels_not_teasers() {
	run "$F/variant-ad-labels/input.txt"
	expect_rc 0
	expect_grep out 'Fares on the city'
	expect_grep out 'Commuter groups said'
}
t "trap: ad labels between short paragraphs are no teaser list" t_ad_labels_not_teasers

# ---- HTML: grids of sections, service pages, headers --------------------------

# An article whose JSON-LD articleBody is its first card (two paragraphs:
# the probes need two blocks): the other steps are sibling cards of one
# class, each under a quarter of the prose.
ld_article() {
	echo '<html><head><title>Gift subscriptions</title><script type="application/ld+json">'
	echo '{"@context":"https://schema.org","@type":"Article","headline":"Gift subscriptions",'
	echo '"articleBody":"The first box brings three novels a month, chosen by booksellers, with a letter about why they were picked. The first box costs about twenty dollars a month, ships anywhere in the country, and can be paused at any time."}'
	echo '</script></head><body><nav><a href="/">Home</a> <a href="/gifts">Gifts</a></nav><main><div class="cards">'
}
card() { # NAME [PARAGRAPHS]
	echo "<div class=\"card\"><h2>The $1 box</h2><p>The $1 box brings three novels a month, chosen by booksellers, with a letter about why they were picked.</p>"
	echo "<p>The $1 box costs about twenty dollars a month, ships anywhere in the country, and can be paused at any time.</p>"
	i=1
	while [ "$i" -le "${2:-0}" ]; do
		echo "<p>More about the $1 box, part $i: it comes wrapped, with a card, and the books are new hardbacks.</p>"
		i=$((i + 1))
	done
	echo '</div>'
}

t_section_grid() {
	{
		ld_article
		for b in first second third fourth; do
			card $b
		done
		echo '</div></main><footer><p>Example Media, all rights reserved, since 2001.</p></footer></body></html>'
	} >page.html
	run page.html
	expect_rc 0
	for b in first second third fourth; do
		expect_grep out "The $b box brings"
	done
	expect_no_grep out 'all rights reserved'
	run --explain page.html
	expect_grep out 'a grid of sections around the pick'
}
t "an article picked as one card of a grid of sections widens to the grid" t_section_grid

t_article_with_teasers() {
	{
		ld_article
		card first 8
		for s in bridge market lighthouse; do
			echo "<div class=\"card\"><h3>The $s story</h3><p>A teaser about the $s, short, but a sentence.</p></div>"
		done
		echo '</div></main></body></html>'
	} >page.html
	run page.html
	expect_rc 0
	expect_grep out 'part 8: it comes wrapped'
	expect_no_grep out 'A teaser about the bridge'
}
t "trap: an article card holding most of the prose does not widen to its teasers" t_article_with_teasers

t_service_real() {
	run "$F/real-html-service-capitalgroup-tools/input.html"
	expect_rc 0
	expect_grep out 'Use this calculator to find out how much money'
	expect_grep out 'Revisit the calculator each year'
	expect_grep out 'not affiliated with American Funds'
}
t "a service page's pick of many paragraphs but under 70% of the prose widens" t_service_real

t_header_prose() {
	run "$F/real-html-article-header-prose/input.html"
	expect_rc 0
	expect_grep out 'Why Financial Planning Matters'
	expect_grep out 'Take the Next Step with Reith'
}
t "a <header> holding long prose is the article, not page furniture" t_header_prose

t_header_banner() {
	cat >page.html <<'EOF'
<html><head><title>Brew Notes</title></head><body>
<header class="site"><a href="/">Brew Notes</a><p>A blog about coffee at home, written in a small kitchen.</p></header>
<article><header><h1>Five mistakes</h1><p>By Ann, May 2024</p></header>
<p>Most first shots taste sour, and it is rarely the machine's fault: the grind is too coarse, so the water runs through in ten seconds instead of thirty.</p>
<p>The second mistake is old beans. Coffee roasted months ago has lost the gas that makes crema, and no setting on the machine brings it back.</p>
</article></body></html>
EOF
	run page.html
	expect_rc 0
	expect_grep out 'The second mistake is old beans'
	expect_no_grep out 'written in a small kitchen'
	expect_no_grep out 'By Ann, May 2024'
}
t "trap: a banner <header> with a short tagline and an article's byline header still go" t_header_banner

t_header_nav() {
	cat >page.html <<'EOF'
<html><head><title>Projector screens</title></head><body>
<header class="top"><div role="navigation"><a href="/">Home</a> <a href="/screens">Screens</a> <a href="/cart">Cart</a></div>
<p>Free shipping on all orders over fifty dollars, to every state, with tracking, and we will still offer other expedited shipping methods, such as three-day, two-day and overnight delivery, for a fee that the checkout shows before you pay anything at all.</p></header>
<main><h1>Native 4K projectors</h1>
<p>A native 4K projector draws every one of its eight million pixels itself, where a shifting projector moves a smaller chip to fake them.</p>
<p>The difference shows on text and fine patterns more than on films, and it matters most on screens of a hundred inches and more.</p></main>
</body></html>
EOF
	run page.html
	expect_rc 0
	expect_grep out 'draws every one of its eight million pixels'
	expect_no_grep out 'Free shipping on all orders'
}
t "trap: a site <header> holding the navigation goes, long notice and all" t_header_nav

echo "1..$n"
