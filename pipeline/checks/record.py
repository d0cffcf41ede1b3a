"""What was checked, by what, when, with what result: `CheckRecord`s of a
published release's files, kept as JSON beside the release (`RECORDS`) so
that its accessibility statement (publish/site/statement.py) says what
actually ran.

`run_checks` runs the checks the project has on each file it is given:

| edition | validator | what |
|---|---|---|
| pdf | `page-validation` (PDF/UA-1) | the PDF/UA-1 validator (checks/pdf.py) |
| pdf | release-pipeline PDF checks | tags, /Lang, title, fonts, outline, text (checks/pdf.py, pypdf) |
| epub | EPUBCheck | conformance (checks/epub.py; Java, Debian's epubcheck) |
| epub | DAISY Ace | accessibility, axe-core in Chromium (checks/epub.py; npm @daisy/ace) |
| audio | release-pipeline audio checks | speech, length for the words, tags, chapters (checks/audio.py) |

A check whose tool is missing, or that cannot run (a validator that
crashes), gives no record, never a passed one: the statement lists it as not
checked (`EXPECTED` says which checks each edition should have). Other
editions (text, braille, JSON …) have no automated accessibility check.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from importlib import metadata
from pathlib import Path
from typing import Callable

from .. import NAME, __version__

RECORDS = "checks.json"  # beside the release's manifest
RECORDS_VERSION = 1
PDF_UA = "page-validation (PDF/UA-1)"
PDF_OWN = f"{NAME} PDF checks"
EPUBCHECK = "EPUBCheck"
ACE = "DAISY Ace"
AUDIO = f"{NAME} audio checks"
EXPECTED = {"pdf": (PDF_UA, PDF_OWN), "epub": (EPUBCHECK, ACE), "audio": (AUDIO,)}  # edition → validators
PDF_UA_CHECK = "PDF/UA-1 (page-validation)"  # checks/pdf.py's name for the validator's check
SHOWN_PROBLEMS = 3  # problems named in a summary; the count says how many there are


@dataclass(frozen=True)
class CheckRecord:
    edition: str  # "pdf", "epub", "audio"
    file: str  # the file, relative to the release's folder: "fr/<id>.fr.pdf"
    validator: str  # one of EXPECTED's names
    version: str  # the validator's version
    date: str  # when it ran: RFC 3339
    passed: bool
    summary: str  # the validator's own words (English): counts, the first problems
    lang: str = ""  # the file's language


@dataclass(frozen=True)
class CheckedFile:
    """A file to check: its language, edition and path, the name it is recorded under, and what to
    expect where known (the title; for audio, how many words it should say)."""

    lang: str
    edition: str
    path: Path
    name: str
    title: str | None = None
    words: int | None = None


def run_checks(files: Iterable[CheckedFile], now: dt.datetime | None = None, node_modules: Path | None = None,
               skipped: list[str] | None = None) -> list[CheckRecord]:
    """Every check of every file (see the module's table), in order; `now`: the date recorded (default:
    the clock); `node_modules`: where `@daisy/ace` is installed (no Ace without it); `skipped` gets a
    line per check that could not run."""
    date = (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
    records = []
    for file in files:
        runner = RUNNERS.get(file.edition)
        if runner is None:
            continue
        for validator, outcome in runner(file, node_modules):
            if isinstance(outcome, str):
                if skipped is not None:
                    skipped.append(f"{file.name}: {validator}: {outcome}")
                continue
            version, passed, summary = outcome
            records.append(CheckRecord(file.edition, file.name, validator, version, date, passed, summary, file.lang))
    return records


Outcome = tuple[str, bool, str] | str  # (version, passed, summary), or why it could not run


def _pdf(file: CheckedFile, node_modules: Path | None) -> list[tuple[str, Outcome]]:
    import pypdf

    from .pdf import check_pdf

    try:
        report = check_pdf(file.path.read_bytes(), file.name, lang=file.lang, title=file.title)
    except Exception as error:  # noqa: BLE001 - a validator that crashes has checked nothing
        return [(validator, f"not run: {type(error).__name__}: {error}") for validator in EXPECTED["pdf"]]
    ua = [check for check in report.checks if check.name == PDF_UA_CHECK]
    own = [check for check in report.checks if check.name != PDF_UA_CHECK]
    outcomes: list[tuple[str, Outcome]] = []
    if ua:
        outcomes.append((PDF_UA, (_version("page-validation"), ua[0].passed, ua[0].detail)))
    else:  # pypdf could not read it: the validator never ran
        outcomes.append((PDF_UA, "not run: " + "; ".join(f"{c.name}: {c.detail}" for c in report.failed)))
    outcomes.append((PDF_OWN, (f"{__version__} (pypdf {pypdf.__version__})", all(c.passed for c in own),
                               _report_summary(own))))
    return outcomes


def _epub(file: CheckedFile, node_modules: Path | None) -> list[tuple[str, Outcome]]:
    from .epub import run_ace, run_epubcheck

    outcomes: list[tuple[str, Outcome]] = []
    try:
        report = run_epubcheck(file.path)
    except (FileNotFoundError, RuntimeError, OSError, ValueError) as error:
        outcomes.append((EPUBCHECK, f"not run: {error}"))
    else:
        errors, warnings = report.errors, report.warnings
        summary = f"{len(errors)} errors, {len(warnings)} warnings" + _first(errors or warnings)
        outcomes.append((EPUBCHECK, (report.version, not errors, summary)))
    if node_modules is None:
        outcomes.append((ACE, "not run: no node_modules folder with @daisy/ace given"))
        return outcomes
    try:
        ace = run_ace(file.path, node_modules)
    except (FileNotFoundError, RuntimeError, OSError, ValueError) as error:
        outcomes.append((ACE, f"not run: {error}"))
    else:
        passed = ace.outcome == "pass" and not ace.violations
        summary = f"outcome {ace.outcome or 'unknown'}, {len(ace.violations)} violations" + _first(ace.violations)
        outcomes.append((ACE, (_ace_version(node_modules), passed, summary)))
    return outcomes


def _audio(file: CheckedFile, node_modules: Path | None) -> list[tuple[str, Outcome]]:
    if file.words is None:
        return [(AUDIO, "not run: the number of words it should say is not known")]
    from ..errors import PipelineError
    from ..languages import language
    from .audio import check_mp3

    try:
        report = check_mp3(file.path.read_bytes(), file.words, title=file.title,
                           language=language(file.lang).iso639_2, path=file.name)
    except PipelineError as error:  # ffmpeg missing or the file undecodable
        return [(AUDIO, f"not run: {error}")]
    version = f"{__version__} (mutagen {_version('mutagen')})"
    return [(AUDIO, (version, report.passed, _report_summary(report.checks)))]


RUNNERS: dict[str, Callable[[CheckedFile, Path | None], list[tuple[str, Outcome]]]] = {
    "pdf": _pdf, "epub": _epub, "audio": _audio}


def _report_summary(checks) -> str:
    failed = [check for check in checks if not check.passed]
    summary = f"{len(checks) - len(failed)} of {len(checks)} checks passed"
    if failed:
        summary += "; failed: " + "; ".join(
            f"{check.name}" + (f" ({check.detail})" if check.detail else "") for check in failed[:SHOWN_PROBLEMS])
    return summary


def _first(problems) -> str:
    return ("; " + "; ".join(str(problem) for problem in problems[:SHOWN_PROBLEMS])) if problems else ""


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def _ace_version(node_modules: Path) -> str:
    try:
        return json.loads((node_modules / "@daisy" / "ace" / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


# --- the files of a published release, and the records as JSON -----------------------------------


def files_of_release(directory: Path, manifest) -> list[CheckedFile]:
    """The files of a published release that have checks (EXPECTED), from its manifest (publish/
    manifest.py `Manifest`): each PDF, EPUB and MP3, with the release's title for the source language
    and, for an MP3, the words of its language's plain-text edition (counted at white space: the
    speech-rate range is wide enough for the links and numbers that count differently)."""
    texts = {entry.lang: directory / entry.path for entry in manifest.files if entry.edition == "text"}
    files = []
    for entry in manifest.files:
        if entry.edition not in EXPECTED:
            continue
        words = None
        if entry.edition == "audio" and entry.lang in texts and texts[entry.lang].is_file():
            words = len(texts[entry.lang].read_text(encoding="utf-8").split())
        title = manifest.release.title if entry.lang == manifest.release.lang else None
        files.append(CheckedFile(entry.lang, entry.edition, directory / entry.path, entry.path, title, words))
    return files


def records_json(records: Iterable[CheckRecord]) -> bytes:
    data = {"records_version": RECORDS_VERSION, "records": [asdict(record) for record in records]}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_records(data: bytes | str) -> list[CheckRecord]:
    """The records `records_json` wrote; ValueError when the data is not such a file."""
    try:
        raw = json.loads(data)
        if raw.get("records_version") != RECORDS_VERSION:
            raise ValueError(f"records version {raw.get('records_version')!r}, expected {RECORDS_VERSION}")
        names = {field.name for field in fields(CheckRecord)}
        records = []
        for item in raw["records"]:
            record = CheckRecord(**{key: value for key, value in item.items() if key in names})
            if not isinstance(record.passed, bool):
                raise ValueError(f"passed is {record.passed!r}, not true or false")
            records.append(record)
        return records
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"not a check record file: {error!r}") from None
