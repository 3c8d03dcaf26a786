"""`cleaner train`: labels from gold, splits that keep test pages out, a deterministic fit and
a model file that cleaning accepts. Needs the train extra (scikit-learn)."""

from __future__ import annotations

import gzip
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner, Config
from cleaner.cli import main
from cleaner.features import FEATURE_NAMES
from cleaner.model import load_model
from cleaner.datasets import Page, effective_split
from cleaner.calibration import MIN_CALIBRATION_PAGES, Table, calibrate, calibrated
from cleaner.ruleset import load_rules, shipped_rule_files
from cleaner.tagging import Tagger
from cleaner.lexicon_fit import (LEXICON_BLIND_FOLDS, LEXICON_DIGITS, LEXICON_FOLDS,
                                 count_word_pages, fit_lexicon, lexicon_fold, lexicon_of)
from cleaner.train import (CORPUS_WEIGHT, Document, FittedPages, data_documents, page_role,
                           prepare)
from cleaner.treefit import fit, probabilities

from conftest import CORPUS

pytest.importorskip("sklearn")

PROSE = "The council voted on Tuesday to rebuild the old bridge over the river by 2027."
TAGGER = Tagger(load_rules(shipped_rule_files()), 1.0)


def page(page_id: str, split: str | None) -> dict[str, object]:
    text = "\n".join(["Bridge vote", PROSE, "Sign up for our newsletter", PROSE + " Again."])
    record: dict[str, object] = {"id": page_id, "gold": f"{PROSE}\n{PROSE} Again.",
                                 "gold_title": "Bridge vote",
                                 "inputs": {"trafilatura": text, "fullpage": "Home\n" + text}}
    if split is not None:
        record["split"] = split
    return record


def test_page_roles_keep_test_pages_out() -> None:
    def role(split: str | None, page_id: str, gold: str | None = "Gold.") -> str:
        return page_role(Page(page_id, "en", split, "Input.", gold))
    assert role("test", "anything") == "test"
    assert role("dev", "anything") in ("fit", "calibrate")
    roles = [role(None, f"page-{n}") for n in range(300)]
    assert set(roles) == {"fit", "calibrate", "test"}
    assert 0.2 < roles.count("test") / len(roles) < 0.4  # HOLDOUT_SHARE
    # the benchmark's --split test is exactly the pages training leaves out
    for n in range(300):
        page = Page(f"page-{n}", "en", None, "Input.", "Gold.")
        assert (effective_split(page) == "test") == (roles[n] == "test")
    assert effective_split(Page("s", "en", None, "Input.", None)) is None  # snippet-only


