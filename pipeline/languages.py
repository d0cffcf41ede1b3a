"""The language table: everything the stages need to know about a language.

Adding a language means adding one row here, plus a label catalog
(locales/<lang>/LC_MESSAGES/pipeline.po, see docs/localisation.md) and, for
translation, an engine or models. Stages look languages up with `language(tag)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import PipelineError

NBSP, NNBSP = "\u00a0", "\u202f"


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47
    locale: str  # Babel/CLDR locale
    name: str  # the language's name in itself, as a language switcher shows it
    voice: str  # espeak-ng voice for pyttsx3
    direction: str = "ltr"
    quotes: tuple[str, str] = ("“", "”")  # outer quotation marks, spacing included
    inner_quotes: tuple[str, str] = ("‘", "’")  # quotation marks inside quotations
    dateline_upper: bool = True  # house style: "VARSOVIE, 21 février 2024"
    words_per_minute: int = 160  # speech rate of the audio edition
    iso639_2: str = ""  # three-letter code (ID3 TLAN, stream metadata)


LANGUAGES = {
    language.tag: language
    for language in (
        # gmw/en is British English. 150 words a minute, not 160: at 160 eSpeak blurs long words and the
        # dateline ("deteriorating" is heard "the theory rating", "twenty-four" "fourteen"; issue 15).
        Language("en", "en_GB", "English", "gmw/en", words_per_minute=150, iso639_2="eng"),
        Language("fr", "fr_FR", "français", "roa/fr", quotes=(f"«{NNBSP}", f"{NNBSP}»"),
                 inner_quotes=("“", "”"), iso639_2="fra"),
        Language("de", "de_DE", "Deutsch", "gmw/de", quotes=("„", "“"), inner_quotes=("‚", "‘"), iso639_2="deu"),
        Language("it", "it_IT", "italiano", "roa/it", quotes=("«", "»"), inner_quotes=("“", "”"), iso639_2="ita"),
        Language("ru", "ru_RU", "русский", "zle/ru", quotes=("«", "»"), inner_quotes=("„", "“"), iso639_2="rus"),
        Language("es", "es_ES", "español", "roa/es", quotes=("«", "»"), inner_quotes=("“", "”"), iso639_2="spa"),
        Language("ca", "ca_ES", "català", "roa/ca", quotes=("«", "»"), inner_quotes=("“", "”"), iso639_2="cat"),
    )
}


def language(tag: str) -> Language:
    try:
        return LANGUAGES[tag]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        raise PipelineError(f"language {tag!r} is not in the language table (known: {known})") from None
