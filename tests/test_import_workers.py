"""The parse workers of ``coop-tui import`` never outlive it (issue 13, item 3).

A real import of many files runs in a subprocess; once its workers exist, the import
is killed (SIGKILL: it cannot clean up) or terminated (SIGTERM: it must end as Ctrl-C
does). No worker may be left running either way.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_support import ROOT, write_release

from store import Store
from store.parse_pool import Job, ParsedFile, ParsedFiles

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or (len(os.sched_getaffinity(0)) < 2),
    reason="needs /proc to find the workers, and two CPUs for the import to start workers",
)

FILES = 4000
WAIT = 60.0  # seconds: a bound on waiting for something that happens at once when right

#: ``coop-tui`` as the command line runs it; the second without the Linux parent-death
#: signal, so that the workers' own check for their parent is what ends them.
COOP_TUI = [sys.executable, "-m", "tui"]
WITHOUT_PDEATHSIG = [
    sys.executable,
    "-c",
    "import sys; from store import parse_pool; parse_pool._die_with_parent = lambda: None; "
    "from tui.cli import main; sys.exit(main(sys.argv[1:]))",
]


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None."""
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return data.rsplit(")", 1)[1].split()


def _children(pid: int) -> set[tuple[int, str]]:
    """The running child processes of ``pid``, each as (PID, start time)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and fields[1] == str(pid) and fields[0] != "Z":
                found.add((int(entry.name), fields[19]))
    return found


def _alive(processes: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """Those of ``processes`` still running (not gone, not a zombie, not a new process)."""
    alive = set()
    for pid, started in processes:
        fields = _stat(pid)
        if fields is not None and fields[0] != "Z" and fields[19] == started:
            alive.add((pid, started))
    return alive


def _until(condition):  # type: ignore[no-untyped-def]
    """Wait, within a generous bound, until ``condition()`` is true; return its value."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.01)
    return condition()


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many-releases")
    for n in range(FILES):
        write_release(
            folder,
            f"r{n:04d}.txt",
            title=f"Hong Kong and Place{n} hold a co-operation conference",
            date=f"{2000 + n % 25}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
        )
    return folder


def _ctrl_c_as_in_a_terminal() -> None:
    # a command started in the background (as the suite may be) ignores Ctrl-C
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_import(
    program: list[str], db: Path, releases: Path, stdout: int = subprocess.DEVNULL
) -> tuple[subprocess.Popen[str], set[tuple[int, str]]]:
    Store.open(db, seed_samples=False)  # a store to import into
    process = subprocess.Popen(
        [*program, "--db", str(db), "import", str(releases)],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )
    workers = _until(lambda: _children(process.pid) or process.poll() is not None)
    if not isinstance(workers, set):
        process.wait()
        pytest.fail("the import ended before its workers were seen")
    return process, workers


@pytest.mark.parametrize("program", [COOP_TUI, WITHOUT_PDEATHSIG], ids=["linux", "portable"])
def test_killed_import_leaves_no_worker(program: list[str], releases: Path, tmp_path: Path) -> None:
    process, workers = _start_import(program, tmp_path / "store.json", releases)
    # every worker forked by now (they are started together)
    workers |= _children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    _until(lambda: not _alive(workers))
    left = _alive(workers)
    for pid, _started in left:  # do not leave them behind after the test either
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} parse worker(s) still running after the import was killed"


def _finish(
    process: subprocess.Popen[str], workers: set[tuple[int, str]]
) -> tuple[str, set[tuple[int, str]]]:
    """The stopped import's standard error, and the workers still alive a while after it
    ended (killed, so nothing is left behind); a hung import fails the test."""
    try:
        _stdout, stderr = process.communicate(timeout=WAIT)
    except subprocess.TimeoutExpired:  # hung: leave nothing behind, and say so
        process.kill()
        for pid, _started in _alive(workers):
            os.kill(pid, signal.SIGKILL)
        pytest.fail("the import hung after it was told to stop")
    _until(lambda: not _alive(workers))
    left = _alive(workers)
    for pid, _started in left:
        os.kill(pid, signal.SIGKILL)
    return stderr, left


def test_terminated_import_ends_like_ctrl_c(releases: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.json"
    process, workers = _start_import(COOP_TUI, db, releases)
    workers |= _children(process.pid)
    process.send_signal(signal.SIGTERM)
    stderr, left = _finish(process, workers)
    assert not left, f"{len(left)} parse worker(s) still running after SIGTERM"
    assert process.returncode == 130, stderr  # as after Ctrl-C
    assert stderr.strip().splitlines()[-1] == "coop-tui: interrupted"
    assert "Traceback" not in stderr
    # the store is consistent: it opens, and importing again completes the import
    done = subprocess.run(
        [*COOP_TUI, "--db", str(db), "import", str(releases)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert f"{FILES} file(s)" in done.stdout
    assert "0 failed" in done.stdout


@pytest.mark.parametrize(
    "signals",
    [(signal.SIGINT, signal.SIGINT), (signal.SIGTERM, signal.SIGTERM)],
    ids=["ctrl-c twice", "sigterm twice"],
)
def test_a_second_interrupt_does_not_hang_the_import(
    signals: tuple[signal.Signals, ...], releases: Path, tmp_path: Path
) -> None:
    process, workers = _start_import(COOP_TUI, tmp_path / "store.json", releases)
    workers |= _children(process.pid)
    for number in signals:  # as a user pressing Ctrl-C again while it stops
        process.send_signal(number)
        time.sleep(0.01)
    stderr, left = _finish(process, workers)
    assert not left
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["coop-tui: interrupted"]


def test_parsing_goes_on_when_the_workers_are_killed(releases: Path) -> None:
    # more tasks than are queued at once, so that more are sent after the workers died
    jobs: list[Job] = [(path, None) for path in sorted(releases.iterdir())[:800]]
    with ParsedFiles(jobs) as parsed:
        assert parsed._pending, "no workers started"
        first_done = parsed._pending[0][1]
        _until(first_done.done)
        workers = _children(os.getpid())
        for pid, _started in workers:
            os.kill(pid, signal.SIGKILL)
        # the pool is broken once every queued task has failed; the first one had not
        _until(lambda: all(future.done() for _jobs, future in parsed._pending))
        results = list(parsed)
    assert len(results) == len(jobs)
    assert all(isinstance(r, ParsedFile) for r in results)
