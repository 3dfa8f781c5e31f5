"""Progress reports and work plans: releases that review co-operation area by area.

A working meeting or plenary of a joint conference ("the X/Y Co-operation Working
Meeting", "progress of the 2025 Work Plan") is not a list of commitments under a stated
count of areas: after an introduction (who met, what they said, how many items the work
plan holds), it sets out, area by area, "the progress made and the direction for future
co-operation" in prose paragraphs ("In the past year, …", "The two sides will …", "Guangdong
will support …"), and ends with closing remarks ("The two sides also reviewed …", "the next
Plenary will be held …", "Also attending the meeting were …").

What is read (``find_progress``):

- **the release's kind**: a word of the family in the title or introduction ("work plan",
  "working meeting", "plenary", "joint conference", "progress", "co-operation items") or a
  lead-in sentence ("… are set out below", "… as follows:"); and at least two areas whose
  paragraphs mostly report progress or plans;
- **the areas**: a heading per area — a heading the page marks (Markdown, HTML heading or
  bold line), a numbered line ("(1) Financial services", "2. Tourism") or a plain short line
  — starting after the lead-in sentence if there is one, else at the first heading followed
  by a paragraph that reports progress or a plan; without any heading, paragraphs that open
  with their topic ("On innovation and technology, the two sides …") start an area each
  and are items themselves;
- **the items**: every paragraph (or list item) under an area;
- **the context**: everything before the first area (a number there, "the 2026 Work Plan
  covers 68 co-operation items", is not a count of areas), and the closing remarks after the
  last area: from the first closing remark that no paragraph promising something follows.

Warnings name a paragraph's first words where the boundary is uncertain: a paragraph after
the last area's items that neither promises nor reports anything (kept as an item), a
closing remark followed by more items (kept as an item), and a paragraph before the first
area that reads like an item (kept as context).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.blocks import (
    CHROME,
    COMMITMENT_STARTERS,
    HEADING_NUMBER,
    TERMINAL,
    Block,
    display_heading,
    first_word,
    heading_like,
)
from parsers.model import MEETING_KINDS
from parsers.normalise import clip

#: The kinds of release a meeting can be read from (``Meeting.kind``).
AGREEMENT, PROGRESS_REPORT = MEETING_KINDS

#: Words that say a release reviews progress or sets a work plan.
PROGRESS_SIGNAL = re.compile(
    r"\b(?:work(?:ing)?\s+plans?|working\s+meetings?|plenary|plenaries|joint\s+conference|"
    r"progress|co-?operation\s+items?|directions?\s+(?:set\s+)?for\s+(?:future\s+)?co-?operation)\b",
    re.IGNORECASE,
)
#: Words that say without doubt a release reviews progress (a plenary may also agree on
#: commitments): it is read as a progress report even where the agreement reader finds an
#: agreement without a stated count.
REVIEW_SIGNAL = re.compile(
    r"\bwork(?:ing)?\s+plans?\b|\bworking\s+meetings?\b|\bprogress\s+(?:made|of|in)\b|"
    r"\breview(?:ed|s|ing)?\s+(?:the\s+)?progress\b|"
    r"\bdirections?\s+(?:set\s+)?for\s+(?:future\s+)?co-?operation\b",
    re.IGNORECASE,
)
#: A sentence leading into the areas ("… are set out below.", "… as follows:").
LEAD_IN = re.compile(
    r"\b(?:(?:set\s+out|outlined|listed|summari[sz]ed|given|described)\s+below|as\s+follows|"
    r"the\s+following\b)",
    re.IGNORECASE,
)
_LEAD_IN_TOPIC = re.compile(r"co-?operation|areas?|fields?|progress|sectors?", re.IGNORECASE)
#: A paragraph that opens with its topic: "On innovation and technology, the two sides …".
TOPIC_OPENER = re.compile(
    r"^(?:On|In\s+respect\s+of|Regarding|As\s+regards|As\s+for|In\s+terms\s+of|Concerning|"
    r"With\s+(?:regard|respect)\s+to|In\s+the\s+(?:area|field|sphere|domain)s?\s+of)\s+"
    r"(?P<topic>[^,;:.]{3,80}?)\s*,\s+\S"
)
#: A list item's run-in heading: "Financial services: the two sides will …".
RUN_IN = re.compile(r"^(?P<topic>[A-Z][^:：.;!?,]{2,70}?)\s*[:：]\s+\S")
_NOT_A_TOPIC = re.compile(
    r"^(?:the\s+(?:basis|other\s+hand|whole|occasion|same\s+day|day|meeting|sidelines?|"
    r"past|next|first|second)|this\s+(?:occasion|basis)|behalf|top\s+of|that\s+day|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b|\d)",
    re.IGNORECASE,
)
#: A topic opener about the meeting itself, not an area: "Regarding the 2025 Work Plan, …".
_NOT_TOPIC_WORDS = re.compile(
    r"\b(?:work\s+plans?|meetings?|plenary|conference|progress|items?|year|occasion|invitation)\b",
    re.IGNORECASE,
)
#: A paragraph promising something: "will", "agreed to", "continue to" in its first clause.
FORWARD = re.compile(
    r"\b(?:will|shall|agreed\s+to|agree\s+to|agreed\s+on|agreed\s+that|undertook\s+to|"
    r"undertake\s+to|continue\s+to|plans?\s+to|aims?\s+to|strive\s+to|are\s+to|is\s+to|"
    r"endeavour\s+to|work\s+together|seek\s+to|expected\s+to|scheduled\s+to|due\s+to\s+be)\b",
    re.IGNORECASE,
)
#: A paragraph reporting progress: "In the past year, …", "… has been set up".
REPORTED = re.compile(
    r"^(?:In\s+the\s+past|Over\s+the\s+past|During\s+the\s+past|Last\s+year|Since|So\s+far|"
    r"To\s+date|In\s+(?:19|20)\d\d|This\s+year)\b|"
    r"\b(?:has|have|had)\s+(?:been\s+|also\s+|already\s+|jointly\s+)?"
    r"(?:[a-z]+ed|made|held|set|built|begun|grown|taken|seen|become|run|drawn)\b|"
    r"\b(?:was|were)\s+(?:also\s+|further\s+|successfully\s+)?[a-z]+(?:ed|en|t)\b|"
    r"\b(?:last\s+year|in\s+the\s+past\s+year|now\s+(?:largely\s+)?complete)\b|"
    r"\b(?:completed|started|began|launched|opened|commenced|introduced|implemented|achieved|"
    r"hosted|organi[sz]ed|attracted|issued|approved|rolled\s+out|set\s+up|established)\b",
    re.IGNORECASE,
)
#: A closing remark: what ends the areas.
CLOSING = re.compile(
    r"^(?:The\s+two\s+sides|Both\s+sides|The\s+two\s+governments|The\s+meeting|They)\s+also\s+"
    r"(?:reviewed|noted|exchanged|discussed|took\s+stock|received|heard|endorsed|briefed)\b|"
    r"\bnext\s+(?:Plenary|Working\s+Meeting|meeting|session|Joint\s+Conference)\b|"
    r"\b(?:Plenary|Working\s+Meeting|Joint\s+Conference)\b[^.]{0,300}\b(?:will|is\s+to)\s+be\s+held\b|"
    r"^Also\s+(?:attending|present)\b|\battended\s+the\s+(?:meeting|plenary|conference)\b|"
    r"^(?:After|Before|Following|Prior\s+to)\s+the\s+(?:meeting|plenary|conference)\b|"
    r"^At\s+the\s+end\s+of\s+the\s+(?:meeting|plenary)\b|"
    r"^The\s+(?:meeting|plenary|conference)\s+(?:was|were|took|ended|concluded|closed|lasted)\b|"
    r"\btoday\s*\((?:[A-Z][a-z]+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)\)|"
    r"(?-i:\b(?:Mr|Ms|Mrs|Miss|Dr|Professor)\.?\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*|\b(?:He|She))"
    r"\s+(?:said|remarked|added|stressed|noted)\b",
    re.IGNORECASE,
)
#: A paragraph on documents signed: a closing remark unless it promises something.
SIGNED = re.compile(
    r"\bsigned\b[^.]{0,300}\b(?:agreements?|memorand(?:um|a)|documents?|letters?\s+of\s+intent|"
    r"arrangements?|MoUs?)\b|\b(?:agreements?|memorand(?:um|a)|documents?|MoUs?)\b[^.]{0,300}"
    r"\b(?:were|was)\s+signed\b",
    re.IGNORECASE,
)
#: A paragraph about the work plan as a whole, not an area's item: "Regarding the 2026 Work
#: Plan, the two sides agreed to complete 30 items …", "The 2027 Work Plan covers 60 items".
WHOLE_PLAN = re.compile(
    r"^(?:Regarding|As\s+regards|As\s+for|As\s+to|On|Concerning|In\s+respect\s+of|"
    r"With\s+(?:regard|respect)\s+to)\s+(?:the\s+|this\s+year's\s+|next\s+year's\s+)?"
    r"(?:\d{4}\s+)?(?:(?:annual|overall)\s+)?work\s+plans?\b|"
    r"^(?:The|This\s+year's|Next\s+year's)\s+(?:\d{4}\s+)?work\s+plans?\b|"
    r"\bwork\s+plans?\b[^.]{0,200}?\b(?:\d+|all|remaining)\s+(?:co-?operation\s+|key\s+)?items\b|"
    r"\b(?:\d+|all|remaining)\s+(?:co-?operation\s+|key\s+)?items\b[^.]{0,200}?\bwork\s+plans?\b|"
    r"\b(?:complete|completed|completion|implement(?:ed|ation)?)\b[^.]{0,40}?"
    r"\b(?:\d+|all|the\s+remaining)\s+(?:co-?operation\s+|key\s+)?items\b",
    re.IGNORECASE,
)
#: A paragraph telling how the occasion went (a dinner, a show, a visit): neither a plan nor
#: progress, though its verbs may read as a report ("… was performed at the dinner").
OCCASION = re.compile(
    r"\b(?:at|during|after|before|following)\s+(?:the\s+)?(?:welcome\s+|official\s+)?"
    r"(?:dinner|banquet|luncheon|lunch|reception|ceremony|gala|tea\s+party|visit|tour)\b|"
    r"\b(?:dinner|banquet|luncheon|reception)\s+(?:was|were)\b|"
    r"\b(?:group\s+photos?|souvenirs?|toasts?|sightseeing)\b|"
    r"\b(?:was|were)\s+(?:warmly\s+)?(?:performed|staged|served|welcomed|greeted|entertained)\s+"
    r"(?:at|during|for|by)\s+(?:the\s+)?(?:dinner|banquet|luncheon|lunch|reception|guests?|"
    r"delegations?|hosts?)\b|"
    r"\b(?:delegation|delegates|guests)\s+(?:also\s+)?(?:toured|visited|enjoyed|watched)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"\btoday\s*\((?:[A-Z][a-z]+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)\)")
_STOP_HEADING = re.compile(
    r"^(?:background|about|contacts?|enquiries|notes?\s+to\s+editors?|photos?|videos?|"
    r"related|images?)\b|"
    r"\b(?:sign(?:ing|ed|ature)|ceremony|annex(?:es)?|appendix|attachments?|documents?)\b",
    re.IGNORECASE,
)
#: A paragraph that opens as an item does: a party (or both) promising something.
OPENS_AS_ITEM = re.compile(
    r"^(?:(?:The\s+two|Both)\s+(?:sides|governments|places|parties)|"
    r"(?!The\s+(?:meeting|plenary|conference)\b)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'/-]+){0,3})"
    r"\s+(?:also\s+)?(?:will|shall|(?:have\s+)?agreed\s+to|undertook\s+to|are\s+to)\b"
)
#: Words of a release's title, not of an area's heading.
_TITLE_WORDS = re.compile(
    r"\b(?:meeting|conference|plenary|session|held|visits?|delegation|press\s+release)\b",
    re.IGNORECASE,
)
_IMPERATIVE = COMMITMENT_STARTERS - {"the", "with", "through", "each", "all", "both"}
#: How many first words of a paragraph a warning quotes.
QUOTED_WORDS = 6


@dataclass
class ProgressArea:
    heading: Block | None  # None: an area opened by a paragraph naming its topic
    name: str
    paras: list[Block] = field(default_factory=list)


@dataclass
class Progress:
    """A progress report's areas in ``blocks``: ``blocks[start:end]`` holds them."""

    start: int  # the first area's heading (or first paragraph)
    end: int  # the first block after the last item: closing remarks, signing, the end
    areas: list[ProgressArea]
    lead_in: int | None  # the sentence leading into the areas
    warnings: list[str] = field(default_factory=list)
    #: PROGRESS_REPORT when the title or introduction says so; AGREEMENT for areas of
    #: prose ("The two sides will …") led into without a word of progress or work plans
    kind: str = PROGRESS_REPORT
    #: whether the title or introduction says without doubt that progress is reviewed
    reviews: bool = False


