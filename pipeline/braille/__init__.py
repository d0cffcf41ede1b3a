"""The braille editions' parts: liblouis through ctypes (`louis`), a release in braille as blocks
of spans, each written by its language's table (`transcribe`), and the blocks laid out on pages
(`layout`). `pipeline/editions/braille.py` writes the pages as a Braille Ready File,
`pipeline/editions/pef.py` as PEF. Which table writes which language is each language's
module's `braille_tables` (pipeline/languages/); docs/braille.md says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..release import LocalisedRelease
from .layout import Page, paginate
from .transcribe import BrailleBlock, braille_code, page_number, transcribe


@dataclass(frozen=True)
class BraillePages:
    pages: list[Page]
    blocks: list[BrailleBlock]
    table: str  # the edition language's table list
    grade: str  # "contracted" or "uncontracted", as written (a language without contracted braille: uncontracted)


def braille_pages(release: LocalisedRelease, grade: str, cells: int, lines: int) -> BraillePages:
    """The release in braille on pages of `lines` lines of `cells` cells, in the grade asked for where
    its language has it."""
    code = braille_code(release.lang, grade)
    written = "uncontracted" if code is braille_code(release.lang, "uncontracted") else "contracted"
    blocks = transcribe(release, grade)
    pages = paginate(blocks, cells, lines, lambda number: page_number(release, grade, number))
    return BraillePages(pages, blocks, code.table, written)
