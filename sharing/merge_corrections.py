"""Merging a colleague's corrections of the parse into the store (``sharing.merge`` runs
it first in the import's one transaction, so their annotations on what the corrections
make — a split's second part, an added commitment — find their target).

Rules, for each correction read (``sharing.corrections_io``; copies of one correction in
several files count once, the copy whose state was decided last winning):

* a correction the store lacks is added as it came (its ID, time and author kept); if it
  was withdrawn there, it is added withdrawn (with the time of the withdrawal), so both
  stores keep the same history;
* two corrections of one thing (the name of one area …) resolve like statuses: the most
  recent applies, the other stays in the history (``Store.correction_history``) — the
  store orders each slot by time once both are journalled;
* a correction withdrawn there (undone) is withdrawn here too, unless a researcher here
  brought it back (undo, redo) after that withdrawal; one brought back there after it
  was withdrawn here is brought back here;
* a merge of two commitments that comes into force here moves this store's statuses,
  tags and notes of the second commitment to the first, as ``fix merge`` does;
* importing the same corrections again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sharing.corrections_io import IncomingCorrection, restore_times
from store import carry_over
from store.errors import StoreError
from store.model import now_iso
from store.transaction import Transaction


@dataclass
class CorrectionSummary:
    read: int = 0
    added: int = 0
    present: int = 0
    withdrawn: int = 0  # in force here, withdrawn there: withdrawn here too
    restored: int = 0  # withdrawn here, brought back there since: brought back here
    kept_redone: int = 0  # withdrawn there, but brought back here after that: kept
    not_applying: int = 0  # added, but what they correct is not in this store
    annotations_moved: int = 0  # annotations of a merged-away commitment moved to the first

    def lines(self) -> list[str]:
        if not self.read:
            return []
        line = f"corrections: {self.added} added, {self.present} already here"
        if self.withdrawn:
            line += f", {self.withdrawn} withdrawn here as there"
        if self.restored:
            line += f", {self.restored} brought back here as there"
        out = [line]
        if self.kept_redone:
            out.append(
                f"corrections: {self.kept_redone} withdrawn there but brought back here since; kept"
            )
        if self.annotations_moved:
            out.append(
                f"corrections: {self.annotations_moved} annotation(s) of merged commitments "
                "moved to the commitment they were merged into"
            )
        if self.not_applying:
            out.append(
                f"corrections: {self.not_applying} of them correct(s) what is not in this "
                "store's meetings; kept, and applied once it is here"
            )
        return out


def combine(incoming: Iterable[IncomingCorrection]) -> dict[str, IncomingCorrection]:
    """One copy of each correction: the one whose state was decided last (a withdrawal
    before an equally recent copy in force)."""
    out: dict[str, IncomingCorrection] = {}
    for inc in incoming:
        cid = inc.correction.id
        have = out.get(cid)
        if have is None or (inc.last_change, inc.withdrawn_at is not None) > (
            have.last_change,
            have.withdrawn_at is not None,
        ):
            out[cid] = inc
    return out


def _withdraw(cid: str, at: str) -> dict[str, Any]:
    return {"op": "correct-withdraw", "id": cid, "at": at}


def merge_corrections(tx: Transaction, incoming: list[IncomingCorrection]) -> CorrectionSummary:
    """Append the events that merge ``incoming`` into the transaction's store (see the
    module docstring); returns what was done, for the import's summary."""
    store = tx.store
    combined = combine(incoming)
    summary = CorrectionSummary(read=len(combined))
    if not combined:
        return summary
    here = {doc["id"]: doc for doc in store.correction_history()}
    redone = restore_times(store)
    added: list[str] = []
    events: list[dict[str, Any]] = []
    for inc in sorted(combined.values(), key=lambda i: (i.correction.at, i.correction.id)):
        c, have = inc.correction, here.get(inc.correction.id)
        if have is None:
            events.append({"op": "correct", "correction": c.to_dict()})
            if inc.withdrawn_at is not None:
                events.append(_withdraw(c.id, inc.withdrawn_at))
            summary.added += 1
            added.append(c.id)
        elif inc.withdrawn_at is not None and not have["withdrawn"]:
            if redone.get(c.id, "") > inc.withdrawn_at:
                summary.kept_redone += 1
            else:
                events.append(_withdraw(c.id, inc.withdrawn_at))
                summary.withdrawn += 1
        elif (
            have["withdrawn"]
            and inc.withdrawn_at is None
            and (inc.restored_at or "") > str(have.get("withdrawn_at") or "")
        ):
            events.append({"op": "correct-restore", "id": c.id})
            summary.restored += 1
        else:
            summary.present += 1
    tx.append(events)
    summary.annotations_moved = _move_merged(tx, [combined[cid] for cid in added])
    orphaned = {c.id for c, _why in store.correction_orphans()}
    summary.not_applying = len(orphaned.intersection(added))
    return summary


def _move_merged(tx: Transaction, added: list[IncomingCorrection]) -> int:
    """Move this store's annotations of commitments merged away by ``added`` merges now in
    force to the commitment each was merged into; how many pieces moved."""
    moved = 0
    active = {doc["id"] for doc in tx.store.correction_history() if doc["in_force"]}
    for inc in added:
        c = inc.correction
        if c.kind != "merge" or c.other is None or c.id not in active:
            continue
        if not carry_over.pieces(tx.state, c.other):
            continue
        try:
            _meeting, _area, first = tx.store.locate(c.target)
        except StoreError:
            continue  # not in this store: the annotations stay where they are
        if first is None or c.other not in first.merged:
            continue  # the merge does not apply here
        events = carry_over.move_events(
            tx.state, c.other, c.target, tx.anchor(c.target), now_iso(), False
        )
        tx.append(events)
        moved += len(events)
    return moved
