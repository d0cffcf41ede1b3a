"""pipeline/ingest/datelines.py: the shapes of datelines (issue 23): several places, a place with its
country, a bilingual name, the date in parentheses, numeric dates in the document's order, a weekday,
a dateline on a line of its own (under a meeting line), and what closes it (a dash with or without
spaces, a full stop, the end of the line). Nothing of it is lost: the conservation check passes on
every file read here (read_release runs it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.ingest.datelines import (
    dateline_pattern, find_dateline, is_date, is_place, parse_date, split_places)
from pipeline.languages import LANGUAGES
from pipeline.localise.datelines import format_dateline
from pipeline.release import Heading, Paragraph, block_kind, plain_text

from ..conftest import write
from .conftest import SHAPES, text_edition

TITLE = "# The OSCE opens a course\n\n"


def read(tmp_path, body: str, lang: str = "en"):
    return read_release(write(tmp_path / "r.md", TITLE + body), lang)


def texts(release) -> list[tuple[str, str]]:
    return [(block_kind(block), plain_text(block.runs)) for block in release.blocks]


@pytest.mark.parametrize("written, places, zones, date", [
    ("VIENNA / WARSAW – 12 May 2023.", ["VIENNA", "WARSAW"], ["Europe/Vienna", "Europe/Warsaw"], dt.date(2023, 5, 12)),
    ("BRUSSELS, Belgium – 10 October 2023 -", ["BRUSSELS, Belgium"], ["Europe/Brussels"], dt.date(2023, 10, 10)),
    ("AMMAN, 3 April 2023-", ["AMMAN"], ["Asia/Amman"], dt.date(2023, 4, 3)),
    ("GENEVA (2 June 2023) –", ["GENEVA"], [None], dt.date(2023, 6, 2)),
    ("Strasbourg, 27.03.2023 –", ["Strasbourg"], [None], dt.date(2023, 3, 27)),
    ("Strasbourg,27.03.2023-", ["Strasbourg"], [None], dt.date(2023, 3, 27)),
    ("AMMAN, 3-4-2023- ", ["AMMAN"], ["Asia/Amman"], dt.date(2023, 4, 3)),
    ("BOLZANO/BOZEN, 5 October 2023 –", ["BOLZANO/BOZEN"], [None], dt.date(2023, 10, 5)),
    ("VIENNA, Monday, 5 June 2023 –", ["VIENNA"], ["Europe/Vienna"], dt.date(2023, 6, 5)),
    ("VIENNA – Monday 5 June 2023 –", ["VIENNA"], ["Europe/Vienna"], dt.date(2023, 6, 5)),
    ("TBILISI / WARSAW, February 9, 2024 -", ["TBILISI", "WARSAW"], ["Asia/Tbilisi", "Europe/Warsaw"],
     dt.date(2024, 2, 9)),
    ("TBILISI, Georgia / WARSAW, Poland, 9 February 2024 –", ["TBILISI, Georgia", "WARSAW, Poland"],
     ["Asia/Tbilisi", "Europe/Warsaw"], dt.date(2024, 2, 9)),
    ("NOVI SAD, 22 November 2023 -", ["NOVI SAD"], [None], dt.date(2023, 11, 22)),
    ("WASHINGTON, March 5, 2024 –", ["WASHINGTON"], [None], dt.date(2024, 3, 5)),
])
def test_a_dateline_opening_the_first_paragraph(tmp_path, written, places, zones, date):
    release = read(tmp_path, f"{written} The OSCE opened a course.\n")
    assert [place.name for place in release.dateline.places] == places
    assert [place.timezone for place in release.dateline.places] == zones
    assert release.dateline.date == date
    assert texts(release) == [("paragraph", "The OSCE opened a course.")]


@pytest.mark.parametrize("written, place, date", [
    ("Strasbourg 18/10/2023", "Strasbourg", dt.date(2023, 10, 18)),  # no separator: only on a line of its own
    ("Vienna, 18 May 2023", "Vienna", dt.date(2023, 5, 18)),
    ("GENEVA (2 June 2023)", "GENEVA", dt.date(2023, 6, 2)),
    ("VIENNA / WARSAW – 12 May 2023", "VIENNA / WARSAW", dt.date(2023, 5, 12)),
])
def test_a_dateline_as_a_paragraph_of_its_own(tmp_path, written, place, date):
    release = read(tmp_path, f"{written}\n\nThe OSCE opened a course.\n\nA second paragraph.\n")
    assert (release.dateline.place, release.dateline.date) == (place, date)
    assert texts(release) == [("paragraph", "The OSCE opened a course."), ("paragraph", "A second paragraph.")]


def test_a_dateline_on_the_first_line_of_the_paragraph_keeps_the_lines_under_it(tmp_path):
    release = read(tmp_path, "Vienna, 18 May 2023\nPC.DEL/612/23\n\nThe EU welcomes the report.\n")
    assert release.dateline.date == dt.date(2023, 5, 18)
    assert texts(release) == [("paragraph", "PC.DEL/612/23"), ("paragraph", "The EU welcomes the report.")]


def test_a_dateline_under_a_meeting_line_makes_that_line_a_subtitle(tmp_path):
    """An EU statement: the meeting, then the place and date, as two lines of one paragraph."""
    release = read(tmp_path, "OSCE Permanent Council No. 1424\nVienna, 18 May 2023\n\nPC.DEL/612/23\n\n"
                             "The European Union warmly welcomes the report.\n")
    assert (release.dateline.place, release.dateline.date) == ("Vienna", dt.date(2023, 5, 18))
    assert texts(release) == [("heading", "OSCE Permanent Council No. 1424"), ("paragraph", "PC.DEL/612/23"),
                              ("paragraph", "The European Union warmly welcomes the report.")]
    assert isinstance(release.blocks[0], Heading) and release.blocks[0].level == 2


@pytest.mark.parametrize("body", [
    "The OSCE met today in\nVienna, 18 May 2023\n",  # a sentence cut in the middle
    "The ministers met.\nVienna, 18 May 2023\n",  # a line above that ends a sentence
    "One\nTwo\nThree\nFour\nVienna, 18 May 2023\n",  # more than three lines above
    "The ministers met in Vienna, 18 May 2023.\n",  # a sentence: words in small letters are no place
])
def test_a_date_under_or_after_text_is_text(tmp_path, body):
    release = read(tmp_path, body)
    assert release.dateline is None
    assert [kind for kind, _ in texts(release)] == ["paragraph"]


@pytest.mark.parametrize("text", [
    "VIENNA, 5 March 2024, the OSCE opened a course.",  # a comma after the date: a sentence
    "Today, 5 March 2024 the OSCE opened a course.",  # no dash, not alone on its line
    "Strasbourg 18/10/2023 the Commissioner said.",  # no separator and text after it
    "On 5 March 2024 the OSCE opened a course.",
    "06.11.2023",  # a date with no place: not a dateline (the EEAS statement)
    "VIENNA, 127.03.2023 – a number, not a date",
    "The ministers met. Vienna, 18 May 2023",
])
def test_not_a_dateline(text):
    assert find_dateline(text, "en") is None


@pytest.mark.parametrize("text, place", [
    ("Frankfurt am Main", True), ("Rostov-on-Don", True), ("Côte d’Ivoire", True), ("ABIDJAN, Côte d'Ivoire", True),
    ("SARAJEVO, Bosnia and Herzegovina", True), ("St. Gallen", True), ("თბილისი", True), ("ВЕНА", True),
    ("vienna", True), ("The ministers met. Vienna", False), ("Talks held in Vienna", False),
])
def test_is_place(text, place):
    assert is_place(text) is place


def test_split_places_a_slash_with_spaces_separates_without_them_joins():
    assert split_places("TBILISI / WARSAW") == ["TBILISI", "WARSAW"]
    assert split_places("VIENNA /WARSAW") == ["VIENNA", "WARSAW"]
    assert split_places("VIENNA/ WARSAW") == ["VIENNA", "WARSAW"]
    assert split_places("BOLZANO/BOZEN") == ["BOLZANO/BOZEN"]
    assert split_places("BOLZANO/BOZEN / VIENNA") == ["BOLZANO/BOZEN", "VIENNA"]


@pytest.mark.parametrize("written, lang, date", [
    ("05/03/2024", "en", dt.date(2024, 3, 5)),  # en is en_GB: day first
    ("05.03.2024", "en", dt.date(2024, 3, 5)),
    ("5-3-2024", "en", dt.date(2024, 3, 5)),
    ("05/03/2024", "fr", dt.date(2024, 3, 5)),
    ("05.03.2024", "de", dt.date(2024, 3, 5)),
    ("05.03.2024", "ru", dt.date(2024, 3, 5)),
    ("5/3/2024", "es", dt.date(2024, 3, 5)),
    ("03/05/2024", "en-US", dt.date(2024, 3, 5)),  # month first only for US English
    ("Tuesday, 5 March 2024", "en", dt.date(2024, 3, 5)),
    ("Tue 5 Mar 2024", "en", dt.date(2024, 3, 5)),
    ("mardi 5 mars 2024", "fr", dt.date(2024, 3, 5)),
    ("Dienstag, 5. März 2024", "de", dt.date(2024, 3, 5)),
    ("вторник, 5 марта 2024 г.", "ru", dt.date(2024, 3, 5)),
    ("martes, 5 de marzo de 2024", "es", dt.date(2024, 3, 5)),
    ("Tuesday, 05.03.2024", "de", dt.date(2024, 3, 5)),  # English names are read in every language
])
def test_numeric_dates_and_weekdays(written, lang, date):
    assert is_date(written, lang)
    assert parse_date(written, lang, Path("r.md"), 1) == date


def test_a_numeric_date_impossible_in_the_documents_order_names_the_order():
    with pytest.raises(InputError) as caught:
        parse_date("27.03.2023", "en-US", Path("r.md"), 5)
    assert str(caught.value) == "r.md:5: impossible date '27.03.2023' in dateline (read as month/day/year)"


def test_a_weekday_that_is_not_the_dates_is_refused(tmp_path):
    path = write(tmp_path / "r.md", TITLE + "VIENNA, Monday, 6 June 2023 – Text.\n")
    with pytest.raises(InputError) as caught:
        read_release(path)
    assert str(caught.value) == (f"{path}:3: dateline date 'Monday, 6 June 2023': 'Monday' is not its weekday "
                                 "(6 June 2023 is a Tuesday)")


def test_a_line_number_of_a_dateline_under_a_meeting_line_is_its_own(tmp_path):
    path = write(tmp_path / "r.md", TITLE + "OSCE Permanent Council No. 1424\nVienna, 31 February 2023\n")
    with pytest.raises(InputError) as caught:
        read_release(path)
    assert str(caught.value).startswith(f"{path}:4: impossible date")


def test_front_matter_date_may_be_numeric_in_the_documents_order(tmp_path):
    release = read_release(write(tmp_path / "r.md", "---\ndate: 27.03.2023\nplace: Strasbourg\n---\n# T\n\nText.\n"))
    assert release.dateline.date == dt.date(2023, 3, 27)


def test_the_country_is_kept_in_the_source_edition_and_the_city_localised_in_a_translation(tmp_path):
    release = read(tmp_path, "BRUSSELS, Belgium – 10 October 2023 - On the European Day.\n")
    assert format_dateline(release.dateline, LANGUAGES["en"], as_written=True) == "BRUSSELS, BELGIUM, 10 October 2023"
    assert format_dateline(release.dateline, LANGUAGES["es"]) == "BRUSELAS, 10 de octubre de 2023"
    bilingual = read(tmp_path, "BOLZANO/BOZEN, 5 October 2023 – Text.\n")
    assert format_dateline(bilingual.dateline, LANGUAGES["es"]) == "BOLZANO/BOZEN, 5 de octubre de 2023"


def test_the_text_edition_shows_the_dateline(tmp_path):
    path = write(tmp_path / "r.md", TITLE + "VIENNA / WARSAW – 12 May 2023. Attacks go unpunished.\n")
    assert "VIENNA / WARSAW, 12 May 2023 – Attacks go unpunished." in text_edition(path)


def test_a_word_of_the_dateline_left_out_is_still_caught(tmp_path):
    """The dateline's words count once: a place word repeated right after it is text, and must stay."""
    release = read(tmp_path, "VIENNA / WARSAW – 12 May 2023. WARSAW hosts the meeting.\n")
    assert texts(release) == [("paragraph", "WARSAW hosts the meeting.")]


