"""Markdown → `RawBlock`s: blocks of styled runs with their line numbers.

markdown-it (CommonMark) does the parsing; this module only keeps what a
press release needs (headings, paragraphs, quotes, lists, links, emphasis)
and what each block's line is, for messages. What a block *means* is the
assembler's business (assemble.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt

from ..release import Run, Runs, plain_text


@dataclass
class RawBlock:
    """A block as markdown-it saw it, before we know what it means."""

    kind: str  # "heading", "paragraph", "quote", "list"
    line: int  # 1-based line in the file
    runs: Runs = ()
    level: int = 0
    ordered: bool = False
    start: int = 1
    children: list[Runs] = field(default_factory=list)  # quote paragraphs or list items

    @property
    def text(self) -> str:
        return plain_text(self.runs).strip()


def markdown_blocks(markdown: str, line_offset: int = 0) -> list[RawBlock]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    blocks: list[RawBlock] = []
    stack: list[RawBlock] = []  # open quotes and lists
    for index, token in enumerate(tokens):
        line = (token.map[0] if token.map else 0) + 1 + line_offset
        if token.type == "heading_open":
            runs = inline_runs(tokens[index + 1].children or [])
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
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            runs = inline_runs(token.children or [])
            if stack:
                _add_to_container(stack, runs)
            else:
                blocks.append(RawBlock("paragraph", line, runs))
        elif token.type in ("fence", "code_block") and not stack:
            # Code has no place in a press release; keep its text as a paragraph.
            blocks.append(RawBlock("paragraph", line, (Run(token.content.strip()),)))
    return blocks


def _add_to_container(stack: list[RawBlock], runs: Runs) -> None:
    """A paragraph inside a quote or list; nested lists flatten into the outermost."""
    stack[0].children.append(runs)


def inline_runs(children) -> Runs:
    runs: list[Run] = []
    href: str | None = None
    emphasis = strong = 0
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
            runs.append(Run("\n"))
        elif kind in ("text", "code_inline", "html_inline"):
            if child.content:
                # "#" and empty targets are what the mail export leaves of a link.
                target = href if href not in (None, "", "#") else None
                runs.append(Run(child.content, target, bool(emphasis), bool(strong)))
        elif kind == "image":
            runs.append(Run(child.content or ""))
    return merge_runs(runs)


def merge_runs(runs: list[Run]) -> Runs:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = merged[-1] if merged else None
        if last and (last.href, last.emphasis, last.strong) == (run.href, run.emphasis, run.strong):
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
