"""Every sub-command explains itself in ``coop-tui --help`` and ``coop-tui COMMAND --help``."""

from __future__ import annotations

import argparse

import pytest

from tui.cli import build_parser, main


def _subcommands() -> tuple[dict[str, argparse.ArgumentParser], dict[str, str | None]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {action.dest: action.help for action in sub._choices_actions}
    return dict(sub.choices), helps


NAMES = sorted(_subcommands()[0])


def test_the_commands_the_acceptance_test_missed_are_there() -> None:
    assert {"tag", "note-edit", "note-delete", "notes", "reattach"} <= set(NAMES)
    assert {"fix", "undo", "redo", "log"} <= set(NAMES)


FIXES = sorted(
    next(
        a for a in _subcommands()[0]["fix"]._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
)


def test_every_correction_is_there() -> None:
    assert sorted(["rename", "meeting", "move", "split", "merge", "exclude", "add"]) == FIXES


@pytest.mark.parametrize("name", FIXES)
def test_every_correction_has_a_description(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    fix = _subcommands()[0]["fix"]
    sub = next(a for a in fix._actions if isinstance(a, argparse._SubParsersAction))
    description = sub.choices[name].description or ""
    assert description.strip().endswith("."), f"fix {name}: no description= sentence"
    with pytest.raises(SystemExit) as exc:
        main(["fix", name, "--help"])
    assert exc.value.code == 0
    assert " ".join(description.split()) in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("name", NAMES)
def test_every_subcommand_has_help_and_a_description(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    parsers, helps = _subcommands()
    description = parsers[name].description or ""
    assert helps[name], f"{name}: no help= (the line in coop-tui --help)"
    assert description.strip().endswith("."), f"{name}: no description= sentence"
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert " ".join(description.split()) in out
