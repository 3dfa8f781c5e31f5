"""Common co-operation topics and their vocabulary.

Used to name a group of commitments whose heading was lost, and to tell where one
topic ends and the next begins inside a run of unheaded paragraphs. A topic scores
a paragraph by the vocabulary it uses; phrases weigh more than single words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

# name → vocabulary: stems (a stem of five letters or more matches any word it begins);
# "_" joins the words of a phrase.
TOPICS: dict[str, str] = {
    "Finance": "financ fintech bond bonds listing listed capital_market stock securities "
    "treasury bank banking insurance renminbi rmb currency wealth asset_management "
    "refinancing merger acquisition green_finance exchanges_and_clearing fund_raising "
    "family_office investors",
    "Aviation": "aviation airport airports airline airlines flight flights air_cargo "
    "aircraft airspace air_route air_traffic",
    "Education": "education school schools teacher teachers student students university "
    "universities vocational academic curriculum study_tour study_tours sister_school "
    "higher_education kindergarten",
    "Innovation and Technology": "innovation technology technologies technological sci-tech "
    "research_and_development r&d laboratory laboratories digital digitalisation "
    "scientific science high-tech start-up startups incubat",
    "Trade and Investment": "trade trading investment invest enterprises e-commerce "
    "exhibition commerce chambers free_trade_zone economic market business "
    "intellectual_property professional_services",
    "Youth": "youth youths young internship internships entrepreneurial",
    "Culture and Tourism": "culture cultural arts artists museum museums heritage tourism "
    "tourist tourists performances creative film cruise itinerar",
    "Talent and Civil Service": "talent talents civil_servant civil_servants civil_service "
    "professionals qualifications",
    "Health and Chinese Medicine": "health medical medicine hospital hospitals clinical "
    "healthcare drug drugs disease diseases biomedical pharmaceutical chinese_medicine",
    "Environmental Protection": "environment environmental ecological ecology emission "
    "emissions carbon climate pollution conservation greenhouse waste green_development",
    "Legal and Dispute Resolution": "legal law lawyers arbitration arbitral mediation "
    "dispute disputes judicial court courts legal_aid mediators",
    "Facilitation for Hong Kong People": "facilitation residents residence_permit "
    "residence_permits travel_permit travel_permits one-stop living",
    "Housing": "housing estate dwelling construction building buildings property_management",
    "Transport and Logistics": "transport logistics railway railways rail road roads "
    "multimodal freight cargo supply_chain warehousing distribution cold-chain highway",
    "Maritime": "maritime port ports shipping ship ships seafarers vessel vessels marine "
    "shipowners",
    "Belt and Road": "belt_and_road silk_road",
    "Agriculture and Food": "agriculture agricultural food farming fisheries farm produce",
    "Sports": "sport sports athletes games equine stadium marathon coaches",
    "Energy": "energy electricity power_grid renewable hydrogen nuclear gas",
    "Customs": "customs clearance inspection quarantine",
    "Social Welfare": "welfare elderly social_services rehabilitation",
    "Meteorology": "meteorolog weather typhoon rainstorm radar forecast nowcasting "
    "observator tropical_cyclone lightning rainfall",
    "Statistics": "statistic census national_accounts",
    "Emergency Management": "emergenc disaster rescue evacuat drill",
}

_WORD = re.compile(r"[a-z0-9&]+(?:-[a-z0-9&]+)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("co-operation", "cooperation"))


@dataclass
class Topic:
    name: str
    terms: list[tuple[str, ...]] = field(default_factory=list)  # each term is a word sequence


@dataclass
class Lexicon:
    topics: list[Topic]
    #: Scores of texts seen before (headings repeat across releases); bounded.
    _cache: dict[str, dict[str, float]] = field(default_factory=dict, repr=False, compare=False)
    #: The terms by how a word finds them (see ``_index``), built from ``topics`` once.
    _terms: _TermIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._terms = _TermIndex(self.topics)

    @classmethod
    def default(cls) -> Lexicon:
        topics = []
        for name, vocab in TOPICS.items():
            terms = [tuple(t.split("_")) for t in vocab.split()]
            topics.append(Topic(name, terms))
        return cls(topics)

    def scores(self, text: str) -> dict[str, float]:
        """How strongly each topic's vocabulary appears in ``text`` (0 = not at all)."""
        cached = self._cache.get(text)
        if cached is None:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[text] = self._scores(text)
        return dict(cached)

    def _scores(self, text: str) -> dict[str, float]:
        counts = self._terms.counts(_words(text))
        hits: dict[int, float] = {}
        for (ti, k), n in sorted(counts.items()):  # each topic's terms in order, as summed
            weight = 1.5 if len(self.topics[ti].terms[k]) > 1 else 1.0
            hits[ti] = hits.get(ti, 0.0) + (1.0 + math.log(n)) * weight
        return {self.topics[ti].name: h for ti, h in sorted(hits.items()) if h}

    def topic_of_heading(self, heading: str) -> str | None:
        """The topic a heading names, if any ("Youth development" → "Youth")."""
        scores = self.scores(heading)
        if not scores:
            return None
        return max(scores.items(), key=lambda kv: (kv[1], kv[0]))[0]


