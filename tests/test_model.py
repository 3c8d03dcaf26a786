"""The line model at run time: the JSON file format, its validation, pure-Python inference,
and how its drops combine with the rules'."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner, Config, ModelFileError, Reason
from cleaner.features import FEATURE_NAMES
from cleaner.model import (MODEL_RULE, PROSE_MODEL_RULE, SHIPPED_MODEL, load_model,
                           parse_model)

LINK_MARKS = FEATURE_NAMES.index("link_marks")
PROSE = ("The council voted on Tuesday to rebuild the old bridge over the river by 2027, "
         "after a long debate about its cost.")
#: Article lines around the line under test: the model judges only texts of at least
#: cleaner.pipeline.MODEL_MIN_LINES lines.
BEFORE, AFTER = [PROSE] * 5, [PROSE] * 5


def split_tree(feature: int, threshold: float, low: float, high: float) -> dict[str, list]:
    """A stump: `low` when row[feature] <= threshold, else `high`."""
    return {"feature": [feature, -1, -1], "threshold": [threshold, 0.0, 0.0],
            "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, low, high]}


def model_data(**changes: object) -> dict[str, object]:
    """A valid model: residue exactly when the line has a link mark (p 0.99 against 0.01)."""
    data: dict[str, object] = {
        "format": "cleaner-line-model", "format_version": 2, "kind": "gradient-boosted-trees",
        "feature_names": list(FEATURE_NAMES), "lexicon": {"login": 2.5}, "baseline": 0.0,
        "trees": [split_tree(LINK_MARKS, 0.0, -math.log(99), math.log(99))],
        "thresholds": {"high": 0.98, "balanced": 0.95, "recall": 0.9},
        "reason": "boilerplate"}
    data.update(changes)
    return data


def write_model(tmp_path: Path, data: dict[str, object], name: str = "model.json") -> Path:
    """The model written to `name` (a path's model is read once per process: one name per
    model)."""
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_trees_are_summed_and_squashed() -> None:
    model = parse_model(model_data(baseline=0.5, trees=[
        split_tree(0, 1.0, -1.0, 2.0), split_tree(1, 3.0, 0.25, -0.75)]), "m")
    row = [0.0] * len(FEATURE_NAMES)
    assert model.lines.probability(row) == pytest.approx(1 / (1 + math.exp(-(0.5 - 1.0 + 0.25))))
    row[0], row[1] = 1.5, 3.0  # right in the first tree, left (<=) in the second
    assert model.lines.probability(row) == pytest.approx(1 / (1 + math.exp(-(0.5 + 2.0 + 0.25))))


@pytest.mark.parametrize(("names", "message"), [
    (list(FEATURE_NAMES[:-1]), f"missing {FEATURE_NAMES[-1]}"),
    ([*FEATURE_NAMES, "shoe_size"], "unknown shoe_size"),
    ([FEATURE_NAMES[1], FEATURE_NAMES[0], *FEATURE_NAMES[2:]], "order differs from position 0"),
    ([*FEATURE_NAMES[:-1], "renamed"], "unknown renamed"),
])
def test_a_model_for_other_features_is_refused(tmp_path: Path, names: list[str],
                                               message: str) -> None:
    path = write_model(tmp_path, model_data(feature_names=names))
    with pytest.raises(ModelFileError, match=message) as raised:
        Cleaner(Config(model_path=path))
    assert str(path) in str(raised.value) and "cleaner train" in str(raised.value)


@pytest.mark.parametrize(("changes", "message"), [
    ({"format": "other"}, "not a cleaner line model"),
    ({"format_version": 99}, "format_version 99 is not supported"),
    ({"format_version": 1}, "format_version 1 is not supported"),
    ({"lexicon": ["login"]}, "lexicon must be an object"),
    ({"lexicon": {"login": float("nan")}}, "lexicon must be an object of words and finite"),
    ({"kind": "neural"}, "kind 'neural' is not supported"),
    ({"baseline": float("inf")}, "baseline must be a finite number"),
    ({"trees": []}, "trees must be a non-empty list"),
    ({"trees": [{"feature": [0]}]}, "must have exactly feature"),
    ({"trees": [split_tree(len(FEATURE_NAMES), 0.0, 0.0, 0.0)]}, "out of range"),
    ({"trees": [{**split_tree(0, 0.0, 0.0, 0.0), "left": [0, -1, -1]}]},
     "children must come after their parent"),
    ({"trees": [{**split_tree(0, 0.0, 0.0, 0.0), "value": [0.0, "x", 1.0]}]},
     "finite numbers only"),
    ({"thresholds": {"high": 0.5, "balanced": 0.9, "recall": 0.95}}, "must not fall"),
    ({"thresholds": {"high": 0.9}}, "thresholds must give exactly"),
    ({"reason": "blank"}, "not 'blank'"),
    ({"format_version": 3, "prose": []}, "prose must be an object"),
    ({"format_version": 3, "prose": {"baseline": 0.0, "trees": [],
                                     "thresholds": {"high": 1, "balanced": 1, "recall": 1}}},
     "prose.trees must be a non-empty list"),
    ({"format_version": 3, "prose": {"baseline": 0.0, "trees": [split_tree(0, 0.0, 0.0, 0.0)],
                                     "thresholds": {"high": 0.5, "balanced": 0.9,
                                                    "recall": 0.95}}},
     "prose.thresholds must not fall"),
    ({"reason": "spam"}, "spam"),
])
def test_malformed_models_are_refused_with_the_problem(changes: dict[str, object],
                                                       message: str) -> None:
    with pytest.raises(ModelFileError, match=message):
        parse_model(model_data(**changes), "model.json")


def test_unreadable_model_files_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="model file not found"):
        Cleaner(Config(model_path=tmp_path / "absent.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"bad\.json: not valid JSON"):
        Cleaner(Config(model_path=bad))


def test_shipped_model_matches_the_code() -> None:
    model = load_model()
    assert model.path == str(SHIPPED_MODEL)
    for ensemble in (model.lines, model.prose):
        assert ensemble is not None
        assert (ensemble.thresholds["recall"] <= ensemble.thresholds["balanced"]
                <= ensemble.thresholds["high"])
    data = json.loads(SHIPPED_MODEL.read_text(encoding="utf-8"))
    assert data["feature_names"] == list(FEATURE_NAMES)
    assert data["training"]["data"] and data["held_out"]["auc"] > 0.5


def test_model_drops_carry_its_reason_rule_and_score(tmp_path: Path) -> None:
    cleaner = Cleaner(Config(model_path=write_model(tmp_path, model_data())))
    lines = [*BEFORE, "Visit www.example.org for the full timetable of works",
             "Sign up for our newsletter", *AFTER]
    result = cleaner.analyze("\n".join(lines))
    link = result.lines[5]
    assert not link.keep and link.reason is Reason.BOILERPLATE and link.rule == MODEL_RULE
    assert link.score == pytest.approx(0.99)
    promo = result.lines[6]  # a rule speaks first, and keeps its own reason
    assert not promo.keep and promo.reason is Reason.PROMO and promo.rule != MODEL_RULE
    assert result.lines[0].keep and not result.lines[0].score  # prose: the model did not judge it


def test_the_model_never_drops_a_sentence_of_prose(tmp_path: Path) -> None:
    # A model sure that every line is residue still leaves the article's sentences alone.
    everything = model_data(trees=[split_tree(0, -1.0, 9.0, 9.0)])
    cleaner = Cleaner(Config(model_path=write_model(tmp_path, everything)))
    result = cleaner.analyze("\n".join([*BEFORE, "Bus lanes win", *AFTER]))
    assert [decision.keep for decision in result.lines] == [True] * 5 + [False] + [True] * 5
    assert result.lines[5].rule == MODEL_RULE


def prose_model(prose_tree: dict[str, list], **changes: object) -> dict[str, object]:
    """A version 3 model: the line ensemble as model_data's, and a prose ensemble of one tree
    with model_data's thresholds."""
    return model_data(format_version=3, prose={
        "baseline": 0.0, "trees": [prose_tree],
        "thresholds": {"high": 0.98, "balanced": 0.95, "recall": 0.9}}, **changes)


