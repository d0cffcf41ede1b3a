"""The commands other than `run` and `status`, one module each, as MkDocs' `mkdocs/commands/`.

Each returns what it found or did and prints nothing (cli.py prints). This
module holds what they share: RELEASE as every command takes it (`find_release`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..display import display
from ..errors import PipelineError
from ..ingest import read_release
from ..publish.manifest import read_manifest, release_directories


@dataclass(frozen=True)
class FoundRelease:
    id: str
    path: Path | None  # its source file: as given, else the one its manifest names (None: unknown)

    def source_file(self) -> Path:
        if self.path is None or not self.path.is_file():
            where = f"its source file {display(self.path)} is gone" if self.path else "no source file is known for it"
            raise PipelineError(f"release {self.id}: {where}; give the release file instead of its id")
        return self.path


def find_release(value: str, config: Config) -> FoundRelease:
    """RELEASE as every command takes it: a release file, or the id of a release of this project
    (published in the output folder, or with review catalogs in locales/)."""
    path = Path(value)
    if path.is_file():
        return FoundRelease(read_release(path, config.source_language).id, path)
    known = known_releases(config)
    if value in known:
        return FoundRelease(value, known[value])
    ids = sorted(known)
    listed = (f"its releases: {', '.join(ids[:5])}" + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
              if ids else "it has no release yet")
    raise PipelineError(f"RELEASE {value!r} is neither a release file nor the id of a release in "
                        f"{config.project_dir} ({listed})")


def known_releases(config: Config) -> dict[str, Path | None]:
    """Release id → source file, for the releases in the output folder and those with review catalogs."""
    found: dict[str, Path | None] = {path.stem: None for path in config.locales_dir.glob("*/releases/*.po")}
    for directory in release_directories(config.outputs_dir):
        manifest = read_manifest(directory)
        if manifest is not None:
            found[directory.name] = config.path(Path(manifest.release.source.path))
    return found
