"""pipeline/ingest/formats.py: Word, LibreOffice, web pages and e-mail read through pandoc (or Python's
`email`): the bundled example in each format gives the same text edition as its Markdown; titles where
each format keeps them (issue 21, item 3), and the message for a file without one, in the terms of its
format. The documents are made by pandoc from Markdown with a `title:` block, which gives real
Title-styled paragraphs."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.release import Heading, Paragraph, block_kind, plain_text

from ..conftest import EXAMPLE, write
from .conftest import text_edition, tiny_png

needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc (Debian) is not installed")

TITLE = "OSCE supports election observers in the region"
BODY = """PRESS RELEASE

VIENNA, 5 March 2024 – The OSCE opened a training course for election observers today.

# Background

The course is part of a project funded by voluntary contributions.
"""


def pandoc_document(tmp_path: Path, suffix: str, markdown: str, name: str = "release") -> Path:
    source = write(tmp_path / f"{name}.source.md", markdown)
    target = tmp_path / f"{name}{suffix}"
    subprocess.run(["pandoc", "--from", "commonmark_x", "--to", suffix[1:], str(source), "-o", str(target)],
                   check=True)
    return target


def styles_used(path: Path) -> set[str]:
    """The paragraph styles a .docx or .odt really uses, read from its XML."""
    member, attribute = (("word/document.xml", r'w:pStyle w:val="([^"]+)"') if path.suffix == ".docx"
                         else ("content.xml", r'text:style-name="([^"]+)"'))
    with zipfile.ZipFile(path) as archive:
        return set(re.findall(attribute, archive.read(member).decode("utf-8")))


def rewrite_member(path: Path, member: str, change) -> None:
    """Edit one XML file inside a .docx/.odt, as a word processor saving new properties would."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            archive.writestr(info, change(data.decode("utf-8")).encode("utf-8") if info.filename == member else data)
    path.write_bytes(buffer.getvalue())


def headings(release) -> list[tuple[int, str]]:
    return [(block.level, plain_text(block.runs)) for block in release.blocks if isinstance(block, Heading)]


@needs_pandoc
@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_title_style_is_the_title_and_the_kind_line_before_it_still_counts(tmp_path, suffix):
    path = pandoc_document(tmp_path, suffix, f"---\ntitle: {TITLE}\n---\n\n{BODY}")
    assert "Title" in styles_used(path)  # a real Title-styled paragraph, not a heading
    release = read_release(path)
    assert release.title == TITLE
    assert release.kind == "press-release"
    assert release.dateline.date == dt.date(2024, 3, 5) and release.dateline.place == "VIENNA"
    assert plain_text(release.blocks[0].runs).startswith("The OSCE opened")
    assert headings(release) == [(2, "Background")]  # a Heading 1 further down is a section


@needs_pandoc
@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_subtitle_style_is_a_heading_under_the_title_and_the_dateline_is_still_read(tmp_path, suffix):
    path = pandoc_document(tmp_path, suffix, f"---\ntitle: {TITLE}\nsubtitle: Forty observers from twelve "
                                             f"countries\n---\n\n{BODY}")
    assert {"Title", "Subtitle"} <= styles_used(path)
    release = read_release(path)
    assert release.title == TITLE
    assert headings(release)[0] == (2, "Forty observers from twelve countries")
    assert release.dateline.date == dt.date(2024, 3, 5)


@needs_pandoc
def test_title_style_and_a_heading_1_at_the_top_keep_both(tmp_path):
    path = pandoc_document(tmp_path, ".docx", f"---\ntitle: {TITLE}\n---\n\n# A first heading\n\nText.\n")
    release = read_release(path)
    assert release.title == TITLE
    assert headings(release) == [(2, "A first heading")]


@needs_pandoc
@pytest.mark.parametrize("suffix, member", [(".docx", "docProps/core.xml"), (".odt", "meta.xml")])
def test_document_properties_title_when_the_text_has_none(tmp_path, suffix, member):
    path = pandoc_document(tmp_path, suffix, "VIENNA, 5 March 2024 – The OSCE opened a course today.\n")
    rewrite_member(path, member, lambda xml: re.sub(r"<dc:title>\s*</dc:title>|<dc:title/>",
                                                    f"<dc:title>{TITLE}</dc:title>", xml))
    assert f"<dc:title>{TITLE}</dc:title>" in zipfile.ZipFile(path).read(member).decode("utf-8")
    release = read_release(path)
    assert release.title == TITLE
    assert release.dateline.date == dt.date(2024, 3, 5)


@needs_pandoc
def test_document_properties_title_does_not_replace_a_heading(tmp_path):
    path = pandoc_document(tmp_path, ".docx", f"# {TITLE}\n\nText.\n")
    rewrite_member(path, "docProps/core.xml",
                   lambda xml: re.sub(r"<dc:title>\s*</dc:title>", "<dc:title>Template 2019</dc:title>", xml))
    assert read_release(path).title == TITLE


