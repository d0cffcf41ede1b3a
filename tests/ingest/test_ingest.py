"""pipeline/ingest/__init__.py: `read_release` end to end, on the seed, the bundled example and other
shapes; bad input named with its file and line. Each ingest module's own tests are in test_<module>.py."""

import datetime as dt
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import parse_release, read_release
from pipeline.release import ListBlock, Paragraph, Quote, plain_text

from ..conftest import EXAMPLE, FIXTURES
from .conftest import all_text


def test_seed_parses_as_is(seed):
    release = read_release(seed)
    assert release.id == "2024-02-21-deteriorating-human-rights-situation-in-belarus"
    assert release.kind == "press-release"
    assert release.title.startswith("Deteriorating human rights situation in Belarus")
    assert release.dateline.place == "WARSAW"
    assert release.dateline.date == dt.date(2024, 2, 21)
    first = plain_text(release.blocks[0].runs)
    assert first.startswith("The human rights situation in Belarus continues")  # dateline split off
    assert release.further_information.urls == ("https://www.osce.org/odihr/elections/563046",)
    assert release.copyright == "© 1995 - 2024 OSCE."


def test_example_structure():
    release = read_release(EXAMPLE)
    assert release.dateline.place == "VIENNA"
    kinds = [type(block).__name__ for block in release.blocks]
    assert "ListBlock" in kinds and "Heading" in kinds
    links = [run.href for block in release.blocks if isinstance(block, Paragraph) for run in block.runs if run.href]
    assert links == ["https://www.osce.org/fom/safety-of-journalists", "https://www.osce.org/fom/report-2023"]
    assert [c.name for c in release.contacts] == ["Press and Public Information Section, OSCE Secretariat", "Jana Novak"]


def test_other_shapes_front_matter_us_date_quotes_numbered_lists_and_loose_contacts():
    release = read_release(FIXTURES / "geneva-tbilisi-statement.md")
    assert release.kind == "news-release"
    assert release.dateline.place == "TBILISI / WARSAW"
    assert release.dateline.date == dt.date(2024, 2, 9)
    assert [place.timezone for place in release.dateline.places] == ["Asia/Tbilisi", "Europe/Warsaw"]
    assert isinstance(release.blocks[1], Quote)
    assert isinstance(release.blocks[2], ListBlock) and release.blocks[2].ordered
    (contact,) = release.contacts
    assert contact.name == "Jane Doe" and contact.kind == "person"
    assert contact.phones[0].number == "+995 32 224 42 01"
    assert contact.emails == ("press@example.org",)
    assert "browser" not in all_text(release)


BAD_INPUTS = {
    "empty": (b"\n\n  \n", "empty", None),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary", None),
    "latin-1": ("# Titre\n\nDéclaration".encode("latin-1"), "UTF-8", 3),
    # Issue 24: UTF-16 was "binary data"; without a byte-order mark it is named and refused.
    "UTF-16 without a BOM": ("# Titre\n\nDéclaration".encode("utf-16-le"), "is UTF-16 (little-endian, without a byte-order mark); save it as UTF-8", None),
    "UTF-16BE without a BOM": ("# Titre\n\nDéclaration".encode("utf-16-be"), "is UTF-16 (big-endian", None),
    "UTF-16 with a BOM, broken": (b"\xff\xfe" + "# T\n\nx".encode("utf-16-le") + b"\x00\xdc", "not valid UTF-16", 3),
    "UTF-32": ("# Titre".encode("utf-32"), "is UTF-32", None),
    "no title": (b"Just a paragraph.\n", "no title", None),
    "31 February": (b"# Title\n\nWARSAW, 31 February 2024 - Text.\n", "impossible date", 3),
    "bad month": (b"# Title\n\nWARSAW, 21 Febtober 2024 - Text.\n", "unknown month", 3),
    "malformed front matter": (b"---\ntitle: [unclosed\n---\n# T\n", "malformed front matter", None),
    "unclosed front matter": (b"---\ntitle: x\n# T\n", "never closed", 1),
    "escaping id": (b"---\nid: ../../etc/passwd\n---\n# T\n", "not a safe id", None),
    "absolute id": (b"---\nid: /tmp/x\n---\n# T\n", "not a safe id", None),
    "bad date": (b"---\ndate: 2024-02-31\n---\n# T\n", "date", None),
    "bad timezone": (b"---\ntimezone: Mars/Olympus\n---\n# T\n", "'Mars/Olympus' is not a time zone known to CLDR", None),
    "timezones and places differ": (b"---\ndate: 2024-02-01\nplace: TBILISI / WARSAW\ntimezone: Asia/Tbilisi\n---\n# T\n",
                                    "has 1 entries for the dateline's 2 places (TBILISI / WARSAW)", None),
}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_release_with_a_byte_order_mark_is_read_as_its_text(tmp_path, encoding):
    """Issue 24: Windows' "Unicode" (UTF-16 with a BOM) was refused as binary data; the BOM says the
    encoding for certain, so it is read, and reads exactly as the same text in UTF-8."""
    text = "# Déclaration de Žilina\n\nVIENNA, 5 March 2024 - Le café est fermé.\r\n"
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    (tmp_path / "utf16.md").write_bytes(bom + text.encode(encoding))
    (tmp_path / "utf8.md").write_bytes(text.encode("utf-8"))
    assert read_release(tmp_path / "utf16.md") == read_release(tmp_path / "utf8.md")
    assert "Le café est fermé." in all_text(read_release(tmp_path / "utf16.md"))


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_names_file_and_problem(tmp_path, name):
    data, message, line = BAD_INPUTS[name]
    path = tmp_path / "release.md"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_release(path)
    error = caught.value
    assert message in error.message
    assert str(error).startswith(str(path))
    assert "\n" not in str(error)
    if line:
        assert error.line == line


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_release(tmp_path / "nope.md")


def test_markup_in_text_stays_text(tmp_path):
    release = parse_release("# A <script>alert(1)</script> *title*\n\nVIENNA, 1 March 2024 – x [a](javascript:alert(1)).\n",
                            Path("x.md"))
    assert release.title == "A <script>alert(1)</script> title"


def test_only_a_regular_file_is_read_and_no_more_than_the_limit(tmp_path):
    from pipeline.ingest import read_release_bytes

    (tmp_path / "zero.md").symlink_to("/dev/zero")  # endless, and 0 bytes to stat()
    with pytest.raises(InputError, match=r"is not a regular file \(a FIFO, a device…\)"):
        read_release_bytes(tmp_path / "zero.md", max_size=1000)
    with pytest.raises(InputError, match=r"is not a regular file"):
        read_release_bytes(tmp_path / "zero.md")
    (tmp_path / "r.md").write_bytes(b"x" * 1001)
    with pytest.raises(InputError, match="over the limit of 1,000 bytes"):
        read_release_bytes(tmp_path / "r.md", max_size=1000)
    with pytest.raises(InputError, match="over the limit of 1,000 bytes"):
        read_release(tmp_path / "r.md", max_size=1000)
    assert read_release_bytes(tmp_path / "r.md", max_size=1001) == b"x" * 1001
    with pytest.raises(InputError, match="is a directory"):
        read_release_bytes(tmp_path)
