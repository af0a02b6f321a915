"""The exceptions of the cleaner package: one class per CLN_E* code of
cleaner.h, all CleanerError. A rule-file error carries where it is
(file, line, column, offset: 1-based line, 1-based byte column) and the
text of that line; str() shows it as the CLI does:

    site.rules:3:7: error: unknown action 'dorp' (actions: ...)
        ad: dorp "Share this"
            ^
"""
from __future__ import annotations

from typing import Dict, List, Optional, Type


class CleanerError(Exception):
    """An error libcleaner reported. `code` is its CLN_E* value (negative)."""

    code: int = 0

    def __init__(self, message: str, *, code: Optional[int] = None, file: str = "",
                 line: int = 0, column: int = 0, offset: int = 0, source_line: str = "",
                 located: str = "", errors: Optional[List["CleanerError"]] = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.file = file                  # rule file name as given, or ""
        self.line = line                  # 1-based, 0 when unknown
        self.column = column              # 1-based byte column, 0 when unknown
        self.offset = offset              # byte offset in the file
        self.source_line = source_line    # the offending line, or ""
        self._located = located or message
        # every error of the load (this one first), as jq and the CLI list them
        self.errors: List[CleanerError] = errors if errors is not None else [self]

    def __str__(self) -> str:
        if not self.source_line or not self.column:
            return self._located
        # the caret under the column's character (the column counts bytes);
        # tabs stay tabs so that it lines up
        raw = self.source_line.encode("utf-8", "surrogateescape")
        lead = raw[:self.column - 1].decode("utf-8", "replace")
        pad = "".join(c if c == "\t" else " " for c in lead)
        return "%s\n    %s\n    %s^" % (self._located, self.source_line, pad)


class RuleSyntaxError(CleanerError):
    """A malformed rule file (CLN_ESYNTAX), or a bad selector."""
    code = -3


class RegexError(CleanerError):
    """A rule's pattern does not compile (CLN_EREGEX)."""
    code = -4


class DuplicateRuleIdError(CleanerError):
    """Two rules share an id (CLN_EDUPID)."""
    code = -5


class IncludeError(CleanerError):
    """An include loop, too deep, or a missing included file (CLN_EINCLUDE)."""
    code = -6


class CleanerIOError(CleanerError, OSError):
    """A rule file could not be read (CLN_EIO)."""
    code = -2


class InvalidArgumentError(CleanerError, ValueError):
    """A bad argument to the library (CLN_EINVAL)."""
    code = -7


class DocumentTooBigError(CleanerError, ValueError):
    """A document over 4 GiB - 1 bytes (CLN_ETOOBIG)."""
    code = -9


class CleanerMemoryError(CleanerError, MemoryError):
    """The library ran out of memory (CLN_ENOMEM)."""
    code = -1


_BY_CODE: Dict[int, Type[CleanerError]] = {
    cls.code: cls for cls in (RuleSyntaxError, RegexError, DuplicateRuleIdError, IncludeError,
                              CleanerIOError, InvalidArgumentError, DocumentTooBigError,
                              CleanerMemoryError)
}


def error_class(code: int) -> Type[CleanerError]:
    """The exception class of a CLN_E* code (CleanerError for others)."""
    return _BY_CODE.get(code, CleanerError)
