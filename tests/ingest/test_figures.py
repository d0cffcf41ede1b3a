"""pipeline/ingest/figures.py (issue 23): a picture is a `Figure` (address, alt text, caption, credit) and
keeps its bytes when it is a file beside the release; its credit ("Photo: …", "©") and caption (an italic
paragraph) are found by one rule; an inline picture is never dropped; a picture without alt text is kept,
with a warning; each alt text, caption and credit is a segment of its own."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from pipeline.errors import InputError
from pipeline.ingest import figures, read_release
from pipeline.ingest.conservation import check_conservation
from pipeline.ingest.figures import is_credit, picture_type, table_caption_number
from pipeline.release import block_kind, plain_text
from pipeline.segment import segment_release

from ..conftest import write
from .conftest import tiny_png

HEAD = "# OSCE trains journalists\n\nVIENNA, 5 March 2024 – The OSCE opened a course today.\n\n"


def figures_of(release):
    return [block for block in release.blocks if block_kind(block) == "figure"]


def texts(figure) -> tuple[str, str, str]:
    return plain_text(figure.alt), plain_text(figure.caption), plain_text(figure.credit)


def kinds(release) -> list[str]:
    return [block_kind(block) for block in release.blocks]


def test_a_photo_with_its_credit_in_the_title_and_an_italic_caption(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + '![Participants at the course](https://example.org/a.jpg '
                                                           '"Photo: OSCE/Jane Doe")\n\n*Participants in Vienna.*\n\n'
                                                           "The course lasts a week.\n"))
    (figure,) = figures_of(release)
    assert figure.src == "https://example.org/a.jpg"
    assert texts(figure) == ("Participants at the course", "Participants in Vienna.", "Photo: OSCE/Jane Doe")
    assert not any(run.emphasis for run in figure.caption)  # the italics marked it; editions style captions
    assert figure.data is None and figure.sha256 is None and figure.media_type is None  # a web address: not fetched
    assert kinds(release) == ["paragraph", "figure", "paragraph"]
    assert release.warnings == ()


@pytest.mark.parametrize("after", [
    "\n\nFoto: OSCE/Jane Doe\n\n*Participants in Vienna.*",  # credit, then caption
    "\n\n*Participants in Vienna.*\n\nPhoto credit: OSCE/Jane Doe",  # caption, then credit
    "\nFoto: OSCE/Jane Doe\n\n*Participants in Vienna.*",  # the credit in the image's paragraph
])
def test_credit_and_caption_paragraphs_after_the_picture(tmp_path, after):
    release = read_release(write(tmp_path / "r.md", HEAD + "![Participants](a.jpg)" + after + "\n"))
    (figure,) = figures_of(release)
    assert plain_text(figure.caption) == "Participants in Vienna."
    assert plain_text(figure.credit).endswith("OSCE/Jane Doe")
    assert kinds(release) == ["paragraph", "figure"]


def test_a_copyright_credit_is_not_the_copyright_line(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + "![Participants](a.jpg)\n\n© OSCE/Jane Doe\n\n"
                                                           "More text.\n\n![Logo](logo.png)\n\n"
                                                           "© 1995 - 2024 OSCE. All rights reserved.\n"))
    first, logo = figures_of(release)
    assert plain_text(first.credit) == "© OSCE/Jane Doe" and logo.credit == ()
    assert release.copyright == "© 1995 - 2024 OSCE. All rights reserved."


def test_a_title_that_is_no_credit_is_the_caption(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + '![Participants](a.jpg "The first day")\n\n'
                                                           "The course lasts a week.\n"))
    (figure,) = figures_of(release)
    assert texts(figure) == ("Participants", "The first day", "")
    assert kinds(release)[-1] == "paragraph"


def test_a_title_and_an_italic_caption_after_it_both_make_the_caption(tmp_path):
    """Issue 23: the italic paragraph after the picture is its caption; the title (no credit) is kept as the
    caption's first sentence; "(Photo: …)" after the italics is the credit."""
    release = read_release(write(tmp_path / "r.md", HEAD + '![Panellists](a.jpg "Session on water")\n'
                                                           "*Panellists discuss water management.* "
                                                           "(Photo: OSCE/Katharina Berger)\n\nMore text.\n"))
    (figure,) = figures_of(release)
    assert texts(figure) == ("Panellists", "Session on water. Panellists discuss water management.",
                             "Photo: OSCE/Katharina Berger")
    assert kinds(release) == ["paragraph", "figure", "paragraph"]


