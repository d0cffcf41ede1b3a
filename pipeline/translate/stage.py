"""The translate-and-review stage of every target language of a release.

Per release and language: merge the segments into the review catalog (what
is there is kept; fixed phrases come from the label catalogs), check every
reviewed translation (QA), machine-translate what has no translation yet and
what may not be published as it stands (a changed sentence's old
translation, a reviewed entry with a blocking finding), in batch jobs on the
executor, which also tidy and check each machine result (`translate_and_check`:
masking, hygiene, QA, in the worker); write the catalog, and remember reviewed
entries in the translation memory.

A run's machine translation is batched per language pair and engine across all
its releases, then cut into jobs of at most `segments_per_job` segments (whole
releases where they fit), so that a back catalogue spreads over every worker
while each call stays large. The engines translate each text as if alone
(apertium.py says how for Apertium), so the cut changes no byte of any catalog.
Before the first job the workers are checked (`TranslateSettings.workers_need`
and each engine's own needs: one line per worker that lacks something) and
warmed (every worker starts the engines it will use while this process merges
the catalogs).
The catalog is read and written here, in the main process, so that a
reviewer's file is never touched by two processes at once.

The stage reads its `TranslateSettings` (settings.py), not the whole `Config`,
and hands on one frozen `TranslatedLanguage` per release and language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Sequence

from ..catalogs.catalog import (CatalogUpdate, Translation, catalog_path, fallback_of, is_label, reviewed_units,
                                state_of)
from ..catalogs.findings import Finding, from_comments
from ..catalogs.memory import TranslationMemory
from ..catalogs.store import read_existing, write_catalog
from ..display import plural
from ..errors import PipelineError
from ..jobs import Job, Runner
from ..localise.typography import localise_quotes
from ..release import Release, Segmentation, TranslationStatus
from ..release import Segment
from . import EngineChoice, EngineSettings, choose_engine, engine_problem, machine_translate, warm_engines
from .boilerplate import label_translations
from .glossary import Glossary, load_glossary
from .hygiene import agree_articles, strip_unknown_marks, tidy
from .protect import Masked, mask, unmask
from .qa import Checker, control_characters
from .settings import TranslateSettings

# Part of every machine-translation job's key: changes when an engine's output format changes
# (Apertium now keeps its unknown-word marks for QA), so old cached output is not reused.
ENGINE_OUTPUT = "marks-3"  # 3: each text translated as if alone (the tagger's state no longer carries over)


@dataclass(frozen=True)
class TranslatedLanguage:
    """One release in one target language, as the stage hands it on."""

    lang: str
    translations: tuple[Translation, ...]  # one per segment, in order
    status: TranslationStatus
    engine: EngineChoice
    findings: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (segment id, QA findings) checked in this run
    catalog: Path | None = None
    catalog_written: bool = False  # the run changed the catalog file
    # One line per reviewed entry not published because of a blocking finding:
    # "locales/fr/releases/x.po:LINE: reviewed translation drops https://…" (the run exits 1).
    blocking: tuple[str, ...] = ()

    @property
    def finding_count(self) -> int:
        return sum(len(found) for _, found in self.findings)


@dataclass(frozen=True)
class ReleaseToTranslate:
    release: Release
    segmentation: Segmentation
    job_prefix: str = ""  # job-name prefix when a run has several releases


@dataclass
class _Work:
    """One language of one release, through the stage (mutable, private to it)."""

    lang: str
    update: CatalogUpdate
    choice: EngineChoice
    glossary: Glossary = Glossary()
    job: Job | None = None
    to_translate: tuple[Segment, ...] = ()  # update.pending, then update.refresh
    findings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    blocked: set[str] = field(default_factory=set)  # segment ids whose msgstr is not published
    blocked_reviewed: dict[str, list[Finding]] = field(default_factory=dict)  # reviewed ones, with why
    blocked_edited: dict[str, list[Finding]] = field(default_factory=dict)  # machine texts a person edited, with why


def prepare(item: ReleaseToTranslate, settings: TranslateSettings, memory: TranslationMemory,
            languages: dict[tuple[str, str], tuple] | None = None) -> list[_Work]:
    """Read every catalog, check its reviewed entries and plan the machine-translation jobs; writes nothing.
    `languages` keeps what is the same for every release of a run (labels, engine, glossary) per language."""
    release, segmentation = item.release, item.segmentation
    engine_settings = settings.engine
    languages = {} if languages is None else languages
    prepared = []
    for lang in settings.languages:
        if (lang, release.lang) not in languages:
            languages[(lang, release.lang)] = (
                label_translations(lang, [settings.locales_dir]),
                choose_engine(settings.engine_for(lang), engine_settings, release.lang, lang),
                load_glossary(settings.locales_dir, lang))
        labels, choice, glossary = languages[(lang, release.lang)]
        path = catalog_path(settings.locales_dir, lang, release.id)
        update = CatalogUpdate(path, read_existing(path), release, segmentation, lang, memory, labels)
        work = _Work(lang, update, choice, glossary)
        _check_published(work, segmentation)
        work.to_translate = tuple(update.pending) + tuple(update.refresh)
        if work.to_translate and choice.name:
            work.job = Job(
                f"{item.job_prefix}translate {lang}: {len(work.to_translate)} segments with {choice.name}",
                translate_and_check,
                (choice.name, engine_settings, release.lang, lang, tuple(s.text for s in work.to_translate),
                 glossary, f"{choice.version}; {ENGINE_OUTPUT}"),
            )
        prepared.append(work)
    return prepared


def translate_and_check(engine: str, settings: EngineSettings, source: str, target: str, texts: tuple[str, ...],
                        glossary: Glossary, version: str) -> tuple[tuple[str, tuple[Finding, ...]], ...]:
    """A machine-translation job, in a worker: each text masked (protect.py), the batch translated, each
    output tidied, restored and checked (`machine_result`): (the text to keep, its findings) per text.
    `version` (the engine's and model's) is part of the job's key: a new model gives new translations."""
    masked = [mask(text, target, glossary) for text in texts]
    raw = machine_translate(engine, settings, source, target, tuple(m.text for m in masked), version)
    checker = Checker(target, glossary)
    results = []
    for text, masked_text, output in zip(texts, masked, raw):
        final, findings = machine_result(Segment("", 0, text), masked_text, output, target, engine, checker)
        results.append((final, tuple(findings)))
    return tuple(results)


