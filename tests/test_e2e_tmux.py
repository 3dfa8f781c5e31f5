"""End to end: the installed ``coop-tui`` in a real terminal (tmux), driven by keys.

Checks what a person sees after searching, tagging and adding a note, and that the
store on disk holds it. Skipped only when tmux is not installed.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from store import Store

ROOT = Path(__file__).resolve().parent.parent
TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

#: How many times to look at the pane while waiting for something to appear.
ATTEMPTS = 300


def command(db: Path) -> str:
    installed = shutil.which("coop-tui")
    program = [installed] if installed else [sys.executable, "-m", "tui"]
    return shlex.join([*program, "--db", str(db)])


class Terminal:
    def __init__(self, name: str, socket: Path) -> None:
        self.name = name
        self.socket = socket

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-S", str(self.socket), *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, check: Callable[[str], bool], what: str) -> str:
        """Look at the pane until ``check`` holds (a bounded number of looks, no clock)."""
        text = ""
        for _ in range(ATTEMPTS):
            text = self.screen()
            if check(text):
                return text
            subprocess.run([sys.executable, "-c", "import time; time.sleep(0.05)"], check=True)
        raise AssertionError(f"never saw {what}; the screen was:\n{text}")

    def wait_text(self, needle: str) -> str:
        return self.wait_for(lambda text: needle in text, repr(needle))


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    db = tmp_path / "store.json"
    socket = tmp_path / "tmux.sock"
    name = f"coop-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color"}
    if shutil.which("coop-tui") is None:  # not installed: run this checkout's code
        env["PYTHONPATH"] = str(ROOT)
    else:  # installed: run exactly what pip installed, not the checkout beside it
        env.pop("PYTHONPATH", None)
    assert TMUX is not None
    subprocess.run(
        [
            TMUX,
            "-S",
            str(socket),
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "120",
            "-y",
            "40",
            f"cd {shlex.quote(str(ROOT))} && {command(db)} --create; echo EXITED-$?; sleep 600",
        ],
        check=True,
        env=env,
    )
    term = Terminal(name, socket)
    try:
        yield term, db
    finally:
        subprocess.run([TMUX, "-S", str(socket), "kill-server"], capture_output=True)


def test_search_tag_and_note_in_a_real_terminal(terminal: tuple[Terminal, Path]) -> None:
    term, db = terminal
    term.wait_text("2025-04-24 · Hong Kong & Zhejiang · Hangzhou")
    term.wait_text("/ Search")

    # search, and go to the result
    term.send("/")
    term.wait_text("Search commitments, areas, tags and notes")
    term.type("youth internship")
    term.wait_text("results")
    term.send("Enter")
    screen = term.wait_text("Commitment 9610bef81371")
    assert "▼ Youth Exchange (2)" in screen
    assert "Support and promote the Hong Kong Youth Internship Programme" in screen

    # tag it
    term.send("t")
    term.wait_text("New tag")
    term.type("youth, [bold]internships[/]")
    term.send("Enter")
    term.wait_text("[bold]internships[/]")
    term.send("Enter")
    # the passing notice first (a loaded machine may be slow to look), then what stays
    term.wait_text("Tags added youth, [bold]internships[/]")
    term.wait_text("#youth  #[bold]internships[/]")

    # write a note
    term.send("n")
    term.wait_text("New note on:")
    term.type("Ask the **Labour Department** for 2025 numbers")
    term.wait_text("Ask the **Labour Department** for 2025 numbers")
    term.send("C-s")
    screen = term.wait_text("Ask the Labour Department for 2025 numbers")
    assert "Notes (1)" in screen
    assert "✎ 1" in screen  # the tree label counts it

    # quit; the store holds it all
    term.send("q")
    term.wait_text("EXITED-0")
    annotation = Store.open(db).annotation("9610bef81371")
    assert annotation.tags == ["youth", "[bold]internships[/]"]
    assert [n.text for n in annotation.notes] == ["Ask the **Labour Department** for 2025 numbers"]


def test_a_burst_of_keys_lands_in_the_right_fields(terminal: tuple[Terminal, Path]) -> None:
    """One ``tmux send-keys``: the status dialog with a source and an evidence, then a note
    typed right after ``n``. Every key is handled in order, in the field it was typed
    for (issue 12, item 3); the command line then finds it all in the store."""
    term, db = terminal
    term.wait_text("2025-04-24 · Hong Kong & Zhejiang · Hangzhou")
    term.wait_text("/ Search")
    term.send("Down")
    term.wait_text("Area: Finance (3)")
    term.send("Enter")
    term.wait_text("○ Encourage Zhejiang enterprises to…")
    term.send("Down")
    term.wait_text("Commitment 31a5014a9d10")

    term.send(
        *("s", "Down", "Tab", "https://example.org/report?id=7", "Tab", "listed 3 firms"),
        *("Enter", "n", "Typed right after n", "C-s"),
    )
    screen = term.wait_text("Typed right after n")
    term.wait_for(lambda text: "Notes (1)" in text, "the note in the detail pane")
    screen = term.wait_text("source: https://example.org/report?id=7")
    assert "evidence: listed 3 firms" in screen
    term.send("q")
    term.wait_text("EXITED-0")

    shown = subprocess.run(
        [*shlex.split(command(db)), "show", "--json", "31a5014a9d10"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    annotation = json.loads(shown.stdout)
    assert [(h["status"], h["source"], h["evidence"]) for h in annotation["history"]] == [
        ("in-progress", "https://example.org/report?id=7", "listed 3 firms")
    ]
    assert [n["text"] for n in annotation["notes"]] == ["Typed right after n"]
