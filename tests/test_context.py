"""Context revision: related blocks, embeds, promotional runs, weak runs, edge menus, comment
threads and author bios, each by its reason and rule, and where each must stop."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Config, Reason
from conftest import PARAGRAPH, verdict

CLOSING = "The work starts in March and should take eight months, officials said."


def decisions(text: str, cleaner: Cleaner) -> dict[str, tuple[bool, str | None, str | None]]:
    return {d.text: verdict(d) for d in cleaner.analyze(text).lines if d.text.strip()}


def test_related_list_mode_takes_the_entries_and_stops_at_prose(default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "More from Harbourside", "-", "Ferry fares rise again",
                      "-", "New bakery opens on Quay Street", "-",
                      "Lifeboat crew honoured at last", "“We are delighted,” the mayor said.",
                      CLOSING])
    got = decisions(text, default_cleaner)
    assert got["More from Harbourside"] == (False, "related", "related.header")
    for entry in ("-", "Ferry fares rise again", "Lifeboat crew honoured at last"):
        assert got[entry] == (False, "related", "context.related-block")
    assert got["“We are delighted,” the mayor said."][0]
    assert got[CLOSING][0]


def test_bulleted_list_ends_at_an_unbulleted_subheading(default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "Also read:", "- Five ways to save on fares",
                      "- Why the ferry is late", "Trend 5: Buses at night", CLOSING])
    got = decisions(text, default_cleaner)
    assert got["- Why the ferry is late"] == (False, "related", "context.related-block")
    assert got["Trend 5: Buses at night"][0]


@pytest.mark.parametrize(("header", "entries", "rows", "after"), [
    # The fifth blind probe's kind: an inline related box, then the article's spec rows.
    ("Related stories", ["Chipmaker profits jump by a third", "Exports rise for a third month"],
     ["Cores: 128", "Memory: 64 GB", "Release: Q3 2026"], [CLOSING]),
    # The sixth probe's kind: a related box, then the article's table.
    ("Related stories", ["Pool closed until June for repairs",
                         "Local taxes will not rise next year, council says"],
     ["Phase | Period | Street", "Phase 1 | October – December | Tanners Lane",
      "Phase 2 | January – April | Market Square"], [CLOSING]),
    # An episode list, then the transcript resuming with a speaker's name and time.
    ("More from The Long Field", ["Episode 111: The hedge-layers",
                                  "Episode 110: Selling wool to nobody"],
     ["Jonah Vell  00:27:05", "Why forty-one cows? Why not fifty?", "Rosa Penhallow  00:27:09"],
     ["More cows, more trouble: forty-one is what the grass carries in a dry year, and we "
      "learned that the hard way."]),
])
def test_a_related_list_ends_at_the_articles_rows(header: str, entries: list[str],
                                                   rows: list[str], after: list[str],
                                                   default_cleaner) -> None:
    got = decisions("\n".join([PARAGRAPH, header, *entries, *rows, *after]), default_cleaner)
    for entry in entries:
        assert got[entry] == (False, "related", "context.related-block"), entry
    for row in rows:
        assert got[row][0], row


def test_a_blank_line_after_an_unbroken_related_box_closes_it(default_cleaner) -> None:
    # The sixth blind probe's kind: a related box set into the article, then a blank line, the
    # article's next subheading and its paragraph.
    text = "\n".join([PARAGRAPH, "Related stories", "Chipmaker profits jump by a third",
                      "Exports rise for a third month", "", "What happens next", CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Exports rise for a third month"] == (False, "related", "context.related-block")
    assert got["What happens next"][0]


@pytest.mark.parametrize("lines", [
    # Blank lines part the entries too: a blank line says nothing about where the box ends.
    ["Related stories", "", "Chipmaker profits jump by a third", "",
     "Exports rise for a third month", "", "What happens next", CLOSING],
    # No sentence of prose right after the headline: another teaser, not a subheading.
    ["Related stories", "Chipmaker profits jump by a third", "Exports rise for a third month",
     "", "What happens next", "Ferry fares rise again"],
])
def test_a_blank_line_closes_a_related_box_only_after_unbroken_entries_and_before_prose(
        lines: list[str], default_cleaner: Cleaner) -> None:
    got = decisions("\n".join([PARAGRAPH, *lines]), default_cleaner)
    assert got["What happens next"] == (False, "related", "context.related-block")


@pytest.mark.parametrize("after", [
    [CLOSING],
    ["Phase | Period | Street", "Phase 1 | October – December | Tanners Lane", CLOSING],
])
def test_a_short_subheading_in_sentence_case_closes_a_related_box(after: list[str],
                                                                  default_cleaner) -> None:
    # The seventh blind probe's kind: no blank line between the box and the next subheading.
    text = "\n".join([PARAGRAPH, "Related stories", "Bus drivers in Caldmoor win sick pay victory",
                      "Exports rise for a third month in a row", "Pay rates at a glance",
                      *after])
    got = decisions(text, default_cleaner)
    assert got["Related stories"] == (False, "related", "related.header")
    assert got["Exports rise for a third month in a row"] == (
        False, "related", "context.related-block")
    assert got["Pay rates at a glance"][0]


@pytest.mark.parametrize("subheading", ["Currency", "Bokbierweekend", "Câmbio"])
def test_a_one_word_subheading_before_prose_closes_a_related_box(subheading: str,
                                                                 default_cleaner) -> None:
    # Two dev cases' kind: a market report's "Câmbio", a brewery's "Bokbierweekend", right
    # under the box's last teaser, then the section's paragraph.
    text = "\n".join([PARAGRAPH, "Related stories", "Bus drivers in Caldmoor win sick pay victory",
                      "Exports rise for a third month in a row", subheading, CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Exports rise for a third month in a row"] == (
        False, "related", "context.related-block")
    assert got[subheading] == (True, None, None)


@pytest.mark.parametrize(("box", "after"), [
    # A club ride report: "Thanks", then who it thanks.
    (["You may also like", "Club dinner and awards night: tickets now",
      "Winter turbo sessions start on 4 December"],
     ["Thanks", "Thanks to our ride leaders for the day:", "Priya Nair", "Steve Oakes", CLOSING]),
    # A German radio page: "Der Ablauf" has no word in lower case to show it is a heading, but a
    # timetable's rows and then prose follow it.
    (["Auch interessant", "Neue Frequenz für Kalkhausen: Ab Januar auf 101,8 MHz",
      "Verkehrschaos auf der B 414: Vollsperrung bis Freitag"],
     ["Der Ablauf", "08.00 Uhr  Start mit der Morningshow", "12.00 Uhr  Live-Schalte",
      "23.58 Uhr  Bekanntgabe der Summe",
      "Jeder Musikwunsch kostete eine Spende, und am Ende kamen mehr als 40.000 Euro zusammen."]),
    # A court page: the bench's names and roles, then the article.
    (["More news from the court", "New opening hours at the reception from 1 March",
      "Ruling in the case of the harbour pollution at Sjöby"],
     ["Who sat on the bench", "Eva Lindqvist, presiding judge", "Kerstin Åberg, lay judge",
      "Amira Haddad, lay judge", "The court was unanimous.", CLOSING]),
])
def test_the_articles_next_heading_closes_a_related_box(box: list[str], after: list[str],
                                                        default_cleaner: Cleaner) -> None:
    # Dev cases' related boxes with no blank line between their last teaser and the heading.
    got = decisions("\n".join([PARAGRAPH, *box, *after]), default_cleaner)
    assert got[box[-1]] == (False, "related", "context.related-block")
    assert all(got[line] == (True, None, None) for line in after)


@pytest.mark.parametrize("heading", ["Trend 5: Exercises for mental health",
                                     "Step 5 - Exercises for your mental health"])
def test_the_articles_next_numbered_section_closes_a_related_box(heading: str,
                                                                  default_cleaner: Cleaner) -> None:
    # A wcxb dev page's full text: a related box between the article's fourth and fifth trends,
    # the fifth's heading too long for a subheading by length alone.
    label = heading.split()[0]
    text = "\n".join([f"{label} 4: Holistic wellness and longevity", PARAGRAPH, "Also read:",
                      "How to integrate holistic practices into your coaching and enhance client "
                      "wellness",
                      "Crafting Personalized Nutrition Plans: A Coach's Comprehensive Guide",
                      "Leveraging Sleep and Heart Rate Data to Enhance Client Well-being",
                      heading, CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Leveraging Sleep and Heart Rate Data to Enhance Client Well-being"] == (
        False, "related", "context.related-block")
    assert got[heading] == (True, None, None)


def test_a_teaser_numbered_like_no_section_above_stays_in_the_box(default_cleaner) -> None:
    # The number must continue one above the header: "Part 2" with no "Part 1" is a teaser.
    text = "\n".join([PARAGRAPH, "Related stories", "Bus drivers in Caldmoor win sick pay victory",
                      "Exports rise for a third month in a row",
                      "Part 2: How the harbour was rebuilt after the storm", CLOSING])
    assert decisions(text, default_cleaner)[
        "Part 2: How the harbour was rebuilt after the storm"] == (
        False, "related", "context.related-block")


def test_a_name_over_a_contact_row_at_the_foot_stays_in_the_list(default_cleaner) -> None:
    # A row alone, with no prose after it, is a page's contact lines under its last list.
    text = "\n".join([PARAGRAPH, "Related stories", "Bus drivers in Caldmoor win sick pay victory",
                      "Exports rise for a third month in a row", "Jane Okafor",
                      "Phone: 0161 555 0134"])
    assert decisions(text, default_cleaner)["Jane Okafor"] == (
        False, "related", "context.related-block")


@pytest.mark.parametrize(("lead_in", "kept"), [
    # A lead-in of prose length: the article resumes under a subheading as long as a question.
    ("We listened to your requests, above all from those of you who start work early, so the "
     "week now runs like this:", True),
    # A short lead-in does not let a longer line pass for a subheading.
    ("The week now runs like this:", False),
])
def test_a_long_lead_in_lets_a_longer_subheading_close_a_related_box(
        lead_in: str, kept: bool, default_cleaner: Cleaner) -> None:
    subheading = "New timetable from the 1st of June"
    text = "\n".join([PARAGRAPH, "You might also like",
                      "Five poses to ease lower back pain if you sit at a desk all day",
                      "How our yoga and live music workshop went in March this year",
                      subheading, lead_in, "Monday | 7:15 | Gentle hatha | Lucía", CLOSING])
    assert decisions(text, default_cleaner)[subheading][0] is kept


@pytest.mark.parametrize("after", [
    "Ferry fares rise again on the island route",  # another teaser, no sentence of prose
    "The 2025 figures",  # no sentence either
])
def test_a_one_word_entry_without_prose_after_it_stays_in_the_list(after: str,
                                                                   default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "Related stories", "Bus drivers in Caldmoor win sick pay victory",
                      "Exports rise for a third month in a row", "Currency", after])
    assert decisions(text, default_cleaner)["Currency"] == (
        False, "related", "context.related-block")


@pytest.mark.parametrize(("subheading", "after"), [
    # A question may run longer than a plain subheading, with fewer words than every entry.
    ("¿Por qué sube tanto el barrio del puerto?", [CLOSING]),
    # After a question, a lead-in ending in a colon shows the article resuming.
    ("Who rode with us?", ["The club would like to thank:", "Ann Lee (marshal)", CLOSING]),
    # After a question, a table's row between middle dots.
    ("Which systems are supported?", ["System · 4.8 · 5.0", "Windows 11 · yes · yes", CLOSING]),
])
def test_a_question_subheading_closes_a_related_box(subheading: str, after: list[str],
                                                    default_cleaner) -> None:
    # The tenth blind probe's dev cases: a question right under the box's last teaser.
    text = "\n".join([PARAGRAPH, "Related stories",
                      "Bus drivers in Caldmoor win the sick pay victory they wanted",
                      "Exports rise for a third month in a row at the port", subheading,
                      *after])
    got = decisions(text, default_cleaner)
    assert got["Exports rise for a third month in a row at the port"] == (
        False, "related", "context.related-block")
    assert all(got[line][0] for line in [subheading, *after])


def test_a_question_subheading_closes_a_box_of_one_teaser(default_cleaner) -> None:
    # A dev case's phone review: "Related", one teaser, then the verdict's subheading.
    text = "\n".join([PARAGRAPH, "Related", "The best phones to buy right now",
                      "Should you buy it?", CLOSING])
    got = decisions(text, default_cleaner)
    assert got["The best phones to buy right now"] == (False, "related", "context.related-block")
    assert got["Should you buy it?"] == (True, None, None)


@pytest.mark.parametrize("quote", [
    "“Not a time to panic”",
    # A quote may run as long as a question (a dev case's "Não é o momento de pânico").
    '"We will not let the town run dry"',
])
def test_a_quoted_subheading_closes_a_related_box(quote: str, default_cleaner) -> None:
    # News pages set a quote as a section's heading; its marks are not words.
    text = "\n".join([PARAGRAPH, "Related stories",
                      "Bus drivers in Caldmoor win the sick pay victory they wanted",
                      "Exports rise for a third month in a row at the port", quote, CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Exports rise for a third month in a row at the port"] == (
        False, "related", "context.related-block")
    assert got[quote] == (True, None, None)


def test_a_lead_in_after_a_subheading_that_asks_nothing_does_not_close_a_box(
        default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "Related stories",
                      "Bus drivers in Caldmoor win the sick pay victory they wanted",
                      "Exports rise for a third month in a row at the port", "Related reports",
                      "You may also be interested in these:", "Port traffic in 2025"])
    got = decisions(text, default_cleaner)
    assert got["Related reports"] == (False, "related", "context.related-block")


@pytest.mark.parametrize("last", [
    "Jane Okafor",  # a name: no word in lower case
    "Harbour news today",  # as long as a teaser above it
])
def test_a_short_last_entry_that_is_no_subheading_stays_in_the_list(last: str,
                                                                    default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "Related stories", "Ferry fares rise",
                      "New bakery opens on Quay Street", last, CLOSING])
    assert decisions(text, default_cleaner)[last] == (False, "related", "context.related-block")


def test_a_subheading_needs_untagged_prose_after_it(default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "Related stories", "Bus drivers in Caldmoor win sick pay victory",
                      "Exports rise for a third month in a row", "Our favourite tools",
                      "Some of our posts contain affiliate links, which means we may earn a "
                      "commission at no cost to you."])
    got = decisions(text, default_cleaner)
    assert got["Our favourite tools"] == (False, "related", "context.related-block")


def test_contact_rows_under_a_pages_last_related_list_go_with_it(default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, CLOSING, "Related stories", "Chipmaker profits jump by a third",
                      "Exports rise for a third month", "Phone: 555 0100",
                      "Office: 12 Quay Street"])
    got = decisions(text, default_cleaner)
    assert got["Phone: 555 0100"] == (False, "related", "context.related-block")


@pytest.mark.parametrize("heading", ["Design[edit]",
                                     "Geschichte[Bearbeiten | Quelltext bearbeiten]"])
def test_a_wiki_section_heading_ends_a_related_list(heading: str, default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "Related articles", "Tolle Navigation", "Marrowby Basin",
                      heading, CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Marrowby Basin"] == (False, "related", "context.related-block")
    assert got[heading][0]


def test_a_single_headline_after_a_header_mid_article_is_kept(default_cleaner) -> None:
    got = decisions("\n".join([PARAGRAPH, "Read next", "Unprecedented attack", CLOSING]),
                    default_cleaner)
    assert got["Unprecedented attack"][0]


def test_a_one_entry_box_closed_by_a_blank_line_keeps_the_subheading_after_it(
        default_cleaner) -> None:
    # The eighth probe's kind: "Read also:", one teaser, a blank line, then the article's
    # next subheading and its paragraph. The teaser goes, the subheading stays.
    text = "\n".join([PARAGRAPH, "", "Read also:", "Pilots call for a review of the channel",
                      "", "Questions over pilotage", CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Pilots call for a review of the channel"] == (
        False, "related", "context.related-block")
    assert got["Questions over pilotage"][0]
    assert got[CLOSING][0]


def test_a_cards_title_under_its_image_text_does_not_close_the_box(default_cleaner) -> None:
    # An author card: the image's alt text, a blank line, the name again, the bio. The name
    # repeats the entry, so the box has not closed.
    bio = "Ana writes about ferries, harbours and the people who work on them for the paper."
    text = "\n".join([PARAGRAPH, CLOSING, "More articles from Ana Ruiz",
                      "Lee Park Profile Image", "", "Lee Park", bio])
    got = decisions(text, default_cleaner)
    assert got["Lee Park"] == (False, "related", "context.related-block")


TOUR = ["8. October, Kaltenau – Station hall, 7.30pm", "10. October, Bremerstedt – Library, 7pm",
        "Tickets cost 12 euros at the door, and seats can be reserved by phone at each bookshop."]
TEASERS = ["Book fair 2025: visit us in hall 3", "28.08.2025", "New in paperback: Low Tide",
           "14.08.2025"]


def test_a_list_that_ran_on_past_a_blank_line_gives_back_the_subheading_there(
        default_cleaner) -> None:
    # The twelfth probe's kind: teasers and their dates, a blank line, the article's next
    # subheading, then its tour dates (numbered, so the list ends there) and prose.
    text = "\n".join([PARAGRAPH, "", "You might also like", *TEASERS, "", "The dates", "",
                      *TOUR])
    got = decisions(text, default_cleaner)
    assert got["New in paperback: Low Tide"] == (False, "related", "context.related-block")
    assert got["The dates"][0]
    assert all(got[line][0] for line in TOUR)


def test_a_subheading_and_its_first_question_after_the_box_are_given_back(
        default_cleaner) -> None:
    answer = ("The list of compatible phones is in the app and on the plan's page, and a phone "
              "missing from it may still work.")
    text = "\n".join([PARAGRAPH, "", "More news", *TEASERS, "All news", "",
                      "Questions and answers", "Will 5G work on my phone?", answer])
    got = decisions(text, default_cleaner)
    assert got["New in paperback: Low Tide"] == (False, "related", "context.related-block")
    assert got["Questions and answers"][0]
    assert got["Will 5G work on my phone?"][0]
    assert got[answer][0]


@pytest.mark.parametrize("section", [
    ["Opening weekend", "Saturday 19 December", "9.00 Blessing of the new lift",
     "9.30 First public ride", "Sunday 20 December", "free rides for walkers all day"],
    ["よくあるご質問", "Q. 本当にまったくの初心者でも大丈夫ですか"],
])
def test_a_short_section_heading_after_the_box_takes_back_the_lines_under_it(
        section: list[str], default_cleaner) -> None:
    # The tenth probe's blind kinds: the article's next section, its timetable or its first
    # question, right under a related box that a blank line closed.
    text = "\n".join([PARAGRAPH, "", "You might also like", *TEASERS, "", *section, TOUR[2]])
    got = decisions(text, default_cleaner)
    assert got["New in paperback: Low Tide"] == (False, "related", "context.related-block")
    assert all(got[line][0] for line in section)


@pytest.mark.parametrize("after", [
    # two headings, no question, the first no short section heading (a digit): a second list
    ["Heritage weekend 2025", "Free entry to the tower"],
    ["Get jobs like this by email. Create a job alert"],  # a sentence ends inside it
])
def test_what_is_no_lone_subheading_after_the_box_stays_in_the_list(after: list[str],
                                                                    default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "", "You might also like", *TEASERS, "", *after, *TOUR])
    got = decisions(text, default_cleaner)
    assert all(got[line] == (False, "related", "context.related-block") for line in after)


def test_tail_mode_takes_teaser_stories_to_the_end(default_cleaner) -> None:
    text = "\n".join([
        PARAGRAPH, CLOSING, "Go deeper", "Ferry fares rise again",
        "Passengers at the terminal. Photo: Ana Ruiz/Harbour Times",
        "Fares rose by a tenth on Monday, the operator said, blaming fuel costs.",
        "Why it matters: It is the third rise this year.",
        "Go deeperArrowJan 16, 2020", "Lifeboat crew honoured",
        "The crew at the station. Photo: Lee Park/Harbour Times",
        "The crew rescued eleven people in the January storm.",
        "Go deeperArrowJan 2, 2020"])
    got = decisions(text, default_cleaner)
    assert got[CLOSING][0]
    # Captions inside the block are the teasers' captions: related, not caption.
    assert got["Passengers at the terminal. Photo: Ana Ruiz/Harbour Times"][1] == "related"
    assert got["The crew rescued eleven people in the January storm."] == (
        False, "related", "context.related-block")


def test_tail_mode_stops_where_the_article_resumes_after_a_related_box(default_cleaner) -> None:
    # A "More on this" box set into the article, then a paragraph of it, then the footer:
    # the box's entries go (list mode, a question among them), the paragraph stays.
    resumed = ("The opposition had proposed routing cyclists along the parallel street "
               "instead, but the council rejected that plan by a wide margin last year.")
    text = "\n".join([PARAGRAPH, "More on this", "Parking shortage in the old town",
                      "Survey: how safe do you feel on a bike in town?", "", resumed, "",
                      "Sign up for our newsletter", "Share on Facebook", "Share on Twitter"])
    got = decisions(text, default_cleaner)
    assert got[resumed][0], got[resumed]
    assert got["Survey: how safe do you feel on a bike in town?"] == (
        False, "related", "context.related-block")


def test_an_editors_note_inside_a_block_keeps_its_own_reason(default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, CLOSING, "Go deeper:", "- Ferry fares rise again",
                      "Editor's note: This article has been updated with new details."])
    got = decisions(text, default_cleaner)
    assert got["- Ferry fares rise again"][1] == "related"
    assert got["Editor's note: This article has been updated with new details."][1] == "meta"



def test_a_comment_section_after_a_related_tail_goes_as_comments(default_cleaner) -> None:
    # Tail mode reaches the end of the page, comments and all; the comments go, with their
    # own reason, and a second related header turns the section back to related.
    comment = "Such a shame, but I understand. Thanks for five years of Sunday reading!"
    text = "\n".join([
        PARAGRAPH, CLOSING, "Related posts", "A year without Instagram",
        "My favourite books of 2023", "6 comments", "Jana, 12 January 2024 at 08:14",
        comment, "Reply", "You might also like", "Ten walks along the coast"])
    got = decisions(text, default_cleaner)
    assert got["My favourite books of 2023"] == (False, "related", "context.related-block")
    assert got["Jana, 12 January 2024 at 08:14"][:2] == (False, "comment")
    assert got[comment][:2] == (False, "comment")
    assert got["Ten walks along the coast"] == (False, "related", "context.related-block")

def test_embed_takes_text_and_leading_fragments_but_not_a_subheading(default_cleaner) -> None:
    text = "\n".join([
        PARAGRAPH, "skip", "– Crews arrive at the pier", "March 3, 2021–",
        "Crews are on the pier now. pic.twitter.com/AbC123",
        "— Harbour Fire (@harbourfire) March 3, 2021", CLOSING,
        "Reaction online", "We are so proud of our crews tonight!",
        "— Lee Park (@leepark) March 3, 2021", PARAGRAPH + " Again."])
    got = decisions(text, default_cleaner)
    for line in ("skip", "– Crews arrive at the pier", "March 3, 2021–",
                 "Crews are on the pier now. pic.twitter.com/AbC123"):
        assert got[line][:2] == (False, "embed"), line
    assert got["We are so proud of our crews tonight!"] == (False, "embed", "context.embed")
    assert got["Reaction online"][0]
    assert got[CLOSING][0]


def test_promotional_run_fills_a_short_gap_between_promos(default_cleaner) -> None:
    text = "\n".join(["Sign up for our morning newsletter", "Sports worth your time",
                      "Subscribe to The Harbour Sports Letter for scores and stories.",
                      PARAGRAPH, CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Sports worth your time"] == (False, "promo", "context.run")
    assert got[PARAGRAPH][0]


def test_runs_do_not_fill_between_different_or_distant_reasons(default_cleaner) -> None:
    text = "\n".join(["By Ana Ruiz", "Harbour council approves bus lanes",
                      "Updated March 3, 2021", PARAGRAPH])
    got = decisions(text, default_cleaner)
    assert got["Harbour council approves bus lanes"][0]  # meta is not a run family



def test_a_comment_s_date_does_not_end_its_comment_run(default_cleaner) -> None:
    """A bare date is absorbable: between a comment's author and its reply button it belongs to
    the comment, and the run goes on over it (a dev case's Swedish comments stayed once their
    dates were tagged)."""
    comment = "Bakade dem i går och de var lika mjuka i dag. Skållningen är verkligen grejen!"
    text = "\n".join([PARAGRAPH, CLOSING, "Reply", "Lena Bergkvist",
                      "15 mars 2027 kl. 19:02", comment, "Reply"])
    got = decisions(text, default_cleaner)
    assert got["15 mars 2027 kl. 19:02"] == (False, "comment", "context.run")
    assert got["Lena Bergkvist"] == (False, "comment", "context.run")
    assert got[comment] == (False, "comment", "context.run")

def test_a_prose_sentence_ends_a_nav_run_but_not_a_comment_run(default_cleaner) -> None:
    """A font-size control above an article's first paragraph and its table-of-contents header
    below it are both nav: the paragraph between them is the article (as on wcxb dev page 185,
    where a copy-link button was the upper tag)."""
    opening = ("Are you a small bakery owner struggling to keep up with orders, staff rotas and "
               "suppliers at the same time as the morning rush? This guide is for you.")
    text = "\n".join(["Font Size", opening, "Contents:", "Planning the week", PARAGRAPH,
                      CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Font Size"] == (False, "nav", "nav.ui-control")
    assert got["Contents:"] == (False, "nav", "nav.toc-header")
    assert got[opening] == (True, None, None)
    comment = ("I went last week with my sister and the bread was every bit as good as you say, "
               "though the queue ran round the block.")
    text = "\n".join([PARAGRAPH, CLOSING, "Reply", comment, "Reply"])
    assert decisions(text, default_cleaner)[comment] == (False, "comment", "context.run")


def test_a_wire_story_s_paragraphs_between_two_ad_labels_stay(default_cleaner) -> None:
    """A wire story prints ADVERTISEMENT every few paragraphs; two labels used to take the
    short paragraphs between them as one ad run. A sentence ends an ad run; an ad's own short
    lines between its labels still go."""
    paragraphs = ["Several aftershocks followed within the hour.",
                  "The last comparable quake, in 1997, killed 23 people.",
                  "Hospitals treated patients in tents as a precaution."]
    text = "\n".join([PARAGRAPH, "ADVERTISEMENT", *paragraphs, "ADVERTISEMENT", CLOSING])
    got = decisions(text, default_cleaner)
    for paragraph in paragraphs:
        assert got[paragraph] == (True, None, None), paragraph
    assert got["ADVERTISEMENT"] == (False, "ad", "ad.label")
    text = "\n".join([PARAGRAPH, "Advertisement", "Harbour Hosting", "4.2", "Advertisement",
                      CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Harbour Hosting"] == (False, "ad", "context.run")
    assert got["4.2"] == (False, "ad", "context.run")


def test_weak_run_is_a_menu_but_two_lone_words_are_not(default_cleaner) -> None:
    menu = decisions("\n".join([PARAGRAPH, "Home", "Search", "Sign in", CLOSING]),
                     default_cleaner)
    assert menu["Search"] == (False, "nav", "context.weak-run")
    two = decisions("\n".join([PARAGRAPH, "FAQ", "About", CLOSING]), default_cleaner)
    assert two["FAQ"][0] and two["About"][0]


def test_section_and_platform_names_make_a_menu_but_a_lone_one_is_a_subheading(
        default_cleaner) -> None:
    """A site's section names and social platforms are weak tags: three in a row are a menu,
    while one alone, above the paragraph it heads, is the article's subheading."""
    menu = decisions("\n".join([PARAGRAPH, "Blog", "Resources", "Case Studies", "YouTube",
                                 CLOSING]), default_cleaner)
    assert menu["Resources"] == (False, "nav", "context.weak-run")
    assert menu["YouTube"] == (False, "share", "context.weak-run")
    lone = decisions("\n".join([PARAGRAPH, "Resources", CLOSING]), default_cleaner)
    assert lone["Resources"][0]


