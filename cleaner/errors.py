"""Typed errors. Failures raise one of these; nothing in cleaner returns None for failure."""


class CleanerError(Exception):
    """Base of every error cleaner raises on purpose."""


class InputTypeError(CleanerError, TypeError):
    """The text given to clean/analyze is not a str."""


class RuleFileError(CleanerError, ValueError):
    """A rule file is malformed; the message names the file, the rule and the item."""


class ModelFileError(CleanerError, ValueError):
    """A model file is malformed or does not match this version's features."""


class CorpusError(CleanerError, ValueError):
    """A corpus case or seed is malformed; the message names the file and line."""


class ConfigError(CleanerError, ValueError):
    """A Config value is out of range or of the wrong kind."""


class EngineError(CleanerError, RuntimeError):
    """The cluster running a batch failed midway (a worker died, the scheduler went away);
    outputs already written are complete."""
