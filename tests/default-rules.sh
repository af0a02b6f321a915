#!/bin/sh
# tests/default-rules.sh - what the default label rules (rules/labels.rules:
# ad-label, teaser-line, share-label, newsletter-box) promise besides the
# fixtures that show each one at work: they take short blocks only, they run
# after main-content without moving the body's edges, and a user can switch
# one off. Prints TAP; run by automake like tests/cli.sh, or by hand from
# the top of the tree:  sh tests/default-rules.sh

. "$(dirname "$0")/tap-lib.sh"

# A flattened editorial: the site's header and a share bar above the body.
editorial() {
	cat <<'EOF'
Example Times
Tuesday, 4 March 2025

The Example Times view on the harbour: a city that forgot its water
Editorial
The council's plan for the old docks is timid. It should be bolder, and it should start now

Share
Share on Facebook
Share on Twitter
Share via Email

The old docks have stood empty for twenty years, and the council's new plan, published on Monday, would leave most of them empty for ten more, with a few flats at one end and a car park at the other.

Advertisement

That is not good enough for a city that grew rich on its harbour and still likes to call itself a port, even though the last cargo ship left in 2004 and the cranes were sold for scrap.

The plan's authors say there is no money for more, but the city found money for a new ring road and a stadium, and neither of those has brought back the jobs the harbour once gave.

A bolder plan would open the quays to the public, bring the ferries back to the old terminal and let the boatyards that survived along the river grow into the empty sheds.
EOF
}

t_short_blocks_only() {
	long="a very long headline that goes on and on about the council, the docks, the ferries, the boatyards and the sheds"
	{
		echo "Read more: A short headline about the docks"
		echo "Read more: $long"
		echo "Sign up for our newsletter"
		echo "Sign up for our newsletter to read $long"
	} >page.txt
	run --no-default-rules -r "$S/rules/labels.rules" --report=rep.txt page.txt
	expect_rc 0
	printf 'Read more: %s\nSign up for our newsletter to read %s\n' "$long" "$long" >want
	expect_same out want
	[ "$(report_rules rep.txt | tr '\n' ' ')" = "teaser-line newsletter-box " ] ||
		die "removals: $(report_rules rep.txt)"
}
t "a label rule takes blocks of at most 120 characters; a longer one stays" t_short_blocks_only

# The share bar is where main-content sees the header end and the body
# begin; the label rules run after it, so taking the bar out does not let
# the header in. Switching share-label off changes nothing here: the bar is
# outside the body either way.
t_after_main_content() {
	editorial >page.txt
	run --report=rep.txt page.txt
	expect_rc 0
	cp out with-defaults
	[ "$(head -n 1 out)" = "The old docks have stood empty for twenty years, and the council's new plan, published on Monday, would leave most of them empty for ten more, with a few flats at one end and a car park at the other." ] ||
		die "body starts with: $(head -n 1 out)"
	grep -q '^Advertisement$' out && die "the ad label inside the body stayed"
	expect_grep rep.txt 'ad-label .*drop .*"Advertisement"'
	printf 'disable share-label\n' >off.rules
	run -r off.rules page.txt
	expect_rc 0
	expect_same out with-defaults
}
t "label rules run after main-content and do not move the body's edges" t_after_main_content

t_disable() {
	editorial >page.txt
	printf 'disable ad-label\n' >off.rules
	run -r off.rules --report=rep.txt page.txt
	expect_rc 0
	expect_grep out '^Advertisement$'
	report_rules rep.txt | grep -q '^ad-label$' && die "ad-label still fired"
	return 0
}
t "a user's 'disable ad-label' keeps the label" t_disable

# Found through the report property test (tests/test_lib.cc, seed 1439 once
# the label fixtures were added): a second replace rule on a block lost the
# first one's deletions that sit side by side ("ia" of "Russia"), so the
# report no longer rebuilt the input and text_at was off.
t_adjacent_edits_kept() {
	printf 'r3: replace /[aeiou]/g with=""\nr4: replace /[aeiou]/ig with="[$0]"\n' >r.rules
	printf "Russia: Relations With US\n" >page.txt
	run --no-default-rules -r r.rules --report=rep.txt page.txt
	expect_rc 0
	printf 'Rss: Rltns Wth [U]S\n' >want
	expect_same out want
	expect_grep rep.txt '\[4,5) .*r3 .*"i" -> ""'
	expect_grep rep.txt '\[5,6) .*r3 .*"a" -> ""'
	[ "$(grep -c ' replace ' rep.txt)" = 9 ] || die "edits listed: $(grep -c ' replace ' rep.txt)"
}
t "a later replace keeps an earlier one's side-by-side deletions in the report" t_adjacent_edits_kept

