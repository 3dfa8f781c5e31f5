"""A meeting named with full-width digits or letters (as a CJK input method types
them) is named as with ASCII ones."""

from __future__ import annotations

from dataclasses import dataclass

from parsers.naming import find_meeting


@dataclass(frozen=True)
class Named:
    id: str
    date: str | None
    parties: tuple[str, ...]
    place: str | None = None
    title: str = ""


MEETINGS = [
    Named("4420f466fb7c", "2023-06-26", ("Hong Kong", "Zhejiang")),
    Named("87fc912e2a7c", "2024-05-01", ("Hong Kong", "Guangdong")),
    Named("d6d46b3830c7", "2024-04-24", ("Hong Kong", "Zhejiang")),
]


def test_full_width_years_dates_words_and_ids_name_the_meeting() -> None:
    assert find_meeting(MEETINGS, "２０２３").id == "4420f466fb7c"
    assert find_meeting(MEETINGS, "２０２４－０５").id == "87fc912e2a7c"
    assert find_meeting(MEETINGS, "２０２４ Ｚｈｅｊｉａｎｇ").id == "d6d46b3830c7"
    assert find_meeting(MEETINGS, "ｄ６ｄ４").id == "d6d46b3830c7"
