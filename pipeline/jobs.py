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

A `Job[T]` is typed by what its function returns, and so is its result:
`Runner.run` returns `Results`, where `results[job]` is a `T`. A long job
says how far it is with `progress(done, total, unit)`, which calls the
callback its call was given (`call_job`): the runner's `ProgressFile`.

Small jobs travel together: jobs that share a `group` (the localise job of a
release in one language and its quick editions) go to a worker as one task
(`call_group`), so that a back catalogue's thousands of 20 ms jobs do not each
pay a round trip to a worker or a Dask scheduler; each job keeps its own key,
cache entry, retry and failure. Results are written to the cache by a few
threads beside the runner, not between two submissions.

Executors start their workers when there is work and can `warm` them (every
worker starts its engines before its first job) and `check_workers` (what a
worker lacks of what the jobs will read: one line per worker, before any job).

The module is long because these parts are one mechanism: keys, cache,
executors (with their worker-process care), progress and the runner that
ties them together read best side by side.
"""

from __future__ import annotations

import collections
import concurrent.futures as futures
import contextvars
import hashlib
import inspect
import json
import multiprocessing
import os
import pickle
import select
import threading
import time
from dataclasses import dataclass, field
from functools import cache, cached_property
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, Iterator, Mapping, Protocol, Sequence, TypeVar, overload

from .errors import PipelineError
from .fsutil import ChecksummedFiles, DamagedEntry, atomic_write_bytes


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


T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Job(Generic[T]):
    name: str  # what the progress display shows, e.g. "render text fr"
    fn: Callable[..., T]  # a module-level function, so it pickles to workers
    args: tuple[Any, ...] = ()
    # Jobs of one group that are to run go to a worker as one task (`call_group`): small jobs whose
    # scheduling would cost more than their work. Not part of the key: grouping changes no result.
    group: str = ""

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

    def inputs(self) -> dict[str, str]:
        """Each argument's fingerprint by parameter name (a job argument by its key): what `status`
        compares with the last run's to say why a job is stale."""
        names = list(inspect.signature(self.fn).parameters)
        return {names[i] if i < len(names) else f"argument {i + 1}": arg.key if isinstance(arg, Job) else fingerprint(arg)
                for i, arg in enumerate(self.args)}


def record_inputs(path: Path, jobs: Iterable[Job]) -> None:
    """Remember each job's key and inputs by name (after a run), for `why_stale`."""
    record = {job.name: {"key": job.key, "inputs": job.inputs()} for job in walk(jobs)}
    atomic_write_bytes(path, json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))


def why_stale(job: Job, path: Path) -> str:
    """Why a job must run again, from the inputs recorded by the last run: "settings changed" …"""
    try:
        previous = json.loads(path.read_text(encoding="utf-8")).get(job.name)
    except (OSError, ValueError):
        previous = None
    if previous is None:
        return "not built before"
    changed = [name for name, value in job.inputs().items() if previous["inputs"].get(name) != value]
    if changed:
        return ", ".join(changed) + " changed"
    return "the pipeline's code changed" if previous["key"] != job.key else "its cached result is missing"


class Cache:
    """Results on disk, one pickle per job key (`<key[:2]>/<key>.pickle`), in checksummed files
    (fsutil.ChecksummedFiles, durable: synced, written atomically).

    A damaged entry (a truncated file, a disk error) is found before it is used: it counts as a
    miss, is removed, and the job runs again. A `read_only` cache (`status`) only reports it, in
    `healed`, and removes nothing.
    """

    def __init__(self, directory: Path, read_only: bool = False):
        self.directory = directory
        self.read_only = read_only
        self.files = ChecksummedFiles(directory, ".pickle", sharded=True, durable=True)
        self.healed: list[str] = []  # keys of damaged entries found (and, unless read_only, removed) by this process
        self._intact: set[str] = set()  # entries this process read and checked (or wrote) already

    def __contains__(self, key: str) -> bool:
        """True when the entry exists and is intact; a damaged one is removed.

        `pending` and `run` both ask for every job: an entry is read and hashed once, then only
        its existence is looked at (an MP3's entry is megabytes)."""
        if key in self._intact:
            return self.files.exists(key)
        return self._read(key) is not None

    def load(self, key: str) -> Any:
        payload = self._read(key)
        if payload is None:
            raise KeyError(key)
        return pickle.loads(payload)

    def store(self, key: str, value: Any) -> None:
        self.files.put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self._intact.add(key)

    def _read(self, key: str) -> bytes | None:
        try:
            payload = self.files.read(key)
        except DamagedEntry:
            if not self.read_only:
                self.files.remove(key)
            self._intact.discard(key)
            if key not in self.healed:
                self.healed.append(key)
            return None
        if payload is not None:
            self._intact.add(key)
        return payload


