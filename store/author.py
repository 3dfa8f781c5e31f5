"""Who is writing: the author recorded with every new status change, tag, note and deletion.

The author is ``--author NAME`` on the command line (``set_author``), else the
``COOP_TUI_AUTHOR`` environment variable, else the operating system's user name;
it is worked out once per process. A notes folder names each author's files
after it (``sharing.notes_folder``), so two researchers sharing a folder through git
should have different names. No Textual here.
"""

from __future__ import annotations

import getpass
import os

from store.errors import StoreError

ENV_VAR = "COOP_TUI_AUTHOR"
UNKNOWN = "unknown"
MAX_CHARS = 100

_author: str | None = None


def clean(name: str) -> str:
    """An author's name with runs of white space made one space; StoreError if unusable."""
    text = " ".join(str(name).split())
    if not text:
        raise StoreError("the author's name is empty", what="author")
    if len(text) > MAX_CHARS:
        raise StoreError(f"the author's name is longer than {MAX_CHARS} characters")
    if any(not ch.isprintable() for ch in text):
        raise StoreError("the author's name holds control characters")
    return text


def set_author(name: str) -> str:
    """Use ``name`` for every write of this process (``--author``)."""
    global _author
    _author = clean(name)
    return _author


def _from_system() -> str:
    value = os.environ.get(ENV_VAR)
    if value is not None and value.strip():
        return clean(value)
    try:
        return clean(getpass.getuser())
    except (OSError, KeyError, ImportError, StoreError):
        return UNKNOWN


def current_author() -> str:
    """The author of this process's writes (see the module docstring)."""
    global _author
    if _author is None:
        _author = _from_system()
    return _author
