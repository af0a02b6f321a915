#!/bin/sh
# tests/python.sh - the Python package (python/cleaner) under pytest: runs
# tests/python/test_*.py against this tree's libcleaner.so and cleaner, and
# prints one TAP line per pytest case (so tests/run counts each). The
# interpreter: $CLEANER_PYTHON (configure's), else python3 on PATH, else
# /usr/bin/python3, the first that has pytest (Debian: python3-pytest).
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

so=$SO
if [ ! -f "$so" ]; then
	echo "1..0 # SKIP no shared library at $so (built with --disable-shared?)"
	exit 0
fi
py=
for c in "${CLEANER_PYTHON:-}" python3 /usr/bin/python3; do
	[ -n "$c" ] && [ "$c" != : ] || continue
	if "$c" -c 'import pytest' >/dev/null 2>&1; then
		py=$c
		break
	fi
done
if [ -z "$py" ]; then
	echo "1..0 # SKIP no python3 with pytest (apt-get install python3-pytest)"
	exit 0
fi

# A sanitizer build's library needs the ASan runtime loaded first; Python
# itself leaks by design, so no leak check there (the C tests do that).
if have ldd && ldd "$so" | grep -q libasan; then
	LD_PRELOAD=$(ldd "$so" | awk '/libasan/ { print $3 }')
	ASAN_OPTIONS=detect_leaks=0:${ASAN_OPTIONS:-}
	export LD_PRELOAD ASAN_OPTIONS
fi

CLEANER_LIBRARY=$so
PYTHONPATH=$S/python${PYTHONPATH:+:$PYTHONPATH}
# the source tree may be read-only (make distcheck): no __pycache__, no cache
PYTHONDONTWRITEBYTECODE=1
export CLEANER_LIBRARY PYTHONPATH PYTHONDONTWRITEBYTECODE CLEANER_BIN CLEANER_SRCDIR

lim 600 "$py" -m pytest -q -p no:cacheprovider --rootdir="$tmp" -c /dev/null \
	--junitxml="$tmp/junit.xml" "$S/tests/python" >"$tmp/pytest.out" 2>&1

# junit XML -> TAP: ok / not ok (the failure's text as diagnostics) / # SKIP
"$py" - "$tmp/junit.xml" <<'PY' || { echo "not ok 1 - pytest ran"; sed 's/^/#   /' "$tmp/pytest.out" | tail -n 60; echo "1..1"; }
import sys
import xml.etree.ElementTree as ET
cases = list(ET.parse(sys.argv[1]).getroot().iter("testcase"))
if not cases:
    sys.exit(1)
for n, c in enumerate(cases, 1):
    name = "%s::%s" % (c.get("classname", "").rsplit(".", 1)[-1], c.get("name"))
    bad = c.find("failure")
    if bad is None:
        bad = c.find("error")
    skipped = c.find("skipped")
    if bad is not None:
        print("not ok %d - %s" % (n, name))
        text = (bad.get("message") or "") + "\n" + (bad.text or "")
        for line in text.strip().splitlines()[-40:]:
            print("#   " + line)
    elif skipped is not None:
        why = (skipped.get("message") or "skipped").splitlines()
        print("ok %d - %s # SKIP %s" % (n, name, why[0] if why else ""))
    else:
        print("ok %d - %s" % (n, name))
print("1..%d" % len(cases))
PY
