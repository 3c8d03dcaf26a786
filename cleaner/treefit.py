"""Fitting an ensemble of gradient-boosted trees with scikit-learn (the `train` extra, imported
here only, and only when fitting) and exporting it as the model file's `baseline` and `trees`
(see cleaner.model).

The fit runs single-threaded with fixed seeds, so the same rows give the same trees.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cleaner.config import PRECISION_THRESHOLDS
from cleaner.errors import CleanerError
from cleaner.model import parse_ensemble

#: The trees: few and shallow. On the calibration pages (see cleaner.train.CALIBRATION_SHARE),
#: 80 trees of depth 4 gave a line AUC of 0.900 against 0.890 for 200 trees of depth 6 and
#: 0.890 for 400 of depth 8, and far fewer article lines among the confident drops (the deeper
#: ensembles learn the alignment's label noise); a logistic regression on the same features
#: gave 0.878. Fewer, shallower trees also keep inference cheap in pure Python. For the prose
#: ensemble, in a prototype on the calibration pages' sentences: 80 trees of depth 4 gave an
#: AUC of 0.890 and, from p >= 0.95, 295 sentences at 98.6% residue; 120 trees 0.893 but 383
#: at 98.4% (105 article tokens against 57); 30 of depth 3, 238 at 99.2%.
TREES = 80
TREE_DEPTH = 4
LEARNING_RATE = 0.1
SEED = 0


def fit(rows: list[tuple[float, ...]], labels: list[int],
        weights: list[float] | None = None) -> dict[str, Any]:
    """Fit gradient-boosted trees, single-threaded and seeded, each row weighing its `weights`
    entry (default 1); returns the model file's `baseline` and `trees` (see cleaner.model),
    checked to reproduce scikit-learn's own probabilities through the pure-Python inference."""
    try:
        import numpy
        from sklearn.ensemble import HistGradientBoostingClassifier
        from threadpoolctl import threadpool_limits
    except ImportError as error:
        raise CleanerError(f"training needs scikit-learn ({error}); install the train extra: "
                           "pip install 'cleaner[train]'") from None
    if len(set(labels)) < 2:
        raise CleanerError("training needs both residue and article lines; the data has "
                           f"{'only residue' if labels and labels[0] else 'only article'} lines")
    with threadpool_limits(limits=1):
        matrix = numpy.asarray(rows, dtype=numpy.float64)
        classifier = HistGradientBoostingClassifier(
            max_iter=TREES, max_depth=TREE_DEPTH, learning_rate=LEARNING_RATE,
            early_stopping=False, random_state=SEED)
        classifier.fit(matrix, numpy.asarray(labels, dtype=numpy.int64),
                       sample_weight=numpy.asarray(weights if weights is not None
                                                   else [1.0] * len(rows), dtype=numpy.float64))
        params = {"baseline": float(classifier._baseline_prediction.ravel()[0]),
                  "trees": [_tree(predictors[0].nodes)
                            for predictors in classifier._predictors]}
        sample = matrix[:: max(1, len(rows) // 2000)]
        expected = classifier.predict_proba(sample)[:, 1]
    # scikit-learn's tree layout is private API: prove the export means what it meant.
    got = probabilities(params, sample.tolist())
    worst = max(abs(a - b) for a, b in zip(got, expected.tolist()))
    if worst > 1e-9:
        raise CleanerError(f"exported trees disagree with scikit-learn by {worst:.3g}; this "
                           "scikit-learn's tree layout is not the one cleaner.train knows")
    return params


def _tree(nodes: Any) -> dict[str, list[Any]]:
    """One scikit-learn TreePredictor's nodes as the model file's columns (leaves: -1)."""
    leaf = [bool(node["is_leaf"]) for node in nodes]
    return {"feature": [-1 if is_leaf else int(node["feature_idx"])
                        for node, is_leaf in zip(nodes, leaf)],
            "threshold": [0.0 if is_leaf else float(node["num_threshold"])
                          for node, is_leaf in zip(nodes, leaf)],
            "left": [-1 if is_leaf else int(node["left"]) for node, is_leaf in zip(nodes, leaf)],
            "right": [-1 if is_leaf else int(node["right"])
                      for node, is_leaf in zip(nodes, leaf)],
            "value": [float(node["value"]) if is_leaf else 0.0
                      for node, is_leaf in zip(nodes, leaf)]}


def probabilities(params: dict[str, Any], rows: Sequence[Sequence[float]]) -> list[float]:
    """The fitted ensemble's probabilities, through the same pure-Python inference as
    cleaning."""
    if not rows:
        return []
    ensemble = parse_ensemble({**params, "thresholds": {name: 1.0
                                                         for name in PRECISION_THRESHOLDS}},
                              len(rows[0]), "<training>")
    return ensemble.probabilities(rows)
