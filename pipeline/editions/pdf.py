"""The PDF edition: tagged PDF/UA-1 through Typst, the same reading text as the
plain-text edition.

The release goes to the template (`pdf.typ`, beside this module) as JSON data,
never as markup. Typst writes the structure tree (H1 title, H2 sections, P,
L/LI, BlockQuote, Link), /Lang, the outline, XMP metadata and DisplayDocTitle;
with `pdf_standards=["ua-1"]` it refuses to write a file that would not
conform. A passage left in another language (an untranslated sentence) is
tagged with that language. Afterwards the pipeline's name and version are
added as Producer (an incremental update, so Typst's bytes stay as they are).

The text is the text edition's, in the same order (reading.reading_order), so
that a reader of either gets the same release: links keep their numbered
references, listed under "Links" at the end for readers on paper.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from functools import cache
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

import pypdf
import typst

from .. import NAME, __version__
from ..details import PdfDetails
from ..errors import PipelineError
from ..languages import language
from ..localise.labels import N_, kind_label
from ..localise.offices import official_name
from ..release import LocalisedRelease
from . import EditionSettings, Rendered
from .data import block_data, runs_data
from .reading import Body, Kicker, Lines, Notice, ReadingVisitor, References, Section, Small, Title

TEMPLATE = "pdf.typ"
PAGE_LABEL = N_("Page %(page)s of %(pages)s")
# Up to this many links the closing group (links, copyright) is kept whole, with the block before it,
# so that no page holds only the closing; a longer list could not fit on one page and breaks as text does.
KEPT_LINKS = 12


class PdfEdition:
    kind = "pdf"
    extension = "pdf"
    media_type = "application/pdf"
    recorded = False

    def render(self, release: LocalisedRelease, settings: EditionSettings) -> Rendered:
        data = document_data(release, settings)
        root = str(Path(settings.logo).parent) if settings.logo else None
        try:
            pdf = compiler(settings.fonts_dir, root).compile(
                input=template(), sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
                pdf_standards=["ua-1"], timestamp=_timestamp(release.date),
            )
        except typst.TypstError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else "unknown error"
            raise PipelineError(f"PDF edition of {release.release_id} ({release.lang}): Typst: {first_line}") from None
        pdf, pages = with_producer(pdf, f"{NAME} {__version__}")
        return Rendered(pdf, PdfDetails(pages=pages, standard="PDF/UA-1", paper=settings.paper))


# --- the data the template reads -------------------------------------------------------


def document_data(release: LocalisedRelease, settings: EditionSettings) -> dict:
    kind = kind_label(release.labels, release.kind)
    office = office_name(release, settings)
    data = {
        "lang": release.lang,
        "dir": language(release.lang).direction,
        "paper": settings.paper,
        "author": office or settings.organisation,
        "subject": " – ".join(filter(None, [kind, release.dateline])),
        "keywords": [settings.organisation, kind, *([office] if office else [])],
        "date": [release.date.year, release.date.month, release.date.day] if release.date else None,
        "header": f"{office or settings.organisation} · {release.title}",
        "page_label": release.labels.gettext(PAGE_LABEL),
        "logo": {"path": "/" + Path(settings.logo).name, "alt": settings.logo_alt} if settings.logo else None,
        "blocks": [],
        "keep_closing": True,
    }
    _TemplateData(data).walk(release)
    return data


def office_name(release: LocalisedRelease, settings: EditionSettings) -> str | None:
    """The issuing office as the edition language's glossary names it, else as the release writes it.

    The glossary comes with the settings (`EditionSettings.glossary`, set per language by the
    planner); without one, the office keeps the release's name.
    """
    if not release.office or settings.glossary is None:
        return release.office
    return official_name(release.office, release.lang, settings.glossary.terms) or release.office


class _TemplateData(ReadingVisitor[None]):
    """Fills in the template's data: the kicker and title, then a block (or two) per piece, in order."""

    def __init__(self, data: dict) -> None:
        self.data = data

    def kicker(self, piece: Kicker) -> None:
        self.data["kicker"] = piece.text

    def title(self, piece: Title) -> None:
        self.data["title"], self.data["title_lang"] = piece.text, piece.lang

    def notice(self, piece: Notice) -> None:
        self.data["blocks"].append({"kind": "notice", "text": piece.text})

    def body(self, piece: Body) -> None:
        self.data["blocks"].append(block_data(piece.block))  # each kind of block as the JSON edition writes it

    def lines(self, piece: Lines) -> None:
        self.data["blocks"].append({"kind": "lines", "lines": [runs_data(line) for line in piece.lines]})

    def section(self, piece: Section) -> None:
        self.data["blocks"].append({"kind": "heading", "runs": [{"text": piece.text}]})

    # The closing blocks (links, copyright) are marked: the template keeps them with the text before them.
    def references(self, piece: References) -> None:
        self.data["blocks"] += [{"kind": "heading", "runs": [{"text": piece.heading}], "closing": True},
                                {"kind": "lines", "lines": [runs_data(line) for line in piece.lines], "closing": True}]
        if len(piece.lines) > KEPT_LINKS:
            self.data["keep_closing"] = False

    def small(self, piece: Small) -> None:
        self.data["blocks"].append({"kind": "small", "text": piece.text, "closing": True})


# --- Typst -------------------------------------------------------------------------------


@cache
def template() -> bytes:
    return (resources.files(__package__) / TEMPLATE).read_bytes()


@cache
def compiler(fonts_dir: str, root: str | None) -> typst.Compiler:
    """One compiler per process and font folder: it keeps fonts loaded between documents."""
    if not Path(fonts_dir, "DejaVuSans.ttf").is_file():
        raise PipelineError(f"fonts: {fonts_dir}/DejaVuSans.ttf is missing (Debian package fonts-dejavu-core; "
                            "`make setup` installs it, or set fonts-dir)")
    return typst.Compiler(root=root, font_paths=[fonts_dir], ignore_system_fonts=True)


def _timestamp(date: dt.date | None) -> dt.datetime | None:
    """The release date as creation date, so the same release gives the same bytes."""
    return dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.timezone.utc) if date else None


def with_producer(pdf: bytes, producer: str) -> tuple[bytes, int]:
    """Set /Producer (Info and XMP) in an incremental update; returns the PDF and its page count."""
    writer = pypdf.PdfWriter(io.BytesIO(pdf), incremental=True)
    writer.add_metadata({"/Producer": producer})
    metadata = writer.root_object["/Metadata"].get_object()
    xmp = metadata.get_data().decode("utf-8")
    xmp = xmp.replace("</rdf:Description>", f"<pdf:Producer>{escape(producer)}</pdf:Producer></rdf:Description>", 1)
    metadata.set_data(xmp.encode("utf-8"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)
