#!/usr/bin/env python3
"""Regenerate the SVG screenshots in ``screenshots/`` from the real app.

Usage: ``python scripts/screenshots.py [OUTPUT_DIR]`` (default: ``screenshots/``).

A temporary store gets the bundled sample agreements and a little of a researcher's
work (a status history, tags, a note); the app built by ``tui.app.make_app`` — the
same one ``coop-tui`` runs — is driven by key presses and each view saved as SVG.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import screenshot_releases  # noqa: E402

from store import Status, Store  # noqa: E402
from tests.bilingual_support import write_pair  # noqa: E402
from tui.app import CoopApp, make_app  # noqa: E402

SIZE = (130, 42)
FINANCE_FIRST = "31a5014a9d10"  # 2023 · Finance (name inferred) · first commitment
TO_FINANCE_FIRST = ("down", "enter", "down")

#: file name → keys pressed after start-up
VIEWS: dict[str, Sequence[str]] = {
    "main-view": (),
    "status-history": TO_FINANCE_FIRST,
    "search": ("slash", *"finance"),
    "note-editor": (*TO_FINANCE_FIRST, "e"),
    "status-dialog": (*TO_FINANCE_FIRST, "s"),
    "year-diff": ("d", "n"),
    "export-dialog": ("x",),
    "help": ("question_mark",),
    # the source view on Finance's first commitment, the cursor moved up to the page's
    # first line (dropped by the parser): every kind of text but an excluded commitment
    "source-view": (*TO_FINANCE_FIRST, "w", "p", "p", "p", "p", "p"),
    # f on a commitment, Split: the two parts previewed as the split point is typed
    "correction": (*TO_FINANCE_FIRST, "f", "down", "enter", *"give full play"),
}


#: views shot after writing a folder of releases beside the store (:func:`releases`)
IMPORT_VIEWS: dict[str, Sequence[str]] = {
    # i, a folder typed, Enter: the import's summary (a Word progress report added, a
    # damaged PDF refused in one line)
    "import-dialog": ("i", *"releases", "enter"),
}

#: views shot on the demo store with more statuses set (:func:`rated_store`)
RATED_VIEWS: dict[str, Sequence[str]] = {
    # the compliance overview of the samples' series, the cursor on 2023 Finance
    "overview": ("c",),
}


def demo_store(directory: Path) -> Path:
    path = directory / "store.json"
    store = Store.open(path)
    store.set_status(FINANCE_FIRST, Status.IN_PROGRESS, source="HKEX listing statistics, Q3")
    store.set_status(
        FINANCE_FIRST,
        Status.IMPLEMENTED,
        source="https://example.org/listing-statistics (an illustration)",
        evidence="Example evidence: listings counted since the meeting",
    )
    store.add_tags(FINANCE_FIRST, ["finance", "capital markets"])
    store.add_note(
        FINANCE_FIRST,
        "## Follow-up\n\nThe **2025** release repeats this commitment almost word for word."
        "\n\n- check the listing figures\n- ask about the bond connect",
    )
    second = store.meetings()[1]
    store.set_status(second.commitments[0].id, Status.STALLED)
    return path


#: views shot on a store holding one meeting in English and in Traditional Chinese
#: (:func:`two_languages_store`): L twice shows the tree in 繁體中文; the first commitment
#: of 金融, with its English text under the Chinese and the status set on the English
LANGUAGE_VIEWS: dict[str, Sequence[str]] = {
    "two-languages": ("L", "L", "down", "enter", "down"),
}


def two_languages_store(directory: Path) -> Path:
    """The English and the Chinese release of one meeting (written for the tests), the
    English imported first, its first commitment rated."""
    path = directory / "store.json"
    en, zh = write_pair(directory / "releases")
    store = Store.open(path, seed_samples=False, create=True)
    store.import_paths([en])
    store.import_paths([zh])
    first = store.meetings()[0].areas[0].commitments[0]
    store.set_status(first.id, Status.IN_PROGRESS, source="HKEX listing statistics, Q3")
    return path


def rated_store(directory: Path) -> Path:
    """The demo store with statuses in several areas of both meetings (an illustration:
    not anyone's assessment), for the overview's matrix, bars and trend."""
    path = demo_store(directory)
    store = Store.open(path)
    first, second = store.meetings()
    plan = [
        (first.areas[0].commitments[1], Status.IMPLEMENTED),
        (first.areas[1].commitments[0], Status.PARTIAL),
        (first.areas[1].commitments[1], Status.STALLED),
        (first.areas[2].commitments[0], Status.NOT_IMPLEMENTED),
        (first.areas[3].commitments[0], Status.IN_PROGRESS),
        (second.areas[1].commitments[0], Status.IMPLEMENTED),
        (second.areas[1].commitments[1], Status.PARTIAL),
        (second.areas[2].commitments[0], Status.IMPLEMENTED),
    ]
    for commitment, status in plan:
        store.set_status(commitment.id, status)
    return path


async def wait(app: CoopApp, pilot) -> None:
    from tui.widgets.detail import NoteCard

    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    for _ in range(100):
        if all(card.rendered for card in app.screen_stack[0].query(NoteCard)):
            break
        await pilot.pause()
    await pilot.pause()


async def shoot(
    store: Path,
    name: str,
    keys: Sequence[str],
    out: Path,
    title: str = "demo store with the bundled samples",
    quiet: bool = False,
) -> Path:
    """``quiet``: the messages the keys brought are cleared before the shot."""
    app = make_app(store, refresh_interval=None, animations=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait(app, pilot)
        app.sub_title = title
        if keys:
            await pilot.press(*keys)
            await wait(app, pilot)
        if quiet:
            app.clear_notifications()
            await pilot.pause()
        target = out / f"{name}.svg"
        app.save_screenshot(filename=target.name, path=str(out))
    return target


async def main(out: Path) -> None:
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # a researcher's folder of the same name on every machine: the export dialog shows
    # the folder files are written relative to
    home = Path(tempfile.gettempdir()) / "research"
    home.mkdir(exist_ok=True)
    os.chdir(home)
    with tempfile.TemporaryDirectory(prefix="coop-tui-shots-") as tmp:
        store = demo_store(Path(tmp))
        for name, keys in VIEWS.items():
            print(await shoot(store, name, keys, out))
        screenshot_releases.write(home / "releases")
        for name, keys in IMPORT_VIEWS.items():
            print(await shoot(store, name, keys, out))
        (Path(tmp) / "rated").mkdir()
        rated = rated_store(Path(tmp) / "rated")
        for name, keys in RATED_VIEWS.items():
            print(await shoot(rated, name, keys, out))
        (Path(tmp) / "languages").mkdir()
        pair = two_languages_store(Path(tmp) / "languages")
        for name, keys in LANGUAGE_VIEWS.items():
            title = "a meeting in English and Chinese"
            print(await shoot(pair, name, keys, out, title=title, quiet=True))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"))
