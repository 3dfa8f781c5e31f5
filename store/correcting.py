"""The corrections of the parse as writes: each checks what it is given against the
meeting as corrected so far, in a transaction, and journals one ``correct`` event
(``store.corrections``) as one change of the activity log. ``Store``'s correction
methods are these."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from collections.abc import Callable

from parsers import release_text
from parsers.model import Area, Commitment, Meeting
from parsers.normalise import collapse_ws, strip_controls
from store.author import current_author
from store.corrections import (
    MEETING_FIELDS,
    PARTIES_SEPARATOR,
    Correction,
    added_id,
    meeting_field,
    new_area_id,
    parties_of,
    split_id,
    split_point,
    squeezed,
)
from store.errors import ChangedElsewhere, ErrorKind, StoreError
from store.model import now_iso
from store.transaction import Transaction


def clean_name(text: str, what: str) -> str:
    """A name or title typed by a user: one line, no control characters, not empty."""
    if not isinstance(text, str):
        raise StoreError(f"the {what} must be text", kind=ErrorKind.INVALID)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(
            f"the {what} is not valid Unicode text (check its encoding)", kind=ErrorKind.INVALID
        ) from None
    text = collapse_ws(strip_controls(text))
    if not text:
        raise StoreError(f"the {what} is empty; give some text", kind=ErrorKind.INVALID)
    if all(unicodedata.category(ch) in INVISIBLE for ch in text):
        raise StoreError(
            f"the {what} has no visible characters; give some text", kind=ErrorKind.INVALID
        )
    return text


#: Characters that show nothing (spaces, format marks such as U+200B or U+200F).
INVISIBLE = frozenset({"Zs", "Cf", "Cc", "Zl", "Zp", "Mn"})
#: The longest area name, title or place a correction takes (a commitment's text is
#: bounded by its release instead).
MAX_NAME = 300


def clean_short(text: str, what: str) -> str:
    """A name, title or place: ``clean_name``, at most ``MAX_NAME`` characters."""
    text = clean_name(text, what)
    if len(text) > MAX_NAME:
        raise StoreError(
            f"the {what} is longer than {MAX_NAME} characters ({len(text)})",
            kind=ErrorKind.INVALID,
        )
    return text


def _unique_area_name(meeting: Meeting, name: str, but: str | None = None) -> None:
    """Refuse a name another area of the meeting has (in any case)."""
    for area in meeting.areas:
        if area.id != but and area.name.casefold() == name.casefold():
            raise StoreError(
                f"area {area.id} of this meeting is already named {area.name!r}; "
                "choose another name (or move the commitment there)",
                kind=ErrorKind.INVALID,
            )


def check_date(text: str) -> str:
    """A meeting's date as YYYY-MM-DD (a real day)."""
    text = text.strip()
    try:
        if len(text) != 10:
            raise ValueError
        dt.date.fromisoformat(text)
    except ValueError:
        raise StoreError(
            f"{text!r} is not a date; give it as YYYY-MM-DD (e.g. 2025-03-14)",
            kind=ErrorKind.INVALID,
        ) from None
    return text


def check_base(what: str, now: object, base: object) -> None:
    """Refuse (ChangedElsewhere) if ``what`` is no longer as an editor read it."""
    if base is not None and now != base:
        raise ChangedElsewhere(
            f"{what} was changed elsewhere since it was shown (it is now {now!r:.80}); "
            "nothing was changed"
        )


# -- finding what is corrected ---------------------------------------------------------
def _area(tx: Transaction, area_id: str) -> tuple[Meeting, Area]:
    meeting, area, commitment = tx.store.locate(area_id)
    if area is None or commitment is not None:
        what = "a meeting" if area is None else "a commitment"
        raise StoreError(
            f"{area_id} is {what}, not an area (give an area's ID)",
            kind=ErrorKind.INVALID,
            id=area_id,
        )
    return meeting, area


