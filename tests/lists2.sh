#!/bin/sh
# tests/lists2.sh - listing and forum pages, second round: rows of links
# on listing pages (cln_link_row), the card and filter rules of
# listing.rules (card-meta, filter-chips), the forum rules of posts.rules
# for poster cards, post headers, post extras and thread pagers, and a
# thread of two posts (MIN_NAMED_FORUM in mainposts.c), through the CLI.
# TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

removed_by() {
	report_rules "$1" | sort -u
}

# a listing page of short lines: cards of a headline, a teaser and the
# given extra line
listing_page() {
	{
		echo '<html><head><title>Blog - The Crumb Lab</title></head><body><main><h1>Blog</h1>'
		for i in 1 2 3 4; do
			echo "<div class=\"card\"><h2><a href=\"/p/$i\">Loaf number $i and what it taught us</a></h2>"
			echo "<p>A week of bakes, weighed and timed, and the one change that made loaf $i rise.</p>"
			echo "<p>$1</p></div>"
		done
		echo '</main></body></html>'
	} >list.html
}

# trap: link rows go, headlines (icon links before them), bylines of two
# links and a row of three long links stay
t_link_rows() {
	run --report=report "$F/trap-listing-link-rows/input.html"
	expect_rc 0
	expect_same out "$F/trap-listing-link-rows/expected.txt"
	for kept in '^Why our bread starter died in the cold snap$' '^Ana Ortiz · Jan 12, 2026$' \
		'^The hydration table we bake by, in full | Every flour'; do
		expect_grep out "$kept"
	done
	for gone in 'Kitchen tools' 'long-proofing'; do
		! grep -q "$gone" out || die "the link row '$gone' stayed"
	done
}

# a directory whose rows of links are most of its text: they are the list
t_link_rows_directory() {
	{
		echo '<html><head><title>Hardware catalogs</title>'
		echo '<script type="application/ld+json">{"@context":"https://schema.org","@type":"ItemList"}</script>'
		echo '</head><body><main><h1>Hardware catalogs</h1>'
		echo '<p>Find item details, images, spec sheets and drawings from the makers and sellers of fasteners, listed by the first letter of what they make.</p>'
		for l in A B C D E F; do
			echo "<h2>$l</h2><p><a href=\"/$l/1\">${l}nchors</a> <a href=\"/$l/2\">${l}dapters</a> <a href=\"/$l/3\">${l}ligners</a> <a href=\"/$l/4\">${l}xles</a></p>"
		done
		echo '</main></body></html>'
	} >dir.html
	run --output-format=json --url=https://example.com/list/hardware dir.html
	expect_grep out '"page_type":{"type":"listing"'
	run --url=https://example.com/list/hardware dir.html
	expect_rc 0
	[ "$(grep -c 'nchors .dapters .ligners .xles$' out)" = 6 ] || die "a row of the directory went"
}

# listing_rule RULE LINE SENTENCE: on a listing page, each card's LINE goes
# by RULE; a card's SENTENCE that starts with the same words stays
listing_rule() {
	listing_page "$2"
	run --report=report list.html
	expect_rc 0
	! grep -qxF "$2" out || die "'$2' stayed"
	removed_by report | grep -qx "$1" || die "$1 removed nothing"
	listing_page "$3"
	run list.html
	[ "$(grep -cxF "$3" out)" = 4 ] || die "'$3' went"
}

# article_untouched RULE LINE: an article's LINE is not RULE's
article_untouched() {
	cat >art.html <<PAGE
<html><head><title>Bread</title></head><body><article><h1>Bread</h1>
<p>The first loaf of the week is always the worst one, because the starter has slept in the fridge for days and needs two feeds before it wakes.</p>
<p>$2</p>
<p>By the third loaf the crumb opens up, the crust browns evenly, and the kitchen smells the way a bakery should in the morning.</p></article></body></html>
PAGE
	run --report=report art.html
	expect_grep out "^$2\$"
	! removed_by report | grep -qx "$1" || die "$1 ran on an article"
}

# card-meta: a reading time alone goes on a listing and on an article; a
# card's date with it stays, and so does an article's dateline with it
t_card_meta() {
	listing_rule card-meta '4 min read' 'Mar 7, 2026 | 4 min read'
	reading_time '4 min read' gone
	reading_time 'Mar 7, 2026 | 4 min read' kept
}

# reading_time LINE gone|kept: an article's LINE under its heading
reading_time() {
	cat >art.html <<PAGE
<html><head><title>Bread</title></head><body><article><h1>Bread</h1>
<p>$1</p>
<p>The first loaf of the week is always the worst one, because the starter has slept in the fridge for days and needs two feeds before it wakes.</p>
<p>By the third loaf the crumb opens up, the crust browns evenly, and the kitchen smells the way a bakery should in the morning.</p></article></body></html>
PAGE
	run art.html
	expect_grep out 'crumb opens up'
	if [ "$2" = gone ]; then ! grep -qxF "$1" out || die "'$1' stayed"
	else grep -qxF "$1" out || die "'$1' went"; fi
}

# card-compare-label: a card's box labelled with its product's name goes;
# a sentence that asks to add a thing to a list stays
t_card_compare_label() {
	listing_rule card-compare-label 'Add Peak Two Tent - 2 Person to Compare' \
		'Add the tent to your list of things to compare before you buy it, as we did.'
}

# card-actions: a card's buttons go on a listing, a sentence with the
# words stays, and an article keeps the line
t_card_actions() {
	listing_rule card-actions 'View profile' 'Apply now if you bake at least twice a week and can send us photos.'
	article_untouched card-actions 'View profile'
}

