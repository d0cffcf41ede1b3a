import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from pipeline.fsutil import sha256_file

from .conftest import EXAMPLE, REPO, write

SCHEMA = json.loads((REPO / "pipeline" / "publish" / "schemas" / "manifest.schema.json").read_text())


def manifest_of(out: Path) -> tuple[Path, dict]:
    (path,) = out.glob("*/manifest.json")
    return path.parent, json.loads(path.read_text())


def test_run_writes_text_edition_and_valid_manifest(project, cli, seed):
    code, out, err = cli("run", seed, "--langs", "en", "--executor", "serial", "--editions", "text,pdf,audio")
    assert code == 0, err
    directory, manifest = manifest_of(project / "outputs")
    assert directory.name == "2024-02-21-deteriorating-human-rights-situation-in-belarus"
    jsonschema.validate(manifest, SCHEMA)
    assert manifest["release"]["place"] == "WARSAW" and manifest["release"]["date"] == "2024-02-21"
    assert manifest["release"]["source"]["sha256"] == sha256_file(seed)
    for entry in manifest["files"]:
        path = directory / entry["path"]
        assert path.stat().st_size == entry["size"]
        assert sha256_file(path) == entry["sha256"]
    assert {(f["lang"], f["edition"]) for f in manifest["files"]} == {
        ("en", "text"), ("en", "pdf"), ("en", "audio"), ("en", "captions")}  # captions come with the audio
    assert "6 of 6 edition jobs to run" in err and "[6/6] " in err  # localise, record (the speech), four renders
    assert all(f"render {kind} en" in err for kind in ("text", "pdf", "audio", "captions")) and "record en" in err


def test_second_run_does_no_stage_work_and_status_says_up_to_date(project, cli, seed):
    cli("run", seed, "--langs", "en")
    code, out, err = cli("run", seed, "--langs", "en")
    assert code == 0
    assert "Nothing to do: all" in out and "0 written" in out
    assert "jobs to run" not in err
    code, out, _ = cli("status", "--langs", "en")
    assert code == 0 and "up to date" in out


def test_status_reports_changed_source_and_damaged_outputs(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    cli("run", source, "--langs", "en")
    source.write_text(EXAMPLE.read_text().replace("1,248 attacks", "1,249 attacks"))
    assert "stale" in cli("status", "--langs", "en")[1]
    cli("run", source, "--langs", "en")
    (text_file,) = (project / "outputs").glob("*/en/*.txt")
    text_file.write_text("tampered")
    assert "damaged" in cli("status", "--langs", "en")[1]
    assert cli("run", source, "--langs", "en")[0] == 0
    assert "tampered" not in text_file.read_text()


def test_out_and_project_options(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project = tmp_path / "elsewhere"
    project.mkdir()
    code, _, err = cli("run", EXAMPLE, "--project", project, "--out", "site", "--langs", "en", "-q")
    assert code == 0 and err == ""
    assert list((tmp_path / "site").glob("*/manifest.json"))
    assert (project / ".work" / "cache").is_dir()


def test_project_settings_file_and_command_line_override(project, cli):
    write(project / "release-pipeline.toml", 'outputs = "public"\nlanguages = ["en"]\neditions = ["text"]\n')
    assert cli("run", EXAMPLE)[0] == 0
    assert list((project / "public").glob("*/manifest.json"))
    write(project / "release-pipeline.toml", 'colour = "blue"\n')
    code, _, err = cli("run", EXAMPLE)
    assert code == 2 and "release-pipeline.toml: unknown setting 'colour'" in err


def test_console_script_reports_bad_input_without_traceback(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# T\n\nWARSAW, 30 February 2024 - x\n")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(bad), "--project", str(tmp_path)],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 2
    assert result.stderr == f"release-pipeline: error: {bad}:3: impossible date '30 February 2024' in dateline\n"
    assert list(tmp_path.iterdir()) == [bad]


def test_duplicate_release_ids_are_refused(project, cli):
    copy = write(project / "copy.md", EXAMPLE.read_text())
    code, _, err = cli("run", EXAMPLE, copy)
    assert code == 2 and "also the id of" in err


def test_help_everywhere(cli):
    for command in ([], ["run"], ["status"]):
        with pytest.raises(SystemExit) as exit_:
            cli(*command, "--help")
        assert exit_.value.code == 0
