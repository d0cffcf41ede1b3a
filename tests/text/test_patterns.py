"""The shared patterns (pipeline/text/patterns.py) on the strings that tell URL, e-mail, phone and tag
patterns apart: what every variant agrees on, and where each keeps the boundary its module needs."""

import re

import pytest

from pipeline.ingest.conservation import source_tokens
from pipeline.text.patterns import (
    ADDRESS_MARK,
    BARE_URL,
    EMAIL,
    FIGURE,
    INLINE_TAG,
    LOOSE_URL,
    OPENING_TAG,
    PHONE,
    PHONE_AHEAD,
    PHONE_LINE,
    TAG_PAIR,
    URL,
    URL_WORD,
    VERBATIM_PHONE,
    VERBATIM_URL,
)

NBSP, NNBSP = "\u00a0", "\u202f"
ALL_URLS = {"URL": URL, "VERBATIM_URL": VERBATIM_URL, "URL_WORD": URL_WORD, "BARE_URL": BARE_URL}


def found(pattern, text):
    return [match.group(0) for match in pattern.finditer(text)]


@pytest.mark.parametrize("name", ALL_URLS)
@pytest.mark.parametrize("text", [
    "See https://www.osce.org/fom.",  # the sentence's full stop
    "See https://www.osce.org/fom, then",
    "(see https://www.osce.org/fom)",  # a closing bracket
    "See https://www.osce.org/fom; and",
    "See https://www.osce.org/fom: and",
])
def test_no_url_takes_the_punctuation_after_it(name, text):
    assert found(ALL_URLS[name], text) == ["https://www.osce.org/fom"]


def test_a_question_mark_after_a_url():
    for pattern in (URL, VERBATIM_URL, URL_WORD):
        assert found(pattern, "Is it https://www.osce.org/fom?") == ["https://www.osce.org/fom"]
    assert found(BARE_URL, "visit: https://www.osce.org/fom?") == ["https://www.osce.org/fom?"]  # it keeps a final "?"


def test_a_url_in_quotation_marks():
    assert found(URL, "“https://osce.org/en” and «https://osce.org/fr»") == [
        "https://osce.org/en", "https://osce.org/fr"]
    assert found(URL_WORD, "«https://osce.org/fr»") == ["https://osce.org/fr"]
    # The verbatim spans and the further-information line keep a "»" as part of the address.
    assert found(VERBATIM_URL, "«https://osce.org/fr»") == ["https://osce.org/fr»"]
    assert found(BARE_URL, "«https://osce.org/fr»") == ["https://osce.org/fr»"]
    assert found(URL, "'https://osce.org/x'") == ["https://osce.org/x"]
    assert found(URL_WORD, "'https://osce.org/x'") == ["https://osce.org/x'"]


def test_a_url_with_brackets_inside():
    text = "https://en.wikipedia.org/wiki/Vienna_(city) [https://osce.org/a]"
    assert found(URL, text) == ["https://en.wikipedia.org/wiki/Vienna_", "https://osce.org/a"]
    assert found(VERBATIM_URL, text) == ["https://en.wikipedia.org/wiki/Vienna_(city", "https://osce.org/a"]
    assert found(LOOSE_URL, text) == ["https://en.wikipedia.org/wiki/Vienna_(city)", "https://osce.org/a]"]


def test_markdown_bold_around_a_url_is_taken_with_it():
    """Markdown's bold is gone before the audio, protect.py, assemble.py and the conservation check see the
    text (the check reads markdown-it's text nodes: test_conservation_reads_a_bold_url_without_its_asterisks)."""
    for pattern in (URL, VERBATIM_URL, URL_WORD, BARE_URL):
        assert found(pattern, "**https://osce.org**") == ["https://osce.org**"]


def test_conservation_reads_a_bold_url_without_its_asterisks():
    """The check's words come from markdown-it's text nodes, where the bold's asterisks are syntax, gone."""
    words = [token.written for token in source_tokens("Visit **https://osce.org** today.")]
    assert words == ["Visit", "https://osce.org", "today"]
    assert found(URL_WORD, "Visit https://osce.org today.") == ["https://osce.org"]
    bold = [token.written for token in source_tokens("**The report: see https://example.org/report.pdf**")]
    assert bold[-1] == "https://example.org/report.pdf"


def test_www_addresses_and_what_is_not_an_address():
    assert found(URL, "at www.osce.org.") == ["www.osce.org"]
    assert found(VERBATIM_URL, "at www.osce.org.") == ["www.osce.org"]
    assert found(URL_WORD, "at www.osce.org.") == []  # three words for the conservation check
    assert found(LOOSE_URL, "at www.osce.org.") == ["www.osce.org."]  # fuzzy.spans strips the dot
    for pattern in ALL_URLS.values():
        assert found(pattern, "https:// and http://") == []
    assert found(URL, "https://a") == ["https://a"] and found(URL_WORD, "https://a") == []


