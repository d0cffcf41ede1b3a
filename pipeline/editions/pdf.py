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

Pictures, tables and footnotes follow PDF/UA rather than the text edition: a
picture the release holds is a Figure with its alt text as /Alt (Typst reads
its bytes from a temporary root folder, `image_root`), one on the web a framed
box with its description and address; a table a Table with TH (scope Column)
and TD; a footnote a Typst footnote at its first reference, tagged Note there.

Every character is set in a font of the chain fonts.py describes (DejaVu Sans, then Noto Sans Hebrew
and Arabic for those scripts, WenQuanYi Micro Hei for Chinese, Japanese and Korean, Symbola for emoji);
one that no font has is shown as its name in brackets, and the edition's warnings say so
(fonts.ready_text). Right-to-left text: Typst's bidi orders it; a block (or title) that is mainly
right-to-left is set with `dir: rtl`, and every right-to-left run is set with kerning on, because
Typst 0.15 panics ("byte range starts at 2 but ends at 0", in krilla) on right-to-left text set
with kerning off, as the template sets Latin (`rtl` in the data: each shown string's right-to-left
runs, as UTF-8 byte offsets, which Typst's `str.slice` takes).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
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
from ..localise.labels import FIGURE_LABEL, N_, kind_label
from ..localise.offices import official_name
from ..localise.typography import labelled
from ..release import Figure, Heading, LocalisedRelease, Runs, Table, plain_text
from . import EditionSettings, Rendered
from .data import block_data, runs_data
from .fonts import FALLBACK_FONTS, FallbackFont, base_font, fallback_chain, font_folders, font_list, ready_text
from .text import cell_text, column_alignments
from .reading import (
    Body,
    Kicker,
    Lines,
    Notes,
    Notice,
    ReadingVisitor,
    References,
    Section,
    Small,
    Title,
    is_web_address,
)

TEMPLATE = "pdf.typ"
PAGE_LABEL = N_("Page %(page)s of %(pages)s")
# Up to this many links the closing group (links, copyright) is kept whole, with the block before it,
# so that no page holds only the closing; a longer list could not fit on one page and breaks as text does.
KEPT_LINKS = 12
# Pictures Typst draws, by media type, with the extension it recognises them by; any other is a placeholder.
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg",
               "image/webp": ".webp"}
FIGURE_FOLDER = "figures"  # in the compile's temporary root