def _commitment(tx: Transaction, commitment_id: str) -> tuple[Meeting, Area, Commitment]:
    meeting, area, commitment = tx.store.locate(commitment_id)
    if area is None or commitment is None:
        what = "a meeting" if area is None else "an area"
        raise StoreError(
            f"{commitment_id} is {what}, not a commitment (give a commitment's ID)",
            kind=ErrorKind.INVALID,
            id=commitment_id,
        )
    if commitment in area.excluded:
        raise StoreError(
            f"{commitment_id} is excluded (not a commitment); restore it first "
            "(fix exclude --restore)",
            kind=ErrorKind.INVALID,
            id=commitment_id,
        )
    return meeting, area, commitment


def _write(tx: Transaction, make: Callable[[str, str, str | None], Correction]) -> Correction:
    at, by = now_iso(), current_author()
    correction = make(secrets.token_hex(6), at, by)
    tx.log_change("correction", correction.describe(), correction.touched)
    tx.append([{"op": "correct", "correction": correction.to_dict()}])
    return correction


# -- the corrections ------------------------------------------------------------------
def rename_area(tx: Transaction, area_id: str, name: str, base: str | None = None) -> list[str]:
    name = clean_short(name, "area's name")
    meeting, area = _area(tx, area_id)
    check_base("the area's name", area.name, base)
    if name == area.name:
        return []
    _unique_area_name(meeting, name, but=area.id)
    _write(tx, lambda i, at, by: Correction(
        i, "rename", meeting.id, area.id, at, by, text=area.original_name or area.name,
        value=name))  # fmt: skip
    return [area.id]


def correct_meeting(
    tx: Transaction,
    meeting_id: str,
    values: dict[str, str | None],
    base: dict[str, str | None] | None = None,
) -> list[str]:
    meeting = tx.store.meeting(meeting_id)
    for name, was in (base or {}).items():
        check_base(f"the meeting's {name}", meeting_field(meeting, name), was)
    changes: list[Correction] = []
    at, by = now_iso(), current_author()
    for name in MEETING_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name == "date" and value is not None:
            value = check_date(value)
        elif value is not None:
            value = clean_short(value, f"meeting's {name}")
        if name == "parties":  # "Hong Kong ;Zhejiang" as "Hong Kong; Zhejiang"
            value = PARTIES_SEPARATOR.join(parties_of(value)) or None
        if value == meeting_field(meeting, name):
            continue
        changes.append(Correction(secrets.token_hex(6), "meeting", meeting.id, meeting.id, at,
                                  by, text=meeting.title, value=value, field=name))  # fmt: skip
    if not changes:
        return []
    summary = "; ".join(c.describe() for c in changes)
    tx.log_change("correction", summary, [meeting.id])
    tx.append([{"op": "correct", "correction": c.to_dict()} for c in changes])
    return [meeting.id]


def move_commitment(
    tx: Transaction,
    commitment_id: str,
    area_id: str | None,
    new_area: str | None,
    base: str | None = None,
) -> list[str]:
    meeting, area, c = _commitment(tx, commitment_id)
    check_base("the commitment's area", area.id, base)
    if (area_id is None) == (new_area is None):
        raise StoreError("give the area to move to, or a new area's name", kind=ErrorKind.INVALID)
    if area_id is not None:
        dest_meeting, dest = _area(tx, area_id)
        if dest_meeting.id != meeting.id:
            raise StoreError(
                f"{area_id} is an area of another meeting ({dest_meeting.id}); a commitment "
                "moves only within its meeting",
                kind=ErrorKind.INVALID,
            )
        if dest.id == area.id:
            raise StoreError(f"{c.id} is already in area {area.id}", kind=ErrorKind.INVALID)
        dest_id: str | None = dest.id
        name = None
    else:
        assert new_area is not None
        name = clean_short(new_area, "new area's name")
        dest_id = None
        if new_area_id(meeting.id, name) == area.id:
            raise StoreError(f"{c.id} is already in area {name!r}", kind=ErrorKind.INVALID)
        made = new_area_id(meeting.id, name)
        _unique_area_name(meeting, name, but=made)
    found = _write(tx, lambda i, at, by: Correction(
        i, "move", meeting.id, c.id, at, by, text=c.original_text or c.text, area=dest_id,
        value=name))  # fmt: skip
    return found.touched


