#!/bin/sh
# tests/cardlabels.sh - what a listing's cards print besides their content
# (rules/listing.rules): a picture's placeholder alone on its line ("Icon",
# "Image": card-placeholder), the screen-reader labels of a card's icon
# buttons ("Save this event: Tech Writing": card-action-labels) and its
# counts ("5 comments", "1 point by jane 3 minutes ago | hide": card-stats)
# go on listing pages; titles and sentences with the words stay, and on an
# article the rules stay off. A card's row of tag links goes even inside a
# grid of cards (cln_listing_tags), a directory's row of links stays.
# Through the CLI.
# TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# fixture_as NAME TYPE: the fixture is read as a page of TYPE and cleans to
# its expected.txt, the report in ./report
fixture_as() {
	run --explain "$F/$1/input.html"
	expect_grep out "^page type: $2;"
	run --report=report "$F/$1/input.html"
	expect_same out "$F/$1/expected.txt"
}

# trap: placeholders and button labels go; titles, teasers and sentences
# that start with their words stay
t_card_words_trap() {
	fixture_as trap-listing-card-words listing
	expect_no_grep out '^Icon$'
	expect_no_grep out '^Photo$'
	expect_none out 'Save this event: Picture framing'
	for kept in '^Image editing for beginners$' '^Thumbnail sketching$' '^Image of the week: ' \
		'^Avatar design and icon drawing' "^Share this recipe: it is the loft's own sourdough" \
		'^Save this event for later and we will send' '^14 points of interest on the harbour walk'; do
		expect_grep out "$kept"
	done
	[ "$(report_rules report | grep -cx card-placeholder)" = 5 ] || die "card-placeholder should take 4 Icons and a Photo"
	[ "$(report_rules report | grep -cx card-action-labels)" = 1 ] ||
		die "card-action-labels should take the one label line on a link (the buttons' go as non-content)"
	expect_none out '3 comments' '12 likes 2 replies'
	[ "$(report_rules report | grep -cx card-stats)" = 2 ] || die "card-stats should take the 2 count lines"
}

# scope: on an article, headings "Image" and "Icon" and a "Share this
# article: ..." paragraph stay
t_card_words_article() {
	fixture_as trap-article-card-words article
	expect_grep out '^Image$'
	expect_grep out '^Icon$'
	expect_grep out '^Share this article: Harbour Makers members'
	expect_grep out '^2 replies$'
	! report_rules report | grep -qx 'card-placeholder\|card-action-labels\|card-stats' || die "a card rule ran on an article"
}

# a real listing: every card's button labels go, its title and date stay
t_real_event_labels() {
	fixture_as real-html-listing-event-card-labels listing
	expect_none out 'Save this event:' 'Share this event:'
	expect_grep out '^Tech In Terping$'
	expect_grep out '^Sat, Apr 11, 10:00 AM PDT$'
	# each label is a <button> of its own there, which non-content drops
	[ "$(report_rules report | grep -cx non-content)" -ge 10 ] || die "non-content should take the cards' label buttons"
}

# a real listing: a link aggregator's score lines go, its titles stay
t_real_score_lines() {
	fixture_as real-html-listing-link-aggregator listing
	expect_none out 'point by' 'points by' '| hide | past |'
	expect_grep out '^Show HN: Ivy – the first proactive, offline AI tutor$'
	[ "$(report_rules report | grep -cx card-stats)" = 30 ] || die "card-stats should take the 30 score lines"
}

# tag rows: a listing card's row of tags goes, its byline, teaser and long
# links stay; a directory card's row of links is the card and stays
t_card_tag_rows() {
	fixture_as trap-listing-card-tag-rows listing
	expect_none out 'rye starters summer' 'spelt shaping proofing' 'whole-grain hydration flour'
	expect_grep out '^Ana Ortiz · Jan 12, 2026$'
	expect_grep out '^Read the whole story of this loaf See what the readers baked'
	expect_grep out '^Keeping a rye starter alive through the summer$'
	expect_grep out '^Spelt loaves that stand (rye.example) 12$'
	fixture_as trap-listing-directory-rows listing
	expect_grep out '^Rye Spelt Wheat Barley Oats$'
	expect_grep out '^Tea Coffee Cocoa Juice Lemonade$'
}

# a real listing: GitHub's topic page, its cards' topic rows go
t_real_card_tags() {
	fixture_as real-html-listing-card-tags listing
	expect_no_grep out '^python machine-learning deep-neural-networks'
	expect_grep out '^An Open Source Machine Learning Framework for Everyone$'
	expect_grep out '^Star 194k$'
}

t "trap: a card's placeholders and button labels go, titles and teasers stay" t_card_words_trap
t "card-placeholder, card-action-labels, card-stats: off on an article" t_card_words_article
t "real listing: the event cards' button labels go (Eventbrite)" t_real_event_labels
t "real listing: the stories' score lines go (Hacker News)" t_real_score_lines
t "tag rows: a card's tags go in a grid, a directory's rows stay" t_card_tag_rows
t "real listing: the repository cards' topic rows go (GitHub)" t_real_card_tags

echo "1..$n"
