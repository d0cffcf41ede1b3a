"""The real argos path on tiny packages the tests build: install, translate, QA, remove."""

import re

import pytest

from pipeline.catalogs.catalog import catalog_path, is_label, state_of
from pipeline.catalogs.po import read_catalog
from pipeline.translate import EngineSettings, choose_engine
from pipeline.translate.argos import ArgosEngine, installed_models

from ..conftest import EXAMPLE, write
from ..support.synthetic_argos import build_argosmodel


@pytest.fixture
def packages(tmp_path):
    folder = tmp_path / "argosmodels"
    build_argosmodel(folder, "en", "fr")
    build_argosmodel(folder, "fr", "en", seed=1)
    build_argosmodel(folder, "en", "es", seed=2)
    return folder


def test_models_install_list_remove(project, cli, packages):
    models = project.parent / "models"
    code, out, _ = cli("models", "install", "--from", packages, "--models-dir", models)
    assert code == 0 and out.count("installed translate-") == 3
    code, out, _ = cli("models", "list", "--models-dir", models)
    assert "en→fr  translate-en_fr 0.0.1" in out and "MB" in out
    code, out, _ = cli("models", "remove", "fr_en", "--models-dir", models)
    assert code == 0 and "removed translate-fr_en" in out
    assert {(m.source, m.target) for m in installed_models(models)} == {("en", "fr"), ("en", "es")}


def test_install_refuses_what_is_not_a_package(project, cli, tmp_path):
    bogus = write(tmp_path / "x.argosmodel", "not a zip")
    code, _, err = cli("models", "install", "--from", bogus, "--models-dir", tmp_path / "m")
    assert code == 2 and "not an Argos package" in err and err.count("\n") == 1


def test_pivot_through_english(tmp_path, packages):
    models = tmp_path / "models"
    from pipeline.translate.argos import install_from_path

    install_from_path(packages, models)
    engine = ArgosEngine(EngineSettings(models_dir=str(models)))
    assert [m.code for m in engine.route("fr", "es")] == ["translate-fr_en", "translate-en_es"]
    translations = engine.translate(["Le bureau a dit.", "Bonjour."], "fr", "es")
    assert len(translations) == 2 and all(isinstance(t, str) and t for t in translations)
    assert choose_engine("argos", EngineSettings(models_dir=str(models)), "en", "fr").name == "argos"


def test_a_long_translation_reports_how_far_it_is_and_matches_one_batch(tmp_path, packages):
    """The engine hands back results as CTranslate2 finishes them (`translate_iterable`), so the
    job can say "n of m segments translated"; the text is what one `translate_batch` call gives."""
    from argostranslate.package import Package

    from pipeline.jobs import call_job
    from pipeline.translate.argos import install_from_path

    models = tmp_path / "models"
    install_from_path(packages, models)
    engine = ArgosEngine(EngineSettings(models_dir=str(models), batch_size=4))
    texts = [f"The office said {n} things." for n in range(40)]
    seen = []

    def report(done, total, unit):  # every step the job reports, as the runner would show it
        seen.append(f" ({done:.0f} of {total:.0f} {unit})")

    translations = call_job(report, engine.translate, texts, "fr", "es")
    assert seen[-1] == " (80 of 80 segments translated)"  # two hops: fr→en→es
    assert len(seen) == 80 and seen[0] == " (1 of 80 segments translated)"
    # The same as one translate_batch call per hop with the same options.
    expected = texts
    for model in engine.route("fr", "es"):
        package = Package(model.path)
        batch = engine._translator(model.path).translate_batch(
            [package.tokenizer.encode(t) for t in expected], beam_size=engine.settings.beam_size,
            max_batch_size=4, replace_unknowns=True, length_penalty=0.2,
            max_decoding_length=engine.settings.max_decoding_length)
        expected = [package.tokenizer.decode(r.hypotheses[0]).strip() for r in batch]
    assert translations == expected


def test_run_translates_with_argos_and_qa_flags_the_gibberish(project, cli, packages):
    models = project / "models"
    assert cli("models", "install", "--from", packages, "--models-dir", models)[0] == 0
    code, out, err = cli("run", EXAMPLE, "--langs", "fr", "--models-dir", models)
    assert code == 0, err
    # The fixed phrase comes from the label catalog; gibberish that breaks a link's tags or loses a
    # number is not published (the edition shows the English sentence instead).
    summary = next(line for line in out.splitlines() if line.strip().startswith("fr: 14 segments"))
    reviewed, machine, untranslated = (int(n) for n in re.findall(r"(\d+) (?:reviewed|machine|untranslated)", summary))
    assert reviewed == 1 and machine + untranslated == 13 and "engine argos" in summary
    assert "translate fr: 13 segments with argos" in err
    catalog = read_catalog(catalog_path(project / "locales", "fr", "2024-03-05-osce-representative-on-freedom-of-the-media"))
    messages = [m for m in catalog if m.id]
    machine = [m for m in messages if not is_label(m)]
    assert len(machine) == 13 and all(state_of(m) == "machine" for m in machine)
    assert all(any(c.startswith("machine translation: argos") for c in m.auto_comments) for m in machine)
    qa = [c for m in messages for c in m.user_comments if c.startswith("QA: ")]
    assert any("url missing" in c or "email missing" in c for c in qa) or any("number missing" in c for c in qa)
    assert any("glossary term missing" in c for c in qa)
    assert "QA findings: fr" in out
    (edition,) = (project / "outputs").glob("*/fr/*.fr.txt")
    text = edition.read_text()
    assert text.startswith("COMMUNIQUÉ DE PRESSE\n\n")
    assert "Ceci est une traduction automatique" in text
