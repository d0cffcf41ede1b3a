"""The braille editions (issue 28): a Braille Ready File and a PEF in every language, laid out on
40 × 25 pages, and the right content, read back with liblouis.

The bundled example and a release with a list of figures (no table block yet) and foreign
quotations are built in six languages (Apertium for French, Italian and Spanish, no engine for
German and Russian, whose editions stay in English: every passage of them is foreign). Each
edition's spans are read back with liblouis, each with the table that reads its code back
(pipeline/languages/: `BrailleCode.back`), and every number, URL and e-mail address of that
language's text edition must come back; the file must hold every cell of those spans.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from pipeline.braille import braille_pages, louis
from pipeline.braille.layout import BRAILLE_ASCII, to_ascii
from pipeline.braille.louis import BLANK
from pipeline.braille.transcribe import BrailleBlock, Span, braille_code, page_number
from pipeline.config import load_config
from pipeline.editions import EditionSettings, render
from pipeline.ingest import read_release
from pipeline.jobs import Cache, Runner, make_executor
from pipeline.languages import BrailleCode
from pipeline.localise import localise_source
from pipeline.localise.labels import load_labels
from pipeline.publish.manifest import read_manifest
from pipeline.release import LocalisedRelease
from pipeline.run import parse_release_file, plan_release
from pipeline.segment import segment_release
from pipeline.text.patterns import EMAIL, URL
from pipeline.translate.settings import translate_settings
from pipeline.translate.stage import ReleaseToTranslate, translations_if_cached

from ..conftest import EXAMPLE, run_in_new_project, write

LANGUAGES = ["en", "fr", "de", "it", "ru", "es"]
PEF = "{http://www.daisy.org/ns/2008/pef}"
DC = "{http://purl.org/dc/elements/1.1/}"
CELLS, LINES = 40, 25
SKOPJE = """PRESS RELEASE

# OSCE opens training course for journalists in Skopje

SKOPJE, 12 June 2024 – The OSCE Mission to Skopje opened a training course for 24 journalists today, with 3 trainers and a budget of EUR 45,000. Course material is online at https://www.osce.org/skopje/training-2024 until 30 September.

The course in figures:

- participants: 24, from 6 countries;
- hours of training: 18, over 3 days;
- pages of material: 1,250.

The head of the Mission quoted the motto of a newspaper, [Die Wahrheit ist den Menschen zumutbar]{lang=de}, and of another, <span lang="ru">Свобода слова – 2024</span>.

## Contacts

### Press Office, OSCE Mission to Skopje

Office: +389 2 3234 000

[press.skopje@osce.org](mailto:press.skopje@osce.org)
"""


@dataclass(frozen=True)
class Built:
    outputs: Path
    ids: dict[str, str]  # name → release id
    localised: dict[tuple[str, str], LocalisedRelease]  # (name, lang) → the release the run rendered

    def file(self, name: str, lang: str, extension: str) -> Path:
        release_id = self.ids[name]
        return self.outputs / release_id / lang / f"{release_id}.{lang}.{extension}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Both releases run in six languages with the text, JSON, braille and PEF editions; and the
    LocalisedReleases the run rendered, planned again from its cache as `status` plans them."""
    directory = tmp_path_factory.mktemp("braille") / "project"
    write(directory / "release-pipeline.toml", """languages = ["fr", "de", "it", "ru", "es"]
editions = ["text", "json", "braille", "pef"]
engine = "apertium"
engines = { de = "none", ru = "none" }
publish = "machine"
""")
    paths = {"example": EXAMPLE, "skopje": write(directory / "skopje.md", SKOPJE)}
    outputs = run_in_new_project(directory, *paths.values())
    config = load_config(directory)
    runner = Runner(Cache(config.cache_dir, read_only=True), make_executor("serial", 1))
    ids, localised = {}, {}
    for name, path in paths.items():
        parsed = parse_release_file(path, config)
        translated, missing = translations_if_cached(
            ReleaseToTranslate(parsed.release, parsed.segmentation), translate_settings(config), runner)
        assert not missing
        files = [file for file in plan_release(parsed, translated, config).files if file.kind == "braille"]
        results = runner.run([file.localised for file in files])
        ids[name] = parsed.release.id
        localised |= {(name, file.lang): results[file.localised] for file in files}
    return Built(outputs, ids, localised)


CASES = [(name, lang) for name in ("example", "skopje") for lang in LANGUAGES]


def brf_pages(data: bytes) -> list[list[str]]:
    text = data.decode("ascii")
    pages = text.split("\f")
    assert all(page.endswith("\r\n") for page in pages)
    return [page[:-2].split("\r\n") for page in pages]


