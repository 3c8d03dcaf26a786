"""Context revision: tags that only a line's neighbours justify.

Line rules alone cannot say that a teaser headline under "More from Iraq" is residue, or that
"December 31, 2019–" belongs to a tweet. Passes look at the lines around confident
tags and propose context tags; the policy weighs them against the lines' own tags.

- related blocks: a header ("Related News", "Go deeper") takes the list under it (list mode),
  or everything to the document's end when residue markers keep recurring there (tail mode);
- embeds: the line that closes an embed ("— Name (@handle) date") takes the embed's text above
  it and the fragments (dates, "skip", short headings) that lead up to the embed's first marker;
- runs: up to a few lines sandwiched between two confident tags of one promotional family
  (promo, share, ad, legal, nav, comment) take that family;
- weak runs: three or more lines in a row that each carry a weak tag (a lone "Home", "FAQ",
  "Facebook": too ambiguous alone) are a menu or a button bar, and go together;
- edge menus (cleaner.edges): the short lines of the run of short or tagged lines that starts
  or ends the document, with a tag among them, are the page's header or footer menu, and so is
  a column of single capitalised words that opens it;
- comment threads: entries that open readers' comments ("Jane Doe says:"), several close
  together, take the comments between them and the last one's text;
- author bios (cleaner.bios): a bio's heading ("About the author") takes the name and role lines
  under it and the bio's paragraphs, when the first reads as one ("Jane Doe is a freelance
  writer ...").

Each pass reads only the lines' own tags, never another pass's output, so the order of the
passes does not matter and each can be tested alone.
"""

from __future__ import annotations

from collections.abc import Sequence, Set as AbstractSet

import regex

from cleaner.bios import author_bios
from cleaner.edges import edge_menus, weakly_tagged
from cleaner.lines import is_blank
from cleaner.reasons import Reason
from cleaner.ruleset import Role
from cleaner.shape import (HEADLINE_MAX_WORDS, PROSE_MIN_WORDS, ends_like_sentence, is_date_only,
                           is_headline_like, is_list_item, is_sentence, is_separator,
                           word_count)
from cleaner.tagging import LineTags, Tag

#: Scores of context tags. Below the "high" preset (0.85) on purpose: context calls are
#: inferences about neighbours, so only the balanced and recall presets act on them.
RELATED_BLOCK_SCORE = 0.8
EMBED_SCORE = 0.8
RUN_SCORE = 0.7

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
#: An embed's text (a tweet, at most 280 characters) is at most this many words.
EMBED_TEXT_MAX_WORDS = 70
#: How far above an embed's text the pass looks for the fragments that lead up to it.
EMBED_REACH = 4
EMBED_FRAGMENT_MAX_WORDS = 12
#: Runs: at most this many lines between the two tags, each at most this many words.
RUN_MAX_GAP = 3
RUN_LINE_MAX_WORDS = 40
RUN_REASONS = frozenset({Reason.PROMO, Reason.SHARE, Reason.AD, Reason.LEGAL, Reason.NAV,
                         Reason.COMMENT})
#: Between two tags of these reasons, a line that ends like a sentence and has at least this
#: many words is the article's and ends the run. Promo, legal and comment runs still take
#: sentences: a newsletter pitch and a reader's comment are sentences (the seeds' "Make your
#: busy days simpler with Axios AM/PM. ...").
#: - Page chrome (nav, share) sits around an article's body: a copy-link button above an
#:   article's first paragraph and its table-of-contents header below it took the paragraph. On
#:   wcxb and readability dev pages a prose sentence (TAIL_PROSE_MIN_WORDS) as the bar keeps 5
#:   residue lines in nav runs and 1 in share runs, and 2 article lines.
#: - Ad labels sit between an article's paragraphs (a wire story prints "ADVERTISEMENT" every
#:   few), while the ad itself is a frame the extractor never sees: two labels took the three
#:   short paragraphs of a wire story between them. So any sentence of four words or more
#:   ("Officials declined to comment.") ends an ad run. On the dev pages no line an ad run took
#:   ends like a sentence but a free-shipping banner's, which its own rule tags.
RUN_SENTENCE_MIN_WORDS = {Reason.NAV: TAIL_PROSE_MIN_WORDS, Reason.SHARE: TAIL_PROSE_MIN_WORDS,
                          Reason.AD: 4}
#: Weak runs: this many weakly tagged lines (edges.weakly_tagged) in a row make a menu. Two
#: lone "FAQ" / "About" lines in a row are still plausible headings.
WEAK_RUN_MIN = 3
WEAK_RUN_SCORE = 0.7
#: Comment threads: entries (author lines) at most THREAD_MAX_GAP non-blank lines apart chain;
#: a chain of THREAD_MIN_ENTRIES, one of them confident, is a thread. On wcxb and readability
#: dev pages (four inputs) consecutive entries stood 2 to 11 lines apart: a comment and its
#: replies run to a few paragraphs. With two entries a readability page whose gold keeps its
#: comments lost one (on two inputs), and two may be an interview's two speakers. As
#: calibrated, the pass dropped 19,984 residue words those pages' texts kept (with the model
#: then shipped, at `balanced`), and 39 words of gold: a reply that repeats the article's
#: sentence. Reply buttons as entries (comment.reply-button) added 9,908 residue words and 293
#: of gold (see that rule).
THREAD_MAX_GAP = 12
THREAD_MIN_ENTRIES = 3
THREAD_SCORE = 0.8


