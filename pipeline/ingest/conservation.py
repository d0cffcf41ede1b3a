"""Nothing written is lost: the content-conservation check of every release.

The check reads the source as markdown-it parsed it (`markdown.markdown_tokens`,
the very tree ingest reads), not the Markdown text: every text node, link
target, image (alt text, address, title), table cell, footnote reference and
footnote definition of the source must be in the parsed `Release`. Ingest runs
it on every file before anything else happens; if something cannot be placed,
`read_release` raises an `InputError` naming the file, the line and the text,
and nothing is written.

How each part of the source is found in the release:

- The words of the text (text nodes, code, the text of HTML blocks), each
  link's target after its text (unless the text shows it), table cells and
  note references (`[^1]` → "1"), in order. Tokens are matched greedily, left
  to right, against the release's words in reading order: kind line, title,
  blocks (the dateline before the first paragraph), further information,
  contacts, copyright line.
- Sections whose words may come in another order than written: a contact (an
  edition lists its address, then phones, then e-mails), the dateline
  ("February 9, 2024" is kept as a date: the month as any of its names in the
  release's language or English, with the words its format adds, "de",
  "г."), a table (its caption may stand before or after it) and a picture's
  caption and credit. The kind line may stand anywhere in the head (a
  converted Word file has its Title-styled title first), and so may a picture
  in the head (a logo above the title).
- Each image apart, as a `Figure` with its address whose alt text holds the
  image's and caption and credit its title (an image inside a sentence is a
  figure after its paragraph); a link around an image, on the figure's alt text.
- Each footnote definition apart, its words in order in the `Note` of its label.

What does not count as content, and why:

- Markdown and HTML syntax (`#`, `*`, `[…](…)`, `<span …>`, `{lang=fr}`,
  list numbers, footnote definitions' labels), HTML comments, link targets
  `#…` (what the export leaves of a link), link reference definitions.
- The mail export's artefacts, the paragraphs `assemble.is_mail_artefact`
  drops: "unsubscribe", "forward to a friend", "update subscription
  preferences", "manage preferences", "view this e-mail in your browser"; and
  whatever else the assembler drops on purpose and says so (`Assembler.dropped`,
  given to `check_conservation`).
- Words the editions write themselves in each language: a contact line's
  label ("Tel.", "Phone", "T:", "E-mail"), the contacts heading ("Media
  contacts:"), "Name:" in a contacts table. These are checked as belonging
  to their contact, in any order within it.

The module is long because it holds both sides of the check, each rule beside
its code: the source's content read from the tree, the release's words in
reading order with their sections, and the matching of one against the other.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import InputError
from ..release import Contact, Release, Runs, block_kind
from ..text.patterns import EMAIL, URL_WORD
from .assemble import is_mail_artefact
from .contacts import LABELS
from .datelines import date_forms
from .kinds import kind_words
from .markdown import html_images, markdown_tokens

# One token: a URL, an e-mail address, or a run of letters or digits.
TOKEN = re.compile(rf"{URL_WORD.pattern}|{EMAIL.pattern}|[^\W_]+")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")

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
class SourceImage:
    src: str
    alt: str
    title: str
    line: int


@dataclass
class Source:
    """The source's content as the checks look for it."""

    tokens: list[SourceToken]  # the text in reading order (footnote definitions and images apart)
    images: list[SourceImage]
    notes: dict[str, list[SourceToken]]  # each footnote definition's words, by label


@dataclass(frozen=True)
class Placed:
    text: str  # case-folded
    section: int  # which piece of the release it is in
    unordered: bool = False  # a contact, the dateline, a table, a picture: its tokens may come in any order
    anywhere: bool = False  # the kind line's (and a picture's in the head): it may stand anywhere in the head
    head: bool = False  # the kind, the title and the blocks before the first paragraph (a subtitle)
    floating: bool = False  # further information, a contact, the copyright line: written anywhere in the source


def tokens(text: str) -> list[str]:
    return [token.removeprefix("mailto:") for token in TOKEN.findall(text)]


def link_target(href: str | None, label: str) -> str:
    """What a link's target adds to its text, as the editions list it: "" for a `#…` or empty
    target, or one the text shows; a mailto: address without its "?subject=…"."""
    if not href or href.startswith("#"):
        return ""
    target = href.removeprefix("mailto:").split("?")[0] if href.startswith("mailto:") else href
    return "" if target.casefold() in label.casefold() else target


