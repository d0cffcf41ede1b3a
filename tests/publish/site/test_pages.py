"""PublicPage, the input of the text feeds, sitemap, head metadata, card and statement: checked when made,
its language versions in one order, and its summary and text read from a JSON edition."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pipeline.publish.site.pages import Download, Image, PublicPage, by_date, content_of, rfc3339, shorten, summary_of

from ...support.public_pages import BASE, FIRST, SECOND, all_pages, first_release, page_url

PUBLISHED = dt.datetime(2024, 3, 5, 10, tzinfo=dt.timezone.utc)


def make(**changes) -> PublicPage:
    values = dict(release_id="r", lang="fr", url=f"{BASE}r/fr/index.html", title="Titre", summary="Résumé",
                  content="Texte", published=PUBLISHED, organisation="OSCE", source_lang="en")
    return PublicPage(**{**values, **changes})


def test_siblings_source_first_and_x_default():
    pages = {page.lang: page for page in first_release()}
    expected = {lang: page_url(FIRST, lang) for lang in ("en", "es", "fr")}
    for page in pages.values():
        assert page.siblings == expected and list(page.siblings) == ["en", "es", "fr"]
        assert page.x_default == expected["en"]
        assert page.lang not in page.alternates
    assert pages["fr"].is_translation and not pages["en"].is_translation
    without_source = first_release(("fr", "es"))[0]
    assert without_source.x_default is None and list(without_source.siblings) == ["es", "fr"]


def test_dates_are_aware_and_updated_is_the_latest_correction():
    with pytest.raises(ValueError, match="aware"):
        make(published=dt.datetime(2024, 3, 5, 10))
    with pytest.raises(ValueError, match="modified"):
        make(modified=dt.datetime(2024, 3, 6))
    assert make().updated == PUBLISHED
    corrected = make(modified=PUBLISHED + dt.timedelta(days=1))
    assert corrected.updated == PUBLISHED + dt.timedelta(days=1)
    assert rfc3339(dt.datetime(2024, 3, 5, 10, 0, 0, 123, tzinfo=dt.timezone(dt.timedelta(hours=1)))) == \
        "2024-03-05T10:00:00+01:00"


def test_addresses_are_absolute():
    for changes in ({"url": "/r/fr/index.html"}, {"alternates": {"en": "../en/index.html"}},
                    {"editions": [("pdf", "r.fr.pdf", "application/pdf", 1)]}, {"url": "javascript:alert(1)"}):
        with pytest.raises(ValueError, match="absolute"):
            make(**changes)


def test_tuples_become_the_named_types():
    page = make(editions=[("pdf", f"{BASE}r.pdf", "application/pdf", 10)], image=(f"{BASE}c.png", "Alt"))
    assert page.editions == (Download("pdf", f"{BASE}r.pdf", "application/pdf", 10, None),)
    assert page.image == Image(f"{BASE}c.png", "Alt") and page.image.width is None
    assert dataclasses.replace(page, title="Autre").editions == page.editions


def test_newest_first_in_one_order():
    ordered = by_date(all_pages())
    assert [(p.release_id, p.lang) for p in ordered] == [(SECOND, "en"), (FIRST, "en"), (FIRST, "es"), (FIRST, "fr")]
    assert by_date(list(reversed(all_pages()))) == ordered


JSON_EDITION = {
    "title": "Titre", "dateline": "VIENNE, 5 mars 2024",
    "notices": ["Ceci est une traduction automatique."],
    "blocks": [
        {"kind": "heading", "level": 2, "runs": [{"text": "Contexte"}]},
        {"kind": "paragraph", "runs": [{"text": "Le premier "}, {"text": "paragraphe", "strong": True},
                                       {"text": " est le chapeau."}]},
        {"kind": "quote", "paragraphs": [[{"text": "Une citation."}]]},
        {"kind": "list", "ordered": False, "start": None, "items": [[{"text": "un"}], [{"text": "deux"}]]},
        {"kind": "table", "header": [[{"text": "A"}], [{"text": "B"}]], "rows": [[[{"text": "1"}], [{"text": "2"}]]],
         "caption": [{"text": "Tableau 1"}], "align": [None, None]},
        {"kind": "figure", "src": "x.png", "alt": "Une photo", "caption": [], "credit": []},
    ],
}


def test_summary_and_text_from_a_json_edition():
    assert summary_of(JSON_EDITION) == "Le premier paragraphe est le chapeau."
    assert content_of(JSON_EDITION) == (
        "Titre\n\nVIENNE, 5 mars 2024\n\nCeci est une traduction automatique.\n\nContexte\n\n"
        "Le premier paragraphe est le chapeau.\n\nUne citation.\n\nun\ndeux\n\nA | B\n1 | 2\n\nTableau 1\n\nUne photo")
    assert summary_of({"title": "Seulement un titre", "blocks": []}) == "Seulement un titre"


def test_a_long_summary_is_cut_at_a_word():
    words = "mot " * 200
    cut = shorten(words.strip(), 50)
    assert len(cut) <= 50 and cut.endswith("mot…")
    assert shorten("court", 50) == "court"
