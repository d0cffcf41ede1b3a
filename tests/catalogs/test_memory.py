"""pipeline/catalogs/memory.py: reviewed translations kept across releases, TMX out, units in."""

import xml.etree.ElementTree as ElementTree

from pipeline.catalogs.memory import TranslationMemory, memory_path

SOURCE = "The full report is available in English and Russian."
FRENCH = "Le rapport complet est disponible en anglais et en russe."


def test_a_memory_is_created_only_when_something_is_recorded(tmp_path):
    path = memory_path(tmp_path / "locales")
    with TranslationMemory(path) as memory:
        assert memory.lookup("fr", SOURCE) is None and memory.suggest("fr", SOURCE) is None
    assert not path.exists()  # a failed or empty run creates no file


def test_recorded_reviewed_sentences_are_found_exactly_and_the_latest_wins(tmp_path):
    with TranslationMemory(tmp_path / "memory.sqlite3") as memory:
        assert memory.record("fr", "release-a", [("body.1", SOURCE, "Ancienne traduction."), ("body.2", "Empty.", "")]) == 1
        memory.record("fr", "release-b", [("body.1", SOURCE, FRENCH)])
        assert memory.lookup("fr", SOURCE) == (FRENCH, "release-b")
        assert memory.lookup("es", SOURCE) is None and memory.count() == 1


def test_imported_units_keep_the_newer_translation(tmp_path):
    with TranslationMemory(tmp_path / "memory.sqlite3") as memory:
        memory.import_units("fr", "archive.tmx", [(SOURCE, "Vieille version.", "2020-01-01T00:00:00")])
        assert memory.import_units("fr", "other.tmx", [(SOURCE, "Plus vieille.", "2019-01-01T00:00:00")]) == 0
        assert memory.import_units("fr", "newer.tmx", [(SOURCE, FRENCH, "2024-01-01T00:00:00")]) == 1
        assert memory.lookup("fr", SOURCE) == (FRENCH, "newer.tmx")


def test_a_sentence_one_word_different_gets_a_fuzzy_suggestion(tmp_path):
    with TranslationMemory(tmp_path / "memory.sqlite3") as memory:
        memory.record("fr", "release-a", [("body.1", SOURCE, FRENCH)])
        match = memory.suggest("fr", SOURCE.replace("Russian", "German"))
        assert match is not None and match.score >= 75 and match.target == FRENCH


def test_tmx_export_is_well_formed_and_lists_every_unit(tmp_path):
    with TranslationMemory(tmp_path / "memory.sqlite3") as memory:
        memory.record("fr", "release-a", [("body.1", SOURCE, FRENCH)])
        memory.record("es", "release-a", [("body.1", SOURCE, "El informe completo está disponible.")])
        root = ElementTree.fromstring(memory.export_tmx())
        assert root.get("version") == "1.4" and len(root.findall("body/tu")) == 2
        assert len(ElementTree.fromstring(memory.export_tmx("fr")).findall("body/tu")) == 1
