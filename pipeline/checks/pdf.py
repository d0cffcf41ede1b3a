"""Accessibility checks of a PDF, read back with pypdf, plus the PDF/UA-1
validator `page-validation`.

`structure_text` reads the text in the order of the structure tree (what a
screen reader follows), not in the order of the content streams: each marked
content sequence's text is collected per MCID, then the tree is walked.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import re
import unicodedata
from itertools import groupby
from collections.abc import Iterator
from dataclasses import dataclass, field

import page
import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from pypdf.generic._font import Font

from . import Report

HEADING = re.compile(r"^/H[1-6]?$")
FOOTNOTE_TAGS = ("/Lbl", "/Note")  # in a heading: a footnote's mark and its note (a list's /Lbl is in an /LI)
HYPHENATION_CHARACTERS = {"\u00ad": "soft hyphen U+00AD", "\u2010": "hyphen U+2010"}


def normalise_space(text: str) -> str:
    """Runs of ASCII white space become one space; no-break spaces are kept (they are meant). A line
    break between two wide characters (Chinese, Japanese: no spaces between words, lines break between
    any two characters) is no space. Characters that are never drawn are left out, as a PDF has no
    glyph for them: format controls (a ZWJ in an emoji sequence, the direction marks; not the soft
    hyphen, which check 8 looks for) and variation selectors (the U+FE0F of "❤️")."""
    text = "".join(char for char in text if not _invisible(char))

    def space(match: re.Match) -> str:
        before, after = text[match.start() - 1: match.start()], text[match.end(): match.end() + 1]
        return "" if "\n" in match.group() and " " not in match.group() and _wide(before) and _wide(after) else " "

    return re.sub(r"[ \t\r\n]+", space, text).strip()


def _wide(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in ("W", "F") and not char.isspace()


def _invisible(char: str) -> bool:
    return (unicodedata.category(char) == "Cf" and char != "\u00ad") or 0xFE00 <= ord(char) <= 0xFE0F \
        or 0xE0100 <= ord(char) <= 0xE01EF


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
    """MCID → its text on one page; text outside any MCID (artifacts) is dropped.

    Right-to-left text is written in visual order inside `/ReversedChars` marked content (PDF 32000
    14.8.2.3.3; Typst does so): such a text object's strings are read here from the show operators
    themselves and put back in logical order (the consecutive reversed strings, reversed as one), in
    place of what pypdf made of it, whose guess at right-to-left order moves the neutral characters
    around a run ("(יעל כהן ,)" for "(יעל כהן),")."""
    stack: list[tuple[int | None, bool]] = []  # (MCID, whether /ReversedChars)
    texts: dict[int, list[tuple[int, str]]] = {}  # MCID → (text object, text) in order
    objects: list[_TextObject] = []  # each BT … ET, with its strings as shown
    resources = pdf_page.get("/Resources", {}).get("/Font", {})
    fonts: dict[str, Font] = {}
    font: list[Font | None] = [None]

    def before(operator, operands, cm, tm) -> None:
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, dict) else None
            stack.append((int(mcid) if mcid is not None else None, False))
        elif operator == b"BMC":
            stack.append((None, bool(operands) and operands[0] == "/ReversedChars"))
        elif operator == b"EMC" and stack:
            stack.pop()
        elif operator == b"BT":
            objects.append(_TextObject())
        elif operator == b"Tf" and operands:
            name = operands[0]
            if name not in fonts and name in resources:
                fonts[name] = Font.from_font_resource(resources[name].get_object())
            font[0] = fonts.get(name)
        elif operator in (b"Tj", b"TJ", b"'", b'"') and objects and font[0] is not None and operands:
            strings = operands[0] if operator == b"TJ" else operands[-1:]
            glyphs = [glyph for item in strings if isinstance(item, (bytes, str)) for glyph in _decode(font[0], item)]
            objects[-1].add(glyphs, any(reversed_ for _, reversed_ in stack))

    def text(content, cm, tm, font_resource, size) -> None:
        mcid = next((m for m, _ in reversed(stack) if m is not None), None)
        if mcid is not None and content:
            texts.setdefault(mcid, []).append((len(objects) - 1, content))

    with _no_right_to_left_guess():
        pdf_page.extract_text(visitor_operand_before=before, visitor_text=text)
    result = {}
    for mcid, parts in texts.items():
        pieces: list[str] = []
        for index, group in groupby(parts, key=lambda part: part[0]):
            contents = "".join(content for _, content in group)
            if index >= 0 and (objects[index].reversed or (index and objects[index - 1].reversed)):
                # As the strings say, after a line break where pypdf saw one: the spaces pypdf guesses
                # from the positions of visual-order text are wrong (the strings hold the spaces).
                contents = ("\n" if "\n" in contents[: len(contents) - len(contents.lstrip())] else "") \
                    + objects[index].logical()
            pieces.append(contents)
        result[mcid] = "".join(pieces)
    return result


@contextlib.contextmanager
def _no_right_to_left_guess() -> Iterator[None]:
    """pypdf guesses the order of right-to-left text written in visual order without /ReversedChars,
    reversing what it takes for a right-to-left run; its guess also moves the neutral characters after
    such a run ("), Director" read as " ,)Director"), in this text object and the next ones. Text in
    /ReversedChars is read by `_marked_content` itself, so the guess is turned off while pypdf reads
    (its `is_char_rtl`, looked up at each call; pypdf is pinned in requirements.lock)."""
    module = importlib.import_module("pypdf._text_extraction")
    guess = getattr(module, "is_char_rtl", None)
    if guess is None:
        yield
        return
    module.is_char_rtl = lambda *_: False
    try:
        yield
    finally:
        module.is_char_rtl = guess


class _TextObject:
    """The strings one BT … ET shows (each glyph's text), each with whether it is in /ReversedChars."""

    def __init__(self) -> None:
        self.strings: list[tuple[list[str], bool]] = []
        self.reversed = False

    def add(self, glyphs: list[str], reversed_: bool) -> None:
        self.strings.append((glyphs, reversed_))
        self.reversed |= reversed_

    def logical(self) -> str:
        """The text in reading order: a run of reversed strings is reversed glyph by glyph (a ligature's
        text, "لا", stays as it is)."""
        out: list[str] = []
        run: list[str] = []
        for glyphs, reversed_ in [*self.strings, ([], False)]:
            if reversed_:
                run += glyphs
                continue
            out += reversed(run)
            run = []
            out += glyphs
        return "".join(out)


def _decode(font: Font, string) -> list[str]:
    """A show string's text, glyph by glyph, through the font's encoding and ToUnicode map (as pypdf
    decodes it)."""
    raw = string if isinstance(string, bytes) else getattr(string, "original_bytes", None) or \
        string.encode("latin-1", "replace")
    if isinstance(font.encoding, str):
        chars = raw.decode(font.encoding, "surrogatepass" if len(raw) % 2 == 0 else "replace")
    else:
        chars = "".join(font.encoding.get(byte, chr(byte)) for byte in raw)
    return [font.character_map.get(char, char) for char in chars]


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
