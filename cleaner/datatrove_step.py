"""A datatrove pipeline step that cleans each Document's text with cleaner.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.datatrove_step import CleanerStep

    if __name__ == "__main__":  # datatrove's workers import the main module
        LocalPipelineExecutor([JsonlReader("crawl/"), CleanerStep(drop_empty=True),
                               JsonlWriter("clean/")], tasks=8, workers=8).run()

Needs the `datatrove` extra (`pip install 'cleaner[datatrove]'`); nothing else in cleaner
imports this module or datatrove.
"""

from __future__ import annotations

import functools

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

from cleaner.batch_work import field_text
from cleaner.config import Config
from cleaner.pipeline import Cleaner

#: The key of a document's metadata that receives cleaner's counts.
METADATA_KEY = "cleaner"
#: The reason datatrove records (as the `dropped_cleaned_empty` stat, and as `filter_reason`
#: for an exclusion writer) for a document dropped because cleaning left no text.
EMPTY_REASON = "cleaned_empty"


class CleanerStep(BaseFilter):
    """Cleans `Document.text` in place and records what went in its metadata and the stats.

    `doc.metadata["cleaner"]` becomes `{"dropped_lines": {reason: lines}, "kept_lines": n}`
    (reasons as in `Result.counts_by_reason()`: blank lines removed when collapsing a run are
    not counted), and the step's stats count `lines_dropped_<reason>` and `lines_kept`. The
    text keeps the input's final line break or its absence, as `cleaner clean` does for a
    JSONL field, so a document with nothing to drop passes unchanged.

    config: the Config to clean with (default: `Config()`); keyword arguments such as
        `precision="high"` or `threshold=0.7` replace its fields.
    drop_empty: drop the documents that cleaning leaves without text (reason
        "cleaned_empty"); an `exclusion_writer` gets them with their text uncleaned.

    The Cleaner is built on first use, in the worker that runs the step: the step is pickled
    to every datatrove task, and only its Config travels.
    """

    name = "🧹 cleaner"

    def __init__(self, config: Config | None = None, *, drop_empty: bool = False,
                 exclusion_writer: DiskWriter | None = None, **config_changes: object) -> None:
        super().__init__(exclusion_writer)
        # Validated here, in the process that builds the pipeline, so that a bad value fails
        # before any task starts (ConfigError; TypeError for an unknown field).
        self.config = (config or Config()).replace(**config_changes)
        self.drop_empty = drop_empty

    @functools.cached_property
    def cleaner(self) -> Cleaner:
        return Cleaner(self.config)

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        result = self.cleaner.analyze(doc.text)
        dropped = {reason.value: count for reason, count in result.counts_by_reason().items()}
        kept = sum(line.keep for line in result.lines)
        doc.metadata[METADATA_KEY] = {"dropped_lines": dropped, "kept_lines": kept}
        for reason, count in dropped.items():
            self.stat_update(f"lines_dropped_{reason}", value=count)
        self.stat_update("lines_kept", value=kept)
        text = field_text(result.text, doc.text)
        if self.drop_empty and not text.strip():
            # Dropped as it came, so that an exclusion writer keeps the text for review.
            return False, EMPTY_REASON
        doc.text = text
        return True
