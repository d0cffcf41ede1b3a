"""Other input formats → the Markdown the rest of ingest reads.

Press offices draft in Word or LibreOffice (.docx, .odt), publish on the web
(.html) and send the mailing-list message (.eml). pandoc (Debian package
`pandoc`) reads all of them, and is the one converter: one tool for four
formats, kept by a large community, and its CommonMark writer keeps what a
release needs (headings, lists, quotes, tables, links, emphasis, and spans
in another language as `[texte]{lang=fr}`).

We ask for `commonmark_x` with smart typography off: pandoc's Markdown
writer would turn “ ” ’ – into ASCII quotes and `--` (FIELD-NOTES), which
would change the text. An .eml is read with Python's `email` package: its
text/html part goes through pandoc, else its text/plain part is read as
Markdown as written; the Subject is the title when the body has none.

The title, where each format keeps it (pandoc does not put it in the text):

- .docx: a paragraph in Word's Title style, which pandoc moves into the
  document's metadata: it becomes the `# Title` line and a Subtitle-styled
  paragraph a `## ` heading under it, in place of the metadata block of
  `pandoc --standalone`, so the lines below keep their numbers there. The
  document properties' title (docProps/core.xml), which no reader sees, is
  the title only when the text has neither.
- .odt: pandoc keeps Title- and Subtitle-styled paragraphs as plain ones;
  content.xml says which they are and they are marked `# ` / `## ` on their
  own line. The document properties' title (meta.xml) as for .docx.
- .html: the first `<h1>`; the `<title>`, which the page does not show,
  only when there is none.

A web page (.html, an .eml's HTML part) goes through pandoc's document tree
(`--to json`), mended (`mend_html_tree`), and then to Markdown, for two things
pandoc 2.17's HTML reader does not keep as written:

- A `<figure>`'s picture gets its `<figcaption>` as its alt text, and the
  `<img alt>` is lost. The alt texts are read from the page (`html.parser`,
  `page_pictures`) and given back to the pictures, and the figcaption becomes
  an italic paragraph under the picture: the Markdown reader's picture and
  caption (figures.py). The tree, not the HTML, is mended, so that pandoc stays
  the one reader of the page's text; every `<img alt>` of the page must be a
  figure's alt text in the release (`check_alt_texts`), since the conservation
  check sees only the converted Markdown.
- A CMS's footnotes: `<sup><a href="#fn1">1</a></sup>` whose target is an item
  of the page's last ordered list (or of a list in a `footnotes` section),
  items that end in a `↩` link back. They become pandoc notes (`[^1]` and
  `[^1]: …` in the Markdown, the back-links gone), and the list (with the `<hr>`
  right before it) goes.

A file without a title is refused with a message in the terms of its format
(`no_title_message`).

Pictures: pandoc writes a .docx's or .odt's pictures into a temporary folder
(`--extract-media`, removed once they are read) and addresses them from
there; the Markdown gives them the address inside the file (`media/image1.png`,
`Pictures/0.png`) and `Document.media` their bytes, so the figures of a Word
file carry their pictures as those of a Markdown file beside its photos do.
"""

from __future__ import annotations

import email
import email.errors
import email.message
import email.policy
import io
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree

import yaml

from ..errors import InputError
from ..text.patterns import CONTROL_CHARACTER
from .archives import check_archive
from .markdown import markdown_blocks
from .webpages import mend_html_tree, page_pictures

PANDOC_TIMEOUT = 120  # seconds; a release converts in well under one
# commonmark_x without `smart`, so typographic characters stay as written.
PANDOC_TARGET = "commonmark_x-smart"
MARKDOWN_SUFFIXES = (".md", ".markdown")  # any other unknown suffix is read as Markdown too
MARKDOWN_NO_TITLE = "expected a '# Title' line or 'title:' in front matter"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"
ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ODF_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
METADATA_BLOCK = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)  # what `pandoc --standalone` writes first


@dataclass(frozen=True)
class Converted:
    """pandoc's Markdown of a file, and the metadata pandoc found (title, subtitle …) as Markdown text."""

    markdown: str
    meta: dict[str, str]
    meta_lines: int = 0  # the lines of the metadata block `pandoc --standalone` wrote before `markdown`
    media: dict[str, bytes] = field(default_factory=dict)  # the pictures pandoc took out, by their address


