"""Check records (pipeline/checks/record.py): the checks the project has, run on a release's files, each
recorded with its validator, version, date and result; a check that cannot run gives no record (the
statement says "not checked"), never a passed one; the records as JSON and back."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import typst

from pipeline.checks import Report
from pipeline.checks.epub import AceReport, Violation
from pipeline.checks.record import (
    ACE,
    AUDIO,
    EPUBCHECK,
    EXPECTED,
    PDF_OWN,
    PDF_UA,
    CheckedFile,
    CheckRecord,
    files_of_release,
    read_records,
    records_json,
    run_checks,
)

FONTS = "/usr/share/fonts/truetype/dejavu"
NOW = dt.datetime(2024, 3, 5, 11, 0, tzinfo=dt.timezone.utc)
TAGGED = b"""#set document(title: "Checked release", author: "OSCE")
#set text(font: "DejaVu Sans", lang: "fr")
= Checked release
Un paragraphe de texte.
"""
UNTAGGED = b"""#set text(font: "DejaVu Sans")
Some text, no title, no language, no tags.
"""


def compile_pdf(source: bytes, **options) -> bytes:
    compiler = typst.Compiler(font_paths=[FONTS], ignore_system_fonts=True)
    return compiler.compile(input=source, timestamp=NOW, **options)


@pytest.fixture
def pdfs(tmp_path) -> dict[str, Path]:
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(compile_pdf(TAGGED, pdf_standards=["ua-1"]))
    bad.write_bytes(compile_pdf(UNTAGGED, pdf_tags=False))
    return {"good": good, "bad": bad}


def test_a_pdf_ua_file_passes_both_pdf_checks(pdfs):
    records = run_checks([CheckedFile("fr", "pdf", pdfs["good"], "fr/good.pdf", title="Checked release")], now=NOW)
    assert [(r.validator, r.passed) for r in records] == [(PDF_UA, True), (PDF_OWN, True)]
    ua, own = records
    assert (ua.edition, ua.file, ua.lang, ua.date) == ("pdf", "fr/good.pdf", "fr", "2024-03-05T11:00:00+00:00")
    assert ua.version and ua.version[0].isdigit() and ua.summary == "0 failed rules"
    assert own.version.startswith(tuple("0123456789")) and "pypdf" in own.version
    assert own.summary == "8 of 8 checks passed"


def test_an_untagged_pdf_fails_both_and_says_why(pdfs):
    records = run_checks([CheckedFile("en", "pdf", pdfs["bad"], "en/bad.pdf")], now=NOW)
    assert [(r.validator, r.passed) for r in records] == [(PDF_UA, False), (PDF_OWN, False)]
    assert "failed rules" in records[0].summary and records[0].summary != "0 failed rules"
    assert "failed: tagged (/MarkInfo /Marked true)" in records[1].summary


def test_a_damaged_pdf_is_not_checked_rather_than_passed(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\nnot really\n")
    skipped: list[str] = []
    records = run_checks([CheckedFile("en", "pdf", damaged, "en/damaged.pdf")], now=NOW, skipped=skipped)
    assert all(not record.passed for record in records)
    assert PDF_UA not in {record.validator for record in records}  # the validator never ran
    assert any(PDF_UA in line for line in skipped)


def epub(path: Path) -> Path:
    """An EPUB that EPUBCheck refuses: a container without a rootfile."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", "<container/>")
    return path


@pytest.mark.skipif(shutil.which("java") is None, reason="EPUBCheck needs Java (Debian epubcheck)")
def test_epubcheck_is_recorded_and_ace_without_its_modules_is_not_checked(tmp_path):
    skipped: list[str] = []
    records = run_checks([CheckedFile("de", "epub", epub(tmp_path / "bad.epub"), "de/bad.epub")], now=NOW,
                         skipped=skipped)
    assert [(r.validator, r.passed) for r in records] == [(EPUBCHECK, False)]
    assert records[0].version[0].isdigit() and "RSC-003" in records[0].summary
    assert skipped == ["de/bad.epub: DAISY Ace: not run: no node_modules folder with @daisy/ace given"]


