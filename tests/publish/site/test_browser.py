"""The site in a real browser: headless Chromium (Debian) against `release-pipeline serve`,
axe-core's WCAG 2.2 AA rules on every page, audio that loads, links that resolve, no script that runs."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest

from ...conftest import EXAMPLE, REPO, SEED, run_in_new_project, write
from .test_site import HOSTILE, write_release_with_blocks

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed):
    for needed in (CHROMIUM, CHROMEDRIVER, AXE):
        assert needed.exists(), f"{needed} is missing: `make setup` installs it"
    project = tmp_path_factory.mktemp("site-project")
    hostile = write(project / "hostile.md", HOSTILE + "\n[A harmless link](https://www.osce.org/)\n")
    blocks = write_release_with_blocks(project)  # a picture, a picture on the web, a table, footnotes
    # Every language public (policy `machine`): the public site, with its statements and metadata, is what is served.
    run_in_new_project(project, SEED, EXAMPLE, hostile, blocks, "--editions", "text,pdf,audio,json", "--publish", "machine")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "pipeline"]
    subprocess.run([*command, "publish", "--project", str(project), "--base-url", base, "--publish", "machine", "-q"],
                   check=True)
    process = subprocess.Popen([*command, "serve", "--project", str(project), "--port", str(port), "-q"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(base + "index.html", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline and process.poll() is None, "release-pipeline serve did not start"
            time.sleep(0.2)
    yield base, project / "public"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def axe_violations(driver) -> list[dict]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        "  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))))"
        "  .catch(e => done([{id: 'axe-error', impact: String(e), nodes: []}]));", WCAG_22_AA)
    return result


def pages(site: Path) -> list[str]:
    """Every page of the public site: the index, each release's pages and accessibility statements."""
    return ["index.html"] + sorted(str(p.relative_to(site)) for pattern in ("*/*/index.html", "*/*/accessibility.html")
                                   for p in site.glob(pattern))


def test_every_page_meets_wcag_22_aa_and_its_links_resolve(server, browser):
    base, outputs = server
    checked = 0
    for page in pages(outputs):
        browser.get(base + page)
        assert browser.execute_script("return document.documentElement.lang"), page
        violations = axe_violations(browser)
        assert violations == [], f"{page}: {json.dumps(violations, ensure_ascii=False)[:800]}"
        hrefs = browser.execute_script("return [...document.querySelectorAll('a[href], link[href]')]"
                                       ".map(a => a.href).filter(h => h.startsWith('http'))")
        for href in {h.split("#")[0] for h in hrefs if h.startswith(base)}:
            status, _, _ = fetch(href)
            assert status == 200, f"{page}: {href}"
        checked += 1
    assert checked == 1 + 2 * 4 * 6  # the index; 4 releases × 6 languages, each a page and a statement


def test_the_audio_player_loads_its_mp3(server, browser):
    base, outputs = server
    for page in sorted(outputs.glob("2024-02-21*/*/index.html")):
        browser.get(base + str(page.relative_to(outputs)))
        source = browser.execute_script("return document.querySelector('audio').currentSrc || document.querySelector('audio').src")
        status, media_type, data = fetch(source)
        assert status == 200 and media_type == "audio/mpeg" and len(data) > 100_000
        duration = browser.execute_async_script(
            "const done = arguments[arguments.length - 1]; const a = document.querySelector('audio');"
            "a.addEventListener('loadedmetadata', () => done(a.duration)); a.addEventListener('error', () => done(-1));"
            "a.preload = 'metadata'; a.load();")
        assert duration > 30, f"{page}: the browser could not load the audio ({duration})"
        transcript = browser.execute_script("return document.querySelector('.player a[href]').href")
        assert fetch(transcript)[0] == 200


def test_a_hostile_release_runs_no_script(server, browser):
    from selenium.common.exceptions import NoAlertPresentException

    base, outputs = server
    for page in sorted(outputs.glob("2024-03-01*/*/index.html")):
        browser.get(base + str(page.relative_to(outputs)))
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 - an alert() would be open here
        # JSON-LD (a data block, never run) is the only script element a page may hold
        assert browser.execute_script("return [...document.scripts].filter(s => s.type !== 'application/ld+json').length") == 0
        assert browser.execute_script("return document.querySelectorAll('[onerror], img').length") == 0
        assert browser.execute_script("return [...document.links].filter(a => a.protocol === 'javascript:').length") == 0
    (english,) = outputs.glob("2024-03-01*/en/index.html")
    browser.get(base + str(english.relative_to(outputs)))
    assert browser.find_element("tag name", "h1").text == "Budget <script>alert(1)</script> news"


def test_pictures_show_and_footnotes_link_both_ways(server, browser):
    base, outputs = server
    for page in sorted(outputs.glob("2024-03-04*/*/index.html")):
        browser.get(base + str(page.relative_to(outputs)))
        local = browser.execute_script(
            "return [...document.querySelectorAll('figure img')].filter(i => i.getAttribute('src').startsWith('../'))"
            ".map(i => [i.complete, i.naturalWidth, i.alt])")
        assert [[complete, width] for complete, width, _ in local] == [[True, 60]] and local[0][2], page
        targets = browser.execute_script(
            "return [...document.querySelectorAll('a[role=doc-noteref], a[role=doc-backlink]')]"
            ".map(a => [a.getAttribute('href'), !!document.getElementById(a.getAttribute('href').slice(1))])")
        assert len(targets) == 4 and all(found for _, found in targets), page
        assert browser.execute_script("return document.querySelectorAll('table caption, table th[scope=col]').length") == 4


def test_feeds_parse_and_every_enclosure_resolves_with_its_length(server):
    base, outputs = server
    for lang in ("en", "fr", "de", "it", "ru", "es"):
        status, media_type, data = fetch(f"{base}feeds/{lang}.xml")
        feed = feedparser.parse(data)
        assert status == 200 and not feed.bozo and feed.feed.language == lang
        assert len(feed.entries) == 4
        for entry in feed.entries:
            (enclosure,) = entry.enclosures
            status, media_type, body = fetch(enclosure.href)
            assert status == 200 and media_type == "audio/mpeg" and len(body) == int(enclosure.length)
            assert fetch(urljoin(base, entry.link))[0] == 200
