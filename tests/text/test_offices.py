"""The issuing office's official name: one lookup (pipeline/text/offices.py), one name in every edition."""

from dataclasses import dataclass, replace

from pipeline.audio.script import office_name
from pipeline.editions import EditionSettings
from pipeline.editions.pdf import office_name as pdf_office_name
from pipeline.ingest import read_release
from pipeline.localise import localise_target
from pipeline.localise.labels import load_labels
from pipeline.localise.offices import official_name
from pipeline.release import TranslationStatus
from pipeline.segment import segment_release
from pipeline.text.offices import glossary_name
from pipeline.translate.glossary import Glossary

from ..conftest import EXAMPLE

TERMS = (("OSCE Office for Democratic Institutions and Human Rights",
          "Bureau des institutions démocratiques et des droits de l'homme de l'OSCE"),
         ("Office for Democratic Institutions and Human Rights",
          "Bureau des institutions démocratiques et des droits de l'homme"))


def test_only_the_whole_name_is_looked_up_spaces_and_case_aside():
    assert glossary_name("osce office for democratic\n institutions and  human rights ", TERMS) == TERMS[0][1]
    assert glossary_name("Office for Democratic Institutions and Human Rights", TERMS) == TERMS[1][1]
    assert glossary_name("ODIHR", TERMS) is None
    assert glossary_name("OSCE Office for Democratic Institutions", TERMS) is None


def test_the_name_is_written_in_the_languages_typography():
    assert official_name(TERMS[0][0], "fr", TERMS) == \
        "Bureau des institutions démocratiques et des droits de l’homme de l’OSCE"
    assert official_name(TERMS[0][0], "en", (("OSCE Office for Democratic Institutions and Human Rights",
                                               "Office's name"),)) == "Office's name"  # English keeps "'"
    assert official_name("ODIHR", "fr", TERMS) is None


def test_the_audio_the_epub_and_the_pdf_name_the_office_alike():
    """The audio's closing line, its MP3 artist and the EPUB's creator (audio/script.py `office_name`) and the
    PDF's author (editions/pdf.py) once applied the glossary differently: the PDF with typographic apostrophes."""

    @dataclass(frozen=True)
    class WithGlossary(EditionSettings):  # the planner's per-language settings carry the glossary
        glossary: Glossary | None = None

    release = replace(read_release(EXAMPLE), office=TERMS[0][0])
    segmentation = segment_release(release)
    status = TranslationStatus(source=False, segments=len(segmentation.segments), untranslated=0)
    french = localise_target(release, segmentation, "fr", (), status, load_labels("fr"))
    glossary = Glossary(TERMS)
    said, lang = office_name(french, "OSCE", glossary.terms)
    assert (said, lang) == ("Bureau des institutions démocratiques et des droits de l’homme de l’OSCE", "fr")
    assert pdf_office_name(french, WithGlossary(glossary=glossary)) == said
