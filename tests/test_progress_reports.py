"""Progress reports and work plans (issue 17): a working meeting's release, read area by
area into the same model as an agreement, with ``kind`` "progress report"."""

from __future__ import annotations

import csv
import io
import json
import pickle
from pathlib import Path

import pytest
from progress_support import (
    CHONGQING_MACAO,
    FESTIVAL_ARTICLE,
    FUJIAN_ITEMS,
    FUJIAN_MACAO,
    GUANGDONG_AREAS,
    GUANGDONG_HONG_KONG,
    GUANGDONG_MACAO,
    GUANGXI_MACAO,
    JIANGXI_ITEMS,
    SHANDONG_HONG_KONG,
    SHANGHAI_HONG_KONG,
    SICHUAN_HONG_KONG,
    hubei_layouts,
    jiangxi_hong_kong_html,
)

import parsers
from parsers import InputError, Meeting, parse_bytes, release_text
from parsers.release import parse_text
from parsers.source_map import source_map
from sharing.export import Filters, csv_export, json_export, markdown_report, select
from store import Store, parse_pool
from tui.cli import main


def _items(m: Meeting) -> dict[str, list[str]]:
    return {a.name: [c.text for c in a.commitments] for a in m.areas}


def _starts(m: Meeting, words: int = 30) -> dict[str, list[str]]:
    return {a.name: [c.text[:words] for c in a.commitments] for a in m.areas}


def _matches(m: Meeting, expected: dict[str, list[str]]) -> bool:
    found = _items(m)
    return list(found) == list(expected) and all(
        len(found[name]) == len(starts)
        and all(t.startswith(s) for t, s in zip(found[name], starts, strict=True))
        for name, starts in expected.items()
    )


# -- the parse --------------------------------------------------------------------------
def test_a_working_meeting_is_read_area_by_area() -> None:
    m = parse_bytes(FUJIAN_MACAO.encode(), "fujian.txt")
    assert m.kind == "progress report"
    assert _matches(m, FUJIAN_ITEMS), _items(m)
    assert (m.date, m.place, m.parties) == ("2026-03-06", "Fuzhou", ["Macao", "Fujian"])
    # The closing remarks and the introduction are context, not items.
    texts = " ".join(c.text for c in m.commitments)
    for context in ("also reviewed", "Also attending", "Mr Leong said", "68 co-operation items"):
        assert context not in texts
    # Nothing uncertain here; no complaint that no area count is stated.
    assert m.warnings == []


def test_a_number_of_items_in_the_introduction_is_not_the_count_of_areas() -> None:
    assert parse_bytes(FUJIAN_MACAO.encode(), "f.txt").stated_area_count is None
    # "45 co-operation items in eight areas" describes the whole work plan: three are listed.
    m = parse_bytes(jiangxi_hong_kong_html().encode(), "j.html")
    assert m.stated_area_count is None and len(m.areas) == 3
    assert not any("states" in w for w in m.warnings)


def test_an_html_page_with_numbered_bold_headings() -> None:
    m = parse_bytes(jiangxi_hong_kong_html().encode(), "jiangxi.html")
    assert m.kind == "progress report"
    assert m.title == "Hong Kong/Jiangxi Co-operation Working Meeting held in Nanchang"
    assert _matches(m, JIANGXI_ITEMS), _items(m)
    assert not any(a.heading_inferred for a in m.areas)
    assert not any("next Hong Kong/Jiangxi" in c.text for c in m.commitments)
    assert m.warnings == []  # "The meeting reviewed the progress …" is plainly context


def test_a_lead_in_stating_the_areas_beside_a_count_of_items() -> None:
    """'52 co-operation items in the following three areas:': three is the count."""
    m = parse_bytes(GUANGXI_MACAO.encode(), "guangxi.txt")  # CRLF, hard-wrapped
    assert m.kind == "progress report" and m.stated_area_count == 3
    assert [a.name for a in m.areas] == ["Trade and logistics", "Health and medicine",
                                         "Youth exchanges"]  # fmt: skip
    assert [len(a.commitments) for a in m.areas] == [2, 1, 1]
    both = m.areas[1].commitments[0].text
    assert both.startswith("Both sides agreed to train 60") and both.endswith("medicine.")
    assert m.warnings == []


