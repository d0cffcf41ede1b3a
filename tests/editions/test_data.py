"""The JSON edition (pipeline/editions/data.py): tables, figures and footnotes (issue 23)."""

import json
from dataclasses import replace

import pytest

from pipeline.editions.data import SCHEMA_VERSION, DataEdition, release_data
from pipeline.ingest import read_release
from pipeline.localise import localise_source
from pipeline.localise.labels import load_labels
from pipeline.release import Labels
from pipeline.segment import segment_release

from ..conftest import EXAMPLE
from ..support.blocks import PHOTO_URL, PNG, TEXTS, example_with_blocks


def texts(cells: list[list[dict]]) -> list[str]:
    return ["".join(run["text"] for run in cell) for cell in cells]


def rendered(localised) -> dict:
    return json.loads(DataEdition().render(localised).data)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_table_is_its_header_rows_and_caption(lang):
    data = rendered(example_with_blocks(lang))
    assert data["schema"] == SCHEMA_VERSION == 2
    (table,) = [block for block in data["blocks"] if block["kind"] == "table"]
    assert set(table) == {"kind", "header", "rows", "caption", "align"}
    assert texts(table["header"]) == list(TEXTS[lang]["header"])
    # Cells keep their text as written: "1\u202f248", "12,5\u202f%" in French.
    assert [texts(row) for row in table["rows"][:2]] == [list(row) for row in TEXTS[lang]["rows"][:2]]
    assert table["rows"][2][0] == [{"text": TEXTS[lang]["rows"][2][0]}, {"text": "[^online]", "note": "online"}]
    assert "".join(run["text"] for run in table["caption"]) == TEXTS[lang]["caption"]
    assert table["align"] == [None, None, None]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_figures_give_address_alt_text_caption_credit_and_media_type_never_bytes(lang):
    data = rendered(example_with_blocks(lang))
    photo, chart = [block for block in data["blocks"] if block["kind"] == "figure"]
    assert photo == {
        "kind": "figure", "src": PHOTO_URL, "alt": TEXTS[lang]["alt"], "alt_lang": None,
        "caption": [{"text": TEXTS[lang]["photo caption"]}], "credit": [{"text": TEXTS[lang]["credit"]}],
        "media_type": None, "sha256": None,
    }
    assert chart["src"] == "images/attacks-by-region.png" and chart["alt"] == "" and chart["credit"] == []
    assert chart["media_type"] == "image/png" and len(chart["sha256"]) == 64
    raw = DataEdition().render(example_with_blocks(lang)).data
    assert b"PNG" not in raw and PNG.hex().encode() not in raw


def test_where_figures_stand_among_the_blocks():
    kinds = [block["kind"] for block in rendered(example_with_blocks())["blocks"]]
    assert kinds == ["paragraph", "figure", "paragraph", "paragraph", "list", "table", "figure", "heading",
                     "paragraph", "paragraph"]


@pytest.mark.parametrize("lang, label", [("en", "Notes"), ("fr", "Notes")])
def test_notes_and_references(lang, label):
    data = rendered(example_with_blocks(lang))
    assert data["notes_label"] == label
    first, second = TEXTS[lang]["notes"]
    assert data["notes"] == [
        {"label": "sources", "number": 1, "text": first[1][0], "paragraphs": [[{"text": first[1][0]}]]},
        {"label": "online", "number": 2, "text": "\n\n".join(second[1]),
         "paragraphs": [[{"text": text}] for text in second[1]]},
    ]
    lead = data["blocks"][0]["runs"]
    assert lead[-1] == {"text": "[^sources]", "note": "sources"}  # a reference: the label of its note


def test_the_notes_label_is_the_editions_language():
    data = release_data(replace(example_with_blocks(), lang="de", labels=load_labels("de")))
    assert data["notes_label"] == "Anmerkungen"


def test_a_release_without_notes_has_an_empty_list():
    release = read_release(EXAMPLE)
    data = release_data(localise_source(release, segment_release(release), Labels("en")))
    assert data["notes"] == [] and {block["kind"] for block in data["blocks"]} == {"paragraph", "list", "heading"}