class Executor(Protocol):
    workers: int  # how many jobs run at once; 0 when the cluster says (a scheduler's address)

    def submit(self, fn: Callable[..., Any], *args: Any) -> futures.Future: ...

    def retry(self, fn: Callable[..., Any], *args: Any) -> futures.Future:
        """Run a job again, in a fresh worker of its own (after a failure or a worker's death)."""
        ...

    def warm(self, setup: Callable[..., Any], *args: Any) -> None:
        """Have every worker call `setup(*args)` before its first job (start its engines), starting the
        workers now if there are none yet, so that they get ready while this process still plans."""
        ...

    def check_workers(self, checks: Sequence[Check]) -> dict[str, list[str]]:
        """What each worker lacks of what the jobs will read (each runs `checks` on itself, `run_checks`):
        worker → problems, one line each; empty when every worker has everything. The local executors'
        workers share this process's machine and home, so they report nothing: a job's own error says
        what it lacks."""
        ...

    def close(self) -> None: ...


# A check a worker runs on itself before any job (`Executor.check_workers`): a module-level function
# and its arguments, returning what is missing in one line ("the fonts folder /x does not exist"), or None.
Check = tuple[Callable[..., "str | None"], tuple[Any, ...]]


def run_checks(checks: Sequence[Check]) -> tuple[str, list[str]]:
    """In a worker: (its host name, the problems its checks found)."""
    import socket

    problems = []
    for check, args in checks:
        try:
            problem = check(*args)
        except Exception as error:  # noqa: BLE001 - a check that cannot run is itself the problem
            problem = str(error) if isinstance(error, PipelineError) else describe(error)
        if problem and problem not in problems:
            problems.append(problem)
    return socket.gethostname(), problems


def _call_setups(setups: Sequence[tuple[Callable[..., Any], tuple[Any, ...]]]) -> None:
    """A worker's warm-up: best effort (a worker that cannot warm an engine says so in its job)."""
    for setup, args in setups:
        try:
            setup(*args)
        except Exception:  # noqa: BLE001 - the job that needs it reports the error in one line
            pass


class SerialExecutor:
    """Runs each job at once, in this process: for one worker, and for debugging."""

    workers = 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> futures.Future:
        future: futures.Future = futures.Future()
        try:
            future.set_result(fn(*args))
        except Exception as error:  # handed to the runner, which reports it
            future.set_exception(error)
        return future

    retry = submit

    def warm(self, setup: Callable[..., Any], *args: Any) -> None:
        _call_setups([(setup, args)])  # this process is the worker: engines start loading now

    def check_workers(self, checks: Sequence[Check]) -> dict[str, list[str]]:
        return {}

    def close(self) -> None:
        pass


class LocalExecutor:
    """A pool of worker processes, started only when there is work (or when asked to `warm`).

    Workers come from a fork server, not from a fork of this process: the
    engines (CTranslate2, Typst, espeak) run threads of their own, and a
    process forked while one of them holds a lock would wait on it forever.
    Each worker exits when the main process is gone, so that a killed run
    leaves no orphans. A worker that crashes breaks its pool:
    the runner then retries the affected jobs with `retry`, each in a
    one-worker pool of its own, and a fresh pool serves the rest.
    """

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: futures.ProcessPoolExecutor | None = None
        self._retries: list[futures.ProcessPoolExecutor] = []
        self._setups: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def submit(self, fn: Callable[..., Any], *args: Any) -> futures.Future:
        return self._live_pool().submit(fn, *args)

    def _live_pool(self) -> futures.ProcessPoolExecutor:
        if self._pool is None or getattr(self._pool, "_broken", False):
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = _process_pool(self.workers, self._setups)
        return self._pool

    def retry(self, fn: Callable[..., Any], *args: Any) -> futures.Future:
        pool = _process_pool(1, self._setups)
        self._retries.append(pool)
        return pool.submit(fn, *args)

    def warm(self, setup: Callable[..., Any], *args: Any) -> None:
        started = self._pool is not None
        self._setups.append((setup, args))
        pool = self._live_pool()
        if started:  # running workers take it as a task (a new one runs it when it starts)
            for _ in range(self.workers):
                pool.submit(_call_setups, [(setup, args)])
        else:  # one task per worker makes the pool start all of them now, each warming as it starts
            for _ in range(self.workers):
                pool.submit(int)

    def check_workers(self, checks: Sequence[Check]) -> dict[str, list[str]]:
        return {}

    def close(self) -> None:
        for pool in [self._pool, *self._retries]:
            if pool is not None:
                pool.shutdown(wait=not getattr(pool, "_broken", False), cancel_futures=True)
        self._pool, self._retries = None, []


