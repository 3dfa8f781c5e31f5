"""Checking what an import reads (a JSON export, a notes file) against its documented
shape, value by value, before anything is merged.

A wrong value is never turned into something else (a string into its letters, a
number or ``null`` into text): it raises ``Invalid`` with its place as a JSON path
(``annotations[3].tags[0]``), which the reader turns into a message naming the file
and, for a notes file, the line. The rules are in docs/export.md ("What an import
accepts").

Times are ISO 8601 with a date, a time to at least the minute and a time zone (``Z`` or
``±HH:MM``), from 1970 to a day after now: a time from the future would win every merge.
They are kept as coop-tui writes them, in UTC with milliseconds
(``2025-04-24T10:32:05.123Z``), so that comparing two of them as text compares the times.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

from parsers.normalise import clip
from store.model import Deletion, Note, Status, StatusChange, clean_tag
from store.safetext import UNSAFE_CHARS

MISSING: Any = object()  # a key that is not there at all (``dict.get(key, MISSING)``)

_TIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})T(?P<clock>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)"
    r"(?P<zone>Z|[+-]\d{2}:\d{2})",
    re.ASCII,
)
#: What an ID never holds: spaces, control characters, bidi controls.
_NOT_IN_ID = re.compile(rf"[\s{re.escape(UNSAFE_CHARS)}]")
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
FUTURE_SLACK = timedelta(days=1)  # clocks that run a little fast
KINDS = ("commitment", "area", "meeting")
DELETION_KINDS = ("note", "tag", "status")


class Invalid(ValueError):
    """A value that does not have the documented shape, at ``path``."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


def kind_of(value: Any) -> str:
    """What a JSON value is, in a user's words."""
    if value is MISSING:
        return "missing"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "Infinity"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _wrong(path: str, wanted: str, value: Any) -> Invalid:
    return Invalid(path, f"{wanted} expected, found {kind_of(value)}")


def text(value: Any, path: str, *, empty: bool = False) -> str:
    if not isinstance(value, str):
        raise _wrong(path, "text", value)
    if not empty and not value.strip():
        raise Invalid(path, "empty text")
    return value


def identifier(value: Any, path: str) -> str:
    """A note's ID: text without spaces, control characters or bidi controls (refused,
    never trimmed: an ID is typed on the command line and printed)."""
    name = text(value, path)
    if _NOT_IN_ID.search(name):
        raise Invalid(path, f"{_clip(name)!r} is not an ID (it holds spaces or control characters)")
    return name


def target_id(value: Any, path: str) -> str:
    """The ID of a commitment, an area or a meeting, as an ``identifier``; in any case, as
    IDs are typed (coop-tui's are lower-case hex), so it is kept in lower case."""
    return identifier(value, path).lower()


def optional_text(value: Any, path: str) -> str | None:
    """Text, or None for ``null`` or a key left out."""
    if value is None or value is MISSING:
        return None
    return text(value, path, empty=True)


def array(value: Any, path: str) -> list[Any]:
    """A list; a key left out is an empty one (``null`` is not)."""
    if value is MISSING:
        return []
    if not isinstance(value, list):
        raise _wrong(path, "a list", value)
    return value


def optional_text_list(value: Any, path: str) -> list[str] | None:
    """A list of texts (a meeting's parties), or None for ``null`` or a key left out."""
    if value is None or value is MISSING:
        return None
    return [text(item, f"{path}[{i}]") for i, item in enumerate(array(value, path))]


def mapping(value: Any, path: str) -> dict[str, Any]:
    """An object; a key left out is an empty one (``null`` is not)."""
    if value is MISSING:
        return {}
    if not isinstance(value, dict):
        raise _wrong(path, "an object", value)
    return value