# Clean page.txt with rules/FILE alone: the text must be want's, and the
# rules that removed something, in order, RULES (each followed by a blank).
clean_alone() {
	run --no-default-rules -r "$S/rules/$1" --report=rep.txt page.txt
	expect_rc 0
	expect_same out want
	[ "$(report_rules rep.txt | tr '\n' ' ')" = "$2" ] || die "removals: $(report_rules rep.txt)"
}

# A site's trademark notice goes (legal-notice, footer.rules); a sentence
# that names a trademark, a long paragraph that quotes the words, and a
# copyright line (a wire story's last) stay. With the default rules, a
# product's description wins over the trademark statement below it that
# was longer.
t_legal_notice() {
	long='The court heard that the words "are registered trademarks of" on the old maps could not keep the city from copying maps that had been made with public money; the judge said the words were a claim, not a right, and that the maps had been public from the day the council paid for them, as the council had argued from the start of the case, and as three earlier courts had found in other cases much like this one.'
	{
		printf '\302\251 2026 Example Outdoor Inc. All rights reserved.\n'
		printf 'The shell is Gore-Tex, a waterproof fabric that breathes.\n'
		printf 'Example and the Example logo are registered trademarks of Example Outdoor Inc.\n'
		printf 'All other trademarks are the property of their respective owners.\n'
		printf '%s\n' "$long"
	} >page.txt
	{
		printf '\302\251 2026 Example Outdoor Inc. All rights reserved.\n'
		printf 'The shell is Gore-Tex, a waterproof fabric that breathes.\n'
		printf '%s\n' "$long"
	} >want
	clean_alone footer.rules "legal-notice legal-notice "
	{
		printf 'Shop\n\n   Trail Jacket\n   $199.00\n   (BUTTON) Add to cart\n\nDescription\n\n'
		printf '   A light shell for wet hill days: taped seams, a hood that turns with\n'
		printf '   your head, and pockets that clear a hip belt.\n\n'
		printf '   Example, Exo, their logos, and all other Example trademarks are\n'
		printf '   trademarks or registered trademarks of Example Outdoor S.A. and/or its\n'
		printf '   affiliates in the U.S. and other countries. All other third party\n'
		printf '   trademarks are the property of their respective owners. See all\n'
		printf '   trademarks\n'
	} >shop.txt
	run --wrap=74 shop.txt
	expect_rc 0
	expect_grep out 'A light shell for wet hill days'
	expect_no_grep out 'respective'
}
t "a trademark notice goes; a sentence naming a trademark, a long paragraph quoting the words, a copyright line stay" t_legal_notice

# A shop's page flattened to text: its customers' reviews under a reviews
# heading that review's marks ("Based on 3 reviews", "Verified Buyer",
# "found this review helpful") confirm go as the part `reviews`, with all
# after them (review-section); a tab's "Reviews (3)" over the description
# is no section's heading (another heading comes before any mark), and a
# menu's "Reviews" item stays.
shop_dump() {
	printf '   Shop  Lights  Tents  Reviews  Sale\n\nTrail Lantern 300\n\n   Description\n   Reviews (3)\n\n'
	printf '   $39.00\n   (BUTTON) Add to cart\n\n'
	printf '   A rechargeable camp lantern that gives 300 lumens of warm light for up\n'
	printf '   to 40 hours and folds flat into a side pocket of any pack.\n\n'
	printf 'Customer Reviews\n\n   Based on 3 reviews\n'
	for who in Dana Lee Sam; do
		printf '   %s\n   Verified Buyer\n' "$who"
		printf '   Bright enough to read by in the tent, and the battery lasted a whole\n'
		printf '   weekend of camping, even on the coldest night we had in the hills.\n'
		printf '   3 people found this review helpful\n'
	done
	printf '\nYou may also like\n\n   Trail Lantern 500 $59.00\n   Camp Stove $89.00\n'
}
t_review_section() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
	shop_dump >shop.txt
	run shop.txt
	expect_rc 0
	expect_grep out 'folds flat into a side pocket'
	expect_no_grep out 'Verified Buyer'
	expect_no_grep out 'Customer Reviews'
	cp out default.txt
	run --output-format=json shop.txt
	python3 - out <<'PY' || die "the reviews are not parts.reviews"
