"""The data model every stage passes along.

A `Release` is what the press office wrote, parsed once by `ingest`.
`Segment`s are its translatable sentences. A `LocalisedRelease` is the same
release in one language, ready for the editions to render. All are frozen
dataclasses of plain values, so they pickle to worker processes and their
`repr` is a stable fingerprint for the job cache.

A block's text is `block.parts`, and `map_runs` maps it, whatever the kind of
block. What differs per kind (rendering it, saying it) is a `BlockVisitor`:
one method per kind, called through one dispatch (`BLOCK_KINDS`); no code
tests a block's type.

The module is long because it is the whole data model, by design: one file
that a newcomer reads first, with every type a stage hands to the next.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from dataclasses import dataclass, field, replace
from typing import Callable, ClassVar, Generic, TypeVar, Union


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with one style: plain, a link, or emphasis."""

    text: str
    href: str | None = None
    emphasis: bool = False
    strong: bool = False
    lang: str | None = None  # set where the run is in another language than its document
    note: str | None = None  # a footnote reference: the label of its Note ("1"); `text` is the mark as written

    @property
    def styled(self) -> bool:
        return self.href is not None or self.emphasis or self.strong or self.note is not None


Runs = tuple[Run, ...]


def plain_text(runs: Runs) -> str:
    return "".join(run.text for run in runs)


class _OnePart:
    """A block whose text is one sequence of runs (`self.runs`)."""

    runs: Runs

    @property
    def parts(self) -> tuple[Runs, ...]:
        return (self.runs,)

    def with_parts(self, parts: tuple[Runs, ...]):
        (runs,) = parts
        return replace(self, runs=runs)


@dataclass(frozen=True)
class Heading(_OnePart):
    level: int  # 2 for a section heading; the title is the only level 1
    runs: Runs


@dataclass(frozen=True)
class Paragraph(_OnePart):
    runs: Runs


@dataclass(frozen=True)
class Quote:
    paragraphs: tuple[Runs, ...]

    @property
    def parts(self) -> tuple[Runs, ...]:
        return self.paragraphs

    def with_parts(self, parts: tuple[Runs, ...]) -> Quote:
        return replace(self, paragraphs=tuple(parts))


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[Runs, ...]
    start: int = 1

    @property
    def parts(self) -> tuple[Runs, ...]:
        return self.items

    def with_parts(self, parts: tuple[Runs, ...]) -> ListBlock:
        return replace(self, items=tuple(parts))


@dataclass(frozen=True)
class Table:
    """A table as the writer made it: header cells, body rows of cells, an optional caption.

    Every cell is its own part, so it is its own unit: translated alone, never merged with
    its neighbours or reordered. `parts` is the header cells, then each row's cells, then
    the caption if there is one; `with_parts` puts them back in the same shape.
    """

    header: tuple[Runs, ...]  # may be empty: a table without a header row
    rows: tuple[tuple[Runs, ...], ...]
    caption: Runs = ()
    align: tuple[str | None, ...] = ()  # per column: "left", "center", "right" or None, as written

    @property
    def columns(self) -> int:
        return max([len(self.header), *(len(row) for row in self.rows)], default=0)

    @property
    def parts(self) -> tuple[Runs, ...]:
        cells = [*self.header, *(cell for row in self.rows for cell in row)]
        return tuple(cells + ([self.caption] if self.caption else []))

    def with_parts(self, parts: tuple[Runs, ...]) -> Table:
        parts = list(parts)
        header = tuple(parts[:len(self.header)])
        del parts[:len(self.header)]
        rows = []
        for row in self.rows:
            rows.append(tuple(parts[:len(row)]))
            del parts[:len(row)]
        caption = parts[0] if self.caption else ()
        return replace(self, header=header, rows=tuple(rows), caption=caption)


@dataclass(frozen=True)
class Figure:
    """A picture: its address as written, alt text, caption and credit ("Photo: OSCE/…").

    `data` holds the image's bytes where ingest could read them (a local file beside the
    release, or a picture inside a DOCX/ODT); a remote address has none (no network at run
    time: editions show a framed placeholder with the alt text and the address). The bytes
    stay out of `repr` (job keys); `sha256` stands for them.
    """

    src: str
    alt: Runs
    caption: Runs = ()
    credit: Runs = ()
    media_type: str | None = None  # "image/jpeg", "image/png" … when `data` is known
    sha256: str | None = None
    data: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def parts(self) -> tuple[Runs, ...]:
        return (self.alt, self.caption, self.credit)

    def with_parts(self, parts: tuple[Runs, ...]) -> Figure:
        alt, caption, credit = parts
        return replace(self, alt=alt, caption=caption, credit=credit)


