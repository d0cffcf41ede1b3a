"""Podcast feeds: one RSS 2.0 feed per language, with the iTunes podcast tags,
for the audio editions. Written with feedgen, never by hand.

Each item: the release's title, its text as description, a link to its page,
the MP3 as enclosure (absolute URL, length in bytes, audio/mpeg), a guid that
never changes (release id and language), the release date as pubDate, the
duration, and in the Podcasting 2.0 namespace (podcastindex.py) the
transcripts (`podcast:transcript`: the WebVTT captions, the plain-text
edition) and the chapters (`podcast:chapters`, chapters.py). The channel and
each item carry the cover art (`itunes:image`, cover.py).

A feed's addresses start with the base URL it was written with (`base-url`,
`publish --base-url`, or `http://localhost:8000/`). `serve` never rewrites a
feed on disk: a feed written for this machine is sent with the address
actually served in place of its own (`feed_as_served`), in memory, at
response time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from lxml import etree

from ...languages import language
from ...localise.labels import load_labels
from .podcastindex import register as register_podcastindex
from .chapters import chapters_path

if TYPE_CHECKING:
    from . import PublishedRelease

FEEDS_DIR = "feeds"
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0", "::", "")
ADDRESS_ELEMENTS = ("link", "url")  # RSS elements whose text is an address (item and channel link, image)


def feed_path(lang: str) -> str:
    return f"{FEEDS_DIR}/{lang}.xml"


TRANSCRIPTS = {"captions": ("text/vtt", "captions"), "text": ("text/plain", None)}  # edition → (type, rel)


def write_feeds(releases: list[PublishedRelease], base_url: str, organisation: str,
                locales: list[Path], write: Callable[[str, bytes], None], cover: str | None = None,
                chapters: set[tuple[str, str]] = frozenset()) -> dict[str, dict]:
    """Write a feed for every language with audio; returns {lang: {"title", "path"}}.

    `cover`: the cover art's path in the output folder; `chapters`: the (release id, lang)
    pairs whose chapters JSON the site wrote (chapters.chapters_path)."""
    languages = sorted({entry.lang for release in releases for entry in release.manifest.files
                        if entry.edition == "audio"})
    feeds = {}
    for lang in languages:
        labels = load_labels(lang, locales)
        title = labels.gettext("%(organisation)s press releases, read aloud") % {"organisation": organisation}
        generator = FeedGenerator()
        generator.load_extension("podcast")
        register_podcastindex(generator)
        generator.title(title)
        generator.description(title)
        generator.language(lang)
        # feedgen gives RSS's <link> the last link set: the site's index, not the feed itself.
        generator.link(href=base_url + feed_path(lang), rel="self")
        generator.link(href=base_url + "index.html", rel="alternate")
        generator.podcast.itunes_author(organisation)
        generator.podcast.itunes_category("News")
        generator.podcast.itunes_explicit("no")
        if cover:
            generator.podcast.itunes_image(base_url + cover)
            generator.image(base_url + cover, title=title, link=base_url + "index.html")
        dates = [release.date for release in releases if release.date]
        # The newest release's date, not the clock: an unchanged feed keeps its bytes.
        generator.lastBuildDate(noon(max(dates)) if dates else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
        for release in reversed(releases):  # feedgen puts the newest first when prepending
            entry = release.file(lang, "audio")
            if entry is None or lang not in release.data:
                continue
            data = release.data[lang]
            item = generator.add_entry()
            page = f"{base_url}{release.id}/{lang}/index.html"
            item.guid(f"{release.id}/{lang}", permalink=False)
            item.title(data["title"])
            item.link(href=page)
            item.description(item_text(release, lang))
            item.enclosure(base_url + f"{release.id}/{entry.path}", str(entry.size), "audio/mpeg")
            if release.date:
                item.pubDate(noon(release.date))
            item.podcast.itunes_duration(round(entry.duration))
            item.podcast.itunes_author(data.get("office") or organisation)
            if cover:
                item.podcast.itunes_image(base_url + cover)
            for kind, (media_type, rel) in TRANSCRIPTS.items():
                for edition in release.files(lang):
                    if edition.edition == kind:
                        item.podcastindex.transcript(base_url + f"{release.id}/{edition.path}", media_type, lang, rel)
            if (release.id, lang) in chapters:
                item.podcastindex.chapters(base_url + f"{release.id}/{chapters_path(release.id, lang)}")
        path = feed_path(lang)
        write(path, generator.rss_str(pretty=True))
        feeds[lang] = {"title": title, "path": path, "language": language(lang).name}
    return feeds


def noon(iso_date: str) -> dt.datetime:
    """A release's date as an instant: noon UTC (a date alone has no time; feeds and pages need one)."""
    date = dt.date.fromisoformat(iso_date)
    return dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.timezone.utc)


