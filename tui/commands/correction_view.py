"""How ``list``, ``show`` and ``orphans`` show the researcher's corrections of the parse:
what is corrected (and the parser's original beside it), each item's correction
history, and the corrections that no longer apply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text

from parsers.model import Area, Commitment, Meeting
from parsers.normalise import clip, collapse_ws
from store import Store
from store.corrections import Correction
from store.model import minute_text, read_time
from tui.render import literal

#: The keys of a correction history entry that are not the correction's own.
_STATE_KEYS = ("in_force", "withdrawn")


def _clip(text: str, width: int = 80) -> str:
    return clip(collapse_ws(text), width)


def concerns(entry: dict[str, Any], target_id: str) -> bool:
    """Whether a correction (as ``Store.correction_history`` gives it) is about
    ``target_id``: what it corrects, what it made (a split's second part, an added
    commitment, a new area), what it merged or moved into."""
    if target_id in (entry.get("target"), entry.get("new_id"), entry.get("other")):
        return True
    if entry.get("area") == target_id:
        return True
    return bool(Correction.from_dict(_own(entry)).created_ids == [target_id])


def _own(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in _STATE_KEYS}


def history_of(store: Store, target_id: str) -> list[dict[str, Any]]:
    """The corrections about ``target_id``, oldest first, each with ``summary`` (one
    line), ``in_force`` and ``withdrawn`` (undone)."""
    found = []
    for entry in store.correction_history():
        if concerns(entry, target_id):
            summary = Correction.from_dict(_own(entry)).describe()
            found.append({**entry, "summary": summary})
    return found


def state_word(entry: dict[str, Any]) -> str:
    if entry["withdrawn"]:
        return "undone"
    return "in force" if entry["in_force"] else "replaced by a later correction"


def when(at: str) -> str:
    moment = read_time(at)
    return minute_text(moment) if moment else at


def _split_source(store: Store, commitment_id: str) -> str | None:
    """The commitment a split's second part was split from."""
    for entry in reversed(store.correction_history()):
        if entry["kind"] == "split" and entry.get("new_id") == commitment_id:
            return str(entry["target"])
    return None


def marks_json(
    store: Store, meeting: Meeting, area: Area | None, commitment: Commitment | None
) -> dict[str, Any]:
    """What ``show --json`` adds about corrections: ``corrected`` and the parser's
    original (as ``list --json`` gives them), ``excluded`` for a commitment, and the
    item's ``corrections`` (its correction history)."""
    out: dict[str, Any]
    if commitment is not None:
        assert area is not None
        excluded = any(c.id == commitment.id for c in area.excluded)
        out = {k: v for k, v in commitment.to_dict().items() if k not in ("id", "text")}
        out["excluded"] = excluded
        if commitment.origin == "split":
            out["split_from"] = _split_source(store, commitment.id)
        out["corrected"] = bool(commitment.corrected or excluded)
        target = commitment.id
    elif area is not None:
        out = {
            "corrected": area.corrected,
            "original_name": area.original_name,
            "added": area.added,
            "excluded": [c.to_dict() for c in area.excluded],
        }
        target = area.id
    else:
        out = {"corrected": bool(meeting.original), "original": dict(meeting.original)}
        target = meeting.id
    out["corrections"] = history_of(store, target)
    return out


def show_lines(data: dict[str, Any]) -> list[Text]:
    """``show``'s lines about corrections, from ``target_json``'s data."""
    lines: list[Text] = []
    kind = data["kind"]
    if kind == "commitment":
        if data.get("excluded"):
            lines.append(
                Text(
                    f"excluded — not a commitment (restore: coop-tui fix exclude {data['id']} "
                    "--restore)",
                    style="bold yellow",
                )
            )
        if data.get("origin") == "split":
            lines.append(literal(f"split from {data.get('split_from') or 'another commitment'}"))
        if data.get("origin") == "added":
            lines.append(Text("added from the source by hand"))
        if data.get("original_text") is not None:
            verb = "merged" if data.get("merged") else "split"
            was = {"added": "as added", "split": "as split off"}.get(data.get("origin") or "")
            before = f"its text {was}" if was else "the parser's text"
            lines.append(literal(f"{verb}; {before}: {_clip(data['original_text'], 200)}"))
        if data.get("merged"):
            lines.append(literal(f"merged from {', '.join(data['merged'])}"))
        if data.get("moved_from"):
            lines.append(literal(f"moved from area {data['moved_from']}"))
    elif kind == "area":
        if data.get("original_name") is not None:
            lines.append(literal(f"renamed from {data['original_name']!r}"))
        if data.get("added"):
            lines.append(Text("an area made by a correction (a move to a new area)"))
        for c in data.get("excluded") or []:
            lines.append(literal(f"excluded {c['id']}: {_clip(c['text'])}", style="dim"))
    else:
        for name, was in (data.get("original") or {}).items():
            lines.append(literal(f"{name} corrected; the parser's: {was if was else '(none)'}"))
    if data.get("corrections"):
        lines.append(Text("corrections:", style="bold"))
    for entry in data.get("corrections") or []:
        line = literal(f"  {when(entry['at'])}  {entry['summary']}")
        if entry.get("by"):
            line.append(literal(f"  by {entry['by']}"))
        line.append(f"  ({state_word(entry)})", style="dim")
        lines.append(line)
    return lines


