"""Markdown → `RawBlock`s: blocks of styled runs with their line numbers.

markdown-it (CommonMark, plus GFM tables and footnotes) does the parsing; this
module only keeps what a press release needs (headings, paragraphs, quotes,
lists, tables, pictures, footnotes, links, emphasis, passages marked with a
language) and what each block's line is, for messages. What a block *means* is
the assembler's business (assemble.py; figures.py for the captions and credits
of tables and pictures). Nothing written is skipped: an HTML block keeps its
text, a code block becomes a paragraph (ingest/conservation.py checks it, on
the same token tree: `markdown_tokens`).

- A table at the top level is a "table" block (its rows of cells, the header
  row first, and each column's alignment); inside a list or a quote, each row
  is one item, its cells separated by " | ".
- An image is a "figure" block: in place when its paragraph holds only images
  (text after them is a paragraph of its own, which may be their credit or
  caption), else after the block it stands in (a paragraph of text, a list, a
  table), so the text reads on and no picture is lost. Inside a link, the
  figure's alt text carries the link's target.
- A footnote reference `[^1]` is a run `Run("1", note="1")`; its definition
  `[^1]: …` a `RawNote`, in the order the text first refers to them (a
  definition no text refers to comes last). A reference without a definition
  stays as written, with a warning.

A passage in another language can be marked as pandoc writes it,
`[texte]{lang=fr}`, or in HTML, `<span lang="fr">texte</span>`: its runs get
`lang="fr"`.

The module is long because it is the one reader of markdown-it's tree: every
kind of token a release may hold (blocks, inline runs, tables, pictures,
footnotes, raw HTML) is read here, and nowhere else.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..release import Run, Runs, plain_text


@dataclass
class RawBlock:
    """A block as markdown-it saw it, before we know what it means."""

    kind: str  # "heading", "paragraph", "quote", "list", "table", "figure"
    line: int  # 1-based line in the file
    runs: Runs = ()
    level: int = 0
    ordered: bool = False
    start: int = 1
    children: list[Runs] = field(default_factory=list)  # quote paragraphs or list items
    rows: list[list[Runs]] = field(default_factory=list)  # a table's rows of cells, the header first
    align: tuple[str | None, ...] = ()  # a table's columns: "left", "center", "right" or None
    caption: Runs = ()  # a table's or a figure's (figures.attach_captions)
    # A figure: the image's address, alt text and title as written, its credit; its bytes (figures.load_pictures).
    src: str = ""
    alt: Runs = ()
    title: str = ""
    credit: Runs = ()
    data: bytes | None = None
    media_type: str | None = None

    @property
    def text(self) -> str:
        return plain_text(self.runs).strip()


@dataclass
class RawNote:
    """A footnote's definition: its label as written and its paragraphs."""

    label: str
    line: int
    paragraphs: list[Runs] = field(default_factory=list)


@dataclass
class ParsedMarkdown:
    blocks: list[RawBlock]
    notes: list[RawNote]  # in the order the text first refers to them; definitions never referred to last
    warnings: list[tuple[int, str]]  # (line, message): what is kept but a reader may miss


