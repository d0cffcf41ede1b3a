"""The pipeline from top to bottom. Start reading here.

`run` is the whole job of `release-pipeline run`:

1. **parse**: every release file becomes a `Release` and its `Segmentation`
   (ingest/, segment.py); one bad file stops the run before any work;
2. **translate**: per target language, merge the segments into the review
   catalog, machine-translate what is new, check it (translate/stage.py);
3. **plan**: per language a localise job, and per edition a render job that
   depends on it (`plan_release`); the job graph is keyed by its inputs;
4. **render**: the runner runs what is not cached, on the executor (jobs.py);
5. **publish**: each release's files and manifest (publish/writer.py), then
   the download site (publish/site/).

`status` answers "what would `run` do?" from the same `parse_release_file`,
translation and `plan_release` code, without running or writing anything.
The other commands (review, models, memory, check, publish, serve) are small
functions at the end, so that the command line (cli.py) only parses and prints.
"""

from __future__ import annotations

import fcntl
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .audio.lexicon import load_lexicon
from .audio.script import speech_script
from .config import PAPERS, Config
from .editions import EDITIONS, EditionSettings, edition, render
from .editions.audio import record_speech
from .errors import InputError, PipelineError
from .fsutil import sha256_file
from .ingest import SUFFIXES as RELEASE_SUFFIXES
from .ingest import read_release
from .jobs import EXECUTORS, Cache, Job, JobsFailed, Reporter, Runner, make_executor, record_inputs, walk, why_stale
from .localise import localise_source, localise_target
from .localise.labels import load_labels
from .publish.manifest import Source, read_manifest, release_directories
from .publish.site import SiteReport, build_site
from .publish.writer import EditionFile, OutputFolder, PublishReport, publish_release
from .release import Release, Segmentation
from .segment import segment_release
from .translate import argos
from .translate.catalog import catalog_path, reviewed_units
from .translate.glossary import load_glossary
from .translate.memory import TranslationMemory, memory_path
from .translate.po import read_catalog
from .translate.review import LanguageReview, format_text, has_blocking, review_language, to_json
from .translate.stage import (
    ReleaseToTranslate,
    TranslatedLanguage,
    engine_settings,
    translate_releases,
    translations_if_cached,
)

DEFAULT_PORT = 8000
# The registries, for the command line's choices: each list lives in one place.
EDITION_NAMES = tuple(EDITIONS)
EXECUTOR_NAMES = tuple(EXECUTORS)
__all__ = ["PAPERS", "EDITION_NAMES", "EXECUTOR_NAMES", "Job", "SiteReport", "TranslatedLanguage",
           "format_text", "has_blocking", "to_json"]


class Silent:
    """A `Reporter` (jobs.py) that keeps quiet; the command line's is console.Console."""

    def progress(self, message: str) -> None:
        pass

    def job_done(self, job: Job, seconds: float, done: int, total: int) -> None:
        pass

    def working(self, running: Sequence[str]) -> None:
        pass


@dataclass(frozen=True)
class ParsedRelease:
    release: Release
    source: Source
    segmentation: Segmentation
    job_prefix: str = ""  # job-name prefix when a run has several releases


@dataclass(frozen=True)
class PlannedFile:
    lang: str
    kind: str  # edition name
    localised: Job  # → LocalisedRelease
    rendered: Job  # → Rendered


@dataclass(frozen=True)
class ReleasePlan:
    parsed: ParsedRelease
    files: tuple[PlannedFile, ...]

    @property
    def targets(self) -> list[Job]:
        return [job for file in self.files for job in (file.localised, file.rendered)]


@dataclass(frozen=True)
class ReleaseResult:
    release_id: str
    directory: Path
    languages: tuple[TranslatedLanguage, ...]
    published: PublishReport


@dataclass(frozen=True)
class RunFailure:
    release_id: str
    job: str  # "render audio fr"
    reason: str  # one line
    detail: str = ""  # the traceback, for --debug


class StageFailed(Exception):
    """Jobs of a stage failed twice; the run stopped before writing (the command exits 1)."""

    def __init__(self, failures: tuple[RunFailure, ...]):
        self.failures = failures
        super().__init__("; ".join(f"{f.job}: {f.reason}" for f in failures))


