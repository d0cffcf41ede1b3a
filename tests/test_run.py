"""pipeline/run.py: the whole pipeline, and what it guarantees when things go wrong (docs/reliability.md)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import editions
from pipeline.config import load_config
from pipeline.errors import PipelineError
from pipeline.lock import ProjectLock
from pipeline.run import run
from pipeline.status import status

from .conftest import EXAMPLE, write
from .support.published import RELEASE_ID, published_set


def test_run_publishes_and_status_agrees(project):
    source = write(project / "release.md", EXAMPLE.read_text())
    config = load_config(project, languages=("es",), editions=("text", "json"))
    report = run([source], config)
    assert [r.release_id for r in report.releases] == [RELEASE_ID] and not report.failures
    assert set(published_set(project / "outputs")) == {f"{lang}/{RELEASE_ID}.{lang}.{ext}"
                                                       for lang in ("en", "es") for ext in ("txt", "json")}
    assert (project / "outputs" / "index.html").is_file()  # the site, since the JSON edition was built
    assert [(s.release_id, s.state) for s in status(config)] == [(RELEASE_ID, "up to date")]
    assert run([source], config).jobs_ran == 0


def test_a_second_run_on_the_same_project_is_refused_while_one_holds_it(project):
    source = write(project / "release.md", EXAMPLE.read_text())
    config = load_config(project, languages=("en",))
    with ProjectLock(config):
        with pytest.raises(PipelineError, match=rf"another run \(pid {os.getpid()}\) holds"):
            run([source], config)
    assert not (project / "outputs").exists()  # nothing written by the refused run
    run([source], config)  # the lock is free again


def test_an_id_taken_by_another_existing_source_is_refused(project, cli):
    first = write(project / "first.md", EXAMPLE.read_text())
    second = write(project / "second.md", EXAMPLE.read_text().replace("1,248 attacks", "1,300 attacks"))
    assert cli("run", first, "--langs", "en")[0] == 0
    code, out, err = cli("run", second, "--langs", "en")
    assert code == 2 and f"release id '{RELEASE_ID}' is already used by first.md" in err
    assert "1,248 attacks" in next((project / "outputs").glob("*/en/*.txt")).read_text()
    first.rename(project / "moved.md")  # a source that moved keeps its id (its new text corrects the public one)
    assert cli("run", second, "--langs", "en", "--correction", "1,300 attacks, not 1,248.")[0] == 0


class FailingText:
    """An edition that fails for one release: a fault injected into the serial executor's process."""

    kind, extension, media_type, recorded = "text", "txt", "text/plain", False

    def __init__(self, real, failing_title: str):
        self.real, self.failing_title = real, failing_title

    def render(self, release, settings):
        if release.title == self.failing_title:
            raise RuntimeError("espeak said no")
        return self.real.render(release, settings)


def test_a_failing_job_stops_only_its_release_with_one_line_and_exit_1(project, cli, monkeypatch):
    good = write(project / "good.md", EXAMPLE.read_text())
    bad = write(project / "bad.md", EXAMPLE.read_text().replace("# OSCE Representative", "# Broken Representative"))
    bad_title = next(line[2:] for line in bad.read_text().splitlines() if line.startswith("# "))
    monkeypatch.setitem(editions.EDITIONS, "text", FailingText(editions.EDITIONS["text"], bad_title))
    code, out, err = cli("run", good, bad, "--langs", "en", "--executor", "serial")
    assert code == 1
    assert "render text en failed: RuntimeError: espeak said no" in err and "Traceback" not in err
    assert "not published: 2024-03-05-broken-representative" in err
    assert published_set(project / "outputs")  # the good release is published …
    assert not (project / "outputs" / "2024-03-05-broken-representative-on-freedom-of-the-media").exists()  # … not the bad
    code, out, err = cli("--debug", "run", bad, "--langs", "en", "--executor", "serial")
    assert code == 1 and "Traceback" in err


@pytest.mark.parametrize("option, value, message", [
    ("--langs", "../../evil", "--langs: language '../../evil' is not in the language table"),
    ("--langs", "xx", "--langs: language 'xx' is not in the language table"),
    ("--editions", "text,podcast", "--editions: unknown edition 'podcast'"),
    ("--workers", "-2", "--workers: workers must be 0"),
])
def test_arguments_are_checked_before_anything_is_written(project, cli, option, value, message):
    source = write(project / "release.md", EXAMPLE.read_text())
    code, out, err = cli("run", source, option, value)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not (project / "locales").exists() and not (project / "outputs").exists()


def test_a_release_over_the_size_limit_is_refused(project, cli):
    write(project / "release-pipeline.toml", 'editions = ["text"]\nmax-release-size = 1000\n')
    source = write(project / "release.md", EXAMPLE.read_text())
    code, out, err = cli("run", source, "--langs", "en")
    assert code == 2 and "release.md: " in err and "over the limit of 1,000 bytes" in err
    assert not (project / "outputs").exists()


@pytest.mark.slow
def test_a_normal_run_leaves_no_temporary_directory(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    project = tmp_path / "project"
    write(project / "release-pipeline.toml", 'languages = ["es"]\neditions = ["text", "pdf", "audio"]\n')
    environment = {**os.environ, "TMPDIR": str(scratch),
                   **{name: str(tmp_path / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}}
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", str(EXAMPLE), "--project", str(project), "-q"],
                            env=environment, capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert result.returncode == 0, result.stderr
    # No release-pipeline-speech-* scratch folder survives, nor the pulse-* runtime folder that
    # libpulse (which eSpeak loads) would make when XDG_RUNTIME_DIR is unset.
    assert [p.name for p in scratch.iterdir()] == []
    assert not list((project / "outputs").rglob("*.tmp"))


def test_temporary_files_a_killed_run_left_are_removed_everywhere_it_writes(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    assert cli("run", source, "--langs", "en,fr")[0] == 0
    old = time.time() - 60
    left = [write(project / ".work" / "cache" / "ab" / ".ab12.pickle.k1ll3d.tmp", "half an entry"),
            write(project / "locales" / "fr" / "releases" / f".{RELEASE_ID}.po.k1ll3d.tmp", "half a catalog"),
            write(project / "outputs" / ".index.html.k1ll3d.tmp", "half a page")]
    for path in left:
        os.utime(path, (old, old))
    live = write(project / "locales" / "fr" / "releases" / ".other.po.l1ve.tmp", "written after the lock was taken")
    os.utime(live, (time.time() + 3600, time.time() + 3600))  # newer than the lock: an owner may still write it
    code, out, err = cli("run", source, "--langs", "en,fr")
    assert code == 0 and "in the cache or the catalogs" in err
    assert not any(path.exists() for path in left) and live.exists()
