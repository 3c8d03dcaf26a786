"""Context revision: tags that only a line's neighbours justify.

Line rules alone cannot say that a teaser headline under "More from Iraq" is residue, or that
"December 31, 2019–" belongs to a tweet. Passes look at the lines around confident
tags and propose context tags; the policy weighs them against the lines' own tags.

- related blocks (cleaner.related_lists): a header ("Related News", "Go deeper") takes the list
  under it (list mode), or everything to the document's end when residue markers keep
  recurring there (tail mode);
- embeds: the line that closes an embed ("— Name (@handle) date") takes the embed's text above
  it and the fragments (dates, "skip", short headings) that lead up to the embed's first marker;
- runs: up to a few lines sandwiched between two confident tags of one promotional family
  (promo, share, ad, legal, nav, comment) take that family;
- weak runs: three or more lines in a row that each carry a weak tag (a lone "Home", "FAQ",
  "Facebook": too ambiguous alone) are a menu or a button bar, and go together;
- edge menus (cleaner.edges): the short lines of the run of short or tagged lines that starts
  or ends the document, with a tag among them, are the page's header or footer menu, and so is
  a column of single capitalised words that opens it; a lone row of three or more menu links
  ("About us | Contact | Jobs") near a tag is a menu wherever it stands;
- comment threads: entries that open readers' comments ("Jane Doe says:"), several close
  together, take the comments between them and the last one's text;
- below the comments: the line that opens a comment section ("12 thoughts on “Title”", "Your
  email address will not be published"), below the article's prose, takes the rest of the
  document;
- card runs: a grid of teaser cards, each with a bare date or a reading time ("Dec 18, 2025",
  "18 min read"), takes the titles and summaries between its stamps;
- author bios (cleaner.bios): a bio's heading ("About the author") takes the name and role lines
  under it and the bio's paragraphs, when the first reads as one ("Jane Doe is a freelance
  writer ..."); without a heading, soon after a tag below the byline, a paragraph that opens
  with the byline's name and what the person is or does is a bio too (footer bios).

Before the passes, a short button or link that stands as a section's heading above a paragraph
("Get in touch", then the article's prose) loses its tags (without_heading_buttons).

Each pass reads only the lines' own tags, never another pass's output, so the order of the
passes does not matter and each can be tested alone.
"""

from __future__ import annotations

from collections.abc import Sequence, Set as AbstractSet

from cleaner.bios import author_bios, footer_bios
from cleaner.edges import edge_menus, link_rows, weakly_tagged
from cleaner.lines import is_blank
from cleaner.related_lists import TAIL_PROSE_MIN_WORDS, related_blocks
from cleaner.reasons import Reason
from cleaner.ruleset import Role
from cleaner.shape import is_date_only, is_headline_like, is_sentence, word_count
from cleaner.tagging import NO_TAGS, LineTags, Tag

#: Scores of context tags. Below the "high" preset (0.85) on purpose: context calls are
#: inferences about neighbours, so only the balanced and recall presets act on them (the related
#: block's is in cleaner.related_lists).
EMBED_SCORE = 0.8
RUN_SCORE = 0.7

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
#: Below the comments: a page's comment section comes after its article, so from the line that
#: opens it (a COMMENTS_START tag: "12 thoughts on “Title”", the comment form's "Your email
#: address will not be published", "Discussion about this post") to the document's end every
#: line is a comment or the page's footer. The opening line must be confident and stand below
#: at least BELOW_COMMENTS_MIN_PROSE words of prose (untagged sentences, shape.is_sentence): the
#: article it follows. On the wcxb and readability dev pages (four inputs) and the dev corpus the
#: pass dropped 2,313 more residue lines (21,602 words, of 66 pages and texts) and 3 article
#: lines, comments that one wcxb page's gold keeps ("Have you checked out Udutu?"); with 30,
#: 100 or 200 words the same lines. Only the strict openings are COMMENTS_START: "Leave a
#: comment" and a bare "12 Comments" stand in posts and under titles too. A known risk: a
#: tutorial that prints a comment form's notice as a line of its own body would lose what
#: follows it; no dev page or corpus case does, and asking for a second comment tag within ten
#: lines below the opening would have given up a fifth of the gain on wcxb's full pages.
BELOW_COMMENTS_MIN_PROSE = 100
BELOW_COMMENTS_SCORE = 0.7
#: Card runs: stamps (confident tags of these rules: a bare date, a reading time, a date with
#: its reading time) with at most CARD_MAX_GAP non-blank lines between them chain; a chain of
#: CARD_MIN_STAMPS, one of them a reading time (an events list has dates but no reading
#: times), is a grid of teaser cards, and the untagged lines of at most RUN_LINE_MAX_WORDS words
#: between its first and last stamp are their titles and summaries. On the wcxb and readability
#: dev pages (four inputs) such lines were 189 residue lines, no article line; the dev corpus
#: holds no such grid. With any meta tag as a stamp, a ranked book list's "by Author" lines
#: took its titles (9 article lines), and dated entries of an update log took the log.
CARD_STAMP_RULES = frozenset({"meta.date-line", "meta.reading-time", "meta.page-credits"})
CARD_READING_RULES = frozenset({"meta.reading-time", "meta.page-credits"})
CARD_MAX_GAP = 3
CARD_MIN_STAMPS = 3
CARD_SCORE = 0.7


#: Rules of short buttons and links whose words an article also sets as a section's heading
#: ("Get in touch", "Book now", "Skip" above a paragraph): see without_heading_buttons.
HEADING_BUTTON_RULES = frozenset({"nav.site-link", "promo.cta-button", "embed.skip"})


