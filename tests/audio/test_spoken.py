"""The spoken form: numbers, dates, amounts, phones and addresses in each language's words (num2words, CLDR)."""

import pytest

from pipeline.audio.lexicon import Lexicon, load_lexicon
from pipeline.audio.spoken import say_address, say_phone, spoken_form

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("lang, text, said", [
    ("fr", f"1{NNBSP}248 attaques", "mille deux cent quarante-huit attaques"),
    ("fr", "EUR 2,5 millions", "deux virgule cinq millions d'euros"),
    ("fr", f"12,5{NBSP}%", "douze virgule cinq pour cent"),
    ("fr", "le 1er mars 2024", "le premier mars deux mille vingt-quatre"),
    ("fr", "le 21e siècle", "le vingt et unième siècle"),
    ("en", "1,248 attacks, 12.5 per cent", "one thousand two hundred and forty-eight attacks, twelve point five per cent"),
    ("en", "EUR 2.5 million on 14 February 2024", "two point five million euros on the fourteenth of February two thousand and twenty-four"),
    ("en", "the 21st time in 1995-2021", "the twenty-first time in nineteen ninety-five, two thousand and twenty-one"),
    ("de", "Am 5. März 2024 wurden 1.248 Angriffe gezählt", "Am fünften März zweitausendvierundzwanzig wurden eintausendzweihundertachtundvierzig Angriffe gezählt"),
    ("de", "EUR 2,5 Mio.", "zwei Komma fünf Millionen Euro"),
    ("it", "il 1° marzo, 12,5%", "il primo marzo, dodici virgola cinque per cento"),
    ("it", "EUR 2,5 milioni", "due virgola cinque milioni di euro"),
    ("es", "el 5 de marzo de 2024", "el cinco de marzo de dos mil veinticuatro"),
    ("es", "EUR 2,5 millones, 3 %", "dos coma cinco millones de euros, tres por ciento"),
    ("ru", "5 марта 2024 г.", "пятого марта две тысячи двадцать четвёртого года"),
    ("ru", f"1{NBSP}248 нападений, 12,5 %", "одна тысяча двести сорок восемь нападений, двенадцать целых пять десятых процента"),
    ("ru", "2,5 млн евро, 5 %", "две целых пять десятых миллиона евро, пять процентов"),
])
def test_numbers_dates_and_amounts(lang, text, said):
    assert spoken_form(text, lang, load_lexicon(lang)) == said


@pytest.mark.parametrize("lang, said", [
    ("en", "plus four eight, two two, five two zero, zero six, zero zero"),
    ("fr", "plus quatre huit, deux deux, cinq deux zéro, zéro six, zéro zéro"),
    ("de", "plus vier acht, zwei zwei, fünf zwei null, null sechs, null null"),
    ("ru", "плюс четыре восемь, два два, пять два ноль, ноль шесть, ноль ноль"),
])
def test_phone_numbers_are_read_digit_by_digit_in_their_groups(lang, said):
    assert say_phone("+48 22 520 06 00", lang) == said
    assert spoken_form("Tel. +48 22 520 06 00.", lang).endswith(said + ".")


@pytest.mark.parametrize("lang, said", [
    ("en", "Public Affairs at o d i h r dot p l"),
    ("fr", "Public Affairs arobase o d i h r point p l"),
    ("de", "Public Affairs at o d i h r Punkt p l"),
    ("it", "Public Affairs chiocciola o d i h r punto p l"),
    ("ru", "Public Affairs собака o d i h r точка p l"),
    ("es", "Public Affairs arroba o d i h r punto p l"),
])
def test_email_addresses_are_spelled_with_the_languages_words(lang, said):
    # The lexicon's acronyms are spelled as written in an address (never "B I D D H" for odihr).
    assert spoken_form("PublicAffairs@odihr.pl", lang, load_lexicon(lang)) == said


def test_web_addresses_say_their_slashes():
    assert say_address("https://www.osce.org/fom", "fr") == "w w w point osce point org barre oblique fom"
    assert spoken_form("Voir www.osce.org/fom.", "fr", load_lexicon("fr")) == \
        "Voir w w w point o s c e point org barre oblique fom."


def test_a_lexicon_overrides_the_spoken_form():
    lexicon = Lexicon("en", (("EUR 2.5 million", "two and a half million euros"),))
    assert spoken_form("EUR 2.5 million", "en", lexicon) == "two and a half million euros"
