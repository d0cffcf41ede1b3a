"""`send`: hand a published e-mail edition (`<id>/<lang>/<id>.<lang>.eml`) to the SMTP server in the settings.

The file's bytes go to the server as they are (`smtplib.SMTP.sendmail` with bytes: only SMTP's
dot-stuffing, which the server undoes), so what arrives is the file: the edition is 7-bit ASCII with
CRLF line ends (editions/email.py). The envelope sender is the From address; the recipients are
`--to`, else the `to` setting. STARTTLS unless `smtp-starttls = false`, which is accepted with a
login only for a server on this machine; the password comes from the environment variable that
`smtp-password-env` names, never from a file.

Only what is public is sent: a release id is looked for in the public tree first, and a language
that the run kept as a preview (not approved, under embargo) or withdrawn, as its manifest says, is
refused, since a message to the list publishes it.

Problems the user can fix before anything is sent (no such release, language or edition, an edition
that is not public, a file that is not as published, no recipient, no password) are `PipelineError`s
(exit status 2); a server that
cannot be reached or refuses the message is a `SendFailed` (exit status 1); each is one line naming
the server as host:port.
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from hashlib import sha256
from pathlib import Path
from typing import Sequence

from ..config import Config, EmailSettings, address_problem
from ..display import display
from ..errors import PipelineError
from ..publish.manifest import MANIFEST, Manifest, read_manifest

EDITION = "email"
TIMEOUT = 30.0  # seconds for the connection and each answer
LOOPBACK = ("localhost", "127.0.0.1", "::1")


class SendFailed(Exception):
    """The server could not be reached, or refused the message: one line, naming it (exit status 1)."""


@dataclass(frozen=True)
class Sent:
    """One message handed to the server."""

    path: Path  # the .eml
    size: int
    message_id: str
    recipients: tuple[str, ...]  # accepted
    refused: tuple[tuple[str, str], ...]  # (recipient, the server's answer)
    server: str  # "host:port"


def release_folder(value: str, config: Config, lang: str | None = None) -> Path:
    """The release's folder as given (OUTPUTS/ID, PUBLIC/ID), or the id of a release in the public tree
    when `lang` is public there, else in the output folder (whose manifest says why it is not public)."""
    path = Path(value)
    public = config.public_dir / value
    manifest = read_manifest(public)
    if manifest is not None and (manifest.publication or {}).get("withdrawn"):
        raise PipelineError(f"{manifest.release.id} was withdrawn; nothing of it is sent")
    public_here = manifest is not None and (lang is None or manifest.files_in(lang))
    for folder in (path, *((public,) if public_here else ()), config.outputs_dir / value):
        if (folder / MANIFEST).is_file():
            return folder
    raise PipelineError(f"{value!r} is neither a release folder (with {MANIFEST}) nor the id of a release in "
                        f"{display(config.outputs_dir)}")


def publication_state(manifest: Manifest, lang: str) -> tuple[str, str] | None:
    """(state, why) the run decided for the language ("public", "preview", "withdrawn"), where the
    manifest says (a build folder's, publication/decide.py); None where it does not."""
    languages = (getattr(manifest, "publication", None) or {}).get("languages")
    state = languages.get(lang) if isinstance(languages, dict) else None
    if not isinstance(state, dict) or not isinstance(state.get("state"), str):
        return None
    return state["state"], str(state.get("why") or "")


def edition_file(folder: Path, lang: str) -> tuple[Path, bytes]:
    """The release's e-mail edition in `lang`, as its manifest lists it (and checked against its checksum)."""
    manifest = read_manifest(folder)
    if manifest is None:
        raise PipelineError(f"{display(folder / MANIFEST)} cannot be read; run the release again")
    decided = publication_state(manifest, lang)
    if decided is not None and decided[0] != "public":
        state, why = decided
        raise PipelineError(f"the {lang!r} edition of {manifest.release.id} is not public ({state}: {why}); "
                            "sending it to the list would publish it")
    entries = [entry for entry in manifest.files_in(lang) if entry.edition == EDITION]
    if not entries:
        editions = ", ".join(sorted({entry.edition for entry in manifest.files_in(lang)})) or "none"
        raise PipelineError(f"{display(folder)} has no e-mail edition in {lang!r} (its editions in {lang!r}: "
                            f"{editions}); build it with `release-pipeline run … --editions …,{EDITION}`")
    path = folder / entries[0].path
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PipelineError(f"{display(path)}: the e-mail edition is missing ({error.strerror or error}); "
                            "run the release again") from None
    if sha256(data).hexdigest() != entries[0].sha256:
        raise PipelineError(f"{display(path)} is not the file published ({MANIFEST} gives another checksum); "
                            "run the release again")
    return path, data


def recipients_of(to: Sequence[str] | None, settings: EmailSettings) -> tuple[str, ...]:
    chosen = tuple(to or settings.to)
    if not chosen:
        raise PipelineError("no recipient: give --to ADDRESS, or set `to` in the [email] table (docs/email.md)")
    for address in chosen:
        problem = address_problem(address)
        if problem:
            raise PipelineError(f"--to: {problem}")
    return tuple(envelope_address(address) for address in chosen)


def envelope_address(value: str) -> str:
    """The addr-spec of "Name <a@b.org>" (SMTP's MAIL FROM and RCPT TO take the address alone)."""
    return policy.default.header_factory("To", value).addresses[0].addr_spec


def password(settings: EmailSettings) -> str | None:
    """The SMTP password, from the environment (a login is made only with `smtp-user` set)."""
    if not settings.smtp_user:
        return None
    value = os.environ.get(settings.smtp_password_env)
    if not value:
        raise PipelineError(f"smtp-user is {settings.smtp_user!r} but the environment variable "
                            f"{settings.smtp_password_env} (smtp-password-env) holding its password is not set")
    if not settings.smtp_starttls and settings.smtp_host not in LOOPBACK:
        raise PipelineError(f"smtp-starttls is false: the password would cross the network in clear to "
                            f"{settings.smtp_host}; set smtp-starttls = true (a login without TLS is only "
                            "accepted for a server on this machine)")
    return value


def send(release: str, config: Config, lang: str, to: Sequence[str] | None = None) -> Sent:
    """Send the release's e-mail edition in `lang` to `to` (default: the `to` setting)."""
    settings = config.email
    path, data = edition_file(release_folder(release, config, lang), lang)
    headers = BytesParser(policy=policy.default).parsebytes(data, headersonly=True)
    senders = getattr(headers["From"], "addresses", ()) if headers["From"] else ()
    if len(senders) != 1:
        raise PipelineError(f"{display(path)}: its From header is not one address; run the release again")
    recipients = recipients_of(to, settings)
    secret = password(settings)
    server = f"{settings.smtp_host}:{settings.smtp_port}"
    refused = deliver(settings, secret, senders[0].addr_spec, recipients, data, server)
    return Sent(path, len(data), str(headers["Message-ID"] or ""),
                tuple(r for r in recipients if r not in refused),
                tuple((r, answer) for r, answer in refused.items()), server)


def deliver(settings: EmailSettings, secret: str | None, sender: str, recipients: tuple[str, ...], data: bytes,
            server: str) -> dict[str, str]:
    """One SMTP transaction; the recipients the server refused, with its answers. SendFailed: nothing sent."""
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT) as smtp:
            if settings.smtp_starttls:
                smtp.ehlo()
                if not smtp.has_extn("starttls"):
                    raise SendFailed(f"{server} does not offer STARTTLS (set smtp-starttls = false only for a "
                                     "server on this machine)")
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if secret is not None:
                smtp.login(settings.smtp_user, secret)
            refused = smtp.sendmail(sender, list(recipients), data)
    except smtplib.SMTPAuthenticationError as error:
        raise SendFailed(f"{server} refused the login of {settings.smtp_user!r}: {answer(error)} "
                         f"(the password is in ${settings.smtp_password_env})") from None
    except smtplib.SMTPRecipientsRefused as error:
        refusals = "; ".join(f"{r} ({answer_of(*e)})" for r, e in error.recipients.items())
        raise SendFailed(f"{server} refused every recipient: {refusals}") from None
    except smtplib.SMTPSenderRefused as error:
        raise SendFailed(f"{server} refused the sender {sender}: {answer(error)}") from None
    except smtplib.SMTPDataError as error:
        raise SendFailed(f"{server} refused the message: {answer(error)}") from None
    except smtplib.SMTPServerDisconnected as error:
        raise SendFailed(f"{server} closed the connection: {error or 'no reason given'}") from None
    except smtplib.SMTPException as error:
        raise SendFailed(f"{server}: {answer(error)}") from None
    except ssl.SSLError as error:
        raise SendFailed(f"TLS with {server} failed: {error.reason or error}") from None
    except ConnectionRefusedError:
        raise SendFailed(f"cannot connect to the SMTP server {server}: connection refused "
                         "(smtp-host, smtp-port in the [email] settings)") from None
    except socket.gaierror as error:
        raise SendFailed(f"cannot connect to the SMTP server {server}: unknown host ({error.strerror})") from None
    except TimeoutError:
        raise SendFailed(f"the SMTP server {server} did not answer within {TIMEOUT:.0f} s") from None
    except OSError as error:
        raise SendFailed(f"cannot connect to the SMTP server {server}: {error.strerror or error}") from None
    return {recipient: answer_of(code, text) for recipient, (code, text) in refused.items()}


def answer(error: smtplib.SMTPException) -> str:
    """The server's answer in an smtplib error: "535 5.7.8 Authentication credentials invalid"."""
    code, text = getattr(error, "smtp_code", None), getattr(error, "smtp_error", None)
    return answer_of(code, text) if code is not None else str(error)


def answer_of(code: int, text: bytes | str | None) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join((text or '').split())}".strip()
