"""Dates and numbers in running text: what is found in an English sentence and
how it reads in another locale.

These are all the rules, in one place. `find` returns every span of a source
sentence that has a locale-specific form (its `target`) or that must come
through translation unchanged (target == source):

- full dates ("21 February 2024", "February 21, 2024"), day-month ("21 February",
  also in ranges such as "19-21 February") and month-year ("February 2024"):
  CLDR's long date and skeleton formats;
- grouped integers, decimals, percentages and currency amounts: the locale's
  separators and currency pattern (fr "11 874" with U+202F, de "11.874",
  "41,5 %");
- left as written: years (1800–2099), times ("10:30", "9 a.m."), postal
  codes ("00-251", "A-1010") and ungrouped integers of four digits or more,
  which in English house style are codes and numbers of things, not quantities.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_NUMBER = {name: i for i, name in enumerate(MONTH_NAMES.split("|"), start=1)}
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "EUR": "EUR", "USD": "USD",
                  "GBP": "GBP", "CHF": "CHF", "euro": "EUR", "euros": "EUR", "dollars": "USD"}
SCALE_WORD = r"(?!\s*(?:million|billion|thousand|trillion)\b)"

# In priority order: an earlier kind wins where two overlap.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("time", re.compile(r"\b\d{1,2}(?::\d{2}|\.\d{2}(?=\s?[ap]\.?m\b))(?:\s?[ap]\.?m\.?(?!\w))?|\b\d{1,2}\s?[ap]\.m\.")),
    ("postal-code", re.compile(r"\b(?:[A-Z]{1,2}-)?\d{2}-\d{3}\b|\b[A-Z]{1,2}-\d{4,5}\b")),
    ("date", re.compile(rf"\b(?P<d1>\d{{1,2}}) (?P<m1>{MONTH_NAMES}),? (?P<y1>\d{{4}})\b"
                        rf"|\b(?P<m2>{MONTH_NAMES}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}})\b")),
    ("month-year", re.compile(rf"\b(?P<m>{MONTH_NAMES}) (?P<y>\d{{4}})\b")),
    ("day-month", re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{MONTH_NAMES})\b")),
    ("currency", re.compile(rf"(?<![\w.,])(?P<sign>US\$|€|\$|£|(?:EUR|USD|GBP|CHF) ?)(?P<n>{NUMBER})(?![.,]?\d){SCALE_WORD}(?![\w%])"
                            rf"|(?<![\w.,])(?P<n2>{NUMBER}) ?(?P<sign2>EUR|USD|GBP|CHF|euros?|dollars)\b")),
    ("percent", re.compile(rf"(?<![\w.,])(?P<n>{NUMBER})(?: ?%| per ?cent\b)")),
    ("number", re.compile(r"(?<![\w.,/-])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+)(?![\w/]|[.,]\d|-\d)")),
]
YEAR = re.compile(r"1[89]\d\d|20\d\d")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str  # one of the PATTERNS' kinds, or "year", "code", "text"
    source: str  # as in the source text
    target: str  # as it reads in the target locale (== source when left alone)


def find(text: str, locale: str, taken: list[tuple[int, int]] = ()) -> list[Found]:
    """Every localisable span of `text`, outside the `taken` ranges, in order."""
    ranges = list(taken)
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if all(end <= s or start >= e for s, e in ranges):
                ranges.append((start, end))
                target_kind, target = localise_match(kind, match, locale)
                found.append(Found(start, end, target_kind, match.group(0), target))
    return sorted(found, key=lambda f: f.start)


def localise_text(text: str, locale: str) -> str:
    """`text` with every date and number in `locale`'s format (no translation)."""
    parts, position = [], 0
    for span in find(text, locale):
        parts += [text[position:span.start], span.target]
        position = span.end
    return "".join(parts) + text[position:]


def localise_match(kind: str, match: re.Match[str], locale: str) -> tuple[str, str]:
    """(kind, target form) of one match; the kind becomes "text" where a match is not what it looked like."""
    source = match.group(0)
    if kind == "date":
        day, month, year = (match["d1"], match["m1"], match["y1"]) if match["d1"] else (match["d2"], match["m2"], match["y2"])
        try:
            date = dt.date(int(year), MONTH_NUMBER[month], int(day))
        except ValueError:
            return "text", source  # "31 February 2024": leave it as written
        return kind, format_date(date, "long", locale=locale)
    if kind == "month-year":
        return kind, format_skeleton("yMMMM", dt.date(int(match["y"]), MONTH_NUMBER[match["m"]], 1), locale=locale)
    if kind == "day-month":
        try:  # a leap year, so that "29 February" exists
            date = dt.date(2000, MONTH_NUMBER[match["m"]], int(match["d"]))
        except ValueError:
            return "text", source  # "31 September", "0 May": leave it as written
        return kind, format_skeleton("MMMMd", date, locale=locale)
    if kind == "currency":
        amount = _decimal(match["n"] or match["n2"])
        code = CURRENCY_SIGNS[(match["sign"] or match["sign2"]).strip()]
        return kind, format_amount(amount, code, locale)
    if kind == "percent":
        return kind, format_percent(_decimal(match["n"]) / 100, locale=locale, decimal_quantization=False)
    if kind == "number":
        if YEAR.fullmatch(source):
            return "year", source
        if re.fullmatch(r"\d{4,}", source):
            return "code", source
        return kind, format_decimal(_decimal(source), locale=locale, decimal_quantization=False)
    return kind, source


def format_amount(amount: Decimal, currency: str, locale: str) -> str:
    """A currency amount in the locale's pattern; whole amounts get no ",00"."""
    if amount == amount.to_integral_value():
        return format_currency(amount, currency, format=_whole_pattern(locale), locale=locale,
                               currency_digits=False, decimal_quantization=False)
    return format_currency(amount, currency, locale=locale)


@cache
def _whole_pattern(locale: str) -> str:
    return Locale.parse(locale).currency_formats["standard"].pattern.replace("0.00", "0.##")


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))
