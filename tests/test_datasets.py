"""datasets.iter_pages on small synthetic files of the ../shared/data format."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleaner.datasets import Page, in_split, iter_pages
from cleaner.errors import CorpusError


def record(page_id: str, split: str | None = "dev", gold: str | None = "Gold text.",
           **extra: object) -> dict:
    inputs = {"trafilatura": f"{page_id} traf", "trafilatura_recall": f"{page_id} recall",
              "resiliparse": None, "fullpage": f"{page_id} full"}
    base = {"id": page_id, "url": "https://example.org/", "lang": "de", "source": "test",
            "license": "test", "html": "<html></html>", "gold": gold, "inputs": inputs}
    if split is not None:
        base["split"] = split
    return base | extra


def write(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    records = [record("a"), record("b", split="test"),
               record("c", split=None, gold=None, gold_with=["keep me"], gold_without=["drop me"])]
    return write(tmp_path / "pages.jsonl.gz", [json.dumps(item) for item in records])


def test_pages_carry_the_chosen_input_and_gold(data: Path):
    pages = list(iter_pages(data, "trafilatura"))
    assert [page.id for page in pages] == ["a", "b", "c"]
    assert pages[0] == Page(id="a", lang="de", split="dev", input="a traf", gold="Gold text.")
    assert pages[2].gold is None and pages[2].has_snippets and pages[2].split is None
    assert (pages[2].gold_with, pages[2].gold_without) == (("keep me",), ("drop me",))
    assert [page.input for page in iter_pages(data, "fullpage")][0] == "a full"
    # a null input (the extractor produced nothing) is empty text
    assert [page.input for page in iter_pages(data, "resiliparse")] == ["", "", ""]


def test_split_and_limit(data: Path):
    assert [page.id for page in iter_pages(data, "trafilatura", "dev")] == ["a", "c"]
    assert [page.id for page in iter_pages(data, "trafilatura", "test")] == ["b", "c"]
    assert [page.id for page in iter_pages(data, "trafilatura", "all", limit=2)] == ["a", "b"]
    assert list(iter_pages(data, "trafilatura", "all", limit=0)) == []


def test_pages_without_a_split_belong_to_every_split():
    assert in_split(None, "dev") and in_split(None, "test") and in_split("dev", "all")
    assert not in_split("test", "dev")


def test_bad_line_names_file_and_line(tmp_path: Path):
    path = write(tmp_path / "bad.jsonl.gz", [json.dumps(record("a")), "{not json"])
    with pytest.raises(CorpusError, match=r"bad\.jsonl\.gz:2: not valid JSON"):
        list(iter_pages(path, "trafilatura"))


@pytest.mark.parametrize("item, message", [
    ({"inputs": {}}, "missing field 'id'"),
    ({"id": "x", "inputs": {"fullpage": "t"}}, "no input for extractor 'trafilatura'"),
    ({"id": "x", "inputs": {"trafilatura": 3}}, "must be strings or null"),
    ({"id": "x", "inputs": {"trafilatura": "t"}, "split": "train"}, "split must be"),
    ({"id": "x", "inputs": {"trafilatura": "t"}, "gold_with": "text"}, "'gold_with' must be"),
    ([1, 2], "expected a JSON object"),
])
def test_malformed_records(tmp_path: Path, item: object, message: str):
    path = write(tmp_path / "odd.jsonl.gz", [json.dumps(item)])
    with pytest.raises(CorpusError, match=f"odd.jsonl.gz:1: .*{message}"):
        list(iter_pages(path, "trafilatura"))


def test_unreadable_file_and_bad_arguments(tmp_path: Path, data: Path):
    plain = tmp_path / "plain.jsonl.gz"
    plain.write_text("not gzip")
    with pytest.raises(CorpusError, match="plain.jsonl.gz: cannot read"):
        list(iter_pages(plain, "trafilatura"))
    with pytest.raises(CorpusError, match="missing.jsonl.gz: cannot read"):
        list(iter_pages(tmp_path / "missing.jsonl.gz", "trafilatura"))
    with pytest.raises(CorpusError, match="unknown extractor"):
        list(iter_pages(data, "boilerpipe"))
    with pytest.raises(CorpusError, match="unknown split"):
        list(iter_pages(data, "trafilatura", "train"))
