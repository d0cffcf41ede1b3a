"""The EPUB's XHTML: the content document and the navigation document, and their stylesheet.

The content document is the pieces of `reading.reading_order`, in the text
edition's order (a `ReadingVisitor`), every sentence a `<span>` with an id,
split as the spoken script splits sentences (text/sentences.py
`sentence_spans`), so that the media overlay (editions/epub.py) can point at
each one the narration says (audio/alignment.py). Styles, links and
passages in another language keep their markup; headings open `<section>`s
and make the navigation document, nested by level.

A figure is a `<figure>`: its picture an `<img alt>` packaged in the book
(`Content.images`, core media types only), or, for a picture on the web (no
remote resource in a book read offline) or of another type, a framed
`<div role="img" aria-label>` with the alt text and the address as a link;
caption and credit in its `<figcaption>`. A table has its `<caption>`,
`<thead>` with `<th scope="col">`. A footnote reference is a
`<a role="doc-noteref">` to its note, listed in a `<section role="doc-endnotes">`
after the body, each note with a `role="doc-backlink"` to its first reference.

The module is long because it writes every kind of block and piece of the
reading order, each with the sentence spans the overlay needs, and the
navigation document from the same headings.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html import escape

from ..audio.alignment import match_key
from ..audio.script import contact_language
from ..languages import language
from ..localise.labels import FIGURE_LABEL, TABLE_LABEL
from ..localise.typography import label_colon
from ..release import Figure, Heading, ListBlock, LocalisedRelease, Paragraph, Quote, Run, Runs, Table, plain_text
from ..text.direction import has_right_to_left, opposite_runs, text_direction
from ..text.sentences import sentence_spans
from .reading import (
    Body,
    Kicker,
    Lines,
    NoteNumbers,
    Notes,
    Notice,
    ReadingVisitor,
    References,
    Section,
    Small,
    Title,
    is_web_address,
)
from .text import cell_text, column_alignments

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
figure {{ margin: 1em 0; }}
figure img {{ max-width: 100%; height: auto; }}
figcaption {{ font-size: 0.9em; }}
.placeholder {{ border: 1px solid #4d4d4d; padding: 0.5em 0.8em; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
caption {{ text-align: left; font-weight: bold; }}
th, td {{ border: 1px solid #4d4d4d; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }}
th.right, td.right {{ text-align: right; }}
th.center, td.center {{ text-align: center; }}
.notes ol {{ list-style: none; padding-left: 0; }}
.{ACTIVE_CLASS} {{ background-color: #ffee58; color: #000000; }}
"""
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Pictures packaged in the book: EPUB 3.2's core raster types (any other is shown as a placeholder; an
# SVG too: a script in it would make the book scripted, which EPUBCheck and reading systems refuse).
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
IMAGE_FOLDER = "images"


@dataclass(frozen=True)
class Image:
    """A picture packaged in the book: its path in the package (beside the content document), media type, bytes."""

    href: str
    media_type: str
    data: bytes


