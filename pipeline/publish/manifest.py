"""`outputs/<release-id>/manifest.json`, typed: the one place that knows its keys.

The writer (writer.py) builds a `Manifest` and saves `Manifest.to_json()`;
`status` and the site read it back with `read_manifest`. Its JSON Schema is
`schemas/manifest.schema.json`. Each file's `details` are the typed facts its
edition gave (pipeline/details.py), one key per field, read back into the same
type: a chapter is `{"title", "start"}` (seconds), the one way it is written.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from .. import NAME, __version__
from ..details import DETAILS, AudioDetails, Chapter, Details, duration_of

MANIFEST = "manifest.json"
VERSION = 1


@dataclass(frozen=True)
class Source:
    """Where a release came from."""

    path: str  # relative to the project directory when inside it
    sha256: str
    project: str | None = None  # the publishing project's folder, absolute: projects may share an output folder


@dataclass(frozen=True)
class ReleaseEntry:
    id: str
    kind: str
    title: str
    lang: str
    date: str | None  # ISO date
    place: str | None  # as written: "TBILISI / WARSAW"
    source: Source


@dataclass(frozen=True)
class TranslationCounts:
    segments: int
    reviewed: int
    machine: int
    untranslated: int
    engines: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileEntry:
    """One published file of one edition in one language."""

    lang: str
    edition: str
    path: str  # relative to the release's folder: "fr/<id>.fr.pdf"
    media_type: str
    size: int
    sha256: str
    review_state: str  # "source", "reviewed", "machine", "partial", "untranslated"
    translation: TranslationCounts | None = None  # None for the source language
    details: Details | None = None  # the edition's facts: pages (PDF), duration, voice, chapters (audio) …

    @property
    def duration(self) -> float | None:
        return duration_of(self.details)


@dataclass(frozen=True)
class Manifest:
    release: ReleaseEntry
    files: tuple[FileEntry, ...]
    # Per language what was decided about its publication (publication/decide.py), and in the public
    # tree the release's public history (publication/record.py): kept as the JSON it is.
    publication: dict[str, Any] | None = None

    def files_in(self, lang: str) -> list[FileEntry]:
        return [entry for entry in self.files if entry.lang == lang]

    def to_json(self) -> bytes:
        return (json.dumps(self._as_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def _as_dict(self) -> dict:
        release = self.release
        files = [file_to_dict(entry) for entry in self.files]
        publication = {"publication": self.publication} if self.publication is not None else {}
        return {
            "manifest_version": VERSION,
            "pipeline": {"name": NAME, "version": __version__},
            "release": {
                "id": release.id, "kind": release.kind, "title": release.title, "lang": release.lang,
                "date": release.date, "place": release.place,
                "source": {"path": release.source.path, "sha256": release.source.sha256,
                           **({"project": release.source.project} if release.source.project else {})},
            },
            "files": files,
            **publication,
        }

    @classmethod
    def from_json(cls, data: bytes | str) -> Manifest:
        """Raises ValueError when the data is not a manifest of this version."""
        try:
            raw = json.loads(data)
            release = raw["release"]
            if raw.get("manifest_version") != VERSION:
                raise ValueError(f"manifest version {raw.get('manifest_version')!r}, expected {VERSION}")
            files = tuple(file_from_dict(item) for item in raw["files"])
            publication = raw.get("publication")
            if publication is not None and not isinstance(publication, dict):
                raise TypeError("publication is not an object")
            return cls(
                ReleaseEntry(id=release["id"], kind=release["kind"], title=release["title"], lang=release["lang"],
                             date=release.get("date"), place=release.get("place"),
                             source=Source(release["source"]["path"], release["source"]["sha256"],
                                           release["source"].get("project"))),
                files, publication,
            )
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ValueError(f"not a manifest: {error!r}") from None


def file_to_dict(entry: FileEntry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "lang": entry.lang, "edition": entry.edition, "path": entry.path, "media_type": entry.media_type,
        "size": entry.size, "sha256": entry.sha256, "review_state": entry.review_state,
    }
    if entry.translation is not None:
        counts = entry.translation
        item["translation"] = {"segments": counts.segments, "reviewed": counts.reviewed,
                               "machine": counts.machine, "untranslated": counts.untranslated,
                               "engines": list(counts.engines)}
    if entry.details is not None:
        item["details"] = asdict(entry.details)  # field order: the keys' order
    return item


def file_from_dict(item: dict[str, Any]) -> FileEntry:
    """Raises KeyError, TypeError or ValueError when `item` is not a file entry."""
    return FileEntry(
        lang=item["lang"], edition=item["edition"], path=item["path"], media_type=item["media_type"],
        size=int(item["size"]), sha256=item["sha256"], review_state=item["review_state"],
        translation=TranslationCounts(**{**item["translation"],
                                         "engines": tuple(item["translation"].get("engines", ()))})
        if "translation" in item else None,
        details=read_details(item["edition"], item.get("details")),
    )


def read_details(edition: str, raw: dict[str, Any] | None) -> Details | None:
    """A file's `details` as its edition's type (details.DETAILS); None for an edition that gives none.

    Raises KeyError or TypeError when they do not have that type's keys (`from_json`: not a manifest)."""
    kind = DETAILS.get(edition)
    if kind is None or raw is None:
        return None
    values = {field.name: raw[field.name] for field in fields(kind)}
    if kind is AudioDetails:
        values["chapters"] = tuple(Chapter(str(chapter["title"]), float(chapter["start"]))
                                   for chapter in values["chapters"])
    return kind(**values)


def read_manifest(directory: Path) -> Manifest | None:
    """The manifest of a release folder; None when it is missing or unreadable."""
    try:
        return Manifest.from_json((directory / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None


def release_directories(outputs: Path) -> list[Path]:
    """Every release folder in the output folder (one that has a manifest)."""
    return sorted(path.parent for path in outputs.glob(f"*/{MANIFEST}"))
