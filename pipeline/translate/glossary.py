"""Terminology: the organisation's official names, per target language.

A glossary is a CSV file `locales/<lang>/glossary.csv` with the columns
`source,target,note` and, optionally, `gender` and `forbidden` (UTF-8, a
header row, one term per row). The pipeline ships a default glossary per
language (`pipeline/locales/<lang>/glossary.csv`: OSCE, ODIHR, participating
States …), so a new, empty project knows the official names; a project's own
`locales/<lang>/glossary.csv` is read over it, term by term: a row whose
`source` the default has replaces the default's row (target, gender,
forbidden renderings), and any other row adds a term.

Terms match whole words, case-sensitively, longest first; a term written
in lower case also matches with a capital first letter (at the start of a
sentence), and its translation is then capitalised too.

`gender` (`m`, `f`, `m.pl`, `f.pl`) is the grammatical gender of the target
term, so that hygiene can make the article before an inserted term agree
(fr, it, es). `forbidden` lists wrong renderings of the term, separated by
`|`, that QA reports when a translation uses them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..localise.labels import PIPELINE_LOCALES

FILE_NAME = "glossary.csv"

COLUMNS = ("source", "target", "note", "gender", "forbidden")
GENDERS = ("m", "f", "m.pl", "f.pl")
# Reviewers type plain spaces and either apostrophe; hyphens come and go with inflection.
_FLEXIBLE = {" ": r"[\s\u00a0\u202f-]+", "-": r"[\s\u00a0\u202f-]*", "'": "['’]", "’": "['’]"}


@dataclass(frozen=True)
class Glossary:
    terms: tuple[tuple[str, str], ...] = ()  # (source term, official translation)
    genders: tuple[tuple[str, str], ...] = ()  # (official translation, "m" | "f" | "m.pl" | "f.pl")
    forbidden: tuple[tuple[str, str], ...] = ()  # (wrong rendering, official translation)

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, source as written, target) for each term in `text`, longest terms first."""
        found = []
        for source, target in sorted(self.terms, key=lambda term: -len(term[0])):
            variants = {source: target, source[:1].upper() + source[1:]: target[:1].upper() + target[1:]}
            for written, translated in variants.items():
                for match in re.finditer(rf"(?<!\w){re.escape(written)}(?!\w)", text):
                    found.append((match.start(), match.end(), written, translated))
        return found

    def gender(self, target: str) -> str | None:
        """The gender of an official translation (either capitalisation), if the glossary gives it."""
        for term, gender in self.genders:
            if term == target or term[:1].upper() + term[1:] == target:
                return gender
        return None


def inflected_pattern(term: str) -> re.Pattern[str]:
    """A term with each word's ending left free: case endings in German and Russian,
    plurals elsewhere ("Ständiger Rat" also finds "Ständigen Rates", "государства-участники"
    also "государств-участников"). Words of four letters or fewer must match whole."""
    parts = []
    for word in re.findall(r"\w+|\W+", term):
        if not word[0].isalnum():
            parts.append("".join(_FLEXIBLE.get(char, re.escape(char)) for char in word))
        elif len(word) <= 4 or word.isupper():
            parts.append(re.escape(word) + r"\w{0,3}")
        else:
            parts.append(re.escape(word[: max(4, len(word) - 3)]) + r"\w*")
    return re.compile(r"(?<!\w)" + "".join(parts), re.IGNORECASE)


def contains_term(text: str, target: str) -> bool:
    return inflected_pattern(target).search(text) is not None


def glossary_path(locales_dir: Path, lang: str) -> Path:
    """A project's own glossary for `lang` (it may not exist)."""
    return locales_dir / lang / FILE_NAME


def default_glossary_path(lang: str) -> Path:
    """The glossary the pipeline ships for `lang` (it may not exist)."""
    return PIPELINE_LOCALES / lang / FILE_NAME


@dataclass(frozen=True)
class _Row:
    target: str
    gender: str
    forbidden: tuple[str, ...]


def load_glossary(locales_dir: Path, lang: str) -> Glossary:
    """The pipeline's glossary for `lang`, with the project's (`locales_dir`) over it, term by term."""
    rows: dict[str, _Row] = {}
    for path in (default_glossary_path(lang), glossary_path(locales_dir, lang)):
        if path.is_file():
            rows.update(_read_rows(path))  # a project's row replaces the default's with the same source
    terms = tuple((source, row.target) for source, row in rows.items())
    genders = tuple((row.target, row.gender) for row in rows.values() if row.gender)
    forbidden = tuple((wrong, row.target) for row in rows.values() for wrong in row.forbidden)
    return Glossary(terms, genders, forbidden)


def _read_rows(path: Path) -> dict[str, _Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"source", "target"} <= set(reader.fieldnames):
        raise InputError(path, f"expected a header row with the columns {', '.join(COLUMNS)}", 1)
    rows = {}
    for row in reader:
        source, target = (row.get("source") or "").strip(), (row.get("target") or "").strip()
        if not source or not target:
            raise InputError(path, "a term needs both 'source' and 'target'", reader.line_num)
        gender = (row.get("gender") or "").strip()
        if gender and gender not in GENDERS:
            raise InputError(path, f"gender {gender!r}: expected one of {', '.join(GENDERS)}", reader.line_num)
        forbidden = tuple(wrong.strip() for wrong in (row.get("forbidden") or "").split("|") if wrong.strip())
        rows[source] = _Row(target, gender, forbidden)
    return rows
