"""What a line looks like, independent of its words' meaning: length, ending, list markers.

Shared by the context pass and the learned model's features, so both see lines alike.
"""

from __future__ import annotations

import re

import regex

# Han and kana are written without spaces; each two characters count as one word so that
# length limits mean roughly the same in every script. Korean puts spaces between its words, so
# Hangul counts by the split like Latin letters (two syllables a word had counted a six-word
# Korean line as fourteen, past the word limits of the rules written for such lines).
_SPACELESS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
#: Every spaceless-script character lies in these ranges (U+2E80 up; a test
#: checks every code point), and the marks that make most English lines non-ASCII (curly
#: quotes, dashes, bullets, the ellipsis) lie outside them. The standard `re` module scans for
#: a bare class several times faster than `regex` finds the script's characters: on a long
#: line with a curly apostrophe, counting words cost 8 µs, most of a line's tagging.
_MAYBE_SPACELESS = re.compile("[\u2e80-\U0010ffff]")
#: A sentence ends in one of these, then maybe closing quotes and brackets: English ” ’,
#: German “ ‘ (and « in the »…« style), French », Japanese 」』 and full-width brackets.
_SENTENCE_END_MARKS = ".!?…。！？"
#: French typography puts a (narrow) no-break space before », so spaces strip with them.
_SENTENCE_CLOSERS = "'\"’”“‘»«」』）)] \t\u00a0\u202f"
_LIST_MARKER = regex.compile(r"^(?:[-–—•·*▪►»›◦+]|\d{1,2}[.)])\s+\S")
#: A separator line is at most this many characters long.
_SEPARATOR_MAX_CHARS = 10
_SEPARATOR = regex.compile(rf"^[\p{{P}}\p{{S}}\s]{{1,{_SEPARATOR_MAX_CHARS}}}$")
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


def _ascii_openers(pattern: regex.Pattern[str]) -> frozenset[str]:
    """The ASCII characters a match of `pattern` can open with: those it partially matches
    (a match could go on from them). A line opening with any other ASCII character, as most
    lines open with a letter, is ruled out without the regex, at a quarter of its cost."""
    return frozenset(char for char in map(chr, range(128)) if pattern.match(char, partial=True))


_LIST_OPENERS = _ascii_openers(_LIST_MARKER)  # bullets and digits
_DATE_OPENERS = _ascii_openers(_DATE_ONLY)  # digits, first letters of months and "updated" etc.


def word_count(line: str) -> int:
    if line.isascii():  # no spaceless script to count: skip the scan
        return len(line.split())
    return len(line.split()) + spaceless_words(line)


def spaceless_words(line: str) -> int:
    """The words a line's spaceless-script characters add to its split: one per two."""
    if _MAYBE_SPACELESS.search(line) is None:
        return 0
    return len(_SPACELESS.findall(line)) // 2


def ends_like_sentence(line: str) -> bool:
    # Two C-level strips instead of a regex search, which tries every position of the line.
    body = line.rstrip().rstrip(_SENTENCE_CLOSERS)
    return bool(body) and body[-1] in _SENTENCE_END_MARKS


def is_list_item(line: str) -> bool:
    return _matches_from_start(_LIST_MARKER, _LIST_OPENERS, line.strip())


def is_separator(line: str) -> bool:
    """Only punctuation and symbols: "-", "***", "|", "•"."""
    stripped = line.strip()
    # Most lines are longer: the length rules them out at a tenth of the regex's cost.
    return len(stripped) <= _SEPARATOR_MAX_CHARS and _SEPARATOR.match(stripped) is not None


def is_date_only(line: str) -> bool:
    return _matches_from_start(_DATE_ONLY, _DATE_OPENERS, line.strip())


def _matches_from_start(pattern: regex.Pattern[str], openers: frozenset[str],
                        stripped: str) -> bool:
    """`pattern.match(stripped)`, ruled out without the regex when the line opens with an ASCII
    character outside `openers` (see _ascii_openers)."""
    opener = stripped[:1]
    if opener.isascii() and opener not in openers:
        return False
    return pattern.match(stripped) is not None


#: A line is prose (the article's body) when it ends like a sentence and has at least this many
#: words: one-sentence teasers and captions run shorter in the pages we read; real paragraphs
#: and most article sentences run longer. The model's features and the context passes read it.
PROSE_MIN_WORDS = 12
#: A headline-like line in a related list is at most this long: teaser headlines run 4 to 15
#: words; article subheadings that long are rare and end a list when they end a sentence.
HEADLINE_MAX_WORDS = 20


def is_sentence(line: str, min_words: int = PROSE_MIN_WORDS) -> bool:
    """At least `min_words` words, ended like a sentence: prose, by default."""
    return word_count(line) >= min_words and ends_like_sentence(line.strip())


def is_headline_like(line: str) -> bool:
    """Short and not ended like a sentence: a teaser headline or a list entry."""
    return word_count(line) <= HEADLINE_MAX_WORDS and not ends_like_sentence(line)
