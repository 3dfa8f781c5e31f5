"""The key bar (tui.widgets.footer): what it shows, and that a click presses the key."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from tests.test_app_support import app_for, new_store, settle
from tui.widgets.footer import KeysFooter

SIZE = (100, 5)


class KeysApp(App[None]):
    """Keys of every kind the footer meets: shown, hidden, disabled, grouped."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "press('a')", "Alpha", tooltip="The first letter"),
        Binding("b", "press('b')", "Bravo"),
        Binding("h", "press('h')", "Hidden", show=False),
        Binding("left", "move('left')", "Move", group=Binding.Group("Move")),
        Binding("right", "move('right')", "Move right", group=Binding.Group("Move")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []
        self.bravo_works = True
        self.bells = 0

    def bell(self) -> None:
        self.bells += 1

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeysFooter()

    def action_press(self, what: str) -> None:
        self.pressed.append(what)

    def action_move(self, where: str) -> None:
        self.pressed.append(where)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "press" and parameters == ("b",) and not self.bravo_works:
            return None  # shown, but disabled
        return True


def footer_line(app: App) -> str:
    return app.query_one(KeysFooter).render().plain


def column_of(app: App, text: str) -> int:
    line = footer_line(app)
    assert text in line, line
    return line.index(text)


async def test_the_keys_are_shown_in_order_with_a_group_under_its_name() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith(" a Alpha  b Bravo  ← → Move "), line
        assert "Hidden" not in line
        assert line.rstrip().endswith("^p palette"), line  # at the right-hand end
        assert len(line) == SIZE[0]


async def test_a_click_presses_the_key_and_a_disabled_key_rings_the_bell() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        await pilot.click(footer, offset=(column_of(app, "Alpha"), 0))
        await pilot.click(footer, offset=(column_of(app, "→"), 0))
        await pilot.click(footer, offset=(column_of(app, "←"), 0))
        await pilot.pause()
        assert app.pressed == ["a", "right", "left"]

        app.bravo_works = False
        app.refresh_bindings()
        await pilot.pause()
        item = footer.key_at(column_of(app, "Bravo"))
        assert item is not None and not item[0].enabled  # still shown, dimmed
        await pilot.click(footer, offset=(column_of(app, "Bravo"), 0))
        await pilot.pause()
        assert app.pressed == ["a", "right", "left"]
        assert app.bells == 1  # as Textual's Footer does


async def test_the_pointer_over_a_key_shows_its_tooltip() -> None:
    app = KeysApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        await pilot.hover(footer, offset=(column_of(app, "Alpha"), 0))
        await pilot.pause()
        assert footer.tooltip == "The first letter"
        await pilot.hover(footer, offset=(column_of(app, "Bravo"), 0))
        await pilot.pause()
        assert footer.tooltip == "Bravo"  # no tooltip: the description


async def test_the_main_view_footer_follows_the_cursor(tmp_path: Path) -> None:
    """``s Status`` is offered on a commitment only, and ``? Help`` opens the help."""
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.kind == "meeting"
        )
        assert "s Status" not in footer_line(app)
        await pilot.press("down", "right", "down")  # area, opened, its first commitment
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.kind == "commitment"
        )
        assert "s Status" in footer_line(app)
        await pilot.click(KeysFooter, offset=(column_of(app, "? Help"), 0))
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


async def test_a_narrow_footer_leaves_out_whole_keys_and_keeps_the_palette() -> None:
    app = KeysApp()
    async with app.run_test(size=(32, 5)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert len(line) == 32 and line.rstrip().endswith("^p palette"), line
        assert line.startswith(" a Alpha  b Bravo "), line
        assert "Mo" not in line and "←" not in line, line  # not cut in the middle
        await pilot.click(KeysFooter, offset=(column_of(app, "Bravo"), 0))
        await pilot.pause()
        assert app.pressed == ["b"]


async def test_help_and_quit_stay_in_a_small_window(tmp_path: Path) -> None:
    """At 80×24 the main view's bar has no room for every key: the last ones are left
    out, but ``? Help`` and ``q Quit`` stay, and still work from the bar."""
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "right", "down")  # a commitment: every key applies
        await settle(pilot)
        line = footer_line(app)
        assert len(line) == 80 and line.startswith(" / Search  s Status "), line
        assert "? Help  q Quit" in line and line.rstrip().endswith("^p palette"), line
        assert "x Export" not in line  # left out whole, the last first
        await pilot.click(KeysFooter, offset=(column_of(app, "q Quit"), 0))
        await settle(pilot)
        assert not app.is_running


async def test_the_main_view_keys_leave_the_bar_while_the_palette_is_open(
    tmp_path: Path,
) -> None:
    """The command palette leaves the main view's key bar in sight; its keys do not work
    there, so only Quit stays in it, and every key comes back when the palette closes."""
    app = app_for(new_store(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.main.query_one(KeysFooter).render().plain
        assert "/ Search" in before and "q Quit" in before, before
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert type(app.screen).__name__ == "CommandPalette"
        shown = app.main.query_one(KeysFooter).items
        assert [item.description for item in shown if not item.palette] == ["Quit"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.main.query_one(KeysFooter).render().plain == before
