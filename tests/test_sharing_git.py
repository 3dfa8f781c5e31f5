"""Two researchers share a notes folder through git: it merges without conflicts, an
import reads both researchers' work, and an unresolved conflict is named (issue 12, item 11)."""

from __future__ import annotations

from pathlib import Path

from sharing_support import Researcher, commit_all, git, needs_git

pytestmark = needs_git

# A notes file as coop-tui wrote it before authors were recorded (``notes/1``).
OLD_FILE = """---
coop-tui: "notes/1"
target: "{cid}"
kind: "commitment"
orphan: false
meeting: null
text: "an old export"
status: "stalled"
tags: ["old tag"]
history:
  - {{"status": "stalled", "at": "2020-01-01T00:00:00.000Z", "source": "https://old.example", \
"evidence": null}}
---

# Commitment: an old export

<!-- coop-tui note {{"id": "0ld0ld0ld0ld", "created": "2020-01-02T00:00:00.000Z", \
"updated": "2020-01-02T00:00:00.000Z"}} -->
```markdown
an old note
with two lines
```
"""


def _shared_start(tmp_path: Path) -> tuple[Researcher, Researcher, Path, str]:
    """Anne and Bob, the same meetings, a repository whose notes folder holds Anne's
    first annotation, imported by Bob, and both their exports of it."""
    anne, bob = Researcher(tmp_path, "Anne Li"), Researcher(tmp_path, "bob")
    cid = anne.commitments()[0]
    assert bob.commitments()[0] == cid
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    notes = repo / "notes"
    anne.run("status", cid, "in-progress", "--source", "https://a.example/1")
    anne.run("note", cid, "first note, by Anne")
    anne.run("export", "-f", "notes-dir", str(notes))
    commit_all(repo, "Anne's notes")
    bob.run("import-annotations", str(notes))
    bob.run("export", "-f", "notes-dir", str(notes), "--force")
    commit_all(repo, "Bob's notes")
    return anne, bob, repo, cid


