#!/bin/sh
# tests/forum.sh - forums and Q&A pages (main-content takes the thread of
# posts, cleaner/mainposts.c) and the safeguard against rules that empty a
# page of prose (cleaner/backoff.c), through the CLI. TAP output; see
# tests/tap-lib.sh. The pages are fixtures/ folders (their READMEs say what
# each shows) and small pages written here.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# Discourse's crawler view is inside <noscript>: the posts come back
t_discourse_noscript() {
	run "$F/real-forum-discourse-rust/input.html"
	expect_rc 0
	expect_grep out '^BurntSushi February 20, 2026'
	expect_grep out 'Bumping MSRV has never been broadly considered'
	expect_grep out 'fully leverage the MSRV-aware resolver'
	expect_grep err 'thread of posts; 20 blocks of its posts that rule non-content removed are kept'
	! grep -q '^[0-9]* Likes*$' out || die "a like count is left"
	run --explain "$F/real-forum-discourse-rust/input.html"
	expect_grep out 'a thread of posts'
}

# posts named "comment" without markup; their parts named so too stay
t_comment_names() {
	run "$F/html-forum-comment-names/input.html"
	expect_rc 0
	expect_grep out 'hank_r Jan 12, 2026'
	expect_grep out 'The bread from this morning rose better'
	for gone in '3 votes' 'Log in to reply' 'Like · Share' 'Next'; do
		! grep -q "$gone" out || die "'$gone' is left"
	done
	run --output-format=json "$F/html-forum-comment-names/input.html"
	expect_grep out '"warnings":\["main-content: the page is a thread of posts'
}

# replies marked up as schema.org UserComments (Comment's older name, with
# commentText), the first post as a DiscussionForumPosting whose text is
# its articleBody (phpBB on Tapatalk): the thread, not the first post
t_user_comments() {
	cat >uc.html <<'PAGE'
<html><head><title>Choosing new fish</title></head><body>
<nav><a href="/">Forums</a> <a href="/fish">Freshwater</a></nav>
<div class="topic">
<div class="post" itemscope itemtype="https://schema.org/DiscussionForumPosting"><h1 itemprop="headline">Choosing new fish</h1>
<span itemprop="author">reefkeeper</span>
<div class="content" itemprop="articleBody"><p>What should I look for before buying new fish at a shop? I lost two last month within a week of bringing them home, and the tank readings were fine.</p>
<p>The shop said they had been in quarantine, but I am no longer sure what that means there.</p></div></div>
<div class="post" itemscope itemtype="https://schema.org/UserComments"><span itemprop="creator">marn</span> <time itemprop="commentTime">Sep 1, 2006</time>
<div class="content" itemprop="commentText">Watch them swim for a while before you buy: clamped fins or gasping at the surface mean trouble.</div></div>
<div class="post" itemscope itemtype="https://schema.org/UserComments"><span itemprop="creator">tetra_tom</span> <time itemprop="commentTime">Sep 2, 2006</time>
<div class="content" itemprop="commentText">Never buy from a tank with one dead fish in it, since the rest share its water and whatever killed it.</div></div>
</div>
<footer><p>Powered by phpBB, all times are UTC.</p></footer>
</body></html>
PAGE
	run uc.html
	expect_rc 0
	expect_grep out 'the tank readings were fine'
	expect_grep out 'clamped fins or gasping'
	expect_grep out 'one dead fish in it'
	! grep -q 'Powered by' out || die "the footer is left"
}

# an article's comments marked up as schema.org Comments still go
t_article_comments() {
	run "$F/trap-article-microdata-comments/input.html"
	expect_rc 0
	expect_grep out 'The council will vote on a smaller version'
	! grep -q 'Mill Street\|Martha Kline\|mill race' out || die "a comment is left"
	expect_empty err
}

# an FAQ in an article uses Question and Answer too: not a Q&A page
t_faq_is_not_qa() {
	cat >faq.html <<'PAGE'
<html><head><title>Repairing a puncture</title></head><body>
<article><h1>Repairing a puncture</h1>
<p>A puncture on the road is a ten-minute job if you carry a spare tube, a pump and two tyre levers, and this guide walks through each step with photos.</p>
<p>First let the rest of the air out, then work a lever under the bead opposite the valve, hook it to a spoke, and run the second lever around the rim.</p>
<p>Before fitting the new tube, run your fingers slowly around the inside of the tyre: whatever made the hole is often still there, and it will make another.</p>
</article>
<section itemscope itemtype="https://schema.org/FAQPage">
<div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question"><h3 itemprop="name">Can I patch the tube instead?</h3>
<div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer"><div itemprop="text"><p>Yes, a patch holds well once the glue is dry, which takes a few minutes.</p></div></div></div>
<div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question"><h3 itemprop="name">How hard should I pump?</h3>
<div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer"><div itemprop="text"><p>To the pressure printed on the side of the tyre, for the rider's weight.</p></div></div></div>
</section></body></html>
PAGE
	run faq.html
	expect_rc 0
	expect_grep out 'run your fingers slowly around the inside of the tyre'
	! grep -q 'thread of posts' err || die "an FAQ taken for a thread"
}

# posts in an aside (a "latest comments" box) are not the page's thread
t_aside_comments() {
	cat >aside.html <<'PAGE'
<html><head><title>New bus timetable</title></head><body>
<article><h1>New bus timetable</h1>
<p>From Monday the number 12 runs every ten minutes at peak times, up from every fifteen, and the last bus leaves the station at half past midnight.</p>
<p>The council says the change follows a survey in which most riders asked for later buses rather than earlier ones.</p>
</article>
<aside><h2>Latest comments</h2>
<div class="comment"><p>About time, the old last bus at eleven left half the late shift walking home along the ring road.</p></div>
<div class="comment"><p>Ten minutes at peak is fine, but what about Sundays, when it still runs once an hour from the depot?</p></div>
<div class="comment"><p>I will believe it when I see it: the last timetable change was announced twice and happened once.</p></div>
</aside></body></html>
PAGE
	run aside.html
	expect_rc 0
	expect_grep out 'the last bus leaves the station at half past midnight'
	! grep -q 'ring road\|Sundays' out || die "an aside's comment is left"
	expect_empty err
}

