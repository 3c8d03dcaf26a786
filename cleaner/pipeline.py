"""The pipeline, read top to bottom: segment -> tag -> revise with context -> decide -> join."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from cleaner import context, features, policy
from cleaner.config import Config
from cleaner.errors import InputTypeError
from cleaner.lines import is_blank, join_lines, split_lines
from cleaner.model import MODEL_RULES, Ensemble, LineModel, judged_by, load_model
from cleaner.result import LineDecision, Result
from cleaner.ruleset import Rule, load_rules, shipped_rule_files
from cleaner.tagging import LineTags, Tag, Tagger

logger = logging.getLogger(__name__)

#: The pipeline runs again on the lines a pass kept until a pass drops nothing, so that
#: cleaning its own output changes nothing (context and the model read a line's neighbours and
#: position, which a removal changes). Passes after the second rarely drop anything; this caps
#: the work on a pathological document, where idempotence may then fail.
MAX_PASSES = 6
#: The model judges a text only when at least this many non-blank lines are in play: it
#: learned lines in their page, by their neighbours and position, and a fragment of a few
#: lines has neither (the rules alone clean it, exactly as with the model off). At 3, the
#: shipped model dropped the last line of "One. / Advertisement / Two." as a page footer; the
#: training pages have dozens of lines.
MODEL_MIN_LINES = 10


def check_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise InputTypeError("cleaner takes str, not bytes: decode first, "
                             "e.g. data.decode('utf-8', errors='replace')")
    raise InputTypeError(f"cleaner takes str, not {type(text).__name__}: pass the article text")


class Cleaner:
    """Compiled rules and the loaded model for one Config. Build once, reuse; safe across
    threads.

    Pickling sends only the config; the receiving process compiles its own rules (and reads
    the model file once per process), so handing a Cleaner to worker processes is cheap.
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        rules: tuple[Rule, ...] = (
            load_rules([*shipped_rule_files(), *self.config.extra_rule_files])
            if self.config.rules else ())
        self.tagger = Tagger(rules, self.config.regex_timeout)
        # The model file is read here, on the first Cleaner that wants it (never at import),
        # and kept for the process; a bad or mismatched file fails construction.
        self.model: LineModel | None = (load_model(self.config.model_path)
                                        if self.config.model else None)
        # The ensembles that may drop a line, by the rule their drops carry, and the
        # probability a drop needs; one whose threshold is 1 never drops, and is not run.
        self.ensembles: dict[str, Ensemble] = {}
        self.model_thresholds: dict[str, float] = {}
        for rule in sorted(MODEL_RULES) if self.model is not None else ():
            ensemble = self.model.ensemble(rule)
            if ensemble is not None:
                bar = ensemble.threshold_for(self.config.precision, self.config.threshold)
                if bar < 1.0:
                    self.ensembles[rule], self.model_thresholds[rule] = ensemble, bar

    def __getstate__(self) -> Config:
        return self.config

    def __setstate__(self, config: Config) -> None:
        self.__init__(config)  # type: ignore[misc]

    def analyze(self, text: str) -> Result:
        lines = split_lines(check_text(text))
        each = self.tagger.tag_each(lines)
        tags = self.tagger.limit(each)
        warnings = [f"line {index + 1}: regex timeout in {', '.join(line_tags.timed_out)}; "
                    "those rules were skipped for this line"
                    for index, line_tags in enumerate(tags) if line_tags.timed_out]
        threshold = self.config.drop_threshold
        # What the lines' own rule tags keep: the over-cleaning guard measures that text.
        own = policy.own_keeps(tags, threshold)
        decisions: list[LineDecision] | None = None
        guarded = False
        if (self.model_thresholds
                and sum(not is_blank(line) for line in lines) >= MODEL_MIN_LINES):
            decisions = self._passes(lines, each, tags, with_model=True)
            share = policy.excess_share(decisions, own, self.config.max_drop_share)
            if share is not None:
                # Too much would go: undo the model's drops, then the rules' own guard decides.
                if any(d.rule in MODEL_RULES for d in decisions if not d.keep):
                    warnings.append(
                        f"over-cleaning guard: with the model's drops {share:.0%} of the text "
                        f"the lines' own rule tags keep would go (limit "
                        f"{self.config.max_drop_share:.0%}); the model's drops were undone")
                decisions = None
                guarded = True
        if decisions is None:
            decisions = self._passes(lines, each, tags, with_model=False)
            share = policy.excess_share(decisions, own, self.config.max_drop_share)
            if share is not None:
                warnings.append(
                    f"over-cleaning guard: context revision would drop {share:.0%} of the text "
                    f"the lines' own rule tags keep (limit {self.config.max_drop_share:.0%}); "
                    "kept to those tags")
                decisions = policy.decide(lines, tags, {}, threshold)
                guarded = True
        if guarded:
            decisions = self._settled(decisions, warnings)
        for warning in warnings:
            logger.debug("%s", warning)
        return Result(join_lines(d.text for d in decisions if d.keep), tuple(decisions),
                      tuple(warnings))

    def clean(self, text: str) -> str:
        return self.analyze(text).text

    def _settled(self, decisions: list[LineDecision], warnings: list[str]
                 ) -> list[LineDecision]:
        """`decisions` after a guard fell back, with what cleaning their kept text again drops
        dropped too (its reason and rule, its warnings added), so that cleaning the output
        again changes nothing. A fallback keeps lines that the shorter text no longer
        protects: "Recommended for you" above a short footer made it a related block too
        large for the guard, and once the header was gone the footer was an edge menu."""
        kept = [decision for decision in decisions if decision.keep]
        if all(decision.keep or is_blank(decision.text) for decision in decisions):
            return decisions  # the same lines would meet the same guard: nothing to settle
        again = self.analyze(join_lines(decision.text for decision in kept))
        if len(again.lines) != len(kept) or all(decision.keep for decision in again.lines):
            return decisions
        warnings.extend(again.warnings)
        dropped = {decision.index: dataclasses.replace(verdict, index=decision.index)
                   for decision, verdict in zip(kept, again.lines) if not verdict.keep}
        return [dropped.get(decision.index, decision) for decision in decisions]

    def _passes(self, lines: Sequence[str], each: Sequence[LineTags], tags: Sequence[LineTags],
                with_model: bool) -> list[LineDecision]:
        """Rules and context (and the model) over the non-blank lines, repeated on the lines a
        pass kept until a pass drops nothing (see MAX_PASSES).

        A removal changes what the next pass sees: the neighbours that context blocks and edge
        menus read, how many lines a rule with `max_hits` tags, the model's features. Running
        to a fixed point is what makes cleaning the output again change nothing. The
        over-cleaning guard (in `analyze`) measures the text the lines' own tags keep, which
        is what cleaning the output again starts from, so it too decides alike both times."""
        threshold = self.config.drop_threshold
        active = [index for index, line in enumerate(lines) if not is_blank(line)]
        shapes = (dict(zip(active, features.line_shapes(lines[index].strip()
                                                        for index in active)))
                  if with_model else {})
        # Which ensemble judges a line depends on the line alone: found once, not per pass.
        judgeable = {index: rule for index, shape in shapes.items()
                     if (rule := judged_by(shape, lines[index], self.ensembles)) is not None}
        verdicts: dict[int, LineDecision] = {}
        sub_tags = [tags[index] for index in active]  # the first pass: the whole text's limits
        for _ in range(MAX_PASSES):
            sub_lines = [lines[index] for index in active]
            # Where the text had a blank line: a related box's end (related_lists._list_members).
            breaks = context.blank_breaks(lines, active)
            if self.config.context:
                sub_tags = context.without_heading_buttons(sub_lines, sub_tags, breaks)
            revised = (context.revise(sub_lines, sub_tags, threshold, breaks)
                       if self.config.context else {})
            model_tags = (self._model_tags(active, sub_lines, sub_tags, shapes, judgeable,
                                           revised if self.config.context else None, breaks)
                          if with_model else None)
            kept = []
            for decision in policy.judge(sub_lines, sub_tags, revised, threshold, model_tags,
                                         self.model_thresholds, active):
                verdicts[decision.index] = decision
                if decision.keep:
                    kept.append(decision.index)
            if len(kept) == len(active):
                break
            active = kept
            sub_tags = self.tagger.limit([each[index] for index in active])
        return policy.collapse_blanks([verdicts.get(index) or LineDecision(index, line, True)
                                       for index, line in enumerate(lines)])

    def _model_tags(self, active: Sequence[int], sub_lines: Sequence[str],
                    sub_tags: Sequence[LineTags], shapes: Mapping[int, features.LineShape],
                    judgeable: Mapping[int, str],
                    revised: Mapping[int, Tag] | None,
                    breaks: AbstractSet[int] = frozenset()) -> list[Tag | None]:
        """The model's tag of each active line an ensemble judges (`judgeable`: the line's
        index -> the ensemble's rule, see model.judged_by), None for the others, and None for
        all when a later pass has left too few lines to judge (MODEL_MIN_LINES). `breaks` as
        in context.revise, for the feature context."""
        assert self.model is not None
        model_tags: list[Tag | None] = [None] * len(active)
        if len(active) < MODEL_MIN_LINES:
            return model_tags
        feature_context = (revised if revised is not None
                           and self.config.drop_threshold == features.FEATURE_CONTEXT_THRESHOLD
                           else None)
        judged = [position for position, index in enumerate(active) if index in judgeable]
        rows = features.pass_rows(sub_lines, sub_tags, [shapes[index] for index in active],
                                  feature_context, judged, self.model.lexicon, breaks)
        reason = self.model.reason
        for position, row in zip(judged, rows):
            rule = judgeable[active[position]]
            model_tags[position] = Tag(reason, rule, self.ensembles[rule].probability(row))
        return model_tags
