"""The issuing office's official name in a glossary: the one lookup every edition's name comes from.

A release names its office in the source language ("OSCE Office for Democratic
Institutions and Human Rights"); a language's glossary (locales/<lang>/glossary.csv)
gives its official name in that language, in that language's word order
("Bureau des institutions démocratiques et des droits de l'homme de l'OSCE").
Only a whole name is looked up, spaces and case aside: putting an official
name together from pieces would get the word order wrong. The editions take
it through localise/offices.py, which writes it in the language's typography.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def glossary_name(name: str, terms: Iterable[tuple[str, str]]) -> str | None:
    """The glossary's name for the whole of `name`, as the glossary writes it, or None where it has none."""
    wanted = _normalised(name)
    return next((target for source, target in terms if _normalised(source) == wanted), None)


def _normalised(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()
