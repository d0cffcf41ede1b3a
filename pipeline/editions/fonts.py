"""The PDF's fonts: DejaVu Sans first, then a fallback chain for the scripts it lacks.

Typst sets each character in the first font of its list that has it (`text(font: (…))`): Latin,
Greek and Cyrillic stay in DejaVu Sans (`EditionSettings.fonts_dir`, Debian fonts-dejavu-core), and
what it lacks falls back, in this order (`FALLBACK_FONTS`, the default of
`EditionSettings.fallback_fonts`). Right-to-left text is the exception: each right-to-left run (as
text/direction.py finds them) is set first in the font of its script (`right_to_left_font`), its
spaces and punctuation too. DejaVu has only part of Hebrew and Arabic (165 of the 256 characters of
the Arabic block), a word must not change fonts in the middle (Arabic letters join only within one
font), and Typst 0.15 tags a right-to-left run that changes fonts as several pieces in visual order,
so that a screen reader would read its words backwards ("حداد عمر" for "عمر حداد").

| font | Debian package | for |
|---|---|---|
| Noto Sans Hebrew, Noto Sans Arabic | fonts-noto-core | Hebrew and Arabic runs |
| WenQuanYi Micro Hei | fonts-wqy-microhei | Chinese, Japanese and Korean |
| Symbola | fonts-symbola | emoji (Unicode 9) and symbols, in black and white |

Two Debian fonts that look like the obvious choice are not used, because Typst 0.15's PDFs made with
them fail PDF/UA-1 (rule 7.21.5, glyph widths, as page-validation reads them): Noto Sans CJK
(fonts-noto-cjk, CFF outlines: the embedded subset's widths are 0) and Noto Color Emoji
(fonts-noto-color-emoji, colour bitmaps: Typst embeds them as Type 3 fonts whose widths are 0).

Typst reads font folders, not files: each font's folder is given to it, and its own fallback to
other fonts in those folders is off (`fallback: false` in pdf.typ), so only the chain is ever used.
A character no font of the chain has is decided here, from the fonts' `cmap` tables, before Typst
runs (`missing_characters`): with every font of the chain installed it is written as its Unicode
name in brackets ("[smiling face with tear]", an emoji newer than Symbola) and the edition says so
in its warnings; with a font of the chain missing, the PDF edition fails in one line naming the
Debian package to install.

`ready_text` does all this to the template's data (editions/pdf.py builds it): the characters no
font has, each block's direction (`dir: "rtl"` for one that is mainly right-to-left), and the pieces
of each shown string the template sets apart (`_pieces`: right-to-left runs, kerned, in their font;
the symbols of an emoji sequence, one by one).
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import PipelineError
from ..text.direction import (
    has_explicit_direction,
    has_right_to_left,
    is_right_to_left,
    opposite_runs,
    text_direction,
)

BASE_FAMILY = "DejaVu Sans"
BASE_FILE = "DejaVuSans.ttf"
BASE_PACKAGE = "fonts-dejavu-core"


@dataclass(frozen=True)
class FallbackFont:
    family: str  # as Typst names it
    path: str  # the regular face; Typst also finds the bold one in the same folder
    package: str  # the Debian package that installs it
    serves: str  # what it is in the chain for, in messages
    # A right-to-left script's font: each right-to-left run it has most of the letters of is set in it
    # first, spaces and punctuation included, so the run is one piece of text in one font (see below).
    right_to_left: bool = False


FALLBACK_FONTS = (
    FallbackFont("Noto Sans Hebrew", "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf", "fonts-noto-core",
                 "Hebrew", right_to_left=True),
    FallbackFont("Noto Sans Arabic", "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", "fonts-noto-core",
                 "Arabic", right_to_left=True),
    FallbackFont("WenQuanYi Micro Hei", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "fonts-wqy-microhei",
                 "Chinese, Japanese and Korean"),
    FallbackFont("Symbola", "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", "fonts-symbola",
                 "emoji and symbols"),
)


def fallback_chain(settings) -> tuple[FallbackFont, ...]:
    """The settings' chain (`EditionSettings.fallback_fonts`), or `FALLBACK_FONTS` when they name none."""
    return FALLBACK_FONTS if settings.fallback_fonts is None else tuple(settings.fallback_fonts)


