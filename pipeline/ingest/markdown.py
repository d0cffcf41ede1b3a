"""Markdown → `RawBlock`s: blocks of styled runs with their line numbers.

markdown-it (CommonMark, plus GFM tables) does the parsing; this module only
keeps what a press release needs (headings, paragraphs, quotes, lists,
tables, links, emphasis, passages marked with a language) and what each
block's line is, for messages. What a block *means* is the assembler's
business (assemble.py). Nothing written is skipped: an HTML block keeps its
text, a code block becomes a paragraph (ingest/conservation.py checks it).

A passage in another language can be marked as pandoc writes it,
`[texte]{lang=fr}`, or in HTML, `<span lang="fr">texte</span>`: its runs get
`lang="fr"`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt

from ..release import Run, Runs, plain_text


@dataclass
class RawBlock:
    """A block as markdown-it saw it, before we know what it means."""

    kind: str  # "heading", "paragraph", "quote", "list", "table"
    line: int  # 1-based line in the file
    runs: Runs = ()
    level: int = 0
    ordered: bool = False
    start: int = 1
    children: list[Runs] = field(default_factory=list)  # quote paragraphs or list items
    rows: list[list[Runs]] = field(default_factory=list)  # a table's rows of cells, the header first

    @property
    def text(self) -> str:
        return plain_text(self.runs).strip()


# `[texte]{lang=fr}` (pandoc's bracketed span) → `<span lang="fr">texte</span>`, which
# markdown-it passes through as inline HTML; a span with other attributes keeps its text.
BRACKETED_SPAN = re.compile(r"(?<![\\!])\[([^\[\]\n]*(?:\n[^\[\]\n]+)*)\]\{([^{}\n]*)\}")
LANG_ATTRIBUTE = re.compile(r"""\blang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)["']?""")
# `## Heading {#id .class}`: pandoc's heading attributes are not text.
HEADING_ATTRIBUTES = re.compile(r"^(#{1,6}[ \t].*?)[ \t]+\{[#.][^{}\n]*\}[ \t]*$", re.MULTILINE)
HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.DOTALL)


def mark_up_spans(markdown: str) -> str:
    """Bracketed spans and heading attributes in a form CommonMark reads (same lines)."""

    def span(match: re.Match[str]) -> str:
        lang = LANG_ATTRIBUTE.search(match.group(2))
        return f'<span lang="{lang.group(1)}">{match.group(1)}</span>' if lang else match.group(1)

    return HEADING_ATTRIBUTES.sub(r"\1", BRACKETED_SPAN.sub(span, markdown))


def markdown_blocks(markdown: str, line_offset: int = 0) -> list[RawBlock]:
    tokens = MarkdownIt("commonmark").enable("table").parse(mark_up_spans(markdown))
    blocks: list[RawBlock] = []
    stack: list[RawBlock] = []  # open quotes and lists
    table: RawBlock | None = None
    for index, token in enumerate(tokens):
        line = (token.map[0] if token.map else 0) + 1 + line_offset
        if token.type == "heading_open":
            runs = inline_runs(tokens[index + 1].children or [])
            if stack:  # a heading inside a quote or list item: its text, as a paragraph
                _add_to_container(stack, runs)
            else:
                blocks.append(RawBlock("heading", line, runs, level=int(token.tag[1])))
        elif token.type in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            kind = "quote" if token.type == "blockquote_open" else "list"
            start = int(token.attrGet("start") or 1)
            block = RawBlock(kind, line, ordered=token.type == "ordered_list_open", start=start)
            if not stack:
                blocks.append(block)
            stack.append(block)
        elif token.type in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif token.type == "table_open":
            table = RawBlock("table", line)
        elif token.type == "tr_open" and table is not None:
            table.rows.append([])
        elif token.type == "inline" and tokens[index - 1].type in ("th_open", "td_open") and table is not None:
            table.rows[-1].append(inline_runs(token.children or []))
        elif token.type == "table_close" and table is not None:
            if stack:  # a table inside a list or quote: one line per row
                for row in table.rows:
                    _add_to_container(stack, join_cells(row))
            else:
                blocks.append(table)
            table = None
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            runs = inline_runs(token.children or [])
            if stack:
                _add_to_container(stack, runs)
            else:
                blocks.append(RawBlock("paragraph", line, runs))
        elif token.type in ("fence", "code_block", "html_block"):
            # Code and raw HTML have no place in a press release, but their words do: keep the text.
            text = token.content if token.type != "html_block" else html.unescape(HTML_TAG.sub(" ", token.content))
            text = "\n".join(part.strip() for part in text.strip().splitlines() if part.strip())
            if not text:
                continue
            if stack:
                _add_to_container(stack, (Run(text),))
            else:
                blocks.append(RawBlock("paragraph", line, (Run(text),)))
    return blocks


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
STYLE_TAGS = {"em": "emphasis", "i": "emphasis", "strong": "strong", "b": "strong"}


def inline_runs(children) -> Runs:
    runs: list[Run] = []
    href: str | None = None
    emphasis = strong = 0
    open_tags: list[tuple[str, str | None]] = []  # inline HTML elements: (name, lang)

    def lang() -> str | None:
        return next((tag_lang for _, tag_lang in reversed(open_tags) if tag_lang), None)

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
            runs.append(Run("\n", lang=lang()))
        elif kind == "html_inline" and (tag := INLINE_TAG.match(child.content.strip())) \
                and (tag.group(2).lower() in ("span", *LINE_BREAK_TAGS, *STYLE_TAGS) or LANG_ATTRIBUTE.search(tag.group(3))):
            closing, name, attributes = tag.group(1) == "/", tag.group(2).lower(), tag.group(3)
            if name in LINE_BREAK_TAGS:
                runs.append(Run("\n", lang=lang()))
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
                # "#…" and empty targets are what a mail export or a converter leaves of a link.
                target = href if href and not href.startswith("#") else None
                runs.append(Run(child.content, target, emphasis > 0, strong > 0, lang()))
        elif kind == "image":
            runs.append(Run(child.content or "", lang=lang()))
    return merge_runs(runs)


def merge_runs(runs: list[Run]) -> Runs:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = merged[-1] if merged else None
        if last and replace(last, text="") == replace(run, text=""):
            merged[-1] = replace(last, text=last.text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


def normalise_runs(runs: Runs) -> Runs:
    """Collapse whitespace (line breaks included) as a reader's device would."""
    out: list[Run] = []
    for run in runs:
        text = re.sub(r"\s+", " ", run.text)
        out.append(replace(run, text=text))
    merged = list(merge_runs(out))
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
