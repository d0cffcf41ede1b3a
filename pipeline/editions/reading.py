"""The reading order the visual editions share: what a reader meets, in order.

The plain-text and PDF editions render the same list of pieces, so that both
read alike (the PDF's text, read in structure order, equals the text
edition): the kicker, the title, the notices, the body with the dateline
before its first paragraph, the further-information lines, the contacts, the
numbered list of links, the copyright line. A link keeps its target and is
followed by its reference number (" [1]"), for readers on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union

from ..localise.labels import kind_label, notices, phone_label
from ..localise.typography import labelled
from ..release import (
    Block,
    Contact,
    Heading,
    ListBlock,
    LocalisedRelease,
    Paragraph,
    Quote,
    Run,
    Runs,
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
    body = [_marked(block, links) for block in release.blocks]
    if release.dateline:
        if body and isinstance(body[0], Paragraph):
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


def _marked(block: Block, links: LinkNumbers) -> Block:
    if isinstance(block, (Heading, Paragraph)):
        return replace(block, runs=links.mark(block.runs))
    if isinstance(block, Quote):
        return replace(block, paragraphs=tuple(links.mark(p) for p in block.paragraphs))
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(links.mark(item) for item in block.items))
    raise TypeError(f"unknown block {block!r}")
