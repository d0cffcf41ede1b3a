"""Footnotes (issue 23): a reference `[^1]` is a run `Run("1", note="1")` in its paragraph, a definition a
`Note` in `Release.notes`, in the order the text first refers to them; a reference without a definition
stays as written with a warning, a definition nobody refers to is kept last; each note paragraph is a
segment; a lost note is refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.ingest.conservation import check_conservation
from pipeline.release import Note, Run, plain_text
from pipeline.segment import segment_release

from ..conftest import write

TEXT = """# OSCE publishes its report

VIENNA, 5 March 2024 – The report counts 517 attacks.[^src] Most were online.[^1]

The figures are provisional[^1] for now.

[^1]: Reports received until 31 January 2024.

    A second paragraph: see [the method](https://www.osce.org/method).

[^src]: OSCE *Representative on Freedom of the Media*.
"""


def test_references_are_runs_and_definitions_notes_in_order_of_first_reference(tmp_path):
    release = read_release(write(tmp_path / "r.md", TEXT))
    first = release.blocks[0].runs
    assert [run for run in first if run.note] == [Run("src", note="src"), Run("1", note="1")]
    assert plain_text(first) == "The report counts 517 attacks.src Most were online.1"
    assert [run.note for run in release.blocks[1].runs if run.note] == ["1"]
    assert [note.label for note in release.notes] == ["src", "1"]  # "src" is referred to first
    src, one = release.notes
    assert [plain_text(paragraph) for paragraph in one.paragraphs] == [
        "Reports received until 31 January 2024.", "A second paragraph: see the method."]
    assert one.paragraphs[1][1].href == "https://www.osce.org/method"
    assert src.paragraphs[0][1].emphasis
    assert release.warnings == ()
    assert all("Reports received" not in plain_text(part) for block in release.blocks for part in block.parts)


def test_two_references_side_by_side_stay_two_runs(tmp_path):
    release = read_release(write(tmp_path / "r.md", "# T\n\nText.[^1][^2]\n\n[^1]: One.\n[^2]: Two.\n"))
    assert [run.note for run in release.blocks[0].runs] == [None, "1", "2"]


def test_a_reference_without_definition_stays_with_a_warning(tmp_path):
    path = write(tmp_path / "r.md", "# T\n\nVIENNA, 5 March 2024 – Text.\n\nSee the annex.[^9]\n")
    release = read_release(path)
    assert plain_text(release.blocks[-1].runs) == "See the annex.[^9]" and release.notes == ()
    assert release.warnings == (f"{path}:5: footnote reference [^9] has no definition (no '[^9]: …' line): "
                                "kept as written",)


def test_a_definition_no_text_refers_to_is_kept_last_with_a_warning(tmp_path):
    path = write(tmp_path / "r.md", "# T\n\nText.[^b]\n\n[^a]: Never referred to.\n\n[^b]: Referred to.\n")
    release = read_release(path)
    assert [(note.label, plain_text(note.paragraphs[0])) for note in release.notes] == [
        ("b", "Referred to."), ("a", "Never referred to.")]
    assert release.warnings == (f"{path}:5: footnote [^a] is defined but the text never refers to it: "
                                "it is kept, after the others",)


def test_each_note_paragraph_is_a_segment(tmp_path):
    release = read_release(write(tmp_path / "r.md", TEXT))
    segmentation = segment_release(release)
    notes = [(segmentation.units[segment.unit].path, segment.text) for segment in segmentation.segments
             if segmentation.units[segment.unit].role == "note"]
    assert notes == [((4, 0, 0), "OSCE <1>Representative on Freedom of the Media</1>."),
                     ((4, 1, 0), "Reports received until 31 January 2024."),
                     ((4, 1, 1), "A second paragraph: see <1>the method</1>.")]
    body = [segment.text for segment in segmentation.segments if segmentation.units[segment.unit].role == "body"]
    assert body[0] == "The report counts 517 attacks.<1>src</1> Most were online.<2>1</2>"


def test_a_lost_note_or_note_word_is_refused(tmp_path):
    path = write(tmp_path / "r.md", TEXT)
    release = read_release(path)
    body = path.read_text(encoding="utf-8")
    with pytest.raises(InputError, match=r"ingest would drop the footnote \[\^1\]") as caught:
        check_conservation(body, 1, replace(release, notes=release.notes[:1]), path)
    assert caught.value.line == 7
    shorter = Note("1", release.notes[1].paragraphs[:1])
    with pytest.raises(InputError, match=r"ingest would drop 'A' from the footnote \[\^1\]") as caught:
        check_conservation(body, 1, replace(release, notes=(release.notes[0], shorter)), path)
    assert caught.value.line == 9
