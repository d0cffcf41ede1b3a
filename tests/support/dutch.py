"""A language module written only for the tests (tests/test_languages.py registers it at run time):
Dutch, as a `pipeline/languages/nl.py` would be. It shows that a language is one module: every
stage picks it up from its `LANGUAGE` alone."""

from pipeline.languages import AddressWords, Dates, Language, Spoken

LANGUAGE = Language(
    "nl", "nl_NL", "Nederlands", "gmw/nl",
    quotes=("„", "”"),
    inner_quotes=("‚", "’"),
    iso639_2="nld",
    common_words=tuple("de het een en van is dat op te voor met niet zijn die er ook aan wij worden".split()),
    spoken=Spoken(
        address=AddressWords("apenstaartje", "punt", "schuine streep", "streepje", "liggend streepje",
                             "dubbele punt"),
        plus="plus",
        percent=("procent",) * 3,
        currencies={"EUR": ("euro",) * 3, "USD": ("dollar",) * 3, "GBP": ("pond",) * 3,
                    "CHF": ("Zwitserse frank",) * 3},
        scales={("miljoen",): ("miljoen",) * 3, ("miljard",): ("miljard",) * 3},
        group_separators=".",
        ordinal_suffixes=r"ste|de|e",
        dates=Dates(),
    ),
)
