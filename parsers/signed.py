"""The documents signed at a meeting, from the text after the co-operation areas."""

from __future__ import annotations

import re

from parsers.blocks import Block
from parsers.model import SignedDocument, id_key
from parsers.normalise import GlueFixer, collapse_ws

DOC_WORDS = re.compile(
    r"\b(?:agreement|memorand(?:um|a)|mechanism|letter of intent|arrangement|framework|"
    r"protocol|accord|declaration|understanding|minutes|charter|action plan|contract|"
    r"convention|treaty|mou)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,400})[\"”]")
#: A listed document's mark: "(a)", "iii)", "2)", "2." (a numbered list's line, which the
#: block builder keeps as a paragraph when it looks like a numbered heading), a bullet.
_ITEM_MARK = re.compile(
    r"^\s*(?:\(?(?:[ivxlc]{1,6}|[a-z]|\d{1,3})\)|\d{1,3}\.(?!\d)|[•·\-–*])\s*", re.IGNORECASE
)
_SIGNING = re.compile(r"\bsign(?:ed|ing)?\b", re.IGNORECASE)
_TRAILING = re.compile(r"[\s;,.:]+(?:and|or)?\s*$", re.IGNORECASE)
# "… signed the Framework Agreement on Hengqin Development and the Letter of Intent on …":
# a run of capitalised words (small words allowed inside) after "signed".
_TITLE_WORD = r"(?:[A-Z0-9][\w'’/&()-]*|of|on|and|for|the|between|in|to|with|a|an)"
_SIGNED_UNQUOTED = re.compile(
    r"\bsigned\s+(?:an?\s+|the\s+)?(" + _TITLE_WORD + r"(?:\s+" + _TITLE_WORD + r")*)"
)
_SMALL = {"of", "on", "and", "for", "the", "between", "in", "to", "with", "a", "an"}
#: A sentence leading into a list of documents: "The two sides signed the following
#: documents:", "… were signed as follows".
_LIST_LEAD = re.compile(r"[:：]\s*$|\bthe\s+following\b|\bas\s+follows\b|\bbelow\b", re.IGNORECASE)
#: Words a document's title does not have, but a sentence of narrative does.
_NARRATIVE_WORDS = re.compile(
    r"\b(?:said|says|will|was|were|is|are|has|have|had|today|also|witnessed|attended)\b",
    re.IGNORECASE,
)


#: Kinds of document a listed title may name besides ``DOC_WORDS``: "Co-operation Plan on …".
_LISTED_DOC_WORDS = re.compile(
    r"\b(?:plans?|programmes?|programs?|roadmap|statement|letters?|pact|consensus|record|"
    r"guidelines)\b",
    re.IGNORECASE,
)


def _listed_title(text: str) -> bool:
    """Whether a line after a lead-in reads as a document's title: short, capitalised, one
    phrase naming a kind of document (not a sentence of narrative)."""
    title = _ITEM_MARK.sub("", text).strip(" \"“”'")
    if not 2 <= len(title.split()) <= 40 or not title[:1].isupper():
        return False
    if ". " in title or _NARRATIVE_WORDS.search(title):
        return False
    return bool(DOC_WORDS.search(title) or _LISTED_DOC_WORDS.search(title))


def _unquoted_titles(text: str) -> list[str]:
    """Capitalised document names right after "signed", split at "and the"."""
    found = []
    for m in _SIGNED_UNQUOTED.finditer(text):
        for part in re.split(r"\s+and\s+(?:the|an?)\s+", m.group(1)):
            words = part.split()
            while words and words[-1].lower() in _SMALL:
                words.pop()  # "… Development and" → "… Development"
            if words and words[0][0].isupper():
                found.append(" ".join(words))
    return found


def _clean_title(title: str) -> str:
    title = collapse_ws(title).strip(" \"“”'")
    prev = None
    while prev != title:
        prev = title
        title = _TRAILING.sub("", title).strip(" \"“”'")
    return title


def find_signed_documents(blocks: list[Block], glue: GlueFixer) -> list[SignedDocument]:
    """Titles quoted in a signing sentence, or listed as items, that name a kind of document;
    or written as plain lines after a lead-in ("The two sides signed the following
    documents:" or a heading "Documents signed").

    ``blocks`` start where the co-operation areas end; reading stops at the end marker
    or at the first paragraph that is neither about signing nor a listed document, once
    some documents were found (so an unrelated article after the release adds nothing).
    """
    titles: list[str] = []
    seen: set[str] = set()

    def add(title: str, listed: bool = False) -> None:
        title = glue.fix(_clean_title(title))
        key = id_key(title)
        if len(title.split()) >= 2 and (listed or DOC_WORDS.search(title)) and key not in seen:
            seen.add(key)
            titles.append(title)

    listing = False  # after a lead-in ("… signed the following documents:")
    for b in blocks:
        if b.kind == "end":
            break
        if b.kind == "heading":
            if listing and not _SIGNING.search(b.text) and _listed_title(b.text):
                add(b.text, listed=True)  # a title on a line of its own, set in bold
                continue
            if titles and not _SIGNING.search(b.text):
                break
            listing = _SIGNING.search(b.text) is not None  # "Documents signed"
            continue
        quoted = _QUOTED.findall(b.text)
        lead = not quoted and bool(_SIGNING.search(b.text) and _LIST_LEAD.search(b.text))
        listing = listing or lead
        if listing and not lead and b.kind == "para" and not quoted and _listed_title(b.text):
            add(_ITEM_MARK.sub("", b.text), listed=True)  # a title on a line of its own
            continue
        if listing and not lead and b.kind == "para":
            listing = False  # narrative ("Also present at the signing were …"): the list is over
        if b.kind == "item" or (_ITEM_MARK.match(b.text) and DOC_WORDS.search(b.text[:80])):
            if quoted:
                for q in quoted:
                    add(q)
            else:
                add(_ITEM_MARK.sub("", b.text))
        elif quoted and (_SIGNING.search(b.text) or DOC_WORDS.search(b.text)):
            for q in quoted:
                add(q)
        elif _SIGNING.search(b.text) and _unquoted_titles(b.text):
            for title in _unquoted_titles(b.text):
                add(title)
        elif titles and not _SIGNING.search(b.text):
            break
    return [SignedDocument(t) for t in titles]
