"""The issuing office's name in an edition's language, from the language's glossary.

The lookup is text/offices.py's (only a whole name, spaces and case aside);
here the name the glossary gives is written in the language's typography (a
straight apostrophe becomes "’", as in the rest of the edition's text:
"Bureau des institutions démocratiques et des droits de l’homme de l’OSCE").
Every edition names the office through `official_name`: the PDF (its author
and running header), the audio (the closing line, the MP3's artist) and the
EPUB (its creator), so that they all write it alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..text.offices import glossary_name
from .typography import apostrophes


def official_name(name: str, lang: str, terms: Iterable[tuple[str, str]]) -> str | None:
    """The glossary's name for `name` in `lang` (typography applied), or None where it has none."""
    found = glossary_name(name, terms)
    return None if found is None else apostrophes(found, lang)
