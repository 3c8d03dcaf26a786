"""The work of one document, the same in the main process (--jobs 1) and in worker processes.

A worker gets small picklable Tasks and returns Outcomes: the output text or a message saying
why this document could not be cleaned. Nothing raises out of `process`; one bad document
must not stop a batch.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from collections.abc import Sequence

from cleaner.batch_io import decode
from cleaner.config import Config
from cleaner.pipeline import Cleaner
from cleaner.result import LineDecision, Result

EXTRACTORS = ("trafilatura", "resiliparse")


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the task; sent once, when the worker starts."""

    config: Config
    field: str = "text"
    extractor: str = "trafilatura"
    keep_decisions: bool = False  # send every line's decision back (--explain, --report)


@dataclasses.dataclass(frozen=True, slots=True)
class Task:
    """One document: a whole txt/html file, or one JSONL line (`fmt` "record")."""

    fmt: str
    payload: bytes | str
    line: int | None = None  # line number of a record in its file


@dataclasses.dataclass(frozen=True, slots=True)
class Outcome:
    output: str | None  # cleaned text, or the record re-serialised; None on error
    error: str | None = None  # "reason (what to do)"
    lines: int = 0
    chars: int = 0
    dropped: tuple[tuple[str, int, int], ...] = ()  # (reason, lines, characters)
    decisions: tuple[LineDecision, ...] = ()
    warnings: tuple[str, ...] = ()


class DocumentError(Exception):
    """This document cannot be cleaned; the message says why and what to do."""


_worker: tuple[Cleaner, Settings] | None = None


def init_worker(settings: Settings) -> None:
    """Make `process` use these settings, with the Cleaner built once per process."""
    global _worker
    _worker = (_cleaner_for(settings.config), settings)
    _quiet_extractor_logs()


def _quiet_extractor_logs() -> None:
    # trafilatura warns about every page it gives up on; the batch reports those pages
    # itself, once, as `cleaner: PATH: ...`, so its warnings would only say it twice.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)


@functools.lru_cache(maxsize=4)
def _cleaner_for(config: Config) -> Cleaner:
    # Building compiles the rules (and loads the model), which takes seconds; a forked worker
    # inherits the parent's cache, and repeated runs in one process build it only once.
    return Cleaner(config)


def process_chunk(tasks: Sequence[Task | None],
                  settings: Settings | None = None) -> list[Outcome | None]:
    """The outcomes of a chunk. With `settings`, those rather than init_worker's: a Dask
    worker's threads may serve two batches with different settings at once."""
    if settings is not None:
        _quiet_extractor_logs()
    return [None if task is None else process(task, settings) for task in tasks]


def process(task: Task, settings: Settings | None = None) -> Outcome:
    if settings is None:
        assert _worker is not None, "init_worker() must run first"
        cleaner, settings = _worker
    else:
        cleaner = _cleaner_for(settings.config)
    try:
        if task.fmt == "record":
            return _clean_record(cleaner, settings, task)
        if task.fmt == "html":
            text = extract(task.payload, settings.extractor)
        else:
            text = task.payload if isinstance(task.payload, str) else decode(task.payload, False)
        result = cleaner.analyze(text)
        return _outcome(result, settings, result.text)
    except DocumentError as error:
        return Outcome(None, str(error))
    except Exception as error:  # a bug in a rule or an extractor: report it, keep the batch going
        return Outcome(None, f"internal error {type(error).__name__}: {error} "
                             "(please report it with this file)")


def extract(payload: bytes | str, extractor: str) -> str:
    html = payload if isinstance(payload, str) else decode(payload, html=True)
    if extractor == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text
        text = extract_plain_text(html, main_content=True)
    else:
        import trafilatura
        text = trafilatura.extract(html, include_comments=False, include_tables=True)
    if not text or not text.strip():
        raise DocumentError(f"{extractor} found no article text in this page "
                            "(check that it is an article, or try the other --extractor)")
    return text


def _clean_record(cleaner: Cleaner, settings: Settings, task: Task) -> Outcome:
    raw = task.payload.decode("utf-8", errors="replace") if isinstance(task.payload, bytes) \
        else task.payload
    try:
        # "utf-8-sig" files leave a BOM on their first line; JSON does not allow one.
        record = json.loads(raw.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise DocumentError(f"invalid JSON ({error}); the record was skipped "
                            "(fix or remove the line)") from None
    field = settings.field
    if not isinstance(record, dict):
        raise DocumentError(f"a JSON {type(record).__name__}, not an object; the record was "
                            "skipped (each line must be a JSON object)")
    if not isinstance(record.get(field), str):
        problem = "no" if field not in record else "a non-string"
        raise DocumentError(f"{problem} {field!r} field; the record was skipped "
                            "(name the text field with --field)")
    result = cleaner.analyze(record[field])
    record[field] = field_text(result.text, record[field])
    # Key order is the dict's insertion order, so every other field stays where it was.
    return _outcome(result, settings, json.dumps(record, ensure_ascii=False,
                                                 separators=(",", ":")))


def field_text(cleaned: str, original: str) -> str:
    """The cleaned text as it goes back into a record's field (JSONL, a datatrove Document).

    The library ends cleaned text with a line break, as a text file; a field keeps the
    input's convention, so a text with nothing to drop comes out unchanged.
    """
    return cleaned if original.endswith(("\n", "\r")) else cleaned.removesuffix("\n")


def _outcome(result: Result, settings: Settings, output: str) -> Outcome:
    dropped: dict[str, list[int]] = {}
    for line in result.lines:
        if not line.keep and line.reason is not None:
            counts = dropped.setdefault(line.reason.value, [0, 0])
            counts[0] += 1
            counts[1] += len(line.text)
    return Outcome(
        output,
        lines=len(result.lines),
        chars=sum(len(line.text) for line in result.lines),
        dropped=tuple((reason, n, chars) for reason, (n, chars) in dropped.items()),
        decisions=result.lines if settings.keep_decisions else (),
        warnings=result.warnings)
