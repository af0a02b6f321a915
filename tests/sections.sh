#!/bin/sh
# tests/sections.sh - main content of pages whose content is many parts:
# service pages of sibling sections, listings and collections of cards,
# and the controls around a grid (rules/listing.rules). TAP output; see
# tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# A service page: five sections of about equal prose, none holding most of
# it, between a menu, a cookie banner and a footer.
service_page() {
	cat <<'EOF'
<!doctype html><html><head><title>Harbour Plumbing | Repairs and installations</title></head><body>
<header><nav><a href="/">Home</a> <a href="/services">Services</a> <a href="/contact">Contact</a></nav></header>
<div class="cookie-consent"><p>This site uses cookies, as almost every site does. <a href="/cookies">Settings</a></p></div>
<div class="wrap">
<section class="hero"><div class="inner"><h1>Plumbing you never have to think about</h1>
<p>We fix leaks, replace boilers and fit bathrooms across the harbour district, with fixed prices and no call-out fee.</p></div></section>
<section class="features"><div class="inner"><h2>Why customers choose us</h2>
<p>Every engineer is certified, carries the common parts in the van, and cleans up before leaving the house.</p></div></section>
<section class="testimonials"><div class="inner"><h2>What people say</h2>
<p>"They came within the hour, found the leak behind the tiles, and the bill was what they had quoted," says a customer.</p></div></section>
<section class="pricing"><div class="inner"><h2>Pricing</h2>
<p>A standard repair costs a fixed sixty pounds, parts included, and a boiler service costs eighty pounds a year.</p></div></section>
<section class="faq"><div class="inner"><h2>Questions</h2>
<p>Do you work at weekends? Yes, on Saturdays from eight until four, and for emergencies on Sundays too.</p></div></section>
</div>
<footer><p>Harbour Plumbing Ltd, registered in England, number 01234567, all rights reserved.</p></footer>
</body></html>
EOF
}

t_service_sections() {
	service_page >page.html
	run page.html
	expect_rc 0
	for s in 'fixed prices and no call-out fee' 'cleans up before leaving' \
	         'the bill was what they had quoted' 'a fixed sixty pounds' 'on Saturdays from eight'; do
		expect_grep out "$s"
	done
	expect_no_grep out 'uses cookies'
	expect_no_grep out 'registered in England'
	expect_no_grep out 'Services'
}
t "a service page keeps every sibling section, not the best one" t_service_sections

# An article of a dozen paragraphs holds the prose; comments with as much
# prose in one block elsewhere do not widen it.
t_article_not_widened() {
	{
		echo '<html><head><title>A long story</title></head><body><div class="page"><div class="story">'
		for i in 0 1 2 3 4 5 6 7 8 9 10 11; do
			echo "<p>Paragraph $i of the story says something long enough, with commas, to count as prose of the article body.</p>"
		done
		echo '</div></div><div class="talk"><div class="note"><p>'
		for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
			printf 'A reader writes at length, and with commas, about the story. '
		done
		echo '</p></div></div></body></html>'
	} >page.html
	run page.html
	expect_rc 0
	expect_grep out 'Paragraph 11 of the story'
	expect_no_grep out 'A reader writes'
}
t "an article's body of many paragraphs is not widened to the comments" t_article_not_widened

# A manual's page as git-scm.com sets it out: each paragraph in its own
# div, a "sectionbody" per heading. The options' list scores best (many
# paragraphs with commas) and holds a third of the prose or more, as an
# article's body would; the other sections beside it are the manual too.
manual_section() {
	echo "<div class=\"sect1\"><h2>$1</h2><div class=\"sectionbody\">"
	for i in 1 2; do
		echo "<div class=\"paragraph\"><p>$1 $i: the tool reads what it is given once, and writes nothing until every file named has been found and checked to exist, so that a run that cannot finish leaves the remote exactly as it was before it started, which is what most people who run it on a schedule expect of it when a disk fills up or the network drops in the middle of a copy of many files.</p></div>"
	done
	echo '</div></div>'
}

