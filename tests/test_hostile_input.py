"""Hostile input gets one line and exit 2, never a traceback, a hang or all the memory:
JSON nested too deep or holding lone surrogates, wherever coop-tui reads JSON (an
annotations export, a notes file, the store's own files), and paths that are not
regular files (a device behind a link, a named pipe) or that never end."""

from __future__ import annotations

import json
import os
import resource
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from parsers.reading import InputError, read_bounded
from store import Store, jsonload
from store.drafts import Drafts
from tests.store_support import release_text, run_cli
from tests.test_app_support import SIZE, app_for, settle

DEEP_ARRAY = "[" * 100_000
DEEP_OBJECT = '{"a":' * 100_000
#: A command that would read /dev/zero or wait on a pipe is stopped (and the test fails)
#: rather than left to eat the machine or hang the suite.
GUARD_SECONDS = 60
MEMORY_LIMIT = 3 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_guarded(*args: str | Path, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    """``coop-tui ARGS`` as ``run_cli`` runs it, with a timeout and a memory limit."""
    return run_cli(*args, timeout=GUARD_SECONDS, preexec_fn=_limit_memory, stdin=stdin)


def assert_refused(proc: subprocess.CompletedProcess[str], *names: str) -> None:
    assert proc.returncode == 2, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert lines, proc.stdout
    assert all(line.startswith("coop-tui: ") for line in lines), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    for name in names:
        assert name in proc.stderr


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.name != "store.lock"
    }


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "db" / "store.json"
    path.parent.mkdir()
    Store.open(path)
    return path


def first_commitment(path: Path) -> str:
    return Store.open(path).meetings()[0].areas[0].commitments[0].id


# -- JSON nested too deep, or not Unicode ---------------------------------------
def notes_file(target: str, front: str = "", note_meta: str = '{"id": "n1"}') -> str:
    return (
        f'---\ncoop-tui: "notes/2"\ntarget: "{target}"\nkind: "commitment"\n{front}---\n\n'
        f"<!-- coop-tui note {note_meta} -->\n````markdown\nhello\n````\n"
    )


ANNOTATION_FILES: dict[str, Callable[[str], tuple[str, str]]] = {
    "JSON export, arrays": lambda cid: ("in.json", DEEP_ARRAY),
    "JSON export, objects": lambda cid: ("in.json", DEEP_OBJECT + "1" + "}" * 100_000),
    "JSON export, one record": lambda cid: (
        "in.json",
        '{"coop-tui": "annotations", "format": 1, "annotations": [' + DEEP_ARRAY + "]}",
    ),
    "JSON export, lone surrogate": lambda cid: (
        "in.json",
        '{"coop-tui": "annotations", "format": 1, "annotations": [{"id": "' + cid + '", '
        '"kind": "commitment", "tags": ["\\ud800"]}]}',
    ),
    "notes file, front matter": lambda cid: ("n.md", notes_file(cid, "tags: " + DEEP_ARRAY + "\n")),
    "notes file, lone surrogate": lambda cid: ("n.md", notes_file(cid, 'tags: ["a\\udfff"]\n')),
    "notes file, a note": lambda cid: (
        "n.md",
        notes_file(cid, note_meta=DEEP_OBJECT + "1" + "}" * 100_000),
    ),
    "notes folder, front matter": lambda cid: (
        "dir/n.md",
        notes_file(cid, "history: " + DEEP_ARRAY + "\n"),
    ),
}


@pytest.mark.parametrize("case", list(ANNOTATION_FILES))
def test_hostile_json_in_annotations_is_refused_in_one_line(
    tmp_path: Path, store_path: Path, case: str
) -> None:
    name, text = ANNOTATION_FILES[case](first_commitment(store_path))
    source = tmp_path / name
    source.parent.mkdir(exist_ok=True)
    source.write_text(text, encoding="utf-8")
    before = snapshot(store_path.parent)
    given = source.parent if name.startswith("dir/") else source
    proc = run_cli("--db", store_path, "import-annotations", given)
    assert_refused(proc, str(source))
    assert snapshot(store_path.parent) == before
    assert source.read_text(encoding="utf-8") == text


def _nest_corpus_record(path: Path) -> None:
    lines = path.read_bytes().split(b"\n")
    key = lines[1].partition(b":")[0]
    lines[1] = key + b":" + DEEP_OBJECT.encode() + b"1" + b"}" * 100_000 + b","
    path.write_bytes(b"\n".join(lines))


