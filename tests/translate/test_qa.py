"""QA: the checks of machine and reviewed translations, on real translate-toolkit and Apertium output."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.catalogs.findings import BLOCKING, WARNING
from pipeline.translate.glossary import Glossary
from pipeline.translate.hygiene import strip_unknown_marks, tidy
from pipeline.translate.protect import mask, unmask
from pipeline.translate.qa import Checker

from .. import hypothesis_profile  # noqa: F401  (registers and loads the profile)

SOURCE = "The OSCE counted 1,248 attacks, see https://osce.org/report."
MASKED = mask(SOURCE, "fr", Glossary((("OSCE", "OSCE"),)))
CHECKER = Checker("fr", Glossary((("OSCE", "OSCE"),)))


def findings(raw: str) -> list[str]:
    return [str(f) for f in CHECKER.machine(SOURCE, MASKED, raw, unmask(raw, MASKED))]


def test_a_good_translation_has_no_findings():
    assert findings("L’⟦1⟧ a compté ⟦2⟧ attaques, voir ⟦3⟧.") == []


def test_missing_duplicated_and_leftover_placeholders():
    result = findings("L’⟦1⟧ a compté ⟦2⟧ ⟦2⟧ attaques, voir ⟦9⟧.")
    assert "url missing: https://osce.org/report" in result
    assert "duplicated: number 1\u202f248" in result
    assert any(f.startswith("leftover placeholder") for f in result)


def test_glossary_term_missing_untranslated_and_length_ratio():
    assert "glossary term missing: OSCE" in findings("L’organisation a compté ⟦2⟧ attaques, voir ⟦3⟧.")
    assert "untranslated: same as the source" in findings(MASKED.text)
    assert any(f.startswith("length ratio") for f in findings("⟦1⟧ ⟦2⟧"))


def test_reviewed_translation_dropping_a_url_or_breaking_a_tag_is_blocking():
    source = "Read the <1>report</1> at https://osce.org/r or call +43 1 514 36 6000."
    masked = mask(source, "fr", Glossary())
    good = "Lisez le <1>rapport</1> sur https://osce.org/r ou appelez le +43 1 514 36 6000."
    assert CHECKER.translation(source, masked, good) == []
    dropped = CHECKER.translation(source, masked, "Lisez le <1>rapport</1> ou appelez le +43 1 514 36 6000.")
    assert [(f.code, f.severity) for f in dropped] == [("url missing", BLOCKING)]
    assert dropped[0].summary() == "drops https://osce.org/r"
    broken = CHECKER.translation(source, masked, "Lisez le <1>rapport sur https://osce.org/r, +43 1 514 36 6000.")
    assert [f.code for f in broken if f.blocking] == ["tag broken"]
    invented = CHECKER.translation(source, masked, "Lisez le <2>rapport</2> https://osce.org/r +43 1 514 36 6000.")
    assert [f.code for f in invented if f.blocking] == ["tag unknown"]


def test_numbers_must_be_present_and_in_target_form():
    source = "It recorded 1,248 attacks."
    masked = mask(source, "fr", Glossary())
    assert [f.code for f in CHECKER.translation(source, masked, "Il a enregistré 1 248 attaques.")] == []
    assert [(f.code, f.severity) for f in CHECKER.translation(source, masked, "Il a enregistré 1,248 attaques.")] \
        == [("number format", WARNING)]
    assert [(f.code, f.severity) for f in CHECKER.translation(source, masked, "Il a enregistré des attaques.")] \
        == [("number missing", BLOCKING)]


def test_pivot_language_leak_is_flagged_in_italian_and_french():
    source = "Online harassment and budgetary cuts affect attachments."
    italian = Checker("it", Glossary())
    found = italian.translation(source, mask(source, "it", Glossary()),
                                "L’assetjament in linea e i tagli pressupostàries riguardano gli adjunts.")
    leaks = [f.detail for f in found if f.code == "pivot-language word"]
    assert leaks == ["L’assetjament (Catalan)", "pressupostàries (Catalan)", "adjunts (Catalan)"]
    french = Checker("fr", Glossary()).translation("Its dissent.", mask("Its dissent.", "fr", Glossary()),
                                                    "Sa dissenció.")
    assert [f.detail for f in french if f.code == "pivot-language word"] == ["dissenció (Catalan)"]


def test_source_words_spacing_and_repeated_words_in_a_reviewed_text():
    source = "Harassment of stateless people and wellbeing of all citizens is a priority."
    spanish = Checker("es", Glossary())
    found = spanish.translation(source, mask(source, "es", Glossary()),
                                "El acoso de personas stateless y el wellbeing de todos los  ciudadanos es es una prioridad .")
    codes = [f.code for f in found]
    assert {"source-language word", "doubled space", "space before punctuation", "repeated word"} <= set(codes)
    assert {f.detail for f in found if f.code == "source-language word"} == {"stateless", "wellbeing"}


def test_french_typography_wants_a_no_break_space_before_colon():
    source = "Office: yes"
    found = CHECKER.translation(source, mask(source, "fr", Glossary()), "Bureau: oui")
    assert [f.code for f in found] == ["typography"]
    assert CHECKER.translation(source, mask(source, "fr", Glossary()), "Bureau\u202f: oui") == []


def test_forbidden_terms_and_inflected_glossary_terms():
    glossary = Glossary((("Permanent Council", "Ständiger Rat"),), forbidden=(("Dauerrat", "Ständiger Rat"),))
    german = Checker("de", glossary)
    source = "The report of the Permanent Council."
    masked = mask(source, "de", glossary)
    assert german.translation(source, masked, "Der Bericht des Ständigen Rates.") == []
    found = german.translation(source, masked, "Der Bericht des Dauerrats.")
    assert {f.code for f in found} == {"glossary term missing"} or "forbidden term" not in {f.code for f in found}
    found = german.translation(source, masked, "Der Bericht des Dauerrat.")
    assert "forbidden term" in {f.code for f in found}


def test_hygiene_records_apertium_marks_and_engine_spacing_then_removes_them():
    marks = strip_unknown_marks("de **stateless *wellbeing personnes", "stateless wellbeing")
    assert marks.text == "de stateless wellbeing personnes"
    assert [f.detail for f in marks.findings] == ["stateless (unknown to the engine)", "wellbeing (unknown to the engine)"]
    spanish = tidy("El público  derecho de saber , y ⟦1⟧ .", "es")
    assert spanish.text == "El público derecho de saber, y ⟦1⟧."
    assert [f.code for f in spanish.findings] == ["doubled space", "space before punctuation", "space before punctuation"]
    french = tidy("Pour plus d'informations: voir l'OSCE ; merci", "fr")
    assert french.text == "Pour plus d’informations\u202f: voir l’OSCE\u202f; merci"


# --- Apertium's marks, wherever they stand (the engine's real output, tests/translate/test_apertium.py) ---

# (source, Apertium's output, the text once its marks are stripped, the words of the findings)
MARKED = [
    ("The mission in Dragash/Dragaš met the Xyzzyq council.",
     "La misión en *Dragash/*Dragaš cumplió el *Xyzzyq consejo.",
     "La misión en Dragash/Dragaš cumplió el Xyzzyq consejo.", ["Dragash", "Dragaš", "Xyzzyq"]),
    ("(Qwzx) and “Blorf” and Smith-Wqqq met – Vlorp, «Qwert», „Trelk“ on 1/Zzyx.",
     "(**Qwzx) et “**Blorf” et Ferrer-**Wqqq a connu – **Vlorp, «**Qwert», „**Trelk“ dans 1/**Zzyx.",
     "(Qwzx) et “Blorf” et Ferrer-Wqqq a connu – Vlorp, «Qwert», „Trelk“ dans 1/Zzyx.",
     ["Qwzx", "Blorf", "Wqqq", "Vlorp", "Qwert", "Trelk", "Zzyx"]),
    ("Xyzzyq.Blorf and end.Qwzx and a\\Zorb.", "*Xyzzyq.*blorf et *end.*qwzx et un\\**Zorb.",
     "Xyzzyq.blorf et end.qwzx et un\\Zorb.", ["Xyzzyq", "blorf", "end", "qwzx", "Zorb"]),
    # The source's own hashtags, handles and asterisks stay; the engine's marks in and around them go.
    ("Follow #MediaFreedom and @OSCE_RFoM or #Xyzzyq and @Qwzx_Blorf today.",
     "Il suit #**MediaFreedom et @**OSCE_**RFoM ou #**Xyzzyq et @**Qwzx_**Blorf aujourd'hui.",
     "Il suit #MediaFreedom et @OSCE_RFoM ou #Xyzzyq et @Qwzx_Blorf aujourd'hui.",
     ["MediaFreedom", "OSCE", "RFoM", "Xyzzyq", "Qwzx", "Blorf"]),
    ("*Figures are provisional. Kosovo* is mentioned. The *Xyzzyq* report.",
     "*Le figure sono provvisorie. Kosovo* è menzionato. Il ***Xyzzyq* informe.",
     "*Le figure sono provvisorie. Kosovo* è menzionato. Il *Xyzzyq* informe.", ["Xyzzyq"]),
    # A hashtag or handle the engine translated keeps its mark (there are as many in the source).
    ("Follow #Elections and @Mission and #HumanRights on social media.",
     "Sigue #Elecciones y @Misión y #*HumanRights en medios de comunicación sociales.",
     "Sigue #Elecciones y @Misión y #HumanRights en medios de comunicación sociales.", ["HumanRights"]),
    # Generation (#) and transfer (@) errors, where the source has no hashtag or handle.
    ("They have been informed.", "Han #ser @informed.", "Han ser informed.", ["ser", "informed"]),
]


@pytest.mark.parametrize("source, output, expected, words", MARKED)
def test_apertium_marks_are_stripped_wherever_they_stand_and_recorded(source, output, expected, words):
    stripped = strip_unknown_marks(output, source)
    assert stripped.text == expected
    assert [f.code for f in stripped.findings] == ["unknown word"] * len(words)
    assert [f.detail.split(" (")[0] for f in stripped.findings] == words


SEPARATORS = (" ", "/", " (", ") ", " “", "” ", " «", "» ", " „", "“ ", "-", " – ", ".", "_", "\\", ", ", "’")
ENGINE_MARKS = ("", "*", "**", "#", "@")
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàäçéèëñöüšžčćđŠŽČĆĐабвгдежзиклмнопрстуфхцчшщыэюя"
token = st.tuples(st.text(LETTERS, min_size=2, max_size=8),
                  st.sampled_from(("", "", "", "#", "@", "*")),  # the source's own mark: a hashtag, a handle …
                  st.sampled_from(ENGINE_MARKS),  # … and the mark Apertium puts before the word
                  st.sampled_from(SEPARATORS))


@given(st.lists(token, min_size=1, max_size=12, unique_by=lambda t: t[0].casefold()))
def test_every_engine_mark_goes_and_every_mark_of_the_source_stays(tokens):
    """Apertium's output as the source with marks before words (after any punctuation, inside a handle):
    stripping gives the source back, with one finding per marked word."""
    source = "".join(own + word + separator for word, own, _, separator in tokens)
    output = "".join(own + mark + word + separator for word, own, mark, separator in tokens)
    stripped = strip_unknown_marks(output, source)
    assert stripped.text == source
    assert len(stripped.findings) == sum(1 for _, _, mark, _ in tokens if mark)


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x7f", "\x85", "\ufffe", "\ud800"])
def test_a_control_character_in_any_translation_is_blocking(char):
    source = "It recorded 1,248 attacks."
    masked = mask(source, "fr", Glossary())
    text = f"Il a enregistré 1 248 {char}attaques."
    (finding,) = CHECKER.translation(source, masked, text)
    assert (finding.code, finding.severity, finding.detail) == ("control character", BLOCKING, f"U+{ord(char):04X}")
    assert finding.summary().startswith(f"has a control character U+{ord(char):04X}")
    raw = f"Il a enregistré ⟦1⟧ {char}attaques."
    assert [f.code for f in CHECKER.machine(source, masked, raw, unmask(raw, masked)) if f.blocking] \
        == ["control character"]
    assert CHECKER.translation(source, masked, "Il a enregistré 1 248\tattaques.") == []
