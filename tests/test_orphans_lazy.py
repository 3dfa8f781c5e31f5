"""Orphans' suggestions are worked out for the orphans shown, not all at once, and are
the same as one orphan's ranking (scores, order, ties by ID)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from store_support import new_store
from test_app_support import SIZE, app_for, screen_text, settle
from textual.widgets import OptionList

from sharing.merge import import_annotations
from store import Store, matching
from tui.screens.orphans import OrphansScreen

WORDS = "finance green bonds trade port cargo youth internship carbon data flow care".split()


def many_orphans(tmp_path: Path, count: int) -> Store:
    """A store whose one meeting lost ``count`` commitments, each with a note."""
    store = new_store(tmp_path)
    meeting = store.meetings()[0]
    doc = store.corpus.records[meeting.id].doc
    rng = random.Random(7)
    records = [
        {
            "id": f"{i:012x}",
            "kind": "commitment",
            "text": " ".join(rng.choice(WORDS) for _ in range(12)),
            "meeting": {"id": meeting.id, "doc": doc},
            "notes": [
                {
                    "id": f"{i + 2**40:012x}",
                    "text": f"note {i}",
                    "created": "2024-01-01T00:00:00.000Z",
                }
            ],
        }
        for i in range(count)
    ]
    bundle = tmp_path / "bundle.json"
    bundle.write_text(
        json.dumps({"coop-tui": "annotations", "format": 1, "annotations": records}),
        encoding="utf-8",
    )
    assert import_annotations(store, bundle).orphans == count
    return store


def counting(monkeypatch: pytest.MonkeyPatch, store: Store) -> list[str]:
    """The orphans' old texts scored against commitments so far (each is normalised
    before it is scored)."""
    old_texts = {o.old_text for o in store.orphans()}
    scored: list[str] = []
    normalise = matching.normalise

    def counted(text: str) -> str:
        if text in old_texts:
            scored.append(text)
        return normalise(text)

    monkeypatch.setattr(matching, "normalise", counted)
    return scored


def test_a_pool_ranks_as_one_orphan_is_ranked() -> None:
    rng = random.Random(11)
    candidates = [
        (f"{i:04d}", " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8))))
        for i in range(300)
    ]
    candidates += [("0000b", candidates[0][1]), ("0000a", candidates[0][1])]  # ties
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8))) for _ in range(200)]
    pool = matching.Pool(candidates)
    assert pool.best(texts) == [matching.suggestions(t, candidates) for t in texts]
    assert pool.best([candidates[0][1]])[0][:3] == [("0000", 100.0), ("0000a", 100.0),
                                                    ("0000b", 100.0)]  # fmt: skip
    assert matching.Pool([]).best(["x"]) == [[]]


def test_listing_without_suggestions_then_suggesting_some(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = many_orphans(tmp_path, 40)
    full = store.orphans()
    assert all(o.suggestions for o in full)
    calls = counting(monkeypatch, store)
    bare = store.orphans(suggest=False)
    assert calls == [] and [o.id for o in bare] == [o.id for o in full]
    assert all(o.suggestions == [] for o in bare)
    store.suggest(bare[:3])
    assert len(calls) == 3
    assert [o.suggestions for o in bare[:3]] == [o.suggestions for o in full[:3]]


async def test_the_orphans_dialog_works_out_only_what_it_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many orphans the dialog opens on the first ones; suggestions are scored for
    the highlighted orphan only, and the list holds a page at a time."""
    store = many_orphans(tmp_path, 450)
    path = store.path
    expected = {o.id: o.suggestions for o in store.orphans()}
    calls = counting(monkeypatch, store)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await app.keys.handled()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OrphansScreen)
        assert "Orphaned annotations (450)" in screen_text(app)
        await pilot.press("down", "down")
        await app.keys.handled()
        await settle(pilot)
        assert len(calls) <= 3  # the orphans highlighted, not 450
        current = screen.current
        assert current is not None and current.suggestions == expected[current.id]
        best_text = screen.texts[current.suggestions[0][0]]
        assert best_text[:30] in screen_text(app)
        listed = screen.query_one("#orphans", OptionList)
        assert listed.option_count == OrphansScreen.PAGE + 1  # and "… more orphans"
        await pilot.press("end", "enter")  # the next page
        await app.keys.handled()
        await settle(pilot)
        current = screen.current
        assert current is not None and current.id == list(expected)[OrphansScreen.PAGE]
        assert "the 200 orphans before" in screen_text(app)
        assert current.suggestions == expected[current.id]
        assert screen.texts[current.suggestions[0][0]][:30] in screen_text(app)  # shown
        assert len(calls) <= 4
