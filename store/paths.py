"""Where the store lives: ``--db``, then ``$COOP_TUI_DB``, then the per-user data dir."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from store.errors import ErrorKind, StoreError

ENV_VAR = "COOP_TUI_DB"
APP_NAME = "coop-tui"
FILE_NAME = "store.json"


def default_db_path() -> Path:
    """``<user data dir>/coop-tui/store.json``; nothing is created here."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False, ensure_exists=False) / FILE_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    """The store file to use: the ``--db`` value, else ``$COOP_TUI_DB``, else the default.

    A value given but empty (``--db ""``) is refused (``StoreError``, invalid), never
    taken for the default store; an empty ``$COOP_TUI_DB`` counts as not set."""
    if cli_value is not None:
        if not cli_value.strip():
            raise StoreError("the store's path is empty", kind=ErrorKind.INVALID)
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return default_db_path()


#: The endings of a store's own files beside its main file (``store.journal`` …), with
#: what each is: no store's main file may end so (``check_store_name``).
SIBLING_ENDINGS = {
    ".journal": "journal",
    ".journal.mark": "journal's length mark",
    ".lock": "lock file",
    ".corpus.json": "corpus",
    ".sources": "folder of source documents",
    ".drafts": "folder of drafts",
    ".aligned.json": "cache of aligned areas",
}


def real_store_path(path: Path) -> Path:
    """``path`` with every symbolic link in it resolved (a link to a store file not yet
    created too): the store's other files are taken beside the file itself, so every
    spelling of its path (through a linked file or folder) finds the same store."""
    return Path(os.path.realpath(path))


def check_store_name(path: Path) -> None:
    """Refuse (StoreError) a main file named as a store's own file is (``x.journal``,
    ``x.lock``, ``x.corpus.json``, ``x.sources``, ``x.drafts``): it would be its own
    journal or lock, or another store's."""
    name = path.name.casefold()
    for ending, what in SIBLING_ENDINGS.items():
        if name.endswith(ending):
            raise StoreError(
                f"{path}: a store cannot be named *{ending} (the name of a store's {what}); "
                "give a name ending in .json, such as store.json"
            )


class StorePaths:
    """The files that make up one store, all beside the main file ``store.json``.

    * ``store.json`` — annotations (a compacted snapshot) and the schema version;
    * ``store.journal`` — annotation changes made since the last compaction;
    * ``store.journal.mark`` — how long the journal was after its last change (a journal
      found shorter, or gone, lost changes: ``store.journal``);
    * ``store.corpus.json`` — the parsed meetings (derived; rebuildable);
    * ``store.sources/`` — the source documents, one file per content hash;
    * ``store.lock`` — the cross-process lock;
    * ``store.drafts/`` — the app's unsaved changes (``store.drafts``), one file each;
    * ``store.aligned.json`` — the overview's area alignments (``stats.alignment``;
      derived, a cache: losing it costs only time).

    ``Store`` passes the real path of the main file (``real_store_path``), so a link to
    it, or to a folder on the way, leads to the same siblings.
    """

    def __init__(self, main: Path) -> None:
        self.main = main
        stem = main.name[: -len(main.suffix)] if main.suffix else main.name
        self.directory = main.parent
        self.journal = main.with_name(f"{stem}.journal")
        self.journal_mark = main.with_name(f"{stem}.journal.mark")
        self.corpus = main.with_name(f"{stem}.corpus.json")
        self.sources = main.with_name(f"{stem}.sources")
        self.lock = main.with_name(f"{stem}.lock")
        self.drafts = main.with_name(f"{stem}.drafts")
        self.aligned = main.with_name(f"{stem}.aligned.json")

    def atomic_files(self) -> list[Path]:
        return [self.main, self.journal, self.corpus]
