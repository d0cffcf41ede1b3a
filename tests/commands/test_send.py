"""`release-pipeline send` (commands/send.py): the published e-mail edition handed to an SMTP server on
127.0.0.1 (aiosmtpd, in a thread) arrives byte for byte as the file; every failure is one line."""

from __future__ import annotations

import shutil
import socket
from dataclasses import replace
from hashlib import sha256
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from pipeline.config import load_config
from pipeline.editions import render
from pipeline.publication.public import PublicTree
from pipeline.publish.manifest import MANIFEST, Manifest
from pipeline.release import Paragraph, Run

from ..conftest import EXAMPLE, REPO, run_in_new_project, write
from ..support.mail import LIST, MailSettings, example

RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"
SENDER = "press@osce.org"
USER, PASSWORD = "press-office", "correct horse battery staple"


class Mailbox:
    """What the server received: (MAIL FROM, RCPT TO, the message's bytes after SMTP's dot-unstuffing)."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK: queued"


class LocalController(Controller):
    """aiosmtpd's controller on any free port of 127.0.0.1 (it checks that the server answers on `port`)."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def authenticate(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=(auth_data.login, auth_data.password) == (USER.encode(), PASSWORD.encode()),
                      handled=False)  # the server answers (235, or 535)


@pytest.fixture
def server():
    mailbox = Mailbox()
    controller = LocalController(mailbox, hostname="127.0.0.1", port=0, authenticator=authenticate,
                                 auth_require_tls=False)
    controller.start()
    yield controller, mailbox
    controller.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project with the example built in English (the source) and German (text), and an e-mail edition
    of each beside them in the manifest: one paragraph starts with a dot, which SMTP doubles on the way."""
    project = tmp_path_factory.mktemp("send-project")
    write(project / "release-pipeline.toml", 'editions = ["text"]\n')
    folder = run_in_new_project(project, EXAMPLE, "--langs", "de") / RELEASE_ID
    manifest = Manifest.from_json((folder / MANIFEST).read_bytes())
    entries = []
    for lang in ("en", "de"):
        release = example(lang)
        release = replace(release, blocks=(*release.blocks, Paragraph((Run(". A line that starts with a dot."),))))
        data = render("email", release, MailSettings()).data
        assert b"\r\n. A line that starts with a dot." in data
        relative = f"{lang}/{RELEASE_ID}.{lang}.eml"
        (folder / relative).write_bytes(data)
        text = next(entry for entry in manifest.files if (entry.lang, entry.edition) == (lang, "text"))
        entries.append(replace(text, edition="email", path=relative, media_type="message/rfc822", size=len(data),
                               sha256=sha256(data).hexdigest(), details=None))
    (folder / MANIFEST).write_bytes(replace(manifest, files=(*manifest.files, *entries)).to_json())
    config = load_config(project)
    PublicTree(config).update(None, "http://localhost:8000/", config.organisation, [config.locales_dir])  # take them in
    return project


@pytest.fixture
def project(built, tmp_path, monkeypatch) -> Path:
    """A copy of the built project, with the [email] settings of each test."""
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    monkeypatch.chdir(copy)
    monkeypatch.delenv("RELEASE_PIPELINE_SMTP_PASSWORD", raising=False)
    return copy


def settings(project: Path, port: int, **email: str | int | bool) -> None:
    table = {"from": f"OSCE Press Office <{SENDER}>", "to": LIST, "smtp-host": "127.0.0.1", "smtp-port": port,
             "smtp-starttls": False, **email}
    lines = [f"{key} = {value!r}".replace("'", '"') if not isinstance(value, bool) else f"{key} = {str(value).lower()}"
             for key, value in table.items()]
    write(project / "release-pipeline.toml", 'editions = ["text"]\n\n[email]\n' + "\n".join(lines) + "\n")


def eml(project: Path, lang: str = "en") -> Path:
    """The published message `send` reads: the public tree's (English is public; German a preview)."""
    return project / "public" / RELEASE_ID / lang / f"{RELEASE_ID}.{lang}.eml"


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def test_the_message_arrives_byte_for_byte(project, server, cli):
    controller, mailbox = server
    settings(project, controller.port)
    code, out, err = cli("send", project / "outputs" / RELEASE_ID, "--lang", "en", "--to", "list@example.org")
    assert (code, err) == (0, "")
    message_id = f"<{RELEASE_ID}.en."
    line = one_line(out)
    assert line.startswith(f"sent outputs/{RELEASE_ID}/en/{RELEASE_ID}.en.eml (") and message_id in line
    assert line.endswith(f" to list@example.org through 127.0.0.1:{controller.port}")
    ((sender, recipients, data),) = mailbox.received
    assert (sender, recipients) == (SENDER, ["list@example.org"])
    assert data == eml(project).read_bytes()  # the dot SMTP doubled is single again: nothing else changed


