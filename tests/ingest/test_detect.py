"""pipeline/ingest/detect.py: passages in another language found at the run level, and ones the
writer marked kept (that they are not translated and stay byte for byte is tests/ingest/test_shapes.py)."""

from pipeline.ingest import read_release
from pipeline.ingest.detect import mark_foreign_runs
from pipeline.release import Run

from .conftest import SHAPES, foreign_runs


def test_foreign_passages_are_found_at_the_run_level_and_marked_ones_kept():
    release = read_release(SHAPES / "foreign-passages.md")
    assert [(run.lang, run.text.split()[1]) for run in foreign_runs(release)] == [
        ("fr", "La"), ("de", "Wahrheit"), ("ru", "слова"), ("fr", "continuerons")]
    english = [run for run in release.blocks[2].runs if not run.lang]
    assert "".join(run.text for run in english) == " the laureate said."  # the marks are the quotation's


# --- a quotation's marks belong to it; short ones and languages outside the table ------------------

def passages(text: str, lang: str = "en") -> list[tuple[str, str]]:
    return [(run.lang, run.text) for run in mark_foreign_runs((Run(text),), lang) if run.lang]


def test_the_quotation_marks_around_a_passage_in_another_language_are_part_of_it():
    german = "The minister said: „Wir werden die Empfehlungen des Berichts so schnell wie möglich umsetzen.“ Good."
    assert passages(german) == [("de", "„Wir werden die Empfehlungen des Berichts so schnell wie möglich umsetzen.“")]
    french = "He replied: « Nous agirons avec nos partenaires pour que cela se fasse. » The meeting ended."
    assert passages(french) == [("fr", "« Nous agirons avec nos partenaires pour que cela se fasse. »")]
    # An italic passage or one the writer marked, between marks of plain text: the marks join it, in their own style.
    said, then = "The minister told the press that it was a start: „", "“ and the mission said it would help."
    runs = (Run(said), Run("Wir werden es umsetzen", emphasis=True, lang="de"), Run(then))
    assert mark_foreign_runs(runs, "en") == (
        Run(said[:-1]), Run("„", lang="de"), Run("Wir werden es umsetzen", emphasis=True, lang="de"),
        Run("“", lang="de"), Run(then[1:]))


def test_a_short_quotation_in_marks_english_does_not_use_is_a_passage_in_another_language():
    assert passages("The minister said: „Wir werden die Empfehlungen umsetzen.“ The mission welcomed this.") == [
        ("de", "„Wir werden die Empfehlungen umsetzen.“")]
    assert passages("The ambassador replied: « Nous agirons. » The meeting ended.") == [("fr", "« Nous agirons. »")]
    # Serbian is not in the language table: kept as written, as a language undetermined ("und").
    assert passages("The mayor added: „Ovo je važan korak.“ The council agreed.") == [("und", "„Ovo je važan korak.“")]
    # English words between such marks, and short quotations in English marks, stay English.
    assert passages("The so-called „safe and secure environment“ was discussed.") == []
    assert passages("The project, “Mirëdita Dobar Dan”, was presented.") == []
    assert passages("The “Nous agirons” campaign.") == []  # English marks: six words at least, as a paragraph
