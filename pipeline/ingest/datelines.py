"""The dateline: "WARSAW, 21 February 2024 – " at the start of the first paragraph.

The shapes read, as general rules (the place, then the date, then what closes it):

- the place: one or more names of letters joined by spaces, dots, apostrophes
  or hyphens ("NOVI SAD", "St. Gallen"). Two names joined by a slash *without*
  spaces are one bilingual place ("BOLZANO/BOZEN", "Biel/Bienne"); a slash
  with a space on either side separates several places ("VIENNA / WARSAW").
  " and " does not separate places: it is part of names ("Bosnia and
  Herzegovina"), and in every language another word. A place may carry its
  country after a comma ("BRUSSELS, Belgium"): it is part of the place as
  written, and only the city before the comma is looked up for its time zone
  (so a translation shows the city in its own language). A sentence is no
  place (`is_place`): once a word starts with a capital, no word longer than
  three letters ("am", "on", "and") starts with a small one.
- between place and date: a comma, a dash ("VIENNA / WARSAW – 12 May 2023."),
  the date in parentheses ("GENEVA (2 June 2023) –"), or, when the dateline is a
  line of its own, a space ("Strasbourg 18/10/2023").
- the date, in the document's language or English, perhaps after its weekday
  ("Monday, 5 June 2023", which must be the date's weekday), or numeric
  ("27.03.2023", "18/10/2023", "18-10-2023", a four-digit year) in the order
  the document's locale writes numeric dates (CLDR's short format: day first
  for en (en_GB), fr, de, es, it, ru, ca; month first only for en-US).
- what closes it: a dash, with or without spaces ("AMMAN, 3 April 2023-"), a
  full stop ("12 May 2023. Attacks …"), or the end of its line (a dateline on
  a line of its own, the text in the next line or paragraph).

The dateline opens the first paragraph; or it is a whole line of it under at
most three short lines that end no sentence (an EU statement's meeting line,
"OSCE Permanent Council No. 1424", over "Vienna, 18 May 2023"): those lines are
a subtitle (`find_dateline`). Every character of it is the Release's dateline
(places as written, the date) or its punctuation.

Dates are read in the document's language and in English: "VIENNE, 5 mars
2024 –", "WIEN, 5. März 2024 –", "ВЕНА, 5 марта 2024 г. –", "VIENA, 5 de
marzo de 2024 –". Nothing here is written by hand per language: the shapes
are CLDR's long and medium date formats of the language's locale (through
Babel), the month names CLDR's wide and abbreviated ones, in the format and
stand-alone contexts (so Russian "марта" and "март" both read), in any case,
with or without the abbreviation's dot; so are the weekday names. The words a
format adds ("de", "г.") may be left out, and so may its punctuation ("March 5
2024"). The order of a numeric date is the document's locale's alone (English
is read too for names, but its US order would contradict en_GB's).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_date_format, get_day_names, get_month_names, tokenize_pattern

from ..errors import InputError
from ..languages import LANGUAGES
from ..localise.places import zone_for_place
from ..release import Place

ENGLISH = "en"  # always read too: an office's archive mixes languages
FORMAT_WIDTHS = ("long", "medium")  # "5 March 2024", "5 Mar 2024"; full adds the weekday, short is numeric
NUMERIC_WIDTHS = ("short", "medium")  # where a locale's numeric date ("dd/MM/y", "dd.MM.y") is found
NUMERIC_SEPARATORS = "./-"  # "27.03.2023", "18/10/2023", "18-10-2023", whichever the locale uses
LETTERS = r"[^\W\d_]"
# Zero-padded day and month of a numeric date ("05.03.2024"), as the conservation check finds them.
PADDED = tuple(f"{number:02d}" for number in range(1, 10))

# One name: words of letters joined by spaces, dots, apostrophes or hyphens ("NOVI SAD", "St. Gallen").
NAME = r"[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?"
# Between several places: a slash with a space on at least one side ("VIENNA / WARSAW"); without
# spaces a slash joins the two names of one bilingual place ("BOLZANO/BOZEN").
PLACE_SEPARATOR = r"(?:\s+/\s*|/\s+)"
MAX_LINES_ABOVE = 3  # short lines above a dateline on a line of its own (a meeting line)
MAX_LINE_ABOVE = 120  # characters
MAX_PARTICLE = 3  # letters: a place's word in small letters ("am", "on", "d’", "and"); a longer one is a sentence's


@dataclass(frozen=True)
class DateForms:
    """How dates are written in one language (and English): CLDR's formats, month and weekday names."""

    languages: tuple[str, ...]  # the document's language, then English
    months: dict[str, int]  # folded month name → its number
    shapes: tuple[re.Pattern[str], ...]  # one per CLDR format, with groups weekday, day, month, year
    # What a date may be written with besides its day, month and year, folded, each as often as one
    # date may have it: the words the formats add ("de", "de", "г"), the weekday names, and for
    # numeric dates the zero-padded day and month ("05.03.2024").
    words: tuple[str, ...]
    weekdays: dict[str, int]  # folded weekday name → its number (Monday 0), as `date.weekday()`
    numeric: str | None = None  # the order of a numeric date in the document's locale: "dMy", "Mdy", "yMd"

    def pattern(self) -> str:
        """Any of the shapes, without groups, for a larger regex."""
        return "|".join(re.sub(r"\(\?P<\w+>", "(?:", shape.pattern) for shape in self.shapes)

    def month_names(self, month: int) -> list[str]:
        return [name for name, number in self.months.items() if number == month]

    def describe(self) -> str:
        names = [Locale.parse(_locales(tag)[0]).english_name.split(" (")[0] for tag in self.languages]
        return " or ".join(dict.fromkeys(names))


