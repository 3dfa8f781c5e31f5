"""A Chinese release (Traditional or Simplified) → one Meeting, as ``parsers.release``
does for English, with the same steps, model, IDs and warnings (the tool's own messages
stay English):

1. blocks from the cleaned text (``parsers.zh_blocks``);
2. the sentence stating the number of areas ("以下八個範疇", "十二个领域", "13個方面"):
   the areas start after it; without one, at the first heading followed by a paragraph
   that opens as a commitment does (支持, 推動, 鼓勵, 加強, 探索, 促進, 共同, 雙方 …);
3. the sections (heading + paragraphs) until the agreement ends: the closing 完, a
   heading of another kind (簽署儀式, 附件, 背景 …), narrative (someone 表示, 出席, 見證; 會上;
   雙方簽署了 …);
4. fewer sections than stated: headings were lost; sections are split where the topic
   changes (``parsers.zh_lexicon``) and each new group is named after its topic, in the
   release's script;
5. the date, place, parties, title and signed documents (``parsers.zh_metadata``).

The meeting's ID is made as for English, with the release's language as one more part
(an English and a Chinese release of one meeting never share an ID) and the parties by
``parsers.gazetteer.party_key``. Never raises: a text with no agreement gives no areas.
"""

from __future__ import annotations

import functools
import itertools
import re

from parsers.blocks import Block
from parsers.gazetteer import party_key
from parsers.model import Meeting
from parsers.model import meeting_id as model_meeting_id
from parsers.normalise import GlueFixer
from parsers.progress import PROGRESS_REPORT
from parsers.release import Layout, Section, Structure, _build_areas, structure_warnings
from parsers.zh_blocks import (
    DATE_LINE,
    ZH_HEADING_NUMBER,
    heading_name,
    to_zh_blocks,
    zh_heading_like,
)
from parsers.zh_lexicon import zh_scores, zh_topic_name, zh_topic_of_heading
from parsers.zh_metadata import (
    find_zh_date,
    find_zh_parties,
    find_zh_place,
    find_zh_signed,
    find_zh_title,
)
from parsers.zh_numerals import NUMBER, chinese_number
from parsers.zh_progress import closing_start, lead_in

#: Verbs a commitment opens with.
VERBS = tuple(
    (
        "支持 推動 推动 鼓勵 鼓励 加強 加强 探索 探討 探讨 促進 促进 共同 深化 推進 推进 深入 "
        "擴大 扩大 拓展 建立 完善 發揮 发挥 開展 开展 積極 积极 進一步 进一步 落實 落实 強化 强化 "
        "提升 打造 優化 优化 充分 持續 持续 研究 舉辦 举办 設立 设立 構建 构建 繼續 继续 聯合 联合 "
        "引導 引导 協助 协助 加快 加大 共建 助力 吸引 培育 用好 利用 依托 組織 组织 定期 做好 "
        "實施 实施 攜手 携手 合力 協同 协同 互相 相互 便利 推廣 推广 發展 发展 建設 建设"
    ).split()
)
#: Subjects a commitment opens with ("雙方將…", "兩地政府…").
SUBJECTS = ("雙方", "双方", "兩地", "两地", "兩省", "两省", "兩區", "两区", "兩市", "两市")
#: The words a stated count is of ("八個範疇", "十二个领域").
STATED = re.compile(
    rf"(?P<n>{NUMBER.pattern})\s*(?:個|个|項|项|大)?\s*(?:合作|重點|重点|主要|優先|优先){{0,3}}\s*"
    r"(?:範疇|范畴|領域|领域|方面|範圍|范围|板塊|板块)"
)
_STATED_CONTEXT = re.compile(r"合作|以下|下列|如下|下述|[：:]\s*$")
STOP_HEADING = re.compile(
    r"簽署|签署|簽約|签约|儀式|仪式|附件|附錄|附录|背景|相片|圖片|图片|照片|聯絡|联络|查詢|查询|"
    r"傳媒|传媒|編者|编者|相關|相关|延伸閱讀|延伸阅读|視頻|视频"
)
NARRATIVE = re.compile(
    r"表示|指出|致辭|致辞|出席|見證|见证|陪同|會見|会见|今日|今天|會上|会上|會後|会后|"
    r"會議期間|会议期间|隨後|随后|記者|记者|分別代表|分别代表|率領|率领|率團|率团|主持"
)
_SIGNED = re.compile(
    r"(?:簽署|签署|簽訂|签订)(?:了)?.{0,30}(?:《|協議|协议|備忘錄|备忘录|協定|协定)"
)


