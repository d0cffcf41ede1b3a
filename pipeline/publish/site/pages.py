"""`PublicPage`: one public language page of a release, as the text feeds, the
sitemap, the page's `<head>` metadata, the card image and the accessibility
statement read it (textfeeds.py, sitemap.py, meta.py, card.py, statement.py).

The caller decides what is public (issue 25: approval, embargo, withdrawal)
and hands these builders public pages only: nothing here reads the output
folder or the manifest, so nothing here can leak a preview. `alternates`
names the same release's *other public* language pages, and `source_lang`
the release's source language, whose page is the `x-default` alternate when
it is public.

Addresses are absolute (feeds and sitemaps need them). Dates are aware
datetimes: `published` the first publication, `modified` the last
correction (None if never corrected), so an item keeps its identity and its
first date when it is corrected.

`summary_of` and `content_of` read a JSON edition (editions/data.py, schema
2) into the summary and plain text a page carries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

SUMMARY_LENGTH = 300  # characters; a longer first paragraph is cut at a word, with an ellipsis


class Download(NamedTuple):
    """One edition file of the page's language: edition name ("pdf"), absolute address, media type,
    size in bytes; `title` the link's text, in the page's language, if the caller has one."""

    name: str
    url: str
    media_type: str
    size: int
    title: str | None = None


class Image(NamedTuple):
    """The page's preview image (the card, card.py): absolute address and alt text in the page's
    language; its size in pixels and media type where known."""

    url: str
    alt: str
    width: int | None = None
    height: int | None = None
    media_type: str | None = None


@dataclass(frozen=True)
class PublicPage:
    release_id: str
    lang: str  # BCP 47 tag, as languages/ has it
    url: str  # absolute: the page's canonical address
    title: str
    summary: str  # plain text: the lead paragraph, or a shorter description
    content: str  # plain text of the whole release in this language
    published: dt.datetime  # aware
    organisation: str  # the publisher
    source_lang: str  # the release's source language (its page is `x-default`)
    content_html: str | None = None  # the release as HTML (a fragment), if the caller has it
    modified: dt.datetime | None = None  # aware: the latest correction
    correction: str | None = None  # the latest correction's note
    alternates: Mapping[str, str] = field(default_factory=dict)  # other public languages: lang → url
    editions: tuple[Download, ...] = ()
    image: Image | None = None
    dateline: str | None = None  # as the JSON edition writes it: "VIENNA, 5 March 2024"

    def __post_init__(self) -> None:
        for name in ("published", "modified"):
            value = getattr(self, name)
            if value is not None and (value.tzinfo is None or value.utcoffset() is None):
                raise ValueError(f"{self.release_id} ({self.lang}): {name} must be an aware datetime, not {value!r}")
        for url in (self.url, *self.alternates.values(), *(item[1] for item in self.editions)):
            if not is_absolute(url):
                raise ValueError(f"{self.release_id} ({self.lang}): not an absolute address: {url!r}")
        # Tuples as the named types; the page itself never among its alternates (a copy, by tag).
        object.__setattr__(self, "editions", tuple(Download(*item) for item in self.editions))
        if self.image is not None:
            object.__setattr__(self, "image", Image(*self.image))
        others = {lang: url for lang, url in sorted(self.alternates.items()) if lang != self.lang}
        object.__setattr__(self, "alternates", others)

    @property
    def updated(self) -> dt.datetime:
        """When the page last changed: the latest correction, else its publication."""
        return self.modified or self.published

    @property
    def siblings(self) -> dict[str, str]:
        """Every public language version of the release, this one included: lang → url, the
        source language first, then by tag."""
        every = {**self.alternates, self.lang: self.url}
        order = sorted(every, key=lambda lang: (lang != self.source_lang, lang))
        return {lang: every[lang] for lang in order}

    @property
    def x_default(self) -> str | None:
        """The source language's page, if it is public: where a reader of another language goes."""
        return self.siblings.get(self.source_lang)

    @property
    def is_translation(self) -> bool:
        return self.lang != self.source_lang


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def rfc3339(moment: dt.datetime) -> str:
    """"2024-03-05T10:00:00+01:00": RFC 3339 (Atom, JSON Feed, schema.org, sitemaps), to the second."""
    return moment.isoformat(timespec="seconds")


def by_date(pages: list[PublicPage]) -> list[PublicPage]:
    """Newest first (by first publication), then by release id and language: one order for every build."""
    return sorted(sorted(pages, key=lambda page: (page.release_id, page.lang)),
                  key=lambda page: page.published, reverse=True)


# --- from the JSON edition ---------------------------------------------------------------------


def runs_text(runs: list[dict]) -> str:
    return "".join(run.get("text", "") for run in runs)


def block_texts(block: dict) -> list[str]:
    """The paragraphs of text a JSON edition block holds (a table's cells, a figure's caption too)."""
    kind = block.get("kind")
    if kind in ("paragraph", "heading"):
        return [runs_text(block.get("runs", []))]
    if kind == "quote":
        return [runs_text(paragraph) for paragraph in block.get("paragraphs", [])]
    if kind == "list":
        return ["\n".join(runs_text(item) for item in block.get("items", []))]
    if kind == "table":
        rows = [block.get("header") or [], *block.get("rows", [])]
        return ["\n".join(" | ".join(runs_text(cell) for cell in row) for row in rows if row),
                runs_text(block.get("caption", []))]
    if kind == "figure":
        return [runs_text(block.get("caption", [])) or block.get("alt", "")]
    return []


def content_of(data: dict) -> str:
    """The plain text of a JSON edition: title, dateline, notices, then every block's text."""
    head = [data.get("title") or "", data.get("dateline") or "", *data.get("notices", [])]
    body = [text for block in data.get("blocks", []) for text in block_texts(block)]
    return "\n\n".join(part.strip() for part in [*head, *body] if part and part.strip())


def summary_of(data: dict, length: int = SUMMARY_LENGTH) -> str:
    """The lead: the first paragraph of the JSON edition, cut at a word near `length` characters."""
    first = next((runs_text(block.get("runs", [])) for block in data.get("blocks", [])
                  if block.get("kind") == "paragraph" and runs_text(block.get("runs", [])).strip()), "")
    return shorten(" ".join(first.split()) or data.get("title", ""), length)


def shorten(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"