import json, sys
d = json.load(open(sys.argv[1]))
p = d['parts']['reviews']
assert p.startswith('Customer Reviews\n') and p.count('Verified Buyer') == 3, p
assert 'You may also like' not in p, p
assert [r['rule'] for r in d['report']['removals'] if r.get('part')] == ['review-section'], d['report']['removals']
PY
	run --keep-part=reviews shop.txt
	expect_grep out '^Customer Reviews$'
	expect_grep out 'Sam'
}
t "a text's reviews under a heading their marks confirm are parts.reviews; a tab's \"Reviews (3)\" is no section" t_review_section

# Dialogs a page keeps hidden after its footer, as a text browser prints
# them: the copyright line, then a dialog's "(BUTTON) Close" (or w3m's
# "Close") within three blocks, then its policy: all from the copyright
# line on goes (footer-dialogs). Only the page's last copyright line
# counts: one in a menu drawer at the top, with its own close button, is
# no footer. A copyright line with no dialog after it leaves what follows
# to the other rules; a cookie banner's "Close" at the top, with no
# copyright line before it, takes nothing.
t_footer_dialogs() {
	policy='   We collect the information you give us when you order, and we keep it
   for as long as the law says we must, and then we delete it for good.'
	{
		printf '   Accept cookies\n   (BUTTON) Close\n\nTrail Lantern 300\n\n'
		printf '   A rechargeable camp lantern that gives 300 lumens of warm light for up\n'
		printf '   to 40 hours and folds flat into a side pocket of any pack.\n\n'
		printf '   \302\251 2025 Example Outdoor, Inc. All Rights Reserved\n   Privacy policy\n   (BUTTON) Close\n\nPrivacy policy\n\n'
		for i in 1 2 3 4 5 6 7 8; do printf '%s\n\n' "$policy"; done
	} >shop.txt
	run shop.txt
	expect_rc 0
	expect_grep out 'folds flat into a side pocket'
	expect_no_grep out 'we delete it'
	run --explain-line=9 shop.txt
	expect_grep out 'removed by footer-dialogs (drop-after)'
	# w3m writes the button without its mark
	sed 's/(BUTTON) Close/Close/' shop.txt >w3m.txt
	run w3m.txt
	expect_no_grep out 'we delete it'
	# no dialog after the copyright line: footer-dialogs takes nothing
	sed 's/(BUTTON) Close/Terms of use/' shop.txt >plain.txt
	run --explain-line=9 plain.txt
	expect_no_grep out 'removed by footer-dialogs'
	# a menu drawer at the top holds a copyright line and its close button;
	# the page's last copyright line has no dialog after it: the article stays
	{
		printf '   Menu\n\n   Our newsroom covers lanterns and stoves, every week since 1990.\n\n'
		printf '   \302\251 2019 Example News, Inc. All Rights Reserved.\n   (BUTTON) \303\227\n\nThe New Lantern\n\n'
		for i in 1 2 3 4; do
			printf '   Paragraph %s of the story: the new lantern gives 300 lumens of warm light for up\n' $i
			printf '   to 40 hours and folds flat into a side pocket, said the maker on Tuesday.\n\n'
		done
		printf '   \302\251 2019 Example News, Inc. All Rights Reserved.\n'
	} >news.txt
	run news.txt
	expect_grep out '^   Paragraph 4 of the story'
}
t "a copyright line a dialog's Close button follows goes with the hidden dialogs after it" t_footer_dialogs

