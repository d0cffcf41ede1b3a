"""From PCM to a published audio file: ffmpeg (Debian) encodes and
normalises loudness; MP3 tags and chapters are written with mutagen.

- MP3 (always): mono, 64 kb/s CBR, encoded paragraph by paragraph
  (audio/recording.py), ID3v2.3 with title, artist (the issuing
  office), album ("Press releases", translated), date, language (TLAN),
  genre Speech, a comment with the release's address, and one chapter per
  section (CHAP frames under a CTOC).
- Opus and M4B (optional): the same tags and chapters through an
  FFMETADATA file.
- Loudness: the integrated loudness (EBU R128) is measured first, then one
  gain brings it to -16 LUFS and a limiter keeps peaks under -1.5 dBFS (no
  clipping). This linear normalisation keeps speech's dynamics and is four
  times faster than ffmpeg's one-pass `loudnorm`, which resamples to 192 kHz
  (docs/benchmarks.md); `dynamic_loudness=True` uses `loudnorm` instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import PipelineError
from .synthesis import SAMPLE_RATE, wav_bytes

TARGET_LUFS = -16.0
PEAK_LIMIT = 10 ** (-1.5 / 20)  # -1.5 dBFS
MAX_GAIN_DB = 30.0
DYNAMIC_LOUDNESS = "loudnorm=I=-16:TP=-1.5:LRA=11"


@dataclass(frozen=True)
class Chapter:
    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str
    album: str
    date: str  # ISO date
    language: str  # ISO 639-2, e.g. "fra"
    comment: str  # the release's address
    genre: str = "Speech"


@dataclass(frozen=True)
class Format:
    name: str  # "mp3", "opus", "m4b"
    extension: str
    media_type: str
    codec_args: tuple[str, ...]
    bitrate: int  # bits per second


FORMATS = {
    "mp3": Format("mp3", "mp3", "audio/mpeg", ("-c:a", "libmp3lame", "-b:a", "64k", "-ar", str(SAMPLE_RATE)), 64000),
    "opus": Format("opus", "opus", "audio/ogg; codecs=opus", ("-c:a", "libopus", "-b:a", "32k", "-ar", "48000"), 32000),
    "m4b": Format("m4b", "m4b", "audio/mp4", ("-c:a", "aac", "-b:a", "64k", "-ar", str(SAMPLE_RATE), "-f", "ipod"), 64000),
}


FFMPEG_MISSING = "audio: ffmpeg is not installed: install the Debian package ffmpeg (make setup does)"


def ffmpeg() -> str:
    """ffmpeg's path (looked up on PATH with `shutil.which`); its absence is one line naming the package.
    Without it the `record <lang>` job fails (after a retry), and the editions made from the recording
    (audio, captions, EPUB) are not run: `jobs.Runner` reports them as `not run: record <lang> failed`."""
    path = shutil.which("ffmpeg")
    if path is None:
        raise PipelineError(FFMPEG_MISSING)
    return path


def pcm_input(source: str) -> list[str]:
    """ffmpeg's arguments for one input of 16-bit mono PCM at SAMPLE_RATE: a file, or "-" for stdin."""
    return ["-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "-i", source]


def loudness_of_inputs(inputs: list[str], count: int, stdin: bytes | None = None) -> list[float]:
    """The EBU R128 integrated loudness (LUFS) of each of ffmpeg's `count` inputs, in one call.

    (pyloudnorm measures the same in process, but importing scipy costs a worker
    1.8 s, more than starting ffmpeg's 0.1 s.)"""
    graph = ";".join(f"[{index}:a]ebur128=framelog=verbose[m{index}]" for index in range(count))
    command = [ffmpeg(), "-hide_banner", "-nostats", "-nostdin", *inputs, "-filter_complex", graph]
    for index in range(count):
        command += ["-map", f"[m{index}]", "-f", "null", "-"]
    result = subprocess.run(command, input=stdin, capture_output=True)
    log = result.stderr.decode(errors="replace")
    # Each filter reports "[Parsed_ebur128_N @ …] Summary: … I: -19.9 LUFS" when it ends, N its place in the graph.
    found = {int(n): float(value) for n, value in
             re.findall(r"Parsed_ebur128_(\d+) @ [^\]]*\] Summary:\s+Integrated loudness:\s+I:\s+(-?\d+(?:\.\d+)?) LUFS", log)}
    if result.returncode != 0 or sorted(found) != list(range(count)):
        raise PipelineError("audio: ffmpeg could not measure the loudness of the recording")
    return [found[index] for index in range(count)]


def integrated_loudness(pcm: bytes) -> float:
    """EBU R128 integrated loudness of 16-bit mono PCM at SAMPLE_RATE, in LUFS."""
    return loudness_of_inputs(pcm_input("-"), 1, pcm)[0]


def gain_filter(loudness: float) -> str:
    """The ffmpeg filter that brings audio of this loudness to TARGET_LUFS: one gain, then a peak limiter."""
    gain = min(TARGET_LUFS - loudness, MAX_GAIN_DB)
    return f"volume={gain:.2f}dB,alimiter=limit={PEAK_LIMIT:.4f}:level=disabled"


def encode(pcm: bytes, fmt: Format, tags: Tags, chapters: list[Chapter], dynamic_loudness: bool = False) -> bytes:
    with tempfile.TemporaryDirectory(prefix="release-pipeline-audio-") as scratch:
        directory = Path(scratch)
        source = directory / "speech.wav"
        source.write_bytes(wav_bytes(pcm))
        target = directory / f"edition.{fmt.extension}"
        command = [ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", str(source)]
        if fmt.name == "mp3":
            command += ["-map_metadata", "-1", "-id3v2_version", "0", "-write_xing", "1"]
        else:
            metadata = directory / "metadata.txt"
            metadata.write_text(ffmetadata(tags, chapters), encoding="utf-8")
            command += ["-i", str(metadata), "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1",
                        "-metadata:s:a:0", f"language={tags.language}"]
        loudness = DYNAMIC_LOUDNESS if dynamic_loudness else gain_filter(integrated_loudness(pcm))
        command += ["-af", loudness, "-ac", "1", *fmt.codec_args, str(target)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0 or not target.exists():
            message = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise PipelineError(f"audio: ffmpeg could not encode {fmt.name}: {message}")
        if fmt.name == "mp3":
            write_id3(target, tags, chapters)
        return target.read_bytes()


def _time_ordered_id3():
    """An ID3 tag that writes its CHAP frames in time order, after the other frames.

    mutagen sorts frames by size when it saves, so the chapters came out in an
    order of their lengths (ffprobe and mpv listed "Contacts" first): players
    list CHAP frames in file order, whatever the CTOC says.
    """
    from mutagen.id3 import ID3
    from mutagen.id3._tags import save_frame  # mutagen's own frame writer (no public name)

    class TimeOrderedID3(ID3):
        def _write(self, config):
            chapters = sorted(self.getall("CHAP"), key=lambda frame: frame.start_time)
            self.delall("CHAP")
            try:
                data = super()._write(config)
            finally:
                for frame in chapters:
                    self.add(frame)
            return data + b"".join(save_frame(frame, config=config) for frame in chapters)

    return TimeOrderedID3()


def write_id3(path: Path, tags: Tags, chapters: list[Chapter]) -> None:
    from mutagen.id3 import CHAP, COMM, CTOC, TALB, TCON, TDRC, TIT2, TLAN, TPE1, CTOCFlags

    id3 = _time_ordered_id3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TLAN(encoding=3, text=tags.language))
    id3.add(TCON(encoding=3, text=tags.genre))
    if tags.comment:
        id3.add(COMM(encoding=3, lang=tags.language, desc="", text=tags.comment))
    ids = [f"chp{index}" for index in range(len(chapters))]
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                 sub_frames=[TIT2(encoding=3, text=tags.title)]))
    for element_id, chapter in zip(ids, sorted(chapters, key=lambda chapter: chapter.start_ms)):
        id3.add(CHAP(element_id=element_id, start_time=chapter.start_ms, end_time=chapter.end_ms,
                     start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                     sub_frames=[TIT2(encoding=3, text=chapter.title)]))
    id3.save(str(path), v2_version=3)


def ffmetadata(tags: Tags, chapters: list[Chapter]) -> str:
    def escape(value: str) -> str:
        return "".join("\\" + c if c in "=;#\\\n" else c for c in value)

    lines = [";FFMETADATA1", f"title={escape(tags.title)}", f"artist={escape(tags.artist)}",
             f"album={escape(tags.album)}", f"date={escape(tags.date)}", f"genre={escape(tags.genre)}",
             f"language={escape(tags.language)}", f"comment={escape(tags.comment)}"]
    for chapter in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={chapter.start_ms}", f"END={chapter.end_ms}",
                  f"title={escape(chapter.title)}"]
    return "\n".join(lines) + "\n"
