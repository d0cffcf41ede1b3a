"""Boilerplate: the fixed phrases of releases, translated once by people, never by an engine.

A segment whose source is one of `PHRASES` (whitespace aside: the review
catalog's merge, catalogs/catalog.py, matches them with `phrase_key`) takes its
translation from the gettext label catalogs (locales/<lang>/LC_MESSAGES/
pipeline.po, the project's first, then the pipeline's own), like "Contacts"
or "Office" in the editions. The catalog entry says so (`#. label: …`) and
counts as reviewed; the translation memory does not keep it, so a reworded
label reaches every release.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..localise.labels import N_, load_labels

PHRASES = (
    N_("For further information, please visit:"),
    N_("For PDF attachments or links to sources of further information, please visit:"),
    N_("For further information, please contact:"),
    N_("Contacts"),
)


def label_translations(lang: str, directories: Iterable[Path]) -> dict[str, str]:
    """{phrase: its translation} for the phrases the language's label catalog translates."""
    labels = load_labels(lang, directories)
    return {phrase: labels.messages[phrase] for phrase in PHRASES if isinstance(labels.messages.get(phrase), str)}
