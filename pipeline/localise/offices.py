"""The issuing office's name in an edition's language, from the language's glossary.

A release names its office in the source language ("OSCE Office for Democratic
Institutions and Human Rights"); the glossary (locales/<lang>/glossary.csv)
gives its official name in each language, in that language's word order
("Bureau des institutions démocratiques et des droits de l’homme de l’OSCE").
Only a whole name is looked up: putting an official name together from
pieces would get the word order wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .typography import apostrophes


def official_name(name: str, lang: str, terms: Iterable[tuple[str, str]]) -> str | None:
    """The glossary's name for `name` in `lang` (typography applied), or None where it has none."""
    wanted = _normalised(name)
    for source, target in terms:
        if _normalised(source) == wanted:
            return apostrophes(target, lang)
    return None


def _normalised(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()
