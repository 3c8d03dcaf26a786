"""The learned model's features: one named vector per non-blank line, one code path for
training (cleaner.train) and inference (cleaner.pipeline).

A document's features are computed in two steps, so that a pipeline pass over a shrinking
set of lines redoes only what depends on the set:

1. `line_shape(stripped)`: what a line is by itself (length, punctuation, capitals, digits,
   list markers, link-like tokens, stopword counts). Computed once per distinct line of a
   document (`line_shapes`).
2. `rows(lines, shapes, tags, context)`: the vector of each of the given lines (the non-blank
   lines still in play, in order): its shape, its rule tags and context tag, the same few
   facts about its previous and next line, a window around it, its position in the document
   and a few facts about the whole document, what the model's lexicon says of its words and
   its neighbours' (see `lexicon_values`), and the block it sits in (BLOCK_NAMES).

Every value is a float; booleans are 0 or 1, counts are log1p'd or capped so that no feature
dwarfs the others before scaling. FEATURE_NAMES names them in order; a model file lists the
names it was trained with, and cleaner.model refuses a file whose list differs.
"""

from __future__ import annotations

import math
import re
import string
import struct
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate, compress

import regex

from cleaner.context import revise
from cleaner.lines import map_distinct
from cleaner.reasons import RESIDUE_REASONS
from cleaner.shape import (PROSE_MIN_WORDS, ends_like_sentence, is_date_only, is_list_item,
                           is_separator, spaceless_words, word_count)
from cleaner.tagging import LineTags, Tag

#: The context pass that feeds the features runs at this threshold whatever the Config's
#: preset, so a line's features do not change with the preset (the model was trained on them).
#: It is the "balanced" preset's threshold; coupled to config.PRECISION_THRESHOLDS.
FEATURE_CONTEXT_THRESHOLD = 0.6
#: Lines on each side that the window features look at.
WINDOW = 3
#: A window line counts as tagged from this rule score up (the lone-word rules sit at 0.55).
TAGGED_SCORE = 0.6

