"""The one immutable configuration of a Cleaner. Keyword arguments elsewhere are sugar over it."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

from cleaner.errors import ConfigError

#: Score a tag must reach to drop its line, per precision preset. Rule hits carry the confidence
#: written in their rule file (0.6 to 1.0); the learned model's score is its calibrated
#: probability. "high" drops only near-certain residue, "recall" also the doubtful lines (and
#: runs the model's prose ensemble, off at the other presets: cleaner.calibration).
#: Calibrated on the dev splits of ../shared/data and the corpus (benchmarks/RESULTS.md).
PRECISION_THRESHOLDS: dict[str, float] = {"high": 0.85, "balanced": 0.6, "recall": 0.45}


@dataclasses.dataclass(frozen=True)
class Config:
    """Everything that changes what cleaner drops. Every field has a safe default.

    precision: preset trading precision for recall: "high", "balanced" (default) or "recall".
    threshold: explicit drop threshold in [0, 1]; overrides the preset when set.
    rules: apply the heuristic rule files.
    context: revise line tags with their neighbours (related blocks, embeds, promo runs).
    model: apply the learned line classifier shipped in package data (or `model_path`).
    model_path: a model JSON to use instead of the shipped one.
    extra_rule_files: more rule TOML files, validated like the shipped ones.
    max_drop_share: over-cleaning guard: when the context passes (or the model) would take
        more than this share of the non-blank characters that the lines' own rule hits leave,
        only those hits are applied and the Result says so in a warning.
    regex_timeout: seconds one regex search may take on one line before it is abandoned (the
        line is then kept and a warning recorded).
    """

    precision: str = "balanced"
    threshold: float | None = None
    rules: bool = True
    context: bool = True
    model: bool = True
    model_path: Path | None = None
    extra_rule_files: tuple[Path, ...] = ()
    # Calibrated on the dev pages of ../shared/data (wcxb, readability): removing exactly the
    # non-gold text drops a median 28% of the non-space characters of `fullpage` input and at
    # most 90% on 99% of pages; 77% on `resiliparse` and 67% on `trafilatura` at the 99th
    # percentile. Past 90% the page is nearly all navigation or the rules have misfired.
    max_drop_share: float = 0.9
    # Per search, not per document. The shipped patterns are linear-time, so a timeout only
    # fires on a pathological line; 50 ms is far below what would stall a batch.
    regex_timeout: float = 0.05

    def __post_init__(self) -> None:
        if self.precision not in PRECISION_THRESHOLDS:
            raise ConfigError(f"precision must be one of {sorted(PRECISION_THRESHOLDS)}, "
                              f"not {self.precision!r}")
        if self.threshold is not None and not (0.0 <= self.threshold <= 1.0):
            raise ConfigError(f"threshold must be within [0, 1], not {self.threshold!r}")
        if not (0.0 < self.max_drop_share <= 1.0):
            raise ConfigError(f"max_drop_share must be within (0, 1], not {self.max_drop_share!r}")
        if not (self.regex_timeout > 0 and math.isfinite(self.regex_timeout)):
            raise ConfigError(f"regex_timeout must be a positive number of seconds, "
                              f"not {self.regex_timeout!r}")
        object.__setattr__(self, "extra_rule_files",
                           tuple(Path(path) for path in self.extra_rule_files))
        if self.model_path is not None:
            object.__setattr__(self, "model_path", Path(self.model_path))

    @property
    def drop_threshold(self) -> float:
        return self.threshold if self.threshold is not None else PRECISION_THRESHOLDS[self.precision]

    def replace(self, **changes: object) -> Config:
        return dataclasses.replace(self, **changes)
