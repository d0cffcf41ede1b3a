import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.jobs import Cache, Job, JobsFailed, LocalExecutor, Runner, SerialExecutor, walk


def double(x):
    return x * 2


def add(a, b):
    return a + b


def pid(_):
    return os.getpid()


def fail(_):
    raise ValueError("boom")


def graph(value):
    a = Job("double", double, (value,))
    b = Job("add", add, (a, 1))
    return a, b


def test_second_run_does_no_work(tmp_path):
    cache = Cache(tmp_path)
    _, target = graph(20)
    first = Runner(cache, SerialExecutor())
    assert first.run([target]) == {target.key: 41}
    assert first.stats.ran == ["double", "add"]
    again = Runner(cache, SerialExecutor())
    assert again.pending([target]) == []
    assert again.run([target]) == {target.key: 41}
    assert again.stats.ran == [] and again.stats.cached == 2


def test_keys_follow_inputs_through_dependencies():
    (a1, b1), (a2, b2) = graph(1), graph(2)
    assert a1.key != a2.key and b1.key != b2.key
    assert graph(1)[1].key == b1.key
    assert [job.name for job in walk([b1])] == ["double", "add"]


def test_changed_input_reruns_only_what_depends_on_it(tmp_path):
    cache = Cache(tmp_path)
    shared = Job("double", double, (5,))
    Runner(cache, SerialExecutor()).run([Job("add", add, (shared, 1))])
    runner = Runner(cache, SerialExecutor())
    runner.run([Job("add", add, (shared, 2))])
    assert runner.stats.ran == ["add"]


def test_local_executor_runs_jobs_in_worker_processes(tmp_path):
    executor = LocalExecutor(2)
    try:
        jobs = [Job(f"pid {i}", pid, (i,)) for i in range(4)]
        pids = Runner(Cache(tmp_path), executor).run(jobs).values()
    finally:
        executor.close()
    assert os.getpid() not in pids


@pytest.mark.parametrize("executor", [SerialExecutor, lambda: LocalExecutor(2)])
def test_a_failing_job_is_retried_once_then_reported_and_caches_nothing(tmp_path, executor):
    runner_executor = executor()
    job = Job("fail", fail, (1,))
    runner = Runner(Cache(tmp_path), runner_executor)
    with pytest.raises(JobsFailed, match="fail: ValueError: boom") as raised:
        runner.run([job])
    runner_executor.close()
    assert runner.stats.retried == ["fail"]
    assert [f.reason for f in raised.value.failures] == ["ValueError: boom"]
    assert "Traceback" in raised.value.failures[0].detail  # for --debug
    assert job.key not in Cache(tmp_path)


def crash(_):
    os.kill(os.getpid(), signal.SIGSEGV)  # what a segfault in libespeak does to a worker


def crash_once(marker: str) -> str:
    """Dies the first time (as the flaky audio worker did), succeeds in a fresh worker."""
    if not Path(marker).exists():
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGSEGV)
    return "recovered"


def slow_double(x):
    time.sleep(0.3)
    return x * 2


def test_a_worker_that_dies_once_is_retried_in_a_fresh_worker(tmp_path):
    executor = LocalExecutor(2)
    try:
        jobs = [Job("flaky", crash_once, (str(tmp_path / "crashed"),)), Job("other", slow_double, (4,))]
        runner = Runner(Cache(tmp_path / "cache"), executor)
        results = runner.run(jobs)
    finally:
        executor.close()
    assert sorted(results.values(), key=str) == [8, "recovered"]
    assert "flaky" in runner.stats.retried


def test_a_job_that_always_crashes_fails_alone_and_the_others_complete(tmp_path):
    executor = LocalExecutor(2)
    crashing = Job("render audio fr", crash, (1,))
    dependant = Job("add", add, (crashing, 1))
    others = [Job(f"double {i}", slow_double, (i,)) for i in range(3)]
    try:
        runner = Runner(Cache(tmp_path), executor)
        results = runner.run([dependant, *others], keep_going=True)
    finally:
        executor.close()
    assert sorted(results.values()) == [0, 2, 4]  # every job not behind the crash completed
    reasons = {f.job.name: f.reason for f in runner.failures}
    assert reasons["render audio fr"].startswith("its worker process died")
    assert reasons["add"] == "not run: render audio fr failed"


def test_a_damaged_cache_entry_is_a_miss_and_is_rebuilt(tmp_path):
    cache = Cache(tmp_path)
    _, target = graph(20)
    Runner(cache, SerialExecutor()).run([target])
    entry = tmp_path / target.key[:2] / f"{target.key}.pickle"
    entry.write_bytes(entry.read_bytes()[:-5])  # truncated, as by a full disk or a kill mid-copy
    runner = Runner(Cache(tmp_path), SerialExecutor())
    assert [job.name for job in runner.pending([target])] == ["add"]
    assert runner.run([target]) == {target.key: 41}
    assert runner.stats.ran == ["add"]
    assert runner.cache.healed == [target.key]
    assert Runner(Cache(tmp_path), SerialExecutor()).pending([target]) == []


