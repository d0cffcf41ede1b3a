"""Text feeds of the public releases, one pair per language: Atom (RFC 4287,
`feeds/<lang>.atom`) and JSON Feed 1.1 (`feeds/<lang>.json`), beside the
podcast feeds (feeds.py, `feeds/<lang>.xml`).

Each entry is one public language page (pages.PublicPage): its title,
summary and full text in that language (`content` as text, or
`content_html` as HTML when the caller has it), a link to the page
(`alternate`) and to the same release's other public language pages
(`related`, with their `hreflang`), every edition
file as an enclosure (address, media type, size), the first publication as
`published` and the latest correction as `updated`. An entry's id is made
from the organisation, the release id and the language alone
(`entry_id`): a correction, a new base URL or a new title never changes it,
so feed readers mark the item updated rather than new.

The bytes depend on the pages alone, never on the clock: a feed's `updated`
is its newest entry's (1970-01-01 for an empty feed), entries are newest
first in one fixed order, and the XML and JSON are written the same way
every time, so `build_site` writes a feed only when a page changed.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from lxml import etree

from ...localise.labels import N_, load_labels
from .pages import PublicPage, by_date, rfc3339

FEEDS_DIR = "feeds"  # feeds.py's: the podcast feeds are `<lang>.xml` in the same folder
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM_TYPE = "application/atom+xml"
JSON_FEED_TYPE = "application/feed+json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)  # an empty feed's `updated`
# Entry ids: name-based UUIDs (RFC 4122, version 5) under this project's own namespace.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://release-pipeline.invalid/feed-entry")
FEED_TITLE = N_("%(organisation)s press releases")


def atom_path(lang: str) -> str:
    return f"{FEEDS_DIR}/{lang}.atom"


def json_feed_path(lang: str) -> str:
    return f"{FEEDS_DIR}/{lang}.json"


def entry_id(page: PublicPage) -> str:
    """The entry's permanent id: `urn:uuid:` of the organisation, release id and language."""
    return uuid.uuid5(ID_NAMESPACE, f"{page.organisation}\n{page.release_id}\n{page.lang}").urn


def feed_id(organisation: str, lang: str) -> str:
    return uuid.uuid5(ID_NAMESPACE, f"{organisation}\n{lang}").urn


def feed_title(organisation: str, lang: str, locales: Iterable[Path] = ()) -> str:
    return load_labels(lang, list(locales)).gettext(FEED_TITLE) % {"organisation": organisation}


def write_text_feeds(pages: Iterable[PublicPage], base_url: str, organisation: str, locales: Iterable[Path],
                     write: Callable[[str, bytes], None]) -> dict[str, dict]:
    """Write both feeds of every language that has a public page; returns {lang: {"title", "atom",
    "json"}} (paths in the output folder) for the pages' `<link rel="alternate">`.

    `pages`: public pages only; `base_url` ends with "/"; `write(path, bytes)`: the site's writer."""
    by_lang: dict[str, list[PublicPage]] = {}
    for page in pages:
        by_lang.setdefault(page.lang, []).append(page)
    feeds = {}
    for lang in sorted(by_lang):
        title = feed_title(organisation, lang, locales)
        write(atom_path(lang), atom_feed(by_lang[lang], base_url, lang, title, organisation))
        write(json_feed_path(lang), json_feed(by_lang[lang], base_url, lang, title, organisation))
        feeds[lang] = {"title": title, "atom": atom_path(lang), "json": json_feed_path(lang)}
    return feeds


def feed_updated(pages: list[PublicPage]) -> dt.datetime:
    return max((page.updated for page in pages), default=EPOCH)


# --- Atom --------------------------------------------------------------------------------------


def atom_feed(pages: list[PublicPage], base_url: str, lang: str, title: str, organisation: str) -> bytes:
    """The Atom feed of one language's public pages (those in another language are left out)."""
    pages = by_date([page for page in pages if page.lang == lang])
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set(XML_LANG, lang)
    _text(feed, "id", feed_id(organisation, lang))
    _text(feed, "title", title, type="text")
    _text(feed, "updated", rfc3339(feed_updated(pages)))
    _link(feed, rel="self", href=base_url + atom_path(lang), type=ATOM_TYPE)
    _link(feed, rel="alternate", href=base_url + "index.html", type="text/html")
    _link(feed, rel="alternate", href=base_url + json_feed_path(lang), type=JSON_FEED_TYPE)
    author = etree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", organisation)
    for page in pages:
        feed.append(atom_entry(page))
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def atom_entry(page: PublicPage) -> etree._Element:
    entry = etree.Element(f"{{{ATOM}}}entry")
    entry.set(XML_LANG, page.lang)
    _text(entry, "id", entry_id(page))
    _text(entry, "title", page.title, type="text")
    _text(entry, "published", rfc3339(page.published))
    _text(entry, "updated", rfc3339(page.updated))
    author = etree.SubElement(entry, f"{{{ATOM}}}author")
    _text(author, "name", page.organisation)
    _link(entry, rel="alternate", href=page.url, type="text/html", hreflang=page.lang)
    # The same release in the other public languages: `related`, since readers open an entry's (last)
    # `alternate` link, and that must be the page in the feed's language.
    for lang, url in page.alternates.items():
        _link(entry, rel="related", href=url, type="text/html", hreflang=lang)
    for edition in page.editions:
        _link(entry, rel="enclosure", href=edition.url, type=edition.media_type, length=str(edition.size),
              hreflang=page.lang, title=edition.title)
    if page.summary:
        _text(entry, "summary", page.summary, type="text")
    if page.content_html is not None:
        _text(entry, "content", page.content_html, type="html")  # escaped: RFC 4287 section 3.1.1.2
    else:
        _text(entry, "content", page.content, type="text")
    return entry


def _text(parent: etree._Element, name: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    element.text = text
    return element


def _link(parent: etree._Element, **attributes: str | None) -> None:
    etree.SubElement(parent, f"{{{ATOM}}}link", {key: value for key, value in attributes.items() if value is not None})


# --- JSON Feed 1.1 ----------------------------------------------------------------------------


def json_feed(pages: list[PublicPage], base_url: str, lang: str, title: str, organisation: str) -> bytes:
    """The JSON Feed 1.1 of one language's public pages (https://jsonfeed.org/version/1.1)."""
    pages = by_date([page for page in pages if page.lang == lang])
    feed = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": base_url + "index.html",
        "feed_url": base_url + json_feed_path(lang),
        "language": lang,
        "authors": [{"name": organisation}],
        "items": [json_item(page) for page in pages],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def json_item(page: PublicPage) -> dict:
    item = {
        "id": entry_id(page),
        "url": page.url,
        "title": page.title,
        "content_text": page.content,
        **({"content_html": page.content_html} if page.content_html is not None else {}),
        **({"summary": page.summary} if page.summary else {}),
        **({"image": page.image.url} if page.image else {}),
        "date_published": rfc3339(page.published),
        "date_modified": rfc3339(page.updated),
        "authors": [{"name": page.organisation}],
        "language": page.lang,
        "attachments": [{"url": edition.url, "mime_type": edition.media_type, "size_in_bytes": edition.size,
                         **({"title": edition.title} if edition.title else {})}
                        for edition in page.editions],
    }
    if not item["attachments"]:
        del item["attachments"]  # the spec: an array of one or more attachments, when present
    return item