# --- the source, from markdown-it's tree -------------------------------------------------------------


def read_source(markdown: str, first_line: int = 1) -> Source:
    """The content of the source: its words with their lines, its images, its footnote definitions."""
    source = Source([], [], {})
    note: str | None = None
    for token in markdown_tokens(markdown):
        line = (token.map[0] if token.map else 0) + first_line
        if token.type == "footnote_reference_open":
            note = token.meta["label"]
            source.notes.setdefault(note, [])
        elif token.type == "footnote_reference_close":
            note = None
        elif token.type == "inline":
            out = source.notes[note] if note is not None else source.tokens
            _inline(token.children or [], line, out, source.images)
        elif token.type in ("fence", "code_block", "html_block"):
            text = token.content
            if token.type == "html_block":
                source.images += [SourceImage(*image, line) for image in html_images(COMMENT.sub(" ", text))]
                text = html.unescape(HTML_TAG.sub(" ", COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)))
            if is_mail_artefact(re.sub(r"\s+", " ", text).strip()):
                continue
            out = source.notes[note] if note is not None else source.tokens
            offset = 1 if token.type == "fence" else 0  # a fence's content starts on the line after its ```
            for number, row in enumerate(text.split("\n")):
                out += [SourceToken(word.casefold(), word, line + offset + number) for word in tokens(row)]
    return source


def _inline(children, line: int, out: list[SourceToken], images: list[SourceImage]) -> None:
    """The words of one inline token (a paragraph, heading, cell), unless it is a mail artefact."""
    found: list[SourceToken] = []
    text: list[str] = []  # what the paragraph says, for the artefact test
    label_start: int | None = None  # where the open link's text starts in `text`
    href: str | None = None

    def add(words: str) -> None:
        found.extend(SourceToken(word.casefold(), word, line) for word in tokens(words))

    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            text.append(" ")
        elif child.type in ("text", "code_inline"):
            add(child.content)
            text.append(child.content)
        elif child.type == "html_inline":
            images += [SourceImage(*image, line) for image in html_images(COMMENT.sub(" ", child.content))]
            content = html.unescape(HTML_TAG.sub(" ", COMMENT.sub(" ", child.content)))
            add(content)
            text.append(content)
        elif child.type == "link_open":
            href, label_start = child.attrGet("href"), len(text)
        elif child.type == "link_close":
            label = "".join(text[label_start or 0:])
            target = link_target(href, label)
            add(target)
            text.append(f" {target} " if target else "")
            href = label_start = None
        elif child.type == "image":
            images.append(SourceImage(str(child.attrGet("src") or ""), child.content or "",
                                      str(child.attrGet("title") or ""), line))
        elif child.type == "footnote_ref":
            add(child.meta["label"])
            text.append(child.meta["label"])
    if not is_mail_artefact(re.sub(r"\s+", " ", "".join(text)).strip()):
        out += found


def source_tokens(markdown: str, first_line: int = 1) -> list[SourceToken]:
    """Every word of the source, each with its line: the text's, then the footnotes', then the
    images' (alt text, address, title)."""
    source = read_source(markdown, first_line)
    found = [*source.tokens, *(token for note in source.notes.values() for token in note)]
    for image in source.images:
        found += [SourceToken(word.casefold(), word, image.line)
                  for word in tokens(f"{image.alt} {image.src} {image.title}")]
    return found


# --- the release ---------------------------------------------------------------------------------------