def _check_published(work: _Work, segmentation: Segmentation) -> None:
    """QA on what the catalog already holds and would publish: reviewed entries are checked afresh
    (the reviewer may have edited them), machine entries keep the findings of their translation."""
    update = work.update
    checker = Checker(work.lang, work.glossary)
    refresh = {segment.id for segment in update.refresh}
    pending = {segment.id for segment in update.pending}  # sets: a 1 MB release has thousands of segments
    for segment in segmentation.segments:
        message = update.message(segment)
        if message is None or segment.id in pending or segment.id in refresh:
            continue
        state = state_of(message)
        if state == "reviewed" and not is_label(message):
            findings = checker.translation(segment.text, mask(segment.text, work.lang, work.glossary), message.string)
            update.set_findings(segment, findings)
            if findings:
                work.findings[segment.id] = tuple(str(f) for f in findings)
            blocking = [f for f in findings if f.blocking]
            if blocking:
                work.blocked.add(segment.id)
                work.blocked_reviewed[segment.id] = blocking
                if not fallback_of(message):
                    update.refresh.append(segment)
            else:
                update.set_fallback(segment, None)
        elif state == "machine" and any(f.blocking for f in from_comments(message.user_comments)):
            work.blocked.add(segment.id)  # a machine text that lost a fact: the source is published
        elif state == "machine" and (edited := [f for f in (*control_characters(message.string),
                                                             *checker.tags(segment.text, message.string)) if f.blocking]):
            # A person edited the machine text in place (still fuzzy) and it now holds what no edition may
            # (a control character, a broken tag): the source is published, and the run says so, as for a
            # reviewed entry.
            work.blocked.add(segment.id)
            work.blocked_edited[segment.id] = edited


