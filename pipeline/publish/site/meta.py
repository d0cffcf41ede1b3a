"""A public page's `<head>` metadata: for search engines, link previews and
structured data, as data a template renders (`HeadMeta`) or as one escaped
HTML string (`HeadMeta.html()`).

- `<link rel="canonical">`, and `<link rel="alternate" hreflang>` for every
  public language version (the page itself included) and `x-default` (the
  source language's page): the same set as the page's `<url>` in
  sitemap.xml, both from `PublicPage.siblings`.
- Open Graph (https://ogp.me/): og:type article, og:url, og:title,
  og:description, og:site_name, og:locale in CLDR's `fr_FR` form (Babel; a
  tag without a territory takes CLDR's likely one) and og:locale:alternate
  per other public language, og:image with og:image:alt, width, height and
  type (the card, card.py), article:published_time / modified_time.
- A Twitter card: summary_large_image with its image and alt text (summary
  without an image).
- schema.org `NewsArticle` JSON-LD: headline, description, inLanguage,
  datePublished, dateModified, url, publisher and author (Organization),
  image (ImageObject), the editions (associatedMedia), the other language
  versions (`workTranslation` on the source language's page; on a
  translation, `translationOfWork`: the source, with its other public
  translations as its `workTranslation`), and `correction` (a
  CorrectionComment with the note and its date) when corrected.

The JSON-LD is safe inside `<script type="application/ld+json">`: `<`, `>`
and `&` (and U+2028/U+2029) are written as `\\u003c` …, so no text of a
release can close the script element or start a comment; the JSON stays the
same data for any JSON parser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.core import get_global
from markupsafe import Markup

from ...languages import language
from .pages import PublicPage, rfc3339
from .sitemap import X_DEFAULT
from .textfeeds import ATOM_TYPE, JSON_FEED_TYPE

SCHEMA_ORG = "https://schema.org"
# What may not appear as itself in a <script> element's JSON: each as its JSON \u escape.
SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
AUDIO_PREFIX = "audio/"


@dataclass(frozen=True)
class Link:
    rel: str
    href: str
    hreflang: str | None = None
    type: str | None = None
    title: str | None = None

    def html(self) -> Markup:
        attributes = [("rel", self.rel), ("hreflang", self.hreflang), ("type", self.type), ("title", self.title),
                      ("href", self.href)]
        return Markup("<link{}>").format(Markup("").join(
            Markup(' {}="{}"').format(Markup(name), value) for name, value in attributes if value is not None))


@dataclass(frozen=True)
class Meta:
    """`<meta property="og:…" content="…">` (Open Graph) or `<meta name="twitter:…" content="…">`."""

    attribute: str  # "property" or "name"
    key: str
    content: str

    def html(self) -> Markup:
        return Markup('<meta {}="{}" content="{}">').format(Markup(self.attribute), self.key, self.content)


@dataclass(frozen=True)
class HeadMeta:
    links: tuple[Link, ...]
    metas: tuple[Meta, ...]
    json_ld: str  # the script element's text, already safe (`script_json`)

    def html(self) -> Markup:
        """Every element, one a line, escaped: `{{ head.html() }}` in a template."""
        lines = [link.html() for link in self.links] + [meta.html() for meta in self.metas]
        lines.append(Markup('<script type="application/ld+json">{}</script>').format(Markup(self.json_ld)))
        return Markup("\n").join(lines)


def head_meta(page: PublicPage, extra_links: tuple[Link, ...] = ()) -> HeadMeta:
    """The metadata of one public page; `extra_links`: e.g. its language's feeds (`feed_links`)."""
    return HeadMeta((*alternate_links(page), *extra_links), (*open_graph(page), *twitter_card(page)),
                    script_json(news_article(page)))


def alternate_links(page: PublicPage) -> tuple[Link, ...]:
    links = [Link("canonical", page.url)]
    links += [Link("alternate", url, hreflang=lang) for lang, url in page.siblings.items()]
    if page.x_default:
        links.append(Link("alternate", page.x_default, hreflang=X_DEFAULT))
    return tuple(links)


def feed_links(feeds: dict[str, str], base_url: str, title: str | None = None) -> tuple[Link, ...]:
    """`<link rel="alternate">` to one language's text feeds: `feeds` as `write_text_feeds` returns
    them per language ({"title", "atom", "json"}), paths made absolute with `base_url`."""
    title = title or feeds.get("title")
    return (Link("alternate", base_url + feeds["atom"], type=ATOM_TYPE, title=title),
            Link("alternate", base_url + feeds["json"], type=JSON_FEED_TYPE, title=title))


