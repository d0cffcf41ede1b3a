"""The accessibility statement: made from the check records of the page's public editions, each check
listed with its result, "not checked" where no record is (never passed), a failed check changing the
statement; in the page's language, with the contact and procedure from the settings."""

from __future__ import annotations

import dataclasses

from lxml import html as lxml_html

from pipeline.checks.record import ACE, AUDIO, EPUBCHECK, PDF_OWN, PDF_UA, CheckRecord
from pipeline.publish.site.pages import Download
from pipeline.publish.site.statement import (
    FAILED,
    FULL,
    NONE,
    NOT_CHECKED,
    PARTIAL,
    PASSED,
    StatementSettings,
    accessibility_statement,
    statement_path,
)

from ...support.public_pages import BASE, FIRST, HOSTILE, first_release

CHECKED = "2024-03-05T11:00:00+00:00"


def page(lang: str = "en", **changes):
    found = next(p for p in first_release() if p.lang == lang)
    return dataclasses.replace(found, **changes)


def records(lang: str = "en", passed: dict[str, bool] | None = None, date: str = CHECKED) -> list[CheckRecord]:
    """Records of every check of the page's PDF and MP3, passed unless `passed` says otherwise."""
    passed = passed or {}
    folder = f"{lang}/{FIRST}.{lang}"
    return [CheckRecord(edition, f"{folder}.{extension}", validator, version, date, passed.get(validator, True),
                        summary, lang)
            for edition, extension, validator, version, summary in (
                ("pdf", "pdf", PDF_UA, "0.11.0", "0 failed rules"),
                ("pdf", "pdf", PDF_OWN, "1.0 (pypdf 6.1)", "8 of 8 checks passed"),
                ("audio", "mp3", AUDIO, "1.0 (mutagen 1.47)", "9 of 9 checks passed"))]


def rows(statement) -> list[tuple[str, str, str]]:
    return [(row.edition, row.validator, row.result) for row in statement.rows]


def test_each_check_is_listed_with_its_result():
    statement = accessibility_statement(page(), records())
    assert rows(statement) == [
        ("PDF edition", PDF_UA, PASSED), ("PDF edition", PDF_OWN, PASSED),
        ("Audio edition (MP3)", AUDIO, PASSED),
        ("Plain-text edition", "none", NOT_CHECKED)]  # no automated check for the text edition: said so
    pdf = statement.rows[0]
    assert (pdf.file, pdf.version, pdf.date, pdf.date_text, pdf.summary) == (
        f"{FIRST}.en.pdf", "0.11.0", CHECKED, "5 March 2024", "0 failed rules")
    assert statement.status == PARTIAL  # the text edition was not checked
    assert statement.problems == (
        f"Plain-text edition ({FIRST}.en.txt): no automated accessibility check exists for this edition; "
        "it has not been checked.",)
    text = statement.text()
    assert f"- PDF edition ({FIRST}.en.pdf): {PDF_UA} 0.11.0, 5 March 2024: passed (0 failed rules)" in text
    assert f"- Plain-text edition ({FIRST}.en.txt): none: not checked" in text


def test_the_statement_changes_when_a_check_fails():
    before = accessibility_statement(page(), records())
    after = accessibility_statement(page(), records(passed={PDF_UA: False}))
    assert after != before and after.html() != before.html()
    assert rows(after)[0] == ("PDF edition", PDF_UA, FAILED)
    assert after.rows[0].result_text == "failed"
    assert after.problems[0] == f"PDF edition ({FIRST}.en.pdf): {PDF_UA} found problems."
    assert after.status == PARTIAL
    # Every check that ran failed: not compliant.
    failing = records(passed={PDF_UA: False, PDF_OWN: False, AUDIO: False})
    assert accessibility_statement(page(), failing).status == NONE
    assert accessibility_statement(page(), failing).status_text.startswith("These editions are not compliant")


def test_a_check_that_did_not_run_is_not_checked_never_passed():
    statement = accessibility_statement(page(), [])
    assert {row.result for row in statement.rows} == {NOT_CHECKED}
    assert statement.status == PARTIAL
    assert f"PDF edition ({FIRST}.en.pdf): not checked by {PDF_UA}." in statement.problems
    assert "passed" not in statement.html()
    # Records of another language, or of an edition that is not public, are not this page's.
    assert accessibility_statement(page(), records("fr")).rows == statement.rows
    only_pdf = page(editions=page().editions[:1])
    assert [row.validator for row in accessibility_statement(only_pdf, records()).rows] == [PDF_UA, PDF_OWN]