class ProjectLock:
    """One run at a time per project: a second one is refused, naming the first.

    An advisory `flock` on `.work/run.lock`, released by the kernel when the
    process ends, so a killed run never leaves a stale lock behind.
    """

    def __init__(self, config: Config):
        self.path = config.path(config.work_dir) / "run.lock"
        self.project = config.project_dir
        self._file = None

    def __enter__(self) -> ProjectLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            raise PipelineError(f"another run (pid {holder}) holds {display(self.project)}; "
                                "wait for it to finish (nothing was written)") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            self._file.close()  # closing releases the lock
            self._file = None


@dataclass(frozen=True)
class RunReport:
    releases: tuple[ReleaseResult, ...]  # the releases published
    outputs_dir: Path
    site: SiteReport | None
    base_url: str
    jobs_ran: int
    jobs_cached: int
    seconds: float
    failures: tuple[RunFailure, ...] = ()  # their releases were not published


# --- run ------------------------------------------------------------------------------


def run(paths: Sequence[Path], config: Config, reporter: Reporter = Silent(), prune: bool = False) -> RunReport:
    """Parse, translate, plan, render and publish every release in `paths`.

    A job that fails twice stops only its own release: the others are
    published, and the report lists the failures (the command exits 1).
    """
    started = time.perf_counter()
    parsed = parse_releases(paths, config, reporter)
    with ProjectLock(config):
        for line in OutputFolder(config.outputs_dir).recover():
            reporter.progress(f"note: {line}")
        check_ids_are_free(parsed, config)
        executor = make_executor(config.executor, config.workers)
        runner = Runner(Cache(config.cache_dir), executor, reporter)
        try:
            translated = translate(parsed, config, runner)
            plans = [plan_release(p, translated[p.release.id], config) for p in parsed]
            targets = [job for plan in plans for job in plan.targets]
            pending = runner.pending(targets)
            if pending:
                reporter.progress(f"{len(pending)} of {len(walk(targets))} edition jobs to run")
            results = runner.run(targets, keep_going=True)
        finally:
            executor.close()
        failed = {failure.job.key for failure in runner.failures}
        complete = [plan for plan in plans if not any(job.key in failed for job in plan.targets)]
        releases = tuple(publish(plan, translated[plan.parsed.release.id], results, config, prune)
                         for plan in complete)
        for plan in complete:
            record_inputs(inputs_record(config, plan.parsed.release.id), plan.targets)
        base_url = site_base_url(config, None)
        site = build_site(config.outputs_dir, base_url, config.organisation, [config.locales_dir]) \
            if "json" in config.editions and releases else None
    for key in runner.cache.healed:
        reporter.progress(f"note: a damaged cache entry ({key[:12]}…) was removed and its job ran again")
    return RunReport(releases, config.outputs_dir, site, base_url, len(runner.stats.ran), runner.stats.cached,
                     time.perf_counter() - started, failures=_failures(plans, runner))


def translate(parsed: Sequence[ParsedRelease], config: Config,
              runner: Runner) -> dict[str, tuple[TranslatedLanguage, ...]]:
    """The translate stage for every release; an engine that fails twice stops the run before any
    catalog is written (`StageFailed`)."""
    try:
        return translate_releases(
            [ReleaseToTranslate(p.release, p.segmentation, p.job_prefix) for p in parsed], config, runner)
    except JobsFailed as error:
        raise StageFailed(tuple(RunFailure("", f.job.name, f.reason, f.detail) for f in error.failures)) from None


def _failures(plans: Sequence[ReleasePlan], runner: Runner) -> tuple[RunFailure, ...]:
    """The failed jobs, each with the release it belongs to (which was not published)."""
    owner = {job.key: plan.parsed.release.id for plan in plans for job in walk(plan.targets)}
    return tuple(RunFailure(owner.get(f.job.key, ""), f.job.name.split(": ", 1)[-1], f.reason, f.detail)
                 for f in runner.failures)


