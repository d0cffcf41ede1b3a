"""Checks of EPUB files by the reference tools: EPUBCheck (conformance) and DAISY Ace (accessibility).

EPUBCheck is Debian's `epubcheck` (a Java archive: /usr/bin/epubcheck links to
/usr/share/java/epubcheck.jar, which the shell cannot execute without
binfmt support, so it is run with `java -jar`). Its JSON report lists every
message with its severity (FATAL, ERROR, WARNING, USAGE, INFO).

DAISY Ace is the npm package `@daisy/ace`; its `ace-puppeteer` command runs
axe-core in headless Chromium (Debian's, through PUPPETEER_EXECUTABLE_PATH:
puppeteer's own browser download is skipped at install). Its EARL report
(report.json) holds one assertion per document, each with the failed rules.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
# A short-lived JVM: the client compiler alone halves EPUBCheck's start-up on a small book.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


@dataclass(frozen=True)
class Message:
    severity: str  # FATAL, ERROR, WARNING, USAGE, INFO
    id: str  # "RSC-005"
    text: str
    where: str  # "EPUB/content.xhtml:12:30"

    def __str__(self) -> str:
        return f"{self.severity} {self.id} {self.where}: {self.text}"


@dataclass(frozen=True)
class EpubCheckReport:
    messages: tuple[Message, ...]
    version: str

    def of(self, *severities: str) -> list[Message]:
        return [m for m in self.messages if m.severity in severities]

    @property
    def errors(self) -> list[Message]:
        return self.of("FATAL", "ERROR")

    @property
    def warnings(self) -> list[Message]:
        return self.of("WARNING")


def epubcheck_command() -> list[str] | None:
    """How to run EPUBCheck here, or None where it is not installed."""
    jar = EPUBCHECK_JAR
    found = shutil.which("epubcheck")
    if found and Path(found).resolve().suffix == ".jar":
        jar = Path(found).resolve()
    elif found:
        return [found]
    java = shutil.which("java")
    return [java, *JAVA_OPTIONS, "-jar", str(jar)] if java and jar.is_file() else None


def run_epubcheck(path: Path) -> EpubCheckReport:
    command = epubcheck_command()
    if command is None:
        raise FileNotFoundError("EPUBCheck is not installed (Debian package epubcheck)")
    with tempfile.TemporaryDirectory(prefix="release-pipeline-epubcheck-") as scratch:
        report = Path(scratch) / "report.json"
        result = subprocess.run([*command, str(path), "--json", str(report)], capture_output=True, text=True, check=False)
        if not report.exists():
            raise RuntimeError(f"EPUBCheck wrote no report (exit {result.returncode}): {result.stderr.strip()[-500:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    messages = []
    for message in data.get("messages", []):
        locations = message.get("locations") or [{}]
        for location in locations:
            where = ":".join(str(part) for part in (location.get("path", ""), location.get("line", -1),
                                                   location.get("column", -1)) if part not in ("", -1))
            messages.append(Message(message.get("severity", ""), message.get("ID", ""), message.get("message", ""),
                                    where))
    return EpubCheckReport(tuple(messages), data.get("checker", {}).get("checkerVersion", ""))


# --- DAISY Ace ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    document: str
    rule: str  # "metadata-accessmode", "color-contrast" …
    impact: str  # "minor" … "critical"
    description: str

    def __str__(self) -> str:
        return f"{self.impact} {self.rule} in {self.document}: {self.description}"


@dataclass(frozen=True)
class AceReport:
    violations: tuple[Violation, ...]
    outcome: str  # "pass" or "fail"
    metadata: dict  # Ace's "a11y-metadata": present, missing, empty


def ace_command(node_modules: Path) -> list[str] | None:
    """`ace-puppeteer` from a node_modules folder where `@daisy/ace` is installed, or None."""
    command = node_modules / ".bin" / "ace-puppeteer"
    return [str(command)] if command.exists() else None


def chromium() -> str | None:
    return next((found for name in CHROMIUM if (found := shutil.which(name))), None)


def run_ace(path: Path, node_modules: Path, timeout: float = 300) -> AceReport:
    command = ace_command(node_modules)
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or chromium()
    if command is None or browser is None:
        raise FileNotFoundError("DAISY Ace (npm @daisy/ace) or Chromium is not installed")
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": browser}
    with tempfile.TemporaryDirectory(prefix="release-pipeline-ace-") as scratch:
        outdir, tempdir = Path(scratch) / "report", Path(scratch) / "temporary"
        tempdir.mkdir()
        result = subprocess.run([*command, "--silent", "--force", "--outdir", str(outdir), "--tempdir", str(tempdir),
                                 str(path)], capture_output=True, text=True, env=environment, timeout=timeout, check=False)
        report = outdir / "report.json"
        if not report.exists():
            raise RuntimeError(f"Ace wrote no report (exit {result.returncode}): "
                               f"{(result.stderr or result.stdout).strip()[-800:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    violations = []
    for document in data.get("assertions", []):
        name = document.get("earl:testSubject", {}).get("url", "")
        for assertion in document.get("assertions", []):
            if assertion.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            violations.append(Violation(name, test.get("dct:title", ""), test.get("earl:impact", ""),
                                        assertion.get("earl:result", {}).get("dct:description", "")))
    return AceReport(tuple(violations), data.get("earl:result", {}).get("earl:outcome", ""),
                     data.get("a11y-metadata", {}))