# A script's placeholder alone in a block ("Loading...", "Please wait…",
# "Carregando...", "Wird geladen...")
# goes on every kind of page but documentation (unfilled-template); a
# sentence that starts so, or the word without its dots, stays.
t_loading_placeholder() {
	printf 'Loading...\nLoading the dishwasher by the book saves water and time.\n   Please wait\342\200\246\nLoading\nCarregando...\nWird geladen...\n' >page.txt
	printf 'Loading the dishwasher by the book saves water and time.\nLoading\n' >want
	clean_alone labels.rules "unfilled-template unfilled-template unfilled-template unfilled-template "
	run --no-default-rules -r "$S/rules/labels.rules" --page-type=documentation page.txt
	expect_grep out '^Loading\.\.\.$'
}
t "a script's placeholder (\"Loading...\") goes but on documentation; a sentence stays" t_loading_placeholder

t_dump_buttons() {
	{
		printf '   (BUTTON) Add to Cart\n   (BUTTON)\n   (BUTTON) (BUTTON) Close\n'
		printf '   (BUTTON) How do I return an item?\n'
		printf '   (BUTTON) Add to favorites. 0 people have favorited this item\n'
		printf '   The (BUTTON) marker is how lynx shows a button.\n'
	} >page.txt
	printf '   How do I return an item?\n   Add to favorites. 0 people have favorited this item\n   The marker is how lynx shows a button.\n' >want
	clean_alone navigation.rules "dump-button dump-button dump-button dump-marks dump-marks dump-marks "
}
t "lynx's button lines go; a button that asks (an FAQ's question) or says more stays, without its mark" t_dump_buttons

# A page control's label alone in its block (ui-label) goes: "Menu",
# "* Sign up", "Close", "Sponsored", "Newsletter"; a label with a colon
# ("Email:" over its value), a heading that says more and a sentence stay,
# and a manual keeps its "Search" section.
t_ui_label() {
	{
		printf 'Menu
   * Sign up
Close
Sponsored
Newsletter
Email:
'
		printf 'Search the archive
Search
Subscribe to the print edition for the weekend supplements.
'
	} >page.txt
	printf 'Email:
Search the archive
Subscribe to the print edition for the weekend supplements.
' >want
	clean_alone navigation.rules "ui-label ui-label ui-label ui-label ui-label ui-label "
	run --no-default-rules -r "$S/rules/navigation.rules" --page-type=documentation page.txt
	expect_grep out '^Search$'
	expect_grep out '^Menu$'
}
t "a control's label alone (\"Menu\", \"Sign up\", \"Close\") goes but on documentation; \"Email:\" and a heading that says more stay" t_ui_label

# A breadcrumb trail goes: a line from "Home" through separators
# (breadcrumb-line), or an ordered list from "1. Home" while its items go
# on (breadcrumb-list). A menu's path in a sentence ("Go to Home >
# Settings"), the heading under the list and a numbered step after it
# stay.
t_breadcrumbs() {
	{
		printf 'Home \302\273 Resources \302\273 Marketing \302\273 How To Price Plumbing Jobs\n'
		printf 'HOME / Home Renovations / Home Renovation Loan\n'
		printf '    1. Home\n    2. Drugs\n    3. Drug Safety and Availability\n\n'
		printf 'Postmarket Drug Safety\n'
		printf 'Go to Home > Settings > Privacy, then restart the phone.\n'
		printf '    1. Open the app and sign in with the account you use at work.\n'
	} >page.txt
	printf 'Postmarket Drug Safety\nGo to Home > Settings > Privacy, then restart the phone.\n    1. Open the app and sign in with the account you use at work.\n' >want
	clean_alone navigation.rules "breadcrumb-line breadcrumb-line breadcrumb-list "
}
t "a breadcrumb trail goes, a line or a numbered list from Home; a menu's path in a sentence and a step stay" t_breadcrumbs

