"""The kind line ("PRESS RELEASE", "Communiqué de presse", "ПРЕСС-РЕЛИЗ") in the document's language.

The words come from the label catalogs the editions write the kind with
(localise/labels.py `KIND_LABELS`, translated in the pipeline's own
pipeline/locales/<lang>/LC_MESSAGES/pipeline.po), so a language that has a
catalog is read in the words its editions print, and no second list is kept
here. The
document's language is read first, then English. A line in capitals that is
no known kind ("JOINT STATEMENT") is a kind too, named by its words.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..localise.labels import KIND_LABELS, load_labels

ENGLISH = "en"
MAX_KIND_LINE = 40  # characters: a longer line in capitals is text, not a kicker
# A kicker in capitals, in any script: letters, spaces, apostrophes and hyphens.
KICKER = re.compile(rf"[^\W\d_](?:[^\W\d_]|[ ’'-]){{2,{MAX_KIND_LINE}}}")


def fold(text: str) -> str:
    """"COMMUNIQUÉ DE PRESSE", "Communiqué  de presse:" → "communiqué de presse"."""
    return " ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold()))


@functools.cache
def kind_names(lang: str = ENGLISH) -> dict[str, str]:
    """Every kind's label, folded, in `lang` and English → the kind ("press-release")."""
    names: dict[str, str] = {}
    for tag in dict.fromkeys((lang or ENGLISH, ENGLISH)):
        labels = load_labels(tag)
        for kind, message in KIND_LABELS.items():
            names.setdefault(fold(labels.gettext(message)), kind)
    return names


def kind_words(kind: str, lang: str = ENGLISH) -> str:
    """The words a kind line of this kind may be written with, in `lang` and English."""
    return " ".join(name for name, known in kind_names(lang).items() if known == kind)


def kind_of_line(text: str, lang: str = ENGLISH, any_capitals: bool = True) -> str | None:
    """The kind a line names: a known label in any case, or (`any_capitals`) any short line
    in capitals; else None."""
    known = kind_names(lang).get(fold(text))
    if known:
        return known
    if any_capitals and KICKER.fullmatch(text) and text == text.upper() and text != text.lower():
        return re.sub(r"[\W_]+", "-", text.casefold()).strip("-")
    return None
