"""The spoken form of written text, per language: what the voice must say.

eSpeak NG reads digits by its own rules, which go wrong on exactly what a
press release is made of: a French "1 248" (narrow no-break space) becomes
"un, deux cent quarante-huit", a phone number "+48 22 520 06 00" becomes
"vingt-deux mille cinq cent vingt…", "EUR" is spelled "E U R" and an e-mail
address loses its dots. So before synthesis every such span is rewritten in
words of the passage's language:

- e-mail and web addresses: spelled with the language's words for "at",
  "dot", "slash" (fr arobase/point/barre oblique, ru собака/точка/слэш …);
- phone numbers: digit by digit, a pause between the groups as written;
- dates ("5 mars 2024", "5. März 2024", "5 марта 2024 г."), currency
  amounts ("EUR 2,5 millions" → "deux virgule cinq millions d'euros"),
  percentages, ordinals ("1er", "21st", "1.º"), years, decimals and grouped
  numbers in the language's separators: words from `num2words`.

Each language's tables (`Language.spoken`, in its module under
pipeline/languages/) hold only what `num2words` and CLDR do not know (the
words for "@" and ".", currency names, scale words, how a date is written and
said); the code here reads them and never asks which language it is. A
language without them is read as written. The pronunciation lexicon (audio/lexicon.py) applies before this
step, so a lexeme can override any of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Callable

from babel import Locale
from babel.dates import get_month_names
from num2words import num2words

from ..errors import PipelineError
from ..languages import LANGUAGES, NBSP, NNBSP, Spoken, language
from ..text.patterns import EMAIL, PHONE, SCHEME, URL
from .lexicon import Lexicon


CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "EUR": "EUR", "USD": "USD", "GBP": "GBP",
                  "CHF": "CHF"}
PLURAL_FORMS = {"one": 0, "few": 1}  # CLDR's plural category → the index of a Forms; any other is "many"


def _spoken(lang: str) -> Spoken:
    spoken = language(lang).spoken
    if spoken is None:
        raise PipelineError(f"language {lang!r} has no spoken-form tables (pipeline/languages/{lang}.py)")
    return spoken


def number_words(value: Decimal | int, lang: str, to: str = "cardinal") -> str:
    """`num2words` in `lang`, with the few fixes a voice needs."""
    if isinstance(value, Decimal):  # some languages' converters drop a Decimal's fraction; a float keeps it
        value = int(value) if value == value.to_integral_value() else float(value)
    words = num2words(value, lang=lang, to=to)
    for written, said in _spoken(lang).number_fixes:  # en "one thousand, two hundred": no pause inside a number
        words = words.replace(written, said)
    return words


def plural_index(value: Decimal, lang: str) -> int:
    """0 for the "one" form, 1 for "few" (ru 2–4), 2 for "many": CLDR's plural rules; a fraction takes
    the language's `fraction_form` (ru "few")."""
    if value != value.to_integral_value():
        return _spoken(lang).fraction_form
    return PLURAL_FORMS.get(_plural_rule(lang)(int(value)), 2)


@cache
def _plural_rule(lang: str) -> Callable[[int], str]:
    return Locale.parse(language(lang).locale).plural_form


# --- numbers as written in each language ------------------------------------------------


@cache
def number_pattern(lang: str) -> str:
    """A number as `lang` writes it: grouped ("1 248", "1.248", "1,248") or not, with decimals."""
    spoken = _spoken(lang)
    groups = "[" + re.escape(spoken.group_separators) + "]"
    decimal = re.escape(spoken.decimal_sign)
    return rf"\d{{1,3}}(?:{groups}\d{{3}})+(?:{decimal}\d+)?(?!\d)|\d+(?:{decimal}\d+)?"


def parse_number(text: str, lang: str) -> Decimal:
    decimal = _spoken(lang).decimal_sign
    digits = re.sub(r"[^\d" + re.escape(decimal) + "]", "", text)
    return Decimal(digits.replace(decimal, "."))


