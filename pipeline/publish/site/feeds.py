"""Podcast feeds: one RSS 2.0 feed per language, with the iTunes podcast tags,
for the audio editions. Written with feedgen, never by hand.

Each item: the release's title, its text as description, a link to its page,
the MP3 as enclosure (absolute URL, length in bytes, audio/mpeg), a guid that
never changes (release id and language), the release date as pubDate, and the
duration.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from feedgen.feed import FeedGenerator

from ...languages import language
from ...localise.labels import load_labels

if TYPE_CHECKING:
    from . import PublishedRelease

FEEDS_DIR = "feeds"


def feed_path(lang: str) -> str:
    return f"{FEEDS_DIR}/{lang}.xml"


def write_feeds(releases: list[PublishedRelease], outputs: Path, base_url: str, organisation: str,
                locales: list[Path], write: Callable[[str, bytes], None]) -> dict[str, dict]:
    """Write a feed for every language with audio; returns {lang: {"title", "path"}}."""
    languages = sorted({entry.lang for release in releases for entry in release.manifest.files
                        if entry.edition == "audio"})
    feeds = {}
    for lang in languages:
        labels = load_labels(lang, locales)
        title = labels.gettext("%(organisation)s press releases, read aloud") % {"organisation": organisation}
        generator = FeedGenerator()
        generator.load_extension("podcast")
        generator.title(title)
        generator.description(title)
        generator.language(lang)
        generator.link(href=base_url + "index.html", rel="alternate")
        generator.link(href=base_url + feed_path(lang), rel="self")
        generator.podcast.itunes_author(organisation)
        generator.podcast.itunes_category("News")
        generator.podcast.itunes_explicit("no")
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
