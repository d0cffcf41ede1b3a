"""Bad input gets one line naming the file (and line), exit 2, no traceback and nothing written.

The corpus is tests/data/bad/: one file per fault, with the expected message in EXPECTED.tsv.
Faults of the project rather than of one file (a damaged catalog, a path that names nothing)
have a test each below; others live with their module (docs/reliability.md lists them all).
"""

import os
import threading
from pathlib import Path

import pytest

from .conftest import EXAMPLE, write

BAD = Path(__file__).parent / "data" / "bad"
EXPECTED = {
    name: (line, message)
    for name, line, message in (row.split("\t") for row in (BAD / "EXPECTED.tsv").read_text().splitlines()
                                if row and not row.startswith("#"))
}


def test_every_file_of_the_corpus_has_an_expectation():
    assert sorted(EXPECTED) == sorted(p.name for p in BAD.iterdir() if p.name != "EXPECTED.tsv")


def refused(project: Path, err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("release-pipeline: error: ") and "Traceback" not in err
    assert not (project / "outputs").exists() and not (project / "locales").exists()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bad_release_is_refused_in_one_line_before_anything_is_written(project, cli, name):
    line, message = EXPECTED[name]
    path = project / name
    path.write_bytes((BAD / name).read_bytes())
    code, out, err = cli("run", EXAMPLE, path)  # a good release beside it: nothing of it is written either
    assert code == 2, err
    refused(project, err)
    assert (f"{name}:{line}: " if line else f"{name}: ") in err
    assert message in err


def test_a_damaged_review_catalog_names_its_file_and_line(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    assert cli("run", source, "--langs", "es")[0] == 0
    (catalog,) = (project / "locales" / "es" / "releases").glob("*.po")
    lines = catalog.read_text(encoding="utf-8").splitlines()
    lines[20] = 'msgstr "an unterminated string'
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (project / "outputs").rglob("*") if p.is_file()}
    code, out, err = cli("run", source, "--langs", "es")
    assert code == 2 and f"{catalog.name}:21: PO syntax error" in err and err.count("\n") == 1
    assert {p: p.read_bytes() for p in (project / "outputs").rglob("*") if p.is_file()} == before
    assert catalog.read_text(encoding="utf-8").splitlines()[20] == 'msgstr "an unterminated string'  # not "repaired"


@pytest.mark.parametrize("given, message", [
    ("missing.md", "missing.md: no such file"),
    ("nothing-*.md", "nothing-*.md: no file matches this pattern"),
    ("empty-folder", "empty-folder: no release files in this folder"),
])
def test_paths_that_name_no_release(project, cli, given, message):
    (project / "empty-folder").mkdir()
    code, out, err = cli("run", given)
    assert code == 2 and message in err
    refused(project, err)


def test_a_broken_settings_file_names_itself(project, cli):
    write(project / "release-pipeline.toml", "languages = [fr\n")
    code, out, err = cli("run", EXAMPLE)
    assert code == 2 and "release-pipeline.toml: invalid TOML" in err
    refused(project, err)


def test_a_review_catalog_whose_header_names_the_wrong_charset_is_refused_and_kept(project, cli):
    """Issue 24: a UTF-8 catalog saved with `charset=ISO-8859-1` (some editors do) was read as
    Latin-1, every accented letter garbled in every edition, then rewritten so; exit 0."""
    source = write(project / "release.md", EXAMPLE.read_text())
    assert cli("run", source, "--langs", "es")[0] == 0
    (catalog,) = (project / "locales" / "es" / "releases").glob("*.po")
    text = catalog.read_text(encoding="utf-8")
    assert "charset=utf-8" in text and not text.isascii()
    catalog.write_bytes(text.replace("charset=utf-8", "charset=ISO-8859-1").encode("utf-8"))
    saved = catalog.read_bytes()
    before = {p: p.read_bytes() for p in (project / "outputs").rglob("*") if p.is_file()}
    code, out, err = cli("run", source, "--langs", "es")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{catalog.name}:" in err and "the header says charset=ISO-8859-1 but the file is UTF-8: " in err
    assert catalog.read_bytes() == saved
    assert {p: p.read_bytes() for p in (project / "outputs").rglob("*") if p.is_file()} == before


def test_a_review_catalog_saved_with_a_bom_is_read(project, cli):
    """Issue 24: a UTF-8 BOM (Notepad's) was a "PO syntax error"."""
    source = write(project / "release.md", EXAMPLE.read_text())
    assert cli("run", source, "--langs", "es")[0] == 0
    (catalog,) = (project / "locales" / "es" / "releases").glob("*.po")
    catalog.write_bytes(b"\xef\xbb\xbf" + catalog.read_bytes())
    code, out, err = cli("run", source, "--langs", "es")
    assert code == 0, err


def test_a_fifo_is_refused_not_waited_on(project, cli):
    """A FIFO named as the release: the old code blocked in open() for ever (issue 24, item 9)."""
    fifo = project / "release.md"
    os.mkfifo(fifo)
    result = []
    worker = threading.Thread(target=lambda: result.append(cli("run", fifo)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # release the blocked reader (it then reads nothing) before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=10)
        pytest.fail("reading a FIFO blocked")
    ((code, out, err),) = result
    assert code == 2 and "release.md: is not a regular file (a FIFO, a device…)" in err
    refused(project, err)


def test_a_link_to_a_device_is_refused(project, cli):
    """/dev/null stands for /dev/zero here (the old code read /dev/zero until memory ran out;
    tests/ingest/test_ingest.py checks /dev/zero on the reading function itself)."""
    link = project / "release.md"
    link.symlink_to("/dev/null")
    code, out, err = cli("run", link)
    assert code == 2 and "release.md: is not a regular file (a FIFO, a device…)" in err
    refused(project, err)


def test_a_reviewed_translation_with_a_control_character_is_not_published(project, cli):
    """Issue 24: a reviewer's msgstr holding an ESC passed QA and made the PDF of the release fail.
    It is a blocking finding now: the machine text is published instead, and the run names the line."""
    from pipeline.catalogs.po import read_catalog

    from .catalogs.conftest import review

    write(project / "release-pipeline.toml", 'engine = "apertium"\nlanguages = ["fr"]\neditions = ["text", "pdf"]\n')
    source = write(project / "release.md", "# Media freedom report published\n\n"
                   "VIENNA, 5 March 2024 – The Representative published the report today.\n\n"
                   "Fewer than one in ten cases led to a conviction.\n")
    assert cli("run", source)[0] == 0
    (catalog,) = (project / "locales" / "fr" / "releases").glob("*.po")
    sentence = "Fewer than one in ten cases led to a conviction."
    review(catalog, sentence, "Moins d’un cas sur dix a abouti à une \x1b[31mcondamnation.")
    code, out, err = cli("run", source)
    line = next(m.lineno for m in read_catalog(catalog) if m.id == sentence)  # in the catalog the run wrote
    assert code == 1, err
    assert f"{catalog.name}:{line}: reviewed translation has a control character U+001B" in err
    assert "Traceback" not in err and "PicklingError" not in err
    (text,) = (project / "outputs").glob("*/fr/*.txt")
    assert "\x1b" not in text.read_text() and "condamnation" not in text.read_text()
    assert list((project / "outputs").glob("*/fr/*.pdf"))  # the PDF is published, with the machine text