@pytest.mark.parametrize("caption, expected, credit", [
    ("*Participants at the workshop in Pristina (OSCE/Blerta Hoxha)*", "Participants at the workshop in Pristina",
     "OSCE/Blerta Hoxha"),
    ("*Participants in Pristina. (Photo: OSCE/Blerta Hoxha)*", "Participants in Pristina.",
     "Photo: OSCE/Blerta Hoxha"),
    ("*Participants in Pristina.* (UNICEF/UN0599185/Haddad)", "Participants in Pristina.", "UNICEF/UN0599185/Haddad"),
    # a place in two languages, or an acronym, is no credit: the parenthesis stays in the caption
    ("*Participants from Gjilan (Gjilan/Gnjilane)*", "Participants from Gjilan (Gjilan/Gnjilane)", ""),
    ("*Participants at the Youth Assembly (OSCE)*", "Participants at the Youth Assembly (OSCE)", ""),
])
def test_a_credit_in_parentheses_at_the_end_of_the_caption(tmp_path, caption, expected, credit):
    release = read_release(write(tmp_path / "r.md", HEAD + "![Participants](a.jpg)\n" + caption + "\n"))
    (figure,) = figures_of(release)
    assert texts(figure) == ("Participants", expected, credit)
    assert not any(run.emphasis for run in figure.caption + figure.credit)


def test_a_credit_in_the_caption_when_the_picture_has_one_stays_in_the_caption(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + '![Participants](a.jpg "Photo: OSCE/Jane Doe")\n\n'
                                                           "*Participants in Pristina (OSCE/Blerta Hoxha)*\n"))
    (figure,) = figures_of(release)
    assert texts(figure) == ("Participants", "Participants in Pristina (OSCE/Blerta Hoxha)", "Photo: OSCE/Jane Doe")


def test_an_italic_caption_above_a_picture_without_one_after_it(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + "*The Secretary General opens the conference.*\n\n"
                                                           "![The podium](a.jpg)\n\nPhoto: OSCE/Jane Doe\n\n"
                                                           "More text.\n"))
    (figure,) = figures_of(release)
    assert texts(figure) == ("The podium", "The Secretary General opens the conference.", "Photo: OSCE/Jane Doe")
    assert kinds(release) == ["paragraph", "figure", "paragraph"]


@pytest.mark.parametrize("above, after", [
    ("*“We will continue,” said the Secretary General.*", ""),  # a quotation: the text's
    ("*" + " ".join(["word"] * 41) + ".*", ""),  # too long for a caption
    ("*An italic paragraph of the text.*", "\n\n*The caption after it.*"),  # the picture has its caption
    ("*An italic paragraph of the text.*", ""),  # the title is the caption
])
def test_an_italic_paragraph_above_a_picture_that_stays_the_texts(tmp_path, above, after):
    title = ' "The first day"' if above == "*An italic paragraph of the text.*" and not after else ""
    release = read_release(write(tmp_path / "r.md", HEAD + above + f"\n\n![The podium](a.jpg{title})" + after +
                                 "\n"))
    (figure,) = figures_of(release)
    assert kinds(release) == ["paragraph", "paragraph", "figure"]
    assert plain_text(release.blocks[1].runs) == above.strip("*")
    assert plain_text(figure.caption) in ("", "The caption after it.", "The first day")


