"""The right-hand pane: everything about the selected meeting, area or commitment.

Until a store is open the pane shows only a message: this module imports no store or
parser code, nor Textual's Markdown widget, before it draws something that needs them
(the app paints its first frame before those are imported).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from parsers import Area, Commitment, Meeting
    from store import Annotation, Note, Status
    from tui.widgets.note_card import NoteCard

ViewKind = Literal["empty", "meeting", "area", "commitment"]


@dataclass
class HistoryStep:
    """A commitment of one meeting in the selected commitment's series, with its work."""

    meeting: Meeting
    commitment: Commitment
    annotation: Annotation
    current: bool = False


@dataclass
class DetailView:
    """What the pane shows; built by the app from the store, read-only here."""

    kind: ViewKind = "empty"
    meeting: Meeting | None = None
    area: Area | None = None
    commitment: Commitment | None = None
    annotation: Annotation | None = None
    statuses: list[Status] = field(default_factory=list)
    message: str = ""
    history: list[HistoryStep] = field(default_factory=list)
    history_pending: bool = False  # the history is being worked out
    #: The first part's ID, when the commitment is the second part of a split.
    split_from: str | None = None
    #: The URL a meeting's release was fetched from and when (``Store.origin``).
    origin: tuple[str, str] | None = None
    #: A commitment's text (an area's name) in its meeting's other languages, by language.
    translations: dict[str, str] = field(default_factory=dict)
    #: A meeting's languages: its versions', the primary's first.
    languages: list[str] = field(default_factory=list)
    #: A commitment only one language version of its meeting has: that language.
    only_in: str | None = None
    #: The other version's commitments one commitment stands for, when several
    #: (ID, text; a status set on it is recorded on the first), and their language.
    stands_for: list[tuple[str, str]] = field(default_factory=list)
    stands_for_language: str = ""
    #: A primary version's commitment among those ``stands_for`` lists: the language of
    #: the other version's one commitment that says them all.
    shared_in: str | None = None
    #: What the alignment of a meeting's language versions warns of.
    version_warnings: list[str] = field(default_factory=list)

    @property
    def excluded(self) -> bool:
        """The commitment is excluded as not one (a caption, a remark)."""
        return bool(self.area and self.commitment and self.commitment in self.area.excluded)

    @property
    def target_id(self) -> str | None:
        for item in (self.commitment, self.area, self.meeting):
            if item is not None:
                return item.id
        return None

    @property
    def notes(self) -> list[Note]:
        return list(self.annotation.notes) if self.annotation else []


