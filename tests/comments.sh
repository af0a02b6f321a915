#!/bin/sh
# tests/comments.sh - the comments under an article: comment-section drops
# them as the part `comments` (parts.comments in the JSON output;
# --keep-part=comments gives them back, where they stood), comment-form
# drops the form to leave one as boilerplate, and neither takes a section
# whose id is its heading's words. Through the CLI. TAP output; see
# tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# An article, then its comments and the form to leave one, as WordPress
# prints them; the byline links to the comments with their count.
blog_post() {
	cat <<'EOF'
<html><head><title>Walking the Ridge Path</title></head><body>
<header><nav><a href="/">Home</a> <a href="/walks">Walks</a></nav></header>
<main><article>
<h1>Walking the Ridge Path</h1>
<ul class="post-meta"><li class="meta author">by Ann Example</li>
<li class="meta comments"><a href="#comments">2 Comments</a></li></ul>
<p>The ridge path leaves the village by the church and climbs for an hour through beech woods before it breaks out onto open grass, where the views open to the sea on one side and the hills on the other.</p>
<p>From the top it follows the old drove road along the crest for six miles, past two cairns and a ruined shepherd's hut, before dropping to the valley and the bus stop by the mill.</p>
<p>Take water: there is none on the ridge, and in summer the grass gives no shade at all from the first cairn to the second, whatever the forecast said in the morning.</p>
</article>
<div id="comments" class="comments-area">
<h2 class="comments-title">2 thoughts on "Walking the Ridge Path"</h2>
<ol class="comment-list">
<li id="comment-11" class="comment"><p>Did this last May with two children and it was fine, though the last half mile down to the mill is steep and loose.</p>
<div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div></li>
<li id="comment-12" class="comment"><p>The bus from the mill now leaves at ten to four, not four, so do not stop too long at the second cairn.</p>
<div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div></li>
</ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3>
<form action="/wp-comments-post.php" method="post"><p>Your email address will not be published. Required fields are marked with a star.</p>
<textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div>
</div>
<footer><p>Copyright 2026 Example Walks</p></footer>
</main></body></html>
EOF
}

# the part: each removal's blocks a line each, a blank line between
# removals (the Reply links between the comments are comment-form's)
COMMENTS='2 thoughts on "Walking the Ridge Path"
Did this last May with two children and it was fine, though the last half mile down to the mill is steep and loose.

The bus from the mill now leaves at ten to four, not four, so do not stop too long at the second cairn.'

t_comments_part() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
	blog_post >post.html
	run post.html
	expect_rc 0
	expect_grep out 'Take water: there is none on the ridge'
	expect_no_grep out 'two children'
	expect_no_grep out 'Leave a Reply'
	cp out default.txt
	run --output-format=json post.html
	printf '%s' "$COMMENTS" >want
	python3 - out want <<'PY' || die "parts.comments is not the two comments under their heading"
import json, sys
d = json.load(open(sys.argv[1]))
want = open(sys.argv[2]).read()
assert d['parts'] == {'comments': want}, d.get('parts')
PY
	# given back after the article, where they stood; the form stays out
	run --keep-part=comments post.html
	expect_rc 0
	python3 - default.txt out want <<'PY' || die "--keep-part=comments: not the default text with the comments in place"
import sys
default, kept, want = (open(f).read() for f in sys.argv[1:])
rest = kept[len(default):]
assert kept.startswith(default), kept
assert [l for l in rest.split('\n') if l] == [l for l in want.split('\n') if l], rest
PY
	expect_no_grep out 'Leave a Reply'
	expect_no_grep out '2 Comments'
}
t "an article's comments leave the text as parts.comments; --keep-part=comments gives them back, not the form" t_comments_part