def base_font(fonts_dir: str) -> str:
    """DejaVu Sans's file, or a PipelineError naming its package."""
    path = Path(fonts_dir, BASE_FILE)
    if not path.is_file():
        raise PipelineError(f"fonts: {path} is missing (Debian package {BASE_PACKAGE}; "
                            "`make setup` installs it, or set fonts-dir)")
    return str(path)


def font_list(chain: tuple[FallbackFont, ...]) -> list[str]:
    """The font list pdf.typ sets text in (`text(font: …)`): DejaVu Sans, then the chain."""
    return [BASE_FAMILY, *(font.family for font in chain)]


def right_to_left_font(text: str, fonts_dir: str, chain: tuple[FallbackFont, ...]) -> str | None:
    """The family a right-to-left run is set in first, so that all of it is in one font: the chain's
    right-to-left font with the most of its letters if that font has every character of the run, else
    DejaVu Sans if it has them all (a Hebrew run with a comma: Noto Sans Hebrew has no comma), else that
    font anyway (the rest falls back); None where no right-to-left font has any of its letters."""
    letters = [ord(char) for char in text if is_right_to_left(char)]
    needed = {ord(char) for char in text if not ignorable(char)}
    best, most = None, 0
    for font in chain:
        if font.right_to_left and Path(font.path).is_file():
            found = sum(code in coverage(font.path) for code in letters)
            if found > most:
                best, most = font, found
    if best is None:
        return None
    if needed <= coverage(best.path) or not needed <= coverage(base_font(fonts_dir)):
        return best.family
    return BASE_FAMILY


def separate_characters(text: str) -> list[int]:
    """The offsets of the characters the PDF sets apart, each as text of its own (`_pieces`): those of
    an emoji sequence, two or more in a row of symbols (So, Sk: emoji, a flag's regional indicators,
    skin tones), enclosing marks (a keycap's U+20E3), variation selectors, tag characters, and a joiner
    between them. A symbol alone ("©", "📢") stays in its text, so text without a sequence is set as
    it always was."""
    found: list[int] = []
    run: list[int] = []
    for index, char in enumerate([*text, ""]):
        kind = unicodedata.category(char) if char else ""
        if kind in ("So", "Sk", "Me") or (char and (0xFE00 <= ord(char) <= 0xFE0F or 0xE0020 <= ord(char) <= 0xE007F)) \
                or (char == "\u200d" and run and run[-1] == index - 1):
            run.append(index)
            continue
        if len(run) > 1:
            found += run
        run = []
    return found


def font_folders(fonts_dir: str, chain: tuple[FallbackFont, ...]) -> list[str]:
    """The folders Typst loads: DejaVu's, and each installed fallback font's (in chain order, once each)."""
    folders = [fonts_dir]
    for font in chain:
        folder = str(Path(font.path).parent)
        if Path(font.path).is_file() and folder not in folders:
            folders.append(folder)
    return folders


# --- the template's data: what it shows, in which fonts --------------------------------------------

# The keys whose strings the template sets as text (the others are metadata, addresses, kinds …).
SHOWN = frozenset({"text", "kicker", "title", "header", "described", "src", "page_label"})


