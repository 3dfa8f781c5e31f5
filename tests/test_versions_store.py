"""One meeting in two languages: the English and the Chinese release of a meeting become
one meeting with two versions (``store.versions``): listed once, its commitments carrying
their other-language text, annotations shared by the pair, exports with both texts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from store import Store
from tests.bilingual_support import ENGLISH, TRADITIONAL, write_2025, write_pair
from tests.store_support import run_cli


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Store, Path, Path]:
    en, zh = write_pair(tmp_path / "releases")
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en])
    store.import_paths([zh])
    return store, en, zh


def _listed(store: Store) -> list[dict]:
    done = run_cli("list", "--json", "--db", store.path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_two_versions_are_listed_as_one_meeting_with_both_texts(pair) -> None:
    store, _, _ = pair
    [meeting] = _listed(store)  # not two meetings
    assert meeting["language"] == "en"
    assert meeting["languages"] == ["en", "zh-Hant"]
    finance = meeting["areas"][0]
    assert finance["name"] == "Finance"
    assert finance["translations"] == {"zh-Hant": "金融"}
    first = finance["commitments"][0]
    assert first["text"].startswith("Support Zhejiang enterprises in listing")
    assert first["translations"]["zh-Hant"].startswith("支持浙江企業赴港上市")
    aviation = meeting["areas"][1]["commitments"]
    assert aviation[1]["translations"]["zh-Hant"].startswith("探索寧波")
    # the Chinese version's extra commitment is named in a warning with its area
    assert any("Education" in w and "教育" in w for w in meeting["warnings"]), meeting["warnings"]


def test_a_status_set_on_either_version_is_the_pairs(pair) -> None:
    store, _, _ = pair
    english = store.meetings()[0]
    chinese = store.meetings("zh-Hant")[0]
    assert chinese.language == "zh-Hant" and chinese.id != english.id
    en_first = english.areas[0].commitments[0]
    zh_first = chinese.areas[0].commitments[0]
    done = run_cli("status", zh_first.id, "implemented", "--db", store.path)
    assert done.returncode == 0, done.stderr
    shown = json.loads(run_cli("show", en_first.id, "--json", "--db", store.path).stdout)
    assert shown["status"] == "implemented"
    assert shown["translations"]["zh-Hant"] == zh_first.text
    run_cli("tag", en_first.id, "listing", "--db", store.path)
    run_cli("note", zh_first.id, "見2025年報告", "--db", store.path)
    back = json.loads(run_cli("show", zh_first.id, "--json", "--db", store.path).stdout)
    assert back["status"] == "implemented"
    assert back["tags"] == ["listing"]
    assert [n["text"] for n in back["notes"]] == ["見2025年報告"]
    # counted once: the pair is one meeting (its five commitments and the Chinese
    # version's extra one) with one rated commitment
    stats = json.loads(run_cli("stats", "--json", "--db", store.path).stdout)
    assert [(m["commitments"], m["rated"]) for m in stats["meetings"]] == [(6, 1)]


def test_the_extra_chinese_commitment_keeps_its_own_annotations(pair) -> None:
    """A commitment only the Chinese version has keeps its own ID and annotations, and is
    shown (and counted, listed, exported) in the meeting as the English version gives it,
    in its area, marked with its language: hidden with the version, its status would be
    seen nowhere."""
    store, _, _ = pair
    chinese = store.meetings("zh-Hant")[0]
    extra = chinese.areas[2].commitments[1]
    assert extra.text.startswith("支持兩地中小學締結姊妹學校")
    assert store.canonical_id(extra.id) == extra.id
    store.set_status(extra.id, "in-progress")
    english = store.meetings()[0]
    education = english.areas[2]
    assert [c.id for c in education.commitments][1:] == [extra.id]
    assert [store.annotation(c.id).status.value for c in english.commitments] == [
        "not-rated", "not-rated", "not-rated", "not-rated", "not-rated", "in-progress"
    ]  # fmt: skip
    [meeting] = _listed(store)
    listed = meeting["areas"][2]["commitments"][1]
    assert listed["id"] == extra.id and listed["status"] == "in-progress"
    assert listed["language"] == "zh-Hant"


def test_the_chinese_version_alone_is_a_meeting_in_chinese(tmp_path: Path) -> None:
    _, zh = write_pair(tmp_path / "releases")
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([zh])
    [meeting] = _listed(store)
    assert meeting["language"] == "zh-Hant" and meeting["languages"] == ["zh-Hant"]
    assert [a["name"] for a in meeting["areas"]] == ["金融", "航空", "教育"]
    # the names as written, and in English from the gazetteer (to link to English releases)
    assert meeting["parties"] == ["香港", "浙江"] and meeting["place"] == "杭州"
    assert meeting["parties_en"] == ["Hong Kong", "Zhejiang"]
    assert meeting["place_en"] == "Hangzhou"
    parsed = json.loads(run_cli("parse", zh, "--json").stdout)[0]
    assert parsed["language"] == "zh-Hant" and parsed["parties_en"] == ["Hong Kong", "Zhejiang"]
    assert all(c["translations"] == {} for a in meeting["areas"] for c in a["commitments"])


def test_import_says_a_release_is_another_meetings_version(tmp_path: Path) -> None:
    en, zh = write_pair(tmp_path / "releases")
    db = tmp_path / "store.json"
    assert run_cli("init", "--db", db).returncode == 0
    first = run_cli("import", en, "--db", db)
    assert first.returncode == 0 and "version of" not in first.stdout
    english_id = first.stdout.split()[2]
    second = run_cli("import", zh, "--db", db)
    assert second.returncode == 0, second.stderr
    assert f"(zh-Hant version of meeting {english_id})" in second.stdout


def test_the_version_imported_first_stays_the_primary(tmp_path: Path) -> None:
    """Chinese first, annotated, then English: the annotation stays where it was and the
    English commitment shows it."""
    en, zh = write_pair(tmp_path / "releases")
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([zh])
    zh_first = store.meetings()[0].areas[0].commitments[0]
    store.set_status(zh_first.id, "partial")
    store.import_paths([en])
    [meeting] = _listed(store)
    assert meeting["languages"] == ["zh-Hant", "en"]
    assert meeting["areas"][0]["commitments"][0]["status"] == "partial"
    english = store.meetings("en")[0]
    assert store.annotation(english.areas[0].commitments[0].id).status.value == "partial"


def test_another_meeting_of_the_same_parties_is_not_a_version(tmp_path: Path) -> None:
    en, _ = write_pair(tmp_path / "releases")
    later = write_2025(tmp_path / "releases")
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en, later])
    assert len(_listed(store)) == 2
    assert store.versions().groups == {}


def test_exports_carry_both_texts(pair, tmp_path: Path) -> None:
    store, _, _ = pair
    english = store.meetings()[0]
    first = english.areas[0].commitments[0]
    store.set_status(first.id, "implemented")
    out = tmp_path / "out"
    out.mkdir()
    assert run_cli("export", "-o", out / "a.json", "--db", store.path).returncode == 0
    record = next(
        r for r in json.loads((out / "a.json").read_text())["annotations"] if r["id"] == first.id
    )
    assert record["translations"]["zh-Hant"].startswith("支持浙江企業赴港上市")
    assert record["meeting"]["languages"] == ["en", "zh-Hant"]
    assert run_cli("export", "-o", out / "r.md", "--db", store.path).returncode == 0
    report = (out / "r.md").read_text(encoding="utf-8")
    assert "> Support Zhejiang enterprises in listing" in report
    assert "> zh-Hant: 支持浙江企業赴港上市" in report
    assert run_cli("export", "-o", out / "r.csv", "--db", store.path).returncode == 0
    rows = list(csv.DictReader(io.StringIO((out / "r.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 6  # the English version's commitments, and the Chinese one's extra
    assert rows[0]["language"] == "en"
    assert rows[0]["translations"].startswith("zh-Hant: 支持浙江企業")
    assert rows[5]["language"] == "zh-Hant" and rows[5]["commitment"].startswith("支持兩地中小學")


def test_the_year_diff_compares_a_language_with_itself(tmp_path: Path) -> None:
    en, zh = write_pair(tmp_path / "releases")
    later = write_2025(tmp_path / "releases", fifth=True)
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en])
    store.import_paths([zh])
    store.import_paths([later])  # only in Chinese
    done = run_cli("diff", "--json", "--db", store.path)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    # the 2024 meeting's Chinese version is compared with the 2025 Chinese release: its
    # commitments are the same text, unchanged (English against Chinese: all new/dropped)
    assert found["a"]["date"] == "2024-09-12" and found["b"]["date"] == "2025-04-24"
    assert found["a"]["id"] == store.meetings("zh-Hant")[0].id
    assert found["summary"]["commitments"]["unchanged"] == 6
    # asked for English, which the 2025 meeting lacks: compared in Chinese, and said so
    english = run_cli("diff", "--json", "--language", "en", "--db", store.path)
    assert json.loads(english.stdout)["a"]["id"] == store.meetings("zh-Hant")[0].id
    assert "no en versions" in english.stderr


def test_english_text_alone_is_unchanged() -> None:
    """The English release parses with language "en" and no Chinese in it."""
    import parsers

    meeting = parsers.parse_text(ENGLISH, "conference-en.txt")
    assert meeting.language == "en"
    assert [a.name for a in meeting.areas] == ["Finance", "Aviation", "Education"]


def test_a_colleagues_rating_of_the_other_version_is_the_pairs(pair, tmp_path: Path) -> None:
    """A colleague imported the Chinese release first and rated it: merged here, where
    the English version is the primary, the rating is the English commitment's."""
    store, _, zh = pair
    theirs = Store.open(tmp_path / "theirs" / "store.json", seed_samples=False, create=True)
    theirs.import_paths([zh])
    zh_first = theirs.meetings()[0].areas[1].commitments[0]
    theirs.set_status(zh_first.id, "stalled", evidence="航班未增")
    theirs.add_note(zh_first.id, "見民航處數字")
    export = tmp_path / "theirs.json"
    assert run_cli("export", "-o", export, "--db", theirs.path).returncode == 0
    done = run_cli("import-annotations", export, "--db", store.path)
    assert done.returncode == 0, done.stderr
    store.refresh()
    en_first = store.meetings()[0].areas[1].commitments[0]
    assert en_first.text.startswith("Promote more direct flights")
    ann = store.annotation(en_first.id)
    assert ann.status.value == "stalled"
    assert [n.text for n in ann.notes] == ["見民航處數字"]
    assert store.orphan_count() == 0


