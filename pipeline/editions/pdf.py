"""The PDF edition: tagged PDF/UA-1 through Typst, the same reading text as the
plain-text edition.

The release goes to the template (`pdf.typ`, beside this module) as JSON data,
never as markup. Typst writes the structure tree (H1 title, H2 sections, P,
L/LI, BlockQuote, Link), /Lang, the outline, XMP metadata and DisplayDocTitle;
with `pdf_standards=["ua-1"]` it refuses to write a file that would not
conform. A passage left in another language (an untranslated sentence) is
tagged with that language. Afterwards the pipeline's name and version are
added as Producer (an incremental update, so Typst's bytes stay as they are).

The text is the text edition's, in the same order, so that a reader of either
gets the same release: links keep their numbered references, listed under
"Links" at the end for readers on paper.
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
from ..errors import PipelineError
from ..languages import language
from ..localise.labels import N_, kind_label, notices
from ..release import Block, Heading, ListBlock, LocalisedRelease, Paragraph, Quote, Run, Runs
from . import EditionSettings, Rendered
from .text import LinkNumbers, contact_lines

TEMPLATE = "pdf.typ"
PAGE_LABEL = N_("Page %(page)s of %(pages)s")


class PdfEdition:
    kind = "pdf"
    extension = "pdf"
    media_type = "application/pdf"

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
        return Rendered(pdf, {"pages": pages, "standard": "PDF/UA-1", "paper": settings.paper})


# --- the data the template reads -------------------------------------------------------


def document_data(release: LocalisedRelease, settings: EditionSettings) -> dict:
    _ = release.labels.gettext
    kind = kind_label(release.labels, release.kind)
    links = LinkNumbers()
    body = [block_data(block, links) for block in release.blocks]
    if release.dateline:
        if body and body[0]["kind"] == "paragraph":
            body[0]["runs"].insert(0, {"text": f"{release.dateline} – ", "strong": True})
        else:
            body.insert(0, {"kind": "paragraph", "runs": [{"text": release.dateline, "strong": True}]})
    blocks = [{"kind": "notice", "text": notice} for notice in notices(release.labels, release.status)] + body
    if release.further_information:
        further = release.further_information
        lines = [run_data(further.intro, links)] if further.intro else []
        lines += [[{"text": url, "href": url}] for url in further.urls]
        blocks.append({"kind": "lines", "lines": lines})
    if release.contacts:
        blocks.append({"kind": "heading", "runs": [{"text": _("Contacts")}]})
        for contact in release.contacts:
            lines = [[{"text": line, **({"strong": True} if i == 0 and contact.name else {})}]
                     for i, line in enumerate(contact_lines(contact, release))]
            blocks.append({"kind": "lines", "lines": lines})
    if links.targets:
        blocks.append({"kind": "heading", "runs": [{"text": _("Links")}]})
        blocks.append({"kind": "lines", "lines": [
            [{"text": f"[{n}] "}, {"text": href.removeprefix("mailto:"), "href": href}]
            for href, n in links.targets.items()]})
    if release.copyright:
        blocks.append({"kind": "small", "text": release.copyright})
    spec = language(release.lang)
    return {
        "lang": release.lang,
        "dir": spec.direction,
        "paper": settings.paper,
        "title": release.title,
        "title_lang": release.title_lang,
        "kicker": kind.upper(),
        "author": release.office or settings.organisation,
        "subject": " – ".join(filter(None, [kind, release.dateline])),
        "keywords": [settings.organisation, kind, *([release.office] if release.office else [])],
        "date": [release.date.year, release.date.month, release.date.day] if release.date else None,
        "header": f"{release.office or settings.organisation} · {release.title}",
        "page_label": _(PAGE_LABEL),
        "logo": {"path": "/" + Path(settings.logo).name, "alt": settings.logo_alt} if settings.logo else None,
        "blocks": blocks,
    }


def block_data(block: Block, links: LinkNumbers) -> dict:
    if isinstance(block, Heading):
        return {"kind": "heading", "runs": run_data(block.runs, links)}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "runs": run_data(block.runs, links)}
    if isinstance(block, Quote):
        return {"kind": "quote", "paragraphs": [run_data(p, links) for p in block.paragraphs]}
    if isinstance(block, ListBlock):
        return {"kind": "list", "ordered": block.ordered, "start": block.start,
                "items": [run_data(item, links) for item in block.items]}
    raise TypeError(f"unknown block {block!r}")


def run_data(runs: Runs, links: LinkNumbers) -> list[dict]:
    """Runs as the template's JSON; a link is followed by its reference number, as in the text edition."""
    out = []
    for run in runs:
        out.append(_run(run))
        if run.href:
            out.append({"text": f" [{links.number(run.href)}]", **({"lang": run.lang} if run.lang else {})})
    return out


def _run(run: Run) -> dict:
    data: dict = {"text": run.text}
    if run.href:
        data["href"] = run.href
    if run.strong:
        data["strong"] = True
    if run.emphasis:
        data["emph"] = True
    if run.lang:
        data["lang"] = run.lang
    return data


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
