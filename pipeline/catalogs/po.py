"""PO files, read strictly and written without wrapping.

Babel's reader skips much of what it cannot parse and forgets `#| msgid`
(previous source) comments; a reviewer's file is too precious for either.
`read_catalog` refuses what it cannot read, naming the file and line, and
restores previous msgids; `po_bytes` writes a catalog as the project keeps it.
"""

from __future__ import annotations

import codecs
import gettext
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from ..errors import InputError

PO_STRING = r'"(?:[^"\\]|\\.)*"'
PO_LINE = re.compile(rf'^(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{PO_STRING}|{PO_STRING})?\s*$')
PO_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s')
PO_ESCAPE = re.compile(r'\\(.)')
KNOWN_ESCAPES = '\\"abfnrtv'  # what gettext and Babel read; any other backslash is a typo Babel would keep as text
# What may come after each keyword of an entry (None: the start of the file, or a blank or comment line after
# a complete entry). gettext's grammar: [msgctxt] msgid [msgid_plural] msgstr | msgstr[0] msgstr[1] …
NEXT = {None: ("msgctxt", "msgid"), "msgctxt": ("msgid",), "msgid": ("msgid_plural", "msgstr"),
        "msgid_plural": ("msgstr[",), "msgstr": ("msgctxt", "msgid"), "msgstr[": ("msgstr[", "msgctxt", "msgid")}


def check_po_syntax(path: Path, text: str) -> None:
    """Babel's reader skips much of what it cannot parse, drops an entry that lacks its msgid,
    keeps an unknown escape (`\\q`) as text and lets a second entry with the same msgctxt and msgid
    silently replace the first; we refuse each, naming the line. Obsolete entries (`#~`) follow
    the same rules."""
    lines = text.split("\n")
    active, obsolete = _Entries(path), _Entries(path)
    for number, line in enumerate(lines, start=1):
        stripped, entries = line.strip(), active
        if stripped.startswith("#~"):
            stripped, entries = stripped[2:].strip(), obsolete
            if stripped.startswith("|"):  # an obsolete entry's previous msgid: read as a comment
                stripped, entries = stripped[1:].strip(), None
        if not PO_LINE.match(stripped):
            shown = stripped if len(stripped) <= 40 else stripped[:40] + "…"
            raise InputError(path, f"PO syntax error: cannot read {shown!r}", number)
        if not stripped or stripped.startswith("#"):
            continue
        for escape in PO_ESCAPE.finditer(stripped):
            if escape.group(1) not in KNOWN_ESCAPES:
                raise InputError(path, f"PO syntax error: unknown escape '\\{escape.group(1)}' "
                                       "(a backslash is written \\\\)", number)
        if entries is not None:
            entries.add(stripped, number)
    active.end()
    obsolete.end()


class _Entries:
    """A PO file's entries as its lines come: each keyword where gettext's grammar allows it
    (`NEXT`), and each (msgctxt, msgid) once."""

    def __init__(self, path: Path):
        self.path = path
        self.seen: dict[tuple[str | None, str], int] = {}  # (msgctxt, msgid) → line
        self.last: str | None = None  # the entry's last keyword ("msgstr[" for msgstr[N]); None: no entry open
        self.start, self.index, self.parts = 0, -1, {}

    def add(self, stripped: str, number: int) -> None:
        keyword = PO_KEYWORD.match(stripped)
        if keyword is None:  # a string continuing the keyword above
            if self.last is None:
                raise InputError(self.path, "PO syntax error: a string that continues no msgid or msgstr", number)
            self.parts[self.last].append(stripped)
            return
        name, index = keyword.group(1), keyword.group(2)
        shown = f"{name}[{index}]" if index is not None else name
        name += "[" if index is not None else ""
        if name not in NEXT[self.last]:
            if name in ("msgctxt", "msgid"):  # a new entry while this one still lacks its msgstr
                self.end()
            expected = " or ".join(n.replace("[", "[0]") for n in NEXT[self.last])
            raise InputError(self.path, f"PO syntax error: {shown} where {expected} should be", number)
        if name in ("msgctxt", "msgid") and self.last in ("msgstr", "msgstr["):
            self.end()
        if self.last is None:
            self.start = number
        if name == "msgstr[":
            if int(index) != self.index + 1:
                raise InputError(self.path, f"PO syntax error: {shown} where msgstr[{self.index + 1}] should be", number)
            self.index = int(index)
        self.parts.setdefault(name, []).append(stripped[keyword.end():].strip())
        self.last = name

    def end(self) -> None:
        """The entry read so far is complete: a new one starts, or the file ends."""
        if self.last is not None and self.last not in ("msgstr", "msgstr["):
            raise InputError(self.path, "PO syntax error: this entry has no msgstr", self.start)
        if self.last is not None:
            context = "".join(unescape(p) for p in self.parts["msgctxt"]) if "msgctxt" in self.parts else None
            key = (context, "".join(unescape(p) for p in self.parts["msgid"]))
            if key in self.seen:
                named = (f"msgctxt {context!r}, " if context is not None else "") + f"msgid {key[1][:40]!r}"
                raise InputError(self.path, f"PO syntax error: the entry ({named}) is given twice, first at line "
                                            f"{self.seen[key]}; keep one", self.start)
            self.seen[key] = self.start
        self.last, self.index, self.parts = None, -1, {}


def read_catalog(path: Path, data: bytes | None = None) -> Catalog:
    """Parse a PO file; a syntax error names the file and line."""
    if data is None:
        data = path.read_bytes()
    text = po_text(path, data)
    check_po_syntax(path, text)
    check_plural_forms(path, text)
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


NPLURALS = re.compile(r'\bnplurals\s*=\s*([^;]*)')
PLURAL = re.compile(r'\bplural\s*=\s*([^;]*)')


def check_plural_forms(path: Path, text: str) -> None:
    """The header's Plural-Forms must say how many forms there are and how to choose one (a C
    expression of n, as gettext reads it): Babel would stop on a bad count without a line, and take
    a broken expression as it is, to fail when a label is first shown."""
    lines = text.split("\n")
    line = next((number for number, row in enumerate(lines, start=1) if row.lower().startswith('"plural-forms:')), None)
    if line is None:
        return
    value = unescape(lines[line - 1].strip())
    for row in lines[line:]:  # the header's value may go on over the next strings
        if value.endswith("\n") or not row.startswith('"'):
            break
        value += unescape(row.strip())
    value = value.split(":", 1)[1].strip()
    count, expression = NPLURALS.search(value), PLURAL.search(value)
    problem = None
    if count is None or not count.group(1).strip().isdigit() or int(count.group(1)) < 1:
        problem = "nplurals must be a whole number of forms, 1 or more"
    elif expression is not None:
        try:
            gettext.c2py(expression.group(1).strip())
        except (ValueError, RecursionError) as error:
            problem = f"its plural expression cannot be read ({error})"
    if problem:
        raise InputError(path, f"the header's Plural-Forms {value[:60]!r}: {problem}; "
                               "write e.g. nplurals=2; plural=(n > 1);", line)


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
