"""The export dialog (``x``): where to write, in which format, which commitments.

It only asks: it dismisses with an ``ExportRequest`` (or None on Escape), and the
app writes the file in a worker with ``sharing.export.export_to_path``. The target
is checked before the dialog closes (missing folder, existing file without
"replace", symbolic link), so the common mistakes are fixed here, not after; a
missing folder is created when "Create missing folders" is ticked. A
name whose ending stands for a format (``.csv``, ``.json``, ``.md``; ``/`` for the
notes folder) selects that format as it is typed, and a format the name contradicts
(chosen afterwards, or an existing folder's name with a file format) is refused.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from sharing.export import (
    ExportRequest,
    Filters,
    FormatClash,
    OutputExists,
    check_request,
    format_for,
    format_of_name,
    missing_folders,
)
from store import Status, StoreError
from tui import labels
from tui.keymap import EXPORT, bindings
from tui.render import literal, strip_controls
from tui.screens.dialog import Dialog
from tui.screens.tags import split_tags

FORMAT_CHOICES: list[tuple[str, str]] = [
    ("Markdown report (.md)", "markdown"),
    ("JSON, for a colleague or a script (.json)", "json"),
    ("CSV, one row per commitment (.csv)", "csv"),
    ("Notes folder, one file per commitment (for git)", "notes-dir"),
]
SUFFIXES = {"markdown": ".md", "json": ".json", "csv": ".csv", "notes-dir": ""}


def default_name(fmt: str = "markdown", today: date | None = None) -> str:
    """``coop-tui-notes-YYYY-MM-DD.md`` (the suffix follows the format; none for a folder)."""
    day = (today or date.today()).isoformat()
    return f"coop-tui-notes-{day}{SUFFIXES[fmt]}"


class ExportScreen(Dialog[ExportRequest | None]):
    """Ctrl+S (or Enter in the file field) exports; Escape cancels."""

    DEFAULT_CSS = """
    ExportScreen > .frame {
        width: 84;
        max-height: 95%;
    }
    ExportScreen > .frame > .title {
        padding: 1 0 0 0;
    }
    ExportScreen SelectionList {
        height: auto;
        max-height: 8;
    }
    ExportScreen .options {
        height: auto;
    }
    ExportScreen .hint {
        margin: 1 0 0 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(EXPORT)

    def __init__(
        self,
        *,
        directory: Path | None = None,
        meeting_id: str | None = None,
        meeting_title: str = "",
        known_tags: list[str] | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.directory = directory if directory is not None else Path.cwd()
        self.meeting_id = meeting_id
        self.meeting_title = meeting_title
        self.known_tags = list(known_tags or [])
        self.today = today
        self._default = default_name("markdown", today)

    def dialog_title(self) -> str:
        return "Export notes"

    def compose_body(self) -> ComposeResult:
        yield Label(
            f"File (or folder), relative to {strip_controls(str(self.directory))}", markup=False
        )
        yield Input(self._default, id="path")
        yield Select(FORMAT_CHOICES, value="markdown", allow_blank=False, id="format")
        yield Checkbox("Only commitments with a status, tag or note", id="only-annotated")
        if self.meeting_id:
            title = Text("Only this meeting: ")
            title.append(literal(labels.clip(self.meeting_title, 45)))  # fits at 80 columns
            yield Checkbox(title, id="this-meeting")
        yield Label("Only these statuses (none ticked: all)")
        yield SelectionList[str](
            *[Selection(Content(s.label), s.value, False) for s in Status], id="statuses"
        )
        yield Label("Only commitments with any of these tags (commas separate tags)")
        yield Input(placeholder=", ".join(self.known_tags[:3]) or "tag", id="tags")
        with Horizontal(classes="options"):  # side by side: the dialog fits in 40 rows
            yield Checkbox("Replace the file if it exists", id="force")
            yield Checkbox("Create missing folders", id="make-folders")
        yield Static("", id="error", classes="error")
        yield Static("Ctrl+S or Enter exports · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#format")
    def follow_format(self, event: Select.Changed) -> None:
        """Keep the suggested name's suffix in step with the format until the user edits it."""
        field = self.query_one("#path", Input)
        if field.value == self._default:
            self._default = default_name(str(event.value), self.today)
            field.value = self._default

    @on(Input.Changed, "#path")
    def follow_name(self, event: Input.Changed) -> None:
        """A name ending in .csv, .json, .md … (or /) selects its format. Not an existing
        folder's name: one passed on the way to a longer name must not pick the format."""
        named = format_of_name(event.value, folders=False)
        choice = self.query_one("#format", Select)
        if named is not None and choice.value != named:
            choice.value = named

    def request(self) -> ExportRequest:
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            raise StoreError("give a file name")
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = self.directory / path
        this_meeting = bool(self.meeting_id) and self.query_one("#this-meeting", Checkbox).value
        statuses = tuple(Status(v) for v in self.query_one("#statuses", SelectionList).selected)
        filters = Filters(
            meetings=(self.meeting_id,) if this_meeting and self.meeting_id else (),
            statuses=statuses,
            tags=tuple(split_tags(self.query_one("#tags", Input).value)),
            only_annotated=self.query_one("#only-annotated", Checkbox).value,
        )
        fmt = format_for(typed, str(self.query_one("#format", Select).value))
        force = self.query_one("#force", Checkbox).value
        make_folders = self.query_one("#make-folders", Checkbox).value
        return ExportRequest(path, fmt, filters, force=force, make_folders=make_folders)

    @on(Input.Submitted, "#path")
    def submitted(self) -> None:
        self.action_export()

    def action_export(self) -> None:
        try:
            request = self.request()
            missing = missing_folders(request.path)
            if missing and not request.make_folders:  # the command line says "create it first"
                nearest = missing[-1]
                raise StoreError(f"{nearest}: no such folder; tick “Create missing folders”")
            check_request(request)
        except OutputExists as exc:  # the command line's advice names its --force
            replace = f"{exc.path}: already exists; tick “Replace the file if it exists”"
            self.query_one("#error", Static).update(literal(replace))
            return
        except FormatClash as exc:  # and here, its --format
            clash = (
                f"{exc.name}: {exc.what} is for {exc.named}, but the format chosen is "
                f"{exc.given}; change the name or the format"
            )
            self.query_one("#error", Static).update(literal(clash))
            return
        except StoreError as exc:
            self.query_one("#error", Static).update(literal(str(exc)))
            return
        self.dismiss(request)
