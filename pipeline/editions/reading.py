"""The reading order the visual editions share: what a reader meets, in order.

The plain-text and PDF editions render the same list of pieces, so that both
read alike (the PDF's text, read in structure order, equals the text
edition): the kicker, the title, the notices, the body with the dateline
before its first paragraph, the footnotes, the further-information lines, the
contacts, the numbered list of links, the copyright line. A link keeps its
target and is followed by its reference number (" [1]"), for readers on paper;
so is a figure whose picture is on the web (`Body.link`: its address is listed
with the links). A footnote reference (a run whose `note` is set) shows its
note's number ("1", "2" … in the order of `release.notes`), whatever mark the
writer used; each edition sets it as its readers expect (a superscript in the
text edition), and the `Notes` piece lists the notes under that number.

An edition renders the pieces as a `ReadingVisitor`: one method per kind of
piece, and one per kind of block for the body (a `Body` piece goes to its
block's method), all through the one dispatch of `release.BlockVisitor`.
The text, PDF and EPUB editions are such visitors; the JSON edition and the
spoken script, which read `release.blocks` rather than this order, are
`BlockVisitor`s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, TypeVar, Union

from ..localise.labels import NOTES_LABEL, kind_label, notices, phone_label
from ..localise.typography import labelled
from ..release import (
    BLOCK_KINDS,
    Block,
    BlockVisitor,
    Contact,
    LocalisedRelease,
    Note,
    Paragraph,
    Run,
    Runs,
    block_kind,
    map_runs,
)


@dataclass(frozen=True)
class Kicker:
    text: str  # "PRESS RELEASE", in the edition's language


@dataclass(frozen=True)
class Title:
    text: str
    lang: str | None = None  # set when the title was left in another language


@dataclass(frozen=True)
class Notice:
    text: str


@dataclass(frozen=True)
class Body:
    block: Block  # with reference numbers after its links; the first paragraph starts with the dateline
    link: int | None = None  # a figure whose picture is on the web: its address's number among the links


@dataclass(frozen=True)
class NumberedNote:
    number: str  # what its references show: "1", "2" … in the order of release.notes
    label: str  # as written: the references' `Run.note` (an anchor's name in the EPUB)
    paragraphs: tuple[Runs, ...]  # with reference numbers after their links


@dataclass(frozen=True)
class Notes:
    heading: str  # "Notes"
    notes: tuple[NumberedNote, ...]


@dataclass(frozen=True)
class Lines:
    lines: tuple[Runs, ...]  # one per line: further information, a contact (its name strong)


@dataclass(frozen=True)
class Section:
    text: str  # "Contacts"


@dataclass(frozen=True)
class References:
    heading: str  # "Links"
    lines: tuple[Runs, ...]  # "[1] https://…", the address a link


@dataclass(frozen=True)
class Small:
    text: str  # the copyright line


Piece = Union[Kicker, Title, Notice, Body, Notes, Lines, Section, References, Small]
T = TypeVar("T")
PIECE_KINDS: dict[type, str] = {Kicker: "kicker", Title: "title", Notice: "notice", Body: "body", Notes: "notes",
                                Lines: "lines", Section: "section", References: "references", Small: "small"}


class ReadingVisitor(BlockVisitor[T]):
    """One method per kind of piece of the reading order, and per kind of block (release.BlockVisitor).

    `visit(piece)` calls the piece's method; `body` visits the piece's block,
    unless an edition takes a body block as a whole (it overrides `body`).
    """

    kinds: ClassVar[dict[type, str]] = {**BLOCK_KINDS, **PIECE_KINDS}

    def walk(self, release: LocalisedRelease) -> list[T]:
        """What each piece of the release's reading order gives, in order."""
        return [self.visit(piece) for piece in reading_order(release)]

    def body(self, piece: Body) -> T:
        return self.visit(piece.block)

    def kicker(self, piece: Kicker) -> T:
        raise NotImplementedError(f"{type(self).__name__}.kicker")

    def title(self, piece: Title) -> T:
        raise NotImplementedError(f"{type(self).__name__}.title")

    def notice(self, piece: Notice) -> T:
        raise NotImplementedError(f"{type(self).__name__}.notice")

    def notes(self, piece: Notes) -> T:
        raise NotImplementedError(f"{type(self).__name__}.notes")

    def lines(self, piece: Lines) -> T:
        raise NotImplementedError(f"{type(self).__name__}.lines")

    def section(self, piece: Section) -> T:
        raise NotImplementedError(f"{type(self).__name__}.section")

    def references(self, piece: References) -> T:
        raise NotImplementedError(f"{type(self).__name__}.references")

    def small(self, piece: Small) -> T:
        raise NotImplementedError(f"{type(self).__name__}.small")


