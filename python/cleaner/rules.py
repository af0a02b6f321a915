"""Rules: a compiled rule set, and cleaning documents with it.

A Rules object wraps one cln_rules, compiled once and immutable: any number
of threads may clean with it at once. ctypes lets go of the GIL while the
library runs, so clean_many's threads clean in parallel.
"""
from __future__ import annotations

import concurrent.futures
import ctypes
import os
from collections import deque
from typing import (Any, Deque, Iterable, Iterator, List, Optional, Sequence, Tuple,
                    Union)

from . import _lib
from ._lib import lib
from .errors import CleanerError
from .result import Result, raise_error, to_exception

Document = Union[str, bytes, bytearray, memoryview]
PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

_FORMATS = {"auto": _lib.FORMAT_AUTO, "text": _lib.FORMAT_TEXT, "html": _lib.FORMAT_HTML}


class _Handle:
    """Owns a cln_rules pointer; freed when the last holder (the Rules, the
    Results made with it, a clean running) lets go of it."""

    def __init__(self, ptr: int) -> None:
        self.ptr = ptr

    def __reduce__(self) -> Any:
        raise TypeError("cleaner: a rule set handle cannot be pickled (a Rules can)")

    def __del__(self) -> None:
        if self.ptr:
            lib.cln_rules_free(self.ptr)
            self.ptr = 0


def _encode(doc: Document) -> bytes:
    if isinstance(doc, str):
        return doc.encode("utf-8", "surrogateescape")
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, (bytearray, memoryview)):
        return bytes(doc)
    raise TypeError("cleaner: a document is str or bytes, not %s" % type(doc).__name__)


def _opt_bytes(s: Optional[str], what: str) -> Optional[bytes]:
    if s is None:
        return None
    if not isinstance(s, str):
        raise TypeError("cleaner: %s is a str, not %s" % (what, type(s).__name__))
    return s.encode("utf-8")


