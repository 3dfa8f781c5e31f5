"""Every key of the app, declared once: the one registry the bindings, the key bar, the
help screen and the command palette are made from.

A :class:`Key` says which key does what where (its *context*: the main view, a
dialog, a widget), the word the key bar shows, the longer text of its tooltip and of
the help, and whether it shows in the key bar, in the help and in the command palette.
The screens and widgets take their ``BINDINGS`` from :func:`bindings`; the key bar
(``tui.widgets.footer``) draws the bindings that are active; the help screen lists
:func:`help_sections`; the app's palette commands are :func:`palette_entries`. A key
that a widget inside a screen handles (Enter in a list, Tab between fields) is listed
with ``by``, the widget class that binds it, and is not bound again.

``tests/test_keymap.py`` checks that each context's class has exactly the registry's
bindings, that each key's action exists, and that a key handled ``by`` a widget is one
that widget binds. (This module imports only Textual's ``Binding``: it is read before
the first frame.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding, BindingType

#: When a key of the main view applies (the key bar hides it otherwise): ``""`` once the
#: store is open, ``selection`` when a node is selected, ``commitment`` when it is a
#: commitment, ``note`` when a note is shown, ``notes`` when several are, ``meetings``
#: when the store has more than one meeting, ``languages`` when its meetings are in more
#: than one language.
Applies = Literal["", "selection", "commitment", "note", "notes", "meetings", "languages"]


@dataclass(frozen=True)
class Key:
    """One key (or several for one action, comma-separated) of one context."""

    key: str
    action: str
    #: The key bar's word (and the help's, when there is no tooltip or help text).
    description: str
    #: The pointer's tooltip over the key in the key bar, and the help's text.
    tooltip: str = ""
    #: The help's text when it differs from the tooltip and the description.
    help_text: str = ""
    key_display: str | None = None
    bar: bool = True  # shown in the key bar (when it applies)
    in_help: bool = True  # listed in the help screen
    #: The command palette's (title, explanation), if the action is offered there.
    palette: tuple[str, str] | None = None
    pinned: bool = False  # kept in the key bar however narrow it is
    priority: bool = False
    applies: Applies = ""
    #: Handled by this widget of the screen (``module.Class``): listed, not bound here.
    by: str = ""

    @property
    def name(self) -> str:
        """The action's name, without its parameters."""
        return self.action.partition("(")[0]

    @property
    def help_line(self) -> str:
        return self.help_text or self.tooltip or self.description

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.description,
            show=self.bar,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.tooltip,
        )


# The contexts: where a key works.
APP = "app"  # the app, on every screen that is not a dialog
MAIN = "main"  # the main view
TREE = "tree"  # the tree of the main view
SEARCH = "search"
STATUS = "status"
TAGS = "tags"
NOTE_EDITOR = "note editor"
NOTE_VIEW = "note view"
LINKS = "links"
ORPHANS = "orphans"
DIFF = "diff"
DIFF_ROWS = "diff rows"  # the year diff's list of rows
EXPORT = "export"
IMPORT = "import"
CONFIRM = "confirm"
QUIT = "quit"
HELP = "help"
SOURCE = "source"  # the source view
PICK_AREA = "pick area"  # the source view's "which area?" dialog
CORRECT = "correct"  # the corrections menu (f)
FIX_TEXT = "fix text"  # a name, a title, a date, a place, a text from the source
MOVE = "move"
SPLIT = "split"
MERGE = "merge"
OVERVIEW = "overview"  # the compliance overview (c)
MATRIX = "overview matrix"  # the overview's matrix of cells
CELL_LIST = "cell list"  # the commitments behind a cell of the overview
DIALOG = "dialog"  # every dialog and screen over the main view

