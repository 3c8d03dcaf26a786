"""Running a planned batch: stream documents to workers in order, write outputs, count.

Memory stays flat on any input size: files and JSONL lines are read lazily, grouped in small
chunks, and at most a few chunks per worker are in flight; results come back in input order,
so the output of --jobs N is byte-identical to --jobs 1.
"""

from __future__ import annotations

import ctypes
import dataclasses
import functools
import gzip
import json
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Protocol, TextIO

from cleaner.batch_io import AtomicOutput, jsonl_lines, read_bytes
from cleaner.batch_plan import Plan, Source, stored_size
from cleaner.batch_work import Outcome, Settings, Task, init_worker, process, process_chunk
from cleaner.report import ReportBuilder

#: A chunk closes at this many documents or payload bytes, whichever comes first. Cleaning
#: runs at ~0.5-1 MB/s per core (benchmarks/memory.py), so a full chunk is ~0.1 s of work:
#: enough to hide the pickling round trip, small enough that two workers share a short batch.
CHUNK_TASKS = 32
CHUNK_BYTES = 64 * 1024
#: Chunks queued per worker: one running, the rest ready, so no worker waits on the reader.
IN_FLIGHT_PER_WORKER = 4
#: glibc mallopt() parameter number and the value set for it (see bound_heap_growth).
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 32 * 1024


@dataclasses.dataclass(frozen=True, slots=True)
class Begin:
    source: Source


@dataclasses.dataclass(frozen=True, slots=True)
class Doc:
    source: Source
    line: int | None  # the record's line number in a JSONL file
    size: int  # bytes of the document as read (decompressed)
    advance: int  # bytes of the input file as stored, for the progress bar


@dataclasses.dataclass(frozen=True, slots=True)
class End:
    source: Source
    error: str | None  # the file could not be read to its end


@dataclasses.dataclass(frozen=True, slots=True)
class Skipped:  # --resume found its output
    source: Source


Marker = Begin | Doc | End | Skipped


@dataclasses.dataclass
class Totals:
    documents: int = 0
    files: int = 0
    skipped: int = 0
    failed_files: int = 0
    failed_records: int = 0
    lines: int = 0
    chars: int = 0
    bytes: int = 0
    dropped: dict[str, list[int]] = dataclasses.field(default_factory=dict)  # reason: [lines, chars]
    started: float = dataclasses.field(default_factory=time.monotonic)

    def add(self, outcome: Outcome, size: int) -> None:
        self.documents += 1
        self.lines += outcome.lines
        self.chars += outcome.chars
        self.bytes += size
        for reason, lines, chars in outcome.dropped:
            counts = self.dropped.setdefault(reason, [0, 0])
            counts[0] += lines
            counts[1] += chars

    def summary(self) -> str:
        seconds = max(time.monotonic() - self.started, 1e-6)
        lines = sum(n for n, _ in self.dropped.values())
        chars = sum(c for _, c in self.dropped.values())
        reasons = ", ".join(f"{reason} {n}/{c}" for reason, (n, c) in
                            sorted(self.dropped.items(), key=lambda item: -item[1][0]))
        failed = self.failed_files + self.failed_records
        return (f"{self.documents} documents from {self.files} files, {self.skipped} skipped; "
                f"dropped {lines} of {self.lines} lines, {chars} of {self.chars} characters"
                f"{f' (lines/chars: {reasons})' if reasons else ''}; "
                f"{failed} failed ({self.failed_files} files, {self.failed_records} records); "
                f"{self.documents / seconds:.1f} docs/s, "
                f"{self.bytes / seconds / 1e6:.2f} MB/s in {seconds:.1f} s")


