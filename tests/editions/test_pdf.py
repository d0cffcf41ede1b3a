"""The PDF edition: PDF/UA-1 in every language, read back with pypdf and page-validation."""

import datetime as dt
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
