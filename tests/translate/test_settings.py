"""pipeline/translate/settings.py: the translate stage's settings, and what every worker must have."""

import pytest

from pipeline.config import load_config
from pipeline.errors import PipelineError
from pipeline.languages import language
from pipeline.translate.settings import (font_problem, path_problem, translate_settings, voice_problem,
                                         worker_checks)


def test_the_cut_of_machine_translation_is_a_setting_and_an_option(project, command):
    assert translate_settings(load_config(project)).segments_per_job == 500
    assert translate_settings(load_config(project, segments_per_job=40)).segments_per_job == 40
    with pytest.raises(PipelineError, match="--segments-per-job: segments-per-job must be 1 or more, not 0"):
        load_config(project, segments_per_job=0)
    code, _, err = command("run", "missing.md", "--segments-per-job", "x")
    assert code == 2 and "--segments-per-job: invalid int value" in err


def test_workers_need_what_the_editions_read(project):
    assert worker_checks(load_config(project, editions=("text", "json"))) == ()
    pdf = worker_checks(load_config(project, editions=("pdf",)))
    assert pdf == ((font_problem, ("/usr/share/fonts/truetype/dejavu",)),)
    audio = worker_checks(load_config(project, editions=("audio",), languages=("fr", "es")))
    assert {args for check, args in audio if check is voice_problem} == {
        (language(lang).voice, lang) for lang in ("en", "fr", "es")}
    assert translate_settings(load_config(project, editions=("pdf",))).workers_need == pdf


def test_each_check_says_what_is_missing_and_where(tmp_path):
    assert font_problem("/usr/share/fonts/truetype/dejavu") is None
    problem = font_problem(str(tmp_path))
    assert f"{tmp_path}/DejaVuSans.ttf is missing" in problem and "fonts-dejavu-core" in problem
    assert path_problem("the logo", str(tmp_path / "logo.png"), "logo") == \
        f"the logo {tmp_path / 'logo.png'} does not exist (logo)"
    assert path_problem("the logo", str(tmp_path), "logo") is None
    assert voice_problem("roa/fr", "fr") is None
    assert "eSpeak NG has no voice 'xx/none' for the xx audio editions" in voice_problem("xx/none", "xx")