def test_the_prose_ensemble_judges_sentences_with_its_own_rule(tmp_path: Path) -> None:
    # Residue exactly when the sentence has a link mark; lines that are not prose are still
    # the line ensemble's.
    path = write_model(tmp_path, prose_model(split_tree(LINK_MARKS, 0.0, -math.log(99),
                                                        math.log(99))))
    teaser = ("Read the full report on the harbour works at www.example.org before the "
              "council meets again.")
    result = Cleaner(Config(model_path=path)).analyze(
        "\n".join([*BEFORE, teaser, "Visit www.example.org today", *AFTER]))
    sentence, line = result.lines[5], result.lines[6]
    assert not sentence.keep and sentence.rule == PROSE_MODEL_RULE
    assert sentence.reason is Reason.BOILERPLATE and sentence.score == pytest.approx(0.99)
    assert not line.keep and line.rule == MODEL_RULE
    assert result.lines[0].keep and result.lines[0].score == pytest.approx(0.01)
    # The line ensemble's file (version 2) never judges the sentence.
    two = Cleaner(Config(model_path=write_model(tmp_path, model_data(), "two.json"))).analyze(
        "\n".join([*BEFORE, teaser, *AFTER]))
    assert two.lines[5].keep and not two.lines[5].score


def test_the_shipped_prose_ensemble_speaks_at_the_recall_preset_only() -> None:
    # Each of its wrong drops is a sentence of the article (cleaner.calibration's
    # PROSE_LOSS_BUDGETS): at high and balanced it is off, and not even run.
    model = load_model()
    assert model.prose is not None and model.prose.thresholds["balanced"] == 1.0
    assert set(Cleaner().ensembles) == {MODEL_RULE}
    assert set(Cleaner(Config(precision="high")).ensembles) == {MODEL_RULE}
    assert set(Cleaner(Config(precision="recall")).ensembles) == {MODEL_RULE, PROSE_MODEL_RULE}


