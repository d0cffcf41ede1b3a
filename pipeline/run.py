"""The pipeline from top to bottom. Start reading here.

`run` is the whole job of `release-pipeline run`:

1. **parse**: every release file becomes a `Release` and its `Segmentation`
   (ingest/, segment.py); one bad file stops the run before any work;
2. **translate**: per target language, merge the segments into the review
   catalog, machine-translate what is new, check it (translate/stage.py);
3. **plan**: per language a localise job, and per edition a render job that
   depends on it (`plan_release`); the job graph is keyed by its inputs;
4. **render**: the runner runs what is not cached, on the executor (jobs.py);
5. **publish**: each release's files and manifest (publish/writer.py), the
   preview site in the build folder (publish/site/), then the public tree
   with what is public at this instant (publication/: policy, approvals,
   embargo, corrections, withdrawal).

status.py answers "what would `run` do?" from the same `parse_release_file`,
translation and `plan_release` code; the other commands are in commands/.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from .audio.lexicon import load_lexicon
from .audio.record import record_speech
from .commands.site import site_base_url
from .config import Config
from .display import display
from .editions import EditionSettings, Rendered, edition, render
from .errors import InputError
from .fsutil import sha256_file
from .ingest import read_release, release_files
from .jobs import Cache, Job, JobsFailed, Reporter, Results, Runner, make_executor, record_inputs, walk
from .localise import localise_source, localise_target
from .localise.labels import load_labels
from .lock import ProjectLock
from .publish.ids import check_ids_are_free
from .publish.manifest import Source
from .publish.site import SiteReport, build_site
from .publish.writer import EditionFile, OutputFolder, PublishReport, publish_release
from .publication.decide import LanguageState, Occasion, decide_release, localise_arguments
from .publication.moments import current
from .publication.public import PublicReport, PublicTree
from .release import LocalisedRelease, Release, Segmentation
from .segment import segment_release
from .translate.glossary import load_glossary
from .translate.settings import translate_settings
from .translate.stage import ReleaseToTranslate, TranslatedLanguage, translate_releases


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
    localised: Job[LocalisedRelease]
    rendered: Job[Rendered]


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
    warnings: tuple[str, ...] = ()  # what editions could not do in full (a character no font has …)


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
    public: PublicReport | None = None


# --- run ------------------------------------------------------------------------------


def run(paths: Sequence[Path], config: Config, reporter: Reporter = Silent(), prune: bool = False,
        occasion: Occasion | None = None) -> RunReport:
    """Parse, translate, plan, render and publish every release in `paths`, at `occasion.now`.

    A job that fails twice stops only its own release: the others are
    published, and the report lists the failures (the command exits 1).
    """
    started = time.perf_counter()
    occasion = occasion or Occasion(current(None))
    parsed = parse_releases(paths, config, reporter)
    public = PublicTree(config)
    with ProjectLock(config) as lock:
        for line in OutputFolder(config.outputs_dir).recover() + public.recover() + lock.remove_leftovers():
            reporter.progress(f"note: {line}")
        check_ids_are_free([(p.release.id, p.source.path) for p in parsed], config)
        executor = make_executor(config.executor, config.workers)
        runner = Runner(Cache(config.cache_dir), executor, reporter)
        try:
            translated = translate(parsed, config, runner)
            records = public.records()  # read once: every release's public history
            states = {p.release.id: decide_release(p.release, p.segmentation, translated[p.release.id], config,
                                                   records, occasion, p.source.path) for p in parsed}
            plans = [plan_release(p, translated[p.release.id], config, states[p.release.id]) for p in parsed]
            targets = [job for plan in plans for job in plan.targets]
            pending = runner.pending(targets)
            if pending:
                reporter.progress(f"{len(pending)} of {len(walk(targets))} edition jobs to run")
            results = runner.run(targets, keep_going=True)
        finally:
            executor.close()
        failed = {failure.job.key for failure in runner.failures}
        complete = [plan for plan in plans if not any(job.key in failed for job in plan.targets)]
        releases = tuple(publish(plan, translated[plan.parsed.release.id], results, config, prune,
                                 states[plan.parsed.release.id]) for plan in complete)
        for plan in complete:
            record_inputs(inputs_record(config, plan.parsed.release.id), plan.targets)
        base_url = site_base_url(config, None)
        site = build_site(config.outputs_dir, base_url, config.organisation, [config.locales_dir]) \
            if "json" in config.editions and releases else None  # the preview: everything built
        published = public.update(occasion.now.isoformat(), base_url, config.organisation, [config.locales_dir])
    for key in runner.cache.healed:
        reporter.progress(f"note: a damaged cache entry ({key[:12]}…) was removed and its job ran again")
    return RunReport(releases, config.outputs_dir, site, base_url, len(runner.stats.ran), runner.stats.cached,
                     time.perf_counter() - started, failures=_failures(plans, runner), public=published)


def translate(parsed: Sequence[ParsedRelease], config: Config,
              runner: Runner) -> dict[str, tuple[TranslatedLanguage, ...]]:
    """The translate stage for every release; an engine that fails twice stops the run before any
    catalog is written (`StageFailed`)."""
    try:
        return translate_releases([ReleaseToTranslate(p.release, p.segmentation, p.job_prefix) for p in parsed],
                                  translate_settings(config), runner)
    except JobsFailed as error:
        raise StageFailed(tuple(RunFailure("", f.job.name, f.reason, f.detail) for f in error.failures)) from None


def _failures(plans: Sequence[ReleasePlan], runner: Runner) -> tuple[RunFailure, ...]:
    """The failed jobs, each with the release it belongs to (which was not published)."""
    owner = {job.key: plan.parsed.release.id for plan in plans for job in walk(plan.targets)}
    return tuple(RunFailure(owner.get(f.job.key, ""), f.job.name.split(": ", 1)[-1], f.reason, f.detail)
                 for f in runner.failures)


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
    release = read_release(path, config.source_language, config.max_release_size)
    source = Source(_source_path(path, config), sha256_file(path), str(config.project_dir))
    return ParsedRelease(release, source, segment_release(release))


def unknown_places(release: Release) -> list[str]:
    return [place.name for place in release.dateline.places if place.timezone is None] if release.dateline else []


def plan_release(parsed: ParsedRelease, translated: Sequence[TranslatedLanguage], config: Config,
                 states: dict[str, LanguageState] | None = None) -> ReleasePlan:
    """Per language a localise job; per language and edition a render job that depends on it.
    `states`: each language's publication state, whose lines (draft, embargo, correction) the editions carry."""
    release, segmentation, prefix = parsed.release, parsed.segmentation, parsed.job_prefix
    notice = localise_arguments(states or {})

    # Label catalogs are read here, once, and go into the jobs' keys: an edited label re-renders.
    def labels(lang: str):
        return load_labels(lang, [config.locales_dir])

    localised = {release.lang: Job(f"{prefix}localise {release.lang}", localise_source,
                                   (release, segmentation, labels(release.lang), *notice.get(release.lang, ())))}
    for item in translated:
        localised[item.lang] = Job(f"{prefix}localise {item.lang}", localise_target,
                                   (release, segmentation, item.lang, item.translations, item.status, labels(item.lang),
                                    *notice.get(item.lang, ())))
    settings = edition_settings(config)
    files: list[PlannedFile] = []
    for lang, localised_job in localised.items():
        localised_job = replace(localised_job, group=f"{release.id} {lang}")  # with its quick editions: one task
        # Each language's editions see its own lexicon and the source's (for untranslated passages).
        lexicons = tuple(load_lexicon(tag, [config.locales_dir]) for tag in dict.fromkeys([lang, release.lang]))
        glossary = load_glossary(config.locales_dir, lang) if lang != release.lang else None
        language_settings = replace(settings, lexicons=lexicons, glossary=glossary)
        # One synthesis and MP3 per language for the recorded editions (MP3, captions, EPUB).
        narration = Job(f"{prefix}record {lang}", record_speech, (localised_job, language_settings))
        for kind in config.editions:
            recorded = edition(kind).recorded  # an unknown edition fails here, before anything runs
            rendered = Job(f"{prefix}render {kind} {lang}", render, (kind, localised_job, language_settings,
                           *((narration,) if recorded else ())), group="" if recorded else localised_job.group)
            files.append(PlannedFile(lang, kind, localised_job, rendered))
    return ReleasePlan(parsed, tuple(files))


