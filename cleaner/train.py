"""`cleaner train`: fit the line model on pages with gold and write it as versioned JSON.

    cleaner train --data ../shared/data/wcxb_articles.jsonl.gz \\
                  --data ../shared/data/readability_testpages.jsonl.gz \\
                  --corpus corpus/cases --out cleaner/models/line_model.json

Documents:
- each record of a `--data` JSONL(.gz) file (the ../shared/data format: `id`, `inputs`
  {extractor: text}, `gold`, optional `split`, `gold_title`) gives one document per extractor
  in `--inputs`; records without full gold (snippet-only) are skipped. Line labels come from
  aligning the input with the gold (cleaner.align.residue_labels), except that the line equal
  to the page's `gold_title` is article: the project keeps headlines (corpus/README.md), where
  the benchmark golds mostly leave the title out.
- each case of a `--corpus` folder (cleaner.corpus) gives one document labelled line by line.

Splits (see `page_role`): a record or case with `split: test` is never read for training; a
page with `split: dev` is training material; a page without a split is held out when its id
hashes into the last cleaner.datasets.HOLDOUT_SHARE (so the benchmark, which draws the same
line, tests on pages the model never saw).
Training material is cut again by id hash: CALIBRATION_SHARE of it is not fitted but used to
choose the model's thresholds and to measure the held-out scores written into the file.

The model file also carries a lexicon, word weights learned from the fitted pages' labels (see
LEXICON_MIN_PAGES); the rows of a fitted page read a lexicon counted without its own page's
fold (LEXICON_FOLDS).

Training is deterministic: documents are read in sorted order, the fit runs single-threaded
with fixed seeds, floats are written as Python reprs, and nothing time-dependent is recorded;
the same inputs give a byte-identical file. scikit-learn (the `train` extra) is imported only
here, and only when fitting; cleaning never needs it.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import logging
import math
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import cleaner
from cleaner import context, features, policy
from cleaner.align import residue_labels
from cleaner.config import PRECISION_THRESHOLDS
from cleaner.corpus import corpus_hash, load_corpus
from cleaner.benchdata import file_hash
from cleaner.calibration import (CANDIDATES, LOSS_BUDGETS, OFF, PROSE_LOSS_BUDGETS, Table,
                                 calibrate, held_out_scores, prose_view)
from cleaner.datasets import (EXTRACTORS, HOLDOUT_SALT, HOLDOUT_SHARE, Page, effective_split,
                              hash_share, iter_records, parse_page)
from cleaner.errors import CleanerError
from cleaner.lines import is_blank, split_lines
from cleaner.linekind import in_scope
from cleaner.model import FORMAT, FORMAT_VERSION, KIND, MODEL_RULE, PROSE_MODEL_RULE, judged_by
from cleaner.reasons import Reason
from cleaner.ruleset import load_rules, shipped_rule_files
from cleaner.scoring import word_tokens
from cleaner.tagging import LineTags, Tag, Tagger
from cleaner.treefit import LEARNING_RATE, SEED, TREE_DEPTH, TREES, fit, probabilities

logger = logging.getLogger(__name__)

#: Share of the training pages (by id hash) kept out of the fit to calibrate the thresholds
#: and measure the held-out scores: about 170 of wcxb's 787 dev pages, enough to see a
#: 0.1-point recall loss, while the fit keeps 80%.
CALIBRATION_SHARE = 0.2
CALIBRATION_SALT = "cleaner-calibration"
#: The extractors whose text the shipped model is trained on (all of ../shared/data's).
DEFAULT_INPUTS = EXTRACTORS
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
#: read the lexicon of all fitted pages.
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
#: Weight in the fit of a line of the project's own corpus (a page's line weighs 1). The corpus
#: is labelled by this project's definitions (corpus/README.md: subheadings, sign-offs and the
#: last short lines of a live blog are article), where the benchmark golds often leave such
#: lines out; its ~100 dev cases are 1% of the fitted lines, and unweighted the model with the
#: block features (cleaner.features.BLOCK_NAMES) dropped 5 article lines of fitted corpus
#: cases. Chosen on the calibration pages and the fitted corpus cases only: at 10 it dropped
#: none of those lines, and the calibration pages' "balanced" drops went from 4,244 lines
#: (99.4% residue) to 4,159 (99.4%); at 30, 3,934 (99.3%).
CORPUS_WEIGHT = 10.0
LEXICON_DIGITS = 4


# --- which pages train -----------------------------------------------------------------------

def page_role(page: Page) -> str:
    """"fit", "calibrate" or "test": what a page is for. Test pages are those of
    cleaner.datasets.effective_split "test" (never read here); of the others, a page whose id
    hashes into the first CALIBRATION_SHARE calibrates, the rest are fitted."""
    if effective_split(page) == "test":
        return "test"
    return "calibrate" if hash_share(CALIBRATION_SALT, page.id) < CALIBRATION_SHARE else "fit"


# --- documents -------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class Document:
    """One input text with a residue label per line (blank lines False)."""

    source: str  # data file name or "corpus"
    id: str
    input: str  # the extractor, or "corpus"
    role: str  # "fit" or "calibrate"
    lines: tuple[str, ...]
    residue: tuple[bool, ...]


def title_is_article(lines: Sequence[str], residue: list[bool], title: str | None) -> None:
    """Mark the first line equal to `title` (spacing aside) as article, in place."""
    wanted = " ".join((title or "").split())
    if not wanted:
        return
    for index, line in enumerate(lines):
        if " ".join(line.split()) == wanted:
            residue[index] = False
            return


def data_documents(path: Path, inputs: Sequence[str]) -> Iterator[Document]:
    """Training documents of one JSONL(.gz) file: its training pages with full gold, one per
    extractor in `inputs` that the page has."""
    for where, record in iter_records(path):
        if not isinstance(record, dict) or record.get("gold") is None:
            continue
        for extractor in inputs:
            if extractor not in (record.get("inputs") or {}):
                continue
            page = parse_page(record, extractor, where)
            role = page_role(page)
            if role == "test":
                break
            lines = split_lines(page.input)
            assert page.gold is not None
            residue = residue_labels(lines, page.gold)
            title_is_article(lines, residue, record.get("gold_title"))
            yield Document(path.name, page.id, extractor, role, tuple(lines), tuple(residue))


def calibration_documents(paths: Sequence[Path], inputs: Sequence[str]) -> Iterator[Document]:
    """The documents of `paths` that calibrate the model: dev pages kept out of the fit (see
    page_role). Benchmarks that study the model read these, never a test page."""
    for path in paths:
        for document in data_documents(path, inputs):
            if document.role == "calibrate":
                yield document


def corpus_documents(directory: Path) -> Iterator[Document]:
    """The corpus's dev cases (test cases are never read for training)."""
    for case in load_corpus(directory):
        if case.split != "dev":
            continue
        residue = tuple(isinstance(label, Reason) for label in case.labels)
        role = ("calibrate" if hash_share(CALIBRATION_SALT, case.id) < CALIBRATION_SHARE
                else "fit")
        yield Document("corpus", case.id, "corpus", role, case.lines, residue)


