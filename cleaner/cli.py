"""The `cleaner` command: a thin shell over the library and the batch modules.

Exit codes: 0 all inputs cleaned, 1 some inputs failed (each one named on stderr),
2 usage error (nothing was written), 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import zlib
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import ModuleType

import cleaner
from cleaner.batch_io import FORMATS, format_of, jsonl_lines, read_bytes
from cleaner.batch_plan import STDIN, Plan, UsageError, plan_batch
from cleaner.batch_run import Batch, Progress, Runner, read_error, run_ordered
from cleaner.batch_work import EXTRACTORS, Settings, Task, init_worker, process
from cleaner.config import PRECISION_THRESHOLDS, Config
from cleaner.errors import CleanerError, ConfigError, EngineError

#: Where `cleaner clean` runs the work: worker processes here, or a Dask cluster.
ENGINES = ("local", "dask")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["bench"]:
        return _delegate("cleaner.bench", "bench", args_list[1:])
    if args_list[:1] == ["train"]:
        return _delegate("cleaner.train", "train", args_list[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
        return args.run(args)
    except SystemExit as exit_:  # argparse's own exits (--help, --version, bad options)
        return exit_.code if isinstance(exit_.code, int) else 2
    except EngineError as error:
        print(f"cleaner: {error}; outputs already written are complete (rerun with --resume)",
              file=sys.stderr)
        return 1
    except (UsageError, CleanerError) as error:  # CleanerError: rules or model will not load
        print(f"cleaner: {error}", file=sys.stderr)
        return 2
    except BrokenProcessPool:
        print("cleaner: a worker process died (out of memory?); outputs already written are "
              "complete (rerun with --resume and fewer --jobs)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cleaner: interrupted; outputs already written are complete "
              "(rerun with --resume to go on)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): not an error of ours. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Remove boilerplate lines from scraped article text, "
                                    "and say why.")
    parser.add_argument("--version", action="version", version=f"cleaner {cleaner.__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--format", choices=FORMATS,
                        help="input format for every input (default: from the file name; "
                             "stdin: txt)")
    shared.add_argument("--field", default="text",
                        help="JSONL: the field holding the text (default: text)")
    shared.add_argument("--extractor", choices=EXTRACTORS, default="trafilatura",
                        help="HTML: the text extractor (default: trafilatura)")
    shared.add_argument("--precision", choices=sorted(PRECISION_THRESHOLDS), default="balanced",
                        help="preset: high drops only near-certain residue, recall also "
                             "doubtful lines and sentences (default: balanced)")
    shared.add_argument("--threshold", type=float, metavar="X",
                        help="drop lines scored at least X (0-1); overrides --precision")

    clean = commands.add_parser(
        "clean", parents=[shared], help="clean files, folders or stdin",
        description="Clean inputs into OUT (a folder mirroring the inputs, or one file), "
                    "or to stdout without -o.")
    clean.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="a .txt, .html/.htm, .jsonl or .jsonl.gz file, a folder, or - "
                            "for stdin")
    clean.add_argument("-o", "--output", metavar="OUT", help="output folder or file "
                       "(default: stdout)")
    clean.add_argument("--jobs", type=int, metavar="N",
                       help="worker processes (0: one per CPU; default: 1, or one per CPU "
                            "for --engine dask's local cluster)")
    clean.add_argument("--engine", choices=ENGINES, default="local",
                       help="where the work runs: local processes, or a Dask cluster "
                            "(needs the dask extra; default: local)")
    clean.add_argument("--scheduler", metavar="ADDRESS",
                       help="--engine dask: the scheduler to use, e.g. tcp://host:8786 "
                            "(default: start a local cluster of --jobs workers)")
    clean.add_argument("--resume", action="store_true",
                       help="skip inputs whose output already exists (outputs are written "
                            "atomically, so an existing one is complete)")
    clean.add_argument("--explain", metavar="FILE.jsonl",
                       help="write every line's decision, one JSON record per document")
    clean.add_argument("--report", metavar="FILE.html",
                       help="write a self-contained HTML page to review the batch")
    clean.add_argument("-q", "--quiet", action="store_true",
                       help="no progress bar and no summary line (errors still shown)")
    clean.set_defaults(run=run_clean)

    explain = commands.add_parser(
        "explain", parents=[shared], help="show every line's decision for one document",
        description="Print a table of each line's decision, reason, rule and score.")
    explain.add_argument("file", metavar="FILE", help="a .txt, .html or .jsonl(.gz) file, "
                                                      "or - for stdin")
    explain.add_argument("--record", type=int, metavar="N",
                         help="JSONL: the record on line N (default: the first record)")
    explain.set_defaults(run=run_explain)

    commands.add_parser("bench", add_help=False,
                        help="benchmark (see `cleaner bench --help`)")
    commands.add_parser("train", add_help=False,
                        help="train the line model on pages with gold (see `cleaner train "
                             "--help`; needs the train extra)")
    return parser


def run_clean(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per CPU) or more")
    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler names a Dask scheduler: add --engine dask")
    if args.scheduler is not None and args.jobs is not None:
        raise UsageError("--jobs sizes the local cluster; with --scheduler the cluster's own "
                         "workers do the work (leave out --jobs)")
    if args.resume and args.output is None:
        raise UsageError("--resume needs -o: it skips outputs that already exist")
    dask_engine = _dask_engine() if args.engine == "dask" else None
    plan = plan_batch(args.inputs, args.output, args.format, [args.explain, args.report])
    _check_extractor(args.extractor, plan)
    settings = Settings(_config(args), args.field, args.extractor,
                        keep_decisions=bool(args.explain or args.report))
    progress = Progress(plan.input_bytes(), sys.stderr,
                        enabled=sys.stderr.isatty() and not args.quiet)
    for note in plan.notes:
        progress.say(f"cleaner: {note}")
    with contextlib.ExitStack() as stack:
        runner: Runner = run_ordered
        jobs = 1 if args.jobs is None else args.jobs or os.cpu_count() or 1
        if dask_engine is not None:
            cluster = stack.enter_context(dask_engine.dask_runner(
                args.scheduler, args.jobs or os.cpu_count() or 1))
            runner, jobs = cluster, cluster.threads
            if not args.quiet:
                progress.say(f"cleaner: on the {cluster.describe()}")
        batch = Batch(progress, _path(args.explain), _path(args.report), runner)
        totals = batch.run(plan, settings, jobs, args.resume)
        if not args.quiet:
            print(f"cleaner: {totals.summary()}", file=sys.stderr)
    return 1 if totals.failed_files or totals.failed_records else 0


def run_explain(args: argparse.Namespace) -> int:
    path = None if args.file == STDIN else Path(args.file)
    fmt = args.format or ("txt" if path is None else format_of(path))
    if fmt is None:
        raise UsageError(f"{args.file}: cannot tell the format from the name; pass --format")
    _check_extractor(args.extractor, fmt)
    label = "<stdin>" if path is None else args.file
    try:
        task = _explain_task(path, fmt, args.record)
    except (OSError, EOFError, zlib.error) as error:
        print(f"cleaner: {label}: {read_error(error)}", file=sys.stderr)
        return 1
    if task is None:
        raise UsageError(f"{label}: no JSON record on line {args.record} (see --record)"
                         if args.record else f"{label}: no records")
    init_worker(Settings(_config(args), args.field, args.extractor, keep_decisions=True))
    outcome = process(task)
    where = label if task.line is None else f"{label}:{task.line}"
    if outcome.output is None:
        print(f"cleaner: {where}: {outcome.error}", file=sys.stderr)
        return 1
    print(explain_table(where, outcome.decisions, outcome.warnings))
    return 0


def explain_table(title: str, decisions: Sequence[cleaner.LineDecision],
                  warnings: Sequence[str]) -> str:
    dropped = [d for d in decisions if not d.keep]
    rule_width = max([len("rule"), *(len(d.rule or "") for d in decisions)])
    rows = [f"{title}: {len(decisions)} lines, {len(dropped)} dropped",
            f"{'#':>5}  {'verdict':7}  {'reason':11}  {'rule':{rule_width}}  score  text"]
    for d in decisions:
        rows.append(f"{d.index:>5}  {'keep' if d.keep else 'DROP':7}  "
                    f"{d.reason.value if d.reason else '':11}  {d.rule or '':{rule_width}}  "
                    f"{d.score:5.2f}  {d.text}")
    rows.extend(f"warning: {warning}" for warning in warnings)
    return "\n".join(rows)


def _explain_task(path: Path | None, fmt: str, record: int | None) -> Task | None:
    """The document to explain; for JSONL the record on line `record` (default: the first),
    or None when that line holds no record."""
    if fmt != "jsonl":
        return Task(fmt, read_bytes(path))
    for number, line, _ in jsonl_lines(path):
        if record is None or number == record:
            return Task("record", line, number)
        if number > record:
            break
    return None


def _config(args: argparse.Namespace) -> Config:
    try:
        return Config(precision=args.precision, threshold=args.threshold)
    except ConfigError as error:
        raise UsageError(str(error)) from None


def _check_extractor(name: str, plan_or_format: Plan | str) -> None:
    """Fail before any work when HTML is to be read and the extractor cannot be imported."""
    formats = ({plan_or_format} if isinstance(plan_or_format, str)
               else {source.fmt for source in plan_or_format.sources})
    if "html" not in formats:
        return
    try:
        importlib.import_module("resiliparse.extract.html2text" if name == "resiliparse"
                                else "trafilatura")
    except ImportError as error:
        raise UsageError(f"--extractor {name}: cannot import it ({error}); install it, "
                         f"e.g. pip install {name}") from None


def _dask_engine() -> ModuleType:
    """cleaner.dask_engine, imported only for --engine dask; a usage error without Dask."""
    try:
        return importlib.import_module("cleaner.dask_engine")
    except ImportError as error:
        if (error.name or "").partition(".")[0] not in ("dask", "distributed"):
            raise
        raise UsageError(f"--engine dask: cannot import {error.name} ({error}); install it "
                         "with pip install 'cleaner[dask]'") from None


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _delegate(module_name: str, command: str, argv: list[str]) -> int:
    """Run a subcommand that lives in its own module, imported only when it is asked for."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        print(f"cleaner: {command} is not available in this installation "
              f"({module_name.replace('.', '/')}.py is missing)", file=sys.stderr)
        return 2
    try:
        return module.main(argv)
    except SystemExit as exit_:  # argparse's own exits inside the subcommand
        return exit_.code if isinstance(exit_.code, int) else 2
