"""sitemap.xml and robots.txt: valid against the sitemaps.org 0.9 schema with the xhtml:link extension
(vendored in tests/data/schemas/, no network), each page's alternates the same as its <head>'s, public
pages only."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.publish.site.meta import alternate_links
from pipeline.publish.site.sitemap import ROBOTS, SITEMAP, robots_txt, sitemap_xml, write_sitemap

from ...support.public_pages import BASE, FIRST, SECOND, all_pages, first_release, second_release

SCHEMAS = Path(__file__).parents[2] / "data" / "schemas"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-xhtml.xsd"), PARSER))


def urls(data: bytes) -> dict[str, dict]:
    """loc → {"lastmod", "alternates": {hreflang: href}}, in document order."""
    found = {}
    for url in etree.fromstring(data, PARSER).iterfind("s:url", NS):
        found[url.findtext("s:loc", namespaces=NS)] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {link.get("hreflang"): link.get("href") for link in url.iterfind("x:link", NS)},
        }
    return found


def test_the_sitemap_validates_against_the_sitemaps_schema_with_the_xhtml_extension(schema):
    data = sitemap_xml(all_pages(), BASE)
    assert schema.validate(etree.fromstring(data, PARSER)), schema.error_log
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


def test_the_schema_is_really_checked(schema):
    """The vendored schemas refuse what search engines refuse: a wrong hreflang, a relative address, a
    bad date, an unknown element."""
    good = sitemap_xml(first_release(), BASE)
    for bad in (good.replace(b'hreflang="es"', b'hreflang="Spanish please"'),
                good.replace(f'href="{BASE}'.encode(), b'href="/releases/', 1),
                good.replace(b"<lastmod>2024", b"<lastmod>March 2024", 1),
                good.replace(b"<xhtml:link ", b"<xhtml:meta ", 1)):
        assert bad != good
        assert not schema.validate(etree.fromstring(bad, PARSER))


def test_every_public_page_once_with_every_language_version_and_x_default():
    found = urls(sitemap_xml(all_pages(), BASE))
    assert list(found) == [
        f"{BASE}index.html",
        *(f"{BASE}{FIRST}/{lang}/index.html" for lang in ("en", "es", "fr")),  # the source first
        f"{BASE}{SECOND}/en/index.html"]
    versions = {lang: f"{BASE}{FIRST}/{lang}/index.html" for lang in ("en", "es", "fr")}
    for lang in ("en", "es", "fr"):
        assert found[versions[lang]]["alternates"] == {**versions, "x-default": versions["en"]}
    assert found[f"{BASE}{SECOND}/en/index.html"]["alternates"] == {
        "en": f"{BASE}{SECOND}/en/index.html", "x-default": f"{BASE}{SECOND}/en/index.html"}
    assert found[f"{BASE}{FIRST}/fr/index.html"]["lastmod"] == "2024-03-06T09:30:00+01:00"  # the correction
    assert found[f"{BASE}{FIRST}/en/index.html"]["lastmod"] == "2024-03-05T10:00:00+01:00"
    assert found[f"{BASE}index.html"]["lastmod"] == "2024-04-10T12:00:00+00:00"  # the newest change


def test_each_pages_head_alternates_match_the_sitemap():
    found = urls(sitemap_xml(all_pages(), BASE))
    for page in all_pages():
        links = alternate_links(page)
        assert [(link.rel, link.href) for link in links[:1]] == [("canonical", page.url)]
        head = {link.hreflang: link.href for link in links if link.rel == "alternate"}
        assert head == found[page.url]["alternates"]


def test_only_public_pages_appear():
    """A language that is not public (Spanish here) is neither a page nor an alternate of another."""
    data = sitemap_xml(first_release(("en", "fr")) + second_release(), BASE)
    assert b"/es/" not in data and b'hreflang="es"' not in data
    # Without its source language public, a release has no x-default.
    assert b"x-default" not in sitemap_xml(first_release(("fr",)), BASE)


def test_the_same_pages_give_the_same_bytes_whatever_their_order():
    assert sitemap_xml(all_pages(), BASE) == sitemap_xml(list(reversed(all_pages())), BASE)


def test_robots_txt_names_the_sitemap():
    assert robots_txt(BASE) == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n".encode()
    assert robots_txt(BASE, disallow=["preview/"]) == (
        f"User-agent: *\nDisallow: /releases/preview/\n\nSitemap: {BASE}sitemap.xml\n".encode())
    written = {}
    assert write_sitemap(all_pages(), BASE, written.__setitem__) == [SITEMAP, ROBOTS]
    assert written[SITEMAP] == sitemap_xml(all_pages(), BASE) and written[ROBOTS] == robots_txt(BASE)
