"""What an edition tells the manifest about its file: one frozen dataclass per kind of fact.

An edition's `render` returns them in `Rendered.details` (editions/); the
manifest (publish/manifest.py) writes them under each file's `details`, one
JSON key per field, in field order, and reads them back into the same types;
the site (publish/site/) builds from them, e.g. the chapters file from
`AudioDetails.chapters`. `DETAILS` says which type each edition's details are.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextDetails:
    characters: int


@dataclass(frozen=True)
class PdfDetails:
    pages: int
    standard: str  # "PDF/UA-1"
    paper: str  # config.PAPERS


@dataclass(frozen=True)
class Chapter:
    """Where a chapter begins in the recording as published (the first at 0)."""

    title: str
    start: float  # seconds


@dataclass(frozen=True)
class AudioDetails:
    duration: float  # seconds, to 0.01
    format: str  # "mp3", "opus", "m4b"
    bitrate: int  # bits per second
    voice: str  # eSpeak NG voice
    engine: str  # "pyttsx3 2.99, eSpeak NG 1.51"
    words: int  # of the spoken script
    chapters: tuple[Chapter, ...]  # in time order
    sentences: int


@dataclass(frozen=True)
class CaptionsDetails:
    cues: int
    duration: float  # seconds, to 0.01


@dataclass(frozen=True)
class EpubDetails:
    identifier: str
    duration: float  # seconds, of the MP3 inside, to 0.01
    narrated_duration: float  # seconds of synchronised text
    sentences: int  # of the content document
    synchronised: int  # sentences with a <par>
    narrated: int  # sentences of the spoken script
    voice: str
    engine: str


@dataclass(frozen=True)
class BrailleDetails:
    pages: int
    cells: int  # a line
    lines: int  # a page, the page number's included
    grade: str  # "contracted" or "uncontracted": as written (a language without contracted braille: uncontracted)
    table: str  # liblouis's table list for the edition's language


Details = TextDetails | PdfDetails | AudioDetails | CaptionsDetails | EpubDetails | BrailleDetails
Timed = AudioDetails | CaptionsDetails | EpubDetails  # the details with a `duration`

# Each edition's details by its registered name (editions.EDITIONS); an edition not named gives none.
DETAILS: dict[str, type[Details]] = {
    "text": TextDetails, "pdf": PdfDetails, "audio": AudioDetails, "audio-opus": AudioDetails,
    "audio-m4b": AudioDetails, "captions": CaptionsDetails, "epub": EpubDetails,
    "braille": BrailleDetails, "pef": BrailleDetails,
}


def duration_of(details: Details | None) -> float | None:
    """The file's playing time in seconds, for the details that have one."""
    return details.duration if isinstance(details, Timed) else None
