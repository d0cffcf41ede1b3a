"""The EPUB 3 edition: the text edition's reading order, synchronised with the narration.

A talking book as DAISY Pipeline 2 makes them: one XHTML content document
(the pieces of `reading.reading_order`, in the text edition's order, every
sentence a `<span>` with an id), the audio edition's MP3 (the language's
`record` job, editions/audio.py: the same file, with its timings),
and a SMIL media overlay with one `<par>` per narrated sentence (the
sentence's element, and its clip of the MP3 from the sentence timings), so
that a reading system highlights each sentence as it is read. The package
carries EPUB Accessibility 1.1 metadata and a navigation document by heading.

The spoken script is made for the ear (audio/script.py) and the text for
the eye, so they are matched sentence by sentence, in order, by their
written form (case, spacing, " [n]" link marks and closing punctuation
aside): a sentence only written (a web or postal address, the list of
links, the copyright line) has no `<par>`, and a sentence only said ("The
links mentioned are listed…", "Published by …") is left out of the overlay.

The file is byte-reproducible: its identifier is a name-based UUID of the
release id and language, `dcterms:modified` is the release date, and every
ZIP entry has the same fixed timestamp (the MP3 itself is the same bytes
whenever the sentence cache holds the recordings).
"""

from __future__ import annotations

import difflib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from html import escape

from ..audio.recording import Recording
from ..audio.script import ORDINAL_DOT, contact_language, office_name
from ..languages import language
from ..release import (
    Heading,
    ListBlock,
    LocalisedRelease,
    Paragraph,
    Quote,
    Run,
    Runs,
    plain_text,
)
from ..segment import split_sentences
from . import EditionSettings, Rendered
from .audio import Narration, office_names
from .reading import (
    Body,
    Kicker,
    Lines,
    Notice,
    References,
    Section,
    Small,
    Title,
    reading_order,
)

ACTIVE_CLASS = "-epub-media-overlay-active"
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
ACCESS_MODES = ("textual", "auditory")
ACCESS_MODE_SUFFICIENT = ("textual",)  # the narration leaves out addresses and the links: not sufficient alone
FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "synchronizedAudioText",
            "displayTransformability", "unlocked")
SUMMARY = (
    "The text of this press release with a synthetic narration (eSpeak NG) synchronised sentence by sentence: "
    "media overlays highlight each sentence as it is read. Headings structure the text and the table of contents "
    "lists them. The narration reads every sentence of the text except web addresses, postal addresses, the list "
    "of links and the copyright line; it adds a closing line naming the publisher. There are no images, no "
    "tables and no hazards; passages in another language are marked with their language. This publication meets "
    "EPUB Accessibility 1.1 at WCAG 2.1 Level AA."
)
SAFE_SCHEMES = ("http://", "https://", "mailto:")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the ZIP format's earliest date: every entry the same
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:release-pipeline:epub")
CONTENT, NAV, OVERLAY, AUDIO, STYLE = "content.xhtml", "nav.xhtml", "content.smil", "audio.mp3", "style.css"
STYLESHEET = f"""\
body {{ font-family: serif; line-height: 1.5; margin: 0 5%; }}
.kicker {{ font-family: sans-serif; font-size: 0.85em; letter-spacing: 0.08em; margin-bottom: 0; }}
h1 {{ font-size: 1.5em; margin-top: 0.2em; }}
h2 {{ font-size: 1.2em; margin-top: 1.5em; }}
.notice {{ font-style: italic; }}
blockquote {{ margin: 1em 2em; }}
.references {{ list-style: none; padding-left: 0; }}
.{ACTIVE_CLASS} {{ background-color: #ffee58; color: #000000; }}
"""
TRAILING = ".:;,!?…"
LINK_MARK = re.compile(r"\s*\[\d+\]")


def edition_identifier(release_id: str, lang: str) -> str:
    """urn:uuid from the release id and language: the same edition always has the same identifier."""
    return f"urn:uuid:{uuid.uuid5(UUID_NAMESPACE, f'{release_id}/{lang}')}"