# `[texte]{lang=fr}` (pandoc's bracketed span) → `<span lang="fr">texte</span>`, which
# markdown-it passes through as inline HTML; a span with other attributes keeps its text.
BRACKETED_SPAN = re.compile(r"(?<![\\!])\[([^\[\]\n]*(?:\n[^\[\]\n]+)*)\]\{([^{}\n]*)\}")
LANG_ATTRIBUTE = re.compile(r"""\blang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)["']?""")
# `## Heading {#id .class}`: pandoc's heading attributes are not text.
HEADING_ATTRIBUTES = re.compile(r"^(#{1,6}[ \t].*?)[ \t]+\{[#.][^{}\n]*\}[ \t]*$", re.MULTILINE)
# `![alt](media/image1.png){width="2in"}`: the size pandoc writes after an image is not text either.
IMAGE_ATTRIBUTES = re.compile(r"(!\[[^\]\n]*\]\([^)\n]*\))\{[^{}\n]*\}")
HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.DOTALL)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ATTRIBUTE = re.compile(r"""([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# A footnote reference markdown-it did not take: its definition is missing.
UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
ALIGN = re.compile(r"text-align:\s*(left|center|right)")


def html_images(markup: str) -> list[tuple[str, str, str]]:
    """(src, alt, title) of each `<img>` in raw HTML: a picture too, wherever it is written; but not a
    mailing list's tracking pixel (1 pixel wide or high), which no reader sees."""
    found = []
    for tag in IMG_TAG.findall(markup):
        attributes = {match.group(1).lower(): html.unescape(next(g for g in match.groups()[1:] if g is not None))
                      for match in HTML_ATTRIBUTE.finditer(tag)}
        if any(attributes.get(side, "").strip().removesuffix("px") in ("0", "1") for side in ("width", "height")):
            continue
        found.append((attributes.get("src", ""), attributes.get("alt", ""), attributes.get("title", "")))
    return found


def mark_up_spans(markdown: str) -> str:
    """Bracketed spans, heading and image attributes in a form CommonMark reads (same lines)."""

    def span(match: re.Match[str]) -> str:
        lang = LANG_ATTRIBUTE.search(match.group(2))
        return f'<span lang="{lang.group(1)}">{match.group(1)}</span>' if lang else match.group(1)

    markdown = IMAGE_ATTRIBUTES.sub(r"\1", markdown)
    return HEADING_ATTRIBUTES.sub(r"\1", BRACKETED_SPAN.sub(span, markdown))


# CommonMark, GFM tables, footnotes `[^1]` (not pandoc's inline `^[…]`, which stays text); definitions
# stay where they are written (their lines), not moved to the end.
PARSER = MarkdownIt("commonmark").enable("table").use(footnote_plugin, inline=False, move_to_end=False)


def markdown_tokens(markdown: str, env: dict | None = None) -> list[Token]:
    """markdown-it's token stream of the text: what this module reads, and what conservation.py checks."""
    return PARSER.parse(mark_up_spans(markdown), {} if env is None else env)


def markdown_blocks(markdown: str, line_offset: int = 0) -> list[RawBlock]:
    return parse_markdown(markdown, line_offset).blocks


@dataclass
class _Image:
    """An image found in inline text: where it stands in the text (for "alone in its paragraph")."""

    offset: int  # characters of text before it
    block: RawBlock


def parse_markdown(markdown: str, line_offset: int = 0) -> ParsedMarkdown:
    env: dict = {}
    tokens = markdown_tokens(markdown, env)
    blocks: list[RawBlock] = []
    notes: dict[str, RawNote] = {}
    warnings: list[tuple[int, str]] = []
    stack: list[RawBlock] = []  # open quotes and lists
    table: RawBlock | None = None
    note: RawNote | None = None  # the footnote definition being read
    pending: list[RawBlock] = []  # figures found inside a list, quote, table or heading: after it

    def emit(block: RawBlock) -> None:
        """A block at the top level, then the figures found inside it; a figure found inside a
        list, quote or footnote waits for it to close."""
        if stack or note is not None:
            pending.append(block)
        else:
            blocks.append(block)
            blocks.extend(pending)
            pending.clear()

    def add_text(runs: Runs, line: int) -> None:
        """A paragraph: in the open footnote, list or quote, or a block of its own."""
        if note is not None:
            note.paragraphs.append(runs)
        elif stack:
            _add_to_container(stack, runs)
        else:
            emit(RawBlock("paragraph", line, runs))

    for index, token in enumerate(tokens):
        line = (token.map[0] if token.map else 0) + 1 + line_offset
        previous = tokens[index - 1].type if index else ""
        if token.type == "footnote_reference_open":
            label = token.meta["label"]
            if label in notes:
                warnings.append((line, f"footnote [^{label}] is defined twice: both definitions are kept, as one"))
            note = notes.setdefault(label, RawNote(label, line))
        elif token.type == "footnote_reference_close":
            note = None
            if not stack and pending:
                blocks.extend(pending)
                pending.clear()
        elif token.type == "heading_open":
            images: list[_Image] = []
            runs = inline_runs(tokens[index + 1].children or [], images, line)
            if stack or note is not None:  # a heading inside a quote, list item or note: its text, as a paragraph
                add_text(runs, line)
            else:
                blocks.append(RawBlock("heading", line, runs, level=int(token.tag[1])))
            for image in images:
                emit(image.block)
        elif token.type in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            if note is not None:
                continue  # inside a footnote: its paragraphs are the note's
            kind = "quote" if token.type == "blockquote_open" else "list"
            start = int(token.attrGet("start") or 1)
            block = RawBlock(kind, line, ordered=token.type == "ordered_list_open", start=start)
            stack.append(block)
        elif token.type in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
            if note is not None:
                continue
            block = stack.pop()
            if not stack:
                emit(block)
        elif token.type == "table_open":
            table = RawBlock("table", line)
        elif token.type == "tr_open" and table is not None:
            table.rows.append([])
        elif token.type in ("th_open", "td_open") and table is not None and len(table.rows) == 1:
            found = ALIGN.search(str(token.attrGet("style") or ""))
            table.align += (found.group(1) if found else None,)
        elif token.type == "inline" and previous in ("th_open", "td_open") and table is not None:
            images = []
            table.rows[-1].append(inline_runs(token.children or [], images, line))
            pending.extend(image.block for image in images)
        elif token.type == "table_close" and table is not None:
            if stack or note is not None:  # a table inside a list, quote or note: one line per row
                for row in table.rows:
                    add_text(join_cells(row), table.line)
                table = None
                continue
            emit(table)  # then the pictures of its cells
            table = None
        elif token.type == "inline" and previous == "paragraph_open":
            images = []
            runs = inline_runs(token.children or [], images, line)
            text = plain_text(runs)
            for undefined in UNDEFINED_NOTE.finditer(text):
                warnings.append((line + text[: undefined.start()].count("\n"),
                                 f"footnote reference [^{undefined.group(1)}] has no definition "
                                 f"(no '[^{undefined.group(1)}]: …' line): kept as written"))
            if images and not text[: images[-1].offset].strip() and not stack and note is None:
                # Pictures first (alone, or followed by their credit or caption): each a figure, in place.
                for image in images:
                    emit(image.block)
                rest = _strip_leading(runs)
                if rest:
                    emit(RawBlock("paragraph", line + text[: len(text) - len(plain_text(rest))].count("\n"), rest))
                continue
            if text.strip():
                add_text(runs, line)
            for image in images:
                emit(image.block)
        elif token.type in ("fence", "code_block", "html_block"):
            # Code and raw HTML have no place in a press release, but their words do: keep the text.
            text = token.content if token.type != "html_block" else html.unescape(HTML_TAG.sub(" ", token.content))
            text = "\n".join(part.strip() for part in text.strip().splitlines() if part.strip())
            if text:
                add_text((Run(text),), line)
            for src, alt, title in html_images(token.content) if token.type == "html_block" else ():
                emit(RawBlock("figure", line, src=src, alt=(Run(alt),) if alt.strip() else (), title=title))
    blocks.extend(pending)
    for block in blocks:
        if block.kind == "figure" and not plain_text(block.alt).strip():
            warnings.append((block.line, "image without alt text (accessibility)"))
    order = {label: number for number, label in enumerate(
        entry["label"] for entry in env.get("footnotes", {}).get("list", {}).values() if "label" in entry)}
    ordered = sorted(notes.values(), key=lambda raw: (order.get(raw.label, len(order)), raw.line))
    for raw in ordered:
        if raw.label not in order:
            warnings.append((raw.line, f"footnote [^{raw.label}] is defined but the text never refers to it: "
                                       "it is kept, after the others"))
    return ParsedMarkdown(blocks, ordered, sorted(warnings))


def _strip_leading(runs: Runs) -> Runs:
    """The runs without the whitespace and line breaks they open with."""
    text = plain_text(runs)
    return merge_runs(list(drop_prefix(runs, len(text) - len(text.lstrip()))))


def join_cells(cells: list[Runs]) -> Runs:
    """A table row as one line: its cells separated by " | "."""
    runs: list[Run] = []
    for cell in cells:
        if runs and cell:
            runs.append(Run(" | "))
        runs += cell
    return merge_runs(runs)


def _add_to_container(stack: list[RawBlock], runs: Runs) -> None:
    """A paragraph inside a quote or list; nested lists flatten into the outermost."""
    stack[0].children.append(runs)


INLINE_TAG = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9]*)\b([^>]*?)/?>$")
LINE_BREAK_TAGS = {"br"}
# A line break the writer made (`  ` or `\` at a line's end, `<br>`): a line separator before the
# newline every line break is in a RawBlock's text, so that `normalise_runs(keep_breaks=True)` keeps
# it (an address in a paragraph) while everything else reads it as the end of a line, like any other.
HARD_BREAK = "\u2028"
STYLE_TAGS = {"em": "emphasis", "i": "emphasis", "strong": "strong", "b": "strong"}


