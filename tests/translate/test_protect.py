import pytest

from pipeline.translate.glossary import Glossary, load_glossary
from pipeline.translate.protect import mask, unmask

from ..conftest import REPO

GLOSSARY = Glossary((("OSCE", "ОБСЕ"), ("participating States", "государства-участники")))
TEXT = ("On 14 February 2024 the OSCE recorded 11,874 cases (41.5 per cent) in 2023 and 2020-2021; "
        "call +48 22 520 06 00, write to press@osce.org or see <1>https://www.osce.org/odihr/563046</1>. "
        "Participating States met in March 2024 and on 5 March.")


@pytest.mark.parametrize("lang, number, percent, date", [
    ("fr", "11\u202f874", "41,5\xa0%", "14 février 2024"),
    ("de", "11.874", "41,5\xa0%", "14. Februar 2024"),
    ("it", "11.874", "41,5%", "14 febbraio 2024"),
    ("ru", "11\xa0874", "41,5\xa0%", "14 февраля 2024\u202fг."),
    ("es", "11.874", "41,5\xa0%", "14 de febrero de 2024"),
])
def test_restored_in_target_locale_format(lang, number, percent, date):
    masked = mask(TEXT, lang, Glossary())
    restored = unmask(masked.text, masked)
    assert number in restored and percent in restored and date in restored
    assert "2023" in restored and "2020-2021" in restored  # years stay years


def test_urls_emails_phones_tags_kept_byte_for_byte_and_terms_replaced():
    masked = mask(TEXT, "ru", GLOSSARY)
    for protected in ("+48 22 520 06 00", "press@osce.org", "https://www.osce.org/odihr/563046", "<1>", "</1>",
                      "OSCE", "Participating States", "11,874"):
        assert protected not in masked.text
    restored = unmask(masked.text, masked)
    for kept in ("+48 22 520 06 00", "press@osce.org", "<1>https://www.osce.org/odihr/563046</1>"):
        assert kept in restored
    assert "ОБСЕ" in restored and "Государства-участники" in restored
    assert "март 2024\u202fг." in restored and "5 марта" in restored


def test_every_official_language_has_the_organisations_names():
    expected = {"fr": ("BIDDH", "OSCE"), "de": ("BDIMR", "OSZE"), "it": ("ODIHR", "OSCE"),
                "ru": ("БДИПЧ", "ОБСЕ"), "es": ("OIDDH", "OSCE")}
    for lang, (odihr, osce) in expected.items():
        terms = dict(load_glossary(REPO / "locales", lang).terms)
        assert terms["ODIHR"] == odihr and terms["OSCE"] == osce
        for name in ("Office for Democratic Institutions and Human Rights", "Representative on Freedom of the Media",
                     "participating States", "Chairpersonship"):
            assert terms[name]


def test_longest_glossary_term_wins():
    glossary = load_glossary(REPO / "locales", "de")
    masked = mask("The OSCE Office for Democratic Institutions and Human Rights said.", "de", glossary)
    assert unmask(masked.text, masked) == "The OSZE-Büro für demokratische Institutionen und Menschenrechte said."


# --- what an engine may do to the placeholders -------------------------------------------


def test_unknown_and_broken_placeholders_are_removed_without_doubling_spaces():
    masked = mask("See https://x.org or write to a@b.org.", "fr", Glossary())
    assert masked.text == "See ⟦1⟧ or write to ⟦2⟧."
    assert unmask("Voir ⟦9⟧ ⟦1⟧ ou ⟦ 2 ⟧.", masked) == "Voir https://x.org ou."
    assert unmask("Voir ⟦1 ou écrire à 2⟧, ⟦⟦2⟧⟧", masked) == "Voir ou écrire à, a@b.org"
    assert unmask("⟦" + "1" * 5000 + "⟧ voir", masked) == " voir"  # no int() of 5,000 digits


def test_a_span_lost_with_its_placeholder_is_a_blocking_finding():
    """unmask removes the broken placeholder; QA still sees from the raw output what it lost."""
    from pipeline.translate.qa import Checker

    source = "See https://x.org on 5 March."
    masked = mask(source, "fr", Glossary())
    raw = "Voir ⟦ 1 ⟧ le ⟦2."
    final = unmask(raw, masked)
    assert final == "Voir le."
    findings = Checker("fr").machine(source, masked, raw, final)
    blocking = {f.code for f in findings if f.blocking}
    assert {"url missing", "number missing"} <= blocking


def test_a_phone_number_stops_before_an_email_address_that_starts_with_digits():
    masked = mask("Call +48 22 520 06 00 2024press@osce.org", "fr", Glossary())
    assert [(span.kind, span.source) for span in masked.spans] == [
        ("phone", "+48 22 520 06 00"), ("email", "2024press@osce.org")]
    assert unmask(masked.text, masked) == "Call +48 22 520 06 00 2024press@osce.org"


@pytest.mark.parametrize("day_month", ["31 September", "31 June", "30 February", "0 May"])
def test_an_impossible_day_and_month_is_left_as_written(day_month):
    masked = mask(f"Results are due on {day_month}.", "fr", Glossary())
    assert unmask(masked.text, masked) == f"Results are due on {day_month}."
    leap_day = mask("on 29 February", "fr", Glossary())
    assert unmask(leap_day.text, leap_day) == "on 29 février"
