"""Issue 13's acceptance: no damaged or stale translation is published, and the worklist says why.

Real parts throughout: Apertium translates, translate-toolkit checks, the
pipeline runs end to end into the text edition.
"""

import re

import pytest

from pipeline.catalogs.catalog import catalog_path
from pipeline.catalogs.findings import BLOCKING
from pipeline.catalogs.po import read_catalog
from pipeline.catalogs.review import format_text, has_blocking, review_language, to_json
from pipeline.config import load_config
from pipeline.publication.decide import Occasion
from pipeline.publication.moments import current
from pipeline.run import run
from pipeline.translate.reviewed import catalog_check

from ..conftest import EXAMPLES, write
from ..catalogs.conftest import review as reviewed

URL = "https://www.osce.org/fom/report-2023"
RELEASE = f"""# Media freedom report published

VIENNA, 5 March 2024 – The Representative published the report today.

The full report is available at {URL} in English and Russian.

Fewer than one in ten cases led to a conviction.
"""
RELEASE_ID = "2024-03-05-media-freedom-report-published"


def line_of(path, msgid: str) -> int:
    return next(m.lineno for m in read_catalog(path) if m.id == msgid)


@pytest.fixture
def french(project):
    write(project / "release-pipeline.toml", 'engine = "apertium"\nlanguages = ["fr"]\neditions = ["text"]\n')
    source = write(project / "release.md", RELEASE)
    config = load_config(project)
    report = run([source], config)
    assert report.releases[0].languages[0].blocking == ()
    return source, config, catalog_path(project / "locales", "fr", RELEASE_ID)


def french_text(project) -> str:
    (edition,) = (project / "outputs").glob("*/fr/*.txt")
    return edition.read_text()


def test_a_reviewed_entry_that_drops_a_url_is_not_published_and_is_reported(project, french):
    source, config, path = french
    sentence = f"The full report is available at {URL} in English and Russian."
    reviewed(path, sentence, "Le rapport complet est disponible en anglais et en russe.")
    report = run([source], config)
    (language,) = report.releases[0].languages
    assert language.blocking == (f"{path}:{line_of(path, sentence)}: reviewed translation drops {URL}",)
    text = french_text(project)
    assert "Le rapport complet est disponible en anglais et en russe." not in text
    assert URL in text  # the machine translation, which kept the link, is published instead
    # The reviewer's text stays in the catalog, with the finding as a comment …
    message = next(m for m in read_catalog(path) if m.id == sentence)
    assert message.string == "Le rapport complet est disponible en anglais et en russe." and not message.fuzzy
    assert f"QA: url missing: {URL}" in message.user_comments
    # … and the worklist shows it as blocking.
    (worklist,) = [review_language(path, "fr", catalog_check(path, "fr"))]
    blocked = [e for e in worklist.entries if e.state == "blocking"]
    assert [e.segment_id for e in blocked] == [message.context] and has_blocking([worklist])
    assert worklist.severities[BLOCKING] == 1
    # Once the reviewer puts the link back, it is published, and nothing blocks.
    reviewed_again = path.read_text().replace('msgstr "Le rapport complet est disponible en anglais et en russe."',
                                              f'msgstr "Le rapport complet est disponible sur {URL} en anglais et en russe."')
    path.write_text(reviewed_again)
    assert run([source], config).releases[0].languages[0].blocking == ()
    assert f"Le rapport complet est disponible sur {URL} en anglais et en russe." in french_text(project)


def test_a_reviewed_sentence_whose_source_changed_is_not_published(project, french):
    source, config, path = french
    old = "Fewer than one in ten cases led to a conviction."
    reviewed(path, old, "Moins d’un cas sur dix a abouti à une condamnation.")
    run([source], config)
    assert "Moins d’un cas sur dix" in french_text(project)
    source.write_text(source.read_text().replace("one in ten", "one in eight"))
    correction = Occasion(current(None), correction="One figure corrected.")  # the English is public
    for _ in range(2):  # the run that sees the change, and the next one
        report = run([source], config, occasion=correction)
        assert report.releases[0].languages[0].blocking == ()
        assert "Moins d’un cas sur dix" not in french_text(project)
    new = old.replace("one in ten", "one in eight")
    message = next(m for m in read_catalog(path) if m.id == new)
    assert message.fuzzy and message.previous_id == [old]
    assert message.string == "Moins d’un cas sur dix a abouti à une condamnation."  # kept as a suggestion
    worklist = review_language(path, "fr", catalog_check(path, "fr"))
    first = worklist.entries[0]
    assert first.state == "source changed" and first.diff == "Fewer than one in [-ten-] {+eight+} cases led to a conviction."
    text = format_text([worklist])
    assert f"{path}:{first.line}  [{first.segment_id}] source changed" in text and "[-ten-] {+eight+}" in text
    assert '"state": "source changed"' in to_json([worklist])


def test_pivot_language_leak_is_flagged_in_the_italian_catalog(project):
    write(project / "release-pipeline.toml", 'engine = "apertium"\nlanguages = ["it"]\neditions = ["text"]\n')
    source = write(project / "release.md", RELEASE + "\nOnline harassment of journalists and budgetary cuts.\n")
    run([source], load_config(project))
    path = catalog_path(project / "locales", "it", RELEASE_ID)
    worklist = review_language(path, "it", catalog_check(path, "it"))
    leaks = [f.detail for e in worklist.entries for f in e.findings if f.code == "pivot-language word"]
    assert any("assetjament" in leak.lower() for leak in leaks), leaks


@pytest.mark.parametrize("lang", ["fr", "it", "es"])
def test_example_engine_marks_and_spacing_are_findings_and_published_text_is_clean(project, lang):
    write(project / "release-pipeline.toml", f'engine = "apertium"\nlanguages = ["{lang}"]\neditions = ["text"]\n')
    (example,) = EXAMPLES.glob("*.md")
    source = write(project / "release.md", example.read_text())
    config = load_config(project)
    run([source], config)
    path = catalog_path(project / "locales", lang, "2024-03-05-osce-representative-on-freedom-of-the-media")
    from pipeline.translate import EngineSettings
    from pipeline.translate.apertium import ApertiumEngine
    from pipeline.translate.protect import mask
    from pipeline.translate.glossary import load_glossary

    glossary = load_glossary(config.locales_dir, lang)
    messages = [m for m in read_catalog(path) if m.id and m.fuzzy]
    raw = ApertiumEngine(EngineSettings()).translate([mask(m.id, lang, glossary).text for m in messages], "en", lang)
    for message, output in zip(messages, raw):
        comments = " ".join(message.user_comments)
        for mark in re.findall(r"(?<![\w*#@])[*#@]{1,2}(\w[\w'’-]*)", output):
            assert f"unknown word: {mark} (" in comments, (mark, comments)
        if re.search(r"\S {2,}\S", output):
            assert "doubled space" in comments, (output, comments)
    text = (next((project / "outputs").glob(f"*/{lang}/*.txt"))).read_text()
    body = "\n".join(line for line in text.splitlines() if not line.startswith("["))
    assert not re.search(r"\S {2,}\S", body) and not re.search(r"\S[ \t]+[.,](\s|$)", body)
    assert not re.search(r"(?<![\w*#@])[*#@]{1,2}\w", body)
