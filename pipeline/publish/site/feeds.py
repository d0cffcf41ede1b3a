"""Podcast feeds: one RSS 2.0 feed per language, with the iTunes podcast tags,
for the audio editions. Written with feedgen, never by hand.

Each item: the release's title, its text as description, a link to its page,
the MP3 as enclosure (absolute URL, length in bytes, audio/mpeg), a guid that
never changes (release id and language), the release date as pubDate, the
duration, and in the Podcasting 2.0 namespace (podcastindex.py) the
transcripts (`podcast:transcript`: the WebVTT captions, the plain-text
edition) and the chapters (`podcast:chapters`, chapters.py). The channel and
each item carry the cover art (`itunes:image`, cover.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from feedgen.feed import FeedGenerator

from ...languages import language
from ...localise.labels import load_labels
from .podcastindex import register as register_podcastindex
from .chapters import chapters_path

if TYPE_CHECKING:
    from . import PublishedRelease

FEEDS_DIR = "feeds"


def feed_path(lang: str) -> str:
    return f"{FEEDS_DIR}/{lang}.xml"


TRANSCRIPTS = {"captions": ("text/vtt", "captions"), "text": ("text/plain", None)}  # edition → (type, rel)


def write_feeds(releases: list[PublishedRelease], outputs: Path, base_url: str, organisation: str,
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
        generator.lastBuildDate(_noon(max(dates)) if dates else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
        for release in reversed(releases):  # feedgen puts the newest first when prepending
            entry = next((e for e in release.files(lang) if e.edition == "audio"), None)
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
                item.pubDate(_noon(release.date))
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


def _noon(iso_date: str) -> dt.datetime:
    date = dt.date.fromisoformat(iso_date)
    return dt.datetime(date.year, date.month, date.day, 12, tzinfo=dt.timezone.utc)


def item_text(release: PublishedRelease, lang: str) -> str:
    """The release's text: its plain-text edition when there is one."""
    text_entry = next((e for e in release.files(lang) if e.edition == "text"), None)
    if text_entry is not None:
        path = release.directory / text_entry.path
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
    data = release.data[lang]
    paragraphs = ["".join(run["text"] for run in block.get("runs", [])) for block in data["blocks"]]
    return "\n\n".join([data["title"], *(p for p in paragraphs if p)])
