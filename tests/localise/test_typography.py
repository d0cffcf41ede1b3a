import pytest

from pipeline.localise.typography import localise_quotes, quote

NNBSP = "\u202f"


@pytest.mark.parametrize("lang, expected", [
    ("en", "“Yes”"), ("fr", f"«{NNBSP}Yes{NNBSP}»"), ("de", "„Yes“"), ("it", "«Yes»"), ("ru", "«Yes»"), ("es", "«Yes»"),
])
def test_quotation_marks_per_language(lang, expected):
    assert quote("Yes", lang) == expected


def test_machine_output_quotes_become_the_languages():
    assert localise_quotes("Il a dit : “Oui” et “Non” !", "fr") == f"Il a dit{NNBSP}: «{NNBSP}Oui{NNBSP}» et «{NNBSP}Non{NNBSP}»{NNBSP}!"
    assert localise_quotes('Er sagte "Ja" und ‘vielleicht’.', "de") == "Er sagte „Ja“ und ‚vielleicht‘."
    assert localise_quotes("Он сказал: “Да”.", "ru") == "Он сказал: «Да»."


def test_apostrophes_urls_and_times_are_untouched():
    text = "l’OSCE: voir https://www.osce.org à 10:30, c’est « fait »"
    assert localise_quotes(text, "fr") == f"l’OSCE{NNBSP}: voir https://www.osce.org à 10:30, c’est «{NNBSP}fait{NNBSP}»"
    assert localise_quotes("It’s “fine”.", "en") == "It’s “fine”."


def test_marks_of_a_quotation_split_over_sentences_and_missing_french_spaces():
    assert localise_quotes("“Chaque attaque compte.", "fr") == f"«{NNBSP}Chaque attaque compte."
    assert localise_quotes("Il faut agir,” a dit le Représentant; merci!", "fr") == (
        f"Il faut agir,{NNBSP}» a dit le Représentant{NNBSP}; merci{NNBSP}!")
    assert localise_quotes("Jede Stimme zählt.”", "de") == "Jede Stimme zählt.“"


def test_a_low_high_pair_in_machine_output_is_one_quotation_not_a_closing_mark_made_opening():
    # „…“ (German, Serbian …) in English text the engine translated: localised as a pair, not „…«.
    assert localise_quotes("Il a dit „Oui“ et „Non”.", "fr") == f"Il a dit «{NNBSP}Oui{NNBSP}» et «{NNBSP}Non{NNBSP}»."
    assert localise_quotes("Dijo „sí“.", "es") == "Dijo «sí»."
    assert localise_quotes("Er sagte „Ja“.", "de") == "Er sagte „Ja“."
