"""What the command line prints: progress on stderr, results on stdout, failures in one line each."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import IO, Sequence

from tqdm import tqdm

from . import NAME
from .commands.memory import MemoryImport
from .commands.review import ExportReport
from .display import display, plural
from .jobs import Job
from .publication.public import PublicReport
from .publish.site import SiteReport
from .run import RunFailure, RunReport
from .translate.stage import TranslatedLanguage

HEARTBEAT = 15.0  # seconds between "still working" lines during long jobs (plain output)


def wants_bar(stream: IO[str]) -> bool:
    """A progress bar only where a person watches a terminal; logs and pipes get plain lines."""
    return stream.isatty() and os.environ.get("TERM") != "dumb"


class Console:
    """A `jobs.Reporter`: progress on stderr, results on stdout; `quiet` keeps only errors.

    On a terminal, a tqdm bar counts the stage's jobs and shows how far the running
    ones are ("translate fr (1200 of 4000 segments)"), under the finished jobs' lines;
    elsewhere a "still working" line every `HEARTBEAT` seconds says the same.
    """

    def __init__(self, quiet: bool = False, stream: IO[str] | None = None, bar: bool | None = None):
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.bar = (not quiet) and (wants_bar(self.stream) if bar is None else bar)
        self._bar: tqdm | None = None
        self._last_line = time.monotonic()

    def say(self, message: str) -> None:
        if not self.quiet:
            self._close_bar()
            print(message, flush=True)

    def progress(self, message: str) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def job_done(self, job: Job, seconds: float, done: int, total: int) -> None:
        width = len(str(total))
        self.progress(f"  [{done:>{width}}/{total}] {job.name} ({seconds:.2f} s)")
        self._last_line = time.monotonic()
        if self.bar:
            if self._bar is None or self._bar.total != total or self._bar.n > done:
                self._close_bar()
                self._bar = tqdm(total=total, unit="job", file=self.stream, leave=False, dynamic_ncols=True)
            self._bar.update(done - self._bar.n)
            self._bar.set_postfix_str("")
            if done >= total:
                self._close_bar()

    def working(self, running: Sequence[str]) -> None:
        if self.quiet:
            return
        if self.bar:
            if self._bar is None:  # nothing finished yet in this stage: a bar without a count
                self._bar = tqdm(total=None, unit="job", file=self.stream, leave=False, dynamic_ncols=True)
            self._bar.set_postfix_str(", ".join(running))
        elif time.monotonic() - self._last_line >= HEARTBEAT:
            self._last_line = time.monotonic()
            self.progress(f"  … still working on {', '.join(running)}")

    def _close_bar(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def report_blocked(languages) -> int:
    """Reviewed translations withheld by QA, one `file.po:LINE: …` line each; exit status 1 if any."""
    lines = [line for language in languages for line in language.blocking]
    for line in lines:
        print(f"{NAME}: error: {line}", file=sys.stderr)
    if lines:
        print(f"{NAME}: {plural(len(lines), 'reviewed translation')} not published (QA); "
              "the editions use the machine translation or the source instead", file=sys.stderr)
    return 1 if lines else 0


NOT_RUN = "not run: "  # jobs.Runner's reason for a job whose dependency failed


def report_failures(failures: Sequence[RunFailure], debug: bool) -> int:
    """One line per failed job on stderr (a traceback only with --debug), the jobs it kept from
    running named on the same line ("not run: render audio fr, render epub fr"); exit status 1 if any."""
    causes = {(failure.release_id, failure.job) for failure in failures}
    kept_back: dict[tuple[str | None, str], list[str]] = {}  # (release, the failed job) → the jobs it kept back
    shown = []
    for failure in failures:
        cause = (failure.release_id, failure.reason.removeprefix(NOT_RUN).removesuffix(" failed"))
        if failure.reason.startswith(NOT_RUN) and cause in causes:
            kept_back.setdefault(cause, []).append(failure.job)
        else:
            shown.append(failure)
    for failure in shown:
        where = f"{failure.release_id}: " if failure.release_id else ""
        not_run = kept_back.get((failure.release_id, failure.job))
        also = f" (not run: {', '.join(not_run)})" if not_run else ""
        print(f"{NAME}: error: {where}{failure.job} failed: {failure.reason}{also}", file=sys.stderr)
        if debug and failure.detail:
            print(failure.detail, file=sys.stderr)
    if failures:
        releases = sorted({f.release_id for f in failures if f.release_id})
        print(f"{NAME}: {plural(len(failures), 'job')} failed after a retry"
              + (f"; not published: {', '.join(releases)} (earlier outputs are intact)" if releases else
                 "; nothing was published"), file=sys.stderr)
    return 1 if failures else 0


def translation_summary(item: TranslatedLanguage) -> str:
    status = item.status
    parts = [f"{status.reviewed} reviewed", f"{status.machine} machine", f"{status.untranslated} untranslated"]
    line = f"  {item.lang}: {plural(status.segments, 'segment')} ({', '.join(parts)})"
    if item.engine.name:
        line += f"; engine {item.engine.version}"
    if item.engine.note:
        line += f"; {item.engine.note}"
    if item.findings:
        line += f"; {plural(item.finding_count, 'QA finding')}"
    if item.catalog_written:
        line += f"; wrote {display(item.catalog)}"
    return line


def qa_summary(items) -> str:
    counts: Counter[str] = Counter()
    for item in items:
        for _, findings in item.findings:
            counts.update(f"{item.lang} {finding.split(':')[0]}" for finding in findings)
    if not counts:
        return ""
    return "QA findings: " + ", ".join(f"{what} ×{n}" for what, n in sorted(counts.items())) + \
        " (see `release-pipeline review`)"


def say_site(console: Console, report: SiteReport, base_url: str, outputs: Path) -> None:
    console.say(f"preview: {plural(report.releases, 'release')}, {plural(len(report.written), 'file')} written, "
                f"{len(report.unchanged)} unchanged"
                + (f", {len(report.removed)} removed" if report.removed else "")
                + f" in {display(outputs)} (`serve --preview`; nothing public links to it)")


def say_public(console: Console, report: PublicReport) -> None:
    """The public tree: switched or unchanged, its new versions and withdrawals."""
    state = "switched to a new tree" if report.changed else "unchanged"
    console.say(f"public: {plural(report.releases, 'release')} in {display(report.path)}, {state}"
                + (f"; new: {', '.join(report.new_versions)}" if report.new_versions else "")
                + (f"; withdrawn: {', '.join(report.withdrawn)}" if report.withdrawn else ""))


def say_states(states) -> None:
    """`status`: a line per release, then its languages' publication states."""
    for item in states:
        print(f"{item.release_id}  {item.state}  ({item.detail})")
        for line in item.languages:
            print(f"  {line}")


