"""Helpers shared by the ingest tests: the shapes corpus, a release's text, its English text edition."""

from __future__ import annotations

from pathlib import Path

from pipeline.editions import render
from pipeline.ingest import read_release
from pipeline.localise import localise_source
from pipeline.release import Heading, Labels, ListBlock, Paragraph, Quote, plain_text
from pipeline.segment import segment_release

SHAPES = Path(__file__).parents[1] / "data" / "shapes"
SOURCE_SUFFIXES = (".md", ".docx", ".odt", ".html", ".htm", ".eml")


def corpus() -> list[Path]:
    """Every shape of the corpus: each source under tests/data/shapes/ (its README and the expected
    text editions aside), Markdown and the formats pandoc reads."""
    return sorted(path for path in SHAPES.iterdir()
                  if path.suffix in SOURCE_SUFFIXES and path.name != "README.md")


def all_text(release) -> str:
    parts = [release.title, release.copyright or ""]
    for block in release.blocks:
        if isinstance(block, (Heading, Paragraph)):
            parts.append(plain_text(block.runs))
        elif isinstance(block, Quote):
            parts += [plain_text(p) for p in block.paragraphs]
        elif isinstance(block, ListBlock):
            parts += [plain_text(item) for item in block.items]
    return "\n".join(parts)


def text_edition(path: Path) -> str:
    release = read_release(path)
    return render("text", localise_source(release, segment_release(release), Labels("en"))).data.decode("utf-8")


def foreign_runs(release):
    return [run for block in release.blocks for part in block.parts for run in part if run.lang]


def tiny_png(red: int = 255) -> bytes:
    """A 1×1 PNG, made here (no image library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes([0, red, 0, 0]))) + chunk(b"IEND", b""))
