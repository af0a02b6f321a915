#!/bin/sh
# tests/parts.sh - parts of a page the default rules drop as parts of
# their own (part=NAME): a shop's customer reviews (`reviews`), a Q&A
# page's comments (`comments`). They leave the clean text; the JSON output
# and a --jsonl summary carry them under "parts"; --keep-part=NAME keeps
# them in the text, and a name no rule drops is a usage error. Through the
# CLI. TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

PRODUCT=$S/fixtures/html-product-page/input.html

t_json_parts() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
	run --output-format=json "$PRODUCT"
	expect_rc 0
	python3 - out <<'PY' || die "reviews not under parts"
import json, sys
d = json.load(open(sys.argv[1]))
assert 'Bright enough to read by' not in d['text'], d['text']
assert d['parts'] == {'reviews': 'Reviews\n\nDana: Bright enough to read by in the tent, and the battery '
                      'lasted a whole weekend of camping.\n\nLee: The hook is a little small for thick '
                      'branches, but the light itself is excellent and very even.'}, d['parts']
named = [r['part'] for r in d['report']['removals'] if 'part' in r]
assert named and set(named) == {'reviews'}, d['report']['removals']
PY
	# the plain text output is the text alone; the report names the part
	run --report=rep.txt "$PRODUCT"
	expect_no_grep out 'Bright enough to read by'
	expect_grep rep.txt '^line [0-9]* .*product-reviews  *drop  *"Dana: Bright enough.*" (part reviews) at body>main'
}
t "a product's reviews leave the text; the JSON output has them under parts.reviews" t_json_parts

t_keep_part() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
	# the default text with the part given back where the page has it:
	# the rules chose the rest without it (here the JSON-LD description is
	# still added: the page shows none, reviews apart)
	run "$PRODUCT"
	cp out default.txt
	run --keep-part=reviews "$PRODUCT"
	expect_rc 0
	python3 - default.txt out <<'PY' || die "not the default text with the reviews in place"
import sys
default, kept = (open(f).read() for f in sys.argv[1:])
part = ('Reviews\n\nDana: Bright enough to read by in the tent, and the battery lasted a whole '
        'weekend of camping.\n\nLee: The hook is a little small for thick branches, but the '
        'light itself is excellent and very even.\n\n')
assert part in kept and kept.replace(part, '', 1) == default, kept
assert kept.index(part) < kept.index('A rechargeable camp lantern'), kept
PY
	run --keep-part=reviews --output-format=json "$PRODUCT"
	expect_no_grep out '"parts"'
}
t "--keep-part=reviews gives the reviews back to the default text, in place" t_keep_part

t_keep_part_unknown() {
	run --keep-part=review -o kept.txt "$PRODUCT"
	expect_rc 2
	expect_grep err "keep-part=review: no rule drops a part of that name"
	[ ! -e kept.txt ] || die "an output was written"
	# a part the user's own rules name is known
	printf 'notes: drop /^Note:/ part=notes\n' >notes.rules
	printf 'Note: a remark.\nThe text of the page, a sentence.\n' >page.txt
	run -r notes.rules --keep-part=notes page.txt
	expect_rc 0
	expect_grep out 'Note: a remark.'
}
t "--keep-part with a name no rule drops is a usage error, before any output" t_keep_part_unknown

# WooCommerce prints its reviews as a comment list inside the reviews
# tab (#reviews > #comments > ol.commentlist > li.review): the reviews'
# texts are the part too, not boilerplate taken nameless for its
# "comments" name, and --keep-part=reviews gives them back.
t_shop_comment_reviews() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
	cat >shop.html <<'EOF'
<html><head><title>Trail Sandal | Example Shop</title></head><body>
<main><div class="product type-product">
<h1 class="product_title">Trail Sandal</h1><p class="price">$80.00</p>
<div class="woocommerce-product-details__short-description"><p>A light sandal for rivers and trails, with a sole that grips wet rock and straps that dry in minutes after a crossing.</p></div>
<div class="woocommerce-tabs"><div id="tab-description"><h2>Description</h2>
<p>The footbed is cork under a thin layer of suede, shaped to the foot over the first week of wear, and the outsole is resoled by the maker for as long as you own the pair.</p>
<p>Each strap adjusts at two points, so the sandal holds a narrow heel as well as a wide forefoot, on a day hike or a week on the river.</p></div>
<div id="tab-reviews"><div id="reviews" class="woocommerce-Reviews"><div id="comments">
<h2 class="woocommerce-Reviews-title">2 reviews for Trail Sandal</h2>
<ol class="commentlist">
<li class="review" id="li-comment-11"><p class="meta">Claudio &ndash; May 27, 2020</p><div class="description"><p>Very comfortable and very light, and they dried before lunch.</p></div></li>
<li class="review" id="li-comment-12"><p class="meta">Robert &ndash; June 7, 2020</p><div class="description"><p>The grip on wet rock is as good as my boots.</p></div></li>
</ol></div></div></div></div>
</div></main></body></html>
EOF
	run --output-format=json shop.html
	expect_rc 0
	python3 - out <<'PY' || die "the reviews' texts are not parts.reviews"
