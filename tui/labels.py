"""Labels and small texts built from documents and users' words, always literally.

Every function here returns a ``rich.text.Text`` assembled from plain strings (via
:func:`tui.render.literal`), so markup such as ``[bold]`` or ``[@click=app.quit]``
in a commitment, an area name, a tag or a note is shown as typed and never runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from parsers import Area, Commitment, Meeting, normalise
from parsers.normalise import collapse_ws
from store import Annotation, Status
from store.model import minute_text, read_time
from tui.render import literal, strip_controls

#: Status → (badge glyph, short word, style).
BADGES: dict[Status, tuple[str, str, str]] = {
    Status.NOT_RATED: ("○", "not rated", "dim"),
    Status.IN_PROGRESS: ("◐", "in progress", "yellow"),
    Status.STALLED: ("■", "stalled", "bold dark_orange"),
    Status.PARTIAL: ("◑", "partial", "cyan"),
    Status.IMPLEMENTED: ("●", "implemented", "bold green"),
    Status.NOT_IMPLEMENTED: ("✗", "not implemented", "bold red"),
}

FIRST_WORDS = 9
FIRST_CHARS = 34

#: After a meeting, an area or a commitment a researcher corrected (the detail pane
#: says what was corrected).
CORRECTED_MARK = "  ✱"
#: After a commitment excluded as not one (shown dimmed under its area).
EXCLUDED_MARK = "  excluded — not a commitment"


def one_line(text: str) -> str:
    """Control characters removed (bidi controls marked) and all whitespace runs
    (newlines too) made one space: ``collapse_ws`` of the text as the screen shows it."""
    return collapse_ws(strip_controls(text))


def clip(text: str, width: int) -> str:
    """:func:`one_line`, cut to ``width`` characters with ``…`` (``normalise.clip``)."""
    return normalise.clip(one_line(text), width)


def fit(label: Text, width: int, keep: int = 0) -> Text:
    """``label`` cut to ``width`` cells with ``…``; its last ``keep`` characters (a count,
    badges) stay after the ``…`` when there is room for some of the rest too."""
    if width <= 0 or label.cell_len <= width:
        return label
    tail = label[len(label) - keep :] if 0 < keep < len(label) else Text()
    if tail.cell_len > width - 6:  # too narrow to keep the tail and a few letters
        tail = Text()
    head = label[: len(label) - len(tail)] if tail else label.copy()
    head.truncate(width - tail.cell_len - 1)
    head.rstrip()
    head.append("…")
    head.append_text(tail)
    return head


def first_words(text: str, words: int = FIRST_WORDS, chars: int = FIRST_CHARS) -> str:
    parts = one_line(text).split(" ")
    head = " ".join(parts[:words])
    if len(parts) > words or len(head) > chars:
        return clip(head, chars).rstrip("…") + "…"
    return head


def format_time(iso: str) -> str:
    """``2025-04-24T10:32:05.123Z`` → ``2025-04-24 10:32 UTC`` (the text as given if not ISO)."""
    moment = read_time(iso)
    return one_line(iso) if moment is None else minute_text(moment)


def badge(status: Status, long: bool = False) -> Text:
    glyph, word, style = BADGES[status]
    return Text(f"{glyph} {status.label if long else word}", style=style)


def parties(meeting: Meeting) -> str:
    return " & ".join(one_line(p) for p in meeting.parties) or "parties unknown"


def meeting_label(meeting: Meeting) -> Text:
    """``2023-06-26 · Hong Kong & Zhejiang · Hong Kong``"""
    label = Text(meeting.date or "undated", style="bold")
    label.append(" · ")
    label.append(literal(parties(meeting)))
    label.append(" · ")
    label.append_text(literal(one_line(meeting.place or "place unknown"), style="italic"))
    return label


def area_label(area: Area) -> Text:
    """``Finance (3)``, with ``inferred`` when the heading was reconstructed."""
    label = literal(one_line(area.name) or "(unnamed area)", style="bold")
    label.append(f" ({len(area.commitments)})", style="dim")
    if area.heading_inferred:
        label.append(" inferred", style="italic magenta")
    if area.corrected:
        label.append_text(corrected_mark())
    return label


def commitment_label(commitment: Commitment, annotation: Annotation | None) -> Text:
    """Status badge glyph, first words, and ``✎ n`` when there are notes."""
    status = annotation.status if annotation else Status.NOT_RATED
    glyph, _word, style = BADGES[status]
    label = Text(glyph, style=style)
    label.append(" ")
    label.append(literal(first_words(commitment.text)))
    if commitment.corrected:
        label.append_text(corrected_mark())
    label.append_text(marks(annotation))
    return label


def corrected_mark() -> Text:
    return Text(CORRECTED_MARK, style="bold magenta")


def single_version_mark(language: str) -> Text:
    """The mark after a commitment only one language version of its meeting has:
    ``  ◇zh-Hant`` (the language tag: short, and the one the command line prints)."""
    return Text(f"  ◇{language}", style="dim italic")


def excluded_label(commitment: Commitment) -> Text:
    """``⊘ first words  excluded — not a commitment``, dimmed: a commitment a
    researcher excluded (it is not counted; ``f`` on it restores it)."""
    label = Text("⊘ ", style="dim")
    label.append_text(literal(first_words(commitment.text), style="dim strike"))
    label.append(EXCLUDED_MARK, style="dim italic")
    return label


def marks(annotation: Annotation | None) -> Text:
    """``  ✎ n`` when there are notes and ``  #n`` when there are tags (else empty);
    the tree appends them to meetings, areas and commitments alike."""
    out = Text()
    notes = len(annotation.notes) if annotation else 0
    if notes:
        out.append(f"  ✎ {notes}", style="bold blue")
    if annotation and annotation.tags:
        out.append(f"  #{len(annotation.tags)}", style="dim")
    return out


def tags_text(tags: Iterable[str]) -> Text:
    out = Text()
    for i, tag in enumerate(tags):
        if i:
            out.append("  ")
        out.append_text(literal(f"#{one_line(tag)}", style="bold"))
    return out


def status_counts(statuses: Iterable[Status]) -> Text:
    """``● 3 implemented  ◐ 2 in progress  ○ 19 not rated``, most advanced first."""
    counts: dict[Status, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    out = Text()
    for status in BADGES:
        n = counts.get(status, 0)
        if not n:
            continue
        if out:
            out.append("   ")
        glyph, word, style = BADGES[status]
        out.append(f"{glyph} {n} {word}", style=style)
    return out or Text("no commitments", style="dim")