def test_a_heading_lost_in_one_version_is_named_from_the_other() -> None:
    """The English release lost its first heading (the parser named the area from its
    words, marked inferred); the Chinese version has it: the English area is named after
    it, still marked inferred, with the Chinese heading beside it."""
    from parsers.model import Area, Commitment, Meeting
    from store.versions import build_versions

    def meeting(
        mid: str, language: str, names: list[tuple[str, bool]], texts: list[str]
    ) -> Meeting:
        areas = [
            Area(f"{mid}a{i}", name, inferred, [Commitment(f"{mid}c{i}", texts[i])])
            for i, (name, inferred) in enumerate(names)
        ]
        return Meeting(mid, "t", "2024-09-12", None, ["Hong Kong", "Zhejiang"], "s", 2,
                       areas, language=language)  # fmt: skip

    en = meeting(
        "e", "en", [("Listing and bonds", True), ("Aviation", False)],
        ["Support enterprises in listing and in issuing bonds, 20 companies in 2025.",
         "Promote 120 direct flights a week between the two airports."],
    )  # fmt: skip
    zh = meeting(
        "z", "zh-Hant", [("金融", False), ("航空", False)],
        ["支持企業上市及發行債券，2025年約20家企業。", "推動兩地機場每周120班直航航班。"],
    )  # fmt: skip
    found = build_versions([["e", "z"]], {"e": en, "z": zh}.__getitem__)
    named = found.named(en)
    assert [(a.name, a.heading_inferred) for a in named.areas] == [
        ("Finance", True), ("Aviation", False)
    ]  # fmt: skip
    assert found.translations["ea0"] == {"zh-Hant": "金融"}
    assert en.areas[0].name == "Listing and bonds"  # the stored meeting is left as parsed
    # and the other way: a Chinese heading lost, the English one kept
    zh.areas[1].name, zh.areas[1].heading_inferred = "直航航班", True
    back = build_versions([["e", "z"]], {"e": en, "z": zh}.__getitem__).named(zh)
    assert back.areas[1].name == "航空"


