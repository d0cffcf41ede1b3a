"""The reading order the visual editions share: what a reader meets, in order.

The plain-text and PDF editions render the same list of pieces, so that both
read alike (the PDF's text, read in structure order, equals the text
edition): the kicker, the title, the notices, the body with the dateline
before its first paragraph, the further-information lines, the contacts, the
numbered list of links, the copyright line. A link keeps its target and is
followed by its reference number (" [1]"), for readers on paper.

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

from ..localise.labels import kind_label, notices, phone_label
from ..localise.typography import labelled
from ..release import (
    BLOCK_KINDS,
    Block,
    BlockVisitor,
    Contact,
    LocalisedRelease,
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


Piece = Union[Kicker, Title, Notice, Body, Lines, Section, References, Small]
T = TypeVar("T")
PIECE_KINDS: dict[type, str] = {Kicker: "kicker", Title: "title", Notice: "notice", Body: "body", Lines: "lines",
                                Section: "section", References: "references", Small: "small"}


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

    def mark(self, runs: Runs) -> Runs:
        """The runs with " [n]" after each link."""
        out: list[Run] = []
        for run in runs:
            out.append(run)
            if run.href:
                number = self.targets.setdefault(run.href, len(self.targets) + 1)
                out.append(Run(f" [{number}]", lang=run.lang))
        return tuple(out)


def reading_order(release: LocalisedRelease) -> list[Piece]:
    _ = release.labels.gettext
    links = LinkNumbers()
    pieces: list[Piece] = [Kicker(kind_label(release.labels, release.kind).upper()),
                           Title(release.title, release.title_lang)]
    pieces += [Notice(text) for text in notices(release.labels, release.status)]
    body = [map_runs(block, lambda _, runs: links.mark(runs)) for block in release.blocks]
    if release.dateline:
        if body and block_kind(body[0]) == "paragraph":
            body[0] = replace(body[0], runs=(Run(f"{release.dateline} – ", strong=True), *body[0].runs))
        else:
            body.insert(0, Paragraph((Run(release.dateline, strong=True),)))
    pieces += [Body(block) for block in body]
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


def contact_lines(contact: Contact, release: LocalisedRelease) -> tuple[Runs, ...]:
    lines: list[Runs] = [(Run(contact.name, strong=True),)] if contact.name else []
    lines += [(Run(line),) for line in contact.address]
    # "Bureau : +48 …" in French: the labels follow the edition language's typography, as its text does.
    lines += [(Run(labelled(phone_label(release.labels, phone.kind), phone.number, release.lang)),)
              for phone in contact.phones]
    email = release.labels.gettext("E-mail")
    lines += [(Run(labelled(email, address, release.lang)),) for address in contact.emails]
    return tuple(lines)
