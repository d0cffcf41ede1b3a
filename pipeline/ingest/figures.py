"""Tables and pictures: the paragraphs that belong to them, and a picture's bytes.

markdown.py gives each table and each picture (a "figure") as a block of its
own. Here the paragraphs around them that are their caption or credit join
them (`attach_captions`), a picture's bytes are read (`load_pictures`), and
the raw blocks become the Release's `Table` and `Figure` (`table_block`,
`figure_block`). The rules, also in docs/input.md ("Tables, pictures and
footnotes"):

- **A table's caption** is the paragraph right before or right after it that
  opens with a table word, perhaps a number, and a colon, full stop or dash:
  "Table 1: …", "Table: …", "Table 2 – …", "Tableau 1 :", not "Table 1 shows
  …" (`Language.table_words`, every language's, in every release). A numbered caption goes with the table of that number (the
  document's second table for "Table 2"), so "Table 1" between two tables is
  the first one's; an unnumbered one between two tables is the second one's
  (captions stand above tables by convention). When both neighbours could be
  the caption, neither is taken: both stay paragraphs.
- **A picture's credit** opens with a credit word and a colon ("Photo:",
  "Photo credit:", "Credit:", "Foto:", "Фото:", `Language.credit_words`) or
  with "©" ("© OSCE/Jane Doe", but not a copyright notice: "© 1995 - 2024
  OSCE. All rights reserved." stays the copyright line). It is the image's
  title (`![alt](photo.jpg "Photo: OSCE/Jane Doe")`), else the text after the
  image in its paragraph, else the paragraph right after it.
- **A picture's caption** is the paragraph right after the picture (or after
  its credit) that is in italics from end to end (`*Participants in Vienna.*`);
  the italics go, as the editions set captions in their own style. The
  image's title, when it is no credit, is a caption too: alone when no italic
  paragraph follows, else the caption's first sentence, before the italic
  paragraph's text (`"Session on water" … *Panellists discuss …*` → "Session
  on water. Panellists discuss …"): neither is lost.
- **A caption above its picture**: when the picture has no caption after it
  (no italic paragraph, no title that is no credit), the paragraph right
  before it is its caption if it is in italics from end to end, short (at
  most `MAX_CAPTION_ABOVE` words, one line), no quotation (it opens with no
  quotation mark), no credit and no table caption, and no earlier picture's
  caption. A longer italic paragraph, or a quotation, stays the text's.
- **A credit at the end of an italic caption**, in parentheses, is the
  picture's credit when the picture has none yet: "*Participants in Pristina
  (OSCE/Blerta Hoxha)*", "*… schools.* (Photo: OSCE/Jane Doe)" → the caption
  without the parenthesis, the credit "OSCE/Blerta Hoxha", "Photo: OSCE/Jane
  Doe". The parenthesis is a credit when it opens with a credit word and a
  colon or "©" (`is_credit`), or is `ORG/Name`: an organisation in capitals
  (an acronym of two letters or more: OSCE, UNICEF, EU), a slash, and
  capitalised parts ("OSCE/Blerta Hoxha", "UNICEF/UN0599185/Haddad"); a place
  written in two languages ("(Gjilan/Gnjilane)") is no credit.

A picture's address is kept as written. A relative path names a file beside
the release (or one pandoc took out of a .docx/.odt, `media`): its bytes are
read, up to `MAX_PICTURE`, with their media type; a web address is not
fetched (editions show the alt text and the address), nor is a missing file
(a warning says so).
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import replace
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote

from ..errors import InputError
from ..languages import LANGUAGES
from ..release import Figure, Run, Runs, Table
from .markdown import RawBlock, normalise_runs

MAX_CAPTION_ABOVE = 40  # words: a caption above a picture is a sentence or two, not a paragraph of the text
QUOTATION_MARKS = "\"'“”„‘’‚«»‹›「『"
# "(OSCE/Blerta Hoxha)", "(UNICEF/UN0599185/Haddad)": an organisation in capitals, a slash, capitalised parts.
ORG_CREDIT = re.compile(r"^[^\W\d_]*[A-Z]{2,}[\w.&-]*(?:\s+[A-Z][\w.&-]*)*(?:\s*/\s*[A-Z0-9][\w.'’-]*(?:\s+[A-Z0-9][\w.'’-]*)*)+$")
# A parenthesis at the end of a text (and what may close the sentence after it).
TRAILING_PARENTHESIS = re.compile(r"\((?P<inner>[^()]+)\)\s*$")
MAX_PICTURE = 10 * 1024 * 1024  # bytes: a press photo is a few MB; a bigger file is a mistake
# "©" opens a credit, but not a copyright notice (a span of years, "all rights reserved").
COPYRIGHT_NOTICE = re.compile(r"rights reserved|\b\d{4}\s*[-–—]\s*\d{4}\b", re.IGNORECASE)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # http:, https:, data:, cid: … (not a file beside the release)
SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
              (b"GIF89a", "image/gif"), (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"))


def _words(attribute: str) -> str:
    """Every registered language's words of one kind, as a regexp alternation (longest first)."""
    words = {word for spec in LANGUAGES.values() for word in getattr(spec, attribute)}
    return "|".join(re.escape(word) for word in sorted(words, key=lambda word: (-len(word), word)))