def test_an_italic_paragraph_between_two_pictures_is_the_first_ones_caption(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + "![One](a.jpg)\n\n*The first day.*\n\n![Two](b.jpg)\n"))
    first, second = figures_of(release)
    assert plain_text(first.caption) == "The first day." and second.caption == ()


def test_an_inline_picture_becomes_a_figure_after_its_paragraph(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + "Journalists met ![the OSCE badge](badge.png) in "
                                                           "Vienna.\n\n![Logo](logo.png) The course lasts a week.\n"))
    assert kinds(release) == ["paragraph", "paragraph", "figure", "figure", "paragraph"]
    assert plain_text(release.blocks[1].runs) == "Journalists met in Vienna."
    assert [plain_text(figure.alt) for figure in figures_of(release)] == ["the OSCE badge", "Logo"]
    assert plain_text(release.blocks[-1].runs) == "The course lasts a week."  # a picture first: it comes first


def test_pictures_in_a_list_a_table_and_a_heading_follow_them(tmp_path):
    text = (HEAD + "## Results ![icon](i.png)\n\n- One ![a](a.png)\n- Two\n\n| A | B |\n|---|---|\n"
            "| 1 | ![b](b.png) |\n")
    release = read_release(write(tmp_path / "r.md", text))
    assert kinds(release) == ["paragraph", "heading", "figure", "list", "figure", "table", "figure"]
    assert [figure.src for figure in figures_of(release)] == ["i.png", "a.png", "b.png"]


def test_a_linked_picture_keeps_its_link_on_the_alt_text(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + "[![OSCE logo](logo.png)](https://www.osce.org)\n"))
    (figure,) = figures_of(release)
    assert [(run.text, run.href) for run in figure.alt] == [("OSCE logo", "https://www.osce.org")]


def test_a_logo_above_the_title_keeps_the_title_and_the_dateline(tmp_path):
    release = read_release(write(tmp_path / "r.md", "![OSCE](logo.png)\n\nPRESS RELEASE\n\n" + HEAD))
    assert release.title == "OSCE trains journalists" and release.kind == "press-release"
    assert release.dateline.place == "VIENNA" and kinds(release) == ["figure", "paragraph"]


def test_a_local_picture_carries_its_bytes_media_type_and_checksum(tmp_path):
    png = tiny_png()
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "course day.png").write_bytes(png)
    release = read_release(write(tmp_path / "r.md", HEAD + "![The course](photos/course%20day.png)\n"))
    (figure,) = figures_of(release)
    assert figure.src == "photos/course%20day.png"  # as written
    assert figure.data == png and figure.media_type == "image/png"
    assert figure.sha256 == hashlib.sha256(png).hexdigest()
    assert "data" not in repr(figure) and figure.sha256 in repr(figure)  # job keys see the checksum, not the bytes
    other = replace(figure, data=tiny_png(red=0))
    assert other == figure  # the bytes are not compared: the checksum stands for them


def test_a_missing_picture_is_kept_with_a_warning_and_a_big_one_refused(tmp_path, monkeypatch):
    path = write(tmp_path / "r.md", HEAD + "![The course](missing.png)\n\n![Big](big.png)\n")
    (tmp_path / "big.png").write_bytes(tiny_png() + b"\0" * 200)
    monkeypatch.setattr(figures, "MAX_PICTURE", 100)
    with pytest.raises(InputError, match=r"picture 'big.png' is 0.0 MB, over the 0 MB") as caught:
        read_release(path)
    assert caught.value.line == 7
    monkeypatch.undo()
    release = read_release(path)
    assert figures_of(release)[0].data is None and figures_of(release)[1].data is not None
    assert release.warnings == (f"{path}:5: picture 'missing.png' not found beside the release: "
                                "the editions show its address",)


def test_a_file_that_is_no_picture_has_no_bytes(tmp_path):
    write(tmp_path / "report.pdf", "%PDF-1.4 not a picture")
    release = read_release(write(tmp_path / "r.md", HEAD + "![The report](report.pdf)\n"))
    assert figures_of(release)[0].data is None
    assert "'report.pdf' is not a picture" in release.warnings[0]


