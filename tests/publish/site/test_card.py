"""The card image of a page: a 1200 × 630 PNG made by Typst, the same bytes for the same page, really
showing the localised title (no OCR here: the PDF drawn from the same template has the title as text,
another title gives another image, and the PNG is not blank), with alt text in the page's language."""

from __future__ import annotations

import dataclasses
import io
import struct
import zlib

import pypdf
import pytest

from pipeline.publish.site.card import HEIGHT, WIDTH, card_path, card_pdf, render_card, with_card

from ...support.public_pages import BASE, FIRST, first_release, second_release

FONTS = "/usr/share/fonts/truetype/dejavu"
BLUE = (0x00, 0x45, 0x7C)


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def png_pixels(data: bytes) -> list[bytes]:
    """The rows of an 8-bit RGB or RGBA PNG, unfiltered (PNG's five filters), without an imaging library."""
    width, height = png_size(data)
    depth, colour = data[24], data[25]
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 3 if colour == 2 else 4
    chunks, at = [], 8
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, corner = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                nearest = min((abs(estimate - left), 0, left), (abs(estimate - up), 1, up),
                              (abs(estimate - corner), 2, corner))[2]
                line[x] = (line[x] + nearest) & 0xFF
        rows.append(bytes(line))
        previous = line
    return [bytes(b for i, b in enumerate(row) if i % channels < 3) for row in rows]  # RGB only


def share_of_white(png: bytes) -> float:
    rows = png_pixels(png)
    white = sum(1 for row in rows for x in range(0, len(row), 3) if row[x] > 200 and row[x + 1] > 200 and row[x + 2] > 200)
    return white / (WIDTH * HEIGHT)


def pdf_text(data: bytes) -> str:
    return " ".join(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


@pytest.fixture(scope="module")
def pages():
    return {page.lang: page for page in first_release()}


def test_a_1200_by_630_png_the_same_bytes_every_time(pages):
    card = render_card(pages["fr"], FONTS)
    assert png_size(card.png) == (WIDTH, HEIGHT) == (1200, 630)
    assert (card.width, card.height, card.media_type) == (1200, 630, "image/png")
    assert render_card(pages["fr"], FONTS).png == card.png
    assert card.name.startswith("card.") and card.name.endswith(".png")


def test_the_card_is_blue_with_white_text_not_blank(pages):
    card = render_card(pages["fr"], FONTS)
    rows = png_pixels(card.png)
    assert rows[2][:3] == bytes(BLUE) and rows[-3][-3:] == bytes(BLUE)  # the corners: the background
    assert 0.03 < share_of_white(card.png) < 0.5  # text covers some of it


def test_the_title_is_on_the_card(pages):
    for lang in ("en", "fr", "es"):
        page = pages[lang]
        text = pdf_text(card_pdf(page, FONTS))
        assert page.title in text and "OSCE" in text and page.dateline in text
        other = dataclasses.replace(page, title=page.title + " (2)")
        assert render_card(other, FONTS).png != render_card(page, FONTS).png


def test_alt_text_says_what_it_shows_in_the_pages_language(pages):
    assert render_card(pages["fr"], FONTS).alt == f"{pages['fr'].title} — OSCE, VIENNE, 5 mars 2024"
    assert render_card(pages["en"], FONTS).alt == f"{pages['en'].title} — OSCE, VIENNA, 5 March 2024"
    # Without a dateline, the publication date in the language's long form.
    russian = dataclasses.replace(second_release()[0], lang="ru", title="Водная дипломатия в Центральной Азии")
    card = render_card(russian, FONTS)
    assert card.alt == "Водная дипломатия в Центральной Азии — OSCE, 10 апреля 2024\u202fг."
    assert "Водная дипломатия в Центральной Азии" in pdf_text(card_pdf(russian, FONTS))
    german = dataclasses.replace(second_release()[0], lang="de")
    assert render_card(german, FONTS).alt == "Water diplomacy in Central Asia – OSCE, 10. April 2024"


def test_typst_markup_in_a_title_prints_as_itself():
    page = dataclasses.replace(second_release()[0], title='#set page(fill: red) [*x*] $y$ "z" \\ // @ref')
    text = pdf_text(card_pdf(page, FONTS))
    assert page.title in text


def test_a_long_title_is_shortened_and_still_fits():
    page = dataclasses.replace(second_release()[0], title=" ".join(["Water diplomacy in Central Asia"] * 12))
    card = render_card(page, FONTS)
    assert png_size(card.png) == (1200, 630)
    text = pdf_text(card_pdf(page, FONTS))
    assert text.startswith("OSCE Water diplomacy") and "…" in text and text.endswith("10 April 2024")
    assert len(pypdf.PdfReader(io.BytesIO(card_pdf(page, FONTS))).pages) == 1


def test_the_card_as_the_pages_image(pages):
    card = render_card(pages["fr"], FONTS)
    path = card_path(pages["fr"], card)
    assert path == f"{FIRST}/fr/{card.name}"
    page = with_card(pages["fr"], card, BASE + path)
    assert page.image == (BASE + path, card.alt, 1200, 630, "image/png")
