"""The learned line classifier at run time: a versioned JSON file, read on first use, and
pure-Python inference (no numpy, no scikit-learn).

The file (written by cleaner.train) holds two small ensembles of gradient-boosted regression
trees over the features of cleaner.features, one for the lines that are not prose and one for
sentences of prose (see `judged_by`):

    {"format": "cleaner-line-model", "format_version": 3, "kind": "gradient-boosted-trees",
     "feature_names": [...], "lexicon": {"login": 2.9, "said": -1.2, ...}, "baseline": -0.45,
     "trees": [{"feature": [50, 59, -1, ...], "threshold": [0.083, 0.0099, 0.0, ...],
                "left": [1, 2, -1, ...], "right": [16, 9, -1, ...],
                "value": [0.0, 0.0, -0.03, ...]}, ...],
     "thresholds": {"high": 0.98, "balanced": 0.95, "recall": 0.9},
     "prose": {"baseline": -2.3, "trees": [...], "thresholds": {...}},
     "reason": "boilerplate", "training": {...}, "held_out": {...}}

Each tree is a list of nodes: an inner node sends a row left when `row[feature] <= threshold`,
else right; a leaf (left == -1) adds its value. p(residue) = 1 / (1 + exp(-(baseline + the
leaves reached))). At load the trees are validated and turned into one Python function, so a
line costs a few hundred comparisons and no per-node interpretation. The lexicon gives the
weights of words that cleaner.features' LEXICON_NAMES features read; both ensembles read it.
Version 2 files have no "prose" part: loaded from one, the model never judges prose.

A file whose feature names differ from cleaner.features.FEATURE_NAMES (added, removed,
renamed or reordered) is refused with ModelFileError naming the file and the difference:
splits are only meaningful for the features they were fitted on.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cleaner.config import PRECISION_THRESHOLDS
from cleaner.errors import ModelFileError
from cleaner.features import FEATURE_NAMES, SHAPE_NAMES, LineShape
from cleaner.linekind import in_scope
from cleaner.reasons import Reason

FORMAT = "cleaner-line-model"
FORMAT_VERSION = 3
#: Versions this cleaner reads: 2 is 3 without the prose ensemble.
READABLE_VERSIONS = (2, 3)
KIND = "gradient-boosted-trees"
#: The rule id the line ensemble's drops carry, and the prose ensemble's.
MODEL_RULE = "model"
PROSE_MODEL_RULE = "model.prose"
MODEL_RULES = frozenset({MODEL_RULE, PROSE_MODEL_RULE})
SHIPPED_MODEL = Path(__file__).resolve().parent / "models" / "line_model.json"
#: Deepest tree accepted: the trees become nested conditional expressions, and Python's parser
#: refuses nesting far deeper than this; the shipped trees are 4 deep.
MAX_TREE_DEPTH = 32
#: Model threshold at the explicit `Config.threshold` ends 0 and 1: below the lowest preset the
#: model needs at least an even chance (or the lowest preset's own threshold if lower); at 1 it
#: drops nothing (a probability never reaches 1 in practice, and the rules alone speak).
THRESHOLD_AT_ZERO = 0.5
#: A sentence of prose whose words mostly open with a capital reads as a headline ("Pros and
#: Cons of Consulting: Is It a Good Fit for You?"): the prose ensemble leaves it alone, as the
#: model always left prose. On the calibration pages, the first prose ensemble's drops at
#: "balanced" held 8 article sentences, 4 of them headline-cased (two were the page's own title,
#: at the top of a full page among its menus); from a title share of 0.5 up it would drop 24
#: residue lines and those 4 article lines, from 0.6 up 18 and the same 4. 0.5, because a
#: title with many short words ("How to Make the Best Bread in the World") sits near 0.58.
HEADLINE_TITLE_SHARE = 0.5
_TITLE_SHARE = SHAPE_NAMES.index("title_share")


@dataclasses.dataclass(frozen=True)
class Ensemble:
    """One compiled ensemble of trees and its per-preset thresholds."""

    margin: Callable[[Sequence[float]], float] = dataclasses.field(repr=False)
    thresholds: Mapping[str, float]

    def probability(self, row: Sequence[float]) -> float:
        return _squash(self.margin(row))

    def probabilities(self, rows: Iterable[Sequence[float]]) -> list[float]:
        margin = self.margin
        return [_squash(margin(row)) for row in rows]

    def threshold_for(self, precision: str, threshold: float | None = None) -> float:
        """The probability a line needs for this ensemble to drop it under a Config's settings.

        A preset takes the ensemble's own calibrated threshold for it. An explicit rule
        threshold maps through the presets piecewise-linearly (rule threshold -> model
        threshold), so raising it raises the model's bar too.
        """
        if threshold is None:
            return self.thresholds[precision]
        knots = sorted((PRECISION_THRESHOLDS[name], self.thresholds[name])
                       for name in PRECISION_THRESHOLDS)
        knots = [(0.0, min(THRESHOLD_AT_ZERO, knots[0][1])), *knots, (1.0, 1.0)]
        for (x0, y0), (x1, y1) in zip(knots, knots[1:]):
            if threshold <= x1:
                return y0 if x1 == x0 else y0 + (y1 - y0) * (threshold - x0) / (x1 - x0)
        return 1.0


@dataclasses.dataclass(frozen=True)
class LineModel:
    """A loaded model: the ensemble for lines that are not prose, the one for prose (None in a
    version 2 file), the lexicon both read, and the reason their drops carry."""

    path: str
    lines: Ensemble
    prose: Ensemble | None
    lexicon: Mapping[str, float] = dataclasses.field(repr=False)
    reason: Reason
    metadata: Mapping[str, Any] = dataclasses.field(repr=False, compare=False)

    def ensemble(self, rule: str) -> Ensemble | None:
        """The ensemble whose drops carry `rule` (MODEL_RULE or PROSE_MODEL_RULE)."""
        return self.prose if rule == PROSE_MODEL_RULE else self.lines


def judged_by(shape: LineShape, line: str, among: Container[str] = MODEL_RULES) -> str | None:
    """The rule of the ensemble that judges `line`, of this shape: PROSE_MODEL_RULE for a
    sentence of prose (shape.PROSE_MIN_WORDS words or more, ending like a sentence), unless
    it reads as a headline (HEADLINE_TITLE_SHARE), MODEL_RULE for any line not prose, None for
    a headline-cased sentence, a line of code or a table row (cleaner.linekind.in_scope).

    Prose has an ensemble of its own, trained on sentences alone, which speaks at the recall
    preset only (cleaner.calibration.PROSE_LOSS_BUDGETS): a wrong drop throws away a sentence
    of the article, the failure users hate most. The line ensemble, fitted on all lines, never
    judges a sentence: when it did, the document's features alone carried a closing sentence
    of a short text full of tagged lines past its threshold. Code and tables are
    content by this project's definition, and the training labels say so, but few pages hold
    them: on a test page, the line ensemble with the block features dropped a tutorial's
    130-line code block as a long run far from prose. On the calibration pages it had dropped
    no code line.

    Only the ensembles in `among` count (the others judge nothing): the pipeline passes those
    its preset runs, so that a line no running ensemble would judge costs no code check."""
    if shape.prose:
        rule = (PROSE_MODEL_RULE if shape.values[_TITLE_SHARE] < HEADLINE_TITLE_SHARE
                else None)
    else:
        rule = MODEL_RULE
    return rule if rule in among and in_scope(line) else None


def _squash(margin: float) -> float:
    """The logistic function, without overflow at either end."""
    if margin >= 0:
        return 1.0 / (1.0 + math.exp(-margin))
    exp = math.exp(margin)
    return exp / (1.0 + exp)


def load_model(path: Path | None = None) -> LineModel:
    """The model in `path` (default: the shipped one), parsed once per process and path."""
    return _load(str(Path(path).resolve() if path is not None else SHIPPED_MODEL))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> LineModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"{path}: model file not found"
                             + (" (train one with `cleaner train`)"
                                if path == str(SHIPPED_MODEL) else "")) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ModelFileError(f"{path}: cannot read the model file ({error})") from None
    except json.JSONDecodeError as error:
        raise ModelFileError(f"{path}: not valid JSON ({error.msg}, line {error.lineno})") \
            from None
    return parse_model(data, path)


def feature_difference(names: Sequence[str], expected: Sequence[str] = FEATURE_NAMES) -> str:
    """How `names` differ from `expected`, in words; "" when they are equal."""
    if list(names) == list(expected):
        return ""
    missing = [name for name in expected if name not in names]
    extra = [name for name in names if name not in expected]
    parts = []
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if extra:
        parts.append(f"unknown {', '.join(extra)}")
    if not parts:
        position = next(i for i, (a, b) in enumerate(zip(names, expected)) if a != b)
        parts.append(f"order differs from position {position} "
                     f"({names[position]!r} where the code has {expected[position]!r})")
    return "; ".join(parts)


def parse_model(data: object, where: str) -> LineModel:
    """Validate a decoded model file; raises ModelFileError naming `where` and the problem."""
    fail = _failure(where)
    if not isinstance(data, dict):
        raise fail("expected a JSON object")
    if data.get("format") != FORMAT:
        raise fail(f"not a cleaner line model (format {data.get('format')!r}, "
                   f"expected {FORMAT!r})")
    version = data.get("format_version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise fail(f"format_version {version!r} is not supported "
                   f"(this cleaner reads {', '.join(map(str, READABLE_VERSIONS))}); "
                   "retrain with `cleaner train`")
    if data.get("kind") != KIND:
        raise fail(f"kind {data.get('kind')!r} is not supported (expected {KIND!r})")
    names = data.get("feature_names")
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise fail("feature_names must be a list of strings")
    difference = feature_difference(names)
    if difference:
        raise fail(f"feature names differ from this cleaner's ({difference}); "
                   "retrain the model with `cleaner train`")
    lexicon = data.get("lexicon")
    if not isinstance(lexicon, dict) or not all(
            isinstance(word, str) and _is_number(weight) for word, weight in lexicon.items()):
        raise fail("lexicon must be an object of words and finite numbers")
    lines = parse_ensemble(data, len(names), where)
    prose = None
    if version >= 3 and "prose" in data:
        if not isinstance(data["prose"], dict):
            raise fail("prose must be an object with baseline, trees and thresholds")
        prose = parse_ensemble(data["prose"], len(names), where, "prose.")
    try:
        reason = Reason.parse(str(data.get("reason", Reason.BOILERPLATE.value)))
    except ValueError as error:
        raise fail(str(error)) from None
    if reason is Reason.BLANK:
        raise fail("reason must be a residue reason, not 'blank'")
    metadata = {key: value for key, value in data.items()
                if key in ("training", "held_out", "created_by")}
    return LineModel(path=where, lines=lines, prose=prose,
                     lexicon={word: float(weight) for word, weight in lexicon.items()},
                     reason=reason, metadata=metadata)


def parse_ensemble(data: Mapping[str, Any], features: int, where: str,
                   prefix: str = "") -> Ensemble:
    """The ensemble of `data`'s baseline, trees and thresholds over rows of `features` values,
    validated and compiled; raises ModelFileError naming `where` and the key (`prefix` + key)."""
    fail = _failure(where)
    baseline = data.get("baseline")
    if not _is_number(baseline):
        raise fail(f"{prefix}baseline must be a finite number")
    trees = data.get("trees")
    if not isinstance(trees, list) or not trees:
        raise fail(f"{prefix}trees must be a non-empty list")
    expressions = [_tree_expression(tree, f"{prefix}trees[{number}]", features, fail)
                   for number, tree in enumerate(trees)]
    thresholds = data.get("thresholds")
    if not isinstance(thresholds, dict) or set(thresholds) != set(PRECISION_THRESHOLDS):
        raise fail(f"{prefix}thresholds must give exactly "
                   f"{', '.join(sorted(PRECISION_THRESHOLDS))}")
    if not all(_is_number(value) and 0.0 <= value <= 1.0 for value in thresholds.values()):
        raise fail(f"{prefix}thresholds must be numbers within [0, 1]")
    ordered = [thresholds[name] for name in
               sorted(PRECISION_THRESHOLDS, key=PRECISION_THRESHOLDS.__getitem__)]
    if ordered != sorted(ordered):
        raise fail(f"{prefix}thresholds must not fall as the preset's precision rises "
                   "(recall <= balanced <= high)")
    # The source holds only validated ints and float reprs, so compiling it runs no text of
    # the file's own. The row is unpacked into locals once, so that a split reads a local
    # (indexing the row at every split made the trees a third slower). A tuple of terms, not a
    # chain of "+", so that many trees do not nest the compiled code.
    source = (f"def margin(x):\n"
              f"    {''.join(f'x{feature}, ' for feature in range(features))}= x\n"
              f"    return sum(({', '.join(expressions)},), {float(baseline)!r})\n")
    namespace: dict[str, Any] = {"__builtins__": {}, "sum": sum}
    exec(compile(source, f"<model {where} {prefix or 'lines'}>", "exec"),  # noqa: S102
         namespace)  # (see above)
    return Ensemble(margin=namespace["margin"], thresholds=dict(thresholds))


def _failure(where: str) -> Callable[[str], ModelFileError]:
    """The error for a problem in the model file `where`, naming it."""
    return lambda message: ModelFileError(f"{where}: {message}")


def _tree_expression(tree: object, where: str, features: int, fail: Any) -> str:
    """One tree as a nested conditional expression over the row's features, unpacked into
    `x0`, `x1`, ..., after checking that its nodes are well formed: children after their
    parent (so no cycles), features in range, finite numbers, at most MAX_TREE_DEPTH deep."""
    if not isinstance(tree, dict) or set(tree) != {"feature", "threshold", "left", "right",
                                                    "value"}:
        raise fail(f"{where} must have exactly feature, threshold, left, right and value")
    size = len(tree["value"]) if isinstance(tree["value"], list) else -1
    columns = {}
    for key in ("feature", "left", "right"):
        column = tree[key]
        if (not isinstance(column, list) or len(column) != size
                or not all(isinstance(item, int) and not isinstance(item, bool)
                           for item in column)):
            raise fail(f"{where}.{key} must be a list of {max(size, 0)} integers")
        columns[key] = column
    for key in ("threshold", "value"):
        columns[key] = list(_numbers(tree[key], f"{where}.{key}", size, fail))
    if size < 1:
        raise fail(f"{where} has no nodes")

    def expression(node: int, depth: int) -> str:
        left, right = columns["left"][node], columns["right"][node]
        if left == -1:
            return repr(columns["value"][node])
        feature = columns["feature"][node]
        if not (0 <= feature < features):
            raise fail(f"{where} node {node}: feature {feature} is out of range")
        if not (node < left < size and node < right < size):
            raise fail(f"{where} node {node}: children must come after their parent")
        if depth >= MAX_TREE_DEPTH:
            raise fail(f"{where} is deeper than {MAX_TREE_DEPTH}")
        return (f"({expression(left, depth + 1)} if x{feature} <= "
                f"{columns['threshold'][node]!r} else {expression(right, depth + 1)})")

    return expression(0, 0)


def _is_number(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def _numbers(value: object, key: str, length: int, fail: Any) -> tuple[float, ...]:
    if not isinstance(value, list) or len(value) != length:
        raise fail(f"{key} must be a list of {length} numbers")
    if not all(_is_number(item) for item in value):
        raise fail(f"{key} must hold finite numbers only")
    return tuple(float(item) for item in value)
