"""Opening a Word file: the checks on its zip, and its document, styles and numbering
parts as XML.

python-docx opens the package (content types, relationships, the parts; its XML parser
does not resolve entities). When python-docx gives up on a part the release does not
need (a missing image, a header that is not well-formed XML), the three parts that are
read are taken from the zip directly, with the same parser. A "Strict Open XML Document"
is put in the ordinary namespaces first. Every failure is one ``InputError`` line.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO

from lxml import etree  # type: ignore[import-untyped]  # (no stubs installed)

from parsers.docx_styles import Styles, q
from parsers.reading import InputError

#: A Word file whose parts unpack to more than this is not a press release (or a zip bomb).
MAX_UNPACKED = 256 * 1024 * 1024


_WORD_MAIN_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def check_archive(data: bytes, name: str) -> bytes:
    """The Word file's bytes as python-docx reads them (a Strict Open XML document in the
    ordinary, transitional, namespaces). InputError for a zip that cannot be read, has
    encrypted parts or unpacks to too much."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
            if any(info.flag_bits & 0x1 for info in infos):
                raise InputError(f"{name}: the Word file is encrypted (password-protected)")
            if sum(info.file_size for info in infos) > MAX_UNPACKED:
                raise InputError(
                    f"{name}: the Word file unpacks to more than {MAX_UNPACKED // 2**20} MB; "
                    "not a press release"
                )
            rels = next((i for i in infos if i.filename == "_rels/.rels"), None)
            if rels is not None and rels.file_size < 65536 and _STRICT in archive.read(rels):
                return _transitional(archive)
    except InputError:
        raise
    except Exception as exc:  # BadZipFile, EOFError, NotImplementedError (a version) …
        raise InputError(f"{name}: the Word file is damaged or truncated ({reason(exc)})") from exc
    return data


#: Word's "Strict Open XML Document" names its parts' XML in these namespaces; the same
#: elements in the namespaces of an ordinary .docx (which python-docx reads).
_STRICT = b"http://purl.oclc.org/ooxml/"
_STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/math",
     b"http://schemas.openxmlformats.org/officeDocument/2006/math"),
    (b"http://purl.oclc.org/ooxml/drawingml/",
     b"http://schemas.openxmlformats.org/drawingml/2006/"),
)  # fmt: skip


def _transitional(archive: zipfile.ZipFile) -> bytes:
    """A Strict Open XML package rewritten in the transitional namespaces."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            part = archive.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for strict, transitional in _STRICT_NAMESPACES:
                    part = part.replace(strict, transitional)
            copy.writestr(info.filename, part)
    return out.getvalue()


def reason(exc: BaseException) -> str:
    text = " ".join(re.sub(r"\s*\(<string>, line \d+\)", "", str(exc)).split())
    return text[:80] if text else type(exc).__name__


@dataclass
class WordParts:
    """What the reader walks: the document's body, its styles, its numbering's XML."""

    body: etree._Element
    styles: Styles
    numbering: etree._Element | None


_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"


def open_word(data: bytes, name: str) -> WordParts:
    """The parts of the Word file ``data`` the reader needs. InputError (one line) for a
    file that is not a readable Word document."""
    data = check_archive(data, name)
    try:
        return _with_python_docx(data, name)
    except InputError:
        raise
    except Exception as first:  # try the parts themselves before giving up
        try:
            return _from_zip(data, name)
        except InputError:
            raise
        except etree.XMLSyntaxError as exc:
            raise InputError(f"{name}: the Word file's XML is broken ({reason(exc)})") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise InputError(
                f"{name}: the Word file is damaged or truncated ({reason(exc)})"
            ) from exc
        except Exception as exc:
            raise InputError(
                f"{name}: cannot be read as a Word document ({type(first).__name__}: "
                f"{reason(first)})"
            ) from exc


def _with_python_docx(data: bytes, name: str) -> WordParts:
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart

    for content_type in _WORD_MAIN_TYPES:  # .docm, .dotx, .dotm: the same document part
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)
    part = Package.open(BytesIO(data)).main_document_part
    if not isinstance(part, DocumentPart):
        raise InputError(f"{name}: a zip archive, not a Word (.docx) document")
    body = part.element.find(q("body"))
    if body is None:
        raise InputError(f"{name}: not a Word document (it has no body)")
    numbering: etree._Element | None
    try:
        numbering = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering = None
    return WordParts(body, Styles(part.styles.element), numbering)


def _from_zip(data: bytes, name: str) -> WordParts:
    """The parts read from the zip by the package's relationships, each parsed as
    python-docx parses it."""
    from docx.oxml.parser import parse_xml

    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = set(archive.namelist())
        main = _related(archive, names, "_rels/.rels", "", _OFFICE_DOCUMENT)
        main = main or ("word/document.xml" if "word/document.xml" in names else None)
        if main is None:
            raise InputError(f"{name}: not a Word document (no word/document.xml in it)")
        folder, base = posixpath.split(main)
        own_rels = posixpath.join(folder, "_rels", base + ".rels")
        parts = {}
        for kind in ("styles", "numbering"):
            found = _related(archive, names, own_rels, folder, "/" + kind)
            fallback = posixpath.join(folder, kind + ".xml")
            path = found or (fallback if fallback in names else None)
            parts[kind] = parse_xml(archive.read(path)) if path else None
        document = parse_xml(archive.read(main))
    body = document.find(q("body"))
    if body is None:
        raise InputError(f"{name}: not a Word document (it has no body)")
    return WordParts(body, Styles(parts["styles"]), parts["numbering"])


def _related(
    archive: zipfile.ZipFile, names: set[str], rels: str, folder: str, kind: str
) -> str | None:
    """The part a relationship of type ``…kind`` in ``rels`` points to, if it is there."""
    from docx.oxml.parser import parse_xml

    if rels not in names:
        return None
    try:
        root = parse_xml(archive.read(rels))
    except etree.XMLSyntaxError:
        return None
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        if (rel.get("Type") or "").endswith(kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            path = posixpath.normpath(
                target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            )
            if path in names:
                return path
    return None