def release_tokens(release: Release) -> list[Placed]:
    """The words of the release in reading order, each with its section (pictures' alt text and
    address, and footnotes, are looked for apart)."""
    placed: list[Placed] = []
    section = 0

    def add(text: str, own_section: bool = False, anywhere: bool = False, head: bool = False,
            floating: bool = False, unordered: bool | None = None) -> None:
        nonlocal section
        if own_section:
            section += 1
        unordered = own_section if unordered is None else unordered
        placed.extend(Placed(token.casefold(), section, unordered, anywhere, head, floating)
                      for token in tokens(text))
        if own_section:
            section += 1

    add(f"{release.kind.replace('-', ' ')} {kind_words(release.kind, release.lang)}", anywhere=True, head=True)
    add(release.title, head=True)
    # The dateline opens the first paragraph, after the headings (a subtitle) and pictures before it.
    leading = next((number for number, block in enumerate(release.blocks)
                    if block_kind(block) not in ("heading", "figure")), len(release.blocks))
    for number, block in enumerate([*release.blocks, None]):
        if number == leading and release.dateline:
            date, forms = release.dateline.date, date_forms(release.lang)
            words = " ".join([*forms.month_names(date.month), *forms.words])
            add(f"{release.dateline.place} {date.day} {date.month} {words} {date.year}", own_section=True)
        if block is None:
            continue
        kind = block_kind(block)
        if kind == "figure":
            links = " ".join(run.href for run in block.alt if run.href)
            add(f"{runs_text(block.caption)} {runs_text(block.credit)} {links}", own_section=True,
                anywhere=number < leading, head=number < leading)
        elif kind == "table":
            add(" ".join(runs_text(part) for part in block.parts), own_section=True, head=number < leading)
        else:
            for part in block.parts:
                add(runs_text(part), head=number < leading)
    # Sections the assembler takes out of the flow wherever they stand (a copyright line above the
    # last paragraph, a contact in the middle): their words may be anywhere in the source.
    if release.further_information:
        add(runs_text(release.further_information.intro) + " " + " ".join(release.further_information.urls),
            own_section=True, floating=True, unordered=False)
    for contact in release.contacts:
        add(contact_text(contact), own_section=True, floating=True)
    if release.copyright:
        add(release.copyright, own_section=True, floating=True, unordered=False)
    return placed


def runs_text(runs: Runs) -> str:
    """The text of runs, each link's target after its text (as the editions list it)."""
    parts = []
    for run in runs:
        parts.append(f" {run.text} " if run.note else run.text)  # a note's mark is a word of its own ("online.1")
        target = link_target(run.href, run.text)
        if target:
            parts.append(f" {target} ")
    return "".join(parts)


def contact_text(contact: Contact) -> str:
    return " ".join([" ".join(sorted(CONTACT_WORDS)), contact.name, *contact.address,
                     *(phone.number for phone in contact.phones), *contact.emails])


# --- the checks ----------------------------------------------------------------------------------------


def unplaced(source: list[SourceToken], release: Release) -> SourceToken | None:
    """The first source token that the release does not hold in order, or None.

    Tokens are matched greedily, left to right; after a token of a section
    (a contact, the dateline, a table, a picture, the further information, the
    copyright line), the next is first looked for in that section: anywhere in
    an unordered one, after it in an ordered one. A floating section (further
    information, a contact, the copyright line) may stand anywhere in the
    source: matching it does not move the flow's cursor. In the head, a word of
    the kind line is matched wherever it stands, once.
    """
    placed = release_tokens(release)
    used = [False] * len(placed)
    cursor = 0  # where the flow (title, blocks, dateline) goes on
    last: int | None = None  # the token the previous one matched
    floating = [index for index, word in enumerate(placed) if word.floating]
    ordered_floating = sorted({_section(placed, index) for index in floating if not placed[index].unordered})
    for position, token in enumerate(source):
        index = None
        if cursor == 0 or placed[cursor - 1].head:
            kind = next((i for i, word in enumerate(placed)
                         if word.anywhere and not used[i] and word.text == token.text), None)
            if kind is not None:
                used[kind] = True
                continue
        if last is not None and (placed[last].unordered or placed[last].floating):
            start, end = _section(placed, last)
            index = _find(placed, used, token.text, start if placed[last].unordered else last + 1, end)
        if index is None:  # an ordered floating section not yet begun, whose first words are these
            index = next((start for start, end in ordered_floating if not any(used[start:end])
                          and [word.text for word in placed[start:min(end, start + LOOKAHEAD)]]
                          == [word.text for word in source[position:position + min(end - start, LOOKAHEAD)]]), None)
        if index is None:
            index = _find(placed, used, token.text, cursor, len(placed), flow_only=True)
        if index is None:
            index = next((i for i in floating if not used[i] and placed[i].text == token.text), None)
        if index is None:
            return token
        used[index] = True
        last = index
        if not placed[index].floating:
            cursor = max(cursor, index + 1)
    return None



