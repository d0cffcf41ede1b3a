"""One language's speech as published: an MP3 encoded piece by piece, and the timings in it.

Encoding dominates the cost of the audio editions (eSpeak is fast; LAME on
twenty minutes of speech is not), so an edit to one paragraph must not
re-encode the whole recording. The timeline (audio/timeline.py) is cut into
pieces, one per paragraph (a new piece also begins with each section, where
a chapter begins), each ending in the pause after its paragraph; each piece
is normalised and encoded on its own, and its MP3 frames are kept in a cache
on disk keyed by its audio. The edition is the pieces' frames one after the
other, with the ID3 tag in front: MP3 frames join without a container, and a
decoder plays them as one stream.

Two consequences, both accounted for here:

- **Timings.** A piece encoded on its own decodes to whole frames (576
  samples each at 22.05 kHz), its audio starting `ENCODER_DELAY` samples in
  (LAME's 576 plus the decoder's 529). Every sentence's and chapter's time
  is moved to where its audio is in the joined MP3 (`Placement`), so
  captions, chapters and the EPUB's media overlays match what a player
  plays. Each join is in a pause, so it cannot be heard.
- **Loudness.** Each piece is brought to -16 LUFS (EBU R128, measured by
  ffmpeg) with one gain and a limiter, as the whole recording was: synthetic
  speech is even, so the pieces' gains differ little, and a passage in a
  quieter voice is levelled with the rest.

The opus and m4b editions (containers that do not join this way) are still
encoded whole (audio/encoding.py `encode`).
"""

from __future__ import annotations

import bisect
import hashlib
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import PipelineError
from ..fsutil import ChecksummedFiles
from .encoding import Chapter, Tags, ffmpeg, gain_filter, loudness_of_inputs, pcm_input, write_id3
from .synthesis import SAMPLE_RATE
from .timeline import Timeline, TimedSentence

ENCODER_DELAY = 576 + 529  # samples of silence before a piece's audio in its decoded frames
MP3_ARGS = ("-c:a", "libmp3lame", "-b:a", "64k", "-ar", str(SAMPLE_RATE))
BITRATE = 64000
PIECE_FORMAT = "mp3-piece-1"  # part of each cached piece's key: change it when encoding changes


@dataclass(frozen=True)
class Recording:
    """The MP3 edition's bytes and where each sentence and chapter is in it (ms)."""

    mp3: bytes
    sentences: tuple[TimedSentence, ...]
    chapters: tuple[Chapter, ...]
    duration_ms: int
    synthesised: int  # sentence parts synthesised in this run (the rest came from the cache)
    encoded: int  # pieces encoded in this run (the rest came from the cache)

    @property
    def seconds(self) -> float:
        return self.duration_ms / 1000


class PieceCache:
    """Encoded pieces on disk: `<key>.mp3` (fsutil.ChecksummedFiles), keyed by the piece's audio
    and how it is encoded. A damaged file is a miss; without a directory nothing is kept."""

    def __init__(self, directory: Path | None):
        self.files = ChecksummedFiles(directory, ".mp3")

    @staticmethod
    def key(pcm: bytes) -> str:
        return hashlib.sha256(PIECE_FORMAT.encode() + b"\0" + " ".join(MP3_ARGS).encode() + b"\0" + pcm).hexdigest()

    def get(self, pcm: bytes) -> bytes | None:
        return self.files.get(self.key(pcm))

    def put(self, pcm: bytes, frames: bytes) -> None:
        self.files.put(self.key(pcm), frames)


def record(timeline: Timeline, tags: Tags, cache: PieceCache) -> Recording:
    """The timeline encoded piece by piece (cached pieces reused), joined, tagged, re-timed."""
    pieces = timeline.pieces()
    found = {index: cache.get(pcm) for index, pcm in enumerate(pieces)}
    missing = [index for index, data in found.items() if data is None]
    for index, data in zip(missing, encode_pieces([pieces[index] for index in missing])):
        cache.put(pieces[index], data)
        found[index] = data
    frames = [found[index] for index in range(len(pieces))]
    samples = [mp3_frame_count(data) * samples_per_frame() for data in frames]
    encoded_starts = [_ms_of_samples(sum(samples[:index])) for index in range(len(samples))]
    place = Placement(timeline.piece_starts_ms(), encoded_starts)
    sentences = tuple(TimedSentence(s.text, place(s.start_ms), place(s.end_ms)) for s in timeline.sentences)
    duration_ms = _ms_of_samples(sum(samples))
    # A chapter begins where its section's first piece begins (in the pause before its first words).
    chapter_starts = [0] + [place.piece_start(chapter.start_ms) for chapter in timeline.chapters[1:]]
    chapters = tuple(Chapter(chapter.title, begin, end) for chapter, begin, end in
                     zip(timeline.chapters, chapter_starts, chapter_starts[1:] + [duration_ms]))
    mp3 = tag_mp3(b"".join(frames), tags, list(chapters))
    return Recording(mp3, sentences, chapters, duration_ms, timeline.synthesised, len(missing))


