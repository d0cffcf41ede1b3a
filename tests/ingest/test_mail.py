"""pipeline/ingest/mail.py: a release as people forward it from a mailbox (issue 23, item 6): Gmail's,
Outlook's and Apple Mail's header blocks taken away with the forwarder's note above them, the quoted
message unquoted, the Subject the title when the release gives none; as a raw export (.md) and as a
real message (.eml, made here with Python's `email` package), hard-wrapped at 72 columns."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from email.message import EmailMessage
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_release
from pipeline.ingest.mail import forwarded, title_from_subject
from pipeline.release import Paragraph, Quote, plain_text

from ..conftest import write
from .conftest import all_text

needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc (Debian) is not installed")


def wrap(text: str) -> str:
    """Each paragraph hard-wrapped at 72 columns, as a mail client sends plain text."""
    return "\n\n".join(textwrap.fill(paragraph, 72) if "\n" not in paragraph else paragraph
                       for paragraph in text.split("\n\n"))


RELEASE = wrap("""PRESS RELEASE

OSCE Mission supports new law on access to public information

SKOPJE, 5 March 2024 - The OSCE Mission to Skopje today welcomed the adoption of the new Law on Free Access to Public Information, which the Mission supported with expert advice over two years and with 14 workshops for 320 civil servants.

"Access to information is the backbone of accountability," said the Head of Mission. "We will keep supporting public institutions as they put the law into practice."

Contact:
Ana Petrovska, National Press Officer
Tel. +389 2 323 4000
Email: ana.petrovska@osce.org
""")
TITLE = "OSCE Mission supports new law on access to public information"
GMAIL = """---------- Forwarded message ---------
From: OSCE Press <press@osce.org>
Date: Tue, 5 Mar 2024 at 10:12
Subject: Fwd: {subject}
To: Web Desk <web@example.org>


"""
OUTLOOK = """-----Original Message-----
From: OSCE Press [mailto:press@osce.org]
Sent: Tuesday, March 5, 2024 10:12 AM
To: Novak, Jana
Cc: Web Desk
Subject: FW: {subject}

"""
APPLE = """Begin forwarded message:

From: OSCE Press <press@osce.org>
Subject: {subject}
Date: 5 March 2024 at 10:12:00 CET
To: Web Desk <web@example.org>

"""
HEADERS = {"gmail": GMAIL, "outlook": OUTLOOK, "apple": APPLE}
HEADER_WORDS = ("Forwarded", "Original", "Begin", "press@osce.org", "10:12", "Desk", "mailto")


def assert_is_the_release(release, title: str = TITLE) -> None:
    assert release.kind == "press-release" and release.title == title
    assert release.dateline.date == dt.date(2024, 3, 5) and release.dateline.place == "SKOPJE"
    paragraphs = [plain_text(block.runs) for block in release.blocks if isinstance(block, Paragraph)]
    assert len(paragraphs) == 2  # the hard wrap joined again, each paragraph whole
    assert paragraphs[0].startswith("The OSCE Mission to Skopje today welcomed the adoption of the new Law")
    assert paragraphs[0].endswith("with 14 workshops for 320 civil servants.") and "\n" not in paragraphs[0]
    assert release.contacts[0].name == "Ana Petrovska, National Press Officer"
    assert release.contacts[0].emails == ("ana.petrovska@osce.org",)
    text = all_text(release)
    assert not any(word in text for word in HEADER_WORDS)


# --- raw exports (.md) -------------------------------------------------------------------------


@pytest.mark.parametrize("client", HEADERS)
def test_a_forwarded_release_is_read_as_the_release(tmp_path, client):
    path = write(tmp_path / "r.md", "FYI, for the website.\n\nJana\n\n"
                 + HEADERS[client].format(subject=TITLE) + RELEASE)
    assert_is_the_release(read_release(path))


def test_the_forwarders_note_left_out_is_a_warning_naming_its_line(tmp_path):
    path = write(tmp_path / "r.md", "FYI, for the website.\n\nJana\n\n" + GMAIL.format(subject=TITLE) + RELEASE)
    release = read_release(path)
    assert release.warnings == (f"{path}:1: the forwarder's note above the forwarded message is left out: "
                                "'FYI, for the website. Jana'",)


@pytest.mark.parametrize("client", HEADERS)
def test_the_subject_is_the_title_when_the_release_has_none(tmp_path, client):
    body = RELEASE.replace(TITLE + "\n\n", "")
    path = write(tmp_path / "r.md", HEADERS[client].format(subject=f"Fwd: TR: {TITLE}") + body)
    assert_is_the_release(read_release(path))


def test_the_kind_named_in_the_subject_is_the_kind(tmp_path):
    body = RELEASE.replace("PRESS RELEASE\n\n", "").replace(TITLE + "\n\n", "")
    path = write(tmp_path / "r.md", OUTLOOK.format(subject=f"Media advisory: {TITLE}") + body)
    release = read_release(path)
    assert release.kind == "media-advisory" and release.title == TITLE


def test_quoted_forwarding_is_unquoted(tmp_path):
    """Apple Mail and others quote the forwarded message with `>`: the release's own quotation stays one."""
    quoted = "\n".join(f"> {line}".rstrip() for line in (APPLE.format(subject=TITLE) + RELEASE).split("\n"))
    quoted = quoted.replace('> "Access', '> > "Access').replace("> of Mission", "> > of Mission")
    path = write(tmp_path / "r.md", quoted)
    release = read_release(path)
    assert release.title == TITLE and release.dateline.date == dt.date(2024, 3, 5)
    assert [type(block) for block in release.blocks] == [Paragraph, Quote]


