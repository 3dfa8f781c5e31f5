"""``coop-tui import``: what it reports, where, and in which order."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import write_release

from tui.cli import main

XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>
<body><h1>Hong Kong and Otherland hold a co-operation meeting</h1>
<p>2024-06-02</p><p>The two sides met in Hong Kong today (June 2).</p>
<p>Hong Kong and Otherland reached consensus on the following 1 co-operation areas:</p>
<h2>Finance</h2>
<p>Encourage Otherland enterprises to list in Hong Kong and to raise funds there.</p>
<p>Support Otherland banks in opening branches in Hong Kong for trade finance.</p>
<p>Ends</p></body></html>
"""


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
    assert main(["--db", str(db), "--create", "import", str(good), str(bad), str(missing)]) == 2
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
    assert main(["--db", str(db), "--create", "import", str(last), str(empty), str(first)]) == 2
    captured = capsys.readouterr()
    paths = [line.split()[1] for line in captured.out.splitlines()[:-1] if line[:1].strip()]
    assert paths == [str(last), str(empty), str(first)]
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith(f"coop-tui: {empty}: ")


def test_a_directory_gives_markdown_and_xhtml_releases_and_names_what_it_skipped(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "releases"
    (folder / "2024" / ".drafts").mkdir(parents=True)
    write_release(folder, "a.md", date="2024-05-01")
    write_release(folder / "2024", "b.markdown", date="2024-05-02")
    write_release(folder / "2024", "c.text", date="2024-05-03")
    write_release(folder / "2024", "d.TXT", date="2024-05-04")
    (folder / "e.xhtml").write_text(XHTML, encoding="utf-8")
    for name in ("scan.tiff", "2024/photo.png", ".hidden.pdf", "2024/.drafts/old.txt"):
        (folder / name).write_bytes(b"\x00")
    capsys.readouterr()
    assert main(["--db", str(db), "--create", "import", str(folder)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert [line.split()[:2] for line in lines[:5]] == [
        ["added", str(folder / "2024" / "b.markdown")],
        ["added", str(folder / "2024" / "c.text")],
        ["added", str(folder / "2024" / "d.TXT")],
        ["added", str(folder / "a.md")],
        ["added", str(folder / "e.xhtml")],
    ]
    assert lines[5:] == [
        f"skipped 2 file(s) of other types: {Path('2024', 'photo.png')}, scan.tiff",
        "5 file(s): 5 added, 0 unchanged, 0 updated, 0 failed",
    ]
    assert captured.err == ""


def test_the_skipped_list_is_cut_after_five_names(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    write_release(folder, "release.txt")
    for n in range(7):
        (folder / f"scan{n}.tiff").write_bytes(b"II*\x00")
    capsys.readouterr()
    assert main(["--db", str(db), "--create", "import", str(folder)]) == 0
    out = capsys.readouterr().out
    assert (
        "skipped 7 file(s) of other types: scan0.tiff, scan1.tiff, scan2.tiff, scan3.tiff, " in out
    )
    assert "scan4.tiff …\n" in out and "scan5.tiff" not in out


def test_a_file_uri_is_read_as_the_file_it_names(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import file:///…` and `parse file:///…` read the file (percent-decoded); a file:
    URI of another host is refused as an address."""
    folder = tmp_path / "my releases"
    folder.mkdir()
    release = write_release(folder, "rel one.txt")
    uri = "file://" + str(release).replace(" ", "%20")
    assert main(["parse", uri]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "--create", "import", uri]) == 0
    out = capsys.readouterr().out
    assert f"added     {release}" in out and "1 added" in out
    remote = "file://fileserver/share/rel.txt"
    assert main(["--db", str(db), "import", remote]) == 2
    assert "only http and https addresses are fetched, not file:" in capsys.readouterr().err
