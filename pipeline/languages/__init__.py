"""The languages the pipeline knows: one module per language, each a `Language`.

`pipeline/languages/fr.py` defines `LANGUAGE = Language("fr", …)` with all that
French needs: locale, voice, quotation marks, high-punctuation spacing, the
tables of its spoken forms, its articles, what the quality checks need. Every
module of this package (other than `spec`) is read at import and its
`LANGUAGE` registered; stages look a language up with `language(tag)` and
read its fields, never its tag. Adding a language is adding a module (see
docs/localisation.md), plus a label catalog and, for translation, an engine or
models.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from babel import Locale

from ..errors import PipelineError
from .spec import NBSP, NNBSP, QA, AddressWords, Articles, BrailleCode, BrailleTables, Dates, Language, Spoken

__all__ = ["LANGUAGES", "NBSP", "NNBSP", "QA", "AddressWords", "Articles", "BrailleCode", "BrailleTables", "Dates",
           "Language", "Spoken", "UNDETERMINED", "english_name", "language", "language_or_default", "register",
           "registered", "unregister"]

LANGUAGES: dict[str, Language] = {}
# What a tag the table lacks gets where a stage accepts any tag (a reviewer's "fr-CA", a passage marked
# {lang=pl}): every field's default, so no language-specific rule applies.
UNDETERMINED = Language("und", "en", "", "")


def register(spec: Language) -> Language:
    """Add a language to the table (a module of this package, or a test's)."""
    if spec.tag in LANGUAGES and LANGUAGES[spec.tag] is not spec:
        raise PipelineError(f"language {spec.tag!r} is registered twice")
    LANGUAGES[spec.tag] = spec
    return spec


def unregister(tag: str) -> None:
    LANGUAGES.pop(tag, None)


@contextmanager
def registered(spec: Language) -> Iterator[Language]:
    """The language in the table for the time of a `with` block (tests)."""
    register(spec)
    try:
        yield spec
    finally:
        unregister(spec.tag)


def language(tag: str) -> Language:
    try:
        return LANGUAGES[tag]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        raise PipelineError(f"language {tag!r} is not in the language table (known: {known})") from None


def language_or_default(tag: str) -> Language:
    """The language of `tag`, or of its first subtag ("fr" for "fr-CA"); `UNDETERMINED` for any other."""
    return LANGUAGES.get(tag) or LANGUAGES.get(tag.split("-")[0]) or UNDETERMINED


@cache
def english_name(tag: str) -> str:
    """ "French" for "fr": how messages in English (QA findings) name a language; CLDR's name."""
    return Locale.parse("en").languages.get(tag.split("-")[0], tag)


def _load() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name != "spec" and not module.name.startswith("_"):
            register(importlib.import_module(f"{__name__}.{module.name}").LANGUAGE)


_load()
