"""Helpers for the app tests (no tests here): a temporary store, waiting, reading the screen."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from store import Store
from tui.app import CoopApp, make_app
from tui.widgets.detail import NoteCard

SIZE = (120, 40)
_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>'
)


def new_store(tmp_path: Path) -> Path:
    """A store with the bundled sample agreements, at a temporary path."""
    path = tmp_path / "store.json"
    Store.open(path)
    return path


def app_for(path: Path) -> CoopApp:
    return make_app(path, refresh_interval=None, animations=False)


async def settle(pilot: Pilot) -> None:
    """Wait until workers (opening the store, writes) are done and their messages handled."""
    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # the app is exiting
            return
        await pilot.pause()
    # notes render their Markdown in the background; wait until every card is drawn
    for _ in range(100):
        cards = pilot.app.screen_stack[0].query(NoteCard)
        if all(card.rendered for card in cards):
            break
        await pilot.pause()
    await pilot.pause()


def screen_text(app: App) -> str:
    """What the terminal shows, as plain lines (read from the app's own screenshot)."""
    svg = app.export_screenshot()
    lines: dict[int, dict[int, str]] = {}
    for x, line, text in _TEXT.findall(svg):
        column = round(float(x) / 12.2)
        lines.setdefault(int(line), {})[column] = html.unescape(text).replace("\xa0", " ")
    out = []
    for number in sorted(lines):
        row = ""
        for column, text in sorted(lines[number].items()):
            row = row.ljust(column) + text
        out.append(row.rstrip())
    return "\n".join(out)


def detail_text(app: CoopApp) -> str:
    """Only what the detail pane shows (the right-hand columns), flattened."""
    region = app.main.detail.region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return flat("\n".join(line[region.x :] for line in lines))


def flat(text: str) -> str:
    """Whitespace and box-drawing borders removed, for finding wrapped text."""
    return " ".join(re.sub(r"[│┃▎▊▌█▐╭╮╰╯─━▔▁▀▄]", " ", text).split())


def record_notices(app: CoopApp) -> list[str]:
    """What the app says in notifications from now on (title, then message), in order:
    read here rather than from the screen, where a toast may lie over other text."""
    said: list[str] = []
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        title = options.get("title") or ""
        said.append(f"{title}: {message}" if title else message)
        notify(message, **options)

    app.notify = recording  # type: ignore[method-assign]
    return said
