"""The README documents every subcommand and every flag of the command line."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.cli import build_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def cli_section() -> str:
    match = re.search(r"<!-- section: cli -->(.*?)<!-- /section: cli -->",
                      README.read_text(encoding="utf-8"), re.S)
    assert match, "README.md has no cli section"
    return match.group(1)


def parsers(parser: argparse.ArgumentParser, name: str = "cleaner"
            ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, subparser in action.choices.items():
                yield from parsers(subparser, f"{name} {command}")


def flags() -> list[tuple[str, str]]:
    return sorted({(name, option) for name, parser in parsers(build_parser())
                   for action in parser._actions for option in action.option_strings
                   if option.startswith("--")})


def test_every_subcommand_is_documented() -> None:
    section = cli_section()
    for name, _ in parsers(build_parser()):
        assert f"{name} " in section, f"README cli section does not show `{name}`"


@pytest.mark.parametrize(("command", "flag"), flags())
def test_every_flag_is_documented(command: str, flag: str) -> None:
    assert re.search(rf"{re.escape(flag)}\b", cli_section()), \
        f"`{command} {flag}` is not in README.md's cli section"
