"""The import dialog (``i``): release files, folders and web addresses into the store.

The researcher types (or pastes) a path or an address; a path is completed as it is
typed (``→`` takes the suggestion, as in a shell's Tab); a path in quotes (as a file
manager's drag gives it) or a ``file://`` URI is the path it names. ``Ctrl+N`` always
moves the typed text to the list and clears the field for another (so entries typed
ahead never run together); an entry that cannot be imported is listed marked ✗ with
the reason, and ``Delete`` on the list (``Tab`` to it) removes the selected entry, or
``Enter`` on it takes it back into the field to be changed. A pasted list (one per
line) is listed whole, since a path may hold spaces. ``Enter`` lists what is typed and,
when every entry can be imported (a path that exists, an http or https address), starts
the import — else it says which entries cannot — which the main view runs in a worker
(``tui.main.importing``) and which reports here: a bar and "3 of 12 · name" while it
runs, then the summary — added, updated, unchanged and failed, each failure with its
one-line reason, every name shown literally.

Escape closes the dialog: before the import starts nothing is imported; while it runs
it stops once the files in hand are stored (a fraction of a second), and what was
stored stays (the main view says so). ``Ctrl+C`` stops it and keeps the dialog open on
the summary. The dialog dismisses with the import's report (None if there was none).
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from fetching import FetchError, check_url, file_uri_path, is_url, shown_url
from session.importing import ImportReport, is_address
from store.model import ImportResult
from tui.keymap import IMPORT, bindings
from tui.render import literal, strip_controls
from tui.screens.dialog import Dialog

if TYPE_CHECKING:
    from tui.messages import ImportProgress

#: At most this many entries of a folder are looked at to complete a path.
MOST_ENTRIES = 5000

#: Starts the import of the sources given, reporting to the dialog; returns the event
#: that stops it.
Start = Callable[["ImportScreen", list[str]], threading.Event]


def working_directory() -> Path:
    """Where a relative path typed in the dialog starts."""
    return Path.cwd()


def shown_directory(path: Path) -> str:
    """How the dialog names the folder a relative path starts in (``~`` for home)."""
    home = Path.home()
    if path == home or home in path.parents:
        return "~/" + str(path.relative_to(home)) if path != home else "~"
    return str(path)


class PathSuggester(Suggester):
    """Suggests the rest of a path being typed: the one entry of its folder that starts
    with what is typed, or as much as the entries that do have in common (a folder's
    name with ``/``). Nothing for a web address. The folder is read off the screen."""

    def __init__(self, directory: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.directory = directory

    async def get_suggestion(self, value: str) -> str | None:
        if not value or is_address(value):
            return None
        return await asyncio.to_thread(self.complete, value)

    def complete(self, value: str) -> str | None:
        folder_text, _slash, start = value.rpartition("/")
        if not _slash:
            folder = self.directory
        else:
            folder = Path(folder_text or "/").expanduser()
            if not folder.is_absolute():
                folder = self.directory / folder
        names: list[tuple[str, bool]] = []
        try:
            with os.scandir(folder) as entries:
                for n, entry in enumerate(entries):
                    if n >= MOST_ENTRIES:
                        break
                    hidden = entry.name.startswith(".") and not start.startswith(".")
                    if entry.name.startswith(start) and not hidden:
                        names.append((entry.name, _is_dir(entry)))
        except OSError:
            return None
        if not names:
            return None
        if len(names) == 1:
            name, is_dir = names[0]
            rest = name[len(start) :] + ("/" if is_dir else "")
        else:
            rest = _common_start([n for n, _d in names])[len(start) :]
        return value + rest if rest else None


def _common_start(names: list[str]) -> str:
    """The characters every name starts with (not a path: names of one folder)."""
    first, last = min(names), max(names)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


class SourceField(Input):
    """The field a path or an address is typed in; a pasted list of several lines is
    handed to the dialog whole (one source a line), not cut to its first line."""

    def on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            event.prevent_default()  # (the Input would keep the first line only)
            event.stop()
            screen = self.screen
            if isinstance(screen, ImportScreen):
                screen.add_sources(lines)


class ImportScreen(Dialog[ImportReport | None]):
    """Asks for the sources, then shows the import's progress and its summary."""

    DEFAULT_CSS = """
    ImportScreen > .frame {
        width: 84;
    }
    ImportScreen #ask, ImportScreen #run, ImportScreen #listed, ImportScreen #error,
    ImportScreen #status {
        height: auto;
    }
    ImportScreen #listed {
        margin: 1 0 0 0;
        max-height: 8;
    }
    ImportScreen #bar {
        margin: 1 0 0 0;
    }
    ImportScreen #report {
        height: auto;
        max-height: 16;
    }
    ImportScreen #hint {
        margin: 1 0 0 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(IMPORT)

    def __init__(self, start: Start, *, directory: Path | None = None) -> None:
        super().__init__()
        self.start = start
        self.directory = directory if directory is not None else working_directory()
        self.sources: list[str] = []
        #: "ask", then "running" once the import starts, "done" once it is reported.
        self.phase = "ask"
        self.report: ImportReport | None = None
        self._stop: threading.Event | None = None

    def dialog_title(self) -> str:
        return "Import releases"

    def compose_body(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(
                Text(
                    "A release file, a folder of releases, or a web address (http or https); "
                    f"a path is relative to {strip_controls(shown_directory(self.directory))}"
                ),
                classes="hint",
            )
            yield SourceField(
                placeholder="path or https://…",
                suggester=PathSuggester(self.directory),
                id="source",
            )
            yield OptionList(id="listed")
            yield Static("", id="error", classes="error")
        with Vertical(id="run"):
            yield Static("", id="status")
            yield ProgressBar(show_eta=False, id="bar")
        with VerticalScroll(id="report"):
            yield Static("", id="summary")
        yield Static("", id="hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#listed").display = False
        self.query_one("#run").display = False
        self.query_one("#report").display = False
        self._show_hint()
        self.query_one("#source", Input).focus()

    def _show_hint(self) -> None:
        hints = {
            "ask": "Enter imports · Ctrl+N lists it and takes another · → completes a "
            "path · Tab to the list: Delete removes, Enter edits · Escape cancels",
            "running": "Ctrl+C stops once the files in hand are stored (they stay) · "
            "Escape stops and closes",
            "done": "Enter or Escape closes",
        }
        self.query_one("#hint", Static).update(hints[self.phase])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+N while asking, Ctrl+C while importing, Enter (closing) once done."""
        wanted = {"add": "ask", "remove": "ask", "stop": "running", "close": "done"}.get(action)
        if action == "remove" and not self.sources:
            return False
        return wanted is None or wanted == self.phase

    # ------------------------------------------------------------------ asking

    def add_sources(self, typed: list[str]) -> None:
        """List ``typed`` (each unquoted: ``typed_source``), whatever it is: an entry
        that cannot be imported is listed marked ✗ with why, to be removed or changed
        (never left in the field, where what is typed next would run on from it)."""
        for source in typed:
            entry = typed_source(source)
            if entry and entry not in self.sources:
                self.sources.append(entry)
        self._show_listed()
        self.query_one("#error", Static).update("")

    def _show_listed(self, highlight: int | None = None) -> None:
        box = self.query_one("#listed", OptionList)
        box.clear_options()
        for source in self.sources:
            problem = self.problem(source)
            line = Text("✗ " if problem else "  ", style="red" if problem else "")
            line.append(literal(shown_url(source) if is_url(source) else source))  # no password
            if problem is not None:
                line.append("\n    ")
                line.append_text(literal(_reason(problem, source), style="red"))
            box.add_option(Option(line))
        box.display = bool(self.sources)
        if self.sources:
            last = len(self.sources) - 1
            box.highlighted = last if highlight is None else min(highlight, last)
        self.refresh_bindings()

    def problem(self, source: str) -> str | None:
        """Why ``source`` (as listed: ``typed_source``) cannot be imported (one line,
        in the words ``coop-tui import`` uses: ``fetching.check_url``), or None."""
        if is_url(source):
            try:
                check_url(source.strip())
            except FetchError as exc:
                return str(exc)
            return None
        path = self.path_of(source)
        if not path.exists():
            return f"{path}: no such file or folder (an address starts with https://)"
        return None

    def path_of(self, source: str) -> Path:
        path = Path(source).expanduser()
        return path if path.is_absolute() else self.directory / path

    def action_add(self) -> None:
        """Ctrl+N: move the typed source to the list, clear the field for another."""
        field = self.query_one("#source", Input)
        typed = field.value
        field.value = ""
        if typed.strip():
            self.add_sources([typed])

    def action_remove(self) -> None:
        """Delete, on the list: remove the selected entry."""
        box = self.query_one("#listed", OptionList)
        at = box.highlighted
        if at is None or not 0 <= at < len(self.sources):
            return
        del self.sources[at]
        self._show_listed(at)
        if not self.sources:
            self.query_one("#source", Input).focus()

    @on(OptionList.OptionSelected, "#listed")
    def edit_listed(self, event: OptionList.OptionSelected) -> None:
        """Enter, on the list: the entry back in the field, to be changed and listed
        again (what was typed in the field is listed first)."""
        field = self.query_one("#source", Input)
        if not 0 <= event.option_index < len(self.sources):
            return
        source = self.sources.pop(event.option_index)
        if field.value.strip():
            self.add_sources([field.value])
        field.value = source
        self._show_listed(event.option_index)
        field.focus()

    @on(Input.Submitted, "#source")
    def submitted(self) -> None:
        """Enter: list what is typed, then import every entry listed, if each can be."""
        field = self.query_one("#source", Input)
        if field.value.strip():
            self.add_sources([field.value])
            field.value = ""
        if not self.sources:
            self.query_one("#error", Static).update("Type a path or an address first.")
            return
        problems = [s for s in self.sources if self.problem(s) is not None]
        if problems:
            what = "entry cannot" if len(problems) == 1 else "entries cannot"
            self.query_one("#error", Static).update(
                f"{len(problems)} {what} be imported (marked ✗): Tab to the list, then "
                "Delete removes the selected entry, Enter takes it back to be changed."
            )
            return
        sources = [s if is_address(s) else str(self.path_of(s)) for s in self.sources]
        self.phase = "running"
        self.query_one("#source", Input).disabled = True  # Enter again starts nothing
        self.query_one("#listed", OptionList).disabled = True
        self.set_focus(None)
        self.query_one("#ask").display = False
        self.query_one("#run").display = True
        self.query_one("#status", Static).update("Starting …")
        self._show_hint()
        self.refresh_bindings()
        self._stop = self.start(self, sources)

    # ------------------------------------------------------------------ importing

    def show_progress(self, done: int, total: int, name: str) -> None:
        """``done`` of ``total`` files and addresses read; ``name`` being read now."""
        if self.phase != "running":
            return
        self.query_one("#bar", ProgressBar).update(total=max(total, 1), progress=done)
        line = Text(f"{min(done + 1, total)} of {total} · " if name else f"{done} of {total}")
        if name:
            line.append(literal(name if is_address(name) else Path(name).name))
        if self._stop is not None and self._stop.is_set():
            line.append("  (stopping …)")
        self.query_one("#status", Static).update(line)

    def on_import_progress(self, message: ImportProgress) -> None:
        self.show_progress(message.done, message.total, message.name)

    def show_waiting(self, waiting: str) -> None:
        """Say why the import waits (another process holds the store)."""
        if self.phase == "running":
            self.query_one("#status", Static).update(literal(waiting))

    def action_stop(self) -> None:
        """Ctrl+C: stop once the files in hand are stored; the summary says what was."""
        if self._stop is not None:
            self._stop.set()
            self.query_one("#status", Static).update("Stopping once the files in hand are stored …")

    def show_report(self, report: ImportReport) -> None:
        """The import is done (or stopped): its summary, every name literally."""
        self.report = report
        self.phase = "done"
        self.query_one("#run").display = False
        box = self.query_one("#report", VerticalScroll)
        box.display = True
        box.can_focus = True
        self.query_one("#summary", Static).update(summary(report))
        self._show_hint()
        self.refresh_bindings()
        box.focus()

    def action_close(self) -> None:
        """Enter, once the summary is shown: close."""
        self.dismiss(self.report)

    def cancel_result(self) -> ImportReport | None:
        return self.report

    def on_unmount(self) -> None:
        """Closed while importing (Escape): the import stops once the files in hand are
        stored."""
        if self._stop is not None and self.phase == "running":
            self._stop.set()