class LinkNumbers:
    """Numbers each distinct link target in order of first appearance."""

    def __init__(self) -> None:
        self.targets: dict[str, int] = {}

    def number(self, href: str) -> int:
        return self.targets.setdefault(href, len(self.targets) + 1)

    def mark(self, runs: Runs) -> Runs:
        """The runs with " [n]" after each link."""
        out: list[Run] = []
        for run in runs:
            out.append(run)
            if run.href:
                out.append(Run(f" [{self.number(run.href)}]", lang=run.lang))
        return tuple(out)


class NoteNumbers:
    """Numbers the footnotes in the order of `release.notes` (the order the text refers to them)."""

    def __init__(self, notes: tuple[Note, ...]) -> None:
        self.numbers: dict[str, str] = {}
        for note in notes:
            self.numbers.setdefault(note.label, str(len(self.numbers) + 1))

    def mark(self, runs: Runs) -> Runs:
        """The runs with each footnote reference showing its note's number (a reference to no note
        keeps its mark as written)."""
        return tuple(replace(run, text=self.numbers.get(run.note, run.text)) if run.note is not None else run
                     for run in runs)


def is_web_address(src: str) -> bool:
    """A picture on the web (its address is listed with the links), not a file beside the release."""
    return src.startswith(("http://", "https://"))


def reading_order(release: LocalisedRelease) -> list[Piece]:
    _ = release.labels.gettext
    links = LinkNumbers()
    pieces: list[Piece] = [Kicker(kind_label(release.labels, release.kind).upper()),
                           Title(release.title, release.title_lang)]
    pieces += [Notice(text) for text in notices(release.labels, release.status, release.publication)]
    marks = NoteNumbers(release.notes)
    body: list[Body] = []
    for block in release.blocks:
        # A picture on the web: its address is numbered where the figure stands, before its caption's links.
        link = links.number(block.src) if block_kind(block) == "figure" and is_web_address(block.src) else None
        body.append(Body(map_runs(block, lambda _, runs: links.mark(marks.mark(runs))), link))
    if release.dateline:
        if body and block_kind(body[0].block) == "paragraph":
            first = body[0].block
            body[0] = Body(replace(first, runs=(Run(f"{release.dateline} – ", strong=True), *first.runs)))
        else:
            body.insert(0, Body(Paragraph((Run(release.dateline, strong=True),))))
    pieces += body
    if release.notes:
        pieces.append(Notes(_(NOTES_LABEL), tuple(
            NumberedNote(marks.numbers[note.label], note.label,
                         tuple(links.mark(marks.mark(runs)) for runs in note.paragraphs))
            for note in distinct_notes(release.notes))))
    further = release.further_information
    if further:
        intro = (links.mark(further.intro),) if further.intro else ()
        pieces.append(Lines(intro + tuple((Run(url, href=url),) for url in further.urls)))
    if release.contacts:
        pieces.append(Section(_("Contacts")))
        pieces += [Lines(contact_lines(contact, release)) for contact in release.contacts]
    if links.targets:
        pieces.append(References(_("Links"), tuple(
            (Run(f"[{n}] "), Run(href.removeprefix("mailto:"), href=href)) for href, n in links.targets.items())))
    if release.copyright:
        pieces.append(Small(release.copyright))
    return pieces


def distinct_notes(notes: tuple[Note, ...]) -> list[Note]:
    """Each label's first note (two notes with one label cannot both be referred to)."""
    seen: set[str] = set()
    out = []
    for note in notes:
        if note.label not in seen:
            seen.add(note.label)
            out.append(note)
    return out


def contact_lines(contact: Contact, release: LocalisedRelease) -> tuple[Runs, ...]:
    lines: list[Runs] = [(Run(contact.name, strong=True),)] if contact.name else []
    lines += [(Run(line),) for line in contact.address]
    # "Bureau : +48 …" in French: the labels follow the edition language's typography, as its text does.
    lines += [(Run(labelled(phone_label(release.labels, phone.kind), phone.number, release.lang)),)
              for phone in contact.phones]
    email = release.labels.gettext("E-mail")
    lines += [(Run(labelled(email, address, release.lang)),) for address in contact.emails]
    return tuple(lines)
