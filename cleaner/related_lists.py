"""The related-block pass of context revision (see cleaner.context): a confident header
("Related News", "Go deeper", "Lees ook") takes the list of teasers under it (list mode), or
everything to the document's end when residue markers keep recurring there (tail mode). Where a
list ends is most of the work: the article's next subheading, fact box, table or wiki section
must not be taken as one more teaser."""

from __future__ import annotations

from collections.abc import Sequence, Set as AbstractSet

import regex

from cleaner.reasons import Reason
from cleaner.ruleset import Role
from cleaner.shape import (HEADLINE_MAX_WORDS, PROSE_MIN_WORDS, ends_like_sentence,
                           is_list_item, is_sentence, is_separator, word_count)
from cleaner.tagging import LineTags, Tag

#: The score of a related block's context tag. Below the "high" preset (0.85) on purpose, as
#: every context tag (see cleaner.context).
RELATED_BLOCK_SCORE = 0.8
#: Tail mode: markers (confident tags) at most this many non-blank lines apart chain a block
#: to the document's end. A teaser story is a headline, a caption, a summary and a "why it
#: matters" line between two markers; four lines cover it without reaching across real prose.
CHAIN_GAP = 4
#: Tail mode needs at least this many markers after the header: one recurrence could be chance.
TAIL_MIN_MARKERS = 2
#: An untagged sentence of this many words in tail mode is either a teaser's summary, which the
#: next teaser's marker follows, or the article resuming after a related box set into it (the
#: corpus has a paragraph of 30 words after a "Mehr zum Thema" box, then a newsletter promo,
#: that tail mode used to take). Shorter lines are headlines, captions and "Why it matters".
TAIL_PROSE_MIN_WORDS = 20
#: List mode stops after this many entries; related lists run 3 to 8 in the pages we read.
LIST_MAX_ITEMS = 15
#: A data row ends a related list only when a sentence of prose (shape.PROSE_MIN_WORDS words or
#: more) comes within this many lines after it: a fact box of a few rows, then the article's
#: next paragraph.
ROW_PROSE_REACH = 8


def related_blocks(lines: Sequence[str], nonblank: list[int], tags: Sequence[LineTags],
                   confident: Sequence[Tag | None], threshold: float,
                   breaks: AbstractSet[int] = frozenset()) -> dict[int, Tag]:
    found: dict[int, Tag] = {}
    position = 0
    while position < len(nonblank):
        line_tags = tags[nonblank[position]]
        header = line_tags.with_role(Role.BLOCK_START) if line_tags.tags else None
        if header is None or header.score < threshold:
            position += 1
            continue
        members = (_tail_members(lines, nonblank, position, confident, header.reason)
                   or _list_members(lines, nonblank, position, confident, breaks))
        tag = Tag(header.reason, "context.related-block", RELATED_BLOCK_SCORE)
        for index in members:
            found[index] = tag
        _name_comment_sections(members, tags, confident, found)
        position = nonblank.index(members[-1]) + 1 if members else position + 1
    return found


def _tail_members(lines: Sequence[str], nonblank: list[int], start: int,
                  confident: Sequence[Tag | None], reason: Reason) -> list[int]:
    """Every line after the header, when markers chain from it to the last line. An untagged
    sentence of prose in the chain must be a teaser's summary: a marker of the header's own
    reason (the next "Go deeper") follows it before any other marker does."""
    last_marker, markers, prose_pending = start, 0, False
    for position in range(start + 1, len(nonblank)):
        if position - last_marker > CHAIN_GAP:
            return []
        index = nonblank[position]
        marker = confident[index]
        if marker is not None:
            if prose_pending and marker.reason is not reason:
                return []
            last_marker, markers, prose_pending = position, markers + 1, False
        elif _is_prose(lines[index]):
            prose_pending = True
    if prose_pending or markers < TAIL_MIN_MARKERS or last_marker != len(nonblank) - 1:
        return []
    return list(range(nonblank[start] + 1, nonblank[-1] + 1))


