"""The documents the benchmark runs on, from any of its three sources, as one record type.

- the project corpus (`corpus/cases`, cleaner.corpus): line labels with reasons;
- the seeds (`../shared/seeds`): the same;
- a benchmark file of `../shared/data` (cleaner.datasets): free-text gold, whose line labels
  come from align.residue_labels (reason "aligned"), or snippets only (no line labels).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from cleaner.align import residue_labels
from cleaner.corpus import Case, iter_seeds, load_corpus
from cleaner.datasets import Page, in_split, iter_pages
from cleaner.lines import split_lines
from cleaner.reasons import Reason

#: The gold reason of a line that alignment with free-text gold calls residue.
ALIGNED = "aligned"


@dataclasses.dataclass(frozen=True, slots=True)
class BenchDoc:
    """One document: the input text and its lines, and whatever gold its source has.

    `residue[i]` is line i's gold residue reason, or None for an article or blank line;
    `residue` itself is None when the source has no line-level gold (snippet-only pages).
    `gold` is the gold text, None when there is none. `split` is None where the source
    defines none.
    """

    id: str
    lang: str
    split: str | None
    text: str
    lines: tuple[str, ...]
    gold: str | None
    residue: tuple[str | None, ...] | None
    gold_with: tuple[str, ...] = ()
    gold_without: tuple[str, ...] = ()

    @property
    def has_snippets(self) -> bool:
        return bool(self.gold_with or self.gold_without)


def from_case(case: Case) -> BenchDoc:
    residue = tuple(label.value if isinstance(label, Reason) else None for label in case.labels)
    return BenchDoc(id=case.id, lang=case.lang, split=case.split, text=case.input,
                    lines=case.lines, gold=case.gold, residue=residue)


def from_page(page: Page) -> BenchDoc:
    lines = tuple(split_lines(page.input))
    residue = (None if page.gold is None else
               tuple(ALIGNED if flag else None for flag in residue_labels(lines, page.gold)))
    return BenchDoc(id=page.id, lang=page.lang, split=page.split, text=page.input, lines=lines,
                    gold=page.gold, residue=residue, gold_with=page.gold_with,
                    gold_without=page.gold_without)


def _limited(docs: Iterable[BenchDoc], limit: int | None) -> Iterator[BenchDoc]:
    for count, doc in enumerate(docs):
        if limit is not None and count >= limit:
            return
        yield doc


def corpus_docs(directory: Path, split: str, limit: int | None = None) -> list[BenchDoc]:
    """Cases of the corpus in `split` ("dev", "test" or "all"), sorted by id."""
    cases = (case for case in load_corpus(directory) if in_split(case.split, split))
    return list(_limited(map(from_case, cases), limit))


def seed_docs(directory: Path, split: str = "all", limit: int | None = None) -> list[BenchDoc]:
    """The seeds (all of split "test") in `split`."""
    seeds = (case for case in iter_seeds(directory) if in_split(case.split, split))
    return list(_limited(map(from_case, seeds), limit))


def data_docs(path: Path, extractor: str, split: str,
              limit: int | None = None) -> list[BenchDoc]:
    """Pages of one `../shared/data` file, `extractor`'s text as input."""
    return [from_page(page) for page in iter_pages(path, extractor, split, limit)]


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes, to pin scores to one version of a data file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