def is_credit(text: str) -> bool:
    """ "Photo: OSCE/Jane Doe", "(Foto: …)", "© UNICEF/2023": a picture's credit."""
    text = text.strip()
    opening = re.match(rf"^[(\[]?\s*(?:(?:{_words('credit_words')})\s*:|©)", text, re.IGNORECASE)
    return bool(opening) and not (opening.group(0).endswith("©") and COPYRIGHT_NOTICE.search(text))


def table_caption_number(text: str) -> int | None | bool:
    """A table caption's number ("Table 2: …" → 2), None for an unnumbered one ("Table: …"), False
    for a paragraph that is no table caption ("Table tennis is …")."""
    found = re.match(rf"^(?:{_words('table_words')})(?:\s+(\d+)[a-z]?)?\s*(?::|\.|[–—-]\s)", text.strip(),
                     re.IGNORECASE)
    if not found:
        return False
    return int(found.group(1)) if found.group(1) else None


def _is_italic(runs: Runs) -> bool:
    return any(run.text.strip() for run in runs) and all(run.emphasis or not run.text.strip() for run in runs)


def _plain_style(runs: Runs) -> Runs:
    """A caption without the italics or bold it is wholly set in (the editions set captions their own way)."""
    texts = [run for run in runs if run.text.strip()]
    emphasis, strong = all(run.emphasis for run in texts), all(run.strong for run in texts)
    return tuple(replace(run, emphasis=run.emphasis and not emphasis, strong=run.strong and not strong)
                 for run in runs)


def attach_captions(blocks: list[RawBlock]) -> list[RawBlock]:
    """The blocks, with each table's and picture's caption and credit paragraphs moved into them."""
    taken: set[int] = set()

    def paragraph(index: int) -> RawBlock | None:
        if 0 <= index < len(blocks) and index not in taken and blocks[index].kind == "paragraph":
            return blocks[index]
        return None

    tables = 0
    for index, block in enumerate(blocks):
        if block.kind != "table":
            continue
        tables += 1
        candidates = []
        for neighbour in (index - 1, index + 1):
            found = paragraph(neighbour)
            number = table_caption_number(found.text) if found else False
            if number is False or (number is not None and number != tables):
                continue
            if number is None and neighbour > index and index + 2 < len(blocks) and blocks[index + 2].kind == "table":
                continue  # between two tables, unnumbered: the next table's
            candidates.append(neighbour)
        if len(candidates) == 1:
            block.caption = _plain_style(blocks[candidates[0]].runs)
            taken.add(candidates[0])
    for index, block in enumerate(blocks):
        if block.kind != "figure":
            continue
        title = block.title.strip()
        if title and is_credit(title):
            block.credit = (Run(title),)
            title = ""
        caption: Runs = ()
        following = index + 1
        while (found := paragraph(following)) is not None:
            if not block.credit and is_credit(found.text):
                block.credit = found.runs
            elif not caption and _is_italic(_credit_apart(found.runs)[0]):
                caption, credit = _credit_apart(found.runs)
                if credit and not block.credit:
                    block.credit = credit
                elif credit:
                    caption = found.runs  # a credit already: the parenthesis stays in the caption
                caption = _plain_style(caption)
            else:
                break
            taken.add(following)
            following += 1
        if not caption and not title and (above := _caption_above(blocks, index, paragraph)) is not None:
            caption, credit = _credit_apart(blocks[above].runs)
            if credit and not block.credit:
                block.credit = credit
            elif credit:
                caption = blocks[above].runs
            caption = _plain_style(caption)
            taken.add(above)
        if title:
            caption = _with_title(title, caption)
        block.caption = caption
    return [block for index, block in enumerate(blocks) if index not in taken]


def _caption_above(blocks: list[RawBlock], index: int, paragraph) -> int | None:
    """The index of the paragraph right before a picture when it is the picture's caption (see the module's
    docstring: italic end to end, short, one line, no quotation, no credit, no table caption), else None."""
    found = paragraph(index - 1)
    if found is None or not _is_italic(found.runs):
        return None
    text = found.text.strip()
    if ("\n" in text or len(text.split()) > MAX_CAPTION_ABOVE or text[:1] in QUOTATION_MARKS
            or is_credit(text) or table_caption_number(text) is not False):
        return None
    return index - 1


def is_credit_parenthesis(text: str) -> bool:
    """The inside of a parenthesis that credits a picture: "Photo: OSCE/Jane Doe", "© UNICEF",
    "OSCE/Blerta Hoxha"; not "Gjilan/Gnjilane" (a place in two languages)."""
    text = text.strip()
    return is_credit(text) or bool(ORG_CREDIT.match(text))