def test_the_verbatim_url_stops_before_a_placeholder_and_a_tag():
    assert found(VERBATIM_URL, "https://osce.org/a⟦3⟧ and <1>https://osce.org/b</1>") == [
        "https://osce.org/a", "https://osce.org/b"]
    assert found(URL, "<1>https://osce.org/b</1>") == ["https://osce.org/b"]


@pytest.mark.parametrize("text, address", [
    ("Write to jana.novak+press@osce.org.", "jana.novak+press@osce.org"),
    ("press@osce.org, or", "press@osce.org"),
    ("<press@osce.org>", "press@osce.org"),
    ("mailto:press@odihr.osce.org?subject=x", "press@odihr.osce.org"),
    ("first_last-1@mission-to.example.co.uk)", "first_last-1@mission-to.example.co.uk"),
])
def test_email_addresses(text, address):
    assert found(EMAIL, text) == [address]


def test_no_email_address_without_a_dot_after_the_at():
    assert found(EMAIL, "user@localhost and @osce") == []


@pytest.mark.parametrize("number", [
    "+43 1 514 36 6000",
    f"+48{NBSP}22{NBSP}520{NBSP}06{NBSP}00",  # no-break spaces (a French edition's typography)
    f"+48{NNBSP}22{NNBSP}520 06 00",
    "+1 (202) 555-0101",
    "+49 (0)30 1234-5678",
    "+33.1.23.45.67.89",
    "+7/495/123-45-67",
])
def test_phone_numbers_in_running_text(number):
    assert found(PHONE, f"Call {number}, or write.") == [number]


def test_the_verbatim_phone_number_is_written_with_ordinary_spaces():
    assert found(VERBATIM_PHONE, "Call +43 1 514 36 6000, +33.1.23.45.67.89 or +1 (202) 555-0101.") == [
        "+43 1 514 36 6000", "+33.1.23.45.67.89", "+1 (202) 555-0101"]
    assert found(VERBATIM_PHONE, f"+48{NBSP}22{NBSP}520") == ["+48"]  # the rest are numbers to localise
    assert found(VERBATIM_PHONE, "+7/495/123") == [] and found(PHONE, "+7/495/123") == ["+7/495/123"]


@pytest.mark.parametrize("line, phone", [
    ("+43 1 514 36 6000", True),
    ("(022) 520-06-00", True),  # no country code: a contact line holds only the number
    ("022 520 06 00", True),
    ("+48 22/520.06.00", True),
    ("1010 Vienna", False),
    ("+43 1 514 36 6000 (office)", False),
])
def test_a_contact_line_that_is_a_phone_number(line, phone):
    assert bool(PHONE_LINE.match(line)) is phone


def test_where_a_phone_number_begins_after_a_comma():
    assert re.match(PHONE_AHEAD, "+43 664 123 4567") and re.match(PHONE_AHEAD, "(0)1 514 36")
    assert not re.match(PHONE_AHEAD, "1010 Vienna")


def test_figures_for_the_fuzzy_score():
    assert found(FIGURE, "1,248 attacks, 12.5%, +43 1 514 36 6000 in 2023") == [
        "1,248", "12.5%", "+43 1 514 36 6000", "2023"]
    assert found(FIGURE, "G20 and COVID-19 are names") == []


def test_inline_tags():
    text = "<1>Bold</1> and <2></2>, <12>x</12>; not <a>, <1 >, < 1>"
    assert [(m.group(1), m.group(2)) for m in INLINE_TAG.finditer(text)] == [
        ("", "1"), ("/", "1"), ("", "2"), ("/", "2"), ("", "12"), ("/", "12")]
    assert OPENING_TAG.findall(text) == ["1", "2", "12"]
    assert [m.groups() for m in TAG_PAIR.finditer(text)] == [("1", "Bold"), ("2", ""), ("12", "x")]
    assert TAG_PAIR.findall("<1>two\nlines</1>") == []  # one line at a time


@pytest.mark.parametrize("word, address", [
    ("https://osce.org/l'x", True), ("ftp://osce.org", True), ("www.l'osce.org", True), ("l'OSCE@osce", True),
    ("l'OSCE", False), ("aujourd'hui.", False), ("x.www.osce", False),
])
def test_a_word_that_is_an_address_keeps_its_apostrophes(word, address):
    assert bool(ADDRESS_MARK.search(word)) is address
