"""Apertium, Debian's rule-based engine, kept running in each process that translates.

Pairs on these machines: en→es directly (eng-spa), en→fr and en→it through
Catalan (eng-cat, then cat-fra or cat-ita), en→ca. Quality is well below
neural MT, but it is real translation and runs offline.

Apertium marks what it could not handle: `*word` (unknown to the analyser;
`**word` after the pivot through Catalan), `#word` (generation error),
`@word` (transfer error). The marks are kept in the output on purpose: the
stage records each as a QA finding and then strips it (hygiene.py). Only the
placeholders of protected spans are shielded from them.

**Warm pipelines.** Starting a mode costs more than translating a release with
it (cat-fra loads for about 0.5 s; a release's 13 sentences take 30 ms), so each
process keeps one pipeline per mode (`ModePipe`), started on first use, in
Apertium's null-flush mode (`apertium-wblank-mode -z`: every stage answers each
NUL-terminated text at once and stays up). A worker pays the start-up once and
every job it gets afterwards only translates. Apertium's own server,
apertium-apy, keeps pipelines the same way behind HTTP; docs/performance.md says
why it was measured and not used.

**Each text as if alone.** The HMM tagger (`apertium-tagger -g`, Apertium 3.8)
keeps state across texts: the first word whose ambiguity class the model lacks
overwrites the tagger's open class (tagger_utils' `find_similar_ambiguity_class`
assigns through a reference to it), so every later unknown word in the same
process is tagged differently. Translated in one stream, a sentence's
translation depended on the sentences before it: on the other releases of the
batch, and on how the batch was cut into jobs. So the tagger runs as its own
process between the stages before and after it, told to report (`-d`), and is
started afresh after any text that made it report a new ambiguity class (about
3 ms; the other stages keep no state across texts). Every text is translated
exactly as a fresh `apertium MODE` would translate it alone, whatever else the
job holds (tests/translate/test_apertium.py checks it).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import IO, Sequence

from ..errors import PipelineError
from . import EngineSettings

MODES_DIR = Path("/usr/share/apertium/modes")
ROUTES = {
    ("en", "es"): ("eng-spa",),
    ("en", "ca"): ("eng-cat",),
    ("en", "fr"): ("eng-cat", "cat-fra"),
    ("en", "it"): ("eng-cat", "cat-ita"),
    ("es", "en"): ("spa-eng",),
    ("ca", "en"): ("cat-eng",),
    ("fr", "ca"): ("fra-cat",),
    ("it", "ca"): ("ita-cat",),
}
PACKAGES = {"eng-spa": "apertium-eng-spa", "spa-eng": "apertium-eng-spa", "eng-cat": "apertium-eng-cat",
            "cat-eng": "apertium-eng-cat", "cat-fra": "apertium-fra-cat", "fra-cat": "apertium-fra-cat",
            "cat-ita": "apertium-cat-ita", "ita-cat": "apertium-cat-ita"}
# "⟦1⟧’s report": Apertium's English analyser splits the possessive from a placeholder and
# reorders the halves ("informe⟧ del ⟦1"); the possessive is dropped so the name stays whole.
PLACEHOLDER_POSSESSIVE = re.compile(r"(⟦\d+⟧)[’']s(?!\w)")
# A mark stuck to a placeholder ("*⟦1⟧") is the engine not knowing the placeholder, not a word.
MARKED_PLACEHOLDER = re.compile(r"[*#@]+(?=⟦)")
SEPARATOR = "\n\n"  # between texts, for the deformatter and reformatter (one call each per batch)
STREAM_SEPARATOR = "[\n\n]"  # the same blank line in Apertium's stream format (a superblank)
NUL = b"\0"
NEW_CLASS = b"new ambiguity class"  # what `apertium-tagger -d` says when its state is about to change
TAGGER = "apertium-tagger"


class ApertiumEngine:
    name = "apertium"

    def __init__(self, settings: EngineSettings):
        self.settings = settings

    def _route(self, source: str, target: str) -> tuple[str, ...] | None:
        route = ROUTES.get((source, target))
        if route and shutil.which("apertium") and all((MODES_DIR / f"{mode}.mode").exists() for mode in route):
            return route
        return None

    def supports(self, source: str, target: str) -> bool:
        return self._route(source, target) is not None

    def version(self, source: str, target: str) -> str:
        route = self._route(source, target) or ()
        pairs = ", ".join(f"{p} {_debian_version(p)}" for p in dict.fromkeys(PACKAGES[mode] for mode in route))
        return f"apertium {_debian_version('apertium')} ({pairs})"

    def missing(self, source: str, target: str) -> str:
        """What this machine lacks to translate source→target (when `supports` says no), in one line."""
        if not shutil.which("apertium"):
            return "Apertium is not installed (Debian package apertium)"
        absent = [mode for mode in ROUTES.get((source, target), ()) if not (MODES_DIR / f"{mode}.mode").exists()]
        if not absent:
            return f"Apertium has no route for {source}→{target}"
        return ", ".join(f"no Apertium mode {mode} in {MODES_DIR} (Debian package {PACKAGES[mode]})" for mode in absent)

    def warm(self, source: str, target: str) -> None:
        """Start the pair's pipelines now (a worker does it before its first job)."""
        for mode in self._route(source, target) or ():
            mode_pipe(mode)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        route = self._route(source, target)
        if route is None:
            raise PipelineError(f"apertium cannot translate {source}→{target} here")
        # A NUL would end a text early in null-flush mode (ingest refuses control characters anyway).
        current = [PLACEHOLDER_POSSESSIVE.sub(r"\1", text.replace("\n", " ").replace("\0", " ")).strip()
                   for text in texts]
        for mode in route:
            current = reformat(mode_pipe(mode).translate(deformat(current)))
        return [MARKED_PLACEHOLDER.sub("", text).strip() for text in current]