# lynx's marks of a form's controls inside kept blocks (dump-marks): lines
# of marks or of labelled fields (w3m's "[      ]" too) go, a mark beside a
# label goes; a blank in a sentence stays.
t_dump_marks() {
	{
		printf 'Arlo Pro 5S 2K - Best home security camera overall (BUTTON)\n'
		printf '   IFRAME: https://www.youtube.com/embed/d-nsBQSpJkw?feature=oembed\n'
		printf '     ______________________________\n   [Best match_______]\n'
		printf '   Name ____________________ Email ____________________ (BUTTON) Subscribe\n'
		printf '   (BUTTON) Get FREE Advice (BUTTON) Compare top products\n'
		printf 'Search for: [                    ] [Search]\n'
		printf 'The capital of France is ____.\n'
	} >page.txt
	printf 'Arlo Pro 5S 2K - Best home security camera overall\n   Get FREE Advice Compare top products\nThe capital of France is ____.\n' >want
	clean_alone navigation.rules "dump-marks dump-marks dump-marks dump-marks dump-marks dump-marks dump-marks dump-marks "
}
t "lynx's marks of form controls go from kept text; a blank in a sentence stays" t_dump_marks

# A form's choices as lynx and w3m print them (dump-choice): a check box's
# or a radio button's line goes on a shop's, service's, listing's or
# forum's page, its label with it; a line that only names the marks
# stays, and an article's checklist stays whole.
t_dump_choices() {
	{
		printf '   (*) Ground ( ) Whole Bean\n   ( ) 1 lb (*) 2 lbs\n'
		printf '   [ ] Sign up for SMS Text Messages By checking this box, you agree to receive them.\n'
		printf '   [X] Compare\n'
		printf '   A box marked [ ] is one you may tick.\n'
	} >page.txt
	printf '   A box marked [ ] is one you may tick.\n' >want
	run --no-default-rules -r "$S/rules/navigation.rules" --page-type=product --report=rep.txt page.txt
	expect_rc 0
	expect_same out want
	[ "$(report_rules rep.txt | tr '\n' ' ')" = "dump-choice dump-choice dump-choice dump-choice " ] ||
		die "removals: $(report_rules rep.txt)"
	run --no-default-rules -r "$S/rules/navigation.rules" --page-type=article page.txt
	expect_grep out 'Ground ( ) Whole Bean'
}
t "a form's check boxes and radio buttons go with their labels on a shop's page; an article's checklist stays" t_dump_choices

# A text read twice (text-read-twice, a read-twice rule): a dump prints an
# image's alt text for each of two pictures and wraps the second copy at
# other places; the first copy stays, the paragraphs around it whole.
t_read_twice_wrapped() {
	para='The council said the library would open on weekends, and students had asked for a quiet place to work in the evening with their books from school'
	alt='A photographer taking outdoor photos for the photography trends of this year.'
	for i in 1 2 3 4 5 6 7 8; do
		[ $i = 7 ] && { printf '%s %s\n' "$alt" "$alt" | fold -s -w 72 | sed 's/^/   /'; echo; }
		printf '%s, paragraph %s.\n' "$para" $i | fold -s -w 72 | sed 's/^/   /'
		echo
	done >page.txt
	run --format=text --report=rep.txt page.txt
	expect_rc 0
	[ "$(tr -s ' \n' '  ' <out | grep -o 'A photographer taking outdoor photos for the photography trends of this year\.' | wc -l)" = 1 ] ||
		die "the alt text is not read once: $(cat out)"
	expect_grep out 'paragraph 8\.$'
	report_rules rep.txt | grep -qx text-read-twice || die "removals: $(report_rules rep.txt)"
}
t "a text read twice, the copy wrapped at other places, is read once" t_read_twice_wrapped

# A shop's announcement bar (shipping-banner): a free-shipping offer alone
# in a short block goes; a sentence that only mentions one stays.
t_shipping_banner() {
	{
		printf 'Free standard shipping on orders $40+\n'
		printf 'Score free shipping on qualifying orders! For more information on shipping rates and timelines, please visit our international page\n'
		printf 'FREE Shipping On Orders $59+ | $3 Shipping On Orders $35-$58.99 | No Code Necessary!\n'
		printf 'Livraison gratuite d\303\250s 65 \342\202\254\n'
		printf 'Our shop offers free shipping on orders over $50 within the US.\n'
	} >page.txt
	printf 'Our shop offers free shipping on orders over $50 within the US.\n' >want
	clean_alone navigation.rules "shipping-banner shipping-banner shipping-banner shipping-banner "
}
t "a shop's free-shipping banner goes; a sentence about shipping stays" t_shipping_banner

