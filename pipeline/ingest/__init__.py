"""Markdown as the press office writes it → `Release`.

The input is often a raw e-mail export: blank lines at the top, a "PRESS
RELEASE" kicker, bold headings, a paragraph broken in two by the mail client,
contacts as loose lines, "unsubscribe" links and a copyright line at the end.
Parsing happens in two passes: markdown-it turns the text into `RawBlock`s
(blocks of styled runs with their line numbers), then `Assembler` walks them
once, in order, and decides what each one is.

One module per step: `markdown` (Markdown → RawBlocks), `assemble`
(RawBlocks → Release), `frontmatter`, `datelines`, `contacts`, and
`detect` (passages in another language).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..release import Heading, Release, Runs, map_runs, plain_text
from .assemble import Assembler
from .detect import detect_language
from .frontmatter import apply_front_matter, make_release_id, split_front_matter
from .markdown import markdown_blocks

__all__ = ["read_release", "parse_release", "decode", "make_release_id"]


def read_release(path: Path, default_lang: str = "en") -> Release:
    """Read and parse one release file; every problem is an `InputError`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a release file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    return parse_release(decode(data, path), path, default_lang)


def decode(data: bytes, path: Path) -> str:
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data:
        raise InputError(path, "binary data, not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[error.start]:02x})", line) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_release(text: str, path: Path, default_lang: str = "en") -> Release:
    meta, body, line_offset = split_front_matter(text, path)
    blocks = markdown_blocks(body, line_offset)
    release = Assembler(path).assemble(blocks)
    return mark_foreign_passages(apply_front_matter(release, meta, path, default_lang))


def mark_foreign_passages(release: Release) -> Release:
    """Paragraphs, quotes and list items clearly in another language get that language on their runs."""

    def marked(runs: Runs) -> Runs:
        lang = detect_language(plain_text(runs))
        if lang is None or lang == release.lang.split("-")[0]:
            return runs
        return tuple(replace(run, lang=lang) for run in runs)

    # Headings are short: too little text to tell a language by.
    blocks = tuple(block if isinstance(block, Heading) else map_runs(block, lambda _, runs: marked(runs))
                   for block in release.blocks)
    return replace(release, blocks=blocks)
