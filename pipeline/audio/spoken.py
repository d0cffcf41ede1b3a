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

The language tables below hold only what `num2words` and CLDR do not know
(the words for "@" and ".", currency names, scale words, the grammar of a
date). The pronunciation lexicon (audio/lexicon.py) applies before this
step, so a lexeme can override any of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Callable

from babel.dates import get_month_names
from num2words import num2words

from ..languages import NBSP, NNBSP, language
from .lexicon import Lexicon


@dataclass(frozen=True)
class AddressWords:
    at: str
    dot: str
    slash: str
    hyphen: str
    underscore: str
    colon: str


# How each language says the signs of an address; kept here (not in gettext) because
# they are pronunciation, reviewed with the lexicons, not labels shown to readers.
ADDRESS_WORDS = {
    "en": AddressWords("at", "dot", "slash", "hyphen", "underscore", "colon"),
    "fr": AddressWords("arobase", "point", "barre oblique", "tiret", "tiret bas", "deux-points"),
    "de": AddressWords("at", "Punkt", "Schrägstrich", "Bindestrich", "Unterstrich", "Doppelpunkt"),
    "it": AddressWords("chiocciola", "punto", "barra", "trattino", "trattino basso", "due punti"),
    "ru": AddressWords("собака", "точка", "слэш", "дефис", "нижнее подчёркивание", "двоеточие"),
    "es": AddressWords("arroba", "punto", "barra", "guion", "guion bajo", "dos puntos"),
}
PLUS = {"en": "plus", "fr": "plus", "de": "plus", "it": "più", "ru": "плюс", "es": "más"}
# Forms for n = 1, a few (ru 2–4) and many; a decimal takes the "few" form in Russian.
PERCENT = {"en": ("per cent",) * 3, "fr": ("pour cent",) * 3, "de": ("Prozent",) * 3, "it": ("per cento",) * 3,
           "es": ("por ciento",) * 3, "ru": ("процент", "процента", "процентов")}
CURRENCIES = {  # code → per language (one, few, many)
    "EUR": {"en": ("euro", "euros", "euros"), "fr": ("euro", "euros", "euros"), "de": ("Euro",) * 3,
            "it": ("euro",) * 3, "es": ("euro", "euros", "euros"), "ru": ("евро",) * 3},
    "USD": {"en": ("US dollar", "US dollars", "US dollars"), "fr": ("dollar", "dollars", "dollars"),
            "de": ("US-Dollar",) * 3, "it": ("dollaro", "dollari", "dollari"), "es": ("dólar", "dólares", "dólares"),
            "ru": ("доллар США", "доллара США", "долларов США")},
    "GBP": {"en": ("pound", "pounds", "pounds"), "fr": ("livre sterling", "livres sterling", "livres sterling"),
            "de": ("Pfund",) * 3, "it": ("sterlina", "sterline", "sterline"), "es": ("libra", "libras", "libras"),
            "ru": ("фунт стерлингов",) * 3},
    "CHF": {"en": ("Swiss franc", "Swiss francs", "Swiss francs"), "fr": ("franc suisse", "francs suisses",
            "francs suisses"), "de": ("Franken",) * 3, "it": ("franco svizzero", "franchi svizzeri", "franchi svizzeri"),
            "es": ("franco suizo", "francos suizos", "francos suizos"),
            "ru": ("швейцарский франк", "швейцарских франка", "швейцарских франков")},
}
CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "EUR": "EUR", "USD": "USD", "GBP": "GBP",
                  "CHF": "CHF"}
