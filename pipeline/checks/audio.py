"""Checks that an audio edition is speech, complete and well labelled.

Reusable by the test suite and by anyone with a file: decode with ffmpeg,
then look at the signal in 30 ms frames. Speech is loud enough (above
-35 dBFS overall), mostly active (most frames within 40 dB of the loudest),
never silent for long (no pause over 3 s) and varied (a tone or noise has a
flat loudness envelope; speech does not). Its length must fit the words at
90 to 230 words per minute. Tags and chapters are read with mutagen.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass

import numpy as np

from ..audio.encoding import ffmpeg
from ..errors import PipelineError
from . import Report

RATE = 16000
FRAME = int(RATE * 0.030)
MIN_WPM, MAX_WPM = 90, 230
MIN_LOUDNESS_DBFS = -35.0
MIN_ACTIVE_SHARE = 0.5
MAX_SILENCE_SECONDS = 3.0
MIN_ENVELOPE_SPREAD_DB = 4.0


def decode(data: bytes) -> np.ndarray:
    """Mono float samples at 16 kHz of any file ffmpeg reads."""
    result = subprocess.run([ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-i", "pipe:0",
                             "-f", "f32le", "-ac", "1", "-ar", str(RATE), "pipe:1"],
                            input=data, capture_output=True)
    if result.returncode != 0:
        message = (result.stderr.decode(errors="replace").strip().splitlines() or ["cannot decode"])[-1]
        raise PipelineError(f"audio: ffmpeg cannot decode the file: {message}")
    return np.frombuffer(result.stdout, dtype="<f4")


@dataclass(frozen=True)
class SignalFacts:
    seconds: float
    loudness_dbfs: float  # RMS over the whole file
    active_share: float  # frames within 40 dB of the loudest
    longest_silence: float  # seconds
    envelope_spread_db: float  # standard deviation of the active frames' loudness


def signal_facts(samples: np.ndarray) -> SignalFacts:
    seconds = len(samples) / RATE
    if len(samples) < FRAME:
        return SignalFacts(seconds, -120.0, 0.0, seconds, 0.0)
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    frames = samples[: len(samples) // FRAME * FRAME].reshape(-1, FRAME)
    levels = 10 * np.log10(np.mean(np.square(frames, dtype=np.float64), axis=1) + 1e-12)
    active = levels > max(levels.max() - 40.0, -60.0)
    longest = run = 0
    for is_active in active:
        run = 0 if is_active else run + 1
        longest = max(longest, run)
    spread = float(np.std(levels[active])) if active.any() else 0.0
    return SignalFacts(seconds, 20 * np.log10(rms + 1e-12), float(active.mean()), longest * FRAME / RATE, spread)


def check_speech(data: bytes, words: int, report: Report | None = None) -> Report:
    """The signal checks; `words` is how many words the recording should say."""
    report = report or Report("audio")
    facts = signal_facts(decode(data))
    wpm = words / (facts.seconds / 60) if facts.seconds else float("inf")
    report.add("decodes", facts.seconds > 0, f"{facts.seconds:.1f} s")
    report.add(f"length fits {words} words at {MIN_WPM}–{MAX_WPM} words per minute", MIN_WPM <= wpm <= MAX_WPM,
               f"{wpm:.0f} words per minute")
    report.add(f"loudness above {MIN_LOUDNESS_DBFS:.0f} dBFS", facts.loudness_dbfs > MIN_LOUDNESS_DBFS,
               f"{facts.loudness_dbfs:.1f} dBFS")
    report.add("most 30 ms frames active", facts.active_share > MIN_ACTIVE_SHARE, f"{facts.active_share:.0%}")
    report.add(f"no silence over {MAX_SILENCE_SECONDS:.0f} s", facts.longest_silence <= MAX_SILENCE_SECONDS,
               f"longest {facts.longest_silence:.2f} s")
    report.add("loudness envelope varies (speech, not a tone)", facts.envelope_spread_db >= MIN_ENVELOPE_SPREAD_DB,
               f"spread {facts.envelope_spread_db:.1f} dB")
    return report


@dataclass(frozen=True)
class Mp3Labels:
    title: str | None
    language: str | None
    artist: str | None
    album: str | None
    genre: str | None
    chapters: list[tuple[str, int, int]]  # (title, start ms, end ms), in time order
    bitrate: int
    channels: int


def mp3_labels(data: bytes) -> Mp3Labels:
    from mutagen.mp3 import MP3

    audio = MP3(io.BytesIO(data))
    tags = audio.tags or {}

    def text(frame: str) -> str | None:
        value = tags.get(frame)
        return str(value.text[0]) if value is not None and value.text else None

    chapters = sorted(((str(frame.sub_frames["TIT2"].text[0]) if "TIT2" in frame.sub_frames else "",
                        frame.start_time, frame.end_time) for frame in tags.getall("CHAP")) if tags else [],
                      key=lambda chapter: chapter[1])
    return Mp3Labels(text("TIT2"), text("TLAN"), text("TPE1"), text("TALB"), text("TCON"), chapters,
                     audio.info.bitrate, audio.info.channels)


def check_mp3(data: bytes, words: int, title: str | None = None, language: str | None = None,
              chapters: list[str] | None = None, path: str = "MP3") -> Report:
    """Signal checks plus tags: title and language (ISO 639-2), chapters in order, mono."""
    report = check_speech(data, words, Report(path))
    labels = mp3_labels(data)
    report.add("title tag (TIT2)", bool(labels.title) and (title is None or labels.title == title), repr(labels.title))
    report.add("language tag (TLAN)", bool(labels.language) and (language is None or labels.language == language),
               repr(labels.language))
    titles = [chapter[0] for chapter in labels.chapters]
    report.add("chapters (CHAP) match the sections", bool(titles) and (chapters is None or titles == chapters),
               f"{len(titles)} chapters")
    ordered = all(a[2] <= b[1] + 1 for a, b in zip(labels.chapters, labels.chapters[1:]))
    report.add("chapters in order, not overlapping", ordered)
    report.add("mono", labels.channels == 1, f"{labels.channels} channels, {labels.bitrate // 1000} kb/s")
    return report