def first_words(text: str, words: int = QUOTED_WORDS) -> str:
    """A paragraph's first words, as a warning quotes them: "The two sides also …"."""
    parts = text.split()
    shown = " ".join(parts[:words])
    return clip(shown, 60) + ("…" if len(parts) > words else "")


def promises(text: str) -> bool:
    """Whether a paragraph promises or plans something (in its first 25 words)."""
    return first_word(text) in _IMPERATIVE or bool(FORWARD.search(" ".join(text.split()[:25])))


def is_item_like(text: str) -> bool:
    """Whether a paragraph promises something or reports progress (not how the occasion
    went: "The face-changing art of Sichuan opera was performed at the dinner.")."""
    if promises(text):
        return True
    return bool(REPORTED.search(text)) and not OCCASION.search(text)


#: A paragraph on the work plan's items in one area: "Of the 6 items in this area, …".
_THIS_AREA = re.compile(r"\b(?:this|that|the\s+same)\s+(?:area|field|sector|domain)\b", re.I)


def about_whole_plan(text: str) -> bool:
    """Whether a paragraph is about the work plan as a whole (its items, their completion),
    not an area's item: after the last area's items it is context."""
    return WHOLE_PLAN.search(text) is not None and _THIS_AREA.search(text) is None


#: Openers that are not a bare imperative ("Both sides agreed …", "Further, …").
_NOT_BARE = frozenset("both further jointly actively fully effectively proactively".split())


