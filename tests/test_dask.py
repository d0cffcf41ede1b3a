"""The same job graph on a Dask cluster gives the same results as the local executor (docs/performance.md)."""

import re
from pathlib import Path

import pytest

from .conftest import EXAMPLE, write

SETTINGS = 'languages = ["es", "fr"]\neditions = ["text", "json"]\n'
HEADER_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)


def build(directory: Path, cli, executor: str) -> dict[str, bytes]:
    """Run a two-release batch (a folder) in a fresh project; every published file and catalog by path."""
    write(directory / "release-pipeline.toml", SETTINGS)
    write(directory / "releases" / "a.md", EXAMPLE.read_text())
    write(directory / "releases" / "b.md", EXAMPLE.read_text().replace("# OSCE Representative", "# The Representative")
          .replace("1,248 attacks", "1,302 attacks"))
    code, out, err = cli("run", directory / "releases", "--project", directory, "--executor", executor,
                         "--workers", "2")
    assert code == 0, err
    # Machine translation batches across releases: one job per language pair, not per release.
    assert "segments of 2 releases with apertium" in err
    files = {}
    for release in sorted((directory / "outputs").glob("*/manifest.json")):  # outputs/<id> are links
        for path in sorted(release.parent.resolve().rglob("*")):
            if path.suffix in (".txt", ".json"):
                files[f"{release.parent.name}/{path.relative_to(release.parent.resolve()).as_posix()}"] = path.read_bytes()
    for path in sorted((directory / "locales").rglob("*.po")):
        files[path.relative_to(directory).as_posix()] = HEADER_DATES.sub("", path.read_text()).encode()
    return files


@pytest.mark.slow
def test_a_batch_on_a_local_dask_cluster_equals_the_local_executor(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    local = build(tmp_path / "local", cli, "local")
    dask = build(tmp_path / "dask", cli, "dask-local")
    assert len([name for name in local if name.endswith("manifest.json")]) == 2
    assert sorted(local) == sorted(dask)
    assert {name for name in local if local[name] != dask[name]} == set()