@dataclass(frozen=True)
class Document:
    """A release file as Markdown, and the pictures that came out of it (a .docx's, an .odt's), by the
    address the Markdown gives them."""

    markdown: str
    media: dict[str, bytes] = field(default_factory=dict)
    subject: str = ""  # an .eml's Subject, as written: the title when the text gives none (assemble.py)
    alt_texts: tuple[str, ...] = ()  # a web page's `<img alt>` texts: each must be a figure's (check_alt_texts)


def pandoc(data: bytes, source_format: str, path: Path, extract_media: bool = False,
           mend: Callable[[dict], dict] | None = None) -> Converted:
    """`data` in `source_format` as CommonMark, with the pictures inside it if `extract_media`;
    `mend` changes pandoc's document tree (its JSON) on the way; a failure names the file."""
    program = shutil.which("pandoc")
    if program is None:
        raise InputError(path, f"reading {path.suffix} files needs pandoc (Debian/Ubuntu package 'pandoc'), "
                               "which is not installed; or convert the file to Markdown")
    with tempfile.TemporaryDirectory(prefix="pipeline-media-") as folder:
        extract = [f"--extract-media={folder}"] if extract_media else []
        if mend is not None:
            tree = _run_pandoc(program, ["--from", source_format, "--to", "json", *extract], data, path,
                               source_format)
            data, source_format, extract = json.dumps(mend(json.loads(tree))).encode("utf-8"), "json", []
        markdown = _run_pandoc(program, ["--from", source_format, "--to", PANDOC_TARGET, "--standalone",
                                         "--wrap=none", "--markdown-headings=atx", *extract], data, path,
                               source_format)
        media = extracted_media(Path(folder)) if extract_media else {}
        # The pictures' addresses inside the file, not in a folder that is about to go.
        markdown = markdown.replace(f"{folder}/", "")
    converted = split_metadata(clean_pandoc(markdown))
    return Converted(converted.markdown, converted.meta, converted.meta_lines, media)


