"""Quotation marks and no-break spaces, per language.

The pipeline's own quotation marks (`quote`) and the English quotation marks
that machine translation leaves in its output (`localise_quotes`) become the
language's own: « » with narrow no-break spaces in French, „ “ in German,
« » in Italian, Russian and Spanish. In French, a space before ; : ! ? is
made a narrow no-break space so the mark never starts a line. A straight
apostrophe between letters ("l'OSCE", from engines and glossaries) becomes the
typographic one the label catalogs write ("l’OSCE").
Reviewed translations are the reviewer's and are never retouched. What each
language does is read from its `Language` (quotes, inner_quotes,
high_punctuation_space, engine_typography: English keeps the engines' marks).
A „…“ pair in the English text is one quotation (its “ closes). The marks
around a passage in another language never reach this module: they are part
of the passage (ingest/detect.py), kept as written in every language.

The editions' own "label: value" lines (contacts' "Office", "E-mail") follow
the same rules through `label_colon`, so that a French edition writes
"Bureau : +48 …" (narrow no-break space) as its translated text does.
"""

from __future__ import annotations

import re

from ..languages import NNBSP, language, language_or_default
from ..text.patterns import ADDRESS_MARK  # a word that is a URL or an e-mail address keeps every character

# A pair, or a mark alone: a quotation over several sentences is split over segments. „…“ and „…”
# (German, Serbian …, in English text the engine translated) are pairs too: their “ closes.
DOUBLE_QUOTED = re.compile(r"“([^“”]*)”|„([^“”„]*)[“”]|\"([^\"]*)\"|[“”]")
SINGLE_QUOTED = re.compile(r"(?<!\w)‘([^‘’]*)’(?!\w)")
FRENCH_HIGH_PUNCTUATION = re.compile(r"(?<=[^\s\u202f])[ \u00a0]?(?=[;:!?](?:\s|$))")
FRENCH_GUILLEMET_SPACES = re.compile(r"«[ \u00a0\u202f]*|[ \u00a0\u202f]*»")
STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def high_punctuation_space(lang: str) -> str:
    """What goes before ; : ! ? in `lang`: a narrow no-break space in French, nothing elsewhere."""
    return language_or_default(lang).high_punctuation_space


def label_colon(label: str, lang: str) -> str:
    """A label and its colon in `lang`'s typography: "Bureau\u202f:", "Office:"."""
    return f"{apostrophes(label.rstrip(), lang)}{high_punctuation_space(lang)}:"


def labelled(label: str, value: str, lang: str) -> str:
    """One "label: value" line of an edition ("Courriel\u202f: press@osce.org")."""
    return f"{label_colon(label, lang)} {value}"


def apostrophes(text: str, lang: str) -> str:
    """Straight apostrophes between letters → ’ (not in English, and never inside a URL or e-mail address)."""
    if language_or_default(lang).engine_typography or "'" not in text:
        return text
    return re.sub(r"\S+", lambda m: m[0] if ADDRESS_MARK.search(m[0]) else STRAIGHT_APOSTROPHE.sub("’", m[0]), text)


def quote(text: str, lang: str, inner: bool = False) -> str:
    """`text` between the language's quotation marks."""
    spec = language(lang)
    opening, closing = spec.inner_quotes if inner else spec.quotes
    return f"{opening}{text}{closing}"


def localise_quotes(text: str, lang: str) -> str:
    """English “double” and ‘single’ quotation marks → the language's; French spacing."""
    if language_or_default(lang).engine_typography:
        return text
    opening, closing = language(lang).quotes

    def double(match: re.Match[str]) -> str:
        if match.group(0) in "“”":
            return opening if match.group(0) == "“" else closing
        return quote(next(group for group in match.groups() if group is not None), lang)

    text = DOUBLE_QUOTED.sub(double, text)
    text = SINGLE_QUOTED.sub(lambda m: quote(m.group(1), lang, inner=True), text)
    text = apostrophes(text, lang)
    if language(lang).quotes[0].endswith(NNBSP):
        text = FRENCH_GUILLEMET_SPACES.sub(lambda m: f"«{NNBSP}" if "«" in m.group(0) else f"{NNBSP}»", text)
        text = FRENCH_HIGH_PUNCTUATION.sub(NNBSP, text)  # also where the engine left no space
    return text
