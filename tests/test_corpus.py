"""The gold corpus in corpus/cases: every file parses, and the corpus meets its stated size and
coverage requirements (corpus/README.md); plus the benchmarks/add_case.py tool that adds cases."""

from __future__ import annotations

import builtins
import importlib.util
import io
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from cleaner.corpus import BLANK, KEEP, SPLITS, Case, load_corpus, parse_case
from cleaner.lines import is_blank, split_lines
from cleaner.reasons import RESIDUE_REASONS, Reason

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "corpus" / "cases"

# The corpus requirements, as corpus/README.md states them.
MIN_DOCUMENTS = 80
MIN_STYLES = 20
MIN_LANGUAGES = 5
REQUIRED_LANGUAGES = {"en", "de", "fr", "es"}
MIN_PER_REASON = 10
# A language counts as non-Latin-script when most letters on its kept lines are not Latin.
NON_LATIN_SHARE = 0.5


@pytest.fixture(scope="module")
def corpus() -> list[Case]:
    return load_corpus(CASES)


def test_every_case_file_parses(corpus: list[Case]) -> None:
    assert corpus, f"no cases under {CASES}"


def test_file_name_is_the_case_id() -> None:
    for path in sorted(CASES.rglob("*.tsv")):
        case = parse_case(path.read_text(encoding="utf-8"), str(path))
        assert path.stem == case.id, f"{path}: id header is {case.id!r}"


def test_gold_is_an_ordered_subsequence_of_the_input(corpus: list[Case]) -> None:
    for case in corpus:
        lines = iter(split_lines(case.input))
        for gold_line in split_lines(case.gold):
            assert any(line == gold_line for line in lines), f"{case.id}: {gold_line[:60]!r}"


def test_blank_lines_are_labelled_blank(corpus: list[Case]) -> None:
    """The labelling convention: whitespace-only lines are `blank`, never a reason or `keep`."""
    for case in corpus:
        for number, (line, label) in enumerate(zip(case.lines, case.labels), start=1):
            assert (label == BLANK) == is_blank(line), f"{case.id}:{number}: {label}"


def test_enough_documents(corpus: list[Case]) -> None:
    assert len(corpus) >= MIN_DOCUMENTS, f"{len(corpus)} documents"


def test_enough_styles(corpus: list[Case]) -> None:
    styles = Counter(case.style for case in corpus)
    assert len(styles) >= MIN_STYLES, f"{len(styles)} styles: {dict(styles)}"


def test_languages(corpus: list[Case]) -> None:
    languages = Counter(case.lang for case in corpus)
    assert REQUIRED_LANGUAGES <= set(languages), f"languages: {dict(languages)}"
    assert len(languages) >= MIN_LANGUAGES, f"languages: {dict(languages)}"


def _non_latin_share(cases: list[Case]) -> float:
    letters = [char for case in cases
               for line, label in zip(case.lines, case.labels) if label == KEEP
               for char in line if char.isalpha()]
    non_latin = sum(not unicodedata.name(char, "").startswith("LATIN") for char in letters)
    return non_latin / len(letters) if letters else 0.0


def test_a_non_latin_script_language(corpus: list[Case]) -> None:
    by_lang: dict[str, list[Case]] = {}
    for case in corpus:
        by_lang.setdefault(case.lang, []).append(case)
    shares = {lang: round(_non_latin_share(cases), 2) for lang, cases in by_lang.items()}
    assert any(share > NON_LATIN_SHARE for share in shares.values()), \
        f"non-Latin letter share by language: {shares}"


def test_every_reason_is_labelled_often_enough(corpus: list[Case]) -> None:
    counts = Counter(reason for case in corpus for reason in case.removed().values())
    short = {reason.value: counts[reason] for reason in RESIDUE_REASONS
             if counts[reason] < MIN_PER_REASON}
    assert not short, f"reasons labelled fewer than {MIN_PER_REASON} times: {short}"


def test_both_splits_present(corpus: list[Case]) -> None:
    assert {case.split for case in corpus} == set(SPLITS)


def test_styles_with_several_cases_are_in_both_splits(corpus: list[Case]) -> None:
    splits: dict[tuple[str, str], set[str]] = {}
    for case in corpus:
        splits.setdefault((case.lang, case.style), set()).add(case.split)
    counts = Counter((case.lang, case.style) for case in corpus)
    one_sided = sorted(f"{lang}/{style}" for (lang, style), seen in splits.items()
                       if counts[lang, style] > 1 and len(seen) < len(SPLITS))
    assert not one_sided, f"in one split only: {one_sided}"


# --- benchmarks/add_case.py ---------------------------------------------------------------

