"""``coop-tui fix …`` through subprocesses, as a script uses it: each correction prints
the IDs it touched and is seen by ``list``/``show``; every refusal is one line, exit 2,
and leaves the store's files byte for byte as they were."""

from __future__ import annotations

import json
from itertools import takewhile
from pathlib import Path

import pytest
from cli_fix_support import OTHER, cli, files, first_meeting, ids, listed, make_store, ok
from store_support import AREAS, one_error


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_store(tmp_path)


def _area(meeting: dict, area_id: str) -> dict:
    return next(a for a in meeting["areas"] if a["id"] == area_id)


def test_rename_by_prefix_prints_the_area_and_list_keeps_the_parser_name(db: Path) -> None:
    i = ids(db)
    assert ok(cli(db, "fix", "rename", i["Finance"][:5].upper(), "Finance & banking")) == (
        i["Finance"] + "\n"
    )
    area = _area(first_meeting(db), i["Finance"])
    assert (area["name"], area["original_name"], area["corrected"]) == (
        "Finance & banking",
        "Finance",
        True,
    )
    assert [c["id"] for c in area["commitments"]] == [i["F0"], i["F1"]]  # the same IDs
    out = ok(cli(db, "show", i["Finance"]))
    assert "renamed from 'Finance'" in out
    assert "renamed area" in out and "by anne" in out and "(in force)" in out
    out = ok(cli(db, "list"))
    assert "Finance & banking" in out and "(renamed from Finance)" in out


def test_the_same_name_again_changes_nothing_and_says_so(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "fix", "rename", i["Finance"], "Money"))
    before = files(db)
    done = cli(db, "fix", "rename", i["Finance"], "  Money ")
    assert ok(done) == ""  # no ID touched
    assert "already named 'Money'; nothing changed" in done.stderr
    assert files(db) == before
    done = cli(db, "fix", "rename", i["Finance"], "Money", "--json")
    assert json.loads(ok(done)) == {"ids": []}


def test_meeting_title_date_and_place(db: Path) -> None:
    i = ids(db)
    done = cli(db, "fix", "meeting", i["meeting"][:6], "--date", "2024-05-02", "--place", "Kowloon")
    assert ok(done) == i["meeting"] + "\n"
    meeting = first_meeting(db)
    assert (meeting["date"], meeting["place"]) == ("2024-05-02", "Kowloon")
    assert meeting["corrected"] is True
    assert meeting["original"] == {"date": "2024-05-01", "place": "Hong Kong"}
    out = ok(cli(db, "fix", "meeting", i["meeting"], "--title", "First conference", "--json"))
    assert json.loads(out) == {"ids": [i["meeting"]]}
    assert first_meeting(db)["title"] == "First conference"
    show = ok(cli(db, "show", i["meeting"]))
    assert "date corrected; the parser's: 2024-05-01" in show
    assert "set the title of meeting" in show
    assert "2024-05-02 · Hong Kong & Testland  (date, place, title corrected)" in ok(
        cli(db, "list")
    )


def test_move_to_another_area_and_to_a_new_one(db: Path) -> None:
    i = ids(db)
    assert ok(cli(db, "fix", "move", i["F1"][:6], i["Aviation"][:6])) == (
        f"{i['F1']}\n{i['Aviation']}\n"
    )
    meeting = first_meeting(db)
    aviation = _area(meeting, i["Aviation"])
    moved = next(c for c in aviation["commitments"] if c["id"] == i["F1"])
    assert moved["moved_from"] == i["Finance"] and moved["corrected"] is True
    assert [c["id"] for c in _area(meeting, i["Finance"])["commitments"]] == [i["F0"]]
    out = json.loads(ok(cli(db, "fix", "move", i["A0"], "--new-area", "Airports", "--json")))
    assert out["ids"][0] == i["A0"] and len(out["ids"]) == 2
    new_area = _area(first_meeting(db), out["ids"][1])
    assert new_area["name"] == "Airports" and new_area["added"] is True
    assert [c["id"] for c in new_area["commitments"]] == [i["A0"]]
    # a move to where it is already changes nothing
    before = files(db)
    done = cli(db, "fix", "move", i["A0"], out["ids"][1])
    assert ok(done) == "" and "nothing changed" in done.stderr
    assert files(db) == before