def test_the_gov_banners_toggle_goes_with_the_banner_but_stays_alone(default_cleaner) -> None:
    banner = ["An official website of the United States government", "Here\u2019s how you know",
              "The .gov means it\u2019s official.",
              "Federal government websites often end in .gov or .mil."]
    got = decisions("\n".join([*banner, PARAGRAPH, CLOSING]), default_cleaner)
    assert got["Here\u2019s how you know"] == (False, "boilerplate", "context.weak-run")
    assert not any(got[line][0] for line in banner)
    alone = decisions("\n".join([PARAGRAPH, "Here\u2019s how you know", CLOSING]),
                      default_cleaner)
    assert alone["Here\u2019s how you know"][0]


def test_reasons_are_from_the_closed_vocabulary(default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "Advertisement", "Related News", "- Story", CLOSING])
    for decision in default_cleaner.analyze(text).dropped():
        assert isinstance(decision.reason, Reason)


def test_listicle_items_between_read_more_links_are_kept(default_cleaner) -> None:
    text = "\n".join([
        PARAGRAPH, "Hanging planter", "A simple hanging planter adds style to any room.",
        "Continue Reading", "Wood planter box", "Another simple planter with solid sides.",
        "Read More", CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Another simple planter with solid sides."][0]
    assert got["Wood planter box"][0]
    assert got["Read More"][:2] == (False, "related")


def test_product_labels_between_shop_buttons_are_kept(default_cleaner) -> None:
    # A product roundup (wcxb dev page 766): a shop button closes one pick and the next pick's
    # label follows, before its own button. The buttons go; they anchor no run.
    text = "\n".join([
        PARAGRAPH, "The best for runners:", "See price at Amazon", "Harbour Buds Sport",
        "The best budget earbuds:", "See price at Amazon", "Quay Buds 2", CLOSING])
    got = decisions(text, default_cleaner)
    assert got["See price at Amazon"] == (False, "boilerplate", "ad.shop-button")
    assert got["The best budget earbuds:"][0]
    assert got["Harbour Buds Sport"][0]


def test_picks_between_jump_to_review_links_are_kept(default_cleaner) -> None:
    # A review roundup (wcxb dev page 4078): each pick's label, shop and price, then a link
    # to its review. As a skip link (nav) the link anchored runs that took the picks.
    text = "\n".join([
        PARAGRAPH, "The Best Budget Kettle:", "Quay Kettle at Harbour Stores", "$37",
        "Jump to Review", "The Best Splurge Kettle:", "Harbour Kettle Pro at Harbour Stores",
        "$140", "Jump to Review", CLOSING])
    got = decisions(text, default_cleaner)
    assert got["Jump to Review"] == (False, "related", "nav.read-more-link")
    assert all(got[line][0] for line in ["The Best Splurge Kettle:", "$140",
                                         "Harbour Kettle Pro at Harbour Stores"])


def test_product_names_between_price_buttons_are_kept(default_cleaner) -> None:
    # A shop widget's price buttons under each pick (wcxb dev pages): the buttons go, the
    # picks' names between them stay.
    text = "\n".join([
        PARAGRAPH, "Harbour Buds Sport", "$228 from Amazon", "$219 from Walmart",
        "Quay Buds 2", "$35 from Amazon", CLOSING])
    got = decisions(text, default_cleaner)
    assert got["$228 from Amazon"] == (False, "boilerplate", "ad.price-button")
    assert got["$35 from Amazon"] == (False, "boilerplate", "ad.price-button")
    assert got["Quay Buds 2"][0]
    assert got["Harbour Buds Sport"][0]


def test_a_footer_menu_below_the_article_goes_with_its_untagged_items(default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, CLOSING, "Solutions", "Healthcare", "Careers",
                      "Contact us", "Harbour Works Ltd"])
    got = decisions(text, default_cleaner)
    assert got["Solutions"] == (False, "nav", "context.edge-menu")
    assert got["Harbour Works Ltd"] == (False, "nav", "context.edge-menu")
    assert got["Careers"][:2] == (False, "nav")
    assert got[CLOSING][0]


def test_a_row_of_menu_links_counts_as_short_in_a_footer(default_cleaner) -> None:
    # The tenth probe's dev cases: a footer's links on one line between middle dots or bars.
    text = "\n".join([PARAGRAPH, CLOSING, "Watch on Twitch", "About · Contact · Write for us",
                      "Privacy policy | Cookie settings"])
    got = decisions(text, default_cleaner)
    assert got["About · Contact · Write for us"] == (False, "nav", "context.edge-menu")
    assert got[CLOSING][0]


MENU_ROW = "News | Sport | What's On | Property | Jobs"


def test_a_lone_row_of_menu_links_near_a_tag_is_a_menu_mid_document(default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "", MENU_ROW, "Advertisement", "", CLOSING])
    got = decisions(text, default_cleaner)
    assert got[MENU_ROW] == (False, "nav", "context.link-row")
    assert got[PARAGRAPH][0] and got[CLOSING][0]


