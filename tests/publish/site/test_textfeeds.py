"""The text feeds (Atom and JSON Feed 1.1) of the public pages: read back with feedparser (Atom) and
checked against JSON Feed 1.1's required fields (jsonschema), in each feed's language, the same bytes
on every build, an entry's id kept through a correction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import feedparser
import jsonschema
import pytest

from pipeline.publish.site.textfeeds import (
    EPOCH,
    atom_feed,
    atom_path,
    entry_id,
    json_feed,
    json_feed_path,
    write_text_feeds,
)

from ...support.public_pages import BASE, FIRST, HOSTILE, SECOND, all_pages, first_release, second_release

SCHEMA = json.loads((Path(__file__).parents[2] / "data" / "schemas" / "jsonfeed-1.1.schema.json").read_text())


@pytest.fixture
def written() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    feeds = write_text_feeds(all_pages(), BASE, "OSCE", [], files.__setitem__)
    assert feeds == {lang: {"title": title, "atom": f"feeds/{lang}.atom", "json": f"feeds/{lang}.json"}
                     for lang, title in (("en", "OSCE press releases"), ("es", "OSCE: comunicados de prensa"),
                                         ("fr", "OSCE\u202f: communiqués de presse"))}
    return files


def test_every_atom_feed_reads_without_errors_in_its_language(written):
    for lang, entries in (("en", 2), ("fr", 1), ("es", 1)):
        parsed = feedparser.parse(written[atom_path(lang)])
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert parsed.version == "atom10"
        assert parsed.feed.language == lang
        assert parsed.feed.updated_parsed is not None
        assert len(parsed.entries) == entries
        for entry in parsed.entries:
            details = [entry.title_detail, entry.summary_detail, *entry.content]
            assert {detail.language for detail in details} == {lang}
            page = entry.link
            assert page.startswith(BASE) and f"/{lang}/" in page


def test_an_entry_has_the_full_text_links_enclosures_and_dates(written):
    parsed = feedparser.parse(written[atom_path("fr")])
    entry = parsed.entries[0]
    page = next(p for p in first_release() if p.lang == "fr")
    assert entry.id == entry_id(page) and entry.id.startswith("urn:uuid:")
    assert entry.title == page.title and entry.summary == page.summary
    assert entry.content[0].value == page.content and entry.content[0].type == "text/plain"
    assert entry.link == page.url  # what a reader opens
    assert [(link.rel, link.hreflang, link.href) for link in entry.links if link.rel != "enclosure"] == [
        ("alternate", "fr", page.url), ("related", "en", page.alternates["en"]),
        ("related", "es", page.alternates["es"])]
    assert [(e.href, e.type, int(e.length)) for e in entry.enclosures] == [
        (d.url, d.media_type, d.size) for d in page.editions]
    assert entry.published == "2024-03-05T10:00:00+01:00"
    assert entry.updated == "2024-03-06T09:30:00+01:00"  # the correction
    assert parsed.feed.updated == entry.updated  # the newest entry's, never the clock


def test_newest_first_and_an_empty_language_has_no_feed(written):
    parsed = feedparser.parse(written[atom_path("en")])
    assert [entry.link for entry in parsed.entries] == [f"{BASE}{SECOND}/en/index.html", f"{BASE}{FIRST}/en/index.html"]
    assert set(written) == {path for lang in ("en", "fr", "es") for path in (atom_path(lang), json_feed_path(lang))}


def test_every_json_feed_has_the_fields_json_feed_1_1_requires(written):
    for lang in ("en", "fr", "es"):
        feed = json.loads(written[json_feed_path(lang)])
        jsonschema.validate(feed, SCHEMA)
        assert feed["language"] == lang and feed["feed_url"] == BASE + json_feed_path(lang)
        for item in feed["items"]:
            assert item["language"] == lang
            for key in ("date_published", "date_modified"):  # RFC 3339 (jsonschema has no date-time checker here)
                assert dt.datetime.fromisoformat(item[key]).tzinfo is not None
            assert item["content_text"] and item["url"].startswith(BASE)


def test_the_json_item_matches_the_atom_entry(written):
    item = json.loads(written[json_feed_path("fr")])["items"][0]
    page = next(p for p in first_release() if p.lang == "fr")
    assert item["id"] == entry_id(page)
    assert item["date_published"] == "2024-03-05T10:00:00+01:00" and item["date_modified"] == "2024-03-06T09:30:00+01:00"
    assert item["attachments"] == [{"url": d.url, "mime_type": d.media_type, "size_in_bytes": d.size,
                                    **({"title": d.title} if d.title else {})} for d in page.editions]
    assert item["image"] == page.image.url


def test_the_same_pages_give_the_same_bytes():
    first, second = {}, {}
    write_text_feeds(all_pages(), BASE, "OSCE", [], first.__setitem__)
    write_text_feeds(list(reversed(all_pages())), BASE, "OSCE", [], second.__setitem__)
    assert first == second


def test_a_correction_keeps_the_entry_id_and_first_date_and_marks_it_updated():
    page = second_release()[0]
    corrected = dataclasses.replace(page, title="Water diplomacy in Central Asia (corrected)",
                                    modified=page.published + dt.timedelta(days=2), correction="Date fixed.")
    before = feedparser.parse(atom_feed([page], BASE, "en", "T", "OSCE")).entries[0]
    after = feedparser.parse(atom_feed([corrected], BASE, "en", "T", "OSCE")).entries[0]
    assert after.id == before.id
    assert after.published == before.published == "2024-04-10T12:00:00+00:00"
    assert after.updated == "2024-04-12T12:00:00+00:00" and before.updated == before.published
    # Another base URL (a move of the site) keeps it too; another language or release does not.
    assert feedparser.parse(atom_feed([page], "https://new.example.org/", "en", "T", "OSCE")).entries[0].id == before.id
    assert len({entry_id(p) for p in all_pages()}) == len(all_pages())


def test_text_that_looks_like_markup_stays_text():
    pages = first_release(hostile=True)
    parsed = feedparser.parse(atom_feed(pages, BASE, "en", "T", "OSCE"))
    assert parsed.bozo == 0
    assert parsed.entries[0].title.endswith(HOSTILE)
    assert json.loads(json_feed(pages, BASE, "en", "T", "OSCE"))["items"][0]["title"].endswith(HOSTILE)


def test_html_content_is_escaped_html_and_an_empty_feed_is_dated_1970():
    page = dataclasses.replace(second_release()[0], content_html="<p>Water &amp; <em>diplomacy</em></p>")
    entry = feedparser.parse(atom_feed([page], BASE, "en", "T", "OSCE")).entries[0]
    assert entry.content[0].type == "text/html" and "<em>diplomacy</em>" in entry.content[0].value
    assert json.loads(json_feed([page], BASE, "en", "T", "OSCE"))["items"][0]["content_html"] == page.content_html
    empty = feedparser.parse(atom_feed([], BASE, "en", "T", "OSCE"))
    assert empty.bozo == 0 and empty.feed.updated == EPOCH.isoformat()
    jsonschema.validate(json.loads(json_feed([], BASE, "en", "T", "OSCE")), SCHEMA)