STORE_FILES: dict[str, Callable[[Path], None]] = {
    "store.json": lambda db: (db / "store.json").write_text(DEEP_ARRAY, encoding="utf-8"),
    "store.json, objects": lambda db: (db / "store.json").write_text(
        DEEP_OBJECT + "1" + "}" * 100_000, encoding="utf-8"
    ),
    "journal line": lambda db: (db / "store.journal").write_bytes(
        (db / "store.journal").read_bytes() + DEEP_ARRAY.encode() + b"\n"
    ),
    "corpus": lambda db: (db / "store.corpus.json").write_text(DEEP_ARRAY, encoding="utf-8"),
    "corpus record": lambda db: _nest_corpus_record(db / "store.corpus.json"),
}


@pytest.mark.parametrize("case", list(STORE_FILES))
def test_a_store_file_nested_too_deep_is_refused_in_one_line(store_path: Path, case: str) -> None:
    STORE_FILES[case](store_path.parent)
    before = snapshot(store_path.parent)
    for command in (["list"], ["search", "Finance"], ["tag", "0", "x"]):
        proc = run_cli("--db", store_path, *command)
        assert_refused(proc, str(store_path.parent), "corrupt")
    assert snapshot(store_path.parent) == before


def _edit_json(path: Path, edit: Callable[[dict], object]) -> None:
    """Change the JSON of ``store.json``, or the first line (its _meta) of the corpus."""
    if path.name != "store.corpus.json":
        data = json.loads(path.read_bytes())
        edit(data)
        path.write_text(json.dumps(data), encoding="utf-8")
        return
    head, _, rest = path.read_bytes().partition(b"\n")
    data = json.loads(head.removesuffix(b',"meetings":{') + b"}")
    edit(data)
    head = json.dumps(data, separators=(",", ":")).encode()[:-1] + b',"meetings":{'
    path.write_bytes(head + b"\n" + rest)


WRONG_SHAPES: dict[str, Callable[[Path], None]] = {
    "_meta a list": lambda db: _edit_json(db / "store.json", lambda d: d.update(_meta=[1])),
    "generation text": lambda db: _edit_json(
        db / "store.json", lambda d: d["_meta"]["1"].update(generation="x")
    ),
    "generation 1e400": lambda db: (db / "store.json").write_bytes(
        (db / "store.json").read_bytes().replace(b'"generation":0', b'"generation":1e400')
    ),
    "notes a number": lambda db: _edit_json(db / "store.json", lambda d: d.update(notes=5)),
    "targets a list": lambda db: _edit_json(db / "store.json", lambda d: d.update(targets=[1])),
    "corpus schema 1e400": lambda db: (db / "store.corpus.json").write_bytes(
        (db / "store.corpus.json").read_bytes().replace(b'"schema":1,', b'"schema":1e400,', 1)
    ),
    "corpus schema text": lambda db: _edit_json(
        db / "store.corpus.json", lambda d: d["_meta"]["1"].update(schema="1")
    ),
    "corpus _meta text": lambda db: _edit_json(
        db / "store.corpus.json", lambda d: d["_meta"].update({"1": "x"})
    ),
}


def _edit_corpus_record(path: Path, old: bytes, new: bytes) -> None:
    """Replace ``old`` by ``new`` in the first meeting's record of a corpus."""
    lines = path.read_bytes().split(b"\n")
    assert old in lines[1]
    lines[1] = lines[1].replace(old, new, 1)
    path.write_bytes(b"\n".join(lines))


def _append_status_event(db: Path, change: str) -> None:
    target = first_commitment(db / "store.json")
    line = f'{{"op":"status","target":"{target}","change":{change}}}\n'
    with open(db / "store.journal", "a", encoding="utf-8") as journal:
        journal.write(line)


WRONG_SHAPES["journal, a status's source true"] = lambda db: _append_status_event(
    db, '{"status":"partial","at":"2024-01-01T00:00:00.000Z","source":true}'
)
WRONG_SHAPES["journal, a status's evidence 1e400"] = lambda db: _append_status_event(
    db, '{"status":"partial","at":"2024-01-01T00:00:00.000Z","evidence":1e400}'
)
WRONG_SHAPES.update(
    {
        f"corpus record, {name}": lambda db, old=old, new=new: _edit_corpus_record(
            db / "store.corpus.json", old, new
        )
        for name, old, new in (
            ("meeting a number", b'"meeting":{', b'"meeting":5,"m":{'),
            ("date a number", b'"date":"', b'"date":-1,"x":"'),
            ("place a list", b'"place":"', b'"place":[],"x":"'),
            ("area count 1e400", b'"stated_area_count":', b'"stated_area_count":1e400,"x":'),
        )
    }
)


@pytest.mark.parametrize("case", list(WRONG_SHAPES))
def test_a_store_file_of_the_wrong_shape_is_refused_in_one_line(
    store_path: Path, case: str
) -> None:
    WRONG_SHAPES[case](store_path.parent)
    before = snapshot(store_path.parent)
    for command in (["list"], ["tag", "0", "x"], ["export", "-o", store_path.parent / "x.csv"]):
        proc = run_cli("--db", store_path, *command)
        assert_refused(proc, str(store_path.parent))
    assert snapshot(store_path.parent) == before


