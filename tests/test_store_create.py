"""A store is created only where one is expected, or when asked (issue 13, item 19).

A mistyped ``--db`` (or ``$COOP_TUI_DB``) must not make folders and a new store full of
samples: it is refused in one line naming the path. ``coop-tui init`` or ``--create``
create a store; the default location gets one on the first run.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from store_support import run_cli


def _run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "COOP_TUI_DB"}
    environ.update(env or {})
    return run_cli(*args, env=environ, stdin=subprocess.DEVNULL)


def _refused(done: subprocess.CompletedProcess[str], path: Path) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr == (
        f"coop-tui: no store at {path} (create one with coop-tui init --db "
        f"{shlex.quote(str(path))})\n"
    )


@pytest.mark.parametrize(
    "args",
    [("list",), ("show", "abc"), ("import", "x.txt"), ("tag", "abc", "t"), ("rebuild",), ()],
    ids=["list", "show", "import", "tag", "rebuild", "app"],
)
def test_a_mistyped_db_is_refused_and_nothing_is_created(tmp_path: Path, args: tuple) -> None:
    db = tmp_path / "typo" / "nested folder" / "store.json"
    _refused(_run("--db", db, *args), db)
    assert list(tmp_path.iterdir()) == []  # no folder, no store, no samples


def test_a_mistyped_environment_variable_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "store.json"
    _refused(_run("list", env={"COOP_TUI_DB": str(db)}), db)
    assert list(tmp_path.iterdir()) == []


def test_init_creates_a_store_and_leaves_one_that_exists(tmp_path: Path) -> None:
    db = tmp_path / "new folder" / "store.json"
    done = _run("init", "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"created the store {db}, with 2 sample agreements\n"
    listed = _run("--db", db, "list")
    assert listed.returncode == 0 and "Zhejiang" in listed.stdout
    before = db.read_bytes()
    again = _run("init", "--db", db)
    assert again.returncode == 0, again.stderr
    assert "already exists" in again.stdout
    assert db.read_bytes() == before


def test_create_asks_for_a_store_at_the_path_given(tmp_path: Path) -> None:
    db = tmp_path / "made" / "store.json"
    done = _run("--db", db, "--create", "list")
    assert done.returncode == 0, done.stderr
    assert "Zhejiang" in done.stdout
    after = tmp_path / "after.json"
    assert _run("list", "--db", after, "--create").returncode == 0  # after the command too


def test_the_default_location_gets_a_store_on_the_first_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = _run("list", env={"XDG_DATA_HOME": str(data), "HOME": str(tmp_path)})
    if sys.platform.startswith("linux"):
        assert done.returncode == 0, done.stderr
        assert "Zhejiang" in done.stdout
        assert (data / "coop-tui" / "store.json").is_file()


@pytest.mark.skipif(
    not Path("/proc/self").is_dir(), reason="needs /proc, where no file can be made"
)
def test_a_store_where_no_lock_file_can_be_made_is_not_called_busy() -> None:
    proc = run_cli("--db", "/proc/coop-tui-test/store.json", "init")
    assert proc.returncode == 2
    assert proc.stderr.startswith("coop-tui: ") and len(proc.stderr.strip().splitlines()) == 1
    proc = run_cli("--db", "/proc/store.json", "init")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("coop-tui: /proc/store.lock: cannot lock the store")
    assert "busy" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_init_says_so_when_another_process_created_the_store_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from store import Store
    from store.errors import StoreError
    from tui.cli import main
    from tui.commands import store_cmds

    path = tmp_path / "store.json"

    def created_by_another(where: Path) -> None:  # missing when looked for; made at once
        Store.open(where, create=True, seed_samples=False)
        raise StoreError("no store")

    monkeypatch.setattr(store_cmds, "check_store_exists", created_by_another)
    assert main(["--db", str(path), "init"]) == 0
    assert capsys.readouterr().out.startswith("a store already exists at")