def test_split_keeps_the_first_id_and_show_says_where_the_second_came_from(db: Path) -> None:
    i = ids(db)
    status = ok(cli(db, "status", i["A1"], "partial"))
    assert "partial" in status
    out = ok(cli(db, "fix", "split", i["A1"], "--at", "the   main cities"))
    first, second = out.split()
    assert first == i["A1"] and second != first
    aviation = _area(first_meeting(db), i["Aviation"])
    texts = {c["id"]: c for c in aviation["commitments"]}
    assert texts[first]["text"] == (
        "Increase the frequency of direct flights between Hong Kong and"
    )
    assert texts[first]["original_text"] == AREAS["Aviation"][1]
    assert texts[first]["status"] == "partial"  # the annotations stay with the first part
    assert texts[second]["text"] == "the main cities of Testland."
    assert texts[second]["origin"] == "split" and texts[second]["status"] == "not-rated"
    show = ok(cli(db, "show", second))
    assert f"split from {first}" in show
    data = json.loads(ok(cli(db, "show", second, "--json")))
    assert data["corrected"] is True and data["split_from"] == first
    assert [c["kind"] for c in data["corrections"]] == ["split"]
    assert data["corrections"][0]["by"] == "anne"


def test_merge_keeps_the_first_id_and_both_annotations(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "tag", i["F0"], "bonds"))
    ok(cli(db, "note", i["F1"], "treasury note"))
    out = ok(cli(db, "fix", "merge", i["F0"][:7], i["F1"][:7], "--json"))
    assert json.loads(out) == {"ids": [i["F0"], i["F1"]]}
    [merged] = _area(first_meeting(db), i["Finance"])["commitments"]
    assert merged["id"] == i["F0"] and merged["merged"] == [i["F1"]]
    assert merged["text"] == f"{AREAS['Finance'][0]} {AREAS['Finance'][1]}"
    assert merged["original_text"] == AREAS["Finance"][0]
    assert merged["tags"] == ["bonds"]
    assert [n["text"] for n in merged["notes"]] == ["treasury note"]
    show = ok(cli(db, "show", i["F0"]))
    assert f"merged from {i['F1']}" in show and "merged commitment" in show


def test_exclude_lists_it_apart_uncounted_and_restore_brings_it_back(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "status", i["A0"], "implemented"))
    assert ok(cli(db, "fix", "exclude", i["A0"])) == i["A0"] + "\n"
    aviation = _area(first_meeting(db), i["Aviation"])
    assert [c["id"] for c in aviation["commitments"]] == [i["A1"]]  # not counted
    [excluded] = aviation["excluded"]
    assert excluded["id"] == i["A0"] and excluded["excluded"] is True
    assert excluded["corrected"] is True and excluded["status"] == "implemented"
    show = ok(cli(db, "show", i["A0"]))
    assert "excluded — not a commitment" in show
    data = json.loads(ok(cli(db, "show", i["A0"], "--json")))
    assert data["excluded"] is True and data["corrected"] is True
    assert "(excluded: not a commitment)" in ok(cli(db, "list"))
    # excluding it again changes nothing; restoring brings it back where it was
    before = files(db)
    done = cli(db, "fix", "exclude", i["A0"])
    assert ok(done) == "" and "excluded already; nothing changed" in done.stderr
    assert files(db) == before
    assert ok(cli(db, "fix", "exclude", i["A0"], "--restore")) == i["A0"] + "\n"
    aviation = _area(first_meeting(db), i["Aviation"])
    assert [c["id"] for c in aviation["commitments"]] == [i["A0"], i["A1"]]
    assert "excluded" not in aviation


def test_add_from_the_source_on_stdin(db: Path) -> None:
    i = ids(db)
    text = "The Chief Executive met the Governor\nof Testland in Hong Kong today"
    out = ok(cli(db, "fix", "add", i["Aviation"], "-", input=text + "\n"))
    [new_id] = out.split()
    added = next(
        c for c in _area(first_meeting(db), i["Aviation"])["commitments"] if c["id"] == new_id
    )
    assert added["text"] == " ".join(text.split()) and added["origin"] == "added"
    assert "added from the source" in ok(cli(db, "show", new_id[:8]))


def _ambiguous_prefix(db: Path) -> str:
    every = [m["id"] for m in listed(db)]
    every += [a["id"] for m in listed(db) for a in m["areas"]]
    every += [c["id"] for m in listed(db) for a in m["areas"] for c in a["commitments"]]
    return next(p[0] for p in every if sum(x.startswith(p[0]) for x in every) > 1)