@pytest.mark.slow
@pytest.mark.parametrize("name, lang", CASES)
def test_the_brf_fits_its_pages_and_numbers_them_at_the_top_right(built, name, lang):
    pages = brf_pages(built.file(name, lang, "brf").read_bytes())
    release = built.localised[(name, lang)]
    assert 1 <= len(pages) <= 6
    for number, page in enumerate(pages, start=1):
        assert len(page) <= LINES
        assert all(len(line) <= CELLS and set(line) <= set(BRAILLE_ASCII) for line in page), page
        expected = to_ascii(page_number(release, "contracted", number))
        assert page[0] == expected.rjust(CELLS), (number, page[0])
        assert page[1].strip(), "a page's text starts on the line below its number, with no blank line"
    assert [line for page in pages for line in page[1:] if line.startswith(" ") and not line.strip()] == []


@pytest.mark.slow
@pytest.mark.parametrize("name, lang", CASES)
def test_the_pef_parses_with_its_namespace_metadata_and_the_brf_pages(built, name, lang):
    root = ElementTree.parse(built.file(name, lang, "pef")).getroot()
    assert root.tag == f"{PEF}pef" and root.get("version") == "2008-1"
    meta = root.find(f"{PEF}head/{PEF}meta")
    release = built.localised[(name, lang)]
    assert meta.findtext(f"{DC}language") == lang
    assert meta.findtext(f"{DC}format") == "application/x-pef+xml"
    assert meta.findtext(f"{DC}title") == release.title
    assert meta.findtext(f"{DC}date") == release.date.isoformat()
    assert meta.findtext(f"{DC}identifier").startswith(f"release-pipeline:{release.release_id}:{lang}:")
    volume = root.find(f"{PEF}body/{PEF}volume")
    assert (volume.get("cols"), volume.get("rows")) == (str(CELLS), str(LINES))
    pages = [[row.text or "" for row in page.iter(f"{PEF}row")] for page in volume.iter(f"{PEF}page")]
    assert all(len(page) <= LINES and all(len(row) <= CELLS for row in page) for page in pages)
    assert {cell for page in pages for row in page for cell in row} <= {chr(0x2800 + dots) for dots in range(64)}
    assert [[to_ascii(row) for row in page] for page in pages] == brf_pages(built.file(name, lang, "brf").read_bytes())


def transcription(release: LocalisedRelease) -> list[BrailleBlock]:
    return braille_pages(release, "contracted", CELLS, LINES).blocks


@pytest.mark.slow
@pytest.mark.parametrize("name, lang", CASES)
def test_the_file_is_the_transcription_of_the_release_the_run_rendered(built, name, lang):
    """The spans read back below are the file's: rendered again they give its bytes, and the file
    holds every cell of them, in order (the layout adds blanks and page numbers only)."""
    release = built.localised[(name, lang)]
    brf = built.file(name, lang, "brf").read_bytes()
    assert render("braille", release).data == brf
    cells = "".join(block.cells for block in transcription(release)).replace(BLANK, "")
    in_file = "".join(line for page in brf_pages(brf) for line in page[1:]).replace(" ", "")
    assert in_file == to_ascii(cells)


def read_back(release: LocalisedRelease) -> str:
    """The edition's text as liblouis reads it back: each span with the table its code names for that."""
    def span_text(span: Span) -> str:
        return louis.back_translate(span.back, span.cells) if span.table else span.text.replace("\u202f", " ")
    return "\n".join("".join(map(span_text, block.spans)) for block in transcription(release))


def text_edition(built: Built, name: str, lang: str) -> str:
    return built.file(name, lang, "txt").read_text(encoding="utf-8")


def missing_numbers(text: str, back: str) -> list[str]:
    """The digit groups of `text` ("1 248", "1,248", "12,5": 1, 248, 12, 5) not in `back`'s, each found
    once: liblouis reads group separators back as each code writes them (Spanish ⠄ is also the
    apostrophe), and its Spanish table reads a semicolon right after a number (⠆) as the digit 2
    ("2021;" comes back "20212"): a group may come back with digits after it."""
    found = Counter(re.findall(r"\d+", back))
    missing = []
    for number in sorted(re.findall(r"\d+", text), key=len, reverse=True):
        match = number if found[number] else next((f for f in sorted(found) if found[f] and f.startswith(number)), None)
        if match is None:
            missing.append(number)
        else:
            found[match] -= 1
    return missing


@pytest.mark.slow
@pytest.mark.parametrize("name, lang", CASES)
def test_every_number_of_the_text_edition_comes_back(built, name, lang):
    assert missing_numbers(text_edition(built, name, lang), read_back(built.localised[(name, lang)])) == []


def test_a_number_comes_back_once_and_may_be_followed_by_a_misread_sign():
    assert missing_numbers("1,248 in 2021; 12.5", "1,248 in 20212 12,5") == []
    assert missing_numbers("5 and 5", "5 and 6") == ["5"]
    assert missing_numbers("2021", "202") == ["2021"]


