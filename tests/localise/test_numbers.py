"""The running-text rules of localise.numbers, per language."""

import pytest

from pipeline.languages import language
from pipeline.localise.numbers import find, localise_text

NNBSP, NBSP = "\u202f", "\u00a0"
SENTENCE = ("In 2023, 11,874 people (41.5 per cent) received €500,000, EUR 1,250.50 and 300 euros "
            "on 21 February 2024, on 19-21 March and in February 2024.")
EXPECTED = {
    "fr": f"In 2023, 11{NNBSP}874 people (41,5{NBSP}%) received 500{NNBSP}000{NBSP}€, 1{NNBSP}250,50{NBSP}€ "
          f"and 300{NBSP}€ on 21 février 2024, on 19-21 mars and in février 2024.",
    "de": f"In 2023, 11.874 people (41,5{NBSP}%) received 500.000{NBSP}€, 1.250,50{NBSP}€ "
          f"and 300{NBSP}€ on 21. Februar 2024, on 19-21. März and in Februar 2024.",
    "it": f"In 2023, 11.874 people (41,5%) received 500.000{NBSP}€, 1.250,50{NBSP}€ "
          f"and 300{NBSP}€ on 21 febbraio 2024, on 19-21 marzo and in febbraio 2024.",
    "ru": f"In 2023, 11{NBSP}874 people (41,5{NBSP}%) received 500{NBSP}000{NBSP}€, 1{NBSP}250,50{NBSP}€ "
          f"and 300{NBSP}€ on 21 февраля 2024{NNBSP}г., on 19-21 марта and in февраль 2024{NNBSP}г..",
    "es": f"In 2023, 11.874 people (41,5{NBSP}%) received 500.000{NBSP}€, 1.250,50{NBSP}€ "
          f"and 300{NBSP}€ on 21 de febrero de 2024, on 19-21 de marzo and in febrero de 2024.",
}


@pytest.mark.parametrize("lang", EXPECTED)
def test_dates_numbers_percentages_and_amounts_per_language(lang):
    assert localise_text(SENTENCE, language(lang).locale) == EXPECTED[lang]


@pytest.mark.parametrize("lang", EXPECTED)
@pytest.mark.parametrize("text", [
    "Founded in 1975 and renewed in 2024.",  # years
    "The meeting starts at 10:30 and ends at 9 p.m.",  # times
    "Write to Ul. Miodowa 10, 00-251 Warsaw, or A-1010 Vienna.",  # postal codes
    "Case 4711 and 12345 are closed.",  # ungrouped codes
])
def test_years_times_postal_codes_and_codes_are_left_alone(lang, text):
    assert localise_text(text, language(lang).locale) == text


def test_find_reports_what_each_span_is():
    kinds = [(f.kind, f.source) for f in find("On 5 March 2024, 41.5% of 2,000 (in 2023) at 10:30.", "de_DE")]
    assert kinds == [("date", "5 March 2024"), ("percent", "41.5%"), ("number", "2,000"),
                     ("year", "2023"), ("time", "10:30")]


def test_impossible_dates_stay_as_written():
    assert localise_text("On 31 February 2024 and 30 February.", "fr_FR") == "On 31 February 2024 and 30 February."


def test_amounts_with_scale_words_keep_the_sign_for_translation():
    # "€1.2 million" has no CLDR pattern: only the number is localised, the words go to translation.
    assert localise_text("€1.2 million", "de_DE") == "€1,2 million"
