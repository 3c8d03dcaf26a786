"""Which files a batch reads and where each output goes, checked before anything is written.

Every output path is known up front, so the checks that protect inputs (never write over an
input, never write into an input folder, never write two inputs to one output) run once and
refuse the whole batch, rather than failing halfway through it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from cleaner.batch_io import KNOWN_SUFFIXES, format_of, output_name

STDIN = "-"


class UsageError(Exception):
    """The command line asks for something cleaner must not or cannot do (exit code 2)."""


@dataclasses.dataclass(frozen=True)
class Source:
    path: Path | None  # None: stdin
    fmt: str  # "txt", "html" or "jsonl"
    out: Path | None  # None: stdout

    @property
    def label(self) -> str:
        return "<stdin>" if self.path is None else str(self.path)


@dataclasses.dataclass(frozen=True)
class Plan:
    sources: tuple[Source, ...]
    notes: tuple[str, ...]  # things worth telling the user that are not errors

    def input_bytes(self) -> int:
        """Bytes on disk of the file inputs (the progress bar's total)."""
        return sum(stored_size(source) for source in self.sources)


def stored_size(source: Source) -> int:
    """Bytes of the input as stored; 0 for stdin or a file that cannot be read (the reading
    reports that one)."""
    try:
        return source.path.stat().st_size if source.path is not None else 0
    except OSError:
        return 0


def plan_batch(inputs: Sequence[str], out: str | None, fmt: str | None,
               side_outputs: Sequence[str | None] = ()) -> Plan:
    """Sources with their outputs for `cleaner clean INPUT... [-o OUT]`; raises UsageError.

    OUT is a folder when it already is one, ends with a slash, or there is more than one
    input or any folder input; otherwise it names the one output file.
    """
    if inputs.count(STDIN) > 1:
        raise UsageError("'-' (stdin) can be given only once")
    out_dir = None
    out_file = None
    if out is not None:
        as_folder = (Path(out).is_dir() or out.endswith(("/", os.sep)) or len(inputs) > 1
                     or any(item != STDIN and Path(item).is_dir() for item in inputs))
        out_dir, out_file = (Path(out), None) if as_folder else (None, Path(out))
        if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
            raise UsageError(f"-o {out}: is a file, but these inputs need an output folder "
                             "(give a folder name)")
    sources: list[Source] = []
    notes: list[str] = []
    for item in inputs:
        found = list(_sources_of(item, fmt, out_dir, out_file))
        if not found and item != STDIN and Path(item).is_dir():
            notes.append(f"{item}: no {', '.join(KNOWN_SUFFIXES)} files found "
                         "(use --format to take every file)")
        sources.extend(found)
    _check_outputs(inputs, sources, out_dir, [Path(p) for p in side_outputs if p])
    return Plan(tuple(sources), tuple(notes))


def _sources_of(item: str, fmt: str | None, out_dir: Path | None,
                out_file: Path | None) -> Iterator[Source]:
    if item == STDIN:
        chosen = fmt or "txt"
        name = output_name(f"stdin.{chosen}", chosen)
        yield Source(None, chosen, out_dir / name if out_dir else out_file)
        return
    path = Path(item)
    if not path.is_dir():
        chosen = fmt or format_of(path)
        if chosen is None:
            raise UsageError(f"{item}: cannot tell the format from the name "
                             f"(known: {', '.join(KNOWN_SUFFIXES)}); pass --format")
        yield Source(path, chosen, out_dir / output_name(path.name, chosen) if out_dir
                     else out_file)
        return
    for file in _walk(path):
        chosen = fmt or format_of(file)
        if chosen is not None:
            relative = file.relative_to(path)
            yield Source(file, chosen, out_dir / relative.parent
                         / output_name(relative.name, chosen) if out_dir else None)


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder` in a stable order, skipping hidden files and folders (".git",
    and the ".NAME.tmp" files of an interrupted run)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _check_outputs(inputs: Sequence[str], sources: Sequence[Source], out_dir: Path | None,
                   side_outputs: Sequence[Path]) -> None:
    input_dirs = [Path(item).resolve() for item in inputs
                  if item != STDIN and Path(item).is_dir()]
    # An output folder inside an input folder, or a side file in one, would be read back as
    # input by the next run over that folder.
    for target in [*([out_dir] if out_dir else []), *side_outputs]:
        resolved = target.resolve()
        for folder in input_dirs:
            if resolved == folder or folder in resolved.parents:
                raise UsageError(f"{target}: is inside the input folder {folder}; outputs "
                                 "would land among the inputs (choose a place outside it)")
    inputs_by_path = {source.path.resolve(): source for source in sources if source.path}
    written: dict[Path, str] = {}
    for target, label in [*((s.out, s.label) for s in sources if s.out),
                          *((p, f"--explain/--report {p}") for p in side_outputs)]:
        resolved = target.resolve()
        if resolved in inputs_by_path:
            raise UsageError(f"{target}: would overwrite the input "
                             f"{inputs_by_path[resolved].label} (choose another output)")
        if resolved in written:
            raise UsageError(f"{written[resolved]} and {label} would both be written to "
                             f"{target} (rename one, or clean them separately)")
        written[resolved] = label
