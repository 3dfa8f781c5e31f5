"""Who is writing: the author recorded with every new status change, tag, note and deletion.

The author is ``--author NAME`` on the command line (``set_author``), else the
``COOP_TUI_AUTHOR`` environment variable, else git's ``user.name`` (as ``git config
user.name`` gives it where coop-tui runs: the researcher's name in a team that shares
its notes folder through git), else the operating system's user name; it is worked out
once per process, when the first change is written. A notes folder names each author's files
after it (``sharing.notes_folder``), so two researchers sharing a folder through git
should have different names. No Textual here.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import subprocess

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
    if any("\udc80" <= ch <= "\udcff" for ch in text):  # bytes that were not UTF-8
        raise StoreError("the author's name is not UTF-8 text (check its encoding)")
    if any(not ch.isprintable() for ch in text):
        raise StoreError("the author's name holds control characters")
    return text


def set_author(name: str) -> str:
    """Use ``name`` for every write of this process (``--author``)."""
    global _author
    _author = clean(name)
    return _author


#: How long asking git for ``user.name`` may take (a git that hangs is not waited for).
GIT_SECONDS = 3.0


def git_user_name() -> str | None:
    """``git config user.name`` where this process runs, or None (no git, not set)."""
    try:
        done = subprocess.run(
            ["git", "config", "--get", "user.name"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    name = done.stdout.decode("utf-8", "replace").strip()
    return name or None


def _from_system() -> str:
    value = os.environ.get(ENV_VAR)
    if value is not None and value.strip():
        return clean(value)
    git_name = git_user_name()
    # a name git keeps but coop-tui cannot record (too long, control characters) is
    # passed over for the login name
    with contextlib.suppress(StoreError):
        if git_name is not None:
            return clean(git_name)
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
