"""Braille blocks laid out on pages, as a transcriber lays out a document.

A page is `lines` lines of `cells` cells (40 × 25 by default: the `braille-cells` and
`braille-lines` settings). Its first line holds the braille page number at the right margin, as
transcribers number braille pages; the text fills the lines below it. Lines break between words
(at blank cells, never at a no-break space); a word longer than a line (an address) breaks
after a slash, a hyphen or, in an address, a dot or "@", else at the margin. A heading is never
the last line of a page, blank lines never open a page, and a line never ends with blanks.

`to_brf` writes the pages as a Braille Ready File: North American braille ASCII (each cell one
of 64 characters), lines ended by CR LF, pages apart by a form feed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..config import BRAILLE_MIN_CELLS as MIN_CELLS
from ..config import BRAILLE_MIN_LINES as MIN_LINES
from .louis import BLANK
from .transcribe import BrailleBlock

# Braille ASCII (North American Braille Computer Code, as Braille Ready Files write it): the character
# of each cell, in the order of the Unicode braille patterns (dot 1 = bit 0 … dot 6 = bit 5).
BRAILLE_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
CENTRED_MARGIN = 3  # blank cells a centred heading keeps on each side


@dataclass(frozen=True)
class Word:
    cells: str
    breaks: tuple[int, ...]  # where it may break inside (cell indexes)


Page = list[str]  # its lines, each at most `cells` cells, trailing blanks left out


def words(block: BrailleBlock) -> list[Word]:
    """The block's cells cut at its breaking blanks (no-break blanks stay inside words)."""
    found: list[Word] = []
    cells, breaks = "", []
    for span in block.spans:
        for index, cell in enumerate(span.cells):
            if cell == BLANK and index not in span.glue:
                if cells:
                    found.append(Word(cells, tuple(breaks)))
                cells, breaks = "", []
                continue
            if index in span.breaks and cells:
                breaks.append(len(cells))
            cells += cell
    if cells:
        found.append(Word(cells, tuple(breaks)))
    return found


def wrap(block: BrailleBlock, width: int) -> list[str]:
    """The block's lines, indents included, each at most `width` cells."""
    margin = CENTRED_MARGIN if block.centred and width > 4 * CENTRED_MARGIN else 0
    lines: list[str] = []
    line, indent = "", block.first
    for word in words(block):
        cells, breaks = word.cells, word.breaks
        while True:
            room = width - 2 * margin - indent - (len(line) + 1 if line else 0)
            if len(cells) <= room:
                line = f"{line}{BLANK}{cells}" if line else cells
                break
            # A word longer than a line (an address) breaks anyway: it fills this line first.
            longer_than_a_line = len(cells) > width - 2 * margin - block.rest
            cut = max((b for b in breaks if b <= room), default=0) or (0 if line else room)
            if cut and (longer_than_a_line or not line):
                line = f"{line}{BLANK}{cells[:cut]}" if line else cells[:cut]
                cells, breaks = cells[cut:], tuple(b - cut for b in breaks if b > cut)
            lines.append(BLANK * indent + line)
            line, indent = "", block.rest
    if line:
        lines.append(BLANK * indent + line)
    if block.centred:
        lines = [BLANK * ((width - len(text)) // 2) + text for text in lines]
    return lines


def paginate(blocks: list[BrailleBlock], cells: int, lines: int, number: Callable[[int], str]) -> list[Page]:
    """The blocks on pages of `lines` lines of `cells` cells; `number(n)` is page n's number in braille."""
    if cells < MIN_CELLS or lines < MIN_LINES:
        raise ValueError(f"a braille page needs at least {MIN_CELLS} cells and {MIN_LINES} lines")
    room = lines - 1  # the first line holds the page number
    pages: list[list[str]] = [[]]
    wrapped = [wrap(block, cells) for block in blocks]
    blank_pending = False
    for position, (block, text) in enumerate(zip(blocks, wrapped)):
        page = pages[-1]
        blank = (blank_pending or block.blank_before) and bool(page)
        needed = len(text) + blank
        if block.keep_with_next and position + 1 < len(blocks):
            needed += 1 + blocks[position + 1].blank_before  # with the first line of what follows
        if page and len(page) + needed > room and len(text) + 1 <= room:
            pages.append([])  # start the block on a new page rather than split a heading from its text
            page, blank = pages[-1], False
        if blank:
            page.append("")
        for line in text:
            if len(page) == room:
                pages.append([])
                page = pages[-1]
            page.append(line)
        blank_pending = block.blank_after
    return [[_number_line(number(n), cells), *page] for n, page in enumerate(pages, start=1)]


def _number_line(cells: str, width: int) -> str:
    return BLANK * (width - len(cells)) + cells


def to_ascii(line: str) -> str:
    return "".join(BRAILLE_ASCII[ord(cell) - 0x2800] for cell in line.rstrip(BLANK))


def to_brf(pages: list[Page]) -> bytes:
    """The pages as a Braille Ready File."""
    return "\f".join("".join(to_ascii(line) + "\r\n" for line in page) for page in pages).encode("ascii")
