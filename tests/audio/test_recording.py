"""The MP3 encoded piece by piece (audio/recording.py), with the real eSpeak NG and ffmpeg:
the joined frames play as one stream, every timing points at its audio, and an edit re-encodes
only its paragraph."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace

import numpy as np
import pytest

from pipeline.audio.encoding import Tags
from pipeline.audio.recording import (
    PieceCache,
    encode_pieces,
    mp3_frame_count,
    record,
)
from pipeline.audio.script import spoken_script
from pipeline.audio.synthesis import SAMPLE_RATE, engine_version, speech_engine
from pipeline.audio.timeline import SentenceCache, build_timeline
from pipeline.checks.audio import mp3_labels
from pipeline.errors import PipelineError

from .test_script import example, lexicons

TAGS = Tags("Title", "OSCE", "Press releases", "2024-03-05", "eng", "https://example.org/")


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    sections = spoken_script(example(), "OSCE", lexicons("en"))
    cache = SentenceCache(tmp_path_factory.mktemp("sentences"), engine_version())
    return build_timeline(sections, lambda: speech_engine().synthesise, cache)


def decoded(mp3: bytes) -> np.ndarray:
    result = subprocess.run(["ffmpeg", "-v", "error", "-f", "mp3", "-i", "-", "-f", "s16le", "-ac", "1",
                             "-ar", str(SAMPLE_RATE), "-"], input=mp3, capture_output=True, check=True)
    return np.frombuffer(result.stdout, dtype="<i2").astype(np.float64)


def test_the_joined_pieces_play_as_one_mp3_whose_timings_point_at_the_speech(timeline, tmp_path):
    recording = record(timeline, TAGS, PieceCache(tmp_path / "cache"))
    assert len(recording.chapters) == 5 and recording.encoded == len(timeline.piece_starts) > 5  # by paragraph
    mp3 = tmp_path / "edition.mp3"
    mp3.write_bytes(recording.mp3)
    probe = json.loads(subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_chapters", "-of", "json",
                                       str(mp3)], capture_output=True, check=True).stdout)
    assert float(probe["format"]["duration"]) == pytest.approx(recording.seconds, abs=0.03)
    starts = [round(float(chapter["start_time"]) * 1000) for chapter in probe["chapters"]]
    assert starts == [chapter.start_ms for chapter in recording.chapters] and starts[0] == 0
    assert [title for title, _, _ in mp3_labels(recording.mp3).chapters] == [c.title for c in timeline.chapters]
    samples = decoded(recording.mp3)
    assert len(samples) == pytest.approx(recording.duration_ms * SAMPLE_RATE / 1000, abs=SAMPLE_RATE / 1000)
    # Every sentence's speech begins where the recording says, give or take eSpeak's own lead-in
    # (5-160 ms): the timings were moved by each piece's encoder delay and whole frames (without
    # that, the later sentences' words come up to a second after their cue).
    loud = np.flatnonzero(np.abs(samples) > 1000)
    for sentence in recording.sentences:
        onset = loud[np.searchsorted(loud, (sentence.start_ms - 300) * SAMPLE_RATE // 1000)] * 1000 / SAMPLE_RATE
        assert -10 <= onset - sentence.start_ms <= 200, (sentence.text, onset - sentence.start_ms)


def test_an_edit_re_encodes_only_its_piece_and_the_rest_is_byte_identical(timeline, tmp_path):
    cache = PieceCache(tmp_path)
    first = record(timeline, TAGS, cache)
    again = record(timeline, TAGS, cache)
    assert again.encoded == 0 and again.mp3 == first.mp3
    # The third piece one second longer (silence stands in for new words).
    start = timeline.piece_starts[2]
    pcm = timeline.pcm[:start + 2] + b"\0\0" * SAMPLE_RATE + timeline.pcm[start + 2:]
    starts = timeline.piece_starts[:3] + tuple(s + 2 * SAMPLE_RATE for s in timeline.piece_starts[3:])
    at = round(start / 2 / SAMPLE_RATE * 1000)

    def later(ms: int) -> int:
        return ms + 1000 if ms > at else ms

    sentences = tuple(replace(s, start_ms=later(s.start_ms), end_ms=later(s.end_ms)) for s in timeline.sentences)
    chapters = tuple(replace(c, start_ms=later(c.start_ms), end_ms=later(c.end_ms)) for c in timeline.chapters)
    edited = record(replace(timeline, pcm=pcm, piece_starts=starts, sentences=sentences, chapters=chapters), TAGS, cache)
    assert edited.encoded == 1
    assert edited.sentences[0] == first.sentences[0] and edited.chapters[-1].start_ms > first.chapters[-1].start_ms


def test_a_piece_encodes_to_the_same_frames_alone_or_with_others(timeline):
    pieces = timeline.pieces()[:3]
    together = encode_pieces(pieces)
    assert together == [encode_pieces([piece])[0] for piece in pieces]


def test_what_is_not_mp3_frames_is_refused():
    with pytest.raises(PipelineError, match="not an MP3 frame"):
        mp3_frame_count(b"ID3\x03\x00" + b"\0" * 100)


def _record_job(timeline, directory):
    return record(timeline, TAGS, PieceCache(directory)).duration_ms


def _render_job(duration_ms, kind):
    return kind, duration_ms


def test_without_ffmpeg_the_record_job_fails_in_one_line_and_its_editions_are_not_run(
        timeline, tmp_path, monkeypatch, capsys):
    """ffmpeg is found with `shutil.which` (audio/encoding.py): without it, one line naming the Debian
    package for the record job, and each edition made from the recording says which job it waited on."""
    from pipeline import console
    from pipeline.audio import encoding
    from pipeline.jobs import Cache, Job, Runner, SerialExecutor
    from pipeline.run import RunFailure

    real_which = encoding.shutil.which
    monkeypatch.setattr(encoding.shutil, "which", lambda name, *a, **k: None if name == "ffmpeg" else real_which(name))
    with pytest.raises(PipelineError) as caught:
        encode_pieces(timeline.pieces()[:1])
    assert str(caught.value) == "audio: ffmpeg is not installed: install the Debian package ffmpeg (make setup does)"

    recorded = Job("record fr", _record_job, (timeline, tmp_path / "pieces"))
    editions = [Job(f"render {kind} fr", _render_job, (recorded, kind)) for kind in ("audio", "captions", "epub")]
    runner = Runner(Cache(tmp_path / "cache"), SerialExecutor())
    runner.run(editions, keep_going=True)
    reasons = {failure.job.name: failure.reason for failure in runner.failures}
    assert reasons == {"record fr": "PipelineError: audio: ffmpeg is not installed: install the Debian package "
                                    "ffmpeg (make setup does)",
                       **{job.name: "not run: record fr failed" for job in editions}}
    assert runner.stats.retried == ["record fr"]  # the record job ran (twice); no edition job ran
    assert console.report_failures([RunFailure("ID", f.job.name, f.reason) for f in runner.failures], False) == 1
    lines = capsys.readouterr().err.splitlines()
    # One line per cause, naming the jobs it kept back, and the summary line.
    assert lines == ["release-pipeline: error: ID: record fr failed: PipelineError: audio: ffmpeg is not installed: "
                     "install the Debian package ffmpeg (make setup does) "
                     "(not run: render audio fr, render captions fr, render epub fr)",
                     "release-pipeline: 4 jobs failed after a retry; not published: ID (earlier outputs are intact)"]
