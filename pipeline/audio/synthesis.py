"""Speech synthesis with pyttsx3 (eSpeak NG through libespeak-ng), one engine per process.

pyttsx3 has two reproduced faults on Linux (../shared/docs/FIELD-NOTES.md):
the first `runAndWait()` after `init()` returns before the WAV exists, and
now and then a WAV comes out empty when the voice or rate was changed just
before (espeak's queue is still busy and the driver cancels the text). So:
one engine per process, warmed up once; per utterance set the properties,
drain espeak's queue, save, run, wait for the end of the utterance, drain
again, and check the frames; retry, and fail loudly if it still fails. An
edition is never built from a silent or empty recording.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import time
import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import PipelineError

SAMPLE_RATE = 22050  # what espeak writes: mono, 16-bit
ATTEMPTS = 4
MIN_SECONDS_PER_WORD = 0.08  # far below any speech rate: less means the text was cut


@dataclass(frozen=True)
class VoiceSettings:
    voice: str  # an espeak-ng voice id, e.g. "roa/fr"
    words_per_minute: int


class SpeechEngine:
    def __init__(self) -> None:
        try:
            import pyttsx3
            from pyttsx3.drivers import _espeak
        except (ImportError, OSError, RuntimeError) as error:  # no libespeak-ng
            raise PipelineError(f"speech: pyttsx3 cannot load eSpeak NG ({error}); install the Debian "
                                "packages espeak-ng and libespeak-ng1 (`make setup` does)") from None
        self._espeak = _espeak
        with _scratch_pulse_runtime():
            self.engine = pyttsx3.init("espeak")
        self.voices = {voice.id for voice in self.engine.getProperty("voices")}
        self._finished: list[bool] = []
        self.engine.connect("finished-utterance", lambda name, completed: self._finished.append(completed))
        self.engine.say("")
        self.engine.runAndWait()  # the first run returns early; spend it on nothing
        self.version = engine_version()

    def synthesise(self, text: str, settings: VoiceSettings) -> bytes:
        """16-bit mono PCM at SAMPLE_RATE of `text`, or PipelineError."""
        if settings.voice not in self.voices:
            raise PipelineError(f"speech: eSpeak NG has no voice {settings.voice!r} (see the language table)")
        # A folder per call, removed however the call ends (issue 14: the engine's one
        # mkdtemp lived as long as the process and was never removed).
        with tempfile.TemporaryDirectory(prefix="release-pipeline-speech-") as directory:
            return self._synthesise(text, settings, Path(directory) / "utterance.wav")

    def _synthesise(self, text: str, settings: VoiceSettings, path: Path) -> bytes:
        words = len(text.split())
        for attempt in range(1, ATTEMPTS + 1):
            path.unlink(missing_ok=True)
            self._finished.clear()
            self.engine.setProperty("voice", settings.voice)
            self.engine.setProperty("rate", settings.words_per_minute)
            self._espeak.Synchronize()
            with contextlib.redirect_stdout(io.StringIO()):  # the driver prints "Audio saved to …"
                self.engine.save_to_file(text, str(path))
                self.engine.runAndWait()
                self._wait_for_end()
                self._espeak.Synchronize()
            frames = _read_frames(path)
            if frames is not None and len(frames) / 2 / SAMPLE_RATE >= MIN_SECONDS_PER_WORD * words:
                return frames
            time.sleep(0.05 * attempt)
        raise PipelineError(f"speech: eSpeak NG gave no audio for {text[:60]!r} after {ATTEMPTS} attempts")

    def _wait_for_end(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not self._finished and time.monotonic() < deadline:
            time.sleep(0.005)


@cache
def engine_version() -> str:
    """ "pyttsx3 2.99, eSpeak NG 1.51": part of every cached sentence's key; needs no engine."""
    try:
        from pyttsx3.drivers import _espeak
    except (ImportError, OSError, RuntimeError):
        return f"pyttsx3 {_package_version('pyttsx3')}, eSpeak NG ?"
    return f"pyttsx3 {_package_version('pyttsx3')}, eSpeak NG {_espeak_version(_espeak)}"


@cache
def speech_engine() -> SpeechEngine:
    """The process's one engine (workers each get their own)."""
    return SpeechEngine()


def silence(seconds: float) -> bytes:
    return b"\0\0" * int(SAMPLE_RATE * seconds)


def wav_bytes(pcm: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as stream:
        stream.setnchannels(1)
        stream.setsampwidth(2)
        stream.setframerate(SAMPLE_RATE)
        stream.writeframes(pcm)
    return out.getvalue()


@contextlib.contextmanager
def _scratch_pulse_runtime():
    """libespeak-ng opens a PulseAudio client at start-up, even when it only writes files, and
    that client leaves a `pulse-*` folder in the temp directory; give it a folder we remove."""
    previous = os.environ.get("PULSE_RUNTIME_PATH")
    with tempfile.TemporaryDirectory(prefix="release-pipeline-pulse-") as directory:
        os.environ["PULSE_RUNTIME_PATH"] = directory
        try:
            yield
        finally:
            if previous is None:
                del os.environ["PULSE_RUNTIME_PATH"]
            else:
                os.environ["PULSE_RUNTIME_PATH"] = previous


def _read_frames(path: Path) -> bytes | None:
    try:
        with wave.open(str(path), "rb") as stream:
            if (stream.getnchannels(), stream.getsampwidth(), stream.getframerate()) != (1, 2, SAMPLE_RATE):
                return None
            return stream.readframes(stream.getnframes())
    except (FileNotFoundError, EOFError, wave.Error):
        return None


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _espeak_version(espeak) -> str:
    try:
        info = espeak.Info()
        return info.decode() if isinstance(info, bytes) else str(info)
    except Exception:  # an older driver without Info()
        return "?"
