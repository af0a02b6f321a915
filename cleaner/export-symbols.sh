#!/bin/sh
# export-symbols.sh HEADER - the functions HEADER declares, one a line, for
# libtool's -export-symbols: libcleaner.so exports exactly its public API,
# and the other cln_ functions the modules share stay inside it.
# Comments are dropped first (they name functions too); what is left of the
# form "cln_name(" is a declaration.
awk '{
	line = $0
	out = ""
	while (line != "") {
		if (incomment) {
			i = index(line, "*/")
			if (!i)
				break
			line = substr(line, i + 2)
			incomment = 0
		} else {
			i = index(line, "/*")
			if (!i) {
				out = out line
				break
			}
			out = out substr(line, 1, i - 1)
			line = substr(line, i + 2)
			incomment = 1
		}
	}
	print out
}' "$1" | grep -oE 'cln_[a-z0-9_]+[[:space:]]*\(' | sed 's/[[:space:]]*($//' | sort -u
