"""The annotations of a meeting's language versions read as one (``store.versions``).

Every annotation written with either version's ID is kept under the primary's
(``Store.canonical_id``). But two releases annotated on their own, before the store knew
them for versions of one meeting (their dates or parties read differently, then
corrected; a colleague's export merged), hold annotations under each ID: read, they are
one annotation — the statuses in time order, the tags and the notes of both — so that
none of it is hidden by the pairing, and none of it is moved (an unlinking gives each its
own back).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from store.model import Annotation, Ratings, Status, StatusChange, status_entry_key, unique_tags


def merged(target_id: str, annotations: Iterable[Annotation]) -> Annotation:
    """One annotation of ``target_id`` from the annotations of its versions' items."""
    found = [a for a in annotations if not a.is_empty]
    if len(found) == 1:
        only = found[0]
        return Annotation(target_id, only.status, only.history, only.tags, only.notes,
                          only.tag_added)  # fmt: skip
    history = _history(a.history for a in found)
    tag_added: dict[str, dict[str, str | None]] = {}
    for a in found:
        for tag, when in a.tag_added.items():
            if tag not in tag_added or str(when.get("at")) < str(tag_added[tag].get("at")):
                tag_added[tag] = dict(when)
    return Annotation(
        target_id=target_id,
        status=history[-1].status if history else Status.NOT_RATED,
        history=history,
        tags=unique_tags([t for a in found for t in a.tags]),
        notes=sorted((n for a in found for n in a.notes), key=lambda n: (n.created, n.id)),
        tag_added=tag_added,
    )


def _history(histories: Iterable[list[StatusChange]]) -> list[StatusChange]:
    seen: set[tuple[str, str]] = set()
    out: list[StatusChange] = []
    for change in sorted((c for h in histories for c in h), key=lambda c: c.at):
        key = (status_entry_key(change), change.by or "")
        if key not in seen:
            seen.add(key)
            out.append(change)
    return out


def merged_ratings(ratings: Ratings, canonical: Mapping[str, str]) -> Ratings:
    """``ratings`` with each other version's item's history and tags given to the item
    it stands for (``canonical``), merged with its own."""
    if not any(t in canonical for t in (*ratings.histories, *ratings.tags)):
        return ratings
    histories: dict[str, list[list[StatusChange]]] = {}
    for target, history in ratings.histories.items():
        histories.setdefault(canonical.get(target, target), []).append(history)
    tags: dict[str, list[str]] = {}
    for target, found in ratings.tags.items():
        tags.setdefault(canonical.get(target, target), []).extend(found)
    return Ratings(
        {t: h[0] if len(h) == 1 else _history(h) for t, h in histories.items()},
        {t: unique_tags(found) for t, found in tags.items()},
    )