async def test_the_app_refuses_a_store_nested_too_deep(store_path: Path) -> None:
    store_path.write_text(DEEP_ARRAY, encoding="utf-8")
    app = app_for(store_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
    assert app.return_code == 2
    assert app.store_error is not None and str(store_path) in app.store_error
    assert "\n" not in app.store_error
    assert store_path.read_text(encoding="utf-8") == DEEP_ARRAY


def test_a_draft_nested_too_deep_is_reported_and_left(tmp_path: Path) -> None:
    (tmp_path / "d1.json").write_text(DEEP_ARRAY, encoding="utf-8")
    drafts, problems = Drafts(tmp_path).load()
    assert drafts == []
    assert len(problems) == 1 and "d1.json" in problems[0]
    assert (tmp_path / "d1.json").read_text(encoding="utf-8") == DEEP_ARRAY


@pytest.mark.parametrize("text", ["[]", '"a draft"', "1e400", "null"])
def test_a_draft_that_is_not_an_object_is_reported_and_left(tmp_path: Path, text: str) -> None:
    (tmp_path / "d1.json").write_text(text, encoding="utf-8")
    drafts, problems = Drafts(tmp_path).load()
    assert drafts == []
    assert len(problems) == 1 and "d1.json" in problems[0]
    assert (tmp_path / "d1.json").read_text(encoding="utf-8") == text


def test_json_loading_refuses_depth_and_surrogates_and_keeps_the_rest() -> None:
    depth = jsonload.MAX_DEPTH
    assert jsonload.loads("[" * depth + "]" * depth) is not None
    for bad in ("[" * (depth + 1) + "]" * (depth + 1), '["\\ud800"]', '{"\\udc00": 1}', DEEP_ARRAY):
        with pytest.raises(ValueError):
            jsonload.loads(bad)
    with pytest.raises(ValueError):
        jsonload.loads('"\xed\xa0\x80"'.encode("latin-1"))  # an encoded surrogate
    # brackets, quotes and backslashes inside strings are text, not nesting
    text = '["[[[[", "\\\\", "\\"[[[", {"a": "]]]]{{{"}, "\\ud83d\\ude00"]'
    assert jsonload.loads(text) == ["[[[[", "\\", '"[[[', {"a": "]]]]{{{"}, "\U0001f600"]


# -- paths that are not regular files, or never end ---------------------------
@pytest.fixture
def zero(tmp_path: Path) -> Path:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    link = tmp_path / "release.txt"
    link.symlink_to("/dev/zero")
    return link


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes")
    path = tmp_path / "release.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("kind", ["zero", "fifo"])
@pytest.mark.parametrize("command", ["parse", "import", "import-annotations", "import-md"])
def test_a_device_or_a_pipe_named_on_the_command_line_is_refused(
    request: pytest.FixtureRequest, tmp_path: Path, store_path: Path, kind: str, command: str
) -> None:
    path: Path = request.getfixturevalue(kind)
    if command == "import-md":
        path = path.rename(path.with_suffix(".md"))
        command = "import-annotations"
    before = snapshot(store_path.parent)
    proc = run_guarded("--db", store_path, command, path)
    assert_refused(proc, str(path), "not a file")
    assert snapshot(store_path.parent) == before


@pytest.mark.parametrize("kind", ["zero", "fifo"])
def test_a_device_or_a_pipe_in_an_imported_folder_is_skipped_and_named(
    request: pytest.FixtureRequest, tmp_path: Path, store_path: Path, kind: str
) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    (folder / "a-release.txt").write_text(release_text(), encoding="utf-8")
    special: Path = request.getfixturevalue(kind)
    special = special.rename(folder / "b-release.txt")
    proc = run_guarded("--db", store_path, "import", folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "1 added" in proc.stdout  # the real release, not held up by the other
    skipped = next(line for line in proc.stdout.splitlines() if line.startswith("skipped"))
    assert "b-release.txt" in skipped  # said, not passed over in silence


@pytest.mark.parametrize("kind", ["zero", "fifo"])
@pytest.mark.parametrize("name", ["store.json", "store.journal", "store.corpus.json"])
def test_a_store_file_that_is_a_device_or_a_pipe_is_refused(
    store_path: Path, kind: str, name: str
) -> None:
    target = store_path.parent / name
    target.unlink()
    if kind == "zero":
        target.symlink_to("/dev/zero")
    else:
        os.mkfifo(target)
    proc = run_guarded("--db", store_path, "list")
    assert_refused(proc, "not a file")


def test_a_note_on_endless_standard_input_is_refused(store_path: Path) -> None:
    cid = first_commitment(store_path)
    before = snapshot(store_path.parent)
    with open("/dev/zero", "rb") as endless:
        proc = run_guarded("--db", store_path, "note", cid, "-", stdin=endless.fileno())
    assert_refused(proc, "standard input")
    assert snapshot(store_path.parent) == before


def test_reading_stops_at_the_limit_whatever_the_size_says(tmp_path: Path) -> None:
    proc_file = Path("/proc/self/maps")  # a regular file that says it is empty
    if proc_file.exists():
        assert proc_file.stat().st_size == 0
        with pytest.raises(InputError, match="too large"):
            read_bounded(proc_file, 100)
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 10)
    assert read_bounded(small, 10) == b"x" * 10
    with pytest.raises(InputError, match="too large"):
        read_bounded(small, 9)
    with pytest.raises(InputError, match="is a folder"):
        read_bounded(tmp_path, 100)


def test_a_file_name_that_is_not_utf8_is_imported_and_shown(tmp_path: Path) -> None:
    db = tmp_path / "db" / "store.json"
    name = os.fsdecode(b"release-\xff.txt")  # Python keeps the byte as a lone surrogate
    (tmp_path / name).write_text(release_text(), encoding="utf-8")

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        strict = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
        return run_cli("--db", db, *args, errors="replace", env=strict)

    imported = run("import", "--create", tmp_path / name)
    assert imported.returncode == 0, imported.stderr[-2000:]
    assert "added" in imported.stdout
    assert run("list").returncode == 0
    exported = run("export", "--format", "csv", "-o", tmp_path / "out.csv")
    assert exported.returncode == 0, exported.stderr[-2000:]
    parsed = run("parse", "--json", tmp_path / name)
    assert parsed.returncode == 0, parsed.stderr[-2000:]
    assert '"source": "release-\ufffd.txt"' in parsed.stdout


def test_a_change_is_not_held_up_by_a_named_pipe_as_the_journals_mark(store_path: Path) -> None:
    mark = store_path.parent / "store.journal.mark"
    mark.unlink()
    os.mkfifo(mark)
    proc = run_guarded("--db", store_path, "tag", first_commitment(store_path), "checked")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "checked" in run_cli("--db", store_path, "show", first_commitment(store_path)).stdout


@pytest.mark.parametrize(
    "command",
    [
        ["import"],
        ["import-annotations"],
        ["export", "-o"],
        ["export", "--format", "notes-dir", "-o"],
    ],
)
def test_a_path_the_system_refuses_is_refused_in_one_line(
    tmp_path: Path, store_path: Path, command: list[str]
) -> None:
    too_long = tmp_path / ("a" * 5000)  # longer than any file system allows a name
    before = snapshot(store_path.parent)
    proc = run_cli("--db", store_path, *command, too_long)
    assert_refused(proc, "a" * 200)
    assert "too long" in proc.stderr
    assert snapshot(store_path.parent) == before


def test_a_store_path_the_system_refuses_is_refused_in_one_line(tmp_path: Path) -> None:
    too_long = tmp_path / ("a" * 5000) / "store.json"
    for command in (["list"], ["init"]):
        assert_refused(run_cli("--db", too_long, *command), "a" * 200)


def test_a_link_loop_named_to_import_says_so(tmp_path: Path, store_path: Path) -> None:
    (tmp_path / "one").symlink_to(tmp_path / "two")
    (tmp_path / "two").symlink_to(tmp_path / "one")
    proc = run_cli("--db", store_path, "import", tmp_path / "one")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "symbolic links" in proc.stdout + proc.stderr
    assert "no such file" not in proc.stdout + proc.stderr


def test_a_release_just_over_the_limit_says_by_how_much(tmp_path: Path) -> None:
    from parsers import parse_file
    from parsers.reading import MAX_BYTES

    big = tmp_path / "big.txt"
    big.write_bytes(b"a " * (MAX_BYTES // 2) + b"a")
    with pytest.raises(InputError) as refused:
        parse_file(big)
    message = str(refused.value)
    assert f"({MAX_BYTES + 1:,} bytes; at most {MAX_BYTES:,} bytes)" in message
    with open(big, "r+b") as handle:
        handle.truncate(MAX_BYTES * 2)
    with pytest.raises(InputError, match=r"\(40 MB; at most 20 MB\)"):  # as docs/store.md
        parse_file(big)


def test_a_text_over_its_limit_is_refused_after_its_first_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The larger limit of a PDF or Word file does not make a large text be read whole
    before it is refused: its first bytes say it is text, and its size is checked then."""
    import parsers.reading as reading
    from parsers import parse_file

    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.write(b"Hubei and Macao ")
        handle.truncate(60 << 20)
    read: list[int] = []
    real_read = os.read

    def counted(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(reading.os, "read", counted)
    with pytest.raises(InputError, match=r"\(60 MB; at most 20 MB\)"):
        parse_file(big)
    assert sum(read) <= reading.HEAD_BYTES
