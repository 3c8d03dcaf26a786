"""What kind of line a line is, by its shape alone: code, table row, question, list item,
short line or sentence.

Golds differ on code and tables: wcxb's annotators leave them out of the article, mozilla's
readability keeps them, and this project counts them as content (a tutorial's code is the
article). Aligning an input with a gold that leaves them out labels them residue. `in_scope`
says which aligned residue lines are residue by this project's definition: the line model's
training labels and the scope oracle of benchmarks/model_eval.py both use it.
"""

from __future__ import annotations

import regex

from cleaner.shape import ends_like_sentence, is_list_item, word_count

KINDS = ("code", "table or figures", "question", "list item", "short (< 8 words)",
         "sentence (8+ words)", "other")
#: Kinds that a gold may leave out for scope rather than as residue.
SCOPE_KINDS = frozenset({"code", "table or figures"})

#: Code: a line ending in a brace or semicolon, opening with a closing brace or a tag ("<div",
#: "</p>", "<!--", not "< back to top"), a keyword before a call or an assignment, an arrow, or
#: a signature's closing parenthesis and colon or brace.
_CODE = regex.compile(r"[{};]\s*$|^\s*(?:}|<[/!?_a-zA-Z])"
                      r"|\b(?:return|func|def|const|var|import)\b.*[(=]|=>|\)\s*[{:]\s*$")
#: One figure: a number with its sign, currency and percent ("+7.4%", "$5,055", "1,204").
_NUMBER = r"[-+$€£]*\d[\d.,]*[%€£]?"
#: A table row or figures: tab-separated cells, three figures in a row ("Paris 2.1 2.3 2.4"),
#: or a line of figures only ("2024", "12.5 %"). Three, as a date ("March 3, 2024") holds two;
#: whole tokens, as a year or "..." once made a line of prose or a "Read more..." link count
#: as figures, and so as content the model never judged.
_FIGURES = regex.compile(rf"\t|(?<!\S){_NUMBER}(?:\s+{_NUMBER}){{2,}}(?!\S)"
                         rf"|^(?=.*\d)[\s\d$€£%.,+-]+$")


def line_kind(line: str) -> str:
    """The first kind in KINDS that the line's shape fits."""
    if _is_code(line):
        return "code"
    stripped = line.strip()
    if _FIGURES.search(stripped):
        return "table or figures"
    if stripped.endswith("?"):
        return "question"
    if is_list_item(stripped):
        return "list item"
    if word_count(stripped) < 8:
        return "short (< 8 words)"
    return "sentence (8+ words)" if ends_like_sentence(stripped) else "other"


def _is_code(line: str) -> bool:
    return bool(_CODE.search(line)) or (line.startswith("    ")
                                        and not line.strip()[:1].isalpha())


def in_scope(line: str) -> bool:
    """Whether an aligned residue line counts as residue here: not code, not a table row
    (line_kind not in SCOPE_KINDS, without finding the other kinds)."""
    return not (_is_code(line) or _FIGURES.search(line.strip()))
