"""Tagging: every rule searched in every line, each match a Tag. Nothing is decided here.

Searching ~170 patterns in every line would cost a hundred microseconds a line, and almost
every line matches none. So a pattern is only searched in lines where it could match, found
by dispatch on words, soundly, with the `regex` module's partial matching:

- a pattern anchored at the start (`^…`) can only match a line if it can match a string
  that begins with the line's text up to the end of its first word and the character after
  (a negative lookahead must end in a character, `(?!he\\s)`, not in `\\b` or `$`: partial
  matching meets `(?!he\\b)` at the end of the probe "He" and rules out "Here" too);
- a pattern that starts with `\\b` and then a word character can only match starting at a
  word, so only if it can match a string beginning with one of the line's words and the
  character after it (the character matters: "a " cannot begin "afp", "a" can);
- a pattern with no assertion (`\\b`, lookaround, `^`) can only match starting at one of the
  line's characters, so only if it can match a string beginning with one of them (`©`, `(`);
- any other pattern is searched in every line, and its rule tried where it matches.

"Can match a string beginning with K" is `pattern.match(K, partial=True)`, asked once per
distinct K and remembered: words repeat, so after the first pages almost every question is
answered from memory. A pattern whose rule file names strings it `requires` is then searched
only in lines that hold one of them; one that would be dispatched to nearly every line (it may
begin anywhere, or with any word) is dispatched on those strings alone, one substring test
each per line.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections import Counter
from collections.abc import Callable, Sequence

import regex

from cleaner.lines import map_distinct
from cleaner.markup import as_plain
from cleaner.reasons import Reason
from cleaner.ruleset import Role, Rule, source_of
from cleaner.shape import word_count


@dataclasses.dataclass(frozen=True, slots=True)
class Tag:
    """One piece of evidence that a line is residue: from a rule, a context pass or the model."""

    reason: Reason
    rule: str
    score: float
    role: Role = Role.LINE
    absorbable: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class LineTags:
    tags: tuple[Tag, ...]
    timed_out: tuple[str, ...] = ()  # ids of rules whose search hit the regex timeout
    # The highest-scoring tag, found once: every pass, context pass and the policy ask for it.
    _best: Tag | None = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_best", max(self.tags, key=lambda tag: tag.score,
                                               default=None))

    def best(self) -> Tag | None:
        return self._best

    def with_role(self, role: Role) -> Tag | None:
        return next((tag for tag in self.tags if tag.role is role), None)


NO_TAGS = LineTags(())
#: How many distinct keys (word prefixes, line openings) the dispatch remembers before it
#: starts afresh, each memory on its own. The 1,043 wcxb pages' trafilatura texts make about
#: 46,000 word keys and 26,000 openings (see WORD_KEY_CHARS); at ~200 bytes an entry a full
#: memory holds about 40 MB.
DISPATCH_MEMORY = 200_000
#: The dispatch probes with a word's first WORD_KEY_CHARS characters, and the character after
#: them when the word ends there. A pattern that could begin at the word could begin at any
#: prefix of it (the probe matches partially), so a prefix finds a superset of the patterns a
#: whole word would, and the search decides. Whole words made every new word of a text a new
#: key: on wcxb's test pages, after the dev pages had been cleaned, rules-only cleaning ran at
#: 3.2 MB/s, against 5.9 on text seen before. With four characters unseen text runs at 4.8
#: MB/s; three widen the candidates (4.5), five or more leave more keys new (4.7; 4.6 at six).
WORD_KEY_CHARS = 4
_WORD_KEY = regex.compile(r"\b\w{1,%d}\W?" % WORD_KEY_CHARS)
#: The same for ASCII lines, in the standard `re` module: on ASCII text `\b` and `\w` mean the
#: same in both (the same keys on every ASCII line of the data), and `re` with its ASCII flag
#: finds them in 3.9 µs a line of wcxb's trafilatura texts, where `regex` takes 9.1.
_ASCII_WORD_KEY = re.compile(r"\b\w{1,%d}\W?" % WORD_KEY_CHARS, re.ASCII)
#: The key of a line's opening, which anchored patterns are dispatched on: the line up to its
#: first word key, at most this many characters (a prefix of the line, so a superset again;
#: marks before the first word, "— ", "1. ", "(", rarely run longer). It also bounds the
#: chain of prefixes a new key is probed along.
OPENING_KEY_CHARS = 8
#: Characters a `\b` pattern is probed with to make sure it cannot start on a non-word
#: character (where `\b` also holds, after a word); a pattern that could is searched always.
_NON_WORD_PROBES = (" ", "(", "-", ".", ",", "'", "’", "“", '"', "/", "@", "#", ":", "©", "|")
#: Openings that begin no word a pattern names: an anchored pattern that could begin with
#: them could begin nearly any line, and is dispatched on the strings it requires instead.
_UNKNOWN_OPENINGS = ("Qzx", "qzx")
#: When at most this many patterns apply to a line of its length (long lines: most rules
#: have a max_words), searching them is cheaper than dispatching on its words.
DIRECT_SEARCH_LIMIT = 24


#: Pieces of pattern source that make a match depend on text before its first character
#: (word boundaries, lookbehind, `^`) or that partial matching may not probe soundly
#: (lookahead, inline flags): a pattern holding any is not dispatched on its first character.
#: (`$` is harmless: at the end of a one-character probe it holds, so it only widens.)
_CONTEXT_SYNTAX = regex.compile(r"\\[bBmMGAzZ]|\(\?(?!:)|\^")


class _Kind(enum.Enum):
    START = "start"  # anchored at the line's start
    WORD = "word"  # starts at a word
    CHAR = "char"  # no assertion: starts at any character
    ANYWHERE = "anywhere"


def _kind(pattern: regex.Pattern[str]) -> _Kind:
    source = source_of(pattern)
    if source.startswith("^"):
        return _Kind.START
    probe = _probe_pattern(pattern)
    if source.startswith("\\b") and not any(
            probe.match(char, partial=True) for char in _NON_WORD_PROBES):
        return _Kind.WORD
    if not _CONTEXT_SYNTAX.search(source):
        return _Kind.CHAR
    return _Kind.ANYWHERE


def _probe_pattern(pattern: regex.Pattern[str]) -> regex.Pattern[str]:
    """`pattern` without a lookbehind right after its leading `\\b`.

    A word probed alone has nothing behind it, so the lookbehind would always fail; without
    it the probe asks a weaker question, which keeps the dispatch sound.
    """
    source = source_of(pattern)
    if not source.startswith("\\b(?<="):
        return pattern
    depth, position, in_class = 0, 2, False
    while position < len(source):
        char = source[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                prefix = pattern.pattern[:len(pattern.pattern) - len(source)]  # SIMPLE_CASE
                return regex.compile(prefix + "\\b" + source[position + 1:], pattern.flags)
        position += 1
    return pattern


@dataclasses.dataclass(slots=True)
class _Memory:
    """Keys probed so far and the pattern positions each could begin; `hits` names the keys
    with at least one, so that a line's keys meet them in one C-level set intersection."""

    found: dict[str, tuple[int, ...]] = dataclasses.field(default_factory=dict)
    hits: set[str] = dataclasses.field(default_factory=set)


