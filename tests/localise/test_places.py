import datetime as dt

import pytest

from pipeline.languages import language
from pipeline.localise.datelines import format_dateline
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


@pytest.mark.parametrize("zone, names", [
    ("Europe/Warsaw", ["Warsaw", "Varsovie", "Warschau", "Varsavia", "Варшава", "Varsovia"]),
    ("Europe/Vienna", ["Vienna", "Vienne", "Wien", "Vienna", "Вена", "Viena"]),
    ("Asia/Tbilisi", ["Tbilisi", "Tbilissi", "Tiflis", "Tbilisi", "Тбилиси", "Tiflis"]),
    # Babel keeps these cities under the zone's old key, Europe/Kiev
    ("Europe/Kyiv", ["Kyiv", "Kiev", "Kiew", "Kiev", "Киев", "Kiev"]),
])
def test_cldr_exemplar_cities(zone, names):
    locales = [language(tag).locale for tag in ("en", "fr", "de", "it", "ru", "es")]
    assert [city_name(zone, locale) for locale in locales] == names


SEED_DATELINES = {
    "en": "WARSAW, 21 February 2024",
    "fr": "VARSOVIE, 21 février 2024",
    "de": "WARSCHAU, 21. Februar 2024",
    "it": "VARSAVIA, 21 febbraio 2024",
    "ru": "ВАРШАВА, 21 февраля 2024\u202fг.",  # CLDR puts a narrow no-break space before "г."
    "es": "VARSOVIA, 21 de febrero de 2024",
}


@pytest.mark.parametrize("lang", SEED_DATELINES)
def test_dateline_in_every_language(lang):
    dateline = Dateline((Place("WARSAW", "Europe/Warsaw"),), dt.date(2024, 2, 21))
    assert format_dateline(dateline, language(lang)) == SEED_DATELINES[lang]


def test_several_places_each_localised_and_unknown_ones_as_written():
    dateline = Dateline((Place("TBILISI", "Asia/Tbilisi"), Place("Geneva"), Place("VIENNA", "Europe/Vienna")),
                        dt.date(2024, 3, 5))
    assert format_dateline(dateline, language("de")) == "TIFLIS / Geneva / WIEN, 5. März 2024"
    assert format_dateline(dateline, language("ru")) == "ТБИЛИСИ / Geneva / ВЕНА, 5 марта 2024\u202fг."