t_manual_widened() {
	{
		echo '<html><head><title>tool-sync(1)</title></head><body><div class="side"><ul>'
		for s in Install Configure Reference FAQ; do echo "<li><a href=\"/$s\">$s</a></li>"; done
		echo '</ul></div><div id="main">'
		manual_section DESCRIPTION
		echo '<div class="sect1"><h2>OPTIONS</h2><div class="sectionbody"><div class="dlist"><dl>'
		for i in $(seq 0 79); do
			echo "<dt>--option-$i</dt><dd><div class=\"paragraph\"><p>Option $i changes how files are compared, copied, or reported, and is off.</p></div></dd>"
		done
		echo '</dl></div></div></div>'
		for s in EXAMPLES DISCUSSION FILES ENVIRONMENT HOOKS CONFIGURATION DATES ENCODINGS NOTES; do
			manual_section $s
		done
		echo '</div></body></html>'
	} >page.html
	run --page-type=documentation page.html
	expect_rc 0
	for s in 'Option 79 changes' 'DESCRIPTION 1' 'EXAMPLES 2' 'NOTES 2'; do
		expect_grep out "$s"
	done
	expect_no_grep out 'Configure'
}
t "a manual's list of options is widened to its other sections" t_manual_widened

listing_page() {
	echo '<html><head><title>News</title></head><body><div class="side"><ul>'
	for s in World Business Science Culture Sport; do
		echo "<li><a href=\"/$s\">$s</a></li>"
	done
	echo '</ul></div><div class="list"><h1>Stories of the day</h1>'
	for i in 1 2 3 4 5; do
		echo "<div class=\"item\"><h3><a href=\"/s$i\">Headline number $i of the day</a></h3>"
		echo "<p>Teaser $i: what happened today, told briefly, and why it matters to readers.</p></div>"
	done
	echo '</div></body></html>'
}

t_listing_titles() {
	listing_page >page.html
	run page.html
	expect_rc 0
	expect_grep out 'Headline number 1 of the day'
	expect_grep out 'Headline number 5 of the day'
	expect_grep out 'Teaser 3: what happened'
	expect_no_grep out 'Business'
}
t "a listing keeps its cards' linked titles; a menu of links still goes" t_listing_titles

t_related_grid_goes() {
	run "$F/trap-article-related-grid/input.html"
	expect_rc 0
	expect_grep out 'weekly reservoir figures'
	expect_no_grep out 'old bridge reopens'
	expect_no_grep out 'Drivers will be able to cross'
}
t "a grid of related stories after an article still goes" t_related_grid_goes

# An article written as a <section> a heading (business.com's guides):
# the section listing the picks scores best and holds over half the prose,
# as an article's body would, yet its sibling sections (the other options,
# how to choose) are the article too. $1: what stands beside the sections
# in their container.
sectioned_article() {
	echo '<html><head><title>The best certifications</title><meta property="og:type" content="article"></head><body>'
	echo '<nav><a href="/a">Careers</a> <a href="/b">Finance</a> <a href="/c">Marketing</a></nav>'
	echo '<div class="column"><section id="intro"><p>A certification makes your skills stand out, and it can help you get the right salary in a crowded field.</p></section>'
	echo '<section id="the-best"><h2>The best certifications</h2>'
	for i in $(seq 1 14); do
		echo "<p>Pick $i: a credential for managers, with an exam, a fee, and hours of study behind it.</p>"
	done
	echo '</section>'
	for s in others how-to-choose trends; do
		echo "<section id=\"$s\"><h2>Section $s</h2><p>Section $s says, at some length, what a reader weighs when choosing, and why it matters.</p>"
		echo "<p>Section $s then adds a second thought, with commas, about costs, prerequisites and renewals.</p></section>"
	done
	echo "$1</div><aside><a href=\"/x\">Related: the best loans for a small business</a></aside></body></html>"
}

t_sectioned_article() {
	sectioned_article '' >page.html
	run page.html
	expect_rc 0
	for s in 'Pick 14: a credential' 'Section others says' 'Section trends then adds' \
	         'makes your skills stand out'; do
		expect_grep out "$s"
	done
	expect_no_grep out 'Related: the best loans'
	expect_no_grep out 'Marketing'
}
t "an article of sibling sections keeps every section, not the longest" t_sectioned_article