@dataclass
class Content:
    """The content document as it is written: its markup, the sentences' ids and keys, the headings."""

    lang: str
    parts: list[str] = field(default_factory=list)
    sentences: list[tuple[str, str]] = field(default_factory=list)  # (id, match key)
    headings: list[tuple[int, str, str, str | None]] = field(default_factory=list)  # (level, id, text, lang)
    open_sections: list[int] = field(default_factory=list)  # levels of the <section>s open
    images: list[Image] = field(default_factory=list)  # the pictures to package, in order
    placeholders: int = 0  # pictures not packaged (on the web), shown as their description
    tables: int = 0
    note_numbers: dict[str, str] = field(default_factory=dict)  # a note's label → its number (reading.NoteNumbers)
    note_references: dict[str, list[str]] = field(default_factory=dict)  # a note's number → its references' ids

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def sentence(self, inner: str, key: str, lang: str | None = None) -> str:
        ident = f"s{len(self.sentences) + 1}"
        self.sentences.append((ident, match_key(key)))
        attributes = f" {lang_attributes(lang)}" if lang and lang != self.lang else ""
        return f'<span id="{ident}"{attributes}>{inner}</span>'

    def element(self, key: str) -> str:
        """The id of an element that stands for a sentence said (a picture: "Photo: alt text")."""
        ident = f"s{len(self.sentences) + 1}"
        self.sentences.append((ident, match_key(key)))
        return ident

    def runs(self, runs: Runs, lang: str | None = None, said_before: str = "", base: str = "ltr") -> str:
        """The runs' markup, each sentence in its own <span id>, styles and languages kept.

        Sentences are split and matched as they are said: without footnote references (a reference
        stays in the sentence it follows). `said_before`: what the narration says before the first
        sentence ("Table:" before a caption). `base`: the direction of the element they are in ("rtl" in a
        paragraph that is mainly right-to-left, `direction`): a run of the other direction is a
        `<span dir>` (`_directed`)."""
        text = plain_text(runs)
        said = _said(runs)
        kept = [index for index, is_said in enumerate(said) if is_said]
        out, position = [], 0
        for said_start, said_end in sentence_spans("".join(text[index] for index in kept)):
            start, end = kept[said_start], kept[said_end - 1] + 1
            while start > position and not said[start - 1]:
                start -= 1
            while end < len(text) and not said[end]:
                end += 1
            out.append(_directed(text[position:start], base))
            # A sentence wholly in one language carries it on its own span; else each run on its own.
            sentence_lang = _one_language(runs, start, end, lang, self.lang)
            inner = self._inline(runs, start, end, sentence_lang or lang, sentence_lang, base)
            key = "".join(char for char, is_said in zip(text[start:end], said[start:end]) if is_said)
            out.append(self.sentence(inner, f"{said_before} {key}" if said_before and not position else key,
                                     sentence_lang))
            position = end
        out.append(_directed(text[position:], base))
        return "".join(out)

    def _inline(self, runs: Runs, start: int, end: int, lang: str | None, outer: str | None = None,
                base: str = "ltr") -> str:
        out, offset = [], 0
        for run in runs:
            low, high = max(start, offset), min(end, offset + len(run.text))
            offset += len(run.text)
            if low >= high:
                continue
            markup = _directed(run.text[low - (offset - len(run.text)):high - (offset - len(run.text))], base)
            run_lang = run.lang or lang
            if run_lang and run_lang != (outer or self.lang):
                markup = f'<span {lang_attributes(run_lang)}>{markup}</span>'
            if run.emphasis:
                markup = f"<em>{markup}</em>"
            if run.strong:
                markup = f"<strong>{markup}</strong>"
            if run.href and run.href.startswith(SAFE_SCHEMES):
                markup = f'<a href="{escape(run.href)}">{markup}</a>'
            if run.note is not None:
                markup = self.note_reference(run.note, markup)
            out.append(markup)
        return "".join(out)

    def note_reference(self, label: str, markup: str) -> str:
        """A footnote reference: a superscript link to its note, with an id the note links back to."""
        number = self.note_numbers.get(label)
        if number is None:  # a reference to no note: its mark, as written
            return f"<sup>{markup}</sup>"
        references = self.note_references.setdefault(number, [])
        ident = f"ref-{number}" + (f"-{len(references) + 1}" if references else "")
        references.append(ident)
        return (f'<a href="#note-{number}" id="{ident}" role="doc-noteref" epub:type="noteref">'
                f"<sup>{markup}</sup></a>")

    def image(self, figure: Figure) -> str | None:
        """The picture's path in the package, where it is packaged (its bytes known, a core media type)."""
        if figure.data is None or figure.media_type not in IMAGE_TYPES:
            return None
        digest = figure.sha256 or hashlib.sha256(figure.data).hexdigest()
        href = f"{IMAGE_FOLDER}/{digest[:16]}{IMAGE_TYPES[figure.media_type]}"
        if all(image.href != href for image in self.images):
            self.images.append(Image(href, figure.media_type, figure.data))
        return href

    def heading(self, level: int, runs: Runs, lang: str | None = None, section: str = "") -> None:
        """A heading, opening its <section> (with the attributes `section`, if any)."""
        self.end_sections(level)
        ident = f"h{len(self.headings) + 1}"
        text = plain_text(runs)
        name = plain_text(tuple(run for run in runs if run.note is None))  # the navigation has no note marks
        self.headings.append((level, ident, name.strip(), _one_language(runs, 0, len(text), lang, self.lang)))
        self.add(f'<section aria-labelledby="{ident}"{section}>')
        self.open_sections.append(level)
        self.add(f'<h{level} id="{ident}"{dir_attribute(runs)}>{self.runs(runs, lang, base=direction(runs))}</h{level}>')

    def end_sections(self, level: int) -> None:
        """Closes the open sections of `level` and deeper."""
        while self.open_sections and self.open_sections[-1] >= level:
            self.add("</section>")
            self.open_sections.pop()

    def close(self) -> None:
        while self.open_sections:
            self.add("</section>")
            self.open_sections.pop()


