"""The e-mail edition's HTML part (editions/email_html.py): its structure read back with lxml, a
right-to-left and a CJK release, a hostile one, and axe-core's WCAG 2.2 AA rules in headless Chromium
(the site's browser test's helpers)."""

from __future__ import annotations

from dataclasses import replace
from email import policy
from email.parser import BytesParser

import lxml.html
import pytest

from pipeline.editions import render
from pipeline.editions.email_html import mail_html, safe_href
from pipeline.release import Paragraph, Run

from ..publish.site.test_browser import AXE, CHROMEDRIVER, CHROMIUM, axe_violations, browser  # noqa: F401 (fixture)
from ..support.blocks import TEXTS, example_with_blocks
from ..support.mail import ARABIC_TITLE, CHINESE_TITLE, MailSettings, arabic_release, chinese_release, language_for_test


def html_part(release) -> str:
    """The HTML part as a mail client reads it from the message."""
    message = BytesParser(policy=policy.default).parsebytes(render("email", release, MailSettings()).data)
    return message.get_body(("html",)).get_content().replace("\r\n", "\n")


def tree(markup: str):
    return lxml.html.document_fromstring(markup)


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_structure_headings_tables_figures_notes_and_links_written_out():
    page = tree(html_part(example_with_blocks("fr")))
    root = page.getroottree().getroot()
    assert (root.get("lang"), root.get("dir")) == ("fr", "ltr")
    (article,) = page.xpath("//body/div[@role='article']")  # webmail drops <html>: lang and dir again here
    assert (article.get("lang"), article.get("dir")) == ("fr", "ltr")
    assert [text(h) for h in page.xpath("//h1")] == [example_with_blocks("fr").title]
    assert [text(h) for h in page.xpath("//h2")] == ["Recommendations", "Notes", "Contacts", "Liens"]
    assert page.xpath("//h2")[0].xpath("./span/@lang") == ["en"]  # the untranslated heading says it is English
    # Inline styles only: no stylesheet, no script, no handler.
    assert not page.xpath("//style | //link | //script | //form | //iframe | //object | //embed")
    assert not [name for element in page.iter() for name in element.attrib if name.startswith("on")]
    assert all(element.get("style") for element in page.xpath("//body//p | //body//h1 | //body//h2 | //body//a"))
    # The table: caption, a header row of <th scope="col">.
    (table,) = page.xpath("//table")
    assert text(table.xpath("./caption")[0]) == TEXTS["fr"]["caption"]
    assert [(text(th), th.get("scope")) for th in table.xpath("./thead/tr/th")] == [
        (header, "col") for header in TEXTS["fr"]["header"]]
    assert len(table.xpath("./tbody/tr")) == 3
    # Figures: the picture on the web with its alt text, the one beside the release by its Content-ID.
    images = page.xpath("//figure/img")
    assert [(image.get("src").split(":")[0], image.get("alt")) for image in images] == [
        ("https", TEXTS["fr"]["alt"]), ("cid", "")]
    assert page.xpath("//figure/figcaption")[1].text_content() == TEXTS["fr"]["chart caption"]
    # Footnotes: references link to the notes, and each note back to its first reference.
    references = page.xpath("//a[@role='doc-noteref']")
    assert [(a.get("href"), a.get("id"), text(a)) for a in references] == [
        ("#note-1", "ref-1", "1"), ("#note-2", "ref-2", "2")]
    notes = page.xpath("//ol/li[starts-with(@id, 'note-')]")
    assert [(li.get("id"), li.xpath(".//a[@role='doc-backlink']/@href")) for li in notes] == [
        ("note-1", ["#ref-1"]), ("note-2", ["#ref-2"])]
    # Every web address a link points to is written out in the text: as the link's own text, or under
    # "Liens" after the number the link is marked with.
    listed = [text(li) for li in page.xpath("//h2[.='Liens']/following-sibling::ul[1]/li")]
    for link in page.xpath("//a[starts-with(@href, 'http')]"):
        href = link.get("href")
        assert text(link) == href or any(item.endswith(f"] {href}") for item in listed), href
    assert "[2]" in text(page.xpath("//a[@href='https://www.osce.org/fom/safety-of-journalists']/..")[0])


