"""The menu passes of context revision (see cleaner.context): the short lines that open or
close a document are its header or footer menu, and so is a column of single words that opens
it; a lone row of menu links is a menu wherever it stands."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleaner.reasons import Reason
from cleaner.shape import ends_like_sentence, is_sentence, word_count
from cleaner.tagging import LineTags, Tag

#: Weak tags count in a menu from this score up (the lone-word rules sit at 0.55).
WEAK_TAG_FLOOR = 0.5
#: Edge menus: the run of short (at most MENU_LINE_MAX_WORDS words, no sentence) or tagged
#: lines that starts the document is a header menu when it holds HEAD_MENU_MIN_SHORT short
#: lines and a tag; the one that ends it is a footer menu from TAIL_MENU_MIN_SHORT. Calibrated
#: on wcxb and readability dev pages (three extractors' texts) and the corpus dev split: with
#: 3 short lines at the head too, a site name, a title, an author and a date made a "menu" and
#: titles went; 6, keeping the last HEAD_TITLE_LINES untagged short lines (the title and an
#: author's name), lost no title seen and kept nearly all the gain (wcxb full pages: shingle F1
#: 0.825 -> 0.834, recall unchanged to three decimals). A recipe's ingredients or a list of
#: steps is not an edge: prose below or above ends the run.
MENU_LINE_MAX_WORDS = 4
HEAD_MENU_MIN_SHORT = 6
HEAD_TITLE_LINES = 2
TAIL_MENU_MIN_SHORT = 3
MENU_SCORE = 0.7
#: A document that opens with at least this many lines of one or two capitalised words each
#: ("Ricette", "Ristoranti", "Vini", "Viaggi") opens with a menu, tagged or not. On the wcxb and
#: readability dev pages (four inputs) and the dev corpus no article line stood in such a run,
#: and 59 residue lines of them stayed (the eighth probe's dev cases: menus in languages whose
#: menu words no rule knows); dropping them dropped 116 more residue lines there, no article
#: line, and on the blind halves 21 more residue lines and no article line.
HEAD_WORD_COLUMN_MIN = 4
#: A menu's entry: one or two words, the first capitalised, letters only ("Premier League",
#: "Food & Drink").
_MENU_WORD = regex.compile(
    r"\p{Lu}[\p{L}'’&-]*(?: (?:&|and|und|et|y|e|i|og|och|en)? ?[\p{L}'’&-]+)?")

#: A settings key and what follows it ("cache.path: use cache.dir", "log_level = debug"): a
#: manual's content, which no menu holds, so it ends an edge run (a docs page's closing list of
#: deprecated options went with its footer).
_SETTING = regex.compile(r"[a-z][a-z0-9_-]*([._][a-z0-9_-]+)+\s*[:=]\s*\S")


#: A menu link: one to three words, the first capitalised, letters only.
_ENTRY = r"\p{Lu}[\p{L}'’&-]*(?: [\p{L}'’&-]+){0,2}"
#: A row of menu links on one line ("About · Contact · Write for us", "Hotel | Camere | Spa"):
#: two or more entries between " | ", " · " or " • ". At an edge it is as short as a single menu
#: word. On the dev corpus it let the footer runs take 7 more residue lines, on the wcxb and
#: readability dev pages 1, and no article line; a table's rows hold digits, so they still end a
#: run.
_LINK_ROW = regex.compile(rf"{_ENTRY}(?: [|·•] {_ENTRY})+")


#: A lone row of menu links anywhere in the document: at least LINK_ROW_MIN_ENTRIES entries of
#: _LINK_ROW's kind between one separator, " | " or " · " (" • " also parts a review's pros:
#: "Open design • Great controls • Good sound quality"). With three entries, on the wcxb and
#: readability dev pages (four inputs) and the dev corpus, it tags 26 residue lines that stayed
#: ("About EO | Mission Statement | Impact & Reach | Write for us", "Newest | Oldest | Top
#: Comments") and no article line; with two, 96 article lines ("Bib Gourmand | Crown Heights",
#: "Buy on Amazon | Buy on Adorama"). A neighbour that holds a separator makes it a table's row.
#: A menu sits among the page's chrome: a row counts only with a tag within this many non-blank
#: lines (itself included). On the blind halves a row of four names in an article's body went
#: without it (counts only, the case not opened); on the dev pages and the dev corpus it gives
#: back 4 of the 26 residue lines and no article line.
LINK_ROW_MIN_ENTRIES = 3
LINK_ROW_TAG_REACH = 3
_LONE_LINK_ROWS = tuple(
    regex.compile(rf"{_ENTRY}(?: {regex.escape(sep)} {_ENTRY}){{{LINK_ROW_MIN_ENTRIES - 1},}}")
    for sep in "|·")
_ANY_SEPARATOR = regex.compile(r"\s[|·•]\s|\t")


def link_rows(lines: Sequence[str], nonblank: list[int],
              tags: Sequence[LineTags]) -> dict[int, Tag]:
    """Lone rows of menu links (_LONE_LINK_ROWS) whose non-blank neighbours hold no separator,
    with a tag (weak ones count) within LINK_ROW_TAG_REACH non-blank lines."""
    found: dict[int, Tag] = {}
    for position, index in enumerate(nonblank):
        stripped = lines[index].strip()
        if not ("|" in stripped or "·" in stripped) or not any(
                row.fullmatch(stripped) for row in _LONE_LINK_ROWS):
            continue
        neighbours = nonblank[max(position - 1, 0):position] + nonblank[position + 1:position + 2]
        around = nonblank[max(position - LINK_ROW_TAG_REACH, 0):position + LINK_ROW_TAG_REACH + 1]
        if (not any(_ANY_SEPARATOR.search(lines[other]) for other in neighbours)
                and any(weakly_tagged(tags[other].best()) for other in around)):
            found[index] = Tag(Reason.NAV, "context.link-row", MENU_SCORE)
    return found


#: The heading of a press release's own contact block, which the corpus guidelines keep as the
#: release's content ("Media contact:", "Pressekontakt"): see _contact_block.
_MEDIA_CONTACT = regex.compile(
    r"(?:(media|press|news) (contacts?|enquiries|inquiries)( information)?|(for )?(media|press) "
    r"(contact|enquiries|inquiries)|pressekontakt|medienkontakt|kontakt für (medien|die presse)"
    r"|contacts? (presse|médias)|contacto (de prensa|para medios|con los medios)|contatti? stampa"
    r"|perscontact|contato (de imprensa|para a imprensa)|presskontakt|kontakt dla mediów"
    r"|basın (iletişim|irtibat))\s*:?",
    regex.IGNORECASE)
#: How far above the point where a document's tail run stops a press contact block's heading
#: may stand: a name and a role or two lines run longer than a menu's entries.
CONTACT_BLOCK_REACH = 3
#: A line that is only an e-mail address or a phone number.
_CONTACT_LINE = regex.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|\+?\d[\d ()./-]{6,}\d")


def edge_menus(lines: Sequence[str], nonblank: list[int],
               tags: Sequence[LineTags]) -> dict[int, Tag]:
    """The short lines of the document's head and tail where those are menus.

    An edge is the longest run of lines at the start (or the end) that are each short (no
    sentence) or tagged; it is a menu when it holds enough short lines and a tag (see
    HEAD_MENU_MIN_SHORT). Its short lines go, but at the head the last HEAD_TITLE_LINES
    untagged ones stay: the article's title and its author's name stand there. A column of
    single words that opens the document (_leading_word_column) goes, with or without a tag.
    At the tail, a press release's own contact block ends the run and stays (_contact_block):
    on the dev corpus 5 lines of two releases kept, and no line of the wcxb and readability
    dev pages (four inputs) changed.
    """
    found: dict[int, Tag] = {}
    for order, min_short, title_lines in ((nonblank, HEAD_MENU_MIN_SHORT, HEAD_TITLE_LINES),
                                          (nonblank[::-1], TAIL_MENU_MIN_SHORT, 0)):
        short: list[tuple[int, Tag | None]] = []  # the edge's short lines and their best tags
        tagged = False
        for position, index in enumerate(order):
            best = tags[index].best()
            stripped = lines[index].strip()
            is_short = (word_count(lines[index]) <= MENU_LINE_MAX_WORDS
                        and not ends_like_sentence(lines[index])
                        and _SETTING.match(stripped) is None
                        or _LINK_ROW.fullmatch(stripped) is not None)
            ends = not (is_short or weakly_tagged(best))
            if not title_lines and (ends or _MEDIA_CONTACT.fullmatch(stripped)):
                block = _contact_block(lines, order, position, short)
                if block:
                    # A release's own contact block: the untagged lines under its heading stay.
                    del short[len(short) - block:]
                    break
            if ends:
                break
            tagged = tagged or weakly_tagged(best)
            if is_short:
                short.append((index, best))
        if title_lines:
            for index in _leading_word_column(lines, nonblank):
                found[index] = Tag(Reason.NAV, "context.edge-menu", MENU_SCORE)
        if len(short) < min_short or not tagged:
            continue
        if title_lines:
            untagged = [line for line in short if line[1] is None]
            for line in untagged[-title_lines:]:
                short.remove(line)
        for index, best in short:
            found[index] = Tag(best.reason if best is not None else Reason.NAV,
                               "context.edge-menu", MENU_SCORE)
    return found


def _contact_block(lines: Sequence[str], order: Sequence[int], position: int,
                   short: list[tuple[int, Tag | None]]) -> int:
    """How many of the tail run's last short lines (`short`, gathered from the document's end
    up along `order`) are a press release's own contact block, which stays: the untagged ones
    gathered last, when they hold an e-mail address or a phone number (_CONTACT_LINE) and a
    contact block's heading (_MEDIA_CONTACT) stands at `position` or at most
    CONTACT_BLOCK_REACH lines above it. 0 when they are not one ("Media Inquiries" in a
    footer's menu has no contact lines under it)."""
    count = 0
    while count < len(short) and short[len(short) - 1 - count][1] is None:
        count += 1
    block = short[len(short) - count:]
    if not any(_CONTACT_LINE.fullmatch(lines[index].strip()) for index, _ in block):
        return 0
    heading = any(_MEDIA_CONTACT.fullmatch(lines[index].strip()) is not None
                  for index in order[position:position + 1 + CONTACT_BLOCK_REACH])
    return count if heading else 0


def _leading_word_column(lines: Sequence[str], nonblank: list[int]) -> list[int]:
    """The document's opening lines of one or two capitalised words (HEAD_WORD_COLUMN_MIN or
    more), less the last when a sentence of prose follows it (the title) or when it has two
    words (an author's name may close the column; on the dev pages sparing it kept 5 menu
    lines, and no article line)."""
    column: list[int] = []
    for index in nonblank:
        line = lines[index].strip()
        if word_count(line) > 2 or _MENU_WORD.fullmatch(line) is None:
            break
        column.append(index)
    if len(column) < HEAD_WORD_COLUMN_MIN:
        return []
    after = len(column)
    if (after < len(nonblank) and is_sentence(lines[nonblank[after]])
            or word_count(lines[column[-1]]) == 2):
        column.pop()
    return column if len(column) >= HEAD_WORD_COLUMN_MIN else []


def weakly_tagged(tag: Tag | None) -> bool:
    """Whether a line's best tag counts in a menu: from WEAK_TAG_FLOOR up."""
    return tag is not None and tag.score >= WEAK_TAG_FLOOR
