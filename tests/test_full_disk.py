"""A full disk, for real: a run whose files do not fit on a small tmpfs.

An unprivileged user may mount a tmpfs in a mount namespace of a user namespace of their own
(`unshare --user --map-root-user --mount`, util-linux; Debian's kernels allow unprivileged user
namespaces), so this needs no root and runs in CI. tests/support/full_disk.py mounts it, publishes
a small release, then runs the same release grown too big for what is left, and reports what the
disk holds after each. The guarantee (docs/reliability.md): the run fails with one line naming the
file and `No space left on device`, exits non-zero, and leaves the disk as the last complete run
left it: the previous published set (or catalog, or cache) intact, no temporary file, no staging
folder, every block it took given back.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, write

SIZE = "64k"  # 16 pages: the small release's files fit, the big one's do not
RELEASE_ID = "2024-03-05-media-freedom-report-published"
SMALL = ("# Media freedom report published\n\nVIENNA, 5 March 2024 – The Representative published the "
         "annual report today.\n\nFewer than one in ten cases led to a conviction.\n")
BIG = SMALL + "".join(f"\nIn case {n}, the journalist’s complaint of {n + 3} March was heard by the court "
                      f"of first instance, which has not ruled on it since.\n" for n in range(600))


def can_mount_a_tmpfs() -> bool:
    try:
        done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                               "mount -t tmpfs -o size=4k tmpfs /mnt"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.fixture(scope="module")
def tmpfs():
    if not can_mount_a_tmpfs():
        reason = "unshare --user --map-root-user --mount cannot mount a tmpfs here (no user namespaces?)"
        if os.environ.get("CI"):
            pytest.fail(f"CI needs it: {reason}")
        pytest.skip(reason)


def fill(tmp_path: Path, where: str, settings: str = "") -> tuple[dict, dict, Path]:
    """Publish SMALL, then BIG, with `where` ("outputs", "locales" or "work-dir") on a SIZE tmpfs;
    the two commands' reports (tests/support/full_disk.py) and the project."""
    project, mount = tmp_path / "project", tmp_path / "small-disk"
    mount.mkdir()
    write(project / "release-pipeline.toml", 'engine = "none"\nlanguages = ["fr"]\neditions = ["text"]\n' +
          (f'{where} = "{mount / where}"\n' if where != "outputs" else "") + settings)
    source = project / "release.md"
    out = ["--out", str(mount / "outputs")] if where == "outputs" else []
    watched = ":".join(str(project / name) for name in ("outputs", "locales", ".work") if name != where)
    environment = {**os.environ, "WATCH": watched, "TMPDIR": str(tmp_path),
                   **{name: str(tmp_path / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}}
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", sys.executable,
                           str(REPO / "tests" / "support" / "full_disk.py"), str(mount), SIZE,
                           *(json.dumps({"write": {str(source): text}, "argv": ["run", str(source), "--project", str(project),
                                                                                  "-q", "--correction", "Grown.", *out]}) for text in (SMALL, BIG))],
                          capture_output=True, text=True, cwd=REPO, env=environment, timeout=300)
    assert done.returncode == 0, done.stderr
    first, second = json.loads(done.stdout)
    assert first["exit"] == 0, first["stderr"]
    return first, second, project


def lasting(tree: dict) -> dict:
    return {path: what for path, what in tree.items() if not path.endswith("/run.lock")
            and not ("/cache/" in path and what == "folder" and not any(p.startswith(path + "/") for p in tree))}


def temporaries(tree: dict) -> list[str]:
    return [path for path in tree if path.rsplit("/", 1)[-1].endswith(".tmp") or ".staging-" in path]


@pytest.mark.parametrize("where, named", [("outputs", f"{RELEASE_ID}.en.txt"), ("locales", f"{RELEASE_ID}.po"),
                                          ("work-dir", ".pickle")])
def test_a_full_disk_fails_in_one_line_naming_the_file_and_leaves_the_last_complete_state(tmpfs, tmp_path, where, named):
    first, second, project = fill(tmp_path, where)
    err = second["stderr"]
    assert second["exit"] != 0 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "No space left on device" in err and named in err, err
    assert temporaries(second["tree"]) == []
    # The previous set (or catalog, or cache) as it was, nothing more: the project lock's file holds the
    # pid of the last run, and the cache may keep the empty shard folder its failed entry was to go in.
    assert lasting(second["tree"]) == lasting(first["tree"])
    assert second["free"] == first["free"]  # every block the failed write took is free again
    if where != "outputs":  # the disk that was not full: nothing was published from the failed run
        assert second["watched"][str(project / "outputs")] == first["watched"][str(project / "outputs")]
