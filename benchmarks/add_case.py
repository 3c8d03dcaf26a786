"""Add one labelled case to the corpus from a raw input file and a separately written gold file.

    python benchmarks/add_case.py INPUT.txt GOLD.txt --id en-wire-004 --style wire --lang en \\
        --split dev [--reasons REASONS.txt] [--note TEXT] [--corpus corpus/cases]

The gold is the input with residue lines deleted and nothing rewritten. It is aligned to the
input with `cleaner.corpus.align_gold`, which fails, naming the line, when the gold is not an
in-order subsequence of the input's lines. Every input line the gold drops that is not blank
needs a reason: one per line, in order, from REASONS.txt (blank lines and `#` comments there
are skipped), or, without --reasons and with a terminal on stdin, asked for line by line.
Whitespace-only input lines are always labelled `blank` (see corpus/README.md).

The case is written with `cleaner.corpus.format_case` to `<corpus>/<id>.tsv` through a
temporary file and `os.replace`, after checking that the text parses back to the same case.
An existing case with the same id is never overwritten.

Exit status: 0 written, 1 the case could not be made (bad gold, reasons, id taken, I/O),
2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

try:
    import cleaner  # noqa: F401  (only to tell whether the package is importable)
except ImportError:  # run from a checkout without installing: use the checkout's package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.corpus import BLANK, KEEP, SPLITS, Case, align_gold, format_case, parse_case
from cleaner.errors import CorpusError
from cleaner.lines import is_blank, split_lines
from cleaner.reasons import RESIDUE_REASONS, Reason

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "cases"
REASON_NAMES = tuple(reason.value for reason in RESIDUE_REASONS)
ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


class CaseInputError(Exception):
    """Something in the given files or options stops the case being made (exit 1)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="add_case.py",
        description="Add a labelled case to the corpus from an input file and its gold.")
    parser.add_argument("input", type=Path, metavar="INPUT.txt", help="scraped text, as received")
    parser.add_argument("gold", type=Path, metavar="GOLD.txt",
                        help="the input with residue lines deleted, nothing rewritten")
    parser.add_argument("--id", required=True, dest="case_id", metavar="ID",
                        help="case id and file name, e.g. en-wire-004")
    parser.add_argument("--style", required=True, help="outlet style, e.g. wire, recipe")
    parser.add_argument("--lang", required=True, help="language code, e.g. en, de")
    parser.add_argument("--split", required=True, choices=SPLITS,
                        help="dev (may be tuned on) or test (held out)")
    parser.add_argument("--reasons", type=Path, metavar="REASONS.txt",
                        help="one reason per removed non-blank line, in order; "
                             f"reasons: {', '.join(REASON_NAMES)}")
    parser.add_argument("--note", default="", help="optional free-text note for the header")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="case directory (default: corpus/cases)")
    return parser


def check_header_value(name: str, value: str) -> str | None:
    """A usage message when `value` cannot go in a one-line `# key: value` header."""
    if "\n" in value or "\r" in value:
        return f"--{name} must be one line"
    if name != "note" and (not value.strip() or value != value.strip()):
        return f"--{name} must be non-empty without surrounding spaces"
    return None


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CaseInputError(f"{path}: cannot read as UTF-8 text: {error}") from None


def read_reasons(path: Path) -> list[Reason]:
    """Reasons listed in `path`, one per line; blank lines and `#` comments are skipped."""
    reasons = []
    for number, raw in enumerate(split_lines(read_text(path)), start=1):
        value = raw.strip()
        if not value or value.startswith("#"):
            continue
        if value not in REASON_NAMES:
            raise CaseInputError(f"{path}:{number}: unknown reason {value!r}; "
                                 f"use one of: {', '.join(REASON_NAMES)}")
        reasons.append(Reason(value))
    return reasons


def ask_reason(index: int, text: str, prompt: Callable[[str], str]) -> Reason:
    """Ask until the answer names a reason (a unique prefix is enough)."""
    print(f"\nremoved line {index + 1}: {text}", file=sys.stderr)
    while True:
        answer = prompt(f"reason ({', '.join(REASON_NAMES)}): ").strip()
        matches = [name for name in REASON_NAMES if name.startswith(answer)] if answer else []
        if answer in REASON_NAMES:
            return Reason(answer)
        if len(matches) == 1:
            return Reason(matches[0])
        print(f"  {answer!r} is not one reason; type one of the names above", file=sys.stderr)


def label_lines(lines: Sequence[str], kept: Sequence[bool],
                reasons: Sequence[Reason] | None,
                prompt: Callable[[str], str] | None) -> list[str | Reason]:
    """KEEP, BLANK or a reason per input line; reasons come from the list or the prompt."""
    removed = [i for i, (line, keep) in enumerate(zip(lines, kept))
               if not keep and not is_blank(line)]
    if reasons is not None and len(reasons) != len(removed):
        raise CaseInputError(f"the gold removes {len(removed)} non-blank line(s) but the reasons "
                             f"file lists {len(reasons)}; give one reason per removed line")
    given = iter(reasons) if reasons is not None else None
    labels: list[str | Reason] = []
    for index, (line, keep) in enumerate(zip(lines, kept)):
        if is_blank(line):
            labels.append(BLANK)
        elif keep:
            labels.append(KEEP)
        elif given is not None:
            labels.append(next(given))
        else:
            assert prompt is not None
            labels.append(ask_reason(index, line, prompt))
    return labels


