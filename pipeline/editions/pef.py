"""The PEF edition: the braille edition's pages as a Portable Embosser Format file (PEF 2008-1).

PEF (http://www.daisy.org/ns/2008/pef) is braille as XML: volumes of sections of pages of rows,
each row Unicode braille, with Dublin Core metadata (title, language, date, format, identifier).
The pages are the BRF's (editions/braille.py): the same table, layout and page numbers, in one
volume, one side of the paper.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..braille import braille_pages
from ..braille.louis import BLANK
from ..release import LocalisedRelease
from . import EditionSettings, Rendered
from .braille import braille_details

PEF_NAMESPACE = "http://www.daisy.org/ns/2008/pef"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
MEDIA_TYPE = "application/x-pef+xml"


class PefEdition:
    kind = "pef"
    extension = "pef"
    media_type = MEDIA_TYPE
    recorded = False

    def render(self, release: LocalisedRelease, settings: EditionSettings = EditionSettings()) -> Rendered:
        braille = braille_pages(release, settings.braille_grade, settings.braille_cells, settings.braille_lines)
        meta = [("format", MEDIA_TYPE), ("identifier", pef_identifier(release, braille.grade)),
                ("title", release.title), ("language", release.lang)]
        if release.date:
            meta.append(("date", release.date.isoformat()))
        if release.office:
            meta.append(("publisher", release.office))
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 f'<pef version="2008-1" xmlns="{PEF_NAMESPACE}">',
                 f' <head>\n  <meta xmlns:dc="{DC_NAMESPACE}">']
        lines += [f"   <dc:{name}>{escape(value)}</dc:{name}>" for name, value in meta]
        volume = f'cols="{settings.braille_cells}" rows="{settings.braille_lines}" rowgap="0" duplex="false"'
        lines += ["  </meta>", " </head>", " <body>", f"  <volume {volume}>", "   <section>"]
        for page in braille.pages:
            lines.append("    <page>")
            lines += [f"     <row>{row}</row>" if (row := line.rstrip(BLANK)) else "     <row/>" for line in page]
            lines.append("    </page>")
        lines += ["   </section>", "  </volume>", " </body>", "</pef>", ""]
        return Rendered("\n".join(lines).encode("utf-8"), braille_details(braille, settings))


def pef_identifier(release: LocalisedRelease, grade: str) -> str:
    """The same for every build of the release in this language and grade."""
    return f"release-pipeline:{release.release_id}:{release.lang}:{grade}"
