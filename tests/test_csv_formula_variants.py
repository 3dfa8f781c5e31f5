"""A CSV cell is not a formula in any of the forms a spreadsheet takes for one: the
full-width ＝ ＋ － ＠, and a formula behind a byte-order mark or a zero-width space."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from store_support import new_store, run_cli

from sharing.data_export import csv_cell


@pytest.mark.parametrize(
    "text",
    [
        "＝1+1",
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\ufeff=1+1",
        "\u200b=1+1",
        "\u3000\u200d＝1",
        " \u2060@A1",
    ],
)
def test_formula_variants_get_the_quote(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["a＝1", "1－2", "x\ufeff=1", "\u200bplain"])
def test_text_that_is_no_formula_is_left_alone(text: str) -> None:
    assert csv_cell(text) == text


def test_a_full_width_tag_reaches_the_csv_as_text(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    cid = store.meetings()[0].commitments[0].id
    store.add_tags(cid, ['＝HYPERLINK("http://x")'])
    store.add_note(cid, "\ufeff=1+1")
    done = run_cli("--db", store.path, "export", "--format", "csv")
    assert done.returncode == 0, done.stderr
    row = next(r for r in csv.DictReader(io.StringIO(done.stdout)) if r["commitment_id"] == cid)
    assert row["tags"] == '\'＝HYPERLINK("http://x")'
    assert row["notes_text"] == "'\ufeff=1+1"
