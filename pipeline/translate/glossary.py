"""Terminology: the organisation's official names, per target language.

A glossary is a CSV file `locales/<lang>/glossary.csv` with the columns
`source,target,note` (UTF-8, a header row, one term per row). Terms match
whole words, case-sensitively, longest first; a term written in lower case
also matches with a capital first letter (at the start of a sentence), and
its translation is then capitalised too.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

COLUMNS = ("source", "target", "note")


@dataclass(frozen=True)
class Glossary:
    terms: tuple[tuple[str, str], ...] = ()  # (source term, official translation)

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, source as written, target) for each term in `text`, longest terms first."""
        found = []
        for source, target in sorted(self.terms, key=lambda term: -len(term[0])):
            variants = {source: target, source[:1].upper() + source[1:]: target[:1].upper() + target[1:]}
            for written, translated in variants.items():
                for match in re.finditer(rf"(?<!\w){re.escape(written)}(?!\w)", text):
                    found.append((match.start(), match.end(), written, translated))
        return found


def glossary_path(locales_dir: Path, lang: str) -> Path:
    return locales_dir / lang / "glossary.csv"


def load_glossary(locales_dir: Path, lang: str) -> Glossary:
    path = glossary_path(locales_dir, lang)
    if not path.exists():
        return Glossary()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"source", "target"} <= set(reader.fieldnames):
        raise InputError(path, f"expected a header row with the columns {', '.join(COLUMNS)}", 1)
    terms = []
    for row in reader:
        source, target = (row.get("source") or "").strip(), (row.get("target") or "").strip()
        if not source or not target:
            raise InputError(path, "a term needs both 'source' and 'target'", reader.line_num)
        terms.append((source, target))
    return Glossary(tuple(terms))
