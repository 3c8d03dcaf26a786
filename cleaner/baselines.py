"""Line-level cleaners to compare cleaner against, all with one signature.

A baseline is `(lines, lang) -> keep`, one bool per input line (True = keep). Blank lines are
kept by every baseline but drop-all; the output joiner (`kept_text`) collapses blank runs the
way cleaner does, so baselines and cleaner are scored on equally shaped text.

- keep-all and drop-all: the trivial floors.
- C4 line rules: the line filters of C4 (Raffel et al. 2020, "Exploring the Limits of Transfer
  Learning", section 2.2) as huggingface/datatrove implements them in
  `src/datatrove/pipeline/filters/c4_filters.py` (`C4QualityFilter`, default arguments): a line
  is stripped, dropped when a word is longer than 1000 characters, Wikipedia citation marks are
  removed, then it must end in terminal punctuation (`.`, `?`, `!`, `"`, `'`, but not `...`),
  have at least 3 words, not mention "javascript" and not contain a policy phrase ("terms of
  use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies").
  The page-level rules (fewer than 5 sentences, "lorem ipsum", a curly bracket, bad words)
  judge whole pages, not lines, and are left out.
- RefinedWeb line rules: the line-wise corrections of RefinedWeb (Penedo et al. 2023,
  appendix G.2), as mlfoundations/dclm reproduces them in `baselines/mappers/modifiers.py` with
  the parameters of `baselines/baselines_configs/refinedweb.yaml`: drop a line when more than
  half of its characters are uppercase, when all of them are digits, when it is a counter
  ("3 likes", "1.2K shares"), when it has a single word, and when it has at most 10 words and
  is nothing but "items in cart", "... Read more..." or "Sign-in ..." boilerplate (dclm removes
  those substrings; a line cleaner cannot edit, so the line goes only when nothing else is
  left). RefinedWeb's page rule (drop the page when the corrections remove over 5% of its
  words) is left out. Gopher (Rae et al. 2021) has no line rules, only page-level ones.
- jusText on the lines: each non-blank line is one `<p>` of a minimal HTML document, classified
  by `justext.justext` with the stoplist of the page's language (English where jusText has
  none), keeping the paragraphs it does not call boilerplate.
- The line oracle: exactly the gold lines (from labels, or from align.residue_labels).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import regex

from cleaner.align import residue_labels
from cleaner.lines import collapse_blank_runs, is_blank, join_lines

Baseline = Callable[[Sequence[str], str], list[bool]]


def kept_text(lines: Sequence[str], keep: Sequence[bool]) -> str:
    """The output text of a line cleaner: kept lines, blank runs collapsed, joined."""
    kept = collapse_blank_runs(lines, keep)
    return join_lines(line for line, flag in zip(lines, kept) if flag)


def keep_all(lines: Sequence[str], lang: str) -> list[bool]:
    return [True] * len(lines)


def drop_all(lines: Sequence[str], lang: str) -> list[bool]:
    return [False] * len(lines)


# --- C4 --------------------------------------------------------------------------------------

#: datatrove C4QualityFilter defaults (min_words_per_line=3, max_word_length=1000).
C4_MIN_WORDS = 3
C4_MAX_WORD_LENGTH = 1000
C4_END_PUNCTUATION = (".", "?", "!", '"', "'")
C4_ELLIPSIS = "..."
C4_POLICY_PHRASES = ("terms of use", "privacy policy", "cookie policy", "uses cookies",
                     "use of cookies", "use cookies")
_C4_CITATION = regex.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")


def c4_keeps(line: str) -> bool:
    """Whether C4's line filters keep `line` (blank lines count as kept here)."""
    stripped = line.strip()
    if not stripped:
        return True
    words = stripped.split()
    if any(len(word) > C4_MAX_WORD_LENGTH for word in words):
        return False
    stripped = _C4_CITATION.sub("", stripped)
    if not stripped.endswith(C4_END_PUNCTUATION) or stripped.endswith(C4_ELLIPSIS):
        return False
    if len(words) < C4_MIN_WORDS:
        return False
    lowered = stripped.lower()
    return "javascript" not in lowered and not any(p in lowered for p in C4_POLICY_PHRASES)


def c4_lines(lines: Sequence[str], lang: str) -> list[bool]:
    return [c4_keeps(line) for line in lines]


# --- RefinedWeb ------------------------------------------------------------------------------

#: dclm refinedweb.yaml: uppercase_ratio_line_modifier max_ratio 0.5 (drop above it).
REFINEDWEB_MAX_UPPERCASE_SHARE = 0.5
#: dclm refinedweb.yaml: line_length_modifier min_length 2 (words).
REFINEDWEB_MIN_WORDS = 2
#: dclm refinedweb.yaml: substring_line_modifier max_length 10 (words).
REFINEDWEB_SHORT_LINE_WORDS = 10
_REFINEDWEB_COUNTER = regex.compile(
    r"^\W*\d(?:,|\.|\d)*(?:K|k|M|m|B|b)?\s+(?:likes|shares|comments|retweets|reposts|quotes"
    r"|bookmarks|upvotes|downvotes|downloads|views|followers)\W*$")
