"""Release (in one language) → LocalisedRelease: datelines, dates, numbers, labels.

Everything here comes from CLDR (through Babel) or from label catalogs that
people translated, never from machine translation. One module per concern:

- `places`: dateline places, CLDR exemplar cities by time-zone key;
- `datelines`: "VARSOVIE, 21 février 2024";
- `numbers`: dates and numbers in running text (used by translation);
- `typography`: quotation marks and no-break spaces;
- `labels`: the gettext label catalogs in locales/<lang>/LC_MESSAGES/;
- `offices`: the issuing office's official name in a language, from its glossary.
"""

from __future__ import annotations

from dataclasses import replace

from typing import TYPE_CHECKING

from ..languages import language
from ..release import Labels, LocalisedRelease, PublicationNotice, Release, Segmentation, TranslationStatus
from ..segment import rebuild
from .datelines import format_dateline, spoken_dateline

if TYPE_CHECKING:
    from ..catalogs.catalog import Translation


def localise_source(release: Release, segmentation: Segmentation, labels: Labels,
                    publication: PublicationNotice = PublicationNotice()) -> LocalisedRelease:
    """The localise stage for the source language (a job: runs in a worker)."""
    status = TranslationStatus(source=True, segments=len(segmentation.segments))
    return replace(localise(release, status, labels), publication=publication)


def localise_target(release: Release, segmentation: Segmentation, lang: str,
                    translations: tuple[Translation, ...], status: TranslationStatus,
                    labels: Labels, publication: PublicationNotice = PublicationNotice()) -> LocalisedRelease:
    """The localise stage for a target language, from its catalog's translations.

    Untranslated segments stay in the source language (and say so on their runs).
    `publication`: the draft, embargo or correction lines its editions carry (publication/decide.py).
    """
    texts = {t.segment_id: t.text for t in translations if t.text}
    title_untranslated = any(s.unit == 0 and s.id not in texts for s in segmentation.segments)
    localised = localise(rebuild(release, segmentation, texts, lang), status, labels,
                         title_lang=release.lang if title_untranslated else None)
    return replace(localised, publication=publication)


def localise(release: Release, status: TranslationStatus, labels: Labels,
             title_lang: str | None = None) -> LocalisedRelease:
    """`release` is already in its target language (see segment.rebuild).

    The source-language edition keeps the dateline's places as the writer spelled them.
    """
    dateline = release.dateline
    lang, as_written = language(release.lang), status.source
    return LocalisedRelease(
        release_id=release.id,
        lang=release.lang,
        kind=release.kind,
        title=release.title,
        dateline=format_dateline(dateline, lang, as_written) if dateline else None,
        blocks=release.blocks,
        further_information=release.further_information,
        contacts=release.contacts,
        copyright=release.copyright,
        labels=labels,
        status=status,
        date=dateline.date if dateline else None,
        office=release.office,
        extra=release.extra,
        notes=release.notes,
        title_lang=title_lang,
        spoken_dateline=spoken_dateline(dateline, lang, as_written) if dateline else None,
    )
