"""What cleaning one document gave: Result and the records it lists.

A Result wraps a cln_result and reads it lazily: each property asks the
library once, on first use, and keeps the Python value. The C memory is
freed by close() (or the with block, or when the Result is collected); the
rule set it was cleaned with stays alive as long as the Result does.

Byte offsets (byte_start, byte_end, text_at) count bytes of the input (for
HTML in another charset: of the page decoded to UTF-8); lines are 1-based.
Text properties are str, with bytes that are not UTF-8 (a text input keeps
its bytes as they were) read as U+FFFD; the *_bytes twins are exact.
"""
from __future__ import annotations

import ctypes
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Dict, List, NoReturn, Optional, Tuple

from . import _lib
from ._lib import lib
from .errors import CleanerError, error_class


def _str(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8", "replace")


def raise_error(err: _lib.Error, errors: Optional[List[CleanerError]] = None) -> NoReturn:
    """Raise the CleanerError subclass of a filled cln_error."""
    raise to_exception(err, errors)


def to_exception(err: _lib.Error, errors: Optional[List[CleanerError]] = None) -> CleanerError:
    buf = ctypes.create_string_buffer(2048)
    lib.cln_error_format(ctypes.byref(err), buf, len(buf))
    cls = error_class(err.code)
    return cls(_str(err.message) or "", code=err.code,
               file=err.file.decode("utf-8", "surrogateescape"), line=err.line,
               column=err.column, offset=err.offset, source_line=_str(err.source_line) or "",
               located=_str(buf.value) or "", errors=errors)


@dataclass(frozen=True)
class Removal:
    """One removed span of the input, in input order; spans never overlap."""
    rule: str                  # id of the rule that removed it
    action: str                # the rule's action, e.g. "drop-after"
    byte_start: int            # [byte_start, byte_end) of the input
    byte_end: int
    line_start: int            # 1-based, inclusive
    line_end: int
    blocks: int                # blocks removed; 0: a replace rule's edit
    text_bytes: bytes          # text: the input's bytes; HTML: the rendered
                               # text of the removed blocks
    replacement_bytes: Optional[bytes]  # an edit's new text, else None
    detail: Optional[str]      # why, when the rule says more
    path: Optional[str]        # HTML: DOM path of what was removed
    text_at: int               # where it stood in the clean body (a byte)
    part: Optional[str] = None  # the part of the page it is ("reviews"), when
                                # its rule says so (part=NAME); else None

    @property
    def byte_range(self) -> Tuple[int, int]:
        return (self.byte_start, self.byte_end)

    @property
    def text(self) -> str:
        return self.text_bytes.decode("utf-8", "replace")

    @property
    def replacement(self) -> Optional[str]:
        return _str(self.replacement_bytes)


@dataclass(frozen=True)
class RuleStat:
    """Hits of one rule on the document (every rule is listed, hit or not)."""
    rule: str
    action: str
    hits: int     # removals it made (keep: blocks it protected)
    blocks: int   # blocks it removed or protected
    bytes: int    # input bytes it removed


@dataclass(frozen=True)
class Totals:
    bytes_in: int
    bytes_out: int
    bytes_removed: int
    lines: int
    blocks: int
    blocks_removed: int
    replaced_bytes: int  # HTML: input bytes read as U+FFFD


@dataclass(frozen=True)
class PageSignal:
    """One signal that voted for a page type."""
    name: str     # e.g. "json-ld-product"
    type: str     # the page type it votes for
    weight: int


_META = (("title", _lib.META_TITLE), ("author", _lib.META_AUTHOR), ("date", _lib.META_DATE),
         ("url", _lib.META_URL), ("language", _lib.META_LANGUAGE))


class Result:
    """The result of Rules.clean(). Use it in a with block, or call close(),
    to free its C memory at once; otherwise it goes with the object."""

    def __init__(self, ptr: int, rules_handle: Any) -> None:
        self._res: Optional[int] = ptr
        self._rules = rules_handle  # the rule set must outlive the result

    # ---- lifetime ---------------------------------------------------------
    def close(self) -> None:
        """Free the C result. Properties read before stay readable; others
        raise ValueError. Do not close a Result another thread is reading."""
        ptr, self._res = self._res, None
        if ptr:
            lib.cln_result_free(ptr)
        self._rules = None

    def __enter__(self) -> "Result":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_res", None):
            self.close()

    def __reduce__(self) -> Any:
        raise TypeError("cleaner: a Result holds C memory and cannot be pickled; "
                        "send its fields (text, report_json, ...)")

    def _ptr(self) -> int:
        if not self._res:
            raise ValueError("cleaner: the Result is closed")
        return self._res

    def _each(self, count: Any, item: Any) -> List[Any]:
        """The structs a count/item accessor pair lists."""
        ptr = self._ptr()
        return [item(ptr, i).contents for i in range(count(ptr))]

    def _render(self, fn: Any, fmt: int) -> bytes:
        out, n, err = ctypes.c_void_p(), ctypes.c_size_t(), _lib.Error()
        if fn(ctypes.byref(out), ctypes.byref(n), self._ptr(), fmt, ctypes.byref(err)) < 0:
            raise_error(err)
        return _lib.take_string(out, n.value)

    # ---- the clean text ---------------------------------------------------
    @cached_property
    def text_bytes(self) -> bytes:
        """The clean text exactly as the `cleaner` command writes it: for
        HTML the title first, then the body; for text the kept lines."""
        return self._render(lib.cln_result_render, _lib.OUTPUT_TEXT)

    @cached_property
    def text(self) -> str:
        return self.text_bytes.decode("utf-8", "replace")

    @cached_property
    def body_bytes(self) -> bytes:
        """The clean body: for HTML without the title (the text --jsonl and
        --warc write); for text input the same as text_bytes."""
        n = ctypes.c_size_t()
        p = lib.cln_result_text(self._ptr(), ctypes.byref(n))
        return ctypes.string_at(p, n.value) if p else b""

    @cached_property
    def body(self) -> str:
        return self.body_bytes.decode("utf-8", "replace")

    @cached_property
    def markdown(self) -> str:
        """CommonMark (GFM tables) of the kept content; a text input's clean
        text. InvalidArgumentError for HTML cleaned with markdown=False."""
        return self._render(lib.cln_result_render, _lib.OUTPUT_MARKDOWN).decode("utf-8", "replace")

    @cached_property
    def document_json(self) -> str:
        """The `--output-format=json` object: metadata, page type, text, parts, report."""
        return self._render(lib.cln_result_render, _lib.OUTPUT_JSON).decode("utf-8", "replace")

    # ---- what the page says about itself -----------------------------------
    @cached_property
    def metadata(self) -> Dict[str, Optional[str]]:
        """title, author, date, url and language: None where the page does
        not say (always None for text input)."""
        ptr = self._ptr()
        return {name: _str(lib.cln_result_meta(ptr, what)) for name, what in _META}

    @property
    def title(self) -> Optional[str]:
        return self.metadata["title"]

    @cached_property
    def page_type(self) -> Optional[str]:
        """"article", "forum", "product", "collection", "listing",
        "documentation" or "service"; None when unknown (a text with no signal and no paragraph)."""
        t = _str(lib.cln_result_page_type(self._ptr()))
        return None if t in (None, "unknown") else t

    @cached_property
    def page_signals(self) -> Tuple[PageSignal, ...]:
        return tuple(PageSignal(_str(s.name) or "", _str(s.type) or "", s.weight)
                     for s in self._each(lib.cln_result_page_signal_count,
                                         lib.cln_result_page_signal))

    @cached_property
    def format(self) -> str:
        """What the input was read as: "text" or "html"."""
        return "html" if lib.cln_result_format(self._ptr()) == _lib.FORMAT_HTML else "text"

    @cached_property
    def charset(self) -> Optional[str]:
        """HTML: the charset the page was decoded from; None for text."""
        return _str(lib.cln_result_charset(self._ptr())) or None

    # ---- what was removed -------------------------------------------------
    @cached_property
    def removals(self) -> Tuple[Removal, ...]:
        return tuple(Removal(
            rule=_str(r.rule_id) or "", action=_str(r.action) or "",
            byte_start=r.byte_start, byte_end=r.byte_end,
            line_start=r.line_start, line_end=r.line_end, blocks=r.blocks,
            text_bytes=ctypes.string_at(r.text, r.text_len) if r.text else b"",
            replacement_bytes=(ctypes.string_at(r.replacement, r.replacement_len)
                               if r.replacement else None),
            detail=_str(r.detail), path=_str(r.path), text_at=r.text_at, part=_str(r.part))
            for r in self._each(lib.cln_result_removal_count, lib.cln_result_removal))

    @cached_property
    def parts(self) -> Dict[str, str]:
        """The parts of the page rules dropped as parts of their own
        (part=NAME: "reviews", "comments"), name to text, in page order;
        clean(keep_parts=...) keeps them in the text instead."""
        ptr, out = self._ptr(), {}
        for i in range(lib.cln_result_part_count(ptr)):
            name, n = ctypes.c_char_p(), ctypes.c_size_t()
            text = lib.cln_result_part(ptr, i, ctypes.byref(name), ctypes.byref(n))
            out[_str(name.value) or ""] = ctypes.string_at(text, n.value).decode("utf-8", "replace")
        return out

    @cached_property
    def rule_stats(self) -> Tuple[RuleStat, ...]:
        return tuple(RuleStat(_str(s.rule_id) or "", _str(s.action) or "", s.hits, s.blocks, s.bytes)
                     for s in self._each(lib.cln_result_rule_count, lib.cln_result_rule_stat))

    @cached_property
    def totals(self) -> Totals:
        t = _lib.Totals()
        lib.cln_result_totals(self._ptr(), ctypes.byref(t))
        return Totals(*(getattr(t, f) for f, _ in _lib.Totals._fields_))

    @cached_property
    def warnings(self) -> Tuple[str, ...]:
        """E.g. "rule X: match limit hit at line N"."""
        ptr = self._ptr()
        return tuple(_str(lib.cln_result_warning(ptr, i)) or ""
                     for i in range(lib.cln_result_warning_count(ptr)))

    # ---- reports ----------------------------------------------------------
    @cached_property
    def report_json(self) -> str:
        """The JSON report (`cleaner --report-format=json`, without "input")."""
        return self._render(lib.cln_result_report, _lib.REPORT_JSON).decode("utf-8", "replace")

    @cached_property
    def report(self) -> Dict[str, Any]:
        """report_json, parsed."""
        rep: Dict[str, Any] = json.loads(self.report_json)
        return rep

    @cached_property
    def report_text(self) -> str:
        """The report for people: one line per removal, then totals."""
        return self._render(lib.cln_result_report, _lib.REPORT_TEXT).decode("utf-8", "replace")

    @cached_property
    def report_html(self) -> str:
        """The report as one self-contained HTML page."""
        return self._render(lib.cln_result_report, _lib.REPORT_HTML).decode("utf-8", "replace")

    def __repr__(self) -> str:
        state = "closed" if not self._res else "%s, %d removals" % (
            self.format, lib.cln_result_removal_count(self._res))
        return "<cleaner.Result %s>" % state