#: Each context → the class that binds its keys (``module.Class``).
BOUND_BY: dict[str, str] = {
    APP: "tui.app.CoopApp",
    MAIN: "tui.main.screen.MainScreen",
    TREE: "tui.widgets.agreement_tree.AgreementTree",
    SEARCH: "tui.screens.search.SearchScreen",
    STATUS: "tui.screens.status.StatusScreen",
    TAGS: "tui.screens.tags.TagsScreen",
    NOTE_EDITOR: "tui.screens.note_editor.NoteEditorScreen",
    NOTE_VIEW: "tui.screens.note_view.NoteViewScreen",
    LINKS: "tui.screens.links.LinksScreen",
    ORPHANS: "tui.screens.orphans.OrphansScreen",
    DIFF: "tui.screens.diff.DiffScreen",
    DIFF_ROWS: "tui.widgets.diff_view.DiffView",
    EXPORT: "tui.screens.export.ExportScreen",
    IMPORT: "tui.screens.import_releases.ImportScreen",
    CONFIRM: "tui.screens.confirm.ConfirmScreen",
    QUIT: "tui.screens.quit.QuitScreen",
    HELP: "tui.screens.help.HelpScreen",
    SOURCE: "tui.screens.source.SourceScreen",
    PICK_AREA: "tui.screens.source.AreaPickerScreen",
    CORRECT: "tui.screens.correct.CorrectMenuScreen",
    FIX_TEXT: "tui.screens.correct.FixTextScreen",
    MOVE: "tui.screens.correct.MoveScreen",
    SPLIT: "tui.screens.split.SplitScreen",
    MERGE: "tui.screens.correct.MergeScreen",
    OVERVIEW: "tui.screens.overview.OverviewScreen",
    MATRIX: "tui.widgets.overview_matrix.OverviewMatrix",
    CELL_LIST: "tui.screens.cell_list.CellListScreen",
    DIALOG: "tui.screens.dialog.DismissedOnce",
}

_LIST = "textual.widgets.OptionList"
_FIELD = "textual.widgets.Input"
_SCREEN = "textual.screen.Screen"  # Tab and Shift+Tab move between fields
_TREE = "textual.widgets.Tree"
_MATRIX = BOUND_BY[MATRIX]

