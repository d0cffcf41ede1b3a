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
from .contacts import CONTACTS_HEADING, INLINE_CONTACTS_HEADING, ContactReader, issuing_office, split_lines
from .datelines import ENGLISH, find_dateline, make_places, parse_date, split_places
from .figures import figure_block, table_block
from .kinds import fold, kind_of_line
from .markdown import HARD_BREAK, RawBlock, drop_prefix, merge_runs, normalise_runs

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
MAX_SHORT_LINE = 40  # characters: lines this short, one under the other, are the writer's, not a wrap
MAX_TITLE_LINE = 200  # characters: a longer paragraph under the kind line is text, not the title
# "What:", "**Who:**", "Date and time:" opening a line: a label the writer set the line apart with
# (not "https:", nor a time: "10:30").
LABEL = re.compile(r"^[^\W\d_][^\W_]*(?:[ ’'/&-][^\W_]+){0,3}\s*:(?!//)(?:\s|$)")
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

    def __init__(self, path: Path, lang: str = ENGLISH, subject: str = ""):
        self.path = path
        self.lang = lang
        self.kind = "press-release"
        self.kind_line = False  # whether the head had a kind line
        self.title = ""
        # The Subject of the message the release came in (mail.title_from_subject): the title
        # when the text gives none.
        self.subject = subject
        self.following: RawBlock | None = None  # the block after the one being taken
        self.dateline: Dateline | None = None
        self.blocks: list[Block] = []
        self.further: FurtherInformation | None = None
        self.contacts = ContactReader()
        self.copyright: str | None = None
        self.phase = "head"  # head → body → contacts
        self.expect_further_links = False
        # What is dropped on purpose (a mail export's artefacts, …), as (line, text): not content for the
        # conservation check (conservation.py), which is given this list.
        self.dropped: list[tuple[int, str]] = []

    def drop(self, block: RawBlock, text: str | None = None) -> None:
        """Leave `text` (the block's, by default) out of the release, on purpose."""
        self.dropped.append((block.line, block.text if text is None else text))

    def assemble(self, raw_blocks: list[RawBlock]) -> Release:
        for index, block in enumerate(raw_blocks):
            self.following = raw_blocks[index + 1] if index + 1 < len(raw_blocks) else None
            self.take(block)
        if not self.title and self.subject:
            self.take_subject()
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
        if block.kind == "figure":  # a picture is the body's wherever it stands (a logo above the title)
            self.take_body(block)
            return
        if block.kind == "paragraph" and is_mail_artefact(text):
            return
        if block.kind == "paragraph" and COPYRIGHT.match(text):
            self.copyright = re.sub(r"\s+", " ", text)
            return
        if self._is_contacts_heading(block):
            self.phase = "contacts"
            self.drop(block)  # the editions write their own heading ("For more information and media requests, …")
            return
        inline = INLINE_CONTACTS_HEADING.match(text) if block.kind == "paragraph" and self.phase != "head" else None
        if inline and not (block.runs and block.runs[0].href):
            # "Media contact: Jana Novak, +43 …": the heading and the first contact in one paragraph.
            self.phase = "contacts"
            self.drop(block, inline["heading"])  # the editions write their own heading
            self.contacts.paragraph(drop_prefix(block.runs, len(plain_text(block.runs)) - len(inline["rest"])))
            self.drop_contact_words(block)
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
        title_line = not self.title and self._is_title_line(block)
        # A line in capitals is a kicker, unless a kind line came before it and it heads the dateline.
        capitals = not self.title and not (title_line and self.kind_line)
        kind = (kind_of_line(_clean_label(block.text), self.lang, any_capitals=capitals)
                if block.kind == "paragraph" and "\n" not in block.text else None)
        if block.kind == "heading" and block.level == 1 and not self.title:
            self.title = re.sub(r"\s+", " ", _clean_label(block.text))
        elif kind:
            self.kind, self.kind_line = kind, True
        elif title_line:
            # A plain (or bold) line of its own under the kind line, the dateline under it: the title.
            self.title = re.sub(r"\s+", " ", _clean_label(block.text))
        elif block.kind == "heading" and self.title:
            self.take_body(block)
        else:
            # The body starts (with no H1, the title may come from front matter).
            self.phase = "body"
            self.take_body(block)

    def _is_title_line(self, block: RawBlock) -> bool:
        """A short paragraph with no final full stop and no link, followed by the dateline's paragraph
        (or the words of the Subject): written as the title, without the `# ` of Markdown."""
        text = " ".join(_clean_label(block.text).split())
        if (block.kind != "paragraph" or not text or len(text) > MAX_TITLE_LINE or text[-1] in ".,;:"
                or any(run.href for run in block.runs) or _is_label(text) or find_dateline(text, self.lang)):
            return False
        if self.subject and fold(text) == fold(self.subject):
            return True
        following = self.following
        return (following is not None and following.kind == "paragraph"
                and find_dateline(following.text, self.lang) is not None)

    def _is_subtitle(self, text: str) -> bool:
        """A paragraph under the title that ends no sentence, holds no line break and is short, with
        the dateline's paragraph right under it."""
        text = text.strip()
        following = self.following
        return (bool(self.title) and bool(text) and "\n" not in text and len(text) <= MAX_TITLE_LINE
                and text[-1] not in SENTENCE_END + ",;:" and not _is_label(text)
                and following is not None and following.kind == "paragraph"
                and find_dateline(following.text, self.lang) is not None)

    def take_subject(self) -> None:
        """The Subject as the title; a kind's name before it ("Press release: …") is the kind line."""
        title = self.subject
        named = re.match(r"^(?P<kind>[^:–—]{2,40}?)\s*(?::|\s[–—-])\s*(?P<title>\S.*)$", title)
        kind = kind_of_line(named["kind"], self.lang, any_capitals=False) if named else None
        if kind:
            title = named["title"]
            if not self.kind_line:
                self.kind, self.kind_line = kind, True
        self.title = title

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
            self.expect_further_links = False
            self.blocks.append(table_block(block))
        elif block.kind == "figure":
            self.blocks.append(figure_block(block))
        elif _is_bold_heading(block):
            self.expect_further_links = False
            runs = normalise_runs(tuple(replace(run, strong=False) for run in block.runs))
            self.blocks.append(Heading(2, runs))
        else:
            self.take_paragraph(block)

    def take_paragraph(self, block: RawBlock) -> None:
        for raw in _label_lines(block.runs):
            self._take_paragraph(raw, block.line)

    def _take_paragraph(self, raw: Runs, line: int) -> None:
        """A paragraph's runs as written (`raw`: a line break the writer typed is "\n")."""
        runs = _paragraph_runs(raw)
        text = plain_text(runs)
        if self.expect_further_links and _is_link_only(runs):
            urls = tuple(run.href for run in runs if run.href)
            self.further = replace(self.further, urls=self.further.urls + urls)
            return
        self.expect_further_links = False
        if FURTHER_INFO.match(text) or _further_with_url(text):
            self.take_further_information(runs)
            return
        if self.dateline is None and all(block_kind(previous) in ("heading", "figure") for previous in self.blocks):
            # The first paragraph, after a subtitle (or a picture) if there is one.
            after = self.take_dateline(raw, line)
            if after is None and self._is_subtitle(text):
                # A short line under the title, the dateline's paragraph under it (a web page's
                # `<p class="subtitle">`): a subtitle, as a Word Subtitle-styled paragraph is.
                self.blocks.append(Heading(2, runs))
                return
            runs = runs if after is None else after
        previous = self.blocks[-1] if self.blocks else None
        if previous is not None and block_kind(previous) == "paragraph" and _continues(_unmarked(previous.runs), text):
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

    def take_dateline(self, runs: Runs, line: int) -> Runs | None:
        """The paragraph after its dateline (None when it has none), from its runs as written:
        the lines as the writer typed them, so that `found.line` is a line of the file."""
        found = find_dateline(plain_text(runs), self.lang)
        if found is None:
            return None
        date = parse_date(found.date, self.lang, self.path, line + found.line)
        self.dateline = Dateline(make_places(split_places(found.place)), date)
        # A dateline on a line of its own under short lines ("OSCE Permanent Council No. 1424"): they are a subtitle.
        self.blocks += [Heading(2, normalise_runs(above)) for above in split_lines(runs)[:found.line]]
        return _paragraph_runs(drop_prefix(runs, found.end))

    def take_contact(self, block: RawBlock) -> None:
        if block.kind == "heading" or (block.kind == "paragraph" and _is_all_strong(block.runs)
                                       and "\n" not in block.text):
            self.contacts.heading(block.text)
        elif block.kind == "paragraph":
            self.contacts.paragraph(block.runs)
        elif block.kind == "table":
            self.contacts.table(block.rows)
            if block.caption:
                self.contacts.paragraph(block.caption)
        else:
            for runs in block.children:
                self.contacts.item(runs)
        self.drop_contact_words(block)

    def drop_contact_words(self, block: RawBlock) -> None:
        """The words of the block's contacts that the editions write themselves ("or" between a phone and
        an e-mail): left out on purpose (ContactReader.dropped), each somewhere in the block's lines (up to
        the next block's: a list's items do not say their lines)."""
        lines = self.following.line - block.line if self.following else 10_000
        for word in self.contacts.take_dropped():
            self.drop(block, word + "\n" * lines)


