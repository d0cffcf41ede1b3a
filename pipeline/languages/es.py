"""Spanish (Spain): « » quotation marks, "5 de marzo de 2024", a decimal comma said "coma"."""

from .spec import AddressWords, Articles, BrailleCode, BrailleTables, Dates, Language, Spoken

LANGUAGE = Language(
    "es", "es_ES", "español", "roa/es",
    quotes=("«", "»"),
    inner_quotes=("“", "”"),
    iso639_2="spa",
    credit_words=("Foto", "Fotos", "Fotografía", "Crédito", "Crédito fotográfico"),
    table_words=("Tabla", "Cuadro"),
    common_words=tuple("el los las del que y es en por con una para no se su al lo como más son este esta han ya"
                       .split()),
    spoken=Spoken(
        address=AddressWords("arroba", "punto", "barra", "guion", "guion bajo", "dos puntos"),
        plus="más",
        percent=("por ciento",) * 3,
        currencies={"EUR": ("euro", "euros", "euros"), "USD": ("dólar", "dólares", "dólares"),
                    "GBP": ("libra", "libras", "libras"), "CHF": ("franco suizo", "francos suizos", "francos suizos")},
        scales={("mil",): ("mil",) * 3, ("millón", "millones"): ("millón", "millones", "millones"),
                ("mil millones",): ("mil millones",) * 3},
        scale_of=" de ",
        group_separators=".",
        ordinal_suffixes=r"\.?º|\.?ª|\.?°",
        number_fixes=((" punto ", " coma "),),  # Spain writes and says a decimal comma
        dates=Dates(day_mark=r"(?:\.?º|°)?", before_year=r"\s+de", ordinal_first=True,
                    month_after_day="de {}", year_after_day="de {}"),
    ),
    articles=Articles(
        forms={("", "m"): "el", ("", "f"): "la", ("", "m.pl"): "los", ("", "f.pl"): "las",
               ("de", "m"): "del", ("de", "f"): "de la", ("de", "m.pl"): "de los", ("de", "f.pl"): "de las",
               ("a", "m"): "al", ("a", "f"): "a la", ("a", "m.pl"): "a los", ("a", "f.pl"): "a las"},
    ),
    # Spanish readers read braille integral: estenografía is little read (ONCE, 2025; docs/braille.md).
    # Addresses in 6-dot computer braille (the Computer Braille Code, between its indicators ⠸⠬ … ⠸⠱):
    # Spanish braille writes ":" as the digit 3 and "." as the apostrophe (docs/braille.md).
    braille_tables=BrailleTables(uncontracted=BrailleCode(
        "es-g1.ctb", addresses="en-us-comp6.ctb", address_sign="⠸⠬", address_end="⠸⠱")),
)
