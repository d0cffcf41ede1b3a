"""The same job graph on a Dask cluster gives the same results as the local executor, and a cluster whose
workers share nothing but the scheduler says what a worker lacks (docs/performance.md, issue 27).

The `cluster` fixture starts a real `dask scheduler` and two `dask worker` processes, each in a folder
of its own with a home of its own (HOME, no XDG variables): what a job silently expects to find on a
shared file system, or in the main process's home, shows up as a worker that lacks it."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.jobs import join_closing

from .conftest import EXAMPLE, REPO, write
from .support.synthetic_argos import build_argosmodel

SETTINGS = 'languages = ["es", "fr"]\neditions = ["text", "json"]\n'
HEADER_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)
DASK = Path(sys.executable).with_name("dask")


def build(directory: Path, cli, executor: str) -> dict[str, bytes]:
    """Run a two-release batch (a folder) in a fresh project; every published file and catalog by path."""
    write(directory / "release-pipeline.toml", SETTINGS)
    write(directory / "releases" / "a.md", EXAMPLE.read_text())
    write(directory / "releases" / "b.md", EXAMPLE.read_text().replace("# OSCE Representative", "# The Representative")
          .replace("1,248 attacks", "1,302 attacks"))
    code, out, err = cli("run", directory / "releases", "--project", directory, "--executor", executor,
                         "--workers", "2")
    join_closing()  # the Dask client closes while the run publishes
    assert code == 0, err
    # Machine translation batches across releases: one job per language pair, not per release.
    assert "segments of 2 releases with apertium" in err
    files = {}
    for release in sorted((directory / "outputs").glob("*/manifest.json")):  # outputs/<id> are links
        for path in sorted(release.parent.resolve().rglob("*")):
            if path.suffix in (".txt", ".json"):  # the manifest names the project's folder, which differs
                files[f"{release.parent.name}/{path.relative_to(release.parent.resolve()).as_posix()}"] = \
                    path.read_bytes().replace(str(directory).encode(), b"PROJECT")
    for path in sorted((directory / "locales").rglob("*.po")):
        files[path.relative_to(directory).as_posix()] = HEADER_DATES.sub("", path.read_text()).encode()
    return files


@pytest.mark.slow
def test_a_batch_on_a_local_dask_cluster_equals_the_local_executor(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    local = build(tmp_path / "local", cli, "local")
    dask = build(tmp_path / "dask", cli, "dask-local")
    assert len([name for name in local if name.endswith("manifest.json")]) == 2
    assert sorted(local) == sorted(dask)
    assert {name for name in local if local[name] != dask[name]} == set()


# --- a cluster of separate processes, in separate folders and homes ---------------------------------


def home_environment(home: Path) -> dict[str, str]:
    """The environment of a process whose home is `home`: no XDG folder of the test's."""
    home.mkdir(parents=True, exist_ok=True)
    environment = {name: value for name, value in os.environ.items() if not name.startswith(("XDG_", "ARGOS_"))}
    return {**environment, "HOME": str(home)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """`dask scheduler` and `dask worker`s, each a process started in its own folder with its own home."""

    def __init__(self, root: Path, workers: int):
        self.root, self.port = root, free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.homes = [root / f"worker-{n}" / "home" for n in range(workers)]
        self.processes = [self._start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                                    "--no-dashboard"])]
        for n in range(workers):
            folder = root / f"worker-{n}"
            self.processes.append(self._start(f"worker-{n}", [
                "worker", f"tcp://{self.address}", "--no-nanny", "--nthreads", "1", "--name", f"worker-{n}",
                "--local-directory", str(folder / "dask"), "--no-dashboard"]))
        self._wait_for(workers)

    def _start(self, name: str, arguments: list[str]) -> subprocess.Popen:
        folder = self.root / name
        log = (folder / "log.txt")
        folder.mkdir(parents=True, exist_ok=True)
        return subprocess.Popen([str(DASK), *arguments], cwd=folder, env=home_environment(folder / "home"),
                                stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)

    def _wait_for(self, workers: int) -> None:
        from distributed import Client

        with Client(f"tcp://{self.address}", timeout="30s") as client:
            client.wait_for_workers(workers, timeout=60)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:  # a worker may take a while to exit on SIGTERM
                process.kill()
                process.wait()


@pytest.fixture
def cluster(tmp_path):
    started = Cluster(tmp_path / "cluster", workers=2)
    try:
        yield started
    finally:
        started.stop()


@pytest.mark.slow
def test_workers_in_their_own_folders_and_homes_build_what_the_local_executor_builds(tmp_path, cli, monkeypatch,
                                                                                     cluster):
    monkeypatch.chdir(tmp_path)
    local = build(tmp_path / "local", cli, "local")
    remote = build(tmp_path / "remote", cli, f"dask://{cluster.address}")
    assert sorted(local) == sorted(remote) and [name for name in local if local[name] != remote[name]] == []


@pytest.mark.slow
def test_a_worker_without_the_models_stops_the_run_in_one_line_naming_it_and_the_folder(tmp_path, cluster):
    """Argos's models folder is under each process's home unless `models-dir` says otherwise: the main
    process has an en→de model there, worker-0 a copy in its own, worker-1 none."""
    main_home = tmp_path / "main-home"
    models = main_home / ".local" / "share" / "argos-translate" / "packages"
    package = build_argosmodel(tmp_path / "packages", "en", "de")
    from pipeline.translate.argos import install_from_path

    install_from_path(package, models)
    shutil.copytree(models, cluster.homes[0] / ".local" / "share" / "argos-translate" / "packages")
    project = tmp_path / "project"
    write(project / "release-pipeline.toml", 'languages = ["de"]\neditions = ["text"]\n')
    release = write(project / "release.md", EXAMPLE.read_text())
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(release), "--project", str(project),
                           "--executor", f"dask://{cluster.address}"], cwd=project, env=home_environment(main_home),
                          capture_output=True, text=True, timeout=300)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    missing = cluster.homes[1] / ".local" / "share" / "argos-translate" / "packages"
    assert re.fullmatch(rf"release-pipeline: error: worker tcp://127\.0\.0\.1:\d+ \(\S+\): no Argos model for "
                        rf"en→de in {re.escape(str(missing))} \(models-dir\) \(every worker needs them .*\)", lines[0])
    assert "worker-0" not in lines[0] and str(cluster.homes[0]) not in lines[0]
    assert not list(project.glob("outputs/*/manifest.json")) and not list(project.rglob("*.po"))  # nothing written
    assert time.monotonic() - started < 120
