"""Issue 2: bad input gets one clear line and exit status 2; other encodings still parse.

A missing path, a directory, an empty or whitespace-only file, a binary file and a text
with no agreement in it are errors (``InputError`` in the API; one line on stderr and
exit status 2 from ``coop-tui parse``, never a traceback). Text that is not UTF-8 is
decoded sensibly (a BOM, UTF-16, GB18030, cp1252) and parsed like any other.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from parsers import InputError, Meeting, parse_bytes, parse_file, parse_text

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def ws(text: str) -> str:
    return " ".join(text.split())


def load(key: str) -> dict:
    return json.loads((DATA / f"agreement-{key}.json").read_text(encoding="utf-8"))


def plain_release(ag: dict) -> str:
    """The agreement as a simple text release: title, date, lead, headed areas, signing."""
    lines = [ag["title"], "", ag["date_line"], ""]
    for p in ag["lead"]:
        lines += [p, ""]
    for area in ag["areas"]:
        lines += [area["name"], ""]
        for c in area["commitments"]:
            lines += [c, ""]
    lines += [ag["signing_heading"], ""]
    for p in ag["signing"]:
        lines += [p, ""]
    return "\n".join(lines)


def texts(m: Meeting) -> list[list[str]]:
    return [[ws(c.text) for c in a.commitments] for a in m.areas]


def expected(ag: dict) -> list[list[str]]:
    return [a["commitments"] for a in ag["areas"]]


RECIPE = """Grandma's tomato and egg stir-fry

Serves 2. Preparation time: 10 minutes.

Ingredients
-----------
  • 4 eggs
  • 3 ripe tomatoes, cut into wedges
  • 1 tsp sugar, salt to taste

Method
------
Beat the eggs with a pinch of salt. Scramble them in a hot wok until just set, then
set them aside.