class Rules:
    """A compiled rule set: the built-in defaults (unless no_defaults), then
    rule files in order, then rule text. Build one with Rules.default(),
    Rules.load() or Rules.from_text(). Errors raise a CleanerError subclass
    carrying file, line, column and the source line of the first error, and
    every error of the load in its `errors` list."""

    def __init__(self, *, files: Sequence[PathLike] = (), text: Optional[str] = None,
                 text_name: str = "<rules>", no_defaults: bool = False) -> None:
        names = [os.fsencode(f) for f in files]
        arr = (ctypes.c_char_p * max(len(names), 1))(*names)
        errors: List[CleanerError] = []

        def collect(err_p: Any, _userdata: Any) -> None:
            errors.append(to_exception(err_p.contents))

        cb = _lib.ErrorCallback(collect)
        raw = text.encode("utf-8") if text is not None else None
        opts = _lib.RulesOptions(
            version=_lib.RULES_OPTIONS_VERSION, no_defaults=1 if no_defaults else 0,
            files=arr if names else None, nfiles=len(names),
            text=raw, text_len=len(raw) if raw else 0,
            text_name=text_name.encode("utf-8"), on_error=cb, userdata=None)
        if raw is not None and not raw:
            opts.text = None  # empty text: nothing to load (0 would read it as a C string)
        out, err = ctypes.c_void_p(), _lib.Error()
        if lib.cln_rules_new(ctypes.byref(out), ctypes.byref(opts), ctypes.byref(err)) < 0:
            for e in errors:
                e.errors = errors  # each knows them all, the first is raised
            if errors:
                raise errors[0]
            raise_error(err)
        self._h: Optional[_Handle] = _Handle(out.value or 0)
        # what pickle sends: the sources, compiled again where it is loaded
        self._sources = ([os.path.abspath(f) for f in files], text, text_name, no_defaults)

    @classmethod
    def default(cls) -> "Rules":
        """The built-in default rules (what `cleaner` runs without -r)."""
        return cls()

    @classmethod
    def load(cls, paths: Union[PathLike, Iterable[PathLike]], no_defaults: bool = False) -> "Rules":
        """The defaults (unless no_defaults), then the rule files in order."""
        if isinstance(paths, (str, bytes, os.PathLike)):
            paths = [paths]
        return cls(files=list(paths), no_defaults=no_defaults)

    @classmethod
    def from_text(cls, text: str, no_defaults: bool = False, name: str = "<rules>") -> "Rules":
        """The defaults (unless no_defaults), then rules written in `text`;
        errors name it `name`. Includes are read relative to the current folder."""
        return cls(text=text, text_name=name, no_defaults=no_defaults)

    def __reduce__(self) -> Tuple[Any, ...]:
        """Pickled, a Rules is its sources: rule file paths (made absolute),
        rule text and no_defaults; unpickling compiles them again, so the
        files must be at the same paths there (e.g. shared storage)."""
        files, text, text_name, no_defaults = self._sources
        return (_rebuild, (files, text, text_name, no_defaults))

    # ---- lifetime ---------------------------------------------------------
    def close(self) -> None:
        """Let go of the rule set: freed now, or when the last Result made
        with it is closed. Cleaning after close() raises ValueError."""
        self._h = None

    def __enter__(self) -> "Rules":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _handle(self) -> _Handle:
        h = self._h
        if h is None:
            raise ValueError("cleaner: the Rules are closed")
        return h

    def __len__(self) -> int:
        """The number of rules (keep rules included)."""
        return int(lib.cln_rules_count(self._handle().ptr))

    def __repr__(self) -> str:
        return "<cleaner.Rules %s>" % ("closed" if self._h is None else "%d rules" % len(self))

    # ---- cleaning ---------------------------------------------------------
    def clean(self, document: Document, format: str = "auto", url: Optional[str] = None, *,
              markdown: bool = True, links: bool = False, images: bool = False,
              charset: Optional[str] = None, match_limit: int = 0,
              page_type: Optional[str] = None, wrap_width: int = 0,
              keep_parts: Iterable[str] = ()) -> Result:
        """Clean one page: HTML or text a scraper flattened (str or bytes;
        bytes in any charset for HTML). format: "auto", "text" or "html".
        url: where it comes from, for rules scoped to sites (default: an HTML
        page's canonical link). markdown: make the Markdown (off: a little
        faster, and result.markdown fails for HTML); links/images keep them
        in it. charset: decode
        HTML with it whatever the page says. match_limit: PCRE2's per call
        (0: the library's default). page_type: read the page as that type
        ("article", "forum", "product", "collection", "listing",
        "documentation", "service") whatever its signals say (default: they
        decide; another name raises InvalidArgumentError). wrap_width: text
        hard-wrapped at a fixed width has each paragraph's lines read as one
        block: 0 (default) the text says whether it is, -1 it is not, 10 to
        1000 it is, filled up to that many columns (another value raises
        InvalidArgumentError). keep_parts: parts of the page that rules drop
        as parts of their own ("reviews", "comments": result.parts) to keep
        in the text instead, given back where they stood; a name no rule
        drops raises ValueError."""
        fmt = _FORMATS.get(format)
        if fmt is None:
            raise ValueError("cleaner: format must be 'auto', 'text' or 'html', not %r" % (format,))
        h = self._handle()
        data = _encode(document)
        url_b, charset_b = _opt_bytes(url, "url"), _opt_bytes(charset, "charset")
        md = 0
        if markdown:
            md = (_lib.MARKDOWN | (_lib.MARKDOWN_LINKS if links else 0) |
                  (_lib.MARKDOWN_IMAGES if images else 0))
        keep = [keep_parts] if isinstance(keep_parts, str) else list(keep_parts)
        for name in keep:
            if not lib.cln_rules_has_part(h.ptr, name.encode("utf-8")):
                raise ValueError("cleaner: keep_parts: no rule drops a part named %r" % (name,))
        opts = _lib.CleanOptions(version=_lib.CLEAN_OPTIONS_VERSION, match_limit=match_limit,
                                 format=fmt, charset=charset_b, html_piece=0, url=url_b,
                                 explain=None, markdown=md,
                                 page_type=_opt_bytes(page_type, "page_type"),
                                 wrap_width=wrap_width,
                                 keep_parts=" ".join(keep).encode("utf-8") if keep else None)
        out, err = ctypes.c_void_p(), _lib.Error()
        if lib.cln_clean(ctypes.byref(out), h.ptr, data, len(data), ctypes.byref(opts),
                         ctypes.byref(err)) < 0:
            raise_error(err)
        return Result(out.value or 0, h)

    def clean_many(self, documents: Iterable[Union[Document, Tuple[Document, Optional[str]]]],
                   threads: Optional[int] = None, *, errors: str = "raise",
                   **options: Any) -> Iterator[Union[Result, Exception]]:
        """Clean documents on `threads` threads (default: the cores; 1: in
        the calling thread), yielding Results in input order. An item is a
        document, or a (document, url) pair. `options` are clean()'s
        keywords (format, url, markdown, ...). errors="raise" (default)
        raises a document's error when its turn comes; "return" yields the
        exception (a CleanerError, or the TypeError or ValueError of an item
        that is no document) in its place and goes on. At most 4 x threads
        documents are in flight, so the input may be any size."""
        if errors not in ("raise", "return"):
            raise ValueError("cleaner: errors must be 'raise' or 'return', not %r" % (errors,))
        n = threads if threads is not None else (os.cpu_count() or 1)
        if n < 1:
            raise ValueError("cleaner: threads must be at least 1")

        def one(item: Any) -> Union[Result, Exception]:
            doc, kw = item, options
            try:
                if isinstance(item, tuple):
                    doc, url = item
                    kw = dict(options, url=url)
                res = self.clean(doc, **kw)
            except (CleanerError, TypeError, ValueError) as e:
                if errors == "raise":
                    raise
                return e
            res.text_bytes  # rendered here, in parallel, not in the consumer
            return res

        if n == 1:
            for item in documents:
                yield one(item)
            return
        pending: Deque["concurrent.futures.Future[Any]"] = deque()
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=n,
                                                     thread_name_prefix="cleaner")
        try:
            for item in documents:
                pending.append(pool.submit(one, item))
                if len(pending) >= 4 * n:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()
            pool.shutdown(wait=True)


def _rebuild(files: List[str], text: Optional[str], text_name: str, no_defaults: bool) -> Rules:
    return Rules(files=files, text=text, text_name=text_name, no_defaults=no_defaults)