def test_the_researcher_links_two_versions_by_correcting_a_date_or_parties(
    tmp_path: Path,
) -> None:
    """A Chinese release whose year is not given is not paired; correcting its date links
    it to its English version, and correcting the parties does as well."""
    undated = TRADITIONAL.split("完")[0]  # no closing line: the body's 九月十二日 has no year
    en, zh = write_pair(tmp_path / "releases", undated)
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en, zh])
    chinese = next(m for m in store.meetings() if m.language == "zh-Hant")
    assert chinese.date is None and len(_listed(store)) == 2
    done = run_cli("fix", "meeting", chinese.id, "--date", "2024-09-12", "--db", store.path)
    assert done.returncode == 0, done.stderr
    [meeting] = _listed(store)
    assert meeting["languages"] == ["en", "zh-Hant"]
    # parties read otherwise unlink them; correcting the parties links them again
    done = run_cli("fix", "meeting", chinese.id, "--parties", "香港; 寧波", "--db", store.path)
    assert done.returncode == 0, done.stderr
    assert len(_listed(store)) == 2
    done = run_cli("fix", "meeting", chinese.id, "--parties", "浙江 ;香港", "--db", store.path)
    assert done.returncode == 0, done.stderr
    [meeting] = _listed(store)
    assert meeting["languages"] == ["en", "zh-Hant"]
    zh_meeting = json.loads(run_cli("list", chinese.id, "--json", "--db", store.path).stdout)[0]
    assert zh_meeting["parties"] == ["浙江", "香港"]
    assert zh_meeting["original"]["parties"] == "香港; 浙江"