# An author's box at an article's end (author-bio-heading) goes with its
# heading; on a product page (a book's "About the author") it stays, and so
# does such a heading with the article's text going on after it.
author_page() { # WHERE: "end" or "middle"
	printf '<html><head><title>Leeks in a dry summer</title></head><body><article><h1>Leeks in a dry summer</h1>'
	mid='<div class="box"><h3>About the author</h3><p>Ann Weir grows vegetables on a windy allotment and writes about it every week.</p></div>'
	for i in 1 2 3 4 5 6; do
		[ "$1" = middle ] && [ $i = 2 ] && printf '%s' "$mid"
		printf '<p>A leek that runs to seed in its first year has usually been stressed by a cold snap or by weeks without water, paragraph %s.</p>' $i
		printf '<p>Water deeply once a week in dry spells rather than a little every day, and mulch the rows to hold the moisture in, note %s.</p>' $i
	done
	[ "$1" = end ] && printf '%s' "$mid"
	printf '</article></body></html>\n'
}
t_author_box() {
	author_page end >end.html
	run --report=report end.html
	expect_rc 0
	expect_grep out 'mulch the rows to hold the moisture in, note 6'
	expect_none out 'About the author' 'Ann Weir grows vegetables'
	expect_grep report 'author-bio-heading'
	run --page-type=product end.html
	expect_grep out 'Ann Weir grows vegetables'
	author_page middle >middle.html
	run middle.html
	expect_grep out 'Ann Weir grows vegetables'
	expect_grep out 'mulch the rows to hold the moisture in, note 6'
}
t "an author's box at an article's end goes; on a product page, or with the article after it, it stays" t_author_box

# A tag list's label alone (tags-label) goes; the tags stay, and so does
# "Tags" heading a manual's section, and a sentence about tags.
t_tags_label() {
	d=$F/html-tags-label
	run "$d/input.html"
	expect_rc 0
	expect_same out "$d/expected.txt"
	expect_none out 'Tags:' 'Filed under'
	expect_grep out '^mulch, compost, leeks, watering$'
	{
		printf 'Tags\n\nA tag names a commit, so that a release can be found again by its name.\n\n'
		printf 'Tags: the labels you give a post.\n'
	} >tags.txt
	run --page-type=documentation tags.txt
	expect_grep out '^Tags$'
	run tags.txt
	expect_grep out '^Tags: the labels you give a post\.$'
}
t "a tag list's label alone goes; its tags, a manual's 'Tags' heading and a sentence stay" t_tags_label

# A call to action alone in its block (cta-button) goes; "Get started" (a
# heading too) and a sentence that goes on stay.
t_cta_button() {
	printf 'Learn more\nShop now \342\206\222\nEn savoir plus\nBook a demo\nStart your free trial\nGet started\nLearn more about our pricing plans.\n' >page.txt
	printf 'Get started\nLearn more about our pricing plans.\n' >want
	clean_alone labels.rules "cta-button cta-button cta-button cta-button cta-button "
}
t "a lone call to action (\"Learn more\", \"Shop now\") goes; \"Get started\" and a sentence stay" t_cta_button

# A form's status messages (form-status) go; a sentence that tells of a
# form that went wrong stays.
t_form_status() {
	{
		printf 'Thank you! Your submission has been received!\n'
		printf 'Oops! Something went wrong while submitting the form.\n'
		printf 'Thank you, your submission has been received! We will reach out shortly.\n'
		printf 'This field is for validation purposes and should be left unchanged.\n'
		printf 'Something went wrong while submitting the form, so the council printed it on paper.\n'
	} >page.txt
	printf 'Something went wrong while submitting the form, so the council printed it on paper.\n' >want
	clean_alone labels.rules "form-status form-status form-status form-status "
}

