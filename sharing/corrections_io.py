"""Corrections of the parse as the exports carry them, and as an import reads them back.

Every export carries every correction the store has journalled (``Store.correction_history``),
whatever the filters, as it carries deletions: a correction is a fact about the store that
a colleague's copy must learn. Each is the correction's own record (``Correction.to_dict``:
ID, kind, meeting, target, time, author, the target's text then, and what it sets) with

* ``in_force``: whether it applies now (the most recent of its slot not withdrawn);
* ``withdrawn`` and, if so, ``withdrawn_at``: undone (or withdrawn by an import) then;
* ``restored_at``: when an undo or a redo here last brought it back, if one did.

An import checks every value (:func:`read_correction`) before anything is merged; the
merge rules are in ``sharing.merge_corrections``. In a notes folder each author writes
their copy to ``corrections-NAME.md`` (:func:`corrections_file_text`): YAML front matter
with one correction per line, sorted by time and ID, so a re-export changes the lines of
what changed and git never merges inside another author's file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from parsers.normalise import clip
from sharing import markdown_text
from store import correcting, validate
from store.corrections import KINDS, MEETING_FIELDS, Correction, added_id
from store.errors import StoreError
from store.store import Store
from store.validate import MISSING

CORRECTIONS_MARK = "corrections/1"
#: Log entries that bring a withdrawn correction back by a researcher's own hand.
_RESTORING_KINDS = ("undo", "redo")


@dataclass(frozen=True)
class IncomingCorrection:
    """One correction as an export carries it, checked."""

    correction: Correction
    withdrawn_at: str | None = None  # withdrawn there, then (None: in force there)
    restored_at: str | None = None  # brought back there by an undo or a redo, then

    @property
    def last_change(self) -> str:
        """When its state there was last decided ("" if never withdrawn or restored)."""
        return self.withdrawn_at or self.restored_at or ""


# -- exporting ---------------------------------------------------------------------
def restore_times(store: Store) -> dict[str, str]:
    """Each correction an undo or a redo brought back, and when it last did (from the log)."""
    out: dict[str, str] = {}
    for entry in store.log():
        if entry.kind not in _RESTORING_KINDS:
            continue
        for key, ids in entry.after.items():
            if not key.startswith("s:") or not isinstance(ids, list):
                continue
            before = entry.before.get(key) or []
            for cid in ids:
                if cid not in before and entry.at > out.get(cid, ""):
                    out[cid] = entry.at
    return out


def correction_records(store: Store) -> list[dict[str, Any]]:
    """Every correction journalled, oldest first, as exports carry them (module docstring)."""
    restored = restore_times(store)
    out = []
    for doc in store.correction_history():
        if not doc.get("withdrawn") and doc["id"] in restored:
            doc["restored_at"] = restored[doc["id"]]
        out.append(doc)
    return out


def describe(record: dict[str, Any]) -> str:
    """A correction in a reader's words (untrusted text quoted as it is: escape it for
    Markdown)."""
    value = record.get("value")
    kind = record["kind"]
    if kind == "rename":
        what = f"area {record['target']} renamed “{value}” (parsed as “{record.get('text')}”)"
    elif kind == "meeting":
        what = f"meeting {record['target']}: {record.get('field')} set to “{value or ''}”"
    elif kind == "move":
        dest = record.get("area") or f"a new area “{value}”"
        what = f"commitment {record['target']} moved to {dest}"
    elif kind == "split":
        second = record.get("new_id")
        what = f"commitment {record['target']} split before “{value}” (second part {second})"
    elif kind == "merge":
        what = f"commitment {record.get('other')} merged into {record['target']}"
    elif kind == "exclude":
        verb = "excluded (not a commitment)" if record.get("excluded", True) else "restored"
        what = f"commitment {record['target']} {verb}"
    else:
        what = f"commitment {record.get('new_id')} added to area {record['target']} from the source"
    return what


def corrections_file_name(slug_name: str) -> str:
    return f"corrections-{slug_name}.md"


def corrections_file_text(records: list[dict[str, Any]], author: str) -> str:
    """An author's corrections file (see the module docstring)."""
    ordered = sorted(records, key=lambda r: (r["at"], r["id"]))
    lines = ["---", f"coop-tui: {json.dumps(CORRECTIONS_MARK)}"]
    lines.append(f"author: {json.dumps(author, ensure_ascii=False)}")
    lines.append("corrections:" if ordered else "corrections: []")
    lines += [f"  - {json.dumps(r, ensure_ascii=False, sort_keys=True)}" for r in ordered]
    who = markdown_text.escape(author)
    lines += ["---", "", f"# Corrections of the parse in {who}'s store", ""]
    lines += [
        "Every correction journalled in this store (whoever made it), listed above one per "
        "line: an import adds those it lacks, and the most recent correction of a thing wins.",
        "",
    ]
    for r in ordered:
        state = "in force" if r.get("in_force") else "withdrawn" if r.get("withdrawn") else (
            "replaced by a later one")  # fmt: skip
        by = f" by {markdown_text.escape(r['by'])}" if r.get("by") else ""
        lines.append(
            f"- {markdown_text.escape(clip(describe(r), 300))} — "
            f"{markdown_text.when(r['at'])}{by}; {state}"
        )
    return "\n".join(lines).rstrip("\n") + "\n"


