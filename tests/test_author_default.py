"""Who a change is recorded as when nobody says: ``--author``, else ``COOP_TUI_AUTHOR``,
else git's ``user.name``, else the login name — through the command line, as a user
runs it."""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path

from store_support import commitment_ids, new_store, run_cli

from store import Store


def _env(tmp_path: Path, git_name: str | None) -> dict[str, str]:
    """No COOP_TUI_AUTHOR; git reads only a config file of the test's (or none)."""
    config = tmp_path / "gitconfig"
    config.write_text(f"[user]\n\tname = {git_name}\n" if git_name else "", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "COOP_TUI_AUTHOR"}
    env.update(GIT_CONFIG_GLOBAL=str(config), GIT_CONFIG_NOSYSTEM="1", HOME=str(tmp_path))
    return env


def _note_author(store_path: Path, cid: str) -> str | None:
    done = run_cli("--db", store_path, "show", cid, "--json")
    assert done.returncode == 0, done.stderr
    [note] = json.loads(done.stdout)["notes"]
    return note["by"]


def test_git_user_name_is_the_author_when_none_is_given(tmp_path: Path) -> None:
    store = new_store(tmp_path / "s")
    cid = commitment_ids(store)[0]
    env = _env(tmp_path, "Ada  Lovelace")
    assert run_cli("--db", store.path, "note", cid, "seen", env=env).returncode == 0
    assert _note_author(store.path, cid) == "Ada Lovelace"  # white space made one space


def test_the_environment_and_the_option_come_before_git(tmp_path: Path) -> None:
    store = new_store(tmp_path / "s")
    first, second = commitment_ids(store)[:2]
    env = _env(tmp_path, "Ada Lovelace") | {"COOP_TUI_AUTHOR": "anne"}
    assert run_cli("--db", store.path, "note", first, "x", env=env).returncode == 0
    assert _note_author(store.path, first) == "anne"
    command = ("--db", store.path, "--author", "ben", "note", second, "x")
    assert run_cli(*command, env=env).returncode == 0
    assert _note_author(store.path, second) == "ben"


def test_without_a_usable_git_user_name_the_login_name(tmp_path: Path) -> None:
    store = new_store(tmp_path / "s")
    first, second = commitment_ids(store)[:2]
    env = _env(tmp_path, None)
    assert run_cli("--db", store.path, "note", first, "seen", env=env).returncode == 0
    assert _note_author(store.path, first) == getpass.getuser()
    env = _env(tmp_path, "x" * 200)  # longer than a name coop-tui records
    assert run_cli("--db", store.path, "note", second, "seen", env=env).returncode == 0
    assert _note_author(store.path, second) == getpass.getuser()
    assert Store.open(store.path).annotation(first).notes[0].text == "seen"


def test_an_author_name_that_is_not_utf8_is_refused_as_such(tmp_path: Path) -> None:
    """A name typed in another encoding is said to be one, not "control characters"."""
    store = new_store(tmp_path / "s")
    name = b"Ren\xe9".decode("utf-8", "surrogateescape")  # Latin-1 bytes on a UTF-8 system
    done = run_cli("--db", store.path, "--author", name, "list")
    assert done.returncode == 2
    assert done.stderr == "coop-tui: the author's name is not UTF-8 text (check its encoding)\n"
    done = run_cli("--db", store.path, "--author", "a\x1bb", "list")
    assert done.stderr == "coop-tui: the author's name holds control characters\n"
