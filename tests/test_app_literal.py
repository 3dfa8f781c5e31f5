"""Text from documents and users is shown literally: markup and escape sequences never run."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from test_app_support import SIZE, app_for, detail_text, flat, screen_text, settle
from textual.app import App, ComposeResult

from parsers import Area, Commitment, Meeting
from store import Store
from tui import labels
from tui.screens.search import SearchScreen
from tui.widgets.agreement_tree import AgreementTree

HOSTILE = "[bold]x[/] [/ [link=https://evil.example]click[/link] [@click=app.quit]quit[/]"
ESC = "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x9b2J"

RELEASE = f"""Alpha and Beta signed co-operation agreements in Alphaville (with photos)
     The Chief Executive attended the signing today (January 2, 2024) in Alphaville.
     Alpha and Beta reached consensus on the following 2 co-operation areas:
Finance
     [@click=app.quit]Promote [link=https://evil.example]green finance[/link] and [/ bonds \
between the two places {ESC} with due care.
     Encourage financial institutions of the two places to set up [bold]offices[/] and \
co-operate closely.
Trade and Investment
     Support enterprises of the two places to invest in each other and hold trade promotion \
events together.
     Strengthen co-operation on customs facilitation and the recognition of authorised \
economic operators.
"""


def hostile_store(tmp_path: Path) -> tuple[Path, str]:
    release = tmp_path / "alpha-beta-2024-01-02.txt"
    release.write_text(RELEASE, encoding="utf-8")
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False)
    [result] = store.import_paths([release])
    assert result.outcome == "added", result
    commitment = next(c for c in store.meetings()[0].commitments if "[@click" in c.text)
    store.set_status(commitment.id, "stalled", source=HOSTILE, evidence=ESC + HOSTILE)
    store.add_tags(commitment.id, ["[@click=app.quit]", "[bold]tag[/]", "[/"])
    store.add_note(commitment.id, f"# Note\n\n{HOSTILE}\n\n[a link](app.quit) {ESC}")
    return path, commitment.id


async def test_hostile_text_renders_as_text_and_runs_nothing(tmp_path: Path) -> None:
    path, commitment_id = hostile_store(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down")
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == commitment_id
        )
        text = screen_text(app)
        assert "\x1b" not in text and "\x9b" not in text
        flat_text = detail_text(app)
        assert "[@click=app.quit]Promote [link=https://evil.example]green finance[/link]" in (
            flat_text
        )
        assert "and [/ bonds" in flat_text
        assert "#[@click=app.quit]  #[bold]tag[/]  #[/" in text
        assert "source: [bold]x[/] [/ [link=https://evil.example]click[/link]" in flat_text
        assert "[@click=app.quit]quit[/]" in flat_text  # in the Markdown note too

        # click every cell of the detail pane: no action runs, the app keeps going
        detail = app.main.detail
        for y in range(detail.region.height):
            await pilot.click(detail, offset=(4, y))
            await pilot.click(detail, offset=(20, y))
        await settle(pilot)
        assert app.is_running

        # tags and notes flow into notifications and search results, literally
        await pilot.press("t", *"[@click=app.quit]new", "enter", "enter")
        await settle(pilot)
        assert "Tags added [@click=app.quit]new" in screen_text(app)
        await pilot.press("slash", *"promote green")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert "[link=https://evil.example]green" in flat(screen_text(app))
        await pilot.press("escape")
        assert app.is_running


def test_labels_keep_markup_and_drop_control_characters() -> None:
    area = Area("a1", f"{HOSTILE} {ESC}", True, [Commitment("c1", f"{HOSTILE} {ESC}")])
    meeting = Meeting("m1", HOSTILE, "2024-01-02", HOSTILE, [HOSTILE], "s", 1, [area])
    for label in (
        labels.meeting_label(meeting),
        labels.area_label(area),
        labels.commitment_label(area.commitments[0], None),
        labels.tags_text([HOSTILE]),
    ):
        assert isinstance(label, Text)
        assert "[bold]x[/]" in label.plain or "[bold]x[/]".startswith(label.plain[-10:])
        assert "\x1b" not in label.plain and "\x9b" not in label.plain
        assert not any("@click" in str(span.style) for span in label.spans)


class TreeHarness(App[None]):
    def __init__(self, meetings: list[Meeting]) -> None:
        super().__init__()
        self.meetings = meetings

    def compose(self) -> ComposeResult:
        yield AgreementTree(id="tree")

    def on_mount(self) -> None:
        tree = self.query_one(AgreementTree)
        tree.load(self.meetings, lambda _id: None)
        first = tree.node_for(self.meetings[0].id)
        assert first is not None
        tree.move_to(first)
        tree.focus()


async def test_area_names_with_markup_in_the_tree() -> None:
    area = Area("a1", HOSTILE, True, [Commitment("c1", "text")])
    meeting = Meeting("m1", "t", "2024-01-02", ESC, ["[@click=app.quit]"], "s", 1, [area])
    app = TreeHarness([meeting])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "down")
        await pilot.pause()
        text = screen_text(app)
        assert "2024-01-02 · [@click=app.quit] · " in text
        assert "red" in text and "\x1b" not in text
        assert f"{HOSTILE} (1) inferred" in text
        await pilot.click(AgreementTree, offset=(20, 1))
        await pilot.pause()
        assert app.is_running


BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows is drawn reversed
BIDI_ALL = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


async def test_bidirectional_controls_are_marked_visibly_everywhere(tmp_path: Path) -> None:
    """A right-to-left override (and every other bidirectional control) from a release,
    a tag, a status source or a note never reaches the terminal: it is shown as a
    visible mark, in the tree, the detail pane, the note, the search results and the
    dialogs."""
    release = tmp_path / "alpha-beta-2024-01-02.txt"
    release.write_text(
        RELEASE.replace("Promote", f"Promote {BIDI}gnp.exe").replace(
            "Trade and Investment", f"Trade {BIDI}and Investment"
        ),
        encoding="utf-8",
    )
    path = tmp_path / "store.json"
    store = Store.open(path, seed_samples=False)
    [result] = store.import_paths([release])
    assert result.outcome == "added", result
    commitment = next(c for c in store.meetings()[0].commitments if BIDI in c.text)
    store.add_tags(commitment.id, [f"tag{BIDI}x"])
    store.set_status(commitment.id, "stalled", source=f"src{BIDI}y")
    store.add_note(commitment.id, f"# Note\n\nsee {BIDI}fdp.txt and {BIDI_ALL}")
    app = app_for(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down")
        await settle(pilot)
        assert (
            app.main.agreement_tree.current is not None
            and app.main.agreement_tree.current.id == commitment.id
        )
        text = screen_text(app)
        assert not set(BIDI_ALL) & set(text)
        assert "⟨RLO⟩gnp" in text  # the tree label
        assert "Trade ⟨RLO⟩and Investment" in text  # an area of the tree
        pane = detail_text(app)
        assert "Promote ⟨RLO⟩gnp.exe" in pane and "#tag⟨RLO⟩x" in pane
        assert "src⟨RLO⟩y" in pane and "see ⟨RLO⟩fdp.txt" in pane
        marks = "⟨LRE⟩⟨RLE⟩⟨PDF⟩⟨LRO⟩⟨RLO⟩⟨LRI⟩⟨RLI⟩⟨FSI⟩⟨PDI⟩⟨LRM⟩⟨RLM⟩⟨ALM⟩"
        assert marks in pane.replace(" ", "")
        await pilot.press("s")  # a dialog's title
        await settle(pilot)
        assert "⟨RLO⟩gnp" in screen_text(app)
        await pilot.press("escape", "t", "tab", "space", "ctrl+s")  # a message names it
        await settle(pilot)
        assert "Tags removed tag⟨RLO⟩x" in flat(screen_text(app))
        assert BIDI not in screen_text(app)
        await pilot.press("slash", *"gnp")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        found = screen_text(app)
        assert "⟨RLO⟩gnp" in found and BIDI not in found


def test_marks_of_bidirectional_controls_are_styled() -> None:
    label = labels.commitment_label(Commitment("c1", f"a{BIDI}b"), None)
    assert BIDI not in label.plain and "a⟨RLO⟩b" in label.plain
    start = label.plain.index("⟨")
    assert any(s.start <= start < s.end and "reverse" in str(s.style) for s in label.spans)
