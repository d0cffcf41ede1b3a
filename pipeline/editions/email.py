"""The e-mail edition: the release in one language as a message (`.eml`) for the office's mailing list.

An Internet message (RFC 5322, MIME), `multipart/alternative`:

- `text/plain; charset=utf-8`: the text edition, rendered by editions/text.py (decoded, it is that
  edition's text with MIME's CRLF line ends: `.replace("\\r\\n", "\\n")` gives it back byte for byte);
- `text/html; charset=utf-8`: the same reading order as accessible HTML (email_html.py); when the
  release holds pictures, the HTML and the pictures are a `multipart/related`, each picture shown
  by its Content-ID.

Headers: `From`, `To` and `Reply-To` from the settings (`[email]`, docs/email.md); `Subject`, the
kind of release and the title in the edition's language ("Communiqué de presse : …", the colon
in the language's typography); `Date`, the release's date at 12:00 UTC (the same calendar day from
UTC−11 to UTC+11), left out for a release without a date (the submission server then adds one);
`Message-ID`, `<release-id.lang.hash@sender's domain>`, the hash that of everything else in the
message; `Content-Language`; `List-Unsubscribe` from the settings (RFC 2369), with
`List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058) when one of its addresses is https;
`MIME-Version`.

The same release and settings give the same bytes: no clock, no random boundary (each is made from
the hash), and the file is 7-bit ASCII with CRLF line ends (non-ASCII headers as RFC 2047 encoded
words; each part quoted-printable or base64, whichever is shorter), as SMTP carries it: `send`
hands the bytes to the server as they are, and what the server receives equals the file
(commands/send.py, tests/commands/test_send.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass
from email import policy as policies
from email.headerregistry import Address
from email.message import EmailMessage
from email.quoprimime import body_encode
from email.utils import format_datetime

from ..errors import PipelineError
from ..localise.labels import kind_label
from ..localise.typography import labelled
from ..release import LocalisedRelease
from . import EditionSettings, Rendered
from .email_html import mail_html
from .text import TextEdition

# SMTP's line ends; 7-bit, so that any server carries it; a header set raw (List-Unsubscribe) is
# written as given, never re-encoded (a long address would otherwise become RFC 2047 encoded words).
POLICY = policies.SMTP.clone(cte_type="7bit", refold_source="none")
LINE = 78  # RFC 5322's recommended line length, headers folded to it
NOON = dt.time(12, tzinfo=dt.timezone.utc)
ONE_CLICK = "List-Unsubscribe=One-Click"


@dataclass(frozen=True)
class MailHeaders:
    """What the edition takes from the settings (`[email]` in config.py, through EditionSettings)."""

    sender: str  # "OSCE Press Office <press@osce.org>"
    to: tuple[str, ...] = ()
    reply_to: str = ""
    list_unsubscribe: tuple[str, ...] = ()  # mailto: and https: addresses


def mail_headers(settings: EditionSettings | None) -> MailHeaders:
    """The settings' e-mail headers: EditionSettings' `email_from`, `email_to`, `email_reply_to` and
    `list_unsubscribe` (config.Config.email, passed on by run.py's `edition_settings`)."""
    return MailHeaders(
        sender=settings.email_from,
        to=settings.email_to,
        reply_to=settings.email_reply_to,
        list_unsubscribe=settings.list_unsubscribe,
    )


def subject(release: LocalisedRelease) -> str:
    """"Press release: <title>", in the edition's language and typography."""
    return labelled(kind_label(release.labels, release.kind), release.title, release.lang)


def message_date(date: dt.date) -> str:
    """The release's date as RFC 5322 writes a date and time: "Tue, 05 Mar 2024 12:00:00 +0000"."""
    return format_datetime(dt.datetime.combine(date, NOON))


def sender_domain(sender: str) -> str:
    """The From address's domain: the right-hand side of the Message-ID and the pictures' Content-IDs."""
    return parse_address(sender).domain


def parse_address(value: str) -> Address:
    """The one address of a header value ("Name <a@b.org>" or "a@b.org"); PipelineError if it is not one."""
    header = POLICY.header_factory("From", value)
    if header.defects or len(header.addresses) != 1 or not header.addresses[0].domain:
        raise PipelineError(f"{value!r} is not one e-mail address (e.g. Press Office <press@example.org>)")
    return header.addresses[0]


def id_part(text: str) -> str:
    """`text` as the left-hand side of a Message-ID: letters, digits and hyphens only."""
    return "".join(char if char.isascii() and (char.isalnum() or char == "-") else "-" for char in text)


def unsubscribe_header(addresses: tuple[str, ...]) -> str:
    """RFC 2369's `<uri>, <uri>`, folded between addresses where the line would pass `LINE` characters."""
    lines = ["List-Unsubscribe:"]
    for index, address in enumerate(addresses):
        item = f"<{address}>" + ("," if index < len(addresses) - 1 else "")
        if len(lines[-1]) + 1 + len(item) > LINE and lines[-1] != "List-Unsubscribe:":
            lines.append(" " + item)
        else:
            lines[-1] += " " + item
    return "\n".join(lines).removeprefix("List-Unsubscribe: ")


def transfer_encoding(text: str) -> str:
    """Quoted-printable, which keeps ASCII text readable, unless base64 is shorter (Cyrillic, CJK)."""
    data = text.replace("\n", "\r\n")
    quoted = len(body_encode(data.encode("utf-8").decode("latin-1"), 76))
    return "quoted-printable" if quoted <= len(base64.encodebytes(data.encode("utf-8"))) else "base64"


def build_message(release: LocalisedRelease, text: str, headers: MailHeaders) -> bytes:
    """The message's bytes (CRLF line ends, 7-bit ASCII)."""
    if not headers.sender:
        raise PipelineError("the e-mail edition needs a From address: set `from` in the settings' [email] table "
                            "(docs/email.md)")
    domain = sender_domain(headers.sender)
    html = mail_html(release, domain)
    fields: list[tuple[str, str]] = [("From", headers.sender)]
    if headers.to:
        fields.append(("To", ", ".join(headers.to)))
    if headers.reply_to:
        fields.append(("Reply-To", headers.reply_to))
    fields.append(("Subject", subject(release)))
    if release.date is not None:
        fields.append(("Date", message_date(release.date)))
    # Everything the message says, so that a change anywhere gives it a new Message-ID and boundaries.
    digest = hashlib.sha256()
    for name, value in [*fields, ("Content-Language", release.lang),
                        *(("List-Unsubscribe", address) for address in headers.list_unsubscribe)]:
        digest.update(f"{name}: {value}\n".encode("utf-8"))
    for part in (text.encode("utf-8"), html.document.encode("utf-8"), *(p.data for p in html.pictures)):
        digest.update(hashlib.sha256(part).digest())
    hexdigest = digest.hexdigest()

    message = EmailMessage(policy=POLICY)
    for name, value in fields:
        message[name] = value
    message["Message-ID"] = f"<{id_part(release.release_id)}.{id_part(release.lang)}.{hexdigest[:20]}@{domain}>"
    if headers.list_unsubscribe:
        message.set_raw("List-Unsubscribe", unsubscribe_header(headers.list_unsubscribe))
        if any(address.lower().startswith("https:") for address in headers.list_unsubscribe):
            message["List-Unsubscribe-Post"] = ONE_CLICK
    message.set_content(text, cte=transfer_encoding(text))
    message.add_alternative(html.document, subtype="html", cte=transfer_encoding(html.document))
    html_part = message.get_payload()[1]
    for picture in html.pictures:
        maintype, _, subtype = picture.media_type.partition("/")
        html_part.add_related(picture.data, maintype, subtype, cid=f"<{picture.cid}>", disposition="inline",
                              filename=picture.filename)
    # Boundaries from the hash: "=_" never occurs in quoted-printable or base64 text.
    for level, part in enumerate(part for part in message.walk() if part.is_multipart()):
        part.set_boundary(f"=_{hexdigest[:32]}.{level}")
    for part in message.walk():  # the email package gives every part made a MIME-Version of its own
        if part is not message:
            del part["MIME-Version"]
    message["Content-Language"] = release.lang  # after the parts are made: set_content moves Content-* headers
    return message.as_bytes(policy=POLICY)


class EmailEdition:
    kind = "email"
    extension = "eml"
    media_type = "message/rfc822"
    recorded = False

    def render(self, release: LocalisedRelease, settings: EditionSettings | None = None) -> Rendered:
        text = TextEdition().render(release, settings).data.decode("utf-8")
        return Rendered(build_message(release, text, mail_headers(settings)))
