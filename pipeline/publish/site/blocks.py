"""The JSON edition's text as a release page shows it: footnotes linked both ways, pictures and tables.

The JSON edition keeps footnote references as written (a run with `note`, the
note's label) and names a picture by its checksum; the page needs more, worked
out here so that the template (`templates/release.html`) only writes markup:

- a footnote reference shows its note's number and links to it
  (`role="doc-noteref"`, `#note-<n>`), with an id of its own (`ref-<n>`, then
  `ref-<n>-2` …) that the note links back to (`role="doc-backlink"`) from the
  notes' list after the text (`role="doc-endnotes"`);
- a picture published with the release (publish/images.py) is shown from
  `../images/<name>`; a picture on the web from its address; any other (a
  file the release could not read, an SVG) as a framed description: "Photo:
  alt text" and its address;
- a table's rows get every column, and each column its alignment: as written,
  else right for a column of quantities (as in the text, PDF and EPUB);
- right-to-left text (`directions`, text/direction.py): a paragraph, heading, quote
  paragraph, list item or note paragraph that is mainly right-to-left gets its
  direction (`dir` on a heading or paragraph, `paragraph_dirs` on a quote or a
  note, `item_dirs` on a list: "rtl" or None), and a run of the other direction
  inside any text becomes a run of its own with `dir` ("rtl" for a Hebrew name
  in an English sentence), for `<p dir="rtl">` and `<span dir="rtl">` (as the
  EPUB writes them).
"""

from __future__ import annotations

import copy
from pathlib import Path

from ...editions.text import cell_text, column_alignments
from ...localise.labels import FIGURE_LABEL
from ...localise.typography import labelled
from ...release import Labels, Run, Table
from ...text.direction import has_right_to_left, opposite_runs, text_direction
from ..images import image_path

WEB = ("http://", "https://")


def page_text(data: dict, release_directory: Path, labels: Labels) -> tuple[list[dict], list[dict]]:
    """The blocks and the notes of a JSON edition (`data`), ready for the page; `data` is not changed."""
    blocks = copy.deepcopy(data.get("blocks", []))
    numbers = {note["label"]: str(note["number"]) for note in data.get("notes", [])}
    references: dict[str, list[str]] = {}  # a note's number → its references' ids, in order

    def number_references(value) -> None:
        if isinstance(value, dict):
            if "note" in value and "text" in value:
                number = numbers.get(value["note"])
                if number is not None:
                    ids = references.setdefault(number, [])
                    ids.append(f"ref-{number}" + (f"-{len(ids) + 1}" if ids else ""))
                    value.update(note_number=number, note_id=ids[-1], note_href=f"#note-{number}")
            for item in value.values():
                number_references(item)
        elif isinstance(value, list):
            for item in value:
                number_references(item)

    number_references(blocks)
    for block in blocks:
        if block.get("kind") == "figure":
            _picture(block, release_directory, labels, data.get("lang", labels.lang))
        elif block.get("kind") == "table":
            _table(block)
    notes = copy.deepcopy(data.get("notes", []))
    number_references(notes)  # a note's own references link on (they are rare)
    for note in notes:
        number = str(note["number"])
        note.update(id=f"note-{number}", backref=(references.get(number) or [None])[0])
    directions(blocks, notes)
    return blocks, notes


# --- right-to-left text ------------------------------------------------------------------------


def directions(blocks: list[dict], notes: list[dict]) -> None:
    """Marks right-to-left text in the page's blocks and notes (see the module's docstring)."""
    for block in blocks:
        kind = block.get("kind")
        if kind in ("heading", "paragraph"):
            block["dir"], block["runs"] = directed(block.get("runs") or [])
        elif kind == "quote":
            block["paragraph_dirs"], block["paragraphs"] = _each(block.get("paragraphs") or [])
        elif kind == "list":
            block["item_dirs"], block["items"] = _each(block.get("items") or [])
        elif kind == "table":
            block["header"] = _each(block.get("header") or [])[1]
            block["rows"] = [_each(row)[1] for row in block.get("rows") or []]
            block["caption"] = directed(block.get("caption") or [])[1]
        elif kind == "figure":
            block["caption"] = directed(block.get("caption") or [])[1]
            block["credit"] = directed(block.get("credit") or [])[1]
    for note in notes:
        note["paragraph_dirs"], note["paragraphs"] = _each(note.get("paragraphs") or [])


def _each(parts: list[list[dict]]) -> tuple[list[str | None], list[list[dict]]]:
    done = [directed(runs) for runs in parts]
    return [direction for direction, _ in done], [runs for _, runs in done]


def directed(runs: list[dict]) -> tuple[str | None, list[dict]]:
    """("rtl" where the runs' text is mainly right-to-left, else None; the runs with each stretch of the
    other direction a run of its own with `dir`). A link or a footnote reference is not split: a link
    that is wholly of the other direction gets `dir` as a whole."""
    text = "".join(run.get("text", "") for run in runs)
    base = "rtl" if text_direction(text) == "rtl" else "ltr"
    other = "ltr" if base == "rtl" else "rtl"
    if base == "ltr" and not has_right_to_left(text):
        return None, runs
    out: list[dict] = []
    for run in runs:
        piece = run.get("text", "")
        if "note" in run or run.get("href"):
            out.append({**run, "dir": other} if text_direction(piece) == other else run)
            continue
        position = 0
        for start, end in opposite_runs(piece, base):
            if start > position:
                out.append({**run, "text": piece[position:start]})
            out.append({**run, "text": piece[start:end], "dir": other})
            position = end
        if position < len(piece) or not piece:
            out.append({**run, "text": piece[position:]})
    return ("rtl" if base == "rtl" else None), out


def _picture(figure: dict, release_directory: Path, labels: Labels, lang: str) -> None:
    """Where the page shows the picture from (`img`), or, with none, what it says of it (`described`)."""
    published = image_path(figure.get("sha256"), figure.get("media_type"))
    src = figure.get("src") or ""
    if published and (release_directory / published).is_file():
        figure["img"] = f"../{published}"
    elif src.strip().lower().startswith(WEB):
        figure["img"] = src.strip()
    alt = figure.get("alt") or ""
    label = labels.gettext(FIGURE_LABEL)
    figure["described"] = labelled(label, alt, lang) if alt else label
    figure["link"] = src.strip() if src.strip().lower().startswith(WEB) else None


def _table(table: dict) -> None:
    header, rows = table.get("header") or [], table.get("rows") or []
    columns = max([len(header), *(len(row) for row in rows)], default=0)
    table["rows"] = [row + [[]] * (columns - len(row)) for row in rows]
    if header:
        table["header"] = header + [[]] * (columns - len(header))
    shape = Table(header=(), rows=tuple(tuple((Run(""),) for _ in row) for row in table["rows"]),
                  align=tuple(table.get("align") or ()))
    texts = [[cell_text(tuple(Run(run.get("text", "")) for run in cell if "note" not in run)) for cell in row]
             for row in table["rows"]]
    table["aligns"] = column_alignments(shape, texts) if columns else []