def test_a_picture_without_alt_text_is_kept_with_an_accessibility_warning(tmp_path):
    path = write(tmp_path / "r.md", HEAD + "The course.\n\n![](https://example.org/a.jpg)\nPhoto: OSCE\n")
    release = read_release(path)
    (figure,) = figures_of(release)
    assert figure.alt == () and plain_text(figure.credit) == "Photo: OSCE"
    assert release.warnings == (f"{path}:7: image without alt text (accessibility)",)


def test_pandoc_image_attributes_are_not_text(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + '![The course](a.png){width="2in" height="1in"}\n'))
    assert kinds(release) == ["paragraph", "figure"]


def test_alt_text_caption_and_credit_are_one_segment_each(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + '![Participants at the course](a.jpg "Photo: OSCE")\n\n'
                                                           "*Participants in Vienna. They came from 12 "
                                                           "countries.*\n"))
    segmentation = segment_release(release)
    found = [(segmentation.units[segment.unit].path, segment.text) for segment in segmentation.segments
             if segmentation.units[segment.unit].role == "figure"]
    assert found == [((1, 1, 0), "Participants at the course"), ((1, 1, 1), "Participants in Vienna."),
                     ((1, 1, 1), "They came from 12 countries."), ((1, 1, 2), "Photo: OSCE")]


def test_a_lost_picture_or_alt_text_is_refused(tmp_path):
    path = write(tmp_path / "r.md", HEAD + "Text ![The course room](room.png) here.\n")
    release = read_release(path)
    body = path.read_text(encoding="utf-8")
    figure = figures_of(release)[0]
    without = replace(release, blocks=tuple(block for block in release.blocks if block is not figure))
    with pytest.raises(InputError, match=r"ingest would drop the picture 'room.png' \('The course room'\)") as caught:
        check_conservation(body, 1, without, path)
    assert caught.value.line == 5
    shorter = replace(release, blocks=(*release.blocks[:2], replace(figure, alt=figure.alt[:0])))
    with pytest.raises(InputError, match=r"ingest would drop 'The' from the alt text of 'room.png' \(in 'Text"):
        check_conservation(body, 1, shorter, path)


def test_the_credit_and_caption_rules():
    assert all(map(is_credit, ["Photo: OSCE/Jane Doe", "Photo credit: OSCE", "Credit: UNICEF", "(Foto: OSCE)",
                               "Фото: ОБСЕ", "Crédit photo : OSCE", "© OSCE/Jane Doe"]))
    assert not any(map(is_credit, ["Photographers came", "Photo of the day", "© 1995 - 2024 OSCE.",
                                   "© OSCE. All rights reserved."]))
    assert [table_caption_number(text) for text in ["Table 1: x", "Table: x", "Tableau 2 : x", "Таблица 3. x",
                                                    "Table tennis", "Table 1 shows"]] == [1, None, 2, 3, False, False]
    assert picture_type(tiny_png(), "x") == "image/png" and picture_type(b"\xff\xd8\xff\xe0", "x") == "image/jpeg"
    assert picture_type(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "x") == "image/svg+xml"
    assert picture_type(b"....", "photo.webp") == "image/webp" and picture_type(b"....", "a.pdf") is None


def test_an_html_img_is_a_picture_but_a_tracking_pixel_is_not(tmp_path):
    text = (HEAD + 'Text <img src="a.png" alt="The course &amp; its room"> here.\n\n'
            '<div><img src="b.png" alt="A logo" title="Photo: OSCE"><p>Block text.</p>'
            '<img src="https://list.example.org/open.gif" width="1" height="1"></div>\n')
    release = read_release(write(tmp_path / "r.md", text))
    assert [(figure.src, *texts(figure)) for figure in figures_of(release)] == [
        ("a.png", "The course & its room", "", ""), ("b.png", "A logo", "", "Photo: OSCE")]
    assert kinds(release) == ["paragraph", "paragraph", "figure", "paragraph", "figure"]
