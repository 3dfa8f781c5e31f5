"""A press release → one Meeting: areas, commitments, signed documents, metadata.

The steps, each in its own function:
1. clean the text (HTML to text first), build blocks (``parsers.blocks``);
2. find the sentence that states "the following N … areas" — the areas start after it;
3. walk the blocks into sections (heading + paragraphs) until the agreement ends: a
   heading of another kind ("signing ceremony", "annex"), narrative prose (someone
   "said", "today (June 26)"), an end marker ("Ends/…"), or an unrelated article;
4. if fewer sections than stated were found, headings were lost: split sections where
   the topic changes (``parsers.lexicon``) and name each new group from its vocabulary;
5. read the signed documents, date, place, parties and title; warn where unsure.
Parsing never raises: a text with no agreement gives a Meeting without areas.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from parsers.area_names import missing_headings_warning
from parsers.blocks import (
    CHROME,
    COMMITMENT_STARTERS,
    Block,
    display_heading,
    first_word,
    heading_like,
    heading_number,
    to_blocks,
)
from parsers.html import html_to_text
from parsers.keyphrase import ContentNames, lexicon_evident, narrower
from parsers.lexicon import Lexicon, default_lexicon
from parsers.metadata import find_date, find_place, find_title
from parsers.model import Area, Commitment, Meeting, id_key, make_id
from parsers.model import meeting_id as model_meeting_id
from parsers.normalise import GlueFixer, clean_text
from parsers.parties import find_parties
from parsers.progress import AGREEMENT, Progress, commands, find_progress, lead_in_sentence
from parsers.release_patterns import NARRATIVE, NOT_AREAS, NUMBER_WORDS, STATED_COUNT, STOP_HEADING
from parsers.segment import MIN_WORD_SPLIT_SCORE, GapScorer, WordSplits, in_passing
from parsers.signed import find_signed_documents
from parsers.zh_script import detect_language


@dataclass
class Section:
    heading: Block | None
    paras: list[Block] = field(default_factory=list)
    name: str = ""
    inferred: bool = False


#: Openers after which a paragraph is a commitment, whatever narrative words it has.
_NOT_NARRATIVE_OPENERS = COMMITMENT_STARTERS - {"the", "with", "through", "both"}


def _is_narrative(text: str) -> bool:
    return first_word(text) not in _NOT_NARRATIVE_OPENERS and bool(NARRATIVE.search(text))


def _stated(blocks: list[Block]) -> tuple[int | None, int | None]:
    """(index of the block stating the area count, the count)."""
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            continue
        low = b.text.lower()
        if not ("follow" in low or "operation" in low or b.text.rstrip().endswith(":")):
            continue
        m = STATED_COUNT.search(b.text)
        while m is not None and NOT_AREAS.search(b.text, m.end(1), m.end()):
            # "68 co-operation items in 12 areas": the first number counts something else
            m = STATED_COUNT.search(b.text, m.end(1))
        if m:
            word = m.group(1).lower()
            n = int(word) if word.isdigit() else NUMBER_WORDS[word]
            if 1 <= n <= 60:
                return i, n
    return None, None


def _accept_heading(b: Block, strong_mode: bool, lexicon: Lexicon) -> bool:
    if b.kind == "heading":
        return True
    if b.kind != "para" or b.lines != 1 or not heading_like(b.text):
        return False
    if not strong_mode:
        return True
    return lexicon.topic_of_heading(b.text) is not None and len(b.text.split()) <= 6


def _walk(blocks: list[Block], start: int, lexicon: Lexicon) -> tuple[list[Section], int]:
    """Sections from ``start``, and the index of the block where they end."""
    # The release's own heading style, from its first few headings (an article
    # appended after it may use another).
    first = list(
        itertools.islice(
            (
                b
                for b in itertools.islice(blocks, start, None)
                if b.kind == "heading"
                or (b.kind == "para" and b.lines == 1 and heading_like(b.text))
            ),
            4,
        )
    )
    strong = sum(1 for b in first if b.kind == "heading")
    strong_mode = strong >= 2
    sections: list[Section] = [Section(None)]
    i = start
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "end":
            break
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if _accept_heading(b, strong_mode, lexicon):
            if STOP_HEADING.search(b.text) or CHROME.match(b.text):
                break
            if nxt is not None and nxt.kind in ("para", "item") and _is_narrative(nxt.text):
                break  # the title of another article
            sections.append(Section(b))
        elif b.kind in ("para", "item"):
            if _is_narrative(b.text):
                break
            if (
                strong_mode
                and b.lines == 1
                and heading_like(b.text)
                and (STOP_HEADING.search(b.text) or (nxt is not None and _is_narrative(nxt.text)))
            ):
                break  # a plain heading of another kind, or the title of another article
            sections[-1].paras.append(b)
        i += 1
    return [s for s in sections if s.paras], i


def _numbering_gaps(sections: list[Section]) -> dict[int, int] | None:
    """Headings missing after each section, by the headings' own numbers (1., 2., 4. …).

    None when the headings are not consistently numbered.
    """
    headed: list[tuple[int, int]] = []
    for i, s in enumerate(sections):
        if s.heading is not None:
            number = heading_number(s.heading.text)
            if number is None:
                return None
            headed.append((i, number))
    if len(headed) < 2:
        return None
    gaps: dict[int, int] = {}
    for (i, a), (_, b) in itertools.pairwise(headed):
        if b <= a:
            return None
        gaps[i] = b - a - 1
    return gaps


def _infer_missing(
    sections: list[Section], missing: int, lexicon: Lexicon, parties: list[str]
) -> list[Section]:
    """Split sections where a lost heading stood.

    Numbered headings say where: a jump from 1. to 3. means one heading was lost in
    section 1, and a section followed by the next number is whole. Otherwise each
    round finds the best split of every section (a new group's paragraphs compared
    with the rest of their section as wholes) and makes the strongest, until
    ``missing`` groups were added or no split is convincing. Where the lexicon sees no
    change of topic (a topic it does not know), a split by the words alone is made if
    the new group's paragraphs share a key phrase (``WordSplits``).
    """
    paras = [p for s in sections for p in s.paras]
    scorer = GapScorer([p.text for p in paras], lexicon)
    words = WordSplits(paras, scorer, parties)
    numbered = _numbering_gaps(sections)
    pieces: list[list[Section]] = [[s] for s in sections]
    for si, count in (numbered or {}).items():
        for _ in range(min(count, missing)):
            if (
                _split_best(pieces[si], scorer, threshold=0.0)
                or _split_words([pieces[si]], words, 0.0)
                or _split_words([pieces[si]], words, 0.0, single=True)
            ):
                missing -= 1
    for _ in range(missing):
        best: tuple[float, int, int, int] | None = None
        for si, group in enumerate(pieces):
            if numbered is not None and si in numbered:
                continue  # the numbering says this section is whole
            for pi, s in enumerate(group):
                found = scorer.best_split(
                    [p.text for p in s.paras], s.heading.text if s.heading else None
                )
                if found and found[1] == len(s.paras) - 1 and in_passing(s.paras[-1].text, lexicon):
                    continue  # a last paragraph with a word of a topic in passing
                if found and (best is None or found[0] > best[0]):
                    best = (found[0], si, pi, found[1])
        if best is None:
            whole = numbered.keys() if numbered is not None else ()
            if not _split_words([g for si, g in enumerate(pieces) if si not in whole], words):
                break
            continue
        _, si, pi, gap = best
        s = pieces[si][pi]
        pieces[si][pi : pi + 1] = [Section(s.heading, s.paras[:gap]), Section(None, s.paras[gap:])]
    return [s for group in pieces for s in group]


def _split_words(
    groups: list[list[Section]],
    words: WordSplits,
    threshold: float = MIN_WORD_SPLIT_SCORE,
    single: bool = False,
) -> bool:
    """Split the piece of ``groups`` with the clearest change of words (``WordSplits``);
    False if none can be."""
    at = [(group, pi) for group in groups for pi in range(len(group))]
    pieces = [(g[pi].paras, _heading_text(g[pi])) for g, pi in at]
    found = words.best(pieces, threshold, single)
    if found is None:
        return False
    _, i, gap = found
    group, pi = at[i]
    s = group[pi]
    group[pi : pi + 1] = [Section(s.heading, s.paras[:gap]), Section(None, s.paras[gap:])]
    return True


def _heading_text(s: Section) -> str | None:
    return s.heading.text if s.heading is not None else None


def _split_best(group: list[Section], scorer: GapScorer, threshold: float) -> bool:
    """Split the piece of ``group`` with the clearest topic change; False if none can be."""
    best: tuple[float, int, int] | None = None
    for pi, s in enumerate(group):
        found = scorer.best_split(
            [p.text for p in s.paras], s.heading.text if s.heading else None, threshold
        )
        if found and found[1] == len(s.paras) - 1 and in_passing(s.paras[-1].text, scorer.lexicon):
            continue  # a last paragraph with a word of a topic in passing
        if found and (best is None or found[0] > best[0]):
            best = (found[0], pi, found[1])
    if best is None:
        return False
    _, pi, gap = best
    s = group[pi]
    group[pi : pi + 1] = [Section(s.heading, s.paras[:gap]), Section(None, s.paras[gap:])]
    return True


def _name_sections(sections: list[Section], lexicon: Lexicon, parties: list[str]) -> None:
    """Headed sections take their heading; the others (lost headings) a lexicon topic the
    paragraphs are about, else the key phrase they share (``parsers.keyphrase``), else
    "Unnamed area N"."""
    used = set()
    for s in sections:
        if s.heading is not None:
            s.name = display_heading(s.heading.text)
            used.add(lexicon.topic_of_heading(s.name) or s.name)
            used.add(s.name.casefold())
    names = ContentNames(
        [p.text for s in sections for p in s.paras],
        [s.name for s in sections if s.heading is not None],
        parties,
    )
    unnamed = at = 0
    for s in sections:
        group = list(range(at, at + len(s.paras)))
        at += len(s.paras)
        if s.heading is not None:
            continue
        s.inferred = True
        scores = [lexicon.scores(p.text) for p in s.paras]
        totals: dict[str, float] = {}
        for one in scores:
            for k, v in one.items():
                totals[k] = totals.get(k, 0.0) + v
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        topic = next((n for n, _ in ranked if n not in used and n.casefold() not in used), None)
        if topic is None or not lexicon_evident(topic, scores):
            s.name = names.name(group, used) or topic or ""
        else:
            phrase = names.name(group, used)
            texts = [p.text for p in s.paras]
            if phrase and narrower(phrase, topic, texts, lexicon):
                s.name = phrase
            else:
                s.name = names.closer(group, topic, lexicon, used) or topic
        if not s.name:
            unnamed += 1
            s.name = f"Unnamed area {unnamed}"
        used.add(s.name)
        used.add(s.name.casefold())


def readable_text(text: str, html: bool = False) -> tuple[str, str]:
    """The text the parser reads, from a decoded release: a page's readable text (for
    HTML), cleaned (``clean_text``); and the page's ``<title>`` ("" for plain text)."""
    page_title = ""
    if html:
        text, page_title = html_to_text(text)
    return clean_text(text), page_title


