"""Reading a notes folder back (see :mod:`sharing.notes_folder` for its layout): every
``.md`` file (any case; a byte-order mark ignored) outside hidden folders, each value
checked (``store.validate``); other Markdown files, files that are not UTF-8 and every
symbolic link (never followed) skipped and named. A file with git's conflict markers
is refused, naming the line. Also the marks that tell a notes file, a deletions file, a
corrections file (``sharing.corrections_io``) and an index apart.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parsers.reading import InputError, read_bounded
from sharing import markdown_text
from sharing.corrections_io import CORRECTIONS_MARK, IncomingCorrection, read_corrections
from store import fsio, jsonload, validate
from store.errors import StoreError
from store.model import Deletion, Note
from store.validate import MISSING

_UNSAFE = re.compile(r"[\W_]+", re.UNICODE)
SLUG_CHARS = 48
AUTHOR_CHARS = 40

MARK = "notes/2"
READABLE_MARKS = ("notes/1", MARK)
DELETIONS_MARK = "deletions/1"
INDEX_LINE = "<!-- coop-tui index: a list for reading, written by every export; not imported -->"
NOTE_LINE = re.compile(r"^<!-- coop-tui note (?P<meta>\{.*\}) -->$")
NOTE_START = "<!-- coop-tui note"
NOTE_FORM = '<!-- coop-tui note {"id": …, "created": …} -->'
#: The largest annotations file read (a notes file, a JSON export): far above a real one.
MAX_FILE_BYTES = 512 << 20


_CONFLICT_START = re.compile(r"^<{7}(?: |$)")
_CONFLICT_END = re.compile(r"^>{7}(?: |$)")


def conflict_line(text: str) -> int | None:
    """The line number of the first git conflict in ``text`` (``<<<<<<<`` then ``=======``
    then ``>>>>>>>`` at line starts, as git writes them), None if there is none."""
    start = middle = None
    for number, line in enumerate(markdown_text.normalise_newlines(text).split("\n"), 1):
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


_KEY = re.compile(r"[a-z][a-z0-9-]*", re.ASCII)


def _json_value(text: str) -> Any:
    """One JSON value of the front matter; NaN and Infinity are not JSON."""

    return jsonload.loads(text, numbers_only=True)


def parse_front_matter(
    lines: list[str], where: str, places: dict[str, int] | None = None
) -> tuple[dict[str, Any], int]:
    """The ``key: <JSON>`` lines between the first two ``---`` lines, and the line after
    them. ``places`` gets each key's line number and each list item's (``tags[2]``)."""
    fields: dict[str, Any] = {}
    items: list[Any] | None = None
    key = ""
    places = {} if places is None else places
    for i in range(1, len(lines)):
        line = lines[i]
        if line == "---":
            return fields, i + 1
        try:
            if line.startswith("  - "):
                if items is None:
                    raise ValueError("a list item under no list")
                places[f"{key}[{len(items)}]"] = i + 1
                items.append(_json_value(line[4:]))
                continue
            key, sep, value = line.partition(":")
            if not sep or not _KEY.fullmatch(key):
                raise ValueError("not a `key: value` line")
            if key in fields:
                raise ValueError(f"{key} is given twice")
            places[key] = i + 1
            if value.strip():
                fields[key], items = _json_value(value), None
            else:
                fields[key] = items = []
        except ValueError as exc:
            raise StoreError(f"{where}: line {i + 1} of the front matter: {exc}") from exc
    raise StoreError(f"{where}: the front matter is not closed with ---")


def _line_of(path: str, places: dict[str, int]) -> int | None:
    """The line of ``tags[2].at``: that of ``tags[2]``, else that of ``tags``."""
    while path:
        if path in places:
            return places[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def _refused(where: str, exc: validate.Invalid, places: dict[str, int]) -> StoreError:
    line = _line_of(exc.path, places)
    at = f"line {line}: " if line is not None else ""
    return StoreError(f"{where}: {at}{exc}; nothing was imported")


def _mark(text: str) -> str | None:
    """What the ``coop-tui:`` line of a front matter says (``notes/2``), as written if it
    is not a JSON text; None for a file without one."""
    lines = markdown_text.normalise_newlines(text).split("\n", 2)
    if len(lines) > 1 and lines[0] == "---" and lines[1].startswith("coop-tui: "):
        given = lines[1][len("coop-tui: ") :]
        try:
            value = jsonload.loads(given)
        except ValueError:
            return given
        return value if isinstance(value, str) else given
    return None


def check_format(text: str, where: str) -> None:
    """Refuse a file whose ``coop-tui:`` line names a format this coop-tui does not read
    (a newer coop-tui's): it is coop-tui's, not some other Markdown to pass over."""
    mark = _mark(text)
    if mark is not None and mark not in (*READABLE_MARKS, DELETIONS_MARK, CORRECTIONS_MARK):
        raise StoreError(
            f"{where}: line 2: coop-tui: {mark!r} is not a format this coop-tui reads (a newer "
            "coop-tui's? upgrade coop-tui to import it); nothing was imported"
        )


def is_notes_file(text: str) -> bool:
    return _mark(text) in READABLE_MARKS


def is_deletions_file(text: str) -> bool:
    return _mark(text) == DELETIONS_MARK


def is_corrections_file(text: str) -> bool:
    return _mark(text) == CORRECTIONS_MARK


def is_index_file(text: str) -> bool:
    return markdown_text.normalise_newlines(text).split("\n", 1)[0] == INDEX_LINE


def _tags(value: Any) -> tuple[list[str], dict[str, dict[str, str | None]]]:
    """Tags and their add times: a JSON list of names (``notes/1``) or of
    ``{"tag", "at", "by"}`` items (``notes/2``)."""
    tags: list[str] = []
    added: dict[str, dict[str, str | None]] = {}
    for i, item in enumerate(validate.array(value, "tags")):
        if isinstance(item, dict):
            tag = validate.tag(item.get("tag", MISSING), f"tags[{i}].tag")
            when = validate.tag_time(item, f"tags[{i}]")
            if when is not None:
                added[tag] = when
        else:
            tag = validate.tag(item, f"tags[{i}]")
        tags.append(tag)
    return tags, added


def read_notes_file(text: str, where: str) -> dict[str, Any]:
    """An ``data_export.annotation_records``-shaped record from a notes file's text
    (with ``author``, None for a file written before authors were recorded), every
    value checked (``store.validate``): a wrong one refuses the file, naming its line."""
    check_conflicts(text, where)
    lines = markdown_text.normalise_newlines(text).split("\n")
    places: dict[str, int] = {}
    fields, body = parse_front_matter(lines, where, places)
    notes: list[tuple[Any, str, int]] = []  # meta, text, line
    i = body
    while i < len(lines):
        match = NOTE_LINE.match(lines[i])
        line = i + 1
        if not match and lines[i].startswith(NOTE_START):  # never a note dropped unsaid
            raise StoreError(f"{where}: line {line}: a note's line is not {NOTE_FORM}")
        if not match:
            i += 1
            continue
        try:
            meta = _json_value(match["meta"])
            note_text, i = markdown_text.read_fenced(lines, i + 1)
        except (ValueError, IndexError, TypeError) as exc:
            raise StoreError(f"{where}: line {line}: a note cannot be read ({exc})") from exc
        notes.append((meta, note_text, line))
    try:
        target = validate.target_id(fields.get("target", MISSING), "target")
        kind = fields.get("kind", MISSING)
        kind = "commitment" if kind is MISSING else validate.one_of(kind, "kind", validate.KINDS)
        tags, added = _tags(fields.get("tags", MISSING))
        history = validate.array(fields.get("history", MISSING), "history")
        record = {
            "id": target,
            "kind": kind,
            "meeting": {
                "id": validate.optional_text(fields.get("meeting", MISSING), "meeting"),
                "doc": validate.optional_text(fields.get("doc", MISSING), "doc"),
                "parties": validate.optional_text_list(fields.get("parties", MISSING), "parties"),
            },
            "text": validate.optional_text(fields.get("text", MISSING), "text") or "",
            "author": validate.optional_text(fields.get("author", MISSING), "author"),
            "history": [validate.change(c, f"history[{n}]").to_dict()
                        for n, c in enumerate(history)],
            "tags": tags,
            "tag_added": added,
        }  # fmt: skip
    except validate.Invalid as exc:
        raise _refused(where, exc, places) from None
    note_dicts: list[dict[str, Any]] = []
    for meta, note_text, line in notes:
        try:
            # the comment line's exact text wins if the block shows codes
            exact = meta.get("text", note_text) if isinstance(meta, dict) else note_text
            note_dicts.append(_note_dict(validate.note(meta, "note", target, exact)))
        except validate.Invalid as exc:
            raise _refused(where, exc, {"note": line}) from None
    record["notes"] = note_dicts
    return record


def _note_dict(note: Note) -> dict[str, Any]:
    data = note.to_dict()
    del data["target_id"]
    return data


def read_deletions_file(text: str, where: str) -> list[Deletion]:
    check_conflicts(text, where)
    places: dict[str, int] = {}
    fields, _body = parse_front_matter(
        markdown_text.normalise_newlines(text).split("\n"), where, places
    )
    try:
        deleted = validate.array(fields.get("deleted", MISSING), "deleted")
        return [validate.deletion(d, f"deleted[{i}]") for i, d in enumerate(deleted)]
    except validate.Invalid as exc:
        raise _refused(where, exc, places) from None


def read_corrections_file(text: str, where: str) -> list[IncomingCorrection]:
    """An author's corrections file (``sharing.corrections_io``), every value checked: a
    wrong one refuses the file, naming its line."""
    check_conflicts(text, where)
    places: dict[str, int] = {}
    fields, _body = parse_front_matter(
        markdown_text.normalise_newlines(text).split("\n"), where, places
    )
    try:
        return read_corrections(fields.get("corrections", MISSING), "corrections")
    except validate.Invalid as exc:
        raise _refused(where, exc, places) from None


@dataclass
class NotesFolder:
    """What ``read_notes_dir`` found."""

    records: list[dict[str, Any]] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # files not read, and why
    corrections: list[IncomingCorrection] = field(default_factory=list)


NOT_UTF8 = "not UTF-8"


def read_markdown(path: Path, *, follow: bool = False) -> str | None:
    """A Markdown file's text (a UTF-8 byte-order mark dropped), None if it is not UTF-8
    (StoreError if it is a notes file all the same). Only a regular file is read, and a
    symbolic link only if ``follow`` (a file the user named; StoreError otherwise)."""
    data = _read_named(path) if follow else _read_in_folder(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        lenient = data.decode("utf-8-sig", errors="replace")
        if is_notes_file(lenient) or is_deletions_file(lenient):  # ours, damaged: never skip
            raise StoreError(
                f"{path}: a coop-tui notes file that is not UTF-8 (byte {exc.start}); "
                "nothing was imported"
            ) from None
        return None


def _folder_entries(directory: Path) -> Iterable[tuple[Path, str | None]]:
    """Each Markdown file under ``directory`` (``.md`` in any case) in path order, with why
    it is not read (None: read it). Hidden files and folders (.git) are left out; a
    symbolic link, to a file or a folder, inside the folder or out of it, is never
    followed; what is not a regular file is not read."""

    def unreadable(exc: OSError) -> None:  # never skip a folder of notes silently
        where = exc.filename or directory
        raise StoreError(f"{where}: cannot be read ({fsio.describe_os_error(exc)})") from exc

    for root, dirs, files in os.walk(directory, onerror=unreadable, followlinks=False):
        here = Path(root)
        dirs.sort()
        for name in list(dirs):
            if name.startswith("."):
                dirs.remove(name)
            elif (here / name).is_symlink():
                dirs.remove(name)
                yield here / name, "a symbolic link to a folder: not followed"
        for name in files:
            path = here / name
            if name.startswith(".") or not name.lower().endswith(".md"):
                continue
            if path.is_symlink():
                yield path, "a symbolic link: not followed"
            elif not path.is_file():
                yield path, "not a regular file"
            else:
                yield path, None


def _read_in_folder(path: Path) -> bytes:
    """A file found in a notes folder: never through a symbolic link, only a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({fsio.describe_os_error(exc)})") from exc
    with os.fdopen(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise StoreError(f"{path}: not a regular file")
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise StoreError(f"{path}: cannot be read ({fsio.describe_os_error(exc)})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise StoreError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MiB; not read")
    return data


def _read_named(path: Path) -> bytes:
    """A file the user named, read as ``read_bounded`` reads one (links followed; a
    folder, pipe or device refused; at most ``MAX_FILE_BYTES``); StoreError, one line."""
    try:
        return read_bounded(path, MAX_FILE_BYTES, what="an annotations file")
    except InputError as exc:
        raise StoreError(str(exc)) from exc
    except FileNotFoundError as exc:
        raise StoreError(f"{path}: no such file or folder") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({fsio.describe_os_error(exc)})") from exc


def read_text(path: Path) -> str:
    """A user's annotations file as UTF-8 text (see ``_read_named``); StoreError if it
    is not UTF-8."""
    try:
        return _read_named(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: cannot be read (not UTF-8)") from exc


def read_notes_dir(directory: Path) -> NotesFolder:
    """Every notes, deletions and corrections file under ``directory`` (see ``_folder_entries``;
    indexes ignored), sorted by path; any other Markdown file is skipped, and named
    with why; refused if a notes file holds a git conflict or a wrong value."""
    found = NotesFolder()
    for path, why in sorted(_folder_entries(directory)):
        if why is not None:
            found.skipped.append((path, why))
            continue
        text = read_markdown(path)
        if text is None:
            found.skipped.append((path, NOT_UTF8))
            continue
        check_conflicts(text, str(path))
        check_format(text, str(path))
        if is_notes_file(text):
            found.records.append(read_notes_file(text, str(path)))
        elif is_deletions_file(text):
            found.deletions += read_deletions_file(text, str(path))
        elif is_corrections_file(text):
            found.corrections += read_corrections_file(text, str(path))
        elif not is_index_file(text):
            found.skipped.append((path, "no coop-tui front matter"))
    return found
