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
measure the held-out scores written into the file. The thresholds are chosen on those pages and
on the fitted pages' out-of-fold scores together (FittedPages.out_of_fold): on the shipped data,
2,786 documents out of fold beside 676 calibration documents, so that a few lines sway a
retrain's thresholds less.

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
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import cleaner
from cleaner import context, features, policy
from cleaner.align import residue_labels
from cleaner.config import PRECISION_THRESHOLDS
from cleaner.corpus import corpus_hash, load_corpus
from cleaner.benchdata import file_hash
from cleaner.calibration import LOSS_BUDGETS, PROSE_LOSS_BUDGETS, Table, calibrated
from cleaner.datasets import (EXTRACTORS, HOLDOUT_SALT, HOLDOUT_SHARE, Page, effective_split,
                              hash_share, iter_records, parse_page)
from cleaner.errors import CleanerError
from cleaner.lexicon_fit import (LEXICON_BLIND_FOLDS, LEXICON_FOLDS, LEXICON_MIN_PAGES,
                                 LEXICON_SALT, count_word_pages, fit_lexicon, lexicon_fold,
                                 lexicon_of)
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
#: Weight in the fit of a line of the project's own corpus (a page's line weighs 1). The corpus
#: is labelled by this project's definitions (corpus/README.md: subheadings, sign-offs and the
#: last short lines of a live blog are article), where the benchmark golds often leave such
#: lines out; its ~100 dev cases are 1% of the fitted lines, and unweighted the model with the
#: block features (cleaner.features.BLOCK_NAMES) dropped 5 article lines of fitted corpus
#: cases. Chosen on the calibration pages and the fitted corpus cases only: at 10 it dropped
#: none of those lines, and the calibration pages' "balanced" drops went from 4,244 lines
#: (99.4% residue) to 4,159 (99.4%); at 30, 3,934 (99.3%).
CORPUS_WEIGHT = 10.0


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
    breaks: frozenset[int]
    labels: list[int]
    judged: list[str | None]


def prepare(document: Document, tagger: Tagger) -> Prepared:
    active = [index for index, line in enumerate(document.lines) if not is_blank(line)]
    lines = [document.lines[index] for index in active]
    tags = tagger.tag_lines(lines)
    shapes = features.line_shapes(line.strip() for line in lines)
    breaks = context.blank_breaks(document.lines, active)
    return Prepared(document, lines, tags, shapes,
                    context.revise(lines, tags, PRECISION_THRESHOLDS["balanced"], breaks), breaks,
                    [int(document.residue[index] and in_scope(document.lines[index]))
                     for index in active],
                    [judged_by(shape, line) for shape, line in zip(shapes, lines)])


def document_rows(prepared: Prepared, lexicon: Mapping[str, float]) -> list[tuple[float, ...]]:
    """The prepared document's feature rows, read with `lexicon`, as the pipeline's first pass
    computes them."""
    return features.pass_rows(
        prepared.lines, prepared.tags, prepared.shapes,
        feature_context=(prepared.revised if PRECISION_THRESHOLDS["balanced"]
                         == features.FEATURE_CONTEXT_THRESHOLD else None),
        lexicon=lexicon, breaks=prepared.breaks)


def add_document(table: Table, prepared: Prepared, lexicon: Mapping[str, float]) -> None:
    """The prepared document's rows (read with `lexicon`) and what calibration needs."""
    if not prepared.lines:
        return
    threshold = PRECISION_THRESHOLDS["balanced"]
    first = len(table.rows)
    table.rows.extend(document_rows(prepared, lexicon))
    table.judged.extend(rule == MODEL_RULE for rule in prepared.judged)
    table.prose.extend(rule == PROSE_MODEL_RULE for rule in prepared.judged)
    table.labels.extend(prepared.labels)
    table.rule_drops.extend(not decision.keep for decision in
                            policy.judge(prepared.lines, prepared.tags, prepared.revised,
                                         threshold))
    table.tokens.extend(len(word_tokens(line)) for line in prepared.lines)
    table.documents.append((prepared.document.input, first, len(table.rows)))