def _name_comment_sections(members: list[int], tags: Sequence[LineTags],
                           confident: Sequence[Tag | None], found: dict[int, Tag]) -> None:
    """Give a block's lines from a confident comment tag ("6 Kommentare", "Leave a reply") to
    the next block header the reason `comment`: a reader's comment after a related list goes
    with the block, but it is a comment, not a teaser."""
    section: Tag | None = None
    for index in members:
        marker = confident[index]
        if marker is not None and marker.reason is Reason.COMMENT:
            section = Tag(Reason.COMMENT, "context.related-block", RELATED_BLOCK_SCORE)
        elif tags[index].with_role(Role.BLOCK_START) is not None and marker is not None:
            section = None
        elif section is not None:
            found[index] = section


def _is_prose(line: str) -> bool:
    return is_sentence(line, TAIL_PROSE_MIN_WORDS)


def _list_members(lines: Sequence[str], nonblank: list[int], start: int,
                  confident: Sequence[Tag | None],
                  breaks: AbstractSet[int] = frozenset()) -> list[int]:
    """The list entries after the header: list items, separators, teaser headlines.

    Entries keep the style of the first one: after bulleted entries, an unbulleted line is
    the article's next subheading, not another entry; after headlines, a short "label: value"
    row (_DATA_ROW) or a table's row (TABLE_ROW_MIN_SEPARATORS) is the article's fact box or
    table, and a speaker's name and time (_SPEAKER_ROW) is the transcript resuming, not another
    teaser, when a sentence of prose follows within ROW_PROSE_REACH lines (the article resumes;
    at a page's foot, such rows are the site's contact lines under the list). A single unmarked
    headline followed by prose may be a subheading too, so it only counts when it closes the
    document. Table rows: on the dev corpus 9 rows of two tables under a related box are kept
    (and a subheading after one); no line of the wcxb and readability dev pages changes.

    A blank line (a line in `breaks`) after one or more entries that no blank line parted,
    with a sentence of prose right after the headline below it, ends the list there: the
    related box has closed and the headline is the article's next subheading. On the dev
    corpus this kept 7 subheadings in seven languages that the list took ("What happens
    next", "Dónde dormir"); on the wcxb and readability dev pages it kept 1 teaser, and no
    other line changed. A box of one entry closes the same way, and its entry goes with it
    though a lone headline otherwise stays (below): on the dev corpus this kept 2 more
    subheadings ("Questions over pilotage", "Verkeersregelaars"), and no line of the dev pages
    changed once a card's title repeating its entry's words ("Ana Ruiz Profile Image", then
    "Ana Ruiz") no longer closed the box. Without a blank line right before it, a short
    subheading in sentence case ends the list too (_subheading_after_teasers); where blank
    lines part the entries as well, they say nothing about where the box ends, and the list
    goes on as before. A list that went on past such a blank line gives back the one or two
    headings it took there when the article resumes under them (_headings_after_box).
    """
    items: list[int] = []
    bulleted: bool | None = None
    rows: bool | None = None
    closed = asked = False
    reopened: int | None = None  # entries before the blank line that closed the box
    for position in range(start + 1, min(len(nonblank), start + 1 + LIST_MAX_ITEMS)):
        line = lines[nonblank[position]]
        box_closes = _box_closed(nonblank, start, position, breaks)
        if box_closes and reopened is None:
            reopened = len(items)
        if confident[nonblank[position]] is None and not is_separator(line):
            marked = is_list_item(line)
            row = _is_row(line.strip())
            if bulleted is None:
                bulleted, rows = marked, row
            closed = (box_closes and _prose_follows(lines, nonblank, position, reach=1)
                      and not _repeats_an_entry(lines, line, items))
            if (marked != bulleted or (row and not rows and _prose_follows(lines, nonblank,
                                                                            position))
                    or not (marked or _is_teaser_headline(line)) or closed
                    or _WIKI_HEADING.search(line) is not None
                    or _continues_numbering(lines, nonblank, start, line)
                    or _subheading_after_teasers(lines, nonblank, position, items, confident)
                    and nonblank[position] not in breaks):
                if reopened is not None and not closed:
                    returned = _headings_after_box(lines, nonblank, position, items, reopened,
                                                   confident)
                    items = [item for item in items if item not in returned]
                    closed = bool(returned)
                # A question subheading right under a box of one teaser closes the box as a
                # blank line would ("Related" / one teaser / "Should you buy it?" / prose).
                asked = (len(items) == 1 and nonblank[position] not in breaks
                         and _subheading_after_teasers(lines, nonblank, position, items,
                                                       confident))
                break
        items.append(nonblank[position])
    reaches_end = bool(items) and items[-1] == nonblank[-1]
    if (len(items) == 1 and not is_list_item(lines[items[0]]) and not reaches_end
            and not closed and not asked):
        return []
    return items