@dataclass
class Structure:
    """Where a release's parts are: the block stating the area count and the count, the
    first block of the areas, the named sections, the block where they end; the kind of
    release (``parsers.model.MEETING_KINDS``) and the warnings its reading gave."""

    stated_at: int | None
    stated: int | None
    start: int | None
    sections: list[Section]
    end: int
    kind: str = AGREEMENT
    warnings: list[str] = field(default_factory=list)


def _structure(blocks: list[Block], lexicon: Lexicon) -> Structure:
    stated_at, stated = _stated(blocks)
    start = stated_at + 1 if stated_at is not None else _first_heading(blocks)
    sections, end = _walk(blocks, start, lexicon) if start is not None else ([], 0)
    if stated_at is None and not _looks_like_commitments(sections):
        sections = []  # headings and prose, but no agreement
    if not sections or not _looks_like_commitments(sections) or stated_at is None:
        progress = find_progress(blocks)  # a progress report or work plan?
        if progress is not None and (
            not sections
            or not _looks_like_commitments(sections)
            or (
                progress.reviews
                and len(progress.areas) >= len(sections)
                and not commands([p.text for s in sections for p in s.paras])
            )
        ):
            return _progress_structure(blocks, progress)
    header = blocks[: stated_at if stated_at is not None else (start or 0)]
    parties = find_parties(
        blocks[stated_at].text if stated_at is not None else "",
        header,
        "",
        body=blocks[len(header) :],
        lexicon=lexicon,
    )
    if stated is not None and 0 < len(sections) < stated:
        sections = _infer_missing(sections, stated - len(sections), lexicon, parties)
    _name_sections(sections, lexicon, parties)
    return Structure(stated_at, stated, start, sections, end)


