"""The lexicon the line model reads (cleaner.features.LEXICON_NAMES), counted on the fitted
pages, and the folds those pages fall in: a fitted page's rows read a lexicon counted without its
own fold, some folds read none, and the out-of-fold scores (cleaner.train.FittedPages) score each
fold with an ensemble fitted without it. Used by cleaner.train only.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from cleaner.datasets import hash_share
from cleaner.model import MODEL_RULE

if TYPE_CHECKING:
    from cleaner.train import Document, Prepared

#: The lexicon (cleaner.features.LEXICON_NAMES): a word gets a weight when the lines the line
#: ensemble judges hold it on at least LEXICON_MIN_PAGES fitted pages, the log-odds (add-one
#: smoothed) that such a page's line was residue, counted by pages so that one site's menu
#: counts once.
#: On the calibration pages, in a prototype over the rules of the time, 5 pages and the
#: neighbours' means raised the line AUC from 0.932 to 0.937, and at the balanced preset the
#: model's own drops from 2,215 to 2,666 lines with their residue share from 97.2% to 98.2%
#: (20 pages: AUC 0.935). 5 pages keep about 8,000 words.
LEXICON_MIN_PAGES = 5
#: A fitted page's rows read a lexicon counted without the pages of its fold: a lexicon that
#: had counted the page itself would tell the trees its labels, and they would trust the
#: lexicon more than it deserves on a page it has never seen. Calibration pages and cleaning
#: read the lexicon of all fitted pages. The same folds give the out-of-fold scores that help
#: choose the thresholds: a fold's lines, read with the lexicon counted without it, scored by
#: an ensemble fitted on the other folds (cleaner.train.FittedPages.out_of_fold).
LEXICON_FOLDS = 4
LEXICON_SALT = "cleaner-lexicon"
#: The fitted pages of this many of the LEXICON_FOLDS folds are read without any lexicon, as a
#: page in a language it does not know would be (all but 26 of the 733 fitted pages and corpus
#: cases are English). Fitted with a lexicon on every page, the line ensemble leaned on it: on
#: the calibration pages read without one, it dropped a fifth as many lines at "balanced" (1,487
#: against 7,219). Chosen on the calibration pages, read with and without the lexicon, over
#: three seeds of the fit (mean own drops at "balanced", with / without; residue share 99.8% or
#: more throughout): no folds blind 7,656 / 1,839, one 7,311 / 4,742 (one seed), two 8,234 /
#: 6,060, three 8,276 / 7,097; at "recall", three blind folds dropped fewer lines than none with
#: the lexicon (11,713 against 12,015), two more (12,074).
LEXICON_BLIND_FOLDS = 2
LEXICON_DIGITS = 4


def page_key(document: Document) -> str:
    """One page's documents (one per extractor) share their key."""
    return f"{document.source}:{document.id}"


def lexicon_fold(document: Document) -> int:
    return int(hash_share(LEXICON_SALT, page_key(document)) * LEXICON_FOLDS)


@dataclasses.dataclass
class WordPages:
    """Per word, on how many pages a judged residue line, and a judged article line, held it."""

    residue: Counter[str] = dataclasses.field(default_factory=Counter)
    article: Counter[str] = dataclasses.field(default_factory=Counter)


def count_word_pages(documents: Sequence[Prepared]) -> list[WordPages]:
    """WordPages per lexicon fold, over the fitted documents; a page's extractors' texts
    count once for it."""
    words: dict[str, tuple[set[str], set[str]]] = {}
    folds: dict[str, int] = {}
    for prepared in documents:
        key = page_key(prepared.document)
        folds[key] = lexicon_fold(prepared.document)
        residue, article = words.setdefault(key, (set(), set()))
        for shape, judged, label in zip(prepared.shapes, prepared.judged, prepared.labels):
            if judged == MODEL_RULE:
                (residue if label else article).update(shape.vocabulary)
    counts = [WordPages() for _ in range(LEXICON_FOLDS)]
    for key, (residue, article) in words.items():
        counts[folds[key]].residue.update(residue)
        counts[folds[key]].article.update(article)
    return counts


def fit_lexicon(document: Document, fold_lexicons: Mapping[int, Mapping[str, float]]
                ) -> Mapping[str, float]:
    """The lexicon a fitted document's rows read: none in the LEXICON_BLIND_FOLDS first folds,
    else the lexicon counted without its own fold (`fold_lexicons`, by fold)."""
    fold = lexicon_fold(document)
    return {} if fold < LEXICON_BLIND_FOLDS else fold_lexicons[fold]


def lexicon_of(counts: Sequence[WordPages]) -> dict[str, float]:
    """The weights of the words seen on at least LEXICON_MIN_PAGES of these pages, sorted.
    Not numbers: "2025" leaned to article more than any word on the pages of 2025, and would
    say nothing of 2027's."""
    residue: Counter[str] = sum((part.residue for part in counts), Counter())
    article: Counter[str] = sum((part.article for part in counts), Counter())
    return {word: round(math.log((residue[word] + 1) / (article[word] + 1)), LEXICON_DIGITS)
            for word in sorted(residue.keys() | article.keys())
            if residue[word] + article[word] >= LEXICON_MIN_PAGES and not word.isdecimal()}
