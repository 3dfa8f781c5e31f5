"""Issue 17, "Lost headings beyond the lexicon": an area whose heading the page lost, on a
topic the lexicon (``parsers/lexicon.py``) does not know, is named from the key phrase its
paragraphs share (``parsers/keyphrase.py``), or, at import, after the same area of another
stored meeting of the same parties (``parsers/area_names.py``, ``store/importer.py``).

The releases are invented here (their topics checked against the lexicon: none of
water supply, postal services, consumer protection is a lexicon topic; disaster prevention
and weather forecasts are in the lexicon's Emergency Management and Meteorology, yet named
by the closer phrase every paragraph shares), with the page furniture saved pages carry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_support import run_cli
from test_diff_engine import SEED_SUCCESSORS

from parsers import Meeting, parse_file, parse_text
from parsers.area_names import names_from_meetings
from parsers.keyphrase import KeyPhrases, as_heading, heading_case, lexicon_evident, stem
from parsers.lexicon import default_lexicon
from parsers.model import Area as ModelArea
from parsers.model import Commitment
from store import Store

Area = tuple[str | None, list[str]]  # (heading, or None where the page lost it; paragraphs)

FINANCE: Area = (
    "Finance",
    [
        "Support {a} companies in issuing bonds and listing in {b}, and encourage the banks "
        "of {b} to open branches in {a}.",
        "Encourage financial institutions of the two places to offer cross-boundary wealth "
        "management products to their customers.",
    ],
)
YOUTH: Area = (
    "Youth Development",
    [
        "Organise summer exchange tours for young people of {b} to visit {a} and meet their "
        "peers there.",
        "Support young entrepreneurs from {b} in setting up start-ups in {a}, with help on "
        "office space and mentoring.",
    ],
)
DISASTER = [
    "Strengthen co-operation in disaster prevention and emergency rescue, and set up a "
    "channel for the two places to share early warnings of typhoons, floods and landslides.",
    "Hold joint emergency rescue drills every year, and support rescue teams of the two "
    "places in passing on their experience in disaster prevention.",
]
WEATHER = [
    "Support the observatories of the two places in exchanging weather forecasts and radar "
    "observations around the clock.",
    "Run joint training courses for forecasters, and improve weather forecasts for the "
    "mountain roads used by travellers between {a} and {b}.",
]
WATER = [
    "Keep the water supply to {b} safe and stable, and jointly protect the rivers that feed "
    "the supply network.",
    "Share the readings of the monitoring stations along the water supply routes, and study "
    "together how to save water in dry seasons.",
]
POSTAL = [
    "Support the postal services of the two places in opening a joint parcel route for "
    "online shoppers.",
    "Make parcels easier to track across the boundary, and let the postal services of both "
    "places share their collection points.",
]
CONSUMER = [
    "Set up a joint channel for consumer protection, so that visitors who bought faulty "
    "goods can complain in either place.",
    "Exchange information on misleading sales practices, and run joint campaigns on "
    "consumer protection during holiday seasons.",
]


def release(
    areas: list[Area],
    *,
    parties: tuple[str, str] = ("Fujian", "Macao"),
    date: str = "June 12, 2024",
    weekday: str = "Wednesday",
    style: str = "plain",
    crlf: bool = False,
) -> str:
    """A co-operation release: page furniture, a lead, the stated count, the areas (a
    heading of ``None`` is lost), the signing and the end marker."""
    a, b = parties
    lines = ["Skip to main content", "Print this page", ""]
    lines += [f"{a} and {b} hold joint conference on co-operation", ""]
    lines += [
        f"The {a}-{b} Co-operation Joint Conference met in {b} today ({date.split(',')[0]}). "
        f"Officials of {a} and {b} reviewed the work of the past year.",
        "",
        f"{a} and {b} agreed to work together in the following {len(areas)} areas:",
        "",
    ]
    for n, (heading, paras) in enumerate(areas, 1):
        if heading is not None:
            if style == "markdown":
                lines += [f"## {heading}", ""]
            elif style == "numbered":
                lines += [f"{n}. {heading}", ""]
            else:
                lines += [heading, ""]
        lines += [line for p in paras for line in (p.format(a=a, b=b), "")]
    lines += ["Signing of co-operation documents", ""]
    lines += [f"• Agreement between {a} and {b} on joint events", ""]
    lines += [f"Ends/{weekday}, {date}", "Issued at HKT 18:30", "", "Back to top"]
    return ("\r\n" if crlf else "\n").join(lines) + "\n"


def inferred(m: Meeting) -> list[str]:
    return [a.name for a in m.areas if a.heading_inferred]


def names(m: Meeting) -> list[str]:
    return [a.name for a in m.areas]


# --- the lexicon does not know these topics -------------------------------------------------


def test_the_invented_topics_are_not_in_the_lexicon() -> None:
    """No lexicon topic is in most of their paragraphs (a word in passing may be). Weather
    and disasters are lexicon topics (Meteorology, Emergency Management)."""
    lexicon = default_lexicon()
    for paras in (WATER, POSTAL, CONSUMER):
        scores = [lexicon.scores(p.format(a="Fujian", b="Macao")) for p in paras]
        assert not any(lexicon_evident(t, scores) for s in scores for t in s), scores


# --- parsing: named from the paragraphs -----------------------------------------------------


@pytest.mark.parametrize(
    ("paras", "name"),
    [
        (DISASTER, "Disaster Prevention"),
        (WEATHER, "Weather Forecasts"),
        (WATER, "Water Supply"),
        (POSTAL, "Postal Services"),
        (CONSUMER, "Consumer Protection"),
    ],
    ids=["disaster", "weather", "water", "postal", "consumer"],
)
def test_a_lost_heading_on_an_unknown_topic_is_named_from_the_phrase_its_paragraphs_share(
    paras: list[str], name: str
) -> None:
    m = parse_text(release([FINANCE, (None, paras), YOUTH]), source="fujian.txt")
    assert names(m) == ["Finance", name, "Youth Development"]
    assert inferred(m) == [name]
    assert len(m.areas[1].commitments) == 2
    [warning] = [w for w in m.warnings if "missing" in w]
    assert f"named from their content: {name} — check them" in warning


def test_two_lost_headings_each_named_in_markdown_with_windows_line_ends() -> None:
    areas: list[Area] = [FINANCE, (None, WEATHER), YOUTH, (None, POSTAL)]
    m = parse_text(release(areas, style="markdown", crlf=True), source="fujian.md")
    assert names(m) == ["Finance", "Weather Forecasts", "Youth Development", "Postal Services"]
    assert [w for w in m.warnings if "missing" in w] == [
        "2 area heading(s) missing from the page; named from their content: "
        "Weather Forecasts, Postal Services — check them"
    ]
    assert not any("states" in w for w in m.warnings)  # all five areas found


def test_the_name_follows_the_case_of_the_release_s_headings() -> None:
    finance = ("Financial services", FINANCE[1])
    youth = ("Exchanges of young people", YOUTH[1])
    m = parse_text(release([finance, (None, DISASTER), youth]), source="fujian.txt")
    assert names(m)[1] == "Disaster prevention"


def test_a_lost_heading_of_one_paragraph_where_the_numbering_says_so() -> None:
    lone = (
        "Allow the ferries of the two places to carry passengers' bicycles free of charge "
        "on the evening sailings."
    )
    areas: list[Area] = [FINANCE, (None, [lone]), YOUTH]
    m = parse_text(release(areas, style="numbered"), source="fujian.txt")
    assert len(m.areas) == 3, names(m)
    assert m.areas[1].heading_inferred and [c.text for c in m.areas[1].commitments] == [lone]
    assert m.areas[1].name in {"Ferries", "Bicycles", "Passengers", "Evening Sailings"}


def test_a_lost_heading_of_tourism_where_culture_has_its_own_heading() -> None:
    """The brief's example: "Culture and Tourism" is taken by the Culture heading, so the
    tourism paragraphs are named by what they share."""
    culture: Area = (
        "Culture",
        [
            "Support the orchestras and theatre troupes of the two places in staging joint "
            "performances.",
            "Encourage the museums of {a} and {b} to lend each other exhibits.",
        ],
    )
    m = parse_text(release([FINANCE, culture, (None, TOURISM), YOUTH]), source="fujian.txt")
    assert names(m) == ["Finance", "Culture", "Tourism", "Youth Development"]


LIBRARIES = [
    "The two sides will support the public libraries of {a} and {b} in lending e-books to "
    "each other's readers.",
    "The two sides will hold reading festivals in public libraries of both places every autumn.",
    "The two sides will train librarians together in caring for rare books.",
]
STATISTICS = [
    "The two sides will share official statistics on cross-boundary travel, and align the "
    "definitions used in statistical surveys.",
    "The two sides will hold a yearly seminar on statistics for the staff of both statistics "
    "bureaus.",
]
SCHOOLS: Area = (
    "Education",
    [
        "Encourage schools of the two places to form sister schools.",
        "Support teachers' exchanges between universities of {a} and {b}.",
    ],
)
FLIGHTS: Area = (
    "Aviation",
    [
        "Increase flights between the airports of {a} and {b}.",
        "Support airlines of {b} in opening new air routes to {a}.",
    ],
)


@pytest.mark.parametrize("style", ["plain", "numbered"])
def test_a_longer_release_with_two_lost_headings_of_the_two_sides_will(style: str) -> None:
    areas: list[Area] = [
        FINANCE, SCHOOLS, (None, LIBRARIES), FLIGHTS, (None, STATISTICS), YOUTH
    ]  # fmt: skip
    m = parse_text(release(areas, parties=("Jiangsu", "Hong Kong"), style=style), source="j.txt")
    assert names(m) == [
        "Finance", "Education", "Public Libraries", "Aviation", "Statistics", "Youth Development"
    ]  # fmt: skip
    assert [len(a.commitments) for a in m.areas] == [2, 2, 3, 2, 2, 2]


TOURISM = [
    "Encourage travel agencies of the two places to design tourism products that combine "
    "stays in {a} and {b}.",
    "Promote new tourism routes together in overseas markets, and invite travel agencies on "
    "familiarisation trips.",
]


def test_paragraphs_on_tourism_alone_are_named_tourism() -> None:
    """The brief's example without a Culture heading: the lexicon's "Culture and Tourism"
    is narrowed to the part the paragraphs are about — but kept where they are about
    culture too."""
    m = parse_text(release([FINANCE, (None, TOURISM), YOUTH]), source="fujian.txt")
    assert names(m) == ["Finance", "Tourism", "Youth Development"]
    both = [*TOURISM, "Support the museums of the two places in holding joint exhibitions."]
    m = parse_text(release([FINANCE, (None, both), YOUTH]), source="fujian.txt")
    assert names(m) == ["Finance", "Culture and Tourism", "Youth Development"]


def test_a_lexicon_topic_keeps_its_lexicon_name() -> None:
    schools = [
        "Encourage schools of the two places to form sister schools and exchange teachers.",
        "Support universities of {b} in admitting students from {a}.",
    ]
    m = parse_text(release([FINANCE, (None, schools), YOUTH]), source="fujian.txt")
    assert names(m) == ["Finance", "Education", "Youth Development"]


def test_the_commitments_of_a_named_area_keep_their_ids() -> None:
    lost = parse_text(release([FINANCE, (None, WATER), YOUTH]), source="a.txt")
    headed = parse_text(release([FINANCE, ("Water Supply", WATER), YOUTH]), source="b.txt")
    assert [c.id for c in lost.commitments] == [c.id for c in headed.commitments]
    assert lost.areas[1].name == headed.areas[1].name
    # an area's ID comes from its name: the same as under the printed heading
    assert [a.id for a in lost.areas] == [a.id for a in headed.areas]


# --- the key-phrase extractor on its own ----------------------------------------------------


def test_key_phrases_are_shared_and_specific() -> None:
    paras = [p.format(a="Fujian", b="Macao") for p in [*DISASTER, *WEATHER, *FINANCE[1]]]
    phrases = KeyPhrases(paras, avoid=["Fujian", "Macao"])
    assert as_heading(phrases.ranked([0, 1])[0]) == "Disaster Prevention"
    assert as_heading(phrases.ranked([2, 3])[0]) == "Weather Forecasts"
    # a lone paragraph: its most specific phrase, the object of the co-operation first
    assert as_heading(phrases.ranked([0])[0]) == "Disaster Prevention"
    # two paragraphs with nothing in common but the parties: no name
    assert phrases.ranked([0, 4]) == []
    assert phrases.ranked([4, 5]) == []


def test_heading_case() -> None:
    assert heading_case(["Trade and Investment", "Culture and Tourism"]) == "title"
    assert heading_case(["Trade and investment", "Youth development"]) == "sentence"
    assert heading_case([]) == "title"
    assert as_heading(("cross-boundary", "parcels"), "title") == "Cross-boundary Parcels"
    assert as_heading(("ESG", "reporting"), "sentence") == "ESG reporting"


# --- import: named after the same area of another meeting of the same parties -------------

HEADED_2023 = [
    "Improve the early warning of typhoons and floods, and share disaster prevention plans "
    "between the two places.",
    "Organise emergency rescue drills each year, with rescue teams of both places taking part.",
]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def series(tmp_path: Path) -> tuple[Path, Path]:
    """(the 2023 release, its areas headed; the 2024 release, a heading lost)."""
    folder = tmp_path / "releases"
    folder.mkdir()
    y2023 = release(
        [FINANCE, ("Emergency Management", HEADED_2023), YOUTH],
        date="May 10, 2023",
        weekday="Wednesday",
    )
    y2024 = release([FINANCE, (None, DISASTER), YOUTH])
    return _write(folder, "a-2023.txt", y2023), _write(folder, "b-2024.txt", y2024)


def _lost(store: Store) -> Meeting:
    [m] = [m for m in store.meetings() if m.date == "2024-06-12"]
    return m


@pytest.mark.parametrize("order", ["earlier first", "later first"])
def test_import_names_a_lost_heading_after_the_other_meeting(
    tmp_path: Path, series: tuple[Path, Path], order: str
) -> None:
    y2023, y2024 = series
    alone = parse_file(y2024)
    assert alone.areas[1].name == "Disaster Prevention"  # parsing alone: from its content
    store = Store.open(tmp_path / "s" / "store.json", seed_samples=False)
    paths = [y2023, y2024] if order == "earlier first" else [y2024, y2023]
    results = store.import_paths(paths)
    assert [r.outcome for r in results] == ["added", "added"]
    m = _lost(store)
    assert names(m) == ["Finance", "Emergency Management", "Youth Development"]
    assert m.areas[1].heading_inferred
    # the ID the parse gave it (from its content's name) is kept: `parse` and the store agree
    assert [a.id for a in m.areas] == [a.id for a in alone.areas]
    assert any("Emergency Management (as in the 2023-05-10 meeting)" in w for w in m.warnings)
    [told] = [line for r in results for line in r.renamed]
    assert told == "the 2024-06-12 meeting: Emergency Management (as in the 2023-05-10 meeting)"


def test_an_annotation_stays_on_the_area_it_renames(
    tmp_path: Path, series: tuple[Path, Path]
) -> None:
    y2023, y2024 = series
    store = Store.open(tmp_path / "s" / "store.json", seed_samples=False)
    store.import_paths([y2024])
    area = _lost(store).areas[1]
    assert area.name == "Disaster Prevention"
    store.add_tags(area.id, ["check-name"])
    store.import_paths([y2023])  # the later import renames the stored meeting's area
    again = Store.open(store.path, seed_samples=False)
    renamed = _lost(again).areas[1]
    assert (renamed.id, renamed.name) == (area.id, "Emergency Management")
    assert again.annotation(area.id).tags == ["check-name"]
    # importing the same files again changes nothing
    assert [r.outcome for r in again.import_paths([y2023, y2024])] == ["unchanged", "unchanged"]


def test_the_same_parties_named_the_other_way_round_lend_their_names(tmp_path: Path) -> None:
    other = release(
        [FINANCE, ("Emergency Management", HEADED_2023), YOUTH],
        parties=("Macao", "Fujian"),
        date="May 10, 2023",
    )
    store = Store.open(tmp_path / "s" / "store.json", seed_samples=False)
    store.import_paths(
        [
            _write(tmp_path, "other.txt", other),
            _write(tmp_path, "lost.txt", release([FINANCE, (None, DISASTER), YOUTH])),
        ]
    )
    assert _lost(store).areas[1].name == "Emergency Management"


def test_other_parties_lend_no_names(tmp_path: Path) -> None:
    other = release(
        [FINANCE, ("Emergency Management", HEADED_2023), YOUTH],
        parties=("Hainan", "Macao"),
        date="May 10, 2023",
    )
    store = Store.open(tmp_path / "s" / "store.json", seed_samples=False)
    store.import_paths(
        [
            _write(tmp_path, "other.txt", other),
            _write(tmp_path, "lost.txt", release([FINANCE, (None, DISASTER), YOUTH])),
        ]
    )
    assert _lost(store).areas[1].name == "Disaster Prevention"


def test_an_unrelated_area_lends_no_name(tmp_path: Path, series: tuple[Path, Path]) -> None:
    y2023, _ = series
    store = Store.open(tmp_path / "s" / "store.json", seed_samples=False)
    lost = _write(tmp_path, "postal.txt", release([FINANCE, (None, POSTAL), YOUTH]))
    store.import_paths([y2023, lost])
    assert _lost(store).areas[1].name == "Postal Services"


def test_cli_import_says_where_a_lost_heading_s_name_came_from(
    tmp_path: Path, series: tuple[Path, Path]
) -> None:
    y2023, y2024 = series
    db = tmp_path / "s" / "store.json"
    done = run_cli("--db", db, "--create", "import", y2023, y2024)
    assert done.returncode == 0, done.stderr
    assert (
        "lost heading named: the 2024-06-12 meeting: Emergency Management "
        "(as in the 2023-05-10 meeting)" in done.stdout
    ), done.stdout
    shown = run_cli("parse", y2024)
    assert shown.returncode == 0 and "Disaster Prevention" in shown.stdout


# --- naming from another meeting, on the two real agreements' structures --------------------

DATA = Path(__file__).resolve().parent / "data"
COUNTERPARTS = SEED_SUCCESSORS  # the 2023 Zhejiang–Hong Kong areas and their 2025 counterparts


def _agreement(key: str) -> Meeting:
    data = json.loads((DATA / f"agreement-{key}.json").read_text(encoding="utf-8"))
    areas = [
        ModelArea(f"{key}-{i}", a["name"], False, [Commitment(f"{i}.{j}", c)
                                                   for j, c in enumerate(a["commitments"])])
        for i, a in enumerate(data["areas"])
    ]  # fmt: skip
    return Meeting(key, key, f"{key[-4:]}-06-01", None, ["Hong Kong", "Zhejiang"], "", None, areas)


@pytest.mark.parametrize(("lost", "lender"), [("zhejiang-2023", "zhejiang-2025"),
                                              ("zhejiang-2025", "zhejiang-2023")])  # fmt: skip
def test_each_lost_heading_of_a_real_series_is_named_after_its_counterpart_or_left(
    lost: str, lender: str
) -> None:
    """Each area's heading lost in turn: named after its counterpart in the other year's
    agreement, or left as the content named it; never after another area."""
    pairs = COUNTERPARTS if lost.endswith("2023") else {v: k for k, v in COUNTERPARTS.items()}
    other = _agreement(lender)
    right = 0
    for i, area in enumerate(_agreement(lost).areas):
        meeting = _agreement(lost)
        meeting.areas[i].heading_inferred = True
        meeting.areas[i].name = "Unnamed area 1"
        named, borrowed = names_from_meetings(meeting, [other])
        got = named.areas[i].name
        assert got in ("Unnamed area 1", pairs.get(area.name)), (area.name, got)
        right += got == pairs.get(area.name)
        assert [b.area_id for b in borrowed] == ([area.id] if borrowed else [])
    assert right >= (11 if lost.endswith("2023") else 8)


# --- a topic change the lexicon or the words' stems show (the new-user trial) --------------

WEATHER_WATCH = [
    "Let the observatories of {a} and {b} swap typhoon tracks and rainstorm readings every "
    "hour during the rainy season.",
    "Run a yearly workshop on radar nowcasting of thunderstorms and hail for duty forecasters.",
]
LEGAL_AID = [
    "Set up a channel for passing on legal aid applications between {a} and {b}, for "
    "people with a dispute across the boundary.",
    "Train legal aid lawyers of the two places together on cross-boundary family and labour cases.",
]
PORTS: Area = (
    "Shipping",
    [
        "Encourage the container terminals of {a} and {b} to share berthing schedules.",
        "Support shipowners of {b} in registering their vessels in {a}.",
    ],
)


@pytest.mark.parametrize("style", ["plain", "numbered"])
def test_the_split_follows_the_topic_a_paragraph_without_shared_words_is_on(style: str) -> None:
    """The weather paragraphs share no word, yet both are on Meteorology's topic: the lost
    heading stood before the legal aid paragraphs, not between the two on the weather."""
    areas: list[Area] = [FINANCE, ("Meteorology", WEATHER_WATCH), (None, LEGAL_AID), YOUTH]
    m = parse_text(release(areas, style=style), source="fujian.txt")
    assert [[c.text for c in a.commitments] for a in m.areas][1:3] == [
        [p.format(a="Fujian", b="Macao") for p in WEATHER_WATCH],
        [p.format(a="Fujian", b="Macao") for p in LEGAL_AID],
    ]
    assert names(m) == ["Finance", "Meteorology", "Legal Aid", "Youth Development"]


def test_a_lost_heading_on_the_weather_is_found_though_its_paragraphs_share_no_word() -> None:
    m = parse_text(
        release([FINANCE, PORTS, (None, WEATHER_WATCH), ("Legal Aid", LEGAL_AID), YOUTH]),
        source="fujian.txt",
    )
    assert names(m) == ["Finance", "Shipping", "Meteorology", "Legal Aid", "Youth Development"]
    assert [len(a.commitments) for a in m.areas] == [2, 2, 2, 2, 2]
    assert not any("states" in w for w in m.warnings)


ARCHAEOLOGY = [
    "Carry out joint archaeological surveys of the old kiln sites along the coast of {a}.",
    "Publish the findings of the two places' archaeology teams in a shared yearbook.",
]
FIGURES = [
    "Compile comparable figures on cross-boundary shoppers and publish them as "
    "statistics every quarter.",
    "Hold a seminar for the statistical bureaus of the two places on sampling methods.",
]


def test_a_noun_and_its_adjective_are_one_word_for_a_key_phrase() -> None:
    """ "archaeological" and "archaeology" (a topic the lexicon does not know) are one
    word: the lost heading is found and named after it."""
    m = parse_text(release([FINANCE, (None, ARCHAEOLOGY), YOUTH]), source="fujian.txt")
    assert names(m) == ["Finance", "Archaeology", "Youth Development"]
    assert inferred(m) == ["Archaeology"]
    assert stem("statistics") == stem("statistical") and stem("legal") != stem("leg")
    paras = [p.format(a="Fujian", b="Macao") for p in [*FIGURES, *FINANCE[1]]]
    phrases = KeyPhrases(paras, avoid=["Fujian", "Macao"])
    assert as_heading(phrases.ranked([0, 1])[0]) == "Statistics"  # the noun, not "Statistical"


def test_paragraphs_on_statistics_after_the_last_heading_are_named_statistics() -> None:
    sports: Area = (
        "Sports",
        [
            "Co-host a cycling race from {a} to {b} and let coaches of the two places train "
            "together.",
            "Support athletes of {b} in joining training camps in {a}.",
        ],
    )
    m = parse_text(release([FINANCE, sports, (None, FIGURES)]), source="fujian.txt")
    assert names(m) == ["Finance", "Sports", "Statistics"]
    assert inferred(m) == ["Statistics"]


@pytest.mark.parametrize("style", ["plain", "numbered"])
def test_a_paragraph_on_no_known_topic_stays_under_its_printed_heading(style: str) -> None:
    """Excavations are no lexicon topic and the two paragraphs share no word: nothing says
    the legal aid area began before the second of them, so it stays under its heading."""
    digs: Area = (
        "Archaeology",
        [
            "Carry out joint surveys of the old kiln sites along the coast.",
            "Publish the findings of the excavation teams in a shared yearbook.",
        ],
    )
    m = parse_text(release([FINANCE, digs, (None, LEGAL_AID), YOUTH], style=style), source="f.txt")
    assert [len(a.commitments) for a in m.areas] == [2, 2, 2, 2]
    assert names(m) == ["Finance", "Archaeology", "Legal Aid", "Youth Development"]


@pytest.mark.parametrize("style", ["plain", "numbered"])
def test_a_later_paragraph_on_another_topic_does_not_hold_the_split_back(style: str) -> None:
    """Only the paragraphs that open the new area count against a split before them: the
    second paragraph on emergencies (its "residents" is another topic's word) still goes
    with the first, under the lost heading."""
    drills = [
        "Hold joint rescue drills for ferry accidents every spring.",
        "Share plans for moving residents to shelters ahead of floods and landslides.",
    ]
    m = parse_text(release([FINANCE, PORTS, (None, drills), YOUTH], style=style), source="f.txt")
    assert names(m) == ["Finance", "Shipping", "Emergency Management", "Youth Development"]
    assert [len(a.commitments) for a in m.areas] == [2, 2, 2, 2]


def test_a_phrase_every_paragraph_uses_names_the_area_only_when_it_names_a_field() -> None:
    """A phrase with a name in it ("Hong Kong residents": people) or another topic's word
    ("technologies") does not replace the lexicon's topic; "legal aid" does."""
    residents = [
        "Let Hong Kong residents who live in {a} apply online for residence permits.",
        "Open service counters where Hong Kong residents in {a} can renew their travel permits.",
    ]
    homes = [
        "Encourage builders of {a} to adopt modular housing technologies for public "
        "housing estates.",
        "Train site staff of the two places in modular housing technologies and their "
        "safety checks.",
    ]
    for paras, name in [
        (residents, "Facilitation for Hong Kong People"),
        (homes, "Housing"),
        (LEGAL_AID, "Legal Aid"),
    ]:
        m = parse_text(
            release([FINANCE, (None, paras), YOUTH], parties=("Fujian", "HKSAR")), source="f.txt"
        )
        assert names(m) == ["Finance", name, "Youth Development"]


@pytest.mark.parametrize("changed", ["the lender", "the named meeting"])
def test_a_lost_heading_s_name_is_said_only_when_it_changes(
    tmp_path: Path, series: tuple[Path, Path], changed: str
) -> None:
    """Re-importing a meeting of the series (changed, so it is stored again) does not say
    again the name the other meeting's lost heading already has."""
    y2023, y2024 = series
    store = Store.open(tmp_path / "s" / "store.json", seed_samples=False)
    first = store.import_paths([y2023, y2024])
    assert [line for r in first for line in r.renamed]  # said once, when named
    extra = "Hold a forum on green finance in {b} each year, open to the banks of {a}."
    if changed == "the lender":
        text = release(
            [(FINANCE[0], [*FINANCE[1], extra]), ("Emergency Management", HEADED_2023), YOUTH],
            date="May 10, 2023",
            weekday="Wednesday",
        )
        again = store.import_paths([_write(y2023.parent, "a-2023.txt", text)])
    else:
        text = release([(FINANCE[0], [*FINANCE[1], extra]), (None, DISASTER), YOUTH])
        again = store.import_paths([_write(y2024.parent, "b-2024.txt", text)])
    assert [r.outcome for r in again] == ["updated"]
    assert [line for r in again for line in r.renamed] == []
    assert _lost(store).areas[1].name == "Emergency Management"