def summary(report: ImportReport, most_failures: int | None = None) -> Text:
    """What an import did: the counts, each failure with its reason (the first
    ``most_failures`` if given), the annotations carried over, what was skipped and what
    was not read (names literally)."""
    addresses = sum(1 for r in report.results if is_address(r.path))
    files = len(report.results) - addresses
    text = Text(_count(files, "file", "files"))
    if addresses:
        text.append(" and " + _count(addresses, "address", "addresses"))
    text.append(": ")
    kinds = ("added", "updated", "unchanged", "failed")
    text.append(", ".join(f"{report.count(kind)} {kind}" for kind in kinds), style="bold")
    reattached = sum(r.reattached for r in report.results)
    orphaned = sum(r.orphaned for r in report.results)
    if reattached or orphaned:
        text.append(f"; annotations: {reattached} re-attached, {orphaned} orphaned")
        if orphaned:
            text.append(" (o lists them)")
    failures = report.failures
    for result in failures[:most_failures]:
        text.append("\n")
        text.append("failed  ", style="red")
        text.append(literal(failure_reason(result)))
    if most_failures is not None and len(failures) > most_failures:
        text.append(f"\n… and {len(failures) - most_failures} more failed")
    if report.skipped:
        names = ", ".join(str(p) for p in report.skipped[:5])
        more = " …" if len(report.skipped) > 5 else ""
        text.append("\n")
        text.append(literal(f"skipped {len(report.skipped)} file(s) of other types: {names}{more}"))
    if report.error is not None:
        text.append("\n")
        text.append("Not finished: ", style="red")
        text.append(literal(report.error))
    if report.not_read:
        text.append("\n")
        why = "Stopped" if report.stopped else "Not read"
        text.append(
            f"{why}: {len(report.not_read)} not read; what is listed above as added or "
            "updated is in the store."
        )
    return text


def typed_source(typed: str) -> str:
    """A typed or pasted entry as it is listed: trimmed, a path in quotes (``'…'`` or
    ``"…"``, as a file manager's drag gives it) unquoted, a ``file://`` URI the path it
    names (percent-decoded: ``fetching.file_uri_path``)."""
    text = typed.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].strip()
    local = file_uri_path(text)
    return str(local) if local is not None else text


def _reason(problem: str, source: str) -> str:
    """A problem's reason without the entry it names (shown just above it)."""
    for name in (f"{source}: ", f"{source.strip()}: "):
        if problem.startswith(name):
            return problem[len(name) :]
    return problem


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def failure_reason(result: ImportResult) -> str:
    """A failed file's one line: its name, then why (the reason names it mostly)."""
    reason = result.reason or "failed"
    name = Path(result.path).name
    if reason.startswith((f"{result.path}: ", f"{name}: ")):
        return reason
    return f"{result.path}: {reason}"
