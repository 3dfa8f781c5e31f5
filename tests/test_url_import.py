"""A release given by its address: ``coop-tui parse URL``, ``import URL`` and the store's
``import_sources``, against a local server (pytest-httpserver), never the network.

The releases are written here (a Sichuan–Macao joint conference in the family's usual
shape, with a page's navigation and footer around it) and served as a government site
would serve them: with or without a charset, under the wrong type, behind redirects.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from fetching import Fetched, FetchError, fetch, is_url
from fetching.content import read_content
from parsers import Meeting
from store import Store
from tui.cli import main

AREAS: list[tuple[str, list[str]]] = [
    ("Traditional Chinese medicine", [
        "The two sides will set up a joint clinical research platform for Chinese medicine in "
        "Chengdu and Macao, with the first trials on respiratory illness in 2026.",
        "Support Macao pharmaceutical enterprises in registering Chinese medicine products "
        "with the Sichuan Medical Products Administration.",
    ]),
    ("Tourism and culture", [
        "The two sides will jointly market multi-destination itineraries linking the Jiuzhai "
        "Valley with Macao's World Heritage sites.",
        "Encourage travel agencies of both places to develop study tours for secondary-school "
        "students during the summer holidays.",
    ]),
    ("Trade and investment", [
        "The two sides will hold a trade fair each year, alternating between Chengdu and "
        "Macao, with the Fórum Macau secretariat inviting Portuguese-speaking exhibitors.",
        "Support Sichuan enterprises in using Macao as a platform to reach Portuguese-speaking "
        "markets.",
    ]),
]  # fmt: skip

FORUM = "Fórum Macau secretariat"  # a commitment's words outside ASCII (in Latin-1 too)


def release_html(
    areas: list[tuple[str, list[str]]] = AREAS, day: int = 12, meta: str = "", dash: str = "-"
) -> str:
    """A joint conference's press release as a government site's page."""
    rows = "\n".join(
        f"<h3>{name}</h3>\n" + "\n".join(f"<p>{c}</p>" for c in commitments)
        for name, commitments in areas
    )
    head = f'<meta charset="{meta}">' if meta else ""
    return f"""<!DOCTYPE html>