#: Characters from the most common in text to the least (space, then English letters by
#: frequency, digits, common punctuation): a required string is keyed by its rarest character,
#: and a character missing from here (an accented letter, another script) counts as rarer than
#: any.
_COMMON_CHARACTERS = " etaoinsrhldcumfpgwybv.,'-0123456789kxjqz:/()!?&"


def _rarity(char: str) -> int:
    position = _COMMON_CHARACTERS.find(char)
    return len(_COMMON_CHARACTERS) if position < 0 else position


Gate = tuple[float, str, tuple[int, ...]]


def _requirement_gates(gated: dict[int, tuple[tuple[str, ...], int | None]]
                       ) -> tuple[tuple[float, str, tuple[Gate, ...]], ...]:
    """For gated pattern positions (each with the strings it requires and its rule's word
    limit, None for none): each required string with the positions that name it and the most
    words a line may have for one of them to apply, grouped by the string's rarest character
    (_rarity). A group holds the most words of its strings and the character, and runs, as its
    strings do, from the most words to the fewest.

    A line holding the string makes those positions candidates. Before gating, such patterns
    were candidates in nearly every line only to be turned away by their requirements (about
    21 a line on wcxb's trafilatura texts); gating them took rules-only cleaning of those texts
    from 4.26 to 4.9 MB/s per core, the same tags on every line of the data. A line without a
    group's character holds none of its strings, so one test passes over the group: with 125
    strings in 59 groups, a line of wcxb's trafilatura texts needs 70 tests instead of 88."""
    positions_of: dict[str, list[int]] = {}
    most_words: dict[str, float] = {}
    for position, (required, limit) in gated.items():
        for text in required:
            positions_of.setdefault(text, []).append(position)
            most_words[text] = max(most_words.get(text, 0), float("inf") if limit is None
                                   else limit)
    groups: dict[str, list[Gate]] = {}
    for text, positions in positions_of.items():
        groups.setdefault(max(text, key=_rarity), []).append(
            (most_words[text], text, tuple(positions)))
    return tuple(sorted(((max(gate[0] for gate in gates), char,
                          tuple(sorted(gates, key=lambda gate: -gate[0])))
                         for char, gates in groups.items()), key=lambda group: -group[0]))


