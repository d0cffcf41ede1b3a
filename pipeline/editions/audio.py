"""The audio editions: the release read aloud by eSpeak NG through pyttsx3.

`audio` is an MP3 (always built when audio is wanted); `audio-opus` and
`audio-m4b` are the same recording in other containers, by configuration.
The spoken script (audio/script.py) is synthesised sentence by sentence
(audio/timeline.py): each sentence's recording is cached, and the sentences'
timings give the chapters (one per section of the script, in time order from
0) and the WebVTT captions (editions/captions.py, from the same timings).
Passages in another language are read with that language's voice; the
issuing office is named as the glossary names it in the edition's language.

One job per language, `record <lang>` (`record_speech`), synthesises and
encodes the MP3 paragraph by paragraph (audio/recording.py, each piece cached),
and the MP3, captions and EPUB editions of that language are made from its
`Narration`: one synthesis and one encode per language, and after an edit
only the paragraphs that changed are encoded again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..audio.encoding import FORMATS, Format, Tags, encode
from ..audio.recording import BITRATE, Recording, PieceCache, record
from ..audio.script import office_name, script_words, spoken_script
from ..audio.synthesis import engine_version, speech_engine
from ..audio.timeline import SentenceCache, Timeline, build_timeline, default_cache_dir
from ..languages import language
from ..localise.labels import N_
from ..release import LocalisedRelease
from . import EditionSettings, Rendered

ALBUM = N_("Press releases")


@dataclass(frozen=True)
class Speech:
    timeline: Timeline
    voice: str
    engine: str
    words: int


def office_names(settings: EditionSettings) -> tuple[tuple[str, str], ...]:
    """The glossary's (source, official name) pairs, where the settings carry a glossary.

    `EditionSettings.glossary` (the edition language's `translate.glossary.Glossary`)
    is filled by the planner; without it, office names stay as the release writes them.
    """
    glossary = getattr(settings, "glossary", None)
    return tuple(glossary.terms) if glossary is not None else ()


def speak(release: LocalisedRelease, settings: EditionSettings, cache_dir: Path | None = None) -> Speech:
    """The whole script as one recording, timed sentence by sentence (cached sentences are reused)."""
    sections = spoken_script(release, settings.organisation, settings.lexicons, office_names(settings))
    engine = engine_version()
    cache = SentenceCache(cache_dir or default_cache_dir(), engine)
    timeline = build_timeline(sections, lambda: speech_engine().synthesise, cache)
    return Speech(timeline, language(release.lang).voice, engine, script_words(sections))


@dataclass(frozen=True)
class Narration:
    """What the `record <lang>` job hands the MP3, captions and EPUB editions (no PCM: it is cached)."""

    recording: Recording
    voice: str
    engine: str
    words: int


def record_speech(release: LocalisedRelease, settings: EditionSettings, cache_dir: Path | None = None) -> Narration:
    """The `record <lang>` job: synthesis from the sentence cache, MP3 from the cache of encoded pieces."""
    speech = speak(release, settings, cache_dir)
    pieces = PieceCache((cache_dir or default_cache_dir()) / "pieces")
    recording = record(speech.timeline, tags_for(release, settings), pieces)
    return Narration(recording, speech.voice, speech.engine, speech.words)


def tags_for(release: LocalisedRelease, settings: EditionSettings) -> Tags:
    if settings.base_url:
        address = f"{settings.base_url.rstrip('/')}/{release.release_id}/{release.lang}/"
    elif release.further_information and release.further_information.urls:
        address = release.further_information.urls[0]
    else:
        address = ""
    return Tags(
        title=release.title,
        artist=office_name(release, settings.organisation, office_names(settings))[0],
        album=release.labels.gettext(ALBUM),
        date=release.date.isoformat() if release.date else "",
        language=language(release.lang).iso639_2,
        comment=address,
    )


class AudioEdition:
    """The MP3: the `record <lang>` job's recording as it is."""

    kind = "audio"
    extension = "mp3"
    media_type = "audio/mpeg"
    recorded = True

    def render(self, release: LocalisedRelease, settings: EditionSettings, narration: Narration) -> Rendered:
        recording = narration.recording
        return Rendered(recording.mp3, {
            "duration": round(recording.seconds, 2),
            "format": "mp3",
            "bitrate": BITRATE,
            "voice": narration.voice,
            "engine": narration.engine,
            "words": narration.words,
            "chapters": [chapter.title for chapter in recording.chapters],
            "sentences": len(recording.sentences),
        })


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
        return Rendered(data, {
            "duration": round(timeline.seconds, 2),
            "format": self.format.name,
            "bitrate": self.format.bitrate,
            "voice": speech.voice,
            "engine": speech.engine,
            "words": speech.words,
            "chapters": [chapter.title for chapter in timeline.chapters],
            "sentences": len(timeline.sentences),
        })


class OpusEdition(_WholeRecordingEdition):
    kind = "audio-opus"
    format = FORMATS["opus"]


class M4bEdition(_WholeRecordingEdition):
    kind = "audio-m4b"
    format = FORMATS["m4b"]
