"""Pages of the public benchmark files (`../shared/data/*.jsonl.gz`), streamed one at a time.

Each file is gzip JSONL, one page per line (see ../shared/data/README.md). A page here keeps
only what scoring needs: its id, language, split, the text one extractor produced from the
HTML (the cleaner's input), and the gold: full text, or None where the dataset has only
`with` / `without` snippets. The HTML is never kept.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from cleaner.errors import CorpusError

logger = logging.getLogger(__name__)

#: The extractors whose output each record carries under `inputs`.
EXTRACTORS = ("trafilatura", "trafilatura_recall", "resiliparse", "fullpage")
#: `--split` values: a dataset split, or every page.
SPLIT_CHOICES = ("dev", "test", "all")
#: Share of the pages with gold but no split held out as "test" (see effective_split): about
#: 28 of readability's 94 pages, few enough to leave the model 66 to learn from, enough for a
#: table row.
HOLDOUT_SHARE = 0.3
HOLDOUT_SALT = "cleaner-holdout"


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page as a cleaner sees it. `split` is None where the dataset defines none;
    `gold` is None for snippet-only pages."""

    id: str
    lang: str
    split: str | None
    input: str
    gold: str | None
    gold_with: tuple[str, ...] = ()
    gold_without: tuple[str, ...] = ()

    @property
    def has_snippets(self) -> bool:
        return bool(self.gold_with or self.gold_without)


def in_split(page_split: str | None, wanted: str) -> bool:
    """Whether a page (or case) of split `page_split` belongs to `wanted` ("dev", "test" or
    "all"); None, a page in no split (see effective_split), belongs to every split."""
    return wanted == "all" or page_split is None or page_split == wanted


def hash_share(salt: str, key: str) -> float:
    """A stable number in [0, 1) from `key`: the first 8 hex digits of sha256(salt:key)."""
    return int(hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()[:8], 16) / 16 ** 8


def effective_split(page: Page) -> str | None:
    """The split a page counts in: its own; for a page with full gold but no split (the
    readability file), "test" when its id hashes into the last HOLDOUT_SHARE, else "dev", so
    that the line model (which trains on dev) is scored on pages it never saw; None for a
    snippet-only page without a split, which nothing trains on: it belongs to every split."""
    if page.split is not None or page.gold is None:
        return page.split
    return "test" if hash_share(HOLDOUT_SALT, page.id) >= 1.0 - HOLDOUT_SHARE else "dev"


def _text_list(value: object, field: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CorpusError(f"{where}: {field!r} must be a list of strings")
    return tuple(value)


def parse_page(record: object, extractor: str, where: str) -> Page:
    """The Page of one decoded JSON record; `where` (file:line) names it in errors."""
    if not isinstance(record, dict):
        raise CorpusError(f"{where}: expected a JSON object, got {type(record).__name__}")
    for field in ("id", "inputs"):
        if field not in record:
            raise CorpusError(f"{where}: missing field {field!r}")
    inputs = record["inputs"]
    if not isinstance(inputs, dict) or extractor not in inputs:
        raise CorpusError(f"{where}: no input for extractor {extractor!r}")
    text = inputs[extractor]
    gold = record.get("gold")
    if not isinstance(text, (str, type(None))) or not isinstance(gold, (str, type(None))):
        raise CorpusError(f"{where}: input and gold must be strings or null")
    split = record.get("split")
    if split is not None and split not in ("dev", "test"):
        raise CorpusError(f"{where}: split must be dev, test or absent, not {split!r}")
    return Page(id=str(record["id"]), lang=str(record.get("lang") or "en"), split=split,
                input=text or "", gold=gold,
                gold_with=_text_list(record.get("gold_with"), "gold_with", where),
                gold_without=_text_list(record.get("gold_without"), "gold_without", where))


def iter_pages(path: Path, extractor: str, split: str = "all",
               limit: int | None = None) -> Iterator[Page]:
    """Pages of one `.jsonl.gz` file in file order, with `extractor`'s text as input.

    Only pages in `split` are yielded (see in_split), at most `limit` of them. A malformed
    line raises CorpusError naming the file and the line number; an unreadable file raises
    CorpusError naming the file.
    """
    if extractor not in EXTRACTORS:
        raise CorpusError(f"{path}: unknown extractor {extractor!r}; "
                          f"use one of {', '.join(EXTRACTORS)}")
    if split not in SPLIT_CHOICES:
        raise CorpusError(f"{path}: unknown split {split!r}; use one of {', '.join(SPLIT_CHOICES)}")
    if limit is not None and limit <= 0:
        return
    yielded = 0
    for where, record in iter_records(path):
        page = parse_page(record, extractor, where)
        if not in_split(effective_split(page), split):
            continue
        yield page
        yielded += 1
        if limit is not None and yielded >= limit:
            return


def iter_records(path: Path) -> Iterator[tuple[str, object]]:
    """(file:line, decoded JSON value) of each non-blank line of a `.jsonl.gz` (or plain
    `.jsonl`) file. A malformed line or an unreadable file raises CorpusError naming it."""
    try:
        with (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz"
              else path.open(encoding="utf-8")) as stream:
            for number, raw in enumerate(stream, start=1):
                if not raw.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    yield where, json.loads(raw)
                except json.JSONDecodeError as error:
                    raise CorpusError(f"{where}: not valid JSON ({error.msg})") from None
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: cannot read as UTF-8 JSONL ({error})") from None
