"""Markdown as the press office writes it → `Release`.

The input is often a raw e-mail export: blank lines at the top, a "PRESS
RELEASE" kicker, bold headings, a paragraph broken in two by the mail client,
contacts as loose lines, "unsubscribe" links and a copyright line at the end.
Parsing happens in two passes: markdown-it turns the text into `RawBlock`s
(blocks of styled runs with their line numbers) and footnotes, then
`Assembler` walks them once, in order, and decides what each one is (the
captions and credits of tables and pictures are joined to them first).

One module per step: `formats` (.docx, .odt, .html, .eml → Markdown, with
pandoc), `mail` (a forwarded message's header block and the forwarder's note
taken away, its Subject kept), `markdown` (Markdown → RawBlocks), `assemble` (RawBlocks →
Release), `frontmatter`, `datelines` (dates in the document's language, from
CLDR), `kinds` (kind lines in the document's language, from the label
catalogs), `contacts`, `detect` (passages in another language) and
`figures` (tables' and pictures' captions and credits, a picture's bytes),
`conservation` (every word of the source is in the Release, checked on the
parsed tree of every file before anything is written).

docs/input.md lists the formats, front-matter keys and shapes understood.
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Mapping, Sequence

from ..errors import InputError
from ..text.patterns import CONTROL_CHARACTER
from ..release import Note, Release, block_kind, map_runs, plain_text
from .assemble import Assembler
from .conservation import check_conservation
from .detect import mark_foreign_runs
from .figures import attach_captions, load_pictures
from .formats import SUFFIXES, Document, converter
from .webpages import check_alt_texts
from .frontmatter import apply_front_matter, document_language, make_release_id, split_front_matter
from .mail import forwarded, title_from_subject
from .markdown import normalise_runs, parse_markdown

__all__ = ["read_release", "release_files", "parse_release", "decode", "make_release_id", "SUFFIXES"]


def read_release(path: Path, default_lang: str = "en", max_size: int | None = None) -> Release:
    """Read and parse one release file (Markdown, .docx, .odt, .html, .eml) written in
    `default_lang` (unless its front matter says `lang:`): its kind line and dateline date
    are read in that language and in English. A file over `max_size` bytes is refused.
    Every problem is an `InputError`."""
    data = read_release_bytes(path, max_size)
    if not data.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe"):  # nothing, blank lines or a byte-order mark alone
        raise InputError(path, "the file is empty")
    convert = converter(path)
    document = convert(data, path) if convert else Document(decode(data, path))
    release = parse_release(document.markdown, path, default_lang, document.media, document.subject)
    # A web page's alt texts, which the conservation check (on the converted Markdown) cannot see.
    check_alt_texts(document.alt_texts, [plain_text(block.alt) for block in release.blocks
                                         if block_kind(block) == "figure"], path)
    return release


def read_release_bytes(path: Path, max_size: int | None = None) -> bytes:
    """The bytes of a regular file (links followed), at most `max_size` of them.

    Opened without blocking and checked on the open file, so that a FIFO (which would wait for a
    writer forever) or a device such as /dev/zero (endless, and 0 bytes to `stat`) is refused."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a release file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    status = os.fstat(fd)
    mode = status.st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise InputError(path, "is a directory, not a release file")
        raise InputError(path, "is not a regular file (a FIFO, a device…); a release must be a file")
    if max_size is not None and status.st_size > max_size:  # said before reading; a file that grows is caught below
        os.close(fd)
        raise InputError(path, f"{status.st_size:,} bytes is over the limit of {max_size:,} bytes for one release "
                               "(setting 'max-release-size')")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    with open(fd, "rb", closefd=True) as file:
        try:
            data = file.read() if max_size is None else file.read(max_size + 1)
        except OSError as error:
            raise InputError(path, f"cannot be read ({error.strerror})") from None
    if max_size is not None and len(data) > max_size:
        raise InputError(path, f"over the limit of {max_size:,} bytes for one release "
                               "(setting 'max-release-size')")
    return data