def test_fully_compliant_only_when_every_edition_passed_every_check():
    checked = page(editions=page().editions[:2])  # PDF and MP3, no text edition
    assert accessibility_statement(checked, records()).status == FULL
    epub = Download("epub", f"{BASE}{FIRST}/en/{FIRST}.en.epub", "application/epub+zip", 1000)
    with_epub = page(editions=(*checked.editions, epub))
    statement = accessibility_statement(with_epub, records())
    assert rows(statement)[-2:] == [("EPUB edition", EPUBCHECK, NOT_CHECKED), ("EPUB edition", ACE, NOT_CHECKED)]
    assert statement.status == PARTIAL


def test_the_latest_run_of_a_check_counts_and_dates_the_statement():
    later = "2024-03-07T08:00:00+00:00"
    statement = accessibility_statement(page(), records(passed={PDF_UA: False}) + records(date=later))
    assert rows(statement)[0] == ("PDF edition", PDF_UA, PASSED)
    assert statement.date.isoformat() == "2024-03-07"
    assert statement.prepared == ("This statement was generated on 7 March 2024 from the checks run on "
                                  "this release’s editions.")
    assert accessibility_statement(page(), records()) == accessibility_statement(page(), records())


def test_in_the_pages_language_with_the_settings_contact_and_procedure():
    settings = StatementSettings(contact="accessibility@osce.org", enforcement="Write to the OSCE Ombudsperson.")
    french = accessibility_statement(page("fr"), records("fr"), settings)
    assert french.title == "Déclaration d’accessibilité"
    assert french.headings["status"] == "État de conformité"
    assert french.rows[0].edition == "Édition PDF" and french.rows[0].result_text == "réussie"
    assert french.rows[0].date_text == "5 mars 2024"
    assert "en français" in french.scope and "«\u202f" in french.scope
    assert french.contact_href == "mailto:accessibility@osce.org"
    assert french.enforcement == "Write to the OSCE Ombudsperson."
    spanish = accessibility_statement(page("es"), records("es"))
    assert spanish.title == "Declaración de accesibilidad" and spanish.contact == "OSCE"
    assert spanish.contact_href is None
    assert spanish.enforcement == "OSCE aún no ha descrito el procedimiento de aplicación que le corresponde."
    web = accessibility_statement(page(), [], StatementSettings(contact="https://www.osce.org/contact"))
    assert web.contact_href == "https://www.osce.org/contact"


def test_the_html_is_escaped_structured_and_marks_the_validators_english():
    hostile = page("fr", title=page("fr").title + HOSTILE)
    statement = accessibility_statement(hostile, records("fr", passed={PDF_OWN: False}),
                                        StatementSettings(contact="a11y@osce.org"))
    markup = str(statement.html())
    assert "<script>" not in markup and "<!--" not in markup
    tree = lxml_html.fragment_fromstring(markup)
    assert tree.tag == "section" and tree.get("lang") == "fr"
    assert [h.text_content() for h in tree.iter("h1", "h2")] == [
        "Déclaration d’accessibilité", "État de conformité", "Contenus non accessibles",
        "Vérifications effectuées sur ce communiqué", "Établissement de la présente déclaration",
        "Retour d’information et coordonnées", "Procédure de mise en œuvre"]
    assert HOSTILE in tree.text_content()
    headers = tree.xpath("//thead//th")
    assert [th.get("scope") for th in headers] == ["col"] * 7
    body = tree.xpath("//tbody/tr")
    assert len(body) == 4 and all(tr.xpath("th/@scope") == ["row"] for tr in body)
    assert body[1].get("class") == "failed" and body[1].xpath("td[@lang='en']/text()") == ["8 of 8 checks passed"]
    assert tree.xpath("//a/@href") == ["mailto:a11y@osce.org"]
    assert tree.xpath("//p/time/@datetime") == ["2024-03-05"]
    assert "Vérifications effectuées sur ce communiqué" in statement.text()
    assert statement_path(hostile) == f"{FIRST}/fr/accessibility.html"
    assert str(statement.html(level=2)).count("<h3>") == 6
