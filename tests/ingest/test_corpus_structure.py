"""The corpus in another language (issue 23, item 9): every shape of tests/data/shapes/ and the bundled
example runs through `release-pipeline run --langs es` (the real Apertium engine) without a refusal, and
the Spanish JSON edition has the structure of the English one — the same blocks in the same order, the
same table cells, figures, footnotes and contacts, the same footnote references and links in each block.
The release's PO catalog has a segment for each table cell and each figure's alt text."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ..conftest import EXAMPLES, write
from .conftest import corpus

pytestmark = pytest.mark.slow  # a run with Apertium per shape: about a second each

SOURCES = [*corpus(), *sorted(EXAMPLES.glob("*.md"))]
TAG = re.compile(r"</?\d+>")


def run_spanish(project: Path, cli, source: Path) -> tuple[dict, dict, list]:
    """The English and Spanish JSON editions, and the Spanish catalog's entries (context, msgid)."""
    write(project / "release-pipeline.toml", 'engine = "apertium"\n')
    code, out, err = cli("run", source, "--langs", "es", "--editions", "json")
    assert code == 0, f"{source.name} refused: {err}"
    (english,) = (project / "outputs").glob("*/en/*.json")
    (spanish,) = (project / "outputs").glob("*/es/*.json")
    (po,) = (project / "locales" / "es" / "releases").glob("*.po")
    catalog = read_po(io.BytesIO(po.read_bytes()))
    entries = [(message.context or "", message.id) for message in catalog if message.id]
    return (json.loads(english.read_text(encoding="utf-8")), json.loads(spanish.read_text(encoding="utf-8")),
            entries)


def text(runs: list[dict]) -> str:
    return "".join(run["text"] for run in runs)


def refs(runs: list[dict]) -> tuple:
    """What a piece of text carries besides its words: its footnote references and its links."""
    return (tuple(sorted(run["note"] for run in runs if run.get("note"))),
            tuple(sorted(run["href"] for run in runs if run.get("href"))))


def cell(runs: list[dict]) -> tuple:
    return (bool(text(runs).strip()), refs(runs))


def block_shape(block: dict) -> tuple:
    """A block's structure, without its words."""
    kind = block["kind"]
    if kind == "heading":
        return kind, block["level"], refs(block["runs"])
    if kind == "paragraph":
        return kind, refs(block["runs"])
    if kind == "quote":
        return kind, tuple(refs(p) for p in block["paragraphs"])
    if kind == "list":
        return kind, block["ordered"], block["start"], tuple(refs(item) for item in block["items"])
    if kind == "table":
        return (kind, tuple(cell(c) for c in block["header"]), tuple(tuple(cell(c) for c in row) for row in block["rows"]),
                cell(block["caption"]), tuple(block["align"]))
    if kind == "figure":
        return (kind, block["src"], bool(block["alt"]), cell(block["caption"]), cell(block["credit"]),
                block["media_type"], block["sha256"])
    raise AssertionError(f"unknown block kind {kind!r}")


def counts(data: dict) -> dict[str, int]:
    """What a reader counts: headings, paragraphs, list items, quotations, table cells, figures, notes,
    contacts (and their phones and e-mail addresses)."""
    found: Counter[str] = Counter()
    for block in data["blocks"]:
        kind = block["kind"]
        found[kind + "s"] += 1
        if kind == "list":
            found["list items"] += len(block["items"])
        elif kind == "table":
            found["table cells"] += len(block["header"]) + sum(len(row) for row in block["rows"])
            found["table captions"] += bool(block["caption"])
        elif kind == "figure":
            found["alt texts"] += bool(block["alt"])
            found["figure captions"] += bool(block["caption"])
            found["credits"] += bool(block["credit"])
    found["notes"] = len(data["notes"])
    found["note paragraphs"] = sum(len(note["paragraphs"]) for note in data["notes"])
    found["contacts"] = len(data["contacts"])
    found["phones"] = sum(len(contact["phones"]) for contact in data["contacts"])
    found["e-mail addresses"] = sum(len(contact["emails"]) for contact in data["contacts"])
    return dict(found)


def shape(data: dict) -> dict:
    return {
        "kind": data["kind"],
        "dateline": data["dateline"] is not None,
        "date": data["date"],
        "blocks": [block_shape(block) for block in data["blocks"]],
        "further information": data["further_information"] and data["further_information"]["urls"],
        "notes": [(note["label"], note["number"], tuple(refs(p) for p in note["paragraphs"])) for note in data["notes"]],
        "contacts": [(c["kind"], len(c["address"]), [p["number"] for p in c["phones"]], c["emails"]) for c in data["contacts"]],
        "copyright": data["copyright"] is not None,
    }


