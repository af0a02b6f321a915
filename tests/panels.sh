#!/bin/sh
# tests/panels.sh - closed panels the `hidden` rule spares
# (rules/html.rules): a hidden role=region named by its header
# (aria-labelledby, the WAI-ARIA accordion pattern) stays, and so do panels
# named in BEM's style (tab__content, toggle__content); a region no header
# names and a hidden dialog go. Through the CLI.
# TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# trap: closed steps stay, other hidden boxes go
t_region_panels_trap() {
	d=$F/trap-hidden-region-panels
	run --report=report "$d/input.html"
	expect_rc 0
	expect_same out "$d/expected.txt"
	expect_grep out '^Tip the pot on its side'
	expect_grep out '^Fill around the roots with fresh compost'
	# closed panels named in BEM's style: tab__content, toggle__content
	expect_grep out '^In winter, move the pot somewhere frost-free'
	expect_grep out '^A pot far too big holds more wet compost'
	expect_none out 'Your basket is empty' "Join our growers' club" 'Get ten per cent off'
	report_rules report | grep -qx hidden || die "hidden did not run"
}

# real page: a guide's steps in closed accordion panels stay
t_region_panels_real() {
	d=$F/real-html-article-accordion-steps
	run "$d/input.html"
	expect_rc 0
	expect_same out "$d/expected.txt"
	expect_grep out '^1. Understand your electric bill$'
	expect_grep out '^2. Permits and documents$'
}

# WAI-ARIA's disclosure: a button with aria-controls (or aria-expanded, or
# a box holding such a toggle) over its closed panel, HTML's own <details>,
# and a box that asks a question over its hidden answer: the panel stays
# when it holds a sentence; a hidden menu after a toggle, and a hidden box
# under a label, go
t_disclosure_panels() {
	cat >page.html <<'PAGE'
<html><head><title>Evening course in print design</title></head><body>
<nav><button aria-controls="menu" aria-expanded="false">Courses</button>
<div id="menu" hidden><a href="/a">Print design</a> <a href="/b">Web design</a> <a href="/c">Typography</a></div></nav>
<main><h1>Evening course in print design</h1>
<p>Twelve weeks of evening classes on layout, type and colour, taught by working designers in small groups, with a printed portfolio at the end.</p>
<div class="item"><button aria-controls="item-1" aria-expanded="false" id="item-1-heading">Who teaches it</button>
<div hidden id="item-1" aria-labelledby="item-1-heading"><p>Every teacher runs a studio of their own and teaches two evenings a week, so what you learn is what the studios are doing now.</p></div></div>
<div class="item"><button aria-controls="item-2" aria-expanded="false" id="item-2-heading">What you leave with</button>
<div hidden id="item-2" aria-labelledby="item-2-heading"><p>You leave with a portfolio of eight printed pieces and a site that shows them, and with a review of both by a studio that hires.</p></div></div>
<details><summary><h4>Can I pay in parts?</h4></summary>
<div class="content" aria-hidden="true"><p>Yes: a third when you enrol, a third at the fourth week and the last third at the eighth, with nothing added for paying so.</p></div></details>
<div><a href="#" class="show-hide" aria-expanded="false">How we grade</a></div>
<div class="hide" aria-hidden="true"><p>Each piece is graded by two teachers who did not teach it, and the grade is the lower of theirs unless a third teacher agrees with the higher.</p></div>
<div class="faq"><div class="q" cursor="pointer">Do I need my own laptop?</div>
<div style="visibility:hidden" class="a">No: the studio lends each student a laptop with the software installed for the twelve weeks, and you may take it home between classes.</div></div>
<div class="note"><div class="t">Newsletter</div>
<div style="visibility:hidden">Sign up to hear about the next course's dates before anyone else does, and about the evenings we hold for past students.</div></div>
</main></body></html>
PAGE
	run page.html
	expect_rc 0
	expect_grep out 'what the studios are doing now'
	expect_grep out 'a portfolio of eight printed pieces'
	# a <details> element's content after its <summary>; a panel right
	# after the box that holds its toggle
	expect_grep out 'a third when you enrol'
	expect_grep out 'graded by two teachers'
	# a hidden answer right under its question; not a box under a label
	expect_grep out 'the studio lends each student a laptop'
	expect_none out 'Web design' 'Typography' "hear about the next course's dates"
}

t "trap: closed accordion regions stay, an unnamed region and a dialog go" t_region_panels_trap
t "an article's steps in closed accordion regions stay (real page)" t_region_panels_real
t "a disclosure's, <details>' or question's closed panel of sentences stays; a hidden menu goes" t_disclosure_panels

echo "1..$n"
