"""A LocalisedRelease in braille: the reading order (editions/reading.py) as blocks of spans.

Each piece of text is written by the table its language's module names (`Language.braille_tables`,
the grade the `braille-grade` setting asks for): the release's own text with the edition
language's code; a passage in another language (a run with its own `lang`) with that language's
uncontracted code, as readers of the edition's code may not know its contractions (a language
without tables: the edition's uncontracted code); URLs and e-mail addresses with the code's
address table, after its sign and before its end sign where it has one (pipeline/languages/spec.py
`BrailleCode`: Italian, Spanish and Russian in 6-dot computer braille between ⠸⠬ and ⠸⠱), never
contracted.
Phone numbers are numbers: the text's table writes them (UEB joins their groups with its
numeric space).

A `Span` keeps the print it writes and the table that wrote it, so that the checks can read
each one back with its own table (tests/editions/test_braille.py). A `BrailleBlock` says how a
transcriber lays it out (braille/layout.py): paragraphs start in cell 3, list items and contact
lines hang (runovers in cell 3), headings are centred, quotations are blocked in cell 3, a table
is listed a cell a line after its header, a footnote reference is its number in brackets ("(1)").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..config import BRAILLE_GRADES as GRADES
from ..editions.reading import Body, Kicker, Lines, Notes, Notice, ReadingVisitor, References, Section, Small, Title
from ..editions.text import cell_text, without_label
from ..errors import PipelineError
from ..languages import BrailleCode, language, language_or_default
from ..localise.labels import FIGURE_LABEL
from ..localise.typography import label_colon
from ..release import Figure, Heading, ListBlock, LocalisedRelease, Paragraph, Quote, Run, Runs, Table
from ..text.patterns import EMAIL, URL
from .louis import BLANK, printable, translate

NO_BREAK = "\u00a0\u202f"  # spaces a line does not break at
BREAK_AFTER = "/-"  # a line may break after these inside a word …
BREAK_AFTER_IN_ADDRESSES = "/-.@_?&=#"  # … and after these inside an address


@dataclass(frozen=True)
class Span:
    """Print and the braille that writes it."""

    text: str  # the print it writes ("" for a sign: an indicator that writes no character)
    cells: str  # Unicode braille, 6 dots; BLANK for a space
    table: str = ""  # the liblouis table list that wrote it ("" for a space or a sign)
    back: str = ""  # the table list that reads it back (the checks)
    breaks: frozenset[int] = frozenset()  # cells a line may break before inside a word (no blank there)
    glue: frozenset[int] = frozenset()  # blank cells a line does not break at (no-break spaces)


@dataclass(frozen=True)
class BrailleBlock:
    """A paragraph of braille and its layout: indents in cells, from the left margin."""

    spans: tuple[Span, ...]
    first: int = 0  # the first line's indent
    rest: int = 0  # the runover lines' indent
    centred: bool = False
    blank_before: bool = False
    blank_after: bool = False
    keep_with_next: bool = False  # a heading: never the last thing on a page

    @property
    def cells(self) -> str:
        return "".join(span.cells for span in self.spans)


def braille_code(lang: str, grade: str) -> BrailleCode:
    """The code the edition in `lang` is written in, for the `braille-grade` setting."""
    if grade not in GRADES:
        raise PipelineError(f"braille grade must be one of {', '.join(GRADES)}, not {grade!r}")
    tables = language(lang).braille_tables
    if tables is None:
        raise PipelineError(f"no braille tables for language {lang!r}: its module (pipeline/languages/) "
                            "names none in braille_tables")
    return tables.contracted if grade == "contracted" and tables.contracted else tables.uncontracted


def transcribe(release: LocalisedRelease, grade: str) -> list[BrailleBlock]:
    """The release's reading order in braille, one block per paragraph of the layout."""
    writer = _Writer(release, braille_code(release.lang, grade))
    return [block for blocks in writer.walk(release) for block in blocks]


def page_number(release: LocalisedRelease, grade: str, number: int) -> str:
    """A page number as the edition's code writes it ("⠼⠁⠃" in UEB)."""
    return _translate(braille_code(release.lang, grade).table, str(number))[0]


