"""Release (in one language) → LocalisedRelease: datelines, dates and labels.

Everything here comes from CLDR (through Babel) or from human-translated
label catalogs, never from machine translation.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from babel.dates import format_date
from babel.messages.pofile import read_po

from .languages import language
from .release import Dateline, Labels, LocalisedRelease, Release, TranslationStatus

KIND_LABELS = {"press-release": "PRESS RELEASE", "news-release": "NEWS RELEASE",
               "statement": "STATEMENT", "media-advisory": "MEDIA ADVISORY"}
MACHINE_NOTICE = ("This is a machine translation that has not yet been reviewed in full. "
                  "The English original is authoritative.")
UNTRANSLATED_NOTICE = "Parts of this edition have not been translated yet and appear in English."


@lru_cache(maxsize=None)
def label_catalog(lang: str) -> dict[str, str]:
    """The human-translated labels shipped in pipeline/locales/<lang>/LC_MESSAGES/pipeline.po."""
    path = resources.files("pipeline") / "locales" / lang / "LC_MESSAGES" / "pipeline.po"
    if not path.is_file():
        return {}
    with path.open("rb") as stream:
        catalog = read_po(stream)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def labels_for(lang: str, kind: str) -> Labels:
    """Every fixed word of an edition, in `lang` (English where no label catalog has it)."""
    catalog = label_catalog(lang)

    def _(message: str) -> str:
        return catalog.get(message, message)

    kicker = KIND_LABELS.get(kind, kind.replace("-", " ").upper())
    return Labels(
        kind=_(kicker), contacts=_("Contacts"), office=_("Office"), fax=_("Fax"), mobile=_("Mobile"),
        phone=_("Phone"), email=_("E-mail"), links=_("Links"),
        machine_translation_notice=_(MACHINE_NOTICE), untranslated_notice=_(UNTRANSLATED_NOTICE),
    )


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
