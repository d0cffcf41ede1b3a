"""Idempotent runs (issue 21): a run that changes nothing rewrites no catalog, and entries keep
their order and line numbers from one run to the next (the release's segment order)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.catalogs.catalog import CatalogUpdate, catalog_path
from pipeline.catalogs.po import read_catalog
from pipeline.catalogs.store import read_existing, write_catalog
from pipeline.ingest import parse_release, read_release
from pipeline.segment import segment_release

from ..conftest import EXAMPLE, write
from .conftest import RELEASE_ID, review

SENTENCE = "The full report is available in the <1>OSCE document library</1> in English and Russian."


def snapshot(directory: Path) -> dict[str, tuple]:
    """Every file under `directory`: its bytes' hash, inode and modification time."""
    return {path.relative_to(directory).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(),
                                                     path.stat().st_ino, path.stat().st_mtime_ns)
            for path in sorted(directory.rglob("*")) if path.is_file()}


def contexts(path: Path) -> list[str]:
    return [m.context for m in read_catalog(path) if m.id]


def lines(path: Path) -> dict[str, int]:
    return {m.context: m.lineno for m in read_catalog(path) if m.id}


def test_two_identical_runs_leave_every_catalog_byte_identical_and_untouched(project, cli):
    write(project / "release-pipeline.toml", 'engine = "apertium"\nlanguages = ["fr", "es", "de"]\neditions = ["text"]\n')
    source = write(project / "release.md", EXAMPLE.read_text())
    assert cli("run", source)[0] == 0
    before = snapshot(project / "locales")
    assert len(before) == 3  # fr, es, de (no engine: empty entries)
    code, out, _ = cli("run", source)
    assert code == 0 and "wrote locales" not in out
    assert snapshot(project / "locales") == before
    # With a reviewed entry (and so a translation memory) too.
    path = catalog_path(project / "locales", "fr", RELEASE_ID)
    review(path, SENTENCE, "Le rapport complet est disponible dans la <1>bibliothèque de l’OSCE</1>.")
    assert cli("run", source)[0] == 0  # the reviewed entry is taken in and remembered
    before = snapshot(project / "locales")
    assert "memory.sqlite3" in before
    code, out, _ = cli("run", source)
    assert code == 0 and "wrote locales" not in out
    assert snapshot(project / "locales") == before


def test_the_first_catalog_is_in_segment_order_and_a_rerun_keeps_every_line(project, cli, french):
    """Entries filled during the merge (a fixed phrase from the labels) and by the engine are in one
    order: the release's. A user found the further-information line moving from the top of the file
    to its place on the second run."""
    source, path = french
    segments = [s.id for s in segment_release(read_release(source)).segments]
    assert contexts(path) == segments
    first, numbers = path.read_bytes(), lines(path)
    stat = path.stat()
    assert cli("run", source)[0] == 0
    assert path.read_bytes() == first and lines(path) == numbers
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


def test_a_paragraph_added_takes_its_place_in_segment_order(project, cli, french):
    source, path = french
    before = contexts(path)
    source.write_text(source.read_text().replace(
        "\n## Recommendations\n", "\nA new paragraph, added later, about journalists.\n\n## Recommendations\n"))
    assert cli("run", source, "--correction", "Reworded.")[0] == 0
    after = contexts(path)
    assert after == [s.id for s in segment_release(read_release(source)).segments]
    assert [c for c in after if c in before] == before and len(after) == len(before) + 1
    numbers = lines(path)
    assert cli("run", source)[0] == 0
    assert lines(path) == numbers


class Memory:
    """A translation memory that knows one sentence."""

    def lookup(self, lang, source):
        return ("Deuxième phrase.", "an-earlier-release") if source == "Second sentence." else None

    def suggest(self, lang, source):
        return None


def test_the_merge_keeps_segment_order_whatever_fills_an_entry(tmp_path):
    """Entries reused in the merge (the memory) between entries the engine fills later, filled in
    any order: the file is in segment order, and a second merge with nothing new writes nothing."""
    path = tmp_path / "fr.po"
    release = parse_release("# Title\n\nFirst sentence. Second sentence. Third sentence.\n", Path("release.md"))
    segmentation = segment_release(release)
    first = CatalogUpdate(path, None, release, segmentation, "fr", memory=Memory())
    assert [s.text for s in first.pending] == ["Title", "First sentence.", "Third sentence."]
    for segment in reversed(first.pending):
        first.add_machine(segment, f"machine: {segment.text}", "test", [])
    assert write_catalog(first)
    assert contexts(path) == [s.id for s in segmentation.segments]
    data, mtime = path.read_bytes(), path.stat().st_mtime_ns
    again = CatalogUpdate(path, read_existing(path), release, segmentation, "fr", memory=Memory())
    assert again.pending == [] and not again.changed and not write_catalog(again)
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime


def test_untranslated_entries_are_translated_once_an_engine_is_there(project, cli):
    """A language first run with no engine (German before its Argos model is installed) gets its
    machine translation on the first run that has one: untranslated entries are not 'kept'."""
    settings = project / "release-pipeline.toml"
    source = write(project / "release.md", EXAMPLE.read_text())
    write(settings, 'languages = ["es"]\neditions = ["text"]\nengines = { es = "none" }\n')
    assert cli("run", source)[0] == 0
    path = catalog_path(project / "locales", "es", RELEASE_ID)
    first = [m for m in read_catalog(path) if m.id]
    assert sum(not m.string for m in first) > 5
    write(settings, 'languages = ["es"]\neditions = ["text"]\nengines = { es = "apertium" }\n')
    assert cli("run", source)[0] == 0
    second = {m.context: m for m in read_catalog(path) if m.id}
    translated = [m for m in first if not m.string and second[m.context].string]
    assert len(translated) == sum(not m.string for m in first)  # every one of them
    assert [m.context for m in first] == list(second)  # in the same order, on the same lines
