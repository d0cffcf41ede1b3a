"""The JSON edition: the localised release as data, for the site and for other programs.

`release-pipeline publish` builds the web pages from these files and the
manifests alone, so the site can be rebuilt from the output folder without the
sources. Labels the page shows with the text (kind, notices, contact labels)
are resolved here, in the edition's language; a label shown before a value
also comes with its colon in the language's typography (`label_colon`,
"Bureau\u202f:"), the form the text and PDF editions print.

Tables, figures and footnotes (schema 2): a table is its header cells, rows of
cells (each cell a list of runs) and caption; a figure its address, alt text
(plain: it is an attribute wherever it is used), caption and credit (runs) and
the picture's media type and checksum (never its bytes); `notes` lists the
footnotes, each with its label as written, its number (what the text, PDF and
EPUB editions show) and its paragraphs; a run that refers to one has `note`,
the note's label.
"""

from __future__ import annotations

import json
import re

from ..localise.labels import NOTES_LABEL, kind_label, notices, phone_label
from ..localise.typography import label_colon
from ..release import (
    Block,
    BlockVisitor,
    Contact,
    Figure,
    Heading,
    ListBlock,
    LocalisedRelease,
    Note,
    Paragraph,
    PublicationNotice,
    Quote,
    Runs,
    Table,
    plain_text,
)
from . import EditionSettings, Rendered
from .reading import NoteNumbers, distinct_notes

SCHEMA_VERSION = 2  # 2: tables, figures, footnotes (notes, a run's "note")


class DataEdition:
    kind = "json"
    extension = "json"
    media_type = "application/json"
    recorded = False

    def render(self, release: LocalisedRelease, settings: EditionSettings | None = None) -> Rendered:
        data = release_data(release)
        return Rendered((json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def release_data(release: LocalisedRelease) -> dict:
    _ = release.labels.gettext
    further = release.further_information
    return {
        "schema": SCHEMA_VERSION,
        "id": release.release_id,
        "lang": release.lang,
        "kind": release.kind,
        "kind_label": kind_label(release.labels, release.kind),
        "title": release.title,
        "title_lang": release.title_lang,
        "dateline": release.dateline,
        "date": release.date.isoformat() if release.date else None,
        "office": release.office,
        "notices": notices(release.labels, release.status, release.publication),
        "review_state": release.status.review_state,
        "blocks": [block_data(block) for block in release.blocks],
        "further_information": {"intro": runs_data(further.intro), "urls": list(further.urls)} if further else None,
        "notes_label": _(NOTES_LABEL),
        "notes": notes_data(release.notes),
        "contacts_label": _("Contacts"),
        "contacts": [contact_data(contact, release) for contact in release.contacts],
        "copyright": release.copyright,
        "extra": dict(release.extra),  # front-matter keys the pipeline does not use, kept as written
        **publication_data(release.publication),
    }


def publication_data(notice: PublicationNotice) -> dict:
    """A corrected public version names its correction and its earlier versions (their folders v<N>/)."""
    if not notice.corrected:
        return {}
    return {"publication": {
        "corrected": notice.corrected, "correction": notice.correction,
        "earlier_versions": [{"version": number, "published": published, "folder": f"v{number}/"}
                             for number, published in notice.earlier]}}


def runs_data(runs: Runs) -> list[dict]:
    """Runs as JSON: text, and href, strong, emphasis, lang, note where set (the PDF template reads the same)."""
    return [{"text": run.text, **{key: value for key, value in (("href", run.href), ("strong", run.strong),
                                                                ("emphasis", run.emphasis), ("lang", run.lang),
                                                                ("note", run.note)) if value}}
            for run in runs]


def notes_data(notes: tuple[Note, ...]) -> list[dict]:
    """The footnotes in order: label as written, number as the editions show it, text, paragraphs as runs."""
    numbers = NoteNumbers(notes).numbers
    return [{"label": note.label, "number": int(numbers[note.label]),
             "text": "\n\n".join(plain_text(runs) for runs in note.paragraphs),
             "paragraphs": [runs_data(runs) for runs in note.paragraphs]}
            for note in distinct_notes(notes)]


class _BlockData(BlockVisitor[dict]):
    """A block as JSON: its kind and its runs (the PDF template reads the same)."""

    def heading(self, block: Heading) -> dict:
        return {"kind": "heading", "level": block.level, "runs": runs_data(block.runs)}

    def paragraph(self, block: Paragraph) -> dict:
        return {"kind": "paragraph", "runs": runs_data(block.runs)}

    def quote(self, block: Quote) -> dict:
        return {"kind": "quote", "paragraphs": [runs_data(p) for p in block.paragraphs]}

    def list(self, block: ListBlock) -> dict:
        return {"kind": "list", "ordered": block.ordered, "start": block.start,
                "items": [runs_data(item) for item in block.items]}

    def table(self, block: Table) -> dict:
        """Header cells (none for a table without a header row), rows of cells, caption; `align` per
        column as written ("left", "center", "right" or null)."""
        columns = block.columns
        return {"kind": "table", "header": [runs_data(cell) for cell in block.header],
                "rows": [[runs_data(cell) for cell in row] for row in block.rows],
                "caption": runs_data(block.caption),
                "align": [block.align[i] if i < len(block.align) else None for i in range(columns)]}

    def figure(self, block: Figure) -> dict:
        """The picture's address as written; alt text plain (with its language where it was left
        untranslated); caption and credit as runs; media type and checksum where the bytes are known."""
        alt_lang = next((run.lang for run in block.alt if run.lang), None)
        return {"kind": "figure", "src": block.src, "alt": re.sub(r"[ \t\r\n]+", " ", plain_text(block.alt)).strip(" "),
                "alt_lang": alt_lang, "caption": runs_data(block.caption), "credit": runs_data(block.credit),
                "media_type": block.media_type, "sha256": block.sha256}


def block_data(block: Block) -> dict:
    return _BlockData().visit(block)


def contact_data(contact: Contact, release: LocalisedRelease) -> dict:
    return {
        "name": contact.name,
        "kind": contact.kind,
        "address": list(contact.address),
        "phones": [phone_data(phone_label(release.labels, phone.kind), phone.number, release.lang)
                   for phone in contact.phones],
        "emails": list(contact.emails),
        "email_label": release.labels.gettext("E-mail"),
        # What the text and PDF editions print before each address ("Courriel\u202f:" in French).
        "email_label_colon": label_colon(release.labels.gettext("E-mail"), release.lang),
    }


def phone_data(label: str, number: str, lang: str) -> dict:
    """A phone line: the label, and the label with its colon as the text and PDF editions print it."""
    return {"label": label, "label_colon": label_colon(label, lang), "number": number}
