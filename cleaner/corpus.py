"""Labelled documents: the project's corpus in `corpus/cases/` and the seeds in `../shared/seeds`.

A case file is UTF-8 text. It opens with `# key: value` header lines (id, style, lang, split,
and an optional note), then one line per input line: a label, a tab, and the line's text. The
label is `keep`, `blank` (a whitespace-only line) or a residue reason from `cleaner.reasons`.
The input is the texts in order; the gold is the kept and blank lines with blank runs collapsed,
so it is an ordered subsequence of the input by construction.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from pathlib import Path

from cleaner.errors import CorpusError
from cleaner.lines import collapse_blank_runs, is_blank, join_lines, split_lines
from cleaner.reasons import RESIDUE_REASONS, Reason

KEEP = "keep"
BLANK = "blank"
SPLITS = ("dev", "test")
REQUIRED_HEADERS = ("id", "style", "lang", "split")
OPTIONAL_HEADERS = ("note",)
_RESIDUE_LABELS = {reason.value: reason for reason in RESIDUE_REASONS}


@dataclasses.dataclass(frozen=True)
class Case:
    """One labelled document: each input line's label is KEEP, BLANK or a residue Reason."""

    id: str
    style: str
    lang: str
    split: str
    lines: tuple[str, ...]
    labels: tuple[str | Reason, ...]
    note: str = ""

    @property
    def input(self) -> str:
        return "\n".join(self.lines)

    @property
    def gold(self) -> str:
        kept = collapse_blank_runs(self.lines, [label in (KEEP, BLANK) for label in self.labels])
        return join_lines(line for line, keep in zip(self.lines, kept) if keep)

    def removed(self) -> dict[int, Reason]:
        """0-based input line index -> reason, for every residue line."""
        return {i: label for i, label in enumerate(self.labels) if isinstance(label, Reason)}


def parse_label(label: str, text: str, where: str) -> str | Reason:
    if label == BLANK:
        if not is_blank(text):
            raise CorpusError(f"{where}: labelled blank but has text {text[:40]!r}")
        return BLANK
    if label == KEEP:
        return KEEP
    if label in _RESIDUE_LABELS:
        return _RESIDUE_LABELS[label]
    known = ", ".join([KEEP, BLANK, *_RESIDUE_LABELS])
    raise CorpusError(f"{where}: unknown label {label!r}; use one of: {known}")


def parse_case(source: str, name: str = "<case>") -> Case:
    """Parse a case file's text; `name` is used in error messages."""
    headers: dict[str, str] = {}
    lines: list[str] = []
    labels: list[str | Reason] = []
    for number, raw in enumerate(split_lines(source), start=1):
        where = f"{name}:{number}"
        if not lines and raw.startswith("#"):
            key, sep, value = raw[1:].partition(":")
            key = key.strip()
            if not sep or key not in REQUIRED_HEADERS + OPTIONAL_HEADERS:
                raise CorpusError(f"{where}: header must be '# key: value' with key in "
                                  f"{', '.join(REQUIRED_HEADERS + OPTIONAL_HEADERS)}")
            if key in headers:
                raise CorpusError(f"{where}: header {key!r} is given twice")
            headers[key] = value.strip()
            continue
        label, tab, text = raw.partition("\t")
        if not tab and label == BLANK:
            pass  # an editor stripped the tab that follows "blank": the line is still blank
        elif not tab:
            raise CorpusError(f"{where}: expected 'label<TAB>text'; got {raw[:40]!r}")
        labels.append(parse_label(label, text, where))
        lines.append(text)
    missing = [key for key in REQUIRED_HEADERS if not headers.get(key)]
    if missing:
        raise CorpusError(f"{name}: missing header(s) {', '.join(missing)}")
    if headers["split"] not in SPLITS:
        raise CorpusError(f"{name}: split must be one of {SPLITS}, not {headers['split']!r}")
    if not any(label == KEEP for label in labels):
        raise CorpusError(f"{name}: no line is labelled keep")
    return Case(id=headers["id"], style=headers["style"], lang=headers["lang"],
                split=headers["split"], lines=tuple(lines), labels=tuple(labels),
                note=headers.get("note", ""))