#: (pattern, where) of dclm's substring_line_modifier steps, matched case-insensitively.
_REFINEDWEB_SUBSTRINGS = (
    regex.compile(r"\s?items in cart", regex.IGNORECASE),
    regex.compile(r"\s?Read more\.\.\.$", regex.IGNORECASE),
    regex.compile(r"^Sign-in\s?", regex.IGNORECASE),
)


def refinedweb_keeps(line: str) -> bool:
    """Whether RefinedWeb's line-wise corrections keep `line` (blank lines count as kept)."""
    if is_blank(line):
        return True
    if sum(char.isupper() for char in line) / len(line) > REFINEDWEB_MAX_UPPERCASE_SHARE:
        return False
    if all(char.isdigit() for char in line):
        return False
    if _REFINEDWEB_COUNTER.search(line.lower()):
        return False
    words = line.split()
    if len(words) < REFINEDWEB_MIN_WORDS:
        return False
    if len(words) <= REFINEDWEB_SHORT_LINE_WORDS:
        remainder = line
        for pattern in _REFINEDWEB_SUBSTRINGS:
            remainder = pattern.sub("", remainder)
        if is_blank(remainder):
            return False
    return True


def refinedweb_lines(lines: Sequence[str], lang: str) -> list[bool]:
    return [refinedweb_keeps(line) for line in lines]


# --- jusText ---------------------------------------------------------------------------------

#: ISO 639-1 code -> jusText stoplist name, for the languages jusText ships.
JUSTEXT_LANGUAGES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "hy": "Armenian", "az": "Azerbaijani",
    "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "hr": "Croatian", "cs": "Czech", "da": "Danish",
    "nl": "Dutch", "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek",
    "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "is": "Icelandic", "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese",
    "kn": "Kannada", "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish",
    "mk": "Macedonian", "ms": "Malay", "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi",
    "ne": "Nepali", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal",
    "nn": "Norwegian_Nynorsk", "oc": "Occitan", "fa": "Persian", "pl": "Polish",
    "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "sr": "Serbian",
    "sk": "Slovak", "sl": "Slovenian", "es": "Spanish", "su": "Sundanese", "sw": "Swahili",
    "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish",
    "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
}
JUSTEXT_FALLBACK = "English"
#: Characters XML 1.0 forbids; lxml refuses a document that contains them.
_XML_INVALID = regex.compile(r"[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_PARAGRAPH_XPATH = regex.compile(r"/html\[1\]/body\[1\]/p\[(\d+)\]$")


def justext_language(lang: str) -> str:
    """jusText's stoplist name for ISO code `lang` ("pt-BR" counts as "pt"); English if none."""
    return JUSTEXT_LANGUAGES.get(lang.lower().split("-")[0].split("_")[0], JUSTEXT_FALLBACK)


def justext_lines(lines: Sequence[str], lang: str) -> list[bool]:
    import justext  # an optional dependency, needed only for this baseline

    keep = [True] * len(lines)
    content = [index for index, line in enumerate(lines) if not is_blank(line)]
    if not content:
        return keep
    body = "".join(f"<p>{html.escape(_XML_INVALID.sub(' ', lines[index]))}</p>"
                   for index in content)
    document = f"<html><head><meta charset=\"utf-8\"></head><body>{body}</body></html>"
    good = set()
    for paragraph in justext.justext(document, justext.get_stoplist(justext_language(lang))):
        match = _PARAGRAPH_XPATH.search(paragraph.xpath)
        if match and not paragraph.is_boilerplate:
            good.add(int(match.group(1)) - 1)
    for position, index in enumerate(content):
        keep[index] = position in good
    return keep


# --- the oracle ------------------------------------------------------------------------------

def oracle_from_labels(residue: Sequence[bool]) -> list[bool]:
    """Keep exactly the lines the gold keeps, given each line's residue flag."""
    return [not flag for flag in residue]


def oracle_from_gold(lines: Sequence[str], gold: str) -> list[bool]:
    """Keep exactly the lines align.residue_labels finds in free-text `gold`."""
    return oracle_from_labels(residue_labels(lines, gold))


#: The baselines of the benchmark table, in its order (the oracle needs gold, so is apart).
BASELINES: dict[str, Baseline] = {
    "keep-all": keep_all,
    "drop-all": drop_all,
    "C4 line rules": c4_lines,
    "RefinedWeb line rules": refinedweb_lines,
    "jusText lines": justext_lines,
}
