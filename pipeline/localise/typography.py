"""Quotation marks and no-break spaces, per language.

The pipeline's own quotation marks (`quote`) and the English quotation marks
that machine translation leaves in its output (`localise_quotes`) become the
language's own: « » with narrow no-break spaces in French, „ “ in German,
« » in Italian, Russian and Spanish. In French, a space before ; : ! ? is
made a narrow no-break space so the mark never starts a line.
Reviewed translations are the reviewer's and are never retouched.
"""

from __future__ import annotations

import re

from ..languages import NNBSP, language

# A pair, or a mark alone: a quotation over several sentences is split over segments.
DOUBLE_QUOTED = re.compile(r"“([^“”]*)”|\"([^\"]*)\"|[“”]")
SINGLE_QUOTED = re.compile(r"(?<!\w)‘([^‘’]*)’(?!\w)")
FRENCH_HIGH_PUNCTUATION = re.compile(r"(?<=[^\s\u202f])[ \u00a0]?(?=[;:!?](?:\s|$))")
FRENCH_GUILLEMET_SPACES = re.compile(r"«[ \u00a0\u202f]*|[ \u00a0\u202f]*»")


def quote(text: str, lang: str, inner: bool = False) -> str:
    """`text` between the language's quotation marks."""
    spec = language(lang)
    opening, closing = spec.inner_quotes if inner else spec.quotes
    return f"{opening}{text}{closing}"


def localise_quotes(text: str, lang: str) -> str:
    """English “double” and ‘single’ quotation marks → the language's; French spacing."""
    if lang.split("-")[0] == "en":
        return text
    opening, closing = language(lang).quotes

    def double(match: re.Match[str]) -> str:
        if match.group(0) in "“”":
            return opening if match.group(0) == "“" else closing
        return quote(match.group(1) if match.group(1) is not None else match.group(2), lang)

    text = DOUBLE_QUOTED.sub(double, text)
    text = SINGLE_QUOTED.sub(lambda m: quote(m.group(1), lang, inner=True), text)
    if language(lang).quotes[0].endswith(NNBSP):
        text = FRENCH_GUILLEMET_SPACES.sub(lambda m: f"«{NNBSP}" if "«" in m.group(0) else f"{NNBSP}»", text)
        text = FRENCH_HIGH_PUNCTUATION.sub(NNBSP, text)  # also where the engine left no space
    return text
