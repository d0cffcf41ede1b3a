"""A release in braille: the table each language's module names, for each grade; passages in another
language with that language's uncontracted table; addresses apart, after the code's sign."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.braille.louis import back_translate
from pipeline.braille.transcribe import braille_code, transcribe
from pipeline.editions import render
from pipeline.errors import PipelineError
from pipeline.ingest import read_release
from pipeline.languages import Language, language, registered
from pipeline.localise import localise_source, localise_target
from pipeline.localise.labels import load_labels
from pipeline.release import Figure, Note, Paragraph, Run, Table, TranslationStatus
from pipeline.segment import segment_release

from ..conftest import write

RELEASE = """PRESS RELEASE

# OSCE opens training course in Skopje

SKOPJE, 12 June 2024 – The course is online at https://www.osce.org/skopje/training-2024 for 24 journalists.

The motto of a newspaper is [Die Wahrheit ist den Menschen zumutbar]{lang=de}, of another <span lang="ru">Свобода слова</span>.

## Contacts

### Press Office, OSCE Mission to Skopje

[press.skopje@osce.org](mailto:press.skopje@osce.org)
"""


@pytest.mark.parametrize("lang, contracted, uncontracted", [
    ("en", "en-ueb-g2.ctb", "en-ueb-g1.ctb"), ("fr", "fr-bfu-g2.ctb", "fr-bfu-comp6.utb"),
    ("de", "de-g2.ctb", "de-g1.ctb"), ("it", "it-hyphen.cti,it-it-comp6.utb", "it-hyphen.cti,it-it-comp6.utb"),
    ("ru", "ru-litbrl.ctb", "ru-litbrl.ctb"), ("es", "es-g1.ctb", "es-g1.ctb"), ("ca", "ca-g1.ctb", "ca-g1.ctb")])
def test_each_grade_takes_the_table_the_language_module_names(lang, contracted, uncontracted):
    assert braille_code(lang, "contracted").table == contracted
    assert braille_code(lang, "uncontracted").table == uncontracted


def test_an_unknown_grade_and_a_language_without_tables_are_refused():
    with pytest.raises(PipelineError, match="braille grade must be one of contracted, uncontracted"):
        braille_code("en", "grade 3")
    with registered(Language("xx", "en", "X", "x")), pytest.raises(PipelineError, match="no braille tables"):
        braille_code("xx", "contracted")


def spans(release):
    return [span for block in transcribe(release, "contracted") for span in block.spans]


def test_foreign_passages_take_their_languages_tables_and_addresses_the_codes(tmp_path):
    release = read_release(write(tmp_path / "r.md", RELEASE))
    written = {span.text: span for span in spans(localise_source(release, segment_release(release), load_labels("en")))}
    assert written["Die Wahrheit ist den Menschen zumutbar"].table == language("de").braille_tables.uncontracted.table
    assert written["Свобода слова"].table == "ru-litbrl.ctb"
    assert written["https://www.osce.org/skopje/training-2024"].table == "en-ueb-g1.ctb"  # UEB grade 1 …
    assert written[""].cells == "⠰⠰"  # … after the grade 1 word indicator
    assert "en-ueb-g2.ctb" in {span.table for span in written.values()}


@pytest.mark.parametrize("lang", ["it", "es", "ru"])
def test_italian_spanish_and_russian_write_addresses_in_computer_braille_between_its_indicators(tmp_path, lang):
    """6-dot computer braille (en-us-comp6.ctb, the Computer Braille Code) after ⠸⠬ and before ⠸⠱: their
    literary tables cannot write an address that reads back (docs/braille.md)."""
    release = replace(read_release(write(tmp_path / "r.md", RELEASE)), lang=lang)
    written = spans(localise_source(release, segment_release(release), load_labels(lang)))
    for address in ("https://www.osce.org/skopje/training-2024", "press.skopje@osce.org"):
        index = next(i for i, span in enumerate(written) if span.text == address)
        span = written[index]
        assert (written[index - 1].cells, written[index + 1].cells) == ("⠸⠬", "⠸⠱")
        assert span.table == span.back == "en-us-comp6.ctb"
        assert back_translate(span.back, span.cells) == address
    assert written[index].cells == "⠏⠗⠑⠎⠎⠨⠎⠅⠕⠏⠚⠑⠈⠕⠎⠉⠑⠨⠕⠗⠛"  # braille ASCII "PRESS.SKOPJE@OSCE.ORG"


def test_an_address_the_computer_table_cannot_write_stays_in_the_text_s_braille(tmp_path):
    """A Cyrillic domain: computer braille has no Cyrillic letters, so Russian braille writes it, unsigned."""
    text = RELEASE.replace("https://www.osce.org/skopje/training-2024", "https://президент.рф/news")
    release = replace(read_release(write(tmp_path / "r.md", text)), lang="ru")
    written = spans(localise_source(release, segment_release(release), load_labels("ru")))
    index = next(i for i, span in enumerate(written) if span.text == "https://президент.рф/news")
    assert written[index].table == "ru-litbrl.ctb" and written[index - 1].cells != "⠸⠬"
    assert {span.table for span in written if span.text == "press.skopje@osce.org"} == {"en-us-comp6.ctb"}


def test_an_untranslated_edition_writes_english_with_english_braille_and_its_labels_with_its_own(tmp_path):
    release = read_release(write(tmp_path / "r.md", RELEASE))
    segmentation = segment_release(release)
    status = TranslationStatus(source=False, segments=len(segmentation.segments),
                               untranslated=len(segmentation.segments))
    german = localise_target(release, segmentation, "de", (), status, load_labels("de"))
    tables = {span.text: span.table for span in spans(german)}
    assert tables["OSCE opens training course in Skopje"] == "en-ueb-g1.ctb"
    assert tables["Kontakt"] == "de-g2.ctb"
    assert tables["press.skopje@osce.org"] == "de-comp6.utb"  # after ⠠⠨, as de-g2.ctb writes it


def test_tables_figures_and_footnotes_are_written_as_transcribers_list_them(tmp_path):
    """A table listed a cell a line after its header, a picture as "[Photo: alt — credit]" with its
    link number, a footnote reference "(1)" and the note under "Notes" (built here: ingest makes
    these blocks from Markdown tables, pictures and footnotes)."""
    release = read_release(write(tmp_path / "r.md", RELEASE))
    english = localise_source(release, segment_release(release), load_labels("en"))
    table = Table(header=((Run("Item"),), (Run("Figure"),)),
                  rows=(((Run("Participants"),), (Run("24"),)), ((Run("Pages"),), (Run("1,250"),))),
                  caption=(Run("The course in figures"),))
    figure = Figure("https://www.osce.org/photo.jpg", alt=(Run("Journalists at the course"),),
                    credit=(Run("Photo: OSCE/Jane Doe"),))
    noted = Paragraph((Run("The course opened"), Run("1", note="a"), Run(".")))
    english = replace(english, blocks=(noted, table, figure), notes=(Note("a", ((Run("Funded by Norway."),),)),))
    blocks = transcribe(english, "uncontracted")
    back = ["".join(back_translate(span.back, span.cells) if span.table else span.text for span in block.spans)
            for block in blocks]
    assert "The course opened(1)." in back[2]  # after the kicker and the title; the dateline opens the body
    assert back[3:6] == ["The course in figures", "Item: Participants", "Figure: 24"]
    assert blocks[4].blank_before and not blocks[5].blank_before  # each row set apart
    assert back[8] == "[Photo: Journalists at the course — OSCE/Jane Doe] [1]"
    assert "Notes" in back and "(1) Funded by Norway." in back
    render("pef", english)  # every block and piece has its method
