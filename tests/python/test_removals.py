"""Removals tally with the rest: in input order without overlap, their
spans sum to the bytes removed, they are the JSON report's removals field
for field, and for text the input less the removed spans (edits put back)
is the clean text."""
import json
import re

import pytest

from conftest import fixture_input, fixture_names, read

NAMES = fixture_names()


def report_removal(r):
    """A Removal as the JSON report writes it."""
    d = {"rule": r.rule, "action": r.action, "lines": [r.line_start, r.line_end],
         "bytes": [r.byte_start, r.byte_end], "blocks": r.blocks, "text": r.text}
    if r.replacement is not None:
        d["replacement"] = r.replacement
    if r.detail is not None:
        d["detail"] = r.detail
    if r.path is not None:
        d["path"] = r.path
    if r.part is not None:
        d["part"] = r.part
    return d


@pytest.mark.parametrize("name", NAMES)
def test_removals_tally(rules, name):
    page = read(fixture_input(name))
    res = rules.clean(page)
    rms = res.removals
    assert [report_removal(r) for r in rms] == res.report["removals"]
    end = 0
    for r in rms:
        assert end <= r.byte_start < r.byte_end <= res.totals.bytes_in
        assert r.line_start <= r.line_end
        assert 0 <= r.text_at <= len(res.body_bytes)
        end = r.byte_end
    assert sum(r.byte_end - r.byte_start for r in rms) == res.totals.bytes_removed
    assert [r.text_at for r in rms] == sorted(r.text_at for r in rms)
    assert sum(r.blocks for r in rms) == res.totals.blocks_removed
    if res.format == "text":
        # the input with each span swapped for its replacement (or nothing)
        # is the clean text, but for the blank lines between kept blocks
        rebuilt, at = [], 0
        for r in rms:
            assert page[r.byte_start:r.byte_end] == r.text_bytes  # the input's bytes
            rebuilt.append(page[at:r.byte_start])
            rebuilt.append(r.replacement_bytes or b"")
            at = r.byte_end
        rebuilt.append(page[at:])

        # blank as cleaner counts it (textblocks.c): Unicode spaces, zero
        # widths and the BOM too
        blank = re.compile("[\\s\u00a0\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]*")

        def lines(b):
            return [l for l in re.split(rb"\r?\n", b)
                    if not blank.fullmatch(l.decode("utf-8", "replace"))]
        assert lines(b"".join(rebuilt)) == lines(res.text_bytes)
    else:
        # HTML: a removal holds the rendered text of its blocks and the DOM
        # path of what held them
        for r in rms:
            assert r.text_bytes.strip() and r.path


def test_parts(rules):
    """A product's reviews are the part "reviews": out of the text, in
    result.parts as the JSON output has them, and kept by keep_parts."""
    page = read(fixture_input("html-product-page"))
    res = rules.clean(page)
    assert list(res.parts) == ["reviews"]
    assert res.parts["reviews"].startswith("Reviews\n\nDana: Bright enough to read by")
    assert "Dana" not in res.text
    assert res.parts == json.loads(res.document_json)["parts"]
    assert {r.part for r in res.removals} == {None, "reviews"}
    kept = rules.clean(page, keep_parts=["reviews"])
    assert kept.parts == {} and "Dana: Bright enough" in kept.text
    assert rules.clean(page, keep_parts="reviews").text == kept.text
    with pytest.raises(ValueError, match="no rule drops a part named 'review'"):
        rules.clean(page, keep_parts=["review"])