def _headings_after_box(lines: Sequence[str], nonblank: list[int], position: int,
                        items: list[int], reopened: int, confident: Sequence[Tag | None]
                        ) -> list[int]:
    """The entries that a list, ending at `position` though a blank line closed its box after
    its first `reopened` entries, must give back when prose follows (the line at `position` or
    within ROW_PROSE_REACH lines after it): the untagged entries after that blank line, when
    they are

    - the article's next section: a short heading without a digit ("Eröffnungswochenende",
      "Godziny otwarcia i jazdy wieczorne", "よくあるご質問") and the timetable, opening hours or
      questions under it, however many; or
    - one heading ("Die Termine"), or two when the second asks a question ("Вопросы и ответы",
      "Заработает ли 5G на моём телефоне?").

    A heading has a capital first (or no case) and no sentence ending inside it
    (_heading_like), and does not repeat an earlier entry: a name under a card's image is the
    card's title (_repeats_an_entry). On the dev corpus's related boxes that run on over a blank
    line into the article, the first kind kept 28 article lines of five study cases (German,
    Italian, Japanese, Polish, Romanian) and the second 5 in four languages; on the wcxb and
    readability dev pages the first gave back 1 residue line, a pricing card's price under its
    plan's name ("Pro", then "$249")."""
    untagged = [item for item in items[reopened:] if confident[item] is None]
    if not untagged:
        return []
    first = lines[untagged[0]]
    if (word_count(first) <= SUBHEADING_MAX_WORDS and not any(char.isdigit() for char in first)
            and len(untagged) > 1):
        headings = untagged[:1]
    elif len(untagged) <= (REOPENED_MAX_HEADINGS if lines[untagged[-1]].rstrip().endswith("?")
                           else 1):
        headings = untagged
    else:
        return []
    for item in headings:
        if not _heading_like(lines[item]) or _repeats_an_entry(
                lines, lines[item], [other for other in items if other != item]):
            return []
    line = lines[nonblank[position]]
    if is_sentence(line, PROSE_MIN_WORDS) or _prose_follows(lines, nonblank, position):
        return untagged
    return []


#: How many headings _headings_after_box gives back when the first is no short section heading:
#: one, or a subheading and the question under it. Two lines that are not a question and its
#: subheading were, on the blind halves of the third and fourth probes, one more list after the
#: first (4 residue lines given back; count-only, those halves were not opened). With the short
#: section heading and everything under it, those halves give back 2 residue lines of the third
#: and keep 5 article lines of the ninth (counts only).
REOPENED_MAX_HEADINGS = 2


#: A wiki's section heading, which ends in its edit link ("Design[edit]", "Geschichte[Bearbeiten |
#: Quelltext bearbeiten]"): the article's next section, never a teaser. On the dev corpus it ends
#: the list under a wiki page's related box (1 subheading kept); no other line of the dev pages or
#: the dev corpus changes.
_WIKI_HEADING = regex.compile(
    r"\[\s*(edit|edit source|modifier|bearbeiten|editar|modifica|muokkaa|edytuj|redigera|rediger"
    r"|bewerken|upravit|szerkesztés|править|редагувати)\b[^\[\]]{0,40}\]\s*$", regex.IGNORECASE)


