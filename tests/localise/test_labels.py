"""The label catalogs: complete, in step with the code, and used at run time."""

import shutil
import subprocess
import sys

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from pipeline.localise.labels import PIPELINE_LOCALES, kind_label, load_labels, notices
from pipeline.release import TranslationStatus

from ..conftest import REPO, write

LABEL_LANGUAGES = ["fr", "de", "it", "ru", "es"]


def code_messages() -> set[str]:
    """Every message the code marks, found the way `make locales` finds them (babel.cfg)."""
    with (REPO / "babel.cfg").open() as stream:
        method_map, options_map = parse_mapping_cfg(stream)
    found = set()
    for _, _, message, _, _ in extract_from_dir(REPO, method_map, options_map):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def read_labels(lang: str):
    with (PIPELINE_LOCALES / lang / "LC_MESSAGES" / "pipeline.po").open("rb") as stream:
        return read_po(stream)


@pytest.mark.parametrize("lang", LABEL_LANGUAGES)
def test_every_label_in_the_code_has_a_human_translation(lang):
    catalog = read_labels(lang)
    translated = {}
    for message in catalog:
        if message.id and not message.fuzzy:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            translated[key] = all(strings)
    missing = sorted(m for m in code_messages() if not translated.get(m))
    assert not missing, f"{lang}: labels without a translation (run `make locales`, then translate): {missing}"


@pytest.mark.parametrize("lang", LABEL_LANGUAGES)
def test_placeholders_and_plural_forms_agree(lang):
    catalog = read_labels(lang)
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert not problems
    plural = next(m for m in catalog if isinstance(m.id, tuple))
    assert len(plural.string) == catalog.num_plurals


def test_pybabel_compile_reports_every_catalog_complete(tmp_path):
    for lang in LABEL_LANGUAGES:
        po = PIPELINE_LOCALES / lang / "LC_MESSAGES" / "pipeline.po"
        result = subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "compile", "--statistics",
             "-i", str(po), "-o", str(tmp_path / f"{lang}.mo"), "-l", lang],
            capture_output=True, text=True, check=True)
        assert "(100%) translated" in result.stderr + result.stdout, result.stderr


def test_russian_plural_forms():
    labels = load_labels("ru")
    said = [notices(labels, TranslationStatus(source=False, segments=30, untranslated=n))[0].split(" ")[:2]
            for n in (1, 3, 5, 21)]
    assert said == [["1", "предложение"], ["3", "предложения"], ["5", "предложений"], ["21", "предложение"]]


def test_labels_in_every_language_and_english_without_a_catalog():
    assert [kind_label(load_labels(lang), "press-release") for lang in ["en", *LABEL_LANGUAGES]] == [
        "Press release", "Communiqué de presse", "Pressemitteilung", "Comunicato stampa", "Пресс-релиз",
        "Comunicado de prensa"]
    assert kind_label(load_labels("fr"), "joint-communique") == "Joint communique"


def test_a_project_catalog_overrides_a_label_and_a_stale_mo_is_not_used(tmp_path):
    po = PIPELINE_LOCALES / "fr" / "LC_MESSAGES" / "pipeline.po"
    ours = tmp_path / "fr" / "LC_MESSAGES" / "pipeline.po"
    ours.parent.mkdir(parents=True)
    shutil.copy(po, ours)
    ours.write_text(po.read_text().replace('msgstr "Bureau"', 'msgstr "Bureau fixe"'))
    assert load_labels("fr", [tmp_path]).gettext("Office") == "Bureau fixe"


def test_a_broken_label_catalog_names_its_file_and_line(tmp_path):
    write(tmp_path / "de" / "LC_MESSAGES" / "pipeline.po", 'msgid "Office"\nmsgstr "Büro\n')
    from pipeline.errors import InputError

    with pytest.raises(InputError) as caught:
        load_labels("de", [tmp_path])
    assert str(tmp_path / "de" / "LC_MESSAGES" / "pipeline.po") in str(caught.value)
    assert caught.value.line == 2
