"""Orphans: annotations whose target the corpus no longer has (a re-import dropped or
reworded it), listed one piece at a time (a status, a tag set, each note), and the
suggestions of where each could go (the likeliest commitments, areas or meetings).

Functions of the annotation state and the corpus; ``Store.orphans`` and
``Store.suggest`` call them holding the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from parsers.model import make_id
from parsers.naming import party_key, party_name
from store import carry_over, matching
from store.annotations import Anchor, AnnotationState
from store.corpus import Corpus, MeetingRecord
from store.model import Orphan


def find(
    state: AnnotationState, corpus: Corpus, present: Callable[[str], bool] | None = None
) -> list[Orphan]:
    """Every orphan, without suggestions (see :func:`suggest`). ``present`` says whether a
    target is in its meeting as corrected (``store.corrected``): asked only of targets
    of corrected meetings and of IDs corrections made, so that an annotation on a
    commitment merged away, or on a part of a split that no longer applies, is one."""
    found: list[Orphan] = []
    made = state.corrections.created  # IDs corrections made (a split's second part …)
    corrected = state.corrections.by_meeting
    index = corpus.index
    for tid in state.annotated_targets():
        where = index.get(tid)
        if present is not None and (tid in made or (where and where[0] in corrected)):
            if present(tid):
                if where is not None:
                    found.extend(_status_leftover(state, corpus, tid))
                continue
        elif where is not None:
            found.extend(_status_leftover(state, corpus, tid))
            continue
        anchor = state.anchor(tid)
        ann = state.annotation(tid)
        successor = corpus.successor(anchor.get("meeting"), anchor.get("doc"))
        meeting_id = successor.meeting.id if successor else anchor.get("meeting")
        old_text = str(anchor.get("text", ""))
        pieces: list[tuple[Any, str, dict[str, Any]]] = []
        if ann.history:
            history = [c.to_dict() for c in ann.history]
            payload = {"status": ann.status.value, "history": history}
            pieces.append(("status", make_id("orphan", "status", tid), payload))
        if ann.tags:
            pieces.append(("tags", make_id("orphan", "tags", tid), {"tags": ann.tags}))
        for n in ann.notes:
            payload = {"text": n.text, "created": n.created, "updated": n.updated}
            pieces.append(("note", n.id, payload))
        found.extend(
            Orphan(kind, oid, tid, old_text, meeting_id, payload) for kind, oid, payload in pieces
        )
    return found


def _status_leftover(state: AnnotationState, corpus: Corpus, target_id: str) -> list[Orphan]:
    """A status history on an area or a meeting (an older coop-tui allowed one):
    statuses are for commitments, so it is offered, as an orphan, to one of them."""
    rec = state.targets.get(target_id)
    if rec is None or not rec.history:
        return []
    history = rec.history
    found = corpus.locate(target_id)
    if found is None or found[2] is not None:
        return []
    meeting, area = found[0], found[1]
    on = "area" if area is not None else "meeting"
    text = area.name if area is not None else meeting.title
    payload = {
        "status": history[-1].status.value,
        "history": [c.to_dict() for c in history],
        "on": on,
    }
    oid = make_id("orphan", "status", target_id)
    return [Orphan("status", oid, target_id, text, meeting.id, payload)]


def suggest(
    state: AnnotationState, corpus: Corpus, orphans: Sequence[Orphan], pools: dict[Any, Any]
) -> None:
    """Fill in the ``suggestions`` of ``orphans`` (those of one target together).
    ``pools`` keeps the candidates between calls (see ``Store.suggest``)."""
    wanted: dict[Any, list[tuple[str, float, list[Orphan]]]] = {}
    by_target: dict[str, list[Orphan]] = {}
    for orphan in orphans:
        by_target.setdefault(orphan.old_target_id, []).append(orphan)
    for tid, group in by_target.items():
        query = _suggestion_query(state, corpus, tid, pools)
        if query is None:
            for orphan in group:
                orphan.suggestions = []
            continue
        key, text, minimum = query
        wanted.setdefault(key, []).append((text, minimum, group))
    for key, queries in wanted.items():  # (a pool's queries share their minimum)
        pool: matching.Pool = pools[key][1]
        best = pool.best([text for text, _m, _g in queries], queries[0][1])
        for (_text, _m, group), hints in zip(queries, best, strict=True):
            for orphan in group:
                orphan.suggestions = list(hints)


def _suggestion_query(
    state: AnnotationState, corpus: Corpus, target_id: str, pools: dict[Any, Any]
) -> tuple[Any, str, float] | None:
    """The pool (by its key in ``pools``, added if new), the text and the lowest score
    of a target's suggestions; None if it has none to look for."""
    if target_id in corpus.index:  # a status left on an area or a meeting
        rec = state.targets.get(target_id)
        found = corpus.locate(target_id)
        if rec is None or not rec.history or found is None or found[2] is not None:
            return None
        meeting, area = found[0], found[1]
        own = area.commitments if area is not None else meeting.commitments
        text = area.name if area is not None else meeting.title
        # its own commitments, the likeliest by what the latest entry says
        said = " ".join(filter(None, (rec.history[-1].evidence, rec.history[-1].source)))
        key: Any = ("own", target_id, id(meeting))
        if key not in pools:
            pools[key] = (meeting, matching.Pool((c.id, c.text) for c in own))
        return key, said or text, 0.0
    anchor = state.anchor(target_id)
    kind = str(anchor.get("kind", "commitment"))
    place = ("from", anchor.get("meeting"), anchor.get("doc"), kind)
    key = pools.get(place)
    if key is None:  # the first orphan of its meeting in this listing
        successor = corpus.successor(anchor.get("meeting"), anchor.get("doc"))
        records = _suggestion_pool(corpus, anchor, successor)
        key = (kind, tuple(id(rec) for rec in records))
        pools[place] = key
        if key not in pools:  # the records are kept with it: their id()s stay theirs
            cands = [c for rec in records for c in carry_over.candidates(rec.meeting, kind)]
            pools[key] = (records, matching.Pool(cands))
    return key, str(anchor.get("text", "")), matching.SUGGEST_MIN


def _suggestion_pool(
    corpus: Corpus, anchor: Anchor, successor: MeetingRecord | None
) -> list[MeetingRecord]:
    """The meetings whose commitments (or areas) an orphan's suggestions come from: its
    meeting as it is now or, if that is gone, the meetings between the same parties
    (every meeting if the anchor, recorded by an older version, names no parties)."""
    if successor is not None:
        return [successor]
    pool = list(corpus.records.values())
    key = frozenset(filter(None, (party_name(str(p)) for p in anchor.get("parties") or ())))
    if key:
        pool = [rec for rec in pool if party_key(rec.meeting) == key]
    return pool
