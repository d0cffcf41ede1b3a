"""The e-mail edition (editions/email.py): a message that Python's `email` package reads back into the
text edition and an HTML part, with its headers; the same bytes for the same input; SMTP's wire form."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

import pytest

from pipeline.config import Config
from pipeline.editions import EDITIONS, render
from pipeline.editions.email import POLICY, message_date, subject, transfer_encoding, unsubscribe_header
from pipeline.editions.text import TextEdition
from pipeline.errors import PipelineError
from pipeline.localise.labels import MACHINE_NOTICE, load_labels
from pipeline.release import TranslationStatus

from ..conftest import REPO
from ..support.blocks import PNG, example_with_blocks
from ..support.mail import (
    CHINESE_TITLE, LIST, SENDER, UNSUBSCRIBE, MailSettings, chinese_release, example, language_for_test,
)


def parse(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


def text_of(part) -> str:
    """A text part's content with MIME's CRLF line ends as the text edition writes them."""
    return part.get_content().replace("\r\n", "\n")


def test_registered_and_not_built_by_default():
    edition = EDITIONS["email"]
    assert (edition.kind, edition.extension, edition.media_type, edition.recorded) == (
        "email", "eml", "message/rfc822", False)
    assert "email" not in Config().editions
    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["release-pipeline"]
    assert "email" not in settings["editions"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_message_parses_into_the_text_edition_and_an_html_part_with_its_headers(lang):
    release = example_with_blocks(lang)
    data = render("email", release, MailSettings()).data
    message = parse(data)
    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain.get_content_type() == "text/plain" and plain.get_content_charset() == "utf-8"
    assert text_of(plain) == TextEdition().render(release).data.decode("utf-8")  # the text edition, exactly
    assert html.get_content_type() == "text/html" and html.get_content_charset() == "utf-8"
    assert text_of(html).startswith(f'<!DOCTYPE html>\n<html lang="{lang}" dir="ltr">')
    # The picture beside the release travels with the HTML (multipart/related), named by its Content-ID.
    related = [part for part in message.walk() if part.get_content_type() == "multipart/related"]
    assert len(related) == 1
    (picture,) = [part for part in message.walk() if part.get_content_maintype() == "image"]
    assert picture.get_content() == PNG and picture.get_content_disposition() == "inline"
    assert f'src="cid:{picture["Content-ID"].strip("<>")}"' in html.get_content()

    assert message["From"] == SENDER and message["To"] == LIST
    kind = {"en": "Press release: ", "fr": "Communiqué de presse\u202f: "}[lang]
    assert message["Subject"] == kind + release.title == subject(release)
    assert parsedate_to_datetime(message["Date"]).isoformat() == "2024-03-05T12:00:00+00:00"
    assert re.fullmatch(rf"<2024-03-05-osce-representative-on-freedom-of-the-media\.{lang}\.[0-9a-f]{{20}}"
                        r"@osce\.org>", message["Message-ID"])
    assert message["Content-Language"] == lang
    assert message["List-Unsubscribe"] == ", ".join(f"<{address}>" for address in UNSUBSCRIBE)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"  # an https address is among them
    assert message["MIME-Version"] == "1.0"
    assert [part["MIME-Version"] for part in message.walk()][1:] == [None] * 4  # on the message only
    assert not message.defects and not any(part.defects for part in message.walk())


def test_the_subject_is_localised_and_a_title_in_another_script_is_encoded():
    with language_for_test("zh"):
        release = chinese_release()
        message = parse(render("email", release, MailSettings()).data)
    assert message["Subject"] == f"新闻稿: {CHINESE_TITLE}"
    assert message["Content-Language"] == "zh"
    assert text_of(message.get_body(("plain",))) == TextEdition().render(release).data.decode("utf-8")
    assert message.get_body(("plain",))["Content-Transfer-Encoding"] == "base64"  # shorter than quoted-printable


def test_a_machine_translation_carries_the_notice_the_text_edition_carries():
    release = replace(example("fr"), status=TranslationStatus(source=False, segments=20, machine=20))
    message = parse(render("email", release, MailSettings()).data)
    notice = load_labels("fr").gettext(MACHINE_NOTICE)
    assert notice != MACHINE_NOTICE  # translated
    assert notice in text_of(message.get_body(("plain",)))
    assert notice in message.get_body(("html",)).get_content()


def test_the_same_input_gives_the_same_bytes_and_a_change_a_new_message_id():
    release = example_with_blocks("fr")
    first = render("email", release, MailSettings()).data
    assert render("email", example_with_blocks("fr"), MailSettings()).data == first
    changed = render("email", replace(release, title=release.title + " (corrected)"), MailSettings()).data
    ids = [parse(data)["Message-ID"] for data in (first, changed)]
    assert ids[0] != ids[1]
    boundaries = [re.findall(rb'boundary="([^"]+)"', data) for data in (first, changed)]
    assert boundaries[0] != boundaries[1] and all(b.startswith(b"=_") for b in boundaries[0])


def test_smtp_wire_form_crlf_seven_bit_short_lines():
    data = render("email", example_with_blocks("fr"), MailSettings()).data
    assert data.isascii()
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    assert data.endswith(b"\r\n")
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    header = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert "=?utf-8?" in header  # "Communiqué" as an RFC 2047 encoded word
    assert "List-Unsubscribe: <mailto:" in header  # never encoded


def test_settings_choose_the_headers():
    release = example("en")
    plain = parse(render("email", release, MailSettings(
        email_to=(), email_reply_to="Jana Novak <jana.novak@osce.org>",
        list_unsubscribe=("mailto:leave@lists.osce.org",))).data)
    assert plain["To"] is None and plain["Reply-To"] == "Jana Novak <jana.novak@osce.org>"
    assert plain["List-Unsubscribe"] == "<mailto:leave@lists.osce.org>"
    assert plain["List-Unsubscribe-Post"] is None  # one-click needs an https address (RFC 8058)
    bare = parse(render("email", release, MailSettings(list_unsubscribe=())).data)
    assert bare["List-Unsubscribe"] is None
    undated = parse(render("email", replace(release, date=None), MailSettings()).data)
    assert undated["Date"] is None  # no clock: the submission server adds one


def test_without_a_from_address_the_edition_says_what_to_set():
    with pytest.raises(PipelineError, match=r"needs a From address: set `from` in the settings' \[email\] table"):
        render("email", example("en"), MailSettings(email_from=""))
    with pytest.raises(PipelineError, match="'press office' is not one e-mail address"):
        render("email", example("en"), MailSettings(email_from="press office"))


def test_helpers():
    assert message_date(example("en").date) == "Tue, 05 Mar 2024 12:00:00 +0000"
    long = ("mailto:a@b.org", "https://lists.example.org/" + "x" * 80)
    assert unsubscribe_header(long) == f"<{long[0]}>,\n <{long[1]}>"
    assert unsubscribe_header(long[:1]) == f"<{long[0]}>"
    assert transfer_encoding("Plain English text.\n" * 5) == "quoted-printable"
    assert transfer_encoding("Обычный русский текст.\n" * 5) == "base64"
    assert POLICY.linesep == "\r\n" and POLICY.cte_type == "7bit"
