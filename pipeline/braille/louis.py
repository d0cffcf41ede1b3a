"""liblouis, called through ctypes: text to Unicode braille, and braille back to text.

Why ctypes and not the `lou_translate` command (Debian liblouis-bin): measured on the bundled
example (28 lines a language), a process per table list costs 9–10 ms in English and French and
57 ms in German (the command compiles its tables each time it starts), where the library,
loaded once per worker process, compiles each table list once and then translates a whole
release in 2 ms (English, French) to 13 ms (German). A release is translated span by span
(the text, each address, each passage in another language, with their own tables), which the
command would have to batch per table and map back; and the library gives, for each cell, the
character it writes (`translate` returns it), which the line breaking needs. liblouis's own
Python module (Debian python3-louis) is built for Debian's Python, not the project's.

The library is Debian's liblouis20, the tables liblouis-data; a table named here that the
pipeline ships (pipeline/braille/tables/) is found there first. Not thread-safe: calls are
serialised.
"""

from __future__ import annotations

import ctypes
import threading
import unicodedata
from functools import cache
from pathlib import Path

from ..errors import PipelineError

LIBRARY = "liblouis.so.20"  # Debian liblouis20
LIBRARY_PACKAGE = "liblouis20"
TABLES_PACKAGE = "liblouis-data"  # /usr/share/liblouis/tables
OWN_TABLES = Path(__file__).parent / "tables"
BLANK = "\u2800"  # the empty cell
# lou_translate modes (liblouis.h): dot patterns in and out, as Unicode braille out; characters a table
# does not define are left out rather than written as "\x…" escapes (`printable` replaces them first).
DOTS_IO, UNICODE_BRAILLE, NO_UNDEFINED = 4, 64, 128
LOU_DOTS = 0x8000  # a dot pattern as liblouis reads it with DOTS_IO
LOG_OFF = 60000
# What a character a table lacks is written as, where the table has the replacement: typography first,
# then the letter without its accents (unicodedata), else it is left out.
FALLBACK = {
    "\u202f": "\u00a0", "\u00a0": " ", "\u2009": " ", "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    "‘": "'", "’": "'", "‚": ",", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‹": "'", "›": "'",
    "…": "...", "€": "EUR", "№": "No", "•": "", "·": ".",
    # Letters that are no letter and an accent (unicodedata leaves them whole).
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE",
    "œ": "oe", "Þ": "Th", "þ": "th", "ı": "i",
}

_lock = threading.Lock()


@cache
def _library() -> ctypes.CDLL:
    try:
        library = ctypes.CDLL(LIBRARY)
    except OSError:
        raise PipelineError(f"the braille editions need liblouis: install the Debian package {LIBRARY_PACKAGE} "
                            f"(and {TABLES_PACKAGE}; scripts/install-system-packages installs both)") from None
    library.lou_version.restype = ctypes.c_char_p
    library.lou_charSize.restype = ctypes.c_int
    library.lou_checkTable.argtypes = [ctypes.c_char_p]
    library.lou_setLogLevel(LOG_OFF)  # a missing table is this module's error, one line
    return library


@cache
def _widechar() -> tuple[type, str]:
    """liblouis's character type: UCS-4 in Debian's build (`lou_charSize` 4), UTF-16 in others."""
    return (ctypes.c_uint32, "utf-32-le") if _library().lou_charSize() == 4 else (ctypes.c_uint16, "utf-16-le")


def version() -> str:
    return _library().lou_version().decode()


def resolve(tables: str) -> str:
    """The table list as liblouis takes it: a table the pipeline ships by its full path."""
    return ",".join(str(OWN_TABLES / name) if (OWN_TABLES / name).is_file() else name for name in tables.split(","))


@cache
def check(tables: str) -> str:
    """The resolved table list, once liblouis has compiled it; a clear error if it cannot."""
    resolved = resolve(tables)
    with _lock:
        ok = _library().lou_checkTable(resolved.encode())
    if not ok:
        raise PipelineError(f"liblouis cannot read the braille table {tables!r}: install the Debian package "
                            f"{TABLES_PACKAGE} (tables in /usr/share/liblouis/tables)")
    return resolved


def _call(function: str, tables: str, text: str, mode: int) -> tuple[str, list[int]]:
    """liblouis's `lou_translate` or `lou_backTranslate` over the whole of `text`: the output, and for
    each output character the index of the input character it comes from."""
    library, resolved = _library(), check(tables)
    widechar, encoding = _widechar()
    data = text.encode(encoding)
    count = len(data) // ctypes.sizeof(widechar)
    inbuf = (widechar * max(count, 1)).from_buffer_copy(data or bytes(ctypes.sizeof(widechar)))
    size = 4 * count + 64
    while True:
        outbuf, input_positions = (widechar * size)(), (ctypes.c_int * size)()
        inlen, outlen = ctypes.c_int(count), ctypes.c_int(size)
        with _lock:
            ok = getattr(library, function)(resolved.encode(), inbuf, ctypes.byref(inlen), outbuf,
                                            ctypes.byref(outlen), None, None, None, input_positions, None, mode)
        if not ok:
            raise PipelineError(f"liblouis could not translate with {tables!r}: {text[:60]!r}")
        if inlen.value >= count and outlen.value < size:
            break
        size *= 2  # the output filled the buffer before the input was read
    out = bytes(outbuf)[: outlen.value * ctypes.sizeof(widechar)].decode(encoding)
    return out, list(input_positions[: outlen.value])


def translate(tables: str, text: str) -> tuple[str, list[int]]:
    """`text` in braille (Unicode braille, U+2800–U+28FF) and, for each cell, the index in `text` of the
    character it writes. `text` should be `printable` by the tables."""
    return _call("lou_translate", tables, text, DOTS_IO | UNICODE_BRAILLE | NO_UNDEFINED)


def back_translate(tables: str, cells: str) -> str:
    """Unicode braille read back to text by the tables (the checks)."""
    dots = "".join(chr(LOU_DOTS | (ord(cell) - 0x2800)) if 0x2800 <= ord(cell) <= 0x28FF else cell for cell in cells)
    return _call("lou_backTranslate", tables, dots, DOTS_IO)[0]


@cache
def defined(tables: str, character: str) -> bool:
    """Whether the tables write `character` (a space always is)."""
    return character.isspace() or bool(translate(tables, character)[0])


def printable(tables: str, text: str) -> str:
    """`text` with each character the tables lack replaced (FALLBACK, then without its accents) or left out."""
    return "".join(_replacement(tables, character) for character in text)


@cache
def _replacement(tables: str, character: str) -> str:
    if defined(tables, character):
        return character
    if character in FALLBACK:
        return printable(tables, FALLBACK[character])
    base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
    return base if base != character and all(defined(tables, c) for c in base) else ""