@pytest.mark.parametrize("row, after", [
    (MENU_ROW, ["Tickets cost 12 euros at the door."]),  # no tag near it: a list in the article
    ("Buy on Amazon | Buy on Walmart", ["Advertisement"]),  # two entries
    ("Rembrandt | Vermeer | Hals", ["Painter | Born | Died", "Advertisement"]),  # a table's row
])
def test_what_is_no_lone_menu_row_stays(row: str, after: list[str], default_cleaner) -> None:
    text = "\n".join([PARAGRAPH, "", row, *after, "", CLOSING])
    assert decisions(text, default_cleaner)[row][1:] != ("nav", "context.link-row")


def test_a_table_header_row_ending_the_article_is_no_menu(default_cleaner) -> None:
    rows = ["Practice | Phone | Opening hours", "Ashcombe | 01632 960111 | Mon–Sat 8am–7pm"]
    got = decisions("\n".join([PARAGRAPH, CLOSING, *rows, "© 2026 Fernlea Vets"]),
                    default_cleaner)
    assert all(got[row][0] for row in rows)


def test_a_manuals_closing_list_of_settings_is_not_part_of_the_footer(default_cleaner) -> None:
    """A docs page ends with its deprecated options, right above the feedback widget and the
    footer menu: the settings end the footer's run, so they and their heading stay."""
    text = "\n".join([PARAGRAPH, CLOSING, "Deprecated in v2.0", "queue.size: use queue.limit",
                      "retry_delay = use retry.backoff", "Was this page helpful?", "Yes", "No",
                      "Overview", "Install", "Configure", "© 2026 Harbour Works Ltd"])
    got = decisions(text, default_cleaner)
    for line in ("Deprecated in v2.0", "queue.size: use queue.limit",
                 "retry_delay = use retry.backoff"):
        assert got[line] == (True, None, None)
    assert got["Overview"] == (False, "nav", "context.edge-menu")
    assert got["© 2026 Harbour Works Ltd"][:2] == (False, "legal")


