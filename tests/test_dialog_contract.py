"""The app's dialogs share one base, and the app uses Textual through its public API.

Every modal screen of ``tui`` is a :class:`tui.screens.dialog.Dialog`, which draws the box,
the title and the key bar (a dialog gives only its fields); no module of ``tui/``,
``bench/`` or ``tests/`` imports a private Textual module (``textual.widgets._toast``),
and no class of ``tui`` overrides a private method of the Textual class it extends
(``Tree._toggle_node``): both change without notice between Textual releases.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, new_store, settle
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

import tui
from store import Store
from tui.screens.dialog import Dialog

ROOT = Path(__file__).resolve().parent.parent

#: The private Textual imports allowed (``module path`` and name), each with the public
#: API that Textual lacks.
PRIVATE_IMPORTS_ALLOWED: dict[tuple[str, str], str] = {
    ("tests/test_app_keys_burst.py", "textual.keys._character_to_key"): (
        "no public function names the key of a typed character (Pilot.press does, "
        "but waits after each key, and the test posts keys together)"
    ),
}


def _tui_classes() -> list[type]:
    """Every class defined in a module of the ``tui`` package (but ``__main__``, which
    runs the command line)."""
    classes: list[type] = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        classes += [
            cls
            for _name, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__
        ]
    return classes


def test_every_modal_screen_is_a_dialog_that_composes_only_its_fields() -> None:
    modals = [cls for cls in _tui_classes() if issubclass(cls, ModalScreen)]
    assert len(modals) >= 11  # status, tags, search, orphans, export, note, confirm, …
    not_dialogs = [cls.__name__ for cls in modals if not issubclass(cls, Dialog)]
    assert not not_dialogs, f"make these tui.screens.dialog.Dialog: {not_dialogs}"
    own_frame = [cls.__name__ for cls in modals if cls.compose is not Dialog.compose]
    assert not own_frame, f"give compose_body, not compose: {own_frame}"


@pytest.mark.parametrize("key", ["s", "t", "n", "slash", "x"])
async def test_a_dialogs_text_cursors_blink_as_the_app_says(tmp_path: Path, key: str) -> None:
    """The app built for screenshots (no animations) has no blinking cursor in any
    dialog's field: the dialog base applies the app's setting to every field."""
    path = new_store(tmp_path)
    Store.open(path).add_note("31a5014a9d10", "a note")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", key)
        await settle(pilot)
        assert isinstance(app.screen, Dialog)
        fields = [*app.screen.query(Input), *app.screen.query(TextArea)]
        assert fields and not any(field.cursor_blink for field in fields)


def _private_textual_imports(path: Path) -> list[tuple[str, str]]:
    """(module path, name) of each private Textual module or name ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "textual" and any(part.startswith("_") for part in parts[1:]):
                found.append((str(path.relative_to(ROOT)), name))
    return found


def test_no_module_imports_a_private_textual_module() -> None:
    paths = [p for folder in ("tui", "bench", "tests") for p in (ROOT / folder).rglob("*.py")]
    found = [hit for path in paths for hit in _private_textual_imports(path)]
    assert [hit for hit in found if hit not in PRIVATE_IMPORTS_ALLOWED] == []
    assert set(PRIVATE_IMPORTS_ALLOWED) <= set(found), "an allowed import has gone: drop it"


def test_no_tui_class_overrides_a_private_textual_method() -> None:
    found = []
    for cls in _tui_classes():
        if not issubclass(cls, (DOMNode, MessagePump)):
            continue
        textual_bases = [b for b in cls.__mro__ if b.__module__.split(".")[0] == "textual"]
        for name, value in vars(cls).items():
            if not callable(value) or not name.startswith("_") or name.startswith("__"):
                continue
            if any(name in vars(base) for base in textual_bases):
                found.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert not found, found