# A machine's timestamp alone on its line (iso-timestamp) goes; a sentence
# or a line of code that holds one stays, and so does a manual's example.
t_iso_timestamp() {
	{
		printf '   2025-10-30T10:45:07-04:00\n2019-01-21T21:40:59.62Z+00:00\n'
		printf 'The stamp 2025-10-30T10:45:07Z marks when the council voted.\n'
		printf '  "order_date": "2025-12-18T17:02:12+08:00",\n'
	} >page.txt
	printf 'The stamp 2025-10-30T10:45:07Z marks when the council voted.\n  "order_date": "2025-12-18T17:02:12+08:00",\n' >want
	clean_alone labels.rules "iso-timestamp iso-timestamp "
	run --no-default-rules -r "$S/rules/labels.rules" --page-type=documentation page.txt
	expect_grep out '^2019-01-21T21:40:59.62Z'
}
t "a form's status messages and a robots' field's label go; a sentence about a form stays" t_form_status
t "a machine's timestamp alone on its line goes, but on documentation; a sentence or code with one stays" t_iso_timestamp

# A consent manager's dialog (consent-dialog) goes whole: its standard
# texts and the toggles between them; a sentence that quotes one stays.
t_consent_dialog() {
	{
		printf 'We Care About Your Privacy\n'
		printf 'We and our 100 partners store and/or access information on a device, such as unique IDs in cookies to process personal data.\n'
		printf 'We and our partners process data to provide:\n'
		printf 'Use precise geolocation data. Actively scan device characteristics for identification.\n'
		printf 'I Accept Reject All Show Purposes\n'
		printf 'Company Logo\n'
		printf 'Strictly Necessary Cookies\n'
		printf 'Always Active\n'
		printf 'These cookies are necessary for the website to function and cannot be switched off in our systems.\n'
		printf 'Measure content performance 237 partners can use this purpose\n'
		printf 'The regulator said sites still write that we and our partners store and/or access information on a device.\n'
	} >page.txt
	printf 'The regulator said sites still write that we and our partners store and/or access information on a device.\n' >want
	clean_alone footer.rules "consent-dialog "
}
t "a consent manager's dialog goes whole; a sentence quoting it stays" t_consent_dialog

# A thread of short posts keeps its posts when a consent dialog, longer
# than all of them, follows the footer (WCXB 0574 lost its thread to one).
t_consent_dialog_thread() {
	{
		printf 'Boards > Switch > Showcase thread\n\n'
		for i in 1 2 3 4 5 6; do
			printf 'poster%s 2 years ago#%s\n' $i $i
			printf 'I expect the new game today, but it would have leaked by now, right? Post %s.\n' $i
		done
		printf '\n(c) 2026 Example Boards. All rights reserved.\n\n'
		printf 'We Care About Your Privacy\n\n'
		for i in 1 2 3 4 5 6 7 8; do
			printf 'Create profiles for personalised advertising %s partners can use this purpose\n' $((i * 10))
			printf 'Information about your activity on this service (such as forms you submit, content you look at) can be stored and combined with other information about you or similar users, to build or improve a profile about you (%s).\n' $i
			printf 'View Illustrations\n\n'
		done
	} >page.txt
	run page.txt
	expect_rc 0
	expect_grep out 'Post 6\.'
	expect_no_grep out 'profile about you'
}
t "a thread's short posts stay the body beside a longer consent dialog" t_consent_dialog_thread

# Stack Exchange's comments flattened to text (qa-comments-text) go: each
# one's vote, text, author twice and times; the answer over them and a
# testimonial's "- Name" lines stay.
t_qa_comments_text() {
	{
		printf '   Use rsync with --link-dest for snapshots; it keeps every day at the cost of one.\n'
		printf '   answered Sep 10, 2016 at 21:38\n'
		printf '     * 2\n'
		printf '       Which version of rsync has that flag?\n'
		printf '       Seb\n'
		printf '       \342\200\223  Seb\n'
		printf '       2016-08-05 06:59:35 +00:00\n'
		printf '       Commented Aug 5, 2016 at 6:59\n'
		printf '     * Every version since 2.5, as far as I know.\n'
		printf '       Nicole Hamilton\n'
		printf '       \342\200\223  Nicole Hamilton\n'
		printf '       2016-08-28 19:36:43 +00:00\n'
		printf '       Commented Aug 28, 2016 at 19:36\n'
		printf '   "Great value!"\n'
		printf '   \342\200\223 Jane Doe\n'
		printf '   "Five stars."\n'
		printf '   \342\200\223 John Roe\n'
	} >page.txt
	{
		printf '   Use rsync with --link-dest for snapshots; it keeps every day at the cost of one.\n'
		printf '   answered Sep 10, 2016 at 21:38\n'
		printf '   "Great value!"\n'
		printf '   \342\200\223 Jane Doe\n'
		printf '   "Five stars."\n'
		printf '   \342\200\223 John Roe\n'
	} >want
	clean_alone posts.rules "qa-comments-text "
}
t "Stack Exchange's comments in a text dump go; the answer and a testimonial's names stay" t_qa_comments_text