def test_the_overview_follows_an_area_across_languages(tmp_path: Path) -> None:
    """2024 in English and Chinese, 2025 in Chinese only: Finance (2024) and 金融 (2025)
    are one row of the series, aligned through the 2024 meeting's Chinese version."""
    en, zh = write_pair(tmp_path / "releases")
    later = write_2025(tmp_path / "releases")
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en])
    store.import_paths([zh])
    store.import_paths([later])
    done = run_cli("stats", "--json", "--db", store.path)
    assert done.returncode == 0, done.stderr
    [series] = json.loads(done.stdout)["series"]
    english, chinese = store.meetings()
    rows = {tuple(r["names"]): r for r in series["rows"]}
    assert set(rows) == {("Finance", "金融"), ("Aviation", "航空"), ("Education", "教育")}
    finance = rows[("Finance", "金融")]["cells"]
    assert finance[english.id]["area_id"] == english.areas[0].id
    assert finance[chinese.id]["area_id"] == chinese.areas[0].id


def test_two_english_commitments_merged_into_one_chinese(tmp_path: Path) -> None:
    """The Chinese version says the two English finance commitments in one paragraph:
    both English commitments show it as their translation, the warning names the area,
    and the Chinese paragraph stands for the first of them (its status is shown there)."""
    merged = TRADITIONAL.replace(
        "支持浙江企業赴港上市及發行離岸人民幣債券，預計2025年約有20家企業申請。\n\n"
        "鼓勵兩地銀行為杭州及寧波居民發展跨境理財服務。",
        "支持浙江企業赴港上市及發行離岸人民幣債券，預計2025年約有20家企業申請，"
        "並鼓勵兩地銀行為杭州及寧波居民發展跨境理財服務。",
    )
    assert merged != TRADITIONAL
    en, zh = write_pair(tmp_path / "releases", merged)
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en, zh])
    [meeting] = _listed(store)
    first, second = meeting["areas"][0]["commitments"]
    assert first["translations"] == second["translations"]
    assert first["translations"]["zh-Hant"].endswith("發展跨境理財服務。")
    assert any("Finance" in w and "金融" in w for w in meeting["warnings"]), meeting["warnings"]
    chinese = store.meetings("zh-Hant")[0].areas[0].commitments[0]
    assert store.translations(chinese.id)["en"].startswith("Support Zhejiang enterprises")
    done = run_cli("status", chinese.id, "partial", "--db", store.path)
    assert done.returncode == 0, done.stderr
    english = store.meetings()[0].areas[0].commitments
    # said where it goes: the first of the two
    assert f"recorded on the first, {english[0].id}" in done.stderr
    store.refresh()
    assert [store.annotation(c.id).status.value for c in english] == ["partial", "not-rated"]


