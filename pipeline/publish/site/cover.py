"""The feeds' cover art (`itunes:image`, RSS `<image>`).

Podcast directories want a square JPEG or PNG of 1400 to 3000 px. The site
uses the image it is given (`build_site(cover=…)`, a PNG or JPEG); without
one it draws its own: 1400 × 1400 px, the site's blue (#00457c) with a white
sound-wave motif, written as a PNG with zlib alone (no imaging library), the
same bytes on every build. The file name carries a hash of its bytes
(`cover.<hash>.png`), since podcast apps re-fetch artwork only when its
address changes.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from functools import cache
from pathlib import Path

SIZE = 1400
BACKGROUND = (0x00, 0x45, 0x7C)
FOREGROUND = (0xFF, 0xFF, 0xFF)
COVER_NAME = re.compile(r"cover\.[0-9a-f]{12}\.(png|jpg)")
BARS = (0.30, 0.55, 0.80, 0.45, 1.0, 0.65, 0.35, 0.75, 0.50, 0.25, 0.40)  # heights, a wave's outline


def cover_name(data: bytes, extension: str) -> str:
    return f"cover.{hashlib.sha256(data).hexdigest()[:12]}.{extension}"


def cover_image(given: Path | None) -> tuple[bytes, str]:
    """(bytes, extension "png" or "jpg"): the given image, or the drawn one."""
    if given is not None:
        data = given.read_bytes()
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return data, "png"
        if data.startswith(b"\xff\xd8\xff"):
            return data, "jpg"
        raise ValueError(f"{given}: the feeds' cover must be a PNG or a JPEG")
    return drawn_cover(), "png"


@cache
def drawn_cover(size: int = SIZE) -> bytes:
    background, foreground = bytes(BACKGROUND), bytes(FOREGROUND)
    count = len(BARS)
    bar, gap = size * 4 // 100, size * 3 // 100
    left = (size - count * bar - (count - 1) * gap) // 2
    half = size * 30 // 100  # the tallest bar reaches 30 % of the size above and below the middle
    middle = size // 2
    rows = []
    for y in range(size):
        row = bytearray(background * size)
        for index, height in enumerate(BARS):
            if abs(y - middle) <= round(height * half):
                x = left + index * (bar + gap)
                row[3 * x:3 * (x + bar)] = foreground * bar
        rows.append(b"\x00" + bytes(row))  # filter type 0 per row
    return png(size, size, zlib.compress(b"".join(rows), 9))


def png(width: int, height: int, compressed_rows: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", compressed_rows) + chunk(b"IEND", b"")