def existing_ids(directory: Path) -> dict[str, Path]:
    """Case id -> file, read from the `# id:` header of every case file under `directory`."""
    found: dict[str, Path] = {}
    for path in sorted(directory.rglob("*.tsv")):
        try:
            with path.open(encoding="utf-8") as handle:
                for raw in handle:
                    if not raw.startswith("#"):
                        break
                    key, sep, value = raw[1:].partition(":")
                    if sep and key.strip() == "id":
                        found[value.strip()] = path
                        break
        except (OSError, UnicodeDecodeError):
            continue  # load_corpus reports unreadable files; they hold no id we can clash with
    return found


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same directory and os.replace."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=path.parent,
                                         prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def make_case(args: argparse.Namespace, prompt: Callable[[str], str] | None) -> Case:
    lines = split_lines(read_text(args.input))
    gold = read_text(args.gold)
    kept = align_gold(lines, gold, str(args.gold))
    reasons = read_reasons(args.reasons) if args.reasons is not None else None
    labels = label_lines(lines, kept, reasons, prompt)
    return Case(id=args.case_id, style=args.style, lang=args.lang, split=args.split,
                lines=tuple(lines), labels=tuple(labels), note=args.note.strip())


def ambiguous_alignments(case: Case) -> list[str]:
    """Kept lines whose text is also on a removed line: align_gold keeps the earliest copy."""
    removed_at: dict[str, int] = {}
    for index in case.removed():
        removed_at.setdefault(case.lines[index], index)
    return [f"line {index + 1} (kept) and line {removed_at[line] + 1} (removed) read "
            f"{line[:50]!r}; the gold was aligned to the earliest copy, check the labels"
            for index, (line, label) in enumerate(zip(case.lines, case.labels))
            if label == KEEP and line in removed_at]


def add_case(args: argparse.Namespace, prompt: Callable[[str], str] | None) -> Path:
    """Build, check and write the case; returns the written path."""
    target = args.corpus / f"{args.case_id}.tsv"
    if not args.corpus.is_dir():
        raise CaseInputError(f"{args.corpus}: corpus directory does not exist")
    taken = existing_ids(args.corpus)
    if target.exists() or args.case_id in taken:
        where = taken.get(args.case_id, target)
        raise CaseInputError(f"{where}: case id {args.case_id!r} already exists; "
                             "refusing to overwrite (pick a new id or delete the file first)")
    case = make_case(args, prompt)
    for warning in ambiguous_alignments(case):
        print(f"add_case.py: warning: {warning}", file=sys.stderr)
    text = format_case(case)
    if parse_case(text, str(target)) != case:
        raise CaseInputError(f"{target}: the formatted case does not parse back to itself "
                             "(a line holding a tab or a header-like first line?)")
    write_atomically(target, text)
    if parse_case(target.read_text(encoding="utf-8"), str(target)) != case:
        raise CaseInputError(f"{target}: written file does not parse back to the case")
    gold_lines = [line for line in split_lines(read_text(args.gold)) if not is_blank(line)]
    if [line for line in split_lines(case.gold) if not is_blank(line)] != gold_lines:
        raise CaseInputError(f"{target}: case gold differs from {args.gold}")  # cannot happen
    return target


def summary(case_path: Path) -> str:
    case = parse_case(case_path.read_text(encoding="utf-8"), str(case_path))
    counts = Counter(reason.value for reason in case.removed().values())
    kept = sum(label == KEEP for label in case.labels)
    detail = ", ".join(f"{name} {counts[name]}" for name in REASON_NAMES if counts[name])
    return (f"wrote {case_path}: {len(case.lines)} lines, {kept} keep, "
            f"{len(case.removed())} removed" + (f" ({detail})" if detail else ""))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code in (0, None) else 2
    for name in ("case_id", "style", "lang", "note"):
        problem = check_header_value(name.removeprefix("case_"), getattr(args, name))
        if problem:
            parser.print_usage(sys.stderr)
            print(f"add_case.py: error: {problem}", file=sys.stderr)
            return 2
    if not set(args.case_id) <= ID_CHARS:
        parser.print_usage(sys.stderr)
        print("add_case.py: error: --id may only hold letters, digits, '-', '_' and '.'",
              file=sys.stderr)
        return 2
    prompt = None
    if args.reasons is None:
        if sys.stdin is not None and sys.stdin.isatty():
            prompt = input
    try:
        if prompt is None and args.reasons is None:
            # Without a reasons file or a terminal, only a gold that removes nothing can work.
            lines = split_lines(read_text(args.input))
            kept = align_gold(lines, read_text(args.gold), str(args.gold))
            if any(not keep and not is_blank(line) for line, keep in zip(lines, kept)):
                parser.print_usage(sys.stderr)
                print("add_case.py: error: the gold removes lines; pass --reasons REASONS.txt "
                      "(stdin is not a terminal, so reasons cannot be asked for)",
                      file=sys.stderr)
                return 2
        path = add_case(args, prompt)
    except (CaseInputError, CorpusError, OSError) as error:
        print(f"add_case.py: error: {error}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nadd_case.py: aborted; nothing written", file=sys.stderr)
        return 1
    print(summary(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
