"""Accessibility checks of a PDF, read back with pypdf, plus the PDF/UA-1
validator `page-validation`.

`structure_text` reads the text in the order of the structure tree (what a
screen reader follows), not in the order of the content streams: each marked
content sequence's text is collected per MCID, then the tree is walked.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import page
import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from . import Report

HEADING = re.compile(r"^/H[1-6]?$")
FOOTNOTE_TAGS = ("/Lbl", "/Note")  # in a heading: a footnote's mark and its note (a list's /Lbl is in an /LI)
HYPHENATION_CHARACTERS = {"\u00ad": "soft hyphen U+00AD", "\u2010": "hyphen U+2010"}


def normalise_space(text: str) -> str:
    """Runs of ASCII white space become one space; no-break spaces are kept (they are meant)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


@dataclass
class StructureText:
    text: str  # all text, in structure order
    headings: list[tuple[str, str]] = field(default_factory=list)  # (tag, text) in order
    passages: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, /Lang, text) below the root


def structure_text(reader: pypdf.PdfReader) -> StructureText:
    pages = {p.indirect_reference.idnum: _marked_content(p) for p in reader.pages}
    root = reader.trailer["/Root"]
    result = StructureText("")
    if "/StructTreeRoot" not in root:
        return result
    document_lang = str(root.get("/Lang", ""))

    def walk(node, page_id, parts: list[str], bare: list[str]) -> None:
        """Adds the node's text to `parts`, and to `bare` without footnotes (their /Lbl and /Note)."""
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, int):
            text = pages.get(page_id, {}).get(int(node), "")
            parts.append(text)
            bare.append(text)
        elif isinstance(node, ArrayObject):
            for child in node:
                walk(child, page_id, parts, bare)
        elif isinstance(node, DictionaryObject):
            if node.get("/Type") == "/MCR":
                text = pages.get(node.raw_get("/Pg").idnum, {}).get(int(node["/MCID"]), "")
                parts.append(text)
                bare.append(text)
                return
            if node.get("/Type") == "/OBJR":
                return
            if "/Pg" in node:
                page_id = node.raw_get("/Pg").idnum
            tag = str(node.get("/S", ""))
            own: list[str] = []
            own_bare: list[str] = []
            if "/K" in node:
                walk(node["/K"], page_id, own, own_bare)
            text = "".join(own)
            if HEADING.match(tag):  # the heading's own words: the outline has no footnote in it
                result.headings.append((tag, normalise_space("".join(own_bare))))
            lang = node.get("/Lang")
            if lang is not None and str(lang) != document_lang:
                result.passages.append((tag, str(lang), normalise_space(text)))
            parts.append(text)
            bare.append("" if tag in FOOTNOTE_TAGS else "".join(own_bare))

    parts: list[str] = []
    walk(root["/StructTreeRoot"].get("/K"), None, parts, [])
    result.text = "".join(parts)
    return result