def commands(texts: list[str]) -> bool:
    """Whether most paragraphs are bare imperatives ("Strengthen …", "Support …"): an
    agreement's commitments, not a report of what the two sides agreed."""
    bare = sum(1 for t in texts if first_word(t) in _IMPERATIVE - _NOT_BARE)
    return bool(texts) and bare >= 0.5 * len(texts)


def _fragment(text: str) -> bool:
    """A few words that are not a sentence: page furniture rather than an item."""
    return len(text.split()) <= 5 and not text.endswith(TERMINAL) and not is_item_like(text)


def is_closing(text: str) -> bool:
    """Whether a paragraph is a closing remark (after the last area, it ends the items)."""
    return bool(CLOSING.search(text)) or (SIGNED.search(text) is not None and not promises(text))


def _is_heading(b: Block, strong_mode: bool) -> bool:
    if b.kind == "heading":
        return True
    if b.kind != "para":
        return False
    if b.lines == 1 and heading_like(b.text):
        return not strong_mode or HEADING_NUMBER.match(b.text) is not None
    return not strong_mode and _wrapped_heading(b)


def _wrapped_heading(b: Block) -> bool:
    """A plain heading wrapped onto a second or third line ("Cross-boundary infrastructure
    and" / "clearance facilitation"): short, capitalised, not a sentence."""
    words = b.text.split()
    return (
        2 <= b.lines <= 3
        and len(words) <= 20
        and b.text[:1].isupper()
        and not b.text.endswith((*TERMINAL, ","))
        and ". " not in b.text
        and first_word(b.text) not in _IMPERATIVE
        and not FORWARD.search(b.text)
    )


