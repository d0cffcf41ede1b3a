"""The data model every stage passes along.

A `Release` is what the press office wrote, parsed once by `ingest`.
`Segment`s are its translatable sentences. A `LocalisedRelease` is the same
release in one language, ready for the editions to render. All are frozen
dataclasses of plain values, so they pickle to worker processes and their
`repr` is a stable fingerprint for the job cache.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with one style: plain, a link, or emphasis."""

    text: str
    href: str | None = None
    emphasis: bool = False
    strong: bool = False

    @property
    def styled(self) -> bool:
        return self.href is not None or self.emphasis or self.strong


Runs = tuple[Run, ...]


def plain_text(runs: Runs) -> str:
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Heading:
    level: int  # 2 for a section heading; the title is the only level 1
    runs: Runs


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class Quote:
    paragraphs: tuple[Runs, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[Runs, ...]
    start: int = 1


Block = Union[Heading, Paragraph, Quote, ListBlock]


@dataclass(frozen=True)
class Dateline:
    place: str  # as written, e.g. "WARSAW" or "TBILISI / WARSAW"
    date: dt.date
    timezone: str | None = None  # an IANA key such as "Europe/Warsaw", for CLDR city names


@dataclass(frozen=True)
class FurtherInformation:
    """The "For further information, please visit:" line and its links."""

    intro: Runs
    urls: tuple[str, ...]


@dataclass(frozen=True)
class Phone:
    kind: str  # "office", "fax", "mobile" or "phone"
    number: str


@dataclass(frozen=True)
class Contact:
    name: str
    kind: str  # "unit" (an office or team) or "person"
    phones: tuple[Phone, ...] = ()
    emails: tuple[str, ...] = ()
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class Release:
    id: str
    kind: str  # e.g. "press-release", from the kicker or front matter
    lang: str  # BCP 47 tag of the source language
    title: str
    dateline: Dateline | None
    blocks: tuple[Block, ...]
    further_information: FurtherInformation | None = None
    contacts: tuple[Contact, ...] = ()
    copyright: str | None = None
    source_name: str = ""  # file name the release was read from, for messages


@dataclass(frozen=True)
class Segment:
    """One translatable sentence.

    `text` carries inline styling as numbered tags (`<1>link text</1>`), whose
    meaning per unit is kept in `Unit.styles`. `id` depends only on the text
    and where it stands (its role), so it survives edits elsewhere in the
    release; `hash` is the content hash used for caching translations.
    """

    id: str
    unit: int  # index into Segmentation.units
    text: str
    hash: str


@dataclass(frozen=True)
class Unit:
    """A piece of the release that is translated as a whole: a title, a
    heading, a paragraph, a list item, a quote paragraph, a contact unit name."""

    role: str  # "title", "heading", "body", "further", "contact"
    path: tuple[int, ...]  # where it lives in the Release, see segment.unit_paths
    styles: tuple[Run, ...]  # tag n (1-based) -> a Run whose styling it carries


@dataclass(frozen=True)
class Segmentation:
    units: tuple[Unit, ...]
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Labels:
    """The fixed words an edition prints, already in the edition's language."""

    kind: str = "PRESS RELEASE"
    contacts: str = "Contacts"
    office: str = "Office"
    fax: str = "Fax"
    mobile: str = "Mobile"
    phone: str = "Phone"
    email: str = "E-mail"
    links: str = "Links"
    machine_translation_notice: str = ""
    untranslated_notice: str = ""


@dataclass(frozen=True)
class TranslationStatus:
    """How the text of a LocalisedRelease came to be, for notices and the manifest."""

    source: bool  # True for the source-language edition
    segments: int = 0
    reviewed: int = 0
    machine: int = 0  # machine-translated and not yet reviewed
    untranslated: int = 0
    engines: tuple[str, ...] = ()

    @property
    def review_state(self) -> str:
        if self.source:
            return "source"
        if self.untranslated:
            return "untranslated" if self.untranslated == self.segments else "partial"
        return "machine" if self.machine else "reviewed"


@dataclass(frozen=True)
class LocalisedRelease:
    """A release in one language, everything an edition needs and nothing more."""

    release_id: str
    lang: str
    title: str
    dateline: str | None  # "WARSAW, 21 February 2024", already localised
    blocks: tuple[Block, ...]
    further_information: FurtherInformation | None
    contacts: tuple[Contact, ...]
    copyright: str | None
    labels: Labels
    status: TranslationStatus
    date: dt.date | None = None
