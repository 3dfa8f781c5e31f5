"""Corrections of the parse in the exports and in import-annotations (issue 15): a
colleague's JSON export or notes folder gives back the same corrected meetings, conflicts
resolve like statuses, withdrawals travel, an import is undone as one step."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from export_support import headings
from sharing_support import commit_all, git, needs_git
from store_support import one_error, run_cli, write_release

from parsers.model import Meeting
from sharing.export import Filters, csv_export, json_export, markdown_report, select
from sharing.merge import MergeSummary, import_annotations
from sharing.notes_folder import write_notes_dir
from store import Store

FINANCE = [
    "Encourage Testland enterprises to list in Hong Kong and to issue green bonds in the "
    "Hong Kong market.",
    "Support Testland enterprises in setting up treasury centres in Hong Kong to manage "
    "overseas funds.",
    "Promote the mutual recognition of professional qualifications in accounting.",
]
AVIATION = [
    "Strengthen the co-operation between the airports of Hong Kong and Testland on cargo handling.",
    "Increase the frequency of direct flights between Hong Kong and the main cities of Testland.",
    "Photo caption: the two delegations at the airport.",
]
AREAS = {"Finance": FINANCE, "Aviation": AVIATION}
#: text of the release that the parser left out of every area (added by hand)
MISSED = "The Chief Executive met the Governor of Testland in Hong Kong today"


def fresh_store(tmp_path: Path, name: str) -> Store:
    """A store of its own with the same release imported (same IDs everywhere)."""
    folder = tmp_path / name
    folder.mkdir()
    store = Store.open(folder / "db" / "store.json", seed_samples=False, lock_timeout=5)
    results = store.import_paths([write_release(folder, areas=AREAS)])
    assert [r.outcome for r in results] == ["added"]
    return store


def ids(store: Store) -> dict[str, Any]:
    m = store.meetings()[0]
    finance, aviation = m.areas
    return {
        "meeting": m.id,
        "finance": finance.id,
        "aviation": aviation.id,
        "f": [c.id for c in finance.commitments],
        "a": [c.id for c in aviation.commitments],
    }


def correct_everything(store: Store) -> dict[str, Any]:
    """Every kind of correction, a withdrawn one, and notes on what corrections made."""
    found = ids(store)
    store.rename_area(found["finance"], "Finance and banking")
    _first, second = store.split_commitment(found["f"][0], "and to issue green bonds")
    store.add_note(second, "the second half of a run-on commitment")
    store.move_commitment(found["f"][1], found["aviation"])
    store.move_commitment(found["f"][2], new_area="Professional services")
    store.add_note(found["a"][1], "flights: merged into it")
    store.merge_commitments(found["a"][0], found["a"][1])
    store.exclude_commitment(found["a"][2])
    store.add_note(found["a"][2], "a caption, not a commitment")
    [added] = store.add_commitment(found["aviation"], MISSED)
    store.set_status(added, "implemented")
    store.correct_meeting(found["meeting"], date="2024-05-02", place="Macao")
    store.rename_area(found["aviation"], "Air transport")
    store.undo()  # the last rename: withdrawn, kept in the history
    return {**found, "second": second, "added": added}


def history(store: Store) -> list[tuple[str, bool, bool]]:
    return [(d["id"], d["in_force"], d["withdrawn"]) for d in store.correction_history()]


def export_to(store: Store, tmp_path: Path, how: str, author: str = "anne") -> Path:
    sel = select(store, Filters())
    if how == "json":
        path = tmp_path / f"{author}.json"
        path.write_text(json_export(sel, "T"), encoding="utf-8")
        return path
    folder = tmp_path / f"notes-{author}"
    write_notes_dir(sel, folder, author=author)
    return folder


def only_meeting(store: Store) -> Meeting:
    [meeting] = store.meetings()
    return meeting


# -- round trips ---------------------------------------------------------------------
@pytest.mark.parametrize("how", ["json", "notes-dir"])
def test_round_trip_gives_a_fresh_store_the_same_corrected_meetings(
    tmp_path: Path, how: str
) -> None:
    anne = fresh_store(tmp_path, "anne")
    made = correct_everything(anne)
    source = export_to(anne, tmp_path, how)

    bob = fresh_store(tmp_path, "bob")
    summary = import_annotations(bob, source)
    assert bob.meeting(made["meeting"]) == anne.meeting(made["meeting"])
    meeting = only_meeting(bob)
    assert [a.name for a in meeting.areas] == [
        "Finance and banking", "Aviation", "Professional services"]  # fmt: skip
    assert meeting.areas[0].original_name == "Finance"
    assert (meeting.date, meeting.original["date"]) == ("2024-05-02", "2024-05-01")
    assert [c.id for c in meeting.areas[1].excluded] == [made["a"][2]]
    assert history(bob) == history(anne)  # the withdrawn rename too
    assert [d["at"] for d in bob.correction_history()] == [
        d["at"] for d in anne.correction_history()
    ]  # their own times and authors kept
    assert [d["by"] for d in bob.correction_history()] == [
        d["by"] for d in anne.correction_history()
    ]
    # the annotations on what corrections made are attached, not orphans
    assert [n.text for n in bob.annotation(made["second"]).notes] == [
        "the second half of a run-on commitment"
    ]
    assert bob.annotation(made["added"]).status.value == "implemented"
    assert [n.text for n in bob.annotation(made["a"][2]).notes] == ["a caption, not a commitment"]
    assert bob.orphan_count() == 0
    assert bob.correction_orphans() == []
    assert "corrections: 10 added, 0 already here" in summary.lines("x")

    # twice is once: nothing changes, nothing is logged
    before = (bob.meetings(), history(bob), len(bob.log()))
    again = import_annotations(bob, source)
    assert (bob.meetings(), history(bob), len(bob.log())) == before
    assert "corrections: 0 added, 10 already here" in again.lines("x")


def test_a_merged_commitments_annotations_here_go_to_the_one_it_was_merged_into(
    tmp_path: Path,
) -> None:
    anne, bob = fresh_store(tmp_path, "anne"), fresh_store(tmp_path, "bob")
    found = ids(anne)
    anne.merge_commitments(found["a"][0], found["a"][1])
    bob.add_note(found["a"][1], "Bob's note on the second")
    bob.set_status(found["a"][1], "stalled")
    summary = import_annotations(bob, export_to(anne, tmp_path, "json"))
    assert bob.meeting(found["meeting"]) == anne.meeting(found["meeting"])
    first = bob.annotation(found["a"][0])
    assert [n.text for n in first.notes] == ["Bob's note on the second"]
    assert first.status.value == "stalled"
    assert bob.orphan_count() == 0
    assert any("moved to the commitment they were merged into" in line
               for line in summary.lines("x"))  # fmt: skip


# -- conflicts and withdrawals ----------------------------------------------------------
@pytest.mark.parametrize("how", ["json", "notes-dir"])
def test_two_renames_of_one_area_resolve_to_the_most_recent_in_both_stores(
    tmp_path: Path, how: str
) -> None:
    anne, bob = fresh_store(tmp_path, "anne"), fresh_store(tmp_path, "bob")
    area = ids(anne)["finance"]
    anne.rename_area(area, "Finance (Anne)")
    time.sleep(0.01)
    bob.rename_area(area, "Finance (Bob)")  # later: wins everywhere
    from_anne = export_to(anne, tmp_path, how, "anne")
    from_bob = export_to(bob, tmp_path, how, "bob")
    import_annotations(anne, from_bob)
    import_annotations(bob, from_anne)
    for store in (anne, bob):
        assert only_meeting(store).areas[0].name == "Finance (Bob)"
        assert only_meeting(store).areas[0].original_name == "Finance"
        values = [(d["value"], d["in_force"]) for d in store.correction_history()]
        assert values == [("Finance (Anne)", False), ("Finance (Bob)", True)]


def test_a_withdrawal_travels_unless_redone_here_since(tmp_path: Path) -> None:
    anne, bob = fresh_store(tmp_path, "anne"), fresh_store(tmp_path, "bob")
    area = ids(anne)["finance"]
    anne.rename_area(area, "Money")
    import_annotations(bob, export_to(anne, tmp_path, "json", "first"))
    assert only_meeting(bob).areas[0].name == "Money"

    anne.undo()  # Anne withdraws her rename
    summary = import_annotations(bob, export_to(anne, tmp_path, "json", "second"))
    assert only_meeting(bob).areas[0].name == "Finance"
    assert "corrections: 0 added, 0 already here, 1 withdrawn here as there" in summary.lines("x")
    assert [d["withdrawn"] for d in bob.correction_history()] == [True]

    # Bob brings it back (undo the import's withdrawal): a later import of Anne's older
    # withdrawal leaves it, and Anne learns of the re-do from Bob's export
    bob.undo()
    assert only_meeting(bob).areas[0].name == "Money"
    summary = import_annotations(bob, tmp_path / "second.json")
    assert only_meeting(bob).areas[0].name == "Money"
    assert any("brought back here since; kept" in line for line in summary.lines("x"))
    summary = import_annotations(anne, export_to(bob, tmp_path, "json", "bob"))
    assert only_meeting(anne).areas[0].name == "Money"
    assert any("1 brought back here as there" in line for line in summary.lines("x"))


def test_undo_takes_an_import_back_as_one_step(tmp_path: Path) -> None:
    anne, bob = fresh_store(tmp_path, "anne"), fresh_store(tmp_path, "bob")
    made = correct_everything(anne)
    parsed = bob.meetings()
    import_annotations(bob, export_to(anne, tmp_path, "json"))
    corrected = bob.meetings()
    assert corrected == anne.meetings()
    assert bob.log()[0].kind == "import-annotations"

    undone = bob.undo()
    assert undone.kind == "import-annotations"
    assert bob.meetings() == parsed
    assert bob.annotations() == {}
    assert all(not d["in_force"] for d in bob.correction_history())
    bob.redo()
    assert bob.meetings() == corrected
    assert [n.text for n in bob.annotation(made["second"]).notes] == [
        "the second half of a run-on commitment"
    ]


# -- what a reader sees ---------------------------------------------------------------
def test_report_csv_and_json_show_the_corrections(tmp_path: Path) -> None:
    anne = fresh_store(tmp_path, "anne")
    made = correct_everything(anne)
    sel = select(anne, Filters())

    report = markdown_report(sel, "2026-01-01")
    assert "### 1. Finance and banking" in report
    assert "- Corrected: renamed; parsed as “Finance”" in report
    assert "- Date: 2024-05-02 (corrected; parsed as “2024-05-01”)" in report
    assert "- Corrected: split; parsed as “Encourage Testland enterprises" in report
    assert "- Corrected: second part of a split" in report
    assert "- Corrected: moved here from “Finance”" in report
    assert "- Corrected: a new area made by the researcher" in report
    assert f"- Corrected: merged with {made['a'][1]}; parsed as “Strengthen" in report
    assert "- Corrected: added from the source" in report
    excluded = report.index(f"#### Excluded: {made['a'][2]}")
    assert "- Excluded by the researcher: not a commitment (not counted)" in report[excluded:]
    assert "a caption, not a commitment" in report[excluded:]
    # the caption is not numbered or counted as a commitment
    assert f"Commitment {made['a'][2]}" not in report
    assert "Aviation (area 2): 3 commitments" in report  # merged, moved in, added
    levels = [level for level, _text in headings(report)]
    assert levels[:3] == [1, 2, 2] and set(levels) == {1, 2, 3, 4}
    # byte-stable but for the Generated line
    other = markdown_report(select(anne, Filters()), "2027-02-02")
    diff = [(a, b) for a, b in zip(report.splitlines(), other.splitlines(), strict=True) if a != b]
    assert diff == [("Generated 2026-01-01 by coop-tui.", "Generated 2027-02-02 by coop-tui.")]

    rows = {r["commitment_id"]: r for r in csv.DictReader(io.StringIO(csv_export(sel)))}
    assert made["a"][2] not in rows and made["a"][1] not in rows  # excluded, merged away
    split = rows[made["f"][0]]
    assert (split["corrected"], split["original_area"]) == ("true", "Finance")
    assert split["original_text"] == FINANCE[0]
    assert "split (first part)" in split["correction"]
    moved = rows[made["f"][1]]
    assert (moved["area"], moved["original_area"]) == ("Aviation", "Finance")
    assert "moved from “Finance”" in moved["correction"]
    assert "added from the source" in rows[made["added"]]["correction"]

    data = json.loads(json_export(sel, "T"))
    assert data["format"] == 2  # an older coop-tui refuses it rather than drop corrections
    records = {r["id"]: r for r in data["annotations"]}
    assert records[made["second"]]["origin"] == "split"
    assert records[made["second"]]["area"]["original_name"] == "Finance"
    assert records[made["a"][2]]["excluded"] is True
    assert records[made["a"][0]]["merged"] == [made["a"][1]]
    assert records[made["added"]]["origin"] == "added"
    corrections = data["corrections"]
    assert len(corrections) == 10
    assert [c["kind"] for c in corrections if c["withdrawn"]] == ["rename"]
    withdrawn = next(c for c in corrections if c["withdrawn"])
    assert withdrawn["value"] == "Air transport" and withdrawn["withdrawn_at"] >= withdrawn["at"]
    assert all(c["in_force"] for c in corrections if not c["withdrawn"])


def test_hostile_text_in_corrections_comes_out_literal(tmp_path: Path) -> None:
    anne = fresh_store(tmp_path, "anne")
    found = ids(anne)
    anne.rename_area(found["finance"], '=HYPERLINK("http://evil.example","x")')
    anne.rename_area(found["aviation"], "*bold* <script>alert(1)</script> [l](http://e.x) # h")
    # control characters cannot be typed into a name, but a file can carry them
    sneaky = "Evil\x1b]0;owned\x07 \u202eright-to-left"
    export = json.loads(json_export(select(anne, Filters()), "T"))
    [aviation] = [c for c in export["corrections"] if c["target"] == found["aviation"]]
    export["corrections"].append({**aviation, "id": "c0ffee000001",
                                  "at": "2025-01-01T00:00:00.000Z", "value": sneaky,
                                  "text": "Aviation"})  # fmt: skip
    aviation["at"] = "2024-12-31T00:00:00.000Z"  # the sneaky one is later
    path = tmp_path / "sneaky.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    bob = fresh_store(tmp_path, "bob")
    import_annotations(bob, path)
    cleaned = "Evil \u202eright-to-left"  # the escape sequence stripped on import
    assert only_meeting(bob).areas[1].name == cleaned
    sel = select(bob, Filters())

    report = markdown_report(sel, "T")
    assert "### 2. Evil \\u202eright-to-left" in report
    assert "\x1b" not in report and "\u202e" not in report and "\x07" not in report
    report = markdown_report(select(anne, Filters()), "T")
    assert r"### 2. \*bold\* \<script\>alert(1)\</script\> \[l\](http://e.x) \# h" in report
    assert [level for level, _t in headings(report)] == [1, 2, 2, 3, 4, 4, 4, 3, 4, 4, 4]

    text = csv_export(sel)
    assert "\x1b" not in text and "\u202e" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["area"] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[-1]["area"] == "Evil \\u202eright-to-left"

    data = json_export(sel, "T")
    assert "\x1b" not in data and "\u202e" not in data
    values = [c.get("value") for c in json.loads(data)["corrections"]]
    assert cleaned in values  # JSON's own escapes: read back exactly

    folder = tmp_path / "notes"
    write_notes_dir(sel, folder, author="bob")
    written = (folder / "corrections-bob.md").read_text(encoding="utf-8")
    assert "\x1b" not in written and "\u202e" not in written
    carol = fresh_store(tmp_path, "carol")
    import_annotations(carol, folder)
    assert only_meeting(carol).areas[1].name == cleaned
    assert only_meeting(carol).areas[0].name == '=HYPERLINK("http://evil.example","x")'


# -- bad files -------------------------------------------------------------------------
def _json_with(tmp_path: Path, store: Store, change: dict[str, Any], drop: str = "") -> Path:
    export = json.loads(json_export(select(store, Filters()), "T"))
    export["corrections"][0].update(change)
    if drop:
        del export["corrections"][0][drop]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "drop", "words"),
    [
        ({"kind": "rname"}, "", "corrections[0].kind: one of rename"),
        ({"value": ""}, "", "corrections[0].value: empty text"),
        ({"value": 3}, "", "corrections[0].value: text expected, found a number"),
        ({"at": "2999-01-01T00:00:00Z"}, "", "corrections[0].at: '2999-01-01T00:00:00Z' is before"),
        ({"withdrawn": True}, "", "corrections[0].withdrawn_at: a time"),
        ({"target": "two words"}, "", "corrections[0].target: 'two words' is not an ID"),
        ({}, "meeting", "corrections[0].meeting: text expected, found missing"),
        ({"value": "x" * 301}, "", "corrections[0].value: the name is longer than 300"),
        ({"value": "\u200b"}, "", "corrections[0].value: the name has no visible characters"),
    ],
)
def test_a_bad_correction_refuses_the_import_naming_it(
    tmp_path: Path, change: dict[str, Any], drop: str, words: str
) -> None:
    anne = fresh_store(tmp_path, "anne")
    anne.rename_area(ids(anne)["finance"], "Money")
    anne.add_note(ids(anne)["f"][0], "a note that must not come in alone")
    path = _json_with(tmp_path, anne, change, drop)
    bob = fresh_store(tmp_path, "bob")
    done = run_cli("--db", bob.path, "import-annotations", path)
    line = one_error(done, "bad.json: ", words, "nothing was imported")
    assert line
    bob.refresh()
    assert bob.correction_history() == [] and bob.annotations() == {}


def test_a_bad_line_of_a_corrections_file_is_named(tmp_path: Path) -> None:
    anne = fresh_store(tmp_path, "anne")
    anne.rename_area(ids(anne)["finance"], "Money")
    anne.move_commitment(ids(anne)["f"][0], ids(anne)["aviation"])
    folder = export_to(anne, tmp_path, "notes-dir")
    path = folder / "corrections-anne.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    # one correction a line from line 5 (the two may be in either order: same millisecond)
    [n] = [n for n, line in enumerate(lines) if line.startswith("  - {") and '"move"' in line]
    assert n in (4, 5)
    lines[n] = lines[n].replace('"kind": "move"', '"kind": "moved"')
    path.write_text("\n".join(lines), encoding="utf-8")
    bob = fresh_store(tmp_path, "bob")
    done = run_cli("--db", bob.path, "import-annotations", folder)
    where = f"corrections-anne.md: line {n + 1}: corrections[{n - 4}].kind"
    one_error(done, where, "one of rename", "found 'moved'", "nothing was imported")
    bob.refresh()
    assert bob.correction_history() == []


def test_import_annotations_command_counts_corrections(tmp_path: Path) -> None:
    anne = fresh_store(tmp_path, "anne")
    correct_everything(anne)
    path = export_to(anne, tmp_path, "json")
    bob = fresh_store(tmp_path, "bob")
    done = run_cli("--db", bob.path, "import-annotations", path)
    assert done.returncode == 0, done.stderr
    assert "corrections: 10 added, 0 already here" in done.stdout.splitlines()
    bob.refresh()
    assert bob.meetings() == anne.meetings()


def test_summary_without_corrections_is_as_before() -> None:
    lines = MergeSummary(targets=1).lines("x")
    assert not any(line.startswith("corrections") for line in lines)


def test_a_note_on_a_commitment_merged_away_is_exported_as_an_orphan(tmp_path: Path) -> None:
    """A colleague's note on a commitment merged into another here (they had not merged it)
    has no place in the corrected meeting: every export keeps it, as an orphan."""
    anne, carol = fresh_store(tmp_path, "anne"), fresh_store(tmp_path, "carol")
    found = ids(anne)
    anne.merge_commitments(found["a"][0], found["a"][1])
    carol.add_note(found["a"][1], "Carol's note on the second")
    import_annotations(anne, export_to(carol, tmp_path, "json", "carol"))
    data = json.loads(json_export(select(anne, Filters()), "T"))
    [record] = [r for r in data["annotations"] if r["id"] == found["a"][1]]
    assert record["orphan"] is True
    assert [n["text"] for n in record["notes"]] == ["Carol's note on the second"]
    report = markdown_report(select(anne, Filters()), "T")
    assert f"### Orphan {found['a'][1]}" in report


def test_a_correction_of_a_meeting_not_here_is_kept_until_it_is(tmp_path: Path) -> None:
    anne, bob = fresh_store(tmp_path, "anne"), fresh_store(tmp_path, "bob")
    other = write_release(tmp_path, "other.txt", title="Hong Kong and Testland meet again",
                          date="2025-06-01")  # fmt: skip
    anne.import_paths([other])
    later = next(m for m in anne.meetings() if m.date == "2025-06-01")
    anne.rename_area(later.areas[0].id, "Money")
    summary = import_annotations(bob, export_to(anne, tmp_path, "json"))
    assert (
        "corrections: 1 of them correct(s) what is not in this store's meetings; kept, and "
        "applied once it is here" in summary.lines("x")
    )
    assert [c.value for c, _why in bob.correction_orphans()] == ["Money"]
    bob.import_paths([other])
    assert bob.meeting(later.id).areas[0].name == "Money"
    assert bob.correction_orphans() == []


@needs_git
def test_a_notes_folder_in_git_merges_corrections_cleanly(tmp_path: Path) -> None:
    """Anne's and Bob's corrections files are theirs alone: their branches merge without a
    conflict, and an import of the merged folder takes the latest decision on each."""
    anne, bob = fresh_store(tmp_path, "anne"), fresh_store(tmp_path, "bob")
    found = ids(anne)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    folder = repo / "team-notes"
    anne.rename_area(found["finance"], "Money")
    write_notes_dir(select(anne, Filters()), folder, author="Anne")
    commit_all(repo, "Anne's rename")
    import_annotations(bob, folder)

    git(repo, "checkout", "-q", "-b", "bob")
    bob.move_commitment(found["f"][0], found["aviation"])
    write_notes_dir(select(bob, Filters()), folder, force=True, author="Bob")
    commit_all(repo, "Bob's move; his copy of Anne's rename, in force")

    git(repo, "checkout", "-q", "main")
    anne.undo()  # Anne withdraws her rename after Bob's copy was made
    write_notes_dir(select(anne, Filters()), folder, force=True, author="Anne")
    commit_all(repo, "Anne withdraws her rename")
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert sorted(p.name for p in folder.glob("corrections-*.md")) == [
        "corrections-anne.md", "corrections-bob.md"]  # fmt: skip

    carol = fresh_store(tmp_path, "carol")
    import_annotations(carol, folder)
    meeting = only_meeting(carol)
    assert meeting.areas[0].name == "Finance"  # Anne's later withdrawal wins over Bob's copy
    assert found["f"][0] in [c.id for c in meeting.areas[1].commitments]  # Bob's move
    assert [(d["kind"], d["withdrawn"]) for d in carol.correction_history()] == [
        ("rename", True), ("move", False)]  # fmt: skip
    import_annotations(bob, folder)
    assert only_meeting(bob) == meeting


def test_an_export_without_corrections_keeps_the_format_older_versions_read(
    tmp_path: Path,
) -> None:
    anne = fresh_store(tmp_path, "anne")
    anne.add_note(ids(anne)["f"][0], "a note")
    data = json.loads(json_export(select(anne, Filters()), "T"))
    assert (data["format"], data["corrections"]) == (1, [])


def test_a_formula_the_parser_read_is_guarded_in_the_original_text_column(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    store = Store.open(folder / "db" / "store.json", seed_samples=False, lock_timeout=5)
    formula = "@SUM(1+1) Encourage Testland enterprises to list in Hong Kong and to issue bonds."
    store.import_paths([write_release(folder, areas={"Finance": [formula], "Aviation": AVIATION})])
    first = only_meeting(store).areas[0].commitments[0]
    assert first.text == formula
    store.split_commitment(first.id, "and to issue")
    [row, *_rest] = csv.DictReader(io.StringIO(csv_export(select(store, Filters()))))
    assert row["original_text"] == "'" + formula
    assert row["commitment"] == "'@SUM(1+1) Encourage Testland enterprises to list in Hong Kong"


def test_one_corrections_file_can_be_imported_alone(tmp_path: Path) -> None:
    anne = fresh_store(tmp_path, "anne")
    anne.rename_area(ids(anne)["finance"], "Money")
    folder = export_to(anne, tmp_path, "notes-dir")
    bob = fresh_store(tmp_path, "bob")
    done = run_cli("--db", bob.path, "import-annotations", folder / "corrections-anne.md")
    assert done.returncode == 0, done.stderr
    assert "corrections: 1 added, 0 already here" in done.stdout.splitlines()
    bob.refresh()
    assert only_meeting(bob).areas[0].name == "Money"


def test_the_export_command_says_how_many_corrections_it_carried(tmp_path: Path) -> None:
    anne = fresh_store(tmp_path, "anne")
    anne.rename_area(ids(anne)["finance"], "Money")
    anne.exclude_commitment(ids(anne)["a"][2])
    done = run_cli("--db", anne.path, "export", "-o", tmp_path / "out.json")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == (
        f"{tmp_path / 'out.json'}: wrote json for 5 commitment(s) and 2 correction(s) of the parse"
    )
    done = run_cli("--db", anne.path, "export", "-f", "notes-dir", "--author", "anne",
                   "-o", tmp_path / "team")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "wrote 0 notes file(s) and 2 correction(s) of the parse for anne" in done.stderr
    assert (tmp_path / "team" / "corrections-anne.md").is_file()


def test_undoing_an_import_takes_it_out_here_without_retracting_it_there(
    tmp_path: Path,
) -> None:
    """Bob imports Anne's export, undoes the import, and sends his export back: Anne keeps
    her note, her status and her rename (an undone import is Bob's choice, not a
    deletion of Anne's work); Bob's store has none of them."""
    anne, bob = fresh_store(tmp_path, "anne"), fresh_store(tmp_path, "bob")
    found = ids(anne)
    first = found["f"][0]
    anne.add_note(first, "Anne's key finding")
    anne.set_status(first, "implemented")
    anne.rename_area(found["finance"], "Finance and banking")
    import_annotations(bob, export_to(anne, tmp_path, "json", "anne"))
    bob.undo()
    assert bob.annotation(first).notes == [] and bob.annotation(first).history == []
    assert only_meeting(bob).areas[0].name == "Finance"
    import_annotations(anne, export_to(bob, tmp_path, "json", "bob"))
    ann = anne.annotation(first)
    assert [n.text for n in ann.notes] == ["Anne's key finding"]
    assert ann.status.value == "implemented"
    assert only_meeting(anne).areas[0].name == "Finance and banking"
    bob.redo()  # and Bob can take it in again
    assert [n.text for n in bob.annotation(first).notes] == ["Anne's key finding"]


def test_an_imported_split_cannot_take_another_commitment_s_id(tmp_path: Path) -> None:
    """A file's split naming an existing commitment's ID as its second part: it does not
    apply (an orphan saying why); the ID stays the other commitment's alone."""
    anne = fresh_store(tmp_path, "anne")
    found = ids(anne)
    anne.split_commitment(found["f"][0], "and to issue green bonds")
    export = json.loads(json_export(select(anne, Filters()), "T"))
    [split] = export["corrections"]
    split["new_id"] = found["a"][0]  # an Aviation commitment's ID
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    bob = fresh_store(tmp_path, "bob")
    import_annotations(bob, path)
    listed = [c.id for c in only_meeting(bob).commitments]
    assert listed.count(found["a"][0]) == 1
    assert [why for _c, why in bob.correction_orphans()] == [
        "the ID of its second part is another commitment's"
    ]
