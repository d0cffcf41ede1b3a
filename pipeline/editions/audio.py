"""The audio editions: the release read aloud by eSpeak NG through pyttsx3.

`audio` is an MP3 (always built when audio is wanted); `audio-opus` and
`audio-m4b` are the same recording in other containers, by configuration.
The MP3 is the `record <lang>` job's recording as it is (audio/record.py:
synthesis sentence by sentence, encoding paragraph by paragraph, both
cached); the sentences' timings give the chapters (one per section of the
script, in time order from 0) and the WebVTT captions (editions/captions.py,
from the same timings). Opus and M4B are encoded whole from the same speech.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..audio import encoding
from ..audio.encoding import FORMATS, Format, encode
from ..audio.recording import BITRATE
from ..audio.record import Narration, speak, tags_for
from ..details import AudioDetails, Chapter
from ..release import LocalisedRelease
from . import EditionSettings, Rendered


def chapters(recorded: Iterable[encoding.Chapter]) -> tuple[Chapter, ...]:
    """Where each chapter of a recording begins (in seconds), for the manifest and the site."""
    return tuple(Chapter(chapter.title, chapter.start_ms / 1000) for chapter in recorded)


class AudioEdition:
    """The MP3: the `record <lang>` job's recording as it is."""

    kind = "audio"
    extension = "mp3"
    media_type = "audio/mpeg"
    recorded = True

    def render(self, release: LocalisedRelease, settings: EditionSettings, narration: Narration) -> Rendered:
        recording = narration.recording
        return Rendered(recording.mp3, AudioDetails(
            duration=round(recording.seconds, 2), format="mp3", bitrate=BITRATE, voice=narration.voice,
            engine=narration.engine, words=narration.words, chapters=chapters(recording.chapters),
            sentences=len(recording.sentences)))


class _WholeRecordingEdition:
    """Opus or M4B: the same speech encoded whole into another container (no cache of pieces)."""

    format: Format
    recorded = False

    @property
    def extension(self) -> str:
        return self.format.extension

    @property
    def media_type(self) -> str:
        return self.format.media_type

    def render(self, release: LocalisedRelease, settings: EditionSettings) -> Rendered:
        speech = speak(release, settings)
        timeline = speech.timeline
        data = encode(timeline.pcm, self.format, tags_for(release, settings), list(timeline.chapters))
        return Rendered(data, AudioDetails(
            duration=round(timeline.seconds, 2), format=self.format.name, bitrate=self.format.bitrate,
            voice=speech.voice, engine=speech.engine, words=speech.words, chapters=chapters(timeline.chapters),
            sentences=len(timeline.sentences)))


class OpusEdition(_WholeRecordingEdition):
    kind = "audio-opus"
    format = FORMATS["opus"]


class M4bEdition(_WholeRecordingEdition):
    kind = "audio-m4b"
    format = FORMATS["m4b"]
