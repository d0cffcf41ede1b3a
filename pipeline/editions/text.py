"""The plain-text edition: UTF-8, no markup, one line per paragraph.

Paragraphs are not hard-wrapped (readers' devices reflow them) and blocks are
separated by a blank line. Links become numbered references, listed under
"Links" at the end, so nothing of a URL interrupts the reading. What comes in
which order is `reading.reading_order`, shared with the PDF edition.

Tables, figures and footnotes:

- a table is its caption, then aligned columns when they fit `LINE_WIDTH`
  characters (as a terminal or an e-mail shows them), a rule under the header;
  a wider table is one "Header: value" line per cell, a blank line between rows;
- a figure is "[Photo: alt text — credit]", its caption on the next line; a
  picture on the web is numbered among the links (" [3]"), a file beside the
  release is not (it is not published);
- a footnote reference is its number in superscript ("attacks¹"), and the notes
  are listed under "Notes" after the body ("¹ The figures …"). Superscripts,
  not "[1]": the link numbers are already "[n]", and a reader must tell a note
  from a link at a glance; a superscript takes no word of the sentence (no
  label to translate, nothing for the EPUB's sentence alignment to skip but the
  mark) and is the mark the PDF and the printed page use for a footnote.
"""

from __future__ import annotations

import re
import unicodedata

from ..details import TextDetails
from ..localise.labels import FIGURE_LABEL
from ..localise.typography import labelled
from ..release import Figure, Heading, ListBlock, LocalisedRelease, Paragraph, Quote, Runs, Table
from . import EditionSettings, Rendered
from .reading import Body, Kicker, Lines, Notes, Notice, ReadingVisitor, References, Section, Small, Title

LINE_WIDTH = 72  # a table wider than this is written a cell a line
COLUMN_GAP = "  "
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# A cell that is a quantity ("1,248", "12.5 %", "EUR 2.5", "–"): its column is right-aligned unless
# the writer aligned it.
NUMERIC = re.compile(r"[-+−–]?\s*(?:[€$£]|[A-Z]{3}\s)?\s*\d[\d\s\u00a0\u202f.,'’]*(?:\s*(?:%|‰|[A-Z]{3}|[€$£]))?")
NO_VALUE = {"", "-", "–", "—"}
LINE_BREAKS = re.compile(r"[ \t\r\n\f\v]+")  # breaking whitespace only


def note_mark(text: str) -> str:
    """A footnote reference as the text edition writes it: its number in superscript."""
    return text.translate(SUPERSCRIPT) if text.isdigit() else f"^{text}"


def plain(runs: Runs) -> str:
    """The runs' text, a footnote reference as its superscript number."""
    return "".join(note_mark(run.text) if run.note is not None else run.text for run in runs)


def cell_text(runs: Runs) -> str:
    """A table cell on one line (no-break spaces kept: "1\u202f248", "12,5\u202f%")."""
    return LINE_BREAKS.sub(" ", plain(runs)).strip(" ")


def display_width(text: str) -> int:
    """Columns `text` takes in a monospaced font: a wide (CJK) character two, a combining mark none."""
    return sum(0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
               for char in text)


