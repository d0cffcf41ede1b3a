"""The plain-text edition: UTF-8, no markup, one line per paragraph.

Paragraphs are not hard-wrapped (readers' devices reflow them) and blocks are
separated by a blank line. Links become numbered references, listed under
"Links" at the end, so nothing of a URL interrupts the reading. What comes in
which order is `reading.reading_order`, shared with the PDF edition.
"""

from __future__ import annotations

from ..details import TextDetails
from ..release import Heading, ListBlock, LocalisedRelease, Paragraph, Quote, plain_text
from . import EditionSettings, Rendered
from .reading import Kicker, Lines, Notice, ReadingVisitor, References, Section, Small, Title


class _Text(ReadingVisitor[str]):
    """Each piece of the reading order as a paragraph of plain text ("" for none)."""

    def _text(self, piece: Kicker | Title | Notice | Section | Small) -> str:
        return piece.text

    kicker = title = notice = section = small = _text

    def _runs(self, block: Heading | Paragraph) -> str:
        return plain_text(block.runs)

    heading = paragraph = _runs

    def quote(self, block: Quote) -> str:
        return "\n\n".join("    " + plain_text(runs) for runs in block.paragraphs)

    def list(self, block: ListBlock) -> str:
        markers = [f"{block.start + i}." if block.ordered else "•" for i in range(len(block.items))]
        return "\n".join(f"{marker} {plain_text(item)}" for marker, item in zip(markers, block.items))

    def lines(self, piece: Lines) -> str:
        return "\n".join(text for text in map(plain_text, piece.lines) if text)

    def references(self, piece: References) -> str:
        return "\n".join([piece.heading, *map(plain_text, piece.lines)])


def text_blocks(release: LocalisedRelease) -> list[str]:
    """The edition as a list of blocks, each a paragraph of the output."""
    return [text for text in _Text().walk(release) if text]


class TextEdition:
    kind = "text"
    extension = "txt"
    media_type = "text/plain; charset=utf-8"
    recorded = False

    def render(self, release: LocalisedRelease, settings: EditionSettings | None = None) -> Rendered:
        text = "\n\n".join(text_blocks(release)) + "\n"
        return Rendered(text.encode("utf-8"), TextDetails(characters=len(text)))