# Scale words as written (abbreviations too) → the scale's spoken forms (one, few, many).
SCALES = {
    "en": {("thousand",): ("thousand",) * 3, ("million", "m"): ("million",) * 3,
           ("billion", "bn"): ("billion",) * 3},
    "fr": {("mille",): ("mille",) * 3, ("million", "millions"): ("million", "millions", "millions"),
           ("milliard", "milliards"): ("milliard", "milliards", "milliards")},
    "de": {("Tausend",): ("tausend",) * 3, ("Million", "Millionen", "Mio."): ("Million", "Millionen", "Millionen"),
           ("Milliarde", "Milliarden", "Mrd."): ("Milliarde", "Milliarden", "Milliarden")},
    "it": {("mila",): ("mila",) * 3, ("milione", "milioni"): ("milione", "milioni", "milioni"),
           ("miliardo", "miliardi"): ("miliardo", "miliardi", "miliardi")},
    "es": {("mil",): ("mil",) * 3, ("millón", "millones"): ("millón", "millones", "millones"),
           ("mil millones",): ("mil millones",) * 3},
    "ru": {("тысяча", "тысячи", "тысяч", "тыс."): ("тысяча", "тысячи", "тысяч"),
           ("миллион", "миллиона", "миллионов", "млн", "млн."): ("миллион", "миллиона", "миллионов"),
           ("миллиард", "миллиарда", "миллиардов", "млрд", "млрд."): ("миллиард", "миллиарда", "миллиардов")},
}
# What joins a scale word to the currency: "2,5 millions d'euros", "2,5 milioni di euro".
SCALE_OF = {"en": " ", "fr": " d'", "de": " ", "it": " di ", "es": " de ", "ru": " "}
GROUP_SEPARATORS = {"en": ",", "fr": f"{NNBSP}{NBSP} ", "de": ".", "it": ".", "es": ".", "ru": f"{NBSP}{NNBSP} "}
DECIMAL_SIGN = {"en": "."}  # every other language here writes a decimal comma
ORDINAL_SUFFIXES = {"en": r"st|nd|rd|th", "fr": r"er|re|e|ème|ᵉ", "it": r"°|º|ª", "es": r"\.?º|\.?ª|\.?°",
                    "ru": r"-й|-я|-е|-го|-м"}


def number_words(value: Decimal | int, lang: str, to: str = "cardinal") -> str:
    """`num2words` in `lang`, with the few fixes a voice needs."""
    if isinstance(value, Decimal):  # some languages' converters drop a Decimal's fraction; a float keeps it
        value = int(value) if value == value.to_integral_value() else float(value)
    words = num2words(value, lang=lang, to=to)
    if lang == "en":
        words = words.replace(", ", " ")  # "one thousand, two hundred": no pause inside a number
    if lang == "es":
        words = words.replace(" punto ", " coma ")  # Spain writes and says a decimal comma
    return words


def plural_index(value: Decimal, lang: str) -> int:
    """0 for the "one" form, 1 for "few" (ru 2–4, and every fraction), 2 for "many"."""
    if value != value.to_integral_value():
        return 1 if lang == "ru" else 2
    n = int(value)
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return 0
        return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2
    if lang == "fr":
        return 0 if n in (0, 1) else 2
    return 0 if n == 1 else 2


# --- numbers as written in each language ------------------------------------------------


@cache
def number_pattern(lang: str) -> str:
    """A number as `lang` writes it: grouped ("1 248", "1.248", "1,248") or not, with decimals."""
    groups = "[" + re.escape(GROUP_SEPARATORS.get(lang, NBSP + NNBSP)) + "]"
    decimal = re.escape(DECIMAL_SIGN.get(lang, ","))
    return rf"\d{{1,3}}(?:{groups}\d{{3}})+(?:{decimal}\d+)?(?!\d)|\d+(?:{decimal}\d+)?"


def parse_number(text: str, lang: str) -> Decimal:
    decimal = DECIMAL_SIGN.get(lang, ",")
    digits = re.sub(r"[^\d" + re.escape(decimal) + "]", "", text)
    return Decimal(digits.replace(decimal, "."))


def say_number(text: str, lang: str) -> str:
    try:
        value = parse_number(text, lang)
    except InvalidOperation:
        return text
    return number_words(value if value != value.to_integral_value() else int(value), lang)


# --- addresses and phone numbers --------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"»”’]")
ADDRESS = re.compile(f"{EMAIL.pattern}|{URL.pattern}")
PHONE = re.compile(r"\+\d{1,3}(?:[ \u00a0\u202f./-]?\(?\d+\)?){2,}")
VOWELS = set("aeiouyAEIOUYаеёиоуыэюяАЕЁИОУЫЭЮЯ")


