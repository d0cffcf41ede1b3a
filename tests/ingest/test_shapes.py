"""Every shape and format a press office writes: the corpus under tests/data/shapes/,
the bundled example in .docx/.odt/.html/.eml, passages in another language, and
the content-conservation check."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path
import subprocess

import pytest

from pipeline.editions import render
from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.ingest.conservation import check_conservation, source_tokens
from pipeline.localise import localise_source
from pipeline.release import Labels, Paragraph, TranslationStatus
from pipeline.segment import rebuild, segment_release
from pipeline.translate.catalog import Translation
from pipeline.localise import localise_target

from ..conftest import EXAMPLE, EXAMPLES, SEEDS, write

SHAPES = Path(__file__).parents[1] / "data" / "shapes"
CORPUS = sorted(SHAPES.glob("*.md"))
ALL_SOURCES = [*CORPUS, *sorted(EXAMPLES.glob("*.md")), *sorted(SEEDS.glob("*.md"))]
TARGETS = ("fr", "de", "it", "ru", "es")
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc (Debian) is not installed")


def text_edition(path: Path) -> str:
    release = read_release(path)
    return render("text", localise_source(release, segment_release(release), Labels("en"))).data.decode("utf-8")


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
    edition = text_edition(path)
    edition_tokens = {t.casefold() for t in re.findall(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[^\W_]+", edition)}
    for token in source_tokens(body):
        if token.text[0].isdigit() or "@" in token.text or token.text.startswith("http"):
            assert token.text.rstrip(".,;:") in edition_tokens, f"{path.name}:{token.line}: {token.written!r} lost"


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: p.stem)
def test_every_source_sentence_is_in_the_text_edition(path):
    """Each sentence of the body, its words in order, is in the edition (links numbered, spaces folded)."""
    release = read_release(path)
    edition = re.sub(r" \[\d+\]", "", text_edition(path))
    words = " ".join(re.findall(r"[^\W_]+", edition))
    for block in release.blocks:
        for part in block.parts:
            for sentence in re.split(r"(?<=[.!?])\s+", "".join(run.text for run in part)):
                expected = " ".join(re.findall(r"[^\W_]+", sentence))
                assert expected in words, f"{path.name}: {sentence!r}"


# --- formats -------------------------------------------------------------------------


def pandoc_write(source: Path, target: Path, *options: str) -> Path:
    subprocess.run(["pandoc", "--from", "commonmark_x", "--to", target.suffix[1:],
                    *options, str(source), "-o", str(target)], check=True)
    return target


@needs_pandoc
@pytest.mark.parametrize("suffix", [".docx", ".odt", ".html", ".eml"])
def test_other_formats_of_the_example_give_the_same_text_edition(tmp_path, suffix):
    name = tmp_path / f"example{suffix}"
    if suffix == ".eml":
        page = pandoc_write(EXAMPLE, tmp_path / "page.html", "--standalone", "--metadata", "pagetitle=OSCE")
        message = EmailMessage()
        message["Subject"] = "OSCE Representative presents annual report"
        message["From"] = "press@osce.org"
        message.set_content("Read this message in HTML.")
        message.add_alternative(page.read_text(encoding="utf-8"), subtype="html")
        name.write_bytes(bytes(message))
    elif suffix == ".html":
        pandoc_write(EXAMPLE, name, "--standalone", "--metadata", "pagetitle=OSCE")
    else:
        pandoc_write(EXAMPLE, name)
    assert text_edition(name) == text_edition(EXAMPLE)


def test_plain_text_message_of_the_seed_gives_the_same_text_edition(tmp_path, seed):
    message = EmailMessage()
    message["Subject"] = "Deteriorating human rights situation in Belarus"
    message.set_content(seed.read_text(encoding="utf-8"))
    path = tmp_path / "seed.eml"
    path.write_bytes(bytes(message))
    assert text_edition(path) == text_edition(seed)


@needs_pandoc
def test_html_span_with_lang_and_curly_quotes_survive(tmp_path):
    page = tmp_path / "r.html"
    page.write_text('<html><body><p>PRESS RELEASE</p><h1>Award for “free media” – 2024</h1>'
                    '<p>VIENNA, 5 March 2024 – She quoted <span lang="fr">la liberté avant tout</span> today.</p>'
                    "</body></html>", encoding="utf-8")
    release = read_release(page)
    assert release.title == "Award for “free media” – 2024"
    runs = release.blocks[0].runs
    assert [(run.text, run.lang) for run in runs if run.lang] == [("la liberté avant tout", "fr")]


def test_crlf_and_bom_read_like_the_plain_file(tmp_path):
    path = tmp_path / "example.md"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert text_edition(path) == text_edition(EXAMPLE)


def test_unknown_suffix_is_read_as_markdown_and_a_broken_docx_names_the_file(tmp_path):
    broken = tmp_path / "release.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError) as caught:
        read_release(broken)
    assert str(caught.value).startswith(str(broken)) and "\n" not in str(caught.value)


# --- front matter ----------------------------------------------------------------------


@pytest.mark.parametrize("written, kind", [("Press release", "press-release"), ("PRESS RELEASE", "press-release"),
                                           ("Statement", "statement"), ("Media advisory", "media-advisory"),
                                           ("media_advisory", "media-advisory")])
def test_kind_in_any_case(tmp_path, written, kind):
    path = tmp_path / "r.md"
    path.write_text(f"---\nkind: {written}\n---\n# Title\n\nText.\n", encoding="utf-8")
    assert read_release(path).kind == kind


@pytest.mark.parametrize("written", ["2024-03-05", "5 March 2024", "March 5, 2024", "5 Mar. 2024"])
def test_dates_as_people_write_them(tmp_path, written):
    path = tmp_path / "r.md"
    path.write_text(f"---\ndate: {written}\nplace: vienna\nlang: en-GB\n---\n# Title\n\nText.\n", encoding="utf-8")
    release = read_release(path)
    assert release.dateline.date == dt.date(2024, 3, 5)
    assert release.dateline.places[0].timezone == "Europe/Vienna"
    assert release.lang == "en"


def test_unknown_keys_are_kept_and_warned_about():
    release = read_release(SHAPES / "front-matter-lenient.md")
    assert release.extra == (("author", "Jana Novak"), ("tags", "media, transparency"))
    assert [w.split(": note:")[0].rsplit(":", 1)[1] for w in release.warnings] == ["7", "8"]
    assert release.kind == "press-release" and release.title.startswith("OSCE Mission supports")


@pytest.mark.parametrize("front_matter, message, line", [
    ("title: x\nkind: '!!!'\n", "is not a kind of release", 3),
    ("title: x\n\ndate: 31 February 2024\n", "impossible date", 4),
    ("title: x\ndate: next Tuesday\n", "is not a date", 3),
    ("lang: 'en GB'\n", "is not a BCP 47 language tag", 2),
    ("title: [a, b]\n", "must be text", 2),
    ("date: 2024-02-01\nplace: TBILISI / WARSAW\ntimezone: Asia/Tbilisi\n", "one time zone per place", 4),
    ("title: x\nTitle: y\n", "given twice", 3),
])
def test_every_front_matter_refusal_names_file_and_line(tmp_path, front_matter, message, line):
    path = tmp_path / "r.md"
    path.write_text(f"---\n{front_matter}---\n# T\n\nText.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_release(path)
    assert message in caught.value.message and caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")


# --- contacts ----------------------------------------------------------------------------


def test_contacts_in_one_paragraph_keep_the_unit_and_its_phone():
    (contact,) = read_release(SHAPES / "contacts-one-paragraph.md").contacts
    assert contact.name.startswith("Public Affairs Unit") and contact.kind == "unit"
    assert [(p.kind, p.number) for p in contact.phones] == [("office", "+48 22 520 06 00")]
    assert contact.emails == ("PublicAffairs@odihr.pl",)


def test_several_people_inline_labels_titles_and_addresses():
    unit, jana, peter = read_release(SHAPES / "contacts-inline-several.md").contacts
    assert [(p.kind, p.number) for p in unit.phones] == [("phone", "+43 1 514 36 6000")]
    assert unit.emails == ("press@osce.org",)
    assert jana.name == "Jana Novak, Press Officer" and jana.kind == "person"
    assert [p.kind for p in jana.phones] == ["phone", "mobile", "fax"]
    assert jana.address == ("Wallnerstrasse 6, 1010 Vienna, Austria",)
    assert peter.emails == ("peter.weber@osce.org",)


def test_contacts_table_and_bullets():
    katya, ion = read_release(SHAPES / "contacts-table.md").contacts
    assert (katya.name, katya.address, katya.emails) == ("Katya Andrusz", ("Title: Spokesperson",),
                                                          ("katya.andrusz@odihr.pl",))
    assert ion.phones[0].number == "+373 22 887 809"
    (ana,) = read_release(SHAPES / "contacts-bullets.md").contacts
    assert ana.name == "Ana Petrovska, Project Officer"
    assert ana.address == ("Bulevar 8-mi Septemvri 16, 1000 Skopje",)
    assert [(p.kind, p.number) for p in ana.phones] == [("phone", "+389 2 323 4000"), ("mobile", "+389 70 123 456")]


# --- passages in another language ---------------------------------------------------------


def foreign_runs(release):
    return [run for block in release.blocks for part in block.parts for run in part if run.lang]


def test_foreign_passages_are_found_at_the_run_level_and_marked_ones_kept():
    release = read_release(SHAPES / "foreign-passages.md")
    assert [(run.lang, run.text.split()[1]) for run in foreign_runs(release)] == [
        ("fr", "La"), ("de", "Wahrheit"), ("ru", "слова"), ("fr", "continuerons")]
    english = [run for run in release.blocks[2].runs if not run.lang]
    assert "".join(run.text for run in english) == "“” the laureate said."


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


# --- the conservation check ----------------------------------------------------------------


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


def test_artefacts_are_not_content_but_a_long_paragraph_mentioning_them_is(tmp_path):
    path = tmp_path / "r.md"
    long = "Readers who unsubscribe " + "keep reading the news every day " * 12 + "end."
    path.write_text(f"# Title\n\nVIENNA, 5 March 2024 – Text.\n\n{long}\n\n[unsubscribe](#)\n", encoding="utf-8")
    release = read_release(path)
    assert "".join(run.text for run in release.blocks[-1].parts[0]) == long


def test_unknown_keys_reach_the_json_edition(project, cli):
    source = write(project / "release.md", (SHAPES / "front-matter-lenient.md").read_text(encoding="utf-8"))
    code, out, err = cli("run", source, "--langs", "en", "--editions", "json")
    assert code == 0 and "note:" in err  # the warning is shown
    (data,) = (project / "outputs").glob("*/en/*.json")
    assert json.loads(data.read_text())["extra"] == {"author": "Jana Novak", "tags": "media, transparency"}