def inline_runs(children, images: list[_Image] | None = None, line: int = 0) -> Runs:
    """The runs of an inline token's children. Images go to `images` as figure blocks (with the
    offset of the text before them); without that list, an image keeps only its alt text."""
    runs: list[Run] = []
    href: str | None = None
    emphasis = strong = 0
    open_tags: list[tuple[str, str | None]] = []  # inline HTML elements: (name, lang)

    def lang() -> str | None:
        return next((tag_lang for _, tag_lang in reversed(open_tags) if tag_lang), None)

    def target() -> str | None:
        # "#…" and empty targets are what a mail export or a converter leaves of a link.
        return href if href and not href.startswith("#") else None

    for child in children:
        kind = child.type
        if kind == "link_open":
            href = child.attrGet("href") or ""
        elif kind == "link_close":
            href = None
        elif kind == "em_open":
            emphasis += 1
        elif kind == "em_close":
            emphasis -= 1
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(HARD_BREAK + "\n" if kind == "hardbreak" else "\n", lang=lang()))
            line += 1
        elif kind == "footnote_ref":
            label = child.meta["label"]
            runs.append(Run(label, note=label, lang=lang()))
        elif kind == "html_inline" and images is not None and IMG_TAG.fullmatch(child.content.strip()):
            (src, alt, title), = html_images(child.content)
            figure = RawBlock("figure", line, src=src, alt=(Run(alt, target(), lang=lang()),) if alt.strip() else (),
                              title=title)
            images.append(_Image(len(plain_text(tuple(runs))), figure))
        elif kind == "html_inline" and (tag := INLINE_TAG.match(child.content.strip())) \
                and (tag.group(2).lower() in ("span", *LINE_BREAK_TAGS, *STYLE_TAGS) or LANG_ATTRIBUTE.search(tag.group(3))):
            closing, name, attributes = tag.group(1) == "/", tag.group(2).lower(), tag.group(3)
            if name in LINE_BREAK_TAGS:
                runs.append(Run(HARD_BREAK + "\n", lang=lang()))
            elif closing:
                if any(open_name == name for open_name, _ in open_tags):
                    while open_tags and open_tags.pop()[0] != name:
                        pass
                    if name in STYLE_TAGS:
                        emphasis, strong = (emphasis - 1, strong) if STYLE_TAGS[name] == "emphasis" else (emphasis, strong - 1)
            else:
                found = LANG_ATTRIBUTE.search(attributes)
                open_tags.append((name, found.group(1) if found else None))
                if name in STYLE_TAGS:
                    emphasis, strong = (emphasis + 1, strong) if STYLE_TAGS[name] == "emphasis" else (emphasis, strong + 1)
        elif kind in ("text", "code_inline", "html_inline"):
            if child.content:
                runs.append(Run(child.content, target(), emphasis > 0, strong > 0, lang()))
        elif kind == "image":
            if images is None:
                runs.append(Run(child.content or "", lang=lang()))
                continue
            alt = (Run(child.content, target(), lang=lang()),) if child.content.strip() else ()
            figure = RawBlock("figure", line, src=child.attrGet("src") or "", alt=alt,
                              title=str(child.attrGet("title") or ""))
            images.append(_Image(len(plain_text(tuple(runs))), figure))
    return merge_runs(runs)