@dataclass(frozen=True)
class Placement:
    """Where a time in the timeline's PCM is in the joined MP3 (both in ms)."""

    pcm_starts: list[int]  # each piece's start in the PCM
    encoded_starts: list[int]  # each piece's first frame in the MP3

    def _piece(self, pcm_ms: int) -> int:
        return max(bisect.bisect_right(self.pcm_starts, pcm_ms) - 1, 0)

    def __call__(self, pcm_ms: int) -> int:
        """A moment inside a piece: the piece's first frame, its encoder delay, then the same offset."""
        piece = self._piece(pcm_ms)
        return self.encoded_starts[piece] + _ms_of_samples(ENCODER_DELAY) + pcm_ms - self.pcm_starts[piece]

    def piece_start(self, pcm_ms: int) -> int:
        return self.encoded_starts[self._piece(pcm_ms)]


BATCH = 64  # pieces per ffmpeg call (each is an input and an output of the call)


def encode_pieces(pieces: Sequence[bytes]) -> list[bytes]:
    """Each piece on its own: loudness measured, one gain and a limiter, LAME CBR frames (no tag, no
    Xing frame). Two ffmpeg calls for up to `BATCH` pieces (starting ffmpeg costs 0.1 s)."""
    encoded: list[bytes] = []
    for first in range(0, len(pieces), BATCH):
        with tempfile.TemporaryDirectory(prefix="release-pipeline-audio-") as scratch:
            encoded += _encode_batch(pieces[first:first + BATCH], Path(scratch))
    return encoded


def _encode_batch(pieces: Sequence[bytes], scratch: Path) -> list[bytes]:
    inputs: list[str] = []
    for index, pcm in enumerate(pieces):
        (scratch / f"{index}.pcm").write_bytes(pcm)
        inputs += pcm_input(str(scratch / f"{index}.pcm"))
    command = [ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *inputs]
    for index, loudness in enumerate(loudness_of_inputs(inputs, len(pieces))):
        command += ["-map", f"{index}:a", "-af", gain_filter(loudness), "-ac", "1", *MP3_ARGS, "-write_xing", "0",
                    "-id3v2_version", "0", "-map_metadata", "-1", "-f", "mp3", str(scratch / f"{index}.mp3")]
    result = subprocess.run(command, capture_output=True)
    outputs = [scratch / f"{index}.mp3" for index in range(len(pieces))]
    if result.returncode != 0 or not all(path.is_file() and path.stat().st_size for path in outputs):
        message = (result.stderr.decode(errors="replace").strip().splitlines() or ["no output"])[-1]
        raise PipelineError(f"audio: ffmpeg could not encode mp3: {message}")
    return [path.read_bytes() for path in outputs]


def tag_mp3(frames: bytes, tags: Tags, chapters: list[Chapter]) -> bytes:
    """The ID3v2.3 tag (title, artist, chapters …) in front of the frames."""
    with tempfile.TemporaryDirectory(prefix="release-pipeline-audio-") as scratch:
        path = Path(scratch) / "edition.mp3"
        path.write_bytes(frames)
        write_id3(path, tags, chapters)
        return path.read_bytes()


# --- MPEG audio frames -----------------------------------------------------------------------

# Bit rates (kb/s) by index: MPEG-1 Layer III, and MPEG-2/2.5 Layer III.
_BITRATES = {1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
             2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}  # by version bits


def samples_per_frame() -> int:
    return 1152 if SAMPLE_RATE >= 32000 else 576


def mp3_frame_count(data: bytes) -> int:
    """The number of Layer III frames in `data` (frames only: no tag); a broken stream is an error."""
    position = count = 0
    while position + 4 <= len(data):
        header = int.from_bytes(data[position:position + 4], "big")
        version_bits, layer_bits = (header >> 19) & 3, (header >> 17) & 3
        bitrate_index, rate_index = (header >> 12) & 15, (header >> 10) & 3
        if header >> 21 != 0x7FF or layer_bits != 1 or version_bits == 1 or bitrate_index in (0, 15) or rate_index == 3:
            raise PipelineError(f"audio: the encoder wrote something that is not an MP3 frame at byte {position}")
        mpeg1 = version_bits == 3
        bitrate = _BITRATES[1 if mpeg1 else 2][bitrate_index] * 1000
        rate = _SAMPLE_RATES[version_bits][rate_index]
        position += (144 if mpeg1 else 72) * bitrate // rate + ((header >> 9) & 1)
        count += 1
    if position != len(data):
        raise PipelineError("audio: the encoder's last MP3 frame is cut short")
    return count


def _ms_of_samples(samples: int) -> int:
    return round(samples * 1000 / SAMPLE_RATE)
