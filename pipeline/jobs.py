"""The job graph: stages as pure functions, cached by a hash of their inputs.

A `Job` is a call `fn(*args)` where an argument may be another Job, whose
result is passed in. A job's key hashes the function, the pipeline's code and
its arguments (a Job argument contributes its own key), so the whole graph's
keys are known before anything runs: a re-run with nothing changed finds every
key in the cache and runs nothing.

Executors decide where a job runs. `SerialExecutor` runs in this process,
`LocalExecutor` in a pool of worker processes (the default). Both hand back
`concurrent.futures.Future`s, so another executor (a Dask client's `submit`
returns the same kind of object) can be added without touching the runner.
"""

from __future__ import annotations

import concurrent.futures as futures
import hashlib
import multiprocessing
import os
import pickle
import time
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol, Sequence

from .errors import PipelineError
from .fsutil import atomic_write_bytes


@cache
def code_fingerprint() -> str:
    """A hash of the pipeline's own source: changing the code invalidates the cache."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".typ", ".json", ".po", ".csv"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(value: Any) -> str:
    """A stable hash of a job argument: bytes as they are, anything else by repr.

    Arguments are frozen dataclasses, tuples, strings and numbers, whose repr
    is deterministic.
    """
    data = value if isinstance(value, bytes) else repr(value).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, eq=False)
class Job:
    name: str  # what the progress display shows, e.g. "render text fr"
    fn: Callable[..., Any]  # a module-level function, so it pickles to workers
    args: tuple[Any, ...] = ()

    @cached_property
    def key(self) -> str:
        digest = hashlib.sha256()
        digest.update(f"{self.fn.__module__}.{self.fn.__qualname__}\0{code_fingerprint()}".encode())
        for arg in self.args:
            digest.update((arg.key if isinstance(arg, Job) else fingerprint(arg)).encode())
        return digest.hexdigest()

    @property
    def dependencies(self) -> list[Job]:
        return [arg for arg in self.args if isinstance(arg, Job)]


class Cache:
    """Results on disk, one pickle per job key, written atomically."""

    def __init__(self, directory: Path):
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def __contains__(self, key: str) -> bool:
        return self._path(key).exists()

    def load(self, key: str) -> Any:
        with self._path(key).open("rb") as handle:
            return pickle.load(handle)

    def store(self, key: str, value: Any) -> None:
        atomic_write_bytes(self._path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


class Executor(Protocol):
    def submit(self, fn: Callable[..., Any], *args: Any) -> futures.Future: ...
    def close(self) -> None: ...


class SerialExecutor:
    """Runs each job at once, in this process: for one worker, and for debugging."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> futures.Future:
        future: futures.Future = futures.Future()
        try:
            future.set_result(fn(*args))
        except BaseException as error:  # handed to the runner, which re-raises it
            future.set_exception(error)
        return future

    def close(self) -> None:
        pass


class LocalExecutor:
    """A pool of worker processes, started only when there is work.

    Workers come from a fork server, not from a fork of this process: the
    engines (CTranslate2, Typst, espeak) run threads of their own, and a
    process forked while one of them holds a lock would wait on it forever.
    """

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: futures.ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[..., Any], *args: Any) -> futures.Future:
        if self._pool is None:
            self._pool = futures.ProcessPoolExecutor(max_workers=self.workers,
                                                     mp_context=multiprocessing.get_context("forkserver"))
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


# The registry of executors: name → factory(workers).
EXECUTORS: dict[str, Callable[[int], Executor]] = {
    "local": lambda workers: SerialExecutor() if workers == 1 else LocalExecutor(workers),
    "serial": lambda workers: SerialExecutor(),
}


def make_executor(kind: str, workers: int) -> Executor:
    if kind not in EXECUTORS:
        raise PipelineError(f"unknown executor {kind!r} (known: {', '.join(EXECUTORS)})")
    return EXECUTORS[kind](workers or os.cpu_count() or 1)


class Reporter(Protocol):
    def job_done(self, job: Job, seconds: float, done: int, total: int) -> None: ...


@dataclass
class RunStats:
    total: int = 0
    ran: list[str] = field(default_factory=list)
    cached: int = 0
    seconds: float = 0.0


class Runner:
    def __init__(self, cache: Cache, executor: Executor, reporter: Reporter | None = None):
        self.cache = cache
        self.executor = executor
        self.reporter = reporter
        self.stats = RunStats()

    def pending(self, targets: Iterable[Job]) -> list[Job]:
        """The jobs a run of these targets would execute (not yet cached)."""
        return [job for job in walk(targets) if job.key not in self.cache]

    def run(self, targets: Sequence[Job]) -> dict[str, Any]:
        """Run what is not cached, dependencies first, independent jobs in parallel."""
        started = time.perf_counter()
        jobs = walk(targets)
        todo = [job for job in jobs if job.key not in self.cache]
        self.stats.total += len(jobs)
        self.stats.cached += len(jobs) - len(todo)
        results: dict[str, Any] = {}
        to_run = {job.key for job in todo}
        waiting = {job.key: job for job in todo}
        running: dict[futures.Future, tuple[Job, float]] = {}
        done = 0
        while waiting or running:
            for key, job in list(waiting.items()):
                if all(dep.key not in to_run or dep.key in results for dep in job.dependencies):
                    args = [self._value(arg, results) if isinstance(arg, Job) else arg for arg in job.args]
                    running[self.executor.submit(job.fn, *args)] = (job, time.perf_counter())
                    del waiting[key]
            if not running:
                raise RuntimeError("job graph has a cycle")  # cannot happen with keys from arguments
            finished, _ = futures.wait(running, return_when=futures.FIRST_COMPLETED)
            for future in finished:
                job, job_started = running.pop(future)
                results[job.key] = future.result()  # a job's exception ends the run here
                self.cache.store(job.key, results[job.key])
                done += 1
                self.stats.ran.append(job.name)
                if self.reporter:
                    self.reporter.job_done(job, time.perf_counter() - job_started, done, len(todo))
        self.stats.seconds += time.perf_counter() - started
        return {job.key: self._value(job, results) for job in targets}

    def _value(self, job: Job, results: dict[str, Any]) -> Any:
        if job.key not in results:
            results[job.key] = self.cache.load(job.key)
        return results[job.key]


def walk(targets: Iterable[Job]) -> list[Job]:
    """All jobs the targets need, each once, dependencies before dependants."""
    ordered: list[Job] = []
    seen: set[str] = set()

    def visit(job: Job) -> None:
        if job.key in seen:
            return
        seen.add(job.key)
        for dependency in job.dependencies:
            visit(dependency)
        ordered.append(job)

    for target in targets:
        visit(target)
    return ordered