def release_files(paths: Sequence[Path]) -> list[Path]:
    """The release files that paths name: files as given, folders' release files, glob patterns expanded.

    A back catalogue runs as one batch: `run archive/2024/` or `run 'archive/**/*.md'`.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in RELEASE_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                raise InputError(path, f"no release files in this folder (looked for {', '.join(RELEASE_SUFFIXES)})")
            files += found
        elif any(char in str(path) for char in "*?[") and not path.exists():
            found = sorted(p for p in Path().glob(str(path)) if p.is_file())
            if not found:
                raise InputError(path, "no file matches this pattern")
            files += found
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def parse_releases(paths: Sequence[Path], config: Config, reporter: Reporter = Silent()) -> list[ParsedRelease]:
    """Parse every release first: one bad file stops the run before any work."""
    parsed = []
    seen: dict[str, Path] = {}
    for path in release_files(paths):
        item = parse_release_file(path, config)
        if item.release.id in seen:
            raise InputError(path, f"release id {item.release.id!r} is also the id of {seen[item.release.id]}")
        seen[item.release.id] = path
        for warning in item.release.warnings:  # e.g. an unknown front-matter key, kept in the JSON edition
            reporter.progress(warning)
        for place in unknown_places(item.release):
            reporter.progress(f"{display(path)}: note: no CLDR city is called {place!r}; it stays as written "
                              "in every language (set 'timezone:' in the front matter to localise it)")
        parsed.append(item)
    if len(parsed) > 1:
        parsed = [replace(item, job_prefix=f"{item.release.id[:32]}: ") for item in parsed]
    return parsed


def parse_release_file(path: Path, config: Config) -> ParsedRelease:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_release says what is wrong with the path
    if size > config.max_release_size:
        raise InputError(path, f"{size:,} bytes is over the limit of {config.max_release_size:,} bytes "
                               "for one release (setting 'max-release-size')")
    release = read_release(path, config.source_language)
    source = Source(_source_path(path, config), sha256_file(path))
    return ParsedRelease(release, source, segment_release(release))


def unknown_places(release: Release) -> list[str]:
    return [place.name for place in release.dateline.places if place.timezone is None] if release.dateline else []


def plan_release(parsed: ParsedRelease, translated: Sequence[TranslatedLanguage], config: Config) -> ReleasePlan:
    """Per language a localise job; per language and edition a render job that depends on it."""
    release, segmentation, prefix = parsed.release, parsed.segmentation, parsed.job_prefix

    # Label catalogs are read here, once, and go into the jobs' keys: an edited label re-renders.
    def labels(lang: str):
        return load_labels(lang, [config.locales_dir])

    localised = {release.lang: Job(f"{prefix}localise {release.lang}", localise_source,
                                   (release, segmentation, labels(release.lang)))}
    for item in translated:
        localised[item.lang] = Job(f"{prefix}localise {item.lang}", localise_target,
                                   (release, segmentation, item.lang, item.translations, item.status, labels(item.lang)))
    settings = edition_settings(config)
    files: list[PlannedFile] = []
    for lang, localised_job in localised.items():
        # Each language's editions see its own lexicon and the source's (for untranslated passages).
        lexicons = tuple(load_lexicon(tag, [config.locales_dir]) for tag in dict.fromkeys([lang, release.lang]))
        glossary = load_glossary(config.locales_dir, lang) if lang != release.lang else None
        language_settings = replace(settings, lexicons=lexicons, glossary=glossary)
        # One synthesis and MP3 per language for the recorded editions (MP3, captions, EPUB).
        narration = Job(f"{prefix}record {lang}", record_speech, (localised_job, language_settings))
        for kind in config.editions:
            recorded = edition(kind).recorded  # an unknown edition fails here, before anything runs
            rendered = Job(f"{prefix}render {kind} {lang}", render,
                           (kind, localised_job, language_settings, *((narration,) if recorded else ())))
            files.append(PlannedFile(lang, kind, localised_job, rendered))
    return ReleasePlan(parsed, tuple(files))


def edition_settings(config: Config) -> EditionSettings:
    logo = config.path(config.logo) if config.logo else None
    return EditionSettings(
        organisation=config.organisation, paper=config.paper, fonts_dir=str(config.path(config.fonts_dir)),
        logo=str(logo) if logo else None, logo_sha256=sha256_file(logo) if logo else None, logo_alt=config.logo_alt,
        base_url=config.base_url,
    )


def publish(plan: ReleasePlan, translated: Sequence[TranslatedLanguage], results: dict,
            config: Config, prune: bool = False) -> ReleaseResult:
    """Write one release's rendered files and manifest (only after all its jobs succeeded)."""
    release = plan.parsed.release
    files = [EditionFile(file.lang, file.kind, results[file.rendered.key], results[file.localised.key].status)
             for file in plan.files]
    folder = OutputFolder(config.outputs_dir)
    publish_release(folder, release, plan.parsed.source, files, prune)
    return ReleaseResult(release.id, config.outputs_dir / release.id, tuple(translated), folder.report)