@dataclass(frozen=True)
class Note:
    """A footnote: its label as written ("1", "a") and its paragraphs. Runs with `note=label`
    refer to it."""

    label: str
    paragraphs: tuple[Runs, ...]

    @property
    def parts(self) -> tuple[Runs, ...]:
        return self.paragraphs

    def with_parts(self, parts: tuple[Runs, ...]) -> Note:
        return replace(self, paragraphs=tuple(parts))


Block = Union[Heading, Paragraph, Quote, ListBlock, Table, Figure]
# The one place that tells blocks apart: each type's kind, the name of the BlockVisitor
# method that renders it (and the "kind" the JSON edition writes).
BLOCK_KINDS: dict[type, str] = {Heading: "heading", Paragraph: "paragraph", Quote: "quote", ListBlock: "list",
                                Table: "table", Figure: "figure"}


def block_kind(block: Block) -> str:
    """The block's kind: "heading", "paragraph", "quote", "list", "table" or "figure"."""
    try:
        return BLOCK_KINDS[type(block)]
    except KeyError:
        raise TypeError(f"unknown block {block!r}") from None


def map_runs(block: Block, change: Callable[[int, Runs], Runs]) -> Block:
    """The block with each of its parts (a heading's or paragraph's runs, a quote's
    paragraphs, a list's items) replaced by `change(index, runs)`.

    With `block.parts`, this is how stages visit the text of any block, whatever
    its kind; what differs per kind (rendering) is a `BlockVisitor`.
    """
    return block.with_parts(tuple(change(index, runs) for index, runs in enumerate(block.parts)))


T = TypeVar("T")


class BlockVisitor(Generic[T]):
    """One method per kind of block; `visit(block)` calls the one for the block's kind.

    Every edition (text, PDF, JSON, EPUB's XHTML) and the spoken script render
    blocks as a subclass, instead of a ladder of isinstance tests. A new kind of
    block is one entry in BLOCK_KINDS and one method here; a renderer that lacks
    it raises NotImplementedError naming itself. `editions.reading.ReadingVisitor`
    adds the other pieces of the reading order to the same dispatch.
    """

    kinds: ClassVar[dict[type, str]] = BLOCK_KINDS  # type → the name of the method that takes it

    def visit(self, node) -> T:
        try:
            method = self.kinds[type(node)]
        except KeyError:
            raise TypeError(f"{type(self).__name__} cannot visit {node!r}") from None
        return getattr(self, method)(node)

    def heading(self, block: Heading) -> T:
        raise NotImplementedError(f"{type(self).__name__}.heading")

    def paragraph(self, block: Paragraph) -> T:
        raise NotImplementedError(f"{type(self).__name__}.paragraph")

    def quote(self, block: Quote) -> T:
        raise NotImplementedError(f"{type(self).__name__}.quote")

    def list(self, block: ListBlock) -> T:
        raise NotImplementedError(f"{type(self).__name__}.list")

    def table(self, block: Table) -> T:
        raise NotImplementedError(f"{type(self).__name__}.table")

    def figure(self, block: Figure) -> T:
        raise NotImplementedError(f"{type(self).__name__}.figure")


@dataclass(frozen=True)
class Place:
    name: str  # as written, e.g. "WARSAW"
    timezone: str | None = None  # CLDR zone key whose exemplar city it is ("Europe/Warsaw"); None if unknown


