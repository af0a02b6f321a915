"""cleaner: strip boilerplate from scraped pages with libcleaner's rules.

    import cleaner
    rules = cleaner.Rules.default()
    res = rules.clean(html, url="https://example.com/a")
    print(res.title, res.page_type)
    print(res.text)                      # what the `cleaner` command writes
    for r in res.removals:               # what went, which rule, where
        print(r.rule, r.byte_range, r.path, r.text)
    for res in rules.clean_many(pages, threads=4):   # in input order
        ...

A thin ctypes binding: the cleaning is libcleaner's (see cleaner.h).
"""
from ._lib import lib as _clib
from .errors import (CleanerError, CleanerIOError, CleanerMemoryError, DocumentTooBigError,
                     DuplicateRuleIdError, IncludeError, InvalidArgumentError, RegexError,
                     RuleSyntaxError)
from .result import PageSignal, Removal, Result, RuleStat, Totals
from .rules import Rules

__version__: str = _clib.cln_version().decode("ascii")
"""The version of the libcleaner loaded (and of this package, built with it)."""

__all__ = [
    "Rules", "Result", "Removal", "RuleStat", "Totals", "PageSignal",
    "CleanerError", "RuleSyntaxError", "RegexError", "DuplicateRuleIdError", "IncludeError",
    "CleanerIOError", "InvalidArgumentError", "DocumentTooBigError", "CleanerMemoryError",
    "library_path", "__version__",
]


def library_path() -> str:
    """The libcleaner this package loaded (a path, or the soname)."""
    from ._lib import path
    return str(path)
