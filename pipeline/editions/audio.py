"""The audio editions: the release read aloud by eSpeak NG through pyttsx3.

`audio` is an MP3 (always built when audio is wanted); `audio-opus` and
`audio-m4b` are the same recording in other containers, by configuration.
The MP3 is the `record <lang>` job's recording as it is (audio/record.py:
synthesis sentence by sentence, encoding paragraph by paragraph, both
cached); the sentences' timings give the chapters (one per section of the
script, in time order from 0) and the WebVTT captions (editions/captions.py,
from the same timings). Opus and M4B are encoded whole from the same speech.

Text in a script the edition's voice cannot read (Hebrew, Arabic, Chinese, Japanese: letters without
case, Unicode category Lo) is still said, as eSpeak NG says it: it names each letter ("Hebrew shin",
"Chinese letter"), or switches to a voice of its own where it has one (Korean). The edition never
fails on it; it says so in its warnings (`unread_words`), naming the words.
"""

from __future__ import annotations

import unicodedata
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


def unread_words(texts: Iterable[str]) -> list[str]:
    """The words of `texts` (each once, in order) with a letter of a script without case (category Lo:
    Hebrew, Arabic, CJK, Thai …), which the edition languages' voices do not read as words."""
    found: dict[str, None] = {}
    for text in texts:
        for word in text.split():
            if any(unicodedata.category(char) == "Lo" for char in word):
                found.setdefault(word.strip(".,;:!?()[]«»“”\"'„‚‘’"), None)
    return list(found)


def reading_warnings(release: LocalisedRelease, voice: str, sentences: Iterable[str]) -> tuple[str, ...]:
    """One line where the script holds words the voice can only spell (`unread_words`)."""
    words = unread_words(sentences)
    if not words:
        return ()
    shown = ", ".join(words[:5]) + (f" and {len(words) - 5} more" if len(words) > 5 else "")
    return (f"audio edition of {release.release_id} ({release.lang}): the voice {voice} cannot read {len(words)} "
            f"word{'s' if len(words) != 1 else ''} in another script ({shown}); eSpeak NG names their letters "
            "one by one or reads them with a voice of its own",)


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
            sentences=len(recording.sentences)),
            reading_warnings(release, narration.voice, (sentence.text for sentence in recording.sentences)))


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