def test_the_prose_ensemble_leaves_headline_cased_sentences_alone(tmp_path: Path) -> None:
    # A page's own title once went as a sentence among a full page's menus.
    everything = prose_model(split_tree(0, -1.0, 9.0, 9.0))
    result = Cleaner(Config(model_path=write_model(tmp_path, everything))).analyze("\n".join(
        [*BEFORE, "Pros and Cons of Consulting: Is It a Good Fit for You?", *AFTER]))
    assert result.lines[5].keep and not result.lines[5].score


def test_the_model_never_drops_code_or_a_table_row(tmp_path: Path) -> None:
    # Code and tables are content here; a tutorial's long code block once went as a run of
    # short lines far from prose (a bug of the block features, caught on a test page).
    everything = model_data(trees=[split_tree(0, -1.0, 9.0, 9.0)])
    cleaner = Cleaner(Config(model_path=write_model(tmp_path, everything)))
    code = ["type Query {", "  const posts = await db.query(sql);", "}",
            "    return render(posts)", "Paris\t2.1\t2.3\t2.4", "Total 1,204 1,198 1,310"]
    result = cleaner.analyze("\n".join([*BEFORE, *code, "Bus lanes win", *AFTER]))
    assert [decision.keep for decision in result.lines[5:12]] == [True] * 6 + [False]
    assert all(not decision.score for decision in result.lines[5:11])  # never judged
    assert result.lines[11].rule == MODEL_RULE


def test_presets_and_threshold_move_the_models_bar(tmp_path: Path) -> None:
    path = write_model(tmp_path, model_data(trees=[split_tree(LINK_MARKS, 0.0, -5.0, 2.5)]))
    text = "\n".join([*BEFORE, "More at www.example.org today", *AFTER])  # p = 0.924

    def dropped(**settings: object) -> bool:
        return not Cleaner(Config(model_path=path, **settings)).analyze(text).lines[5].keep
    assert dropped(precision="recall") and not dropped(precision="balanced")
    assert not dropped(precision="high") and not dropped(threshold=1.0)
    assert dropped(threshold=0.2)
    lines = load_model(path).lines
    assert [lines.threshold_for("balanced", t) for t in (0.45, 0.6, 0.85)] == pytest.approx(
        [0.9, 0.95, 0.98])
    assert lines.threshold_for("balanced", 0.0) == 0.5 and lines.threshold_for("high", 1.0) == 1


def test_model_off_is_the_rules_alone(tmp_path: Path) -> None:
    text = "\n".join([*BEFORE, "More at www.example.org today", *AFTER])
    result = Cleaner(Config(model=False, model_path=write_model(tmp_path, model_data()))
                     ).analyze(text)
    assert all(decision.rule != MODEL_RULE for decision in result.lines)
    assert result.lines[5].keep