def translatable(runs: list[dict]) -> bool:
    """A part the pipeline sends to translation: a letter or digit outside a passage in another language."""
    return any(ch.isalnum() for run in runs if not run.get("lang") for ch in run["text"])


def plain(msgid: str) -> str:
    return TAG.sub("", msgid)


def made_of(part: str, msgids: list[str]) -> bool:
    """Whether `part` is one catalog entry, or several in a row (a part of several sentences)."""
    return any(" ".join(msgids[i:j]) == part for i in range(len(msgids)) for j in range(i + 1, len(msgids) + 1))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_spanish_edition_keeps_the_structure_and_the_catalog_has_every_cell_and_alt_text(source, project, cli):
    english, spanish, entries = run_spanish(project, cli, source)
    assert spanish["lang"] == "es" and spanish["review_state"] == "machine"
    assert counts(spanish) == counts(english)
    assert shape(spanish) == shape(english)
    assert english["title"] and spanish["title"] and spanish["title"] != english["title"]

    # Every table cell (and caption) is a segment of its own: its text is one entry, or entries in a row.
    cells = [text(part) for block in english["blocks"] if block["kind"] == "table"
             for part in [*block["header"], *(c for row in block["rows"] for c in row), block["caption"]]
             if translatable(part)]
    cell_ids = [plain(msgid) for context, msgid in entries if context.startswith("cell.")]
    assert len(cell_ids) >= len(cells)
    missing = [part for part in cells if part not in cell_ids and not made_of(part, cell_ids)]
    assert not missing, f"cells without their own catalog entry: {missing}"
    if all(part in cell_ids for part in cells):  # one sentence each: exactly one entry per cell
        assert Counter(cell_ids) == Counter(cells)

    # Every figure's alt text (and caption and credit) is a segment of its own.
    figures = [block for block in english["blocks"] if block["kind"] == "figure"]
    figure_ids = [plain(msgid) for context, msgid in entries if context.startswith("figure.")]
    alts = [figure["alt"] for figure in figures if figure["alt"]]
    parts = [text(figure[key]) for figure in figures for key in ("caption", "credit") if translatable(figure[key])]
    assert len(figure_ids) >= len(alts) + len(parts)
    missing = [alt for alt in alts + parts if alt not in figure_ids and not made_of(alt, figure_ids)]
    assert not missing, f"figure texts without their own catalog entry: {missing}"


def test_the_structure_check_sees_a_lost_cell_figure_or_note():
    """The comparison is not vacuous: a table short of a cell, a figure without its credit, a note
    less, a contact without its phone, or one paragraph instead of two, all differ."""
    runs = [{"text": "Text", "note": "1"}]
    data = {"kind": "press-release", "dateline": "VIENNA, 5 March 2024", "date": "2024-03-05", "copyright": None,
            "further_information": None,
            "blocks": [{"kind": "paragraph", "runs": runs}, {"kind": "paragraph", "runs": [{"text": "More."}]},
                       {"kind": "table", "header": [[{"text": "A"}], [{"text": "B"}]],
                        "rows": [[[{"text": "1"}], [{"text": "2"}]]], "caption": [], "align": [None, None]},
                       {"kind": "figure", "src": "a.jpg", "alt": "Alt.", "caption": [],
                        "credit": [{"text": "Photo: OSCE"}], "media_type": None, "sha256": None}],
            "notes": [{"label": "1", "number": 1, "paragraphs": [[{"text": "A note."}]]}],
            "contacts": [{"kind": "person", "address": [], "phones": [{"number": "+43 1"}], "emails": ["a@b.org"]}]}
    broken = [
        lambda d: d["blocks"][2]["rows"][0].pop(),
        lambda d: d["blocks"][3]["credit"].clear(),
        lambda d: d["notes"].clear(),
        lambda d: d["blocks"][0]["runs"][0].pop("note"),
        lambda d: d["contacts"][0]["phones"].clear(),
        lambda d: d["blocks"].pop(1),
    ]
    for change in broken:
        copy = json.loads(json.dumps(data))
        change(copy)
        assert counts(copy) != counts(data) or shape(copy) != shape(data), change
