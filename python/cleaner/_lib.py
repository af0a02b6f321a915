"""Finding libcleaner and declaring the C functions the binding calls.

ctypes (not cffi) on purpose: it needs no compiler, no Python headers and no
build step, so the package works straight from a built tree and installs as
plain .py files; the per-call cost it adds (a few microseconds) is small
against cleaning a page (bench/python-throughput measures it). ctypes.CDLL
releases the GIL during every foreign call, so threads clean in parallel.

Where the library comes from, first found wins:
  1. $CLEANER_LIBRARY, a path to libcleaner.so;
  2. the build tree this package sits in: ../../cleaner/.libs/libcleaner.so
     relative to this file (PYTHONPATH=python in a built checkout);
  3. the libdir `make install` wrote into _libdir.py beside this file;
  4. the soname libcleaner.so.0 through the dynamic loader's search path,
     then whatever ctypes.util.find_library("cleaner") names.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import os
from typing import Any, Iterator, Tuple
from ctypes import (POINTER, Structure, c_char, c_char_p, c_int, c_size_t,
                    c_uint, c_ulong, c_void_p)

SONAME = "libcleaner.so.0"

# ---- the structs of cleaner.h, field for field ------------------------------


class Error(Structure):
    _fields_ = [
        ("code", c_int),
        ("message", c_char * 256),
        ("file", c_char * 1024),
        ("line", c_uint),
        ("column", c_uint),
        ("offset", c_size_t),
        ("source_line", c_char * 256),
    ]


ErrorCallback = ctypes.CFUNCTYPE(None, POINTER(Error), c_void_p)

RULES_OPTIONS_VERSION = 1


class RulesOptions(Structure):
    _fields_ = [
        ("version", c_uint),
        ("no_defaults", c_int),
        ("files", POINTER(c_char_p)),
        ("nfiles", c_size_t),
        ("text", c_char_p),
        ("text_len", c_size_t),
        ("text_name", c_char_p),
        ("on_error", ErrorCallback),
        ("userdata", c_void_p),
    ]


CLEAN_OPTIONS_VERSION = 7
FORMAT_AUTO, FORMAT_TEXT, FORMAT_HTML = 0, 1, 2
MARKDOWN, MARKDOWN_LINKS, MARKDOWN_IMAGES = 1, 2, 4


class CleanOptions(Structure):
    _fields_ = [
        ("version", c_uint),
        ("match_limit", c_ulong),
        ("format", c_int),
        ("charset", c_char_p),
        ("html_piece", c_size_t),
        ("url", c_char_p),
        ("explain", c_void_p),
        ("markdown", c_uint),
        ("blocks", c_int),
        ("repeats", c_void_p),
        ("repeats_userdata", c_void_p),
        ("page_type", c_char_p),
        ("wrap_width", c_int),
        ("keep_parts", c_char_p),
    ]


class Removal(Structure):
    # char * fields as c_void_p: a text removal holds input bytes, NULs too,
    # so its text is read with its length (ctypes.string_at)
    _fields_ = [
        ("rule_id", c_char_p),
        ("action", c_char_p),
        ("byte_start", c_size_t),
        ("byte_end", c_size_t),
        ("line_start", c_uint),
        ("line_end", c_uint),
        ("blocks", c_size_t),
        ("text", c_void_p),
        ("text_len", c_size_t),
        ("replacement", c_void_p),
        ("replacement_len", c_size_t),
        ("detail", c_char_p),
        ("path", c_char_p),
        ("text_at", c_size_t),
        ("part", c_char_p),
    ]


class RuleStat(Structure):
    _fields_ = [
        ("rule_id", c_char_p),
        ("action", c_char_p),
        ("hits", c_size_t),
        ("blocks", c_size_t),
        ("bytes", c_size_t),
    ]


class Totals(Structure):
    _fields_ = [(name, c_size_t) for name in (
        "bytes_in", "bytes_out", "bytes_removed", "lines", "blocks",
        "blocks_removed", "replaced_bytes")]


class PageSignal(Structure):
    _fields_ = [("name", c_char_p), ("type", c_char_p), ("weight", c_int)]


OUTPUT_TEXT, OUTPUT_MARKDOWN, OUTPUT_JSON = 0, 1, 2
REPORT_TEXT, REPORT_JSON, REPORT_HTML = 0, 1, 2
META_TITLE, META_AUTHOR, META_DATE, META_URL, META_LANGUAGE = range(5)

# name: (restype, argtypes)
_PROTOTYPES = {
    "cln_version": (c_char_p, []),
    "cln_strerror": (c_char_p, [c_int]),
    "cln_error_format": (c_size_t, [POINTER(Error), c_char_p, c_size_t]),
    "cln_rules_new": (c_int, [POINTER(c_void_p), POINTER(RulesOptions), POINTER(Error)]),
    "cln_rules_free": (None, [c_void_p]),
    "cln_rules_count": (c_size_t, [c_void_p]),
    "cln_rules_has_part": (c_int, [c_void_p, c_char_p]),
    "cln_clean": (c_int, [POINTER(c_void_p), c_void_p, c_char_p, c_size_t,
                          POINTER(CleanOptions), POINTER(Error)]),
    "cln_result_free": (None, [c_void_p]),
    "cln_result_text": (c_void_p, [c_void_p, POINTER(c_size_t)]),
    "cln_result_part_count": (c_size_t, [c_void_p]),
    "cln_result_part": (c_void_p, [c_void_p, c_size_t, POINTER(c_char_p), POINTER(c_size_t)]),
    "cln_result_removal_count": (c_size_t, [c_void_p]),
    "cln_result_removal": (POINTER(Removal), [c_void_p, c_size_t]),
    "cln_result_rule_count": (c_size_t, [c_void_p]),
    "cln_result_rule_stat": (POINTER(RuleStat), [c_void_p, c_size_t]),
    "cln_result_warning_count": (c_size_t, [c_void_p]),
    "cln_result_warning": (c_char_p, [c_void_p, c_size_t]),
    "cln_result_totals": (None, [c_void_p, POINTER(Totals)]),
    "cln_result_format": (c_int, [c_void_p]),
    "cln_result_charset": (c_char_p, [c_void_p]),
    "cln_result_meta": (c_char_p, [c_void_p, c_int]),
    "cln_result_page_type": (c_char_p, [c_void_p]),
    "cln_result_page_signal_count": (c_size_t, [c_void_p]),
    "cln_result_page_signal": (POINTER(PageSignal), [c_void_p, c_size_t]),
    "cln_result_render": (c_int, [POINTER(c_void_p), POINTER(c_size_t), c_void_p, c_int,
                                  POINTER(Error)]),
    "cln_result_report": (c_int, [POINTER(c_void_p), POINTER(c_size_t), c_void_p, c_int,
                                  POINTER(Error)]),
    "cln_free": (None, [c_void_p]),
}


def _candidates() -> Iterator[str]:
    env = os.environ.get("CLEANER_LIBRARY")
    if env:
        yield env
        return  # asked for that one: no silent fallback to another
    here = os.path.dirname(os.path.abspath(__file__))
    tree = os.path.join(here, os.pardir, os.pardir, "cleaner", ".libs", "libcleaner.so")
    if os.path.exists(tree):
        yield os.path.normpath(tree)
    try:
        # written by make, in the build tree (not the source tree of a VPATH
        # build): looked up at run time, so a type check of the sources
        # does not need it
        libdir = importlib.import_module(__package__ + "._libdir").LIBDIR
        yield os.path.join(libdir, SONAME)
    except ImportError:
        pass
    yield SONAME
    found = ctypes.util.find_library("cleaner")
    if found:
        yield found


def load() -> Tuple[Any, str]:
    """The libcleaner CDLL with every prototype set; ImportError if none loads."""
    tried = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
            continue
        for name, (restype, argtypes) in _PROTOTYPES.items():
            fn = getattr(lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
        return lib, path
    raise ImportError("cleaner: cannot load libcleaner; tried: " + "; ".join(tried) +
                      ". Build it (make) or install it (make install), or set CLEANER_LIBRARY")


lib, path = load()


def take_string(ptr: Any, length: int) -> bytes:
    """Bytes of a string the library returned for us to free, then free it."""
    try:
        return ctypes.string_at(ptr, length)
    finally:
        lib.cln_free(ptr)
