"""pipeline/publish/site/feeds.py: the podcast feeds, one per language, parse as podcast feeds and carry
the Podcasting 2.0 transcripts and chapters and the artwork (issue 15); every address follows the base
URL, and `serve` sends a local feed with the address it serves, never writing it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from pipeline.publish.site import build_site, built_base_url, feed_as_served, served_base_url

from ...conftest import EXAMPLE
from .conftest import BASE, ITUNES, PODCAST


def addresses(feed: Path | bytes) -> list[str]:
    root = etree.fromstring(feed) if isinstance(feed, bytes) else etree.parse(str(feed)).getroot()
    found = [element.text for element in root.iter("link")]
    for element in root.iter():
        found += [element.get(name) for name in ("url", "href") if element.get(name)]
    found += [element.text for element in root.iter("url")]
    return found


def test_feeds_parse_as_podcast_feeds(project, cli):
    code, out, err = cli("run", EXAMPLE, "--langs", "ru", "--editions", "text,audio,json")
    assert code == 0, err
    code, out, err = cli("publish", "--base-url", "https://press.example.org/releases")
    assert code == 0, err
    feed = feedparser.parse((project / "outputs" / "feeds" / "ru.xml").read_bytes())
    assert not feed.bozo and feed.feed.language == "ru"
    (item,) = feed.entries
    (mp3,) = project.glob("outputs/*/ru/*.mp3")
    enclosure = item.enclosures[0]
    assert enclosure.href == f"https://press.example.org/releases/{mp3.parent.parent.name}/ru/{mp3.name}"
    assert int(enclosure.length) == mp3.stat().st_size and enclosure.type == "audio/mpeg"
    assert item.link.endswith("/ru/index.html") and item.id.endswith("/ru")
    assert int(item.itunes_duration) > 30 and item.published.startswith("Tue, 05 Mar 2024")
    assert "ВЕНА, 5 марта 2024" in item.description
    # Podcasting 2.0: a transcript (feedparser keeps the last one: the plain-text edition) and the chapters.
    assert item.podcast_transcript["url"] == enclosure.href.removesuffix(".mp3") + ".txt"
    assert item.podcast_chapters["url"] == enclosure.href.removesuffix(".mp3") + ".chapters.json"
    assert item.image["href"].startswith("https://press.example.org/releases/cover.")
    chapters = json.loads(mp3.with_name(mp3.name.removesuffix(".mp3") + ".chapters.json").read_text(encoding="utf-8"))
    assert chapters["version"] == "1.2.0" and chapters["chapters"][0]["startTime"] == 0


@pytest.mark.parametrize("lang", ["en", "de"])
def test_feeds_carry_transcripts_chapters_and_artwork(site, lang):
    feed = site / "feeds" / f"{lang}.xml"
    root = etree.parse(str(feed)).getroot()
    channel = root.find("channel")
    (item,) = channel.iter("item")
    release = next(site.glob("2024-03-05*/manifest.json")).parent.name
    folder = f"{BASE}{release}/{lang}/{release}.{lang}"
    transcripts = {e.get("type"): e.attrib for e in item.iter(f"{PODCAST}transcript")}
    assert transcripts["text/vtt"]["url"] == f"{folder}.vtt" and transcripts["text/vtt"]["rel"] == "captions"
    assert transcripts["text/plain"]["url"] == f"{folder}.txt"
    assert all(t["language"] == lang for t in transcripts.values())
    (chapters,) = item.iter(f"{PODCAST}chapters")
    assert chapters.get("url") == f"{folder}.chapters.json" and chapters.get("type") == "application/json+chapters"
    cover = channel.find(f"{ITUNES}image").get("href")
    assert re.fullmatch(re.escape(BASE) + r"cover\.[0-9a-f]{12}\.png", cover)
    assert item.find(f"{ITUNES}image").get("href") == cover and channel.find("image/url").text == cover
    assert (site / cover.removeprefix(BASE)).is_file()
    for address in (f"{folder}.vtt", f"{folder}.txt", f"{folder}.chapters.json"):
        assert (site / address.removeprefix(BASE)).is_file()
    assert channel.find("link").text == BASE + "index.html"  # the site, not the feed itself
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo and parsed.entries[0].podcast_chapters["url"] == f"{folder}.chapters.json"


def test_every_feed_address_follows_the_base_url(outputs):
    for base in ("https://press.example.org/releases/", "http://127.0.0.1:8765/"):
        build_site(outputs, base.rstrip("/"), "OSCE", [])
        for feed in (outputs / "feeds").glob("*.xml"):
            found = addresses(feed)
            assert len(found) > 8 and all(a.startswith(base) for a in found), (feed.name, found)
        assert built_base_url(outputs) == base


@pytest.mark.parametrize("announced, expected", [
    ("http://127.0.0.1:8765/", "http://127.0.0.1:8765/"), ("http://localhost:8000/", "http://localhost:8000/"),
    ("http://0.0.0.0:8765/", "http://localhost:8765/"), ("http://:::8765/", "http://localhost:8765/"),
    ("http://::1:8765/", "http://[::1]:8765/"), ("http://[::1]:8765/", "http://[::1]:8765/"),
])
def test_the_served_address(announced, expected):
    assert served_base_url(announced) == expected


def test_serve_sends_a_local_feed_with_the_address_served_and_never_writes_it(outputs):
    build_site(outputs, "http://localhost:8000/", "OSCE", [])  # the default: no base URL anywhere
    feed = outputs / "feeds" / "de.xml"
    written = feed.read_bytes()
    served = feed_as_served(written, "de.xml", "http://127.0.0.1:8765/")
    assert feed.read_bytes() == written  # in memory only
    assert all(a.startswith("http://127.0.0.1:8765/") for a in addresses(served))
    assert len(addresses(served)) == len(addresses(feed)) > 8
    parsed = feedparser.parse(served)
    assert not parsed.bozo and parsed.entries[0].enclosures[0].href.startswith("http://127.0.0.1:8765/")
    assert served.replace(b"127.0.0.1:8765", b"localhost:8000") == written  # addresses only, nothing else
    # A feed written for a real address, or for the address served, is sent as it is.
    assert feed_as_served(written, "de.xml", "http://localhost:8000/") == written
    build_site(outputs, BASE, "OSCE", [])
    assert feed_as_served(feed.read_bytes(), "de.xml", "http://127.0.0.1:9000/") == feed.read_bytes()
    assert feed_as_served(b"<rss/>", "de.xml", "http://127.0.0.1:9000/") == b"<rss/>"
    assert built_base_url(outputs) == BASE
