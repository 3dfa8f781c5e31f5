"""What the command line prints never drives the terminal: a file name, a tag or an ID
holding escape sequences or bidi overrides is shown with their codes, on stdout and in
the one-line errors on stderr."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from store_support import new_store, run_cli

from store import Store

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


def test_json_output_escapes_c1_controls_and_bidi_overrides(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    text = "csi\x9b31m rlo\u202eevil isolate\u2066x"
    store.add_note(cid, text)
    store.set_status(cid, "stalled", source=text, evidence=text)
    db = store.path
    for args in (["show", cid, "--json"], ["notes", "--json"], ["list", "--json"],
                 ["search", "rlo", "--json"]):  # fmt: skip
        run = run_cli("--db", db, *args)
        assert run.returncode == 0, run.stderr
        assert not any(c in run.stdout for c in "\x9b\u202e\u2066"), args
        assert text in json.dumps(json.loads(run.stdout), ensure_ascii=False), args


def test_a_tag_added_on_the_command_line_loses_its_control_characters(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    db = store.path
    added = run_cli("--db", db, "tag", cid, "fi\x1b[31mnance\x07, \x1b")
    assert added.returncode == 0, added.stderr
    assert Store.open(db, seed_samples=False).annotation(cid).tags == ["finance"]
    only = run_cli("--db", db, "tag", cid, "\x1b")  # nothing left: no empty tag made
    assert only.returncode == 2 and only.stderr == "coop-tui: give at least one tag\n"
    assert Store.open(db, seed_samples=False).annotation(cid).tags == ["finance"]


def test_the_app_without_a_terminal_is_refused_at_once(tmp_path: Path) -> None:
    """`coop-tui` from a script (stdin from /dev/null, output to a file) says it needs a
    terminal and exits 2, instead of starting an app nobody can see or quit."""
    db = tmp_path / "store.json"
    assert run_cli("--db", str(db), "init").returncode == 0
    done = run_cli("--db", str(db), stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("coop-tui: the app needs a terminal")
    assert len(done.stderr.strip().splitlines()) == 1