# --- stopwords: the most frequent function words, enough to tell prose from labels ------------

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""a about after all also an and any are as at be because been but by can
        could did do does for from had has have he her him his how i if in into is it its just
        more most my no not of on one only or other our out over she so some than that the
        their them then there these they this those to up was we were what when which who will
        with would you your""".split()),
    "de": frozenset("""aber alle als am an auch auf aus bei bin bis da damit dann das dass
        dem den der des die doch dort du durch ein eine einem einen einer eines er es für hat
        hatte ich ihr im in ist ja kann mit nach nicht noch nur oder sein sich sie sind so über
        um und uns vom von vor war wenn werden wie wir wird wurde zu zum zur""".split()),
    "fr": frozenset("""à au aux avec ce ces cette comme dans de des du elle en est et été
        il ils je la le les leur lui mais me même mon ne nous on ont ou par pas plus pour qu
        que qui sa se ses son sont sur ta te tout tous très un une vous y""".split()),
    "es": frozenset("""a al como con de del desde el ella en entre es esta está este fue ha
        han hay la las le les lo los más me mi muy no nos o para pero por que se ser si sin
        sobre son su sus también te tiene todo un una uno y ya""".split()),
}
LANGUAGES = tuple(STOPWORDS)
#: A document's language is the stoplist that covers most of its tokens, when it covers at
#: least this share: English prose runs 40-50% stopwords, menus and other languages far less,
#: and the four lists overlap little ("a", "de", "la" are shared, hence not lower).
LANGUAGE_MIN_SHARE = 0.15
#: Each stopword as one int holding a 64-bit field per language (1 in the fields of the lists
#: that hold it), so that one C-level sum over a line's stopwords counts them for every
#: language at once and _STOP_COUNTS unpacks the counts: a Python loop over the tokens and
#: their languages cost a quarter more (most of either is hashing the tokens). A field never
#: carries into the next: a count is at most the line's length, and no str has 2**63 characters.
_STOP_COUNTS = struct.Struct(f"<{len(LANGUAGES)}Q")
_PACKED_STOPWORDS: dict[str, int] = {}
for _index, _language in enumerate(LANGUAGES):
    for _word in STOPWORDS[_language]:
        _PACKED_STOPWORDS[_word] = _PACKED_STOPWORDS.get(_word, 0) + (1 << 64 * _index)
_IS_STOPWORD = frozenset(_PACKED_STOPWORDS).__contains__

# --- patterns and tables --------------------------------------------------------------------

_TOKEN = regex.compile(r"\w+")
_NOT_ASCII = regex.compile(r"[^\x00-\x7f]+")
#: Marks of links, handles and hashtags: "https://", "www.", ".com" after a word, "@name",
#: "#tag". Each starts with a literal, so a line without one is scanned fast.
_LINK_MARK = regex.compile(r"https?://|www\.|(?<=\w)\.(?:com|org|net|gov|edu|io|co|uk|de|fr|es"
                           r"|info)\b|(?<![\w@#])[@#][^\W\d]")
_TOP_LEVEL_DOMAIN = re.compile(r"\.(?:com|org|net|gov|edu|io|co|uk|de|fr|es|info)\b")
#: Separators between menu entries glued onto one line: "News | Sport | Weather".
_INLINE_SEPARATOR = regex.compile(r"\s[|•·»›/]\s|\s[|•·]$|^[|•·]\s")
_QUOTES = frozenset("\"“”„«»‘’‚‹›「」")
# Byte tables for the ASCII part of a line: translating and counting bytes are C loops, where
# per-character Python or a regex findall costs ten times more on a typical line.
#: Maps each byte to its class, so that one translation and a few counts give a line's counts:
#: "U" a capital, "l" a lowercase letter, "d" a digit, " " a space or tab, "o" anything else.
#: "w" marks the other bytes str.split breaks words at (line and form feeds, \x1c to \x1f):
#: the counts take them as "o", and a line holding one cannot count its words by its spaces.
#: With a space before the line, b" U" counts the words opening with a capital.
_BYTE_CLASSES = bytes(
    ord("U" if char in string.ascii_uppercase else "l" if char in string.ascii_lowercase
        else "d" if char in string.digits else " " if char in " \t"
        else "w" if char.isspace() else "o")
    for char in map(chr, range(256)))
#: Maps ASCII capitals to lowercase and ASCII punctuation but "_" (a word character for \\w)
#: to spaces, to split word tokens in one pass.
_TOKEN_BYTES = bytes.maketrans(
    (string.ascii_uppercase + string.punctuation.replace("_", "")).encode(),
    (string.ascii_lowercase + " " * (len(string.punctuation) - 1)).encode())


def _counts_as_ascii_punctuation(char: str) -> bool:
    """Whether every count of line_shape treats `char` as it treats "?": not a letter, digit,
    space, capital, word character or spaceless-script character, and without case."""
    return not (char.isalnum() or char.isspace() or char.isupper() or char.lower() != char
                or _TOKEN.fullmatch(char) or word_count(char + char) != 1)


#: Non-ASCII punctuation frequent in scraped English (curly quotes, dashes, bullets, the
#: ellipsis: a quarter of the lines in the wcxb pages carry some). Each counts in a line's
#: shape as "?" would, so a line whose only non-ASCII characters are among these takes the
#: byte path with each replaced by "?" (counting such a line one character at a time made its
#: shape cost twice as much). The filter keeps the claim true whatever the list holds.
_STAND_IN_PUNCTUATION = "".join(filter(_counts_as_ascii_punctuation,
                                       "’‘“”„‚«»‹›—–‑‐−…•·★☆─│├└→←↩×©®™°€£″′"))
#: A line every character of which the byte path counts right: printable ASCII, tabs (other
#: control characters split words for str.split and \\w but not for the byte tables) and
#: the stand-in punctuation. The standard `re` module, not `regex`: for a bare character class
#: both match alike, and `re` scans a line eight times faster.
_BYTE_COUNTABLE = re.compile(f"[\\t\\x20-\\x7e{re.escape(_STAND_IN_PUNCTUATION)}]*")
_QUOTE_MARK = re.compile(f"[{re.escape(''.join(sorted(_QUOTES)))}]")  # `re`: as above

# --- names -----------------------------------------------------------------------------------

#: What a line is by itself (step 1), in the order of LineShape.values.
SHAPE_NAMES = ("words_log", "chars_log", "chars_per_word", "ends_sentence", "ends_colon",
               "ends_alnum", "symbol_share", "upper_share", "title_share", "digit_share",
               "list_item", "separator", "date_only", "link_marks", "inline_separators",
               "has_quote")
TAG_NAMES = ("rule_score", *(f"rule_reason_{reason.value}" for reason in RESIDUE_REASONS),
             "rule_absorbable", "context_tagged", "context_score")
#: Facts about the previous and the next line; "present" is 0 at the document's edge, where
#: the others are 0 too.
NEIGHBOUR_NAMES = ("present", "words_log", "ends_sentence", "stopword_share", "rule_score",
                   "context_tagged", "link_marks", "list_item")
#: What the model's lexicon (learned by cleaner.train, shipped in the model file) says of a
#: line's distinct words: the mean of their weights, the share of its words it knows, and the
#: highest weight. A weight is the log-odds that a page's line holding the word was residue.
#: All 0 for a prose line, which the model never judges (its words are not in the lexicon's
#: counts either), and for a line none of whose words it knows.
LEXICON_NAMES = ("lexicon_mean", "lexicon_coverage", "lexicon_max")
#: Where a line sits among the document's blocks: the run of consecutive non-prose lines that
#: holds it (its length, the share of it that is tagged, its mean words per line; all 0 for a
#: prose line), how many lines away the nearest prose line is, and the share of the document's
#: prose words that come before it. A menu or a teaser list is a long run far from the prose,
#: often tagged in part; a subheading is a run of one between paragraphs. On the calibration
#: pages these five raised the line AUC from 0.936 to 0.944, and at the "balanced" preset the
#: model's own drops from 2,356 lines (98.3% residue) to 4,257 (99.3%).
BLOCK_NAMES = ("run_lines_log", "run_tagged_share", "run_words_log", "prose_distance_log",
               "prose_words_before")
FEATURE_NAMES: tuple[str, ...] = (
    *SHAPE_NAMES, "stopword_share", "language_known", "duplicate", *TAG_NAMES,
    *(f"prev_{name}" for name in NEIGHBOUR_NAMES), *(f"next_{name}" for name in NEIGHBOUR_NAMES),
    "window_prose_share", "window_tagged_share",
    "relative_position", "from_start_log", "to_end_log", "before_first_prose",
    "after_last_prose",
    "doc_lines_log", "doc_prose_share", "doc_tagged_share",
    *LEXICON_NAMES, "prev_lexicon_mean", "next_lexicon_mean", "window_lexicon_mean",
    *BLOCK_NAMES)

#: The rule_reason_* features of a line's best rule tag, by its reason (all 0 without a tag).
_REASON_ONE_HOT = {reason: tuple(1.0 if other is reason else 0.0 for other in RESIDUE_REASONS)
                   for reason in RESIDUE_REASONS}
_NO_REASON = (0.0,) * len(RESIDUE_REASONS)


class LineShape:
    """What one stripped non-empty line is by itself: SHAPE_NAMES values, its word count, how
    many of its tokens each language's stoplist holds, its token count, and its distinct
    tokens (lowercased) unless it is prose."""

    __slots__ = ("values", "words", "stop_counts", "tokens", "prose", "vocabulary")

    def __init__(self, values: tuple[float, ...], words: int, stop_counts: tuple[int, ...],
                 tokens: Sequence[str]) -> None:
        self.values = values
        self.words = words
        self.stop_counts = stop_counts
        self.tokens = len(tokens)
        self.prose = words >= PROSE_MIN_WORDS and values[3] == 1.0
        # Only the lines the model judges need their words (see LEXICON_NAMES); a prose
        # line's set would cost time and memory for nothing.
        self.vocabulary: frozenset[str] = frozenset() if self.prose else frozenset(tokens)


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def line_shape(stripped: str) -> LineShape:
    """The shape of a stripped, non-empty line."""
    chars = len(stripped)
    is_ascii = stripped.isascii()
    if is_ascii or _BYTE_COUNTABLE.fullmatch(stripped):
        # Counted by bytes, each stand-in punctuation mark as "?"; no spaceless script, so the
        # words are the split's.
        encoded = stripped.encode("ascii", "replace")
        # The space put before the line makes its first word open like the others.
        classes = (b" " + encoded).translate(_BYTE_CLASSES)
        spaces, upper, letters, digits, other = _class_counts(classes)
        # A stripped line ends with a non-space, so when its whitespace is single spaces (or
        # tabs) each space opens one word. Splitting builds a string per word: only the few
        # other lines need it.
        split_words = (spaces if b"  " not in classes and b"w" not in classes
                       else len(stripped.split()))
        words = split_words
        capital_openings = classes.count(b" U")
        quoted = b'"' in encoded if is_ascii else _QUOTE_MARK.search(stripped) is not None
        tokens = encoded.translate(_TOKEN_BYTES).decode().split()
    else:
        split = stripped.split()
        split_words = len(split)
        words, upper, letters, digits, other, capital_openings, quoted, tokens = (
            _counted_by_character(stripped, split))
    stop_counts = _STOP_COUNTS.unpack(
        sum(map(_PACKED_STOPWORDS.__getitem__, filter(_IS_STOPWORD, tokens)))
        .to_bytes(_STOP_COUNTS.size, "little"))
    last = stripped[-1]
    values = (
        math.log1p(words),
        math.log1p(chars),
        min(chars / max(words, 1), 20.0) / 10.0,
        1.0 if ends_like_sentence(stripped) else 0.0,
        1.0 if last in ":：" else 0.0,
        1.0 if last.isalnum() else 0.0,
        other / chars,
        _share(upper, letters),
        _share(capital_openings, split_words),
        digits / chars,
        1.0 if is_list_item(stripped) else 0.0,
        1.0 if is_separator(stripped) else 0.0,
        1.0 if is_date_only(stripped) else 0.0,
        math.log1p(_link_marks(stripped)),
        # Substring tests for _INLINE_SEPARATOR's marks first, written out: most lines hold
        # none, and a generator over the marks cost three times more.
        (math.log1p(len(_INLINE_SEPARATOR.findall(stripped)))
         if ("|" in stripped or "/" in stripped or "•" in stripped or "·" in stripped
             or "»" in stripped or "›" in stripped) else 0.0),
        1.0 if quoted else 0.0,
    )
    return LineShape(values, words, stop_counts, tokens)


def _link_marks(stripped: str) -> int:
    # A line can hold a link mark only if it holds one of these substrings (or a top-level
    # domain after a dot): they rule out nearly every line (98% on wcxb) at a quarter of the
    # regex's cost, and written out they cost 40% less than a generator over them.
    if ("@" in stripped or "#" in stripped or "://" in stripped or "www." in stripped
            or ("." in stripped and _TOP_LEVEL_DOMAIN.search(stripped))):
        return len(_LINK_MARK.findall(stripped))
    return 0


def line_shapes(lines: Iterable[str]) -> list[LineShape]:
    """The shapes of stripped, non-empty lines, in order; a repeated line shares its shape."""
    return map_distinct(line_shape, lines)


def _class_counts(classes: bytes) -> tuple[int, int, int, int, int]:
    """Spaces, capitals, letters, digits and other characters of bytes mapped by
    _BYTE_CLASSES."""
    spaces, upper, digits = classes.count(b" "), classes.count(b"U"), classes.count(b"d")
    letters = upper + classes.count(b"l")
    return spaces, upper, letters, digits, len(classes) - spaces - letters - digits


def _counted_by_character(stripped: str, split: list[str]) -> tuple[
        int, int, int, int, int, int, bool, list[str]]:
    """line_shape's counts of a line the byte path cannot count: words, capitals, letters,
    digits, other characters, capitalised words, whether it quotes, and its tokens. The ASCII
    characters are still counted by bytes; the rest (letters with accents, other scripts,
    unusual symbols) one by one."""
    encoded = stripped.encode("ascii", "ignore")
    _, upper, letters, digits, other = _class_counts(encoded.translate(_BYTE_CLASSES))
    rest = "".join(_NOT_ASCII.findall(stripped))
    upper += sum(map(str.isupper, rest))
    alpha = sum(map(str.isalpha, rest))
    numeric = sum(map(str.isdecimal, rest))
    letters += alpha
    digits += numeric
    other += len(rest) - alpha - numeric - sum(map(str.isspace, rest))
    capital_openings = sum(map(str.isupper, [word[0] for word in split]))
    quoted = b'"' in encoded or not _QUOTES.isdisjoint(rest)
    # word_count(stripped), from the split already made rather than a second one.
    return (len(split) + spaceless_words(stripped), upper, letters, digits, other,
            capital_openings, quoted, _TOKEN.findall(stripped.lower()))


def document_language(shapes: Sequence[LineShape]) -> int | None:
    """Index in LANGUAGES of the stoplist covering most tokens, or None below
    LANGUAGE_MIN_SHARE (an unknown language, or too little prose to tell)."""
    tokens = sum([shape.tokens for shape in shapes])
    if not tokens:
        return None
    # Column sums in C: a loop over each line's languages cost four times more.
    totals = list(map(sum, zip(*[shape.stop_counts for shape in shapes])))
    best = max(range(len(LANGUAGES)), key=lambda language: totals[language])
    return best if totals[best] / tokens >= LANGUAGE_MIN_SHARE else None


_NO_LEXICON = (0.0,) * len(LEXICON_NAMES)


def lexicon_values(shape: LineShape, lexicon: Mapping[str, float]) -> tuple[float, ...]:
    """The LEXICON_NAMES values of a line of this shape."""
    if not shape.vocabulary or not lexicon:
        return _NO_LEXICON
    weights = [lexicon[word] for word in shape.vocabulary if word in lexicon]
    if not weights:
        return _NO_LEXICON
    # fsum: a set's order follows the process's string hashing, and a plain sum's rounding
    # follows the order, so the same line got a mean a few ulps apart in two processes (and
    # training two different files from the same data).
    return (math.fsum(weights) / len(weights), len(weights) / len(shape.vocabulary),
            max(weights))


def rows(lines: Sequence[str], shapes: Sequence[LineShape], tags: Sequence[LineTags],
         context: Mapping[int, Tag], lexicon: Mapping[str, float],
         select: Sequence[int] | None = None) -> list[tuple[float, ...]]:
    """The feature vector (in FEATURE_NAMES order) of each of `lines`, or of the positions in
    `select` only (in its order): neighbours and windows still read every line.

    `lines` are the stripped non-blank lines in play, in document order; `shapes` and `tags`
    are theirs, and `context` maps positions in `lines` to their context tag (a context pass
    at FEATURE_CONTEXT_THRESHOLD over these same lines). `lexicon` maps words to their weights
    (the model file's; empty gives 0 for the LEXICON_NAMES features).
    """
    count = len(lines)
    if count == 0:
        return []
    language = document_language(shapes)
    counts = Counter(lines)
    # Per-line facts that neighbours and windows read.
    stop_share = [0.0 if language is None else _share(shape.stop_counts[language], shape.tokens)
                  for shape in shapes]
    best = [line_tags.best() for line_tags in tags]
    rule_score = [tag.score if tag is not None else 0.0 for tag in best]
    context_score = [0.0] * count
    for index, tag in context.items():
        context_score[index] = tag.score
    prose = [1 if shape.prose else 0 for shape in shapes]
    tagged = [1 if rule >= TAGGED_SCORE or context_tag > 0 else 0
              for rule, context_tag in zip(rule_score, context_score)]
    # Line i's neighbours are neighbour[i] and neighbour[i + 2]: the edges pad both ends.
    edge = (0.0,) * len(NEIGHBOUR_NAMES)
    neighbour = [edge, *((1.0, shape.values[0], shape.values[3], stop_share[i], rule_score[i],
                          1.0 if context_score[i] > 0 else 0.0, shape.values[13],
                          shape.values[10])
                         for i, shape in enumerate(shapes)), edge]
    lexical = [lexicon_values(shape, lexicon) for shape in shapes]
    lexicon_sum = list(accumulate((values[0] for values in lexical), initial=0.0))
    prose_sum = list(accumulate(prose, initial=0))
    tagged_sum = list(accumulate(tagged, initial=0))
    prose_lines = list(compress(range(count), prose))
    first_prose = prose_lines[0] if prose_lines else count
    last_prose = prose_lines[-1] if prose_lines else -1
    doc = (math.log1p(count), prose_sum[count] / count, tagged_sum[count] / count)
    blocks = _block_values(shapes, prose, tagged_sum)
    language_known = 0.0 if language is None else 1.0
    log_distance = list(map(math.log1p, range(count)))  # from either end
    last = count - 1
    result = []
    for i in (range(count) if select is None else select):
        tag = best[i]
        low, high = max(0, i - WINDOW), min(count, i + WINDOW + 1)
        window = high - low - 1
        # A tuple: rows are never changed, and 60k lists of floats kept the garbage collector
        # busy (tuples of floats it stops tracking).
        result.append((
            *shapes[i].values, stop_share[i], language_known, 1.0 if counts[lines[i]] > 1 else 0.0,
            rule_score[i], *(_REASON_ONE_HOT[tag.reason] if tag is not None else _NO_REASON),
            1.0 if tag is not None and tag.absorbable else 0.0,
            1.0 if context_score[i] > 0 else 0.0, context_score[i],
            *neighbour[i], *neighbour[i + 2],
            _share(prose_sum[high] - prose_sum[low] - prose[i], window),
            _share(tagged_sum[high] - tagged_sum[low] - tagged[i], window),
            i / last if count > 1 else 0.0, log_distance[i], log_distance[last - i],
            1.0 if i < first_prose else 0.0, 1.0 if i > last_prose else 0.0,
            *doc, *lexical[i],
            lexical[i - 1][0] if i > 0 else 0.0, lexical[i + 1][0] if i < last else 0.0,
            _share(lexicon_sum[high] - lexicon_sum[low] - lexical[i][0], window),
            *blocks[i]))
    return result


def _block_values(shapes: Sequence[LineShape], prose: Sequence[int],
                  tagged_sum: Sequence[int]) -> list[tuple[float, ...]]:
    """The BLOCK_NAMES values of each line; `tagged_sum` is the running count of tagged lines
    (tagged_sum[i] counts lines before i)."""
    count = len(shapes)
    prose_words = list(accumulate((shape.words if is_prose else 0
                                   for shape, is_prose in zip(shapes, prose)), initial=0))
    all_words = list(accumulate((shape.words for shape in shapes), initial=0))
    total_prose_words = prose_words[count]
    # Lines to the nearest prose line on each side; `count` where there is none.
    before = [count] * count
    after = [count] * count
    nearest = None
    for i in range(count):
        if prose[i]:
            nearest = i
        if nearest is not None:
            before[i] = i - nearest
    nearest = None
    for i in reversed(range(count)):
        if prose[i]:
            nearest = i
        if nearest is not None:
            after[i] = nearest - i
    values: list[tuple[float, ...]] = []
    start = 0
    while start < count:
        if prose[start]:
            values.append((0.0, 0.0, 0.0, 0.0, _share(prose_words[start], total_prose_words)))
            start += 1
            continue
        end = start
        while end < count and not prose[end]:
            end += 1
        lines = end - start  # the run is start..end-1
        run = (math.log1p(lines), (tagged_sum[end] - tagged_sum[start]) / lines,
               math.log1p((all_words[end] - all_words[start]) / lines))
        values.extend((*run, math.log1p(min(before[i], after[i])),
                       _share(prose_words[i], total_prose_words)) for i in range(start, end))
        start = end
    return values


def pass_rows(lines: Sequence[str], tags: Sequence[LineTags],
              shapes: Sequence[LineShape] | None = None,
              feature_context: Mapping[int, Tag] | None = None,
              select: Sequence[int] | None = None,
              lexicon: Mapping[str, float] | None = None,
              breaks: AbstractSet[int] = frozenset()) -> list[tuple[float, ...]]:
    """The rows of the non-blank `lines` in play (raw text, in order) with their rule tags, as
    a pipeline pass sees them: shapes and the context pass at FEATURE_CONTEXT_THRESHOLD (with
    `breaks`, see context.revise) are computed here unless the caller has them already.
    Training calls this on a document's non-blank lines, as the pipeline's first pass does.
    `select` and `lexicon` as in rows."""
    stripped = [line.strip() for line in lines]
    if shapes is None:
        shapes = line_shapes(stripped)
    if feature_context is None:
        feature_context = revise(lines, tags, FEATURE_CONTEXT_THRESHOLD, breaks)
    return rows(stripped, shapes, tags, feature_context, lexicon or {}, select)
