"""Tables (issue 23): a GFM table in the body is a `Table` block (header, rows, alignment, caption), each
cell its own unit; its caption is the "Table 1: …" paragraph right before or after it (figures.py's rule);
a table in the contacts section is still read as contacts; a lost cell is refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.ingest.conservation import check_conservation
from pipeline.release import block_kind, plain_text
from pipeline.segment import segment_release

from ..conftest import write

HEAD = "# Attacks on journalists\n\nVIENNA, 5 March 2024 – The Representative published the figures.\n\n"
TABLE = """| Type of attack | Cases | Change |
|:---|---:|:---:|
| Physical violence | 517 | +8.2% |
| Online *harassment* | 406 | +21.0% |
"""


def tables(release):
    return [block for block in release.blocks if block_kind(block) == "table"]


def texts(parts) -> list[str]:
    return [plain_text(part) for part in parts]


def paragraphs(release) -> list[str]:
    return [plain_text(block.runs) for block in release.blocks if block_kind(block) == "paragraph"]


def test_a_table_is_a_table_block_with_header_rows_and_alignment(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + TABLE + "\nThe data set is online.\n"))
    (table,) = tables(release)
    assert texts(table.header) == ["Type of attack", "Cases", "Change"]
    assert [texts(row) for row in table.rows] == [["Physical violence", "517", "+8.2%"],
                                                  ["Online harassment", "406", "+21.0%"]]
    assert table.align == ("left", "right", "center") and table.columns == 3
    assert table.rows[1][0][1].emphasis and table.caption == ()
    assert paragraphs(release) == ["The Representative published the figures.", "The data set is online."]


def test_every_cell_is_its_own_segment_header_cells_and_caption_too(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + "Table 1: Attacks by type\n\n" + TABLE))
    cells = [(unit.path, segment.text) for segment in segment_release(release).segments
             for unit in [segment_release(release).units[segment.unit]] if unit.role == "cell"]
    assert [text for _, text in cells] == ["Type of attack", "Cases", "Change", "Physical violence", "517",
                                           "+8.2%", "Online <1>harassment</1>", "406", "+21.0%",
                                           "Table 1: Attacks by type"]
    assert len({path for path, _ in cells}) == len(cells)  # one unit per cell: never translated with its neighbours


@pytest.mark.parametrize("before, after, caption, kept", [
    ("Table 1: Attacks by type\n\n", "", "Table 1: Attacks by type", []),
    ("", "\nTable: attacks reported in 2023.\n", "Table: attacks reported in 2023.", []),
    ("*Table 1 – Attacks by type*\n\n", "", "Table 1 – Attacks by type", []),  # its italics go
    ("Table 1: Before.\n\n", "\nTable: After.\n", "", ["Table 1: Before.", "Table: After."]),  # which? neither
    ("Table tennis is popular.\n\n", "", "", ["Table tennis is popular."]),  # no caption
    ("Table 1 shows the attacks.\n\n", "", "", ["Table 1 shows the attacks."]),  # a sentence, not a caption
    ("Table 2: The second table's.\n\n", "", "", ["Table 2: The second table's."]),  # not this table's number
])
def test_the_caption_is_the_table_paragraph_right_before_or_after(tmp_path, before, after, caption, kept):
    release = read_release(write(tmp_path / "r.md", HEAD + before + TABLE + after))
    (table,) = tables(release)
    assert plain_text(table.caption) == caption
    assert not any(run.emphasis for run in table.caption)
    assert paragraphs(release)[1:] == kept


def test_between_two_tables_a_numbered_caption_goes_with_its_number(tmp_path):
    below = read_release(write(tmp_path / "a.md", HEAD + TABLE + "\nTable 1: Attacks.\n\n" + TABLE
                               + "\nTable 2: Again.\n"))
    assert [plain_text(table.caption) for table in tables(below)] == ["Table 1: Attacks.", "Table 2: Again."]
    above = read_release(write(tmp_path / "b.md", HEAD + "Table 1: Attacks.\n\n" + TABLE
                               + "\nTable 2: Again.\n\n" + TABLE))
    assert [plain_text(table.caption) for table in tables(above)] == ["Table 1: Attacks.", "Table 2: Again."]
    unnumbered = read_release(write(tmp_path / "c.md", HEAD + TABLE + "\nTable: the second.\n\n" + TABLE))
    assert [plain_text(table.caption) for table in tables(unnumbered)] == ["", "Table: the second."]


def test_a_caption_in_another_language_is_read_in_any_release(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + "Tabelle 1: Angriffe.\n\n" + TABLE))
    assert plain_text(tables(release)[0].caption) == "Tabelle 1: Angriffe."


def test_a_table_without_a_header_row_has_none(tmp_path):
    headless = "|  |  |\n|---|---|\n| Vienna | 12 |\n| Warsaw | 7 |\n"
    (table,) = tables(read_release(write(tmp_path / "r.md", HEAD + headless)))
    assert table.header == () and [texts(row) for row in table.rows] == [["Vienna", "12"], ["Warsaw", "7"]]


def test_a_table_inside_a_list_is_one_item_per_row(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + "- Figures:\n\n  | A | B |\n  |---|---|\n  | 1 | 2 |\n"))
    (items,) = [block.items for block in release.blocks if block_kind(block) == "list"]
    assert texts(items) == ["Figures:", "A | B", "1 | 2"]


def test_a_table_in_the_contacts_section_is_still_read_as_contacts(tmp_path):
    text = HEAD + TABLE + "\n## Contacts\n\n| Name | Phone | E-mail |\n|---|---|---|\n" \
                          "| Jana Novak | +43 1 514 36 6180 | jana.novak@osce.org |\n"
    release = read_release(write(tmp_path / "r.md", text))
    assert len(tables(release)) == 1
    (contact,) = release.contacts
    assert contact.name == "Jana Novak" and contact.emails == ("jana.novak@osce.org",)


def test_a_lost_cell_is_refused_with_its_line(tmp_path):
    path = write(tmp_path / "r.md", HEAD + TABLE)
    release = read_release(path)
    (table,) = tables(release)
    changed = replace(table, rows=(table.rows[0], (table.rows[1][0], (), table.rows[1][2])))
    lost = replace(release, blocks=tuple(changed if block is table else block for block in release.blocks))
    with pytest.raises(InputError, match="ingest would drop '406'") as caught:
        check_conservation(path.read_text(encoding="utf-8"), 1, lost, path)
    assert caught.value.line == 8