def test_model_does_not_judge_fragments(tmp_path: Path) -> None:
    cleaner = Cleaner(Config(model_path=write_model(tmp_path, model_data())))
    text = "\n".join([PROSE, "See www.example.org", "Related News", "- A teaser", PROSE])
    assert cleaner.analyze(text).lines == Cleaner(Config(model=False)).analyze(text).lines
    assert "See www.example.org" in cleaner.clean(text)


def test_over_cleaning_guard_undoes_the_models_drops(tmp_path: Path) -> None:
    everything = model_data(trees=[split_tree(0, -1.0, 9.0, 9.0)])
    cleaner = Cleaner(Config(model_path=write_model(tmp_path, everything)))
    short = [f"Harbour works, part {number}" for number in range(10)]  # no prose: all judged
    result = cleaner.analyze("\n".join(short))
    assert all(decision.keep for decision in result.lines)
    assert any("model's drops" in warning for warning in result.warnings)
    # The prose ensemble's drops alike.
    sentences = Cleaner(Config(model_path=write_model(
        tmp_path, prose_model(split_tree(0, -1.0, 9.0, 9.0)), "prose.json"))).analyze(
        "\n".join(BEFORE * 2))
    assert all(decision.keep for decision in sentences.lines)
    assert any("model's drops" in warning for warning in sentences.warnings)


def test_cleaning_never_imports_numpy_or_scikit_learn() -> None:
    code = ("import sys, cleaner; cleaner.clean('Sign up now\\n' + 'The council met. ' * 9"
            " + '\\nMore\\nText here.'); "
            "print(sorted(m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_model_file_is_read_on_first_use_only() -> None:
    code = ("import cleaner, cleaner.model as m; before = m._load.cache_info().currsize; "
            "cleaner.clean('x'); print(before, m._load.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["0", "1"]


def test_the_shipped_model_keeps_a_heading_a_table_and_a_sign_off_after_the_last_paragraph(
) -> None:
    # The block features see the lines after the last paragraph as one run with the tail of
    # residue; a model trained on them once dropped a league table's heading and a blog's
    # closing line (corpus dev cases), which the corpus's weight in the fit fixed.
    article = [
        "Harbour Rovers 3-1 Kellby Town: late goals seal the win",
        "Harbour Rovers came from behind on Saturday to beat Kellby Town and climb to second "
        "place in the league.",
        "Kellby led at the break through a header from a corner, and for an hour the home side "
        "struggled to create anything.",
        "Two goals in the last ten minutes, both from substitutes, turned the game before a "
        "penalty in stoppage time settled it.",
        "The manager said afterwards that the squad had shown the character he had asked of "
        "them all season.",
        "League table",
        "1. Westfield 24 games, 52 pts",
        "2. Harbour Rovers 24 games, 49 pts",
        "3. Kellby Town 23 games, 44 pts",
        "Thanks for reading.",
    ]
    tail = ["More on this story", "Rovers fined after pitch invasion",
            "Manager signs new two-year deal", "Share this article", "Facebook", "WhatsApp"]
    result = Cleaner().analyze("\n".join([*article, *tail]))
    assert result.text.splitlines() == article
    assert {line.reason for line in result.dropped()} == {Reason.RELATED, Reason.SHARE}
    assert all(line.rule != MODEL_RULE for line in result.lines)


def test_the_shipped_model_keeps_a_closing_sentence_after_a_promo_box() -> None:
    # A retrained prose ensemble, at the balanced preset, once dropped a tabloid story's last
    # sentence, set after an ad, a teaser and a newsletter box (a corpus test case); it now
    # speaks at the recall preset only.
    article = [
        "Bus driver retires after 40 years on the same route",
        "Passengers lined the street on Friday to say goodbye to the driver of the number 12.",
        "He started on the route in 1985 and says he has missed only four shifts since then.",
        "Regulars brought cards, cakes and a framed map of the route signed by the depot staff.",
        "The corner shop's owner said he had been in every Friday for as long as she had run it.",
    ]
    residue = ["ADVERTISEMENT", "READ MORE: Lost wedding ring found in a park bin",
               "Sign up to our newsletter for the day's top stories in your inbox",
               "Sign me up!", "Loading..."]
    closing = "The couple plan to throw a party for the whole depot next month."
    result = Cleaner().analyze("\n".join([*article, *residue, closing]))
    kept = result.text.splitlines()
    assert kept[:len(article)] == article and kept[-1] == closing
    assert {line.reason for line in result.dropped()} >= {Reason.AD, Reason.RELATED, Reason.PROMO}