def _process_pool(workers: int, setups: Sequence[tuple[Callable[..., Any], tuple[Any, ...]]] = ()
                  ) -> futures.ProcessPoolExecutor:
    return futures.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"),
                                       initializer=start_worker, initargs=(os.getpid(), tuple(setups)))


def start_worker(main_pid: int, setups: Sequence[tuple[Callable[..., Any], tuple[Any, ...]]] = ()) -> None:
    """A pool worker's start: watch the main process, then warm up (`LocalExecutor.warm`)."""
    die_with_main_process(main_pid)
    _call_setups(setups)


def die_with_main_process(main_pid: int) -> None:
    """In a worker: exit as soon as the run's main process is gone.

    Workers are children of the fork server, not of the main process, and
    each holds the pipe that keeps the fork server (and the resource tracker)
    alive; so after a SIGKILL of the main process nothing would ever end
    them. A watcher thread waits on a pidfd of the main process (Linux 5.3+;
    it becomes readable when that process ends) or, where there is none,
    polls it twice a second.
    """
    threading.Thread(target=_watch, args=(main_pid,), name="watch-main-process", daemon=True).start()


def _watch(main_pid: int) -> None:
    try:
        pidfd = os.pidfd_open(main_pid)
    except (AttributeError, OSError):
        while _process_exists(main_pid):
            time.sleep(0.5)
    else:
        select.select([pidfd], [], [])
    os._exit(1)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


