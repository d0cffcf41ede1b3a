"""Protected spans: masked before translation, restored after.

URLs, e-mail addresses, phone numbers, inline tags (`<1>`), dates, numbers
and glossary terms are replaced by placeholders `⟦1⟧`, `⟦2⟧` … that engines
copy through. Restoring puts back each span in its target form: numbers and
dates in the target locale's format (Babel), glossary terms in their
official translation, everything else byte for byte. Years stay years.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent

from ..languages import language
from .glossary import Glossary

PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
ANY_PLACEHOLDER = re.compile(r"⟦[^⟧]*⟧|⟦|⟧")

MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|November|December")
MONTH_NUMBER = {name: i for i, name in enumerate(MONTH_NAMES.split("|"), start=1)}

# In priority order: an earlier kind wins where two overlap.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("tag", re.compile(r"</?\d+>")),
    ("url", re.compile(r"https?://[^\s<>⟦]+[^\s<>⟦.,;:!?)\]”’\"]|www\.[^\s<>⟦]+[^\s<>⟦.,;:!?)\]”’\"]")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("phone", re.compile(r"\+\d{1,3}(?:[ .-]?\(?\d+\)?)+")),
    ("date", re.compile(rf"\b(?P<d1>\d{{1,2}}) (?P<m1>{MONTH_NAMES}) (?P<y1>\d{{4}})\b"
                        rf"|\b(?P<m2>{MONTH_NAMES}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}})\b")),
    ("month-year", re.compile(rf"\b(?P<m>{MONTH_NAMES}) (?P<y>\d{{4}})\b")),
    ("day-month", re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{MONTH_NAMES})\b")),
    ("percent", re.compile(r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?: ?%| per ?cent\b)")),
    ("number", re.compile(r"(?<![\w.,/-])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+)(?![\w/]|[.,]\d|-\d)")),
]


@dataclass(frozen=True)
class Span:
    kind: str  # "url", "email", "phone", "tag", "date", "number", "year", "term" …
    source: str  # as in the source text
    target: str  # what the placeholder becomes in the translation


@dataclass(frozen=True)
class Masked:
    text: str  # the source with placeholders
    spans: tuple[Span, ...]  # span n-1 is placeholder ⟦n⟧

    def placeholder(self, index: int) -> str:
        return f"⟦{index + 1}⟧"


def mask(text: str, target_lang: str, glossary: Glossary) -> Masked:
    """Replace every protected span of an English source text by a placeholder."""
    found: list[tuple[int, int, Span]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _ in found)

    locale = language(target_lang).locale
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
                found.append((match.start(), match.end(), _span(kind, match, locale)))
    for start, end, source, target in glossary.find(text):
        if free(start, end):
            found.append((start, end, Span("term", source, target)))
    found.sort(key=lambda item: item[0])
    parts, spans, position = [], [], 0
    for start, end, span in found:
        parts.append(text[position:start])
        spans.append(span)
        parts.append(f"⟦{len(spans)}⟧")
        position = end
    parts.append(text[position:])
    return Masked("".join(parts), tuple(spans))


def unmask(translation: str, masked: Masked) -> str:
    """Put each span's target form back; unknown placeholders are left for QA to flag."""

    def restore(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return masked.spans[index].target if 0 <= index < len(masked.spans) else match.group(0)

    return PLACEHOLDER.sub(restore, translation)


def _span(kind: str, match: re.Match[str], locale: str) -> Span:
    source = match.group(0)
    if kind == "date":
        day, month, year = (match["d1"], match["m1"], match["y1"]) if match["d1"] else (match["d2"], match["m2"], match["y2"])
        try:
            date = dt.date(int(year), MONTH_NUMBER[month], int(day))
        except ValueError:
            return Span("text", source, source)  # "31 February 2024": leave it as written
        return Span(kind, source, format_date(date, "long", locale=locale))
    if kind == "month-year":
        date = dt.date(int(match["y"]), MONTH_NUMBER[match["m"]], 1)
        return Span(kind, source, format_skeleton("yMMMM", date, locale=locale))
    if kind == "day-month":
        day = int(match["d"])
        if not 1 <= day <= 31:
            return Span("text", source, source)
        date = dt.date(2000, MONTH_NUMBER[match["m"]], min(day, 29) if match["m"] == "February" else day)
        return Span(kind, source, format_skeleton("MMMMd", date, locale=locale))
    if kind == "percent":
        value = Decimal(match["n"].replace(",", "")) / 100
        return Span(kind, source, format_percent(value, locale=locale, decimal_quantization=False))
    if kind == "number":
        if re.fullmatch(r"1[89]\d\d|20\d\d", source):
            return Span("year", source, source)
        value = Decimal(source.replace(",", ""))
        return Span(kind, source, format_decimal(value, locale=locale, decimal_quantization=False))
    return Span(kind, source, source)