def item_text(release: PublishedRelease, lang: str) -> str:
    """The release's text: its plain-text edition when there is one, else from the JSON edition."""
    if lang in release.transcripts:
        return release.transcripts[lang]
    data = release.data[lang]
    paragraphs = ["".join(run["text"] for run in block.get("runs", [])) for block in data["blocks"]]
    return "\n\n".join([data["title"], *(p for p in paragraphs if p)])


# --- the address a feed was written for, and the one it is served at ------------------------


def built_base_url(outputs: Path) -> str | None:
    """The base URL the site's feeds were last written with (their `atom:link rel="self"`), if any:
    what the feeds on disk say, for `serve` and for checking a build (the build never reads them)."""
    for feed in sorted((outputs / FEEDS_DIR).glob("*.xml")):
        try:
            found = feed_base_url(feed.read_bytes(), feed.name)
        except OSError:
            continue
        if found is not None:
            return found
    try:  # a site without podcast feeds: robots.txt names its sitemap's address (sitemap.py)
        lines = (outputs / "robots.txt").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    sitemaps = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Sitemap:")]
    return sitemaps[0].removesuffix("sitemap.xml") if sitemaps and sitemaps[0].endswith("/sitemap.xml") else None


def feed_base_url(data: bytes, name: str) -> str | None:
    """The base URL a feed (`feeds/<name>`) was written with: its `atom:link rel="self"` less
    `feeds/<name>`; None when it is not such a feed."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    channel = root.find("channel")
    suffix = f"{FEEDS_DIR}/{name}"
    for link in channel.iter(ATOM_LINK) if channel is not None else ():
        href = link.get("href", "")
        if link.get("rel") == "self" and href.endswith(suffix):
            return href[: -len(suffix)]
    return None


def is_local(url: str) -> bool:
    """An address on this machine (what `serve` or the default base URL gives), not a published one."""
    return (urlsplit(url).hostname or "") in LOCAL_HOSTS


def served_base_url(announced: str) -> str:
    """The base URL for a site served at `announced` ("http://HOST:PORT/"): a wildcard address
    (0.0.0.0, ::) becomes localhost, an IPv6 address gets its brackets."""
    scheme, _, rest = announced.partition("://")
    netloc = rest.split("/", 1)[0]
    host, _, port = netloc.rpartition(":")
    host = host.strip("[]")
    if host in ("0.0.0.0", "::", ""):
        host = "localhost"
    elif ":" in host:
        host = f"[{host}]"
    return f"{scheme or 'http'}://{host}:{port}/"


def feed_as_served(data: bytes, name: str, served: str) -> bytes:
    """A feed's bytes as `serve` sends them from `served` (its base URL): a feed written for this
    machine (a local base URL, e.g. the default `http://localhost:8000/`) gets `served` in place of
    that base in every address, so that its enclosures resolve; a feed written for a real address,
    or for the address served, is sent as it is. The file itself is never changed."""
    built = feed_base_url(data, name)
    if built is None or built == served or not is_local(built):
        return data
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    for element in root.iter(etree.Element):
        for attribute, value in element.attrib.items():
            if value.startswith(built):
                element.set(attribute, served + value[len(built):])
        if etree.QName(element).localname in ADDRESS_ELEMENTS and (element.text or "").startswith(built):
            element.text = served + element.text[len(built):]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