def check_ids_are_free(parsed: Sequence[ParsedRelease], config: Config) -> None:
    """A release id already published from another source that still exists is refused.

    Two releases whose titles make the same id (two Russian titles on one day
    both become `2024-03-01-release`) would otherwise overwrite each other's
    outputs and review catalogs. A source that moved (the old path is gone)
    keeps its id.
    """
    for item in parsed:
        manifest = read_manifest(config.outputs_dir / item.release.id)
        if manifest is None or manifest.release.source.path == item.source.path:
            continue
        other = config.path(Path(manifest.release.source.path))
        if other.is_file() and other.resolve() != config.path(Path(item.source.path)).resolve():
            raise InputError(Path(item.source.path), f"release id {item.release.id!r} is already used by "
                             f"{manifest.release.source.path}; give this release its own 'id:' in the front matter")


# --- status: what would `run` do? -------------------------------------------------------


@dataclass(frozen=True)
class ReleaseState:
    release_id: str
    state: str  # "up to date", "stale", "damaged", "orphaned", "broken" (manifest unreadable)
    detail: str


def status(config: Config) -> list[ReleaseState]:
    """Each release's state; reads only: a damaged cache entry is reported, not removed (`run` heals it)."""
    runner = Runner(Cache(config.cache_dir, read_only=True), make_executor("serial", 1))
    return [release_state(directory, config, runner) for directory in release_directories(config.outputs_dir)]


def release_state(directory: Path, config: Config, runner: Runner) -> ReleaseState:
    def state(name: str, detail: str) -> ReleaseState:
        return ReleaseState(directory.name, name, detail)

    damaged_before = len(runner.cache.healed)

    def damaged_cache(stale: str) -> ReleaseState | None:
        found = len(runner.cache.healed) - damaged_before
        return state("damaged", f"{plural(found, 'damaged cache entry', 'damaged cache entries')}; {stale} "
                                "(the published files are intact): run again") if found else None

    manifest = read_manifest(directory)
    if manifest is None:
        return state("broken", "manifest.json unreadable: run again")
    missing = [f.path for f in manifest.files if not (directory / f.path).is_file()]
    modified = [f.path for f in manifest.files
                if f.path not in missing and sha256_file(directory / f.path) != f.sha256]
    if missing or modified:
        return state("damaged", f"{plural(len(missing), 'file')} missing, {len(modified)} changed since written: "
                                "run again")
    source = manifest.release.source
    source_path = config.path(Path(source.path))
    if not source_path.is_file():
        return state("orphaned", f"source {source.path} not found; {plural(len(manifest.files), 'file')} ok")
    if sha256_file(source_path) != source.sha256:
        return state("stale", f"source {source.path} changed since the last run")
    try:
        parsed = parse_release_file(source_path, config)
        translated, to_translate = translations_if_cached(
            ReleaseToTranslate(parsed.release, parsed.segmentation), config, runner)
    except PipelineError as error:
        return state("stale", f"cannot plan: {error}")
    if to_translate:
        stale = "segments to translate: " + ", ".join(f"{lang} {n}" for lang, n in to_translate.items())
        return damaged_cache(stale) or state("stale", stale)
    plan = plan_release(parsed, translated, config)
    pending = runner.pending(plan.targets)
    total = len(walk(plan.targets))
    planned = {f"{file.lang}/{file.kind}" for file in plan.files}
    produced = {f"{f.lang}/{f.edition}" for f in manifest.files}
    if pending or planned != produced:
        record = inputs_record(config, parsed.release.id)
        reasons = "; ".join(f"{job.name} ({why_stale(job, record)})" for job in pending[:4])
        more = " …" if len(pending) > 4 else ""
        stale = f"{len(pending)} of {plural(total, 'job')} to run"
        return damaged_cache(stale) or state("stale", stale + (f": {reasons}{more}" if reasons else ""))
    return state("up to date", f"{plural(len(manifest.files), 'file')} ok, {'all ' * (total > 1)}"
                               f"{plural(total, 'job')} cached")