# trap: readers' comments in a sibling section of the article's container
# stay out (its prose under a third of the pick's)
t_sectioned_article_comments() {
	sectioned_article '<section id="comments"><h2>3 Comments</h2><p>Dana wrote: I took the second one last year, and the exam was harder than the course said.</p><p>Lee wrote: Thanks, this list helped me pick one, though the fees have gone up since.</p></section>' >page.html
	run page.html
	expect_rc 0
	expect_grep out 'Section trends then adds'
	expect_no_grep out 'Dana wrote'
}
t "trap: comments beside an article's sections stay out" t_sectioned_article_comments

# A CMS's article body in a field of its content class, its FAQ in a
# field of another class after it (EDB's blog): the FAQ is the article's,
# as a sibling of a scored pick would be. A ticker of other stories before
# the body, with as much prose, is not.
t_content_class_faq() {
	{
		echo '<html><head><title>Tuning a database</title><meta property="og:type" content="article"></head><body><div class="node">'
		echo '<div class="ticker"><p>Elsewhere: the city council votes on the budget today, and the mayor expects it to pass.</p><p>Elsewhere: a storm is due on the coast tonight, with winds of up to eighty miles an hour.</p></div>'
		echo '<div class="entry-content">'
		for i in 1 2 3 4 5 6; do
			echo "<p>Step $i of tuning: measure first, change one setting, and measure again before the next.</p>"
		done
		echo '</div><div class="field-sections"><h2>Tuning: FAQs</h2>'
		echo '<h3>What is tuning?</h3><p>Tuning is adjusting settings, indexes and queries until the database answers fast enough.</p>'
		echo '<h3>How often should I tune?</h3><p>Whenever the load changes, and at least once a year, after a look at the slowest queries.</p></div>'
		echo '</div><footer><p>Copyright 2026 The Database Company, all rights reserved.</p></footer></body></html>'
	} >page.html
	run page.html
	expect_rc 0
	expect_grep out 'Step 6 of tuning'
	expect_grep out 'Tuning is adjusting settings'
	expect_grep out 'at least once a year'
	expect_no_grep out 'Elsewhere'
}
t "an article's FAQ after its content-class body is the article's; a ticker before it is not" t_content_class_faq

# A shop's category served as a script's shell: no prose, no card, only
# the site's menu shows. It is no content: the text is the title alone,
# and the warning says nothing was kept. A grid of priced cards with no
# prose stays (its prices are no links).
t_menu_shell() {
	cat >page.html <<'EOF'
<html><head><title>Mesh Office Chairs | Shop</title></head><body>
<header><div class="logo"><a href="/">Shop</a></div></header>
<div class="menu"><ul><li><a href="/desks">Desks</a></li><li><a href="/chairs">Chairs</a></li>
<li><a href="/storage">Storage</a></li><li><a href="/sale">Sale</a></li></ul></div>
<div id="app"></div><script>window.render()</script></body></html>
EOF
	run page.html
	expect_rc 0
	expect_no_grep out 'Chairs$'
	expect_grep out 'Mesh Office Chairs'
	expect_grep err 'nothing kept'
	cat >page.html <<'EOF'
<html><head><title>Mesh Office Chairs | Shop</title></head><body>
<div class="menu"><ul><li><a href="/desks">Desks</a></li><li><a href="/chairs">Chairs</a></li></ul></div>
<div class="grid"><div class="card"><a href="/p1">Ergo Mesh Chair</a><span class="price">$199</span></div>
<div class="card"><a href="/p2">Task Mesh Chair</a><span class="price">$149</span></div>
<div class="card"><a href="/p3">Tall Mesh Chair</a><span class="price">$249</span></div></div></body></html>
EOF
	run page.html
	expect_rc 0
	expect_grep out 'Task Mesh Chair'
	expect_grep out '\$149'
}
t "a shell that shows only a menu's links comes out empty, with a warning; a grid of priced cards stays" t_menu_shell

