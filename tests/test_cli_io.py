"""Batch input/output pieces: decoding, names, atomic outputs, record errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cleaner.batch_io import AtomicOutput, decode, format_of, output_name
from cleaner.batch_work import Settings, Task, init_worker, process
from cleaner.config import Config


@pytest.mark.parametrize(("data", "html", "expected"), [
    (codecs.BOM_UTF16_LE + "café".encode("utf-16-le"), False, "café"),
    (codecs.BOM_UTF8 + "café".encode(), False, "café"),
    ("café – “quoted”".encode(), True, "café – “quoted”"),
    (b'<meta charset="windows-1252"><p>caf\xe9 \x93q\x94', True, "<p>café “q”"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">\x93', True, "“"),
    ("Le café était fermé à l’époque où les élèves déjeunaient.\n".encode("cp1252") * 3,
     False, "Le café était fermé à l’époque"),
    ("Привет, как дела? Это тестовый текст на русском языке.\n".encode("cp1251") * 3, False,
     "Привет, как дела?"),
])
def test_decode(data: bytes, html: bool, expected: str) -> None:
    assert expected in decode(data, html)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.booleans())
def test_decode_never_raises(data: bytes, html: bool) -> None:
    assert isinstance(decode(data, html), str)


@pytest.mark.parametrize(("name", "fmt", "out"), [
    ("a.txt", "txt", "a.txt"), ("a.HTM", "html", "a.txt"), ("x.y.html", "html", "x.y.txt"),
    ("d.jsonl.gz", "jsonl", "d.jsonl.gz"), ("d.jsonl", "jsonl", "d.jsonl"), ("n.md", None, None),
])
def test_format_and_output_name(name: str, fmt: str | None, out: str | None) -> None:
    assert format_of(Path(name)) == fmt
    if fmt:
        assert output_name(name, fmt) == out


def test_atomic_output_is_invisible_until_commit(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    output = AtomicOutput(target)
    output.write("half")
    assert not target.exists()
    output.abort()
    assert list(tmp_path.rglob("*")) == [tmp_path / "sub"]
    output = AtomicOutput(target)
    output.write("whole\n")
    output.commit()
    assert target.read_text() == "whole\n" and len(list(tmp_path.rglob("*"))) == 2


@pytest.mark.parametrize(("line", "message"), [
    (b'["a list"]', "a JSON list, not an object"),
    (b'{"id": 1}', "no 'text' field"),
    (b'{"text": null}', "a non-string 'text' field"),
    (b'{"text": "a", ', "invalid JSON"),
])
def test_bad_records_say_why(line: bytes, message: str) -> None:
    init_worker(Settings(Config()))
    outcome = process(Task("record", line, 3))
    assert outcome.output is None and message in (outcome.error or "")


def test_record_keeps_raw_non_ascii_and_bom_free() -> None:
    init_worker(Settings(Config()))
    outcome = process(Task("record", '\ufeff{"text": "Grüße", "n": 1.5e3}'.encode(), 1))
    assert outcome.output == '{"text":"Grüße","n":1500.0}'
