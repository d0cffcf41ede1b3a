"""Sentence timings, the spine of the audio editions and their captions.

The script (audio/script.py) is synthesised sentence by sentence; each
sentence's recording is kept in a cache on disk, keyed by its text, voice,
rate and engine version, so that a release with one paragraph changed
re-synthesises only that paragraph's sentences (and the MP3 and the captions
of the same language share one synthesis). Each sentence's start and end in
the recording give:

- the chapters (CHAP frames, FFMETADATA): one per section of the script, in
  time order, the first at 0 and each ending where the next begins;
- the WebVTT captions: one cue per sentence, its written text, from its
  start to the next sentence's start, so the captions cover the recording.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from ..fsutil import ChecksummedFiles
from ..languages import language
from .encoding import Chapter
from .script import Section
from ..jobs import progress
from .synthesis import SAMPLE_RATE, VoiceSettings, silence

LEAD_IN, BETWEEN_SENTENCES, BETWEEN_PARAGRAPHS, BETWEEN_SECTIONS = 0.3, 0.3, 0.45, 0.9  # seconds of silence

Synthesise = Callable[[str, VoiceSettings], bytes]


@dataclass(frozen=True)
class TimedSentence:
    text: str  # as written (the caption)
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Timeline:
    pcm: bytes  # 16-bit mono at SAMPLE_RATE
    sentences: tuple[TimedSentence, ...]
    chapters: tuple[Chapter, ...]  # one per section
    synthesised: int  # sentence parts not found in the cache
    # Byte offsets in `pcm` where the pieces the MP3 is encoded in begin (audio/recording.py): the
    # start, each section's start, and after each paragraph's pause; each piece ends in a pause.
    piece_starts: tuple[int, ...] = (0,)

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / SAMPLE_RATE

    def pieces(self) -> list[bytes]:
        """The PCM of each piece (the first with the lead-in)."""
        bounds = [*self.piece_starts, len(self.pcm)]
        return [self.pcm[begin:end] for begin, end in zip(bounds, bounds[1:])]

    def piece_starts_ms(self) -> list[int]:
        return [_ms(offset) for offset in self.piece_starts]


class Timed(Protocol):
    """Sentences placed in time: a `Timeline`, or the published MP3's `recording.Recording`."""

    sentences: tuple[TimedSentence, ...]

    @property
    def seconds(self) -> float: ...


class SentenceCache:
    """Recordings of sentences on disk: `<key>.pcm` (fsutil.ChecksummedFiles), keyed by the
    sentence's text, voice, rate and the engine's version. A damaged file is a miss; without a
    directory nothing is kept."""

    def __init__(self, directory: Path | None, engine: str):
        self.directory = directory
        self.engine = engine
        self.files = ChecksummedFiles(directory, ".pcm")

    def key(self, text: str, voice: VoiceSettings) -> str:
        identity = "\0".join([self.engine, voice.voice, str(voice.words_per_minute), text])
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()

    def get(self, text: str, voice: VoiceSettings) -> bytes | None:
        return self.files.get(self.key(text, voice))

    def put(self, text: str, voice: VoiceSettings, pcm: bytes) -> None:
        self.files.put(self.key(text, voice), pcm)


def build_timeline(sections: list[Section], synthesise: Callable[[], Synthesise], cache: SentenceCache) -> Timeline:
    """Synthesise the script sentence by sentence (from the cache where it can) and time every sentence.

    `synthesise` is called only on the first cache miss: a fully cached
    script needs no speech engine at all.
    """
    engine: Synthesise | None = None
    misses = 0
    pcm = bytearray(silence(LEAD_IN))
    timed: list[TimedSentence] = []
    starts: list[int] = []
    pieces = [0]
    total = sum(len(section.sentences) for section in sections)
    for section in sections:
        starts.append(len(pcm))
        if len(pcm) > pieces[-1]:
            pieces.append(len(pcm))
        for sentence in section.sentences:
            progress(len(timed), total, f"sentences, {_ms(len(pcm)) / 1000:.0f} s of speech")
            start = len(pcm)
            for part in sentence.parts:
                spec = language(part.lang)
                voice = VoiceSettings(spec.voice, spec.words_per_minute)
                audio = cache.get(part.text, voice)
                if audio is None:
                    engine = engine or synthesise()
                    audio = engine(part.text, voice)
                    cache.put(part.text, voice, audio)
                    misses += 1
                pcm += audio
            timed.append(TimedSentence(sentence.written, _ms(start), _ms(len(pcm))))
            pcm += silence(BETWEEN_PARAGRAPHS if sentence.ends_paragraph else BETWEEN_SENTENCES)
            if sentence.ends_paragraph and sentence is not section.sentences[-1]:
                pieces.append(len(pcm))
        pcm += silence(BETWEEN_SECTIONS - BETWEEN_PARAGRAPHS)
    return Timeline(bytes(pcm), tuple(timed), chapters_from(sections, starts, _ms(len(pcm))), misses,
                    tuple(pieces))


def chapters_from(sections: list[Section], starts: list[int], total_ms: int) -> tuple[Chapter, ...]:
    """One chapter per section, in time order: the first from 0, each up to the next one's start."""
    begins = [0] + [_ms(start) for start in starts[1:]]
    ends = begins[1:] + [total_ms]
    return tuple(Chapter(section.title, begin, end) for section, begin, end in zip(sections, begins, ends))


def webvtt(timeline: Timed) -> str:
    """WebVTT captions: one cue per sentence, shown until the next sentence starts."""
    total = round(timeline.seconds * 1000)
    lines = ["WEBVTT", ""]
    sentences = timeline.sentences
    for index, sentence in enumerate(sentences):
        end = sentences[index + 1].start_ms if index + 1 < len(sentences) else total
        # A cue's text is WebVTT markup: "&", "<" and ">" escaped ("-->" may not appear).
        text = " ".join(sentence.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())
        lines += [str(index + 1), f"{_timestamp(sentence.start_ms)} --> {_timestamp(max(end, sentence.end_ms))}",
                  text, ""]
    return "\n".join(lines)


def _timestamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _ms(byte_offset: int) -> int:
    return round(byte_offset / 2 / SAMPLE_RATE * 1000)
