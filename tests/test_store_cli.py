"""The store's command line: import, list, show, status, tag, note(s), orphans, reattach."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_support import AREAS, write_release

from store import Status, Store
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store holding one synthetic release (and the samples, as on first use)."""
    path = tmp_path / "store" / "store.json"
    assert main(["--db", str(path), "--create", "import", str(write_release(tmp_path))]) == 0
    return path


def _cid(db: Path, index: int = 0) -> str:
    store = Store.open(db)
    meeting = next(m for m in store.meetings() if "Testland" in m.title)
    return meeting.commitments[index].id


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        encoding="utf-8",
    )


def test_import_summary_and_idempotence(db: Path, tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(tmp_path / "release.txt")]) == 0
    out = capsys.readouterr().out
    assert "unchanged" in out
    assert "1 file(s): 0 added, 1 unchanged, 0 updated, 0 failed" in out
    bad = tmp_path / "bad.txt"
    bad.write_text("just a shopping list\n", encoding="utf-8")
    assert main(["--db", str(db), "import", str(bad), str(tmp_path / "release.txt")]) == 2
    out = capsys.readouterr().out
    assert "failed" in out and "no co-operation agreement found" in out
    assert "0 added, 1 unchanged, 0 updated, 1 failed" in out


def test_first_use_imports_the_samples(db: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["date"] for m in data] == ["2023-06-26", "2024-05-01", "2025-04-24"]


def test_list_json_is_parse_json_plus_annotations(db: Path, tmp_path: Path, capsys) -> None:
    cid = _cid(db)
    assert main(["--db", str(db), "status", cid[:7], "partial"]) == 0
    assert main(["--db", str(db), "tag", cid, "金融", "bonds"]) == 0
    assert main(["--db", str(db), "note", cid, "Note with [bold]markup[/bold] 🎉"]) == 0
    note_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--db", str(db), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert main(["parse", "--json", str(tmp_path / "release.txt")]) == 0
    parsed = json.loads(capsys.readouterr().out)[0]
    mine = next(m for m in listed if m["id"] == parsed["id"])
    for key in parsed:
        if key != "areas":
            assert mine[key] == parsed[key], key
    commitment = mine["areas"][0]["commitments"][0]
    assert commitment["id"] == cid and commitment["text"] == AREAS["Finance"][0]
    assert commitment["status"] == "partial"
    assert commitment["tags"] == ["金融", "bonds"]
    [note] = commitment["notes"]
    assert note["id"] == note_id and note["text"] == "Note with [bold]markup[/bold] 🎉"
    assert set(note) == {"id", "text", "created", "updated", "by"}
    other = mine["areas"][1]["commitments"][0]
    assert (other["status"], other["tags"], other["notes"]) == ("not-rated", [], [])


