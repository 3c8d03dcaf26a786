"""Lines as the rules read them: without the Markdown an extractor may print.

Trafilatura's Markdown output, and the many readers that write Markdown, print a heading as
"### Related Articles", a label as "*Advertisement*" or "**Related:**", and a button as
"[Skip to content](#main)". The rules are written for the plain text, so they read each line
with that markup taken off. Only the rules do: the kept line is returned as it came, and the
model's features see it as it came too.

Images stay as they are ("![alt](url)"), and no rule takes a line of them: an extractor prints
them only when asked to (trafilatura leaves them out by default), and in plain-text output such a
line is most likely an article showing Markdown's syntax (the data's 4 such distinct lines look
like a tutorial's examples). Read as plain text, alternative text would pass for a caption or a
sentence.
"""

from __future__ import annotations

import regex

#: A heading's or a block quote's opening marks.
_OPENING = regex.compile(r"^(?:#{1,6}|>)[ \t]+")
#: A link whose text holds no brackets: [text](url) or [text](url "title"); not an image.
_LINK = regex.compile(r'(?<!!)\[([^\[\]]+)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"]*")?\)')
#: Strong emphasis anywhere; emphasis around the whole line.
_STRONG = regex.compile(r"\*\*|__")
_EMPHASIS = regex.compile(r"^([*_])(?=\S)(.+?)(?<=\S)\1$")


def as_plain(stripped: str) -> str:
    """`stripped` (a stripped line) without Markdown's heading, quote, link and emphasis marks;
    the line itself when it has none."""
    # Most lines hold none of the marks. Five substring tests cost a tenth of a frozenset's
    # isdisjoint over the line's characters (on 32,505 lines of wcxb dev texts: 8 ms, 81 ms).
    if not ("#" in stripped or ">" in stripped or "[" in stripped or "*" in stripped
            or "_" in stripped):
        return stripped
    plain = _OPENING.sub("", stripped, count=1)
    if "](" in plain:
        plain = _LINK.sub(r"\1", plain)
    if "**" in plain or "__" in plain:
        plain = _STRONG.sub("", plain)
    plain = _EMPHASIS.sub(r"\2", plain).strip()
    return plain or stripped
