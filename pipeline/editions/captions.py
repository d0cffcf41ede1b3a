"""The captions edition: WebVTT beside each audio edition, from the same sentence timings.

One cue per sentence of the spoken script, with the sentence as written
(the text edition's words, not the spoken form), from the sentence's start
until the next one's. The recording is not encoded again: the sentences come
from the sentence cache the audio edition filled (audio/timeline.py), so the
cues match the MP3 to the millisecond.
"""

from __future__ import annotations

from ..audio.timeline import webvtt
from ..release import LocalisedRelease
from . import EditionSettings, Rendered
from .audio import speak


class CaptionsEdition:
    kind = "captions"
    extension = "vtt"
    media_type = "text/vtt"

    def render(self, release: LocalisedRelease, settings: EditionSettings) -> Rendered:
        timeline = speak(release, settings).timeline
        text = webvtt(timeline)
        return Rendered(text.encode("utf-8"), {"cues": len(timeline.sentences),
                                               "duration": round(timeline.seconds, 2)})
