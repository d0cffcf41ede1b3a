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
    Contact,
    Dateline,
    FurtherInformation,
    Heading,
    ListBlock,
    Paragraph,
    Phone,
    Quote,
    Release,
    Run,
    Runs,
    plain_text,
)
from .contacts import (
    CONTACT_LINE,
    CONTACTS_HEADING,
    EMAIL,
    PHONE_KINDS,
    PHONE_NUMBER,
    UNIT_WORDS,
    issuing_office,
)
from .datelines import DATELINE, make_places, parse_english_date, split_places
from .markdown import RawBlock, drop_prefix, merge_runs, normalise_runs

KICKER = re.compile(r"^[A-Z][A-Z ’'-]{2,40}$")
FURTHER_INFO = re.compile(
    r"^(?:for|to)\b.*\b(?:visit|see|consult|go to)\b.*:\s*$|further information.*:\s*$",
    re.IGNORECASE,
)
MAIL_ARTEFACT = re.compile(
    r"unsubscribe|forward (?:this )?to a friend|update (?:your )?subscription"
    r"|subscription preferences|manage (?:your )?preferences|view (?:this (?:e-?mail|message) )?in (?:your )?browser",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)

BARE_URL = re.compile(r"https?://\S+[^\s.,;:)]")

SENTENCE_END = ".!?:;…\"”’»)"


def _is_link_only(runs: Runs) -> bool:
    return any(run.href for run in runs) and all(run.href or not run.text.strip() for run in runs)


def _is_all_strong(runs: Runs) -> bool:
    return bool(runs) and all(run.strong or not run.text.strip() for run in runs)


def _clean_label(text: str) -> str:
    return text.strip().strip("*_ ").strip()


class Assembler:
    """Walks the raw blocks once and decides what each one is."""

    def __init__(self, path: Path):
        self.path = path
        self.kind = "press-release"
        self.title = ""
        self.dateline: Dateline | None = None
        self.blocks: list[Block] = []
        self.further: FurtherInformation | None = None
        self.contacts: list[Contact] = []
        self.copyright: str | None = None
        self.phase = "head"  # head → body → contacts
        self.expect_further_links = False

    def assemble(self, raw_blocks: list[RawBlock]) -> Release:
        for block in raw_blocks:
            self.take(block)
        return Release(
            id="",
            kind=self.kind,
            lang="",
            title=self.title,
            dateline=self.dateline,
            blocks=tuple(self.blocks),
            further_information=self.further,
            contacts=tuple(self.contacts),
            copyright=self.copyright,
            office=issuing_office(self.contacts),
            source_name=self.path.name,
        )

    def take(self, block: RawBlock) -> None:
        text = block.text
        if block.kind == "paragraph" and MAIL_ARTEFACT.search(text) and len(text) < 300:
            return
        if block.kind == "paragraph" and COPYRIGHT.match(text):
            self.copyright = re.sub(r"\s+", " ", text)
            return
        if self._is_contacts_heading(block):
            self.phase = "contacts"
            return
        if self.phase == "head":
            self.take_head(block)
        elif self.phase == "body":
            self.take_body(block)
        else:
            self.take_contact(block)

    def _is_contacts_heading(self, block: RawBlock) -> bool:
        if block.kind == "heading" or (block.kind == "paragraph" and _is_all_strong(block.runs)):
            return bool(CONTACTS_HEADING.match(_clean_label(block.text)))
        return False

    def take_head(self, block: RawBlock) -> None:
        if block.kind == "heading" and block.level == 1:
            self.title = re.sub(r"\s+", " ", _clean_label(block.text))
            self.phase = "body"
        elif block.kind == "paragraph" and not self.blocks and KICKER.match(_clean_label(block.text)):
            self.kind = re.sub(r"[^a-z0-9]+", "-", _clean_label(block.text).lower()).strip("-")
        else:
            # No H1: the title may come from front matter; everything is body.
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
        if self.dateline is None and not self.blocks:
            runs = self.take_dateline(runs, block.line)
        previous = self.blocks[-1] if self.blocks else None
        if isinstance(previous, Paragraph) and _continues(plain_text(previous.runs), text):
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
        match = DATELINE.match(plain_text(runs))
        if not match:
            return runs
        date = parse_english_date(match["date"], self.path, line)
        self.dateline = Dateline(make_places(split_places(match["place"])), date)
        return normalise_runs(drop_prefix(runs, match.end()))

    def take_contact(self, block: RawBlock) -> None:
        if block.kind == "heading" or (block.kind == "paragraph" and _is_all_strong(block.runs)):
            self.start_contact(_clean_label(block.text).rstrip(":"))
            return
        for runs in [block.runs, *block.children]:
            emails = [run.href.removeprefix("mailto:") for run in runs if run.href and run.href.startswith("mailto:")]
            for email in emails:
                self.update_contact(emails=(email,))
            if emails:
                continue
            for line in plain_text(runs).split("\n"):
                self.take_contact_line(_clean_label(line))

    def take_contact_line(self, line: str) -> None:
        if not line:
            return
        match = CONTACT_LINE.match(line)
        if match:
            label = match["label"].lower().rstrip(".").replace("-", "")
            value = match["value"].strip()
            if label == "email":
                self.update_contact(emails=(value,))
            else:
                self.update_contact(phones=(Phone(PHONE_KINDS.get(label, "phone"), value),))
        elif EMAIL.match(line):
            self.update_contact(emails=(line,))
        elif PHONE_NUMBER.match(line) and sum(ch.isdigit() for ch in line) >= 6:
            self.update_contact(phones=(Phone("phone", line),))
        elif not self.contacts or self.contacts[-1].phones or self.contacts[-1].emails:
            # A plain line after a complete contact starts the next one.
            self.start_contact(line)
        else:
            self.update_contact(address=(line,))

    def start_contact(self, name: str) -> None:
        kind = "unit" if UNIT_WORDS.search(name) else "person"
        self.contacts.append(Contact(name=re.sub(r"\s+", " ", name), kind=kind))

    def update_contact(self, **additions: tuple) -> None:
        if not self.contacts:
            self.start_contact("")
        contact = self.contacts[-1]
        changes = {key: getattr(contact, key) + value for key, value in additions.items()}
        self.contacts[-1] = replace(contact, **changes)


def _further_with_url(text: str) -> bool:
    return bool(re.match(r"^(?:for|to)\b.*\b(?:visit|see)\b[^:]*:\s*https?://", text, re.IGNORECASE))


def _continues(previous: str, following: str) -> bool:
    """True when a paragraph is the tail of the previous one, cut by the mail client."""
    return bool(previous) and previous.rstrip()[-1] not in SENTENCE_END and following[:1].islower()