def deformat(texts: Sequence[str]) -> list[str]:
    """Each text in Apertium's stream format (`apertium-destxt`, as `apertium MODE` runs it): one call
    for the batch, split where the blank lines between texts are; a text by itself if that fails."""
    if not texts:
        return []
    pieces = _tool("apertium-destxt", SEPARATOR.join(texts)).split(STREAM_SEPARATOR)
    if len(pieces) != len(texts):  # a text the formatter joined to its neighbour's blank: one by one
        pieces = [_tool("apertium-destxt", text) for text in texts]
    return pieces


def reformat(pieces: Sequence[str]) -> list[str]:
    """The stream format back to text (`apertium-retxt`): one call for the batch, or one per text."""
    if not pieces:
        return []
    texts = _tool("apertium-retxt", STREAM_SEPARATOR.join(pieces)).split(SEPARATOR)
    if len(texts) != len(pieces):
        texts = [_tool("apertium-retxt", piece) for piece in pieces]
    return [text.strip() for text in texts]


def _tool(command: str, text: str) -> str:
    result = subprocess.run([command], input=text, capture_output=True, text=True)
    if result.returncode != 0:
        raise PipelineError(f"{command} failed: {result.stderr.strip()[:200]}")
    return result.stdout


_pipes: dict[str, ModePipe] = {}
_pipes_lock = threading.Lock()


def mode_pipe(mode: str) -> ModePipe:
    """This process's running pipeline for `mode`, started on first use (and again after a failure)."""
    with _pipes_lock:
        pipe = _pipes.get(mode)
        if pipe is None or not pipe.alive():
            if pipe is not None:
                pipe.close()
            pipe = _pipes[mode] = ModePipe(mode)
        return pipe


@atexit.register
def close_pipes() -> None:
    with _pipes_lock:
        for pipe in _pipes.values():
            pipe.close()
        _pipes.clear()


