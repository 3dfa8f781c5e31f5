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
    """The full ID of the meeting, area or commitment whose ID starts with ``prefix``.
    A commitment merged into another (``coop-tui fix merge``) is no longer one: its ID
    does not make a prefix ambiguous, and given alone it is refused naming the one it
    was merged into."""
    key = prefix.strip().casefold()
    gone = _merged_away(store, key)
    found = store.target_ids()
    if gone:
        found = [i for i in found if i not in gone]
    try:
        return _unique(
            prefix,
            found,
            "meeting, area or commitment",
            store.path,
            "coop-tui list",
            lambda i: _describe(store, i),
        )
    except IdError:
        named = [i for i in gone if i.casefold() == key] or list(gone)
        if len(named) == 1 and not any(i.casefold().startswith(key) for i in found):
            into = gone[named[0]]
            raise IdError(
                f"commitment {named[0]} was merged into {into} (coop-tui fix merge): give "
                f"{into}, or undo the merge (see coop-tui show {into})"
            ) from None
        raise


def _merged_away(store: Store, key: str) -> dict[str, str]:
    """The commitments whose ID starts with ``key`` that a merge in force took into
    another (and that are not found as they were): ID → the one it was merged into."""
    out: dict[str, str] = {}
    if not key:
        return out
    for c in store.corrections():
        if c.kind == "merge" and c.other and c.other.casefold().startswith(key):
            try:
                store.locate(c.other)
            except StoreError:  # merged away (a merge that does not apply leaves it be)
                out[c.other] = c.target
    return out


def resolve_note(store: Store, prefix: str) -> str:
    """The full ID of the note whose ID starts with ``prefix``."""
    notes = {n.id: n for n in store.notes()}
    return _unique(
        prefix, notes, "note", store.path, "coop-tui notes", lambda i: _clip(notes[i].text)
    )


def resolve_orphan(store: Store, prefix: str) -> str:
    """The full ID of the orphan whose ID starts with ``prefix``."""
    orphans = {o.id: f"{o.kind} on {_clip(o.old_text)}" for o in store.orphans(suggest=False)}
    for correction, _why in store.correction_orphans():  # corrections that no longer apply
        orphans[correction.id] = f"correction on {_clip(correction.text)}"
    return _unique(prefix, orphans, "orphan", store.path, "coop-tui orphans", lambda i: orphans[i])


def _clip(text: str) -> str:
    return clip(collapse_ws(text), 50)


def _describe(store: Store, target_id: str) -> str:
    try:
        meeting, area, commitment = store.locate(target_id)
    except StoreError:
        return "(no longer in the store)"
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