# --- features and labels ---------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class Prepared:
    """A document's non-blank lines as the pipeline's first pass sees them, with their labels
    (code and table rows are content here, whatever the gold left out: cleaner.linekind) and
    the rule of the ensemble that judges each, or None (cleaner.model.judged_by); its rows wait
    for the lexicon, which needs every document's words."""

    document: Document
    lines: list[str]
    tags: list[LineTags]
    shapes: list[features.LineShape]
    revised: dict[int, Tag]
    labels: list[int]
    judged: list[str | None]


def prepare(document: Document, tagger: Tagger) -> Prepared:
    active = [index for index, line in enumerate(document.lines) if not is_blank(line)]
    lines = [document.lines[index] for index in active]
    tags = tagger.tag_lines(lines)
    shapes = features.line_shapes(line.strip() for line in lines)
    return Prepared(document, lines, tags, shapes,
                    context.revise(lines, tags, PRECISION_THRESHOLDS["balanced"]),
                    [int(document.residue[index] and in_scope(document.lines[index]))
                     for index in active],
                    [judged_by(shape, line) for shape, line in zip(shapes, lines)])


def add_document(table: Table, prepared: Prepared, lexicon: Mapping[str, float]) -> None:
    """The prepared document's rows (read with `lexicon`) and what calibration needs."""
    if not prepared.lines:
        return
    threshold = PRECISION_THRESHOLDS["balanced"]
    first = len(table.rows)
    table.rows.extend(features.pass_rows(
        prepared.lines, prepared.tags, prepared.shapes,
        feature_context=(prepared.revised if threshold == features.FEATURE_CONTEXT_THRESHOLD
                         else None),
        lexicon=lexicon))
    table.judged.extend(rule == MODEL_RULE for rule in prepared.judged)
    table.prose.extend(rule == PROSE_MODEL_RULE for rule in prepared.judged)
    table.labels.extend(prepared.labels)
    table.rule_drops.extend(not decision.keep for decision in
                            policy.judge(prepared.lines, prepared.tags, prepared.revised,
                                         threshold))
    table.tokens.extend(len(word_tokens(line)) for line in prepared.lines)
    table.documents.append((prepared.document.input, first, len(table.rows)))