def release_files(paths: Sequence[Path]) -> list[Path]:
    """The release files that paths name: files as given, folders' release files, glob patterns expanded.

    A back catalogue runs as one batch: `run archive/2024/` or `run 'archive/**/*.md'`.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                raise InputError(path, f"no release files in this folder (looked for {', '.join(SUFFIXES)})")
            files += found
        elif any(char in str(path) for char in "*?[") and not path.exists():
            found = sorted(p for p in Path().glob(str(path)) if p.is_file())
            if not found:
                raise InputError(path, "no file matches this pattern")
            files += found
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def decode(data: bytes, path: Path) -> str:
    """A release file's text: UTF-8 (a BOM is dropped) or UTF-16 with a byte-order mark, which
    says its encoding for certain (Windows' "Unicode"); anything else is refused, naming the line."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError(path, "is UTF-32; save it as UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].decode("utf-16", "replace").count("\n") + 1
            raise InputError(path, "is UTF-16 (it starts with a byte-order mark) but is not valid UTF-16; "
                                   "save it as UTF-8", line) from None
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data:
        order = _utf16_without_bom(data)
        if order:
            raise InputError(path, f"is UTF-16 ({order}, without a byte-order mark); save it as UTF-8")
        raise InputError(path, "binary data, not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[error.start]:02x})", line) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def refuse_control_characters(text: str, path: Path) -> None:
    """An `InputError` naming the line of the first control character in `text`, if any."""
    match = CONTROL_CHARACTER.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise InputError(path, f"control character U+{ord(match.group()):04X} in the text: remove it", line)


def _utf16_without_bom(data: bytes) -> str | None:
    """"little-endian" or "big-endian" where `data` looks like UTF-16 text with no BOM: mostly ASCII
    letters with a NUL byte beside each, and valid as such; else None."""
    if len(data) % 2:
        return None
    for order, codec, nuls in (("little-endian", "utf-16-le", data[1::2]), ("big-endian", "utf-16-be", data[0::2])):
        if nuls.count(0) >= len(nuls) * 0.6:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if all(c.isprintable() or c in "\r\n\t" for c in text):
                return order
    return None


def parse_release(text: str, path: Path, default_lang: str = "en", media: Mapping[str, bytes] | None = None,
                  subject: str = "") -> Release:
    """`text` (Markdown) read as the release file `path`; a picture's relative address names a file
    beside it, or one of `media` (the pictures pandoc took out of a .docx or .odt, by address);
    `subject`, the Subject of the message it came in (an .eml's), is the title if the text has none."""
    refuse_control_characters(text, path)
    meta, body, line_offset = split_front_matter(text, path)
    # A forwarded message: its header block and the forwarder's note blanked (line for line), the
    # quoted message under it unquoted; the assembler and the conservation check read the same text.
    mail = forwarded(body)
    body = mail.markdown
    lang = document_language(meta, path, default_lang)
    parsed = parse_markdown(body, line_offset)
    blocks = attach_captions(parsed.blocks)
    warnings = parsed.warnings + load_pictures(blocks, path, media or {}) + [
        (line_offset + 1 + line, f"the forwarder's note above the forwarded message is left out: {text[:120]!r}")
        for line, text in mail.notes]
    assembler = Assembler(path, lang, title_from_subject(mail.subject or subject))
    release = assembler.assemble(blocks)
    notes = tuple(Note(raw.label, tuple(normalise_runs(paragraph) for paragraph in raw.paragraphs))
                  for raw in parsed.notes)
    release = replace(release, notes=notes, warnings=release.warnings + tuple(
        f"{path}:{line}: {message}" for line, message in sorted(warnings)))
    # Before the front matter overrides anything (a 'place:' replaces the dateline as
    # written, on purpose): every word of the body must be in what ingest made of it.
    check_conservation(body, line_offset + 1, release, path, assembler.dropped)
    return mark_foreign_passages(apply_front_matter(release, meta, path, lang))


def mark_foreign_passages(release: Release) -> Release:
    """Passages in another language (a whole paragraph, an italic phrase, a quotation
    inside a sentence) get that language on their runs (see detect.mark_foreign_runs)."""
    # Headings are short: too little text to tell a language by (a marked span keeps its lang).
    blocks = tuple(block if block_kind(block) == "heading"
                   else map_runs(block, lambda _, runs: mark_foreign_runs(runs, release.lang))
                   for block in release.blocks)
    notes = tuple(map_runs(note, lambda _, runs: mark_foreign_runs(runs, release.lang)) for note in release.notes)
    return replace(release, blocks=blocks, notes=notes)
