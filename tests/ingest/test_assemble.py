"""pipeline/ingest/assemble.py: what each block of a release is; the mail export's artefacts dropped
(a long paragraph that mentions one is content) and a paragraph the export broke joined again; the
writer's structure kept (issue 23, item 7): a media advisory's label paragraphs stay apart, the
line breaks of an address stay; a title written as a plain line under the kind line."""

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.release import Heading, Paragraph, plain_text

from ..conftest import write
from .conftest import all_text, text_edition


def test_seed_drops_mail_artefacts_and_rejoins_broken_paragraph(seed):
    release = read_release(seed)
    text = all_text(release).lower()
    assert "unsubscribe" not in text and "forward to a friend" not in text and "subscription" not in text
    paragraphs = [plain_text(b.runs) for b in release.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 7
    assert any("depriving the country’s citizens and institutions from" in p for p in paragraphs)


def test_artefacts_are_not_content_but_a_long_paragraph_mentioning_them_is(tmp_path):
    path = tmp_path / "r.md"
    long = "Readers who unsubscribe " + "keep reading the news every day " * 12 + "end."
    path.write_text(f"# Title\n\nVIENNA, 5 March 2024 – Text.\n\n{long}\n\n[unsubscribe](#)\n", encoding="utf-8")
    release = read_release(path)
    assert "".join(run.text for run in release.blocks[-1].parts[0]) == long


# --- the writer's structure kept ----------------------------------------------------------------

HEAD = "MEDIA ADVISORY\n\n# Launch of the annual report\n\nVIENNA, 5 March 2024 – The report will be presented.\n\n"


def paragraphs(release) -> list[str]:
    return [plain_text(block.runs) for block in release.blocks if isinstance(block, Paragraph)]


def test_label_paragraphs_of_a_media_advisory_stay_apart(tmp_path):
    """Each ends without a full stop, on a lower-case word or a figure: no mail client cut them."""
    labels = ("**What:** Presentation of the annual report\n\n**Who:** Jana Novak, OSCE Representative on "
              "Freedom of the Media\n\n**When:** 12 March 2024, 10:30\n\n**Where:** Hofburg, Neuer Saal\n\n"
              "Journalists are asked to register by 11 March.\n")
    release = read_release(write(tmp_path / "r.md", HEAD + labels))
    assert paragraphs(release)[1:] == [
        "What: Presentation of the annual report", "Who: Jana Novak, OSCE Representative on Freedom of the Media",
        "When: 12 March 2024, 10:30", "Where: Hofburg, Neuer Saal", "Journalists are asked to register by 11 March."]


def test_label_lines_of_one_paragraph_are_a_paragraph_each(tmp_path):
    """"Date:", "Time:", "Venue:" one under the other (under a line that introduces them), a label's text
    wrapped by the mail client on the line under it."""
    lines = ("Practical information\nDate: Monday, 12 June 2023\nTime: 14:00 (local time)\nVenue: Hotel Podgorica, "
             "Conference Hall “Morača”, Bulevar Svetog Petra\nCetinjskog 1\n\nThe conference will be held in English, and the\nstatement will be on the web.\n")
    assert paragraphs(read_release(write(tmp_path / "r.md", HEAD + lines)))[1:] == [
        "Practical information", "Date: Monday, 12 June 2023", "Time: 14:00 (local time)",
        "Venue: Hotel Podgorica, Conference Hall “Morača”, Bulevar Svetog Petra Cetinjskog 1",
        "The conference will be held in English, and the statement will be on the web."]


def test_a_cut_paragraph_is_still_joined_but_not_to_a_label(tmp_path):
    text = ("The Mission trained 60 officers with the support of the\n\nMinistry of Internal Affairs.\n\n"
            "**Where:** Hofburg, Neuer Saal\n\nand the Redoutensaal.\n")
    assert paragraphs(read_release(write(tmp_path / "r.md", HEAD + text)))[1:] == [
        "The Mission trained 60 officers with the support of the Ministry of Internal Affairs.",
        "Where: Hofburg, Neuer Saal", "and the Redoutensaal."]


@pytest.mark.parametrize("breaks", ["  \n", "\\\n", "<br>\n"], ids=["two spaces", "backslash", "br"])
def test_an_address_keeps_its_line_breaks(tmp_path, breaks):
    address = breaks.join(["**Where:** Hofburg, Neuer Saal", "Heldenplatz 1", "1010 Vienna, Austria"])
    release = read_release(write(tmp_path / "r.md", HEAD + address + "\n\nRegister by 11 March.\n"))
    assert paragraphs(release)[1:] == ["Where: Hofburg, Neuer Saal\nHeldenplatz 1\n1010 Vienna, Austria",
                                       "Register by 11 March."]
    assert "Where: Hofburg, Neuer Saal\nHeldenplatz 1\n1010 Vienna, Austria\n\nRegister" in \
        text_edition(tmp_path / "r.md")


def test_the_writer_s_short_lines_stay_and_a_wrap_does_not(tmp_path):
    text = ("**Who:**\nAmbassador Hedvig Lundgren, Head of the OSCE Mission to Serbia\nMilica Stanković, State "
            "Secretary\n\n06.11.2023\nEEAS Press Team\n\nThe conference will be held in English, with interpretation\n"
            "into Serbian, and streamed live on the Mission's website.\n")
    assert paragraphs(read_release(write(tmp_path / "r.md", HEAD + text)))[1:] == [
        "Who:\nAmbassador Hedvig Lundgren, Head of the OSCE Mission to Serbia\nMilica Stanković, State Secretary",
        "06.11.2023\nEEAS Press Team",
        "The conference will be held in English, with interpretation into Serbian, and streamed live on the "
        "Mission's website."]


# --- the title as a plain line -------------------------------------------------------------------


@pytest.mark.parametrize("title", ["OSCE opens a course for judges", "**OSCE opens a course for judges**",
                                   "OSCE OPENS A COURSE FOR JUDGES", "OSCE opens a course for judges in\nVienna"])
def test_a_plain_line_under_the_kind_line_over_the_dateline_is_the_title(tmp_path, title):
    release = read_release(write(tmp_path / "r.md", f"PRESS RELEASE\n\n{title}\n\n"
                                                    "VIENNA, 5 March 2024 - The OSCE opened a course.\n"))
    assert release.title == " ".join(title.strip("*").split()) and release.kind == "press-release"
    assert paragraphs(release) == ["The OSCE opened a course."] and release.dateline.place == "VIENNA"


@pytest.mark.parametrize("line", ["The OSCE opened a course for judges.", "Background"])
def test_a_line_that_is_no_title_is_not_taken_for_one(tmp_path, line):
    """A sentence, or a line with no dateline under it: text, and the file has no title."""
    body = f"PRESS RELEASE\n\n{line}\n\n" + ("VIENNA, 5 March 2024 - Text.\n" if line.endswith(".") else "Text.\n")
    with pytest.raises(InputError, match="no title"):
        read_release(write(tmp_path / "r.md", body))


def test_a_bold_line_in_the_body_is_still_a_heading(tmp_path):
    release = read_release(write(tmp_path / "r.md", HEAD + "**Background**\n\nThe report is the 20th.\n"))
    assert isinstance(release.blocks[1], Heading) and plain_text(release.blocks[1].runs) == "Background"
