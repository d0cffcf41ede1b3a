"""The site and feeds for listeners (issue 15): Podcasting 2.0 transcripts and chapters, cover art,
addresses that follow the base URL or the port served, the player first, untranslated downloads said so."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
from feedgen.feed import FeedGenerator
from lxml import etree

from pipeline.publish.manifest import FileEntry, TranslationCounts
from pipeline.publish.site import (
    build_site,
    built_base_url,
    feed_as_served,
    mostly_untranslated,
    podcastindex,
    served_base_url,
)
from pipeline.publish.site.chapters import chapters_of
from pipeline.publish.site.cover import cover_image, drawn_cover

from ...conftest import EXAMPLE, run_in_new_project, write

PODCAST = "{https://podcastindex.org/namespace/1.0}"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
BASE = "https://press.example.org/releases/"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    """The example in English (the source) and German (no engine: untranslated), with audio and captions."""
    project = tmp_path_factory.mktemp("listeners-project")
    write(project / "release-pipeline.toml", 'editions = ["text"]\n')
    return run_in_new_project(project, EXAMPLE, "--langs", "de", "--editions", "text,audio,captions,json")


@pytest.fixture
def site(outputs) -> Path:
    build_site(outputs, BASE, "OSCE", [])
    return outputs


def addresses(feed: Path | bytes) -> list[str]:
    root = etree.fromstring(feed) if isinstance(feed, bytes) else etree.parse(str(feed)).getroot()
    found = [element.text for element in root.iter("link")]
    for element in root.iter():
        found += [element.get(name) for name in ("url", "href") if element.get(name)]
    found += [element.text for element in root.iter("url")]
    return found


# --- the podcastindex extension on its own -----------------------------------------------


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


# --- feeds, chapters, cover ---------------------------------------------------------------


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


@pytest.mark.parametrize("lang", ["en", "de"])
def test_chapters_json_is_valid_time_ordered_and_starts_at_zero(site, lang):
    (path,) = site.glob(f"2024-03-05*/{lang}/*.{lang}.chapters.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0" and set(data) == {"version", "chapters"}
    starts = [chapter["startTime"] for chapter in data["chapters"]]
    assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(isinstance(c["title"], str) and c["title"] and set(c) == {"startTime", "title"}
               for c in data["chapters"])
    manifest = json.loads((path.parent.parent / "manifest.json").read_text(encoding="utf-8"))
    (audio,) = [f for f in manifest["files"] if f["lang"] == lang and f["edition"] == "audio"]
    assert starts[-1] < audio["details"]["duration"]
    titles = [c if isinstance(c, str) else c["title"] for c in audio["details"]["chapters"]]
    assert [c["title"] for c in data["chapters"]] == titles


def test_chapters_from_the_manifest_are_sorted_and_start_at_zero(tmp_path):
    audio = FileEntry("fr", "audio", "fr/x.fr.mp3", "audio/mpeg", 1, "0", "machine", details={"chapters": [
        {"title": "Contacts", "start": 90.25}, {"title": "Titre", "start": 0.3},
        {"title": "Recommandations", "start_ms": 41000}]})
    # The part of PublishedRelease that chapters_of reads.
    Release = SimpleNamespace(directory=tmp_path, data={"fr": {"title": "Titre"}}, files=lambda lang: [audio])
    assert chapters_of(Release, "fr") == [
        {"startTime": 0, "title": "Titre"}, {"startTime": 41, "title": "Recommandations"},
        {"startTime": 90.25, "title": "Contacts"}]


def test_the_drawn_cover_is_a_square_png_for_podcast_directories(tmp_path):
    data = drawn_cover()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1400, 1400) and data == drawn_cover()
    jpeg = tmp_path / "cover.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 16)
    assert cover_image(jpeg) == (jpeg.read_bytes(), "jpg") and cover_image(None) == (data, "png")
    with pytest.raises(ValueError):
        cover_image(write(tmp_path / "cover.svg", "<svg/>"))


# --- addresses: the base URL, or the port served ------------------------------------------


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


# --- the page -------------------------------------------------------------------------------


def test_the_player_comes_first_after_the_title_and_dateline(site):
    for page in site.glob("2024-03-05*/*/index.html"):
        html = page.read_text(encoding="utf-8")
        h1, dateline, audio = html.index("<h1"), html.index('class="dateline"'), html.index("<audio")
        downloads, text = html.index('id="downloads"'), html.index("<p>", html.index("</section>"))
        assert h1 < dateline < audio < downloads < text
        between = html[html.index("</p>", dateline):html.index('<figure class="player">')]
        assert re.fullmatch(r"</p>\s*", between), between  # nothing between the dateline and the player
        assert re.search(r'<track kind="captions" src="[^"]+\.vtt" srclang="', html)
        hrefs = re.findall(r'<li><a href="[^"]+\.(\w+)" type=', html)
        assert hrefs[:3] == ["mp3", "txt", "vtt"] and hrefs[-1] == "json"  # listening first, the data last


def test_a_mostly_untranslated_download_says_so(site):
    german = next(site.glob("2024-03-05*/de/index.html")).read_text(encoding="utf-8")
    assert "Ausgabe als reiner Text herunterladen (Deutsch; größtenteils auf Englisch, 2 kB)" in german
    english = next(site.glob("2024-03-05*/en/index.html")).read_text(encoding="utf-8")
    assert "mostly" not in english and "(English, 2 kB)" in english


@pytest.mark.parametrize("state, untranslated, expected", [
    ("source", 0, False), ("reviewed", 0, False), ("machine", 0, False), ("untranslated", 10, True),
    ("partial", 6, True), ("partial", 5, False), ("partial", 1, False),
])
def test_mostly_untranslated(state, untranslated, expected):
    counts = TranslationCounts(10, 0, 10 - untranslated, untranslated) if state != "source" else None
    entry = FileEntry("ru", "text", "ru/x.ru.txt", "text/plain", 1, "0", state, counts)
    assert mostly_untranslated(entry) is expected
