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
"""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import subprocess
from pathlib import Path
from typing import Callable

from ..errors import InputError

PANDOC_TIMEOUT = 120  # seconds; a release converts in well under one
# commonmark_x without `smart`, so typographic characters stay as written.
PANDOC_TARGET = "commonmark_x-smart"
MARKDOWN_SUFFIXES = (".md", ".markdown")  # any other unknown suffix is read as Markdown too


def pandoc(data: bytes, source_format: str, path: Path) -> str:
    """`data` in `source_format` as CommonMark; a failure names the file."""
    program = shutil.which("pandoc")
    if program is None:
        raise InputError(path, f"reading {path.suffix} files needs pandoc (Debian/Ubuntu package 'pandoc'), "
                               "which is not installed; or convert the file to Markdown")
    try:
        done = subprocess.run(
            [program, "--from", source_format, "--to", PANDOC_TARGET, "--wrap=none", "--markdown-headings=atx"],
            input=data, capture_output=True, timeout=PANDOC_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(path, f"pandoc took over {PANDOC_TIMEOUT} s to convert it") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(path, f"pandoc cannot read it as {source_format}: {message[-1] if message else done.returncode}")
    return clean_pandoc(done.stdout.decode("utf-8"))


def clean_pandoc(markdown: str) -> str:
    """What pandoc adds that no press office wrote: fenced divs (`::: {.class}`,
    from HTML `<div>`s and sections) and `<!-- -->` between adjacent lists. Their
    lines are emptied, not removed, so line numbers stay those of the conversion.
    (`{#id}` on headings and `[]{#anchor}` spans are markdown.py's business.)"""
    return re.sub(r"^(?:[ \t]*:{3,}.*|\s*<!-- -->\s*)$", "", markdown, flags=re.MULTILINE)


def from_docx(data: bytes, path: Path) -> str:
    return pandoc(data, "docx", path)


def from_odt(data: bytes, path: Path) -> str:
    return pandoc(data, "odt", path)


def from_html(data: bytes, path: Path) -> str:
    return pandoc(data, "html", path)


def from_eml(data: bytes, path: Path) -> str:
    """The message's HTML part (else its plain-text part), with the Subject as title if needed."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        raise InputError(path, "the message has no text/html or text/plain part")
    try:
        content = body.get_content()
    except (LookupError, ValueError) as error:
        raise InputError(path, f"cannot decode the message's {body.get_content_type()} part: {error}") from None
    if body.get_content_type() == "text/html":
        markdown = pandoc(content.encode("utf-8"), "html", path)
    else:
        markdown = content.replace("\r\n", "\n")
    subject = re.sub(r"\s+", " ", str(message.get("subject", ""))).strip()
    if subject and not re.search(r"^# ", markdown, re.MULTILINE):
        markdown = f"# {subject}\n\n{markdown}"
    return markdown


Converter = Callable[[bytes, Path], str]
CONVERTERS: dict[str, Converter] = {
    ".docx": from_docx,
    ".odt": from_odt,
    ".html": from_html,
    ".htm": from_html,
    ".eml": from_eml,
}
SUFFIXES = (*MARKDOWN_SUFFIXES, *CONVERTERS)  # every suffix read_release understands
