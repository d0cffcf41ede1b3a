"""Bad input gets one line naming the file (and line), a non-zero exit, no traceback, and nothing written.

The corpus is tests/data/bad/, a folder per kind of input, each with its EXPECTED.tsv: a row per
input with the line the error names, the exit status, what the one line says after "FILE:LINE: ",
and, for a fault not yet handled cleanly, why (the row's test is then an xfail(strict=True), so
that the fix shows: remove the reason with it). One parametrised test per kind:

- releases/: release files (Markdown, HTML, .docx, .odt, .eml), each run beside a good release;
- catalogs/: review catalogs of catalogs/RELEASE.md, damaged copies of catalogs/GOOD.po, each put
  in place of the catalog of a project that published it;
- settings/: settings files, each as the project's release-pipeline.toml;
- exchange/: XLIFF files for `review import` and TMX files for `memory import`, in that project;
- arguments/: command lines, in that project (EXPECTED.tsv alone).

"Nothing written": every file, link and folder of the project (and of the folder outside it that a
hostile XLIFF aims at) is the same, byte for byte, after the command (`.work/run.lock`, the
project lock's own file, aside). Exit 1 in catalogs/ is a reviewed translation that QA blocks
(docs/reliability.md): that line names the file and line, the reviewer's text stays in the
catalog, and the release is published without it.
Faults of the project rather than of one file have a test each below; others live with their
module (docs/reliability.md lists them all).
"""

import hashlib
import os
import shlex
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.catalogs.po import read_catalog

from .conftest import EXAMPLE, run_in_new_project, write

BAD = Path(__file__).parent / "data" / "bad"
KINDS = ("releases", "catalogs", "settings", "exchange", "arguments")
RELEASE_ID = "2024-03-05-media-freedom-report-published"  # catalogs/RELEASE.md's
CATALOG = Path("locales") / "fr" / "releases" / f"{RELEASE_ID}.po"
SETTINGS = 'engine = "none"\nlanguages = ["fr"]\neditions = ["text"]\n'
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")


@dataclass(frozen=True)
class Case:
    kind: str  # the corpus folder
    name: str  # the input file (for arguments/, the command line)
    line: int | None
    exit: int
    message: str
    fault: str = ""  # not handled cleanly yet: why

    @property
    def path(self) -> Path:
        return BAD / self.kind / self.name


def expected(kind: str) -> list[Case]:
    """The rows of a kind's EXPECTED.tsv: file, line, exit, message[, fault] (arguments/: no line)."""
    rows = [row.split("\t") for row in (BAD / kind / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines()
            if row and not row.startswith("#")]
    if kind == "arguments":
        rows = [[row[0], "", *row[1:]] for row in rows]
    return [Case(kind, name, int(line) if line else None, int(code), message, *rest)
            for name, line, code, message, *rest in rows]


def cases(kind: str) -> list:
    """The kind's cases as pytest parameters: a case with a fault is an xfail(strict=True) until fixed."""
    return [pytest.param(case, id=case.name, marks=[pytest.mark.xfail(strict=True, reason=case.fault)] if case.fault else [])
            for case in expected(kind)]


def test_every_input_of_the_corpus_has_an_expectation_and_there_are_enough():
    for kind in KINDS[:-1]:
        inputs = sorted(p.name for p in (BAD / kind).iterdir() if p.stem != p.stem.upper())  # not EXPECTED.tsv, GOOD.po …
        assert sorted(case.name for case in expected(kind)) == inputs, kind
    assert sum(len(expected(kind)) for kind in KINDS) >= 86  # issue 24's round of bad inputs


def snapshot(root: Path) -> dict[str, object]:
    """Every folder, link and file under `root` (links not followed): a file by its bytes' SHA-256."""
    found: dict[str, object] = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder, name)
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[relative] = ("link", os.readlink(path))
            elif path.is_dir():
                found[relative] = "folder"
            elif not path.is_file():  # a FIFO a test made: reading it would wait for a writer
                found[relative] = "special"
            elif relative != ".work/run.lock":  # the lock writes its holder's pid into it
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def refused(case: Case, code: int, err: str, named: str) -> None:
    """One line, naming `named` (and the case's line), saying the case's message; the case's exit status."""
    assert code == case.exit, err
    assert err.count("\n") == 1 and err.startswith("release-pipeline") and "Traceback" not in err, err
    assert (f"{named}:{case.line}: " if case.line else f"{named}: ") in err, err
    assert case.message in err, err


