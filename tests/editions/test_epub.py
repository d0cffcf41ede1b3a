"""The EPUB 3 edition: the text edition's reading order, synchronised with the narration, valid and accessible.

EPUBCheck (Debian `epubcheck`) and DAISY Ace (npm `@daisy/ace`, run with
Debian's Chromium) check every language of the bundled example; in CI a
missing tool is a failure, not a skip.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from pipeline.audio.alignment import match_key, synchronise
from pipeline.audio.script import spoken_script
from pipeline.audio.timeline import TimedSentence, Timeline
from pipeline.checks.epub import (
    ace_command,
    chromium,
    epubcheck_command,
    run_ace,
    run_epubcheck,
)
from pipeline.editions import EDITIONS, EditionSettings, render
from pipeline.editions.epub import CONFORMS_TO, edition_identifier, zip_epub
from pipeline.editions.epub_xhtml import build_content
from pipeline.ingest import read_release
from pipeline.localise import localise_source
from pipeline.localise.labels import load_labels
from pipeline.segment import segment_release

from ..conftest import EXAMPLE, REPO, run_in_new_project

LANGUAGES = ["en", "fr", "de", "it", "ru", "es"]
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "smil": "http://www.w3.org/ns/SMIL",
      "epub": "http://www.idpf.org/2007/ops"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The node_modules folder where `@daisy/ace` is installed: the project's (package.json), or one given for a try.
ACE_MODULES = Path(os.environ.get("RELEASE_PIPELINE_ACE_MODULES") or REPO / "node_modules")


def needed(tool: str, present: bool) -> None:
    """Skip where a tool is missing on a developer's machine; in CI that is a failure."""
    if not present:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing in CI: `make setup` installs it")
        pytest.skip(f"{tool} is not installed")


def example_release(lang: str = "en"):
    release = read_release(EXAMPLE, "en")
    return localise_source(release, segment_release(release), load_labels(lang))


# --- fast: structure and synchronisation without speech -----------------------------------


def test_registered_with_its_media_type():
    epub = EDITIONS["epub"]
    assert (epub.kind, epub.extension, epub.media_type) == ("epub", "epub", "application/epub+zip")


def test_identifier_is_a_name_based_uuid_of_release_and_language():
    first = edition_identifier("2024-03-05-x", "fr")
    assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", first)
    assert first == edition_identifier("2024-03-05-x", "fr") != edition_identifier("2024-03-05-x", "de")


def test_match_key_ignores_case_link_marks_and_closing_punctuation():
    assert match_key("PRESS RELEASE") == match_key("Press release.")
    assert match_key("the OSCE project [1], which  received it.") == match_key("The OSCE project, which received it")
    assert match_key("E-mail: press@osce.org") == match_key("E-mail: press@osce.org.")


