"""Heuristic rules as data: TOML files loaded from package data and validated at load.

A rule file holds one boilerplate family:

    family = "promo"                  # the default reason of its rules
    [[rules]]
    id = "promo.signup"               # unique across all files, "<family>." prefix
    description = "Imperative sign-up calls"
    patterns = ['''^sign up (for|to)\\b''']
    examples = ["Sign up for our daily briefing"]       # must be dropped, for this reason
    counterexamples = ["He decided to sign up for the army."]  # must be kept
    # optional: reason, role, confidence, max_words, max_hits, absorbable, case_sensitive

`max_hits = N`: when the rule tags more than N lines of one text, it tags none of them. A page
carries one or two publication stamps; thirty lines that are a bare date are a table's date
column or an event list, which is content.

Patterns are searched (not matched) in the stripped line, case-insensitively unless
`case_sensitive`. Every pattern must match at least one of its rule's examples; the tests
generated from the files check that and the examples and counterexamples themselves.

A pattern that can begin with any word (a lookahead, an optional first word) would be searched
in nearly every line. Written as a table, it can name strings one of which every match holds:

    patterns = [{ pattern = '''^(?=[^|]{1,40}[|])...''', requires = ["|"] }]

and lines holding none of them (lowercased) are not searched. Each example the pattern matches
must hold one, and must stop matching once they are deleted from it (tests check both).
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from cleaner.errors import RuleFileError
from cleaner.reasons import RESIDUE_REASONS, Reason


class Role(enum.Enum):
    LINE = "line"  # the line itself is residue
    BLOCK_START = "block-start"  # a header: the list or teasers after it are residue too
    EMBED_END = "embed-end"  # closes an embed ("— Name (@handle) date"); the line above is its text
    THREAD_ENTRY = "thread-entry"  # opens a reader's comment; entries close together are a thread
    BIO_START = "bio-start"  # heads an author's bio ("About the author"): the bio after it goes too
    COMMENTS_START = "comments-start"  # opens the comment section: what follows is not the article


#: Strings every pattern is searched in at load: a pattern that matches any of them with an
#: empty match would fire on every line.
_EMPTY_PROBES = ("", " ", "a", "The council met on Tuesday.", "1")
_RULE_KEYS = {"id", "description", "patterns", "examples", "counterexamples", "reason", "role",
              "confidence", "max_words", "max_hits", "absorbable", "case_sensitive"}
_FILE_KEYS = {"family", "description", "rules"}
_RESIDUE = {reason.value: reason for reason in RESIDUE_REASONS}
#: Confidence of a rule that names none. The learned model's scores and the presets in
#: config.PRECISION_THRESHOLDS are on the same 0..1 scale.
DEFAULT_CONFIDENCE = 0.9


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str
    reason: Reason
    role: Role
    confidence: float
    max_words: int | None  # the rule only applies to lines of at most this many words
    max_hits: int | None  # past this many tagged lines in one text, the rule tags none
    absorbable: bool  # inside a related block or an embed, the line takes the block's reason
    patterns: tuple[regex.Pattern[str], ...]
    # per pattern: strings one of which a line must hold (lowercased) to be searched; () for any
    requirements: tuple[tuple[str, ...], ...]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    description: str
    source: str  # the file the rule came from, for error messages and explanations


def shipped_rule_files() -> list[Path]:
    """The rule files in package data, sorted so rule order is stable."""
    folder = resources.files("cleaner") / "rules"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".toml"))


def load_rules(paths: Iterable[Path]) -> tuple[Rule, ...]:
    """Load and validate every rule in `paths`; raises RuleFileError naming file, rule, item."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in paths:
        for rule in _load_file(Path(path)):
            if rule.id in seen:
                raise RuleFileError(f"{path}: rule {rule.id!r}: id already used in {seen[rule.id]}")
            seen[rule.id] = str(path)
            rules.append(rule)
    return tuple(rules)


def _load_file(path: Path) -> list[Rule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RuleFileError(f"{path}: cannot read rule file: {error.strerror or error}") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RuleFileError(f"{path}: not valid TOML: {error}") from error
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise RuleFileError(f"{path}: unknown top-level key(s) {sorted(unknown)}; "
                            f"allowed: {sorted(_FILE_KEYS)}")
    family = data.get("family")
    if family not in _RESIDUE:
        raise RuleFileError(f"{path}: family must be one of {sorted(_RESIDUE)}, not {family!r}")
    entries = data.get("rules")
    if not isinstance(entries, list) or not entries:
        raise RuleFileError(f"{path}: needs at least one [[rules]] table")
    return [_parse_rule(path, family, index, entry) for index, entry in enumerate(entries)]


def _parse_rule(path: Path, family: str, index: int, entry: Any) -> Rule:
    where = f"{path}: rule #{index + 1}"
    if not isinstance(entry, dict):
        raise RuleFileError(f"{where}: must be a table")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not regex.fullmatch(r"[a-z]+\.[a-z0-9-]+", rule_id):
        raise RuleFileError(f"{where}: id must look like 'family.some-name', not {rule_id!r}")
    where = f"{path}: rule {rule_id!r}"
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise RuleFileError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: "
                            f"{sorted(_RULE_KEYS)}")
    reason_name = entry.get("reason", family)
    if reason_name not in _RESIDUE:
        raise RuleFileError(f"{where}: unknown reason {reason_name!r}; use one of "
                            f"{sorted(_RESIDUE)}")
    try:
        role = Role(entry.get("role", "line"))
    except ValueError:
        raise RuleFileError(f"{where}: role must be one of {[r.value for r in Role]}, "
                            f"not {entry.get('role')!r}") from None
    confidence = entry.get("confidence", DEFAULT_CONFIDENCE)
    if not isinstance(confidence, (int, float)) or not 0.0 < confidence <= 1.0:
        raise RuleFileError(f"{where}: confidence must be a number in (0, 1], not {confidence!r}")
    max_words, max_hits = entry.get("max_words"), entry.get("max_hits")
    for key, value in (("max_words", max_words), ("max_hits", max_hits)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or value < 1):
            raise RuleFileError(f"{where}: {key} must be a positive integer, not {value!r}")
    for flag in ("absorbable", "case_sensitive"):
        if not isinstance(entry.get(flag, False), bool):
            raise RuleFileError(f"{where}: {flag} must be true or false")
    flags = regex.V1 | (0 if entry.get("case_sensitive", False) else regex.IGNORECASE)
    examples = _strings(where, entry, "examples")
    patterns, requirements = _patterns(where, entry, examples, flags)
    return Rule(id=rule_id, reason=_RESIDUE[reason_name], role=role,
                confidence=float(confidence), max_words=max_words, max_hits=max_hits,
                absorbable=entry.get("absorbable", False), patterns=patterns,
                requirements=requirements, examples=examples,
                counterexamples=_strings(where, entry, "counterexamples", required=False),
                description=str(entry.get("description", "")), source=str(path))