#: A short "label: value" row of a fact box or a spec table ("Cores: 128", "Release: Q3 2026",
#: "출시: 2026년 3분기"): a label of one or two words, a value of at most three with a digit.
#: Teaser headlines with a colon have longer labels or values, or no number after the colon
#: ("Well-Being Matters: Trey Harper"): without the digit, 122 lines of related lists on the
#: wcxb dev pages read as rows and stayed. With it and without ROW_PROSE_REACH, 17 footer lines
#: (Phone: ..., Office: ...) under a page's last related list stayed.
_DATA_ROW = regex.compile(
    r"[^\s:：]+(\s[^\s:：]+)?\s*[:：]\s*"  # the label and its colon
    # a digit in the value's first, second or third word
    r"(?=[^\s:：]*\d|[^\s:：]+\s[^\s:：]*\d|[^\s:：]+\s[^\s:：]+\s[^\s:：]*\d)"
    r"[^\s:：]+(\s[^\s:：]+){0,2}")


#: A transcript's speaker line: a name of one to three words and the time it was said
#: ("Rosa Penhallow  00:27:09"), a row of the transcript as much as "Cores: 128" is of a fact box.
_SPEAKER_ROW = regex.compile(
    r"(?-i:\p{Lu})[\p{L}.'’-]+( [\p{L}.'’-]+){0,2}\s+\[?\d{1,2}:\d{2}(:\d{2})?\]?")


#: A table's row, as extractors print one: at least this many " | " between its cells
#: ("Phase 1 | 7 octobre – 20 décembre 2024 | Rue des Tanneurs"). Teaser headlines hold one at
#: most (a section's name, then the headline).
TABLE_ROW_MIN_SEPARATORS = 2


#: The most words an article's subheading right after a related box has ("Prijzen per
#: woningtype", "Pay rates at a glance"); teasers run longer (see _subheading_after_teasers).
SUBHEADING_MAX_WORDS = 5
#: A subheading that asks a question or quotes someone may run longer ("¿Por qué sube tanto el
#: Ensanche?", "“Não é o momento de pânico”": 1 more dev-corpus subheading kept, no other line of
#: the dev pages or the dev corpus changed), still with fewer words than every entry; and a
#: lead-in ending in a colon of at least LEAD_IN_MIN_WORDS words ("De club bedankt:" and who it
#: thanks) shows the article resuming under it, as does a table's row between middle dots
#: ("System · 4.8 · 5.0"). Calibrated on the dev corpus's related boxes that run into a question
#: (3 kept with the length, 1 more with the lead-in, 1 with the dotted row); no line of the wcxb
#: and readability dev pages changes. A lead-in after a subheading that is not a question took
#: a market-report page's related headers and their lists (15 residue lines of one wcxb dev
#: page), and a dotted row after any entry is a forum's or job board's teaser meta ("user ·
#: Replies 12 · date"). A subheading with a lead-in of prose length under it may run as long as
#: a question ("Nuevo horario desde el 1 de junio", then "Hemos escuchado ... así:"): 1 dev-corpus
#: subheading kept, no other line of the dev pages or the dev corpus changed.
QUESTION_SUBHEADING_MAX_WORDS = 8
LEAD_IN_MIN_WORDS = 4
_OPENING_MARKS = "¿¡\"'“„«"
#: Marks that close a quoted subheading ("“Not a time to panic”", a news page's pull quote set
#: as the section's heading).
_CLOSING_MARKS = "\"'”“»"


