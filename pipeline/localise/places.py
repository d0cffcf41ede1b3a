"""Place names of datelines, from CLDR's exemplar cities.

CLDR names one city for each time zone ("Europe/Warsaw" → Warsaw, Varsovie,
Warschau, Varsavia, Варшава, Varsovia). A dateline's place is matched
against the English exemplar cities (and the city part of every zone key and
alias, so both "KYIV" and "KIEV" are found); the zone key found is what
localises the name in every other language. Places that are no zone's
city (Geneva, The Hague) have no CLDR name and stay as written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

SOURCE_LOCALE = "en"


def _key(name: str) -> str:
    """"Tbilisi", "TBILISI" and "Tbilísi" are the same place; so are "Nur-Sultan" and "Nur Sultan"."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\s_.'’-]+", " ", folded).strip()


def canonical_zone(zone: str) -> str | None:
    """The CLDR zone key for an IANA key or alias ("Europe/Kyiv" → "Europe/Kiev"), None if unknown."""
    zone = get_global("zone_aliases").get(zone, zone)
    return zone if zone in get_global("zone_territories") else None


@cache
def _city_index() -> dict[str, str]:
    english = Locale.parse(SOURCE_LOCALE).time_zones
    index: dict[str, str] = {}
    for zone in get_global("zone_territories"):
        if "/" not in zone or zone.startswith("Etc/"):
            continue
        index.setdefault(_key(zone.rsplit("/", 1)[1]), zone)
    for alias, zone in get_global("zone_aliases").items():
        if "/" in alias and not alias.startswith(("Etc/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/")):
            index.setdefault(_key(alias.rsplit("/", 1)[1]), zone)
    for zone, names in english.items():
        if "city" in names:
            index[_key(names["city"])] = canonical_zone(zone) or zone  # CLDR's English name wins
    return index


def zone_for_place(name: str) -> str | None:
    """The time-zone key whose exemplar city is `name` (any case), or None."""
    return _city_index().get(_key(name))


def city_name(zone: str, locale: str) -> str:
    """The CLDR exemplar city of `zone` in `locale`, exactly as CLDR gives it.

    Babel's locale data may key a city under a zone's older name ("Europe/Kiev"
    for Europe/Kyiv), which its own `get_timezone_location` then misses; the
    city is looked for under every name of the zone first.
    """
    zone = canonical_zone(zone) or zone
    cities = Locale.parse(locale).time_zones
    for key in (zone, *_aliases(zone)):
        if "city" in cities.get(key, {}):
            return cities[key]["city"]
    return get_timezone_location(zone, locale=locale, return_city=True)


@cache
def _aliases(zone: str) -> tuple[str, ...]:
    return tuple(sorted(alias for alias, target in get_global("zone_aliases").items() if target == zone))
