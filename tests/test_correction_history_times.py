"""Store.correction_history gives when a withdrawn correction was withdrawn: an export
carries the withdrawal with its time, so that an import can tell it from a later re-do."""

from __future__ import annotations

from pathlib import Path

from store_support import new_store


def test_a_withdrawn_correction_says_when_it_was_withdrawn(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    area = store.meetings()[0].areas[0]
    store.rename_area(area.id, "Money")
    undone = store.undo()
    [doc] = store.correction_history()
    assert doc["withdrawn"] is True and doc["in_force"] is False
    # the withdrawal's time, as journalled: at or after the correction, by the undo
    assert doc["at"] <= doc["withdrawn_at"]
    assert store.log()[0].kind == "undo" and store.log()[0].undoes == undone.id
    assert abs(_ms(doc["withdrawn_at"]) - _ms(store.log()[0].at)) < 1000
    store.redo()
    [doc] = store.correction_history()
    assert doc["withdrawn"] is False and "withdrawn_at" not in doc


def _ms(iso: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000
