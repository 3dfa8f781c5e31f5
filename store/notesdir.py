"""The notes folder: each researcher's annotations as Markdown files, for sharing through git.

Layout (``NAME`` is the author's name made safe for a file name, see ``store.author``)::

    DIR/<date>-<meeting title>-<meeting id>/<commitment text>-<commitment id>/NAME.md
    DIR/<date>-<meeting title>-<meeting id>/area-<area name>-<area id>/NAME.md
    DIR/<date>-<meeting title>-<meeting id>/meeting-<meeting id>/NAME.md
    DIR/orphans/<old text>-<old id>/NAME.md
    DIR/index-NAME.md       a readable list of NAME's files (never read back)
    DIR/deleted-NAME.md     the notes and tags deleted in NAME's store (tombstones)

Every file is written by one author only, so when two researchers export into the
same folder on two git branches and merge, git never has to merge the inside of a
file: each commitment gets one file per author beside the others, and an import
reads them all (``store.exchange``). Each author's file holds that author's copy of
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
verbatim in a fenced block (see ``store.mdtext``), preceded by a comment with its ID,
times, author and earlier versions. The front matter's ``history`` is the status
record (``status`` repeats the current one for readers and is ignored when the file
is read back); ``tags`` gives each tag with when and by whom it was added.

Folders written before authors existed (``<commitment>-<id>.md`` files, ``notes/1``)
are still read. A file with git's conflict markers is refused, naming the line.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parsers.reading import InputError, read_bounded
from store import fsio, jsonload, mdtext
from store.author import current_author
from store.dataexport import annotation_records, quote
from store.errors import StoreError
from store.model import Deletion, Note, Status, StatusChange
from store.selection import Selection

MARK = "notes/2"
READABLE_MARKS = ("notes/1", MARK)
DELETIONS_MARK = "deletions/1"
INDEX_LINE = "<!-- coop-tui index: a list for reading, written by every export; not imported -->"
_NOTE_LINE = re.compile(r"^<!-- coop-tui note (?P<meta>\{.*\}) -->$")
_UNSAFE = re.compile(r"[\W_]+", re.UNICODE)
SLUG_CHARS = 48
AUTHOR_CHARS = 40
#: The largest annotations file read (a notes file, a JSON export): far above a real one.
MAX_FILE_BYTES = 512 << 20


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
    return f" by {mdtext.escape(author)}" if author else ""


def _tag_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    added = record.get("tag_added") or {}
    out = []
    for tag in record["tags"]:
        when = added.get(tag) or {}
        item = {"tag": tag, "at": when.get("at"), "by": when.get("by")}
        out.append({k: v for k, v in item.items() if v is not None})
    return out


def _file_text(record: dict[str, Any], author: str) -> str:
    """One author's notes file from an ``dataexport.annotation_records`` record."""
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
        ("area", area.get("id")),
        ("area-name", area.get("name")),
        ("text", record["text"]),
        ("status", record["status"]),
    ]
    lists = [("tags", _tag_items(record)), ("history", [c.to_dict() for c in history])]
    out = _front_matter(MARK, fields, lists)
    out += [mdtext.heading(1, quote(record["text"], 90), f"{record['kind'].capitalize()}: "), ""]
    out += ["> " + mdtext.escape(record["text"]), ""]
    out += [f"*As exported by {mdtext.escape(author)}.*", ""]
    if history:
        last = history[-1]
        out.append(f"Status: **{last.status.label}** (set {mdtext.when(last.at)}{_by(last.by)})")
        out.append("")
    if record["tags"]:
        out += ["Tags: " + ", ".join(mdtext.escape(t) for t in record["tags"]), ""]
    if record["notes"]:
        out += ["## Notes", ""]
    for note in record["notes"]:
        meta = {k: note[k] for k in ("id", "created", "updated", "by", "prior") if k in note}
        out += [
            f"<!-- coop-tui note {_comment_json(meta)} -->",
            mdtext.fenced(note["text"]),
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
    who = mdtext.escape(author)
    out = [INDEX_LINE, f"# Annotations exported by {who}", ""]
    out += [
        f"{who}'s copy of {len(records)} annotated commitment(s), area(s) and meeting(s), "
        f"one file each. Every researcher exporting into this folder writes files of their "
        f"own (and an index of their own), so git merges never meet inside a file.",
    ]
    if sel.filters.describe():
        out += ["", f"Filters: {mdtext.escape(sel.filters.describe())}"]
    heading = None
    for record, path in zip(records, paths, strict=True):
        meeting = record.get("meeting") or {}
        if record["orphan"]:
            title = "Orphans (not in this store's meetings)"
        else:
            title = " · ".join(str(v) for v in (meeting.get("date"), meeting.get("title")) if v)
        if title != heading:
            heading = title
            out += ["", mdtext.heading(2, title), ""]
        ann = [Status(record["status"]).label]
        if record["tags"]:
            ann.append("tags: " + ", ".join(mdtext.escape(t) for t in record["tags"]))
        if record["notes"]:
            ann.append(f"{len(record['notes'])} note(s)")
        link = path.as_posix()
        label = mdtext.escape(quote(record["text"], 90)) or "(untitled)"
        out.append(f"- [{label}](<{link}>) — {' · '.join(ann)}")
    if sel.deletions:
        name = deletions_file_name(author)
        out += ["", f"Deleted notes and tags: [{name}](<{name}>)"]
    return "\n".join(out).rstrip("\n") + "\n"


def index_file_name(author: str) -> str:
    return f"index-{slug(author, AUTHOR_CHARS)}.md"


def deletions_file_name(author: str) -> str:
    return f"deleted-{slug(author, AUTHOR_CHARS)}.md"


def _texts(sel: Selection) -> dict[str, str]:
    """Every selected target's text, to name what a deletion was on."""
    texts: dict[str, str] = {}
    for view in sel.meetings:
        texts[view.meeting.id] = view.meeting.title
        for area in view.areas:
            texts[area.area.id] = area.area.name
            texts.update((item.commitment.id, item.commitment.text) for item in area.items)
    for orphan in sel.orphans:
        texts[orphan.target_id] = str(orphan.anchor.get("text", ""))
    return texts


def _deletions_text(sel: Selection, author: str) -> str:
    deletions = sorted(sel.deletions, key=lambda d: (d.at, d.key))
    out = _front_matter(
        DELETIONS_MARK, [("author", author)], [("deleted", [d.to_dict() for d in deletions])]
    )
    who = mdtext.escape(author)
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
        where = f" on “{mdtext.escape(quote(on, 60))}”" if on else ""
        what = {"note": "note", "tag": "tag", "status": "status entry"}[d.what]
        out.append(
            f"- {what} {mdtext.escape(d.item)}{where} ({mdtext.escape(d.target)}), deleted "
            f"{mdtext.when(d.at)}{_by(d.by)}"
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
    """The author named in an existing notes or deletions file (None if not ours)."""
    try:
        text = read_text(path)
    except StoreError:
        return None
    if not (is_notes_file(text) or is_deletions_file(text)):
        return None
    try:
        fields, _body = _parse_front_matter(mdtext.normalise_newlines(text).split("\n"), "")
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
    candidates = [*directory.glob(f"*/*/{name}"), directory / deletions_file_name(author)]
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

    Every target is checked before anything is written; each file is written to a
    temporary name and renamed (and left alone if its content is the same). Other
    authors' files are left; so are the author's own files for other annotations,
    unless the selection has no filters (then the folder is the author's whole copy,
    and their files of annotations that are gone are removed).
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
    for rel, _text in files:
        _check_target(directory, rel, author)
    if directory.is_dir() and not sel.filters.describe():
        done.removed = _stale_files(directory, author, {rel for rel, _text in files})
    try:
        directory.mkdir(exist_ok=True)
        for rel, text in files:
            target = directory / rel
            for folder in reversed([*rel.parents][:-1]):
                if not (directory / folder).is_dir():
                    (directory / folder).mkdir()
                    fsio.fsync_dir((directory / folder).parent)
            data = text.encode("utf-8")
            if target.is_file() and _same_bytes(target, data):
                continue
            fsio.write_atomic(target, data)
        for rel in done.removed:
            (directory / rel).unlink()
            _remove_empty(directory, rel.parent)
    except OSError as exc:
        raise StoreError(
            f"{directory}: cannot write the notes ({fsio.describe_os_error(exc)})"
        ) from exc
    return done


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
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
_CONFLICT_START = re.compile(r"^<{7}(?: |$)")
_CONFLICT_END = re.compile(r"^>{7}(?: |$)")


def conflict_line(text: str) -> int | None:
    """The line number of the first git conflict in ``text`` (``<<<<<<<`` then ``=======``
    then ``>>>>>>>`` at line starts, as git writes them), None if there is none."""
    start = middle = None
    for number, line in enumerate(mdtext.normalise_newlines(text).split("\n"), 1):
        if _CONFLICT_START.match(line):
            start, middle = number, None
        elif start is not None and line == "=======":
            middle = number
        elif start is not None and middle is not None and _CONFLICT_END.match(line):
            return start
    return None


def check_conflicts(text: str, where: str) -> None:
    number = conflict_line(text)
    if number is not None:
        raise StoreError(
            f"{where}: line {number}: an unresolved git conflict (<<<<<<< … >>>>>>>); finish "
            "the merge (edit the file, or take one side with git checkout --ours/--theirs), "
            "commit, and import again; nothing was imported"
        )


def _parse_front_matter(lines: list[str], where: str) -> tuple[dict[str, Any], int]:
    fields: dict[str, Any] = {}
    items: list[Any] | None = None
    for i in range(1, len(lines)):
        line = lines[i]
        if line == "---":
            return fields, i + 1
        try:
            if line.startswith("  - "):
                if items is None:
                    raise ValueError("a list item under no list")
                items.append(jsonload.loads(line[4:]))
                continue
            key, sep, value = line.partition(":")
            if not sep:
                raise ValueError("not a `key: value` line")
            if value.strip():
                fields[key], items = jsonload.loads(value), None
            else:
                fields[key] = items = []
        except ValueError as exc:
            raise StoreError(f"{where}: line {i + 1} of the front matter: {exc}") from exc
    raise StoreError(f"{where}: the front matter is not closed with ---")


def _mark(text: str) -> str | None:
    lines = mdtext.normalise_newlines(text).split("\n", 2)
    if len(lines) > 1 and lines[0] == "---" and lines[1].startswith("coop-tui: "):
        try:
            value = jsonload.loads(lines[1][len("coop-tui: ") :])
        except ValueError:
            return None
        return value if isinstance(value, str) else None
    return None


def is_notes_file(text: str) -> bool:
    return _mark(text) in READABLE_MARKS


def is_deletions_file(text: str) -> bool:
    return _mark(text) == DELETIONS_MARK


def is_index_file(text: str) -> bool:
    return mdtext.normalise_newlines(text).split("\n", 1)[0] == INDEX_LINE


def _tags(value: Any) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """Tags and their add times: a JSON list of names (``notes/1``) or of
    ``{"tag", "at", "by"}`` items (``notes/2``)."""
    tags: list[str] = []
    added: dict[str, dict[str, Any]] = {}
    for item in value or []:
        if isinstance(item, dict):
            tag = str(item["tag"])
            if item.get("at") is not None:
                added[tag] = {"at": item["at"], "by": item.get("by")}
        else:
            tag = str(item)
        tags.append(tag)
    return tags, added


def read_notes_file(text: str, where: str) -> dict[str, Any]:
    """An ``dataexport.annotation_records``-shaped record from a notes file's text
    (with ``author``, None for a file written before authors were recorded)."""
    check_conflicts(text, where)
    lines = mdtext.normalise_newlines(text).split("\n")
    fields, body = _parse_front_matter(lines, where)
    notes: list[dict[str, Any]] = []
    i = body
    while i < len(lines):
        match = _NOTE_LINE.match(lines[i])
        if not match:
            i += 1
            continue
        try:
            meta = jsonload.loads(match["meta"])
            note_text, i = mdtext.read_fenced(lines, i + 1)
            notes.append({**meta, "text": note_text})
        except (ValueError, IndexError, TypeError) as exc:
            raise StoreError(f"{where}: line {i + 1}: a note cannot be read ({exc})") from exc
    try:
        tags, added = _tags(fields.get("tags"))
        author = fields.get("author")
        return {
            "id": str(fields["target"]),
            "kind": str(fields.get("kind") or "commitment"),
            "meeting": {"id": fields.get("meeting"), "doc": fields.get("doc")},
            "text": str(fields.get("text") or ""),
            "author": None if author is None else str(author),
            "history": [StatusChange.from_dict(c).to_dict() for c in fields.get("history") or []],
            "tags": tags,
            "tag_added": added,
            "notes": [_note_dict(Note.from_dict({**n, "target_id": fields["target"]}))
                      for n in notes],
        }  # fmt: skip
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(f"{where}: not a valid coop-tui notes file ({exc!s:.80})") from exc


def _note_dict(note: Note) -> dict[str, Any]:
    data = note.to_dict()
    del data["target_id"]
    return data


def read_deletions_file(text: str, where: str) -> list[Deletion]:
    check_conflicts(text, where)
    fields, _body = _parse_front_matter(mdtext.normalise_newlines(text).split("\n"), where)
    try:
        return [Deletion.from_dict(d) for d in fields.get("deleted") or []]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(f"{where}: not a valid coop-tui deletions file ({exc!s:.80})") from exc


@dataclass
class NotesFolder:
    """What ``read_notes_dir`` found."""

    records: list[dict[str, Any]] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # Markdown that is not coop-tui's


def _markdown_files(directory: Path) -> Iterable[Path]:
    return sorted(
        p
        for p in directory.rglob("*.md")
        if not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def read_text(path: Path) -> str:
    """A user's annotations file as text (UTF-8), read as ``read_bounded`` reads a file;
    StoreError (one line, naming it) if it cannot be read, is not a regular file, is
    larger than ``MAX_FILE_BYTES`` or is not UTF-8."""
    try:
        data = read_bounded(path, MAX_FILE_BYTES, what="an annotations file")
    except InputError as exc:
        raise StoreError(str(exc)) from exc
    except FileNotFoundError as exc:
        raise StoreError(f"{path}: no such file or folder") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({fsio.describe_os_error(exc)})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: cannot be read (not UTF-8)") from exc


def read_notes_dir(directory: Path) -> NotesFolder:
    """Every notes and deletions file under ``directory`` (hidden folders like .git
    skipped, indexes ignored), sorted by path; refused if any file holds a git conflict."""
    found = NotesFolder()
    for path in _markdown_files(directory):
        if not path.is_file():
            continue
        text = read_text(path)
        check_conflicts(text, str(path))
        if is_notes_file(text):
            found.records.append(read_notes_file(text, str(path)))
        elif is_deletions_file(text):
            found.deletions += read_deletions_file(text, str(path))
        elif not is_index_file(text):
            found.skipped.append(path)
    return found
