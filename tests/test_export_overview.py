"""The Markdown report's opening overview: the compliance matrix, statuses, Mermaid charts,
and ``export --charts DIR`` (SVG files made with matplotlib, linked from the report)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from export_support import fences, headings, html_tokens, markdown_tokens
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from store_support import ROOT, write_release

from parsers.model import Area, Commitment, Meeting
from parsers.normalise import collapse_ws
from sharing.export import (
    AreaView,
    Filters,
    Item,
    MeetingView,
    Selection,
    make_filters,
    markdown_report,
    select,
)
from sharing.report_charts import CREATOR, _statuses, party_hash, slug
from sharing.report_overview import EVERY_STATUS, mermaid_label, overview_of
from stats.scale import STATUS_COLOURS
from store import Annotation, Status, Store
from store.safetext import visible
from tui.cli import main

FINANCE = [
    "Encourage Testland enterprises to list in Hong Kong and to issue green bonds in the Hong "
    "Kong market.",
    "Support Testland enterprises in setting up treasury centres in Hong Kong to manage "
    "overseas funds.",
    "Promote the use of renminbi in trade settlement between Hong Kong and Testland banks.",
    "Deepen co-operation in insurance and wealth management between the two places.",
]
AVIATION = [
    "Strengthen the co-operation between the airports of Hong Kong and Testland on cargo handling.",
    "Increase the frequency of direct flights between Hong Kong and the main cities of Testland.",
]
TOURISM = ["Promote multi-destination tourism products combining Hong Kong and Testland."]

#: The chart files' stem of the test store's one series (its parties and their hash).
SERIES = f"hong-kong-testland-{party_hash(['Hong Kong', 'Testland'])}"


def two_meetings(tmp_path: Path, economy: str = "Economy") -> Store:
    """One partnership, two meetings: "Economy" (2023) is renamed "Finance" (2025), Aviation
    is in both and rated in neither, Tourism is new in 2025.

    2023 Economy: implemented, partial, -, -      → +0.50 · 2/4 ▲
    2025 Finance: impl., impl., stalled, not impl. → 0.00 · 4/4 ◆   row: 1/6 → +0.17 · 6/8 ◆
    2025 Tourism: implemented                      → +1.00 · 1/1 ▲▲
    meetings: 1/2 → +0.50 · 2/6 ▲ (75 %); 1/5 → +0.20 · 5/7 ▲ (60 %); all 2/7 → +0.29 (64 %)
    """
    store = Store.open(tmp_path / "db" / "store.json", seed_samples=False, lock_timeout=5)
    first = write_release(
        tmp_path,
        "a.txt",
        areas={economy: FINANCE, "Aviation": AVIATION},
        date="2023-05-01",
        title="Hong Kong and Testland hold first conference",
    )
    second = write_release(
        tmp_path,
        "b.txt",
        areas={"Finance": FINANCE, "Aviation": AVIATION, "Tourism": TOURISM},
        date="2025-05-01",
        title="Hong Kong and Testland hold second conference",
    )
    assert [r.outcome for r in store.import_paths([first, second])] == ["added", "added"]
    old, new = sorted(store.meetings(), key=lambda m: m.date or "")
    for c, status in zip(old.areas[0].commitments, ["implemented", "partial"], strict=False):
        store.set_status(c.id, status)
    statuses = ["implemented", "implemented", "stalled", "not-implemented"]
    for c, status in zip(new.areas[0].commitments, statuses, strict=True):
        store.set_status(c.id, status)
    store.set_status(new.areas[2].commitments[0].id, "implemented")
    return store


def report(store: Store, **filters: object) -> str:
    return markdown_report(select(store, make_filters(store, **filters)), "TIME")  # type: ignore[arg-type]


def overview_part(md: str) -> str:
    start, end = md.index("## Overview\n"), md.index("## Summary\n")
    return md[start:end]


def test_the_matrix_is_the_hand_computed_one(tmp_path: Path) -> None:
    md = report(two_meetings(tmp_path))
    assert md.index("Generated TIME") < md.index("## Overview") < md.index("## Summary")
    lines = overview_part(md).splitlines()
    table = lines[lines.index("| Area | 2023-05-01 | 2025-05-01 | All meetings |") :]
    assert table[:7] == [
        "| Area | 2023-05-01 | 2025-05-01 | All meetings |",
        "| --- | --- | --- | --- |",
        "| Finance (earlier: Economy) | +0.50 · 2/4 ▲ | 0.00 · 4/4 ◆ | +0.17 · 6/8 ◆ |",
        "| Aviation | not rated · 0/2 · | not rated · 0/2 · | not rated · 0/4 · |",
        "| Tourism | — | +1.00 · 1/1 ▲▲ | +1.00 · 1/1 ▲▲ |",
        "| **All areas** | +0.50 · 2/6 ▲ | +0.20 · 5/7 ▲ | +0.29 · 7/13 ▲ |",
        "| **Percentage** | 75 % | 60 % | 64 % |",
    ]
    assert "| 2023-05-01 | 4 | 0 | 0 | 1 | 1 | 0 | 6 | +0.50 | 75 % |" in lines
    assert "| 2025-05-01 | 2 | 0 | 1 | 0 | 3 | 1 | 7 | +0.20 | 60 % |" in lines
    assert headings(md, overview=True)[1:4] == [
        (2, "Overview"),
        (3, "Hong Kong & Testland"),
        (3, "Trend"),
    ]


def _mermaid(md: str) -> list[str]:
    return [t.content for t in fences(md, charts=True) if t.info == "mermaid"]


def test_mermaid_charts_carry_the_figures(tmp_path: Path) -> None:
    bar, pie, trend = _mermaid(report(two_meetings(tmp_path)))
    assert bar.splitlines()[0] == "xychart-beta"
    assert '    x-axis ["2023-05-01", "2025-05-01"]' in bar.splitlines()
    assert "    bar [75.0, 60.0]" in bar.splitlines()
    assert pie.splitlines()[2:] == [
        '    "not yet rated" : 6',
        '    "stalled" : 1',
        '    "partially implemented" : 1',
        '    "implemented" : 4',
        '    "not implemented" : 1',
    ]
    assert re.search(r"^    line \[64\.3\]$", trend, re.M)  # all set this month: 2/7 → 64.3 %


def _balanced(block: str) -> bool:
    for line in block.splitlines():
        if line.count('"') % 2 or line.count("[") != line.count("]"):
            return False
    return True


HOSTILE = 'Eco | `x` [y] --> <b>"q"</b> %% #amp; $x$ {z} ;'


def test_hostile_area_names_are_literal_in_the_table(tmp_path: Path) -> None:
    store = two_meetings(tmp_path)
    old = min(store.meetings(), key=lambda m: m.date or "")
    store.rename_area(old.areas[0].id, HOSTILE)
    md = report(store)
    assert html_tokens(md) == []
    tokens = MarkdownIt("commonmark").enable("table").parse(overview_part(md))
    rows = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            cells = []
            for t in tokens[i + 1 :]:
                if t.type == "tr_close":
                    break
                if t.type == "inline":
                    cells.append(t.content)
            rows.append(cells)
    names = [
        "".join(c.content for c in t.children or [])
        for t in tokens
        if t.type == "inline" and t.content.startswith("Finance")
    ]
    assert names == [f"Finance (earlier: {HOSTILE})"]
    assert {len(r) for r in rows[:6]} == {4}  # the pipe did not split the row
    assert all(_balanced(block) for block in _mermaid(md))


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_characters="\x00"), max_size=80))
def test_any_text_makes_a_safe_mermaid_label(text: str) -> None:
    label = mermaid_label(text)
    assert label and len(label) <= 40 and "\n" not in label
    assert not set(label) & set('"`[]{}()<>#;%:|\\&\r\t')
    assert "--" not in label and label == label.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_characters="\x00"), min_size=1, max_size=40))
def test_any_area_name_keeps_its_table_row(name: str) -> None:
    area = Area("a1", name, commitments=[Commitment("c1", "Do it.")])
    meeting = Meeting("m1", "Title", "2024-01-01", None, ["A | B", name], "x.txt", 1, [area])
    items = [Item("1.1", area.commitments[0])]
    view = MeetingView(
        meeting, "doc", Annotation("m1"), [AreaView(1, area, Annotation("a1"), items)]
    )
    md = markdown_report(Selection(Filters(), [view], []), "TIME")
    tokens = MarkdownIt("commonmark").enable("table").parse(overview_part(md))
    # each row: tr_open, then th_open or td_open, then its first cell's inline text
    first_cells = [tokens[i + 2] for i, t in enumerate(tokens) if t.type == "tr_open"]
    shown = "".join(c.content for c in first_cells[1].children or [])
    assert shown == visible(collapse_ws(name) or "(untitled)")
    matrix = tokens[: next(i for i, t in enumerate(tokens) if t.type == "table_close")]
    assert sum(1 for t in matrix if t.type == "td_open") == 3 * 3  # area, total, percentage
    [pie] = _mermaid(md)  # the parties (document text) are the pie's title
    assert (
        _balanced(pie)
        and pie.splitlines()[1] == f"    title Statuses, {mermaid_label('A | B & ' + name)}"
    )


def test_the_overview_follows_the_export_filters(tmp_path: Path) -> None:
    store = two_meetings(tmp_path)
    part = overview_part(report(store, meetings=["2025"]))
    assert "| Area | 2025-05-01 | All meetings |" in part and "2023-05-01" not in part
    # a tag chooses the commitments counted: only the tagged one, in its area's row
    new = max(store.meetings(), key=lambda m: m.date or "")
    store.add_tags(new.areas[0].commitments[2].id, ["watch"])  # the stalled one
    part = overview_part(report(store, tags=["watch"]))
    assert "| Finance | -1.00 · 1/1 ▼▼ | -1.00 · 1/1 ▼▼ |" in part and "2023" not in part
    assert "Aviation" not in part


def test_the_overview_counts_every_status_whatever_the_status_filter(tmp_path: Path) -> None:
    """``--status implemented`` lists the implemented commitments, but the overview still
    counts every status of the commitments chosen (it is not +1.00 everywhere), and says
    so under its heading; the rest of it is the unfiltered overview, byte for byte."""
    store = two_meetings(tmp_path)
    whole = overview_part(report(store))
    part = overview_part(report(store, statuses=["implemented"]))
    assert part == whole.replace("## Overview\n\n", f"## Overview\n\n{EVERY_STATUS}\n\n")
    assert "| Finance (earlier: Economy) | +0.50 · 2/4 ▲ | 0.00 · 4/4 ◆ | +0.17 · 6/8 ◆ |" in part
    assert "Aviation" in part  # no implemented commitment there: counted all the same
    assert EVERY_STATUS not in whole


def test_an_excluded_commitment_is_not_counted(tmp_path: Path) -> None:
    store = two_meetings(tmp_path)
    new = max(store.meetings(), key=lambda m: m.date or "")
    store.exclude_commitment(new.areas[0].commitments[3].id)  # the not-implemented one
    part = overview_part(report(store))
    assert "| Finance (earlier: Economy) | +0.50 · 2/4 ▲ | +0.33 · 3/3 ▲ | +0.40 · 5/7 ▲ |" in part
    # the excluded commitment alone matches: its area is listed in the body, not counted
    store.add_tags(new.areas[0].commitments[3].id, ["odd"])
    md = report(store, tags=["odd"])
    assert "#### Excluded: " in md
    part = overview_part(md)
    assert "| **All areas** | not rated · 0/0 · | not rated · 0/0 · |" in part
    assert "Finance" not in part


def test_the_report_is_byte_stable_and_commonmark(tmp_path: Path) -> None:
    store = two_meetings(tmp_path)
    first, second = report(store), report(Store.open(store.files.main))
    assert first == second
    assert headings(first, overview=True)  # every heading at the top level
    for token in markdown_tokens(first):
        assert token.level == 0 or token.type not in ("heading_open", "fence")
    assert len(_mermaid(first)) == 3


# -- --charts DIR ------------------------------------------------------------------------
def _export(store: Store, *args: str) -> int:
    return main(["--db", str(store.files.main), "export", *args])


def _links(md: str) -> list[tuple[str, str]]:
    out = []
    for token in markdown_tokens(md):
        for child in token.children or []:
            if child.type == "image":
                alt = "".join(c.content for c in child.children or [])
                out.append((str(child.attrs["src"]), alt))
    return out


def test_charts_are_written_linked_and_byte_stable(tmp_path: Path, capsys) -> None:
    store = two_meetings(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    charts = out / "new" / "charts"  # made if missing
    assert _export(store, "-o", str(out / "r.md"), "--charts", str(charts)) == 0
    assert "3 chart(s) in" in capsys.readouterr().err
    names = sorted(p.name for p in charts.iterdir())
    assert names == [f"{SERIES}-compliance.svg", f"{SERIES}-statuses.svg", "trend.svg"]
    first = {n: (charts / n).read_bytes() for n in names}
    for data in first.values():
        assert data.startswith(b"<?xml") and b"<svg" in data and b"<dc:date>" not in data
    md = (out / "r.md").read_text(encoding="utf-8")
    links = _links(md)
    assert [src for src, _ in links] == [f"new/charts/{n}" for n in sorted(names)]
    assert all(alt and (out / src).is_file() for src, alt in links)
    assert links[0][1].startswith("Compliance per area and meeting, Hong Kong & Testland")
    assert _export(store, "-o", str(out / "r.md"), "--force", "--charts", str(charts)) == 0
    assert {n: (charts / n).read_bytes() for n in names} == first
    again = (out / "r.md").read_text(encoding="utf-8")
    assert [x for x in again.splitlines() if not x.startswith("Generated ")] == [
        x for x in md.splitlines() if not x.startswith("Generated ")
    ]


def test_charts_from_standard_output_link_from_the_current_folder(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = two_meetings(tmp_path)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert _export(store, "--charts", "my charts") == 0
    captured = capsys.readouterr()
    assert [src for src, _ in _links(captured.out)][:1] == [f"my%20charts/{SERIES}-compliance.svg"]
    assert "wrote 3 chart(s) in my charts" in captured.err


def test_chart_names_do_not_depend_on_the_filters(tmp_path: Path, capsys) -> None:
    """A series' charts are named by its parties and a hash of them, not by its place in
    one export: filtered to one meeting, the same names (and trend.svg) are rewritten."""
    store = two_meetings(tmp_path)
    charts = tmp_path / "charts"
    assert _export(store, "-o", str(tmp_path / "a.md"), "--charts", str(charts)) == 0
    whole = sorted(p.name for p in charts.iterdir())
    assert party_hash(["Testland", "hong kong"]) == party_hash(["Hong Kong", "Testland"])
    assert _export(store, "-o", str(tmp_path / "b.md"), "--meeting", "2025", "--charts",
                   str(charts)) == 0  # fmt: skip
    assert sorted(p.name for p in charts.iterdir()) == whole
    assert "removed" not in capsys.readouterr().err


def test_earlier_charts_not_written_again_are_removed_and_nothing_else(
    tmp_path: Path, capsys
) -> None:
    """``--charts DIR`` removes coop-tui's own charts of an earlier export that this one
    did not write (named as charts are *and* marked as coop-tui's), never another file:
    not one of another name with the mark, nor one of a chart's name without the mark,
    nor a symbolic link."""
    store = two_meetings(tmp_path)
    charts = tmp_path / "charts"
    charts.mkdir()
    assert _export(store, "-o", str(tmp_path / "a.md"), "--charts", str(charts)) == 0
    ours = (charts / "trend.svg").read_bytes()
    assert CREATOR.encode() in ours
    (charts / "otherland-0123abcd-statuses.svg").write_bytes(ours)  # an earlier series
    (charts / "notes.svg").write_bytes(ours)  # marked, but not a chart's name
    (charts / "zz-0123abcd-compliance.svg").write_text("<svg/>", "utf-8")  # not marked
    (charts / "keep.txt").write_text("x", "utf-8")
    (charts / "aa-0123abcd-statuses.svg").symlink_to(charts / "notes.svg")
    capsys.readouterr()
    assert _export(store, "-o", str(tmp_path / "a.md"), "--force", "--charts", str(charts)) == 0
    assert "(removed 1 earlier chart(s) this export did not make)" in capsys.readouterr().err
    assert sorted(p.name for p in charts.iterdir()) == sorted(
        [f"{SERIES}-compliance.svg", f"{SERIES}-statuses.svg", "trend.svg", "notes.svg",
         "zz-0123abcd-compliance.svg", "keep.txt", "aa-0123abcd-statuses.svg"]
    )  # fmt: skip


def test_status_bars_are_stacked_by_score(tmp_path: Path) -> None:
    """From the bottom up: not implemented, stalled, in progress, partial, implemented,
    then not rated on top, so the red end never sits on the blue one."""
    from matplotlib.colors import to_hex
    from matplotlib.figure import Figure

    store = two_meetings(tmp_path)
    overview = overview_of(select(store, make_filters(store)), lambda a, b: [])
    fig = Figure()
    _statuses(fig, overview.series[0])
    colour_of = {v: k for k, v in STATUS_COLOURS.items()}
    order = [Status.NOT_IMPLEMENTED, Status.STALLED, Status.IN_PROGRESS, Status.PARTIAL,
             Status.IMPLEMENTED, Status.NOT_RATED]  # fmt: skip
    bars = [p for p in fig.axes[0].patches if p.get_height() > 0]
    for x in {round(p.get_x() + p.get_width() / 2) for p in bars}:
        column = sorted((p.get_y(), colour_of[to_hex(p.get_facecolor())]) for p in bars
                        if round(p.get_x() + p.get_width() / 2) == x)  # fmt: skip
        statuses = [s for _, s in column]
        assert statuses == sorted(statuses, key=order.index), (x, statuses)
    # the 2025 meeting holds both ends: not implemented at the bottom, implemented above
    assert len(bars) >= 5


def _one_error(capsys: pytest.CaptureFixture[str], *words: str) -> None:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("coop-tui: "), err
    assert all(word in err for word in words), err


def test_a_bad_charts_folder_is_one_line_exit_2(tmp_path: Path, capsys) -> None:
    store = two_meetings(tmp_path)
    a_file = tmp_path / "file.svg"
    a_file.write_text("x", encoding="utf-8")
    capsys.readouterr()
    assert _export(store, "-o", str(tmp_path / "r.md"), "--charts", str(a_file)) == 2
    _one_error(capsys, "is a file")
    assert not (tmp_path / "r.md").exists()
    assert _export(store, "--charts", str(a_file / "below")) == 2
    _one_error(capsys, "not a folder")
    assert _export(store, "-f", "json", "--charts", str(tmp_path / "c")) == 2
    _one_error(capsys, "--charts", "Markdown")
    assert _export(store, "-o", str(tmp_path / "x.csv"), "--charts", str(tmp_path / "c")) == 2
    _one_error(capsys, "--charts")
    assert not (tmp_path / "c").exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_without_write_permission_is_refused(tmp_path: Path, capsys) -> None:
    store = two_meetings(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        capsys.readouterr()
        assert _export(store, "--charts", str(locked / "charts")) == 2
        _one_error(capsys, "no permission")
    finally:
        locked.chmod(0o700)


def test_matplotlib_is_loaded_only_for_charts(tmp_path: Path) -> None:
    store = two_meetings(tmp_path)
    code = (
        "import sys; from tui.cli import main; "
        f"main(['--db', {str(store.files.main)!r}, 'export', '-o', {str(tmp_path / 'r.md')!r}]); "
        "print('matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_chart_names_are_safe_and_distinct() -> None:
    assert slug("Hong Kong & Zhejiang") == "hong-kong-zhejiang"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("香港") == "series" and "/" not in slug("a/b\\c")


def test_the_area_alignments_are_kept_beside_the_store(tmp_path: Path, capsys) -> None:
    store = two_meetings(tmp_path)
    assert not store.files.aligned.exists()
    assert _export(store, "-o", str(tmp_path / "r.md")) == 0
    assert store.files.aligned.exists()  # the next export (or stats, or the app) reuses them
    first = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert _export(store, "-o", str(tmp_path / "r.md"), "--force") == 0
    again = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "| Finance (earlier: Economy) |" in again
    assert [x for x in again.splitlines() if not x.startswith("Generated ")] == [
        x for x in first.splitlines() if not x.startswith("Generated ")
    ]


def test_the_app_session_shares_its_alignments_with_the_export(tmp_path: Path) -> None:
    from session import Session
    from sharing.export import ExportRequest
    from stats import Filters as StatsFilters

    session = Session(two_meetings(tmp_path))
    session.export(ExportRequest(tmp_path / "r.md"))
    assert session.aligner is not None and session.aligner.aligned == 1  # one pair, aligned
    overview = session.overview(StatsFilters())
    assert session.aligner.aligned == 1  # the overview found it in memory
    assert overview.series[0].rows[0].names == ["Economy", "Finance"]


def test_a_chart_matplotlib_cannot_draw_is_one_line_exit_2(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sharing.report_charts

    def refuse(*_args: object) -> None:
        raise ValueError("Image size of 700x70000 pixels is too large.\nIt must be less")

    store = two_meetings(tmp_path)
    monkeypatch.setattr(sharing.report_charts, "_draw", refuse)
    capsys.readouterr()
    assert _export(store, "-o", str(tmp_path / "r.md"), "--charts", str(tmp_path / "c")) == 2
    _one_error(capsys, "cannot draw this chart", "too large")
    assert not (tmp_path / "r.md").exists()
