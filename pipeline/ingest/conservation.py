"""Nothing written is lost: the content-conservation check of every release.

Every word, number, URL, e-mail address and phone number of the source
(the Markdown after its front matter, with the mail export's artefacts
removed) must appear in the parsed `Release`, in the same order. Ingest
runs this on every file before anything else happens; if a word cannot be
placed, `read_release` raises an `InputError` naming the file, the line and
the text, and nothing is written.

What does not count as content, and why:

- Markdown and HTML syntax (`#`, `*`, `[…](…)`, `<span …>`, `{lang=fr}`),
  link targets `#` (what the export leaves of a link), image addresses.
- The mail export's artefacts, the paragraphs `assemble.is_mail_artefact`
  drops: "unsubscribe", "forward to a friend", "update subscription
  preferences", "manage preferences", "view this e-mail in your browser".
- Words the editions write themselves in each language: a contact line's
  label ("Tel.", "Phone", "T:", "E-mail"), the contacts heading ("Media
  contacts:"), "Name:" in a contacts table. These are checked as belonging
  to their contact, in any order within it (an edition lists a contact's
  address, then phones, then e-mails, whatever order they were written in).

Likewise a dateline is one unit ("February 9, 2024" is kept as a date, shown
"9 February 2024"): its words are checked in any order, the month as any of
its names in the release's language or English, with the words its date
format adds ("de", "г."). The kind line is the kind's label in either
language, and may stand anywhere in the head (a converted Word file has its
Title-styled title and subtitle first, whatever came before them).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..release import Contact, Release, Runs, block_kind
from ..text.patterns import EMAIL, SCHEME, URL_WORD
from .assemble import is_mail_artefact
from .contacts import LABELS
from .datelines import date_forms
from .kinds import kind_words

# One token: a URL, an e-mail address, or a run of letters or digits.
TOKEN = re.compile(rf"{URL_WORD.pattern}|{EMAIL.pattern}|[^\W_]+")

# Markdown → its text, keeping every character's line (substitutions never remove a newline).
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
AUTOLINK = re.compile(rf"<((?:{SCHEME}|mailto:)[^>\s]+|{EMAIL.pattern})>")
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
ATTRIBUTES = re.compile(r"(?<=\])\{[^{}\n]*\}|[ \t]+\{[#.][^{}\n]*\}[ \t]*$", re.MULTILINE)
HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
# "1." or "-" opening a list item, after any quote markers: the edition numbers its own items.
LIST_MARKER = re.compile(r"^([ \t>]*)(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)", re.MULTILINE)

# Words the editions write in their own language: checked as belonging to their section.
CONTACT_WORDS = frozenset(
    "media press contact contacts information details person persons enquiries inquiries for more further please "
    "name".split()) | frozenset(word for label in LABELS for word in TOKEN.findall(label.lower()))


@dataclass(frozen=True)
class SourceToken:
    text: str  # case-folded
    written: str
    line: int


@dataclass(frozen=True)
class Placed:
    text: str  # case-folded
    section: int  # which piece of the release it is in
    unordered: bool = False  # a contact or the dateline: its tokens may come in any order
    anywhere: bool = False  # the kind line's: it may stand anywhere in the head
    head: bool = False  # the kind, the title and the headings before the first paragraph (a subtitle)


def tokens(text: str) -> list[str]:
    return [token.removeprefix("mailto:") for token in TOKEN.findall(text)]


def source_tokens(markdown: str, first_line: int = 1) -> list[SourceToken]:
    """The words of the source in order, each with its line, markup and artefacts removed."""
    text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    text = LINK_DEFINITION.sub("", text)
    text = LIST_MARKER.sub(r"\1", text)
    text = AUTOLINK.sub(lambda m: " " + m.group(1).removeprefix("mailto:") + " ", text)
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(_link_text, text)
    text = ATTRIBUTES.sub(" ", text)
    text = HTML_TAG.sub(" ", text)
    text = html.unescape(text)
    found: list[SourceToken] = []
    line = first_line
    for paragraph in re.split(r"(\n[ \t]*\n)", text):
        if paragraph.strip() and not _is_artefact(paragraph):
            for number, row in enumerate(paragraph.split("\n")):
                found += [SourceToken(token.casefold(), token, line + number) for token in tokens(row)]
        line += paragraph.count("\n")
    return found


def _link_text(match: re.Match[str]) -> str:
    """`[text](target)` → "text target"; the target only when it adds something."""
    label, target = match.group(1), match.group(2)
    target = target.removeprefix("mailto:").split("?")[0]
    if not target or target.startswith("#") or target.casefold() in label.casefold():
        return label
    return f"{label} {target}"


def _is_artefact(paragraph: str) -> bool:
    stripped = re.sub(r"\s+", " ", paragraph).strip()
    return is_mail_artefact(stripped)


def release_tokens(release: Release) -> list[Placed]:
    """The words of the release in reading order, each with its section."""
    placed: list[Placed] = []
    section = 0

    def add(text: str, own_section: bool = False, anywhere: bool = False, head: bool = False) -> None:
        nonlocal section
        if own_section:
            section += 1
        placed.extend(Placed(token.casefold(), section, own_section, anywhere, head) for token in tokens(text))
        if own_section:
            section += 1

    add(f"{release.kind.replace('-', ' ')} {kind_words(release.kind, release.lang)}", anywhere=True, head=True)
    add(release.title, head=True)
    # The dateline opens the first paragraph, after the headings (a subtitle) before it.
    leading = next((number for number, block in enumerate(release.blocks) if block_kind(block) != "heading"),
                   len(release.blocks))
    for number, block in enumerate([*release.blocks, None]):
        if number == leading and release.dateline:
            date, forms = release.dateline.date, date_forms(release.lang)
            words = " ".join([*forms.month_names(date.month), *forms.words])
            add(f"{release.dateline.place} {date.day} {date.month} {words} {date.year}", own_section=True)
        for part in block.parts if block else ():
            add(runs_text(part), head=number < leading)
    if release.further_information:
        add(runs_text(release.further_information.intro) + " " + " ".join(release.further_information.urls))
    for contact in release.contacts:
        add(contact_text(contact), own_section=True)
    if release.copyright:
        add(release.copyright)
    return placed


def runs_text(runs: Runs) -> str:
    """The text of runs, each link's target after its text (as the editions list it)."""
    parts = []
    for run in runs:
        parts.append(run.text)
        if run.href and run.href.removeprefix("mailto:").casefold() not in run.text.casefold():
            parts.append(f" {run.href} ")
    return "".join(parts)