def say_number(text: str, lang: str) -> str:
    try:
        value = parse_number(text, lang)
    except InvalidOperation:
        return text
    return number_words(value if value != value.to_integral_value() else int(value), lang)


# --- addresses and phone numbers --------------------------------------------------------

ADDRESS = re.compile(f"{EMAIL.pattern}|{URL.pattern}")
VOWELS = set("aeiouyAEIOUYаеёиоуыэюяАЕЁИОУЫЭЮЯ")


def say_digits(digits: str, lang: str) -> str:
    return " ".join(number_words(int(digit), lang) for digit in digits if digit.isdigit())


def say_phone(number: str, lang: str) -> str:
    """Digit by digit, a pause (comma) between the groups as written: never "twenty-two thousand"."""
    groups = re.findall(r"\d+", number)
    spoken = ", ".join(say_digits(group, lang) for group in groups)
    return f"{_spoken(lang).plus} {spoken}" if number.lstrip().startswith("+") else spoken


def say_address(address: str, lang: str, lexicon: Lexicon | None = None) -> str:
    """An e-mail or web address in words a listener can write down."""
    words = _spoken(lang).address
    signs = {"@": words.at, ".": words.dot, "/": words.slash, "-": words.hyphen, "_": words.underscore,
             ":": words.colon}
    acronyms = {grapheme.upper() for grapheme, _ in (lexicon.entries if lexicon else ())}
    address = re.sub(f"^{SCHEME}", "", address).rstrip("/")
    spoken = []
    for piece in re.findall(r"[^@./\-_:]+|[@./\-_:]", address):
        if piece in signs:
            spoken.append(signs[piece])
        elif piece.isdigit():
            spoken.append(say_digits(piece, lang))
        elif piece.upper() in acronyms or (len(piece) <= 4 and not VOWELS & set(piece)):
            spoken.append(" ".join(piece.lower()))  # "osce" → "o s c e": the letters, as written
        else:
            spoken.append(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", piece))  # "PublicAffairs" → "Public Affairs"
    return " ".join(spoken)


# --- dates, currency, percentages, ordinals, years ---------------------------------------


@cache
def month_names(lang: str) -> dict[str, int]:
    """Month names as dates write them (ru genitive "марта"), lower-cased → number."""
    names = get_month_names("wide", "format", locale=language(lang).locale)
    return {name.lower(): number for number, name in names.items()}


def _months_pattern(lang: str) -> str:
    return "|".join(sorted(map(re.escape, month_names(lang)), key=len, reverse=True))


def say_year(year: int, lang: str) -> str:
    """ "nineteen ninety-five", "neunzehnhundertfünfundneunzig"; from 2000 on, the cardinal.

    English "twenty twenty" is what people say, but eSpeak runs the two words
    together (Whisper hears "when did"); "two thousand and twenty" stays clear.
    """
    converter = _spoken(lang).years_before_2000
    if converter != "cardinal" and year < 2000:
        return number_words(year, lang, converter)
    return number_words(year, lang)


def inflect(words: str, endings: dict[str, str]) -> str:
    """The last word of `words` in a case: replaced whole, or its ending replaced ("двадцать четвёртый" →
    "двадцать четвёртого", "fünfte" → "fünften")."""
    head, _, last = words.rpartition(" ")
    if last in endings:
        last = endings[last]
    else:
        for old, new in endings.items():
            if last.endswith(old):
                last = last[: -len(old)] + new
                break
    return f"{head} {last}".strip()


def say_date(day: int | None, month: str, year: int | None, lang: str, before: str = "") -> str:
    """A date as said in `lang`: fr "premier mars deux mille vingt-quatre", ru "пятого марта … года"."""
    spoken = _spoken(lang)
    dates = spoken.dates
    parts: list[str] = []
    if day is not None:
        if dates.ordinal_days or (day == 1 and dates.ordinal_first):
            words = number_words(day, lang, "ordinal")
            # The case the words before the date ask for (de "am fünften März", but "fünfter März").
            case = next((case for context, case in dates.day_case if re.search(context, before, re.IGNORECASE)),
                        None)
            if case is not None:
                words = inflect(words, spoken.ordinal_cases[case])
        else:
            words = number_words(day, lang)
        parts += [dates.day.format(words), dates.month_after_day.format(month)]
    else:
        parts.append(month)
    if year is not None:
        if dates.year_case:
            words = inflect(number_words(year, lang, "ordinal"), spoken.ordinal_cases[dates.year_case])
        else:
            words = say_year(year, lang)
        words = dates.year.format(words)
        parts.append(dates.year_after_day.format(words) if day is not None else words)
    return " ".join(parts)


def _scale_forms(written: str | None, lang: str) -> tuple[str, str, str] | None:
    if not written:
        return None
    for variants, forms in _spoken(lang).scales.items():
        if written in variants:
            return forms
    return None


def say_amount(number: str, currency: str, scale: str | None, lang: str) -> str:
    """ "2,5", "EUR", "millions" → "deux virgule cinq millions d'euros"."""
    value = parse_number(number, lang)
    names = _spoken(lang).currencies[currency]
    scale_forms = _scale_forms(scale, lang)
    if scale_forms:
        # Of a scale word the currency takes its genitive/"many" form: "millions d'euros", "миллиона евро".
        of = _spoken(lang).scale_of
        if of.endswith("'") and names[2][0] not in "aeiouéh":
            of = " de "
        return f"{say_number(number, lang)} {scale_forms[plural_index(value, lang)]}{of}{names[2]}"
    if value != value.to_integral_value():
        try:
            return num2words(float(value), lang=lang, to="currency", currency=currency)
        except (NotImplementedError, KeyError):
            pass
    return f"{say_number(number, lang)} {names[plural_index(value, lang)]}"


def say_scaled(number: str, scale: str, lang: str) -> str:
    """ "2,5 Mio." → "zwei Komma fünf Millionen", "3 млн" → "три миллиона"."""
    forms = _scale_forms(scale, lang)
    if forms is None:
        return f"{say_number(number, lang)} {scale}"
    return f"{say_number(number, lang)} {forms[plural_index(parse_number(number, lang), lang)]}"


def say_percent(number: str, lang: str) -> str:
    value = parse_number(number, lang)
    return f"{say_number(number, lang)} {_spoken(lang).percent[plural_index(value, lang)]}"


def say_ordinal(number: str, suffix: str, lang: str) -> str:
    """ "21st", "1er", "2.º", "5-го" → the ordinal in words (ru: in the case its ending shows)."""
    words = number_words(int(number), lang, "ordinal")
    cases = _spoken(lang).ordinal_cases
    return inflect(words, cases[suffix]) if suffix in cases else words


# --- putting it together ----------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    say: Callable[[re.Match[str], str], str]  # (match, text before it) → words


@cache
def rules(lang: str) -> tuple[Rule, ...]:
    """The rewriting rules of one language, in priority order (an earlier rule's span wins)."""
    spoken = _spoken(lang)
    written = spoken.dates
    number = number_pattern(lang)
    months = _months_pattern(lang)
    codes = "US\\$|€|\\$|£|EUR|USD|GBP|CHF"
    scales = "|".join(sorted((re.escape(v) for variants in spoken.scales for v in variants),
                             key=len, reverse=True))
    scale = rf"(?:[ {NBSP}{NNBSP}](?P<scale>{scales})(?!\w))?" if scales else "(?P<scale>(?!))?"

    def date(match: re.Match[str], before: str) -> str:
        day = match["d"] or match["d2"]
        year = match["y"] or match["y2"]
        return say_date(int(day) if day else None, match["m"] or match["m2"], int(year) if year else None,
                        lang, before)

    month_first = (rf"|(?P<m2>{months})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})" if written.month_first
                   else "(?P<m2>(?!))?(?P<d2>(?!))?(?P<y2>(?!))?")
    return (
        Rule("phone", PHONE, lambda m, _: say_phone(m.group(0), lang)),
        Rule("date", re.compile(
            rf"(?<![\w.,])(?:(?P<d>\d{{1,2}}){written.day_mark}[ {NBSP}](?:de\s+)?)?(?P<m>{months})"
            rf"(?:{written.before_year}[ {NBSP}](?P<y>\d{{4}}){written.year_mark})?(?!\w){month_first}",
            re.IGNORECASE),
            lambda m, before: date(m, before) if (m["d"] or m["y"] or m["d2"]) else m.group(0)),
        Rule("currency", re.compile(
            rf"(?<![\w.,])(?P<cur>{codes})[ {NBSP}{NNBSP}]?(?P<n>{number}){scale}(?!\w)"
            rf"|(?<![\w.,])(?P<n2>{number}){scale.replace('scale', 'scale2')}[ {NBSP}{NNBSP}]?(?P<cur2>{codes})(?!\w)"),
            lambda m, _: say_amount(m["n"] or m["n2"], CURRENCY_SIGNS[m["cur"] or m["cur2"]],
                                    m["scale"] or m["scale2"], lang)),
        Rule("percent", re.compile(rf"(?<![\w.,])(?P<n>{number})(?:[ {NBSP}{NNBSP}]?%| per ?cent\b)"),
             lambda m, _: say_percent(m["n"], lang)),
        Rule("scaled", re.compile(rf"(?<![\w.,])(?P<n>{number}){scale[:-1]}"),  # the scale word required
             lambda m, _: say_scaled(m["n"], m["scale"], lang)),
        Rule("range", re.compile(r"(?<![\w.,])(?P<a>1[89]\d\d|20\d\d)[–-](?P<b>1[89]\d\d|20\d\d)(?![\w.,]\d)"),
             lambda m, _: f"{say_year(int(m['a']), lang)}, {say_year(int(m['b']), lang)}"),
        *((Rule("ordinal", re.compile(rf"(?<![\w.,])(?P<n>\d+)(?P<suffix>{spoken.ordinal_suffixes})(?!\w)"),
                lambda m, _: say_ordinal(m["n"], m["suffix"], lang)),) if spoken.ordinal_suffixes else ()),
        Rule("year", re.compile(r"(?<![\w.,\u00a0\u202f])(?:1[89]\d\d|20\d\d)(?![\w]|[.,\u00a0\u202f]\d)"),
             lambda m, _: say_year(int(m.group(0)), lang)),
        Rule("number", re.compile(rf"(?<![\w.,])(?:{number})(?![\w])"), lambda m, _: say_number(m.group(0), lang)),
    )


def spoken_form(text: str, lang: str, lexicon: Lexicon | None = None) -> str:
    """`text` (in `lang`) as the voice must say it: the lexicon first, then numbers and addresses in words."""
    if lang not in LANGUAGES or LANGUAGES[lang].spoken is None:
        return lexicon.apply(text) if lexicon else text
    # Addresses are found first so that the lexicon never rewrites inside them ("M." in "M.Dupont@…").
    pieces: list[str] = []
    position = 0
    for match in ADDRESS.finditer(text):
        pieces += [_say_spans(_lexicon(text[position:match.start()], lexicon), lang),
                   say_address(match.group(0), lang, lexicon)]
        position = match.end()
    pieces.append(_say_spans(_lexicon(text[position:], lexicon), lang))
    return re.sub(r"[ \t]{2,}", " ", "".join(pieces))


def _lexicon(text: str, lexicon: Lexicon | None) -> str:
    return lexicon.apply(text) if lexicon else text


def _say_spans(text: str, lang: str) -> str:
    taken: list[tuple[int, int, str]] = []
    for rule in rules(lang):
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if start == end or any(start < e and end > s for s, e, _ in taken):
                continue
            said = rule.say(match, text[:start])
            if said != match.group(0):
                taken.append((start, end, said))
    out, position = [], 0
    for start, end, said in sorted(taken):
        out += [text[position:start], said]
        position = end
    return "".join(out) + text[position:]
