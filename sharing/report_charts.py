"""The overview's charts as SVG files (``coop-tui export --charts DIR``), made with matplotlib.

Per series of meetings: the compliance matrix as a heatmap (the cells of the report's
table, coloured by their step of the diverging scale, ``stats.scale``, with the same
text and symbol, so it reads in greyscale too) and the statuses per meeting as stacked
bars (``stats.scale.STATUS_COLOURS``, each status hatched differently); for the whole
selection, the trend (standing compliance at the end of each month).

matplotlib is imported only when charts are asked for, and never through ``pyplot``:
a ``Figure`` saved as SVG uses no GUI backend and touches no global backend setting.
The files are byte-stable: the SVG's IDs come from a fixed salt (``svg.hashsalt``), it
carries no date, and the font, its size and the figure sizes are fixed. Text is drawn
as paths (no font needed to view it), mathtext is off (a ``$`` in an area name stays
a ``$``), and control characters are shown as codes (``store.safetext``).

The file names come from the series' parties, made safe (ASCII letters, digits and
``-``; no path separator), and a short stable hash of the parties' key (so two sets of
parties that read alike once made ASCII never collide): a series' charts keep their
names whatever the export's filters, never named by its place in one export. Each file
carries ``CREATOR`` in its metadata; ``write_charts`` removes the files of an earlier
export in the same folder that it did not write again, only those named as this module
names charts *and* carrying that mark, never any other file. No Textual here.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import stats
from parsers.normalise import clip, collapse_ws
from sharing.report_overview import ABSENT, BY_SCORE, ChartLink, column_labels
from stats.overview import Series
from stats.scale import STATUS_COLOURS, STEPS, step
from store import fsio
from store.errors import StoreError
from store.model import Status, compliance_text
from store.safetext import visible

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: The settings every chart is drawn with (see the module's docstring).
RC: dict[Any, Any] = {
    "svg.hashsalt": "coop-tui",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",  # shipped with matplotlib: the same glyphs everywhere
    "font.size": 9,
    "text.parse_math": False,
    "text.usetex": False,
    "axes.unicode_minus": True,
}
#: What tells the statuses apart in the stacked bars without colour.
HATCHES: dict[Status, str] = {
    Status.NOT_RATED: "",
    Status.IN_PROGRESS: "..",
    Status.STALLED: "//",
    Status.PARTIAL: "\\\\",
    Status.IMPLEMENTED: "",
    Status.NOT_IMPLEMENTED: "xx",
}
#: The statuses from the bottom of a stacked bar up: by score, the worst at the bottom
#: and implemented on top (the red and blue ends of the scale never touch), not rated
#: last; the legend lists them top down, as ``report_overview.BY_SCORE``.
STACKED: tuple[Status, ...] = (*BY_SCORE[-2::-1], Status.NOT_RATED)
#: The mark every chart file carries in its metadata (its creator): what tells an earlier
#: chart of coop-tui's from any other file of the same name in the folder.
CREATOR = "coop-tui export --charts"
#: A chart file's name as ``chart_plan`` makes them.
CHART_NAME = re.compile(
    r"(?:[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{8}-(?:compliance|statuses)|trend)\.svg"
)
#: How much of a file is read to find ``CREATOR`` (matplotlib writes it near the top).
MARK_BYTES = 4096
#: The steps whose colour is dark enough for white text.
_SLUG_DROP = re.compile(r"[^a-z0-9]+")
NAME_WIDTH = 48


@dataclass(frozen=True)
class ChartFile:
    """One chart: which (``(series index or None, kind)``), its file name, its alt text."""

    key: tuple[int | None, str]
    name: str
    alt: str


def slug(text: str, width: int = 40) -> str:
    """``Hong Kong & Zhejiang`` → ``hong-kong-zhejiang``: ASCII letters and digits joined
    by ``-``, at most ``width`` long; ``series`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")
    return out[:width].rstrip("-") or "series"


def party_hash(parties: Sequence[str]) -> str:
    """Eight hex digits from the series' parties (in any order and case): stable."""
    key = "\x1f".join(sorted(collapse_ws(p).casefold() for p in parties))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=4).hexdigest()


def _plain(text: str, width: int = NAME_WIDTH) -> str:
    """Document text as one line for a chart: control characters as codes, clipped."""
    return clip(collapse_ws(visible(text)), width)


def chart_plan(overview: stats.Overview) -> list[ChartFile]:
    """The charts the overview gives, in the report's order, with their file names."""
    out: list[ChartFile] = []
    for k, series in enumerate(overview.series):
        base = f"{slug(series.label)}-{party_hash(series.parties)}"
        label = _plain(series.label, 80)
        if series.rows:
            alt = f"Compliance per area and meeting, {label} (heatmap of the table above)"
            out.append(ChartFile((k, "matrix"), f"{base}-compliance.svg", alt))
        alt = f"Statuses per meeting, {label} (stacked bars)"
        out.append(ChartFile((k, "statuses"), f"{base}-statuses.svg", alt))
    if any(m.standing.compliance is not None for m in overview.trend):
        alt = "Standing compliance at the end of each month (line)"
        out.append(ChartFile((None, "trend"), "trend.svg", alt))
    return out


# -- the folder ----------------------------------------------------------------------
def check_charts_dir(path: Path) -> None:
    """Refuse (one-line StoreError) a folder for the charts that is a file, or that could
    not be made or written in."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a folder; give a folder for --charts")
    existing = path
    while not existing.exists():
        if existing.is_symlink():
            raise StoreError(f"{existing}: is a broken symbolic link; give a folder for --charts")
        existing = existing.parent
    if not existing.is_dir():
        raise StoreError(f"{existing}: not a folder; give a folder for --charts")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise StoreError(f"{existing}: no permission to write in this folder")


def chart_links(
    files: Sequence[ChartFile], folder: Path, report_dir: Path
) -> dict[tuple[int | None, str], ChartLink]:
    """Each chart's link from a report in ``report_dir``: relative when it can be,
    percent-encoded as a Markdown link destination must be."""
    out: dict[tuple[int | None, str], ChartLink] = {}
    for chart in files:
        target = (folder / chart.name).absolute()
        try:
            href = Path(os.path.relpath(target, report_dir.absolute())).as_posix()
        except ValueError:  # another drive (Windows): no relative path
            href = target.as_posix()
        out[chart.key] = ChartLink(quote(href, safe="/"), chart.alt)
    return out


def write_charts(overview: stats.Overview, folder: Path) -> tuple[list[ChartFile], list[Path]]:
    """Draw the overview's charts and write them into ``folder`` (made if missing), then
    remove the charts of an earlier export there that were not written again
    (``stale_charts``); returns the charts in order and the files removed. StoreError
    (one line) if the folder cannot be written."""
    check_charts_dir(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot create it ({fsio.describe_os_error(exc)})") from exc
    plan = chart_plan(overview)
    written: list[Path] = []
    where = folder
    try:
        for chart in plan:
            where = folder / chart.name
            try:
                data = _svg(functools.partial(_draw, overview, chart.key))
            except (ValueError, RuntimeError) as exc:  # too large to lay out, say
                line = collapse_ws(str(exc))[:200]
                raise StoreError(f"{where}: cannot draw this chart ({line})") from exc
            fsio.write_replace(where, data)
            written.append(where)
        fsio.sync_files(written)  # all at once: one fsync a file would be most of the time
    except OSError as exc:
        raise StoreError(f"{where}: cannot write it ({fsio.describe_os_error(exc)})") from exc
    removed = []
    for stale in stale_charts(folder, {chart.name for chart in plan}):
        try:
            stale.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            what = fsio.describe_os_error(exc)
            raise StoreError(f"{stale}: cannot remove this earlier chart ({what})") from exc
        removed.append(stale)
    return plan, removed


def stale_charts(folder: Path, written: set[str]) -> list[Path]:
    """The charts of an earlier export in ``folder`` not in ``written``: regular files (not
    links) named as ``chart_plan`` names charts and carrying ``CREATOR`` in their first
    bytes. Any other file, of any name, is never among them."""
    mark = f"<dc:title>{CREATOR}</dc:title>".encode()
    out = []
    for path in sorted(folder.iterdir()):
        if path.name in written or not CHART_NAME.fullmatch(path.name):
            continue
        if path.is_symlink() or not path.is_file():
            continue
        try:
            with path.open("rb") as f:
                head = f.read(MARK_BYTES)
        except OSError:
            continue  # not ours to judge: left as it is
        if mark in head:
            out.append(path)
    return out


# -- drawing ---------------------------------------------------------------------------
def _svg(draw: Callable[[Figure], None]) -> bytes:
    import matplotlib  # only when charts are asked for: it takes a while to import
    from matplotlib.figure import Figure

    with matplotlib.rc_context(RC), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph the font lacks is drawn as a box
        fig = Figure()
        draw(fig)
        out = io.BytesIO()
        fig.savefig(
            out, format="svg", metadata={"Date": None, "Creator": CREATOR}, bbox_inches="tight"
        )
    return out.getvalue()


def _draw(overview: stats.Overview, key: tuple[int | None, str], fig: Figure) -> None:
    index, kind = key
    if kind == "trend" or index is None:
        _trend(fig, overview.trend)
    elif kind == "matrix":
        _matrix(fig, overview.series[index])
    else:
        _statuses(fig, overview.series[index])


def _cell_text(tally: stats.Tally) -> str:
    c = tally.compliance
    return f"{compliance_text(c)}\n{tally.rated}/{tally.commitments} {step(c).symbol}"


def _row_name(names: list[str]) -> str:
    if len(names) == 1:
        return _plain(names[0])
    return _plain(f"{names[-1]} (earlier: {'; '.join(names[:-1])})")


def _matrix(fig: Figure, series: Series) -> None:
    ids = [f.meeting.id for f in series.meetings]
    columns = [*column_labels(series.meetings), "All meetings"]
    rows: list[tuple[str, list[stats.Tally | None]]] = []
    for row in series.rows:
        cells = [row.cells[i].tally if i in row.cells else None for i in ids]
        rows.append((_row_name(row.names), [*cells, row.total]))
    rows.append(("All areas", [*(f.tally for f in series.meetings), series.total]))
    fig.set_size_inches(3.2 + 1.15 * len(columns), 1.0 + 0.42 * len(rows))
    ax = fig.add_subplot()
    from matplotlib.patches import Rectangle

    for y, (_name, cells) in enumerate(rows):
        for x, tally in enumerate(cells):
            if tally is None:
                colour, text, ink = "#ffffff", ABSENT, "#404040"
            else:
                mark = step(tally.compliance)
                colour, text, ink = mark.colour, _cell_text(tally), mark.ink
            ax.add_patch(Rectangle((x, y), 1, 1, facecolor=colour, edgecolor="#ffffff", lw=1.5))
            ax.text(x + 0.5, y + 0.5, text, ha="center", va="center", fontsize=7, color=ink)
    ax.set_xlim(0, len(columns))
    ax.set_ylim(len(rows), 0)
    ax.set_xticks([x + 0.5 for x in range(len(columns))], [_plain(c, 24) for c in columns])
    ax.set_yticks([y + 0.5 for y in range(len(rows))], [name for name, _ in rows])
    ax.get_xticklabels()[-1].set_fontweight("bold")  # the totals
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(f"Compliance per area and meeting, {_plain(series.label, 60)}", pad=18)


def _statuses(fig: Figure, series: Series) -> None:
    labels = [_plain(c, 24) for c in column_labels(series.meetings)]
    fig.set_size_inches(max(5.0, 2.5 + 0.9 * len(labels)), 3.6)
    ax = fig.add_subplot()
    bottom = [0] * len(labels)
    xs = list(range(len(labels)))
    for status in STACKED:  # by score from the bottom up, not rated on top
        counts = [f.tally.by_status[status] for f in series.meetings]
        ax.bar(xs, counts, bottom=bottom, color=STATUS_COLOURS[status], label=status.label,
               hatch=HATCHES[status], edgecolor="#ffffff", linewidth=0.6)  # fmt: skip
        bottom = [b + n for b, n in zip(bottom, counts, strict=True)]
    from matplotlib.ticker import MaxNLocator

    ax.set_xticks(xs, labels)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Commitments")
    ax.set_title(f"Statuses per meeting, {_plain(series.label, 60)}")
    handles, names = ax.get_legend_handles_labels()  # listed top down, as stacked
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0),
              frameon=False, fontsize=8)  # fmt: skip
    _tidy(ax)


def _trend(fig: Figure, trend: list[stats.overview.Month]) -> None:
    points = [(m.month, m.standing.compliance_pct) for m in trend]
    shown = [(month, pct) for month, pct in points if pct is not None]
    fig.set_size_inches(max(5.0, 2.0 + 0.35 * len(shown)), 3.2)
    ax = fig.add_subplot()
    xs = list(range(len(shown)))
    ax.axhline(50, color="#bdbdbd", linewidth=0.8, linestyle="--")
    ax.plot(xs, [pct for _, pct in shown], marker="o", color=STEPS[-1].colour, linewidth=1.6)
    every = max(1, len(shown) // 24)
    ax.set_xticks(xs[::every], [month for month, _ in shown][::every], rotation=45, ha="right")
    ax.set_ylim(0, 100)
    ax.set_ylabel("Compliance (%)")
    ax.set_title("Standing compliance at the end of each month")
    _tidy(ax)


def _tidy(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