# -- reading back --------------------------------------------------------------------
def _id(value: Any, path: str) -> str:
    return validate.target_id(value, path)


def _optional_id(value: Any, path: str) -> str | None:
    if value is None or value is MISSING:
        return None
    return validate.target_id(value, path)


def _name(value: Any, path: str, short: bool = True) -> str:
    """A name or a text a correction sets, checked as the app and ``coop-tui fix`` check
    them (``short``: a name or a title, at most ``correcting.MAX_NAME`` characters)."""
    given = validate.text(value, path)
    try:
        return (correcting.clean_short if short else correcting.clean_name)(given, "name")
    except StoreError as exc:
        raise validate.Invalid(path, exc.message) from None


def _date(value: Any, path: str) -> str | None:
    if value is None or value is MISSING:
        return None
    given = validate.text(value, path)
    try:
        if len(given) != 10:
            raise ValueError
        dt.date.fromisoformat(given)
    except ValueError:
        raise validate.Invalid(path, f"{clip(given, 40)!r} is not a date (YYYY-MM-DD)") from None
    return given


def read_correction(value: Any, path: str) -> IncomingCorrection:
    """One correction of an export, every value checked (``validate.Invalid`` at ``path``)."""
    if not isinstance(value, dict):
        raise validate.Invalid(path, f"an object expected, found {validate.kind_of(value)}")
    get = value.get
    kind = validate.one_of(get("kind", MISSING), f"{path}.kind", KINDS)
    meeting = _id(get("meeting", MISSING), f"{path}.meeting")
    target = _id(get("target", MISSING), f"{path}.target")
    fields: dict[str, Any] = {
        "id": validate.identifier(get("id", MISSING), f"{path}.id"),
        "kind": kind,
        "meeting": meeting,
        "target": target,
        "at": validate.time(get("at", MISSING), f"{path}.at"),
        "by": validate.optional_text(get("by", MISSING), f"{path}.by"),
        "text": validate.optional_text(get("text", MISSING), f"{path}.text") or "",
    }
    if kind == "rename":
        fields["value"] = _name(get("value", MISSING), f"{path}.value")
    elif kind == "meeting":
        name = validate.one_of(get("field", MISSING), f"{path}.field", MEETING_FIELDS)
        fields["field"] = name
        if target != meeting:
            raise validate.Invalid(f"{path}.target", "a meeting's correction names another meeting")
        if name == "date":
            fields["value"] = _date(get("value", MISSING), f"{path}.value")
        else:
            fields["value"] = validate.optional_text(get("value", MISSING), f"{path}.value")
    elif kind == "move":
        fields["area"] = _optional_id(get("area", MISSING), f"{path}.area")
        given = get("value", MISSING)
        fields["value"] = None if given in (None, MISSING) else _name(given, f"{path}.value")
        if (fields["area"] is None) == (fields["value"] is None):
            raise validate.Invalid(path, "a move names an area or a new area's name (one of them)")
    elif kind in ("split", "add"):
        fields["value"] = _name(get("value", MISSING), f"{path}.value", short=False)
        fields["new_id"] = _id(get("new_id", MISSING), f"{path}.new_id")
        if kind == "add" and fields["new_id"] != added_id(meeting, fields["value"]):
            raise validate.Invalid(f"{path}.new_id", "not the ID of the text it adds")
    elif kind == "merge":
        fields["other"] = _id(get("other", MISSING), f"{path}.other")
        if fields["other"] == target:
            raise validate.Invalid(f"{path}.other", "a commitment merged into itself")
    else:  # exclude
        excluded = get("excluded", MISSING)
        if not isinstance(excluded, bool):
            raise validate.Invalid(
                f"{path}.excluded", f"true or false expected, found {validate.kind_of(excluded)}"
            )
        fields["excluded"] = excluded
    withdrawn = get("withdrawn", MISSING)
    if withdrawn is not MISSING and not isinstance(withdrawn, bool):
        raise validate.Invalid(
            f"{path}.withdrawn", f"true or false expected, found {validate.kind_of(withdrawn)}"
        )
    withdrawn_at = None
    if withdrawn is True:
        withdrawn_at = validate.time(get("withdrawn_at", MISSING), f"{path}.withdrawn_at")
    restored_at = validate.optional_time(get("restored_at", MISSING), f"{path}.restored_at")
    if withdrawn_at is not None:
        restored_at = None  # withdrawn since: what counts is the withdrawal
    return IncomingCorrection(Correction(**fields), withdrawn_at, restored_at)


def read_corrections(value: Any, path: str) -> list[IncomingCorrection]:
    """A list of corrections (``corrections`` of a JSON export or a corrections file)."""
    return [read_correction(c, f"{path}[{i}]") for i, c in enumerate(validate.array(value, path))]
