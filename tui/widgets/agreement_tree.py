"""The tree of meetings → areas → commitments, loaded lazily and in chunks.

The top level can be shown from meeting summaries alone (ID, date, parties, place):
a meeting's areas and commitments are asked for (``meeting_of``) when it is first
expanded, so a store of any size shows its meetings at once. This module imports
no store or parser code (only for type checking): the app paints its first frame
before those are imported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal, Protocol

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import BindingType
from textual.geometry import Size
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.keymap import TREE, bindings

Kind = Literal["meeting", "area", "commitment", "more"]
#: What each kind of node holds below it.
_CHILD_KIND: dict[str, Kind] = {"meeting": "area", "area": "commitment"}


class MeetingLike(Protocol):
    """What the top level shows of a meeting: a ``parsers.Meeting`` or a summary of one
    (``store.corpus_scan.MeetingSummary``)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...
    @property
    def parties(self) -> Sequence[str]: ...


if TYPE_CHECKING:
    from typing import TypeAlias

    from parsers import Area, Commitment, Meeting
    from store import Annotation

    Item: TypeAlias = MeetingLike | Area | Commitment

#: Children are added this many at a time; the rest wait behind a "more" node.
CHUNK = 200


@dataclass(frozen=True)
class NodeRef:
    """What a tree node stands for. ``more`` nodes load the next chunk of their parent."""

    kind: Kind
    id: str
    offset: int = 0