def _is_bold_heading(block: RawBlock) -> bool:
    """"**Recommendations**" alone on a line: a heading written in bold (not one with a link or an address
    in it: "**The report: see https://…/report.pdf**" is emphasis)."""
    text = block.text
    return (block.kind == "paragraph" and _is_all_strong(block.runs) and "\n" not in text
            and 0 < len(text) <= MAX_BOLD_HEADING and text[-1] not in ".!?;,…" and not any(r.href for r in block.runs)
            and not re.search(SCHEME, text))


def _unmarked(runs: Runs) -> str:
    """The text without its footnote marks ("online.[^1]" ends with its full stop)."""
    return plain_text(tuple(run for run in runs if run.note is None))


def _further_with_url(text: str) -> bool:
    return bool(re.match(rf"^(?:for|to)\b.*\b(?:visit|see)\b[^:]*:\s*{SCHEME}", text, re.IGNORECASE))


def _is_label(text: str) -> bool:
    """"What: …", "Date and time: …": a line that opens with a capitalised label and a colon."""
    return bool(LABEL.match(text)) and text[:1].isupper()


def _label_lines(runs: Runs) -> list[Runs]:
    """A paragraph whose lines are labelled ("What: …", "Who: …", "When: …", one under the other),
    perhaps under a line that introduces them ("Practical information"): a paragraph per label, with
    the lines under it (a label's text wrapped by the mail client), and one for the line above them;
    any other paragraph as it is."""
    lines = split_lines(runs)
    starts = [number for number, line in enumerate(lines) if _is_label(plain_text(line).strip())]
    if len(starts) < 2 or starts[0] > 1 or (starts[0] == 1 and plain_text(lines[0]).rstrip()[-1:] in ".!?…"):
        return [runs]
    starts = [0, *starts] if starts[0] else starts
    pieces = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        piece: list[Run] = []
        for line in lines[start:end]:
            piece += [*([Run("\n")] if piece else []), *line]
        pieces.append(merge_runs(piece))
    return pieces


