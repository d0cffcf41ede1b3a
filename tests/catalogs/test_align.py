"""pipeline/catalogs/align.py: Gale–Church alignment, and an archived release and its human translation
aligned into the memory (issue 16; scoring engines on such pairs is tests/translate/test_evaluate.py)."""

from pipeline.catalogs.align import gale_church
from pipeline.catalogs.memory import TranslationMemory, memory_path

from ..conftest import write
from ..support.observers import ENGLISH, FRENCH


def test_align_an_archived_release_into_the_memory(project, cli):
    english, french = write(project / "a.en.md", ENGLISH), write(project / "a.fr.md", FRENCH)
    code, out, err = cli("memory", "align", english, french, "--lang", "fr")
    assert code == 0 and "6/7 pairs aligned with confidence; 6 stored" in out, out + err
    with TranslationMemory(memory_path(project / "locales")) as memory:
        assert memory.lookup("fr", "Background") == ("Contexte", "aligned a.fr.md")
        assert memory.lookup("fr", "The next course will take place in the autumn.")[0] == \
            "Le prochain cours aura lieu à l’automne."


def test_gale_church_prefers_one_to_one_and_finds_a_merge():
    beads = gale_church([40, 80, 30, 50], [44, 115, 55])
    assert [(len(b.source), len(b.target)) for b in beads] == [(1, 1), (2, 1), (1, 1)]
