"""Chinese progress reports: releases of a working meeting (工作會議/工作会议) that review
co-operation area by area, as ``parsers.progress`` reads English ones.

After an introduction (who met, "有關進展及未來合作方向載列如下："), the release sets out,
under a heading per area, prose paragraphs reporting progress or plans ("過去一年，…",
"雙方將…"), and ends with closing remarks ("雙方同意於今年下半年舉行…第七次會議", "…出席會議").

What is read here (``zh_structure`` puts it together): whether a release is one (a word of
the family in its title or introduction and a lead-in sentence ending "如下：" before the
first heading: ``lead_in``), and where its closing remarks start (``closing_start``). Its
areas are the headed sections after the lead-in, every paragraph an item; its introduction
and closing remarks are context; its kind is "progress report"; no count of areas is
expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parsers.blocks import Block

#: Words that say a release reviews progress or sets a work plan.
PROGRESS_SIGNAL = re.compile(
    r"工作會議|工作会议|工作計劃|工作计划|工作計畫|工作要點|工作要点|進展|进展|全體會議|全体会议|"
    r"合作方向|落實情況|落实情况|推進情況|推进情况|工作成果"
)
#: A lead-in sentence: "有關進展及未來合作方向載列如下：", "主要合作成果如下：".
LEAD_IN = re.compile(r"(?:載列|载列|臚列|胪列|列舉|列举|概述|簡述|简述)?如下\s*[：:]\s*$")
#: A closing remark: the next meeting, who attended, what else the two sides reviewed.
CLOSING_REMARK = re.compile(
    r"(?:第[一二三四五六七八九十0-9０-９]{1,3}次|下次|下一次|下屆|下届|明年的|下半年).{0,12}(?:會議|会议)|"
    r"出席|列席|陪同|亦回顧|亦回顾|還回顧|还回顾"
)


def lead_in(blocks: list[Block], is_heading: Callable[[Block], bool]) -> int | None:
    """The index of a progress report's lead-in sentence: the first paragraph ending
    "如下：" right before a heading, in a release whose title or introduction (up to that
    sentence) says it reviews progress; None if the release is not one."""
    for i, b in enumerate(blocks[:-1]):
        if b.kind in ("para", "item") and LEAD_IN.search(b.text) and is_heading(blocks[i + 1]):
            if any(PROGRESS_SIGNAL.search(x.text) for x in blocks[: i + 1]):
                return i
            return None
    return None


def closing_start(paras: list[Block]) -> int:
    """Where the closing remarks at the end of the last area's paragraphs start (never
    at its first paragraph): ``len(paras)`` if it ends with none."""
    start = len(paras)
    while start > 1 and CLOSING_REMARK.search(paras[start - 1].text):
        start -= 1
    return start