def fold(text: str) -> str:
    """A month or weekday name as compared: case-folded, without the abbreviation's dot."""
    return text.casefold().rstrip(".")


@functools.cache
def date_forms(lang: str = ENGLISH) -> DateForms:
    languages = tuple(dict.fromkeys(tag for tag in (lang or ENGLISH, ENGLISH) if _locales(tag)))
    # The document's language first: its names win where English's differ.
    locales = [locale for tag in languages for locale in _locales(tag)]
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for locale in locales:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    months.setdefault(fold(name), number)
                for number, name in get_day_names(width, context, locale=locale).items():
                    weekdays.setdefault(fold(name), number)
    # A known name (some have several words: Catalan "de gener"), else any word, to say it is no month.
    month = rf"(?<!{LETTERS})(?P<month>{_alternatives(months)}|{LETTERS}+\.?)"
    # A weekday before the date: "Monday, 5 June 2023", "lundi 5 juin 2023", "Montag, 5. Juni 2023".
    weekday = rf"(?:(?<!{LETTERS})(?P<weekday>{_alternatives(weekdays)})(?:\s*,\s*|\s+))?"
    shapes: dict[str, re.Pattern[str]] = {}
    words: Counter[str] = Counter()
    for locale in locales:
        for width in FORMAT_WIDTHS:
            found: list[str] = []
            shape = _shape(get_date_format(width, locale=locale).pattern, month, found)
            if shape:
                shapes.setdefault(weekday + shape, re.compile(weekday + shape, re.IGNORECASE))
                words |= Counter(found)  # as many as the format that has most
    # Numeric dates in the order of the document's own locale only (en_GB's day first, not en's month first).
    numeric = _numeric_order(locales[0]) if locales else None
    if numeric:
        for separator in NUMERIC_SEPARATORS:
            shape = weekday + _numeric_shape(numeric, separator)
            shapes.setdefault(shape, re.compile(shape, re.IGNORECASE))
        words.update(PADDED * 2)  # the day and the month
    words.update(weekdays.keys())
    return DateForms(languages, months, tuple(shapes.values()), tuple(sorted(words.elements())), weekdays,
                     numeric)


def _alternatives(names: dict[str, int]) -> str:
    """Known names as a regex, longest first, each with or without its abbreviation's dot."""
    return "|".join(r"\s+".join(map(re.escape, name.split())) + r"\.?" for name in sorted(names, key=len, reverse=True))