def _shown(value, change) -> None:
    """Replaces each string the template shows, anywhere in the data, by `change(string)`."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in list(items):
        if isinstance(item, str):
            if key in SHOWN:
                value[key] = change(item)
        else:
            _shown(item, change)


def ready_text(data: dict, settings) -> list[str]:
    """Readies the template's data (editions/pdf.py) for the fonts and for right-to-left text; returns
    the warnings.

    A character no font of the chain has is replaced by its name in brackets (a warning says which),
    or, where a font of the chain is not installed, the edition fails naming its Debian package.
    Each block (and the title) that is mainly right-to-left gets `dir: "rtl"` and the `font` to set
    it in first; `pieces` maps each shown string that needs it to its `_pieces`."""
    chain = fallback_chain(settings)
    shown: list[str] = []
    _shown(data, lambda text: shown.append(text) or text)
    missing = missing_characters(shown, settings.fonts_dir, chain)
    refuse_missing_fonts(missing)
    warnings = []
    if missing.characters:
        table = {ord(char): stand_in(char) for char in missing.characters}
        _shown(data, lambda text: text.translate(table))
        warnings.append("no font has " + ", ".join(f"{char} ({describe(char)})" for char in missing.characters)
                        + ": shown as " + ", ".join(dict.fromkeys(table.values())))
    if text_direction(data.get("title", "")) == "rtl":
        data["title_dir"] = {"dir": "rtl", "font": right_to_left_font(data["title"], settings.fonts_dir, chain)}
    for block in data["blocks"]:
        texts: list[str] = []
        _shown(block, lambda text: texts.append(text) or text)
        if text_direction(" ".join(texts)) == "rtl":
            block["dir"], block["font"] = "rtl", right_to_left_font(" ".join(texts), settings.fonts_dir, chain)
    data["pieces"] = {}

    def pieces(text: str) -> str:
        found = _pieces(text, settings.fonts_dir, chain)
        if found:
            data["pieces"][text] = found
        return text

    _shown(data, pieces)
    return warnings


def _pieces(text: str, fonts_dir: str, chain) -> list[list]:
    """The parts of `text` the template sets each as text of its own, kerned, `[start, end, font]`
    (UTF-8 byte offsets, which Typst's `str.slice` takes; `font` the family to try first, or None):

    - each right-to-left run (text/direction.py), in its script's font (fonts.right_to_left_font):
      Typst 0.15 panics on right-to-left text set without kerning, as the template sets the rest;
    - each symbol of an emoji sequence (a flag's two letters, a skin tone, a ZWJ sequence's parts):
      the fonts draw them one by one anyway, and Typst maps every glyph of a cluster to the whole
      cluster's text, so that a reader would hear a flag twice."""
    if text.isascii():  # neither right-to-left text nor symbols
        return []
    runs = [(0, len(text))] if has_explicit_direction(text) else \
        opposite_runs(text, "ltr") if has_right_to_left(text) else []
    apart = set(separate_characters(text))
    if not runs and not apart:
        return []
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + len(char.encode("utf-8")))
    found: list[list] = []
    for start, end in [*runs, *((index, index + 1) for index in sorted(apart)
                                if not any(a <= index < b for a, b in runs))]:
        font = right_to_left_font(text[start:end], fonts_dir, chain) if runs and (start, end) in runs else None
        cut = start
        for index in [*sorted(i for i in apart if start <= i < end), end]:  # a symbol inside a run is apart too
            for a, b in ((cut, index), (index, min(index + 1, end))):
                if a < b:
                    found.append([offsets[a], offsets[b], font])
            cut = index + 1
    return sorted(found)


# --- which characters a font has ------------------------------------------------------------


def ignorable(char: str) -> bool:
    """A character that needs no glyph: a format control (ZWJ, the direction marks), a variation selector."""
    return unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp") or 0xFE00 <= ord(char) <= 0xFE0F \
        or 0xE0100 <= ord(char) <= 0xE01EF


@dataclass(frozen=True)
class Missing:
    """The characters of a document that no font of the chain has."""

    characters: tuple[str, ...]  # in order of first appearance
    absent: tuple[FallbackFont, ...]  # fonts of the chain that are not installed


