"""A large store file is decoded a slice at a time (``store.jsonload``): the result must
be exactly ``json.loads``'s, whatever the tables hold, and the checks must still refuse
what they refuse for a file decoded whole."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import jsonload

# Text that may hold what the cut looks for, inside strings: quotes, braces, commas,
# digits, backslashes.
_tricky = st.text(alphabet=st.sampled_from(list('abc},"{:\\0123 é\u202e\U0001f600')), max_size=30)
_leaf = st.one_of(st.none(), st.booleans(), st.integers(), _tricky)
_value = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(_tricky, st.integers(0, 99).map(str)), inner, max_size=4),
    ),
    max_leaves=12,
)
_record = st.dictionaries(st.sampled_from(["target", "text", "history", "7", "12"]), _value)
_table = st.lists(_record, max_size=30).map(lambda rs: {str(i): r for i, r in enumerate(rs, 1)})
_document = st.dictionaries(
    st.sampled_from(["_meta", "targets", "notes", "corrections", "log"]), _table, min_size=1
)


@settings(max_examples=150, deadline=None)
@given(doc=_document, slice_chars=st.integers(1, 400), spaced=st.booleans())
def test_a_document_decoded_in_slices_is_the_same(
    doc: dict[str, Any], slice_chars: int, spaced: bool
) -> None:
    separators = (", ", ": ") if spaced else (",", ":")
    text = json.dumps(doc, ensure_ascii=False, separators=separators)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jsonload, "SLICE_CHARS", slice_chars)
        found = jsonload.loads(text.encode("utf-8"))
    assert found == json.loads(text)
    assert list(found) == list(json.loads(text))  # the tables in the file's order


def test_the_slices_are_really_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table of many records is cut (the decoder is called a piece at a time), and a
    table that ends and another that begins within one piece are both kept."""
    doc = {
        "_meta": {"1": {"app": "coop-tui"}},
        "targets": {str(i): {"target": f"t{i}", "note": '},"9":{'} for i in range(1, 200)},
        "notes": {str(i): {"text": "x" * 40} for i in range(1, 50)},
    }
    text = json.dumps(doc, separators=(",", ":"))
    pieces: set[str] = set()
    real = json.JSONDecoder.raw_decode

    def counted(self: json.JSONDecoder, s: str, idx: int = 0) -> Any:
        pieces.add(s)
        return real(self, s, idx)

    monkeypatch.setattr(jsonload, "SLICE_CHARS", 500)
    monkeypatch.setattr(json.JSONDecoder, "raw_decode", counted)
    assert jsonload.loads(text.encode()) == doc
    assert len(pieces) > 10 and max(map(len, pieces)) < 1000


def test_nesting_too_deep_is_refused_in_a_slice(monkeypatch: pytest.MonkeyPatch) -> None:
    deep: Any = "x"
    for _ in range(jsonload.MAX_DEPTH + 5):
        deep = [deep]
    doc = {"targets": {str(i): {"v": deep if i == 40 else i} for i in range(1, 80)}}
    monkeypatch.setattr(jsonload, "SLICE_CHARS", 300)
    with pytest.raises(jsonload.JSONRefused, match="nested more than"):
        jsonload.loads(json.dumps(doc).encode())


def test_a_broken_document_is_still_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps({"targets": {str(i): {"v": i} for i in range(1, 80)}})
    monkeypatch.setattr(jsonload, "SLICE_CHARS", 200)
    with pytest.raises(ValueError):
        jsonload.loads(text[:-1].encode())  # the closing brace lost
    with pytest.raises(ValueError):
        jsonload.loads((text[:300] + text[310:]).encode())  # a piece cut out


@pytest.mark.parametrize(
    "text",
    [
        '{"a":{"1":{"v":1},"2":{"v":2}},"b":{"1":{}},"a":{"1":{"w":1},"2":{"w":2},"3":{"w":3}}}',
        '{"a":{"1":{"v":1},"2":{"v":2},"3":{"v":3}},"a":{"1":{"w":1},"2":{"w":2}}}',
    ],
)
def test_a_table_named_twice_is_decoded_as_json_does(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonload, "SLICE_CHARS", 12)
    assert jsonload.loads(text.encode()) == json.loads(text)


def test_each_table_is_passed_through_tables_a_piece_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = {
        "_meta": {"1": {"app": "coop-tui"}},
        "targets": {str(i): {"n": i} for i in range(1, 300)},
        "notes": {str(i): {"m": i} for i in range(1, 30)},
    }
    text = json.dumps(doc, separators=(",", ":"))
    seen: list[tuple[str, int]] = []

    def tables(name: str, records: dict[str, Any]) -> dict[str, Any]:
        seen.append((name, len(records)))
        return {key: ("kept", value) for key, value in records.items()}

    monkeypatch.setattr(jsonload, "SLICE_CHARS", 400)
    found = jsonload.loads(text.encode(), tables=tables)
    assert found == {name: {k: ("kept", v) for k, v in t.items()} for name, t in doc.items()}
    assert sum(n for name, n in seen if name == "targets") == 299
    assert max(n for name, n in seen if name == "targets") < 100  # a piece at a time
    monkeypatch.setattr(jsonload, "SLICE_CHARS", 10**9)  # decoded whole: the same
    assert jsonload.loads(text.encode(), tables=tables) == found
