#!/bin/sh
# tests/lib.sh - the library seen from outside, printing TAP: what
# libcleaner.so exports, and time limits on text main-content.
# Run like tests/cli.sh (by make check, or by hand: sh tests/lib.sh).

. "$(dirname "$0")/tap-lib.sh"

# ---- text main-content is linear (issue 9, item 8) -------------------------

t_menu_lines_linear() {
	# ../shared/repro/text-strstr/menu100k.txt six times over: lines with no
	# sentence punctuation used to be searched for "。" to the end of the
	# document (2 MB: 2.2 s, so 12 MB: over 80 s); now about a second
	awk 'BEGIN { split("Home News Sports Weather Local Politics Video Opinion", w);
		for (i = 0; i < 600000; i++) print w[i % 8 + 1], w[(i * 3) % 8 + 1], w[(i * 5) % 8 + 1] }' \
		>menu.txt
	lim 20 "$B" -o out.txt menu.txt || die "cleaner failed or took over 20 s"
}
t "text main-content: 600,000 menu lines in under 20 s" t_menu_lines_linear

# ---- exports (issue 9, item 18) ---------------------------------------------

# The functions cleaner.h declares: lines that begin with a type and name a
# cln_ function (comments begin with " *" or "/*", fields are indented).
header_functions() {
	sed -n 's/^[a-z].*[ *]\(cln_[a-z0-9_]*\)(.*/\1/p' "$S/cleaner/cleaner.h" | sort -u
}

t_exports_are_the_api() {
	so=$SO
	[ -f "$so" ] || skip "SKIP: no shared library at $so"
	have nm || skip "SKIP: no nm"
	header_functions >want
	[ "$(wc -l <want)" -ge 20 ] || die "found only $(wc -l <want) functions in cleaner.h"
	nm -D --defined-only "$so" | awk '{ print $NF }' | sort -u >got
	diff want got || die "libcleaner.so exports differ from cleaner.h (< header only, > .so only)"
}
t "libcleaner.so exports exactly the functions of cleaner.h" t_exports_are_the_api

echo "1..$n"