def test_search_finds_a_commitment_through_its_other_language(pair) -> None:
    """`coop-tui search` in Simplified finds the English commitment through its Traditional
    version, and says which language the text shown is in."""
    store, _, _ = pair
    done = run_cli("search", "跨境理财", "--json", "--db", store.path)  # Simplified query
    assert done.returncode == 0, done.stderr
    [hit] = [r for r in json.loads(done.stdout) if r["kind"] == "commitment"]
    english = store.meetings()[0].areas[0].commitments[1]
    assert hit["id"] == english.id
    assert hit["language"] == "zh-Hant" and "跨境理財" in hit["text"]
    plain = run_cli("search", "跨境理财", "--db", store.path).stdout
    assert english.id in plain and "(zh-Hant)" in plain


def test_versions_imported_together_have_the_english_as_primary(tmp_path: Path) -> None:
    """Given in one command, in either order and however the parse workers finish, the
    English version is the primary: the same store every time."""
    en, zh = write_pair(tmp_path / "releases")
    for n, order in enumerate(([zh, en], [en, zh])):
        store = Store.open(tmp_path / f"s{n}" / "store.json", seed_samples=False, create=True)
        store.import_paths(order)
        assert [m.language for m in store.meetings()] == ["en"]
        records = store.corpus.records.values()
        assert len({r.imported for r in records}) == 1  # one import: one time


def test_a_version_is_named_as_its_meeting(tmp_path: Path) -> None:
    """The Chinese version's ID names its meeting in stats and export; a date names the
    meeting once (not two versions); a Chinese-only meeting is named by its parties'
    English names; diff with the Chinese version's ID compares that version."""
    en, zh = write_pair(tmp_path / "releases")
    later = write_2025(tmp_path / "releases")
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en, zh])
    store.import_paths([later])
    english, chinese_2025 = store.meetings()
    chinese = store.meetings("zh-Hant")[0]
    db = ("--db", store.path)
    stats = json.loads(run_cli("stats", "--meeting", chinese.id[:8], "--json", *db).stdout)
    assert [m["id"] for m in stats["meetings"]] == [english.id]
    listed = json.loads(run_cli("list", "2024-09-12", "--json", *db).stdout)
    assert [m["id"] for m in listed] == [english.id]
    by_english = json.loads(run_cli("list", "2025 zhejiang", "--json", *db).stdout)
    assert [m["id"] for m in by_english] == [chinese_2025.id]
    # and an English meeting by its parties' Chinese names, in either script
    for name in ("2024 浙江", "2024 浙江 香港", "2024 香港"):
        found = json.loads(run_cli("list", name, "--json", *db).stdout)
        assert [m["id"] for m in found] == [english.id], name
    done = run_cli("export", "--meeting", chinese.id, "-o", tmp_path / "x.json", *db)
    assert done.returncode == 0, done.stderr
    done = run_cli("diff", chinese.id, chinese_2025.id, "--json", *db)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["a"]["id"] == chinese.id
    english_diff = run_cli("diff", english.id, chinese_2025.id, "--language", "en", *db)
    assert english_diff.returncode == 0, english_diff.stderr
    assert "no en versions" in english_diff.stderr


