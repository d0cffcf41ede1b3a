"""pipeline/ingest/archives.py: a .docx/.odt zip bomb is refused from its members' sizes, before pandoc."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release

# --- zip bombs: a .docx/.odt is refused from its declared sizes, before pandoc unpacks it ----------


def zip_of(members: dict[str, int], level: int = 1) -> bytes:
    """A zip whose members are that many zero bytes each, deflated in chunks (300 MB takes 0.3 s)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, size in members.items():
            with archive.open(name, "w", force_zip64=size > 2**31) as member:
                for start in range(0, size, 1 << 20):
                    member.write(bytes(min(1 << 20, size - start)))
    return buffer.getvalue()


def refusal(path: Path) -> str:
    """The one-line refusal (the tests make pandoc fail loudly if it is called: it is not)."""
    with pytest.raises(InputError) as caught:
        read_release(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_a_zip_bomb_is_refused_in_one_line_before_pandoc_runs(tmp_path, suffix, monkeypatch):
    import pipeline.ingest.formats as formats

    monkeypatch.setattr(formats, "_run_pandoc", lambda *args: pytest.fail("pandoc was run on a zip bomb"))
    bomb = tmp_path / f"release{suffix}"
    bomb.write_bytes(zip_of({"word/document.xml": 300 << 20}))
    assert len(bomb.read_bytes()) < 2_000_000
    assert "looks like a zip bomb: 315 MB uncompressed in 1 member (at most 200 MB)" in refusal(bomb)


def test_a_member_that_expands_over_100_times_and_too_many_members_are_refused(tmp_path, monkeypatch):
    import pipeline.ingest.formats as formats

    monkeypatch.setattr(formats, "_run_pandoc", lambda *args: pytest.fail("pandoc was run on a zip bomb"))
    dense = tmp_path / "dense.docx"
    dense.write_bytes(zip_of({"word/document.xml": 1000, "word/media/image1.png": 50 << 20}))
    message = refusal(dense)
    assert "looks like a zip bomb: 52 MB uncompressed from" in message
    assert "in word/media/image1.png (" in message and ":1, at most 100:1 for a part over 1 MB)" in message
    many = tmp_path / "many.docx"
    many.write_bytes(zip_of({f"word/{index}.xml": 0 for index in range(10_001)}))
    assert "looks like a zip bomb: 10,001 members (at most 10,000)" in refusal(many)


def test_a_member_that_lies_about_its_size_is_refused(tmp_path, monkeypatch):
    """pandoc inflates the whole stream whatever the headers say: a 20 MB member declared as 1,000 bytes."""
    import struct

    import pipeline.ingest.formats as formats

    monkeypatch.setattr(formats, "_run_pandoc", lambda *args: pytest.fail("pandoc was run on a zip bomb"))
    data = bytearray(zip_of({"word/document.xml": 20 << 20}, level=9))
    struct.pack_into("<I", data, 22, 1000)  # the local header's uncompressed size
    struct.pack_into("<I", data, data.index(b"PK\x01\x02") + 24, 1000)  # the central directory's
    liar = tmp_path / "liar.docx"
    liar.write_bytes(bytes(data))
    assert "looks like a zip bomb: word/document.xml unpacks to more than the 1,000 bytes it declares" \
        in refusal(liar)


def test_a_docx_that_is_not_a_zip_is_refused_in_one_line(tmp_path):
    broken = tmp_path / "release.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert "is not a valid .docx file (not a readable zip archive: " in refusal(broken)
