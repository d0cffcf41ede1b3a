"""The audio editions: the release read aloud by eSpeak NG through pyttsx3.

`audio` is an MP3 (always built when audio is wanted); `audio-opus` and
`audio-m4b` are the same recording in other containers, by configuration.
Each section of the spoken script (audio/script.py) is a chapter. Words are
said as the language's pronunciation lexicon says (audio/lexicon.py) before
synthesis; passages in another language are read with that language's voice.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..audio.encoding import FORMATS, Chapter, Format, Tags, encode
from ..audio.lexicon import Lexicon
from ..audio.script import Section, script_words, spoken_script
from ..audio.synthesis import SAMPLE_RATE, VoiceSettings, silence, speech_engine
from ..languages import language
from ..localise.labels import N_
from ..release import LocalisedRelease
from . import EditionSettings, Rendered

ALBUM = N_("Press releases")
LEAD_IN, BETWEEN_UTTERANCES, BETWEEN_SECTIONS = 0.3, 0.45, 0.9  # seconds of silence


@dataclass(frozen=True)
class Speech:
    pcm: bytes  # 16-bit mono at SAMPLE_RATE
    chapters: list[Chapter]
    voice: str
    engine: str
    words: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / SAMPLE_RATE


def speak(release: LocalisedRelease, settings: EditionSettings) -> Speech:
    """The whole script as one recording, with the time span of each section."""
    engine = speech_engine()
    lexicons = {lexicon.lang: lexicon for lexicon in settings.lexicons}
    sections: list[Section] = spoken_script(release, settings.organisation)
    pcm = bytearray(silence(LEAD_IN))
    chapters = []
    for section in sections:
        start = len(pcm)
        for utterance in section.utterances:
            spec = language(utterance.lang)
            text = lexicons.get(utterance.lang, Lexicon(utterance.lang)).apply(utterance.text)
            pcm += engine.synthesise(text, VoiceSettings(spec.voice, spec.words_per_minute))
            pcm += silence(BETWEEN_UTTERANCES)
        pcm += silence(BETWEEN_SECTIONS - BETWEEN_UTTERANCES)
        chapters.append(Chapter(section.title, _ms(start), _ms(len(pcm))))
    return Speech(bytes(pcm), chapters, language(release.lang).voice, engine.version, script_words(sections))


def tags_for(release: LocalisedRelease, settings: EditionSettings) -> Tags:
    if settings.base_url:
        address = f"{settings.base_url.rstrip('/')}/{release.release_id}/{release.lang}/"
    elif release.further_information and release.further_information.urls:
        address = release.further_information.urls[0]
    else:
        address = ""
    return Tags(
        title=release.title,
        artist=release.office or settings.organisation,
        album=release.labels.gettext(ALBUM),
        date=release.date.isoformat() if release.date else "",
        language=language(release.lang).iso639_2,
        comment=address,
    )


class AudioEdition:
    kind = "audio"
    format: Format = FORMATS["mp3"]

    @property
    def extension(self) -> str:
        return self.format.extension

    @property
    def media_type(self) -> str:
        return self.format.media_type

    def render(self, release: LocalisedRelease, settings: EditionSettings) -> Rendered:
        speech = speak(release, settings)
        data = encode(speech.pcm, self.format, tags_for(release, settings), speech.chapters)
        return Rendered(data, {
            "duration": round(speech.seconds, 2),
            "format": self.format.name,
            "bitrate": self.format.bitrate,
            "voice": speech.voice,
            "engine": speech.engine,
            "words": speech.words,
            "chapters": [chapter.title for chapter in speech.chapters],
        })


class OpusEdition(AudioEdition):
    kind = "audio-opus"
    format = FORMATS["opus"]


class M4bEdition(AudioEdition):
    kind = "audio-m4b"
    format = FORMATS["m4b"]


def _ms(byte_offset: int) -> int:
    return round(byte_offset / 2 / SAMPLE_RATE * 1000)