def _followed_by_text(blocks: list[Block], i: int) -> bool:
    return i + 1 < len(blocks) and blocks[i + 1].kind in ("para", "item")


#: Where a sentence ends: ". " (or "!", "?", ";") before a capital, a quote or a bracket,
#: not after a title ("Mr.") or an initial ("J.").
_SENTENCE_END = re.compile(
    r"(?<=[.!?;。；])(?<![A-Z]\.)(?<!\b(?:Mr|Ms|Dr|No|St)\.)(?<!\bMrs\.)"
    r"\s+(?=[\"“‘'(]?[A-Z0-9])"
)


def sentences(text: str) -> list[str]:
    """A paragraph's sentences (a light split: at ". " before a capital)."""
    return [s for s in _SENTENCE_END.split(text) if s]


def lead_in_sentence(text: str) -> str:
    """The sentence of a lead-in paragraph that leads into the areas ("The progress made
    in the following areas is set out below:"): the last one saying so, not another
    sentence of the same paragraph ("The 2027 Work Plan covers 72 items in ten areas.")."""
    found = [s for s in sentences(text) if LEAD_IN.search(s) and _LEAD_IN_TOPIC.search(s)]
    return found[-1] if found else text


def _lead_in(blocks: list[Block]) -> int | None:
    """The sentence leading into the areas: followed by a heading or a topic paragraph."""
    for i, b in enumerate(blocks[:-1]):
        if b.kind != "para" or len(b.text.split()) > 60:
            continue
        if LEAD_IN.search(b.text) and _LEAD_IN_TOPIC.search(b.text):
            nxt = blocks[i + 1]
            if nxt.kind == "heading" or (nxt.kind == "para" and heading_like(nxt.text)):
                return i
            if _block_topic(nxt) is not None:
                return i
    return None


