"""Release (in one language) → LocalisedRelease: datelines, dates and labels.

Everything here comes from CLDR (through Babel) or from human-translated
label catalogs, never from machine translation.
"""

from __future__ import annotations

from babel.dates import format_date

from .languages import language
from .release import Dateline, Labels, LocalisedRelease, Release, TranslationStatus


def format_dateline(dateline: Dateline | None, lang: str) -> str | None:
    """"WARSAW, 21 February 2024" in the language's long date format."""
    if dateline is None:
        return None
    date = format_date(dateline.date, "long", locale=language(lang).locale)
    return f"{dateline.place}, {date}" if dateline.place else date


def localise(release: Release, status: TranslationStatus, labels: Labels) -> LocalisedRelease:
    """`release` is already in its target language (see segment.rebuild)."""
    return LocalisedRelease(
        release_id=release.id,
        lang=release.lang,
        title=release.title,
        dateline=format_dateline(release.dateline, release.lang),
        blocks=release.blocks,
        further_information=release.further_information,
        contacts=release.contacts,
        copyright=release.copyright,
        labels=labels,
        status=status,
        date=release.dateline.date if release.dateline else None,
    )