def match_key(text: str) -> str:
    """What a written and a spoken sentence are compared by: case, spacing, link marks and end punctuation aside."""
    text = LINK_MARK.sub("", text)
    return " ".join(text.casefold().split()).strip(TRAILING + " ")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where the sentences of a text are, split as the spoken script splits them (audio/script.py)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for written in split_sentences(text):
        start = max(text.find(written, position), position)
        position = start + len(written)
        if spans and ORDINAL_DOT.search(text[spans[-1][0]:spans[-1][1]]):
            spans[-1] = (spans[-1][0], position)  # "Wien, 5." + "März 2024.": one sentence
        else:
            spans.append((start, position))
    return spans


def clock(ms: int) -> str:
    """A SMIL full clock value: H:MM:SS.mmm."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


@dataclass
class _Content:
    """The content document as it is written: its markup, the sentences' ids and keys, the headings."""

    lang: str
    parts: list[str] = field(default_factory=list)
    sentences: list[tuple[str, str]] = field(default_factory=list)  # (id, match key)
    headings: list[tuple[int, str, str, str | None]] = field(default_factory=list)  # (level, id, text, lang)
    open_sections: list[int] = field(default_factory=list)  # levels of the <section>s open

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def sentence(self, inner: str, key: str, lang: str | None = None) -> str:
        ident = f"s{len(self.sentences) + 1}"
        self.sentences.append((ident, match_key(key)))
        attributes = f" {lang_attributes(lang)}" if lang and lang != self.lang else ""
        return f'<span id="{ident}"{attributes}>{inner}</span>'

    def runs(self, runs: Runs, lang: str | None = None) -> str:
        """The runs' markup, each sentence in its own <span id>, styles and languages kept."""
        text = plain_text(runs)
        out, position = [], 0
        for start, end in sentence_spans(text):
            out.append(escape(text[position:start], quote=False))
            # A sentence wholly in one language carries it on its own span; else each run on its own.
            sentence_lang = _one_language(runs, start, end, lang, self.lang)
            inner = self._inline(runs, start, end, sentence_lang or lang, sentence_lang)
            out.append(self.sentence(inner, text[start:end], sentence_lang))
            position = end
        out.append(escape(text[position:], quote=False))
        return "".join(out)

    def _inline(self, runs: Runs, start: int, end: int, lang: str | None, outer: str | None = None) -> str:
        out, offset = [], 0
        for run in runs:
            low, high = max(start, offset), min(end, offset + len(run.text))
            offset += len(run.text)
            if low >= high:
                continue
            markup = escape(run.text[low - (offset - len(run.text)):high - (offset - len(run.text))], quote=False)
            run_lang = run.lang or lang
            if run_lang and run_lang != (outer or self.lang):
                markup = f'<span {lang_attributes(run_lang)}>{markup}</span>'
            if run.emphasis:
                markup = f"<em>{markup}</em>"
            if run.strong:
                markup = f"<strong>{markup}</strong>"
            if run.href and run.href.startswith(SAFE_SCHEMES):
                markup = f'<a href="{escape(run.href)}">{markup}</a>'
            out.append(markup)
        return "".join(out)

    def heading(self, level: int, runs: Runs, lang: str | None = None) -> None:
        while self.open_sections and self.open_sections[-1] >= level:
            self.add("</section>")
            self.open_sections.pop()
        ident = f"h{len(self.headings) + 1}"
        text = plain_text(runs)
        self.headings.append((level, ident, text.strip(), _one_language(runs, 0, len(text), lang, self.lang)))
        self.add(f'<section aria-labelledby="{ident}">')
        self.open_sections.append(level)
        self.add(f'<h{level} id="{ident}">{self.runs(runs, lang)}</h{level}>')

    def close(self) -> None:
        while self.open_sections:
            self.add("</section>")
            self.open_sections.pop()


def _one_language(runs: Runs, start: int, end: int, lang: str | None, document: str) -> str | None:
    """The language of runs[start:end] where it is one language other than the document's, else None."""
    found, offset = set(), 0
    for run in runs:
        if max(start, offset) < min(end, offset + len(run.text)) and run.text[max(start, offset) - offset:
                                                                          min(end, offset + len(run.text)) - offset].strip():
            found.add(run.lang or lang or document)
        offset += len(run.text)
    return found.pop() if len(found) == 1 and document not in found else None


def lang_attributes(tag: str) -> str:
    return f'lang="{tag}" xml:lang="{tag}"'


