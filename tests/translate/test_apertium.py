"""Apertium is installed by the project's set-up (system-packages.txt): these tests never skip."""

import re

import pytest

from pipeline.release import Segment
from pipeline.translate import EngineSettings, choose_engine
from pipeline.translate.apertium import ApertiumEngine
from pipeline.translate.glossary import load_glossary
from pipeline.translate.protect import mask
from pipeline.translate.qa import Checker
from pipeline.translate.stage import machine_result

from ..conftest import EXAMPLE, REPO, write


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


SENTENCES = ["The mission in Dragash/Dragaš met the Xyzzyq council.",
             "(Qwzx) and “Blorf” and Smith-Wqqq met – Vlorp, «Qwert» and „Trelk“ on 1/Zzyx.",
             "Follow #MediaFreedom, #Elections and @OSCE_RFoM or write to press@osce.org.",
             "*Figures are provisional for Kosovo* and the *Xyzzyq* report."]
OWN_MARKS = [[], [], ["#MediaFreedom", "#", "@OSCE_RFoM"], ["*", "*Xyzzyq"]]  # the source's, before a word
UNKNOWN = [{"Dragash", "Dragaš", "Xyzzyq"}, {"Qwzx", "Blorf", "Wqqq", "Vlorp", "Qwert", "Trelk", "Zzyx"},
           {"MediaFreedom", "RFoM"}, {"Xyzzyq"}]


@pytest.mark.parametrize("lang", ["es", "fr", "it"])
def test_the_engines_marks_never_reach_the_text_and_each_is_a_finding(lang):
    """The real engine, through the stage's own post-processing (stage.machine_result): a mark after
    a slash, a bracket, a quotation mark, a hyphen, a dash or inside a handle is stripped and recorded;
    the source's hashtags (translated or not), handle, footnote asterisks and e-mail address stay."""
    glossary = load_glossary(REPO / "locales", lang)
    checker = Checker(lang, glossary)
    segments = [Segment(f"body.{n}", 0, text) for n, text in enumerate(SENTENCES)]
    masked = [mask(segment.text, lang, glossary) for segment in segments]
    raw = ApertiumEngine(EngineSettings()).translate([m.text for m in masked], "en", lang)
    assert "*Dragaš" in raw[0] and "*Zzyx" in raw[1] and "*RFoM" in raw[2]  # the engine marks them
    for segment, masked_text, output, own, unknown in zip(segments, masked, raw, OWN_MARKS, UNKNOWN):
        final, findings = machine_result(segment, masked_text, output, lang, "apertium", checker)
        marked = re.findall(r"[*#@]+[^\W_]+(?:_[^\W_]+)?", final.replace("press@osce.org", ""))
        assert [m if m in own else m[0] for m in marked] == own, (output, final)
        assert {f.detail.split(" (")[0] for f in findings if f.code == "unknown word"} >= unknown, findings
    finals = [machine_result(s, m, o, lang, "apertium", checker)[0] for s, m, o in zip(segments, masked, raw)]
    assert "Dragash/Dragaš" in finals[0] and "1/Zzyx" in finals[1] and "press@osce.org" in finals[2]
    assert finals[3].startswith("*") and "Kosovo*" in finals[3]
