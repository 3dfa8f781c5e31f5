"""The notes folder: each researcher's annotations as Markdown files, for sharing through git.

Layout (``NAME`` is the author's name made safe for a file name, see ``store.author``)::

    DIR/<date>-<meeting title>-<meeting id>/<commitment text>-<commitment id>/NAME.md
    DIR/<date>-<meeting title>-<meeting id>/area-<area name>-<area id>/NAME.md
    DIR/<date>-<meeting title>-<meeting id>/meeting-<meeting id>/NAME.md
    DIR/orphans/<old text>-<old id>/NAME.md
    DIR/index-NAME.md       a readable list of NAME's files (never read back)
    DIR/deleted-NAME.md     the notes and tags deleted in NAME's store (tombstones)
    DIR/corrections-NAME.md the corrections of the parse in NAME's store (``corrections_io``)

Every file is written by one author only, so when two researchers export into the
same folder on two git branches and merge, git never has to merge the inside of a
file: each commitment gets one file per author beside the others, and an import
reads them all (``sharing.merge``). Each author's file holds that author's copy of
the annotation — everything in their store, their colleagues' imported work too —
so the folder's files overlap, and an import merges them as it merges any copy.
An export without filters also removes the author's own files whose annotation
has gone from the store (moved to another commitment, say), and nobody else's.

Names are made from titles and texts by keeping letters and digits (any script)
and turning every other run of characters into ``-``, so ``/``, ``..`` or a
drive letter cannot reach outside ``DIR`` (and every path is checked to be
inside it before anything is written). Each folder name ends in the ID, so two
commitments never share a folder. A file is rewritten only if its content changed,
and the content has no export time: a re-export changes the files of what changed.

A notes file is YAML front matter — one ``key: <JSON value>`` per line (JSON values
are valid YAML), lists one item per line — then the commitment quoted and each note
verbatim in a fenced block (see ``sharing.markdown_text``), preceded by a comment with its ID,
times, author and earlier versions. The front matter's ``history`` is the status
record (``status`` repeats the current one for readers and is ignored when the file
is read back); ``tags`` gives each tag with when and by whom it was added.

Reading a folder back reads every ``.md`` file (any case; a byte-order mark ignored)
outside hidden folders, checks every value (``store.validate``), and skips, naming them,
other Markdown files, files that are not UTF-8 and every symbolic link (never followed).

Folders written before authors existed (``<commitment>-<id>.md`` files, ``notes/1``)
are still read. A file with git's conflict markers is refused, naming the line.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sharing import markdown_text
from sharing.corrections_io import corrections_file_name as _corrections_name
from sharing.corrections_io import corrections_file_text
from sharing.data_export import annotation_records, quote
from sharing.notes_reading import (
    DELETIONS_MARK,
    INDEX_LINE,
    MARK,
    is_corrections_file,
    is_deletions_file,
    is_notes_file,
    parse_front_matter,
    read_markdown,
)
from sharing.selection import Selection
from store import fsio, safetext
from store.author import current_author
from store.errors import StoreError
from store.model import Status, StatusChange

_UNSAFE = re.compile(r"[\W_]+", re.UNICODE)
SLUG_CHARS = 48
AUTHOR_CHARS = 40


def slug(text: str, limit: int = SLUG_CHARS) -> str:
    """Letters and digits of ``text`` joined by ``-``; never empty, ``.``-free, no separators."""
    words = _UNSAFE.sub("-", unicodedata.normalize("NFKC", text).casefold()).strip("-")
    words = words[:limit].strip("-")
    return words or "untitled"


def author_file_name(author: str) -> str:
    """``NAME.md``: the name of an author's file in each commitment's folder."""
    return f"{slug(author, AUTHOR_CHARS)}.md"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _comment_json(value: Any) -> str:
    """JSON that cannot end an HTML comment (``>`` escaped) or the line."""
    return _dump(value).replace(">", "\\u003e")


def _front_matter(
    mark: str, fields: list[tuple[str, Any]], lists: list[tuple[str, list[Any]]]
) -> list[str]:
    lines = ["---", f"coop-tui: {_dump(mark)}"]
    lines += [f"{key}: {_dump(value)}" for key, value in fields]
    for key, items in lists:
        lines.append(f"{key}:" if items else f"{key}: []")
        lines += [f"  - {_dump(item)}" for item in items]
    return [*lines, "---", ""]


def _by(author: str | None) -> str:
    return f" by {markdown_text.escape(author)}" if author else ""


def _tag_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    added = record.get("tag_added") or {}
    out = []
    for tag in record["tags"]:
        when = added.get(tag) or {}
        item = {"tag": tag, "at": when.get("at"), "by": when.get("by")}
        out.append({k: v for k, v in item.items() if v is not None})
    return out


def _file_text(record: dict[str, Any], author: str) -> str:
    """One author's notes file from an ``data_export.annotation_records`` record."""
    meeting = record.get("meeting") or {}
    area = record.get("area") or {}
    history = [StatusChange.from_dict(c) for c in record["history"]]
    fields: list[tuple[str, Any]] = [
        ("author", author),
        ("target", record["id"]),
        ("kind", record["kind"]),
        ("orphan", record["orphan"]),
        ("meeting", meeting.get("id")),
        ("meeting-title", meeting.get("title")),
        ("meeting-date", meeting.get("date")),
        ("parties", meeting.get("parties")),
        ("doc", meeting.get("doc")),
        *[(key, meeting[key]) for key in ("url", "fetched") if meeting.get(key)],
        ("area", area.get("id")),
        ("area-name", area.get("name")),
        ("text", record["text"]),
        ("status", record["status"]),
    ]
    lists = [("tags", _tag_items(record)), ("history", [c.to_dict() for c in history])]
    out = _front_matter(MARK, fields, lists)
    out += [
        markdown_text.heading(1, quote(record["text"], 90), f"{record['kind'].capitalize()}: "),
        "",
    ]
    out += ["> " + markdown_text.escape(record["text"]), ""]
    out += [f"*As exported by {markdown_text.escape(author)}.*", ""]
    if history:
        last = history[-1]
        out.append(
            f"Status: **{last.status.label}** (set {markdown_text.when(last.at)}{_by(last.by)})"
        )
        out.append("")
    if record["tags"]:
        out += ["Tags: " + ", ".join(markdown_text.escape(t) for t in record["tags"]), ""]
    if record["notes"]:
        out += ["## Notes", ""]
    for note in record["notes"]:
        meta = {k: note[k] for k in ("id", "created", "updated", "by", "prior") if k in note}
        if not safetext.is_safe(note["text"]):  # shown with codes: the exact text goes here
            meta["text"] = note["text"]
        out += [
            f"<!-- coop-tui note {_comment_json(meta)} -->",
            markdown_text.fenced(note["text"]),
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def _target_folder(record: dict[str, Any]) -> Path:
    meeting = record.get("meeting") or {}
    if record["orphan"] or not meeting.get("title"):
        folder = "orphans"
    else:
        date = meeting.get("date") or "undated"
        folder = f"{slug(date, 10)}-{slug(meeting['title'])}-{slug(meeting['id'], 12)}"
    ident = slug(record["id"], 40)
    if record["kind"] == "meeting" and not record["orphan"]:
        name = f"meeting-{ident}"
    elif record["kind"] == "area":
        name = f"area-{slug(record['text'])}-{ident}"
    else:
        name = f"{slug(record['text'])}-{ident}"
    return Path(folder) / name


def _index_text(
    records: list[dict[str, Any]], paths: list[Path], author: str, sel: Selection
) -> str:
    who = markdown_text.escape(author)
    out = [INDEX_LINE, f"# Annotations exported by {who}", ""]
    out += [
        f"{who}'s copy of {len(records)} annotated commitment(s), area(s) and meeting(s), "
        f"one file each. Every researcher exporting into this folder writes files of their "
        f"own (and an index of their own), so git merges never meet inside a file.",
    ]
    if sel.filters.describe():
        out += ["", f"Filters: {markdown_text.escape(sel.filters.describe())}"]
    heading = None
    for record, path in zip(records, paths, strict=True):
        meeting = record.get("meeting") or {}
        if record["orphan"]:
            title = "Orphans (not in this store's meetings)"
        else:
            title = " · ".join(str(v) for v in (meeting.get("date"), meeting.get("title")) if v)
        if title != heading:
            heading = title
            out += ["", markdown_text.heading(2, title), ""]
        ann = [Status(record["status"]).label]
        if record["tags"]:
            ann.append("tags: " + ", ".join(markdown_text.escape(t) for t in record["tags"]))
        if record["notes"]:
            ann.append(f"{len(record['notes'])} note(s)")
        link = path.as_posix()
        label = markdown_text.escape(quote(record["text"], 90)) or "(untitled)"
        out.append(f"- [{label}](<{link}>) — {' · '.join(ann)}")
    if sel.deletions:
        name = deletions_file_name(author)
        out += ["", f"Deleted notes and tags: [{name}](<{name}>)"]
    if sel.corrections:
        name = corrections_file_name(author)
        out += ["", f"Corrections of the parse: [{name}](<{name}>)"]
    return "\n".join(out).rstrip("\n") + "\n"


def index_file_name(author: str) -> str:
    return f"index-{slug(author, AUTHOR_CHARS)}.md"


def deletions_file_name(author: str) -> str:
    return f"deleted-{slug(author, AUTHOR_CHARS)}.md"


def corrections_file_name(author: str) -> str:
    return _corrections_name(slug(author, AUTHOR_CHARS))


def _texts(sel: Selection) -> dict[str, str]:
    """Every selected target's text, to name what a deletion was on."""
    texts: dict[str, str] = {}
    for view in sel.meetings:
        texts[view.meeting.id] = view.meeting.title
        for area in view.areas:
            texts[area.area.id] = area.area.name
            texts.update((item.commitment.id, item.commitment.text) for item in area.items)
            texts.update((item.commitment.id, item.commitment.text) for item in area.excluded)
    for orphan in sel.orphans:
        texts[orphan.target_id] = str(orphan.anchor.get("text", ""))
    return texts


def _deletions_text(sel: Selection, author: str) -> str:
    deletions = sorted(sel.deletions, key=lambda d: (d.at, d.key))
    out = _front_matter(
        DELETIONS_MARK, [("author", author)], [("deleted", [d.to_dict() for d in deletions])]
    )
    who = markdown_text.escape(author)
    out += [f"# Deleted in {who}'s store", ""]
    out += [
        "Notes, tags and status entries deleted in this store (by whoever deleted them), "
        "listed above one per "
        "line. An import skips any copy of them last edited before its deletion, and deletes "
        "the importer's own copy unless it was edited after.",
        "",
    ]
    texts = _texts(sel)
    for d in deletions:
        on = texts.get(d.target)
        where = f" on “{markdown_text.escape(quote(on, 60))}”" if on else ""
        what = {"note": "note", "tag": "tag", "status": "status entry"}[d.what]
        out.append(
            f"- {what} {markdown_text.escape(d.item)}{where} "
            f"({markdown_text.escape(d.target)}), deleted {markdown_text.when(d.at)}{_by(d.by)}"
        )
    return "\n".join(out).rstrip("\n") + "\n"


def _inside(directory: Path, path: Path) -> bool:
    base = directory.resolve()
    try:
        path.resolve().relative_to(base)
    except ValueError:
        return False
    return True


def check_output_dir(directory: Path, force: bool) -> None:
    if directory.is_symlink():
        raise StoreError(f"{directory}: is a symbolic link; give the real folder's path")
    if directory.exists():
        if not directory.is_dir():
            raise StoreError(f"{directory}: not a folder")
        if any(directory.iterdir()) and not force:
            raise StoreError(
                f"{directory}: already exists and is not empty; add --force to write into it"
            )
        if not os.access(directory, os.W_OK | os.X_OK):
            raise StoreError(f"{directory}: no permission to write in this folder")
    elif not directory.parent.is_dir():
        raise StoreError(f"{directory.parent}: no such folder; create it first")
    elif not os.access(directory.parent, os.W_OK | os.X_OK):
        raise StoreError(f"{directory.parent}: no permission to write in this folder")


@dataclass
class Written:
    """What ``write_notes_dir`` did; paths relative to the folder."""

    author: str
    files: list[Path] = field(default_factory=list)  # one notes file per annotated target
    others: list[Path] = field(default_factory=list)  # the index, the deletions
    removed: list[Path] = field(default_factory=list)  # the author's files no longer wanted


def _existing_author(path: Path) -> str | None:
    """The author named in an existing notes, deletions or corrections file (None if not
    ours)."""
    try:
        text = read_markdown(path)
    except StoreError:
        return None
    if text is None or not (
        is_notes_file(text) or is_deletions_file(text) or is_corrections_file(text)
    ):
        return None
    try:
        fields, _body = parse_front_matter(markdown_text.normalise_newlines(text).split("\n"), "")
    except StoreError:
        return None
    value = fields.get("author")
    return value if isinstance(value, str) else None


def _check_target(directory: Path, rel: Path, author: str) -> None:
    target = directory / rel
    for path in (*reversed(rel.parents[:-1]), rel):
        if (directory / path).is_symlink():
            raise StoreError(f"{directory / path}: is a symbolic link; nothing was written")
    if not _inside(directory, target):
        raise StoreError(f"{target}: would be outside {directory}; nothing was written")
    if target.is_dir():
        raise StoreError(f"{target}: is a folder; nothing was written")
    if target.exists():
        other = _existing_author(target)
        if other is not None and other != author:
            raise StoreError(
                f"{target}: written by {other!r}, whose name gives the same file name as "
                f"{author!r}; export under another name (--author or $COOP_TUI_AUTHOR); "
                "nothing was written"
            )


def _stale_files(directory: Path, author: str, keep: set[Path]) -> list[Path]:
    """This author's notes files (``*/*/NAME.md``) and deletions file not in ``keep``."""
    name = author_file_name(author)
    found = []
    candidates = [
        *directory.glob(f"*/*/{name}"),
        directory / deletions_file_name(author),
        directory / corrections_file_name(author),
    ]
    for path in candidates:
        rel = path.relative_to(directory)
        if rel in keep or any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and not path.is_symlink() and _existing_author(path) == author:
            found.append(rel)
    return sorted(found)


def write_notes_dir(
    sel: Selection, directory: Path, force: bool = False, author: str | None = None
) -> Written:
    """Write the author's file for each annotation, their index and their deletions.

    Every target is checked before anything is written. Nothing is written into the
    folder until every file has been written aside (``_write_aside``): a new folder
    is made as a hidden sibling and renamed into place; for an existing one, the
    files whose content changed are written to a hidden folder inside it and moved
    in at the end. So a failure (a full disk) leaves no folder, or the old one as it
    was. Other authors' files are left; so are the author's own files for other
    annotations, unless the selection has no filters (then the folder is the
    author's whole copy, and their files of annotations that are gone are removed).
    Every file's text goes through ``safetext.visible``.
    """
    author = author or current_author()
    check_output_dir(directory, force)
    records = list(annotation_records(sel))
    name = author_file_name(author)
    folders = [_target_folder(record) for record in records]
    done = Written(author)
    files: list[tuple[Path, str]] = []
    for record, folder in zip(records, folders, strict=True):
        rel = folder / name
        done.files.append(rel)
        files.append((rel, _file_text(record, author)))
    index = Path(index_file_name(author))
    files.append((index, _index_text(records, done.files, author, sel)))
    done.others.append(index)
    if sel.deletions:
        deleted = Path(deletions_file_name(author))
        files.append((deleted, _deletions_text(sel, author)))
        done.others.append(deleted)
    if sel.corrections:
        fixes = Path(corrections_file_name(author))
        files.append((fixes, corrections_file_text(sel.corrections, author)))
        done.others.append(fixes)
    for rel, _text in files:
        _check_target(directory, rel, author)
    exists = directory.is_dir()
    if exists and not sel.filters.describe():
        done.removed = _stale_files(directory, author, {rel for rel, _text in files})
    contents = [(rel, safetext.visible(text).encode("utf-8")) for rel, text in files]
    try:
        if exists:
            changed = [(rel, data) for rel, data in contents
                       if not _same_bytes(directory / rel, data)]  # fmt: skip
            _update_folder(directory, changed, done.removed)
        else:
            _new_folder(directory, contents)
    except OSError as exc:
        raise StoreError(
            f"{directory}: cannot write the notes ({fsio.describe_os_error(exc)}); "
            "nothing was changed"
        ) from exc
    return done


#: The hidden folder inside an existing notes folder where an export writes first.
STAGING_NAME = "coop-tui-export"


def _write_aside(staging: Path, files: list[tuple[Path, bytes]]) -> None:
    """Write ``files`` under ``staging`` (a new folder) and make them durable; on any
    failure ``staging`` is removed with what was written in it."""
    staging.mkdir()
    written: list[Path] = []
    try:
        for rel, data in files:
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            fsio.write_replace(target, data)
            written.append(target)
        fsio.sync_files(written)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _remove_stale_staging(folder: Path, target: Path) -> None:
    """Remove the hidden folders in ``folder`` that an export into ``target`` killed
    midway left behind (``fsio.temp_name``: named with the process ID, which is gone)."""
    try:
        names = [n for n in os.listdir(folder) if fsio.is_temp_of(n, target)]
    except OSError:
        return
    for name in names:
        pid = name[len(f".{target.name}{fsio.TEMP_MARK}") :].partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)) and (folder / name).is_dir():
            shutil.rmtree(folder / name, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (PermissionError): alive
        return True
    return True


def _new_folder(directory: Path, files: list[tuple[Path, bytes]]) -> None:
    """The folder written as a hidden sibling, then renamed to ``directory``."""
    _remove_stale_staging(directory.parent, directory)
    staging = fsio.temp_name(directory)
    _write_aside(staging, files)
    try:
        os.rename(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsio.fsync_dir(directory.parent)


def _update_folder(directory: Path, files: list[tuple[Path, bytes]], removed: list[Path]) -> None:
    """The changed files written to a hidden folder inside ``directory``, then moved in.

    The folder stays where it is (it is often a git checkout, with other authors'
    files): only renames, the sub-folders they need and the removals touch it, after
    everything has been written.
    """
    _remove_stale_staging(directory, directory / STAGING_NAME)
    staging = fsio.temp_name(directory / STAGING_NAME)
    _write_aside(staging, files)
    made: list[Path] = []
    try:
        for rel, _data in files:
            for folder in reversed(rel.parents[:-1]):
                if not (directory / folder).is_dir():
                    (directory / folder).mkdir()
                    made.append(directory / folder)
    except BaseException:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        for rel, _data in files:
            os.replace(staging / rel, directory / rel)
        for rel in removed:
            (directory / rel).unlink()
            _remove_empty(directory, rel.parent)
    except OSError as exc:  # renames and removals: rare, but then the folder is part-done
        raise StoreError(
            f"{directory}: cannot move the notes into place ({fsio.describe_os_error(exc)}); "
            "some files were replaced: export again"
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for folder in dict.fromkeys((directory / rel).parent for rel, _data in files):
        fsio.fsync_dir(folder)
    fsio.fsync_dir(directory)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _remove_empty(directory: Path, rel: Path) -> None:
    """Remove ``rel`` and its parents inside ``directory`` while they are empty."""
    while rel != Path("."):
        try:
            (directory / rel).rmdir()
        except OSError:
            return
        rel = rel.parent


# -- reading back ------------------------------------------------------------------
