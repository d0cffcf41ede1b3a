"""A page's <head> metadata, read back the way crawlers and link previews read it (extruct: JSON-LD and
Open Graph from the HTML): one NewsArticle with its fields, Open Graph and Twitter tags, alternates;
text that looks like markup stays text, and nothing can close the JSON-LD's script element."""

from __future__ import annotations

import dataclasses
import json

import extruct
from markupsafe import Markup

from pipeline.publish.site.meta import Link, feed_links, head_meta, news_article, og_locale, script_json

from ...support.public_pages import BASE, FIRST, HOSTILE, first_release, second_release


def page_html(head: Markup, lang: str) -> str:
    """A page with the metadata in its head, as a template would render it."""
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>Page</title>\n'
            f"{head}\n</head><body><main><h1>Page</h1></main></body></html>")


def extracted(page, **options) -> dict:
    return extruct.extract(page_html(head_meta(page).html(), page.lang), base_url=page.url,
                           syntaxes=["json-ld", "opengraph"], **options)


def pages_by_lang(**options):
    return {page.lang: page for page in first_release(**options)}


def test_one_news_article_per_page_with_its_fields():
    for page in first_release():
        articles = extracted(page)["json-ld"]
        assert len(articles) == 1
        article = articles[0]
        assert (article["@context"], article["@type"]) == ("https://schema.org", "NewsArticle")
        assert article["headline"] == page.title and article["description"] == page.summary
        assert article["inLanguage"] == page.lang and article["url"] == page.url
        assert article["datePublished"] == "2024-03-05T10:00:00+01:00"
        assert article["dateModified"] == ("2024-03-06T09:30:00+01:00" if page.lang == "fr"
                                           else "2024-03-05T10:00:00+01:00")
        assert article["publisher"] == {"@type": "Organization", "name": "OSCE"}
        assert article["image"]["url"] == page.image.url and article["image"]["caption"] == page.image.alt
        assert (article["image"]["width"], article["image"]["height"]) == (1200, 630)
        assert [media["contentUrl"] for media in article["associatedMedia"]] == [d.url for d in page.editions]


def test_the_other_language_versions():
    pages = pages_by_lang()
    source = extracted(pages["en"])["json-ld"][0]
    assert [(t["@id"], t["inLanguage"]) for t in source["workTranslation"]] == [
        (pages["es"].url, "es"), (pages["fr"].url, "fr")]
    assert "translationOfWork" not in source
    french = extracted(pages["fr"])["json-ld"][0]
    assert french["translationOfWork"]["@id"] == pages["en"].url
    assert french["translationOfWork"]["inLanguage"] == "en"
    assert [t["@id"] for t in french["translationOfWork"]["workTranslation"]] == [pages["es"].url]
    assert "workTranslation" not in french
    # A release in its source language alone names no other version.
    alone = news_article(second_release()[0])
    assert "workTranslation" not in alone and "translationOfWork" not in alone


def test_a_correction_is_a_correction_comment():
    pages = pages_by_lang()
    french = extracted(pages["fr"])["json-ld"][0]
    assert french["correction"] == {"@type": "CorrectionComment", "text": pages["fr"].correction,
                                    "datePublished": "2024-03-06T09:30:00+01:00"}
    assert "correction" not in extracted(pages["en"])["json-ld"][0]


def test_open_graph_and_twitter_card():
    page = pages_by_lang()["fr"]
    properties = extracted(page)["opengraph"][0]["properties"]
    assert properties[:6] == [("og:type", "article"), ("og:url", page.url), ("og:title", page.title),
                              ("og:description", page.summary), ("og:site_name", "OSCE"), ("og:locale", "fr_FR")]
    assert [value for key, value in properties if key == "og:locale:alternate"] == ["en_GB", "es_ES"]
    image = {key: value for key, value in properties if key.startswith("og:image")}
    assert image == {"og:image": page.image.url, "og:image:alt": page.image.alt, "og:image:type": "image/png",
                     "og:image:width": "1200", "og:image:height": "630"}
    twitter = {meta.key: meta.content for meta in head_meta(page).metas if meta.attribute == "name"}
    assert twitter == {"twitter:card": "summary_large_image", "twitter:title": page.title,
                       "twitter:description": page.summary, "twitter:image": page.image.url,
                       "twitter:image:alt": page.image.alt}
    without_image = {meta.key: meta.content for meta in head_meta(second_release()[0]).metas}
    assert without_image["twitter:card"] == "summary" and "og:image" not in without_image


def test_og_locale_is_cldrs_language_and_territory():
    assert [og_locale(lang) for lang in ("en", "fr", "de", "it", "ru", "es")] == [
        "en_GB", "fr_FR", "de_DE", "it_IT", "ru_RU", "es_ES"]


def test_canonical_and_alternates_with_x_default():
    page = pages_by_lang()["es"]
    links = [(link.rel, link.hreflang, link.href) for link in head_meta(page).links]
    assert links == [("canonical", None, page.url)] + [
        ("alternate", lang, f"{BASE}{FIRST}/{lang}/index.html") for lang in ("en", "es", "fr")] + [
        ("alternate", "x-default", f"{BASE}{FIRST}/en/index.html")]


def test_markup_in_a_release_stays_text_in_every_tag():
    page = pages_by_lang(hostile=True)["fr"]
    html = str(head_meta(page).html())
    assert "<script>alert" not in html and "<!--" not in html
    assert html.count("</script>") == 1  # the JSON-LD's own end
    found = extracted(page)
    assert found["json-ld"][0]["headline"] == page.title  # the whole title, HOSTILE included
    assert found["json-ld"][0]["headline"].endswith(HOSTILE)
    assert dict(found["opengraph"][0]["properties"])["og:title"] == page.title


def test_script_json_escapes_what_could_end_the_script_and_is_the_same_data():
    data = {"text": "</script><!-- & \u2028 >"}
    text = script_json(data)
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text) == data


def test_feed_links():
    feeds = {"title": "OSCE press releases", "atom": "feeds/en.atom", "json": "feeds/en.json"}
    links = feed_links(feeds, BASE)
    assert links == (Link("alternate", BASE + "feeds/en.atom", type="application/atom+xml", title=feeds["title"]),
                     Link("alternate", BASE + "feeds/en.json", type="application/feed+json", title=feeds["title"]))
    head = head_meta(dataclasses.replace(second_release()[0]), extra_links=links)
    assert str(head.links[-1].html()) == (
        f'<link rel="alternate" type="application/feed+json" title="OSCE press releases" href="{BASE}feeds/en.json">')
