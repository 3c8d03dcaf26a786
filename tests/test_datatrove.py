"""cleaner as a datatrove pipeline step, run by datatrove's LocalPipelineExecutor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("orjson")  # datatrove's JSONL reader and writer need it

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import cleaner  # noqa: E402
from cleaner.datatrove_step import CleanerStep  # noqa: E402

PROMO = "Sign up for our newsletter"
ARTICLE = "The council met on Tuesday and approved the new budget after a long debate."
TEXTS = [
    f"{ARTICLE}\n{PROMO}\nMembers will vote again in March.\n",
    f"{PROMO}\n{ARTICLE}",  # no final line break: none is added
    "Only a sentence, nothing to drop.",
    PROMO,  # nothing left after cleaning
    f"{ARTICLE}\n\nRelated News\n\n- Budget vote delayed again\n- Mayor answers critics\n",
]


def expected_text(text: str) -> str:
    """cleaner.clean's output, keeping the input's final line break or its absence."""
    cleaned = cleaner.clean(text)
    return cleaned if text.endswith("\n") else cleaned.removesuffix("\n")


def total(stat: int | dict) -> int:
    """A datatrove stat's total (stats.json writes a stat updated only by 1s as a bare int)."""
    return stat if isinstance(stat, int) else stat["total"]


def read_docs(folder: Path) -> dict[str, dict]:
    return {doc["id"]: doc for path in sorted(folder.glob("*.jsonl"))
            for doc in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


@pytest.fixture
def shards(tmp_path: Path) -> dict[str, str]:
    """Two JSONL shards, each with every text; document id -> its original text."""
    texts = {}
    for shard in range(2):
        rows = [{"id": f"{shard}-{n}", "text": text, "url": f"https://example.com/{n}"}
                for n, text in enumerate(TEXTS)]
        texts.update({row["id"]: row["text"] for row in rows})
        path = tmp_path / "in" / f"shard{shard}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return texts


def test_two_workers_clean_like_the_library(shards: dict[str, str], tmp_path: Path) -> None:
    pipeline = [
        JsonlReader(str(tmp_path / "in")),
        CleanerStep(drop_empty=True,
                    exclusion_writer=JsonlWriter(str(tmp_path / "excluded"),
                                                 compression=None)),
        JsonlWriter(str(tmp_path / "out"), compression=None),
    ]
    LocalPipelineExecutor(pipeline, tasks=2, workers=2,
                          logging_dir=str(tmp_path / "logs")).run()

    out, excluded = read_docs(tmp_path / "out"), read_docs(tmp_path / "excluded")
    assert set(out) | set(excluded) == set(shards) and not set(out) & set(excluded)
    for doc_id, text in shards.items():
        doc = out.get(doc_id) or excluded[doc_id]
        # An excluded document keeps its text as it came, for review.
        assert doc["text"] == (expected_text(text) if doc_id in out else text), doc_id
        counts = cleaner.analyze(text).counts_by_reason()
        assert doc["metadata"]["cleaner"]["dropped_lines"] == \
            {reason.value: n for reason, n in counts.items()}
        assert doc["metadata"]["url"].startswith("https://")  # other fields are kept
    assert {doc_id for doc_id, text in shards.items() if text == PROMO} == set(excluded)
    assert all(doc["metadata"]["filter_reason"] == "cleaned_empty"
               for doc in excluded.values())

    stats = {stat["name"]: stat["stats"]
             for stat in json.loads((tmp_path / "logs" / "stats.json").read_text())}
    step = stats["🔻 - FILTER: 🧹 cleaner"]
    assert total(step["dropped_cleaned_empty"]) == 2
    assert total(step["lines_dropped_promo"]) == sum(
        cleaner.analyze(text).counts_by_reason()[cleaner.Reason.PROMO]
        for text in shards.values())


def test_keeps_empty_documents_unless_asked_and_takes_config_keywords() -> None:
    docs = [Document(text=text, id=str(n)) for n, text in enumerate(TEXTS)]
    kept = list(CleanerStep()(iter(docs)))
    assert [doc.text for doc in kept] == [expected_text(text) for text in TEXTS]
    assert kept[3].text == "" and kept[3].metadata["cleaner"] == {
        "dropped_lines": {"promo": 1}, "kept_lines": 0}
    assert CleanerStep(precision="high").config == cleaner.Config(precision="high")
    with pytest.raises(cleaner.ConfigError):
        CleanerStep(threshold=2.0)