def _patterns(where: str, entry: dict[str, Any], examples: tuple[str, ...], flags: int
              ) -> tuple[tuple[regex.Pattern[str], ...], tuple[tuple[str, ...], ...]]:
    """A rule's compiled patterns and, for each, the strings a line must hold (or ())."""
    values = entry.get("patterns", [])
    if not isinstance(values, list) or not values:
        raise RuleFileError(f"{where}: patterns must be a non-empty list")
    patterns: list[regex.Pattern[str]] = []
    requirements: list[tuple[str, ...]] = []
    for value in values:
        if isinstance(value, str) and value:
            patterns.append(_compile(where, value, flags))
            requirements.append(())
            continue
        if not (isinstance(value, dict) and set(value) == {"pattern", "requires"}
                and isinstance(value["pattern"], str) and value["pattern"]):
            raise RuleFileError(f"{where}: a pattern is a non-empty string or a table "
                                f"{{ pattern = '...', requires = ['...'] }}, not {value!r}")
        pattern = _compile(where, value["pattern"], flags)
        required = value["requires"]
        if not (isinstance(required, list) and required
                and all(isinstance(text, str) and text and text == text.lower()
                        for text in required)):
            raise RuleFileError(f"{where}: pattern {source_of(pattern)!r}: requires must be a "
                                "non-empty list of non-empty lowercase strings")
        for example in examples:
            if pattern.search(example.strip()) and not any(text in example.lower()
                                                           for text in required):
                raise RuleFileError(f"{where}: pattern {source_of(pattern)!r} matches example "
                                    f"{example!r}, which holds none of requires {required}")
        patterns.append(pattern)
        requirements.append(tuple(required))
    return tuple(patterns), tuple(requirements)


def _strings(where: str, entry: dict[str, Any], key: str, required: bool = True) -> tuple[str, ...]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise RuleFileError(f"{where}: {key} must be a list of non-empty strings")
    if required and not values:
        raise RuleFileError(f"{where}: {key} must not be empty")
    return tuple(values)


#: Prefixed to a case-insensitive pattern: fold case one character to one ("é" matches "É",
#: "ß" does not match "SS"). Version 1 of the regex module, which rule syntax follows, folds
#: fully by default, and that made a case-insensitive search 5 to 7 times slower (3.8 µs
#: against 0.6 on a typical line). No rule relies on a one-to-many folding: every decision on
#: every text of wcxb's and readability's pages was the same either way.
SIMPLE_CASE = "(?-f)"


def source_of(pattern: regex.Pattern[str]) -> str:
    """The pattern as its rule file writes it (without SIMPLE_CASE)."""
    return pattern.pattern.removeprefix(SIMPLE_CASE)


def _compile(where: str, source: str, flags: int) -> regex.Pattern[str]:
    try:
        pattern, empty_match = _compiled(source, flags)
    except regex.error as error:
        raise RuleFileError(f"{where}: pattern {source!r} does not compile: {error}") from error
    if empty_match is not None:
        raise RuleFileError(f"{where}: pattern {source!r} can match empty text "
                            f"(it matched {empty_match!r} with an empty match)")
    return pattern


#: Kept for the process, by source and flags. The regex module keeps its last 500 compiled
#: patterns only, and the shipped rules with the rest of a process's patterns came to more:
#: past that, every Cleaner built compiled all the rules again (0.8 s, against 0.06 s).
@functools.lru_cache(maxsize=None)
def _compiled(source: str, flags: int) -> tuple[regex.Pattern[str], str | None]:
    """The compiled pattern, and the first of _EMPTY_PROBES it matches emptily (or None)."""
    pattern = regex.compile(SIMPLE_CASE + source if flags & regex.IGNORECASE else source, flags)
    for probe in _EMPTY_PROBES:
        match = pattern.search(probe)
        if match is not None and match.end() == match.start():
            return pattern, probe
    return pattern, None


def patterns_without_example(rule: Rule) -> list[str]:
    """The patterns of `rule` that none of its examples matches (each should have one)."""
    return [source_of(p) for p in rule.patterns
            if not any(p.search(example.strip()) for example in rule.examples)]


def rules_by_id(rules: Sequence[Rule]) -> dict[str, Rule]:
    return {rule.id: rule for rule in rules}