def _load_add_case():
    spec = importlib.util.spec_from_file_location("add_case", ROOT / "benchmarks" / "add_case.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


add_case = _load_add_case()

INPUT = ("Sign up for the Harbour Bulletin\n"
         "Ferry timetable changes on Monday\n"
         "\n"
         "The 07:10 sailing moves to 07:25.\n"
         "Photo: Harbour Authority\n"
         "\n"
         "Evening sailings are unchanged.\n"
         "Share this\n")
GOLD = ("Ferry timetable changes on Monday\n"
        "\n"
        "The 07:10 sailing moves to 07:25.\n"
        "\n"
        "Evening sailings are unchanged.\n")
REASONS = "promo\n# the credit under the photo\ncaption\n\nshare\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    cases = tmp_path / "cases"
    cases.mkdir()
    paths = {"input": tmp_path / "in.txt", "gold": tmp_path / "gold.txt",
             "reasons": tmp_path / "reasons.txt", "cases": cases}
    paths["input"].write_text(INPUT, encoding="utf-8")
    paths["gold"].write_text(GOLD, encoding="utf-8")
    paths["reasons"].write_text(REASONS, encoding="utf-8")
    return paths


def _argv(files: dict[str, Path], case_id: str = "en-test-001", reasons: bool = True) -> list[str]:
    argv = [str(files["input"]), str(files["gold"]), "--id", case_id, "--style", "wire",
            "--lang", "en", "--split", "dev", "--corpus", str(files["cases"]),
            "--note", "ferry timetable"]
    return argv + ["--reasons", str(files["reasons"])] if reasons else argv


def test_add_case_writes_a_parseable_case(files, capsys) -> None:
    assert add_case.main(_argv(files)) == 0
    path = files["cases"] / "en-test-001.tsv"
    case = parse_case(path.read_text(encoding="utf-8"), str(path))
    assert case.id == "en-test-001" and case.style == "wire" and case.split == "dev"
    assert case.note == "ferry timetable"
    assert case.input == INPUT.rstrip("\n")
    assert case.gold == GOLD
    assert list(case.removed().values()) == [Reason.PROMO, Reason.CAPTION, Reason.SHARE]
    assert [p.name for p in files["cases"].iterdir()] == ["en-test-001.tsv"]  # no temp left
    assert "promo 1, caption 1, share 1" in capsys.readouterr().out


def test_add_case_rejects_a_gold_that_is_not_a_subsequence(files, capsys) -> None:
    files["gold"].write_text("Evening sailings are unchanged.\nFerry timetable changes on Monday\n",
                             encoding="utf-8")
    assert add_case.main(_argv(files)) == 1
    assert "is not an input line" in capsys.readouterr().err
    assert not any(files["cases"].iterdir())


def test_add_case_rejects_a_rewritten_gold_line(files, capsys) -> None:
    files["gold"].write_text(GOLD.replace("07:25.", "07:25"), encoding="utf-8")
    assert add_case.main(_argv(files)) == 1
    assert "07:25" in capsys.readouterr().err


def test_add_case_refuses_to_overwrite(files, capsys) -> None:
    assert add_case.main(_argv(files)) == 0
    path = files["cases"] / "en-test-001.tsv"
    before = path.read_bytes()
    files["reasons"].write_text("ad\nad\nad\n", encoding="utf-8")
    assert add_case.main(_argv(files)) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_add_case_refuses_an_id_used_by_another_file(files, capsys) -> None:
    (files["cases"] / "renamed.tsv").write_text(
        "# id: en-test-001\n# style: wire\n# lang: en\n# split: dev\nkeep\tA line.\n",
        encoding="utf-8")
    assert add_case.main(_argv(files)) == 1
    assert "already exists" in capsys.readouterr().err
    assert not (files["cases"] / "en-test-001.tsv").exists()


@pytest.mark.parametrize("reasons", ["promo\ncaption\n", "promo\ncaption\nshare\nad\n"])
def test_add_case_rejects_a_reasons_count_mismatch(files, capsys, reasons) -> None:
    files["reasons"].write_text(reasons, encoding="utf-8")
    assert add_case.main(_argv(files)) == 1
    err = capsys.readouterr().err
    assert "removes 3 non-blank line(s)" in err
    assert not any(files["cases"].iterdir())


def test_add_case_rejects_an_unknown_reason(files, capsys) -> None:
    files["reasons"].write_text("promo\nphoto\nshare\n", encoding="utf-8")
    assert add_case.main(_argv(files)) == 1
    assert "unknown reason 'photo'" in capsys.readouterr().err


def test_add_case_asks_for_reasons_on_a_terminal(files, monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["pro", "nonsense", "cap", "share"])  # prefixes work; nonsense is re-asked
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(answers))
    assert add_case.main(_argv(files, reasons=False)) == 0
    path = files["cases"] / "en-test-001.tsv"
    case = parse_case(path.read_text(encoding="utf-8"), str(path))
    assert list(case.removed().values()) == [Reason.PROMO, Reason.CAPTION, Reason.SHARE]


def test_add_case_needs_reasons_without_a_terminal(files, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert add_case.main(_argv(files, reasons=False)) == 2
    assert "--reasons" in capsys.readouterr().err


def test_add_case_usage_errors_exit_2(files, capsys) -> None:
    argv = _argv(files)
    split_at = argv.index("--split")
    assert add_case.main(argv[:split_at] + argv[split_at + 2:]) == 2  # --split is required
    assert add_case.main(argv[:split_at] + ["--split", "train"] + argv[split_at + 2:]) == 2
    assert add_case.main(_argv(files, case_id="en/../x")) == 2
    capsys.readouterr()
