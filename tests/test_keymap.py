"""The key registry (tui.keymap) is the one place a key is declared: every screen's
bindings are the registry's, every key the help lists is bound (by the screen, or by
the widget the registry names), and the command palette offers exactly its entries."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, new_store, settle
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from tui import keymap
from tui.keymap import BOUND_BY, HELP_SECTIONS, Key


def _class(path: str) -> type[DOMNode]:
    module, _dot, name = path.rpartition(".")
    found = getattr(importlib.import_module(module), name)
    assert isinstance(found, type) and issubclass(found, DOMNode), path
    return found


def _fields(binding: Binding) -> tuple[object, ...]:
    return (
        binding.key,
        binding.action,
        binding.description,
        binding.show,
        binding.key_display,
        binding.tooltip,
        binding.priority,
    )


def _own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings ``cls`` itself declares (not those it inherits)."""
    declared = cls.__dict__.get("BINDINGS", [])
    assert all(isinstance(b, Binding) for b in declared), cls
    return list(declared)


def _bound_keys(cls: type[DOMNode]) -> set[str]:
    """Every key ``cls`` binds, its own and inherited."""
    found: set[str] = set()
    for base in cls.__mro__:
        for binding in base.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                found.update(key.strip() for key in binding.key.split(","))
    if issubclass(cls, App):
        found.add(cls.COMMAND_PALETTE_BINDING)  # bound when the app starts
    return found


@pytest.mark.parametrize("context", sorted(BOUND_BY))
def test_each_class_binds_exactly_the_keys_of_its_context(context: str) -> None:
    """A binding written by hand (no help entry) or an entry left unbound fails here."""
    cls = _class(BOUND_BY[context])
    expected = [_fields(key.binding()) for key in keymap.keys(context) if not key.by]
    assert [_fields(b) for b in _own_bindings(cls)] == expected


@pytest.mark.parametrize("context", sorted(BOUND_BY))
def test_each_bound_key_has_an_action_and_each_listed_key_a_binding(context: str) -> None:
    cls = _class(BOUND_BY[context])
    for key in keymap.keys(context):
        if key.by:  # handled by a widget of the screen: that widget binds the key
            widget = _class(key.by)
            missing = {k.strip() for k in key.key.split(",")} - _bound_keys(widget)
            assert not missing, f"{context}: {key.by} does not bind {missing}"
        else:
            assert callable(getattr(cls, f"action_{key.name}", None)), (
                f"{context}: {cls.__name__} has no action_{key.name} for {key.key}"
            )


def test_every_context_with_keys_has_a_class_and_help_names_known_contexts() -> None:
    helped = {context for _title, contexts in HELP_SECTIONS for context in contexts}
    assert helped <= set(BOUND_BY)
    for context in BOUND_BY:
        in_help = [key for key in keymap.keys(context) if key.in_help]
        if in_help:
            assert context in helped, f"{context}: keys for the help, in no section"
        if context != keymap.MAIN:  # only the main view hides keys that do not apply
            assert all(key.applies == "" for key in keymap.keys(context)), context


def test_the_help_lists_every_key_marked_for_it_with_its_text() -> None:
    sections = dict(keymap.help_sections())
    for title, contexts in HELP_SECTIONS:
        listed = [(b.key, b.description) for b in sections[title]]
        wanted = [
            (key.key, key.help_line)
            for context in contexts
            for key in keymap.keys(context)
            if key.in_help
        ]
        assert listed == wanted, title


def _palette_titles(app: App[object]) -> list[str]:
    base = {c.title for c in App.get_system_commands(app, app.screen)}
    return [c.title for c in app.get_system_commands(app.screen) if c.title not in base]


async def test_the_palette_offers_exactly_the_registry_entries(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = keymap.palette_entries()
        assert _palette_titles(app) == [title for _key, title, _help in entries]
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for key, title, explanation in entries:
            shown = key.key_display or key.key.split(",")[0]
            assert commands[title].help == f"{explanation} ({shown})"


async def test_the_key_bar_shows_the_registry_words_of_the_main_view(tmp_path: Path) -> None:
    from tui.widgets.footer import KeysFooter

    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down")  # a commitment: every key applies
        await settle(pilot)
        footer = app.main.query_one(KeysFooter)
        shown = [item.description for item in footer.items if not item.palette]
        declared: list[Key] = [*keymap.keys(keymap.MAIN), *keymap.keys(keymap.APP)]
        applies = [key for key in declared if app.main.check_action(key.name, ()) is not False]
        assert "Help" in shown and "Quit" in shown
        assert shown == [key.description for key in applies if key.bar and not key.by]


def test_escape_in_every_dialog_cancels_through_the_dialog_base() -> None:
    """Escape is one action in every dialog: ``Dialog.action_cancel``, which dismisses
    with the dialog's ``cancel_result`` (a dialog with its own Escape action fails)."""
    from tui.screens.dialog import Dialog

    for context, path in BOUND_BY.items():
        cls = _class(path)
        if not issubclass(cls, Dialog):
            continue
        escapes = [key for key in keymap.keys(context) if "escape" in key.key.split(",")]
        assert [key.action for key in escapes] == ["cancel"], context
        assert cls.action_cancel is Dialog.action_cancel, context


# How the docs write a key of the registry (its ``key_display``, else these).
_DOC_NAMES = {"up": "↑", "down": "↓", "left": "←", "right": "→"}


def _doc_name(key: str) -> str:
    if key in _DOC_NAMES:
        return _DOC_NAMES[key]
    if len(key) == 1:
        return key
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in key.split("+"))


def _documented(key: Key) -> list[str]:
    if key.key_display is not None:
        return [key.key_display]
    return [_doc_name(k.strip()) for k in key.key.split(",")]


def _main_view_keys() -> dict[str, Key]:
    contexts = (keymap.MAIN, keymap.APP, keymap.TREE)
    return {name: key for c in contexts for key in keymap.keys(c) for name in _documented(key)}


def _backticked(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def test_the_docs_key_table_lists_exactly_the_main_view_keys() -> None:
    """docs/app.md's table of keys names each key of the main view (and the app's) and
    no key the registry does not have; README.md's key line names only registry keys."""
    root = Path(__file__).resolve().parent.parent
    guide = (root / "docs" / "app.md").read_text(encoding="utf-8")
    table = guide.split("### Keys", 1)[1].split("\n\n| Key | Does |\n| --- | --- |\n", 1)[1]
    rows = table.split("\n\n", 1)[0].splitlines()
    documented = {name for row in rows for name in _backticked(row.split(" | ")[0])}
    known = _main_view_keys()
    assert documented - set(known) == set(), "documented, but not in tui/keymap.py"
    wanted = {
        name
        for context in (keymap.MAIN, keymap.APP)
        for key in keymap.keys(context)
        if key.in_help
        for name in _documented(key)
    }
    assert wanted - documented == set(), "in tui/keymap.py, but not in docs/app.md's table"
    readme = (root / "README.md").read_text(encoding="utf-8")
    line = readme.split("Keys: ", 1)[1].split("**", 1)[0]
    assert set(_backticked(line)) - set(known) == set(), "README.md names a key not bound"
