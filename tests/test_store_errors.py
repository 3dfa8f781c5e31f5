"""The store's errors carry a kind and the facts, and no command-line advice: the
command line words its own (``tui.commands.errors``), the app its own
(``tui.store_errors``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import commitment_ids, new_store, one_error, run_cli

from store import ErrorKind, Store, StoreError
from store.author import clean as clean_author
from store.store import check_store_exists
from tui.store_errors import app_error_text

#: What only the command line can advise: its options and commands.
COMMAND_LINE = ("--db", "--author", "coop-tui rebuild", "coop-tui init", "see coop-tui")


def _refusal(call: object) -> StoreError:
    assert callable(call)
    with pytest.raises(StoreError) as info:
        call()
    for words in COMMAND_LINE:
        assert words not in str(info.value), str(info.value)
    return info.value


def test_the_stores_errors_have_kinds_and_no_command_line_advice(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = commitment_ids(store)[0]
    meeting = store.meetings()[0]
    cases = {
        ErrorKind.MISSING: lambda: check_store_exists(tmp_path / "none" / "store.json"),
        ErrorKind.NOT_FOUND: lambda: store.edit_note("nosuchnote", "x"),
        ErrorKind.NOT_A_COMMITMENT: lambda: store.set_status(meeting.id, "stalled"),
    }
    for kind, call in cases.items():
        error = _refusal(call)
        assert error.kind is kind, (kind, error)
    assert _refusal(lambda: store.locate("nosuchid")).facts == {"what": "target", "id": "nosuchid"}
    assert _refusal(lambda: clean_author("  ")).facts == {"what": "author"}
    assert store.annotation(cid).notes == []

    other = tmp_path / "other" / "store.json"
    other.parent.mkdir()
    other.write_text('{"_meta": {"1": {"app": "something else"}}}', encoding="utf-8")
    error = _refusal(lambda: Store.open(other))
    assert (error.kind, error.path) == (ErrorKind.NOT_A_STORE, other)

    store.files.corpus.write_bytes(b'{"meetings": {"1": ')
    error = _refusal(lambda: Store.open(store.path))
    assert (error.kind, error.path) == (ErrorKind.CORPUS_UNREADABLE, store.files.corpus)
    assert "coop-tui rebuild" in app_error_text(error)  # the app says how, in its words


def test_the_command_line_adds_its_own_advice(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    meeting = store.meetings()[0]
    line = one_error(run_cli("--db", store.path, "status", meeting.id, "stalled"))
    assert "(give a commitment's ID; see coop-tui list)" in line
    store.files.corpus.write_bytes(b'{"meetings": {"1": ')
    line = one_error(run_cli("--db", store.path, "list"), "corpus is corrupt")
    assert line.endswith("move it aside and run `coop-tui rebuild` to parse them again")
    other = tmp_path / "other.json"
    other.write_text('{"_meta": {"1": {"app": "something else"}}}', encoding="utf-8")
    line = one_error(run_cli("--db", other, "list"), "not a coop-tui store")
    assert "point --db at another file" in line
    line = one_error(run_cli("--db", store.path, "--author", " ", "list"), "author's name is empty")
    assert line.endswith("; give one with --author NAME")
