"""The model's features: one named vector per non-blank line, the same for training and
inference, with neighbours, a window and the line's position in the document."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import features
from cleaner.features import FEATURE_NAMES, line_shape, pass_rows
from cleaner.ruleset import load_rules, shipped_rule_files
from cleaner.tagging import Tagger

TAGGER = Tagger(load_rules(shipped_rule_files()), 1.0)
ARTICLE = [
    "Council votes to rebuild the old bridge",
    "The city council voted on Tuesday to rebuild the old bridge over the river by 2027.",
    "Sign up for our newsletter",
    "Engineers said the structure had been weakened by decades of heavy lorries and floods.",
    "Related News",
    "Mayor opens new library",
]


def rows_of(lines: list[str]) -> list[dict[str, float]]:
    return [dict(zip(FEATURE_NAMES, row)) for row in pass_rows(lines, TAGGER.tag_lines(lines))]


def test_every_line_gets_every_named_feature() -> None:
    rows = pass_rows(ARTICLE, TAGGER.tag_lines(ARTICLE))
    assert len(rows) == len(ARTICLE)
    assert all(len(row) == len(FEATURE_NAMES) for row in rows)
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)


def test_neighbours_and_position() -> None:
    rows = rows_of(ARTICLE)
    assert rows[0]["prev_present"] == 0.0 and rows[0]["next_present"] == 1.0
    assert rows[-1]["next_present"] == 0.0 and rows[-1]["prev_present"] == 1.0
    assert rows[0]["relative_position"] == 0.0 and rows[-1]["relative_position"] == 1.0
    # the promo's neighbours are prose sentences, and its own rule fired
    promo = rows[2]
    assert promo["prev_ends_sentence"] == 1.0 and promo["next_ends_sentence"] == 1.0
    assert promo["rule_reason_promo"] == 1.0 and promo["rule_score"] > 0.5
    assert rows[1]["rule_score"] == 0.0
    # lines after the last prose paragraph know it
    assert rows[-1]["after_last_prose"] == 1.0 and rows[1]["after_last_prose"] == 0.0


def test_language_is_known_from_stopwords_only_when_there_are_enough() -> None:
    assert rows_of(ARTICLE)[1]["language_known"] == 1.0
    assert rows_of(["Xq zvv brrt", "Plk mnnz", "Qwrt yp"])[0]["language_known"] == 0.0


def test_shape_of_a_line() -> None:
    shape = line_shape("Read more: www.example.com | News | Sport")
    values = dict(zip(features.SHAPE_NAMES, shape.values))
    assert values["link_marks"] > 0 and values["inline_separators"] > 0
    assert values["ends_sentence"] == 0.0
    assert line_shape("“It was a long night,” she said.").values[
        features.SHAPE_NAMES.index("has_quote")] == 1.0


def test_the_lexicon_weighs_a_lines_words_and_its_neighbours() -> None:
    lines = ["Careers", "Contact us", *ARTICLE[:2], "Careers"]
    lexicon = {"careers": 3.0, "contact": 1.0, "us": -1.0, "council": -2.0}
    rows = [dict(zip(FEATURE_NAMES, row))
            for row in pass_rows(lines, TAGGER.tag_lines(lines), lexicon=lexicon)]
    assert rows[0]["lexicon_mean"] == 3.0 and rows[0]["lexicon_coverage"] == 1.0
    assert rows[1]["lexicon_mean"] == 0.0 and rows[1]["lexicon_max"] == 1.0
    assert rows[1]["prev_lexicon_mean"] == 3.0
    # the headline holds "council" among words the lexicon does not know
    assert rows[2]["lexicon_mean"] == -2.0 and 0.0 < rows[2]["lexicon_coverage"] < 1.0
    # a prose sentence is never judged: the lexicon says nothing of it, nor counts it
    assert features.line_shape(lines[3]).prose and rows[3]["lexicon_coverage"] == 0.0
    assert rows[0]["window_lexicon_mean"] == (0.0 + -2.0 + 0.0) / 3
    # without a lexicon every lexicon feature is 0
    assert all(row[name] == 0.0 for row in rows_of(lines) for name in FEATURE_NAMES
               if "lexicon" in name)


def test_lexicon_mean_does_not_depend_on_the_order_of_a_lines_words() -> None:
    # A plain sum over the set of words rounds by the set's order, which string hashing sets
    # anew in every process: training twice on the same data wrote two different files.
    shape = line_shape("alpha beta gamma")
    lexicon = {"alpha": 1e16, "beta": 1.0, "gamma": -1e16}
    assert features.lexicon_values(shape, lexicon)[0] == 1.0 / 3


def test_block_features_say_where_a_line_sits_among_runs_and_prose() -> None:
    lines = ["Home", "News", ARTICLE[1], "In brief", ARTICLE[3], "Related News",
             "Mayor opens new library", "Sign up for our newsletter"]
    rows = rows_of(lines)
    home, news, first, subheading, second, related, teaser, promo = rows
    # a prose line is no run, and is its own nearest prose line
    assert first["run_lines_log"] == first["prose_distance_log"] == 0.0
    # the opening menu is a run of two, one and two lines from the first sentence, before
    # any prose word
    assert home["run_lines_log"] == news["run_lines_log"] == math.log1p(2)
    assert home["prose_distance_log"] == math.log1p(2)
    assert news["prose_distance_log"] == math.log1p(1)
    assert home["prose_words_before"] == 0.0
    assert home["run_words_log"] == math.log1p(1.0)
    # the subheading is a run of one between the two sentences, after 16 of 30 prose words
    assert subheading["run_lines_log"] == math.log1p(1)
    assert subheading["prose_words_before"] == first["prose_words_before"] + 16 / 30
    assert subheading["run_tagged_share"] == 0.0
    # the tail: a run of three after all the prose, the promo and the teaser heading tagged
    assert related["run_lines_log"] == promo["run_lines_log"] == math.log1p(3)
    assert related["run_tagged_share"] == promo["run_tagged_share"] == teaser["run_tagged_share"]
    assert promo["run_tagged_share"] >= 2 / 3
    assert promo["prose_words_before"] == 1.0
    assert promo["prose_distance_log"] == math.log1p(3)
    assert second["prose_words_before"] == subheading["prose_words_before"]


def test_block_features_without_prose() -> None:
    rows = rows_of(["Home", "News", "Sport"])
    # every line is one run, as far from prose as the document is long
    assert all(row["run_lines_log"] == math.log1p(3) for row in rows)
    assert all(row["prose_distance_log"] == math.log1p(3) for row in rows)
    assert all(row["prose_words_before"] == 0.0 for row in rows)


def test_duplicate_lines_are_marked() -> None:
    rows = rows_of(["Advertisement", *ARTICLE[:2], "Advertisement"])
    assert rows[0]["duplicate"] == 1.0 and rows[1]["duplicate"] == 0.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=60).filter(lambda text: text.strip()
                and "\n" not in text and "\r" not in text), min_size=1, max_size=12))
def test_rows_are_finite_and_deterministic(lines: list[str]) -> None:
    lines = [line for line in lines if line.strip() and not any(
        mark in line for mark in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")]
    if not lines:
        return
    first = pass_rows(lines, TAGGER.tag_lines(lines))
    assert first == pass_rows(lines, TAGGER.tag_lines(lines))
    assert all(math.isfinite(value) for row in first for value in row)


#: Pieces of lines that take line_shape's byte path: printable ASCII, a few stopwords and
#: every stand-in punctuation mark.
BYTE_PATH_PIECES = [*"aZ9 _\t.,'\"#@?!-|/:", " the ", " der ", " le ",
                    *features._STAND_IN_PUNCTUATION]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BYTE_PATH_PIECES), min_size=1, max_size=30)
       .map("".join).filter(str.strip))
def test_stand_in_punctuation_counts_as_ascii_punctuation(text: str) -> None:
    """A line whose only non-ASCII characters are stand-in punctuation is counted by bytes,
    each mark as "?"; its shape is the one counting character by character gives."""
    line = text.strip()
    assert features._BYTE_COUNTABLE.fullmatch(line)
    words, upper, letters, digits, other, capitals, quoted, tokens = (
        features._counted_by_character(line, line.split()))
    shape = line_shape(line)
    values = dict(zip(features.SHAPE_NAMES, shape.values))
    assert (shape.words, shape.tokens) == (words, len(tokens))
    assert shape.stop_counts == tuple(sum(token in features.STOPWORDS[language]
                                          for token in tokens)
                                      for language in features.LANGUAGES)
    assert values["symbol_share"] == other / len(line)
    assert values["upper_share"] == (upper / letters if letters else 0.0)
    assert values["digit_share"] == digits / len(line)
    assert values["title_share"] == capitals / len(line.split())
    assert values["has_quote"] == float(quoted)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab1 .@#:/w-_éc", ".com", ".de", "www.", "https://"]),
                max_size=30).map("".join))
def test_link_marks_prefilter_counts_what_the_pattern_finds(text: str) -> None:
    assert features._link_marks(text) == len(features._LINK_MARK.findall(text))