def split_commitment(
    tx: Transaction, commitment_id: str, at_text: str, base: str | None = None
) -> list[str]:
    meeting, _area, c = _commitment(tx, commitment_id)
    check_base("the commitment's text", c.text, base)
    if not isinstance(at_text, str) or not at_text.strip():
        raise StoreError("give the text where the second part starts", kind=ErrorKind.INVALID)
    point = split_point(c.text, at_text)
    if point is None:
        count = c.text.count(at_text.strip())
        why = (
            "occurs more than once in it (give more of it)"
            if count > 1
            else "is its start (nothing would be left before it)"
            if count == 1
            else "does not occur in it"
        )
        raise StoreError(
            f"cannot split {c.id}: {at_text.strip()[:60]!r} {why}",
            kind=ErrorKind.INVALID,
            id=c.id,
        )
    second = c.text[point:].strip()
    new_id = split_id(meeting.id, c.id, second)
    _write(tx, lambda i, at, by: Correction(
        i, "split", meeting.id, c.id, at, by, text=c.text, value=collapse_ws(at_text),
        new_id=new_id))  # fmt: skip
    return [c.id, new_id]


def merge_commitments(
    tx: Transaction, first_id: str, second_id: str, base: tuple[str, str] | None = None
) -> list[str]:
    meeting, area, first = _commitment(tx, first_id)
    other_meeting, other_area, second = _commitment(tx, second_id)
    check_base("the commitments' texts", (first.text, second.text), base)
    if first.id == second.id:
        raise StoreError("give two different commitments to merge", kind=ErrorKind.INVALID)
    if other_meeting.id != meeting.id:
        raise StoreError(
            f"{second.id} is in another meeting ({other_meeting.id}); merge two commitments "
            "of one area",
            kind=ErrorKind.INVALID,
        )
    if other_area.id != area.id:
        raise StoreError(
            f"{second.id} is in another area ({other_area.id}); merge two commitments of "
            "one area (move one first)",
            kind=ErrorKind.INVALID,
        )
    events = _move_annotations(tx, second.id, first.id)
    at, by = now_iso(), current_author()
    correction = Correction(secrets.token_hex(6), "merge", meeting.id, first.id, at, by,
                            text=first.original_text or first.text, other=second.id)  # fmt: skip
    tx.log_change("correction", correction.describe(), correction.touched)
    tx.append([{"op": "correct", "correction": correction.to_dict()}, *events])
    return [first.id, second.id]


def _move_annotations(tx: Transaction, old: str, new: str) -> list[dict[str, object]]:
    """The events moving the second commitment's statuses, tags and notes to the first."""
    from store import carry_over

    anchor = tx.anchor(new)
    events = carry_over.move_events(tx.state, old, new, anchor, now_iso(), False)
    return [{**event, "by": current_author()} for event in events]


def exclude_commitment(tx: Transaction, commitment_id: str, restore: bool) -> list[str]:
    meeting, area, c = tx.store.locate(commitment_id)
    if area is None or c is None:
        raise StoreError(
            f"{commitment_id} is not a commitment (give a commitment's ID)",
            kind=ErrorKind.INVALID,
        )
    excluded = c in area.excluded
    if excluded != restore:
        state = "excluded" if excluded else "not excluded"
        raise StoreError(f"{c.id} is already {state}", kind=ErrorKind.INVALID, id=c.id)
    _write(tx, lambda i, at, by: Correction(
        i, "exclude", meeting.id, c.id, at, by, text=c.original_text or c.text,
        excluded=not restore))  # fmt: skip
    return [c.id]