def _pad(text: str, width: int, align: str) -> str:
    space = width - display_width(text)
    if align == "right":
        return " " * space + text
    if align == "center":
        return " " * (space // 2) + text + " " * (space - space // 2)
    return text + " " * space


def column_alignments(table: Table, rows: list[list[str]]) -> list[str]:
    """Each column's alignment: as written, else right for a column of quantities, else left."""
    aligns = []
    for column in range(table.columns):
        written = table.align[column] if column < len(table.align) else None
        if written:
            aligns.append(written)
            continue
        values = [row[column] for row in rows if row[column] not in NO_VALUE]
        aligns.append("right" if values and all(NUMERIC.fullmatch(value) for value in values) else "left")
    return aligns


def aligned_table(header: list[str], rows: list[list[str]], aligns: list[str]) -> list[str]:
    """The table in aligned columns, a rule under the header row."""
    widths = [max(display_width(row[column]) for row in ([header] if header else []) + rows)
              for column in range(len(aligns))]
    widths = [max(width, 1) for width in widths]

    def line(cells: list[str]) -> str:
        return COLUMN_GAP.join(_pad(cell, width, align) for cell, width, align in zip(cells, widths, aligns)).rstrip()

    lines = [line(header), COLUMN_GAP.join("-" * width for width in widths)] if header else []
    return lines + [line(row) for row in rows]


def labelled_rows(header: list[str], rows: list[list[str]], lang: str) -> list[str]:
    """The table a cell a line, "Header: value", a blank line between rows; without a header, a row a line."""
    if not any(header):
        return ["; ".join(cell for cell in row if cell) for row in rows]
    out = []
    for row in rows:
        if out:
            out.append("")
        for label, value in zip(header, row):
            if value:
                out.append(labelled(label, value, lang) if label else value)
    return out


class _Text(ReadingVisitor[str]):
    """Each piece of the reading order as a paragraph of plain text ("" for none)."""

    def __init__(self, release: LocalisedRelease) -> None:
        self.release = release

    def _text(self, piece: Kicker | Title | Notice | Section | Small) -> str:
        return piece.text

    kicker = title = notice = section = small = _text

    def body(self, piece: Body) -> str:
        text = self.visit(piece.block)
        if piece.link is not None:  # a picture on the web: its number after the "[Photo: …]" line
            first, newline, rest = text.partition("\n")
            text = f"{first} [{piece.link}]{newline}{rest}"
        return text

    def _runs(self, block: Heading | Paragraph) -> str:
        return plain(block.runs)

    heading = paragraph = _runs

    def quote(self, block: Quote) -> str:
        return "\n\n".join("    " + plain(runs) for runs in block.paragraphs)

    def list(self, block: ListBlock) -> str:
        markers = [f"{block.start + i}." if block.ordered else "•" for i in range(len(block.items))]
        return "\n".join(f"{marker} {plain(item)}" for marker, item in zip(markers, block.items))

    def table(self, block: Table) -> str:
        columns = block.columns
        header = [cell_text(cell) for cell in block.header]
        header += [""] * (columns - len(header)) if header else []
        rows = [[cell_text(cell) for cell in row] + [""] * (columns - len(row)) for row in block.rows]
        lines = [cell_text(block.caption)] if block.caption else []
        aligned = aligned_table(header, rows, column_alignments(block, rows))
        if max(map(display_width, aligned), default=0) <= LINE_WIDTH:
            lines += aligned
        else:
            lines += labelled_rows(header, rows, self.release.lang)
        return "\n".join(lines)

    def figure(self, block: Figure) -> str:
        """"[Photo: alt — credit]", then the caption."""
        label = self.release.labels.gettext(FIGURE_LABEL)
        alt, credit = cell_text(block.alt), without_label(cell_text(block.credit), label, self.release.lang)
        described = labelled(label, alt, self.release.lang) if alt else label
        lines = [f"[{described}{f' — {credit}' if credit else ''}]"]
        if block.caption:
            lines.append(plain(block.caption))
        return "\n".join(lines)

    def notes(self, piece: Notes) -> str:
        lines = [piece.heading]
        for note in piece.notes:
            mark = note_mark(note.number)
            paragraphs = [plain(runs) for runs in note.paragraphs] or [""]
            lines.append(f"{mark} {paragraphs[0]}".rstrip())
            lines += [" " * (len(mark) + 1) + text for text in paragraphs[1:]]
        return "\n".join(lines)

    def lines(self, piece: Lines) -> str:
        return "\n".join(text for text in map(plain, piece.lines) if text)

    def references(self, piece: References) -> str:
        return "\n".join([piece.heading, *map(plain, piece.lines)])


def without_label(credit: str, label: str, lang: str | None = None) -> str:
    """A credit without the label it would repeat: "Photo: OSCE/Jane Doe" → "OSCE/Jane Doe" (any spacing
    before the colon, as a writer or a translation engine left it, whatever `lang`'s typography)."""
    match = re.match(rf"{re.escape(label)}\s*[:：]\s*", credit, re.IGNORECASE)
    return credit[match.end():] if match else credit


def text_blocks(release: LocalisedRelease) -> list[str]:
    """The edition as a list of blocks, each a paragraph of the output."""
    return [text for text in _Text(release).walk(release) if text]


class TextEdition:
    kind = "text"
    extension = "txt"
    media_type = "text/plain; charset=utf-8"
    recorded = False

    def render(self, release: LocalisedRelease, settings: EditionSettings | None = None) -> Rendered:
        text = "\n\n".join(text_blocks(release)) + "\n"
        return Rendered(text.encode("utf-8"), TextDetails(characters=len(text)))