# --- the lexicon -----------------------------------------------------------------------------

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
    else the lexicon counted without its own fold (`fold_lexicons`, by fold: those folds
    only)."""
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


# --- the file --------------------------------------------------------------------------------

def model_document(params: dict[str, Any], lexicon: dict[str, float],
                   thresholds: dict[str, float], training: dict[str, Any],
                   held_out: dict[str, Any], prose: dict[str, Any] | None) -> dict[str, Any]:
    """The file's content: the line ensemble's `params` (baseline and trees) and thresholds,
    and the prose ensemble's baseline, trees and thresholds (`prose`, left out when None)."""
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": KIND,
            "created_by": f"cleaner {cleaner.__version__} train",
            "feature_names": list(features.FEATURE_NAMES), "lexicon": lexicon, **params,
            "thresholds": thresholds, **({"prose": prose} if prose is not None else {}),
            "reason": Reason.BOILERPLATE.value, "training": training, "held_out": held_out}


def calibrated(calibration: Table, params: dict[str, Any],
               prose: bool = False) -> tuple[dict[str, float], dict[str, Any]]:
    """An ensemble's thresholds and held-out scores on the calibration pages: the line
    ensemble's over all lines with LOSS_BUDGETS, the prose ensemble's (`prose`) over the
    sentences it judges with PROSE_LOSS_BUDGETS."""
    budgets = PROSE_LOSS_BUDGETS if prose else LOSS_BUDGETS
    if not calibration.rows:  # nothing to calibrate on: the strictest candidate everywhere
        return {name: CANDIDATES[-1] if budget is not None else OFF
                for name, budget in budgets.items()}, {}
    table = prose_view(calibration) if prose else calibration
    scores = [0.0] * len(table.rows)
    rows = [row for row in range(len(table.rows)) if not prose or table.judged[row]]
    for row, score in zip(rows, probabilities(params, [table.rows[row] for row in rows])):
        scores[row] = score
    thresholds = calibrate(table, scores, budgets)
    return thresholds, held_out_scores(table, scores, thresholds,
                                       table.judged if prose else None)


def rules_sha256(paths: Sequence[Path]) -> str:
    """sha256 over the rule files' names and bytes: the rule tags are features."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def train(data: Sequence[Path], corpus: Path | None, inputs: Sequence[str],
          progress: bool = False) -> dict[str, Any]:
    """The model file's content for these sources."""
    rule_files = shipped_rule_files()
    tagger = Tagger(load_rules(rule_files), 1.0)
    prepared: dict[str, list[Prepared]] = {"fit": [], "calibrate": []}
    counts: dict[str, dict[str, int]] = {}
    start = time.perf_counter()

    def add(documents: Iterator[Document], name: str) -> None:
        for document in documents:
            prepared[document.role].append(prepare(document, tagger))
            key = f"{document.role} documents"
            counts.setdefault(name, {}).setdefault(key, 0)
            counts[name][key] += 1
        if progress:
            print(f"train: {name}: read in {time.perf_counter() - start:.0f} s",
                  file=sys.stderr)

    for path in sorted(data):
        add(data_documents(path, inputs), path.name)
    if corpus is not None:
        add(corpus_documents(corpus), "corpus")
    word_pages = count_word_pages(prepared["fit"])
    lexicon = lexicon_of(word_pages)
    fold_lexicons = {left_out: lexicon_of([part for fold, part in enumerate(word_pages)
                                           if fold != left_out])
                     for left_out in range(LEXICON_BLIND_FOLDS, LEXICON_FOLDS)}
    fitted, calibration = Table(), Table()
    for document in prepared.pop("fit"):
        add_document(fitted, document, fit_lexicon(document.document, fold_lexicons))
    for document in prepared.pop("calibrate"):
        add_document(calibration, document, lexicon)
    if not fitted.rows:
        raise CleanerError("no training documents: give --data files with gold or a --corpus "
                           "with dev cases")
    weights = [CORPUS_WEIGHT if name == "corpus" else 1.0
               for name, first, end in fitted.documents for _ in range(first, end)]
    params = fit(fitted.rows, fitted.labels, weights)
    prose_rows = [row for row, prose in enumerate(fitted.prose) if prose]
    prose_params = (fit([fitted.rows[row] for row in prose_rows],
                        [fitted.labels[row] for row in prose_rows],
                        [weights[row] for row in prose_rows])
                    if len({fitted.labels[row] for row in prose_rows}) == 2 else None)
    if progress:
        print(f"train: fitted {len(fitted.rows)} lines ({len(prose_rows)} of prose) in "
              f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
    thresholds, held_out = calibrated(calibration, params)
    prose = None
    if prose_params is not None:
        prose_thresholds, prose_held_out = calibrated(calibration, prose_params, prose=True)
        prose = {**prose_params, "thresholds": prose_thresholds}
        held_out["prose"] = prose_held_out
    training = {
        "data": [{"file": path.name, "sha256": file_hash(path)} for path in sorted(data)],
        "corpus": ({"cases_sha256": corpus_hash(corpus), "split": "dev"}
                   if corpus is not None else None),
        "rules_sha256": rules_sha256(rule_files),
        "inputs": list(inputs),
        "documents": counts,
        "fit_lines": len(fitted.rows),
        "fit_residue_lines": sum(fitted.labels),
        "fit_prose_lines": len(prose_rows),
        "splits": (f"split 'test' never read; 'dev' trains; no split: test when "
                   f"sha256('{HOLDOUT_SALT}:' + id) falls in the last {HOLDOUT_SHARE:.0%}; "
                   f"of training pages, sha256('{CALIBRATION_SALT}:' + id) in the first "
                   f"{CALIBRATION_SHARE:.0%} calibrate, the rest fit"),
        "labels": "cleaner.align.residue_labels against the gold; the gold_title line and "
                  "code and table rows (cleaner.linekind) are article; corpus labels as given",
        "params": {"estimator": "sklearn HistGradientBoostingClassifier", "max_iter": TREES,
                   "max_depth": TREE_DEPTH, "learning_rate": LEARNING_RATE,
                   "early_stopping": False, "random_state": SEED,
                   "corpus_weight": CORPUS_WEIGHT},
        "loss_budgets": LOSS_BUDGETS,
        "prose_loss_budgets": PROSE_LOSS_BUDGETS,
        "lexicon": {"min_pages": LEXICON_MIN_PAGES, "folds": LEXICON_FOLDS,
                    "blind_folds": LEXICON_BLIND_FOLDS, "words": len(lexicon)},
    }
    return model_document(params, lexicon, thresholds, training, held_out, prose)


def dumps(document: dict[str, Any]) -> str:
    """The file's text: one key per line at the top, lists on one line, a final newline."""
    parts = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
             for key, value in document.items()]
    return "{\n" + ",\n".join(parts) + "\n}\n"


