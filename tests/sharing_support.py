"""Helpers for the sharing tests: researchers running the real command line, and git."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOP_TUI_", "GIT_"))}
    env.update(
        GIT_AUTHOR_NAME="Tester", GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="Tester", GIT_COMMITTER_EMAIL="t@example.org",
        GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
    )  # fmt: skip
    return env


class Researcher:
    """One researcher: a store of their own, and ``coop-tui`` run as they would run it."""

    def __init__(self, tmp_path: Path, name: str) -> None:
        self.name = name
        self.db = tmp_path / "stores" / name.replace(" ", "-") / "store.json"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = _env()
        env["COOP_TUI_AUTHOR"] = self.name
        done = subprocess.run(
            # --create: each researcher's own store, made (with the samples) on first use
            [sys.executable, "-m", "tui", "--db", str(self.db), "--create", *args],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if check:
            assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done

    def show(self, target_id: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.run("show", target_id, "--json").stdout)
        return data

    def commitments(self) -> list[str]:
        meetings = json.loads(self.run("list", "--json").stdout)
        return [c["id"] for m in meetings for a in m["areas"] for c in a["commitments"]]

    def note_id(self, target_id: str, text: str) -> str:
        return next(n["id"] for n in self.show(target_id)["notes"] if n["text"] == text)


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=_env(), capture_output=True, text=True, timeout=60
    )
    if check:
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