def build_content(release: LocalisedRelease) -> _Content:
    """The reading order (reading.py) as XHTML body markup: every sentence a span with an id."""
    doc = _Content(release.lang)
    contacts = iter(release.contacts)
    in_contacts = False
    dateline = f"{release.dateline} – " if release.dateline else None
    first_body = True
    for piece in reading_order(release):
        if isinstance(piece, Kicker):
            doc.add(f'<p class="kicker">{doc.runs((Run(piece.text),))}</p>')
        elif isinstance(piece, Title):
            attributes = f' {lang_attributes(piece.lang)}' if piece.lang and piece.lang != release.lang else ""
            doc.headings.append((1, "title", piece.text.strip(), piece.lang if piece.lang != release.lang else None))
            doc.add(f'<h1 id="title"{attributes}>{doc.runs((Run(piece.text),))}</h1>')
        elif isinstance(piece, Notice):
            doc.add(f'<p class="notice">{doc.runs((Run(piece.text),))}</p>')
        elif isinstance(piece, Body):
            block = piece.block
            if isinstance(block, Heading):
                doc.heading(max(2, min(block.level, 6)), block.runs)
            elif isinstance(block, Paragraph):
                runs = block.runs
                lead = ""
                if first_body and dateline and runs and runs[0].text == dateline and runs[0].strong:
                    # The dateline is said as a sentence of its own ("Vienna, 5 March 2024."): its own span.
                    spoken = release.spoken_dateline or release.dateline or ""
                    lead = (f"<strong>{doc.sentence(escape(release.dateline or '', quote=False), spoken)}"
                            f"{escape(dateline[len(release.dateline or ''):], quote=False)}</strong>")
                    runs = runs[1:]
                doc.add(f"<p>{lead}{doc.runs(runs)}</p>")
            elif isinstance(block, Quote):
                doc.add("<blockquote>" + "".join(f"<p>{doc.runs(p)}</p>" for p in block.paragraphs) + "</blockquote>")
            elif isinstance(block, ListBlock):
                tag = "ol" if block.ordered else "ul"
                start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
                doc.add(f"<{tag}{start}>" + "".join(f"<li>{doc.runs(item)}</li>" for item in block.items) + f"</{tag}>")
            first_body = False
        elif isinstance(piece, Section):
            in_contacts = True
            doc.heading(2, (Run(piece.text),))
        elif isinstance(piece, Lines):
            lines = list(piece.lines)
            name_lang = None
            if in_contacts:
                contact = next(contacts, None)
                if contact is not None and contact.name:
                    name_lang = contact_language(contact, release)
            rendered = [doc.runs(line, name_lang if index == 0 else None) for index, line in enumerate(lines)]
            doc.add(f'<p class="{"contact" if in_contacts else "further"}">' + "<br/>".join(rendered) + "</p>")
        elif isinstance(piece, References):
            in_contacts = False
            doc.heading(2, (Run(piece.heading),))
            doc.add('<ul class="references">' + "".join(f"<li>{doc.runs(line)}</li>" for line in piece.lines) + "</ul>")
        elif isinstance(piece, Small):
            doc.close()
            doc.add(f'<footer><p><small>{doc.runs((Run(piece.text),))}</small></p></footer>')
        else:
            raise TypeError(f"unknown piece {piece!r}")
    doc.close()
    return doc


@dataclass(frozen=True)
class Clip:
    element: str  # the sentence's id in the content document
    begin_ms: int
    end_ms: int


def synchronise(doc: _Content, timeline: Recording) -> list[Clip]:
    """Each written sentence that is said, with its clip: from its start to the next sentence's start.

    Matched in order by `match_key` (difflib's longest common subsequence of keys),
    so that sentences only written or only said fall out on either side.
    """
    spoken = timeline.sentences
    total = round(timeline.seconds * 1000)
    written_keys = [key for _, key in doc.sentences]
    spoken_keys = [match_key(sentence.text) for sentence in spoken]
    matcher = difflib.SequenceMatcher(None, written_keys, spoken_keys, autojunk=False)
    clips = []
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            index = block.b + offset
            end = spoken[index + 1].start_ms if index + 1 < len(spoken) else total
            clips.append(Clip(doc.sentences[block.a + offset][0], spoken[index].start_ms,
                              max(end, spoken[index].end_ms)))
    return clips