LOOKAHEAD = 4  # words: a floating section begins here, not in the flow, when its first words are the next ones


def _section(placed: list[Placed], index: int) -> tuple[int, int]:
    """The range of the section `placed[index]` is in."""
    section = placed[index].section
    start = end = index
    while start > 0 and placed[start - 1].section == section:
        start -= 1
    while end < len(placed) and placed[end].section == section:
        end += 1
    return start, end


def _find(placed: list[Placed], used: list[bool], text: str, start: int, end: int,
          flow_only: bool = False) -> int | None:
    for index in range(start, end):
        if not used[index] and placed[index].text == text and not (flow_only and placed[index].floating):
            return index
    return None


def _in_order(wanted: list[str], held: list[str]) -> str | None:
    """The first of the words `wanted` that `held` (case-folded) does not have in the same order, or None."""
    position = 0
    for word in wanted:
        try:
            position = held.index(word.casefold(), position) + 1
        except ValueError:
            return word
    return None


def unplaced_image(image: SourceImage, release: Release, used: set[int]) -> str | None:
    """What of the image the release lacks (a message), or None; the figure that holds it joins `used`."""
    figures = [(number, block) for number, block in enumerate(release.blocks)
               if block_kind(block) == "figure" and block.src == image.src and number not in used]
    if not figures:
        return f"the picture {image.src!r}" + (f" ({image.alt!r})" if image.alt else "")
    missing = ""
    for number, figure in figures:
        alt = _in_order(tokens(image.alt), [w.casefold() for w in tokens(runs_text(figure.alt))])
        title = _in_order(tokens(image.title),
                          [w.casefold() for w in tokens(f"{runs_text(figure.caption)} {runs_text(figure.credit)}")])
        if alt is None and title is None:
            used.add(number)
            return None
        missing = missing or (f"{alt!r} from the alt text of {image.src!r}" if alt is not None
                              else f"{title!r} from the title of {image.src!r}")
    return missing


def _without_dropped(source: list[SourceToken], dropped: Sequence[tuple[int, str]]) -> list[SourceToken]:
    """The source tokens less each piece dropped on purpose: its words, in order, from its line on
    (and not beyond its own lines: a piece not found there takes nothing)."""
    skip: set[int] = set()
    for line, text in dropped:
        words = [word.casefold() for word in tokens(text)]
        last = line + text.count("\n")
        for start, token in enumerate(source):
            if token.line < line or start in skip or not words or token.text != words[0]:
                continue
            if token.line > last:
                break
            run = [index for index in range(start, len(source)) if index not in skip][:len(words)]
            if [source[index].text for index in run] == words:
                skip.update(run)
                break
    return [token for index, token in enumerate(source) if index not in skip]


def check_conservation(markdown: str, first_line: int, release: Release, path: Path,
                       dropped: Sequence[tuple[int, str]] = ()) -> None:
    """Raise an `InputError` naming the file, line and text of the first thing the release lost.
    `dropped`: (line, text) of what ingest left out on purpose (`Assembler.dropped`)."""
    source = read_source(markdown, first_line)
    missing = unplaced(_without_dropped(source.tokens, dropped), release)
    if missing is not None:
        _refuse(markdown, first_line, path, missing.line, repr(missing.written))
    used: set[int] = set()
    for image in source.images:
        lacking = unplaced_image(image, release, used)
        if lacking:
            _refuse(markdown, first_line, path, image.line, lacking)
    notes = {note.label: [w.casefold() for part in note.parts for w in tokens(runs_text(part))]
             for note in release.notes}
    for label, words in source.notes.items():
        if label not in notes and words:
            _refuse(markdown, first_line, path, words[0].line, f"the footnote [^{label}]")
        held, position = notes.get(label, []), 0
        for word in words:
            if word.text not in held[position:]:
                _refuse(markdown, first_line, path, word.line, f"{word.written!r} from the footnote [^{label}]")
            position = held.index(word.text, position) + 1


def _refuse(markdown: str, first_line: int, path: Path, line: int, what: str) -> None:
    row = next((row for row in markdown.split("\n")[line - first_line:][:1]), "").strip()
    raise InputError(path, f"ingest would drop {what} (in {_shorten(row)!r}); "
                           "nothing was written: please report this with the file", line)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
