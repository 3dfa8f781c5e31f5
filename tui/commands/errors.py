"""The command line's wording of the store's errors: the store says what happened (and
what can be done, in its own terms); here, by the error's kind, the command line adds
what to do with its commands and options (``--db``, ``coop-tui rebuild``, ``coop-tui
list`` …)."""

from __future__ import annotations

import shlex

from store.errors import ErrorKind, StoreError

#: Where the command line lists the IDs of what ``ErrorKind.NOT_FOUND`` did not find.
LISTED_BY = {"meeting": "list", "target": "list", "note": "notes", "orphan": "orphans"}
NOT_A_STORE_ADVICE = "point --db at another file, or move this one aside (it is left untouched)"
#: The command line's advice about a corpus that cannot be read.
CORPUS_ADVICE = (
    "it holds only data derived from the source documents: move it aside and run "
    "`coop-tui rebuild` to parse them again"
)
#: How the store's refusal of an undo or a redo begins (it names the later change).
UNDO_REDO = ("cannot undo ", "cannot redo ")
NEWER_CORPUS_ADVICE = "upgrade coop-tui, or move the file aside and run `coop-tui rebuild`"


def store_error_text(exc: StoreError) -> str:
    """The one line the command line prints for ``exc`` (after ``coop-tui: ``)."""
    facts = exc.facts
    if exc.kind is ErrorKind.NOT_A_STORE:
        return f"{exc.message}; {NOT_A_STORE_ADVICE}"
    if exc.kind is ErrorKind.CORPUS_UNREADABLE:
        advice = NEWER_CORPUS_ADVICE if facts.get("newer") else CORPUS_ADVICE
        return f"{exc.message}; {advice}"
    if exc.kind is ErrorKind.MISSING and exc.path is not None:
        quoted = shlex.quote(str(exc.path))
        return f"{exc.message} (create one with coop-tui init --db {quoted})"
    if exc.kind is ErrorKind.NOT_FOUND and facts.get("what") in LISTED_BY:
        return f"{exc.message} (see coop-tui {LISTED_BY[facts['what']]})"
    if exc.kind is ErrorKind.NOT_FOUND and facts.get("what") == "status change":
        return f"{exc.message}; see coop-tui show {facts['target']}"
    if exc.kind is ErrorKind.NOT_A_COMMITMENT:
        return (
            f"{facts['target']} is {facts['is_a']}: a status is for a commitment (give a "
            "commitment's ID; see coop-tui list); areas and meetings take tags and notes"
        )
    if exc.kind is ErrorKind.INVALID and facts.get("what") == "author":
        return f"{exc.message}; give one with --author NAME"
    if exc.kind is ErrorKind.NOTHING_TO_UNDO:
        return f"{exc.message} (coop-tui log lists the changes and who made them)"
    if exc.kind is ErrorKind.CHANGED_ELSEWHERE and exc.message.startswith(UNDO_REDO):
        return f"{exc.message} (see coop-tui log)"
    return str(exc)
