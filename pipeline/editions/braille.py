"""The braille edition: a Braille Ready File (.brf), ready for an embosser or a braille display.

The localised release in its language's literary braille, as liblouis writes it with the tables
its language's module names (contracted where the language's readers read contracted braille,
or uncontracted: the `braille-grade` setting), laid out as a transcriber lays out a document:
40 cells by 25 lines (the `braille-cells` and `braille-lines` settings), the page number at the
top right of each page, centred headings, lists and contacts with hanging indents (pipeline/braille/).
The same pages are the PEF edition (editions/pef.py). docs/braille.md.
"""

from __future__ import annotations

from ..braille import BraillePages, braille_pages
from ..braille.layout import to_brf
from ..details import BrailleDetails
from ..release import LocalisedRelease
from . import EditionSettings, Rendered


class BrfEdition:
    kind = "braille"
    extension = "brf"
    media_type = "text/plain; charset=us-ascii"  # braille ASCII; no type of its own is registered
    recorded = False

    def render(self, release: LocalisedRelease, settings: EditionSettings = EditionSettings()) -> Rendered:
        braille = braille_pages(release, settings.braille_grade, settings.braille_cells, settings.braille_lines)
        return Rendered(to_brf(braille.pages), braille_details(braille, settings))


def braille_details(braille: BraillePages, settings: EditionSettings) -> BrailleDetails:
    return BrailleDetails(pages=len(braille.pages), cells=settings.braille_cells, lines=settings.braille_lines,
                          grade=braille.grade, table=braille.table)
