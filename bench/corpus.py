"""A deterministic synthetic corpus of co-operation releases, written as release text files.

Meetings between Hong Kong (or Macao) and a Mainland province, each with 10–15 areas of
3–8 commitments; every commitment a 100–400 character paragraph built from a policy
vocabulary. The first two meetings (Hong Kong & Zhejiang, a year apart) have 15 areas
each and the second continues the first (most commitments kept, some reworded, some
new), for the diff benchmark. The same ``size`` always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

AREAS = [
    "Finance",
    "Innovation and Technology",
    "Trade and Investment",
    "Aviation",
    "Education",
    "Youth Exchange",
    "Culture and Tourism",
    "Exchange of Talents and Civil Servants",
    "Health, Hygiene and Chinese Medicine",
    "Environmental Protection",
    "Legal and Dispute Resolution",
    "Facilitation for Hong Kong People in the Mainland",
    "Maritime and Logistics",
    "Agriculture and Food Safety",
    "Sports and Major Events",
    "Digital Economy",
    "Green and Low-Carbon Development",
    "Intellectual Property",
    "Professional Services",
    "Infrastructure and Transport",
    "Social Welfare and Elderly Care",
    "Energy",
    "Urban Planning and Housing",
    "Customs Clearance",
    "Creative Industries",
]
PROVINCES = [
    "Zhejiang", "Guangdong", "Fujian", "Sichuan", "Guangxi", "Hubei", "Hunan", "Jiangsu",
    "Shandong", "Henan", "Hainan", "Yunnan", "Guizhou", "Jiangxi", "Anhui", "Shaanxi",
    "Chongqing", "Shanghai", "Beijing", "Tianjin", "Liaoning", "Jilin", "Heilongjiang",
    "Shanxi", "Hebei", "Gansu", "Qinghai", "Ningxia", "Xinjiang", "Inner Mongolia",
]  # fmt: skip
OPENERS = [
    "Support", "Encourage", "Promote", "Strengthen", "Explore", "Deepen", "Facilitate",
    "Jointly establish", "Continue to support", "Actively promote", "Study the feasibility of",
    "Expand", "Enhance", "Take forward",
]  # fmt: skip
ACTORS = [
    "enterprises", "universities", "financial institutions", "professional bodies",
    "young entrepreneurs", "research institutes", "chambers of commerce", "hospitals",
    "law firms", "arbitration institutions", "airport authorities", "port operators",
    "cultural institutions", "vocational schools", "start-ups", "technology parks",
    "trade associations", "insurance companies", "green finance providers", "civil servants",
]  # fmt: skip
ACTIONS = [
    "to set up regional headquarters in", "to list and raise funds in",
    "to carry out joint research with partners in", "to hold exhibitions and forums in",
    "to build innovation platforms together with counterparts in",
    "to share experience in public administration with", "to open representative offices in",
    "to issue green and sustainable bonds in", "to develop pilot projects with",
    "to provide professional services to enterprises in",
    "to recruit interns and graduates from", "to train teachers and doctors from",
]  # fmt: skip
OBJECTS = [
    "cross-boundary data flow", "carbon neutrality", "the Greater Bay Area",
    "the Belt and Road Initiative", "supply chain resilience", "mutual recognition of "
    "professional qualifications", "artificial intelligence", "biomedical technology",
    "smart city solutions", "elderly care services", "youth internship programmes",
    "cultural heritage conservation", "intellectual property trading", "fintech regulation",
    "offshore renminbi business", "low-altitude economy", "new energy vehicles",
    "rural revitalisation", "marine ecology", "cold-chain logistics", "e-commerce platforms",
    "Chinese medicine standardisation", "commercial arbitration", "sports exchanges",
]  # fmt: skip
CLAUSES = [
    "so as to achieve complementarity and mutual benefits",
    "and jointly contribute to the high-quality development of the country",
    "making full use of the advantages of both places",
    "with a view to deepening practical co-operation",
    "and provide more opportunities for young people of the two places",
    "and improve the level of facilitation for residents",
    "in accordance with the law and relevant regulations",
    "through regular meetings of a joint working group",
    "and establish a long-term co-operation mechanism",
    "so that results can be shared more widely",
]  # fmt: skip
VERBS = [
    "strengthen exchanges on", "share policy information on", "co-organise training on",
    "set up a joint task force on", "publish an annual review of",
    "encourage investment in", "promote standards for", "explore new models of",
]  # fmt: skip


@dataclass
class MeetingSpec:
    date: dt.date
    party: str
    other: str
    place: str
    areas: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def commitments(self) -> int:
        return sum(len(c) for _n, c in self.areas)


def _paragraph(rng: random.Random) -> str:
    """One commitment: 100–400 characters, one or two sentences of policy prose."""
    while True:
        parts = [
            f"{rng.choice(OPENERS)} {rng.choice(ACTORS)} of the two places "
            f"{rng.choice(ACTIONS)} {rng.choice([*PROVINCES, 'Hong Kong'])} "
            f"in the field of {rng.choice(OBJECTS)}, {rng.choice(CLAUSES)}."
        ]
        if rng.random() < 0.6:
            parts.append(
                f"Both sides will {rng.choice(VERBS)} {rng.choice(OBJECTS)} and "
                f"{rng.choice(OBJECTS)}, {rng.choice(CLAUSES)}."
            )
        if rng.random() < 0.3:
            parts.append(f"Both sides will also {rng.choice(VERBS)} {rng.choice(OBJECTS)}.")
        text = " ".join(parts)
        if 100 <= len(text) <= 400:
            return text


def _reword(text: str, rng: random.Random) -> str:
    swaps = [("Support", "Continue to support"), ("Promote", "Further promote"),
             ("two places", "two sides"), ("Encourage", "Actively encourage"),
             ("Explore", "Study and explore")]  # fmt: skip
    for old, new in rng.sample(swaps, len(swaps)):
        if old in text:
            return text.replace(old, new, 1)
    return text.rstrip(".") + ", and review progress every year."


def _meeting(rng: random.Random, date: dt.date, other: str, n_areas: int) -> MeetingSpec:
    party = "Macao" if rng.random() < 0.15 else "Hong Kong"
    place = party if rng.random() < 0.5 else other
    spec = MeetingSpec(date, party, other, place)
    for name in rng.sample(AREAS, n_areas):
        spec.areas.append((name, [_paragraph(rng) for _ in range(rng.randint(3, 8))]))
    return spec


def _successor(first: MeetingSpec, rng: random.Random) -> MeetingSpec:
    """The next year's meeting between the same parties: kept, reworded, dropped, new."""
    spec = MeetingSpec(first.date.replace(year=first.date.year + 1), first.party, first.other,
                       first.other)  # fmt: skip
    for name, texts in first.areas:
        out: list[str] = []
        for text in texts:
            roll = rng.random()
            if roll < 0.6:
                out.append(text)
            elif roll < 0.85:
                out.append(_reword(text, rng))
        out.extend(_paragraph(rng) for _ in range(rng.randint(0, 2)))
        spec.areas.append((name, out or [_paragraph(rng)]))
    return spec