def opens_commitment(text: str) -> bool:
    """Whether a paragraph opens as a commitment does (a verb, or 雙方/兩地 …)."""
    return text.startswith(VERBS) or text.startswith(SUBJECTS)


def _is_narrative(text: str) -> bool:
    if text.startswith(VERBS):
        return False
    return bool(NARRATIVE.search(text) or _SIGNED.search(text))


def _stated(blocks: list[Block]) -> tuple[int | None, int | None]:
    """(index of the block stating the area count, the count)."""
    for i, b in enumerate(blocks):
        if b.kind not in ("para", "item") or not _STATED_CONTEXT.search(b.text):
            continue
        for m in STATED.finditer(b.text):
            n = chinese_number(m.group("n"))
            if n is not None and 1 <= n <= 60:
                return i, n
    return None, None


def _is_heading(b: Block) -> bool:
    if b.kind == "heading":
        return True
    return b.kind in ("para", "item") and b.lines == 1 and zh_heading_like(b.text)


def _accept_heading(b: Block, strong_mode: bool) -> bool:
    if b.kind == "heading":
        return True
    if not _is_heading(b):
        return False
    return not strong_mode or (zh_topic_of_heading(b.text) is not None and len(b.text) <= 15)


def _walk(blocks: list[Block], start: int) -> tuple[list[Section], int]:
    """Sections from ``start`` (a heading with no paragraph of its own too: sub-headings
    may follow it), and the index of the block where they end."""
    first = [b for b in blocks[start:] if _is_heading(b)][:4]
    strong_mode = sum(1 for b in first if b.kind == "heading") >= 2
    sections = [Section(None)]
    i = start
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "end":
            break
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if _accept_heading(b, strong_mode):
            if STOP_HEADING.search(heading_name(b.text)):
                break
            if nxt is not None and nxt.kind in ("para", "item") and _is_narrative(nxt.text):
                break  # the title of another article
            sections.append(Section(b))
        elif b.kind in ("para", "item"):
            if _is_narrative(b.text) or DATE_LINE.match(b.text):
                break  # narrative, or the closing date line (no 完 before it)
            if strong_mode and _is_heading(b) and STOP_HEADING.search(b.text):
                break
            sections[-1].paras.append(b)
        i += 1
    return [s for s in sections if s.paras or s.heading is not None], i


def _looks_like_commitments(sections: list[Section]) -> bool:
    paras = [p for s in sections for p in s.paras]
    if len(sections) < 2 or not paras:
        return False
    return sum(1 for p in paras if opens_commitment(p.text)) >= 0.5 * len(paras)


def _first_heading(blocks: list[Block]) -> int | None:
    for i, b in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if (
            _is_heading(b)
            and nxt.kind in ("para", "item")
            and opens_commitment(nxt.text)
            and not _is_narrative(nxt.text)
        ):
            return i
    return None


def _heading_number(text: str) -> int | None:
    m = ZH_HEADING_NUMBER.match(text)
    if m is None:
        return None
    digits = re.sub(r"[^〇零一二兩两三四五六七八九十百0-9]", "", m.group(0))
    return chinese_number(digits)


