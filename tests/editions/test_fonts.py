"""pipeline/editions/fonts.py: the PDF's fonts (DejaVu Sans and the fallback chain), which characters
each has, what becomes of a character none has, right-to-left runs and emoji sequences; and the
acceptance test of issue 24: every character a release can hold is publishable, in every edition."""

from __future__ import annotations

import dataclasses
import io
import json
import os
from pathlib import Path

import pypdf
import pytest
import typst
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.pdf import check_pdf, normalise_space, structure_text
from pipeline.editions import EditionSettings, render
from pipeline.editions.fonts import (
    BASE_FAMILY,
    FALLBACK_FONTS,
    coverage,
    font_list,
    missing_characters,
    refuse_missing_fonts,
    right_to_left_font,
    separate_characters,
    stand_in,
)
from pipeline.errors import PipelineError
from pipeline.ingest import read_release
from pipeline.localise import localise_source
from pipeline.release import Labels, Run
from pipeline.segment import segment_release

from ..conftest import run_in_new_project
from ..ingest.conftest import SHAPES

DEJAVU = EditionSettings().fonts_dir
# The shapes of issue 24: names and quotations in Hebrew and Arabic, Chinese, Japanese and Korean names,
# a social-media advisory with emoji (a flag, a skin tone, a ZWJ sequence).
SCRIPTS = [SHAPES / "joint-statement-hebrew-arabic.md", SHAPES / "odihr-cjk-names.md",
           SHAPES / "social-media-advisory-emoji.md"]


@pytest.fixture(scope="module", autouse=True)
def fonts_installed():
    missing = [font.path for font in FALLBACK_FONTS if not Path(font.path).is_file()]
    if missing:
        message = f"the PDF's fallback fonts are not installed ({', '.join(missing)}): run make setup"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def localised(path: Path):
    release = read_release(path)
    return localise_source(release, segment_release(release), Labels(release.lang))


def without(*families: str) -> EditionSettings:
    """Settings whose chain lacks `families` (their files named but not there: not installed)."""
    return EditionSettings(fallback_fonts=tuple(
        dataclasses.replace(font, path=f"/nonexistent/{Path(font.path).name}") if font.family in families else font
        for font in FALLBACK_FONTS))


# --- the fonts -------------------------------------------------------------------------------


def test_each_font_of_the_chain_is_named_as_typst_names_it():
    for font in FALLBACK_FONTS:
        found = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                            font_paths=[str(Path(font.path).parent)]).fonts()
        assert any(info.family == font.family and info.path == font.path for info in found), font
    assert font_list(FALLBACK_FONTS)[0] == BASE_FAMILY == "DejaVu Sans"


def test_coverage_is_read_from_each_fonts_cmap():
    dejavu = coverage(f"{DEJAVU}/DejaVuSans.ttf")
    assert {ord(c) for c in "Aßж₽ש"} <= dejavu and ord("田") not in dejavu and ord("📢") not in dejavu
    fonts = {font.family: coverage(font.path) for font in FALLBACK_FONTS}
    assert {ord(c) for c in "田中由紀李伟김민준カタカナ」"} <= fonts["WenQuanYi Micro Hei"]  # a collection's first font
    assert {ord(c) for c in "📢📺✅⭐👋🏽👩💻"} | {0x1F1F2, 0x1F1F9} <= fonts["Symbola"]
    assert ord("🥲") not in fonts["Symbola"]  # Unicode 13: newer than Symbola
    assert {ord(c) for c in "عمر حداد،"} <= fonts["Noto Sans Arabic"] and ord("ש") in fonts["Noto Sans Hebrew"]


