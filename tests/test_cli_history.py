"""``coop-tui undo``, ``redo`` and ``log`` through subprocesses: each command is a new
process, so every step here is also a restart; the author (``--author``) says whose
change is undone; an undo never overwrites a later change made by another process."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_fix_support import cli, files, first_meeting, ids, make_store, ok
from store_support import one_error, run_on_terminal

from store import ErrorKind, Store, StoreError
from tui.commands.errors import store_error_text
from tui.store_errors import app_error_text


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_store(tmp_path)


def _log(db: Path, *args: str) -> list[dict]:
    return json.loads(ok(cli(db, "log", "--json", *args)))


def test_undo_redo_and_log_across_restarts(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "status", i["F0"], "partial"))
    ok(cli(db, "fix", "rename", i["Finance"], "Money"))
    ok(cli(db, "tag", i["F0"], "bonds"))
    assert ok(cli(db, "undo")) == f"Undone: tags of {i['F0']}: +bonds\n"
    out = json.loads(ok(cli(db, "undo", "--json")))
    assert out["kind"] == "correction" and out["undone"] is True
    assert out["summary"] == f"renamed area {i['Finance']} to 'Money'"
    assert out["targets"] == [i["Finance"]] and out["by"] == "anne"
    meeting = first_meeting(db)
    assert meeting["areas"][0]["name"] == "Finance" and "corrected" not in meeting["areas"][0]
    assert meeting["areas"][0]["commitments"][0]["tags"] == []
    assert meeting["areas"][0]["commitments"][0]["status"] == "partial"
    assert ok(cli(db, "redo")) == f"Redone: renamed area {i['Finance']} to 'Money'\n"
    assert first_meeting(db)["areas"][0]["name"] == "Money"

    log = _log(db)
    assert [e["kind"] for e in log] == ["redo", "undo", "undo", "tags", "correction", "status"]
    assert set(log[0]) == {"id", "at", "by", "kind", "summary", "targets", "undone", "redoes"}
    assert log[0]["redoes"] == log[4]["id"] and log[2]["undoes"] == log[3]["id"]
    assert [e["undone"] for e in log] == [False, False, False, True, False, False]
    assert all(e["by"] == "anne" for e in log)
    assert [e["id"] for e in _log(db, "--limit", "2")] == [log[0]["id"], log[1]["id"]]
    # without a terminal: one line a change, tab-separated: when, by, kind, what, IDs
    lines = ok(cli(db, "log", "--limit", "3")).splitlines()
    assert len(lines) == 3
    when, by, kind, what, targets = lines[2].split("\t")
    assert (by, kind, what, targets) == (
        "anne",
        "undo",
        f"undid: tags of {i['F0']}: +bonds",
        i["F0"],
    )
    assert when.startswith(log[2]["at"][:10])
    assert lines[0].split("\t")[2] == "redo"


def test_nothing_to_undo_or_redo_exits_1_and_changes_nothing(db: Path) -> None:
    before = files(db)
    done = cli(db, "undo")
    assert done.returncode == 1 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("coop-tui: nothing to undo: no change by anne")
    assert "coop-tui log" in line
    done = cli(db, "redo", "--json")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("coop-tui: nothing to redo")
    assert files(db) == before
    assert ok(cli(db, "log")) == "no changes logged yet\n"
    assert _log(db) == []


def test_undo_takes_the_authors_own_latest_change(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "status", i["F0"], "partial", author="anne"))
    ok(cli(db, "status", i["A0"], "stalled", author="bob"))
    ok(cli(db, "note", i["A1"], "bob's note", author="bob"))
    done = cli(db, "undo", author="carol")
    assert done.returncode == 1 and "no change by carol" in done.stderr
    assert ok(cli(db, "undo", author="anne")) == f"Undone: set the status of {i['F0']} to partial\n"
    statuses = {c["id"]: c["status"] for a in first_meeting(db)["areas"] for c in a["commitments"]}
    assert (statuses[i["F0"]], statuses[i["A0"]]) == ("not-rated", "stalled")  # bob's kept
    assert ok(cli(db, "undo", author="bob")).startswith("Undone: added note")
    assert ok(cli(db, "undo", author="bob")).startswith("Undone: set the status of " + i["A0"])
    assert [e["by"] for e in _log(db)] == ["bob", "bob", "anne", "bob", "bob", "anne"]


def test_undo_is_refused_when_another_process_changed_the_same_status_since(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "status", i["F0"], "partial", author="anne"))
    ok(cli(db, "status", i["F0"], "stalled", author="bob"))  # a second window, a script
    before = files(db)
    done = cli(db, "undo", author="anne")
    line = one_error(done, "cannot undo", "set the status of", "by bob", "to stalled")
    assert "nothing was undone" in line
    assert files(db) == before
    status = json.loads(ok(cli(db, "show", i["F0"], "--json")))
    assert [h["status"] for h in status["history"]] == ["partial", "stalled"]
    # bob's own undo is his latest change, and then anne's goes through
    ok(cli(db, "undo", author="bob"))
    ok(cli(db, "undo", author="anne"))
    assert json.loads(ok(cli(db, "show", i["F0"], "--json")))["history"] == []


def test_undo_of_a_correction_is_refused_when_renamed_again_elsewhere(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "fix", "rename", i["Finance"], "Money", author="anne"))
    ok(cli(db, "fix", "rename", i["Finance"], "Banking", author="bob"))
    before = files(db)
    one_error(cli(db, "undo", author="anne"), "cannot undo", "by bob", "'Banking'")
    assert files(db) == before
    assert first_meeting(db)["areas"][0]["name"] == "Banking"


def test_a_deleted_note_comes_back_with_undo(db: Path) -> None:
    i = ids(db)
    note_id = ok(cli(db, "note", i["F0"], "keep me")).strip()
    ok(cli(db, "note-delete", note_id))
    assert ok(cli(db, "undo")) == f"Undone: deleted note {note_id} on {i['F0']}\n"
    [note] = json.loads(ok(cli(db, "notes", "--json")))
    assert (note["id"], note["text"]) == (note_id, "keep me")


def test_log_limit_must_be_a_positive_whole_number(db: Path) -> None:
    for bad in ("0", "-1", "two"):
        one_error(cli(db, "log", "--limit", bad), "--limit")


def test_log_on_a_terminal_is_a_table(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "fix", "rename", i["Finance"], "Money"))
    ok(cli(db, "undo"))
    code, raw, err = run_on_terminal(db, "log", columns=160)
    assert code == 0, err
    text = re.sub(r"\x1b\[[0-9;]*m", "", raw).replace("\r", "")
    header, *rows = [line for line in text.splitlines() if line.strip()]
    assert header.split() == ["when", "by", "kind", "what", "IDs"]
    assert "undo" in rows[0] and "correction (undone)" in rows[1]
    assert f"renamed area {i['Finance']} to 'Money'" in rows[1] and "anne" in rows[1]


def test_an_import_annotations_merge_is_undone_as_one_step(db: Path, tmp_path: Path) -> None:
    i = ids(db)
    colleague = make_store(tmp_path / "colleague")
    ok(cli(colleague, "status", i["F0"], "implemented", author="bob"))
    ok(cli(colleague, "tag", i["A0"], "airports", author="bob"))
    ok(cli(colleague, "note", i["A1"], "bob's note", author="bob"))
    export = tmp_path / "bob.json"
    ok(cli(colleague, "export", "--format", "json", "-o", str(export), author="bob"))
    ok(cli(db, "status", i["F1"], "stalled"))
    ok(cli(db, "import-annotations", str(export)))
    merged = first_meeting(db)
    assert merged["areas"][0]["commitments"][0]["status"] == "implemented"
    assert ok(cli(db, "undo")).startswith("Undone: ")
    after = {c["id"]: c for a in first_meeting(db)["areas"] for c in a["commitments"]}
    assert after[i["F0"]]["status"] == "not-rated"
    assert (after[i["A0"]]["tags"], after[i["A1"]]["notes"]) == ([], [])
    assert after[i["F1"]]["status"] == "stalled"  # the change before it stays
    ok(cli(db, "redo"))
    assert first_meeting(db) == merged


def test_the_app_and_the_command_line_word_nothing_to_undo_each_their_way(db: Path) -> None:
    store = Store.open(db)
    with pytest.raises(StoreError) as info:
        store.undo()
    error = info.value
    assert error.kind is ErrorKind.NOTHING_TO_UNDO
    assert "coop-tui" not in str(error)  # the store gives no command-line advice
    assert app_error_text(error).startswith("Nothing to undo: no change by ")
    assert store_error_text(error).endswith("(coop-tui log lists the changes and who made them)")
    with pytest.raises(StoreError) as info:
        store.redo()
    assert app_error_text(info.value).startswith("Nothing to redo: ")
