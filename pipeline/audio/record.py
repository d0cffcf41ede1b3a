"""The record stage: one language's release read aloud, timed and encoded once.

One job per language, `record <lang>` (`record_speech`), synthesises the
spoken script (audio/script.py) sentence by sentence (audio/timeline.py,
each sentence's recording cached) and encodes the MP3 paragraph by paragraph
(audio/recording.py, each piece cached). The MP3, captions and EPUB editions
of that language are made from its `Narration`: one synthesis and one encode
per language, and after an edit only the paragraphs that changed are encoded
again. Passages in another language are read with that language's voice; the
issuing office is named as the glossary names it in the edition's language.

Both caches live in the settings' speech cache folder
(`EditionSettings.speech_cache`, from `Config.speech_cache_dir`): sentences in
it, encoded pieces in its `pieces/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..languages import language
from ..localise.labels import N_
from ..release import LocalisedRelease
from .encoding import Tags
from .recording import PieceCache, Recording, record
from .script import office_name, script_words, spoken_script
from .synthesis import engine_version, speech_engine
from .timeline import SentenceCache, Timeline, build_timeline

if TYPE_CHECKING:  # the editions import this module
    from ..editions import EditionSettings

ALBUM = N_("Press releases")
PIECES = "pieces"  # the encoded pieces' folder in the speech cache


@dataclass(frozen=True)
class Speech:
    timeline: Timeline
    voice: str
    engine: str
    words: int


@dataclass(frozen=True)
class Narration:
    """What the `record <lang>` job hands the MP3, captions and EPUB editions (no PCM: it is cached)."""

    recording: Recording
    voice: str
    engine: str
    words: int


def office_names(settings: EditionSettings) -> tuple[tuple[str, str], ...]:
    """The glossary's (source, official name) pairs, where the settings carry a glossary.

    `EditionSettings.glossary` (the edition language's `translate.glossary.Glossary`)
    is filled by the planner; without it, office names stay as the release writes them.
    """
    return tuple(settings.glossary.terms) if settings.glossary is not None else ()


def speech_cache(settings: EditionSettings) -> Path | None:
    return Path(settings.speech_cache) if settings.speech_cache else None


def speak(release: LocalisedRelease, settings: EditionSettings) -> Speech:
    """The whole script as one recording, timed sentence by sentence (cached sentences are reused)."""
    sections = spoken_script(release, settings.organisation, settings.lexicons, office_names(settings),
                             settings.notes_in_audio)
    engine = engine_version()
    cache = SentenceCache(speech_cache(settings), engine)
    timeline = build_timeline(sections, lambda: speech_engine().synthesise, cache)
    return Speech(timeline, language(release.lang).voice, engine, script_words(sections))


def record_speech(release: LocalisedRelease, settings: EditionSettings) -> Narration:
    """The `record <lang>` job: synthesis from the sentence cache, MP3 from the cache of encoded pieces."""
    speech = speak(release, settings)
    folder = speech_cache(settings)
    recording = record(speech.timeline, tags_for(release, settings), PieceCache(folder / PIECES if folder else None))
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