class DaskExecutor:
    """The same jobs on a Dask cluster (`distributed`): a `LocalCluster` on this machine, or a
    scheduler's address. No scheduler of our own: the Runner hands each job to the cluster when
    its dependencies are done, through distributed's `concurrent.futures` interface. Each worker
    process keeps its engines (`make_engine`'s cache, Apertium's running pipelines), so a model or
    a pipeline loads once per worker. Results come back to this process, which alone writes the
    cache, the catalogs and outputs/. The workers need the same pipeline version, and what the jobs
    read at the same paths (the models folder, the fonts, a logo) or in their own home (Argos's
    default models folder): `check_workers` names what a worker lacks before any job runs.

    Connecting (and starting a `LocalCluster`: a second or more) happens in a thread while this
    process merges the catalogs; closing too, while it publishes (`join_closing` waits for it).
    """

    def __init__(self, workers: int, address: str | None = None):
        self.workers = 0 if address else workers
        self._address = address
        self._client: Any = None
        self._cluster: Any = None
        self._problem: BaseException | None = None
        self._setups: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []
        self._warming: list[Any] = []
        self._lock = threading.Lock()
        self._connecting = threading.Thread(target=self._connect, args=(workers,), name="dask-connect", daemon=True)
        self._connecting.start()

    def _connect(self, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster  # imported only when a Dask executor is asked for

            if self._address is None:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
            try:
                self._client = Client(self._address or self._cluster, timeout="20s")
            except OSError as error:
                raise PipelineError(f"cannot reach the Dask scheduler at {self._address}: {error}") from None
            self._executor = self._client.get_executor(pure=False)
            with self._lock:
                setups, self._setups = self._setups, []
            for setup, args in setups:
                self._warm_now(setup, args)
        except BaseException as error:  # noqa: BLE001 - raised where the executor is first used
            self._problem = error
            if self._cluster is not None:
                self._cluster.close()

    def _ready(self) -> Any:
        self._connecting.join()
        if self._problem is not None:
            raise self._problem
        return self._client

    def submit(self, fn: Callable[..., Any], *args: Any) -> futures.Future:
        self._ready()
        return self._executor.submit(fn, *args)

    retry = submit  # the scheduler places it again, on a live worker

    def warm(self, setup: Callable[..., Any], *args: Any) -> None:
        with self._lock:
            if self._client is None:  # still connecting: warmed as soon as the cluster is there
                self._setups.append((setup, args))
                return
        self._warm_now(setup, args)

    def _warm_now(self, setup: Callable[..., Any], args: tuple[Any, ...]) -> None:
        # A task on each worker there is now (one that joins later starts its engines in its first job);
        # kept, so that the scheduler does not forget them before they run.
        for address in self._client.scheduler_info()["workers"]:
            self._warming.append(self._client.submit(_call_setups, [(setup, args)], workers=[address],
                                                     allow_other_workers=False, pure=False))

    def check_workers(self, checks: Sequence[Check]) -> dict[str, list[str]]:
        answers = self._ready().run(run_checks, list(checks))
        return {f"worker {address} ({host})": problems for address, (host, problems) in sorted(answers.items())
                if problems}

    def close(self) -> None:
        """Close the client (and the LocalCluster) in the background; the process waits for it at exit."""
        self._connecting.join()
        if self._client is None:
            return
        client, cluster, self._client = self._client, self._cluster, None
        client.cancel(self._warming)
        closing = threading.Thread(target=_close_dask, args=(client, cluster), name="dask-close")
        closing.start()
        _CLOSING.append(closing)


_CLOSING: list[threading.Thread] = []  # Dask clients and clusters being closed (non-daemon: exit waits)


def _close_dask(client: Any, cluster: Any) -> None:
    client.close()
    if cluster is not None:
        cluster.close()


def join_closing() -> None:
    """Wait until every Dask executor closed in the background is closed (tests, benchmarks)."""
    while _CLOSING:
        _CLOSING.pop().join()


# The registry of executors: name → factory(workers). `dask://HOST:PORT` names a running scheduler.
EXECUTORS: dict[str, Callable[[int], Executor]] = {
    "local": lambda workers: SerialExecutor() if workers == 1 else LocalExecutor(workers),
    "serial": lambda workers: SerialExecutor(),
    "dask-local": lambda workers: DaskExecutor(workers),
}
DASK_ADDRESS = "dask://"


def known_executor(kind: str) -> bool:
    return kind in EXECUTORS or (kind.startswith(DASK_ADDRESS) and len(kind) > len(DASK_ADDRESS))


def make_executor(kind: str, workers: int) -> Executor:
    if kind.startswith(DASK_ADDRESS):
        return DaskExecutor(workers, "tcp://" + kind.removeprefix(DASK_ADDRESS))
    if kind not in EXECUTORS:
        raise PipelineError(f"unknown executor {kind!r} (known: {', '.join(EXECUTORS)}, {DASK_ADDRESS}HOST:PORT)")
    return EXECUTORS[kind](workers or os.cpu_count() or 1)


class Reporter(Protocol):
    """Where the pipeline reports while it works (the command line's is console.Console)."""

    def progress(self, message: str) -> None: ...

    def job_done(self, job: Job, seconds: float, done: int, total: int) -> None: ...

    def working(self, running: Sequence[str]) -> None:
        """Called about every `TICK` seconds while jobs run: "render audio fr (112 of 240 sentences)"."""


@dataclass(frozen=True)
class JobFailure:
    """A job that failed twice (or whose dependency failed), in words for one line."""

    job: Job
    reason: str  # "worker process died", "ValueError: …", "not run: translate fr failed"
    detail: str = ""  # the traceback, for --debug


class JobsFailed(Exception):
    def __init__(self, failures: Sequence[JobFailure]):
        self.failures = tuple(failures)
        super().__init__("; ".join(f"{f.job.name}: {f.reason}" for f in failures))


@dataclass
class RunStats:
    total: int = 0
    ran: list[str] = field(default_factory=list)
    cached: int = 0
    seconds: float = 0.0
    retried: list[str] = field(default_factory=list)


TICK = 1.0  # seconds between the runner's looks at running jobs (`Reporter.working`)
PROGRESS_EVERY = 0.5  # a job writes its progress file at most this often (seconds)

Progress = Callable[[float, float, str], None]  # (done, total, unit): how far a running job is
_progress: contextvars.ContextVar[Progress | None] = contextvars.ContextVar("progress", default=None)


def call_job(report: Progress, fn: Callable[..., T], *args: Any) -> T:
    """What an executor runs: `fn(*args)`, with `report` as what `progress` calls meanwhile."""
    token = _progress.set(report)
    try:
        return fn(*args)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:
        wrapped = picklable(error)
        if wrapped is error:
            raise
        raise wrapped from None
    finally:
        _progress.reset(token)


def picklable(error: BaseException) -> Exception:
    """`error` if it is an `Exception` that survives pickling (a worker sends it back so), else a
    `PipelineError` with its type and first line: an exception that does not pickle (pyo3's
    `PanicException` from Typst) would otherwise reach the user as a `PicklingError` and a backtrace."""
    if isinstance(error, Exception):
        try:
            pickle.loads(pickle.dumps(error))
        except Exception:  # noqa: BLE001 - whatever stops it from travelling back
            pass
        else:
            return error
    return PipelineError(describe(error))


@dataclass(frozen=True)
class Member:
    """In the calls of a group task: the result of the group's call at this index."""

    index: int


def call_group(calls: Sequence[tuple[Progress, Callable[..., Any], tuple[Any, ...]]]) -> list[tuple[bool, Any]]:
    """What an executor runs for a group of jobs (`Job.group`): each call in order, a `Member(i)`
    argument being the result of call i. Each gives (True, result), (False, error), or (False, None)
    when it did not run because a call it needs failed: the runner retries the failed one alone."""
    outcomes: list[tuple[bool, Any]] = []
    for report, fn, args in calls:
        if any(isinstance(arg, Member) and not outcomes[arg.index][0] for arg in args):
            outcomes.append((False, None))
            continue
        values = [outcomes[arg.index][1] if isinstance(arg, Member) else arg for arg in args]
        try:
            outcomes.append((True, call_job(report, fn, *values)))
        except Exception as error:  # noqa: BLE001 - call_job made it picklable; the runner reports it
            outcomes.append((False, error))
    return outcomes


def progress(done: float, total: float, unit: str) -> None:
    """Called from inside a long job (synthesis, translation): how far it is, for the runner to show.

    Goes to the callback the job's call was given (`call_job`); a no-op outside a run."""
    report = _progress.get()
    if report is not None:
        report(done, total, unit)


@dataclass(frozen=True)
class ProgressFile:
    """One running job's progress callback: a small file, replaced whole, that the runner reads.

    Jobs run in other processes (a fork-server pool, Dask workers), so the callback travels with
    the call (it pickles) and writes where the runner looks. A file per job, rather than a
    multiprocessing queue: a worker that crashes (the runner retries its job) can leave a queue's
    lock held and stall the other workers' reports; a file it leaves behind is only read once more.
    """

    path: Path

    def __call__(self, done: float, total: float, unit: str) -> None:
        try:  # a job may report per segment: thousands of calls, a few writes
            if done < total and time.time() - self.path.stat().st_mtime < PROGRESS_EVERY:
                return
        except FileNotFoundError:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # Replaced whole (the runner never reads half a file), not synced: it is gone when the job ends.
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps([done, total, unit]))
        os.replace(temporary, self.path)

    def read(self) -> str:
        """What the runner shows after the job's name: " (112 of 240 sentences)"; "" before its first report."""
        try:
            done, total, unit = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return ""
        return f" ({done:.0f} of {total:.0f} {unit})"

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


