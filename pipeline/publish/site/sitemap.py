"""`sitemap.xml` and `robots.txt` for search engines: public pages only.

The sitemap follows the sitemaps.org protocol 0.9 with the language
alternates search engines read (the `xhtml:link` extension): each public
page is a `<url>` with its `<loc>`, its `<lastmod>` (the latest correction,
else the publication) and one `xhtml:link rel="alternate" hreflang` per
public language version of the same release, itself included, plus
`hreflang="x-default"` for the source language's page. The site's index
comes first. A page's `<head>` says the same (meta.py `head_meta`), from the
same `PublicPage.siblings`, so the two never disagree.

`robots.txt` allows everything and names the sitemap's absolute address.
Crawlers read it only at the root of a host: when the output folder is
published below the root (`https://example.org/releases/`), the host's own
robots.txt must name the sitemap instead.

No clock: the same pages give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

from lxml import etree

from .pages import PublicPage, rfc3339

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
X_DEFAULT = "x-default"
MAX_URLS = 50_000  # the protocol's limit for one sitemap file


def sitemap_xml(pages: Iterable[PublicPage], base_url: str, index: bool = True) -> bytes:
    """The sitemap of the public pages (and the site's index page, `index=True`, first)."""
    pages = sorted(pages, key=lambda page: (page.release_id, page.lang != page.source_lang, page.lang))
    if len(pages) + index > MAX_URLS:
        raise ValueError(f"{len(pages)} pages: a sitemap holds at most {MAX_URLS} addresses")
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    if index:
        newest = max((page.updated for page in pages), default=None)
        _url(urlset, base_url + "index.html", newest, {})
    for page in pages:
        alternates = dict(page.siblings)
        if page.x_default:
            alternates[X_DEFAULT] = page.x_default
        _url(urlset, page.url, page.updated, alternates)
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _url(urlset: etree._Element, loc: str, lastmod: dt.datetime | None, alternates: dict[str, str]) -> None:
    url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
    etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = loc
    if lastmod is not None:
        etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = rfc3339(lastmod)
    for hreflang, href in alternates.items():
        etree.SubElement(url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": hreflang, "href": href})


def robots_txt(base_url: str, disallow: Sequence[str] = ()) -> bytes:
    """Every crawler may read everything but `disallow` (paths below the base URL, e.g. "preview/");
    the sitemap's absolute address."""
    root = urlsplit(base_url).path or "/"
    lines = ["User-agent: *"]
    lines += [f"Disallow: {root}{path.lstrip('/')}" for path in disallow] or ["Allow: /"]
    lines += ["", f"Sitemap: {base_url}{SITEMAP}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_sitemap(pages: Iterable[PublicPage], base_url: str, write: Callable[[str, bytes], None],
                  disallow: Sequence[str] = ()) -> list[str]:
    """Write `sitemap.xml` and `robots.txt` at the site's root; returns their paths."""
    write(SITEMAP, sitemap_xml(pages, base_url))
    write(ROBOTS, robots_txt(base_url, disallow))
    return [SITEMAP, ROBOTS]
