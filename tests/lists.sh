#!/bin/sh
# tests/lists.sh - listing pages (cleaner/mainlisting.c: the list, not one
# card; card headlines kept) and the forum and Q&A rules of posts.rules that
# take what surrounds the posts (comments on a Q&A post, scores, the
# poster's card, Q&A prompts), through the CLI. TAP output; see
# tests/tap-lib.sh. The pages are fixtures/ folders (their READMEs say what
# each shows and where it comes from) and small pages written here.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# ids of the rules that removed something, from a text report
removed_by() {
	report_rules "$1" | sort -u
}

# a listing whose text scores pick one header paragraph: the list comes back
t_listing_widens() {
	run --explain "$F/real-html-listing-mit-certificates/input.html"
	expect_rc 0
	expect_grep out '^page type: listing'
	expect_grep out 'listing page: the list around the pick'
	run "$F/real-html-listing-mit-certificates/input.html"
	for want in 'Blended Professional Certificate: Chief Digital Officer' \
		'Acquire the knowledge and skills you need to become an effective Chief Product Officer' \
		'Professional Certificate Program in Machine Learning'; do
		expect_grep out "$want"
	done
}

# a directory of link items: the headlines stay, short single links go
t_listing_headlines() {
	run "$F/real-html-listing-onlinebooks-subject/input.html"
	expect_rc 0
	[ "$(grep -c 'page images at HathiTrust' out)" = 103 ] || die "a catalogue line went"
	expect_grep out '^Hardware -- Equipment and supplies -- Catalogs$'
	! grep -q '^Saws -- Catalogs$' out || die "a short single link stayed"
}

# trap: the intro holds more prose than the cards; headlines, dates and
# teasers stay, the short topic links go
t_listing_trap() {
	run "$F/trap-listing-card-links/input.html"
	expect_rc 0
	expect_same out "$F/trap-listing-card-links/expected.txt"
	expect_grep out '^Why our bread starter died in the cold snap$'
	expect_grep out '^Jan 5, 2026 by Ana$'
	! grep -q '^Rye$\|^Tools$\|^Starters$' out || die "a topic link stayed"
}

# the same page said to be an article (JSON-LD BlogPosting, og:type
# article): no headline link is spared, the teasers go as before
t_listing_only() {
	sed 's/<article class="card">/<div class="card">/; s/<\/article>/<\/div>/
s|<title>|<meta property="og:type" content="article"><script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"Blog"}</script><title>|' \
		"$F/trap-listing-card-links/input.html" >art.html
	run --output-format=json art.html
	expect_rc 0
	expect_grep out '"page_type":{"type":"article"'
	run art.html
	expect_grep out '^Jan 12, 2026 by Ana$'
	! grep -q 'Why our bread starter died' out || die "a headline link stayed on an article"
}

# Q&A: comments on the question and answers go, answers stay
t_qa_comments() {
	run --report=report "$F/real-forum-superuser-qa/input.html"
	expect_rc 0
	expect_grep out 'The mintty developer has just released an installer'
	expect_grep out '^Using mintty + wslbridge works.$'
	for gone in 'Commented' 'Asked' 'Viewed' 'Explore related questions' 'Sort by' \
		'You must log in to answer'; do
		! grep -q "$gone" out || die "'$gone' is left"
	done
	! grep -q '^[0-9][0-9,]*$' out || die "a vote score is left"
	for r in qa-comments post-score post-stats qa-prompts reply-prompt; do
		removed_by report | grep -qx "$r" || die "rule $r removed nothing"
	done
}

# Stack Exchange as lynx prints it: each post's "Improve this answer", its
# stamp ("answered Oct 18, 2023 at 7:58") and its poster's picture and name
# go; the question and every answer stay
t_qa_text_stamps() {
	d="$F/real-text-forum-stackexchange-lynx-80"
	run --report=report "$d/input.txt"
	expect_rc 0
	expect_same out "$d/expected.txt"
	expect_grep out "What can be missing on the configuration that is causing the DNS A"
	expect_grep out "^   of course Check DNS related Logs at server and client$"
	for gone in 'Improve this' "user avatar" 'Greg Askew' 'answered Oct' 'asked Oct' 'Sorted by' \
		'enter image description'; do
		! grep -q "$gone" out || die "'$gone' is left"
	done
	for r in qa-prompts qa-post-stamp qa-avatar; do
		removed_by report | grep -qx "$r" || die "rule $r removed nothing"
	done
}

# XenForo: one-line posts are posts of the thread; the poster cards go
t_short_posts() {
	run --report=report "$F/real-forum-xenforo-short-posts/input.html"
	expect_rc 0
	expect_same out "$F/real-forum-xenforo-short-posts/expected.txt"
	expect_grep out 'I heard that Cincinnati has already sent out interview invitations'
	expect_grep out '^For anyone curious, this is the link!$'
	[ "$(grep -c '^NIH - 7/18$' out)" = 2 ] || die "a one-line post went"
	for gone in 'Joined' 'Reaction score' 'Full Member' 'Members don'; do
		! grep -q "$gone" out || die "'$gone' is left"
	done
	for r in poster-rank poster-label ad-label; do
		removed_by report | grep -qx "$r" || die "rule $r removed nothing"
	done
}

