"""The datatrove and Dask engines are optional: cleaner never imports them unasked, and asking
for Dask without it installed is a clear usage error. Runs on a lean install too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.cli import main

ENGINE_PACKAGES = ("datatrove", "dask", "distributed")


def test_importing_cleaner_and_its_cli_imports_no_engine() -> None:
    code = ("import sys, cleaner, cleaner.cli; "
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {ENGINE_PACKAGES!r}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Sign up for our newsletter\nThe council met.\n")
    return tmp_path / "in"


@pytest.mark.parametrize(("extra", "message"), [
    (["--scheduler", "tcp://127.0.0.1:8786"], "add --engine dask"),
    (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2"],
     "leave out --jobs"),
])
def test_scheduler_misuse_is_a_usage_error(folder: Path, extra: list[str], message: str,
                                           capsys) -> None:
    assert main(["clean", str(folder), "-o", str(folder.parent / "out"), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not (folder.parent / "out").exists()


def test_dask_not_installed_is_a_usage_error_naming_the_extra(folder: Path, capsys,
                                                              monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "cleaner.dask_engine", raising=False)
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    assert main(["clean", str(folder), "-o", str(folder.parent / "out"), "--engine",
                 "dask"]) == 2
    assert "pip install 'cleaner[dask]'" in capsys.readouterr().err
    assert not (folder.parent / "out").exists()