def test_the_lead_in_count_wins_over_a_count_of_the_whole_work_plan() -> None:
    text = GUANGXI_MACAO.replace(
        "The meeting took stock of the progress of the 2025 Work Plan.",
        "The meeting took stock of the progress of the 2025 Work Plan in nine areas.",
    )
    assert "in nine areas" in text
    m = parse_text(text)
    assert m.stated_area_count == 3 and len(m.areas) == 3
    assert m.warnings == []


def test_topic_openers_make_areas_and_uncertain_boundaries_are_warned() -> None:
    m = parse_bytes(SICHUAN_HONG_KONG.encode(), "sichuan.txt")
    assert m.kind == "progress report"
    assert _starts(m, 20) == {
        "Innovation and technology": ["On innovation and te", "Sichuan will support"],
        "Tourism": ["On tourism, Hong Kon", "Both sides agreed to"],
        "Culture": ["On culture, the two ", "The face-changing ar"],
    }
    # Before the first area, a paragraph that reads like an item is kept as context …
    assert not any("legal professions" in c.text for c in m.commitments)
    assert any(
        '"The two sides will also step' in w and "before the first area" in w for w in m.warnings
    ), m.warnings
    # … and after the last area's items, one that neither plans nor reports is kept as
    # an item: both named by their first words.
    assert any(
        '"The face-changing art of Sichuan opera' in w and "closing remark" in w for w in m.warnings
    ), m.warnings


def test_a_closing_remark_followed_by_more_items_is_kept_and_warned() -> None:
    text = FUJIAN_MACAO.replace(
        "     Also attending the meeting",
        "     Both sides agreed to review the internship scheme in a year.\n\n"
        "     Also attending the meeting",
    )
    m = parse_text(text)
    education = _items(m)["Education and youth"]
    assert education[-1] == "Both sides agreed to review the internship scheme in a year."
    assert education[-2].startswith("The two sides also reviewed the arrangements")
    assert any('"The two sides also reviewed the' in w for w in m.warnings), m.warnings
    assert not any("Also attending" in c for c in education)


def test_a_joint_conference_working_meeting_as_published() -> None:
    m = parse_bytes(GUANGDONG_HONG_KONG.encode(), "gd.txt")
    assert m.kind == "progress report"
    assert m.title == (
        "25th Working Meeting of Hong Kong/Guangdong Co-operation Joint Conference held in "
        "Guangzhou"
    )
    assert {a.name: len(a.commitments) for a in m.areas} == GUANGDONG_AREAS
    assert m.stated_area_count is None  # "71 key co-operation items in ten areas": the plan's
    finance = [c.text for c in m.areas[1].commitments]
    assert finance[0].startswith("Financial co-operation is a cornerstone")
    assert finance[1].startswith("On cross-boundary wealth management, the quota")
    texts = " ".join(c.text for c in m.commitments)
    assert "met the press" not in texts and "Also attending" not in texts
    assert m.warnings == []


def test_a_review_of_progress_is_a_report_though_its_paragraphs_look_like_commitments() -> None:
    """An agreement reader would take "Both sides agreed …" for commitments and the closing
    remark for one more; the working meeting reviewing its work plan says what it is."""
    m = parse_text(SHANDONG_HONG_KONG)
    assert m.kind == "progress report"
    assert {a.name: len(a.commitments) for a in m.areas} == {"Finance": 2, "Maritime affairs": 2}
    assert not any("also reviewed" in c.text for c in m.commitments)
    assert [d.title for d in m.signed_documents] == [
        "Memorandum of Understanding on Maritime Talent Training"
    ]
    assert m.warnings == []


