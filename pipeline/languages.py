"""The language table: everything the stages need to know about a language.

Adding a language means adding one row here (and, for labels, a catalog in
locales/). Stages look languages up with `language(tag)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import PipelineError


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47
    locale: str  # Babel/CLDR locale
    name: str  # the language's name in itself
    voice: str  # espeak-ng voice for pyttsx3
    direction: str = "ltr"
    quotes: tuple[str, str] = ("“", "”")
    iso639_2: str = ""  # three-letter code for audio stream metadata


LANGUAGES = {
    language.tag: language
    for language in (
        Language("en", "en_GB", "English", "gmw/en-GB", quotes=("“", "”"), iso639_2="eng"),
        Language("fr", "fr_FR", "français", "roa/fr", quotes=("«\u202f", "\u202f»"), iso639_2="fra"),
        Language("de", "de_DE", "Deutsch", "gmw/de", quotes=("„", "“"), iso639_2="deu"),
        Language("it", "it_IT", "italiano", "roa/it", quotes=("«", "»"), iso639_2="ita"),
        Language("ru", "ru_RU", "русский", "zle/ru", quotes=("«", "»"), iso639_2="rus"),
        Language("es", "es_ES", "español", "roa/es", quotes=("«", "»"), iso639_2="spa"),
        Language("ca", "ca_ES", "català", "roa/ca", quotes=("«", "»"), iso639_2="cat"),
    )
}


def language(tag: str) -> Language:
    try:
        return LANGUAGES[tag]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        raise PipelineError(f"language {tag!r} is not in the language table (known: {known})") from None
