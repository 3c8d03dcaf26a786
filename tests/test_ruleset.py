"""Rule files are validated at load, and errors name the file, the rule and the item."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, Config, RuleFileError
from cleaner.ruleset import load_rules, shipped_rule_files

GOOD = '''
family = "promo"
[[rules]]
id = "promo.test-rule"
patterns = ['^buy now$']
examples = ["Buy now"]
counterexamples = ["Buy now or never, he said."]
'''


def write(tmp_path: Path, text: str, name: str = "extra.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads_and_extends_the_cleaner(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    (rule,) = load_rules([path])
    assert rule.id == "promo.test-rule" and rule.reason.value == "promo"
    cleaner = Cleaner(Config(extra_rule_files=(path,)))
    decision = cleaner.analyze("Buy now").lines[0]
    assert (decision.keep, decision.rule) == (False, "promo.test-rule")


@pytest.mark.parametrize("change, message", [
    (('reason = "x"', 'reason = "nonsense"'), "unknown reason 'nonsense'"),
    (("patterns = ['^buy now$']", "patterns = ['(buy']"), "does not compile"),
    (("patterns = ['^buy now$']", "patterns = ['x?']"), "can match empty text"),
    (("patterns = ['^buy now$']", "patterns = ['^$|buy']"), "can match empty text"),
    (('examples = ["Buy now"]', 'examples = ["Buy now"]\ncolour = "red"'), "unknown key(s) ['colour']"),
    (('examples = ["Buy now"]', 'examples = []'), "examples must not be empty"),
    (('id = "promo.test-rule"', 'id = "Bad Id"'), "id must look like"),
    (('examples = ["Buy now"]', 'examples = ["Buy now"]\nconfidence = 1.5'), "confidence must be"),
    (('examples = ["Buy now"]', 'examples = ["Buy now"]\nrole = "sideways"'), "role must be one of"),
])
def test_bad_rule_is_refused_with_file_rule_and_item(tmp_path: Path, change, message) -> None:
    old, new = change
    text = GOOD.replace(old, new) if old in GOOD else GOOD.replace(
        'examples = ["Buy now"]', f'examples = ["Buy now"]\n{new}')
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as error:
        load_rules([path])
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    first, second = write(tmp_path, GOOD, "a.toml"), write(tmp_path, GOOD, "b.toml")
    with pytest.raises(RuleFileError, match="id already used in"):
        load_rules([first, second])


def test_unknown_family_and_broken_toml(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="family must be one of"):
        load_rules([write(tmp_path, GOOD.replace('"promo"', '"spam"', 1))])
    with pytest.raises(RuleFileError, match="not valid TOML"):
        load_rules([write(tmp_path, "family = ")])
    with pytest.raises(RuleFileError, match="cannot read rule file"):
        load_rules([tmp_path / "missing.toml"])


def test_a_bad_extra_file_fails_at_construction_not_at_use(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("['^buy now$']", "['(']"))
    with pytest.raises(RuleFileError):
        Cleaner(Config(extra_rule_files=(path,)))


def test_a_pattern_table_names_what_it_requires(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('''family = "nav"
[[rules]]
id = "nav.crumbs"
patterns = [{ pattern = \'\'\'^\\w+ > \\w+ > \\w+$\'\'\', requires = [">"] }, 'x y z w']
examples = ["Home > News > Sport", "x y z w"]
''', encoding="utf-8")
    rule = load_rules([good])[0]
    assert rule.requirements == ((">",), ())


@pytest.mark.parametrize(("entry", "message"), [
    ('{ pattern = "a > b", requires = [] }', "non-empty list of non-empty lowercase"),
    ('{ pattern = "a > b", requires = ["A"] }', "non-empty list of non-empty lowercase"),
    ('{ pattern = "a > b" }', "a pattern is a non-empty string or a table"),
    ('{ pattern = "a > b", requires = ["|"] }', "holds none of requires"),
    ('{ pattern = "a > (b", requires = [">"] }', "does not compile"),
])
def test_a_bad_pattern_table_names_the_rule(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'''family = "nav"
[[rules]]
id = "nav.crumbs"
patterns = [{entry}]
examples = ["a > b"]
''', encoding="utf-8")
    with pytest.raises(RuleFileError, match=message) as raised:
        load_rules([path])
    assert "nav.crumbs" in str(raised.value) and str(path) in str(raised.value)


@pytest.mark.parametrize("value", [0, -1, "3", True])
def test_max_hits_must_be_a_positive_integer(tmp_path: Path, value) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'''family = "meta"
[[rules]]
id = "meta.stamp"
patterns = ['^stamp$']
examples = ["stamp"]
max_hits = {value!r}
'''.replace("'3'", '"3"').replace("True", "true"), encoding="utf-8")
    with pytest.raises(RuleFileError, match="max_hits must be a positive integer"):
        load_rules([path])


def test_a_rule_past_its_max_hits_tags_no_line_of_that_text(default_cleaner: Cleaner) -> None:
    """Bare dates are page stamps when few, a table's date column when many."""
    stamp = "The council met on Tuesday to vote on the budget.\nMarch 3, 2024\nIt passed."
    result = default_cleaner.analyze(stamp)
    assert [(d.reason.value, d.rule) for d in result.dropped()] == [("meta", "meta.dateline")]
    table = "\n".join(["Closing prices of the fund, month by month:",
                       *(f"{month} 1, 2024\n{100 + number}.5"
                         for number, month in enumerate(("Jan", "Feb", "Mar", "Apr", "May",
                                                         "Jun", "Jul", "Aug", "Sep")))])
    assert default_cleaner.clean(table) == table + "\n"


def test_rules_loaded_twice_share_their_compiled_patterns() -> None:
    """The regex module keeps only its last 500 compiled patterns, fewer than the shipped rules
    and the rest of a process hold: every Cleaner built used to compile all of them again.
    The rules' own cache keeps them for the process, so a second load compiles nothing."""
    first, second = (load_rules(shipped_rule_files()) for _ in range(2))
    assert sum(len(rule.patterns) for rule in first) > 500
    assert all(a is b for one, two in zip(first, second)
               for a, b in zip(one.patterns, two.patterns))