# --- Open Graph and the Twitter card -------------------------------------------------------------


@cache
def og_locale(lang: str) -> str:
    """The language's locale as Open Graph writes it, `fr_FR`: from its CLDR locale (languages/),
    with CLDR's likely territory where it names none."""
    locale = Locale.parse(language(lang).locale)
    if not locale.territory:
        likely = get_global("likely_subtags").get(locale.language)
        locale = Locale.parse(likely) if likely else locale
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def open_graph(page: PublicPage) -> tuple[Meta, ...]:
    def og(key: str, content: str | int) -> Meta:
        return Meta("property", key, str(content))

    metas = [og("og:type", "article"), og("og:url", page.url), og("og:title", page.title),
             og("og:description", page.summary), og("og:site_name", page.organisation),
             og("og:locale", og_locale(page.lang))]
    metas += [og("og:locale:alternate", og_locale(lang)) for lang in page.alternates]
    if page.image:
        image = page.image
        metas += [og("og:image", image.url), og("og:image:alt", image.alt)]
        metas += [og(key, value) for key, value in (("og:image:type", image.media_type),
                                                    ("og:image:width", image.width),
                                                    ("og:image:height", image.height)) if value is not None]
    metas.append(og("article:published_time", rfc3339(page.published)))
    if page.modified:
        metas.append(og("article:modified_time", rfc3339(page.modified)))
    return tuple(metas)


def twitter_card(page: PublicPage) -> tuple[Meta, ...]:
    def tw(key: str, content: str) -> Meta:
        return Meta("name", key, content)

    metas = [tw("twitter:card", "summary_large_image" if page.image else "summary"),
             tw("twitter:title", page.title), tw("twitter:description", page.summary)]
    if page.image:
        metas += [tw("twitter:image", page.image.url), tw("twitter:image:alt", page.image.alt)]
    return tuple(metas)


# --- schema.org NewsArticle -------------------------------------------------------------------------


def news_article(page: PublicPage) -> dict:
    """The page's NewsArticle, as JSON-LD data."""
    organisation = {"@type": "Organization", "name": page.organisation}
    article: dict = {
        "@context": SCHEMA_ORG,
        "@type": "NewsArticle",
        "@id": page.url,
        "url": page.url,
        "mainEntityOfPage": page.url,
        "headline": page.title,
        "description": page.summary,
        "inLanguage": page.lang,
        "datePublished": rfc3339(page.published),
        "dateModified": rfc3339(page.updated),
        "publisher": organisation,
        "author": organisation,
        "isAccessibleForFree": True,
    }
    if page.image:
        image = {"@type": "ImageObject", "url": page.image.url, "contentUrl": page.image.url,
                 "caption": page.image.alt}
        image.update({key: value for key, value in (("width", page.image.width), ("height", page.image.height),
                                                    ("encodingFormat", page.image.media_type)) if value})
        article["image"] = image
    if page.editions:
        article["associatedMedia"] = [
            {"@type": "AudioObject" if edition.media_type.startswith(AUDIO_PREFIX) else "MediaObject",
             "contentUrl": edition.url, "encodingFormat": edition.media_type, "inLanguage": page.lang,
             **({"name": edition.title} if edition.title else {})}
            for edition in page.editions]
    versions = page.siblings
    source = versions.get(page.source_lang)
    translations = [version(lang, url) for lang, url in versions.items() if lang != page.source_lang]
    if not page.is_translation and translations:
        article["workTranslation"] = translations
    elif page.is_translation and source:
        others = [item for item in translations if item["@id"] != page.url]
        article["translationOfWork"] = {**version(page.source_lang, source),
                                        **({"workTranslation": others} if others else {})}
    if page.correction:
        article["correction"] = {"@type": "CorrectionComment", "text": page.correction,
                                 "datePublished": rfc3339(page.updated)}
    return article


def version(lang: str, url: str) -> dict:
    """Another language version of the release, as a reference to its own NewsArticle."""
    return {"@type": "NewsArticle", "@id": url, "url": url, "inLanguage": lang}


def script_json(data: dict) -> str:
    """JSON for a `<script type="application/ld+json">` element: nothing in it can end the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for character, escaped in SCRIPT_SAFE.items():
        text = text.replace(character, escaped)
    return text
