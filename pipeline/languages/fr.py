"""French: « » with narrow no-break spaces, and one before ; : ! ?"""

import re

from .spec import NBSP, NNBSP, QA, AddressWords, Articles, BrailleCode, BrailleTables, Dates, Language, Spoken

STARTS_WITH_VOWEL = re.compile(r"^[aeiouhàâéèêëîïôûùAEIOUHÀÂÉÈÊËÎÏÔÛÙ]")  # h too: l’homme

LANGUAGE = Language(
    "fr", "fr_FR", "français", "roa/fr",
    quotes=(f"«{NNBSP}", f"{NNBSP}»"),
    inner_quotes=("“", "”"),
    iso639_2="fra",
    credit_words=("Photo", "Crédit photo", "Crédit", "Crédits photo", "Photos"),
    table_words=("Tableau",),
    high_punctuation_space=NNBSP,
    common_words=tuple(
        "le la les des et est une dans que pour pas sur nous du au qui avec ce sont il elle à aux cette ne".split()),
    spoken=Spoken(
        address=AddressWords("arobase", "point", "barre oblique", "tiret", "tiret bas", "deux-points"),
        plus="plus",
        percent=("pour cent",) * 3,
        currencies={"EUR": ("euro", "euros", "euros"), "USD": ("dollar", "dollars", "dollars"),
                    "GBP": ("livre sterling", "livres sterling", "livres sterling"),
                    "CHF": ("franc suisse", "francs suisses", "francs suisses")},
        scales={("mille",): ("mille",) * 3, ("million", "millions"): ("million", "millions", "millions"),
                ("milliard", "milliards"): ("milliard", "milliards", "milliards")},
        scale_of=" d'",
        group_separators=f"{NNBSP}{NBSP} ",
        ordinal_suffixes=r"er|re|e|ème|ᵉ",
        dates=Dates(day_mark=r"(?:er|ᵉʳ)?", ordinal_first=True),
    ),
    articles=Articles(
        forms={("", "m"): "le", ("", "f"): "la", ("", "m.pl"): "les", ("", "f.pl"): "les",
               ("de", "m"): "du", ("de", "f"): "de la", ("de", "m.pl"): "des", ("de", "f.pl"): "des",
               ("à", "m"): "au", ("à", "f"): "à la", ("à", "m.pl"): "aux", ("à", "f.pl"): "aux",
               ("", "·"): "l’", ("de", "·"): "de l’", ("à", "·"): "à l’"},
        elision={"m": STARTS_WITH_VOWEL, "f": STARTS_WITH_VOWEL},
    ),
    # Apertium reaches French through Catalan (en→ca→fr): Catalan's accents French does not write.
    qa=QA(pivot="ca", pivot_letters=r"[òíóú]"),
    # Braille français uniformisé: intégral, and abrégé (its table writes addresses in intégral after ⠰).
    braille_tables=BrailleTables(
        uncontracted=BrailleCode("fr-bfu-comp6.utb"),
        contracted=BrailleCode("fr-bfu-g2.ctb", addresses="fr-bfu-comp6.utb", address_sign="⠰"),
    ),
)
