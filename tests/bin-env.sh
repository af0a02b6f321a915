# tests/bin-env.sh - sourced by make check (AM_TESTS_ENVIRONMENT) and by
# tests/tap-lib.sh: in a build tree cleaner/cleaner is libtool's wrapper
# script, a shell start (0.1 s, more under ASan) before every run, and the
# tests run cleaner thousands of times. So CLEANER_BIN names the program it
# wraps, with the library path the wrapper would set; SO names the build's
# shared library (absent when built with --disable-shared).
# Sourced twice under make check (by the test environment, then by
# tap-lib.sh): the second time CLEANER_BIN is already the program itself.
_lt=$(dirname "$CLEANER_BIN")
[ "${_lt##*/}" = .libs ] || _lt=$_lt/.libs
SO=$_lt/libcleaner.so
if [ -x "$_lt/cleaner" ] && [ "$(head -c 2 "$CLEANER_BIN")" = '#!' ]; then
	CLEANER_BIN=$_lt/cleaner
	LD_LIBRARY_PATH=$_lt${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export CLEANER_BIN LD_LIBRARY_PATH
fi
