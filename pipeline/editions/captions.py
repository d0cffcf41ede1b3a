"""The captions edition: WebVTT beside each audio edition, from the same sentence timings.

One cue per sentence of the spoken script, with the sentence as written
(the text edition's words, not the spoken form), from the sentence's start
until the next one's. The timings are those of the language's `record` job
(audio/record.py), moved to where each sentence is in the MP3
(audio/recording.py), so the cues match the MP3 the listener plays.
"""

from __future__ import annotations

from ..audio.record import Narration
from ..audio.timeline import webvtt
from ..details import CaptionsDetails
from ..release import LocalisedRelease
from . import EditionSettings, Rendered


class CaptionsEdition:
    kind = "captions"
    extension = "vtt"
    media_type = "text/vtt"
    recorded = True

    def render(self, release: LocalisedRelease, settings: EditionSettings, narration: Narration) -> Rendered:
        recording = narration.recording
        text = webvtt(recording)
        return Rendered(text.encode("utf-8"), CaptionsDetails(cues=len(recording.sentences),
                                                              duration=round(recording.seconds, 2)))
