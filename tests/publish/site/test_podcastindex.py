"""pipeline/publish/site/podcastindex.py: feedgen's extension for the Podcasting 2.0 namespace, on its own."""

import feedparser
from feedgen.feed import FeedGenerator
from lxml import etree

from pipeline.publish.site import podcastindex

from .conftest import PODCAST


def test_the_extension_writes_transcripts_and_chapters_in_the_podcast_namespace():
    generator = FeedGenerator()
    generator.load_extension("podcast")
    podcastindex.register(generator)
    generator.title("t"), generator.description("d"), generator.link(href="https://example.org/")
    item = generator.add_entry()
    item.guid("a/en", permalink=False), item.title("A")
    item.podcastindex.transcript("https://example.org/a.vtt", "text/vtt", "en", "captions")
    item.podcastindex.transcript("https://example.org/a.txt", "text/plain", "en")
    item.podcastindex.chapters("https://example.org/a.chapters.json")
    rss = generator.rss_str()
    root = etree.fromstring(rss)
    assert root.nsmap["podcast"] == "https://podcastindex.org/namespace/1.0"
    (entry,) = root.iter("item")
    transcripts = [dict(e.attrib) for e in entry.iter(f"{PODCAST}transcript")]
    assert transcripts == [
        {"url": "https://example.org/a.vtt", "type": "text/vtt", "language": "en", "rel": "captions"},
        {"url": "https://example.org/a.txt", "type": "text/plain", "language": "en"}]
    (chapters,) = entry.iter(f"{PODCAST}chapters")
    assert chapters.attrib == {"url": "https://example.org/a.chapters.json", "type": "application/json+chapters"}
    parsed = feedparser.parse(rss)
    assert not parsed.bozo and parsed.entries[0].podcast_chapters["url"].endswith(".chapters.json")
