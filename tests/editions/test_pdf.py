"""The PDF edition: PDF/UA-1 in every language, read back with pypdf and page-validation."""

import datetime as dt
import io
import json
from dataclasses import dataclass, replace
from pathlib import Path

import pypdf
import pytest

from pipeline.checks.pdf import check_pdf, normalise_space, structure_text
from pipeline.editions import EditionSettings
from pipeline.editions.pdf import PAGE_LABEL, document_data
from pipeline.ingest import read_release
from pipeline.localise import localise_source
from pipeline.localise.labels import load_labels
from pipeline.segment import segment_release
from pipeline.translate.glossary import Glossary, load_glossary

from ..conftest import EXAMPLE, FIXTURES, REPO, SEED, run_in_new_project, write

LANGUAGES = ["en", "fr", "de", "it", "ru", "es"]
FRENCH_QUOTE = "Nous devons protéger les journalistes et la liberté de la presse dans tous les pays de la région."


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed) -> Path:
    """The seed, the example and a statement, in all six languages, text and PDF."""
    return run_in_new_project(tmp_path_factory.mktemp("pdf-project"), SEED, EXAMPLE,
                              FIXTURES / "geneva-tbilisi-statement.md", "--editions", "text,pdf")


def manifest_files(outputs: Path, edition: str):
    for manifest in sorted(outputs.glob("*/manifest.json")):
        for entry in json.loads(manifest.read_text())["files"]:
            if entry["edition"] == edition:
                yield manifest.parent, entry


def test_every_pdf_passes_every_check_and_reads_as_the_text_edition(built):
    checked = 0
    for directory, entry in manifest_files(built, "pdf"):
        pdf = directory / entry["path"]
        text = pdf.with_suffix(".txt").read_text(encoding="utf-8")
        title = text.split("\n\n")[1]
        report = check_pdf(pdf.read_bytes(), pdf.name, lang=entry["lang"], title=title, text=text)
        assert report.passed, report.format()
        assert entry["media_type"] == "application/pdf" and entry["details"]["standard"] == "PDF/UA-1"
        checked += 1
    assert checked == 3 * len(LANGUAGES)


def read(built: Path, release_prefix: str, lang: str) -> pypdf.PdfReader:
    (path,) = built.glob(f"{release_prefix}*/{lang}/*.pdf")
    return pypdf.PdfReader(path)


def test_russian_pdf_text_equals_the_russian_text_edition(built):
    (path,) = built.glob("2024-02-21*/ru/*.pdf")
    extracted = structure_text(pypdf.PdfReader(path)).text
    assert " ".join(extracted.split()) == " ".join(path.with_suffix(".txt").read_text().split())
    assert "ВАРШАВА, 21 февраля 2024" in extracted


def test_metadata_structure_and_outline(built):
    reader = read(built, "2024-02-21", "fr")
    info = reader.metadata
    assert info.author == "Bureau des institutions démocratiques et des droits de l’homme de l’OSCE"  # default glossary
    assert info.producer.startswith("release-pipeline ")
    assert reader.xmp_metadata.pdf_producer == info.producer
    assert info.subject == "Communiqué de presse – VARSOVIE, 21 février 2024"
    assert "OSCE" in info["/Keywords"] and "Communiqué de presse" in info["/Keywords"]
    assert info.creation_date.date() == dt.date(2024, 2, 21)
    structure = structure_text(reader)
    assert [tag for tag, _ in structure.headings] == ["/H1", "/H2"]  # the title, then "Contacts"
    assert structure.headings[1][1] == "Contacts"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4


def test_machine_translation_notice_on_the_first_page_and_untranslated_passages_tagged(built):
    spanish = read(built, "2024-02-21", "es")
    assert "Esta es una traducción automática" in spanish.pages[0].extract_text()
    german = read(built, "2024-02-21", "de")  # no engine for en→de here: every sentence stays English
    passages = structure_text(german).passages
    assert any(lang == "en" and "The human rights situation in Belarus" in text for _, lang, text in passages)
    assert german.trailer["/Root"]["/Lang"] == "de"