class Tagger:
    """Compiled rules and their dispatch. Safe across threads: the dispatch memory only ever
    gains entries that any thread would compute alike, or is cleared whole."""

    def __init__(self, rules: Sequence[Rule], timeout: float) -> None:
        self.rules = tuple(rules)
        self.timeout = timeout
        #: Every pattern with the index of its rule; dispatch speaks of positions in this list.
        self._patterns = tuple((index, pattern) for index, rule in enumerate(self.rules)
                               for pattern in rule.patterns)
        self._probes = tuple(_probe_pattern(pattern) for _, pattern in self._patterns)
        kinds = [_kind(pattern) for _, pattern in self._patterns]
        requirements = [required for rule in self.rules for required in rule.requirements]
        limits = [rule.max_words for rule in self.rules]
        # A pattern that `requires` strings and would be searched in nearly every line (one
        # searched anywhere, or one anchored at the start that could begin with a word no
        # pattern names) is dispatched on those strings instead: see _requirement_gates.
        gated = {position for position, kind in enumerate(kinds) if requirements[position] and (
            kind is _Kind.ANYWHERE or kind is _Kind.START and any(
                self._probes[position].match(opening, partial=True)
                for opening in _UNKNOWN_OPENINGS))}
        self._start = [i for i, kind in enumerate(kinds) if kind is _Kind.START and i not in gated]
        self._word = [i for i, kind in enumerate(kinds) if kind is _Kind.WORD]
        self._char = [i for i, kind in enumerate(kinds) if kind is _Kind.CHAR]
        self._anywhere = [i for i, kind in enumerate(kinds)
                          if kind is _Kind.ANYWHERE and i not in gated]
        self._gates = _requirement_gates(
            {position: (requirements[position], limits[self._patterns[position][0]])
             for position in sorted(gated)})
        self._start_memory = _Memory()
        self._word_memory = _Memory()
        self._char_memory = _Memory()
        # For each word count, the patterns of the rules that still apply when few do.
        self._unlimited = any(limit is None for limit in limits)
        self._longest = max((limit for limit in limits if limit is not None), default=0)
        #: For each word count, the patterns of the rules that still apply (the last entry:
        #: longer lines).
        self._applicable = [frozenset(position
                                      for position, (index, _) in enumerate(self._patterns)
                                      if limits[index] is None or words <= limits[index])
                            for words in range(self._longest + 2)]
        #: The most words a line may have for a character-dispatched rule to apply.
        self._char_longest = max((float("inf") if limits[index] is None else limits[index]
                                  for index, _ in (self._patterns[position]
                                                   for position in self._char)), default=0)
        #: Rules with a max_hits, by id.
        self._limited = {rule.id: rule.max_hits for rule in self.rules
                         if rule.max_hits is not None}
        #: Per pattern position: its rule's index, its bound search, the strings a line must
        #: hold (lowercased) for it to be searched.
        self._plan = tuple((index, pattern.search, required)
                           for (index, pattern), required in zip(self._patterns, requirements))

    def _could_begin(self, key: str, memory: _Memory, among: Sequence[int]) -> tuple[int, ...]:
        found = memory.found.get(key)
        if found is None:
            if len(key) > 1:
                # Only the patterns that could begin the key less its last character can
                # begin the key: a new key is probed against its prefix's few (remembered too).
                among = self._could_begin(key[:-1], memory, among)
            # No timeout: a key is at most OPENING_KEY_CHARS long, too short for backtracking
            # to run away, and passing one costs 1.5 µs a call, more than most probes.
            # partial=True by position: by keyword it costs twice as much.
            found = tuple(i for i in among if self._probes[i].match(key, None, None, None, True))
            if len(memory.found) >= DISPATCH_MEMORY:
                memory.found.clear()
                memory.hits.clear()  # it names only keys the memory holds
            memory.found[key] = found
            if found:
                memory.hits.add(key)
        return found

    def _candidates(self, stripped: str, words: int, lowered: str | None = None) -> set[int]:
        """Patterns that could match `stripped` (of `words` words; `lowered` is it in lower
        case, when the caller has it), before their rules' word limits and requirements."""
        keys = (_ASCII_WORD_KEY if stripped.isascii() else _WORD_KEY).findall(stripped)
        opening = stripped[:min(stripped.find(keys[0]) + len(keys[0]) if keys else len(stripped),
                                OPENING_KEY_CHARS)]
        found = [self._could_begin(opening, self._start_memory, self._start), self._anywhere]
        dispatches = [(keys, self._word_memory, self._word)]
        if words <= self._char_longest:  # longer lines: no character-dispatched rule applies
            dispatches.append((stripped, self._char_memory, self._char))
        for keys, memory, among in dispatches:
            distinct = set(keys)
            for key in distinct.difference(memory.found):
                self._could_begin(key, memory, among)
            # get: another thread may have cleared the memory since
            found.extend(memory.found.get(key, ()) for key in distinct.intersection(memory.hits))
        candidates = set().union(*found)
        lowered = stripped.lower() if lowered is None else lowered
        for group_words, char, gates in self._gates:
            if words > group_words:
                break  # the groups run from the most words to the fewest
            if char in lowered:
                for most_words, text, positions in gates:
                    if words > most_words:
                        break  # and so do the strings of a group
                    if text in lowered:
                        candidates.update(positions)
        return candidates

    def tag_line(self, stripped: str) -> LineTags:
        """The tags of one non-empty, stripped line."""
        words = word_count(stripped)
        if words > self._longest and not self._unlimited:
            return NO_TAGS
        applicable = self._applicable[min(words, self._longest + 1)]
        direct = len(applicable) <= DIRECT_SEARCH_LIMIT
        # The dispatch tests required strings in the lowered line, as the loop below does: one
        # lowering serves both (a direct search lowers only when a pattern needs it).
        lowered = None if direct else stripped.lower()
        # Set operations in C, where a loop over each candidate's word limit and earliest start
        # was (with the positional arguments below, rules-only cleaning of wcxb's dev
        # trafilatura texts ran about 10% faster without it). A dispatched pattern is searched
        # from the line's start: it cannot match before the first word or character that
        # dispatched it (the dispatch is sound), so the search finds the same matches.
        candidates = (applicable if direct
                      else applicable.intersection(self._candidates(stripped, words, lowered)))
        hits: set[int] = set()
        timed_out: set[int] = set()
        plan, timeout = self._plan, self.timeout
        for position in candidates:
            index, search, required = plan[position]
            if index in hits:
                continue
            if required:
                lowered = lowered if lowered is not None else stripped.lower()
                for text in required:  # a loop: any() over a generator cost half as much again
                    if text in lowered:
                        break
                else:
                    continue
            try:
                # Most searches find nothing: only a match goes on to the quotation check. The
                # timeout passed by position: by keyword it cost 1.7 µs a call, three times
                # a typical failed search, and 0.9 µs by position.
                found = search(stripped, 0, None, None, False, timeout)
                if found is not None and matches_unquoted(search, stripped, timeout, found):
                    hits.add(index)
            except TimeoutError:
                timed_out.add(index)
        if not hits and not timed_out:
            return NO_TAGS
        tags = tuple(Tag(rule.reason, rule.id, rule.confidence, rule.role, rule.absorbable)
                     for rule in (self.rules[index] for index in sorted(hits)))
        return LineTags(tags, tuple(self.rules[index].id for index in sorted(timed_out - hits)))

    def _tag_stripped(self, stripped: str) -> LineTags:
        return self.tag_line(as_plain(stripped)) if stripped else NO_TAGS

    def tag_lines(self, lines: Sequence[str]) -> list[LineTags]:
        """The tags of a text's lines; a rule that tags more of them than its `max_hits`
        tags none (see cleaner.ruleset)."""
        return self.limit(self.tag_each(lines))

    def tag_each(self, lines: Sequence[str]) -> list[LineTags]:
        """Each line's tags on its own, before `limit`, read without Markdown
        (cleaner.markup)."""
        return map_distinct(self._tag_stripped, (line.strip() for line in lines))

    def limit(self, tags: Sequence[LineTags]) -> list[LineTags]:
        """`tags` (tag_each's, of the lines in play) without the rules that tag more of
        these lines than their `max_hits`."""
        if self._limited:
            counts = Counter(tag.rule for line_tags in tags for tag in line_tags.tags)
            over = {rule for rule, limit in self._limited.items() if counts[rule] > limit}
            if over:
                return [_without(line_tags, over) for line_tags in tags]
        return list(tags)