class _Writer(ReadingVisitor[list[BrailleBlock]]):
    """Each piece of the reading order as blocks of braille."""

    def __init__(self, release: LocalisedRelease, code: BrailleCode) -> None:
        self.release, self.code = release, code

    def spans(self, runs: Runs) -> tuple[Span, ...]:
        """Runs in braille: consecutive runs in one language are one text for liblouis (its
        contractions see whole words), its addresses apart."""
        out: list[Span] = []
        groups: list[tuple[str | None, str]] = []
        for run in runs:
            lang = run.lang if run.lang and run.lang != self.release.lang else None
            text = f"({run.text})" if run.note is not None else run.text  # a footnote reference: "(1)"
            if groups and groups[-1][0] == lang:
                groups[-1] = (lang, groups[-1][1] + text)
            else:
                groups.append((lang, text))
        for lang, text in groups:
            out += _write(text, self.code if lang is None else self._foreign(lang))
        return tuple(out)

    def _foreign(self, lang: str) -> BrailleCode:
        tables = language_or_default(lang).braille_tables
        return tables.uncontracted if tables else braille_code(self.release.lang, "uncontracted")

    def block(self, runs: Runs, **layout) -> list[BrailleBlock]:
        spans = self.spans(runs)
        return [BrailleBlock(spans, **layout)] if spans else []

    def text(self, text: str, lang: str | None = None, **layout) -> list[BrailleBlock]:
        return self.block((Run(text, lang=lang),), **layout)

    def kicker(self, piece: Kicker) -> list[BrailleBlock]:
        return self.text(piece.text, centred=True, blank_after=True)

    def title(self, piece: Title) -> list[BrailleBlock]:
        return self.text(piece.text, piece.lang, centred=True, blank_after=True, keep_with_next=True)

    def notice(self, piece: Notice) -> list[BrailleBlock]:
        return self.text(piece.text, first=2, rest=2, blank_after=True)  # set apart, blocked in cell 3

    def body(self, piece: Body) -> list[BrailleBlock]:
        blocks = self.visit(piece.block)
        if piece.link is not None and blocks:  # a picture on the web: its link number after "[Photo: …]"
            blocks[0] = replace(blocks[0], spans=blocks[0].spans + self.spans((Run(f" [{piece.link}]"),)))
        return blocks

    def heading(self, block: Heading) -> list[BrailleBlock]:
        if block.level <= 2:
            return self.block(block.runs, centred=True, blank_before=True, blank_after=True, keep_with_next=True)
        return self.block(block.runs, first=4, rest=4, blank_before=True, keep_with_next=True)  # a cell-5 heading

    def paragraph(self, block: Paragraph) -> list[BrailleBlock]:
        return self.block(block.runs, first=2)

    def quote(self, block: Quote) -> list[BrailleBlock]:
        blocks = [b for runs in block.paragraphs for b in self.block(runs, first=2, rest=2)]
        return _set_apart(blocks)

    def list(self, block: ListBlock) -> list[BrailleBlock]:
        blocks = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else "• "  # a bullet the table lacks is left out
            blocks += self.block((Run(marker), *item), rest=2)
        return _set_apart(blocks)

    def table(self, block: Table) -> list[BrailleBlock]:
        """Listed, as transcribers list a table wider than the page: its caption, then each row set
        apart, a cell a line after its column's header ("Header: value"), runovers in cell 3; a table
        without a header, a row a line, its cells apart by semicolons."""
        blocks = self.block(block.caption, first=2, blank_before=True) if block.caption else []
        header = [cell_text(cell) for cell in block.header]
        for row in block.rows:
            cells = [cell for cell in row if cell_text(cell)]
            if not any(header):
                runs = tuple(run for index, cell in enumerate(cells)
                             for run in (*((Run("; "),) if index else ()), *cell))
                blocks += _set_apart(self.block(runs, rest=2), after=False)
                continue
            lines = []
            for column, cell in enumerate(row):
                if cell_text(cell):
                    label = header[column] if column < len(header) else ""
                    prefix = (Run(label_colon(label, self.release.lang) + " "),) if label else ()
                    lines += self.block((*prefix, *cell), rest=2)
            blocks += _set_apart(lines, after=False)
        if blocks:
            blocks[-1] = replace(blocks[-1], blank_after=True)
        return blocks

    def figure(self, block: Figure) -> list[BrailleBlock]:
        """"[Photo: alt text — credit]", as the text edition writes it, then the caption."""
        label = self.release.labels.gettext(FIGURE_LABEL)
        credit = without_label(cell_text(block.credit), label, self.release.lang)
        described = (Run("[" + label_colon(label, self.release.lang) + " "), *block.alt) if cell_text(block.alt) \
            else (Run("[" + label),)
        runs = (*described, *((Run(f" — {credit}"),) if credit else ()), Run("]"))
        caption = self.block(block.caption, first=2) if block.caption else []
        return _set_apart(self.block(runs, rest=2) + caption)

    def notes(self, piece: Notes) -> list[BrailleBlock]:
        """The footnotes under their heading, each opened by its reference, "(1)", runovers in cell 3."""
        blocks = self.text(piece.heading, centred=True, blank_before=True, blank_after=True, keep_with_next=True)
        for note in piece.notes:
            paragraphs = note.paragraphs or ((),)
            blocks += self.block((Run(f"({note.number}) "), *paragraphs[0]), rest=2)
            blocks += [b for runs in paragraphs[1:] for b in self.block(runs, first=2, rest=2)]
        return blocks

    def lines(self, piece: Lines) -> list[BrailleBlock]:
        blocks = [b for line in piece.lines for b in self.block(line, rest=2)]
        return _set_apart(blocks, after=False)

    def section(self, piece: Section) -> list[BrailleBlock]:
        return self.text(piece.text, centred=True, blank_before=True, blank_after=True, keep_with_next=True)

    def references(self, piece: References) -> list[BrailleBlock]:
        heading = self.text(piece.heading, centred=True, blank_before=True, blank_after=True, keep_with_next=True)
        return heading + [b for line in piece.lines for b in self.block(line, rest=4)]

    def small(self, piece: Small) -> list[BrailleBlock]:
        return self.text(piece.text, first=2, blank_before=True)


