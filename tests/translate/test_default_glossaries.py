"""A new, empty project works like the repository (issue 21): the default glossaries ship in the
package (pipeline/locales/<lang>/glossary.csv), and a project's own glossary is read over them,
term by term."""

from __future__ import annotations

from pathlib import Path

from pipeline.catalogs.catalog import catalog_path, is_label
from pipeline.catalogs.po import read_catalog
from pipeline.translate.glossary import default_glossary_path, load_glossary

from ..conftest import write

RELEASE = """# OSCE and ODIHR open an office

VIENNA, 4 March 2024 – The OSCE and ODIHR opened a new office in Vienna today.

The OSCE thanked the participating States for their support.
"""
RELEASE_ID = "2024-03-04-osce-and-odihr-open-an-office"


def machine_entries(project: Path, lang: str) -> list:
    return [m for m in read_catalog(catalog_path(project / "locales", lang, RELEASE_ID)) if m.id and not is_label(m)]


def test_a_new_empty_project_knows_the_official_names(project, cli):
    assert not (project / "locales").exists()
    source = write(project / "release.md", RELEASE)
    code, out, err = cli("run", source, "--langs", "es", "--editions", "text")
    assert code == 0, err
    entries = machine_entries(project, "es")
    findings = [c for m in entries for c in m.user_comments if c.startswith("QA: ")]
    assert not [f for f in findings if "unknown word" in f and "OSCE" in f], findings
    assert any("OIDDH" in m.string for m in entries)  # ODIHR's official Spanish acronym, from the default
    assert not (project / "locales" / "es" / "glossary.csv").exists()  # the defaults are not copied


def test_a_project_glossary_overrides_a_default_term_and_keeps_the_others(project, cli, tmp_path):
    write(project / "locales" / "es" / "glossary.csv",
          "source,target,note,gender\nODIHR,BDIDH,a project's own rendering,f\nnew office,nueva sede,,f\n")
    glossary = load_glossary(project / "locales", "es")
    terms = dict(glossary.terms)
    assert terms["ODIHR"] == "BDIDH" and terms["new office"] == "nueva sede"  # overridden, added
    assert terms["OSCE"] == "OSCE" and "participating States" in terms  # the other defaults stay
    assert glossary.gender("BDIDH") == "f" and glossary.gender("OIDDH") is None
    defaults = dict(load_glossary(tmp_path / "no-locales", "es").terms)
    assert defaults["ODIHR"] == "OIDDH" and len(terms) == len(defaults) + 1
    source = write(project / "release.md", RELEASE)
    code, _, err = cli("run", source, "--langs", "es", "--editions", "text")
    assert code == 0, err
    strings = " ".join(m.string for m in machine_entries(project, "es"))
    assert "BDIDH" in strings and "OIDDH" not in strings


def test_the_default_glossaries_live_in_the_package():
    import pipeline

    package = Path(pipeline.__file__).parent
    for lang in ("de", "es", "fr", "it", "ru"):
        assert default_glossary_path(lang) == package / "locales" / lang / "glossary.csv"
        assert default_glossary_path(lang).is_file()
