import datetime as dt

import pytest

from babel import Locale
from babel.dates import format_date, get_timezone_location

from pipeline.languages import language
from pipeline.localise.datelines import format_dateline, spoken_dateline
from pipeline.localise.places import canonical_zone, city_name, zone_for_place
from pipeline.release import Dateline, Place


@pytest.mark.parametrize("name, zone", [
    ("WARSAW", "Europe/Warsaw"), ("Vienna", "Europe/Vienna"), ("TBILISI", "Asia/Tbilisi"),
    ("KYIV", "Europe/Kyiv"), ("KIEV", "Europe/Kyiv"), ("BISHKEK", "Asia/Bishkek"),
    ("SKOPJE", "Europe/Skopje"), ("CHIŞINĂU", "Europe/Chisinau"), ("Chisinau", "Europe/Chisinau"),
    ("ASHGABAT", "Asia/Ashgabat"), ("DUSHANBE", "Asia/Dushanbe"), ("NEW YORK", "America/New_York"),
])
def test_places_of_the_osce_area_are_found_by_their_english_name(name, zone):
    assert zone_for_place(name) == zone


@pytest.mark.parametrize("name", ["GENEVA", "THE HAGUE", "Strasbourg", "Atlantis"])
def test_places_that_are_no_cldr_city_are_unknown(name):
    assert zone_for_place(name) is None


def test_zone_aliases_are_canonical_and_unknown_zones_refused():
    assert canonical_zone("Europe/Kiev") == "Europe/Kyiv"
    assert canonical_zone("Europe/Warsaw") == "Europe/Warsaw"
    assert canonical_zone("Mars/Olympus") is None


# CLDR's names come from the pinned Babel's own data (requirements.lock), not from literals
# that drift with each CLDR release; what is tested is that the right zone's city is found,
# old zone keys included (Babel keeps Kyiv under Europe/Kiev), and how a dateline is composed.
LANGS = ("en", "fr", "de", "it", "ru", "es")


def cldr_city(zone: str, lang: str) -> str:
    """The city Babel names itself; where its locale data has none, the name Babel derives from the key."""
    locale = language(lang).locale
    zones = Locale.parse(locale).time_zones
    named = [zones[key]["city"] for key in (zone, *OLD_KEYS.get(zone, ())) if "city" in zones.get(key, {})]
    return named[0] if named else get_timezone_location(zone, locale=locale, return_city=True)


OLD_KEYS = {"Europe/Kyiv": ("Europe/Kiev",)}


@pytest.mark.parametrize("zone", ["Europe/Warsaw", "Europe/Vienna", "Asia/Tbilisi", "Europe/Kyiv"])
def test_cldr_exemplar_cities(zone):
    assert [city_name(zone, language(lang).locale) for lang in LANGS] == [cldr_city(zone, lang) for lang in LANGS]


def test_cities_are_localised_at_all():  # a sanity check on the data itself
    assert cldr_city("Europe/Warsaw", "de") != cldr_city("Europe/Warsaw", "en")
    assert cldr_city("Europe/Kyiv", "ru")[0] == "К"


def long_date(day: dt.date, lang: str) -> str:
    return format_date(day, "long", locale=language(lang).locale)


def seed_dateline(lang: str) -> str:
    """The seed release's dateline ("WARSAW, 21 February 2024") as each edition writes it: the
    writer's own spelling in English, the pinned CLDR's city and long date elsewhere."""
    place = "WARSAW" if lang == "en" else cldr_city("Europe/Warsaw", lang).upper()
    return f"{place}, {long_date(dt.date(2024, 2, 21), lang)}"


@pytest.mark.parametrize("lang", LANGS[1:])
def test_dateline_in_every_target_language(lang):
    dateline = Dateline((Place("WARSAW", "Europe/Warsaw"),), dt.date(2024, 2, 21))
    assert format_dateline(dateline, language(lang)) == seed_dateline(lang)


def test_the_source_edition_keeps_the_place_as_the_writer_spelled_it():
    dateline = Dateline((Place("CHISINAU", "Europe/Chisinau"),), dt.date(2024, 9, 2))
    assert format_dateline(dateline, language("en"), as_written=True) == "CHISINAU, 2 September 2024"
    assert spoken_dateline(dateline, language("en"), as_written=True) == "Chisinau, 2 September 2024"
    assert format_dateline(dateline, language("fr")).startswith(
        cldr_city("Europe/Chisinau", "fr").upper() + ",")


def test_several_places_each_localised_and_unknown_ones_as_written():
    dateline = Dateline((Place("TBILISI", "Asia/Tbilisi"), Place("Geneva"), Place("VIENNA", "Europe/Vienna")),
                        dt.date(2024, 3, 5))
    for lang in ("de", "ru"):
        places = [cldr_city("Asia/Tbilisi", lang).upper(), "Geneva", cldr_city("Europe/Vienna", lang).upper()]
        assert format_dateline(dateline, language(lang)) == " / ".join(places) + ", " + long_date(dateline.date, lang)