def missing_characters(texts: Iterable[str], fonts_dir: str, chain: tuple[FallbackFont, ...]) -> Missing:
    """The characters of `texts` that neither DejaVu Sans nor an installed font of the chain has (the
    chain's `cmap`s are read only when DejaVu lacks a character), and the fonts of the chain not installed."""
    dejavu = coverage(base_font(fonts_dir))
    absent = tuple(font for font in chain if not Path(font.path).is_file())
    others: list[frozenset[int]] | None = None
    found: dict[str, None] = {}
    checked: set[str] = set()
    for text in texts:
        if text.isascii():  # DejaVu Sans has every printable ASCII character
            continue
        for char in text:
            if char in checked:
                continue
            checked.add(char)
            if ord(char) in dejavu or ignorable(char):
                continue
            if others is None:
                others = [coverage(font.path) for font in chain if font not in absent]
            if not any(ord(char) in cmap for cmap in others):
                found[char] = None
    return Missing(tuple(found), absent)


def describe(char: str) -> str:
    """"U+1F972 SMILING FACE WITH TEAR": a character as a message names it."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def stand_in(char: str) -> str:
    """What the PDF shows for a character no font has: its name in brackets, or a space for a space."""
    if unicodedata.category(char) == "Zs":
        return " "
    return f"[{unicodedata.name(char, f'U+{ord(char):04X}').lower()}]"


def refuse_missing_fonts(missing: Missing) -> None:
    """A PipelineError naming the packages to install, when a character has no font and a font of the
    chain is not installed (it may be the one that has it)."""
    if not missing.characters or not missing.absent:
        return
    packages = sorted({font.package for font in missing.absent})
    shown = ", ".join(f"{char} ({describe(char)})" for char in missing.characters[:3])
    more = f" and {len(missing.characters) - 3} more" if len(missing.characters) > 3 else ""
    serves = ", ".join(font.serves for font in missing.absent)
    raise PipelineError(f"fonts: no installed font has {shown}{more}: install the Debian package"
                        f"{'s' if len(packages) > 1 else ''} {' '.join(packages)} ({serves}; `make setup` installs "
                        "them)")


@cache
def coverage(path: str) -> frozenset[int]:
    """The code points the font's `cmap` maps to a glyph (of the first font in a collection)."""
    data = Path(path).read_bytes()
    try:
        return frozenset(_cmap(data))
    except (struct.error, IndexError, ValueError) as error:
        raise PipelineError(f"fonts: cannot read {path} ({error})") from None


def _cmap(data: bytes) -> set[int]:
    offset = 0
    if data[:4] == b"ttcf":  # a collection: its first font
        (offset,) = struct.unpack_from(">I", data, 12)
    (tables,) = struct.unpack_from(">H", data, offset + 4)
    cmap = None
    for index in range(tables):
        tag, _, start, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * index)
        if tag == b"cmap":
            cmap = start
    if cmap is None:
        raise ValueError("no cmap table")
    (subtables,) = struct.unpack_from(">H", data, cmap + 2)
    found: set[int] = set()
    for index in range(subtables):
        platform, encoding, start = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
        if platform == 0 or (platform == 3 and encoding in (1, 10)):  # Unicode
            found |= _subtable(data, cmap + start)
    return found


def _subtable(data: bytes, at: int) -> set[int]:
    (form,) = struct.unpack_from(">H", data, at)
    found: set[int] = set()
    if form == 4:
        (segments,) = struct.unpack_from(">H", data, at + 6)
        segments //= 2
        ends = struct.unpack_from(f">{segments}H", data, at + 14)
        starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
        deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
        range_at = at + 16 + 6 * segments
        offsets = struct.unpack_from(f">{segments}H", data, range_at)
        for segment, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets)):
            for code in range(start, min(end, 0xFFFE) + 1):
                if offset == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    (glyph,) = struct.unpack_from(">H", data, range_at + 2 * segment + offset + 2 * (code - start))
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                if glyph:
                    found.add(code)
    elif form == 12:
        (groups,) = struct.unpack_from(">I", data, at + 12)
        for group in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * group)
            found.update(range(start + (glyph == 0), end + 1))
    return found