def merge_runs(runs: list[Run]) -> Runs:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = merged[-1] if merged else None
        if last and last.note is None and replace(last, text="") == replace(run, text=""):
            merged[-1] = replace(last, text=last.text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


def normalise_runs(runs: Runs, keep_breaks: bool = False) -> Runs:
    """Collapse whitespace (line breaks included) as a reader's device would; with `keep_breaks`,
    the line breaks the writer made (`HARD_BREAK`) stay, as "\n" (several in a row as one)."""
    out: list[Run] = []
    for run in runs:
        pieces = re.split(rf"(?:\s*{HARD_BREAK})+\s*", run.text) if keep_breaks else [run.text]
        text = "\n".join(re.sub(r"\s+", " ", piece) for piece in pieces)
        out.append(replace(run, text=text))
    merged = [replace(run, text=re.sub(r" *\n *", "\n", run.text)) for run in merge_runs(out)]
    if merged:
        merged[0] = replace(merged[0], text=merged[0].text.lstrip())
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
    return merge_runs(merged)


def drop_prefix(runs: Runs, length: int) -> Runs:
    """The runs without their first `length` characters."""
    out: list[Run] = []
    for run in runs:
        if length >= len(run.text):
            length -= len(run.text)
            continue
        out.append(replace(run, text=run.text[length:]))
        length = 0
    return tuple(out)
