"""The case-file format: parsing, its errors, and seed loading."""

from __future__ import annotations

import re

import pytest

from cleaner import CorpusError, Reason
from cleaner.corpus import BLANK, KEEP, format_case, parse_case

CASE = "# id: x-1\n# style: blog\n# lang: en\n# split: dev\nkeep\tTitle\nblank\t\npromo\tSign up\nkeep\tBody."


def test_parse_and_gold_and_round_trip() -> None:
    case = parse_case(CASE)
    assert case.labels == (KEEP, BLANK, Reason.PROMO, KEEP)
    assert case.input == "Title\n\nSign up\nBody."
    assert case.gold == "Title\n\nBody.\n"
    assert case.removed() == {2: Reason.PROMO}
    assert parse_case(format_case(case)) == case


def test_a_blank_label_whose_tab_was_stripped_still_parses() -> None:
    assert parse_case(CASE.replace("blank\t\n", "blank\n")).lines[1] == ""


@pytest.mark.parametrize("change, message", [
    (("promo\t", "spam\t"), "unknown label 'spam'"),
    (("blank\t", "blank\tnot blank"), "labelled blank but has text"),
    (("# split: dev", "# split: train"), "split must be one of"),
    (("# lang: en\n", ""), "missing header(s) lang"),
    (("# lang: en\n", "# lang: en\n# lang: de\n"), "given twice"),
    (("keep\tBody.", "Body."), "expected 'label<TAB>text'"),
])
def test_malformed_cases_name_the_file_and_line(change, message) -> None:
    old, new = change
    with pytest.raises(CorpusError, match=re.escape(message)) as error:
        parse_case(CASE.replace(old, new), "cases/x-1.tsv")
    assert "cases/x-1.tsv" in str(error.value)