def add_commitment(tx: Transaction, area_id: str, text: str, source: str) -> list[str]:
    """Add ``text`` (which must occur in the meeting's source, ``source``) to an area: the
    commitment is the release's own wording of it, within one paragraph."""
    given = clean_name(text, "commitment's text")
    meeting, area = _area(tx, area_id)
    found = find_in_release(given, release_text(source, meeting.source))
    if found is None:
        raise StoreError(
            f"the text is not in the source of meeting {meeting.id} (it must occur there, "
            "whitespace and case aside)",
            kind=ErrorKind.INVALID,
        )
    if PARAGRAPH_BREAK.search(found):
        raise StoreError(
            "the text runs over more than one paragraph of the release; add one paragraph "
            "(or a part of one) at a time",
            kind=ErrorKind.INVALID,
        )
    text = collapse_ws(found)
    if len(text.split()) < MIN_WORDS:
        raise StoreError(
            f"{text!r} is too short to be a commitment (give at least {MIN_WORDS} words)",
            kind=ErrorKind.INVALID,
        )
    new_id = added_id(meeting.id, text)
    key = squeezed(text)
    for other in meeting.areas:
        for c in [*other.commitments, *other.excluded]:
            if c.id == new_id:
                raise StoreError(
                    f"that text is already commitment {new_id} (in area {other.id})",
                    kind=ErrorKind.INVALID,
                )
            if key in squeezed(c.text):
                raise StoreError(
                    f"that text is part of commitment {c.id} (in area {other.id}); split it "
                    "instead",
                    kind=ErrorKind.INVALID,
                )
    _write(tx, lambda i, at, by: Correction(
        i, "add", meeting.id, area.id, at, by, text=area.original_name or area.name,
        value=text, new_id=new_id))  # fmt: skip
    return [new_id]


#: The fewest words a commitment added from the source may have.
MIN_WORDS = 3
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def find_in_release(text: str, release: str) -> str | None:
    """The passage of ``release`` that is ``text`` with whitespace and case aside (the
    release's own characters), or None."""
    chars: list[str] = []
    where: list[int] = []
    for n, ch in enumerate(release):
        if not ch.isspace():
            low = ch.lower()
            chars.append(low if len(low) == 1 else ch)
            where.append(n)
    wanted = "".join(low if len(low := ch.lower()) == 1 else ch for ch in text if not ch.isspace())
    at = "".join(chars).find(wanted)
    if not wanted or at < 0:
        return None
    return release[where[at] : where[at + len(wanted) - 1] + 1]


def reattach(tx: Transaction, correction_id: str, target_id: str) -> list[str]:
    """See ``Store.reattach_correction``."""
    found = tx.state.corrections.by_id.get(correction_id)
    if found is None:
        raise StoreError(
            f"no correction has ID {correction_id!r}", kind=ErrorKind.NOT_FOUND,
            what="correction", id=correction_id,
        )  # fmt: skip
    if found.kind == "meeting":
        raise StoreError("a correction of a meeting's fields has no target to re-attach")
    if found.kind in ("rename", "add"):
        meeting, _where = _area(tx, target_id)
    else:
        meeting, _area_of, _c = _commitment(tx, target_id)
    if meeting.id != found.meeting:
        raise StoreError(
            f"{target_id} is in another meeting ({meeting.id}); a correction stays with "
            f"its meeting ({found.meeting})",
            kind=ErrorKind.INVALID,
        )
    tx.log_change(
        "reattach", f"re-attached the correction {correction_id} to {target_id}",
        [found.target, target_id],
    )  # fmt: skip
    # the corrections of one slot go together (else an older one would apply again)
    same_slot = tx.state.corrections.history(found.slot)
    tx.append([{"op": "correct-retarget", "id": c.id, "target": target_id} for c in same_slot])
    for orphan, why in tx.store.correction_orphans():
        if orphan.id == correction_id:
            raise StoreError(
                f"the correction does not apply to {target_id}: {why}; nothing was changed",
                kind=ErrorKind.INVALID,
            )
    return [target_id]
