"""Datelines: "WARSAW, 21 February 2024" → "VARSOVIE, 21 février 2024".

Each place with a CLDR time zone takes that zone's exemplar city in the
edition's language; the date takes the locale's long format. Places are
upper-cased where the language's house style says so (Language.dateline_upper).
A place CLDR does not know stays exactly as the office wrote it. In the
source-language edition (`as_written`) every place keeps the writer's spelling
(only the house style's capitals apply): the writer's "CHISINAU" is not
CLDR's "Chișinău", and CLDR's spelling changes between Babel releases.
"""

from __future__ import annotations

from dataclasses import replace

from babel.dates import format_date

from ..languages import Language
from ..release import Dateline, Place
from .places import city_name

PLACE_SEPARATOR = " / "


def format_place(place: Place, lang: Language, as_written: bool = False) -> str:
    if place.timezone is None:
        return place.name
    name = place.name if as_written else city_name(place.timezone, lang.locale)
    return name.upper() if lang.dateline_upper else name


def format_dateline(dateline: Dateline, lang: Language, as_written: bool = False) -> str:
    date = format_date(dateline.date, "long", locale=lang.locale)
    places = PLACE_SEPARATOR.join(format_place(place, lang, as_written) for place in dateline.places)
    return f"{places}, {date}" if places else date


def spoken_dateline(dateline: Dateline, lang: Language, as_written: bool = False) -> str:
    """The dateline as read aloud: city names as CLDR writes them, a place kept as written not in capitals."""
    spoken = tuple(replace(place, name=place.name.title())
                   if place.name.isupper() and (as_written or not place.timezone) else place
                   for place in dateline.places)
    return format_dateline(replace(dateline, places=spoken), replace(lang, dateline_upper=False), as_written)
