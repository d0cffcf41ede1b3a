"""The dateline: "WARSAW, 21 February 2024 – " at the start of the first paragraph.

Dates are read in the document's language and in English: "VIENNE, 5 mars
2024 –", "WIEN, 5. März 2024 –", "ВЕНА, 5 марта 2024 г. –", "VIENA, 5 de
marzo de 2024 –". Nothing here is written by hand per language: the shapes
are CLDR's long and medium date formats of the language's locale (through
Babel), the month names CLDR's wide and abbreviated ones, in the format and
stand-alone contexts (so Russian "марта" and "март" both read), in any case,
with or without the abbreviation's dot. The words a format adds ("de", "г.")
may be left out, and so may its punctuation ("March 5 2024").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names, tokenize_pattern

from ..errors import InputError
from ..languages import LANGUAGES
from ..localise.places import zone_for_place
from ..release import Place

ENGLISH = "en"  # always read too: an office's archive mixes languages
FORMAT_WIDTHS = ("long", "medium")  # "5 March 2024", "5 Mar 2024"; full adds the weekday, short is numeric
LETTERS = r"[^\W\d_]"

# "WARSAW" or "TBILISI / WARSAW": words of letters joined by spaces, dots, apostrophes or hyphens.
PLACES = (r"(?P<place>[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?"
          r"(?:\s*/\s*[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?)*)")


@dataclass(frozen=True)
class DateForms:
    """How dates are written in one language (and English): CLDR's formats and month names."""

    languages: tuple[str, ...]  # the document's language, then English
    months: dict[str, int]  # folded month name → its number
    shapes: tuple[re.Pattern[str], ...]  # one per CLDR format, with groups day, month, year
    words: tuple[str, ...]  # the words the formats add ("de", "de", "г"), folded, as often as one format has them

    def pattern(self) -> str:
        """Any of the shapes, without groups, for a larger regex."""
        return "|".join(re.sub(r"\(\?P<\w+>", "(?:", shape.pattern) for shape in self.shapes)

    def month_names(self, month: int) -> list[str]:
        return [name for name, number in self.months.items() if number == month]

    def describe(self) -> str:
        names = [Locale.parse(_locales(tag)[0]).english_name.split(" (")[0] for tag in self.languages]
        return " or ".join(dict.fromkeys(names))


def fold(text: str) -> str:
    """A month name as compared: case-folded, without the abbreviation's dot."""
    return text.casefold().rstrip(".")


@functools.cache
def date_forms(lang: str = ENGLISH) -> DateForms:
    languages = tuple(dict.fromkeys(tag for tag in (lang or ENGLISH, ENGLISH) if _locales(tag)))
    # The document's language first: its names win where English's differ.
    locales = [locale for tag in languages for locale in _locales(tag)]
    months: dict[str, int] = {}
    for locale in locales:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    months.setdefault(fold(name), number)
    # A known name (some have several words: Catalan "de gener"), else any word, to say it is no month.
    known = "|".join(r"\s+".join(map(re.escape, name.split())) + r"\.?"
                     for name in sorted(months, key=len, reverse=True))
    month = rf"(?<!{LETTERS})(?P<month>{known}|{LETTERS}+\.?)"
    shapes: dict[str, re.Pattern[str]] = {}
    words: Counter[str] = Counter()
    for locale in locales:
        for width in FORMAT_WIDTHS:
            found: list[str] = []
            shape = _shape(get_date_format(width, locale=locale).pattern, month, found)
            if shape:
                shapes.setdefault(shape, re.compile(shape, re.IGNORECASE))
                words |= Counter(found)  # as many as the format that has most
    return DateForms(languages, months, tuple(shapes.values()), tuple(sorted(words.elements())))


def _locales(tag: str) -> list[str]:
    """The CLDR locales of a language: the language table's (en → en_GB) and the bare tag's (en: US usage)."""
    found = []
    for name in (LANGUAGES[tag].locale if tag in LANGUAGES else None, tag):
        try:
            if name and name not in found and Locale.parse(name):
                found.append(name)
        except (UnknownLocaleError, ValueError):
            pass
    return found


