"""Shared fixtures for the parser tests (issue 2).

The seeds are read from the package copies in ``store/samples`` so that the
repository is self-contained; the agreement structures in ``tests/data`` were
written from the seed texts by hand (see ``tests/data/README.md``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
SAMPLES = ROOT / "store" / "samples"

SEED_2023 = SAMPLES / "hong-kong-zhejiang-2023-06-26.txt"
SEED_2025 = SAMPLES / "hong-kong-zhejiang-2025-04-24.txt"

# Test the working tree, also when pytest is run without `python -m`.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def load_agreement(key: str) -> dict:
    return json.loads((DATA / f"agreement-{key}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_2023_path() -> Path:
    return SEED_2023


@pytest.fixture(scope="session")
def seed_2025_path() -> Path:
    return SEED_2025


@pytest.fixture(scope="session")
def seed_2023_text() -> str:
    return SEED_2023.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_2025_text() -> str:
    return SEED_2025.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def agreement_2023() -> dict:
    return load_agreement("zhejiang-2023")


@pytest.fixture(scope="session")
def agreement_2025() -> dict:
    return load_agreement("zhejiang-2025")


@pytest.fixture(scope="session")
def agreement_guangxi() -> dict:
    return load_agreement("guangxi-2025")


@pytest.fixture(scope="session")
def agreement_sichuan() -> dict:
    return load_agreement("sichuan-2024")


@pytest.fixture(scope="module")
def _local_web_server() -> Iterator[HTTPServer]:
    """One local web server per test module, stopped when the module's tests are done:
    the plugin's own lives for the whole session, and its thread would make later tests
    of the import's worker processes parse in-process (a process with other threads
    running does not fork)."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def httpserver(_local_web_server: HTTPServer) -> Iterator[HTTPServer]:
    """pytest-httpserver's ``httpserver``, cleared after each test (see above)."""
    yield _local_web_server
    _local_web_server.clear()