def test_outlook_html_header_block_without_an_opening_line(tmp_path):
    """What pandoc makes of Outlook's HTML: bold names, hard line breaks, no "Original Message" line."""
    header = ("**From:** OSCE Press \\<press@osce.org\\>  \n**Sent:** Tuesday, March 5, 2024 10:12 AM  \n"
              f"**To:** Web Desk  \n**Subject:** FW: {TITLE}\n\n")
    assert_is_the_release(read_release(write(tmp_path / "r.md", "See below.\n\n" + header + RELEASE)))


def test_a_message_without_a_title_or_subject_is_still_refused(tmp_path):
    body = RELEASE.replace(TITLE + "\n\n", "")
    path = write(tmp_path / "r.md", "-----Original Message-----\nFrom: OSCE Press\nTo: Web Desk\n\n" + body)
    with pytest.raises(InputError, match="no title"):
        read_release(path)


def test_a_problem_names_the_line_of_the_file(tmp_path):
    path = write(tmp_path / "r.md", GMAIL.format(subject=TITLE) + RELEASE.replace("5 March 2024", "31 February 2024"))
    with pytest.raises(InputError) as caught:
        read_release(path)
    assert caught.value.line == GMAIL.count("\n") + 5


# --- .eml: a real message ------------------------------------------------------------------------


def message(tmp_path: Path, subject: str, plain: str, html: str | None = None) -> Path:
    mail = EmailMessage()
    mail["Subject"] = subject
    mail["From"] = "Jana Novak <jana.novak@example.org>"
    mail["To"] = "web@example.org"
    mail.set_content(plain)
    if html is not None:
        mail.add_alternative(html, subtype="html")
    path = tmp_path / "release.eml"
    path.write_bytes(bytes(mail))
    return path


@pytest.mark.parametrize("client", HEADERS)
def test_a_forwarded_plain_text_message(tmp_path, client):
    path = message(tmp_path, f"Fwd: {TITLE}", HEADERS[client].format(subject=TITLE) + RELEASE)
    assert_is_the_release(read_release(path))


def test_the_subject_of_a_forwarded_message_is_its_title_without_fwd(tmp_path):
    body = RELEASE.replace(TITLE + "\n\n", "")
    assert_is_the_release(read_release(message(tmp_path, f"Fwd: FW: {TITLE}", body)))


