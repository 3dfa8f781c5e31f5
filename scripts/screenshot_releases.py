"""Releases for the import dialog's screenshot: a working meeting's progress report as a
Word file, the same family's agreement as text, and a file that is no release.

Written for the screenshot (an illustration, not any government's text).
"""

from __future__ import annotations

from pathlib import Path

PROGRESS = [
    ("title", "Fujian–Hong Kong Co-operation Working Meeting held in Fuzhou"),
    (
        "para",
        "The Fujian–Hong Kong Co-operation Working Meeting was held in Fuzhou "
        "today (March 20, 2025). The two sides reviewed the progress of the 2024 "
        "Work Plan, which covers 36 co-operation items, and agreed on the direction "
        "for future co-operation. The progress made and the direction for future "
        "co-operation in the following areas are set out below:",
    ),
    ("heading", "Financial services"),
    (
        "para",
        "The two sides will continue to support Fujian enterprises in raising funds "
        "in Hong Kong and will hold a joint seminar on green bonds in the second half "
        "of the year.",
    ),
    (
        "para",
        "Both sides agreed to study a cross-boundary wealth management pilot for "
        "residents of the two places.",
    ),
    ("heading", "Tourism"),
    (
        "para",
        "Fujian will support travel agencies of Hong Kong in organising multi-"
        "destination tours along the coast, and the two sides will promote joint "
        "tourism products at trade fairs.",
    ),
    ("heading", "Youth exchanges"),
    (
        "para",
        "The two sides will arrange 200 internship places for Hong Kong students in "
        "Fujian enterprises this summer.",
    ),
    (
        "para",
        "The two sides also reviewed the arrangements for the next Plenary, which "
        "will be held in Hong Kong in 2026.",
    ),
    ("para", "Ends/Thursday, March 20, 2025"),
]


def write(folder: Path) -> Path:
    """Write the releases into ``folder`` (made if need be); returns it."""
    from docx import Document  # python-docx, a dependency of coop-tui

    folder.mkdir(parents=True, exist_ok=True)
    doc = Document()
    for kind, text in PROGRESS:
        if kind == "title":
            doc.add_heading(text, level=1)
        elif kind == "heading":
            doc.add_heading(text, level=2)
        else:
            doc.add_paragraph(text)
    doc.save(str(folder / "fujian-hk-working-meeting-2025.docx"))
    (folder / "minutes-scan.pdf").write_bytes(b"%PDF-1.4\n% a scan sent as a PDF, cut short\n")
    return folder