def inputs_record(config: Config, release_id: str) -> Path:
    """Where a run records its jobs' inputs for `status` to compare with."""
    return config.path(config.work_dir) / "inputs" / f"{release_id}.json"


# --- review: what a reviewer should look at ----------------------------------------------


def review(release: str, config: Config, lang: str | None = None) -> list[LanguageReview]:
    """Each language's worklist for reviewers (translate/review.py), from the release's catalogs."""
    release_id = find_release(release, config).id
    reviews = []
    for tag in [lang] if lang else config.all_languages[1:]:
        path = catalog_path(config.locales_dir, tag, release_id)
        if not path.exists():
            raise PipelineError(f"no {tag} catalog for {release_id} ({path}): run the release first")
        reviews.append(review_language(path, tag))
    return reviews


def speech(release_or_path: str | Path, config: Config, lang: str) -> str:
    """What the audio edition of a release in `lang` will say (audio/script.py), from the same
    localised release, lexicons and glossary the render job gets; writes nothing."""
    if lang not in config.all_languages:
        raise PipelineError(f"--lang: {lang!r} is not one of this project's languages "
                            f"({', '.join(config.all_languages)})")
    path = find_release(str(release_or_path), config).source_file()
    parsed = parse_release_file(path, config)
    release = parsed.release
    labels = load_labels(lang, [config.locales_dir])
    if lang == release.lang:
        localised = localise_source(release, parsed.segmentation, labels)
    else:
        runner = Runner(Cache(config.cache_dir, read_only=True), make_executor("serial", 1))
        translated, missing = translations_if_cached(ReleaseToTranslate(release, parsed.segmentation), config, runner)
        if missing:
            raise PipelineError(f"the {lang} translation is not ready: run `release-pipeline run {display(path)}` first")
        item = next(t for t in translated if t.lang == lang)
        localised = localise_target(release, parsed.segmentation, lang, item.translations, item.status, labels)
    lexicons = [load_lexicon(tag, [config.locales_dir]) for tag in dict.fromkeys([lang, release.lang])]
    return speech_script(localised, lexicons, organisation=config.organisation,
                         office_names=tuple(load_glossary(config.locales_dir, lang).terms))


@dataclass(frozen=True)
class FoundRelease:
    id: str
    path: Path | None  # its source file: as given, else the one its manifest names (None: unknown)

    def source_file(self) -> Path:
        if self.path is None or not self.path.is_file():
            where = f"its source file {display(self.path)} is gone" if self.path else "no source file is known for it"
            raise PipelineError(f"release {self.id}: {where}; give the release file instead of its id")
        return self.path


def find_release(value: str, config: Config) -> FoundRelease:
    """RELEASE as every command takes it: a release file, or the id of a release of this project
    (published in the output folder, or with review catalogs in locales/)."""
    path = Path(value)
    if path.is_file():
        return FoundRelease(read_release(path, config.source_language).id, path)
    known = known_releases(config)
    if value in known:
        return FoundRelease(value, known[value])
    ids = sorted(known)
    listed = (f"its releases: {', '.join(ids[:5])}" + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
              if ids else "it has no release yet")
    raise PipelineError(f"RELEASE {value!r} is neither a release file nor the id of a release in "
                        f"{config.project_dir} ({listed})")


def known_releases(config: Config) -> dict[str, Path | None]:
    """Release id → source file, for the releases in the output folder and those with review catalogs."""
    found: dict[str, Path | None] = {path.stem: None for path in config.locales_dir.glob("*/releases/*.po")}
    for directory in release_directories(config.outputs_dir):
        manifest = read_manifest(directory)
        if manifest is not None:
            found[directory.name] = config.path(Path(manifest.release.source.path))
    return found


