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


def test_out_and_project_options(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project = tmp_path / "elsewhere"
    project.mkdir()
    code, _, err = cli("run", EXAMPLE, "--project", project, "--out", "site", "--langs", "en", "-q")
    assert code == 0 and err == ""
    assert list((tmp_path / "site").glob("*/manifest.json"))
    assert (project / ".work" / "cache").is_dir()


def test_project_settings_file_and_command_line_override(project, cli):
    write(project / "release-pipeline.toml", 'outputs = "public"\npublic = "site"\nlanguages = ["en"]\neditions = ["text"]\n')
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


# --- every command checks what it is given (issue 21) ------------------------------------------


def one_line_error(code: int, err: str) -> str:
    """A user's mistake: exit status 2, one line on stderr, no traceback."""
    assert code == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"  # the bundled example's id

# Every command line that takes a language, with XX where the language goes.
LANGUAGE_COMMANDS = [
    ("run", EXAMPLE, "--langs", "XX"),
    ("status", "--langs", "fr,XX"),
    ("review", RELEASE_ID, "--lang", "XX"),
    ("review", "export", RELEASE_ID, "--lang", "XX", "--format", "xliff", "-o", "out.xlf"),
    ("speech", EXAMPLE, "--lang", "XX"),
    ("memory", "show", "--lang", "XX"),
    ("memory", "export", "--lang", "XX"),
    ("memory", "import", "past.tmx", "--lang", "XX"),
    ("memory", "align", EXAMPLE, EXAMPLE, "--lang", "XX"),
    ("evaluate", "--references", ".", "--lang", "XX"),
    ("models", "install", "XX"),
    ("check", "file.pdf", "--lang", "XX"),
    ("publish", "--langs", "XX"),
    ("serve", "--langs", "XX"),
    ("approve", RELEASE_ID, "--lang", "XX", "--by", "Ana"),
    ("withdraw", RELEASE_ID, "--langs", "XX", "--reason", "R", "--by", "Ana"),
    ("send", RELEASE_ID, "--lang", "XX"),
]


@pytest.mark.parametrize("args", LANGUAGE_COMMANDS, ids=lambda args: " ".join(map(str, args[:2])))
def test_every_language_option_is_checked(project, command, args):
    code, out, err = command(*[str(arg).replace("XX", "xx") for arg in args])
    assert "'xx'" in one_line_error(code, err) and out == ""
    assert sorted(path.name for path in project.iterdir()) == ["release-pipeline.toml"]  # nothing stored


@pytest.mark.parametrize("args", [("review", RELEASE_ID, "--lang", "en"),
                                  ("memory", "align", EXAMPLE, EXAMPLE, "--lang", "en"),
                                  ("evaluate", "--references", ".", "--lang", "en")])
def test_a_target_language_option_refuses_the_source_language(project, command, args):
    code, _, err = command(*args)
    assert "'en' is the source language" in one_line_error(code, err)


def test_every_command_that_takes_a_language_is_in_the_loop():
    from pipeline.arguments import build_parser

    takes_language = {name for name, sub in subcommands(build_parser()).items()
                      if {"--lang", "--langs"} & set(sub._option_string_actions) or name == "models"}
    assert takes_language == {args[0] for args in LANGUAGE_COMMANDS}


def subcommands(parser) -> dict:
    import argparse

    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize("value", ["80000", "-1", "65536", "http", "8000.5"])
def test_serve_port_must_be_a_port_number(project, command, value):
    assert "is not a port number" in one_line_error(*command("serve", "--port", value)[::2])


def test_serve_port_error_from_the_console_script(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline", "serve", "--port", "80000", "--project", str(tmp_path)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2
    assert result.stderr == ("release-pipeline serve: error: argument --port: '80000' is not a port number "
                             "(1-65535, or 0 for any free port)\n")


def test_serve_port_zero_means_any_free_port():
    from pipeline.arguments import build_parser

    assert build_parser().parse_args(["serve", "--port", "0"]).port == 0
    assert build_parser().parse_args(["serve", "--port", "65535"]).port == 65535


@pytest.mark.parametrize("url", ["notaurl", "press.example.org/releases", "ftp://press.example.org/", "https://",
                                 "http:///releases", "https://press example.org/", "https://[::1"])
def test_publish_base_url_must_be_an_absolute_http_url(project, command, url):
    code, _, err = command("publish", "--base-url", url)
    assert "is not an absolute http:// or https:// URL" in one_line_error(code, err)
    assert not (project / "outputs").exists()


def test_base_url_setting_is_checked_too(project, command):
    write(project / "release-pipeline.toml", 'editions = ["text"]\nbase-url = "notaurl"\n')
    code, _, err = command("run", EXAMPLE, "--langs", "en")
    assert "release-pipeline.toml: 'notaurl' is not an absolute" in one_line_error(code, err)
    assert not (project / "outputs").exists()


@pytest.fixture
def french(project, cli) -> Path:
    """The bundled example run in French (Apertium, or the source when no engine is installed)."""
    write(project / "release-pipeline.toml", 'editions = ["text"]\nlanguages = ["fr"]\n')
    source = write(project / "release.md", EXAMPLE.read_text())
    assert cli("run", source)[0] == 0
    return source


def test_a_release_is_its_file_or_its_id(french, cli):
    for command in (("review", "--lang", "fr", "--stats"), ("speech", "--lang", "fr")):
        by_file = cli(command[0], french, *command[1:])
        by_id = cli(command[0], RELEASE_ID, *command[1:])
        assert by_file[0] == by_id[0] == 0 and by_file[1] == by_id[1] and by_file[1], by_file[2] + by_id[2]
    for release in (french, RELEASE_ID):
        assert cli("review", "export", release, "--lang", "fr", "--format", "xliff", "-o", "fr.xlf")[0] == 0


@pytest.mark.parametrize("args", [("review", "NAME"), ("review", "NAME", "--lang", "fr"),
                                  ("speech", "NAME", "--lang", "fr"),
                                  ("review", "export", "NAME", "--lang", "fr", "--format", "xliff", "-o", "fr.xlf")])
@pytest.mark.parametrize("name", ["2024-03-05-no-such-release", "missing.md"])
def test_an_unknown_release_is_one_line_naming_what_was_given(french, command, args, name):
    code, _, err = command(*[name if arg == "NAME" else arg for arg in args])
    assert f"RELEASE {name!r} is neither a release file nor the id of a release" in one_line_error(code, err)
    assert RELEASE_ID in err  # the releases it could have meant


def test_speech_takes_one_of_the_projects_languages(french, command):
    assert command("speech", RELEASE_ID, "--lang", "en")[0] == 0  # the source language is one
    code, _, err = command("speech", RELEASE_ID, "--lang", "ca")  # in the language table, not in this project
    assert "--lang: 'ca' is not one of this project's languages (en, fr)" in one_line_error(code, err)


def test_speech_by_id_needs_the_source_file(french, command):
    french.unlink()
    code, _, err = command("speech", RELEASE_ID, "--lang", "fr")
    assert "its source file release.md is gone" in one_line_error(code, err)


@pytest.mark.parametrize("args, usage, hint", [
    (("run", "--lang", "fr", EXAMPLE), "release-pipeline run", "--lang (did you mean --langs?)"),
    (("memory", "align", "--bogus"), "release-pipeline memory", "--bogus"),
    (("review", RELEASE_ID, "--stat"), "release-pipeline review", "--stat (did you mean --stats?)"),
    (("status", "--debug"), "release-pipeline status", "--debug goes before the command"),
])
def test_a_mistyped_option_shows_its_commands_usage(project, command, args, usage, hint):
    code, out, err = command(*args)
    assert code == 2 and out == ""
    assert err.startswith(f"usage: {usage} ") and "Traceback" not in err
    assert err.splitlines()[-1].startswith(f"{usage}: error: unrecognized arguments: ") and hint in err


def test_counts_are_singular_for_one():
    from pipeline.display import plural

    assert [plural(n, "QA finding") for n in (0, 1, 2)] == ["0 QA findings", "1 QA finding", "2 QA findings"]
    assert plural(1, "cache entry", "cache entries") == "1 cache entry"
    assert plural(3, "cache entry", "cache entries") == "3 cache entries"
