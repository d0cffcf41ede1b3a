"""pipeline/ingest/detect.py: passages in another language found at the run level, and ones the
writer marked kept (that they are not translated and stay byte for byte is tests/ingest/test_shapes.py)."""

from pipeline.ingest import read_release

from .conftest import SHAPES, foreign_runs


def test_foreign_passages_are_found_at_the_run_level_and_marked_ones_kept():
    release = read_release(SHAPES / "foreign-passages.md")
    assert [(run.lang, run.text.split()[1]) for run in foreign_runs(release)] == [
        ("fr", "La"), ("de", "Wahrheit"), ("ru", "слова"), ("fr", "continuerons")]
    english = [run for run in release.blocks[2].runs if not run.lang]
    assert "".join(run.text for run in english) == "“” the laureate said."