# trap: a forum's replies (Comments of a DiscussionForumPosting) and
# sentences with the card words stay
t_forum_trap() {
	run --report=report "$F/trap-forum-card-words/input.html"
	expect_rc 0
	expect_same out "$F/trap-forum-card-words/expected.txt"
	for kept in '^I joined this forum as a new member last year' '^Posts: are they moderated' \
		'^Block plane it is.$' '^Sort by grit when you buy stones' '^oakleaf New Member$' \
		'^Start with a block plane.'; do
		expect_grep out "$kept"
	done
	expect_grep out '^hewer Moderator$' # a name with its rank
	for gone in '^Joined' '^Mar 2, 2021$' '^3,021$' '^12$' '^Messages$'; do
		! grep -q "$gone" out || die "'$gone' is left"
	done
	! removed_by report | grep -qx qa-comments || die "qa-comments took a forum reply"
}

# the forum rules stay on forum pages: an article keeps a lone number and
# "Moderator"
t_forum_scope() {
	cat >art.html <<'PAGE'
<html><head><title>Counting birds</title></head><body><article><h1>Counting birds</h1>
<p>The volunteers counted every bird on the marsh between six and nine in the morning, and wrote each count on a card.</p>
<p>12</p>
<p>Moderator</p>
<p>The final tally, once the cards were added up, was higher than in any year since the count began in 1998.</p>
</article></body></html>
PAGE
	run art.html
	expect_rc 0
	expect_grep out '^12$'
	expect_grep out '^Moderator$'
}

# a real blog index: the featured post above the grid, in <main> with it,
# stays
t_listing_main_real() {
	run "$F/real-html-listing-main-featured/input.html"
	expect_same out "$F/real-html-listing-main-featured/expected.txt"
	expect_grep out '^Our Multi-Agent Architecture for Smarter Advertising$'
	expect_grep out '^Read about the magic behind the music & more'
}

# trap: a listing's <main> is the list (a featured story, then the grid);
# a box of links in it and the site's landmarks still go
t_listing_main_trap() {
	card='<div class="post-card"><p class="date">Jan NUM, 2026</p><h2><a href="/p/NUM">Harbour story number NUM from the coast desk</a></h2><p>The committee met on Tuesday and agreed the ferry would run later in summer.</p></div>'
	cards=$(numbered "$card" 8)
	page="<html><head><link rel=\"canonical\" href=\"https://courier.example/blog/\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/blog\">Blog</a></nav><main><section class=\"featured\"><p class=\"date\">Feb 2, 2026</p><h2><a href=\"/p/f\">The ferry timetable changes for the summer season</a></h2><p>From June the last ferry leaves the pier at eleven, an hour later than last year.</p></section><section class=\"posts\">$cards</section><div class=\"share\"><a href=\"/s\">Share this page</a></div></main><footer><p>Copyright 2026 The Coast Courier</p></footer></body></html>"
	got=$(printf '%s' "$page" | "$B" --format=html --output-format=json - | sed -n 's/.*"page_type":{"type":"\([a-z]*\)".*/\1/p')
	[ "$got" = listing ] || die "want listing, got '$got'"
	printf '%s' "$page" | "$B" --format=html - >out
	expect_grep out '^The ferry timetable changes for the summer season$'
	expect_grep out '^From June the last ferry leaves the pier'
	expect_grep out '^Harbour story number 8 from the coast desk$'
	expect_none out 'Share this page' 'Copyright 2026' 'Blog'
	# a <main> that adds no card's linked headline to the pick stays out
	page=$(printf '%s' "$page" | sed 's#<h2><a href="/p/f">\([^<]*\)</a></h2>#<span>Share your thoughts with friends.</span>#')
	printf '%s' "$page" | "$B" --format=html - >out
	expect_grep out '^Harbour story number 8 from the coast desk$'
	expect_none out 'Share your thoughts' 'From June the last ferry'
}

t "listing: one picked card widens to the list (real page)" t_listing_widens
t "listing: the <main> around the pick is the list (real page)" t_listing_main_real
t "trap: a listing's <main> keeps its featured story, not its share box" t_listing_main_trap
t "listing: headline links stay, short single links go (real page)" t_listing_headlines
t "trap: a listing with a long intro keeps its cards, not its topic links" t_listing_trap
t "headlines are spared on listing pages only" t_listing_only
t "Q&A: comments, scores, counts and prompts go; answers stay (real page)" t_qa_comments
t "Q&A as lynx prints it: each post's stamp, poster and \"Improve this answer\" go; answers stay (real page)" t_qa_text_stamps
t "forum: one-line posts stay, poster cards go (real page)" t_short_posts
t "trap: forum replies and sentences with card words stay" t_forum_trap
t "the forum rules do nothing on an article" t_forum_scope

echo "1..$n"
