"""pipeline/catalogs/store.py: a merged catalog is written only over the bytes it was merged from."""

from pathlib import Path

import pytest

from pipeline.catalogs.catalog import CatalogUpdate
from pipeline.catalogs.store import read_existing, write_catalog
from pipeline.errors import InputError
from pipeline.ingest import parse_release
from pipeline.segment import segment_release


def merged(path: Path, text: str) -> CatalogUpdate:
    release = parse_release(text, Path("release.md"))
    update = CatalogUpdate(path, read_existing(path), release, segment_release(release), "fr")
    for segment in update.pending:
        update.add_machine(segment, f"machine: {segment.text}", "test", [])
    return update


def test_a_catalog_saved_during_the_run_is_never_overwritten(tmp_path):
    path = tmp_path / "locales" / "fr" / "releases" / "r.po"
    first = merged(path, "# Title\n\nObservers agreed.\n")
    assert first.original is None and write_catalog(first) and path.is_file()
    update = merged(path, "# Title\n\nObservers agreed.\n\nA new sentence.\n")
    saved = path.read_bytes() + b"\n"  # a reviewer saves while the run works
    path.write_bytes(saved)
    with pytest.raises(InputError, match="changed on disk during the run; nothing was overwritten"):
        write_catalog(update)
    assert path.read_bytes() == saved


def test_an_unchanged_catalog_is_not_rewritten(tmp_path):
    path = tmp_path / "r.po"
    assert write_catalog(merged(path, "# Title\n\nObservers agreed.\n"))
    data, mtime = path.read_bytes(), path.stat().st_mtime_ns
    again = merged(path, "# Title\n\nObservers agreed.\n")
    assert again.new_bytes() is None and not write_catalog(again)
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime
