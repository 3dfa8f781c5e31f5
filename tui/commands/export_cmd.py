"""``coop-tui export`` and ``coop-tui import-annotations``: the researcher's work, out and in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sharing.export import (
    FORMATS,
    ExportRequest,
    check_charts_dir,
    check_request,
    export_to_path,
    export_to_stream,
    format_for,
    make_filters,
)
from sharing.merge import import_annotations
from store.safetext import visible
from tui.commands import CommandError
from tui.commands.store_common import add_db_option, open_store, store_command


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write the notes as a Markdown report, JSON, CSV or a folder of notes files",
        description="Export statuses, tags and notes. markdown (default): a report, summary "
        "first, then meeting → area → commitment; json: every annotation with what is needed "
        "to re-attach it (import-annotations reads it); csv: one row per commitment; "
        "notes-dir: a folder with one Markdown file per annotated commitment and author, for "
        "sharing through git: two researchers' exports merge without conflicts "
        "(import-annotations reads it). Written to standard output unless a "
        "file is given; an existing file is replaced only with --force. Without --format, "
        "the file name says which: .md, .markdown or .txt (markdown), .json, .csv, a name "
        "ending in / or an existing folder (notes-dir); a name without an ending is "
        "markdown. A --format that the name contradicts is refused.",
    )
    p.add_argument(
        "target",
        nargs="?",
        metavar="PATH",
        help="the output file (or the folder, for notes-dir); same as -o",
    )
    p.add_argument("-o", "--output", metavar="PATH", help="the output file (or folder)")
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="default: from the file name, else markdown",
    )
    p.add_argument(
        "--meeting",
        action="append",
        metavar="MEETING",
        help='only this meeting: an ID or its start, a date, a year, "2024 Guangdong" (repeatable)',
    )
    p.add_argument(
        "--status",
        action="append",
        metavar="STATUS",
        help="only commitments with this status (repeatable: any of them)",
    )
    p.add_argument(
        "--tag", action="append", metavar="TAG", help="only commitments with this tag (repeatable)"
    )
    p.add_argument(
        "--only-annotated",
        action="store_true",
        help="only commitments with a status, a tag or a note",
    )
    p.add_argument("--force", action="store_true", help="replace an existing file / write into "
                   "an existing folder")  # fmt: skip
    p.add_argument(
        "--charts",
        metavar="DIR",
        help="markdown only: also write the overview's charts as SVG files into DIR (made if "
        "missing; files of the same names replaced), linked from the report",
    )
    add_db_option(p)
    p.set_defaults(handler=run_export)

    p = sub.add_parser(
        "import-annotations",
        help="merge a colleague's JSON export or notes folder into the store",
        description="Merge annotations exported by `coop-tui export --format json` or "
        "`--format notes-dir`: new notes are added, identical ones are not repeated, a "
        "status in conflict becomes the most recent change (the other stays in the history), "
        "tags are added, notes and tags deleted on either side stay deleted unless edited after "
        "the deletion, corrections of the parse are added (two of one thing: the most recent "
        "applies; one withdrawn there is withdrawn here unless brought back here since), and "
        "annotations whose commitment is not in this store are kept as orphans (see coop-tui "
        "orphans). All of it is saved in one write, undone as one step by coop-tui undo.",
    )
    p.add_argument("source", metavar="FILE|DIR", help="a JSON export or a notes folder")
    add_db_option(p)
    p.set_defaults(handler=run_import_annotations)


def _output_path(args: argparse.Namespace) -> Path | None:
    if args.target and args.output and args.target != args.output:
        raise CommandError("give the output path once (PATH or -o PATH)")
    value = args.output or args.target
    if value == "-":
        return None
    return Path(value).expanduser() if value else None


def _format(args: argparse.Namespace) -> str:
    """``--format``, else the one the output file's name stands for (see ``format_for``)."""
    value = args.output or args.target
    if not value or value == "-":
        return args.format or "markdown"
    return format_for(value, args.format)


def _charts(args: argparse.Namespace) -> Path | None:
    """``--charts DIR``, refused with any format but markdown."""
    if args.charts is None:
        return None
    if args.format != "markdown":
        raise CommandError(
            f"--charts goes with the Markdown report, not --format {args.format}: leave out one"
        )
    if not args.charts.strip():
        raise CommandError("--charts needs a folder: coop-tui export -o report.md --charts DIR")
    return Path(args.charts).expanduser()


@store_command
def run_export(args: argparse.Namespace) -> int:
    path = _output_path(args)
    args.format = _format(args)
    if args.format == "notes-dir" and path is None:
        raise CommandError("--format notes-dir needs a folder: coop-tui export -f notes-dir DIR")
    charts = _charts(args)
    if path is not None:  # a bad target fails before the store is even opened
        check_request(ExportRequest(path, args.format, force=args.force, charts=charts))
    elif charts is not None:
        check_charts_dir(charts)
    store = open_store(args)
    filters = make_filters(store, args.meeting, args.status, args.tag, args.only_annotated)
    if path is None:
        drawn = export_to_stream(store, filters, args.format, sys.stdout, charts=charts)
        sys.stdout.flush()
        if drawn:
            print(visible(f"wrote {drawn}"), file=sys.stderr)
        return 0
    request = ExportRequest(path, args.format, filters, force=args.force, charts=charts)
    print(visible(export_to_path(store, request)), file=sys.stderr)
    return 0


@store_command
def run_import_annotations(args: argparse.Namespace) -> int:
    source = Path(args.source).expanduser()
    if not source.exists():
        raise CommandError(f"{source}: no such file or folder")
    store = open_store(args)
    summary = import_annotations(store, source)
    for line in summary.lines(str(source)):
        print(line)
    return 0