def test_a_short_list_ending_the_article_without_a_tag_is_kept(default_cleaner) -> None:
    ingredients = ["- 500 g flour", "- 250 ml milk", "- 80 g sugar", "- 1 pinch of salt"]
    got = decisions("\n".join([PARAGRAPH, "You will need:", *ingredients]), default_cleaner)
    assert all(got[line][0] for line in ["You will need:", *ingredients])


def test_an_article_list_above_a_footer_tag_is_not_a_menu(default_cleaner) -> None:
    steps = ["Step 1", "Step 2", "Step 3"]
    text = "\n".join([PARAGRAPH, "Steps in the plan:", *steps, CLOSING, "Advertisement"])
    got = decisions(text, default_cleaner)
    assert all(got[line][0] for line in steps)  # prose (CLOSING) ends the footer run


def test_a_header_menu_goes_but_the_title_and_author_stay() -> None:
    # Rules and context only: the pass must leave the name alone; the model may still call a
    # lone name under a title a byline, which is residue by the project's definition.
    menu = ["Home", "News", "Sport", "Business", "Opinion", "Culture", "Travel"]
    text = "\n".join([*menu, "Bus lanes win", "Ana Ruiz", "March 3, 2021", PARAGRAPH, CLOSING])
    got = decisions(text, Cleaner(Config(model=False)))
    assert got["News"] == (False, "nav", "context.edge-menu")
    assert got["Travel"] == (False, "nav", "context.edge-menu")
    assert got["Bus lanes win"][0] and got["Ana Ruiz"][0]


