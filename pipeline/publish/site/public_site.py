"""What only the public tree's site has (publication/public.py builds it): every public page's
metadata for search engines and link previews, the text feeds, the sitemap, a card image per page
and an accessibility statement per release and language.

Built from the public tree's own releases (`PublishedRelease`, whose manifest carries the public
history: first publication, corrections), so nothing that is not public can appear in any of
them; the preview in the build folder gets none of it (its pages say `noindex`). The pieces are
the modules beside this one: pages.py (`PublicPage`), meta.py, textfeeds.py, sitemap.py, card.py,
statement.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ...checks.record import RECORDS, CheckRecord, read_records
from ...errors import InputError
from .card import card_path, render_card, with_card
from .feeds import noon
from .meta import HeadMeta, Link, feed_links, head_meta
from .pages import Download, PublicPage, content_of, summary_of
from .sitemap import write_sitemap
from .statement import STATEMENT_PAGE, StatementSettings, accessibility_statement, statement_path
from .textfeeds import write_text_feeds

EPOCH_DATE = "1970-01-01"  # first publication of a release with no date and no recorded version (the public tree records one)


@dataclass(frozen=True)
class PublicSite:
    """The settings the public extras need: the fonts of the card images, the statement's contact."""

    fonts_dir: str
    statement: StatementSettings = field(default_factory=StatementSettings)


@dataclass
class PublicExtras:
    """What the pages need from the extras: each page's `<head>` metadata and statement link."""

    heads: dict[tuple[str, str], HeadMeta] = field(default_factory=dict)
    statements: dict[tuple[str, str], str] = field(default_factory=dict)  # (id, lang) → page-relative href
    index_links: tuple[Link, ...] = ()


def write_public_extras(releases: list, base_url: str, organisation: str, locales: list[Path],
                        write: Callable[[str, bytes], None], site: PublicSite,
                        render_statement: Callable[..., str]) -> PublicExtras:
    """Cards, text feeds, sitemap and statements of the public releases; returns what pages link to."""
    pages = {}
    for release in releases:
        for lang in release.languages:
            page = public_page(release, lang, base_url, organisation)
            card = render_card(page, site.fonts_dir, locales)
            path = card_path(page, card)
            write(path, card.png)
            pages[(release.id, lang)] = with_card(page, card, base_url + path)
    feeds = write_text_feeds(pages.values(), base_url, organisation, locales, write)
    write_sitemap(pages.values(), base_url, write)
    extras = PublicExtras()
    for release in releases:
        records = check_records(release.directory)
        for lang in release.languages:
            page = pages[(release.id, lang)]
            extras.heads[(release.id, lang)] = head_meta(page, extra_links=feed_links(feeds[lang], base_url))
            statement = accessibility_statement(page, records, site.statement, locales)
            write(statement_path(page), render_statement(statement, page).encode("utf-8"))
            extras.statements[(release.id, lang)] = STATEMENT_PAGE
    site_lang = releases[0].source_lang if releases else None
    if site_lang in feeds:
        extras.index_links = feed_links(feeds[site_lang], base_url)
    return extras


def public_page(release, lang: str, base_url: str, organisation: str) -> PublicPage:
    """One public language page of a release, from its JSON edition and its public history."""
    data = release.data[lang]
    versions = ((release.manifest.publication or {}).get("versions") or {}).get(lang) or []
    published = dt.datetime.fromisoformat(versions[0]["published"]) if versions else noon(release.date or EPOCH_DATE)
    latest = versions[-1] if versions else None
    corrected = latest is not None and latest["number"] > 1

    def url(other: str) -> str:
        return f"{base_url}{release.id}/{other}/index.html"

    return PublicPage(
        release_id=release.id, lang=lang, url=url(lang), title=data["title"], summary=summary_of(data),
        content=release.transcripts.get(lang) or content_of(data), published=published,
        organisation=organisation, source_lang=release.source_lang,
        modified=dt.datetime.fromisoformat(latest["published"]) if corrected else None,
        correction=latest.get("correction") if corrected else None,
        alternates={other: url(other) for other in release.languages if other != lang},
        editions=tuple(Download(entry.edition, f"{base_url}{release.id}/{entry.path}", entry.media_type, entry.size)
                       for entry in release.files(lang)),
        dateline=data.get("dateline"))


def check_records(directory: Path) -> list[CheckRecord]:
    """The accessibility checks run on the release's public files (publication/public.py keeps them)."""
    path = directory / RECORDS
    if not path.is_file():
        return []
    try:
        return read_records(path.read_bytes())
    except ValueError as error:
        raise InputError(path, f"not readable: {error}") from None
