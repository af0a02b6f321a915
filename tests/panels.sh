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

t "trap: closed accordion regions stay, an unnamed region and a dialog go" t_region_panels_trap
t "an article's steps in closed accordion regions stay (real page)" t_region_panels_real

echo "1..$n"