def test_two_researchers_annotating_one_commitment_merge_without_conflicts(
    tmp_path: Path,
) -> None:
    anne, bob, repo, cid = _shared_start(tmp_path)
    notes = repo / "notes"
    first = anne.note_id(cid, "first note, by Anne")

    git(repo, "checkout", "-q", "-b", "bob-work")
    bob.run("status", cid, "stalled", "--source", "https://b.example/2", "--evidence", "no budget")
    bob.run("tag", cid, "finance", "bob's tag")
    bob.run("note", cid, "Bob's note\n\n# with a heading")
    bob.run("note-edit", first, "first note, by Anne, corrected by Bob")
    bob.run("export", "-f", "notes-dir", str(notes), "--force")
    commit_all(repo, "Bob annotates")

    git(repo, "checkout", "-q", "main")
    anne.run("status", cid, "implemented", "--evidence", "listed")
    anne.run("tag", cid, "finance", "anne's tag")
    anne.run("note", cid, "Anne's second note")
    anne.run("export", "-f", "notes-dir", str(notes), "--force")
    commit_all(repo, "Anne annotates")

    merged = git(repo, "merge", "--no-edit", "bob-work", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout == ""
    files = sorted(p.relative_to(notes).as_posix() for p in notes.rglob("*.md"))
    assert "index-anne-li.md" in files and "index-bob.md" in files
    assert sum(f.endswith(f"{cid}/anne-li.md") for f in files) == 1
    assert sum(f.endswith(f"{cid}/bob.md") for f in files) == 1

    carol = Researcher(tmp_path, "carol")
    out = carol.run("import-annotations", str(notes)).stdout
    assert "edited differently" not in out  # Anne's old copy of the note is not a conflict
    got = carol.show(cid)
    assert [(c["status"], c.get("by")) for c in got["history"]] == [
        ("in-progress", "Anne Li"), ("stalled", "bob"), ("implemented", "Anne Li"),
    ]  # fmt: skip
    assert got["history"][1]["evidence"] == "no budget"
    assert got["status"] == "implemented"
    assert sorted(got["tags"]) == ["anne's tag", "bob's tag", "finance"]
    assert sorted(n["text"] for n in got["notes"]) == [
        "Anne's second note",
        "Bob's note\n\n# with a heading",
        "first note, by Anne, corrected by Bob",
    ]
    assert carol.note_id(cid, "first note, by Anne, corrected by Bob") == first

    # Anne imports the merged folder: she gets Bob's work, and nothing of hers twice
    out = anne.run("import-annotations", str(notes)).stdout
    assert "notes: 1 added" in out and "1 updated" in out and "edited differently" not in out
    assert sorted(n["text"] for n in anne.show(cid)["notes"]) == sorted(
        n["text"] for n in got["notes"]
    )


def test_a_re_export_by_the_same_author_changes_only_what_changed(tmp_path: Path) -> None:
    anne, _bob, repo, _cid = _shared_start(tmp_path)
    notes = repo / "notes"
    other = anne.commitments()[3]
    anne.run("tag", other, "energy")
    anne.run("export", "-f", "notes-dir", str(notes), "--force")
    commit_all(repo, "a tag")
    anne.run("export", "-f", "notes-dir", str(notes), "--force")
    assert git(repo, "status", "--porcelain").stdout == ""  # the same store: the same bytes

    anne.run("note", other, "one more note")
    anne.run("export", "-f", "notes-dir", str(notes), "--force")
    changed = git(repo, "status", "--porcelain").stdout.splitlines()
    assert sorted(line[3:] for line in changed) == [
        next(p.relative_to(repo).as_posix() for p in notes.glob(f"*/*{other}/anne-li.md")),
        "notes/index-anne-li.md",
    ]
    numbers = git(repo, "diff", "--numstat").stdout.split()
    added, removed = sum(map(int, numbers[0::3])), sum(map(int, numbers[1::3]))
    assert added <= 10 and removed <= 1  # the note with its heading, and the index's count


def test_an_unresolved_git_conflict_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    anne, _bob, repo, cid = _shared_start(tmp_path)
    notes = repo / "notes"
    laptop = Researcher(tmp_path, "Anne Li")  # the same author on a second machine
    laptop.db = tmp_path / "laptop" / "store.json"
    laptop.run("import-annotations", str(notes))
    git(repo, "checkout", "-q", "-b", "laptop")
    laptop.run("tag", cid, "from the laptop")
    laptop.run("export", "-f", "notes-dir", str(notes), "--force")
    commit_all(repo, "laptop")
    git(repo, "checkout", "-q", "main")
    anne.run("tag", cid, "from the desktop")
    anne.run("export", "-f", "notes-dir", str(notes), "--force")
    commit_all(repo, "desktop")
    assert git(repo, "merge", "--no-edit", "laptop", check=False).returncode != 0

    carol = Researcher(tmp_path, "carol")
    done = carol.run("import-annotations", str(notes), check=False)
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    named, number, reason = line.removeprefix("coop-tui: ").split(": ", 2)
    assert Path(named).is_relative_to(notes) and "unresolved git conflict" in reason
    lines = Path(named).read_text("utf-8").splitlines()
    assert lines[int(number.removeprefix("line ")) - 1].startswith("<<<<<<< ")
    assert carol.show(cid)["tags"] == []  # nothing was imported

    bundle = tmp_path / "notes.json"
    bundle.write_text('{"coop-tui": "annotations",\n<<<<<<< HEAD\n"format": 1,\n=======\n'
                      '"format": 1, \n>>>>>>> theirs\n"annotations": []}\n', "utf-8")  # fmt: skip
    done = carol.run("import-annotations", str(bundle), check=False)
    assert done.returncode == 2
    assert done.stderr == f"coop-tui: {bundle}: line 2: " + done.stderr.split(": line 2: ")[1]
    assert "unresolved git conflict" in done.stderr


def test_a_folder_written_before_authors_is_still_read(tmp_path: Path) -> None:
    anne = Researcher(tmp_path, "anne")
    cid, other = anne.commitments()[:2]
    folder = tmp_path / "old-notes" / "2024-meeting"
    folder.mkdir(parents=True)
    (folder / f"an-old-export-{cid}.md").write_text(OLD_FILE.format(cid=cid), "utf-8")
    anne.run("note", other, "a new note")
    anne.run("export", "-f", "notes-dir", str(folder.parent), "--force")  # old and new side by side
    bob = Researcher(tmp_path, "bob")
    out = bob.run("import-annotations", str(folder.parent)).stdout
    assert "skipped" not in out
    got = bob.show(cid)
    assert [(c["status"], c["source"]) for c in got["history"]] == [
        ("stalled", "https://old.example")
    ]
    assert got["tags"] == ["old tag"]
    assert [n["text"] for n in got["notes"]] == ["an old note\nwith two lines"]
    assert [n["text"] for n in bob.show(other)["notes"]] == ["a new note"]
