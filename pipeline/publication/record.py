"""A release's public history: every public version of each language, and its withdrawal.

Kept in the public tree, as the `publication` object of the release's public
manifest (`public/<id>/manifest.json`), so that it changes in the same atomic
switch as what the public sees (public.py). A version is a language's public
text: a new one begins when the content hash (approvals.py) of a public
language changes, and needs a correction note; earlier versions stay
downloadable at `<id>/<lang>/v<N>/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..publish.manifest import FileEntry, file_from_dict, file_to_dict


@dataclass(frozen=True)
class PublicVersion:
    number: int  # 1, 2 …: the folder v<N>/ beside the current files
    published: str  # ISO instant
    content_hash: str
    correction: str | None  # the note of a version that corrects the one before
    files: tuple[FileEntry, ...]  # as the build's manifest listed them (paths: <lang>/<id>.<lang>.<ext>)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "published": self.published, "content_hash": self.content_hash,
                "correction": self.correction, "files": [file_to_dict(entry) for entry in self.files]}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> PublicVersion:
        return cls(int(raw["number"]), str(raw["published"]), str(raw["content_hash"]), raw.get("correction"),
                   tuple(file_from_dict(item) for item in raw["files"]))


@dataclass(frozen=True)
class Withdrawal:
    by: str
    at: str  # ISO instant
    reason: str


@dataclass(frozen=True)
class PublicationRecord:
    release_id: str
    versions: dict[str, tuple[PublicVersion, ...]] = field(default_factory=dict)  # lang → oldest first
    withdrawn: Withdrawal | None = None

    def latest(self, lang: str) -> PublicVersion | None:
        versions = self.versions.get(lang)
        return versions[-1] if versions else None

    def first_published(self, lang: str) -> str | None:
        versions = self.versions.get(lang)
        return versions[0].published if versions else None

    def with_version(self, lang: str, version: PublicVersion) -> PublicationRecord:
        """`version` as the language's latest: a new number, or the same number re-rendered."""
        earlier = tuple(v for v in self.versions.get(lang, ()) if v.number != version.number)
        return replace(self, versions={**self.versions, lang: (*earlier, version)})

    def to_dict(self) -> dict[str, Any]:
        return {
            "versions": {lang: [v.to_dict() for v in versions] for lang, versions in sorted(self.versions.items())},
            "withdrawn": None if self.withdrawn is None else {
                "by": self.withdrawn.by, "at": self.withdrawn.at, "reason": self.withdrawn.reason},
        }

    @classmethod
    def from_dict(cls, release_id: str, raw: dict[str, Any] | None) -> PublicationRecord:
        """Raises KeyError, TypeError or ValueError when `raw` is not a record."""
        if not raw:
            return cls(release_id)
        withdrawn = raw.get("withdrawn")
        return cls(
            release_id,
            {str(lang): tuple(PublicVersion.from_dict(v) for v in versions)
             for lang, versions in (raw.get("versions") or {}).items()},
            Withdrawal(str(withdrawn["by"]), str(withdrawn["at"]), str(withdrawn["reason"])) if withdrawn else None,
        )