def _shape(pattern: str, month: str, words: list[str]) -> str | None:
    """A CLDR date pattern ("d 'de' MMMM 'de' y") as a lenient regex, or None when it is not
    day + month name + year (numeric months, weekdays). Whitespace may vary, the pattern's own
    words and punctuation may be left out; a day may carry an ordinal dot ("5. März")."""
    pieces: list[tuple[str, str]] = []
    for kind, value in tokenize_pattern(pattern):  # consecutive 'chars' tokens are joined
        if kind == "chars" and pieces and pieces[-1][0] == "chars":
            pieces[-1] = ("chars", pieces[-1][1] + value)
        else:
            pieces.append((kind, value if kind == "chars" else value[0] * value[1]))
    fields = sorted(value[0].replace("L", "M") for kind, value in pieces if kind == "field")
    if fields != ["M", "d", "y"]:
        return None
    regex = []
    for index, (kind, value) in enumerate(pieces):
        if kind == "field":
            letter = value[0]
            if letter == "d":
                regex.append(r"(?<!\d)(?P<day>\d{1,2})\.?")
            elif letter in "ML":
                if len(value) < 3:
                    return None  # a numeric month
                regex.append(month)
            else:
                regex.append(r"(?<!\d)(?P<year>\d{4})(?!\d)")
        else:
            between = 0 < index < len(pieces) - 1
            regex.append(_literal(value, words, between))
    return "".join(regex)


def _literal(chars: str, words: list[str], between: bool) -> str:
    """The text between fields: each word and punctuation mark optional, whitespace free;
    between two fields something that is not a letter or digit must separate them."""
    items = []
    for item in re.findall(rf"{LETTERS}+\.?|[^\s\w]", chars):
        if item[0].isalpha():
            word = item.rstrip(".")
            words.append(fold(word))
            items.append(rf"(?:{re.escape(word)}\.?(?!{LETTERS}))?")
        else:
            items.append(rf"{re.escape(item)}?")
    body = r"\s*" + r"\s*".join(items) + r"\s*" if items else r"\s*"
    return rf"(?=[^\w])(?:{body})" if between else rf"(?:{body})"


@functools.cache
def dateline_pattern(lang: str = ENGLISH) -> re.Pattern[str]:
    """"WARSAW, 21 February 2024 – " or "TBILISI / WARSAW, February 21, 2024 - ", dates in `lang` or English."""
    return re.compile(rf"^\s*{PLACES}\s*,\s*(?P<date>{date_forms(lang).pattern()})\s*[–—-]+\s*")


def split_places(text: str) -> list[str]:
    """"TBILISI / WARSAW" → ["TBILISI", "WARSAW"]."""
    return [re.sub(r"\s+", " ", name).strip() for name in text.split("/") if name.strip()]


def make_places(names: list[str], zones: list[str] | None = None) -> tuple[Place, ...]:
    """Each place with its CLDR time zone: given in front matter, or inferred from the name."""
    if zones:
        return tuple(Place(name, zone) for name, zone in zip(names, zones))
    return tuple(Place(name, zone_for_place(name)) for name in names)


def is_date(text: str, lang: str = ENGLISH) -> bool:
    """True when `text` has the shape of a written date in `lang` or English (the month may be unknown)."""
    return any(shape.fullmatch(text.strip()) for shape in date_forms(lang).shapes)


def parse_date(text: str, lang: str, path: Path, line: int | None) -> dt.date:
    """"21 February 2024", "February 21, 2024", "5 mars 2024", "5. März 2024", "5 марта 2024 г."."""
    forms = date_forms(lang)
    match = next((found for shape in forms.shapes if (found := shape.fullmatch(text.strip()))), None)
    if match is None:
        raise InputError(path, f"dateline date {text!r} is not a date written in {forms.describe()}", line)
    month = forms.months.get(fold(match["month"]))
    if month is None:
        raise InputError(path, f"unknown month {match['month'].rstrip('.')!r} in dateline date {text!r} "
                               f"(not a month name in {forms.describe()})", line)
    try:
        return dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        raise InputError(path, f"impossible date {text!r} in dateline", line) from None
