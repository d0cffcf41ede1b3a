"""The one writer of the output folder.

`OutputFolder` owns `outputs/`: every file the pipeline publishes (editions,
manifests, the site's pages and feeds) is written through it, only when its
bytes changed, and atomically; it keeps one `PublishReport` of what it did.
`publish_release` writes one release's editions and its manifest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..editions import Rendered, edition
from ..fsutil import sha256_bytes, write_if_changed
from ..release import Release, TranslationStatus
from .manifest import MANIFEST, FileEntry, Manifest, ReleaseEntry, Source, TranslationCounts, read_manifest


@dataclass
class PublishReport:
    """What a publishing step did, as paths relative to the output folder."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class OutputFolder:
    def __init__(self, root: Path):
        self.root = root
        self.report = PublishReport()

    def write(self, relative: str, data: bytes) -> None:
        written = write_if_changed(self.root / relative, data)
        (self.report.written if written else self.report.unchanged).append(relative)

    def remove(self, relative: str) -> None:
        target = self.root / relative
        if target.resolve().is_relative_to(self.root.resolve()) and target.is_file():
            target.unlink()
            self.report.removed.append(relative)


@dataclass(frozen=True)
class EditionFile:
    """One rendered edition of a release in one language, ready to publish."""

    lang: str
    kind: str  # the edition's registered name: "text", "pdf" …
    rendered: Rendered
    status: TranslationStatus


def output_name(release_id: str, lang: str, extension: str) -> str:
    return f"{lang}/{release_id}.{lang}.{extension}"


def publish_release(folder: OutputFolder, release: Release, source: Source,
                    files: Sequence[EditionFile]) -> Manifest:
    """Write each edition file and the manifest into `<release-id>/`, touching only what changed."""
    entries = []
    for file in files:
        spec = edition(file.kind)
        relative = output_name(release.id, file.lang, spec.extension)
        folder.write(f"{release.id}/{relative}", file.rendered.data)
        entries.append(file_entry(file, relative, spec.media_type))
    manifest = Manifest(release_entry(release, source), tuple(entries))
    _remove_dropped_files(folder, release.id, {entry.path for entry in entries})
    folder.write(f"{release.id}/{MANIFEST}", manifest.to_json())
    return manifest


def file_entry(file: EditionFile, relative: str, media_type: str) -> FileEntry:
    status = file.status
    counts = None if status.source else TranslationCounts(
        status.segments, status.reviewed, status.machine, status.untranslated, tuple(status.engines))
    return FileEntry(lang=file.lang, edition=file.kind, path=relative, media_type=media_type,
                     size=len(file.rendered.data), sha256=sha256_bytes(file.rendered.data),
                     review_state=status.review_state, translation=counts, details=dict(file.rendered.details))


def release_entry(release: Release, source: Source) -> ReleaseEntry:
    dateline = release.dateline
    return ReleaseEntry(id=release.id, kind=release.kind, title=release.title, lang=release.lang,
                        date=dateline.date.isoformat() if dateline else None,
                        place=dateline.place if dateline else None, source=source)


def _remove_dropped_files(folder: OutputFolder, release_id: str, current: set[str]) -> None:
    """Files an earlier run listed that this run no longer produces (a dropped language)."""
    previous = read_manifest(folder.root / release_id)
    for entry in previous.files if previous else ():
        if entry.path not in current:
            folder.remove(f"{release_id}/{entry.path}")
