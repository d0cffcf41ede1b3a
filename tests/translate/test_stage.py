"""pipeline/translate/stage.py: the translate stage hands on one frozen TranslatedLanguage per language."""

import dataclasses

import pytest

from pipeline.config import load_config
from pipeline.ingest import read_release
from pipeline.jobs import Cache, Runner, SerialExecutor
from pipeline.segment import segment_release
from pipeline.translate.settings import translate_settings
from pipeline.translate.stage import ReleaseToTranslate, translate_releases, translations_if_cached

from ..conftest import EXAMPLE, write


def to_translate(path) -> ReleaseToTranslate:
    release = read_release(path)
    return ReleaseToTranslate(release, segment_release(release))


def test_the_stage_writes_catalogs_and_hands_on_frozen_languages(project):
    config = load_config(project, languages=("es", "de"))
    item = to_translate(EXAMPLE)
    runner = Runner(Cache(config.cache_dir), SerialExecutor())
    (languages,) = translate_releases([item], translate_settings(config), runner).values()
    spanish, german = languages
    assert spanish.lang == "es" and spanish.engine.name == "apertium" and spanish.catalog_written
    assert spanish.status.machine > 0 and len(spanish.translations) == len(item.segmentation.segments)
    assert german.engine.name is None and german.status.untranslated > 0  # no engine: said so, not faked
    with pytest.raises(dataclasses.FrozenInstanceError):
        spanish.lang = "fr"
    # What `status` sees afterwards, from the cache and the catalogs alone, is the same.
    again, missing = translations_if_cached(item, translate_settings(config),
                                            Runner(Cache(config.cache_dir), SerialExecutor()))
    assert missing == {} and [t.translations for t in again] == [spanish.translations, german.translations]


def test_status_says_what_is_left_to_translate_without_writing(project):
    config = load_config(project, languages=("es",))
    languages, missing = translations_if_cached(to_translate(EXAMPLE), translate_settings(config),
                                                Runner(Cache(config.cache_dir), SerialExecutor()))
    assert languages == () and missing["es"] > 0
    assert not (project / "locales").exists()


def test_several_releases_share_one_job_per_language_pair(project):
    config = load_config(project, languages=("es",))
    other = write(project / "other.md", EXAMPLE.read_text().replace("# OSCE Representative", "# The Representative"))
    runner = Runner(Cache(config.cache_dir), SerialExecutor())
    out = translate_releases([to_translate(EXAMPLE), to_translate(other)], translate_settings(config), runner)
    assert len(runner.stats.ran) == 1 and "of 2 releases" in runner.stats.ran[0]
    assert all(language.status.machine > 0 for languages in out.values() for language in languages)


def test_the_stage_reads_its_own_settings_built_from_the_configuration_in_one_place(project):
    config = load_config(project, languages=("es", "en", "de", "es"), engines={"de": "none"}, beam_size=1)
    settings = translate_settings(config)
    assert settings.languages == ("es", "de") and settings.source_language == "en"
    assert [settings.engine_for(lang) for lang in settings.languages] == ["argos", "none"]
    assert settings.engine.beam_size == 1 and settings.locales_dir == config.locales_dir
    assert settings.memory == config.locales_dir / "memory.sqlite3"
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.languages = ("fr",)