def test_numbered_items_with_run_in_headings() -> None:
    m = parse_text(CHONGQING_MACAO)
    assert m.kind == "progress report"
    assert [(a.name, len(a.commitments)) for a in m.areas] == [
        ("Trade and exhibitions", 1), ("Tourism", 1), ("Education", 1)
    ]  # fmt: skip
    assert m.areas[1].commitments[0].text.startswith("Tourism: Chongqing will support")
    assert not any("next working meeting" in c.text for c in m.commitments)


def test_bulleted_items_under_markdown_headings_as_a_pdf_reader_gives_them() -> None:
    m = parse_text(GUANGDONG_MACAO)
    assert m.kind == "progress report"
    assert (
        m.title == "Guangdong-Macao Co-operation Joint Conference: progress of the 2025 Work Plan"
    )
    assert [(a.name, len(a.commitments)) for a in m.areas] == [
        ("Hengqin development", 2), ("Transport links", 2), ("Livelihood", 1)
    ]  # fmt: skip
    assert m.areas[0].commitments[0].text.startswith("The two sides completed")  # no "•"
    assert "Page 2 of 2" not in [c.text for c in m.commitments]
    assert m.warnings == []


GROUPED = """\
Hainan/Macao Co-operation Working Meeting reviews the 2025 Work Plan

The two sides reviewed the progress of the 2025 Work Plan in Haikou on 2 July 2025.

Economic co-operation

Trade

The two sides will hold a joint trade fair in Haikou.

Finance

Macao will continue to list Hainan bonds on its exchange.

Social co-operation

Health

Both sides agreed to exchange nurses between their hospitals.
"""


def test_a_heading_over_a_group_of_areas_is_neither_an_area_nor_an_item() -> None:
    m = parse_text(GROUPED)
    assert [(a.name, len(a.commitments)) for a in m.areas] == [
        ("Trade", 1), ("Finance", 1), ("Health", 1)
    ]  # fmt: skip
    assert not any(c.text.split()[-1] == "co-operation" for c in m.commitments)


def test_areas_of_prose_without_a_word_of_progress_are_an_agreement() -> None:
    m = parse_text(SHANGHAI_HONG_KONG)
    assert m.kind == "agreement"
    assert {a.name: len(a.commitments) for a in m.areas} == {"Finance": 2, "Culture": 2}
    assert "no sentence stating the number of co-operation areas was found" in m.warnings


def test_documents_signed_and_how_the_meeting_went_are_context() -> None:
    text = FUJIAN_MACAO.replace(
        "     The two sides also reviewed",
        "     The meeting was held in a cordial atmosphere.\n\n"
        "     The two sides signed the Memorandum of Understanding on Vocational Education "
        "Co-operation after the meeting.\n\n     The two sides also reviewed",
    )
    m = parse_text(text)
    assert _matches(m, FUJIAN_ITEMS), _items(m)
    assert [d.title for d in m.signed_documents] == [
        "Memorandum of Understanding on Vocational Education Co-operation"
    ]
    assert m.warnings == []


def test_a_topic_opener_about_the_meeting_itself_does_not_open_an_area() -> None:
    text = SICHUAN_HONG_KONG.replace(
        "The two sides will also step up",
        "Regarding the 2026 Work Plan, the two sides have agreed on 40 items.\n\n"
        "The two sides will also step up",
    )
    m = parse_text(text)
    assert [a.name for a in m.areas] == ["Innovation and technology", "Tourism", "Culture"]


def test_an_article_of_another_kind_is_still_no_agreement() -> None:
    with pytest.raises(InputError, match="no co-operation agreement found"):
        parse_bytes(FESTIVAL_ARTICLE.encode(), "festival.txt")


def test_the_same_report_rewrapped_gives_the_same_ids() -> None:
    a = parse_text(FUJIAN_MACAO)
    rewrapped = "\r\n".join(line.strip() for line in FUJIAN_MACAO.split("\n"))
    b = parse_text(rewrapped)
    assert a.kind == b.kind == "progress report"
    assert [c.id for c in a.commitments] == [c.id for c in b.commitments]
    assert [x.id for x in a.areas] == [x.id for x in b.areas]


