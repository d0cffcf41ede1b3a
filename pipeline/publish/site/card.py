"""The card image of a public page, for link previews (og:image, twitter:image):
1200 × 630 px, PNG, made by Typst without the network.

It shows the page's title in its language, the organisation, and the
dateline (the JSON edition's, else the publication date in the language's
long form, from CLDR), white on the site's blue (#00457c, 10:1). The title's
size shrinks until it fits (64 pt down to 30 pt; a longer one is cut with an
ellipsis first). The texts reach Typst as JSON data (`sys.inputs`), never
as markup, so a `#` or `[` in a title prints as itself. Fonts are the PDF
edition's: its compiler and its font families in their order
(editions/pdf.py `compiler`, editions/fonts.py `font_list`: DejaVu Sans from
`fonts-dir`, then the fallback chain for Hebrew, Arabic, CJK and emoji;
system fonts ignored), so a card sets the scripts the PDF edition sets.

`Card.alt` says in the page's language what the image shows ("Title —
Organisation, VIENNA, 5 March 2024"). The same inputs give the same bytes
(Typst's PNG has no date); the file name carries a hash of them
(`card_path`), so a changed card gets a new address and previews refresh.
`card_pdf` draws the same card as a PDF, whose text can be read back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import typst
from babel.dates import format_date

from ...editions.fonts import FALLBACK_FONTS, FallbackFont, font_list
from ...editions.pdf import compiler
from ...errors import PipelineError
from ...languages import language
from ...localise.labels import N_, load_labels
from .pages import Image, PublicPage, shorten

WIDTH, HEIGHT = 1200, 630  # pixels: the size link previews ask for (1.91:1)
MEDIA_TYPE = "image/png"
TITLE_LENGTH = 220  # characters; a longer title is cut at a word, with an ellipsis
ALT_TEXT = N_("%(title)s — %(organisation)s, %(dateline)s")

# One Typst point is one pixel at 72 pixels per inch.
TEMPLATE = b"""
#let data = json(bytes(sys.inputs.data))
#let blue = rgb("#00457c")
#set page(width: 1200pt, height: 630pt, margin: (x: 72pt, y: 60pt), fill: blue)
// The PDF edition's font families (editions/fonts.py), in its order.
#set text(font: data.fonts, fill: white, lang: data.lang, dir: if data.dir == "rtl" { rtl } else { ltr },
  hyphenate: false)
#set par(justify: false, leading: 0.2em)

// The title's lines measured from ascender to descender: what is clipped is never a letter's tail.
#let title-area = (width: 1056pt, height: 370pt)
#let title-text(size, body) = text(size: size, weight: "bold", top-edge: "ascender", bottom-edge: "descender", body)
#let fitted(body) = context {
  let sizes = (64pt, 58pt, 52pt, 46pt, 40pt, 35pt, 30pt)
  let chosen = sizes.last()
  for size in sizes {
    let shape = measure(block(width: title-area.width, title-text(size, body)))
    if shape.height <= title-area.height {
      chosen = size
      break
    }
  }
  block(width: title-area.width, height: title-area.height, clip: true,
    align(horizon, title-text(chosen, body)))
}

#rect(width: 96pt, height: 8pt, fill: white, stroke: none)
#v(12pt)
#text(size: 30pt, weight: "bold", data.organisation)
#v(1fr)
#fitted(data.title)
#v(1fr)
#text(size: 28pt, data.dateline)
"""


@dataclass(frozen=True)
class Card:
    png: bytes
    alt: str  # what the card shows, in the page's language
    width: int = WIDTH
    height: int = HEIGHT
    media_type: str = MEDIA_TYPE

    @property
    def name(self) -> str:
        """`card.<hash>.png`: a new name when the card changes."""
        return f"card.{hashlib.sha256(self.png).hexdigest()[:12]}.png"


def dateline(page: PublicPage) -> str:
    """The JSON edition's dateline, else the publication date as the language writes it."""
    if page.dateline:
        return page.dateline
    return format_date(page.published.date(), format="long", locale=language(page.lang).locale)


def card_data(page: PublicPage, chain: tuple[FallbackFont, ...] = FALLBACK_FONTS) -> dict:
    return {"lang": page.lang, "dir": language(page.lang).direction, "fonts": families(chain),
            "title": shorten(" ".join(page.title.split()), TITLE_LENGTH), "organisation": page.organisation,
            "dateline": dateline(page)}


def families(chain: tuple[FallbackFont, ...]) -> list[str]:
    """The font families of the PDF edition's list (fonts.font_list: names, or {"name", "script"})."""
    return [font if isinstance(font, str) else font["name"] for font in font_list(chain)]


def alt_text(page: PublicPage, locales: Iterable[Path] = ()) -> str:
    labels = load_labels(page.lang, list(locales))
    return labels.gettext(ALT_TEXT) % {"title": " ".join(page.title.split()), "organisation": page.organisation,
                                       "dateline": dateline(page)}


def render_card(page: PublicPage, fonts_dir: str | Path, locales: Iterable[Path] = (),
                chain: tuple[FallbackFont, ...] = FALLBACK_FONTS) -> Card:
    """The page's card as a PNG, with its alt text; `fonts_dir` and `chain` as the PDF edition's
    (the `fonts-dir` setting, `EditionSettings.fallback_fonts`)."""
    png = _compile(page, fonts_dir, chain, "png")
    return Card(png, alt_text(page, locales))


def card_pdf(page: PublicPage, fonts_dir: str | Path, chain: tuple[FallbackFont, ...] = FALLBACK_FONTS) -> bytes:
    """The same card as a one-page PDF (its text can be extracted, unlike the PNG's)."""
    return _compile(page, fonts_dir, chain, "pdf")


def _compile(page: PublicPage, fonts_dir: str | Path, chain: tuple[FallbackFont, ...], format: str) -> bytes:
    data = json.dumps(card_data(page, chain), ensure_ascii=False)
    options = {"ppi": 72} if format == "png" else {"timestamp": page.published}
    where = f"card image of {page.release_id} ({page.lang})"
    try:
        result = compiler(str(fonts_dir), tuple(chain)).compile(input=TEMPLATE, format=format,
                                                               sys_inputs={"data": data}, **options)
    except typst.TypstError as error:
        first_line = (str(error).strip().splitlines() or ["unknown error"])[0]
        raise PipelineError(f"{where}: Typst: {first_line}") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - a panic in Typst's Rust (pyo3's PanicException)
        first_line = next((line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__)
        raise PipelineError(f"{where}: Typst failed ({first_line})") from None
    return result[0] if isinstance(result, list) else result


def card_path(page: PublicPage, card: Card) -> str:
    """Where the card goes in the output folder: beside the page, `<id>/<lang>/card.<hash>.png`."""
    return f"{page.release_id}/{page.lang}/{card.name}"


def with_card(page: PublicPage, card: Card, url: str) -> PublicPage:
    """The page with its card as its preview image (`url`: the card's absolute address)."""
    return dataclasses.replace(page, image=Image(url, card.alt, card.width, card.height, card.media_type))
