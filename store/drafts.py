"""Drafts: changes the app could not write yet, kept on disk so that none is lost.

A draft is a note's text (new, or an edit of a note), a status or a tag change that is
not in the store: a note the user left with Escape, a write that failed (the store
busy, the disk full), or a write still waiting when the app was quit. Each draft is
one small JSON file in ``store.drafts/`` beside the store (``StorePaths.drafts``),
written atomically (``fsio.write_atomic``) and deleted once the change is saved or
given up, so that two windows on one store never write the same file. The app offers
the drafts again (the next ``n`` on a commitment restores its note).

No Textual here: the app decides when to keep, offer and drop a draft.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from store import fsio, jsonload
from store.errors import StoreError
from store.model import Annotation, Note, Status, now_iso

DraftKind = Literal["note", "status", "tags"]
FORMAT = 1
#: A temporary file of a draft write older than this was left by a killed write.
STALE_TEMP_SECONDS = 3600.0


@dataclass(frozen=True)
class Draft:
    """One unsaved change. ``note_id`` and ``base`` (the note as the editor read it)
    are set for an edit of a note; ``text`` for a note; ``status``, ``source`` and
    ``evidence`` for a status; ``add`` and ``remove`` for tags. ``why`` says how it
    came to be kept (shown to the user)."""

    kind: DraftKind
    target_id: str
    id: str = field(default_factory=lambda: secrets.token_hex(6))
    kept: str = field(default_factory=now_iso)
    why: str = ""
    text: str = ""
    note_id: str | None = None
    base: Note | None = None
    status: str | None = None
    source: str | None = None
    evidence: str | None = None
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "app": "coop-tui",
            "draft": FORMAT,
            "id": self.id,
            "kind": self.kind,
            "target_id": self.target_id,
            "kept": self.kept,
            "why": self.why,
            "text": self.text,
            "note_id": self.note_id,
            "base": self.base.to_dict() if self.base else None,
            "status": self.status,
            "source": self.source,
            "evidence": self.evidence,
            "add": list(self.add),
            "remove": list(self.remove),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft:
        if not isinstance(data, dict):
            raise ValueError("not a coop-tui draft")
        if data.get("app") != "coop-tui" or data.get("kind") not in ("note", "status", "tags"):
            raise ValueError("not a coop-tui draft")
        if data["kind"] == "status":
            Status(data.get("status"))  # ValueError if it is none
        base = data.get("base")
        return cls(
            kind=data["kind"],
            target_id=_text(data["target_id"]),
            id=_text(data["id"]),
            kept=_text(data.get("kept") or ""),
            why=_text(data.get("why") or ""),
            text=_text(data.get("text") or ""),
            note_id=_optional(data.get("note_id")),
            base=Note.from_dict(base) if isinstance(base, dict) else None,
            status=_optional(data.get("status")),
            source=_optional(data.get("source")),
            evidence=_optional(data.get("evidence")),
            add=tuple(_text(t) for t in data.get("add") or ()),
            remove=tuple(_text(t) for t in data.get("remove") or ()),
        )

    def is_saved_in(self, annotation: Annotation) -> bool:
        """Whether the store already holds this change (its write went through after
        all, e.g. just as the app was quit): then the draft has nothing left to offer."""
        if self.kind == "note":
            return any(note.text == self.text for note in annotation.notes)
        if self.kind == "status":
            last = annotation.history[-1] if annotation.history else None
            return last is not None and (last.status.value, last.source, last.evidence) == (
                self.status,
                self.source,
                self.evidence,
            )
        return all(t in annotation.tags for t in self.add) and not any(
            t in annotation.tags for t in self.remove
        )


class Drafts:
    """The drafts of one store: ``directory`` is ``StorePaths.drafts``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _file(self, draft_id: str) -> Path:
        return self.directory / f"{draft_id}.json"

    def load(self) -> tuple[list[Draft], list[str]]:
        """Every draft, oldest first, and one line for each file that could not be read
        (such a file is left as it is)."""
        try:
            names = sorted(os.listdir(self.directory))
        except FileNotFoundError:
            return [], []
        except OSError as exc:
            return [], [f"{self.directory}: cannot read the drafts ({fsio.describe_os_error(exc)})"]
        drafts: list[Draft] = []
        problems: list[str] = []
        for name in names:
            path = self.directory / name
            if name.startswith("."):
                _remove_if_stale(path)
                continue
            if not name.endswith(".json"):
                continue
            try:
                draft = Draft.from_dict(jsonload.loads(fsio.read_store_file(path, "draft") or b""))
            except (StoreError, ValueError, KeyError, TypeError) as exc:
                problems.append(f"{path}: not a readable draft ({exc!s:.80}); left as it is")
                continue
            if name != f"{draft.id}.json":
                problems.append(f"{path}: not a readable draft (named for another); left as it is")
                continue
            drafts.append(draft)
        drafts.sort(key=lambda d: d.kept)
        return drafts, problems

    def find(self, kind: DraftKind, target_id: str, note_id: str | None = None) -> Draft | None:
        """The oldest draft of this kind on this target (for a note: of this note, or a
        new note when ``note_id`` is None)."""
        drafts, _problems = self.load()
        for draft in drafts:
            if (draft.kind, draft.target_id, draft.note_id) == (kind, target_id, note_id):
                return draft
        return None

    def keep(self, draft: Draft) -> None:
        """Write the draft (replacing an older version of it); StoreError if it cannot."""
        data = json.dumps(draft.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
        for attempt in (1, 2):
            try:
                self.directory.mkdir(exist_ok=True)
                fsio.write_atomic(self._file(draft.id), data)
                return
            except FileNotFoundError:
                if attempt == 2:  # the directory keeps vanishing under us
                    raise StoreError(f"{self.directory}: cannot keep the draft") from None
            except OSError as exc:
                raise StoreError(
                    f"{self.directory}: cannot keep the draft ({fsio.describe_os_error(exc)})"
                ) from exc

    def drop(self, draft_id: str) -> None:
        """Delete a draft (nothing if it is gone already); StoreError if it cannot."""
        try:
            self._file(draft_id).unlink()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(
                f"{self._file(draft_id)}: cannot delete the draft ({fsio.describe_os_error(exc)})"
            ) from exc
        with contextlib.suppress(OSError):
            fsio.fsync_dir(self.directory)
        with contextlib.suppress(OSError):  # the last one: no empty folder left behind
            self.directory.rmdir()


def _remove_if_stale(path: Path) -> None:
    """A temporary file left by a killed write (another window's may be in progress)."""
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > STALE_TEMP_SECONDS:
            path.unlink()


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, found {type(value).__name__}")
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else _text(value)