LAYOUTS = hubei_layouts()


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_same_report_in_any_layout_gives_the_same_areas_items_and_ids(layout: str) -> None:
    def shape(m: Meeting) -> list[tuple[str, str, list[str]]]:
        return [(a.id, a.name.casefold(), [c.id for c in a.commitments]) for a in m.areas]

    text, name = LAYOUTS[layout]
    m = parse_bytes(text.encode(), name)
    ref = parse_bytes(LAYOUTS["plain headings"][0].encode(), "r.txt")
    assert m.kind == "progress report" and m.stated_area_count is None  # not 36, not nine
    assert shape(m) == shape(ref)
    assert [len(a.commitments) for a in m.areas] == [2, 2, 1]
    assert m.warnings == []
    shown = release_text(text, name)
    kinds = [s.kind for s in source_map(shown, m).segments]
    assert kinds.count("commitment") == 5 and kinds.count("heading") == 3


# -- agreements are untouched -------------------------------------------------------------
AGREEMENT = """\
Hong Kong and Hainan deepen co-operation

Hong Kong and Hainan reached consensus on 24 co-operation items in three areas:

Finance
Support Hainan enterprises in listing and raising funds in Hong Kong.

Tourism
Promote multi-destination tourism products covering the two places.

Aviation
Explore more direct flights between Haikou and Hong Kong.
"""


def test_an_agreement_is_an_agreement_and_counts_its_areas_not_its_items() -> None:
    m = parse_text(AGREEMENT)
    assert m.kind == "agreement"
    assert m.stated_area_count == 3  # not 24, the items
    assert [a.name for a in m.areas] == ["Finance", "Tourism", "Aviation"]
    assert not any("states" in w for w in m.warnings), m.warnings


REVIEWING_AGREEMENT = """\
Sichuan and Macao deepen co-operation

Chengdu, 8 August 2025 - The Chief Executive of Macao and the Governor of Sichuan reviewed \
the progress of co-operation since their last meeting and reached consensus on co-operation \
in the following areas:

Trade

Support Sichuan enterprises in using Macao as a platform for Portuguese-speaking markets.

Encourage Macao firms to join the Western China International Fair.

Tourism

Promote multi-destination tourism products combining Sichuan and Macao.

Documents signed

Agreement on Tourism Co-operation between Sichuan and Macao
"""


def test_commitments_in_bare_imperatives_stay_an_agreement_that_reviewed_progress() -> None:
    m = parse_text(REVIEWING_AGREEMENT)
    assert m.kind == "agreement"
    assert [(a.name, len(a.commitments)) for a in m.areas] == [("Trade", 2), ("Tourism", 1)]


def test_the_samples_are_agreements(seed_2025_path: Path) -> None:
    assert parsers.parse_file(seed_2025_path).kind == "agreement"


def test_kind_in_the_json_and_agreement_for_meetings_stored_without_it() -> None:
    m = parse_text(FUJIAN_MACAO)
    data = m.to_dict()
    assert data["kind"] == "progress report"
    assert Meeting.from_dict(data) == m
    del data["kind"]  # a meeting stored by an older coop-tui
    assert Meeting.from_dict(data).kind == "agreement"
    data["kind"] = "minutes"
    with pytest.raises(TypeError, match="kind"):
        Meeting.from_dict(data)
    assert m.copy().kind == "progress report"


def test_a_worker_sends_the_kind_back(tmp_path: Path) -> None:
    path = tmp_path / "fujian.txt"
    path.write_text(FUJIAN_MACAO, encoding="utf-8")
    parsed = parse_pool.read_and_parse(path)
    assert isinstance(parsed, parse_pool.ParsedFile)
    sent = pickle.loads(pickle.dumps(parse_pool._pack(parsed)))
    back = parse_pool._unpack(sent)
    assert isinstance(back, parse_pool.ParsedFile)
    assert back.meeting.kind == "progress report" and back == parsed


