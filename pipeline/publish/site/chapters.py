"""Podcasting 2.0 chapters: `<lang>/<id>.<lang>.chapters.json` beside each MP3.

Written by the site build from the audio edition's chapters as the manifest
records them (`details.AudioDetails.chapters`: each chapter's title and start
in seconds, where it is in the MP3 as published). The file follows the
Podcasting 2.0 JSON chapters format 1.2.0: `{"version": "1.2.0", "chapters":
[{"startTime", "title"}, …]}`, in ascending time order, the first at 0.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ...details import AudioDetails

if TYPE_CHECKING:
    from . import PublishedRelease

VERSION = "1.2.0"
SUFFIX = ".chapters.json"
MEDIA_TYPE = "application/json+chapters"


def chapters_path(release_id: str, lang: str) -> str:
    """Relative to the release's folder, beside the editions: "fr/<id>.fr.chapters.json"."""
    return f"{lang}/{release_id}.{lang}{SUFFIX}"


def chapters_of(release: PublishedRelease, lang: str) -> list[dict[str, Any]]:
    """The audio edition's chapters as [{"startTime": seconds, "title": …}], time-ordered from 0."""
    entry = release.file(lang, "audio")
    if entry is None:
        return []
    details = entry.details
    found = [(chapter.start, chapter.title) for chapter in details.chapters] \
        if isinstance(details, AudioDetails) else []
    if not found:
        title = release.data.get(lang, {}).get("title") or release.manifest.release.title
        found = [(0.0, title)]
    found.sort(key=lambda chapter: chapter[0])
    chapters = []
    for start, title in found:
        start = 0.0 if not chapters else max(start, chapters[-1]["startTime"])  # the first one from 0
        chapters.append({"startTime": _seconds(start), "title": title})
    return chapters


def chapters_json(chapters: list[dict[str, Any]]) -> bytes:
    return (json.dumps({"version": VERSION, "chapters": chapters}, ensure_ascii=False, indent=2) + "\n").encode()


def _seconds(value: float) -> int | float:
    value = round(value, 3)
    return int(value) if value == int(value) else value
