"""pipeline/ingest/conservation.py: the content-conservation check names the file, line and text of
a word the parsed release would drop, and catches a changed number."""

from dataclasses import replace

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.ingest.conservation import check_conservation
from pipeline.release import Paragraph, plain_text

from ..conftest import write
from .conftest import SHAPES


def test_conservation_names_file_line_and_text_of_a_dropped_word(tmp_path):
    path = SHAPES / "bold-headings.md"
    body = path.read_text(encoding="utf-8")
    release = read_release(path)
    dropped = replace(release, blocks=release.blocks[:2] + release.blocks[3:])  # "The College was established …"
    with pytest.raises(InputError) as caught:
        check_conservation(body, 1, dropped, path)
    assert caught.value.line == 9 and "The College was established" in caught.value.message
    assert str(caught.value).startswith(f"{path}:9: ingest would drop")


def test_conservation_catches_a_changed_number(tmp_path):
    path = SHAPES / "tables-in-body.md"
    release = read_release(path)
    first = release.blocks[0]
    changed = replace(release, blocks=(Paragraph(tuple(replace(run, text=run.text.replace("2023", "2022"))
                                                       for run in first.runs)), *release.blocks[1:]))
    with pytest.raises(InputError, match="2023"):
        check_conservation(path.read_text(encoding="utf-8"), 1, changed, path)


# --- on markdown-it's tree (issue 23) ----------------------------------------------------------------------

HEAD = "# Title\n\nVIENNA, 5 March 2024 – The OSCE published its report.\n\n"


@pytest.mark.parametrize("paragraph, kept", [
    ("**The full report is online: see https://example.org/report.pdf**", "https://example.org/report.pdf"),
    ("**See https://example.org/report.pdf**", "https://example.org/report.pdf"),  # bold end to end, a link last
    ("Visit **https://osce.org** today, or __https://osce.org/fom__.", "https://osce.org/fom"),
    ("Read [the report](https://example.org/report.pdf?lang=en#page=3) now.", "https://example.org/report.pdf?"),
])
def test_bold_and_linked_addresses_are_not_refused(tmp_path, paragraph, kept):
    release = read_release(write(tmp_path / "r.md", HEAD + paragraph + "\n"))
    last = release.blocks[-1]
    assert kept in plain_text(last.runs) + " ".join(run.href or "" for run in last.runs)
    assert last.runs[0].strong == paragraph.startswith("**")  # emphasis kept, not a heading: it has an address


def test_html_code_and_comments_count_as_their_text(tmp_path):
    text = HEAD + "<div><p>Kept in <b>HTML</b> &amp; more.</p></div>\n\n    indented code 42\n\n<!-- a note -->\n"
    release = read_release(write(tmp_path / "r.md", text))
    assert [plain_text(block.runs) for block in release.blocks[1:]] == ["Kept in HTML & more.", "indented code 42"]


def test_a_lost_link_target_is_refused(tmp_path):
    path = write(tmp_path / "r.md", HEAD + "Read [the report](https://example.org/report.pdf).\n")
    release = read_release(path)
    last = release.blocks[-1]
    unlinked = replace(release, blocks=(*release.blocks[:-1], Paragraph(tuple(replace(run, href=None)
                                                                              for run in last.runs))))
    with pytest.raises(InputError, match="ingest would drop 'https://example.org/report.pdf'") as caught:
        check_conservation(path.read_text(encoding="utf-8"), 1, unlinked, path)
    assert caught.value.line == 5


def test_what_the_assembler_drops_on_purpose_is_not_content_on_its_line_only(tmp_path):
    path = write(tmp_path / "r.md", HEAD + "From: Jana Novak\n\nThe report counts attacks.\n")
    body = path.read_text(encoding="utf-8")
    release = read_release(path)
    without = replace(release, blocks=release.blocks[:1] + release.blocks[2:])
    with pytest.raises(InputError, match="ingest would drop 'From'"):
        check_conservation(body, 1, without, path)
    check_conservation(body, 1, without, path, dropped=[(5, "From: Jana Novak")])
    with pytest.raises(InputError, match="ingest would drop 'From'"):  # not a piece of another line
        check_conservation(body, 1, without, path, dropped=[(7, "From: Jana Novak")])


def test_a_copyright_line_or_further_information_above_the_last_paragraph_is_no_loss(tmp_path):
    """The assembler takes them out of the flow wherever they stand: their words may be anywhere."""
    text = (HEAD + "© 1995 - 2024 OSCE.\n\nFor further information, please visit: https://www.osce.org/fom\n\n"
            "The OSCE will publish the full data in April.\n")
    release = read_release(write(tmp_path / "r.md", text))
    assert release.copyright == "© 1995 - 2024 OSCE." and release.further_information.urls == (
        "https://www.osce.org/fom",)
    assert plain_text(release.blocks[-1].runs) == "The OSCE will publish the full data in April."
    dropped = replace(release, blocks=release.blocks[:-1])
    with pytest.raises(InputError, match="ingest would drop 'The'"):
        check_conservation(text, 1, dropped, tmp_path / "r.md")