def _directed(text: str, base: str = "ltr") -> str:
    """`text` escaped, each run of the direction opposite to `base` in a `<span dir>` (text/direction.py):
    a Hebrew name in an English sentence is `<span dir="rtl">`, so that the neutral characters around
    it (brackets, a comma) stay where the sentence has them. The direction is known here, so `dir`
    with its value, as HTML and the W3C's advice on inline bidirectional text ask, not `<bdi>` (for
    text of unknown direction)."""
    runs = opposite_runs(text, base) if has_right_to_left(text) or base == "rtl" else []
    if not runs:
        return escape(text, quote=False)
    other = "ltr" if base == "rtl" else "rtl"
    out, position = [], 0
    for start, end in runs:
        out.append(escape(text[position:start], quote=False))
        out.append(f'<span dir="{other}">{escape(text[start:end], quote=False)}</span>')
        position = end
    out.append(escape(text[position:], quote=False))
    return "".join(out)


def direction(runs: Runs) -> str:
    """"rtl" for runs that are mainly right-to-left (text/direction.py), else "ltr"."""
    return "rtl" if text_direction(plain_text(runs)) == "rtl" else "ltr"


def dir_attribute(runs: Runs) -> str:
    """' dir="rtl"' for an element whose text is mainly right-to-left; the document is left-to-right."""
    return ' dir="rtl"' if direction(runs) == "rtl" else ""


