"""The JSON edition's text as the page shows it (publish/site/blocks.py): footnotes numbered and linked
both ways, pictures found where they are published, tables with every column aligned.
The pages themselves: test_site.py (and test_browser.py, in Chromium)."""

import hashlib

from pipeline.editions.data import release_data
from pipeline.localise.labels import load_labels
from pipeline.publish.images import image_path
from pipeline.publish.site.blocks import page_text

from ...support.blocks import PHOTO_URL, PNG, TEXTS, example_with_blocks


def test_references_number_their_notes_and_each_note_links_back_to_its_first(tmp_path):
    data = release_data(example_with_blocks("en"))
    data["blocks"][0]["runs"].append({"text": "[^sources]", "note": "sources"})  # a second reference
    blocks, notes = page_text(data, tmp_path, load_labels("en"))
    references = [run for block in blocks for run in _runs(block) if "note" in run]
    assert [(r["note_number"], r["note_id"], r["note_href"]) for r in references] == [
        ("1", "ref-1", "#note-1"), ("1", "ref-1-2", "#note-1"), ("2", "ref-2", "#note-2")]
    assert [(n["id"], n["backref"]) for n in notes] == [("note-1", "ref-1"), ("note-2", "ref-2")]
    assert "note_number" not in str(data)  # the JSON edition's data is left as it was


def test_a_published_picture_is_shown_from_the_release_folder_and_any_other_is_described(tmp_path):
    data = release_data(example_with_blocks("fr"))
    path = image_path(hashlib.sha256(PNG).hexdigest(), "image/png")
    labels = load_labels("fr")
    blocks, _ = page_text(data, tmp_path, labels)
    photo, chart = [block for block in blocks if block["kind"] == "figure"]
    assert photo["img"] == PHOTO_URL and photo["link"] == PHOTO_URL  # on the web: shown from its address
    assert photo["described"] == f"Photo\u202f: {TEXTS['fr']['alt']}"
    assert "img" not in chart and chart["described"] == "Photo"  # not published yet, no alt text: its label
    (tmp_path / path).parent.mkdir()
    (tmp_path / path).write_bytes(PNG)
    blocks, _ = page_text(data, tmp_path, labels)
    assert [block["img"] for block in blocks if block["kind"] == "figure"] == [PHOTO_URL, f"../{path}"]


def test_a_table_gets_every_column_and_quantities_align_right(tmp_path):
    data = release_data(example_with_blocks("en"))
    (table,) = [block for block in data["blocks"] if block["kind"] == "table"]
    table["rows"][1] = table["rows"][1][:2]  # a short row
    blocks, _ = page_text(data, tmp_path, load_labels("en"))
    (table,) = [block for block in blocks if block["kind"] == "table"]
    assert [len(row) for row in table["rows"]] == [3, 3, 3] and table["rows"][1][2] == []
    assert table["aligns"] == ["left", "right", "right"]


def _runs(value):
    if isinstance(value, dict):
        if "text" in value:
            yield value
        for item in value.values():
            yield from _runs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _runs(item)