def build(size: int, seed: int = 7) -> list[MeetingSpec]:
    """Meetings holding exactly ``size`` commitments (at least the diff pair's)."""
    rng = random.Random(seed * 1_000_003 + size)
    start = dt.date(1985, 1, 7)
    first = _meeting(rng, start, "Zhejiang", 15)
    first.party, first.place = "Hong Kong", "Hong Kong"
    meetings = [first, _successor(first, rng)]
    total = sum(m.commitments for m in meetings)
    i = 0
    while total < size:
        i += 1
        other = PROVINCES[i % len(PROVINCES)]
        meeting = _meeting(rng, start + dt.timedelta(days=7 * i), other, rng.randint(10, 15))
        meetings.append(meeting)
        total += meeting.commitments
    # Trim the last meetings' areas down to the exact size, keeping one commitment per area.
    excess = total - size
    for meeting in reversed(meetings[2:]):
        for _name, texts in reversed(meeting.areas):
            while excess > 0 and len(texts) > 1:
                texts.pop()
                excess -= 1
        if excess <= 0:
            break
    return meetings


def release_text(spec: MeetingSpec) -> str:
    """The meeting as a press release the parser reads (headings underlined with -)."""
    d = spec.date
    day = f"{d:%B} {d.day}"
    parts = [
        f"{spec.party} and {spec.other} hold co-operation conference in {spec.place}",
        d.isoformat(),
        f"The Chief Executive of {spec.party} met the Governor of {spec.other} in "
        f"{spec.place} today ({day}) to review co-operation between the two places.",
        f"{spec.party} and {spec.other} reached consensus on the following "
        f"{len(spec.areas)} co-operation areas:",
    ]
    for name, texts in spec.areas:
        parts.append(f"{name}\n{'-' * len(name)}")
        parts.extend(texts)
    parts.append(f"Ends/{d:%A}, {day}, {d.year}")
    return "\n\n".join(parts) + "\n"


def write(meetings: list[MeetingSpec], directory: Path) -> tuple[list[Path], int]:
    """Write one release file per meeting; returns the paths and their total bytes."""
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    total = 0
    for n, spec in enumerate(meetings):
        path = directory / f"release-{n:05d}-{spec.other.lower().replace(' ', '-')}.txt"
        data = release_text(spec).encode("utf-8")
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
    return paths, total
