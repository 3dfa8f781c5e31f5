"""Naming a meeting the same way everywhere, comparing within the same parties, search in a
status's source and evidence, and ``--version`` (issue 13, items 12, 13 and 20)."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pytest
from store_support import release_text, run_cli
from test_app_support import SIZE, app_for, flat, screen_text, settle

from compare import series_of
from parsers import Meeting, parse_text
from parsers.naming import NamingError, find_meeting, same_parties
from store import Store
from tui.screens.diff import DiffScreen
from tui.screens.search import SearchScreen

GUANGDONG_AREAS = {
    "Finance": [
        "Encourage Guangdong enterprises to list in Hong Kong and to issue green bonds in the "
        "Hong Kong market.",
        "Support Guangdong enterprises in setting up treasury centres in Hong Kong.",
    ],
    "Transport": ["Increase the frequency of cross-boundary coaches between the two places."],
}


def party_release(
    directory: Path, name: str, party: str, date: str, areas: dict[str, list[str]] | None = None
) -> Path:
    """A release of a conference between Hong Kong and ``party`` on ``date``."""
    text = release_text(
        areas=areas,
        title=f"Hong Kong and {party} hold a co-operation conference",
        date=date,
    ).replace("Testland", party)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The samples (Hong Kong & Zhejiang, 2023 and 2025) and two 2024 meetings of others."""
    path = tmp_path / "store" / "store.json"
    store = Store.open(path)
    results = store.import_paths(
        [
            party_release(tmp_path, "t.txt", "Testland", "2024-05-01"),
            party_release(tmp_path, "g.txt", "Guangdong", "2024-09-12", GUANGDONG_AREAS),
        ]
    )
    assert [r.outcome for r in results] == ["added", "added"]
    return path


def meeting_of(db: Path, party: str) -> Meeting:
    return next(m for m in Store.open(db).meetings() if party in m.parties)