# --- releases ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases("releases"))
def test_a_bad_release_is_refused_in_one_line_before_anything_is_written(project, cli, case):
    path = project / case.name
    path.write_bytes(case.path.read_bytes())
    before = snapshot(project)
    code, out, err = cli("run", EXAMPLE, path)  # a good release beside it: nothing of it is written either
    refused(case, code, err, case.name)
    assert snapshot(project) == before


# --- a project that published a release with its reviewed catalog: catalogs, exchange, arguments ----


@pytest.fixture(scope="module")
def reviewed_project(tmp_path_factory) -> Path:
    """catalogs/RELEASE.md published in French with its reviewed catalog, catalogs/GOOD.po."""
    directory = tmp_path_factory.mktemp("reviewed") / "project"
    write(directory / "release-pipeline.toml", SETTINGS)
    (directory / "release.md").write_bytes((BAD / "catalogs" / "RELEASE.md").read_bytes())
    (directory / CATALOG).parent.mkdir(parents=True)
    (directory / CATALOG).write_bytes((BAD / "catalogs" / "GOOD.po").read_bytes())
    run_in_new_project(directory, directory / "release.md")
    return directory


@pytest.fixture
def published(reviewed_project, tmp_path, monkeypatch) -> Path:
    """A copy of `reviewed_project` of this test's own, also the working directory."""
    directory = tmp_path / "project"
    shutil.copytree(reviewed_project, directory, symlinks=True)
    monkeypatch.chdir(directory)
    for name in XDG:
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    return directory


@pytest.mark.parametrize("case", cases("catalogs"))
def test_a_bad_review_catalog_is_refused_in_one_line_naming_its_line(published, cli, case):
    catalog = published / CATALOG
    catalog.write_bytes(case.path.read_bytes())
    before = snapshot(published)
    code, out, err = cli("run", "release.md", "-q")
    if case.exit != 1:
        refused(case, code, err, catalog.name)
        assert snapshot(published) == before
        return
    # QA blocks a reviewed translation: the line names it, the reviewer's text stays, the rest is published
    assert code == 1 and "Traceback" not in err, err
    first = err.splitlines()[0]
    where = f"{catalog.name}:{case.line}: " if case.line else f"{catalog.name}:"
    assert first.startswith("release-pipeline: error: ") and where in first and case.message in first, err
    given = {m.context: m.string for m in read_catalog(case.path) if m.id}
    good = {m.context: m.string for m in read_catalog(BAD / "catalogs" / "GOOD.po") if m.id}
    assert given.items() <= {m.context: m.string for m in read_catalog(catalog) if m.id}.items()
    (text,) = (published / "outputs").glob(f"{RELEASE_ID}/fr/*.txt")
    assert not any(given[key] in text.read_text() for key in given if given[key] != good[key])


def test_a_catalog_entry_without_msgctxt_is_kept_not_a_crash(published, cli):
    """An entry no segment id names (another tool's, an old reviewed one) went into the merge's word
    index, whose role of a segment id None broke with an AttributeError and a traceback."""
    catalog = published / CATALOG
    catalog.write_bytes(catalog.read_bytes() + b'\nmsgid "A sentence no segment has."\nmsgstr "Une phrase."\n\n'
                        b'#~ msgid "An old sentence."\n#~ msgstr "Une ancienne phrase."\n')
    code, out, err = cli("run", "release.md")
    assert code == 0, err
    assert "Une phrase." in catalog.read_text() and "Une ancienne phrase." in catalog.read_text()


# --- settings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases("settings"))
def test_a_bad_settings_file_is_refused_in_one_line(project, cli, case):
    (project / "release-pipeline.toml").write_bytes(case.path.read_bytes())
    source = write(project / "release.md", EXAMPLE.read_text())
    before = snapshot(project)
    code, out, err = cli("run", source)
    refused(case, code, err, "release-pipeline.toml")
    assert snapshot(project) == before


# --- XLIFF and TMX -----------------------------------------------------------------------------