class ModePipe:
    """One mode's stages as three running parts, each in null-flush mode: the stages before the tagger,
    the tagger, the stages after it (a mode without a tagger is one part). A batch streams through
    (a thread writes, a thread carries each text through the tagger, the caller reads), so every
    stage works at once; the tagger is restarted after a text that changed its state."""

    def __init__(self, mode: str):
        self.mode = mode
        script = _null_flush_script(mode)
        stages = [stage.strip() for stage in script.split(" | ")]
        at = next((i for i, stage in enumerate(stages) if _hmm_tagger(stage)), None)
        self._errors = tempfile.TemporaryFile()  # the stages' messages, for a failure's one line
        self._tagger_messages = tempfile.TemporaryFile()
        self._lock = threading.Lock()
        self.restarts = 0  # taggers started afresh (for the tests and the benchmark)
        if at is None:
            self.head, self.tagger_command, self.tail = self._start(" | ".join(stages), self._errors), None, None
            return
        self.tagger_command = stages[at].replace(TAGGER + " ", f"{TAGGER} -d ", 1)
        self.head = self._start(" | ".join(stages[:at]), self._errors)
        self.tagger = self._start(self.tagger_command, self._tagger_messages)
        self.tail = self._start(" | ".join(stages[at + 1:]), self._errors)
        self._spare = self._start_tagger()  # loaded while the other works: a restart waits for nothing

    @staticmethod
    def _start(script: str, errors: IO[bytes]) -> subprocess.Popen:
        # $1 and $2 are the mode files' placeholders for the generator's and tagger's options
        # (`apertium` passes -g, unknown words marked, and nothing).
        return subprocess.Popen(["bash", "-c", script, "apertium", "-g", ""], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=errors, start_new_session=True)

    def alive(self) -> bool:
        return all(p.poll() is None for p in self._processes())

    def _processes(self) -> list[subprocess.Popen]:
        spare = getattr(self, "_spare", None)
        return [p for p in (self.head, getattr(self, "tagger", None), self.tail, spare and spare[0]) if p is not None]

    def translate(self, pieces: Sequence[str]) -> list[str]:
        """Each piece (stream format) through the mode, in order; each as if it were alone."""
        with self._lock:
            try:
                return self._stream(pieces)
            except (OSError, ValueError, PipelineError) as error:
                message = self._last_error() or str(error)
                self.close()
                raise PipelineError(f"apertium {self.mode} failed: {message[:200]}") from None

    def _stream(self, pieces: Sequence[str]) -> list[str]:
        first = self.head
        last = self.tail if self.tail is not None else self.head
        failure: list[BaseException] = []

        def write() -> None:
            try:
                for piece in pieces:
                    first.stdin.write(piece.encode("utf-8") + NUL)
                first.stdin.flush()
            except BaseException as error:  # noqa: BLE001 - handed to the caller
                failure.append(error)
                self._kill()

        def carry() -> None:  # head → tagger (afresh after a text that changed it) → tail
            try:
                for _ in pieces:
                    tagged = self._tag(_read_text(self.head.stdout))
                    self.tail.stdin.write(tagged + NUL)
                    self.tail.stdin.flush()
            except BaseException as error:  # noqa: BLE001
                failure.append(error)
                self._kill()

        threads = [threading.Thread(target=write, daemon=True)]
        if self.tail is not None:
            threads.append(threading.Thread(target=carry, daemon=True))
        for thread in threads:
            thread.start()
        try:
            outputs = [_read_text(last.stdout).decode("utf-8") for _ in pieces]
        except BaseException:
            self._kill()
            raise
        finally:
            for thread in threads:
                thread.join()
        if failure:
            raise failure[0]
        return outputs

    def _tag(self, text: bytes) -> bytes:
        before = os.fstat(self._tagger_messages.fileno()).st_size
        self.tagger.stdin.write(text + NUL)
        self.tagger.stdin.flush()
        tagged = _read_text(self.tagger.stdout)
        # The tagger writes its message before the NUL that ends this text's output, so it is there.
        size = os.fstat(self._tagger_messages.fileno()).st_size
        if size > before and NEW_CLASS in os.pread(self._tagger_messages.fileno(), size - before, before):
            self._restart_tagger()
        return tagged

    def _start_tagger(self) -> tuple[subprocess.Popen, IO[bytes]]:
        messages = tempfile.TemporaryFile()
        return self._start(self.tagger_command, messages), messages

    def _restart_tagger(self) -> None:
        self.tagger.stdin.close()
        self.tagger.wait()
        self.tagger.stdout.close()
        self._tagger_messages.close()
        (self.tagger, self._tagger_messages), self._spare = self._spare, self._start_tagger()
        self.restarts += 1

    def _last_error(self) -> str:
        try:
            self._errors.seek(0)
            lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        except (OSError, ValueError):
            return ""
        return lines[-1] if lines else ""

    def _kill(self) -> None:
        for process in self._processes():
            _kill_group(process)

    def close(self) -> None:
        for process in self._processes():
            try:
                process.stdin.close()
            except OSError:
                pass
        for process in self._processes():
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _kill_group(process)
                process.wait()
            process.stdout.close()
        self._errors.close()
        self._tagger_messages.close()
        if getattr(self, "_spare", None):
            self._spare[1].close()


def _kill_group(process: subprocess.Popen) -> None:
    """A part and every program of it (each part is a process group of its own: `start_new_session`)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _hmm_tagger(stage: str) -> bool:
    """Whether a stage is the HMM tagger (`apertium-tagger -g`), the one that keeps state; the perceptron
    (-x, eng-cat's), unigram (-u) and sliding-window (-w) taggers keep none (checked on the corpus)."""
    words = stage.split()
    if not words or words[0] != TAGGER:
        return False
    flags = "".join(word[1:] for word in words[1:] if word.startswith("-") and not word.startswith("--"))
    return "g" in flags and not set(flags) & set("xuw")


def _read_text(stream: IO[bytes]) -> bytes:
    """Up to the next NUL (which ends a text in null-flush mode); `stream` is a process's buffered stdout."""
    data = bytearray()
    while True:
        chunk = stream.peek(1 << 16)  # waits for output; empty only at the end
        if not chunk:
            raise PipelineError("the pipeline ended before answering")
        end = chunk.find(NUL)
        if end >= 0:
            data += stream.read(end + 1)[:-1]
            return bytes(data)
        data += stream.read(len(chunk))


@lru_cache(maxsize=None)
def _null_flush_script(mode: str) -> str:
    """The mode's stages with every program in null-flush mode, as `apertium -z MODE` runs them."""
    result = subprocess.run(["apertium-wblank-mode", "-z", str(MODES_DIR / f"{mode}.mode")],
                            capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        raise PipelineError(f"apertium-wblank-mode cannot read the {mode} mode: {result.stderr.strip()[:200]}")
    return result.stdout.strip()


@lru_cache(maxsize=None)
def _debian_version(package: str) -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return result.stdout.strip() or "?"
