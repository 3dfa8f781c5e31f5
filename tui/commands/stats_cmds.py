"""``coop-tui stats`` and ``coop-tui agreement``: what the ratings add up to.

Both read the store (a read-only store too) and compute with :mod:`stats`; the
figures' JSON is the contract scripts use (docs/store.md). ``stats`` aligns the areas
of each series of meetings with the year diff's area alignment, kept between runs in
``store.aligned.json`` (not written when the store is read-only).
"""

from __future__ import annotations

import argparse
import shutil
import sys

from rich.console import Console

from parsers.naming import FORMS
from stats import AreaAligner, FilterError, Filters, agreement, compute, parse_day
from store import Store
from store.model import Ratings, clean_tag
from tui.commands import CommandError, warn
from tui.commands.stats_text import NO_MATCH, csv_text, print_agreement, print_overview, shown
from tui.commands.store_common import (
    add_json_flag,
    meeting_ids,
    open_store,
    print_json,
    store_command,
    store_parser,
)
from tui.render import strip_controls

FILTERS_HELP = (
    "Filters: --meeting (repeatable) counts only the meetings named; --tag only "
    "commitments carrying the tag, or in an area or a meeting carrying it; --as-of DATE "
    "each status as it stood at the end of that day (UTC), and only meetings held by then."
)


def register(sub: argparse._SubParsersAction) -> None:
    p = store_parser(
        sub,
        "stats",
        run_stats,
        author=False,
        help="compliance per meeting and per area, across a series, and its trend",
        description="Count the statuses per meeting and per area: how many commitments, "
        "how many rated, how many of each status, and the mean compliance (implemented "
        "+1, partial or in progress 0, stalled or not implemented -1; not rated left "
        "out) with its percentage, (compliance + 1) / 2 x 100, as the G20 Research "
        "Group's compliance reports give it. The areas of the meetings between the same "
        "parties are aligned across meetings (a renamed area stays on its row). Excluded "
        "commitments are not counted. " + FILTERS_HELP + " --author NAME after the "
        "command counts each commitment as that rater last rated it (before the command, "
        "as for every command, it names who is writing and filters nothing; nor does "
        "$COOP_TUI_AUTHOR); --disagree only commitments two raters "
        "rated differently. --json prints the figures as JSON, --format csv one row per "
        "meeting and area and one per meeting's total.",
    )
    _filter_options(p)
    p.add_argument(
        "--author",
        dest="rater",
        metavar="NAME",
        help="count each commitment's status as this rater last set it (others' ratings "
        "left out: what they alone rated counts as not rated); only after the command: "
        "coop-tui --author NAME stats names who is writing, as for every command",
    )
    p.add_argument(
        "--disagree",
        action="store_true",
        help="only the commitments that two raters rated differently",
    )
    form = p.add_mutually_exclusive_group()
    add_json_flag(form, "print the figures as JSON")
    form.add_argument(
        "--format",
        choices=("csv",),
        help="csv: one row per meeting and area, and one per meeting's total",
    )

    p = store_parser(
        sub,
        "agreement",
        run_agreement,
        help="agreement between raters: percent, Cohen's kappa, Krippendorff's alpha",
        description="Compare the raters of the same commitments (each rater's latest "
        "status; a colleague's ratings arrive with coop-tui import-annotations): for each "
        "pair of raters, how many commitments both rated, the share on which they agree, "
        "Cohen's kappa (nominal) and Krippendorff's alpha (ordinal, by the krippendorff "
        "package), on the compliance scale -1/0/+1 (not rated is missing); overall, "
        "Krippendorff's alpha over every rater; and the commitments they rated "
        "differently. A coefficient that is undefined (nothing both rated, or no "
        "variation) is shown as — (null in JSON). " + FILTERS_HELP + " It takes no "
        "--author after the command: it compares every rater (coop-tui stats --author "
        "NAME counts one rater's statuses); before the command, as for every command, "
        "--author names who is writing.",
        author=False,
    )
    _filter_options(p)
    p.add_argument(
        "--author",
        dest="rater",
        metavar="NAME",
        help="refused (exit 2): agreement compares every rater; see coop-tui stats --author",
    )
    add_json_flag(p, "print the agreement as JSON")


