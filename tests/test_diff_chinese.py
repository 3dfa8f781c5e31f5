"""The year diff of two Chinese meetings: a commitment carried over with a number or a
phrase changed is "reworded" (its changed characters marked), not dropped and new;
unrelated commitments of the genre stay apart (texts invented, in the style of
tests/test_diff_engine.py)."""

from __future__ import annotations

from test_diff_engine import changes, linked, meeting

from compare import Kind, diff_meetings

SCHOOLS_OLD = "鼓勵兩地小學結成友好學校，每年合辦不少於15次師生互訪活動。"
SCHOOLS_NEW = "鼓勵兩地小學結成友好學校，每年合辦不少於25次師生互訪活動。"
LAB_OLD = "推動兩地高校共建海洋科學聯合實驗室，聚焦深海探測。"
LAB_NEW = "推動兩地高校及研究院共建海洋科學聯合實驗室，聚焦深海探測及海洋生態保護。"
PORT_OLD = "支持寧波舟山港與香港港口加強集裝箱航線合作。"
PORT_NEW = "支持寧波舟山港與香港港口開通更多國際集裝箱航線，發展海鐵聯運。"
FILM = "共同舉辦兩地電影周，推廣優秀影視作品。"
CLINIC = "加強兩地在中醫藥診療及人才培訓方面的交流。"
BONDS = "鼓勵兩地企業在香港發行綠色債券，支持低碳項目融資。"
TEA = "聯合舉辦茶文化博覽會，推動龍井茶品牌走向國際。"


def test_chinese_continuations_are_reworded_not_dropped_and_new() -> None:
    old = meeting(
        "2024-09-12",
        {"教育": [SCHOOLS_OLD, LAB_OLD], "交通": [PORT_OLD], "文化": [FILM, CLINIC]},
        parties=("浙江", "香港"),
    )
    new = meeting(
        "2025-09-10",
        {"教育": [SCHOOLS_NEW, LAB_NEW], "交通": [PORT_NEW], "文化": [BONDS, TEA]},
        parties=("浙江", "香港"),
    )
    diff = diff_meetings(old, new)
    for before, after in [(SCHOOLS_OLD, SCHOOLS_NEW), (LAB_OLD, LAB_NEW), (PORT_OLD, PORT_NEW)]:
        change = linked(diff, before[:8], after[:8])
        assert change is not None and change.kind is Kind.REWORDED, before
    # unrelated commitments of the genre are not paired
    assert sorted(i.commitment.text for c in changes(diff, Kind.DROPPED) for i in c.a) == sorted(
        [FILM, CLINIC]
    )
    assert sorted(i.commitment.text for c in changes(diff, Kind.NEW) for i in c.b) == sorted(
        [BONDS, TEA]
    )


def test_a_changed_number_marks_only_the_number() -> None:
    old = meeting("2024-09-12", {"教育": [SCHOOLS_OLD, FILM]}, parties=("浙江", "香港"))
    new = meeting("2025-09-10", {"教育": [SCHOOLS_NEW, FILM]}, parties=("浙江", "香港"))
    (change,) = changes(diff_meetings(old, new), Kind.REWORDED)
    a, b = change.a[0], change.b[0]
    assert [a.commitment.text[s:e] for s, e in a.changed_ranges()] == ["15"]
    assert [b.commitment.text[s:e] for s, e in b.changed_ranges()] == ["25"]


def test_an_added_phrase_marks_its_characters() -> None:
    old = meeting("2024-09-12", {"教育": [LAB_OLD]}, parties=("浙江", "香港"))
    new = meeting("2025-09-10", {"教育": [LAB_NEW]}, parties=("浙江", "香港"))
    (change,) = changes(diff_meetings(old, new), Kind.REWORDED)
    b = change.b[0]
    marked = "".join(b.commitment.text[s:e] for s, e in b.changed_ranges())
    assert "及研究院" in marked and "海洋生態保護" in marked
    assert "聯合實驗室" not in marked