def _block_topic(b: Block) -> str | None:
    """The topic a paragraph opens with ("On innovation and technology, …"), or a list
    item's run-in heading ("(2) Tourism: the two sides will …"), if any."""
    if b.kind == "item":
        m = RUN_IN.match(b.text)
        if m is not None and heading_like(m.group("topic")) and len(m.group("topic").split()) <= 8:
            return display_heading(m.group("topic"))
    return _topic(b.text) if b.kind in ("para", "item") else None


def _topic(text: str) -> str | None:
    """The topic a paragraph opens with ("On innovation and technology, …"), if any."""
    m = TOPIC_OPENER.match(text)
    if m is None or LEAD_IN.search(text[: m.end()]):
        return None
    topic = m.group("topic").strip()
    if _NOT_A_TOPIC.match(topic) or _NOT_TOPIC_WORDS.search(topic) or len(topic.split()) > 8:
        return None
    return topic[:1].upper() + topic[1:]


def _strong_mode(blocks: list[Block], start: int) -> bool:
    """Whether the release marks its headings (2 of its first 4 heading-like lines)."""
    found = [
        b
        for b in blocks[start:]
        if b.kind == "heading" or (b.kind == "para" and b.lines == 1 and heading_like(b.text))
    ][:4]
    return sum(1 for b in found if b.kind == "heading") >= 2