# -- where the items stand in the source --------------------------------------------------
def _kinds(text: str, name: str) -> list[tuple[str, str]]:
    m = parse_bytes(text.encode(), name)
    shown = release_text(text, name)
    return [
        (seg.kind, shown[seg.start : seg.end].strip())
        for seg in source_map(shown, m).segments
        if shown[seg.start : seg.end].strip() or seg.kind == "inferred-heading"
    ]


def test_the_source_view_marks_items_headings_and_context() -> None:
    kinds = dict((t[:40], k) for k, t in _kinds(FUJIAN_MACAO, "fujian.txt"))
    assert kinds["Trade and investment"] == "heading"
    assert kinds["In the past year, the two sides jointly s"[:40]] == "commitment"
    assert kinds["The two sides also reviewed the arrangeme"[:40]] == "context"
    assert kinds["Also attending the meeting were the Direc"[:40]] == "context"
    assert kinds["Both sides considered that the 2025 Work "[:40]] == "context"
    assert kinds["The progress made in individual areas and"[:40]] == "context"


def test_the_source_view_marks_areas_opened_by_their_topic() -> None:
    found = _kinds(SICHUAN_HONG_KONG, "sichuan.txt")
    assert [k for k, _ in found].count("inferred-heading") == 3
    assert [k for k, _ in found].count("commitment") == 6
    assert ("context", "The two sides will also step up exchanges between their legal "
            "professions.") in found  # fmt: skip


