"""Kill a run at random instants, over and over: nothing is ever lost or half-published.

docs/reliability.md lists the guarantees this checks: after a SIGKILL at any
point, the published set of a release is complete and matches its manifest;
a reviewer's edit in a PO catalog survives; and the next run removes every
temporary file anywhere in the project (the output folder, the job cache, the
catalogs, the memory's journal: the whole tree is walked) and gives exactly
what a run never interrupted gives.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.catalogs.po import po_bytes, read_catalog
from pipeline.fsutil import sha256_file

from .conftest import EXAMPLE, write

RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"
KILLS = 20
SETTINGS = 'languages = ["fr", "es", "it", "de"]\neditions = ["text", "pdf", "json"]\n'
# Under embargo, never public: its text may change from one run to the next without a correction note.
TEXT = "---\nembargo: 2099-01-01T00:00+00:00\n---\n" + EXAMPLE.read_text()


def start(project: Path, source: Path) -> subprocess.Popen:
    environment = {**os.environ, **{name: str(project / name.lower()) for name in
                                    ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")},
                   "TMPDIR": str(project.parent / "tmp")}  # what the tools' scratch files leave is looked at too
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(source), "--project", str(project), "-q"],
                            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def check_published(outputs: Path) -> dict[str, str]:
    """The release's visible set is complete and matches its manifest; {} when nothing is published yet."""
    directory = outputs / RELEASE_ID
    if not directory.exists():
        return {}
    manifest = json.loads((directory / "manifest.json").read_text())
    for entry in manifest["files"]:
        assert sha256_file(directory / entry["path"]) == entry["sha256"], f"{entry['path']} does not match"
    return {entry["path"]: entry["sha256"] for entry in manifest["files"]}


def leftovers(root: Path) -> list[str]:
    """Whatever a writer leaves only when it is interrupted, anywhere under `root` (links not followed):
    temporary files (`.<name>.<random>.tmp`, fsutil.make_temporary; a link's `.<id>.link-<pid>.tmp`),
    staging folders (`.staging-<pid>`), the speech scratch folders, SQLite's hot journals."""
    found = []
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            if (name.endswith(".tmp") or name.startswith(".staging-") or name.startswith("release-pipeline-speech-")
                    or name.endswith(("-journal", "-wal"))):
                found.append(str(Path(folder, name).relative_to(root)))
    return sorted(found)


def wait_for_a_write(project: Path, process: subprocess.Popen, deadline: float) -> None:
    """Until a staging folder or a temporary file is in the output folder or a catalog folder (the
    instants a random kill seldom hits: a temporary file lives for milliseconds), or the run ends."""
    folders = [project / "outputs" / ".releases" / RELEASE_ID, project / "outputs",
               *(project / "locales").glob("*/releases")]
    while process.poll() is None and time.monotonic() < deadline:
        for folder in folders:
            try:
                if any(name.startswith(".staging-") or name.endswith(".tmp") for name in os.listdir(folder)):
                    return
            except FileNotFoundError:
                pass
        time.sleep(0.0002)


def review_one_entry(catalog: Path) -> str:
    """Mark the first machine translation reviewed, as a reviewer's PO editor would save it."""
    messages = read_catalog(catalog)
    message = next(m for m in messages if m.id and m.fuzzy)
    message.string = "Traduction relue par une personne."
    message.flags.discard("fuzzy")
    catalog.write_bytes(po_bytes(messages))
    return message.string


@pytest.mark.slow
def test_random_kills_lose_nothing(tmp_path):
    project = tmp_path / "project"
    (tmp_path / "tmp").mkdir()
    write(project / "release-pipeline.toml", SETTINGS)
    source = write(project / "release.md", TEXT)
    assert start(project, source).wait() == 0
    catalog = project / "locales" / "fr" / "releases" / f"{RELEASE_ID}.po"
    reviewed = review_one_entry(catalog)
    random.seed(20261125)
    edits = ["1,248 attacks", "1,249 attacks", "1,250 attacks"]
    left: list[str] = []
    for kill in range(KILLS):
        # A changed source each time, so the run has real work in every stage before it is killed.
        text = TEXT.replace("1,248 attacks", edits[kill % len(edits)])
        source.write_text(text + f"\nNote {kill}.\n" if kill % 2 else text)
        process = start(project, source)
        if kill % 4 == 3:  # at the instant a write is under way, when a kill leaves the most behind
            wait_for_a_write(project, process, time.monotonic() + 30)
        else:
            time.sleep(random.uniform(0.05, 4.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        left += leftovers(project)  # what the next run's recovery has to remove
        check_published(project / "outputs")
        assert reviewed in catalog.read_text(encoding="utf-8"), f"the reviewer's edit was lost at kill {kill}"
    source.write_text(TEXT)
    final = start(project, source)
    assert final.wait() == 0, final.stderr.read().decode()
    published = check_published(project / "outputs")
    assert left, "no kill fell while a write was under way: the recovery had nothing to remove"
    assert leftovers(project) == []  # the whole project: outputs/, .work/cache/, locales/*/releases/, …
    # Outside the project, in TMPDIR: no scratch file of the pipeline or its tools, but multiprocessing's
    # `pymp-*` folder (its forkserver's socket) of a killed run stays (docs/reliability.md, known limits).
    assert [p.name for p in (tmp_path / "tmp").iterdir() if not p.name.startswith("pymp-")] == []
    assert reviewed in catalog.read_text(encoding="utf-8")

    clean = tmp_path / "clean"
    write(clean / "release-pipeline.toml", SETTINGS)
    write(clean / "locales" / "fr" / "releases" / f"{RELEASE_ID}.po", catalog.read_text(encoding="utf-8"))
    clean_source = write(clean / "release.md", TEXT)
    assert start(clean, clean_source).wait() == 0
    assert check_published(clean / "outputs") == published  # byte-identical to an uninterrupted run