def _numbering_gaps(sections: list[Section], stated: int) -> set[int] | None:
    """The sections a heading was lost in, by the headings' numbers (一、二、四、: one
    after 二); None when the headings are not consistently numbered."""
    numbers = [_heading_number(s.heading.text) if s.heading else None for s in sections]
    if len(sections) < 2 or any(n is None for n in numbers[1:]):
        return None
    known = [n for n in numbers if n is not None]
    if any(b <= a for a, b in itertools.pairwise(known)):
        return None
    after = [*known[1:], stated + 1]
    return {i for i, (a, b) in enumerate(zip(known, after, strict=True)) if b - a > 1} | (
        {0} if numbers[0] is None or numbers[0] > 1 else set()
    )


@functools.lru_cache(maxsize=4096)
def _scores(text: str) -> dict[str, float]:
    """``zh_scores`` of a paragraph, kept: each round of splits asks again."""
    return zh_scores(text)


def _total(vectors: list[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vectors:
        for k, x in v.items():
            out[k] = out.get(k, 0.0) + x
    return out


def _top(scores: dict[str, float]) -> str | None:
    return max(scores.items(), key=lambda kv: (kv[1], kv[0]))[0] if scores else None


def _segmentations(section: Section, most: int) -> list[tuple[float, list[int]]]:
    """For 0 … ``most`` splits of a section into groups of paragraphs, each about a topic
    of its own: (the gain in coherence over no split, where the groups start) — the best
    of all ways to split (not one split at a time, which cuts after the first paragraph
    that differs); a list shorter than ``most`` + 1 where another split gains nothing."""
    vectors = [_scores(p.text) for p in section.paras]
    heading = zh_topic_of_heading(section.heading.text) if section.heading else None
    n = len(vectors)

    topics = sorted({k for v in vectors for k in v} | ({heading} if heading else set()))
    prefix = [[0.0] * len(topics)]
    for v in vectors:
        prefix.append([x + v.get(t, 0.0) for x, t in zip(prefix[-1], topics, strict=True)])
    bonus = [1.0 if t == heading else 0.0 for t in topics]

    def cost(a: int, b: int) -> float:
        """How much of paras[a:b] is about its main topic (its total score; the heading's
        topic counts one paragraph's worth more in the first group)."""
        lo, hi = prefix[a], prefix[b]
        if a == 0:
            return max((h + x for h, x in zip(hi, bonus, strict=True)), default=0.0)
        return max((h - low for h, low in zip(hi, lo, strict=True)), default=0.0)

    # value[j][e]: the best coherence of paras[:e] in j + 1 groups; back[j][e]: where
    # its last group starts
    value = [[cost(0, e) if e else 0.0 for e in range(n + 1)]]
    back: list[list[int]] = [[0] * (n + 1)]
    out: list[tuple[float, list[int]]] = [(0.0, [])]
    for j in range(1, min(most, n - 1) + 1):
        row, starts = [0.0] * (n + 1), [0] * (n + 1)
        before = value[-1]
        for e in range(j + 1, n + 1):
            top, at = -1.0, j
            for c in range(j, e):  # a tie: the later start (a paragraph of no topic
                x = before[c] + cost(c, e)  # stays with the group before it)
                if x >= top - 1e-9:
                    top, at = max(x, top), c
            row[e], starts[e] = top, at
        value.append(row)
        back.append(starts)
        gain = row[n] - value[0][n]
        if gain <= out[-1][0] + 1e-9:
            break
        cuts, e = [], n
        for k in range(j, 0, -1):
            e = back[k][e]
            cuts.append(e)
        out.append((gain, cuts[::-1]))
    return out


def _topic_splits(
    sections: list[Section], missing: int, at: set[int] | None
) -> dict[int, list[int]]:
    """Where to split which sections, at most ``missing`` times in all, for the most
    coherence: {section index: where its new groups start}."""
    plans: list[list[tuple[float, list[int]]]] = [
        _segmentations(s, missing) if (not at or i in at) and len(s.paras) > 1 else [(0.0, [])]
        for i, s in enumerate(sections)
    ]
    # share the splits among the sections (few sections, few splits: every share tried)
    shares: dict[int, tuple[float, dict[int, list[int]]]] = {0: (0.0, {})}
    for i, plan in enumerate(plans):
        nxt = dict(shares)
        for used, (gain, chosen) in shares.items():
            for k in range(1, len(plan)):
                if used + k > missing:
                    break
                total = gain + plan[k][0]
                if used + k not in nxt or total > nxt[used + k][0] + 1e-9:
                    nxt[used + k] = (total, {**chosen, i: plan[k][1]})
        shares = nxt
    top = max(shares.values(), key=lambda x: x[0])
    return top[1] if top[0] > 1e-9 else {}


#: Words every area's paragraphs use: no phrase an area is told or named by.
_GENERIC = frozenset(
    "兩地 两地 雙方 双方 合作 交流 支持 推動 推动 鼓勵 鼓励 加強 加强 促進 促进 共同 深化 "
    "推進 推进 開展 开展 方面 領域 领域 相關 相关 進一步 进一步 發展 发展 建設 建设 機制 机制 "
    "積極 积极 探索 人員 人员 工作 項目 项目 推廣 推广 提升 參與 参与 企業 企业 兩省 两省".split()
)
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_LONGEST_PHRASE = 8


def shared_phrase(texts: list[str], elsewhere: list[str]) -> str | None:
    """The longest run of Chinese characters (2 to 8) that every one of ``texts`` has
    and none of ``elsewhere`` (a word or phrase of their own: "規劃"), not a word every
    area uses (兩地, 合作 …); None if there is none."""
    if len(texts) < 2:
        return None
    first, others = texts[0], texts[1:]
    for size in range(_LONGEST_PHRASE, 1, -1):
        for run in _HAN_RUN.findall(first):
            for k in range(len(run) - size + 1):
                phrase = run[k : k + size]
                if (
                    phrase not in _GENERIC
                    and not any(g in phrase for g in ("兩地", "两地", "雙方", "双方"))
                    and all(phrase in t for t in others)
                    and not any(phrase in t for t in elsewhere)
                ):
                    return phrase
    return None


def _phrase_split(section: Section) -> tuple[float, int] | None:
    """Where a new group of paragraphs starts that shares a phrase the ones before it
    do not use (a topic the lexicon does not know): (the phrase's length, where)."""
    texts = [p.text for p in section.paras]
    head = [section.heading.text] if section.heading else []
    best: tuple[float, int] | None = None
    for gap in range(1, len(texts) - 1):
        phrase = shared_phrase(texts[gap : gap + 2], texts[:gap] + head)
        if phrase and (best is None or len(phrase) > best[0]):
            best = (float(len(phrase)), gap)
    return best


def _infer_missing(sections: list[Section], missing: int) -> list[Section]:
    """Split sections where lost headings stood: where the topic changes (the ways of
    splitting that leave each group most about one topic), else where a group of
    paragraphs sharing a phrase of their own starts, up to ``missing`` times; the
    sections the headings' numbering points at first."""
    at = _numbering_gaps(sections, missing + len(sections))
    splits = _topic_splits(sections, missing, at) or (
        _topic_splits(sections, missing, None) if at else {}
    )
    if splits:
        out: list[Section] = []
        for i, s in enumerate(sections):
            cuts = [0, *splits.get(i, []), len(s.paras)]
            for k, (a, b) in enumerate(itertools.pairwise(cuts)):
                out.append(Section(s.heading if k == 0 else None, s.paras[a:b]))
            missing -= len(splits.get(i, []))
        sections, at = out, None  # the sections moved: any may take a phrase split
    while missing > 0:
        options = [
            (found, i)
            for i, s in enumerate(sections)
            if (found := _phrase_split(s)) is not None and (not at or i in at)
        ]
        if not options:
            break
        (_, gap), i = max(options)
        s = sections[i]
        sections[i : i + 1] = [Section(s.heading, s.paras[:gap]), Section(None, s.paras[gap:])]
        missing -= 1
    return sections


def _name_sections(sections: list[Section], language: str) -> None:
    """Headed sections take their heading's name; the others a topic of the lexicon
    their paragraphs are about (in the release's script), else the phrase they share,
    else "Unnamed area N"."""
    used: set[str] = set()
    for s in sections:
        if s.heading is not None:
            s.name = heading_name(s.heading.text)
            used.add(zh_topic_of_heading(s.name) or s.name)
    unnamed = 0
    for s in sections:
        if s.heading is not None:
            continue
        s.inferred = True
        totals = _total([_scores(p.text) for p in s.paras])
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        topic = next((k for k, _ in ranked if k not in used), None)
        others = [p.text for o in sections if o is not s for p in o.paras]
        phrase = shared_phrase([p.text for p in s.paras], others) if topic is None else None
        if topic is not None:
            s.name = zh_topic_name(topic, language)
        elif phrase is not None:
            s.name = phrase
        else:
            unnamed += 1
            s.name = f"Unnamed area {unnamed}"
        used.add(topic or s.name)


#: The numbering styles of headings: 一、 （一） 第一部分 【】 1. （1）.
_STYLES = [
    re.compile(r"^[〇零一二兩两三四五六七八九十百]+\s*[、.．]"),
    re.compile(r"^[（(]\s*[〇零一二兩两三四五六七八九十百]+\s*[）)]"),
    re.compile(r"^第"),
    re.compile(r"^【"),
    re.compile(r"^[0-9０-９]+\s*[、.．]"),
    re.compile(r"^[（(]\s*[0-9０-９]+\s*[）)]"),
]


def _style(section: Section) -> int | None:
    """Which numbering style a section's heading has (len(_STYLES): none)."""
    if section.heading is None:
        return None
    text = section.heading.text
    return next((i for i, p in enumerate(_STYLES) if p.match(text)), len(_STYLES))


def _fold_subheadings(sections: list[Section], stated: int) -> list[Section]:
    """More sections than stated, under headings of two styles (一、 over （一）): when the
    first heading's style counts as many as stated, the others are sub-headings and
    their paragraphs belong to the area above them."""
    styles = [_style(s) for s in sections]
    top = next((st for st in styles if st is not None), None)
    if top is None or styles.count(top) != stated or len(set(styles) - {None}) < 2:
        return sections
    out: list[Section] = []
    for s, st in zip(sections, styles, strict=True):
        if st == top or not out:
            out.append(Section(s.heading, list(s.paras)))
        else:
            out[-1].paras.extend(s.paras)
    return out


def zh_structure(blocks: list[Block], language: str) -> Structure:
    """Where a Chinese release's parts are (``parsers.release.Structure``)."""
    stated_at, stated = _stated(blocks)
    start = stated_at + 1 if stated_at is not None else _first_heading(blocks)
    lead = None if stated_at is not None else lead_in(blocks, _is_heading)
    if lead is not None:
        return _progress_structure(blocks, lead, language)
    sections, end = _walk(blocks, start) if start is not None else ([], 0)
    if stated is not None and sum(1 for s in sections if s.paras) > stated:
        sections = _fold_subheadings(sections, stated)
    sections = [s for s in sections if s.paras]
    if not _looks_like_commitments(sections) and (stated_at is None or not sections):
        sections = []
    if stated is not None and 0 < len(sections) < stated:
        sections = _infer_missing(sections, stated - len(sections))
    _name_sections(sections, language)
    warnings: list[str] = []
    if stated_at is None and start is not None:  # areas found by their verbs: say so if a
        skipped = [  # heading like the areas' stands before the first one read
            heading_name(b.text)
            for i, b in enumerate(blocks[1:start], 1)
            if _is_heading(b)
            and b.kind == blocks[start].kind
            and blocks[i + 1].kind in ("para", "item")
            and not STOP_HEADING.search(b.text)
        ]
        if skipped:
            warnings.append(
                f"text under {', '.join(skipped)} before the first area read was left out "
                "(its paragraphs do not open as commitments do) — check it"
            )
    return Structure(stated_at, stated, start, sections, end, warnings=warnings)


def _progress_structure(blocks: list[Block], lead: int, language: str) -> Structure:
    """A progress report's parts (``parsers.zh_progress``): the headed sections after the
    lead-in sentence, every paragraph an item; the closing remarks after the last area's
    items are context. Not one unless two areas or more are found."""
    sections, end = _walk(blocks, lead + 1)
    sections = [s for s in sections if s.paras]
    if len(sections) < 2 or any(s.heading is None for s in sections):
        return Structure(None, None, lead + 1, [], end)
    last = sections[-1]
    cut = closing_start(last.paras)
    if cut < len(last.paras):
        end = next(i for i, b in enumerate(blocks) if b is last.paras[cut])
        last.paras = last.paras[:cut]
    _name_sections(sections, language)
    return Structure(None, None, lead + 1, sections, end, kind=PROGRESS_REPORT)


def _trailer(blocks: list[Block], end: int) -> int:
    for b in blocks[end:]:
        if b.kind == "end":
            return b.line + 1
    return blocks[-1].line + 1 if blocks else 0


def _closing(text: str, blocks: list[Block], end: int, trailer: int) -> str:
    """The closing lines: from the agreement's end to the end mark, and the few lines
    after the mark (its date and time lines)."""
    lines = text.split("\n")
    first = blocks[end].line if end < len(blocks) else len(lines)
    after = [ln for ln in lines[trailer:] if ln.strip()][:3]
    return "\n".join([*lines[first:trailer], *after])


def parse_zh(text: str, page_title: str, source: str, language: str) -> Meeting:
    """Parse a Chinese release's cleaned text (``parsers.release.readable_text``)."""
    glue = GlueFixer(text)
    blocks = to_zh_blocks(text)
    found = zh_structure(blocks, language)
    stated_at, stated, start, sections, end = (
        found.stated_at, found.stated, found.start, found.sections, found.end
    )  # fmt: skip
    warnings = structure_warnings(found)
    header = blocks[: stated_at + 1 if stated_at is not None else (start or 0)]
    trailer = _trailer(blocks, end)
    body = "\n".join(b.text for b in blocks[len(header) : end])
    closing = _closing(text, blocks, end, trailer)
    date, date_warnings = find_zh_date(header, body, closing)
    warnings.extend(date_warnings)
    title = find_zh_title(page_title, header)
    header_texts = [title, *(b.text for b in header)]
    place = find_zh_place([*header_texts, body, closing], header=len(header_texts))
    parties, party_warnings = find_zh_parties(header_texts, place)
    warnings.extend(party_warnings)
    signed = find_zh_signed(blocks[end:])
    meeting_id = model_meeting_id(date, [party_key(p) for p in parties], place, title, language)
    return Meeting(
        id=meeting_id,
        title=title,
        date=date,
        place=place,
        parties=parties,
        source=source,
        stated_area_count=stated,
        areas=_build_areas(meeting_id, sections, glue),
        signed_documents=signed,
        warnings=warnings,
        kind=found.kind,
        language=language,
    )


def zh_layout(text: str, meeting_id: str, language: str) -> Layout:
    """``parsers.release.layout`` for a Chinese release."""
    blocks = to_zh_blocks(text)
    found = zh_structure(blocks, language)
    areas = _build_areas(meeting_id, found.sections, GlueFixer(text))
    at = {id(b): i for i, b in enumerate(blocks)}
    headings: dict[int, str] = {}
    paragraphs: dict[int, str] = {}
    for section, area in zip(found.sections, areas, strict=True):
        if section.heading is not None:
            headings[at[id(section.heading)]] = area.id
        for block, commitment in zip(section.paras, area.commitments, strict=True):
            paragraphs[at[id(block)]] = commitment.id
    return Layout(
        blocks=blocks,
        header=found.stated_at if found.stated_at is not None else (found.start or 0),
        stated_at=found.stated_at,
        start=found.start,
        end=found.end,
        trailer_line=_trailer(blocks, found.end),
        headings=headings,
        paragraphs=paragraphs,
    )