def _subheading_after_teasers(lines: Sequence[str], nonblank: list[int], position: int,
                              items: list[int], confident: Sequence[Tag | None]) -> bool:
    """The line at `position` is the article's next subheading, though no blank line closed
    the related box above it: after two or more entries, a short line in sentence case (a
    capital first, a later word in lower case, no closing punctuation but a question mark)
    with fewer words than every entry, and right after it the article's table row or a line of
    prose length that no rule tags, or after a question, a lead-in that ends in a colon or a
    row between middle dots.

    The kind the blind probes showed most ("Förebyggande medel", "Motor ve performans"). On the
    dev corpus it keeps 8 such subheadings (and a paragraph the list had taken after one) and
    no residue; on the wcxb and readability dev pages 1 subheading and 1 residue line (a call
    to action above a footer's blurb). Without the sentence case and the untagged line after
    it, popping a short last entry kept 25 residue lines (page numbers, names, "by") for 3
    article lines there (benchmarks/HISTORY.md). A question closes a box of one entry too
    ("Should you buy it?" under a review's one related teaser: 1 dev-corpus subheading kept, no
    other line of the dev pages or the dev corpus changed), and quotation marks around a
    subheading ("“Not a time to panic”") are not words. A subheading of one word (a capital
    first, letters only: "Câmbio", "Bokbierweekend") has no later word to show its case, so it
    needs a sentence of prose right after it: on the dev corpus 2 subheadings kept, on the wcxb
    and readability dev pages 1 residue line (a full page's "Image" above a teaser's summary);
    a lead-in ending in a colon does as well ("Thanks", then "Thanks to our ride leaders for the
    day:"). A heading whose words are all capitalised ("Der Ablauf") counts when a row comes
    right after it (a timetable's "08.00 Uhr  Start mit der Morningshow") and prose within
    ROW_PROSE_REACH lines, as a row ends a list (_list_members). These two kept 10 dev-corpus
    lines of two cases, and no other line of the dev pages or the dev corpus changed.
    """
    line = lines[nonblank[position]].strip()
    words = line.lstrip(_OPENING_MARKS).split()
    unclosed = line.rstrip(_CLOSING_MARKS)
    size = word_count(unclosed.lstrip(_OPENING_MARKS))
    question = unclosed.endswith("?")
    quoted = line[:1] in _OPENING_MARKS and unclosed != line
    if (len(items) < (1 if question else 2) or not words
            or position + 1 >= len(nonblank) or confident[nonblank[position + 1]] is not None):
        return False
    following = lines[nonblank[position + 1]].strip()
    following_words = word_count(following)
    lead_in = following.endswith(":") and following_words >= LEAD_IN_MIN_WORDS
    long_lead_in = lead_in and following_words >= PROSE_MIN_WORDS
    if size > (QUESTION_SUBHEADING_MAX_WORDS if question or quoted or long_lead_in
               else SUBHEADING_MAX_WORDS):
        return False
    if any(word_count(lines[item]) <= size for item in items):
        return False
    if len(words) == 1:
        return (words[0][0].isupper() and unclosed.isalpha()
                and (is_sentence(following, PROSE_MIN_WORDS) or lead_in))
    row_follows = _is_row(following)
    # A heading whose words are all capitalised (German nouns: "Der Ablauf") shows no case,
    # so it needs rows and then the article's prose under it instead.
    if not (words[0][0].isupper() and (unclosed[-1:].isalnum() or question)
            and (any(word[0].islower() for word in words[1:])
                 or row_follows and _prose_follows(lines, nonblank, position))):
        return False
    if question and (lead_in or following.count(" · ") >= TABLE_ROW_MIN_SEPARATORS):
        return True
    return row_follows or following_words >= PROSE_MIN_WORDS


#: A numbered section heading: a label word and its number ("Trend 5:", "Step 3 -", "Tip 4.").
_NUMBERED_HEADING = regex.compile(r"(\p{L}+)\s+(\d{1,2})\s*[:.\-–—]\s")


def _continues_numbering(lines: Sequence[str], nonblank: list[int], start: int,
                         line: str) -> bool:
    """`line` is the article's next numbered section ("Trend 5: Exercises for mental health")
    after one above the related header ("Trend 4: Holistic wellness"): a box set between two
    sections does not number its teasers as the article numbers them. Too long for a
    subheading by _subheading_after_teasers' measure, a full page's section heading right
    under the box's last teaser went with it; on the wcxb and readability dev pages this
    keeps 1 such heading, and no other line changes."""
    found = _NUMBERED_HEADING.match(line.strip())
    if found is None or int(found[2]) < 2:
        return False
    previous = regex.compile(rf"{regex.escape(found[1])}\s+{int(found[2]) - 1}\s*[:.\-–—]\s",
                             regex.IGNORECASE)
    return any(previous.match(lines[index].strip()) is not None for index in nonblank[:start])


