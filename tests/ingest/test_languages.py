"""Releases written in another language than English (issue 21, item 3): a past human
translation or an evaluation reference, read in its own language. Kind lines come from the
label catalogs, dates from CLDR."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from babel.dates import format_date

from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.ingest.conservation import check_conservation
from pipeline.ingest.datelines import parse_date
from pipeline.languages import LANGUAGES
from pipeline.release import Paragraph, Run, plain_text

from ..conftest import write

MARCH_5 = dt.date(2024, 3, 5)

# As a press office writes them: kind line in the language, title, dateline in the language's own shape.
REFERENCES = {
    "fr": ("COMMUNIQUÉ DE PRESSE", "L’OSCE soutient les observateurs électoraux", "VIENNE, 5 mars 2024 –",
           "L’OSCE a ouvert aujourd’hui un cours de formation."),
    "de": ("PRESSEMITTEILUNG", "OSZE unterstützt Wahlbeobachter", "WIEN, 5. März 2024 –",
           "Die OSZE hat heute einen Schulungskurs eröffnet."),
    "ru": ("ПРЕСС-РЕЛИЗ", "ОБСЕ поддерживает наблюдателей за выборами", "ВЕНА, 5 марта 2024 г. –",
           "ОБСЕ сегодня открыла учебный курс."),
    "es": ("COMUNICADO DE PRENSA", "La OSCE apoya a los observadores electorales", "VIENA, 5 de marzo de 2024 –",
           "La OSCE inauguró hoy un curso de formación."),
    "it": ("COMUNICATO STAMPA", "L’OSCE sostiene gli osservatori elettorali", "VIENNA, 5 marzo 2024 –",
           "L’OSCE ha aperto oggi un corso di formazione."),
}


def reference(tmp_path, lang, kind_line=None, dateline=None):
    kind, title, written_dateline, sentence = REFERENCES[lang]
    text = f"{kind_line or kind}\n\n# {title}\n\n{dateline or written_dateline} {sentence}\n"
    return write(tmp_path / f"a.{lang}.md", text)


@pytest.mark.parametrize("lang", REFERENCES)
def test_a_reference_in_its_language_has_its_kind_title_and_dateline(tmp_path, lang):
    kind, title, dateline, sentence = REFERENCES[lang]
    release = read_release(reference(tmp_path, lang), lang)
    assert (release.lang, release.kind, release.title) == (lang, "press-release", title)
    assert release.dateline.date == MARCH_5
    assert release.dateline.place == dateline.split(",")[0]
    assert [plain_text(block.runs) for block in release.blocks] == [sentence]


@pytest.mark.parametrize("lang", REFERENCES)
def test_the_front_matter_lang_is_the_language_it_is_read_in(tmp_path, lang):
    path = reference(tmp_path, lang)
    path.write_text(f"---\nlang: {lang}\n---\n{path.read_text(encoding='utf-8')}", encoding="utf-8")
    release = read_release(path)  # the default language is English
    assert (release.lang, release.kind, release.dateline.date) == (lang, "press-release", MARCH_5)


def test_read_as_english_a_french_date_is_refused_naming_file_line_and_languages(tmp_path):
    path = write(tmp_path / "r.md", "# Titre\n\nVIENNE, 5 mars 2024 – Texte.\n")
    with pytest.raises(InputError) as caught:
        read_release(path)
    assert str(caught.value) == (f"{path}:3: unknown month 'mars' in dateline date '5 mars 2024' "
                                 "(not a month name in English)")
    assert read_release(path, "fr").dateline.date == MARCH_5


@pytest.mark.parametrize("lang, line, kind", [
    ("fr", "Communiqué de presse", "press-release"), ("fr", "DÉCLARATION", "statement"),
    ("fr", "Avis aux médias", "media-advisory"), ("de", "Erklärung", "statement"),
    ("ru", "ЗАЯВЛЕНИЕ", "statement"), ("ru", "Информация для СМИ", "media-advisory"),
    ("es", "Declaración", "statement"), ("it", "Avviso ai media", "media-advisory"),
    ("fr", "PRESS RELEASE", "press-release"),  # English is always read too
    ("fr", "COMMUNIQUÉ CONJOINT", "communiqué-conjoint"),  # any line in capitals, named by its words
    ("ru", "СОВМЕСТНОЕ ЗАЯВЛЕНИЕ", "совместное-заявление"),
])
def test_kind_lines_in_the_catalogs_words_in_any_case(tmp_path, lang, line, kind):
    release = read_release(reference(tmp_path, lang, kind_line=line), lang)
    assert release.kind == kind and release.title == REFERENCES[lang][1]


def test_a_kind_line_in_another_language_than_the_documents_is_text(tmp_path):
    path = write(tmp_path / "r.md", "Communiqué de presse\n\nText.\n")
    with pytest.raises(InputError, match="no title"):
        read_release(path)  # read as English: a paragraph, the body starts, no '# Title'


def test_after_the_title_only_a_kinds_own_words_make_a_kind_line(tmp_path):
    kind_after = read_release(write(tmp_path / "a.md", "# Titre\n\nDéclaration\n\nTexte.\n"), "fr")
    assert kind_after.kind == "statement" and [plain_text(b.runs) for b in kind_after.blocks] == ["Texte."]
    capitals_after = read_release(write(tmp_path / "b.md", "# Title\n\nBREAKING NEWS\n\nText.\n"))
    assert capitals_after.kind == "press-release"
    assert [plain_text(b.runs) for b in capitals_after.blocks] == ["BREAKING NEWS", "Text."]


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("width", ["long", "medium"])
def test_every_month_as_cldr_writes_it_reads_back(lang, width):
    """The pipeline's own editions write datelines with CLDR's long format: each language reads them back."""
    locale = LANGUAGES[lang].locale
    for month in range(1, 13):
        date = dt.date(2024, month, 28)
        written = format_date(date, width, locale=locale)
        if not any(c.isalpha() for c in written.replace("г.", "")):
            continue  # a numeric medium format (de: 28.03.2024) is not a dateline's shape
        assert parse_date(written, lang, "r.md", 1) == date, written
        assert parse_date(written.upper(), lang, "r.md", 1) == date, written.upper()


@pytest.mark.parametrize("written, lang", [("5 март 2024 г.", "ru"), ("5 марта 2024", "ru"), ("5 мар. 2024 г.", "ru"),
                                           ("5 Mär 2024", "de"), ("5. MÄRZ 2024", "de"), ("5 mars 2024", "fr"),
                                           ("5 marzo 2024", "es"), ("5 de mar. de 2024", "es"),
                                           ("March 5, 2024", "fr"), ("5 Mar 2024", "it")])
def test_dates_in_other_shapes_and_cases(written, lang):
    assert parse_date(written, lang, "r.md", 1) == MARCH_5


def test_front_matter_date_in_the_documents_language(tmp_path):
    path = write(tmp_path / "r.md", "---\nlang: de\ndate: 5. März 2024\nplace: Wien\n---\n# Titel\n\nText.\n")
    release = read_release(path)
    assert release.dateline.date == MARCH_5 and release.dateline.place == "Wien"


@pytest.mark.parametrize("lang", ["fr", "ru"])
def test_the_conservation_check_still_sees_a_dropped_word_in_another_language(tmp_path, lang):
    path = reference(tmp_path, lang)
    release = read_release(path, lang)
    first = release.blocks[0]
    dropped = replace(release, blocks=(Paragraph((Run(plain_text(first.runs).split(" ", 1)[1]),)),))
    with pytest.raises(InputError, match="ingest would drop") as caught:
        check_conservation(path.read_text(encoding="utf-8"), 1, dropped, path)
    assert caught.value.line == 5


def test_a_kind_word_is_placed_once(tmp_path):
    """The kind line may stand anywhere in the head, but its words are not a licence to drop the same word later."""
    path = write(tmp_path / "r.md", "# Titre\n\nCOMMUNIQUÉ DE PRESSE\n\nVIENNE, 5 mars 2024 – Un communiqué de presse.\n")
    release = read_release(path, "fr")
    assert release.kind == "press-release"
    dropped = replace(release, blocks=(Paragraph((Run("Un communiqué de."),)),))
    with pytest.raises(InputError, match="ingest would drop 'presse'"):
        check_conservation(path.read_text(encoding="utf-8"), 1, dropped, path)
