"""A release forwarded from a mailbox: the forwarding taken away before the release is read.

People pass a release on as their mail client forwards it: a note of their
own ("FYI"), the client's header block, and the release under it, sometimes
quoted with `>`:

    FYI, for the website.

    ---------- Forwarded message ---------          (Gmail; Thunderbird: "-------- Forwarded Message --------")
    From: OSCE Press <press@osce.org>               (Outlook: "-----Original Message-----", or no line at all;
    Date: Tue, 5 Mar 2024 at 10:12                   Apple Mail: "Begin forwarded message:")
    Subject: Fwd: OSCE Mission supports new law
    To: Jana Novak <jana.novak@example.org>

    > PRESS RELEASE
    > …

`forwarded` reads the Markdown (a raw export, or what pandoc made of an
.eml's HTML) line by line, and:

- blanks each forwarded-message header block: an opening line (above), or
  none, then header lines (`From:`, `Sent:`, `Date:`, `To:`, `Cc:`,
  `Subject:` …, in the languages of the mail clients people use, in bold or
  not, quoted or not). Without an opening line, the block needs three header
  lines or more, among them a sender and a subject, one under the other;
- blanks the forwarder's note above a header block (under
  `MAX_NOTE` characters, no heading): it is the forwarding mail's, not the
  release's;
- takes one level of `>` off the message under a header block, when the
  quotation runs to the end of the file;
- keeps the Subject of the last header block (the one nearest the release):
  the title when the release gives none (assemble.py).

The lines keep their numbers (blanked, never removed), so messages name the
line of the file; what is blanked is no content, as front matter is none:
parse_release hands the same text to the assembler and to the conservation
check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markdown import markdown_blocks

# A header line's name, as mail clients write it in English, French, German, Spanish, Italian and Russian,
# by what it says ("Sent" and "Date" are one: when).
HEADERS = {
    "sender": ("From", "De", "Von", "Da", "От"),
    "subject": ("Subject", "Objet", "Betreff", "Asunto", "Oggetto", "Тема"),
    "when": ("Sent", "Date", "Envoyé", "Gesendet", "Datum", "Enviado", "Fecha", "Inviato", "Data", "Отправлено",
             "Дата"),
    "to": ("To", "À", "A", "An", "Para", "Кому"),
    "cc": ("Cc", "Копия"),
    "bcc": ("Bcc",),
    "reply-to": ("Reply-To", "Répondre à", "Antwort an", "Responder a", "Rispondi a"),
    "importance": ("Importance", "Wichtigkeit"),
    "attachments": ("Attachments", "Pièces jointes", "Anlagen", "Datos adjuntos", "Allegati", "Вложения"),
}
HEADER_OF = {name.casefold(): header for header, names in HEADERS.items() for name in names}
_NAMES = "|".join(re.escape(name) for name in sorted(HEADER_OF, key=len, reverse=True))
# "From: …", "**From:** …", "De : …" (French spacing), "[**From:** ]{style=…}" (pandoc, from Apple Mail's HTML).
HEADER_LINE = re.compile(rf"^[\s\[*_]*(?P<name>{_NAMES})[*_\s]*:[*_\]]*(?P<value>.*)$", re.IGNORECASE)
# The line a client writes above the header block.
MARKER_WORDS = (
    "forwarded message", "original message", "forwarded by", "message transféré", "message d'origine",
    "message d’origine", "message original", "weitergeleitete nachricht", "ursprüngliche nachricht",
    "originalnachricht", "mensaje reenviado", "mensaje original", "messaggio inoltrato", "messaggio originale",
    "пересылаемое сообщение", "исходное сообщение", "переадресованное сообщение",
)
_MARKER_WORDS = "|".join(re.escape(words) for words in MARKER_WORDS)
MARKER = re.compile(
    rf"^[-_=]{{2,}}\s*(?:{_MARKER_WORDS})\b[^\n]*?[-_=]{{2,}}\s*$"  # ---------- Forwarded message ---------
    r"|^(?:begin forwarded message|début du message réexpédié|anfang der weitergeleiteten nachricht"
    r"|inicio del mensaje reenviado|inizio messaggio inoltrato|начало переадресованного сообщения)\s*:\s*$"
    # A reply's attribution, with the sender's address: "On 5 Mar 2024, at 10:12, OSCE Press <…> wrote:".
    r"|^on\b.{3,200}<[^<>\s]*@[^<>\s]*>.{0,20}\bwrote\s*:\s*$",
    re.IGNORECASE)
MIN_BARE_HEADERS = 3  # header lines a block needs without an opening line (a sender and a subject among them)
MAX_NOTE = 300  # characters: a longer text above a header block is content, and stays (so is one with a heading)
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]")
QUOTE = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)")
# What pandoc leaves of an HTML mail's layout: <div>s, fenced divs, a span's attributes, a lone "\".
RESIDUE = re.compile(r"^(?:\s|\\|:{3,}.*|</?[A-Za-z][^>]*>|\]\{[^{}]*\})*$")
SPAN_ATTRIBUTES = re.compile(r"\]\{[^{}]*\}|^\s*\[")  # "[**OSCE …**  ]{style=…}": pandoc's spans
# What mail clients put before a forwarded or answered Subject, in several languages: "Fwd:", "FW:", "TR:" …
SUBJECT_PREFIX = re.compile(r"^(?:\s*(?:fwd?|tr|wg|rv|re|aw|sv|vs|enc|rif|i|пересл|отв)\s*(?:\[\d+\])?\s*:)+\s*",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Forwarded:
    markdown: str  # the text with the forwarding blanked, line for line
    subject: str = ""  # the Subject of the header block nearest the release, as written (prefixes and all)
    # Each forwarder's note left out, as (its first line, 0-based, its text): never silently, the run warns.
    notes: tuple[tuple[int, str], ...] = ()


def quote_depth(line: str) -> int:
    depth = 0
    while (found := QUOTE.match(line)) and found.end():
        line = line[found.end():]
        depth += 1
    return depth


def unquoted(line: str, levels: int | None = None) -> str:
    """The line without `levels` of `>` (all of them when None)."""
    while (levels is None or levels > 0) and (found := QUOTE.match(line)) and found.end():
        line = line[found.end():]
        levels = None if levels is None else levels - 1
    return line


def is_blank(line: str) -> bool:
    return bool(RESIDUE.match(unquoted(line)))


def header_block(lines: list[str], start: int) -> tuple[int, int | None] | None:
    """The forwarded-message header block at `start`: (its end, the line of its Subject); None if none starts there.

    Header lines stand one under the other; after an opening line, blank lines may come between them
    (Apple Mail's HTML puts each in a paragraph of its own), but a header line after a gap must be
    one the block does not have yet: a media advisory's "Date: …" under the block is the advisory's."""
    marker = bool(MARKER.match(unquoted(lines[start]).strip()))
    headers: dict[str, str] = {}  # sender, subject, when … → the value, as written
    subject, end, gap = None, start + 1 if marker else start, False
    for index in range(end, len(lines)):
        line = lines[index]
        found = HEADER_LINE.match(unquoted(line))
        header = HEADER_OF[found["name"].casefold()] if found else None
        if header and not (gap and header in headers):
            headers.setdefault(header, found["value"].strip(" *_"))
            subject = index if header == "subject" and subject is None else subject
            end, gap = index + 1, False
        elif headers and not gap and line[:1] in " \t" and line.strip():
            end = index + 1  # a header's folded continuation line
        elif marker and is_blank(line):
            gap = bool(headers)
        else:
            break
    if marker:
        return end, subject
    sender = headers.get("sender")
    if len(headers) >= MIN_BARE_HEADERS and sender is not None and not sender[:1].isdigit() and "subject" in headers:
        return end, subject
    return None


def forwarded(markdown: str) -> Forwarded:
    """The text with every forwarded-message header block, and the forwarder's note above it, blanked,
    and the quoted message under it unquoted; the Subject of the last block."""
    lines = markdown.split("\n")
    subject = ""
    dropped: list[tuple[int, str]] = []
    after = 0  # the first line after the last header block (or 0)
    index = 0
    while index < len(lines):
        found = header_block(lines, index) if lines[index].strip() else None
        if found is None:
            index += 1
            continue
        end, subject_line = found
        if subject_line is not None:
            subject = HEADER_LINE.match(unquoted(lines[subject_line]))["value"]
        note = [unquoted(line) for line in lines[after:index] if not is_blank(line)]
        follows = any(not is_blank(lines[number]) for number in range(end, len(lines)))
        is_note = len(" ".join(line.strip() for line in note)) < MAX_NOTE and not any(map(HEADING.match, note))
        first = after if is_note and follows else index
        if first < index and note:
            start = next(number for number in range(first, index) if not is_blank(lines[number]))
            dropped.append((start, " ".join(line.strip() for line in note)))
        lines[first:end] = [""] * (end - first)
        _unquote_message(lines, end)
        after = index = end
    return Forwarded("\n".join(lines), subject, tuple(dropped))


def _unquote_message(lines: list[str], start: int) -> None:
    """The `>` every line of the message from `start` to the end of the file has, taken off."""
    depth = None
    for number in range(start, len(lines)):
        line = lines[number]
        if not is_blank(line):
            depth = min(quote_depth(line), depth if depth is not None else len(line))
            if depth == 0:
                return  # an unquoted line: nothing to do (found at once when the message is not quoted)
    if not depth:
        return
    for number in range(start, len(lines)):
        lines[number] = unquoted(lines[number], depth)


def title_from_subject(subject: str) -> str:
    """A Subject as a title: its Markdown as text, without what clients put before it
    ("Fwd: FW: **OSCE opens a course**" → "OSCE opens a course")."""
    text = " ".join(block.text for block in markdown_blocks(SPAN_ATTRIBUTES.sub("", subject)))
    return SUBJECT_PREFIX.sub("", " ".join(text.split())).strip()
