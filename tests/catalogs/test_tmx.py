"""pipeline/catalogs/tmx.py: a CAT tool's TMX imported into the memory (the newer translation of a
sentence kept), then offered as a fuzzy suggestion with its score (issue 16). Real translate-toolkit,
rapidfuzz and Apertium."""

from translate.storage.tmx import tmxfile

from pipeline.catalogs.catalog import SUGGESTION, catalog_path
from pipeline.catalogs.memory import TranslationMemory, memory_path

from ..conftest import EXAMPLE, write
from .conftest import RELEASE_ID, entry


def tmx(path, units):
    store = tmxfile(sourcelanguage="en-GB")
    for source, target, date in units:
        store.addtranslation(source, "en-GB", target, "fr-FR")
        store.units[-1].xmlelement.set("changedate", date)
    path.write_bytes(bytes(store))
    return path


def test_tmx_import_then_a_fuzzy_suggestion_with_its_score(project, cli):
    write(project / "release-pipeline.toml", 'engine = "apertium"\nlanguages = ["fr"]\neditions = ["text"]\n')
    units = [("The full report is available in the <1>OSCE document library</1> in English and French.",
              "Le rapport complet est disponible dans la <1>bibliothèque de l’OSCE</1> en anglais et en français.",
              "20240101T000000Z"),
             ("Contacts", "Contacts", "20240101T000000Z"),
             ("The Representative said.", "Le Représentant a dit (ancien).", "20230101T000000Z"),
             ("The Representative said.", "Le Représentant a déclaré.", "20240201T000000Z")]
    code, out, err = cli("memory", "import", tmx(project / "old.tmx", units))
    assert code == 0 and "3/3 pairs read; 3 stored" in out and "(fr;" in out, out + err
    with TranslationMemory(memory_path(project / "locales")) as memory:
        assert memory.count("fr") == 3 and memory.lookup("fr", "The Representative said.")[0] == "Le Représentant a déclaré."
    older = [("The Representative said.", "Plus ancien.", "20220101T000000Z")]
    assert "0 stored" in cli("memory", "import", tmx(project / "older.tmx", older))[1]  # the newer one stays
    code, _, err = cli("run", write(project / "release.md", EXAMPLE.read_text()))
    assert code == 0, err
    suggested = entry(catalog_path(project / "locales", "fr", RELEASE_ID), "The full report")
    (comment,) = [c for c in suggested.auto_comments if c.startswith(SUGGESTION)]
    assert "% match, reviewed in TMX old.tmx: Le rapport complet est disponible" in comment
    assert 75 <= int(comment[len(SUGGESTION):].split(" %")[0]) < 100
    assert suggested.fuzzy and not suggested.string.startswith("Le rapport complet est")  # msgstr stays the MT


def test_a_tmx_with_an_external_entity_is_refused_and_the_memory_is_unchanged(project, cli):
    """Issue 24, item 11: an entity's text cannot be read, so it was stored as an empty reviewed string."""
    write(project / "release-pipeline.toml", 'engine = "none"\nlanguages = ["fr"]\neditions = ["text"]\n')
    good = tmx(project / "good.tmx", [("Contacts", "Contacts", "20240101T000000Z")])
    assert cli("memory", "import", good)[0] == 0
    memory_file = memory_path(project / "locales")
    with TranslationMemory(memory_file) as memory:
        before = list(memory.lookup("fr", "Contacts")), memory.count("fr")
    hostile = tmx(project / "hostile.tmx", [("The Representative said.", "EXTERNAL", "20240301T000000Z"),
                                            ("Contacts", "EXTERNAL", "20240301T000000Z")])
    data = hostile.read_bytes().replace(b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
                                        b'<!DOCTYPE tmx [<!ENTITY ext SYSTEM "file:///etc/hostname">]>')
    hostile.write_bytes(data.replace(b"EXTERNAL", b"&ext;"))
    code, out, err = cli("memory", "import", hostile)
    assert code == 2 and err.count("\n") == 1 and "hostile.tmx" in err and "entities" in err, out + err
    with TranslationMemory(memory_file) as memory:
        assert (list(memory.lookup("fr", "Contacts")), memory.count("fr")) == before
        assert not memory.lookup("fr", "The Representative said.")
    # translate-toolkit writes a plain `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, as CAT tools do: still read
    assert b"<!DOCTYPE tmx SYSTEM" in good.read_bytes()
