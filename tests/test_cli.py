"""The batch command line, driven through main(argv) on temporary folders."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from cleaner.batch_run import Totals
from cleaner.cli import main
from cleaner.report import ReportBuilder
from cleaner.result import LineDecision

PROMO = "Sign up for our newsletter"
ARTICLE = "The council met on Tuesday and approved the new budget after a long debate."
DOC = f"{ARTICLE}\n{PROMO}\nMembers will vote again in March.\n"
CLEANED = f"{ARTICLE}\nMembers will vote again in March.\n"
PAGE = (f"<html><head><title>t</title></head><body><article><p>{ARTICLE}</p><p>{PROMO}</p>"
        "<p>Members will vote again in March, the mayor said.</p></article></body></html>")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def records(count: int, start: int = 0) -> list[dict[str, object]]:
    return [{"id": n, "url": f"https://example.com/{n}", "text": DOC if n % 2 else f"Only {n}.",
             "meta": {"lang": "en", "score": n / 3, "tags": ["a", "é"]}, "ok": n % 3 == 0}
            for n in range(start, start + count)]


def jsonl(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def read_jsonl(path: Path) -> list[dict[str, object]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    write(folder / "a.txt", DOC)
    write(folder / "news" / "b.txt", f"{PROMO}\n{ARTICLE}\n")
    write(folder / "news" / "deep" / "c.htm", PAGE)
    write(folder / "data" / "d.jsonl", jsonl(records(5)))
    write(folder / "notes.md", DOC)  # unknown extension: not taken
    write(folder / ".hidden.txt", DOC)
    return folder


def test_folder_tree_is_mirrored_with_html_renamed_to_txt(crawl: Path, tmp_path: Path) -> None:
    assert main(["clean", str(crawl), "-o", str(tmp_path / "out"), "-q"]) == 0
    out = files_under(tmp_path / "out")
    assert sorted(out) == ["a.txt", "data/d.jsonl", "news/b.txt", "news/deep/c.txt"]
    assert out["a.txt"].decode() == CLEANED
    assert out["news/b.txt"].decode() == f"{ARTICLE}\n"
    assert PROMO not in out["news/deep/c.txt"].decode()
    assert ARTICLE in out["news/deep/c.txt"].decode()


def test_jsonl_round_trip_keeps_other_fields_key_order_and_record_order(tmp_path: Path) -> None:
    rows = records(20)
    source = write(tmp_path / "in.jsonl", jsonl(rows))
    assert main(["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0
    cleaned = read_jsonl(tmp_path / "out.jsonl")
    assert len(cleaned) == len(rows)
    for before, after in zip(rows, cleaned):
        assert list(after) == list(before)
        assert {k: v for k, v in after.items() if k != "text"} == \
               {k: v for k, v in before.items() if k != "text"}
        assert after["text"] == (CLEANED if before["text"] == DOC else before["text"])


def test_jsonl_gz_output_stays_gzip_and_field_option(tmp_path: Path) -> None:
    rows = [{"body": DOC, "text": PROMO}]
    source = write(tmp_path / "in" / "part.jsonl.gz", jsonl(rows))
    assert main(["clean", str(source.parent), "-o", str(tmp_path / "out"), "--field", "body",
                 "-q"]) == 0
    output = tmp_path / "out" / "part.jsonl.gz"
    assert output.read_bytes()[:2] == b"\x1f\x8b"
    assert read_jsonl(output) == [{"body": CLEANED, "text": PROMO}]


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = PAGE.replace("<title>", '<meta charset="iso-8859-1"><title>').replace(
        "long debate", "long débat")
    source = write(tmp_path / "page.html", page.encode("cp1252"))
    assert main(["clean", str(source), "-o", str(tmp_path / "out") + "/", "-q"]) == 0
    text = (tmp_path / "out" / "page.txt").read_text(encoding="utf-8")
    assert "long débat" in text and PROMO not in text


def test_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
                         ) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DOC.encode())))
    assert main(["clean", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out == CLEANED
    assert "1 documents" in captured.err  # the summary goes to stderr, never stdout


def test_jsonl_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(jsonl(records(3)).encode())))
    assert main(["clean", "-", "--format", "jsonl", "-q"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["id"] for row in out] == [0, 1, 2] and out[1]["text"] == CLEANED


def test_jobs_2_output_is_identical_to_jobs_1(crawl: Path, tmp_path: Path) -> None:
    write(crawl / "big.jsonl.gz", jsonl(records(150)))
    for jobs in ("1", "2"):
        assert main(["clean", str(crawl), "-o", str(tmp_path / f"out{jobs}"), "--jobs", jobs,
                     "--explain", str(tmp_path / f"explain{jobs}.jsonl"), "-q"]) == 0
    assert files_under(tmp_path / "out1") == files_under(tmp_path / "out2")
    assert (tmp_path / "explain1.jsonl").read_bytes() == (tmp_path / "explain2.jsonl").read_bytes()


def test_resume_skips_complete_outputs(crawl: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["clean", str(crawl), "-o", str(out), "-q"]) == 0
    (out / "a.txt").write_text("kept as it was\n")
    (out / "news" / "b.txt").unlink()
    assert main(["clean", str(crawl), "-o", str(out), "--resume"]) == 0
    assert (out / "a.txt").read_text() == "kept as it was\n"
    assert (out / "news" / "b.txt").read_text() == f"{ARTICLE}\n"
    assert "3 skipped" in capsys.readouterr().err
    assert not [p for p in out.rglob(".*")], "no temporary files are left behind"


def test_broken_inputs_are_reported_and_the_batch_goes_on(
        crawl: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (crawl / "m1_not_gzip.jsonl.gz").write_bytes(b"this is not gzip\n")
    truncated = gzip.compress(jsonl(records(50)).encode())[:-30]
    (crawl / "m2_truncated.jsonl.gz").write_bytes(truncated)
    write(crawl / "m3_bad_line.jsonl", jsonl(records(2)) + "{oops\n" + jsonl(records(1, 7)))
    write(crawl / "m4_bytes.txt", b"caf\xe9 \x81\x8d \xff costs \x80 5\n" + PROMO.encode())
    write(crawl / "m5_empty.html", b"<html><body></body></html>")
    out = tmp_path / "out"
    assert main(["clean", str(crawl), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{crawl / 'm1_not_gzip.jsonl.gz'}: corrupt or truncated gzip" in err
    assert f"{crawl / 'm2_truncated.jsonl.gz'}: corrupt or truncated gzip" in err
    assert f"{crawl / 'm3_bad_line.jsonl'}:3: invalid JSON" in err
    assert f"{crawl / 'm5_empty.html'}: trafilatura found no article text" in err
    written = files_under(out)
    assert {"a.txt", "news/b.txt", "news/deep/c.txt", "data/d.jsonl", "m4_bytes.txt"} <= set(written)
    assert not {"m1_not_gzip.jsonl.gz", "m2_truncated.jsonl.gz", "m5_empty.txt"} & set(written)
    assert [row["id"] for row in read_jsonl(out / "m3_bad_line.jsonl")] == [0, 1, 7]
    assert PROMO not in written["m4_bytes.txt"].decode("utf-8")


@pytest.mark.parametrize("make_args", [
    lambda d: [str(d), "-o", str(d / "clean")],  # output folder inside the input folder
    lambda d: [str(d), "-o", str(d)],
    lambda d: [str(d / "a.txt"), "-o", str(d / "a.txt")],
    lambda d: [str(d), "-o", str(d.parent / "out"), "--report", str(d / "r.html")],
    lambda d: [str(d / "a.txt"), str(d / "a.html"), "-o", str(d.parent / "out")],  # a.txt twice
    lambda d: [str(d / "notes.md"), "-o", str(d.parent / "out")],  # unknown format
    lambda d: [str(d), "--resume"],  # resume without -o
    lambda d: [str(d), "--threshold", "1.5"],
    lambda d: [str(d), "--jobs", "-1"],
])
def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path, make_args, capsys) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", DOC)
    write(folder / "a.html", PAGE)
    write(folder / "notes.md", DOC)
    before = files_under(tmp_path)
    assert main(["clean", *make_args(folder)]) == 2
    assert files_under(tmp_path) == before
    assert capsys.readouterr().err.startswith("cleaner: ")


def test_explain_writes_every_decision_per_document(crawl: Path, tmp_path: Path) -> None:
    explain = tmp_path / "why.jsonl"
    assert main(["clean", str(crawl), "-o", str(tmp_path / "out"), "--explain", str(explain),
                 "-q"]) == 0
    docs = [json.loads(line) for line in explain.read_text().splitlines()]
    assert len(docs) == 3 + 5  # three single-document files and five records
    first = docs[0]
    assert first["source"] == str(crawl / "a.txt") and first["record"] is None
    assert [line["text"] for line in first["lines"]] == DOC.splitlines()
    promo = first["lines"][1]
    assert (promo["keep"], promo["reason"], promo["index"]) == (False, "promo", 1)
    assert set(promo) == {"index", "text", "keep", "reason", "rule", "score"}
    assert [d["record"] for d in docs if d["source"].endswith("d.jsonl")] == [1, 2, 3, 4, 5]


def test_report_is_self_contained_escaped_html(tmp_path: Path) -> None:
    hostile = '<script src="https://evil.example/x.js"></script> & <img src=http://x/y.png>'
    source = write(tmp_path / "in.jsonl", jsonl([{"text": DOC}, {"text": f"{hostile}\n{PROMO}"}]))
    report = tmp_path / "report.html"
    assert main(["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--report",
                 str(report), "-q"]) == 0
    page = lxml.html.fromstring(report.read_bytes())
    for element in page.iter():
        for attribute in ("src", "href"):
            assert not (element.get(attribute) or "").startswith(("http:", "https:", "//"))
    assert not page.xpath("//img | //link | //script[@src]")
    assert len(page.xpath("//script")) == 1
    assert hostile in page.text_content()
    assert PROMO in page.xpath("//div[@data-reason='promo']/del/text()")
    assert page.xpath("//select[@id='reason']/option[@value='promo']")


def test_explain_command_prints_a_table(tmp_path: Path, capsys) -> None:
    source = write(tmp_path / "in.jsonl", jsonl([{"text": "Only one."}, {"text": DOC}]))
    assert main(["explain", str(source), "--record", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{source}:2: 3 lines, 1 dropped")
    assert any(line.split()[:3] == ["1", "DROP", "promo"] for line in out.splitlines())
    assert main(["explain", str(write(tmp_path / "p.html", PAGE))]) == 0
    assert "DROP" in capsys.readouterr().out
    assert main(["explain", str(source), "--record", "9"]) == 2


def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    source = write(tmp_path / "in.jsonl", jsonl(records(5)))
    for stream, expected in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        assert main(["clean", str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
        assert ("\r[" in stream.getvalue()) is expected
        assert "5 documents" in stream.getvalue()


def test_bench_is_dispatched_lazily(monkeypatch) -> None:
    calls = []
    fake = type(sys)("cleaner.bench")
    fake.main = lambda argv: calls.append(argv) or 0
    monkeypatch.setitem(sys.modules, "cleaner.bench", fake)
    assert main(["bench", "--corpus", "x"]) == 0 and calls == [["--corpus", "x"]]
    monkeypatch.setitem(sys.modules, "cleaner.bench", None)  # as if bench.py were missing
    assert main(["bench"]) == 2


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("cleaner ")


def test_installed_command_runs(crawl: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("cleaner")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cleaner"]
    done = subprocess.run([*command, "clean", str(crawl), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr, "no progress bar when stderr is not a terminal"
    assert done.stderr.startswith("cleaner: 8 documents from 4 files")
    assert (tmp_path / "out" / "a.txt").read_text() == CLEANED


def test_precision_and_threshold_map_to_config(tmp_path: Path, monkeypatch) -> None:
    seen = []
    monkeypatch.setattr("cleaner.cli.Batch.run",
                        lambda self, plan, settings, jobs, resume:
                        seen.append(settings.config) or Totals())
    source = write(tmp_path / "a.txt", DOC)
    main(["clean", str(source), "--precision", "high", "-q"])
    main(["clean", str(source), "--threshold", "0.7", "-q"])
    assert [(c.precision, c.threshold) for c in seen] == [("high", None), ("balanced", 0.7)]


@pytest.mark.skipif(importlib.util.find_spec("resiliparse") is not None,
                    reason="resiliparse is installed")
def test_missing_resiliparse_is_a_clear_usage_error(tmp_path: Path, capsys) -> None:
    source = write(tmp_path / "p.html", PAGE)
    assert main(["clean", str(source), "--extractor", "resiliparse"]) == 2
    assert "pip install resiliparse" in capsys.readouterr().err


def test_report_page_is_capped_and_says_so() -> None:
    builder = ReportBuilder(max_documents=2)
    for n in range(3):
        builder.add(f"doc{n}", [LineDecision(0, f"line <{n}>", True)])
    page = lxml.html.fromstring(builder.render("summary", {"promo": (1, 20)}))
    assert len(page.xpath("//section")) == 2
    assert "first 2 of 3 documents" in page.xpath("string(//p[@class='cap'])")
    assert "line <1>" in page.text_content() and "line <2>" not in page.text_content()