# An article's N paragraphs, and a footer of 30 links (longer than the
# last 25 blocks footer-heading looks at), for the related-box tests.
library_paragraphs() {
	i=1
	while [ $i -le $1 ]; do
		echo "<p>The council said on Monday that the new library on Harbour Street would open on weekends from March, after students asked for a quiet place to work in the evening ($i).</p>"
		i=$((i + 1))
	done
}
long_footer() {
	echo "<footer><ul>"
	i=0
	while [ $i -lt 30 ]; do echo "<li><a href=/s$i>Section $i</a></li>"; i=$((i + 1)); done
	echo "</ul></footer></body></html>"
}

# A box of related stories that closes the body (related-heading): after
# main-content, among the last 30 blocks the body kept, however long the
# footer's menus after it; an article that goes on after such a box (600
# chars of sentences) keeps its box and the paragraphs after it.
t_related_heading() {
	{
		echo "The Example Times"
		echo
		echo "The council's new library opens"
		for i in 1 2 3 4 5; do
			echo
			echo "The council said on Monday that the new library on Harbour Street would open on weekends from March, after students asked for a quiet place to work in the evening ($i)."
		done
		echo
		echo "Related Posts"
		echo
		echo "Harbour cranes sold for scrap"
		echo "Docks plan delayed again"
		echo
		i=0
		while [ $i -lt 40 ]; do echo "     * Section $i"; i=$((i + 1)); done
	} >page.txt
	run page.txt
	expect_rc 0
	expect_grep out 'in the evening (5)'
	expect_no_grep out 'Related Posts'
	expect_no_grep out 'Docks plan delayed'
	# on a page, a box inside the article: with 600 chars of sentences
	# after it the article goes on, and the box stays; with one sentence
	# it closes the body, and goes (beyond the last 25 blocks of the page,
	# which footer-heading looks at: the footer's menu is long)
	for n in 5 1; do
		{
			echo "<html><body><article><h1>The council's new library opens</h1>"
			library_paragraphs 3
			echo "<div><h3>Related Posts</h3><p><a href=/a>Harbour cranes sold for scrap</a></p></div>"
			i=0
			while [ $i -lt $n ]; do
				echo "<p>The librarians said the reading rooms would stay open until ten at night, and that the caf&eacute; on the ground floor would sell tea and soup ($i).</p>"
				i=$((i + 1))
			done
			echo "</article>"
			long_footer
		} >inline.html
		run inline.html
		expect_rc 0
		expect_grep out 'tea and soup (0)'
		if [ $n = 5 ]; then expect_grep out 'Related Posts'; else expect_no_grep out 'Related Posts'; fi
	done
}
t "a related-stories box closing the body goes, however long the footer; one inside an article stays" t_related_heading

# A box of its own (its heading first in the element around it) whose
# teasers carry summaries: those sentences are the box's, not the article
# going on after it, so the box goes; "Read This Next" names one too.
t_related_box_summaries() {
	{
		echo "<html><body><main><div class=post><h1>The council's new library opens</h1>"
		library_paragraphs 4
		echo "</div><div class=more><h3>Read This Next</h3>"
		for i in 1 2 3 4 5 6; do
			echo "<div class=card><h4><a href=/s$i>Harbour story $i</a></h4><p>The harbour board met again this week to talk about the cranes, the ferry timetable and the plans for the old fish market by the docks ($i).</p></div>"
		done
		echo "</div></main>"
		long_footer
	} >box.html
	run box.html
	expect_rc 0
	expect_grep out 'in the evening (4)'
	expect_no_grep out 'Read This Next'
	expect_no_grep out 'old fish market'
}
t "a related box whose teasers carry summaries goes with its heading" t_related_box_summaries

echo "1..$n"