def review_counts(reviews) -> str:
    """`review --stats`: one line per language, the number of entries in each state."""
    return "\n".join(f"{item.lang}: {plural(item.segments, 'segment')}, "
                     + ", ".join(f"{n} {state}" for state, n in item.states.items() if n)
                     + f"  {display(item.catalog)}" for item in reviews)


def say_run(console: Console, report: RunReport) -> None:
    """What `run` did: per release its languages and files, the site, QA findings, jobs."""
    for result in report.releases:
        for language in result.languages:
            console.say(translation_summary(language))
        done = result.published
        console.say(f"{result.release_id}: {len(done.written)} written, {len(done.unchanged)} unchanged"
                    + (f", {len(done.removed)} removed" if done.removed else "") + f" in {display(result.directory)}")
        for warning in result.warnings:
            console.say(f"  note: {warning}")
        if done.kept:
            console.say(f"  kept {plural(len(done.kept), 'file')} published earlier and not rebuilt this time "
                        "(`--prune` removes them)")
    if report.site:
        say_site(console, report.site, report.base_url, report.outputs_dir)
    if report.public:
        say_public(console, report.public)
    qa = qa_summary(language for result in report.releases for language in result.languages)
    if qa:
        console.say(qa)
    if report.jobs_ran:
        console.say(f"Ran {plural(report.jobs_ran, 'job')}, {report.jobs_cached} cached, in {report.seconds:.1f} s.")
    elif not report.failures:
        console.say(f"Nothing to do: all {plural(report.jobs_cached, 'job')} were cached."
                    if report.jobs_cached != 1 else "Nothing to do: the one job was cached.")


# --- reviewers' tools: XLIFF, memory import, evaluation ------------------------------------


def say_exchange(report) -> int:
    """`review export` / `review import`: what happened; exit status 1 on conflicts or blocking findings."""
    if isinstance(report, ExportReport):
        print(f"wrote {plural(report.units, f'{report.lang} unit')} as XLIFF {report.version} "
              f"to {display(report.path)}")
        return 0
    print(f"{display(report.path)}: {len(report.imported)} imported "
          f"({sum(state == 'reviewed' for _, state in report.imported)} reviewed), {report.unchanged} unchanged, "
          f"{plural(len(report.conflicts), 'conflict')}" + ("" if report.written else "; nothing written"))
    for segment_id, why in report.conflicts:
        print(f"{NAME}: conflict: {segment_id}: {why}", file=sys.stderr)
    for segment_id, findings in report.findings:
        print(f"  {segment_id}: QA: " + "; ".join(str(f) for f in findings))
    if report.blocking:
        print(f"{NAME}: {plural(len(report.blocking), 'imported translation')} "
              f"{'has' if len(report.blocking) == 1 else 'have'} a blocking finding and will not be "
              "published until fixed", file=sys.stderr)
    return 1 if report.conflicts or report.blocking else 0


def memory_import_line(report: MemoryImport) -> str:
    what = "aligned with confidence" if report.aligned else "read"
    return (f"{report.source}: {report.found}/{plural(report.total, 'pair')} {what}; "
            f"{report.stored} stored in the memory "
            f"({', '.join(report.languages) or 'no target language'}; a more recent translation already there wins)")


def say_evaluation(result, fmt: str = "text") -> int:
    print(evaluation(result, fmt))
    return 0


def evaluation(result, fmt: str = "text") -> str:
    """`evaluate`: one row per engine (chrF, BLEU, share of sentences with QA findings), or JSON."""
    if fmt == "json":
        import json

        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    lines = [f"{result.lang}: {plural(result.sentences, 'aligned sentence')} from {plural(result.releases, 'release')}",
             f"{'engine':<10} {'chrF':>6} {'BLEU':>6} {'QA':>6} {'blocking':>8} {'s':>6}  version"]
    for s in result.scores:
        lines.append(f"{s.engine:<10} {s.chrf:6.1f} {s.bleu:6.1f} {s.findings:6.0%} {s.blocking:8.0%} "
                     f"{s.seconds:6.1f}  {s.version}")
    lines += [f"{engine:<10} skipped: {why}" for engine, why in result.skipped]
    return "\n".join(lines)