def edition_settings(config: Config) -> EditionSettings:
    logo = config.path(config.logo) if config.logo else None
    return EditionSettings(
        organisation=config.organisation, paper=config.paper, fonts_dir=str(config.path(config.fonts_dir)),
        logo=str(logo) if logo else None, logo_sha256=sha256_file(logo) if logo else None, logo_alt=config.logo_alt,
        base_url=config.base_url, speech_cache=str(config.speech_cache_dir), notes_in_audio=config.notes_in_audio,
        braille_grade=config.braille_grade, braille_cells=config.braille_cells, braille_lines=config.braille_lines,
        email_from=config.email.sender, email_to=config.email.to, email_reply_to=config.email.reply_to,
        list_unsubscribe=config.email.list_unsubscribe,
    )


def publish(plan: ReleasePlan, translated: Sequence[TranslatedLanguage], results: Results,
            config: Config, prune: bool = False, states: dict[str, LanguageState] | None = None) -> ReleaseResult:
    """Write one release's rendered files and manifest (only after all its jobs succeeded)."""
    release = plan.parsed.release
    files = [EditionFile(file.lang, file.kind, results[file.rendered], results[file.localised].status)
             for file in plan.files]
    folder = OutputFolder(config.outputs_dir)
    publication = {"languages": {lang: state.to_dict() for lang, state in states.items()}} if states else None
    publish_release(folder, release, plan.parsed.source, files, prune, publication)
    warnings = tuple(dict.fromkeys(line for file in files for line in file.rendered.warnings))
    return ReleaseResult(release.id, config.outputs_dir / release.id, tuple(translated), folder.report, warnings)


def inputs_record(config: Config, release_id: str) -> Path:
    """Where a run records its jobs' inputs for `status` to compare with."""
    return config.path(config.work_dir) / "inputs" / f"{release_id}.json"


def _source_path(path: Path, config: Config) -> str:
    resolved = path.resolve()
    if resolved.is_relative_to(config.project_dir):
        return resolved.relative_to(config.project_dir).as_posix()
    return str(resolved)