def test_the_pattern_is_read_in_the_documents_language():
    match = dateline_pattern("fr").match("VIENNE / VARSOVIE – lundi 5 juin 2023. Texte")
    assert (match["place"], match["date"]) == ("VIENNE / VARSOVIE", "lundi 5 juin 2023")
    assert parse_date(match["date"], "fr", Path("r.md"), 1) == dt.date(2023, 6, 5)


# --- the corpus (tests/data/shapes-new, moving into tests/data/shapes) ----------------------------

CORPUS = {
    "secretariat-odihr-joint-statement.md": ("VIENNA / WARSAW", dt.date(2023, 5, 12)),
    "eu-coe-joint-statement.md": ("BRUSSELS, Belgium", dt.date(2023, 10, 10)),
    "unicef-who-joint-statement.md": ("AMMAN", dt.date(2023, 4, 3)),
    "ohchr-treaty-reports-table.md": ("GENEVA", dt.date(2023, 6, 2)),
    "coe-greco-report.md": ("Strasbourg", dt.date(2023, 3, 27)),
    "coe-commissioner-french-quote.md": ("Strasbourg", dt.date(2023, 10, 18)),
    "hcnm-german-quote.md": ("BOLZANO/BOZEN", dt.date(2023, 10, 5)),
    "eu-statement-permanent-council.md": ("Vienna", dt.date(2023, 5, 18)),
}


def corpus_file(name: str) -> Path:
    for folder in (SHAPES.parent / "shapes-new", SHAPES):
        if (folder / name).exists():
            return folder / name
    pytest.skip(f"{name} is in neither shapes corpus")


@pytest.mark.parametrize("name", CORPUS)
def test_the_corpus_datelines_are_read(name):
    release = read_release(corpus_file(name))
    assert (release.dateline.place, release.dateline.date) == CORPUS[name]
    first = next(block for block in release.blocks if isinstance(block, Paragraph))
    assert not find_dateline(plain_text(first.runs), "en"), "the dateline's text is left in the paragraph"