# -- item 13: one way to name a meeting ------------------------------------------------
def test_export_takes_a_year_date_parties_and_any_case_id_like_diff(db: Path) -> None:
    z2023 = next(m for m in Store.open(db).meetings() if m.date == "2023-06-26")
    for name in ("2023", "2023-06", "2023-06-26", z2023.id[:6].upper(), "2023 zhejiang"):
        done = run_cli("--db", db, "export", "--meeting", name)
        assert done.returncode == 0, (name, done.stderr)
        assert f"Filters: meeting {z2023.id}." in done.stdout
    guangdong = meeting_of(db, "Guangdong")
    done = run_cli("--db", db, "export", "--meeting", "2024 Guangdong", "-f", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["filters"] == f"meeting {guangdong.id}"


def test_an_ambiguous_year_lists_the_candidates_and_how_to_name_them(db: Path) -> None:
    for args in (["export", "--meeting", "2024"], ["diff", "2024", "2025"], ["show", "2024"]):
        done = run_cli("--db", db, *args)
        assert done.returncode == 2, args
        assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
        err = done.stderr
        assert err.startswith("coop-tui: '2024' matches 2 meetings"), err
        assert '"2024 Testland"' in err and '"2024 Guangdong"' in err
        assert meeting_of(db, "Guangdong").id in err and "Traceback" not in err
    done = run_cli("--db", db, "export", "--meeting", "1999")
    assert done.returncode == 2 and "no meeting matches '1999'" in done.stderr


def test_show_list_and_search_name_meetings_the_same_way(db: Path) -> None:
    guangdong = meeting_of(db, "Guangdong")
    done = run_cli("--db", db, "show", "2024 guangdong", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == guangdong.id
    done = run_cli("--db", db, "list", "2024 Guangdong", "--json")
    assert [m["id"] for m in json.loads(done.stdout)] == [guangdong.id]
    done = run_cli("--db", db, "search", 'meeting:"2024 Guangdong"', "enterprises", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found and {r["meeting_id"] for r in found} == {guangdong.id}
    done = run_cli("--db", db, "search", f"in:{guangdong.id[:5].upper()}", "--json")
    assert {r["meeting_id"] for r in json.loads(done.stdout)} == {guangdong.id}


def test_the_parties_are_one_partnership_whatever_their_order_case_or_spacing() -> None:
    def meeting(*parties: str) -> Meeting:
        return Meeting("m", "t", "2024-01-01", None, list(parties), "s", None, [])

    a = meeting("Hong Kong", "Guangdong")
    assert same_parties(a, meeting("guangdong", "Hong  Kong"))
    assert same_parties(a, meeting("Hong-Kong", "GUANGDONG"))
    assert not same_parties(a, meeting("Hong Kong", "Guangxi"))
    other = meeting("GUANGDONG", "Hong-Kong")
    assert [m.parties for m in series_of([a, other], a)] == [a.parties, other.parties]
    with pytest.raises(NamingError, match="matches 2 meetings"):
        find_meeting([a, meeting("Hong Kong", "Guangxi")], "2024")


# -- item 12: compare within the same parties -----------------------------------------
def test_diff_of_two_named_meetings_of_different_parties_says_so(db: Path) -> None:
    done = run_cli("--db", db, "diff", "2023", meeting_of(db, "Testland").id)
    assert done.returncode == 0, done.stderr
    assert "different parties" in done.stderr
    assert "Hong Kong & Zhejiang" in done.stderr and "Hong Kong & Testland" in done.stderr
    done = run_cli("--db", db, "diff", "2023", "2025")  # the same parties: no note
    assert done.returncode == 0 and "different parties" not in done.stderr


def test_an_orphan_is_offered_only_its_own_parties_commitments(tmp_path: Path) -> None:
    theirs = Store.open(tmp_path / "theirs" / "store.json", seed_samples=False)
    theirs.import_paths([party_release(tmp_path, "t1.txt", "Testland", "2024-05-01")])
    annotated = theirs.meetings()[0].commitments[0]  # "Encourage Testland enterprises to list…"
    theirs.add_note(annotated.id, "ask about the green bonds")
    export = tmp_path / "theirs.json"
    done = run_cli("--db", theirs.path, "export", "-f", "json", export)
    assert done.returncode == 0, done.stderr
    # our store has the samples (their Finance reads much alike) but not that meeting
    ours = tmp_path / "ours" / "store.json"
    Store.open(ours)
    assert run_cli("--db", ours, "import-annotations", export).returncode == 0
    [orphan] = Store.open(ours).orphans()
    assert orphan.suggestions == []  # nothing from the Zhejiang meetings
    # a later Testland meeting arrives: its commitments are offered
    later = party_release(tmp_path, "t2.txt", "Testland", "2025-05-01")
    assert run_cli("--db", ours, "import", later).returncode == 0
    [orphan] = Store.open(ours).orphans()
    testland = meeting_of(ours, "Testland")
    assert orphan.suggestions and orphan.suggestions[0][0] == testland.commitments[0].id
    assert {s for s, _score in orphan.suggestions} <= {c.id for c in testland.commitments}


async def test_the_diff_screen_says_when_the_parties_differ(db: Path) -> None:
    store = Store.open(db)
    z2023 = next(m for m in store.meetings() if m.date == "2023-06-26")
    testland = meeting_of(db, "Testland")
    app = app_for(db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(DiffScreen(app.session.store, z2023.id, testland.id))
        await settle(pilot)
        text = flat(screen_text(app))
        assert "These meetings are between different parties: Hong Kong & Zhejiang" in text
        app.screen.dismiss(None)
        await settle(pilot)
        z2025 = next(m for m in store.meetings() if m.date == "2025-04-24")
        app.push_screen(DiffScreen(app.session.store, z2023.id, z2025.id))
        await settle(pilot)
        assert "different parties" not in flat(screen_text(app))


async def test_d_on_the_first_meeting_of_its_parties_compares_the_next_of_theirs(
    db: Path,
) -> None:
    meetings = Store.open(db).meetings()
    testland = meeting_of(db, "Testland")  # the latest meeting before Zhejiang's 2025 one
    z2023 = next(m for m in meetings if m.date == "2023-06-26")
    z2025 = next(m for m in meetings if m.date == "2025-04-24")
    app = app_for(db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.main.jump_to(z2023.id)
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert (screen.a_id, screen.b_id) == (z2023.id, z2025.id)
        assert testland.id not in (screen.a_id, screen.b_id)
        assert "different parties" not in flat(screen_text(app))


# -- item 20: --version; search in a status's source and evidence ------------------------
def test_version_prints_the_installed_version() -> None:
    done = run_cli("--version")
    expected = f"coop-tui {version('coop-tui')}\n"
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")


def test_search_finds_a_status_source_and_evidence_and_says_where(db: Path) -> None:
    target = meeting_of(db, "Guangdong").commitments[0]
    done = run_cli(
        "--db", db, "status", target.id, "in-progress",
        "--source", "https://example.org/quokka-bulletin",
        "--evidence", "The wombat fund disbursed its first tranche.",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = json.loads(run_cli("--db", db, "search", "wombat", "--json").stdout)
    assert [(r["kind"], r["id"]) for r in found] == [("evidence", target.id)]
    found = json.loads(run_cli("--db", db, "search", "quokka", "--json").stdout)
    assert [(r["kind"], r["id"]) for r in found] == [("source", target.id)]
    text = run_cli("--db", db, "search", "wombat").stdout
    assert "status evidence" in text and "The wombat fund disbursed" in text


async def test_the_app_search_finds_a_status_evidence(db: Path) -> None:
    target = meeting_of(db, "Guangdong").commitments[1]
    Store.open(db).set_status(target.id, "stalled", evidence="Blocked by the platypus review")
    app = app_for(db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"platypus")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert [(r.kind, r.target_id) for r in app.screen.results] == [("evidence", target.id)]
        assert "status evidence: Blocked by the platypus review" in screen_text(app)


@pytest.mark.parametrize(
    ("title", "parties"),
    [
        ("Fujian–Hong Kong Co-operation Working Meeting held in Fuzhou", ["Fujian", "Hong Kong"]),
        ("Guangdong-Macao Cooperation Joint Conference held", ["Guangdong", "Macao"]),
        ("Hong Kong/Guangdong Co-operation Joint Conference held", ["Hong Kong", "Guangdong"]),
    ],
)
def test_parties_joined_by_a_dash_or_a_slash_in_the_title(title: str, parties: list[str]) -> None:
    text = (
        f"{title}\n\nThe meeting reviewed the progress of the work plan. The progress made "
        "and the direction for future co-operation are set out below:\n\nTourism\n\n"
        "The two sides will promote joint tourism products at trade fairs.\n\nYouth\n\n"
        "The two sides will arrange internships for students.\n\nEnds/Thursday, March 20, 2025\n"
    )
    assert parse_text(text).parties == parties


# -- parties: never across a sentence end, a line break or a heading; "hold … Conference" --
def _working_meeting(title: str, tourism_ends: str = "southern Sichuan.") -> str:
    """A working meeting's progress report whose title does not name the pair, with a
    paragraph ending in a party's name right before the heading "Trade and Logistics"."""
    return (
        f"{title}\n\n"
        "Officials of the two governments met in Chengdu today (October 9) to take stock of "
        "this year's work plan. The plan lists 18 items. Details are set out below:\n\n"
        "Culture and Tourism\n\n"
        "The two sides will stage a joint exhibition of lacquer ware and promote tours of "
        f"the tea-horse road heritage of {tourism_ends}\n\n"
        "Trade and Logistics\n\n"
        "Sichuan will help Macao traders open a bonded warehouse near the Chengdu rail port.\n\n"
        "The two sides will shorten customs clearance for Portuguese-speaking markets' goods "
        "shipped through Macao.\n\n"
        "Looking ahead, Sichuan and Macao will take the plan forward at the next plenary "
        "session in Macao.\n\n"
        "Ends/Thursday, October 9, 2025\n"
    )


def test_a_party_name_never_runs_across_a_sentence_end_or_a_heading() -> None:
    """ "…southern Sichuan." then the heading "Trade and Logistics" then "Sichuan will …"
    gave the parties "Sichuan. Trade" and "Logistics Sichuan" (and every ID with them)."""
    meeting = parse_text(_working_meeting("Work plan reviewed at joint working meeting"))
    assert meeting.parties == ["Sichuan", "Macao"]
    # the heading run into the paragraph on one line, as a PDF's text can give it
    glued = _working_meeting("Work plan reviewed at joint working meeting").replace(
        "southern Sichuan.\n\nTrade and Logistics\n\nSichuan will",
        "southern Sichuan. Trade and Logistics Sichuan will",
    )
    assert parse_text(glued).parties == ["Sichuan", "Macao"]
    # no sentence names the pair: parties unknown, not a heading's words
    alone = _working_meeting("Work plan reviewed at joint working meeting").replace(
        "Looking ahead, Sichuan and Macao will", "Looking ahead, the two sides will"
    )
    assert parse_text(alone).parties == []


_CONFERENCE = (
    "{title}\n\n"
    "The Chief Executive of Macao and the Governor of Zhejiang Province co-chaired {named} in "
    "Hangzhou today (May 14). The two sides agreed to deepen co-operation in the following "
    "two areas:\n\n"
    "Tourism\n\n"
    "Support travel agents of the two places in packaging multi-destination itineraries "
    "along the Grand Canal.\n\n"
    "Youth\n\n"
    "The two sides will fund summer internships for 200 university students.\n\n"
    "Ends/Wednesday, May 14, 2025\n"
)


@pytest.mark.parametrize(
    ("title", "named"),
    [
        # the title names them, holding the conference; the body's name has no slash or dash
        ("Zhejiang and Macao hold Second Co-operation Joint Conference", "the conference"),
        ("Zhejiang and Macao convene joint conference on co-operation", "the conference"),
        ("Zhejiang and Macao sign four co-operation agreements", "the conference"),
        ("Zhejiang and Macao deepen co-operation in tourism and youth", "the conference"),
        # "and" joining the pair before the conference's name, not a name of five words
        ("Zhejiang and Macao Co-operation Joint Conference held in Hangzhou", "the conference"),
        # only the body names them, words between the pair and "Co-operation …"
        (
            "Second joint conference held in Hangzhou",
            "the Second Zhejiang-Macao Economic and Trade Co-operation Joint Conference",
        ),
        (
            "Second joint conference held in Hangzhou",
            "the 2nd Zhejiang–Macao Cultural and Tourism Joint Meeting",
        ),
        # a capitalised compound is no pair ("High-Level"): the slash's pair is
        (
            "High-Level Meeting cum First Plenary Session of Zhejiang/Macao Co-operation "
            "Conference held in Hangzhou",
            "the meeting",
        ),
        # the press office's running head on the title's line (a PDF's text)
        (
            "Government Press Releases Zhejiang-Macao Co-operation Joint Conference",
            "the conference",
        ),
    ],
)
def test_parties_of_a_conference_held_or_named_with_words_between(title: str, named: str) -> None:
    """ "Fujian and Hong Kong hold Third Co-operation Joint Conference" gave no parties, and
    "the Third Fujian-Hong Kong Economic and Trade Co-operation Joint Conference" none or
    "Third Fujian": the meeting's ID changed with the wording."""
    meeting = parse_text(_CONFERENCE.format(title=title, named=named))
    assert meeting.parties == ["Zhejiang", "Macao"]
    stated = _CONFERENCE.format(title=title, named=named).replace(
        "The two sides agreed", "Zhejiang and Macao agreed"
    )
    assert parse_text(stated).id == meeting.id  # the same meeting, however it is worded


@pytest.mark.parametrize(
    "title",
    [
        "Guangdong-Hong Kong-Macao Greater Bay Area Co-operation Meeting held in Zhuhai",
        "Cross-Boundary Joint Meeting held in Zhuhai",
        "CE and Guangdong Party Secretary hold meeting in Zhuhai",
    ],
)
def test_no_pair_of_governments_named_leaves_the_parties_unknown(title: str) -> None:
    """Three joined names, a hyphenated word and officials are no two parties: a made-up
    pair ("Macao Greater Bay Area", "Cross", "CE") would file the meeting under it."""
    text = _CONFERENCE.format(title=title, named="the meeting").replace("Zhejiang", "Guangdong")
    assert parse_text(text).parties == []