def _said(runs: Runs) -> list[bool]:
    """For each character of the runs' text, whether it is said (a footnote reference is not)."""
    return [run.note is None for run in runs for _ in run.text]


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
    doc = Content(release.lang, note_numbers=NoteNumbers(release.notes).numbers)
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
        self.link: int | None = None  # the body block's: a picture on the web, its number among the links

    def kicker(self, piece: Kicker) -> None:
        self.doc.add(f'<p class="kicker">{self.doc.runs((Run(piece.text),))}</p>')

    def title(self, piece: Title) -> None:
        lang = self.release.lang
        attributes = f' {lang_attributes(piece.lang)}' if piece.lang and piece.lang != lang else ""
        self.doc.headings.append((1, "title", piece.text.strip(), piece.lang if piece.lang != lang else None))
        runs = (Run(piece.text),)
        self.doc.add(f'<h1 id="title"{attributes}{dir_attribute(runs)}>{self.doc.runs(runs, base=direction(runs))}</h1>')

    def notice(self, piece: Notice) -> None:
        self.doc.add(f'<p class="notice">{self.doc.runs((Run(piece.text),))}</p>')

    def body(self, piece: Body) -> None:
        self.link = piece.link
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
        doc.add(f"<p{dir_attribute(runs)}>{lead}{doc.runs(runs, base=direction(runs))}</p>")

    def quote(self, block: Quote) -> None:
        self.doc.add("<blockquote>" + "".join(f"<p{dir_attribute(p)}>{self.doc.runs(p, base=direction(p))}</p>"
                                              for p in block.paragraphs) + "</blockquote>")

    def list(self, block: ListBlock) -> None:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        self.doc.add(f"<{tag}{start}>" + "".join(f"<li{dir_attribute(item)}>{self.doc.runs(item, base=direction(item))}</li>"
                                                 for item in block.items)
                     + f"</{tag}>")

    def table(self, block: Table) -> None:
        doc, columns = self.doc, block.columns
        # As written, else right for a column of quantities (as the text edition aligns them).
        aligns = column_alignments(block, [[cell_text(cell) for cell in row + ((),) * (columns - len(row))]
                                           for row in block.rows])

        def cells(tag: str, row: tuple[Runs, ...], scope: str = "") -> str:
            row = row + ((),) * (columns - len(row))
            return "".join(f"<{tag}{scope}{_align_class(align)}>{doc.runs(cell)}</{tag}>" for cell, align in zip(row, aligns))

        said = label_colon(self.release.labels.gettext(TABLE_LABEL), self.release.lang)  # "Table: <caption>."
        caption = f"<caption>{doc.runs(block.caption, said_before=said)}</caption>" if block.caption else ""
        scope = ' scope="col"'
        head = f"<thead><tr>{cells('th', block.header, scope)}</tr></thead>" if block.header else ""
        body = "".join(f"<tr>{cells('td', row)}</tr>" for row in block.rows)
        doc.add(f"<table>{caption}{head}<tbody>{body}</tbody></table>")
        doc.tables += 1

    def figure(self, block: Figure) -> None:
        doc, lang = self.doc, self.release.lang
        label = self.release.labels.gettext(FIGURE_LABEL)
        alt = " ".join(plain_text(block.alt).split())
        alt_lang = next((run.lang for run in block.alt if run.lang and run.lang != lang), None)
        alt_attributes = f' {lang_attributes(alt_lang)}' if alt_lang else ""
        href = doc.image(block)
        if href is not None:
            # The picture stands for the sentence the narration says of it ("Photo: alt text.").
            said = label_colon(label, lang) + " " + alt
            ident = f' id="{doc.element(said)}"' if alt else ""
            picture = f'<img{ident} src="{escape(href)}" alt="{escape(alt)}"{alt_attributes}/>'
        else:  # on the web (a book is read offline), or a picture the book cannot hold: a framed placeholder
            described = doc.runs((Run(label_colon(label, lang) + " "), Run(alt, lang=alt_lang)) if alt else (Run(label),))
            shown = (f'<div role="img" aria-label="{escape(alt)}"{alt_attributes}><p>{described}</p></div>' if alt
                     else f"<p>{described}</p>")
            address = escape(block.src, quote=False)
            if is_web_address(block.src):
                address = f'<a href="{escape(block.src)}">{address}</a>'
            mark = f" [{self.link}]" if self.link is not None else ""
            picture = f'<div class="placeholder">{shown}<p>{address}{mark}</p></div>'
            doc.placeholders += 1
        caption = [doc.runs(runs) for runs in (block.caption, block.credit) if runs]
        figcaption = f"<figcaption>{'<br/>'.join(caption)}</figcaption>" if caption else ""
        doc.add(f"<figure>{picture}{figcaption}</figure>")

    def notes(self, piece: Notes) -> None:
        """The notes after the body, each with a link back to its first reference."""
        doc = self.doc
        doc.heading(2, (Run(piece.heading),), section=' class="notes" role="doc-endnotes" epub:type="endnotes"')
        items = []
        for note in piece.notes:
            number = note.number
            references = doc.note_references.get(number)
            back = (f'<a href="#{references[0]}" role="doc-backlink" epub:type="backlink">{escape(number)}</a>'
                    if references else escape(number))
            paragraphs = [doc.runs(runs) for runs in note.paragraphs] or [""]
            items.append(f'<li id="note-{escape(number)}"><p>{back} {paragraphs[0]}</p>'
                         + "".join(f"<p>{text}</p>" for text in paragraphs[1:]) + "</li>")
        doc.add(f"<ol>{''.join(items)}</ol>")
        doc.end_sections(2)

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


def _align_class(align: str | None) -> str:
    return f' class="{align}"' if align in ("right", "center") else ""


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
