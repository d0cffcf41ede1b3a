"""Catalan: « » quotation marks, "5 de març de 2024" (CLDR's month names carry the "de": "d’abril").

Apertium translates en→ca (and pivots through Catalan to French and Italian, so
the Catalan words it leaves behind there are listed here, `QA.own_words`).
There is no label catalog for Catalan yet: its editions' labels are English
until `make locale-init LANG=ca` is run and translated. Passages in Catalan
are not detected inside releases in other languages (`common_words` is empty):
its most common words are Spanish's, French's and Italian's too.
"""

import re

from .spec import QA, AddressWords, Articles, BrailleCode, BrailleTables, Dates, Language, Spoken

# The article elides before a vowel or h; the feminine not before an unstressed i or u ("la universitat").
MASCULINE_ELIDES = re.compile(r"^h?[aeiouàèéíïòóúü]", re.IGNORECASE)
FEMININE_ELIDES = re.compile(r"^h?[aeoàèéíòóú]", re.IGNORECASE)

LANGUAGE = Language(
    "ca", "ca_ES", "català", "roa/ca",
    quotes=("«", "»"),
    inner_quotes=("“", "”"),
    iso639_2="cat",
    credit_words=("Foto", "Fotografia", "Crèdit", "Crèdit fotogràfic"),
    table_words=("Taula",),
    spoken=Spoken(
        address=AddressWords("arrova", "punt", "barra", "guionet", "guió baix", "dos punts"),
        plus="més",
        percent=("per cent",) * 3,
        currencies={"EUR": ("euro", "euros", "euros"), "USD": ("dòlar", "dòlars", "dòlars"),
                    "GBP": ("lliura esterlina", "lliures esterlines", "lliures esterlines"),
                    "CHF": ("franc suís", "francs suïssos", "francs suïssos")},
        scales={("mil",): ("mil",) * 3, ("milió", "milions"): ("milió", "milions", "milions"),
                ("mil milions",): ("mil milions",) * 3},
        scale_of=" d'",  # "2,5 milions d'euros", "… de dòlars"
        group_separators=".",
        ordinal_suffixes=r"r|n|t|è",  # 1r, 2n, 3r, 4t, 5è (masculine: num2words has no feminine)
        number_fixes=((" punt ", " coma "),),  # a decimal comma, said "coma"
        dates=Dates(before_year=r"\s+del?", ordinal_first=True, year_after_day="del {}"),
    ),
    articles=Articles(
        forms={("", "m"): "el", ("", "f"): "la", ("", "m.pl"): "els", ("", "f.pl"): "les",
               ("de", "m"): "del", ("de", "f"): "de la", ("de", "m.pl"): "dels", ("de", "f.pl"): "de les",
               ("a", "m"): "al", ("a", "f"): "a la", ("a", "m.pl"): "als", ("a", "f.pl"): "a les",
               ("per", "m"): "pel", ("per", "f"): "per la", ("per", "m.pl"): "pels", ("per", "f.pl"): "per les",
               ("", "·"): "l’", ("de", "·"): "de l’", ("a", "·"): "a l’", ("per", "·"): "per l’"},
        elision={"m": MASCULINE_ELIDES, "f": FEMININE_ELIDES},
    ),
    # Words that are Catalan and neither French nor Italian: what the route en→ca→fr/it leaves behind.
    qa=QA(own_words=tuple("""
amb els dels pels aquest aquesta aquests aquestes també perquè molt molts moltes seva seves seus llibertat
mitjans informació periodistes dret drets anys fins només totes doncs assetjament governacions governació
pressupostàries pressupostaris dissenció adjunts ciutadans dones feina llei lleis són és està estan
qualsevol nostre nostra aquí això allò mitjançant durant darrer darrera setmana
""".split()), own_endings=r"(?:ció|cions|ència|ències|ància|àncies|itat|itats|l·l\w*)$"),
    # Catalan braille, uncontracted: liblouis has no contracted Catalan table.
    braille_tables=BrailleTables(uncontracted=BrailleCode("ca-g1.ctb")),
)
