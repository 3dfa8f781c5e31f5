"""``coop-tui stats`` and ``coop-tui agreement``: the contract scripts use (the JSON keys
of issue 16), the figures against a small example worked by hand, the CSV, the table a
person reads (piped: no colour codes, 80 columns), the filters, bad input in one line
(exit 2), and a read-only store.

The example: two meetings of Hong Kong and Testland.

=========== ========================== ===================================================
meeting     area (commitments)         statuses (who, when)
=========== ========================== ===================================================
2024-05-01  Finance (F0, F1)           F0 stalled (alice 2025-01-10), implemented (alice
                                       2025-03-05); F1 partial (alice 2025-03-05),
                                       stalled (bob 2025-06-01)
            Aviation (A0, A1)          A0 not-implemented (alice 2025-03-06); A1 none
2025-05-01  Financial services (G0,    G0, G1 implemented (bob 2025-06-01)
            G1: Finance renamed)
            Aviation (B0, B1)          none
            Housing (H0)               none
=========== ========================== ===================================================
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from store_support import AREAS, ROOT, one_error, release_text, run_cli, run_on_terminal
from test_store_read_only import READER, _snapshot, read_only_store  # noqa: F401

from store import Store
from tui.cli import main
from tui.commands.stats_text import CSV_COLUMNS

HOUSING = ["Provide more public housing for Testland residents who work in Hong Kong now."]
TITLE = "Hong Kong and Testland hold {} co-operation conference"
MEETING_KEYS = {"id", "date", "commitments", "rated", "by_status", "compliance",
                "compliance_pct", "areas"}  # fmt: skip
AREA_KEYS = {"id", "name", "commitments", "rated", "by_status", "compliance", "compliance_pct"}
STATUSES = ["not-rated", "in-progress", "stalled", "partial", "implemented", "not-implemented"]
CELL_KEYS = {"area_id", "commitments", "rated", "compliance"}


def _set(store: Store, target: str, status: str, by: str, at: str, mp: pytest.MonkeyPatch) -> None:
    mp.setattr("store.edits.now_iso", lambda: at)
    mp.setattr("store.edits.current_author", lambda: by)
    store.set_status(target, status)


@pytest.fixture
def rated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    """The store of the module docstring, and its IDs by name (F0 … H0, m24, m25, and
    the areas Finance, Aviation24, Financial services, Aviation25, Housing)."""
    first = tmp_path / "first.txt"
    first.write_text(release_text(title=TITLE.format("first"), date="2024-05-01"), "utf-8")
    second = tmp_path / "second.txt"
    areas = {"Financial services": AREAS["Finance"], "Aviation": AREAS["Aviation"],
             "Housing": HOUSING}  # fmt: skip
    second.write_text(
        release_text(areas=areas, title=TITLE.format("second"), date="2025-05-01"), "utf-8"
    )
    store = Store.open(tmp_path / "db" / "store.json", seed_samples=False, create=True)
    assert [r.outcome for r in store.import_paths([first, second])] == ["added", "added"]
    m24, m25 = store.meetings()
    i: dict[str, str] = {"m24": m24.id, "m25": m25.id}
    for meeting, letters, tail in ((m24, "FA", "24"), (m25, "GBH", "25")):
        for area, letter in zip(meeting.areas, letters, strict=True):
            i[area.name if area.name != "Aviation" else f"Aviation{tail}"] = area.id
            for n, c in enumerate(area.commitments):
                i[f"{letter}{n}"] = c.id
    with monkeypatch.context() as mp:
        _set(store, i["F0"], "stalled", "alice", "2025-01-10T09:00:00.000Z", mp)
        _set(store, i["F0"], "implemented", "alice", "2025-03-05T10:00:00.000Z", mp)
        _set(store, i["F1"], "partial", "alice", "2025-03-05T10:00:01.000Z", mp)
        _set(store, i["A0"], "not-implemented", "alice", "2025-03-06T10:00:00.000Z", mp)
        _set(store, i["F1"], "stalled", "bob", "2025-06-01T10:00:00.000Z", mp)
        _set(store, i["G0"], "implemented", "bob", "2025-06-01T10:00:01.000Z", mp)
        _set(store, i["G1"], "implemented", "bob", "2025-06-01T10:00:02.000Z", mp)
    return store.path, i


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--db", str(db), *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def _json(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> Any:
    status, out, err = _run(capsys, db, *args, "--json")
    assert status == 0, err
    return json.loads(out)


def _area(doc: dict[str, Any], area_id: str) -> dict[str, Any]:
    return next(a for m in doc["meetings"] for a in m["areas"] if a["id"] == area_id)


def test_stats_json_keeps_the_issues_contract(
    rated: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, i = rated
    doc = _json(capsys, db, "stats")
    assert {"meetings", "series"} <= set(doc)
    for meeting in doc["meetings"]:
        assert set(meeting) >= MEETING_KEYS
        assert list(meeting["by_status"]) == STATUSES
        for area in meeting["areas"]:
            assert set(area) >= AREA_KEYS and list(area["by_status"]) == STATUSES
    [series] = doc["series"]
    assert {"parties", "rows"} <= set(series) and series["parties"] == ["Hong Kong", "Testland"]
    for row in series["rows"]:
        assert "name" in row
        for meeting_id, cell in row["cells"].items():
            assert meeting_id in (i["m24"], i["m25"]) and set(cell) >= CELL_KEYS


def test_stats_figures_by_hand(
    rated: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, i = rated
    doc = _json(capsys, db, "stats")
    m24, m25 = doc["meetings"]
    assert (m24["id"], m24["date"], m25["date"]) == (i["m24"], "2024-05-01", "2025-05-01")
    # 2024: F0 +1, F1 −1 (bob's stalled is the latest), A0 −1, A1 not rated: −1/3
    assert (m24["commitments"], m24["rated"]) == (4, 3)
    assert m24["compliance"] == round(-1 / 3, 4)
    assert m24["compliance_pct"] == round((-1 / 3 + 1) / 2 * 100, 4)  # 33.3333
    assert m24["by_status"] == {"not-rated": 1, "in-progress": 0, "stalled": 1, "partial": 0,
                                "implemented": 1, "not-implemented": 1}  # fmt: skip
    finance = _area(doc, i["Finance"])
    assert (finance["rated"], finance["compliance"], finance["compliance_pct"]) == (2, 0.0, 50.0)
    aviation = _area(doc, i["Aviation24"])
    assert (aviation["compliance"], aviation["compliance_pct"]) == (-1.0, 0.0)
    # 2025: G0 and G1 +1, the rest not rated
    assert (m25["commitments"], m25["rated"], m25["compliance"]) == (5, 2, 1.0)
    assert m25["compliance_pct"] == 100.0
    housing = _area(doc, i["Housing"])
    assert housing["rated"] == 0 and housing["compliance"] is None
    assert housing["compliance_pct"] is None
    # the series: "Finance" renamed "Financial services" is one row
    rows = {r["name"]: r for r in doc["series"][0]["rows"]}
    assert list(rows) == ["Financial services", "Aviation", "Housing"]
    row = rows["Financial services"]
    assert row["cells"][i["m24"]]["area_id"] == i["Finance"]
    assert row["cells"][i["m25"]]["area_id"] == i["Financial services"]
    assert row["cells"][i["m24"]]["compliance"] == 0.0
    assert row["cells"][i["m25"]]["compliance"] == 1.0
    # the row's total: +1 −1 +1 +1 over 4 rated of 4 = +0.50, 75 %
    assert (row["rated"], row["commitments"], row["compliance"]) == (4, 4, 0.5)
    assert row["compliance_pct"] == 75.0
    assert set(rows["Housing"]["cells"]) == {i["m25"]}
    # the store's alignments are kept beside it for the next run
    assert db.with_name("store.aligned.json").is_file()


def test_filters_as_of_author_tag_meeting_and_disagree(
    rated: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, i = rated
    # as of 2025-03-31: only the 2024 meeting was held; F0 +1, F1 0 (alice's), A0 −1
    doc = _json(capsys, db, "stats", "--as-of", "2025-03-31")
    assert [m["date"] for m in doc["meetings"]] == ["2024-05-01"]
    assert doc["filters"]["as_of"] == "2025-03-31"
    assert _area(doc, i["Finance"])["compliance"] == 0.5
    assert doc["meetings"][0]["compliance"] == 0.0 and doc["meetings"][0]["rated"] == 3
    # as of 2025-02-01: F0 was stalled and nothing else rated yet
    early = _json(capsys, db, "stats", "--as-of", "2025-02-01")
    assert early["meetings"][0]["rated"] == 1 and early["meetings"][0]["compliance"] == -1.0
    assert [m["month"] for m in early["trend"]] == ["2025-01"]
    # alice's ratings only: F1 partial, and nothing of 2025 rated
    mine = _json(capsys, db, "stats", "--author", "alice")
    assert _area(mine, i["Finance"])["compliance"] == 0.5
    assert mine["meetings"][1]["rated"] == 0 and mine["meetings"][1]["compliance"] is None
    # one meeting, named by its date or by the start of its ID
    for spec in ("2025-05-01", i["m25"][:6]):
        one = _json(capsys, db, "stats", "--meeting", spec)
        assert [m["id"] for m in one["meetings"]] == [i["m25"]]
    both = _json(capsys, db, "stats", "--meeting", "2024", "--meeting", i["m25"])
    assert len(both["meetings"]) == 2
    # a tag on an area counts that area's commitments
    Store.open(db).add_tags(i["Housing"], ["green"])
    tagged = _json(capsys, db, "stats", "--tag", "Green")
    assert [m["commitments"] for m in tagged["meetings"]] == [0, 1]
    # commitments the raters scored differently: F1 (alice 0, bob −1)
    split = _json(capsys, db, "stats", "--disagree")
    assert [m["commitments"] for m in split["meetings"]] == [1, 0]
    assert _area(split, i["Finance"])["by_status"]["stalled"] == 1


def test_an_author_with_no_ratings(
    rated: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _i = rated
    status, out, err = _run(capsys, db, "stats", "--json", "--author", "carol")
    assert status == 0
    doc = json.loads(out)
    assert all(m["rated"] == 0 and m["compliance"] is None for m in doc["meetings"])
    [line] = err.splitlines()
    assert "'carol'" in line and "alice, bob" in line


def test_csv_one_row_per_meeting_and_area_and_a_total(
    rated: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, i = rated
    Store.open(db).rename_area(i["Housing"], "=HOUSING()")  # a name a spreadsheet would run
    status, out, err = _run(capsys, db, "stats", "--format", "csv")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "meeting_id,date,area_id,area,row,commitments,rated,not-rated,in-progress,stalled,"
        "partial,implemented,not-implemented,compliance,compliance_pct"
    )
    assert tuple(lines[0].split(",")) == CSV_COLUMNS
    assert (
        f"{i['m24']},2024-05-01,{i['Finance']},Finance,Financial services,2,2,0,0,1,0,1,0,0.0,50.0"
        in lines
    )
    assert f"{i['m24']},2024-05-01,,,,4,3,1,0,1,0,1,1,-0.3333,33.3333" in lines
    assert (
        f"{i['m25']},2025-05-01,{i['Housing']},'=HOUSING(),'=HOUSING(),1,0,1,0,0,0,0,0,," in lines
    )
    assert len(lines) == 1 + (2 + 1) + (3 + 1)


def test_text_table_piped_at_80_columns(
    rated: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, _i = rated
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _err = _run(capsys, db, "stats")
    assert status == 0
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "2024-05-01" in out and "Compliance per meeting" in out
    assert "Hong Kong & Testland: compliance by area" in out
    assert "(was Finance)" in out
    # the row's total and the meetings' cells, as every view draws them, with the symbol
    assert "+0.50 · 4/4 ▲" in out  # Financial services, both meetings
    assert "-0.33 · 3/4 ▼" in out  # the 2024 meeting's total (−0.6 ≤ x < −0.2)
    assert "not rated · 0/1 ·" in out  # Housing
    assert "33 %" in out and "2025-06" in out  # the percentage; the trend's last month


def test_agreement_json_and_text(
    rated: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, i = rated
    doc = _json(capsys, db, "agreement")
    assert {"raters", "overall", "pairs", "disagreements"} <= set(doc)
    assert doc["raters"] == ["alice", "bob"]
    assert set(doc["overall"]) >= {"units", "krippendorff_alpha"} and doc["overall"]["units"] == 1
    [pair] = doc["pairs"]
    assert {"raters", "both_rated", "percent_agreement", "cohen_kappa",
            "krippendorff_alpha"} <= set(pair)  # fmt: skip
    # one unit, F1: alice 0, bob −1. p_o = 0, p_e = 0 (alice only 0, bob only −1): kappa 0;
    # alpha: D_o = D_e = δ²(0, −1), so 0
    assert (pair["both_rated"], pair["percent_agreement"], pair["cohen_kappa"]) == (1, 0.0, 0.0)
    assert pair["krippendorff_alpha"] == 0.0
    [d] = doc["disagreements"]
    assert d["id"] == i["F1"] and d["ratings"] == {"alice": "partial", "bob": "stalled"}
    status, out, _err = _run(capsys, db, "agreement")
    assert status == 0 and "\x1b" not in out
    assert "Raters: alice, bob" in out and "alice & bob" in out
    assert i["F1"][:10] in out and "alice: partial" in out and "bob: stalled" in out
    # before bob rated: one rater, said in one line; the JSON is still whole
    status, out, _err = _run(capsys, db, "agreement", "--as-of", "2025-05-31")
    assert status == 0 and len(out.strip().splitlines()) == 1
    assert "Fewer than two raters" in out and "alice" in out
    alone = _json(capsys, db, "agreement", "--as-of", "2025-05-31")
    assert alone["raters"] == ["alice"] and alone["pairs"] == []
    assert alone["overall"] == {"units": 0, "krippendorff_alpha": None}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("stats", "--as-of", "2025-13-01"), ["--as-of", "YYYY-MM-DD"]),
        (("stats", "--as-of", "yesterday"), ["--as-of", "yesterday"]),
        (("agreement", "--as-of", "2025-02-30"), ["--as-of"]),
        (("stats", "--meeting", "1999"), ["1999"]),
        (("agreement", "--meeting", "no such"), ["no such"]),
        (("stats", "--json", "--format", "csv"), ["--json"]),
        (("stats", "--format", "xml"), ["xml"]),
        (("stats", "--tag", " "), ["--tag"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    rated: tuple[Path, dict[str, str]], args: tuple[str, ...], words: list[str]
) -> None:
    db, _i = rated
    done = run_cli("--db", db, *args)
    one_error(done, *words)
    assert done.stdout == ""


def test_a_read_only_store_is_counted_and_not_written(
    read_only_store: tuple[Path, str],  # noqa: F811
) -> None:
    db, _target = read_only_store
    before = _snapshot(db.parent)
    runs: dict[str, str] = {}
    for args in ("stats --json", "stats", "agreement --json", "stats --format csv"):
        done = subprocess.run(
            [*READER, "--db", str(db), *args.split()],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
        )
        assert done.returncode == 0, (args, done.stderr)
        runs[args] = done.stdout
    doc = json.loads(runs["stats --json"])
    assert sum(m["commitments"] for m in doc["meetings"]) > 0
    assert doc["series"][0]["rows"]  # aligned, in memory only
    assert "Compliance per meeting" in runs["stats"]
    assert runs["stats --format csv"].startswith("meeting_id,date,area_id,")
    assert _snapshot(db.parent) == before  # no store.aligned.json written


def test_names_are_shown_literally(
    rated: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An area's name is user text: markup is not read, a bidi override is its code."""
    db, i = rated
    Store.open(db).rename_area(i["Housing"], "[bold red]Homes[/] \u202eevil")
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _err = _run(capsys, db, "stats")
    assert status == 0
    # as every command prints it: the override as its code, never the character
    assert "[bold red]Homes[/]" in out and "\\u202eevil" in out and "\u202e" not in out
    status, out, _err = _run(capsys, db, "agreement")
    assert status == 0 and max(len(line) for line in out.splitlines()) <= 80