#: Double quotation marks of the languages cleaner reads. Each one toggles "inside a quote":
#: "„" opens and "“" closes a German quote, "“" opens an English one, so no mark can be read
#: as only an opener or only a closer.
_QUOTE_MARKS = frozenset('"“”„«»「」『』')
#: Single marks that open a quotation. "'" is also the apostrophe, so a single mark counts only
#: where it opens (see is_quoted).
_SINGLE_OPENERS = frozenset("'‘‹")
#: Opening marks a pattern may take in at the start of its match. Not guillemets: "« Previous"
#: is an arrow as often as a quote.
_LEADING_QUOTES = frozenset('"“„\'‘`')
#: A Markdown code span: residue wording in code is a manual or a changelog naming a button or
#: a setting ("`Subscribe` button text is now translatable"), never the button itself. Its
#: backticks stand apart from letters, so that one typed for an apostrophe ("Don`t") opens none.
_CODE_SPAN = regex.compile(r"(?<!\w)`[^`]+`(?!\w)")


def is_quoted(line: str, position: int) -> bool:
    """Whether `position` in `line` lies inside quotation marks: an odd number of double
    marks comes before it, or a single mark opens right before it ('All rights reserved',
    after a space or at the start, so no apostrophe counts). Residue wording inside quotes is
    an article quoting a notice or a promo (a story about cookie banners quoting "We use
    cookies"), never the notice itself. So is wording inside a code span (_CODE_SPAN)."""
    if "`" in line and any(span.start() < position < span.end()
                           for span in _CODE_SPAN.finditer(line)):
        return True
    if position == 0:
        return False
    if line[position - 1] in _SINGLE_OPENERS and (position == 1
                                                  or not line[position - 2].isalnum()):
        return True
    if _QUOTE_MARKS.isdisjoint(line[:position]):
        return False
    return sum(char in _QUOTE_MARKS for char in line[:position]) % 2 == 1


