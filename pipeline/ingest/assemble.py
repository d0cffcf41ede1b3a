"""RawBlocks → `Release`: one pass, in order, deciding what each block is.

The kicker and title, the dateline, the body, the further-information line
and its links, the contacts section, the copyright line, and the mail
export's artefacts (dropped) are told apart here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..release import (
    Block,
    Dateline,
    FurtherInformation,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Release,
    Run,
    Runs,
    block_kind,
    plain_text,
)
from ..text.patterns import BARE_URL, SCHEME
from .contacts import CONTACTS_HEADING, INLINE_CONTACTS_HEADING, ContactReader, issuing_office
from .datelines import ENGLISH, dateline_pattern, make_places, parse_date, split_places
from .kinds import kind_of_line
from .markdown import RawBlock, drop_prefix, join_cells, merge_runs, normalise_runs

FURTHER_INFO = re.compile(
    r"^(?:for|to)\b.*\b(?:visit|see|consult|go to)\b.*:\s*$|further information.*:\s*$",
    re.IGNORECASE,
)
MAIL_ARTEFACT = re.compile(
    r"unsubscribe|forward (?:this )?to a friend|update (?:your )?subscription"
    r"|subscription preferences|manage (?:your )?preferences|view (?:this (?:e-?mail|message) )?in (?:your )?browser",
    re.IGNORECASE,
)
MAX_ARTEFACT = 300  # characters: a longer paragraph that mentions "unsubscribe" is content
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)


def is_mail_artefact(text: str) -> bool:
    """A paragraph the mailing list added ("unsubscribe", "view in browser"): dropped, and not content
    for the conservation check (conservation.py asks the same question)."""
    return bool(MAIL_ARTEFACT.search(text)) and len(text) < MAX_ARTEFACT


SENTENCE_END = ".!?:;…\"”’»)"
MAX_BOLD_HEADING = 120  # characters: a longer bold paragraph is emphasis, not a heading


def _is_link_only(runs: Runs) -> bool:
    return any(run.href for run in runs) and all(run.href or not run.text.strip() for run in runs)


def _is_all_strong(runs: Runs) -> bool:
    return bool(runs) and all(run.strong or not run.text.strip() for run in runs)


def _clean_label(text: str) -> str:
    return text.strip().strip("*_ ").strip()


class Assembler:
    """Walks the raw blocks once and decides what each one is; kind lines and dates are
    read in the document's language `lang` (and English)."""

    def __init__(self, path: Path, lang: str = ENGLISH):
        self.path = path
        self.lang = lang
        self.kind = "press-release"
        self.title = ""
        self.dateline: Dateline | None = None
        self.blocks: list[Block] = []
        self.further: FurtherInformation | None = None
        self.contacts = ContactReader()
        self.copyright: str | None = None
        self.phase = "head"  # head → body → contacts
        self.expect_further_links = False

    def assemble(self, raw_blocks: list[RawBlock]) -> Release:
        for block in raw_blocks:
            self.take(block)
        return Release(
            id="",
            kind=self.kind,
            lang=self.lang,
            title=self.title,
            dateline=self.dateline,
            blocks=tuple(self.blocks),
            further_information=self.further,
            contacts=tuple(self.contacts.contacts),
            copyright=self.copyright,
            office=issuing_office(self.contacts.contacts),
        )

    def take(self, block: RawBlock) -> None:
        text = block.text
        if block.kind == "paragraph" and is_mail_artefact(text):
            return
        if block.kind == "paragraph" and COPYRIGHT.match(text):
            self.copyright = re.sub(r"\s+", " ", text)
            return
        if self._is_contacts_heading(block):
            self.phase = "contacts"
            return
        inline = INLINE_CONTACTS_HEADING.match(text) if block.kind == "paragraph" and self.phase != "head" else None
        if inline and not (block.runs and block.runs[0].href):
            # "Media contact: Jana Novak, +43 …": the heading and the first contact in one paragraph.
            self.phase = "contacts"
            self.contacts.paragraph(drop_prefix(block.runs, len(plain_text(block.runs)) - len(inline["rest"])))
            return
        if self.phase == "head":
            self.take_head(block)
        elif self.phase == "body":
            self.take_body(block)
        else:
            self.take_contact(block)

    def _is_contacts_heading(self, block: RawBlock) -> bool:
        # A heading, a bold line or a line of its own ("Media contact:"): the pattern is the whole line.
        if block.kind in ("heading", "paragraph") and "\n" not in block.text:
            return bool(CONTACTS_HEADING.match(_clean_label(block.text)))
        return False

    def take_head(self, block: RawBlock) -> None:
        """The head: a kind line, the title, then headings (a subtitle) and a kind line again. A
        converted Word file has its Title-styled title and subtitle first, whatever came before
        them in the document; after the title only a kind's own words make a kind line."""
        kind = (kind_of_line(_clean_label(block.text), self.lang, any_capitals=not self.title)
                if block.kind == "paragraph" and "\n" not in block.text else None)
        if block.kind == "heading" and block.level == 1 and not self.title:
            self.title = re.sub(r"\s+", " ", _clean_label(block.text))
        elif kind:
            self.kind = kind
        elif block.kind == "heading" and self.title:
            self.take_body(block)
        else:
            # The body starts (with no H1, the title may come from front matter).
            self.phase = "body"
            self.take_body(block)

    def take_body(self, block: RawBlock) -> None:
        if block.kind == "heading":
            self.expect_further_links = False
            self.blocks.append(Heading(max(2, min(block.level, 4)), normalise_runs(block.runs)))
        elif block.kind == "quote":
            self.blocks.append(Quote(tuple(normalise_runs(p) for p in block.children)))
        elif block.kind == "list":
            items = tuple(normalise_runs(item) for item in block.children)
            self.blocks.append(ListBlock(block.ordered, items, block.start))
        elif block.kind == "table":
            # No edition has tables: each row is a list item, its cells separated by " | ".
            rows = tuple(normalise_runs(join_cells(row)) for row in block.rows)
            self.blocks.append(ListBlock(False, tuple(row for row in rows if row)))
        elif _is_bold_heading(block):
            self.expect_further_links = False
            runs = normalise_runs(tuple(replace(run, strong=False) for run in block.runs))
            self.blocks.append(Heading(2, runs))
        else:
            self.take_paragraph(block)

    def take_paragraph(self, block: RawBlock) -> None:
        runs = normalise_runs(block.runs)
        text = plain_text(runs)
        if self.expect_further_links and _is_link_only(runs):
            urls = tuple(run.href for run in runs if run.href)
            self.further = replace(self.further, urls=self.further.urls + urls)
            return
        self.expect_further_links = False
        if FURTHER_INFO.match(text) or _further_with_url(text):
            self.take_further_information(runs)
            return
        if self.dateline is None and all(block_kind(previous) == "heading" for previous in self.blocks):
            # The first paragraph, after a subtitle if there is one.
            runs = self.take_dateline(runs, block.line)
        previous = self.blocks[-1] if self.blocks else None
        if previous is not None and block_kind(previous) == "paragraph" and _continues(plain_text(previous.runs), text):
            # The mail client broke one paragraph in two: join it again.
            self.blocks[-1] = Paragraph(merge_runs([*previous.runs, Run(" "), *runs]))
        elif runs:
            self.blocks.append(Paragraph(runs))

    def take_further_information(self, runs: Runs) -> None:
        urls = [run.href for run in runs if run.href]
        intro = tuple(run for run in runs if not run.href)
        # "For more information, please visit: https://…" in one paragraph.
        inline_urls = BARE_URL.findall(plain_text(intro))
        if inline_urls:
            urls += inline_urls
            intro = tuple(replace(run, text=BARE_URL.sub("", run.text)) for run in intro)
        self.further = FurtherInformation(normalise_runs(intro), tuple(urls))
        self.expect_further_links = True

    def take_dateline(self, runs: Runs, line: int) -> Runs:
        match = dateline_pattern(self.lang).match(plain_text(runs))
        if not match:
            return runs
        date = parse_date(match["date"], self.lang, self.path, line)
        self.dateline = Dateline(make_places(split_places(match["place"])), date)
        return normalise_runs(drop_prefix(runs, match.end()))

    def take_contact(self, block: RawBlock) -> None:
        if block.kind == "heading" or (block.kind == "paragraph" and _is_all_strong(block.runs)
                                       and "\n" not in block.text):
            self.contacts.heading(block.text)
        elif block.kind == "paragraph":
            self.contacts.paragraph(block.runs)
        elif block.kind == "table":
            self.contacts.table(block.rows)
        else:
            for runs in block.children:
                self.contacts.item(runs)


def _is_bold_heading(block: RawBlock) -> bool:
    """"**Recommendations**" alone on a line: a heading written in bold."""
    text = block.text
    return (block.kind == "paragraph" and _is_all_strong(block.runs) and "\n" not in text
            and 0 < len(text) <= MAX_BOLD_HEADING and text[-1] not in ".!?;,…" and not any(r.href for r in block.runs))


def _further_with_url(text: str) -> bool:
    return bool(re.match(rf"^(?:for|to)\b.*\b(?:visit|see)\b[^:]*:\s*{SCHEME}", text, re.IGNORECASE))


def _continues(previous: str, following: str) -> bool:
    """True when a paragraph is the tail of the previous one, cut by the mail client:
    the previous one stops without punctuation, and either this one starts in lower
    case or the previous one stops on a lower-case word ("with the support of the")."""
    previous = previous.rstrip()
    return bool(previous) and previous[-1] not in SENTENCE_END and (following[:1].islower() or previous[-1].islower())