def _filter_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--meeting",
        dest="meetings",
        action="append",
        metavar="MEETING",
        help=f"only this meeting (repeatable): {FORMS}",
    )
    p.add_argument("--tag", metavar="TAG", help="only commitments with this tag (or in an area "
                   "or a meeting with it)")  # fmt: skip
    p.add_argument("--as-of", metavar="DATE", help="statuses as they stood on YYYY-MM-DD")


def _filters(store: Store, args: argparse.Namespace, rater: str | None = None) -> Filters:
    try:
        as_of = parse_day(args.as_of) if args.as_of is not None else None
    except FilterError as exc:
        raise CommandError(f"--as-of: {exc}") from None
    tag = clean_tag(args.tag) if args.tag is not None else None  # as the store keeps tags
    if tag is not None and not tag:
        raise CommandError("--tag: give a tag (an empty one matches nothing)")
    if rater is not None and not rater.strip():
        raise CommandError("--author: give a rater's name")
    meetings = tuple(meeting_ids(store, args.meetings)) if args.meetings else None
    return Filters(
        meetings=meetings,
        tag=tag,
        author=rater,
        as_of=as_of,
        disagree=bool(getattr(args, "disagree", False)),
    )


def raters(ratings: Ratings) -> list[str]:
    """Everyone who set a status in the store (named in the status history)."""
    return sorted({c.by for h in ratings.histories.values() for c in h if c.by is not None})


def _console() -> Console:
    """The terminal; when output is piped, plain text (no colour codes) as wide as the
    terminal would be (``$COLUMNS``, else 100)."""
    if sys.stdout.isatty():
        return Console(highlight=False)
    width = shutil.get_terminal_size((100, 24)).columns
    return Console(highlight=False, width=width, no_color=True, color_system=None)


@store_command
def run_stats(args: argparse.Namespace) -> int:
    store = open_store(args)
    # --author after the command is the rater counted; before it (the global option,
    # like $COOP_TUI_AUTHOR) it names who is writing, as for every command: no filter
    filters = _filters(store, args, args.rater)
    ratings = store.ratings()
    if filters.author is not None:
        known = raters(ratings)
        if filters.author not in known:
            named = ", ".join(known) if known else "none (no status records its author)"
            warn(f"note: no status set by {filters.author!r}: every commitment counts as "
                 f"not rated (raters in this store: {named})")  # fmt: skip
    aligner = AreaAligner.for_store(store)
    meetings = store.meetings()
    overview = compute(meetings, ratings, filters, aligner, keep=True)
    aligner.save(m.id for m in meetings)
    if args.json:
        print_json(overview.to_json())
    elif args.format == "csv":
        sys.stdout.write(csv_text(overview))
        view = shown(overview)  # what the CSV left out, said on stderr (not in the data)
        said = NO_MATCH if view.nothing_matches else view.left_out_line()
        if said is not None:
            warn(f"note: {said}")
    else:
        print_overview(_console(), overview)
    return 0


@store_command
def run_agreement(args: argparse.Namespace) -> int:
    if args.rater is not None:
        raise CommandError(
            "--author: agreement compares every rater and takes no --author "
            "(coop-tui stats --author NAME counts one rater's statuses)"
        )
    store = open_store(args)
    filters = _filters(store, args)
    meetings = store.meetings()
    result = agreement(meetings, store.ratings(), filters)
    if args.json:
        print_json(result.to_json())
        return 0
    if len(result.raters) < 2:  # one line, unwrapped: a script may grep it
        who = f"only {result.raters[0]!r} rated" if result.raters else "no named rater rated"
        line = f"Fewer than two raters: {who} these commitments (see coop-tui import-annotations)"
        sys.stdout.write(strip_controls(line) + "\n")
        return 0
    out = _console()
    print_agreement(out, result, meetings)
    return 0