#: Verbs that report speech or writing, after the speaker (", the mayor said", ", Smith
#: writes"). "read" only after a document's or a sign's noun (", the statement read"):
#: ", the best reads" is a promo's. In lower case only: a menu's "Home, States World, Sport"
#: holds a capitalised one.
_REPORTING_VERBS = (r"(?-i:said|says|told|tells|wrote|writes|added|adds|insisted|insists|warned"
                    r"|warns|urged|urges|recalled|recalls|explained|explains|joked|jokes"
                    r"|heard|argued|argues|claimed|claims|noted|notes|stated|states|announced"
                    r"|announces|suggested|suggests|advised|advises|recommended|recommends)")
#: A reporting clause after a comma, in the languages the promo rules read: the speaker then
#: the verb, or the verb then the speaker (", said the mayor", ", sagte Müller", ", dit-elle",
#: ", dijo", ", говорила соседка").
_REPORTING_CLAUSE = regex.compile(
    r",\s*(?:"
    # the speaker: "the mayor", "the café's owner", "a council spokesman", or a name
    rf"(?:(?:the|a|an|his|her|their|our|my)\s+\p{{L}}+(?:['’]s)?(?:\s+\p{{L}}+)?"
    rf"|(?-i:\p{{Lu}}\p{{L}}+)(?:\s+(?-i:\p{{Lu}}\p{{L}}+)){{0,2}}|he|she|they|we|i|it)"
    rf"\s+{_REPORTING_VERBS}\b"
    r"|(?:the|a|an|his|her|their|our|my)\s+(?:sign|note|notice|label|banner|poster|placard"
    r"|message|letter|card|caption|headline|slogan|statement|contract|document|text|clause"
    r"|email|e-mail|post|tweet|inscription|plaque)\s+reads?\b"
    rf"|{_REPORTING_VERBS}\s+(?:(?:the|a|an|his|her|their|our|my)\s+\p{{L}}+"
    r"|(?-i:\p{Lu}\p{L}+)|he|she|they|we|i|it)\b"
    r"|(?:sagte|sagt|schrieb|erklärte|betonte|meinte|riet|empfahl|forderte)\s+\p{L}+|heißt es\b"
    r"|(?:a-t-il|a-t-elle|ont-ils|ont-elles)\s+(?:dit|déclaré|expliqué|ajouté|affirmé)"
    r"|(?:dit|explique|ajoute|affirme|souligne)-(?:il|elle|ils|elles)"
    r"|(?:dijo|afirmó|explicó|aseguró|añadió|señaló|disse|afirmou|explicou|acrescentou"
    r"|ha detto|ha spiegato|ha aggiunto|zei|zegt|schreef)\b"
    r"|(?:сказал|сказала|говорит|говорил|говорила|ответил|ответила|пишет|добавил|добавила"
    r"|советует|посоветовал|заявил|заявила)\b)",
    regex.IGNORECASE)