class AgreementTree(Tree[NodeRef]):
    """Meetings → areas → commitments. Children are added when a node is expanded,
    ``CHUNK`` at a time, so a store of any size opens at once."""

    DEFAULT_CSS = """
    AgreementTree {
        background: $surface;
        scrollbar-gutter: stable;
    }
    AgreementTree > .tree--cursor {
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(TREE)

    def __init__(self, *, id: str | None = None) -> None:
        self._tails: dict[int, int] = {}  # node id → characters kept when clipped
        self._room_size: Size | None = None
        self._room_width = 0
        super().__init__(Text("Opening the store…", style="dim italic"), id=id)
        self.show_root = False
        self.guide_depth = 3
        self.auto_expand = True
        self._meeting_list: list[MeetingLike] = []
        self._meeting_by_id: dict[str, MeetingLike] = {}
        self._meeting_of: Callable[[str], Meeting | None] = lambda _id: None
        self._full: dict[str, Meeting] = {}  # meetings whose areas were asked for
        self._area_by_id: dict[str, Area] = {}
        self._meeting_of_area: dict[str, str] = {}  # area ID → meeting ID
        self._node_by_target: dict[str, TreeNode[NodeRef]] = {}
        self._loaded_count: dict[str, int] = {}  # id → children loaded so far
        self._annotation_of: Callable[[str], Annotation | None] = lambda _id: None
        self._excluded: set[str] = set()  # commitments excluded as not commitments
        #: Meetings whose title, date or place a researcher corrected (marked ✱).
        self.corrected_meetings: set[str] = set()
        #: commitments only one language version of their meeting has → its language
        self.single_version: dict[str, str] = {}

    # ------------------------------------------------------------------ loading

    def load(
        self,
        meetings: Sequence[MeetingLike],
        annotation: Callable[[str], Annotation | None],
        meeting_of: Callable[[str], Meeting | None] | None = None,
    ) -> None:
        """Show these meetings (collapsed); labels read annotations through ``annotation``.

        ``meetings`` are ``parsers.Meeting`` objects, or summaries of them with
        ``meeting_of`` giving a meeting (with its areas) by ID when it is expanded
        (None if it cannot be read: it then shows nothing below it).
        """
        self._annotation_of = annotation
        self._meeting_list = list(meetings)
        self._meeting_by_id = {m.id: m for m in self._meeting_list}
        self._meeting_of = meeting_of or self._given_meeting
        self._full = {}
        self._area_by_id = {}
        self._meeting_of_area = {}
        self._excluded = set()
        self._node_by_target.clear()
        self._loaded_count.clear()
        self._tails.clear()
        self.clear()
        self.root.data = NodeRef("meeting", "")
        if not self._meeting_list:
            self.root.add_leaf(Text("The store holds no agreements yet.", style="dim italic"))
        self._load_more(self.root, 0)

    def _given_meeting(self, meeting_id: str) -> Meeting | None:
        """``load`` was given whole meetings: their areas are at hand."""
        meeting = self._meeting_by_id.get(meeting_id)
        return meeting if hasattr(meeting, "areas") else None  # type: ignore[return-value]

    def reload(
        self,
        meetings: Sequence[MeetingLike],
        annotation: Callable[[str], Annotation | None],
        meeting_of: Callable[[str], Meeting | None] | None = None,
        same: Callable[[str], str | None] | None = None,
    ) -> None:
        """Load again (e.g. after another process changed the store), keeping every
        expanded meeting and area expanded, with as many chunks loaded as before;
        ``same`` gives a node's ID in the meetings loaded now where it changes (None: it
        has none), as when the tree shows the meetings in another language."""
        expanded = self.expanded_ids()
        parents = dict(self._meeting_of_area)
        loaded = dict(self._loaded_count)
        if same is not None:
            expanded = [n for n in map(same, expanded) if n is not None]
            parents = {same(a) or a: same(m) or m for a, m in parents.items()}
            loaded = {(same(k) or k) if k else k: n for k, n in loaded.items()}
        scroll_y = self.scroll_y
        self.load(meetings, annotation, meeting_of)
        self.ensure_children(self.root, loaded.get("", 0) - 1)
        for target_id in expanded:
            node = self._restore_node(target_id, parents.get(target_id))
            if node is not None:
                self.ensure_children(node, loaded.get(target_id, 0) - 1)
                node.expand()
        if self.last_line >= 0:  # reading it brings the tree's lines up to date
            self.scroll_to(y=scroll_y, animate=False, immediate=True)

    def expanded_ids(self) -> list[str]:
        """The loaded meetings and areas that are expanded, parents before children."""
        out: list[str] = []
        stack = list(reversed(self.root.children))
        while stack:
            node = stack.pop()
            if node.data is None or node.data.kind not in ("meeting", "area"):
                continue
            if node.is_expanded:
                out.append(node.data.id)
            stack.extend(reversed(node.children))
        return out

    def _restore_node(
        self, target_id: str, meeting_id: str | None = None
    ) -> TreeNode[NodeRef] | None:
        """The node of a meeting, or of an area of meeting ``meeting_id``, loading the
        chunks it is in (None if gone)."""
        node = self._node_by_target.get(target_id)
        if node is not None:
            return node
        if target_id in self._meeting_by_id:
            meeting = self._meeting_by_id[target_id]
            self.ensure_children(self.root, self._meeting_list.index(meeting))
        elif meeting_id is not None:
            parent = self._restore_node(meeting_id)
            full = self._full_meeting(meeting_id) if parent is not None else None
            if parent is None or full is None:
                return None
            index = next((i for i, a in enumerate(full.areas) if a.id == target_id), None)
            if index is None:
                return None
            self.ensure_children(parent, index)
        return self._node_by_target.get(target_id)

    @property
    def meetings(self) -> list[MeetingLike]:
        return self._meeting_list

    def _full_meeting(self, meeting_id: str) -> Meeting | None:
        """A meeting with its areas (asked for once), its areas then known by ID."""
        full = self._full.get(meeting_id)
        if full is None:
            full = self._meeting_of(meeting_id)
            if full is None:
                return None
            self._full[meeting_id] = full
            for area in full.areas:
                self._area_by_id[area.id] = area
                self._meeting_of_area[area.id] = meeting_id
                self._excluded.update(c.id for c in area.excluded)
        return full

    def _children(self, ref: NodeRef) -> Sequence[Item]:
        if ref.id == "":
            return self._meeting_list
        if ref.kind == "meeting":
            full = self._full_meeting(ref.id)
            return full.areas if full is not None else []
        if ref.kind == "area":
            return _commitments_of(self._area_by_id[ref.id])
        return []

    def ensure_children(self, node: TreeNode[NodeRef], upto: int = 0) -> None:
        """Add the node's first chunk of children, and more chunks until index ``upto``."""
        ref = node.data
        if ref is None or ref.kind in ("commitment", "more"):
            return
        total = len(self._children(ref))
        if ref.id not in self._loaded_count:
            self._load_more(node, 0)
        while self._loaded_count[ref.id] <= upto and self._loaded_count[ref.id] < total:
            self._load_more(node, self._loaded_count[ref.id])

    def _load_more(self, node: TreeNode[NodeRef], start: int) -> None:
        ref = node.data
        assert ref is not None
        items = self._children(ref)
        for child in list(node.children):  # the previous "more" node
            if child.data is not None and child.data.kind == "more":
                child.remove()
        end = min(start + CHUNK, len(items))
        kind = _CHILD_KIND.get(ref.kind, "meeting") if ref.id else "meeting"
        for item in items[start:end]:
            self._add(node, item, kind)
        self._loaded_count[ref.id] = end
        if end < len(items):
            rest = len(items) - end
            node.add_leaf(
                Text(f"… {rest} more (Enter to show)", style="italic dim"),
                NodeRef("more", ref.id, end),
            )

    def _add(self, parent: TreeNode[NodeRef], item: Item, kind: Kind) -> None:
        label, tail = self._label(item, kind)
        if kind == "commitment":
            node = parent.add_leaf(label, NodeRef(kind, item.id))
        else:
            node = parent.add(label, NodeRef(kind, item.id))
        self._node_by_target[item.id] = node
        self._tails[node.id] = tail

    def _label(self, item: Item, kind: Kind) -> tuple[Text, int]:
        """The item's label with its note and tag counts, and how many characters at
        its end stay when it is clipped: an area's commitment count (and ``inferred``),
        and the note and tag counts."""
        from tui import labels  # imported by the time there is a store to show

        annotation = self._annotation_of(item.id)
        badges = labels.marks(annotation)
        if kind == "commitment":
            if item.id in self._excluded:
                label = labels.excluded_label(item)  # type: ignore[arg-type]
                label.append_text(badges)
                return label, len(labels.EXCLUDED_MARK) + len(badges)
            label = labels.commitment_label(item, annotation)  # type: ignore[arg-type]
            keep = len(badges) + (len(labels.CORRECTED_MARK) if item.corrected else 0)  # type: ignore[union-attr]
            if item.id in self.single_version:  # only one language version has it
                mark = labels.single_version_mark(self.single_version[item.id])
                label.append_text(mark)
                keep += len(mark)
            return label, keep
        if kind == "meeting":
            label, keep = labels.meeting_label(item), 0  # type: ignore[arg-type]
            if item.id in self.corrected_meetings:
                label.append_text(labels.corrected_mark())
                keep = len(labels.CORRECTED_MARK)
        else:
            label = labels.area_label(item)  # type: ignore[arg-type]
            keep = len(label) - len(labels.one_line(item.name) or "(unnamed area)")  # type: ignore[union-attr]
        label.append_text(badges)
        return label, keep + len(badges)

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        """The label clipped with ``…`` to the width of the tree (no line is cut off
        without a sign); counts and badges at its end stay visible."""
        label = super().render_label(node, base_style, style)
        room = self._room(node)
        if room <= 0 or label.cell_len <= room:
            return label
        from tui.labels import fit

        return fit(label, room, self._tails.get(node.id, 0))

    def get_label_width(self, node: TreeNode[NodeRef]) -> int:
        """The width ``render_label`` gives a node, worked out without drawing it: the
        tree asks for the width of every line each time its lines change."""
        icon = ""
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        label = node.label
        width = cell_len(icon) + (label.cell_len if isinstance(label, Text) else cell_len(label))
        room = self._room(node)
        return width if room <= 0 or width <= room else room  # ``fit`` clips it to ``room``

    def _room(self, node: TreeNode[NodeRef]) -> int:
        """The cells a node's label may take: the tree's width less the node's guides."""
        if self._room_size != self.size:  # the width only changes with the size
            self._room_size = self.size
            self._room_width = self.scrollable_content_region.width
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        return self._room_width - depth * self.guide_depth

    @on(Tree.NodeExpanded)
    def load_children_on_expand(self, event: Tree.NodeExpanded[NodeRef]) -> None:
        self.ensure_children(event.node)

    @on(Tree.NodeSelected)
    def load_more_on_select(self, event: Tree.NodeSelected[NodeRef]) -> None:
        """Enter (or a click) on a "more" node adds the next chunk; on a collapsed node,
        its children are added before the tree opens it (this runs first)."""
        ref = event.node.data
        if ref is None or ref.kind != "more":
            self._children_before_expanding(event.node)
            return
        event.stop()
        parent = event.node.parent
        assert parent is not None
        self._load_more(parent, ref.offset)
        new = self._node_by_target.get(self._id_at(parent, ref.offset))
        if new is not None:
            self.move_to(new)

    def _id_at(self, parent: TreeNode[NodeRef], index: int) -> str:
        assert parent.data is not None
        items = self._children(parent.data)
        return items[index].id if index < len(items) else ""

    # ------------------------------------------------------------------ finding

    def node_for(self, target_id: str) -> TreeNode[NodeRef] | None:
        """The loaded node of a meeting, area or commitment (None if not loaded)."""
        return self._node_by_target.get(target_id)

    def reveal(
        self, meeting: MeetingLike, area: Area | None, commitment: Commitment | None
    ) -> TreeNode[NodeRef] | None:
        """Expand the parents of a target (loading chunks as needed) and put the cursor on it."""
        node = self._node_by_target.get(meeting.id)
        if node is None:
            index = next((i for i, m in enumerate(self._meeting_list) if m.id == meeting.id), None)
            if index is None:
                return None
            self.ensure_children(self.root, index)
            node = self._node_by_target[meeting.id]
        if area is not None:
            self.ensure_children(node, 0)
            node.expand()
            node = self._node_by_target[area.id]
            if commitment is not None:
                shown = _commitments_of(area)
                index = next(i for i, c in enumerate(shown) if c.id == commitment.id)
                self.ensure_children(node, index)
                node.expand()
                node = self._node_by_target[commitment.id]
        self.move_to(node)
        return node

    def move_to(self, node: TreeNode[NodeRef]) -> None:
        """Put the cursor on a node (expanding may have moved every line below it)."""
        if self.last_line < 0:  # reading it brings the tree's lines up to date
            return
        self.move_cursor(node, animate=False)

    @property
    def current(self) -> NodeRef | None:
        node = self.cursor_node
        if node is None or node.data is None or node.data.kind == "more":
            return None
        return node.data

    # ------------------------------------------------------------------ updating

    def refresh_label(self, target_id: str) -> None:
        """Redraw a loaded node's label after its annotation changed."""
        node = self._node_by_target.get(target_id)
        if node is None or node.data is None:
            return
        item: Item | None
        kind = node.data.kind
        if kind == "meeting":
            item = self._meeting_by_id.get(target_id)
        elif kind == "area":
            item = self._area_by_id.get(target_id)
        else:
            item = self._find_commitment(node)
        if item is not None and kind != "more":
            label, self._tails[node.id] = self._label(item, kind)
            node.set_label(label)

    def _find_commitment(self, node: TreeNode[NodeRef]) -> Commitment | None:
        parent = node.parent
        if parent is None or parent.data is None:
            return None
        area = self._area_by_id.get(parent.data.id)
        if area is None or node.data is None:
            return None
        return next((c for c in _commitments_of(area) if c.id == node.data.id), None)

    def _children_before_expanding(self, node: TreeNode[NodeRef] | None) -> None:
        """Add a collapsed node's first chunk of children before it opens, so a ↓ typed
        right after lands on its first child (not on the next sibling)."""
        if node is not None and node.allow_expand and not node.is_expanded:
            self.ensure_children(node)

    def on_click(self, event: events.Click) -> None:
        """A click on a collapsed node's line (its ▶ or its label) opens it: its
        children first (the tree handles the click itself after this)."""
        offset = event.get_content_offset(self)
        if offset is not None:
            self._children_before_expanding(self.get_node_at_line(self.scroll_offset.y + offset.y))

    def action_toggle_node(self) -> None:
        """Space: open the node with its children added first, or close it."""
        self._children_before_expanding(self.cursor_node)
        super().action_toggle_node()

    def action_expand_node(self) -> None:
        """→: the first chunk of children is added before the node opens, so a ↓ pressed
        right after lands on the first child (not on the next sibling)."""
        node = self.cursor_node
        if node is not None and node.allow_expand and not node.is_expanded:
            self.ensure_children(node)
            node.expand()

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)


def _commitments_of(area: Area) -> list[Commitment]:
    """What the tree shows under an area: its commitments, then those a researcher
    excluded as not commitments (dimmed, so that they can be restored)."""
    return [*area.commitments, *area.excluded] if area.excluded else area.commitments
