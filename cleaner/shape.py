"""What a line looks like, independent of its words' meaning: length, ending, list markers.

Shared by the context pass and the learned model's features, so both see lines alike.
"""

from __future__ import annotations

import regex

# Han, kana and Hangul are written without spaces; each two characters count as one word so
# that length limits mean roughly the same in every script.
_SPACELESS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
#: A sentence ends in one of these, then maybe closing quotes and brackets.
_SENTENCE_END_MARKS = ".!?…。！？"
_SENTENCE_CLOSERS = "'\"’”»)]"
_LIST_MARKER = regex.compile(r"^(?:[-–—•·*▪►»›◦+]|\d{1,2}[.)])\s+\S")
_SEPARATOR = regex.compile(r"^[\p{P}\p{S}\s]{1,10}$")
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# A line that is only a date, optionally with a time and a trailing dash or bar: "December 31,
# 2019–", "31.12.2019 14:05", "2019-12-31". Bare times ("09:42") are not dates: in live blogs
# they head entries of the article.
_DATE_ONLY = regex.compile(
    rf"^(?:(?:updated|published|posted)\s*:?\s*)?(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\.?\s+{_MONTHS}\s+\d{{4}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?)?"
    rf"\s*[-–—|]?$", regex.IGNORECASE)


def word_count(line: str) -> int:
    if line.isascii():  # no spaceless script to count: skip the scan
        return len(line.split())
    return len(line.split()) + len(_SPACELESS.findall(line)) // 2


def ends_like_sentence(line: str) -> bool:
    # Two C-level strips instead of a regex search, which tries every position of the line.
    body = line.rstrip().rstrip(_SENTENCE_CLOSERS)
    return bool(body) and body[-1] in _SENTENCE_END_MARKS


def is_list_item(line: str) -> bool:
    return _LIST_MARKER.match(line.strip()) is not None


def is_separator(line: str) -> bool:
    """Only punctuation and symbols: "-", "***", "|", "•"."""
    return _SEPARATOR.match(line.strip()) is not None


def is_date_only(line: str) -> bool:
    return _DATE_ONLY.match(line.strip()) is not None


#: A headline-like line in a related list is at most this long: teaser headlines run 4 to 15
#: words; article subheadings that long are rare and end a list when they end a sentence.
HEADLINE_MAX_WORDS = 20


def is_headline_like(line: str) -> bool:
    """Short and not ended like a sentence: a teaser headline or a list entry."""
    return word_count(line) <= HEADLINE_MAX_WORDS and not ends_like_sentence(line)
