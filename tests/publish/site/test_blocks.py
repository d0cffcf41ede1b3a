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


def test_right_to_left_text_gets_its_direction_for_the_page(tmp_path):
    """Issue 24: the page marks right-to-left text as the EPUB does (`<p dir="rtl">`, `<span dir="rtl">`);
    blocks.py readies the data, text/direction.py decides, the words stay as they were."""
    from pipeline.ingest import read_release
    from pipeline.localise import localise_source
    from pipeline.segment import segment_release

    from ...conftest import REPO

    source = read_release(REPO / "tests" / "data" / "shapes" / "joint-statement-hebrew-arabic.md")
    data = release_data(localise_source(source, segment_release(source), load_labels("en")))
    blocks, _ = page_text(data, tmp_path, load_labels("en"))
    paragraphs = [block for block in blocks if block["kind"] == "paragraph"]
    assert [block["dir"] for block in paragraphs] == [None, None, "rtl", None, None]
    first = paragraphs[0]["runs"]
    assert [(run["text"], run.get("dir")) for run in first if run.get("dir")] == [("יעל כהן", "rtl"), ("عمر حداد", "rtl")]
    for before, after in zip(data["blocks"], blocks):  # the same text, split only
        if before["kind"] == "paragraph":
            assert "".join(run["text"] for run in after["runs"]) == "".join(run["text"] for run in before["runs"])
    quoted = paragraphs[1]["runs"]
    assert ("שלום לכולם", "rtl", "he") in [(run["text"], run.get("dir"), run.get("lang")) for run in quoted]
    # Without right-to-left text nothing changes.
    plain = release_data(example_with_blocks("en"))
    assert all(block.get("dir") is None for block in page_text(plain, tmp_path, load_labels("en"))[0])