class Progress:
    """A one-line bar on stderr, redrawn at most every tenth of a second; off when stderr is
    not a terminal, so logs and pipes get only messages and the summary."""

    def __init__(self, total_bytes: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total_bytes, stream, enabled
        self.done = self.docs = 0
        self.shown = 0.0

    def advance(self, nbytes: int, docs: int = 1) -> None:
        self.done += nbytes
        self.docs += docs
        now = time.monotonic()
        if self.enabled and now - self.shown >= 0.1:
            self.shown = now
            share = min(self.done / self.total, 1.0) if self.total else 0.0
            bar = "#" * int(share * 30)
            self.stream.write(f"\r[{bar:<30}] {share:4.0%} {self.docs} docs "
                              f"{self.done / 1e6:.1f} MB")
            self.stream.flush()

    def say(self, message: str) -> None:
        self.clear()
        print(message, file=self.stream)

    def clear(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\r\033[K")
            self.shown = 0.0


def documents(plan: Plan, resume: bool) -> Iterator[tuple[Marker, Task | None]]:
    """Every source as Begin, its documents, End; read lazily, one JSONL line at a time."""
    for source in plan.sources:
        if resume and source.out is not None and source.out.exists():
            yield Skipped(source), None
            continue
        yield Begin(source), None
        try:
            if source.fmt == "jsonl":
                for number, line, advance in jsonl_lines(source.path):
                    yield Doc(source, number, len(line), advance), Task("record", line, number)
            else:
                data = read_bytes(source.path)
                yield Doc(source, None, len(data), len(data)), Task(source.fmt, data)
        except (OSError, EOFError, zlib.error) as error:
            yield End(source, read_error(error)), None
            continue
        yield End(source, None), None


def read_error(error: BaseException) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file (check the path)"
    if isinstance(error, PermissionError):
        return "permission denied (check the file's permissions)"
    if isinstance(error, IsADirectoryError):
        return "is a folder (give its path without a file name)"
    if isinstance(error, (gzip.BadGzipFile, EOFError, zlib.error)):
        return f"corrupt or truncated gzip data: {error} (re-download or re-compress the file)"
    return f"cannot read: {getattr(error, 'strerror', None) or error} (check the file)"


def run_ordered(items: Iterable[tuple[Marker, Task | None]], settings: Settings,
                jobs: int) -> Iterator[tuple[Marker, Outcome | None]]:
    """Each marker with the outcome of its task (None for bare markers), in input order."""
    bound_heap_growth()
    init_worker(settings)  # with --jobs N, a fork start method hands this one to the workers
    if jobs == 1:
        for marker, task in items:
            yield marker, None if task is None else process(task)
        return
    pool = ProcessPoolExecutor(jobs, initializer=init_worker, initargs=(settings,))
    try:
        yield from in_order(items, functools.partial(pool.submit, process_chunk),
                            jobs * IN_FLIGHT_PER_WORKER)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


#: What turns documents into ordered outcomes: run_ordered here, or another engine's
#: runner with the same signature (cleaner.dask_engine).
Runner = Callable[[Iterable[tuple[Marker, Task | None]], Settings, int],
                  Iterator[tuple[Marker, Outcome | None]]]


class Pending(Protocol):
    """A chunk's outcomes on their way: a concurrent.futures or a Dask future."""

    def result(self) -> list[Outcome | None]: ...


def in_order(items: Iterable[tuple[Marker, Task | None]],
             submit: Callable[[tuple[Task | None, ...]], Pending],
             depth: int) -> Iterator[tuple[Marker, Outcome | None]]:
    """Each marker with its outcome, in input order, the tasks sent off in chunks with at
    most `depth` chunks in flight; whichever engine runs them, the order is the input's."""
    pending: deque[tuple[tuple[Marker, ...], Pending]] = deque()
    for chunk in _chunks(items):
        markers, tasks = zip(*chunk)
        pending.append((markers, submit(tasks)))
        if len(pending) >= depth:
            markers, future = pending.popleft()
            yield from zip(markers, future.result())
    while pending:
        markers, future = pending.popleft()
        yield from zip(markers, future.result())


def bound_heap_growth() -> None:
    """Have glibc serve big allocations with mmap, so that they go back to the OS when freed.

    glibc raises its mmap threshold (128 KB up to 32 MB) whenever a big block is freed; from
    then on the batch's big short-lived buffers (records, pickled chunks, results) come from
    the heap and fragment it. Measured on a 60 MB JSONL file with --jobs 2: the main process's
    RSS grew ~0.6 KB per document with no more live Python objects; with a fixed 32 KB
    threshold it stays flat. A no-op where mallopt is missing (macOS).
    """
    try:
        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    except (OSError, AttributeError):
        pass


def _chunks(items: Iterable[tuple[Marker, Task | None]]
            ) -> Iterator[list[tuple[Marker, Task | None]]]:
    chunk: list[tuple[Marker, Task | None]] = []
    tasks = size = 0
    for marker, task in items:
        chunk.append((marker, task))
        if task is not None:
            tasks += 1
            size += len(task.payload)
        if tasks >= CHUNK_TASKS or size >= CHUNK_BYTES:
            yield chunk
            chunk, tasks, size = [], 0, 0
    if chunk:
        yield chunk


class Batch:
    """Consumes ordered outcomes: writes outputs, the --explain file and the --report page,
    reports failures as `cleaner: PATH: reason (what to do)`, and keeps the totals."""

    def __init__(self, progress: Progress, explain: Path | None = None,
                 report: Path | None = None, runner: Runner = run_ordered) -> None:
        self.totals = Totals()
        self.runner = runner
        self.progress = progress
        self.explain = AtomicOutput(explain) if explain else None
        self.report_path = report
        self.report = ReportBuilder() if report else None
        self.output: AtomicOutput | None = None
        self.file_error: str | None = None

    def run(self, plan: Plan, settings: Settings, jobs: int, resume: bool) -> Totals:
        try:
            for marker, outcome in self.runner(documents(plan, resume), settings, jobs):
                self.handle(marker, outcome)
            self.finish()
        finally:
            for output in (self.output, self.explain):
                if output is not None:
                    output.abort()
            self.progress.clear()
        return self.totals

    def handle(self, marker: Marker, outcome: Outcome | None) -> None:
        if isinstance(marker, Skipped):
            self.totals.skipped += 1
            self.progress.advance(stored_size(marker.source), docs=0)
        elif isinstance(marker, Begin):
            self.file_error = None
            try:
                self.output = AtomicOutput(marker.source.out)
            except OSError as error:
                self.file_error = write_error(marker.source.out, error)
        elif isinstance(marker, Doc):
            assert outcome is not None
            self.progress.advance(marker.advance)
            self.document(marker, outcome)
        else:
            self.end(marker)

    def document(self, doc: Doc, outcome: Outcome) -> None:
        if outcome.output is None:
            if doc.line is None:
                self.file_error = outcome.error
            else:  # one bad record: say where, skip it, keep the rest of the file
                self.totals.failed_records += 1
                self.progress.say(f"cleaner: {doc.source.label}:{doc.line}: {outcome.error}")
            return
        self.totals.add(outcome, doc.size)
        text = outcome.output + "\n" if doc.line is not None else outcome.output
        if self.output is not None and self.file_error is None:
            try:
                self.output.write(text)
            except OSError as error:
                self.file_error = write_error(doc.source.out, error)
        if self.explain is not None:
            self.explain.write(json.dumps(explain_record(doc, outcome), ensure_ascii=False) + "\n")
        if self.report is not None:
            self.report.add(doc.source.label if doc.line is None
                            else f"{doc.source.label}:{doc.line}", outcome.decisions)

    def end(self, end: End) -> None:
        error = end.error or self.file_error
        if error is None and self.output is not None:
            try:
                self.output.commit()
            except OSError as failure:
                error = write_error(end.source.out, failure)
        if error is None:
            self.totals.files += 1
        else:
            if self.output is not None:
                self.output.abort()
            self.totals.failed_files += 1
            self.progress.say(f"cleaner: {end.source.label}: {error}")
        self.output = None

    def finish(self) -> None:
        if self.explain is not None:
            self.explain.commit()
        if self.report is not None and self.report_path is not None:
            page = AtomicOutput(self.report_path)
            page.write(self.report.render(self.totals.summary(), self.totals.dropped))
            page.commit()


def write_error(path: Path | None, error: OSError) -> str:
    return (f"cannot write {path or 'stdout'}: {error.strerror or error} "
            "(check free space and permissions)")


def explain_record(doc: Doc, outcome: Outcome) -> dict[str, object]:
    return {"source": doc.source.label, "record": doc.line,
            "lines": [{"index": d.index, "text": d.text, "keep": d.keep,
                       "reason": d.reason.value if d.reason else None, "rule": d.rule,
                       "score": d.score} for d in outcome.decisions],
            "warnings": list(outcome.warnings)}
