"""``coop-tui import``: what it reports, where, and in which order."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import write_release

from tui.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store" / "store.json"


def test_failures_go_to_stderr_too_and_results_keep_argument_order(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sub").mkdir()
    good = write_release(tmp_path / "sub", "release.txt")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    missing = tmp_path / "nofile.txt"
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(good), str(bad), str(missing)]) == 2
    captured = capsys.readouterr()
    outcomes = [
        line.split()[:2] for line in captured.out.splitlines() if line and not line[0].isspace()
    ]
    assert outcomes[:3] == [["added", str(good)], ["failed", str(bad)], ["failed", str(missing)]]
    assert captured.out.splitlines()[-1] == "3 file(s): 1 added, 0 unchanged, 0 updated, 2 failed"
    assert captured.err.splitlines() == [
        f"coop-tui: {bad}: a binary file, not a text or HTML release",
        f"coop-tui: {missing}: no such file",
    ]


def test_a_directory_without_releases_is_reported_where_it_was_given(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    first = write_release(tmp_path, "a.txt")
    last = write_release(tmp_path, "z.txt", title="Hong Kong and Otherland meet")
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(last), str(empty), str(first)]) == 2
    captured = capsys.readouterr()
    paths = [line.split()[1] for line in captured.out.splitlines()[:-1] if line[:1].strip()]
    assert paths == [str(last), str(empty), str(first)]
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith(f"coop-tui: {empty}: ")
