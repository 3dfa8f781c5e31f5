"""``coop-tui source ID``: the passage of the stored release a commitment, an area or a
meeting came from, its lines marked ``>>`` with their numbers, a few lines around it;
``--json`` for scripts; one line and exit 2 for a bad ID or a lost source. Run as a
user runs it (a subprocess)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from store_support import AREAS, one_error, release_text, run_cli

from store import Store

CAPTION = "Source: Testland Daily, a photo of the delegates"


def lines_of(text: str) -> list[str]:
    return text.split("\n")


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, str]:
    """A store with one release (a caption among its commitments); and the release."""
    text = release_text().replace(AREAS["Aviation"][0], f"{CAPTION}\n\n{AREAS['Aviation'][0]}")
    (tmp_path / "release.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "db" / "store.json"
    store = Store.open(path, seed_samples=False)
    assert [r.outcome for r in store.import_paths([tmp_path / "release.txt"])] == ["added"]
    return path, text


def ids(path: Path) -> dict[str, str]:
    """Each commitment's and area's text → its ID."""
    found = {}
    for meeting in Store.open(path).meetings():
        found[meeting.date or ""] = meeting.id
        for area in meeting.areas:
            found[area.name] = area.id
            for c in area.commitments:
                found[c.text] = c.id
    return found


def marked(out: str) -> list[tuple[int, str]]:
    """(line number, text) of the lines marked ``>>``."""
    found = []
    for line in out.splitlines()[1:]:
        gutter, _bar, rest = line.partition(" │ ")
        if gutter.startswith(">>"):
            found.append((int(gutter[2:]), rest))
    return found


def shown(out: str) -> list[int]:
    return [int(line.partition(" │ ")[0][2:]) for line in out.splitlines()[1:]]


def test_a_commitments_lines_are_marked_with_their_numbers_and_context(
    db: tuple[Path, str],
) -> None:
    path, text = db
    commitment = AREAS["Aviation"][1]
    done = run_cli("--db", path, "source", ids(path)[commitment][:6], timeout=120)
    assert done.returncode == 0, done.stderr
    number = lines_of(text).index(commitment) + 1
    assert marked(done.stdout) == [(number, commitment)]
    assert shown(done.stdout) == list(range(number - 3, number + 4))  # 3 lines either side
    assert done.stdout.splitlines()[0] == f"release.txt  lines {number}–{number}"
    assert "\x1b[" not in done.stdout  # piped: no styles, the gutter says it


def test_context_lines_and_json(db: tuple[Path, str]) -> None:
    path, text = db
    commitment = AREAS["Finance"][0]
    cid = ids(path)[commitment]
    done = run_cli("--db", path, "source", cid, "--context", "0", timeout=120)
    number = lines_of(text).index(commitment) + 1
    assert shown(done.stdout) == [number]
    done = run_cli("--db", path, "source", cid, "-C", "1", "--json", timeout=120)
    data = json.loads(done.stdout)
    assert set(data) == {"id", "meeting_id", "start", "end", "text", "before", "after"}
    assert data["id"] == cid and data["meeting_id"] == ids(path)["2024-05-01"]
    assert data["text"] == commitment == text[data["start"] : data["end"]]
    assert data["before"] == "\n"  # the blank line before (the heading's underline above it)
    assert text[data["end"] :].startswith(data["after"]) and data["after"] == "\n"


def test_an_area_and_a_meeting_by_their_whole_span(db: tuple[Path, str]) -> None:
    path, text = db
    done = run_cli("--db", path, "source", ids(path)["Aviation"], "-C", "0", timeout=120)
    marks = marked(done.stdout)
    assert marks[0] == (lines_of(text).index("Aviation") + 1, "Aviation")
    assert marks[-1][1] == AREAS["Aviation"][-1]
    assert (lines_of(text).index(CAPTION) + 1, CAPTION) in marks  # within its span
    done = run_cli("--db", path, "source", "2024-05-01", "--json", timeout=120)
    data = json.loads(done.stdout)
    assert data["text"].startswith("Hong Kong and Testland hold first co-operation conference")
    assert data["text"].endswith("Ends")


def test_the_text_of_an_html_release_is_its_readable_text(tmp_path: Path) -> None:
    page = (
        "<html><head><title>T</title><script>var x = '<p>no</p>';</script></head><body>"
        "<nav>Home</nav><h1>Hong Kong and Testland hold first co-operation conference</h1>"
        "<p>2024-05-01</p><p>Hong Kong and Testland reached consensus on the following 2 "
        "co-operation areas:</p><h2>Finance</h2><p>Encourage <b>Testland</b> enterprises "
        "to list in Hong Kong.</p><h2>Aviation</h2><p>Increase the frequency of direct "
        "flights.</p><p>Ends</p></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    path = tmp_path / "store.json"
    Store.open(path, seed_samples=False).import_paths([tmp_path / "page.html"])
    cid = ids(path)["Encourage Testland enterprises to list in Hong Kong."]
    done = run_cli("--db", path, "source", cid, timeout=120)
    assert done.returncode == 0, done.stderr
    assert marked(done.stdout)[0][1] == "Encourage Testland enterprises to list in Hong Kong."
    assert "## Finance" in done.stdout and "<" not in done.stdout and "Home" not in done.stdout


def test_a_bidi_override_in_the_source_is_shown_as_its_code(tmp_path: Path) -> None:
    areas = {
        "Finance": ["Encourage Testland enterprises to list \u202ein Hong Kong.", "Support x."],
        "Aviation": ["Increase the frequency of direct flights."],
    }
    (tmp_path / "r.txt").write_text(release_text(areas), encoding="utf-8")
    path = tmp_path / "store.json"
    Store.open(path, seed_samples=False).import_paths([tmp_path / "r.txt"])
    cid = next(i for t, i in ids(path).items() if t.startswith("Encourage"))
    done = run_cli("--db", path, "source", cid, timeout=120)
    assert "\u202e" not in done.stdout and "⟨RLO⟩in Hong Kong" in done.stdout
    done = run_cli("--db", path, "source", cid, "--json", timeout=120)
    assert "\u202e" not in done.stdout and "\\u202e" in done.stdout
    assert "\u202e" in json.loads(done.stdout)["text"]  # the text itself, read back


def test_a_bad_or_ambiguous_id_and_a_lost_source_are_one_line_errors(
    db: tuple[Path, str],
) -> None:
    path, _text = db
    one_error(run_cli("--db", path, "source", "zzzz", timeout=120), "no meeting", "'zzzz'")
    one_error(run_cli("--db", path, "source", " ", timeout=120), "give a")
    prefixes = [i[:1] for i in ids(path).values()]
    shared = next(p for p in prefixes if prefixes.count(p) > 1)
    one_error(run_cli("--db", path, "source", shared, timeout=120), "ambiguous")
    one_error(run_cli("--db", path, "source", "x", "-C", "-1", timeout=120), "-C/--context")
    shutil.rmtree(path.with_name("store.sources"))
    line = one_error(
        run_cli("--db", path, "source", ids(path)["Aviation"], timeout=120), "cannot be read"
    )
    assert "import the document again" in line


def test_corrections_made_in_the_store_are_found_in_the_source(db: tuple[Path, str]) -> None:
    """A split commitment's second part, a merged one (both paragraphs), an excluded one
    and one added from the caption: each is found where its text is."""
    path, text = db
    store = Store.open(path)
    found = ids(path)
    first, second = AREAS["Finance"]
    cut = first.index("and to issue")
    _kept, new = store.split_commitment(found[first], "and to issue")
    store.merge_commitments(found[AREAS["Aviation"][0]], found[AREAS["Aviation"][1]])
    store.exclude_commitment(found[second])
    (added,) = store.add_commitment(found["Aviation"], CAPTION)
    numbers = {t: lines_of(text).index(t) + 1 for t in (first, second, CAPTION, *AREAS["Aviation"])}

    def source(target: str) -> tuple[list[tuple[int, str]], dict[str, object]]:
        shown = run_cli("--db", path, "source", target, "-C", "0", timeout=120)
        as_json = run_cli("--db", path, "source", target, "--json", timeout=120)
        assert shown.returncode == 0 == as_json.returncode, (shown.stderr, as_json.stderr)
        return marked(shown.stdout), json.loads(as_json.stdout)

    marks, data = source(new)
    assert marks == [(numbers[first], first)] and data["text"] == first[cut:]
    marks, data = source(found[AREAS["Aviation"][0]])
    assert (marks[0][0], marks[-1][0]) == (
        numbers[AREAS["Aviation"][0]],
        numbers[AREAS["Aviation"][1]],
    )
    assert str(data["text"]).startswith(AREAS["Aviation"][0])
    assert str(data["text"]).endswith(AREAS["Aviation"][1])
    marks, data = source(found[second])
    assert marks == [(numbers[second], second)]
    marks, data = source(added)
    assert marks == [(numbers[CAPTION], CAPTION)] and data["text"] == CAPTION
