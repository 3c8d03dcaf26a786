"""Cleaning is idempotent on real pages, not only on generated text: a removal changes what
context passes, max_hits rules and the model see, so the pipeline runs to a fixed point.
Skips without ../shared/data."""

from __future__ import annotations

import itertools

import pytest

from cleaner import Cleaner, Config
from cleaner.datasets import iter_pages

from conftest import DATA, need

#: Dev pages per extractor input: the first 60 held edge menus that grew and date lines that
#: passed their max_hits once others had gone, when the pipeline ran one pass.
PAGES = 60


@pytest.mark.parametrize("model", [False, True], ids=["rules", "rules+model"])
@pytest.mark.parametrize("extractor", ["trafilatura", "resiliparse", "fullpage"])
def test_cleaning_a_cleaned_page_changes_nothing(extractor: str, model: bool) -> None:
    path = need(DATA / "wcxb_articles.jsonl.gz")
    cleaner = Cleaner(Config(model=model))
    for page in itertools.islice(iter_pages(path, extractor, "dev"), PAGES):
        once = cleaner.clean(page.input)
        assert cleaner.clean(once) == once, page.id
