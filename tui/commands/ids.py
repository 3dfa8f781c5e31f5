"""IDs as the command line takes them: a meeting's, area's, commitment's, note's or
orphan's ID, or the start of one (in any case), resolved to the one full ID it names
through the store's public queries."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from parsers.normalise import clip, collapse_ws
from store import Store, StoreError


class IdError(StoreError):
    """An ID given on the command line names nothing, or more than one thing: the
    message is the command line's own (it says where to look the IDs up)."""


def resolve_id(store: Store, prefix: str) -> str:
    """The full ID of the meeting, area or commitment whose ID starts with ``prefix``."""
    return _unique(
        prefix,
        store.target_ids(),
        "meeting, area or commitment",
        store.path,
        "coop-tui list",
        lambda i: _describe(store, i),
    )


def resolve_note(store: Store, prefix: str) -> str:
    """The full ID of the note whose ID starts with ``prefix``."""
    notes = {n.id: n for n in store.notes()}
    return _unique(
        prefix, notes, "note", store.path, "coop-tui notes", lambda i: _clip(notes[i].text)
    )


def resolve_orphan(store: Store, prefix: str) -> str:
    """The full ID of the orphan whose ID starts with ``prefix``."""
    orphans = {o.id: o for o in store.orphans(suggest=False)}
    return _unique(
        prefix,
        orphans,
        "orphan",
        store.path,
        "coop-tui orphans",
        lambda i: f"{orphans[i].kind} on {_clip(orphans[i].old_text)}",
    )


def _clip(text: str) -> str:
    return clip(collapse_ws(text), 50)


def _describe(store: Store, target_id: str) -> str:
    meeting, area, commitment = store.locate(target_id)
    if commitment is not None:
        return f"commitment: {_clip(commitment.text)}"
    if area is not None:
        return f"area: {_clip(area.name)}"
    return f"meeting: {_clip(meeting.title)}"


def _unique(
    prefix: str,
    ids: Collection[str],
    what: str,
    path: Path,
    hint: str,
    describe: Callable[[str], str],
) -> str:
    key = prefix.strip().casefold()  # IDs are case-insensitive on input
    if not key:
        raise IdError(f"give a {what} ID (see {hint})")
    exact = [i for i in ids if i.casefold() == key]
    if len(exact) == 1:
        return exact[0]
    matches = sorted(i for i in ids if i.casefold().startswith(key))
    if not matches:
        raise IdError(f"no {what} ID starts with {prefix.strip()!r} in {path} (see {hint})")
    if len(matches) > 1:
        shown = "; ".join(f"{m} {describe(m)}".strip() for m in matches[:5])
        more = f"; and {len(matches) - 5} more" if len(matches) > 5 else ""
        raise IdError(
            f"ID {prefix.strip()!r} is ambiguous: it matches {len(matches)} "
            f"{what} IDs ({shown}{more}); give more characters"
        )
    return matches[0]