# fmt: off
_KEYS: dict[str, list[Key]] = {
    # short words for the key bar, so that it fits 120 columns with "? Help" and
    # "q Quit" in it; the help shows the tooltip if there is one
    MAIN: [
        Key("slash", "search", "Search", key_display="/",
            palette=("Search", "Fuzzy search commitments, areas, tags and notes")),
        Key("s", "set_status", "Status", applies="commitment",
            palette=("Set status", "Set the selected commitment's status")),
        Key("n", "new_note", "New note", applies="selection",
            palette=("New note", "Write a note on the selection")),
        Key("e", "edit_note", "Edit", tooltip="Edit note", applies="note",
            palette=("Edit note", "Edit the selected note")),
        Key("delete", "delete_note", "Delete", tooltip="Delete note", applies="note"),
        Key("v", "view_note", "View note", bar=False, tooltip="Read the whole note",
            applies="note"),
        Key("l", "links", "Links", bar=False, tooltip="The note's links: see, copy",
            applies="note"),
        # the Notes heading says "[ ] select a note" when there are several
        Key("left_square_bracket", "select_note(-1)", "Prev note", key_display="[", bar=False,
            applies="notes"),
        Key("right_square_bracket", "select_note(1)", "Next note", key_display="]", bar=False,
            applies="notes"),
        Key("t", "tags", "Tags", applies="selection",
            palette=("Edit tags", "Add or remove tags on the selection")),
        Key("f", "correct", "Fix", applies="selection",
            tooltip="Correct the parse: rename, move, split, merge, exclude…",
            palette=("Correct the parse", "Rename an area, fix a meeting, move, split, "
                     "merge or exclude a commitment")),
        Key("o", "orphans", "Orphans",
            palette=("Orphaned annotations", "List and re-attach orphaned annotations")),
        Key("d", "diff", "Diff", tooltip="Year diff", applies="meetings",
            palette=("Year diff", "Compare a meeting's commitments with the previous one's")),
        Key("x", "export", "Export",
            palette=("Export notes", "Write the notes as Markdown, JSON, CSV or a folder")),
        Key("w", "source", "Source", tooltip="Where it came from: the release as stored",
            applies="selection",
            palette=("Source", "Show the selection in its release as stored: what was taken, "
                     "what was dropped")),
        # near the end of the bar's keys: left out before the others when short of room
        Key("c", "overview", "Overview",
            tooltip="Compliance overview: areas × meetings, statuses, trend",
            palette=("Compliance overview", "Areas across the meetings of a series, the "
                     "statuses of each meeting and their trend, with filters")),
        # only with meetings in two languages or more; near the end: left out first
        Key("L", "switch_language", "Language", key_display="L", applies="languages",
            tooltip="Switch the tree's language (English, 繁體中文, 简体中文)",
            palette=("Switch language", "Show the meetings in another of their languages "
                     "(a meeting released in English and Chinese)")),
        # used now and then: in the help and the palette, not the bar (which keeps its room
        # for Overview and Undo)
        Key("i", "import_releases", "Import", bar=False,
            tooltip="Import releases: a file, a folder or a web address",
            palette=("Import releases", "Import release files, folders or web addresses "
                     "into the store, with progress")),
        Key("ctrl+r", "refresh_store", "Reload", bar=False),
        Key("question_mark", "help", "Help", key_display="?", pinned=True,
            palette=("Help", "Show every key of every screen")),
    ],
    APP: [
        # Ctrl+Shift+Z reaches the app only from a terminal speaking the kitty keyboard
        # protocol (others send it as Ctrl+Z): Ctrl+Y redoes everywhere
        Key("ctrl+z", "undo", "Undo",
            tooltip="Undo your last change (status, tags, note, correction)",
            palette=("Undo", "Undo your last change")),
        Key("ctrl+y,ctrl+shift+z", "redo", "Redo",
            tooltip="Redo the change you last undid",
            palette=("Redo", "Redo the change you last undid")),
        Key("q", "quit", "Quit", tooltip="Quit (in a dialog or another screen, q closes it)",
            pinned=True),
        Key("ctrl+p", "command_palette", "Command palette: jump to commitment…",
            by="textual.app.App"),
    ],
    TREE: [
        Key("right", "expand_node", "Expand", bar=False),
        Key("left", "collapse_or_parent", "Collapse", bar=False),
        Key("shift+left", "cursor_parent", "Cursor to parent", by=_TREE),
        Key("shift+right", "cursor_parent_next_sibling", "Cursor to next ancestor", by=_TREE),
        Key("shift+up", "cursor_previous_sibling", "Cursor to previous sibling", by=_TREE),
        Key("shift+down", "cursor_next_sibling", "Cursor to next sibling", by=_TREE),
        Key("enter", "select_cursor", "Select", by=_TREE),
        Key("space", "toggle_node", "Toggle", by=_TREE),
        Key("shift+space", "toggle_expand_all", "Expand or collapse all", by=_TREE),
        Key("up", "cursor_up", "Cursor Up", by=_TREE),
        Key("down", "cursor_down", "Cursor Down", by=_TREE),
    ],
    SEARCH: [
        Key("escape", "cancel", "Close"),
        Key("down", "to_results", "Results"),
        Key("enter", "choose", "Go to the highlighted result", by=_LIST),
        Key("up", "up", "Previous result", by=_LIST),
    ],
    STATUS: [
        Key("escape", "cancel", "Cancel"),
        Key("ctrl+s", "save", "Save"),
        Key("up,down", "move", "Pick a status", by=_LIST),
        Key("enter", "save", "Save the status", by=_LIST, in_help=False),  # as ctrl+s
        Key("tab", "next", "Source, then evidence fields", by=_SCREEN),
    ],
    TAGS: [
        Key("escape", "cancel", "Cancel"),
        Key("ctrl+s", "save", "Save"),
        Key("enter", "add", "Add the typed tag(s); on an empty field, save", by=_FIELD),
        Key("right", "complete", "Complete a known tag", by=_FIELD),
        Key("space", "toggle", "Un-tick / tick a tag in the list",
            by="textual.widgets.SelectionList"),
        Key("tab", "next", "Between the field and the list", by=_SCREEN),
    ],
    NOTE_EDITOR: [
        Key("ctrl+s", "save", "Save"),
        Key("escape", "cancel", "Cancel", tooltip="Close; what you typed is kept as a draft"),
        Key("ctrl+d", "delete", "Delete note", priority=True),
    ],
    NOTE_VIEW: [Key("escape", "cancel", "Close", in_help=False)],
    LINKS: [
        Key("escape", "cancel", "Close"),
        Key("c", "copy", "Copy address"),
    ],
    ORPHANS: [
        Key("escape", "cancel", "Close"),
        Key("r", "reattach", "Re-attach"),
        Key("tab", "next", "Between orphans and suggestions", by=_SCREEN),
        Key("enter", "reattach", "Re-attach to the highlighted suggestion", by=_LIST,
            in_help=False),  # as r
    ],
    DIFF_ROWS: [
        Key("up", "move(-1)", "Up", bar=False, in_help=False),
        Key("down", "move(1)", "Down", bar=False, in_help=False),
        Key("pageup", "page(-1)", "Page up", bar=False, in_help=False),
        Key("pagedown", "page(1)", "Page down", bar=False, in_help=False),
        Key("home", "to(0)", "First", bar=False, in_help=False),
        Key("end", "to(-1)", "Last", bar=False, in_help=False),
        Key("enter", "choose", "Jump to it", help_text="Go to the commitment in the tree"),
    ],
    EXPORT: [
        Key("escape", "cancel", "Cancel"),
        Key("ctrl+s", "export", "Export"),
    ],
    IMPORT: [
        Key("escape", "cancel", "Close",
            tooltip="Close; an import under way stops once the files in hand are stored"),
        Key("enter", "submit", "Import the files, folders and addresses listed and typed",
            by=_FIELD),
        Key("ctrl+n", "add", "Add another",
            tooltip="List the typed path or address and type another"),
        Key("delete", "remove", "Remove",
            tooltip="On the list (Tab to it): remove the selected entry"),
        Key("tab", "next", "Between the field and the list", by=_SCREEN),
        Key("enter", "select", "On the list: take the entry back into the field to change it",
            by=_LIST),
        Key("right", "cursor_right", "At the end of a path: take the suggested completion",
            by=_FIELD),
        Key("ctrl+c", "stop", "Stop",
            tooltip="Stop the import once the files in hand are stored; what is stored "
            "stays"),
        Key("enter", "close", "Close", bar=False,
            help_text="Once the import is done: close the summary"),
    ],
    CORRECT: [
        Key("escape", "cancel", "Cancel"),
        Key("up,down", "move", "Pick a correction", by=_LIST),
        Key("enter", "choose", "Open it (exclude and restore are done at once)", by=_LIST),
    ],
    FIX_TEXT: [
        Key("escape", "cancel", "Cancel"),
        Key("enter", "save", "Save the name, title, date, place or text typed", by=_FIELD),
    ],
    MOVE: [
        Key("escape", "cancel", "Cancel"),
        Key("enter", "move_to", "Move to the highlighted area, or to the new area typed",
            by=_LIST),
        Key("tab", "next", "Between the areas and the new area's name", by=_SCREEN),
    ],
    SPLIT: [
        Key("escape", "cancel", "Cancel"),
        Key("enter", "split", "Split where the typed words start (both parts are shown)",
            by=_FIELD),
    ],
    MERGE: [
        Key("escape", "cancel", "Cancel"),
        Key("enter", "merge", "Merge with the highlighted commitment", by=_LIST),
    ],
    CONFIRM: [
        Key("y", "answer(True)", "Yes"),
        Key("n", "answer(False)", "No"),
        Key("escape", "cancel", "Cancel", in_help=False),  # as n
    ],
    QUIT: [
        Key("q", "quit_now", "Quit now", tooltip="Quit now; keep what is unsaved as drafts"),
        Key("escape", "cancel", "Back", tooltip="Back to the app; the saving goes on"),
    ],
    SOURCE: [
        Key("escape", "close", "Close"),
        Key("n,down", "move(1)", "Next", key_display="n/↓", tooltip="Next paragraph"),
        Key("p,up", "move(-1)", "Prev", key_display="p/↑", tooltip="Previous paragraph"),
        Key("pagedown", "page(1)", "Page down", bar=False),
        Key("pageup", "page(-1)", "Page up", bar=False),
        Key("a", "add", "Add", tooltip="Add the paragraph (or the selected text) as a commitment"),
    ],
    PICK_AREA: [
        Key("escape", "cancel", "Cancel"),
        Key("enter", "select", "Add it to the highlighted area", by=_LIST),
        Key("up,down", "move", "Pick an area", by=_LIST),
    ],
    OVERVIEW: [
        Key("escape", "close", "Close"),
        Key("right_square_bracket", "series(1)", "Next series", key_display="]",
            tooltip="The next series of meetings (other parties)"),
        Key("left_square_bracket", "series(-1)", "Prev series", key_display="[",
            tooltip="The previous series of meetings (other parties)"),
        Key("f", "filters", "Filters", tooltip="Go to the filters: tag, author, as of, "
            "raters disagree"),
        Key("up,down,left,right", "move", "Move between the cells of the matrix",
            by=_MATRIX),
        Key("enter", "select", "On a cell: list the commitments behind it (Enter on "
            "one goes to it in the tree)", by=_MATRIX),
        Key("enter", "submit", "In a filter field: apply the filters", by=_FIELD),
        Key("tab", "next", "Between the matrix, the series, the filters and the charts",
            by=_SCREEN),
    ],
    MATRIX: [  # listed in the help as the overview's (by the matrix)
        Key("up", "move(-1, 0)", "Up", bar=False, in_help=False),
        Key("down", "move(1, 0)", "Down", bar=False, in_help=False),
        Key("left", "move(0, -1)", "Left", bar=False, in_help=False),
        Key("right", "move(0, 1)", "Right", bar=False, in_help=False),
        Key("pageup", "page(-1)", "Page up", bar=False, in_help=False),
        Key("pagedown", "page(1)", "Page down", bar=False, in_help=False),
        Key("home", "to(0)", "First row", bar=False, in_help=False),
        Key("end", "to(-1)", "Last row", bar=False, in_help=False),
        Key("enter", "select", "List the commitments", bar=False, in_help=False),
    ],
    CELL_LIST: [
        Key("escape", "cancel", "Close"),
        Key("up,down", "move", "Pick a commitment", by=_LIST),
        Key("enter", "choose", "Go to the commitment in the tree", by=_LIST),
    ],
    HELP: [
        Key("escape", "cancel", "Close", in_help=False),
        Key("question_mark", "cancel", "Close", bar=False, in_help=False),  # q too, as everywhere
    ],
    # q closes a dialog as Escape does (where q is not typed into a field): the app's q
    # quits only from the main view
    DIALOG: [Key("q", "close_screen", "Close", bar=False, in_help=False)],
}
# fmt: on

