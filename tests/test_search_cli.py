"""``coop-tui search``: ranked results from the model layer's search engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_support import write_release

from store import Store
from tui.cli import main

EXACT = "Jointly issue green bonds in the Hong Kong market to fund the two places' railways."
SCATTERED = (
    "Promote green energy in rural villages, and study whether municipal bonds could later "
    "pay for it."
)
LETTERS = "Grant regional events extra news coverage, and build on nearby design studios."
TYPO_TARGET = "Support enterprises in setting up treasury centres to manage their overseas funds."

AREAS = {
    "Finance": [SCATTERED, LETTERS, EXACT],
    "Treasury Management": [TYPO_TARGET],
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "store.json"
    store = Store.open(path, seed_samples=False)
    results = store.import_paths([write_release(tmp_path, areas=AREAS)])
    assert [r.outcome for r in results] == ["added"]
    note_target = next(c.id for m in store.meetings() for c in m.commitments if c.text == EXACT)
    store.add_note(note_target, "Ask the HKMA about the green bond grant scheme.")
    store.add_tags(note_target, ["climate finance"])
    return path


def search_json(db: Path, capsys: pytest.CaptureFixture[str], *query: str) -> list[dict]:
    capsys.readouterr()
    assert main(["--db", str(db), "search", *query, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_an_exact_phrase_beats_scattered_words_and_letters(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = search_json(db, capsys, "green bonds")
    texts = [r["text"] for r in results if r["kind"] == "commitment"]
    assert texts[0] == EXACT
    assert SCATTERED in texts  # both words, far apart: found, ranked below
    assert LETTERS not in texts  # the letters g-r-e-e-n in other words are no match
    scores = {r["text"]: r["score"] for r in results}
    assert scores[EXACT] > scores[SCATTERED]


def test_a_typo_still_finds_its_word(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for typo in ("treasurey", "tresury", "centers"):
        texts = [r["text"] for r in search_json(db, capsys, typo)]
        assert TYPO_TARGET in texts, typo


def test_prefixes_match_words_as_typed(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for prefix in ("tre", "treas", "treasury cen"):
        texts = [r["text"] for r in search_json(db, capsys, prefix)]
        assert TYPO_TARGET in texts, prefix


def test_json_shape(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = search_json(db, capsys, "green", "--limit", "50")
    assert results
    kinds = {r["kind"] for r in results}
    assert {"commitment", "note"} <= kinds
    keys = {"id", "kind", "score", "meeting_id", "context", "note_id", "text", "spans", "language"}
    for r in results:
        assert set(r) == keys
        assert r["language"] is None  # the text is the commitment's own, not a translation
        assert isinstance(r["id"], str) and len(r["id"]) == 12
        assert isinstance(r["score"], (int, float))
        assert isinstance(r["meeting_id"], str) and r["meeting_id"]
        assert isinstance(r["context"], str)
        assert (r["note_id"] is not None) == (r["kind"] == "note")
        for start, end in r["spans"]:
            assert r["text"][start:end].casefold().startswith("green")
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_limit_and_filters(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(search_json(db, capsys, "green", "--limit", "1")) == 1
    notes = search_json(db, capsys, "green", "kind:note")
    assert [r["kind"] for r in notes] == ["note"]
    tagged = search_json(db, capsys, "tag:climate")
    assert [r["text"] for r in tagged] == [EXACT]
    assert search_json(db, capsys, "green", "status:stalled") == []


def test_plain_output_is_literal(db: Path, tmp_path: Path, capsys) -> None:
    store = Store.open(db)
    target = store.meetings()[0].commitments[0].id
    store.add_note(target, "[bold red]green[/] \x1b[31mnot a colour\x1b[0m")
    capsys.readouterr()
    assert main(["--db", str(db), "search", "kind:note", "colour"]) == 0
    out = capsys.readouterr().out
    assert "[bold red]green[/]" in out
    assert "\x1b" not in out
    assert target in out


@pytest.mark.parametrize("query", ["", "   ", "status:", "--- ,"])
def test_an_empty_query_is_an_error(db: Path, capsys, query: str) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "search", query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coop-tui: ") and "search" in err
    assert len(err.strip().splitlines()) == 1


def test_no_query_at_all_is_a_usage_error(db: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db), "search"])
    assert exc.value.code == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (["status:bogus"], "status:bogus is not a status; use one of: not-rated, in-progress, "),
        (["green", "STATUS:Done"], "status:done is not a status; use one of: "),
        (["kind:bogus"], "kind:bogus is not a kind; use one of: commitment, area, tag, note"),
    ],
)
def test_an_invalid_filter_value_is_an_error_naming_the_valid_ones(
    db: Path, capsys: pytest.CaptureFixture[str], query: list[str], message: str
) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "search", *query]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"coop-tui: {message}")
    assert len(captured.err.splitlines()) == 1


def test_a_status_prefix_is_still_a_valid_filter(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", str(db), "search", "status:not", "kind:comm"]) == 0
    assert capsys.readouterr().err == ""
