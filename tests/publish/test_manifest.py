"""The manifest writes each edition's typed details and reads them back into the same types."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.details import DETAILS, AudioDetails, CaptionsDetails, Chapter, EpubDetails, PdfDetails, TextDetails
from pipeline.edition_kinds import EDITION_NAMES
from pipeline.publish.manifest import FileEntry, Manifest, ReleaseEntry, Source, TranslationCounts

SCHEMA = json.loads((Path(__file__).parents[2] / "pipeline" / "publish" / "schemas" / "manifest.schema.json").read_text())
SHA = "0" * 64
AUDIO = AudioDetails(duration=140.25, format="mp3", bitrate=64000, voice="fr", engine="pyttsx3 2.99, eSpeak NG 1.51",
                     words=300, chapters=(Chapter("Titre", 0.0), Chapter("Contacts", 131.076)), sentences=24)


def entry(edition: str, extension: str, details) -> FileEntry:
    return FileEntry("fr", edition, f"fr/x.fr.{extension}", "application/octet-stream", 10, SHA, "machine",
                     TranslationCounts(3, 1, 2, 0, ("argos 1.9",)), details)


def manifest() -> Manifest:
    return Manifest(ReleaseEntry("2024-03-05-x", "press-release", "Title", "en", "2024-03-05", "VIENNA",
                                 Source("x.md", SHA)), (
        entry("text", "txt", TextDetails(characters=1234)),
        entry("pdf", "pdf", PdfDetails(pages=2, standard="PDF/UA-1", paper="a4")),
        entry("audio", "mp3", AUDIO),
        entry("audio-opus", "opus", AudioDetails(**{**AUDIO.__dict__, "format": "opus", "bitrate": 32000})),
        entry("captions", "vtt", CaptionsDetails(cues=24, duration=140.25)),
        entry("epub", "epub", EpubDetails("urn:uuid:1", 140.25, 120.5, 30, 22, 24, "fr", "eSpeak")),
        entry("json", "json", None),
    ))


def test_details_are_read_back_into_the_same_types():
    written = manifest()
    assert Manifest.from_json(written.to_json()) == written


def test_the_json_has_one_key_per_field_and_chapters_spelled_one_way():
    data = json.loads(manifest().to_json())
    jsonschema.validate(data, SCHEMA)
    files = {item["edition"]: item for item in data["files"]}
    assert files["audio"]["details"] == {
        "duration": 140.25, "format": "mp3", "bitrate": 64000, "voice": "fr", "engine": "pyttsx3 2.99, eSpeak NG 1.51",
        "words": 300, "chapters": [{"title": "Titre", "start": 0.0}, {"title": "Contacts", "start": 131.076}],
        "sentences": 24}
    assert list(files["pdf"]["details"]) == ["pages", "standard", "paper"]
    assert "details" not in files["json"]


@pytest.mark.parametrize("chapters", [["Titre", "Contacts"], [{"title": "Titre", "start_ms": 0}]])
def test_chapters_without_a_start_in_seconds_are_not_a_manifest(chapters):
    data = json.loads(manifest().to_json())
    next(item for item in data["files"] if item["edition"] == "audio")["details"]["chapters"] = chapters
    with pytest.raises(ValueError, match="not a manifest"):
        Manifest.from_json(json.dumps(data))


def test_every_edition_with_details_is_a_registered_edition():
    assert set(DETAILS) <= set(EDITION_NAMES)


def test_durations_are_those_of_the_timed_editions():
    durations = {item.edition: item.duration for item in manifest().files}
    assert durations == {"text": None, "pdf": None, "audio": 140.25, "audio-opus": 140.25, "captions": 140.25,
                         "epub": 140.25, "json": None}
