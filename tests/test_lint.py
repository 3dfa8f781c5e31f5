"""ruff over the whole tree, with the settings in ``pyproject.toml`` (``[tool.ruff]``):
the lint rules and the format. The suite is what CI runs, so a lint error or a file
not formatted fails the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--cache-dir", str(cache), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ruff_lint_passes(tmp_path: Path) -> None:
    result = _ruff("check", "--no-fix", cache=tmp_path)
    assert result.returncode == 0, f"ruff check found problems:\n{result.stdout}{result.stderr}"


def test_ruff_format_leaves_every_file_as_it_is(tmp_path: Path) -> None:
    result = _ruff("format", "--check", cache=tmp_path)
    assert result.returncode == 0, f"ruff format would change:\n{result.stdout}{result.stderr}"
