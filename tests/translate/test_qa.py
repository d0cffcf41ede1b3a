from pipeline.translate.glossary import Glossary
from pipeline.translate.protect import mask, unmask
from pipeline.translate.qa import check

SOURCE = "The OSCE counted 1,248 attacks, see https://osce.org/report."
MASKED = mask(SOURCE, "fr", Glossary((("OSCE", "OSCE"),)))


def findings(raw: str) -> list[str]:
    return check(SOURCE, MASKED, raw, unmask(raw, MASKED))


def test_a_good_translation_has_no_findings():
    assert findings("L'⟦1⟧ a compté ⟦2⟧ attaques, voir ⟦3⟧.") == []


def test_missing_duplicated_and_leftover_placeholders():
    result = findings("L'⟦1⟧ a compté ⟦2⟧ ⟦2⟧ attaques, voir ⟦9⟧.")
    assert "url missing: https://osce.org/report" in result
    assert "number duplicated: 1\u202f248" in result
    assert any(f.startswith("leftover placeholder") for f in result)


def test_glossary_term_missing_untranslated_and_length_ratio():
    assert "glossary term missing: OSCE" in findings("L'organisation a compté ⟦2⟧ attaques, voir ⟦3⟧.")
    assert "untranslated: same as the source" in findings(MASKED.text)
    assert any(f.startswith("length ratio") for f in findings("⟦1⟧ ⟦2⟧"))
