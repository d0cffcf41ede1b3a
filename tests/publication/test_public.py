"""A release through its public life (docs/publishing.md), end to end on the command line:
draft, approval, embargo, publication, correction, withdrawal; and kills never leave a mix."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from pipeline.catalogs.po import po_bytes, read_catalog
from pipeline.fsutil import sha256_file
from pipeline.localise.labels import DRAFT_NOTICE, load_labels
from pipeline.publish.site.serve import make_server

from ..conftest import EXAMPLE, write

RELEASE_ID = "2024-03-05-osce-representative-on-freedom-of-the-media"
BEFORE = "2024-03-05T09:00+01:00"
SETTINGS = 'editions = ["text", "json"]\nlanguages = ["es", "fr"]\n'


def public_files(project: Path) -> list[str]:
    root = project / "public"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def draft(lang: str) -> str:
    """"Draft — not published." in the language (its label catalog)."""
    return load_labels(lang).gettext(DRAFT_NOTICE)


def text_edition(folder: Path, lang: str) -> str:
    return (folder / RELEASE_ID / lang / f"{RELEASE_ID}.{lang}.txt").read_text(encoding="utf-8")


@pytest.fixture
def release(project: Path) -> Path:
    write(project / "release-pipeline.toml", SETTINGS)
    return write(project / "release.md", EXAMPLE.read_text())


def test_by_default_only_the_source_is_public_and_translations_are_drafts(project, release, cli):
    code, out, err = cli("run", release, "--now", BEFORE)
    assert code in (0, 1), err  # 1: QA findings in the machine translations
    files = public_files(project)
    assert f"{RELEASE_ID}/en/{RELEASE_ID}.en.txt" in files
    assert not [f for f in files if "/es/" in f or "/fr/" in f], files
    index = (project / "public" / "index.html").read_text()
    assert RELEASE_ID in index and "/es/" not in index and "/fr/" not in index
    for lang in ("es", "fr"):  # the preview: built, marked as a draft in the language
        assert draft(lang) in text_edition(project / "outputs", lang)
        assert "notices" in json.loads((project / "outputs" / RELEASE_ID / lang / f"{RELEASE_ID}.{lang}.json").read_text())
    assert "Draft" not in text_edition(project / "public", "en")
    manifest = json.loads((project / "outputs" / RELEASE_ID / "manifest.json").read_text())
    assert manifest["publication"]["languages"]["es"]["state"] == "preview"
    assert manifest["publication"]["languages"]["en"]["state"] == "public"


def test_the_machine_policy_publishes_every_translation_and_source_only_none(project, release, cli):
    cli("run", release, "--now", BEFORE, "--publish", "machine")
    assert any("/es/" in f for f in public_files(project))
    assert draft("es") not in text_edition(project / "public", "es")
    cli("run", release, "--now", BEFORE, "--publish", "source-only")
    # Spanish stays public at its last version: a published text is withdrawn, never dropped silently.
    assert any("/es/" in f for f in public_files(project))
    assert draft("es") in text_edition(project / "outputs", "es")


def unreview_first_entry(catalog: Path) -> int:
    messages = read_catalog(catalog)
    message = next(m for m in messages if m.id and m.string)
    message.string = ""
    message.flags.discard("fuzzy")
    catalog.write_bytes(po_bytes(messages))
    return next(m.lineno for m in read_catalog(catalog) if m.id == message.id and m.context == message.context)


def test_approval_publishes_a_language_goes_stale_and_a_correction_keeps_the_first_version(project, release, cli):
    cli("run", release, "--now", BEFORE)
    catalog = project / "locales" / "es" / "releases" / f"{RELEASE_ID}.po"
    original = catalog.read_bytes()
    line = unreview_first_entry(catalog)
    code, out, err = cli("approve", RELEASE_ID, "--lang", "es", "--by", "Ana", "--now", BEFORE)
    assert code == 2 and f"{catalog.name}:{line}: untranslated" in err, err
    assert not (catalog.parent / f"{RELEASE_ID}.approval.json").exists()
    catalog.write_bytes(original)

    code, out, err = cli("approve", RELEASE_ID, "--lang", "es", "--by", "Ana", "--now", "2024-03-05T09:30+01:00")
    assert code == 0, err
    approval = json.loads((catalog.parent / f"{RELEASE_ID}.approval.json").read_text())
    assert approval["by"] == "Ana" and len(approval["source_hash"]) == 64
    cli("publish", "--now", "2024-03-05T10:00+01:00")
    assert f"{RELEASE_ID}/es/{RELEASE_ID}.es.txt" in public_files(project)
    first_es = text_edition(project / "public", "es")
    assert draft("es") not in first_es
    public_manifest = json.loads((project / "public" / RELEASE_ID / "manifest.json").read_text())
    assert public_manifest["publication"]["versions"]["es"][0]["number"] == 1
    (first_entry,) = feedparser.parse((project / "public" / "feeds" / "es.atom").read_bytes()).entries

    # A changed source sentence: refused without a note, then English corrected, Spanish stale.
    release.write_text(EXAMPLE.read_text().replace("1,248 attacks", "1,249 attacks"))
    code, out, err = cli("run", release, "--now", "2024-03-06T09:00+01:00")
    assert code == 2 and "--correction" in err and "changed since it was published" in err
    code, out, err = cli("run", release, "--now", "2024-03-06T09:00+01:00", "--correction", "Figure corrected.")
    assert code in (0, 1), err
    code, out, err = cli("status", "--now", "2024-03-06T09:05+01:00")
    assert "es: preview (approval by Ana on 2024-03-05 is stale: the source text changed since)" in out, out
    assert "en: the source language; public, v2 since 2024-03-06 (corrected)" in out
    assert text_edition(project / "public", "es") == first_es  # the approved version stays public
    assert "Corrected on 6 March 2024: Figure corrected." in text_edition(project / "public", "en")

    code, out, err = cli("approve", release, "--lang", "es", "--by", "Ana", "--correction", "Cifra corregida.",
                         "--now", "2024-03-06T10:00+01:00")
    assert code == 0, err
    cli("publish", "--now", "2024-03-06T10:05+01:00")
    corrected = text_edition(project / "public", "es")
    assert "Cifra corregida." in corrected and corrected != first_es
    (entry,) = feedparser.parse((project / "public" / "feeds" / "es.atom").read_bytes()).entries
    assert entry.id == first_entry.id and entry.published == first_entry.published  # the same item, updated
    assert entry.updated != first_entry.updated and entry.updated.startswith("2024-03-06")
    version_one = project / "public" / RELEASE_ID / "es" / "v1" / f"{RELEASE_ID}.es.txt"
    assert version_one.read_text(encoding="utf-8") == first_es  # the first version, still downloadable
    page = (project / "public" / RELEASE_ID / "es" / "index.html").read_text()
    assert f'href="v1/{RELEASE_ID}.es.txt"' in page
    data = json.loads((project / "public" / RELEASE_ID / "es" / f"{RELEASE_ID}.es.json").read_text())
    assert data["publication"]["correction"] == "Cifra corregida."
    assert data["publication"]["earlier_versions"][0]["folder"] == "v1/"
    versions = json.loads((project / "public" / RELEASE_ID / "manifest.json").read_text())["publication"]["versions"]
    assert [v["number"] for v in versions["es"]] == [1, 2] and versions["es"][1]["correction"] == "Cifra corregida."
    assert versions["es"][0]["published"].startswith("2024-03-05T10:00")


def test_nothing_is_public_before_the_embargo_and_publish_lifts_it(project, release, cli):
    release.write_text("---\nembargo: 2024-03-05T10:00+01:00\n---\n" + EXAMPLE.read_text())
    cli("run", release, "--now", BEFORE)
    assert not [f for f in public_files(project) if RELEASE_ID in f]
    assert RELEASE_ID not in (project / "public" / "index.html").read_text()
    assert "EMBARGOED UNTIL 5 March 2024, 10:00 CET" in text_edition(project / "outputs", "en")
    code, out, err = cli("publish", "--now", "2024-03-05T09:59+01:00")
    assert not [f for f in public_files(project) if RELEASE_ID in f]
    code, out, err = cli("publish", "--now", "2024-03-05T10:00+01:00")
    assert code in (0, 1), err
    public = text_edition(project / "public", "en")
    assert "EMBARGOED" not in public and draft("en") not in public
    assert RELEASE_ID in (project / "public" / "index.html").read_text()


def test_withdrawal_leaves_a_notice_and_410_and_keeps_the_archive(project, release, cli):
    cli("run", release, "--now", BEFORE, "--publish", "machine")
    code, out, err = cli("withdraw", RELEASE_ID, "--reason", "Issued in error.", "--by", "Press Office",
                         "--now", "2024-03-07T12:00+01:00")
    assert code == 0, err
    root = project / "public"
    assert RELEASE_ID not in (root / "index.html").read_text()
    assert not list(root.glob("feeds/*")) or all(RELEASE_ID not in p.read_text() for p in root.glob("feeds/*"))
    for lang in ("en", "es", "fr"):
        page = (root / RELEASE_ID / lang / "index.html").read_text()
        assert "Issued in error." in page and "2024" in page
    assert not list((root / RELEASE_ID).rglob("*.txt"))
    archived = project / "outputs" / ".archive" / RELEASE_ID
    assert (archived / "en" / "v1" / f"{RELEASE_ID}.en.txt").is_file()
    assert json.loads((archived / "withdrawn.json").read_text())["by"] == "Press Office"
    server = make_server(root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/{RELEASE_ID}/"
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(base + f"en/{RELEASE_ID}.en.txt")
        assert gone.value.code == 410
        assert urllib.request.urlopen(base + "en/").status == 200
    finally:
        server.shutdown()
        server.server_close()
    code, out, err = cli("run", release, "--now", "2024-03-08T09:00+01:00", "--publish", "machine")
    assert RELEASE_ID not in (root / "index.html").read_text()  # withdrawn for good


def start(project: Path, *args: str) -> subprocess.Popen:
    environment = {**os.environ, **{name: str(project.parent / name.lower()) for name in
                                    ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}}
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args, "--project", str(project), "-q"],
                            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def public_state(project: Path) -> dict[str, str]:
    """The public tree as one consistent state: every file its manifest lists matches its checksum."""
    root = project / "public"
    if not root.exists():
        return {}
    state = {}
    for manifest_path in root.glob("*/manifest.json"):
        manifest = json.loads(manifest_path.read_text())
        for entry in manifest["files"]:
            assert sha256_file(manifest_path.parent / entry["path"]) == entry["sha256"]
        state[manifest_path.parent.name] = json.dumps(manifest["publication"], sort_keys=True)
    return state


@pytest.mark.slow
def test_kills_during_approve_publish_and_withdraw_leave_the_old_or_the_new_public_state(project, release, cli,
                                                                                          tmp_path):
    cli("run", release, "--now", BEFORE)
    random.seed(20261202)
    steps = [("approve", RELEASE_ID, "--lang", "es", "--by", "Ana", "--now", "2024-03-05T09:30+01:00"),
             ("publish", "--now", "2024-03-05T10:00+01:00"),
             ("withdraw", RELEASE_ID, "--reason", "Issued in error.", "--by", "Press Office",
              "--now", "2024-03-07T12:00+01:00")]
    approval = project / "locales" / "es" / "releases" / f"{RELEASE_ID}.approval.json"
    for number, step in enumerate(steps):
        before = public_state(project)
        rehearsal = tmp_path / f"rehearsal-{number}" / "project"  # the step uninterrupted, on a copy
        shutil.copytree(project, rehearsal, symlinks=True)
        assert start(rehearsal, *step).wait() == 0
        after = public_state(rehearsal)
        for _ in range(4):
            process = start(project, *step)
            time.sleep(random.uniform(0.05, 1.5))
            process.send_signal(signal.SIGKILL)
            process.wait()
            assert public_state(project) in (before, after), f"a mix after a kill during {step[0]}"
            if approval.exists():
                json.loads(approval.read_text())  # whole, never half-written
        assert start(project, *step).wait() in (0, 2)  # 2: withdrawn already, when a kill fell after the switch
        assert public_state(project) == after
    assert approval.exists()
    cli("publish", "--now", "2024-03-08T09:00+01:00")
    assert not [p for p in (project / ".public-trees").iterdir() if p.name.startswith(".staging-")]
