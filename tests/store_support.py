"""Helpers for the store tests: synthetic releases and fresh stores."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

from store import Store

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str | Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """``coop-tui ARGS`` in a subprocess, as a user runs it (this checkout's code);
    ``options`` go to ``subprocess.run`` (``env``, ``stdin``, ``timeout`` …)."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        **options,
    )


def one_error(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """The one ``coop-tui: …`` line of a refused command (exit 2, no traceback), holding
    each of ``words``."""
    assert done.returncode == 2, (done.stdout, done.stderr)
    [line] = done.stderr.splitlines()
    assert line.startswith("coop-tui: ") and "Traceback" not in done.stderr
    for word in words:
        assert word in line, line
    return line


AREAS: dict[str, list[str]] = {
    "Finance": [
        "Encourage Testland enterprises to list in Hong Kong and to issue green bonds in the "
        "Hong Kong market.",
        "Support Testland enterprises in setting up treasury centres in Hong Kong to manage "
        "overseas funds.",
    ],
    "Aviation": [
        "Strengthen the co-operation between the airports of Hong Kong and Testland on cargo "
        "handling.",
        "Increase the frequency of direct flights between Hong Kong and the main cities of "
        "Testland.",
    ],
}


def release_text(
    areas: dict[str, list[str]] | None = None,
    title: str = "Hong Kong and Testland hold first co-operation conference",
    date: str = "2024-05-01",
) -> str:
    areas = AREAS if areas is None else areas
    parts = [
        title,
        date,
        "The Chief Executive met the Governor of Testland in Hong Kong today (May 1).",
        f"Hong Kong and Testland reached consensus on the following {len(areas)} co-operation "
        "areas:",
    ]
    for name, commitments in areas.items():
        parts.append(f"{name}\n{'-' * len(name)}")
        parts.extend(commitments)
    parts.append("Ends")
    return "\n\n".join(parts) + "\n"


def write_release(directory: Path, name: str = "release.txt", **kwargs: object) -> Path:
    path = directory / name
    path.write_text(release_text(**kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path


def new_store(tmp_path: Path, *, release: bool = True, **kwargs: object) -> Store:
    """An empty store (no samples) in ``tmp_path``, with the default release imported."""
    store = Store.open(tmp_path / "db" / "store.json", seed_samples=False, lock_timeout=5, **kwargs)
    if release:
        results = store.import_paths([write_release(tmp_path)])
        assert [r.outcome for r in results] == ["added"], results
    return store


def commitment_ids(store: Store) -> list[str]:
    return [c.id for m in store.meetings() for c in m.commitments]


def run_on_terminal(
    db: Path, *args: str, columns: int = 80, term: str = "xterm"
) -> tuple[int, str, str]:
    """``coop-tui --db DB ARGS`` with its output on a pseudo-terminal (as a user sees it,
    colours and all): its exit status, what it wrote there (``\r`` kept), its stderr."""
    main_fd, child = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui", "--db", str(db), *args],
            cwd=ROOT,
            stdout=child,
            stderr=subprocess.PIPE,
            env={**os.environ, "COLUMNS": str(columns), "TERM": term},
            timeout=60,
            check=False,
        )
        os.close(child)
        child = -1
        out = b""
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # the terminal's other end closed: all read
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(main_fd)
        if child >= 0:
            os.close(child)
    return done.returncode, out.decode("utf-8"), done.stderr.decode("utf-8", "replace")
