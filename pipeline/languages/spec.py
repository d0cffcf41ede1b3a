"""What a language is to the pipeline: the `Language` record and its parts.

A language module (`pipeline/languages/fr.py`) fills one `Language` with its
tables; the stages read them and never branch on a language's tag. Every
field has a default that suits a language without the feature (no spoken
forms, no article agreement, no space before high punctuation), so a module
states only what its language does.

The records hold data only (strings, regular expressions as strings or
compiled patterns, tuples, dicts): no functions, so that what a stage does
with a language is read in the stage, and a record's repr is the same from
one run to the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NBSP, NNBSP = "\u00a0", "\u202f"

Forms = tuple[str, str, str]  # a word for n = 1, for a few (ru 2–4, and a Russian fraction), for many


@dataclass(frozen=True)
class AddressWords:
    """How the language says the signs of an e-mail or web address."""

    at: str
    dot: str
    slash: str
    hyphen: str
    underscore: str
    colon: str


@dataclass(frozen=True)
class Dates:
    """How a date is written (what the spoken-form rules find) and said (what they put instead).

    Templates take the words with `{}`. A day or year said as an ordinal can be
    put in a grammatical case (`Spoken.ordinal_cases`): German "am fünften März"
    but "fünfter März", Russian "пятого марта … года".
    """

    # Written: what follows the day's number ("1er", "5.", "1.º"), what comes between the month and
    # the year ("de" in Spanish), what follows the year ("2024 г."), and the US order "March 5, 2024".
    day_mark: str = ""  # a regular expression
    before_year: str = ""  # a regular expression, spaces included
    year_mark: str = ""  # a regular expression, spaces included
    month_first: bool = False
    # Said.
    ordinal_days: bool = False  # every day is an ordinal ("the fifth of March")
    ordinal_first: bool = False  # only the first is ("premier mars", but "cinq mars")
    day_case: tuple[tuple[str, str], ...] = ()  # (what the text before the date ends with, a regexp; the case)
    day: str = "{}"  # the day's words in context ("the {} of")
    month_after_day: str = "{}"  # the month after a day ("de {}" in Spanish)
    year_case: str = ""  # the year is an ordinal in this case (Russian "… года"), else a number
    year: str = "{}"  # the year's words ("{} года")
    year_after_day: str = "{}"  # the year after a day and month ("de {}" in Spanish)


@dataclass(frozen=True)
class Spoken:
    """What the voice needs that `num2words` and CLDR do not know (see audio/spoken.py).

    Kept here, not in gettext: they are pronunciation, reviewed with the
    lexicons, not labels shown to readers. Plural forms come from CLDR.
    """

    address: AddressWords
    plus: str  # the "+" of a phone number
    percent: Forms
    currencies: dict[str, Forms]  # ISO code → the currency's name
    # Scale words as written (abbreviations too) → the scale's spoken forms.
    scales: dict[tuple[str, ...], Forms] = field(default_factory=dict)
    scale_of: str = " "  # what joins a scale word to the currency: " d'" ("millions d'euros"), " di "
    group_separators: str = NBSP + NNBSP  # the characters that group digits ("1 248", "1.248")
    decimal_sign: str = ","
    ordinal_suffixes: str = ""  # a regexp of what follows the digits of an ordinal ("st|nd|rd|th"); "" for none
    # The ordinal's case endings: case (the written suffix that shows it, ru "-го", or a name) →
    # {whole word or ending of the last word: replacement} (ru "ый" → "ого").
    ordinal_cases: dict[str, dict[str, str]] = field(default_factory=dict)
    number_fixes: tuple[tuple[str, str], ...] = ()  # (in num2words' words, said instead)
    fraction_form: int = 2  # which of the Forms a decimal takes (1 in Russian: "два и пять десятых процента")
    years_before_2000: str = "cardinal"  # num2words' converter ("year": "nineteen ninety-five")
    dates: Dates = Dates()


@dataclass(frozen=True)
class Articles:
    """Definite articles before a glossary term of a known gender (translate/hygiene.py).

    `forms` maps (preposition, form key) to the article: the key is the
    term's gender ("m", "f", "m.pl", "f.pl"), "·" for an elided article
    (l’) or a key from `special`. The dict's order decides which key an
    article written in two places is read as, so it is kept as written.
    """

    forms: dict[tuple[str, str], str]
    elision: dict[str, re.Pattern[str]] = field(default_factory=dict)  # gender → how a term that elides starts
    special: tuple[tuple[str, tuple[re.Pattern[str], ...], str], ...] = ()  # (gender, starts, key): Italian "lo"


DEFAULT_ENGLISH_LOOK = r"w|th|sh|ck|ee|oo|gh|(?:ing|ed|less|ness|ship|ful|y)$"


@dataclass(frozen=True)
class QA:
    """What the quality checks need to know of the language (translate/qa.py)."""

    # A letter pattern English has and the language does not (a source word left in English looks so);
    # None where the language has a script of its own, so that any source word left is a leak.
    english_look: str | None = DEFAULT_ENGLISH_LOOK
    # Words and endings that are this language's and not its neighbours': what an engine that pivots
    # through it leaves behind (Catalan, for Apertium's en→ca→fr and en→ca→it).
    own_words: tuple[str, ...] = ()
    own_endings: str = ""  # a regexp, anchored at the word's end
    pivot: str = ""  # the tag of a language engines pivot through to reach this one ("ca")
    pivot_letters: str = ""  # letters (a regexp) the pivot language writes and this one does not


@dataclass(frozen=True)
class BrailleCode:
    """One grade of the language's braille code, as liblouis writes it (pipeline/braille/, docs/braille.md).

    Table lists are liblouis's ("de-g2.ctb"; several comma-separated); a name the pipeline ships in
    pipeline/braille/tables/ (a fix of a Debian table) is found there.
    """

    table: str  # the text
    # URLs and e-mail addresses, never contracted: the code's computer braille, or its uncontracted
    # table ("": `table` writes them), after `address_sign` (Unicode braille: the indicator the code
    # opens such a word with, UEB's grade 1 word indicator ⠰⠰, the German tables' `begcomp` ⠠⠨, the
    # Computer Braille Code's begin indicator ⠸⠬) and before `address_end` (the indicator that closes
    # it, CBC's end indicator ⠸⠱; "": the address runs to the next blank cell). An address with a
    # character `addresses` lacks (a Cyrillic domain in computer braille) is written by `table`, unsigned.
    addresses: str = ""
    address_sign: str = ""
    address_end: str = ""
    # The table that reads `table` back (the checks), where liblouis's own translates forward only
    # ("": `table`): German and Spanish write numbers alike in both grades.
    back: str = ""


@dataclass(frozen=True)
class BrailleTables:
    """The language's literary braille: uncontracted, and contracted where its readers read it."""

    uncontracted: BrailleCode
    contracted: BrailleCode | None = None  # None: the language's readers read uncontracted braille


