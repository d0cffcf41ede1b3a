"""The public tree's site on a real run: feeds, sitemap, metadata, cards and statements, for
public pages only (a draft or an embargoed release appears in none of them)."""

from __future__ import annotations

import json
from pathlib import Path

import extruct
import feedparser
import pytest
from lxml import etree

from ...conftest import EXAMPLE, write

RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"
SCHEMAS = Path(__file__).parents[2] / "data" / "schemas"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def public(project, cli) -> Path:
    """The example in English, Spanish (approved by policy `machine`) and an embargoed second release."""
    write(project / "release-pipeline.toml", 'editions = ["text", "pdf", "json"]\nlanguages = ["es"]\n'
          'base-url = "https://press.example.org/releases/"\npublish = "machine"\n')
    embargoed = write(project / "embargoed.md", "---\nid: later-release\nembargo: 2099-01-01T10:00+01:00\n---\n"
                      + EXAMPLE.read_text())
    code, out, err = cli("run", EXAMPLE, embargoed, "--now", "2024-03-05T09:00+01:00")
    assert code in (0, 1), err
    return project / "public"


def test_feeds_sitemap_and_metadata_cover_the_public_pages_only(public):
    sitemap = etree.parse(str(public / "sitemap.xml"))
    etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-xhtml.xsd"))).assertValid(sitemap)
    locations = sitemap.xpath("//s:url/s:loc/text()", namespaces=SITEMAP_NS)
    assert f"https://press.example.org/releases/{RELEASE_ID}/es/index.html" in locations
    assert not [url for url in locations if "later-release" in url]
    for lang in ("en", "es"):
        atom = feedparser.parse((public / "feeds" / f"{lang}.atom").read_bytes())
        assert not atom.bozo and [entry.title for entry in atom.entries]
        assert all(entry.get("language", lang) == lang for entry in atom.entries)
        assert "later-release" not in (public / "feeds" / f"{lang}.json").read_text()
        page = (public / RELEASE_ID / lang / "index.html").read_text()
        data = extruct.extract(page, base_url=f"https://press.example.org/releases/{RELEASE_ID}/{lang}/",
                               syntaxes=["json-ld"])["json-ld"]
        (article,) = [item for item in data if item.get("@type") == "NewsArticle"]
        assert article["inLanguage"] == lang and article["headline"] and article["datePublished"]
        alternates = set(etree.HTML(page).xpath('//link[@rel="alternate"][@hreflang]/@href'))
        in_sitemap = set(sitemap.xpath(f'//s:url[s:loc="https://press.example.org/releases/{RELEASE_ID}/{lang}/'
                                       'index.html"]/x:link/@href', namespaces=SITEMAP_NS))
        assert alternates == in_sitemap
        card = etree.HTML(page).xpath('//meta[@property="og:image"]/@content')[0]
        alt = etree.HTML(page).xpath('//meta[@property="og:image:alt"]/@content')[0]
        assert (public / card.removeprefix("https://press.example.org/releases/")).read_bytes()[:4] == b"\x89PNG"
        assert alt and "OSCE" in alt
    assert "later-release" not in (public / "index.html").read_text()
    assert not (public / "later-release").exists()


def test_the_statement_lists_the_checks_that_ran_and_changes_when_one_fails(public, project, cli):
    statement = (public / RELEASE_ID / "en" / "accessibility.html").read_text()
    assert "page-validation (PDF/UA-1)" in statement and "passed" in statement
    page = (public / RELEASE_ID / "en" / "index.html").read_text()
    assert 'href="accessibility.html"' in page
    checks = json.loads((public / RELEASE_ID / "checks.json").read_text())
    assert {record["validator"] for record in checks["records"]} >= {"page-validation (PDF/UA-1)"}
    # A failed check, as the archive keeps it: the next public tree says so.
    (kept,) = (project / "outputs" / ".archive" / RELEASE_ID / "en" / "v1").glob("checks-*.json")
    records = json.loads(kept.read_text())
    for record in records["records"]:
        record["passed"] = False
    kept.write_text(json.dumps(records))
    cli("publish", "--now", "2024-03-05T09:30+01:00")
    failed = (public / RELEASE_ID / "en" / "accessibility.html").read_text()
    assert failed != statement and "failed" in failed