def say_digits(digits: str, lang: str) -> str:
    return " ".join(number_words(int(digit), lang) for digit in digits if digit.isdigit())


def say_phone(number: str, lang: str) -> str:
    """Digit by digit, a pause (comma) between the groups as written: never "twenty-two thousand"."""
    groups = re.findall(r"\d+", number)
    spoken = ", ".join(say_digits(group, lang) for group in groups)
    return f"{PLUS.get(lang, 'plus')} {spoken}" if number.lstrip().startswith("+") else spoken


def say_address(address: str, lang: str, lexicon: Lexicon | None = None) -> str:
    """An e-mail or web address in words a listener can write down."""
    words = ADDRESS_WORDS.get(lang, ADDRESS_WORDS["en"])
    signs = {"@": words.at, ".": words.dot, "/": words.slash, "-": words.hyphen, "_": words.underscore,
             ":": words.colon}
    acronyms = {grapheme.upper() for grapheme, _ in (lexicon.entries if lexicon else ())}
    address = re.sub(r"^https?://", "", address).rstrip("/")
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
    if lang in ("en", "de") and year < 2000:
        return number_words(year, lang, "year")
    return number_words(year, lang)


def _ru_case(word: str, ending: dict[str, str]) -> str:
    for old, new in ending.items():
        if word.endswith(old):
            return word[: -len(old)] + new
    return word


def _ru_ordinal_genitive(words: str) -> str:
    """"двадцать четвёртый" → "двадцать четвёртого" (the last word is the ordinal)."""
    head, _, last = words.rpartition(" ")
    last = "третьего" if last == "третий" else _ru_case(last, {"ый": "ого", "ой": "ого", "ий": "его"})
    return f"{head} {last}".strip()


def say_date(day: int | None, month: str, year: int | None, lang: str, before: str = "") -> str:
    """A date as said in `lang`: fr "premier mars deux mille vingt-quatre", ru "пятого марта … года"."""
    parts: list[str] = []
    if day is not None:
        if lang == "en":
            parts.append(f"the {number_words(day, lang, 'ordinal')} of")
        elif lang == "de":  # "am fünften März", but "fünfter März" standing alone
            ending = "n" if re.search(r"\b(?:am|vom|zum|dem|bis zum)\s*$", before, re.IGNORECASE) else "r"
            parts.append(number_words(day, lang, "ordinal") + ending)
        elif lang == "ru":
            parts.append(_ru_ordinal_genitive(number_words(day, lang, "ordinal")))
        elif day == 1 and lang in ("fr", "it", "es"):
            parts.append(number_words(1, lang, "ordinal"))
        else:
            parts.append(number_words(day, lang))
        parts.append(f"de {month}" if lang == "es" else month)
    else:
        parts.append(month)
    if year is not None:
        if lang == "ru":
            parts.append(_ru_ordinal_genitive(number_words(year, lang, "ordinal")) + " года")
        else:
            parts.append(("de " if lang == "es" and day is not None else "") + say_year(year, lang))
    return " ".join(parts)


def _scale_forms(written: str | None, lang: str) -> tuple[str, str, str] | None:
    if not written:
        return None
    for variants, forms in SCALES.get(lang, {}).items():
        if written in variants:
            return forms
    return None


def say_amount(number: str, currency: str, scale: str | None, lang: str) -> str:
    """ "2,5", "EUR", "millions" → "deux virgule cinq millions d'euros"."""
    value = parse_number(number, lang)
    names = CURRENCIES[currency].get(lang, CURRENCIES[currency]["en"])
    scale_forms = _scale_forms(scale, lang)
    if scale_forms:
        # Of a scale word the currency takes its genitive/"many" form: "millions d'euros", "миллиона евро".
        of = SCALE_OF.get(lang, " ")
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
    return f"{say_number(number, lang)} {PERCENT.get(lang, PERCENT['en'])[plural_index(value, lang)]}"


