"""A non-editable install (`pip install .`) carries everything the pipeline reads at run time."""

import subprocess
import sys

import pytest

from .conftest import REPO

PROBE = """
from pipeline.localise.labels import load_labels
from pipeline.audio.lexicon import load_lexicon
from pipeline.publish.site import environment
from pipeline.translate.glossary import load_glossary
import pipeline, importlib.resources as resources
from pathlib import Path
print(pipeline.__file__)
print(load_labels("de").gettext("Office"))
print(len(load_lexicon("fr", []).entries) > 0)
print(environment().get_template("release.html") is not None)
print((resources.files("pipeline") / "editions" / "pdf.typ").is_file())
print((resources.files("pipeline") / "publish" / "schemas" / "manifest.schema.json").is_file())
print(dict(load_glossary(Path("no-project-locales"), "fr").terms).get("ODIHR"))
print(all((resources.files("pipeline") / "locales" / lang / "glossary.csv").is_file() for lang in ("de", "es", "fr", "it", "ru")))
print((resources.files("pipeline") / "braille" / "tables" / "it-hyphen.cti").is_file())
"""


@pytest.mark.slow
def test_an_installed_package_has_its_label_catalogs_glossaries_templates_and_data(tmp_path):
    target = tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(REPO)],
                   check=True, capture_output=True, cwd=tmp_path)
    probe = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=tmp_path,
                           env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert probe.returncode == 0, probe.stderr
    location, office, lexicon, template, typst, schema, odihr, glossaries, braille = probe.stdout.split("\n")[:9]
    assert location.startswith(str(target))  # the installed copy, not the source tree
    assert office == "Büro"  # a translated label, from the installed catalog
    assert odihr == "BIDDH"  # a term of the default glossary, with no project locales/ at all
    assert lexicon == template == typst == schema == glossaries == braille == "True"
