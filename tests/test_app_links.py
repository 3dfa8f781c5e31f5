"""A note's links show their text when rendered; l lists each with its address, and
Enter copies the address."""

from __future__ import annotations

from pathlib import Path

from test_app_support import SIZE, app_for, flat, new_store, screen_text, settle

from store import Store
from tui.screens.links import Link, LinksScreen, note_links

NOTE = """# Sources

See [the annual report](https://example.org/report-2024.pdf) and the [LegCo paper][cb1].
Also <https://auto.example/x> and https://bare.example/y, and ![a chart](https://img.example/c.png).

[cb1]: https://www.legco.gov.hk/cb1-123.pdf
"""


def test_note_links_reads_every_kind_of_link() -> None:
    assert note_links(NOTE) == [
        Link("the annual report", "https://example.org/report-2024.pdf"),
        Link("LegCo paper", "https://www.legco.gov.hk/cb1-123.pdf"),
        Link("", "https://auto.example/x"),
        Link("", "https://bare.example/y"),
        Link("a chart", "https://img.example/c.png", image=True),
    ]
    assert note_links("no links here") == []


async def test_l_lists_the_links_with_their_addresses_and_copies_one(tmp_path: Path) -> None:
    path = new_store(tmp_path)
    store = Store.open(path)
    [first, second, *_] = store.meetings()[0].areas[0].commitments
    store.add_note(first.id, NOTE)
    store.add_note(second.id, "a note without links")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down")
        await settle(pilot)
        assert "https://example.org/report-2024.pdf" not in screen_text(app)  # rendered
        await pilot.press("l")
        await app.keys.handled()
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        text = screen_text(app)
        assert "the annual report" in text and "→ https://example.org/report-2024.pdf" in text
        assert "LegCo paper" in text and "→ https://www.legco.gov.hk/cb1-123.pdf" in text
        await pilot.press("down", "enter")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert app.clipboard == "https://www.legco.gov.hk/cb1-123.pdf"
        assert "Copied to the clipboard:" in flat(screen_text(app))
        await pilot.press("down", "l")
        await app.keys.handled()
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert "Note 1 has no links." in flat(screen_text(app))