def test_markup_in_a_release_prints_literally(project, cli):
    # In Markdown, *bold* in a heading is emphasis; front matter gives a title exactly as written.
    source = write(project / "tricky.md", "---\ntitle: 'Budget #set page(width: 1cm) and *bold* $x$ [a] <b>'\n---\n"
                   "VIENNA, 1 March 2024 – Costs #1 rose by \\*50\\* [percent] $ and #set text(size: 40pt).\n")
    code, out, err = cli("run", source, "--langs", "fr", "--editions", "text,pdf")
    assert code == 0, err
    (pdf,) = project.glob("outputs/*/en/*.pdf")
    reader = pypdf.PdfReader(pdf)
    title = "Budget #set page(width: 1cm) and *bold* $x$ [a] <b>"
    assert reader.xmp_metadata.dc_title["x-default"] == title
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)
    assert title in normalise_space(structure_text(reader).text)
    assert "Costs #1 rose by *50* [percent] $ and #set text(size: 40pt)." in structure_text(reader).text
    assert check_pdf(pdf.read_bytes(), lang="en", title=title, text=pdf.with_suffix(".txt").read_text()).passed


def test_a_foreign_quote_is_tagged_with_its_language_and_not_translated(project, cli):
    source = write(project / "quote.md", f"# Media freedom\n\nVIENNA, 1 March 2024 – The Representative spoke.\n\n"
                                         f"> {FRENCH_QUOTE}\n\nShe thanked the hosts.\n")
    code, out, err = cli("run", source, "--langs", "es", "--editions", "text,pdf")
    assert code == 0, err
    for lang in ("en", "es"):
        (pdf,) = project.glob(f"outputs/*/{lang}/*.pdf")
        report = check_pdf(pdf.read_bytes(), lang=lang, foreign_passages={"fr": FRENCH_QUOTE},
                           text=pdf.with_suffix(".txt").read_text())
        assert report.passed, report.format()
    (catalog,) = project.glob("locales/es/releases/*.po")
    assert "Nous devons" not in catalog.read_text()  # never sent to an English→Spanish engine


def test_letter_paper_and_a_logo_with_alternative_text(project, cli):
    write(project / "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
                                '<rect width="120" height="40" fill="#00457c"/></svg>')
    write(project / "release-pipeline.toml", 'paper = "us-letter"\nlogo = "logo.svg"\nlogo-alt = "OSCE logo"\n'
                                             'languages = ["ru"]\neditions = ["pdf"]\n')
    code, out, err = cli("run", EXAMPLE)
    assert code == 0, err
    (pdf,) = project.glob("outputs/*/ru/*.pdf")
    reader = pypdf.PdfReader(pdf)
    assert (reader.pages[0].mediabox.width, reader.pages[0].mediabox.height) == (612, 792)
    figures = [node for node in _struct_nodes(reader) if node.get("/S") == "/Figure"]
    assert figures and figures[0]["/Alt"] == "OSCE logo"
    assert check_pdf(pdf.read_bytes(), lang="ru").passed


