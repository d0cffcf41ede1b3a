"""German: „ “ quotation marks, "5. März 2024", ordinals that agree with the word before them."""

from .spec import QA, AddressWords, BrailleCode, BrailleTables, Dates, Language, Spoken

LANGUAGE = Language(
    "de", "de_DE", "Deutsch", "gmw/de",
    quotes=("„", "“"),
    inner_quotes=("‚", "‘"),
    iso639_2="deu",
    credit_words=("Foto", "Fotos", "Bild", "Fotonachweis", "Bildnachweis"),
    table_words=("Tabelle",),
    common_words=tuple(
        "der die das und ist nicht mit ein eine den dem zu auf für sich wir von im auch es des werden sind".split()),
    spoken=Spoken(
        address=AddressWords("at", "Punkt", "Schrägstrich", "Bindestrich", "Unterstrich", "Doppelpunkt"),
        plus="plus",
        percent=("Prozent",) * 3,
        currencies={"EUR": ("Euro",) * 3, "USD": ("US-Dollar",) * 3, "GBP": ("Pfund",) * 3,
                    "CHF": ("Franken",) * 3},
        scales={("Tausend",): ("tausend",) * 3,
                ("Million", "Millionen", "Mio."): ("Million", "Millionen", "Millionen"),
                ("Milliarde", "Milliarden", "Mrd."): ("Milliarde", "Milliarden", "Milliarden")},
        group_separators=".",
        # num2words' ordinals end in -e ("fünfte"): "am fünften März", but "fünfter März" standing alone.
        ordinal_cases={"dative": {"e": "en"}, "nominative": {"e": "er"}},
        years_before_2000="year",  # "neunzehnhundertfünfundneunzig"
        dates=Dates(day_mark=r"\.", ordinal_days=True,
                    day_case=((r"\b(?:am|vom|zum|dem|bis zum)\s*$", "dative"), ("", "nominative"))),
    ),
    # German writes "ea" and "sh" rarely, "w" and "y" often: fewer letter patterns mark an English word.
    qa=QA(english_look=r"th|ea|oo|(?:ing|ed|less|ness|ship|ful)$"),
    # Deutsche Vollschrift and Kurzschrift; addresses in 6-dot computer braille after ⠠⠨, as the tables
    # themselves write them (their `begcomp`). Both tables translate forward only: Vollschrift with
    # capitals reads the numbers back.
    braille_tables=BrailleTables(
        uncontracted=BrailleCode("de-g1.ctb", addresses="de-comp6.utb", address_sign="⠠⠨", back="de-g1-detailed.ctb"),
        contracted=BrailleCode("de-g2.ctb", addresses="de-comp6.utb", address_sign="⠠⠨", back="de-g1-detailed.ctb"),
    ),
)