def _locales(tag: str) -> list[str]:
    """The CLDR locales of a language: the language table's (en → en_GB) and the bare tag's (en: US usage;
    en-US: US usage)."""
    found = []
    for name in (LANGUAGES[tag].locale if tag in LANGUAGES else None, tag):
        try:
            name = name.replace("-", "_") if name else name
            if name and name not in found and Locale.parse(name):
                found.append(name)
        except (UnknownLocaleError, ValueError):
            pass
    return found


def _numeric_order(locale: str) -> str | None:
    """The order of day, month and year in the locale's numeric date ("dd/MM/y" → "dMy", "M/d/yy" → "Mdy")."""
    for width in NUMERIC_WIDTHS:
        fields = [value for kind, value in tokenize_pattern(get_date_format(width, locale=locale).pattern)
                  if kind == "field"]
        order = "".join("M" if letter in "ML" else letter for letter, _ in fields)
        if sorted(order) == ["M", "d", "y"] and all(count <= 2 for letter, count in fields if letter in "ML"):
            return order
    return None


def _numeric_shape(order: str, separator: str) -> str:
    """"27.03.2023" for "dMy" and ".": one or two digits for day and month, four for the year."""
    fields = {"d": r"(?P<day>\d{1,2})", "M": r"(?P<month>\d{1,2})", "y": r"(?P<year>\d{4})"}
    # Not inside a longer run of numbers ("1.27.03.2023", "27.03.2023.5"); a dash may follow ("3-4-2023-").
    return r"(?<![\d./])" + re.escape(separator).join(fields[letter] for letter in order) + r"(?!\d|[./-]\d)"


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
    """"WARSAW, 21 February 2024 – ", "TBILISI / WARSAW, February 21, 2024 - ", "VIENNA / WARSAW – 12 May
    2023. ", "BRUSSELS, Belgium – 10 October 2023 - ", "GENEVA (2 June 2023) – ", "AMMAN, 3 April 2023-",
    "Strasbourg 18/10/2023" (a line of its own): groups place and date, dates in `lang` or English."""
    date = date_forms(lang).pattern()
    # One place: a name, or two joined by a slash without spaces; its country after a comma (not a date).
    place = rf"{NAME}(?:/{NAME})*(?:\s*,\s*(?!(?:{date})){NAME})?"
    places = rf"(?P<place>{place}(?:{PLACE_SEPARATOR}{place})*)"
    # Place and date: a comma, a dash, parentheses round the date, or (the dateline alone on its line) a space.
    between = r"(?:\s*,\s*|[^\S\n]*[–—-]+\s*|\s*(?P<paren>\()\s*|(?P<space>[^\S\n]+))"
    line_end = r"[^\S\n]*(?:\n|$)"
    # After it: a dash, a full stop, or the end of the line.
    close = rf"(?:\s*[–—-]+\s*|\.(?:\s+|$)|{line_end})"
    return re.compile(rf"^\s*{places}{between}(?P<date>{date})(?(paren)\s*\))(?(space){line_end}|{close})",
                      re.IGNORECASE)


@dataclass(frozen=True)
class FoundDateline:
    place: str  # as written: "VIENNA / WARSAW", "BRUSSELS, Belgium", "BOLZANO/BOZEN"
    date: str  # as written, for `parse_date`
    line: int  # the paragraph's line it stands on (0: it opens the paragraph); the lines above are a subtitle
    end: int  # where the paragraph's text after it starts


def find_dateline(text: str, lang: str = ENGLISH) -> FoundDateline | None:
    """The dateline of the first paragraph (its text, lines separated by "\n"): at its start, or a
    line of its own under at most `MAX_LINES_ABOVE` short lines that end no sentence ("OSCE Permanent
    Council No. 1424" over "Vienna, 18 May 2023"); None when it has none."""
    pattern = dateline_pattern(lang)
    match = pattern.match(text)
    if match and is_place(match["place"]):
        return FoundDateline(match["place"], match["date"], 0, match.end())
    lines = text.split("\n")
    offset = 0
    for number, line in enumerate(lines[:MAX_LINES_ABOVE + 1]):
        if number:
            match = pattern.match(line)
            if match and not line[match.end():].strip() and is_place(match["place"]):
                return FoundDateline(match["place"], match["date"], number, offset + len(line) + 1)
        if not _is_line_above(line.strip()):
            return None
        offset += len(line) + 1
    return None