@dataclass(frozen=True)
class Language:
    """Everything the stages need to know about a language; one module per language fills one."""

    tag: str  # BCP 47
    locale: str  # Babel/CLDR locale
    name: str  # the language's name in itself, as a language switcher shows it
    voice: str  # espeak-ng voice for pyttsx3
    direction: str = "ltr"
    quotes: tuple[str, str] = ("“", "”")  # outer quotation marks, spacing included
    inner_quotes: tuple[str, str] = ("‘", "’")  # quotation marks inside quotations
    dateline_upper: bool = True  # house style: "VARSOVIE, 21 février 2024"
    words_per_minute: int = 160  # speech rate of the audio edition
    iso639_2: str = ""  # three-letter code (ID3 TLAN, stream metadata)
    # Typography (localise/typography.py, translate/hygiene.py, translate/qa.py).
    high_punctuation_space: str = ""  # before ; : ! ? (French: a narrow no-break space)
    engine_typography: bool = False  # machine output keeps the engines' (English) apostrophes and quotation marks
    possessive_s: bool = False  # "’s" is the language's possessive, not an English leftover of the engine
    # Which language a passage is in (ingest/detect.py): its most common words, and a regexp of a letter
    # of a script that only it writes among the languages of the table.
    common_words: tuple[str, ...] = ()
    script: str = ""
    spoken: Spoken | None = None  # None: the voice reads the text as written (after the lexicon)
    articles: Articles | None = None  # None: articles before glossary terms are not checked
    qa: QA = QA()
    # What a release's pictures and tables are written with (ingest/figures.py, in every release whatever
    # its language: an English release may credit "Foto: …"): the words that open a picture's credit,
    # read with a colon after them ("Photo: OSCE/…", "Photo credit:"), and a table's caption ("Table 1: …").
    credit_words: tuple[str, ...] = ()
    table_words: tuple[str, ...] = ()
    braille_tables: BrailleTables | None = None  # None: no braille edition in this language