def revise(lines: Sequence[str], tags: Sequence[LineTags], threshold: float,
           breaks: AbstractSet[int] = frozenset()) -> dict[int, Tag]:
    """Context tags by line index; a line in several blocks keeps the first pass's tag.
    `breaks` holds the indexes of lines that a blank line stood before in the text, when
    `lines` are its non-blank lines only (see _list_members)."""
    confident = [_confident(line_tags, threshold) for line_tags in tags]
    nonblank = [index for index, line in enumerate(lines) if not is_blank(line)]
    proposals: dict[int, Tag] = {}
    for found in (related_blocks(lines, nonblank, tags, confident, threshold, breaks),
                  embed_clusters(lines, nonblank, tags, confident, threshold),
                  promotional_runs(lines, nonblank, confident),
                  weak_runs(nonblank, tags),
                  edge_menus(lines, nonblank, tags),
                  comment_threads(nonblank, tags, confident),
                  author_bios(lines, nonblank, tags, confident)):
        for index, tag in found.items():
            proposals.setdefault(index, tag)
    return proposals


def blank_breaks(lines: Sequence[str], active: Sequence[int]) -> frozenset[int]:
    """The positions in `active` (indexes of `lines`, ascending) whose line a blank line of
    `lines` stood before: revise's `breaks` for the lines at `active`. A line left out of
    `active` (one a pass dropped) leaves a gap, not a break."""
    return frozenset(position for position in range(1, len(active))
                     if any(is_blank(lines[between])
                            for between in range(active[position - 1] + 1, active[position])))


def _confident(line_tags: LineTags, threshold: float) -> Tag | None:
    best = line_tags.best()
    return best if best is not None and best.score >= threshold else None


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
    goes on as before.
    """
    items: list[int] = []
    bulleted: bool | None = None
    rows: bool | None = None
    closed = False
    for position in range(start + 1, min(len(nonblank), start + 1 + LIST_MAX_ITEMS)):
        line = lines[nonblank[position]]
        if confident[nonblank[position]] is None and not is_separator(line):
            marked = is_list_item(line)
            row = _is_row(line.strip())
            if bulleted is None:
                bulleted, rows = marked, row
            closed = (_box_closed(nonblank, start, position, breaks)
                      and _prose_follows(lines, nonblank, position, reach=1)
                      # a card's title under its image's alt text ("Ana Ruiz Profile
                      # Image", "Ana Ruiz") is the same entry, not the article resuming
                      and not any(line.strip() in lines[item] for item in items))
            if (marked != bulleted or (row and not rows and _prose_follows(lines, nonblank,
                                                                            position))
                    or not (marked or _is_teaser_headline(line)) or closed
                    or _WIKI_HEADING.search(line) is not None
                    or _subheading_after_teasers(lines, nonblank, position, items, confident)
                    and nonblank[position] not in breaks):
                break
        items.append(nonblank[position])
    reaches_end = bool(items) and items[-1] == nonblank[-1]
    if (len(items) == 1 and not is_list_item(lines[items[0]]) and not reaches_end
            and not closed):
        return []
    return items


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
#: A subheading that asks a question may run longer ("¿Por qué sube tanto el Ensanche?"), still
#: with fewer words than every entry; and a lead-in ending in a colon of at least
#: LEAD_IN_MIN_WORDS words ("De club bedankt:" and who it thanks) shows the article resuming
#: under it, as does a table's row between middle dots ("System · 4.8 · 5.0"). Calibrated on
#: the dev corpus's related boxes that run into a question (3 kept with the length, 1 more
#: with the lead-in, 1 with the dotted row); no line of the wcxb and readability dev pages
#: changes. A lead-in after a subheading that is not a question took a market-report page's
#: related headers and their lists (15 residue lines of one wcxb dev page), and a dotted row
#: after any entry is a forum's or job board's teaser meta ("user · Replies 12 · date").
QUESTION_SUBHEADING_MAX_WORDS = 8
LEAD_IN_MIN_WORDS = 4
_OPENING_MARKS = "¿¡\"'“„«"


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
    article lines there (benchmarks/HISTORY.md).
    """
    line = lines[nonblank[position]].strip()
    words = line.lstrip(_OPENING_MARKS).split()
    size = word_count(line)
    question = line.endswith("?")
    if (len(items) < 2 or len(words) < 2
            or size > (QUESTION_SUBHEADING_MAX_WORDS if question else SUBHEADING_MAX_WORDS)
            or position + 1 >= len(nonblank) or confident[nonblank[position + 1]] is not None):
        return False
    if not (words[0][0].isupper() and (line[-1].isalnum() or question)
            and any(word[0].islower() for word in words[1:])):
        return False
    if any(word_count(lines[item]) <= size for item in items):
        return False
    following = lines[nonblank[position + 1]].strip()
    if question and (following.endswith(":") and word_count(following) >= LEAD_IN_MIN_WORDS
                     or following.count(" · ") >= TABLE_ROW_MIN_SEPARATORS):
        return True
    return _is_row(following) or word_count(following) >= PROSE_MIN_WORDS


