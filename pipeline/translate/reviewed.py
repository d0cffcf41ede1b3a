"""QA of a translation a person wrote (a PO edit, an XLIFF import), as the catalogs take it.

qa.py's `Checker.translation` on the source masked as the engines see it
(protect.py), with the language's glossary: the `check(source, translation)`
that catalogs/review.py (the worklist) and catalogs/xliff.py (`apply_exchange`)
are given, so that the catalogs import nothing of translate/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..catalogs.findings import Finding
from .glossary import Glossary, load_glossary
from .protect import mask
from .qa import Checker


def reviewed_check(lang: str, glossary: Glossary, source_lang: str = "en") -> Callable[[str, str], list[Finding]]:
    """`check(source, translation)`: the QA findings of a translation into `lang`."""
    checker = Checker(lang, glossary, source_lang)

    def check(source: str, translation: str) -> list[Finding]:
        return checker.translation(source, mask(source, lang, glossary), translation)

    return check


def catalog_check(path: Path, lang: str) -> Callable[[str, str], list[Finding]]:
    """The check of a review catalog's entries (`locales/<lang>/releases/<id>.po`): with the glossary
    of the project whose locales/ holds it (none when there is no such folder)."""
    locales_dir = path.parent.parent.parent
    return reviewed_check(lang, load_glossary(locales_dir, lang) if locales_dir.is_dir() else Glossary())