t_facets() {
	cat >page.html <<'EOF'
<html><head><title>Tents</title></head><body><main><h1>Tents</h1>
<p>Tents for two to six people, for summer camping and for mountain weather alike.</p>
<div class="filters"><h2>Brand</h2><label><input type="checkbox"> Peak (4)</label><span>Canvas Co (7)</span></div>
<div class="filters-note"><p>Our filters and sort order are explained in the buying guide, which covers sizes.</p></div>
<div class="sort-by"><select><option>Price</option></select><span>Sort by: Price</span></div>
<p>Showing 1–6 of 12 products</p>
<ul><li><a href="/t1">Peak Two tent</a><p>$120, two people, 2.1 kg, for three seasons</p></li>
<li><a href="/t2">Peak Four tent</a><p>$180, four people, 4.5 kg, with a porch for boots</p></li>
<li><a href="/t3">Canvas Bell tent</a><p>$420, six people, cotton canvas, for summer fields</p></li>
<li><a href="/t4">Ridge Solo tent</a><p>$95, one person, 1.2 kg, packs to the size of a loaf</p></li>
<li><a href="/t5">Storm Dome tent</a><p>$260, three people, 3.1 kg, for wind and snow</p></li>
<li><a href="/t6">Family Cabin tent</a><p>$340, six people, two rooms, stands up in minutes</p></li></ul>
<p><a href="?p=2">Load more</a></p>
<p>Sort by size before you compare the results: a tent that is too small is no bargain.</p>
</main></body></html>
EOF
	run --report=rep.txt page.html
	expect_rc 0
	expect_no_grep out 'Canvas Co (7)'
	expect_no_grep out 'Sort by: Price'
	expect_no_grep out 'Showing 1'
	expect_no_grep out 'Load more'
	expect_grep out 'explained in the buying guide'
	expect_grep out 'Sort by size before you compare'
	expect_grep out 'Peak Two tent'
	report_rules rep.txt >ids
	expect_grep ids '^facet-panel$'
	expect_grep ids '^grid-controls$'
}
t "facet and sort panels and grid controls go; a named panel without controls and sentences stay" t_facets

# A service page whose offerings are promotion components (AEM's
# "cmp-promo": a heading, a blurb, "Find out more"): on a service page
# they are its content; an article's promotion box still goes (promo-name).
t_promo_offerings() {
	{
		echo '<!doctype html><html><head><title>Services | Example Advisory</title></head><body>'
		echo '<header><nav><a href="/">Home</a> <a href="/services">Services</a></nav></header><main>'
		echo '<h1>Vast services. Real results.</h1><p>Whether you are starting up or in the Fortune 500, tap into our broad range of services.</p>'
		for s in Audit Assurance Tax Consulting Cyber Strategy; do
			echo "<section class=\"promo\"><a class=\"cmp-promo\" href=\"/$s\"><div class=\"cmp-promo__content\"><h3>$s</h3>"
			echo "<div class=\"cmp-promo__content__desc\">Our $s team helps your business make decisions with deep knowledge and the data to back them.</div>"
			echo '<div class="cmp-promo__content__link-label">Find out more</div></div></a></section>'
		done
		echo '</main><footer><p>Example Advisory LLP, all rights reserved.</p></footer></body></html>'
	} >svc.html
	run --page-type=service svc.html
	expect_rc 0
	expect_grep out 'Our Cyber team helps your business'
	expect_grep out 'Our Audit team helps'
	{
		echo '<!doctype html><html><head><title>The council opens a library</title></head><body><article>'
		echo '<h1>The council opens a library</h1>'
		for i in 1 2 3 4; do
			echo "<p>The council said on Monday that the new library on Harbour Street would open on weekends from March, after students asked for a quiet place ($i).</p>"
		done
		echo '<div class="promo-box"><p>Subscribe today and get three months of the paper for the price of one.</p></div>'
		echo '</article></body></html>'
	} >art.html
	run art.html
	expect_rc 0
	expect_grep out 'a quiet place (4)'
	expect_no_grep out 'Subscribe today'
	run --report=- --report-format=json -o /dev/null art.html
	expect_grep out '"promo-name"'
}
t "a service page's promotion components are its offerings; an article's promotion box goes (promo-name)" t_promo_offerings

echo "1..$n"