def structure_warnings(found: Structure) -> list[str]:
    """What a release's structure warns of, in any language: no stated count, lost
    headings named from their content, a count the areas found do not meet."""
    out: list[str] = []
    if found.stated_at is None and found.sections and found.kind == AGREEMENT:
        out.append("no sentence stating the number of co-operation areas was found")
    out.extend(found.warnings)
    inferred = [s.name for s in found.sections if s.inferred]
    if inferred:
        out.append(missing_headings_warning(inferred))
    if found.stated is not None and found.sections and len(found.sections) != found.stated:
        out.append(
            f"the release states {found.stated} co-operation areas "
            f"but {len(found.sections)} were found"
        )
    return out


def _progress_structure(blocks: list[Block], progress: Progress) -> Structure:
    """A progress report's structure: its count kept only when stated by its lead-in (a
    number of areas in the introduction counts the whole work plan's)."""
    stated_at: int | None = None
    stated: int | None = None
    if progress.lead_in is not None:  # its lead-in sentence, not the paragraph's others
        lead_in = blocks[progress.lead_in]
        sentence = Block(lead_in.kind, lead_in_sentence(lead_in.text), lead_in.line)
        stated = _stated([sentence])[1]
        stated_at = progress.lead_in if stated is not None else None
    sections = [Section(a.heading, a.paras, a.name) for a in progress.areas]
    warnings = list(progress.warnings)
    return Structure(
        stated_at, stated, progress.start, sections, progress.end, progress.kind, warnings
    )