def _first_area(blocks: list[Block], lo: int, strong_mode: bool) -> int | None:
    """The first heading from ``lo`` whose paragraphs report or promise something."""
    for i in range(lo, len(blocks) - 1):
        b = blocks[i]
        if b.kind == "end":
            return None
        if not _is_heading(b, strong_mode) or not _followed_by_text(blocks, i):
            continue
        if _STOP_HEADING.search(display_heading(b.text)) or CHROME.match(b.text):
            continue
        if _TITLE_WORDS.search(b.text):
            continue  # the release's title ("… Working Meeting held in …")
        nxt = blocks[i + 1].text
        if _DATELINE.search(nxt) or is_closing(nxt):
            continue
        if any(is_item_like(p.text) for p in _paragraphs_under(blocks, i, strong_mode)):
            return i
    return None


def _paragraphs_under(blocks: list[Block], i: int, strong_mode: bool) -> list[Block]:
    """The paragraphs after the heading ``blocks[i]``, up to the next heading."""
    out = []
    for b in blocks[i + 1 :]:
        if b.kind not in ("para", "item") or _is_heading(b, strong_mode):
            break
        out.append(b)
    return out


def _walk_headings(
    blocks: list[Block], start: int, strong_mode: bool
) -> tuple[list[ProgressArea], int]:
    areas: list[ProgressArea] = []
    i = start
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "end":
            break
        if _is_heading(b, strong_mode):
            name = display_heading(b.text)
            if _STOP_HEADING.search(name) or CHROME.match(b.text):
                break
            if _followed_by_text(blocks, i):
                if _DATELINE.search(blocks[i + 1].text):
                    break  # the title of another article
                areas.append(ProgressArea(b, name))
            # else a heading over headings (a group of areas): neither an area nor an item
        elif b.kind in ("para", "item") and areas:
            if _lists_signed(b.text):
                break  # the list of documents signed follows: not areas
            areas[-1].paras.append(b)
        i += 1
    return areas, i


def _lists_signed(text: str) -> bool:
    """Whether a paragraph leads into a list of documents signed ("The two sides signed the
    following documents:"): the titles after it, on lines of their own, are no headings."""
    return (
        SIGNED.search(text) is not None
        and bool(re.search(r"[:：]\s*$|\bthe\s+following\b|\bas\s+follows\b", text))
        and not promises(text)
    )


def _walk_topics(blocks: list[Block], start: int) -> tuple[list[ProgressArea], int]:
    """Areas opened by paragraphs naming their topic, from ``start`` (the first of them)."""
    areas: list[ProgressArea] = []
    i = start
    while i < len(blocks):
        b = blocks[i]
        if b.kind in ("end", "heading") or (b.kind == "para" and heading_like(b.text)):
            break
        if b.kind == "para" and _lists_signed(b.text):
            break
        if b.kind in ("para", "item"):
            topic = _block_topic(b)
            if topic is not None:
                areas.append(ProgressArea(None, topic))
            areas[-1].paras.append(b)
        i += 1
    return areas, i


def _close(areas: list[ProgressArea], end: int, blocks: list[Block]) -> tuple[int, list[str]]:
    """Cut the closing remarks off the last area: (the block where the items end, warnings)."""
    last = areas[-1].paras
    warnings: list[str] = []
    # Items still to come: paragraphs promising something that are not closing remarks
    # themselves ("… the next Plenary will be held …" promises and closes).
    # A paragraph on the whole work plan ("Regarding the 2026 Work Plan, the two sides agreed
    # to complete 30 items …") ends them as a closing remark does.
    ends = [is_closing(p.text) or about_whole_plan(p.text) for p in last]
    items = [promises(p.text) and not e for p, e in zip(last, ends, strict=True)]
    cut = len(last)
    for k in range(1 if areas[-1].heading is None else 0, len(last)):
        if ends[k] and not any(items[k + 1 :]):
            cut = k
            break
    while cut > 1 and _fragment(last[cut - 1].text):
        cut -= 1  # a line of page furniture after the items ("Page 2 of 2", "NNNN")
    for p, e in zip(last[:cut], ends, strict=False):
        if e and p is not last[0]:
            warnings.append(
                f'the paragraph "{first_words(p.text)}" in the last area reads like a closing '
                "remark but items follow it; kept as an item — check it"
            )
    k = cut
    while k > 1 and not is_item_like(last[k - 1].text):
        k -= 1
    for p in last[k:cut]:
        warnings.append(
            f'the paragraph "{first_words(p.text)}" after the last area\'s items may be a '
            "closing remark; kept as an item — check it"
        )
    if cut < len(last):
        # all of a headed last area closing: its heading is context too
        stop = last[cut] if cut or areas[-1].heading is None else areas[-1].heading
        end = next(i for i, b in enumerate(blocks) if b is stop)
        del last[cut:]
    return end, warnings


