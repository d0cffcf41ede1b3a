"""pipeline/translate/stage.py: the translate stage hands on one frozen TranslatedLanguage per language."""

import dataclasses
import re
from types import SimpleNamespace

import pytest

from pipeline.config import load_config
from pipeline.ingest import read_release
from pipeline.jobs import Cache, Runner, SerialExecutor
from pipeline.segment import segment_release
from pipeline.translate.settings import translate_settings
from pipeline.translate.stage import ReleaseToTranslate, _cut, translate_releases, translations_if_cached

from ..conftest import EXAMPLE, write

HEADER_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)


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


def _releases(project, count: int) -> list:
    """The example and `count - 1` variants of it, each sentence of each its own."""
    paths = [EXAMPLE]
    for word in ("some", "many", "all", "few")[:count - 1]:
        paths.append(write(project / f"variant-{word}.md", EXAMPLE.read_text().replace(" the ", f" {word} ")))
    return paths


def test_a_batch_cut_into_many_jobs_writes_the_same_catalogs_as_one_job(tmp_path, monkeypatch):
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    catalogs, names = {}, {}
    for per_job in (1000, 7):
        project = tmp_path / f"cut-{per_job}"
        project.mkdir()
        config = load_config(project, languages=("es", "fr"), engines={"es": "apertium", "fr": "apertium"},
                             segments_per_job=per_job)
        runner = Runner(Cache(config.cache_dir), SerialExecutor())
        translate_releases([to_translate(path) for path in _releases(tmp_path, 3)], translate_settings(config), runner)
        names[per_job] = runner.stats.ran
        catalogs[per_job] = {path.relative_to(project).as_posix(): HEADER_DATES.sub("", path.read_text())
                             for path in sorted((project / "locales").rglob("*.po"))}
    assert sorted(names[1000]) == ["translate es: 39 segments of 3 releases with apertium",
                                   "translate fr: 39 segments of 3 releases with apertium"]
    assert len(names[7]) == 12 and "translate es (1 of 6): 7 segments of 1 release with apertium" in names[7]
    assert sum(int(name.split(": ")[1].split()[0]) for name in names[7]) == 78  # each release in two jobs
    assert len(catalogs[7]) == 6 and catalogs[7] == catalogs[1000]


def test_the_cut_keeps_whole_releases_together_while_they_fit():
    works = [_work(count) for count in (3, 4, 2, 9, 1)]
    cuts = _cut(works, 5)
    assert [[(works.index(work), start, end) for work, start, end in cut] for cut in cuts] == [
        [(0, 0, 3)], [(1, 0, 4)], [(2, 0, 2)], [(3, 0, 5)], [(3, 5, 9), (4, 0, 1)]]
    assert _cut(works, 100) == [[(work, 0, len(work.job.args[4])) for work in works]]


def _work(count: int):
    return SimpleNamespace(job=SimpleNamespace(args=("apertium", None, "en", "es", ("x",) * count, "v")))


@pytest.mark.slow
def test_editions_and_catalogs_of_a_cut_batch_are_byte_identical_to_one_job(tmp_path, cli, monkeypatch):
    """The whole run, on two worker processes: every published file and catalog, one job per language
    pair against jobs of 5 segments (several per release, spread over the workers)."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    releases = tmp_path / "releases"
    for path in _releases(releases, 3):
        write(releases / path.name, path.read_text())
    built = {}
    for per_job in ("1000", "5"):
        project = tmp_path / f"run-{per_job}"
        write(project / "release-pipeline.toml", 'languages = ["es", "it"]\neditions = ["text", "json"]\n')
        code, _, err = cli("run", releases, "--project", project, "--workers", "2", "--segments-per-job", per_job)
        assert code == 0, err
        assert ("translate es (1 of 9): 5 segments of 1 release with apertium" in err) == (per_job == "5"), err
        files = {}
        for release in sorted((project / "outputs").glob("*/manifest.json")):
            for path in sorted(release.parent.resolve().rglob("*")):
                if path.suffix in (".txt", ".json"):  # the manifest names the project's folder, which differs
                    files[f"{release.parent.name}/{path.relative_to(release.parent.resolve())}"] = \
                        path.read_bytes().replace(str(project).encode(), b"PROJECT")
        for path in sorted((project / "locales").rglob("*.po")):
            files[path.relative_to(project).as_posix()] = HEADER_DATES.sub("", path.read_text()).encode()
        built[per_job] = files
    assert len([name for name in built["5"] if name.endswith("manifest.json")]) == 3
    assert sorted(built["5"]) == sorted(built["1000"])
    assert [name for name in built["5"] if built["5"][name] != built["1000"][name]] == []