def test_show_prints_history_tags_and_notes_literally(db: Path, capsys) -> None:
    cid = _cid(db)
    main(["--db", str(db), "status", cid, "in-progress", "--source", "https://ex.org/[x]"])
    main(["--db", str(db), "status", cid, "implemented", "--evidence", "done [red]now[/red]"])
    main(["--db", str(db), "note", cid, "# Heading\n[link=x]not a link[/link]"])
    capsys.readouterr()
    assert main(["--db", str(db), "show", cid[:6]]) == 0
    out = capsys.readouterr().out
    assert AREAS["Finance"][0] in out
    assert "status: implemented" in out and "(compliance +1.00)" in out
    assert "source: https://ex.org/[x]" in out and "done [red]now[/red]" in out
    assert "[link=x]not a link[/link]" in out
    assert main(["--db", str(db), "show", cid, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [h["status"] for h in data["history"]] == ["in-progress", "implemented"]
    assert data["kind"] == "commitment" and data["compliance"] == 1
    assert data["area"]["name"] == "Finance"


def test_note_from_stdin_prints_the_new_id(db: Path, monkeypatch, capsys) -> None:
    cid = _cid(db)
    text = "Line one 中文\nLine two שלום e\u0301\n"

    class Stdin:
        buffer = io.BytesIO(text.encode("utf-8"))

    monkeypatch.setattr(sys, "stdin", Stdin)
    capsys.readouterr()
    assert main(["--db", str(db), "note", cid, "-"]) == 0
    note_id = capsys.readouterr().out.strip()
    assert len(note_id) == 12
    [note] = Store.open(db).annotation(cid).notes
    assert note.id == note_id and note.text == text[:-1]  # the final newline is the input's


def test_a_note_from_stdin_with_a_byte_order_mark_is_stored_without_it(
    db: Path, monkeypatch, capsys
) -> None:
    cid = _cid(db)

    class Stdin:  # as Notepad saves a file, piped in
        buffer = io.BytesIO(b"\xef\xbb\xbfChecked the report.\r\n")

    monkeypatch.setattr(sys, "stdin", Stdin)
    assert main(["--db", str(db), "note", cid, "-"]) == 0
    [note] = Store.open(db).annotation(cid).notes
    assert note.text == "Checked the report."


def test_notes_orphans_and_reattach(db: Path, tmp_path: Path, capsys) -> None:
    cid = _cid(db)
    main(["--db", str(db), "note", cid, "analysis"])
    note_id = capsys.readouterr().out.strip()
    rewritten = (
        "Encourage Testland companies to raise capital in Hong Kong through sustainable bonds."
    )
    write_release(tmp_path, areas={**AREAS, "Finance": [rewritten, AREAS["Finance"][1]]})
    assert main(["--db", str(db), "import", str(tmp_path / "release.txt")]) == 0
    out = capsys.readouterr().out
    assert "updated" in out and "1 orphaned" in out and "coop-tui orphans" in out
    assert main(["--db", str(db), "orphans", "--json"]) == 0
    [orphan] = json.loads(capsys.readouterr().out)
    assert orphan["id"] == note_id and orphan["kind"] == "note"
    assert orphan["old_text"] == AREAS["Finance"][0]
    best = orphan["suggestions"][0]
    assert best["text"] == rewritten and 0 < best["score"] < 95
    assert main(["--db", str(db), "orphans"]) == 0
    out = capsys.readouterr().out
    assert f"coop-tui reattach {note_id}" in out and rewritten in out
    assert main(["--db", str(db), "notes"]) == 0
    assert "orphaned" in capsys.readouterr().out
    assert main(["--db", str(db), "reattach", note_id[:5], best["id"]]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "orphans", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(db), "notes", "--json"]) == 0
    [note] = json.loads(capsys.readouterr().out)
    assert note["target_id"] == best["id"] and note["target"]["text"] == rewritten


def test_note_edit_and_delete(db: Path, capsys) -> None:
    cid = _cid(db)
    main(["--db", str(db), "note", cid, "first"])
    note_id = capsys.readouterr().out.strip()
    assert main(["--db", str(db), "note-edit", note_id[:6], "second"]) == 0
    assert [n.text for n in Store.open(db).annotation(cid).notes] == ["second"]
    assert main(["--db", str(db), "note-delete", note_id]) == 0
    assert Store.open(db).annotation(cid).notes == []


def test_tag_remove(db: Path, capsys) -> None:
    cid = _cid(db)
    main(["--db", str(db), "tag", cid, "a", "b", "c"])
    assert main(["--db", str(db), "tag", cid, "b", "--remove"]) == 0
    assert capsys.readouterr().out.strip().endswith("tags: a, c")
    assert Store.open(db).annotation(cid).tags == ["a", "c"]


def test_db_from_environment_and_after_the_command(db: Path, tmp_path: Path) -> None:
    cid = _cid(db)
    done = run("status", cid, "stalled", env={"COOP_TUI_DB": str(db)})
    assert done.returncode == 0, done.stderr
    done = run("show", cid, "--json", "--db", str(db))
    assert done.returncode == 0 and json.loads(done.stdout)["status"] == "stalled"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "zzzz"], "no meeting, area or commitment ID starts with 'zzzz'"),
        (["show", ""], "give a meeting, area or commitment ID"),
        (["status", "{cid}", "finished"], "'finished' is not a status; use one of: not-rated"),
        (["note", "{cid}", "  "], "the note is empty"),
        (["reattach", "abc", "{cid}"], "no orphan ID starts with 'abc'"),
        (["note-edit", "fff", "x"], "no note ID starts with 'fff'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(db: Path, args: list[str], message: str) -> None:
    cid = _cid(db)
    done = run("--db", str(db), *(a.format(cid=cid) for a in args))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("coop-tui: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_ambiguous_prefix_lists_candidates(db: Path) -> None:
    store = Store.open(db)
    ids = [m.id for m in store.meetings()] + [
        x.id for m in store.meetings() for a in m.areas for x in [a, *a.commitments]
    ]
    prefix = next(p for p in "0123456789abcdef" if sum(i.startswith(p) for i in ids) > 1)
    done = run("--db", str(db), "show", prefix)
    assert done.returncode == 2 and "ambiguous" in done.stderr
    assert sum(i in done.stderr for i in ids if i.startswith(prefix)) >= 2


def test_corrupt_store_is_exit_2_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(b'{"_meta": ')
    done = run("--db", str(path), "list")
    assert done.returncode == 2
    assert f"coop-tui: {path}: the store is corrupt" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert path.read_bytes() == b'{"_meta": '


def test_status_write_is_durable_before_exit_0(db: Path) -> None:
    cid = _cid(db)
    done = run("--db", str(db), "status", cid, "not-implemented", "--evidence", "report p. 4")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{cid}: not-implemented (compliance -1.00)"
    change = Store.open(db).annotation(cid).history[-1]
    assert (change.status, change.evidence) == (Status.NOT_IMPLEMENTED, "report p. 4")


def test_rebuild_command(db: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "rebuild"]) == 0
    out = capsys.readouterr().out
    assert "3 file(s): 0 added, 3 unchanged, 0 updated, 0 failed" in out


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        ("implemented", "implemented (compliance +1.00)"),
        ("partially implemented", "partial (compliance 0.00)"),
        ("in-progress", "in-progress (compliance 0.00)"),
        ("stalled", "stalled (compliance -1.00)"),
        ("not-rated", "not-rated (no compliance score: left out of averages)"),
    ],
)
def test_status_confirmation_says_what_the_status_scores(
    db: Path, capsys: pytest.CaptureFixture[str], status: str, shown: str
) -> None:
    cid = _cid(db)
    if status == "not-rated":  # a change, not the status it has: that would be unchanged
        assert main(["--db", str(db), "status", cid, "stalled"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "status", cid, status]) == 0
    assert capsys.readouterr().out == f"{cid}: {shown}\n"


@pytest.mark.parametrize(
    "args",
    [["--db", "", "list"], ["stats", "--db", ""], ["--db", " ", "stats"], ["--db", ""]],
)
def test_an_empty_db_is_refused_not_the_default_store(tmp_path: Path, args: list[str]) -> None:
    """``--db ""`` (a script's unset variable) is one line, exit 2: neither the default
    store nor ``$COOP_TUI_DB``'s is used or created."""
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "COOP_TUI_DB": ""}
    done = run(*args, env=env)
    assert done.returncode == 2, done.stdout
    assert done.stderr == "coop-tui: --db is empty: give the store's path\n"
    assert not home.exists()


def test_an_empty_environment_variable_is_not_set(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "COOP_TUI_DB": "  "}
    done = run("list", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert (home / "data" / "coop-tui" / "store.json").exists()  # the default, first use