def test_an_area_whose_second_heading_was_lost_is_split_as_the_other_version_has_it(
    tmp_path: Path,
) -> None:
    """The English release lost its Education heading and states no count, so its last
    area holds the aviation and the education commitments; the Chinese version has both
    headings: the English area is shown as two, the second named Education (inferred)
    with 教育 beside it, and the Chinese 教育 area stands for it."""
    no_heading = ENGLISH.replace("\nEducation\n", "\n").replace(
        "agreed to strengthen co-operation in the\nfollowing three areas:",
        "agreed to strengthen co-operation as follows:",
    )
    assert no_heading.count("Education") == 0 and "three areas" not in no_heading
    en, zh = write_pair(tmp_path / "releases")
    en.write_text(no_heading, encoding="utf-8")
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en, zh])
    english = store.meetings()[0]
    assert [(a.name, a.heading_inferred, len(a.commitments)) for a in english.areas] == [
        ("Finance", False, 2), ("Aviation", False, 2), ("Education", True, 2)
    ]  # fmt: skip
    education = english.areas[2]
    assert education.commitments[0].text.startswith("Encourage the universities")
    assert store.translations(education.id) == {"zh-Hant": "教育"}
    chinese = store.meetings("zh-Hant")[0]
    assert store.canonical_id(chinese.areas[2].id) == education.id
    store.add_tags(chinese.areas[2].id, ["exchange"])
    assert store.annotation(education.id).tags == ["exchange"]
    assert store.locate(education.commitments[0].id)[1].id == education.id


def test_versions_annotated_before_they_were_linked_keep_both_annotations(
    tmp_path: Path,
) -> None:
    """The Chinese release's year was not read, so the two were two meetings, each rated
    and noted on its own; linked by correcting the date, the pair shows both ratings (in
    time order), both tags and both notes — in show, stats and the export — and an
    editor's status over that history is not taken for a change made elsewhere."""
    undated = TRADITIONAL.split("完")[0]
    en, zh = write_pair(tmp_path / "releases", undated)
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en, zh])
    english = next(m for m in store.meetings() if m.language == "en")
    chinese = next(m for m in store.meetings() if m.language == "zh-Hant")
    en_first, zh_first = english.areas[0].commitments[0], chinese.areas[0].commitments[0]
    store.set_status(en_first.id, "in-progress", evidence="listing rules drafted")
    store.add_tags(en_first.id, ["listing"])
    store.add_note(en_first.id, "English note")
    store.set_status(zh_first.id, "implemented", evidence="首批企業已上市")
    store.add_tags(zh_first.id, ["上市"])
    store.add_note(zh_first.id, "中文筆記")
    store.correct_meeting(chinese.id, date="2024-09-12")  # now versions of one meeting
    pair = store.annotation(zh_first.id)
    assert pair == store.annotation(en_first.id)
    assert [c.status.value for c in pair.history] == ["in-progress", "implemented"]
    assert pair.status.value == "implemented"
    assert sorted(pair.tags) == ["listing", "上市"]
    assert sorted(n.text for n in pair.notes) == ["English note", "中文筆記"]
    stats = json.loads(run_cli("stats", "--json", "--db", store.path).stdout)
    assert [m["rated"] for m in stats["meetings"]] == [1]
    assert stats["meetings"][0]["by_status"]["implemented"] == 1
    records = json.loads(run_cli("export", "--format", "json", "--db", store.path).stdout)
    [record] = [r for r in records["annotations"] if r["id"] == en_first.id]
    assert len(record["notes"]) == 2 and record["status"] == "implemented"
    # an editor that showed the pair's history writes over it
    written = store.set_status(en_first.id, "partial", base=pair.history)
    assert written is not None and store.annotation(zh_first.id).status.value == "partial"
    # the Chinese entry removed where it is kept
    store.remove_status_change(en_first.id, pair.history[1])
    assert [c.status.value for c in store.annotation(en_first.id).history] == [
        "in-progress", "partial"
    ]  # fmt: skip


def test_three_versions_show_an_extra_commitment_once(tmp_path: Path) -> None:
    """English, Traditional and Simplified: the commitment only the Chinese have is shown
    (and counted) once in the meeting, not once per script."""
    from parsers.zh_script import to_simplified

    en, zh = write_pair(tmp_path / "releases")
    hans = tmp_path / "releases" / "conference-zh-hans.txt"
    hans.write_text(to_simplified(TRADITIONAL), encoding="utf-8")
    store = Store.open(tmp_path / "store.json", seed_samples=False, create=True)
    store.import_paths([en, zh, hans])
    [meeting] = _listed(store)
    assert meeting["languages"] == ["en", "zh-Hant", "zh-Hans"]
    assert len(meeting["areas"][2]["commitments"]) == 2  # Education: its own and the extra
    stats = json.loads(run_cli("stats", "--json", "--db", store.path).stdout)
    assert [m["commitments"] for m in stats["meetings"]] == [6]