@needs_pandoc
def test_html_title_element_only_when_the_page_has_no_h1(tmp_path):
    without = write(tmp_path / "a.html", f"<html><head><title>{TITLE}</title></head><body>"
                                         "<p>VIENNA, 5 March 2024 – Text.</p></body></html>")
    release = read_release(without)
    assert release.title == TITLE and release.dateline.date == dt.date(2024, 3, 5)
    with_h1 = write(tmp_path / "b.html", "<html><head><title>Press releases | OSCE</title></head><body>"
                                         f"<h1>{TITLE}</h1><p>Text.</p></body></html>")
    assert read_release(with_h1).title == TITLE


@needs_pandoc
def test_a_line_number_in_a_converted_file_is_that_of_pandoc_standalone(tmp_path):
    """The Title takes the place of pandoc's metadata block, so the text below keeps its lines."""
    path = pandoc_document(tmp_path, ".docx", f"---\ntitle: {TITLE}\n---\n\nPRESS RELEASE\n\n"
                                              "VIENNA, 31 February 2024 - Text.\n")
    standalone = subprocess.run(["pandoc", "--from", "docx", "--to", "commonmark_x", "--standalone", str(path)],
                                capture_output=True, text=True, check=True).stdout.split("\n")
    line = next(number for number, text in enumerate(standalone, 1) if text.startswith("VIENNA"))
    with pytest.raises(InputError) as caught:
        read_release(path)
    assert "impossible date" in caught.value.message and caught.value.line == line > 3


# --- the bundled example in every format ------------------------------------------------------


def pandoc_write(source: Path, target: Path, *options: str) -> Path:
    subprocess.run(["pandoc", "--from", "commonmark_x", "--to", target.suffix[1:],
                    *options, str(source), "-o", str(target)], check=True)
    return target


@needs_pandoc
@pytest.mark.parametrize("suffix", [".docx", ".odt", ".html", ".eml"])
def test_other_formats_of_the_example_give_the_same_text_edition(tmp_path, suffix):
    name = tmp_path / f"example{suffix}"
    if suffix == ".eml":
        page = pandoc_write(EXAMPLE, tmp_path / "page.html", "--standalone", "--metadata", "pagetitle=OSCE")
        message = EmailMessage()
        message["Subject"] = "OSCE Representative presents annual report"
        message["From"] = "press@osce.org"
        message.set_content("Read this message in HTML.")
        message.add_alternative(page.read_text(encoding="utf-8"), subtype="html")
        name.write_bytes(bytes(message))
    elif suffix == ".html":
        pandoc_write(EXAMPLE, name, "--standalone", "--metadata", "pagetitle=OSCE")
    else:
        pandoc_write(EXAMPLE, name)
    assert text_edition(name) == text_edition(EXAMPLE)


def test_plain_text_message_of_the_seed_gives_the_same_text_edition(tmp_path, seed):
    message = EmailMessage()
    message["Subject"] = "Deteriorating human rights situation in Belarus"
    message.set_content(seed.read_text(encoding="utf-8"))
    path = tmp_path / "seed.eml"
    path.write_bytes(bytes(message))
    assert text_edition(path) == text_edition(seed)


@needs_pandoc
def test_html_span_with_lang_and_curly_quotes_survive(tmp_path):
    page = tmp_path / "r.html"
    page.write_text('<html><body><p>PRESS RELEASE</p><h1>Award for “free media” – 2024</h1>'
                    '<p>VIENNA, 5 March 2024 – She quoted <span lang="fr">la liberté avant tout</span> today.</p>'
                    "</body></html>", encoding="utf-8")
    release = read_release(page)
    assert release.title == "Award for “free media” – 2024"
    runs = release.blocks[0].runs
    assert [(run.text, run.lang) for run in runs if run.lang] == [("la liberté avant tout", "fr")]


def test_unknown_suffix_is_read_as_markdown_and_a_broken_docx_names_the_file(tmp_path):
    broken = tmp_path / "release.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError) as caught:
        read_release(broken)
    assert str(caught.value).startswith(str(broken)) and "\n" not in str(caught.value)



# --- no title: said in the terms of the format --------------------------------------------------


def eml(tmp_path: Path, subject: str | None) -> Path:
    message = EmailMessage()
    if subject is not None:
        message["Subject"] = subject
    message.set_content("VIENNA, 5 March 2024 – The OSCE opened a course today.\n")
    path = tmp_path / "release.eml"
    path.write_bytes(bytes(message))
    return path


NO_TITLE = {
    ".docx": "no title: give the document a title in Word's Title style, or make its first heading a Heading 1",
    ".odt": "no title: give the document a title in the Title paragraph style, or make its first heading a Heading 1",
    ".html": "no title: give the page an <h1> heading, or a <title>",
    ".eml": "no title: give the message a Subject, or a first heading in its text",
    ".md": "no title: expected a '# Title' line or 'title:' in front matter",
}


