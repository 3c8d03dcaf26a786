"""cleaner: strip boilerplate lines from scraped article text, and say why.

    >>> import cleaner
    >>> cleaner.clean("Sign up for our newsletter\\nThe council met on Tuesday.")
    'The council met on Tuesday.\\n'
"""

from __future__ import annotations

import functools

from cleaner.config import Config
from cleaner.errors import (CleanerError, ConfigError, CorpusError, InputTypeError,
                            ModelFileError, RuleFileError)
from cleaner.pipeline import Cleaner
from cleaner.reasons import Reason
from cleaner.result import LineDecision, Result

__all__ = ["clean", "analyze", "Cleaner", "Config", "Result", "LineDecision", "Reason",
           "CleanerError", "ConfigError", "CorpusError", "InputTypeError", "ModelFileError",
           "RuleFileError"]
__version__ = "0.1.0"


@functools.cache
def _default_cleaner() -> Cleaner:
    return Cleaner(Config())


def clean(text: str) -> str:
    """`text` without its residue lines; the kept lines are unchanged and in order."""
    return _default_cleaner().clean(text)


def analyze(text: str) -> Result:
    """Like clean(), with the decision, reason, rule and score of every input line."""
    return _default_cleaner().analyze(text)
