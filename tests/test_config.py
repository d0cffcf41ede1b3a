"""pipeline/config.py: settings from files, the environment and the command line, checked before any write."""

from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.errors import InputError, PipelineError
from pipeline.translate.settings import engine_settings

from .conftest import write


def test_command_line_overrides_the_settings_file(project):
    write(project / "release-pipeline.toml", 'languages = ["fr", "es"]\npaper = "us-letter"\n')
    config = load_config(project, languages=("it",))
    assert config.languages == ("it",) and config.paper == "us-letter"
    assert config.all_languages == ("en", "it")


def test_pyproject_table_is_read_when_there_is_no_settings_file(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.release-pipeline]\nsource-language = "en"\nbeam-size = 4\n')
    assert load_config(tmp_path).beam_size == 4


def test_argos_environment_variables_are_settings_and_reach_the_engine(project, monkeypatch):
    monkeypatch.setenv("ARGOS_COMPUTE_TYPE", "int8")
    monkeypatch.setenv("ARGOS_BEAM_SIZE", "4")
    settings = engine_settings(load_config(project))
    assert (settings.compute_type, settings.beam_size) == ("int8", 4)  # part of every translate job's key
    write(project / "release-pipeline.toml", 'beam-size = 1\n')
    assert engine_settings(load_config(project)).beam_size == 1  # the file wins over the environment
    monkeypatch.setenv("ARGOS_BEAM_SIZE", "four")
    with pytest.raises(PipelineError, match="ARGOS_BEAM_SIZE='four' must be a whole number"):
        load_config(project)


@pytest.mark.parametrize("setting, message", [
    ('languages = ["fr", "zz"]', "language 'zz' is not in the language table"),
    ('editions = ["text", "fax"]', "unknown edition 'fax'"),
    ('executor = "cluster"', "executor must be one of local, serial, dask-local or dask://HOST:PORT"),
    ('paper = "a5"', "paper must be one of a4, us-letter"),
    ('notes-in-audio = "footer"', "notes-in-audio must be one of after-paragraph, end"),
    ('braille-grade = "grade 3"', "braille-grade must be one of contracted, uncontracted"),
    ('braille-cells = 10', "a braille page needs at least 16 cells a line and 4 lines"),
    ('colour = "blue"', "unknown setting 'colour'"),
    ('workers = "two"', "setting 'workers' must be a whole number"),
])
def test_a_bad_setting_names_the_settings_file(project, setting, message):
    path = write(project / "release-pipeline.toml", setting + "\n")
    with pytest.raises(InputError, match=message) as raised:
        load_config(project)
    assert raised.value.path == str(path)


def test_a_bad_option_names_the_option(project):
    with pytest.raises(PipelineError, match="^--langs: language 'xx'"):
        load_config(project, languages=("xx",))


def test_paths_are_relative_to_the_project(project):
    config = load_config(project, outputs=None)
    assert config.outputs_dir == project / "outputs" and config.cache_dir == project / ".work" / "cache"
    assert load_config(project, outputs=Path("/elsewhere")).outputs_dir == Path("/elsewhere")