def test_documents_are_labelled_from_gold_and_test_pages_are_never_read(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for record in (page("a", "dev"), page("b", "test"), {"id": "c", "gold": None}):
            stream.write(json.dumps(record) + "\n")
    documents = list(data_documents(path, ["trafilatura", "fullpage"]))
    assert {(doc.id, doc.input) for doc in documents} == {("a", "trafilatura"), ("a", "fullpage")}
    by_input = {doc.input: doc for doc in documents}
    # the title is article (cleaner keeps headlines), the promo and the menu are residue
    assert by_input["trafilatura"].residue == (False, False, True, False)
    assert by_input["fullpage"].residue == (True, False, False, True, False)


def calibration_table(pages: dict[str, int]) -> tuple[Table, list[float]]:
    """Per input, `pages` documents of two lines each: residue scored 0.99, and an article
    line of ten tokens that the rules keep, scored 0.6 on the "noisy" input and 0.1 elsewhere."""
    table, scores = Table(), []
    for name, count in pages.items():
        for _ in range(count):
            first = len(table.rows)
            for label, score in ((1, 0.99), (0, 0.6 if name == "noisy" else 0.1)):
                table.rows.append((0.0,))
                table.labels.append(label)
                table.rule_drops.append(False)
                table.judged.append(True)
                table.tokens.append(10)
                scores.append(score)
            table.documents.append((name, first, len(table.rows)))
    return table, scores


def test_calibration_ignores_inputs_with_too_few_pages() -> None:
    # One noisy page among 6 must not hold every preset near certainty (the corpus input's
    # 6 calibration pages once did), while an input with enough pages binds.
    table, scores = calibration_table({"noisy": 6, "wide": MIN_CALIBRATION_PAGES})
    assert set(calibrate(table, scores).values()) == {0.5}
    table, scores = calibration_table({"noisy": MIN_CALIBRATION_PAGES, "wide": 40})
    assert all(threshold > 0.6 for threshold in calibrate(table, scores).values())
    table, scores = calibration_table({"noisy": 3})  # nothing has enough pages: all bind
    assert all(threshold > 0.6 for threshold in calibrate(table, scores).values())


def test_the_prose_ensemble_is_calibrated_on_the_sentences_it_judges() -> None:
    # Per page: an article sentence, a residue sentence and a short article line that looks
    # like the residue. The prose ensemble's ranking and budget count the sentences only: the
    # short line, scored as residue, would cost article text if it counted.
    width = len(FEATURE_NAMES)
    article, residue = (0.0,) * width, (1.0,) * width
    table = Table()
    for _ in range(MIN_CALIBRATION_PAGES):
        first = len(table.rows)
        for row, label, prose in ((article, 0, True), (residue, 1, True), (residue, 0, False)):
            table.rows.append(row)
            table.labels.append(label)
            table.prose.append(prose)
            table.judged.append(not prose)
            table.rule_drops.append(False)
            table.tokens.append(10)
        table.documents.append(("wide", first, len(table.rows)))
    params = fit([article, residue] * 20, [0, 1] * 20)
    thresholds, held_out = calibrated(table, params, prose=True)
    assert held_out["lines"] == 2 * MIN_CALIBRATION_PAGES
    assert held_out["residue_lines"] == MIN_CALIBRATION_PAGES and held_out["auc"] == 1.0
    # The residue sentences cost nothing; the ensemble is off at the presets without a budget.
    assert thresholds == {"high": 1.0, "balanced": 1.0, "recall": 0.5}
    line_thresholds, _ = calibrated(table, params)  # the line ensemble counts the short line
    assert min(line_thresholds.values()) > 0.5


def test_train_on_the_corpus_writes_a_deterministic_usable_model(tmp_path: Path) -> None:
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    # Two processes with different string hashing: a set's order must never reach the file
    # (a plain sum over a line's words once did, through the lexicon's mean).
    for out, seed in ((first, "1"), (second, "2")):
        subprocess.run([sys.executable, "-m", "cleaner", "train", "--corpus", str(CORPUS),
                        "--out", str(out), "-q"], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["training"]["corpus"]["split"] == "dev" and data["trees"]
    assert data["training"]["params"]["corpus_weight"] == CORPUS_WEIGHT
    model = load_model(first)
    assert model.lines.thresholds["recall"] <= model.lines.thresholds["high"]
    # The corpus's dev cases hold residue sentences too: the prose ensemble is fitted.
    assert model.prose is not None and data["held_out"]["prose"]["lines"] > 0
    assert data["training"]["fit_prose_lines"] > 0
    text = (CORPUS.parent / "README.md").read_text(encoding="utf-8")
    assert Cleaner(Config(model_path=first)).clean(text)


def test_a_rows_weight_counts_as_that_many_rows() -> None:
    # Ten article rows against two residue rows of the same features: unweighted the model
    # leans to article; with the residue rows weighing ten each (as corpus lines weigh
    # CORPUS_WEIGHT against pages' lines), to residue.
    rows = [(0.0,) * len(FEATURE_NAMES)] * 12
    labels = [0] * 10 + [1] * 2
    assert probabilities(fit(rows, labels), rows[:1])[0] < 0.5
    weighted = fit(rows, labels, [1.0] * 10 + [10.0] * 2)
    assert probabilities(weighted, rows[:1])[0] > 0.5
    assert fit(rows, labels) == fit(rows, labels, [1.0] * 12)


def test_a_fitted_pages_lexicon_never_counted_that_page() -> None:
    documents = [prepare(Document("data", f"page-{number}", "trafilatura", "fit",
                                  ("Careers", PROSE), (True, False)), TAGGER)
                 for number in range(40)]
    counts = count_word_pages(documents)
    assert sum(part.residue["careers"] for part in counts) == 40
    whole = lexicon_of(counts)
    assert whole["careers"] == round(math.log(41), LEXICON_DIGITS)
    assert "council" not in whole  # only in prose, which the model never judges
    for document in documents:
        left_out = lexicon_fold(document.document)
        without = lexicon_of([part for fold, part in enumerate(counts) if fold != left_out])
        pages = 40 - counts[left_out].residue["careers"]
        assert without["careers"] == round(math.log(pages + 1), LEXICON_DIGITS)


def test_the_blind_folds_pages_are_fitted_without_a_lexicon() -> None:
    # As a page in a language the lexicon does not know would be read.
    lexicons = {fold: {"careers": float(fold)}
                for fold in range(LEXICON_BLIND_FOLDS, LEXICON_FOLDS)}
    documents = [Document("data", f"page-{number}", "trafilatura", "fit", ("Careers",), (True,))
                 for number in range(40)]
    folds = {lexicon_fold(document) for document in documents}
    assert folds == set(range(LEXICON_FOLDS))  # 40 pages reach every fold
    for document in documents:
        fold = lexicon_fold(document)
        expected = {} if fold < LEXICON_BLIND_FOLDS else lexicons[fold]
        assert fit_lexicon(document, lexicons) == expected
    assert 0 < LEXICON_BLIND_FOLDS < LEXICON_FOLDS


def test_train_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--out", str(tmp_path / "m.json")]) == 2
    assert main(["train", "--corpus", str(tmp_path / "absent"), "--out",
                 str(tmp_path / "m.json")]) == 1
    assert "absent: no such file or folder" in capsys.readouterr().err
    assert main(["train", "--corpus", str(CORPUS), "--inputs", "word2vec", "--out",
                 str(tmp_path / "m.json")]) == 2
    assert not (tmp_path / "m.json").exists()


def test_train_reports_each_ensembles_scores(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--corpus", str(CORPUS), "--out", str(tmp_path / "m.json")]) == 0
    summary = capsys.readouterr().err.splitlines()[-1]
    assert summary.startswith(f"cleaner train: wrote {tmp_path / 'm.json'}")
    lines, prose = summary.split("; prose ensemble: ")
    assert "held-out AUC" in lines and "(out of fold " in lines and "thresholds recall" in lines
    assert "held-out AUC" in prose and "thresholds recall" in prose


def add_line(pages: FittedPages, fold: int, fitted: float, read: float, label: int) -> None:
    """A one-line fitted page in `fold`, fitted as a row of `fitted`, read as one of `read`."""
    width = len(FEATURE_NAMES)
    first = len(pages.fitted.rows)
    pages.fitted.rows.append((fitted,) * width)
    pages.fitted.labels.append(label)
    pages.fitted.rule_drops.append(False)
    pages.fitted.judged.append(True)
    pages.fitted.prose.append(False)
    pages.fitted.tokens.append(10)
    pages.fitted.documents.append(("wide", first, first + 1))
    pages.read.append((read,) * width)
    pages.folds.append(fold)
    pages.weights.append(1.0)


def test_out_of_fold_scores_come_from_ensembles_that_never_fitted_the_fold() -> None:
    # Elsewhere 0 and 1 are residue and 2 article. Fold 0's many article lines at 0 would pull
    # an ensemble that fitted them to article there; and its lines fitted as 2 but read as 1
    # (a blind fold's rows, read with the lexicon) must be scored as read.
    pages = FittedPages()
    for fold in range(1, LEXICON_FOLDS):
        for value, label in ((0.0, 1), (1.0, 1), (2.0, 0)):
            for _ in range(10):
                add_line(pages, fold, value, value, label)
    for _ in range(40):
        add_line(pages, 0, 0.0, 0.0, 0)
    for _ in range(10):
        add_line(pages, 0, 2.0, 1.0, 0)
    result = pages.out_of_fold()
    assert result is not None
    table, scores = result
    assert table.rows == pages.read and table.labels == pages.fitted.labels
    fold_zero = [score for score, fold in zip(scores, pages.folds) if fold == 0]
    assert len(fold_zero) == 50 and min(fold_zero) > 0.9
    elsewhere = [score for score, row in zip(scores, pages.read) if row[0] == 2.0]
    assert elsewhere and max(elsewhere) < 0.1
    # A fold whose fit would hold one label only: no out-of-fold scores.
    assert pages.out_of_fold([label == 1 for label in pages.fitted.labels]) is None


def test_thresholds_are_chosen_on_the_calibration_pages_and_out_of_fold_together() -> None:
    # The calibration pages alone would allow an even chance; the out-of-fold pages, whose
    # article lines score 0.6, hold the thresholds above 0.6, and the file says which source
    # would have chosen what.
    width = len(FEATURE_NAMES)
    article, residue = (0.0,) * width, (1.0,) * width
    params = fit([article, residue] * 20, [0, 1] * 20)
    calibration, _ = calibration_table({"wide": MIN_CALIBRATION_PAGES})
    calibration.rows = [residue if label else article for label in calibration.labels]
    calibration.prose = [False] * len(calibration.rows)
    out_of_fold, scores = calibration_table({"noisy": MIN_CALIBRATION_PAGES})
    out_of_fold.rows = [(0.5,) * width] * len(out_of_fold.rows)
    out_of_fold.prose = [False] * len(out_of_fold.rows)
    thresholds, held_out = calibrated(calibration, params, out_of_fold=(out_of_fold, scores))
    assert all(threshold > 0.6 for threshold in thresholds.values())
    alone = held_out["thresholds_each_alone"]
    assert set(alone["calibration pages"].values()) == {0.5}
    assert alone["out of fold"] == thresholds
    assert held_out["documents"] == MIN_CALIBRATION_PAGES
    assert held_out["out_of_fold"]["documents"] == MIN_CALIBRATION_PAGES
    assert held_out["out_of_fold"]["residue_lines"] == MIN_CALIBRATION_PAGES
