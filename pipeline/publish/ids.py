"""Release ids are unique across runs: one id, one source file."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..config import Config
from ..errors import InputError
from ..fsutil import sha256_file
from .manifest import read_manifest


def check_ids_are_free(releases: Sequence[tuple[str, str]], config: Config) -> None:
    """A release id already published from another source that still exists is refused.

    Two releases whose titles make the same id (two Russian titles on one day
    both become `2024-03-01-release`) would otherwise overwrite each other's
    outputs and review catalogs. A source that moved (the old path is gone)
    keeps its id. Projects sharing an output folder: the manifest names the publishing project, so
    another project's release of the same id is refused too while its source exists.
    """
    for release_id, source in releases:
        manifest = read_manifest(config.outputs_dir / release_id)
        if manifest is None:
            continue
        published = manifest.release.source
        project = Path(published.project) if published.project else config.project_dir
        if published.path == source and project == config.project_dir:
            continue
        other = Path(published.path) if Path(published.path).is_absolute() else project / published.path
        ours = config.path(Path(source))
        if project != config.project_dir and other.is_file() and sha256_file(other) == sha256_file(ours):
            continue  # a copy of this project (or this project, moved): the same release
        if other.is_file() and other.resolve() != ours.resolve():
            raise InputError(Path(source), f"release id {release_id!r} is already used by "
                             f"{published.path if project == config.project_dir else other}; give this release its own 'id:' in the front matter")
