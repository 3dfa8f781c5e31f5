"""The main view's languages: a meeting released in English and in Chinese is one meeting
with two versions (``store.versions``), and the tree shows each meeting once — as its
primary version (the one imported first), or as its version in the language chosen with
``L``, which cycles through the primary versions and each language the store's meetings
have versions in (English, 繁體中文, 简体中文). The cursor stays on the same item where the
version shown has it; a target given by any version's ID (a search hit, a row of the year
diff) is selected in the version shown.

Also here: the detail pane's view of a node (:func:`view_of`), which shows a commitment's
text in its meeting's other languages, an area's other names, a meeting's languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from tui.widgets.detail import DetailView, HistoryStep

if TYPE_CHECKING:
    from parsers.model import Area, Commitment, Meeting
    from tui.main.screen import MainScreen
    from tui.widgets.agreement_tree import MeetingLike, NodeRef


class Languages:
    """Which language the tree shows (``shown``: None for the primary versions)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.shown: str | None = None
        #: The languages the store's meetings have versions in (none: nothing to switch).
        self.available: list[str] = []

    def summaries(self, given: Sequence[MeetingLike] | None = None) -> Sequence[MeetingLike]:
        """The meetings the tree shows: each once, in the language shown where it has
        a version in it (and the languages to switch between, worked out again);
        ``given``: the primary versions, read already."""
        from parsers.model import LANGUAGES

        session = self.screen.session
        assert session is not None
        store = session.store
        found = set(store.versions().language.values())
        self.available = [language for language in LANGUAGES if language in found]
        if self.shown is not None and self.shown not in self.available:
            self.shown = None  # no version in it now (another process changed the store)
            self.show_name()
        if self.shown is None and given is not None:
            return given
        shown = store.meeting_summaries(self.shown)
        if self.shown is None:
            return shown
        # in the primaries' order: a version imported later sits where its meeting does
        # (meetings of one date keep their places when the language changes)
        versions = store.versions()
        place = {m.id: n for n, m in enumerate(store.meeting_summaries())}
        return sorted(shown, key=lambda m: place.get(versions.primary.get(m.id, m.id), 0))

    def name(self) -> str:
        from parsers.model import LANGUAGE_NAMES

        if self.shown is None:
            return "each meeting in the language first imported"
        return LANGUAGE_NAMES.get(self.shown, self.shown)

    def switch(self) -> None:
        """``L``: the tree shows the next language (see the module docstring), what was
        expanded expanded and the cursor on the same item in it where it has one."""
        screen = self.screen
        session = screen.session
        if session is None:
            return
        self.summaries()  # the store's languages as they are now
        if not self.available:
            screen.app.notify("No meeting here has versions in two languages.", markup=False)
            return
        order: list[str | None] = [None, *self.available]
        self.shown = order[(order.index(self.shown) + 1) % len(order)]
        tree = screen.agreement_tree
        current = tree.current
        tree.corrected_meetings = screen.corrected_meetings()
        tree.single_version = self.single_version()
        versions = session.store.versions()
        shown = self.shown

        def same(target_id: str) -> str | None:
            return versions.counterpart(target_id, shown)

        tree.reload(self.summaries(), screen.annotation_of, screen.meeting_of, same)
        if current is not None:
            screen.jump_to(current.id)
        else:
            screen.show_detail()
        self.show_name()
        screen.app.notify(f"Showing {self.name()}.", title="Language", markup=False)

    def single_version(self) -> dict[str, str]:
        """The commitments of a meeting with versions in several languages that only one
        version has (no counterpart, so no translation), and that version's language."""
        session = self.screen.session
        if session is None:
            return {}
        versions = session.store.versions()
        return {
            item: versions.language[meeting]
            for item, meeting in versions.item_meeting.items()
            if item not in versions.translations and meeting in versions.language
        }

    def show_name(self) -> None:
        """The header says which language the tree shows (nothing for the primaries)."""
        app = self.screen.app
        base = app.sub_title.split("  ·  ", 1)[0]
        app.sub_title = base if self.shown is None else f"{base}  ·  {self.name()}"

    def counterpart(self, target_id: str) -> str | None:
        """The same meeting, area or commitment in the version shown (None: it has no
        counterpart there)."""
        session = self.screen.session
        if session is None:
            return target_id
        return session.store.versions().counterpart(target_id, self.shown)

    def locate(self, target_id: str) -> tuple[Meeting, Area | None, Commitment | None]:
        """Where a target given by any version's ID is in the tree shown: its counterpart
        in the version shown; a commitment only another version has where the version
        shown lists it under one of its areas (``Versions.named``); else its area's or its
        meeting's counterpart. StoreError if it is nowhere."""
        session = self.screen.session
        assert session is not None
        store = session.store
        if self.counterpart(target_id) is None:
            versions = store.versions()
            mine = versions.item_meeting.get(target_id)
            if mine is not None:
                shown = store.meeting(versions.version(mine, self.shown))
                for area in shown.areas:
                    for commitment in area.commitments:
                        if commitment.id == target_id:
                            return shown, area, commitment
        return store.locate(self.shown_id(target_id))

    def shown_id(self, target_id: str) -> str:
        """A target given by any version's ID, as the tree shows it: its counterpart in
        the version shown, else its area's, else its meeting's."""
        from store import StoreError

        found = self.counterpart(target_id)
        if found is not None:
            return found
        session = self.screen.session
        assert session is not None
        try:
            meeting, area, _commitment = session.store.locate(target_id)
        except StoreError:
            return target_id
        for parent in (area.id if area is not None else None, meeting.id):
            if parent is not None and (found := self.counterpart(parent)) is not None:
                return found
        return target_id


def view_of(screen: MainScreen, ref: NodeRef) -> DetailView:
    """What the detail pane shows of a tree node."""
    session = screen.session
    assert session is not None
    store = session.store
    meeting, area, commitment = screen.languages.locate(ref.id)  # as the tree shows it
    annotation = store.annotation(ref.id)
    if commitment is not None:
        view = DetailView("commitment", meeting, area, commitment, annotation)
        view.translations = store.translations(commitment.id)
        _versions_of(screen, view, commitment)
        if commitment.origin == "split":  # the second part: of which commitment?
            view.split_from = next(
                (c.target for c in store.corrections()
                 if c.kind == "split" and c.new_id == commitment.id),
                None,
            )  # fmt: skip
        # the lineage is of the primary versions: a version's commitment has the history
        # of the primary's it stands for (an extra one, none)
        first = store.canonical_id(commitment.id)
        steps = session.known_history(first)
        if steps is None:
            view.history_pending = True
            lineage = session.lineage
            assert lineage is not None
            screen.feeding.work_out_history(lineage, first)
        else:
            view.history = [
                HistoryStep(step.meeting, c, store.annotation(c.id), c.id == first)
                for step in steps
                for c in step.commitments
            ]
        return view
    items: Sequence = area.commitments if area is not None else meeting.commitments
    statuses = [store.annotation(c.id).status for c in items]
    kind: Literal["area", "meeting"] = "area" if area is not None else "meeting"
    view = DetailView(kind, meeting, area, None, annotation, statuses)
    if area is not None:
        view.translations = store.translations(area.id)
    else:  # a meeting fetched from a URL: which, and when; its languages
        view.origin = store.origin(meeting.id)
        versions = store.versions()
        view.languages = versions.languages(meeting.id) or [meeting.language]
        view.version_warnings = versions.warnings.get(versions.primary.get(meeting.id, ""), [])
    return view


def _versions_of(screen: MainScreen, view: DetailView, commitment: Commitment) -> None:
    """A commitment only one language version has (``view.only_in``), or one that stands
    for several of the primary version's (``view.stands_for``: a Chinese sentence that
    says two English ones in one)."""
    session = screen.session
    assert session is not None
    store = session.store
    versions = store.versions()
    mine = versions.item_meeting.get(commitment.id)
    if mine is None or mine not in versions.language:
        return
    if not view.translations:
        view.only_in = versions.language[mine]
        return
    primary = versions.primary.get(mine, mine)
    if primary == mine:  # one of several its other version says in one sentence?
        for language, text in view.translations.items():
            shared = [
                (c.id, c.text)
                for c in store.meeting(primary).commitments
                if versions.translations.get(c.id, {}).get(language) == text
            ]
            if len(shared) > 1:
                view.stands_for, view.shared_in = shared, language
                view.stands_for_language = versions.language[primary]
                return
        return
    language = versions.language[mine]
    view.stands_for = [
        (c.id, c.text)
        for c in store.meeting(primary).commitments
        if versions.translations.get(c.id, {}).get(language) == commitment.text
    ]
    view.stands_for_language = versions.language[primary]