def without_heading_buttons(lines: Sequence[str], tags: Sequence[LineTags],
                            breaks: AbstractSet[int] = frozenset()) -> list[LineTags]:
    """`tags` (of the non-blank `lines`; `breaks` as in revise) without the tags of a line that
    only HEADING_BUTTON_RULES tagged, when it stands as a section's heading: a blank line (or
    the text's start) above it and, right below it with no blank line between, an untagged
    sentence of prose (TAIL_PROSE_MIN_WORDS). A button stands beside other buttons or above its
    box's short pitch; a heading opens a paragraph. On the dev corpus this kept 4 such headings
    of four cases ("Get in touch" twice, "Book now", "Skip"), and no other line of the dev corpus
    or of the wcxb and readability dev pages (four inputs) changed."""
    revised = list(tags)
    for position in range(len(lines) - 1):
        line_tags = tags[position]
        if (line_tags.tags and (position == 0 or position in breaks)
                and position + 1 not in breaks and not tags[position + 1].tags
                and all(tag.rule in HEADING_BUTTON_RULES for tag in line_tags.tags)
                and is_sentence(lines[position + 1], TAIL_PROSE_MIN_WORDS)):
            revised[position] = NO_TAGS
    return revised


def revise(lines: Sequence[str], tags: Sequence[LineTags], threshold: float,
           breaks: AbstractSet[int] = frozenset()) -> dict[int, Tag]:
    """Context tags by line index; a line in several blocks keeps the first pass's tag.
    `breaks` holds the indexes of lines that a blank line stood before in the text, when
    `lines` are its non-blank lines only (see related_lists._list_members)."""
    confident = [_confident(line_tags, threshold) for line_tags in tags]
    nonblank = [index for index, line in enumerate(lines) if not is_blank(line)]
    proposals: dict[int, Tag] = {}
    for found in (related_blocks(lines, nonblank, tags, confident, threshold, breaks),
                  embed_clusters(lines, nonblank, tags, confident, threshold),
                  promotional_runs(lines, nonblank, confident),
                  weak_runs(nonblank, tags),
                  edge_menus(lines, nonblank, tags),
                  link_rows(lines, nonblank, tags),
                  comment_threads(nonblank, tags, confident),
                  below_comments(lines, nonblank, tags, confident),
                  card_runs(lines, nonblank, tags, confident),
                  author_bios(lines, nonblank, tags, confident),
                  footer_bios(lines, nonblank, tags, confident)):
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
    # An absorbable tag (a bare date, a photo credit) belongs to whatever block it sits in, so
    # it does not end a run: a comment's date between a comment's author and its reply button.
    tagged = [position for position, index in enumerate(nonblank)
              if confident[index] is not None and not confident[index].absorbable]
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
    for chain in _chains(entries, THREAD_MAX_GAP):
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


def below_comments(lines: Sequence[str], nonblank: list[int], tags: Sequence[LineTags],
                   confident: Sequence[Tag | None]) -> dict[int, Tag]:
    """Every line below the first confident opening of a comment section (a COMMENTS_START
    tag) that has BELOW_COMMENTS_MIN_PROSE words of prose above it; a line keeps the reason of
    its own weak tag, if any."""
    openings = [position for position, index in enumerate(nonblank)
                if confident[index] is not None
                and tags[index].with_role(Role.COMMENTS_START) is not None]
    prose = counted = 0  # prose words in nonblank[:counted]; most texts have no opening to count to
    for position in openings:
        prose += sum(word_count(lines[index]) for index in nonblank[counted:position]
                     if confident[index] is None and is_sentence(lines[index]))
        counted = position
        if prose >= BELOW_COMMENTS_MIN_PROSE:
            found: dict[int, Tag] = {}
            for below in nonblank[position + 1:]:
                own = tags[below].best()
                found[below] = Tag(own.reason if own is not None else Reason.COMMENT,
                                   "context.below-comments", BELOW_COMMENTS_SCORE)
            return found
    return {}


def card_runs(lines: Sequence[str], nonblank: list[int], tags: Sequence[LineTags],
              confident: Sequence[Tag | None]) -> dict[int, Tag]:
    """The titles and summaries of a grid of teaser cards, between the cards' stamps (see
    CARD_STAMP_RULES)."""
    stamps: dict[int, set[str]] = {}  # position: the rules that tag the stamp
    for position, index in enumerate(nonblank):
        if confident[index] is not None:
            rules = {tag.rule for tag in tags[index].tags}
            if rules & CARD_STAMP_RULES:
                stamps[position] = rules
    found: dict[int, Tag] = {}
    tag = Tag(Reason.RELATED, "context.card-run", CARD_SCORE)
    for chain in _chains(list(stamps), CARD_MAX_GAP + 1):
        if len(chain) < CARD_MIN_STAMPS or not any(stamps[position] & CARD_READING_RULES
                                                   for position in chain):
            continue
        for index in nonblank[chain[0] + 1:chain[-1]]:
            if confident[index] is None and word_count(lines[index]) <= RUN_LINE_MAX_WORDS:
                found[index] = tag
    return found


def _chains(positions: list[int], max_step: int) -> list[list[int]]:
    """`positions` (ascending) cut into runs whose neighbours stand at most `max_step` apart."""
    chains: list[list[int]] = []
    for position in positions:
        if chains and position - chains[-1][-1] <= max_step:
            chains[-1].append(position)
        else:
            chains.append([position])
    return chains