def exchange(kind: str) -> tuple[str, str]:
    """The command that reads a file of this kind."""
    return ("memory", "import") if kind == ".tmx" else ("review", "import")


@pytest.mark.parametrize("case", cases("exchange"))
def test_a_bad_xliff_or_tmx_is_refused_in_one_line_and_nothing_is_imported(published, cli, case):
    other = published.parent / "other"  # where the hostile XLIFFs' file/@original lead
    write(other / "locales" / "fr" / "releases" / "x.po", (BAD / "catalogs" / "GOOD.po").read_text())
    (published / case.name).write_bytes(case.path.read_bytes())
    before = snapshot(published), snapshot(other)
    code, out, err = cli(*exchange(Path(case.name).suffix), case.name)
    refused(case, code, err, case.name)
    assert (snapshot(published), snapshot(other)) == before


SPECIAL = {  # what imports, a file named as the source, and whether it is handled (else why not)
    (".tmx", "fifo"): "",
    (".tmx", "device"): "",
    (".xlf", "fifo"): "",
    (".xlf", "device"): "",
}


@pytest.mark.parametrize("suffix, special", [
    pytest.param(*key, id="-".join(key), marks=[pytest.mark.xfail(strict=True, reason=why)] if why else [])
    for key, why in SPECIAL.items()])
def test_an_import_refuses_a_fifo_or_a_device_at_once(published, cli, suffix, special):
    """/dev/null stands for /dev/zero here (read to the end, /dev/zero would take the test's memory)."""
    path = published / f"special{suffix}"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/null")
    before = snapshot(published)
    result = []
    worker = threading.Thread(target=lambda: result.append(cli(*exchange(suffix), path)), daemon=True)
    worker.start()
    worker.join(timeout=5)  # a refusal is at once
    if worker.is_alive():  # release the blocked reader (it then reads nothing) before failing
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=10)
        pytest.fail("reading a FIFO blocked")
    ((code, out, err),) = result
    refused(Case("", path.name, None, 2, "is not a regular file (a FIFO, a device…)"), code, err, path.name)
    assert snapshot(published) == before


# --- command lines -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases("arguments"))
def test_bad_arguments_are_refused_in_one_line_naming_the_option_or_file(published, command, case):
    (published / "empty-folder").mkdir()
    before = snapshot(published)
    code, out, err = command(*shlex.split(case.name))
    assert code == case.exit, err
    assert err.count("\n") == 1 and err.startswith("release-pipeline") and "Traceback" not in err, err
    assert case.message in err, err
    assert snapshot(published) == before


# --- faults of the project rather than of one file -----------------------------------------------


def test_a_damaged_review_catalog_names_its_file_and_line(project, cli):
    source = write(project / "release.md", EXAMPLE.read_text())
    assert cli("run", source, "--langs", "es")[0] == 0
    (catalog,) = (project / "locales" / "es" / "releases").glob("*.po")
    lines = catalog.read_text(encoding="utf-8").splitlines()
    lines[20] = 'msgstr "an unterminated string'
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(project)
    code, out, err = cli("run", source, "--langs", "es")
    assert code == 2 and f"{catalog.name}:21: PO syntax error" in err and err.count("\n") == 1
    assert snapshot(project) == before
    assert catalog.read_text(encoding="utf-8").splitlines()[20] == 'msgstr "an unterminated string'  # not "repaired"


def test_a_review_catalog_whose_header_names_the_wrong_charset_is_refused_and_kept(project, cli):
    """Issue 24: a UTF-8 catalog saved with `charset=ISO-8859-1` (some editors do) was read as
    Latin-1, every accented letter garbled in every edition, then rewritten so; exit 0."""
    source = write(project / "release.md", EXAMPLE.read_text())
    assert cli("run", source, "--langs", "es")[0] == 0
    (catalog,) = (project / "locales" / "es" / "releases").glob("*.po")
    text = catalog.read_text(encoding="utf-8")
    assert "charset=utf-8" in text and not text.isascii()
    catalog.write_bytes(text.replace("charset=utf-8", "charset=ISO-8859-1").encode("utf-8"))
    before = snapshot(project)
    code, out, err = cli("run", source, "--langs", "es")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{catalog.name}:" in err and "the header says charset=ISO-8859-1 but the file is UTF-8: " in err
    assert snapshot(project) == before


