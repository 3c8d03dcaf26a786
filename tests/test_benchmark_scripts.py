"""The scripts in benchmarks/ run and print what benchmarks/RESULTS.md records, on small inputs.

They are benchmarks, not tests: nothing here checks a number, only that each script still runs
end to end and prints its table (those on ../shared/data skip without it).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from conftest import DATA, ROOT, need


def script(name: str) -> ModuleType:
    path = ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses in a script need their module registered
    spec.loader.exec_module(module)
    return module


def test_model_eval_prints_the_held_out_table_and_the_sweep(capsys) -> None:
    data = need(DATA / "readability_testpages.jsonl.gz")
    assert script("model_eval").main(["--data", str(data), "--inputs", "trafilatura",
                                      "--limit", "3", "--sweep", "0.9"]) == 0
    out = capsys.readouterr().out
    assert "| readability_testpages | trafilatura | 3 |" in out
    assert "| readability_testpages | trafilatura | 0.9 |" in out


def test_model_features_and_failures_print_their_tables(capsys) -> None:
    data = need(DATA / "readability_testpages.jsonl.gz")
    arguments = ["--data", str(data), "--inputs", "trafilatura"]
    assert script("model_features").main([*arguments, "--top", "3"]) == 0
    out = capsys.readouterr().out
    line_part, prose_part = out.split("### The prose ensemble")
    assert "### The line ensemble" in line_part and "| the line's own shape | 17 |" in line_part
    assert "| the line's own shape | 17 |" in prose_part
    assert script("model_failures").main([*arguments, "--examples", "3"]) == 0
    out = capsys.readouterr().out
    assert "| trafilatura |" in out
    examples = out.split("Examples, lines of at most")[1]
    assert "- **trafilatura**: the model dropped from the article" in examples
    # Only short lines are quoted: no publisher's prose in RESULTS.md.
    quoted = re.findall(r'"(.*?)" \(\d+\)', examples)
    assert quoted and all(len(line.split()) <= script("model_failures").EXAMPLE_MAX_WORDS
                          for line in quoted)


def test_memory_and_scale_run_on_a_few_generated_documents(capsys) -> None:
    assert script("memory").main(["--sizes", "20KB", "--jobs", "1"]) == 0
    assert "peak RSS" in capsys.readouterr().out
    assert script("scale").main(["--docs", "30", "--shards", "2", "--workers", "1",
                                 "--engines", "local"]) == 0
    assert "| local | 1 |" in capsys.readouterr().out


def test_scripts_without_shared_data_say_so(tmp_path: Path, capsys) -> None:
    missing = str(tmp_path / "absent.jsonl.gz")
    assert script("model_features").main(["--data", missing]) == 1
    assert script("model_failures").main(["--data", missing]) == 1
    assert "no data file found" in capsys.readouterr().err