def is_place(text: str) -> bool:
    """True when `text` reads as places, not as a sentence ("The ministers met. Vienna"): when a word
    starts with a capital, no word longer than a name's short words ("am", "on", "d’", "and": "Frankfurt
    am Main", "Rostov-on-Don", "Côte d’Ivoire", "Bosnia and Herzegovina") starts with a small letter.
    (A place all in small letters, or in a script without capitals in use, is a place.)"""
    words = [word for word in re.split(r"[\s/,.'’-]+", text) if word]
    capitalised = any(word[0].isupper() for word in words)
    return not capitalised or all(not word[0].islower() or len(word) <= MAX_PARTICLE for word in words)


def _is_line_above(line: str) -> bool:
    """A short line that ends no sentence and is not cut in the middle of one ("… met today in")."""
    last = line.split()[-1] if line else ""
    return (0 < len(line) <= MAX_LINE_ABOVE and line[-1] not in ".,;:!?…"
            and not (last[0].islower() and len(last) <= MAX_PARTICLE))


def split_places(text: str) -> list[str]:
    """"TBILISI / WARSAW" → ["TBILISI", "WARSAW"]; "BOLZANO/BOZEN" (no spaces) is one place."""
    return [re.sub(r"\s+", " ", name).strip() for name in re.split(PLACE_SEPARATOR, text) if name.strip()]


def make_places(names: list[str], zones: list[str] | None = None) -> tuple[Place, ...]:
    """Each place with its CLDR time zone: given in front matter, or inferred from the name (the city
    before a comma: "BRUSSELS, Belgium" is Brussels's; "BOLZANO/BOZEN" has one only as a whole)."""
    if zones:
        return tuple(Place(name, zone) for name, zone in zip(names, zones))
    return tuple(Place(name, zone_for_place(name.split(",")[0])) for name in names)


def is_date(text: str, lang: str = ENGLISH) -> bool:
    """True when `text` has the shape of a written date in `lang` or English (the month may be unknown)."""
    return any(shape.fullmatch(text.strip()) for shape in date_forms(lang).shapes)


def parse_date(text: str, lang: str, path: Path, line: int | None) -> dt.date:
    """"21 February 2024", "February 21, 2024", "5 mars 2024", "5. März 2024", "5 марта 2024 г.",
    "Monday, 5 June 2023", "27.03.2023" (in the order of `lang`'s locale)."""
    forms = date_forms(lang)
    match = next((found for shape in forms.shapes if (found := shape.fullmatch(text.strip()))), None)
    if match is None:
        raise InputError(path, f"dateline date {text!r} is not a date written in {forms.describe()}", line)
    numeric = match["month"].isdigit()
    month = int(match["month"]) if numeric else forms.months.get(fold(match["month"]))
    if month is None:
        raise InputError(path, f"unknown month {match['month'].rstrip('.')!r} in dateline date {text!r} "
                               f"(not a month name in {forms.describe()})", line)
    try:
        date = dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        order = f" (read as {_order_words(forms.numeric)})" if numeric and forms.numeric else ""
        raise InputError(path, f"impossible date {text!r} in dateline{order}", line) from None
    weekday = match["weekday"]
    if weekday and forms.weekdays.get(fold(weekday)) != date.weekday():
        raise InputError(path, f"dateline date {text!r}: {weekday.rstrip('.')!r} is not its weekday "
                               f"({format_date(date, 'd MMMM y', locale='en')} is a "
                               f"{format_date(date, 'EEEE', locale='en')})", line)
    return date


def _order_words(order: str) -> str:
    return "/".join({"d": "day", "M": "month", "y": "year"}[letter] for letter in order)
