"""What a new user's trial of the Chinese releases found misread, each as the researcher
would notice it (the releases are invented: tests/zh_trial_fixtures.py)."""

from __future__ import annotations

import pytest
import zh_trial_fixtures as zt

from parsers.release import parse_text


@pytest.mark.parametrize("width", [20, 24, 28, 30, 36])
def test_hard_wrapped_plain_headings_indented_paragraphs(width: int) -> None:
    """Wrapped at 30 characters or fewer, a paragraph's lines that fill the width are not
    headings: the four plain headings name the areas, no commitment is cut."""
    m = parse_text(zt.gz_hk_wrapped(width), source="qian.txt")
    assert [a.name for a in m.areas] == [name for name, _ in zt.GZ_HK_AREAS]
    assert [[c.text for c in a.commitments] for a in m.areas] == [
        paras for _, paras in zt.GZ_HK_AREAS
    ]
    assert m.stated_area_count == 4
    assert [d.title for d in m.signed_documents] == ["黔港数字经济合作备忘录"]
