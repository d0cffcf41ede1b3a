"""Podcasting 2.0 chapters: `<lang>/<id>.<lang>.chapters.json` beside each MP3.

Written by the site build from the audio edition's chapters: the manifest's
`details["chapters"]` when it gives start times (`{"title", "start"}` in
seconds, or `start_ms`), otherwise the MP3's own CHAP frames (read with
mutagen), which hold the same timings. The file follows the Podcasting 2.0
JSON chapters format 1.2.0: `{"version": "1.2.0", "chapters": [{"startTime",
"title"}, …]}`, in ascending time order, the first at 0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..manifest import FileEntry

if TYPE_CHECKING:
    from . import PublishedRelease

VERSION = "1.2.0"
SUFFIX = ".chapters.json"
MEDIA_TYPE = "application/json+chapters"


def chapters_path(release_id: str, lang: str) -> str:
    """Relative to the release's folder, beside the editions: "fr/<id>.fr.chapters.json"."""
    return f"{lang}/{release_id}.{lang}{SUFFIX}"


def audio_entry(release: PublishedRelease, lang: str) -> FileEntry | None:
    return next((entry for entry in release.files(lang) if entry.edition == "audio"), None)


def chapters_of(release: PublishedRelease, lang: str) -> list[dict[str, Any]]:
    """The audio edition's chapters as [{"startTime": seconds, "title": …}], time-ordered from 0."""
    entry = audio_entry(release, lang)
    if entry is None:
        return []
    found = _from_details(entry.details.get("chapters")) or _from_mp3(release.directory / entry.path)
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


def _from_details(items: object) -> list[tuple[float, str]]:
    """Chapters with start times from the manifest; [] when it lists titles only."""
    if not isinstance(items, list):
        return []
    found = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            return []
        if isinstance(item.get("start"), (int, float)):
            found.append((float(item["start"]), item["title"]))
        elif isinstance(item.get("start_ms"), (int, float)):
            found.append((item["start_ms"] / 1000, item["title"]))
        elif isinstance(item.get("startTime"), (int, float)):
            found.append((float(item["startTime"]), item["title"]))
        else:
            return []
    return found


def _from_mp3(path: Path) -> list[tuple[float, str]]:
    """The MP3's CHAP frames: (start in seconds, title)."""
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        tags = ID3(path)
    except (OSError, ID3NoHeaderError, ValueError):
        return []
    found = []
    for frame in tags.getall("CHAP"):
        titles = frame.sub_frames.getall("TIT2")
        title = str(titles[0].text[0]) if titles and titles[0].text else frame.element_id
        found.append((frame.start_time / 1000, title))
    return found


def _seconds(value: float) -> int | float:
    value = round(value, 3)
    return int(value) if value == int(value) else value
