"""Generated releases of any size, for the length and backlog benchmarks.

A release is the bundled example's header (kicker, title, dateline
paragraph), then its body (paragraphs, a list, a heading, links) repeated
until the file has the size asked for, then its trailer (further
information, contacts, mail artefacts, copyright). Every sentence of every
copy is made unique ("In case 17, the Representative …"), so that
segmentation, the catalog and the translation memory see as many distinct
sentences as a real release of that length would have.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.text.sentences import split_sentences

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
TRAILER = "For further information"


def _parts(example: Path) -> tuple[str, list[str], str]:
    """(header up to and including the dateline paragraph, body blocks, trailer)."""
    text = example.read_text(encoding="utf-8")
    head, _, trailer = text.partition(TRAILER)
    blocks = [block for block in head.split("\n\n") if block.strip()]
    dateline = next(i for i, block in enumerate(blocks) if " – " in block)
    header = "\n\n".join(blocks[: dateline + 1])
    return header, blocks[dateline + 1:], TRAILER + trailer


def _vary(block: str, case: int) -> str:
    """The block with each sentence made unique by its case number (list items and headings too)."""
    if block.startswith("#"):
        return f"{block} (part {case})"
    lines = []
    for line in block.split("\n"):
        marker = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+)", line)
        prefix, body = (marker.group(1), line[marker.end():]) if marker else ("", line)
        sentences = split_sentences(body)
        lines.append(prefix + " ".join(f"In case {case}, {s[0].lower()}{s[1:]}" if s[:1].isalpha() else
                                       f"In case {case}: {s}" for s in sentences))
    return "\n".join(lines)


def generate_release(size: int, title: str = "", example: Path | None = None) -> str:
    """A Markdown release of about `size` bytes (never less than the example), all sentences unique."""
    header, body, trailer = _parts(example or sorted(EXAMPLES.glob("*.md"))[0])
    if title:
        header = re.sub(r"^# .*$", f"# {title}", header, count=1, flags=re.MULTILINE)
    pieces, total, case = [header], len(header) + len(trailer), 0
    while total < size or case == 0:
        case += 1
        for block in body:
            varied = _vary(block, case)
            pieces.append(varied)
            total += len(varied.encode("utf-8")) + 2
    pieces.append(trailer)
    return "\n\n".join(pieces)


def write_release(directory: Path, size: int, name: str = "", title: str = "") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / (name or f"release-{size}.md")
    path.write_text(generate_release(size, title), encoding="utf-8")
    return path