def _paragraph_runs(raw: Runs) -> Runs:
    """A paragraph's runs as written → as the editions show them: the writer's line breaks kept
    (`_writer_lines`), any other line break a space."""
    return normalise_runs(_writer_lines(raw), keep_breaks=True)


def _writer_lines(runs: Runs) -> Runs:
    """The runs with the line breaks the writer typed made hard ones (`HARD_BREAK`, kept by
    `normalise_runs`) where the lines are the writer's, not a wrap: under a label alone on its line
    ("**Who:**", then a name a line), or when every line but the last is short and ends no sentence
    (an address, "06.11.2023" over "EEAS Press Team"). Any other line break is a space."""
    lines = [plain_text(line).strip() for line in split_lines(runs)]
    if len(lines) < 2:
        return runs
    label_alone = _is_label(lines[0]) and lines[0].endswith(":")
    short = all(len(line) <= MAX_SHORT_LINE and line[-1:] not in ".!?…" for line in lines[:-1])
    if not (label_alone or short):
        return runs
    return tuple(replace(run, text=re.sub(rf"(?<!{HARD_BREAK})\n", HARD_BREAK + "\n", run.text)) for run in runs)


def _continues(previous: str, following: str) -> bool:
    """True when a paragraph is the tail of the previous one, cut by the mail client: the previous
    one stops without punctuation, and either this one starts in lower case or the previous one
    stops on a lower-case word ("with the support of the"). Never when the writer set the lines
    apart: either one opens with a label ("**What:** …", "**Who:** …"), or the previous one keeps
    line breaks (an address)."""
    previous = previous.rstrip()
    if not previous or previous[-1] in SENTENCE_END or "\n" in previous or _is_label(previous) or _is_label(following):
        return False
    return following[:1].islower() or previous.split()[-1][:1].islower()