def _is_row(stripped: str) -> bool:
    return (_DATA_ROW.fullmatch(stripped) is not None
            or _SPEAKER_ROW.fullmatch(stripped) is not None
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


def embed_clusters(lines: Sequence[str], nonblank: list[int], tags: Sequence[LineTags],
                   confident: Sequence[Tag | None], threshold: float) -> dict[int, Tag]:
    found: dict[int, Tag] = {}
    for position, index in enumerate(nonblank):
        closer = tags[index].with_role(Role.EMBED_END)
        if closer is None or closer.score < threshold or position == 0:
            continue
        tag = Tag(closer.reason, "context.embed", EMBED_SCORE)
        text_index = nonblank[position - 1]
        if word_count(lines[text_index]) > EMBED_TEXT_MAX_WORDS:
            continue
        found[text_index] = tag
        # Fragments above the text join only up to the furthest embed marker or date among
        # them, so a real subheading right above a tweet is not taken along.
        reach: list[int] = []
        for above in reversed(nonblank[max(0, position - 1 - EMBED_REACH):position - 1]):
            line = lines[above]
            marker = confident[above] is not None or is_date_only(line)
            if not marker and (word_count(line) > EMBED_FRAGMENT_MAX_WORDS
                               or not is_headline_like(line)):
                break
            reach.append(above)
            if marker:
                for member in reach:
                    found[member] = tag
    return found


def promotional_runs(lines: Sequence[str], nonblank: list[int],
                     confident: Sequence[Tag | None]) -> dict[int, Tag]:
    found: dict[int, Tag] = {}
    tagged = [position for position, index in enumerate(nonblank)
              if confident[index] is not None]
    for left, right in zip(tagged, tagged[1:]):
        gap = nonblank[left + 1:right]
        first, last = confident[nonblank[left]], confident[nonblank[right]]
        assert first is not None and last is not None
        if (not gap or len(gap) > RUN_MAX_GAP or first.reason is not last.reason
                or first.reason not in RUN_REASONS
                or any(word_count(lines[index]) > RUN_LINE_MAX_WORDS for index in gap)
                or first.reason in RUN_SENTENCE_MIN_WORDS
                and any(is_sentence(lines[index], RUN_SENTENCE_MIN_WORDS[first.reason])
                        for index in gap)):
            continue
        tag = Tag(first.reason, "context.run", RUN_SCORE)
        for index in gap:
            found[index] = tag
    return found


def weak_runs(nonblank: list[int], tags: Sequence[LineTags]) -> dict[int, Tag]:
    found: dict[int, Tag] = {}
    run: list[int] = []
    for index in [*nonblank, -1]:
        if index >= 0 and weakly_tagged(tags[index].best()):
            run.append(index)
            continue
        if len(run) >= WEAK_RUN_MIN:
            for member in run:
                member_tag = tags[member].best()
                assert member_tag is not None
                found[member] = Tag(member_tag.reason, "context.weak-run", WEAK_RUN_SCORE)
        run = []
    return found


def comment_threads(nonblank: list[int], tags: Sequence[LineTags],
                    confident: Sequence[Tag | None]) -> dict[int, Tag]:
    """The lines of each comment thread: from its first entry to its last, and the last
    comment's text after it.

    A thread's entries carry a THREAD_ENTRY tag, confident ("Jane Doe says:") or weak ("Melissa
    says", alone too ambiguous to drop). The last comment gets as many lines as a comment
    typically has there (the median distance between entries, less the entry's own line),
    fewer when a confident tag of another family (a footer's copyright) comes first.
    """
    found: dict[int, Tag] = {}
    entries = [position for position, index in enumerate(nonblank)
               if tags[index].with_role(Role.THREAD_ENTRY) is not None]
    chains: list[list[int]] = []
    for position in entries:
        if chains and position - chains[-1][-1] <= THREAD_MAX_GAP:
            chains[-1].append(position)
        else:
            chains.append([position])
    for chain in chains:
        if (len(chain) < THREAD_MIN_ENTRIES
                or all(confident[nonblank[position]] is None for position in chain)):
            continue
        gaps = sorted(right - left for left, right in zip(chain, chain[1:]))
        end = min(len(nonblank), chain[-1] + gaps[len(gaps) // 2])
        for position in range(chain[-1] + 1, end):
            other = confident[nonblank[position]]
            if other is not None and other.reason is not Reason.COMMENT:
                end = position
                break
        tag = Tag(Reason.COMMENT, "context.comment-thread", THREAD_SCORE)
        for position in range(chain[0], end):
            found[nonblank[position]] = tag
    return found
