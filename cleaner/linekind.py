"""What kind of line a line is, by its shape alone: code, table row, question, list item,
short line or sentence.

Golds differ on code and tables: wcxb's annotators leave them out of the article, mozilla's
readability keeps them, and this project counts them as content (a tutorial's code is the
article). Aligning an input with a gold that leaves them out labels them residue. `in_scope`
says which aligned residue lines are residue by this project's definition: the line model's
training labels and the scope oracle of benchmarks/model_eval.py both use it.
"""

from __future__ import annotations

import re

from cleaner.shape import ends_like_sentence, is_list_item, word_count

KINDS = ("code", "table or figures", "question", "list item", "short (< 8 words)",
         "sentence (8+ words)", "other")
#: Kinds that a gold may leave out for scope rather than as residue.
SCOPE_KINDS = frozenset({"code", "table or figures"})

# Both tests run on every line the model judges, so each alternative is a cheap string check
# first, and the standard `re` module (several times faster than `regex` on these patterns)
# only where a check lets a line through: the whole patterns cost 10 to 30 µs a line.
#: Code: a line ending in a brace or semicolon, opening with a closing brace or a tag ("<div",
#: "</p>", "<!--", not "< back to top"), an arrow, a signature's closing parenthesis and colon
#: or brace, or a keyword before a call or an assignment.
_KEYWORD_CALL = re.compile(r"\b(?:return|func|def|const|var|import)\b.*[(=]")
_TAG_OPENING = re.compile(r"<[/!?_a-zA-Z]")
#: One figure: a number with its sign, currency and percent ("+7.4%", "$5,055", "1,204").
_NUMBER = r"[-+$€£]*\d[\d.,]*[%€£]?"
#: A table row or figures: tab-separated cells, a row of a Markdown table as trafilatura writes
#: them ("| Plan | Price |", "|---|---|"), three figures in a row ("Paris 2.1 2.3 2.4"), or a
#: line of figures only ("2024", "12.5 %"). Three, as a date ("March 3, 2024") holds two;
#: whole tokens, as a year or "..." once made a line of prose or a "Read more..." link count
#: as figures, and so as content the model never judged.
_FIGURE_RUN = re.compile(rf"(?<!\S){_NUMBER}(?:\s+{_NUMBER}){{2,}}(?!\S)")
_FIGURES_ONLY = re.compile(r"[\s\d$€£%.,+-]+")
_DIGIT = re.compile(r"\d")


def line_kind(line: str) -> str:
    """The first kind in KINDS that the line's shape fits."""
    if _is_code(line):
        return "code"
    stripped = line.strip()
    if _is_table(stripped):
        return "table or figures"
    if stripped.endswith("?"):
        return "question"
    if is_list_item(stripped):
        return "list item"
    if word_count(stripped) < 8:
        return "short (< 8 words)"
    return "sentence (8+ words)" if ends_like_sentence(stripped) else "other"


def _is_code(line: str) -> bool:
    if line.startswith("    ") and not line.strip()[:1].isalpha():  # indented, not prose
        return True
    tail = line.rstrip()
    if tail[-1:] in ("{", "}", ";") or "=>" in line:
        return True
    if tail.endswith(":") and tail[:-1].rstrip().endswith(")"):  # "def f(x):", "if (a):"
        return True
    head = line.lstrip()
    if head[:1] == "}" or (head[:1] == "<" and _TAG_OPENING.match(head)):
        return True
    return ("(" in line or "=" in line) and _KEYWORD_CALL.search(line) is not None


def _is_table(stripped: str) -> bool:
    if "\t" in stripped or (len(stripped) > 1 and stripped[0] == "|" and stripped[-1] == "|"):
        return True
    if _DIGIT.search(stripped) is None:
        return False
    return (_FIGURE_RUN.search(stripped) is not None
            or _FIGURES_ONLY.fullmatch(stripped) is not None)


def in_scope(line: str) -> bool:
    """Whether an aligned residue line counts as residue here: not code, not a table row
    (line_kind not in SCOPE_KINDS, without finding the other kinds)."""
    return not (_is_code(line) or _is_table(line.strip()))
