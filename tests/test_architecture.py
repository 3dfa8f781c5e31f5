"""The package rules of docs/architecture.md: the core knows nothing of Textual, each
package imports only the packages below it, and no module grows past a readable size."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Each package of the project → the project packages its modules may import.
ALLOWED: dict[str, set[str]] = {
    "parsers": set(),
    "fetching": {"parsers"},
    "store": {"parsers", "fetching", "compare"},
    "compare": {"parsers"},
    "search": {"parsers", "store"},
    "stats": {"parsers", "store", "compare"},
    "sharing": {"parsers", "store", "compare", "stats"},
    "session": {"parsers", "store", "compare", "search", "stats", "sharing"},
    "tui": {
        "parsers",
        "fetching",
        "store",
        "compare",
        "search",
        "stats",
        "sharing",
        "session",
        "tui",
    },
}
CORE = [name for name in ALLOWED if name != "tui"]
#: Third-party packages the core must never import, lazily or not.
UI_PACKAGES = {"textual", "tui"}
MAX_LINES = 600


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_every_project_package_has_a_rule() -> None:
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages == set(ALLOWED), "add the new package to ALLOWED and docs/architecture.md"


@pytest.mark.parametrize("package", list(ALLOWED))
def test_packages_import_only_what_the_rules_allow(package: str) -> None:
    project = set(ALLOWED)
    wrong = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(package)
        for name in _imported(path)
        if (name in project and name != package and name not in ALLOWED[package])
        or (package in CORE and name in UI_PACKAGES)
    }
    assert not wrong, sorted(wrong)


def test_importing_every_core_module_loads_no_textual() -> None:
    names = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in CORE
        for path in _modules(package)
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_no_production_module_is_longer_than_a_reader_can_follow() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for package in ALLOWED
        for path in _modules(package)
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long