def machine_result(segment: Segment, masked: Masked, raw: str, lang: str, engine: str | None,
                   checker: Checker) -> tuple[str, list[Finding]]:
    """One engine output → (the text to keep, its findings): marks recorded and stripped,
    articles made to agree, spacing tidied, spans restored, quotation marks localised, checked."""
    marks = strip_unknown_marks(raw, segment.text) if engine == "apertium" else None
    text = marks.text if marks else raw
    articles = agree_articles(text, masked, lang, checker.glossary)
    tidied = tidy(articles.text, lang)
    final = localise_quotes(unmask(tidied.text, masked), lang)
    repairs = [*(marks.findings if marks else ()), *articles.findings, *tidied.findings]
    findings = list(dict.fromkeys(repairs + checker.machine(segment.text, masked, tidied.text, final)))
    return final, findings


def _fill(work: _Work, results: Mapping[str, tuple], segmentation: Segmentation) -> TranslatedLanguage:
    """Fill the catalog (in memory) from the machine output (each text as its job tidied and checked it)."""
    update = work.update
    pending = {segment.id for segment in update.pending}
    if work.job is not None:
        for segment, (final, found) in zip(work.to_translate, results[work.job.key]):
            findings = list(found)
            blocking = any(f.blocking for f in findings)
            if segment.id in pending:
                if findings:
                    work.findings[segment.id] = tuple(str(f) for f in findings)
                update.add_machine(segment, final, work.choice.version, findings)
                if blocking:
                    work.blocked.add(segment.id)
            else:  # published instead of a changed sentence's old translation or a blocked reviewed one
                update.set_fallback(segment, None if blocking else final)
    else:
        for segment in update.pending:
            update.add_untranslated(segment, work.choice.note)
    translations = update.translations(segmentation, frozenset(work.blocked))
    states = [t.state for t in translations]
    status = TranslationStatus(
        source=False,
        segments=len(states),
        reviewed=states.count("reviewed"),
        machine=states.count("machine"),
        untranslated=states.count("untranslated"),
        engines=(work.choice.version,) if work.choice.name and states.count("machine") else (),
    )
    return TranslatedLanguage(work.lang, translations, status, work.choice, tuple(work.findings.items()),
                              update.path, blocking=_blocking_lines(work))


def _blocking_lines(work: _Work) -> tuple[str, ...]:
    if not work.blocked_reviewed and not work.blocked_edited:
        return ()
    lines = work.update.line_numbers()
    blocked = [(segment_id, "reviewed translation", findings) for segment_id, findings in work.blocked_reviewed.items()]
    blocked += [(segment_id, "edited machine translation", findings)
                for segment_id, findings in work.blocked_edited.items()]
    return tuple(
        f"{work.update.path}:{lines.get(segment_id, 0)}: {what} " + "; ".join(f.summary() for f in findings)
        for segment_id, what, findings in sorted(blocked, key=lambda item: lines.get(item[0], 0))
    )


