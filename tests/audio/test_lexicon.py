import pytest

from pipeline.audio.lexicon import load_lexicon
from pipeline.errors import InputError

from ..conftest import write


@pytest.mark.parametrize("lang, text, said", [
    # "o d i h r" in small letters: eSpeak says a capital "I" standing alone as the pronoun, unstressed.
    ("en", "The OSCE and ODIHR’s Director, e.g. Dr. Mecacci.", "The O S C E and o d i h r’s Director, for example Doctor Mekatchi."),
    ("fr", "L’OSCE et le BIDDH, M. Dupont.", "L’O S C E et le B I D D H, Monsieur Dupont."),
    ("de", "Die OSZE und das BDIMR, z. B. hier.", "Die O S Z E und das B D I M R, zum Beispiel hier."),
    ("it", "L’OSCE e l’ODIHR.", "L’O S C E e l’O D I H R."),
    ("ru", "ОБСЕ и БДИПЧ, 21 февраля 2024 г.", "О Б С Е и Б Д И П Ч, 21 февраля 2024 года"),
    ("es", "La OSCE y la OIDDH, p. ej. Sr. Pérez.", "La O S C E y la O I D D H, por ejemplo señor Pérez."),
])
def test_each_language_says_its_acronyms_and_abbreviations(lang, text, said):
    assert load_lexicon(lang).apply(text) == said


def test_only_whole_words_are_replaced():
    assert load_lexicon("en").apply("OSCEs PROSCE ODIHR") == "OSCEs PROSCE o d i h r"


def test_a_project_lexicon_replaces_the_pipelines(tmp_path):
    write(tmp_path / "en" / "lexicon.pls", '<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" '
          'xml:lang="en"><lexeme><grapheme>OSCE</grapheme><alias>the Organization</alias></lexeme></lexicon>')
    assert load_lexicon("en", [tmp_path]).apply("OSCE, ODIHR") == "the Organization, ODIHR"


def test_a_broken_lexicon_names_file_and_line(tmp_path):
    write(tmp_path / "fr" / "lexicon.pls", '<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon">\n'
          '<lexeme><grapheme>OSCE</grapheme>\n</lexicon>')
    with pytest.raises(InputError) as caught:
        load_lexicon("fr", [tmp_path])
    assert str(caught.value).startswith(f"{tmp_path / 'fr' / 'lexicon.pls'}:3: not a valid PLS lexicon")