def test_recipients_default_to_the_setting_and_the_release_may_be_named_by_its_id(project, server, cli):
    controller, mailbox = server
    settings(project, controller.port)
    code, out, _ = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 0 and one_line(out).endswith(f" to {LIST} through 127.0.0.1:{controller.port}")
    assert [recipients for _, recipients, _ in mailbox.received] == [[LIST]]


def test_a_login_with_the_password_from_the_environment(project, server, cli, monkeypatch):
    controller, mailbox = server
    settings(project, controller.port, **{"smtp-user": USER})
    code, _, err = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 2 and one_line(err) == (
        "release-pipeline: error: smtp-user is 'press-office' but the environment variable "
        "RELEASE_PIPELINE_SMTP_PASSWORD (smtp-password-env) holding its password is not set")
    monkeypatch.setenv("RELEASE_PIPELINE_SMTP_PASSWORD", "wrong")
    code, out, err = cli("send", RELEASE_ID, "--lang", "en")
    assert (code, out) == (1, "") and one_line(err).startswith(
        f"release-pipeline: error: 127.0.0.1:{controller.port} refused the login of 'press-office': 535 ")
    monkeypatch.setenv("RELEASE_PIPELINE_SMTP_PASSWORD", PASSWORD)
    code, out, _ = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 0 and len(mailbox.received) == 1


def test_a_password_never_crosses_the_network_in_clear(project, cli, monkeypatch):
    settings(project, 587, **{"smtp-user": USER, "smtp-host": "smtp.example.org"})
    monkeypatch.setenv("RELEASE_PIPELINE_SMTP_PASSWORD", PASSWORD)
    code, _, err = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 2 and "smtp-starttls is false: the password would cross the network in clear" in one_line(err)


def test_a_server_that_is_not_there(project, cli):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings(project, port)
    code, out, err = cli("send", RELEASE_ID, "--lang", "en")
    assert (code, out) == (1, "")
    assert one_line(err) == (f"release-pipeline: error: cannot connect to the SMTP server 127.0.0.1:{port}: "
                             "connection refused (smtp-host, smtp-port in the [email] settings)")


def test_starttls_is_required_unless_turned_off(project, server, cli):
    controller, mailbox = server
    settings(project, controller.port, **{"smtp-starttls": True})
    code, _, err = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 1 and one_line(err) == (f"release-pipeline: error: 127.0.0.1:{controller.port} does not offer "
                                           "STARTTLS (set smtp-starttls = false only for a server on this machine)")
    assert mailbox.received == []


def test_refused_recipients(project, server, cli):
    controller, mailbox = server
    settings(project, controller.port)
    code, out, err = cli("send", RELEASE_ID, "--lang", "en", "--to", "list@example.org", "--to", "nobody@example.org")
    assert code == 1 and one_line(out).endswith(f" to list@example.org through 127.0.0.1:{controller.port}")
    assert one_line(err) == (f"release-pipeline: error: 127.0.0.1:{controller.port} refused nobody@example.org: "
                             "550 5.1.1 No such user here")
    code, out, err = cli("send", RELEASE_ID, "--lang", "en", "--to", "nobody@example.org")
    assert (code, out) == (1, "") and "refused every recipient: nobody@example.org (550 5.1.1" in one_line(err)
    assert len(mailbox.received) == 1


