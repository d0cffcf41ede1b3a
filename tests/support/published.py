"""A release's published set, checked file by file against its manifest (tests/test_run.py,
tests/publish/test_writer.py)."""

import json
from pathlib import Path

from pipeline.fsutil import sha256_file

RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"  # the bundled example's id


def published_set(outputs: Path, release_id: str = RELEASE_ID) -> dict[str, str]:
    """path → sha256 of every file the manifest lists, checking each against it."""
    directory = outputs / release_id
    manifest = json.loads((directory / "manifest.json").read_text())
    for entry in manifest["files"]:
        assert sha256_file(directory / entry["path"]) == entry["sha256"], entry["path"]
    return {entry["path"]: entry["sha256"] for entry in manifest["files"]}
