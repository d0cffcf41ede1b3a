"""The EPUB's XHTML: the content document and the navigation document, and their stylesheet.

The content document is the pieces of `reading.reading_order`, in the text
edition's order (a `ReadingVisitor`), every sentence a `<span>` with an id,
split as the spoken script splits sentences (text/sentences.py
`sentence_spans`), so that the media overlay (editions/epub.py) can point at
each one the narration says (audio/alignment.py). Styles, links and
passages in another language keep their markup; headings open `<section>`s
and make the navigation document, nested by level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from ..audio.alignment import match_key
from ..audio.script import contact_language
from ..languages import language
from ..release import Heading, ListBlock, LocalisedRelease, Paragraph, Quote, Run, Runs, plain_text
from ..text.sentences import sentence_spans
from .reading import Body, Kicker, Lines, Notice, ReadingVisitor, References, Section, Small, Title

CONTENT, NAV, STYLE = "content.xhtml", "nav.xhtml", "style.css"  # as named in the package
ACTIVE_CLASS = "-epub-media-overlay-active"
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
SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass
class Content:
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


def build_content(release: LocalisedRelease) -> Content:
    """The reading order (reading.py) as XHTML body markup: every sentence a span with an id."""
    doc = Content(release.lang)
    _ContentWriter(release, doc).walk(release)
    doc.close()
    return doc


class _ContentWriter(ReadingVisitor[None]):
    """Adds each piece of the reading order to the content document."""

    def __init__(self, release: LocalisedRelease, doc: Content) -> None:
        self.release, self.doc = release, doc
        self.contacts = iter(release.contacts)
        self.in_contacts = False
        self.dateline = f"{release.dateline} – " if release.dateline else None
        self.first_body = True

    def kicker(self, piece: Kicker) -> None:
        self.doc.add(f'<p class="kicker">{self.doc.runs((Run(piece.text),))}</p>')

    def title(self, piece: Title) -> None:
        lang = self.release.lang
        attributes = f' {lang_attributes(piece.lang)}' if piece.lang and piece.lang != lang else ""
        self.doc.headings.append((1, "title", piece.text.strip(), piece.lang if piece.lang != lang else None))
        self.doc.add(f'<h1 id="title"{attributes}>{self.doc.runs((Run(piece.text),))}</h1>')

    def notice(self, piece: Notice) -> None:
        self.doc.add(f'<p class="notice">{self.doc.runs((Run(piece.text),))}</p>')

    def body(self, piece: Body) -> None:
        super().body(piece)
        self.first_body = False

    def heading(self, block: Heading) -> None:
        self.doc.heading(max(2, min(block.level, 6)), block.runs)

    def paragraph(self, block: Paragraph) -> None:
        release, dateline, doc = self.release, self.dateline, self.doc
        runs = block.runs
        lead = ""
        if self.first_body and dateline and runs and runs[0].text == dateline and runs[0].strong:
            # The dateline is said as a sentence of its own ("Vienna, 5 March 2024."): its own span.
            spoken = release.spoken_dateline or release.dateline or ""
            lead = (f"<strong>{doc.sentence(escape(release.dateline or '', quote=False), spoken)}"
                    f"{escape(dateline[len(release.dateline or ''):], quote=False)}</strong>")
            runs = runs[1:]
        doc.add(f"<p>{lead}{doc.runs(runs)}</p>")

    def quote(self, block: Quote) -> None:
        self.doc.add("<blockquote>" + "".join(f"<p>{self.doc.runs(p)}</p>" for p in block.paragraphs) + "</blockquote>")

    def list(self, block: ListBlock) -> None:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        self.doc.add(f"<{tag}{start}>" + "".join(f"<li>{self.doc.runs(item)}</li>" for item in block.items)
                     + f"</{tag}>")

    def section(self, piece: Section) -> None:
        self.in_contacts = True
        self.doc.heading(2, (Run(piece.text),))

    def lines(self, piece: Lines) -> None:
        lines = list(piece.lines)
        name_lang = None
        if self.in_contacts:
            contact = next(self.contacts, None)
            if contact is not None and contact.name:
                name_lang = contact_language(contact, self.release)
        rendered = [self.doc.runs(line, name_lang if index == 0 else None) for index, line in enumerate(lines)]
        self.doc.add(f'<p class="{"contact" if self.in_contacts else "further"}">' + "<br/>".join(rendered) + "</p>")

    def references(self, piece: References) -> None:
        self.in_contacts = False
        self.doc.heading(2, (Run(piece.heading),))
        self.doc.add('<ul class="references">' + "".join(f"<li>{self.doc.runs(line)}</li>" for line in piece.lines)
                     + "</ul>")

    def small(self, piece: Small) -> None:
        self.doc.close()
        self.doc.add(f'<footer><p><small>{self.doc.runs((Run(piece.text),))}</small></p></footer>')


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


def content_document(release: LocalisedRelease, doc: Content) -> str:
    return (xhtml_head(release) + '<body epub:type="bodymatter">\n<main id="main">\n'
            + "\n".join(doc.parts) + "\n</main>\n</body>\n</html>\n")


def navigation_document(release: LocalisedRelease, doc: Content) -> str:
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
