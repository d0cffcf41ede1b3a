"""The EPUB 3 edition: the text edition's reading order, synchronised with the narration.

A talking book as DAISY Pipeline 2 makes them: one XHTML content document
(editions/epub_xhtml.py: the pieces of `reading.reading_order`, in the text
edition's order, every sentence a `<span>` with an id), the audio edition's
MP3 (the language's `record` job, audio/record.py: the same file, with its
timings), and a SMIL media overlay with one `<par>` per narrated sentence
(the sentence's element, and its clip of the MP3 from the sentence timings,
audio/alignment.py), so that a reading system highlights each sentence as it
is read. The package carries EPUB Accessibility 1.1 metadata and a
navigation document by heading. This module packs them: the overlay, the
package document, the OCF container.

The file is byte-reproducible: its identifier is a name-based UUID of the
release id and language, `dcterms:modified` is the release date, and every
ZIP entry has the same fixed timestamp (the MP3 itself is the same bytes
whenever the sentence cache holds the recordings).
"""

from __future__ import annotations

import io
import uuid
import zipfile
from html import escape

from ..audio.alignment import Clip, synchronise
from ..audio.record import Narration, office_names
from ..audio.script import office_name
from ..details import EpubDetails
from ..languages import language
from ..release import LocalisedRelease
from . import EditionSettings, Rendered
from .epub_xhtml import (
    ACTIVE_CLASS,
    CONTENT,
    NAV,
    STYLE,
    STYLESHEET,
    Content,
    build_content,
    content_document,
    navigation_document,
)

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
ACCESS_MODES = ("textual", "auditory")  # and "visual" where the book holds pictures
ACCESS_MODE_SUFFICIENT = ("textual",)  # the narration leaves out addresses and the links: not sufficient alone
FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "synchronizedAudioText",
            "displayTransformability", "unlocked")  # and "alternativeText" where it holds pictures
SUMMARY = (
    "The text of this press release with a synthetic narration (eSpeak NG) synchronised sentence by sentence: "
    "media overlays highlight each sentence as it is read. Headings structure the text and the table of contents "
    "lists them. The narration reads every sentence of the text except web addresses, postal addresses, the list "
    "of links and the copyright line; it adds a closing line naming the publisher. {contents}; passages in another "
    "language are marked with their language. This publication meets EPUB Accessibility 1.1 at WCAG 2.1 Level AA."
)
# What the summary says of pictures, tables and footnotes, where the book has them.
SUMMARY_IMAGES = ("Pictures have alternative text, or a caption that says what they show, which the narration "
                  "reads; a picture on the web is described and its address given, not shown. ")
SUMMARY_TABLES = "Tables are marked up as tables, with their captions and header cells; the narration reads them row by row. "
SUMMARY_NOTES = "Footnote references link to the notes after the text, and each note links back. "
SUMMARY_NONE = "There are no images, no tables and no hazards"
SUMMARY_LANG = "en"  # the language SUMMARY is written in
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the ZIP format's earliest date: every entry the same
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:release-pipeline:epub")
OVERLAY, AUDIO = "content.smil", "audio.mp3"


def edition_identifier(release_id: str, lang: str) -> str:
    """urn:uuid from the release id and language: the same edition always has the same identifier."""
    return f"urn:uuid:{uuid.uuid5(UUID_NAMESPACE, f'{release_id}/{lang}')}"