_CACHE_SIZE = 4096
_DEFAULT: list[Lexicon] = []


def default_lexicon() -> Lexicon:
    """One shared default lexicon, so its score cache serves every parse."""
    if not _DEFAULT:
        _DEFAULT.append(Lexicon.default())
    return _DEFAULT[0]


class _TermIndex:
    """Every term's ``_count`` in a text's words, without trying every term on every word.

    A short stem counts the words equal to it, a longer one the words it begins (looked
    up by each word's prefixes of five letters or more), a phrase its runs of words
    (looked up by its first word). Terms are ``(topic index, term index)``.
    """

    def __init__(self, topics: list[Topic]) -> None:
        self.exact: dict[str, list[tuple[int, int]]] = {}
        self.prefix: dict[str, list[tuple[int, int]]] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], tuple[int, int]]]] = {}
        for ti, topic in enumerate(topics):
            for k, term in enumerate(topic.terms):
                if len(term) > 1:
                    self.phrases.setdefault(term[0], []).append((term, (ti, k)))
                elif len(term[0]) <= _EXACT_STEM:
                    self.exact.setdefault(term[0], []).append((ti, k))
                else:
                    self.prefix.setdefault(term[0], []).append((ti, k))
        self.longest = max((len(stem) for stem in self.prefix), default=0)

    def counts(self, words: list[str]) -> dict[tuple[int, int], int]:
        found: dict[tuple[int, int], int] = {}
        for word, n in Counter(words).items():
            for key in self.exact.get(word, ()):
                found[key] = found.get(key, 0) + n
            for end in range(_EXACT_STEM + 1, min(len(word), self.longest) + 1):
                for key in self.prefix.get(word[:end], ()):
                    found[key] = found.get(key, 0) + n
        for i, word in enumerate(words):
            for term, key in self.phrases.get(word, ()):
                if tuple(words[i : i + len(term)]) == term:
                    found[key] = found.get(key, 0) + 1
        return found


#: Stems this long or shorter match whole words only.
_EXACT_STEM = 4


def _count(words: list[str], term: tuple[str, ...]) -> int:
    """How often ``term`` occurs in ``words`` (what ``_TermIndex.counts`` gives each term)."""
    if len(term) == 1:
        stem = term[0]
        if len(stem) <= _EXACT_STEM:
            return sum(1 for w in words if w == stem)
        return sum(1 for w in words if w.startswith(stem))
    n = len(term)
    return sum(1 for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == term)


def best_topic(scores: dict[str, float]) -> tuple[str | None, float]:
    """The strongest topic and its share of all the evidence (0–1)."""
    total = sum(scores.values())
    if not total:
        return None, 0.0
    name, value = max(scores.items(), key=lambda kv: (kv[1], kv[0]))
    return name, value / total


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two topic-score vectors (0 when either is empty)."""
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)
