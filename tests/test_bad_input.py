"""Bad input gets one line naming the file (and line), exit 2, no traceback and nothing written.

The corpus is tests/data/bad/: one file per fault, with the expected message in EXPECTED.tsv.
Faults of the project rather than of one file (a damaged catalog, a path that names nothing)
have a test each below; others live with their module (docs/reliability.md lists them all).
"""

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
