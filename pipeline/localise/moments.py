"""Instants and days in a language's words: the embargo line, the correction's date.

CLDR's formats through Babel: the locale's long date, its short time, and the
zone's short name where CLDR has one for that language ("CET", "MEZ"), else
the offset ("+0100"), joined by the locale's own date-time pattern.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_name

from ..languages import language


def format_moment(iso_instant: str, zone: str | None, lang: str) -> str:
    """"5 March 2024, 10:00 CET": the instant in the release's zone (else its own offset)."""
    when = dt.datetime.fromisoformat(iso_instant)
    tzinfo = ZoneInfo(zone) if zone else when.tzinfo
    when = when.astimezone(tzinfo)
    locale = Locale.parse(language(lang).locale)
    time = format_time(when, "short", tzinfo=tzinfo, locale=locale)
    zone_name = get_timezone_name(when, "short", locale=locale) if zone else when.strftime("%z")
    pattern = str(locale.datetime_formats["long"])
    return pattern.replace("{1}", format_date(when.date(), "long", locale=locale)) \
                  .replace("{0}", f"{time} {zone_name}").replace("'", "")


def format_day(iso_date: str, lang: str) -> str:
    """"6 March 2024" in the language's long format."""
    return format_date(dt.date.fromisoformat(iso_date), "long", locale=language(lang).locale)
