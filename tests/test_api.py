"""The public API: clean, analyze, Cleaner, Config, Result, and their contracts."""

from __future__ import annotations

import dataclasses
import pickle
import threading
from pathlib import Path

import pytest

import cleaner
from cleaner import Cleaner, Config, ConfigError, InputTypeError, Reason

ARTICLE = """Harbour council approves new bus lanes

Sign up for our morning newsletter

The council voted on Tuesday to extend the bus lanes along the harbour road.

Advertisement

“It took two years,” said the mayor.
"""


def test_clean_is_analyze_text() -> None:
    result = cleaner.analyze(ARTICLE)
    assert result.text == cleaner.clean(ARTICLE)
    assert result.text == ("Harbour council approves new bus lanes\n\nThe council voted on "
                           "Tuesday to extend the bus lanes along the harbour road.\n\n"
                           "“It took two years,” said the mayor.\n")


def test_one_decision_per_input_line_with_reason_rule_score() -> None:
    result = cleaner.analyze(ARTICLE)
    assert [d.index for d in result.lines] == list(range(len(ARTICLE.splitlines())))
    dropped = {d.text: d for d in result.dropped() if d.reason is not Reason.BLANK}
    assert dropped["Sign up for our morning newsletter"].reason is Reason.PROMO
    assert dropped["Sign up for our morning newsletter"].rule == "promo.signup-newsletter"
    assert dropped["Advertisement"].reason is Reason.AD
    assert all(0.0 < d.score <= 1.0 for d in dropped.values())
    assert all(d.reason is None and d.rule is None for d in result.lines if d.keep)
    assert result.counts_by_reason() == {Reason.PROMO: 1, Reason.AD: 1}


def test_blank_runs_left_by_removals_collapse_with_reason_blank() -> None:
    result = cleaner.analyze("One.\n\nAdvertisement\n\n\nTwo.")
    assert result.text == "One.\n\nTwo.\n"
    blanks = [d for d in result.lines if d.reason is Reason.BLANK]
    assert blanks and all(d.rule == "join.blank-run" and not d.text.strip() for d in blanks)


@pytest.mark.parametrize("text", ["", "\n", "\n\n  \n", "\r\n"])
def test_empty_or_blank_text_gives_empty_text(text: str) -> None:
    assert cleaner.clean(text) == ""


@pytest.mark.parametrize("bad, hint", [(b"bytes", "decode first"), (None, "NoneType"),
                                        (3, "int"), (bytearray(b"x"), "decode first")])
def test_non_str_raises_a_typed_error_that_says_what_to_do(bad, hint) -> None:
    for function in (cleaner.clean, cleaner.analyze):
        with pytest.raises(InputTypeError, match=hint):
            function(bad)
    assert issubclass(InputTypeError, TypeError)


def test_crlf_and_cr_line_ends_are_lines() -> None:
    assert cleaner.clean("One.\r\nAdvertisement\r\nTwo.") == "One.\nTwo.\n"
    assert cleaner.clean("One.\rTwo.") == "One.\nTwo.\n"


def test_config_is_frozen_and_validated() -> None:
    config = Config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.precision = "high"  # type: ignore[misc]
    assert config.replace(precision="high").drop_threshold > config.drop_threshold
    assert Config(threshold=0.3).drop_threshold == 0.3
    for bad in ({"precision": "max"}, {"threshold": 1.5}, {"max_drop_share": 0},
                {"regex_timeout": 0}, {"regex_timeout": float("inf")}):
        with pytest.raises(ConfigError):
            Config(**bad)


def test_precision_presets_trade_recall_for_precision() -> None:
    text = "Real sentence one is here.\nFacebook\nTwitter\nEmail\nReal sentence two is here."
    balanced = Cleaner(Config(precision="balanced")).clean(text)
    high = Cleaner(Config(precision="high")).clean(text)
    assert "Facebook" not in balanced  # a button bar, found by the weak-run pass
    assert "Facebook" in high  # context calls are below the high threshold


def test_rules_and_context_can_be_turned_off() -> None:
    assert Cleaner(Config(rules=False)).clean(ARTICLE).count("\n") == ARTICLE.count("\n")
    text = "Story.\nRelated News\n- Other story one\n- Other story two\nThe end of it all."
    assert "Other story one" not in Cleaner().clean(text)
    assert "Other story one" in Cleaner(Config(context=False)).clean(text)


def test_cleaner_pickles_as_its_config_and_works_after() -> None:
    original = Cleaner(Config(precision="high"))
    copy = pickle.loads(pickle.dumps(original))
    assert copy.config == original.config
    assert copy.clean(ARTICLE) == original.clean(ARTICLE)
    assert len(pickle.dumps(original)) < 2_000


def test_cleaner_is_safe_to_share_between_threads() -> None:
    shared = Cleaner()
    expected = shared.clean(ARTICLE)
    results: list[str] = []

    def work() -> None:
        results.extend(shared.clean(ARTICLE + f"\nLine {n}.") for n in range(50))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 200
    assert all(result.startswith(expected.rstrip("\n")) for result in results)


def test_over_cleaning_guard_falls_back_and_warns() -> None:
    # Everything after the header would go as a related block: more than 90% of the text.
    text = "Related News\n" + "\n".join(f"- Another story number {n}" for n in range(8))
    result = Cleaner().analyze(text)
    assert any("over-cleaning guard" in warning for warning in result.warnings)
    assert "- Another story number 0" in result.text  # context drops undone
    assert "Related News" not in result.text  # the header's own rule still applies


def test_what_the_guard_keeps_is_cleaned_again_to_a_fixed_point() -> None:
    # With its header the footer is a related block the guard will not drop whole; once the
    # header is gone it is an edge menu. Found by the idempotence property test.
    text = "Recommended for you\n0 0 0 0 A\n\x00\nAbout\n\x00"
    cleaner = Cleaner()
    result = cleaner.analyze(text)
    assert any("over-cleaning guard" in warning for warning in result.warnings)
    assert result.text == "0 0 0 0 A\n"
    assert cleaner.clean(result.text) == result.text
    dropped = [(d.text, d.reason, d.rule) for d in result.lines if not d.keep]
    assert dropped == [("Recommended for you", Reason.RELATED, "related.header"),
                       ("\x00", Reason.NAV, "context.edge-menu"),
                       ("About", Reason.NAV, "context.edge-menu"),
                       ("\x00", Reason.NAV, "context.edge-menu")]
    assert [d.index for d in result.lines] == list(range(5))


def test_regex_timeout_is_a_warning_not_an_exception(tmp_path: Path) -> None:
    slow = tmp_path / "slow.toml"
    slow.write_text('family = "promo"\n[[rules]]\nid = "promo.slow"\n'
                    "patterns = ['^(a|aa)+$']\nexamples = ['aaaa']\n", encoding="utf-8")
    hostile = "a" * 60 + "b"
    result = Cleaner(Config(extra_rule_files=(slow,), regex_timeout=1e-6)).analyze(hostile)
    assert result.text == hostile + "\n"
    assert any("regex timeout" in warning and "promo.slow" in warning
               for warning in result.warnings)