def _marked_content(pdf_page) -> dict[int, str]:
    """MCID → its text on one page; text outside any MCID (artifacts) is dropped."""
    stack: list[int | None] = []
    texts: dict[int, list[str]] = {}

    def before(operator, operands, cm, tm) -> None:
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, dict) else None
            stack.append(int(mcid) if mcid is not None else None)
        elif operator == b"BMC":
            stack.append(None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(content, cm, tm, font, size) -> None:
        mcid = next((m for m in reversed(stack) if m is not None), None)
        if mcid is not None and content:
            texts.setdefault(mcid, []).append(content)

    pdf_page.extract_text(visitor_operand_before=before, visitor_text=text)
    return {mcid: "".join(parts) for mcid, parts in texts.items()}


def fonts_problems(reader: pypdf.PdfReader) -> list[str]:
    """Fonts that are not embedded or have no ToUnicode map."""
    problems = []
    seen: set[int] = set()
    for pdf_page in reader.pages:
        fonts = pdf_page.get("/Resources", {}).get("/Font", {})
        for name, reference in fonts.items():
            if isinstance(reference, IndirectObject):
                if reference.idnum in seen:
                    continue
                seen.add(reference.idnum)
            font = reference.get_object()
            base = str(font.get("/BaseFont", name))
            if "/ToUnicode" not in font:
                problems.append(f"{base}: no ToUnicode map")
            descriptors = [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
            descriptors.append(font.get("/FontDescriptor"))
            descriptors = [d.get_object() for d in descriptors if d is not None]
            if font.get("/Subtype") != "/Type3" and not any(
                    key in d for d in descriptors for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"{base}: not embedded")
    return problems


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(normalise_space(item.title))

    walk(reader.outline)
    return titles


def check_pdf(data: bytes, path: str = "PDF", lang: str | None = None, title: str | None = None,
              text: str | None = None, foreign_passages: dict[str, str] | None = None) -> Report:
    """Every check; `lang`, `title`, `text` and `foreign_passages` ({lang: text}) are what to expect, if known."""
    report = Report(path)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
    except Exception as error:  # pypdf raises many kinds on damaged files
        report.add("readable by pypdf", False, str(error).splitlines()[0] if str(error) else type(error).__name__)
        return report
    mark_info = root.get("/MarkInfo", {})
    report.add("tagged (/MarkInfo /Marked true)", bool(mark_info.get("/Marked", False)))
    report.add("structure tree (/StructTreeRoot)", "/StructTreeRoot" in root)
    document_lang = str(root.get("/Lang", "")) or None
    report.add("document language (/Lang)", document_lang is not None and (lang is None or document_lang == lang),
               f"{document_lang!r}" + (f", expected {lang!r}" if lang and document_lang != lang else ""))
    xmp = reader.xmp_metadata
    xmp_title = (xmp.dc_title or {}).get("x-default") if xmp else None
    report.add("title in XMP (dc:title)", bool(xmp_title) and (title is None or xmp_title == title),
               f"{xmp_title!r}" + (f", expected {title!r}" if title is not None and xmp_title != title else ""))
    preferences = root.get("/ViewerPreferences", {})
    report.add("title shown in the title bar (DisplayDocTitle)", bool(preferences.get("/DisplayDocTitle", False)))
    problems = fonts_problems(reader)
    report.add("fonts embedded, with ToUnicode", not problems, "; ".join(problems))
    structure = structure_text(reader)
    headings = [heading for _, heading in structure.headings]
    outline = outline_titles(reader)
    report.add("outline equals the headings", outline == headings and bool(headings),
               f"{len(outline)} bookmarks, {len(headings)} headings" + ("" if outline == headings else
                                                                       f": {outline[:3]} vs {headings[:3]}"))
    extracted = normalise_space(structure.text)
    found = [name for char, name in HYPHENATION_CHARACTERS.items() if char in extracted]
    report.add("no hyphenation characters in the text", not found, ", ".join(found))
    if text is not None:
        expected = normalise_space(text)
        report.add("text in structure order equals the edition's text", extracted == expected,
                   "" if extracted == expected else _first_difference(extracted, expected))
    for passage_lang, passage in (foreign_passages or {}).items():
        tagged = any(l == passage_lang and normalise_space(passage) in t for _, l, t in structure.passages)
        report.add(f"passage tagged /Lang {passage_lang}", tagged, normalise_space(passage)[:60])
    validation = page.validate_pdf_bytes(data, profile=page.ValidationProfile.PDF_UA_1)
    failures = [f"{f.rule_id}: {f.message}" for f in validation.failures]
    report.add("PDF/UA-1 (page-validation)", validation.is_compliant and not failures,
               f"{validation.rules.failed} failed rules" + (f": {'; '.join(failures[:3])}" if failures else ""))
    return report


def _first_difference(actual: str, expected: str) -> str:
    index = next((i for i, (a, b) in enumerate(zip(actual, expected)) if a != b), min(len(actual), len(expected)))
    return f"differs at character {index}: {actual[max(0, index - 30):index + 30]!r} vs {expected[max(0, index - 30):index + 30]!r}"
