"""Issue 2, property tests: parsing any text never raises, is deterministic, and every
commitment's text comes from the input.

The parser may only normalise whitespace, drop control characters and separate glued
words by inserting spaces, so a commitment with all whitespace removed is a substring
of the input with all whitespace (and control characters) removed.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import InputError, Meeting, parse_bytes, parse_text
from parsers.normalise import strip_controls

SAMPLES = Path(__file__).resolve().parent.parent / "store" / "samples"
DATA = Path(__file__).resolve().parent / "data"

SEED_LINES = sorted(
    {
        line
        for path in sorted(SAMPLES.glob("hong-kong-zhejiang-*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
)
AREA_NAMES = sorted(
    {
        a["name"]
        for path in sorted(DATA.glob("agreement-*.json"))
        for a in json.loads(path.read_text(encoding="utf-8"))["areas"]
    }
)

PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def squash(text: str) -> str:
    """Text without terminal escapes, control or format characters, or any whitespace."""
    text = strip_controls(text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    return "".join(text.split())


# --- strategies ----------------------------------------------------------------------------

headings = st.builds(
    lambda name, style, n: {
        0: name,
        1: name.upper(),
        2: f"## {name}",
        3: f"{n}. {name}",
        4: f"({n}) {name}",
        5: f"**{name}**",
        6: f"{name}\n{'-' * len(name)}",
        7: f"{name}\n\n{'=' * len(name)}",
    }[style],
    st.sampled_from(AREA_NAMES),
    st.integers(0, 7),
    st.integers(1, 20),
)
consensus = st.builds(
    lambda a, b, n: f"{a} and {b} reached consensus on the following {n} co-operation areas:",
    st.sampled_from(["Hong Kong", "Zhejiang", "Guangxi", "Macao"]),
    st.sampled_from(["Hong Kong", "Zhejiang", "Sichuan", ""]),
    st.one_of(st.integers(0, 40), st.sampled_from(["twelve", "six", "-3", "1e9", ""])),
)
rules = st.builds(lambda ch, n: ch * n, st.sampled_from("-=_*~"), st.integers(1, 90))
bullets = st.builds(
    lambda b, t: b + t,
    st.sampled_from(["• ", "- ", "* ", "  • ", "(i) ", "1. ", "\u00a0\u00a0\u00a0"]),
    st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=60)),
)
controls = st.text(
    alphabet=st.sampled_from([chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]]),
    min_size=1,
    max_size=8,
)
markup = st.sampled_from(
    [
        "[bold]",
        "[/]",
        "[red]Finance[/red]",
        "[link=x]",
        "<b>",
        "</p>",
        "<h2>Aviation</h2>",
        "&nbsp;",
        "&amp;",
        "**",
        "## ",
        "\\",
        "{}",
        "%s",
        "Source: HKSAR Government Press Releases",
        "More Images",
        "Ends/Monday, June 26, 2023",
        "2025-04-24 18:32 Last Updated At:04-25 20:02",
        "today (February 30)",
        "Ends/Friday, March 7, 2025",
        '"Co-operation Memorandum between A and B";',
        "andZhejiang inHong Zhejiangin",
    ]
)
lines = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(SEED_LINES).map(lambda s: s.strip()),
    headings,
    consensus,
    rules,
    bullets,
    controls,
    markup,
    st.text(max_size=80),
    st.just(""),
)
release_like = st.builds(
    lambda parts, nl: nl.join(parts),
    st.lists(lines, max_size=60),
    st.sampled_from(["\n", "\r\n", "\r", "\n\n"]),
)
any_text = st.one_of(st.text(), release_like)


def _check_from_input(text: str, m: Meeting) -> None:
    source = squash(text)
    for c in m.commitments:
        assert c.text.strip(), "empty commitment"
        assert squash(c.text) in source, c.text[:120]


# --- properties ----------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(st.text())
def test_arbitrary_text_never_raises(text):
    m = parse_text(text, source="fuzz.txt")
    assert isinstance(m, Meeting)
    json.dumps(m.to_dict())  # what `coop-tui parse --json` prints


@PROPERTY_SETTINGS
@given(release_like)
def test_release_like_text_never_raises(text):
    m = parse_text(text, source="fuzz.txt")
    assert isinstance(m, Meeting)
    json.dumps(m.to_dict())
    assert m.stated_area_count is None or m.stated_area_count >= 0


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(lines, st.sampled_from(["<p>", "</p>", "<h3>", "</h3>", "<script>"]))))
def test_html_mode_never_raises(parts):
    m = parse_text("\n".join(parts), source="fuzz.html", html=True)
    assert isinstance(m, Meeting)
    json.dumps(m.to_dict())


@PROPERTY_SETTINGS
@given(any_text)
def test_deterministic(text):
    assert parse_text(text, source="x.txt").to_dict() == parse_text(text, source="x.txt").to_dict()


@PROPERTY_SETTINGS
@given(any_text)
def test_commitments_come_from_the_input(text):
    _check_from_input(text, parse_text(text, source="x.txt"))


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=80), st.booleans())
def test_commitments_come_from_shuffled_seed_lines(seed_lines, crlf):
    text = ("\r\n" if crlf else "\n").join(seed_lines)
    _check_from_input(text, parse_text(text, source="x.txt"))


@PROPERTY_SETTINGS
@given(release_like)
def test_ids_unique_within_a_meeting(text):
    m = parse_text(text, source="x.txt")
    commitment_ids = [c.id for c in m.commitments]
    area_ids = [a.id for a in m.areas]
    assert len(set(commitment_ids)) == len(commitment_ids)
    assert len(set(area_ids)) == len(area_ids)


@PROPERTY_SETTINGS
@given(st.binary(max_size=2048))
def test_parse_bytes_raises_only_input_error(data):
    try:
        m = parse_bytes(data, "fuzz.bin")
    except InputError as exc:
        assert "\n" not in str(exc).strip()
    else:
        assert m.commitments  # parse_bytes only returns meetings with an agreement
