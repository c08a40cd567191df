"""The README's command reference is what --help prints today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("cli_reference", REPO / "scripts" / "tools" / "cli_reference.py")
assert _spec and _spec.loader
cli_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cli_reference)


def test_readme_reference_matches_help():
    block = cli_reference.readme_block((REPO / "README.md").read_text(encoding="utf-8"))
    assert block is not None, "README.md lost its cli-reference markers"
    assert block == cli_reference.reference(), "the README's command reference is stale. Run: make readme"


def test_reference_lists_every_command_and_option():
    text = cli_reference.reference()
    parser = cli_reference.build_argparser()
    for name, sub in cli_reference._subparsers(parser).items():
        assert f"#### `stcatalog {name}`" in text
        for action in sub._actions:
            for flag in action.option_strings:
                assert flag in text, (name, flag)


def test_a_missing_block_is_reported():
    assert cli_reference.readme_block("no markers here") is None
