"""liblouis through ctypes: translation both ways, characters a table lacks, the tables the
pipeline ships, and one clear line when liblouis or a table is missing."""

from __future__ import annotations

import string

import pytest

from pipeline.braille import louis
from pipeline.errors import PipelineError

ITALIAN = "it-hyphen.cti,it-it-comp6.utb"  # pipeline/languages/it.py


def test_translates_to_unicode_braille_and_back_with_the_character_of_each_cell():
    cells, positions = louis.translate("en-ueb-g1.ctb", "Vienna 1,248")
    assert cells == "⠠⠧⠊⠑⠝⠝⠁⠀⠼⠁⠂⠃⠙⠓"
    assert positions == [0, 0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11]  # the capital sign and the number sign
    assert louis.back_translate("en-ueb-g1.ctb", cells) == "Vienna 1,248"


def test_a_table_the_pipeline_ships_is_found_in_its_folder():
    assert louis.resolve(ITALIAN) == f"{louis.OWN_TABLES / 'it-hyphen.cti'},it-it-comp6.utb"


def test_italian_hyphens_are_written_not_escaped():
    """Debian's it-it-comp6.utb (liblouis 3.24) defines the soft hyphen, not "-": it-hyphen.cti adds it."""
    cells, _ = louis.translate(ITALIAN, "e-mail extra-bilancio 2023-2024")
    assert "⠤" in cells and louis.back_translate(ITALIAN, cells).count("-") == 3
    assert "\\" not in louis.back_translate("it-it-comp6.utb", louis.translate(ITALIAN, "e-mail")[0])


@pytest.mark.parametrize("table", ["en-us-comp6.ctb", "de-comp6.utb"])
def test_six_dot_computer_braille_reads_every_address_character_back(table):
    """The computer tables the editions write addresses with (pipeline/languages/): every letter, digit
    and sign of a URL or e-mail address comes back, in 6-dot cells."""
    text = "https://Example.org/a_b~c?x=1&y=20%25+z#top" + string.ascii_letters + string.digits + ":/.-_~?=&%@+#"
    cells, _ = louis.translate(table, text)
    assert all(ord(cell) < 0x2840 for cell in cells)
    assert louis.back_translate(table, cells) == text


def test_characters_a_table_lacks_are_replaced_not_escaped():
    assert louis.printable(ITALIAN, "l’OSCE – 5 €") == "l'OSCE - 5 EUR"  # typography, then a fallback
    assert louis.printable("es-g1.ctb", "Łódź") == "Lódz"  # Spanish has ó; ź without its accent, Ł a fallback
    assert louis.printable("en-ueb-g2.ctb", "a • b") == "a • b"  # UEB has the bullet


def test_without_liblouis_one_line_names_the_package(monkeypatch):
    louis._library.cache_clear()
    louis._widechar.cache_clear()
    monkeypatch.setattr(louis, "LIBRARY", "liblouis-missing.so.20")
    try:
        with pytest.raises(PipelineError) as error:
            louis.version()
        assert "\n" not in str(error.value) and "Debian package liblouis20" in str(error.value)
    finally:
        monkeypatch.undo()
        louis._library.cache_clear()
        louis._widechar.cache_clear()
    assert louis.version().startswith("3.")


def test_a_missing_table_names_the_tables_package():
    with pytest.raises(PipelineError, match="'xx-missing.ctb': install the Debian package liblouis-data"):
        louis.check("xx-missing.ctb")