def clock(ms: int) -> str:
    """A SMIL full clock value: H:MM:SS.mmm."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def media_overlay(clips: list[Clip]) -> str:
    pars = "\n".join(
        f'<par id="p{number}"><text src="{CONTENT}#{clip.element}"/>'
        f'<audio src="{AUDIO}" clipBegin="{clock(clip.begin_ms)}" clipEnd="{clock(clip.end_ms)}"/></par>'
        for number, clip in enumerate(clips, start=1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">\n'
        f'<body>\n<seq id="seq1" epub:textref="{CONTENT}#main" epub:type="bodymatter">\n{pars}\n</seq>\n</body>\n</smil>\n'
    )


def summary(doc: Content) -> str:
    """The accessibility summary: what the book holds (pictures, tables, notes) and how it reads them."""
    contents = "".join(part for part, present in ((SUMMARY_IMAGES, doc.images or doc.placeholders),
                                                  (SUMMARY_TABLES, doc.tables),
                                                  (SUMMARY_NOTES, doc.note_references)) if present)
    return SUMMARY.format(contents=(contents + "There are no hazards") if contents else SUMMARY_NONE)


def package_document(release: LocalisedRelease, settings: EditionSettings, duration_ms: int,
                     doc: Content | None = None) -> str:
    doc = doc or Content(release.lang)
    lang = release.lang
    office, office_lang = office_name(release, settings.organisation, office_names(settings))
    creator_lang = f' xml:lang="{office_lang}"' if office_lang != lang else ""
    date = release.date.isoformat() if release.date else None
    modified = f"{date or '1980-01-01'}T00:00:00Z"

    def meta(prop: str, value: str, extra: str = "") -> str:
        return f'<meta property="{prop}"{extra}>{escape(value, quote=False)}</meta>'

    metadata = [
        f'<dc:identifier id="uid">{edition_identifier(release.release_id, lang)}</dc:identifier>',
        f"<dc:title>{escape(release.title, quote=False)}</dc:title>"
        if not release.title_lang or release.title_lang == lang else
        f'<dc:title xml:lang="{release.title_lang}">{escape(release.title, quote=False)}</dc:title>',
        f"<dc:language>{lang}</dc:language>",
        f"<dc:creator{creator_lang}>{escape(office, quote=False)}</dc:creator>",
        f"<dc:publisher>{escape(settings.organisation, quote=False)}</dc:publisher>",
        *([f"<dc:date>{date}</dc:date>"] if date else []),
        meta("dcterms:modified", modified),
        *(meta("schema:accessMode", mode) for mode in ACCESS_MODES + (("visual",) if doc.images else ())),
        *(meta("schema:accessModeSufficient", ",".join(modes)) for modes in [ACCESS_MODE_SUFFICIENT]),
        *(meta("schema:accessibilityFeature", feature)
          for feature in FEATURES + (("alternativeText",) if doc.images else ())),
        meta("schema:accessibilityHazard", "none"),
        meta("schema:accessibilitySummary", summary(doc), f' xml:lang="{SUMMARY_LANG}"' if lang != SUMMARY_LANG else ""),
        meta("dcterms:conformsTo", CONFORMS_TO),
        meta("media:duration", clock(duration_ms), ' refines="#overlay"'),
        meta("media:duration", clock(duration_ms)),
        meta("media:narrator", "eSpeak NG"),
        meta("media:active-class", ACTIVE_CLASS),
    ]
    spec = language(lang)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{lang}" '
        f'dir="{spec.direction}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n' + "\n".join(metadata) + "\n</metadata>\n"
        "<manifest>\n"
        f'<item id="nav" href="{NAV}" media-type="application/xhtml+xml" properties="nav"/>\n'
        f'<item id="content" href="{CONTENT}" media-type="application/xhtml+xml" media-overlay="overlay"/>\n'
        f'<item id="overlay" href="{OVERLAY}" media-type="application/smil+xml"/>\n'
        f'<item id="audio" href="{AUDIO}" media-type="audio/mpeg"/>\n'
        f'<item id="style" href="{STYLE}" media-type="text/css"/>\n'
        + "".join(f'<item id="image{number}" href="{image.href}" media-type="{image.media_type}"/>\n'
                  for number, image in enumerate(doc.images, start=1))
        + "</manifest>\n"
        f'<spine page-progression-direction="{spec.direction}">\n<itemref idref="content"/>\n</spine>\n'
        "</package>\n"
    )


CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)


def zip_epub(files: list[tuple[str, bytes]]) -> bytes:
    """The OCF container: `mimetype` first and stored, then the files; fixed timestamps and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [("mimetype", b"application/epub+zip"), *files]:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            stored = name == "mimetype" or name.endswith((".mp3", ".png", ".jpg", ".gif"))  # compressed already
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=None if stored else 9)
    return buffer.getvalue()


class EpubEdition:
    kind = "epub"
    extension = "epub"
    media_type = "application/epub+zip"
    recorded = True

    def render(self, release: LocalisedRelease, settings: EditionSettings, narration: Narration) -> Rendered:
        timeline = narration.recording  # the MP3 edition's recording and the timings in it
        mp3 = timeline.mp3
        doc = build_content(release)
        clips = synchronise(doc.sentences, timeline)
        duration = sum(clip.end_ms - clip.begin_ms for clip in clips)
        data = zip_epub([
            ("META-INF/container.xml", CONTAINER.encode()),
            ("EPUB/package.opf", package_document(release, settings, duration, doc).encode()),
            (f"EPUB/{NAV}", navigation_document(release, doc).encode()),
            (f"EPUB/{CONTENT}", content_document(release, doc).encode()),
            (f"EPUB/{OVERLAY}", media_overlay(clips).encode()),
            (f"EPUB/{STYLE}", STYLESHEET.encode()),
            (f"EPUB/{AUDIO}", mp3),
            *((f"EPUB/{image.href}", image.data) for image in doc.images),
        ])
        return Rendered(data, EpubDetails(
            identifier=edition_identifier(release.release_id, release.lang),
            duration=round(timeline.seconds, 2),
            narrated_duration=round(duration / 1000, 2),
            sentences=len(doc.sentences),
            synchronised=len(clips),  # sentences with a <par>
            narrated=len(timeline.sentences),  # sentences of the spoken script
            voice=narration.voice,
            engine=narration.engine,
        ))