def test_ace_results_are_recorded(tmp_path, monkeypatch):
    """Ace's outcome and violations (its run itself is tested with the EPUB edition)."""
    from pipeline.checks import epub as epub_checks

    modules = tmp_path / "node_modules"
    (modules / "@daisy" / "ace").mkdir(parents=True)
    (modules / "@daisy" / "ace" / "package.json").write_text(json.dumps({"version": "1.4.6"}))
    violation = Violation("content.xhtml", "color-contrast", "serious", "Low contrast")
    reports = iter([AceReport((), "pass", {}), AceReport((violation,), "fail", {})])
    monkeypatch.setattr(epub_checks, "run_ace", lambda path, node_modules: next(reports))
    monkeypatch.setattr(epub_checks, "run_epubcheck", lambda path: (_ for _ in ()).throw(FileNotFoundError("none")))
    files = [CheckedFile("de", "epub", tmp_path / "a.epub", "de/a.epub")] * 2
    records = run_checks(files, now=NOW, node_modules=modules)
    assert [(r.validator, r.version, r.passed) for r in records] == [(ACE, "1.4.6", True), (ACE, "1.4.6", False)]
    assert records[1].summary == "outcome fail, 1 violations; serious color-contrast in content.xhtml: Low contrast"


def test_audio_is_checked_only_with_its_word_count(tmp_path, monkeypatch):
    from pipeline.checks import audio as audio_checks

    seen = {}

    def check_mp3(data, words, title=None, language=None, chapters=None, path="MP3"):
        seen.update(words=words, language=language)
        report = Report(path)
        report.add("decodes", True)
        report.add("mono", False, "2 channels")
        return report

    monkeypatch.setattr(audio_checks, "check_mp3", check_mp3)
    mp3 = tmp_path / "a.mp3"
    mp3.write_bytes(b"ID3")
    skipped: list[str] = []
    records = run_checks([CheckedFile("ru", "audio", mp3, "ru/a.mp3", words=120),
                          CheckedFile("fr", "audio", mp3, "fr/a.mp3")], now=NOW, skipped=skipped)
    assert [(r.validator, r.lang, r.passed, r.summary) for r in records] == [
        (AUDIO, "ru", False, "1 of 2 checks passed; failed: mono (2 channels)")]
    assert seen == {"words": 120, "language": "rus"}
    assert skipped == [f"fr/a.mp3: {AUDIO}: not run: the number of words it should say is not known"]


def test_editions_without_checks_give_no_record(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("text")
    assert run_checks([CheckedFile("en", "text", text, "en/a.txt")], now=NOW) == []
    assert set(EXPECTED) == {"pdf", "epub", "audio"}


def test_the_files_of_a_published_release(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "r.en.txt").write_text("Five words in this text.\n\nAnd three more.")
    entry = lambda lang, edition, path: SimpleNamespace(lang=lang, edition=edition, path=path)  # noqa: E731
    manifest = SimpleNamespace(
        release=SimpleNamespace(title="The title", lang="en"),
        files=(entry("en", "text", "en/r.en.txt"), entry("en", "pdf", "en/r.en.pdf"),
               entry("en", "audio", "en/r.en.mp3"), entry("fr", "pdf", "fr/r.fr.pdf"),
               entry("fr", "audio", "fr/r.fr.mp3"), entry("fr", "json", "fr/r.fr.json")))
    assert files_of_release(tmp_path, manifest) == [
        CheckedFile("en", "pdf", tmp_path / "en/r.en.pdf", "en/r.en.pdf", "The title", None),
        CheckedFile("en", "audio", tmp_path / "en/r.en.mp3", "en/r.en.mp3", "The title", 8),
        CheckedFile("fr", "pdf", tmp_path / "fr/r.fr.pdf", "fr/r.fr.pdf", None, None),
        CheckedFile("fr", "audio", tmp_path / "fr/r.fr.mp3", "fr/r.fr.mp3", None, None)]


def test_records_as_json_and_back():
    records = [CheckRecord("pdf", "fr/a.pdf", PDF_UA, "0.11.0", NOW.isoformat(), True, "0 failed rules", "fr"),
               CheckRecord("epub", "fr/a.epub", ACE, "1.4.6", NOW.isoformat(), False, "outcome fail — «ü»", "fr")]
    data = records_json(records)
    assert read_records(data) == records
    assert records_json(read_records(data)) == data
    assert json.loads(data)["records_version"] == 1
    for bad in (b"", b"[]", b'{"records_version": 2, "records": []}', b'{"records_version": 1}',
                b'{"records_version": 1, "records": [{"edition": "pdf"}]}',
                json.dumps({"records_version": 1, "records": [{**json.loads(data)["records"][0],
                                                               "passed": "yes"}]}).encode()):
        with pytest.raises(ValueError):
            read_records(bad)
