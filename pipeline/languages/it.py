"""Italian: « » quotation marks, articles that fuse with prepositions (del, dello, dell’, negli …)."""

import re

from .spec import QA, AddressWords, Articles, BrailleCode, BrailleTables, Dates, Language, Spoken

STARTS_WITH_VOWEL = re.compile(r"^[aeiouàâéèêëîïôûùAEIOUÀÂÉÈÊËÎÏÔÛÙ]")
TAKES_LO = re.compile(r"^(?:s[^aeiouàèéìòù]|z|gn|ps|x|y)", re.IGNORECASE)  # lo studio, gli psicologi

# Articles fuse with di, a, in, su, da: del, dello, dell’, degli, alla, nei …
STEMS = {"": "", "di": "de", "a": "a", "in": "ne", "su": "su", "da": "da"}
ARTICLES = {"m": "il", "m.lo": "lo", "f": "la", "·": "l’", "m.pl": "i", "m.pl.gli": "gli", "f.pl": "le"}


def _fused(prep: str, key: str) -> str:
    article = ARTICLES[key]
    if not prep:
        return article
    stem = STEMS[prep]
    if article == "il":
        return stem + "l"
    if article == "i":
        return stem + "i"
    if article == "gli":
        return stem + "gli"
    return stem + "l" + article  # lo → dello, la → della, l’ → dell’, le → delle


LANGUAGE = Language(
    "it", "it_IT", "italiano", "roa/it",
    quotes=("«", "»"),
    inner_quotes=("“", "”"),
    iso639_2="ita",
    credit_words=("Foto", "Credito fotografico", "Crediti"),
    table_words=("Tabella",),
    common_words=tuple(
        "il e i della che di è non per una con sono gli del nel alla lo si anche questo dei delle ha ai nella"
        .split()),
    spoken=Spoken(
        address=AddressWords("chiocciola", "punto", "barra", "trattino", "trattino basso", "due punti"),
        plus="più",
        percent=("per cento",) * 3,
        currencies={"EUR": ("euro",) * 3, "USD": ("dollaro", "dollari", "dollari"),
                    "GBP": ("sterlina", "sterline", "sterline"),
                    "CHF": ("franco svizzero", "franchi svizzeri", "franchi svizzeri")},
        scales={("mila",): ("mila",) * 3, ("milione", "milioni"): ("milione", "milioni", "milioni"),
                ("miliardo", "miliardi"): ("miliardo", "miliardi", "miliardi")},
        scale_of=" di ",
        group_separators=".",
        ordinal_suffixes=r"°|º|ª",
        dates=Dates(day_mark=r"(?:\.?º|°)?", ordinal_first=True),
    ),
    articles=Articles(
        forms={(prep, key): _fused(prep, key) for prep in STEMS for key in ARTICLES},
        elision={"m": STARTS_WITH_VOWEL, "f": STARTS_WITH_VOWEL},
        special=(("m", (TAKES_LO,), "m.lo"), ("m.pl", (STARTS_WITH_VOWEL, TAKES_LO), "m.pl.gli")),
    ),
    # Apertium reaches Italian through Catalan (en→ca→it). Italian writes accents on the last vowel only,
    # and has no ç.
    qa=QA(pivot="ca", pivot_letters=r"[àèéìòù](?=\w)|ç"),
    # Italian readers read uncontracted braille. Debian's table (liblouis 3.24) defines the soft hyphen
    # where it means the hyphen-minus: it-hyphen.cti (pipeline/braille/tables/) defines the hyphen.
    # Addresses in 6-dot computer braille (the Computer Braille Code, between its indicators ⠸⠬ … ⠸⠱):
    # the Italian table writes "/" and "." alike and the code defines no computer braille (docs/braille.md).
    braille_tables=BrailleTables(uncontracted=BrailleCode(
        "it-hyphen.cti,it-it-comp6.utb", addresses="en-us-comp6.ctb", address_sign="⠸⠬", address_end="⠸⠱")),
)
