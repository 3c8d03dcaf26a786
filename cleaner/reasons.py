"""The closed vocabulary of reasons a line is dropped.

Every dropped line carries exactly one of these; summaries count by them and rule files are
validated against them. Adding a member is an API change: the corpus, the rule files and the
model all refer to these values by name.
"""

from __future__ import annotations

import enum


class Reason(enum.Enum):
    PROMO = "promo"  # newsletter, sign-up, subscribe, podcast, app and membership pitches
    RELATED = "related"  # "More from X", "Related", "Go deeper" and the teaser lists under them
    CAPTION = "caption"  # photo and video captions, image credits
    EMBED = "embed"  # social and live-blog embed residue (tweets, "View this post on Instagram")
    SHARE = "share"  # share and follow prompts, social buttons
    AD = "ad"  # advertisement labels, sponsored markers
    LEGAL = "legal"  # cookie notices, copyright lines, terms and privacy links
    META = "meta"  # timestamps, bylines, reading time, editor's notes about the page itself
    NAV = "nav"  # menus, breadcrumbs, "skip to content", pagination
    COMMENT = "comment"  # reader-comment widgets ("Leave a reply", "12 comments") and threads
    BOILERPLATE = "boilerplate"  # residue of no specific family (the learned model's generic call)
    BLANK = "blank"  # a blank line removed when runs of blank lines are collapsed

    @classmethod
    def parse(cls, value: str) -> Reason:
        """The member named `value`; raises ValueError listing the vocabulary otherwise."""
        try:
            return cls(value)
        except ValueError:
            known = ", ".join(member.value for member in cls)
            raise ValueError(f"unknown reason {value!r}; expected one of: {known}") from None


#: Reasons a labelled corpus line or a rule may carry (BLANK is the joiner's own).
RESIDUE_REASONS: tuple[Reason, ...] = tuple(r for r in Reason if r is not Reason.BLANK)