def translate_releases(items: Sequence[ReleaseToTranslate], settings: TranslateSettings,
                       runner: Runner) -> dict[str, tuple[TranslatedLanguage, ...]]:
    """The stage for several releases at once, so their jobs share the executor.

    Writes each catalog that changed and records reviewed entries in the memory.
    """
    pairs = _engine_pairs(items, settings)
    # The workers start while this process reads and merges the catalogs; each starts the engines too
    # when every worker will get jobs of every pair (a small batch: each starts only those it gets).
    jobs_per_pair = -(-sum(len(item.segmentation.segments) for item in items) // settings.segments_per_job)
    everywhere = jobs_per_pair >= getattr(runner.executor, "workers", 0)
    runner.executor.warm(warm_engines, pairs if everywhere else ())
    with TranslationMemory(settings.memory, settings.source_language) as memory:
        languages: dict[tuple[str, str], tuple] = {}
        prepared = {item.release.id: prepare(item, settings, memory, languages) for item in items}
        check_workers(runner, [*settings.workers_need, *((engine_problem, pair) for pair in pairs)])
        works = [work for works in prepared.values() for work in works if work.job]
        results = _run_batched(works, runner, settings.segments_per_job)
        translated = {item.release.id: [_fill(work, results, item.segmentation) for work in prepared[item.release.id]]
                      for item in items}
        out = {}
        for item in items:
            saved = []
            for work, language in zip(prepared[item.release.id], translated[item.release.id]):
                written = write_catalog(work.update)
                memory.record(work.lang, item.release.id, reviewed_units(work.update.catalog))
                saved.append(replace(language, catalog_written=written))
            out[item.release.id] = tuple(saved)
    return out


def _engine_pairs(items: Sequence[ReleaseToTranslate], settings: TranslateSettings) -> tuple[tuple, ...]:
    """(engine, its settings, source, target) for each pair an engine will translate in this run."""
    pairs = {}
    for lang in settings.languages:
        for source in dict.fromkeys(item.release.lang for item in items):
            choice = choose_engine(settings.engine_for(lang), settings.engine, source, lang)
            if choice.name and source != lang:
                pairs[(choice.name, settings.engine, source, lang)] = None
    return tuple(pairs)


def check_workers(runner: Runner, checks: Sequence) -> None:
    """Stop before any job when a worker lacks what the jobs will read: one line, naming each worker."""
    if not checks:
        return
    problems = runner.executor.check_workers(checks)
    if problems:
        raise PipelineError("; ".join(f"{worker}: {', '.join(found)}" for worker, found in problems.items())
                            + " (every worker needs them at the same paths: docs/performance.md)")


def _run_batched(works: Sequence[_Work], runner: Runner, per_job: int) -> Mapping[str, tuple]:
    """The machine translation of all the releases of a run: per language pair and engine, batched
    across releases and cut into jobs of at most `per_job` segments (`_cut`); returns each release's
    share under its own job's key, as `_fill` expects. One release per pair that fits in a job
    runs as its own job, as `status` plans it."""
    batches: dict[tuple, list[_Work]] = {}
    for work in works:
        name, settings, source, target, _, glossary, version = work.job.args
        batches.setdefault((name, settings, source, target, glossary, version), []).append(work)
    if len(batches) == len(works) and all(len(work.job.args[4]) <= per_job for work in works):
        return runner.run([work.job for work in works]) if works else {}
    jobs: dict[Job, list[tuple[_Work, int, int]]] = {}
    for (name, settings, source, target, glossary, version), group in batches.items():
        cuts = _cut(group, per_job)
        for number, cut in enumerate(cuts, 1):
            texts = tuple(text for work, start, end in cut for text in work.job.args[4][start:end])
            part = f" ({number} of {len(cuts)})" if len(cuts) > 1 else ""
            releases = plural(len({id(work) for work, _, _ in cut}), "release")
            jobs[Job(f"translate {target}{part}: {len(texts)} segments of {releases} with {name}",
                     translate_and_check, (name, settings, source, target, texts, glossary, version))] = cut
    done = runner.run(list(jobs))
    shares: dict[str, list] = {}
    for job, cut in jobs.items():
        translations, offset = done[job], 0
        for work, start, end in cut:
            shares.setdefault(work.job.key, []).extend(translations[offset:offset + end - start])
            offset += end - start
    return {key: tuple(share) for key, share in shares.items()}


def _cut(group: Sequence[_Work], per_job: int) -> list[list[tuple[_Work, int, int]]]:
    """The releases' segments in jobs of at most `per_job`: whole releases while they fit (so that a
    batch with one more release changes only the last job's key), a bigger release in pieces."""
    cuts: list[list[tuple[_Work, int, int]]] = [[]]
    size = 0
    for work in group:
        count = len(work.job.args[4])
        if size and size + count > per_job:
            cuts.append([])
            size = 0
        for start in range(0, count, per_job):
            end = min(start + per_job, count)
            if size and size + end - start > per_job:
                cuts.append([])
                size = 0
            cuts[-1].append((work, start, end))
            size += end - start
    return [cut for cut in cuts if cut]


def translations_if_cached(item: ReleaseToTranslate, settings: TranslateSettings,
                           runner: Runner) -> tuple[tuple[TranslatedLanguage, ...], dict[str, int]]:
    """What the stage would hand on, from the cache alone, writing nothing (for `status`).

    Returns (the languages, {lang: segments still to machine-translate}); when
    anything is left to translate the languages are empty.
    """
    with TranslationMemory(settings.memory, settings.source_language) as memory:
        prepared = prepare(item, settings, memory)
    missing = {work.lang: len(work.update.pending) for work in prepared
               if work.job is not None and work.job.key not in runner.cache}
    if missing:
        return (), missing
    results = {work.job.key: runner.cache.load(work.job.key) for work in prepared if work.job is not None}
    return tuple(_fill(work, results, item.segmentation) for work in prepared), {}