def whole_number(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(path, "a whole number", value)
    return value


def time(value: Any, path: str) -> str:
    """An ISO 8601 time with its time zone, in sane bounds, as UTC with milliseconds."""
    if not isinstance(value, str):
        raise _wrong(path, "a time (ISO 8601, e.g. 2025-04-24T10:32:05.123Z)", value)
    match = _TIME.fullmatch(value)
    if match is None:
        raise Invalid(
            path,
            f"{_clip(value)!r} is not a time in ISO 8601 with a time zone "
            "(e.g. 2025-04-24T10:32:05.123Z)",
        )
    clock = match["clock"]
    if "." in clock:  # Python before 3.11 reads 3 or 6 digits of a fraction only
        whole, _, fraction = clock.partition(".")
        clock = f"{whole}.{fraction[:6].ljust(6, '0')}"
    zone = "+00:00" if match["zone"] == "Z" else match["zone"]
    try:
        moment = datetime.fromisoformat(f"{match['date']}T{clock}{zone}")
    except ValueError:
        raise Invalid(path, f"{_clip(value)!r} is not a real date and time") from None
    latest = datetime.now(timezone.utc) + FUTURE_SLACK
    if not EARLIEST <= moment <= latest:
        raise Invalid(path, f"{_clip(value)!r} is before 1970 or in the future")
    utc = moment.astimezone(timezone.utc)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def optional_time(value: Any, path: str) -> str | None:
    if value is None or value is MISSING:
        return None
    return time(value, path)


def one_of(value: Any, path: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        found = repr(_clip(value)) if isinstance(value, str) else kind_of(value)
        raise Invalid(path, f"one of {', '.join(choices)} expected, found {found}")
    return value


def tag(value: Any, path: str) -> str:
    """A tag: text, its runs of spaces made one; never empty."""
    name = clean_tag(text(value, path))
    if not name:
        raise Invalid(path, "an empty tag")
    return name


def status(value: Any, path: str) -> Status:
    if not isinstance(value, str):
        raise _wrong(path, "a status", value)
    try:
        return Status(value)
    except ValueError:
        names = ", ".join(s.value for s in Status)
        raise Invalid(path, f"{_clip(value)!r} is not a status ({names})") from None


def change(value: Any, path: str) -> StatusChange:
    """A status history entry ``{status, at, source, evidence, by}``."""
    if not isinstance(value, dict):
        raise _wrong(path, "an object", value)
    data = value
    return StatusChange(
        status=status(data.get("status", MISSING), f"{path}.status"),
        at=time(data.get("at", MISSING), f"{path}.at"),
        source=optional_text(data.get("source", MISSING), f"{path}.source"),
        evidence=optional_text(data.get("evidence", MISSING), f"{path}.evidence"),
        by=optional_text(data.get("by", MISSING), f"{path}.by"),
    )


def note(value: Any, path: str, target_id: str, note_text: Any = MISSING) -> Note:
    """A note ``{id, text, created, updated, by, prior}`` (``note_text`` given apart when
    it is not in the object: a notes file's fenced block)."""
    if not isinstance(value, dict):
        raise _wrong(path, "an object", value)
    created = time(value.get("created", MISSING), f"{path}.created")
    updated = value.get("updated", MISSING)
    body = value.get("text", MISSING) if note_text is MISSING else note_text
    return Note(
        id=identifier(value.get("id", MISSING), f"{path}.id"),
        target_id=target_id,
        text=text(body, f"{path}.text"),
        created=created,
        updated=created if updated is MISSING else time(updated, f"{path}.updated"),
        by=optional_text(value.get("by", MISSING), f"{path}.by"),
        prior=[
            time(p, f"{path}.prior[{i}]")
            for i, p in enumerate(array(value.get("prior", MISSING), f"{path}.prior"))
        ],
    )


def tag_time(value: Any, path: str) -> dict[str, str | None] | None:
    """When and by whom a tag was added, ``{"at", "by"}``; None if no time is given."""
    data = mapping(value, path) if value is not MISSING else {}
    at = optional_time(data.get("at", MISSING), f"{path}.at")
    by = optional_text(data.get("by", MISSING), f"{path}.by")
    return None if at is None else {"at": at, "by": by}


def deletion(value: Any, path: str) -> Deletion:
    """A deletion ``{"what": "note"|"tag"|"status", <what>: item, target, at, by}``."""
    if not isinstance(value, dict):
        raise _wrong(path, "an object", value)
    what = one_of(value.get("what", MISSING), f"{path}.what", DELETION_KINDS)
    item_path = f"{path}.{what}"
    if what == "tag":
        item = tag(value.get(what, MISSING), item_path)
    elif what == "note":
        item = identifier(value.get(what, MISSING), item_path)
    else:
        item = text(value.get(what, MISSING), item_path)
    target = value.get("target", MISSING)
    if what == "note":
        given = optional_text(target, f"{path}.target")  # none: deleted wherever it was
        target = target_id(given, f"{path}.target") if given else ""
    else:
        target = target_id(target, f"{path}.target")
    if what == "status":  # "TIME STATUS": the entry's time and status
        if " " not in item.strip():
            raise Invalid(item_path, f"{_clip(item)!r} is not a time and a status")
        entry_at, _, name = item.rpartition(" ")
        item = f"{time(entry_at, item_path)} {status(name, item_path).value}"
    return Deletion(
        what,  # type: ignore[arg-type]  # one of DELETION_KINDS
        item,
        target,
        time(value.get("at", MISSING), f"{path}.at"),
        optional_text(value.get("by", MISSING), f"{path}.by"),
    )


def _clip(value: str) -> str:
    return clip(value, 40)  # as it is (shown with repr): not made one line
