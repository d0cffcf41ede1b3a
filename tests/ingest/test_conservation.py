"""pipeline/ingest/conservation.py: the content-conservation check names the file, line and text of
a word the parsed release would drop, and catches a changed number."""

from dataclasses import replace

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.ingest.conservation import check_conservation
from pipeline.release import Paragraph

from .conftest import SHAPES


def test_conservation_names_file_line_and_text_of_a_dropped_word(tmp_path):
    path = SHAPES / "bold-headings.md"
    body = path.read_text(encoding="utf-8")
    release = read_release(path)
    dropped = replace(release, blocks=release.blocks[:2] + release.blocks[3:])  # "The College was established …"
    with pytest.raises(InputError) as caught:
        check_conservation(body, 1, dropped, path)
    assert caught.value.line == 9 and "The College was established" in caught.value.message
    assert str(caught.value).startswith(f"{path}:9: ingest would drop")


def test_conservation_catches_a_changed_number(tmp_path):
    path = SHAPES / "tables-in-body.md"
    release = read_release(path)
    first = release.blocks[0]
    changed = replace(release, blocks=(Paragraph(tuple(replace(run, text=run.text.replace("2023", "2022"))
                                                       for run in first.runs)), *release.blocks[1:]))
    with pytest.raises(InputError, match="2023"):
        check_conservation(path.read_text(encoding="utf-8"), 1, changed, path)
