"""JSON and CSV exports: contents, context for re-attaching, pandas-ready rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from store_support import new_store

from sharing.export import CSV_COLUMNS, Filters, csv_export, json_export, quote, select
from store import Store


def annotated_store(tmp_path: Path) -> Store:
    store = new_store(tmp_path)
    meeting = store.meetings()[0]
    a, b, *_ = meeting.commitments
    store.set_status(a.id, "in-progress", source="https://example.org/r")
    store.set_status(a.id, "implemented")
    store.add_tags(a.id, ["finance", "green bonds"])
    store.add_note(a.id, "first note\n# with a heading")
    store.add_note(a.id, "second")
    store.add_note(meeting.areas[1].id, "an area note")
    store.set_status(b.id, "stalled")
    return store


def test_json_has_every_annotation_with_context(tmp_path: Path) -> None:
    store = annotated_store(tmp_path)
    meeting = store.meetings()[0]
    a, b, *_ = meeting.commitments
    data = json.loads(json_export(select(store, Filters()), "TIME"))
    assert data["coop-tui"] == "annotations" and data["format"] == 1
    assert data["generated"] == "TIME"
    records = {r["id"]: r for r in data["annotations"]}
    assert set(records) == {a.id, b.id, meeting.areas[1].id}
    rec = records[a.id]
    assert rec["kind"] == "commitment" and rec["orphan"] is False
    assert rec["meeting"]["id"] == meeting.id
    assert rec["meeting"]["date"] == meeting.date
    assert rec["meeting"]["parties"] == meeting.parties
    assert rec["meeting"]["doc"] == store.corpus.records[meeting.id].doc
    assert rec["area"] == {"id": meeting.areas[0].id, "name": "Finance"}
    assert rec["text"] == a.text and rec["quote"] == quote(a.text)
    assert rec["status"] == "implemented" and rec["compliance"] == 1
    assert [c["status"] for c in rec["history"]] == ["in-progress", "implemented"]
    assert rec["history"][0]["source"] == "https://example.org/r"
    assert rec["tags"] == ["finance", "green bonds"]
    # by creation time, then ID (two notes written in the same millisecond: by ID)
    assert sorted(n["text"] for n in rec["notes"]) == ["first note\n# with a heading", "second"]
    assert [(n["created"], n["id"]) for n in rec["notes"]] == sorted(
        (n["created"], n["id"]) for n in rec["notes"]
    )
    assert set(rec["notes"][0]) == {"id", "text", "created", "updated", "by"}
    assert records[meeting.areas[1].id]["kind"] == "area"
    assert records[b.id]["compliance"] == -1


def test_quote_is_short_and_cut_at_a_word() -> None:
    text = "word " * 100
    cut = quote(text)
    assert len(cut) <= 160 and cut.endswith("word…")
    assert quote("short text") == "short text"


def test_csv_one_row_per_commitment(tmp_path: Path) -> None:
    store = annotated_store(tmp_path)
    meeting = store.meetings()[0]
    a, b, c, d = meeting.commitments
    rows = list(csv.DictReader(io.StringIO(csv_export(select(store, Filters())))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["commitment_id"] for r in rows] == [a.id, b.id, c.id, d.id]
    first = rows[0]
    assert first["meeting_id"] == meeting.id and first["meeting_date"] == meeting.date
    assert first["area"] == "Finance" and first["commitment"] == a.text
    assert first["status"] == "implemented" and first["compliance"] == "1"
    assert first["tags"] == "finance; green bonds" and first["notes"] == "2"
    assert first["status_changed"].endswith("Z")
    assert rows[1]["compliance"] == "-1"
    assert rows[2]["compliance"] == "" and rows[2]["status"] == "not-rated"
    assert rows[2]["notes"] == "0"


def test_csv_reads_into_numbers(tmp_path: Path) -> None:
    """What pandas/R would see: compliance is numeric where rated, missing otherwise."""
    store = annotated_store(tmp_path)
    rows = list(csv.DictReader(io.StringIO(csv_export(select(store, Filters())))))
    values = [float(r["compliance"]) if r["compliance"] else None for r in rows]
    assert values == [1.0, -1.0, None, None]
    assert all(int(r["notes"]) >= 0 for r in rows)