def parse_text(
    text: str,
    source: str = "<text>",
    html: bool = False,
    lexicon: Lexicon | None = None,
) -> Meeting:
    """Parse the text of one release. Never raises; no agreement gives no areas."""
    text, page_title = readable_text(text, html)
    language = detect_language(text)
    if language != "en":  # a Chinese release: its own path (``parsers.zh_release``)
        from parsers.zh_release import parse_zh

        chinese = parse_zh(text, page_title, source, language)
        if chinese.areas:
            return chinese
        # Chinese commitments laid out in English ("the following 2 areas:", English
        # headings): the English reading, the text's language kept
        english = _parse_english(text, page_title, source, lexicon)
        if not english.areas:
            return chinese
        english.language = language
        return english
    return _parse_english(text, page_title, source, lexicon)


def _parse_english(text: str, page_title: str, source: str, lexicon: Lexicon | None) -> Meeting:
    lexicon = lexicon or default_lexicon()
    glue = GlueFixer(text)
    blocks = to_blocks(text)
    warnings: list[str] = []

    found = _structure(blocks, lexicon)
    stated_at, stated, start, sections, end = (
        found.stated_at, found.stated, found.start, found.sections, found.end
    )  # fmt: skip
    warnings += structure_warnings(found)

    header = blocks[: stated_at if stated_at is not None else (start or 0)]
    body_end_line = blocks[end].line if end < len(blocks) else None
    trailer = _trailer(blocks, end)
    scope = text if body_end_line is None else "\n".join(text.split("\n")[:trailer])

    parties = find_parties(
        blocks[stated_at].text if stated_at is not None else "",
        header,
        scope,
        body=blocks[len(header) :],
        lexicon=lexicon,
    )
    date, date_warnings = find_date(scope, header)
    warnings.extend(date_warnings)
    place = find_place(header, scope)
    title = find_title(page_title, header, text)
    signed = find_signed_documents(blocks[end:], glue)

    meeting_id = model_meeting_id(date, [id_key(p) for p in parties], place, title)
    areas = _build_areas(meeting_id, sections, glue)
    return Meeting(
        id=meeting_id,
        title=title,
        date=date,
        place=place,
        parties=parties,
        source=source,
        stated_area_count=stated,
        areas=areas,
        signed_documents=signed,
        warnings=warnings,
        kind=found.kind,
    )


#: Openers that say a paragraph commits someone to something.
IMPERATIVE = COMMITMENT_STARTERS - {"the", "with", "through", "each", "all"}