import json, sys
d = json.load(open(sys.argv[1]))
p = d['parts']['reviews']
assert 'dried before lunch' in p and 'as good as my boots' in p, p
assert 'dried before lunch' not in d['text'], d['text']
PY
	run --keep-part=reviews shop.html
	expect_grep out 'dried before lunch'
	expect_grep out 'as good as my boots'
}
t "a shop's reviews in a comment list (WooCommerce) are parts.reviews, texts and all" t_shop_comment_reviews

t_jsonl_parts() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
	python3 - "$PRODUCT" >in.jsonl <<'PY'
import json, sys
print(json.dumps({'html': open(sys.argv[1]).read()}))
print(json.dumps({'text': 'A line of the page.\n'}))
PY
	run --jsonl in.jsonl
	expect_rc 0
	python3 - out <<'PY' || die "no parts in the summary"
import json, sys
page, text = [json.loads(l) for l in open(sys.argv[1])]
assert page['cleaner']['parts']['reviews'].startswith('Reviews\n\nDana: Bright enough'), page['cleaner']
assert 'Bright enough' not in page['text']
assert 'parts' not in text['cleaner'], text['cleaner']
PY
	run --jsonl --keep-part=reviews in.jsonl
	expect_rc 0
	python3 - out <<'PY' || die "the reviews are not kept"
import json, sys
page = json.loads(open(sys.argv[1]).readline())
assert 'parts' not in page['cleaner'] and 'Bright enough' in page['text'], page
PY
}
t "--jsonl: the summary carries the parts; --keep-part keeps them in the text field" t_jsonl_parts

t_qa_comments_part() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
	{
		printf '<html><body><div itemscope itemtype="https://schema.org/QAPage"><div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">'
		printf '<h1 itemprop="name">Why does my sourdough not rise?</h1><div itemprop="text"><p>My starter bubbles, but the loaf stays flat after a night in the fridge. What am I doing wrong?</p></div>'
		printf '<div itemscope itemtype="https://schema.org/Comment"><p>Which flour do you use?</p></div>'
		printf '<div itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer"><div itemprop="text"><p>Feed the starter twice before baking and let the dough rise somewhere warm; a cold starter is slow to lift a loaf.</p></div>'
		printf '<div itemscope itemtype="https://schema.org/Comment"><p>That worked, thanks!</p></div></div>'
		printf '</div></div></body></html>\n'
	} >qa.html
	run --output-format=json qa.html
	expect_rc 0
	python3 - out <<'PY' || die "comments not under parts"
import json, sys
d = json.load(open(sys.argv[1]))
assert d['parts'] == {'comments': 'Which flour do you use?\n\nThat worked, thanks!'}, d.get('parts')
assert 'Feed the starter twice' in d['text'] and 'That worked' not in d['text'], d['text']
PY
	run --keep-part=comments qa.html
	expect_grep out 'That worked, thanks!'
}
t "a Q&A page's comments under the posts are parts.comments; --keep-part=comments keeps them" t_qa_comments_part

t_explain_kept_parts() {
	run --explain --keep-part=reviews "$PRODUCT"
	expect_rc 0
	expect_grep out '^parts kept in the text, their removals given back: review-comments (reviews), product-reviews (reviews), product-review-names (reviews), review-section (reviews), review-summary (reviews)$'
	expect_no_grep out 'other sites, not run: .*product-reviews'
	[ "$HAVE_PY" = yes ] || return 0
	run --explain=json --keep-part=reviews "$PRODUCT"
	python3 - out <<'PY' || die "rules_of_kept_parts wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert d['rules_of_kept_parts'] == ['review-comments', 'product-reviews', 'product-review-names', 'review-section',
                                     'review-summary'], d['rules_of_kept_parts']
assert 'product-reviews' not in d['rules_for_other_sites']
PY
}
t "--explain names the rules of the parts kept, not as other sites' rules" t_explain_kept_parts

echo "1..$n"