def area_label(area: Area) -> Text:
    """``list``'s marks beside a corrected area's name."""
    marks = Text()
    if area.original_name is not None:
        marks.append(literal(f"  (renamed from {area.original_name})", style="dim"))
    if area.added:
        marks.append("  (new area)", style="dim")
    return marks


def commitment_label(c: Commitment) -> Text:
    """``list``'s marks beside a corrected commitment."""
    words = []
    if c.origin == "split":
        words.append("split off")
    elif c.origin == "added":
        words.append("added")
    if c.merged:
        words.append("merged")
    elif c.original_text is not None:  # its text cut by a split (a merge sets it too)
        words.append("split")
    if c.moved_from:
        words.append(f"moved from {c.moved_from}")
    return Text(f"  ({', '.join(words)})", style="dim") if words else Text()


def excluded_json(area: dict[str, Any], annotate: Callable[[str], dict[str, Any]]) -> None:
    """Mark each of an area's excluded commitments in ``list --json`` (``corrected``,
    ``excluded``) and add its annotations (``annotate(id)``: it keeps them)."""
    for c in area.get("excluded") or []:
        c["corrected"] = True
        c["excluded"] = True
        c.update(annotate(c["id"]))


def suggest(store: Store, correction: Correction) -> list[tuple[str, float, str]]:
    """The commitments (or, for a correction of an area, the areas) of the correction's
    meeting as it is now that are most like what it corrected: (ID, score, text)."""
    hints = store.correction_suggestions(correction)
    if not hints:
        return []
    meeting = store.meeting(correction.meeting)
    names = {a.id: a.name for a in meeting.areas}
    names.update((c.id, c.text) for a in meeting.areas for c in [*a.commitments, *a.excluded])
    return [(cid, score, names.get(cid, "")) for cid, score in hints]


def orphan_json(store: Store, correction: Correction, why: str) -> dict[str, Any]:
    """A correction that no longer applies, as ``orphans --json`` lists it beside the
    orphaned annotations."""
    hints = suggest(store, correction)
    return {
        "kind": "correction",
        "id": correction.id,
        "old_target_id": correction.target,
        "old_text": correction.text,
        "meeting_id": correction.meeting,
        "payload": correction.to_dict(),
        "why": why,
        "summary": correction.describe(),
        "suggestions": [{"id": i, "score": round(s, 1), "text": t} for i, s, t in hints],
    }


def orphan_text(store: Store, correction: Correction, why: str) -> Text:
    """A correction that no longer applies, as ``orphans`` prints it."""
    out = Text()
    out.append(f"correction orphan {correction.id}", style="bold yellow")
    out.append(f"  was on {correction.target}", style="dim")
    out.append(literal(f"\n  {correction.describe()}"))
    if correction.text:
        out.append(literal(f"\n  was: {_clip(correction.text, 200)}"))
    out.append(literal(f"\n  does not apply: {why}"))
    by = f" by {correction.by}" if correction.by else ""
    out.append(literal(f"\n  made {when(correction.at)}{by}"))
    hints = suggest(store, correction)
    if not hints:
        out.append("\n  no similar commitment found")
    for cid, score, text in hints:
        out.append(literal(f"\n  {score:5.1f}  {cid}  {_clip(text, 100)}"))
    target = "AREA_ID" if correction.kind in ("rename", "add") else "COMMITMENT_ID"
    out.append(f"\n  re-attach: coop-tui reattach {correction.id} {target}\n", style="dim")
    return out
