"""Fixtures shared by the catalog tests (tests/translate/test_trust.py reviews with `review` too)."""

import pytest

from pipeline.catalogs.catalog import catalog_path
from pipeline.catalogs.po import read_catalog

from ..conftest import EXAMPLE, write

RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"


@pytest.fixture
def french(project, cli):
    """The example release run once into French with Apertium."""
    write(project / "release-pipeline.toml", 'engine = "apertium"\nlanguages = ["fr"]\neditions = ["text"]\n')
    source = write(project / "release.md", EXAMPLE.read_text())
    code, _, err = cli("run", source)
    assert code == 0, err
    return source, catalog_path(project / "locales", "fr", RELEASE_ID)


def review(path, msgid: str, correction: str) -> None:
    """What a reviewer does in a PO editor: edit msgstr, remove fuzzy."""
    lines = path.read_text().split("\n")
    at = lines.index(f'msgid "{msgid}"')
    assert lines[at - 2] == "#, fuzzy"
    del lines[at - 2]
    lines[at] = f'msgstr "{correction}"'
    path.write_text("\n".join(lines))


def entry(path, start):
    """The catalog entry whose msgid starts with `start` (test_xliff.py, test_tmx.py)."""
    return next(m for m in read_catalog(path) if m.id and m.id.startswith(start))