def test_a_right_to_left_release():
    with language_for_test("ar"):
        markup = html_part(arabic_release())
    page = tree(markup)
    root = page.getroottree().getroot()
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    article = page.xpath("//div[@role='article']")[0]
    assert (article.get("lang"), article.get("dir")) == ("ar", "rtl")
    assert text(page.xpath("//h1")[0]) == ARABIC_TITLE
    english = page.xpath("//span[@lang='en']")
    assert [(text(span), span.get("dir")) for span in english] == [("Permanent Council", "ltr")]
    assert "text-align:right" in page.xpath("//caption")[0].get("style")  # the start side is the right
    assert [th.get("scope") for th in page.xpath("//th")] == ["col", "col"]
    # The Arabic paragraphs take the document's direction; the contacts, in Latin letters, run left to right.
    assert [(p.get("dir"), text(p).split(" ")[0]) for p in page.xpath("//p[@dir]")] == [
        ("ltr", "Press"), ("ltr", "Jana")]


def test_a_cjk_release():
    with language_for_test("zh"):
        page = tree(html_part(chinese_release()))
    root = page.getroottree().getroot()
    assert (root.get("lang"), root.get("dir")) == ("zh", "ltr")
    assert text(page.xpath("//h1")[0]) == CHINESE_TITLE
    assert text(page.xpath("//h2")[0]) == "建议"


def test_a_paragraph_in_the_other_direction_says_so():
    release = example_with_blocks("en")
    release = replace(release, blocks=(Paragraph((Run("שלום עולם, ברוכים הבאים", lang="he"),)), *release.blocks))
    page = tree(mail_html(release, "osce.org").document)
    paragraph = page.xpath("//p[@dir]")[0]
    assert paragraph.get("dir") == "rtl" and paragraph.xpath("./span/@lang") == ["he"]


def test_a_hostile_release_stays_text():
    release = example_with_blocks("en")
    hostile = replace(release, title='<script>alert("t")</script>', blocks=(
        Paragraph((Run("click", href="javascript:alert(1)"), Run(' <img src=x onerror="alert(2)">'))),
        *release.blocks))
    markup = mail_html(hostile, "osce.org").document
    page = tree(markup)
    assert not page.xpath("//script") and "javascript:" not in " ".join(page.xpath("//a/@href"))
    assert text(page.xpath("//h1")[0]) == '<script>alert("t")</script>'
    assert not [name for element in page.iter() for name in element.attrib if name.startswith("on")]
    assert safe_href(" JavaScript:alert(1)") is None and safe_href("mailto:a@b.org") == "mailto:a@b.org"


RELEASES = {
    "en": lambda: example_with_blocks("en"),
    "fr": lambda: example_with_blocks("fr"),
    "ar": arabic_release,
    "zh": chinese_release,
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", RELEASES)
def test_the_html_part_meets_wcag_22_aa_in_chromium(lang, browser, tmp_path):  # noqa: F811 (fixture)
    for needed in (CHROMIUM, CHROMEDRIVER, AXE):
        assert needed.exists(), f"{needed} is missing: `make setup` installs it"
    with language_for_test(lang) if lang in ("ar", "zh") else _nothing():
        markup = html_part(RELEASES[lang]())
    page = tmp_path / f"message.{lang}.html"
    page.write_text(markup, encoding="utf-8")
    browser.get(page.as_uri())
    assert browser.execute_script("return document.documentElement.lang") == lang
    assert browser.execute_script("return document.title")
    violations = axe_violations(browser)
    assert violations == [], f"{lang}: {violations}"


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False
