"""Pilot tests of search (/), the command palette's jump, and orphaned annotations (o)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_app_support import SIZE, app_for, flat, new_store, screen_text, settle
from textual.command import CommandPalette
from textual.widgets import OptionList

from search import SearchIndex
from store import Status, Store
from tui.screens.orphans import OrphansScreen
from tui.screens.search import SearchScreen

INTERNSHIP = "9610bef81371"  # 2023, Youth Exchange: "Support and promote the … Internship …"
SAMPLE_2023 = Path(__file__).resolve().parent.parent / "store" / "samples"


def results(app) -> list[str]:
    options = app.screen.query_one("#results", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_search_as_you_type_and_go_to_the_result(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"yout")
        many = len(results(app))
        await pilot.press(*"h intern")
        found = results(app)
        assert 0 < len(found) < many
        assert "Hong Kong Youth Internship Programme" in flat(found[0])
        assert "3 results" in screen_text(app)
        # matched words are highlighted
        prompt = app.screen.query_one("#results", OptionList).get_option_at_index(0).prompt
        marked = {prompt.plain[s.start : s.end] for s in prompt.spans if "reverse" in str(s.style)}
        assert {"Youth", "Internship"} <= marked

        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == INTERNSHIP
        )
        text = screen_text(app)
        assert "▼ Youth Exchange (2)" in text
        assert f"Commitment {INTERNSHIP}" in text


async def test_search_arrow_down_into_results(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"youth intern", "down", "enter")
        await settle(pilot)
        assert app.main.agreement_tree.current is not None
        assert app.main.agreement_tree.current.id != INTERNSHIP  # the second result


async def test_search_filters_status_tag_meeting_and_finds_notes(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    store = Store.open(path)
    m2023, m2025 = store.meetings()
    stalled = m2023.commitments[3].id
    store.set_status(stalled, Status.STALLED)
    tagged = m2025.commitments[5].id
    store.add_tags(tagged, ["flagship"])
    noted = m2025.commitments[7].id
    store.add_note(noted, "Ask the bureau about the **zebrafish** pilot")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = SearchScreen
        await pilot.press("slash", *"status:stalled")
        assert isinstance(app.screen, screen)
        assert [r.target_id for r in app.screen.results] == [stalled]
        assert "status stalled" in screen_text(app)

        await pilot.press("ctrl+u", *"tag:flag")
        assert [r.target_id for r in app.screen.results] == [tagged]

        await pilot.press("ctrl+u", *"meeting:2025 finance")
        assert app.screen.results
        assert {r.meeting_id for r in app.screen.results} == {m2025.id}

        await pilot.press("ctrl+u", *"zebrafsh")  # a typo still finds the note
        assert [(r.kind, r.target_id) for r in app.screen.results] == [("note", noted)]
        assert "note: Ask the bureau about the **zebrafish** pilot" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == noted
        )
        assert "Ask the bureau about the zebrafish pilot" in screen_text(app)


async def test_search_sees_edits_made_in_the_app(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "t", *"quokka", "enter", "enter")
        await settle(pilot)
        await pilot.press("slash", *"quokka")
        assert [r.kind for r in app.screen.results] == ["tag"]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)


async def test_palette_jumps_to_a_commitment_by_fuzzy_text(tmp_path: Path) -> None:
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"youth internship programme")
        for _ in range(200):  # the palette gathers hits in the background
            await pilot.pause()
            if "Jump to" in screen_text(app) and "Internship" in screen_text(app):
                break
        assert "Jump to" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == INTERNSHIP
        )


async def test_orphans_are_listed_and_reattached(tmp_path: Path) -> None:
    source = SAMPLE_2023 / "hong-kong-zhejiang-2023-06-26.txt"
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False)
    store.import_paths([copy])
    commitment = store.meetings()[0].areas[1].commitments[0]
    store.add_note(commitment.id, "my orphaned note")
    half = commitment.text[: len(commitment.text) // 2]
    changed = half + " Both sides will also set up a joint laboratory for marine science."
    copy.write_text(copy.read_text(encoding="utf-8").replace(commitment.text, changed))
    store.import_paths([copy])
    [orphan] = store.orphans()
    best = orphan.suggestions[0][0]
    best_text = store.locate(best)[2].text
    assert best_text.endswith("joint laboratory for marine science.")

    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrphansScreen)
        text = flat(screen_text(app))
        assert "Orphaned annotations (1)" in text
        assert "my orphaned note" in text
        assert " ".join(best_text.split()[:8]) in text  # the best suggestion
        await pilot.press("tab", "r")
        await settle(pilot)
        assert Store.open(path).orphans() == []
        assert [n.text for n in Store.open(path).annotation(best).notes] == ["my orphaned note"]
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == best
        )
        text = screen_text(app)
        assert "Re-attached the orphaned note" in text
        assert "my orphaned note" in text


async def test_search_index_is_built_from_the_store(tmp_path: Path) -> None:
    store = Store.open(new_store(tmp_path))
    index = SearchIndex.build(store.meetings(), store.annotations())
    assert index.search("aviation")[0].kind == "area"


def test_query_filters_and_snippets() -> None:
    from search import parse_query, snippet

    query = parse_query('green status:stall tag:"two words" in:2025 kind:no Bonds', ["stalled"])
    assert query.words == ["green", "bonds"]
    assert query.statuses == ["stalled"]
    assert query.tags == ["two words"]
    assert query.meetings == ["2025"]
    assert query.kinds == ["note"]
    text = "x" * 300 + " target word " + "y" * 300
    start = text.index("target")
    shown, spans = snippet(text, [(start, start + 6)], width=80)
    assert len(shown) <= 82 and shown.startswith("…") and shown.endswith("…")
    assert [shown[s:e] for s, e in spans] == ["target"]


@pytest.mark.parametrize("query", ["jointly build", "hong kong", "promote"])
async def test_search_snippets_start_and_end_between_words(tmp_path: Path, query: str) -> None:
    path = new_store(tmp_path)
    words = {
        word
        for meeting in Store.open(path).meetings()
        for area in meeting.areas
        for commitment in area.commitments
        for word in [*area.name.split(), *commitment.text.split()]
    }
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *query)
        await settle(pilot)
        options = app.screen.query_one("#results", OptionList)
        prompts = [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]
        cut = [p for p in prompts if "…" in p]
        assert cut  # the query finds long texts, shown cut
        for prompt in cut:
            for piece in prompt.split("…")[1:]:  # the word right after a leading "…"
                if piece.strip():
                    assert piece.split()[0] in words, prompt
            for piece in prompt.split("…")[:-1]:  # the word right before a trailing "…"
                if piece.strip() and not piece.endswith(" "):
                    assert piece.split()[-1] in words, prompt


async def test_an_invalid_status_filter_says_so_instead_of_no_results(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"status:bogus")
        await settle(pilot)
        text = flat(screen_text(app))
        assert "status:bogus is not a status" in text
        assert "in-progress" in text  # the valid ones are named
        assert results(app) == []
        await pilot.press(*["backspace"] * 5, *"stall")  # a valid prefix: no complaint
        await settle(pilot)
        assert "is not a status" not in flat(screen_text(app))