# --- command line ----------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner train", description="Train the line model on pages with gold text "
                                          "and write it as JSON.")
    parser.add_argument("--data", type=Path, action="append", default=[], metavar="FILE",
                        help="a JSONL(.gz) file of pages with `inputs` and `gold` (repeat for "
                             "more); dev pages and pages without a split train")
    parser.add_argument("--corpus", type=Path, metavar="DIR",
                        help="a folder of labelled cases (corpus/cases format); dev cases train")
    parser.add_argument("--inputs", default=",".join(DEFAULT_INPUTS), metavar="LIST",
                        help=f"extractors whose text to train on, comma-separated "
                             f"(default: {','.join(DEFAULT_INPUTS)})")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="where to write the model JSON")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    inputs = [name.strip() for name in args.inputs.split(",") if name.strip()]
    unknown = [name for name in inputs if name not in EXTRACTORS]
    if unknown or not inputs:
        parser.error(f"--inputs: unknown extractor(s) {', '.join(unknown) or '(none)'}; "
                     f"use {', '.join(EXTRACTORS)}")
    if not args.data and args.corpus is None:
        parser.error("give at least one --data FILE or a --corpus DIR")
    for path in [*args.data, *([args.corpus] if args.corpus else [])]:
        if not path.exists():
            print(f"cleaner train: {path}: no such file or folder", file=sys.stderr)
            return 1
    try:
        document = train(args.data, args.corpus, inputs, progress=not args.quiet)
    except (CleanerError, OSError) as error:
        print(f"cleaner train: {error}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.out.with_name(f".{args.out.name}.tmp")
    temporary.write_text(dumps(document), encoding="utf-8")
    temporary.replace(args.out)
    if not args.quiet:
        prose = ("no prose ensemble (the sentences were all of one label)"
                 if "prose" not in document else "prose ensemble: " + _summary(
                     document["prose"]["thresholds"], document["held_out"].get("prose", {})))
        print(f"cleaner train: wrote {args.out} ({document['training']['fit_lines']} lines "
              f"fitted; {_summary(document['thresholds'], document['held_out'])}; {prose})",
              file=sys.stderr)
    return 0


def _summary(thresholds: Mapping[str, float], held_out: Mapping[str, Any]) -> str:
    """An ensemble's held-out AUC and thresholds, in words."""
    presets = ", ".join(f"{name} {thresholds[name]}" for name in
                        sorted(PRECISION_THRESHOLDS, key=PRECISION_THRESHOLDS.__getitem__))
    return f"held-out AUC {held_out.get('auc', 'n/a')}; thresholds {presets}"


if __name__ == "__main__":
    sys.exit(main())
