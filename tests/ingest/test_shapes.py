"""Every shape a press office writes: the corpus under tests/data/shapes/ (each gives its expected
text edition, and loses no number, address or sentence), passages in another language, and unknown
front-matter keys in the JSON edition. The bundled example in .docx/.odt/.html/.eml is in
test_formats.py; each module's own tests are in test_<module>.py."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.catalogs.catalog import Translation
from pipeline.editions import render
from pipeline.editions.reading import NoteNumbers
from pipeline.editions.text import SUPERSCRIPT, without_label
from pipeline.ingest import read_release
from pipeline.ingest.conservation import source_tokens
from pipeline.ingest.mail import forwarded
from pipeline.release import Labels, TranslationStatus, block_kind
from pipeline.segment import rebuild, segment_release
from pipeline.localise import localise_target

from ..conftest import EXAMPLE, EXAMPLES, SEEDS, write
from .conftest import SHAPES, corpus, foreign_runs, text_edition

CORPUS = corpus()  # Markdown, and a Word document (read through pandoc)
# The checks on the source's own text read it as Markdown.
ALL_SOURCES = [*(p for p in CORPUS if p.suffix == ".md"), *sorted(EXAMPLES.glob("*.md")), *sorted(SEEDS.glob("*.md"))]
TARGETS = ("fr", "de", "it", "ru", "es")
FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def test_the_corpus_has_every_shape():
    assert len(CORPUS) >= 12
    for path in CORPUS:
        assert path.with_suffix(".expected.txt").is_file(), f"{path.name} has no expected text edition"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_shape_gives_its_expected_text_edition(path):
    assert text_edition(path) == path.with_suffix(".expected.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: p.stem)
def test_text_edition_holds_every_url_email_phone_and_number(path):
    """The acceptance test: nothing that a reader may need to call, click or quote is lost."""
    source = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    body = re.sub(r"\A\s*---\n.*?\n---\n", "", source, flags=re.DOTALL)  # front matter is metadata
    body = forwarded(body).markdown  # so is a forwarded message's header block (ingest/mail.py)
    edition = text_edition(path)
    # An address at a sentence's end, or in parentheses, ends before the sentence's punctuation.
    # A footnote's mark [^2] is its number in superscript there (², as a separate number too: "m²" stays).
    marks = re.sub("[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: " " + m[0].translate(FROM_SUPERSCRIPT) + " ", edition)
    edition_tokens = {t.casefold().rstrip(".,;:)") for text in (edition, marks) for t in
                      re.findall(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[^\W_]+", text)}
    written_date = numeric_dateline_date(read_release(path), body, edition)
    for token in source_tokens(body):
        if token.text[0].isdigit() or "@" in token.text or token.text.startswith("http"):
            if (token.line, token.text) in written_date:
                continue
            assert token.text.rstrip(".,;:") in edition_tokens, f"{path.name}:{token.line}: {token.written!r} lost"


def numeric_dateline_date(release, body: str, edition: str) -> set[tuple[int, str]]:
    """(line, number) for the numbers of a dateline's numeric date ("Strasbourg 18/10/2023",
    "27.03.2023"), which the edition writes in words ("18 October 2023") — when it does."""
    date = release.dateline.date if release.dateline else None
    if date is None or f"{date.day} {date:%B %Y}" not in edition:
        return set()
    found = set()
    for line, text in enumerate(body.splitlines(), 1):
        for match in re.finditer(r"\b(\d{1,2})([./])(\d{1,2})\2(\d{4})\b", text):
            if (int(match[1]), int(match[3]), int(match[4])) == (date.day, date.month, date.year):
                found |= {(line, match[1]), (line, match[3]), (line, match[4])}
    return found


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: p.stem)
def test_every_source_sentence_is_in_the_text_edition(path):
    """Each sentence of the body, its words in order, is in the edition (links numbered, spaces folded)."""
    release = read_release(path)
    edition = re.sub(r" \[\d+\]", "", text_edition(path))
    words = " ".join(re.findall(r"[^\W_]+", edition))
    numbers = NoteNumbers(release.notes).numbers
    for block in release.blocks:
        for part in block.parts:
            # A footnote mark is its number in superscript (¹), a picture's credit says "Photo:" once.
            text = "".join(numbers[run.note].translate(SUPERSCRIPT) if run.note else run.text for run in part)
            if block_kind(block) == "figure" and part is block.credit:
                text = without_label(text, "Photo")
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                expected = " ".join(re.findall(r"[^\W_]+", sentence))
                assert expected in words, f"{path.name}: {sentence!r}"


# --- line endings and a byte-order mark --------------------------------------------------


def test_crlf_and_bom_read_like_the_plain_file(tmp_path):
    path = tmp_path / "example.md"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert text_edition(path) == text_edition(EXAMPLE)


# --- passages in another language ---------------------------------------------------------


def test_foreign_passages_are_not_sent_to_translation():
    release = read_release(SHAPES / "foreign-passages.md")
    segments = " ".join(segment.text for segment in segment_release(release).segments)
    for run in foreign_runs(release):
        assert run.text not in segments
    assert "La liberté" not in segments and "Wahrheit" not in segments and "Свобода" not in segments


@pytest.mark.parametrize("lang", TARGETS)
def test_foreign_quotation_is_byte_identical_in_every_target_language(lang):
    release = read_release(SHAPES / "foreign-passages.md")
    segmentation = segment_release(release)
    # A translation that keeps the tags, one that loses them, and an untranslated segment.
    translations = []
    for number, segment in enumerate(segmentation.segments):
        tags = "".join(re.findall(r"<\d+></\d+>", segment.text))
        text = "" if number == 1 else f"[{lang}] {number} {tags}" if number % 2 else f"[{lang}] {number}"
        translations.append(Translation(segment.id, text, "machine" if text else "untranslated"))
    localised = localise_target(release, segmentation, lang, tuple(translations),
                                TranslationStatus(source=False, segments=len(translations)), Labels(lang))
    edition = render("text", localised).data.decode("utf-8")
    for run in foreign_runs(release):
        assert edition.count(run.text) == 1, run.text
    runs = {(run.text, run.lang) for block in localised.blocks for part in block.parts for run in part}
    assert {(run.text, run.lang) for run in foreign_runs(release)} <= runs


def test_rebuild_of_untouched_foreign_release_is_identity():
    release = read_release(SHAPES / "foreign-passages.md")
    segmentation = segment_release(release)
    assert rebuild(release, segmentation, {}, release.lang) == release


# --- front matter the pipeline does not use ------------------------------------------------


def test_unknown_keys_reach_the_json_edition(project, cli):
    source = write(project / "release.md", (SHAPES / "front-matter-lenient.md").read_text(encoding="utf-8"))
    code, out, err = cli("run", source, "--langs", "en", "--editions", "json")
    assert code == 0 and "note:" in err  # the warning is shown
    (data,) = (project / "outputs").glob("*/en/*.json")
    assert json.loads(data.read_text())["extra"] == {"author": "Jana Novak", "tags": "media, transparency"}
