"""The tree of meetings → areas → commitments, loaded lazily and in chunks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from parsers import Area, Commitment, Meeting
from store import Annotation
from tui.labels import area_label, commitment_label, fit, marks, meeting_label, one_line

Kind = Literal["meeting", "area", "commitment", "more"]

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

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "expand_node", "Expand", show=False),
        Binding("left", "collapse_or_parent", "Collapse", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        self._tails: dict[int, int] = {}  # node id → characters kept when clipped
        super().__init__(Text("Opening the store…", style="dim italic"), id=id)
        self.show_root = False
        self.guide_depth = 3
        self.auto_expand = True
        self._meeting_list: list[Meeting] = []
        self._meeting_by_id: dict[str, Meeting] = {}
        self._area_by_id: dict[str, Area] = {}
        self._meeting_of_area: dict[str, Meeting] = {}
        self._node_by_target: dict[str, TreeNode[NodeRef]] = {}
        self._loaded_count: dict[str, int] = {}  # id → children loaded so far
        self._annotation_of: Callable[[str], Annotation | None] = lambda _id: None

    # ------------------------------------------------------------------ loading

    def load(self, meetings: list[Meeting], annotation: Callable[[str], Annotation | None]) -> None:
        """Show these meetings (collapsed); labels read annotations through ``annotation``."""
        self._annotation_of = annotation
        self._meeting_list = list(meetings)
        self._meeting_by_id = {m.id: m for m in self._meeting_list}
        self._area_by_id = {a.id: a for m in self._meeting_list for a in m.areas}
        self._meeting_of_area = {a.id: m for m in self._meeting_list for a in m.areas}
        self._node_by_target.clear()
        self._loaded_count.clear()
        self._tails.clear()
        self.clear()
        self.root.data = NodeRef("meeting", "")
        if not self._meeting_list:
            self.root.add_leaf(Text("The store holds no agreements yet.", style="dim italic"))
        self._load_more(self.root, 0)

    def reload(
        self, meetings: list[Meeting], annotation: Callable[[str], Annotation | None]
    ) -> None:
        """Load again (e.g. after another process changed the store), keeping every
        expanded meeting and area expanded, with as many chunks loaded as before."""
        expanded = self.expanded_ids()
        loaded = dict(self._loaded_count)
        scroll_y = self.scroll_y
        self.load(meetings, annotation)
        self.ensure_children(self.root, loaded.get("", 0) - 1)
        for target_id in expanded:
            node = self._restore_node(target_id)
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

    def _restore_node(self, target_id: str) -> TreeNode[NodeRef] | None:
        """The node of a meeting or an area, loading the chunks it is in (None if gone)."""
        node = self._node_by_target.get(target_id)
        if node is not None:
            return node
        if target_id in self._meeting_by_id:
            meeting = self._meeting_by_id[target_id]
            self.ensure_children(self.root, self._meeting_list.index(meeting))
        elif target_id in self._meeting_of_area:
            meeting = self._meeting_of_area[target_id]
            parent = self._restore_node(meeting.id)
            if parent is None:
                return None
            index = next(i for i, a in enumerate(meeting.areas) if a.id == target_id)
            self.ensure_children(parent, index)
        return self._node_by_target.get(target_id)

    @property
    def meetings(self) -> list[Meeting]:
        return self._meeting_list

    def _children(self, ref: NodeRef) -> list[Meeting] | list[Area] | list[Commitment]:
        if ref.id == "":
            return self._meeting_list
        if ref.kind == "meeting":
            return self._meeting_by_id[ref.id].areas
        if ref.kind == "area":
            return self._area_by_id[ref.id].commitments
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
        for item in items[start:end]:
            self._add(node, item)
        self._loaded_count[ref.id] = end
        if end < len(items):
            rest = len(items) - end
            node.add_leaf(
                Text(f"… {rest} more (Enter to show)", style="italic dim"),
                NodeRef("more", ref.id, end),
            )

    def _add(self, parent: TreeNode[NodeRef], item: Meeting | Area | Commitment) -> None:
        label = self._label(item)
        tail = self._tail(item)
        if isinstance(item, Meeting):
            node = parent.add(label, NodeRef("meeting", item.id))
        elif isinstance(item, Area):
            node = parent.add(label, NodeRef("area", item.id))
        else:
            node = parent.add_leaf(label, NodeRef("commitment", item.id))
        self._node_by_target[item.id] = node
        self._tails[node.id] = tail

    def _label(self, item: Meeting | Area | Commitment) -> Text:
        """The item's label with its note and tag counts."""
        annotation = self._annotation_of(item.id)
        if isinstance(item, Commitment):
            return commitment_label(item, annotation)
        label = meeting_label(item) if isinstance(item, Meeting) else area_label(item)
        label.append_text(marks(annotation))
        return label

    def _tail(self, item: Meeting | Area | Commitment) -> int:
        """How many characters at the end of the item's label stay when it is clipped:
        an area's commitment count (and ``inferred``), and the note and tag counts."""
        badges = len(marks(self._annotation_of(item.id)))
        if isinstance(item, Area):
            return len(area_label(item)) - len(one_line(item.name) or "(unnamed area)") + badges
        return badges

    def render_label(self, node: TreeNode[NodeRef], base_style: Style, style: Style) -> Text:
        """The label clipped with ``…`` to the width of the tree (no line is cut off
        without a sign); counts and badges at its end stay visible."""
        label = super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        return fit(label, room, self._tails.get(node.id, 0))

    @on(Tree.NodeExpanded)
    def load_children_on_expand(self, event: Tree.NodeExpanded[NodeRef]) -> None:
        self.ensure_children(event.node)

    @on(Tree.NodeSelected)
    def load_more_on_select(self, event: Tree.NodeSelected[NodeRef]) -> None:
        ref = event.node.data
        if ref is None or ref.kind != "more":
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
        self, meeting: Meeting, area: Area | None, commitment: Commitment | None
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
                index = next(i for i, c in enumerate(area.commitments) if c.id == commitment.id)
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
        item: Meeting | Area | Commitment | None
        if node.data.kind == "meeting":
            item = self._meeting_by_id.get(target_id)
        elif node.data.kind == "area":
            item = self._area_by_id.get(target_id)
        else:
            item = self._find_commitment(node)
        if item is not None:
            self._tails[node.id] = self._tail(item)
            node.set_label(self._label(item))

    def _find_commitment(self, node: TreeNode[NodeRef]) -> Commitment | None:
        parent = node.parent
        if parent is None or parent.data is None:
            return None
        area = self._area_by_id.get(parent.data.id)
        if area is None or node.data is None:
            return None
        return next((c for c in area.commitments if c.id == node.data.id), None)

    def _toggle_node(self, node: TreeNode[NodeRef]) -> None:
        """Expand (Enter, a click) with the first chunk of children added at once."""
        if node.allow_expand and not node.is_expanded:
            self.ensure_children(node)
        super()._toggle_node(node)

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
