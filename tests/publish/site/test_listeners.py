"""The site for listeners (issue 15): the chapters, the player first, untranslated downloads said so.
The feeds are in test_feeds.py, the podcast: extension in test_podcastindex.py, the cover art in
test_cover.py; the example's outputs and site fixtures are in conftest.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.details import AudioDetails, Chapter
from pipeline.publish.manifest import FileEntry, Manifest, ReleaseEntry, Source, TranslationCounts
from pipeline.publish.site import PublishedRelease, build_site, mostly_untranslated
from pipeline.publish.site.chapters import chapters_of


# --- chapters ---------------------------------------------------------------------------------


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
    # The manifest's chapters, as they are in the MP3: the same titles and start times.
    assert [(c["title"], c["startTime"]) for c in data["chapters"]] == \
        [(c["title"], c["start"]) for c in audio["details"]["chapters"]]


def chapters_from(*chapters: Chapter) -> list:
    details = AudioDetails(100.0, "mp3", 64000, "fr", "eSpeak", 100, chapters, 10)
    audio = FileEntry("fr", "audio", "fr/x.fr.mp3", "audio/mpeg", 1, "0", "machine", details=details)
    manifest = Manifest(ReleaseEntry("x", "press-release", "Title", "en", None, None, Source("x.md", "0")), (audio,))
    return chapters_of(PublishedRelease(Path("x"), manifest, {"fr": {"title": "Titre"}}, {}), "fr")


def test_chapters_from_the_manifest_are_sorted_and_start_at_zero():
    assert chapters_from(Chapter("Contacts", 90.25), Chapter("Titre", 0.3), Chapter("Recommandations", 41.0)) == [
        {"startTime": 0, "title": "Titre"}, {"startTime": 41, "title": "Recommandations"},
        {"startTime": 90.25, "title": "Contacts"}]
    assert chapters_from() == [{"startTime": 0, "title": "Titre"}]  # none recorded: the release's title


def test_the_site_builds_from_the_manifest_and_never_opens_an_mp3():
    site = Path(build_site.__code__.co_filename).parent
    assert not [path.name for path in site.glob("*.py") if "mutagen" in path.read_text(encoding="utf-8")]


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
