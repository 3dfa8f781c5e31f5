"""Many files are parsed by worker processes; what is imported does not depend on it."""

from __future__ import annotations

import dataclasses
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from store_support import write_release

import parsers
from parsers import Meeting
from parsers.model import CORRECTION_FIELDS
from store import Store
from store import parse_pool as parsing
from store.corpus import MeetingRecord, sha256
from store.model import ImportResult
from store.storage import dumps

FILES = parsing.PARALLEL_MIN_FILES + 8


def _releases(directory: Path) -> list[Path]:
    """Good releases, and a few files that cannot be imported, in one directory."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = [
        write_release(
            directory,
            f"r{n:03d}.txt",
            title=f"Hong Kong and Place{n} meet",
            date=f"20{10 + n // 12:02d}-{n % 12 + 1:02d}-01",
        )
        for n in range(FILES)
    ]
    (directory / "r100-empty.txt").write_text("  \n", encoding="utf-8")
    (directory / "r101-binary.txt").write_bytes(b"\x00\x01\x02binary")
    (directory / "r102-prose.txt").write_text("Just a note.\n\nNothing else.\n", encoding="utf-8")
    return paths


def _outcomes(results: list[ImportResult]) -> list[tuple[str, str, str | None, str | None]]:
    return [(Path(r.path).name, r.outcome, r.meeting_id, r.reason) for r in results]


def _meetings(store: Store) -> list[dict]:
    return [m.to_dict() for m in store.meetings()]


class _CountingPool(ProcessPoolExecutor):
    submitted = 0

    def submit(self, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        _CountingPool.submitted += 1
        return super().submit(*args, **kwargs)


@pytest.fixture
def counting_pool(monkeypatch: pytest.MonkeyPatch) -> type[_CountingPool]:
    _CountingPool.submitted = 0
    monkeypatch.setattr(parsing, "ProcessPoolExecutor", _CountingPool)
    return _CountingPool


def _in_process(tmp_path: Path, folder: Path) -> tuple[list[ImportResult], Store]:
    store = Store.open(tmp_path / "serial" / "store.json", seed_samples=False)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(parsing, "worker_count", lambda files: 0)
        return store.import_paths([folder]), store


def test_worker_processes_import_what_one_process_imports(
    tmp_path: Path, counting_pool: type[_CountingPool]
) -> None:
    if parsing.worker_count(FILES) < 2:
        pytest.skip("one CPU (or no fork): imports parse in-process")
    folder = tmp_path / "in"
    _releases(folder)
    store = Store.open(tmp_path / "db" / "store.json", seed_samples=False)
    results = store.import_paths([folder])
    assert counting_pool.submitted > 1  # the workers did parse
    serial_results, serial = _in_process(tmp_path, folder)
    assert _outcomes(results) == _outcomes(serial_results)
    assert [r.outcome for r in results].count("added") == FILES
    assert {Path(r.path).name for r in results if r.outcome == "failed"} == {
        "r100-empty.txt",
        "r101-binary.txt",
        "r102-prose.txt",
    }
    assert _meetings(store) == _meetings(serial)
    reopened = Store.open(store.path, seed_samples=False)
    assert _meetings(reopened) == _meetings(serial)
    again = store.import_paths([folder])
    assert [r.outcome for r in again if r.outcome != "failed"] == ["unchanged"] * FILES


def test_a_worker_that_dies_leaves_its_files_to_the_importing_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counting_pool: type[_CountingPool]
) -> None:
    if parsing.worker_count(FILES) < 2:
        pytest.skip("one CPU (or no fork): imports parse in-process")
    folder = tmp_path / "in"
    _releases(folder)
    parent = os.getpid()
    real_parse = parsers.parse_bytes

    def crash_in_workers(data: bytes, source: str, **kw: object) -> Meeting:
        if os.getpid() != parent:
            os._exit(3)  # a worker killed mid-parse (out of memory, say)
        return real_parse(data, source, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(parsers, "parse_bytes", crash_in_workers)  # forked workers have it too
    store = Store.open(tmp_path / "db" / "store.json", seed_samples=False)
    results = store.import_paths([folder])
    assert counting_pool.submitted > 0
    monkeypatch.setattr(parsers, "parse_bytes", real_parse)
    serial_results, serial = _in_process(tmp_path, folder)
    assert _outcomes(results) == _outcomes(serial_results)
    assert _meetings(store) == _meetings(serial)


def test_few_files_or_other_threads_parse_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parsing.worker_count(parsing.PARALLEL_MIN_FILES - 1) == 0
    monkeypatch.setattr(parsing.threading, "active_count", lambda: 2)
    assert parsing.worker_count(10 * parsing.PARALLEL_MIN_FILES) == 0  # forking is unsafe


def test_results_sent_by_workers_are_the_parsed_meetings(tmp_path: Path) -> None:
    def parsed_fields(cls: type) -> list[str]:  # what a parse sets; corrections set the rest
        return [f.name for f in dataclasses.fields(cls) if f.name not in CORRECTION_FIELDS]

    assert parsed_fields(Meeting) == list(parsing.MEETING_FIELDS)
    assert parsed_fields(parsers.Area) == list(parsing.AREA_FIELDS)
    assert parsed_fields(parsers.Commitment) == ["id", "text"]
    path = write_release(tmp_path, "r.txt")
    parsed = parsing.read_and_parse(path)
    assert isinstance(parsed, parsing.ParsedFile)
    assert parsed.meeting_json == dumps(parsed.meeting.to_dict())
    parsed.meeting.warnings.append("a warning")
    parsed.meeting.signed_documents.append(parsers.SignedDocument("Framework Agreement"))
    parsed.meeting.areas[0].heading_inferred = True
    sent = pickle.loads(pickle.dumps(parsing._pack(parsed)))
    assert parsing._unpack(sent) == parsed


def test_a_records_corpus_line_is_its_json(tmp_path: Path) -> None:
    parsed = parsing.read_and_parse(write_release(tmp_path, "r.txt"))
    assert isinstance(parsed, parsing.ParsedFile)
    record = MeetingRecord(
        parsed.meeting, "d" * 64, "r.txt", ".txt", "2024-01-01T00:00:00.000Z",
        "2024-02-01T00:00:00.000Z", ["abc", "déf"],
    )  # fmt: skip
    assert record.encoded(parsed.meeting_json) == dumps(record.to_doc())


def test_a_torn_source_copy_is_written_again(tmp_path: Path) -> None:
    """A source copy is synced once per slice: one torn by a crash before that is replaced."""
    store = Store.open(tmp_path / "db" / "store.json", seed_samples=False)
    release = write_release(tmp_path, "r.txt")
    data = release.read_bytes()
    torn = store.corpus.source_path(sha256(data), ".txt")
    torn.parent.mkdir(parents=True, exist_ok=True)
    torn.write_bytes(data[: len(data) // 2])
    [result] = store.import_paths([release])
    assert result.outcome == "added"
    assert torn.read_bytes() == data
    assert store.source_text(result.meeting_id or "") == data.decode("utf-8")