# filter-chips: the chips of a filter bar go, a sentence using the words stays
t_filter_chips() {
	listing_rule filter-chips 'Language: Any' 'Sort by weight before you compare the loaves, then by time.'
	listing_rule filter-chips 'Page 2' 'Page 2 of the recipe book has the rye loaf, the best one we bake.'
	listing_rule filter-chips "You're currently reading page 1" 'Next page of the menu lists the cakes and the tarts we bake daily.'
}

# trap: poster cards, header lines, signatures and parent previews go;
# the posts (message-userContent) and look-alike sentences stay
t_post_headers() {
	run --report=report "$F/trap-forum-post-headers/input.html"
	expect_rc 0
	expect_same out "$F/trap-forum-post-headers/expected.txt"
	for kept in '^Original post by my sister' '^Last edited by the baker on duty' \
		'^Only hungry. Feed it twice a day' '^It worked: after five days'; do
		expect_grep out "$kept"
	done
	for gone in 'Crumb Enthusiast' 'Lyon' '» ' 'edited 1 time in total' 'slow conversation' \
		'smell goes\.\.\.$'; do
		! grep -q "$gone" out || die "'$gone' is left"
	done
	for r in poster-card post-header post-extras; do
		removed_by report | grep -qx "$r" || die "rule $r removed nothing"
	done
}

# the forum's header lines stay on an article: "by X » date" is its byline
t_post_header_scope() {
	cat >art.html <<'PAGE'
<html><head><title>Rye</title></head><body><article><h1>Rye</h1>
<p>by Ana &raquo; Tue Aug 27, 2019 1:47 am</p>
<p>Rye flour holds more water than wheat, so a rye dough feels sticky long after a wheat dough would have come together in the bowl.</p>
<p>Thanks to its pentosans, a rye loaf keeps moist for a week, and it tastes better on the third day than on the first.</p></article></body></html>
PAGE
	run art.html
	expect_rc 0
	expect_grep out '^by Ana » Tue Aug 27, 2019 1:47 am$'
}

# thread-pages: a forum's pager goes, a post's sentence about pages stays
t_thread_pages() {
	sed 's|</h1>|</h1><p class="pages">Pages: 1 2 Next</p>|; s|It worked: after|Page 2 of the manual says it worked: after|' \
		"$F/trap-forum-post-headers/input.html" >f.html
	run --report=report f.html
	expect_rc 0
	! grep -q '^Pages: 1 2 Next$' out || die "the pager stayed"
	expect_grep out '^Page 2 of the manual says'
	removed_by report | grep -qx thread-pages || die "thread-pages removed nothing"
}

# reply-box: a Q&A page's reply box labels go; post-header: a quote's
# "Originally Posted by X" goes, the quote stays; doc-page-tools leaves a
# post's "Last edited by X (date)"
t_reply_box() {
	sed 's|<p>It worked: after|<div class="quote"><p>Originally Posted by levain_lou</p><p>Feed it twice a day.</p></div><p>It worked: after|
s|doubles in six hours.</p>|&<p class="edit">Last edited by ryeflour (2019-08-28 09:41:07)</p>|
s|^</div>$|<form><p>Your Answer</p><p>Sign up using Google</p><p>Post as a guest</p></form></div>|' \
		"$F/trap-forum-post-headers/input.html" >f.html
	run --report=report f.html
	expect_rc 0
	for gone in 'Your Answer' 'Sign up using Google' 'Post as a guest' 'Originally Posted by'; do
		! grep -q "$gone" out || die "'$gone' is left"
	done
	expect_grep out '^Feed it twice a day.$'
	expect_grep out '^Last edited by ryeflour (2019-08-28 09:41:07)$'
	removed_by report | grep -qx reply-box || die "reply-box removed nothing"
}

# a thread of two posts named by class only: both stay, the signature goes
t_two_posts() {
	run --report=report "$F/real-forum-invision-two-posts/input.html"
	expect_rc 0
	expect_same out "$F/real-forum-invision-two-posts/expected.txt"
	expect_grep out "^Hi, I'd like to know the Squarespace roadmap"
	expect_grep out '^For more insight into Squarespace products and the roadmap'
	! grep -q 'Buying me a coffee' out || die "the signature stayed"
	grep -q 'the page is a thread of posts' err || die "no thread found"
}

# the same two posts on a page not said to be a forum are no thread
t_two_posts_scope() {
	cat >two.html <<'PAGE'
<html><head><title>Notes</title></head><body><h1>Notes</h1>
<div class="comment"><p>The first note is about rye flour, which holds more water than wheat and makes a sticky dough.</p></div>
<div class="comment"><p>The second note is about spelt, which ferments faster, so the proof should be shorter by an hour.</p></div>
</body></html>
PAGE
	run --explain two.html
	expect_rc 0
	expect_grep out '^page type: article'
	expect_grep out '^main content: rule main-content chose body (by text scores)'
}

t "trap: listing link rows go, headlines, bylines and long links stay" t_link_rows
t "listing: rows of links that are most of the text are the list" t_link_rows_directory
t "card-meta: a reading time alone goes, on a listing's cards and an article; a date with it stays" t_card_meta
t "card-compare-label: 'Add <product> to Compare' goes, a sentence stays" t_card_compare_label
t "card-actions: a card's buttons go on listings only" t_card_actions
t "filter-chips: filter chips go, a sentence with the words stays" t_filter_chips
t "trap: poster cards, header lines and post extras go; posts stay" t_post_headers
t "post-header does nothing on an article" t_post_header_scope
t "thread-pages: a thread's pager goes, a sentence about a page stays" t_thread_pages
t "reply-box and quote headers go; a post's edit note stays" t_reply_box
t "forum: a thread of two named posts (real page)" t_two_posts
t "two named posts are no thread on a page that is no forum" t_two_posts_scope

echo "1..$n"