# --- models, memory, check, publish, serve ----------------------------------------------


def models_dir(config: Config) -> Path:
    return argos.models_dir(engine_settings(config))


def list_models(config: Config) -> list[argos.InstalledModel]:
    return argos.installed_models(models_dir(config))


def install_models(config: Config, source: Path | None, languages: Sequence[str]) -> list[argos.InstalledModel]:
    if source:
        return argos.install_from_path(source, models_dir(config))
    if languages:
        return argos.install_from_index(languages, models_dir(config), config.source_language)
    raise PipelineError("say what to install: language codes (from the Argos index) or --from DIR_OR_FILE")


def remove_models(config: Config, languages: Sequence[str]) -> list[argos.InstalledModel]:
    if not languages:
        raise PipelineError("say which models to remove: language codes (fr), pairs (en_fr) or package codes")
    return argos.remove(languages, models_dir(config))


def open_memory(config: Config) -> TranslationMemory:
    return TranslationMemory(memory_path(config.locales_dir), config.source_language)


def rebuild_memory(config: Config, memory: TranslationMemory) -> int:
    """Record every reviewed entry of every review catalog; returns how many."""
    total = 0
    for path in sorted(config.locales_dir.glob("*/releases/*.po")):
        total += memory.record(path.parent.parent.name, path.stem, reviewed_units(read_catalog(path)))
    return total


# --- reviewers' tools: XLIFF round trip, memory import and alignment, engine evaluation ---
# (imports inside the functions: translate-toolkit's XLIFF/TMX classes and sacrebleu load only when used)


@dataclass(frozen=True)
class ExportReport:
    path: Path
    units: int
    lang: str
    version: str  # XLIFF version


@dataclass(frozen=True)
class MemoryImport:
    source: str  # what was read, for the report
    stored: int  # units added or updated (a more recent translation already there wins)
    found: int  # pairs read (TMX) or confidently aligned
    total: int  # TMX pairs, or alignment beads
    languages: tuple[str, ...]
    aligned: bool = False  # from `memory align` (else a TMX file)


def exchange_review(action: str, value: str | None, config: Config, lang: str | None, fmt: str,
                    output: Path | None):
    """`review export RELEASE` (an ExportReport) or `review import FILE` (an ImportReport)."""
    if not value:
        raise PipelineError(f"review {action} needs " + ("a release" if action == "export" else "an XLIFF file"))
    return export_review(value, config, lang, fmt, output) if action == "export" else import_review(Path(value), config)


def export_review(release: str, config: Config, lang: str | None, fmt: str, output: Path | None) -> ExportReport:
    """One language's review catalog of a release as XLIFF 2.1 or 1.2 (translate/xliff.py)."""
    from .fsutil import atomic_write_bytes
    from .translate.xliff import FORMATS, export_catalog

    if fmt not in FORMATS or not lang or output is None:
        raise PipelineError("review export needs --lang LANG, --format xliff (2.1) or xliff12 (1.2) and -o FILE")
    release_id = find_release(release, config).id
    path = catalog_path(config.locales_dir, lang, release_id)
    if not path.exists():
        raise PipelineError(f"no {lang} catalog for {release_id} ({path}): run the release first")
    data, units = export_catalog(read_catalog(path), release_id, lang, config.source_language, fmt)
    atomic_write_bytes(output, data)
    return ExportReport(output, units, lang, FORMATS[fmt])


def import_review(path: Path, config: Config):
    """A CAT tool's XLIFF back into the PO catalog, checked by QA, never over a newer PO edit."""
    from .translate.glossary import load_glossary
    from .translate.protect import mask
    from .translate.qa import Checker
    from .translate.xliff import apply_exchange, read_exchange

    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, error.strerror or str(error)) from None
    exchange = read_exchange(data, path)
    catalog = catalog_path(config.locales_dir, exchange.lang, exchange.release_id)
    if not catalog.exists():
        raise InputError(path, f"its catalog {display(catalog)} does not exist in this project")
    glossary = load_glossary(config.locales_dir, exchange.lang)
    checker = Checker(exchange.lang, glossary, config.source_language)
    with ProjectLock(config):  # never while a run works on the same catalogs
        return apply_exchange(exchange, catalog, lambda source, text: checker.translation(
            source, mask(source, exchange.lang, glossary), text))


