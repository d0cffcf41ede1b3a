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
    assert "preview: 2 releases" in out and "public: 2 releases" in out
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


# --- pictures, tables and footnotes (issue 23) ------------------------------------------------

WITH_BLOCKS = """# Attacks on journalists rose in 2023

VIENNA, 4 March 2024 – The Representative recorded 1,248 attacks on media workers.[^1]

![The Representative presents the report to the Permanent Council](photos/report.png "Photo: OSCE/Jane Doe")

*The report was presented in Vienna.*

Table 1: Attacks by year

| Year | Attacks | Change |
|------|--------:|--------|
| 2022 | 1,109 | – |
| 2023 | 1,248 | 12.5% |

![Map of the OSCE region](https://www.osce.org/files/map.jpg)

She thanked the hosts.[^2]

[^1]: Counted by the Representative's office.
[^2]: The conference took place in Vienna.
"""


def write_release_with_blocks(directory: Path, picture: bytes | None = None) -> Path:
    """A release with a picture beside it (a PNG made here), a picture on the web, a table and two footnotes."""
    from ...support.pictures import png

    photos = directory / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    (photos / "report.png").write_bytes(picture or png(60, 40))
    return write(directory / "blocks.md", WITH_BLOCKS)


def test_pictures_tables_and_footnotes_on_the_page(project, cli):
    from ...support.pictures import png

    source = write_release_with_blocks(project)
    code, out, err = cli("run", source, "--langs", "fr", "--editions", "text,json")
    assert code == 0, err
    (release,) = (project / "outputs").glob("2024-03-04*")
    (image,) = (release / "images").iterdir()  # published with the release, named by its checksum
    assert image.read_bytes() == (project / "photos" / "report.png").read_bytes() and image.suffix == ".png"
    html = (release / "en" / "index.html").read_text()
    assert (f'<img src="../images/{image.name}" alt="The Representative presents the report to the Permanent '
            'Council" loading="lazy">') in html
    assert re.search(r"<figcaption>The report was presented in Vienna\.<br><span class=\"credit\">Photo: OSCE/Jane Doe"
                     r"</span></figcaption>", html)
    assert '<img src="https://www.osce.org/files/map.jpg" alt="Map of the OSCE region" referrerpolicy="no-referrer"' in html
    assert "<caption>Table 1: Attacks by year</caption>" in html
    # Columns of quantities are right-aligned (as in the text edition), a dash being no value.
    assert ('<th scope="col" class="right">Year</th><th scope="col" class="right">Attacks</th>'
            '<th scope="col" class="right">Change</th>') in html
    assert html.count('role="doc-noteref"') == 2 and html.count('role="doc-backlink"') == 2
    assert '<a href="#note-1" id="ref-1" role="doc-noteref"><sup>1</sup></a>' in html
    assert '<li id="note-1"><p><a href="#ref-1" role="doc-backlink">1</a> Counted by' in html
    assert re.search(r'<section class="notes" role="doc-endnotes" aria-labelledby="notes">\s*<h2 id="notes">Notes</h2>',
                     html)
    french = (release / "fr" / "index.html").read_text()
    assert f'<img src="../images/{image.name}"' in french and '<h2 id="notes">Notes</h2>' in french
    # A new picture replaces the old one (the old file goes with the release's previous version).
    write_release_with_blocks(project, png(10, 10, (200, 30, 30)))
    code, out, err = cli("run", source, "--langs", "fr", "--editions", "text,json")
    assert code == 0, err
    (replaced,) = (release / "images").iterdir()
    assert replaced.name != image.name and f"../images/{replaced.name}" in (release / "en" / "index.html").read_text()


def test_right_to_left_text_is_set_right_to_left_on_the_page(project, cli):
    """A Hebrew and Arabic quotation in an English release: the paragraph and the runs carry `dir`."""
    source = Path(__file__).parents[2] / "data" / "shapes" / "joint-statement-hebrew-arabic.md"
    code, out, err = cli("run", source, "--langs", "es", "--editions", "text,json")
    assert code in (0, 1), err
    (page,) = (project / "outputs").glob("*/en/index.html")
    html = page.read_text()
    assert '<p dir="rtl"' in html and '<span dir="rtl"' in html and '<html lang="en" dir="ltr">' in html