@pytest.mark.slow
@pytest.mark.parametrize("name, lang", CASES)
def test_every_url_and_email_address_of_the_text_edition_comes_back(built, name, lang):
    text = text_edition(built, name, lang)
    addresses = set(URL.findall(text)) | set(EMAIL.findall(text))
    assert len(addresses) >= 2
    back = read_back(built.localised[(name, lang)])
    assert not {address for address in addresses if address not in back}


def computer_braille(cells: str, code: BrailleCode) -> list[str]:
    """The addresses a reader finds in a block's cells: each opened by the code's address sign and
    running to its end sign (else to the next blank cell), read back with the code's address table."""
    found, start = [], cells.find(code.address_sign)
    while start != -1:
        begin = start + len(code.address_sign)
        stop = cells.find(BLANK, begin) if BLANK in cells[begin:] else len(cells)
        if code.address_end and code.address_end in cells[begin:stop]:
            stop = cells.rindex(code.address_end, begin, stop)
        found.append(louis.back_translate(code.addresses, cells[begin:stop]))
        start = cells.find(code.address_sign, stop)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name, lang", [(name, lang) for name, lang in CASES
                                        if braille_code(lang, "contracted").address_end])
def test_addresses_in_computer_braille_are_found_in_the_cells_between_their_indicators(built, name, lang):
    """Italian, Spanish and Russian write an address in 6-dot computer braille between the Computer
    Braille Code's indicators (⠸⠬ … ⠸⠱): found in the file's cells by its indicators alone, each reads
    back with the computer table, and nothing else in the edition opens with the indicator."""
    code = braille_code(lang, "contracted")
    found, written = [], []
    for block in transcription(built.localised[(name, lang)]):
        found += computer_braille(block.cells, code)
        written += [address.text for sign, address in zip(block.spans, block.spans[1:])
                    if not sign.text and sign.cells == code.address_sign]
    assert EMAIL.search(text_edition(built, name, lang)).group() in written  # the contact's, in the edition's code
    assert found == written


@pytest.mark.slow
def test_listed_in_the_manifest_and_on_the_site(built):
    release_id = built.ids["example"]
    manifest = read_manifest(built.outputs / release_id)
    for lang in LANGUAGES:
        files = {entry.edition: entry for entry in manifest.files_in(lang)}
        assert files["braille"].path == f"{lang}/{release_id}.{lang}.brf"
        assert files["pef"].media_type == "application/x-pef+xml"
        assert files["braille"].details.pages == files["pef"].details.pages >= 2
        assert files["braille"].details.cells == CELLS
    details = {entry.lang: entry.details for entry in manifest.files if entry.edition == "pef"}
    assert (details["en"].grade, details["en"].table) == ("contracted", "en-ueb-g2.ctb")
    assert (details["it"].grade, details["it"].table) == ("uncontracted", "it-hyphen.cti,it-it-comp6.utb")
    page = (built.outputs / release_id / "fr" / "index.html").read_text(encoding="utf-8")
    assert f'href="{release_id}.fr.brf"' in page and "en braille (BRF)" in page
    assert f'href="{release_id}.fr.pef"' in page and "en braille (PEF)" in page


# --- fast: in-process, the bundled example in the source language -----------------------------


def example(lang: str = "en") -> LocalisedRelease:
    release = replace(read_release(EXAMPLE), lang=lang)
    return localise_source(release, segment_release(release), load_labels(lang))


@pytest.mark.parametrize("lang, contracted, uncontracted", [
    ("en", "en-ueb-g2.ctb", "en-ueb-g1.ctb"), ("fr", "fr-bfu-g2.ctb", "fr-bfu-comp6.utb"),
    ("de", "de-g2.ctb", "de-g1.ctb"), ("it", "it-hyphen.cti,it-it-comp6.utb", "it-hyphen.cti,it-it-comp6.utb"),
    ("ru", "ru-litbrl.ctb", "ru-litbrl.ctb"), ("es", "es-g1.ctb", "es-g1.ctb")])
def test_the_braille_grade_setting_chooses_the_table(lang, contracted, uncontracted):
    release = example(lang)
    for grade, table in (("contracted", contracted), ("uncontracted", uncontracted)):
        details = render("pef", release, EditionSettings(braille_grade=grade)).details
        assert details.table == table
        assert details.grade == ("contracted" if table != uncontracted else "uncontracted")


def test_the_page_size_settings_make_smaller_pages():
    data = render("braille", example(), EditionSettings(braille_cells=32, braille_lines=20)).data
    pages = brf_pages(data)
    assert len(pages) > len(brf_pages(render("braille", example()).data))
    assert all(len(page) <= 20 and all(len(line) <= 32 for line in page) for page in pages)