@needs_pandoc
@pytest.mark.parametrize("suffix", NO_TITLE)
def test_no_title_is_said_in_the_terms_of_the_format(tmp_path, suffix):
    text = "VIENNA, 5 March 2024 – The OSCE opened a course today.\n"
    if suffix in (".docx", ".odt"):
        path = pandoc_document(tmp_path, suffix, text)
    elif suffix == ".html":
        path = write(tmp_path / "release.html", f"<html><body><p>{text}</p></body></html>")
    elif suffix == ".eml":
        path = eml(tmp_path, subject=None)
    else:
        path = write(tmp_path / "release.md", text)
    with pytest.raises(InputError) as caught:
        read_release(path)
    assert str(caught.value) == f"{path}: {NO_TITLE[suffix]}"


def test_the_subject_of_a_message_is_its_title(tmp_path):
    release = read_release(eml(tmp_path, subject="OSCE opens a course"))
    assert release.title == "OSCE opens a course" and release.dateline.date == dt.date(2024, 3, 5)
    assert isinstance(release.blocks[0], Paragraph)


@needs_pandoc
def test_odt_title_formatted_by_hand_keeps_its_title_style(tmp_path):
    """LibreOffice gives a Title paragraph formatted by hand an automatic style whose parent is Title."""
    path = pandoc_document(tmp_path, ".odt", f"---\ntitle: {TITLE}\n---\n\n{BODY}")

    def by_hand(xml: str) -> str:
        style = ('<style:style style:name="P99" style:family="paragraph" style:parent-style-name="Title">'
                 '<style:text-properties fo:font-weight="bold"/></style:style>')
        assert "<office:automatic-styles>" in xml
        xml = xml.replace("<office:automatic-styles>", f"<office:automatic-styles>{style}", 1)
        return xml.replace('text:style-name="Title"', 'text:style-name="P99"')

    rewrite_member(path, "content.xml", by_hand)
    assert "Title" not in styles_used(path) and "P99" in styles_used(path)
    release = read_release(path)
    assert release.title == TITLE and release.kind == "press-release"


# --- tables, pictures and footnotes in Word (issue 23) ---------------------------------------------------

RICH = """# OSCE counts attacks on journalists

VIENNA, 5 March 2024 – The Representative published the figures today.[^1]

Table 1: Attacks by type

| Type of attack | Cases |
|---|---|
| Physical violence | 517 |
| Online harassment | 406 |

![Participants at the presentation](photo.png "Photo: OSCE/Jane Doe")

*The presentation in Vienna.*

The figures are provisional.[^2]

[^1]: Counted by the Office of the Representative.

[^2]: Reports received until 31 January 2024.
"""


def structure(release) -> list:
    blocks = [(block_kind(block), [plain_text(part) for part in block.parts]) for block in release.blocks]
    notes = [(note.label, [plain_text(paragraph) for paragraph in note.paragraphs]) for note in release.notes]
    marks = [run.note for block in release.blocks for part in block.parts for run in part if run.note]
    return [release.title, release.dateline, blocks, notes, marks]


@needs_pandoc
def test_a_docx_with_a_table_a_picture_and_footnotes_gives_the_markdown_s_release(tmp_path, monkeypatch):
    png = tiny_png()
    (tmp_path / "photo.png").write_bytes(png)
    markdown = write(tmp_path / "release.md", RICH)
    subprocess.run(["pandoc", "--from", "commonmark_x", "--to", "docx", "release.md", "-o", "release.docx"],
                   check=True, cwd=tmp_path)
    (tmp_path / "photo.png").unlink()  # the Word file's picture is its own, not the file beside it
    from_markdown = read_release(markdown)
    monkeypatch.setattr(tempfile, "tempdir", str(write(tmp_path / "tmp" / "x", "").parent))
    from_word = read_release(tmp_path / "release.docx")
    assert [path.name for path in (tmp_path / "tmp").iterdir()] == ["x"]  # pandoc's picture folder is removed
    assert structure(from_word) == structure(from_markdown)
    kinds = [kind for kind, _ in structure(from_word)[2]]
    assert kinds == ["paragraph", "table", "figure", "paragraph"]
    figure = from_word.blocks[2]
    assert figure.src.startswith("media/") and figure.data == png and figure.media_type == "image/png"
    assert from_markdown.blocks[2].sha256 is None  # the Markdown's photo.png is gone: no bytes, a warning


# --- web pages as a CMS exports them (issue 23) ------------------------------------------------

@needs_pandoc
def test_html_subtitle_paragraph_and_bold_dateline(tmp_path):
    page = write(tmp_path / "r.html", f'<html><body><p class="kicker">PRESS RELEASE</p><h1>{TITLE}</h1>'
                 '<p class="subtitle">Child poverty fell in 19 countries but rose in 11</p>'
                 '<p><strong>GENEVA, 6 December 2023</strong> – 24.6 per cent of children are poor.</p>'
                 '<p>The report compares data from 40 countries.</p></body></html>')
    release = read_release(page)
    assert release.dateline.date == dt.date(2023, 12, 6)
    assert [type(block) for block in release.blocks] == [Heading, Paragraph, Paragraph]
    assert plain_text(release.blocks[0].runs) == "Child poverty fell in 19 countries but rose in 11"
