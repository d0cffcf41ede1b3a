"""Markdown as the press office writes it → `Release`.

The input is often a raw e-mail export: blank lines at the top, a "PRESS
RELEASE" kicker, bold headings, a paragraph broken in two by the mail client,
contacts as loose lines, "unsubscribe" links and a copyright line at the end.
Parsing happens in two passes: markdown-it turns the text into `RawBlock`s
(blocks of styled runs with their line numbers), then `_Assembler` walks them
once, in order, and decides what each one is.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from .errors import InputError
from .localise.detect import detect_language
from .localise.places import canonical_zone, zone_for_place
from .release import (
    Block,
    Contact,
    Dateline,
    FurtherInformation,
    Heading,
    ListBlock,
    Paragraph,
    Phone,
    Place,
    Quote,
    Release,
    Run,
    Runs,
    plain_text,
)

FRONT_MATTER_KEYS = ("id", "title", "date", "place", "timezone", "kind", "lang", "office")
RELEASE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
LANG_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# "WARSAW, 21 February 2024 – " or "TBILISI / WARSAW, February 21, 2024 - "
DATELINE = re.compile(
    r"^\s*(?P<place>[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?"
    r"(?:\s*/\s*[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?)*)"
    r"\s*,\s*(?P<date>\d{1,2}\.?\s+[^\W\d_]+\.?\s+\d{4}|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4})"
    r"\s*[–—-]+\s*"
)
KICKER = re.compile(r"^[A-Z][A-Z ’'-]{2,40}$")
CONTACTS_HEADING = re.compile(
    r"^(?:(?:media|press)\s+)?contacts?(?:\s+information)?\s*:?$"
    r"|^for\s+(?:more|further)\s+information,?\s+(?:please\s+)?contact\s*:?$",
    re.IGNORECASE,
)
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
CONTACT_LINE = re.compile(
    r"^(?P<label>office|tel\.?|telephone|phone|fax|mobile|mob\.?|cell|gsm|e-?mail)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
PHONE_KINDS = {"office": "office", "fax": "fax", "mobile": "mobile", "mob": "mobile", "cell": "mobile", "gsm": "mobile"}
PHONE_NUMBER = re.compile(r"^\+?[\d ()./-]{6,}$")
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
BARE_URL = re.compile(r"https?://\S+[^\s.,;:)]")
UNIT_WORDS = re.compile(
    r"\b(?:unit|office|section|department|service|mission|secretariat|press|media|communications?|team|desk|OSCE)\b",
    re.IGNORECASE,
)
SENTENCE_END = ".!?:;…\"”’»)"
SLUG_STOP_WORDS = {"a", "an", "and", "as", "at", "for", "in", "of", "on", "the", "to", "with"}


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so an impossible date gets our own message."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


def read_release(path: Path, default_lang: str = "en") -> Release:
    """Read and parse one release file; every problem is an `InputError`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a release file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    return parse_release(decode(data, path), path, default_lang)


def decode(data: bytes, path: Path) -> str:
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data:
        raise InputError(path, "binary data, not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[error.start]:02x})", line) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_release(text: str, path: Path, default_lang: str = "en") -> Release:
    meta, body, line_offset = split_front_matter(text, path)
    blocks = markdown_blocks(body, line_offset)
    release = _Assembler(path).assemble(blocks)
    return mark_foreign_passages(apply_front_matter(release, meta, path, default_lang))


def mark_foreign_passages(release: Release) -> Release:
    """Paragraphs, quotes and list items clearly in another language get that language on their runs."""

    def marked(runs: Runs) -> Runs:
        lang = detect_language(plain_text(runs))
        if lang is None or lang == release.lang.split("-")[0]:
            return runs
        return tuple(replace(run, lang=lang) for run in runs)

    blocks = []
    for block in release.blocks:
        if isinstance(block, Paragraph):
            block = replace(block, runs=marked(block.runs))
        elif isinstance(block, Quote):
            block = replace(block, paragraphs=tuple(marked(p) for p in block.paragraphs))
        elif isinstance(block, ListBlock):
            block = replace(block, items=tuple(marked(item) for item in block.items))
        blocks.append(block)
    return replace(release, blocks=tuple(blocks))


# --- front matter ---------------------------------------------------------


