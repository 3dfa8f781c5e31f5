"""mypy over the packages listed in ``pyproject.toml`` (``[tool.mypy] files``), with the
settings there: the suite is how CI runs the type check, so a type error fails the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_passes_on_the_configured_packages(tmp_path: Path) -> None:
    # a cache of its own, so a stale or foreign cache never decides the outcome
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy_cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"mypy found errors:\n{output}"
    assert "Success" in output, output