<html><head>{head}<title>Press release</title></head>
<body><nav><a href="/">Home</a> | <a href="/news">Press releases</a> | Search</nav>
<main><h1>Sichuan and Macao hold the Fourth Plenary of the Sichuan{dash}Macao Co-operation
Joint Conference</h1>
<p class="date">{day} September 2025</p>
<p>The Chief Executive of the Macao Special Administrative Region and the Governor of
Sichuan Province led the delegations of the two governments to the Fourth Plenary of the
Sichuan{dash}Macao Co-operation Joint Conference, held in Chengdu today (September {day}).</p>
<p>The two sides agreed to deepen co-operation in the following {len(areas)} areas:</p>
{rows}
<p>After the plenary, the two sides signed the following documents:</p>
<ul><li>Agreement on Co-operation in Chinese Medicine between Sichuan and Macao</li>
<li>Memorandum on Tourism Promotion</li></ul>
<p>Ends/Friday, September {day}, 2025</p></main>
<footer>Government Information Bureau | Privacy | Copyright 2025</footer></body></html>
"""


PAGE = "/news/2025/sichuan-macao-plenary.htm"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store" / "store.json"


@pytest.fixture
def release_url(httpserver: HTTPServer) -> str:
    httpserver.expect_request(PAGE).respond_with_data(
        release_html().encode("utf-8"), content_type="text/html; charset=utf-8"
    )
    return httpserver.url_for(PAGE)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The local server is reached directly, whatever proxy the environment sets."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def _one_line_error(err: str, *words: str) -> str:
    [line] = err.strip().splitlines()
    assert line.startswith("coop-tui: ") and "Traceback" not in err
    for word in words:
        assert word in line, line
    return line


def _import(db: Path, *sources: str) -> int:
    return main(["--db", str(db), "--create", "import", *sources])


def _listed(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert main(["--db", str(db), "list", "--json"]) == 0
    return [m for m in json.loads(capsys.readouterr().out) if "Sichuan" in m["title"]]


# -- parse URL -------------------------------------------------------------------
def test_parse_url_prints_the_release_read_from_the_page(release_url: str, capsys) -> None:
    assert main(["parse", release_url]) == 0
    out = capsys.readouterr().out
    assert "Sichuan and Macao hold the Fourth Plenary" in out
    assert "3 areas (stated: 3), 6 commitments" in out
    assert FORUM in out
    assert f"fetched from {release_url}" in out
    assert "Government Information Bureau" not in out  # the page's furniture is not read

    assert main(["parse", "--json", release_url]) == 0
    [data] = json.loads(capsys.readouterr().out)
    assert data["url"] == release_url and data["fetched"].endswith("Z")
    assert data["source"] == "sichuan-macao-plenary.htm"
    assert [a["name"] for a in data["areas"]] == [name for name, _ in AREAS]


def test_parse_url_gives_the_same_ids_as_the_saved_page(
    release_url: str, tmp_path: Path, capsys
) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text(release_html(), encoding="utf-8")
    assert main(["parse", "--json", release_url, str(saved)]) == 0
    fetched, local = json.loads(capsys.readouterr().out)
    assert fetched["id"] == local["id"]
    assert [c["id"] for a in fetched["areas"] for c in a["commitments"]] == [
        c["id"] for a in local["areas"] for c in a["commitments"]
    ]


def test_a_page_that_is_not_a_release_is_one_line(httpserver: HTTPServer, capsys) -> None:
    httpserver.expect_request("/menu").respond_with_data(
        "<html><body><h1>Canteen menu</h1><p>Noodles, rice.</p></body></html>",
        content_type="text/html",
    )
    url = httpserver.url_for("/menu")
    assert main(["parse", url]) == 2
    _one_line_error(capsys.readouterr().err, url, "no co-operation agreement found")


# -- import URL, again, changed --------------------------------------------------
def test_import_url_keeps_its_address_and_fetch_time(
    release_url: str, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = time.strftime("%Y-%m-%dT", time.gmtime())
    assert _import(db, release_url) == 0
    out = capsys.readouterr().out
    assert f"added     {release_url}" in out
    [meeting] = _listed(db, capsys)
    assert meeting["url"] == release_url
    assert meeting["fetched"].startswith(before) and meeting["fetched"].endswith("Z")
    assert meeting["source"] == "sichuan-macao-plenary.htm"

    store = Store.open(db)
    assert store.origin(meeting["id"]) == (release_url, meeting["fetched"])
    assert "Fourth Plenary" in store.source_text(meeting["id"])  # the page is kept

    capsys.readouterr()
    assert main(["--db", str(db), "show", meeting["id"], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["meeting"]["url"] == release_url
    assert main(["--db", str(db), "show", meeting["areas"][0]["commitments"][0]["id"]]) == 0
    assert f"fetched from {release_url}" in capsys.readouterr().out


def test_reimport_same_url_is_unchanged_and_a_changed_page_keeps_notes(
    httpserver: HTTPServer, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = {"html": release_html()}
    httpserver.expect_request(PAGE).respond_with_handler(
        lambda _request: Response(page["html"], content_type="text/html; charset=utf-8")
    )
    url = httpserver.url_for(PAGE)
    assert _import(db, url) == 0
    [first] = _listed(db, capsys)
    noted = first["areas"][1]["commitments"][0]
    Store.open(db).add_note(noted["id"], "Itineraries launched at ITB Berlin.")

    capsys.readouterr()
    assert _import(db, url) == 0
    assert "0 added, 1 unchanged, 0 updated, 0 failed" in capsys.readouterr().out
    [again] = _listed(db, capsys)
    assert again["fetched"] == first["fetched"]  # nothing written

    # The site corrects the date (so the meeting's ID changes) and adds a commitment:
    # the URL says it is the same release, re-imported as a changed file.
    areas = [*AREAS[:2], (AREAS[2][0], [*AREAS[2][1], "Support a Macao week in Chengdu."])]
    page["html"] = release_html(areas, day=13)
    capsys.readouterr()
    assert _import(db, url) == 0
    out = capsys.readouterr().out
    assert "0 added, 0 unchanged, 1 updated, 0 failed" in out
    [changed] = _listed(db, capsys)
    assert changed["id"] != first["id"] and changed["date"] == "2025-09-13"
    assert changed["url"] == url and changed["fetched"] >= first["fetched"]
    moved = next(
        c for a in changed["areas"] for c in a["commitments"] if c["text"] == noted["text"]
    )
    assert [n["text"] for n in moved["notes"]] == ["Itineraries launched at ITB Berlin."]
    assert Store.open(db).orphan_count() == 0


def test_a_page_whose_script_changes_on_every_visit_is_unchanged(
    httpserver: HTTPServer, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visits = iter(range(1, 100))

    def page(_request: Request) -> Response:
        token = f'<script>var csrf = "{next(visits) * 7919:x}";</script>'
        return Response(
            release_html().replace("</head>", f"{token}</head>"), content_type="text/html"
        )

    httpserver.expect_request(PAGE).respond_with_handler(page)
    url = httpserver.url_for(PAGE)
    assert _import(db, url) == 0
    capsys.readouterr()
    assert _import(db, url) == 0
    assert "0 added, 1 unchanged, 0 updated, 0 failed" in capsys.readouterr().out


def test_a_file_imported_first_gets_its_url(
    release_url: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "sichuan-macao.html"
    saved.write_bytes(release_html().encode("utf-8"))
    assert _import(db, str(saved)) == 0
    assert "url" not in _listed(db, capsys)[0]
    capsys.readouterr()
    assert _import(db, release_url) == 0
    assert "1 unchanged" in capsys.readouterr().out
    [meeting] = _listed(db, capsys)
    assert meeting["url"] == release_url


def test_import_sources_mixes_paths_and_urls_in_order_with_progress(
    release_url: str, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/gone").respond_with_data("", status=410)
    saved = tmp_path / "other.html"  # another meeting, from a file
    education = [("Education", ["The two sides will exchange 50 teachers a year."])]
    saved.write_text(release_html(education, day=20), encoding="utf-8")
    store = Store.open(tmp_path / "s" / "store.json", create=True, seed_samples=False)
    calls: list[tuple[int, int, str]] = []
    gone = httpserver.url_for("/gone")
    results = store.import_sources(
        [release_url, saved, gone], lambda done, total, now: calls.append((done, total, now))
    )
    assert [(r.path, r.outcome) for r in results] == [
        (release_url, "added"), (str(saved), "added"), (gone, "failed")
    ]  # fmt: skip
    assert results[2].reason == f"{gone}: HTTP 410 Gone"
    assert calls == [(0, 3, release_url), (1, 3, str(saved)), (2, 3, gone), (3, 3, "")]


def test_rebuild_keeps_the_url(release_url: str, db: Path, capsys) -> None:
    assert _import(db, release_url) == 0
    [before] = _listed(db, capsys)
    store = Store.open(db)
    with store.transaction() as tx:  # as an older parser read it: a commitment short
        record = tx.corpus.records[before["id"]]
        older = record.meeting.to_dict()
        del older["areas"][0]["commitments"][1]
        was = dataclasses.replace(record, meeting=Meeting.from_dict(older))
        tx.save_meeting(was, tx.corpus.source_bytes(record), replaces=record.meeting.id)
    capsys.readouterr()
    assert main(["--db", str(db), "rebuild"]) == 0
    assert "1 updated" in capsys.readouterr().out  # parsed again from the stored page
    [after] = _listed(db, capsys)
    assert (after["url"], after["fetched"]) == (before["url"], before["fetched"])
    assert after["areas"] == before["areas"]


# -- exported --------------------------------------------------------------------
def test_url_and_fetch_time_are_exported(
    release_url: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(db, release_url) == 0
    [meeting] = _listed(db, capsys)
    cid = meeting["areas"][0]["commitments"][0]["id"]
    Store.open(db).add_note(cid, "Platform opened in March.")
    base = ["--db", str(db), "export", "--meeting", meeting["id"]]

    assert main([*base, str(tmp_path / "out.json")]) == 0
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    [record] = [r for r in exported["annotations"] if r["id"] == cid]
    assert record["meeting"]["url"] == release_url
    assert record["meeting"]["fetched"] == meeting["fetched"]

    assert main([*base, str(tmp_path / "report.md")]) == 0
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"- URL: {release_url}" in report.replace("\\", "")
    assert f"- Fetched: {meeting['fetched']}" in report

    assert main([*base, "--format", "notes-dir", str(tmp_path / "notes")]) == 0
    [note_file] = [p for p in (tmp_path / "notes").rglob("*.md") if cid[:8] in str(p.parent)]
    front = note_file.read_text(encoding="utf-8")
    assert f"url: {json.dumps(release_url)}" in front
    assert f"fetched: {json.dumps(meeting['fetched'])}" in front


# -- what the server says, checked against the bytes -----------------------------
def test_html_served_as_text_plain_is_read_as_a_page(httpserver: HTTPServer, capsys) -> None:
    httpserver.expect_request("/release").respond_with_data(
        release_html().encode("utf-8"), content_type="text/plain"
    )
    assert main(["parse", "--json", httpserver.url_for("/release")]) == 0
    [data] = json.loads(capsys.readouterr().out)
    assert data["source"] == "release.html"
    assert len(data["areas"]) == 3 and "<p>" not in json.dumps(data)


def test_a_latin1_page_declared_in_the_header_is_decoded(httpserver: HTTPServer, capsys) -> None:
    httpserver.expect_request("/latin1").respond_with_data(
        release_html().encode("latin-1"), content_type="text/html; charset=ISO-8859-1"
    )
    assert main(["parse", "--json", httpserver.url_for("/latin1")]) == 0
    [data] = json.loads(capsys.readouterr().out)
    assert FORUM in json.dumps(data, ensure_ascii=False)


def test_a_utf8_page_declared_latin1_is_read_as_utf8(httpserver: HTTPServer, capsys) -> None:
    httpserver.expect_request("/mislabelled").respond_with_data(
        release_html(dash="–").encode("utf-8"), content_type="text/html; charset=iso-8859-1"
    )
    assert main(["parse", "--json", httpserver.url_for("/mislabelled")]) == 0
    [data] = json.loads(capsys.readouterr().out)
    text = json.dumps(data, ensure_ascii=False)
    assert FORUM in text and "Sichuan–Macao" in text and "Ã" not in text


def test_a_charset_in_meta_is_used_when_the_header_has_none(httpserver: HTTPServer) -> None:
    page = release_html(meta="windows-1250").replace("Fórum Macau", "Łódź office")
    httpserver.expect_request("/meta").respond_with_data(
        page.encode("cp1250"), content_type="text/html"
    )
    fetched = fetch(httpserver.url_for("/meta"))
    assert "Łódź office" in fetched.data.decode("utf-8")  # transcoded: reads the same later
    assert fetched.encoding == "cp1250 declared in the page"


def test_an_xhtml_page_says_its_encoding_in_its_xml_declaration() -> None:
    page = release_html().replace("<!DOCTYPE html>", '<?xml version="1.0" encoding="iso-8859-2"?>')
    page = page.replace("Fórum Macau", "Łódź office")
    content = read_content(page.encode("iso-8859-2"), "application/xhtml+xml", "https://x.org/p")
    assert content.kind == "html" and "Łódź office" in content.data.decode("utf-8")


def test_pdf_bytes_served_as_html_are_a_pdf() -> None:
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    content = read_content(pdf, "text/html; charset=utf-8", "https://example.org/x")
    assert content.kind == "pdf" and content.data == pdf


def test_an_image_is_not_a_release(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/logo").respond_with_data(b"\x89PNG\r\n\x1a\n" + bytes(64),
                                                         content_type="image/png")  # fmt: skip
    with pytest.raises(FetchError, match=r"/logo: the server sent image/png, not a release$"):
        fetch(httpserver.url_for("/logo"))


# -- the limits ------------------------------------------------------------------
def test_http_error_is_one_line_exit_2_and_others_still_go_in(
    httpserver: HTTPServer, release_url: str, db: Path, capsys
) -> None:
    httpserver.expect_request("/missing").respond_with_data("Not here", status=404)
    missing = httpserver.url_for("/missing")
    assert _import(db, missing, release_url) == 2
    captured = capsys.readouterr()
    _one_line_error(captured.err, f"coop-tui: {missing}: HTTP 404 Not Found")
    assert "1 added, 0 unchanged, 0 updated, 1 failed" in captured.out
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    assert main(["parse", httpserver.url_for("/broken")]) == 2
    _one_line_error(capsys.readouterr().err, "HTTP 500 Internal Server Error")


def test_redirects_are_followed_up_to_the_limit(
    httpserver: HTTPServer, release_url: str, capsys
) -> None:
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": PAGE})
    fetched = fetch(httpserver.url_for("/old"))
    assert fetched.final_url == release_url and fetched.name == "sichuan-macao-plenary.htm"

    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    loop = httpserver.url_for("/loop")
    assert main(["parse", loop]) == 2
    _one_line_error(capsys.readouterr().err, loop, "too many redirects (more than 10", "loop")
    for n in range(3):
        httpserver.expect_request(f"/hop{n}").respond_with_data(
            "", status=302, headers={"Location": f"/hop{n + 1}" if n < 2 else PAGE}
        )
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(httpserver.url_for("/hop0"), max_redirects=2)
    assert fetch(httpserver.url_for("/hop0"), max_redirects=3).final_url == release_url


def test_redirect_to_another_scheme_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/away").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    with pytest.raises(FetchError, match="not an http"):
        fetch(httpserver.url_for("/away"))


def _big(n: int) -> bytes:
    return release_html().encode("utf-8") + b"<!-- padding -->" * (n // 16)


def test_too_large_with_content_length_is_refused_before_reading(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(_big(64_000), content_type="text/html")
    with pytest.raises(FetchError, match=r"/big: too large \(6\d,\d\d\d bytes; at most 20,000"):
        fetch(httpserver.url_for("/big"), max_bytes=20_000)


def test_too_large_without_content_length_is_counted(httpserver: HTTPServer) -> None:
    def chunks() -> Iterator[bytes]:
        data = _big(64_000)
        for i in range(0, len(data), 4096):
            yield data[i : i + 4096]

    def stream(_request: Request) -> Response:
        reply = Response(chunks(), content_type="text/html")
        assert reply.content_length is None
        return reply

    httpserver.expect_request("/stream").respond_with_handler(stream)
    with pytest.raises(FetchError, match=r"/stream: too large \(more than 20,000 bytes\)"):
        fetch(httpserver.url_for("/stream"), max_bytes=20_000)
    assert len(fetch(httpserver.url_for("/stream")).data) > 64_000  # under the real limit


def test_a_server_slower_than_the_timeout(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.0)
        return Response(release_html(), content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    monkeypatch.setenv("COOP_TUI_FETCH_TIMEOUT", "0.2")
    url = httpserver.url_for("/slow")
    assert main(["parse", url]) == 2
    _one_line_error(capsys.readouterr().err, url, "timed out after 0.2 s")
    monkeypatch.setenv("COOP_TUI_FETCH_TIMEOUT", "soon")
    with pytest.raises(FetchError, match="COOP_TUI_FETCH_TIMEOUT='soon': not a number"):
        fetch(url)


# -- what cannot be fetched ------------------------------------------------------
def test_a_refused_connection(db: Path, capsys) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/release.html"
    assert _import(db, url) == 2
    _one_line_error(capsys.readouterr().err, url, f"connection refused by 127.0.0.1 port {port}")


def test_a_host_that_does_not_resolve(capsys) -> None:
    url = "https://press.sichuan-macao.invalid/2025/release.html"  # .invalid never resolves
    assert main(["parse", url]) == 2
    _one_line_error(
        capsys.readouterr().err, url, "cannot find the host press.sichuan-macao.invalid"
    )


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("file://fileserver/etc/passwd", "only http and https addresses are fetched, not file:"),
        ("ftp://example.org/release.txt", "not ftp:"),
        ("javascript:alert(1)", "not javascript:"),
        ("http:///release.html", "a malformed address (no host)"),
        ("http://press office.gov/x", "a malformed address"),
        ("https://[::1/x", "a malformed address"),
        ("http://example.org:99999/x", "a malformed address"),
    ],
)
def test_addresses_that_are_refused(url: str, said: str, db: Path, capsys) -> None:
    assert main(["parse", url]) == 2
    _one_line_error(capsys.readouterr().err, url, said)
    assert _import(db, url) == 2
    _one_line_error(capsys.readouterr().err, said)
    assert not any("url" in m for m in _listed(db, capsys))


def test_what_is_an_address() -> None:
    assert is_url("https://example.org/x") and is_url("file:///etc/passwd")
    assert is_url("javascript:alert(1)") and is_url("HTTP://EXAMPLE.ORG")
    assert not is_url("release.html") and not is_url("notes:2025.txt")
    assert not is_url("C:/releases/x.txt") and not is_url("/tmp/x.html")


def test_fetched_names_follow_the_type(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/press/view.php").respond_with_data(
        release_html(), content_type="text/html"
    )
    httpserver.expect_request("/press/2025/").respond_with_data(
        release_html(), content_type="text/plain"
    )
    httpserver.expect_request("/download.php").respond_with_data(
        release_html(),
        content_type="application/octet-stream",
        headers={"Content-Disposition": 'attachment; filename="Sichuan-Macao communiqu\u00e9.htm"'},
    )
    paths = ("/press/view.php", "/press/2025/", "/download.php?id=3")
    names = [fetch(httpserver.url_for(p)).name for p in paths]
    assert names == ["view.html", "2025.html", "Sichuan-Macao communiqué.htm"]
    assert isinstance(fetch(httpserver.url_for("/press/2025/")), Fetched)


# -- the app ---------------------------------------------------------------------
async def test_the_meeting_detail_shows_its_url_and_fetch_time(
    release_url: str, tmp_path: Path
) -> None:
    from test_app_support import SIZE, app_for, screen_text, settle

    path = tmp_path / "store.json"
    store = Store.open(path, create=True, seed_samples=False)
    [result] = store.import_sources([release_url])
    url, fetched = store.origin(result.meeting_id or "") or ("", "")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Source: sichuan-macao-plenary.htm" in text
        assert f"URL: {url[:30]}" in text
        assert f"Fetched: {fetched}" in text


def test_a_password_in_the_address_is_not_kept(release_url: str, tmp_path: Path) -> None:
    with_password = release_url.replace("http://", "http://ann:s3cret@")
    store = Store.open(tmp_path / "store.json", create=True, seed_samples=False)
    [result] = store.import_sources([with_password])
    assert result.outcome == "added"
    origin = store.origin(result.meeting_id or "")
    assert origin is not None and origin[0] == release_url.replace("http://", "http://ann@")
    assert "s3cret" not in (tmp_path / "store.corpus.json").read_text(encoding="utf-8")


def test_a_control_character_in_the_address_is_refused(capsys) -> None:
    assert main(["parse", "https://example.org/news\x1b[31m.html"]) == 2
    line = _one_line_error(capsys.readouterr().err, "a control character in it")
    assert "\x1b" not in line and "\\u001b" in line


def test_a_redirect_to_a_host_that_does_not_resolve_names_that_host(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": "https://archive.sichuan-macao.invalid/0912.htm"}
    )
    with pytest.raises(FetchError, match=r"cannot find the host archive\.sichuan-macao\.invalid"):
        fetch(httpserver.url_for("/moved"))


def test_a_fragment_is_the_same_page(release_url: str, db: Path, capsys) -> None:
    assert _import(db, f"{release_url}#signed-documents") == 0
    capsys.readouterr()
    assert _import(db, release_url) == 0
    assert "0 added, 1 unchanged" in capsys.readouterr().out
    [meeting] = _listed(db, capsys)
    assert meeting["url"] == release_url


# -- what the lines say (a new user's trial) --------------------------------------
def test_a_password_in_the_address_is_never_printed(
    httpserver: HTTPServer, release_url: str, db: Path, capsys
) -> None:
    """The import summary, an error of `import` and of `parse`, and parse's own output
    show the address without its password (as it is stored)."""
    secret = release_url.replace("http://", "http://user:pw4Tq9z@")
    assert _import(db, f"{secret}#top") == 0
    assert _import(db, f"{secret}#top") == 0  # again: "unchanged" names it too
    httpserver.expect_request("/nothere").respond_with_data("Not here", status=404)
    missing = httpserver.url_for("/nothere").replace("http://", "http://user:pw4Tq9z@")
    assert _import(db, missing) == 2
    assert main(["parse", missing]) == 2
    assert main(["parse", secret]) == 0
    assert main(["parse", "--json", secret]) == 0
    captured = capsys.readouterr()
    assert "pw4Tq9z" not in captured.out + captured.err
    assert f"{release_url.replace('http://', 'http://user@')}" in captured.out
    assert "user@" in captured.err and "HTTP 404 Not Found" in captured.err


def test_an_app_import_s_results_leave_the_password_out(release_url: str, tmp_path: Path) -> None:
    import threading

    from session.importing import import_sources

    store = Store.open(tmp_path / "store.json", create=True, seed_samples=False)
    names: list[str] = []
    secret = release_url.replace("http://", "http://ann:s3cret@")
    report = import_sources(
        store, [secret], threading.Lock(), progress=lambda _d, _t, name: names.append(name)
    )
    assert [r.outcome for r in report.results] == ["added"]
    assert not any("s3cret" in r.path for r in report.results)
    assert not any("s3cret" in n for n in names)


def test_a_redirect_to_another_scheme_is_quoted_as_sent(httpserver: HTTPServer, capsys) -> None:
    httpserver.expect_request("/away").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    assert main(["parse", httpserver.url_for("/away")]) == 2
    line = _one_line_error(capsys.readouterr().err, "redirected to file:///etc/passwd,")
    assert "127.0.0.1/etc" not in line


def test_a_404_after_a_redirect_names_the_missing_address(httpserver: HTTPServer, capsys) -> None:
    httpserver.expect_request("/redir404").respond_with_data(
        "", status=302, headers={"Location": "/nope"}
    )
    httpserver.expect_request("/nope").respond_with_data("gone", status=404)
    first = httpserver.url_for("/redir404")
    assert main(["parse", first]) == 2
    _one_line_error(
        capsys.readouterr().err,
        f"{first}: HTTP 404 Not Found at {httpserver.url_for('/nope')} (after a redirect)",
    )


@pytest.mark.parametrize("value", ["0", "-1", "0.0"])
def test_a_timeout_of_zero_or_less_says_it_must_be_more_than_0(
    value: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("COOP_TUI_FETCH_TIMEOUT", value)
    assert main(["parse", "http://127.0.0.1:9/x.html"]) == 2
    _one_line_error(capsys.readouterr().err, f"COOP_TUI_FETCH_TIMEOUT='{value}'", "more than 0")