def split_front_matter(text: str, path: Path) -> tuple[dict, str, int]:
    """Return (metadata, the Markdown after it, how many lines it took)."""
    stripped = text.lstrip("\n")
    skipped = len(text) - len(stripped)
    if not stripped.startswith("---\n"):
        return {}, text, 0
    lines = stripped.split("\n")
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            break
    else:
        raise InputError(path, "front matter opened with '---' is never closed", skipped + 1)
    source = "\n".join(lines[1:end])
    try:
        meta = yaml.load(source, Loader=_FrontMatterLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = skipped + 2 + mark.line if mark else skipped + 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(path, f"malformed front matter: {problem}", line) from None
    if not isinstance(meta, dict):
        raise InputError(path, "malformed front matter: expected 'key: value' lines", skipped + 2)
    unknown = sorted(str(key) for key in meta if key not in FRONT_MATTER_KEYS)
    if unknown:
        raise InputError(
            path,
            f"unknown front matter key {unknown[0]!r} (allowed: {', '.join(FRONT_MATTER_KEYS)})",
            skipped + 1,
        )
    consumed = skipped + end + 1
    return meta, "\n".join(lines[end + 1 :]), consumed


def apply_front_matter(release: Release, meta: dict, path: Path, default_lang: str) -> Release:
    def text_value(key: str) -> str | None:
        value = meta.get(key)
        if value is None:
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise InputError(path, f"front matter '{key}' must be text")
        return str(value).strip() or None

    title = text_value("title") or release.title
    if not title:
        raise InputError(path, "no title: expected a '# Title' line or 'title:' in front matter")
    lang = text_value("lang") or default_lang
    if not LANG_TAG.match(lang):
        raise InputError(path, f"front matter 'lang' {lang!r} is not a BCP 47 language tag")
    kind = text_value("kind") or release.kind
    if not RELEASE_ID.match(kind):
        raise InputError(path, f"front matter 'kind' {kind!r} must be lowercase words joined by hyphens")

    dateline = release.dateline
    date = _front_matter_date(meta.get("date"), path)
    place = text_value("place")
    zones = _front_matter_zones(meta.get("timezone"), path)
    if date or place or zones:
        if dateline is None and date is None:
            raise InputError(path, "front matter gives a place or timezone but the release has no date")
        names = split_places(place) if place else [p.name for p in dateline.places] if dateline else []
        if zones and len(zones) != len(names):
            raise InputError(path, f"front matter 'timezone' has {len(zones)} entries for the dateline's "
                                   f"{len(names)} places ({' / '.join(names) or 'none'}); give one time zone per place")
        dateline = Dateline(make_places(names, zones), date or dateline.date)

    release_id = text_value("id")
    if release_id is None:
        release_id = make_release_id(title, dateline.date if dateline else None)
    elif not RELEASE_ID.match(release_id):
        raise InputError(
            path,
            f"front matter 'id' {release_id!r} is not a safe id "
            "(lowercase letters, digits and hyphens, at most 120 characters)",
        )
    office = text_value("office") or release.office
    return replace(release, id=release_id, title=title, lang=lang, kind=kind, dateline=dateline, office=office)


def issuing_office(contacts: list[Contact]) -> str | None:
    """"Public Affairs Unit, OSCE Office for …" → "OSCE Office for …": the first unit contact's office."""
    for contact in contacts:
        if contact.kind == "unit" and contact.name:
            return contact.name.split(", ")[-1].strip() or None
    return None


def split_places(text: str) -> list[str]:
    """"TBILISI / WARSAW" → ["TBILISI", "WARSAW"]."""
    return [re.sub(r"\s+", " ", name).strip() for name in text.split("/") if name.strip()]


def make_places(names: list[str], zones: list[str] | None = None) -> tuple[Place, ...]:
    """Each place with its CLDR time zone: given in front matter, or inferred from the name."""
    if zones:
        return tuple(Place(name, zone) for name, zone in zip(names, zones))
    return tuple(Place(name, zone_for_place(name)) for name in names)


def _front_matter_zones(value: object, path: Path) -> list[str]:
    """'timezone: Europe/Warsaw', or a list (or comma-separated text) for several places."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    zones = []
    for item in items:
        if not isinstance(item, str):
            raise InputError(path, "front matter 'timezone' must be a time-zone key or a list of them")
        zone = canonical_zone(item.strip())
        if zone is None:
            raise InputError(path, f"front matter 'timezone' {item.strip()!r} is not a time zone known to CLDR "
                                   "(expected a key such as Europe/Warsaw)")
        zones.append(zone)
    return zones


def _front_matter_date(value: object, path: Path) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(path, f"front matter 'date' {value!r} is not a date (write YYYY-MM-DD)")


def make_release_id(title: str, date: dt.date | None, max_length: int = 48) -> str:
    """`2024-02-21-deteriorating-human-rights-situation-in-belarus`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > max_length:
            break
        kept.append(word[:max_length])
    while len(kept) > 1 and kept[-1] in SLUG_STOP_WORDS:
        kept.pop()
    slug = "-".join(kept) or "release"
    return f"{date.isoformat()}-{slug}" if date else slug


# --- Markdown → RawBlocks ---------------------------------------------------


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


# --- RawBlocks → Release ----------------------------------------------------


def _is_link_only(runs: Runs) -> bool:
    return any(run.href for run in runs) and all(run.href or not run.text.strip() for run in runs)


def _is_all_strong(runs: Runs) -> bool:
    return bool(runs) and all(run.strong or not run.text.strip() for run in runs)


def _clean_label(text: str) -> str:
    return text.strip().strip("*_ ").strip()


class _Assembler:
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


def parse_english_date(text: str, path: Path, line: int) -> dt.date:
    """"21 February 2024", "21 Feb. 2024" or "February 21, 2024"."""
    words = re.findall(r"[^\W\d_]+|\d+", text)
    if words[0].isdigit():
        day, month_name, year = words
    else:
        month_name, day, year = words
    month = MONTHS.get(month_name.lower())
    if month is None:
        raise InputError(path, f"unknown month {month_name!r} in dateline date {text!r}", line)
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        raise InputError(path, f"impossible date {text!r} in dateline", line) from None