WORKER_SCRIPT = """
import sys, time
from pathlib import Path
from pipeline.jobs import Cache, Job, LocalExecutor, Runner
from tests.test_jobs import sleep_and_report
executor = LocalExecutor(2)
Runner(Cache(Path(sys.argv[1]) / "cache"), executor).run(
    [Job(f"sleep {i}", sleep_and_report, (sys.argv[1], i)) for i in range(2)])
"""


def sleep_and_report(directory: str, index: int) -> int:
    (Path(directory) / f"worker-{index}.pid").write_text(str(os.getpid()))
    time.sleep(60)
    return index


def test_workers_die_when_the_main_process_is_killed(tmp_path):
    main = subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT, str(tmp_path)], cwd=Path(__file__).parents[1])
    pid_files = [tmp_path / f"worker-{i}.pid" for i in range(2)]
    deadline = time.monotonic() + 30
    while not all(p.exists() and p.read_text() for p in pid_files) and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = [int(p.read_text()) for p in pid_files]
    main.kill()  # SIGKILL: no clean-up code runs in the main process
    main.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its (dead) parent's reaper counts as gone.
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "zombie" not in status.read_text()


def slow_with_progress(steps: int) -> int:
    from pipeline.jobs import progress

    for step in range(steps):
        progress(step, steps, "sentences")
        time.sleep(0.3)
    return steps


class Lines:
    def __init__(self):
        self.lines = []

    def progress(self, message):
        self.lines.append(message)

    def job_done(self, job, seconds, done, total):
        pass

    def working(self, running):
        self.lines.append("working on " + ", ".join(running))


@pytest.mark.parametrize("executor", [SerialExecutor, lambda: LocalExecutor(2)])
def test_a_long_job_reports_how_far_it_is(tmp_path, monkeypatch, executor):
    monkeypatch.setattr("pipeline.jobs.TICK", 0.2)
    reporter, runner_executor = Lines(), executor()
    try:
        Runner(Cache(tmp_path / "cache"), runner_executor, reporter).run([Job("render audio fr", slow_with_progress, (8,))])
    finally:
        runner_executor.close()
    if isinstance(runner_executor, LocalExecutor):  # the serial executor runs the job before it can look
        assert any(re.search(r"working on render audio fr \(\d of 8 sentences\)", line) for line in reporter.lines)
    assert not list((tmp_path / "progress").iterdir())  # finished jobs leave no progress file


class Panic(BaseException):
    """As pyo3's PanicException (a Typst panic): a BaseException that does not pickle."""

    def __reduce__(self):
        raise TypeError("cannot pickle 'Panic' object")


def panic(_):
    raise Panic("index out of bounds\n   0: rust_begin_unwind\n   1: core::panicking::panic_fmt")


@pytest.mark.parametrize("executor", [SerialExecutor, lambda: LocalExecutor(2)])
def test_an_exception_that_cannot_be_pickled_is_reported_in_one_line(tmp_path, executor):
    """Issue 24: a Typst panic in a worker reached the user as `PicklingError: Can't pickle
    PanicException` and a Rust backtrace; now one line with its type and first line."""
    runner_executor = executor()
    job = Job("panic", panic, (1,))
    runner = Runner(Cache(tmp_path), runner_executor)
    with pytest.raises(JobsFailed) as raised:
        runner.run([job])
    runner_executor.close()
    assert [f.reason for f in raised.value.failures] == ["PipelineError: Panic: index out of bounds"]


# --- groups: small jobs go to a worker as one task (issue 27) ------------------------------------


def with_pid(*values):
    return values, os.getpid()


def fail_once(marker: str, value):
    if not Path(marker).exists():
        Path(marker).touch()
        raise ValueError("first time")
    return value


class Counting:
    """An executor that counts what it is given (tasks, and retries)."""

    def __init__(self, executor):
        self.executor, self.submitted, self.retried = executor, 0, 0

    def submit(self, fn, *args):
        self.submitted += 1
        return self.executor.submit(fn, *args)

    def retry(self, fn, *args):
        self.retried += 1
        return self.executor.retry(fn, *args)

    def warm(self, setup, *args):
        self.executor.warm(setup, *args)

    def check_workers(self, checks):
        return self.executor.check_workers(checks)

    def close(self):
        self.executor.close()


