"""``coop-tui export`` and ``import-annotations`` on the command line: output, errors, exit 2."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from export_support import headings
from store_support import write_release

from store import Store
from tui.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "store.json"
    assert main(["--db", str(path), "--create", "import", str(write_release(tmp_path))]) == 0
    store = Store.open(path)
    cid = next(m for m in store.meetings() if "Testland" in m.title).commitments[0].id
    store.set_status(cid, "implemented")
    store.add_note(cid, "# not a section\n```")
    return path


def one_error(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("coop-tui: "), err
    for word in words:
        assert word in err, err
    return err


def test_markdown_to_stdout_and_to_a_file(db: Path, tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "export", "--only-annotated"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# coop-tui notes\n")
    assert [level for level, _ in headings(out)] == [1, 2, 2, 3, 4]
    target = tmp_path / "report.md"
    assert main(["--db", str(db), "export", "--only-annotated", "-o", str(target)]) == 0
    assert "wrote markdown for 1 commitment(s)" in capsys.readouterr().err
    written = target.read_text(encoding="utf-8").splitlines()
    assert [x for x in written if not x.startswith("Generated ")] == [
        x for x in out.splitlines() if not x.startswith("Generated ")
    ]
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_json_csv_and_filters(db: Path, tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "export", "-f", "json", "--status", "implemented"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in data["annotations"]] == ["implemented"]
    assert main(["--db", str(db), "export", "--format", "csv", "--tag", "none-such"]) == 0
    assert capsys.readouterr().out.count("\n") == 1  # the header only
    assert main(["--db", str(db), "export", "--status", "bogus"]) == 2
    one_error(capsys, "not a status")


def test_file_safety_errors_exit_2(db: Path, tmp_path: Path, capsys) -> None:
    base = ["--db", str(db), "export"]
    capsys.readouterr()
    assert main([*base, "-o", str(tmp_path / "missing" / "r.md")]) == 2
    one_error(capsys, "no such folder")

    existing = tmp_path / "r.md"
    existing.write_text("mine", encoding="utf-8")
    assert main([*base, "-o", str(existing)]) == 2
    one_error(capsys, "already exists", "--force")
    assert existing.read_text(encoding="utf-8") == "mine"
    assert main([*base, "-o", str(existing), "--force"]) == 0
    assert existing.read_text(encoding="utf-8").startswith("# coop-tui notes")
    capsys.readouterr()

    link = tmp_path / "link.md"
    link.symlink_to(existing)
    before = existing.read_bytes()
    assert main([*base, "-o", str(link), "--force"]) == 2
    one_error(capsys, "symbolic link")
    assert existing.read_bytes() == before and link.is_symlink()

    assert main([*base, "-o", str(tmp_path)]) == 2
    one_error(capsys)


def test_no_permission_exit_2(db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    capsys.readouterr()
    if os.geteuid() != 0:
        locked.chmod(0o500)
        try:
            assert main(["--db", str(db), "export", "-o", str(locked / "r.md")]) == 2
            one_error(capsys, "permission")
        finally:
            locked.chmod(0o700)

    real_open = os.open

    def refuse(path: str | Path, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if Path(path).parent == locked or locked in Path(path).parents:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    assert main(["--db", str(db), "export", "-o", str(locked / "r.md")]) == 2
    one_error(capsys, "cannot write", "Permission denied")
    assert main(["--db", str(db), "export", "-f", "notes-dir", str(locked / "notes")]) == 2
    one_error(capsys, "cannot write the notes")


def test_a_failed_write_leaves_the_old_file(db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    target = tmp_path / "r.md"
    target.write_text("the old report\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    capsys.readouterr()
    assert main(["--db", str(db), "export", "--force", "-o", str(target)]) == 2
    one_error(capsys, "cannot write", "No space left")
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_notes_dir_and_import_annotations(db: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "notes"
    capsys.readouterr()
    assert main(["--db", str(db), "export", "-f", "notes-dir"]) == 2
    one_error(capsys, "needs a folder")
    assert main(["--db", str(db), "export", "-f", "notes-dir", str(folder)]) == 0
    assert "wrote 1 notes file(s)" in capsys.readouterr().err
    assert main(["--db", str(db), "export", "-f", "notes-dir", str(folder)]) == 2
    one_error(capsys, "not empty", "--force")
    assert main(["--db", str(db), "export", "-f", "notes-dir", str(folder), "--force"]) == 0

    other = tmp_path / "other" / "store.json"
    capsys.readouterr()
    assert main(["--db", str(other), "--create", "import-annotations", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "notes: 1 added, 0 already here" in out
    assert "status changes: 1 added" in out
    assert main(["--db", str(other), "import-annotations", str(folder)]) == 0
    assert "notes: 0 added, 1 already here" in capsys.readouterr().out

    assert main(["--db", str(other), "import-annotations", str(tmp_path / "nope.json")]) == 2
    one_error(capsys, "no such file or folder")
    junk = tmp_path / "junk.json"
    junk.write_text("not json", encoding="utf-8")
    assert main(["--db", str(other), "import-annotations", str(junk)]) == 2
    one_error(capsys, "not a JSON export")


def test_orphans_are_reported_by_import(db: Path, tmp_path: Path, capsys) -> None:
    bundle = tmp_path / "b.json"
    record = {"id": "feedfacecafe", "kind": "commitment", "text": "Cargo at the airports",
              "history": [{"status": "stalled", "at": "2024-01-01T00:00:00.000Z"}]}  # fmt: skip
    bundle.write_text(
        json.dumps({"coop-tui": "annotations", "format": 1, "annotations": [record]}), "utf-8"
    )
    capsys.readouterr()
    assert main(["--db", str(db), "import-annotations", str(bundle)]) == 0
    assert "orphans: 1 target(s) not in this store" in capsys.readouterr().out
    assert main(["--db", str(db), "orphans", "--json"]) == 0
    orphans = json.loads(capsys.readouterr().out)
    assert [o["old_target_id"] for o in orphans] == ["feedfacecafe"]