def test_a_review_catalog_saved_with_a_bom_is_read(project, cli):
    """Issue 24: a UTF-8 BOM (Notepad's) was a "PO syntax error"."""
    source = write(project / "release.md", EXAMPLE.read_text())
    assert cli("run", source, "--langs", "es")[0] == 0
    (catalog,) = (project / "locales" / "es" / "releases").glob("*.po")
    catalog.write_bytes(b"\xef\xbb\xbf" + catalog.read_bytes())
    code, out, err = cli("run", source, "--langs", "es")
    assert code == 0, err


def test_a_fifo_is_refused_not_waited_on(project, cli):
    """A FIFO named as the release: the old code blocked in open() for ever (issue 24, item 9)."""
    fifo = project / "release.md"
    os.mkfifo(fifo)
    result = []
    worker = threading.Thread(target=lambda: result.append(cli("run", fifo)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # release the blocked reader (it then reads nothing) before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=10)
        pytest.fail("reading a FIFO blocked")
    ((code, out, err),) = result
    assert code == 2 and "release.md: is not a regular file (a FIFO, a device…)" in err
    assert err.count("\n") == 1 and not (project / "outputs").exists() and not (project / "locales").exists()


def test_a_link_to_a_device_is_refused(project, cli):
    """/dev/null stands for /dev/zero here (the old code read /dev/zero until memory ran out;
    tests/ingest/test_ingest.py checks /dev/zero on the reading function itself)."""
    link = project / "release.md"
    link.symlink_to("/dev/null")
    code, out, err = cli("run", link)
    assert code == 2 and "release.md: is not a regular file (a FIFO, a device…)" in err
    assert err.count("\n") == 1 and not (project / "outputs").exists() and not (project / "locales").exists()


def test_a_picture_outside_the_releases_folder_is_never_read(project, cli):
    """A received page or mail naming `../secret.png` or an absolute path published that file of this
    machine on the site; it is left unread now, with a warning, as a missing picture is."""
    write(project.parent / "secret.png", "\x89PNG\r\n\x1a\nSECRET")
    source = write(project / "release.md", "# A title\n\nVIENNA, 5 March 2024 – Text.\n\n![A map](../secret.png)\n\n"
                   f"![Another map]({project.parent / 'secret.png'})\n")
    code, out, err = cli("run", source, "--langs", "fr", "--editions", "text,json")
    assert code == 0, err
    assert err.count("is outside the release's folder and is not read") == 2, err
    published = [path.read_bytes() for path in (project / "outputs").rglob("*") if path.is_file()]
    assert not any(b"SECRET" in data for data in published)


def test_a_reviewed_translation_with_a_control_character_is_not_published(project, cli):
    """Issue 24: a reviewer's msgstr holding an ESC passed QA and made the PDF of the release fail.
    It is a blocking finding now: the machine text is published instead, and the run names the line."""
    from .catalogs.conftest import review

    write(project / "release-pipeline.toml", 'engine = "apertium"\nlanguages = ["fr"]\neditions = ["text", "pdf"]\n')
    source = write(project / "release.md", "# Media freedom report published\n\n"
                   "VIENNA, 5 March 2024 – The Representative published the report today.\n\n"
                   "Fewer than one in ten cases led to a conviction.\n")
    assert cli("run", source)[0] == 0
    (catalog,) = (project / "locales" / "fr" / "releases").glob("*.po")
    sentence = "Fewer than one in ten cases led to a conviction."
    review(catalog, sentence, "Moins d’un cas sur dix a abouti à une \x1b[31mcondamnation.")
    code, out, err = cli("run", source)
    line = next(m.lineno for m in read_catalog(catalog) if m.id == sentence)  # in the catalog the run wrote
    assert code == 1, err
    assert f"{catalog.name}:{line}: reviewed translation has a control character U+001B" in err
    assert "Traceback" not in err and "PicklingError" not in err
    (text,) = (project / "outputs").glob("*/fr/*.txt")
    assert "\x1b" not in text.read_text() and "condamnation" not in text.read_text()
    assert list((project / "outputs").glob("*/fr/*.pdf"))  # the PDF is published, with the machine text
