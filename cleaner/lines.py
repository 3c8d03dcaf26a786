"""Splitting text into lines and joining kept lines back, the one definition both ends share.

A line ends at "\\r\\n", "\\r" or "\\n" and nowhere else: `str.splitlines` would also break at
form feeds, "\\x1c" to "\\x1e", NEL and U+2028, which scraped text carries inside real lines, and
the output must be an ordered subsequence of the input's lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import regex

_LINE_BREAK = regex.compile(r"\r\n|\r|\n")

T = TypeVar("T")


def split_lines(text: str) -> list[str]:
    """The lines of `text`; a final line break does not start an extra empty line."""
    if not text:
        return []
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def is_blank(line: str) -> bool:
    return not line.strip()


def collapse_blank_runs(lines: Sequence[str], kept: Sequence[bool]) -> list[bool]:
    """`kept` with blank lines dropped at both ends and every run of blanks cut to its first.

    Non-blank lines keep their decision; only blank ones change, so the joined output never
    starts or ends with a blank line and never shows two in a row, whatever was removed between.
    """
    result = list(kept)
    last_kept_blank: int | None = None
    seen_content = False
    for index, (line, keep) in enumerate(zip(lines, kept)):
        if not keep:
            continue
        if is_blank(line):
            if not seen_content or last_kept_blank is not None:
                result[index] = False
            else:
                last_kept_blank = index
        else:
            seen_content = True
            last_kept_blank = None
    if last_kept_blank is not None:
        result[last_kept_blank] = False
    return result


def join_lines(lines: Iterable[str]) -> str:
    """Lines joined with "\\n" and ended with one, or "" when there are none (as a text file)."""
    joined = "\n".join(lines)
    return joined + "\n" if joined else ""


def map_distinct(function: Callable[[str], T], lines: Iterable[str]) -> list[T]:
    """`function` of each line, computed once per distinct line: a text repeats many (menu
    entries, share bars, "Reply" under each comment: 7% of the lines of wcxb's trafilatura
    texts, a quarter of its full pages'), and the per-line work is the costly part."""
    known: dict[str, T] = {}
    results = []
    for line in lines:
        if line in known:
            results.append(known[line])
        else:
            results.append(known.setdefault(line, function(line)))
    return results
