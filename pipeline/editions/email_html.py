"""The e-mail edition's HTML part: the reading order (reading.py) as an accessible HTML document
that mail clients show as it is meant.

The same pieces as the text edition, in the same order (a `ReadingVisitor`), so the two alternatives
of the message say the same thing: the kicker, the title as the one `<h1>`, the notices, the body (its
headings `<h2>` and below), the notes, further information, contacts, the numbered links, the
copyright line. What a mail client needs:

- `lang` and `dir` on `<html>` and again on the wrapper `<div role="article">`, since webmail shows the
  body inside its own page and drops `<html>`; `lang` on every passage in another language and on a
  title left in another language; `dir` on a block or passage that runs the other way than the text
  around it, decided from its letters (text/direction.py: a Hebrew quotation in English, a
  contact in Latin letters in Arabic);
- every style inline (`style=""`): many clients remove `<style>` and `<link>`; no script, no form,
  no external stylesheet or font; text #1a1a1a on white, links #00457c and underlined;
- links written out: each link keeps its " [n]" mark, and the addresses are listed under "Links",
  so a reader whose client shows no link targets (or prints the message) still has them;
- a table with its `<caption>` and `<th scope="col">`; a figure with its `alt` text and
  `<figcaption>`: a picture the release holds (PNG, JPEG, GIF) travels in the message and is shown
  by its Content-ID (`cid:`, `InlinePicture`), a picture on the web by its address, any other as a
  framed `role="img"` box saying "Photo: alt text";
- footnote references as links to the notes (`role="doc-noteref"`), the notes an ordered list after
  the body, each starting with its number as a link back to its first reference (`role="doc-backlink"`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from hashlib import sha256
from html import escape
from itertools import groupby
from urllib.parse import urlsplit

from ..languages import language_or_default
from ..localise.labels import FIGURE_LABEL
from ..localise.typography import label_colon
from ..release import Figure, Heading, ListBlock, LocalisedRelease, Paragraph, Quote, Run, Runs, Table, plain_text
from ..text.direction import text_direction
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

# Pictures that travel in the message: the types every mail client shows.
INLINE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
SAFE_SCHEMES = ("http", "https", "mailto")
TEXT, LINK_COLOUR, RULE = "#1a1a1a", "#00457c", "#4d4d4d"  # 17:1 and 10:1 on white, as the site
FONT = "Arial, Helvetica, sans-serif"
BODY = f"margin:0;padding:0;background-color:#ffffff;color:{TEXT};"
WRAPPER = (f"max-width:40em;margin:0 auto;padding:1em;font-family:{FONT};font-size:16px;line-height:1.5;"
           f"color:{TEXT};background-color:#ffffff;")
PARAGRAPH = "margin:0 0 1em 0;"
KICKER = "margin:0;font-size:0.875em;letter-spacing:0.08em;"
H1 = "margin:0.25em 0 0.75em 0;font-size:1.5em;line-height:1.25;"
H2 = "margin:1.5em 0 0.5em 0;font-size:1.25em;line-height:1.3;"
H3 = "margin:1.25em 0 0.5em 0;font-size:1.1em;line-height:1.3;"
NOTICE = f"margin:0 0 1em 0;font-style:italic;border-{{start}}:4px solid {LINK_COLOUR};padding-{{start}}:0.75em;"
LINK = f"color:{LINK_COLOUR};text-decoration:underline;"
ADDRESS = LINK + "word-break:break-all;"  # a long address wraps on a phone's screen
QUOTE = "margin:1em 2em;"
LIST = "margin:0 0 1em 0;padding-{start}:1.5em;"
PLAIN_LIST = "margin:0 0 1em 0;padding:0;list-style:none;"
TABLE = "border-collapse:collapse;margin:0 0 1em 0;"
CAPTION = "text-align:{start};font-weight:bold;padding:0 0 0.25em 0;"
CELL = f"border:1px solid {RULE};padding:0.25em 0.5em;vertical-align:top;text-align:{{align}};"
FIGURE = "margin:0 0 1em 0;"
IMAGE = "display:block;max-width:100%;height:auto;border:0;"
PLACEHOLDER = f"border:1px solid {RULE};padding:0.5em 0.75em;"
FIGCAPTION = "font-size:0.875em;margin:0.25em 0 0 0;"
SMALL = "margin:1.5em 0 0 0;font-size:0.875em;"


@dataclass(frozen=True)
class InlinePicture:
    """A picture that travels in the message (multipart/related), shown by its Content-ID."""

    cid: str  # without the angle brackets: "0123456789abcdef.fr@osce.org"
    media_type: str
    data: bytes
    filename: str  # "<first 16 hex of its SHA-256>.<ext>", as the site publishes it


@dataclass
class MailHtml:
    """The HTML part as it is written: its markup, and the pictures its `cid:` addresses name."""

    document: str = ""
    pictures: list[InlinePicture] = field(default_factory=list)


def mail_html(release: LocalisedRelease, cid_domain: str) -> MailHtml:
    """The release as the message's HTML part; `cid_domain` is the right-hand side of the pictures'
    Content-IDs (the sender's domain)."""
    writer = _HtmlWriter(release, cid_domain)
    parts = [markup for markup in writer.walk(release) if markup]
    lang = release.lang
    attributes = f'lang="{escape(lang)}" dir="{writer.direction}"'
    title = _title_element(release)
    document = (
        f"<!DOCTYPE html>\n<html {attributes}>\n<head>\n"
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f"{title}\n</head>\n<body style=\"{BODY}\">\n"
        f'<div role="article" aria-label="{escape(release.title)}" {attributes} style="{WRAPPER}">\n'
        + "\n".join(parts) + "\n</div>\n</body>\n</html>\n"
    )
    return MailHtml(document, writer.pictures)


def _title_element(release: LocalisedRelease) -> str:
    lang = release.title_lang if release.title_lang and release.title_lang != release.lang else None
    attributes = _lang_attributes(lang, release.title, language_or_default(release.lang).direction) if lang else ""
    return f"<title{attributes}>{escape(release.title, quote=False)}</title>"


def _lang_attributes(lang: str, text: str, around: str) -> str:
    """` lang="…"`, with ` dir="…"` where the passage runs the other way than the text `around` it."""
    return f' lang="{escape(lang)}"' + _dir_attribute(text, around)


def _dir_attribute(text: str, around: str) -> str:
    """` dir="rtl"` (or "ltr") where most of `text` runs the other way than `around` (text/direction.py)."""
    direction = text_direction(text)
    return f' dir="{direction}"' if direction and direction != around else ""


def safe_href(href: str | None) -> str | None:
    """The link if it can do no harm (http, https, mailto), else None: a `javascript:` link stays text."""
    if not href:
        return None
    try:
        scheme = urlsplit(href.strip()).scheme.lower()
    except ValueError:
        return None
    return href.strip() if scheme in SAFE_SCHEMES else None


class _HtmlWriter(ReadingVisitor[str]):
    """Each piece of the reading order as HTML ("" for none)."""

    def __init__(self, release: LocalisedRelease, cid_domain: str) -> None:
        self.release, self.lang, self.cid_domain = release, release.lang, cid_domain
        self.direction = language_or_default(release.lang).direction
        self.start = "right" if self.direction == "rtl" else "left"
        self.note_numbers = NoteNumbers(release.notes).numbers  # label → number
        self.reference_ids: dict[str, list[str]] = {}  # a note's number → its references' ids, in order
        self.pictures: list[InlinePicture] = []
        self.link: int | None = None  # the body block's: a picture on the web, its number among the links

    # --- runs -------------------------------------------------------------------------------------

    def runs(self, runs: Runs) -> str:
        """The runs' markup: styles, links (safe schemes only), passages in another language, notes."""
        around = self.block_direction(runs)
        out = []
        # Consecutive runs in one other language (a sentence, its link and the link's " [2]") share a span.
        for lang, group in groupby(runs, key=lambda run: run.lang if run.lang and run.lang != self.lang else None):
            group = tuple(group)
            markup = "".join(self.run(run) for run in group)
            out.append(f"<span{_lang_attributes(lang, plain_text(group), around)}>{markup}</span>" if lang else markup)
        return "".join(out)

    def block_direction(self, runs: Runs) -> str:
        return text_direction(plain_text(runs)) or self.direction

    def dir(self, runs: Runs) -> str:
        """` dir` for a block (paragraph, heading, cell …) that runs the other way than the document."""
        return _dir_attribute(plain_text(runs), self.direction)

    def run(self, run: Run) -> str:
        markup = escape(run.text, quote=False)
        if run.note is not None:
            return self.note_reference(run.note, markup)
        if run.emphasis:
            markup = f"<em>{markup}</em>"
        if run.strong:
            markup = f"<strong>{markup}</strong>"
        href = safe_href(run.href)
        if href:
            style = ADDRESS if run.text.strip() == href.removeprefix("mailto:") else LINK
            markup = f'<a href="{escape(href)}" style="{style}">{markup}</a>'
        return markup

    def note_reference(self, label: str, markup: str) -> str:
        """A footnote reference: its number, a link to the note with an id the note links back to."""
        number = self.note_numbers.get(label)
        if number is None:  # a reference to no note: its mark, as written
            return f"<sup>{markup}</sup>"
        ids = self.reference_ids.setdefault(number, [])
        ident = f"ref-{number}" + (f"-{len(ids) + 1}" if ids else "")  # a second reference: ref-1-2
        ids.append(ident)
        return (f'<a href="#note-{escape(number)}" id="{escape(ident)}" role="doc-noteref" style="{LINK}">'
                f"<sup>{escape(number, quote=False)}</sup></a>")

    # --- pieces -----------------------------------------------------------------------------------

    def kicker(self, piece: Kicker) -> str:
        return f'<p style="{KICKER}">{escape(piece.text, quote=False)}</p>'

    def title(self, piece: Title) -> str:
        lang = (_lang_attributes(piece.lang, piece.text, self.direction) if piece.lang and piece.lang != self.lang
                else _dir_attribute(piece.text, self.direction))
        return f'<h1{lang} style="{H1}">{escape(piece.text, quote=False)}</h1>'

    def notice(self, piece: Notice) -> str:
        return f'<p style="{NOTICE.format(start=self.start)}">{escape(piece.text, quote=False)}</p>'

    def body(self, piece: Body) -> str:
        self.link = piece.link
        return self.visit(piece.block)

    def heading(self, block: Heading) -> str:
        level = max(2, min(block.level, 6))
        return f'<h{level}{self.dir(block.runs)} style="{H2 if level == 2 else H3}">{self.runs(block.runs)}</h{level}>'

    def paragraph(self, block: Paragraph) -> str:
        return f'<p{self.dir(block.runs)} style="{PARAGRAPH}">{self.runs(block.runs)}</p>'

    def quote(self, block: Quote) -> str:
        paragraphs = "".join(f'<p{self.dir(runs)} style="{PARAGRAPH}">{self.runs(runs)}</p>' for runs in block.paragraphs)
        return f'<blockquote style="{QUOTE}">{paragraphs}</blockquote>'

    def list(self, block: ListBlock) -> str:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = "".join(f"<li{self.dir(item)}>{self.runs(item)}</li>" for item in block.items)
        return f'<{tag}{start} style="{LIST.format(start=self.start)}">{items}</{tag}>'

    def table(self, block: Table) -> str:
        columns = block.columns
        # As written, else right for a column of quantities (as the text edition aligns them).
        aligns = column_alignments(block, [[cell_text(cell) for cell in row + ((),) * (columns - len(row))]
                                           for row in block.rows])

        def cells(tag: str, row: tuple[Runs, ...], scope: str = "") -> str:
            row = row + ((),) * (columns - len(row))
            return "".join(f'<{tag}{scope}{self.dir(cell)} style="{CELL.format(align=align or self.start)}">'
                           f"{self.runs(cell)}</{tag}>"
                           for cell, align in zip(row, aligns))

        caption = (f'<caption{self.dir(block.caption)} style="{CAPTION.format(start=self.start)}">'
                   f"{self.runs(block.caption)}</caption>"
                   if block.caption else "")
        scope = ' scope="col"'
        head = f"<thead><tr>{cells('th', block.header, scope)}</tr></thead>" if block.header else ""
        rows = "".join(f"<tr>{cells('td', row)}</tr>" for row in block.rows)
        return f'<table style="{TABLE}">{caption}{head}<tbody>{rows}</tbody></table>'

    def figure(self, block: Figure) -> str:
        label = self.release.labels.gettext(FIGURE_LABEL)
        alt = " ".join(plain_text(block.alt).split())
        alt_lang = next((run.lang for run in block.alt if run.lang and run.lang != self.lang), None)
        lang = _lang_attributes(alt_lang, alt, self.direction) if alt_lang else _dir_attribute(alt, self.direction)
        cid = self.inline(block)
        if cid is not None:
            picture = f'<img src="cid:{escape(cid)}" alt="{escape(alt)}"{lang} style="{IMAGE}">'
        elif is_web_address(block.src) and safe_href(block.src):
            picture = f'<img src="{escape(block.src.strip())}" alt="{escape(alt)}"{lang} style="{IMAGE}">'
        else:  # a picture the message cannot carry or show: what it shows, in words
            described = (self.runs((Run(label_colon(label, self.lang) + " "), Run(alt, lang=alt_lang))) if alt
                         else escape(label, quote=False))
            shown = (f'<div role="img" aria-label="{escape(alt)}"{lang}><p style="margin:0;">{described}</p></div>'
                     if alt else f'<p style="margin:0;">{described}</p>')
            picture = f'<div style="{PLACEHOLDER}">{shown}</div>'
        lines = [self.runs(runs) for runs in (block.caption, block.credit) if runs]
        if self.link is not None:  # a picture on the web: its address is numbered among the links
            mark = f"[{self.link}]"
            lines = [*lines[:-1], f"{lines[-1]} {mark}"] if lines else [mark]
        caption = f'<figcaption style="{FIGCAPTION}">{"<br>".join(lines)}</figcaption>' if lines else ""
        return f'<figure style="{FIGURE}">{picture}{caption}</figure>'

    def inline(self, figure: Figure) -> str | None:
        """The Content-ID of a picture the message carries (its bytes known, a type every client shows)."""
        if figure.data is None or figure.media_type not in INLINE_TYPES:
            return None
        digest = (figure.sha256 or sha256(figure.data).hexdigest())[:16]
        cid = f"{digest}.{self.lang}@{self.cid_domain}"
        if all(picture.cid != cid for picture in self.pictures):
            self.pictures.append(InlinePicture(cid, figure.media_type, figure.data,
                                               f"{digest}.{INLINE_TYPES[figure.media_type]}"))
        return cid

    def notes(self, piece: Notes) -> str:
        items = []
        for note in piece.notes:
            number = escape(note.number, quote=False)
            references = self.reference_ids.get(note.number)
            back = (f'<a href="#{escape(references[0])}" role="doc-backlink" style="{LINK}">{number}</a>'
                    if references else number)
            paragraphs = [self.runs(runs) for runs in note.paragraphs] or [""]
            directions = [self.dir(runs) for runs in note.paragraphs] or [""]
            items.append(f'<li id="note-{escape(note.number)}"><p{directions[0]} style="{PARAGRAPH}">{back} '
                         f"{paragraphs[0]}</p>" + "".join(f'<p{direction} style="{PARAGRAPH}">{text}</p>'
                                                         for direction, text in zip(directions[1:], paragraphs[1:]))
                         + "</li>")
        return (f'<h2 id="notes" style="{H2}">{escape(piece.heading, quote=False)}</h2>'
                f'<ol style="{PLAIN_LIST}">{"".join(items)}</ol>')

    def lines(self, piece: Lines) -> str:
        lines = [line for line in piece.lines if plain_text(line)]
        direction = self.dir(tuple(run for line in lines for run in line))
        return (f'<p{direction} style="{PARAGRAPH}">' + "<br>".join(map(self.runs, lines)) + "</p>") if lines else ""

    def section(self, piece: Section) -> str:
        return f'<h2 style="{H2}">{escape(piece.text, quote=False)}</h2>'

    def references(self, piece: References) -> str:
        items = "".join(f"<li>{self.runs(line)}</li>" for line in piece.lines)
        return f'<h2 style="{H2}">{escape(piece.heading, quote=False)}</h2><ul style="{PLAIN_LIST}">{items}</ul>'

    def small(self, piece: Small) -> str:
        return f'<p style="{SMALL}">{escape(piece.text, quote=False)}</p>'