# -- the command line, the store and exports ----------------------------------------------
def test_parse_json_and_outline_say_progress_report(tmp_path: Path, capsys) -> None:
    path = tmp_path / "jiangxi.html"
    path.write_text(jiangxi_hong_kong_html(), encoding="utf-8")
    assert main(["parse", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["kind"] == "progress report"
    assert [a["name"] for a in data[0]["areas"]] == list(JIANGXI_ITEMS)
    assert main(["parse", str(path)]) == 0
    assert "progress report: 3 areas, 6 commitments" in capsys.readouterr().out


def test_import_list_and_exports_keep_the_kind(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db" / "store.json"
    report = tmp_path / "fujian.txt"
    report.write_text(FUJIAN_MACAO, encoding="utf-8")
    festival = tmp_path / "festival.txt"
    festival.write_text(FESTIVAL_ARTICLE, encoding="utf-8")
    assert main(["--db", str(db), "--create", "import", str(festival), str(report)]) == 2
    out = capsys.readouterr().out
    assert "1 added" in out and "1 failed" in out
    assert main(["--db", str(db), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    kinds = {m["title"]: m["kind"] for m in listed}
    assert kinds[parse_text(FUJIAN_MACAO).title] == "progress report"
    assert set(kinds.values()) == {"agreement", "progress report"}  # the samples beside it
    assert main(["--db", str(db), "list"]) == 0
    assert "· progress report" in capsys.readouterr().out
    # Imported again: unchanged.
    assert main(["--db", str(db), "import", str(report)]) == 0
    assert "1 unchanged" in capsys.readouterr().out
    store = Store.open(db)
    for m in store.meetings():  # an export carries annotated targets with their meeting
        store.add_note(m.commitments[0].id, "checked")
    sel = select(store, Filters())
    exported = json.loads(json_export(sel, "TIME"))["annotations"]
    kinds = {r["meeting"]["id"]: r["meeting"]["kind"] for r in exported}
    progress = next(m for m in store.meetings() if m.kind == "progress report")
    assert kinds[progress.id] == "progress report"
    assert sorted(set(kinds.values())) == ["agreement", "progress report"]
    rows = list(csv.DictReader(io.StringIO(csv_export(sel))))
    assert {r["meeting_id"]: r["meeting_kind"] for r in rows}[progress.id] == "progress report"
    assert {r["meeting_kind"] for r in rows} == {"agreement", "progress report"}
    report_md = markdown_report(sel, "TIME")
    assert "- Kind: progress report" in report_md
    assert report_md.count("- Kind:") == 1  # agreements say nothing of their kind


# -- the app ------------------------------------------------------------------------------
async def test_the_app_shows_a_progress_report_like_any_meeting(tmp_path: Path) -> None:
    from test_app_support import SIZE, app_for, screen_text, settle

    report = tmp_path / "fujian.txt"
    report.write_text(FUJIAN_MACAO, encoding="utf-8")
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False)
    assert [r.outcome for r in store.import_paths([report])] == ["added"]
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "2026-03-06 · Macao & Fujian · Fuzhou" in text
        assert "Trade and investment (2)" in text and "Education and youth (2)" in text
        assert "Kind: progress report" in text
        assert "Areas: 3 found · 6 commitments" in text


# -- the lead-in sentence, the whole work plan, how the occasion went (trial of issue 17) --
SHANDONG_MACAO = """\
Macao/Shandong Co-operation Working Meeting held in Jinan

The Secretary for Economy and Finance of Macao, Mr Tai, and the Vice Governor of Shandong \
Province, Ms Wang, co-chaired the Macao/Shandong Co-operation Working Meeting in Jinan today \
(May 20, 2026).

The 2026 Work Plan of Macao/Shandong Co-operation holds 56 co-operation items in nine areas. \
Both sides went through what had been achieved since the last meeting. The progress made and \
the way forward in the following areas are described below:

(1) Convention and exhibition

Over the past year, Shandong firms took part in four trade fairs held in Macao.

The two sides will co-host a seafood and agriculture expo in Macao in the autumn.

(2) Traditional Chinese medicine

Shandong will support Macao's Chinese medicine makers in registering products on the \
Mainland.

(3) Youth exchanges

Both sides agreed to offer 80 internship places in Shandong to Macao students each summer.

A troupe from Qufu played ancient ritual music at the welcome banquet, and the guests \
toured the Confucius Temple.

Twelve Macao graduates were recruited by Shandong laboratories last year.

The Shandong opera excerpt was performed at the dinner after the meeting.

Regarding the 2026 Work Plan, the two sides agreed to finish 40 of its items before the \
year ends.

The two sides also reviewed the arrangements for the next Working Meeting, to be held in \
Macao next year.

Also attending the meeting were officials of the Macao Economic and Technological \
Development Bureau.
"""

HENAN_MACAO = """\
Macao and Henan hold co-operation working meeting

The Macao/Henan Co-operation Working Meeting was held in Zhengzhou today (June 3). The two \
sides reviewed the progress made in the past year and discussed directions for future \
co-operation.

On logistics, the two sides will open a weekly air cargo route between Zhengzhou and Macao.

On tourism, Henan will support Macao travel agents in selling tours to the Shaolin Temple.

The two sides will exchange visitor figures every quarter.

As for the 2026 Work Plan, both sides agreed to complete all 25 items by December.

The next Working Meeting will be held in Macao in 2027.
"""


def test_the_count_of_areas_comes_from_the_lead_in_sentence_alone() -> None:
    """'… 56 co-operation items in nine areas. … in the following areas are described below:'
    in one paragraph: nine counts the whole work plan, not the areas set out."""
    m = parse_text(SHANDONG_MACAO)
    assert m.kind == "progress report" and len(m.areas) == 3
    assert m.stated_area_count is None
    assert not any("states" in w for w in m.warnings), m.warnings
    stated = SHANDONG_MACAO.replace("in the following areas", "in the following three areas")
    assert parse_text(stated).stated_area_count == 3
    text = SHANDONG_MACAO.replace("in the following areas", "in the following four areas")
    four = parse_text(text)
    assert four.stated_area_count == 4
    assert "the release states 4 co-operation areas but 3 were found" in four.warnings


def test_a_paragraph_on_the_whole_work_plan_after_the_items_is_context() -> None:
    for text, last in ((SHANDONG_MACAO, "Youth exchanges"), (HENAN_MACAO, "Tourism")):
        m = parse_text(text)
        assert m.kind == "progress report"
        texts = [c.text for c in m.commitments]
        assert not any("Work Plan" in t for t in texts), texts
        assert m.areas[-1].name == last
    henan = parse_text(HENAN_MACAO)
    assert [len(a.commitments) for a in henan.areas] == [1, 2]
    # the work plan's items in the area itself: an item
    own = "Of the 6 items of the Work Plan in this area, 4 have been completed."
    text = HENAN_MACAO.replace("As for the 2026", f"{own}\n\nAs for the 2026")
    assert [c.text for c in parse_text(text).areas[-1].commitments][-1] == own


def test_paragraphs_on_how_the_occasion_went_are_warned_wherever_they_stand() -> None:
    m = parse_text(SHANDONG_MACAO)
    youth = [c.text for c in m.areas[-1].commitments]
    # kept where they are, but each named in a warning: one among the items, one after them
    assert youth[1].startswith("A troupe from Qufu") and youth[2].startswith("Twelve Macao")
    assert youth[3].startswith("The Shandong opera excerpt") and len(youth) == 4
    for start in ('"A troupe from Qufu played', '"The Shandong opera excerpt was'):
        assert any(start in w for w in m.warnings), m.warnings
    # an item reporting progress is not warned
    assert not any("Twelve Macao" in w or "Over the past year" in w for w in m.warnings)


def test_documents_signed_listed_on_lines_of_their_own_after_the_items() -> None:
    """'The two sides signed the following documents:' and a title per line after the
    closing remarks: signed documents, not areas or items."""
    listed = (
        "The two sides signed the following documents:\n\n"
        "Memorandum of Understanding on Exhibition Co-operation\n\n"
        "Co-operation Plan on Youth Internships 2026-2028\n\n"
        "Also attending the meeting"
    )
    for mark in ("", "1. "):
        text = SHANDONG_MACAO.replace("Also attending the meeting", listed)
        text = text.replace("\n\nMemorandum", f"\n\n{mark}Memorandum")
        m = parse_text(text)
        assert [a.name for a in m.areas] == [
            "Convention and exhibition",
            "Traditional Chinese medicine",
            "Youth exchanges",
        ]
        assert [len(a.commitments) for a in m.areas] == [2, 1, 4]
        assert [d.title for d in m.signed_documents] == [
            "Memorandum of Understanding on Exhibition Co-operation",
            "Co-operation Plan on Youth Internships 2026-2028",
        ]


def test_show_says_a_meeting_is_a_progress_report(tmp_path: Path, capsys) -> None:
    """`show` on a progress report's meeting, area or commitment says it is one, and
    `show --json`'s meeting has the meeting's `kind`."""
    db = tmp_path / "db" / "store.json"
    report = tmp_path / "fujian.txt"
    report.write_text(FUJIAN_MACAO, encoding="utf-8")
    assert main(["--db", str(db), "--create", "import", str(report)]) == 0
    store = Store.open(db)
    progress = next(m for m in store.meetings() if m.kind == "progress report")
    agreement = next(m for m in store.meetings() if m.kind == "agreement")
    capsys.readouterr()
    for target in (progress.id, progress.areas[0].id, progress.commitments[0].id):
        assert main(["--db", str(db), "show", target]) == 0
        out = capsys.readouterr().out.splitlines()
        [line] = [x for x in out if x.startswith(f"meeting {progress.id}: ")]
        assert line.endswith(" · progress report"), line
        assert main(["--db", str(db), "show", "--json", target]) == 0
        assert json.loads(capsys.readouterr().out)["meeting"]["kind"] == "progress report"
    assert main(["--db", str(db), "show", agreement.commitments[0].id]) == 0
    assert "progress report" not in capsys.readouterr().out
    assert main(["--db", str(db), "show", "--json", agreement.id]) == 0
    assert json.loads(capsys.readouterr().out)["meeting"]["kind"] == "agreement"