@dataclasses.dataclass
class FittedPages:
    """The fitted pages' table (rows as fitted: the blind folds' without a lexicon), the same
    lines read as cleaning would read them (every fold with the lexicon counted without it), the
    lexicon fold of each row, and each row's weight in the fit."""

    fitted: Table = dataclasses.field(default_factory=Table)
    read: list[tuple[float, ...]] = dataclasses.field(default_factory=list)
    folds: list[int] = dataclasses.field(default_factory=list)
    weights: list[float] = dataclasses.field(default_factory=list)

    def add(self, prepared: Prepared, fold_lexicons: Mapping[int, Mapping[str, float]]) -> None:
        fold = lexicon_fold(prepared.document)
        first = len(self.fitted.rows)
        fitted_with = fit_lexicon(prepared.document, fold_lexicons)
        add_document(self.fitted, prepared, fitted_with)
        added = len(self.fitted.rows) - first
        # Cleaning reads the lexicon counted without the fold; a blind fold was fitted without.
        read_with = fold_lexicons[fold]
        self.read.extend(document_rows(prepared, read_with)
                         if added and fitted_with is not read_with else self.fitted.rows[first:])
        self.folds.extend([fold] * added)
        weight = CORPUS_WEIGHT if prepared.document.source == "corpus" else 1.0
        self.weights.extend([weight] * added)

    def out_of_fold(self, only: Sequence[bool] | None = None) -> tuple[Table, list[float]] | None:
        """Every fitted line (of those in `only`, default all) scored by an ensemble fitted on
        the other LEXICON_FOLDS - 1 folds, reading the lexicon counted without its fold: the
        read table and its scores (0 for lines not in `only`); None when a fold's fit would lack
        residue or article lines. (The other folds' rows read lexicons that counted the scored
        fold's pages, so its labels reach that fit through word weights, never through its
        lines, and a word's weight counts each page once.)"""
        rows = range(len(self.fitted.rows))
        scores = [0.0] * len(self.fitted.rows)
        for fold in range(LEXICON_FOLDS):
            fitting = [row for row in rows
                       if self.folds[row] != fold and (only is None or only[row])]
            scored = [row for row in rows
                      if self.folds[row] == fold and (only is None or only[row])]
            if not scored:
                continue
            if len({self.fitted.labels[row] for row in fitting}) < 2:
                return None
            params = fit([self.fitted.rows[row] for row in fitting],
                         [self.fitted.labels[row] for row in fitting],
                         [self.weights[row] for row in fitting])
            for row, score in zip(scored, probabilities(params,
                                                        [self.read[row] for row in scored])):
                scores[row] = score
        return dataclasses.replace(self.fitted, rows=self.read), scores


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
                     for left_out in range(LEXICON_FOLDS)}
    pages, calibration = FittedPages(), Table()
    for document in prepared.pop("fit"):
        pages.add(document, fold_lexicons)
    for document in prepared.pop("calibrate"):
        add_document(calibration, document, lexicon)
    fitted = pages.fitted
    if not fitted.rows:
        raise CleanerError("no training documents: give --data files with gold or a --corpus "
                           "with dev cases")
    params = fit(fitted.rows, fitted.labels, pages.weights)
    prose_rows = [row for row, prose in enumerate(fitted.prose) if prose]
    prose_params = (fit([fitted.rows[row] for row in prose_rows],
                        [fitted.labels[row] for row in prose_rows],
                        [pages.weights[row] for row in prose_rows])
                    if len({fitted.labels[row] for row in prose_rows}) == 2 else None)
    if progress:
        print(f"train: fitted {len(fitted.rows)} lines ({len(prose_rows)} of prose) in "
              f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
    thresholds, held_out = calibrated(calibration, params, out_of_fold=pages.out_of_fold())
    prose = None
    if prose_params is not None:
        prose_thresholds, prose_held_out = calibrated(
            calibration, prose_params, prose=True, out_of_fold=pages.out_of_fold(fitted.prose))
        prose = {**prose_params, "thresholds": prose_thresholds}
        held_out["prose"] = prose_held_out
    if progress:
        print(f"train: fitted the out-of-fold ensembles in "
              f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
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
                   f"{CALIBRATION_SHARE:.0%} calibrate, the rest fit; thresholds chosen on "
                   f"the calibration pages and the fitted pages' out-of-fold scores "
                   f"({LEXICON_FOLDS} folds, by sha256('{LEXICON_SALT}:' + source:id))"),
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
    """An ensemble's held-out AUC (on the calibration pages, and out of fold when scored) and
    thresholds, in words."""
    presets = ", ".join(f"{name} {thresholds[name]}" for name in
                        sorted(PRECISION_THRESHOLDS, key=PRECISION_THRESHOLDS.__getitem__))
    out_of_fold = held_out.get("out_of_fold")
    folds = f" (out of fold {out_of_fold.get('auc', 'n/a')})" if out_of_fold else ""
    return f"held-out AUC {held_out.get('auc', 'n/a')}{folds}; thresholds {presets}"


if __name__ == "__main__":
    sys.exit(main())
