"""What the command line prints never drives the terminal: a file name, a tag or an ID
holding escape sequences or bidi overrides is shown with their codes, on stdout and in
the one-line errors on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from store_support import new_store, run_cli

from store.exchange import import_annotations

HOSTILE = "x\x1b]0;PWNED\x07\x1b[31m\u202eevil"


def _raw(text: str) -> bool:
    return "\x1b" in text or "\x07" in text or "\u202e" in text


def test_errors_quoting_file_names_and_tags_carry_no_control_characters(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.add_tags(cid, [HOSTILE])
    bad = tmp_path / f"{HOSTILE}.txt"
    bad.write_text("no agreement here", encoding="utf-8")
    db = store.path
    runs = [
        run_cli("--db", db, "import", bad),  # the failure line
        run_cli("parse", bad),
        run_cli("--db", db, "import-annotations", bad),
        run_cli("--db", db, "export", "-o", tmp_path / f"{HOSTILE}.zz"),
        run_cli("--db", db, "tag", cid, "--remove", "absent"),  # lists the tags it has
        run_cli("--db", tmp_path / HOSTILE, "list"),  # no store there
    ]
    for run in runs:
        assert run.returncode == 2, run
        assert run.stderr.startswith("coop-tui: ") and run.stderr.count("\n") == 1, run
        assert not _raw(run.stderr) and not _raw(run.stdout), run
        assert "\\u001b]0;PWNED\\u0007" in run.stderr, run  # shown, as its codes


def test_notes_lists_an_imported_hostile_note_id_without_its_controls(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    note = {"id": f"n{HOSTILE}", "text": "theirs", "created": "2024-03-01T10:00:00.000Z"}
    bundle = tmp_path / "their.json"
    bundle.write_text(
        json.dumps({"coop-tui": "annotations", "format": 1,
                    "annotations": [{"id": cid, "notes": [note]}]}),
        encoding="utf-8",
    )  # fmt: skip
    import_annotations(store, bundle)
    listed = run_cli("--db", store.path, "notes")
    assert listed.returncode == 0 and "theirs" in listed.stdout
    assert not _raw(listed.stdout)
    assert "⟨RLO⟩" in listed.stdout  # the override is marked, as in show
