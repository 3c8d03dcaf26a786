"""The pipeline: segment -> tag -> revise with context -> decide -> join. (Stub: keeps all.)"""

from __future__ import annotations

from cleaner.config import Config
from cleaner.errors import InputTypeError
from cleaner.lines import collapse_blank_runs, join_lines, split_lines
from cleaner.reasons import Reason
from cleaner.result import LineDecision, Result


def check_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise InputTypeError("cleaner takes str, not bytes: decode first, "
                             "e.g. data.decode('utf-8', errors='replace')")
    raise InputTypeError(f"cleaner takes str, not {type(text).__name__}: pass the article text")


class Cleaner:
    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()

    def analyze(self, text: str) -> Result:
        lines = split_lines(check_text(text))
        kept = collapse_blank_runs(lines, [True] * len(lines))
        decisions = tuple(
            LineDecision(i, line, keep, None if keep else Reason.BLANK,
                         None if keep else "join.blank-run")
            for i, (line, keep) in enumerate(zip(lines, kept)))
        return Result(join_lines(d.text for d in decisions if d.keep), decisions)

    def clean(self, text: str) -> str:
        return self.analyze(text).text