@pytest.mark.parametrize("args, message", [
    (("--lang", "fr"), "has no e-mail edition in 'fr' (its editions in 'fr': none); build it with "
                       "`release-pipeline run … --editions …,email`"),
    (("--lang", "en", "--to", "not an address"), "--to: 'not an address' is not one e-mail address"),
])
def test_what_cannot_be_sent(project, cli, args, message):
    settings(project, 25)
    code, out, err = cli("send", RELEASE_ID, *args)
    assert (code, out) == (2, "") and message in one_line(err)


def test_a_missing_or_changed_file_and_an_unknown_release(project, cli):
    settings(project, 25)
    eml(project).write_bytes(eml(project).read_bytes() + b"\r\n")
    code, _, err = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 2 and "is not the file published (manifest.json gives another checksum)" in one_line(err)
    eml(project).unlink()
    code, _, err = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 2 and "the e-mail edition is missing (No such file or directory); run the release again" in \
        one_line(err)
    code, _, err = cli("send", "no-such-release", "--lang", "en")
    assert code == 2 and one_line(err) == ("release-pipeline: error: 'no-such-release' is neither a release folder "
                                           "(with manifest.json) nor the id of a release in outputs")


def test_no_recipient_and_the_settings_checks(project, cli):
    write(project / "release-pipeline.toml", f'editions = ["text"]\n\n[email]\nfrom = "{SENDER}"\n')
    code, _, err = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 2 and one_line(err) == ("release-pipeline: error: no recipient: give --to ADDRESS, or set `to` "
                                           "in the [email] table (docs/email.md)")
    write(project / "release-pipeline.toml", '[email]\nsmtp-password = "secret"\n')
    code, _, err = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 2 and "[email] smtp-password: a password is never kept in the settings" in one_line(err)
    write(project / "release-pipeline.toml", 'editions = ["text", "email"]\n')
    code, _, err = cli("run", EXAMPLE, "--langs", "de")
    assert code == 2 and "the email edition needs a From address: set `from` in the [email] table" in one_line(err)


def test_run_builds_the_edition_and_send_sends_it(project, server, cli):
    controller, mailbox = server
    settings(project, controller.port)
    toml = (project / "release-pipeline.toml").read_text(encoding="utf-8")
    (project / "release-pipeline.toml").write_text(toml.replace('["text"]', '["text", "email"]'), encoding="utf-8")
    code, _, err = cli("run", EXAMPLE, "--langs", "de", "-q")
    assert code == 0, err
    code, _, _ = cli("send", RELEASE_ID, "--lang", "en")
    assert code == 0 and mailbox.received[0][2] == eml(project).read_bytes()


def test_an_edition_that_is_not_public_is_not_sent(project, server, cli):
    """The run kept German as a preview (not approved): a message to the list would publish it."""
    controller, mailbox = server
    settings(project, controller.port)
    manifest = Manifest.from_json((project / "outputs" / RELEASE_ID / MANIFEST).read_bytes())
    if getattr(manifest, "publication", None) is None:
        pytest.skip("this build's manifest records no publication state (publication/decide.py)")
    code, out, err = cli("send", RELEASE_ID, "--lang", "de")
    assert (code, out) == (2, "") and one_line(err) == (
        f"release-pipeline: error: the 'de' edition of {RELEASE_ID} is not public (preview: not approved yet: "
        "`release-pipeline approve` signs it off); sending it to the list would publish it")
    assert mailbox.received == []


def test_the_lock_holds_the_test_server():
    assert "aiosmtpd==" in (REPO / "requirements.lock").read_text(encoding="utf-8")