Fry the tomatoes until soft, add the sugar, return the eggs and toss together.
Serve with steamed rice.
"""

NOT_FOUND_PAGE = """<!DOCTYPE html><html><head><title>Page not found</title>
<script>var x = 1;</script></head><body><nav><a href="/">Home</a></nav>
<h1>404 - Page not found</h1><p>The page you requested could not be found.</p>
<footer>2025 | Important notices</footer></body></html>
"""

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(2).randbytes(4096)


def bad_files(tmp: Path) -> dict[str, Path]:
    files = {
        "missing": tmp / "no-such-release.txt",
        "directory": tmp / "a-folder",
        "empty": tmp / "empty.txt",
        "whitespace-only": tmp / "blank.txt",
        "binary": tmp / "photo.png",
        "binary-named-txt": tmp / "release.txt",
        "no-agreement": tmp / "recipe.txt",
        "no-agreement-html": tmp / "not-found.html",
    }
    files["directory"].mkdir()
    files["empty"].write_bytes(b"")
    files["whitespace-only"].write_bytes(b"  \n\t\n   \r\n\n")
    files["binary"].write_bytes(PNG)
    files["binary-named-txt"].write_bytes(PNG)
    files["no-agreement"].write_text(RECIPE, encoding="utf-8")
    files["no-agreement-html"].write_text(NOT_FOUND_PAGE, encoding="utf-8")
    return files


BAD_KINDS = [
    "missing",
    "directory",
    "empty",
    "whitespace-only",
    "binary",
    "binary-named-txt",
    "no-agreement",
    "no-agreement-html",
]


# --- the API -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_parse_file_raises_one_line_input_error(tmp_path, kind):
    path = bad_files(tmp_path)[kind]
    with pytest.raises(InputError) as info:
        parse_file(path)
    message = str(info.value)
    assert message.strip(), "empty error message"
    assert "\n" not in message.strip(), message
    assert path.name in message, message


@pytest.mark.parametrize(
    ("kind", "data", "name"),
    [
        ("empty", b"", "empty.txt"),
        ("whitespace-only", b" \n\t \r\n", "blank.txt"),
        ("binary", PNG, "photo.png"),
        ("no-agreement", RECIPE.encode(), "recipe.txt"),
        ("no-agreement-html", NOT_FOUND_PAGE.encode(), "not-found.html"),
    ],
)
def test_parse_bytes_raises_one_line_input_error(kind, data, name):
    with pytest.raises(InputError) as info:
        parse_bytes(data, name)
    assert "\n" not in str(info.value).strip()
    assert str(info.value).strip()


def test_parse_text_without_an_agreement_gives_no_areas():
    m = parse_text(RECIPE, source="recipe.txt")
    assert isinstance(m, Meeting)
    assert m.areas == []
    assert m.commitments == []


def test_undecodable_bytes_raise_input_error_not_unicode_error():
    # UTF-16 byte-order mark followed by an odd number of bytes and a lone surrogate
    data = b"\xff\xfe" + "Finance".encode("utf-16-le") + b"\x00\xd8\x41"
    with pytest.raises(InputError):
        parse_bytes(data, "broken.txt")


# --- other encodings -----------------------------------------------------------------------

ENCODINGS = [
    ("cp1252", "guangxi-2025"),  # é and ’ as single bytes
    ("gb18030", "sichuan-2024"),  # Chinese place names
    ("utf-16", "guangxi-2025"),  # with a BOM
    ("utf-16", "sichuan-2024"),
    ("utf-8-sig", "guangxi-2025"),  # UTF-8 with a BOM
    ("utf-8-sig", "sichuan-2024"),
]


@pytest.mark.parametrize(("encoding", "key"), ENCODINGS, ids=[f"{e}-{k}" for e, k in ENCODINGS])
def test_non_utf8_release_parses(tmp_path, encoding, key):
    ag = load(key)
    data = plain_release(ag).encode(encoding)
    if encoding in ("cp1252", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # the test really gives the parser non-UTF-8 bytes
    path = tmp_path / f"{key}.txt"
    path.write_bytes(data)
    m = parse_file(path)
    assert texts(m) == expected(ag)
    assert [ws(a.name) for a in m.areas] == [a["name"] for a in ag["areas"]]
    assert (m.date, sorted(m.parties)) == (ag["date"], sorted(ag["parties"]))
    assert "\ufeff" not in m.title
    assert parse_bytes(data, path.name).to_dict() == m.to_dict()


def test_non_utf8_text_keeps_its_accents_and_chinese(tmp_path):
    cp = parse_bytes(plain_release(load("guangxi-2025")).encode("cp1252"), "g.txt")
    assert any("café" in c.text for c in cp.commitments)
    assert any("Hong Kong’s maritime" in c.text for c in cp.commitments)
    gb = parse_bytes(plain_release(load("sichuan-2024")).encode("gb18030"), "s.txt")
    assert any("成都" in c.text for c in gb.commitments)
    assert any("三星堆" in c.text for c in gb.commitments)


def test_bom_and_crlf_seed_gives_the_same_ids(seed_2025_text):
    plain = parse_bytes(seed_2025_text.encode("utf-8"), "seed.txt")
    bom = parse_bytes(seed_2025_text.replace("\n", "\r\n").encode("utf-8-sig"), "seed.txt")
    assert bom.to_dict() == plain.to_dict()


# --- the command line ----------------------------------------------------------------------


def run_cli(*args: str | os.PathLike[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["COLUMNS"] = "200"
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "tui", "parse", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["outline", "json"])
@pytest.mark.parametrize("kind", BAD_KINDS)
def test_cli_bad_input_one_line_exit_2(tmp_path, kind, json_flag):
    path = bad_files(tmp_path)[kind]
    result = run_cli(path, *json_flag, cwd=tmp_path)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 2, result.stderr
    assert len(stderr_lines(result)) == 1, result.stderr
    assert path.name in result.stderr


def test_cli_several_files_good_ones_still_printed(tmp_path, seed_2023_path, seed_2025_path):
    bad = bad_files(tmp_path)["binary"]
    result = run_cli(seed_2023_path, bad, seed_2025_path, "--json", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert bad.name in lines[0]
    out = json.loads(result.stdout)
    assert [m["source"] for m in out] == [seed_2023_path.name, seed_2025_path.name]
    assert [len(m["areas"]) for m in out] == [12, 13]


def test_cli_each_bad_file_reported_once(tmp_path, seed_2025_path):
    files = bad_files(tmp_path)
    result = run_cli(files["missing"], seed_2025_path, files["empty"], "--json", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    lines = stderr_lines(result)
    assert len(lines) == 2, result.stderr
    assert files["missing"].name in lines[0] and files["empty"].name in lines[1], lines
    assert [m["source"] for m in json.loads(result.stdout)] == [seed_2025_path.name]


def test_cli_outline_with_a_bad_file_still_prints_the_good_one(tmp_path, seed_2025_path):
    files = bad_files(tmp_path)
    result = run_cli(seed_2025_path, files["directory"], cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert len(stderr_lines(result)) == 1, result.stderr
    assert "Housing" in result.stdout
    assert "Talent and civil service exchange" in result.stdout


def test_cli_good_files_exit_0(tmp_path, seed_2023_path, seed_2025_path):
    result = run_cli(seed_2023_path, seed_2025_path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    for name in ["Innovation and Technology", "Legal and Dispute Resolution", "Housing"]:
        assert name in result.stdout


def test_cli_parses_a_cp1252_file(tmp_path):
    path = tmp_path / "guangxi.txt"
    path.write_bytes(plain_release(load("guangxi-2025")).encode("cp1252"))
    result = run_cli(path, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (m,) = json.loads(result.stdout)
    assert any("café" in c["text"] for a in m["areas"] for c in a["commitments"])


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_cli_json_is_the_public_contract(tmp_path, seed_2023_path, seed_2025_path):
    result = run_cli(seed_2023_path, seed_2025_path, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert isinstance(out, list)
    assert len(out) == 2
    meeting_keys = {
        "id",
        "title",
        "date",
        "place",
        "parties",
        "source",
        "stated_area_count",
        "areas",
        "signed_documents",
        "warnings",
    }
    for m in out:
        assert set(m) >= meeting_keys, meeting_keys - set(m)
        assert isinstance(m["id"], str) and m["id"]
        assert isinstance(m["title"], str) and m["title"]
        assert m["date"] is None or ISO_DATE.match(m["date"])
        assert m["place"] is None or isinstance(m["place"], str)
        assert isinstance(m["parties"], list) and all(isinstance(p, str) for p in m["parties"])
        assert m["stated_area_count"] is None or isinstance(m["stated_area_count"], int)
        assert isinstance(m["warnings"], list) and all(isinstance(w, str) for w in m["warnings"])
        for a in m["areas"]:
            assert set(a) >= {"id", "name", "heading_inferred", "commitments"}
            assert isinstance(a["id"], str) and a["id"]
            assert isinstance(a["name"], str) and a["name"]
            assert isinstance(a["heading_inferred"], bool)
            for c in a["commitments"]:
                assert set(c) >= {"id", "text"}
                assert isinstance(c["id"], str) and c["id"]
                assert isinstance(c["text"], str) and c["text"]
        for d in m["signed_documents"]:
            assert set(d) >= {"title"}
            assert isinstance(d["title"], str) and d["title"]
    m2023, m2025 = out
    assert (m2023["source"], m2025["source"]) == (seed_2023_path.name, seed_2025_path.name)
    assert (m2023["date"], m2025["date"]) == ("2023-06-26", "2025-04-24")
    assert (m2023["stated_area_count"], m2025["stated_area_count"]) == (12, 13)
    assert [len(m["areas"]) for m in out] == [12, 13]
    assert [sum(len(a["commitments"]) for a in m["areas"]) for m in out] == [24, 33]
    assert [len(m["signed_documents"]) for m in out] == [4, 6]


def test_cli_main_in_process_missing_file(tmp_path, capsys):
    from tui.cli import main

    status = main(["parse", str(tmp_path / "nope.txt")])
    captured = capsys.readouterr()
    assert status == 2
    assert len([line for line in captured.err.splitlines() if line.strip()]) == 1, captured.err
    assert "nope.txt" in captured.err


def test_documents_named_without_quotes_after_signed_are_found():
    text = (
        "Guangdong and Macao reached consensus on the following 2 co-operation areas:\n\n"
        "Finance\n\nSupport banks of the two places to co-operate on cross-boundary payments.\n\n"
        "Youth\n\nEncourage young people of the two places to take up internships.\n\n"
        "Signing ceremony\n\n"
        "The two sides signed the Framework Agreement on Hengqin Development and the "
        "Letter of Intent on Youth Exchange at the meeting.\n"
    )
    m = parse_text(text, source="gd-macao.txt")
    assert [d.title for d in m.signed_documents] == [
        "Framework Agreement on Hengqin Development",
        "Letter of Intent on Youth Exchange",
    ]