def _run_pandoc(program: str, arguments: list[str], data: bytes, path: Path, source_format: str) -> str:
    try:
        done = subprocess.run([program, *arguments], input=data, capture_output=True, timeout=PANDOC_TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired:
        raise InputError(path, f"pandoc took over {PANDOC_TIMEOUT} s to convert it") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else done.returncode
        raise InputError(path, f"pandoc cannot read it as {source_format}: {reason}")
    return done.stdout.decode("utf-8")


MAX_MEDIA = 50 * 1024 * 1024  # bytes, all the pictures of one file (each is checked against figures.MAX_PICTURE)


def extracted_media(folder: Path) -> dict[str, bytes]:
    """The files pandoc wrote under `folder`, by their path in it ("media/image1.png"); files beyond
    MAX_MEDIA in all are left out (their figures keep their address)."""
    media, total = {}, 0
    for file in sorted(folder.rglob("*")):
        if file.is_file() and not file.is_symlink():
            size = file.stat().st_size
            if total + size <= MAX_MEDIA:
                media[file.relative_to(folder).as_posix()] = file.read_bytes()
                total += size
    return media


def split_metadata(markdown: str) -> Converted:
    """The YAML block `--standalone` writes first (its values are Markdown text), and the rest."""
    block = METADATA_BLOCK.match(markdown)
    if not block:
        return Converted(markdown, {})
    try:
        values = yaml.load(block.group(1), Loader=yaml.BaseLoader)  # every value a string, as written
    except yaml.YAMLError:
        values = {}
    meta = {str(key).lower(): _one_line(value) for key, value in (values or {}).items()
            if isinstance(value, str) and _one_line(value)} if isinstance(values, dict) else {}
    return Converted(markdown[block.end():], meta, block.group(0).count("\n"))


def _one_line(markdown: str) -> str:
    """Metadata as one line of Markdown: hard line breaks (a backslash at a line's end) and newlines become spaces."""
    return " ".join(re.sub(r"\\\n", " ", markdown).split())


def clean_pandoc(markdown: str) -> str:
    """What pandoc adds that no press office wrote: fenced divs (`::: {.class}`,
    from HTML `<div>`s and sections) and `<!-- -->` between adjacent lists. Their
    lines are emptied, not removed, so line numbers stay those of the conversion; inside a
    quotation (a forwarded mail's HTML) they keep its `>`, so the quotation holds together.
    (`{#id}` on headings and `[]{#anchor}` spans are markdown.py's business.)"""
    return re.sub(r"^([ \t>]*)(?::{3,}.*|<!-- -->[ \t]*)$", r"\1", markdown, flags=re.MULTILINE)


def has_title_heading(markdown: str) -> bool:
    return bool(re.search(r"^# ", markdown, re.MULTILINE))


def with_head(converted: Converted, head: list[str]) -> str:
    """`head` (title lines) where the metadata block was, padded with blank lines to its length,
    so the text keeps the line numbers of `pandoc --standalone`; or before the text if longer."""
    lines = [line for text in head for line in (text, "")]
    lines += [""] * (converted.meta_lines - len(lines))
    return "\n".join(lines) + ("\n" if lines else "") + converted.markdown


def from_docx(data: bytes, path: Path) -> Document:
    """Word's Title and Subtitle styles (pandoc's metadata) as `# ` and `## ` lines, first."""
    check_archive(data, path)
    converted = pandoc(data, "docx", path, extract_media=True)
    meta = converted.meta
    if "title" in meta:
        head = [f"# {meta['title']}", *([f"## {meta['subtitle']}"] if "subtitle" in meta else [])]
        return Document(with_head(converted, head), converted.media)
    property_title = document_property_title(data, "docProps/core.xml")
    if property_title and not has_title_heading(converted.markdown):
        return Document(with_head(converted, [f"# {_escape(property_title)}"]), converted.media)
    return Document(with_head(converted, [f"## {meta['subtitle']}"] if "subtitle" in meta else []), converted.media)


def from_odt(data: bytes, path: Path) -> Document:
    """Title- and Subtitle-styled paragraphs (plain ones in pandoc's Markdown) marked `# ` and `## `."""
    check_archive(data, path)
    converted = pandoc(data, "odt", path, extract_media=True)
    markdown = with_head(converted, [])  # pandoc's ODT reader finds no title metadata
    styled = odt_styled_paragraphs(data)
    markdown = mark_paragraph(markdown, styled.get("Title", []), "# ")
    markdown = mark_paragraph(markdown, styled.get("Subtitle", []), "## ")
    property_title = document_property_title(data, "meta.xml")
    if property_title and not has_title_heading(markdown):
        markdown = f"# {_escape(property_title)}\n\n{markdown}"
    return Document(markdown, converted.media)


def from_html(data: bytes, path: Path) -> Document:
    """The page's `<title>` is the title only when the page has no `<h1>`; its pictures are files beside it."""
    converted, alt_texts = html_page(data, path)
    title = converted.meta.get("title")
    use = title and not has_title_heading(converted.markdown)
    return Document(with_head(converted, [f"# {title}"] if use else []), alt_texts=alt_texts)


def html_page(data: bytes, path: Path) -> tuple[Converted, tuple[str, ...]]:
    """A web page (UTF-8) through pandoc, its tree mended (`mend_html_tree`), and its `<img alt>` texts."""
    pictures = page_pictures(data.decode("utf-8", "replace"))
    converted = pandoc(data, "html", path, mend=lambda tree: mend_html_tree(tree, pictures.figures))
    return converted, tuple(alt for alt in pictures.alts if alt)


def from_eml(data: bytes, path: Path) -> Document:
    """The message's HTML part (else its plain-text part), and its Subject (the title if the text has none)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        raise InputError(path, "the message has no text/html or text/plain part")
    content = _part_text(body, path)
    alt_texts: tuple[str, ...] = ()
    if body.get_content_type() == "text/html":
        converted, alt_texts = html_page(content.encode("utf-8"), path)
        markdown = with_head(converted, [])
    else:
        markdown = content.replace("\r\n", "\n")
    subject = str(message.get("subject", ""))
    control = CONTROL_CHARACTER.search(subject)
    if control:  # the Subject is the title when the text has none
        raise InputError(path, f"control character U+{ord(control.group()):04X} in the message's Subject: remove it")
    return Document(markdown, subject=subject, alt_texts=alt_texts)


def _part_text(part: email.message.EmailMessage, path: Path) -> str:
    """A text part's text, decoded strictly: email's `get_content` puts U+FFFD for each byte that its
    charset (UTF-8 when it names none) cannot read, and returns base64 it cannot decode as it is."""
    kind = part.get_content_type()
    data = part.get_payload(decode=True) or b""
    if any(isinstance(defect, email.errors.InvalidBase64LengthDefect) for defect in part.defects):
        raise InputError(path, f"the message's {kind} part is not valid base64 (it cannot be decoded)")
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset)
    except LookupError as error:
        raise InputError(path, f"cannot decode the message's {kind} part: {error}") from None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, f"the message's {kind} part is not valid {charset} (byte 0x{data[error.start]:02x} "
                               f"on its line {line})") from None


def _escape(text: str) -> str:
    """Plain text (a document property) as Markdown inline text."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(text.split()))


def _xml_member(data: bytes, member: str) -> ElementTree.Element | None:
    """A part of a .docx or .odt (a zip of XML files); None if it is missing or unreadable
    (pandoc has read the file already: it is the judge of whether the file is broken)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return ElementTree.fromstring(archive.read(member))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return None


def document_property_title(data: bytes, member: str) -> str:
    """The title in the document's properties (Dublin Core `dc:title`), or ""."""
    root = _xml_member(data, member)
    found = root.find(f".//{DUBLIN_CORE}title") if root is not None else None
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def odt_styled_paragraphs(data: bytes) -> dict[str, list[str]]:
    """The text of each paragraph whose style is, or derives from, a built-in one: {"Title": […], …}.
    LibreOffice gives a paragraph formatted by hand an automatic style whose parent is the named one."""
    parents: dict[str, str] = {}
    for member in ("styles.xml", "content.xml"):
        root = _xml_member(data, member)
        for style in root.iter(f"{ODF_STYLE}style") if root is not None else ():
            if style.get(f"{ODF_STYLE}parent-style-name"):
                parents[style.get(f"{ODF_STYLE}name", "")] = style.get(f"{ODF_STYLE}parent-style-name")
    content = _xml_member(data, "content.xml")
    found: dict[str, list[str]] = {}
    for element in content.iter() if content is not None else ():
        if element.tag not in (f"{ODF_TEXT}p", f"{ODF_TEXT}h"):
            continue
        name, seen = element.get(f"{ODF_TEXT}style-name", ""), set()
        while name in parents and name not in ("Title", "Subtitle") and name not in seen:
            seen.add(name)
            name = parents[name]
        text = " ".join("".join(element.itertext()).split())
        if text:
            found.setdefault(name, []).append(text)
    return found


def mark_paragraph(markdown: str, texts: list[str], marker: str) -> str:
    """The first paragraph whose words are those of `texts[0]` gets `marker` on its line."""
    if not texts:
        return markdown
    words = re.findall(r"[^\W_]+", texts[0].casefold())
    for block in markdown_blocks(markdown):
        if block.kind == "paragraph" and re.findall(r"[^\W_]+", block.text.casefold()) == words:
            lines = markdown.split("\n")
            lines[block.line - 1] = marker + lines[block.line - 1].lstrip()
            return "\n".join(lines)
    return markdown


Converter = Callable[[bytes, Path], Document]


@dataclass(frozen=True)
class Format:
    convert: Converter
    no_title: str  # how to give a file of this format its title, in the format's own terms


WORD_NO_TITLE = "give the document a title in Word's Title style, or make its first heading a Heading 1"
FORMATS: dict[str, Format] = {
    ".docx": Format(from_docx, WORD_NO_TITLE),
    ".odt": Format(from_odt, "give the document a title in the Title paragraph style, "
                             "or make its first heading a Heading 1"),
    ".html": Format(from_html, "give the page an <h1> heading, or a <title>"),
    ".htm": Format(from_html, "give the page an <h1> heading, or a <title>"),
    ".eml": Format(from_eml, "give the message a Subject, or a first heading in its text"),
}
SUFFIXES = (*MARKDOWN_SUFFIXES, *FORMATS)  # every suffix read_release understands


def converter(path: Path) -> Converter | None:
    """The converter of the file's format; None for Markdown (and any other suffix)."""
    found = FORMATS.get(path.suffix.lower())
    return found.convert if found else None


def no_title_message(path: Path) -> str:
    found = FORMATS.get(path.suffix.lower())
    return f"no title: {found.no_title if found else MARKDOWN_NO_TITLE}"
