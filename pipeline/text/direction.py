"""Which way text runs: right to left (Hebrew, Arabic, Syriac, Thaana …) or left to right.

Decided per character by its Unicode bidirectional class (`unicodedata.bidirectional`), so no
script or language is named here:

- `text_direction(text)`: "rtl" where most strong characters of `text` are right-to-left (R, AL),
  "ltr" where most are left-to-right (L), None where it has none (digits, punctuation, emoji).
  A paragraph or a title that is mainly right-to-left is set right to left (the PDF's `dir: rtl`,
  the EPUB's and the site's `dir="rtl"`). "Most", not the first strong character (HTML's
  `dir="auto"`): a Hebrew quotation that opens with a Latin name is still a Hebrew paragraph.
- `opposite_runs(text, base)`: the character spans a paragraph of direction `base` sets the other
  way, as the Unicode bidirectional algorithm (UAX #9) resolves them for plain text: a run starts
  at a strong character of the other direction and ends at the last one (or, in a left-to-right
  paragraph, at the last digit after it: digits after Hebrew or Arabic are part of its run)
  before a strong character of the paragraph's own direction. Neutral characters between two
  right-to-left letters (the space in "שלום עליכם") are inside the run; those at its edges are not.
  The EPUB marks each such run with `<span dir>`; the PDF sets each with kerning on (see
  editions/pdf.py: Typst 0.15 panics on right-to-left text set without kerning).
- `has_explicit_direction(text)`: whether `text` holds a bidirectional embedding, override or
  isolate (U+202A–U+202E, U+2066–U+2069), which change the runs in ways `opposite_runs` does not
  follow: such text is treated as right to left throughout where that is the safe side.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

Direction = Literal["ltr", "rtl"]

RIGHT_TO_LEFT = frozenset({"R", "AL"})  # strong right-to-left: Hebrew (R), Arabic letters (AL)
LEFT_TO_RIGHT = frozenset({"L"})
NUMBERS = frozenset({"EN", "AN"})  # European and Arabic-Indic digits: weak, they join the run before them
EXPLICIT = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char)


def is_right_to_left(char: str) -> bool:
    return bidi_class(char) in RIGHT_TO_LEFT


def has_right_to_left(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (or an explicit direction control)."""
    return any(bidi_class(char) in RIGHT_TO_LEFT or bidi_class(char) in EXPLICIT for char in text)


def has_explicit_direction(text: str) -> bool:
    return any(bidi_class(char) in EXPLICIT for char in text)


def text_direction(text: str) -> Direction | None:
    """"rtl" where most strong characters are right-to-left, "ltr" where most are left-to-right (a tie
    is "ltr"), None where there is no strong character."""
    right = left = 0
    for char in text:
        kind = bidi_class(char)
        if kind in RIGHT_TO_LEFT:
            right += 1
        elif kind in LEFT_TO_RIGHT:
            left += 1
    if not right and not left:
        return None
    return "rtl" if right > left else "ltr"


def opposite_runs(text: str, base: Direction = "ltr") -> list[tuple[int, int]]:
    """(start, end) character offsets of the runs a paragraph of direction `base` sets the other way."""
    other, own = (RIGHT_TO_LEFT, LEFT_TO_RIGHT) if base == "ltr" else (LEFT_TO_RIGHT, RIGHT_TO_LEFT)
    # In a left-to-right paragraph digits after Hebrew or Arabic belong to its run (UAX #9 W2, N1);
    # in a right-to-left one, European digits after Latin letters are Latin (W7), Arabic-Indic are not.
    ends = other | (NUMBERS if base == "ltr" else {"EN"})
    runs: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for index, char in enumerate(text):
        kind = bidi_class(char)
        if kind in own:
            if start is not None:
                runs.append((start, end))
                start = None
        elif kind in other:
            if start is None:
                start = index
            end = index + 1
        elif start is not None and kind in ends:
            end = index + 1
    if start is not None:
        runs.append((start, end))
    return runs
