# tests/tap-lib.sh - what every shell test script shares: the binary and
# source paths, a fresh folder per test, TAP output and expectations.
# Sourced by tests/*.sh (cli.sh and the others); not a test of its own.
# Each script ends with: echo "1..$n"
CLEANER_BIN=${CLEANER_BIN:-$PWD/cleaner/cleaner}
CLEANER_SRCDIR=${CLEANER_SRCDIR:-$PWD}
. "$CLEANER_SRCDIR/tests/bin-env.sh"
B=$CLEANER_BIN
# a shared build (libtool's .la names a dlname) whose library is not at
# $SO: the library's tests (lib.sh, python.sh, dask.sh) would skip unseen
if grep -q "^dlname='..*'" "${_lt%/.libs}/libcleaner.la" 2>/dev/null && [ ! -f "$SO" ]; then
	echo "Bail out! a shared build, but no library at $SO"
	exit 1
fi
S=$CLEANER_SRCDIR
F=$S/fixtures
LC_ALL=C
export LC_ALL

if [ ! -x "$B" ] || [ ! -f "$S/cleaner/cli/main.c" ]; then
	echo "1..0 # SKIP no cleaner binary at $B or no source tree at $S"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cleaner-cli.XXXXXX") || {
	echo "Bail out! cannot make a temporary folder"
	exit 1
}
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

have() { command -v "$1" >/dev/null 2>&1; }

# numbered TEMPLATE N: TEMPLATE N times, its NUM as 1 to N (a grid of cards)
numbered() {
	_i=1
	while [ $_i -le "$2" ]; do
		printf '%s' "$1" | sed "s/NUM/$_i/g"
		_i=$((_i + 1))
	done
}

# wait_handler PID SIG (INT, TERM or HUP): wait, up to 30 s, until the
# cleaner started as PID catches SIG (Linux: SigCgt in /proc/PID/status, once
# the process is the program itself, not a libtool wrapper script), so the
# signal sent next meets its handler, not the default action: a loaded
# machine may take over a second to start it. Elsewhere a one-second sleep.
wait_handler() {
	if [ ! -r "/proc/$1/status" ]; then
		sleep 1
		return 0
	fi
	case $2 in HUP) _bit=0 ;; INT) _bit=1 ;; *) _bit=14 ;; esac
	_i=0
	while [ $_i -lt 300 ] && kill -0 "$1" 2>/dev/null; do
		case $(readlink "/proc/$1/exe" 2>/dev/null) in
		*cleaner)
			_m=$(awk '/^SigCgt:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
			_m=${_m#????????}
			[ -n "$_m" ] && [ $(((0x$_m >> _bit) & 1)) -eq 1 ] && return 0
			;;
		esac
		sleep 0.1
		_i=$((_i + 1))
	done
}
HAVE_PY=no
have python3 && python3 -c 'import json' 2>/dev/null && HAVE_PY=yes

n=0

# t DESC FUNC [ARGS...]: run FUNC in a subshell inside a fresh folder; it
# passes by returning 0 and fails by calling die (or returning non-zero).
# Its output becomes TAP diagnostics. A FUNC that prints "SKIP: why" as its
# last line and returns 77 is reported as skipped.
t() {
	desc=$1
	shift
	n=$((n + 1))
	mkdir "$tmp/$n"
	(cd "$tmp/$n" && "$@") >"$tmp/$n.log" 2>&1
	st=$?
	if [ $st -eq 0 ]; then
		echo "ok $n - $desc"
	elif [ $st -eq 77 ]; then
		echo "ok $n - $desc # SKIP $(tail -n 1 "$tmp/$n.log")"
	else
		echo "not ok $n - $desc"
		sed -e 's/^/#   /' "$tmp/$n.log" | head -n 40
	fi
	rm -rf "${tmp:?}/$n"
}

die() {
	echo "$*"
	exit 1
}
skip() {
	echo "$*"
	exit 77
}

# run ARGS...: run cleaner, stdout in out, stderr in err, status in $rc.
run() {
	"$B" "$@" >out 2>err
	rc=$?
}
# run_in FILE ARGS...: the same with standard input from FILE.
run_in() {
	_in=$1
	shift
	"$B" "$@" <"$_in" >out 2>err
	rc=$?
}
# lim SECONDS CMD...: run CMD with a time limit when timeout(1) exists
# (status 124; killed 10 s later if it outlives its TERM).
lim() {
	_s=$1
	shift
	if have timeout; then timeout -k 10 "$_s" "$@"; else "$@"; fi
}

# small_vm KB: can cleaner run within KB of address space (not with ASan,
# which reserves terabytes)?
small_vm() {
	(ulimit -v "$1" && "$B" --version) >/dev/null 2>&1
}

expect_rc() {
	[ "$rc" = "$1" ] || {
		echo "exit status $rc, expected $1"
		echo "stderr:"
		head -c 2000 err
		die
	}
}
expect_empty() {
	[ ! -s "$1" ] || {
		echo "$1 should be empty; it holds:"
		head -c 2000 "$1"
		die
	}
}
expect_grep() { # FILE PATTERN (basic regex)
	grep -q -e "$2" "$1" || {
		echo "no '$2' in $1:"
		head -c 2000 "$1"
		die
	}
}
expect_no_grep() { # FILE PATTERN (basic regex): the pattern is not in the file
	! grep -q -e "$2" "$1" || {
		echo "'$2' should not be in $1:"
		head -c 2000 "$1"
		die
	}
}
expect_same() { # GOT EXPECTED
	cmp "$1" "$2" || die "$1 differs from $2"
}
# need_py: skip the test without python3
need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}
# expect_none FILE TEXT...: no line of FILE holds any of the fixed TEXTs
expect_none() {
	_f=$1
	shift
	for _s in "$@"; do
		if grep -qF -- "$_s" "$_f"; then die "'$_s' is still there"; fi
	done
}
# The text report's rule ids: fourth field of every "line N" / "lines N-M" row.
report_rules() {
	awk '$1 == "line" || $1 == "lines" { print $4 }' "$1"
}
sum() {
	cksum <"$1"
}