def test_a_column_of_single_words_opening_the_document_is_a_menu_without_a_tag() -> None:
    # Menu words no rule knows (the eighth probe's Italian and Portuguese menus): four or more
    # capitalised words open the document, so they are a menu though nothing is tagged.
    menu = ["Ricette", "Ristoranti", "Vini", "Viaggi"]
    text = "\n".join([*menu, "Osteria del Lago, la cucina che non cerca effetti", PARAGRAPH,
                      CLOSING])
    got = decisions(text, Cleaner(Config(model=False)))
    for word in menu:
        assert got[word] == (False, "nav", "context.edge-menu")
    assert got["Osteria del Lago, la cucina che non cerca effetti"][0]


@pytest.mark.parametrize(("opening", "kept"), [
    # The title right above the first paragraph stays.
    (["News", "Sport", "Culture", "Weather", "Harbour"], "Harbour"),
    # A name of two words may be the author's: it stays.
    (["News", "Sport", "Culture", "Weather", "Ana Ruiz"], "Ana Ruiz"),
])
def test_the_word_column_spares_a_title_or_a_name_at_its_end(opening, kept) -> None:
    got = decisions("\n".join([*opening, PARAGRAPH, CLOSING]), Cleaner(Config(model=False)))
    assert got["Sport"] == (False, "nav", "context.edge-menu")
    assert got[kept] == (True, None, None)


