"""The JSON edition: the localised release as data, for the site and for other programs.

`release-pipeline publish` builds the web pages from these files and the
manifests alone, so the site can be rebuilt from the output folder without the
sources. Labels the page shows with the text (kind, notices, contact labels)
are resolved here, in the edition's language; a label shown before a value
also comes with its colon in the language's typography (`label_colon`,
"Bureau\u202f:"), the form the text and PDF editions print.
"""

from __future__ import annotations

import json

from ..localise.labels import kind_label, notices, phone_label
from ..localise.typography import label_colon
from ..release import (
    Block,
    BlockVisitor,
    Contact,
    Heading,
    ListBlock,
    LocalisedRelease,
    Paragraph,
    Quote,
    Runs,
)
from . import EditionSettings, Rendered

SCHEMA_VERSION = 1


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
        "notices": notices(release.labels, release.status),
        "review_state": release.status.review_state,
        "blocks": [block_data(block) for block in release.blocks],
        "further_information": {"intro": runs_data(further.intro), "urls": list(further.urls)} if further else None,
        "contacts_label": _("Contacts"),
        "contacts": [contact_data(contact, release) for contact in release.contacts],
        "copyright": release.copyright,
        "extra": dict(release.extra),  # front-matter keys the pipeline does not use, kept as written
    }


def runs_data(runs: Runs) -> list[dict]:
    """Runs as JSON: text, and href, strong, emphasis, lang where set (the PDF template reads the same)."""
    return [{"text": run.text, **{key: value for key, value in (("href", run.href), ("strong", run.strong),
                                                                ("emphasis", run.emphasis), ("lang", run.lang)) if value}}
            for run in runs]


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
