"""Line shapes shared by context and features: word counts in every script."""

from __future__ import annotations

import sys

import pytest

from cleaner import shape
from cleaner.shape import spaceless_words, word_count


def test_every_spaceless_character_passes_the_quick_scan() -> None:
    """spaceless_words skips lines the quick `re` scan finds nothing in; sound only when every
    character of the spaceless scripts is in the scanned ranges."""
    missed = [hex(code) for code in range(sys.maxunicode + 1)
              if shape._SPACELESS.match(chr(code)) and not shape._MAYBE_SPACELESS.match(chr(code))]
    assert missed == []


@pytest.mark.parametrize(("line", "words"), [
    ("The council’s vote — a “yes” … at last", 9),
    ("東京都は今日", 1 + 3),
    # Korean spaces its words: a word each, as the split counts (two syllables a word had
    # counted this six-word line as fourteen).
    ("서울 시장은 오늘", 3),
    ("뉴스레터를 구독하고 매일 아침 소식을 받아보세요", 6),
    ("Emoji 🎉 party", 3),
])
def test_word_counts_in_every_script(line: str, words: int) -> None:
    assert word_count(line) == words
    assert spaceless_words(line) == words - len(line.split())


@pytest.mark.parametrize("line", [
    "He said: “Yes.”",
    "Pahl: „Erst mal wird sie gesund. Alles andere ist zweitrangig.“",
    "Er sagte: ‚Nein.‘",
    "Er sagte: »Nein.«",
    "Il a dit : « Non. »",
    "彼は「はい。」",
    "(See the appendix.)",
])
def test_a_sentence_ends_before_the_closing_marks_of_every_language(line: str) -> None:
    # German quotes close with “ and ‘; a German paragraph ending in a quote was not prose,
    # so a related block's tail mode took it (corpus de-tabloid-001).
    assert shape.ends_like_sentence(line)


@pytest.mark.parametrize("line", ["Read more »", "Quotes: “", "Next page"])
def test_a_line_without_a_sentence_mark_does_not_end_like_a_sentence(line: str) -> None:
    assert not shape.ends_like_sentence(line)
