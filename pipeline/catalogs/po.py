"""PO files, read strictly and written without wrapping.

Babel's reader skips much of what it cannot parse and forgets `#| msgid`
(previous source) comments; a reviewer's file is too precious for either.
`read_catalog` refuses what it cannot read, naming the file and line, and
restores previous msgids; `po_bytes` writes a catalog as the project keeps it.
"""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from ..errors import InputError

PO_STRING = r'"(?:[^"\\]|\\.)*"'
PO_LINE = re.compile(rf'^(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{PO_STRING}|{PO_STRING})?\s*$')


def check_po_syntax(path: Path, text: str) -> None:
    """Babel's reader skips much of what it cannot parse; we refuse it, naming the line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not PO_LINE.match(line.strip()):
            shown = line.strip() if len(line.strip()) <= 40 else line.strip()[:40] + "…"
            raise InputError(path, f"PO syntax error: cannot read {shown!r}", number)


def read_catalog(path: Path, data: bytes | None = None) -> Catalog:
    """Parse a PO file; a syntax error names the file and line."""
    if data is None:
        data = path.read_bytes()
    text = po_text(path, data)
    check_po_syntax(path, text)
    try:
        # Babel gets the text, never the bytes: it would decode them by the header's charset.
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", None)
        message = str(error).split(" on ")[0].split(" at line")[0]
        raise InputError(path, f"PO syntax error: {message}", line) from None
    except (ValueError, UnicodeDecodeError, LookupError) as error:
        raise InputError(path, f"PO syntax error: {error}") from None
    catalog.charset = "utf-8"  # what po_bytes writes, whatever the header said (see po_text)
    previous = _previous_ids(text)
    for message in catalog:
        if message.context in previous:
            message.previous_id = [previous[message.context]]
    return catalog


UTF8_BOM = b"\xef\xbb\xbf"
HEADER_CHARSET = re.compile(rb'^"Content-Type:[^\n]*?charset=([^\s"\\;]+)', re.MULTILINE | re.IGNORECASE)


def po_text(path: Path, data: bytes) -> str:
    """A PO file's text. The project keeps catalogs in UTF-8, and a file is read only if its bytes
    are what its header says: a UTF-8 BOM is dropped (line numbers unchanged); a header naming
    another charset is accepted only for a file of plain ASCII (the same text in any charset);
    a UTF-8 file whose header says ISO-8859-1 (some editors write that) is refused, not garbled."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "is UTF-16; save it as UTF-8")
    data = data.removeprefix(UTF8_BOM)
    declared, written, header_line = _declared_charset(path, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = f"byte 0x{data[error.start]:02x}"
        if declared in (None, "utf-8"):
            raise InputError(path, f"not valid UTF-8 ({byte})", line) from None
        raise InputError(path, f"the file is in {written}, as its header says; catalogs are kept in UTF-8: "
                               f"convert it (msgconv --to-code=UTF-8) ({byte})", line) from None
    if declared not in (None, "utf-8") and not text.isascii():
        line, shown = next((number, row) for number, row in enumerate(text.split("\n"), start=1) if not row.isascii())
        word = next(word for word in shown.split() if not word.isascii()).strip('"')
        raise InputError(path, f"the header says charset={written} but the file is UTF-8: "
                               f"{word!r} (line {line}) would read {word.encode().decode(declared, 'replace')!r}; "
                               f"set charset=UTF-8 in the header", header_line)
    return text


def _declared_charset(path: Path, data: bytes) -> tuple[str | None, str, int]:
    """The charset the header names: its codec's name ("utf-8" for any spelling of UTF-8; None for
    none or gettext's `CHARSET` placeholder), the name as written, and its line; an unknown one is
    an InputError."""
    found = HEADER_CHARSET.search(data)
    if not found:
        return None, "", 0
    line = data[: found.start()].count(b"\n") + 1
    name = found.group(1).decode("ascii", "replace")
    if name.upper() == "CHARSET":
        return None, name, line
    try:
        codec = codecs.lookup(name)
        if not codec._is_text_encoding:  # base64, rot13, …
            raise LookupError(name)
        return ("utf-8" if codec.name in ("utf-8", "utf-8-sig") else codec.name), name, line
    except LookupError:
        raise InputError(path, f"the header names charset={name}, which is not a known character set; "
                               "set charset=UTF-8", line) from None


def _previous_ids(text: str) -> dict[str, str]:
    """`#| msgid` comments by the msgctxt they precede (Babel writes them but does not read them)."""
    found: dict[str, str] = {}
    previous: list[str] = []
    for line in text.split("\n"):
        if line.startswith("#| msgid ") or (previous and line.startswith('#| "')):
            previous.append(_unquote(line.split(" ", 2)[-1] if line.startswith("#| msgid") else line[3:]))
        elif line.startswith("msgctxt ") and previous:
            found[_unquote(line[len("msgctxt "):])] = "".join(previous)
            previous = []
        elif not line.startswith("#"):
            previous = []
    return found


def _unquote(quoted: str) -> str:
    return unescape(quoted.strip())


def po_bytes(catalog: Catalog) -> bytes:
    """The catalog as a PO file, in catalog order, with previous msgids."""
    buffer = io.BytesIO()
    # A huge width: no wrapping anywhere (width=0 still wraps "#|" comments, which read_po then misreads).
    write_po(buffer, catalog, width=10**6, include_previous=True, sort_output=False)
    return buffer.getvalue()
