"""Public pages (pipeline/publish/site/pages.py) for the tests of what is built from them: two
releases, the first in English (its source), French and Spanish, corrected once in French; the second
in English only. Their texts carry characters that markup and scripts must escape."""

from __future__ import annotations

import datetime as dt

from pipeline.publish.site.pages import Download, Image, PublicPage

BASE = "https://press.example.org/releases/"
VIENNA = dt.timezone(dt.timedelta(hours=1))
FIRST, SECOND = "osce-2024-03-05-media", "osce-2024-04-10-water"
HOSTILE = "</script><script>alert(1)</script> & <!-- “quoted” -->"

TITLES = {
    "en": "OSCE media freedom representative presents annual report",
    "fr": "La représentante de l’OSCE pour la liberté des médias présente son rapport annuel",
    "es": "La representante de la OSCE para la libertad de los medios presenta su informe anual",
}
CONTENT = {
    "en": "VIENNA, 5 March 2024 – The representative presented the report.\n\nJournalists are at risk.",
    "fr": "VIENNE, 5 mars 2024 – La représentante a présenté le rapport.\n\nLes journalistes sont en danger.",
    "es": "VIENA, 5 de marzo de 2024 – La representante presentó el informe.\n\nLos periodistas corren peligro.",
}
DATELINES = {"en": "VIENNA, 5 March 2024", "fr": "VIENNE, 5 mars 2024", "es": "VIENA, 5 de marzo de 2024"}


def page_url(release: str, lang: str) -> str:
    return f"{BASE}{release}/{lang}/index.html"


def editions(release: str, lang: str) -> tuple[Download, ...]:
    folder = f"{BASE}{release}/{lang}/{release}.{lang}"
    return (Download("pdf", f"{folder}.pdf", "application/pdf", 48_213, "PDF"),
            Download("audio", f"{folder}.mp3", "audio/mpeg", 1_204_000),
            Download("text", f"{folder}.txt", "text/plain", 2_048))


def first_release(langs: tuple[str, ...] = ("en", "fr", "es"), hostile: bool = False) -> list[PublicPage]:
    published = dt.datetime(2024, 3, 5, 10, 0, tzinfo=VIENNA)
    pages = []
    for lang in langs:
        corrected = lang == "fr"
        pages.append(PublicPage(
            release_id=FIRST, lang=lang, url=page_url(FIRST, lang),
            title=TITLES[lang] + (" " + HOSTILE if hostile else ""),
            summary=CONTENT[lang].split("\n\n")[0] + (" " + HOSTILE if hostile else ""),
            content=CONTENT[lang], published=published, organisation="OSCE", source_lang="en",
            modified=dt.datetime(2024, 3, 6, 9, 30, tzinfo=VIENNA) if corrected else None,
            correction="Le chiffre du deuxième paragraphe a été corrigé." if corrected else None,
            alternates={other: page_url(FIRST, other) for other in langs},
            editions=editions(FIRST, lang),
            image=Image(f"{BASE}{FIRST}/{lang}/card.0123456789ab.png", f"Card: {TITLES[lang]}", 1200, 630,
                        "image/png"),
            dateline=DATELINES[lang]))
    return pages


def second_release() -> list[PublicPage]:
    return [PublicPage(
        release_id=SECOND, lang="en", url=page_url(SECOND, "en"), title="Water diplomacy in Central Asia",
        summary="The OSCE hosted a conference on water.", content="Water diplomacy in Central Asia\n\nText.",
        published=dt.datetime(2024, 4, 10, 12, 0, tzinfo=dt.timezone.utc), organisation="OSCE",
        source_lang="en", editions=editions(SECOND, "en")[2:])]


def all_pages() -> list[PublicPage]:
    return first_release() + second_release()