def test_a_right_to_left_run_is_set_in_one_font():
    # Arabic: Noto Sans Arabic has every letter, space and the Arabic comma; Hebrew with a comma: Noto Sans
    # Hebrew has no comma, DejaVu Sans has it all. Nothing right-to-left: no font of its own.
    assert right_to_left_font("عمر حداد، في", DEJAVU, FALLBACK_FONTS) == "Noto Sans Arabic"
    assert right_to_left_font("שלום לכולם, אנחנו", DEJAVU, FALLBACK_FONTS) == "DejaVu Sans"
    assert right_to_left_font("שלום לכולם", DEJAVU, FALLBACK_FONTS) == "Noto Sans Hebrew"
    assert right_to_left_font("Cohen 田中", DEJAVU, FALLBACK_FONTS) is None


def test_the_symbols_of_an_emoji_sequence_are_set_apart():
    text = "Malta 🇲🇹, 👋🏽 and 👩\u200d💻 ❤\ufe0f"
    assert [text[i] for i in separate_characters(text)] == ["🇲", "🇹", "👋", "🏽", "👩", "\u200d", "💻", "❤", "\ufe0f"]
    assert separate_characters("عمر\u200dحداد 田中 plain") == []  # a ZWJ in Arabic joins letters: kept


def test_a_character_no_font_has_is_shown_by_its_name_with_a_warning():
    missing = missing_characters(["reactions 🥲 and 🫶 ✅ 田中 שלום"], DEJAVU, FALLBACK_FONTS)
    assert missing.characters == ("🥲", "🫶") and not missing.absent
    assert stand_in("🥲") == "[smiling face with tear]" and stand_in("\u3000") == " "
    release = localised(SHAPES / "social-media-advisory-emoji.md")
    release = dataclasses.replace(release, title=release.title + " 🥲")
    rendered = render("pdf", release)
    assert rendered.warnings == (f"PDF edition of {release.release_id} (en): no font has 🥲 (U+1F972 SMILING FACE "
                                 "WITH TEAR): shown as [smiling face with tear]",)
    report = check_pdf(rendered.data, lang="en", title=release.title)  # the metadata keep the title as written
    assert report.passed, report.format()
    assert "[smiling face with tear]" in normalise_space(structure_text(pypdf.PdfReader(io.BytesIO(rendered.data))).text)


def test_without_a_fallback_font_the_edition_names_the_package_to_install():
    """A character no installed font has, while a font of the chain is not installed: one line naming
    the Debian package, not a panic and not a refusal from Typst."""
    with pytest.raises(PipelineError) as raised:
        render("pdf", localised(SHAPES / "odihr-cjk-names.md"), without("WenQuanYi Micro Hei"))
    message = str(raised.value)
    assert "\n" not in message and message.startswith("fonts: no installed font has 田 (U+7530 CJK UNIFIED")
    assert "install the Debian package fonts-wqy-microhei (Chinese, Japanese and Korean;" in message
    with pytest.raises(PipelineError, match="fonts-symbola"):
        refuse_missing_fonts(missing_characters(["📢"], DEJAVU, without("Symbola").fallback_fonts))
    # Hebrew and Arabic letters DejaVu Sans has are set in it when Noto's are missing.
    rendered = render("pdf", localised(SCRIPTS[0]), without("Noto Sans Hebrew", "Noto Sans Arabic"))
    assert check_pdf(rendered.data).passed and not rendered.warnings
    with pytest.raises(PipelineError, match="fonts-dejavu-core"):
        render("pdf", localised(SCRIPTS[0]), EditionSettings(fonts_dir="/nonexistent"))


# --- right-to-left text in the PDF ------------------------------------------------------------


@given(st.lists(st.sampled_from(["שלום", "לכולם", "عمر", "حداد", "السلام", "Cohen", "said", "2024", "1,200", " ",
                                 " ", ",", ".", "(", ")", "«", "»", "“", "”", ":", "-", "📢", "🇲🇹", "👋🏽",
                                 "👩\u200d💻", "田中", "김민준", "\u200f", "\u202e"]), min_size=1, max_size=14))
