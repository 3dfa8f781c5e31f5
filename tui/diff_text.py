"""Rich texts for a meeting diff, shared by ``coop-tui diff`` and the diff screen.

Everything from documents is added through :func:`tui.render.literal`, so markup in a
commitment or an area name is shown as typed and control characters are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from rich.text import Text

from compare import KINDS, AreaMatch, Change, Item, Kind, MeetingDiff
from parsers import Meeting
from store import Annotation, Status
from tui.labels import BADGES, one_line
from tui.render import literal

Side = Literal["a", "b"]
AnnotationOf = Callable[[str], Annotation | None]

#: Class → (marker, style of the label and the row).
KIND_STYLES: dict[Kind, tuple[str, str]] = {
    Kind.NEW: ("+", "bold green"),
    Kind.DROPPED: ("−", "bold red"),
    Kind.REWORDED: ("~", "bold yellow"),
    Kind.MOVED: ("→", "bold magenta"),
    Kind.SPLIT: ("⑂", "bold cyan"),
    Kind.MERGED: ("⑃", "bold cyan"),
    Kind.UNCHANGED: ("=", "dim"),
}

#: How changed words look on the old (a) and the new (b) side.
CHANGED_STYLE: dict[Side, str] = {"a": "bold red underline", "b": "bold green underline"}


def kind_label(change: Change) -> Text:
    """``~ reworded 68`` (the score for pairs and groups), ``+ new``, ``− dropped``."""
    marker, style = KIND_STYLES[change.kind]
    label = Text(f"{marker} {change.kind.value}", style=style)
    if change.a and change.b and change.kind is not Kind.UNCHANGED:
        label.append(f" {change.score:.0f}", style="dim")
    if change.moved and change.kind is not Kind.MOVED:
        label.append(" moved", style=KIND_STYLES[Kind.MOVED][1])
    return label


def meeting_heading(meeting: Meeting) -> Text:
    heading = Text(meeting.date or "undated", style="bold")
    heading.append(" · ")
    heading.append_text(literal(one_line(meeting.title)))
    return heading


def area_text(pair: AreaMatch, side: Side) -> Text:
    """The area's name on one side, with ``new area``/``dropped area``/``renamed``."""
    area = pair.a if side == "a" else pair.b
    if area is None:
        return Text("new area" if side == "a" else "dropped area", style="italic dim")
    out = literal(one_line(area.name) or "(unnamed area)", style="bold")
    if side == "b" and pair.renamed:
        out.append(f"  renamed, {pair.score:.0f}", style="italic dim")
    elif side == "a" and pair.b is None:
        out.append("  dropped", style=KIND_STYLES[Kind.DROPPED][1])
    elif side == "b" and pair.a is None:
        out.append("  new", style=KIND_STYLES[Kind.NEW][1])
    return out


def item_text(item: Item, side: Side, annotation: Annotation | None, badges: bool) -> Text:
    """Status badge and note count (when ``badges``), then the text, changed words marked."""
    out = Text()
    if badges:
        status = annotation.status if annotation else Status.NOT_RATED
        glyph, _word, style = BADGES[status]
        out.append(glyph, style=style)
        notes = len(annotation.notes) if annotation else 0
        if notes:
            out.append(f" ✎{notes}", style="bold blue")
        out.append(" ")
    for span in item.spans:
        piece = literal(span.text.replace("\n", " "))
        if span.changed:
            piece.stylize(CHANGED_STYLE[side])
        out.append_text(piece)
    return out


def change_cell(
    change: Change,
    side: Side,
    annotation_of: AnnotationOf,
    badges: bool = True,
) -> Text:
    """One side of a change: its label where it belongs, then each commitment."""
    items = change.a if side == "a" else change.b
    out = Text()
    if not items:
        return out
    if side == "b" or not change.b:
        out.append_text(kind_label(change))
        if change.kind is Kind.MOVED or (change.moved and side == "b"):
            origins = {one_line(i.area.name) for i in change.a}
            out.append_text(literal(f" from {', '.join(sorted(origins))}", style="dim"))
        out.append("\n")
    for n, item in enumerate(items):
        if n:
            out.append("\n")
        annotation = annotation_of(item.commitment.id)
        shown = badges or (annotation is not None and not annotation.is_empty)
        out.append_text(item_text(item, side, annotation, shown))
    return out


def summary_text(diff: MeetingDiff) -> Text:
    """``+ 20 new  − 13 dropped  ~ 9 reworded …  ·  areas: 12 continued (…), 1 new``"""
    counts = diff.counts()
    out = Text()
    for kind in KINDS:
        if out:
            out.append("  ")
        marker, style = KIND_STYLES[kind]
        out.append(f"{marker} {counts[kind]} {kind.value}", style=style if counts[kind] else "dim")
    areas = diff.area_counts()
    out.append(
        f"  ·  areas: {areas['continued']} continued ({areas['renamed']} renamed), "
        f"{areas['new']} new, {areas['dropped']} dropped",
        style="dim",
    )
    return out