def contact_text(contact: Contact) -> str:
    return " ".join([" ".join(sorted(CONTACT_WORDS)), contact.name, *contact.address,
                     *(phone.number for phone in contact.phones), *contact.emails])


def unplaced(source: list[SourceToken], release: Release) -> SourceToken | None:
    """The first source token that the release does not hold in order, or None.

    Tokens are matched greedily, left to right; inside a contact or the
    dateline, a token is first looked for anywhere in that section. In the
    head, a word of the kind line is matched wherever it stands, once.
    """
    placed = release_tokens(release)
    used = [False] * len(placed)
    cursor = 0
    for token in source:
        index = None
        if cursor == 0 or placed[cursor - 1].head:
            kind = next((i for i, word in enumerate(placed)
                         if word.anywhere and not used[i] and word.text == token.text), None)
            if kind is not None:
                used[kind] = True
                continue
        if cursor and placed[cursor - 1].unordered:
            start, end = _section(placed, cursor - 1)
            index = _find(placed, used, token.text, start, end)
        if index is None:
            index = _find(placed, used, token.text, cursor, len(placed))
        if index is None:
            return token
        used[index] = True
        cursor = max(cursor, index + 1)
    return None


def _section(placed: list[Placed], index: int) -> tuple[int, int]:
    """The range of the section `placed[index]` is in."""
    section = placed[index].section
    start = end = index
    while start > 0 and placed[start - 1].section == section:
        start -= 1
    while end < len(placed) and placed[end].section == section:
        end += 1
    return start, end


def _find(placed: list[Placed], used: list[bool], text: str, start: int, end: int) -> int | None:
    for index in range(start, end):
        if not used[index] and placed[index].text == text:
            return index
    return None


def check_conservation(markdown: str, first_line: int, release: Release, path: Path) -> None:
    """Raise an `InputError` naming the file, line and text of the first word the release lost."""
    missing = unplaced(source_tokens(markdown, first_line), release)
    if missing is None:
        return
    line = next((row for row in markdown.split("\n")[missing.line - first_line:][:1]), "").strip()
    raise InputError(path, f"ingest would drop {missing.written!r} (in {_shorten(line)!r}); "
                           "nothing was written: please report this with the file", missing.line)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