# the safeguard: a page whose content a script would unhide
t_backs_off() {
	run "$F/trap-hidden-page-prose/input.html"
	expect_rc 0
	expect_grep out 'Garlic wants a long cold spell'
	expect_grep err 'backed off: 4 blocks of body>div#root that rule hidden removed are kept'
	! grep -q '© 2026\|Archive\|Loading' out || die "furniture came back"
}

# a <header> inside <main> is no banner: it may be backed off, the site's
# header and footer may not
t_header_in_main() {
	run "$F/trap-header-holds-article/input.html"
	expect_rc 0
	expect_grep out 'never cleaning the shower screen'
	expect_grep err 'backed off: 5 blocks of body>div.page-wrapper>main.main-wrapper>header.section_blog-post'
	! grep -q 'small kitchen\|Shop' out || die "the site's header or footer came back"
}

# ...but not on a page of navigation: its footer is a landmark
t_nav_only_stays_empty() {
	run "$F/trap-nav-only-page/input.html"
	expect_rc 0
	expect_grep out 'Slugs without pellets'
	! grep -q 'All rights reserved\|Onions' out || die "a landmark or a hidden menu came back"
	expect_empty err
}

# targeted rules stand: a removal by a block's own text is never undone
t_text_rules_stand() {
	cat >rules <<'RULES'
garlic-lines: drop /garlic|cloves|mulch/i
RULES
	run --rules rules "$F/trap-hidden-page-prose/input.html"
	expect_rc 0
	! grep -q 'cloves\|mulch' out || die "a text rule's removal was undone"
}

# what the safeguard gave back stays: the rules that run again over it
# (its hidden parts, its picker) may not take it again box by box
t_given_back_stays() {
	cat >nest.html <<'PAGE'
<html><head><title>Leeks</title></head><body><div class="wrap"><div class="inner"><h1>Leeks</h1>
<p>Leeks want a long season in rich soil, sown indoors in late winter and planted out deep in early summer.</p>
<p>Earth them up as they grow to blanch the stems, and lift them from autumn through to the spring.</p>
</div></div></body></html>
PAGE
	printf 'boxes: drop {div}\n' >rules
	run --rules rules nest.html
	expect_rc 0
	expect_grep err 'backed off: 3 blocks of body>div.wrap that rule boxes removed are kept'
	expect_grep out 'Leeks want a long season'
	expect_grep out 'lift them from autumn'
	# the whole page's element is named too
	printf 'all: drop {html}\n' >rules
	run --rules rules nest.html
	expect_grep err 'backed off: 3 blocks of html that rule all removed are kept'
}

# a cookie consent dialog holds more prose than a listing of short cards:
# backing off must not bring it back
t_dialog_stays_out() {
	{
		printf '<html><head><title>Dinner recipes</title></head><body><main><h1>Dinner recipes</h1><ul>'
		for i in 1 2 3 4 5 6; do printf '<li><a href="/r%s">Chicken dinner number %s</a></li>' $i $i; done
		printf '</ul></main><div id="consent"><div role="dialog" aria-label="Privacy">'
		for i in 1 2 3; do printf '<p>We and our partners store and access information on your device, such as cookies, and process personal data for personalised advertising and content, measurement and audience research, paragraph %s.</p>' $i; done
		printf '</div></div></body></html>'
	} >cards.html
	run cards.html
	expect_rc 0
	expect_grep out 'Chicken dinner number 6'
	! grep -q 'partners store' out || die "the consent dialog came back"
	! grep -q 'backed off' err || die "backed off: $(cat err)"
}

# a forum's shell as lynx prints it (Discourse without its crawler view:
# the <link> line and a login form): nothing stays, and the warning says
# so and which rule took the most; the text is empty, exit 0
t_emptied_text_warns() {
	printf '   #Astronomy Search next\n\n   ____________________ ____________________ Log In\n' >shell.txt
	run --format=text shell.txt
	expect_rc 0
	expect_empty out
	expect_grep err 'warning: nothing kept: the rules removed all 2 blocks of the page (0 of them prose), 1 by rule'
}

t "Discourse's <noscript> crawler view: the posts are the body, with a warning" t_discourse_noscript
t "posts named comment: thread kept, heads kept, votes and reply prompt gone" t_comment_names
t "schema.org UserComments are a thread's replies, its first post's articleBody no body" t_user_comments
t "trap: an article's schema.org Comments still go" t_article_comments
t "trap: an FAQ's Question/Answer microdata is no Q&A thread" t_faq_is_not_qa
t "trap: comments in an aside are not the thread" t_aside_comments
t "safeguard: a hidden page of prose comes back, with a warning naming the removal" t_backs_off
t "safeguard: a header inside <main> comes back, the site's header and footer do not" t_header_in_main
t "safeguard: a page of navigation gets no landmark or hidden menu back" t_nav_only_stays_empty
t "safeguard: removals by text (targeted rules) stand" t_text_rules_stand
t "safeguard: what it gave back, the rules run again over it do not take again" t_given_back_stays
t "safeguard: a consent dialog never comes back" t_dialog_stays_out
t "safeguard: a text the rules empty (a forum's shell in lynx) warns" t_emptied_text_warns

echo "1..$n"
