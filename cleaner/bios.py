"""The author-bio pass of context revision (see cleaner.context): under a confident bio
heading ("About the author"), per person, the name and role lines, the bio's paragraphs and the
links that close the box go, when the first paragraph reads as a bio ("Jane Doe is a freelance
writer ...") or names someone of the lines above it. A byline's label on its own line
("Written by", "Author") heads a box too, where the bio both opens as one and names the person.
Without a heading, a paragraph at the page's foot that opens with the byline's name and what the
person is goes too (footer_bios)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleaner.reasons import Reason
from cleaner.ruleset import Role
from cleaner.shape import ends_like_sentence, word_count
from cleaner.tagging import LineTags, Tag

#: Author bios: under the heading, each person's box holds up to BIO_MAX_NAME_LINES lines of
#: name, role and credentials (no sentence, at most BIO_NAME_MAX_WORDS words: "Toni Golen, MD,
#: Editor in Chief, ..." runs 18), then up to BIO_MAX_PARAGRAPHS paragraphs of at most
#: BIO_PARAGRAPH_MAX_WORDS words (the longest bio read on the dev pages ran 128), and a box may
#: hold BIO_MAX_PEOPLE people ("About the authors"). Read on wcxb and readability dev pages; on
#: those (four inputs, with the model then shipped, at `balanced`) the pass and its heading's
#: rule dropped 3,553 residue words (238 lines) that cleaning kept, and 645 words a gold kept
#: (28 lines): the bios of four pages whose golds keep them, and one page's stock-position
#: disclosure that continues its author's bio ("Scott Levine has no position in ...").
BIO_MAX_NAME_LINES = 4
BIO_NAME_MAX_WORDS = 20
BIO_MAX_PARAGRAPHS = 3
BIO_PARAGRAPH_MAX_WORDS = 150
BIO_MAX_PEOPLE = 4
BIO_SCORE = 0.8
#: How a bio opens: a name (up to five capitalised words, perhaps a nickname in brackets after
#: it) and a verb that says what the person is or does, or an apposition
#: ("Geri Mileva, an experienced ..."); or the first person ("I'm an Icelandic folklorist").
#: "The Motley Fool has a disclosure policy." is no bio: "has" counts only as "has been" or
#: "has over / more than / 15 years".
_BIO_OPENING = regex.compile(
    r"^(?P<name>\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})\s+"
    r"(?:\([^()]{1,30}\)\s+)?"
    r"(?:is|was|has been|has (?:over|more than|nearly|almost|\d)|serves|works|writes|covers|"
    r"leads|teaches|founded|co-founded|joined|specializes|specialises|holds|brings|graduated|"
    r"helps)\b|^(?P<apposition>\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,4}),\s+(?:an?|the)\s"
    r"|^(?:hi,?\s+)?(?:I['’]m|I am|I['’]ve|I have been)\s")
#: A bio under name lines names the person among its first words ("Designing and blogging since
#: 1995, Jeffrey Zeldman founded ...").
BIO_OPENING_NAME_WORDS = 16
#: A later paragraph continues the bio when one of its first words is the person's name or a
#: pronoun ("Under his leadership, ..."; "Matt's passion for ...").
BIO_CONTINUATION_WORDS = 8
_PRONOUNS = frozenset({"he", "she", "they", "his", "her", "their", "him", "hers", "them"})
#: Capitalised words of a name line or a bio's opening that name no one ("Author Matt Check").
_NOT_NAMES = frozenset({"the", "a", "an", "author", "i"})
_POSSESSIVE = regex.compile(r"['’]s$")
#: Links that close a person's box: "Read Shannon's bio", "More by author", "@handle".
BIO_CLOSER_MAX_WORDS = 6
_BIO_CLOSER = regex.compile(r"^@\w|\b(?:(?:posts|articles|stories|more) (?:by|from)"
                            r"|view (?:all|full)|(?:full|read) (?:bio|profile))\b", regex.IGNORECASE)


def author_bios(lines: Sequence[str], nonblank: list[int], tags: Sequence[LineTags],
                confident: Sequence[Tag | None]) -> dict[int, Tag]:
    """The boxes under confident bio headings: per person, the name and role lines, the bio's
    paragraphs and the links that close it. A person's box needs a paragraph that opens as a
    bio (see _BIO_OPENING), so that the article resuming under an author box at a page's top
    is not taken; name lines alone count only where the box ends (a tag or the document's
    end).

    A byline's label (BYLINE_LABEL_RULE) heads a box as well, and the label goes with it, when
    the bio under it opens as one and names the person of the name lines between (or, with
    none, a person of two words or more: see _named_under_label), so that an article under its
    byline stays. On the wcxb and readability dev pages (four inputs) this took 175 residue
    lines that stayed (bios, the name and role lines above them) and no article line; no line
    of the dev corpus changed."""
    found: dict[int, Tag] = {}
    tag = Tag(Reason.META, "context.author-bio", BIO_SCORE)
    for position, index in enumerate(nonblank):
        heading = (confident[index] is not None
                   and tags[index].with_role(Role.BIO_START) is not None)
        label = not heading and any(line_tag.rule == BYLINE_LABEL_RULE
                                    for line_tag in tags[index].tags)
        if not (heading or label):
            continue
        members = _bio_members(lines, nonblank, position + 1, confident, label)
        for member in members:
            found[member] = tag
        if label and members:
            found[index] = tag
    return found


def _bio_members(lines: Sequence[str], nonblank: list[int], position: int,
                 confident: Sequence[Tag | None], under_label: bool = False) -> list[int]:
    """The lines of the people's boxes that start at `position`. Under a byline's label
    (`under_label`) a bio must open as one, naming the person of the name lines above it or,
    with none, a person of two words or more (see _named_under_label)."""
    taken: list[int] = []
    for person in range(BIO_MAX_PEOPLE):
        names: list[int] = []
        # A role line a rule tags as meta ("Transport editor") is a name line still.
        while (position < len(nonblank) and len(names) < BIO_MAX_NAME_LINES
               and _plain_or_meta(confident[nonblank[position]])):
            line = lines[nonblank[position]]
            if word_count(line) > BIO_NAME_MAX_WORDS or ends_like_sentence(line):
                break
            names.append(nonblank[position])
            position += 1
        subject = set().union(*(_name_words(lines[index]) for index in names))
        paragraphs: list[int] = []
        while (position < len(nonblank) and len(paragraphs) < BIO_MAX_PARAGRAPHS
               and confident[nonblank[position]] is None):
            line = lines[nonblank[position]].strip()
            if word_count(line) > BIO_PARAGRAPH_MAX_WORDS:
                break
            if paragraphs:
                if not (subject | _PRONOUNS) & _words(line, BIO_CONTINUATION_WORDS):
                    break
            elif under_label:
                opening = _BIO_OPENING.search(line)
                named = (_named_under_label(opening, subject)
                         if opening is not None and not line.endswith("?") else set())
                if not named:
                    break
                subject |= named
            elif not subject & _name_words(line, BIO_OPENING_NAME_WORDS):
                # The first person's bio may open without a name line above it; a later
                # person's must name someone of the lines above (an FAQ's heading is no name).
                opening = _BIO_OPENING.search(line) if person == 0 else None
                if opening is None or line.endswith("?"):
                    break
                subject |= _name_words(opening.group("name") or opening.group("apposition")
                                       or "")
            paragraphs.append(nonblank[position])
            position += 1
        if not paragraphs:
            # Without a bio, name lines count only where the box ends: at the document's end
            # or a tag, which may be one of the name lines (then those before it count).
            tagged = [k for k, index in enumerate(names) if confident[index] is not None]
            if tagged:
                names = names[:tagged[0]]
            elif position < len(nonblank) and confident[nonblank[position]] is None:
                names = []
            if person == 0:
                taken.extend(names)
            break
        closers: list[int] = []
        while position < len(nonblank) and confident[nonblank[position]] is None:
            line = lines[nonblank[position]]
            if word_count(line) > BIO_CLOSER_MAX_WORDS or not (
                    _BIO_CLOSER.search(line) or subject & _words(line, BIO_CLOSER_MAX_WORDS)):
                break
            closers.append(nonblank[position])
            position += 1
        taken.extend([*names, *paragraphs, *closers])
    return taken


def _named_under_label(opening: regex.Match[str], subject: set[str]) -> set[str]:
    """The name words of a bio's opening (_BIO_OPENING) under a byline's label, when it names
    the person of the name lines above it (`subject`, their names' words) or, with none, a
    person of two words or more ("Written By", then "Eduard Kovacs (@EduardKovacs) is the
    managing editor ..."); empty otherwise. Not the first person, nor an article's opening
    under its byline: one capitalised word ("When I was evaluating ...", "Exercising is tough
    ...") or a name the byline lacks."""
    name = opening.group("name") or opening.group("apposition")
    words = _name_words(name) if name is not None else set()
    named = words & subject if subject else len(words) >= 2
    return words if named else set()


def _plain_or_meta(tag: Tag | None) -> bool:
    return tag is None or tag.reason is Reason.META


def _normalised(word: str) -> str:
    """A word lowercased, without punctuation around it or a possessive 's."""
    return _POSSESSIVE.sub("", word.strip(".,;:!?()\"'“”‘’").lower())


def _words(line: str, limit: int) -> set[str]:
    """The line's first `limit` words, normalised (see _normalised)."""
    return {_normalised(word) for word in line.split()[:limit]}


def _name_words(line: str, limit: int = BIO_NAME_MAX_WORDS) -> set[str]:
    """The capitalised words (two letters or more) among the line's first `limit` words,
    normalised: a person's name, to find again in the bio."""
    names = {_normalised(word) for word in line.split()[:limit] if word[:1].isupper()}
    return {word for word in names if len(word) > 1} - _PRONOUNS - _NOT_NAMES


#: The rule of a byline's label on its own line ("Written by", "Author", "Staff Writer"): at a
#: page's foot it heads the author's box as a bio heading does (see author_bios).
BYLINE_LABEL_RULE = "meta.byline-label"
#: Rules whose lines name the article's author near its top: the names a bio at the foot opens
#: with ("Written by Priya Nandakumar | 16 March 2026", "Publicado el ... por Lucía Ferrer", a
#: row whose reading time tags it).
BYLINE_RULES = frozenset({"meta.byline", "meta.timestamp", "meta.byline-glued",
                          "meta.byline-label", "meta.reading-time"})
#: A bio without a heading comes at most this many lines after a confident tag: right after a
#: share row or a newsletter box, or under a related list whose teasers no rule tags.
FOOTER_BIO_REACH = 4
#: A bio without a heading has at least this many words: a name and "is" alone
#: ("Jane Doe is here.") is no bio.
FOOTER_BIO_MIN_WORDS = 8
#: A bio's opening name: two to four capitalised words, then what a bio says right after it in
#: the languages cleaner reads, a copula or a verb of work, writing or living ("è sommelier",
#: "es fundadora", "works Saturdays", "lebt in").
_FOOTER_BIO_OPENING = regex.compile(
    r"^(?P<name>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})\s+"
    r"(?:is|was|has been|works|writes|covers|reports|teaches|runs|leads|lives|joined|"
    r"ist|war|arbeitet|schreibt|lebt|leitet|est|était|travaille|écrit|vit|dirige|"
    r"es|fue|trabaja|escribe|vive|è|era|lavora|scrive|cura|é|foi|trabalha|escreve|mora|"
    r"werkt|schrijft|woont|jest|był|była|pracuje|pisze|je|píše|är|var|arbetar|skriver|bor|"
    r"er|arbejder|jobber)\s")


def footer_bios(lines: Sequence[str], nonblank: list[int], tags: Sequence[LineTags],
                confident: Sequence[Tag | None]) -> dict[int, Tag]:
    """Bios without a heading: an untagged paragraph below the byline that opens with a name
    the byline holds and a verb that says what the person is or does ("Giulia Ranieri è
    sommelier AIS e dal 2018 ..."), soon after a confident tag (FOOTER_BIO_REACH) or right
    before one: the article has ended and the page's foot goes on with its author's bio.
    Inside the article, a paragraph that opens with its own author's full name is rare, and
    follows article text. On the wcxb and readability dev pages (four inputs) and the dev
    corpus this took 39 residue lines and 3 that golds keep, all three bios (a full page's
    essay ends with its author's, "Tomson Highway is a Cree playwright ...")."""
    bylines: list[str] = []
    found: dict[int, Tag] = {}
    tag = Tag(Reason.META, "context.footer-bio", BIO_SCORE)
    last_tag: int | None = None  # the position of the last confident tag but the first byline
    for position, index in enumerate(nonblank):
        if confident[index] is not None:
            is_byline = any(line_tag.rule in BYLINE_RULES for line_tag in tags[index].tags)
            # The article starts under its first byline; a later one is an author box's.
            last_tag = None if is_byline and not bylines else position
            if is_byline:
                bylines.append(lines[index])
            continue
        after_tag = last_tag is not None and position - last_tag <= FOOTER_BIO_REACH
        before_tag = position + 1 < len(nonblank) and confident[nonblank[position + 1]] is not None
        if not bylines or not (after_tag or before_tag):
            continue
        line = lines[index].strip()
        if not (FOOTER_BIO_MIN_WORDS <= word_count(line) <= BIO_PARAGRAPH_MAX_WORDS
                and ends_like_sentence(line)):
            continue
        opening = _FOOTER_BIO_OPENING.match(line)
        if opening is not None and any(
                regex.search(r"(?<!\w)" + regex.escape(opening.group("name")) + r"(?!\w)",
                             byline) for byline in bylines):
            found[index] = tag
    return found