def _occasion_warnings(areas: list[ProgressArea], warned: list[str]) -> list[str]:
    """Paragraphs among the items, before the last area's end, that tell how the occasion
    went ("… was performed at the dinner") rather than plan or report: kept, warned."""
    out = []
    for p in (p for a in areas for p in a.paras):
        quoted = f'"{first_words(p.text)}"'
        told = OCCASION.search(p.text) is not None and not promises(p.text)
        if told and not any(quoted in w for w in warned):
            out.append(
                f"the paragraph {quoted} among the items tells how the meeting went rather than "
                "planning or reporting anything; kept as an item — check it"
            )
    return out


def _intro_warnings(blocks: list[Block], first: int, lead_in: int | None) -> list[str]:
    """Paragraphs before the first area that read like items (kept as context)."""
    out = []
    for i, b in enumerate(blocks[:first]):
        if b.kind not in ("para", "item") or i == lead_in or b.text.rstrip().endswith(":"):
            continue
        if heading_like(b.text) or _DATELINE.search(b.text) or is_closing(b.text):
            continue
        if re.search(r"\b(?:said|says|remarked|stressed)\b|[\"“]", b.text):
            continue  # someone's words
        if OPENS_AS_ITEM.match(b.text) or first_word(b.text) in _IMPERATIVE:
            out.append(
                f'the paragraph "{first_words(b.text)}" before the first area reads like an '
                "item; kept as context — check it"
            )
    return out


def find_progress(blocks: list[Block]) -> Progress | None:
    """The areas of a progress report or work plan in ``blocks``; None if it is not one."""
    lead_in = _lead_in(blocks)
    lo = lead_in + 1 if lead_in is not None else 0
    strong_mode = _strong_mode(blocks, lo)
    if (
        lead_in is not None
        and _is_heading(blocks[lo], strong_mode)
        and _followed_by_text(blocks, lo)
    ):
        first: int | None = lo  # the heading the lead-in sentence leads to
    else:
        first = _first_area(blocks, lo, strong_mode)
    if first is not None and (lead_in is None or first <= lo + 1):
        areas, end = _walk_headings(blocks, first, strong_mode)
    else:
        first = next(
            (i for i in range(lo, len(blocks)) if _block_topic(blocks[i]) is not None),
            None,
        )
        if first is None:
            return None
        areas, end = _walk_topics(blocks, first)
    areas = [a for a in areas if a.paras]
    if len(areas) < 2:
        return None
    intro = " ".join(b.text for b in blocks[:first])
    reports = PROGRESS_SIGNAL.search(intro) is not None
    if lead_in is None and not reports:
        return None
    paras = [p for a in areas for p in a.paras]
    if sum(1 for p in paras if is_item_like(p.text)) < 0.5 * len(paras):
        return None
    end, warnings = _close(areas, end, blocks)
    areas = [a for a in areas if a.paras]
    if len(areas) < 2:
        return None
    warnings += _occasion_warnings(areas, warnings)
    warnings = _intro_warnings(blocks, first, lead_in) + warnings
    kind = PROGRESS_REPORT if reports else AGREEMENT
    reviews = REVIEW_SIGNAL.search(intro) is not None
    return Progress(first, end, areas, lead_in, warnings, kind, reviews)