def _set_apart(blocks: list[BrailleBlock], after: bool = True) -> list[BrailleBlock]:
    """A list, a quotation, a contact: a blank line before it (and after it)."""
    if blocks:
        blocks[0] = replace(blocks[0], blank_before=True)
        blocks[-1] = replace(blocks[-1], blank_after=after)
    return blocks


def _write(text: str, code: BrailleCode) -> list[Span]:
    """A text in one language: its addresses apart, each stretch of text with the code's table."""
    found = sorted((m.start(), m.end()) for pattern in (URL, EMAIL) for m in pattern.finditer(text))
    spans, position = [], 0
    for start, end in found:
        if start < position:
            continue  # an e-mail address inside a URL
        spans += _stretch(text[position:start], code.table, code.back or code.table)
        spans += _address(text[start:end], code)
        position = end
    return spans + _stretch(text[position:], code.table, code.back or code.table)


def _address(address: str, code: BrailleCode) -> list[Span]:
    """A URL or e-mail address: the code's address table between its signs; an address with a character
    that table lacks (a Cyrillic domain in computer braille), the text's table, unsigned, rather than
    lose the character."""
    addresses = code.addresses or code.table
    if printable(addresses, address) != address:
        return _stretch(address, code.table, code.back or code.table, address=True)
    opening = [Span("", code.address_sign)] if code.address_sign else []
    closing = [Span("", code.address_end)] if code.address_end else []
    return opening + _stretch(address, addresses, addresses, address=True) + closing


def _stretch(text: str, table: str, back: str, address: bool = False) -> list[Span]:
    """Spaces around a stretch as blank cells (liblouis drops them), the stretch itself translated."""
    core = text.strip()
    if not core:
        return [_space(text)] if text else []
    leading, trailing = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    cells, breaks, glue = _translate(table, core, BREAK_AFTER_IN_ADDRESSES if address else BREAK_AFTER)
    spans = [_space(leading)] if leading else []
    spans.append(Span(core, cells, table, back, breaks, glue))
    return spans + ([_space(trailing)] if trailing else [])


def _space(text: str) -> Span:
    no_break = all(character in NO_BREAK for character in text)
    return Span(text, BLANK, glue=frozenset({0}) if no_break else frozenset())


def _translate(table: str, text: str, break_after: str = BREAK_AFTER) -> tuple[str, frozenset[int], frozenset[int]]:
    """The braille of `text`, the cells a line may break before inside a word, and its no-break blanks."""
    written = printable(table, text)
    cells, positions = translate(table, written)
    eight_dots = {cell for cell in cells if ord(cell) - 0x2800 >= 0x40}
    if eight_dots:
        raise PipelineError(f"the braille table {table!r} writes 8-dot cells ({''.join(sorted(eight_dots))}): "
                            "the braille editions are 6-dot braille")
    breaks, glue = set(), set()
    for index, cell in enumerate(cells):
        source = positions[index]
        if cell == BLANK:
            if written[source] in NO_BREAK:
                glue.add(index)
        elif index and cells[index - 1] != BLANK and source != positions[index - 1]:
            previous = positions[index - 1]
            dropped_space = any(c.isspace() for c in written[previous + 1:source])  # Russian "1, 2": "1,2"
            if dropped_space or written[previous] in break_after:
                breaks.add(index)
    return cells, frozenset(breaks), frozenset(glue)