class Results(Mapping[str, Any]):
    """What `Runner.run` returns: the result of each target that succeeded, by its key;
    `results[job]` is typed by the job (a `Job[Rendered]` gives a `Rendered`)."""

    def __init__(self, values: Mapping[str, Any]):
        self._values = dict(values)

    @overload
    def __getitem__(self, item: Job[T]) -> T: ...

    @overload
    def __getitem__(self, item: str) -> Any: ...

    def __getitem__(self, item):
        return self._values[item.key if isinstance(item, Job) else item]

    def __contains__(self, item: object) -> bool:
        return (item.key if isinstance(item, Job) else item) in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class Runner:
    """Runs a job graph on an executor, caching each result by its key.

    A job that fails (an exception, or the death of its worker process) is
    retried once in a fresh worker; if it fails again, it and everything that
    depends on it are recorded in `failures`, and the other jobs go on. Jobs
    of one group go to a worker as one task; a failure in it sends its jobs
    back one by one. Results are written to the cache by `WRITERS` threads,
    all written before `run` returns.
    """

    WRITERS = 4  # threads writing finished results to the cache (each file synced: mostly waiting)

    def __init__(self, cache: Cache, executor: Executor, reporter: Reporter | None = None):
        self.cache = cache
        self.executor = executor
        self.reporter = reporter
        self.stats = RunStats()
        self.failures: list[JobFailure] = []
        self.progress_dir = cache.directory.parent / "progress"  # running jobs' ProgressFiles

    def pending(self, targets: Iterable[Job]) -> list[Job]:
        """The jobs a run of these targets would execute (not yet cached)."""
        return [job for job in walk(targets) if job.key not in self.cache]

    def run(self, targets: Sequence[Job], keep_going: bool = False) -> Results:
        """Run what is not cached, dependencies first, independent jobs in parallel.

        Returns the result of every target that succeeded. A failure raises
        `JobsFailed` once all that could run has run; with `keep_going` the
        failures are only recorded in `self.failures`.
        """
        started = time.perf_counter()
        jobs = walk(targets)
        todo = [job for job in jobs if job.key not in self.cache]
        self.stats.total += len(jobs)
        self.stats.cached += len(jobs) - len(todo)
        state = _RunState(self, todo)
        with futures.ThreadPoolExecutor(self.WRITERS, thread_name_prefix="cache-writer") as writers:
            writes = [writers.submit(self.cache.store, key, value) for key, value in state.execute()]
        for write in writes:
            write.result()  # a write error (a full disk) is the run's error, as before
        self.stats.seconds += time.perf_counter() - started
        failed = state.failed
        self.failures += failed.values()
        if failed and not keep_going:
            raise JobsFailed(list(failed.values()))
        return Results({job.key: self._value(job, state.results) for job in targets if job.key not in failed})

    def _progress(self, job: Job) -> ProgressFile:
        return ProgressFile(self.progress_dir / job.key)

    def _value(self, job: Job, results: dict[str, Any]) -> Any:
        if job.key not in results:
            results[job.key] = self.cache.load(job.key)
        return results[job.key]


