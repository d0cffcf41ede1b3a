"""English (British): the pipeline's source language."""

from .spec import AddressWords, BrailleCode, BrailleTables, Dates, Language, Spoken

LANGUAGE = Language(
    "en", "en_GB", "English", "gmw/en",
    # gmw/en is British English. 150 words a minute, not 160: at 160 eSpeak blurs long words and the
    # dateline ("deteriorating" is heard "the theory rating", "twenty-four" "fourteen"; issue 15).
    words_per_minute=150,
    iso639_2="eng",
    credit_words=("Photo", "Photo credit", "Photos", "Credit", "Picture"),
    table_words=("Table",),
    engine_typography=True,
    possessive_s=True,
    common_words=tuple(
        "the and of to in is that for with on are this be as by it was we have not from will our their has".split()),
    spoken=Spoken(
        address=AddressWords("at", "dot", "slash", "hyphen", "underscore", "colon"),
        plus="plus",
        percent=("per cent",) * 3,
        currencies={"EUR": ("euro", "euros", "euros"), "USD": ("US dollar", "US dollars", "US dollars"),
                    "GBP": ("pound", "pounds", "pounds"), "CHF": ("Swiss franc", "Swiss francs", "Swiss francs")},
        scales={("thousand",): ("thousand",) * 3, ("million", "m"): ("million",) * 3,
                ("billion", "bn"): ("billion",) * 3},
        group_separators=",",
        decimal_sign=".",
        ordinal_suffixes=r"st|nd|rd|th",
        number_fixes=((", ", " "),),  # "one thousand, two hundred": no pause inside a number
        # "nineteen ninety-five"; from 2000 on the cardinal: eSpeak runs "twenty twenty" together
        # (Whisper hears "when did"), "two thousand and twenty" stays clear.
        years_before_2000="year",
        dates=Dates(month_first=True, ordinal_days=True, day="the {} of"),
    ),
    # Unified English Braille, contracted (grade 2) as English readers read it; addresses in grade 1 after
    # the grade 1 word indicator, as UEB writes computer material set apart (docs/braille.md).
    braille_tables=BrailleTables(
        uncontracted=BrailleCode("en-ueb-g1.ctb"),
        contracted=BrailleCode("en-ueb-g2.ctb", addresses="en-ueb-g1.ctb", address_sign="⠰⠰"),
    ),
)