REFUSED = {
    # name: (arguments with {placeholders} from ids(), words the one line holds)
    "unknown ID": (["rename", "ffffffffffff", "X"], ["no meeting, area or commitment ID"]),
    "empty ID": (["rename", " ", "X"], ["give a meeting, area or commitment ID"]),
    "a commitment for an area": (["rename", "{F0}", "X"], ["not an area"]),
    "an empty name": (["rename", "{Finance}", "  "], ["empty"]),
    "an area for a commitment": (["split", "{Finance}", "--at", "x"], ["not a commitment"]),
    "split point not in it": (["split", "{F0}", "--at", "no such words"], ["does not occur"]),
    "split at its start": (["split", "{F0}", "--at", "Encourage"], ["is its start"]),
    "split point twice": (["split", "{F0}", "--at", "Hong Kong"], ["more than once"]),
    "text not in the source": (
        ["add", "{Finance}", "Hong Kong will build a bridge to the moon."],
        ["not in the source"],
    ),
    "move across meetings": (["move", "{F0}", "{Trade}"], ["another meeting"]),
    "move to nowhere": (["move", "{F0}"], ["give the area to move to"]),
    "move to two places": (["move", "{F0}", "{Aviation}", "--new-area", "X"], ["not both"]),
    "merge across areas": (["merge", "{F0}", "{A0}"], ["another area"]),
    "merge with itself": (["merge", "{F0}", "{F0}"], ["two different"]),
    "meeting: nothing given": (["meeting", "{meeting}"], ["give what to correct"]),
    "meeting: not a date": (["meeting", "{meeting}", "--date", "2024-02-30"], ["not a date"]),
    "meeting: an area's ID": (["meeting", "{Finance}", "--place", "X"], ["not a meeting"]),
    "no correction named": ([], ["required"]),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_correction_is_one_line_exit_2_and_changes_nothing(db: Path, case: str) -> None:
    i = ids(db)
    args, words = REFUSED[case]
    before = files(db)
    done = cli(db, "fix", *(a.format(**i) for a in args))
    one_error(done, *words)
    assert done.stdout == ""
    assert files(db) == before


def test_an_ambiguous_prefix_and_an_excluded_commitment_are_refused(db: Path) -> None:
    i = ids(db)
    before = files(db)
    one_error(cli(db, "fix", "exclude", _ambiguous_prefix(db)), "ambiguous", "give more")
    assert files(db) == before
    ok(cli(db, "fix", "exclude", i["F0"]))
    before = files(db)
    one_error(cli(db, "fix", "split", i["F0"], "--at", "green bonds"), "excluded", "restore")
    assert files(db) == before


def test_the_second_meeting_is_untouched_by_the_first_ones_corrections(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "fix", "rename", i["Finance"], "Money"))
    other = next(m for m in listed(db) if m["id"] == i["other"])
    assert "corrected" not in other
    assert [a["name"] for a in other["areas"]] == list(OTHER)
    assert all("corrected" not in a for a in other["areas"])


def test_a_merged_away_id_names_the_commitment_it_went_into(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "fix", "merge", i["F0"], i["F1"]))
    before = files(db)
    line = one_error(cli(db, "status", i["F1"][:8].upper(), "partial"), "was merged into")
    assert i["F1"] in line and i["F0"] in line
    assert files(db) == before
    # and it no longer makes a prefix ambiguous: the start they share names the merged one
    shared = "".join(
        a for a, _b in takewhile(lambda p: p[0] == p[1], zip(i["F0"], i["F1"], strict=True))
    )
    assert shared  # (the two synthetic commitments' IDs start alike: bd…)
    assert ok(cli(db, "show", shared)).startswith(f"commitment {i['F0']}")
    # undoing the merge brings it back under its own ID
    ok(cli(db, "undo"))
    assert ok(cli(db, "show", i["F1"])).startswith(f"commitment {i['F1']}")


def test_names_with_control_characters_are_shown_as_codes(db: Path) -> None:
    i = ids(db)
    ok(cli(db, "fix", "rename", i["Finance"], "Money\x1b[31m red \u202e"))
    for out in (ok(cli(db, "show", i["Finance"])), ok(cli(db, "log")), ok(cli(db, "list"))):
        assert "\x1b" not in out and "\u202e" not in out
        assert "Money" in out
