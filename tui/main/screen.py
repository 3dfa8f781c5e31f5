"""The main view: meetings → areas → commitments on the left, the selected one's detail
on the right, and the keys that act on them (search, status, tags, notes, orphans,
year diff, export, links, reload, help; see :mod:`tui.keymap`).

Its keys are the screen's own bindings, so a dialog opened over it (a modal screen)
blocks them with no special case; :meth:`MainScreen.check_action` only greys out the
keys that do not apply to what is selected. The open store is the app's
:class:`~session.Session` (``CoopApp.session``); the background work that reads it
runs in :mod:`tui.main.feeding` and reports here with the messages of
:mod:`tui.messages`. The dialogs that change an annotation are opened by
:mod:`tui.main.editing`.

Like the app, this module imports only Textual and the main view's widgets: the rest
is imported where it is first used, after the first frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Tree

from tui.keymap import MAIN, applies_when, bindings
from tui.widgets.agreement_tree import AgreementTree, NodeRef
from tui.widgets.detail import DetailPane, DetailView
from tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from parsers import Meeting
    from parsers.source_map import SourceMap
    from search import SearchResult
    from session import Session
    from sharing.export import ExportRequest
    from store import Annotation, Orphan
    from tui.app import CoopApp
    from tui.main.correcting import Correcting
    from tui.main.editing import Editing
    from tui.main.feeding import Feeding
    from tui.main.importing import Importing
    from tui.main.languages import Languages
    from tui.messages import (
        ExportDone,
        HistoryReady,
        ImportDone,
        IndexReady,
        LineageReady,
        MeetingsRead,
        StoreChanged,
        StoreOpened,
    )
    from tui.screens.links import Link

_APPLIES = applies_when(MAIN)


class MainScreen(Screen[None]):
    """The tree and the detail pane, and the keys of the main view."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(MAIN)

    def __init__(self, store_path: Path) -> None:
        super().__init__()
        self.store_path = store_path
        self._editing: Editing | None = None
        self._correcting: Correcting | None = None
        self._feeding: Feeding | None = None
        self._importing: Importing | None = None
        self._languages: Languages | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield AgreementTree(id="tree")
            yield DetailPane(
                DetailView(message=f"Opening the store {self.store_path} …"), id="detail"
            )
        yield KeysFooter()

    @property
    def coop(self) -> CoopApp:
        return cast("CoopApp", self.app)

    @property
    def session(self) -> Session | None:
        return self.coop.session

    @property
    def agreement_tree(self) -> AgreementTree:
        return self.query_one("#tree", AgreementTree)

    @property
    def detail(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    @property
    def editing(self) -> Editing:
        """The dialogs that change an annotation (imported when first used)."""
        if self._editing is None:
            from tui.main.editing import Editing

            self._editing = Editing(self)
        return self._editing

    @property
    def correcting(self) -> Correcting:
        """The corrections of the parse (imported when first used)."""
        if self._correcting is None:
            from tui.main.correcting import Correcting

            self._correcting = Correcting(self)
        return self._correcting

    @property
    def feeding(self) -> Feeding:
        """The background work that reads the store for this view."""
        if self._feeding is None:
            from tui.main.feeding import Feeding

            self._feeding = Feeding(self)
        return self._feeding

    @property
    def importing(self) -> Importing:
        """Importing releases from the app (imported when first used)."""
        if self._importing is None:
            from tui.main.importing import Importing

            self._importing = Importing(self)
        return self._importing

    @property
    def languages(self) -> Languages:
        """The language the tree shows (``L``; imported when first used)."""
        if self._languages is None:
            from tui.main.languages import Languages

            self._languages = Languages(self)
        return self._languages

    # ------------------------------------------------------------------ the store's news

    def on_store_opened(self, message: StoreOpened) -> None:
        session = message.session
        self.coop.session = session
        store = session.store
        self.app.sub_title = str(store.path)
        if store.read_only is not None:
            self.app.sub_title += " (read-only)"
            self.app.notify(
                f"The store is read-only here ({store.read_only}): you can read "
                "it, search and export, but not change it.",
                title="Read-only",
                severity="warning",
                timeout=20,
                markup=False,
            )
        tree = self.agreement_tree
        tree.corrected_meetings = self.corrected_meetings()
        tree.single_version = self.languages.single_version()
        shown = self.languages.summaries(message.meetings)
        tree.load(shown, self.annotation_of, self.meeting_of)
        tree.focus()
        if message.meetings:
            first = tree.node_for(message.meetings[0].id)
            if first is not None:
                tree.ensure_children(first)  # before expanding: one layout, not two
                first.expand()
                tree.move_to(first)
        self.show_detail()
        self.call_after_refresh(self.feeding.store_shown.set)
        self.call_after_refresh(self.coop.store_opened.set)
        self.editing.offer_drafts()

    def on_meetings_read(self, message: MeetingsRead) -> None:
        if self.session is not None:
            self.session.meetings = message.meetings  # what d (the year diff) chooses from

    def on_index_ready(self, message: IndexReady) -> None:
        from tui.screens.search import SearchScreen

        if self.session is not None:
            self.session.search_index = message.index
        for screen in self.app.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.set_index(message.index)

    def on_lineage_ready(self, message: LineageReady) -> None:
        if self.session is not None:
            self.session.use_lineage(message.lineage)
        if self.detail.view.kind == "commitment":  # the one view that shows the lineage
            self.show_detail()

    def on_history_ready(self, message: HistoryReady) -> None:
        session = self.session
        if session is None or message.lineage is not session.lineage:
            return  # worked out for meetings since replaced
        if message.error is not None:
            text = f"Could not compare this commitment across meetings: {message.error}"
            self.app.notify(text, severity="error", markup=False)
        session.histories[message.commitment_id] = message.steps
        shown = self.detail.view.commitment
        if shown is not None and session.store.canonical_id(shown.id) == message.commitment_id:
            self.show_detail()

    def on_store_changed(self, message: StoreChanged) -> None:
        tree = self.agreement_tree
        current = tree.current
        if self.session is not None:
            self.session.meetings = message.meetings
        tree.corrected_meetings = self.corrected_meetings()
        tree.single_version = self.languages.single_version()
        shown = self.languages.summaries(message.meetings)
        tree.reload(shown, self.annotation_of, self.meeting_of)
        if current is not None:
            self.jump_to(current.id)
        self.show_detail()
        self.app.notify("The store changed on disk; showing its current content.", markup=False)
        self.coop.figures_stale()

    def restructured(self, focus: Sequence[str], was: str | None = None) -> None:
        """A correction, an undo or a redo is written: the tree shows the store's
        structure as it is now (what was expanded stays so). The cursor goes to the first
        of ``focus`` still there if it is where it was when the change was made (``was``),
        else it stays where the researcher has moved it since (if that is still there);
        the meetings, the search index and the lineage are read again in the
        background."""
        from store import StoreError

        session = self.session
        if session is None:
            return
        store = session.store
        tree = self.agreement_tree
        current = tree.current.id if tree.current is not None else None
        tree.corrected_meetings = self.corrected_meetings()
        tree.single_version = self.languages.single_version()
        tree.reload(self.languages.summaries(), self.annotation_of, self.meeting_of)
        wanted = [*focus, current] if current == was else [current, *focus]
        for target_id in (t for t in wanted if t is not None):
            try:
                store.locate(target_id)
            except StoreError:
                continue
            self.jump_to(target_id)
            break
        else:
            self.show_detail()
        self.feeding.reread()

    def corrected_meetings(self) -> set[str]:
        """The meetings whose title, date or place a researcher corrected."""
        if self.session is None:
            return set()
        return {c.meeting for c in self.session.store.corrections() if c.kind == "meeting"}

    def on_import_done(self, message: ImportDone) -> None:
        self.importing.done(message.report)

    def on_export_done(self, message: ExportDone) -> None:
        if message.error:
            self.app.notify(f"Not exported: {message.error}", severity="error", markup=False)
        else:
            self.app.notify(message.summary or "Exported.", title="Export", markup=False)

    # ------------------------------------------------------------------ selection

    def annotation_of(self, target_id: str) -> Annotation | None:
        return self.session.annotation(target_id) if self.session else None

    def meeting_of(self, meeting_id: str) -> Meeting | None:
        """A meeting with its areas, for the tree (read now if it is not yet)."""
        from store import StoreError

        if self.session is None:
            return None
        try:
            return self.session.store.meeting(meeting_id)
        except StoreError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            return None

    @on(Tree.NodeHighlighted, "#tree")
    def follow_cursor(self) -> None:
        current = self.agreement_tree.current
        if current is not None and current.id == self.detail.view.target_id:
            return  # shown already (e.g. the store's first meeting, put under the cursor)
        self.show_detail()

    def show_detail(self, reveal_note_id: str | None = None) -> None:
        """Show the selected node in the detail pane (scrolled to a note if given)."""
        ref = self.agreement_tree.current
        if self.session is None:
            return
        if ref is None:
            self.detail.show(DetailView(message="Select a meeting, an area or a commitment."))
        else:
            view = self.view_of(ref)
            ids = [n.id for n in view.notes]
            reveal = ids.index(reveal_note_id) if reveal_note_id in ids else None
            self.detail.show(view, reveal_note=reveal)
        self.refresh_bindings()  # the key bar is drawn again only if its keys change

    def view_of(self, ref: NodeRef) -> DetailView:
        from tui.main.languages import view_of

        return view_of(self, ref)

    def show_written(self, target_id: str, *, jump: bool, note_id: str | None) -> None:
        """A change to ``target_id`` is written: its label and detail show it (``jump``:
        the selection moves to it, as after re-attaching an orphan there)."""
        self.agreement_tree.refresh_label(target_id)
        if jump:
            self.jump_to(target_id)
        else:
            self.show_detail(reveal_note_id=note_id)

    def jump_to(self, target_id: str, note_id: str | None = None) -> None:
        """Select a meeting, an area or a commitment in the tree, expanding its parents."""
        from store import StoreError

        if self.session is None:
            return
        try:  # as the tree shows it
            meeting, area, commitment = self.languages.locate(target_id)
        except StoreError as exc:
            self.app.notify(str(exc), severity="warning", markup=False)
            return
        self.agreement_tree.reveal(meeting, area, commitment)
        self.agreement_tree.focus()
        self.show_detail(reveal_note_id=note_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The key bar shows only the keys that apply to what is selected, as the key
        registry says (``Key.applies`` in :mod:`tui.keymap`); none before the store is open,
        and none while another screen (the command palette, say) is over the main view."""
        applies = _APPLIES.get(action)
        if applies is None:
            return True  # not a key of the main view (Tab, say)
        if self.session is None or self.app.screen is not self:
            return False
        if applies == "":
            return True
        if applies == "meetings":
            return len(self.agreement_tree.meetings) > 1
        if applies == "languages":
            return bool(self._languages and self._languages.available)
        ref = self.agreement_tree.current
        if ref is None:
            return False
        if applies == "commitment":
            return ref.kind == "commitment"
        notes = len(self.detail.view.notes)
        if applies == "note":
            return notes > 0
        if applies == "notes":
            return notes > 1
        return True  # "selection"

    # ------------------------------------------------------------------ actions

    def target(self, what: str, kinds: tuple[str, ...]) -> NodeRef | None:
        """The selected node if it is one of ``kinds``; else say what to select."""
        ref = self.agreement_tree.current
        if self.session is None or ref is None or ref.kind not in kinds:
            names = " or ".join(kinds)
            self.app.notify(f"Select a {names} first to {what}.", severity="warning", markup=False)
            return None
        return ref

    def text_of(self, target_id: str) -> str:
        """A target's text as a dialog quotes it. Raises ``StoreError``."""
        from tui import labels

        assert self.session is not None
        meeting, area, commitment = self.session.store.locate(target_id)
        if commitment is not None:
            return commitment.text
        if area is not None:
            return area.name
        return f"{meeting.date or 'undated'} · {labels.parties(meeting)} · {meeting.place or ''}"

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        if self.session is None:
            return
        self.app.push_screen(SearchScreen(self.session.search_index), self.go_to_result)

    def go_to_result(self, result: SearchResult | None) -> None:
        if result is not None:
            self.jump_to(result.target_id, result.note_id)

    def action_correct(self) -> None:
        """``f``: what can be corrected of the selection (rename, move, split …)."""
        self.correcting.open_menu()

    def action_set_status(self) -> None:
        self.editing.set_status()

    def action_tags(self) -> None:
        self.editing.tags()

    def action_new_note(self) -> None:
        self.editing.new_note()

    def action_edit_note(self) -> None:
        self.editing.edit_note()

    def action_delete_note(self) -> None:
        self.editing.delete_note()

    def action_select_note(self, step: int) -> None:
        self.detail.select_note(step)

    def action_view_note(self) -> None:
        """The selected note whole, however long, as written (a card shows the start of
        a long one)."""
        from tui.screens.note_view import NoteViewScreen

        note = self.detail.selected_note
        if note is not None:
            self.app.push_screen(NoteViewScreen(note, self.detail.note_index))

    def action_links(self) -> None:
        """The links of the selected note with their addresses; Enter copies one."""
        note = self.detail.selected_note
        if note is not None:
            self.coop.keys.hold(self.feeding.find_links(note.text, self.detail.note_index))

    def show_links(self, links: list[Link], index: int) -> None:
        from tui.render import strip_controls
        from tui.screens.links import LinksScreen

        def chosen(url: str | None) -> None:
            if url is not None:
                self.copy_link(strip_controls(url))

        if not links:
            self.app.notify(f"Note {index + 1} has no links.", markup=False)
            return
        self.app.push_screen(LinksScreen(links, index), chosen)

    def copy_link(self, url: str) -> None:
        """Put a link's address (as shown) on the clipboard, and say so."""
        self.app.copy_to_clipboard(url)
        self.app.notify(f"Copied to the clipboard: {url}", title="Link", markup=False)

    def action_orphans(self) -> None:
        if self.session is None:
            return
        self.coop.keys.hold(self.feeding.load_orphans())  # keys typed after o: its dialog

    def show_orphans(self, orphans: list[Orphan]) -> None:
        self.editing.reattach(orphans)

    def action_diff(self) -> None:
        """The year diff, opened on the selected meeting and the one before it between the
        same parties (after it, if it is their first); if it is their only meeting, a
        notification says so and nothing opens: never another partnership's diff."""
        from compare.select import SelectionError, neighbour_pair
        from tui.screens.diff import DiffScreen

        session = self.session
        if session is None:
            return
        if not session.meetings:  # the background reading is not done yet
            self.app.notify(
                "Still reading the store's meetings; the year diff opens in a moment.",
                markup=False,
            )
            return
        ref = self.agreement_tree.current
        a_id = b_id = None
        if ref is not None:
            store = session.store  # the meetings compared are the primary versions
            meeting = store.locate(store.canonical_id(store.locate(ref.id)[0].id))[0]
            try:
                a, b = neighbour_pair(session.meetings, meeting)
            except SelectionError as exc:
                message = str(exc)
                self.app.notify(
                    f"{message[:1].upper()}{message[1:]}. (The year diff's two pickers "
                    "compare any two meetings.)",
                    title="Nothing to compare",
                    severity="warning",
                    markup=False,
                )
                return
            a_id, b_id = a.id, b.id

        def chosen(target_id: str | None) -> None:
            if target_id:
                self.jump_to(target_id)

        language = self.languages.shown
        self.app.push_screen(DiffScreen(session.store, a_id, b_id, language), chosen)

    def action_overview(self) -> None:
        """``c``: the compliance overview, on the series of the selected meeting; Enter on
        a commitment there selects it here."""
        session = self.session
        if session is None:
            return
        ref = self.agreement_tree.current
        store = session.store  # the overview's series are of the primary versions
        meeting_id = store.canonical_id(store.locate(ref.id)[0].id) if ref is not None else None
        self.coop.keys.hold(self.feeding.load_overview(meeting_id))  # keys after c: for it

    def show_overview(self, meeting_id: str | None) -> None:
        from tui.screens.overview import OverviewScreen

        def chosen(target_id: str | None) -> None:
            if target_id:
                self.jump_to(target_id)

        if self.session is not None:
            self.app.push_screen(OverviewScreen(self.session, meeting_id), chosen)

    def action_export(self) -> None:
        """Ask where and what to export; the file is written in a worker."""
        from tui.screens.export import ExportScreen

        session = self.session
        if session is None:
            return
        ref = self.agreement_tree.current
        store = session.store  # an export selects the primary versions (with both texts)
        meeting = store.locate(store.canonical_id(store.locate(ref.id)[0].id))[0] if ref else None

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self.feeding.export(request)

        self.app.push_screen(
            ExportScreen(
                meeting_id=meeting.id if meeting else None,
                meeting_title=meeting.title if meeting else "",
                known_tags=session.store.all_tags(),
            ),
            chosen,
        )

    def action_import_releases(self) -> None:
        """``i``: import release files, folders or web addresses, with progress."""
        self.importing.open()

    def action_source(self) -> None:
        """The selection in the release it came from, as stored (``w``)."""
        ref = self.target("see where it came from", ("commitment", "area", "meeting"))
        if ref is not None:
            self.coop.keys.hold(self.feeding.load_source(ref.id))  # keys after w: the view

    def show_source(self, meeting: Meeting, found: SourceMap, target_id: str) -> None:
        from tui.screens.source import SourceScreen

        def added(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.add_from_source(*result)

        self.app.push_screen(SourceScreen(meeting, found, target_id), added)

    def add_from_source(self, area_id: str, text: str) -> None:
        """Text of the source view (``a``) becomes a commitment of ``area_id``."""
        from tui.correction_changes import AddCommitment

        self.coop.save(AddCommitment(area_id, text=text))

    def action_switch_language(self) -> None:
        """``L``: the tree in the next language (see :mod:`tui.main.languages`)."""
        self.languages.switch()

    def action_refresh_store(self) -> None:
        self.feeding.check_for_changes(asked=True)

    def action_help(self) -> None:
        self.coop.action_help()