def _looks_like_commitments(sections: list[Section]) -> bool:
    """Without a stated count: at least two areas, mostly of commitment-like paragraphs."""
    paras = [p for s in sections for p in s.paras]
    if len(sections) < 2 or not paras:
        return False
    committing = sum(1 for p in paras if first_word(p.text) in IMPERATIVE)
    return committing >= 0.5 * len(paras)


def _first_heading(blocks: list[Block]) -> int | None:
    """Without a stated count, the areas start at the first heading followed by commitments."""
    for i, b in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        is_heading = b.kind == "heading" or (b.lines == 1 and heading_like(b.text))
        if (
            is_heading
            and nxt.kind in ("para", "item")
            and first_word(nxt.text) in IMPERATIVE
            and not _is_narrative(nxt.text)
        ):
            return i
    return None


def _trailer(blocks: list[Block], end: int) -> int:
    """The line where the release (with its signing section and end marker) stops."""
    for b in blocks[end:]:
        if b.kind == "end":
            return b.line + 1
    for j in range(end + 1, len(blocks) - 1):
        b, nxt = blocks[j], blocks[j + 1]
        if (
            b.kind in ("para", "heading")
            and heading_like(b.text)
            and not STOP_HEADING.search(b.text)
            and nxt.kind == "para"
            and _is_narrative(nxt.text)
        ):
            return b.line
    return blocks[-1].line + 1 if blocks else 0


def _build_areas(meeting_id: str, sections: list[Section], glue: GlueFixer) -> list[Area]:
    areas: list[Area] = []
    seen_areas: dict[str, int] = {}
    seen_commitments: dict[str, int] = {}
    for s in sections:
        key = id_key(s.name)
        n = seen_areas[key] = seen_areas.get(key, 0) + 1
        area = Area(
            id=make_id(meeting_id, "area", key, str(n) if n > 1 else ""),
            name=glue.fix(s.name),
            heading_inferred=s.inferred,
        )
        for p in s.paras:
            text = glue.fix_own(p.text)  # a block's text is whitespace-collapsed already
            ckey = id_key(text)
            m = seen_commitments[ckey] = seen_commitments.get(ckey, 0) + 1
            area.commitments.append(
                Commitment(id=make_id(meeting_id, ckey, str(m) if m > 1 else ""), text=text)
            )
        areas.append(area)
    return areas


@dataclass
class Layout:
    """Where the parts of a release stand in the text the parser reads (``parsers.release_text``),
    as the parser saw them: its blocks, and which of them are what."""

    blocks: list[Block]
    header: int  # blocks[:header]: the title, dateline and introduction
    stated_at: int | None  # the block stating the number of areas
    start: int | None  # blocks[start:end]: the areas, their headings and commitments
    end: int
    trailer_line: int  # the line where the release stops (after it: another article)
    headings: dict[int, str]  # a section heading's block → its area's ID
    paragraphs: dict[int, str]  # a commitment's block → its ID


def layout(text: str, meeting_id: str, lexicon: Lexicon | None = None) -> Layout:
    """The parts of ``text`` (``parsers.release_text``'s) as ``parse_text`` finds them, the IDs
    given as in the meeting ``meeting_id`` parsed from it."""
    language = detect_language(text)
    if language != "en":
        from parsers.zh_release import zh_layout

        found_zh = zh_layout(text, meeting_id, language)
        if found_zh.paragraphs:  # else read in English, as ``parse_text`` does
            return found_zh
    lexicon = lexicon or default_lexicon()
    blocks = to_blocks(text)
    found = _structure(blocks, lexicon)
    stated_at, start, sections, end = found.stated_at, found.start, found.sections, found.end
    areas = _build_areas(meeting_id, sections, GlueFixer(text))
    at = {id(b): i for i, b in enumerate(blocks)}
    headings: dict[int, str] = {}
    paragraphs: dict[int, str] = {}
    for section, area in zip(sections, areas, strict=True):
        if section.heading is not None:
            headings[at[id(section.heading)]] = area.id
        for block, commitment in zip(section.paras, area.commitments, strict=True):
            paragraphs[at[id(block)]] = commitment.id
    return Layout(
        blocks=blocks,
        header=stated_at if stated_at is not None else (start or 0),
        stated_at=stated_at,
        start=start,
        end=end,
        trailer_line=_trailer(blocks, end),
        headings=headings,
        paragraphs=paragraphs,
    )