def import_memory(config: Config, memory: TranslationMemory, action: str, files: Sequence[Path],
                  lang: str | None) -> MemoryImport:
    """`memory import FILE.tmx` or `memory align EN_FILE TRANSLATED_FILE --lang LANG`."""
    import datetime as dt

    if action == "import":
        from .translate.tmx import read_tmx

        if len(files) != 1:
            raise PipelineError("memory import takes one TMX file")
        units = [u for u in read_tmx(files[0], config.source_language, config.all_languages) if not lang or u.lang == lang]
        languages = tuple(sorted({u.lang for u in units}))
        stored = sum(memory.import_units(tag, f"TMX {files[0].name}", [(u.source, u.target, u.updated)
                                                                        for u in units if u.lang == tag])
                     for tag in languages)
        return MemoryImport(display(files[0]), stored, len(units), len(units), languages)
    from .translate.align import align_releases

    if len(files) != 2 or not lang:
        raise PipelineError("memory align takes EN_FILE TRANSLATED_FILE and --lang LANG")
    alignment = align_releases(files[0], files[1], lang, config.source_language)
    # Dated by the translated file: a later reviewed entry of the same sentence wins over the archive.
    when = dt.datetime.fromtimestamp(files[1].stat().st_mtime, dt.timezone.utc).isoformat(timespec="seconds")
    stored = memory.import_units(lang, f"aligned {files[1].name}", [(s, t, when) for s, t in alignment.pairs])
    return MemoryImport(f"{display(files[0])} + {display(files[1])}", stored, len(alignment.pairs),
                        alignment.beads, (lang,), aligned=True)


def evaluate_engines(config: Config, references: Path, lang: str):
    """chrF, BLEU and QA share of every available engine against past human translations."""
    from .translate.evaluate import evaluate
    from .translate.glossary import load_glossary

    return evaluate(references, lang, engine_settings(config), load_glossary(config.locales_dir, lang),
                    config.source_language)


def check_pdfs(paths: Sequence[Path], lang: str | None, title: str | None, text: Path | None) -> Iterator:
    """Accessibility reports of PDF files made by the pipeline or elsewhere."""
    from .checks.pdf import check_pdf

    expected_text = None
    if text:
        try:
            expected_text = text.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(text, f"cannot read the expected text: {error}") from None
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(path, error.strerror or str(error)) from None
        if not data.startswith(b"%PDF-"):
            raise InputError(path, "not a PDF file (it does not start with %PDF-)")
        yield check_pdf(data, display(path), lang=lang, title=title, text=expected_text)


def site_base_url(config: Config, given: str | None, port: int = DEFAULT_PORT) -> str:
    return given or config.base_url or f"http://localhost:{port}/"


def publish_site(config: Config, base_url: str | None) -> tuple[SiteReport, str]:
    if not config.outputs_dir.is_dir():
        raise InputError(config.outputs_dir, "no output folder yet; run `release-pipeline run RELEASE.md` first")
    url = site_base_url(config, base_url)
    return build_site(config.outputs_dir, url, config.organisation, [config.locales_dir]), url


def serve(config: Config, host: str, port: int, quiet: bool, started: Callable[[str], None]) -> None:
    from .publish.site.serve import serve as serve_folder

    if not (config.outputs_dir / "index.html").is_file():
        raise InputError(config.outputs_dir, "no site to serve yet; run `release-pipeline publish` first")

    # Serving writes nothing: a feed written for this machine gets the address served in memory (site/serve.py).
    serve_folder(config.outputs_dir, host, port, quiet, started)


# --- helpers ---------------------------------------------------------------------------


def _source_path(path: Path, config: Config) -> str:
    resolved = path.resolve()
    if resolved.is_relative_to(config.project_dir):
        return resolved.relative_to(config.project_dir).as_posix()
    return str(resolved)


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """A count and its noun, for every message that counts: "1 QA finding", "2 QA findings"."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    absolute = Path(os.path.abspath(path))  # not resolve(): outputs/<id> is a link, shown as the link
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