RU_ORDINAL_ENDINGS = {  # the written ending → how the (masculine nominative) ordinal's ending changes
    "-я": {"третий": "третья", "ый": "ая", "ой": "ая", "ий": "ья"},
    "-е": {"третий": "третье", "ый": "ое", "ой": "ое", "ий": "ье"},
    "-го": {"третий": "третьего", "ый": "ого", "ой": "ого", "ий": "его"},
    "-м": {"третий": "третьем", "ый": "ом", "ой": "ом", "ий": "ьем"},
}


def say_ordinal(number: str, suffix: str, lang: str) -> str:
    """ "21st", "1er", "2.º", "5-го" → the ordinal in words (ru: in the case its ending shows)."""
    words = number_words(int(number), lang, "ordinal")
    if lang == "ru" and suffix in RU_ORDINAL_ENDINGS:
        head, _, last = words.rpartition(" ")
        endings = RU_ORDINAL_ENDINGS[suffix]
        last = endings["третий"] if last == "третий" else _ru_case(last, {k: v for k, v in endings.items()
                                                                          if k != "третий"})
        words = f"{head} {last}".strip()
    return words


# --- putting it together ----------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    say: Callable[[re.Match[str], str], str]  # (match, text before it) → words


@cache
def rules(lang: str) -> tuple[Rule, ...]:
    """The rewriting rules of one language, in priority order (an earlier rule's span wins)."""
    number = number_pattern(lang)
    months = _months_pattern(lang)
    codes = "US\\$|€|\\$|£|EUR|USD|GBP|CHF"
    scales = "|".join(sorted((re.escape(v) for variants in SCALES.get(lang, {}) for v in variants),
                             key=len, reverse=True))
    scale = rf"(?:[ {NBSP}{NNBSP}](?P<scale>{scales})(?!\w))?" if scales else "(?P<scale>(?!))?"
    day_dot = r"\." if lang == "de" else ""
    first = r"(?:er|ᵉʳ)?" if lang == "fr" else (r"(?:\.?º|°)?" if lang in ("it", "es") else "")
    de = r"\s+de" if lang == "es" else ""
    year_tail = r"(?:\s*г\.|\s+года)?" if lang == "ru" else ""

    def date(match: re.Match[str], before: str) -> str:
        day = match["d"] or match["d2"]
        year = match["y"] or match["y2"]
        return say_date(int(day) if day else None, match["m"] or match["m2"], int(year) if year else None,
                        lang, before)

    en_us = rf"|(?P<m2>{months})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})" if lang == "en" else "(?P<m2>(?!))?(?P<d2>(?!))?(?P<y2>(?!))?"
    return (
        Rule("phone", PHONE, lambda m, _: say_phone(m.group(0), lang)),
        Rule("date", re.compile(
            rf"(?<![\w.,])(?:(?P<d>\d{{1,2}}){first}{day_dot}[ {NBSP}](?:de\s+)?)?(?P<m>{months})"
            rf"(?:{de}[ {NBSP}](?P<y>\d{{4}}){year_tail})?(?!\w){en_us}", re.IGNORECASE),
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
        *((Rule("ordinal", re.compile(rf"(?<![\w.,])(?P<n>\d+)(?P<suffix>{ORDINAL_SUFFIXES[lang]})(?!\w)"),
                lambda m, _: say_ordinal(m["n"], m["suffix"], lang)),) if lang in ORDINAL_SUFFIXES else ()),
        Rule("year", re.compile(r"(?<![\w.,\u00a0\u202f])(?:1[89]\d\d|20\d\d)(?![\w]|[.,\u00a0\u202f]\d)"),
             lambda m, _: say_year(int(m.group(0)), lang)),
        Rule("number", re.compile(rf"(?<![\w.,])(?:{number})(?![\w])"), lambda m, _: say_number(m.group(0), lang)),
    )


def spoken_form(text: str, lang: str, lexicon: Lexicon | None = None) -> str:
    """`text` (in `lang`) as the voice must say it: the lexicon first, then numbers and addresses in words."""
    if lang not in ADDRESS_WORDS:
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