RELEASE_HTML = f"""<p>PRESS RELEASE</p><p>{TITLE}</p><p>SKOPJE, 5 March 2024 – The OSCE Mission to Skopje today
welcomed the adoption of the new Law on Free Access to Public Information, which the Mission supported with expert advice
over two years and with 14 workshops for 320 civil servants.</p><p>"Access to information is the backbone of
accountability," said the Head of Mission.</p><p>Contact:<br>Ana Petrovska, National Press Officer<br>Tel. +389 2 323
4000<br>Email: ana.petrovska@osce.org</p>"""
GMAIL_HTML = f"""<div dir="ltr"><br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded
message ---------<br>From: <strong class="gmail_sendername" dir="auto">OSCE Press</strong> <span dir="auto">&lt;<a
href="mailto:press@osce.org">press@osce.org</a>&gt;</span><br>Date: Tue, 5 Mar 2024 at 10:12<br>Subject: Fwd: {TITLE}<br>
To: &lt;<a href="mailto:web@example.org">web@example.org</a>&gt;<br></div><br><br><div dir="ltr">{RELEASE_HTML}</div>
</div></div>"""
OUTLOOK_HTML = f"""<html><body><div class="WordSection1"><p class="MsoNormal">See below.</p><div><div
style="border:none;border-top:solid #E1E1E1 1.0pt"><p class="MsoNormal"><b>From:</b> OSCE Press &lt;press@osce.org&gt;
<br><b>Sent:</b> Tuesday, March 5, 2024 10:12 AM<br><b>To:</b> Web Desk<br><b>Subject:</b> FW: {TITLE}</p></div></div>
{RELEASE_HTML}</div></body></html>"""
APPLE_HTML = f"""<html><body><div>FYI</div><div><br><blockquote type="cite"><div>Begin forwarded message:</div><br
class="Apple-interchange-newline"><div style="margin-top: 0px;"><span style="font-family: -webkit-system-font;"><b>From:
</b></span><span style="font-family: -webkit-system-font;">OSCE Press &lt;<a
href="mailto:press@osce.org">press@osce.org</a>&gt;<br></span></div><div style="margin-top: 0px;"><span><b>Subject:
</b></span><span><b>{TITLE}</b><br></span></div><div><span><b>Date: </b></span><span>5 March 2024 at 10:12:00
CET<br></span></div><div><span><b>To: </b></span><span>Web Desk<br></span></div><br><div style="font-family: Arial">
{RELEASE_HTML}</div></blockquote></div></body></html>"""


@needs_pandoc
@pytest.mark.parametrize("html", [GMAIL_HTML, OUTLOOK_HTML, APPLE_HTML], ids=["gmail", "outlook", "apple"])
def test_a_forwarded_html_message(tmp_path, html):
    release = read_release(message(tmp_path, f"Fwd: {TITLE}", "Read this message in HTML.", html))
    assert release.title == TITLE and release.dateline.date == dt.date(2024, 3, 5)
    assert [plain_text(block.runs)[:20] for block in release.blocks] == ["The OSCE Mission to ", '"Access to informati']
    assert release.contacts[0].emails == ("ana.petrovska@osce.org",)
    assert not any(word in all_text(release) for word in HEADER_WORDS + ("FYI", "See below"))


# --- the rules, one by one -----------------------------------------------------------------------


def test_header_blocks_are_blanked_line_for_line_with_the_note_above():
    text = "FYI\n\n" + GMAIL.format(subject=TITLE) + RELEASE
    done = forwarded(text)
    assert done.markdown.count("\n") == text.count("\n")
    assert done.markdown.lstrip("\n").startswith("PRESS RELEASE\n") and done.subject == f" Fwd: {TITLE}"


def test_a_long_text_above_a_header_block_is_content_and_stays():
    long = "The Mission's own introduction, which is part of the release. " * 6
    assert forwarded(long + "\n\n" + GMAIL.format(subject=TITLE) + RELEASE).markdown.startswith(long)


@pytest.mark.parametrize("lines", [
    "**Date:** Monday, 12 June 2023\n**Time:** 14:00\n**Venue:** Hotel Podgorica",  # a media advisory's
    "Date: 14 July 2023\nSubject: Extreme heat and the rights of outdoor workers\nLocation: Geneva",  # no sender
    "From: 10:00\nTo: 12:00\nSubject: the programme",  # a time, not a sender
])
def test_label_lines_of_a_release_are_no_header_block(lines):
    text = f"PRESS RELEASE\n\n# Title\n\n{lines}\n\nText.\n"
    assert forwarded(text).markdown == text


def test_a_header_name_after_the_block_is_the_release_s():
    """Apple Mail's HTML puts each header line in a paragraph of its own; a header the block already has,
    after a blank line, is the release's (a media advisory's "Date:")."""
    text = "Begin forwarded message:\n\nFrom: OSCE Press\n\nSubject: Advisory\n\nDate: 5 March\n\nDate: 12 March, 10:00\n"
    assert forwarded(text).markdown.split("\n")[-2] == "Date: 12 March, 10:00"


def test_a_quotation_that_does_not_run_to_the_end_stays_a_quotation():
    text = GMAIL.format(subject=TITLE) + "> A quotation.\n\nText after it.\n"
    assert "> A quotation." in forwarded(text).markdown


@pytest.mark.parametrize("subject", [
    f"Fwd: {TITLE}", f"FW: Fw: {TITLE}", f"TR: {TITLE}", f"WG: {TITLE}", f"RV: {TITLE}", f"Re: Fwd: {TITLE}",
    f" **{TITLE}**  ", f"AW:  {TITLE}",
])
def test_what_clients_put_before_a_subject_is_not_the_title(subject):
    assert title_from_subject(subject) == TITLE