def test_a_group_goes_to_one_worker_as_one_task_and_each_job_keeps_its_cache_entry(tmp_path):
    executor = Counting(LocalExecutor(2))
    first = Job("localise fr", with_pid, (1,), group="release fr")
    editions = [Job(f"render {kind} fr", with_pid, (first, kind), group="release fr") for kind in ("text", "pdf")]
    other = Job("localise es", with_pid, (2,), group="release es")
    try:
        results = Runner(Cache(tmp_path), executor).run([*editions, other])
    finally:
        executor.close()
    assert executor.submitted == 2  # two groups, two tasks
    localised, worker = results[editions[0]][0][0]
    assert localised == (1,) and {results[job][1] for job in editions} == {worker}  # one worker for the group
    assert results[editions[1]][0] == (((1,), worker), "pdf")
    again = Runner(Cache(tmp_path), SerialExecutor())
    assert again.pending([*editions, other]) == []  # each job has its own entry


def test_a_job_that_fails_in_its_group_is_retried_alone_and_what_needs_it_follows(tmp_path):
    executor = Counting(SerialExecutor())
    first = Job("localise fr", double, (1,), group="g")
    flaky = Job("render pdf fr", fail_once, (str(tmp_path / "failed"), first), group="g")
    after = Job("render json fr", add, (flaky, 1), group="g")
    beside = Job("render text fr", add, (first, 10), group="g")
    runner = Runner(Cache(tmp_path / "cache"), executor)
    results = runner.run([after, beside])
    assert results[after] == 3 and results[beside] == 12
    assert runner.stats.retried == ["render pdf fr"] and executor.submitted == 2 and executor.retried == 1
    assert sorted(runner.stats.ran) == sorted(["localise fr", "render text fr", "render pdf fr", "render json fr"])


def test_a_job_that_fails_twice_in_a_group_stops_only_what_needs_it(tmp_path):
    first = Job("localise fr", double, (1,), group="g")
    broken = Job("render pdf fr", fail, (first,), group="g")
    after = Job("render json fr", add, (broken, 1), group="g")
    beside = Job("render text fr", add, (first, 10), group="g")
    runner = Runner(Cache(tmp_path), SerialExecutor())
    results = runner.run([after, beside], keep_going=True)
    assert dict(results) == {beside.key: 12}
    assert {f.job.name: f.reason for f in runner.failures} == {
        "render pdf fr": "ValueError: boom", "render json fr": "not run: render pdf fr failed"}


def test_a_worker_that_dies_in_a_group_has_its_jobs_retried_one_by_one(tmp_path):
    executor = Counting(LocalExecutor(2))
    first = Job("localise fr", double, (1,), group="g")
    flaky = Job("render audio fr", crash_once, (str(tmp_path / "crashed"),), group="g")
    beside = Job("render text fr", add, (first, 10), group="g")
    try:
        runner = Runner(Cache(tmp_path / "cache"), executor)
        results = runner.run([flaky, beside])
    finally:
        executor.close()
    assert results[flaky] == "recovered" and results[beside] == 12
    assert sorted(runner.stats.retried) == ["localise fr", "render audio fr", "render text fr"]


def test_a_job_of_a_group_that_waits_on_another_task_goes_alone():
    from pipeline.jobs import _units

    outside = Job("record fr", double, (1,))
    first = Job("localise fr", double, (2,), group="g")
    needs_outside = Job("render audio fr", add, (first, outside), group="g")
    quick = Job("render text fr", add, (first, 3), group="g")
    units = _units(walk([needs_outside, quick]))
    assert sorted(tuple(job.name for job in unit) for unit in units) == [
        ("localise fr", "render text fr"), ("record fr",), ("render audio fr",)]


def test_results_are_in_the_cache_when_run_returns(tmp_path):
    jobs = [Job(f"double {i}", double, (i,)) for i in range(40)]
    Runner(Cache(tmp_path), SerialExecutor()).run(jobs)
    cache = Cache(tmp_path)
    assert all(job.key in cache and cache.load(job.key) == 2 * i for i, job in enumerate(jobs))


def missing_thing(what: str) -> str:
    return f"{what} is missing"


def broken_check(_):
    raise OSError("disk gone")


def failing_check(_):
    from pipeline.errors import PipelineError

    raise PipelineError("fonts: /x/DejaVuSans.ttf is missing")


def test_a_worker_runs_its_checks_and_says_each_problem_once():
    import socket

    from pipeline.jobs import run_checks

    host, problems = run_checks([(missing_thing, ("the logo",)), (missing_thing, ("the logo",)), (double, (0,)),
                                 (broken_check, (1,)), (failing_check, (1,))])
    assert host == socket.gethostname()
    assert problems == ["the logo is missing", "OSError: disk gone", "fonts: /x/DejaVuSans.ttf is missing"]
    assert SerialExecutor().check_workers([(missing_thing, ("x",))]) == {}  # this machine: the jobs say it
