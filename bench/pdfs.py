"""The benchmark's PDF releases: the synthetic corpus' meetings (``bench/corpus.py``)
laid out as PDF files with fpdf2, as a word processor prints them — a bold title and
bold area headings, wrapped paragraphs, a running header and a footer "Page N of M".

fpdf2 is one of the test extras (``pip install -e .[test]``): the PDF rows need it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from corpus import MeetingSpec, release_text
from fpdf import FPDF

HEADER = "Press releases · Government Information Services"


class _Doc(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, HEADER, align="R")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")


def release_pdf(spec: MeetingSpec, pages: int = 0) -> bytes:
    """``spec``'s release as a PDF; with ``pages``, its areas repeated (under new
    numbers) until the file has that many pages."""
    blocks = release_text(spec).split("\n\n")
    title, body, ends = blocks[0], blocks[1:-1], blocks[-1]
    pdf = _Doc()
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 7, title)
    pdf.ln(3)
    round_no = 1
    while True:
        for block in body:
            name, _, rule = block.partition("\n")
            if rule and set(rule) == {"-"}:
                pdf.set_font("Helvetica", "B", 11)
                pdf.ln(2)
                pdf.multi_cell(0, 5.5, name if round_no == 1 else f"{name} ({round_no})")
            elif round_no == 1 or (not block[:1].isdigit() and "consensus" not in block):
                pdf.set_font("Helvetica", "", 11)
                pdf.multi_cell(0, 5.5, block)
            pdf.ln(3)
            if pages and pdf.page_no() >= pages:
                break
        if not pages or pdf.page_no() >= pages:
            break
        round_no += 1
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 5.5, ends)
    return bytes(pdf.output())


def write(meetings: list[MeetingSpec], directory: Path) -> tuple[list[Path], int]:
    """One PDF per meeting; the paths and their total bytes."""
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    total = 0
    for n, spec in enumerate(meetings):
        path = directory / f"release-{n:05d}.pdf"
        data = release_pdf(spec)
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
    return paths, total


#: PDFs imported for the PDF import rate (the first meetings of the corpus).
IMPORT_FILES = 40
PARSE_RUNS = 3


def measure(meetings: list[MeetingSpec], work: Path, figures: dict[str, Any]) -> None:
    """The PDF figures: parsing a 20-page release (wall-clock and CPU seconds, median
    of ``PARSE_RUNS``), and importing up to ``IMPORT_FILES`` PDF releases into a new
    store, as MB/s of the text extracted from them and MB/s of the files' bytes."""
    from parsers import parse_bytes, source_text
    from store import Store

    twenty = release_pdf(meetings[0], pages=20)
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(PARSE_RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        parse_bytes(twenty, "twenty-pages.pdf")
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    figures["pdf_20_pages_s"] = statistics.median(walls)
    figures["pdf_20_pages_cpu_s"] = statistics.median(cpus)

    paths, file_bytes = write(meetings[:IMPORT_FILES], work / "releases")
    store = Store.open(work / "store" / "store.json", seed_samples=False)
    start = time.perf_counter()
    results = store.import_paths(paths)
    elapsed = time.perf_counter() - start
    failed = [r for r in results if r.outcome != "added"]
    if failed:
        raise RuntimeError(f"PDF import: {failed[0].path}: {failed[0].reason}")
    text_bytes = sum(len(source_text(p.read_bytes(), p.name).encode("utf-8")) for p in paths)
    figures["pdf_files"] = len(paths)
    figures["pdf_import_text_mb_s"] = text_bytes / 1e6 / elapsed
    figures["pdf_import_file_mb_s"] = file_bytes / 1e6 / elapsed