def test_three_single_words_or_words_after_prose_are_no_menu(default_cleaner) -> None:
    got = decisions("\n".join(["News", "Sport", "Culture", PARAGRAPH, "Salt", "Pepper",
                               "Butter", "Flour", CLOSING]), Cleaner(Config(model=False)))
    assert all(got[word][0] for word in ("News", "Sport", "Salt", "Pepper", "Butter", "Flour"))


def test_a_title_author_and_date_alone_are_no_header_menu(default_cleaner) -> None:
    text = "\n".join(["The Harbour Blog", "Bus lanes win", "Ana Ruiz", "March 3, 2021",
                      PARAGRAPH, CLOSING])
    got = decisions(text, default_cleaner)
    assert all(got[line][0] for line in ("The Harbour Blog", "Bus lanes win", "Ana Ruiz"))


THREAD_COMMENTS = ("We tried the new bus lane on Saturday and it cut ten minutes off the trip.",
                   "Thanks Marta, glad it helped!",
                   "Does anyone know whether the night buses use it too?",
                   "They do from April, according to the timetable.",
                   "Great write-up, as always.")


def test_a_comment_thread_goes_from_its_first_entry_to_the_last_comment(default_cleaner) -> None:
    """Author lines close together, one confident, make a thread: the comments between them
    go, and so does the last comment's text, as many lines as a comment has there (entries 3,
    2 and 2 lines apart: the median, 2, less the entry's own line). A weak entry ("Owl says", a
    one-word handle) goes only inside a thread."""
    after = "Harbour Times is published by Harbour Media."
    text = "\n".join([PARAGRAPH, CLOSING, "4 Comments",
                      "Marta Lopez says:", THREAD_COMMENTS[0], THREAD_COMMENTS[1],
                      "Owl says", THREAD_COMMENTS[2],
                      "1. Jen Park says:", THREAD_COMMENTS[3],
                      "Sam Reed says:", THREAD_COMMENTS[4], after])
    got = decisions(text, default_cleaner)
    assert got["Marta Lopez says:"] == (False, "comment", "comment.author-line")
    for line in ("Owl says", *THREAD_COMMENTS[:3], THREAD_COMMENTS[4]):
        assert got[line] == (False, "comment", "context.comment-thread"), line
    # Between two confident author lines a promotional run takes the comment first.
    assert got[THREAD_COMMENTS[3]] == (False, "comment", "context.run")
    assert got[after][0]
    assert got[PARAGRAPH][0] and got[CLOSING][0]


def test_the_last_comment_stops_at_a_confident_tag_of_another_family(default_cleaner) -> None:
    footer = "© 2024 Harbour Times. All rights reserved."
    text = "\n".join([PARAGRAPH, CLOSING, "Marta Lopez says:", THREAD_COMMENTS[0],
                      THREAD_COMMENTS[1], "Owl says", THREAD_COMMENTS[2], THREAD_COMMENTS[3],
                      "Jen Park says:", THREAD_COMMENTS[4], footer, PARAGRAPH + " Again."])
    got = decisions(text, default_cleaner)
    assert got[THREAD_COMMENTS[4]] == (False, "comment", "context.comment-thread")
    assert got[footer] == (False, "legal", "legal.copyright")
    assert got[PARAGRAPH + " Again."][0]


def test_weak_entries_alone_or_two_entries_make_no_thread(default_cleaner) -> None:
    """An interview may give two speakers a line each ("Pam says"); a thread needs three
    entries, one of them a confident author line."""
    weak_only = "\n".join([PARAGRAPH, "Pam says", THREAD_COMMENTS[0], "Owl says",
                           THREAD_COMMENTS[2], "Melissa says", THREAD_COMMENTS[3], CLOSING])
    got = decisions(weak_only, default_cleaner)
    assert all(keep for keep, _, _ in got.values())
    two = "\n".join([PARAGRAPH, "Marta Lopez says:", THREAD_COMMENTS[0], "Owl says",
                     THREAD_COMMENTS[2], CLOSING])
    got = decisions(two, default_cleaner)
    assert got["Marta Lopez says:"] == (False, "comment", "comment.author-line")
    assert got[THREAD_COMMENTS[0]][0] and got["Owl says"][0] and got[THREAD_COMMENTS[2]][0]


def test_entries_too_far_apart_make_no_thread(default_cleaner) -> None:
    """Entries chain only when at most THREAD_MAX_GAP lines apart: between two distant ones
    stands the article, not a comment."""
    article = [f"{PARAGRAPH} Paragraph {number}." for number in range(13)]
    text = "\n".join(["Marta Lopez says:", THREAD_COMMENTS[0], "Jen Park says:", *article,
                      "Sam Reed says:", THREAD_COMMENTS[2], CLOSING])
    got = decisions(text, default_cleaner)
    assert all(got[line][0] for line in article)
    assert all(rule != "context.comment-thread" for _, _, rule in got.values())


LONG_COMMENT = ("We walked the whole harbour road last weekend with two children and a dog, "
                "and the new lanes made the crossing by the ferry terminal far calmer than it "
                "was last summer, though the cyclists still have nowhere to wait at the lights.")


@pytest.mark.parametrize("button", ["Reply", "ReplyDelete"])
def test_reply_buttons_are_thread_entries(button: str, default_cleaner) -> None:
    """A thread that prints a Reply button under each comment and no author line the rules
    know: the buttons are its entries (a blogging platform glues Reply and Delete into
    one line). Comments of over 40 words are too long for a promotional run; the thread
    takes them."""
    text = "\n".join([PARAGRAPH, CLOSING, "Ana", LONG_COMMENT, button, "Ben",
                      LONG_COMMENT + " Ben.", button, "Cleo", LONG_COMMENT + " Cleo.", button])
    got = decisions(text, default_cleaner)
    assert got[button] == (False, "comment", "comment.reply-button")
    for line in (LONG_COMMENT + " Ben.", LONG_COMMENT + " Cleo."):
        assert got[line] == (False, "comment", "context.comment-thread")
    assert got[PARAGRAPH][0] and got[CLOSING][0]


ARTICLE = [f"{PARAGRAPH} Part {number} of the story." for number in range(5)]


