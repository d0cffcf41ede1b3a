"""Sentence timings with the real eSpeak NG: cached sentences, chapters from 0, captions in order."""

import re
import tempfile
from pathlib import Path

import pytest

from pipeline.audio import synthesis
from pipeline.audio.script import spoken_script
from pipeline.audio.synthesis import VoiceSettings, engine_version, speech_engine
from pipeline.audio.timeline import SentenceCache, build_timeline, webvtt
from pipeline.errors import PipelineError

from .test_script import example, lexicons

CUE = re.compile(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})")


def seconds(h, m, s, ms) -> float:
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def test_timeline_chapters_and_captions(tmp_path):
    sections = spoken_script(example(), "OSCE", lexicons("en"))
    cache = SentenceCache(tmp_path, engine_version())
    cold = build_timeline(sections, lambda: speech_engine().synthesise, cache)
    assert cold.synthesised == sum(len(s.utterances) for s in sections)
    chapters = cold.chapters
    assert chapters[0].start_ms == 0 and chapters[-1].end_ms == round(cold.seconds * 1000)
    assert all(a.end_ms == b.start_ms and a.start_ms < b.start_ms for a, b in zip(chapters, chapters[1:]))
    cues = [tuple(seconds(*m.groups()[:4]) for _ in [0]) + (seconds(*m.groups()[4:]),)
            for m in CUE.finditer(webvtt(cold))]
    assert webvtt(cold).startswith("WEBVTT\n") and len(cues) == len(cold.sentences)
    assert all(start < end <= next_start + 1e-9 for (start, end), (next_start, _) in zip(cues, cues[1:]))
    assert sum(end - start for start, end in cues) >= 0.9 * cold.seconds

    def no_engine():
        raise AssertionError("a fully cached script must not start the engine")

    warm = build_timeline(sections, no_engine, cache)
    assert warm.synthesised == 0 and warm.pcm == cold.pcm and warm.sentences == cold.sentences


def test_a_changed_sentence_is_the_only_one_synthesised_again(tmp_path):
    sections = spoken_script(example(), "OSCE", lexicons("en"))
    cache = SentenceCache(tmp_path, engine_version())
    build_timeline(sections, lambda: speech_engine().synthesise, cache)
    changed = example()
    from dataclasses import replace
    changed = replace(changed, title=changed.title + " (updated)")
    again = build_timeline(spoken_script(changed, "OSCE", lexicons("en")), lambda: speech_engine().synthesise, cache)
    assert again.synthesised == 1


def test_a_damaged_cache_entry_is_a_miss(tmp_path):
    cache = SentenceCache(tmp_path, "engine")
    voice = VoiceSettings("gmw/en", 160)
    cache.put("Hello.", voice, b"\1\2" * 100)
    assert cache.get("Hello.", voice) == b"\1\2" * 100
    path = next(tmp_path.glob("*.pcm"))
    path.write_bytes(path.read_bytes()[:-3])
    assert cache.get("Hello.", voice) is None


def test_synthesis_leaves_no_temporary_folder(monkeypatch):
    before = set(Path(tempfile.gettempdir()).glob("release-pipeline-speech-*"))
    engine = speech_engine()
    engine.synthesise("One sentence.", VoiceSettings("gmw/en", 160))
    try:
        engine.synthesise("Another.", VoiceSettings("no/such-voice", 160))
    except Exception:
        pass
    monkeypatch.setattr(synthesis, "_read_frames", lambda path: None)  # eSpeak's empty-WAV fault, every time
    with pytest.raises(PipelineError):
        engine.synthesise("Never said.", VoiceSettings("gmw/en", 160))
    assert set(Path(tempfile.gettempdir()).glob("release-pipeline-speech-*")) <= before