def is_reported(line: str, position: int) -> bool:
    """Whether a reporting clause (_REPORTING_CLAUSE) follows `position` in `line`: wording
    from `position` on is then someone's words, as in a quote without its marks ("Subscribe
    to nothing, the sign said"; "Melden Sie sich an, sagte Müller"). No line the rules tagged
    on the dev pages or the dev corpus holds one."""
    return "," in line[position:] and _REPORTING_CLAUSE.search(line, position) is not None


def matches_unquoted(search: Callable[..., regex.Match[str] | None], line: str,
                     timeout: float | None = None,
                     first: regex.Match[str] | None = None) -> bool:
    """Whether `search` (a compiled pattern's search) finds a match in `line` that does not
    begin inside quotation marks (see is_quoted) nor before a reporting clause (see
    is_reported). A match that takes in the opening mark itself ('^"?Subscribe') begins where
    its words do. `first` is the search's first match when the caller has it already."""
    found = first if first is not None else search(line, timeout=timeout)
    while found is not None and (is_quoted(line, _words_start(line, found))
                                 or is_reported(line, found.start())):
        found = search(line, found.start() + 1, timeout=timeout)
    return found is not None


def _words_start(line: str, found: regex.Match[str]) -> int:
    position, end = found.start(), found.end()
    while position < end and line[position] in _LEADING_QUOTES:
        position += 1
    return position


def _without(line_tags: LineTags, rules: set[str]) -> LineTags:
    if not any(tag.rule in rules for tag in line_tags.tags):
        return line_tags
    kept = tuple(tag for tag in line_tags.tags if tag.rule not in rules)
    return LineTags(kept, line_tags.timed_out) if kept or line_tags.timed_out else NO_TAGS