class PdfEdition:
    kind = "pdf"
    extension = "pdf"
    media_type = "application/pdf"
    recorded = False

    def render(self, release: LocalisedRelease, settings: EditionSettings) -> Rendered:
        data, images = _document(release, settings)
        warnings = ready_text(data, settings)
        try:
            with image_root(images, settings) as root:
                pdf = compiler(settings.fonts_dir, fallback_chain(settings)).compile(
                    input=template(), sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
                    pdf_standards=["ua-1"], timestamp=_timestamp(release.date), root=root,
                )
        except typst.TypstError as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else "unknown error"
            if "image" in first_line and images:  # a picture Typst cannot decode: say which ones it had
                first_line += f" (the release's pictures: {', '.join(data['pictures'])})"
            raise PipelineError(f"PDF edition of {release.release_id} ({release.lang}): Typst: {first_line}") from None
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # noqa: BLE001 - a panic in Typst's Rust (pyo3's PanicException)
            # PanicException is a BaseException that does not pickle: raised in a worker, the user saw
            # "PicklingError: Can't pickle PanicException" and Rust's backtrace instead of one line.
            first_line = next((line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__)
            raise PipelineError(f"pdf: Typst failed on this release ({first_line})") from None
        pdf, pages = with_producer(pdf, f"{NAME} {__version__}")
        warnings = tuple(f"PDF edition of {release.release_id} ({release.lang}): {warning}" for warning in warnings)
        return Rendered(pdf, PdfDetails(pages=pages, standard="PDF/UA-1", paper=settings.paper), warnings)


# --- the data the template reads -------------------------------------------------------


def document_data(release: LocalisedRelease, settings: EditionSettings) -> dict:
    return _document(release, settings)[0]


def _document(release: LocalisedRelease, settings: EditionSettings) -> tuple[dict, dict[str, bytes]]:
    """The template's data, and the images it reads (file name in FIGURE_FOLDER → bytes)."""
    kind = kind_label(release.labels, release.kind)
    office = office_name(release, settings)
    data = {
        "lang": release.lang,
        "dir": language(release.lang).direction,
        "fonts": font_list(fallback_chain(settings)),
        "document_title": release.title,  # the metadata's: as written, whatever the fonts can show
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
        "notes": {},  # label → paragraphs: each set as a footnote (tagged Note) at its first reference
        "pictures": [],  # the addresses of the pictures embedded, as written (for an error message)
    }
    writer = _TemplateData(data, release)
    writer.walk(release)
    _mark_first_references(data["blocks"], set())
    return data, writer.images


def _mark_first_references(value, seen: set[str]) -> None:
    """Marks every footnote reference after a note's first as `first: false`: the template sets the
    note at its first reference, and refers to it from the others."""
    if isinstance(value, dict):
        if "note" in value and "text" in value:
            if value["note"] in seen:
                value["first"] = False
            seen.add(value["note"])
        for item in value.values():
            _mark_first_references(item, seen)
    elif isinstance(value, list):
        for item in value:
            _mark_first_references(item, seen)


def office_name(release: LocalisedRelease, settings: EditionSettings) -> str | None:
    """The issuing office as the edition language's glossary names it, else as the release writes it.

    The glossary comes with the settings (`EditionSettings.glossary`, set per language by the
    planner); without one, the office keeps the release's name.
    """
    if not release.office or settings.glossary is None:
        return release.office
    return official_name(release.office, release.lang, settings.glossary.terms) or release.office


class _TemplateData(ReadingVisitor[None]):
    """Fills in the template's data: the kicker and title, then a block (or two) per piece, in order;
    collects the images of the figures (`images`)."""

    def __init__(self, data: dict, release: LocalisedRelease) -> None:
        self.data = data
        self.lang, self.figure_label = release.lang, release.labels.gettext(FIGURE_LABEL)
        self.images: dict[str, bytes] = {}
        self.link: int | None = None

    def kicker(self, piece: Kicker) -> None:
        self.data["kicker"] = piece.text

    def title(self, piece: Title) -> None:
        self.data["title"], self.data["title_lang"] = piece.text, piece.lang

    def notice(self, piece: Notice) -> None:
        self.data["blocks"].append({"kind": "notice", "text": piece.text})

    def body(self, piece: Body) -> None:
        self.link = piece.link  # a figure on the web: its address's number among the links
        self.visit(piece.block)

    def notes(self, piece: Notes) -> None:
        """Each note is set as a footnote at its (first) reference, tagged Note: not here, at the end."""
        self.data["notes"] = {note.label: [[_without_note(run) for run in runs_data(p)] for p in note.paragraphs]
                              for note in piece.notes}

    # Each kind of block as the JSON edition writes it; tables and figures as the template draws them.
    def heading(self, block: Heading) -> None:
        self.data["blocks"].append(block_data(block))

    paragraph = quote = list = heading

    def table(self, block: Table) -> None:
        columns = block.columns
        if not columns:  # no cell at all: nothing to draw (a Typst table needs a column)
            return
        self.data["blocks"].append({
            "kind": "table",
            "columns": columns,
            # As written, else right for a column of quantities (as the text edition aligns them).
            "align": column_alignments(block, [[cell_text(cell) for cell in _padded(row, columns)] for row in block.rows]),
            "header": [runs_data(cell) for cell in _padded(block.header, columns)] if block.header else [],
            "rows": [[runs_data(cell) for cell in _padded(row, columns)] for row in block.rows],
            "caption": runs_data(block.caption),
        })

    def figure(self, block: Figure) -> None:
        image = None
        if block.data is not None and block.media_type in IMAGE_TYPES:
            name = (block.sha256 or hashlib.sha256(block.data).hexdigest())[:16] + IMAGE_TYPES[block.media_type]
            self.images[name] = block.data
            self.data["pictures"].append(block.src)
            image = f"/{FIGURE_FOLDER}/{name}"
        alt = " ".join(plain_text(block.alt).split())
        self.data["blocks"].append({
            "kind": "figure",
            "image": image,  # None: a framed placeholder with the alt text and the address
            "src": block.src,
            "link": block.src if is_web_address(block.src) else None,
            "mark": f" [{self.link}]" if self.link is not None else "",  # its number among the links
            # The Figure's /Alt: the alt text, else the caption (it says what the picture shows); with
            # neither, the picture is an artifact (PDF/UA has no Figure without /Alt).
            "alt": alt or " ".join(plain_text(block.caption).split()),
            "described": labelled(self.figure_label, alt, self.lang) if alt else self.figure_label,  # "Photo: …"
            "caption": runs_data(block.caption),
            "credit": runs_data(block.credit),
        })

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



def _without_note(run: dict) -> dict:
    """A run of a note as plain text where it refers to a note itself (no footnote inside a footnote)."""
    return {key: value for key, value in run.items() if key != "note"}


def _padded(cells: tuple[Runs, ...], columns: int) -> tuple[Runs, ...]:
    """A row with an empty cell for each one it lacks: every row of a Typst table has every column."""
    return cells + ((),) * (columns - len(cells))


# --- Typst -------------------------------------------------------------------------------


@cache
def template() -> bytes:
    return (resources.files(__package__) / TEMPLATE).read_bytes()


@cache
def compiler(fonts_dir: str, chain: tuple[FallbackFont, ...] = FALLBACK_FONTS) -> typst.Compiler:
    """One compiler per process and fonts: it keeps fonts loaded between documents (the folder it
    reads images from, `root`, is given at each compile). Typst reads folders: DejaVu's and each
    fallback font's (fonts.py; the template turns Typst's fallback to other fonts off)."""
    base_font(fonts_dir)
    return typst.Compiler(font_paths=font_folders(fonts_dir, chain), ignore_system_fonts=True)


@contextlib.contextmanager
def image_root(images: dict[str, bytes], settings: EditionSettings) -> Iterator[str | None]:
    """The folder Typst reads images from: the logo's, or, where the release has pictures of its own,
    a temporary folder with their bytes (`figures/<name>`, as `_TemplateData.figure` names them) and
    a copy of the logo, removed after the compile. Typst takes only strings as inputs, and a file
    in its root is what it reads fastest (an image as a JSON array of numbers costs ~50 ms a MB)."""
    if not images:
        yield str(Path(settings.logo).parent) if settings.logo else None
        return
    with tempfile.TemporaryDirectory(prefix="release-pipeline-pdf-") as scratch:
        folder = Path(scratch, FIGURE_FOLDER)
        folder.mkdir()
        for name, data in images.items():
            (folder / name).write_bytes(data)
        if settings.logo:
            shutil.copyfile(settings.logo, Path(scratch, Path(settings.logo).name))
        yield scratch


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
