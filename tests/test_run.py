"""pipeline/run.py: the whole pipeline, and what it guarantees when things go wrong (docs/reliability.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import editions
from pipeline.config import load_config
from pipeline.errors import PipelineError
from pipeline.fsutil import sha256_file
from pipeline.run import ProjectLock, run, status

from .conftest import EXAMPLE, write

RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"


def published_set(outputs: Path, release_id: str = RELEASE_ID) -> dict[str, str]:
    """path → sha256 of every file the manifest lists, checking each against it."""
    directory = outputs / release_id
    manifest = json.loads((directory / "manifest.json").read_text())
    for entry in manifest["files"]:
        assert sha256_file(directory / entry["path"]) == entry["sha256"], entry["path"]
    return {entry["path"]: entry["sha256"] for entry in manifest["files"]}


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
    first.rename(project / "moved.md")  # a source that moved keeps its id
    assert cli("run", second, "--langs", "en")[0] == 0


def test_fewer_editions_keep_what_was_published_unless_pruned(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    cli("run", source, "--langs", "en", "--editions", "text,pdf")
    pdf = f"en/{RELEASE_ID}.en.pdf"
    code, out, err = cli("run", source, "--langs", "en", "--editions", "text")
    assert code == 0 and "kept 1 file published earlier" in out
    assert pdf in published_set(project / "outputs")
    cli("run", source, "--langs", "en", "--editions", "text", "--prune")
    assert pdf not in published_set(project / "outputs")
    assert not (project / "outputs" / RELEASE_ID / pdf).exists()


def test_what_an_interrupted_run_left_is_cleaned_up_and_never_published(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    cli("run", source, "--langs", "en")
    before = published_set(project / "outputs")
    versions = project / "outputs" / ".releases" / RELEASE_ID
    write(versions / ".staging-4242" / "en" / "half.txt", "half a set")
    write(project / "outputs" / ".index.html.abc123.tmp", "half a page")
    code, out, err = cli("run", source, "--langs", "en")
    assert code == 0 and "removed 1 unfinished or old set(s)" in err and "removed 1 temporary file(s)" in err
    assert [p.name for p in versions.iterdir()] == [os.readlink(project / "outputs" / RELEASE_ID).split("/")[-1]]
    assert not list((project / "outputs").rglob("*.tmp"))
    assert published_set(project / "outputs") == before


def test_a_kill_between_the_two_renames_is_recovered(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    cli("run", source, "--langs", "en")
    link = project / "outputs" / RELEASE_ID
    link.unlink()  # as if killed after moving a plain folder aside and before linking the new set
    assert cli("run", source, "--langs", "en")[0] == 0
    assert link.is_symlink() and published_set(project / "outputs")


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


def test_status_says_why_each_stale_job_is_stale(project):
    source = write(project / "release.md", EXAMPLE.read_text())
    run([source], load_config(project, languages=("es",), editions=("text",)))
    paper = load_config(project, languages=("es",), editions=("text", "pdf"))
    (state,) = status(paper)
    assert state.state == "stale" and "render pdf en (not built before)" in state.detail
    labels = project / "locales" / "es" / "LC_MESSAGES" / "pipeline.po"  # the project rewords a label
    shipped = Path(__file__).parents[1] / "pipeline" / "locales" / "es" / "LC_MESSAGES" / "pipeline.po"
    write(labels, shipped.read_text(encoding="utf-8").replace('msgstr "Contactos"', 'msgstr "Contacto de prensa"'))
    (state,) = status(load_config(project, languages=("es",), editions=("text",)))
    assert "localise es (labels changed)" in state.detail


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
