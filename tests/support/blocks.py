"""The bundled example with a table, two figures and two footnotes, in English and in French, built
by hand (dataclasses.replace on the parsed example) as the localise stage would hand them to the
editions: the editions' and the spoken script's tests of issue 23 (tests/editions/test_text.py,
tests/editions/test_data.py, tests/audio/test_script.py)."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from pipeline.ingest import read_release
from pipeline.localise import localise_source, localise_target
from pipeline.localise.labels import load_labels
from pipeline.release import Figure, LocalisedRelease, Note, Paragraph, Run, Table, TranslationStatus
from pipeline.segment import segment_release

from ..conftest import EXAMPLE

NNBSP = "\u202f"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16  # the bytes of a picture beside the release (never in JSON)
PHOTO_URL = "https://www.osce.org/files/f/images/representative-2024.jpg"

TEXTS = {
    "en": {
        "caption": "Attacks on media workers by region, 2023",
        "header": ("Region", "Attacks", "Change"),
        "rows": (("South-Eastern Europe", "1,248", "12.5%"), ("Eastern Europe", "512", "8.1%"),
                 ("Central Asia", "97", "-2.4%")),
        "alt": "The Representative hands the report to the Chair of the Permanent Council",
        "photo caption": "The report was presented in Vienna on 5 March 2024.",
        "credit": "OSCE/Micky Kroell",
        "chart caption": "Attacks by region since 2019",
        "notes": (("sources", ("Figures from the OSCE safety of journalists database, as of 31 December 2023.",)),
                  ("online", ("Including online attacks reported to the Representative.",
                              "Reports from Turkmenistan could not be verified."))),
        "wide header": ("Region of the OSCE area", "Attacks on media workers recorded in 2023",
                        "Change compared to 2022"),
    },
    "fr": {
        "caption": "Attaques contre des professionnels des médias par région, 2023",
        "header": ("Région", "Attaques", "Évolution"),
        "rows": (("Europe du Sud-Est", f"1{NNBSP}248", f"12,5{NNBSP}%"), ("Europe orientale", "512", f"8,1{NNBSP}%"),
                 ("Asie centrale", "97", f"-2,4{NNBSP}%")),
        "alt": "La Représentante remet le rapport au président du Conseil permanent",
        "photo caption": "Le rapport a été présenté à Vienne le 5 mars 2024.",
        "credit": "Photo : OSCE/Micky Kroell",  # a credit that repeats the label: the text edition drops it
        "chart caption": "Attaques par région depuis 2019",
        "notes": (("sources", ("Chiffres de la base de données de l’OSCE sur la sécurité des journalistes, "
                               "au 31 décembre 2023.",)),
                  ("online", ("Y compris les attaques en ligne signalées à la Représentante.",
                              "Les signalements du Turkménistan n’ont pas pu être vérifiés."))),
        "wide header": ("Région de l’espace de l’OSCE", "Attaques contre des professionnels des médias en 2023",
                        "Évolution depuis 2022"),
    },
}


def runs(text: str) -> tuple[Run, ...]:
    return (Run(text),)


def table(lang: str, wide: bool = False) -> Table:
    texts = TEXTS[lang]
    header = texts["wide header"] if wide else texts["header"]
    rows = [tuple(runs(cell) for cell in row) for row in texts["rows"]]
    # The last region refers to the second note: a reference inside a cell.
    rows[2] = ((Run(texts["rows"][2][0]), Run("[^online]", note="online")), *rows[2][1:])
    return Table(header=tuple(runs(cell) for cell in header), rows=tuple(rows), caption=runs(texts["caption"]))


def photo(lang: str) -> Figure:
    texts = TEXTS[lang]
    return Figure(PHOTO_URL, runs(texts["alt"]), runs(texts["photo caption"]), runs(texts["credit"]))


def chart(lang: str) -> Figure:
    """A picture beside the release, without alt text (its caption stands in for it where it is read)."""
    return Figure("images/attacks-by-region.png", (), runs(TEXTS[lang]["chart caption"]), (),
                  media_type="image/png", sha256=hashlib.sha256(PNG).hexdigest(), data=PNG)


def notes(lang: str) -> tuple[Note, ...]:
    return tuple(Note(label, tuple(runs(p) for p in paragraphs)) for label, paragraphs in TEXTS[lang]["notes"])


def example_with_blocks(lang: str = "en", wide: bool = False) -> LocalisedRelease:
    """The example: a photo after the lead (which refers to the first note), the table after the
    list, the chart before "Recommendations", two footnotes."""
    release = read_release(EXAMPLE)
    segmentation = segment_release(release)
    if lang == "en":
        localised = localise_source(release, segmentation, load_labels("en"))
    else:  # the example's own text left in English (marked so), the new blocks in French
        status = TranslationStatus(source=False, segments=len(segmentation.segments),
                                   untranslated=len(segmentation.segments))
        localised = localise_target(release, segmentation, lang, (), status, load_labels(lang))
    blocks = list(localised.blocks)
    lead = blocks[0]
    assert isinstance(lead, Paragraph)
    blocks[0] = replace(lead, runs=(*lead.runs, Run("[^sources]", note="sources")))
    heading = next(i for i, block in enumerate(blocks) if type(block).__name__ == "Heading")
    blocks[heading:heading] = [table(lang, wide), chart(lang)]  # after the list
    blocks[1:1] = [photo(lang)]
    return replace(localised, blocks=tuple(blocks), notes=notes(lang))
