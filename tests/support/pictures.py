"""Pictures for the editions' tests: a tiny PNG made here (zlib, no imaging library), and the example
with a table, figures and footnotes (tests/support/blocks.py) whose local picture is that PNG, so
that the PDF can draw it and the EPUB and the site can show it."""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import replace

from pipeline.release import Figure, LocalisedRelease, Run

from .blocks import example_with_blocks

CHART_ALT = "Bar chart: attacks by region, 2019 to 2023"


def png(width: int = 40, height: int = 30, rgb: tuple[int, int, int] = (0, 69, 124)) -> bytes:
    """A valid PNG of one colour."""
    raw = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def example_with_pictures(lang: str = "en", data: bytes | None = None, alt: str = CHART_ALT) -> LocalisedRelease:
    """The example with blocks, its chart a real PNG (`data`) with alt text `alt` ("" for none): the
    photo on the web, the table, two footnotes (one referred to from the lead, one from a table cell)."""
    data = data or png()
    release = example_with_blocks(lang)

    def with_png(block):
        if type(block) is Figure and block.data is not None:
            return replace(block, data=data, sha256=hashlib.sha256(data).hexdigest(),
                           alt=(Run(alt),) if alt else ())
        return block

    return replace(release, blocks=tuple(map(with_png, release.blocks)))