# The same flattened to text, as a scraper or a text browser leaves it:
# main-content ends the body at the first comment's head and drops the
# rest; the comments it drops, from their section's heading to the last
# one's text and before the form's "Leave a Reply", are the part too.
t_text_comments() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
	p='   The ridge path leaves the village by the church and climbs for an hour
   through beech woods before it breaks out onto open grass, where the views
   open to the sea on one side and the hills on the other, and the wind.'
	comments='2 Comments

    1. Hamish R. says:
       May 3, 2025 at 6:34 am
       Did this last May with two children and it was fine, though the last
       half mile down to the mill is steep and loose after rain.
       Reply
    2. wellie_walker says:
       May 4, 2025 at 9:12 pm
       thanks'
	printf 'Walking the Ridge Path\n\n%s\n\n%s\n\n%s\n\n%s\n\nLeave a Reply\n\n   Your email address will not be published. Required fields are marked *\n\n   Copyright 2026 Example Walks\n' \
		"$p" "$p" "$p" "$comments" >post.txt
	printf '%s' "$comments" >want
	run post.txt
	expect_rc 0
	expect_grep out 'and the wind\.$'
	expect_no_grep out 'Hamish'
	cp out default.txt
	run --output-format=json post.txt
	python3 - out want <<'PY' || die "parts.comments is not the comments, heading to last"
import json, sys
d = json.load(open(sys.argv[1]))
assert d['parts'] == {'comments': open(sys.argv[2]).read()}, d.get('parts')
assert [r['detail'] for r in d['report']['removals'] if r.get('part')] == \
    ["after the main content: readers' comments"], d['report']['removals']
PY
	run --keep-part=comments post.txt
	printf '\n%s\n' "$comments" >>default.txt
	expect_same out default.txt
	# a lone section's heading and the form are no comments: no part
	printf 'Walking the Ridge Path\n\n%s\n\n%s\n\n%s\n\nLeave a Reply\n\n   Your email address will not be published. Required fields are marked *\n' \
		"$p" "$p" "$p" >form.txt
	run --output-format=json form.txt
	expect_no_grep out '"parts"'
}
t "a text's readers' comments after the article are parts.comments; the form to comment is not" t_text_comments

# A manual whose sections are named for their headings, one of them about
# comments ("respond-to-review-comments"): the name says what the section
# is about, not what kind of box it is.
t_heading_slug() {
	{
		printf '<html><head><title>Submitting patches</title></head><body><main>\n'
		printf '<h1>Submitting patches</h1>\n'
		for s in describe-your-changes respond-to-review-comments related-work-and-other-reading \
		         sharing-your-work-with-others dont-get-discouraged-or-impatient; do
			printf '<section id="%s"><h2>%s</h2><p>This section, %s, says how patches are sent, read, answered and merged by the people who keep the tree, and what to do while you wait.</p></section>\n' "$s" "$s" "$s"
		done
		printf '</main></body></html>\n'
	} >doc.html
	run doc.html
	expect_rc 0
	for s in respond-to-review-comments related-work-and-other-reading sharing-your-work-with-others; do
		expect_grep out "^This section, $s, says"
	done
	expect_no_grep out 'parts'
}
t "a section whose id is its heading's words (\"respond-to-review-comments\") is not taken for comments or a related box" t_heading_slug

# A reference's sections as DocBook writes them (PostgreSQL's SELECT): a
# <div> whose id is its heading's words in capitals, one of them ending in
# "SHARE" ("SQL-FOR-UPDATE-SHARE" over "The Locking Clause"). Not a
# widget whose id numbers it ("like-post-wrapper-2431-26"): that goes.
t_words_slug() {
	{
		printf '<html><head><title>SELECT</title></head><body><div id="docContent"><h1>SELECT</h1>\n'
		for s in SQL-SELECT-LIST-ITEMS SQL-FOR-UPDATE-SHARE SQL-ORDER-BY-CLAUSE; do
			printf '<div class="refsect2" id="%s"><h3>%s</h3><p>The clause %s decides which rows are read, how they are locked, and in what order the query returns them to the client.</p></div>\n' "$s" "$s" "$s"
		done
		printf '<div class="sharedaddy" id="like-post-wrapper-2431-26-ab"><h3>Like this:</h3><div>Like Loading the page</div></div>\n'
		printf '</div></body></html>\n'
	} >doc.html
	run doc.html
	expect_rc 0
	expect_grep out '^The clause SQL-FOR-UPDATE-SHARE decides'
	expect_grep out '^The clause SQL-ORDER-BY-CLAUSE decides'
	expect_no_grep out 'Like this'
}
t "a reference's <div> whose id is its heading's words in capitals (\"SQL-FOR-UPDATE-SHARE\") is no share box; a numbered widget's id is no heading's" t_words_slug

echo "1..$n"