@pytest.mark.parametrize("heading", ["3 thoughts on “Bus lanes on the harbour road”",
                                     "Leave a Reply", "Comments are closed.",
                                     "Your email address will not be published."])
def test_below_a_comment_section_the_rest_of_the_page_goes(heading: str,
                                                             default_cleaner) -> None:
    """A comment section follows its article: from its opening line (its heading, its form's
    heading or notice, its placeholder) down, the comments, a name no rule knows and the footer
    go, each line with its own weak tag's reason where it has one."""
    below = ["Ana Ruiz", LONG_COMMENT, "Facebook", "Harbour Times is published by Harbour Media."]
    got = decisions("\n".join([*ARTICLE, CLOSING, heading, *below]), default_cleaner)
    assert got[heading] == (False, "comment", "comment.section-start")
    for line in ("Ana Ruiz", LONG_COMMENT, below[-1]):
        assert got[line] == (False, "comment", "context.below-comments"), line
    assert got["Facebook"] == (False, "share", "context.below-comments")
    assert all(got[line][0] for line in (*ARTICLE, CLOSING))


def test_a_comment_section_opens_only_below_the_articles_prose(default_cleaner) -> None:
    """A comment form's notice above the article (a template that prints the form first) or
    under a single paragraph takes nothing: at least BELOW_COMMENTS_MIN_PROSE words of prose
    must stand above it."""
    notice = "Your email address will not be published."
    for text in ("\n".join([notice, *ARTICLE, CLOSING]),
                 "\n".join([PARAGRAPH, notice, *ARTICLE, CLOSING])):
        got = decisions(text, default_cleaner)
        assert got[notice] == (False, "comment", "comment.section-start")
        assert all(got[line][0] for line in (*ARTICLE, CLOSING))


def test_a_comment_button_inside_the_post_is_no_section_start(default_cleaner) -> None:
    """A newsletter platform prints "Leave a comment" inside the post, and a bare count can
    stand under a title: they go alone, and the article below them stays."""
    for button in ("Leave a comment", "12 Comments"):
        got = decisions("\n".join([*ARTICLE[:3], button, *ARTICLE[3:], CLOSING]),
                        default_cleaner)
        assert got[button] == (False, "comment", "comment.widget")
        assert all(got[line][0] for line in (*ARTICLE, CLOSING))


BIO = ("Marta Lopez is a freelance writer based in Leeds. She covers transport and housing, "
       "and her first book, on the city's tram, came out in 2021.")
BIO_MORE = ("Before that she spent ten years at the Harbour Times, where she ran the city desk "
            "and won two regional awards for her reporting.")


def test_an_author_bio_goes_with_its_heading(default_cleaner) -> None:
    """Under "About the author": the name and role lines, the bio's paragraphs (a later one
    continues it when it names the person or uses a pronoun) and the link that closes the box,
    each for the meta reason; the related block under it is its own."""
    footer = "Harbour Times is published by Harbour Media, a member of the regional press council."
    text = "\n".join([PARAGRAPH, CLOSING, "About the Author", "Marta Lopez", "Transport Editor",
                      BIO, BIO_MORE, "Connect with Marta", "Related Articles",
                      "- Ferry fares rise again", footer])
    got = decisions(text, default_cleaner)
    assert got["About the Author"] == (False, "meta", "meta.author-bio-header")
    for line in ("Marta Lopez", "Transport Editor", BIO, BIO_MORE, "Connect with Marta"):
        assert got[line] == (False, "meta", "context.author-bio"), line
    assert got["- Ferry fares rise again"] == (False, "related", "context.related-block")
    assert got[PARAGRAPH][0] and got[CLOSING][0] and got[footer][0]


def test_a_box_of_several_authors_takes_each_named_bio(default_cleaner) -> None:
    second = ("Jen Park leads the data team at the Harbour Times and teaches statistics at the "
              "city college.")
    text = "\n".join([PARAGRAPH, "About the authors", "Marta Lopez", BIO, "Jen Park", second])
    got = decisions(text, default_cleaner)
    for line in ("Marta Lopez", BIO, "Jen Park", second):
        assert got[line] == (False, "meta", "context.author-bio"), line


def test_the_article_after_an_author_box_at_the_top_stays(default_cleaner) -> None:
    """An author box may stand above the article: what follows it must open as a bio (a
    name and what the person is or does), so the article's first paragraph stays, and so does
    a paragraph after the bio that does not name the person."""
    top = "\n".join(["About the Author", "The Motley Fool has a disclosure policy.",
                     PARAGRAPH, CLOSING])
    got = decisions(top, default_cleaner)
    assert got["About the Author"] == (False, "meta", "meta.author-bio-header")
    assert all(got[line][0] for line in ("The Motley Fool has a disclosure policy.", PARAGRAPH,
                                         CLOSING))
    bio_then_article = "\n".join(["About the Author", BIO, PARAGRAPH, CLOSING])
    got = decisions(bio_then_article, default_cleaner)
    assert got[BIO] == (False, "meta", "context.author-bio")
    assert got[PARAGRAPH][0] and got[CLOSING][0]


def test_a_later_heading_in_an_author_box_must_name_someone_in_the_bio(default_cleaner) -> None:
    """After the first person, a short line opens another only when the paragraph under it
    names someone of its lines: an FAQ heading and its first question stay."""
    question = "Which is the best electric bus?"
    answer = ("The double-decker ordered last year has the longest range of any bus the city has "
              "tried, the council's report says.")
    text = "\n".join([PARAGRAPH, "About the Author", "Marta Lopez", BIO, "FAQ", question, answer])
    got = decisions(text, default_cleaner)
    assert got[BIO] == (False, "meta", "context.author-bio")
    assert all(got[line][0] for line in ("FAQ", question, answer))


@pytest.mark.parametrize(("byline", "bio"), [
    ("By Marta Lopez | 12 March 2026", BIO),
    # The thirteenth probe's kind in Italian: the byline's name, then what she is.
    ("Pubblicato il 9 ottobre 2026 da Giulia Ranieri",
     "Giulia Ranieri è sommelier AIS e dal 2018 cura la selezione dei vini dell'enoteca."),
])
def test_a_bio_without_a_heading_goes_after_the_articles_end(byline: str, bio: str,
                                                             default_cleaner) -> None:
    """At the page's foot, soon after a confident tag, a paragraph that opens with the
    byline's name and a verb of what the person is or does is the author's bio."""
    text = "\n".join(["Harbour lanes extended", byline, PARAGRAPH, CLOSING, "",
                      "Share this article", "", bio])
    got = decisions(text, default_cleaner)
    assert got[byline][1] == "meta"
    assert got[bio] == (False, "meta", "context.footer-bio")


def test_a_bio_without_a_heading_goes_right_before_the_pages_foot(default_cleaner) -> None:
    """The article's last paragraph may be its author's bio, with the foot's first tag right
    under it (a dev case's "Orla Penhallow is Trackline's senior gear editor ...")."""
    text = "\n".join(["Harbour lanes extended", "By Marta Lopez | 12 March 2026", PARAGRAPH,
                      CLOSING, BIO, "Comments (17)"])
    got = decisions(text, default_cleaner)
    assert got[BIO] == (False, "meta", "context.footer-bio")
    assert got[CLOSING][0]


