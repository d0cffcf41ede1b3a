"""Russian: « » and „ “ quotation marks, three plural forms, ordinals in the case their ending shows."""

from .spec import NBSP, NNBSP, QA, AddressWords, BrailleCode, BrailleTables, Dates, Language, Spoken

GENITIVE = "-го"

LANGUAGE = Language(
    "ru", "ru_RU", "русский", "zle/ru",
    quotes=("«", "»"),
    inner_quotes=("„", "“"),
    iso639_2="rus",
    credit_words=("Фото", "Фотография", "Фото предоставлено"),
    table_words=("Таблица",),
    script=r"[\u0400-\u04ff]",  # Cyrillic
    spoken=Spoken(
        address=AddressWords("собака", "точка", "слэш", "дефис", "нижнее подчёркивание", "двоеточие"),
        plus="плюс",
        percent=("процент", "процента", "процентов"),
        currencies={"EUR": ("евро",) * 3, "USD": ("доллар США", "доллара США", "долларов США"),
                    "GBP": ("фунт стерлингов",) * 3,
                    "CHF": ("швейцарский франк", "швейцарских франка", "швейцарских франков")},
        scales={("тысяча", "тысячи", "тысяч", "тыс."): ("тысяча", "тысячи", "тысяч"),
                ("миллион", "миллиона", "миллионов", "млн", "млн."): ("миллион", "миллиона", "миллионов"),
                ("миллиард", "миллиарда", "миллиардов", "млрд", "млрд."): ("миллиард", "миллиарда", "миллиардов")},
        group_separators=f"{NBSP}{NNBSP} ",
        ordinal_suffixes=r"-й|-я|-е|-го|-м",
        # The written ending → how the (masculine nominative) ordinal's ending changes.
        ordinal_cases={
            "-я": {"третий": "третья", "ый": "ая", "ой": "ая", "ий": "ья"},
            "-е": {"третий": "третье", "ый": "ое", "ой": "ое", "ий": "ье"},
            GENITIVE: {"третий": "третьего", "ый": "ого", "ой": "ого", "ий": "его"},
            "-м": {"третий": "третьем", "ый": "ом", "ой": "ом", "ий": "ьем"},
        },
        fraction_form=1,  # "два и пять десятых процента"
        # "пятого марта две тысячи двадцать четвёртого года"
        dates=Dates(year_mark=r"(?:\s*г\.|\s+года)?", ordinal_days=True, day_case=(("", GENITIVE),),
                    year_case=GENITIVE, year="{} года"),
    ),
    qa=QA(english_look=None),  # any source word left in Latin letters is a leak
    # Russian literary braille, uncontracted: Russian contracted braille is little read (and liblouis's
    # table is partial and forward only). Addresses in 6-dot computer braille (the Computer Braille Code,
    # between its indicators ⠸⠬ … ⠸⠱): Russian braille marks Latin letters once, and its letters are
    # the Latin ones' cells (docs/braille.md); an address in Cyrillic stays in Russian braille.
    braille_tables=BrailleTables(uncontracted=BrailleCode(
        "ru-litbrl.ctb", addresses="en-us-comp6.ctb", address_sign="⠸⠬", address_end="⠸⠱")),
)