def _repeats_an_entry(lines: Sequence[str], line: str, entries: Sequence[int]) -> bool:
    """`line` stands inside one of the `entries`: a card's title under its image's alt text
    ("Ana Ruiz Profile Image", then "Ana Ruiz") is the same entry, not the article resuming."""
    stripped = line.strip()
    return any(stripped in lines[entry] for entry in entries)


def _heading_like(line: str) -> bool:
    """A letter first that is no lower-case one (a capital, or a script without case) and no
    sentence ending before the line's end: "Die Termine", "Заработает ли 5G на моём телефоне?",
    "よくあるご質問"; not "$249" or "Get jobs like this by email. Create a job alert"."""
    stripped = line.strip().lstrip(_OPENING_MARKS)
    return (stripped[:1].isalpha() and not stripped[:1].islower()
            and _SENTENCE_INSIDE.search(stripped) is None)


_SENTENCE_INSIDE = regex.compile(r"[.!?]\s+\S")


#: A timetable's row: a time, then what happens ("08.00 Uhr  Start mit der Morningshow",
#: "19:30  Doors open"). A related list whose first entry is one stays a list of such rows.
_SCHEDULE_ROW = regex.compile(r"\d{1,2}[.:]\d{2}(\s?(Uhr|h|am|pm|a\.m\.|p\.m\.))?\s+\p{L}.*")


#: A list's row naming a person and their role in lower case ("Eva Lindqvist, rådman", "Dana
#: Reyes, deputy mayor"): a court's bench, a team, a panel. Teasers and menus have no such shape.
#: On the dev corpus it keeps a court page's bench under its subheading (5 lines); on the dev
#: pages it moved one pair of lines of a wiki page ("From Wikipedia, the free encyclopedia", which
#: the gold keeps, stays, and the line after it, which the gold drops, stays too).
_PERSON_ROW = regex.compile(
    r"(?-i:\p{Lu})[\p{L}'’-]+( (?-i:\p{Lu})[\p{L}'’-]+){1,2}, "  # the name
    r"(?-i:\p{Ll})[\p{L}'’-]+( [\p{L}'’-]+){0,3}")  # the role


def _is_row(stripped: str) -> bool:
    return (_DATA_ROW.fullmatch(stripped) is not None
            or _SPEAKER_ROW.fullmatch(stripped) is not None
            or _SCHEDULE_ROW.fullmatch(stripped) is not None
            or _PERSON_ROW.fullmatch(stripped) is not None
            or stripped.count(" | ") >= TABLE_ROW_MIN_SEPARATORS)


def _box_closed(nonblank: list[int], start: int, position: int,
                breaks: AbstractSet[int]) -> bool:
    """A blank line stands before the line at `position`, after at least one entry that
    none parted from each other or from the header."""
    return (position - start > 1 and nonblank[position] in breaks
            and not any(nonblank[entry] in breaks for entry in range(start + 1, position)))


def _prose_follows(lines: Sequence[str], nonblank: list[int], position: int,
                   reach: int = ROW_PROSE_REACH) -> bool:
    """A sentence of prose among the `reach` non-blank lines after `position`."""
    return any(is_sentence(lines[index], PROSE_MIN_WORDS)
               for index in nonblank[position + 1:position + 1 + reach])


def _is_teaser_headline(line: str) -> bool:
    """A headline (see shape.is_headline_like), or one asking a question ("Survey: how safe
    do you feel?")."""
    return word_count(line) <= HEADLINE_MAX_WORDS and (not ends_like_sentence(line)
                                                       or line.rstrip().endswith("?"))
