"""The notes folder: one Markdown file per annotated commitment, for sharing through git.

Layout::

    DIR/<date>-<meeting title>-<meeting id>/<commitment text>-<commitment id>.md
    DIR/<date>-<meeting title>-<meeting id>/area-<area name>-<area id>.md
    DIR/<date>-<meeting title>-<meeting id>/meeting-<meeting id>.md
    DIR/orphans/<old text>-<old id>.md

Names are made from titles and texts by keeping letters and digits (any script)
and turning every other run of characters into ``-``, so ``/``, ``..`` or a
drive letter cannot reach outside ``DIR`` (and every path is checked to be
inside it before anything is written). Each name ends in the ID, so two
commitments never share a file.

A file is YAML front matter — one ``key: <JSON value>`` per line (JSON values
are valid YAML), one line per status change, so git can merge two people's
changes — then the commitment quoted and each note verbatim in a fenced block
(see ``store.mdtext``), preceded by a comment with its ID and times. The front
matter's ``history`` is the status record; ``status`` repeats the current one
for readers and is ignored when the file is read back.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from store import fsio, mdtext
from store.dataexport import annotation_records, quote
from store.errors import StoreError
from store.model import Note, StatusChange
from store.selection import Selection

MARK = "notes/1"
_NOTE_LINE = re.compile(r"^<!-- coop-tui note (?P<meta>\{.*\}) -->$")
_UNSAFE = re.compile(r"[\W_]+", re.UNICODE)
SLUG_CHARS = 48


def slug(text: str, limit: int = SLUG_CHARS) -> str:
    """Letters and digits of ``text`` joined by ``-``; never empty, ``.``-free, no separators."""
    words = _UNSAFE.sub("-", unicodedata.normalize("NFKC", text).casefold()).strip("-")
    words = words[:limit].strip("-")
    return words or "untitled"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _comment_json(value: Any) -> str:
    """JSON that cannot end an HTML comment (``>`` escaped) or the line."""
    return _dump(value).replace(">", "\\u003e")


def _front_matter(fields: list[tuple[str, Any]], history: list[StatusChange]) -> list[str]:
    lines = ["---", f"coop-tui: {_dump(MARK)}"]
    lines += [f"{key}: {_dump(value)}" for key, value in fields]
    lines.append("history:" if history else "history: []")
    lines += [f"  - {_dump(change.to_dict())}" for change in history]
    return [*lines, "---", ""]


def _file_text(record: dict[str, Any]) -> str:
    """One notes file from an ``dataexport.annotation_records`` record."""
    meeting = record.get("meeting") or {}
    area = record.get("area") or {}
    history = [StatusChange.from_dict(c) for c in record["history"]]
    fields: list[tuple[str, Any]] = [
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
        ("tags", record["tags"]),
    ]
    out = _front_matter(fields, history)
    out += [mdtext.heading(1, quote(record["text"], 90), f"{record['kind'].capitalize()}: "), ""]
    out += ["> " + mdtext.escape(record["text"]), ""]
    if history:
        out.append(f"Status: **{history[-1].status.label}** (set {mdtext.when(history[-1].at)})")
        out.append("")
    if record["tags"]:
        out += ["Tags: " + ", ".join(mdtext.escape(t) for t in record["tags"]), ""]
    if record["notes"]:
        out += ["## Notes", ""]
    for note in record["notes"]:
        meta = {"id": note["id"], "created": note["created"], "updated": note["updated"]}
        out += [
            f"<!-- coop-tui note {_comment_json(meta)} -->",
            mdtext.fenced(note["text"]),
            "",
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def _relative_path(record: dict[str, Any]) -> Path:
    meeting = record.get("meeting") or {}
    if record["orphan"] or not meeting.get("title"):
        folder = "orphans"
    else:
        date = meeting.get("date") or "undated"
        folder = f"{slug(date, 10)}-{slug(meeting['title'])}-{slug(meeting['id'], 12)}"
    ident = slug(record["id"], 40)
    if record["kind"] == "meeting" and not record["orphan"]:
        name = f"meeting-{ident}.md"
    elif record["kind"] == "area":
        name = f"area-{slug(record['text'])}-{ident}.md"
    else:
        name = f"{slug(record['text'])}-{ident}.md"
    return Path(folder) / name


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


def write_notes_dir(sel: Selection, directory: Path, force: bool = False) -> list[Path]:
    """Write one file per annotation; returns the paths written (relative to ``directory``).

    Every target is checked before anything is written; each file is written to a
    temporary name and renamed. Files already there for other annotations are left.
    """
    check_output_dir(directory, force)
    files: list[tuple[Path, str]] = []
    for record in annotation_records(sel):
        rel = _relative_path(record)
        target = directory / rel
        for path in (target.parent, target):
            if path.is_symlink():
                raise StoreError(f"{path}: is a symbolic link; nothing was written")
        if not _inside(directory, target):
            raise StoreError(f"{target}: would be outside {directory}; nothing was written")
        if target.is_dir():
            raise StoreError(f"{target}: is a folder; nothing was written")
        files.append((rel, _file_text(record)))
    try:
        directory.mkdir(exist_ok=True)
        for rel, text in files:
            target = directory / rel
            if not target.parent.is_dir():
                target.parent.mkdir()
                fsio.fsync_dir(target.parent.parent)
            fsio.write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise StoreError(
            f"{directory}: cannot write the notes ({fsio.describe_os_error(exc)})"
        ) from exc
    return [rel for rel, _text in files]


# -- reading back ------------------------------------------------------------------
def _parse_front_matter(lines: list[str], where: str) -> tuple[dict[str, Any], int]:
    fields: dict[str, Any] = {}
    history: list[Any] = []
    for i in range(2, len(lines)):
        line = lines[i]
        if line == "---":
            fields["history"] = history
            return fields, i + 1
        try:
            if line.startswith("  - "):
                history.append(json.loads(line[4:]))
                continue
            key, sep, value = line.partition(":")
            if not sep:
                raise ValueError("not a `key: value` line")
            if key == "history" and not value.strip():
                continue
            fields[key] = json.loads(value)
        except ValueError as exc:
            raise StoreError(f"{where}: line {i + 1} of the front matter: {exc}") from exc
    raise StoreError(f"{where}: the front matter is not closed with ---")


def is_notes_file(text: str) -> bool:
    lines = mdtext.normalise_newlines(text).split("\n", 2)
    return len(lines) > 1 and lines[0] == "---" and lines[1] == f"coop-tui: {_dump(MARK)}"


def read_notes_file(text: str, where: str) -> dict[str, Any]:
    """An ``dataexport.annotation_records``-shaped record from a notes file's text."""
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
            meta = json.loads(match["meta"])
            note_text, i = mdtext.read_fenced(lines, i + 1)
            notes.append({**meta, "text": note_text})
        except (ValueError, IndexError, TypeError) as exc:
            raise StoreError(f"{where}: line {i + 1}: a note cannot be read ({exc})") from exc
    try:
        return {
            "id": str(fields["target"]),
            "kind": str(fields.get("kind") or "commitment"),
            "meeting": {"id": fields.get("meeting"), "doc": fields.get("doc")},
            "text": str(fields.get("text") or ""),
            "history": [StatusChange.from_dict(c).to_dict() for c in fields["history"]],
            "tags": [str(t) for t in fields.get("tags") or []],
            "notes": [Note.from_dict({**n, "target_id": fields["target"]}).to_dict()
                      for n in notes],
        }  # fmt: skip
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(f"{where}: not a valid coop-tui notes file ({exc!s:.80})") from exc


def read_notes_dir(directory: Path) -> tuple[list[dict[str, Any]], list[Path]]:
    """Every notes file under ``directory`` (hidden folders like .git skipped), sorted;
    returns the records and the Markdown files that are not coop-tui notes."""
    records: list[dict[str, Any]] = []
    skipped: list[Path] = []
    paths = sorted(
        p
        for p in directory.rglob("*.md")
        if not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )
    for path in paths:
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = fsio.describe_os_error(exc) if isinstance(exc, OSError) else "not UTF-8"
            raise StoreError(f"{path}: cannot be read ({reason})") from exc
        if is_notes_file(text):
            records.append(read_notes_file(text, str(path)))
        else:
            skipped.append(path)
    return records, skipped