_DIFF_MOVES = [
    Key("escape", "close", "Close"),
    Key("n,right_square_bracket", "change(1)", "Next change", key_display="n/]"),
    Key("p,left_square_bracket", "change(-1)", "Prev change", key_display="p/["),
    Key("left", "side('a')", "Old side", bar=False),
    Key("right", "side('b')", "New side", bar=False),
]


def _diff_keys() -> list[Key]:
    """The year diff's keys: 1… show one class of change only (as many as there are
    classes, named by the diff engine), 0 all of them."""
    from compare import KINDS

    only = [
        Key(str(n), f"only({n})", f"Only {kind.value}", bar=False)
        for n, kind in enumerate(KINDS, start=1)
    ]
    return [*_DIFF_MOVES, *only, Key("0", "only(0)", "All classes", bar=False)]


def keys(context: str) -> list[Key]:
    """The keys of ``context``, in the order the key bar and the help show them."""
    if context == DIFF:
        return _diff_keys()
    return list(_KEYS[context])


def bindings(context: str) -> list[BindingType]:
    """The ``BINDINGS`` of the class of ``context``: its keys not handled by a widget."""
    return [key.binding() for key in keys(context) if not key.by]


#: The help screen's sections: a title and the contexts it lists, in order.
HELP_SECTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("Everywhere in the main view", (MAIN, APP)),
    ("Tree", (TREE,)),
    ("Search (/)", (SEARCH,)),
    ("Status (s)", (STATUS,)),
    ("Tags (t)", (TAGS,)),
    ("Note editor (n, e)", (NOTE_EDITOR,)),
    ("Links of a note (l)", (LINKS,)),
    ("Orphans (o)", (ORPHANS,)),
    ("Year diff (d)", (DIFF, DIFF_ROWS)),
    ("Compliance overview (c)", (OVERVIEW, CELL_LIST)),
    ("Export (x)", (EXPORT,)),
    ("Import (i)", (IMPORT,)),
    ("Source view (w)", (SOURCE, PICK_AREA)),
    ("Correcting the parse (f)", (CORRECT, FIX_TEXT, MOVE, SPLIT, MERGE)),
    ("Confirmation", (CONFIRM,)),
    ("Quitting while changes are being saved", (QUIT,)),
]


def help_sections() -> list[tuple[str, list[Binding]]]:
    """What the help screen lists: per section, a binding per key with its help text."""
    return [(title, list(_help_bindings(contexts))) for title, contexts in HELP_SECTIONS]


def _help_bindings(contexts: Iterable[str]) -> Iterable[Binding]:
    for context in contexts:
        for key in keys(context):
            if key.in_help:
                yield Binding(key.key, key.action, key.help_line, key_display=key.key_display)


def palette_entries() -> list[tuple[Key, str, str]]:
    """The actions of the main view and the app the command palette offers: (key,
    title, explanation)."""
    found = [*keys(MAIN), *keys(APP)]
    return [(key, *key.palette) for key in found if key.palette is not None]


def applies_when(context: str) -> dict[str, Applies]:
    """Each action ``context`` binds → when its key applies (see :data:`Applies`)."""
    return {key.name: key.applies for key in keys(context) if not key.by}


def pinned_actions() -> frozenset[str]:
    """The actions whose keys the key bar keeps however narrow it is (Help, Quit)."""
    return frozenset(key.name for keys_ in _KEYS.values() for key in keys_ if key.pinned)