def format_case(case: Case) -> str:
    """The case file text for `case` (the inverse of parse_case)."""
    head = [f"# {key}: {getattr(case, key)}" for key in REQUIRED_HEADERS]
    if case.note:
        head.append(f"# note: {case.note}")
    body = [f"{label.value if isinstance(label, Reason) else label}\t{line}"
            for label, line in zip(case.labels, case.lines)]
    return "\n".join(head + body) + "\n"


def load_corpus(directory: Path) -> list[Case]:
    """Every `*.tsv` case under `directory`, sorted by id; ids must be unique."""
    cases = [parse_case(path.read_text(encoding="utf-8"), str(path))
             for path in sorted(directory.rglob("*.tsv"))]
    seen: dict[str, int] = {}
    for case in cases:
        seen[case.id] = seen.get(case.id, 0) + 1
    duplicated = sorted(case_id for case_id, count in seen.items() if count > 1)
    if duplicated:
        raise CorpusError(f"{directory}: duplicate case ids {', '.join(duplicated)}")
    return sorted(cases, key=lambda case: case.id)


def corpus_hash(directory: Path) -> str:
    """sha256 over the case files' names and bytes, to pin scores to one corpus version."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*.tsv")):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def align_gold(lines: list[str], gold: str, name: str) -> list[bool]:
    """Which input lines the gold keeps, matching non-blank gold lines in order.

    Raises CorpusError naming the first gold line that is not an in-order input line.
    """
    kept = [False] * len(lines)
    position = 0
    for gold_line in split_lines(gold):
        if is_blank(gold_line):
            continue
        while position < len(lines) and lines[position] != gold_line:
            position += 1
        if position == len(lines):
            raise CorpusError(f"{name}: gold line {gold_line[:60]!r} is not an input line "
                              "(in order); the gold must only delete lines")
        kept[position] = True
        position += 1
    return kept


def load_seed(directory: Path, name: str) -> Case:
    """Seed `name` from `NAME.txt`, `NAME.gold.txt` and `NAME.labels.tsv`, cross-checked."""
    text = (directory / f"{name}.txt").read_text(encoding="utf-8")
    gold = (directory / f"{name}.gold.txt").read_text(encoding="utf-8")
    lines = split_lines(text)
    labels: list[str | Reason] = []
    for number, row in enumerate(split_lines(
            (directory / f"{name}.labels.tsv").read_text(encoding="utf-8")), start=1):
        fields = row.split("\t", 2)
        if len(fields) < 2 or fields[0] != str(number):
            raise CorpusError(f"{directory / name}.labels.tsv:{number}: malformed row")
        where = f"{directory / name}.labels.tsv:{number}"
        label = fields[1]
        text_line = lines[number - 1] if number <= len(lines) else ""
        labels.append(BLANK if label == BLANK and is_blank(text_line)
                      else parse_label(label, text_line, where))
    if len(labels) != len(lines):
        raise CorpusError(f"{directory / name}: {len(labels)} labels for {len(lines)} lines")
    kept = align_gold(lines, gold, f"{directory / name}.gold.txt")
    for index, (label, keep) in enumerate(zip(labels, kept)):
        if not is_blank(lines[index]) and (label == KEEP) != keep:
            raise CorpusError(f"{directory / name}: line {index + 1} label {label} "
                              "disagrees with the gold")
    case = Case(id=name, style="seed", lang="en", split="test", lines=tuple(lines),
                labels=tuple(labels))
    if case.gold != gold:
        raise CorpusError(f"{directory / name}: gold is not the kept lines with blank runs "
                          "collapsed")
    return case


def iter_seeds(directory: Path) -> Iterator[Case]:
    for path in sorted(directory.glob("*.gold.txt")):
        yield load_seed(directory, path.name.removesuffix(".gold.txt"))