def test_a_paragraph_naming_the_author_stays_inside_the_article_or_unlike_a_bio(
        default_cleaner) -> None:
    """Inside the article (no tag just above), or without the byline's name, or without a
    verb of what the person is, the paragraph stays."""
    inside = ("Marta Lopez is one of forty residents who signed the petition, she said at the "
              "meeting on Tuesday.")
    other = "Jen Park is a freelance writer based in Leeds who covers transport and housing."
    quoted = "Marta Lopez said the lanes would be finished by the summer, weather permitting."
    text = "\n".join(["Harbour lanes extended", "By Marta Lopez | 12 March 2026", PARAGRAPH,
                      inside, CLOSING, "", "Share this article", "", other, quoted])
    got = decisions(text, default_cleaner)
    assert all(got[line][0] for line in (inside, other, quoted))


@pytest.mark.parametrize("box", [
    # A dev page's kind: the label, then the bio with the person's full name.
    ["Written By", BIO],
    # Name and role lines under the label; the bio names the person by the first name only.
    ["Author", "Marta Lopez", "Freelance journalist",
     "Marta covers the city's transport for the Harbour Times, as she has since 2019. Before she "
     "joined, she spent ten years on the city desk."],
])
def test_a_byline_label_at_the_foot_heads_the_authors_bio(box: list[str],
                                                          default_cleaner) -> None:
    """A byline's label on its own line ("Written By", "Author") under the article heads the
    author's box as "About the author" does: on the wcxb and readability dev pages it took 175
    residue lines that stayed (bios, name and role lines) and no article line."""
    text = "\n".join([PARAGRAPH, CLOSING, "", *box, "", "Trending", "- Ferry fares rise again"])
    got = decisions(text, default_cleaner)
    assert got[box[0]][:2] == (False, "meta")  # the label, by its own rule or the box's
    for line in box[1:]:
        assert got[line] == (False, "meta", "context.author-bio"), line
    assert got[PARAGRAPH][0] and got[CLOSING][0]


@pytest.mark.parametrize("opening", [
    # One capitalised word before a verb: an article's opening, not a name.
    "When I was evaluating this automation, I was confused about which tool to go with, and "
    "the documentation did not help.",
    "Exercising is tough, but finding earbuds that keep up with you should not be, so we "
    "tested twenty pairs.",
    # The first person: an essay's opening under its byline.
    "I'm still not zero waste, and I will never be, but the last two years taught me a lot.",
    # A full name the byline's name lines do not hold: a profile's subject.
    "Jen Park is a nurse who has worked night shifts at the city hospital for eleven years.",
])
def test_an_article_under_its_byline_label_stays(opening: str, default_cleaner) -> None:
    """Under a label and the byline's name, the article's first paragraph must name that
    person and open as a bio to go; three dev pages' openings stayed only so."""
    text = "\n".join(["Harbour lanes extended", "By", "Marta Lopez", opening, PARAGRAPH,
                       CLOSING])
    got = decisions(text, default_cleaner)
    assert all(got[line][0] for line in (opening, PARAGRAPH, CLOSING))


def test_a_grid_of_teaser_cards_goes_between_its_stamps(default_cleaner) -> None:
    """Cards of a title, a summary, a date and a reading time: the titles and summaries between
    the first and the last stamp are teasers (context.card-run)."""
    cards = []
    for title, summary, date in [
            ("Top 35 performance agencies in 2026", "Our pick of partners for paid media.",
             "Dec 18, 2025"),
            ("20 digital agencies in the USA", "A hand-picked list for your next project.",
             "Dec 17, 2025"),
            ("Finding the best CRO agency", "Traffic is easy to buy; conversions are not.",
             "Dec 12, 2025")]:
        cards += [title, summary, date, "11 min read"]
    got = decisions("\n".join([PARAGRAPH, CLOSING, "Read more from our experts", *cards]),
                    default_cleaner)
    assert got["20 digital agencies in the USA"] == (False, "related", "context.card-run")
    assert got["A hand-picked list for your next project."] == (
        False, "related", "context.card-run")
    assert got[CLOSING] == (True, None, None)


def test_an_events_list_with_dates_but_no_reading_times_stays(default_cleaner) -> None:
    events = ["Sat 14 June 2025", "Harbour swim", "Meet at the slipway at 8am.",
              "Sun 15 June 2025", "Cliff path walk", "Bring water and boots.",
              "Sat 21 June 2025", "Lifeboat open day", "Tours of the station all day."]
    got = decisions("\n".join([PARAGRAPH, *events, CLOSING]), default_cleaner)
    assert got["Cliff path walk"] == (True, None, None)
    assert got["Bring water and boots."] == (True, None, None)


BOOKING_PARAGRAPH = ("If your dog shows any of the signs above, please don't wait for a routine "
                     "appointment: call your practice and tell the receptionist what you have seen.")


@pytest.mark.parametrize("heading", ["Get in touch", "Book now", "Skip"])
def test_a_button_that_heads_a_paragraph_is_kept(heading: str, default_cleaner) -> None:
    # Dev cases of a dentist, a vet, a school and a pet shop: a section's heading in words a
    # button also uses, a blank line above it and its paragraph right below.
    text = "\n".join([PARAGRAPH, "", heading, BOOKING_PARAGRAPH, "", CLOSING])
    assert decisions(text, default_cleaner)[heading] == (True, None, None)


@pytest.mark.parametrize(("lines", "button", "rule"), [
    # A blank line between the button and the paragraph: the button stands alone.
    (["Book now", "", BOOKING_PARAGRAPH], "Book now", "promo.cta-button"),
    # Right under other text, not at a section's start: a button in a row of them.
    (["Share this post", "Get in touch", BOOKING_PARAGRAPH], "Get in touch", "nav.site-link"),
    # Above a short pitch, not a sentence of prose.
    (["Book now", "Tables for two from £25."], "Book now", "promo.cta-button"),
])
def test_a_button_that_heads_no_paragraph_still_goes(lines: list[str], button: str, rule: str,
                                                     default_cleaner: Cleaner) -> None:
    text = "\n".join([PARAGRAPH, "", *lines, "", CLOSING])
    assert decisions(text, default_cleaner)[button][2] == rule


RELEASE_FOOTER = ["Share this release", "LinkedIn", "X", "Email", "Back to top",
                  "Privacy policy · Cookie settings · Terms of use"]


@pytest.mark.parametrize("block", [
    ["Media contact:", "Lars Abernethy", "press@fennwick-robotics.example"],
    # The name and the role run longer than a menu's entries: the heading stands above the
    # point where the run of short lines stops.
    ["Media contact", "Sunniva Krane", "Head of Communications, Brekkvik Marine Systems",
     "+47 555 01 234", "press@brekkvik-marine.example"],
])
def test_a_press_releases_own_contact_block_at_the_foot_stays(block: list[str],
                                                              default_cleaner) -> None:
    # Two dev releases: the corpus guidelines keep a release's own contact block, which the
    # footer's menu run used to take.
    text = "\n".join([PARAGRAPH, "", *block, "", *RELEASE_FOOTER])
    got = decisions(text, default_cleaner)
    assert all(got[line] == (True, None, None) for line in block)
    assert got["Share this release"][0] is False


def test_a_media_link_in_a_footer_menu_is_no_contact_block() -> None:
    # "Media Inquiries" as one more footer link, with no address or number under it.
    rules_only = Cleaner(Config(model=False))
    footer = ["About us", "Careers", "Media Inquiries", "Investors", "Contact", "Sitemap",
              "Privacy policy · Cookie settings · Terms of use"]
    got = decisions("\n".join([PARAGRAPH, "", *footer]), rules_only)
    assert not any(got[line][0] for line in footer)