@settings(max_examples=60, deadline=None, database=None, derandomize=bool(os.environ.get("CI")))
def test_any_mix_of_scripts_makes_a_pdf_that_passes_pdf_ua(parts):
    """Typst 0.15 panicked on right-to-left text set without kerning (krilla: "byte range starts at 2
    but ends at 0"): any mix of Hebrew, Arabic, Latin, digits, neutral characters, CJK, emoji and
    direction controls now makes a PDF that passes every check."""
    text = "".join(parts).strip() or "x"
    release = localised(SCRIPTS[0])
    index = next(i for i, block in enumerate(release.blocks) if getattr(block, "runs", None))
    blocks = (*release.blocks[:index], dataclasses.replace(release.blocks[index], runs=(Run(text),)),
              *release.blocks[index + 1:])
    rendered = render("pdf", dataclasses.replace(release, blocks=blocks))
    report = check_pdf(rendered.data)
    assert report.passed, report.format()


def test_right_to_left_runs_read_in_logical_order_and_a_right_to_left_paragraph_is_set_so():
    release = localised(SCRIPTS[0])
    rendered = render("pdf", release)
    text = render("text", release).data.decode("utf-8")
    report = check_pdf(rendered.data, lang="en", title=release.title, text=text)
    assert report.passed, report.format()
    reader = pypdf.PdfReader(io.BytesIO(rendered.data))
    read = normalise_space(structure_text(reader).text)
    for passage in ("Yael Cohen (יעל כהן), Director", "Omar Haddad (عمر حداد), adviser", "“שלום לכולם”, said Ms Cohen",
                    "«نحن هنا من أجل الحوار ومن أجل حماية المدنيين في كل مكان»"):
        assert passage in read
    # Typst writes right-to-left glyphs in visual order, marked /ReversedChars (read back above).
    assert b"/ReversedChars" in reader.pages[0].get_contents().get_data()
    # The Arabic paragraph is mainly right-to-left: it is set right to left, ending at the left margin
    # (the first glyph drawn is its last word's, at the right); its passage is tagged /Lang ar.
    assert ("/P", "ar", "«نحن هنا من أجل الحوار ومن أجل حماية المدنيين في كل مكان»") in structure_text(reader).passages
    from pipeline.editions.pdf import document_data
    from pipeline.editions.fonts import ready_text

    data = document_data(release, EditionSettings())
    ready_text(data, EditionSettings())
    directions = [block.get("dir") for block in data["blocks"] if block["kind"] == "paragraph"]
    assert directions == [None, None, "rtl", None, None], directions


# --- every edition ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The three shapes, in English and Spanish (Apertium), in the text, PDF, EPUB, JSON, audio and braille
    editions."""
    project = tmp_path_factory.mktemp("scripts-project")
    (project / "release-pipeline.toml").write_text('engine = "apertium"\n', encoding="utf-8")
    return run_in_new_project(project, *SCRIPTS, "--langs", "es", "--editions", "text,pdf,epub,json,audio,braille")


def test_every_character_is_publishable_in_every_edition(published, cli):
    """Issue 24: Hebrew, Arabic, CJK and emoji releases publish every edition, and each PDF passes
    `release-pipeline check` (PDF/UA-1, and the text in structure order equals the text edition)."""
    manifests = sorted(published.glob("*/manifest.json"))
    assert len(manifests) == 3
    for manifest in manifests:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        editions = {(entry["edition"], entry["lang"]) for entry in entries}
        assert {(kind, lang) for kind in ("text", "pdf", "epub", "json", "audio", "braille")
                for lang in ("en", "es")} <= editions, manifest
        for entry in entries:
            path = manifest.parent / entry["path"]
            assert path.stat().st_size > 0, path
            if entry["edition"] == "pdf":
                code, out, err = cli("check", path, "--lang", entry["lang"], "--text", path.with_suffix(".txt"))
                assert code == 0, out + err
    (english,) = published.glob("2024-03-12*/en/*.en.json")
    data = json.loads(english.read_text(encoding="utf-8"))
    assert "יעל כהן" in json.dumps(data, ensure_ascii=False) and "عمر حداد" in json.dumps(data, ensure_ascii=False)