def test_on_an_80_column_terminal_the_scale_is_coloured_too(
    rated: tuple[Path, dict[str, str]],
) -> None:
    """On a terminal the cells carry the scale's colours besides their symbols, and the
    tables still fit 80 columns."""
    db, _i = rated
    code, raw, err = run_on_terminal(db, "stats", columns=80, term="xterm-256color")
    assert code == 0, err
    assert "\x1b[" in raw  # coloured
    text = re.sub(r"\x1b\[[0-9;]*m", "", raw).replace("\r", "")
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "+0.50 · 4/4 ▲" in text and "Compliance per meeting" in text


def test_rating_an_excluded_commitment_says_it_is_not_counted(tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    target = Store.open(db).meetings()[0].commitments[0].id
    assert run_cli("--db", db, "fix", "exclude", target).returncode == 0
    done = run_cli("--db", db, "status", target, "stalled")
    assert done.returncode == 0 and f"{target}: stalled" in done.stdout
    assert "excluded from the parse" in done.stderr and "--restore" in done.stderr
    counted = json.loads(run_cli("--db", db, "stats", "--json").stdout)
    assert counted["total"]["rated"] == 0


def test_only_author_after_the_command_filters_stats(
    rated: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``stats --author alice`` counts alice's ratings; before the command ``--author``
    names who is writing, as for every command (a researcher's alias passes it to every
    command), and filters nothing; nor does the environment's author."""
    db, _i = rated
    after = _json(capsys, db, "stats", "--author", "alice")
    assert after["filters"]["author"] == "alice" and after["meetings"][1]["rated"] == 0
    assert main(["--db", str(db), "--author", "alice", "stats", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["filters"]["author"] is None and before["meetings"][1]["rated"] == 2
    assert main(["--db", str(db), "--author", "bob", "stats", "--json", "--author", "alice"]) == 0
    assert json.loads(capsys.readouterr().out) == after
    monkeypatch.setenv("COOP_TUI_AUTHOR", "alice")
    everyone = _json(capsys, db, "stats")
    assert everyone["filters"]["author"] is None and everyone["meetings"][1]["rated"] == 2


def test_agreement_refuses_an_author_after_the_command(
    rated: tuple[Path, dict[str, str]],
) -> None:
    db, _i = rated
    done = run_cli("--db", db, "agreement", "--author", "alice")
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("coop-tui: --author: agreement compares every rater")
    # before the command it names who is writing, as for every command
    writer = run_cli("--db", db, "--author", "alice", "agreement", "--json")
    assert writer.returncode == 0 and json.loads(writer.stdout)["raters"] == ["alice", "bob"]


def test_a_tag_is_looked_for_as_the_store_keeps_tags(
    rated: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Runs of spaces in ``--tag`` are one space, none at the ends, as in a stored tag."""
    db, i = rated
    Store.open(db).add_tags(i["Finance"], ["climate  change"])  # kept as "climate change"
    doc = _json(capsys, db, "stats", "--tag", " Climate \t change ")
    assert [m["commitments"] for m in doc["meetings"]] == [2, 0]
    assert doc["filters"]["tag"] == "Climate change"
    agreed = _json(capsys, db, "agreement", "--tag", "climate  change")
    assert [d["id"] for d in agreed["disagreements"]] == [i["F1"]]


def test_under_a_filter_empty_meetings_and_areas_are_left_out_of_table_and_csv(
    rated: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``--tag green`` (Housing only): no ``0/0`` line for the 2024 meeting, Finance or
    Aviation in the table or the CSV, one line saying how many were left out; the JSON
    keeps them all. A tag nothing carries is one line, exit 0."""
    db, i = rated
    monkeypatch.setenv("COLUMNS", "100")
    Store.open(db).add_tags(i["Housing"], ["green"])
    status, out, err = _run(capsys, db, "stats", "--tag", "green")
    assert status == 0, err
    assert "0/0" not in out and "2024-05-01" not in out
    assert "Financial services" not in out and "Aviation" not in out
    assert "Housing" in out and "not rated · 0/1 ·" in out
    assert (
        "\nNot shown: 1 meeting(s) and 2 area(s) with no commitment matching the filters "
        "(see --json).\n" in out
    )
    status, out, err = _run(capsys, db, "stats", "--tag", "green", "--format", "csv")
    assert status == 0
    assert out.splitlines()[1:] == [
        f"{i['m25']},2025-05-01,{i['Housing']},Housing,Housing,1,0,1,0,0,0,0,0,,",
        f"{i['m25']},2025-05-01,,,,1,0,1,0,0,0,0,0,,",
    ]
    assert err.startswith("coop-tui: note: Not shown: 1 meeting(s) and 2 area(s)")
    doc = _json(capsys, db, "stats", "--tag", "green")
    assert [len(m["areas"]) for m in doc["meetings"]] == [2, 3]
    # unfiltered, nothing is left out
    status, out, _err = _run(capsys, db, "stats")
    assert "Not shown" not in out and "2024-05-01" in out
    status, out, err = _run(capsys, db, "stats", "--tag", "nosuch")
    assert (status, out, err) == (0, "No commitment matches the filters (--json gives the "
                                  "empty figures).\n", "")  # fmt: skip
    status, out, err = _run(capsys, db, "stats", "--tag", "nosuch", "--format", "csv")
    assert status == 0 and out.splitlines() == [",".join(CSV_COLUMNS)]
    assert (
        err
        == "coop-tui: note: No commitment matches the filters (--json gives the empty figures).\n"
    )


def test_disagreements_name_their_meeting(
    rated: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The list of commitments rated differently gives each one's meeting (its date and
    the start of its title), so "Finance" of two meetings is told apart."""
    db, i = rated
    status, out, _err = _run(capsys, db, "agreement")
    assert status == 0
    [row] = [line for line in out.splitlines() if i["F1"][:10] in line]
    assert "2024-05-01" in row and "Finance" in row
    assert "Hong Kong and" in out


def test_two_undated_meetings_have_distinct_columns(
    rated: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """A series with two undated meetings: the matrix's columns are numbered as the
    report's are (``undated (1)``, ``undated (2)``), not two alike."""
    db, _i = rated
    paths = []
    for n in ("third", "fourth"):
        text = release_text(title=TITLE.format(n), date="").replace(" (May 1)", "")
        (path := tmp_path / f"{n}.txt").write_text(text, "utf-8")
        paths.append(str(path))
    assert main(["--db", str(db), "import", *paths]) == 0
    monkeypatch.setenv("COLUMNS", "200")
    capsys.readouterr()
    status, out, _err = _run(capsys, db, "stats")
    assert status == 0
    [header] = [line for line in out.splitlines() if line.lstrip().startswith("area ")]
    assert "undated (1)" in header and "undated (2)" in header
    assert "2024-05-01" in header


def test_the_tables_symbol_is_drawn_on_its_colour_in_black_or_white() -> None:
    """On a light terminal the pale ◆ (#ffffbf) as a text colour is nearly invisible:
    the symbol is drawn on its step's colour, in the ink that reads on it."""
    from rich.color import Color

    from tui.commands.stats_text import marked, scored

    for text in (scored(0.0, 2, 3), marked(0.0)):
        [span] = [s for s in text.spans if text.plain[s.start : s.end] == "◆"]
        style = span.style
        assert not isinstance(style, str)
        assert style.bgcolor == Color.parse("#ffffbf") and style.color == Color.parse("#000000")
    text = scored(-1.0, 1, 1)
    [span] = [s for s in text.spans if text.plain[s.start : s.end] == "▼▼"]
    assert not isinstance(span.style, str) and span.style.color == Color.parse("#ffffff")