class DetailPane(VerticalScroll):
    """Shows a :class:`DetailView`; the selected note is the one ``e`` edits."""

    DEFAULT_CSS = """
    DetailPane {
        padding: 0 1;
        background: $background;
    }
    DetailPane > Static {
        height: auto;
        margin: 0 0 1 0;
    }
    DetailPane > .heading {
        margin: 0;
        text-style: bold;
        color: $primary;
    }
    DetailPane > .title {
        text-style: bold;
        margin: 1 0 1 0;
    }
    DetailPane > .body {
        padding: 0 1;
        border-left: thick $primary;
    }
    DetailPane > .muted {
        color: $text-muted;
    }
    DetailPane > .warning {
        color: $warning;
    }
    """

    view: reactive[DetailView] = reactive(DetailView, recompose=True, always_update=True)
    note_index: reactive[int] = reactive(0)

    def __init__(self, view: DetailView | None = None, *, id: str | None = None) -> None:
        """``view`` is what the first frame shows (by default, an empty view)."""
        super().__init__(id=id)
        self._reveal: int | None = None
        if view is not None:
            self.set_reactive(DetailPane.view, view)

    def show(self, view: DetailView, reveal_note: int | None = None) -> None:
        """Show a view; ``reveal_note`` selects that note and scrolls to it once drawn."""
        notes = len(view.notes)
        same = view.target_id == self.view.target_id
        index = min(self.note_index, notes - 1) if same and notes else 0
        if reveal_note is not None and 0 <= reveal_note < notes:
            index = reveal_note
        self._reveal = reveal_note
        if not same:
            self.scroll_home(animate=False, immediate=True)
        self.set_reactive(DetailPane.note_index, max(index, 0))
        self.view = view

    def on_note_card_drawn(self, event: NoteCard.Drawn) -> None:
        """A note to reveal is drawn: scroll to it."""
        if event.card.index == len(self.view.notes) - 1:
            self.call_after_refresh(self.scroll_end, animate=False)  # the notes come last
        else:
            self.call_after_refresh(self.scroll_to_widget, event.card, animate=False)

    @property
    def selected_note(self) -> Note | None:
        notes = self.view.notes
        if not notes:
            return None
        return notes[min(self.note_index, len(notes) - 1)]

    def select_note(self, step: int) -> None:
        notes = self.view.notes
        if notes:
            self.note_index = (self.note_index + step) % len(notes)
            card = self._card(self.note_index)
            if card is not None:
                self.scroll_to_widget(card, animate=False)

    def _cards(self) -> list[NoteCard]:
        """The note cards shown (found by their class: the card's module is imported
        only once a note is shown, not for the first frame)."""
        return list(self.query(".note-card").results())  # type: ignore[arg-type]

    def _card(self, index: int) -> NoteCard | None:
        for card in self._cards():
            if card.index == index:
                return card
        return None

    def watch_note_index(self, index: int) -> None:
        for card in self._cards():
            card.set_class(card.index == index, "-selected")

    def on_note_card_focused(self, event: NoteCard.Focused) -> None:
        """A note card got the focus: its note becomes the selected one."""
        self.note_index = event.card.index

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Links in notes are shown and copied, not opened."""
        from tui.render import strip_controls

        event.stop()
        url = strip_controls(event.href)
        self.app.copy_to_clipboard(url)
        self.notify(f"Link in note (copied to the clipboard): {url}", markup=False)

    # ------------------------------------------------------------------ compose

    def compose(self) -> ComposeResult:
        view = self.view
        if view.kind == "commitment":
            yield from self._commitment(view)
        elif view.kind == "area":
            yield from self._area(view)
        elif view.kind == "meeting":
            yield from self._meeting(view)
        else:
            message = view.message or "Select a meeting, an area or a commitment."
            yield Static(_printable(message), classes="muted title")
            return
        yield from self._notes(view)

    def _where(self, view: DetailView) -> Text:
        from tui import labels

        out = Text()
        if view.area is not None:
            out.append("Area: ", style="bold")
            out.append_text(labels.area_label(view.area))
            out.append("\n")
        if view.meeting is not None:
            out.append("Meeting: ", style="bold")
            out.append_text(labels.meeting_label(view.meeting))
        return out

    def _commitment(self, view: DetailView) -> ComposeResult:
        from store import Status
        from tui.render import literal

        assert view.commitment is not None
        annotation = view.annotation
        status = annotation.status if annotation else Status.NOT_RATED
        title = Text("Commitment ", style="bold")
        title.append(view.commitment.id, style="dim")
        yield Static(title, classes="title")
        if view.excluded:
            yield Static(
                Text("Excluded — not a commitment: not counted, searched or exported "
                     "(f restores it)"),
                classes="warning", id="excluded",
            )  # fmt: skip
        yield Static(literal(view.commitment.text), classes="body", id="commitment-text")
        for language, text in view.translations.items():  # its other language versions
            yield Static(Text(_language_name(language)), classes="heading")
            yield Static(literal(text), classes="body", id=f"translation-{language}")
        yield from self._versions(view)
        yield from self._commitment_corrected(view)
        yield Static(self._where(view), classes="where")
        yield Static("Status", classes="heading")
        yield Static(self._status(status, annotation), id="status")
        yield from self._tags(view)
        if view.history_pending:
            yield Static("Across meetings", classes="heading")
            waiting = Text("comparing with the meetings before and after …", style="dim")
            yield Static(waiting, id="history")
        elif len({step.meeting.id for step in view.history}) > 1:
            yield Static("Across meetings", classes="heading")
            yield Static(self._history(view.history), id="history")

    def _versions(self, view: DetailView) -> ComposeResult:
        """A commitment only one language version has; one that stands for several."""
        from tui import labels
        from tui.render import literal

        if view.only_in is not None:
            said = Text(f"◇ only in {_language_name(view.only_in)}: ", style="italic")
            said.append("no counterpart in the meeting's other language version", style="dim")
            yield Static(said, id="only-in")
        if len(view.stands_for) > 1:
            language = _language_name(view.stands_for_language)
            said = Text(f"stands for {len(view.stands_for)} {language} commitments: ")
            if view.shared_in is not None:  # seen from one of them
                said = Text(
                    f"one {_language_name(view.shared_in)} commitment says "
                    f"{len(view.stands_for)} {language} ones: "
                )
            for n, (cid, text) in enumerate(view.stands_for):
                said.append(", " if n else "")
                said.append(cid, style="dim")
                said.append_text(literal(f" “{labels.first_words(text)}”"))
            where = "on it" if view.shared_in is not None else "here"
            said.append(
                f"; a status set {where} is recorded on the first ({view.stands_for[0][0]})"
            )
            yield Static(said, classes="muted", id="stands-for")

    def _commitment_corrected(self, view: DetailView) -> ComposeResult:
        """What a researcher corrected of the commitment, and the parser's text."""
        from tui import labels
        from tui.render import literal

        c = view.commitment
        assert c is not None
        if not c.corrected and view.split_from is None:
            return
        said = Text()

        def line(text: Text | str) -> None:
            if said:
                said.append("\n")
            said.append("✱ ", style="bold magenta")
            said.append_text(text if isinstance(text, Text) else Text(text))

        if c.moved_from:
            moved = Text("moved from area ")
            areas = {a.id: a for a in view.meeting.areas} if view.meeting else {}
            area = areas.get(c.moved_from)
            name = (labels.one_line(area.name) if area else "") or None
            moved.append_text(literal(f"“{name}”" if name else c.moved_from))
            line(moved)
        if c.origin == "split" or view.split_from is not None:
            line(self._split_from(view))
        if c.origin == "added":
            line("added from the source")
        if c.merged:
            line(f"merged from {', '.join(c.merged)} (their notes, tags and statuses are here)")
        elif c.original_text is not None:
            line("split: this is the first part")
        yield Static(said, id="corrected")
        if c.original_text is not None:
            yield Static("The parser's text", classes="heading")
            yield Static(literal(c.original_text), classes="muted", id="original")

    @staticmethod
    def _split_from(view: DetailView) -> Text:
        """``split from commitment ID “its first words…”`` (the first part)."""
        from tui import labels
        from tui.render import literal

        if view.split_from is None:
            return Text("split off another commitment")
        out = Text(f"split from commitment {view.split_from}")
        areas = view.meeting.areas if view.meeting else []
        first = next((c for a in areas for c in a.commitments if c.id == view.split_from), None)
        if first is not None:
            out.append(" ")
            out.append_text(literal(f"“{labels.first_words(first.text)}”"))
        return out

    def _tags(self, view: DetailView) -> ComposeResult:
        from tui import labels

        yield Static("Tags", classes="heading")
        tags = view.annotation.tags if view.annotation else []
        yield Static(
            labels.tags_text(tags) if tags else Text("no tags (press t)", style="dim"),
            id="tags",
        )

    def _history(self, steps: list[HistoryStep]) -> Text:
        """The commitment before and after, meeting by meeting, each with its status and
        note count, so the work on a predecessor is seen next to its successor."""
        from tui import labels
        from tui.render import literal

        out = Text()
        for step in steps:
            if out:
                out.append("\n")
            out.append("▶ " if step.current else "  ", style="bold")
            out.append(step.meeting.date or "undated", style="bold" if step.current else "")
            out.append("  ")
            out.append_text(labels.badge(step.annotation.status))
            notes = len(step.annotation.notes)
            if notes:
                out.append(f" ✎{notes}", style="dim")
            out.append("  ")
            out.append(literal(labels.first_words(step.commitment.text, words=6, chars=32)))
        return out

    def _status(self, status: Status, annotation: Annotation | None) -> Text:
        from tui import labels
        from tui.render import literal

        out = labels.badge(status, long=True)
        if status.compliance is not None:
            from store.model import compliance_text

            out.append(f"   compliance {compliance_text(status.compliance)}", style="dim")
        history = annotation.history if annotation else []
        if not history:
            out.append("\nno status set yet (press s)", style="dim")
        for change in reversed(history):
            out.append("\n")
            out.append(labels.format_time(change.at), style="dim")
            out.append("  ")
            out.append_text(labels.badge(change.status, long=True))
            if change.source:
                out.append("\n    source: ", style="dim")
                out.append(literal(labels.one_line(change.source)))
            if change.evidence:
                out.append("\n    evidence: ", style="dim")
                out.append(literal(labels.one_line(change.evidence)))
        return out

    def _area(self, view: DetailView) -> ComposeResult:
        from tui import labels
        from tui.render import literal

        assert view.area is not None
        title = literal(labels.one_line(view.area.name) or "(unnamed area)", style="bold")
        if view.area.heading_inferred:
            title.append("  name inferred from the text", style="italic magenta")
        yield Static(title, classes="title")
        said = Text()
        if view.area.original_name is not None:
            said.append("✱ ", style="bold magenta")
            said.append("renamed from ")
            said.append_text(literal(f"“{labels.one_line(view.area.original_name)}”"))
            said.append(" (the parser's name)", style="dim")
        if view.area.added:
            said.append("\n" if said else "")
            said.append("✱ ", style="bold magenta")
            said.append("a new area: commitments were moved here")
        if view.area.excluded:
            said.append("\n" if said else "")
            n = len(view.area.excluded)
            said.append(f"⊘ {n} excluded — not a commitment (shown dimmed under it; "
                        "f on one restores it)", style="dim")  # fmt: skip
        if said:
            yield Static(said, id="corrected")
        if view.translations:  # its names in the meeting's other languages
            names = Text()
            for language, name in view.translations.items():
                names.append("\n" if names else "")
                names.append(f"{_language_name(language)}: ", style="bold")
                names.append_text(literal(labels.one_line(name) or "(unnamed area)"))
            yield Static(names, id="translations")
        yield Static(self._where(view), classes="where")
        yield Static(f"{len(view.area.commitments)} commitments", classes="heading")
        yield Static(labels.status_counts(view.statuses), id="counts")
        yield from self._tags(view)

    def _meeting(self, view: DetailView) -> ComposeResult:
        from tui import labels
        from tui.render import literal

        meeting = view.meeting
        assert meeting is not None
        yield Static(literal(labels.one_line(meeting.title), style="bold"), classes="title")
        if "title" in meeting.original:
            was = Text("✱ title corrected; the parser read ", style="magenta")
            was.append_text(literal(f"“{labels.one_line(meeting.original['title'] or '')}”"))
            yield Static(was, id="corrected")
        facts = Text()
        fetched = [("URL", view.origin[0]), ("Fetched", view.origin[1])] if view.origin else []
        for name, value in (
            ("Date", meeting.date or "unknown"),
            ("Place", meeting.place or "unknown"),
            ("Parties", labels.parties(meeting)),
            ("Source", meeting.source),
            *fetched,
            ("ID", meeting.id),
        ):
            facts.append(f"{name}: ", style="bold")
            facts.append(literal(labels.one_line(value)))
            field = name.lower()
            if field in meeting.original:
                parsed = meeting.original[field]
                facts.append("  ✱ corrected; the parser read ", style="magenta")
                facts.append_text(literal(f"“{labels.one_line(parsed)}”" if parsed else "nothing"))
            facts.append("\n")
        if len(view.languages) > 1 or meeting.language != "en":
            label = "Languages" if len(view.languages) > 1 else "Language"
            facts.append(f"{label}: ", style="bold")
            facts.append(" · ".join(map(_language_name, view.languages or [meeting.language])))
            facts.append("\n")
        if meeting.kind != "agreement":  # a progress report: its paragraphs are the items
            facts.append("Kind: ", style="bold")
            facts.append(f"{meeting.kind} (each paragraph under an area is an item)\n")
        found = len(meeting.areas)
        stated = meeting.stated_area_count
        facts.append("Areas: ", style="bold")
        facts.append(f"{found} found")
        if stated is not None:
            facts.append(f", {stated} stated", style="" if stated == found else "bold yellow")
        facts.append(f" · {len(meeting.commitments)} commitments")
        yield Static(facts, id="facts")
        yield Static("Commitments by status", classes="heading")
        yield Static(labels.status_counts(view.statuses), id="counts")
        yield from self._tags(view)
        yield Static(f"Signed documents ({len(meeting.signed_documents)})", classes="heading")
        docs = Text()
        for i, doc in enumerate(meeting.signed_documents):
            if i:
                docs.append("\n")
            docs.append("• ")
            docs.append(literal(labels.one_line(doc.title)))
        yield Static(docs or Text("none found", style="dim"), id="signed")
        if meeting.warnings or view.version_warnings:
            said = [*meeting.warnings, *view.version_warnings]  # the parser's, the versions'
            yield Static(f"Warnings ({len(said)})", classes="heading")
            warnings = Text()
            for i, warning in enumerate(said):
                if i:
                    warnings.append("\n")
                warnings.append("⚠ ")
                warnings.append(literal(labels.one_line(warning)))
            yield Static(warnings, classes="warning", id="warnings")

    def _notes(self, view: DetailView) -> ComposeResult:
        notes = view.notes
        heading = Text(f"Notes ({len(notes)})")
        if len(notes) > 1:
            heading.append("   [ ] select a note, e edits it", style="not bold dim")
        yield Static(heading, classes="heading")
        if not notes:
            yield Static(Text("no notes (press n to write one)", style="dim"), id="no-notes")
            return
        for index, note in enumerate(notes):
            from tui.widgets.note_card import NoteCard

            card = NoteCard(note, index, reveal=index == self._reveal)
            card.set_class(index == self.note_index, "-selected")
            yield card


def _language_name(language: str) -> str:
    """``繁體中文`` for ``zh-Hant`` (the tag itself for one not known)."""
    from parsers.model import LANGUAGE_NAMES

    return LANGUAGE_NAMES.get(language, language)


def _printable(message: str) -> Text:
    """A message shown as typed (no markup); characters that do not print (escape
    sequences from a path, say) are left out."""
    return Text("".join(c for c in message if c.isprintable() or c == "\n"))


def __getattr__(name: str) -> object:
    """``NoteCard`` lives in :mod:`tui.widgets.note_card`, imported when first shown."""
    if name == "NoteCard":
        from tui.widgets.note_card import NoteCard

        return NoteCard
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DetailPane", "DetailView", "NoteCard"]