def test_every_spoken_sentence_of_the_text_is_synchronised_in_order():
    release = example_release()
    doc = build_content(release)
    sections = spoken_script(release, "OSCE")
    sentences, at = [], 300
    for section in sections:
        for sentence in section.sentences:
            sentences.append(TimedSentence(sentence.written, at, at + 1000))
            at += 1300
    timeline = Timeline(b"\0\0" * 22050 * (at // 1000 + 1), tuple(sentences), (), 0)
    clips = synchronise(doc.sentences, timeline)
    said_only = {"The links mentioned are listed in the text edition.", "Published by OSCE Secretariat."}
    assert len(clips) == len(sentences) - len(said_only)
    begins = [clip.begin_ms for clip in clips]
    assert begins == sorted(begins) and all(c.end_ms > c.begin_ms for c in clips)
    assert all(a.end_ms <= b.begin_ms for a, b in itertools.pairwise(clips))
    ids = [ident for ident, _ in doc.sentences]
    assert len(set(ids)) == len(ids)
    positions = [ids.index(clip.element) for clip in clips]
    assert positions == sorted(positions)  # the overlay follows the reading order


def test_the_container_is_reproducible_with_mimetype_first_and_stored():
    files = [("META-INF/container.xml", b"<container/>"), ("EPUB/a.mp3", b"\xff\xfb" * 100)]
    data = zip_epub(files)
    assert data == zip_epub(files)
    assert data[30:38] == b"mimetype" and data[38:58] == b"application/epub+zip"  # no extra field, stored
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --- slow: the bundled example in six languages -----------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return run_in_new_project(tmp_path_factory.mktemp("epub-project"), EXAMPLE, "--langs", "fr,de,it,ru,es",
                              "--editions", "text,epub")


def epub_entries(outputs: Path) -> dict[str, tuple[Path, dict]]:
    (manifest,) = outputs.glob("*/manifest.json")
    return {entry["lang"]: (manifest.parent / entry["path"], entry)
            for entry in json.loads(manifest.read_text())["files"] if entry["edition"] == "epub"}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def block_text(element) -> str:
    """An element's text, with a break for <br/> and between blocks (so words never run together)."""
    out = [element.text or ""]
    for child in element:
        out.append(" " + block_text(child) + " ")
        out.append(child.tail or "")
    return "".join(out)


@pytest.mark.slow
def test_every_language_holds_text_overlay_audio_and_accessibility_metadata(built):
    entries = epub_entries(built)
    assert sorted(entries) == sorted(LANGUAGES)
    for lang, (path, entry) in entries.items():
        assert entry["media_type"] == "application/epub+zip" and path.suffix == ".epub"
        with zipfile.ZipFile(path) as archive:
            assert archive.infolist()[0].filename == "mimetype"
            assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED
            package = ElementTree.fromstring(archive.read("EPUB/package.opf"))
            content = ElementTree.fromstring(archive.read("EPUB/content.xhtml"))
            overlay = ElementTree.fromstring(archive.read("EPUB/content.smil"))
            nav = ElementTree.fromstring(archive.read("EPUB/nav.xhtml"))
            mp3 = archive.read("EPUB/audio.mp3")
        assert mp3[:3] == b"ID3"
        release_id = path.parent.parent.name
        metadata = package.find("opf:metadata", NS)
        assert package.get(XML_LANG) == lang and metadata.find("dc:language", NS).text == lang
        assert metadata.find("dc:identifier", NS).text == edition_identifier(release_id, lang)
        assert metadata.find("dc:title", NS).text
        meta: dict[str, list[str]] = {}
        for element in metadata.findall("opf:meta", NS):
            key = element.get("property") + (f"@{element.get('refines')}" if element.get("refines") else "")
            meta.setdefault(key, []).append(element.text)
        assert meta["dcterms:modified"] == ["2024-03-05T00:00:00Z"]
        assert sorted(meta["schema:accessMode"]) == ["auditory", "textual"]
        assert meta["schema:accessModeSufficient"] == ["textual"]
        assert {"structuralNavigation", "synchronizedAudioText", "tableOfContents"} <= set(meta["schema:accessibilityFeature"])
        assert meta["schema:accessibilityHazard"] == ["none"] and meta["schema:accessibilitySummary"][0]
        assert meta["dcterms:conformsTo"] == [CONFORMS_TO]
        assert meta["media:active-class"] == ["-epub-media-overlay-active"]
        assert meta["media:duration"] == meta["media:duration@#overlay"]

        # The content: every sentence an element with an id; the html element carries the language.
        assert content.get("lang") == content.get(XML_LANG) == lang
        ids = {element.get("id") for element in content.iter() if element.get("id")}
        pars = overlay.findall(".//smil:par", NS)
        details = entry["details"]
        assert len(pars) == details["synchronised"] >= details["narrated"] - 2  # only "links…", "published by…" left
        previous_end = 0.0
        for par in pars:
            target = par.find("smil:text", NS).get("src")
            assert target.startswith("content.xhtml#") and target.split("#")[1] in ids
            clip = par.find("smil:audio", NS)
            begin, end = seconds(clip.get("clipBegin")), seconds(clip.get("clipEnd"))
            assert previous_end <= begin < end <= details["duration"] + 0.01
            previous_end = end
        assert abs(seconds(meta["media:duration"][0]) - details["narrated_duration"]) < 0.01

        # The navigation document lists the title and every heading of the content.
        headings = [h for h in content.iter() if re.fullmatch(r"\{[^}]+\}h[1-6]", h.tag)]
        links = [a.get("href") for a in nav.iterfind(".//x:nav/x:ol//x:a", NS)]
        assert links == [f"content.xhtml#{h.get('id')}" for h in headings]

        # The same reading order and words as the text edition.
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        assert words(block_text(content.find("x:body", NS))) == words(text), lang


@pytest.mark.slow
def test_passages_in_another_language_are_tagged(built):
    path, _ = epub_entries(built)["ru"]
    with zipfile.ZipFile(path) as archive:
        content = archive.read("EPUB/content.xhtml").decode()
    # The Russian example is mostly untranslated: its English sentences say so.
    assert re.search(r'<span id="s\d+" lang="en" xml:lang="en">The OSCE Representative', content)
    assert '<h1 id="title" lang="en" xml:lang="en">' in content


@pytest.mark.slow
def test_the_same_input_gives_the_same_bytes(tmp_path):
    release = example_release()
    settings = EditionSettings(speech_cache=str(tmp_path / "speech"))
    first = render("epub", release, settings)  # synthesises and encodes, fills the caches
    second = render("epub", release, settings)  # from the caches
    assert first.data == second.data and first.details == second.details


def seconds(clock: str) -> float:
    hours, minutes, rest = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_epubcheck_finds_no_errors_and_no_warnings(built, lang):
    needed("EPUBCheck (Debian epubcheck)", epubcheck_command() is not None)
    path, _ = epub_entries(built)[lang]
    report = run_epubcheck(path)
    problems = report.of("FATAL", "ERROR", "WARNING")
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_ace_finds_no_violations(built, lang):
    needed("DAISY Ace (npm @daisy/ace, package.json)", ace_command(ACE_MODULES) is not None)
    needed("Chromium", chromium() is not None)
    path, _ = epub_entries(built)[lang]
    report = run_ace(path, ACE_MODULES)
    assert not report.violations, "\n".join(map(str, report.violations))
    assert report.outcome == "pass"
    assert not set(report.metadata.get("missing", [])) - {"a11y:certifiedBy", "a11y:certifierCredential",
                                                          "a11y:certifierReport"}


# --- figures, tables and footnotes (issue 23) -------------------------------------------------


def blocks_book(lang: str = "en"):
    """The example with a local picture (a PNG made in the test), a picture on the web, a table and two
    footnotes: the release, its content, the content document and the package document (no narration)."""
    from ..support.pictures import example_with_pictures
    from pipeline.editions.epub import package_document
    from pipeline.editions.epub_xhtml import content_document

    release = example_with_pictures(lang)
    doc = build_content(release)
    content = ElementTree.fromstring(content_document(release, doc).encode())
    package = ElementTree.fromstring(package_document(release, EditionSettings(), 0, doc).encode())
    return release, doc, content, package


def test_a_local_picture_is_packaged_and_shown_with_its_alt_text_and_caption():
    from ..support.pictures import CHART_ALT

    release, doc, content, package = blocks_book()
    (figure,) = [f for f in content.iter(f"{{{NS['x']}}}figure") if f.find("x:img", NS) is not None]
    img = figure.find("x:img", NS)
    assert img.get("alt") == CHART_ALT and img.get("src").startswith("images/") and img.get("src").endswith(".png")
    assert "".join(figure.find("x:figcaption", NS).itertext()) == "Attacks by region since 2019"
    (item,) = [i for i in package.iterfind("opf:manifest/opf:item", NS) if i.get("href") == img.get("src")]
    assert item.get("media-type") == "image/png"
    (image,) = doc.images
    chart = next(b for b in release.blocks if type(b).__name__ == "Figure" and b.data)
    assert image.data == chart.data
    meta = [(m.get("property"), m.text) for m in package.iterfind("opf:metadata/opf:meta", NS)]
    assert ("schema:accessMode", "visual") in meta and ("schema:accessibilityFeature", "alternativeText") in meta
    # The picture is the sentence the narration says of it: the overlay highlights it.
    assert (img.get("id"), match_key(f"Photo: {CHART_ALT}")) in doc.sentences


def test_a_picture_on_the_web_is_a_placeholder_with_its_description_and_address():
    from ..support.blocks import PHOTO_URL, TEXTS

    _, _, content, package = blocks_book()
    (placeholder,) = [d for d in content.iter(f"{{{NS['x']}}}div") if d.get("class") == "placeholder"]
    described = placeholder.find("x:div", NS)
    assert described.get("role") == "img" and described.get("aria-label") == TEXTS["en"]["alt"]
    assert placeholder.find(".//x:a", NS).get("href") == PHOTO_URL
    assert not any(i.get("href").startswith("http") for i in package.iterfind("opf:manifest/opf:item", NS))
    assert not [i for i in content.iter(f"{{{NS['x']}}}img") if i.get("src", "").startswith("http")]


def test_a_table_has_its_caption_and_column_headers():
    from ..support.blocks import TEXTS

    _, _, content, _ = blocks_book("fr")
    (table,) = content.iter(f"{{{NS['x']}}}table")
    assert "".join(table.find("x:caption", NS).itertext()) == TEXTS["fr"]["caption"]
    headers = table.findall("x:thead/x:tr/x:th", NS)
    assert ["".join(th.itertext()) for th in headers] == list(TEXTS["fr"]["header"])
    assert {th.get("scope") for th in headers} == {"col"}
    rows = table.findall("x:tbody/x:tr", NS)
    assert len(rows) == 3 and all(len(row.findall("x:td", NS)) == 3 for row in rows)
    assert rows[0].findall("x:td", NS)[1].get("class") == "right"  # a column of quantities


def test_footnotes_link_to_the_notes_and_back():
    from ..support.blocks import TEXTS

    _, doc, content, _ = blocks_book()
    elements = {element.get("id"): element for element in content.iter() if element.get("id")}
    references = [a for a in content.iter(f"{{{NS['x']}}}a") if a.get("role") == "doc-noteref"]
    assert [a.get("href") for a in references] == ["#note-1", "#note-2"]
    assert all(a.get(f"{{{NS['epub']}}}type") == "noteref" and a.get("href")[1:] in elements for a in references)
    (section,) = [s for s in content.iter(f"{{{NS['x']}}}section") if s.get("role") == "doc-endnotes"]
    notes = section.findall("x:ol/x:li", NS)
    assert [li.get("id") for li in notes] == ["note-1", "note-2"]
    for li, reference in zip(notes, references):
        back = li.find(".//x:a[@role='doc-backlink']", NS)
        assert back.get("href") == f"#{reference.get('id')}"
    assert TEXTS["en"]["notes"][1][1][1] in "".join(notes[1].itertext())
    # A reference is not said: the sentence's key has no mark ("… previous year." as the narration says it).
    lead = next(key for _, key in doc.sentences if key.startswith("the osce representative on freedom"))
    assert lead.endswith("compared to the previous year")


@pytest.fixture(scope="module")
def blocks_epub(tmp_path_factory) -> Path:
    """The same book with its narration, as a file."""
    from ..support.pictures import example_with_pictures

    directory = tmp_path_factory.mktemp("epub-blocks")
    rendered = render("epub", example_with_pictures("en"), EditionSettings(speech_cache=str(directory / "speech")))
    path = directory / "blocks.en.epub"
    path.write_bytes(rendered.data)
    return path


@pytest.mark.slow
def test_a_book_with_pictures_a_table_and_footnotes_passes_epubcheck_and_ace(blocks_epub):
    with zipfile.ZipFile(blocks_epub) as archive:
        assert any(name.startswith("EPUB/images/") and name.endswith(".png") for name in archive.namelist())
    needed("EPUBCheck (Debian epubcheck)", epubcheck_command() is not None)
    problems = run_epubcheck(blocks_epub).of("FATAL", "ERROR", "WARNING")
    assert not problems, "\n".join(map(str, problems))
    needed("DAISY Ace (npm @daisy/ace, package.json)", ace_command(ACE_MODULES) is not None)
    needed("Chromium", chromium() is not None)
    report = run_ace(blocks_epub, ACE_MODULES)
    assert not report.violations, "\n".join(map(str, report.violations))
    assert report.outcome == "pass"


# --- right-to-left text (issue 24) -----------------------------------------------------------------

SHAPES = REPO / "tests" / "data" / "shapes"


def test_right_to_left_runs_and_paragraphs_carry_their_direction():
    """A Hebrew or Arabic run in an English sentence is a `<span dir="rtl">` (its direction is known:
    `dir`, not `<bdi>`), a paragraph that is mainly right-to-left is `<p dir="rtl">` with its Latin runs
    in `<span dir="ltr">`; the words and sentence spans are the same as without them."""
    release = read_release(SHAPES / "joint-statement-hebrew-arabic.md")
    doc = build_content(localise_source(release, segment_release(release), load_labels("en")))
    body = "".join(doc.parts)
    assert 'Yael Cohen (<span dir="rtl">יעל כהן</span>), Director' in body
    assert 'Omar Haddad (<span dir="rtl">عمر حداد</span>), adviser' in body
    assert '<span dir="rtl">שלום לכולם</span>' in body
    paragraphs = re.findall(r"<p( dir=\"rtl\")?>", body)
    assert paragraphs.count(' dir="rtl"') == 1  # the Arabic quotation alone
    assert re.search(r'<p dir="rtl"><span id="s\d+" lang="ar" xml:lang="ar">«نحن هنا', body), body
    rtl_paragraph = ElementTree.fromstring(re.search(r'<p dir="rtl">.*?</p>', body).group())
    assert "".join(rtl_paragraph.itertext()) == "«نحن هنا من أجل الحوار ومن أجل حماية المدنيين في كل مكان»"


@pytest.mark.slow
def test_a_book_with_hebrew_arabic_cjk_and_emoji_passes_epubcheck_and_ace(tmp_path):
    needed("EPUBCheck (Debian epubcheck)", epubcheck_command() is not None)
    for name in ("joint-statement-hebrew-arabic", "odihr-cjk-names", "social-media-advisory-emoji"):
        release = read_release(SHAPES / f"{name}.md")
        rendered = render("epub", localise_source(release, segment_release(release), load_labels("en")),
                          EditionSettings(speech_cache=str(tmp_path / "speech")))
        path = tmp_path / f"{name}.en.epub"
        path.write_bytes(rendered.data)
        problems = run_epubcheck(path).of("FATAL", "ERROR", "WARNING")
        assert not problems, f"{name}: " + "\n".join(map(str, problems))
        needed("DAISY Ace (npm @daisy/ace, package.json)", ace_command(ACE_MODULES) is not None)
        needed("Chromium", chromium() is not None)
        report = run_ace(path, ACE_MODULES)
        assert not report.violations and report.outcome == "pass", f"{name}: " + "\n".join(map(str, report.violations))
