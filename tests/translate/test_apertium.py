"""Apertium is installed by the project's set-up (system-packages.txt): these tests never skip."""

import re

from pipeline.translate import EngineSettings, choose_engine
from pipeline.translate.apertium import ApertiumEngine

from ..conftest import EXAMPLE, write


def test_apertium_covers_es_fr_it_and_is_chosen_when_no_argos_model(tmp_path):
    settings = EngineSettings(models_dir=str(tmp_path / "no-models"))
    engine = ApertiumEngine(settings)
    assert all(engine.supports("en", lang) for lang in ("es", "fr", "it"))
    assert not engine.supports("en", "de") and not engine.supports("en", "ru")
    choice = choose_engine("argos", settings, "en", "es")
    assert choice.name == "apertium" and "no argos model for en→es; using apertium" in choice.note
    assert choose_engine("argos", settings, "en", "ru").name is None


def test_batch_translation_keeps_order_and_placeholders():
    engine = ApertiumEngine(EngineSettings())
    out = engine.translate(["The Office said that ⟦1⟧ people visited ⟦2⟧.", "Third sentence about ⟦3⟧."], "en", "es")
    assert len(out) == 2 and "⟦1⟧" in out[0] and "⟦2⟧" in out[0] and "⟦3⟧" in out[1]
    assert out[0].startswith("La Oficina")


def test_spanish_edition_keeps_urls_emails_phones_and_formats_numbers(project, cli):
    write(project / "release-pipeline.toml", 'engine = "apertium"\neditions = ["text"]\n')
    source = write(project / "release.md", EXAMPLE.read_text().replace(
        "recording 1,248 attacks", "recording 11,874 attacks, see www.osce.org/fom or write to fom@osce.org,"))
    code, out, err = cli("run", source, "--langs", "es")
    assert code == 0, err
    (english,) = (project / "outputs").glob("*/en/*.txt")
    (spanish,) = (project / "outputs").glob("*/es/*.txt")
    en, es = english.read_text(), spanish.read_text()
    for pattern in (r"https?://\S+|www\.\S+", r"[\w.]+@[\w.]+\w", r"\+\d[\d ]+\d"):
        protected = re.findall(pattern, en)
        assert protected and all(item in es for item in protected), pattern
    assert "11.874" in es and "41,5\xa0%" in es and "12,5\xa0%" in es and "2,5" in es
    assert "2023" in es and "COMUNICADO DE PRENSA" in es
