"""pipeline/publish/site/cover.py: the cover art for podcast directories, drawn or the project's own."""

import struct

import pytest

from pipeline.publish.site.cover import cover_image, drawn_cover

from ...conftest import write


def test_the_drawn_cover_is_a_square_png_for_podcast_directories(tmp_path):
    data = drawn_cover()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1400, 1400) and data == drawn_cover()
    jpeg = tmp_path / "cover.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 16)
    assert cover_image(jpeg) == (jpeg.read_bytes(), "jpg") and cover_image(None) == (data, "png")
    with pytest.raises(ValueError):
        cover_image(write(tmp_path / "cover.svg", "<svg/>"))
