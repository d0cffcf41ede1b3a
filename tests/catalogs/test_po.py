"""pipeline/catalogs/po.py: PO files are read strictly."""

import pytest

from pipeline.catalogs.po import read_catalog
from pipeline.errors import InputError


def test_read_catalog_rejects_non_utf8(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr "caf\xe9"\n')
    with pytest.raises(InputError, match="UTF-8"):
        read_catalog(path)


# Issue 24: a PO file is read only if its bytes are what its header says.
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={}\\n"\n\nmsgctxt "s1"\nmsgid "Le café"\nmsgstr "{}"\n'


def po(charset: str, translation: str = "The café", encoding: str = "utf-8") -> bytes:
    return HEADER.format(charset, translation).encode(encoding)


def refusal(tmp_path, data: bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        read_catalog(tmp_path / "x.po", data)
    assert "\n" not in str(caught.value)
    return caught.value


@pytest.mark.parametrize("charset", ["ISO-8859-1", "latin1", "windows-1252", "US-ASCII"])
def test_a_utf8_file_whose_header_says_another_charset_is_refused_not_garbled(tmp_path, charset):
    """It was decoded as Latin-1 ('cafÃ©') and rewritten so, the garbling made permanent."""
    error = refusal(tmp_path, po(charset))
    assert error.line == 3
    assert error.message.startswith(f"the header says charset={charset} but the file is UTF-8: 'café' (line 6)")
    assert "set charset=UTF-8" in error.message


def test_a_plain_ascii_file_may_name_any_charset_and_is_written_back_as_utf8(tmp_path):
    catalog = read_catalog(tmp_path / "x.po", po("ISO-8859-1").replace("é".encode(), b"e"))
    assert [m.string for m in catalog if m.id] == ["The cafe"]
    catalog.get("Le cafe", "s1").string = "Žilina’s café"  # what a later step may add: written as UTF-8
    from pipeline.catalogs.po import po_bytes
    written = po_bytes(catalog)
    assert b"charset=utf-8" in written and "Žilina’s café".encode() in written


def test_a_file_in_the_legacy_charset_its_header_names_is_refused_naming_the_line(tmp_path):
    error = refusal(tmp_path, po("ISO-8859-1", encoding="latin-1"))
    assert error.line == 6 and "the file is in ISO-8859-1, as its header says" in error.message


def test_a_utf8_header_over_invalid_bytes_is_refused_naming_the_line(tmp_path):
    error = refusal(tmp_path, po("UTF-8").replace(b"The caf\xc3\xa9", b"The caf\xe9"))
    assert error.line == 7 and error.message == "not valid UTF-8 (byte 0xe9)"


@pytest.mark.parametrize("charset", ["klingon", "base64"])
def test_an_unknown_charset_is_named_with_its_file_and_line(tmp_path, charset):
    """It was a LookupError out of Babel: a traceback and exit 1."""
    error = refusal(tmp_path, po(charset))
    assert str(error).startswith(str(tmp_path / "x.po") + ":3: the header names charset=" + charset)


def test_a_utf8_bom_is_dropped_and_lines_keep_their_numbers(tmp_path):
    """It was a "PO syntax error" on line 1."""
    catalog = read_catalog(tmp_path / "x.po", b"\xef\xbb\xbf" + po("UTF-8"))
    assert [(m.string, m.lineno) for m in catalog if m.id] == [("The café", 6)]
    error = refusal(tmp_path, b"\xef\xbb\xbf" + po("UTF-8").replace(b'msgstr "The', b'msgstr The'))
    assert error.line == 7


def test_gettexts_charset_placeholder_is_utf8(tmp_path):
    assert [m.string for m in read_catalog(tmp_path / "x.po", po("CHARSET")) if m.id] == ["The café"]


def test_a_utf16_po_file_is_refused(tmp_path):
    assert "is UTF-16; save it as UTF-8" in refusal(tmp_path, po("UTF-16", encoding="utf-16")).message
