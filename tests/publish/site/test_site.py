"""The download site, without a browser: structure, escaping, incremental refresh (the feeds: test_feeds.py)."""

import re
from pathlib import Path

import pytest

from pipeline.publish.site import safe_href

from ...conftest import EXAMPLE, write

HOSTILE = """# Budget <script>alert(1)</script> news

VIENNA, 1 March 2024 – Read [this](javascript:alert(2)) and <img src=x onerror=alert(3)> now.
"""


@pytest.fixture
def site(project, cli) -> Path:
    hostile = write(project / "hostile.md", HOSTILE)
    code, out, err = cli("run", EXAMPLE, hostile, "--langs", "fr,de", "--editions", "text,json")
    assert code == 0, err
    assert "site: 2 releases" in out
    return project / "outputs"


def test_a_page_per_release_and_language_and_an_index(site):
    pages = sorted(str(p.relative_to(site)) for p in site.glob("*/*/index.html"))
    assert len(pages) == 6 and (site / "index.html").exists() and (site / "site.css").exists()
    index = (site / "index.html").read_text()
    assert index.index("OSCE Representative") < index.index("Budget")  # newest first: 5 March, then 1 March
    french = next(site.glob("2024-03-05*/fr/index.html")).read_text()
    assert '<html lang="fr" dir="ltr">' in french and french.count("<h1") == 1
    assert 'hreflang="de" lang="de">Deutsch</a>' in french and 'aria-current="page">français</a>' in french
    assert "Aller au contenu" in french and "Télécharger l’édition texte brut (français, 2\u202fko)" in french
    german = next(site.glob("2024-03-05*/de/index.html")).read_text()
    assert '<span lang="en">' in german  # untranslated sentences are marked as English
    # No engine for German, but the fixed phrases ("Contacts" …) come from the label catalogs: partly translated.
    assert "Prüfstatus: teilweise übersetzt; der Rest ist auf Englisch" in german
    # … and every download says that its text is mostly English; the French ones (machine-translated) do not.
    assert "Ausgabe als reiner Text herunterladen (Deutsch; größtenteils auf Englisch, 2 kB)" in german
    assert "en majeure partie" not in french


def test_everything_from_a_release_is_escaped(site):
    for page in site.glob("2024-03-01*/*/index.html"):
        html = page.read_text()
        assert "<script" not in html and "<img" not in html
        assert not re.search(r'href="\s*javascript:', html, re.I)
    english = next(site.glob("2024-03-01*/en/index.html")).read_text()
    assert "<h1>Budget &lt;script&gt;alert(1)&lt;/script&gt; news</h1>" in english


@pytest.mark.parametrize("href, safe", [
    ("https://www.osce.org/", "https://www.osce.org/"), ("mailto:press@osce.org", "mailto:press@osce.org"),
    ("javascript:alert(1)", None), (" JavaScript:alert(1)", None), ("data:text/html,<b>", None), ("vbscript:x", None),
])
def test_only_harmless_links_are_links(href, safe):
    assert safe_href(href) == safe


def test_publish_is_incremental_and_needs_outputs(site, cli, project):
    code, out, err = cli("run", EXAMPLE, "--langs", "fr", "--editions", "text,audio,json")  # with a feed
    assert code == 0, err
    code, out, err = cli("publish")
    assert code == 0 and ", 0 files written," in out
    (project / "outputs").rename(project / "elsewhere")
    code, out, err = cli("publish")
    assert code == 2 and "no output folder yet" in err
