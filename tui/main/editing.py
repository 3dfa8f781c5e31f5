"""The main view's dialogs that change an annotation: status, tags, a note (new, edited,
deleted), the re-attaching of an orphan; and the drafts they restore.

Each dialog opens on what the store holds now (its *base*) and, when answered, hands a
change (:mod:`tui.changes`) to the app's writer (``CoopApp.save``); if the write fails
the app opens the dialog again, filled in as it was (:meth:`Editing.reopen`). A draft
kept last time (:mod:`store.drafts`) is offered at start and restored by the key that
opens its dialog. Imported when the first of them is used, not before the first frame
(and its dialogs with it).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text

from store import Status, StoreError
from store.drafts import Draft
from tui import labels
from tui.changes import (
    AddNote,
    Change,
    DeleteNote,
    EditNote,
    EditTags,
    Reattach,
    SetStatus,
)
from tui.render import literal
from tui.screens.confirm import ConfirmScreen
from tui.screens.note_editor import NoteEditorScreen, NoteResult
from tui.screens.orphans import OrphansScreen, ReattachChoice
from tui.screens.status import StatusChoice, StatusScreen
from tui.screens.tags import TagEdit, TagsScreen

if TYPE_CHECKING:
    from session import Session
    from store import Note, Orphan
    from tui.app import CoopApp
    from tui.main.screen import MainScreen


class Editing:
    """Opens the editing dialogs over ``screen`` (the main view)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    @property
    def app(self) -> CoopApp:
        return self.screen.coop

    @property
    def session(self) -> Session:
        session = self.app.session
        assert session is not None  # the keys that edit work once the store is open
        return session

    # ------------------------------------------------------------------ status

    def set_status(self) -> None:
        ref = self.screen.target("set a status", ("commitment",))
        if ref is None:
            return
        draft = self.session.find_draft("status", ref.id)
        if draft is None:
            self.open_status(ref.id)
            return
        kept = SetStatus(ref.id, Status(draft.status), draft.source, draft.evidence)
        self.open_status(ref.id, kept, notice=restored(draft), draft_id=draft.id)

    def open_status(
        self,
        target_id: str,
        previous: SetStatus | None = None,
        *,
        notice: str | None = None,
        draft_id: str | None = None,
    ) -> None:
        """The status dialog, filled in with ``previous`` if given. What it shows is the
        base of the change: if the status is set elsewhere meanwhile, it is not saved."""
        if self.app.refused_read_only():
            return
        annotation = self.session.annotation(target_id)
        base = tuple(annotation.history)
        screen = StatusScreen(
            self.screen.text_of(target_id),
            annotation.status,
            source=(previous.source or "") if previous else "",
            evidence=(previous.evidence or "") if previous else "",
            chosen=previous.status if previous else None,
            notice=notice,
        )

        def chosen(choice: StatusChoice | None) -> None:
            if choice is None:
                if draft_id is not None:  # Escape gives up a kept change
                    self.app.drop_draft(draft_id)
                return
            self.app.save(
                SetStatus(
                    target_id,
                    choice.status,
                    choice.source,
                    choice.evidence,
                    base=base,
                    draft_id=draft_id,
                )
            )

        self.app.push_screen(screen, chosen)

    # ------------------------------------------------------------------ tags

    def tags(self) -> None:
        ref = self.screen.target("edit tags", ("commitment", "area", "meeting"))
        if ref is None:
            return
        draft = self.session.find_draft("tags", ref.id)
        if draft is None:
            self.open_tags(ref.id)
            return
        pending = TagEdit(draft.add, draft.remove)
        self.open_tags(ref.id, pending, notice=restored(draft), draft_id=draft.id)

    def open_tags(
        self,
        target_id: str,
        pending: TagEdit | None = None,
        *,
        notice: str | None = None,
        draft_id: str | None = None,
    ) -> None:
        """The tags dialog; its edit is a delta from the tags it shows (``base``),
        merged with the tags as they are when it is written."""
        if self.app.refused_read_only():
            return
        store = self.session.store
        base = tuple(store.annotation(target_id).tags)
        screen = TagsScreen(
            self.screen.text_of(target_id), list(base), store.all_tags(), pending, notice=notice
        )

        def edited(edit: TagEdit | None) -> None:
            if edit is not None and not edit.is_empty:
                self.app.save(
                    EditTags(target_id, edit.add, edit.remove, base=base, draft_id=draft_id)
                )
            elif draft_id is not None:  # Escape, or nothing left to change
                self.app.drop_draft(draft_id)

        self.app.push_screen(screen, edited)

    # ------------------------------------------------------------------ notes

    def new_note(self) -> None:
        ref = self.screen.target("write a note", ("commitment", "area", "meeting"))
        if ref is None:
            return
        draft = self.session.find_draft("note", ref.id)
        if draft is None:
            self.open_note_editor(ref.id)
        else:
            self.open_note_editor(
                ref.id, draft.text, draft_id=draft.id, notice=restored(draft, "note")
            )

    def edit_note(self) -> None:
        note = self.screen.detail.selected_note
        if self.app.session is None or note is None:
            self.app.notify("There is no note here to edit.", severity="warning", markup=False)
            return
        draft = self.session.find_draft("note", note.target_id, note.id)
        if draft is None:
            self.open_note_editor(note.target_id, note.text, note_id=note.id, base=note)
        else:  # its base: the note as it was when the draft was begun
            self.open_note_editor(
                note.target_id,
                draft.text,
                note_id=note.id,
                base=draft.base or note,
                draft_id=draft.id,
                notice=restored(draft, "note"),
            )

    def open_note_editor(
        self,
        target_id: str,
        text: str = "",
        *,
        note_id: str | None = None,
        base: Note | None = None,
        error: str | None = None,
        draft_id: str | None = None,
        notice: str | None = None,
    ) -> None:
        """The note editor: a new note on ``target_id``, or an edit of ``note_id`` as it
        was read (``base``). Escape keeps what was typed as a draft (``note_closed``)."""
        if self.app.refused_read_only():
            return
        screen = NoteEditorScreen(
            self.screen.text_of(target_id),
            text,
            editing=note_id is not None,
            error=error,
            notice=notice,
        )
        self.app.editors[screen] = (target_id, note_id, base, draft_id)

        def done(result: NoteResult | None) -> None:
            self.app.editors.pop(screen, None)
            if result is None:
                return
            if result.cancelled:
                self.note_closed(target_id, note_id, base, draft_id, result.text)
            elif result.delete and note_id is not None:
                self.confirm_delete(
                    target_id, note_id, typed=result.text, base=base, draft_id=draft_id
                )
            elif note_id is not None:
                self.app.save(
                    EditNote(target_id, note_id, result.text, base=base, draft_id=draft_id)
                )
            else:
                self.app.save(AddNote(target_id, result.text, draft_id=draft_id))

        self.app.push_screen(screen, done)

    def note_closed(
        self,
        target_id: str,
        note_id: str | None,
        base: Note | None,
        draft_id: str | None,
        text: str,
    ) -> None:
        """Escape in the note editor: text that is new is kept as a draft (the next ``n``
        on the target, or ``e`` on the note, brings it back); none, or the note as
        stored, just closes (and gives up a draft it came from)."""
        if not text.strip() or text == (base.text if base is not None else ""):
            if draft_id is not None:
                self.app.drop_draft(draft_id)
                self.app.notify("Draft discarded.", markup=False)
            return
        draft = Draft(
            "note", target_id, why="kept on Escape", text=text, note_id=note_id, base=base
        )
        if draft_id is not None:
            draft = replace(draft, id=draft_id)
        if not self.app.keep_draft(draft):  # back to the editor: the text must not be lost
            self.open_note_editor(
                target_id,
                text,
                note_id=note_id,
                base=base,
                draft_id=draft_id,
                error="the draft could not be kept (see the message)",
            )
            return
        key = "e on this note" if note_id else f"n on this {self.session.kind_of(target_id)}"
        self.app.notify(f"Draft kept: {key} brings it back.", markup=False)

    def delete_note(self) -> None:
        note = self.screen.detail.selected_note
        if note is not None and not self.app.refused_read_only():
            self.confirm_delete(note.target_id, note.id, base=note)

    def confirm_delete(
        self,
        target_id: str,
        note_id: str,
        typed: str | None = None,
        *,
        base: Note | None = None,
        draft_id: str | None = None,
    ) -> None:
        """Ask, then delete the note as shown (``base``): not if it was edited elsewhere."""
        question = Text("Delete this note? (Ctrl+Z in the main view undoes it.)\n\n", style="bold")
        note = base or next((n for n in self.screen.detail.view.notes if n.id == note_id), None)
        if note is not None:
            question.append_text(literal(labels.clip(note.text, 200), style="not bold"))
        if self.session.drafts_of_note(note_id):
            question.append("\n\nIts unsaved draft goes too.", style="not bold")

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.save(DeleteNote(target_id, note_id, base=note, draft_id=draft_id))
            elif typed is not None:  # back to the editor, with what was typed
                self.open_note_editor(
                    target_id, typed, note_id=note_id, base=base, draft_id=draft_id
                )

        self.app.push_screen(ConfirmScreen(question), answered)

    # ------------------------------------------------------------------ orphans

    def reattach(self, orphans: list[Orphan]) -> None:
        """The orphans dialog; the choice is written as a re-attaching."""

        def chosen(choice: ReattachChoice | None) -> None:
            if choice is not None:
                orphan = choice.orphan
                self.app.save(
                    Reattach(
                        choice.commitment_id,
                        orphan.id,
                        orphan.kind,
                        orphan.old_target_id,
                        base=orphan,
                    )
                )

        self.app.push_screen(OrphansScreen(orphans, self.session.store), chosen)

    # ------------------------------------------------------------------ after a failed write

    def reopen(self, change: Change, error: str, draft_id: str | None = None) -> None:
        """Open the dialog the failed change came from again, filled in as it was."""
        if isinstance(change, AddNote):
            self.open_note_editor(change.target_id, change.text, error=error, draft_id=draft_id)
        elif isinstance(change, EditNote):
            self.open_note_editor(
                change.target_id,
                change.text,
                note_id=change.note_id,
                base=change.base,
                error=error,
                draft_id=draft_id,
            )
        elif isinstance(change, SetStatus):
            self.open_status(change.target_id, change, draft_id=draft_id)
        elif isinstance(change, EditTags):
            self.open_tags(change.target_id, TagEdit(change.add, change.remove), draft_id=draft_id)

    # ------------------------------------------------------------------ drafts

    def offer_drafts(self) -> None:
        """At start: say which changes were kept as drafts last time, and how to get
        each back (one already in the store, written after all, is dropped)."""
        drafts, problems = self.session.drafts_to_offer()
        for problem in problems:
            self.app.notify(problem, severity="warning", markup=False)
        offered = [self._describe_draft(draft) for draft in drafts]
        if offered:
            count = f"{len(offered)} unsaved change{'s' if len(offered) > 1 else ''}"
            self.app.notify(
                f"{count} kept as drafts from last time: {'; '.join(offered)}. Select it and "
                "press the key to get it back.",
                title="Drafts",
                severity="warning",
                timeout=30,
                markup=False,
            )

    def _describe_draft(self, draft: Draft) -> str:
        if draft.kind == "status":
            what, key = "a status", "s"
        elif draft.kind == "tags":
            what, key = "a change of tags", "t"
        elif draft.note_id is not None:
            what, key = "an edited note", "e"
        else:
            what, key = "a new note", "n"
        try:
            on = f"“{labels.first_words(self.screen.text_of(draft.target_id))}”"
        except StoreError:  # re-imported since: the draft stays in its file
            path = self.session.drafts.directory / f"{draft.id}.json"
            on = f"{draft.target_id}, no longer in the store (the draft stays in {path})"
        return f"{what} on {on} ({key})"


def restored(draft: Draft, what: str = "change") -> str:
    """The line a dialog shows when it opens on a draft."""
    why = f" ({draft.why})" if draft.why else ""
    return (
        f"Your unsaved {what}, kept {labels.format_time(draft.kept)}{why}. Save it, or "
        f"{'empty it and press Escape' if what == 'note' else 'press Escape'} to discard it."
    )
