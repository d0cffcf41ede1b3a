"""Two projects, one output folder (`--out`), runs overlapping: end to end, with real processes.

tests/publish/test_writer.py checks the writer's lock itself (recovery waits for the other
project's write); here two `release-pipeline run` processes of two projects publish into one
folder at the same time, round after round, and each round's outputs must be whole: both
releases published and matching their manifests, the shared site listing both, no temporary
file or staging folder left (docs/reliability.md, "Projects may share one output folder").
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import write
from ..support.published import published_set

SETTINGS = 'engine = "none"\nlanguages = ["fr"]\neditions = ["text", "json"]\n'
ROUNDS = 4


def release(title: str, round_: int) -> str:
    """Under embargo, never public: its text may change from one round to the next without a correction note."""
    return (f"---\nembargo: 2099-01-01T00:00+00:00\n---\n# {title}\n\nVIENNA, 5 March 2024 – The Representative published the report today.\n\n"
            f"Round {round_}: fewer than one in ten cases led to a conviction.\n")


def start(project: Path, out: Path, tmp_path: Path) -> subprocess.Popen:
    environment = {**os.environ, **{name: str(tmp_path / project.name / name.lower())
                                    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(project / "release.md"),
                             "--project", str(project), "--out", str(out), "-q"],
                            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def leftovers(root: Path) -> list[str]:
    return sorted(str(Path(folder, name).relative_to(root)) for folder, folders, files in os.walk(root)
                  for name in folders + files if name.endswith(".tmp") or name.startswith(".staging-"))


@pytest.mark.slow
def test_two_projects_publishing_into_one_output_folder_at_once_both_stay_whole(tmp_path):
    out = tmp_path / "shared"
    projects = {"a": "OSCE Mission in Skopje publishes a report", "b": "OSCE Office in Yerevan opens a centre"}
    ids = {"a": "2024-03-05-osce-mission-in-skopje-publishes-a-report", "b": "2024-03-05-osce-office-in-yerevan-opens-a-centre"}
    for name in projects:
        write(tmp_path / name / "release-pipeline.toml", SETTINGS)
    for round_ in range(ROUNDS):
        for name, title in projects.items():
            write(tmp_path / name / "release.md", release(title, round_))  # a change: each run has work to do
        runs = {name: start(tmp_path / name, out, tmp_path) for name in projects}
        for name, process in runs.items():
            assert process.wait(timeout=300) == 0, f"round {round_}, project {name}: {process.stderr.read()}"
        for name in projects:
            files = published_set(out, ids[name])  # whole, and matching its manifest
            text = (out / ids[name] / f"en/{ids[name]}.en.txt").read_text()
            assert f"Round {round_}:" in text and files
        index = (out / "index.html").read_text()
        assert all(title in index for title in projects.values())  # the shared site lists both
        assert leftovers(out) == []


def test_a_release_id_published_by_another_project_sharing_the_folder_is_refused(tmp_path, cli):
    out = tmp_path / "shared"
    for name in ("a", "b"):
        write(tmp_path / name / "release-pipeline.toml", SETTINGS)
        write(tmp_path / name / "release.md", f"# One title\n\nVIENNA, 5 March 2024 – Project {name.upper()}'s text.\n")
    assert cli("run", tmp_path / "a" / "release.md", "--project", tmp_path / "a", "--out", out, "-q")[0] == 0
    before = published_set(out, "2024-03-05-one-title")
    code, _, err = cli("run", tmp_path / "b" / "release.md", "--project", tmp_path / "b", "--out", out, "-q")
    assert code == 2 and "release id '2024-03-05-one-title' is already used by" in err, err
    assert published_set(out, "2024-03-05-one-title") == before
