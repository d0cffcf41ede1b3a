"""PO files, read strictly and written without wrapping.

Babel's reader skips much of what it cannot parse and forgets `#| msgid`
(previous source) comments; a reviewer's file is too precious for either.
`read_catalog` refuses what it cannot read, naming the file and line, and
restores previous msgids; `po_bytes` writes a catalog as the project keeps it.
"""

from __future__ import annotations

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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(path, "not valid UTF-8", data[: error.start].count(b"\n") + 1) from None
    check_po_syntax(path, text)
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", None)
        message = str(error).split(" on ")[0].split(" at line")[0]
        raise InputError(path, f"PO syntax error: {message}", line) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(path, f"PO syntax error: {error}") from None
    previous = _previous_ids(text)
    for message in catalog:
        if message.context in previous:
            message.previous_id = [previous[message.context]]
    return catalog


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