def _credit_apart(runs: Runs) -> tuple[Runs, Runs]:
    """A caption's runs and the credit in parentheses at its end, apart: "*… schools. (OSCE/Blerta Hoxha)*"
    → ("*… schools.*", "OSCE/Blerta Hoxha"); (runs, ()) when it ends in no credit."""
    text = "".join(run.text for run in runs)
    found = TRAILING_PARENTHESIS.search(text)
    if not found or not is_credit_parenthesis(found["inner"]) or not text[:found.start()].strip():
        return runs, ()
    caption = _cut(runs, 0, len(text[:found.start()].rstrip()))
    credit = _cut(runs, found.start("inner"), found.end("inner"))
    credit = tuple(replace(run, emphasis=False, strong=False) for run in credit)
    return caption, _stripped(credit)


def _cut(runs: Runs, start: int, end: int) -> Runs:
    """The runs' text from `start` to `end` (offsets in their joined text), each piece keeping its run's style."""
    pieces, offset = [], 0
    for run in runs:
        low, high = max(start, offset), min(end, offset + len(run.text))
        if low < high:
            pieces.append(replace(run, text=run.text[low - offset:high - offset]))
        offset += len(run.text)
    return tuple(pieces)


def _stripped(runs: Runs) -> Runs:
    runs = tuple(run for run in runs if run.text)
    if runs:
        runs = (replace(runs[0], text=runs[0].text.lstrip()), *runs[1:])
        runs = (*runs[:-1], replace(runs[-1], text=runs[-1].text.rstrip()))
    return tuple(run for run in runs if run.text)


def _with_title(title: str, caption: Runs) -> Runs:
    """An image's title that is no credit, as the caption's first sentence (a full stop after it when it
    ends in none); alone when there is no other caption."""
    if not caption:
        return (Run(title),)
    return (Run(title if title[-1] in ".!?…:;" else title + "."), Run(" "), *caption)


def load_pictures(blocks: list[RawBlock], path: Path, media: Mapping[str, bytes]) -> list[tuple[int, str]]:
    """Each figure's bytes and media type where they can be had (see the module's docstring); the
    warnings (line, message) for pictures that cannot. A picture over `MAX_PICTURE` is an InputError."""
    warnings = []
    for block in blocks:
        if block.kind != "figure" or not block.src or SCHEME.match(block.src):
            continue
        data = media.get(block.src)
        if data is None:
            file = next((path.parent / name for name in dict.fromkeys((block.src, unquote(block.src)))
                         if (path.parent / name).is_file()), None)
            if file is not None and not _beside(file, path):
                # An absolute path, `../`, or a link leading out: a received page or mail must not
                # publish a file of this machine (a key, another project's picture) on the site.
                warnings.append((block.line, f"picture {block.src!r} is outside the release's folder and is "
                                             "not read: the editions show its address (copy it beside the release)"))
                continue
            if file is None:
                warnings.append((block.line, f"picture {block.src!r} not found beside the release: "
                                             "the editions show its address"))
                continue
            if file.stat().st_size > MAX_PICTURE:
                raise _too_big(path, block, file.stat().st_size)
            data = file.read_bytes()
        if len(data) > MAX_PICTURE:
            raise _too_big(path, block, len(data))
        media_type = picture_type(data, block.src)
        if media_type is None:
            warnings.append((block.line, f"{block.src!r} is not a picture (PNG, JPEG, GIF, WebP, SVG …): "
                                         "the editions show its address"))
            continue
        block.data, block.media_type = data, media_type
    return warnings


def _beside(file: Path, release: Path) -> bool:
    """Whether `file` (links followed) is in the release's folder or below it."""
    return file.resolve().is_relative_to(release.parent.resolve())


def _too_big(path: Path, block: RawBlock, size: int) -> InputError:
    return InputError(path, f"picture {block.src!r} is {size / 1024 / 1024:.1f} MB, over the "
                            f"{MAX_PICTURE // 1024 // 1024} MB a release's picture may have: make it smaller",
                      block.line)


def picture_type(data: bytes, name: str) -> str | None:
    """The media type of a picture's bytes (by their signature, else by the name's suffix); None if no picture."""
    for signature, media_type in SIGNATURES:
        if data.startswith(signature):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if b"<svg" in data[:1024]:
        return "image/svg+xml"
    guessed = mimetypes.guess_type(name)[0]
    return guessed if guessed and guessed.startswith("image/") else None


def table_block(raw: RawBlock) -> Table:
    """A table: its header row (none when every header cell is empty), its rows, caption and alignment."""
    header = tuple(normalise_runs(cell) for cell in raw.rows[0]) if raw.rows else ()
    rows = tuple(tuple(normalise_runs(cell) for cell in row) for row in raw.rows[1:])
    return Table(header if any(header) else (), rows, normalise_runs(raw.caption), tuple(raw.align))


def figure_block(raw: RawBlock) -> Figure:
    data = raw.data
    return Figure(raw.src, normalise_runs(raw.alt), normalise_runs(raw.caption), normalise_runs(raw.credit),
                  media_type=raw.media_type if data is not None else None,
                  sha256=hashlib.sha256(data).hexdigest() if data is not None else None, data=data)