def title_element(release: LocalisedRelease) -> str:
    lang = release.title_lang if release.title_lang and release.title_lang != release.lang else None
    return f"<title{' ' + lang_attributes(lang) if lang else ''}>{escape(release.title, quote=False)}</title>"


def xhtml_head(release: LocalisedRelease) -> str:
    """The start of an XHTML document of the book, up to and including </head>."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'{lang_attributes(release.lang)} dir="{language(release.lang).direction}">\n'
        f"<head>\n<meta charset=\"UTF-8\"/>\n{title_element(release)}\n"
        f'<link rel="stylesheet" type="text/css" href="{STYLE}"/>\n</head>\n'
    )


def content_document(release: LocalisedRelease, doc: _Content) -> str:
    return (xhtml_head(release) + '<body epub:type="bodymatter">\n<main id="main">\n'
            + "\n".join(doc.parts) + "\n</main>\n</body>\n</html>\n")


def navigation_document(release: LocalisedRelease, doc: _Content) -> str:
    """The table of contents by heading: the title, each section (nested by level), contacts, links."""
    # The title stands beside the sections (not above them): one flat list, deeper headings nested.
    entries = [(max(level, 2), ident, text, lang) for level, ident, text, lang in doc.headings]
    items = _nested(entries)
    title_lang = release.title_lang if release.title_lang and release.title_lang != release.lang else None
    heading_attributes = f" {lang_attributes(title_lang)}" if title_lang else ""
    return (
        xhtml_head(release) + "<body>\n"
        f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">\n'
        f'<h1 id="toc-title"{heading_attributes}>{escape(release.title, quote=False)}</h1>\n'
        f"<ol>{items}</ol>\n</nav>\n</body>\n</html>\n"
    )


def _nested(entries: list[tuple[int, str, str, str | None]]) -> str:
    out, index = [], 0
    while index < len(entries):
        level, ident, text, lang = entries[index]
        stop = index + 1
        while stop < len(entries) and entries[stop][0] > level:
            stop += 1
        children = _nested(entries[index + 1:stop])
        attributes = f" {lang_attributes(lang)}" if lang else ""
        out.append(f'<li><a href="{CONTENT}#{ident}"{attributes}>{escape(text, quote=False)}</a>'
                   + (f"<ol>{children}</ol>" if children else "") + "</li>")
        index = stop
    return "".join(out)


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


def package_document(release: LocalisedRelease, settings: EditionSettings, duration_ms: int) -> str:
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
        *(meta("schema:accessMode", mode) for mode in ACCESS_MODES),
        *(meta("schema:accessModeSufficient", ",".join(modes)) for modes in [ACCESS_MODE_SUFFICIENT]),
        *(meta("schema:accessibilityFeature", feature) for feature in FEATURES),
        meta("schema:accessibilityHazard", "none"),
        meta("schema:accessibilitySummary", SUMMARY, ' xml:lang="en"' if lang != "en" else ""),
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
        "</manifest>\n"
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
            stored = name == "mimetype" or name.endswith(".mp3")  # MP3 does not deflate
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
        clips = synchronise(doc, timeline)
        duration = sum(clip.end_ms - clip.begin_ms for clip in clips)
        data = zip_epub([
            ("META-INF/container.xml", CONTAINER.encode()),
            ("EPUB/package.opf", package_document(release, settings, duration).encode()),
            (f"EPUB/{NAV}", navigation_document(release, doc).encode()),
            (f"EPUB/{CONTENT}", content_document(release, doc).encode()),
            (f"EPUB/{OVERLAY}", media_overlay(clips).encode()),
            (f"EPUB/{STYLE}", STYLESHEET.encode()),
            (f"EPUB/{AUDIO}", mp3),
        ])
        return Rendered(data, {
            "identifier": edition_identifier(release.release_id, release.lang),
            "duration": round(timeline.seconds, 2),
            "narrated_duration": round(duration / 1000, 2),
            "sentences": len(doc.sentences),
            "synchronised": len(clips),  # sentences with a <par>
            "narrated": len(timeline.sentences),  # sentences of the spoken script
            "voice": narration.voice,
            "engine": narration.engine,
        })
