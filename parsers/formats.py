"""Which kind of file a release is, and its text as the parser reads it.

A release comes as plain text, a saved HTML page, a PDF or a Word (.docx) file. The
kind is told by the file's first bytes, not its name (a PDF saved as ``.txt`` is still
a PDF; a ``.docx`` that is not a Word file is refused as one). Text and HTML are decoded
(``parsers.reading.decode``); a PDF or Word file is turned into the same plain-text form
the HTML reader gives: headings as Markdown ``## `` lines, one paragraph per line with a
blank line between paragraphs, list items opening with "• ". Everything after that is
the same parser, so a release gives the same IDs in every format where its text is the
same.

A reader is registered in ``READERS`` by kind: a function of the file's bytes and the
name it is shown under, returning the text, raising ``InputError`` (one line) for a file
it cannot read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Literal

from parsers.reading import InputError, decode, is_html

Kind = Literal["text", "html", "pdf", "docx"]
Reader = Callable[[bytes, str], str]

#: Readers of the binary formats, by kind (filled in below, imported when first used).
READERS: dict[str, Callable[[], Reader]] = {}

#: A PDF's header may follow some junk bytes (the specification allows up to 1024).
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_SUFFIXES = (".docx", ".docm", ".dotx")
#: An OLE compound file: a password-protected Word file (its package encrypted inside
#: one), or an old binary Word 97-2003 document.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF_MAGIC = b"{\\rtf"
_WORD_SUFFIXES = (*_DOCX_SUFFIXES, ".doc", ".dot", ".rtf")


def sniff(data: bytes, name: str) -> Kind:
    """The kind of a release by its bytes: "pdf", "docx" (a zip holding a Word
    document), or "text"/"html" for anything else (decoded later). A zip that is not a
    Word document, a .docx that is not a zip, an encrypted Office file, a Word 97-2003
    .doc and an RTF file named as a Word file are an InputError."""
    suffix = Path(name).suffix.lower()
    if _PDF_MAGIC in data[:1024]:
        return "pdf"
    _refuse_other_word(data, name, suffix)
    if data.startswith(_ZIP_MAGIC) or suffix in _DOCX_SUFFIXES:
        if not data.startswith(_ZIP_MAGIC):
            if suffix in _DOCX_SUFFIXES and not data.strip():
                raise InputError(f"{name}: the file is empty")
            raise InputError(f"{name}: not a Word (.docx) file (it is not a zip archive)")
        if not _is_word(data):
            raise InputError(f"{name}: {_what_zip(data)}")
        return "docx"
    if suffix == ".pdf":
        raise InputError(f"{name}: not a PDF file (no PDF header)")
    return "text"


def _refuse_other_word(data: bytes, name: str, suffix: str) -> None:
    """InputError for what Word writes besides .docx: an encrypted (password-protected)
    document, a Word 97-2003 .doc, an RTF file (by content; an RTF file is refused only
    when named as a Word file, as it is also text)."""
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            what = "Word" if suffix in _WORD_SUFFIXES else "Office"
            raise InputError(
                f"{name}: the {what} file is encrypted (password-protected); "
                "save a copy without a password"
            )
        if "WordDocument".encode("utf-16-le") in data:
            raise InputError(f"{name}: a Word 97-2003 .doc file: save it as .docx")
        if suffix in _WORD_SUFFIXES:
            raise InputError(f"{name}: not a Word (.docx) file (an old Office compound file)")
    elif data.lstrip().startswith(_RTF_MAGIC) and suffix in _WORD_SUFFIXES:
        raise InputError(f"{name}: an RTF file, not a Word (.docx) file: save it as .docx")


#: OpenDocument files (a zip whose ``mimetype`` entry says which): what to call them.
_OPEN_DOCUMENT = "application/vnd.oasis.opendocument."
_OPEN_DOCUMENT_KINDS = {
    "text": "an OpenDocument text (.odt): save it as .docx",
    "text-template": "an OpenDocument text template (.ott): save it as .docx",
    "spreadsheet": "an OpenDocument spreadsheet (.ods), not a release",
    "presentation": "an OpenDocument presentation (.odp), not a release",
}


def _what_zip(data: bytes) -> str:
    """What a zip that is not a Word document is, in words: an OpenDocument file (by its
    ``mimetype`` entry, as LibreOffice writes it first), else just a zip archive."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            mimetype = archive.read("mimetype")[:200].decode("ascii", "replace").strip()
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        mimetype = ""
    if mimetype.startswith(_OPEN_DOCUMENT):
        kind = mimetype[len(_OPEN_DOCUMENT) :]
        known = _OPEN_DOCUMENT_KINDS.get(kind)
        if known is not None:
            return known
        return f"an OpenDocument file ({kind[:40]}), not a Word (.docx) document"
    return "a zip archive, not a Word (.docx) document"


def _is_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # a truncated Word file: let its reader say what is wrong with it
        return True
    return "word/document.xml" in names or (
        "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)
    )


def release_from_bytes(data: bytes, name: str) -> tuple[str, bool]:
    """A release's text and whether it is HTML to be read as a page. For a PDF or Word
    file the text is already the parser's plain form (not HTML). InputError (one line)
    for an empty, binary, undecodable, corrupt, encrypted or image-only file."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    kind = sniff(data, name)
    if kind in ("pdf", "docx"):
        text = READERS[kind]()(data, name)
        if not text.strip():
            raise InputError(f"{name}: no text in the {kind.upper()} file")
        return text, False
    text = decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    return text, is_html(text, Path(name).suffix)


def _pdf() -> Reader:
    from parsers.pdf import pdf_to_text  # imported when first used: pdfminer is large

    return pdf_to_text


READERS["pdf"] = _pdf


def _docx() -> Reader:
    from parsers.docx_text import docx_to_text  # python-docx imported when first used

    return docx_to_text


READERS["docx"] = _docx