class _RunState:
    """One `Runner.run`: the jobs to run as units (one job, or a group's jobs as one task), what each
    unit waits for, and what is running. Private to the runner; `execute` yields each finished
    job's (key, result) for the cache writers."""

    def __init__(self, runner: Runner, todo: Sequence[Job]):
        self.runner = runner
        self.todo = todo
        self.jobs = {job.key: job for job in todo}
        self.results: dict[str, Any] = {}
        self.failed: dict[str, JobFailure] = {}
        self.attempts: dict[str, int] = {}
        self.units: dict[int, tuple[Job, ...]] = {}
        self.unmet: dict[int, set[str]] = {}  # unit → keys it needs from outside it, not yet done
        self.dependants: dict[str, list[int]] = {}  # key → units waiting on it
        self.ready: collections.deque[int] = collections.deque()
        # Tasks handed to the executor at once: enough to keep every worker busy, few enough that
        # waiting on them stays cheap (a back catalogue has tens of thousands of tasks).
        workers = getattr(runner.executor, "workers", 0)
        self.window = max(8, 4 * workers) if workers else 256
        self.running: dict[futures.Future, tuple[int, float]] = {}  # → (unit, started)
        self.done = 0
        self._next = 0
        for members in _units(todo):
            self._add(members)

    def _add(self, members: tuple[Job, ...]) -> None:
        unit, self._next = self._next, self._next + 1
        inside = {job.key for job in members}
        needs = {dep.key for job in members for dep in job.dependencies
                 if dep.key in self.jobs and dep.key not in self.results and dep.key not in inside}
        self.units[unit], self.unmet[unit] = members, needs
        for key in needs:
            self.dependants.setdefault(key, []).append(unit)
        if not needs:
            self.ready.append(unit)

    def execute(self) -> Iterator[tuple[str, Any]]:
        runner, last_look = self.runner, time.perf_counter()
        while self.ready or self.running:
            while self.ready and len(self.running) < self.window:
                unit = self.ready.popleft()
                self.running[self._submit(self.units[unit])] = (unit, time.perf_counter())
            if not self.running:
                break  # everything left waits on a failed job
            finished, _ = futures.wait(self.running, timeout=TICK, return_when=futures.FIRST_COMPLETED)
            if runner.reporter and self.running and time.perf_counter() - last_look >= TICK:
                last_look = time.perf_counter()
                runner.reporter.working(sorted(job.name + runner._progress(job).read()
                                               for unit, _ in self.running.values() for job in self.units[unit]))
            for future in finished:
                yield from self._finish(future)
        for key, job in self.jobs.items():
            if key not in self.results and key not in self.failed:
                cause = next(dep for dep in walk(job.dependencies) if dep.key in self.failed)
                self.failed[key] = JobFailure(job, f"not run: {cause.name} failed")

    def _submit(self, members: tuple[Job, ...]) -> futures.Future:
        runner = self.runner
        for job in members:
            self.attempts[job.key] = self.attempts.get(job.key, 0) + 1
        if len(members) == 1:
            (job,) = members
            send = runner.executor.retry if self.attempts[job.key] > 1 else runner.executor.submit
            return send(call_job, runner._progress(job), job.fn, *self._arguments(job, {}))
        index = {job.key: i for i, job in enumerate(members)}
        calls = [(runner._progress(job), job.fn, tuple(self._arguments(job, index))) for job in members]
        return runner.executor.submit(call_group, calls)

    def _arguments(self, job: Job, members: Mapping[str, int]) -> list[Any]:
        return [Member(members[arg.key]) if isinstance(arg, Job) and arg.key in members
                else self.runner._value(arg, self.results) if isinstance(arg, Job) else arg for arg in job.args]

    def _finish(self, future: futures.Future) -> Iterator[tuple[str, Any]]:
        unit, started = self.running.pop(future)
        members = self.units.pop(unit)
        try:
            value = future.result()
        except Exception as error:  # noqa: BLE001 - the task failed as a whole (its worker died …)
            outcomes: list[tuple[bool, Any]] = [(False, error)] * len(members)
        else:
            outcomes = value if len(members) > 1 else [(True, value)]
        again = []
        for job, (ok, value) in zip(members, outcomes):
            if ok:
                yield job.key, value
                self._succeeded(job, value, started)
            elif value is None:  # not run: a job of its group it needs failed; it goes again alone
                self.attempts[job.key] -= 1
                again.append(job)
            elif self.attempts[job.key] < 2:
                self.runner.stats.retried.append(job.name)
                again.append(job)
            else:
                self.failed[job.key] = JobFailure(job, describe(value), _traceback(value))
        for job in again:  # alone now: a retried job runs in a fresh worker
            self._add((job,))

    def _succeeded(self, job: Job, value: Any, started: float) -> None:
        runner = self.runner
        self.results[job.key] = value
        runner._progress(job).remove()
        for unit in self.dependants.pop(job.key, ()):
            if unit in self.unmet:
                self.unmet[unit].discard(job.key)
                if not self.unmet[unit] and unit in self.units:
                    self.ready.append(unit)
        self.done += 1
        runner.stats.ran.append(job.name)
        if runner.reporter:
            runner.reporter.job_done(job, time.perf_counter() - started, self.done, len(self.todo))


def _units(todo: Sequence[Job]) -> list[tuple[Job, ...]]:
    """The jobs to run as tasks: each job alone, but the jobs of a group together (in the order of
    `todo`, dependencies first) as long as everything they need is done or in the group; a job of a
    group that waits on another task goes alone, so that two tasks never wait on each other."""
    waiting = {job.key for job in todo}
    groups: dict[str, list[Job]] = {}
    units: list[tuple[Job, ...]] = []
    for job in todo:
        group = groups.setdefault(job.group, []) if job.group else None
        inside = {member.key for member in group} if group is not None else set()
        if group is not None and all(dep.key not in waiting or dep.key in inside for dep in job.dependencies):
            group.append(job)
        else:
            units.append((job,))
    return units + [tuple(members) for members in groups.values() if members]


def describe(error: BaseException) -> str:
    """A job's failure in one line."""
    if isinstance(error, BrokenProcessPool):
        return "its worker process died (a crash in a native library, or killed)"
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__


def _traceback(error: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(error))


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
