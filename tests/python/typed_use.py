"""Code a user writes, checked by mypy --strict in test_types.py: the
package's declared types must carry it (and not be Any)."""
from typing import Dict, Iterator, List, Optional, Tuple, Union

import cleaner


def use(pages: List[bytes]) -> Tuple[str, Optional[str], Dict[str, Optional[str]]]:
    with cleaner.Rules.default() as rules:
        res: cleaner.Result = rules.clean(pages[0], format="html", url=None)
        text: str = res.text
        raw: bytes = res.text_bytes
        spans: List[Tuple[int, int]] = [r.byte_range for r in res.removals]
        paths: List[Optional[str]] = [r.path for r in res.removals]
        many: Iterator[Union[cleaner.Result, Exception]] = rules.clean_many(pages, threads=2)
        n: int = len(rules) + res.totals.bytes_removed + len(raw) + len(spans) + len(paths)
        del many, n
        return text, res.page_type, res.metadata


def error_position(e: cleaner.CleanerError) -> Tuple[str, int, int, str]:
    return e.file, e.line, e.column, e.source_line
