import os

import pytest

from pipeline.fsutil import atomic_write_bytes
from pipeline.jobs import Cache, Job, LocalExecutor, Runner, SerialExecutor, walk


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
def test_a_failing_job_raises_and_caches_nothing_for_it(tmp_path, executor):
    runner_executor = executor()
    job = Job("fail", fail, (1,))
    with pytest.raises(ValueError, match="boom"):
        Runner(Cache(tmp_path), runner_executor).run([job])
    runner_executor.close()
    assert job.key not in Cache(tmp_path)


def test_atomic_write_replaces_whole_file_and_leaves_no_temporaries(tmp_path):
    target = tmp_path / "sub" / "file.txt"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]
