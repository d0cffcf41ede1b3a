"""A `run` while `release-pipeline serve` serves the same project never writes a local address into
the feeds (issue 24, item 10): `serve` writes nothing and sends a feed written for this machine
with its own address in memory (feeds.feed_as_served); the feeds on disk keep the base URL they
were published with. tests/publish/site/test_serve.py checks the default base URL's case (the
folder byte for byte the same before, while and after serving)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from ...conftest import run_in_new_project, write

BASE = "https://press.example.org/releases/"
LOCAL = ("localhost", "127.0.0.1", "[::1]", "0.0.0.0")
SETTINGS = 'engine = "none"\nlanguages = []\neditions = ["text", "audio", "json"]\n'
FIRST = "# Media freedom report published\n\nVIENNA, 5 March 2024 – The Representative published the report today.\n"
SECOND = "# Safety of journalists conference opens\n\nVIENNA, 6 March 2024 – The conference opened today.\n"


@pytest.fixture(scope="module")
def first_published(tmp_path_factory) -> Path:
    """A project that published FIRST with its audio edition (a feed), without a base-url setting."""
    project = tmp_path_factory.mktemp("serve-and-run") / "project"
    write(project / "release-pipeline.toml", SETTINGS)
    run_in_new_project(project, write(project / "first.md", FIRST))
    return project


@pytest.fixture
def project(first_published, tmp_path) -> Path:
    directory = tmp_path / "project"
    shutil.copytree(first_published, directory, symlinks=True)
    return directory


@contextlib.contextmanager
def serving(project: Path):
    """`release-pipeline serve` on a free port of 127.0.0.1; yields its address once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--project", str(project), "--port",
                                str(port), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    address = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(address, timeout=10):
                    break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline and process.poll() is None, process.stderr.read().decode()
                time.sleep(0.2)
        yield address
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C
        process.wait(10)


def feeds_on_disk(project: Path) -> dict[str, bytes]:
    """Every feed file in the project (the output folder and whatever else the run writes: `public/`)."""
    found = {}
    for folder, folders, files in os.walk(project, followlinks=True):
        if Path(folder).name == "feeds":
            found.update({str(Path(folder, name).relative_to(project)): Path(folder, name).read_bytes()
                          for name in files if name.endswith(".xml")})
    return found


def addresses(feed: bytes) -> list[str]:
    parsed = feedparser.parse(feed)
    return [link.href for entry in parsed.entries for link in entry.enclosures] + \
        [entry.link for entry in parsed.entries]


def run_while_serving(project: Path) -> None:
    """Publish a second release while `serve` runs: the site's feeds are written again."""
    with serving(project) as address:
        with urllib.request.urlopen(f"{address}feeds/en.xml", timeout=10) as response:
            assert response.status == 200
        run_in_new_project(project, write(project / "second.md", SECOND))
        with urllib.request.urlopen(f"{address}feeds/en.xml", timeout=10) as response:
            served = response.read()
    return served


def test_a_run_while_serve_runs_writes_the_base_url_into_the_feeds_never_a_local_address(project):
    with (project / "release-pipeline.toml").open("a") as settings:
        settings.write(f'base-url = "{BASE}"\n')
    served = run_while_serving(project)
    feeds = feeds_on_disk(project)
    assert feeds
    for name, feed in feeds.items():
        found = addresses(feed)
        assert len(found) >= 4 and all(a.startswith(BASE) for a in found), (name, found)  # both releases
        assert not any(local in feed.decode() for local in LOCAL), name
    assert served in feeds.values()  # a feed for a real address is sent as it is


def test_a_run_keeps_the_base_url_the_site_was_published_with(project, cli, monkeypatch):
    monkeypatch.chdir(project)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(project / name.lower()))
    code, out, err = cli("publish", "--base-url", BASE, "-q")
    assert code == 0, err
    assert all(a.startswith(BASE) for feed in feeds_on_disk(project).values() for a in addresses(feed))
    run_while_serving(project)
    for name, feed in feeds_on_disk(project).items():
        assert not any(local in feed.decode() for local in LOCAL), name