@dataclass(frozen=True)
class Dateline:
    places: tuple[Place, ...]  # usually one; "TBILISI / WARSAW" is two
    date: dt.date

    @property
    def place(self) -> str:
        """The places as written: "TBILISI / WARSAW"."""
        return " / ".join(place.name for place in self.places)

    @property
    def timezone(self) -> str | None:
        """The first place's CLDR time zone, where one is known: the release's own (embargo, corrections)."""
        return next((place.timezone for place in self.places if place.timezone), None)


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
    # Every other line of the contact, verbatim and in order: titles ("Project
    # Officer"), postal address, notes. Nothing written in a contact is dropped.
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
    office: str | None = None  # the issuing office ("OSCE Office for Democratic …"), for document metadata
    notes: tuple[Note, ...] = ()  # footnotes, in the order the text refers to them
    embargo: str | None = None  # front matter `embargo:`, an ISO 8601 instant with its offset
    correction: str | None = None  # front matter `correction:`, the note of a corrected public release
    # Front-matter keys the pipeline does not use, kept as written (key, value) so the
    # JSON edition can show them; each one is also a warning.
    extra: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()  # one line each, "FILE:LINE: …", for the run to report


@dataclass(frozen=True)
class Segment:
    """One translatable sentence.

    `text` carries inline styling as numbered tags (`<1>link text</1>`), whose
    meaning per unit is kept in `Unit.styles`. `id` depends only on the text
    and where it stands (its role), so it survives edits elsewhere in the
    release.
    """

    id: str
    unit: int  # index into Segmentation.units
    text: str


@dataclass(frozen=True)
class Unit:
    """A piece of the release that is translated as a whole: a title, a
    heading, a paragraph, a list item, a quote paragraph, a contact unit name."""

    role: str  # "title", "heading", "body", "cell", "figure", "further", "contact", "note"
    path: tuple[int, ...]  # where it lives in the Release, see segment.unit_paths
    styles: tuple[Run, ...]  # tag n (1-based) -> a Run whose styling it carries


@dataclass(frozen=True)
class Segmentation:
    units: tuple[Unit, ...]
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Labels:
    """The fixed words of editions in one language, from its gettext label catalog.

    Editions call `gettext`/`ngettext` on it, like on a `gettext.GNUTranslations`
    (so `pybabel extract` finds their messages), but it is plain data: it
    pickles to worker processes and its repr goes into job keys, so editing a
    catalog re-renders the editions that use it.
    """

    lang: str
    messages: dict[str, str | tuple[str, ...]] = field(default_factory=dict)  # msgid → msgstr(s)
    plural_expr: str = "(n != 1)"  # the catalog's C expression choosing a plural form

    def gettext(self, message: str) -> str:
        translated = self.messages.get(message)
        return translated if isinstance(translated, str) else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.messages.get(singular)
        if isinstance(forms, tuple):
            index = _plural_function(self.plural_expr)(n)
            if 0 <= index < len(forms) and forms[index]:
                return forms[index]
        return singular if n == 1 else plural


@functools.cache
def _plural_function(expression: str):
    return gettext.c2py(expression)


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
class PublicationNotice:
    """What an edition must say about its own publication (publication/decide.py decides it):
    a preview edition is a draft, perhaps under embargo; a public one may be a correction."""

    draft: bool = False  # built, not public: "Draft — not published"
    embargo: str | None = None  # ISO 8601 instant, with offset: "EMBARGOED UNTIL …" (preview editions only)
    timezone: str | None = None  # the release's zone (its dateline's), to show the embargo in
    corrected: str | None = None  # ISO date of the public version that corrects an earlier one …
    correction: str | None = None  # … and its note: "Corrected on 6 March 2024: <note>"
    earlier: tuple[tuple[int, str], ...] = ()  # (number, ISO instant) of the earlier public versions (v<N>/)


@dataclass(frozen=True)
class LocalisedRelease:
    """A release in one language, everything an edition needs and nothing more."""

    release_id: str
    lang: str
    kind: str  # "press-release" …; editions show it with localise.labels.kind_label
    title: str
    dateline: str | None  # "WARSAW, 21 February 2024", already localised
    blocks: tuple[Block, ...]
    further_information: FurtherInformation | None
    contacts: tuple[Contact, ...]
    copyright: str | None
    labels: Labels
    status: TranslationStatus
    date: dt.date | None = None
    office: str | None = None
    title_lang: str | None = None  # set when the title was left in another language (untranslated)
    spoken_dateline: str | None = None  # "Warsaw, 21 February 2024": the dateline as read aloud
    extra: tuple[tuple[str, str], ...] = ()  # Release.extra: front-matter keys the pipeline does not use
    notes: tuple[Note, ...] = ()  # Release.notes, in this language
    publication: PublicationNotice = PublicationNotice()  # draft, embargo or correction lines
