"""The plain-text edition: UTF-8, no markup, one line per paragraph.

Paragraphs are not hard-wrapped (readers' devices reflow them) and blocks are
separated by a blank line. Links become numbered references, listed under
"Links" at the end, so nothing of a URL interrupts the reading. What comes in
which order is `reading.reading_order`, shared with the PDF edition.
"""

from __future__ import annotations

from ..release import Block, Heading, ListBlock, LocalisedRelease, Paragraph, Quote, plain_text
from . import EditionSettings, Rendered
from .reading import Body, Kicker, Lines, Notice, Piece, References, Section, Small, Title, reading_order


def block_text(block: Block) -> str:
    if isinstance(block, (Heading, Paragraph)):
        return plain_text(block.runs)
    if isinstance(block, Quote):
        return "\n\n".join("    " + plain_text(runs) for runs in block.paragraphs)
    if isinstance(block, ListBlock):
        markers = [f"{block.start + i}." if block.ordered else "•" for i in range(len(block.items))]
        return "\n".join(f"{marker} {plain_text(item)}" for marker, item in zip(markers, block.items))
    raise TypeError(f"unknown block {block!r}")


def piece_text(piece: Piece) -> str:
    if isinstance(piece, (Kicker, Title, Notice, Section, Small)):
        return piece.text
    if isinstance(piece, Body):
        return block_text(piece.block)
    if isinstance(piece, Lines):
        return "\n".join(text for text in map(plain_text, piece.lines) if text)
    if isinstance(piece, References):
        return "\n".join([piece.heading, *map(plain_text, piece.lines)])
    raise TypeError(f"unknown piece {piece!r}")


def text_blocks(release: LocalisedRelease) -> list[str]:
    """The edition as a list of blocks, each a paragraph of the output."""
    return [text for text in map(piece_text, reading_order(release)) if text]


class TextEdition:
    kind = "text"
    extension = "txt"
    media_type = "text/plain; charset=utf-8"
    recorded = False

    def render(self, release: LocalisedRelease, settings: EditionSettings | None = None) -> Rendered:
        text = "\n\n".join(text_blocks(release)) + "\n"
        return Rendered(text.encode("utf-8"), {"characters": len(text)})