def test_a_logo_without_alternative_text_is_refused(project, cli):
    write(project / "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    write(project / "release-pipeline.toml", 'logo = "logo.svg"\n')
    code, out, err = cli("run", EXAMPLE, "--editions", "pdf")
    assert code == 2 and "needs 'logo-alt'" in err and "Traceback" not in err
    assert not (project / "outputs").exists()


def _struct_nodes(reader):
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            yield node
            if "/K" in node:
                stack.append(node["/K"])


def test_check_command_reports_a_pdf_made_elsewhere(project, cli, built):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    untagged = project / "untagged.pdf"
    with untagged.open("wb") as stream:
        writer.write(stream)
    code, out, err = cli("check", untagged)
    assert code == 1
    assert "FAIL  tagged (/MarkInfo /Marked true)" in out and "FAIL  PDF/UA-1 (page-validation)" in out
    (good,) = built.glob("2024-03-05*/it/*.pdf")
    code, out, err = cli("check", good, "--lang", "it", "--text", good.with_suffix(".txt"))
    assert code == 0 and "PASS (10 of 10 checks passed)" in out
    code, out, err = cli("check", good, "--lang", "de")
    assert code == 1 and "FAIL  document language (/Lang): 'it', expected 'de'" in out


def test_paper_on_the_command_line(project, cli):
    code, out, err = cli("run", EXAMPLE, "--langs", "en", "--editions", "pdf", "--paper", "us-letter")
    assert code == 0, err
    (pdf,) = project.glob("outputs/*/en/*.pdf")
    assert pypdf.PdfReader(pdf).pages[0].mediabox.height == 792


# --- the closing blocks, the office's name, the labels' typography --------------------------


@pytest.fixture(scope="module")
def example_built(tmp_path_factory) -> Path:
    """The bundled example alone, text and PDF, in all six languages."""
    return run_in_new_project(tmp_path_factory.mktemp("example-project"), EXAMPLE, "--editions", "text,pdf")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_holds_only_the_closing_blocks(example_built, lang):
    """Pages after the first: besides the running header, the page label, the links list and the
    copyright line (the text edition's last two blocks), each has words of the release's text."""
    (path,) = example_built.glob(f"*/{lang}/*.pdf")
    reader = pypdf.PdfReader(path)
    closing = path.with_suffix(".txt").read_text(encoding="utf-8").strip().split("\n\n")[-2:]
    assert closing[0].startswith("[1] ") or closing[0].splitlines()[1].startswith("[1] ")  # the links
    page_label = load_labels(lang).gettext(PAGE_LABEL).replace("%(page)s", "").replace("%(pages)s", "")
    furniture = " ".join([*closing, reader.metadata.author, "·", reader.metadata.title, page_label])
    for number, page in enumerate(reader.pages[1:], start=2):
        words = set(page.extract_text().split()) - set(furniture.split())
        words = {word for word in words if not word.isdigit()}  # the page numbers
        assert words, f"{lang} page {number} holds only the closing blocks"


def test_office_named_as_the_languages_glossary_names_it():
    @dataclass(frozen=True)
    class WithGlossary(EditionSettings):  # the planner's per-language settings carry the glossary
        glossary: Glossary | None = None

    release = replace(read_release(EXAMPLE), lang="fr", office="OSCE Representative on Freedom of the Media")
    localised = localise_source(release, segment_release(release), load_labels("fr"))
    data = document_data(localised, WithGlossary(glossary=load_glossary(REPO / "locales", "fr")))
    assert data["author"] == "Représentant de l’OSCE pour la liberté des médias"
    assert data["header"].startswith("Représentant de l’OSCE pour la liberté des médias · ")
    assert data["author"] in data["keywords"]
    unknown = replace(localised, office="OSCE Secretariat")
    assert document_data(unknown, WithGlossary(glossary=load_glossary(REPO / "locales", "fr")))["author"] == \
        "OSCE Secretariat"
    assert document_data(localised, EditionSettings())["author"] == "OSCE Representative on Freedom of the Media"


def test_french_pdf_labels_have_the_no_break_space_before_the_colon(example_built):
    (path,) = example_built.glob("*/fr/*.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert "Courriel\u202f: press@osce.org" in text and "Bureau\u202f: +43" in text
    assert "Courriel:" not in text


# --- figures, tables and footnotes (issue 23) -------------------------------------------------


def _attributes(node) -> list:
    found = node.get("/A", [])
    found = found.get_object() if hasattr(found, "get_object") else found
    return [item.get_object() for item in (found if isinstance(found, list) else [found])]


def _text_of(node, reader) -> str:
    """A structure element's text (its marked content), read as check_pdf reads the whole tree."""
    from pipeline.checks.pdf import _marked_content

    texts = {page.indirect_reference.idnum: _marked_content(page) for page in reader.pages}
    parts = []

    def walk(item, page_id):
        item = item.get_object() if hasattr(item, "get_object") else item
        if isinstance(item, int):
            parts.append(texts.get(page_id, {}).get(item, ""))
        elif isinstance(item, list):
            for child in item:
                walk(child, page_id)
        elif isinstance(item, dict):
            if item.get("/Type") == "/MCR":
                parts.append(texts.get(item.raw_get("/Pg").idnum, {}).get(int(item["/MCID"]), ""))
            elif "/K" in item:
                walk(item["/K"], item.raw_get("/Pg").idnum if "/Pg" in item else page_id)

    walk(node, node.raw_get("/Pg").idnum if "/Pg" in node else None)
    return normalise_space("".join(parts))


@pytest.fixture(scope="module")
def with_blocks():
    """The example with a local picture (a PNG made in the test), a picture on the web, a table and
    two footnotes, rendered to PDF: (the PDF's bytes, the release)."""
    from pipeline.editions.pdf import PdfEdition

    from ..support.pictures import example_with_pictures

    release = example_with_pictures("en")
    return PdfEdition().render(release, EditionSettings()).data, release


def test_a_release_with_pictures_a_table_and_footnotes_passes_every_check(with_blocks):
    data, release = with_blocks
    report = check_pdf(data, lang="en", title=release.title)
    assert report.passed, report.format()


def test_a_local_picture_is_an_embedded_figure_with_its_alt_text_and_caption(with_blocks):
    from ..support.pictures import CHART_ALT

    reader = pypdf.PdfReader(io.BytesIO(with_blocks[0]))
    figures = [node for node in _struct_nodes(reader) if node.get("/S") == "/Figure"]
    assert [str(node["/Alt"]) for node in figures] == [CHART_ALT]
    images = [x.get_object() for page in reader.pages
              for x in page["/Resources"].get("/XObject", {}).values() if x.get_object()["/Subtype"] == "/Image"]
    assert [(image["/Width"], image["/Height"]) for image in images] == [(40, 30)]
    captions = [_text_of(node, reader) for node in _struct_nodes(reader) if node.get("/S") == "/Caption"]
    assert "Attacks by region since 2019" in captions


def test_a_picture_on_the_web_is_a_framed_placeholder_with_its_alt_text_and_address(with_blocks):
    from ..support.blocks import PHOTO_URL, TEXTS

    reader = pypdf.PdfReader(io.BytesIO(with_blocks[0]))
    text = normalise_space(structure_text(reader).text)
    # Its address is numbered among the links, as in the text edition, and listed under "Links".
    assert f"Photo: {TEXTS['en']['alt']} {PHOTO_URL} [1]" in text and f"[1] {PHOTO_URL}" in text
    assert "OSCE/Micky Kroell" in text and TEXTS["en"]["photo caption"] in text
    links = [annotation.get_object()["/A"]["/URI"] for page in reader.pages
             for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()]
    assert PHOTO_URL in links


def test_a_table_has_its_caption_header_cells_and_data_cells(with_blocks):
    from ..support.blocks import TEXTS

    reader = pypdf.PdfReader(io.BytesIO(with_blocks[0]))
    (table,) = [node for node in _struct_nodes(reader) if node.get("/S") == "/Table"]
    inside = list(_struct_nodes_under(table))
    tags = [str(node.get("/S")) for node in inside]
    assert tags.count("/TH") == 3 and tags.count("/TD") == 9 and tags.count("/TR") == 4 and "/Caption" in tags
    headers = [node for node in inside if node.get("/S") == "/TH"]
    assert all(any(a.get("/O") == "/Table" and a.get("/Scope") == "/Column" for a in _attributes(th)) for th in headers)
    assert [_text_of(th, reader) for th in headers] == list(TEXTS["en"]["header"])
    (caption,) = [node for node in inside if node.get("/S") == "/Caption"]
    assert _text_of(caption, reader) == TEXTS["en"]["caption"]


def test_footnotes_are_notes_at_their_references(with_blocks):
    from ..support.blocks import TEXTS

    reader = pypdf.PdfReader(io.BytesIO(with_blocks[0]))
    notes = [_text_of(node, reader) for node in _struct_nodes(reader) if node.get("/S") == "/Note"]
    assert len(notes) == 2
    # One note referred to from the lead (number 1), one from a table cell (number 2); each read with its number.
    (sources,) = [note for note in notes if TEXTS["en"]["notes"][0][1][0] in note]
    (online,) = [note for note in notes if TEXTS["en"]["notes"][1][1][0] in note]
    assert sources.startswith("1") and online.startswith("2") and TEXTS["en"]["notes"][1][1][1] in online
    cells = [node for node in _struct_nodes(reader) if node.get("/S") == "/TD"]
    assert any(node.get("/S") == "/Note" for cell in cells for node in _struct_nodes_under(cell))  # in "Central Asia²"


def test_pictures_reach_typst_through_a_temporary_folder_that_is_removed(tmp_path, monkeypatch):
    import tempfile

    from pipeline.editions.pdf import PdfEdition

    from ..support.pictures import example_with_pictures, png

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    red = png(8, 8, (200, 30, 30))
    data = PdfEdition().render(example_with_pictures("en", red, alt=""), EditionSettings()).data
    assert list(tmp_path.iterdir()) == []
    reader = pypdf.PdfReader(io.BytesIO(data))
    # Without alt text, the caption is the figure's /Alt (PDF/UA has no Figure without one).
    assert [str(n["/Alt"]) for n in _struct_nodes(reader) if n.get("/S") == "/Figure"] == ["Attacks by region since 2019"]
    assert check_pdf(data, lang="en").passed


def test_a_picture_typst_cannot_draw_is_a_placeholder_and_a_footnote_in_a_heading_is_left_out_of_it():
    from pipeline.release import Figure, Heading, Run

    from ..support.pictures import example_with_pictures

    release = example_with_pictures("en")
    blocks = [replace(b, media_type="image/tiff") if type(b) is Figure and b.data else b for b in release.blocks]
    heading = next(i for i, b in enumerate(blocks) if type(b) is Heading)
    blocks[heading] = replace(blocks[heading], runs=(*blocks[heading].runs, Run("[^sources]", note="sources")))
    release = replace(release, blocks=tuple(blocks))
    data = document_data(release, EditionSettings())
    (chart,) = [b for b in data["blocks"] if b["kind"] == "figure" and b["src"].startswith("images/")]
    assert chart["image"] is None and chart["described"].startswith("Photo: ")
    from pipeline.editions.pdf import PdfEdition

    pdf = PdfEdition().render(release, EditionSettings()).data
    report = check_pdf(pdf, lang="en")
    assert report.passed, report.format()  # "outline equals the headings": the heading without its footnote
    assert ("/H2", "Recommendations") in structure_text(pypdf.PdfReader(io.BytesIO(pdf))).headings


def _struct_nodes_under(node):
    """The structure elements below `node`, in document order."""
    def walk(item):
        item = item.get_object() if hasattr(item, "get_object") else item
        if isinstance(item, list):
            for child in item:
                yield from walk(child)
        elif isinstance(item, dict) and "/S" in item:
            yield item
            if "/K" in item:
                yield from walk(item["/K"])

    yield from walk(node["/K"])


def test_a_picture_typst_cannot_decode_stops_the_edition_with_one_line_naming_it():
    from pipeline.editions.pdf import PdfEdition
    from pipeline.errors import PipelineError

    from ..support.pictures import example_with_pictures

    broken = b"\x89PNG\r\n\x1a\n" + b"\0" * 16  # the signature ingest checks, and nothing a decoder can read
    with pytest.raises(PipelineError) as raised:
        PdfEdition().render(example_with_pictures("en", broken), EditionSettings())
    assert str(raised.value).startswith("PDF edition of ") and "images/attacks-by-region.png" in str(raised.value)
    assert "\n" not in str(raised.value)


class TypstPanic(BaseException):
    """What typst-py raises when Typst's Rust panics (pyo3's PanicException: a BaseException)."""


def test_a_typst_panic_is_one_line_naming_the_pdf_edition(project, cli, monkeypatch):
    """Issue 24: Hebrew and Arabic text made Typst panic; the user saw `PicklingError: Can't pickle
    PanicException` and 400 lines of Rust backtrace. Now one line names the release, the edition and why."""
    import pipeline.editions.pdf as pdf

    real = pdf.compiler

    class Panicking:
        def __init__(self, fonts_dir, *chain):
            self.real = real(fonts_dir, *chain)

        def compile(self, **kwargs):
            if "שלום" in kwargs["sys_inputs"]["data"]:
                raise TypstPanic("called `Option::unwrap()` on a `None` value\n   0: rust_begin_unwind\n   1: …")
            return self.real.compile(**kwargs)

    monkeypatch.setattr(pdf, "compiler", Panicking)
    source = write(project / "release.md", EXAMPLE.read_text().replace(
        "previous year.", "previous year. The banner read «שלום עולם» and «مرحبا بالعالم».", 1))
    code, out, err = cli("run", source, "--langs", "en", "--editions", "text,pdf", "--executor", "serial")
    assert code == 1, err
    failed = [line for line in err.splitlines() if " failed: " in line]
    assert len(failed) == 1 and "render pdf en failed: " in failed[0], err
    assert "pdf: Typst failed on this release (called `Option::unwrap()` on a `None` value)" in failed[0]
    assert "Traceback" not in err and "PicklingError" not in err and "rust_begin_unwind" not in err


def test_the_text_comparison_reads_text_as_a_pdf_can_hold_it():
    """A line break between two Chinese or Japanese characters is no space; characters that are never
    drawn (a ZWJ, a variation selector, direction marks) are not compared; the soft hyphen is kept for
    check 8; other line breaks are spaces."""
    assert normalise_space("信頼の基盤で\nす」, which\nmeans") == "信頼の基盤です」, which means"
    assert normalise_space("👩\u200d💻 ❤\ufe0f \u200fשלום\u200e") == "👩💻 ❤ שלום"
    assert normalise_space("soft\u00adhyphen") == "soft\u00adhyphen"
